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
QByteArray chromeTraceJson(const Trace &trace);
QByteArray chromeTraceJson(const QList<Trace> &traces);

} // namespace Coroscope
