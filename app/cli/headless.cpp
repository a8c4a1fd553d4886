#include "headless.h"
#include "headlesssweep.h"

#include "io/chrometrace.h"
#include "io/comparedruns.h"
#include "io/csv.h"
#include "io/har.h"
#include "io/report.h"
#include "io/runfile.h"
#include "run/comparison.h"
#include "run/run.h"
#include "server/servercertificate.h"
#include "server/testserver.h"
#include "trace/diagnostics.h"
#include "trace/segments.h"
#include "trace/summary.h"
#include "trace/text.h"
#include "trace/vocabulary.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QPointer>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <optional>
#include <unistd.h>

namespace Coroscope {

namespace {
// The first SIGINT/SIGTERM/SIGHUP received: the run stops, its summary is still printed, and the
// exit status says which signal ended it (128 + signal, as a shell reports it).
std::atomic<int> g_signal{0};

void onSignal(int signal)
{
    int none = 0;
    g_signal.compare_exchange_strong(none, signal);
}

bool interrupted()
{
    return g_signal.load() != 0;
}

// A translation context lupdate can see.
struct Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// Progress on stderr: a redrawn bar on a terminal, a line per 10% otherwise (logs stay short).
class Progress
{
public:
    explicit Progress(const QString &what)
        : m_what(what)
        , m_tty(isatty(fileno(stderr)) != 0)
    {
        m_clock.start();
    }
    // `endMs`: the run's own end once it has one, so that the last line says the wall time the
    // summary says (the clock here also counts the start-up and the hand-over of the trace).
    void update(int done, int total, bool final = false, double endMs = -1)
    {
        const double seconds = (endMs >= 0 ? endMs : double(m_clock.elapsed())) / 1000.0;
        if (m_tty) {
            constexpr int Width = 30;
            const int filled = total ? done * Width / total : Width;
            printErr(QStringLiteral("\r%1 [%2%3] %4/%5 tasks  %6 s ")
                         .arg(m_what, QString(filled, u'#'), QString(Width - filled, u'.'))
                         .arg(done)
                         .arg(total)
                         .arg(seconds, 0, 'f', 1)
                     + (final ? QStringLiteral("\n") : QString()));
            return;
        }
        const int decile = total ? done * 10 / total : 10;
        if (decile > m_lastDecile || final) {
            m_lastDecile = decile;
            printErr(QStringLiteral("%1: %2/%3 tasks finished after %4\n")
                         .arg(m_what)
                         .arg(done)
                         .arg(total)
                         .arg(final && endMs >= 0
                                  ? durationText(endMs)
                                  : QString::number(seconds, 'f', 1) + QStringLiteral(" s")));
        }
    }

private:
    QString m_what;
    bool m_tty = false;
    int m_lastDecile = 0;
    QElapsedTimer m_clock;
};

} // namespace

// Everything printed on stderr may quote a run file or a server (errors, headers, versions):
// no control character but the line breaks and the progress bar's carriage return reaches the
// terminal, whatever escaped a check upstream (an escape sequence could retitle or clear it).
void printErr(const QString &text)
{
    QString safe;
    safe.reserve(text.size());
    qsizetype start = 0;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        if (i < text.size() && text.at(i) != u'\n' && text.at(i) != u'\r')
            continue;
        safe += printableText(text.mid(start, i - start), text.size());
        if (i < text.size())
            safe += text.at(i);
        start = i + 1;
    }
    std::fputs(safe.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

// Errors and warnings in one format, the one argument errors have: "coroscope: ...".
void printError(const QString &text)
{
    printErr(QStringLiteral("coroscope: ") + text + u'\n');
}

// --report FILE.html: the record as the window's File > Export Report… writes it.
int writeReportIfAsked(const CliOptions &options, const RunRecord &record)
{
    if (options.reportPath.isEmpty() || record.isEmpty())
        return 0;
    ReportOptions reportOptions;
    if (!options.openPath.isEmpty())
        reportOptions.sourceFile = QFileInfo(options.openPath).fileName();
    QString error;
    if (!writeReport(options.reportPath, record, &error, reportOptions)) {
        printError(error);
        return 1;
    }
    return 0;
}

void installInterruptHandler()
{
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
    // A closed terminal or an ssh session that drops: the run was asked for, keep what it did.
    // Unless SIGHUP is ignored: `nohup coroscope ...` asks for the run to go on.
    struct sigaction previous = {};
    if (sigaction(SIGHUP, nullptr, &previous) == 0 && previous.sa_handler != SIG_IGN)
        sigaction(SIGHUP, &action, nullptr);
}

int interruptedExitStatus(int status)
{
    const int signal = g_signal.load();
    return signal ? 128 + signal : status;
}

bool startEmbeddedServer(TestServer &server, const CliOptions &options)
{
    if (options.tls) {
        QString error;
        QString warning;
        QString notice;
        const TlsCredentials credentials = loadOrCreateServerCredentials(
            defaultCredentialsDirectory(), &error, &warning, &notice);
        if (!notice.isEmpty())
            printError(notice);
        if (credentials.isNull()) {
            printError(Cli::tr("cannot make the embedded server's certificate: %1").arg(error));
            return false;
        }
        if (!warning.isEmpty())
            printError(Cli::tr("the certificate is not kept for next time: %1").arg(warning));
        server.setProtocols(TestServer::Protocols::Https, credentials);
    }
    if (!server.start(options.port, options.serverCapacity)) {
        printError(Cli::tr("cannot start the embedded server: %1").arg(server.errorString()));
        return false;
    }
    return true;
}

QUrl defaultWorkloadUrl(const TestServer &server)
{
    QUrl url = server.baseUrl();
    url.setPath(QStringLiteral("/delay/1"));
    return url;
}

// Writes each export asked for, built only then: at 100,000 tasks each one costs seconds. With
// several traces (a comparison) every export holds them all: rows carry their strategy.
int writeExports(const CliOptions &options, const QList<Trace> &traces,
                 const QList<RunSummary> &summaries)
{
    int status = 0;
    auto write = [&status](const QString &path, const auto &build) {
        if (path.isEmpty())
            return;
        QString error;
        if (!writeFileAtomically(path, build(), &error)) {
            printError(error);
            status = 1;
        }
    };
    write(options.csvPath, [&traces]() { return tasksCsv(traces); });
    write(options.segmentsCsvPath, [&traces]() { return segmentsCsv(traces); });
    write(options.chromeTracePath,
          [&traces, &options]() { return chromeTraceJson(traces, options.chromeTracks); });
    write(options.harPath,
          [&traces]() { return harJson(traces, QCoreApplication::applicationVersion()); });
    write(options.compareCsvPath, [&summaries]() { return compareCsv(summaries); });
    return status;
}

namespace {

// What each run ended with, for a person at the terminal (its diagnostics, on stderr) and for
// a script (one JSON line each on stdout): the same for live runs and opened ones. All runs at
// once, the compared ones (with "source") after the run's own: a sequential run among them is
// the baseline of the others' speed-up (applySequentialBaselines), which a line printed before
// it ran could not say.
QList<RunSummary> report(const QList<Trace> &traces, const QList<ComparedRun> &compared)
{
    QList<const Trace *> all;
    QList<SegmentBuilder> builders;
    QList<RunSummary> summaries;
    for (const Trace &trace : traces)
        all.append(&trace);
    for (const ComparedRun &run : compared)
        all.append(&run.trace);
    for (qsizetype i = 0; i < all.size(); ++i) {
        builders.append(buildSegments(*all.at(i)));
        summaries.append(summarize(*all.at(i), builders.constLast()));
        if (i >= traces.size())
            summaries.last().source = compared.at(i - traces.size()).source;
    }
    applySequentialBaselines(&summaries);
    for (qsizetype i = 0; i < all.size(); ++i) {
        // The compared runs' diagnostics are theirs to read in their own file.
        if (i < traces.size()) {
            for (const Diagnostic &d : diagnose(*all.at(i), builders.at(i), summaries.at(i)))
                printErr(QStringLiteral("  - ") + d.text + u'\n');
        }
        std::fputs(summaryJson(summaries.at(i)).constData(), stdout);
        std::fputc('\n', stdout);
    }
    std::fflush(stdout);
    return summaries;
}

// --compare-with FILE...: every run of each file, named after it. A file that cannot be read,
// or one given twice (or the one opened), is an error before anything runs: a CI job must not
// pass by comparing with nothing.
bool loadComparedRuns(const CliOptions &options, QList<ComparedRun> *runs)
{
    QStringList seen;
    if (!options.openPath.isEmpty())
        seen.append(QFileInfo(options.openPath).canonicalFilePath());
    for (const QString &path : options.compareWith) {
        const QString identity = QFileInfo(path).canonicalFilePath();
        if (!identity.isEmpty() && seen.contains(identity)) {
            printError(
                Cli::tr("--compare-with %1: that run is already in the comparison").arg(path));
            return false;
        }
        seen.append(identity);
        RunRecord file;
        QString error;
        if (loadRunFile(path, &file, &error) != RunFile::Error::None) {
            printError(error);
            return false;
        }
        if (runs->size() + file.runs.size() > RunFile::MaxRuns) {
            printError(Cli::tr("--compare-with %1: a comparison holds at most %2 saved runs")
                           .arg(path)
                           .arg(RunFile::MaxRuns));
            return false;
        }
        runs->append(comparedRunsOf(file, uniqueSourceName(QFileInfo(path).fileName(), *runs)));
    }
    return true;
}

// A warning for each file whose runs are not comparable with the record's own.
void warnIncomparable(const RunRecord &record)
{
    for (const QString &warning : comparabilityWarnings(record))
        printError(Cli::tr("warning: not comparable: %1").arg(warning));
}

// --headless --open FILE: a saved run converted to the other formats, its summary printed as
// when it ran. No server, no run.
int runOpened(const CliOptions &options)
{
    RunRecord record;
    QString error;
    if (loadRunFile(options.openPath, &record, &error) != RunFile::Error::None) {
        printError(error);
        return 2;
    }
    if (record.isSweep() || !options.sweepCsvPath.isEmpty())
        return reportOpenedSweep(options, record);
    QList<ComparedRun> compared = record.comparedRuns;
    if (!loadComparedRuns(options, &compared))
        return 2;
    record.comparedRuns = compared;
    warnIncomparable(record);
    const QList<RunSummary> summaries = report(record.runs, record.comparedRuns);
    int status = writeExports(options, record.runs, summaries);
    if (!options.savePath.isEmpty() && !saveRunFile(options.savePath, record, &error)) {
        printError(error);
        status = 1;
    }
    status = std::max(status, writeReportIfAsked(options, record));
    return status;
}
} // namespace

int runHeadless(const CliOptions &options)
{
    if (options.record())
        return runHeadlessRecord(options);
    if (!options.openPath.isEmpty())
        return runOpened(options);
    QList<ComparedRun> compared;
    if (!loadComparedRuns(options, &compared))
        return 2;
    TestServer server;
    if (!startEmbeddedServer(server, options))
        return 1;
    RunSpec spec = options.spec;
    if (!options.urlsGiven)
        spec.urls = {defaultWorkloadUrl(server)};
    // The embedded server's certificate is ours: its runs need no --insecure.
    if (server.servesHttps())
        spec.caCertificates.append(server.certificate());
    if (const QString error = spec.validate(); !error.isEmpty()) {
        printError(error);
        return 2;
    }
    if (options.sweepGiven)
        return runHeadlessSweep(options, server, spec);

    // One strategy or several in turn: the same Comparison the window uses, so that a headless
    // run and a GUI comparison behave alike (runs never overlap, Ctrl+C skips the rest).
    const QList<Strategy> strategies
        = options.compare.isEmpty() ? QList<Strategy>{spec.strategy} : options.compare;
    Comparison comparison;
    QPointer<Run> current;
    std::optional<Progress> progress;
    QList<Trace> traces; // every strategy's, for exports that cover a whole comparison
    QEventLoop loop;
    QObject::connect(&comparison, &Comparison::runStarted, &loop, [&](int, Run *run) {
        current = run;
        progress.emplace(strategyName(run->spec().strategy));
    });
    QObject::connect(&comparison, &Comparison::runFinished, &loop, [&](int index) {
        const Trace trace = comparison.results().at(index); // results() is a copy
        progress->update(current->recorder()->finishedCount(), spec.tasks, true,
                         double(runEndNs(trace)) / 1e6);
        traces.append(trace); // reported once every run has ended
    });
    QObject::connect(&comparison, &Comparison::finished, &loop, &QEventLoop::quit);
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, &loop, [&]() {
        if (interrupted() && comparison.isRunning() && current && !current->stopRequested()) {
            printErr(Cli::tr("\ninterrupted: cancelling the tasks in flight\n"));
            comparison.stop();
        }
        if (current && progress)
            progress->update(current->recorder()->finishedCount(), spec.tasks);
    });
    ticker.start(interrupted() ? 0 : 100); // a signal during start-up stops the run at once
    comparison.start(spec, strategies);
    if (comparison.isRunning())
        loop.exec();
    RunRecord record = recordOfRuns(spec, options.serverCapacity, options.compare, traces);
    // Which URLs were the embedded server's: they follow its address when compared later.
    record.embeddedServer = embeddedServerAddresses(server.baseUrl(), server.httpsBaseUrl());
    record.comparedRuns = compared;
    warnIncomparable(record); // the run's spec and environment against each file's
    const QList<RunSummary> summaries = report(traces, compared);
    int status = writeExports(options, traces, summaries);
    // A stopped run is saved too: what it did up to Stop is worth keeping.
    if (!options.savePath.isEmpty() && !traces.isEmpty()) {
        QString error;
        if (!saveRunFile(options.savePath, record, &error)) {
            printError(error);
            status = 1;
        }
    }
    // A stopped run's report too: it says where the Stop took effect.
    status = std::max(status, writeReportIfAsked(options, record));
    return interruptedExitStatus(status);
}

int runServe(const CliOptions &options)
{
    TestServer server;
    if (!startEmbeddedServer(server, options))
        return 1;
    std::printf("serving %s\n", server.baseUrl().toString().toUtf8().constData());
    if (server.servesHttps()) {
        const QString path = server.certificatePath();
        if (!path.isEmpty())
            std::printf("certificate %s (e.g. curl --cacert %s %s/get)\n",
                        path.toLocal8Bit().constData(), path.toLocal8Bit().constData(),
                        server.baseUrl().toString().toUtf8().constData());
    }
    std::fflush(stdout);
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&loop]() {
        if (interrupted())
            loop.quit();
    });
    poll.start(100);
    loop.exec();
    const ServerStats stats = server.stats();
    printErr(Cli::tr("served %1 requests, at most %2 at once\n")
                 .arg(stats.requests)
                 .arg(stats.maxActive));
    return interruptedExitStatus(0);
}

} // namespace Coroscope
