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

void TaskTimes::add(SegmentState state, qint64 ns)
{
    switch (state) {
    case SegmentState::Pending:
        pendingNs += ns;
        break;
    case SegmentState::Running:
        runningNs += ns;
        break;
    case SegmentState::Suspended:
        suspendedNs += ns;
        break;
    }
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
    m_times[task].add(segment.state, segment.durationNs());
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

TaskTimes SegmentBuilder::timesAt(quint32 task, qint64 nowNs) const
{
    TaskTimes times = m_times.at(task);
    Segment open;
    if (openSegment(task, nowNs, &open))
        times.add(open.state, open.durationNs());
    return times;
}

QList<Segment> SegmentBuilder::allSegments(qint64 nowNs) const
{
    QList<Segment> all;
    for (quint32 t = 0; t < quint32(m_rows.size()); ++t) {
        all.append(m_rows.at(t));
        Segment open;
        if (openSegment(t, nowNs, &open) && keeps(open))
            all.append(open);
    }
    std::stable_sort(all.begin(), all.end(), [](const Segment &a, const Segment &b) {
        return a.startNs != b.startNs ? a.startNs < b.startNs : a.task < b.task;
    });
    return all;
}

SegmentBuilder buildSegments(const Trace &trace)
{
    SegmentBuilder builder;
    builder.update(trace);
    return builder;
}

QList<Segment> deriveSegments(const Trace &trace)
{
    return buildSegments(trace).allSegments(trace.lastNs());
}

QList<TaskTimes> deriveTaskTimes(const Trace &trace)
{
    const SegmentBuilder builder = buildSegments(trace);
    QList<TaskTimes> times;
    times.reserve(trace.tasks.size());
    for (quint32 t = 0; t < quint32(trace.tasks.size()); ++t)
        times.append(builder.timesAt(t, trace.lastNs()));
    return times;
}

} // namespace Coroscope
