// coroscope --headless --sweep, driven as a script drives it, against the test's own embedded
// server on loopback: a JSON line per point and the sweep's last, the CSV's rows, the run file
// that reopens as a sweep, and bad knobs, values and combinations refused (exit 2, in words)
// before anything runs.
#include "io/csv.h"
#include "io/runfile.h"
#include "server/testserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

class TestSweepCli : public QObject
{
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_dir;

    QString url(const QString &path) const
    {
        QUrl u = m_server.baseUrl();
        u.setPath(path);
        return u.toString();
    }
    QString file(const QString &name) const { return m_dir.filePath(name); }

    struct Result
    {
        int status = -1;
        QByteArray out;
        QByteArray err;
    };
    Result run(const QStringList &args)
    {
        QProcess process;
        process.start(QStringLiteral(COROSCOPE_EXE), QStringList{u"--port"_s, u"0"_s} + args);
        process.waitForFinished(120000);
        return {process.exitCode(), process.readAllStandardOutput(),
                process.readAllStandardError()};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(0), qPrintable(m_server.errorString()));
    }

    void sweepWritesEveryPoint()
    {
        const qint64 before = m_server.stats().requests;
        const Result r = run({u"--headless"_s, u"--url"_s, url(u"/delay/0.05"_s), u"--sweep"_s,
                              u"tasks=1,2,4"_s, u"--compare"_s, u"async,sequential"_s,
                              u"--repeat"_s, u"2"_s, u"--no-alone-measurement"_s, u"--sweep-csv"_s,
                              file(u"sweep.csv"_s), u"--save"_s, file(u"sweep.coroscope"_s)});
        QVERIFY2(r.status == 0, r.err.constData());
        // 2 x (1 + 2 + 4) x 2 requests, all to this server.
        QCOMPARE(m_server.stats().requests - before, 28);
        QVERIFY2(r.err.contains("12 runs, about"), r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 13);
        for (int i = 0; i < 12; ++i) {
            const QJsonObject o = QJsonDocument::fromJson(lines.at(i)).object();
            QCOMPARE(o.value(u"sweep_knob"_s).toString(), u"tasks"_s);
            const QList<int> values{1, 2, 4};
            QCOMPARE(o.value(u"sweep_value"_s).toInt(), values.at(i / 4));
            QCOMPARE(o.value(u"sweep_repeat"_s).toInt(), (i / 2) % 2 + 1);
            QCOMPARE(o.value(u"tasks"_s).toInt(), o.value(u"sweep_value"_s).toInt());
            QCOMPARE(o.value(u"ok"_s).toInt(), o.value(u"tasks"_s).toInt());
        }
        const QJsonObject last = QJsonDocument::fromJson(lines.constLast()).object();
        QCOMPARE(last.value(u"sweep"_s).toString(), u"tasks"_s);
        QCOMPARE(last.value(u"points"_s).toInt(), 12);
        QCOMPARE(last.value(u"median_wall_ms"_s).toObject().value(u"sequential"_s).toArray().size(),
                 3);

        QFile csv(file(u"sweep.csv"_s));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QByteArray csvBytes = csv.readAll();
        const QList<QStringList> rows = parseCsv(csvBytes);
        QCOMPARE(rows.size(), 13);
        QCOMPARE(rows.at(0).size(), 13);
        QCOMPARE(rows.at(1).mid(0, 4), (QStringList{u"async"_s, u"tasks"_s, u"1"_s, u"1"_s}));
        QCOMPARE(rows.at(12).mid(0, 4), (QStringList{u"sequential"_s, u"tasks"_s, u"4"_s, u"2"_s}));

        // The run file reopens as the same sweep: the same CSV, the same point lines.
        RunRecord record;
        QString error;
        QCOMPARE(loadRunFile(file(u"sweep.coroscope"_s), &record, &error), RunFile::Error::None);
        QVERIFY(record.isSweep());
        QCOMPARE(record.sweep.points.size(), 12);
        const Result opened = run({u"--headless"_s, u"--open"_s, file(u"sweep.coroscope"_s),
                                   u"--sweep-csv"_s, file(u"again.csv"_s)});
        QVERIFY2(opened.status == 0, opened.err.constData());
        QFile again(file(u"again.csv"_s));
        QVERIFY(again.open(QIODevice::ReadOnly));
        QCOMPARE(again.readAll(), csvBytes);
        QCOMPARE(opened.out.trimmed().split('\n').mid(0, 12), lines.mid(0, 12));
    }

    void refusals_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("words");
        QTest::newRow("unknown knob")
            << QStringList{u"--sweep"_s, u"speed=1,2"_s} << u"unknown sweep knob \"speed\""_s;
        QTest::newRow("bad value")
            << QStringList{u"--sweep"_s, u"tasks=1,0"_s} << u"outside 1 to 100000"_s;
        QTest::newRow("fraction") << QStringList{u"--sweep"_s, u"workers=1.5"_s}
                                  << u"not a whole number"_s;
        QTest::newRow("twice") << QStringList{u"--sweep"_s, u"tasks=1"_s, u"--sweep"_s,
                                              u"workers=1"_s}
                               << u"--sweep is given twice"_s;
        QTest::newRow("--repeat alone")
            << QStringList{u"--headless"_s, u"--repeat"_s, u"3"_s} << u"--repeat needs --sweep"_s;
        QTest::newRow("--repeat 0")
            << QStringList{u"--sweep"_s, u"tasks=1"_s, u"--repeat"_s, u"0"_s} << u"for --repeat"_s;
        QTest::newRow("--sweep-csv alone")
            << QStringList{u"--headless"_s, u"--sweep-csv"_s, u"x.csv"_s}
            << u"--sweep-csv needs --sweep"_s;
        QTest::newRow("per-run export")
            << QStringList{u"--sweep"_s, u"tasks=1"_s, u"--csv"_s, u"x.csv"_s}
            << u"--csv writes one run's file"_s;
        QTest::newRow("too many runs")
            << QStringList{u"--sweep"_s, u"tasks=1..100"_s, u"--repeat"_s, u"11"_s}
            << u"more than 1000"_s;
    }
    void refusals()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, words);
        const qint64 before = m_server.stats().requests;
        const Result r = run(args);
        QCOMPARE(r.status, 2);
        QVERIFY2(QString::fromLocal8Bit(r.err).contains(words), r.err.constData());
        QVERIFY(r.out.isEmpty());
        QCOMPARE(m_server.stats().requests, before);
    }

    // Known only once the workload is: `delay` without a /delay/N URL of the embedded server.
    void delayWithoutADelayUrl()
    {
        const Result r
            = run({u"--headless"_s, u"--url"_s, url(u"/get"_s), u"--sweep"_s, u"delay=0,0.1"_s});
        QCOMPARE(r.status, 2);
        QVERIFY2(r.err.contains("the workload has none"), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSweepCli)
#include "tst_sweepcli.moc"
