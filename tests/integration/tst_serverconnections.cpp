// The embedded server's connections seen from a raw socket: pipelining, limits on heads and
// bodies, back-pressure, idle timeouts, methods, half-close, descriptor exhaustion. Split from
// tst_testserver (its answers through QNAM) along that seam.
#include "server/testserver.h"
#include "trace/serverreport.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTcpSocket>
#include <QTest>

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {

// One response as a raw client sees it.
struct RawResponse
{
    int status = 0;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const
    {
        for (const auto &[key, value] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        }
        return {};
    }
};

// An HTTP/1.1 client on one plain socket: sends exactly the bytes it is given (pipelining,
// malformed heads, half-close) and parses the answers itself. Every wait is bounded.
class RawClient
{
public:
    explicit RawClient(quint16 port, qint64 readBufferSize = 0)
    {
        if (readBufferSize > 0)
            m_socket.setReadBufferSize(readBufferSize); // stops reading the kernel when full
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        m_socket.waitForConnected(5000);
    }

    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QTcpSocket &socket() { return m_socket; }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    void shutdownSending() { ::shutdown(int(m_socket.socketDescriptor()), SHUT_WR); }

    // The next final response (1xx interim answers are skipped); nullopt on timeout or close.
    std::optional<RawResponse> read(int timeoutMs = 5000, bool headRequest = false)
    {
        QDeadlineTimer deadline(timeoutMs);
        for (;;) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end >= 0) {
                RawResponse response;
                const QList<QByteArray> lines = m_buffer.first(end).split('\n');
                const QList<QByteArray> statusLine = lines.value(0).trimmed().split(' ');
                response.status = statusLine.value(1).toInt();
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const qsizetype colon = lines.at(i).indexOf(':');
                    response.headers.append({lines.at(i).first(colon).trimmed(),
                                             lines.at(i).sliced(colon + 1).trimmed()});
                }
                const bool interim = response.status >= 100 && response.status < 200;
                const bool bodyless
                    = headRequest || interim || response.status == 204 || response.status == 304;
                const qsizetype length
                    = bodyless ? 0 : response.header("Content-Length").toLongLong();
                if (m_buffer.size() - end - 4 >= length) {
                    response.body = m_buffer.sliced(end + 4, length);
                    m_buffer.remove(0, end + 4 + length);
                    if (interim)
                        continue;
                    return response;
                }
            }
            if (!fill(deadline))
                return std::nullopt;
        }
    }

    // True when the server closes the connection within the time; unread bytes are dropped.
    bool waitClosed(int timeoutMs)
    {
        QDeadlineTimer deadline(timeoutMs);
        while (m_socket.state() == QAbstractSocket::ConnectedState) {
            if (!fill(deadline) && m_socket.state() == QAbstractSocket::ConnectedState)
                return false;
        }
        return true;
    }

private:
    bool fill(const QDeadlineTimer &deadline)
    {
        m_buffer += m_socket.readAll();
        if (m_socket.state() != QAbstractSocket::ConnectedState && m_socket.bytesAvailable() == 0)
            return false;
        if (deadline.hasExpired())
            return false;
        m_socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        m_buffer += m_socket.readAll();
        return true;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

QByteArray get(const QByteArray &path, const QByteArray &method = "GET",
               const QByteArray &extraHeaders = {})
{
    return method + ' ' + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n";
}

qint64 residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

qint64 processCpuMs()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000
        + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
}

int openDescriptors()
{
    int count = 0;
    if (DIR *dir = ::opendir("/proc/self/fd")) {
        while (::readdir(dir))
            ++count;
        ::closedir(dir);
    }
    return count;
}

} // namespace

class TestServerConnections : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();

    void pipelinedInOrder_data();
    void pipelinedInOrder();
    void limits_data();
    void limits();
    void backPressure();
    void idleTimeout_data();
    void idleTimeout();
    void methods_data();
    void methods();
    void halfClose_data();
    void halfClose();
    void loadHeaders_data();
    void loadHeaders();
    void descriptorLimitPausesAccepting();

private:
    TestServer m_server;
};

void TestServerConnections::initTestCase()
{
    QVERIFY2(m_server.start(0), qPrintable(m_server.errorString()));
    QVERIFY(m_server.isRunning());
    QVERIFY(m_server.port() != 0);
}

void TestServerConnections::cleanupTestCase()
{
    m_server.stop();
    QVERIFY(!m_server.isRunning());
}

void TestServerConnections::pipelinedInOrder_data()
{
    QTest::addColumn<QList<QByteArray>>("requests"); // method and path
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<qint64>("maxTotalMs"); // -1: order only (each answer may take 5 s)

    QTest::newRow("a slow request holds back the fast ones behind it")
        << QList<QByteArray>{"GET /delay/0.3", "GET /get", "GET /status/418"}
        << QList<int>{200, 200, 418} << -1LL;
    // At once: well under the 0.9 s the delays take one after another (0.4 s ideal).
    QTest::newRow("pipelined delays run at once and still come back in order")
        << QList<QByteArray>{"GET /delay/0.4", "GET /delay/0.2", "GET /delay/0.3"}
        << QList<int>{200, 200, 200} << 900LL * 3 / 4;
    QTest::newRow("a HEAD answer has no body and keeps the stream in step")
        << QList<QByteArray>{"HEAD /bytes/100", "GET /status/418", "HEAD /get", "GET /get"}
        << QList<int>{200, 418, 200, 200} << -1LL;
    QList<QByteArray> many;
    for (int i = 0; i < 40; ++i) // more than the server takes in before it stops reading
        many.append("GET /get?i=" + QByteArray::number(i));
    QTest::newRow("more requests than the pipeline holds are all answered in order")
        << many << QList<int>(40, 200) << -1LL;
}

void TestServerConnections::pipelinedInOrder()
{
    QFETCH(QList<QByteArray>, requests);
    QFETCH(QList<int>, statuses);
    QFETCH(qint64, maxTotalMs);

    RawClient client(m_server.port());
    QVERIFY(client.isConnected());
    QByteArray all;
    for (const QByteArray &request : requests) {
        const QList<QByteArray> parts = request.split(' ');
        all += get(parts.at(1), parts.at(0));
    }
    QElapsedTimer clock;
    clock.start();
    client.send(all); // one write: every request is on the wire before any answer

    for (qsizetype i = 0; i < requests.size(); ++i) {
        const QList<QByteArray> parts = requests.at(i).split(' ');
        const bool head = parts.at(0) == "HEAD";
        const auto response = client.read(5000, head);
        QVERIFY2(response,
                 qPrintable(u"no answer to %1"_s.arg(QString::fromLatin1(requests.at(i)))));
        QCOMPARE(response->status, statuses.at(i));
        if (head) {
            QVERIFY(response->header("Content-Length").toLongLong() > 0);
        } else if (response->header("Content-Type") == "application/json") {
            // The echo names the request it answers: order is checked, not only statuses.
            const QJsonObject json = QJsonDocument::fromJson(response->body).object();
            QVERIFY2(json.value(u"url").toString().endsWith(QString::fromLatin1(parts.at(1))),
                     qPrintable(json.value(u"url").toString()));
        }
    }
    if (maxTotalMs >= 0)
        QVERIFY2(clock.elapsed() <= maxTotalMs, qPrintable(u"took %1 ms"_s.arg(clock.elapsed())));
    QVERIFY(client.isConnected()); // keep-alive survives pipelining
}

void TestServerConnections::limits_data()
{
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<qint64>("bodyBytesSent"); // streamed after the head, as a client would
    QTest::addColumn<QList<int>>("statuses");
    QTest::addColumn<bool>("closes");

    const QByteArray big(20 * 1024, 'a');
    QTest::newRow("header fields over 16 KiB are refused with 431")
        << get("/get", "GET", "X-Big: " + big + "\r\n") << 0LL << QList<int>{431} << true;
    QTest::newRow("request line over 16 KiB is refused with 414")
        << get("/get?x=" + big) << 0LL << QList<int>{414} << true;
    QTest::newRow("declared body over 1 MiB is refused with 413 before it is read")
        << get("/get", "GET", "Content-Length: 209715200\r\n") << 8LL * 1024 * 1024
        << QList<int>{413} << true;
    QByteArray chunked = get("/get", "GET", "Transfer-Encoding: chunked\r\n");
    const QByteArray chunk(256 * 1024, 'x');
    for (int i = 0; i < 6; ++i)
        chunked += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    QTest::newRow("chunked body over 1 MiB is refused with 413")
        << chunked << 0LL << QList<int>{413} << true;
    QTest::newRow("small body is read and dropped and the connection stays usable")
        << get("/get", "GET", "Content-Length: 1000\r\n") + QByteArray(1000, 'b')
            + get("/status/418")
        << 0LL << QList<int>{200, 418} << false;
    QTest::newRow("small chunked body is read and dropped")
        << get("/get", "GET", "Transfer-Encoding: chunked\r\n") + "5\r\nhello\r\n0\r\n\r\n"
            + get("/status/418")
        << 0LL << QList<int>{200, 418} << false;
    QTest::newRow("Content-Length with Transfer-Encoding is refused (smuggling)")
        << get("/get", "GET", "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n") << 0LL
        << QList<int>{400} << true;
    QTest::newRow("conflicting Content-Length values are refused")
        << get("/get", "GET", "Content-Length: 5\r\nContent-Length: 6\r\n") << 0LL
        << QList<int>{400} << true;
    QTest::newRow("HTTP/1.1 request without Host is refused")
        << QByteArray("GET /get HTTP/1.1\r\n\r\n") << 0LL << QList<int>{400} << true;
    QTest::newRow("folded header line is refused")
        << get("/get", "GET", "X-A: 1\r\n continued\r\n") << 0LL << QList<int>{400} << true;
    QTest::newRow("unknown HTTP version is refused with 505")
        << QByteArray("GET /get HTTP/2.0\r\nHost: x\r\n\r\n") << 0LL << QList<int>{505} << true;
    QTest::newRow("answers before a malformed request still come first") << get("/delay/0.2")
            + "garbage\r\n\r\n" << 0LL << QList<int>{200, 400} << true;
}

void TestServerConnections::limits()
{
    QFETCH(QByteArray, request);
    QFETCH(qint64, bodyBytesSent);
    QFETCH(QList<int>, statuses);
    QFETCH(bool, closes);

    RawClient client(m_server.port());
    QVERIFY(client.isConnected());
    client.send(request);
    if (bodyBytesSent > 0) {
        // A client that keeps sending after the answer: it must neither be held in memory nor
        // turn the close into a reset that destroys the answer.
        const QByteArray piece(1024 * 1024, 'p');
        for (qint64 sent = 0; sent < bodyBytesSent && client.isConnected(); sent += piece.size())
            client.socket().write(piece);
    }
    for (int status : statuses) {
        const auto response = client.read(5000);
        QVERIFY(response);
        QCOMPARE(response->status, status);
        QVERIFY(parseServerReport(response->header(ServerReportHeader)).queuedMs >= 0);
        if (closes && status == statuses.last())
            QCOMPARE(response->header("Connection"), QByteArray("close"));
    }
    if (closes) {
        QElapsedTimer clock;
        clock.start();
        QVERIFY(client.waitClosed(3000));
        QVERIFY2(clock.elapsed() < 2500, qPrintable(u"closed after %1 ms"_s.arg(clock.elapsed())));
    } else {
        client.send(get("/status/204"));
        const auto again = client.read(5000);
        QVERIFY(again);
        QCOMPARE(again->status, 204);
    }
    // Nothing of a refused body stays queued, and the server goes on answering.
    QTRY_VERIFY_WITH_TIMEOUT(m_server.stats().queuedWriteBytes == 0, 3000);
    RawClient next(m_server.port());
    next.send(get("/get"));
    const auto after = next.read(5000);
    QVERIFY(after);
    QCOMPARE(after->status, 200);
}

void TestServerConnections::backPressure()
{
    TestServer server;
    QVERIFY2(server.start(0), qPrintable(server.errorString()));
    constexpr int Clients = 20;
    constexpr qint64 Size = 10 * 1024 * 1024;
    const qint64 rssBefore = residentKiB();

    std::vector<std::unique_ptr<RawClient>> idle;
    for (int i = 0; i < Clients; ++i) {
        // A 16 KiB client buffer: the rest stays with the server, as with a client that is busy.
        idle.push_back(std::make_unique<RawClient>(server.port(), 16 * 1024));
        QVERIFY(idle.back()->isConnected());
        idle.back()->send(get("/bytes/" + QByteArray::number(Size)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(server.stats().openConnections == Clients, 5000);
    QTest::qWait(500); // the kernel buffers fill; a server without back-pressure would queue all
    const ServerStats stats = server.stats();
    // One generated piece (64 KiB) plus a head per connection, not 10 MiB.
    QVERIFY2(stats.maxQueuedWriteBytes <= 128 * 1024,
             qPrintable(u"%1 bytes queued for one client"_s.arg(stats.maxQueuedWriteBytes)));
    QVERIFY2(stats.queuedWriteBytes <= Clients * 128 * 1024,
             qPrintable(u"%1 bytes queued in all"_s.arg(stats.queuedWriteBytes)));
    const qint64 rssGrowthKiB = residentKiB() - rssBefore;
    QVERIFY2(rssGrowthKiB < 64 * 1024, qPrintable(u"RSS grew by %1 KiB"_s.arg(rssGrowthKiB)));

    // A reader still gets the whole seeded body, exactly as one generator run would make it.
    RawClient reader(server.port());
    reader.send(get("/bytes/" + QByteArray::number(Size) + "?seed=42"));
    const auto response = reader.read(20000);
    QVERIFY(response);
    QCOMPARE(response->status, 200);
    QByteArray expected(Size, Qt::Uninitialized);
    QRandomGenerator generator(42);
    generator.fillRange(reinterpret_cast<quint32 *>(expected.data()), Size / 4);
    QVERIFY(response->body == expected);

    // Memory is given back when the clients leave.
    idle.clear();
    QTRY_VERIFY_WITH_TIMEOUT(server.stats().openConnections <= 1, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().queuedWriteBytes, qint64(0), 5000);
}

void TestServerConnections::idleTimeout_data()
{
    QTest::addColumn<QByteArray>("request"); // sent on connect, may be empty or partial
    QTest::addColumn<int>("answers"); // complete responses before the close
    QTest::addColumn<qint64>("minClosedMs");
    QTest::addColumn<qint64>("maxClosedMs");

    // Idle timeout 300 ms, checked every 75 ms.
    QTest::newRow("a connection that never sends is closed")
        << QByteArray() << 0 << 250LL << 1000LL;
    QTest::newRow("a connection idle after its answer is closed")
        << get("/get") << 1 << 250LL << 1000LL;
    QTest::newRow("a request head that never ends is closed")
        << QByteArray("GET /get HTTP/1.1\r\nHost: x\r\n") << 0 << 250LL << 1000LL;
    QTest::newRow("a request being handled is not cut short")
        << get("/delay/0.7") << 1 << 950LL << 1800LL;
}

void TestServerConnections::idleTimeout()
{
    QFETCH(QByteArray, request);
    QFETCH(int, answers);
    QFETCH(qint64, minClosedMs);
    QFETCH(qint64, maxClosedMs);

    TestServer server;
    QCOMPARE(server.idleTimeoutMs(), TestServer::DefaultIdleTimeoutMs);
    server.setIdleTimeoutMs(300);
    QVERIFY2(server.start(0), qPrintable(server.errorString()));
    QCOMPARE(server.idleTimeoutMs(), 300);

    QElapsedTimer clock;
    clock.start();
    RawClient client(server.port());
    QVERIFY(client.isConnected());
    if (!request.isEmpty())
        client.send(request);
    for (int i = 0; i < answers; ++i) {
        const auto response = client.read(3000);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
    }
    QVERIFY(client.waitClosed(3000));
    QVERIFY2(clock.elapsed() >= minClosedMs && clock.elapsed() <= maxClosedMs,
             qPrintable(u"closed after %1 ms"_s.arg(clock.elapsed())));
    QTRY_COMPARE_WITH_TIMEOUT(server.stats().openConnections, 0, 2000);
}

void TestServerConnections::methods_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<int>("status");

    QTest::newRow("POST to /get is 405") << QByteArray("POST") << QByteArray("/get") << 405;
    QTest::newRow("PUT to /delay is 405") << QByteArray("PUT") << QByteArray("/delay/1") << 405;
    QTest::newRow("DELETE to /status is 405")
        << QByteArray("DELETE") << QByteArray("/status/200") << 405;
    QTest::newRow("OPTIONS to /bytes is 405")
        << QByteArray("OPTIONS") << QByteArray("/bytes/5") << 405;
    QTest::newRow("method check comes before argument check")
        << QByteArray("POST") << QByteArray("/delay/abc") << 405;
    QTest::newRow("methods are case-sensitive") << QByteArray("get") << QByteArray("/get") << 405;
    QTest::newRow("POST to an unknown path is 404")
        << QByteArray("POST") << QByteArray("/nope") << 404;
    QTest::newRow("HEAD to /get answers headers only")
        << QByteArray("HEAD") << QByteArray("/get") << 200;
    QTest::newRow("HEAD to /drip answers after the drip's duration")
        << QByteArray("HEAD") << QByteArray("/drip?duration=0.1&numbytes=3") << 200;
}

void TestServerConnections::methods()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(int, status);

    RawClient client(m_server.port());
    QVERIFY(client.isConnected());
    const bool head = method == "HEAD";
    // A second request behind it proves the connection stays in step (and open).
    client.send(get(path, method, "Content-Length: 0\r\n") + get("/status/418"));
    const auto response = client.read(5000, head);
    QVERIFY(response);
    QCOMPARE(response->status, status);
    if (status == 405)
        QCOMPARE(response->header("Allow"), QByteArray("GET, HEAD"));
    else
        QVERIFY(response->header("Allow").isEmpty());
    if (head) {
        QVERIFY(response->header("Content-Length").toLongLong() > 0);
        QVERIFY(response->body.isEmpty());
    }
    const auto next = client.read(5000);
    QVERIFY(next);
    QCOMPARE(next->status, 418);
}

void TestServerConnections::halfClose_data()
{
    QTest::addColumn<QList<QByteArray>>("paths");

    QTest::newRow("answered at once") << QList<QByteArray>{"/get"};
    QTest::newRow("answered after a delay") << QList<QByteArray>{"/delay/0.3"};
    QTest::newRow("pipelined pair answered in order")
        << QList<QByteArray>{"/delay/0.2", "/status/418"};
    QTest::newRow("generated body answered in full") << QList<QByteArray>{"/bytes/3000000"};
}

void TestServerConnections::halfClose()
{
    QFETCH(QList<QByteArray>, paths);

    RawClient client(m_server.port());
    QVERIFY(client.isConnected());
    QByteArray all;
    for (const QByteArray &path : paths)
        all += get(path);
    client.send(all);
    client.shutdownSending(); // "I have nothing more to send", not "I am gone"
    for (const QByteArray &path : paths) {
        const auto response = client.read(5000);
        QVERIFY2(response, path.constData());
        QCOMPARE(response->status, path.startsWith("/status/") ? 418 : 200);
        if (path.startsWith("/bytes/"))
            QCOMPARE(response->body.size(), path.mid(7).toLongLong());
    }
    QVERIFY(client.waitClosed(3000)); // then the server closes its side
}

void TestServerConnections::loadHeaders_data()
{
    QTest::addColumn<int>("capacity");
    QTest::addColumn<int>("maxActive");
    QTest::addColumn<int>("queuedAnswers"); // answers that waited about one delay

    QTest::newRow("capacity 2: never more than 2 at once, half of them queued") << 2 << 2 << 2;
    QTest::newRow("unlimited: all 4 at once, no capacity header") << 0 << 4 << 0;
}

void TestServerConnections::loadHeaders()
{
    QFETCH(int, capacity);
    QFETCH(int, maxActive);
    QFETCH(int, queuedAnswers);

    TestServer server;
    QVERIFY2(server.start(0, capacity), qPrintable(server.errorString()));
    std::vector<std::unique_ptr<RawClient>> clients;
    for (int i = 0; i < 4; ++i) {
        clients.push_back(std::make_unique<RawClient>(server.port()));
        QVERIFY(clients.back()->isConnected());
        clients.back()->send(get("/delay/0.3"));
    }
    int highestActive = 0;
    int queued = 0;
    for (const auto &client : clients) {
        const auto response = client->read(5000);
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        const ServerReport report = parseServerReport(response->header(ServerReportHeader));
        const int active = report.active;
        QVERIFY2(active >= 1 && active <= maxActive, qPrintable(u"active %1"_s.arg(active)));
        highestActive = std::max(highestActive, active);
        if (report.queuedMs >= 250)
            ++queued;
        if (capacity > 0)
            QCOMPARE(report.capacity, capacity);
        else
            QCOMPARE(report.capacity, -1);
    }
    QCOMPARE(highestActive, maxActive);
    QCOMPARE(queued, queuedAnswers);
    QCOMPARE(server.stats().maxActive, maxActive);
}

void TestServerConnections::descriptorLimitPausesAccepting()
{
    TestServer server;
    QVERIFY2(server.start(0), qPrintable(server.errorString()));

    // Clients made before the table is full: connect() needs no new descriptor, accept() does.
    constexpr int Waiting = 3;
    int waiting[Waiting];
    for (int &fd : waiting) {
        fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        QVERIFY(fd >= 0);
        const timeval timeout{5, 0};
        ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    }
    rlimit original{};
    QCOMPARE(::getrlimit(RLIMIT_NOFILE, &original), 0);
    rlimit lowered = original;
    lowered.rlim_cur = rlim_t(openDescriptors() + 64);
    QCOMPARE(::setrlimit(RLIMIT_NOFILE, &lowered), 0);
    std::vector<int> fillers;
    for (int fd; (fd = ::fcntl(0, F_DUPFD_CLOEXEC, 0)) >= 0;)
        fillers.push_back(fd);
    const auto release = qScopeGuard([&] {
        for (int fd : fillers)
            ::close(fd);
        ::setrlimit(RLIMIT_NOFILE, &original);
        for (int fd : waiting)
            ::close(fd);
    });

    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(server.port());
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    for (int fd : waiting) // completes in the kernel's backlog
        QCOMPARE(::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
    QTRY_VERIFY_WITH_TIMEOUT(server.stats().acceptPauses >= 1, 3000);

    // Paused, not spinning on a listening socket that stays readable. A ratio measured here,
    // not a CPU budget in ms: a thread spinning takes about the whole wall time (1.0; less
    // only when the machine is busy), a paused server a few percent.
    QElapsedTimer wall;
    wall.start();
    const qint64 cpuBefore = processCpuMs();
    QTest::qWait(500);
    const qint64 cpuMs = processCpuMs() - cpuBefore;
    const qint64 wallMs = wall.elapsed();
    QVERIFY2(cpuMs < wallMs / 4,
             qPrintable(u"%1 ms CPU in %2 ms at the limit"_s.arg(cpuMs).arg(wallMs)));

    // Descriptors come back: the waiting clients are accepted and answered.
    for (int fd : fillers)
        ::close(fd);
    fillers.clear();
    ::setrlimit(RLIMIT_NOFILE, &original);
    const QByteArray request = get("/get");
    for (int fd : waiting) {
        QCOMPARE(::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL),
                 ssize_t(request.size()));
        char reply[64] = {};
        const ssize_t n = ::recv(fd, reply, sizeof reply - 1, 0);
        QVERIFY2(n > 0, "no answer after descriptors were freed");
        QVERIFY2(QByteArray(reply).startsWith("HTTP/1.1 200 "), reply);
    }
}

QTEST_GUILESS_MAIN(TestServerConnections)
#include "tst_serverconnections.moc"
