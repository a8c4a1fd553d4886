#include "segments.h"

#include <algorithm>

namespace Coroscope {

QString stateName(SegmentState state)
{
    switch (state) {
    case SegmentState::Pending:
        return QStringLiteral("pending");
    case SegmentState::Running:
        return QStringLiteral("running");
    case SegmentState::Suspended:
        return QStringLiteral("suspended");
    }
    return {};
}

void SegmentBuilder::reset(qsizetype taskCount)
{
    m_rows.clear();
    m_rows.resize(taskCount);
    m_times.clear();
    m_times.resize(taskCount);
    m_open.clear();
    m_open.resize(taskCount);
    m_consumed = 0;
}

void SegmentBuilder::update(const Trace &trace)
{
    if (trace.tasks.size() != m_rows.size() || trace.events.size() < m_consumed)
        reset(trace.tasks.size());
    for (qsizetype i = m_consumed; i < trace.events.size(); ++i)
        apply(trace.events.at(i));
    m_consumed = trace.events.size();
}

bool SegmentBuilder::keeps(const Segment &segment)
{
    return segment.endNs > segment.startNs || segment.state == SegmentState::Suspended;
}

void SegmentBuilder::close(quint32 task, qint64 ns)
{
    Open &open = m_open[task];
    if (open.startNs < 0)
        return;
    const Segment segment{open.startNs, std::max(ns, open.startNs), task, open.state, open.label};
    TaskTimes &times = m_times[task];
    switch (segment.state) {
    case SegmentState::Pending:
        times.pendingNs += segment.durationNs();
        break;
    case SegmentState::Running:
        times.runningNs += segment.durationNs();
        break;
    case SegmentState::Suspended:
        times.suspendedNs += segment.durationNs();
        break;
    }
    if (keeps(segment))
        m_rows[task].append(segment);
    open.startNs = -1;
}

void SegmentBuilder::apply(const TraceEvent &e)
{
    if (e.task == LoopTask || e.task >= quint32(m_rows.size()))
        return;
    TaskTimes &times = m_times[e.task];
    Open &open = m_open[e.task];
    switch (e.kind) {
    case EventKind::Created:
        times.createdNs = e.ns;
        open = Open{e.ns, SegmentState::Pending, 0};
        break;
    case EventKind::Admitted:
        // The pending span is named after the resource the task last waited for.
        m_open[e.task].label = e.label;
        close(e.task, e.ns);
        times.admittedNs = e.ns;
        m_open[e.task] = Open{e.ns, SegmentState::Running, 0};
        break;
    case EventKind::Suspended:
        close(e.task, e.ns);
        m_open[e.task] = Open{e.ns, SegmentState::Suspended, e.label};
        break;
    case EventKind::Resumed:
        close(e.task, e.ns);
        m_open[e.task] = Open{e.ns, SegmentState::Running, 0};
        break;
    case EventKind::Finished:
        close(e.task, e.ns);
        times.finishedNs = e.ns;
        if (times.admittedNs < 0)
            times.admittedNs = e.ns; // never admitted (cancelled while pending)
        break;
    case EventKind::DoneCallback:
        times.doneCallbackNs = e.ns;
        break;
    case EventKind::LagSample:
    case EventKind::AllDone:
        break;
    }
}

bool SegmentBuilder::openSegment(quint32 task, qint64 nowNs, Segment *segment) const
{
    const Open &open = m_open.at(task);
    if (open.startNs < 0)
        return false;
    *segment = Segment{open.startNs, std::max(nowNs, open.startNs), task, open.state, open.label};
    return true;
}

QList<Segment> deriveSegments(const Trace &trace, bool closeOpenAtEnd)
{
    SegmentBuilder builder;
    builder.reset(trace.tasks.size());
    builder.update(trace);
    QList<Segment> all;
    all.reserve(trace.events.size());
    for (quint32 t = 0; t < quint32(trace.tasks.size()); ++t) {
        all.append(builder.row(t));
        Segment open;
        if (closeOpenAtEnd && builder.openSegment(t, trace.lastNs(), &open)
            && SegmentBuilder::keeps(open))
            all.append(open);
    }
    std::stable_sort(all.begin(), all.end(), [](const Segment &a, const Segment &b) {
        return a.startNs != b.startNs ? a.startNs < b.startNs : a.task < b.task;
    });
    return all;
}

QList<TaskTimes> deriveTaskTimes(const Trace &trace)
{
    SegmentBuilder builder;
    builder.reset(trace.tasks.size());
    builder.update(trace);
    QList<TaskTimes> times;
    times.reserve(trace.tasks.size());
    const qint64 end = trace.lastNs();
    for (quint32 t = 0; t < quint32(trace.tasks.size()); ++t) {
        TaskTimes tt = builder.times(t);
        Segment open;
        if (builder.openSegment(t, end, &open)) { // unfinished: count up to the trace's end
            if (open.state == SegmentState::Pending)
                tt.pendingNs += open.durationNs();
            else if (open.state == SegmentState::Running)
                tt.runningNs += open.durationNs();
            else
                tt.suspendedNs += open.durationNs();
        }
        times.append(tt);
    }
    return times;
}

} // namespace Coroscope
