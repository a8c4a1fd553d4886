#include "recordreader_p.h"

#include "csrecdecoder.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QTimer>

namespace Coroscope {

namespace {
// Read at most this much per turn of the reader's loop: a connection that never pauses must not
// keep the server from accepting, or drain()'s timer from firing.
constexpr qint64 ReadChunk = 1 << 20;
// A drain that keeps receiving goes on at most this long (a child that inherited the connection
// and writes to it forever must not keep the recording from ending).
constexpr qint64 DrainCapMs = 120000;
} // namespace

RecordReader::RecordReader(std::shared_ptr<TraceRecorder> recorder)
    : m_recorder(std::move(recorder))
{
}

RecordReader::~RecordReader() = default;

QString RecordReader::listen(const QString &path)
{
    m_server = new QLocalServer(this);
    // Only this user may connect (the folder is private too): another user's process must not
    // be able to feed a recording into the window.
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(path))
        return m_server->errorString();
    connect(m_server, &QLocalServer::newConnection, this, &RecordReader::acceptPending);
    m_drainTimer = new QTimer(this);
    m_drainTimer->setSingleShot(true);
    connect(m_drainTimer, &QTimer::timeout, this, [this]() {
        if (m_main && !m_mainEnded) {
            // Still arriving (a reader slower than the program: what the program wrote before it
            // ended waits in the socket): not held open, just not read yet. Only a connection
            // silent for a whole period, or past the cap, is cut.
            // Pulls what the kernel holds for the socket (its notifier may not have fired yet).
            m_main->waitForReadyRead(0);
            if (m_main->bytesAvailable() > 0)
                readMain();
            if (m_mainEnded)
                return; // readMain() saw the end: mainClosed() finished the drain
            const qint64 seen = m_bytes.load();
            if ((seen != m_drainSeenBytes || m_main->bytesAvailable() > 0)
                && m_drainClock.elapsed() < DrainCapMs) {
                m_drainSeenBytes = seen;
                m_drainTimer->start();
                return;
            }
            m_heldOpen.store(true);
        }
        finishDrain();
    });
    return QString();
}

void RecordReader::acceptPending()
{
    while (QLocalSocket *socket = m_server ? m_server->nextPendingConnection() : nullptr) {
        const int count = m_connections.fetch_add(1) + 1;
        if (!m_main) {
            m_main = socket;
            m_decoder = std::make_unique<CsrecDecoder>(m_recorder.get());
            connect(socket, &QLocalSocket::readyRead, this, &RecordReader::readMain);
            connect(socket, &QLocalSocket::disconnected, this, &RecordReader::mainClosed);
            Q_EMIT firstConnected();
            readMain();
            continue;
        }
        // Read and thrown away: left unread, the other recorder would only drop its records,
        // but a closed socket could make it print errors into the program's output.
        connect(socket, &QLocalSocket::readyRead, socket, [socket]() { socket->readAll(); });
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        Q_EMIT otherConnection(count - 1);
    }
}

void RecordReader::readMain()
{
    if (!m_main || !m_decoder || m_mainEnded)
        return;
    const QByteArray bytes = m_main->read(ReadChunk);
    if (!bytes.isEmpty()) {
        m_bytes.fetch_add(bytes.size());
        m_decoder->feed(bytes);
    }
    // More waiting: the rest on the next turn of this thread's loop, so that a connection that
    // never pauses still lets the server accept and drain()'s timer fire.
    if (m_main->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &RecordReader::readMain, Qt::QueuedConnection);
}

void RecordReader::mainClosed()
{
    if (!m_main || m_mainEnded)
        return;
    // Read to the end before calling it closed.
    while (m_main->bytesAvailable() > 0) {
        const QByteArray bytes = m_main->read(ReadChunk);
        m_bytes.fetch_add(bytes.size());
        m_decoder->feed(bytes);
    }
    m_mainEnded = true;
    finishDecoder();
    if (m_draining)
        finishDrain();
}

void RecordReader::finishDecoder()
{
    if (m_decoder && !m_decoderFinished) {
        m_decoderFinished = true;
        m_decoder->finish();
    }
}

void RecordReader::drain(int maxMs)
{
    m_draining = true;
    // A program that connected and ended before this thread's loop saw it: accept it now.
    if (m_server)
        m_server->waitForNewConnection(0);
    acceptPending();
    if (m_main && m_main->state() == QLocalSocket::UnconnectedState)
        mainClosed();
    if (!m_main || m_mainEnded) {
        finishDrain();
        return;
    }
    m_drainSeenBytes = m_bytes.load();
    m_drainClock.start();
    m_drainTimer->start(maxMs);
}

void RecordReader::finishDrain()
{
    if (m_drained)
        return;
    m_drained = true;
    if (m_drainTimer)
        m_drainTimer->stop();
    finishDecoder(); // a stream still open is cut here: what arrived is kept
    Q_EMIT drained();
}

void RecordReader::close()
{
    // The server owns every accepted socket: deleting it closes them all. The recording's
    // connection first forgets this object, so that its last signals find nothing to call.
    if (m_main)
        m_main->disconnect(this);
    m_main = nullptr;
    delete m_server;
    m_server = nullptr;
}

} // namespace Coroscope
