#pragma once

#include "trace/trace.h"

#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QUrl>

#include <QElapsedTimer>
#include <QSet>

#include <functional>
#include <memory>
#include <optional>
#include <utility>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QSslError;

namespace Coroscope {

class Deadlines;

// What any one request may cost, whichever strategy makes it.
struct RequestLimits
{
    int timeoutMs = 0; // 0 = none
    qint64 maxBodyBytes = qint64(1) << 30;
    QSslConfiguration tls; // https; null: Qt's default
};

// What https requests of a run verify against: the system's CAs plus `trusted`, or nothing at
// all when `insecure`. Once per run: it may read the system's CA store.
QSslConfiguration tlsConfiguration(const QList<QSslCertificate> &trusted, bool insecure);

// Every strategy's request: bodies stay compressed as sent (counted as transferred); https with
// `tls` when it is not null.
QNetworkRequest makeRequest(const QUrl &url, const QSslConfiguration &tls = {});

// Keeps the reasons a certificate was refused, in plain words, for fetchResultOf(): Qt's own
// error for it is only "SSL handshake failed". Every strategy calls it on every reply.
void watchCertificateErrors(QNetworkReply *reply);
// "certificate is self-signed", "host name mismatch (...)", ...: one QSslError in plain words.
QString describeCertificateError(const QSslError &error);

// A reply's body, counted as it arrives and never kept. Bodies stay compressed as sent
// (makeRequest()); a gzip or deflate body is also inflated into a scratch buffer, only to count
// its decoded length (HAR's content.size), up to MaxDecodedBytes.
class BodyCount
{
public:
    // Decoding costs CPU on the loop's thread: past this, the decoded size is not known.
    static constexpr qint64 MaxDecodedBytes = qint64(64) << 20;
    BodyCount();
    ~BodyCount();
    BodyCount(const BodyCount &) = delete;
    BodyCount &operator=(const BodyCount &) = delete;

    qint64 bytes = 0; // as transferred
    // Called with the response's Content-Encoding before the first bytes.
    void setEncoding(const QByteArray &contentEncoding);
    void feed(const char *data, qsizetype size);
    bool decoding() const;
    QByteArray encoding() const { return m_encoding; }
    // The decoded length; -1 when the body is not encoded, or it could not be decoded whole.
    qint64 decodedBytes() const;

private:
    struct Inflater;
    QByteArray m_encoding;
    bool m_encodingSet = false;
    std::unique_ptr<Inflater> m_inflater;
};

// Counts a reply's body as it arrives without keeping it: bodies can be huge or endless. Past
// `maxBytes` the reply is failed ("body larger than N bytes"). `*count` must outlive the reply's
// finished() signal.
void countBody(QNetworkReply *reply, BodyCount *count, qint64 maxBytes);

// Aborts the reply as cancelled by Stop; fetchResultOf() then reports `cancelled` whatever Qt
// calls the abort.
void cancelReply(QNetworkReply *reply);

// Aborts the reply as timed out, whatever is still arriving: fetchResultOf() reports `timeout`
// (Deadlines calls it when a request's time is up).
void timeOutReply(QNetworkReply *reply);

// Turns a finished reply into how its task ended (TaskInfo's outcome fields; TraceRecorder::finish
// keeps the task's url and worker). Qt reports both an abort and a timeout as
// OperationCanceledError: timeOutReply()'s mark and `cancelled` tell them apart. A reply Qt calls
// successful is checked again: Qt 6.4 reports no error for a body cut short by a reset or a
// close, nor for an invalid or conflicting Content-Length, nor for a status that is not a final
// response; those end `error` with the cause named.
TaskInfo fetchResultOf(QNetworkReply *reply, BodyCount &body, bool cancelled);

// Follows one task's redirects itself, one request per hop (makeRequest() asks Qt for none):
// Qt 6.4 following them on its own under concurrency mixed up responses (a 200 carrying the
// 301's Location, "conflicting Content-Length") and sent more requests than there were hops,
// none of them visible. Every strategy's requests go through one chain per task.
class RedirectChain
{
public:
    static constexpr int MaxHops = 50; // Qt's own default limit
    explicit RedirectChain(const QUrl &first);
    const QUrl &current() const { return m_current; }
    int hops() const { return int(m_hops.size()); }
    // After the current request finished with `*result` (fetchResultOf()): true when it was a
    // redirect (301, 302, 303, 307, 308 with a Location) to follow; current() is then the next
    // request's URL and the answer is kept as a hop. A redirect that cannot be followed (a
    // loop, past the limit, to a scheme other than http(s), from https to http) turns *result
    // into an `error` saying why. Every request here is a GET, which every redirect status
    // keeps (303 turns other methods into GET; 307 and 308 keep the method).
    bool follow(QNetworkReply *reply, TaskInfo *result);
    // The task's outcome: `result` with the hops followed before it.
    TaskInfo finish(TaskInfo result) const;
    // What the await of a hop that redirected is labelled with: "await reply (302 → /get)",
    // the target as a path when it stays on the same origin.
    static QString awaitLabel(int status, const QUrl &from, const QUrl &to);

private:
    QUrl m_current;
    QSet<QUrl> m_visited;
    QList<RedirectHop> m_hops;
};

// The Location of a response, resolved against the URL it answered; invalid when absent.
QUrl redirectLocation(QNetworkReply *reply);

// Headers as TaskInfo keeps them: "Name: value\n" lines in UTF-8, at most `maxHeaders`, each
// name + value cut at `maxBytes` bytes (never inside a character), made printable: headers come
// from any server, and a trace of 100,000 tasks keeps them all.
QByteArray boundedHeaderLines(const QList<std::pair<QByteArray, QByteArray>> &headers,
                              int maxHeaders = 64, int maxBytes = 512);

// Ends a reply as failed for a reason of ours (e.g. a body over the cap): aborts it and makes
// fetchResultOf() report `error` with `why`. A timeout or Stop that came first still wins.
void failReply(QNetworkReply *reply, const QString &why);

// Performs whole requests on its own thread's event loop, one call per request. This is the
// stand-in for `requests.get`: the caller (the blocking strategies' scheduler thread, or the
// threads strategy's dispatcher) experiences a request as one call that does not return early.
class FetchWorker : public QObject
{
public:
    explicit FetchWorker(QObject *parent = nullptr);
    ~FetchWorker() override;

    using Done = std::function<void(const TaskInfo &)>;
    // Call on the worker's thread (e.g. through QMetaObject::invokeMethod).
    void fetch(const QUrl &url, const RequestLimits &limits, Done done);
    // Aborts whatever is in flight; its Done reports `cancelled`. Thread: the worker's.
    void abortAll();

private:
    QNetworkAccessManager *m_manager = nullptr;
    Deadlines *m_deadlines = nullptr;
    QList<QNetworkReply *> m_inFlight;
    void fetchHop(std::shared_ptr<RedirectChain> chain, const RequestLimits &limits, Done done);
    bool m_cancelled = false;
};

} // namespace Coroscope
