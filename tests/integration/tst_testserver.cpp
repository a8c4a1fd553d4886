// The embedded server's answers as an HTTP client (QNAM) sees them: routes, timing, ports,
// capacity and aborted clients. Its connections seen from a raw socket: tst_serverconnections.
#include "server/testserver.h"
#include "trace/serverreport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTcpServer>
#include <QTest>

#include <algorithm>
#include <memory>
#include <vector>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {

// One request observed from the client side, with the times its body started and ended.
struct Fetch
{
    QElapsedTimer clock;
    QNetworkReply *reply = nullptr;
    qint64 firstByteMs = -1;
    qint64 finishedMs = -1;
    QByteArray body;

    ~Fetch()
    {
        if (reply)
            reply->deleteLater();
    }
    bool finished() const { return finishedMs >= 0; }
    int status() const
    {
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }
    qint64 queuedMs() const { return report().queuedMs; }
    ServerReport report() const { return parseServerReport(reply->rawHeader(ServerReportHeader)); }
};

std::unique_ptr<Fetch> fetch(QNetworkAccessManager &nam, const QUrl &url)
{
    auto result = std::make_unique<Fetch>();
    Fetch *f = result.get();
    QNetworkRequest request(url);
    // The server's own answer is under test, not where QNAM would be sent next.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    f->clock.start();
    f->reply = nam.get(request);
    QObject::connect(f->reply, &QNetworkReply::readyRead, f->reply, [f] {
        if (f->firstByteMs < 0)
            f->firstByteMs = f->clock.elapsed();
        f->body += f->reply->readAll();
    });
    QObject::connect(f->reply, &QNetworkReply::finished, f->reply, [f] {
        if (f->reply->isOpen()) // an aborted reply is closed
            f->body += f->reply->readAll();
        f->finishedMs = f->clock.elapsed();
    });
    return result;
}

bool allFinished(const std::vector<std::unique_ptr<Fetch>> &fetches)
{
    return std::all_of(fetches.cbegin(), fetches.cend(),
                       [](const auto &f) { return f->finished(); });
}

} // namespace

class TestServerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void answers_data();
    void answers();
    void getEchoesRequest_data();
    void getEchoesRequest();
    void delayTiming_data();
    void delayTiming();
    void dripTrickles_data();
    void dripTrickles();
    void portChoice_data();
    void portChoice();
    void capacityQueues_data();
    void capacityQueues();
    void clientAbortMidDelay();
    void abortFreesSlot_data();
    void abortFreesSlot();

private:
    QUrl url(const QString &pathAndQuery) const
    {
        return m_server.baseUrl().resolved(QUrl(pathAndQuery));
    }

    TestServer m_server;
    QNetworkAccessManager m_nam;
};

void TestServerTest::initTestCase()
{
    QVERIFY2(m_server.start(0), qPrintable(m_server.errorString()));
    QVERIFY(m_server.isRunning());
    QVERIFY(m_server.port() != 0);
}

void TestServerTest::cleanupTestCase()
{
    m_server.stop();
    QVERIFY(!m_server.isRunning());
}

void TestServerTest::answers_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<qint64>("bodySize"); // -1: not checked
    QTest::addColumn<int>("jsonLines"); // -1: not checked
    QTest::addColumn<QByteArray>("location");

    QTest::newRow("delay above 10 s is rejected")
        << u"/delay/11"_s << 400 << -1LL << -1 << QByteArray();
    QTest::newRow("delay that is not a number is rejected")
        << u"/delay/abc"_s << 400 << -1LL << -1 << QByteArray();
    QTest::newRow("negative delay is rejected")
        << u"/delay/-1"_s << 400 << -1LL << -1 << QByteArray();
    QTest::newRow("status answers the asked code with no body")
        << u"/status/418"_s << 418 << 0LL << -1 << QByteArray();
    QTest::newRow("status that is not a number is rejected")
        << u"/status/abc"_s << 400 << -1LL << -1 << QByteArray();
    QTest::newRow("status out of range is rejected")
        << u"/status/600"_s << 400 << -1LL << -1 << QByteArray();
    QTest::newRow("redirect status points at get")
        << u"/status/302"_s << 302 << 0LL << -1 << QByteArray("/get");
    QTest::newRow("bytes answers exactly n bytes")
        << u"/bytes/1000"_s << 200 << 1000LL << -1 << QByteArray();
    QTest::newRow("bytes of odd length answers exactly n bytes")
        << u"/bytes/7?seed=3"_s << 200 << 7LL << -1 << QByteArray();
    QTest::newRow("bytes above 10 MiB is rejected")
        << u"/bytes/10485761"_s << 400 << -1LL << -1 << QByteArray();
    QTest::newRow("stream answers one JSON line per item")
        << u"/stream/3"_s << 200 << -1LL << 3 << QByteArray();
    QTest::newRow("stream is capped at 100 lines like httpbin")
        << u"/stream/500"_s << 200 << -1LL << 100 << QByteArray();
    QTest::newRow("drip with zero bytes is rejected")
        << u"/drip?numbytes=0"_s << 400 << -1LL << -1 << QByteArray();
    QTest::newRow("drip longer than 60 s is rejected")
        << u"/drip?duration=61"_s << 400 << -1LL << -1 << QByteArray();
    QTest::newRow("unknown path is 404") << u"/nope"_s << 404 << -1LL << -1 << QByteArray();
    QTest::newRow("extra path segment is 404")
        << u"/delay/1/2"_s << 404 << -1LL << -1 << QByteArray();
}

void TestServerTest::answers()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(qint64, bodySize);
    QFETCH(int, jsonLines);
    QFETCH(QByteArray, location);

    const auto f = fetch(m_nam, url(path));
    QTRY_VERIFY_WITH_TIMEOUT(f->finished(), 5000);
    QCOMPARE(f->status(), status);
    // Unqueued requests say so explicitly: clients rely on the header being there.
    QCOMPARE(f->report().queuedMs, 0);
    QVERIFY(f->report().active >= 1);
    if (bodySize >= 0)
        QCOMPARE(f->body.size(), bodySize);
    if (jsonLines >= 0) {
        QVERIFY(f->body.endsWith('\n'));
        const QList<QByteArray> lines = f->body.chopped(1).split('\n');
        QCOMPARE(lines.size(), jsonLines);
        for (int i = 0; i < lines.size(); ++i) {
            QJsonParseError error;
            const QJsonObject line = QJsonDocument::fromJson(lines.at(i), &error).object();
            QCOMPARE(error.error, QJsonParseError::NoError);
            QCOMPARE(line.value(u"id").toInt(-1), i);
            QVERIFY(line.value(u"url").toString().endsWith(path));
        }
    }
    if (!location.isNull())
        QCOMPARE(f->reply->rawHeader("Location"), location);
    if (status == 400) // the client learns why
        QVERIFY(!QJsonDocument::fromJson(f->body).object().value(u"error").toString().isEmpty());
}

void TestServerTest::getEchoesRequest_data()
{
    QTest::addColumn<QString>("pathAndQuery");
    QTest::addColumn<QJsonObject>("args");

    QTest::newRow("no query gives empty args") << u"/get"_s << QJsonObject();
    QTest::newRow("query items become args")
        << u"/get?a=1&b=x"_s << QJsonObject{{u"a"_s, u"1"_s}, {u"b"_s, u"x"_s}};
    QTest::newRow("repeated key becomes an array")
        << u"/get?k=1&k=2"_s << QJsonObject{{u"k"_s, QJsonArray{u"1"_s, u"2"_s}}};
    QTest::newRow("percent-encoded value is decoded")
        << u"/get?q=a%20b"_s << QJsonObject{{u"q"_s, u"a b"_s}};
}

void TestServerTest::getEchoesRequest()
{
    QFETCH(QString, pathAndQuery);
    QFETCH(QJsonObject, args);

    const QUrl target = url(pathAndQuery);
    const auto f = fetch(m_nam, target);
    QTRY_VERIFY_WITH_TIMEOUT(f->finished(), 5000);
    QCOMPARE(f->status(), 200);
    QCOMPARE(f->reply->header(QNetworkRequest::ContentTypeHeader).toString(),
             u"application/json"_s);
    const QJsonObject json = QJsonDocument::fromJson(f->body).object();
    QCOMPARE(json.value(u"url").toString(), target.toString(QUrl::FullyEncoded));
    QCOMPARE(json.value(u"args").toObject(), args);
    QCOMPARE(json.value(u"origin").toString(), u"127.0.0.1"_s);
    const QJsonObject headers = json.value(u"headers").toObject();
    QCOMPARE(headers.value(u"Host").toString(), target.authority());
    QVERIFY(headers.contains(u"User-Agent"));
}

void TestServerTest::delayTiming_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<qint64>("minMs");

    QTest::newRow("fractional delay waits that long") << u"/delay/0.2"_s << 200LL;
    QTest::newRow("zero delay answers at once") << u"/delay/0"_s << 0LL;
}

void TestServerTest::delayTiming()
{
    QFETCH(QString, path);
    QFETCH(qint64, minMs);

    // Not much longer than asked, as ratios rather than a bound in ms: under twice the delay
    // asked, and before a delay twice as long (plus 0.2 s) sent at the same moment (for
    // /delay/0, where twice nothing is no bound).
    const qint64 peerMs = 2 * minMs + 200;
    const auto peer = fetch(m_nam, url(u"/delay/%1"_s.arg(double(peerMs) / 1000)));
    const auto f = fetch(m_nam, url(path));
    QTRY_VERIFY_WITH_TIMEOUT(f->finished() && peer->finished(), 5000);
    QCOMPARE(f->status(), 200);
    QCOMPARE(peer->status(), 200);
    QVERIFY2(f->finishedMs >= minMs, qPrintable(u"took %1 ms"_s.arg(f->finishedMs)));
    if (minMs > 0)
        QVERIFY2(f->finishedMs < 2 * minMs, qPrintable(u"took %1 ms"_s.arg(f->finishedMs)));
    QVERIFY2(f->finishedMs < peer->finishedMs,
             qPrintable(u"took %1 ms, the %2 ms delay %3 ms"_s.arg(f->finishedMs)
                            .arg(peerMs)
                            .arg(peer->finishedMs)));
    const QJsonObject json = QJsonDocument::fromJson(f->body).object();
    QVERIFY(json.value(u"url").toString().endsWith(path));
    QVERIFY(json.contains(u"headers"));
}

void TestServerTest::dripTrickles_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<qint64>("minTotalMs");
    QTest::addColumn<qint64>("minFirstByteMs");
    QTest::addColumn<qint64>("durationMs");

    QTest::newRow("bytes spread over the duration, first well before the end")
        << u"numbytes=5&duration=0.5"_s << QByteArray("*****") << 450LL << 0LL << 500LL;
    QTest::newRow("delay holds back the first byte")
        << u"numbytes=2&duration=0.2&delay=0.3"_s << QByteArray("**") << 480LL << 300LL << 200LL;
}

void TestServerTest::dripTrickles()
{
    QFETCH(QString, query);
    QFETCH(QByteArray, body);
    QFETCH(qint64, minTotalMs);
    QFETCH(qint64, minFirstByteMs);
    QFETCH(qint64, durationMs);

    const auto f = fetch(m_nam, url(u"/drip?"_s + query));
    QTRY_VERIFY_WITH_TIMEOUT(f->finished(), 5000);
    QCOMPARE(f->status(), 200);
    QCOMPARE(f->body, body);
    QVERIFY2(f->finishedMs >= minTotalMs, qPrintable(u"took %1 ms"_s.arg(f->finishedMs)));
    // Trickled, not sent at the end: the first byte came at least a quarter of the duration
    // before the last (bytes go out in duration / numbytes steps after the delay; the two
    // moments measured in the same fetch, not against a bound in ms).
    QVERIFY2(
        f->firstByteMs >= minFirstByteMs && f->firstByteMs <= f->finishedMs - durationMs / 4,
        qPrintable(
            u"first byte at %1 ms, finished at %2 ms"_s.arg(f->firstByteMs).arg(f->finishedMs)));
}

void TestServerTest::portChoice_data()
{
    QTest::addColumn<bool>("occupied");

    QTest::newRow("free preferred port is used") << false;
    QTest::newRow("busy preferred port falls back to another") << true;
}

void TestServerTest::portChoice()
{
    QFETCH(bool, occupied);

    QTcpServer blocker;
    QVERIFY(blocker.listen(QHostAddress::LocalHost, 0));
    const quint16 preferred = blocker.serverPort();
    if (!occupied)
        blocker.close();

    TestServer server;
    QVERIFY2(server.start(preferred), qPrintable(server.errorString()));
    QVERIFY(server.isRunning());
    QVERIFY(server.port() != 0);
    QCOMPARE(server.port() == preferred, !occupied);
    QCOMPARE(server.baseUrl().port(), int(server.port()));

    QNetworkAccessManager nam;
    const auto f = fetch(nam, server.baseUrl().resolved(QUrl(u"/get"_s)));
    QTRY_VERIFY_WITH_TIMEOUT(f->finished(), 5000);
    QCOMPARE(f->status(), 200);

    server.stop();
    QVERIFY(!server.isRunning());
    QCOMPARE(server.port(), quint16(0));
}

void TestServerTest::capacityQueues_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<qint64>("minTotalMs");
    QTest::addColumn<int>("maxActive");
    QTest::addColumn<qint64>("minLastQueuedMs");
    QTest::addColumn<qint64>("maxLastQueuedMs");

    // Six is QNAM's connection limit per host, so all six reach the server at once. The waves
    // are shown by the server's own counts (most handled at once, how long the last queued),
    // the wall time only bounded below by the delays.
    QTest::newRow("capacity 2 serves six requests in three waves")
        << 2 << 850LL << 2 << 401LL << 3 * 300LL;
    QTest::newRow("unlimited capacity serves six requests at once")
        << 0 << 290LL << 6 << 0LL << 0LL;
}

void TestServerTest::capacityQueues()
{
    QFETCH(int, capacity);
    QFETCH(qint64, minTotalMs);
    QFETCH(int, maxActive);
    QFETCH(qint64, minLastQueuedMs);
    QFETCH(qint64, maxLastQueuedMs);

    TestServer server;
    QVERIFY2(server.start(0, capacity), qPrintable(server.errorString()));
    QCOMPARE(server.capacity(), capacity);

    QNetworkAccessManager nam;
    std::vector<std::unique_ptr<Fetch>> fetches;
    for (int i = 0; i < 6; ++i)
        fetches.push_back(fetch(nam, server.baseUrl().resolved(QUrl(u"/delay/0.3"_s))));
    QTRY_VERIFY_WITH_TIMEOUT(allFinished(fetches), 5000);

    const auto last
        = std::max_element(fetches.cbegin(), fetches.cend(), [](const auto &a, const auto &b) {
              return a->finishedMs < b->finishedMs;
          });
    for (const auto &f : fetches)
        QCOMPARE(f->status(), 200);
    QVERIFY2((*last)->finishedMs >= minTotalMs,
             qPrintable(u"took %1 ms"_s.arg((*last)->finishedMs)));
    QVERIFY2((*last)->queuedMs() >= minLastQueuedMs && (*last)->queuedMs() <= maxLastQueuedMs,
             qPrintable(u"last queued %1 ms"_s.arg((*last)->queuedMs())));

    const ServerStats stats = server.stats();
    QCOMPARE(stats.requests, qint64(6));
    QCOMPARE(stats.maxActive, maxActive);
    QCOMPARE(stats.maxQueuedMs >= minLastQueuedMs, true);
}

void TestServerTest::clientAbortMidDelay()
{
    QNetworkAccessManager nam;
    const auto doomed = fetch(nam, url(u"/delay/2"_s));
    const auto survivor = fetch(nam, url(u"/delay/0.3"_s));
    QTest::qWait(100);
    doomed->reply->abort();
    QVERIFY(doomed->finished());
    QCOMPARE(doomed->reply->error(), QNetworkReply::OperationCanceledError);

    QTRY_VERIFY_WITH_TIMEOUT(survivor->finished(), 5000);
    QCOMPARE(survivor->status(), 200);
    // Not held by the aborted one: well before the 2 s it would have taken (half of it).
    QVERIFY2(survivor->finishedMs < 2000 / 2,
             qPrintable(u"took %1 ms"_s.arg(survivor->finishedMs)));

    // The abandoned delay fires after the socket is gone; the server must shrug it off.
    QTest::qWait(2100);
    QVERIFY(m_server.isRunning());
    const auto after = fetch(nam, url(u"/get"_s));
    QTRY_VERIFY_WITH_TIMEOUT(after->finished(), 5000);
    QCOMPARE(after->status(), 200);
}

void TestServerTest::abortFreesSlot_data()
{
    QTest::addColumn<QString>("holderPath"); // takes the only slot
    QTest::addColumn<QString>("abortedPath");
    QTest::addColumn<bool>("abortHolder"); // else the aborted one is queued behind the holder
    QTest::addColumn<qint64>("maxLastMs");
    QTest::addColumn<qint64>("minLastQueuedMs");
    QTest::addColumn<qint64>("maxLastQueuedMs");

    // last = /delay/0.1 sent at 150 ms. The upper bounds are half of what holding the slot
    // would cost (the aborted request's delay), not a budget in ms.
    QTest::newRow("aborting the handled request hands its slot on")
        << u"/delay/2"_s << QString() << true << 2000LL / 2 << 30LL << 2000LL / 2;
    QTest::newRow("aborting a queued request does not hold up the next one")
        << u"/delay/0.5"_s << u"/delay/5"_s << false << 5000LL / 2 << 250LL << 5000LL / 2;
}

void TestServerTest::abortFreesSlot()
{
    QFETCH(QString, holderPath);
    QFETCH(QString, abortedPath);
    QFETCH(bool, abortHolder);
    QFETCH(qint64, maxLastMs);
    QFETCH(qint64, minLastQueuedMs);
    QFETCH(qint64, maxLastQueuedMs);

    TestServer server;
    QVERIFY2(server.start(0, 1), qPrintable(server.errorString()));
    const auto at
        = [&server](const QString &path) { return server.baseUrl().resolved(QUrl(path)); };

    QNetworkAccessManager nam;
    QElapsedTimer clock;
    clock.start();
    const auto holder = fetch(nam, at(holderPath));
    std::unique_ptr<Fetch> queued;
    if (!abortHolder)
        queued = fetch(nam, at(abortedPath));
    QTest::qWait(150);
    const auto last = fetch(nam, at(u"/delay/0.1"_s));
    QTest::qWait(50);
    if (abortHolder)
        holder->reply->abort();
    else
        queued->reply->abort();

    QTRY_VERIFY_WITH_TIMEOUT(last->finished(), 7000);
    const qint64 lastDoneMs = clock.elapsed() - (last->clock.elapsed() - last->finishedMs);
    QCOMPARE(last->status(), 200);
    QVERIFY2(lastDoneMs <= maxLastMs, qPrintable(u"last finished at %1 ms"_s.arg(lastDoneMs)));
    QVERIFY2(last->queuedMs() >= minLastQueuedMs && last->queuedMs() <= maxLastQueuedMs,
             qPrintable(u"last queued %1 ms"_s.arg(last->queuedMs())));
    QCOMPARE(server.stats().maxActive, 1);
    if (!abortHolder) {
        QTRY_VERIFY_WITH_TIMEOUT(holder->finished(), 5000);
        QCOMPARE(holder->status(), 200);
    }
}

QTEST_GUILESS_MAIN(TestServerTest)
#include "tst_testserver.moc"
