#pragma once

#include "io/runfile.h"
#include "options.h"
#include "trace/summary.h"

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

// stderr for every headless mode: only printable text, but the line breaks and the progress
// bar's carriage return (a run file's or a server's text may hide escape sequences).
void printErr(const QString &text);
// "coroscope: TEXT" and a line break, through printErr().
void printError(const QString &text);

// --report FILE.html: `record` as the window's File > Export Report… writes it; 1 when it could
// not be written (said on stderr), else 0 (also when no report is asked for).
int writeReportIfAsked(const CliOptions &options, const RunRecord &record);

int runHeadless(const CliOptions &options);
// --headless --record -- CMD: records the program, prints its summary, writes the exports
// (headlessrecord.cpp).
int runHeadlessRecord(const CliOptions &options);
// Writes the exports `options` asks for (every trace in each); 1 when one failed (said on
// stderr), else 0.
int writeExports(const CliOptions &options, const QList<Trace> &traces,
                 const QList<RunSummary> &summaries);
int runServe(const CliOptions &options);

} // namespace Coroscope
