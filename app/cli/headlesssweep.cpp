// --headless --sweep: the points of a sweep one after another, each one's JSON summary on stdout
// as it lands, the expected time and the progress on stderr, the CSV and the run file at the end.
#include "headlesssweep.h"

#include "io/comparedruns.h"
#include "io/report.h"
#include "io/runfile.h"
#include "io/savefile.h"
#include "run/sweep.h"
#include "server/testserver.h"
#include "trace/text.h"
#include "trace/vocabulary.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QTimer>

#include <cmath>
#include <cstdio>
#include <unistd.h>

namespace Coroscope {

namespace {
struct Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

bool interrupted()
{
    return interruptedExitStatus(0) != 0;
}

// "45 s", "3 min 20 s", "1 h 5 min": an estimate, rounded as one.
QString roughDuration(double ms)
{
    const qint64 s = qint64(std::ceil(std::max(ms, 0.0) / 1000));
    if (s < 60)
        return Cli::tr("%1 s").arg(s);
    if (s < 3600)
        return Cli::tr("%1 min %2 s").arg(s / 60).arg(s % 60);
    return Cli::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

QString valuesText(const QList<double> &values)
{
    QStringList texts;
    for (const double v : values)
        texts.append(sweepValueText(v));
    return texts.join(QStringLiteral(", "));
}
} // namespace

int runHeadlessSweep(const CliOptions &options, TestServer &server, const RunSpec &spec)
{
    SweepSpec sweepSpec;
    sweepSpec.base = spec;
    sweepSpec.serverCapacity = options.serverCapacity;
    sweepSpec.knob = options.sweepKnob;
    sweepSpec.values = options.sweepValues;
    sweepSpec.strategies = options.compare;
    sweepSpec.repeat = std::max(options.sweepRepeat, 1);
    sweepSpec.embeddedServer = embeddedServerAddresses(server.baseUrl(), server.httpsBaseUrl());
    if (const QString error = sweepSpec.validate(); !error.isEmpty()) {
        printError(error);
        return 2;
    }

    Sweep sweep;
    sweep.setServer(&server);
    const bool tty = isatty(fileno(stderr)) != 0;
    QStringList strategies;
    for (const Strategy s : sweepSpec.effectiveStrategies())
        strategies.append(strategyName(s));
    // Before it starts: how long it should take, so that a sweep of hours is not a surprise.
    printErr(
        Cli::tr("sweep: %1 = %2 x %3 x %4 repeat(s): %5 runs, about %6\n")
            .arg(sweepKnobName(sweepSpec.knob), valuesText(sweepSpec.values), strategies.join(u','))
            .arg(sweepSpec.repeat)
            .arg(sweepSpec.pointCount())
            .arg(roughDuration(estimateSweepMs(sweepSpec, {}))));

    QEventLoop loop;
    const auto progress = [&](bool final) {
        const int done = int(sweep.points().size());
        const int total = sweep.pointCount();
        const QString left = final
            ? Cli::tr("took %1").arg(durationText(sweep.elapsedMs()))
            : Cli::tr("about %1 left").arg(roughDuration(sweep.remainingMs()));
        if (tty) {
            constexpr int Width = 30;
            const int filled = total ? done * Width / total : Width;
            printErr(QStringLiteral("\rsweep [%1%2] %3/%4  %5   ")
                         .arg(QString(filled, u'#'), QString(Width - filled, u'.'))
                         .arg(done)
                         .arg(total)
                         .arg(left)
                     + (final ? QStringLiteral("\n") : QString()));
        } else if (final || done > 0) {
            printErr(Cli::tr("sweep: %1/%2 runs, %3\n").arg(done).arg(total).arg(left));
        }
    };
    QObject::connect(&sweep, &Sweep::pointFinished, &loop, [&](int index) {
        std::fputs(sweepPointJson(sweepSpec, sweep.points().at(index)).constData(), stdout);
        std::fputc('\n', stdout);
        std::fflush(stdout);
        // A line per run for a short sweep, per tenth of a long one: logs stay short.
        const int total = sweep.pointCount();
        const int done = index + 1;
        if (!tty && done < total && (total <= 20 || done * 10 / total != index * 10 / total))
            progress(false);
    });
    QObject::connect(&sweep, &Sweep::finished, &loop, &QEventLoop::quit);
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, &loop, [&]() {
        if (interrupted() && sweep.isRunning() && !sweep.result().stopped) {
            printErr(Cli::tr("\ninterrupted: stopping the sweep (the runs done are kept)\n"));
            sweep.stop();
        }
        if (tty)
            progress(false);
    });
    ticker.start(interrupted() ? 0 : 200);
    if (const QString error = sweep.start(sweepSpec); !error.isEmpty()) {
        printError(error);
        return 2;
    }
    if (sweep.isRunning())
        loop.exec();
    progress(true);

    const SweepResult &result = sweep.result();
    std::fputs(sweepSummaryJson(result, sweep.elapsedMs()).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);

    int status = 0;
    QString error;
    if (!options.sweepCsvPath.isEmpty()
        && !writeFileAtomically(options.sweepCsvPath, sweepCsv(result), &error)) {
        printError(error);
        status = 1;
    }
    // A stopped sweep is saved too: the points done are worth keeping.
    RunRecord record = recordOfRuns(spec, options.serverCapacity, {}, {});
    record.sweep = result;
    record.embeddedServer = sweepSpec.embeddedServer;
    if (!options.savePath.isEmpty() && !result.isEmpty()) {
        if (!saveRunFile(options.savePath, record, &error)) {
            printError(error);
            status = 1;
        }
    }
    // --report: the sweep's charts and tables (io/report.h).
    if (!options.reportPath.isEmpty() && !result.isEmpty()
        && !writeReport(options.reportPath, record, &error)) {
        printError(error);
        status = 1;
    }
    return interruptedExitStatus(status);
}

int reportOpenedSweep(const CliOptions &options, const RunRecord &record)
{
    if (!record.isSweep()) {
        printError(Cli::tr("--sweep-csv: %1 is not a sweep").arg(options.openPath));
        return 2;
    }
    if (!options.compareWith.isEmpty()) {
        printError(Cli::tr("--compare-with does not apply to a sweep"));
        return 2;
    }
    const SweepResult &result = record.sweep;
    double runs = 0;
    for (const SweepPoint &point : result.points) {
        std::fputs(sweepPointJson(result.spec, point).constData(), stdout);
        std::fputc('\n', stdout);
        runs += point.summary.wallMs;
    }
    // Files from before "wall_ms" was kept: the runs' time is what there is.
    std::fputs(sweepSummaryJson(result, result.wallMs > 0 ? result.wallMs : runs).constData(),
               stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
    int status = 0;
    QString error;
    if (!options.sweepCsvPath.isEmpty()
        && !writeFileAtomically(options.sweepCsvPath, sweepCsv(result), &error)) {
        printError(error);
        status = 1;
    }
    if (!options.savePath.isEmpty() && !saveRunFile(options.savePath, record, &error)) {
        printError(error);
        status = 1;
    }
    if (!options.reportPath.isEmpty()) {
        ReportOptions reportOptions;
        reportOptions.sourceFile = QFileInfo(options.openPath).fileName();
        if (!writeReport(options.reportPath, record, &error, reportOptions)) {
            printError(error);
            status = 1;
        }
    }
    return status;
}

} // namespace Coroscope
