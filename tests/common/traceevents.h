#pragma once

#include "trace/trace.h"
#include "trace/traceevent.h"

#include <QList>

#include <algorithm>
#include <cmath>

// Hand-written traces for the unit tests: one event per line, times in milliseconds.
namespace CoroscopeTest {

struct Ev
{
    double ms; // fractions for events inside a pixel or a segment
    quint32 task; // or Coroscope::LoopTask
    Coroscope::EventKind kind;
    quint16 label = 0; // index into Trace::labels
    qint32 value = 0; // kind-specific (LagSample: microseconds)

    Coroscope::TraceEvent event() const
    {
        return Coroscope::TraceEvent{
            qint64(std::llround(ms * 1'000'000)), task, kind, 0, label, value};
    }
};

// Appends `events` to `trace` in the order given (a recorder's order: tests of unsorted input
// rely on it).
inline void appendEvents(Coroscope::Trace &trace, const QList<Ev> &events)
{
    for (const Ev &e : events)
        trace.events.append(e.event());
}

// Appends `events` sorted by time; events at one time keep the order written.
inline void appendSortedEvents(Coroscope::Trace &trace, QList<Ev> events)
{
    std::stable_sort(events.begin(), events.end(),
                     [](const Ev &a, const Ev &b) { return a.ms < b.ms; });
    appendEvents(trace, events);
}

} // namespace CoroscopeTest
