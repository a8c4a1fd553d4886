#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <utility>

namespace Coroscope::Http {

// One request head as received; bodies are counted and dropped, never kept (no route reads one).
struct Request
{
    QByteArray method; // case-sensitive, as sent
    QByteArray target; // request-target as sent: origin-form, absolute-form or "*"
    int minorVersion = 1; // HTTP/1.x
    QList<std::pair<QByteArray, QByteArray>> headers; // names as sent, values without OWS
    QByteArray host; // empty when absent (HTTP/1.0 only)
    bool keepAlive = true; // from the version and the Connection header
    bool expectContinue = false; // Expect: 100-continue
    qint64 contentLength = 0; // declared body size; -1 for chunked
};

struct ParserLimits
{
    qsizetype maxHeadBytes = 16 * 1024; // request line + header fields (and chunk trailers)
    int maxHeaderFields = 100;
    qint64 maxBodyBytes = 1024 * 1024; // declared or chunked body
};

// A strict, incremental HTTP/1.1 request parser (RFC 9112): no obs-fold, no whitespace before a
// field's colon, one Host, consistent Content-Length, chunked as the only transfer coding, and
// Transfer-Encoding together with Content-Length refused (request smuggling). Bytes are fed as
// they arrive; the parser holds at most one request head, never a body.
class RequestParser
{
public:
    enum class Result {
        NeedMore, // every byte fed was consumed
        HeadComplete, // the head is parsed and a body follows: request() is valid (100-continue)
        Complete, // a whole request was consumed: takeRequest()
        Error, // errorStatus() says which 4xx/5xx to answer; the connection cannot be reused
    };

    explicit RequestParser(ParserLimits limits = {});

    // Consumes a prefix of data (*consumed bytes) and stops after each head and each request,
    // so pipelined requests come out one at a time.
    Result feed(QByteArrayView data, qsizetype *consumed);
    const Request &request() const { return m_request; }
    Request takeRequest(); // after Complete; readies the parser for the next request
    int errorStatus() const { return m_errorStatus; }
    QByteArray errorText() const { return m_errorText; }
    // True between the first byte of a request and its end: an EOF then cuts a request short.
    bool midRequest() const { return m_state != State::Head || !m_head.isEmpty(); }

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Done, Error };

    Result fail(int status, const char *text);
    Result parseHead();
    // Appends data up to and including the next '\n' (or all of it) to *line; fails with
    // tooLongStatus once *line would exceed max bytes.
    Result takeLine(QByteArrayView data, qsizetype *consumed, QByteArray *line, qsizetype max,
                    int tooLongStatus, const char *tooLongText = "line too long");

    ParserLimits m_limits;
    State m_state = State::Head;
    QByteArray m_head; // the head so far, bounded by maxHeadBytes
    qsizetype m_lineStart = 0; // where the current head line begins in m_head
    int m_lines = 0; // complete non-empty head lines
    int m_leadingEmptyLines = 0;
    QByteArray m_line; // chunk-size or trailer line being assembled
    qint64 m_remaining = 0; // body or chunk bytes still to drop
    qint64 m_bodyBytes = 0;
    qsizetype m_trailerBytes = 0;
    Request m_request;
    int m_errorStatus = 0;
    QByteArray m_errorText;
};

} // namespace Coroscope::Http
