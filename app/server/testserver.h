#pragma once

#include "server/servercertificate.h"

#include <QMutex>
#include <QObject>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

#include <memory>

class QThread;

namespace Coroscope {

class ServerEngine;
struct ServerShared;

struct ServerStats
{ // cumulative since start()
    qint64 requests = 0; // requests received
    int maxActive = 0; // most requests being handled at once
    qint64 maxQueuedMs = 0; // longest wait in the capacity queue
    // Most response bytes the server held for one connection, produced but not yet taken by the
    // kernel: bodies are generated as the client drains them, so a client that does not read
    // costs a bounded amount of memory.
    qint64 maxQueuedWriteBytes = 0;
    int acceptPauses = 0; // times accepting paused because the process ran out of descriptors
    // Right now (not cumulative):
    int openConnections = 0;
    qint64 queuedWriteBytes = 0; // over all connections
    // TLS, cumulative:
    qint64 tlsHandshakes = 0; // completed
    qint64 tlsFailures = 0; // handshakes that failed, plain http to the https port included
    qint64 plainHttpOnTls = 0; // plain http requests answered 400 on the https port
    qint64 handshakeTimeouts = 0; // connections closed for not finishing their handshake
    qint64 maxHandshakeUs = 0; // longest handshake, accept to done
};

// An httpbin-compatible subset (/get, /delay, /status, /bytes, /drip, /stream) served from its
// own thread on loopback, so runs can be studied without the internet and with a server whose
// capacity is known. HTTP/1.1 with keep-alive and pipelining (answered in order); GET and HEAD
// only; plain http, https (TLS 1.2/1.3 by OpenSSL) or both on two ports. Every response carries
// an X-Coroscope header (trace/serverreport.h): time in the capacity queue, requests being
// handled when it was admitted (itself included), its number on its connection, the TLS
// handshake's time on a TLS connection's first request and, when a capacity is set, the capacity.
class TestServer : public QObject
{
    Q_OBJECT
public:
    explicit TestServer(QObject *parent = nullptr);
    ~TestServer() override; // stops the server thread cleanly (joins it)
    static constexpr quint16 DefaultPort = 8765;

    enum class Protocols {
        Http, // port(): http
        Https, // port(): https
        HttpAndHttps, // port(): http; httpsPort() (port() + 1 when free): https
    };
    // Before start(). https needs credentials (servercertificate.h): the embedded server's own
    // (loadOrCreateServerCredentials) or, in tests, any other, e.g. for a wrong host name.
    void setProtocols(Protocols protocols, const TlsCredentials &credentials = {});
    Protocols protocols() const;
    bool servesHttps() const;
    // Starts the server on its own QThread, binds 127.0.0.1 only, listen backlog 4096 (>= 1024).
    // Tries preferredPort first; if busy, falls back to a free port chosen by the OS (port 0).
    // preferredPort == 0 means "any free port". Blocks until listening (or failed). Returns false
    // with errorString() on failure. Calling it while running keeps the port, applies capacity
    // and returns true.
    bool start(quint16 preferredPort = DefaultPort, int capacity = 0);
    // Closes every connection and ends the thread; waits at most about 2 x StopTimeoutMs, then
    // leaves a thread that does not end behind (it should never happen: the engine's work per
    // event-loop turn is bounded and checks for stop).
    void stop();
    static constexpr int StopTimeoutMs = 3000;
    bool isRunning() const;
    quint16 port() const;
    QUrl baseUrl() const; // http://127.0.0.1:PORT (https:// when it serves https only)
    quint16 httpsPort() const; // 0 when not serving https
    QUrl httpsBaseUrl() const; // https://127.0.0.1:PORT; empty when not serving https
    // The certificate https is served with (null without https), and where it is on disk
    // (empty when it was given in memory): what `curl --cacert` needs.
    QSslCertificate certificate() const;
    QString certificatePath() const;
    QString errorString() const;
    void setCapacity(int capacity); // thread-safe; 0 = unlimited
    int capacity() const;
    ServerStats stats() const; // thread-safe
    static constexpr int DefaultIdleTimeoutMs = 30000;
    // A connection with no request in progress (or whose client stopped reading) is closed after
    // this long. Thread-safe; tests shorten it.
    void setIdleTimeoutMs(int ms);
    int idleTimeoutMs() const;
    static constexpr int DefaultHandshakeTimeoutMs = 10000;
    // A TLS client that has not finished its handshake this long after connecting is closed.
    void setHandshakeTimeoutMs(int ms);

private:
    // Held across start()/stop() so concurrent callers see either no server or a listening one.
    mutable QMutex m_mutex;
    QThread *m_thread = nullptr;
    ServerEngine *m_engine = nullptr;
    // Outlives the engine: counters and capacity are read and written from any thread.
    std::shared_ptr<ServerShared> m_shared;
    quint16 m_port = 0;
    quint16 m_httpsPort = 0;
    Protocols m_protocols = Protocols::Http;
    TlsCredentials m_credentials;
    QString m_error;
};

} // namespace Coroscope
