#pragma once

#include "options.h"

namespace Coroscope {

class TestServer;

// Starts the embedded server for a run (preferred port, falling back to a free one); on failure
// prints why on stderr and returns false.
bool startEmbeddedServer(TestServer &server, const CliOptions &options);
// The embedded default workload's URL: /delay/1 on the embedded server.
QUrl defaultWorkloadUrl(const TestServer &server);

// SIGINT/SIGTERM stop a headless run or the server cleanly instead of killing the process:
// install it first thing in main(), so a signal during start-up is handled the same way.
void installInterruptHandler();
// 128 + the signal that interrupted the process, else `status`.
int interruptedExitStatus(int status);

int runHeadless(const CliOptions &options);
int runServe(const CliOptions &options);

} // namespace Coroscope
