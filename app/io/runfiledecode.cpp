// Reading a run file back: every count is checked against the bytes left before anything is
// allocated for it, every index against its table, every time and enum against its range, so a
// damaged or hostile file ends in one sentence saying what is wrong, never in a crash, a hang or
// an allocation out of proportion to the file.
#include "runfile.h"
#include "runfile_p.h"
#include "runfilebinary_p.h"

#include "trace/text.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrl>

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

// The string table, with each text converted to a QString once: 100,000 tasks with the same
// error or headers share one copy, as they do in a live run's memory.
class Strings
{
public:
    bool read(Reader &r)
    {
        const qsizetype n = r.count("strings", std::numeric_limits<qint32>::max(), 1);
        m_bytes.reserve(n);
        for (qsizetype i = 0; i < n && r.ok(); ++i)
            m_bytes.append(r.bytes("a string").toByteArray());
        m_texts.resize(m_bytes.size());
        m_converted.resize(m_bytes.size());
        if (r.ok() && (m_bytes.isEmpty() || !m_bytes.constFirst().isEmpty()))
            r.fail(RunFileText::tr("its string table does not begin with the empty string"));
        return r.ok();
    }
    bool loaded() const { return !m_bytes.isEmpty(); }
    qsizetype size() const { return m_bytes.size(); }
    // Reads an index; the reader fails when it is not in the table.
    quint32 index(Reader &r, const char *what) const
    {
        const quint64 i = r.varint(what);
        if (r.ok() && i >= quint64(m_bytes.size())) {
            r.fail(RunFileText::tr("%1 refers to text %2, but the string table has %3")
                       .arg(QLatin1String(what))
                       .arg(i)
                       .arg(m_bytes.size()));
            return 0;
        }
        return r.ok() ? quint32(i) : 0;
    }
    QString text(Reader &r, const char *what)
    {
        const quint32 i = index(r, what);
        if (!m_converted.at(i)) {
            m_texts[i] = QString::fromUtf8(m_bytes.at(i));
            m_converted[i] = true;
        }
        return m_texts.at(i);
    }
    QByteArray bytes(Reader &r, const char *what) const { return m_bytes.at(index(r, what)); }

private:
    QList<QByteArray> m_bytes;
    QList<QString> m_texts;
    QList<bool> m_converted;
};

bool isLoopKind(EventKind kind)
{
    switch (kind) {
    case EventKind::LagSample:
    case EventKind::AllDone:
    case EventKind::Stopped:
    case EventKind::LoopCpu:
    case EventKind::LoopWait:
        return true;
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
        t.contentEncoding = strings.bytes(r, "a task's content encoding");
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
            hop.location = strings.text(r, "a redirect's location");
            hop.statusText = strings.text(r, "a redirect's status text");
            hop.mimeType = strings.bytes(r, "a redirect's MIME type");
            hop.responseHeaders = strings.bytes(r, "a redirect's response headers");
        }
    }
    return r.ok();
}

bool decodeRun(Reader &r, Strings &strings, Trace *trace)
{
    trace->strategy = strings.text(r, "the strategy");
    if (Strategy s; r.ok() && !strategyFromName(trace->strategy, &s))
        r.fail(RunFileText::tr("its strategy \"%1\" is unknown").arg(trace->strategy.left(40)));
    RunSettings &s = trace->settings;
    s.concurrency = int(r.ranged("the concurrency limit", 0, IntMax));
    s.connectionsPerHost = int(r.ranged("the connections per host", 0, IntMax));
    s.timeoutMs = int(r.ranged("the timeout", 0, IntMax));
    s.workers = int(r.ranged("the worker count", 0, IntMax));
    s.socketBudget = int(r.ranged("the socket budget", 0, IntMax));
    s.workersRequested = int(r.ranged("the workers asked for", 0, IntMax));
    s.fileLimit = long(r.ranged("the file limit", -1, std::numeric_limits<qint32>::max() * 64LL));
    trace->endNs = r.ranged("the end time", -1, RunFile::MaxNs);
    trace->startedMsSinceEpoch = r.ranged("the start time", 0, RunFile::MaxNs);
    trace->settings.insecure = r.ranged("the insecure flag", 0, 1) == 1;

    const qsizetype urlCount = r.count("URLs", RunSpec::MaxTasks, 1);
    trace->urls.reserve(urlCount);
    for (qsizetype i = 0; i < urlCount && r.ok(); ++i)
        trace->urls.append(strings.text(r, "a URL"));
    const qsizetype labelCount = r.count("labels", 1 << 16, 1);
    trace->labels.clear();
    trace->labels.reserve(labelCount);
    for (qsizetype i = 0; i < labelCount && r.ok(); ++i)
        trace->labels.append(strings.text(r, "a label"));
    if (r.ok() && (trace->labels.isEmpty() || !trace->labels.constFirst().isEmpty()))
        r.fail(RunFileText::tr("its first label is not the empty one"));

    // A task takes 15 fields of at least a byte each.
    const qsizetype taskCount = r.count("tasks", RunSpec::MaxTasks, 15);
    if (r.ok() && taskCount == 0)
        r.fail(RunFileText::tr("it has no task"));
    trace->tasks.resize(taskCount);
    for (qsizetype i = 0; i < taskCount && r.ok(); ++i) {
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
        t.worker = qint16(r.ranged("a task's worker", -1, std::numeric_limits<qint16>::max()));
        t.httpVersion = r.u8("a task's HTTP version");
        if (r.ok() && t.httpVersion > 2)
            r.fail(RunFileText::tr("task %1 has an unknown HTTP version (%2)")
                       .arg(i)
                       .arg(t.httpVersion));
        t.httpStatus = int(r.ranged("a task's HTTP status", 0, IntMax));
        t.bytes = r.ranged("a task's byte count", 0, RunFile::MaxNs);
        t.serverQueuedMs = r.ranged("a task's server queue time", -1, IntMax);
        t.serverActive = int(r.ranged("a task's server load", -1, IntMax));
        t.serverCapacity = int(r.ranged("a task's server capacity", -1, IntMax));
        t.serverConnectionRequest = int(r.ranged("a task's connection request", -1, IntMax));
        t.serverTlsHandshakeUs = r.ranged("a task's TLS handshake", -1, 60LL * 1000 * 1000);
        t.error = strings.text(r, "a task's error");
        t.statusText = strings.text(r, "a task's status text");
        t.mimeType = strings.bytes(r, "a task's MIME type");
        t.requestHeaders = strings.bytes(r, "a task's request headers");
        t.responseHeaders = strings.bytes(r, "a task's response headers");
    }

    // Five columns of at least a byte per event.
    const qsizetype eventCount = r.count("events", std::numeric_limits<qint32>::max(), 5);
    trace->events.resize(eventCount);
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
    if (r.ok() && trace->endNs >= 0 && trace->endNs > RunFile::MaxNs)
        r.fail(RunFileText::tr("it ends later than a run can last"));
    // A newer minor version appends fields: what is left of the section is theirs.
    return r.ok();
}

Error decodeBody(const QByteArray &body, RunRecord *record, QString *reason)
{
    Reader r(body.constData(), body.size());
    Strings strings;
    // The run a TSKX section belongs to: the one just before it, if it has none yet.
    Trace *lastRun = nullptr;
    QString lastRunName;
    while (r.ok() && r.remaining() > 0) {
        const quint32 tag = r.u32("a section's tag");
        const quint32 length = r.u32("a section's length");
        if (r.ok() && qint64(length) > r.remaining())
            r.fail(
                RunFileText::tr("a section of %1 bytes runs past the end of the data").arg(length));
        if (!r.ok())
            break;
        Reader section(body.constData() + r.position(), length);
        r.skip(length);
        if (tag == StringsTag) {
            if (strings.loaded()) {
                *reason = RunFileText::tr("it has two string tables");
                return Error::Corrupt;
            }
            if (!strings.read(section)) {
                *reason = RunFileText::tr("its string table is damaged: %1").arg(section.error());
                return Error::Corrupt;
            }
        } else if (tag == RunTag) {
            const qsizetype number = record->runs.size() + 1;
            if (!strings.loaded()) {
                *reason = RunFileText::tr("run %1 comes before the string table").arg(number);
                return Error::Corrupt;
            }
            if (number > RunFile::MaxRuns) {
                *reason = RunFileText::tr("it has more than %1 runs").arg(RunFile::MaxRuns);
                return Error::Corrupt;
            }
            Trace trace;
            if (!decodeRun(section, strings, &trace)) {
                *reason = RunFileText::tr("run %1 is damaged: %2").arg(number).arg(section.error());
                return Error::Corrupt;
            }
            record->runs.append(std::move(trace));
            lastRun = &record->runs.last();
            lastRunName = RunFileText::tr("run %1").arg(number);
            continue;
        } else if (tag == ComparedRunTag) {
            const qsizetype number = record->comparedRuns.size() + 1;
            if (!strings.loaded()) {
                *reason
                    = RunFileText::tr("compared run %1 comes before the string table").arg(number);
                return Error::Corrupt;
            }
            if (number > RunFile::MaxRuns) {
                *reason
                    = RunFileText::tr("it has more than %1 compared runs").arg(RunFile::MaxRuns);
                return Error::Corrupt;
            }
            ComparedRun run;
            if (!decodeRun(section, strings, &run.trace)) {
                *reason = RunFileText::tr("compared run %1 is damaged: %2")
                              .arg(number)
                              .arg(section.error());
                return Error::Corrupt;
            }
            record->comparedRuns.append(std::move(run));
            lastRun = &record->comparedRuns.last().trace;
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
        }
        lastRun = nullptr; // a TSKX belongs to the section right before it
        // Other tags belong to a newer minor version: skipped.
    }
    if (!r.ok()) {
        *reason = RunFileText::tr("its data is damaged: %1").arg(r.error());
        return Error::Corrupt;
    }
    return Error::None;
}

// The header's "spec" (also of each compared run, under `prefix`); an error names the key.
QString readSpec(const QJsonObject &spec, const QString &prefix, RunSpec *s, int *serverCapacity)
{
    using RunFilePrivate::checkInteger;
    QString error;
    qint64 v = 0;
    const auto integer = [&](const QString &key, qint64 min, qint64 max, auto *out) {
        if (error.isEmpty()) {
            error = checkInteger(spec, prefix, key, min, max, &v);
            *out = std::remove_pointer_t<decltype(out)>(v);
        }
    };
    integer(u"tasks"_s, 1, RunSpec::MaxTasks, &s->tasks);
    integer(u"concurrency"_s, 0, RunSpec::MaxTasks, &s->concurrency);
    integer(u"connections_per_host"_s, 0, RunSpec::MaxTasks, &s->connectionsPerHost);
    integer(u"timeout_ms"_s, 0, 3600000, &s->timeoutMs);
    integer(u"workers"_s, 1, 1000, &s->workers);
    integer(u"max_body_bytes"_s, 1, qint64(1) << 50, &s->maxBodyBytes);
    integer(u"server_capacity"_s, 0, 100000, serverCapacity);
    if (error.isEmpty() && !strategyFromName(spec.value(u"strategy"_s).toString(), &s->strategy))
        error = RunFileText::tr("its header's \"%1strategy\" is not a strategy").arg(prefix);
    s->lagProbe = spec.value(u"lag_probe"_s).toBool(true);
    s->insecure = spec.value(u"insecure"_s).toBool(false);
    return error;
}

// The header's "environment" (also of each compared run, under `prefix`).
QString readEnvironment(const QJsonObject &env, const QString &prefix, RunEnvironment *e)
{
    const auto text = [&env](const QString &key) { return env.value(key).toString().left(200); };
    e->coroscopeVersion = text(u"coroscope"_s);
    e->qtVersion = text(u"qt"_s);
    e->qtBuildVersion = text(u"qt_build"_s);
    e->qcoroVersion = text(u"qcoro"_s);
    e->os = text(u"os"_s);
    e->kernel = text(u"kernel"_s);
    e->cpuArchitecture = text(u"cpu_architecture"_s);
    e->recordedAt = QDateTime::fromString(text(u"recorded"_s), Qt::ISODate);
    if (env.contains(u"cpus"_s)) {
        qint64 v = 0;
        if (QString error = RunFilePrivate::checkInteger(env, prefix, u"cpus"_s, 0, 1 << 20, &v);
            !error.isEmpty())
            return error;
        e->cpuCount = int(v);
    }
    return {};
}

// Format 1.1: the header's "compared" describes the CRUN sections, in order, and gives each
// the spec and environment of the file it came from.
QString readCompared(const QJsonObject &header, RunRecord *record)
{
    const QJsonArray compared = header.value(u"compared"_s).toArray();
    if (compared.size() != record->comparedRuns.size())
        return RunFileText::tr("its header describes %1 compared runs, its data holds %2")
            .arg(compared.size())
            .arg(record->comparedRuns.size());
    for (qsizetype i = 0; i < compared.size(); ++i) {
        const QJsonObject entry = compared.at(i).toObject();
        ComparedRun &run = record->comparedRuns[i];
        const QString prefix = u"compared[%1]."_s.arg(i);
        // Shown in the window and written to CSV: no control characters from a hostile file.
        run.source = printableText(entry.value(u"source"_s).toString(), 200);
        if (run.source.isEmpty())
            return RunFileText::tr("its header's \"%1source\" is empty").arg(prefix);
        if (entry.value(u"strategy"_s).toString() != run.trace.strategy
            || entry.value(u"tasks"_s).toDouble(-1) != double(run.trace.tasks.size())
            || entry.value(u"events"_s).toDouble(-1) != double(run.trace.events.size()))
            return RunFileText::tr(
                       "its header's description of compared run %1 does not match its data")
                .arg(i + 1);
        if (QString error = readSpec(entry.value(u"spec"_s).toObject(), prefix + u"spec."_s,
                                     &run.spec, &run.serverCapacity);
            !error.isEmpty())
            return error;
        if (QString error = readEnvironment(entry.value(u"environment"_s).toObject(),
                                            prefix + u"environment."_s, &run.environment);
            !error.isEmpty())
            return error;
        for (const QString &url : std::as_const(run.trace.urls))
            run.spec.urls.append(QUrl(url));
    }
    return {};
}

Error readHeader(const QJsonObject &header, RunRecord *record, qint64 *compressed, qint64 *size,
                 QString *reason)
{
    using RunFilePrivate::checkInteger;
    const QJsonObject body = header.value(u"body"_s).toObject();
    if (body.value(u"encoding"_s).toString() != u"zlib") {
        *reason = RunFileText::tr("its header's \"body.encoding\" is not \"zlib\"");
        return Error::Corrupt;
    }
    QString error
        = checkInteger(body, u"body."_s, u"compressed"_s, 0, RunFile::MaxFileBytes, compressed);
    if (error.isEmpty())
        error = checkInteger(body, u"body."_s, u"size"_s, 0, RunFile::MaxBodyBytes, size);

    if (error.isEmpty())
        error = readSpec(header.value(u"spec"_s).toObject(), u"spec."_s, &record->spec,
                         &record->serverCapacity);
    if (error.isEmpty() && header.contains(u"compare"_s)) {
        for (const QJsonValue &name : header.value(u"compare"_s).toArray()) {
            Strategy strategy;
            if (!strategyFromName(name.toString(), &strategy)
                || record->compare.contains(strategy)) {
                error = RunFileText::tr(
                    "its header's \"compare\" lists an unknown or repeated strategy");
                break;
            }
            record->compare.append(strategy);
        }
        if (error.isEmpty() && record->compare.isEmpty())
            error = RunFileText::tr("its header's \"compare\" is empty");
    }

    if (error.isEmpty())
        error = readEnvironment(header.value(u"environment"_s).toObject(), u"environment."_s,
                                &record->environment);
    if (!error.isEmpty()) {
        *reason = error;
        return Error::Corrupt;
    }
    return Error::None;
}

// The header's "runs" preview must describe the body: an edited header is caught here.
QString checkRunsPreview(const QJsonObject &header, const RunRecord &record)
{
    const QJsonArray runs = header.value(u"runs"_s).toArray();
    if (runs.size() != record.runs.size())
        return RunFileText::tr("its header lists %1 runs, its data holds %2")
            .arg(runs.size())
            .arg(record.runs.size());
    for (qsizetype i = 0; i < runs.size(); ++i) {
        const QJsonObject run = runs.at(i).toObject();
        const Trace &trace = record.runs.at(i);
        if (run.value(u"strategy"_s).toString() != trace.strategy
            || run.value(u"tasks"_s).toDouble(-1) != double(trace.tasks.size())
            || run.value(u"events"_s).toDouble(-1) != double(trace.events.size()))
            return RunFileText::tr("its header's description of run %1 does not match its data")
                .arg(i + 1);
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
    const QString writer = space < 0 ? QString() : firstLine.mid(space + 1).trimmed().left(64);
    const QStringList parts = formatVersion.split(u'.');
    bool majorOk = false;
    bool minorOk = false;
    const int major = parts.value(0).toInt(&majorOk);
    const int minor = parts.value(1).toInt(&minorOk);
    if (parts.size() != 2 || !majorOk || !minorOk || major < 1 || minor < 0) {
        *reason = RunFileText::tr("its format version \"%1\" is not one Coroscope wrote")
                      .arg(formatVersion.left(20));
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
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        *reason
            = RunFileText::tr("its header is not a JSON object (%1)").arg(parseError.errorString());
        return Error::Corrupt;
    }
    const QJsonObject header = document.object();
    qint64 compressed = 0;
    qint64 size = 0;
    if (const Error e = readHeader(header, record, &compressed, &size, reason); e != Error::None)
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
    if (const Error e = decodeBody(body, record, reason); e != Error::None)
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
    if (const QString error = readCompared(header, record); !error.isEmpty()) {
        *reason = error;
        return Error::Corrupt;
    }
    // The spec's URLs are the first run's (every run of a comparison fetches the same ones).
    record->spec.urls.clear();
    for (const QString &url : std::as_const(record->runs.constFirst().urls))
        record->spec.urls.append(QUrl(url));
    return Error::None;
}

} // namespace Coroscope
