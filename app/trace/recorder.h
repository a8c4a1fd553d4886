#pragma once

#include "trace.h"

#include <QElapsedTimer>
#include <QMutex>

#include <atomic>

namespace Coroscope {

// Thread-safe writer of a Trace. The scheduler thread (and worker threads) record; any thread
// may take a full snapshot or an incremental copy while the run is in progress.
// Time is a monotonic nanosecond clock started by start().
class TraceRecorder
{
public:
    TraceRecorder(const QString &strategy, const QStringList &urls, const QList<quint32> &taskUrls);
    Q_DISABLE_COPY_MOVE(TraceRecorder)

    void start();
    void setSettings(const RunSettings &settings);
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }

    // Returns a stable id for a label; interning the same text twice gives the same id.
    quint16 internLabel(const QString &text);

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

    int taskCount() const { return m_taskCount; }
    int finishedCount() const { return m_finished.load(std::memory_order_relaxed); }
    bool isComplete() const { return m_complete.load(std::memory_order_acquire); }

    Trace snapshot() const;
    // Brings `into` (a previous snapshot of this recorder) up to date, copying only what changed:
    // new events, task infos of newly finished tasks, new labels, the end time.
    void syncInto(Trace &into) const;

private:
    QElapsedTimer m_clock;
    mutable QMutex m_mutex;
    Trace m_trace;
    const int m_taskCount;
    std::atomic<int> m_finished{0};
    std::atomic<bool> m_complete{false};
    std::atomic<bool> m_measuringAlone{false};
};

} // namespace Coroscope
