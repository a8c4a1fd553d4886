#include "summary.h"

#include "segments.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace Coroscope {

RunSummary summarize(const Trace &trace)
{
    return summarize(trace, buildSegments(trace));
}

RunSummary summarize(const Trace &trace, const SegmentBuilder &segments)
{
    RunSummary s;
    s.strategy = trace.strategy;
    s.tasks = int(trace.tasks.size());
    for (const TaskInfo &info : trace.tasks) {
        switch (info.result) {
        case TaskResult::Ok:
            ++s.ok;
            break;
        case TaskResult::Error:
            ++s.failed;
            break;
        case TaskResult::Timeout:
            ++s.timeouts;
            break;
        case TaskResult::Cancelled:
            ++s.cancelled;
            break;
        case TaskResult::Unfinished:
            ++s.unfinished;
            break;
        }
    }
    qint64 sumNs = 0;
    qint64 maxNs = 0;
    for (quint32 task = 0; task < quint32(trace.tasks.size()); ++task) {
        const TaskTimes t = segments.timesAt(task, trace.lastNs());
        sumNs += t.activeNs();
        maxNs = std::max(maxNs, t.totalNs());
    }
    s.wallMs = double(trace.lastNs()) / 1e6;
    s.sumMs = double(sumNs) / 1e6;
    s.maxTaskMs = double(maxNs) / 1e6;
    s.speedup = s.wallMs > 0 ? s.sumMs / s.wallMs : 0;

    QList<qint32> lags;
    for (const TraceEvent &e : trace.events) {
        if (e.kind == EventKind::LagSample)
            lags.append(e.value);
    }
    if (!lags.isEmpty()) {
        std::sort(lags.begin(), lags.end());
        s.lagSamples = int(lags.size());
        s.lagMaxMs = lags.constLast() / 1000.0;
        const auto p99 = qsizetype(std::ceil(0.99 * double(lags.size()))) - 1;
        s.lagP99Ms = lags.at(std::clamp<qsizetype>(p99, 0, lags.size() - 1)) / 1000.0;
    }
    return s;
}

static double round3(double v)
{
    return std::round(v * 1000.0) / 1000.0;
}

QByteArray summaryJson(const RunSummary &s)
{
    // Key order matters to people reading it in a terminal, so it is written by hand.
    QByteArray out = "{";
    auto add = [&out](const char *key, const QByteArray &value) {
        if (out.size() > 1)
            out += ',';
        out += '"';
        out += key;
        out += "\":";
        out += value;
    };
    auto num = [](double v) { return QByteArray::number(round3(v), 'g', 15); };
    add("strategy",
        QJsonDocument(QJsonObject{{QStringLiteral("s"), s.strategy}})
            .toJson(QJsonDocument::Compact)
            .mid(5)
            .chopped(1));
    add("tasks", QByteArray::number(s.tasks));
    add("ok", QByteArray::number(s.ok));
    add("failed", QByteArray::number(s.failed));
    add("timeouts", QByteArray::number(s.timeouts));
    add("cancelled", QByteArray::number(s.cancelled + s.unfinished));
    add("wall_ms", num(s.wallMs));
    add("sum_ms", num(s.sumMs));
    add("max_task_ms", num(s.maxTaskMs));
    add("speedup", num(s.speedup));
    add("lag_max_ms", num(s.lagMaxMs));
    add("lag_p99_ms", num(s.lagP99Ms));
    out += '}';
    return out;
}

} // namespace Coroscope
