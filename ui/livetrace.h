#pragma once

#include "trace/recorder.h"
#include "trace/segments.h"

#include <QObject>

#include <memory>

namespace Coroscope {

// The GUI's view of one run: a Trace copy kept in sync with a recorder (incrementally, at the
// refresh rate, never per event) plus its derived segments. Every widget reads from here.
class LiveTrace : public QObject
{
    Q_OBJECT
public:
    explicit LiveTrace(QObject *parent = nullptr);

    // Follows a run in progress; the trace is reset.
    void attach(std::shared_ptr<TraceRecorder> recorder);
    // Shows a finished trace (e.g. loaded or kept after the run object is gone).
    void setTrace(const Trace &trace);
    void clear();
    // Pulls what the recorder has recorded since the last call; emits changed() if anything did.
    void refresh();

    const Trace &trace() const { return m_trace; }
    const SegmentBuilder &segments() const { return m_segments; }
    bool isLive() const { return m_recorder && !m_trace.isComplete(); }
    // "Now" on the trace's clock: the recorder's clock while live, the end afterwards.
    qint64 nowNs() const;
    int taskCount() const { return int(m_trace.tasks.size()); }
    // Bumped on every change: lets views cache geometry per revision.
    quint64 revision() const { return m_revision; }

Q_SIGNALS:
    void changed();
    void reset(); // a different trace (new run, cleared, loaded)

private:
    std::shared_ptr<TraceRecorder> m_recorder;
    Trace m_trace;
    SegmentBuilder m_segments;
    quint64 m_revision = 0;
};

} // namespace Coroscope
