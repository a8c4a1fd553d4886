// Real runs against the embedded server, saved and opened again: for every strategy and for a
// comparison, every export of the opened run equals the live one byte for byte. The command
// line does the same: `--save` then `--headless --open` prints the same summary and writes the
// same files.
#include "io/chrometrace.h"
#include "io/csv.h"
#include "io/har.h"
#include "io/runfile.h"
#include "run/comparison.h"
#include "runtoend.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include "syntheticrun.h"
#include "testfiles.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {

// Saved to disk and read back, as a user would.
RunRecord throughFile(const RunRecord &record)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"run.coroscope"_s);
    QString error;
    if (!saveRunFile(path, record, &error))
        qWarning("%s", qPrintable(error));
    RunRecord loaded;
    if (loadRunFile(path, &loaded, &error) != RunFile::Error::None)
        qWarning("%s", qPrintable(error));
    return loaded;
}

void compareExports(const QList<Trace> &live, const QList<Trace> &opened)
{
    QCOMPARE(opened.size(), live.size());
    QCOMPARE(tasksCsv(opened), tasksCsv(live));
    QCOMPARE(segmentsCsv(opened), segmentsCsv(live));
    QCOMPARE(chromeTraceJson(opened), chromeTraceJson(live));
    QCOMPARE(harJson(opened, u"0.1.0"_s), harJson(live, u"0.1.0"_s));
    QList<RunSummary> a;
    QList<RunSummary> b;
    for (const Trace &t : live)
        a.append(summarize(t));
    for (const Trace &t : opened)
        b.append(summarize(t));
    QCOMPARE(compareCsv(b), compareCsv(a));
    for (qsizetype i = 0; i < a.size(); ++i)
        QCOMPARE(summaryJson(b.at(i)), summaryJson(a.at(i)));
}

} // namespace

class TestRunFileRoundTrip : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    RunSpec spec(Strategy strategy) const
    {
        // Two URLs (one a 404, one with a password) and a short delay: results, errors, phases.
        RunSpec s = specOn(m_server, u"/delay/0.05"_s, 6);
        QUrl missing = m_server.baseUrl();
        missing.setPath(u"/status/404"_s);
        missing.setUserName(u"user"_s);
        missing.setPassword(u"secret"_s);
        s.urls.append(missing);
        s.strategy = strategy;
        s.workers = 3;
        return s;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start(0)); }

    void strategy_data()
    {
        QTest::addColumn<Strategy>("strategy");
        for (const Strategy s : allStrategies())
            QTest::newRow(qPrintable(strategyName(s))) << s;
    }
    void strategy()
    {
        QFETCH(Strategy, strategy);
        const RunSpec s = spec(strategy);
        const Trace trace = runToEnd(s);
        QVERIFY(trace.isComplete());
        const RunRecord record = recordOfRuns(s, 0, {}, {trace});
        const RunRecord opened = throughFile(record);
        compareExports(record.runs, opened.runs);
        QCOMPARE(opened.spec.strategy, strategy);
        QCOMPARE(opened.spec.urls.size(), 2);
        // Files are shared: the password is not in the file, as in every export.
        QTemporaryDir dir;
        QString error;
        QVERIFY(saveRunFile(dir.filePath(u"r.coroscope"_s), record, &error));
        QVERIFY(!readAll(dir.filePath(u"r.coroscope"_s)).contains("secret"));
    }

    // https: the TLS handshake the server reported (the tls phase) and --insecure survive the
    // file, so an opened https run exports the same bytes.
    void https()
    {
        QString error;
        const TlsCredentials credentials
            = generateSelfSigned(loopbackHosts(), -3600, 86400, &error);
        QVERIFY2(!credentials.isNull(), qPrintable(error));
        TestServer server;
        server.setProtocols(TestServer::Protocols::Https, credentials);
        QVERIFY2(server.start(0), qPrintable(server.errorString()));
        RunSpec s = specOn(server, u"/delay/0.05"_s, 4);
        s.insecure = true;
        const Trace trace = runToEnd(s);
        QVERIFY(trace.isComplete());
        QCOMPARE(trace.settings.insecure, true);
        const bool handshakes
            = std::any_of(trace.tasks.cbegin(), trace.tasks.cend(),
                          [](const TaskInfo &t) { return t.serverTlsHandshakeUs >= 0; });
        QVERIFY(handshakes);
        const RunRecord record = recordOfRuns(s, 0, {}, {trace});
        const RunRecord opened = throughFile(record);
        compareExports(record.runs, opened.runs);
        QCOMPARE(opened.spec.insecure, true);
        QCOMPARE(opened.runs.first().settings.insecure, true);
        for (qsizetype i = 0; i < trace.tasks.size(); ++i)
            QCOMPARE(opened.runs.first().tasks.at(i).serverTlsHandshakeUs,
                     trace.tasks.at(i).serverTlsHandshakeUs);
    }

    void comparison()
    {
        Comparison comparison;
        QSignalSpy finished(&comparison, &Comparison::finished);
        const QList<Strategy> strategies = allStrategies();
        comparison.start(spec(Strategy::Async), strategies);
        QVERIFY(finished.wait(60000));
        QCOMPARE(comparison.results().size(), strategies.size());
        const RunRecord record
            = recordOfRuns(comparison.spec(), 0, strategies, comparison.results());
        const RunRecord opened = throughFile(record);
        QCOMPARE(opened.compare, strategies);
        compareExports(record.runs, opened.runs);
    }

    // Run files are shared like web pages (issue 18.14): a file's escape sequences (in a task's
    // error, a status, the header's Qt version and OS, its first line) never reach the terminal,
    // the CSV or the "not comparable" warning, and its URL passwords are not in the exports.
    void hostileTextNeverReachesTheTerminal()
    {
        QTemporaryDir dir;
        const QString esc = u"\x1b]0;pwned\x07\x1b[2J"_s;
        RunRecord record = syntheticRecord(5, false);
        record.environment.qtVersion = u"6.4.1"_s + esc;
        record.environment.os = u"Plan 9"_s + esc;
        Trace &trace = record.runs.first();
        trace.urls[1] = u"https://user:hunter2@example.com/p"_s;
        for (TaskInfo &t : trace.tasks) {
            if (!t.error.isEmpty())
                t.error = u"failed "_s + esc + u" at http://bob:hunter2@example.com/"_s;
            t.statusText = t.statusText + esc;
        }
        const QString hostile = dir.filePath(u"hostile.coroscope"_s);
        QFile file(hostile);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(encodeRunFile(record));
        file.close();
        const QString plain = dir.filePath(u"plain.coroscope"_s);
        QString error;
        QVERIFY(saveRunFile(plain, syntheticRecord(5, false), &error));

        QProcess cli;
        cli.start(QStringLiteral(COROSCOPE_EXE),
                  {u"--headless"_s, u"--open"_s, plain, u"--compare-with"_s, hostile, u"--csv"_s,
                   dir.filePath(u"tasks.csv"_s), u"--har"_s, dir.filePath(u"run.har"_s)});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QByteArray err = cli.readAllStandardError();
        QVERIFY2(err.contains("not comparable: hostile.coroscope:"), err.constData());
        QVERIFY2(err.contains("Qt 6.4.1]0;pwned[2J vs 6.4.2"), err.constData());
        QVERIFY(!err.contains('\x1b') && !err.contains('\x07'));
        QVERIFY(!cli.readAllStandardOutput().contains('\x1b'));

        QProcess opened;
        opened.start(QStringLiteral(COROSCOPE_EXE),
                     {u"--headless"_s, u"--open"_s, hostile, u"--csv"_s,
                      dir.filePath(u"hostile.csv"_s), u"--har"_s, dir.filePath(u"hostile.har"_s)});
        QVERIFY(opened.waitForFinished(60000));
        QCOMPARE(opened.exitCode(), 0);
        const QByteArray openedErr = opened.readAllStandardError();
        QVERIFY(!openedErr.contains('\x1b'));
        for (const char *name : {"hostile.csv", "hostile.har"}) {
            const QByteArray bytes = readAll(dir.filePath(QLatin1String(name)));
            QVERIFY2(bytes.size() > 100 && !bytes.contains('\x1b'), name);
            QVERIFY2(!bytes.contains("hunter2"), name);
        }

        // A file refused for its first line quotes it without its escapes.
        QFile bad(dir.filePath(u"bad.coroscope"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("COROSCOPE-RUN 1.\x1b[2J 0.1\n{}\n");
        bad.close();
        QProcess refused;
        refused.start(QStringLiteral(COROSCOPE_EXE),
                      {u"--headless"_s, u"--open"_s, bad.fileName()});
        QVERIFY(refused.waitForFinished(30000));
        QCOMPARE(refused.exitCode(), 2);
        const QByteArray refusedErr = refused.readAllStandardError();
        QVERIFY2(refusedErr.contains("format version \"1.[2J\""), refusedErr.constData());
        QVERIFY(!refusedErr.contains('\x1b'));
    }

    // The command line: --save with --compare, then --headless --open converts the file into
    // the same exports and prints the same summary lines.
    void commandLine()
    {
        QTemporaryDir dir;
        const auto path = [&dir](const char *name) { return dir.filePath(QLatin1String(name)); };
        QUrl url = m_server.baseUrl();
        url.setPath(u"/delay/0.05"_s);
        const QStringList outputs{u"--csv"_s, u"--segments-csv"_s, u"--chrome-trace"_s, u"--har"_s,
                                  u"--compare-csv"_s};
        const auto withOutputs = [&](const QString &prefix) {
            QStringList args;
            for (const QString &option : outputs)
                args << option << path(qPrintable(prefix + option.mid(2)));
            return args;
        };
        QProcess live;
        live.start(QStringLiteral(COROSCOPE_EXE),
                   QStringList{u"--headless"_s, u"--url"_s, url.toString(), u"--tasks"_s, u"4"_s,
                               u"--compare"_s, u"async,sequential"_s, u"--save"_s,
                               path("run.coroscope")}
                       + withOutputs(u"live-"_s));
        QVERIFY(live.waitForFinished(60000));
        QCOMPARE(live.exitCode(), 0);
        const QByteArray liveOut = live.readAllStandardOutput();

        QProcess opened;
        opened.start(QStringLiteral(COROSCOPE_EXE),
                     QStringList{u"--headless"_s, u"--open"_s, path("run.coroscope")}
                         + withOutputs(u"opened-"_s));
        QVERIFY(opened.waitForFinished(60000));
        QCOMPARE(opened.exitCode(), 0);
        QCOMPARE(opened.readAllStandardOutput(), liveOut);
        for (const QString &option : outputs) {
            const QString name = option.mid(2);
            QCOMPARE(readAll(path(qPrintable(u"opened-"_s + name))),
                     readAll(path(qPrintable(u"live-"_s + name))));
        }

        // A file that is not a run: exit status 2 and the reason on stderr.
        QFile bad(path("bad.coroscope"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("COROSCOPE-RUN 9.0 9.9.9\n{}\n");
        bad.close();
        QProcess refused;
        refused.start(QStringLiteral(COROSCOPE_EXE),
                      QStringList{u"--headless"_s, u"--open"_s, path("bad.coroscope")});
        QVERIFY(refused.waitForFinished(30000));
        QCOMPARE(refused.exitCode(), 2);
        const QString stderrText = QString::fromUtf8(refused.readAllStandardError());
        QVERIFY2(stderrText.contains(u"made by a newer Coroscope: version 9.9.9"_s),
                 qPrintable(stderrText));
    }
};

QTEST_GUILESS_MAIN(TestRunFileRoundTrip)
#include "tst_runfileroundtrip.moc"
