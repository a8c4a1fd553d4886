#pragma once

#include "headless.h"
#include "io/runfile.h"

namespace Coroscope {

// --headless --sweep (runHeadless hands over once the server runs and `spec` is the base
// workload): the sweep's points in turn, each one's summary on stdout, --sweep-csv and --save
// at the end. Exit status as runHeadless's (2: the sweep cannot be, before anything runs).
int runHeadlessSweep(const CliOptions &options, TestServer &server, const RunSpec &spec);

// --headless --open of a saved sweep: each point's summary and the sweep's on stdout, as when it
// ran; --sweep-csv and --save written from it.
int reportOpenedSweep(const CliOptions &options, const RunRecord &record);

} // namespace Coroscope
