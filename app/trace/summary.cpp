#include "summary.h"

#include "segments.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>

namespace Coroscope {

namespace {
// A task that got an answer from the server: its time is a real cost of the workload.
bool hadResponse(const TaskInfo &info)
{
    return info.httpStatus > 0
        && (info.result == TaskResult::Ok || info.result == TaskResult::Error);
}
} // namespace

qint64 trustedServerQueuedNs(const Trace &trace, const SegmentBuilder &segments, quint32 task)
{
    const TaskInfo &info = trace.tasks.at(task);
    if (info.serverQueuedMs < 0)
        return -1;
    const TaskTimes t = segments.timesAt(task, trace.lastNs());
    // Async tasks wait for their reply suspended; blocking ones wait inside a running stretch.
    const qint64 waited = std::max<qint64>(0, t.suspendedNs > 0 ? t.suspendedNs : t.activeNs());
    // Compared in milliseconds first: any value a server sends must not overflow.
    return info.serverQueuedMs > waited / 1000000 ? waited : info.serverQueuedMs * 1000000;
}

RunSummary summarize(const Trace &trace)
{
    return summarize(trace, buildSegments(trace));
}

RunSummary summarize(const Trace &trace, const SegmentBuilder &segments)
{
    RunSummary s;
    s.strategy = trace.strategy;
    s.insecure = trace.settings.insecure;
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
    qint64 activeNs = 0;
    qint64 sequentialNs = 0;
    qint64 maxNs = 0;
    for (quint32 task = 0; task < quint32(trace.tasks.size()); ++task) {
        const TaskTimes t = segments.timesAt(task, trace.lastNs());
        activeNs += t.activeNs();
        maxNs = std::max(maxNs, t.totalNs());
        const TaskInfo &info = trace.tasks.at(task);
        if (hadResponse(info)) {
            ++s.responses;
            sequentialNs
                += t.activeNs() - std::max<qint64>(0, trustedServerQueuedNs(trace, segments, task));
        }
    }
    s.wallMs = double(trace.lastNs()) / 1e6;
    s.sumMs = double(sequentialNs) / 1e6;
    s.maxTaskMs = double(maxNs) / 1e6;
    s.avgInFlight = s.wallMs > 0 ? double(activeNs) / 1e6 / s.wallMs : 0;

    QList<qint32> lags;
    for (const TraceEvent &e : trace.events) {
        if (e.kind == EventKind::LagSample)
            lags.append(e.value);
        else if (e.kind == EventKind::Stopped && !s.stopped) {
            s.stopped = true;
            s.stoppedAtMs = double(e.ns) / 1e6;
        }
    }
    // A stopped run never showed what running the tasks together buys: no figure for it.
    if (s.responses > 0 && s.wallMs > 0 && !s.stopped)
        s.speedup = s.sumMs / s.wallMs;
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
    add("stopped", s.stopped ? "true" : "false");
    add("wall_ms", num(s.wallMs));
    add("sum_ms", num(s.sumMs));
    add("max_task_ms", num(s.maxTaskMs));
    add("speedup", s.speedup ? num(*s.speedup) : QByteArray("null"));
    add("avg_in_flight", num(s.avgInFlight));
    add("lag_max_ms", num(s.lagMaxMs));
    add("lag_p99_ms", num(s.lagP99Ms));
    // Only when true: certificates went unchecked, which whoever reads the figures must know.
    if (s.insecure)
        add("insecure", "true");
    // Only for a run compared from a saved file (--compare-with): the file it came from.
    if (!s.source.isEmpty())
        add("source",
            QJsonDocument(QJsonObject{{QStringLiteral("s"), s.source}})
                .toJson(QJsonDocument::Compact)
                .mid(5)
                .chopped(1));
    out += '}';
    return out;
}

} // namespace Coroscope
