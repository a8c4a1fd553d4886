#include "recorder.h"

#include <QDateTime>

#include <algorithm>
#include <mutex>

namespace Coroscope {

TraceRecorder::TraceRecorder(const QString &strategy, const QStringList &urls,
                             const QList<quint32> &taskUrls)
{
    m_taskCount.store(int(taskUrls.size()));
    m_trace.strategy = strategy;
    m_trace.urls = urls;
    m_trace.tasks.resize(taskUrls.size());
    for (qsizetype i = 0; i < taskUrls.size(); ++i)
        m_trace.tasks[i].urlIndex = taskUrls.at(i);
    // ~5 events per task in the common case: avoid reallocation under the lock.
    m_trace.events.reserve(taskUrls.size() * 5 + 1024);
    m_clock.start();
}

TraceRecorder::TraceRecorder(const QString &strategy)
{
    m_trace.strategy = strategy;
    m_clock.start();
}

void TraceRecorder::advanceClock(qint64 ns)
{
    const qint64 behind = ns - nowNs();
    if (behind > 0)
        m_clockOffsetNs.fetch_add(behind, std::memory_order_relaxed);
}

quint32 TraceRecorder::addTask(const TaskInfo &info, qint64 ns)
{
    QMutexLocker lock(&m_mutex);
    TaskInfo added = info;
    added.result = TaskResult::Unfinished;
    m_trace.tasks.append(std::move(added));
    const auto task = quint32(m_trace.tasks.size() - 1);
    if (ns < 0)
        ns = nowNs();
    if (!m_trace.events.isEmpty())
        ns = std::max(ns, m_trace.events.constLast().ns);
    m_trace.events.append(
        TraceEvent{ns, task, EventKind::Created, quint8(std::min<int>(info.lane, 255)), 0, 0});
    m_taskCount.store(int(m_trace.tasks.size()), std::memory_order_relaxed);
    return task;
}

void TraceRecorder::start()
{
    QMutexLocker lock(&m_mutex);
    m_trace.startedMsSinceEpoch = QDateTime::currentMSecsSinceEpoch();
    m_clock.start();
}

void TraceRecorder::setSettings(const RunSettings &settings)
{
    QMutexLocker lock(&m_mutex);
    m_trace.settings = settings;
}

quint16 TraceRecorder::internLabel(const QString &text)
{
    QMutexLocker lock(&m_mutex);
    const auto existing = m_trace.labels.indexOf(text);
    if (existing >= 0)
        return quint16(existing);
    if (m_trace.labels.size() >= Trace::MoreLabels) {
        if (m_trace.labels.size() == Trace::MoreLabels)
            m_trace.labels.append(QStringLiteral("… more await sites"));
        return Trace::MoreLabels;
    }
    m_trace.labels.append(text);
    return quint16(m_trace.labels.size() - 1);
}

void TraceRecorder::record(quint32 task, EventKind kind, quint16 label, qint32 value)
{
    QMutexLocker lock(&m_mutex);
    // Stamped under the lock so that events are in non-decreasing time order across threads.
    m_trace.events.append(TraceEvent{nowNs(), task, kind, 0, label, value});
}

void TraceRecorder::recordAt(qint64 ns, quint32 task, EventKind kind, quint16 label, qint32 value)
{
    QMutexLocker lock(&m_mutex);
    // `ns` was read before the lock: another thread may have recorded a later time meanwhile.
    // Events stay in non-decreasing time order (Trace::events says so; run files rely on it).
    if (!m_trace.events.isEmpty())
        ns = std::max(ns, m_trace.events.constLast().ns);
    m_trace.events.append(TraceEvent{ns, task, kind, 0, label, value});
}

void TraceRecorder::setWorker(quint32 task, qint16 worker)
{
    QMutexLocker lock(&m_mutex);
    m_trace.tasks[task].worker = worker;
}

void TraceRecorder::finish(quint32 task, const TaskInfo &outcome, quint16 waitedFor)
{
    QMutexLocker lock(&m_mutex);
    TaskInfo &info = m_trace.tasks[task];
    if (info.result != TaskResult::Unfinished)
        return; // finished once only, whatever races cancellation with completion
    TaskInfo updated = outcome;
    updated.urlIndex = info.urlIndex;
    updated.worker = info.worker;
    info = std::move(updated);
    m_trace.events.append(TraceEvent{nowNs(), task, EventKind::Finished, 0, waitedFor, 0});
    m_finished.fetch_add(1, std::memory_order_relaxed);
}

void TraceRecorder::markComplete()
{
    QMutexLocker lock(&m_mutex);
    if (m_trace.endNs < 0)
        m_trace.endNs = nowNs();
    m_complete.store(true, std::memory_order_release);
}

void TraceRecorder::setProbes(const QList<UrlProbe> &probes)
{
    QMutexLocker lock(&m_mutex);
    m_trace.probes = probes;
}

Trace TraceRecorder::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_trace;
}

void TraceRecorder::syncInto(Trace &into) const
{
    QMutexLocker lock(&m_mutex);
    syncLocked(into);
}

bool TraceRecorder::trySyncInto(Trace &into) const
{
    std::unique_lock lock(m_mutex, std::try_to_lock);
    if (!lock.owns_lock())
        return false;
    syncLocked(into);
    return true;
}

void TraceRecorder::syncLocked(Trace &into) const
{
    if (into.tasks.size() > m_trace.tasks.size() || into.events.size() > m_trace.events.size()
        || into.droppedTasks != m_trace.droppedTasks) {
        into = m_trace; // not a snapshot of this recorder (or tasks were dropped): start over
        return;
    }
    into.strategy = m_trace.strategy;
    into.settings = m_trace.settings;
    into.urls = m_trace.urls;
    into.labels = m_trace.labels;
    into.startedMsSinceEpoch = m_trace.startedMsSinceEpoch;
    into.endNs = m_trace.endNs;
    into.probes = m_trace.probes;
    into.program = m_trace.program;
    into.lanes = m_trace.lanes;
    // Tasks added since: their Created events are among the new ones, which copy them whole.
    into.tasks.resize(m_trace.tasks.size());
    const qsizetype from = into.events.size();
    into.events.append(m_trace.events.sliced(from));
    for (qsizetype i = from; i < m_trace.events.size(); ++i) {
        const TraceEvent &e = m_trace.events.at(i);
        if (e.task != LoopTask)
            into.tasks[e.task] = m_trace.tasks.at(e.task); // worker/result may have changed
    }
}

} // namespace Coroscope
