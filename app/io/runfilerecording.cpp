#include "runfilerecording_p.h"

#include "runfile.h"

#include <QCoreApplication>

#include <limits>

namespace Coroscope::RunFileRecording {

using namespace RunFileBinary;

namespace {

struct RunFileText
{
    Q_DECLARE_TR_FUNCTIONS(RunFile)
};

bool inRunSection(EventKind kind)
{
    return quint8(kind) <= quint8(EventKind::Network);
}

constexpr qint64 IntMax = std::numeric_limits<qint32>::max();

} // namespace

QList<TraceEvent> baseEvents(const Trace &trace)
{
    if (!trace.isRecording())
        return trace.events; // shared, not copied
    QList<TraceEvent> base;
    base.reserve(baseEventCount(trace));
    for (const TraceEvent &e : trace.events) {
        if (inRunSection(e.kind))
            base.append(e);
    }
    return base;
}

qsizetype baseEventCount(const Trace &trace)
{
    if (!trace.isRecording())
        return trace.events.size();
    return std::count_if(trace.events.cbegin(), trace.events.cend(),
                         [](const TraceEvent &e) { return inRunSection(e.kind); });
}

QByteArray encode(const Trace &trace, const std::function<quint32(const QString &)> &addString)
{
    QByteArray out;
    if (!trace.isRecording())
        return out;
    const ProgramRun &p = *trace.program;
    Writer w(&out);
    for (const QString *s : {&p.recorder, &p.recorderVersion, &p.runtime, &p.command})
        w.varint(addString(*s));
    for (const qint64 v : {p.pid, qint64(p.formatMajor), qint64(p.formatMinor), qint64(p.end),
                           qint64(p.status), p.wallNs, p.recorded, p.dropped, p.damagedLines,
                           p.unknownRecords, trace.droppedTasks})
        w.zigzag(v);
    w.varint(quint64(trace.lanes.size()));
    for (const QString &lane : trace.lanes)
        w.varint(addString(lane));
    w.varint(quint64(trace.tasks.size()));
    for (const TaskInfo &t : trace.tasks) {
        w.varint(addString(t.name));
        w.varint(addString(t.coroutine));
        w.varint(addString(t.createdAt));
        w.zigzag(t.parent);
        w.zigzag(t.lane);
    }
    // Each RUN event's lane, then the other events with their places in the whole sequence.
    w.varint(quint64(baseEventCount(trace)));
    for (const TraceEvent &e : trace.events) {
        if (inRunSection(e.kind))
            w.u8(e.lane);
    }
    QList<TraceEvent> extra;
    QList<qsizetype> places;
    for (qsizetype i = 0; i < trace.events.size(); ++i) {
        if (!inRunSection(trace.events.at(i).kind)) {
            extra.append(trace.events.at(i));
            places.append(i);
        }
    }
    w.varint(quint64(extra.size()));
    qsizetype previousPlace = 0;
    for (const qsizetype place : std::as_const(places)) {
        w.varint(quint64(place - previousPlace));
        previousPlace = place;
    }
    writeEventColumns(w, extra);
    for (const TraceEvent &e : std::as_const(extra))
        w.u8(e.lane);
    return out;
}

bool read(Reader &r, const std::function<QString(Reader &, const char *)> &text, Trace *trace)
{
    ProgramRun p;
    p.recorder = text(r, "the recorder");
    p.recorderVersion = text(r, "the recorder's version");
    p.runtime = text(r, "the program's runtime");
    p.command = text(r, "the program's command");
    p.pid = r.ranged("the program's process id", 0, std::numeric_limits<qint64>::max());
    p.formatMajor = int(r.ranged("the recording's format", 0, IntMax));
    p.formatMinor = int(r.ranged("the recording's format", 0, IntMax));
    const qint64 end = r.ranged("how the program ended", 0, qint64(ProgramEnd::FailedToStart));
    p.end = ProgramEnd(end);
    p.status = int(r.ranged("the program's exit status", -IntMax, IntMax));
    p.wallNs = r.ranged("the program's time", -1, RunFile::MaxNs);
    p.recorded = r.ranged("the records recorded", 0, std::numeric_limits<qint64>::max());
    p.dropped = r.ranged("the records dropped", 0, std::numeric_limits<qint64>::max());
    p.damagedLines = r.ranged("the damaged lines", 0, std::numeric_limits<qint64>::max());
    p.unknownRecords = r.ranged("the unknown records", 0, std::numeric_limits<qint64>::max());
    const qint64 droppedTasks
        = r.ranged("the tasks dropped", 0, std::numeric_limits<qint64>::max());

    const qsizetype laneCount = r.count("lanes", 0xffff, 1);
    QStringList lanes;
    for (qsizetype i = 0; i < laneCount && r.ok(); ++i)
        lanes.append(text(r, "a lane"));
    const qsizetype taskCount = r.count("recorded tasks", RunSpec::MaxTasks, 5);
    if (r.ok() && taskCount != trace->tasks.size())
        r.fail(RunFileText::tr("its recording has %1 tasks, its run %2")
                   .arg(taskCount)
                   .arg(trace->tasks.size()));
    for (qsizetype i = 0; i < taskCount && r.ok(); ++i) {
        TaskInfo &t = trace->tasks[i];
        t.name = text(r, "a task's name");
        t.coroutine = text(r, "a task's coroutine");
        t.createdAt = text(r, "a task's creation site");
        t.parent = qint32(r.ranged("a task's parent", -1, taskCount - 1));
        t.lane = quint16(r.ranged("a task's lane", 0, std::max<qsizetype>(0, laneCount - 1)));
    }
    const qsizetype baseCount = r.count("events' lanes", std::numeric_limits<qint32>::max(), 1);
    if (r.ok() && baseCount != trace->events.size())
        r.fail(RunFileText::tr("its recording has lanes for %1 events, its run has %2")
                   .arg(baseCount)
                   .arg(trace->events.size()));
    for (qsizetype i = 0; i < baseCount && r.ok(); ++i)
        trace->events[i].lane = r.u8("an event's lane");

    // Seven columns of at least a byte per event.
    const qsizetype extraCount = r.count("recorded events", std::numeric_limits<qint32>::max(), 7);
    QList<qsizetype> places(r.ok() ? extraCount : 0);
    qsizetype place = 0;
    const qsizetype total = baseCount + extraCount;
    for (qsizetype i = 0; i < extraCount && r.ok(); ++i) {
        const quint64 step = r.varint("a recorded event's place");
        if (r.ok() && (step > quint64(total) || (i > 0 && step == 0)
                       || place + qsizetype(step) >= total))
            r.fail(RunFileText::tr("a recorded event's place (%1) is outside the run").arg(step));
        place += qsizetype(step);
        places[i] = place;
    }
    QList<TraceEvent> extra(r.ok() ? extraCount : 0);
    qint64 ns = 0;
    for (qsizetype i = 0; i < extraCount && r.ok(); ++i) {
        ns += r.ranged("a recorded event's time", -RunFile::MaxNs, RunFile::MaxNs);
        if (r.ok() && (ns < 0 || ns > RunFile::MaxNs))
            r.fail(RunFileText::tr("a recorded event is at an impossible time"));
        extra[i].ns = ns;
    }
    QList<bool> known(r.ok() ? extraCount : 0, true);
    for (qsizetype i = 0; i < extraCount && r.ok(); ++i) {
        const quint8 kind = r.u8("a recorded event's kind");
        // A newer minor version's kinds are skipped (below), never refused; those up to
        // Network belong to the RUN section.
        if (r.ok() && kind <= quint8(EventKind::Network))
            r.fail(RunFileText::tr("a recorded event has kind %1, which belongs to the run").arg(kind));
        known[i] = kind <= quint8(LastEventKind);
        extra[i].kind = EventKind(kind);
    }
    for (qsizetype i = 0; i < extraCount && r.ok(); ++i) {
        const quint64 task = r.varint("a recorded event's task");
        if (r.ok() && task > quint64(trace->tasks.size()))
            r.fail(RunFileText::tr("a recorded event refers to task %1, but the run has %2")
                       .arg(task - 1)
                       .arg(trace->tasks.size()));
        extra[i].task = task == 0 ? LoopTask : quint32(task - 1);
    }
    for (qsizetype i = 0; i < extraCount && r.ok(); ++i) {
        const quint64 label = r.varint("a recorded event's label");
        if (r.ok() && label >= quint64(trace->labels.size()))
            r.fail(RunFileText::tr("a recorded event refers to label %1, but the run has %2")
                       .arg(label)
                       .arg(trace->labels.size()));
        extra[i].label = quint16(label);
    }
    for (qsizetype i = 0; i < extraCount && r.ok(); ++i)
        extra[i].value = qint32(r.ranged("a recorded event's value", -IntMax - 1, IntMax));
    for (qsizetype i = 0; i < extraCount && r.ok(); ++i)
        extra[i].lane = r.u8("a recorded event's lane");
    if (!r.ok())
        return false;

    // The whole sequence: each recorded event at its place, the run's in order around them.
    QList<TraceEvent> merged;
    merged.reserve(total);
    qsizetype base = 0;
    qsizetype next = 0; // the next recorded event
    for (qsizetype place = 0; place < total; ++place) {
        if (next < extraCount && places.at(next) == place) {
            if (known.at(next))
                merged.append(extra.at(next));
            ++next;
        } else if (base < baseCount) {
            merged.append(trace->events.at(base++));
        }
    }
    for (qsizetype i = 1; i < merged.size(); ++i) {
        if (merged.at(i).ns < merged.at(i - 1).ns) {
            r.fail(RunFileText::tr("its recorded events are not in time order with its run's"));
            return false;
        }
    }
    trace->events = std::move(merged);
    trace->lanes = lanes;
    trace->droppedTasks = droppedTasks;
    trace->program = p;
    return true;
}

} // namespace Coroscope::RunFileRecording

namespace Coroscope {

RunRecord recordOfRecording(const Trace &recording)
{
    RunSpec spec;
    spec.tasks = int(recording.tasks.size());
    // A run file's RUN section names a strategy every reader knows: a recorded program's tasks
    // are coroutines on an event loop, the async model (CsrecDecoder names its traces so).
    spec.strategy = Strategy::Async;
    spec.concurrency = recording.settings.concurrency;
    spec.connectionsPerHost = recording.settings.connectionsPerHost;
    spec.timeoutMs = recording.settings.timeoutMs;
    spec.insecure = recording.settings.insecure;
    spec.lagProbe = false;
    return recordOfRuns(spec, 0, {}, {recording});
}

} // namespace Coroscope
