#include "diagnostics.h"

#include "phases.h"
#include "segments.h"
#include "summary.h"

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
// Below this share of CPU over a stretch of wall time, the loop's thread was mostly not running.
constexpr double StarvedRatio = 0.5;

QString ms(qint64 ns)
{
    // Through tr(): Chinese sentences read "毫秒", not "ms".
    return Diagnostics::tr("%1 ms").arg(QLocale().toString(double(ns) / Ms, 'f', 0));
}

QString seconds(qint64 ns)
{
    return Diagnostics::tr("%1 s").arg(QLocale().toString(double(ns) / 1e9, 'f', 1));
}

struct CpuShare
{
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
    const QList<Segment> segments = builder.allSegments(trace.lastNs());
    const int finished = summary.tasks - summary.unfinished;
    const LoopCpu loopCpu(trace);

    // Stopped: say so first, and claim nothing about a speed-up a stopped run never showed.
    if (summary.stopped) {
        Diagnostic d;
        d.kind = Diagnostic::Kind::Stopped;
        d.severity = Diagnostic::Severity::Warning;
        // The strip's rounding: one end of a stopped run reads alike everywhere.
        d.text = Diagnostics::tr("Stopped after %1: %2 ok, %3 cancelled")
                     .arg(durationText(summary.stoppedAtMs))
                     .arg(summary.ok)
                     .arg(summary.cancelled + summary.unfinished);
        d.startNs = qint64(summary.stoppedAtMs * Ms);
        d.endNs = trace.lastNs();
        out << d;
    }

    // Unchecked certificates: whoever reads the figures must know any server could have answered.
    if (trace.settings.insecure) {
        Diagnostic d;
        d.kind = Diagnostic::Kind::Insecure;
        d.severity = Diagnostic::Severity::Warning;
        d.text = Diagnostics::tr("Certificates were not checked (--insecure): the https answers "
                                 "may have come from any server");
        out << d;
    }

    // Speed-up: the headline, phrased for what it means and what it was measured against; only
    // once something succeeded, and never a figure nothing measured.
    if (!summary.stopped && summary.ok > 0 && finished > 1) {
        Diagnostic d;
        d.kind = Diagnostic::Kind::Speedup;
        d.startNs = 0;
        d.endNs = trace.lastNs();
        const QString inFlight = QLocale().toString(summary.avgInFlight, 'f', 1);
        if (summary.speedup) {
            const QString factor = QLocale().toString(*summary.speedup, 'f', 1);
            QString against;
            switch (summary.baseline) {
            case Baseline::SequentialRun:
            case Baseline::SavedSequentialRun:
                against
                    = Diagnostics::tr("the sequential run's %1").arg(durationText(*summary.sumMs));
                break;
            case Baseline::Alone:
                against = Diagnostics::tr("each URL fetched alone, one task after another");
                break;
            default:
                against = Diagnostics::tr("running the tasks one after another");
                break;
            }
            if (*summary.speedup >= 1.5) {
                d.text = Diagnostics::tr("Speed-up %1x over %2").arg(factor, against);
            } else {
                d.severity = Diagnostic::Severity::Warning;
                d.text = Diagnostics::tr("No speed-up (%1x over %2): the tasks ran one after "
                                         "another")
                             .arg(factor, against);
            }
        } else if (trace.isComplete()) {
            d.text = Diagnostics::tr("No speed-up measured: the URLs were not measured alone "
                                     "before the run, the server did not report how long it "
                                     "queued the requests and no sequential run of this workload "
                                     "was compared. %1 tasks were in flight on average, which is "
                                     "not a speed-up: a server answering one at a time keeps "
                                     "many in flight and saves nothing")
                         .arg(inFlight);
        }
        if (!d.text.isEmpty())
            out << d;
    } else if (!summary.stopped && trace.isComplete() && summary.ok == 0 && finished > 0) {
        Diagnostic d;
        d.kind = Diagnostic::Kind::Speedup;
        d.severity = Diagnostic::Severity::Warning;
        d.text = Diagnostics::tr("No speed-up: no task ended ok, and how fast failures came back "
                                 "says nothing about running the tasks together");
        out << d;
    }

    // Long running stretches on the loop (not on worker threads), named after what ran in them.
    // A stretch is not always work: when the machine has more busy threads than cores the loop's
    // thread may simply not be scheduled, which its own CPU time tells.
    const QString blockingFetch = QStringLiteral("blocking fetch");
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
        QList<int> starvedTasks;
        qint64 starvedLongest = 0;
        int shown = 0;
        QList<int> rest;
        qint64 restTotal = 0;
        for (const Segment &s : std::as_const(blocks)) {
            const QString label = trace.label(s.label);
            const CpuShare cpu = loopCpu.share(s.startNs, s.endNs);
            if (label != blockingFetch && cpu.starved()) {
                starvedTasks << int(s.task);
                starvedLongest = std::max(starvedLongest, s.durationNs());
                continue;
            }
            if (shown >= MaxItemsPerKind) {
                rest << int(s.task);
                restTotal += s.durationNs();
                continue;
            }
            ++shown;
            Diagnostic d;
            d.kind = Diagnostic::Kind::LoopBlocked;
            d.severity = Diagnostic::Severity::Problem;
            if (label == blockingFetch)
                d.text = Diagnostics::tr("Task %1 blocked the event loop for %2 (a blocking fetch: "
                                         "the whole request ran on the loop)")
                             .arg(s.task)
                             .arg(ms(s.durationNs()));
            else if (!label.isEmpty())
                // The step's name stands apart: "busy for 71 ms in read the reply" read as
                // broken English, and a name is no part of a translated sentence's grammar.
                d.text = Diagnostics::tr("Task %1 kept the event loop busy for %2 (step: %3)")
                             .arg(s.task)
                             .arg(ms(s.durationNs()), trace.labelText(s.label));
            else
                d.text = Diagnostics::tr("Task %1 kept the event loop busy for %2")
                             .arg(s.task)
                             .arg(ms(s.durationNs()));
            d.tasks = {int(s.task)};
            d.startNs = s.startNs;
            d.endNs = s.endNs;
            out << d;
        }
        if (!rest.isEmpty()) {
            Diagnostic d;
            d.kind = Diagnostic::Kind::LoopBlocked;
            d.severity = Diagnostic::Severity::Problem;
            d.text = Diagnostics::tr("%1 held the event loop for %2 in all")
                         .arg(describeTasks(rest), ms(restTotal));
            d.tasks = rest;
            out << d;
        }
        if (!starvedTasks.isEmpty()) {
            Diagnostic d;
            d.kind = Diagnostic::Kind::CpuStarved;
            d.severity = Diagnostic::Severity::Warning;
            d.text = Diagnostics::tr("%1 stayed \"running\" for up to %2 while the loop's thread "
                                     "got little CPU: the machine's other threads starved it, the "
                                     "task did not block it")
                         .arg(describeTasks(starvedTasks), ms(starvedLongest));
            d.tasks = starvedTasks;
            out << d;
        }
    }

    // Awaits that never yielded: zero-length suspensions after a long running stretch.
    {
        QList<int> tasks;
        QString label;
        for (const Segment &s : segments) {
            if (s.state == SegmentState::Suspended && s.durationNs() == 0) {
                tasks << int(s.task);
                label = trace.label(s.label);
            }
        }
        if (!tasks.isEmpty()) {
            Diagnostic d;
            d.kind = Diagnostic::Kind::NeverSuspended;
            d.severity = Diagnostic::Severity::Warning;
            d.text = Diagnostics::tr(
                         "%1: \"%2\" completed without suspending; wrapping a blocking call in a "
                         "coroutine does not make it asynchronous")
                         .arg(describeTasks(tasks), label);
            d.tasks = tasks;
            out << d;
        }
    }

    // Loop lag seen by the probe, with its cause: a blocking call, the loop's own work, or a
    // thread that got no CPU.
    bool loopStarved = false;
    const bool loopLate = summary.lagSamples > 0 && summary.lagMaxMs >= 50;
    if (loopLate) {
        Diagnostic d;
        d.kind = Diagnostic::Kind::LoopLag;
        d.severity = Diagnostic::Severity::Problem;
        // Point at the worst sample: it ends when the probe finally fired.
        for (const TraceEvent &e : trace.events) {
            if (e.kind == EventKind::LagSample && e.value / 1000.0 >= summary.lagMaxMs - 0.001) {
                d.startNs = e.ns - qint64(e.value) * 1000;
                d.endNs = e.ns;
                break;
            }
        }
        const CpuShare cpu = loopCpu.share(d.startNs, d.endNs);
        bool blockedByFetch = false;
        for (const Segment &s : segments) {
            if (s.state == SegmentState::Running && trace.label(s.label) == blockingFetch
                && trace.tasks.at(s.task).worker < 0 && s.startNs < d.endNs && s.endNs > d.startNs)
                blockedByFetch = true;
        }
        const QString late = ms(qint64(summary.lagMaxMs * Ms));
        const QString p99 = ms(qint64(summary.lagP99Ms * Ms));
        if (blockedByFetch) {
            d.text
                = Diagnostics::tr("A 10 ms timer on the event loop fired up to %1 late (p99 %2): a "
                                  "blocking fetch held the loop, nothing else could run meanwhile")
                      .arg(late, p99);
        } else if (cpu.starved()) {
            loopStarved = true;
            d.severity = Diagnostic::Severity::Warning;
            d.text = cpu.waitNs >= 0
                ? Diagnostics::tr("A 10 ms timer on the event loop fired up to %1 late (p99 %2): "
                                  "in that time the loop's thread ran %3 and waited %4 for a CPU "
                                  "core; other threads starved it, it was not blocked")
                      .arg(late, p99, ms(cpu.cpuNs), ms(cpu.waitNs))
                : Diagnostics::tr("A 10 ms timer on the event loop fired up to %1 late (p99 %2), "
                                  "but the loop's thread had only %3 of CPU in that time: it was "
                                  "starved of CPU by other threads, not blocked")
                      .arg(late, p99, ms(cpu.cpuNs));
        } else if (cpu.known() && cpu.waitNs >= 0 && cpu.ratio() < StarvedRatio) {
            d.text
                = Diagnostics::tr("A 10 ms timer on the event loop fired up to %1 late (p99 %2): "
                                  "the loop's thread spent most of that time asleep inside a "
                                  "call (it ran %3, waited %4 for a core), so nothing else "
                                  "could run")
                      .arg(late, p99, ms(cpu.cpuNs), ms(cpu.waitNs));
        } else {
            d.text
                = Diagnostics::tr("A 10 ms timer on the event loop fired up to %1 late (p99 %2): "
                                  "the loop was busy with its own work (e.g. starting requests) "
                                  "and nothing else could run meanwhile")
                      .arg(late, p99);
        }
        out << d;
    }

    // Pending spans, by what they waited for.
    auto waits
        = [&](const QString &labelText, Diagnostic::Kind kind, const QString &format, int limit) {
              const auto label = trace.labels.indexOf(labelText);
              if (label < 0)
                  return;
              QList<int> tasks;
              qint64 longest = 0;
              qint64 start = -1;
              qint64 end = -1;
              for (const Segment &s : segments) {
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
              Diagnostic d;
              d.kind = kind;
              d.severity = Diagnostic::Severity::Warning;
              d.text = format.arg(describeTasks(tasks), seconds(longest)).arg(limit);
              d.tasks = tasks;
              d.startNs = start;
              d.endNs = end;
              out << d;
          };
    waits(QStringLiteral("await connection"), Diagnostic::Kind::ConnectionWait,
          Diagnostics::tr("%1 waited up to %2 for a free connection (%3 per host)"),
          trace.settings.connectionsPerHost);
    waits(QStringLiteral("await socket"), Diagnostic::Kind::ConnectionWait,
          Diagnostics::tr("%1 waited up to %2 for a socket: this process can keep %3 connections "
                          "open at once (its file descriptor limit)"),
          trace.settings.socketBudget);
    waits(QStringLiteral("await concurrency limit"), Diagnostic::Kind::ConcurrencyWait,
          Diagnostics::tr("%1 waited up to %2 for the concurrency limit (%3 tasks in flight)"),
          trace.settings.concurrency);

    // The server's queue and concurrency, only as the server reported them (its X-Coroscope
    // header); a server that reports nothing gets no claim about its capacity.
    {
        qint64 maxQueuedNs = 0;
        QList<int> queued;
        int mostActive = -1;
        int capacity = -1;
        for (quint32 t = 0; t < quint32(trace.tasks.size()); ++t) {
            const TaskInfo &info = trace.tasks.at(t);
            mostActive = std::max(mostActive, info.serverActive);
            capacity = std::max(capacity, info.serverCapacity);
            const qint64 queuedNs = trustedServerQueuedNs(trace, builder, t);
            if (queuedNs >= WaitThresholdNs)
                queued << int(t);
            maxQueuedNs = std::max(maxQueuedNs, queuedNs);
        }
        if (!queued.isEmpty()) {
            Diagnostic d;
            d.kind = Diagnostic::Kind::ServerQueue;
            d.severity = Diagnostic::Severity::Problem;
            if (mostActive > 0)
                d.text = Diagnostics::tr("The server handled at most %1 requests at a time (as it "
                                         "reported). %2 waited up to %3 in its queue")
                             .arg(mostActive)
                             .arg(describeTasks(queued), seconds(maxQueuedNs));
            else
                d.text
                    = Diagnostics::tr("%1 waited up to %2 in the server's queue (as it reported)")
                          .arg(describeTasks(queued), seconds(maxQueuedNs));
            if (capacity > 0)
                d.text += Diagnostics::tr("; its capacity is %n request(s) at once", nullptr,
                                          capacity);
            d.tasks = queued;
            out << d;
        }
    }

    // Inside `await reply`: where requests spent their time, from their phases.
    {
        struct Finding
        {
            QList<int> tasks;
            qint64 longestNs = 0;
            qint64 startNs = -1;
            qint64 endNs = -1;
        };
        Finding queued;
        Finding connecting;
        Finding handshaking;
        Finding resuming;
        int newConnections = 0;
        int reusedConnections = 0;
        int requests = 0;
        auto note = [](Finding &f, int task, qint64 ns, const PhaseSpan *span) {
            f.tasks << task;
            f.longestNs = std::max(f.longestNs, ns);
            if (span) {
                f.startNs = f.startNs < 0 ? span->startNs : std::min(f.startNs, span->startNs);
                f.endNs = std::max(f.endNs, span->endNs);
            }
        };
        for (quint32 t = 0; t < quint32(trace.tasks.size()); ++t) {
            const RequestPhases p = requestPhases(trace, builder, t);
            if (!p.known)
                continue;
            // Each hop of a redirected request is a request of its own, on its connection.
            for (int hop = 0; hop < builder.hopCount(t); ++hop) {
                const RequestPhases h = requestHopPhases(trace, builder, t, hop);
                if (!h.known)
                    continue;
                ++requests;
                newConnections += h.reusedConnection == 0 ? 1 : 0;
                reusedConnections += h.reusedConnection == 1 ? 1 : 0;
            }
            for (const PhaseSpan &span : p.spans) {
                if (span.kind == PhaseKind::Queued && span.durationNs() >= WaitThresholdNs)
                    note(queued, int(t), span.durationNs(), &span);
                else if (span.kind == PhaseKind::Connect && span.durationNs() >= WaitThresholdNs)
                    note(connecting, int(t), span.durationNs(), &span);
                else if (span.kind == PhaseKind::Tls)
                    note(handshaking, int(t), span.durationNs(), &span);
                else if (span.kind == PhaseKind::Resume && span.durationNs() >= ResumeThresholdNs)
                    note(resuming, int(t), span.durationNs(), &span);
            }
        }
        auto add = [&out](const Finding &f, Diagnostic::Severity severity, const QString &text) {
            if (f.tasks.isEmpty())
                return;
            Diagnostic d;
            d.kind = Diagnostic::Kind::RequestPhases;
            d.severity = severity;
            d.text = text;
            d.tasks = f.tasks;
            d.startNs = f.startNs;
            d.endNs = f.endNs;
            out << d;
        };
        add(queued, Diagnostic::Severity::Warning,
            Diagnostics::tr("%1 waited up to %2 inside Qt before a connection took the request")
                .arg(describeTasks(queued.tasks), ms(queued.longestNs)));
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
            : Diagnostics::tr("%1 of %2 requests opened a new one")
                  .arg(newConnections)
                  .arg(requests);
        add(connecting, Diagnostic::Severity::Info,
            Diagnostics::tr("%1 spent up to %2 opening a connection (%3)")
                .arg(describeTasks(connecting.tasks), ms(connecting.longestNs), connections));
        // Every handshake is named, however short: with TLS each new connection costs one.
        add(handshaking, Diagnostic::Severity::Info,
            unknown > 0 ? Diagnostics::tr("TLS handshakes took up to %1 each (%2)")
                              .arg(ms(handshaking.longestNs), connections)
                        : Diagnostics::tr("TLS handshakes took up to %1 each; %2 of %3 requests "
                                          "opened a new connection")
                              .arg(ms(handshaking.longestNs))
                              .arg(newConnections)
                              .arg(requests));
        add(resuming, Diagnostic::Severity::Warning,
            Diagnostics::tr("The loop took up to %1 to resume %2 after their replies arrived: it "
                            "was busy or late")
                .arg(ms(resuming.longestNs), describeTasks(resuming.tasks)));
    }

    // Failures, grouped by result and message.
    {
        struct Group
        {
            TaskResult result;
            QString error;
            QList<int> tasks;
        };
        QList<Group> groups;
        for (int t = 0; t < int(trace.tasks.size()); ++t) {
            const TaskInfo &info = trace.tasks.at(t);
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
            Diagnostic d;
            d.kind = Diagnostic::Kind::Failures;
            d.tasks = g.tasks;
            if (g.result == TaskResult::Timeout) {
                d.severity = Diagnostic::Severity::Problem;
                d.text
                    = Diagnostics::tr("%1 timed out after %2")
                          .arg(describeTasks(g.tasks), ms(qint64(trace.settings.timeoutMs) * Ms));
            } else if (g.result == TaskResult::Cancelled) {
                d.text = Diagnostics::tr("%1 cancelled").arg(describeTasks(g.tasks));
            } else {
                d.severity = Diagnostic::Severity::Problem;
                d.text = Diagnostics::tr("%1 failed: %2").arg(describeTasks(g.tasks), g.error);
            }
            out << d;
        }
    }

    // Worker threads.
    {
        QList<int> workers;
        for (const TaskInfo &info : trace.tasks)
            if (info.worker >= 0 && !workers.contains(info.worker))
                workers << info.worker;
        if (trace.settings.workersRequested > trace.settings.workers) {
            Diagnostic d;
            d.kind = Diagnostic::Kind::Workers;
            d.severity = Diagnostic::Severity::Warning;
            d.text = Diagnostics::tr("Asked for %1 worker threads; this process's file descriptor "
                                     "limit (%2) allows %3, so the run used %3")
                         .arg(trace.settings.workersRequested)
                         .arg(trace.settings.fileLimit)
                         .arg(trace.settings.workers);
            out << d;
        }
        if (!workers.isEmpty()) {
            Diagnostic d;
            d.kind = Diagnostic::Kind::Workers;
            // "Stayed free" only when the probe agrees: a late loop is explained, not contradicted.
            d.text = loopStarved
                ? Diagnostics::tr("%n worker thread(s) performed the blocking fetches; no task ran "
                                  "on the event loop, whose lateness came from a lack of CPU",
                                  nullptr, int(workers.size()))
                : loopLate
                ? Diagnostics::tr("%n worker thread(s) performed the blocking fetches; no task ran "
                                  "on the event loop, though it was late (see above)",
                                  nullptr, int(workers.size()))
                : Diagnostics::tr("%n worker thread(s) performed the blocking fetches; the event "
                                  "loop stayed free",
                                  nullptr, int(workers.size()));
            out << d;
        }
    }
    return out;
}

} // namespace Coroscope
