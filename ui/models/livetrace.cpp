#include "livetrace.h"

#include "timelinestate.h"

#include <algorithm>

namespace Coroscope {

LiveTrace::LiveTrace(QObject *parent)
    : QObject(parent)
{
}

void LiveTrace::attach(std::shared_ptr<TraceRecorder> recorder)
{
    m_recorder = std::move(recorder);
    m_busySyncs = 0;
    m_viewNs = -1;
    m_view.clear();
    m_trace = m_recorder ? m_recorder->snapshot() : Trace{};
    m_segments.reset(m_trace.tasks.size());
    m_segments.update(m_trace);
    ++m_revision;
    playheadToLive();
    Q_EMIT reset();
    Q_EMIT changed();
}

void LiveTrace::setTrace(const Trace &trace)
{
    m_recorder.reset();
    m_viewNs = -1;
    m_view.clear();
    m_trace = trace;
    m_segments.reset(m_trace.tasks.size());
    m_segments.update(m_trace);
    ++m_revision;
    playheadToLive();
    Q_EMIT reset();
    Q_EMIT changed();
}

void LiveTrace::setTimelineState(TimelineState *state)
{
    if (m_state)
        disconnect(m_state, nullptr, this, nullptr);
    m_state = state;
    if (!m_state)
        return;
    connect(m_state, &TimelineState::playheadChanged, this, [this](qint64 ns) {
        if (ns < 0)
            clearView();
        else
            setViewNs(ns);
    });
}

void LiveTrace::playheadToLive()
{
    // Before reset(): no view reads the old trace's instant against the new trace.
    if (m_state)
        m_state->followPlayheadLive();
}

void LiveTrace::clear()
{
    setTrace(Trace{});
}

void LiveTrace::refresh()
{
    if (!m_recorder)
        return;
    const qsizetype before = m_trace.events.size();
    const bool wasComplete = m_trace.isComplete();
    // A recorded program's end (exit status, time) is written after its last event.
    const std::optional<ProgramRun> programBefore = m_trace.program;
    // The window never waits for the recorder's writer (a reader thread appending a batch, which
    // the machine may have preempted): this refresh is skipped and the next one syncs. Only a
    // writer that holds the trace at several refreshes in a row is waited for, and the refresh
    // that follows the end (nothing writes any more) always syncs.
    if (m_recorder->isComplete()) {
        m_recorder->syncInto(m_trace);
    } else if (!m_recorder->trySyncInto(m_trace)) {
        if (++m_busySyncs < MaxBusySyncs)
            return;
        m_recorder->syncInto(m_trace);
    }
    m_busySyncs = 0;
    m_segments.update(m_trace);
    if (m_viewNs >= 0) {
        // The view stays at its instant while the run goes on; events synced just now may still
        // be from before it, and a run that ended before it is shown whole.
        if (m_trace.isComplete() && m_viewNs >= m_trace.endNs)
            m_view.clear();
        else
            m_view.moveTo(m_trace, m_viewNs);
    }
    // While live, "now" moves even without events: open segments grow (and the axis of a view
    // of the past keeps the whole run's length).
    if (m_trace.events.size() != before || !wasComplete || m_trace.program != programBefore) {
        ++m_revision;
        Q_EMIT changed();
    }
}

void LiveTrace::setViewNs(qint64 ns)
{
    ns = std::max<qint64>(0, ns);
    if (ns == m_viewNs)
        return;
    m_viewNs = ns;
    if (m_trace.isComplete() && ns >= m_trace.endNs)
        m_view.clear(); // the whole run: no copy to keep
    else
        m_view.moveTo(m_trace, ns);
    ++m_revision;
    Q_EMIT changed();
}

void LiveTrace::clearView()
{
    if (m_viewNs < 0)
        return;
    m_viewNs = -1;
    m_view.clear();
    ++m_revision;
    Q_EMIT changed();
}

qint64 LiveTrace::nowNs() const
{
    return viewing() ? m_viewNs : wholeNowNs();
}

qint64 LiveTrace::wholeNowNs() const
{
    if (m_recorder && !m_trace.isComplete())
        return m_recorder->nowNs();
    return m_trace.lastNs();
}

} // namespace Coroscope
