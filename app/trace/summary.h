#pragma once

#include "trace.h"

#include <QByteArray>

#include <optional>

namespace Coroscope {

// Headline figures of a run, all derived from its trace.
struct RunSummary
{
    QString strategy;
    int tasks = 0;
    int ok = 0;
    int failed = 0; // result `error` (HTTP errors, refused connections, ...)
    int timeouts = 0;
    int cancelled = 0;
    int unfinished = 0;
    bool stopped = false; // the user stopped the run (Stop, Ctrl+C)
    double stoppedAtMs = -1; // when, -1 = not stopped
    int responses = 0; // tasks that finished with an HTTP response (ok or HTTP error)
    double wallMs = 0; // run start -> end (or -> last event while running)
    // What the tasks that finished with a response would cost one after another: each one's
    // admitted -> finished time minus what it spent queued at the server (a request run alone
    // would not have queued there). Time pending in our own limits is already excluded.
    double sumMs = 0;
    double maxTaskMs = 0; // longest created -> finished
    // sumMs / wallMs: how much running the tasks together bought. Absent (no figure at all)
    // until a task has finished with a response, and for a stopped run.
    std::optional<double> speedup;
    // The figure once misnamed speed-up: the sum of every task's admitted -> finished time over
    // the wall time, i.e. how many tasks were in flight on average (server queues included).
    double avgInFlight = 0;
    double lagMaxMs = 0; // loop-lag probe, when it ran
    double lagP99Ms = 0;
    int lagSamples = 0;
    bool insecure = false; // https certificates were not checked (--insecure)
    // Empty for a run of this session or file; else the saved file a compared run came from.
    QString source;
};

class SegmentBuilder;

RunSummary summarize(const Trace &trace);
// The same from a builder already up to date with `trace` (the GUI keeps one per live trace).
RunSummary summarize(const Trace &trace, const SegmentBuilder &segments);
// Server queue time of a task as trusted: what the server reported, clamped to the time the
// task itself spent waiting for its request (a server cannot have queued it longer). -1 = none.
qint64 trustedServerQueuedNs(const Trace &trace, const SegmentBuilder &segments, quint32 task);
// One JSON object on one line, the headless output format.
QByteArray summaryJson(const RunSummary &summary);

} // namespace Coroscope
