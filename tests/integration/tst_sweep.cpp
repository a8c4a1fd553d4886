// Sweeps against the real embedded server on loopback: the points run one after another with
// the knob applied, every trace is kept, medians and spreads come from the repeats, Stop keeps
// the points done, bad knobs and values are refused in words, and a saved sweep reads back as
// one.
#include "io/csv.h"
#include "io/runfile.h"
#include "run/run.h"
#include "run/sweep.h"
#include "server/testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Coroscope;
using namespace Qt::StringLiterals;

class TestSweep : public QObject
{
    Q_OBJECT
    TestServer m_server;

    QUrl url(const QString &path) const
    {
        QUrl u = m_server.baseUrl();
        u.setPath(path);
        return u;
    }
    SweepSpec smallSweep() const
    {
        SweepSpec spec;
        spec.base.urls = {url(u"/delay/0.05"_s)};
        spec.base.timeoutMs = 20000;
        spec.knob = SweepKnob::Tasks;
        spec.values = {1, 2, 4};
        spec.strategies = {Strategy::Async, Strategy::Sequential};
        spec.repeat = 2;
        spec.embeddedServer = {m_server.baseUrl().toString()};
        return spec;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(0), qPrintable(m_server.errorString())); }

    void parseValues_data()
    {
        QTest::addColumn<QString>("knob");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<double>>("expected");
        QTest::newRow("a list keeps its order")
            << u"tasks"_s << u"10,1,100"_s << QList<double>{10, 1, 100};
        QTest::newRow("a list twice is once") << u"tasks"_s << u"1,1,2"_s << QList<double>{1, 2};
        QTest::newRow("A..B is every whole number")
            << u"workers"_s << u"1..4"_s << QList<double>{1, 2, 3, 4};
        QTest::newRow("A..B*F is geometric")
            << u"tasks"_s << u"1..1000*10"_s << QList<double>{1, 10, 100, 1000};
        QTest::newRow("A..B+S steps")
            << u"delay"_s << u"0..1+0.25"_s << QList<double>{0, 0.25, 0.5, 0.75, 1};
        QTest::newRow("pieces together")
            << u"concurrency"_s << u"1..3, 10"_s << QList<double>{1, 2, 3, 10};
        QTest::newRow("delay takes fractions")
            << u"delay"_s << u"0.05,0.1"_s << QList<double>{0.05, 0.1};
    }
    void parseValues()
    {
        QFETCH(QString, knob);
        QFETCH(QString, text);
        QFETCH(QList<double>, expected);
        SweepKnob k;
        QList<double> values;
        QCOMPARE(parseSweepArgument(knob + u'=' + text, &k, &values), QString());
        QCOMPARE(sweepKnobName(k), knob);
        QCOMPARE(values, expected);
    }

    void refusals_data()
    {
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("words");
        QTest::newRow("unknown knob") << u"speed=1,2"_s << u"unknown sweep knob \"speed\""_s;
        QTest::newRow("no =") << u"tasks"_s << u"KNOB=VALUES"_s;
        QTest::newRow("no values") << u"tasks="_s << u"has no values"_s;
        QTest::newRow("not a number") << u"tasks=1,x"_s << u"\"x\" for tasks is not a number"_s;
        QTest::newRow("fraction of a whole knob") << u"tasks=1.5"_s << u"not a whole number"_s;
        QTest::newRow("0 tasks") << u"tasks=0,1"_s << u"outside 1 to 100000"_s;
        QTest::newRow("delay above 10 s") << u"delay=1,11"_s << u"outside 0 to 10"_s;
        QTest::newRow("backwards range") << u"tasks=10..1"_s << u"ends before it starts"_s;
        QTest::newRow("factor 1") << u"tasks=1..10*1"_s << u"factor above 1"_s;
        QTest::newRow("too many values") << u"tasks=1..1000"_s << u"at most 100 values"_s;
    }
    void refusals()
    {
        QFETCH(QString, argument);
        QFETCH(QString, words);
        SweepKnob k;
        QList<double> values;
        const QString error = parseSweepArgument(argument, &k, &values);
        QVERIFY2(error.contains(words), qPrintable(error));
    }

    void delayNeedsADelayUrl()
    {
        SweepSpec spec = smallSweep();
        spec.knob = SweepKnob::Delay;
        spec.values = {0, 0.1};
        QCOMPARE(spec.validate(), QString());
        QCOMPARE(spec.pointSpec(0.1, Strategy::Async).urls.constFirst().path(), u"/delay/0.1"_s);
        spec.base.urls = {url(u"/get"_s)};
        QVERIFY(spec.validate().contains(u"/delay/N"_s));
    }

    void statistics()
    {
        const SweepStat s = sweepStat({5, 1, 3, 2, 4});
        QCOMPARE(s.count, 5);
        QCOMPARE(s.median, 3.0);
        QCOMPARE(s.min, 1.0);
        QCOMPARE(s.max, 5.0);
        QCOMPARE(s.q1, 2.0);
        QCOMPARE(s.q3, 4.0);
        QCOMPARE(sweepStat({1, 2}).median, 1.5);
    }

    // tasks = 1, 2, 4 x async, sequential x 2 repeats: 12 runs in order, each with its knob,
    // its trace kept, a CSV row each, one aggregate per (strategy, value) with its median.
    void smallSweepRunsEveryPoint()
    {
        Sweep sweep;
        sweep.setServer(&m_server);
        QSignalSpy landed(&sweep, &Sweep::pointFinished);
        QSignalSpy done(&sweep, &Sweep::finished);
        const SweepSpec spec = smallSweep();
        const double before = estimateSweepMs(spec, {});
        QVERIFY(before > 0);
        QCOMPARE(sweep.start(spec), QString());
        QVERIFY(done.wait(120000));
        QCOMPARE(landed.size(), 12);
        const QList<SweepPoint> &points = sweep.points();
        QCOMPARE(points.size(), 12);
        QVERIFY(!sweep.result().stopped);
        for (int i = 0; i < 12; ++i) {
            const SweepPoint &p = points.at(i);
            QCOMPARE(landed.at(i).at(0).toInt(), i);
            QCOMPARE(p.valueIndex, i / 4);
            QCOMPARE(p.repeat, (i / 2) % 2);
            QCOMPARE(p.strategy, i % 2 ? Strategy::Sequential : Strategy::Async);
            QCOMPARE(p.trace.tasks.size(), qsizetype(p.value));
            QCOMPARE(p.summary.tasks, int(p.value));
            QCOMPARE(p.summary.ok, int(p.value));
            QCOMPARE(p.trace.strategy, strategyName(p.strategy));
        }
        const QList<SweepAggregate> aggregates = aggregateSweep(spec, points);
        QCOMPARE(aggregates.size(), 6);
        for (const SweepAggregate &a : aggregates) {
            QCOMPARE(a.repeats, 2);
            QVERIFY(a.wallMs.min <= a.wallMs.median && a.wallMs.median <= a.wallMs.max);
        }
        // Sequential 4 x 50 ms takes about four times async's one wave.
        QVERIFY(aggregates.at(5).wallMs.median > aggregates.at(2).wallMs.median);

        const QList<QStringList> rows = parseCsv(sweepCsv(sweep.result()));
        QCOMPARE(rows.size(), 13);
        QCOMPARE(rows.at(0).join(u','),
                 u"strategy,knob,value,repeat,wall_ms,sum_ms,speedup,lag_max_ms,lag_p99_ms,ok,"
                 "failed,timeouts,cancelled"_s);
        QCOMPARE(rows.at(12).mid(0, 4), (QStringList{u"sequential"_s, u"tasks"_s, u"4"_s, u"2"_s}));
        QCOMPARE(rows.at(12).at(9), u"4"_s);
        const QByteArray json = sweepSummaryJson(sweep.result(), sweep.elapsedMs());
        QVERIFY2(json.contains("\"points\":12") && json.contains("\"stopped\":false"), json);
        QVERIFY(sweepPointJson(spec, points.at(3))
                    .endsWith("\"sweep_knob\":\"tasks\",\"sweep_value\":1,\"sweep_repeat\":2}"));
        QVERIFY(sweep.runsWallMs() > 0 && sweep.runsWallMs() <= sweep.elapsedMs());
    }

    // Server capacity is the embedded server's own: set for each point, restored after.
    void serverCapacityKnob()
    {
        Sweep sweep;
        sweep.setServer(&m_server);
        SweepSpec spec = smallSweep();
        spec.base.tasks = 4;
        spec.knob = SweepKnob::ServerCapacity;
        spec.values = {1, 4};
        spec.strategies = {Strategy::Async};
        spec.repeat = 1;
        QSignalSpy done(&sweep, &Sweep::finished);
        QList<int> seen;
        connect(&sweep, &Sweep::pointStarted, this, [&]() { seen.append(m_server.capacity()); });
        QCOMPARE(sweep.start(spec), QString());
        QVERIFY(done.wait(60000));
        QCOMPARE(seen, (QList<int>{1, 4}));
        QCOMPARE(m_server.capacity(), 0);
        // One at a time: four 50 ms requests in about four waves, against one wave.
        QVERIFY(sweep.points().at(0).summary.wallMs > sweep.points().at(1).summary.wallMs);
        Sweep serverless;
        QVERIFY(!serverless.start(spec).isEmpty());
    }

    // Stop mid-sweep: the points done (and the stopped one) are kept, the rest never run.
    void stopKeepsThePointsDone()
    {
        Sweep sweep;
        SweepSpec spec = smallSweep();
        spec.base.urls = {url(u"/delay/0.3"_s)};
        spec.values = {1, 2, 3};
        spec.strategies = {Strategy::Sequential};
        spec.repeat = 1;
        QSignalSpy done(&sweep, &Sweep::finished);
        connect(&sweep, &Sweep::pointStarted, this, [&](int index) {
            if (index == 1)
                QTimer::singleShot(100, &sweep, &Sweep::stop);
        });
        QCOMPARE(sweep.start(spec), QString());
        QVERIFY(done.wait(60000));
        QVERIFY(sweep.result().stopped);
        QCOMPARE(sweep.points().size(), 2);
        QVERIFY(!sweep.points().at(0).summary.stopped);
        QCOMPARE(sweep.points().at(0).summary.ok, 1);
        QVERIFY(sweep.points().at(1).summary.stopped);
        QVERIFY(!sweep.isRunning());
    }

    // A saved sweep reads back as one: its knob, values, strategies, repeat and every point's
    // trace (each with its own task count), in order.
    void damagedSweepRefused_data();
    void damagedSweepRefused();

    void saveAndReopen()
    {
        Sweep sweep;
        SweepSpec spec = smallSweep();
        spec.repeat = 1;
        QSignalSpy done(&sweep, &Sweep::finished);
        QCOMPARE(sweep.start(spec), QString());
        QVERIFY(done.wait(120000));
        RunRecord record = recordOfRuns(spec.base, spec.serverCapacity, {}, {});
        record.sweep = sweep.result();
        QTemporaryDir dir;
        const QString path = dir.filePath(u"sweep.coroscope"_s);
        QString error;
        QVERIFY2(saveRunFile(path, record, &error), qPrintable(error));
        // Format 1.5: a reader before sweeps says the file is newer, not that it holds no run.
        QVERIFY(encodeRunFile(record).startsWith("COROSCOPE-RUN 1.5 "));
        RunRecord back;
        QCOMPARE(loadRunFile(path, &back, &error), RunFile::Error::None);
        QVERIFY(back.isSweep());
        QCOMPARE(back.sweep.spec.knob, SweepKnob::Tasks);
        QCOMPARE(back.sweep.spec.values, spec.values);
        QCOMPARE(back.sweep.spec.strategies, spec.strategies);
        QCOMPARE(back.sweep.spec.repeat, 1);
        QCOMPARE(back.sweep.points.size(), 6);
        for (int i = 0; i < 6; ++i) {
            const SweepPoint &a = sweep.points().at(i);
            const SweepPoint &b = back.sweep.points.at(i);
            QCOMPARE(b.value, a.value);
            QCOMPARE(b.strategy, a.strategy);
            QCOMPARE(b.repeat, a.repeat);
            QCOMPARE(b.trace.events.size(), a.trace.events.size());
            QCOMPARE(b.summary.wallMs, a.summary.wallMs);
        }
        QCOMPARE(sweepCsv(back.sweep), sweepCsv(sweep.result()));
    }
};

// A sweep's header that does not describe its points is refused, never guessed at.
void TestSweep::damagedSweepRefused_data()
{
    QTest::addColumn<QByteArray>("from");
    QTest::addColumn<QByteArray>("to");
    QTest::addColumn<QString>("words");
    QTest::newRow("unknown knob") << QByteArray("\"knob\":\"tasks\"")
                                  << QByteArray("\"knob\":\"speed\"") << u"sweep.knob"_s;
    QTest::newRow("repeat 0") << QByteArray("\"repeat\":1,\"stopped\"")
                              << QByteArray("\"repeat\":0,\"stopped\"") << u"sweep.repeat"_s;
    QTest::newRow("a value a run refuses")
        << QByteArray("\"values\":[1,2]") << QByteArray("\"values\":[1,0]") << u"outside"_s;
    QTest::newRow("tasks not the knob's value")
        << QByteArray("\"tasks\":1,\"value\":0}") << QByteArray("\"tasks\":2,\"value\":0}")
        << u"points"_s;
    QTest::newRow("a point more than the header says")
        << QByteArray("\"points\":[") << QByteArray("drop the last") << u"sweep points"_s;
}

void TestSweep::damagedSweepRefused()
{
    QFETCH(QByteArray, from);
    QFETCH(QByteArray, to);
    QFETCH(QString, words);
    static QByteArray bytes;
    if (bytes.isEmpty()) {
        Sweep sweep;
        SweepSpec spec = smallSweep();
        spec.values = {1, 2};
        spec.strategies = {Strategy::Async};
        spec.repeat = 1;
        QSignalSpy done(&sweep, &Sweep::finished);
        QCOMPARE(sweep.start(spec), QString());
        QVERIFY(done.wait(60000));
        RunRecord record = recordOfRuns(spec.base, 0, {}, {});
        record.sweep = sweep.result();
        bytes = encodeRunFile(record);
    }
    RunRecord back;
    QString reason;
    QCOMPARE(decodeRunFile(bytes, &back, &reason), RunFile::Error::None);
    const qsizetype lineEnd = bytes.indexOf('\n', bytes.indexOf('\n') + 1);
    QByteArray header = bytes.left(lineEnd);
    QVERIFY2(header.contains(from), header.constData());
    if (to == "drop the last") {
        const qsizetype start = header.indexOf('{');
        QJsonObject json = QJsonDocument::fromJson(header.mid(start)).object();
        QJsonObject sweep = json.value(u"sweep"_s).toObject();
        QJsonArray points = sweep.value(u"points"_s).toArray();
        points.removeLast();
        sweep.insert(u"points"_s, points);
        json.insert(u"sweep"_s, sweep);
        header = header.left(start) + QJsonDocument(json).toJson(QJsonDocument::Compact);
    } else {
        header.replace(header.indexOf(from), from.size(), to);
    }
    const QByteArray damaged = header + bytes.mid(lineEnd);
    QCOMPARE(decodeRunFile(damaged, &back, &reason), RunFile::Error::Corrupt);
    QVERIFY2(reason.contains(words), qPrintable(reason));
}

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
