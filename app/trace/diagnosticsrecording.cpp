// The diagnostics of a recording of a program (Trace::program): each kind a function of its own.

#include "diagnostics.h"

#include "segments.h"
#include "summary.h"

#include <QCoreApplication>
#include <QHash>
#include <QLocale>

#include <algorithm>

namespace Coroscope {

namespace {
struct Diagnostics
{
    Q_DECLARE_TR_FUNCTIONS(Diagnostics)
};

constexpr qint64 Ms = 1000000;
constexpr int MaxItemsPerKind = 5;
// A task whose suspension (or pending wait) ended this soon after a blocking call let the loop
// go was ready during the call: the loop runs what is ready as soon as it is free.
constexpr qint64 ReadyWindowNs = 10 * Ms;

QString ms(qint64 ns)
{
    return Diagnostics::tr("%1 ms").arg(QLocale().toString(double(ns) / Ms, 'f', 0));
}

QString taskName(const Trace &trace, quint32 task)
{
    const QString title = trace.taskTitle(task);
    return title.isEmpty() ? Diagnostics::tr("task %1").arg(task) : title;
}

// Tasks other than `holder` that were ready while the loop was held, and waited for it: those
// pending when the hold ended (created, not yet started: asyncio schedules a task when it
// creates it) and those whose suspension ended within ReadyWindowNs after it (woken meanwhile).
QList<int> readyAndWaited(const SegmentBuilder &segments, qint64 endNs, quint32 holder,
                          qint64 nowNs)
{
    QList<int> waited;
    for (quint32 t = 0; t < quint32(segments.taskCount()); ++t) {
        if (t == holder)
            continue;
        const QList<Segment> &row = segments.row(t);
        const auto it = std::partition_point(
            row.cbegin(), row.cend(), [endNs](const Segment &s) { return s.endNs <= endNs; });
        Segment at;
        if (it != row.cend())
            at = *it;
        else if (!segments.openSegment(t, nowNs, &at))
            continue;
        if (at.startNs > endNs || at.endNs <= endNs)
            continue;
        if (at.state == SegmentState::Pending
            || (at.state == SegmentState::Suspended && at.endNs <= endNs + ReadyWindowNs))
            waited << int(t);
    }
    return waited;
}

void blockingCalls(const Trace &trace, const SegmentBuilder &segments, QList<Diagnostic> *out)
{
    QList<const TraceEvent *> holds;
    for (const TraceEvent &e : trace.events) {
        if (e.kind == EventKind::Hold)
            holds << &e;
    }
    std::stable_sort(holds.begin(), holds.end(),
                     [](const TraceEvent *a, const TraceEvent *b) { return a->value > b->value; });
    for (qsizetype i = 0; i < holds.size() && i < MaxItemsPerKind; ++i) {
        const TraceEvent &e = *holds.at(i);
        const qint64 durationNs = qint64(e.value) * 1000;
        // The label is "function at file:line": the function is code, quoted as such.
        const QString label = trace.label(e.label);
        const qsizetype at = label.indexOf(QStringLiteral(" at "));
        const QString call = at < 0 ? QString(u'`' + label + u'`')
                                    : QString(u'`' + label.left(at) + u'`' + label.mid(at));
        Diagnostic d;
        d.kind = Diagnostic::Kind::BlockingCall;
        d.severity = Diagnostic::Severity::Problem;
        d.startNs = std::max<qint64>(0, e.ns - durationNs);
        d.endNs = e.ns;
        const QList<int> waited = readyAndWaited(segments, e.ns, e.task, trace.lastNs());
        const int n = int(waited.size());
        if (at < 0 && e.task != LoopTask) {
            // No call named (the C++ probe cannot sample a stack): the hold is the step that
            // followed an await, and the sentence says so rather than that a line held it.
            const QString task = u'`' + taskName(trace, e.task) + u'`';
            d.text = n > 0 ? Diagnostics::tr("%1 ran %2 after the await at %3 without giving "
                                             "the loop back; %n task(s) were ready and waited",
                                             nullptr, n)
                                 .arg(task, ms(durationNs), label)
                           : Diagnostics::tr("%1 ran %2 after the await at %3 without giving "
                                             "the loop back")
                                 .arg(task, ms(durationNs), label);
            d.tasks << int(e.task) << waited;
            *out << d;
            continue;
        }
        d.text = n > 0 ? Diagnostics::tr("%1 held the loop for %2; %n task(s) were ready and "
                                         "waited",
                                         nullptr, n)
                             .arg(call, ms(durationNs))
                       : Diagnostics::tr("%1 held the loop for %2").arg(call, ms(durationNs));
        if (e.task != LoopTask) {
            d.text += u' ' + Diagnostics::tr("(in %1)").arg(taskName(trace, e.task));
            d.tasks << int(e.task);
        }
        d.tasks << waited;
        *out << d;
    }
    if (holds.size() > MaxItemsPerKind) {
        Diagnostic d;
        d.kind = Diagnostic::Kind::BlockingCall;
        d.severity = Diagnostic::Severity::Warning;
        d.text = Diagnostics::tr("%n more blocking call(s) held the loop for 50 ms or more",
                                 nullptr, int(holds.size() - MaxItemsPerKind));
        *out << d;
    }
}

void warnings(const Trace &trace, QList<Diagnostic> *out)
{
    QHash<int, int> shown;
    QHash<int, int> more;
    for (const TraceEvent &e : trace.events) {
        if (e.kind != EventKind::Warning)
            continue;
        if (shown.value(e.value) >= MaxItemsPerKind) {
            ++more[e.value];
            continue;
        }
        ++shown[e.value];
        const QString what = trace.label(e.label);
        const QString task = e.task == LoopTask ? QString() : taskName(trace, e.task);
        Diagnostic d;
        d.kind = Diagnostic::Kind::ProgramWarning;
        d.severity = Diagnostic::Severity::Warning;
        d.startNs = d.endNs = e.ns;
        if (e.task != LoopTask)
            d.tasks << int(e.task);
        switch (WarningKind(e.value)) {
        case WarningKind::NeverAwaited:
            d.text = Diagnostics::tr("A coroutine was never awaited: %1").arg(what);
            break;
        case WarningKind::NeverRetrieved:
            d.severity = Diagnostic::Severity::Problem;
            d.text = task.isEmpty()
                ? Diagnostics::tr("An exception was never retrieved: %1").arg(what)
                : Diagnostics::tr("The exception of %1 was never retrieved: %2").arg(task, what);
            break;
        case WarningKind::DestroyedPending:
            d.text = task.isEmpty()
                ? Diagnostics::tr("A task was destroyed while still pending: %1").arg(what)
                : Diagnostics::tr("%1 was destroyed while still pending: %2").arg(task, what);
            break;
        default:
            d.text = Diagnostics::tr("The program warned: %1").arg(what);
            break;
        }
        *out << d;
    }
    for (auto it = more.cbegin(); it != more.cend(); ++it) {
        Diagnostic d;
        d.kind = Diagnostic::Kind::ProgramWarning;
        d.severity = Diagnostic::Severity::Warning;
        d.text = Diagnostics::tr("%n more warning(s) of the same kind", nullptr, it.value());
        *out << d;
    }
}

void exceptions(const Trace &trace, QList<Diagnostic> *out)
{
    // Grouped by exception: a hundred tasks failing alike are one finding.
    QHash<QString, QList<int>> byError;
    QStringList order;
    QList<int> cancelled;
    QList<int> unfinished;
    for (quint32 t = 0; t < quint32(trace.tasks.size()); ++t) {
        const TaskInfo &info = trace.tasks.at(t);
        if (info.result == TaskResult::Error) {
            if (!byError.contains(info.error))
                order << info.error;
            byError[info.error] << int(t);
        } else if (info.result == TaskResult::Cancelled) {
            cancelled << int(t);
        } else if (info.result == TaskResult::Unfinished) {
            unfinished << int(t);
        }
    }
    for (qsizetype i = 0; i < order.size() && i < MaxItemsPerKind; ++i) {
        const QList<int> &tasks = byError.value(order.at(i));
        Diagnostic d;
        d.kind = Diagnostic::Kind::Failures;
        d.severity = Diagnostic::Severity::Problem;
        d.tasks = tasks;
        const QString error = order.at(i).isEmpty() ? Diagnostics::tr("an exception") : order.at(i);
        d.text = tasks.size() == 1
            ? Diagnostics::tr("%1 ended with %2")
                  .arg(taskName(trace, quint32(tasks.first())), error)
            : Diagnostics::tr("%n task(s) ended with %1", nullptr, int(tasks.size())).arg(error);
        *out << d;
    }
    if (!cancelled.isEmpty()) {
        Diagnostic d;
        d.kind = Diagnostic::Kind::Failures;
        d.severity = Diagnostic::Severity::Info;
        d.tasks = cancelled;
        d.text = Diagnostics::tr("%n task(s) were cancelled", nullptr, int(cancelled.size()));
        *out << d;
    }
    if (!unfinished.isEmpty() && trace.isComplete()) {
        Diagnostic d;
        d.kind = Diagnostic::Kind::Failures;
        d.severity = Diagnostic::Severity::Warning;
        d.tasks = unfinished;
        d.text = Diagnostics::tr("%n task(s) had not finished when the recording ended", nullptr,
                                 int(unfinished.size()));
        *out << d;
    }
}

void losses(const Trace &trace, QList<Diagnostic> *out)
{
    const ProgramRun &p = *trace.program;
    const auto add = [out](Diagnostic::Severity severity, const QString &text) {
        Diagnostic d;
        d.kind = Diagnostic::Kind::RecordingLoss;
        d.severity = severity;
        d.text = text;
        *out << d;
    };
    if (p.dropped > 0)
        add(Diagnostic::Severity::Warning,
            Diagnostics::tr("The recorder dropped %1 of %2 records because Coroscope read them too "
                            "slowly: some steps are missing from the timeline")
                .arg(QLocale().toString(p.dropped), QLocale().toString(p.recorded + p.dropped)));
    if (trace.droppedTasks > 0)
        add(Diagnostic::Severity::Info,
            Diagnostics::tr("%1 finished tasks were dropped to keep memory bounded: the timeline "
                            "keeps the last %2 tasks")
                .arg(QLocale().toString(trace.droppedTasks),
                     QLocale().toString(trace.tasks.size())));
    if (p.damagedLines > 0)
        add(Diagnostic::Severity::Warning,
            Diagnostics::tr("%n damaged line(s) of the recording were skipped", nullptr,
                            int(std::min<qint64>(p.damagedLines, 1 << 30))));
    if (p.unknownRecords > 0)
        add(Diagnostic::Severity::Info,
            Diagnostics::tr("%n record(s) of a newer recorder were skipped", nullptr,
                            int(std::min<qint64>(p.unknownRecords, 1 << 30))));
}

void programEnd(const Trace &trace, QList<Diagnostic> *out)
{
    const ProgramRun &p = *trace.program;
    Diagnostic d;
    d.kind = Diagnostic::Kind::ProgramEnd;
    d.severity = Diagnostic::Severity::Warning;
    switch (p.end) {
    case ProgramEnd::Exited:
        if (p.status == 0)
            return;
        d.text = Diagnostics::tr("The program exited with status %1").arg(p.status);
        break;
    case ProgramEnd::Signalled:
        d.severity = Diagnostic::Severity::Problem;
        d.text = Diagnostics::tr("The program was ended by signal %1").arg(p.status);
        break;
    case ProgramEnd::RecorderFailed:
        d.severity = Diagnostic::Severity::Problem;
        d.text = Diagnostics::tr("The recorder failed: the recording stops there");
        break;
    case ProgramEnd::Cut:
        d.text = Diagnostics::tr("The recording ends without the recorder's last record: the "
                                 "program crashed or was killed, or the file was cut short");
        break;
    case ProgramEnd::FailedToStart:
        d.severity = Diagnostic::Severity::Problem;
        d.text = Diagnostics::tr("The program could not be started");
        break;
    case ProgramEnd::Running:
        return;
    }
    d.startNs = d.endNs = trace.lastNs();
    *out << d;
}

// The recording's findings in the order the list shows them, as diagnose()'s table for
// workloads: a new kind is one function and one line (tst_diagnostics checks the two tables).
struct RecordingDetector
{
    Diagnostic::Kind kind;
    void (*detect)(const Trace &, const SegmentBuilder &, QList<Diagnostic> *);
};
const RecordingDetector RecordingDetectors[] = {
    {Diagnostic::Kind::ProgramEnd,
     [](const Trace &t, const SegmentBuilder &, QList<Diagnostic> *out) { programEnd(t, out); }},
    {Diagnostic::Kind::BlockingCall, blockingCalls},
    {Diagnostic::Kind::ProgramWarning,
     [](const Trace &t, const SegmentBuilder &, QList<Diagnostic> *out) { warnings(t, out); }},
    {Diagnostic::Kind::Failures,
     [](const Trace &t, const SegmentBuilder &, QList<Diagnostic> *out) { exceptions(t, out); }},
    {Diagnostic::Kind::RecordingLoss,
     [](const Trace &t, const SegmentBuilder &, QList<Diagnostic> *out) { losses(t, out); }},
};
} // namespace

QList<Diagnostic> diagnoseRecording(const Trace &trace, const SegmentBuilder &segments,
                                    const RunSummary &summary)
{
    Q_UNUSED(summary);
    QList<Diagnostic> out;
    if (!trace.isRecording())
        return out;
    for (const RecordingDetector &detector : RecordingDetectors)
        detector.detect(trace, segments, &out);
    return out;
}

QList<Diagnostic::Kind> recordingDetectorKinds()
{
    QList<Diagnostic::Kind> kinds;
    for (const RecordingDetector &detector : RecordingDetectors)
        kinds << detector.kind;
    return kinds;
}

} // namespace Coroscope
