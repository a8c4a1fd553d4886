#pragma once

#include "phases.h"
#include "segments.h"
#include "traceevent.h"

#include <QCoreApplication>
#include <QString>

namespace Coroscope {

struct Trace;

// The words every view, export and message uses for what a trace contains: the tasks' states,
// results and `await reply` phases, and durations. One home, one translation context
// ("Coroscope::Vocabulary"), so that "cancelled" or "%1 ms" is translated once and reads alike
// in the timeline, the table, the details, the summary, Compare and the diagnostics. It lives in
// the core (no widgets) because the command line and the diagnostics speak these words too;
// their colours are trace/palette.h's.
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
    // The timeline's rows of the loop ("loop") and of its lag ("lag"), and the Stop marker's
    // label ("stopped"): the window's timeline, Compare's bands and the report's pictures.
    static QString loopRowText();
    static QString lagRowText();
    static QString stoppedText();

    // A strategy as the run panel offers it ("wrapped blocking"), from the name a trace, a run
    // file or the command line holds ("wrapped-blocking", trace/strategynames.h). A name that
    // is none of ours (a recording of another program names its own) comes back printable as
    // it is; an empty one empty.
    static QString strategyText(const QString &name);

    // The summary's figures, as the window's summary strip captions them and the report (its
    // cards and its comparison table) repeats them.
    enum class Figure {
        Finished,
        StoppedAfter,
        WallTime,
        OneAfterAnother,
        SpeedUp,
        LoopLag,
        Ok,
        Failed,
        Timeouts,
        Cancelled,
    };
    static QString figureCaption(Figure figure);
    static QString finishedOfText(const QString &finished, const QString &created); // "9 / 10"
    static QString speedupText(double speedup); // "3.2×"
    static QString lagFiguresText(const QString &max, const QString &p99); // "max … · p99 …"
    static QString insecureText(); // "⚠ Certificates not checked (--insecure)"

    // What a shared picture of a run says it shows (the window's PNG/SVG export, the report):
    // strategy, tasks, limits, the server's capacity and the first URLs (passwords hidden), one
    // part each; titleText() joins them into "Coroscope: async · 10 tasks · …".
    static QStringList runTitleParts(const Trace &trace);
    static QString titleText(const QStringList &parts);

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
