#pragma once

#include "traceevent.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Coroscope {

// One response of a task that redirected it (a 3xx with Location): Coroscope follows redirects
// itself, one request and one `await reply` per hop, so every hop's answer is kept. The hop's
// URL is the task's URL for the first hop, else the previous hop's `location`.
struct RedirectHop
{
    int httpStatus = 0;
    quint8 httpVersion = 0; // as TaskInfo::httpVersion
    qint64 bytes = 0; // its body, as transferred
    // The server's X-Coroscope figures for this request (TaskInfo's fields), -1 = absent.
    qint64 serverQueuedMs = -1;
    int serverActive = -1;
    int serverCapacity = -1;
    int serverConnectionRequest = -1;
    qint64 serverTlsHandshakeUs = -1;
    QString location; // where it sent the task: the Location resolved against the hop's URL
    QString statusText;
    QByteArray mimeType;
    QByteArray responseHeaders;
    bool operator==(const RedirectHop &) const = default;
};

// Per-task facts that are not timings: filled in when the task finishes.
struct TaskInfo
{
    quint32 urlIndex = 0; // into Trace::urls
    TaskResult result = TaskResult::Unfinished;
    qint16 worker = -1; // worker thread that ran it (threads strategy), -1 = the loop
    // Of the response: 0 = none, 1 = HTTP/1.x (Qt 6.4 does not say whether 1.0 or 1.1; files
    // before format 1.2 called it HTTP/1.1), 2 = HTTP/2.
    quint8 httpVersion = 0;
    int httpStatus = 0; // 0 = no HTTP response
    qint64 bytes = 0; // body bytes received (counted, not kept), as transferred
    // The body with its Content-Encoding (gzip, deflate) undone, counted while it arrived;
    // -1 = not encoded, or not known (an encoding we do not decode, a damaged stream).
    qint64 decodedBytes = -1;
    QByteArray contentEncoding; // the response's Content-Encoding, empty when none
    // What the server said about itself (the X-Coroscope header), parsed strictly; -1 = absent.
    qint64 serverQueuedMs = -1; // time the request waited in the server's queue
    int serverActive = -1; // requests the server was handling at once, this one included
    int serverCapacity = -1; // the server's capacity, when it has one
    int serverConnectionRequest = -1; // which request of its connection (1 = a new connection)
    qint64 serverTlsHandshakeUs = -1; // its connection's TLS handshake as the server timed it
    QString error; // human-readable error, empty when ok
    // The exchange as a HAR export shows it (io/har.h). Network text is made printable and
    // bounded where it enters (fetchworker.cpp): at 100,000 tasks this is a few hundred bytes
    // each. Headers are UTF-8 lines "Name: value\n" in the order sent or received.
    QString statusText; // the response's reason phrase
    QByteArray mimeType; // the response's Content-Type, empty when none
    QByteArray requestHeaders; // what the request set itself; Qt adds more it does not expose
    QByteArray responseHeaders; // at most 64, each name + value at most 512 bytes
    // The redirects followed before the response above, in order (empty: none). The final
    // request's URL is the last one's `location`.
    QList<RedirectHop> redirects;
};

// The await label of a reply: "await reply", or for a hop that redirected, with its status and
// target ("await reply (302 → /get)"), named when the reply has arrived.
bool isReplyAwait(const QString &label);

// The knobs a run was started with, kept with its trace so that a trace explains itself.
struct RunSettings
{
    int concurrency = 0; // 0 = unlimited
    int connectionsPerHost = 0; // 0 = unlimited
    int timeoutMs = 0; // 0 = none
    int workers = 0; // threads strategy: the worker threads it ran
    int socketBudget = 0; // connections the process could keep open at once
    int workersRequested = 0; // threads asked for, when the descriptor limit allowed fewer
    long fileLimit = 0; // the process's descriptor limit (RLIMIT_NOFILE) during the run
    bool insecure = false; // https certificates were not checked (--insecure)
};

// One distinct URL of a run fetched alone before the workload (RunSpec::measureAlone): what a
// request to it costs with nothing else in flight and a fresh connection, the baseline a
// speed-up is measured against when no sequential run was recorded. Not a task of the workload:
// no view of the workload counts or draws it.
struct UrlProbe
{
    static constexpr int MaxUrls = 20; // distinct URLs measured at most; the rest are not
    quint32 urlIndex = 0; // into Trace::urls
    // get() -> finished, ns; -1 = not measured (the time budget ran out, or Stop).
    qint64 aloneNs = -1;
    int httpStatus = 0; // 0 = no HTTP response (refused, timed out, ...): no baseline
    bool measured() const { return aloneNs >= 0; }
    bool usable() const { return aloneNs >= 0 && httpStatus > 0; }
};

// A whole run as data: the single source of truth for views, exports and summaries.
// A Trace is a plain value; TraceRecorder produces it (and incremental copies of it) thread-safely.
struct Trace
{
    QString strategy;
    RunSettings settings;
    QStringList urls;
    QStringList labels{QString()}; // labels[0] is "no label"
    QList<TaskInfo> tasks;
    QList<TraceEvent> events; // in recording order (non-decreasing ns)
    qint64 endNs = -1; // when the run ended; -1 while it is still running
    qint64 startedMsSinceEpoch = 0; // wall-clock start, for exports
    // Each distinct URL fetched alone before the run (empty: skipped, or an older file).
    QList<UrlProbe> probes;

    bool isComplete() const { return endNs >= 0; }
    QString url(quint32 task) const { return urls.value(tasks.at(task).urlIndex); }
    QString label(quint16 id) const { return labels.value(id); }
    // The label as a person reads it: the steps named in prose ("read the reply", "blocking
    // fetch") in the interface's language; awaits and Qt calls are code and stay as they are.
    // Exports and comparisons use label().
    QString labelText(quint16 id) const;
    // Latest time covered by the trace: the end, or the last event while running.
    qint64 lastNs() const;
};

QString resultName(TaskResult result);
bool resultFromName(const QString &name, TaskResult *result);

} // namespace Coroscope
