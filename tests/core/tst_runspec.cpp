#include "run/runspec.h"

#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

class TestRunSpec : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void checkUrl_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("messageContains");
        QTest::newRow("http accepted") << u"http://127.0.0.1:8765/delay/1"_s << true << QString();
        QTest::newRow("https accepted") << u"https://httpbin.org/get"_s << true << QString();
        QTest::newRow("surrounding blanks trimmed") << u"  http://a/b  "_s << true << QString();
        QTest::newRow("empty rejected") << u"   "_s << false << u"empty"_s;
        QTest::newRow("file scheme rejected") << u"file:///etc/hostname"_s << false << u"file"_s;
        QTest::newRow("data scheme rejected") << u"data:text/plain,hi"_s << false << u"data"_s;
        QTest::newRow("ftp scheme rejected") << u"ftp://example.com/x"_s << false << u"ftp"_s;
        QTest::newRow("no scheme rejected") << u"example.com/x"_s << false << u"example.com/x"_s;
        QTest::newRow("space said in words") << u"not a url"_s << false << u"spaces"_s;
        QTest::newRow("space in a host said in words")
            << u"http://exa mple.com"_s << false << u"cannot contain spaces"_s;
        QTest::newRow("unterminated IPv6") << u"http://[::1"_s << false << u"unterminated IPv6"_s;
        QTest::newRow("IPv6 accepted") << u"http://[::1]:8765/get"_s << true << QString();
        QTest::newRow("port not a number") << u"http://a:8x/"_s << false << u"not a number"_s;
        QTest::newRow("port too big") << u"http://a:99999/"_s << false << u"outside 1-65535"_s;
        QTest::newRow("port zero") << u"http://a:0/"_s << false << u"outside 1-65535"_s;
        QTest::newRow("host:port without scheme")
            << u"localhost:8765/get"_s << false << u"no scheme"_s;
        QTest::newRow("no slashes") << u"http:example.com"_s << false << u"http://"_s;
        QTest::newRow("refused host character named")
            << u"http://exa!mple.com/"_s << false << u"'!'"_s;
        QTest::newRow("quote in a query accepted, as browsers do")
            << u"http://a/anything?q=\"hi\""_s << true << QString();
        QTest::newRow("stray percent sign") << u"http://a/x%zz"_s << false << u"%XX"_s;
        QTest::newRow("braces and pipes accepted") << u"http://a/x?{a|b}"_s << true << QString();
        QTest::newRow("international host accepted")
            << u"http://例子.测试/路径"_s << true << QString();
        QTest::newRow("no host rejected") << u"http:///path"_s << false << u"host"_s;
    }
    void checkUrl()
    {
        QFETCH(QString, input);
        QFETCH(bool, accepted);
        QFETCH(QString, messageContains);
        QUrl url;
        const QString message = Coroscope::checkUrl(input, &url);
        QCOMPARE(message.isEmpty(), accepted);
        if (accepted)
            QCOMPARE(url.scheme().startsWith(u"http"_s), true);
        else
            QVERIFY2(message.contains(messageContains), qPrintable(message));
        // A sentence, never Qt's parser report.
        QVERIFY2(!message.contains(u"source was"_s) && !message.contains(u"Invalid"_s),
                 qPrintable(message));
    }

    void browserToleratedCharactersAreEncoded()
    {
        QUrl url;
        QVERIFY(Coroscope::checkUrl(u"http://a/anything?q=\"hi\"&x=<1>"_s, &url).isEmpty());
        QCOMPARE(url.toString(QUrl::FullyEncoded), u"http://a/anything?q=%22hi%22&x=%3C1%3E"_s);
    }

    void roundRobin()
    {
        RunSpec spec;
        spec.urls = {QUrl(u"http://a/"_s), QUrl(u"http://b/"_s), QUrl(u"http://c/"_s)};
        spec.tasks = 7;
        QCOMPARE(spec.taskUrls(), (QList<quint32>{0, 1, 2, 0, 1, 2, 0}));
    }

    void validate_data()
    {
        QTest::addColumn<int>("tasks");
        QTest::addColumn<int>("concurrency");
        QTest::addColumn<bool>("valid");
        QTest::newRow("defaults valid") << 10 << 0 << true;
        QTest::newRow("max tasks valid") << RunSpec::MaxTasks << 0 << true;
        QTest::newRow("zero tasks invalid") << 0 << 0 << false;
        QTest::newRow("too many tasks invalid") << RunSpec::MaxTasks + 1 << 0 << false;
        QTest::newRow("negative concurrency invalid") << 5 << -1 << false;
    }
    void validate()
    {
        QFETCH(int, tasks);
        QFETCH(int, concurrency);
        QFETCH(bool, valid);
        RunSpec spec;
        spec.urls = {QUrl(u"http://127.0.0.1/"_s)};
        spec.tasks = tasks;
        spec.concurrency = concurrency;
        QCOMPARE(spec.validate().isEmpty(), valid);
    }

    void strategyNamesRoundTrip()
    {
        for (Strategy s : allStrategies()) {
            Strategy back = Strategy::Async;
            QVERIFY(strategyFromName(strategyName(s), &back));
            QCOMPARE(back, s);
        }
        Strategy dummy;
        QVERIFY(!strategyFromName(u"greenlets"_s, &dummy));
    }
};

QTEST_GUILESS_MAIN(TestRunSpec)
#include "tst_runspec.moc"
