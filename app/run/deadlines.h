#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <queue>
#include <vector>

class QNetworkReply;
class QTimer;

namespace Coroscope {

// Per-request timeouts with one timer for all of them. A QTimer per reply made every get()
// O(replies in flight): QNetworkAccessManager::get() moves the reply to the manager's thread
// and moveToThread scans every timer registered on the calling thread (4.7% of all samples at
// 10,000 tasks). Lives on the thread of the replies it times.
class Deadlines : public QObject
{
public:
    explicit Deadlines(QObject *parent = nullptr);

    // `reply` ends as timed out (timeOutReply()) after `timeoutMs`, unless it finished first.
    void arm(QNetworkReply *reply, int timeoutMs);

private:
    struct Entry
    {
        qint64 deadlineNs;
        QPointer<QNetworkReply> reply;
        bool operator>(const Entry &other) const { return deadlineNs > other.deadlineNs; }
    };
    void expire();
    void schedule();

    QElapsedTimer m_clock;
    QTimer *m_timer = nullptr;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> m_heap;
};

} // namespace Coroscope
