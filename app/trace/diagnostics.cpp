#include "diagnostics.h"

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

QString ms(qint64 ns)
{
    return QLocale().toString(double(ns) / Ms, 'f', 0) + QLatin1String(" ms");
}

QString seconds(qint64 ns)
{
    return QLocale().toString(double(ns) / 1e9, 'f', 1) + QLatin1String(" s");
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

QList<Diagnostic> diagnose(const Trace &trace)
{
    return diagnose(trace, buildSegments(trace));
}

QList<Diagnostic> diagnose(const Trace &trace, const SegmentBuilder &builder)
{
    QList<Diagnostic> out;
    if (trace.tasks.isEmpty())
        return out;
    const RunSummary summary = summarize(trace, builder);
    const QList<Segment> segments = builder.allSegments(trace.lastNs());
    const int finished = summary.tasks - summary.unfinished;

    // Speed-up: the headline, phrased for what it means.
    if (finished > 1 && summary.wallMs > 0) {
        Diagnostic d;
        d.kind = Diagnostic::Kind::Speedup;
        const QString factor = QLocale().toString(summary.speedup, 'f', 1);
        if (summary.speedup >= 1.5) {
            d.text = Diagnostics::tr("Speed-up %1x over running the tasks one after another")
                         .arg(factor);
        } else {
            d.severity = Diagnostic::Severity::Warning;
            d.text
                = Diagnostics::tr("No speed-up (%1x): the tasks ran one after another").arg(factor);
        }
        d.startNs = 0;
        d.endNs = trace.lastNs();
        out << d;
    }

    // Tasks that held the loop: long running segments on the loop (not on worker threads).
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
        for (qsizetype i = 0; i < blocks.size() && i < MaxItemsPerKind; ++i) {
            const Segment &s = blocks.at(i);
            Diagnostic d;
            d.kind = Diagnostic::Kind::LoopBlocked;
            d.severity = Diagnostic::Severity::Problem;
            d.text = Diagnostics::tr("Task %1 blocked the event loop for %2 (blocking fetch)")
                         .arg(s.task)
                         .arg(ms(s.durationNs()));
            d.tasks = {int(s.task)};
            d.startNs = s.startNs;
            d.endNs = s.endNs;
            out << d;
        }
        if (blocks.size() > MaxItemsPerKind) {
            Diagnostic d;
            d.kind = Diagnostic::Kind::LoopBlocked;
            d.severity = Diagnostic::Severity::Problem;
            QList<int> rest;
            qint64 total = 0;
            for (qsizetype i = MaxItemsPerKind; i < blocks.size(); ++i) {
                rest << int(blocks.at(i).task);
                total += blocks.at(i).durationNs();
            }
            d.text = Diagnostics::tr("%1 blocked the event loop for %2 in all")
                         .arg(describeTasks(rest), ms(total));
            d.tasks = rest;
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

    // Loop lag seen by the probe.
    if (summary.lagSamples > 0 && summary.lagMaxMs >= 50) {
        Diagnostic d;
        d.kind = Diagnostic::Kind::LoopLag;
        d.severity = Diagnostic::Severity::Problem;
        d.text = Diagnostics::tr(
                     "A 10 ms timer on the event loop fired up to %1 late (p99 %2): nothing else "
                     "could run meanwhile")
                     .arg(ms(qint64(summary.lagMaxMs * Ms)), ms(qint64(summary.lagP99Ms * Ms)));
        // Point at the worst sample: it ends when the probe finally fired.
        for (const TraceEvent &e : trace.events) {
            if (e.kind == EventKind::LagSample && e.value / 1000.0 >= summary.lagMaxMs - 0.001) {
                d.startNs = e.ns - qint64(e.value) * 1000;
                d.endNs = e.ns;
                break;
            }
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

    // The server's queue, reported by the embedded server per response. How many requests it
    // handled at once is measured from the trace: a request is handled from the end of its wait
    // in the server's queue until its reply arrives.
    {
        const auto reply = trace.labels.indexOf(QStringLiteral("await reply"));
        qint64 maxQueuedMs = 0;
        QList<int> queued;
        QList<QPair<qint64, int>> edges;
        for (const Segment &s : segments) {
            const TaskInfo &info = trace.tasks.at(s.task);
            if (s.state != SegmentState::Suspended || s.label != reply || info.serverQueuedMs < 0)
                continue;
            if (info.serverQueuedMs >= 20)
                queued << int(s.task);
            maxQueuedMs = std::max(maxQueuedMs, info.serverQueuedMs);
            // The client sees both ends a little late or early (connect, transfer): shrink the
            // span so that back-to-back requests on one server slot do not count as overlapping.
            const qint64 handledFrom = std::min(s.endNs, s.startNs + info.serverQueuedMs * Ms);
            const qint64 slack = std::min<qint64>(10 * Ms, (s.endNs - handledFrom) / 4);
            edges << qMakePair(handledFrom + slack, +1) << qMakePair(s.endNs - slack, -1);
        }
        if (!queued.isEmpty()) {
            std::sort(edges.begin(), edges.end());
            int now = 0;
            int most = 0;
            for (const auto &edge : std::as_const(edges)) {
                now += edge.second;
                most = std::max(most, now);
            }
            Diagnostic d;
            d.kind = Diagnostic::Kind::ServerQueue;
            d.severity = Diagnostic::Severity::Problem;
            d.text = Diagnostics::tr(
                         "The server handled at most %1 requests at a time; tasks waited up to %2 "
                         "in its queue (%3)")
                         .arg(most)
                         .arg(seconds(maxQueuedMs * Ms), describeTasks(queued));
            d.tasks = queued;
            out << d;
        }
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
        if (!workers.isEmpty()) {
            Diagnostic d;
            d.kind = Diagnostic::Kind::Workers;
            d.text = Diagnostics::tr(
                "%n worker thread(s) performed the blocking fetches; the event loop "
                "stayed free",
                nullptr, int(workers.size()));
            out << d;
        }
    }
    return out;
}

} // namespace Coroscope
