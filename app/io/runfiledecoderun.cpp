// Reading one run's sections of a run file's body back (RUN, CRUN and SWRN, then its TSKX and
// ALON): every count checked against the bytes left before anything is allocated for it, every
// index against its table, every time and enum against its range, and the whole run against
// what real runs are (runfiledecode.cpp reads the file around them).
#include "runfiledecoderun_p.h"

#include "trace/text.h"

#include <QCoreApplication>
#include <QJsonObject>

#include <algorithm>
#include <limits>

namespace Coroscope {

using namespace RunFileBinary;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 IntMax = std::numeric_limits<int>::max();

bool isLoopKind(EventKind kind)
{
    switch (kind) {
    case EventKind::LagSample:
    case EventKind::AllDone:
    case EventKind::Stopped:
    case EventKind::LoopCpu:
    case EventKind::LoopWait:
    case EventKind::LoopIdle:
    case EventKind::LoopBusy:
        return true;
    // A recording's later kinds live in its RECD section (io/runfilerecording_p.h), never here.
    case EventKind::Hold:
    case EventKind::WokenBy:
    case EventKind::Ready:
    case EventKind::Warning:
    case EventKind::Renamed:
    case EventKind::Created:
    case EventKind::Admitted:
    case EventKind::Suspended:
    case EventKind::Resumed:
    case EventKind::Finished:
    case EventKind::DoneCallback:
    case EventKind::Doing:
    case EventKind::Network:
        return false;
    }
    return false;
}

QString eventName(qsizetype i)
{
    return RunFileText::tr("event %1").arg(i);
}

// Checks a whole run against what real runs are: every task created before anything else
// happens to it, finished once at most and exactly when it has a result, every event at or
// before the run's end, loop samples never negative. A value that breaks this was not
// recorded but written (an end of 1 ns once gave a speed-up of a billion).
void checkPlausible(Reader &r, const Trace &trace)
{
    const qsizetype taskCount = trace.tasks.size();
    QList<quint8> seen(taskCount, 0); // bit 0: created, bit 1: finished
    for (qsizetype i = 0; i < trace.events.size() && r.ok(); ++i) {
        const TraceEvent &e = trace.events.at(i);
        if (e.task == LoopTask) {
            if (e.kind != EventKind::AllDone && e.kind != EventKind::Stopped && e.value < 0)
                r.fail(RunFileText::tr("%1 (kind %2) has a negative value (%3)")
                           .arg(eventName(i))
                           .arg(int(e.kind))
                           .arg(e.value));
            continue;
        }
        quint8 &flags = seen[e.task];
        if (e.kind == EventKind::Created) {
            if (flags & 1)
                r.fail(RunFileText::tr("%1 creates task %2 a second time")
                           .arg(eventName(i))
                           .arg(e.task));
            flags |= 1;
        } else if (!(flags & 1)) {
            r.fail(RunFileText::tr("%1 (kind %2) happens to task %3 before it was created")
                       .arg(eventName(i))
                       .arg(int(e.kind))
                       .arg(e.task));
        } else if (e.kind == EventKind::Finished) {
            if (flags & 2)
                r.fail(RunFileText::tr("%1 finishes task %2 a second time")
                           .arg(eventName(i))
                           .arg(e.task));
            flags |= 2;
        }
    }
    for (qsizetype t = 0; t < taskCount && r.ok(); ++t) {
        // Every strategy creates each of its tasks, even one cancelled before it started.
        if (!(seen.at(t) & 1)) {
            r.fail(RunFileText::tr("task %1 was never created").arg(t));
            break;
        }
        const bool finished = seen.at(t) & 2;
        if (finished != (trace.tasks.at(t).result != TaskResult::Unfinished))
            r.fail(finished ? RunFileText::tr("task %1 finished but has no result").arg(t)
                            : RunFileText::tr("task %1 has a result (%2) but never finished")
                                  .arg(t)
                                  .arg(resultName(trace.tasks.at(t).result)));
    }
    if (!r.ok())
        return;
    if (trace.endNs < 0)
        r.fail(RunFileText::tr("it has no end time, but a saved run has ended"));
    else if (!trace.events.isEmpty() && trace.events.constLast().ns > trace.endNs)
        r.fail(RunFileText::tr("it ends at %1 ns, before its last event (at %2 ns)")
                   .arg(trace.endNs)
                   .arg(trace.events.constLast().ns));
}

} // namespace

namespace RunFileDecode {

// The header's preview of a run ("strategy", "tasks", "events") as an expectation; a preview
// that is not one says so.
QString expectationOf(const QJsonValue &preview, const RunSpec &spec, Expected *expected)
{
    const QJsonObject object = preview.toObject();
    const double events = object.value(u"events"_s).toDouble(-1);
    if (!preview.isObject() || object.value(u"tasks"_s).toDouble(-1) != double(spec.tasks)
        || events < 0 || events > double(std::numeric_limits<qint32>::max())
        || events != double(qint64(events)))
        return RunFileText::tr("its header's \"tasks\" or \"events\" of a run are not its "
                               "spec's task count and a whole number of events");
    expected->strategy = object.value(u"strategy"_s).toString();
    expected->tasks = spec.tasks;
    expected->events = qint64(events);
    expected->spec = &spec;
    return {};
}

// Format 1.2, a TSKX section after its run's: the tasks with redirects followed or an encoded
// body. A newer minor version may append fields: what is left of the section is theirs.
bool readTaskExtras(Reader &r, Strings &strings, Trace *trace)
{
    const qsizetype taskCount = trace->tasks.size();
    // Four fields of at least a byte each.
    const qsizetype count = r.count("tasks with redirects or encodings", taskCount, 4);
    qint64 task = -1;
    for (qsizetype i = 0; i < count && r.ok(); ++i) {
        const quint64 step = r.varint("a task's index");
        if (r.ok()
            && ((task >= 0 && step == 0) || step >= quint64(taskCount)
                || task + qint64(step) >= taskCount)) {
            r.fail(RunFileText::tr("its redirects and encodings name a task out of order or "
                                   "beyond its %1 tasks")
                       .arg(taskCount));
            return false;
        }
        task += qint64(step) + (task < 0 ? 1 : 0);
        TaskInfo &t = trace->tasks[task];
        t.decodedBytes = r.ranged("a task's decoded byte count", -1, RunFile::MaxNs);
        t.contentEncoding = strings.lines(r, "a task's content encoding");
        // Twelve fields of at least a byte each.
        const qsizetype hops = r.count("redirects", RunFile::MaxRedirects, 12);
        t.redirects.resize(hops);
        for (qsizetype h = 0; h < hops && r.ok(); ++h) {
            RedirectHop &hop = t.redirects[h];
            hop.httpStatus = int(r.ranged("a redirect's HTTP status", 0, 999));
            hop.httpVersion = r.u8("a redirect's HTTP version");
            if (r.ok() && hop.httpVersion > 2)
                r.fail(RunFileText::tr("task %1 has a redirect of an unknown HTTP version (%2)")
                           .arg(task)
                           .arg(hop.httpVersion));
            hop.bytes = r.ranged("a redirect's byte count", 0, RunFile::MaxNs);
            hop.serverQueuedMs = r.ranged("a redirect's server queue time", -1, IntMax);
            hop.serverActive = int(r.ranged("a redirect's server load", -1, IntMax));
            hop.serverCapacity = int(r.ranged("a redirect's server capacity", -1, IntMax));
            hop.serverConnectionRequest
                = int(r.ranged("a redirect's connection request", -1, IntMax));
            hop.serverTlsHandshakeUs
                = r.ranged("a redirect's TLS handshake", -1, 60LL * 1000 * 1000);
            hop.location = strings.text(r, "a redirect's location", TextKind::Secret);
            hop.statusText = strings.text(r, "a redirect's status text");
            hop.mimeType = strings.lines(r, "a redirect's MIME type");
            hop.responseHeaders = strings.lines(r, "a redirect's response headers");
        }
    }
    return r.ok();
}

bool decodeRun(Reader &r, Strings &strings, const Expected &expected, Trace *trace)
{
    trace->strategy = strings.text(r, "the strategy");
    if (Strategy s; r.ok() && !strategyFromName(trace->strategy, &s))
        r.fail(RunFileText::tr("its strategy \"%1\" is unknown")
                   .arg(printableText(trace->strategy, 40)));
    else if (r.ok() && trace->strategy != expected.strategy)
        r.fail(RunFileText::tr("it is a run of %1, but its header says %2")
                   .arg(trace->strategy, printableText(expected.strategy, 40)));
    RunSettings &s = trace->settings;
    const RunSpec &spec = *expected.spec;
    s.concurrency = int(r.ranged("the concurrency limit", 0, RunSpec::MaxTasks));
    s.connectionsPerHost = int(r.ranged("the connections per host", 0, RunSpec::MaxTasks));
    s.timeoutMs = int(r.ranged("the timeout", 0, 3600000));
    s.workers = int(r.ranged("the worker count", 0, 1000));
    s.socketBudget = int(r.ranged("the socket budget", 0, IntMax));
    s.workersRequested = int(r.ranged("the workers asked for", 0, 1000));
    s.fileLimit = long(r.ranged("the file limit", -1, std::numeric_limits<qint32>::max() * 64LL));
    trace->endNs = r.ranged("the end time", -1, RunFile::MaxNs);
    trace->startedMsSinceEpoch = r.ranged("the start time", 0, RunFile::MaxNs);
    trace->settings.insecure = r.ranged("the insecure flag", 0, 1) == 1;
    // A run is made from its record's spec: its knobs are the spec's.
    if (r.ok()
        && (s.concurrency != spec.concurrency || s.connectionsPerHost != spec.connectionsPerHost
            || s.timeoutMs != spec.timeoutMs || s.insecure != spec.insecure))
        r.fail(RunFileText::tr("its concurrency, connections per host, timeout or certificate "
                               "checks are not those of its header's spec"));

    const qsizetype urlCount = r.count("URLs", RunSpec::MaxTasks, 1);
    trace->urls.reserve(urlCount);
    for (qsizetype i = 0; i < urlCount && r.ok(); ++i)
        trace->urls.append(strings.text(r, "a URL", TextKind::Secret));
    const qsizetype labelCount = r.count("labels", 1 << 16, 1);
    trace->labels.clear();
    trace->labels.reserve(labelCount);
    for (qsizetype i = 0; i < labelCount && r.ok(); ++i)
        trace->labels.append(strings.text(r, "a label"));
    if (r.ok() && (trace->labels.isEmpty() || !trace->labels.constFirst().isEmpty()))
        r.fail(RunFileText::tr("its first label is not the empty one"));

    // A task takes 16 fields of at least a byte each.
    const qsizetype taskCount = r.count("tasks", RunSpec::MaxTasks, 16);
    if (r.ok() && taskCount != expected.tasks)
        r.fail(RunFileText::tr("it has %1 tasks, but its header's spec says %2")
                   .arg(taskCount)
                   .arg(expected.tasks));
    trace->tasks.resize(r.ok() ? taskCount : 0);
    for (qsizetype i = 0; i < trace->tasks.size() && r.ok(); ++i) {
        TaskInfo &t = trace->tasks[i];
        const quint64 url = r.varint("a task's URL");
        if (r.ok() && url >= quint64(urlCount))
            r.fail(RunFileText::tr("task %1 refers to URL %2, but the run has %3")
                       .arg(i)
                       .arg(url)
                       .arg(urlCount));
        t.urlIndex = quint32(url);
        const quint8 result = r.u8("a task's result");
        if (r.ok() && result > quint8(TaskResult::Cancelled))
            r.fail(RunFileText::tr("task %1 has an unknown result (%2)").arg(i).arg(result));
        t.result = TaskResult(result);
        t.worker = qint16(r.ranged("a task's worker", -1, 999));
        t.httpVersion = r.u8("a task's HTTP version");
        if (r.ok() && t.httpVersion > 2)
            r.fail(RunFileText::tr("task %1 has an unknown HTTP version (%2)")
                       .arg(i)
                       .arg(t.httpVersion));
        t.httpStatus = int(r.ranged("a task's HTTP status", 0, 999));
        t.bytes = r.ranged("a task's byte count", 0, RunFile::MaxNs);
        t.serverQueuedMs = r.ranged("a task's server queue time", -1, RunFile::MaxNs / 1000000);
        t.serverActive = int(r.ranged("a task's server load", -1, IntMax));
        t.serverCapacity = int(r.ranged("a task's server capacity", -1, IntMax));
        t.serverConnectionRequest = int(r.ranged("a task's connection request", -1, IntMax));
        t.serverTlsHandshakeUs = r.ranged("a task's TLS handshake", -1, 60LL * 1000 * 1000);
        t.error = strings.text(r, "a task's error", TextKind::Secret);
        t.statusText = strings.text(r, "a task's status text");
        t.mimeType = strings.lines(r, "a task's MIME type");
        t.requestHeaders = strings.lines(r, "a task's request headers");
        t.responseHeaders = strings.lines(r, "a task's response headers");
    }

    // Five columns of at least a byte per event.
    const qsizetype eventCount = r.count("events", std::numeric_limits<qint32>::max(), 5);
    if (r.ok() && eventCount != expected.events)
        r.fail(RunFileText::tr("it has %1 events, but its header says %2")
                   .arg(eventCount)
                   .arg(expected.events));
    trace->events.resize(r.ok() ? eventCount : 0);
    TraceEvent *events = trace->events.data();
    qint64 ns = 0;
    for (qsizetype i = 0; i < eventCount && r.ok(); ++i) {
        const qint64 delta = r.zigzag("an event's time");
        // Within [0, MaxNs] both, so the sum cannot overflow.
        if (r.ok() && (delta < -RunFile::MaxNs || delta > RunFile::MaxNs))
            r.fail(RunFileText::tr("%1 is at an impossible time").arg(eventName(i)));
        const qint64 at = ns + delta;
        if (r.ok() && at < 0)
            r.fail(RunFileText::tr("%1 is at a negative time (%2 ns)").arg(eventName(i)).arg(at));
        else if (r.ok() && at > RunFile::MaxNs)
            r.fail(RunFileText::tr("%1 is at %2 ns, later than a run can last")
                       .arg(eventName(i))
                       .arg(at));
        else if (r.ok() && i > 0 && at < ns)
            r.fail(RunFileText::tr(
                       "%1 (at %2 ns) is earlier than the event before it (at %3 ns): times must "
                       "not go back")
                       .arg(eventName(i))
                       .arg(at)
                       .arg(ns));
        ns = at;
        events[i].ns = at;
    }
    for (qsizetype i = 0; i < eventCount && r.ok(); ++i) {
        const quint8 kind = r.u8("an event's kind");
        if (r.ok() && kind > quint8(EventKind::Network))
            r.fail(RunFileText::tr("%1 has an unknown kind (%2)").arg(eventName(i)).arg(kind));
        events[i].kind = EventKind(kind);
    }
    for (qsizetype i = 0; i < eventCount && r.ok(); ++i) {
        const quint64 task = r.varint("an event's task");
        if (r.ok() && task > quint64(taskCount))
            r.fail(RunFileText::tr("%1 refers to task %2, but the run has %3")
                       .arg(eventName(i))
                       .arg(task - 1)
                       .arg(taskCount));
        events[i].task = task == 0 ? LoopTask : quint32(task - 1);
        // Loop events (lag, CPU samples, all done, stopped) belong to the loop, every other
        // kind to a task: everything downstream indexes tasks by the latter.
        if (r.ok() && isLoopKind(events[i].kind) != (task == 0))
            r.fail(task == 0 ? RunFileText::tr("%1 (kind %2) belongs to a task but names the loop")
                                   .arg(eventName(i))
                                   .arg(int(events[i].kind))
                             : RunFileText::tr("%1 (kind %2) belongs to the loop but names task %3")
                                   .arg(eventName(i))
                                   .arg(int(events[i].kind))
                                   .arg(task - 1));
    }
    for (qsizetype i = 0; i < eventCount && r.ok(); ++i) {
        const quint64 label = r.varint("an event's label");
        if (r.ok() && label >= quint64(labelCount))
            r.fail(RunFileText::tr("%1 refers to label %2, but the run has %3")
                       .arg(eventName(i))
                       .arg(label)
                       .arg(labelCount));
        events[i].label = quint16(label);
    }
    for (qsizetype i = 0; i < eventCount && r.ok(); ++i)
        events[i].value = qint32(r.ranged("an event's value", std::numeric_limits<qint32>::min(),
                                          std::numeric_limits<qint32>::max()));
    if (r.ok())
        checkPlausible(r, *trace);
    // A newer minor version appends fields: what is left of the section is theirs.
    return r.ok();
}

// Format 1.3, an ALON section after its run's: each distinct URL measured alone before the run.
bool readProbes(Reader &r, Trace *trace)
{
    const qint64 count = r.ranged("the URLs measured alone", 0,
                                  std::min<qint64>(UrlProbe::MaxUrls, trace->urls.size()));
    for (qint64 i = 0; i < count && r.ok(); ++i) {
        UrlProbe p;
        const quint64 url = r.varint("a measured URL");
        if (r.ok() && url >= quint64(trace->urls.size()))
            r.fail(RunFileText::tr("a URL measured alone refers to URL %1, but the run has %2")
                       .arg(url)
                       .arg(trace->urls.size()));
        p.urlIndex = quint32(url);
        // -1: not measured; at most an hour (no single fetch is allowed longer).
        p.aloneNs = r.ranged("a URL's time alone", -1, qint64(3600) * 1000000000);
        p.httpStatus = int(r.ranged("a URL's status alone", 0, 999));
        for (const UrlProbe &q : std::as_const(trace->probes)) {
            if (r.ok() && q.urlIndex == p.urlIndex)
                r.fail(RunFileText::tr("URL %1 is measured alone twice").arg(url));
        }
        trace->probes.append(p);
    }
    // A newer minor version appends fields: what is left of the section is theirs.
    return r.ok();
}

} // namespace RunFileDecode

} // namespace Coroscope
