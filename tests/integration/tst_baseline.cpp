// Issue 17.1: a speed-up is claimed only against a measured baseline. Against a server that
// answers one request at a time and reports nothing about its queue (serialserver.h, as
// Python's HTTPServer), fifty tasks in flight save nothing: no speed-up may be shown, and with a
// sequential run beside it the speed-up is what the two measured wall times say.
#include "io/csv.h"
#include "run/comparison.h"
#include "runtoend.h"
#include "serialserver.h"
#include "trace/diagnostics.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include "testfiles.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;
using namespace Coroscope::Testing;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {
constexpr int DelayMs = 100;
constexpr int Tasks = 12;

RunSpec specFor(const SerialServer &server, Strategy strategy)
{
    RunSpec spec;
    spec.urls = {server.url()};
    spec.tasks = Tasks;
    spec.strategy = strategy;
    return spec;
}
} // namespace

class TestBaseline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void asyncOnASerialServerClaimsNoSpeedup()
    {
        SerialServer server(DelayMs);
        QVERIFY(server.startListening());
        const Trace trace = runToEnd(specFor(server, Strategy::Async));
        QVERIFY(trace.isComplete());
        const RunSummary s = summarize(trace);
        QCOMPARE(s.ok, Tasks);
        QCOMPARE(server.served(), Tasks);
        // Many in flight (the server held them all in its queue), which is no speed-up.
        QVERIFY2(s.avgInFlight > 2, qPrintable(QString::number(s.avgInFlight)));
        QVERIFY(!s.speedup);
        QVERIFY(!s.sumMs);
        QCOMPARE(s.baseline, Baseline::None);
        const QByteArray json = summaryJson(s);
        QVERIFY2(json.contains("\"speedup\":null,\"baseline\":null"), json.constData());
        // The diagnostics say why there is none, and claim none.
        bool said = false;
        for (const Diagnostic &d : diagnose(trace)) {
            QVERIFY2(!d.text.startsWith(u"Speed-up"_s), qPrintable(d.text));
            said = said || d.text.startsWith(u"No speed-up measured"_s);
        }
        QVERIFY(said);
    }

    // The same workload under async and sequential in one Compare: the sequential run measured
    // one after another, so async's speed-up is its wall time over async's, exactly.
    void compareWithSequentialAgreesWithTheWallTimes()
    {
        SerialServer server(DelayMs);
        QVERIFY(server.startListening());
        Comparison comparison;
        QSignalSpy finished(&comparison, &Comparison::finished);
        comparison.start(specFor(server, Strategy::Async), {Strategy::Async, Strategy::Sequential});
        QVERIFY(finished.wait(60000));
        const QList<Trace> traces = comparison.results();
        QCOMPARE(traces.size(), 2);
        QList<RunSummary> summaries{summarize(traces.at(0)), summarize(traces.at(1))};
        applySequentialBaselines(&summaries);
        const RunSummary &async = summaries.at(0);
        const RunSummary &sequential = summaries.at(1);
        QCOMPARE(async.baseline, Baseline::SequentialRun);
        QVERIFY(async.speedup && async.sumMs);
        QCOMPARE(*async.sumMs, sequential.wallMs);
        QCOMPARE(*async.speedup, sequential.wallMs / async.wallMs);
        QCOMPARE(*sequential.speedup, 1.0);
        const QList<QStringList> rows = parseCsv(compareCsv(summaries));
        QCOMPARE(rows.at(1).at(11), u"sequential-run"_s);
    }

    // The command line prints every summary once the comparison has ended: the async line
    // already knows the sequential run that followed it.
    void commandLineComparesWithTheSequentialRun()
    {
        SerialServer server(DelayMs);
        QVERIFY(server.startListening());
        QTemporaryDir dir;
        const QString csv = dir.filePath(u"compare.csv"_s);
        QProcess cli;
        cli.start(QStringLiteral(COROSCOPE_EXE),
                  {u"--headless"_s, u"--port"_s, u"0"_s, u"--url"_s, server.url().toString(),
                   u"--tasks"_s, QString::number(Tasks), u"--compare"_s, u"async,sequential"_s,
                   u"--compare-csv"_s, csv});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(cli.exitCode(), 0);
        const QList<QByteArray> lines = cli.readAllStandardOutput().trimmed().split('\n');
        QCOMPARE(lines.size(), 2);
        const QJsonObject async = QJsonDocument::fromJson(lines.at(0)).object();
        const QJsonObject sequential = QJsonDocument::fromJson(lines.at(1)).object();
        QCOMPARE(async.value(u"strategy"_s).toString(), u"async"_s);
        QCOMPARE(async.value(u"baseline"_s).toString(), u"sequential-run"_s);
        QCOMPARE(async.value(u"sum_ms"_s).toDouble(), sequential.value(u"wall_ms"_s).toDouble());
        const double expected
            = sequential.value(u"wall_ms"_s).toDouble() / async.value(u"wall_ms"_s).toDouble();
        QVERIFY2(qAbs(async.value(u"speedup"_s).toDouble() - expected) < 0.002,
                 lines.at(0).constData());
        QCOMPARE(parseCsv(readAll(csv)).at(1).at(11), u"sequential-run"_s);

        // Alone, and without the measurement of its URL alone, the async run has nothing to
        // measure against (tst_alonemeasurement has it with the measurement).
        QProcess alone;
        alone.start(QStringLiteral(COROSCOPE_EXE),
                    {u"--headless"_s, u"--port"_s, u"0"_s, u"--url"_s, server.url().toString(),
                     u"--tasks"_s, QString::number(Tasks), u"--no-alone-measurement"_s});
        QVERIFY(alone.waitForFinished(60000));
        const QByteArray line = alone.readAllStandardOutput().trimmed();
        QVERIFY2(line.contains("\"sum_ms\":null") && line.contains("\"speedup\":null"),
                 line.constData());
    }
};

QTEST_GUILESS_MAIN(TestBaseline)
#include "tst_baseline.moc"
