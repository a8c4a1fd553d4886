#include "deadlines.h"

#include "fetchworker.h"

#include <QNetworkReply>
#include <QTimer>

namespace Coroscope {

Deadlines::Deadlines(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_clock.start();
    m_timer->setSingleShot(true);
    m_timer->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5% early
    connect(m_timer, &QTimer::timeout, this, &Deadlines::expire);
}

void Deadlines::arm(QNetworkReply *reply, int timeoutMs)
{
    if (timeoutMs <= 0 || !reply)
        return;
    const qint64 deadline = m_clock.nsecsElapsed() + qint64(timeoutMs) * 1000000;
    const bool earliest = m_heap.empty() || deadline < m_heap.top().deadlineNs;
    m_heap.push(Entry{deadline, reply});
    if (earliest)
        schedule();
}

void Deadlines::expire()
{
    const qint64 now = m_clock.nsecsElapsed();
    while (!m_heap.empty() && m_heap.top().deadlineNs <= now) {
        const QPointer<QNetworkReply> reply = m_heap.top().reply;
        m_heap.pop();
        if (reply && !reply->isFinished())
            timeOutReply(reply); // may finish it synchronously: the heap is already consistent
    }
    schedule();
}

void Deadlines::schedule()
{
    // Finished replies stay in the heap until their deadline: removing them would cost more
    // than skipping them once.
    if (m_heap.empty()) {
        m_timer->stop();
        return;
    }
    const qint64 waitNs = m_heap.top().deadlineNs - m_clock.nsecsElapsed();
    // Round up: firing a fraction of a millisecond early would only re-arm.
    m_timer->start(int(std::max<qint64>(0, (waitNs + 999999) / 1000000)));
}

} // namespace Coroscope
