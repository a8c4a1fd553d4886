#include "throttle.h"

#include <algorithm>

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

} // namespace Coroscope
