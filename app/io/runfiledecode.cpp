// Reading a run file back: every count is checked against the bytes left before anything is
// allocated for it, every index against its table, every time and enum against its range, so a
// damaged or hostile file ends in one sentence saying what is wrong, never in a crash, a hang or
// an allocation out of proportion to the file.
#include "runfile.h"
#include "runfile_p.h"
#include "runfilebinary_p.h"
#include "runfilerecording_p.h"

#include "trace/text.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>
#include <limits>

namespace Coroscope {

using namespace RunFileBinary;
using namespace Qt::StringLiterals;
using RunFile::Error;

namespace {

// A translation context lupdate can see.
struct RunFileText
{
    Q_DECLARE_TR_FUNCTIONS(RunFile)
};

constexpr qint64 IntMax = std::numeric_limits<int>::max();

// How a text of the file is let in. Run files are shared: their text is network text, made
// printable and stripped of passwords as a live run's is where it enters the trace
// (run/fetchworker.cpp), so that nothing a file says reaches a terminal, a CSV or an export raw.
// For the files Coroscope writes this changes nothing: their text was made so when recorded.
enum class TextKind {
    Plain, // labels, status texts: printable
    Secret, // URLs and errors: printable, "user:***@" for a password
};

// The string table: each entry is where its bytes lie in the body (8 bytes an entry, so that a
// table of a million empty strings costs 8 MB, not the ~49 bytes each of a list of byte arrays
// and texts). A text is converted when first referenced, once per kind, and shared: 100,000
// tasks with the same error or headers share one copy, as they do in a live run's memory.
class Strings
{
public:
    bool read(Reader &r, const char *section)
    {
        m_section = section;
        const qsizetype n = r.count("strings", std::numeric_limits<qint32>::max(), 1);
        m_entries.reserve(n);
        for (qsizetype i = 0; i < n && r.ok(); ++i) {
            const QByteArrayView bytes = r.bytes("a string");
            // The writer keeps every text once: only the first one may be empty, so the others
            // take two bytes at least and a table cannot be mostly empty entries.
            if (r.ok() && i > 0 && bytes.isEmpty())
                r.fail(RunFileText::tr("string %1 is a second empty string").arg(i));
            m_entries.append(Entry{quint32(bytes.data() - section), quint32(bytes.size())});
        }
        if (r.ok() && (m_entries.isEmpty() || m_entries.constFirst().size != 0))
            r.fail(RunFileText::tr("its string table does not begin with the empty string"));
        return r.ok();
    }
    bool loaded() const { return !m_entries.isEmpty(); }
    // Reads an index; the reader fails when it is not in the table.
    quint32 index(Reader &r, const char *what) const
    {
        const quint64 i = r.varint(what);
        if (r.ok() && i >= quint64(m_entries.size())) {
            r.fail(RunFileText::tr("%1 refers to text %2, but the string table has %3")
                       .arg(QLatin1String(what))
                       .arg(i)
                       .arg(m_entries.size()));
            return 0;
        }
        return r.ok() ? quint32(i) : 0;
    }
    QString text(Reader &r, const char *what, TextKind kind = TextKind::Plain)
    {
        const quint32 i = index(r, what);
        if (i == 0)
            return {};
        const quint64 key = quint64(i) << 1 | quint64(kind == TextKind::Secret);
        auto it = m_texts.constFind(key);
        if (it == m_texts.cend()) {
            const QString raw = QString::fromUtf8(view(i));
            // Generous bounds: a live run's texts are far shorter; only a hostile one is cut.
            it = m_texts.insert(key,
                                kind == TextKind::Secret ? printableText(redactPasswords(raw), 4000)
                                                         : printableText(raw, 1000));
        }
        return *it;
    }
    // Header lines ("Name: value\n") and MIME types: each line printable, passwords redacted.
    QByteArray lines(Reader &r, const char *what)
    {
        const quint32 i = index(r, what);
        if (i == 0)
            return {};
        auto it = m_lines.constFind(i);
        if (it == m_lines.cend()) {
            const QByteArrayView raw = view(i);
            QByteArray clean;
            clean.reserve(raw.size());
            for (const QByteArrayView line :
                 QByteArray::fromRawData(raw.data(), raw.size()).split('\n')) {
                clean += printableText(redactPasswords(QString::fromUtf8(line)), 4000).toUtf8();
                clean += '\n';
            }
            clean.chop(1); // split() gave one more part than there were line breaks
            it = m_lines.insert(i, clean == raw ? raw.toByteArray() : clean);
        }
        return *it;
    }

private:
    struct Entry
    {
        quint32 offset = 0; // from the start of the STRS section
        quint32 size = 0;
    };
    QByteArrayView view(quint32 i) const
    {
        const Entry e = m_entries.at(i);
        return QByteArrayView(m_section + e.offset, e.size);
    }

    const char *m_section = nullptr; // the body outlives the decoding
    QList<Entry> m_entries;
    QHash<quint64, QString> m_texts;
    QHash<quint32, QByteArray> m_lines;
};

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

// What the header says a run section holds, known before the section is read: a count that
// does not match is refused before anything is allocated for it.
struct Expected
{
    QString strategy;
    qint64 tasks = 0;
    qint64 events = 0;
    const RunSpec *spec = nullptr;
};

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

// The body's sections. `record` holds what the header said (spec, compare, and each compared
// run's spec): each run is checked against it as it is read.
Error decodeBody(const QByteArray &body, const QJsonObject &header, RunRecord *record,
                 QString *reason)
{
    Reader r(body.constData(), body.size());
    Strings strings;
    const QJsonArray previews = header.value(u"runs"_s).toArray();
    const QJsonArray compared = header.value(u"compared"_s).toArray();
    // A single run, or one per compared strategy (fewer when the comparison was stopped).
    const qsizetype maxRuns = record->isComparison() ? record->compare.size() : 1;
    qsizetype comparedRead = 0;
    // The run a TSKX section belongs to: the one just before it, if it has none yet.
    Trace *lastRun = nullptr;
    QString lastRunName;
    // The run an ALON section belongs to: the one before it (a TSKX may come between), once.
    Trace *probedRun = nullptr;
    // The run a RECD section (format 1.4) belongs to: the last RUN / CRUN before it, once.
    Trace *recordedRun = nullptr;
    while (r.ok() && r.remaining() > 0) {
        const quint32 tag = r.u32("a section's tag");
        const quint32 length = r.u32("a section's length");
        if (r.ok() && qint64(length) > r.remaining())
            r.fail(
                RunFileText::tr("a section of %1 bytes runs past the end of the data").arg(length));
        if (!r.ok())
            break;
        const char *data = body.constData() + r.position();
        Reader section(data, length);
        r.skip(length);
        if (tag == StringsTag) {
            if (strings.loaded()) {
                *reason = RunFileText::tr("it has two string tables");
                return Error::Corrupt;
            }
            if (!strings.read(section, data)) {
                *reason = RunFileText::tr("its string table is damaged: %1").arg(section.error());
                return Error::Corrupt;
            }
        } else if (tag == RunTag) {
            const qsizetype number = record->runs.size() + 1;
            if (!strings.loaded()) {
                *reason = RunFileText::tr("run %1 comes before the string table").arg(number);
                return Error::Corrupt;
            }
            if (number > maxRuns || number > previews.size()) {
                *reason = record->isComparison()
                    ? RunFileText::tr("it holds more runs than its header's \"compare\" and "
                                      "\"runs\" list")
                    : RunFileText::tr("it holds more than one run, but its header has no "
                                      "\"compare\"");
                return Error::Corrupt;
            }
            Expected expected;
            if (QString error = expectationOf(previews.at(number - 1), record->spec, &expected);
                !error.isEmpty()) {
                *reason = error;
                return Error::Corrupt;
            }
            // A comparison runs its strategies in the order it lists them.
            const QString strategy = strategyName(
                record->isComparison() ? record->compare.at(number - 1) : record->spec.strategy);
            if (expected.strategy != strategy) {
                *reason = RunFileText::tr("its header's \"runs\" says run %1 is %2, where its "
                                          "spec and \"compare\" say %3")
                              .arg(number)
                              .arg(printableText(expected.strategy, 40), strategy);
                return Error::Corrupt;
            }
            Trace trace;
            if (!decodeRun(section, strings, expected, &trace)) {
                *reason = RunFileText::tr("run %1 is damaged: %2").arg(number).arg(section.error());
                return Error::Corrupt;
            }
            record->runs.append(std::move(trace));
            lastRun = &record->runs.last();
            probedRun = lastRun;
            recordedRun = lastRun;
            lastRunName = RunFileText::tr("run %1").arg(number);
            continue;
        } else if (tag == ComparedRunTag) {
            const qsizetype number = ++comparedRead;
            if (!strings.loaded()) {
                *reason
                    = RunFileText::tr("compared run %1 comes before the string table").arg(number);
                return Error::Corrupt;
            }
            if (number > record->comparedRuns.size()) {
                *reason = RunFileText::tr("its header describes %1 compared runs, its data "
                                          "holds more")
                              .arg(record->comparedRuns.size());
                return Error::Corrupt;
            }
            ComparedRun &run = record->comparedRuns[number - 1];
            Expected expected;
            if (QString error = expectationOf(compared.at(number - 1), run.spec, &expected);
                !error.isEmpty() || expected.strategy != strategyName(run.spec.strategy)) {
                *reason = RunFileText::tr(
                              "its header's description of compared run %1 does not match its "
                              "data")
                              .arg(number);
                return Error::Corrupt;
            }
            if (!decodeRun(section, strings, expected, &run.trace)) {
                *reason = RunFileText::tr("compared run %1 is damaged: %2")
                              .arg(number)
                              .arg(section.error());
                return Error::Corrupt;
            }
            lastRun = &run.trace;
            probedRun = lastRun;
            recordedRun = lastRun;
            lastRunName = RunFileText::tr("compared run %1").arg(number);
            continue;
        } else if (tag == TaskExtrasTag) {
            if (!lastRun) {
                *reason = RunFileText::tr("redirects and encodings come before their run, or twice "
                                          "for one run");
                return Error::Corrupt;
            }
            if (!readTaskExtras(section, strings, lastRun)) {
                *reason = RunFileText::tr("the redirects and encodings of %1 are damaged: %2")
                              .arg(lastRunName, section.error());
                return Error::Corrupt;
            }
            lastRun = nullptr; // a TSKX belongs to the section right before it
            continue; // an ALON may follow
        } else if (tag == RunFileRecording::RecordingTag) {
            const auto text = [&strings](Reader &reader, const char *what) {
                return strings.text(reader, what);
            };
            if (!recordedRun || !RunFileRecording::read(section, text, recordedRun)) {
                *reason = recordedRun ? RunFileText::tr("the recording of %1 is damaged: %2")
                                            .arg(lastRunName, section.error())
                                      : RunFileText::tr("a recording comes before its run, or "
                                                        "twice for one run");
                return Error::Corrupt;
            }
            recordedRun = nullptr;
            continue;
        } else if (tag == ProbesTag) {
            if (!probedRun) {
                *reason = RunFileText::tr("URLs measured alone come before their run, or twice "
                                          "for one run");
                return Error::Corrupt;
            }
            if (!readProbes(section, probedRun)) {
                *reason = RunFileText::tr("the URLs measured alone of %1 are damaged: %2")
                              .arg(lastRunName, section.error());
                return Error::Corrupt;
            }
        }
        lastRun = nullptr; // a TSKX belongs to the section right before it
        probedRun = nullptr;
        // Other tags belong to a newer minor version: skipped.
    }
    if (!r.ok()) {
        *reason = RunFileText::tr("its data is damaged: %1").arg(r.error());
        return Error::Corrupt;
    }
    if (comparedRead != record->comparedRuns.size()) {
        *reason = RunFileText::tr("its header describes %1 compared runs, its data holds %2")
                      .arg(record->comparedRuns.size())
                      .arg(comparedRead);
        return Error::Corrupt;
    }
    return Error::None;
}

// The header's "runs" preview must describe the body: each run was checked against its entry
// as it was read; here, that no entry is left without its run.
QString checkRunsPreview(const QJsonObject &header, const RunRecord &record)
{
    const QJsonArray runs = header.value(u"runs"_s).toArray();
    if (runs.size() != record.runs.size())
        return RunFileText::tr("its header lists %1 runs, its data holds %2")
            .arg(runs.size())
            .arg(record.runs.size());
    // A comparison that was not stopped ran every strategy it lists: one listed without its
    // run is an edit, which would be saved again as if it had run.
    if (record.isComparison() && record.compare.size() > record.runs.size()) {
        const QList<TraceEvent> &events = record.runs.constLast().events;
        const bool stopped = std::any_of(events.cbegin(), events.cend(), [](const TraceEvent &e) {
            return e.kind == EventKind::Stopped;
        });
        if (!stopped)
            return RunFileText::tr("its header's \"compare\" lists %1, which did not run, and its "
                                   "last run was not stopped")
                .arg(strategyName(record.compare.at(record.runs.size())));
    }
    return {};
}

} // namespace

Error decodeRunFile(const QByteArray &data, RunRecord *record, QString *reason)
{
    *record = RunRecord{};
    const QByteArray magic(RunFile::Magic);
    if (data.isEmpty()) {
        *reason = RunFileText::tr("it is empty");
        return Error::Truncated;
    }
    if (!data.startsWith(magic)) {
        if (magic.startsWith(data)) {
            *reason = RunFileText::tr("it is truncated after %1 bytes").arg(data.size());
            return Error::Truncated;
        }
        *reason = RunFileText::tr("it is not a Coroscope run file");
        return Error::NotRunFile;
    }
    constexpr qsizetype MaxFirstLine = 256;
    const qsizetype lineEnd = data.indexOf('\n');
    if (lineEnd < 0 || lineEnd > MaxFirstLine) {
        if (lineEnd < 0 && data.size() <= MaxFirstLine) {
            *reason = RunFileText::tr("it is truncated inside its first line");
            return Error::Truncated;
        }
        *reason = RunFileText::tr("its first line is longer than %1 bytes").arg(MaxFirstLine);
        return Error::Corrupt;
    }
    // "COROSCOPE-RUN <major>.<minor> <Coroscope version>": kept in this shape by every version,
    // so that any Coroscope can say which one wrote a file it cannot read.
    const QString firstLine = QString::fromUtf8(data.mid(magic.size(), lineEnd - magic.size()));
    const qsizetype space = firstLine.indexOf(u' ');
    const QString formatVersion = firstLine.left(space);
    const QString writer
        = space < 0 ? QString() : printableText(firstLine.mid(space + 1).trimmed(), 64);
    const QStringList parts = formatVersion.split(u'.');
    bool majorOk = false;
    bool minorOk = false;
    const int major = parts.value(0).toInt(&majorOk);
    const int minor = parts.value(1).toInt(&minorOk);
    if (parts.size() != 2 || !majorOk || !minorOk || major < 1 || minor < 0) {
        *reason = RunFileText::tr("its format version \"%1\" is not one Coroscope wrote")
                      .arg(printableText(formatVersion, 20));
        return Error::Corrupt;
    }
    if (major > RunFile::MajorVersion) {
        *reason = RunFileText::tr(
                      "it was made by a newer Coroscope: version %1 (run file format %2.%3); "
                      "this Coroscope (%4) reads format %5.x")
                      .arg(writer.isEmpty() ? RunFileText::tr("unknown") : writer)
                      .arg(major)
                      .arg(minor)
                      .arg(QCoreApplication::applicationVersion())
                      .arg(RunFile::MajorVersion);
        return Error::NewerVersion;
    }

    const qsizetype headerStart = lineEnd + 1;
    const qsizetype headerEnd = data.indexOf('\n', headerStart);
    if (headerEnd < 0 || headerEnd - headerStart > RunFile::MaxHeaderBytes) {
        if (headerEnd < 0 && data.size() - headerStart <= RunFile::MaxHeaderBytes) {
            *reason = RunFileText::tr("it is truncated inside its header");
            return Error::Truncated;
        }
        *reason = RunFileText::tr("its header is longer than %1 KiB")
                      .arg(RunFile::MaxHeaderBytes / 1024);
        return Error::Corrupt;
    }
    QJsonParseError parseError;
    const QJsonDocument document
        = QJsonDocument::fromJson(data.mid(headerStart, headerEnd - headerStart), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *reason = RunFileText::tr("its header is not valid JSON (%1 at byte %2)")
                      .arg(parseError.errorString())
                      .arg(parseError.offset);
        return Error::Corrupt;
    }
    if (!document.isObject()) {
        *reason = document.isArray()
            ? RunFileText::tr("its header is a JSON array, where an object is expected")
            : RunFileText::tr("its header is not a JSON object");
        return Error::Corrupt;
    }
    const QJsonObject header = document.object();
    qint64 compressed = 0;
    qint64 size = 0;
    if (const Error e = RunFilePrivate::readHeader(header, record, &compressed, &size, reason);
        e != Error::None)
        return e;

    const qint64 available = data.size() - (headerEnd + 1);
    if (available < compressed) {
        *reason = RunFileText::tr("it is truncated: its data should be %1 bytes, the file has %2")
                      .arg(compressed)
                      .arg(available);
        return Error::Truncated;
    }
    if (available > compressed) {
        *reason = RunFileText::tr("it has %1 unexpected bytes after its data")
                      .arg(available - compressed);
        return Error::Corrupt;
    }
    if (size > RunFile::MinBodyCap && size > compressed * RunFile::MaxExpansion) {
        *reason = RunFileText::tr(
                      "its header declares %1 bytes of data in %2 compressed, more than this "
                      "format ever expands to")
                      .arg(size)
                      .arg(compressed);
        return Error::Corrupt;
    }
    QByteArray body;
    if (!RunFilePrivate::inflateExactly(data.constData() + headerEnd + 1, compressed, size, &body,
                                        reason))
        return Error::Corrupt;
    if (const Error e = decodeBody(body, header, record, reason); e != Error::None)
        return e;
    body = QByteArray(); // before the checks below allocate anything

    if (record->runs.isEmpty()) {
        *reason = RunFileText::tr("it holds no run");
        return Error::Corrupt;
    }
    if (const QString error = checkRunsPreview(header, *record); !error.isEmpty()) {
        *reason = error;
        return Error::Corrupt;
    }
    for (ComparedRun &run : record->comparedRuns) {
        for (const QString &url : std::as_const(run.trace.urls))
            run.spec.urls.append(QUrl(url));
    }
    // The spec's URLs are the first run's (every run of a comparison fetches the same ones).
    record->spec.urls.clear();
    for (const QString &url : std::as_const(record->runs.constFirst().urls))
        record->spec.urls.append(QUrl(url));
    return Error::None;
}

} // namespace Coroscope
