#include "livetrace.h"

namespace Coroscope {

LiveTrace::LiveTrace(QObject *parent)
    : QObject(parent)
{
}

void LiveTrace::attach(std::shared_ptr<TraceRecorder> recorder)
{
    m_recorder = std::move(recorder);
    m_trace = m_recorder ? m_recorder->snapshot() : Trace{};
    m_segments.reset(m_trace.tasks.size());
    m_segments.update(m_trace);
    ++m_revision;
    Q_EMIT reset();
    Q_EMIT changed();
}

void LiveTrace::setTrace(const Trace &trace)
{
    m_recorder.reset();
    m_trace = trace;
    m_segments.reset(m_trace.tasks.size());
    m_segments.update(m_trace);
    ++m_revision;
    Q_EMIT reset();
    Q_EMIT changed();
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
    m_recorder->syncInto(m_trace);
    m_segments.update(m_trace);
    // While live, "now" moves even without events: open segments grow.
    if (m_trace.events.size() != before || !wasComplete) {
        ++m_revision;
        Q_EMIT changed();
    }
}

qint64 LiveTrace::nowNs() const
{
    if (m_recorder && !m_trace.isComplete())
        return m_recorder->nowNs();
    return m_trace.lastNs();
}

} // namespace Coroscope
