#include "summary.h"

#include "phases.h"
#include "segments.h"
#include "strategynames.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

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

QString baselineName(Baseline baseline)
{
    switch (baseline) {
    case Baseline::None:
        break;
    case Baseline::Server:
        return QStringLiteral("server");
    case Baseline::SequentialRun:
        return QStringLiteral("sequential-run");
    case Baseline::SavedSequentialRun:
        return QStringLiteral("saved-sequential-run");
    case Baseline::Alone:
        return QStringLiteral("alone-measurement");
    }
    return {};
}

qint64 stoppedNs(const Trace &trace)
{
    // From the back: the Stopped event is among the last (only cancellations follow it).
    for (auto it = trace.events.crbegin(); it != trace.events.crend(); ++it) {
        if (it->kind == EventKind::Stopped)
            return it->ns;
    }
    return -1;
}

qint64 runEndNs(const Trace &trace, qint64 nowNs)
{
    const qint64 last = nowNs >= 0 ? nowNs : trace.lastNs();
    const qint64 stop = stoppedNs(trace);
    return stop >= 0 ? std::min(stop, last) : last;
}

qint64 aloneCostNs(const Trace &trace, const SegmentBuilder &segments, quint32 task)
{
    const TaskTimes t = segments.timesAt(task, trace.lastNs());
    const RequestPhases p = requestPhases(trace, segments, task);
    if (!p.known) {
        // A blocking fetch (blocking strategies, worker threads): one request at a time on its
        // own client, so nothing of ours queued it; only the server's queue is not its own.
        return std::max<qint64>(
            0, t.activeNs() - std::max<qint64>(0, trustedServerQueuedNs(trace, segments, task)));
    }
    // Awaited: its own running, plus the phases a request alone would go through too. Not
    // `queued` (behind this run's other requests inside Qt), `server queue` (behind them at
    // the server) nor `resume` (behind them on the loop): those grow with the crowd.
    return t.runningNs + p.ns(PhaseKind::Connect) + p.ns(PhaseKind::Tls) + p.ns(PhaseKind::Send)
        + p.ns(PhaseKind::Waiting) + p.ns(PhaseKind::Receiving);
}

namespace {
const UrlProbe *probeOf(const Trace &trace, quint32 urlIndex)
{
    for (const UrlProbe &p : trace.probes) {
        if (p.urlIndex == urlIndex)
            return p.usable() ? &p : nullptr;
    }
    return nullptr;
}
} // namespace

qint64 measuredAloneCostNs(const Trace &trace, const SegmentBuilder &segments, quint32 task)
{
    const UrlProbe *probe = probeOf(trace, trace.tasks.at(task).urlIndex);
    if (!probe)
        return -1;
    // An awaited request: its URL's lone fetch plus the task's own running. A blocking fetch
    // runs inside the task's running stretch: the fetch alone is its cost.
    const RequestPhases p = requestPhases(trace, segments, task);
    const qint64 running = p.known ? segments.timesAt(task, trace.lastNs()).runningNs : 0;
    return probe->aloneNs + running;
}

namespace {
// A task's time in progress (admitted -> finished) that lies before `endNs`.
qint64 activeBefore(const SegmentBuilder &segments, quint32 task, qint64 lastNs, qint64 endNs)
{
    const TaskTimes t = segments.timesAt(task, lastNs);
    if (endNs >= lastNs || (t.finishedNs >= 0 && t.finishedNs <= endNs))
        return t.activeNs();
    qint64 active = 0;
    const auto add = [&active, endNs](const Segment &s) {
        if (s.state != SegmentState::Pending)
            active += std::max<qint64>(0, std::min(s.endNs, endNs) - s.startNs);
    };
    for (const Segment &s : segments.row(task))
        add(s);
    Segment open;
    if (segments.openSegment(task, lastNs, &open))
        add(open);
    return active;
}
} // namespace

namespace {
// What each task that was in progress (admitted -> finished, or to the end) while no other task
// was cost where it ran, in ns (-1 for the others): the run's time from the end of what came
// before it (the run's start, or the last task before it) to its finish, its creation and
// admission included, as one after another pays them. Such a task was itself a fetch alone.
// Its URL's measurement alone before the run is another fetch, on a process and a server in
// another state (the process's first network use, the server's first request, the machine's
// load): for a short request those differ by more than the request costs (a one-task run of
// /get showed 0.13x to 12x). A one-task run is its own one-after-another.
QList<qint64> costsWhereAlone(const SegmentBuilder &segments, qint64 lastNs)
{
    struct Span
    {
        qint64 from;
        qint64 to;
        quint32 task;
    };
    const auto count = quint32(segments.taskCount());
    QList<Span> spans;
    spans.reserve(count);
    for (quint32 task = 0; task < count; ++task) {
        const TaskTimes t = segments.timesAt(task, lastNs);
        if (t.admittedNs >= 0)
            spans.append({t.admittedNs, t.finishedNs >= 0 ? t.finishedNs : lastNs, task});
    }
    std::sort(spans.begin(), spans.end(),
              [](const Span &a, const Span &b) { return a.from < b.from; });
    QList<qint64> costs(count, -1);
    qint64 reached = 0; // the latest end of the spans before (the run's start at first)
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const Span &s = spans.at(i);
        const bool nextAfter = i + 1 == spans.size() || spans.at(i + 1).from >= s.to;
        if (s.from >= reached && nextAfter)
            costs[s.task] = s.to - reached;
        reached = std::max(reached, s.to);
    }
    return costs;
}
} // namespace

RunSummary summarize(const Trace &trace)
{
    return summarize(trace, buildSegments(trace));
}

RunSummary summarize(const Trace &trace, const SegmentBuilder &segments)
{
    RunSummary s;
    s.strategy = trace.strategy;
    s.urls = trace.urls;
    s.insecure = trace.settings.insecure;
    s.tasks = int(trace.tasks.size());
    s.program = trace.program;
    s.droppedTasks = trace.droppedTasks;
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
    QList<qint32> lags;
    for (const TraceEvent &e : trace.events) {
        if (e.kind == EventKind::LagSample)
            lags.append(e.value);
    }
    const qint64 lastNs = trace.lastNs();
    s.stopped = stoppedNs(trace) >= 0;
    // The end every view and export shows, so that the summary's figures stop where they do.
    const qint64 endNs = runEndNs(trace);
    s.stoppedAtMs = s.stopped ? double(endNs) / 1e6 : -1;

    qint64 activeNs = 0;
    qint64 aloneNs = 0;
    qint64 measuredNs = 0;
    bool measured = !trace.probes.isEmpty();
    qint64 maxNs = 0;
    bool reported = true;
    const QList<qint64> aloneHere = measured ? costsWhereAlone(segments, lastNs) : QList<qint64>();
    for (quint32 task = 0; task < quint32(trace.tasks.size()); ++task) {
        activeNs += activeBefore(segments, task, lastNs, endNs);
        const TaskTimes t = segments.timesAt(task, lastNs);
        if (t.createdNs >= 0 && t.createdNs <= endNs) {
            const qint64 finished = t.finishedNs >= 0 ? t.finishedNs : lastNs;
            maxNs = std::max(maxNs, std::min(finished, endNs) - t.createdNs);
        }
        const TaskInfo &info = trace.tasks.at(task);
        if (hadResponse(info)) {
            ++s.responses;
            aloneNs += aloneCostNs(trace, segments, task);
            if (measured) {
                const qint64 cost = aloneHere.at(task) >= 0
                    ? aloneHere.at(task)
                    : measuredAloneCostNs(trace, segments, task);
                measured = cost >= 0;
                measuredNs += std::max<qint64>(0, cost);
            }
            reported = reported && info.serverQueuedMs >= 0;
        }
    }
    s.wallMs = double(endNs) / 1e6;
    s.aloneMs = double(aloneNs) / 1e6;
    s.serverReported = s.responses > 0 && reported;
    if (measured && s.responses > 0)
        s.measuredAloneMs = double(measuredNs) / 1e6;
    {
        const qsizetype distinct = std::min<qsizetype>(trace.urls.size(), s.tasks);
        for (const UrlProbe &p : trace.probes)
            s.probedUrls += p.usable() && p.urlIndex < distinct ? 1 : 0;
        s.unprobedUrls = trace.probes.isEmpty() ? 0 : int(distinct) - s.probedUrls;
    }
    s.maxTaskMs = double(maxNs) / 1e6;
    s.avgInFlight = s.wallMs > 0 ? double(activeNs) / 1e6 / s.wallMs : 0;

    // A speed-up needs something that measured the one-after-another cost, a run that was not
    // cut short, and a task that ended ok (the speed-up of failures says nothing).
    if (!s.stopped && s.ok > 0 && s.wallMs > 0) {
        if (trace.isComplete() && trace.strategy == StrategyNames::Sequential) {
            s.baseline = Baseline::SequentialRun; // measured one after another: itself
            s.sumMs = s.wallMs;
        } else if (s.measuredAloneMs) {
            s.baseline = Baseline::Alone;
            s.sumMs = *s.measuredAloneMs;
        } else if (s.serverReported) {
            s.baseline = Baseline::Server;
            s.sumMs = s.aloneMs;
        }
        if (s.sumMs)
            s.speedup = *s.sumMs / s.wallMs;
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

void applySequentialBaselines(QList<RunSummary> *summaries)
{
    const auto isReference = [](const RunSummary &s) {
        return s.baseline == Baseline::SequentialRun && s.strategy == StrategyNames::Sequential;
    };
    for (RunSummary &s : *summaries) {
        if (s.stopped || s.ok == 0 || !(s.wallMs > 0))
            continue;
        const RunSummary *reference = nullptr;
        for (const RunSummary &r : std::as_const(*summaries)) {
            if (!isReference(r) || r.tasks != s.tasks || r.urls != s.urls)
                continue;
            if (r.source == s.source) {
                reference = &r; // recorded together: the closest measurement
                break;
            }
            if (!reference)
                reference = &r;
        }
        if (!reference)
            continue;
        const bool together = reference->source == s.source;
        s.baseline = together ? Baseline::SequentialRun : Baseline::SavedSequentialRun;
        s.baselineSource = together ? QString() : reference->source;
        s.sumMs = reference->wallMs;
        s.speedup = *s.sumMs / s.wallMs;
    }
}

// A JSON string literal, escaped as JSON requires.
static QByteArray jsonString(const QString &text)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("s"), text}})
        .toJson(QJsonDocument::Compact)
        .mid(5)
        .chopped(1);
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
    add("strategy", jsonString(s.strategy));
    add("tasks", QByteArray::number(s.tasks));
    add("ok", QByteArray::number(s.ok));
    add("failed", QByteArray::number(s.failed));
    add("timeouts", QByteArray::number(s.timeouts));
    add("cancelled", QByteArray::number(s.cancelled + s.unfinished));
    add("stopped", s.stopped ? "true" : "false");
    add("wall_ms", num(s.wallMs));
    add("sum_ms", s.sumMs ? num(*s.sumMs) : QByteArray("null"));
    add("max_task_ms", num(s.maxTaskMs));
    add("speedup", s.speedup ? num(*s.speedup) : QByteArray("null"));
    add("baseline",
        s.baseline == Baseline::None ? QByteArray("null") : jsonString(baselineName(s.baseline)));
    add("avg_in_flight", num(s.avgInFlight));
    add("lag_max_ms", num(s.lagMaxMs));
    add("lag_p99_ms", num(s.lagP99Ms));
    // Only when true: certificates went unchecked, which whoever reads the figures must know.
    if (s.insecure)
        add("insecure", "true");
    // Only for a run compared from a saved file (--compare-with): the file it came from.
    if (!s.source.isEmpty())
        add("source", jsonString(s.source));
    // Only when the baseline came from another recording: which one ("" = this session's run).
    if (s.baseline == Baseline::SavedSequentialRun)
        add("baseline_source", jsonString(s.baselineSource));
    // Only for a recording of a program: how it ended, its time, every task it had (those
    // dropped by the retention rule too) and what the recorder and the reader lost.
    if (s.program) {
        const ProgramRun &p = *s.program;
        const bool hasStatus = p.end == ProgramEnd::Exited || p.end == ProgramEnd::Signalled;
        QByteArray exit = "{\"how\":" + jsonString(programEndName(p.end));
        exit += ",\"status\":" + (hasStatus ? QByteArray::number(p.status) : QByteArray("null"));
        exit += ",\"wall_ms\":" + (p.wallNs >= 0 ? num(p.wallNs / 1e6) : num(s.wallMs));
        exit += ",\"tasks\":" + QByteArray::number(s.tasks + s.droppedTasks);
        exit += ",\"tasks_dropped\":" + QByteArray::number(s.droppedTasks);
        exit += ",\"recorded\":" + QByteArray::number(p.recorded);
        exit += ",\"dropped\":" + QByteArray::number(p.dropped);
        exit += ",\"damaged_lines\":" + QByteArray::number(p.damagedLines);
        exit += ",\"recorder\":" + jsonString(p.recorder);
        exit += ",\"runtime\":" + jsonString(p.runtime);
        exit += '}';
        add("program_exit", exit);
    }
    out += '}';
    return out;
}

} // namespace Coroscope
