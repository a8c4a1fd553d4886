#include "server/httpbinroutes.h"
#include "server/testserver.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>
#include <optional>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Coroscope;
using namespace Qt::StringLiterals;

// The embedded server against clients that want to exhaust it (issue 18 points 9 and 10): what
// one request may cost, what a flood of them does to everyone else and to stop(), and what
// clients that do not read may make it hold. Plain POSIX sockets: the tests need receive
// buffers set before connecting and clients that never read.

namespace {

// A blocking loopback client socket with an optional small receive buffer (set before connect,
// so the TCP window stays small: the server's bytes stay with the server).
class Client
{
public:
    explicit Client(quint16 port, int receiveBuffer = 0)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (m_fd < 0)
            return;
        if (receiveBuffer > 0)
            ::setsockopt(m_fd, SOL_SOCKET, SO_RCVBUF, &receiveBuffer, sizeof receiveBuffer);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (::connect(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
            ::close(m_fd);
            m_fd = -1;
        }
    }
    ~Client()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Client(const Client &) = delete;
    Client &operator=(const Client &) = delete;

    bool isConnected() const { return m_fd >= 0; }

    bool send(const QByteArray &bytes)
    {
        qsizetype sent = 0;
        while (sent < bytes.size()) {
            const ssize_t n
                = ::send(m_fd, bytes.constData() + sent, size_t(bytes.size() - sent), MSG_NOSIGNAL);
            if (n <= 0)
                return false;
            sent += n;
        }
        return true;
    }

    // The next response with a Content-Length body; nullopt when it does not come in time.
    std::optional<QByteArray> response(int timeoutMs, int *status = nullptr)
    {
        const QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                const QByteArray head = m_buffer.first(end);
                qint64 length = 0;
                for (const QByteArray &line : head.split('\n')) {
                    if (line.toLower().startsWith("content-length:"))
                        length = line.mid(15).trimmed().toLongLong();
                }
                if (m_buffer.size() - end - 4 >= length) {
                    if (status)
                        *status = head.mid(9, 3).toInt();
                    QByteArray body = m_buffer.sliced(end + 4, length);
                    m_buffer.remove(0, end + 4 + length);
                    return body;
                }
            }
            if (!fill(deadline))
                return std::nullopt;
        }
    }

private:
    bool fill(const QDeadlineTimer &deadline)
    {
        pollfd p{m_fd, POLLIN, 0};
        const int wait = int(std::max<qint64>(0, deadline.remainingTime()));
        if (::poll(&p, 1, wait) <= 0)
            return false;
        char chunk[64 * 1024];
        const ssize_t n = ::recv(m_fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return false;
        m_buffer.append(chunk, n);
        return true;
    }

    int m_fd = -1;
    QByteArray m_buffer;
};

QByteArray get(const QByteArray &target)
{
    return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

QByteArray repeatedQuery(int items)
{
    QByteArray query;
    for (int i = 0; i < items; ++i)
        query += (i ? "&k=" : "k=") + QByteArray::number(i);
    return query;
}

} // namespace

class TestServerLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void queryItemsAreCapped_data();
    void queryItemsAreCapped();
    void streamLinesAreTheEcho();
    void floodLeavesOthersServedAndStopStops();
    void dripRespectsBackPressure();
    void dripCatchesUpWhenRead();
};

void TestServerLimits::queryItemsAreCapped_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("echoedItems"); // -1: refused

    const int max = int(Httpbin::MaxQueryItems);
    QTest::newRow("the most query items are echoed, in order")
        << "/get?" + repeatedQuery(max) << 200 << max;
    QTest::newRow("one more is refused") << "/get?" + repeatedQuery(max + 1) << 400 << -1;
    QByteArray flood = "/stream/100?a";
    for (int i = 1; i < 8100; ++i)
        flood += "&a";
    QTest::newRow("the issue's 8,100 items for /stream/100 are refused") << flood << 400 << -1;
}

void TestServerLimits::queryItemsAreCapped()
{
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    QFETCH(int, echoedItems);

    TestServer server;
    QVERIFY2(server.start(0), qPrintable(server.errorString()));
    Client client(server.port());
    QVERIFY(client.isConnected());
    QVERIFY(client.send(get(target)));
    int answered = 0;
    const auto body = client.response(10000, &answered);
    QVERIFY(body);
    QCOMPARE(answered, status);
    const QJsonObject json = QJsonDocument::fromJson(*body).object();
    if (echoedItems < 0) {
        QVERIFY2(json.value(u"error").toString().contains(QString::number(Httpbin::MaxQueryItems)),
                 body->constData());
        return;
    }
    const QJsonArray values = json.value(u"args").toObject().value(u"k").toArray();
    QCOMPARE(values.size(), echoedItems);
    for (int i = 0; i < echoedItems; ++i)
        QCOMPARE(values.at(i).toString(), QString::number(i));
}

// /stream lines are made from one serialisation around the id: byte for byte what Qt writes for
// the echo plus "id", and the announced length is exact (a pipelined answer follows cleanly).
void TestServerLimits::streamLinesAreTheEcho()
{
    TestServer server;
    QVERIFY2(server.start(0), qPrintable(server.errorString()));
    Client client(server.port());
    QVERIFY(client.isConnected());
    QVERIFY(client.send("GET /stream/100?b=2&a=1&a=%C3%A9 HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        "X-Zeta: z\r\nX-Alpha: \"quoted\\\"\r\n\r\n"
                        + get("/status/418")));
    int status = 0;
    const auto body = client.response(10000, &status);
    QVERIFY(body);
    QCOMPARE(status, 200);
    QVERIFY(body->endsWith('\n'));
    const QList<QByteArray> lines = body->chopped(1).split('\n');
    QCOMPARE(lines.size(), 100);
    for (int i = 0; i < lines.size(); ++i) {
        QJsonParseError error;
        const QJsonObject line = QJsonDocument::fromJson(lines.at(i), &error).object();
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(line.value(u"id").toInt(-1), i);
        QCOMPARE(QJsonDocument(line).toJson(QJsonDocument::Compact), lines.at(i));
        QCOMPARE(line.value(u"args").toObject().value(u"a").toArray(),
                 (QJsonArray{u"1"_s, u"é"_s}));
        QCOMPARE(line.value(u"headers").toObject().value(u"X-Alpha").toString(), u"\"quoted\\\""_s);
    }
    const auto next = client.response(5000, &status);
    QVERIFY(next);
    QCOMPARE(status, 418);
}

// Issue 18.9: a burst of 16 KB requests of 8,100 query items each kept the server thread busy for
// minutes (0.1-0.2 s each): /get timed out and stop() (SIGTERM, closing the window) waited on it.
void TestServerLimits::floodLeavesOthersServedAndStopStops()
{
    // Not destroyed on a failure: its destructor's stop() is what may hang.
    auto *server = new TestServer;
    QVERIFY2(server->start(0), qPrintable(server->errorString()));
    QByteArray flood = "/stream/100?a";
    for (int i = 1; i < 8100; ++i)
        flood += "&a";
    const QByteArray request = get(flood);
    QVERIFY(request.size() < 16 * 1024);

    constexpr int Flooders = 300;
    std::vector<std::unique_ptr<Client>> flooders;
    for (int i = 0; i < Flooders; ++i) {
        flooders.push_back(std::make_unique<Client>(server->port()));
        QVERIFY(flooders.back()->isConnected());
        QVERIFY(flooders.back()->send(request)); // and never read
    }

    // Generous bounds: the flood cost the old server 30-60 s of work.
    Client other(server->port());
    QVERIFY(other.isConnected());
    QVERIFY(other.send(get("/get")));
    int status = 0;
    QVERIFY2(other.response(10000, &status), "no /get answer during the flood");
    QCOMPARE(status, 200);

    for (int i = 0; i < Flooders; ++i)
        QVERIFY(flooders[size_t(i)]->send(request));
    // stop() on a thread of its own: if it hung, this test must fail, not hang.
    const auto stopped = std::make_shared<std::atomic<bool>>(false);
    QThread *stopper = QThread::create([server, stopped] {
        server->stop();
        stopped->store(true);
    });
    stopper->start();
    QTRY_VERIFY_WITH_TIMEOUT(stopped->load(), 15000);
    stopper->wait();
    delete stopper;
    delete server;
}

// Issue 18.10: /drip made its bytes at each tick whether or not the client took the earlier ones;
// 200 clients not reading 10 MiB drips took the server from 25 MB to 1.6 GB.
void TestServerLimits::dripRespectsBackPressure()
{
    TestServer server;
    QVERIFY2(server.start(0), qPrintable(server.errorString()));
    constexpr int Clients = 40;
    constexpr int DurationMs = 500;
    std::vector<std::unique_ptr<Client>> idle;
    for (int i = 0; i < Clients; ++i) {
        idle.push_back(std::make_unique<Client>(server.port(), 4096));
        QVERIFY(idle.back()->isConnected());
        QVERIFY(idle.back()->send(get("/drip?duration=0.5&numbytes=10485760")));
    }
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().openConnections, Clients, 5000);
    // Every byte is due by now (the old server had made all 10 MiB of each drip).
    QTest::qWait(DurationMs + 700);
    const ServerStats stats = server.stats();
    QVERIFY2(stats.maxQueuedWriteBytes <= 128 * 1024,
             qPrintable(u"%1 bytes queued for one client"_s.arg(stats.maxQueuedWriteBytes)));
    QVERIFY2(stats.queuedWriteBytes <= Clients * 128 * 1024,
             qPrintable(u"%1 bytes queued in all"_s.arg(stats.queuedWriteBytes)));
    idle.clear();
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().openConnections, 0, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().queuedWriteBytes, qint64(0), 5000);
}

// A client that reads late still gets the whole drip, every byte once.
void TestServerLimits::dripCatchesUpWhenRead()
{
    TestServer server;
    QVERIFY2(server.start(0), qPrintable(server.errorString()));
    constexpr qint64 Size = 3 * 1024 * 1024;
    Client late(server.port(), 4096);
    QVERIFY(late.isConnected());
    QVERIFY(late.send(get("/drip?duration=0.3&numbytes=" + QByteArray::number(Size))
                      + get("/status/418")));
    QTest::qWait(600); // past the duration before the first read
    int status = 0;
    const auto body = late.response(20000, &status);
    QVERIFY(body);
    QCOMPARE(status, 200);
    QCOMPARE(body->size(), Size);
    QCOMPARE(body->count('*'), Size);
    QVERIFY(late.response(5000, &status));
    QCOMPARE(status, 418);
}

QTEST_GUILESS_MAIN(TestServerLimits)
#include "tst_serverlimits.moc"
