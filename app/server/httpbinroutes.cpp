#include "httpbinroutes.h"

#include "trace/serverreport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include <zlib.h>

namespace Coroscope::Httpbin {

namespace {

// httpbin shows header names Title-Cased whatever the client sent.
QString headerName(const QByteArray &raw)
{
    QString name = QString::fromLatin1(raw).toLower();
    bool upper = true;
    for (QChar &c : name) {
        if (upper)
            c = c.toUpper();
        upper = c == u'-';
    }
    return name;
}

std::optional<double> parseSeconds(QStringView text, double max)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < 0 || value > max)
        return std::nullopt;
    return value;
}

std::optional<qint64> parseCount(QStringView text, qint64 max)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 0 || value > max)
        return std::nullopt;
    return value;
}

qint64 secondsToMs(double seconds)
{
    return qRound64(seconds * 1000.0);
}

QJsonObject argsObject(const QUrlQuery &query)
{
    // Grouped before anything goes into the object: appending to an array inside a QJsonObject
    // copies the array each time, and 8,100 repeats of one key took 0.1-0.2 s per request.
    QMap<QString, QStringList> grouped;
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items)
        grouped[key].append(value);
    QJsonObject args;
    for (auto it = grouped.cbegin(); it != grouped.cend(); ++it) {
        if (it->size() == 1)
            args.insert(it.key(), it->constFirst());
        else
            args.insert(it.key(), QJsonArray::fromStringList(*it));
    }
    return args;
}

// Query items as QUrlQuery splits them (at '&'), counted without parsing them.
qsizetype queryItemCount(QByteArrayView target)
{
    const qsizetype question = target.indexOf('?');
    if (question < 0 || question + 1 == target.size())
        return 0;
    return target.sliced(question + 1).count('&') + 1;
}

QUrl requestUrl(const Http::Request &request)
{
    return QUrl::fromEncoded(request.target, QUrl::StrictMode);
}

// The server thread's Date line, made again only when the second changes.
const QByteArray &dateHeader()
{
    thread_local std::time_t second = 0;
    thread_local QByteArray line;
    const std::time_t now = std::time(nullptr);
    if (now != second) {
        second = now;
        line = "Date: " + httpDate(now) + "\r\n";
    }
    return line;
}

} // namespace

QByteArray reasonPhrase(int code)
{
    switch (code) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 101:
        return QByteArrayLiteral("Switching Protocols");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 203:
        return QByteArrayLiteral("Non-Authoritative Information");
    case 204:
        return QByteArrayLiteral("No Content");
    case 206:
        return QByteArrayLiteral("Partial Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 303:
        return QByteArrayLiteral("See Other");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 307:
        return QByteArrayLiteral("Temporary Redirect");
    case 308:
        return QByteArrayLiteral("Permanent Redirect");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 410:
        return QByteArrayLiteral("Gone");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 414:
        return QByteArrayLiteral("URI Too Long");
    case 418:
        return QByteArrayLiteral("I'm a teapot");
    case 422:
        return QByteArrayLiteral("Unprocessable Entity");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        break;
    }
    // RFC 9112 allows any reason phrase but some parsers dislike an empty one.
    switch (code / 100) {
    case 1:
        return QByteArrayLiteral("Informational");
    case 2:
        return QByteArrayLiteral("Success");
    case 3:
        return QByteArrayLiteral("Redirection");
    case 4:
        return QByteArrayLiteral("Client Error");
    default:
        return QByteArrayLiteral("Server Error");
    }
}

// IMF-fixdate (RFC 9110 5.6.7) by hand: strftime and QLocale would follow the user's locale.
QByteArray httpDate(std::time_t now)
{
    static constexpr const char *Days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char *Months[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[40];
    const int length = std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                     Days[utc.tm_wday % 7], utc.tm_mday, Months[utc.tm_mon % 12],
                                     utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return QByteArray(text, std::max(0, length));
}

RouteArgs routeRequest(const Http::Request &request, bool https)
{
    RouteArgs args;
    // Counted before anything parses them (QUrlQuery took 1-2 ms for 8,100 items), and so ahead
    // of the method check that httpbin does first.
    if (queryItemCount(request.target) > MaxQueryItems) {
        args.route = Route::BadRequest;
        args.error = QStringLiteral("at most %1 query items").arg(MaxQueryItems);
        return args;
    }
    const QUrl target = requestUrl(request);
    if (!target.isValid()) {
        args.route = Route::BadRequest;
        args.error = QStringLiteral("malformed request target");
        return args;
    }
    const QString path = target.path();
    const QUrlQuery query(target);

    const auto tail = [&path](QLatin1StringView prefix) -> std::optional<QStringView> {
        if (!path.startsWith(prefix))
            return std::nullopt;
        const QStringView rest = QStringView(path).mid(prefix.size());
        if (rest.isEmpty() || rest.contains(u'/'))
            return std::nullopt;
        return rest;
    };
    const auto fail = [&args](QString message) {
        args.route = Route::BadRequest;
        args.error = std::move(message);
    };

    const auto delay = tail(QLatin1StringView("/delay/"));
    const auto status = tail(QLatin1StringView("/status/"));
    const auto bytes = tail(QLatin1StringView("/bytes/"));
    const auto stream = tail(QLatin1StringView("/stream/"));
    const auto redirect = tail(QLatin1StringView("/redirect/"));
    const auto relative = tail(QLatin1StringView("/relative-redirect/"));
    const auto absolute = tail(QLatin1StringView("/absolute-redirect/"));
    const bool redirectTo = path == u"/redirect-to";
    const bool encoded = path == u"/gzip" || path == u"/deflate";
    if (path != u"/get" && path != u"/drip" && !delay && !status && !bytes && !stream && !redirect
        && !relative && !absolute && !redirectTo && !encoded) {
        args.route = Route::NotFound;
        return args;
    }
    // Like httpbin: the method is checked before the arguments.
    if (request.method != "GET" && request.method != "HEAD") {
        args.route = Route::MethodNotAllowed;
        return args;
    }

    if (path == u"/get") {
        args.route = Route::Get;
    } else if (encoded) {
        args.route = path == u"/gzip" ? Route::Gzip : Route::Deflate;
    } else if (redirect || relative || absolute) {
        // As httpbin: n hops, the last to /get; /redirect/n is relative unless ?absolute=true.
        const auto n = parseCount(redirect       ? *redirect
                                      : relative ? *relative
                                                 : *absolute,
                                  MaxRedirectHops);
        if (!n || *n < 1) {
            fail(QStringLiteral("redirects must be an integer from 1 to %1").arg(MaxRedirectHops));
        } else {
            const bool isAbsolute = absolute
                || (redirect && query.queryItemValue(QStringLiteral("absolute")) == u"true");
            QByteArray next = *n == 1 ? QByteArray("/get")
                : isAbsolute          ? "/absolute-redirect/" + QByteArray::number(*n - 1)
                                      : "/relative-redirect/" + QByteArray::number(*n - 1);
            if (isAbsolute)
                next = (https ? "https://" : "http://")
                    + (request.host.isEmpty() ? QByteArray("127.0.0.1") : request.host) + next;
            args.route = Route::Redirect;
            args.code = 302;
            args.location = next;
        }
    } else if (redirectTo) {
        // /redirect-to?url=U[&status_code=C]: any target, as httpbin (loops are easy to make).
        const QString url = query.queryItemValue(QStringLiteral("url"), QUrl::FullyEncoded);
        bool codeOk = true;
        const int code = query.hasQueryItem(QStringLiteral("status_code"))
            ? query.queryItemValue(QStringLiteral("status_code")).toInt(&codeOk)
            : 302;
        if (url.isEmpty() || !codeOk || code < 300 || code > 399) {
            fail(QStringLiteral("redirect-to needs a url and a status_code from 300 to 399"));
        } else {
            args.route = Route::Redirect;
            args.code = code;
            // The query's value decoded once (a percent-encoded URL in it stays as it is).
            // Control bytes would break the head (response splitting): they are dropped.
            for (const char c : QByteArray::fromPercentEncoding(url.toLatin1())) {
                if (uchar(c) >= 0x20 && uchar(c) != 0x7f)
                    args.location += c;
            }
        }
    } else if (delay) {
        if (const auto seconds = parseSeconds(*delay, MaxDelaySeconds)) {
            args.route = Route::Delay;
            args.delayMs = secondsToMs(*seconds);
        } else {
            fail(QStringLiteral("delay must be a number of seconds from 0 to 10"));
        }
    } else if (status) {
        bool ok = false;
        const int code = status->toInt(&ok);
        if (ok && code >= 100 && code <= 599) {
            args.route = Route::Status;
            args.code = code;
        } else {
            fail(QStringLiteral("status must be an integer from 100 to 599"));
        }
    } else if (bytes) {
        const auto count = parseCount(*bytes, MaxBodyBytes);
        bool seedOk = true;
        if (query.hasQueryItem(QStringLiteral("seed")))
            args.seed = query.queryItemValue(QStringLiteral("seed")).toUInt(&seedOk);
        if (count && seedOk) {
            args.route = Route::Bytes;
            args.count = *count;
        } else {
            fail(QStringLiteral("bytes must be an integer from 0 to 10485760 and seed an "
                                "unsigned 32-bit integer"));
        }
    } else if (stream) {
        if (const auto lines = parseCount(*stream, std::numeric_limits<qint64>::max())) {
            args.route = Route::Stream;
            args.count = std::min(*lines, MaxStreamLines);
        } else {
            fail(QStringLiteral("stream needs a non-negative integer line count"));
        }
    } else { // /drip
        const auto item = [&query](const QString &key, const QString &fallback) {
            return query.hasQueryItem(key) ? query.queryItemValue(key) : fallback;
        };
        const auto duration = parseSeconds(item(QStringLiteral("duration"), QStringLiteral("2")),
                                           MaxDripDurationSeconds);
        const auto delaySeconds
            = parseSeconds(item(QStringLiteral("delay"), QStringLiteral("0")), MaxDelaySeconds);
        const auto numbytes
            = parseCount(item(QStringLiteral("numbytes"), QStringLiteral("10")), MaxBodyBytes);
        bool codeOk = false;
        const int code = item(QStringLiteral("code"), QStringLiteral("200")).toInt(&codeOk);
        if (duration && delaySeconds && numbytes && *numbytes > 0 && codeOk && code >= 200
            && code <= 599) {
            args.route = Route::Drip;
            args.durationMs = secondsToMs(*duration);
            args.delayMs = secondsToMs(*delaySeconds);
            args.count = *numbytes;
            args.code = code;
        } else {
            fail(QStringLiteral("drip needs duration 0..60 s, delay 0..10 s, numbytes "
                                "1..10485760 and code 200..599"));
        }
    }
    return args;
}

QJsonObject echo(const Http::Request &request, const QString &origin)
{
    QJsonObject headers;
    for (const auto &[rawName, value] : request.headers) {
        const QString name = headerName(rawName);
        const QString text = QString::fromLatin1(value);
        const auto existing = headers.constFind(name);
        headers.insert(name,
                       existing == headers.constEnd() ? text : existing->toString() + u',' + text);
    }
    const QUrl target = requestUrl(request);
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setAuthority(request.host.isEmpty() ? QStringLiteral("127.0.0.1")
                                            : QString::fromLatin1(request.host));
    url.setPath(target.path());
    url.setQuery(target.query(QUrl::FullyEncoded), QUrl::StrictMode);
    return QJsonObject{
        {QStringLiteral("args"), argsObject(QUrlQuery(target))},
        {QStringLiteral("headers"), headers},
        {QStringLiteral("origin"), origin},
        {QStringLiteral("url"), url.toString(QUrl::FullyEncoded)},
    };
}

Response::Response(Http::Request request, QString origin, bool https)
    : m_request(std::move(request))
    , m_origin(std::move(origin))
    , m_args(routeRequest(m_request, https))
    , m_head(m_request.method == "HEAD")
    , m_closeAfter(!m_request.keepAlive)
{
}

Response::Response(int status, QString error)
    : m_closeAfter(true)
{
    m_args.route = Route::Malformed;
    m_args.code = status;
    m_args.error = std::move(error);
}

void Response::start(const Admission &admission, QByteArray &out)
{
    m_admission = admission;
    switch (m_args.route) {
    case Route::Get:
        writeJson(out, 200, echo(m_request, m_origin));
        m_produced = true;
        break;
    case Route::Delay:
        schedule(m_args.delayMs, Phase::Delay);
        break;
    case Route::Status:
        writeStatus(out);
        break;
    case Route::Bytes:
        startBytes(out);
        break;
    case Route::Stream:
        startStream(out);
        break;
    case Route::Redirect: {
        const QByteArray location = "Location: " + m_args.location + "\r\n";
        writeHead(out, m_args.code, {}, 0, location);
    }
        m_produced = true;
        break;
    case Route::Gzip:
    case Route::Deflate:
        writeEncoded(out, m_args.route == Route::Gzip);
        m_produced = true;
        break;
    case Route::Drip:
        schedule(m_args.delayMs, Phase::DripStart);
        break;
    case Route::BadRequest:
        writeJson(out, 400, QJsonObject{{QStringLiteral("error"), m_args.error}});
        m_produced = true;
        break;
    case Route::NotFound:
        writeJson(out, 404, QJsonObject{{QStringLiteral("error"), QStringLiteral("not found")}});
        m_produced = true;
        break;
    case Route::MethodNotAllowed:
        writeJson(out, 405,
                  QJsonObject{{QStringLiteral("error"),
                               QStringLiteral("method not allowed: use GET or HEAD")}},
                  "Allow: GET, HEAD\r\n");
        m_produced = true;
        break;
    case Route::Malformed:
        writeJson(out, m_args.code, QJsonObject{{QStringLiteral("error"), m_args.error}});
        m_produced = true;
        break;
    }
}

void Response::schedule(qint64 ms, Phase phase)
{
    m_phase = phase;
    m_wakeInMs = ms;
}

void Response::wake(qint64 nowNs, QByteArray &out)
{
    switch (std::exchange(m_phase, Phase::None)) {
    case Phase::None:
        break;
    case Phase::Delay:
        writeJson(out, 200, echo(m_request, m_origin));
        m_produced = true;
        break;
    case Phase::DripStart:
        startDrip(nowNs, out);
        break;
    case Phase::DripTick:
        dripTick(nowNs);
        break;
    case Phase::DripEnd:
        m_produced = true;
        break;
    }
}

void Response::writeHead(QByteArray &out, int code, QByteArrayView contentType,
                         qint64 contentLength, QByteArrayView extraHeaders) const
{
    // Straight into `out`: no head buffer to build and copy for every answer.
    QByteArray &head = out;
    head += "HTTP/1.1 " + QByteArray::number(code) + ' ' + reasonPhrase(code) + "\r\n";
    head += dateHeader();
    if (!contentType.isEmpty()) {
        head += "Content-Type: ";
        head += contentType;
        head += "\r\n";
    }
    if (contentLength >= 0)
        head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
    // No Server or CORS lines, and the server's figures in one short header: every byte of the
    // head is a read(2) in Qt 6.4's client (trace/serverreport.h). The request number on its
    // connection is there because the client cannot always tell whether Qt opened a connection
    // for a request (trace/phases.h); the server can. So is the TLS handshake's time on https: Qt
    // reports no moment between TCP connected and TLS done.
    head += ServerReportHeader;
    head += ": ";
    ServerReport report;
    report.queuedMs = m_admission.queuedMs;
    report.active = m_admission.active;
    report.connectionRequest = m_admission.connectionRequest;
    report.capacity = m_admission.capacity;
    report.tlsHandshakeUs = m_admission.tlsHandshakeUs;
    appendServerReport(head, report);
    head += "\r\n";
    if (m_closeAfter)
        head += "Connection: close\r\n";
    else if (m_request.minorVersion == 0)
        head += "Connection: keep-alive\r\n";
    head += extraHeaders;
    head += "\r\n";
}

void Response::writeJson(QByteArray &out, int code, const QJsonObject &object,
                         QByteArrayView extraHeaders)
{
    const QByteArray body = QJsonDocument(object).toJson(QJsonDocument::Indented);
    writeHead(out, code, "application/json", body.size(), extraHeaders);
    if (!m_head)
        out.append(body);
}

void Response::writeStatus(QByteArray &out)
{
    const int code = m_args.code;
    if (code < 200) {
        // An interim status alone would leave the client waiting for a final one forever;
        // closing makes it fail now instead of hanging.
        m_closeAfter = true;
        writeHead(out, code, {}, -1);
        m_produced = true;
        return;
    }
    const QByteArrayView location
        = code >= 300 && code < 400 ? QByteArrayView("Location: /get\r\n") : QByteArrayView();
    // 204 and 304 must not announce a body length (RFC 9110 8.6).
    const bool bodyless = code == 204 || code == 304;
    writeHead(out, code, {}, bodyless ? -1 : 0, location);
    m_produced = true;
}

void Response::writeEncoded(QByteArray &out, bool gzip)
{
    QJsonObject object = echo(m_request, m_origin);
    object.insert(gzip ? QStringLiteral("gzipped") : QStringLiteral("deflated"), true);
    const QByteArray body = QJsonDocument(object).toJson(QJsonDocument::Indented);
    // 31: a gzip wrapper; 15: zlib's, which is what HTTP's "deflate" means (RFC 9110 8.4.1.2).
    z_stream stream{};
    QByteArray encoded;
    if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, gzip ? 31 : 15, 8,
                     Z_DEFAULT_STRATEGY)
        == Z_OK) {
        encoded.resize(qsizetype(deflateBound(&stream, uLong(body.size()))) + 32);
        stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(body.constData()));
        stream.avail_in = uInt(body.size());
        stream.next_out = reinterpret_cast<Bytef *>(encoded.data());
        stream.avail_out = uInt(encoded.size());
        const int rc = deflate(&stream, Z_FINISH);
        encoded.resize(rc == Z_STREAM_END ? qsizetype(stream.total_out) : 0);
        deflateEnd(&stream);
    }
    writeHead(out, 200, "application/json", encoded.size(),
              gzip ? QByteArrayView("Content-Encoding: gzip\r\n")
                   : QByteArrayView("Content-Encoding: deflate\r\n"));
    if (!m_head)
        out.append(encoded);
}

void Response::startBytes(QByteArray &out)
{
    writeHead(out, 200, "application/octet-stream", m_args.count);
    m_bodyLeft = m_head ? 0 : m_args.count;
    if (m_bodyLeft > 0)
        m_generator.emplace(m_args.seed ? *m_args.seed : QRandomGenerator::global()->generate());
    m_produced = m_bodyLeft == 0;
}

void Response::appendStreamLine(QByteArray &out, qint64 id) const
{
    out += m_linePrefix;
    out += QByteArray::number(id);
    out += m_lineSuffix;
}

// Each line is the echo with an "id" (up to 16 KiB of headers each, 100 lines): serialised once
// around the id, so the length is arithmetic and each line a copy. A QJsonObject writes its keys
// sorted, so "id" sits between "headers" and "origin" exactly as toJson() would put it.
void Response::startStream(QByteArray &out)
{
    const QJsonObject echoed = echo(m_request, m_origin);
    QJsonObject before;
    QJsonObject after;
    for (auto it = echoed.constBegin(); it != echoed.constEnd(); ++it)
        (it.key().compare(u"id") < 0 ? before : after).insert(it.key(), it.value());
    m_linePrefix = QJsonDocument(before).toJson(QJsonDocument::Compact);
    m_linePrefix.chop(1); // '}'
    m_linePrefix += ",\"id\":";
    m_lineSuffix = QJsonDocument(after).toJson(QJsonDocument::Compact);
    m_lineSuffix.replace(0, 1, ","); // '{'
    m_lineSuffix += '\n';
    qint64 length = (m_linePrefix.size() + m_lineSuffix.size()) * m_args.count;
    // Ids 0-9 have one digit, 10-99 two, ...
    for (qint64 digits = 1, from = 0, next = 10; from < m_args.count;
         ++digits, from = next, next *= 10)
        length += digits * (std::min(m_args.count, next) - from);
    writeHead(out, 200, "application/json", length);
    m_nextLine = m_head ? m_args.count : 0;
    m_produced = m_nextLine >= m_args.count;
}

bool Response::produceMore(QByteArray &out)
{
    if (m_args.route == Route::Bytes && m_bodyLeft > 0) {
        const qsizetype size = qsizetype(std::min<qint64>(m_bodyLeft, GenerateChunkBytes));
        // `out` is empty, so the words below start at the buffer's aligned start.
        out.resize(size);
        char *data = out.data();
        // Whole words first, then single bytes: only the last chunk has a tail, so the output is
        // the same as generating the body in one piece.
        const qsizetype words = size / qsizetype(sizeof(quint32));
        m_generator->fillRange(reinterpret_cast<quint32 *>(data), words);
        for (qsizetype i = words * qsizetype(sizeof(quint32)); i < size; ++i)
            data[i] = char(m_generator->bounded(256));
        m_bodyLeft -= size;
        if (m_bodyLeft == 0) {
            m_produced = true;
            m_generator.reset();
        }
        return true;
    }
    if (m_args.route == Route::Stream && m_nextLine < m_args.count) {
        while (m_nextLine < m_args.count && out.size() < GenerateChunkBytes)
            appendStreamLine(out, m_nextLine++);
        m_produced = m_nextLine >= m_args.count;
        return true;
    }
    if (m_args.route == Route::Drip && m_sent < m_due) {
        const qint64 size = std::min<qint64>(m_due - m_sent, GenerateChunkBytes);
        out.resize(qsizetype(size));
        out.fill('*');
        m_sent += size;
        m_produced = m_tick >= m_ticks && m_sent == m_args.count;
        return true;
    }
    return false;
}

// Headers go out at once; the body trickles in at most one write per MinDripTickMs so that a
// large numbytes does not mean one timer per byte, and the last byte lands at `duration`.
void Response::startDrip(qint64 nowNs, QByteArray &out)
{
    writeHead(out, m_args.code, "application/octet-stream", m_args.count);
    m_ticks = std::clamp(m_args.durationMs / MinDripTickMs, qint64(1), m_args.count);
    m_tick = 0;
    m_dripStartNs = nowNs;
    if (m_head) {
        schedule(m_args.durationMs, Phase::DripEnd);
        return;
    }
    scheduleDripTick(nowNs);
}

void Response::scheduleDripTick(qint64 nowNs)
{
    const qint64 next = m_tick + 1;
    const qint64 dueNs = m_dripStartNs + m_args.durationMs * 1'000'000 * next / m_ticks;
    // Scheduled against the drip's start, not the previous tick, so lateness never adds up.
    const qint64 waitMs = (std::max<qint64>(0, dueNs - nowNs) + 999'999) / 1'000'000;
    schedule(waitMs, Phase::DripTick);
}

// A tick only makes bytes due; produceMore() makes them once the client has taken the previous
// ones. Appending them here held whatever a client did not read: 200 clients not reading
// 10 MiB drips took the server from 25 MB to 1.6 GB.
void Response::dripTick(qint64 nowNs)
{
    ++m_tick;
    m_due = m_args.count * m_tick / m_ticks;
    if (m_tick < m_ticks)
        scheduleDripTick(nowNs);
}
} // namespace Coroscope::Httpbin
