#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrl>

#include <memory>

#include <sys/socket.h>

namespace Coroscope::Testing {

// A deliberately bad HTTP server for fault tests: raw bytes, no HTTP library that could tidy
// them up. Each request path maps to canned bytes and to what the connection does afterwards.
// It runs on its own thread: the blocking strategies block their scheduler thread, and a test
// thread waiting on a QSignalSpy must not be what keeps the server answering either.
class FaultServer
{
public:
    enum class After {
        Close, // graceful FIN once the bytes are flushed
        Reset, // RST (SO_LINGER {1, 0} then close) shortly after the bytes went out
        Hold, // keep the connection open and silent until the client leaves
        Endless, // keep sending the body bytes forever
    };

    FaultServer() = default;
    ~FaultServer() { stop(); }
    Q_DISABLE_COPY_MOVE(FaultServer)

    // Thread-safe; may be called before or after start(). Unknown paths get a 404.
    void addRoute(const QByteArray &path, const QByteArray &response, After after = After::Close,
                  const QByteArray &endlessBlock = {})
    {
        QMutexLocker lock(&m_mutex);
        m_routes.insert(path, Route{response, after, endlessBlock});
    }

    bool start()
    {
        if (m_thread)
            return m_port != 0;
        m_thread = new QThread;
        m_thread->setObjectName(QStringLiteral("faultserver"));
        m_server = new QTcpServer;
        m_server->moveToThread(m_thread);
        m_thread->start();
        QMetaObject::invokeMethod(
            m_server,
            [this]() {
                QObject::connect(m_server, &QTcpServer::newConnection, m_server, [this]() {
                    while (QTcpSocket *socket = m_server->nextPendingConnection())
                        serve(socket);
                });
                if (m_server->listen(QHostAddress::LocalHost, 0))
                    m_port = m_server->serverPort();
            },
            Qt::BlockingQueuedConnection);
        return m_port != 0;
    }

    // Closes every connection (they are the server's children) and ends the thread.
    void stop()
    {
        if (!m_thread)
            return;
        QTcpServer *server = m_server;
        QMetaObject::invokeMethod(
            server, [server]() { delete server; }, Qt::BlockingQueuedConnection);
        m_server = nullptr;
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
        m_port = 0;
    }

    quint16 port() const { return m_port; }

    QUrl url(const QString &path) const
    {
        QUrl u;
        u.setScheme(QStringLiteral("http"));
        u.setHost(QStringLiteral("127.0.0.1"));
        u.setPort(m_port);
        u.setPath(path);
        return u;
    }

private:
    struct Route
    {
        QByteArray response;
        After after = After::Close;
        QByteArray endlessBlock;
    };

    Route route(const QByteArray &path) const
    {
        QMutexLocker lock(&m_mutex);
        return m_routes.value(
            path,
            Route{
                QByteArrayLiteral("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"), {}, {}});
    }

    // Thread: the server's.
    void serve(QTcpSocket *socket)
    {
        auto request = std::make_shared<QByteArray>();
        auto answered = std::make_shared<bool>(false);
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        QObject::connect(
            socket, &QTcpSocket::readyRead, socket, [this, socket, request, answered]() {
                if (*answered) {
                    socket->readAll(); // one request per connection; the rest is ignored
                    return;
                }
                request->append(socket->readAll());
                if (!request->contains("\r\n\r\n")) {
                    if (request->size() > 64 * 1024)
                        socket->abort();
                    return;
                }
                *answered = true;
                const QByteArray line = request->left(request->indexOf("\r\n"));
                answer(socket, route(line.split(' ').value(1)));
            });
    }

    static void answer(QTcpSocket *socket, const Route &r)
    {
        socket->write(r.response);
        switch (r.after) {
        case After::Close:
            socket->disconnectFromHost(); // after the pending bytes are written
            break;
        case After::Reset:
            socket->flush();
            // Loopback delivers what write() accepted at once; the pause makes sure the peer
            // has the bytes before the RST, so the test sees a reset mid-body, not a lost body.
            QTimer::singleShot(50, socket, [socket]() {
                const linger hard{1, 0};
                ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard,
                             sizeof hard);
                socket->abort();
                socket->deleteLater();
            });
            break;
        case After::Hold:
            break;
        case After::Endless: {
            const QByteArray block
                = r.endlessBlock.isEmpty() ? QByteArray(64 * 1024, 'x') : r.endlessBlock;
            auto topUp = [socket, block]() {
                while (socket->bytesToWrite() < 512 * 1024
                       && socket->state() == QAbstractSocket::ConnectedState)
                    socket->write(block);
            };
            QObject::connect(socket, &QTcpSocket::bytesWritten, socket, topUp);
            topUp();
            break;
        }
        }
    }

    mutable QMutex m_mutex;
    QHash<QByteArray, Route> m_routes;
    QThread *m_thread = nullptr;
    QTcpServer *m_server = nullptr; // lives on m_thread
    quint16 m_port = 0;
};

} // namespace Coroscope::Testing
