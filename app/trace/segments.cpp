#include "segments.h"

#include "phases.h"

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
    *this = SegmentBuilder{};
    m_rows.resize(taskCount);
    m_times.resize(taskCount);
    m_open.resize(taskCount);
    m_marks.resize(taskCount);
}

void SegmentBuilder::grow(qsizetype taskCount)
{
    m_rows.resize(taskCount);
    m_times.resize(taskCount);
    m_open.resize(taskCount);
    m_marks.resize(taskCount);
}

void SegmentBuilder::lookUpLabels(const Trace &trace)
{
    if (trace.labels.size() == m_labelsSeen)
        return;
    // Labels are only ever appended (a new trace resets the builder).
    m_replyLabels.resize(trace.labels.size());
    for (qsizetype i = m_labelsSeen; i < trace.labels.size(); ++i)
        m_replyLabels[i] = isReplyAwait(trace.labels.at(i));
    m_labelsSeen = trace.labels.size();
    const char *const moments[5]
        = {NetworkMoment::Connecting, NetworkMoment::Encrypted, NetworkMoment::RequestSent,
           NetworkMoment::Headers, NetworkMoment::Finished};
    for (int i = 0; i < 5; ++i)
        m_lblMoment[i] = int(trace.labels.indexOf(QLatin1String(moments[i])));
}

void SegmentBuilder::update(const Trace &trace)
{
    if (trace.tasks.size() < m_rows.size() || trace.events.size() < m_consumed
        || trace.droppedTasks != m_droppedTasks) {
        reset(trace.tasks.size()); // another trace, or tasks were dropped (trace/retention.h)
        m_droppedTasks = trace.droppedTasks;
    }
    else if (trace.tasks.size() > m_rows.size())
        grow(trace.tasks.size()); // a recording's new tasks: their events come next
    lookUpLabels(trace);
    for (qsizetype i = m_consumed; i < trace.events.size(); ++i)
        apply(trace.events.at(i), trace);
    m_consumed = trace.events.size();
}

bool SegmentBuilder::keeps(const Segment &segment)
{
    return segment.endNs > segment.startNs || segment.state == SegmentState::Suspended;
}

void SegmentBuilder::open(quint32 task, const Open &segment)
{
    m_open[task] = segment;
    if (segment.onLoop && m_runningOnLoop++ == 0)
        m_busySinceNs = segment.startNs;
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
    if (open.onLoop && --m_runningOnLoop == 0 && ns > m_busySinceNs) {
        const qint64 before = m_busyCumNs.isEmpty() ? 0 : m_busyCumNs.constLast();
        if (!m_busy.isEmpty() && m_busy.constLast().endNs >= m_busySinceNs) {
            m_busyCumNs.last() += ns - m_busy.constLast().endNs;
            m_busy.last().endNs = ns;
        } else {
            m_busy.append(Span{m_busySinceNs, ns});
            m_busyCumNs.append(before + ns - m_busySinceNs);
        }
    }
    open.onLoop = false;
}

qint64 SegmentBuilder::loopBusyBeforeNs(qint64 ns, qint64 nowNs) const
{
    const auto it = std::partition_point(m_busy.cbegin(), m_busy.cend(),
                                         [ns](const Span &s) { return s.endNs <= ns; });
    const qsizetype i = it - m_busy.cbegin();
    qint64 busy = i > 0 ? m_busyCumNs.at(i - 1) : 0;
    if (it != m_busy.cend() && it->startNs < ns)
        busy += ns - it->startNs;
    if (m_runningOnLoop > 0 && ns > m_busySinceNs)
        busy += std::min(ns, nowNs) - m_busySinceNs;
    return busy;
}

void SegmentBuilder::apply(const TraceEvent &e, const Trace &trace)
{
    if (e.task == LoopTask || e.task >= quint32(m_rows.size()))
        return;
    TaskTimes &times = m_times[e.task];
    // Tasks of the threads strategy run on a worker, beside the loop: they never make it busy.
    const bool onLoop = trace.tasks.at(e.task).worker < 0;
    switch (e.kind) {
    case EventKind::Created:
        close(e.task, e.ns);
        times.createdNs = e.ns;
        open(e.task, Open{e.ns, SegmentState::Pending, 0, false});
        break;
    case EventKind::Admitted:
        // The pending span is named after the resource the task last waited for.
        m_open[e.task].label = e.label;
        close(e.task, e.ns);
        times.admittedNs = e.ns;
        open(e.task, Open{e.ns, SegmentState::Running, 0, onLoop});
        break;
    case EventKind::Suspended:
        if (e.label < m_replyLabels.size() && m_replyLabels.at(e.label)) {
            // A task's next reply is the next hop of its request: the previous one is kept.
            if (m_marks[e.task].awaitStartNs >= 0) {
                m_earlierMarks[e.task].append(m_marks[e.task]);
                m_marks[e.task] = RequestMarks{};
            }
            m_marks[e.task].awaitStartNs = e.ns;
        }
        close(e.task, e.ns);
        open(e.task, Open{e.ns, SegmentState::Suspended, e.label, false});
        break;
    case EventKind::Resumed:
        if (e.label < m_replyLabels.size() && m_replyLabels.at(e.label))
            m_marks[e.task].awaitEndNs = e.ns;
        // An await named when it ended (a redirect's status and target) takes that name.
        if (e.label != 0 && m_open[e.task].startNs >= 0
            && m_open[e.task].state == SegmentState::Suspended)
            m_open[e.task].label = e.label;
        close(e.task, e.ns);
        open(e.task, Open{e.ns, SegmentState::Running, 0, onLoop});
        break;
    case EventKind::Finished:
        // Cancelled while pending: the pending span is named after what it was waiting for.
        if (e.label != 0 && m_open[e.task].state == SegmentState::Pending)
            m_open[e.task].label = e.label;
        close(e.task, e.ns);
        times.finishedNs = e.ns;
        if (times.admittedNs < 0)
            times.admittedNs = e.ns; // never admitted (cancelled while pending)
        break;
    case EventKind::DoneCallback:
        times.doneCallbackNs = e.ns;
        break;
    case EventKind::Doing:
        // A running stretch continues under a new name: split it, the loop stays busy.
        if (m_open[e.task].startNs >= 0 && m_open[e.task].state == SegmentState::Running) {
            close(e.task, e.ns);
            open(e.task, Open{e.ns, SegmentState::Running, e.label, onLoop});
        }
        break;
    case EventKind::Network: {
        RequestMarks &m = m_marks[e.task];
        qint64 *fields[5]
            = {&m.connectingNs, &m.encryptedNs, &m.sentNs, &m.headersNs, &m.finishedNs};
        for (int i = 0; i < 5; ++i) {
            // The current hop's (the builder starts a hop's marks at its await); a moment seen
            // twice in one hop (never, with redirects followed by Coroscope) keeps the last.
            if (e.label == m_lblMoment[i])
                *fields[i] = e.ns;
        }
        break;
    }
    case EventKind::LagSample:
    case EventKind::AllDone:
    case EventKind::Stopped:
    case EventKind::LoopCpu:
    case EventKind::LoopWait:
    // Recordings' kinds that do not change a task's state (the loop's idle/busy, holds, wake
    // links, readiness, warnings, renames): the views read them from the events.
    case EventKind::LoopIdle:
    case EventKind::LoopBusy:
    case EventKind::Hold:
    case EventKind::WokenBy:
    case EventKind::Ready:
    case EventKind::Warning:
    case EventKind::Renamed:
        break;
    }
}

int SegmentBuilder::hopCount(quint32 task) const
{
    const auto it = m_earlierMarks.constFind(task);
    const int earlier = it == m_earlierMarks.constEnd() ? 0 : int(it->size());
    return earlier + (m_marks.at(task).awaitStartNs >= 0 ? 1 : 0);
}

const SegmentBuilder::RequestMarks &SegmentBuilder::hopMarks(quint32 task, int hop) const
{
    const auto it = m_earlierMarks.constFind(task);
    if (it != m_earlierMarks.constEnd() && hop < it->size())
        return it->at(hop);
    return m_marks.at(task);
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
