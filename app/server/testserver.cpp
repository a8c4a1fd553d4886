#include "testserver.h"

#include "server/serverengine.h"

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
    m_error.clear();

    auto *thread = new QThread;
    thread->setObjectName(QStringLiteral("coroscope-testserver"));
    auto *engine = new ServerEngine(m_shared);
    engine->moveToThread(thread);
    // Deferred deletes are flushed when a thread finishes: the engine dies on its own thread.
    connect(thread, &QThread::finished, engine, &QObject::deleteLater);
    thread->start();

    bool ok = false;
    quint16 port = 0;
    QString error;
    QMetaObject::invokeMethod(
        engine, [&] { ok = engine->listenOn(preferredPort, &port, &error); },
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
    return true;
}

void TestServer::stop()
{
    QMutexLocker lock(&m_mutex);
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_engine, [engine = m_engine] { engine->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_engine = nullptr;
    m_port = 0;
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

QUrl TestServer::baseUrl() const
{
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

int TestServer::idleTimeoutMs() const
{
    return m_shared->idleTimeoutMs.load();
}

} // namespace Coroscope
