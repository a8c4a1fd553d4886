#pragma once

#include <QObject>

#include <coroutine>
#include <deque>

namespace Coroscope {

// A FIFO counting semaphore for coroutines on one event loop (not thread-safe by design: it
// lives on the scheduler thread). Waiters are resumed through the event loop, never inside
// release(), so a finishing task does not run the next one on its own stack.
class AsyncSemaphore : public QObject
{
public:
    enum class Grant { Cancelled, Immediate, Waited };

    // permits == 0 means unlimited: acquire() never waits.
    explicit AsyncSemaphore(int permits, QObject *parent = nullptr);

    class Acquire
    {
    public:
        explicit Acquire(AsyncSemaphore *semaphore)
            : m_semaphore(semaphore)
        {
        }
        bool await_ready()
        {
            if (m_semaphore->m_cancelled) {
                m_grant = Grant::Cancelled;
                return true;
            }
            return m_semaphore->tryAcquire();
        }
        void await_suspend(std::coroutine_handle<> handle);
        // Immediate/Waited: a permit is held; Cancelled: no permit.
        Grant await_resume() const { return m_grant; }

    private:
        friend class AsyncSemaphore;
        AsyncSemaphore *m_semaphore = nullptr;
        Grant m_grant = Grant::Immediate;
    };

    Acquire acquire() { return Acquire(this); }
    bool tryAcquire();
    void release();
    // Wakes every waiter without a permit; later acquires fail too.
    void cancelAll();
    int waiting() const { return int(m_waiters.size()); }

private:
    struct Waiter
    {
        std::coroutine_handle<> handle;
        Acquire *acquire = nullptr;
    };
    void wake(Waiter waiter, Grant grant);

    int m_available = 0;
    bool m_unlimited = false;
    bool m_cancelled = false;
    std::deque<Waiter> m_waiters;
};

} // namespace Coroscope
