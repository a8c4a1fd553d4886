#include "httprequestparser.h"

#include <cstring>

namespace Coroscope::Http {

namespace {

// RFC 9110 5.6.2 tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != '\0';
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Field values may hold HTAB, visible ASCII and obs-text; any other control byte is an attack
// or a broken client (a bare CR could split a header for a less careful parser downstream).
bool isFieldValue(QByteArrayView text)
{
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

bool isWhitespace(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && isWhitespace(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isWhitespace(text.back()))
        text.chop(1);
    return text;
}

// Calls f for each comma-separated item, trimmed; a header list such as "a, b" (RFC 9110 5.6.1).
template<typename F> bool forEachItem(QByteArrayView list, F f)
{
    while (true) {
        const qsizetype comma = list.indexOf(',');
        if (!f(trimmed(comma < 0 ? list : list.first(comma))))
            return false;
        if (comma < 0)
            return true;
        list = list.sliced(comma + 1);
    }
}

bool equalsIgnoringCase(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

// Digits only: no sign, no whitespace, no hex; 18 digits cannot overflow a qint64.
bool parseDecimal(QByteArrayView text, qint64 *value)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    qint64 result = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        result = result * 10 + (c - '0');
    }
    *value = result;
    return true;
}

// Strips the line terminator (CRLF, or a bare LF as RFC 9112 2.2 allows) from a line that ends
// in '\n'; false if a CR remains inside it.
bool stripLineEnd(QByteArrayView *line)
{
    line->chop(1);
    if (!line->isEmpty() && line->back() == '\r')
        line->chop(1);
    return !line->contains('\r');
}

} // namespace

RequestParser::RequestParser(ParserLimits limits)
    : m_limits(limits)
{
}

RequestParser::Result RequestParser::fail(int status, const char *text)
{
    m_state = State::Error;
    m_errorStatus = status;
    m_errorText = QByteArray(text);
    m_head = QByteArray();
    m_line = QByteArray();
    return Result::Error;
}

Request RequestParser::takeRequest()
{
    Request request = std::move(m_request);
    m_request = Request();
    m_state = State::Head;
    m_head.clear();
    m_lineStart = 0;
    m_lines = 0;
    m_leadingEmptyLines = 0;
    m_bodyBytes = 0;
    m_trailerBytes = 0;
    return request;
}

RequestParser::Result RequestParser::takeLine(QByteArrayView data, qsizetype *consumed,
                                              QByteArray *line, qsizetype max, int tooLongStatus,
                                              const char *tooLongText)
{
    const qsizetype start = *consumed;
    const char *newline
        = static_cast<const char *>(std::memchr(data.data() + start, '\n', data.size() - start));
    const qsizetype end = newline ? newline - data.data() + 1 : data.size();
    if (line->size() + (end - start) > max)
        return fail(tooLongStatus, tooLongText);
    line->append(data.data() + start, end - start);
    *consumed = end;
    return newline ? Result::Complete : Result::NeedMore;
}

RequestParser::Result RequestParser::feed(QByteArrayView data, qsizetype *consumed)
{
    *consumed = 0;
    while (*consumed < data.size() || m_state == State::Done) {
        switch (m_state) {
        case State::Error:
            return Result::Error;
        case State::Done:
            return Result::Complete;
        case State::Head: {
            // Still in the request line: it is the target that is too long.
            const bool requestLine = m_lines == 0;
            const Result r = takeLine(
                data, consumed, &m_head, m_limits.maxHeadBytes, requestLine ? 414 : 431,
                requestLine ? "request line too long" : "request header fields too large");
            if (r != Result::Complete)
                return r;
            const qsizetype lineLength = m_head.size() - m_lineStart;
            const bool empty
                = lineLength == 1 || (lineLength == 2 && m_head.at(m_lineStart) == '\r');
            if (!empty) {
                ++m_lines;
                m_lineStart = m_head.size();
                continue;
            }
            if (m_lines == 0) {
                // RFC 9112 2.2: ignore empty lines before a request (some clients send a CRLF
                // after a POST body), but not without end.
                m_head.clear();
                m_lineStart = 0;
                if (++m_leadingEmptyLines > 16)
                    return fail(400, "empty lines instead of a request");
                continue;
            }
            const Result head = parseHead();
            if (head != Result::Complete)
                return head;
            if (m_request.contentLength == 0) {
                m_state = State::Done;
                return Result::Complete;
            }
            if (m_request.contentLength > 0) {
                m_remaining = m_request.contentLength;
                m_state = State::Body;
            } else {
                m_state = State::ChunkSize;
                m_line.clear();
            }
            return Result::HeadComplete;
        }
        case State::Body: {
            const qint64 take = std::min<qint64>(m_remaining, data.size() - *consumed);
            *consumed += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::Done;
            break;
        }
        case State::ChunkSize: {
            // A chunk-size line is short; 1 KiB leaves room for chunk extensions.
            const Result r = takeLine(data, consumed, &m_line, 1024, 400);
            if (r != Result::Complete)
                return r;
            QByteArrayView line(m_line);
            if (!stripLineEnd(&line))
                return fail(400, "malformed chunk size");
            if (const qsizetype semicolon = line.indexOf(';'); semicolon >= 0)
                line = line.first(semicolon); // chunk extensions are allowed and ignored
            line = trimmed(line);
            if (line.isEmpty() || line.size() > 15)
                return fail(400, "malformed chunk size");
            qint64 size = 0;
            for (char c : line) {
                int digit = -1;
                if (c >= '0' && c <= '9')
                    digit = c - '0';
                else if (c >= 'a' && c <= 'f')
                    digit = c - 'a' + 10;
                else if (c >= 'A' && c <= 'F')
                    digit = c - 'A' + 10;
                if (digit < 0)
                    return fail(400, "malformed chunk size");
                size = size * 16 + digit;
            }
            m_line.clear();
            m_bodyBytes += size;
            if (m_bodyBytes > m_limits.maxBodyBytes)
                return fail(413, "request body too large");
            m_remaining = size;
            m_state = size == 0 ? State::Trailer : State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qint64 take = std::min<qint64>(m_remaining, data.size() - *consumed);
            *consumed += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            const Result r = takeLine(data, consumed, &m_line, 2, 400);
            if (r != Result::Complete)
                return r;
            QByteArrayView line(m_line);
            if (!stripLineEnd(&line) || !line.isEmpty())
                return fail(400, "chunk data not followed by CRLF");
            m_line.clear();
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailer: {
            const qsizetype before = *consumed;
            // m_trailerBytes already counts the part of this line taken so far.
            const qsizetype earlierLines = m_trailerBytes - m_line.size();
            const Result r
                = takeLine(data, consumed, &m_line, m_limits.maxHeadBytes - earlierLines, 431);
            if (r == Result::Error)
                return r;
            m_trailerBytes += *consumed - before;
            if (r != Result::Complete)
                return r;
            QByteArrayView line(m_line);
            if (!stripLineEnd(&line))
                return fail(400, "malformed trailer");
            if (line.isEmpty()) {
                m_state = State::Done;
            } else {
                const qsizetype colon = line.indexOf(':');
                if (colon <= 0 || !isToken(line.first(colon)))
                    return fail(400, "malformed trailer");
            }
            m_line.clear();
            break;
        }
        }
    }
    return Result::NeedMore;
}

RequestParser::Result RequestParser::parseHead()
{
    QByteArrayView rest(m_head);
    const auto nextLine = [&rest](QByteArrayView *line) {
        const qsizetype newline = rest.indexOf('\n');
        *line = rest.first(newline + 1);
        rest = rest.sliced(newline + 1);
        return stripLineEnd(line);
    };

    QByteArrayView requestLine;
    if (!nextLine(&requestLine))
        return fail(400, "bare CR in the request line");
    // method SP request-target SP HTTP-version, single spaces (RFC 9112 3).
    const qsizetype firstSpace = requestLine.indexOf(' ');
    const qsizetype secondSpace = firstSpace < 0 ? -1 : requestLine.indexOf(' ', firstSpace + 1);
    if (firstSpace <= 0 || secondSpace < 0)
        return fail(400, "malformed request line");
    const QByteArrayView method = requestLine.first(firstSpace);
    const QByteArrayView target = requestLine.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
    const QByteArrayView version = requestLine.sliced(secondSpace + 1);
    if (!isToken(method))
        return fail(400, "malformed method");
    if (target.isEmpty())
        return fail(400, "empty request target");
    for (char c : target) {
        if (c <= ' ' || c == 0x7f || static_cast<unsigned char>(c) >= 0x80)
            return fail(400, "malformed request target");
    }
    const bool originForm = target.front() == '/';
    const bool absoluteForm = target.startsWith("http://") || target.startsWith("https://");
    if (!originForm && !absoluteForm && target != "*")
        return fail(400, "malformed request target");
    if (version == "HTTP/1.1") {
        m_request.minorVersion = 1;
    } else if (version == "HTTP/1.0") {
        m_request.minorVersion = 0;
    } else if (version.size() == 8 && version.startsWith("HTTP/") && version.at(6) == '.') {
        return fail(505, "only HTTP/1.0 and HTTP/1.1 are supported");
    } else {
        return fail(400, "malformed HTTP version");
    }
    m_request.method = method.toByteArray();
    m_request.target = target.toByteArray();

    int hosts = 0;
    bool haveLength = false;
    bool chunked = false;
    bool transferEncoding = false;
    bool closeToken = false;
    bool keepAliveToken = false;
    while (!rest.isEmpty()) {
        QByteArrayView line;
        if (!nextLine(&line))
            return fail(400, "bare CR in a header field");
        if (line.isEmpty())
            break; // the blank line that ends the head
        if (isWhitespace(line.front()))
            return fail(400, "obsolete line folding is not accepted");
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return fail(400, "malformed header field name");
        if (m_request.headers.size() >= m_limits.maxHeaderFields)
            return fail(431, "too many header fields");
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        if (!isFieldValue(value))
            return fail(400, "malformed header field value");
        m_request.headers.append({name.toByteArray(), value.toByteArray()});

        if (equalsIgnoringCase(name, "host")) {
            ++hosts;
            m_request.host = value.toByteArray();
        } else if (equalsIgnoringCase(name, "content-length")) {
            // A list of identical values is allowed (RFC 9110 8.6); any disagreement is not.
            const char *problem = nullptr;
            forEachItem(value, [&](QByteArrayView item) {
                qint64 length = 0;
                if (!parseDecimal(item, &length))
                    problem = "malformed Content-Length";
                else if (haveLength && length != m_request.contentLength)
                    problem = "conflicting Content-Length";
                haveLength = true;
                m_request.contentLength = length;
                return problem == nullptr;
            });
            if (problem)
                return fail(400, problem);
        } else if (equalsIgnoringCase(name, "transfer-encoding")) {
            transferEncoding = true;
            int status = 0;
            forEachItem(value, [&](QByteArrayView item) {
                if (item.isEmpty())
                    return true;
                if (chunked) // chunked must be the last coding, and only once
                    status = 400;
                else if (!equalsIgnoringCase(item, "chunked"))
                    status = 501;
                chunked = true;
                return status == 0;
            });
            if (status == 400)
                return fail(400, "chunked is not the final transfer coding");
            if (status == 501)
                return fail(501, "only the chunked transfer coding is supported");
        } else if (equalsIgnoringCase(name, "connection")) {
            forEachItem(value, [&](QByteArrayView item) {
                closeToken = closeToken || equalsIgnoringCase(item, "close");
                keepAliveToken = keepAliveToken || equalsIgnoringCase(item, "keep-alive");
                return true;
            });
        } else if (equalsIgnoringCase(name, "expect")) {
            m_request.expectContinue = equalsIgnoringCase(value, "100-continue");
        }
    }

    if (hosts > 1 || (hosts == 0 && m_request.minorVersion == 1))
        return fail(400, "an HTTP/1.1 request needs exactly one Host header");
    if (transferEncoding) {
        // Both framings at once is how requests are smuggled past a proxy (RFC 9112 6.3).
        if (haveLength)
            return fail(400, "Transfer-Encoding together with Content-Length");
        if (m_request.minorVersion == 0)
            return fail(400, "Transfer-Encoding in an HTTP/1.0 request");
        if (!chunked)
            return fail(400, "chunked is not the final transfer coding");
        m_request.contentLength = -1;
    } else if (m_request.contentLength > m_limits.maxBodyBytes) {
        return fail(413, "request body too large");
    }
    m_request.keepAlive = !closeToken && (m_request.minorVersion == 1 || keepAliveToken);
    m_head.clear();
    return Result::Complete;
}

} // namespace Coroscope::Http
