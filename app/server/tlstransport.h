#pragma once

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <memory>

#include <sys/types.h>

struct ssl_ctx_st;
struct ssl_st;

namespace Coroscope {

// The test server's TLS, on OpenSSL directly: the engine's sockets are raw non-blocking
// descriptors in an epoll set (serverengine.h), which QSslSocket cannot drive.
class TlsContext
{
public:
    // The certificate PEM may hold a chain after the server's own certificate.
    static std::unique_ptr<TlsContext> create(const QByteArray &certificatePem,
                                              const QByteArray &privateKeyPem, QString *error);
    ~TlsContext();
    TlsContext(const TlsContext &) = delete;
    TlsContext &operator=(const TlsContext &) = delete;
    ssl_ctx_st *handle() const { return m_ctx; }

private:
    explicit TlsContext(ssl_ctx_st *ctx)
        : m_ctx(ctx)
    {
    }
    ssl_ctx_st *m_ctx = nullptr;
};

// One connection's TLS state over a non-blocking socket. Every call returns at once: what it
// waits for is in the result, and the engine asks epoll for exactly that.
class TlsSession
{
public:
    enum class Status {
        Ok, // handshake done; or n bytes moved
        WantRead, // call again when the socket is readable
        WantWrite, // call again when the socket is writable
        Eof, // the client closed (close_notify or a plain EOF)
        PlainHttp, // the client spoke plain HTTP to the TLS port
        Failed, // anything else: the connection is beyond use
    };
    struct Io
    {
        ssize_t bytes = 0; // > 0 with Ok
        Status status = Status::Ok;
    };

    TlsSession(const TlsContext &context, int fd);
    ~TlsSession();
    TlsSession(const TlsSession &) = delete;
    TlsSession &operator=(const TlsSession &) = delete;

    Status handshake();
    Io read(char *buffer, size_t size);
    Io write(const char *data, size_t size);
    // Decrypted or partly read bytes OpenSSL holds: epoll cannot see them.
    bool hasPendingInput() const;
    // Sends close_notify if the socket takes it now; never waits.
    void closeNotify();
    QString lastError() const { return m_lastError; }

private:
    Status classify(int result);

    ssl_st *m_ssl = nullptr;
    QString m_lastError;
};

} // namespace Coroscope
