#pragma once

#include "segments.h"
#include "trace.h"

namespace Coroscope {

// A run as it was at one instant of it: what a live view showed at that moment. Replay shows
// this instead of the whole run so that the timeline, table, charts and summary re-enact it.
// At instant `ns` the trace holds the events with time <= ns (events are non-decreasing), tasks
// that had not finished by then are unfinished with nothing known about their outcome, and the
// run has no end unless `ns` is at or after it. Built incrementally: moving forward appends the
// events in between; moving back truncates them and rebuilds the segments (the builder only
// grows).
class TraceInstant
{
public:
    // Brings the view to instant `ns` of `whole`. `whole` must be the run this view was built
    // from, possibly grown since (a live run); anything else starts over.
    void moveTo(const Trace &whole, qint64 ns);
    void clear();

    qint64 atNs() const { return m_atNs; }
    const Trace &trace() const { return m_trace; }
    const SegmentBuilder &segments() const { return m_segments; }
    // What the last moveTo() cost: events consumed by the segment builder (all of the prefix
    // after a rebuild, only the new ones after an append).
    qsizetype lastSegmentWork() const { return m_lastWork; }

private:
    void rebuild(const Trace &whole, qsizetype count);

    Trace m_trace;
    SegmentBuilder m_segments;
    qint64 m_atNs = -1;
    qsizetype m_lastWork = 0;
};

// The run `whole` as it was at instant `ns` (one shot; see TraceInstant).
Trace traceAt(const Trace &whole, qint64 ns);

} // namespace Coroscope
