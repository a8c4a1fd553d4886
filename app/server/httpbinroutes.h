#pragma once

#include "server/httprequestparser.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QString>

#include <ctime>
#include <optional>
#include <utility>

// The httpbin routes of the test server: what a request asks for, and the bytes of its answer.
// No sockets and no timers here: the connection engine (serverengine.h) owns those and drives a
// Response through its steps.

namespace Coroscope::Httpbin {

constexpr qint64 MaxBodyBytes = 10 * 1024 * 1024; // keeps a typo from allocating gigabytes
constexpr double MaxDelaySeconds = 10.0; // httpbin's cap
constexpr double MaxDripDurationSeconds = 60.0;
constexpr qint64 MaxStreamLines = 100; // httpbin caps /stream at 100 lines
// Query items every route accepts (400 beyond): each is parsed and echoed by /get, /delay and
// every /stream line, and a 16 KiB request line holds 8,100 of them.
constexpr qsizetype MaxQueryItems = 100;
constexpr qint64 MinDripTickMs = 10; // coarser ticks than this only cost wake-ups
// Generated bodies (/bytes, /stream, /drip) are produced this much at a time, only when the kernel
// has taken the previous piece: a client that does not read pins at most this, not the whole body.
// A multiple of 4 so that /bytes' generator draws the same words as it would in one go.
constexpr qsizetype GenerateChunkBytes = 64 * 1024;

enum class Route {
    Get,
    Delay,
    Status,
    Bytes,
    Drip,
    Stream,
    Redirect, // /redirect/n, /relative-redirect/n, /absolute-redirect/n, /redirect-to
    Gzip, // /gzip: the echo, gzip-encoded
    Deflate, // /deflate: the echo, deflate-encoded (zlib format, as httpbin)
    BadRequest,
    NotFound,
    MethodNotAllowed,
    Malformed, // the request could not be parsed; the connection closes after the answer
};

// A route and its arguments, checked against httpbin's rules and the limits above.
struct RouteArgs
{
    Route route = Route::NotFound;
    QString error; // BadRequest, Malformed
    qint64 delayMs = 0; // Delay, Drip
    int code = 200; // Status, Drip, Malformed
    qint64 count = 0; // bytes, lines or drip bytes
    std::optional<quint32> seed; // Bytes
    qint64 durationMs = 0; // Drip
    QByteArray location; // Redirect: the Location header, as sent
};

constexpr int MaxRedirectHops = 100; // /redirect/n and friends: n <= this

// `https`: the request came over TLS (absolute redirects name their scheme).
RouteArgs routeRequest(const Http::Request &request, bool https = false);

QByteArray reasonPhrase(int code);
// IMF-fixdate (RFC 9110 5.6.7), independent of the locale.
QByteArray httpDate(std::time_t now);
// What /get answers (and each /stream line, with an id): args, headers, origin, url.
QJsonObject echo(const Http::Request &request, const QString &origin);

// What the capacity queue tells the client about its request (the X-Coroscope header).
struct Admission
{
    qint64 queuedMs = 0;
    int active = 0; // requests being handled at admission, this one included
    int capacity = 0; // 0: unlimited, no header
    int connectionRequest = 0; // 1 = the first request on its connection (a new connection)
    // How long its connection's TLS handshake took on the server, accept to done; -1 = plain
    // http. Qt tells the client only when TLS was done, not when TCP connected (trace/phases.h).
    qint64 tlsHandshakeUs = -1;
};

// One request's answer, produced in steps that the engine drives: start() at admission, wake()
// when the time asked for by takeWake() has come (/delay, /drip), produceMore() when the client
// has taken everything so far (/bytes, /stream, /drip). Each step appends to the connection's
// output; only start() and wake() of single answers (/get, /delay, errors) add more than a head
// without being asked, and those are bounded by the request head they echo.
class Response
{
public:
    // Routes a parsed request; bad arguments, unknown paths and methods become 400/404/405.
    Response(Http::Request request, QString origin, bool https = false);
    // A request that could not be parsed: answered with `status`, then the connection closes.
    Response(int status, QString error);

    // The connection closes after this answer (asked for, unparseable, or an interim status).
    bool closeAfter() const { return m_closeAfter; }
    // Every byte of the answer has been appended: nothing more to wake or produce.
    bool produced() const { return m_produced; }

    void start(const Admission &admission, QByteArray &out);
    // In how many ms wake() wants to be called, once per call; 0 or less means now.
    std::optional<qint64> takeWake() { return std::exchange(m_wakeInMs, std::nullopt); }
    void wake(qint64 nowNs, QByteArray &out);
    // Appends the next piece of a generated body; false when nothing more can be made now.
    // `out` must be empty (the engine reuses its buffer once the kernel has taken it all).
    bool produceMore(QByteArray &out);

private:
    enum class Phase { None, Delay, DripStart, DripTick, DripEnd };

    void schedule(qint64 ms, Phase phase);
    void writeHead(QByteArray &out, int code, QByteArrayView contentType, qint64 contentLength,
                   QByteArrayView extraHeaders = {}) const;
    void writeJson(QByteArray &out, int code, const QJsonObject &object,
                   QByteArrayView extraHeaders = {});
    void writeStatus(QByteArray &out);
    void startBytes(QByteArray &out);
    void appendStreamLine(QByteArray &out, qint64 id) const;
    void writeEncoded(QByteArray &out, bool gzip);
    void startStream(QByteArray &out);
    void startDrip(qint64 nowNs, QByteArray &out);
    void scheduleDripTick(qint64 nowNs);
    void dripTick(qint64 nowNs);

    Http::Request m_request; // head only; kept for the echo
    QString m_origin;
    RouteArgs m_args;
    bool m_head = false;
    bool m_closeAfter = false;
    Admission m_admission;
    bool m_produced = false;
    std::optional<qint64> m_wakeInMs;
    Phase m_phase = Phase::None;

    qint64 m_bodyLeft = 0; // /bytes still to generate
    std::optional<QRandomGenerator> m_generator;
    QByteArray m_linePrefix; // /stream: each line is prefix + id + suffix
    QByteArray m_lineSuffix;
    qint64 m_nextLine = 0;
    qint64 m_sent = 0; // drip: bytes produced
    qint64 m_due = 0; // drip: bytes its ticks so far have made due
    qint64 m_tick = 0;
    qint64 m_ticks = 1;
    qint64 m_dripStartNs = 0;
};

} // namespace Coroscope::Httpbin
