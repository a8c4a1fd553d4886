#pragma once

#include "trace/trace.h"

#include <QByteArray>

namespace Coroscope {

// The run in the Trace Event Format (JSON object form) that chrome://tracing, Perfetto
// (ui.perfetto.dev) and speedscope open: one thread per task holding its pending, running and
// suspended spans as complete ("X") events, instants for results, done callbacks and "all
// done", and the loop-lag probe as a counter. Times are microseconds from the run's start.
QByteArray chromeTraceJson(const Trace &trace);

} // namespace Coroscope
