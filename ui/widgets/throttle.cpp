#include "throttle.h"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace Coroscope {

Throttle::Throttle(qint64 minIntervalMs, std::function<void()> work, QObject *parent)
    : QObject(parent)
    , m_work(std::move(work))
    , m_minIntervalMs(minIntervalMs)
    , m_intervalMs(minIntervalMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &Throttle::runNow);
}

void Throttle::request()
{
    if (m_timer.isActive())
        return;
    const qint64 wait = m_sinceRun.isValid() ? m_intervalMs - m_sinceRun.elapsed() : 0;
    if (wait <= 0)
        runNow();
    else
        m_timer.start(int(wait));
}

void Throttle::runNow()
{
    m_timer.stop();
    QElapsedTimer cost;
    cost.start();
    m_work();
    m_intervalMs = std::max(m_minIntervalMs, 4 * cost.elapsed());
    m_sinceRun.start();
}

RefreshPacer::RefreshPacer(int minIntervalMs, int maxIntervalMs, double maxShare)
    : m_minMs(minIntervalMs)
    , m_maxMs(std::max(minIntervalMs, maxIntervalMs))
    , m_maxShare(maxShare)
{
}

void RefreshPacer::restart()
{
    m_lastCpuNs = threadCpuNs();
}

int RefreshPacer::nextIntervalMs()
{
    const qint64 now = threadCpuNs();
    const qint64 used = m_lastCpuNs >= 0 ? now - m_lastCpuNs : 0;
    m_lastCpuNs = now;
    return intervalFor(used, m_minMs, m_maxMs, m_maxShare);
}

int RefreshPacer::intervalFor(qint64 cpuNs, int minIntervalMs, int maxIntervalMs, double maxShare)
{
    if (cpuNs <= 0 || maxShare <= 0)
        return minIntervalMs;
    const double wantMs = double(cpuNs) / 1e6 / maxShare;
    return int(std::clamp(std::ceil(wantMs), double(minIntervalMs), double(maxIntervalMs)));
}

qint64 RefreshPacer::threadCpuNs()
{
    timespec ts{};
    if (::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

} // namespace Coroscope
