#pragma once

#include "trace.h"

#include <QByteArray>

namespace Coroscope {

// Headline figures of a run, all derived from its trace.
struct RunSummary
{
    QString strategy;
    int tasks = 0;
    int ok = 0;
    int failed = 0; // result `error` (HTTP errors, refused connections, ...)
    int timeouts = 0;
    int cancelled = 0;
    int unfinished = 0;
    double wallMs = 0; // run start -> end (or -> last event while running)
    double sumMs = 0; // sum over tasks of admitted -> finished: the cost one after another
    double maxTaskMs = 0; // longest created -> finished
    double speedup = 0; // sumMs / wallMs
    double lagMaxMs = 0; // loop-lag probe, when it ran
    double lagP99Ms = 0;
    int lagSamples = 0;
};

class SegmentBuilder;

RunSummary summarize(const Trace &trace);
// The same from a builder already up to date with `trace` (the GUI keeps one per live trace).
RunSummary summarize(const Trace &trace, const SegmentBuilder &segments);
// One JSON object on one line, the headless output format.
QByteArray summaryJson(const RunSummary &summary);

} // namespace Coroscope
