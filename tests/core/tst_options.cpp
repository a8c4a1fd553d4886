#include "cli/options.h"

#include <QTemporaryFile>
#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

class TestOptions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("messageContains");
        QTest::newRow("tasks not a number")
            << QStringList{u"--headless"_s, u"--tasks"_s, u"ten"_s} << u"ten"_s;
        QTest::newRow("tasks zero") << QStringList{u"--tasks"_s, u"0"_s} << u"--tasks"_s;
        QTest::newRow("tasks over limit") << QStringList{u"--tasks=100001"_s} << u"100001"_s;
        QTest::newRow("negative timeout") << QStringList{u"--timeout-ms"_s, u"-5"_s} << u"-5"_s;
        QTest::newRow("unknown strategy")
            << QStringList{u"--strategy"_s, u"greenlet"_s} << u"greenlet"_s;
        QTest::newRow("bad url scheme")
            << QStringList{u"--url"_s, u"file:///etc/passwd"_s} << u"file:///etc/passwd"_s;
        QTest::newRow("missing value") << QStringList{u"--tasks"_s} << u"--tasks"_s;
        QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s} << u"--frobnicate"_s;
        QTest::newRow("stray argument") << QStringList{u"http://x/"_s} << u"http://x/"_s;
        QTest::newRow("port out of range")
            << QStringList{u"--serve"_s, u"--port"_s, u"70000"_s} << u"70000"_s;
        QTest::newRow("headless and serve")
            << QStringList{u"--headless"_s, u"--serve"_s} << u"--serve"_s;
        QTest::newRow("missing urls file")
            << QStringList{u"--urls-file"_s, u"/nonexistent/u.txt"_s} << u"/nonexistent/u.txt"_s;
        QTest::newRow("unknown compare strategy")
            << QStringList{u"--compare"_s, u"async,fibers"_s} << u"fibers"_s;
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, messageContains);
        args.prepend(u"coroscope"_s);
        const ParsedArguments parsed = parseArguments(args);
        QVERIFY2(parsed.error.contains(messageContains), qPrintable(parsed.error));
    }

    void headlessDefaults()
    {
        const ParsedArguments parsed = parseArguments({u"coroscope"_s, u"--headless"_s});
        QVERIFY(parsed.error.isEmpty());
        QCOMPARE(parsed.options.mode, CliOptions::Mode::Headless);
        QCOMPARE(parsed.options.spec.tasks, 10);
        QCOMPARE(parsed.options.spec.strategy, Strategy::Async);
        QCOMPARE(parsed.options.spec.timeoutMs, 30000);
        QCOMPARE(parsed.options.urlsGiven, false);
        QCOMPARE(parsed.options.port, quint16(8765));
    }

    void everyOption()
    {
        const ParsedArguments parsed = parseArguments({u"coroscope"_s,
                                                       u"--headless"_s,
                                                       u"--url"_s,
                                                       u"http://127.0.0.1:1/a"_s,
                                                       u"--url=http://b/"_s,
                                                       u"--tasks"_s,
                                                       u"12"_s,
                                                       u"--concurrency"_s,
                                                       u"3"_s,
                                                       u"--connections-per-host"_s,
                                                       u"6"_s,
                                                       u"--timeout-ms"_s,
                                                       u"0"_s,
                                                       u"--server-capacity"_s,
                                                       u"2"_s,
                                                       u"--csv"_s,
                                                       u"t.csv"_s,
                                                       u"--segments-csv"_s,
                                                       u"s.csv"_s,
                                                       u"--strategy"_s,
                                                       u"threads"_s,
                                                       u"--workers"_s,
                                                       u"4"_s});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        const CliOptions &o = parsed.options;
        QCOMPARE(o.spec.urls.size(), 2);
        QCOMPARE(o.spec.tasks, 12);
        QCOMPARE(o.spec.concurrency, 3);
        QCOMPARE(o.spec.connectionsPerHost, 6);
        QCOMPARE(o.spec.timeoutMs, 0);
        QCOMPARE(o.serverCapacity, 2);
        QCOMPARE(o.csvPath, u"t.csv"_s);
        QCOMPARE(o.segmentsCsvPath, u"s.csv"_s);
        QCOMPARE(o.spec.strategy, Strategy::Threads);
        QCOMPARE(o.spec.workers, 4);
    }

    void urlsFileSkipsCommentsAndBlanks()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("# my urls\nhttp://127.0.0.1:1/get\n\n  http://127.0.0.1:1/delay/1  \n");
        file.close();
        const ParsedArguments parsed
            = parseArguments({u"coroscope"_s, u"--headless"_s, u"--urls-file"_s, file.fileName()});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.options.spec.urls.size(), 2);
        QCOMPARE(parsed.options.spec.urls[1].path(), u"/delay/1"_s);
    }

    void serveMode()
    {
        const ParsedArguments parsed = parseArguments(
            {u"coroscope"_s, u"--serve"_s, u"--port"_s, u"0"_s, u"--server-capacity"_s, u"4"_s});
        QVERIFY(parsed.error.isEmpty());
        QCOMPARE(parsed.options.mode, CliOptions::Mode::Serve);
        QCOMPARE(parsed.options.port, quint16(0));
        QCOMPARE(parsed.options.serverCapacity, 4);
    }
};

QTEST_GUILESS_MAIN(TestOptions)
#include "tst_options.moc"
