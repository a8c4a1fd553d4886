#include "testserver.h"

#include "server/httprequestparser.h"
#include "server/loopbackpeer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <queue>
#include <unordered_map>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

// The server is a small HTTP/1.1 server over raw non-blocking sockets and one epoll set, watched
// by a single QSocketNotifier on the server thread:
// - QTcpSocket closes the descriptor as soon as it reads EOF, so a client that half-closes after
//   its request would never get the answer; raw sockets keep writing after EOF.
// - One epoll notifier costs O(ready sockets) per wake-up where a notifier per socket costs
//   O(all sockets) in the event dispatcher's poll(): at 10,000 connections that was the server's
//   main cost.
// QTcpServer still listens and accepts (backlog, pause/resume); everything after accept is here.

namespace Coroscope {

namespace {

constexpr qint64 MaxBodyBytes = 10 * 1024 * 1024; // keeps a typo from allocating gigabytes
constexpr double MaxDelaySeconds = 10.0; // httpbin's cap
constexpr double MaxDripDurationSeconds = 60.0;
constexpr qint64 MaxStreamLines = 100; // httpbin caps /stream at 100 lines
constexpr qint64 MinDripTickMs = 10; // coarser ticks than this only cost wake-ups
// The default (50) drops SYNs when a thousand clients connect at once and each drop costs the
// client a 1 s retransmit. Measured here: 2000 x /delay/1 took 2.2 s with 1024, 1.35 s with 4096
// (Linux caps it at net.core.somaxconn, 4096 by default).
constexpr int ListenBacklog = 4096;
// Generated bodies (/bytes, /stream) are produced this much at a time, only when the kernel has
// taken the previous piece: a client that does not read pins at most this, not the whole body.
// A multiple of 4 so that /bytes' generator draws the same words as it would in one go.
constexpr qsizetype GenerateChunkBytes = 64 * 1024;
// Responses of pipelined requests wait in order behind the first; past this many the server stops
// reading the connection, so a client cannot make it queue without end.
constexpr qsizetype MaxPipelinedRequests = 16;
constexpr qsizetype ReadChunkBytes = 64 * 1024;
constexpr qint64 ReadBudgetBytes = 256 * 1024; // per connection per wake-up, for fairness
// After a final answer the server shuts down its sending side and keeps reading (and dropping) for
// a while: closing outright with unread bytes would reset the connection and could destroy the
// answer (e.g. a 413 while the client is still sending) before the client reads it.
constexpr qint64 LingerMs = 2000;
constexpr qint64 LingerDiscardBytes = 64 * 1024 * 1024;
constexpr int AcceptRetryMs = 100; // after the process ran out of file descriptors
constexpr int MaxEpollEvents = 256;

enum class Route {
    Get,
    Delay,
    Status,
    Bytes,
    Drip,
    Stream,
    BadRequest,
    NotFound,
    MethodNotAllowed,
    Malformed, // the request could not be parsed; the connection closes after the answer
};
enum class JobState { Queued, Active, Done };
enum class Wake { Delay, DripStart, DripTick, DripEnd };

struct Connection;

// One request from receipt to its last byte handed to the kernel. Shared by its connection's
// queue, the capacity queue and the timer heap (weakly), so whichever comes last finds it.
struct Job
{
    Connection *connection = nullptr; // null once the connection is gone
    JobState state = JobState::Queued;
    Route route = Route::NotFound;
    Http::Request request; // head only; kept for the echo
    QString origin;
    bool head = false;
    bool closeAfter = false;
    qint64 receivedNs = 0;
    qint64 queuedMs = 0;
    int activeAtAdmission = 0;
    int capacityAtAdmission = 0;

    QString error;
    qint64 delayMs = 0;
    int code = 200;
    qint64 count = 0; // bytes, lines or drip bytes
    std::optional<quint32> seed;
    qint64 durationMs = 0;

    // Output produced but not yet taken by the kernel; only the connection's first job writes.
    QByteArray out;
    qsizetype outPos = 0;
    bool produced = false; // every byte of the response is in `out` or already sent
    bool waitingForTimer = false;

    qint64 bodyLeft = 0; // /bytes still to generate
    std::optional<QRandomGenerator> generator;
    std::optional<QJsonObject> echoObject; // /stream
    qint64 nextLine = 0;
    qint64 sent = 0; // drip
    qint64 tick = 0;
    qint64 ticks = 1;
    qint64 dripStartNs = 0;
};
using JobPtr = std::shared_ptr<Job>;

struct Connection
{
    quint64 id = 0;
    int fd = -1;
    sockaddr_in local{};
    sockaddr_in peer{};
    QString origin;
    Http::RequestParser parser;
    QByteArray pendingIn; // read but not parsed yet (the pipeline was full)
    qsizetype pendingInPos = 0;
    std::deque<JobPtr> jobs; // in request order; the first one writes
    quint32 events = 0; // registered with epoll
    bool wantWrite = false; // the kernel buffer was full
    bool readEof = false; // the client will send nothing more (FIN)
    bool stopParsing = false; // a request asked to close, or could not be parsed
    bool lingering = false; // our side is shut down; reading only to drain
    bool dirty = false; // queued for a flush
    qint64 lingerUntilMs = 0;
    qint64 lingerDiscarded = 0;
    qint64 lastProgressMs = 0; // accept, a complete request, or bytes the client took
    qint64 queuedBytes = 0; // sum of the jobs' unsent output
};

QByteArray reasonPhrase(int code)
{
    switch (code) {
    case 100:
        return QByteArrayLiteral("Continue");
    case 101:
        return QByteArrayLiteral("Switching Protocols");
    case 200:
        return QByteArrayLiteral("OK");
    case 201:
        return QByteArrayLiteral("Created");
    case 202:
        return QByteArrayLiteral("Accepted");
    case 203:
        return QByteArrayLiteral("Non-Authoritative Information");
    case 204:
        return QByteArrayLiteral("No Content");
    case 206:
        return QByteArrayLiteral("Partial Content");
    case 301:
        return QByteArrayLiteral("Moved Permanently");
    case 302:
        return QByteArrayLiteral("Found");
    case 303:
        return QByteArrayLiteral("See Other");
    case 304:
        return QByteArrayLiteral("Not Modified");
    case 307:
        return QByteArrayLiteral("Temporary Redirect");
    case 308:
        return QByteArrayLiteral("Permanent Redirect");
    case 400:
        return QByteArrayLiteral("Bad Request");
    case 401:
        return QByteArrayLiteral("Unauthorized");
    case 403:
        return QByteArrayLiteral("Forbidden");
    case 404:
        return QByteArrayLiteral("Not Found");
    case 405:
        return QByteArrayLiteral("Method Not Allowed");
    case 408:
        return QByteArrayLiteral("Request Timeout");
    case 409:
        return QByteArrayLiteral("Conflict");
    case 410:
        return QByteArrayLiteral("Gone");
    case 413:
        return QByteArrayLiteral("Content Too Large");
    case 414:
        return QByteArrayLiteral("URI Too Long");
    case 418:
        return QByteArrayLiteral("I'm a teapot");
    case 422:
        return QByteArrayLiteral("Unprocessable Entity");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
    case 431:
        return QByteArrayLiteral("Request Header Fields Too Large");
    case 500:
        return QByteArrayLiteral("Internal Server Error");
    case 501:
        return QByteArrayLiteral("Not Implemented");
    case 502:
        return QByteArrayLiteral("Bad Gateway");
    case 503:
        return QByteArrayLiteral("Service Unavailable");
    case 504:
        return QByteArrayLiteral("Gateway Timeout");
    case 505:
        return QByteArrayLiteral("HTTP Version Not Supported");
    default:
        break;
    }
    // RFC 9112 allows any reason phrase but some parsers dislike an empty one.
    switch (code / 100) {
    case 1:
        return QByteArrayLiteral("Informational");
    case 2:
        return QByteArrayLiteral("Success");
    case 3:
        return QByteArrayLiteral("Redirection");
    case 4:
        return QByteArrayLiteral("Client Error");
    default:
        return QByteArrayLiteral("Server Error");
    }
}

// httpbin shows header names Title-Cased whatever the client sent.
QString headerName(const QByteArray &raw)
{
    QString name = QString::fromLatin1(raw).toLower();
    bool upper = true;
    for (QChar &c : name) {
        if (upper)
            c = c.toUpper();
        upper = c == u'-';
    }
    return name;
}

std::optional<double> parseSeconds(QStringView text, double max)
{
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || !std::isfinite(value) || value < 0 || value > max)
        return std::nullopt;
    return value;
}

std::optional<qint64> parseCount(QStringView text, qint64 max)
{
    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < 0 || value > max)
        return std::nullopt;
    return value;
}

qint64 secondsToMs(double seconds)
{
    return qRound64(seconds * 1000.0);
}

QJsonObject argsObject(const QUrlQuery &query)
{
    QJsonObject args;
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[key, value] : items) {
        const auto existing = args.constFind(key);
        if (existing == args.constEnd()) {
            args.insert(key, value);
        } else if (existing->isArray()) {
            QJsonArray values = existing->toArray();
            values.append(value);
            args.insert(key, values);
        } else {
            args.insert(key, QJsonArray{existing->toString(), value});
        }
    }
    return args;
}

void updateMax(std::atomic<qint64> &target, qint64 value)
{
    qint64 current = target.load(std::memory_order_relaxed);
    while (value > current && !target.compare_exchange_weak(current, value))
        ;
}

void updateMax(std::atomic<int> &target, int value)
{
    int current = target.load(std::memory_order_relaxed);
    while (value > current && !target.compare_exchange_weak(current, value))
        ;
}

// IMF-fixdate (RFC 9110 5.6.7) by hand: strftime and QLocale would follow the user's locale.
QByteArray httpDate(std::time_t now)
{
    static constexpr const char *Days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char *Months[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[40];
    const int length = std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d GMT",
                                     Days[utc.tm_wday % 7], utc.tm_mday, Months[utc.tm_mon % 12],
                                     utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
    return QByteArray(text, std::max(0, length));
}

// Hands every accepted descriptor over instead of wrapping it in a QTcpSocket.
class Listener : public QTcpServer
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

struct TimerEntry
{
    qint64 dueNs = 0;
    quint64 sequence = 0; // keeps equal deadlines in order
    std::weak_ptr<Job> job;
    Wake wake = Wake::Delay;
    bool operator>(const TimerEntry &other) const
    {
        return dueNs != other.dueNs ? dueNs > other.dueNs : sequence > other.sequence;
    }
};

} // namespace

struct TestServer::Shared
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
};

class TestServer::Worker : public QObject
{
public:
    explicit Worker(std::shared_ptr<Shared> shared)
        : m_shared(std::move(shared))
    {
        m_clock.start();
    }

    ~Worker() override { closeAll(); }

    // Runs on the server thread: the notifier and timers must live there.
    bool listenOn(quint16 preferredPort, quint16 *port, QString *error)
    {
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
        if (m_epoll < 0) {
            *error = QString::fromLocal8Bit(std::strerror(errno));
            return false;
        }
        m_epollNotifier = new QSocketNotifier(m_epoll, QSocketNotifier::Read, this);
        connect(m_epollNotifier, &QSocketNotifier::activated, this, &Worker::onEpoll);

        m_timer = new QTimer(this);
        m_timer->setSingleShot(true);
        // Precise: the default for >= 2 s is a coarse timer that may fire 5 % early.
        m_timer->setTimerType(Qt::PreciseTimer);
        connect(m_timer, &QTimer::timeout, this, &Worker::onTimer);

        m_sweepTimer = new QTimer(this);
        connect(m_sweepTimer, &QTimer::timeout, this, &Worker::onSweep);
        applyIdleTimeout();

        m_acceptRetry = new QTimer(this);
        m_acceptRetry->setSingleShot(true);
        connect(m_acceptRetry, &QTimer::timeout, this, &Worker::resumeAccepting);

        m_listener = tryListen(preferredPort, error);
        if (!m_listener && preferredPort != 0)
            m_listener = tryListen(0, error);
        if (!m_listener)
            return false;
        *port = m_listener->serverPort();
        return true;
    }

    // Must run on the server thread while its event loop still runs; the worker itself is
    // deleted when the thread finishes.
    void shutdown()
    {
        m_stopping = true;
        closeAll();
    }

    void pump()
    {
        if (!m_stopping)
            settle();
    }

    void applyIdleTimeout()
    {
        if (!m_sweepTimer)
            return;
        // A quarter of the timeout: idle connections close within 125 % of it. At most a second
        // apart so that lingering connections close on time too.
        const int timeout = std::max(1, m_shared->idleTimeoutMs.load());
        m_sweepTimer->start(std::clamp(timeout / 4, 5, 1000));
    }

private:
    qint64 nowNs() const { return m_clock.nsecsElapsed(); }
    qint64 nowMs() const { return m_clock.elapsed(); }

    Listener *tryListen(quint16 port, QString *error)
    {
        auto *listener = new Listener([this](qintptr fd) { adopt(int(fd)); }, this);
        listener->setListenBacklogSize(ListenBacklog); // only honoured before listen()
        connect(listener, &QTcpServer::acceptError, this, &Worker::onAcceptError);
        if (listener->listen(QHostAddress::LocalHost, port))
            return listener;
        *error = listener->errorString();
        delete listener;
        return nullptr;
    }

    void closeAll()
    {
        if (m_listener) {
            m_listener->close();
            delete m_listener;
            m_listener = nullptr;
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

    void adopt(int fd)
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
    void onAcceptError(QAbstractSocket::SocketError)
    {
        if (!m_listener || m_acceptPaused)
            return;
        m_listener->pauseAccepting();
        m_acceptPaused = true;
        m_shared->acceptPauses.fetch_add(1);
        m_acceptRetry->start(AcceptRetryMs);
    }

    void resumeAccepting()
    {
        if (!m_acceptPaused || !m_listener || m_stopping)
            return;
        m_acceptPaused = false;
        m_acceptRetry->stop();
        m_listener->resumeAccepting();
    }

    // ---- the event entry points; each ends in settle()

    void onEpoll()
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

    void onTimer()
    {
        const qint64 now = nowNs();
        while (!m_timers.empty() && m_timers.top().dueNs <= now) {
            const TimerEntry entry = m_timers.top();
            m_timers.pop();
            const JobPtr job = entry.job.lock();
            if (!job || job->state != JobState::Active || !job->connection)
                continue; // its client left
            job->waitingForTimer = false;
            wake(job, entry.wake);
        }
        settle();
    }

    void onSweep()
    {
        const qint64 now = nowMs();
        const qint64 idleTimeout = m_shared->idleTimeoutMs.load();
        std::vector<Connection *> expired;
        for (const auto &[id, connection] : m_connections) {
            const Connection &c = *connection;
            if (c.lingering ? now >= c.lingerUntilMs
                            : now - c.lastProgressMs >= idleTimeout && !busyOnServer(c))
                expired.push_back(connection.get());
        }
        for (Connection *c : expired)
            closeConnection(*c);
        settle();
    }

    // The server (not the client) is what the connection waits for: never idle.
    static bool busyOnServer(const Connection &c)
    {
        return std::any_of(c.jobs.cbegin(), c.jobs.cend(), [](const JobPtr &job) {
            return job->state == JobState::Queued || job->waitingForTimer;
        });
    }

    // Admits waiting requests and writes what became writable until nothing changes, then
    // deletes the connections closed on the way (nothing below holds one across this).
    void settle()
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

    void markDirty(Connection &c)
    {
        if (c.dirty)
            return;
        c.dirty = true;
        m_dirty.push_back(c.id);
    }

    // ---- reading and parsing

    void handleEvents(Connection &c, quint32 events)
    {
        if (events & EPOLLERR) {
            closeConnection(c); // reset by the client: nothing can reach it any more
            return;
        }
        if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP))
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

    bool isOpen(const Connection &c) const { return c.fd >= 0; }

    bool canParse(const Connection &c) const
    {
        return !c.stopParsing && !c.readEof && !c.lingering
            && qsizetype(c.jobs.size()) < MaxPipelinedRequests;
    }

    void readFrom(Connection &c)
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
            const ssize_t n = ::recv(c.fd, m_readBuffer, sizeof m_readBuffer, 0);
            if (n > 0) {
                budget -= n;
                parse(c, QByteArrayView(m_readBuffer, n));
            } else if (n == 0) {
                endOfInput(c);
                return;
            } else if (errno == EINTR) {
                continue;
            } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
                break;
            } else {
                closeConnection(c);
                return;
            }
        }
        if (isOpen(c))
            updateEvents(c);
    }

    void parse(Connection &c, QByteArrayView data)
    {
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
                    [[maybe_unused]] const ssize_t n
                        = ::send(c.fd, Continue, sizeof Continue - 1, MSG_NOSIGNAL);
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

    void endOfInput(Connection &c)
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

    void drainLingering(Connection &c)
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

    void updateEvents(Connection &c)
    {
        quint32 events = 0;
        // Level-triggered: a socket whose EOF was seen, or whose input waits for pipeline room,
        // must not stay readable in the set or it would wake the loop without end.
        if (c.lingering || canParse(c))
            events |= EPOLLIN | EPOLLRDHUP;
        if (c.wantWrite)
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

    JobPtr newJob(Connection &c)
    {
        JobPtr job(new Job); // not make_shared: the timer heap's weak_ptrs would pin the memory
        job->connection = &c;
        job->receivedNs = nowNs();
        job->origin = c.origin;
        m_shared->requests.fetch_add(1);
        c.lastProgressMs = nowMs();
        return job;
    }

    void enqueue(Connection &c, JobPtr job)
    {
        if (job->closeAfter)
            c.stopParsing = true;
        c.jobs.push_back(job);
        m_queue.push_back(std::move(job));
        // Admitted now if there is room, not after the rest of the wake-up's sockets: with no
        // capacity limit a request must report 0 ms queued, however busy the server is.
        pumpQueue();
    }

    void addJob(Connection &c, Http::Request request)
    {
        JobPtr job = newJob(c);
        job->request = std::move(request);
        job->head = job->request.method == "HEAD";
        job->closeAfter = !job->request.keepAlive;
        route(*job);
        enqueue(c, std::move(job));
    }

    void addMalformed(Connection &c)
    {
        JobPtr job = newJob(c);
        job->route = Route::Malformed;
        job->code = c.parser.errorStatus();
        job->error = QString::fromLatin1(c.parser.errorText());
        job->closeAfter = true;
        enqueue(c, std::move(job));
    }

    QUrl requestUrl(const Job &job) const
    {
        return QUrl::fromEncoded(job.request.target, QUrl::StrictMode);
    }

    void route(Job &job)
    {
        const QUrl target = requestUrl(job);
        if (!target.isValid()) {
            job.route = Route::BadRequest;
            job.error = QStringLiteral("malformed request target");
            return;
        }
        const QString path = target.path();
        const QUrlQuery query(target);

        const auto tail = [&path](QLatin1StringView prefix) -> std::optional<QStringView> {
            if (!path.startsWith(prefix))
                return std::nullopt;
            const QStringView rest = QStringView(path).mid(prefix.size());
            if (rest.isEmpty() || rest.contains(u'/'))
                return std::nullopt;
            return rest;
        };
        const auto fail = [&job](QString message) {
            job.route = Route::BadRequest;
            job.error = std::move(message);
        };

        const auto delay = tail(QLatin1StringView("/delay/"));
        const auto status = tail(QLatin1StringView("/status/"));
        const auto bytes = tail(QLatin1StringView("/bytes/"));
        const auto stream = tail(QLatin1StringView("/stream/"));
        if (path != u"/get" && path != u"/drip" && !delay && !status && !bytes && !stream) {
            job.route = Route::NotFound;
            return;
        }
        // Like httpbin: the method is checked before the arguments.
        if (job.request.method != "GET" && job.request.method != "HEAD") {
            job.route = Route::MethodNotAllowed;
            return;
        }

        if (path == u"/get") {
            job.route = Route::Get;
        } else if (delay) {
            if (const auto seconds = parseSeconds(*delay, MaxDelaySeconds)) {
                job.route = Route::Delay;
                job.delayMs = secondsToMs(*seconds);
            } else {
                fail(QStringLiteral("delay must be a number of seconds from 0 to 10"));
            }
        } else if (status) {
            bool ok = false;
            const int code = status->toInt(&ok);
            if (ok && code >= 100 && code <= 599) {
                job.route = Route::Status;
                job.code = code;
            } else {
                fail(QStringLiteral("status must be an integer from 100 to 599"));
            }
        } else if (bytes) {
            const auto count = parseCount(*bytes, MaxBodyBytes);
            bool seedOk = true;
            if (query.hasQueryItem(QStringLiteral("seed")))
                job.seed = query.queryItemValue(QStringLiteral("seed")).toUInt(&seedOk);
            if (count && seedOk) {
                job.route = Route::Bytes;
                job.count = *count;
            } else {
                fail(QStringLiteral("bytes must be an integer from 0 to 10485760 and seed an "
                                    "unsigned 32-bit integer"));
            }
        } else if (stream) {
            if (const auto lines = parseCount(*stream, std::numeric_limits<qint64>::max())) {
                job.route = Route::Stream;
                job.count = std::min(*lines, MaxStreamLines);
            } else {
                fail(QStringLiteral("stream needs a non-negative integer line count"));
            }
        } else { // /drip
            const auto item = [&query](const QString &key, const QString &fallback) {
                return query.hasQueryItem(key) ? query.queryItemValue(key) : fallback;
            };
            const auto duration = parseSeconds(
                item(QStringLiteral("duration"), QStringLiteral("2")), MaxDripDurationSeconds);
            const auto delaySeconds
                = parseSeconds(item(QStringLiteral("delay"), QStringLiteral("0")), MaxDelaySeconds);
            const auto numbytes
                = parseCount(item(QStringLiteral("numbytes"), QStringLiteral("10")), MaxBodyBytes);
            bool codeOk = false;
            const int code = item(QStringLiteral("code"), QStringLiteral("200")).toInt(&codeOk);
            if (duration && delaySeconds && numbytes && *numbytes > 0 && codeOk && code >= 200
                && code <= 599) {
                job.route = Route::Drip;
                job.durationMs = secondsToMs(*duration);
                job.delayMs = secondsToMs(*delaySeconds);
                job.count = *numbytes;
                job.code = code;
            } else {
                fail(QStringLiteral("drip needs duration 0..60 s, delay 0..10 s, numbytes "
                                    "1..10485760 and code 200..599"));
            }
        }
    }

    // ---- the capacity queue

    void pumpQueue()
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

    void admit(const JobPtr &job, int capacity)
    {
        job->state = JobState::Active;
        ++m_active;
        // Truncated, not rounded: a request admitted on arrival reports 0 however the clock ticks.
        job->queuedMs = (nowNs() - job->receivedNs) / 1'000'000;
        job->activeAtAdmission = m_active;
        job->capacityAtAdmission = capacity;
        updateMax(m_shared->maxActive, m_active);
        updateMax(m_shared->maxQueuedMs, job->queuedMs);

        switch (job->route) {
        case Route::Get:
            writeJson(*job, 200, echo(*job));
            job->produced = true;
            break;
        case Route::Delay:
            schedule(job, job->delayMs, Wake::Delay);
            break;
        case Route::Status:
            writeStatus(*job);
            break;
        case Route::Bytes:
            startBytes(*job);
            break;
        case Route::Stream:
            startStream(*job);
            break;
        case Route::Drip:
            schedule(job, job->delayMs, Wake::DripStart);
            break;
        case Route::BadRequest:
            writeJson(*job, 400, QJsonObject{{QStringLiteral("error"), job->error}});
            job->produced = true;
            break;
        case Route::NotFound:
            writeJson(*job, 404,
                      QJsonObject{{QStringLiteral("error"), QStringLiteral("not found")}});
            job->produced = true;
            break;
        case Route::MethodNotAllowed:
            writeJson(*job, 405,
                      QJsonObject{{QStringLiteral("error"),
                                   QStringLiteral("method not allowed: use GET or HEAD")}},
                      "Allow: GET, HEAD\r\n");
            job->produced = true;
            break;
        case Route::Malformed:
            writeJson(*job, job->code, QJsonObject{{QStringLiteral("error"), job->error}});
            job->produced = true;
            break;
        }
        if (job->connection)
            markDirty(*job->connection);
    }

    // ---- timers: one QTimer for the earliest of all deadlines (a QTimer per request made
    // every start O(timers) in Qt's timer list at 10,000 requests)

    void schedule(const JobPtr &job, qint64 ms, Wake what)
    {
        if (ms <= 0) {
            wake(job, what);
            return;
        }
        job->waitingForTimer = true;
        m_timers.push(TimerEntry{nowNs() + ms * 1'000'000, ++m_timerSequence, job, what});
    }

    void armTimer()
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

    void wake(const JobPtr &job, Wake what)
    {
        switch (what) {
        case Wake::Delay:
            writeJson(*job, 200, echo(*job));
            job->produced = true;
            break;
        case Wake::DripStart:
            startDrip(job);
            break;
        case Wake::DripTick:
            dripTick(job);
            break;
        case Wake::DripEnd:
            job->produced = true;
            break;
        }
        if (job->connection)
            markDirty(*job->connection);
    }

    // ---- producing answers

    void append(Job &job, QByteArrayView bytes)
    {
        job.out.append(bytes);
        if (job.connection)
            addQueued(*job.connection, bytes.size());
    }

    void addQueued(Connection &c, qint64 delta)
    {
        c.queuedBytes += delta;
        m_shared->queuedWriteBytes.fetch_add(delta, std::memory_order_relaxed);
        if (delta > 0)
            updateMax(m_shared->maxQueuedWriteBytes, c.queuedBytes);
    }

    QJsonObject echo(const Job &job) const
    {
        QJsonObject headers;
        for (const auto &[rawName, value] : job.request.headers) {
            const QString name = headerName(rawName);
            const QString text = QString::fromLatin1(value);
            const auto existing = headers.constFind(name);
            headers.insert(
                name, existing == headers.constEnd() ? text : existing->toString() + u',' + text);
        }
        const QUrl target = requestUrl(job);
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setAuthority(job.request.host.isEmpty() ? QStringLiteral("127.0.0.1")
                                                    : QString::fromLatin1(job.request.host));
        url.setPath(target.path());
        url.setQuery(target.query(QUrl::FullyEncoded), QUrl::StrictMode);
        return QJsonObject{
            {QStringLiteral("args"), argsObject(QUrlQuery(target))},
            {QStringLiteral("headers"), headers},
            {QStringLiteral("origin"), job.origin},
            {QStringLiteral("url"), url.toString(QUrl::FullyEncoded)},
        };
    }

    const QByteArray &dateHeader()
    {
        const std::time_t now = std::time(nullptr);
        if (now != m_dateSecond) {
            m_dateSecond = now;
            m_date = "Date: " + httpDate(now) + "\r\n";
        }
        return m_date;
    }

    void writeHead(Job &job, int code, QByteArrayView contentType, qint64 contentLength,
                   QByteArrayView extraHeaders = {})
    {
        QByteArray head;
        head.reserve(320);
        head += "HTTP/1.1 " + QByteArray::number(code) + ' ' + reasonPhrase(code) + "\r\n";
        head += "Server: Coroscope\r\n";
        head += dateHeader();
        if (!contentType.isEmpty())
            head += "Content-Type: " + contentType.toByteArray() + "\r\n";
        if (contentLength >= 0)
            head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
        head += "Access-Control-Allow-Origin: *\r\n";
        head += "X-Coroscope-Queued-Ms: " + QByteArray::number(job.queuedMs) + "\r\n";
        head += "X-Coroscope-Active: " + QByteArray::number(job.activeAtAdmission) + "\r\n";
        if (job.capacityAtAdmission > 0) {
            head += "X-Coroscope-Capacity: " + QByteArray::number(job.capacityAtAdmission) + "\r\n";
        }
        if (job.closeAfter)
            head += "Connection: close\r\n";
        else if (job.request.minorVersion == 0)
            head += "Connection: keep-alive\r\n";
        head += extraHeaders.toByteArray();
        head += "\r\n";
        append(job, head);
    }

    void writeJson(Job &job, int code, const QJsonObject &object, QByteArrayView extraHeaders = {})
    {
        const QByteArray body = QJsonDocument(object).toJson(QJsonDocument::Indented);
        writeHead(job, code, "application/json", body.size(), extraHeaders);
        if (!job.head)
            append(job, body);
    }

    void writeStatus(Job &job)
    {
        const int code = job.code;
        if (code < 200) {
            // An interim status alone would leave the client waiting for a final one forever;
            // closing makes it fail now instead of hanging.
            job.closeAfter = true;
            if (job.connection)
                job.connection->stopParsing = true;
            writeHead(job, code, {}, -1);
            job.produced = true;
            return;
        }
        const QByteArrayView location
            = code >= 300 && code < 400 ? QByteArrayView("Location: /get\r\n") : QByteArrayView();
        // 204 and 304 must not announce a body length (RFC 9110 8.6).
        const bool bodyless = code == 204 || code == 304;
        writeHead(job, code, {}, bodyless ? -1 : 0, location);
        job.produced = true;
    }

    void startBytes(Job &job)
    {
        writeHead(job, 200, "application/octet-stream", job.count);
        job.bodyLeft = job.head ? 0 : job.count;
        if (job.bodyLeft > 0)
            job.generator.emplace(job.seed ? *job.seed : QRandomGenerator::global()->generate());
        job.produced = job.bodyLeft == 0;
    }

    QByteArray streamLine(Job &job, qint64 id)
    {
        if (!job.echoObject)
            job.echoObject = echo(job);
        QJsonObject line = *job.echoObject;
        line.insert(QStringLiteral("id"), id);
        return QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    }

    // The length must be known before the first line is sent; the lines are then made again as
    // the client drains them instead of being held (they echo up to 16 KiB of headers each).
    void startStream(Job &job)
    {
        qint64 length = 0;
        for (qint64 i = 0; i < job.count; ++i)
            length += streamLine(job, i).size();
        writeHead(job, 200, "application/json", length);
        job.nextLine = job.head ? job.count : 0;
        job.produced = job.nextLine >= job.count;
    }

    // Produces the next piece of a generated body once the previous one has left; false when
    // nothing more can be produced now.
    bool produceMore(Job &job)
    {
        if (job.route == Route::Bytes && job.bodyLeft > 0) {
            const qsizetype size = qsizetype(std::min<qint64>(job.bodyLeft, GenerateChunkBytes));
            // Called with `out` empty, so the words below start at the buffer's aligned start.
            job.out.resize(size);
            char *data = job.out.data();
            // Whole words first, then single bytes: only the last chunk has a tail, so the output
            // is the same as generating the body in one piece.
            const qsizetype words = size / qsizetype(sizeof(quint32));
            job.generator->fillRange(reinterpret_cast<quint32 *>(data), words);
            for (qsizetype i = words * qsizetype(sizeof(quint32)); i < size; ++i)
                data[i] = char(job.generator->bounded(256));
            job.bodyLeft -= size;
            if (job.connection)
                addQueued(*job.connection, size);
            if (job.bodyLeft == 0) {
                job.produced = true;
                job.generator.reset();
            }
            return true;
        }
        if (job.route == Route::Stream && job.nextLine < job.count) {
            while (job.nextLine < job.count && job.out.size() < GenerateChunkBytes)
                append(job, streamLine(job, job.nextLine++));
            job.produced = job.nextLine >= job.count;
            return true;
        }
        return false;
    }

    // Headers go out at once; the body trickles in at most one write per MinDripTickMs so that a
    // large numbytes does not mean one timer per byte, and the last byte lands at `duration`.
    void startDrip(const JobPtr &job)
    {
        writeHead(*job, job->code, "application/octet-stream", job->count);
        job->ticks = std::clamp(job->durationMs / MinDripTickMs, qint64(1), job->count);
        job->tick = 0;
        job->dripStartNs = nowNs();
        if (job->head) {
            schedule(job, job->durationMs, Wake::DripEnd);
            return;
        }
        scheduleDripTick(job);
    }

    void scheduleDripTick(const JobPtr &job)
    {
        const qint64 next = job->tick + 1;
        const qint64 dueNs = job->dripStartNs + job->durationMs * 1'000'000 * next / job->ticks;
        // Scheduled against the drip's start, not the previous tick, so lateness never adds up.
        const qint64 waitMs = (std::max<qint64>(0, dueNs - nowNs()) + 999'999) / 1'000'000;
        schedule(job, waitMs, Wake::DripTick);
    }

    void dripTick(const JobPtr &job)
    {
        ++job->tick;
        const qint64 target = job->count * job->tick / job->ticks;
        append(*job, QByteArray(target - job->sent, '*'));
        job->sent = target;
        if (job->tick >= job->ticks)
            job->produced = true;
        else
            scheduleDripTick(job);
    }

    // ---- writing, in request order

    void flush(Connection &c)
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
                    if (job.produced || !produceMore(job))
                        break;
                }
                const ssize_t n = ::send(c.fd, job.out.constData() + job.outPos,
                                         size_t(job.out.size() - job.outPos), MSG_NOSIGNAL);
                if (n > 0) {
                    job.outPos += n;
                    addQueued(c, -n);
                    c.lastProgressMs = nowMs();
                } else if (n < 0 && errno == EINTR) {
                    continue;
                } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                    c.wantWrite = true;
                    updateEvents(c);
                    return;
                } else {
                    closeConnection(c); // EPIPE, ECONNRESET: the client is gone
                    return;
                }
            }
            if (!job.produced)
                break; // waits for a timer (delay, drip)
            // Every byte is with the kernel: the request stops counting as being handled.
            const JobPtr done = std::move(c.jobs.front());
            c.jobs.pop_front();
            finish(*done);
            c.lastProgressMs = nowMs();
            if (done->closeAfter) {
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
        // Input that waited for pipeline room.
        if (canParse(c) && c.pendingInPos < c.pendingIn.size())
            readFrom(c);
        if (isOpen(c))
            updateEvents(c);
    }

    void finish(Job &job)
    {
        if (job.state == JobState::Active)
            --m_active;
        job.state = JobState::Done;
        job.connection = nullptr;
    }

    // Answers are all out; stop sending but keep reading until the client closes (or lingering
    // times out), so that unread input does not turn our close into a reset.
    void beginClose(Connection &c)
    {
        if (c.readEof) {
            closeConnection(c);
            return;
        }
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

    void closeConnection(Connection &c)
    {
        if (!isOpen(c))
            return;
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
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

    std::shared_ptr<Shared> m_shared;
    QElapsedTimer m_clock;
    Listener *m_listener = nullptr;
    int m_epoll = -1;
    QSocketNotifier *m_epollNotifier = nullptr;
    QTimer *m_timer = nullptr;
    qint64 m_timerDueNs = 0;
    QTimer *m_sweepTimer = nullptr;
    QTimer *m_acceptRetry = nullptr;
    bool m_acceptPaused = false;

    std::unordered_map<quint64, std::unique_ptr<Connection>> m_connections;
    std::vector<std::unique_ptr<Connection>> m_graveyard;
    std::vector<quint64> m_dirty;
    quint64 m_lastConnectionId = 0;
    std::deque<JobPtr> m_queue; // the capacity queue, in arrival order
    std::priority_queue<TimerEntry, std::vector<TimerEntry>, std::greater<>> m_timers;
    quint64 m_timerSequence = 0;
    int m_active = 0;
    bool m_settling = false;
    bool m_stopping = false;
    std::time_t m_dateSecond = 0;
    QByteArray m_date;
    char m_readBuffer[ReadChunkBytes];
};

TestServer::TestServer(QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
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
    if (m_worker) {
        QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->pump(); }, Qt::QueuedConnection);
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
    auto *worker = new Worker(m_shared);
    worker->moveToThread(thread);
    // Deferred deletes are flushed when a thread finishes: the worker dies on its own thread.
    connect(thread, &QThread::finished, worker, &QObject::deleteLater);
    thread->start();

    bool ok = false;
    quint16 port = 0;
    QString error;
    QMetaObject::invokeMethod(
        worker, [&] { ok = worker->listenOn(preferredPort, &port, &error); },
        Qt::BlockingQueuedConnection);
    if (!ok) {
        thread->quit();
        thread->wait();
        delete thread;
        m_error = error.isEmpty() ? tr("Could not listen on 127.0.0.1") : error;
        return false;
    }
    m_thread = thread;
    m_worker = worker;
    m_port = port;
    return true;
}

void TestServer::stop()
{
    QMutexLocker lock(&m_mutex);
    if (!m_thread)
        return;
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->shutdown(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_worker = nullptr;
    m_port = 0;
}

bool TestServer::isRunning() const
{
    QMutexLocker lock(&m_mutex);
    return m_worker != nullptr;
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
    if (m_worker)
        QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->pump(); }, Qt::QueuedConnection);
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
    if (m_worker)
        QMetaObject::invokeMethod(
            m_worker, [worker = m_worker] { worker->applyIdleTimeout(); }, Qt::QueuedConnection);
}

int TestServer::idleTimeoutMs() const
{
    return m_shared->idleTimeoutMs.load();
}

} // namespace Coroscope
