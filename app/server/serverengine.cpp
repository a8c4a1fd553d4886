#include "serverengine.h"

#include "server/httpbinroutes.h"
#include "server/httprequestparser.h"
#include "server/loopbackpeer.h"
#include "server/serverconnection.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <optional>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Coroscope {

namespace {

// The default (50) drops SYNs when a thousand clients connect at once and each drop costs the
// client a 1 s retransmit. Measured here: 2000 x /delay/1 took 2.2 s with 1024, 1.35 s with 4096
// (Linux caps it at net.core.somaxconn, 4096 by default).
constexpr int ListenBacklog = 4096;
// Responses of pipelined requests wait in order behind the first; past this many the server stops
// reading the connection, so a client cannot make it queue without end.
constexpr qsizetype MaxPipelinedRequests = 16;
constexpr qint64 ReadBudgetBytes = 256 * 1024; // per connection per wake-up, for fairness
// After a final answer the server shuts down its sending side and keeps reading (and dropping) for
// a while: closing outright with unread bytes would reset the connection and could destroy the
// answer (e.g. a 413 while the client is still sending) before the client reads it.
constexpr qint64 LingerMs = 2000;
constexpr qint64 LingerDiscardBytes = 64 * 1024 * 1024;
constexpr int AcceptRetryMs = 100; // after the process ran out of file descriptors
constexpr int MaxEpollEvents = 256;
constexpr char TlsHandshakeRecord = 0x16; // the first byte of every TLS client hello

} // namespace

// Hands every accepted descriptor over instead of wrapping it in a QTcpSocket.
class ServerEngine::Listener : public QTcpServer
{
public:
    explicit Listener(std::function<void(qintptr)> onIncoming, QObject *parent)
        : QTcpServer(parent)
        , m_onIncoming(std::move(onIncoming))
    {
    }

protected:
    void incomingConnection(qintptr descriptor) override { m_onIncoming(descriptor); }

private:
    std::function<void(qintptr)> m_onIncoming;
};

ServerEngine::ServerEngine(std::shared_ptr<ServerShared> shared)
    : m_shared(std::move(shared))
{
    m_clock.start();
}

ServerEngine::~ServerEngine()
{
    closeAll();
}

void ServerEngine::setTls(std::unique_ptr<TlsContext> context)
{
    m_tls = std::move(context);
}

bool ServerEngine::listenOn(quint16 preferredPort, bool tls, quint16 *port, QString *error)
{
    if (tls && !m_tls) {
        *error = QCoreApplication::translate("Coroscope", "no certificate for https");
        return false;
    }
    if (m_epoll < 0 && !setUp(error))
        return false;
    Listener *listener = tryListen(preferredPort, tls, error);
    if (!listener && preferredPort != 0)
        listener = tryListen(0, tls, error);
    if (!listener)
        return false;
    m_listeners.push_back(listener);
    *port = listener->serverPort();
    return true;
}

bool ServerEngine::setUp(QString *error)
{
    // OpenSSL writes to the socket with write(), which raises SIGPIPE when the client is gone;
    // blocked on this thread it stays pending here and write() fails with EPIPE instead.
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, nullptr);

    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    if (m_epoll < 0) {
        *error = QString::fromLocal8Bit(std::strerror(errno));
        return false;
    }
    m_epollNotifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
    connect(m_epollNotifier, &QSocketNotifier::activated, this, &ServerEngine::onEpoll);

    m_timer = new QTimer(this);
    m_timer->setSingleShot(true);
    // Precise: the default for >= 2 s is a coarse timer that may fire 5 % early.
    m_timer->setTimerType(Qt::PreciseTimer);
    connect(m_timer, &QTimer::timeout, this, &ServerEngine::onTimer);

    m_sweepTimer = new QTimer(this);
    connect(m_sweepTimer, &QTimer::timeout, this, &ServerEngine::onSweep);
    applyIdleTimeout();

    m_acceptRetry = new QTimer(this);
    m_acceptRetry->setSingleShot(true);
    connect(m_acceptRetry, &QTimer::timeout, this, &ServerEngine::resumeAccepting);
    return true;
}

void ServerEngine::shutdown()
{
    m_stopping = true;
    closeAll();
}

void ServerEngine::pump()
{
    if (!m_stopping)
        settle();
}

void ServerEngine::applyIdleTimeout()
{
    if (!m_sweepTimer)
        return;
    // A quarter of the timeout: idle connections close within 125 % of it. At most a second
    // apart so that lingering connections close on time too. The TLS handshake's own timeout
    // is usually the shorter one.
    const int timeout = std::max(
        1, std::min(m_shared->idleTimeoutMs.load(), m_shared->handshakeTimeoutMs.load()));
    m_sweepTimer->start(std::clamp(timeout / 4, 5, 1000));
}

ServerEngine::Listener *ServerEngine::tryListen(quint16 port, bool tls, QString *error)
{
    auto *listener = new Listener([this, tls](qintptr fd) { adopt(int(fd), tls); }, this);
    listener->setListenBacklogSize(ListenBacklog); // only honoured before listen()
    connect(listener, &QTcpServer::acceptError, this, &ServerEngine::onAcceptError);
    if (listener->listen(QHostAddress::LocalHost, port))
        return listener;
    *error = listener->errorString();
    delete listener;
    return nullptr;
}

void ServerEngine::closeAll()
{
    for (Listener *listener : std::exchange(m_listeners, {})) {
        listener->close();
        delete listener;
    }
    while (!m_connections.empty())
        closeConnection(*m_connections.begin()->second);
    m_graveyard.clear();
    m_queue.clear();
    m_timers = {};
    delete m_epollNotifier;
    m_epollNotifier = nullptr;
    if (m_epoll >= 0) {
        ::close(m_epoll);
        m_epoll = -1;
    }
}

// ---- accepting

void ServerEngine::adopt(int fd, bool tls)
{
    if (m_stopping) {
        ::close(fd);
        return;
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    // Head and body go out in one write, but pipelined answers are separate writes: Nagle
    // would hold the second behind the first one's delayed ACK (40 ms).
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    auto connection = std::make_unique<Connection>();
    Connection &c = *connection;
    c.id = ++m_lastConnectionId;
    c.fd = fd;
    socklen_t length = sizeof c.peer;
    ::getpeername(fd, reinterpret_cast<sockaddr *>(&c.peer), &length);
    length = sizeof c.local;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&c.local), &length);
    char address[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &c.peer.sin_addr, address, sizeof address);
    c.origin = QString::fromLatin1(address);
    c.lastProgressMs = nowMs();
    c.acceptedNs = nowNs();
    if (tls) {
        // The handshake starts when the client's hello arrives: epoll says when.
        c.tls = std::make_unique<TlsSession>(*m_tls, fd);
        c.handshaking = true;
    }

    epoll_event event{};
    event.events = EPOLLIN | EPOLLRDHUP;
    event.data.u64 = c.id;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event) != 0) {
        ::close(fd);
        return;
    }
    c.events = event.events;
    m_connections.emplace(c.id, std::move(connection));
    m_shared->openConnections.fetch_add(1);
}

// Qt pauses accepting when accept() fails for want of descriptors (EMFILE/ENFILE); left
// alone it would stay paused for good, and a naive resume spins on the still-ready socket.
// Resume after a pause, or as soon as a connection closes and frees a descriptor.
void ServerEngine::onAcceptError(QAbstractSocket::SocketError)
{
    if (m_listeners.empty() || m_acceptPaused)
        return;
    for (Listener *listener : m_listeners)
        listener->pauseAccepting();
    m_acceptPaused = true;
    m_shared->acceptPauses.fetch_add(1);
    m_acceptRetry->start(AcceptRetryMs);
}

void ServerEngine::resumeAccepting()
{
    if (!m_acceptPaused || m_listeners.empty() || m_stopping)
        return;
    m_acceptPaused = false;
    m_acceptRetry->stop();
    for (Listener *listener : m_listeners)
        listener->resumeAccepting();
}

// ---- the event entry points; each ends in settle()

void ServerEngine::onEpoll()
{
    epoll_event events[MaxEpollEvents];
    // Level-triggered: whatever is left after a few rounds wakes the notifier again, after
    // the event loop has had its turn (timers, cross-thread calls).
    for (int round = 0; round < 4; ++round) {
        const int n = ::epoll_wait(m_epoll, events, MaxEpollEvents, 0);
        for (int i = 0; i < n; ++i) {
            const auto it = m_connections.find(events[i].data.u64);
            if (it == m_connections.end())
                continue; // closed earlier in this batch
            handleEvents(*it->second, events[i].events);
        }
        if (n < MaxEpollEvents)
            break;
    }
    settle();
}

void ServerEngine::onTimer()
{
    const qint64 now = nowNs();
    while (!m_timers.empty() && m_timers.top().dueNs <= now) {
        const TimerEntry entry = m_timers.top();
        m_timers.pop();
        const JobPtr job = entry.job.lock();
        if (!job || job->state != JobState::Active || !job->connection)
            continue; // its client left
        job->waitingForTimer = false;
        wake(job);
    }
    settle();
}

void ServerEngine::onSweep()
{
    const qint64 now = nowMs();
    const qint64 idleTimeout = m_shared->idleTimeoutMs.load();
    const qint64 handshakeTimeout = m_shared->handshakeTimeoutMs.load();
    std::vector<Connection *> expired;
    for (const auto &[id, connection] : m_connections) {
        const Connection &c = *connection;
        // A client that connects and never finishes its handshake holds a descriptor and
        // OpenSSL's state: it gets less time than an idle keep-alive connection.
        if (c.handshaking) {
            if (now - c.lastProgressMs >= handshakeTimeout) {
                m_shared->handshakeTimeouts.fetch_add(1);
                expired.push_back(connection.get());
            }
        } else if (c.lingering ? now >= c.lingerUntilMs
                               : now - c.lastProgressMs >= idleTimeout && !busyOnServer(c)) {
            expired.push_back(connection.get());
        }
    }
    for (Connection *c : expired)
        closeConnection(*c);
    settle();
}

// The server (not the client) is what the connection waits for: never idle.
bool ServerEngine::busyOnServer(const Connection &c)
{
    return std::any_of(c.jobs.cbegin(), c.jobs.cend(), [](const JobPtr &job) {
        return job->state == JobState::Queued || job->waitingForTimer;
    });
}

// Admits waiting requests and writes what became writable until nothing changes, then
// deletes the connections closed on the way (nothing below holds one across this).
void ServerEngine::settle()
{
    if (m_settling)
        return;
    m_settling = true;
    for (;;) {
        pumpQueue();
        if (m_dirty.empty())
            break;
        const std::vector<quint64> dirty = std::exchange(m_dirty, {});
        for (quint64 id : dirty) {
            const auto it = m_connections.find(id);
            if (it == m_connections.end())
                continue;
            it->second->dirty = false;
            flush(*it->second);
        }
    }
    m_graveyard.clear();
    armTimer();
    m_settling = false;
}

void ServerEngine::markDirty(Connection &c)
{
    if (c.dirty)
        return;
    c.dirty = true;
    m_dirty.push_back(c.id);
}

// ---- reading and parsing

void ServerEngine::handleEvents(Connection &c, quint32 events)
{
    if (events & EPOLLERR) {
        closeConnection(c); // reset by the client: nothing can reach it any more
        return;
    }
    if (c.handshaking) {
        continueHandshake(c);
        return;
    }
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP) || (c.readWantsWrite && events & EPOLLOUT))
        readFrom(c);
    if (!isOpen(c))
        return;
    if (events & EPOLLHUP) {
        // Both directions are shut: whatever is left cannot be delivered.
        closeConnection(c);
        return;
    }
    if (events & EPOLLOUT)
        markDirty(c);
}

bool ServerEngine::isOpen(const Connection &c)
{
    return c.fd >= 0;
}

bool ServerEngine::canParse(const Connection &c)
{
    return !c.stopParsing && !c.readEof && !c.lingering
        && qsizetype(c.jobs.size()) < MaxPipelinedRequests;
}

void ServerEngine::readFrom(Connection &c)
{
    if (c.lingering) {
        drainLingering(c);
        return;
    }
    qint64 budget = ReadBudgetBytes;
    while (isOpen(c) && canParse(c) && budget > 0) {
        if (c.pendingInPos < c.pendingIn.size()) {
            const QByteArray pending = std::exchange(c.pendingIn, QByteArray());
            const qsizetype from = std::exchange(c.pendingInPos, 0);
            parse(c, QByteArrayView(pending).sliced(from));
            continue;
        }
        const Moved moved = receive(c, m_readBuffer, sizeof m_readBuffer);
        if (moved.transfer == Transfer::Data) {
            budget -= moved.bytes;
            parse(c, QByteArrayView(m_readBuffer, moved.bytes));
        } else if (moved.transfer == Transfer::Eof) {
            endOfInput(c);
            return;
        } else if (moved.transfer == Transfer::Again) {
            break;
        } else {
            closeConnection(c);
            return;
        }
    }
    if (!isOpen(c))
        return;
    // Input OpenSSL already holds wakes no epoll: read it in this settle() round.
    if (budget <= 0 && canParse(c) && hasBufferedInput(c))
        markDirty(c);
    updateEvents(c);
}

void ServerEngine::parse(Connection &c, QByteArrayView data)
{
    // A TLS client on the plain port: its hello has no line end for the parser to wait for, and
    // the client waits for our hello. A 400 ends it at once (its TLS reads "wrong version").
    if (!c.tls && !c.sawInput && !data.isEmpty() && data.front() == TlsHandshakeRecord) {
        c.sawInput = true;
        enqueue(
            c,
            newJob(c,
                   Httpbin::Response(400, QStringLiteral("this port speaks plain HTTP, not TLS"))));
        return;
    }
    c.sawInput = c.sawInput || !data.isEmpty();
    while (!data.isEmpty()) {
        if (!canParse(c)) {
            // Parsed later, when the pipeline has room (or never, if the connection is
            // closing: then the bytes only wait for the close).
            if (!c.stopParsing) {
                c.pendingIn = data.toByteArray();
                c.pendingInPos = 0;
            }
            return;
        }
        qsizetype consumed = 0;
        const auto result = c.parser.feed(data, &consumed);
        data = data.sliced(consumed);
        switch (result) {
        case Http::RequestParser::Result::NeedMore:
            break;
        case Http::RequestParser::Result::HeadComplete:
            // Only when no answer is pending: a 100 must not land inside an earlier response.
            if (c.parser.request().expectContinue && c.jobs.empty()) {
                static constexpr char Continue[] = "HTTP/1.1 100 Continue\r\n\r\n";
                // A fresh, empty socket buffer takes these few bytes; if not, the client
                // sends its body after its own timeout anyway.
                transmit(c, Continue, sizeof Continue - 1);
            }
            break;
        case Http::RequestParser::Result::Complete:
            addJob(c, c.parser.takeRequest());
            break;
        case Http::RequestParser::Result::Error:
            addMalformed(c);
            return;
        }
    }
}

void ServerEngine::endOfInput(Connection &c)
{
    c.readEof = true;
    if (c.jobs.empty()) {
        closeConnection(c); // a request cut short, or a client done with keep-alive
        return;
    }
    // A client that shut down only its sending side still reads its answers; one that
    // closed altogether does not, and its requests must give their capacity slots back now
    // (a Stop in the app aborts thousands). A FIN looks the same either way; the loopback
    // peer's socket tells.
    if (loopbackPeerClosed(c.peer, c.local).value_or(false)) {
        closeConnection(c);
        return;
    }
    updateEvents(c);
}

void ServerEngine::drainLingering(Connection &c)
{
    for (;;) {
        const ssize_t n = ::recv(c.fd, m_readBuffer, sizeof m_readBuffer, 0);
        if (n > 0) {
            c.lingerDiscarded += n;
            if (c.lingerDiscarded <= LingerDiscardBytes)
                continue;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            return;
        }
        closeConnection(c); // EOF, error or enough drained
        return;
    }
}

void ServerEngine::updateEvents(Connection &c)
{
    quint32 events = 0;
    // Level-triggered: a socket whose EOF was seen, or whose input waits for pipeline room,
    // must not stay readable in the set or it would wake the loop without end.
    if (c.handshaking)
        events = c.handshakeWantsWrite ? EPOLLOUT : EPOLLIN | EPOLLRDHUP;
    if (!c.handshaking && (c.lingering || canParse(c)))
        events |= EPOLLIN | EPOLLRDHUP;
    if (!c.handshaking && (c.wantWrite || (c.readWantsWrite && canParse(c))))
        events |= EPOLLOUT;
    if (events == c.events)
        return;
    epoll_event event{};
    event.events = events;
    event.data.u64 = c.id;
    ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, c.fd, &event);
    c.events = events;
}

// ---- requests

ServerEngine::JobPtr ServerEngine::newJob(Connection &c, Httpbin::Response response)
{
    // Not make_shared: the timer heap's weak_ptrs would pin the memory.
    JobPtr job(new Job(std::move(response)));
    job->connection = &c;
    job->receivedNs = nowNs();
    job->connectionRequest = ++c.requests;
    m_shared->requests.fetch_add(1);
    c.lastProgressMs = nowMs();
    return job;
}

void ServerEngine::enqueue(Connection &c, JobPtr job)
{
    if (job->response.closeAfter())
        c.stopParsing = true;
    c.jobs.push_back(job);
    m_queue.push_back(std::move(job));
    // Admitted now if there is room, not after the rest of the wake-up's sockets: with no
    // capacity limit a request must report 0 ms queued, however busy the server is.
    pumpQueue();
}

void ServerEngine::addJob(Connection &c, Http::Request request)
{
    enqueue(c, newJob(c, Httpbin::Response(std::move(request), c.origin, c.tls != nullptr)));
}

void ServerEngine::addMalformed(Connection &c)
{
    Httpbin::Response answer(c.parser.errorStatus(), QString::fromLatin1(c.parser.errorText()));
    enqueue(c, newJob(c, std::move(answer)));
}

// ---- the capacity queue

void ServerEngine::pumpQueue()
{
    while (!m_queue.empty() && !m_stopping) {
        const int capacity = m_shared->capacity.load();
        if (capacity > 0 && m_active >= capacity)
            break;
        JobPtr job = std::move(m_queue.front());
        m_queue.pop_front();
        if (job->state != JobState::Queued || !job->connection)
            continue; // its client left while it waited
        admit(job, capacity);
    }
}

void ServerEngine::admit(const JobPtr &job, int capacity)
{
    job->state = JobState::Active;
    ++m_active;
    Httpbin::Admission admission;
    // Truncated, not rounded: a request admitted on arrival reports 0 however the clock ticks.
    admission.queuedMs = (nowNs() - job->receivedNs) / 1'000'000;
    admission.active = m_active;
    admission.capacity = capacity;
    admission.connectionRequest = int(job->connectionRequest);
    admission.tlsHandshakeUs = job->connection->handshakeUs;
    updateMax(m_shared->maxActive, m_active);
    updateMax(m_shared->maxQueuedMs, admission.queuedMs);
    const qsizetype outBefore = job->out.size();
    job->response.start(admission, job->out);
    stepped(job, outBefore);
}

// ---- timers

void ServerEngine::wake(const JobPtr &job)
{
    const qsizetype outBefore = job->out.size();
    job->response.wake(nowNs(), job->out);
    stepped(job, outBefore);
}

// After each step of an answer: counts what it produced, wakes it again at once if it asked for
// no wait (a /drip running late catches up here), or puts it on the timer heap.
void ServerEngine::stepped(const JobPtr &job, qsizetype outBefore)
{
    Connection &c = *job->connection;
    for (;;) {
        addQueued(c, job->out.size() - outBefore);
        const std::optional<qint64> ms = job->response.takeWake();
        if (!ms)
            break;
        if (*ms > 0) {
            job->waitingForTimer = true;
            m_timers.push(TimerEntry{nowNs() + *ms * 1'000'000, ++m_timerSequence, job});
            break;
        }
        outBefore = job->out.size();
        job->response.wake(nowNs(), job->out);
    }
    // An interim status closes the connection after it.
    if (job->response.closeAfter())
        c.stopParsing = true;
    markDirty(c);
}

void ServerEngine::armTimer()
{
    if (m_timers.empty() || !m_timer) {
        if (m_timer)
            m_timer->stop();
        return;
    }
    // Rounded up: a timer firing a fraction of a millisecond early would answer /delay early.
    const qint64 waitNs = std::max<qint64>(0, m_timers.top().dueNs - nowNs());
    const int ms = int(std::min<qint64>((waitNs + 999'999) / 1'000'000, 24 * 3600 * 1000));
    if (!m_timer->isActive() || m_timerDueNs != m_timers.top().dueNs) {
        m_timerDueNs = m_timers.top().dueNs;
        m_timer->start(ms);
    }
}

void ServerEngine::addQueued(Connection &c, qint64 delta)
{
    c.queuedBytes += delta;
    m_shared->queuedWriteBytes.fetch_add(delta, std::memory_order_relaxed);
    if (delta > 0)
        updateMax(m_shared->maxQueuedWriteBytes, c.queuedBytes);
}

// ---- writing, in request order

void ServerEngine::flush(Connection &c)
{
    c.wantWrite = false;
    while (isOpen(c) && !c.jobs.empty()) {
        Job &job = *c.jobs.front();
        if (job.state != JobState::Active)
            break; // still in the capacity queue
        for (;;) {
            if (job.outPos == job.out.size()) {
                // Keeps the buffer's capacity for the next generated piece.
                job.out.resize(0);
                job.outPos = 0;
                if (job.response.produced() || !job.response.produceMore(job.out))
                    break;
                addQueued(c, job.out.size());
            }
            const Moved moved = transmit(c, job.out.constData() + job.outPos,
                                         size_t(job.out.size() - job.outPos));
            if (moved.transfer == Transfer::Data) {
                job.outPos += moved.bytes;
                addQueued(c, -moved.bytes);
                c.lastProgressMs = nowMs();
            } else if (moved.transfer == Transfer::Again) {
                c.wantWrite = true;
                updateEvents(c);
                return;
            } else {
                closeConnection(c); // EPIPE, ECONNRESET: the client is gone
                return;
            }
        }
        if (!job.response.produced())
            break; // waits for a timer (delay, drip)
        // Every byte is with the kernel: the request stops counting as being handled.
        const JobPtr done = std::move(c.jobs.front());
        c.jobs.pop_front();
        finish(*done);
        c.lastProgressMs = nowMs();
        if (done->response.closeAfter()) {
            beginClose(c);
            return;
        }
    }
    if (!isOpen(c))
        return;
    if (c.jobs.empty() && c.readEof) {
        closeConnection(c); // a half-closed client has all its answers
        return;
    }
    // Input that waited for pipeline room (epoll cannot see what OpenSSL holds).
    if (canParse(c) && (c.pendingInPos < c.pendingIn.size() || hasBufferedInput(c)))
        readFrom(c);
    if (isOpen(c))
        updateEvents(c);
}

void ServerEngine::finish(Job &job)
{
    if (job.state == JobState::Active)
        --m_active;
    job.state = JobState::Done;
    job.connection = nullptr;
}

// Answers are all out; stop sending but keep reading until the client closes (or lingering
// times out), so that unread input does not turn our close into a reset.
void ServerEngine::beginClose(Connection &c)
{
    if (c.readEof) {
        closeConnection(c);
        return;
    }
    if (c.tls)
        c.tls->closeNotify();
    ::shutdown(c.fd, SHUT_WR);
    c.lingering = true;
    c.lingerUntilMs = nowMs() + LingerMs;
    c.pendingIn = QByteArray();
    c.pendingInPos = 0;
    for (const JobPtr &job : c.jobs) // unanswered requests behind a "close"
        finish(*job);
    addQueued(c, -c.queuedBytes);
    c.jobs.clear();
    updateEvents(c);
    drainLingering(c); // the client may have sent more already
}

void ServerEngine::closeConnection(Connection &c)
{
    if (!isOpen(c))
        return;
    ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
    c.tls.reset();
    ::close(c.fd);
    c.fd = -1;
    for (const JobPtr &job : c.jobs)
        finish(*job);
    c.jobs.clear();
    addQueued(c, -c.queuedBytes);
    m_shared->openConnections.fetch_sub(1);
    const auto it = m_connections.find(c.id);
    if (it != m_connections.end()) {
        // Deleted in settle(): callers up the stack may still hold a reference.
        m_graveyard.push_back(std::move(it->second));
        m_connections.erase(it);
    }
    if (m_acceptPaused)
        resumeAccepting(); // a descriptor is free again
}

} // namespace Coroscope
