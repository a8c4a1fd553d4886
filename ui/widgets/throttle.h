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

// Paces the live refresh (the trace pulled in, every view redrawn) by the GUI thread's own CPU
// time, so that following a run takes at most `maxShare` of that thread, however fast the run
// produces events: a thread kept busy is one the kernel stops favouring, and on a loaded machine
// its input and timers then wait behind every other process (a 10,000-task recording stalled the
// window for 60-120 ms this way while the refresh ran 60 times a second). Measured in CPU time,
// not wall time, so the machine's own load does not slow the refresh further.
class RefreshPacer
{
public:
    RefreshPacer(int minIntervalMs, int maxIntervalMs, double maxShare);

    // A new run: the measure starts again, at the shortest interval.
    void restart();
    // At each refresh: the interval until the next one, from the GUI thread's CPU time since the
    // previous call.
    int nextIntervalMs();
    int minIntervalMs() const { return m_minMs; }

    // The rule: the GUI thread used `cpuNs` of CPU since the last refresh, so a refresh cycle
    // costs about that; the next comes after cpuNs / maxShare, within [min, max].
    static int intervalFor(qint64 cpuNs, int minIntervalMs, int maxIntervalMs, double maxShare);
    // This thread's CPU time so far (ns).
    static qint64 threadCpuNs();

private:
    int m_minMs;
    int m_maxMs;
    double m_maxShare;
    qint64 m_lastCpuNs = -1;
};

} // namespace Coroscope
