#pragma once

#include "trace.h"

#include <QHash>
#include <QList>

namespace Coroscope {

enum class SegmentState : quint8 { Pending, Running, Suspended };

QString stateName(SegmentState state);

// A span of one task in one state. Segments of a task tile [created, finished] without gaps, so
// their durations add up exactly to the task's total time.
struct Segment
{
    qint64 startNs = 0;
    qint64 endNs = 0;
    quint32 task = 0;
    SegmentState state = SegmentState::Pending;
    quint16 label = 0; // Suspended: the await; Pending: what it waited for; Running: the work
                       // it did (a Doing event), 0 = nothing named
    qint64 durationNs() const { return endNs - startNs; }
};

// Per-task milestones and time split, derived from events.
struct TaskTimes
{
    qint64 createdNs = -1;
    qint64 admittedNs = -1;
    qint64 finishedNs = -1;
    qint64 doneCallbackNs = -1;
    qint64 pendingNs = 0;
    qint64 runningNs = 0;
    qint64 suspendedNs = 0;
    qint64 totalNs() const { return pendingNs + runningNs + suspendedNs; }
    void add(SegmentState state, qint64 ns);
    // Time the task was actually in progress (admitted -> finished): what it would cost alone.
    qint64 activeNs() const { return runningNs + suspendedNs; }
};

// Turns events into segments incrementally: feed it new events as they arrive (e.g. every
// repaint) and read closed segments per task plus each task's open (still growing) segment.
class SegmentBuilder
{
public:
    void reset(qsizetype taskCount);
    // Consumes trace.events[consumed()..]; the trace must be the same run as before.
    void update(const Trace &trace);
    qsizetype consumed() const { return m_consumed; }

    qsizetype taskCount() const { return m_rows.size(); }
    const QList<Segment> &row(quint32 task) const { return m_rows.at(task); }
    const TaskTimes &times(quint32 task) const { return m_times.at(task); }
    // The segment a task is in right now, ending at `nowNs`; false when it has none.
    bool openSegment(quint32 task, qint64 nowNs, Segment *segment) const;
    // times(task) plus its open segment counted up to `nowNs`.
    TaskTimes timesAt(quint32 task, qint64 nowNs) const;
    // Every kept segment, open ones closed at `nowNs`, sorted by start time, then task.
    QList<Segment> allSegments(qint64 nowNs) const;

    // The scheduler loop is busy while any task on it (not on a worker thread) is running. The
    // loop row of every view comes from here: closed busy spans, merged, in time order.
    struct Span
    {
        qint64 startNs = 0;
        qint64 endNs = 0;
    };
    const QList<Span> &loopBusy() const { return m_busy; }
    // Start of the busy span still open, -1 when the loop is idle.
    qint64 loopBusySinceNs() const { return m_runningOnLoop > 0 ? m_busySinceNs : -1; }
    // Busy time in [0, ns), the open span counted up to `nowNs`.
    qint64 loopBusyBeforeNs(qint64 ns, qint64 nowNs) const;

    // The moments of a task's requests, for trace/phases.h; -1 where not seen. A task that
    // followed redirects awaited one reply per hop: requestMarks() is the last hop's.
    struct RequestMarks
    {
        qint64 awaitStartNs = -1; // `await reply` suspended
        qint64 awaitEndNs = -1; // ... and resumed
        qint64 connectingNs = -1;
        qint64 encryptedNs = -1;
        qint64 sentNs = -1;
        qint64 headersNs = -1;
        qint64 finishedNs = -1;
    };
    const RequestMarks &requestMarks(quint32 task) const { return m_marks.at(task); }
    // Replies the task has awaited so far (0 when none), and each one's moments in order.
    int hopCount(quint32 task) const;
    const RequestMarks &hopMarks(quint32 task, int hop) const;

    // Zero-length running/pending spans carry no information and are dropped; zero-length
    // suspensions are kept: they show an await that never yielded.
    static bool keeps(const Segment &segment);

private:
    struct Open
    {
        qint64 startNs = -1; // -1 = no open segment
        SegmentState state = SegmentState::Pending;
        quint16 label = 0;
        bool onLoop = false; // a Running segment of a task on the loop, not on a worker
    };
    void open(quint32 task, const Open &segment);
    void close(quint32 task, qint64 ns);
    void apply(const TraceEvent &event, const Trace &trace);
    void lookUpLabels(const Trace &trace);
    void grow(qsizetype taskCount);
    qint64 m_droppedTasks = 0; // of the trace consumed: when it grows, the tasks were renumbered

    QList<QList<Segment>> m_rows;
    QList<TaskTimes> m_times;
    QList<Open> m_open;
    qsizetype m_consumed = 0;
    int m_runningOnLoop = 0;
    qint64 m_busySinceNs = -1;
    QList<Span> m_busy;
    QList<qint64> m_busyCumNs; // busy time from the start to the end of m_busy[i]
    QList<RequestMarks> m_marks;
    // The hops before the last, of tasks that followed redirects (few): by task.
    QHash<quint32, QList<RequestMarks>> m_earlierMarks;
    // Label ids of `await reply` (isReplyAwait()) and the network moments, looked up when
    // labels appear.
    qsizetype m_labelsSeen = 0;
    QList<bool> m_replyLabels;
    int m_lblMoment[5] = {-1, -1, -1, -1, -1};
};

// A builder brought up to date with the whole trace.
SegmentBuilder buildSegments(const Trace &trace);
// All segments of a trace (open ones closed at trace.lastNs()), sorted by start time, then task.
QList<Segment> deriveSegments(const Trace &trace);
// Per-task times, unfinished tasks counted up to trace.lastNs().
QList<TaskTimes> deriveTaskTimes(const Trace &trace);

} // namespace Coroscope

Q_DECLARE_TYPEINFO(Coroscope::Segment, Q_PRIMITIVE_TYPE);
Q_DECLARE_TYPEINFO(Coroscope::TaskTimes, Q_PRIMITIVE_TYPE);
Q_DECLARE_TYPEINFO(Coroscope::SegmentBuilder::Span, Q_PRIMITIVE_TYPE);
