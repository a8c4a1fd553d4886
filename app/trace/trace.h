#pragma once

#include "traceevent.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

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

    // A recorded program's task (Trace::program set; empty / -1 / 0 for workload runs). Its
    // `error` holds the exception as "Type: message". Texts are printable (trace/text.h) and
    // shared between tasks (one copy per distinct text), so they cost 24 bytes each per task.
    QString name; // "Task-3", or the name the program gave it
    QString coroutine; // the coroutine's qualified name ("main.<locals>.fetch")
    QString createdAt; // where it was created, "file:line"
    qint32 parent = -1; // the task that created it (a task index), -1: none or not kept
    quint16 lane = 0; // the lane it was created on (Trace::lanes)
};
} // namespace Coroscope
// Qt containers and plain values only: a growing list of tasks (a recording's, 100,000 long) is
// moved with memcpy, not element by element (it was a third of the window's sync of a recording).
Q_DECLARE_TYPEINFO(Coroscope::TaskInfo, Q_RELOCATABLE_TYPE);
namespace Coroscope {

// How a recorded program ended (Trace::program).
enum class ProgramEnd : quint8 {
    Running, // not yet (or not known: a recording opened from a file without an end record)
    Exited, // `status` is its exit status
    Signalled, // `status` is the signal that ended it
    RecorderFailed, // the recorder itself failed (its `E` record said so)
    Cut, // the stream ended without the recorder's end record (crash, kill, truncated file)
    FailedToStart, // the command could not be started (`coroscope --record`)
};
QString programEndName(ProgramEnd end); // "running", "exit", "signal", "recorder error", ...

// A trace that is the recording of a program (app/record/, recorders/FORMAT.md) rather than a
// workload Coroscope ran itself: what recorded it, how the program ended and what was lost.
struct ProgramRun
{
    QString recorder; // "python", "cpp" (the csrec header's)
    QString recorderVersion;
    QString runtime; // "CPython-3.11.2", "Qt-6.4.2"
    QString command; // the command line recorded, empty when not known (a file opened)
    qint64 pid = 0; // 0 = not known
    int formatMajor = 1; // of the recording's wire format
    int formatMinor = 0;
    ProgramEnd end = ProgramEnd::Running;
    int status = 0; // exit status or signal number (see `end`)
    qint64 wallNs = -1; // from its start to its end, -1 while running
    // The recorder's own counts (its last `Z` record): records it wrote, records it dropped
    // because the reader was slow.
    qint64 recorded = 0;
    qint64 dropped = 0;
    // The reader's counts: lines that did not parse (skipped), records of kinds it does not
    // know (a newer minor version; skipped).
    qint64 damagedLines = 0;
    qint64 unknownRecords = 0;
    bool operator==(const ProgramRun &) const = default;
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
    // Set when this trace is the recording of a program (run-file format 1.4): its tasks are the
    // program's, with names, parents and creation sites; `urls` is {""} plus the URLs of the
    // HTTP requests it was seen to make (a task without one has urlIndex 0: the empty URL).
    std::optional<ProgramRun> program;
    // Recordings: the lanes (event loops, threads) tasks ran on; lanes[0] is "" (none).
    QStringList lanes;
    // Recordings keep at most a retention limit of tasks (trace/retention.h): the oldest
    // finished tasks beyond it were dropped whole (their events too) and are counted here.
    qint64 droppedTasks = 0;

    // The overflow label of a recording with more distinct labels than an index holds.
    static constexpr quint16 MoreLabels = 0xffff;

    bool isComplete() const { return endNs >= 0; }
    bool isRecording() const { return program.has_value(); }
    // How a view names a task: a recorded task by its name ("Task-3"), else its URL.
    QString taskTitle(quint32 task) const;
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
