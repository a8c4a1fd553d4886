#include "fetchworker.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

#include <memory>

namespace Coroscope {

void countBody(QNetworkReply *reply, qint64 *bytes)
{
    // A bounded read buffer keeps memory flat even when the loop is slow to drain it.
    reply->setReadBufferSize(256 * 1024);
    QObject::connect(reply, &QIODevice::readyRead, reply,
                     [reply, bytes]() { *bytes += reply->skip(reply->bytesAvailable()); });
}

namespace {
const char TimedOutProperty[] = "coroscopeTimedOut";
}

void armTimeout(QNetworkReply *reply, int timeoutMs)
{
    if (timeoutMs <= 0)
        return;
    auto *timer = new QTimer(reply);
    timer->setSingleShot(true);
    timer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
    QObject::connect(timer, &QTimer::timeout, reply, [reply]() {
        reply->setProperty(TimedOutProperty, true);
        reply->abort();
    });
    timer->start(timeoutMs);
}

FetchResult fetchResultOf(QNetworkReply *reply, qint64 bytes, bool cancelled)
{
    const bool timedOut = reply->property(TimedOutProperty).toBool();
    FetchResult r;
    if (reply->isOpen())
        bytes += reply->skip(reply->bytesAvailable());
    r.bytes = bytes;
    r.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    bool ok = false;
    const qint64 queued = reply->rawHeader("X-Coroscope-Queued-Ms").toLongLong(&ok);
    r.serverQueuedMs = ok ? queued : -1;
    const auto error = reply->error();
    if (error == QNetworkReply::NoError) {
        r.result = TaskResult::Ok;
    } else if (error == QNetworkReply::OperationCanceledError && timedOut) {
        r.result = TaskResult::Timeout;
        r.error = QCoreApplication::translate("Coroscope", "timed out");
    } else if (error == QNetworkReply::OperationCanceledError && cancelled) {
        r.result = TaskResult::Cancelled;
        r.error = QCoreApplication::translate("Coroscope", "cancelled");
    } else {
        r.result = TaskResult::Error;
        r.error = reply->errorString();
    }
    return r;
}

FetchWorker::FetchWorker(QObject *parent)
    : QObject(parent)
    , m_manager(new QNetworkAccessManager(this))
{
    m_manager->setAutoDeleteReplies(false);
}

FetchWorker::~FetchWorker()
{
    abortAll();
}

void FetchWorker::fetch(const QUrl &url, int timeoutMs, Done done)
{
    QNetworkReply *reply = m_manager->get(QNetworkRequest(url));
    m_inFlight.append(reply);
    // Shared by the body counter and the finished handler; freed with their connections when
    // the reply is deleted, even if this worker goes first.
    auto bytes = std::make_shared<qint64>(0);
    countBody(reply, bytes.get());
    armTimeout(reply, timeoutMs);
    connect(
        reply, &QNetworkReply::finished, this,
        [this, reply, bytes, done]() {
            m_inFlight.removeOne(reply);
            const FetchResult result = fetchResultOf(reply, *bytes, m_cancelled);
            reply->disconnect();
            reply->deleteLater();
            done(result);
        },
        Qt::QueuedConnection);
}

void FetchWorker::abortAll()
{
    m_cancelled = true;
    const auto inFlight = m_inFlight;
    for (QNetworkReply *reply : inFlight)
        reply->abort();
}

} // namespace Coroscope
