#pragma once

#include "trace/trace.h"

#include <QByteArray>
#include <QList>

namespace Coroscope {

// The run in the Trace Event Format (JSON object form) that chrome://tracing, Perfetto
// (ui.perfetto.dev) and speedscope open: one thread per task holding its pending, running and
// suspended spans as complete ("X") events, instants for results, done callbacks, "all done"
// and "stopped"; the event loop's own track (thread 0) holds its busy spans, the loop-lag probe
// is a counter. Times are microseconds from the run's start. Several traces (a comparison) are
// one process each, in order.
//
// Tracks: one per task, or, for big runs, tasks packed onto reusable lanes (a lane takes a new
// task once its previous one has finished; every span and instant names its task in `args`).
// Perfetto and chrome://tracing struggle with 100,001 tracks; lanes need only as many tracks as
// tasks were alive at once. Auto packs runs of more than LaneThreshold tasks.
enum class ChromeTracks { Auto, PerTask, Lanes };
inline constexpr int LaneThreshold = 1000;
QByteArray chromeTraceJson(const Trace &trace, ChromeTracks tracks = ChromeTracks::Auto);
QByteArray chromeTraceJson(const QList<Trace> &traces, ChromeTracks tracks = ChromeTracks::Auto);
// Lane of each task (0-based) when packed: tasks in creation order, each on the lowest-numbered
// lane free at its creation. Exposed for tests.
QList<int> chromeTraceLanes(const Trace &trace);

} // namespace Coroscope
