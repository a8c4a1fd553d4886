#include "timelinephasecache.h"

#include "trace/segments.h"

#include <algorithm>

namespace Coroscope {

std::span<const PhaseSpan> TimelinePhaseCache::phasesOf(const Trace &trace,
                                                        const SegmentBuilder &segments, int task,
                                                        int *reused)
{
    if (reused)
        *reused = -1;
    if (task < 0 || task >= segments.taskCount())
        return {};
    if (m_entries.size() != segments.taskCount())
        clear(segments.taskCount());
    if (m_entries.at(task).first < 0) {
        // A stale entry's spans stay in the pool until it is rebuilt: few tasks are derived twice
        // (an event of theirs arrived after they were painted), so that is rare.
        if (m_spans.size() > 2 * m_liveSpans + 4096)
            clear(segments.taskCount());
        Entry &entry = m_entries[task];
        const RequestPhases phases = requestPhases(trace, segments, quint32(task));
        entry.first = qint32(m_spans.size());
        entry.count = 0;
        entry.reused = qint8(phases.reusedConnection);
        if (phases.known) {
            m_spans.append(phases.spans);
            entry.count = quint16(std::min<qsizetype>(phases.spans.size(), 0xffff));
            m_liveSpans += entry.count;
        }
    }
    const Entry &entry = m_entries.at(task);
    if (reused)
        *reused = entry.reused;
    return {m_spans.constData() + entry.first, entry.count};
}

void TimelinePhaseCache::clear(int taskCount)
{
    m_entries.fill(Entry{}, taskCount);
    m_spans.clear();
    m_liveSpans = 0;
}

void TimelinePhaseCache::invalidate(quint32 task, int taskCount)
{
    // Not sized for this trace yet: nothing derived to forget.
    if (m_entries.size() != taskCount || task >= quint32(m_entries.size()))
        return;
    Entry &entry = m_entries[task];
    m_liveSpans -= entry.first >= 0 ? entry.count : 0;
    entry.first = -1;
}

} // namespace Coroscope
