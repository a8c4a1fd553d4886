#pragma once

#include "server/testserver.h"

#include <QAbstractSocket>
#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <queue>
#include <type_traits>
#include <unordered_map>
#include <vector>

class QSocketNotifier;
class QTimer;

namespace Coroscope {

class TlsContext;

namespace Http {
struct Request;
}
namespace Httpbin {
class Response;
}

// Settings and counters shared by a TestServer (any thread) and its engine (the server thread).
// Outlives the engine.
struct ServerShared
{
    std::atomic<int> capacity{0};
    std::atomic<int> idleTimeoutMs{TestServer::DefaultIdleTimeoutMs};
    std::atomic<qint64> requests{0};
    std::atomic<int> maxActive{0};
    std::atomic<qint64> maxQueuedMs{0};
    std::atomic<qint64> maxQueuedWriteBytes{0};
    std::atomic<int> acceptPauses{0};
    std::atomic<int> openConnections{0};
    std::atomic<qint64> queuedWriteBytes{0};
    // TLS
    std::atomic<int> handshakeTimeoutMs{TestServer::DefaultHandshakeTimeoutMs};
    std::atomic<qint64> tlsHandshakes{0}; // completed
    std::atomic<qint64> tlsFailures{0}; // failed handshakes, plain http to the TLS port included
    std::atomic<qint64> plainHttpOnTls{0};
    std::atomic<qint64> handshakeTimeouts{0};
    std::atomic<qint64> maxHandshakeUs{0};
};

template<typename T> void updateMax(std::atomic<T> &target, std::type_identity_t<T> value)
{
    T current = target.load(std::memory_order_relaxed);
    while (value > current && !target.compare_exchange_weak(current, value))
        ;
}

// The test server's HTTP/1.1 connection engine: raw non-blocking sockets in one epoll set,
// watched by a single QSocketNotifier on the server thread. It reads and parses requests, admits
// them through the capacity queue, wakes /delay and /drip from one deadline heap, and writes the
// answers (httpbinroutes.h makes them) in request order, as fast as each client takes them.
// - QTcpSocket closes the descriptor as soon as it reads EOF, so a client that half-closes after
//   its request would never get the answer; raw sockets keep writing after EOF.
// - One epoll notifier costs O(ready sockets) per wake-up where a notifier per socket costs
//   O(all sockets) in the event dispatcher's poll(): at 10,000 connections that was the server's
//   main cost.
// QTcpServer still listens and accepts (backlog, pause/resume); everything after accept is here.
// Lives on the server thread: every member function runs there.
class ServerEngine : public QObject
{
public:
    explicit ServerEngine(std::shared_ptr<ServerShared> shared);
    ~ServerEngine() override;

    // Before listenOn(..., true): the certificate and key https connections use.
    void setTls(std::unique_ptr<TlsContext> context);
    // Must run on the server thread: the notifier and timers live there. Once per port; a
    // `tls` listener speaks only https.
    bool listenOn(quint16 preferredPort, bool tls, quint16 *port, QString *error);
    // Must run on the server thread while its event loop still runs; the engine itself is
    // deleted when the thread finishes.
    void shutdown();
    // Any thread: the engine drops whatever it is doing at its next check (between connections
    // and after each turn's budget), so that the shutdown() queued behind it runs soon.
    void requestStop() { m_stopRequested.store(true, std::memory_order_relaxed); }
    // Admits what a larger capacity lets in.
    void pump();
    // Follows ServerShared::idleTimeoutMs.
    void applyIdleTimeout();

private:
    struct Connection;
    struct Job;
    using JobPtr = std::shared_ptr<Job>;
    class Listener;

    struct TimerEntry
    {
        qint64 dueNs = 0;
        quint64 sequence = 0; // keeps equal deadlines in order
        std::weak_ptr<Job> job;
        bool operator>(const TimerEntry &other) const
        {
            return dueNs != other.dueNs ? dueNs > other.dueNs : sequence > other.sequence;
        }
    };

    static constexpr qsizetype ReadChunkBytes = 64 * 1024;

    qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    qint64 nowMs() const { return m_clock.elapsed(); }
    bool setUp(QString *error);
    Listener *tryListen(quint16 port, bool tls, QString *error);
    void closeAll();

    // accepting
    void adopt(int fd, bool tls);
    void onAcceptError(QAbstractSocket::SocketError);
    void resumeAccepting();

    // the event entry points; each ends in settle()
    void onEpoll();
    void onTimer();
    void onSweep();
    void onResume();
    bool stopping() const;
    static bool busyOnServer(const Connection &c);
    void settle();
    void markDirty(Connection &c);
    // Fairness: what a connection may make the server do in one event-loop turn.
    void beginTurn() { ++m_turn; }
    void spend(Connection &c, qint64 bytes);
    bool exhausted(const Connection &c) const;
    void defer(Connection &c);

    // reading and parsing
    void handleEvents(Connection &c, quint32 events);
    static bool isOpen(const Connection &c);
    static bool canParse(const Connection &c);
    void readFrom(Connection &c);
    void parse(Connection &c, QByteArrayView data);
    void endOfInput(Connection &c);
    void drainLingering(Connection &c);
    void updateEvents(Connection &c);

    // the transport (servertransport.cpp): bytes in and out of a connection, plain or TLS
    enum class Transfer { Data, Eof, Again, Failed };
    struct Moved
    {
        ssize_t bytes = 0;
        Transfer transfer = Transfer::Data;
    };
    Moved receive(Connection &c, char *buffer, size_t size);
    Moved transmit(Connection &c, const char *data, size_t size);
    static bool hasBufferedInput(const Connection &c);
    void continueHandshake(Connection &c);
    void rejectPlainHttp(Connection &c);

    // requests, the capacity queue and the timers
    JobPtr newJob(Connection &c, Httpbin::Response response);
    void enqueue(Connection &c, JobPtr job);
    void addJob(Connection &c, Http::Request request);
    void addMalformed(Connection &c);
    void pumpQueue();
    void admit(const JobPtr &job, int capacity);
    void wake(const JobPtr &job);
    void stepped(const JobPtr &job, qsizetype outBefore);
    void armTimer();
    void addQueued(Connection &c, qint64 delta);

    // writing, in request order, and closing
    void flush(Connection &c);
    void finish(Job &job);
    void beginClose(Connection &c);
    void closeConnection(Connection &c);

    std::shared_ptr<ServerShared> m_shared;
    QElapsedTimer m_clock;
    std::vector<Listener *> m_listeners;
    std::unique_ptr<TlsContext> m_tls;
    int m_epoll = -1;
    QSocketNotifier *m_epollNotifier = nullptr;
    QTimer *m_timer = nullptr;
    qint64 m_timerDueNs = 0;
    QTimer *m_sweepTimer = nullptr;
    QTimer *m_acceptRetry = nullptr;
    bool m_acceptPaused = false;
    quint64 m_turn = 0; // event-loop turns the engine has had
    // Connections that spent their turn's budget with work left, resumed by m_resume (0 ms):
    // after the event loop has served the others, timers and cross-thread calls.
    std::vector<quint64> m_deferred;
    QTimer *m_resume = nullptr;

    std::unordered_map<quint64, std::unique_ptr<Connection>> m_connections;
    std::vector<std::unique_ptr<Connection>> m_graveyard;
    std::vector<quint64> m_dirty;
    quint64 m_lastConnectionId = 0;
    std::deque<JobPtr> m_queue; // the capacity queue, in arrival order
    // One QTimer for the earliest of all deadlines: a QTimer per request made every start
    // O(timers) in Qt's timer list at 10,000 requests.
    std::priority_queue<TimerEntry, std::vector<TimerEntry>, std::greater<>> m_timers;
    quint64 m_timerSequence = 0;
    int m_active = 0;
    bool m_settling = false;
    bool m_stopping = false;
    std::atomic<bool> m_stopRequested{false};
    char m_readBuffer[ReadChunkBytes];
};

} // namespace Coroscope
