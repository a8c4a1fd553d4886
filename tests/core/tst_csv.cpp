#include "io/csv.h"
#include "trace/summary.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

class TestCsv : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void textCell_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain text untouched") << u"hello"_s << u"hello"_s;
        QTest::newRow("comma is quoted") << u"a,b"_s << u"\"a,b\""_s;
        QTest::newRow("quote is doubled") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
        QTest::newRow("newline is quoted") << u"a\nb"_s << u"\"a\nb\""_s;
        QTest::newRow("formula = neutralised") << u"=1+1"_s << u"'=1+1"_s;
        QTest::newRow("formula + neutralised") << u"+cmd"_s << u"'+cmd"_s;
        QTest::newRow("formula - neutralised") << u"-2"_s << u"'-2"_s;
        QTest::newRow("formula @ neutralised") << u"@SUM(A1)"_s << u"'@SUM(A1)"_s;
        QTest::newRow("leading tab neutralised") << u"\tx"_s << u"'\tx"_s;
        QTest::newRow("leading CR neutralised and quoted") << u"\rx"_s << u"\"'\rx\""_s;
        QTest::newRow("formula with comma both")
            << u"=HYPERLINK(\"x\",\"y\")"_s << u"\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""_s;
        QTest::newRow("empty stays empty") << QString() << QString();
        // Text from a run file or a server: no escape sequence reaches a terminal showing it.
        QTest::newRow("terminal escapes dropped")
            << u"\x1b]0;pwned\x07\x1b[2Jok"_s << u"]0;pwned[2Jok"_s;
        QTest::newRow("C1 controls and DEL dropped") << u"a\u009b31mb\x7f"_s << u"a31mb"_s;
        QTest::newRow("bidi override dropped") << u"abc\u202Etxt.exe"_s << u"abctxt.exe"_s;
        QTest::newRow("escape before a formula still neutralised") << u"\x1b=1+1"_s << u"'=1+1"_s;
    }
    void textCell()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        QCOMPARE(csvTextCell(input), expected);
    }

    void roundTrip()
    {
        const QStringList cells{u"a,b"_s, u"x\"y"_s, u"multi\nline"_s, u"plain"_s};
        QString line;
        for (const QString &c : cells)
            line += (line.isEmpty() ? QString() : u","_s) + csvTextCell(c);
        const QList<QStringList> rows = parseCsv((line + u"\r\n"_s).toUtf8());
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first(), cells);
    }

    void tasksAndSegmentsFromTrace()
    {
        Trace t;
        t.strategy = u"async"_s;
        t.urls = {u"http://127.0.0.1:1/=evil,url"_s};
        t.labels = {QString(), u"await reply"_s};
        t.tasks.resize(2);
        t.tasks[0].result = TaskResult::Ok;
        t.tasks[0].httpStatus = 200;
        t.tasks[0].bytes = 42;
        t.tasks[1].result = TaskResult::Error;
        t.tasks[1].error = u"=cmd|' /C calc'!A0"_s;
        const qint64 ms = 1000000;
        using K = EventKind;
        for (const TraceEvent &e :
             {TraceEvent{0, 0, K::Created}, TraceEvent{0, 1, K::Created},
              TraceEvent{1 * ms, 0, K::Admitted}, TraceEvent{2 * ms, 0, K::Suspended, 0, 1},
              TraceEvent{1002 * ms + 123456, 0, K::Resumed, 0, 1},
              TraceEvent{1003 * ms, 0, K::Finished}, TraceEvent{1004 * ms, 1, K::Finished}})
            t.events.append(e);
        t.endNs = 1004 * ms;

        const QList<QStringList> tasks = parseCsv(tasksCsv(t));
        QCOMPARE(tasks.size(), 3);
        QCOMPARE(tasks[0].join(u','), QLatin1String(TasksCsvHeader));
        QCOMPARE(tasks[1].size(), 31);
        // A workload's task has no name, coroutine, parent or creation site (a recording's has).
        QCOMPARE(tasks[1].mid(27), QStringList({QString(), QString(), QString(), QString()}));
        QCOMPARE(tasks[1][1], u"http://127.0.0.1:1/=evil,url"_s);
        QCOMPARE(tasks[1][3], u"ok"_s);
        QCOMPARE(tasks[1][4], u"200"_s);
        QCOMPARE(tasks[1][5], u"42"_s);
        QCOMPARE(tasks[1][9], u"1.000"_s); // pending
        QCOMPARE(tasks[1][11], u"1000.123"_s); // suspended, 3 decimals
        QCOMPARE(tasks[1][12], u"1003.000"_s); // total
        QCOMPARE(tasks[2][3], u"error"_s);
        QCOMPARE(tasks[2][13], u"'=cmd|' /C calc'!A0"_s);
        QCOMPARE(tasks[1][14], QString()); // no server queue reported
        QCOMPARE(tasks[1][15], QString()); // no network moments recorded: no phases

        const QList<QStringList> segments = parseCsv(segmentsCsv(t));
        QCOMPARE(segments[0].join(u','), QLatin1String(SegmentsCsvHeader));
        // pending(0), pending(1), running(0), suspended(0), running(0): time order
        QCOMPARE(segments.size(), 6);
        QCOMPARE(segments[4][1], u"suspended"_s);
        QCOMPARE(segments[4][2], u"await reply"_s);
        QCOMPARE(segments[4][5], u"1000.123"_s);
    }

    void atomicWriteKeepsOldFileOnFailure()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"out.csv"_s);
        QString error;
        QVERIFY(writeFileAtomically(path, "old", &error));
        QVERIFY(!writeFileAtomically(dir.filePath(u"missing/dir/out.csv"_s), "new", &error));
        QVERIFY(error.contains(u"missing/dir/out.csv"_s));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("old"));
    }

    void compareHeader()
    {
        RunSummary s;
        s.strategy = u"async"_s;
        s.tasks = 10;
        s.ok = 9;
        s.wallMs = 1000;
        s.sumMs = 9000;
        s.speedup = 9;
        s.baseline = Baseline::Server;
        s.avgInFlight = 9.5;
        RunSummary stopped = s;
        stopped.speedup.reset();
        stopped.sumMs.reset();
        stopped.baseline = Baseline::None;
        stopped.stopped = true;
        const QList<QStringList> rows = parseCsv(compareCsv({s, stopped}));
        QCOMPARE(rows[0].join(u','), QLatin1String(CompareCsvHeader));
        QCOMPARE(
            rows[1],
            (QStringList{u"async"_s, u"10"_s, u"9"_s, u"1"_s, u"1000.000"_s, u"9000.000"_s,
                         u"0.000"_s, u"9.000"_s, u"9.500"_s, u"false"_s, QString(), u"server"_s}));
        // No speed-up is an empty cell, not 0 and not a made-up figure; nor is its baseline.
        QCOMPARE(rows[2].at(5), QString());
        QCOMPARE(rows[2].at(7), QString());
        QCOMPARE(rows[2].at(11), QString());
        QCOMPARE(rows[2].at(9), u"true"_s);
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "tst_csv.moc"
