#pragma once

#include "trace.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace Coroscope {

// What a speed-up is measured against: something that measured what the same tasks cost one
// after another. Without one there is no speed-up: the average in flight is not one (a server
// answering one request at a time keeps fifty in flight and saves nothing).
enum class Baseline : quint8 {
    None,
    // The server reported how long it queued each request (the embedded server's X-Coroscope),
    // so each task's cost alone can be told from the queueing this run created.
    Server,
    // A sequential run of the same URLs and task count, recorded with this one (the same
    // Compare, or the same run file); a sequential run is its own baseline.
    SequentialRun,
    // A sequential run of the same URLs and task count from another recording (a saved run
    // compared with, or this session's run for a saved one).
    SavedSequentialRun,
    // Each distinct URL was fetched alone before the run (Trace::probes): each task that got an
    // answer costs its URL's lone fetch plus its own running time. It does not grow with the
    // crowd this run created, nor with a busy machine's late loop. Preferred to Server (whose
    // report cannot see Qt's queueing nor the loop's lateness), after a sequential run.
    Alone,
};
// "server", "sequential-run", "saved-sequential-run", "alone-measurement"; empty for None. As in
// the JSON and CSV.
QString baselineName(Baseline baseline);

// Headline figures of a run, all derived from its trace.
struct RunSummary
{
    QString strategy;
    QStringList urls; // the workload, with `tasks`: what a sequential baseline must match
    int tasks = 0;
    int ok = 0;
    int failed = 0; // result `error` (HTTP errors, refused connections, ...)
    int timeouts = 0;
    int cancelled = 0;
    int unfinished = 0;
    bool stopped = false; // the user stopped the run (Stop, Ctrl+C)
    double stoppedAtMs = -1; // when, -1 = not stopped
    int responses = 0; // tasks that finished with an HTTP response (ok or HTTP error)
    // Run start -> end (or -> last event while running). A stopped run ends when the Stop took
    // effect on the loop under study (= stoppedAtMs): what follows is Coroscope cancelling the
    // tasks still in flight, which no strategy would spend. Every figure below stops there too.
    double wallMs = 0;
    // What the tasks that finished with a response cost alone, added up: each one's connect,
    // TLS, send, wait for the answer minus what the server says it queued the request, receive,
    // and its own running time; not time queued inside Qt (for a connection or Qt's network
    // thread) nor the wait for a busy loop to resume it, which this run's own crowd created.
    // Trustworthy only where the server reported its queue (serverReported).
    double aloneMs = 0;
    // Every task counted in aloneMs carried the server's queue report.
    bool serverReported = false;
    // The same tasks priced by the measurement of each URL alone (Trace::probes): the URL's lone
    // fetch plus the task's own running time; a task that was in progress while no other was
    // is its own lone fetch, priced by the run's time from what came before it to its finish (a
    // one-task run is its own one-after-another). Absent when the measurement was skipped or a URL
    // of a task that got an answer has none (not measured in time, or it failed).
    std::optional<double> measuredAloneMs;
    int probedUrls = 0; // distinct URLs the measurement got an answer from
    int unprobedUrls = 0; // distinct URLs of the run it has none for (budget, failure, > 20)
    // What the tasks cost one after another, measured by `baseline`: aloneMs for Server, the
    // sequential run's wall time for the others. Absent without a baseline.
    std::optional<double> sumMs;
    Baseline baseline = Baseline::None;
    QString baselineSource; // SavedSequentialRun: where that sequential run came from
    double maxTaskMs = 0; // longest created -> finished
    // sumMs / wallMs: how much running the tasks together bought. Absent without a baseline,
    // when no task ended ok (a speed-up of failures says nothing), and for a stopped run (its
    // tasks were cut short).
    std::optional<double> speedup;
    // The sum of every task's admitted -> finished time over the wall time, i.e. how many tasks
    // were in flight on average (queues included). Not a speed-up.
    double avgInFlight = 0;
    double lagMaxMs = 0; // loop-lag probe, when it ran
    double lagP99Ms = 0;
    int lagSamples = 0;
    bool insecure = false; // https certificates were not checked (--insecure)
    // Empty for a run of this session or file; else the saved file a compared run came from.
    QString source;
    // A recording of a program (Trace::program): how it ended and the recorder's counts; and
    // the tasks it had beyond those kept (Trace::droppedTasks). JSON "program_exit".
    std::optional<ProgramRun> program;
    qint64 droppedTasks = 0;
};

class SegmentBuilder;

RunSummary summarize(const Trace &trace);
// The same from a builder already up to date with `trace` (the GUI keeps one per live trace).
RunSummary summarize(const Trace &trace, const SegmentBuilder &segments);
// Server queue time of a task as trusted: what the server reported, clamped to the time the
// task itself spent waiting for its request (a server cannot have queued it longer). -1 = none.
qint64 trustedServerQueuedNs(const Trace &trace, const SegmentBuilder &segments, quint32 task);
// The end of a run as every view and export shows it: when a Stop took effect, else
// trace.lastNs() (`nowNs` while live, when given). -1 = not stopped for stoppedNs().
qint64 stoppedNs(const Trace &trace);
qint64 runEndNs(const Trace &trace, qint64 nowNs = -1);
// What task `task` would cost alone by its URL's measurement alone (see
// RunSummary::measuredAloneMs), in ns; -1 = its URL has none.
qint64 measuredAloneCostNs(const Trace &trace, const SegmentBuilder &segments, quint32 task);
// What task `task` would cost alone (see RunSummary::aloneMs), in ns.
qint64 aloneCostNs(const Trace &trace, const SegmentBuilder &segments, quint32 task);
// Measured sequential baselines across runs shown together (a Compare, runs saved in files):
// each run that may have a speed-up takes the sequential run of the same URLs and task count,
// from its own recording (same `source`) first, then from another; its speed-up is then that
// run's wall time over its own. Runs without one keep what summarize() gave them.
void applySequentialBaselines(QList<RunSummary> *summaries);
// One JSON object on one line, the headless output format.
QByteArray summaryJson(const RunSummary &summary);

} // namespace Coroscope
