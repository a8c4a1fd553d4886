#include "serverengine.h"

#include "server/httpbinroutes.h"
#include "server/httprequestparser.h"
#include "server/serverconnection.h"

#include <QTimer>

#include <algorithm>
#include <optional>

// The engine's requests from receipt to admission (the capacity queue) and the timers that wake
// them (/delay, /drip); serverengine.cpp reads them in and writes their answers out.

namespace Coroscope {

namespace {
// A request's share of its connection's turn budget (serverengine.cpp) beyond its bytes: routing
// it and echoing its head.
constexpr qint64 RequestCostBytes = 4 * 1024;
} // namespace

// ---- requests

ServerEngine::JobPtr ServerEngine::newJob(Connection &c, Httpbin::Response response)
{
    // Not make_shared: the timer heap's weak_ptrs would pin the memory.
    JobPtr job(new Job(std::move(response)));
    job->connection = &c;
    job->receivedNs = nowNs();
    job->connectionRequest = ++c.requests;
    spend(c, RequestCostBytes);
    m_shared->requests.fetch_add(1);
    c.lastProgressMs = nowMs();
    return job;
}

void ServerEngine::enqueue(Connection &c, JobPtr job)
{
    if (job->response.closeAfter())
        c.stopParsing = true;
    c.jobs.push_back(job);
    m_queue.push_back(std::move(job));
    // Admitted now if there is room, not after the rest of the wake-up's sockets: with no
    // capacity limit a request must report 0 ms queued, however busy the server is.
    pumpQueue();
}

void ServerEngine::addJob(Connection &c, Http::Request request)
{
    enqueue(c, newJob(c, Httpbin::Response(std::move(request), c.origin, c.tls != nullptr)));
}

void ServerEngine::addMalformed(Connection &c)
{
    Httpbin::Response answer(c.parser.errorStatus(), QString::fromLatin1(c.parser.errorText()));
    enqueue(c, newJob(c, std::move(answer)));
}

// ---- the capacity queue

void ServerEngine::pumpQueue()
{
    while (!m_queue.empty() && !stopping()) {
        const int capacity = m_shared->capacity.load();
        if (capacity > 0 && m_active >= capacity)
            break;
        JobPtr job = std::move(m_queue.front());
        m_queue.pop_front();
        if (job->state != JobState::Queued || !job->connection)
            continue; // its client left while it waited
        admit(job, capacity);
    }
}

void ServerEngine::admit(const JobPtr &job, int capacity)
{
    job->state = JobState::Active;
    ++m_active;
    Httpbin::Admission admission;
    // Truncated, not rounded: a request admitted on arrival reports 0 however the clock ticks.
    admission.queuedMs = (nowNs() - job->receivedNs) / 1'000'000;
    admission.active = m_active;
    admission.capacity = capacity;
    admission.connectionRequest = int(job->connectionRequest);
    admission.tlsHandshakeUs = job->connection->handshakeUs;
    updateMax(m_shared->maxActive, m_active);
    updateMax(m_shared->maxQueuedMs, admission.queuedMs);
    const qsizetype outBefore = job->out.size();
    job->response.start(admission, job->out);
    stepped(job, outBefore);
}

// ---- timers

void ServerEngine::wake(const JobPtr &job)
{
    const qsizetype outBefore = job->out.size();
    job->response.wake(nowNs(), job->out);
    stepped(job, outBefore);
}

// After each step of an answer: counts what it produced, wakes it again at once if it asked for
// no wait (a /drip running late catches up here), or puts it on the timer heap.
void ServerEngine::stepped(const JobPtr &job, qsizetype outBefore)
{
    Connection &c = *job->connection;
    for (;;) {
        addQueued(c, job->out.size() - outBefore);
        spend(c, job->out.size() - outBefore);
        const std::optional<qint64> ms = job->response.takeWake();
        if (!ms)
            break;
        if (*ms > 0) {
            job->waitingForTimer = true;
            m_timers.push(TimerEntry{nowNs() + *ms * 1'000'000, ++m_timerSequence, job});
            break;
        }
        outBefore = job->out.size();
        job->response.wake(nowNs(), job->out);
    }
    // An interim status closes the connection after it.
    if (job->response.closeAfter())
        c.stopParsing = true;
    markDirty(c);
}

void ServerEngine::armTimer()
{
    if (m_timers.empty() || !m_timer) {
        if (m_timer)
            m_timer->stop();
        return;
    }
    // Rounded up: a timer firing a fraction of a millisecond early would answer /delay early.
    const qint64 waitNs = std::max<qint64>(0, m_timers.top().dueNs - nowNs());
    const int ms = int(std::min<qint64>((waitNs + 999'999) / 1'000'000, 24 * 3600 * 1000));
    if (!m_timer->isActive() || m_timerDueNs != m_timers.top().dueNs) {
        m_timerDueNs = m_timers.top().dueNs;
        m_timer->start(ms);
    }
}

void ServerEngine::addQueued(Connection &c, qint64 delta)
{
    c.queuedBytes += delta;
    m_shared->queuedWriteBytes.fetch_add(delta, std::memory_order_relaxed);
    if (delta > 0)
        updateMax(m_shared->maxQueuedWriteBytes, c.queuedBytes);
}

} // namespace Coroscope
