// Comparing a run with runs saved in other files ("this run vs last week's"), on real runs
// against the embedded server: the run file keeps compared runs losslessly (format 1.1, a file
// without them still written as 1.0), the comparison CSV and summary lines name their file, the
// comparability warnings say what differs, and `--compare-with` does it all from the command
// line, refusing a file it cannot read.
#include "io/comparedruns.h"
#include "io/csv.h"
#include "io/runfile.h"
#include "runtoend.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include "testfiles.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {

// The record a run leaves, as the window and --save make it.
RunRecord recordOf(const RunSpec &spec)
{
    return recordOfRuns(spec, 0, {}, {runToEnd(spec)});
}

} // namespace

class TestComparedRuns : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    RunRecord m_small; // 3 tasks
    RunRecord m_large; // 6 tasks, concurrency 2

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start(0));
        m_small = recordOf(specOn(m_server, u"/delay/0.05"_s, 3));
        RunSpec large = specOn(m_server, u"/delay/0.05"_s, 6);
        large.concurrency = 2;
        m_large = recordOf(large);
        QCOMPARE(m_small.runs.constFirst().tasks.size(), 3);
        QCOMPARE(m_large.runs.constFirst().tasks.size(), 6);
    }

    void savedLosslesslyAsMinorVersion()
    {
        RunRecord record = m_small;
        QVERIFY(encodeRunFile(record).startsWith("COROSCOPE-RUN 1.0 "));
        record.comparedRuns = comparedRunsOf(m_large, u"last-week.coroscope"_s);
        const QByteArray bytes = encodeRunFile(record);
        QVERIFY(bytes.startsWith("COROSCOPE-RUN 1.1 "));

        RunRecord loaded;
        QString reason;
        QCOMPARE(decodeRunFile(bytes, &loaded, &reason), RunFile::Error::None);
        QCOMPARE(loaded.comparedRuns.size(), 1);
        const ComparedRun &run = loaded.comparedRuns.constFirst();
        QCOMPARE(run.source, u"last-week.coroscope"_s);
        QCOMPARE(run.spec.concurrency, 2);
        QCOMPARE(run.spec.tasks, 6);
        QCOMPARE(run.environment.recordedAt, m_large.environment.recordedAt);
        QCOMPARE(tasksCsv(run.trace), tasksCsv(m_large.runs.constFirst()));
        QCOMPARE(segmentsCsv(run.trace), segmentsCsv(m_large.runs.constFirst()));
        // Byte for byte: saving what was opened writes the same file.
        QCOMPARE(encodeRunFile(loaded), bytes);

        // What a 1.0 reader sees: the header without "compared" and the body without CRUN
        // sections is the run alone. Dropping only the header's description is caught.
        const qsizetype headerStart = bytes.indexOf('\n') + 1;
        QByteArray edited = bytes;
        edited.replace(edited.indexOf("\"compared\":", headerStart), 11, "\"comparex\":");
        QVERIFY(decodeRunFile(edited, &loaded, &reason) == RunFile::Error::Corrupt);
        QVERIFY2(reason.contains(u"compared runs"_s), qPrintable(reason));
    }

    void comparabilityNotes_data()
    {
        QTest::addColumn<int>("change");
        QTest::addColumn<QString>("expected"); // empty: comparable
        QTest::newRow("same workload") << 0 << QString();
        QTest::newRow("task count") << 1 << u"f.coroscope: 30 tasks vs 3 here"_s;
        QTest::newRow("knob") << 2 << u"f.coroscope: concurrency 5 vs unlimited here"_s;
        QTest::newRow("qt version") << 3 << u"f.coroscope: Qt 6.2.0 vs %1 here"_s;
        QTest::newRow("cpu count") << 4 << u"f.coroscope: 64 CPUs vs %1 here"_s;
        QTest::newRow("server capacity")
            << 5 << u"f.coroscope: server capacity 2 vs unlimited here"_s;
        QTest::newRow("coroscope version") << 6 << u"f.coroscope: Coroscope 0.0.1 vs %1 here"_s;
    }
    void comparabilityNotes()
    {
        QFETCH(int, change);
        QFETCH(QString, expected);
        RunRecord file = m_small;
        switch (change) {
        case 1:
            file.spec.tasks = 30;
            break;
        case 2:
            file.spec.concurrency = 5;
            break;
        case 3:
            file.environment.qtVersion = u"6.2.0"_s;
            break;
        case 4:
            file.environment.cpuCount = 64;
            break;
        case 5:
            file.serverCapacity = 2;
            break;
        case 6:
            file.environment.coroscopeVersion = u"0.0.1"_s;
            break;
        default:
            break;
        }
        RunRecord record = m_small;
        record.comparedRuns = comparedRunsOf(file, u"f.coroscope"_s);
        const QStringList warnings = comparabilityWarnings(record);
        if (expected.isEmpty()) {
            QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
            return;
        }
        const RunEnvironment &here = m_small.environment;
        expected = change == 3 ? expected.arg(here.qtVersion)
            : change == 4      ? expected.arg(here.cpuCount)
            : change == 6      ? expected.arg(here.coroscopeVersion)
                               : expected;
        QCOMPARE(warnings, QStringList{expected});
    }

    void otherUrlsNamed()
    {
        RunRecord record = m_small;
        record.comparedRuns = comparedRunsOf(m_large, u"big.coroscope"_s);
        RunRecord other = m_small;
        other.runs.first().urls = {u"http://example.test/get"_s, u"http://example.test/a"_s};
        record.comparedRuns += comparedRunsOf(other, u"other.coroscope"_s);
        const QStringList warnings = comparabilityWarnings(record);
        QCOMPARE(warnings.size(), 2);
        QVERIFY2(warnings.at(0).startsWith(u"big.coroscope: 6 tasks vs 3 here; concurrency 2"_s),
                 qPrintable(warnings.at(0)));
        QVERIFY2(warnings.at(1).contains(u"URLs http://example.test/get and 1 more vs "_s),
                 qPrintable(warnings.at(1)));
    }

    void uniqueNames()
    {
        QList<ComparedRun> runs = comparedRunsOf(m_small, u"run.coroscope"_s);
        QCOMPARE(uniqueSourceName(u"run.coroscope"_s, runs), u"run.coroscope (2)"_s);
        runs += comparedRunsOf(m_small, u"run.coroscope (2)"_s);
        QCOMPARE(uniqueSourceName(u"run.coroscope"_s, runs), u"run.coroscope (3)"_s);
        QCOMPARE(uniqueSourceName(u"a\u001b]0;x\u0007.coroscope"_s, runs), u"a]0;x.coroscope"_s);
        QCOMPARE(comparedSources(runs), (QStringList{u"run.coroscope"_s, u"run.coroscope (2)"_s}));
    }

    void csvNamesTheFile()
    {
        RunSummary own = summarize(m_small.runs.constFirst());
        RunSummary theirs = summarize(m_large.runs.constFirst());
        theirs.source = u"=last,week.coroscope"_s; // quoted and defused like any text cell
        const QList<QStringList> rows = parseCsv(compareCsv({own, theirs}));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(0).at(10), u"source"_s);
        QCOMPARE(rows.at(0).mid(0, 10).join(u','),
                 u"strategy,tasks,ok,failed,wall_ms,sum_ms,max_task_ms,speedup,avg_in_flight,"
                 "stopped"_s);
        QCOMPARE(rows.at(1).at(10), QString());
        QCOMPARE(rows.at(2).at(10), u"'=last,week.coroscope"_s);
        QVERIFY(summaryJson(theirs).endsWith(",\"source\":\"=last,week.coroscope\"}"));
        QVERIFY(!summaryJson(own).contains("source"));
    }

    // A saved run's URLs of the embedded server go to its address of the day (issue 17.5).
    void followEmbeddedServer_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("recorded");
        QTest::addColumn<QStringList>("current");
        QTest::addColumn<QString>("expected");
        const QStringList then{u"http://127.0.0.1:37139"_s};
        const QStringList thenBoth{u"http://127.0.0.1:37139"_s, u"https://127.0.0.1:37140"_s};
        const QStringList now{u"http://127.0.0.1:8765"_s};
        const QStringList nowBoth{u"http://127.0.0.1:8765"_s, u"https://127.0.0.1:8766"_s};
        QTest::newRow("the server's port moved") << u"http://127.0.0.1:37139/delay/1?x=1"_s << then
                                                 << now << u"http://127.0.0.1:8765/delay/1?x=1"_s;
        QTest::newRow("https stays https") << u"https://127.0.0.1:37140/get"_s << thenBoth
                                           << nowBoth << u"https://127.0.0.1:8766/get"_s;
        QTest::newRow("https to a server without TLS today")
            << u"https://127.0.0.1:37140/get"_s << thenBoth << now
            << u"http://127.0.0.1:8765/get"_s;
        QTest::newRow("http to a server serving https only")
            << u"http://127.0.0.1:37139/get"_s << then << QStringList{u"https://127.0.0.1:9000"_s}
            << u"https://127.0.0.1:9000/get"_s;
        QTest::newRow("another server's URL stays")
            << u"http://127.0.0.1:37138/get"_s << then << now << u"http://127.0.0.1:37138/get"_s;
        QTest::newRow("another host stays") << u"http://example.com:37139/get"_s << then << now
                                            << u"http://example.com:37139/get"_s;
        QTest::newRow("no server today: as it was")
            << u"http://127.0.0.1:37139/get"_s << then << QStringList()
            << u"http://127.0.0.1:37139/get"_s;
        QTest::newRow("an old file says nothing: as it was")
            << u"http://127.0.0.1:37139/get"_s << QStringList() << now
            << u"http://127.0.0.1:37139/get"_s;
    }
    void followEmbeddedServer()
    {
        QFETCH(QString, url);
        QFETCH(QStringList, recorded);
        QFETCH(QStringList, current);
        QFETCH(QString, expected);
        QCOMPARE(Coroscope::followEmbeddedServer(QUrl(url), recorded, current).toString(),
                 expected);
    }

    // Two runs of the same workload on the embedded server are comparable whichever port it
    // had each day; on another server they are not.
    void comparableAcrossPorts()
    {
        RunRecord today = m_small;
        today.embeddedServer = embeddedServerAddresses(m_server.baseUrl(), QUrl());
        RunRecord lastWeek = m_small;
        lastWeek.embeddedServer = {u"http://127.0.0.1:37139"_s};
        for (QString &url : lastWeek.runs.first().urls)
            url.replace(u":%1/"_s.arg(m_server.port()), u":37139/"_s);
        QVERIFY(lastWeek.runs.constFirst().urls != today.runs.constFirst().urls);
        const ComparedRun run = comparedRunsOf(lastWeek, u"last-week.coroscope"_s).constFirst();
        QCOMPARE(run.embeddedServer, lastWeek.embeddedServer);
        QCOMPARE(Coroscope::comparabilityNotes(today, run), QStringList());
        // Saved and opened again, the file still holds the port it fetched.
        RunRecord loaded;
        QString reason;
        QCOMPARE(decodeRunFile(encodeRunFile(lastWeek), &loaded, &reason), RunFile::Error::None);
        QCOMPARE(loaded.runs.constFirst().urls, lastWeek.runs.constFirst().urls);
        QCOMPARE(loaded.embeddedServer, lastWeek.embeddedServer);
        // Without knowing which URLs were the embedded server's, they are other URLs.
        ComparedRun unknown = run;
        unknown.embeddedServer.clear();
        const QStringList notes = Coroscope::comparabilityNotes(today, unknown);
        QCOMPARE(notes.size(), 1);
        QVERIFY2(notes.constFirst().startsWith(u"URLs "_s), qPrintable(notes.constFirst()));
    }

    // --compare-with a file saved while the embedded server had another port: no "URLs"
    // warning, and the file records the server's address (--save).
    void commandLineAcrossPorts()
    {
        QTemporaryDir dir;
        const QString first = dir.filePath(u"first.coroscope"_s);
        const QString second = dir.filePath(u"second.coroscope"_s);
        QProcess a;
        a.start(QStringLiteral(COROSCOPE_EXE),
                {u"--headless"_s, u"--port"_s, u"0"_s, u"--tasks"_s, u"2"_s, u"--save"_s, first});
        QVERIFY(a.waitForFinished(60000));
        QCOMPARE(a.exitCode(), 0);
        QProcess b;
        b.start(QStringLiteral(COROSCOPE_EXE),
                {u"--headless"_s, u"--port"_s, u"0"_s, u"--tasks"_s, u"2"_s, u"--compare-with"_s,
                 first, u"--save"_s, second});
        QVERIFY(b.waitForFinished(60000));
        const QByteArray err = b.readAllStandardError();
        QCOMPARE(b.exitCode(), 0);
        RunRecord one;
        RunRecord two;
        QString error;
        QCOMPARE(loadRunFile(first, &one, &error), RunFile::Error::None);
        QCOMPARE(loadRunFile(second, &two, &error), RunFile::Error::None);
        QCOMPARE(one.embeddedServer.size(), 1);
        QCOMPARE(two.embeddedServer.size(), 1);
        if (one.embeddedServer == two.embeddedServer)
            QSKIP("both runs got the same free port");
        QVERIFY(
            one.runs.constFirst().urls.constFirst().startsWith(one.embeddedServer.constFirst()));
        QVERIFY2(!err.contains("not comparable"), err.constData());
    }

    void commandLine()
    {
        QTemporaryDir dir;
        const QString baseline = dir.filePath(u"baseline.coroscope"_s);
        const QString today = dir.filePath(u"today.coroscope"_s);
        QString error;
        QVERIFY2(saveRunFile(baseline, m_large, &error), qPrintable(error));
        QVERIFY2(saveRunFile(today, m_small, &error), qPrintable(error));

        const QString csv = dir.filePath(u"compare.csv"_s);
        const QString both = dir.filePath(u"both.coroscope"_s);
        QProcess cli;
        cli.start(QStringLiteral(COROSCOPE_EXE),
                  {u"--headless"_s, u"--open"_s, today, u"--compare-with"_s, baseline,
                   u"--compare-csv"_s, csv, u"--save"_s, both});
        QVERIFY(cli.waitForFinished(60000));
        const QByteArray err = cli.readAllStandardError();
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY2(err.contains("warning: not comparable: baseline.coroscope: 6 tasks vs 3 here"),
                 err.constData());
        const QList<QByteArray> lines = cli.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(1).endsWith(",\"source\":\"baseline.coroscope\"}"));
        const QList<QStringList> rows = parseCsv(readAll(csv));
        QCOMPARE(rows.size(), 3);
        QCOMPARE(rows.at(1).value(1), u"3"_s);
        QCOMPARE(rows.at(1).at(10), QString());
        QCOMPARE(rows.at(2).value(1), u"6"_s);
        QCOMPARE(rows.at(2).at(10), u"baseline.coroscope"_s);

        // The saved comparison opens with its baseline and writes the same CSV.
        RunRecord loaded;
        QCOMPARE(loadRunFile(both, &loaded, &error), RunFile::Error::None);
        QCOMPARE(loaded.comparedRuns.size(), 1);
        const QString again = dir.filePath(u"again.csv"_s);
        QProcess reopen;
        reopen.start(QStringLiteral(COROSCOPE_EXE),
                     {u"--headless"_s, u"--open"_s, both, u"--compare-csv"_s, again});
        QVERIFY(reopen.waitForFinished(60000));
        QCOMPARE(reopen.exitCode(), 0);
        QCOMPARE(readAll(again), readAll(csv));

        // A baseline that cannot be read fails the job with the reader's reason, before any run.
        const QString missing = dir.filePath(u"missing.coroscope"_s);
        QProcess refused;
        refused.start(QStringLiteral(COROSCOPE_EXE),
                      {u"--headless"_s, u"--open"_s, today, u"--compare-with"_s, missing});
        QVERIFY(refused.waitForFinished(60000));
        QCOMPARE(refused.exitCode(), 2);
        const QByteArray reason = "cannot open " + missing.toUtf8() + ": no such file";
        QVERIFY(refused.readAllStandardError().contains(reason));
        // The same file twice is refused, not drawn twice.
        QProcess twice;
        twice.start(QStringLiteral(COROSCOPE_EXE),
                    {u"--headless"_s, u"--open"_s, today, u"--compare-with"_s, baseline,
                     u"--compare-with"_s, dir.filePath(u"./baseline.coroscope"_s)});
        QVERIFY(twice.waitForFinished(60000));
        QCOMPARE(twice.exitCode(), 2);
        QVERIFY(twice.readAllStandardError().contains("already in the comparison"));
    }
};

QTEST_GUILESS_MAIN(TestComparedRuns)
#include "tst_comparedruns.moc"
