#include "connectionpool.h"

#include "reaper.h"

#include <QNetworkAccessManager>

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

QNetworkAccessManager *ConnectionPool::lease(const QString &key)
{
    Host &h = host(key);
    for (int i = h.firstFree; i < h.managers.size(); ++i) {
        if (h.managers[i].active < QnamConnectionsPerHost) {
            ++h.managers[i].active;
            return h.managers[i].manager;
        }
        h.firstFree = i + 1;
    }
    // Each host grows its own managers: sharing them across hosts would save threads only when
    // a run mixes hosts, and finding a free one would cost a scan on every new connection.
    QNetworkAccessManager *manager = newManager();
    h.managers.append(Slot{manager, 1});
    return manager;
}

void ConnectionPool::release(const QString &key, QNetworkAccessManager *manager)
{
    Host &h = host(key);
    for (int i = 0; i < h.managers.size(); ++i) {
        if (h.managers[i].manager == manager) {
            --h.managers[i].active;
            h.firstFree = std::min(h.firstFree, i);
            break;
        }
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
