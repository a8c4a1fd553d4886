#include "testserver.h"

#include "server/serverengine.h"
#include "server/tlstransport.h"

#include <QDeadlineTimer>
#include <QSemaphore>
#include <QThread>

#include <algorithm>

// The public face of the test server: starting and stopping its thread, and the settings and
// counters it shares with the engine (serverengine.h) that runs there.

namespace Coroscope {

TestServer::TestServer(QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<ServerShared>())
{
}

TestServer::~TestServer()
{
    stop();
}

bool TestServer::start(quint16 preferredPort, int capacity)
{
    QMutexLocker lock(&m_mutex);
    m_shared->capacity.store(std::max(0, capacity));
    if (m_engine) {
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine] { engine->pump(); }, Qt::QueuedConnection);
        return true;
    }

    m_shared->requests.store(0);
    m_shared->maxActive.store(0);
    m_shared->maxQueuedMs.store(0);
    m_shared->maxQueuedWriteBytes.store(0);
    m_shared->acceptPauses.store(0);
    m_shared->tlsHandshakes.store(0);
    m_shared->tlsFailures.store(0);
    m_shared->plainHttpOnTls.store(0);
    m_shared->handshakeTimeouts.store(0);
    m_shared->maxHandshakeUs.store(0);
    m_error.clear();

    const bool https = m_protocols != Protocols::Http;
    std::unique_ptr<TlsContext> tls;
    if (https) {
        QString tlsError;
        tls = TlsContext::create(m_credentials.certificatePem, m_credentials.privateKeyPem,
                                 &tlsError);
        if (!tls) {
            m_error = tr("cannot serve https: %1").arg(tlsError);
            return false;
        }
    }

    auto *thread = new QThread;
    thread->setObjectName(QStringLiteral("coroscope-testserver"));
    auto *engine = new ServerEngine(m_shared);
    engine->moveToThread(thread);
    // Deferred deletes are flushed when a thread finishes: the engine dies on its own thread.
    connect(thread, &QThread::finished, engine, &QObject::deleteLater);
    thread->start();

    bool ok = false;
    quint16 port = 0;
    quint16 httpsPort = 0;
    QString error;
    const Protocols protocols = m_protocols;
    QMetaObject::invokeMethod(
        engine,
        [&] {
            if (tls)
                engine->setTls(std::move(tls));
            ok = engine->listenOn(preferredPort, protocols == Protocols::Https, &port, &error);
            if (ok && protocols == Protocols::HttpAndHttps) {
                const quint16 next = preferredPort != 0 && port < 65535 ? port + 1 : 0;
                ok = engine->listenOn(next, true, &httpsPort, &error);
            }
            if (ok && protocols == Protocols::Https)
                httpsPort = port;
        },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        thread->quit();
        thread->wait();
        delete thread;
        m_error = error.isEmpty() ? tr("Could not listen on 127.0.0.1") : error;
        return false;
    }
    m_thread = thread;
    m_engine = engine;
    m_port = port;
    m_httpsPort = httpsPort;
    return true;
}

// Bounded: a window closing or a SIGTERM must not wait on whatever a client made the server do.
// The flag makes the engine drop its work at its next check (between connections and after each
// connection's turn budget); a thread that still does not finish is left to the process's exit.
void TestServer::stop()
{
    QMutexLocker lock(&m_mutex);
    if (!m_thread)
        return;
    m_engine->requestStop();
    const auto shutDown = std::make_shared<QSemaphore>();
    QMetaObject::invokeMethod(
        m_engine,
        [engine = m_engine, shutDown] {
            engine->shutdown();
            shutDown->release();
        },
        Qt::QueuedConnection);
    const bool closed = shutDown->tryAcquire(1, StopTimeoutMs);
    m_thread->quit();
    if (closed && m_thread->wait(QDeadlineTimer(StopTimeoutMs))) {
        delete m_thread;
    } else {
        // Not deleted: destroying a running QThread aborts. The process's exit ends it.
        qWarning("coroscope: the test server's thread did not stop within %d ms; left behind",
                 StopTimeoutMs);
    }
    m_thread = nullptr;
    m_engine = nullptr;
    m_port = 0;
    m_httpsPort = 0;
}

bool TestServer::isRunning() const
{
    QMutexLocker lock(&m_mutex);
    return m_engine != nullptr;
}

quint16 TestServer::port() const
{
    QMutexLocker lock(&m_mutex);
    return m_port;
}

void TestServer::setProtocols(Protocols protocols, const TlsCredentials &credentials)
{
    QMutexLocker lock(&m_mutex);
    m_protocols = protocols;
    m_credentials = protocols == Protocols::Http ? TlsCredentials() : credentials;
}

TestServer::Protocols TestServer::protocols() const
{
    QMutexLocker lock(&m_mutex);
    return m_protocols;
}

bool TestServer::servesHttps() const
{
    return protocols() != Protocols::Http;
}

quint16 TestServer::httpsPort() const
{
    QMutexLocker lock(&m_mutex);
    return m_httpsPort;
}

QUrl TestServer::httpsBaseUrl() const
{
    const quint16 port = httpsPort();
    if (port == 0)
        return {};
    QUrl url;
    url.setScheme(QStringLiteral("https"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port);
    return url;
}

QSslCertificate TestServer::certificate() const
{
    QMutexLocker lock(&m_mutex);
    if (m_protocols == Protocols::Http || m_credentials.isNull())
        return QSslCertificate();
    return QSslCertificate(m_credentials.certificatePem, QSsl::Pem);
}

QString TestServer::certificatePath() const
{
    QMutexLocker lock(&m_mutex);
    return m_protocols == Protocols::Http ? QString() : m_credentials.certificatePath;
}

QUrl TestServer::baseUrl() const
{
    if (protocols() == Protocols::Https)
        return httpsBaseUrl();
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(QStringLiteral("127.0.0.1"));
    url.setPort(port());
    return url;
}

QString TestServer::errorString() const
{
    QMutexLocker lock(&m_mutex);
    return m_error;
}

void TestServer::setCapacity(int capacity)
{
    m_shared->capacity.store(std::max(0, capacity));
    QMutexLocker lock(&m_mutex);
    // A larger capacity admits waiting requests now rather than at the next completion.
    if (m_engine)
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine] { engine->pump(); }, Qt::QueuedConnection);
}

int TestServer::capacity() const
{
    return m_shared->capacity.load();
}

ServerStats TestServer::stats() const
{
    ServerStats stats;
    stats.requests = m_shared->requests.load();
    stats.maxActive = m_shared->maxActive.load();
    stats.maxQueuedMs = m_shared->maxQueuedMs.load();
    stats.maxQueuedWriteBytes = m_shared->maxQueuedWriteBytes.load();
    stats.acceptPauses = m_shared->acceptPauses.load();
    stats.openConnections = m_shared->openConnections.load();
    stats.queuedWriteBytes = m_shared->queuedWriteBytes.load();
    stats.tlsHandshakes = m_shared->tlsHandshakes.load();
    stats.tlsFailures = m_shared->tlsFailures.load();
    stats.plainHttpOnTls = m_shared->plainHttpOnTls.load();
    stats.handshakeTimeouts = m_shared->handshakeTimeouts.load();
    stats.maxHandshakeUs = m_shared->maxHandshakeUs.load();
    return stats;
}

void TestServer::setIdleTimeoutMs(int ms)
{
    m_shared->idleTimeoutMs.store(std::max(1, ms));
    QMutexLocker lock(&m_mutex);
    if (m_engine)
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine] { engine->applyIdleTimeout(); }, Qt::QueuedConnection);
}

void TestServer::setHandshakeTimeoutMs(int ms)
{
    m_shared->handshakeTimeoutMs.store(std::max(1, ms));
    QMutexLocker lock(&m_mutex);
    if (m_engine)
        QMetaObject::invokeMethod(
            m_engine, [engine = m_engine] { engine->applyIdleTimeout(); }, Qt::QueuedConnection);
}

int TestServer::idleTimeoutMs() const
{
    return m_shared->idleTimeoutMs.load();
}

} // namespace Coroscope
