#include "diagnostics.h"

#include "loopcpu.h"
#include "phases.h"
#include "segments.h"
#include "summary.h"
#include "vocabulary.h"

#include <QCoreApplication>
#include <QLocale>

#include <algorithm>

namespace Coroscope {

namespace {
// A translation context lupdate can see.
struct Diagnostics
{
    Q_DECLARE_TR_FUNCTIONS(Diagnostics)
};

constexpr qint64 Ms = 1000000;
// Below this a blocked loop or a wait is noise, not a finding.
constexpr qint64 BlockThresholdNs = 50 * Ms;
constexpr qint64 WaitThresholdNs = 20 * Ms;
constexpr int MaxItemsPerKind = 5;
// A reply waiting this long for the loop to resume its coroutine is the loop's own latency.
constexpr qint64 ResumeThresholdNs = 10 * Ms;
constexpr double StarvedRatio = CpuShare::StarvedRatio;

QString ms(qint64 ns)
{
    // Through tr(): Chinese sentences read "毫秒", not "ms".
    return Vocabulary::withUnit(double(ns) / Ms, Vocabulary::Unit::Milliseconds, 0);
}

QString seconds(qint64 ns)
{
    return Vocabulary::withUnit(double(ns) / 1e9, Vocabulary::Unit::Seconds, 1);
}

} // namespace

QString describeTasks(const QList<int> &input)
{
    QList<int> tasks = input;
    std::sort(tasks.begin(), tasks.end());
    tasks.erase(std::unique(tasks.begin(), tasks.end()), tasks.end());
    if (tasks.isEmpty())
        return {};
    if (tasks.size() == 1)
        return Diagnostics::tr("Task %1").arg(tasks.first());
    QStringList parts;
    qsizetype i = 0;
    int shownTasks = 0;
    while (i < tasks.size() && parts.size() < 4) {
        qsizetype j = i;
        while (j + 1 < tasks.size() && tasks[j + 1] == tasks[j] + 1)
            ++j;
        parts << (j > i ? QStringLiteral("%1-%2").arg(tasks[i]).arg(tasks[j])
                        : QString::number(tasks[i]));
        shownTasks += int(j - i + 1);
        i = j + 1;
    }
    const int rest = int(tasks.size()) - shownTasks;
    if (rest > 0)
        return Diagnostics::tr("Tasks %1 and %n more", nullptr, rest)
            .arg(parts.join(QLatin1String(", ")));
    if (parts.size() == 1)
        return Diagnostics::tr("Tasks %1").arg(parts.first());
    const QString last = parts.takeLast();
    return Diagnostics::tr("Tasks %1 and %2").arg(parts.join(QLatin1String(", ")), last);
}

namespace {
const QString &blockingFetchLabel()
{
    static const QString label = QStringLiteral("blocking fetch");
    return label;
}

// Long running stretches on the loop (not on worker threads), longest first, split by cause.
// A stretch is not always work: when the machine has more busy threads than cores the loop's
// thread may simply not be scheduled, which its own CPU time tells.
struct LongStretches
{
    QList<Segment> held; // the loop was held by the task: LoopBlocked
    QList<int> starvedTasks; // the loop's thread got little CPU: CpuStarved
    qint64 starvedLongestNs = 0;
};

LongStretches longStretches(const Trace &trace, const QList<Segment> &segments,
                            const LoopCpu &loopCpu)
{
    QList<Segment> blocks;
    for (const Segment &s : segments) {
        if (s.state == SegmentState::Running && s.durationNs() >= BlockThresholdNs
            && trace.tasks.at(s.task).worker < 0)
            blocks << s;
    }
    std::stable_sort(blocks.begin(), blocks.end(), [](const Segment &a, const Segment &b) {
        return a.durationNs() > b.durationNs();
    });
    LongStretches out;
    for (const Segment &s : std::as_const(blocks)) {
        if (trace.label(s.label) != blockingFetchLabel()
            && loopCpu.share(s.startNs, s.endNs).starved()) {
            out.starvedTasks << int(s.task);
            out.starvedLongestNs = std::max(out.starvedLongestNs, s.durationNs());
        } else {
            out.held << s;
        }
    }
    return out;
}

// The lag probe's worst sample and what the loop's thread did meanwhile. Read by LoopLag, which
// names the cause, and by Workers, which must not call a late loop free.
struct LoopLagFinding
{
    bool late = false;
    qint64 startNs = -1;
    qint64 endNs = -1;
    bool blockedByFetch = false;
    CpuShare cpu;
    bool starved() const { return late && !blockedByFetch && cpu.starved(); }
};

LoopLagFinding loopLag(const Trace &trace, const RunSummary &summary,
                       const QList<Segment> &segments, const LoopCpu &loopCpu)
{
    LoopLagFinding lag;
    lag.late = summary.lagSamples > 0 && summary.lagMaxMs >= 50;
    if (!lag.late)
        return lag;
    // Point at the worst sample: it ends when the probe finally fired.
    for (const TraceEvent &e : trace.events) {
        if (e.kind == EventKind::LagSample && e.value / 1000.0 >= summary.lagMaxMs - 0.001) {
            lag.startNs = e.ns - qint64(e.value) * 1000;
            lag.endNs = e.ns;
            break;
        }
    }
    lag.cpu = loopCpu.share(lag.startNs, lag.endNs);
    for (const Segment &s : segments) {
        if (s.state == SegmentState::Running && trace.label(s.label) == blockingFetchLabel()
            && trace.tasks.at(s.task).worker < 0 && s.startNs < lag.endNs && s.endNs > lag.startNs)
            lag.blockedByFetch = true;
    }
    return lag;
}

// What every detector reads, computed once per diagnose().
struct Context
{
    Context(const Trace &trace, const SegmentBuilder &builder, const RunSummary &summary)
        : trace(trace)
        , builder(builder)
        , summary(summary)
        , segments(builder.allSegments(trace.lastNs()))
        , finished(summary.tasks - summary.unfinished)
        , loopCpu(trace)
        , stretches(longStretches(trace, segments, loopCpu))
        , lag(loopLag(trace, summary, segments, loopCpu))
    {
    }
    const Trace &trace;
    const SegmentBuilder &builder;
    const RunSummary &summary;
    const QList<Segment> segments;
    const int finished;
    const LoopCpu loopCpu;
    const LongStretches stretches;
    const LoopLagFinding lag;
};

// Where a detector puts its findings, with its table entry's kind and severity filled in.
class Findings
{
public:
    Findings(Diagnostic::Kind kind, Diagnostic::Severity severity, QList<Diagnostic> *out)
        : m_kind(kind)
        , m_severity(severity)
        , m_out(out)
    {
    }
    // The new item stays valid until the next add().
    Diagnostic &add(const QString &text)
    {
        Diagnostic d;
        d.kind = m_kind;
        d.severity = m_severity;
        d.text = text;
        m_out->append(d);
        return m_out->last();
    }

private:
    Diagnostic::Kind m_kind;
    Diagnostic::Severity m_severity;
    QList<Diagnostic> *m_out;
};

// Stopped: said first, and no speed-up is claimed that a stopped run never showed.
void detectStopped(const Context &c, Findings &findings)
{
    if (!c.summary.stopped)
        return;
    // The strip's rounding: one end of a stopped run reads alike everywhere.
    Diagnostic &d = findings.add(Diagnostics::tr("Stopped after %1: %2 ok, %3 cancelled")
                                     .arg(durationText(c.summary.stoppedAtMs))
                                     .arg(c.summary.ok)
                                     .arg(c.summary.cancelled + c.summary.unfinished));
    d.startNs = qint64(c.summary.stoppedAtMs * Ms);
    d.endNs = c.trace.lastNs();
}

// Unchecked certificates: whoever reads the figures must know any server could have answered.
void detectInsecure(const Context &c, Findings &findings)
{
    if (c.trace.settings.insecure)
        findings.add(Diagnostics::tr("Certificates were not checked (--insecure): the https "
                                     "answers may have come from any server"));
}

// What a speed-up was measured against, in words.
QString speedupBaseline(const RunSummary &summary)
{
    switch (summary.baseline) {
    case Baseline::SequentialRun:
    case Baseline::SavedSequentialRun:
        return Diagnostics::tr("the sequential run's %1").arg(durationText(*summary.sumMs));
    case Baseline::Alone:
        return Diagnostics::tr("each URL fetched alone, one task after another");
    default:
        return Diagnostics::tr("running the tasks one after another");
    }
}

// Speed-up: the headline, phrased for what it means and what it was measured against; only
// once something succeeded, and never a figure nothing measured.
void detectSpeedup(const Context &c, Findings &findings)
{
    const RunSummary &summary = c.summary;
    if (summary.stopped)
        return;
    if (summary.ok == 0 || c.finished <= 1) {
        if (c.trace.isComplete() && summary.ok == 0 && c.finished > 0)
            findings
                .add(Diagnostics::tr("No speed-up: no task ended ok, and how fast failures came "
                                     "back says nothing about running the tasks together"))
                .severity
                = Diagnostic::Severity::Warning;
        return;
    }
    QString text;
    bool noSpeedup = false;
    if (summary.speedup) {
        const QString factor = QLocale().toString(*summary.speedup, 'f', 1);
        const QString against = speedupBaseline(summary);
        noSpeedup = !(*summary.speedup >= 1.5);
        text = noSpeedup ? Diagnostics::tr("No speed-up (%1x over %2): the tasks ran one after "
                                           "another")
                               .arg(factor, against)
                         : Diagnostics::tr("Speed-up %1x over %2").arg(factor, against);
    } else if (c.trace.isComplete()) {
        text = Diagnostics::tr("No speed-up measured: the URLs were not measured alone "
                               "before the run, the server did not report how long it "
                               "queued the requests and no sequential run of this workload "
                               "was compared. %1 tasks were in flight on average, which is "
                               "not a speed-up: a server answering one at a time keeps "
                               "many in flight and saves nothing")
                   .arg(QLocale().toString(summary.avgInFlight, 'f', 1));
    }
    if (text.isEmpty())
        return;
    Diagnostic &d = findings.add(text);
    d.startNs = 0;
    d.endNs = c.trace.lastNs();
    if (noSpeedup)
        d.severity = Diagnostic::Severity::Warning;
}

// The longest stretches that held the loop, named after what ran in them; the rest summed.
void detectLoopBlocked(const Context &c, Findings &findings)
{
    const QList<Segment> &held = c.stretches.held;
    for (qsizetype i = 0; i < held.size() && i < MaxItemsPerKind; ++i) {
        const Segment &s = held.at(i);
        const QString label = c.trace.label(s.label);
        QString text;
        if (label == blockingFetchLabel())
            text = Diagnostics::tr("Task %1 blocked the event loop for %2 (a blocking fetch: "
                                   "the whole request ran on the loop)")
                       .arg(s.task)
                       .arg(ms(s.durationNs()));
        else if (!label.isEmpty())
            // The step's name stands apart: "busy for 71 ms in read the reply" read as
            // broken English, and a name is no part of a translated sentence's grammar.
            text = Diagnostics::tr("Task %1 kept the event loop busy for %2 (step: %3)")
                       .arg(s.task)
                       .arg(ms(s.durationNs()), c.trace.labelText(s.label));
        else
            text = Diagnostics::tr("Task %1 kept the event loop busy for %2")
                       .arg(s.task)
                       .arg(ms(s.durationNs()));
        Diagnostic &d = findings.add(text);
        d.tasks = {int(s.task)};
        d.startNs = s.startNs;
        d.endNs = s.endNs;
    }
    QList<int> rest;
    qint64 restTotal = 0;
    for (qsizetype i = MaxItemsPerKind; i < held.size(); ++i) {
        rest << int(held.at(i).task);
        restTotal += held.at(i).durationNs();
    }
    if (!rest.isEmpty())
        findings
            .add(Diagnostics::tr("%1 held the event loop for %2 in all")
                     .arg(describeTasks(rest), ms(restTotal)))
            .tasks
            = rest;
}

// Stretches that were "running" only because the loop's thread waited for a core.
void detectCpuStarved(const Context &c, Findings &findings)
{
    const LongStretches &s = c.stretches;
    if (s.starvedTasks.isEmpty())
        return;
    findings
        .add(Diagnostics::tr("%1 stayed \"running\" for up to %2 while the loop's thread "
                             "got little CPU: the machine's other threads starved it, the "
                             "task did not block it")
                 .arg(describeTasks(s.starvedTasks), ms(s.starvedLongestNs)))
        .tasks
        = s.starvedTasks;
}

// Awaits that never yielded: zero-length suspensions after a long running stretch.
void detectNeverSuspended(const Context &c, Findings &findings)
{
    QList<int> tasks;
    QString label;
    for (const Segment &s : c.segments) {
        if (s.state == SegmentState::Suspended && s.durationNs() == 0) {
            tasks << int(s.task);
            label = c.trace.label(s.label);
        }
    }
    if (tasks.isEmpty())
        return;
    findings
        .add(Diagnostics::tr("%1: \"%2\" completed without suspending; wrapping a blocking call "
                             "in a coroutine does not make it asynchronous")
                 .arg(describeTasks(tasks), label))
        .tasks
        = tasks;
}

// Loop lag seen by the probe, with its cause: a blocking call, the loop's own work, or a thread
// that got no CPU.
void detectLoopLag(const Context &c, Findings &findings)
{
    const LoopLagFinding &lag = c.lag;
    if (!lag.late)
        return;
    const CpuShare &cpu = lag.cpu;
    const QString late = ms(qint64(c.summary.lagMaxMs * Ms));
    const QString p99 = ms(qint64(c.summary.lagP99Ms * Ms));
    QString text;
    if (lag.blockedByFetch) {
        text = Diagnostics::tr("A 10 ms timer on the event loop fired up to %1 late (p99 %2): a "
                               "blocking fetch held the loop, nothing else could run meanwhile")
                   .arg(late, p99);
    } else if (cpu.starved()) {
        text = cpu.waitNs >= 0
            ? Diagnostics::tr("A 10 ms timer on the event loop fired up to %1 late (p99 %2): "
                              "in that time the loop's thread ran %3 and waited %4 for a CPU "
                              "core; other threads starved it, it was not blocked")
                  .arg(late, p99, ms(cpu.cpuNs), ms(cpu.waitNs))
            : Diagnostics::tr("A 10 ms timer on the event loop fired up to %1 late (p99 %2), "
                              "but the loop's thread had only %3 of CPU in that time: it was "
                              "starved of CPU by other threads, not blocked")
                  .arg(late, p99, ms(cpu.cpuNs));
    } else if (cpu.known() && cpu.waitNs >= 0 && cpu.ratio() < StarvedRatio) {
        text = Diagnostics::tr("A 10 ms timer on the event loop fired up to %1 late (p99 %2): "
                               "the loop's thread spent most of that time asleep inside a "
                               "call (it ran %3, waited %4 for a core), so nothing else "
                               "could run")
                   .arg(late, p99, ms(cpu.cpuNs), ms(cpu.waitNs));
    } else {
        text = Diagnostics::tr("A 10 ms timer on the event loop fired up to %1 late (p99 %2): "
                               "the loop was busy with its own work (e.g. starting requests) "
                               "and nothing else could run meanwhile")
                   .arg(late, p99);
    }
    Diagnostic &d = findings.add(text);
    d.startNs = lag.startNs;
    d.endNs = lag.endNs;
    if (lag.starved())
        d.severity = Diagnostic::Severity::Warning;
}

// Pending spans labelled `labelText`: who waited, and for how long at most.
void pendingWaits(const Context &c, Findings &findings, const QString &labelText,
                  const QString &format, int limit)
{
    const auto label = c.trace.labels.indexOf(labelText);
    if (label < 0)
        return;
    QList<int> tasks;
    qint64 longest = 0;
    qint64 start = -1;
    qint64 end = -1;
    for (const Segment &s : c.segments) {
        if (s.state == SegmentState::Pending && s.label == label
            && s.durationNs() >= WaitThresholdNs) {
            tasks << int(s.task);
            longest = std::max(longest, s.durationNs());
            start = start < 0 ? s.startNs : std::min(start, s.startNs);
            end = std::max(end, s.endNs);
        }
    }
    if (tasks.isEmpty())
        return;
    Diagnostic &d = findings.add(format.arg(describeTasks(tasks), seconds(longest)).arg(limit));
    d.tasks = tasks;
    d.startNs = start;
    d.endNs = end;
}

void detectConnectionWait(const Context &c, Findings &findings)
{
    pendingWaits(c, findings, QStringLiteral("await connection"),
                 Diagnostics::tr("%1 waited up to %2 for a free connection (%3 per host)"),
                 c.trace.settings.connectionsPerHost);
    pendingWaits(c, findings, QStringLiteral("await socket"),
                 Diagnostics::tr("%1 waited up to %2 for a socket: this process can keep %3 "
                                 "connections open at once (its file descriptor limit)"),
                 c.trace.settings.socketBudget);
}

void detectConcurrencyWait(const Context &c, Findings &findings)
{
    pendingWaits(
        c, findings, QStringLiteral("await concurrency limit"),
        Diagnostics::tr("%1 waited up to %2 for the concurrency limit (%3 tasks in flight)"),
        c.trace.settings.concurrency);
}

// The server's queue and concurrency, only as the server reported them (its X-Coroscope
// header); a server that reports nothing gets no claim about its capacity.
void detectServerQueue(const Context &c, Findings &findings)
{
    qint64 maxQueuedNs = 0;
    QList<int> queued;
    int mostActive = -1;
    int capacity = -1;
    for (quint32 t = 0; t < quint32(c.trace.tasks.size()); ++t) {
        const TaskInfo &info = c.trace.tasks.at(t);
        mostActive = std::max(mostActive, info.serverActive);
        capacity = std::max(capacity, info.serverCapacity);
        const qint64 queuedNs = trustedServerQueuedNs(c.trace, c.builder, t);
        if (queuedNs >= WaitThresholdNs)
            queued << int(t);
        maxQueuedNs = std::max(maxQueuedNs, queuedNs);
    }
    if (queued.isEmpty())
        return;
    QString text = mostActive > 0
        ? Diagnostics::tr("The server handled at most %1 requests at a time (as it "
                          "reported). %2 waited up to %3 in its queue")
              .arg(mostActive)
              .arg(describeTasks(queued), seconds(maxQueuedNs))
        : Diagnostics::tr("%1 waited up to %2 in the server's queue (as it reported)")
              .arg(describeTasks(queued), seconds(maxQueuedNs));
    if (capacity > 0)
        text += Diagnostics::tr("; its capacity is %n request(s) at once", nullptr, capacity);
    findings.add(text).tasks = queued;
}

// One phase's finding over all tasks: who, the longest, and the span they cover.
struct PhaseFinding
{
    QList<int> tasks;
    qint64 longestNs = 0;
    qint64 startNs = -1;
    qint64 endNs = -1;
    void note(int task, const PhaseSpan &span)
    {
        tasks << task;
        longestNs = std::max(longestNs, span.durationNs());
        startNs = startNs < 0 ? span.startNs : std::min(startNs, span.startNs);
        endNs = std::max(endNs, span.endNs);
    }
    void addTo(Findings &findings, const QString &text, Diagnostic::Severity severity) const
    {
        if (tasks.isEmpty())
            return;
        Diagnostic &d = findings.add(text);
        d.severity = severity;
        d.tasks = tasks;
        d.startNs = startNs;
        d.endNs = endNs;
    }
};

// Inside `await reply`: where requests spent their time, from their phases.
void detectRequestPhases(const Context &c, Findings &findings)
{
    PhaseFinding queued;
    PhaseFinding connecting;
    PhaseFinding handshaking;
    PhaseFinding resuming;
    int newConnections = 0;
    int reusedConnections = 0;
    int requests = 0;
    for (quint32 t = 0; t < quint32(c.trace.tasks.size()); ++t) {
        const RequestPhases p = requestPhases(c.trace, c.builder, t);
        if (!p.known)
            continue;
        // Each hop of a redirected request is a request of its own, on its connection.
        for (int hop = 0; hop < c.builder.hopCount(t); ++hop) {
            const RequestPhases h = requestHopPhases(c.trace, c.builder, t, hop);
            if (!h.known)
                continue;
            ++requests;
            newConnections += h.reusedConnection == 0 ? 1 : 0;
            reusedConnections += h.reusedConnection == 1 ? 1 : 0;
        }
        for (const PhaseSpan &span : p.spans) {
            if (span.kind == PhaseKind::Queued && span.durationNs() >= WaitThresholdNs)
                queued.note(int(t), span);
            else if (span.kind == PhaseKind::Connect && span.durationNs() >= WaitThresholdNs)
                connecting.note(int(t), span);
            else if (span.kind == PhaseKind::Tls)
                handshaking.note(int(t), span);
            else if (span.kind == PhaseKind::Resume && span.durationNs() >= ResumeThresholdNs)
                resuming.note(int(t), span);
        }
    }
    queued.addTo(findings,
                 Diagnostics::tr("%1 waited up to %2 inside Qt before a connection took the "
                                 "request")
                     .arg(describeTasks(queued.tasks), ms(queued.longestNs)),
                 Diagnostic::Severity::Warning);
    // What is known of the connections: Qt 6.4 tells only the request a connection was
    // opened for (not those it opened ahead), and only a server that numbers its requests
    // (the embedded one's r=) tells the rest; the others are said to be unknown, not counted.
    const int unknown = requests - newConnections - reusedConnections;
    const QString connections = unknown > 0
        ? Diagnostics::tr("of %1 requests, %2 opened a new connection and %3 reused one, as "
                          "Qt or the server said; for %4 neither could tell")
              .arg(requests)
              .arg(newConnections)
              .arg(reusedConnections)
              .arg(unknown)
        : Diagnostics::tr("%1 of %2 requests opened a new one").arg(newConnections).arg(requests);
    connecting.addTo(
        findings,
        Diagnostics::tr("%1 spent up to %2 opening a connection (%3)")
            .arg(describeTasks(connecting.tasks), ms(connecting.longestNs), connections),
        Diagnostic::Severity::Info);
    // Every handshake is named, however short: with TLS each new connection costs one.
    handshaking.addTo(findings,
                      unknown > 0 ? Diagnostics::tr("TLS handshakes took up to %1 each (%2)")
                                        .arg(ms(handshaking.longestNs), connections)
                                  : Diagnostics::tr("TLS handshakes took up to %1 each; %2 of %3 "
                                                    "requests opened a new connection")
                                        .arg(ms(handshaking.longestNs))
                                        .arg(newConnections)
                                        .arg(requests),
                      Diagnostic::Severity::Info);
    resuming.addTo(findings,
                   Diagnostics::tr("The loop took up to %1 to resume %2 after their replies "
                                   "arrived: it was busy or late")
                       .arg(ms(resuming.longestNs), describeTasks(resuming.tasks)),
                   Diagnostic::Severity::Warning);
}

// Failures, grouped by result and message.
void detectFailures(const Context &c, Findings &findings)
{
    struct Group
    {
        TaskResult result;
        QString error;
        QList<int> tasks;
    };
    QList<Group> groups;
    for (int t = 0; t < int(c.trace.tasks.size()); ++t) {
        const TaskInfo &info = c.trace.tasks.at(t);
        if (info.result == TaskResult::Ok || info.result == TaskResult::Unfinished)
            continue;
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group &g) {
            return g.result == info.result && g.error == info.error;
        });
        if (it == groups.end())
            groups << Group{info.result, info.error, {t}};
        else
            it->tasks << t;
    }
    for (qsizetype i = 0; i < groups.size() && i < MaxItemsPerKind; ++i) {
        const Group &g = groups.at(i);
        const QString who = describeTasks(g.tasks);
        Diagnostic &d = g.result == TaskResult::Timeout
            ? findings.add(Diagnostics::tr("%1 timed out after %2")
                               .arg(who, ms(qint64(c.trace.settings.timeoutMs) * Ms)))
            : g.result == TaskResult::Cancelled
            ? findings.add(Diagnostics::tr("%1 cancelled").arg(who))
            : findings.add(Diagnostics::tr("%1 failed: %2").arg(who, g.error));
        d.tasks = g.tasks;
        // A cancellation is what the user asked for, not a problem.
        if (g.result == TaskResult::Cancelled)
            d.severity = Diagnostic::Severity::Info;
    }
}

// Worker threads: fewer than asked for, and what the loop did meanwhile.
void detectWorkers(const Context &c, Findings &findings)
{
    const RunSettings &settings = c.trace.settings;
    if (settings.workersRequested > settings.workers)
        findings
            .add(Diagnostics::tr("Asked for %1 worker threads; this process's file descriptor "
                                 "limit (%2) allows %3, so the run used %3")
                     .arg(settings.workersRequested)
                     .arg(settings.fileLimit)
                     .arg(settings.workers))
            .severity
            = Diagnostic::Severity::Warning;
    QList<int> workers;
    for (const TaskInfo &info : c.trace.tasks)
        if (info.worker >= 0 && !workers.contains(info.worker))
            workers << info.worker;
    if (workers.isEmpty())
        return;
    const int n = int(workers.size());
    // "Stayed free" only when the probe agrees: a late loop is explained, not contradicted.
    findings.add(c.lag.starved()
                     ? Diagnostics::tr("%n worker thread(s) performed the blocking fetches; no "
                                       "task ran on the event loop, whose lateness came from a "
                                       "lack of CPU",
                                       nullptr, n)
                     : c.lag.late
                     ? Diagnostics::tr("%n worker thread(s) performed the blocking fetches; no "
                                       "task ran on the event loop, though it was late (see "
                                       "above)",
                                       nullptr, n)
                     : Diagnostics::tr("%n worker thread(s) performed the blocking fetches; the "
                                       "event loop stayed free",
                                       nullptr, n));
}

using Detector = void (*)(const Context &, Findings &);
struct DetectorEntry
{
    Diagnostic::Kind kind;
    Diagnostic::Severity severity; // a detector may raise or lower it per item
    Detector detect;
};

// One entry per kind, in the order the list shows them. A new kind: one detect function above
// and one line here (tst_diagnostics checks that every Diagnostic::Kind has exactly one).
const DetectorEntry Detectors[] = {
    {Diagnostic::Kind::Stopped, Diagnostic::Severity::Warning, detectStopped},
    {Diagnostic::Kind::Insecure, Diagnostic::Severity::Warning, detectInsecure},
    {Diagnostic::Kind::Speedup, Diagnostic::Severity::Info, detectSpeedup},
    {Diagnostic::Kind::LoopBlocked, Diagnostic::Severity::Problem, detectLoopBlocked},
    {Diagnostic::Kind::CpuStarved, Diagnostic::Severity::Warning, detectCpuStarved},
    {Diagnostic::Kind::NeverSuspended, Diagnostic::Severity::Warning, detectNeverSuspended},
    {Diagnostic::Kind::LoopLag, Diagnostic::Severity::Problem, detectLoopLag},
    {Diagnostic::Kind::ConnectionWait, Diagnostic::Severity::Warning, detectConnectionWait},
    {Diagnostic::Kind::ConcurrencyWait, Diagnostic::Severity::Warning, detectConcurrencyWait},
    {Diagnostic::Kind::ServerQueue, Diagnostic::Severity::Problem, detectServerQueue},
    {Diagnostic::Kind::RequestPhases, Diagnostic::Severity::Info, detectRequestPhases},
    {Diagnostic::Kind::Failures, Diagnostic::Severity::Problem, detectFailures},
    {Diagnostic::Kind::Workers, Diagnostic::Severity::Info, detectWorkers},
};
} // namespace

QList<Diagnostic::Kind> diagnosticDetectorKinds()
{
    QList<Diagnostic::Kind> kinds;
    for (const DetectorEntry &entry : Detectors)
        kinds << entry.kind;
    return kinds;
}

QList<Diagnostic> diagnose(const Trace &trace)
{
    return diagnose(trace, buildSegments(trace));
}

QList<Diagnostic> diagnose(const Trace &trace, const SegmentBuilder &builder)
{
    return diagnose(trace, builder, summarize(trace, builder));
}

QList<Diagnostic> diagnose(const Trace &trace, const SegmentBuilder &builder,
                           const RunSummary &summary)
{
    // A program's recording has no workload to speed up: its findings are its own.
    if (trace.isRecording())
        return diagnoseRecording(trace, builder, summary);
    QList<Diagnostic> out;
    if (trace.tasks.isEmpty())
        return out;
    const Context context(trace, builder, summary);
    for (const DetectorEntry &entry : Detectors) {
        Findings findings(entry.kind, entry.severity, &out);
        entry.detect(context, findings);
    }
    return out;
}

} // namespace Coroscope
