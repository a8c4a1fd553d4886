#include "traceinstant.h"

#include <algorithm>

namespace Coroscope {

namespace {

// What a task's row said while it had not finished: where it goes, on which worker (the
// segments need it to tell the loop from a worker thread), nothing of its outcome.
TaskInfo unfinished(const TaskInfo &info)
{
    TaskInfo shown;
    shown.urlIndex = info.urlIndex;
    shown.worker = info.worker;
    // A recorded task is known by its name, its creator and its creation site from its start.
    shown.name = info.name;
    shown.coroutine = info.coroutine;
    shown.createdAt = info.createdAt;
    shown.parent = info.parent;
    shown.lane = info.lane;
    return shown;
}

qsizetype eventsUpTo(const Trace &whole, qint64 ns)
{
    const auto it = std::upper_bound(whole.events.cbegin(), whole.events.cend(), ns,
                                     [](qint64 t, const TraceEvent &e) { return t < e.ns; });
    return it - whole.events.cbegin();
}

} // namespace

void TraceInstant::clear()
{
    *this = TraceInstant{};
}

void TraceInstant::rebuild(const Trace &whole, qsizetype count)
{
    m_trace.tasks.clear();
    m_trace.tasks.reserve(whole.tasks.size());
    for (const TaskInfo &info : whole.tasks)
        m_trace.tasks.append(unfinished(info));
    m_trace.events = whole.events.first(count);
    for (const TraceEvent &e : std::as_const(m_trace.events)) {
        if (e.kind == EventKind::Finished && e.task < quint32(m_trace.tasks.size()))
            m_trace.tasks[e.task] = whole.tasks.at(e.task);
    }
    m_segments.reset(m_trace.tasks.size());
}

void TraceInstant::moveTo(const Trace &whole, qint64 ns)
{
    const qsizetype count = eventsUpTo(whole, ns);
    const qsizetype before = m_segments.consumed();
    // Same run, same prefix: the view's events are the first ones of the whole run.
    const bool sameRun = m_atNs >= 0 && m_trace.tasks.size() == whole.tasks.size()
        && m_trace.droppedTasks == whole.droppedTasks
        && m_trace.events.size() <= whole.events.size()
        && (m_trace.events.isEmpty()
            || (m_trace.events.constLast().ns == whole.events.at(m_trace.events.size() - 1).ns
                && m_trace.events.constLast().task
                    == whole.events.at(m_trace.events.size() - 1).task));
    m_trace.strategy = whole.strategy;
    m_trace.settings = whole.settings;
    m_trace.urls = whole.urls;
    m_trace.labels = whole.labels;
    m_trace.startedMsSinceEpoch = whole.startedMsSinceEpoch;
    m_trace.program = whole.program;
    m_trace.lanes = whole.lanes;
    m_trace.droppedTasks = whole.droppedTasks;
    m_trace.endNs = whole.isComplete() && ns >= whole.endNs ? whole.endNs : -1;
    m_atNs = ns;
    if (!sameRun) {
        rebuild(whole, count);
    } else if (count >= m_trace.events.size()) {
        // Forward: the events in between, and the outcome of the tasks they finish.
        const qsizetype from = m_trace.events.size();
        m_trace.events.append(whole.events.sliced(from, count - from));
        for (qsizetype i = from; i < count; ++i) {
            const TraceEvent &e = whole.events.at(i);
            if (e.kind == EventKind::Finished && e.task < quint32(m_trace.tasks.size()))
                m_trace.tasks[e.task] = whole.tasks.at(e.task);
        }
    } else {
        // Back: the tasks finished after the instant are unfinished again. The builder cannot
        // undo events, it starts over (SegmentBuilder::update resets when events shrink).
        for (qsizetype i = count; i < m_trace.events.size(); ++i) {
            const TraceEvent &e = m_trace.events.at(i);
            if (e.kind == EventKind::Finished && e.task < quint32(m_trace.tasks.size()))
                m_trace.tasks[e.task] = unfinished(whole.tasks.at(e.task));
        }
        m_trace.events.resize(count);
    }
    const bool fresh = !sameRun || count < before;
    m_segments.update(m_trace);
    m_lastWork = fresh ? count : count - before;
}

Trace traceAt(const Trace &whole, qint64 ns)
{
    TraceInstant instant;
    instant.moveTo(whole, ns);
    return instant.trace();
}

} // namespace Coroscope
