#pragma once

#include "trace/phases.h"

#include <QList>

#include <span>

namespace Coroscope {

class SegmentBuilder;

// The phases of each task's `await reply` as the timeline paints them and its tooltips list
// them (trace/phases.h). Derived lazily for the rows that are looked at and kept until an event
// of that task arrives: only its own moments, its resume and its outcome change them (the
// server's queue time, clamped to the task's suspended time, is already within the await once
// that has ended). No widget state: TimelineView owns one.
class TimelinePhaseCache
{
public:
    // The phases of `task` (empty when unknown); `reused` as RequestPhases::reusedConnection.
    std::span<const PhaseSpan> phasesOf(const Trace &trace, const SegmentBuilder &segments,
                                        int task, int *reused = nullptr);
    // Forgets everything; sized for `taskCount` tasks.
    void clear(int taskCount);
    // An event of `task` arrived: its phases are derived again when next asked for.
    void invalidate(quint32 task, int taskCount);

private:
    struct Entry
    {
        qint32 first = -1; // into m_spans; -1 = not derived yet
        quint16 count = 0; // 0 with first >= 0: derived, nothing to show (up to 8 per hop)
        qint8 reused = -1; // RequestPhases::reusedConnection
    };
    QList<Entry> m_entries; // per task, sized on first use
    QList<PhaseSpan> m_spans; // entries' spans; stale ones dropped when they pile up
    qsizetype m_liveSpans = 0;
};

} // namespace Coroscope
