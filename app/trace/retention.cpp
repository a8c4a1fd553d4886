#include "retention.h"

#include <limits>

namespace Coroscope {

QList<qint32> applyRetention(Trace *trace, qsizetype maxTasks)
{
    const qsizetype count = trace->tasks.size();
    if (count <= maxTasks)
        return {};
    const qsizetype keep = std::max<qsizetype>(1, maxTasks * Retention::KeepPercent / 100);
    qsizetype toDrop = count - keep;
    // Oldest first: task indexes are in creation order.
    QList<qint32> remap(count, 0);
    qsizetype dropped = 0;
    for (qsizetype t = 0; t < count && dropped < toDrop; ++t) {
        if (trace->tasks.at(t).result != TaskResult::Unfinished) {
            remap[t] = -1;
            ++dropped;
        }
    }
    if (dropped == 0)
        return {};
    qint32 next = 0;
    for (qsizetype t = 0; t < count; ++t) {
        if (remap.at(t) >= 0)
            remap[t] = next++;
    }

    // The creation of the oldest finished task kept: loop events before it describe a past that
    // only tasks still running (a program's main task) reach back to, and would otherwise grow
    // without bound in a program that runs for hours.
    qint64 loopCutNs = std::numeric_limits<qint64>::max();
    QList<TraceEvent> &events = trace->events;
    qsizetype out = 0;
    for (qsizetype i = 0; i < events.size(); ++i) {
        TraceEvent e = events.at(i);
        if (e.task != LoopTask) {
            const qint32 to = e.task < quint32(count) ? remap.at(e.task) : -1;
            if (to < 0)
                continue;
            e.task = quint32(to);
            if (e.kind == EventKind::WokenBy)
                e.value = e.value >= 0 && e.value < count ? remap.at(e.value) : -1;
            else if (e.kind == EventKind::Suspended && e.value > 0 && trace->program)
                e.value = e.value - 1 < count ? remap.at(e.value - 1) + 1 : 0;
            if (e.kind == EventKind::Created && loopCutNs == std::numeric_limits<qint64>::max()
                && trace->tasks.at(events.at(i).task).result != TaskResult::Unfinished)
                loopCutNs = e.ns;
        }
        events[out++] = e;
    }
    events.resize(out);
    if (loopCutNs != std::numeric_limits<qint64>::max()) {
        // Loop events up to the cut go (a second pass: the cut is known only now).
        qsizetype kept = 0;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const TraceEvent &e = events.at(i);
            if (e.task == LoopTask && e.ns < loopCutNs && e.kind != EventKind::Warning)
                continue;
            events[kept++] = e;
        }
        events.resize(kept);
    }
    events.squeeze();

    QList<TaskInfo> tasks;
    tasks.reserve(count - dropped);
    for (qsizetype t = 0; t < count; ++t) {
        if (remap.at(t) < 0)
            continue;
        TaskInfo info = std::move(trace->tasks[t]);
        if (info.parent >= 0)
            info.parent = info.parent < count ? remap.at(info.parent) : -1;
        tasks.append(std::move(info));
    }
    trace->tasks = std::move(tasks);
    trace->droppedTasks += dropped;
    return remap;
}

} // namespace Coroscope
