#pragma once

#include "trace/recorder.h"
#include "trace/segments.h"
#include "trace/traceinstant.h"

#include <QObject>
#include <QPointer>

#include <memory>

namespace Coroscope {

class TimelineState;

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

    // Replay: the views show the run as it was at instant `ns` (TraceInstant) while the whole
    // run stays here, still growing if it is live. Emits changed(), never reset(): what is
    // selected stays selected. At or after the end of a finished run the view is the run.
    void setViewNs(qint64 ns);
    // Back to the whole run (live: up to now).
    void clearView();
    // Follows the shared playhead (setViewNs at it, clearView while it is live); a new trace
    // puts it back to live.
    void setTimelineState(TimelineState *state);
    // The instant asked for, -1 for the whole run.
    qint64 viewNs() const { return m_viewNs; }
    // The views show less than the whole run (the instant is before the end).
    bool isViewingPast() const { return viewing(); }

    // The run as the views show it: at the view instant when one is set. Every widget reads
    // this; whatever stands for "the run" itself (exports, saving, comparing) reads wholeTrace().
    const Trace &trace() const { return viewing() ? m_view.trace() : m_trace; }
    const SegmentBuilder &segments() const { return viewing() ? m_view.segments() : m_segments; }
    // "Now" of what the views show: the view instant, else the run's now (wholeNowNs()).
    qint64 nowNs() const;
    int taskCount() const { return int(m_trace.tasks.size()); }

    // The whole run, whatever the view instant.
    const Trace &wholeTrace() const { return m_trace; }
    const SegmentBuilder &wholeSegments() const { return m_segments; }
    // "Now" on the trace's clock: the recorder's clock while live, the end afterwards.
    qint64 wholeNowNs() const;
    // The run is still being recorded (whatever instant the views show).
    bool isLive() const { return m_recorder && !m_trace.isComplete(); }
    // Bumped on every change (the run grew or the view moved): lets views cache per revision.
    quint64 revision() const { return m_revision; }

Q_SIGNALS:
    void changed();
    void reset(); // a different trace (new run, cleared, loaded)

private:
    void playheadToLive();

    std::shared_ptr<TraceRecorder> m_recorder;
    QPointer<TimelineState> m_state;
    Trace m_trace;
    SegmentBuilder m_segments;
    quint64 m_revision = 0;
    // Refreshes in a row that found the recorder's trace held by its writer.
    static constexpr int MaxBusySyncs = 4;
    int m_busySyncs = 0;
    qint64 m_viewNs = -1;
    TraceInstant m_view; // built while m_viewNs is before the end of a finished run
    bool viewing() const { return m_viewNs >= 0 && m_view.atNs() >= 0; }
};

} // namespace Coroscope
