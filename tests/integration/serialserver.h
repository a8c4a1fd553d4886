#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QUrl>

#include <atomic>

namespace Coroscope::Testing {

// A server that answers one request at a time and reports nothing about its queue, like
// Python's plain HTTPServer (scripts/serialserver.py): every GET waits `delayMs`, answers 200
// and closes its connection; the next connection is accepted only then. N requests sent at once
// take N x delayMs however many are in flight, so running them together buys nothing. Blocking
// socket calls on its own thread: nothing the client's loops do can speed it up or slow it down.
class SerialServer : public QThread
{
public:
    explicit SerialServer(int delayMs)
        : m_delayMs(delayMs)
    {
    }
    ~SerialServer() override
    {
        m_stop = true;
        wait();
    }
    Q_DISABLE_COPY_MOVE(SerialServer)

    // Starts listening on 127.0.0.1; false when it cannot.
    bool startListening()
    {
        start();
        m_ready.acquire();
        return m_port != 0;
    }
    QUrl url(const QString &path = QStringLiteral("/x")) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }
    int served() const { return m_served; }

protected:
    void run() override
    {
        QTcpServer server;
        server.setListenBacklogSize(1024); // every client connects; they wait for their turn
        if (server.listen(QHostAddress::LocalHost, 0))
            m_port = server.serverPort();
        m_ready.release();
        if (m_port == 0)
            return;
        while (!m_stop) {
            if (!server.waitForNewConnection(20))
                continue;
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                serve(socket);
                delete socket;
            }
        }
    }

private:
    void serve(QTcpSocket *socket)
    {
        QByteArray request;
        while (!request.contains("\r\n\r\n") && !m_stop) {
            if (!socket->waitForReadyRead(1000)
                && socket->state() != QAbstractSocket::ConnectedState)
                return; // the client left
            request += socket->readAll();
        }
        QThread::msleep(m_delayMs);
        socket->write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                      "Connection: close\r\n\r\nok");
        socket->waitForBytesWritten(1000);
        socket->disconnectFromHost();
        if (socket->state() != QAbstractSocket::UnconnectedState)
            socket->waitForDisconnected(1000);
        ++m_served;
    }

    const int m_delayMs;
    QSemaphore m_ready;
    std::atomic<quint16> m_port{0};
    std::atomic<int> m_served{0};
    std::atomic<bool> m_stop{false};
};

} // namespace Coroscope::Testing
