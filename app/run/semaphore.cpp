#include "semaphore.h"

namespace Coroscope {

AsyncSemaphore::AsyncSemaphore(int permits, QObject *parent)
    : QObject(parent)
    , m_available(permits)
    , m_unlimited(permits <= 0)
{
}

bool AsyncSemaphore::tryAcquire()
{
    if (m_cancelled)
        return false;
    if (m_unlimited)
        return true;
    if (m_available > 0 && m_waiters.empty()) {
        --m_available;
        return true;
    }
    return false;
}

void AsyncSemaphore::Acquire::await_suspend(std::coroutine_handle<> handle)
{
    m_semaphore->m_waiters.push_back(Waiter{handle, this});
}

void AsyncSemaphore::release()
{
    if (m_unlimited || m_cancelled)
        return;
    if (!m_waiters.empty()) {
        Waiter next = m_waiters.front();
        m_waiters.pop_front();
        wake(next,
             Grant::Waited); // the permit passes straight to the next waiter: FIFO, no barging
        return;
    }
    ++m_available;
}

void AsyncSemaphore::cancelAll()
{
    m_cancelled = true;
    while (!m_waiters.empty()) {
        Waiter next = m_waiters.front();
        m_waiters.pop_front();
        wake(next, Grant::Cancelled);
    }
}

void AsyncSemaphore::wake(Waiter waiter, Grant grant)
{
    waiter.acquire->m_grant = grant;
    QMetaObject::invokeMethod(
        this, [handle = waiter.handle]() { handle.resume(); }, Qt::QueuedConnection);
}

} // namespace Coroscope
