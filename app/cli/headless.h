#pragma once

#include "options.h"

namespace Coroscope {

class TestServer;

// Starts the embedded server for a run (preferred port, falling back to a free one); on failure
// prints why on stderr and returns false.
bool startEmbeddedServer(TestServer &server, const CliOptions &options);
// The embedded default workload's URL: /delay/1 on the embedded server.
QUrl defaultWorkloadUrl(const TestServer &server);

int runHeadless(const CliOptions &options);
int runServe(const CliOptions &options);

} // namespace Coroscope
