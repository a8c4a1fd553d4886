#pragma once

#include "trace.h"

#include <QElapsedTimer>
#include <QMutex>

#include <atomic>

namespace Coroscope {

// Thread-safe writer of a Trace. The scheduler thread (and worker threads) record; any thread
// may take a full snapshot or an incremental copy while the run is in progress.
// Time is a monotonic nanosecond clock started by start().
// A workload run has its tasks from the start (the constructor's); a recording starts empty and
// grows (addTask(), modify()), possibly dropping old finished tasks (trace/retention.h).
class TraceRecorder
{
public:
    TraceRecorder(const QString &strategy, const QStringList &urls, const QList<quint32> &taskUrls);
    // No tasks yet: they are added as they appear (a recording of a program).
    explicit TraceRecorder(const QString &strategy);
    Q_DISABLE_COPY_MOVE(TraceRecorder)

    void start();
    void setSettings(const RunSettings &settings);
    qint64 nowNs() const
    {
        return m_clock.nsecsElapsed() + m_clockOffsetNs.load(std::memory_order_relaxed);
    }
    // Moves "now" forward to at least `ns`: a recording's times come from the program's clock,
    // which may run ahead of ours by how late we started ours; live views draw up to nowNs().
    void advanceClock(qint64 ns);

    // Returns a stable id for a label; interning the same text twice gives the same id. Past
    // 65,534 labels every new text gets Trace::MoreLabels ("… more await sites"): an index
    // never wraps around onto another label.
    quint16 internLabel(const QString &text);

    // Adds a task (its urlIndex, name, parent... from `info`, result Unfinished) and records its
    // Created event at `ns` (-1: now). Returns its index.
    quint32 addTask(const TaskInfo &info, qint64 ns = -1);
    // Runs `change(Trace &trace)` under the lock: the way a reader of a recording appends a
    // batch of tasks and events at once. `change` returns how many tasks it finished. It must
    // keep the trace's rules (events in non-decreasing time, each task created before its other
    // events) and may drop tasks (trace/retention.h: syncInto() then copies the whole trace).
    template<typename Change> void modify(Change &&change)
    {
        QMutexLocker lock(&m_mutex);
        const int finished = change(m_trace);
        m_finished.fetch_add(finished, std::memory_order_relaxed);
        m_taskCount.store(int(m_trace.tasks.size()), std::memory_order_relaxed);
    }

    void record(quint32 task, EventKind kind, quint16 label = 0, qint32 value = 0);
    void recordAt(qint64 ns, quint32 task, EventKind kind, quint16 label = 0, qint32 value = 0);
    void setWorker(quint32 task, qint16 worker);
    // Stores the task's outcome (every field of `outcome` but urlIndex and worker) and records
    // its Finished event, atomically for readers. `waitedFor` names what a task that never got
    // admitted was waiting for (its pending span keeps that label).
    void finish(quint32 task, const TaskInfo &outcome, quint16 waitedFor = 0);
    void markComplete();
    // The measurement of each URL alone that came before the workload (Trace::probes), and
    // whether it is under way (the window says so: the workload has not started yet).
    void setProbes(const QList<UrlProbe> &probes);
    void setMeasuringAlone(bool measuring) { m_measuringAlone.store(measuring); }
    bool isMeasuringAlone() const { return m_measuringAlone.load(); }

    int taskCount() const { return m_taskCount.load(std::memory_order_relaxed); }
    int finishedCount() const { return m_finished.load(std::memory_order_relaxed); }
    bool isComplete() const { return m_complete.load(std::memory_order_acquire); }

    Trace snapshot() const;
    // Brings `into` (a previous snapshot of this recorder) up to date, copying only what changed:
    // new events, new tasks, task infos of tasks with new events, new labels, the end time.
    // After tasks were dropped (Trace::droppedTasks grew) it copies the whole trace.
    void syncInto(Trace &into) const;
    // The same, unless a writer holds the trace right now: then false at once, `into` untouched.
    // The GUI thread syncs this way: a reader thread preempted while it appends a batch must not
    // stall the window (it syncs at its next refresh instead).
    bool trySyncInto(Trace &into) const;

private:
    void syncLocked(Trace &into) const;

    QElapsedTimer m_clock;
    mutable QMutex m_mutex;
    Trace m_trace;
    std::atomic<int> m_taskCount{0};
    std::atomic<qint64> m_clockOffsetNs{0};
    std::atomic<int> m_finished{0};
    std::atomic<bool> m_complete{false};
    std::atomic<bool> m_measuringAlone{false};
};

} // namespace Coroscope
