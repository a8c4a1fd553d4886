#include "phasetiling.h"
#include "runtoend.h"

#include "cli/options.h"
#include "io/csv.h"
#include "io/har.h"
#include "run/connectionpool.h"
#include "run/run.h"
#include "server/servercertificate.h"
#include "server/testserver.h"
#include "trace/diagnostics.h"
#include "trace/phases.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

using namespace Coroscope;
using CoroscopeTest::verifyTiling;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 Day = 24 * 3600;

RunSpec httpsSpec(const TestServer &server, const QString &path, int tasks, int perHost = 0)
{
    RunSpec spec = CoroscopeTest::specOn(server, path, tasks, perHost);
    spec.caCertificates = {server.certificate()};
    return spec;
}

// Everything the peer sends until it closes (or `timeoutMs` passes).
QByteArray readUntilClosed(QAbstractSocket &socket, int timeoutMs = 10000)
{
    QByteArray data;
    QElapsedTimer clock;
    clock.start();
    while (socket.state() != QAbstractSocket::UnconnectedState && clock.elapsed() < timeoutMs) {
        socket.waitForReadyRead(100);
        data += socket.readAll();
    }
    return data + socket.readAll();
}

struct X509Free
{
    void operator()(X509 *p) const { X509_free(p); }
};
using X509Ptr = std::unique_ptr<X509, X509Free>;

X509Ptr parseCertificate(const QByteArray &pem)
{
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    X509Ptr cert(bio ? PEM_read_bio_X509(bio, nullptr, nullptr, nullptr) : nullptr);
    BIO_free(bio);
    return cert;
}

// `credentials` turned into what earlier versions stored: the same names and key, but CA:TRUE
// and no extended key usage.
QByteArray asCaCertificate(const TlsCredentials &credentials)
{
    X509Ptr cert = parseCertificate(credentials.certificatePem);
    BIO *keyBio = BIO_new_mem_buf(credentials.privateKeyPem.constData(),
                                  int(credentials.privateKeyPem.size()));
    EVP_PKEY *key = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
    BIO_free(keyBio);
    QByteArray pem;
    if (cert && key) {
        for (int nid : {NID_basic_constraints, NID_ext_key_usage, NID_key_usage}) {
            const int at = X509_get_ext_by_NID(cert.get(), nid, -1);
            if (at >= 0)
                X509_EXTENSION_free(X509_delete_ext(cert.get(), at));
        }
        X509V3_CTX ctx;
        X509V3_set_ctx_nodb(&ctx);
        X509V3_set_ctx(&ctx, cert.get(), cert.get(), nullptr, nullptr, 0);
        X509_EXTENSION *ca
            = X509V3_EXT_conf_nid(nullptr, &ctx, NID_basic_constraints, "critical,CA:TRUE");
        X509_add_ext(cert.get(), ca, -1);
        X509_EXTENSION_free(ca);
        X509_sign(cert.get(), key, EVP_sha256());
        BIO *out = BIO_new(BIO_s_mem());
        PEM_write_bio_X509(out, cert.get());
        char *data = nullptr;
        const long n = BIO_get_mem_data(out, &data);
        pem = QByteArray(data, int(n));
        BIO_free(out);
    }
    EVP_PKEY_free(key);
    return pem;
}

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(data);
}

mode_t fileMode(const QString &path)
{
    struct stat st = {};
    ::stat(QFile::encodeName(path).constData(), &st);
    return st.st_mode & 07777;
}

// The status codes of consecutive HTTP/1.1 responses with Content-Length bodies, in order.
QList<int> statuses(const QByteArray &data)
{
    QList<int> codes;
    qsizetype at = 0;
    while (at < data.size()) {
        const qsizetype headEnd = data.indexOf("\r\n\r\n", at);
        if (!data.mid(at).startsWith("HTTP/1.1 ") || headEnd < 0)
            break;
        const QByteArray head = data.mid(at, headEnd - at);
        codes << head.mid(9, 3).toInt();
        qint64 length = 0;
        for (const QByteArray &line : head.split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        at = headEnd + 4 + length;
    }
    return codes;
}
} // namespace

// The embedded server's https and the client's certificate checks, against real servers on
// loopback with certificates made for the test (one for a wrong host name, one expired).
class TestTls : public QObject
{
    Q_OBJECT
private:
    TlsCredentials m_loopback;
    TlsCredentials m_otherHost;
    TlsCredentials m_expired;
    TestServer m_https;
    TestServer m_wrongName;
    TestServer m_expiredServer;

    static bool startHttps(TestServer &server, const TlsCredentials &credentials)
    {
        server.setProtocols(TestServer::Protocols::Https, credentials);
        return server.start(0);
    }

    // A raw TLS client that checks nothing: these tests are about the server.
    static bool connectTls(QSslSocket &socket, quint16 port)
    {
        socket.setPeerVerifyMode(QSslSocket::VerifyNone);
        socket.connectToHostEncrypted(u"127.0.0.1"_s, port);
        return socket.waitForEncrypted(10000);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QString error;
        m_loopback = generateSelfSigned(loopbackHosts(), -3600, 30 * Day, &error);
        QVERIFY2(!m_loopback.isNull(), qPrintable(error));
        m_otherHost = generateSelfSigned({u"coroscope.example"_s}, -3600, 30 * Day, &error);
        QVERIFY2(!m_otherHost.isNull(), qPrintable(error));
        m_expired = generateSelfSigned(loopbackHosts(), -30 * Day, -Day, &error);
        QVERIFY2(!m_expired.isNull(), qPrintable(error));
        QVERIFY2(startHttps(m_https, m_loopback), qPrintable(m_https.errorString()));
        QVERIFY(startHttps(m_wrongName, m_otherHost));
        QVERIFY(startHttps(m_expiredServer, m_expired));
        QCOMPARE(m_https.baseUrl().scheme(), u"https"_s);
    }

    // The phases tile `await reply` to the nanosecond over https too, and a new connection's
    // handshake is its own `tls` phase.
    void phasesTileTheAwaitOverHttps_data()
    {
        QTest::addColumn<int>("perHost");
        QTest::addColumn<int>("reusedFrom");
        QTest::newRow("12 requests, 12 new connections, 12 handshakes") << 0 << -1;
        QTest::newRow("6 per host: the second wave reuses the first's connections") << 6 << 6;
    }
    void phasesTileTheAwaitOverHttps()
    {
        QFETCH(int, perHost);
        QFETCH(int, reusedFrom);
        const Trace trace
            = CoroscopeTest::runToEnd(httpsSpec(m_https, u"/delay/0.2"_s, 12, perHost));
        const SegmentBuilder builder = buildSegments(trace);
        for (quint32 t = 0; t < 12; ++t) {
            QCOMPARE(trace.tasks.at(t).result, TaskResult::Ok);
            const RequestPhases p = requestPhases(trace, builder, t);
            verifyTiling(p);
            if (QTest::currentTestFailed())
                return;
            const bool reused = reusedFrom >= 0 && int(t) >= reusedFrom;
            QCOMPARE(p.reusedConnection, reused ? 1 : 0);
            if (reused)
                QCOMPARE(p.ns(PhaseKind::Tls), 0);
            else {
                QString spans;
                for (const PhaseSpan &span : p.spans)
                    spans
                        += phaseName(span.kind) + u' ' + QString::number(span.durationNs()) + u' ';
                QVERIFY2(p.ns(PhaseKind::Tls) > 0,
                         qPrintable(QString::number(t) + u": handshake "
                                    + QString::number(trace.tasks.at(t).serverTlsHandshakeUs)
                                    + u" us; " + spans));
            }
        }
        // Said in the diagnostics, and exported to HAR as ssl (inside connect).
        bool said = false;
        for (const Diagnostic &d : diagnose(trace, builder))
            said = said || d.text.startsWith(u"TLS handshakes took up to"_s);
        QVERIFY(said);
        const QJsonArray entries
            = QJsonDocument::fromJson(harJson(trace)).object()[u"log"_s][u"entries"_s].toArray();
        QCOMPARE(entries.size(), 12);
        int withSsl = 0;
        for (const QJsonValue &entry : entries) {
            const QJsonObject timings = entry[u"timings"_s].toObject();
            const double ssl = timings[u"ssl"_s].toDouble();
            if (ssl >= 0) {
                ++withSsl;
                QVERIFY(timings[u"connect"_s].toDouble() >= ssl);
            }
        }
        QCOMPARE(withSsl, reusedFrom < 0 ? 12 : 6);
        // The tasks CSV names each phase's column right: with no capacity, nothing queues at the
        // server, and /delay/0.2 is waiting.
        const QList<QStringList> rows = parseCsv(tasksCsv(trace));
        const qsizetype waiting = rows.first().indexOf(u"waiting_ms"_s);
        const qsizetype serverQueue = rows.first().indexOf(u"server_queue_ms"_s);
        for (qsizetype r = 1; r < rows.size(); ++r) {
            QVERIFY2(rows[r].at(waiting).toDouble() > 0, qPrintable(rows[r].join(u',')));
            QCOMPARE(rows[r].at(serverQueue).toDouble(), 0.0);
        }
    }

    // A refused certificate ends the task `error` with the reason in plain words, whatever the
    // strategy; trusting it (--ca-file) or checking nothing (--insecure) lets it through.
    void certificateErrorsAreNamed_data()
    {
        QTest::addColumn<QString>("server");
        QTest::addColumn<bool>("trusted");
        QTest::addColumn<bool>("insecure");
        QTest::addColumn<QString>("error"); // empty: ok
        QTest::addColumn<int>("strategy");
        const struct
        {
            const char *name;
            const char *server;
            bool trusted;
            bool insecure;
            const char *error;
        } rows[] = {
            {"self-signed, not trusted", "loopback", false, false, "certificate is self-signed"},
            {"trusted (--ca-file)", "loopback", true, false, ""},
            {"another host's certificate", "other", true, false, "host name mismatch"},
            {"expired", "expired", true, false, "certificate has expired"},
            {"insecure accepts another host's", "other", false, true, ""},
            {"insecure accepts an expired one", "expired", false, true, ""},
        };
        for (Strategy strategy : allStrategies())
            for (const auto &row : rows)
                QTest::addRow("%s, %s", row.name, qPrintable(strategyName(strategy)))
                    << QString::fromLatin1(row.server) << row.trusted << row.insecure
                    << QString::fromLatin1(row.error) << int(strategy);
    }
    void certificateErrorsAreNamed()
    {
        QFETCH(QString, server);
        QFETCH(bool, trusted);
        QFETCH(bool, insecure);
        QFETCH(QString, error);
        QFETCH(int, strategy);
        const TestServer &target = server == u"loopback"_s ? m_https
            : server == u"other"_s                         ? m_wrongName
                                                           : m_expiredServer;
        RunSpec spec = CoroscopeTest::specOn(target, u"/get"_s, 2);
        spec.strategy = Strategy(strategy);
        spec.workers = 2;
        if (trusted)
            spec.caCertificates = {target.certificate()};
        spec.insecure = insecure;
        const Trace trace = CoroscopeTest::runToEnd(spec);
        QCOMPARE(trace.tasks.size(), 2);
        for (const TaskInfo &info : trace.tasks) {
            if (error.isEmpty()) {
                QCOMPARE(info.result, TaskResult::Ok);
            } else {
                QCOMPARE(info.result, TaskResult::Error);
                QVERIFY2(info.error.contains(error), qPrintable(info.error));
            }
        }
        QCOMPARE(summaryJson(summarize(trace)).contains("\"insecure\":true"), insecure);
    }

    void insecureIsShownInTheDiagnostics()
    {
        RunSpec spec = CoroscopeTest::specOn(m_wrongName, u"/get"_s, 1);
        spec.insecure = true;
        const Trace trace = CoroscopeTest::runToEnd(spec);
        QVERIFY(trace.settings.insecure);
        const QList<Diagnostic> found = diagnose(trace);
        QVERIFY(std::any_of(found.cbegin(), found.cend(), [](const Diagnostic &d) {
            return d.kind == Diagnostic::Kind::Insecure && d.text.contains(u"--insecure"_s);
        }));
    }

    // --ca-file reads one or more PEM certificates; anything else is a clear error (exit 2).
    void caFileOption_data()
    {
        QTest::addColumn<QByteArray>("content"); // empty: no such file
        QTest::addColumn<int>("certificates");
        QTest::addColumn<QString>("error");
        QString error;
        const QByteArray one = generateSelfSigned({u"a.example"_s}, 0, Day, &error).certificatePem;
        const QByteArray two = generateSelfSigned({u"b.example"_s}, 0, Day, &error).certificatePem;
        QTest::newRow("one certificate") << one << 1 << QString();
        QTest::newRow("a bundle of two") << (one + two) << 2 << QString();
        QTest::newRow("not PEM") << QByteArray("hello\n") << 0 << u"holds no PEM certificate"_s;
        QTest::newRow("a private key is not a certificate")
            << m_loopback.privateKeyPem << 0 << u"holds no PEM certificate"_s;
        QTest::newRow("missing") << QByteArray() << 0 << u"does not exist"_s;
    }
    void caFileOption()
    {
        QFETCH(QByteArray, content);
        QFETCH(int, certificates);
        QFETCH(QString, error);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"ca.pem"_s);
        if (!content.isEmpty()) {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        const ParsedArguments parsed
            = parseArguments({u"coroscope"_s, u"--headless"_s, u"--ca-file"_s, path});
        if (error.isEmpty()) {
            QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
            QCOMPARE(parsed.options.spec.caCertificates.size(), certificates);
        } else {
            QVERIFY2(parsed.error.contains(error), qPrintable(parsed.error));
            QVERIFY(parsed.error.contains(path));
        }
    }

    void tlsAndInsecureOptions()
    {
        const ParsedArguments parsed = parseArguments(
            {u"coroscope"_s, u"--serve"_s, u"--tls"_s, u"--insecure"_s, u"--port"_s, u"0"_s});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QVERIFY(parsed.options.tls);
        QVERIFY(parsed.options.spec.insecure);
        QCOMPARE(parsed.options.mode, CliOptions::Mode::Serve);
    }

    // Someone types http:// for the https port: a plain-text 400 saying so, then a clean close,
    // and the server serves https as before.
    void plainHttpToTheHttpsPort()
    {
        TestServer server;
        QVERIFY(startHttps(server, m_loopback));
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, server.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("GET /get HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        const QByteArray answer = readUntilClosed(socket);
        QVERIFY2(answer.startsWith("HTTP/1.1 400 Bad Request\r\n"), answer.constData());
        QVERIFY(answer.contains("This port speaks HTTPS"));
        QCOMPARE(statuses(answer), QList<int>{400});
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(server.stats().plainHttpOnTls, 1);
        const Trace trace = CoroscopeTest::runToEnd(httpsSpec(server, u"/get"_s, 3));
        for (const TaskInfo &info : trace.tasks)
            QCOMPARE(info.result, TaskResult::Ok);
    }

    // The other way round: an https URL for the plain port fails at once, saying why, instead
    // of both sides waiting for the other's next line until a timeout.
    void httpsToThePlainPort()
    {
        TestServer plain;
        QVERIFY(plain.start(0));
        RunSpec spec = CoroscopeTest::specOn(plain, u"/get"_s, 2);
        spec.urls.first().setScheme(u"https"_s);
        spec.timeoutMs = 20000;
        const Trace trace = CoroscopeTest::runToEnd(spec);
        for (const TaskInfo &info : trace.tasks) {
            QCOMPARE(info.result, TaskResult::Error);
            QVERIFY2(info.error.contains(u"did not answer in TLS"_s), qPrintable(info.error));
        }
    }

    // A client that connects and never finishes its handshake is closed after the handshake
    // timeout, not kept for the 30 s idle timeout.
    void handshakeTimeout_data()
    {
        QTest::addColumn<QByteArray>("sent");
        QTest::newRow("silent client") << QByteArray();
        // The first bytes of a TLS record announcing a 512-byte ClientHello that never comes.
        QTest::newRow("half a hello") << QByteArray::fromHex("160301020001");
    }
    void handshakeTimeout()
    {
        QFETCH(QByteArray, sent);
        TestServer server;
        QVERIFY(startHttps(server, m_loopback));
        server.setHandshakeTimeoutMs(300);
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, server.port());
        QVERIFY(socket.waitForConnected(5000));
        if (!sent.isEmpty())
            socket.write(sent);
        QTRY_COMPARE_WITH_TIMEOUT(server.stats().handshakeTimeouts, 1, 10000);
        readUntilClosed(socket);
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QTRY_COMPARE(server.stats().openConnections, 0);
    }

    void garbageInsteadOfAHello()
    {
        TestServer server;
        QVERIFY(startHttps(server, m_loopback));
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, server.port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(QByteArray(64, '\x16') + QByteArray(512, '\xff'));
        readUntilClosed(socket);
        QCOMPARE(socket.state(), QAbstractSocket::UnconnectedState);
        QCOMPARE(server.stats().tlsFailures, 1);
        QCOMPARE(server.stats().tlsHandshakes, 0);
    }

    // The HTTP guarantees hold inside TLS: pipelined answers in request order, the head limits.
    void exchangesOverTls_data()
    {
        QTest::addColumn<QByteArray>("requests");
        QTest::addColumn<QList<int>>("expected");
        QTest::newRow("pipelined: answered in request order")
            << QByteArray("GET /delay/0.3 HTTP/1.1\r\nHost: h\r\n\r\n"
                          "GET /get HTTP/1.1\r\nHost: h\r\n\r\n"
                          "GET /status/418 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n")
            << QList<int>{200, 200, 418};
        QTest::newRow("414 for a 20 kB request line")
            << ("GET /get?" + QByteArray(20000, 'a') + " HTTP/1.1\r\nHost: h\r\n\r\n")
            << QList<int>{414};
        QTest::newRow("431 for 20 kB of headers")
            << ("GET /get HTTP/1.1\r\nHost: h\r\nX-Big: " + QByteArray(20000, 'b') + "\r\n\r\n")
            << QList<int>{431};
        QTest::newRow("413 for a 2 MB body")
            << QByteArray("GET /get HTTP/1.1\r\nHost: h\r\nContent-Length: 2000000\r\n\r\n")
            << QList<int>{413};
    }
    void exchangesOverTls()
    {
        QFETCH(QByteArray, requests);
        QFETCH(QList<int>, expected);
        QSslSocket socket;
        QVERIFY(connectTls(socket, m_https.port()));
        socket.write(requests);
        const QByteArray answers = readUntilClosed(socket);
        QCOMPARE(statuses(answers), expected);
    }

    // A large body crosses TLS whole: the server's writes wait for the socket (WANT_WRITE).
    void largeBodyOverTls()
    {
        const Trace trace = CoroscopeTest::runToEnd(httpsSpec(m_https, u"/bytes/4000000"_s, 3));
        for (const TaskInfo &info : trace.tasks) {
            QCOMPARE(info.result, TaskResult::Ok);
            QCOMPARE(info.bytes, 4000000);
        }
    }

    // Back-pressure holds inside TLS: a client that stops reading a 10 MiB body pins one
    // generated piece on the server, not the body.
    void backPressureOverTls()
    {
        TestServer server;
        QVERIFY(startHttps(server, m_loopback));
        QSslSocket socket;
        QVERIFY(connectTls(socket, server.port()));
        socket.setReadBufferSize(16 * 1024);
        socket.write("GET /bytes/10485760 HTTP/1.1\r\nHost: h\r\n\r\n");
        QTest::qWait(700); // the buffers fill; without back-pressure the server would queue all
        const ServerStats stats = server.stats();
        QVERIFY2(stats.maxQueuedWriteBytes <= 128 * 1024,
                 qPrintable(u"%1 bytes queued"_s.arg(stats.maxQueuedWriteBytes)));
        QVERIFY(stats.queuedWriteBytes > 0); // it is waiting for the client, not done
        // Reading on gets the whole body.
        socket.setReadBufferSize(0);
        QByteArray data;
        QElapsedTimer clock;
        clock.start();
        while (data.size() < 10485760 && clock.elapsed() < 20000) {
            socket.waitForReadyRead(200);
            data += socket.readAll();
        }
        QVERIFY(data.startsWith("HTTP/1.1 200 OK\r\n"));
        QCOMPARE(data.size() - (data.indexOf("\r\n\r\n") + 4), 10485760);
    }

    // One server, both ports: what the window uses so its TLS box can switch at any time.
    void httpAndHttpsTogether()
    {
        TestServer server;
        server.setProtocols(TestServer::Protocols::HttpAndHttps, m_loopback);
        QVERIFY(server.start(0));
        QCOMPARE(server.baseUrl().scheme(), u"http"_s);
        QCOMPARE(server.httpsBaseUrl().scheme(), u"https"_s);
        QVERIFY(server.httpsPort() != server.port());
        RunSpec spec = CoroscopeTest::specOn(server, u"/get"_s, 2);
        QUrl https = server.httpsBaseUrl();
        https.setPath(u"/get"_s);
        spec.urls.append(https);
        spec.caCertificates = {server.certificate()};
        const Trace trace = CoroscopeTest::runToEnd(spec);
        for (const TaskInfo &info : trace.tasks)
            QCOMPARE(info.result, TaskResult::Ok);
        QCOMPARE(server.stats().tlsHandshakes, 1);
    }

    // On plain http a lane of 6 connections is a peer-verify name on a shared manager; on https
    // that name is what the certificate is checked against, so there a lane is a manager.
    void httpsLanesAreManagersNotNames()
    {
        for (const QString &scheme : {u"http"_s, u"https"_s, u"HTTPS"_s}) {
            ConnectionPool pool(0, 1000);
            const QString host
                = ConnectionPool::hostKey(QUrl(scheme + u"://127.0.0.1:9/"_s, QUrl::StrictMode));
            const bool https = scheme.toLower() == u"https"_s;
            QList<ConnectionPool::Lease> leases;
            for (int i = 0; i < 13; ++i) {
                leases.append(pool.lease(host));
                QNetworkRequest request(QUrl(scheme + u"://127.0.0.1:9/"_s));
                ConnectionPool::prepare(request, leases.constLast());
                QCOMPARE(request.peerVerifyName().isEmpty(), https);
                QCOMPARE(leases.constLast().named, !https);
            }
            QCOMPARE(pool.managerCount(), https ? 3 : 1);
            for (const ConnectionPool::Lease &lease : leases)
                pool.release(host, lease);
        }
    }

    // The embedded server's certificate: made once, kept private, reused, remade when unusable.
    void storedCredentials()
    {
        QTemporaryDir dir;
        const QString tls = dir.filePath(u"tls"_s);
        QString error;
        const TlsCredentials first = loadOrCreateServerCredentials(tls, &error);
        QVERIFY2(!first.isNull(), qPrintable(error));
        QCOMPARE(first.certificatePath, tls + u"/server.crt"_s);
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(tls + u"/server.key"_s).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0600));
        QCOMPARE(::stat(QFile::encodeName(tls).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0700));

        const TlsCredentials again = loadOrCreateServerCredentials(tls, &error);
        QCOMPARE(again.certificatePem, first.certificatePem);
        QCOMPARE(again.privateKeyPem, first.privateKeyPem);

        // Unreadable (garbage), expired, or a key of another certificate: made anew.
        const QList<std::pair<QByteArray, QByteArray>> broken{
            {QByteArray("garbage"), first.privateKeyPem},
            {m_expired.certificatePem, m_expired.privateKeyPem},
            {first.certificatePem, m_loopback.privateKeyPem},
        };
        for (const auto &[cert, key] : broken) {
            QFile certFile(tls + u"/server.crt"_s);
            QVERIFY(certFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
            certFile.write(cert);
            certFile.close();
            QFile keyFile(tls + u"/server.key"_s);
            QVERIFY(keyFile.open(QIODevice::WriteOnly | QIODevice::Truncate));
            keyFile.write(key);
            keyFile.close();
            const TlsCredentials remade = loadOrCreateServerCredentials(tls, &error);
            QVERIFY(!remade.isNull());
            QVERIFY(remade.certificatePem != cert);
            QVERIFY(remade.certificatePem != first.certificatePem);
        }
        // The generated certificate names every loopback host.
        const QSslCertificate cert(first.certificatePem);
        const auto names = cert.subjectAlternativeNames();
        QVERIFY(names.values(QSsl::AlternativeNameEntryType::DnsEntry).contains(u"localhost"_s));
        const QStringList ips = names.values(QSsl::AlternativeNameEntryType::IpAddressEntry);
        QVERIFY2(ips.contains(u"127.0.0.1"_s), qPrintable(ips.join(u' ')));
        QCOMPARE(ips.size(), 2); // and ::1
    }

    // Issue 18.15: a leaf for TLS servers, not a CA that could vouch for any name.
    void serverCertificateIsALeaf()
    {
        QTemporaryDir dir;
        QString error;
        const TlsCredentials stored = loadOrCreateServerCredentials(dir.filePath(u"tls"_s), &error);
        QVERIFY2(!stored.isNull(), qPrintable(error));
        const X509Ptr cert = parseCertificate(stored.certificatePem);
        QVERIFY(cert);
        QCOMPARE(X509_check_ca(cert.get()), 0);
        int critical = -1;
        auto *constraints = static_cast<BASIC_CONSTRAINTS *>(
            X509_get_ext_d2i(cert.get(), NID_basic_constraints, &critical, nullptr));
        QVERIFY(constraints);
        QCOMPARE(constraints->ca, 0);
        QCOMPARE(critical, 1);
        BASIC_CONSTRAINTS_free(constraints);
        QCOMPARE(X509_check_purpose(cert.get(), X509_PURPOSE_SSL_SERVER, 0), 1);
        QCOMPARE(X509_get_extended_key_usage(cert.get()), quint32(XKU_SSL_SERVER));
        QVERIFY(X509_get_key_usage(cert.get()) & KU_DIGITAL_SIGNATURE);
        QVERIFY(!(X509_get_key_usage(cert.get()) & KU_KEY_CERT_SIGN));
        QCOMPARE(X509_check_ip_asc(cert.get(), "::1", 0), 1);
        QCOMPARE(X509_check_ip_asc(cert.get(), "127.0.0.1", 0), 1);
        QCOMPARE(X509_check_host(cert.get(), "localhost", 0, 0, nullptr), 1);

        // A CA certificate stored by an earlier version is replaced.
        const QString certPath = dir.filePath(u"tls/server.crt"_s);
        const QByteArray ca = asCaCertificate(stored);
        QVERIFY(!ca.isEmpty());
        QVERIFY(X509_check_ca(parseCertificate(ca).get()) != 0);
        writeFile(certPath, ca);
        const TlsCredentials remade = loadOrCreateServerCredentials(dir.filePath(u"tls"_s), &error);
        QVERIFY(!remade.isNull());
        QVERIFY(remade.certificatePem != ca);
        QCOMPARE(X509_check_ca(parseCertificate(remade.certificatePem).get()), 0);
    }

    // Issue 18.15: a key others could read is not reused as if it were secret, and it is said.
    void exposedKeyIsReplaced()
    {
        QTemporaryDir dir;
        const QString tls = dir.filePath(u"tls"_s);
        const QString keyPath = tls + u"/server.key"_s;
        QString error;
        const TlsCredentials first = loadOrCreateServerCredentials(tls, &error);
        QVERIFY2(!first.isNull(), qPrintable(error));
        QCOMPARE(::chmod(QFile::encodeName(keyPath).constData(), 0644), 0);

        QString warning;
        QString notice;
        const TlsCredentials second = loadOrCreateServerCredentials(tls, &error, &warning, &notice);
        QVERIFY(!second.isNull());
        QVERIFY2(notice.contains(u"0644"_s) && notice.contains(keyPath), qPrintable(notice));
        QVERIFY(warning.isEmpty());
        QVERIFY(second.privateKeyPem != first.privateKeyPem);
        QVERIFY(second.certificatePem != first.certificatePem);
        QCOMPARE(fileMode(keyPath), mode_t(0600));

        // Private again: reused silently.
        notice.clear();
        const TlsCredentials third = loadOrCreateServerCredentials(tls, &error, &warning, &notice);
        QCOMPARE(third.privateKeyPem, second.privateKeyPem);
        QVERIFY(notice.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
