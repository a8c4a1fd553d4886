#pragma once

#include "semaphore.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QUrl>

class QNetworkAccessManager;

namespace Coroscope {

// Hands out QNetworkAccessManagers so that a run can honour "N connections per host" for any N.
// Qt 6.4's QNAM opens at most 6 connections per host:port and queues the rest invisibly (not
// configurable before 6.5), so to have N requests on the wire at once we spread them over
// ceil(N/6) managers, and we do our own (visible, traced) queueing for the per-host limit.
// Lives on the scheduler thread.
class ConnectionPool : public QObject
{
public:
    static constexpr int QnamConnectionsPerHost = 6;

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
    QNetworkAccessManager *lease(const QString &host);
    // Returns the manager's slot; also releases the per-host slot and the budget.
    void release(const QString &host, QNetworkAccessManager *manager);
    // For tasks cancelled between acquiring and leasing.
    void releaseSlot(const QString &host);
    void releaseBudget();
    void cancelAll();

    int managerCount() const { return int(m_managers.size()); }

private:
    struct Slot
    {
        QNetworkAccessManager *manager = nullptr;
        int active = 0;
    };
    struct Host
    {
        AsyncSemaphore *limit = nullptr;
        QList<Slot> managers;
        int firstFree = 0; // managers before it are full: keeps lease() O(1) amortised
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
