#include "testserver.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <QUrlQuery>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <deque>
#include <optional>

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

enum class Route { Get, Delay, Status, Bytes, Drip, Stream, BadRequest, NotFound };
enum class JobState { Queued, Active, Done };

// One request from receipt to its last byte. Shared between the queue, timer callbacks and
// socket connections because whichever of them comes last must still find it alive.
struct Job
{
    JobState state = JobState::Queued;
    Route route = Route::NotFound;
    QPointer<QTcpSocket> socket; // Qt deletes the socket when the client leaves
    QMetaObject::Connection disconnectedConnection;
    QMetaObject::Connection bytesWrittenConnection;
    bool head = false;
    bool closeAfter = false;
    qint64 receivedNs = 0;
    qint64 queuedMs = 0;

    // Copied out of the request: QHttpServerRequest is reused for the socket's next request.
    QString url;
    QJsonObject args;
    QJsonObject headers;
    QString origin;
    QString error;

    qint64 delayMs = 0;
    int code = 200;
    qint64 count = 0; // bytes, lines or drip bytes
    std::optional<quint32> seed;
    qint64 durationMs = 0;

    qint64 sent = 0;
    qint64 tick = 0;
    qint64 ticks = 1;
    qint64 dripStartMs = 0;
};
using JobPtr = std::shared_ptr<Job>;

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
        return QByteArrayLiteral("Payload Too Large");
    case 418:
        return QByteArrayLiteral("I'm a teapot");
    case 422:
        return QByteArrayLiteral("Unprocessable Entity");
    case 429:
        return QByteArrayLiteral("Too Many Requests");
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

} // namespace

struct TestServer::Shared
{
    std::atomic<int> capacity{0};
    std::atomic<qint64> requests{0};
    std::atomic<int> maxActive{0};
    std::atomic<qint64> maxQueuedMs{0};
};

// Subclassing QAbstractHttpServer instead of routing through QHttpServer: the router in 6.4
// offers deferred answers only through QFuture (segfaults when the client leaves) and we need
// every request to pass through one capacity queue anyway, so the path is parsed here.
class TestServer::Worker : public QAbstractHttpServer
{
public:
    explicit Worker(std::shared_ptr<Shared> shared)
        : m_shared(std::move(shared))
    {
        m_clock.start();
    }

    bool listenOn(quint16 preferredPort, quint16 *port, QString *error)
    {
        QTcpServer *tcp = tryListen(preferredPort, error);
        if (!tcp && preferredPort != 0)
            tcp = tryListen(0, error);
        if (!tcp)
            return false;
        bind(tcp);
        *port = tcp->serverPort();
        return true;
    }

    // Must run on the server thread while its event loop still runs, so that sockets are torn
    // down where they live; the worker itself is deleted when the thread finishes.
    void shutdown()
    {
        m_stopping = true;
        m_queue.clear();
        const auto tcpServers = servers();
        for (QTcpServer *tcp : tcpServers) {
            tcp->close();
            delete tcp; // deletes the accepted sockets, its children
        }
    }

    void pump()
    {
        if (m_pumping || m_stopping)
            return;
        m_pumping = true;
        while (!m_queue.empty()) {
            const int capacity = m_shared->capacity.load();
            if (capacity > 0 && m_active >= capacity)
                break;
            JobPtr job = std::move(m_queue.front());
            m_queue.pop_front();
            if (job->state != JobState::Queued)
                continue; // its client left while it waited
            if (!job->socket || job->socket->state() != QAbstractSocket::ConnectedState) {
                finish(job);
                continue;
            }
            admit(job);
        }
        m_pumping = false;
    }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override
    {
        m_shared->requests.fetch_add(1);
        if (m_stopping || socket->state() != QAbstractSocket::ConnectedState)
            return true;

        auto job = std::make_shared<Job>();
        job->socket = socket;
        job->receivedNs = m_clock.nsecsElapsed();
        job->head = request.method() == QHttpServerRequest::Method::Head;
        parse(*job, request);

        job->disconnectedConnection = connect(socket, &QAbstractSocket::disconnected, this,
                                              [this, job] { clientLeft(job); });
        m_queue.push_back(std::move(job));
        pump();
        return true;
    }

    void missingHandler(const QHttpServerRequest &, QTcpSocket *) override
    {
        // Never called: handleRequest() answers every request, 404 included.
    }

private:
    QTcpServer *tryListen(quint16 port, QString *error)
    {
        auto *tcp = new QTcpServer(this);
        tcp->setListenBacklogSize(ListenBacklog); // only honoured before listen()
        if (tcp->listen(QHostAddress::LocalHost, port))
            return tcp;
        *error = tcp->errorString();
        delete tcp;
        return nullptr;
    }

    void parse(Job &job, const QHttpServerRequest &request)
    {
        const QList<QPair<QByteArray, QByteArray>> rawHeaders = request.headers();
        QByteArray host;
        for (const auto &[rawName, value] : rawHeaders) {
            const QString name = headerName(rawName);
            const QString text = QString::fromLatin1(value);
            const auto existing = job.headers.constFind(name);
            job.headers.insert(
                name,
                existing == job.headers.constEnd() ? text : existing->toString() + u',' + text);
            if (name == u"Host")
                host = value;
            else if (name == u"Connection"
                     && value.trimmed().compare("close", Qt::CaseInsensitive) == 0)
                job.closeAfter = true;
        }

        QHostAddress peer = request.remoteAddress();
        bool isV4 = false;
        const quint32 v4 = peer.toIPv4Address(&isV4);
        if (isV4)
            peer = QHostAddress(v4);
        job.origin = peer.toString();

        const QUrl requestUrl = request.url();
        const QString path = requestUrl.path();
        const QUrlQuery query = request.query();
        QUrl url;
        url.setScheme(QStringLiteral("http"));
        url.setAuthority(host.isEmpty() ? QStringLiteral("127.0.0.1") : QString::fromLatin1(host));
        url.setPath(path);
        url.setQuery(requestUrl.query(QUrl::FullyEncoded), QUrl::StrictMode);
        job.url = url.toString(QUrl::FullyEncoded);
        job.args = argsObject(query);

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

        if (path == u"/get") {
            job.route = Route::Get;
        } else if (const auto arg = tail(QLatin1StringView("/delay/"))) {
            if (const auto seconds = parseSeconds(*arg, MaxDelaySeconds)) {
                job.route = Route::Delay;
                job.delayMs = secondsToMs(*seconds);
            } else {
                fail(QStringLiteral("delay must be a number of seconds from 0 to 10"));
            }
        } else if (const auto arg = tail(QLatin1StringView("/status/"))) {
            bool ok = false;
            const int code = arg->toInt(&ok);
            if (ok && code >= 100 && code <= 599) {
                job.route = Route::Status;
                job.code = code;
            } else {
                fail(QStringLiteral("status must be an integer from 100 to 599"));
            }
        } else if (const auto arg = tail(QLatin1StringView("/bytes/"))) {
            const auto count = parseCount(*arg, MaxBodyBytes);
            bool seedOk = true;
            if (query.hasQueryItem(QStringLiteral("seed"))) {
                job.seed = query.queryItemValue(QStringLiteral("seed")).toUInt(&seedOk);
            }
            if (count && seedOk) {
                job.route = Route::Bytes;
                job.count = *count;
            } else {
                fail(QStringLiteral("bytes must be an integer from 0 to 10485760 and seed an "
                                    "unsigned 32-bit integer"));
            }
        } else if (const auto arg = tail(QLatin1StringView("/stream/"))) {
            if (const auto lines = parseCount(*arg, std::numeric_limits<qint64>::max())) {
                job.route = Route::Stream;
                job.count = std::min(*lines, MaxStreamLines);
            } else {
                fail(QStringLiteral("stream needs a non-negative integer line count"));
            }
        } else if (path == u"/drip") {
            const auto item = [&query](const QString &key, const QString &fallback) {
                return query.hasQueryItem(key) ? query.queryItemValue(key) : fallback;
            };
            const auto duration = parseSeconds(
                item(QStringLiteral("duration"), QStringLiteral("2")), MaxDripDurationSeconds);
            const auto delay
                = parseSeconds(item(QStringLiteral("delay"), QStringLiteral("0")), MaxDelaySeconds);
            const auto numbytes
                = parseCount(item(QStringLiteral("numbytes"), QStringLiteral("10")), MaxBodyBytes);
            bool codeOk = false;
            const int code = item(QStringLiteral("code"), QStringLiteral("200")).toInt(&codeOk);
            if (duration && delay && numbytes && *numbytes > 0 && codeOk && code >= 200
                && code <= 599) {
                job.route = Route::Drip;
                job.durationMs = secondsToMs(*duration);
                job.delayMs = secondsToMs(*delay);
                job.count = *numbytes;
                job.code = code;
            } else {
                fail(QStringLiteral("drip needs duration 0..60 s, delay 0..10 s, numbytes "
                                    "1..10485760 and code 200..599"));
            }
        } else {
            job.route = Route::NotFound;
        }
    }

    void admit(const JobPtr &job)
    {
        job->state = JobState::Active;
        ++m_active;
        // Truncated, not rounded: a request admitted on arrival reports 0 however the clock ticks.
        job->queuedMs = (m_clock.nsecsElapsed() - job->receivedNs) / 1'000'000;
        updateMax(m_shared->maxActive, m_active);
        updateMax(m_shared->maxQueuedMs, job->queuedMs);

        switch (job->route) {
        case Route::Get:
            writeJson(*job, 200, echo(*job));
            complete(job);
            break;
        case Route::Delay:
            later(job, job->delayMs, [this](const JobPtr &j) {
                writeJson(*j, 200, echo(*j));
                complete(j);
            });
            break;
        case Route::Status:
            writeStatus(job);
            break;
        case Route::Bytes:
            writeBytes(*job);
            complete(job);
            break;
        case Route::Stream:
            writeStream(*job);
            complete(job);
            break;
        case Route::Drip:
            later(job, job->delayMs, [this](const JobPtr &j) { startDrip(j); });
            break;
        case Route::BadRequest:
            writeJson(*job, 400, QJsonObject{{QStringLiteral("error"), job->error}});
            complete(job);
            break;
        case Route::NotFound:
            writeJson(*job, 404,
                      QJsonObject{{QStringLiteral("error"), QStringLiteral("not found")}});
            complete(job);
            break;
        }
    }

    // The callback runs only if the job still holds its slot and its client is still there.
    template<typename Callback> void later(const JobPtr &job, qint64 ms, Callback callback)
    {
        const auto guarded = [this, job, callback] {
            if (job->state != JobState::Active)
                return;
            if (!job->socket || job->socket->state() != QAbstractSocket::ConnectedState) {
                finish(job);
                return;
            }
            callback(job);
        };
        if (ms <= 0) {
            guarded();
            return;
        }
        // Precise: the default for >= 2 s is a coarse timer that may fire 5 % early.
        QTimer::singleShot(int(ms), Qt::PreciseTimer, this, guarded);
    }

    QJsonObject echo(const Job &job) const
    {
        return QJsonObject{
            {QStringLiteral("args"), job.args},
            {QStringLiteral("headers"), job.headers},
            {QStringLiteral("origin"), job.origin},
            {QStringLiteral("url"), job.url},
        };
    }

    void writeHead(Job &job, int code, QByteArrayView contentType, qint64 contentLength,
                   QByteArrayView extraHeaders = {})
    {
        QByteArray head;
        head.reserve(256);
        head += "HTTP/1.1 " + QByteArray::number(code) + ' ' + reasonPhrase(code) + "\r\n";
        head += "Server: Coroscope\r\n";
        if (!contentType.isEmpty())
            head += "Content-Type: " + contentType.toByteArray() + "\r\n";
        if (contentLength >= 0)
            head += "Content-Length: " + QByteArray::number(contentLength) + "\r\n";
        head += "Access-Control-Allow-Origin: *\r\n";
        head += "X-Coroscope-Queued-Ms: " + QByteArray::number(job.queuedMs) + "\r\n";
        if (job.closeAfter)
            head += "Connection: close\r\n";
        head += extraHeaders.toByteArray();
        head += "\r\n";
        job.socket->write(head);
    }

    void writeBody(Job &job, const QByteArray &body)
    {
        if (!job.head && !body.isEmpty())
            job.socket->write(body);
    }

    void writeJson(Job &job, int code, const QJsonObject &object)
    {
        const QByteArray body = QJsonDocument(object).toJson(QJsonDocument::Indented);
        writeHead(job, code, "application/json", body.size());
        writeBody(job, body);
    }

    void writeStatus(const JobPtr &job)
    {
        const int code = job->code;
        if (code < 200) {
            // An interim status alone would leave the client waiting for a final one forever;
            // closing makes it fail now instead of hanging.
            job->closeAfter = true;
            writeHead(*job, code, {}, -1);
            complete(job);
            return;
        }
        const QByteArrayView location
            = code >= 300 && code < 400 ? QByteArrayView("Location: /get\r\n") : QByteArrayView();
        // 204 and 304 must not announce a body length (RFC 9110 8.6).
        const bool bodyless = code == 204 || code == 304;
        writeHead(*job, code, {}, bodyless ? -1 : 0, location);
        complete(job);
    }

    void writeBytes(Job &job)
    {
        QRandomGenerator generator(job.seed ? *job.seed : QRandomGenerator::global()->generate());
        QByteArray body(job.count, Qt::Uninitialized);
        const qsizetype words = body.size() / qsizetype(sizeof(quint32));
        generator.fillRange(reinterpret_cast<quint32 *>(body.data()), words);
        for (qsizetype i = words * qsizetype(sizeof(quint32)); i < body.size(); ++i)
            body[i] = char(generator.bounded(256));
        writeHead(job, 200, "application/octet-stream", body.size());
        writeBody(job, body);
    }

    void writeStream(Job &job)
    {
        QByteArray body;
        for (qint64 i = 0; i < job.count; ++i) {
            QJsonObject line = echo(job);
            line.insert(QStringLiteral("id"), i);
            body += QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
        }
        writeHead(job, 200, "application/json", body.size());
        writeBody(job, body);
    }

    // Headers go out at once; the body trickles in at most one write per MinDripTickMs so that a
    // large numbytes does not mean one timer per byte, and the last byte lands at `duration`.
    void startDrip(const JobPtr &job)
    {
        writeHead(*job, job->code, "application/octet-stream", job->count);
        job->ticks = std::clamp(job->durationMs / MinDripTickMs, qint64(1), job->count);
        job->tick = 0;
        job->dripStartMs = m_clock.elapsed();
        if (job->head) {
            later(job, job->durationMs, [this](const JobPtr &j) { complete(j); });
            return;
        }
        scheduleDripTick(job);
    }

    void scheduleDripTick(const JobPtr &job)
    {
        const qint64 next = job->tick + 1;
        const qint64 due = job->dripStartMs + job->durationMs * next / job->ticks;
        // Scheduled against the drip's start, not the previous tick, so lateness never adds up.
        later(job, std::max(qint64(0), due - m_clock.elapsed()), [this](const JobPtr &j) {
            ++j->tick;
            const qint64 target = j->count * j->tick / j->ticks;
            j->socket->write(QByteArray(target - j->sent, '*'));
            j->sent = target;
            if (j->tick >= j->ticks)
                complete(j);
            else
                scheduleDripTick(j);
        });
    }

    // The response is in the socket's buffer; the slot stays taken until the kernel has it too,
    // so a big body on a slow reader counts as "being handled".
    void complete(const JobPtr &job)
    {
        QTcpSocket *socket = job->socket;
        if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
            finish(job);
            return;
        }
        if (job->closeAfter) {
            socket->disconnectFromHost(); // flushes first; disconnected() then finishes the job
            if (socket->state() == QAbstractSocket::UnconnectedState)
                finish(job);
            return;
        }
        if (socket->bytesToWrite() == 0) {
            finish(job);
            return;
        }
        job->bytesWrittenConnection = connect(socket, &QIODevice::bytesWritten, this, [this, job] {
            if (job->socket && job->socket->bytesToWrite() > 0)
                return;
            finish(job);
        });
    }

    void clientLeft(const JobPtr &job) { finish(job); }

    void finish(const JobPtr &job)
    {
        const bool wasActive = job->state == JobState::Active;
        if (job->state == JobState::Done)
            return;
        job->state = JobState::Done;
        disconnect(job->disconnectedConnection);
        disconnect(job->bytesWrittenConnection);
        if (wasActive) {
            --m_active;
            pump();
        }
    }

    std::shared_ptr<Shared> m_shared;
    QElapsedTimer m_clock;
    std::deque<JobPtr> m_queue;
    int m_active = 0;
    bool m_pumping = false;
    bool m_stopping = false;
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
    return stats;
}

} // namespace Coroscope
