#include "loopstate.h"

#include "phases.h"

#include <algorithm>

namespace Coroscope {

namespace {
// The segment of `task` that covers `atNs` (closed ones by binary search, then the open one).
bool segmentAt(const SegmentBuilder &segments, quint32 task, qint64 atNs, qint64 lastNs,
               Segment *out)
{
    const QList<Segment> &row = segments.row(task);
    auto it = std::upper_bound(row.cbegin(), row.cend(), atNs,
                               [](qint64 ns, const Segment &s) { return ns < s.startNs; });
    if (it != row.cbegin()) {
        const Segment &s = *(it - 1);
        if (atNs < s.endNs) {
            *out = s;
            return true;
        }
    }
    Segment open;
    if (segments.openSegment(task, std::max(lastNs, atNs), &open) && open.startNs <= atNs) {
        *out = open;
        return true;
    }
    return false;
}

void keep(QList<LoopState::Entry> &list, const LoopState::Entry &entry, int maxListed)
{
    list.append(entry);
    if (list.size() > 4 * qsizetype(maxListed) + 64) {
        // Trimmed as it grows, so that 100,000 tasks cost no more than a few hundred entries.
        std::stable_sort(list.begin(), list.end(),
                         [](const auto &a, const auto &b) { return a.sinceNs < b.sinceNs; });
        list.resize(maxListed);
    }
}

void finish(QList<LoopState::Entry> &list, int maxListed, bool newestFirst)
{
    std::stable_sort(list.begin(), list.end(), [newestFirst](const auto &a, const auto &b) {
        return newestFirst ? a.sinceNs > b.sinceNs : a.sinceNs < b.sinceNs;
    });
    if (list.size() > maxListed)
        list.resize(maxListed);
}
} // namespace

LoopState loopStateAt(const Trace &trace, const SegmentBuilder &segments, qint64 atNs,
                      int maxListed)
{
    LoopState state;
    state.atNs = atNs;
    const qint64 lastNs = trace.lastNs();
    const int loopLabel = int(trace.labels.indexOf(QStringLiteral("await loop")));
    // The finished list would be sorted newest first: keep the newest while trimming.
    QList<LoopState::Entry> finished;
    for (quint32 t = 0; t < quint32(segments.taskCount()); ++t) {
        const TaskTimes &times = segments.times(t);
        LoopState::Entry entry;
        entry.task = int(t);
        if (times.createdNs < 0 || atNs < times.createdNs) {
            ++state.notCreatedCount;
            continue;
        }
        if (times.finishedNs >= 0 && atNs >= times.finishedNs) {
            entry.sinceNs = times.finishedNs;
            entry.result = trace.tasks.value(t).result;
            ++state.finishedCount;
            finished.append(entry);
            if (finished.size() > 4 * qsizetype(maxListed) + 64) {
                finish(finished, maxListed, true);
            }
            continue;
        }
        Segment s;
        if (!segmentAt(segments, t, atNs, lastNs, &s)) {
            // Between zero-length spans that are not kept: it is about to run.
            entry.sinceNs = atNs;
            ++state.readyCount;
            keep(state.ready, entry, maxListed);
            continue;
        }
        entry.label = s.label;
        entry.sinceNs = s.startNs;
        switch (s.state) {
        case SegmentState::Running:
            if (trace.tasks.value(t).worker >= 0) {
                ++state.onWorkersCount;
                keep(state.onWorkers, entry, maxListed);
            } else {
                ++state.runningCount;
                keep(state.running, entry, maxListed);
            }
            break;
        case SegmentState::Pending:
            if (s.label == 0 || int(s.label) == loopLabel) {
                ++state.readyCount;
                keep(state.ready, entry, maxListed);
            } else {
                ++state.pendingCount;
                keep(state.pending, entry, maxListed);
            }
            break;
        case SegmentState::Suspended: {
            // The reply has arrived but the coroutine has not run again: it is ready, waiting
            // for the loop (the `resume` phase).
            // Each hop of a redirected request is an await of its own.
            const int hop
                = isReplyAwait(trace.label(s.label)) ? requestHopAt(segments, t, s.startNs) : -1;
            const auto &marks = segments.hopMarks(t, std::max(hop, 0));
            if (hop >= 0 && marks.finishedNs >= 0 && marks.finishedNs <= atNs) {
                entry.sinceNs = marks.finishedNs;
                ++state.readyCount;
                keep(state.ready, entry, maxListed);
            } else {
                ++state.suspendedCount;
                keep(state.suspended, entry, maxListed);
            }
            break;
        }
        }
    }
    finish(state.running, maxListed, false);
    finish(state.onWorkers, maxListed, false);
    finish(state.ready, maxListed, false);
    finish(state.suspended, maxListed, false);
    finish(state.pending, maxListed, false);
    finish(finished, maxListed, true);
    state.finished = finished;
    return state;
}

QList<qint64> steppingTimes(const Trace &trace)
{
    QList<qint64> times;
    for (const TraceEvent &e : trace.events) {
        switch (e.kind) {
        case EventKind::Created:
        case EventKind::Admitted:
        case EventKind::Suspended:
        case EventKind::Resumed:
        case EventKind::Finished:
        case EventKind::DoneCallback:
        case EventKind::AllDone:
        case EventKind::Stopped:
            times.append(e.ns);
            break;
        default:
            break;
        }
    }
    std::sort(times.begin(), times.end());
    times.erase(std::unique(times.begin(), times.end()), times.end());
    return times;
}

qint64 nextSteppingTime(const QList<qint64> &times, qint64 ns)
{
    const auto it = std::upper_bound(times.cbegin(), times.cend(), ns);
    return it == times.cend() ? -1 : *it;
}

qint64 previousSteppingTime(const QList<qint64> &times, qint64 ns)
{
    const auto it = std::lower_bound(times.cbegin(), times.cend(), ns);
    return it == times.cbegin() ? -1 : *(it - 1);
}

} // namespace Coroscope
