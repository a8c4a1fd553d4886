#pragma once

#include "trace.h"

#include <QList>

#include <algorithm>

namespace Coroscope {

// Where the loop's thread's time went over a stretch of wall time.
struct CpuShare
{
    // Below this share of CPU over a stretch of wall time, the loop's thread was mostly not
    // running.
    static constexpr double StarvedRatio = 0.5;

    qint64 wallNs = 0;
    qint64 cpuNs = -1; // on a CPU
    qint64 waitNs = -1; // runnable, waiting for a CPU (-1 = not measured)
    bool known() const { return cpuNs >= 0 && wallNs > 0; }
    double ratio() const { return double(cpuNs) / double(wallNs); }
    // Starved: the loop's thread mostly waited for a core. Without run-queue figures, a thread
    // that was mostly off the CPU is taken as starved only when it was not inside a known call.
    bool starved() const
    {
        if (!known())
            return false;
        if (waitNs >= 0)
            return double(waitNs) / double(wallNs) >= StarvedRatio;
        return ratio() < StarvedRatio;
    }
};

// The loop thread's samples (EventKind::LoopCpu, LoopWait): where its time went over a span.
class LoopCpu
{
public:
    explicit LoopCpu(const Trace &trace)
    {
        for (const TraceEvent &e : trace.events) {
            if (e.task != LoopTask)
                continue;
            if (e.kind == EventKind::LoopCpu)
                m_cpu << Sample{e.ns, qint64(e.value) * 1000};
            else if (e.kind == EventKind::LoopWait)
                m_wait << Sample{e.ns, qint64(e.value) * 1000};
        }
    }
    // Over the smallest sampled window that contains [startNs, endNs].
    CpuShare share(qint64 startNs, qint64 endNs) const
    {
        CpuShare share;
        qint64 wall = 0;
        share.cpuNs = delta(m_cpu, startNs, endNs, &wall);
        share.wallNs = wall;
        if (share.cpuNs >= 0) {
            qint64 waitWall = 0;
            share.waitNs = delta(m_wait, startNs, endNs, &waitWall);
            if (waitWall != wall)
                share.waitNs = -1;
        }
        return share;
    }

private:
    struct Sample
    {
        qint64 ns;
        qint64 valueNs;
    };
    static qint64 delta(const QList<Sample> &samples, qint64 startNs, qint64 endNs, qint64 *wall)
    {
        const auto after = std::lower_bound(samples.cbegin(), samples.cend(), endNs,
                                            [](const Sample &s, qint64 ns) { return s.ns < ns; });
        auto before = std::upper_bound(samples.cbegin(), samples.cend(), startNs,
                                       [](qint64 ns, const Sample &s) { return ns < s.ns; });
        if (after == samples.cend() || before == samples.cbegin())
            return -1;
        --before;
        if (after->ns <= before->ns)
            return -1;
        *wall = after->ns - before->ns;
        return std::max<qint64>(0, after->valueNs - before->valueNs);
    }
    QList<Sample> m_cpu;
    QList<Sample> m_wait;
};

} // namespace Coroscope
