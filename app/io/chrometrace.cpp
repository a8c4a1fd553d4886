#include "chrometrace.h"

#include "trace/phases.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include <QHash>

#include <algorithm>
#include <numeric>
#include <queue>
#include <vector>

namespace Coroscope {

namespace {
// Written by hand rather than through QJsonObject: a 100,000-task run has ~800,000 events and
// building them as objects cost seconds and gigabytes (issue 9); this is one pass, one buffer.
class Writer
{
public:
    explicit Writer(QByteArray &out)
        : m_out(out)
    {
    }

    void string(const QString &text)
    {
        m_out += '"';
        const QByteArray utf8 = text.toUtf8();
        for (const char c : utf8) {
            const auto u = static_cast<unsigned char>(c);
            if (c == '"' || c == '\\') {
                m_out += '\\';
                m_out += c;
            } else if (u < 0x20) {
                static const char hex[] = "0123456789abcdef";
                m_out += "\\u00";
                m_out += hex[u >> 4];
                m_out += hex[u & 15];
            } else {
                m_out += c;
            }
        }
        m_out += '"';
    }
    void key(const char *name)
    {
        m_out += '"';
        m_out += name;
        m_out += "\":";
    }
    // Microseconds from nanoseconds, exactly (three decimals at most).
    void us(qint64 ns)
    {
        if (ns < 0) {
            m_out += '-';
            ns = -ns;
        }
        m_out += QByteArray::number(ns / 1000);
        if (const qint64 frac = ns % 1000) {
            QByteArray digits = QByteArray::number(frac).rightJustified(3, '0');
            while (digits.endsWith('0'))
                digits.chop(1);
            m_out += '.';
            m_out += digits;
        }
    }
    void number(qint64 n) { m_out += QByteArray::number(n); }
    void raw(const char *text) { m_out += text; }
    // Starts an event object; the caller adds fields with comma() and ends with end().
    void begin(const char *ph, int pid, int tid)
    {
        m_out += m_first ? "\n{" : ",\n{";
        m_first = false;
        key("ph");
        m_out += '"';
        m_out += ph;
        m_out += "\",";
        key("pid");
        number(pid);
        if (tid >= 0) {
            m_out += ',';
            key("tid");
            number(tid);
        }
    }
    void comma() { m_out += ','; }
    void end() { m_out += '}'; }

private:
    QByteArray &m_out;
    bool m_first = true;
};

QList<int> lanesOf(const Trace &trace, const SegmentBuilder &builder);

// tid 0 is the scheduler loop; task n (or lane n) is tid n + 1 so that viewers sort the loop
// first.
struct Tracks
{
    QList<int> lanes; // empty: one track per task
    int tidOf(quint32 task) const
    {
        if (task == LoopTask)
            return 0;
        return (lanes.isEmpty() ? int(task) : lanes.at(task)) + 1;
    }
    bool packed() const { return !lanes.isEmpty(); }
};

void metadata(Writer &w, int pid, int tid, const char *name, const QString &value)
{
    w.begin("M", pid, tid);
    w.comma();
    w.key("name");
    w.string(QLatin1String(name));
    w.comma();
    w.key("args");
    w.raw("{\"name\":");
    w.string(value);
    w.end();
    w.end();
}

void span(Writer &w, int pid, int tid, const QString &name, const char *category, qint64 startNs,
          qint64 endNs)
{
    w.begin("X", pid, tid);
    w.comma();
    w.key("name");
    w.string(name);
    w.comma();
    w.key("cat");
    w.raw("\"");
    w.raw(category);
    w.raw("\",");
    w.key("ts");
    w.us(startNs);
    w.comma();
    w.key("dur");
    w.us(endNs - startNs);
}

void instant(Writer &w, int pid, int tid, const QString &name, qint64 ns)
{
    w.begin("i", pid, tid);
    w.comma();
    w.key("name");
    w.string(name);
    w.raw(",\"s\":\"t\",");
    w.key("ts");
    w.us(ns);
}

// With lanes, a span or instant says which task it belongs to: `args` opened here, closed by
// the caller (which may add fields first).
void openArgs(Writer &w, const Tracks &tracks, quint32 task)
{
    w.raw(",\"args\":{");
    if (tracks.packed() && task != LoopTask) {
        w.raw("\"task\":");
        w.number(task);
    }
}

void sortIndex(Writer &w, int pid, int tid)
{
    w.begin("M", pid, tid);
    w.raw(",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":");
    w.number(tid);
    w.end();
    w.end();
}

// A recording's lanes (its event loops, threads) come after every task's thread: a thread
// each, showing when its loop waited for I/O and the steps that held it (H records).
constexpr int RecordedLaneTid = 1 << 24;

QString recordingProcessName(const Trace &trace)
{
    const ProgramRun &p = *trace.program;
    QString name = QStringLiteral("recording");
    if (!p.runtime.isEmpty())
        name += u' ' + p.runtime;
    if (!p.command.isEmpty())
        name += QStringLiteral(": ") + p.command;
    return name;
}

void writeRecordedLanes(Writer &w, const Trace &trace, int pid)
{
    for (qsizetype lane = 1; lane < trace.lanes.size(); ++lane) {
        metadata(w, pid, RecordedLaneTid + int(lane), "thread_name", trace.lanes.at(lane));
        w.begin("M", pid, RecordedLaneTid + int(lane));
        w.raw(",\"name\":\"thread_sort_index\",\"args\":{\"sort_index\":");
        w.number(-1000 + int(lane)); // above the tasks, under the loop
        w.end();
        w.end();
    }
    QHash<int, qint64> idleSince;
    const QString waiting = QStringLiteral("waiting for I/O");
    for (const TraceEvent &e : trace.events) {
        const int tid = RecordedLaneTid + e.lane;
        if (e.kind == EventKind::LoopIdle) {
            idleSince.insert(e.lane, e.ns);
        } else if (e.kind == EventKind::LoopBusy) {
            const auto it = idleSince.constFind(e.lane);
            if (it != idleSince.constEnd()) {
                span(w, pid, tid, waiting, "loop", *it, e.ns);
                w.end();
                idleSince.erase(it);
            }
        } else if (e.kind == EventKind::Hold) {
            const qint64 start = std::max<qint64>(0, e.ns - qint64(e.value) * 1000);
            span(w, pid, tid, QStringLiteral("held: ") + trace.label(e.label), "hold", start, e.ns);
            if (e.task != LoopTask) {
                w.raw(",\"args\":{\"task\":");
                w.string(trace.taskTitle(e.task));
                w.end();
            }
            w.end();
        }
    }
}

void writeRecordedTaskArgs(Writer &w, const Trace &trace, const TaskInfo &info)
{
    w.raw(",\"name\":");
    w.string(info.name);
    w.raw(",\"coroutine\":");
    w.string(info.coroutine);
    w.raw(",\"created_at\":");
    w.string(info.createdAt);
    if (info.parent >= 0) {
        w.raw(",\"parent\":");
        w.string(trace.taskTitle(quint32(info.parent)));
    }
    if (info.lane > 0 && info.lane < trace.lanes.size()) {
        w.raw(",\"lane\":");
        w.string(trace.lanes.at(info.lane));
    }
}

void writeTrace(Writer &w, const Trace &trace, int pid, ChromeTracks wanted)
{
    const SegmentBuilder builder = buildSegments(trace);
    Tracks tracks;
    if (wanted == ChromeTracks::Lanes
        || (wanted == ChromeTracks::Auto && trace.tasks.size() > LaneThreshold))
        tracks.lanes = lanesOf(trace, builder); // the builder above: one, not two, at 100k
    const auto tidOf = [&tracks](quint32 task) { return tracks.tidOf(task); };
    metadata(w, pid, -1, "process_name",
             trace.isRecording() ? recordingProcessName(trace)
                                 : QStringLiteral("coroscope ") + trace.strategy);
    metadata(w, pid, 0, "thread_name", QStringLiteral("event loop"));
    if (trace.isRecording())
        writeRecordedLanes(w, trace, pid);
    if (tracks.packed()) {
        const int laneCount = tracks.lanes.isEmpty()
            ? 0
            : *std::max_element(tracks.lanes.cbegin(), tracks.lanes.cend()) + 1;
        for (int lane = 0; lane < laneCount; ++lane) {
            metadata(w, pid, lane + 1, "thread_name", QStringLiteral("lane %1").arg(lane));
            sortIndex(w, pid, lane + 1);
        }
    } else {
        for (quint32 t = 0; t < quint32(trace.tasks.size()); ++t) {
            // A recorded task by its name ("task 3 Task-4"), a workload's by its URL.
            metadata(w, pid, tidOf(t), "thread_name",
                     QStringLiteral("task %1 %2").arg(t).arg(trace.taskTitle(t)));
            sortIndex(w, pid, tidOf(t));
        }
    }

    // What the loop row shows: the loop is busy while a task runs on it.
    const QString busy = QStringLiteral("busy");
    for (const SegmentBuilder::Span &s : builder.loopBusy()) {
        span(w, pid, 0, busy, "loop", s.startNs, s.endNs);
        w.end();
    }
    if (const qint64 since = builder.loopBusySinceNs(); since >= 0 && trace.lastNs() > since) {
        span(w, pid, 0, busy, "loop", since, trace.lastNs());
        w.end();
    }

    const qint64 lastNs = trace.lastNs();
    for (const Segment &s : builder.allSegments(lastNs)) {
        const QString label = trace.label(s.label);
        QString name = stateName(s.state);
        if (s.state == SegmentState::Suspended && !label.isEmpty())
            name = label;
        else if (!label.isEmpty())
            name += QStringLiteral(" (") + label + u')';
        span(w, pid, tidOf(s.task), name,
             s.state == SegmentState::Pending       ? "pending"
                 : s.state == SegmentState::Running ? "running"
                                                    : "suspended",
             s.startNs, s.endNs);
        // The server's queue is part of this await: say how much of it, as the server reported.
        // A hop that redirected had an answer of its own: its figure is in its phases.
        const int hop
            = s.state == SegmentState::Suspended ? requestHopAt(builder, s.task, s.startNs) : -1;
        const bool queued = s.state == SegmentState::Suspended
            && trace.tasks.at(s.task).serverQueuedMs >= 0
            && !(hop >= 0 && hop < trace.tasks.at(s.task).redirects.size());
        if (queued || tracks.packed()) {
            openArgs(w, tracks, s.task);
            if (queued) {
                if (tracks.packed())
                    w.comma();
                w.raw("\"server_queued_ms\":");
                // us() prints its argument / 1000: ns / 1000 / 1000 = ms
                w.us(trustedServerQueuedNs(trace, builder, s.task) / 1000);
            }
            w.end();
        }
        w.end();
        // Phases nest inside the await: same thread, contained in its span.
        if (s.state == SegmentState::Suspended) {
            // One await per hop of a redirected request, each with its own phases.
            const RequestPhases phases = requestHopPhases(trace, builder, s.task,
                                                          requestHopAt(builder, s.task, s.startNs));
            if (phases.known && phases.awaitStartNs == s.startNs) {
                for (const PhaseSpan &p : phases.spans) {
                    span(w, pid, tidOf(s.task), phaseName(p.kind), "phase", p.startNs, p.endNs);
                    if (tracks.packed()) {
                        openArgs(w, tracks, s.task);
                        w.end();
                    }
                    w.end();
                }
            }
        }
    }

    for (const TraceEvent &e : trace.events) {
        switch (e.kind) {
        case EventKind::Finished: {
            const TaskInfo &info = trace.tasks.at(e.task);
            instant(w, pid, tidOf(e.task), resultName(info.result), e.ns);
            openArgs(w, tracks, e.task);
            if (tracks.packed())
                w.comma();
            w.raw("\"url\":");
            w.string(trace.url(e.task));
            w.raw(",\"bytes\":");
            w.number(info.bytes);
            if (trace.isRecording())
                writeRecordedTaskArgs(w, trace, info);
            if (info.httpStatus) {
                w.raw(",\"http_status\":");
                w.number(info.httpStatus);
            }
            if (!info.error.isEmpty()) {
                w.raw(",\"error\":");
                w.string(info.error);
            }
            if (info.worker >= 0) {
                w.raw(",\"worker\":");
                w.number(info.worker);
            }
            w.end();
            w.end();
            break;
        }
        case EventKind::DoneCallback:
            instant(w, pid, tidOf(e.task), QStringLiteral("done callback"), e.ns);
            if (tracks.packed()) {
                openArgs(w, tracks, e.task);
                w.end();
            }
            w.end();
            break;
        case EventKind::AllDone:
            instant(w, pid, 0, QStringLiteral("all done"), e.ns);
            w.end();
            break;
        case EventKind::Stopped:
            instant(w, pid, 0, QStringLiteral("stopped"), e.ns);
            w.end();
            break;
        case EventKind::LagSample:
            w.begin("C", pid, -1);
            w.raw(",\"name\":\"loop lag (ms)\",");
            w.key("ts");
            w.us(e.ns);
            w.raw(",\"args\":{\"lag\":");
            w.us(e.value); // the lag in us, printed / 1000: milliseconds
            w.end();
            w.end();
            break;
        case EventKind::Warning:
            instant(w, pid, e.task == LoopTask ? 0 : tidOf(e.task),
                    QStringLiteral("warning: ") + trace.label(e.label), e.ns);
            w.end();
            break;
        case EventKind::WokenBy:
            if (e.value >= 0 && e.value < trace.tasks.size()) {
                instant(w, pid, tidOf(e.task),
                        QStringLiteral("woken by ") + trace.taskTitle(quint32(e.value)), e.ns);
                w.end();
            }
            break;
        case EventKind::Created:
        case EventKind::Admitted:
        case EventKind::Suspended:
        case EventKind::Resumed:
        case EventKind::Doing:
        case EventKind::Network:
        case EventKind::LoopCpu:
        case EventKind::LoopWait:
        case EventKind::LoopIdle: // the lanes' threads (writeRecordedLanes())
        case EventKind::LoopBusy:
        case EventKind::Hold:
        case EventKind::Ready:
        case EventKind::Renamed:
            break; // already in the spans, or not a viewer's concern
        }
    }
}
} // namespace

QList<int> chromeTraceLanes(const Trace &trace)
{
    return lanesOf(trace, buildSegments(trace));
}

namespace {
QList<int> lanesOf(const Trace &trace, const SegmentBuilder &builder)
{
    const qint64 lastNs = trace.lastNs();
    const auto n = quint32(trace.tasks.size());
    QList<quint32> order(n);
    std::iota(order.begin(), order.end(), 0u);
    const auto created = [&builder](quint32 t) { return builder.times(t).createdNs; };
    std::stable_sort(order.begin(), order.end(),
                     [&](quint32 a, quint32 b) { return created(a) < created(b); });
    // Free lanes by number (lowest first) and busy ones by when they free up.
    std::priority_queue<int, std::vector<int>, std::greater<>> free;
    using Busy = std::pair<qint64, int>; // (end, lane)
    std::priority_queue<Busy, std::vector<Busy>, std::greater<>> busy;
    QList<int> lanes(n, 0);
    int laneCount = 0;
    for (const quint32 t : order) {
        const TaskTimes &times = builder.times(t);
        if (times.createdNs < 0)
            continue; // never created (a run stopped first): no spans, no lane
        while (!busy.empty() && busy.top().first <= times.createdNs) {
            free.push(busy.top().second);
            busy.pop();
        }
        int lane;
        if (!free.empty()) {
            lane = free.top();
            free.pop();
        } else {
            lane = laneCount++;
        }
        lanes[t] = lane;
        // A task that never finished keeps its lane to the end; one never created takes none.
        const qint64 end
            = times.finishedNs >= 0 ? times.finishedNs : std::max(lastNs, times.createdNs) + 1;
        busy.push({end, lane});
    }
    return lanes;
}
} // namespace

QByteArray chromeTraceJson(const Trace &trace, ChromeTracks tracks)
{
    return chromeTraceJson(QList<Trace>{trace}, tracks);
}

QByteArray chromeTraceJson(const QList<Trace> &traces, ChromeTracks tracks)
{
    QByteArray out;
    qsizetype events = 0;
    for (const Trace &trace : traces)
        events += trace.events.size() + trace.tasks.size() * 2;
    // Enough for the spans, nested phases and instants of a typical request (~160 bytes per
    // recorded event measured at 100,000 tasks): growing a 150 MB buffer past its reserve
    // reallocates and copies it, and that transient copy was the export's peak memory.
    out.reserve(events * 165 + 1024);
    out += "{\"traceEvents\":[";
    Writer w(out);
    for (qsizetype i = 0; i < traces.size(); ++i)
        writeTrace(w, traces.at(i), int(i) + 1, tracks);
    out += "\n],\"displayTimeUnit\":\"ms\",\"otherData\":{\"generator\":\"coroscope\"";
    if (!traces.isEmpty()) {
        const Trace &first = traces.constFirst();
        QStringList strategies;
        for (const Trace &trace : traces)
            strategies << trace.strategy;
        out += ",\"strategy\":";
        w.string(strategies.join(u','));
        out += ",\"started_ms_since_epoch\":" + QByteArray::number(first.startedMsSinceEpoch);
        out += ",\"concurrency\":" + QByteArray::number(first.settings.concurrency);
        out += ",\"connections_per_host\":" + QByteArray::number(first.settings.connectionsPerHost);
        out += ",\"timeout_ms\":" + QByteArray::number(first.settings.timeoutMs);
    }
    out += "}}\n";
    return out;
}

} // namespace Coroscope
