#pragma once

#include "runspec.h"
#include "sweep.h"

#include <QList>
#include <QSize>
#include <QString>
#include <QStringList>

namespace Coroscope {

// What a start of Coroscope asks for, whatever parsed it: the window reads these, the command
// line (cli/options.h) adds what only it needs. Lives here so that ui/ never includes cli/.
struct LaunchOptions
{
    RunSpec spec;
    bool urlsGiven = false; // false: the embedded server's /delay/1
    bool specGiven = false; // any run option given (the GUI then uses it instead of its settings)
    quint16 port = 8765;
    int serverCapacity = 0;
    // The embedded server serves https and the default workload is its https URL (--tls).
    // --ca-file and --insecure are in spec.caCertificates and spec.insecure.
    bool tls = false;
    QString screenshotPath;
    QSize windowSize; // invalid: the saved size (a screenshot: 1400 x 900)
    qint64 playheadMs = -1; // screenshot: show the Loop state panel at this instant
    QString language;
    QString theme; // "system", "light" or "dark"; empty: View > Theme's saved choice
    // The window's timeline (for screenshots): row height in px (0 = full), a task to select,
    // a search to show.
    int rowHeight = 0;
    int selectTask = -1;
    QString find;
    QList<Strategy> compare;
    QString openPath; // a run file to show instead of running (--open FILE, or FILE alone)
    // Saved runs to compare the run (live or opened) with, on one time axis (--compare-with).
    QStringList compareWith;
    // --sweep KNOB=VALUES: the workload once per value (x `compare`'s strategies x --repeat);
    // headless, or in the window for a --screenshot of the Sweep page.
    bool sweepGiven = false;
    SweepKnob sweepKnob = SweepKnob::Tasks;
    QList<double> sweepValues;
    int sweepRepeat = 0; // --repeat; 0 = not given (1)
    // --record -- CMD ARGS: the program to start and record instead of a workload run (its
    // arguments after the program, as given after "--").
    QStringList recordCommand;
    bool record() const { return !recordCommand.isEmpty(); }
};

} // namespace Coroscope
