#pragma once

#include "semaphore.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QUrl>

#include <set>

class QNetworkAccessManager;
class QNetworkRequest;

namespace Coroscope {

// Hands out network managers so that a run can honour "N connections per host" for any N.
// Qt 6.4's QNAM opens at most 6 connections per connection-cache key and queues the rest
// invisibly (not configurable before 6.5). The key is scheme://host:port plus, when set, the
// request's peerVerifyName (qhttpthreaddelegate.cpp makeCacheKey). So requests are spread over
// *lanes* of 6: on plain http a lane is a distinct peerVerifyName on a shared manager (about 126
// connections per manager: one manager per 100-150 connections measured best, one for all was
// slow, one per 6 meant a thread per 6 connections); on https the name is what the certificate
// is checked against, so there a lane is a manager of its own. Our own (visible, traced)
// queueing does the per-host limit. Lives on the scheduler thread.
class ConnectionPool : public QObject
{
public:
    static constexpr int QnamConnectionsPerHost = 6;
    static constexpr int LanesPerManager = 21; // 126 connections per manager on plain http

    // perHost == 0: unlimited, every request gets a connection at once. `total` caps the
    // connections open at once over all hosts (the process's file descriptor budget).
    ConnectionPool(int perHost, int total, QObject *parent = nullptr);
    ~ConnectionPool() override;

    static QString hostKey(const QUrl &url);

    // Await before leasing when limited; resumes false when the run was cancelled.
    AsyncSemaphore::Acquire acquireSlot(const QString &host);
    // Await after acquireSlot(): a connection within the process-wide budget.
    AsyncSemaphore::Acquire acquireBudget();
    int budget() const { return m_total; }

    struct Lease
    {
        QNetworkAccessManager *manager = nullptr;
        int lane = -1;
        bool named = false; // the lane is a peerVerifyName on a shared manager
    };
    // A lane with room for one more request to `host`; prepare the request with it.
    Lease lease(const QString &host);
    static void prepare(QNetworkRequest &request, const Lease &lease);
    // Returns the lane's place; also releases the per-host slot and the budget.
    void release(const QString &host, const Lease &lease);
    // For tasks cancelled between acquiring and leasing.
    void releaseSlot(const QString &host);
    void releaseBudget();
    void cancelAll();

    int managerCount() const { return int(m_managers.size()); }

private:
    struct Lane
    {
        QNetworkAccessManager *manager = nullptr;
        int active = 0;
    };
    struct Host
    {
        AsyncSemaphore *limit = nullptr;
        bool sharedManagers = false; // plain http: lanes share managers by peerVerifyName
        QList<Lane> lanes;
        // Lanes with room, lowest first: busy lanes are refilled before new ones open, so
        // kept-alive connections are reused.
        std::set<int> withRoom;
    };
    Host &host(const QString &key);
    QNetworkAccessManager *newManager();

    int m_perHost = 0;
    int m_total = 0;
    AsyncSemaphore *m_budget = nullptr;
    QHash<QString, Host> m_hosts;
    QList<QNetworkAccessManager *> m_managers;
};

} // namespace Coroscope
