#include "connectionpool.h"

#include "reaper.h"

#include <QNetworkAccessManager>
#include <QNetworkRequest>

namespace Coroscope {

ConnectionPool::ConnectionPool(int perHost, int total, QObject *parent)
    : QObject(parent)
    , m_perHost(perHost)
    , m_total(total)
    , m_budget(new AsyncSemaphore(total, this))
{
}

AsyncSemaphore::Acquire ConnectionPool::acquireBudget()
{
    return m_budget->acquire();
}

ConnectionPool::~ConnectionPool()
{
    for (QNetworkAccessManager *manager : std::as_const(m_managers))
        retireManager(manager);
}

QString ConnectionPool::hostKey(const QUrl &url)
{
    const int port = url.port(url.scheme() == u"https" ? 443 : 80);
    return url.scheme() + u"://" + url.host() + u':' + QString::number(port);
}

ConnectionPool::Host &ConnectionPool::host(const QString &key)
{
    auto it = m_hosts.find(key);
    if (it == m_hosts.end()) {
        it = m_hosts.insert(key, Host{});
        it->limit = new AsyncSemaphore(m_perHost, this);
        it->sharedManagers = key.startsWith(QLatin1String("http://"));
    }
    return *it;
}

AsyncSemaphore::Acquire ConnectionPool::acquireSlot(const QString &key)
{
    return host(key).limit->acquire();
}

QNetworkAccessManager *ConnectionPool::newManager()
{
    auto *manager = new QNetworkAccessManager;
    manager->setAutoDeleteReplies(false);
    // Sessions and the disk cache would make timings depend on earlier runs.
    manager->setCookieJar(nullptr);
    m_managers.append(manager);
    return manager;
}

ConnectionPool::Lease ConnectionPool::lease(const QString &key)
{
    Host &h = host(key);
    if (h.withRoom.empty()) {
        // Open a lane: on plain http a new name on the newest manager while it has lanes to
        // spare, else (and always on https) a new manager.
        const int lane = int(h.lanes.size());
        QNetworkAccessManager *manager = h.sharedManagers && lane % LanesPerManager != 0
            ? h.lanes.constLast().manager
            : newManager();
        h.lanes.append(Lane{manager, 0});
        h.withRoom.insert(lane);
    }
    const int lane = *h.withRoom.begin();
    if (++h.lanes[lane].active == QnamConnectionsPerHost)
        h.withRoom.erase(h.withRoom.begin());
    return Lease{h.lanes[lane].manager, lane, h.sharedManagers};
}

void ConnectionPool::prepare(QNetworkRequest &request, const Lease &lease)
{
    if (lease.named)
        request.setPeerVerifyName(QStringLiteral("coroscope-lane-%1").arg(lease.lane));
}

void ConnectionPool::release(const QString &key, const Lease &lease)
{
    Host &h = host(key);
    const int lane = lease.lane;
    if (lane >= 0 && lane < h.lanes.size() && h.lanes[lane].active > 0) {
        --h.lanes[lane].active;
        h.withRoom.insert(lane);
    }
    h.limit->release();
    m_budget->release();
}

void ConnectionPool::releaseSlot(const QString &key)
{
    host(key).limit->release();
}

void ConnectionPool::releaseBudget()
{
    m_budget->release();
}

void ConnectionPool::cancelAll()
{
    for (Host &h : m_hosts)
        h.limit->cancelAll();
    m_budget->cancelAll();
}

} // namespace Coroscope
