#include "serverengine.h"

#include "server/serverconnection.h"
#include "server/tlstransport.h"

#include <cerrno>

#include <sys/socket.h>

// The engine's transport seam: how bytes enter and leave a connection, plain or TLS. Everything
// above it (parsing, the capacity queue, ordering, back-pressure, lingering) is the same for both.

namespace Coroscope {

ServerEngine::Moved ServerEngine::receive(Connection &c, char *buffer, size_t size)
{
    if (c.tls) {
        const TlsSession::Io io = c.tls->read(buffer, size);
        c.readWantsWrite = io.status == TlsSession::Status::WantWrite;
        switch (io.status) {
        case TlsSession::Status::Ok:
            return {io.bytes, Transfer::Data};
        case TlsSession::Status::WantRead:
        case TlsSession::Status::WantWrite:
            return {0, Transfer::Again};
        case TlsSession::Status::Eof:
            return {0, Transfer::Eof};
        case TlsSession::Status::PlainHttp:
        case TlsSession::Status::Failed:
            return {0, Transfer::Failed};
        }
        return {0, Transfer::Failed};
    }
    for (;;) {
        const ssize_t n = ::recv(c.fd, buffer, size, 0);
        if (n > 0)
            return {n, Transfer::Data};
        if (n == 0)
            return {0, Transfer::Eof};
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return {0, Transfer::Again};
        return {0, Transfer::Failed};
    }
}

ServerEngine::Moved ServerEngine::transmit(Connection &c, const char *data, size_t size)
{
    if (c.tls) {
        const TlsSession::Io io = c.tls->write(data, size);
        switch (io.status) {
        case TlsSession::Status::Ok:
            return {io.bytes, Transfer::Data};
        case TlsSession::Status::WantWrite:
            return {0, Transfer::Again};
        default:
            // WantRead included: only a renegotiation makes a write wait for input, and the
            // context refuses those.
            return {0, Transfer::Failed};
        }
    }
    for (;;) {
        const ssize_t n = ::send(c.fd, data, size, MSG_NOSIGNAL);
        if (n >= 0)
            return {n, n > 0 || size == 0 ? Transfer::Data : Transfer::Again};
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            return {0, Transfer::Again};
        return {0, Transfer::Failed};
    }
}

bool ServerEngine::hasBufferedInput(const Connection &c)
{
    return c.tls && !c.handshaking && c.tls->hasPendingInput();
}

void ServerEngine::continueHandshake(Connection &c)
{
    const TlsSession::Status status = c.tls->handshake();
    switch (status) {
    case TlsSession::Status::Ok: {
        c.handshaking = false;
        c.handshakeUs = (nowNs() - c.acceptedNs) / 1000;
        c.lastProgressMs = nowMs();
        m_shared->tlsHandshakes.fetch_add(1);
        updateMax(m_shared->maxHandshakeUs, c.handshakeUs);
        readFrom(c); // the request may have come with the handshake's last flight
        return;
    }
    case TlsSession::Status::WantRead:
    case TlsSession::Status::WantWrite:
        c.handshakeWantsWrite = status == TlsSession::Status::WantWrite;
        updateEvents(c);
        return;
    case TlsSession::Status::PlainHttp:
        rejectPlainHttp(c);
        return;
    case TlsSession::Status::Eof:
    case TlsSession::Status::Failed:
        m_shared->tlsFailures.fetch_add(1);
        closeConnection(c);
        return;
    }
}

// Someone typed http:// for the https port: a plain-text answer saying so (what nginx does)
// beats a connection that just drops, then the usual close that lets the answer arrive.
void ServerEngine::rejectPlainHttp(Connection &c)
{
    m_shared->tlsFailures.fetch_add(1);
    m_shared->plainHttpOnTls.fetch_add(1);
    c.tls.reset();
    c.handshaking = false;
    c.stopParsing = true;
    static constexpr char Body[] = "This port speaks HTTPS: the request was plain HTTP.\n";
    const QByteArray answer = "HTTP/1.1 400 Bad Request\r\nServer: Coroscope\r\n"
                              "Content-Type: text/plain; charset=utf-8\r\nContent-Length: "
        + QByteArray::number(qsizetype(sizeof Body - 1)) + "\r\nConnection: close\r\n\r\n" + Body;
    // A fresh socket's buffer takes these few bytes; if not, the client just sees the close.
    transmit(c, answer.constData(), size_t(answer.size()));
    beginClose(c);
}

} // namespace Coroscope
