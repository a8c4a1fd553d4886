#pragma once

#include "trace.h"

#include <QList>
#include <QObject>
#include <QString>

namespace Coroscope {

// One finding about a run, in plain language, pointing at what it is about on the timeline.
struct Diagnostic
{
    // For the kinds' list at run time (tst_diagnostics: every kind has a detector).
    Q_GADGET
public:
    enum class Kind {
        Speedup, // how much overlapping bought, or not
        LoopBlocked, // a task held the loop: a blocking call, or long work on the loop
        NeverSuspended, // an await that completed without yielding
        LoopLag, // the lag probe saw the loop stuck
        ConnectionWait, // tasks waited for a connection (per-host limit)
        ConcurrencyWait, // tasks waited for the concurrency limit
        ServerQueue, // the server's capacity queued requests
        Failures, // errors, timeouts, cancellations
        Workers, // the threads strategy
        Stopped, // the user stopped the run
        CpuStarved, // the loop's thread got too little CPU: slow, but not blocked
        RequestPhases, // where requests spent their time inside `await reply`
        Insecure, // https certificates were not checked
        // Recordings of programs (diagnosticsrecording.cpp):
        BlockingCall, // a named call held a loop (`time.sleep` at prog.py:12)
        ProgramWarning, // never awaited, exception never retrieved, destroyed while pending
        RecordingLoss, // records dropped by the recorder, tasks by retention, damaged lines
        ProgramEnd, // how the program ended, when that is news (a crash, a status, a cut)
    };
    Q_ENUM(Kind)
    enum class Severity { Info, Warning, Problem };

    Kind kind = Kind::Speedup;
    Severity severity = Severity::Info;
    QString text; // translated sentence
    QList<int> tasks; // tasks it refers to (may be empty: the loop)
    qint64 startNs = -1; // the time span it refers to, -1 = none
    qint64 endNs = -1;
};

// Reads a (finished or live) trace and explains what limited it. At most a handful of items per
// kind: a run of 100,000 tasks yields a readable list, not 100,000 lines.
QList<Diagnostic> diagnose(const Trace &trace);
class SegmentBuilder;
// The same from a builder already up to date with `trace`.
QList<Diagnostic> diagnose(const Trace &trace, const SegmentBuilder &segments);
struct RunSummary;
// The same with the run's summary as shown (e.g. with the baseline a comparison gave it).
QList<Diagnostic> diagnose(const Trace &trace, const SegmentBuilder &segments,
                           const RunSummary &summary);

// What a recording of a program (Trace::program) shows: the blocking calls that held a loop and
// the tasks that were ready and waited meanwhile, the program's warnings, its tasks' exceptions,
// what the recording lost and how the program ended. diagnose() gives these for a recording.
QList<Diagnostic> diagnoseRecording(const Trace &trace, const SegmentBuilder &segments,
                                    const RunSummary &summary);

// "Tasks 7-12", "Task 3", "Tasks 1, 4 and 9", "Tasks 1-3, 7 and 40 more".
QString describeTasks(const QList<int> &tasks);

// The kinds of diagnose()'s detector table for workloads, in the order it runs them, and of its
// table for recordings of programs: together they name every Kind.
QList<Diagnostic::Kind> diagnosticDetectorKinds();
QList<Diagnostic::Kind> recordingDetectorKinds();

} // namespace Coroscope
