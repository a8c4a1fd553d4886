#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <functional>

namespace Coroscope {

// Runs trace-wide work (summary, charts, diagnostics, table updates) at most once per interval
// while a run is live, and never drops the last request. The interval grows with the work's own
// measured cost, so that it never takes more than a fifth of the GUI thread's time.
class Throttle : public QObject
{
public:
    Throttle(qint64 minIntervalMs, std::function<void()> work, QObject *parent = nullptr);

    // Runs now if the interval has passed since the last run, else once when it has.
    void request();
    // Runs at once: a new or finished trace is shown without delay.
    void runNow();
    void cancel() { m_timer.stop(); }
    bool isPending() const { return m_timer.isActive(); }

private:
    std::function<void()> m_work;
    QTimer m_timer;
    QElapsedTimer m_sinceRun;
    qint64 m_minIntervalMs = 0;
    qint64 m_intervalMs = 0;
};

} // namespace Coroscope
