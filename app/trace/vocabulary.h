#pragma once

#include "phases.h"
#include "segments.h"
#include "traceevent.h"

#include <QCoreApplication>
#include <QString>

namespace Coroscope {

// The words every view, export and message uses for what a trace contains: the tasks' states,
// results and `await reply` phases, and durations. One home, one translation context
// ("Coroscope::Vocabulary"), so that "cancelled" or "%1 ms" is translated once and reads alike
// in the timeline, the table, the details, the summary, Compare and the diagnostics. It lives in
// the core (no widgets) because the command line and the diagnostics speak these words too;
// their colours are the UI's (ui/statestyle.h).
class Vocabulary
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope::Vocabulary)
public:
    static QString stateText(SegmentState state); // "pending", "running", "suspended"
    static QString resultText(TaskResult result); // "unfinished", "ok", "error", ...
    // "Queued", "Server queue", ...: capitalised, as the details and tooltips list them
    // (phaseName() in phases.h is the untranslated export name).
    static QString phaseText(PhaseKind kind);
    static QString workerText(int worker); // "worker 3": a task that ran on a worker thread
    static QString loopBusyText();
    static QString loopLagText();
    static QString inAwaitReplyText(); // "in await reply:", the legend's heading of the phases

    // The unit words of durations. Everything that shows a duration goes through them, with the
    // precision its purpose needs: durationText() for figures, preciseDurationText() for one
    // task's times, and these for axis labels and sentences that round in their own way.
    enum class Unit { Nanoseconds, Microseconds, Milliseconds, Seconds };
    static QString withUnit(const QString &number, Unit unit); // "%1 ms"
    // `value` in `unit` with `decimals` decimals, in the user's locale: "12.5 ms".
    static QString withUnit(double value, Unit unit, int decimals);
};

// A duration as every figure shows it, to three significant digits: "8.50 ms", "850 ms",
// "1.05 s", "12.3 s". The unit and decimals follow the rounded value, so 999.96 ms reads
// "1.00 s", not "1,000 ms".
QString durationText(double ms);
// One task's times, to the microsecond, always in ms: "130.250 ms" (tooltips, details).
QString preciseDurationText(qint64 ns);

} // namespace Coroscope
