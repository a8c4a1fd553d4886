// Writing a run file: its first line, JSON header and compressed body; saving and loading files.
// Encoding and decoding (runfiledecode.cpp, runfileheader.cpp) share the format's pieces
// (runfilebinary_p.h, runfile_p.h), never each other's code.
#include "runfile.h"
#include "runfile_p.h"
#include "runfilebinary_p.h"
#include "runfilerecording_p.h"

#include "io/savefile.h"
#include "record/csrecdecoder.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSysInfo>
#include <QThread>

#include <cerrno>
#include <cmath>

#include <zlib.h>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace Coroscope {

using namespace RunFileBinary;
using namespace Qt::StringLiterals;

namespace {

bool hasExtras(const TaskInfo &t)
{
    return !t.redirects.isEmpty() || !t.contentEncoding.isEmpty() || t.decodedBytes >= 0;
}

// Format 1.2, a TSKX section after the run's (older readers skip it): the few tasks with more
// to say, their redirects followed and their body's encoding. Empty (no section) when no task
// has any, so such files keep their 1.0 / 1.1 bytes.
QByteArray encodeTaskExtras(const Trace &trace, StringTable *strings)
{
    QByteArray out;
    quint64 count = 0;
    for (const TaskInfo &t : trace.tasks)
        count += hasExtras(t) ? 1 : 0;
    if (count == 0)
        return out;
    Writer w(&out);
    w.varint(count);
    quint32 previous = 0;
    for (quint32 i = 0; i < quint32(trace.tasks.size()); ++i) {
        const TaskInfo &t = trace.tasks.at(i);
        if (!hasExtras(t))
            continue;
        w.varint(i - previous); // ascending: the difference from the previous one's index
        previous = i;
        w.zigzag(t.decodedBytes);
        w.varint(strings->add(t.contentEncoding));
        w.varint(quint64(t.redirects.size()));
        for (const RedirectHop &h : t.redirects) {
            w.zigzag(h.httpStatus);
            w.u8(h.httpVersion);
            w.zigzag(h.bytes);
            w.zigzag(h.serverQueuedMs);
            w.zigzag(h.serverActive);
            w.zigzag(h.serverCapacity);
            w.zigzag(h.serverConnectionRequest);
            w.zigzag(h.serverTlsHandshakeUs);
            w.varint(strings->add(h.location));
            w.varint(strings->add(h.statusText));
            w.varint(strings->add(h.mimeType));
            w.varint(strings->add(h.responseHeaders));
        }
    }
    return out;
}

QByteArray encodeRun(const Trace &trace, StringTable *strings)
{
    QByteArray out;
    out.reserve(trace.events.size() * 6 + trace.tasks.size() * 24 + 256);
    Writer w(&out);
    w.varint(strings->add(trace.strategy));
    const RunSettings &s = trace.settings;
    for (const qint64 v : {qint64(s.concurrency), qint64(s.connectionsPerHost), qint64(s.timeoutMs),
                           qint64(s.workers), qint64(s.socketBudget), qint64(s.workersRequested),
                           qint64(s.fileLimit)})
        w.zigzag(v);
    w.zigzag(trace.endNs);
    w.zigzag(trace.startedMsSinceEpoch);
    w.zigzag(trace.settings.insecure ? 1 : 0);
    w.varint(quint64(trace.urls.size()));
    for (const QString &url : trace.urls)
        w.varint(strings->add(url));
    w.varint(quint64(trace.labels.size()));
    for (const QString &label : trace.labels)
        w.varint(strings->add(label));
    w.varint(quint64(trace.tasks.size()));
    for (const TaskInfo &t : trace.tasks) {
        w.varint(t.urlIndex);
        w.u8(quint8(t.result));
        w.zigzag(t.worker);
        w.u8(t.httpVersion);
        w.zigzag(t.httpStatus);
        w.zigzag(t.bytes);
        w.zigzag(t.serverQueuedMs);
        w.zigzag(t.serverActive);
        w.zigzag(t.serverCapacity);
        w.zigzag(t.serverConnectionRequest);
        w.zigzag(t.serverTlsHandshakeUs);
        w.varint(strings->add(t.error));
        w.varint(strings->add(t.statusText));
        w.varint(strings->add(t.mimeType));
        w.varint(strings->add(t.requestHeaders));
        w.varint(strings->add(t.responseHeaders));
    }
    // A recording's later event kinds are in its RECD section (io/runfilerecording_p.h).
    const QList<TraceEvent> events = RunFileRecording::baseEvents(trace);
    w.varint(quint64(events.size()));
    writeEventColumns(w, events);
    return out;
}

// Format 1.3, an ALON section after the run's (older readers skip it): each URL measured alone
// before the run. Empty (no section) when the run measured none.
QByteArray encodeProbes(const Trace &trace)
{
    QByteArray out;
    if (trace.probes.isEmpty())
        return out;
    Writer w(&out);
    w.zigzag(qint64(trace.probes.size()));
    for (const UrlProbe &p : trace.probes) {
        w.varint(p.urlIndex);
        w.zigzag(p.aloneNs);
        w.zigzag(p.httpStatus);
    }
    return out;
}

QByteArray deflate(const QByteArray &raw)
{
    uLong bound = compressBound(uLong(raw.size()));
    QByteArray out(qsizetype(bound), Qt::Uninitialized);
    // Level 6 (zlib's default): level 9 measured a few per cent smaller and twice as slow.
    const int rc = compress2(reinterpret_cast<Bytef *>(out.data()), &bound,
                             reinterpret_cast<const Bytef *>(raw.constData()), uLong(raw.size()),
                             Z_DEFAULT_COMPRESSION);
    if (rc != Z_OK)
        return {};
    out.truncate(qsizetype(bound));
    return out;
}

} // namespace

RunEnvironment RunEnvironment::current(const Trace *trace)
{
    RunEnvironment env;
    env.coroscopeVersion = QCoreApplication::applicationVersion();
    if (env.coroscopeVersion.isEmpty())
        env.coroscopeVersion = QStringLiteral(COROSCOPE_CORE_VERSION);
    env.qtVersion = QString::fromLatin1(qVersion());
    env.qtBuildVersion = QStringLiteral(QT_VERSION_STR);
    env.qcoroVersion = QStringLiteral(COROSCOPE_QCORO_VERSION);
    env.os = QSysInfo::prettyProductName();
    env.kernel = QSysInfo::kernelType() + u' ' + QSysInfo::kernelVersion();
    env.cpuArchitecture = QSysInfo::currentCpuArchitecture();
    env.cpuCount = QThread::idealThreadCount();
    env.recordedAt = trace && trace->startedMsSinceEpoch > 0
        ? QDateTime::fromMSecsSinceEpoch(trace->startedMsSinceEpoch, Qt::UTC)
        : QDateTime::currentDateTimeUtc();
    env.recordedAt.setTime(QTime(env.recordedAt.time().hour(), env.recordedAt.time().minute(),
                                 env.recordedAt.time().second()));
    return env;
}

RunRecord recordOfRuns(const RunSpec &spec, int serverCapacity, const QList<Strategy> &compare,
                       const QList<Trace> &runs)
{
    RunRecord record;
    record.spec = spec;
    record.serverCapacity = serverCapacity;
    record.compare = compare;
    record.runs = runs;
    record.environment = RunEnvironment::current(runs.isEmpty() ? nullptr : &runs.constFirst());
    return record;
}

namespace RunFilePrivate {

QJsonObject environmentJson(const RunEnvironment &env)
{
    return QJsonObject{
        {u"coroscope"_s, env.coroscopeVersion},
        {u"qt"_s, env.qtVersion},
        {u"qt_build"_s, env.qtBuildVersion},
        {u"qcoro"_s, env.qcoroVersion},
        {u"os"_s, env.os},
        {u"kernel"_s, env.kernel},
        {u"cpu_architecture"_s, env.cpuArchitecture},
        {u"cpus"_s, env.cpuCount},
        {u"recorded"_s, env.recordedAt.toUTC().toString(Qt::ISODate)},
    };
}

QJsonObject specJson(const RunSpec &spec, int serverCapacity)
{
    return QJsonObject{
        {u"tasks"_s, spec.tasks},
        {u"strategy"_s, strategyName(spec.strategy)},
        {u"concurrency"_s, spec.concurrency},
        {u"connections_per_host"_s, spec.connectionsPerHost},
        {u"timeout_ms"_s, spec.timeoutMs},
        {u"workers"_s, spec.workers},
        {u"max_body_bytes"_s, double(spec.maxBodyBytes)},
        {u"lag_probe"_s, spec.lagProbe},
        {u"measure_alone"_s, spec.measureAlone},
        {u"server_capacity"_s, serverCapacity},
        {u"insecure"_s, spec.insecure},
    };
}

QJsonObject headerJson(const RunRecord &record, qint64 compressed, qint64 size)
{
    const QJsonObject environment = environmentJson(record.environment);
    const QJsonObject specJson = RunFilePrivate::specJson(record.spec, record.serverCapacity);
    QJsonObject header{{u"environment"_s, environment}, {u"spec"_s, specJson}};
    // Optional (readers that do not know it skip it): which URLs were the embedded server's.
    if (!record.embeddedServer.isEmpty())
        header.insert(u"embedded_server"_s, QJsonArray::fromStringList(record.embeddedServer));
    if (record.isComparison()) {
        QJsonArray compare;
        for (const Strategy s : record.compare)
            compare.append(strategyName(s));
        header.insert(u"compare"_s, compare);
    }
    QJsonArray runs;
    for (const Trace &trace : record.runs)
        runs.append(QJsonObject{{u"strategy"_s, trace.strategy},
                                {u"tasks"_s, double(trace.tasks.size())},
                                {u"events"_s, double(RunFileRecording::baseEventCount(trace))}});
    header.insert(u"runs"_s, runs);
    if (!record.comparedRuns.isEmpty()) {
        // Format 1.1. Each compared run keeps the spec and environment of its file, which say
        // how comparable it is; "strategy", "tasks" and "events" preview its CRUN section.
        QJsonArray compared;
        for (const ComparedRun &run : record.comparedRuns) {
            QJsonObject entry{{u"source"_s, run.source},
                              {u"strategy"_s, run.trace.strategy},
                              {u"tasks"_s, double(run.trace.tasks.size())},
                              {u"events"_s, double(RunFileRecording::baseEventCount(run.trace))},
                              {u"spec"_s, RunFilePrivate::specJson(run.spec, run.serverCapacity)},
                              {u"environment"_s, environmentJson(run.environment)}};
            if (!run.embeddedServer.isEmpty())
                entry.insert(u"embedded_server"_s, QJsonArray::fromStringList(run.embeddedServer));
            compared.append(entry);
        }
        header.insert(u"compared"_s, compared);
    }
    // A sweep (read by readSweep()): what was swept, and a preview of each SWRN section.
    if (record.isSweep())
        header.insert(u"sweep"_s, sweepJson(record.sweep));
    header.insert(u"body"_s,
                  QJsonObject{{u"encoding"_s, u"zlib"_s},
                              {u"compressed"_s, double(compressed)},
                              {u"size"_s, double(size)}});
    return header;
}

} // namespace RunFilePrivate

QByteArray encodeRunFile(const RunRecord &record)
{
    StringTable strings;
    QList<QByteArray> runs;
    QList<QByteArray> runExtras;
    QList<QByteArray> recordings; // format 1.4
    const auto addString = [&strings](const QString &text) { return strings.add(text); };
    for (const Trace &trace : record.runs) {
        runs.append(encodeRun(trace, &strings));
        runExtras.append(encodeTaskExtras(trace, &strings));
        recordings.append(RunFileRecording::encode(trace, addString));
    }
    QList<QByteArray> compared;
    QList<QByteArray> comparedExtras;
    QList<QByteArray> comparedRecordings;
    for (const ComparedRun &run : record.comparedRuns) {
        compared.append(encodeRun(run.trace, &strings));
        comparedExtras.append(encodeTaskExtras(run.trace, &strings));
        comparedRecordings.append(RunFileRecording::encode(run.trace, addString));
    }
    QList<QByteArray> points;
    QList<QByteArray> pointExtras;
    for (const SweepPoint &point : record.sweep.points) {
        points.append(encodeRun(point.trace, &strings));
        pointExtras.append(encodeTaskExtras(point.trace, &strings));
    }

    QByteArray table = strings.encode();
    QByteArray body;
    appendSection(&body, StringsTag, table);
    table.clear();
    bool extras = false;
    bool probed = false;
    bool recorded = false;
    for (qsizetype i = 0; i < runs.size(); ++i) {
        appendSection(&body, RunTag, runs.at(i));
        if (!runExtras.at(i).isEmpty())
            appendSection(&body, TaskExtrasTag, runExtras.at(i));
        extras = extras || !runExtras.at(i).isEmpty();
        const QByteArray probes = encodeProbes(record.runs.at(i));
        if (!probes.isEmpty())
            appendSection(&body, ProbesTag, probes);
        probed = probed || !probes.isEmpty();
        if (!recordings.at(i).isEmpty())
            appendSection(&body, RunFileRecording::RecordingTag, recordings.at(i));
        recorded = recorded || !recordings.at(i).isEmpty();
    }
    runs.clear();
    for (qsizetype i = 0; i < compared.size(); ++i) {
        appendSection(&body, ComparedRunTag, compared.at(i));
        if (!comparedExtras.at(i).isEmpty())
            appendSection(&body, TaskExtrasTag, comparedExtras.at(i));
        extras = extras || !comparedExtras.at(i).isEmpty();
        const QByteArray probes = encodeProbes(record.comparedRuns.at(i).trace);
        if (!probes.isEmpty())
            appendSection(&body, ProbesTag, probes);
        probed = probed || !probes.isEmpty();
        if (!comparedRecordings.at(i).isEmpty())
            appendSection(&body, RunFileRecording::RecordingTag, comparedRecordings.at(i));
        recorded = recorded || !comparedRecordings.at(i).isEmpty();
    }
    compared.clear();
    for (qsizetype i = 0; i < points.size(); ++i) {
        appendSection(&body, SweepRunTag, points.at(i));
        if (!pointExtras.at(i).isEmpty())
            appendSection(&body, TaskExtrasTag, pointExtras.at(i));
        extras = extras || !pointExtras.at(i).isEmpty();
        const QByteArray probes = encodeProbes(record.sweep.points.at(i).trace);
        if (!probes.isEmpty())
            appendSection(&body, ProbesTag, probes);
        probed = probed || !probes.isEmpty();
    }
    points.clear();
    const QByteArray compressed = deflate(body);

    QByteArray out = RunFile::Magic;
    // The lowest minor version that holds the record (RunFile::MinorVersion).
    const int minor = record.isSweep()  ? 5
        : recorded                      ? 4
        : probed                        ? 3
        : extras                        ? 2
        : record.comparedRuns.isEmpty() ? 0
                                        : 1;
    out += QByteArray::number(RunFile::MajorVersion) + '.' + QByteArray::number(minor) + ' '
        + record.environment.coroscopeVersion.toUtf8().left(64).replace('\n', ' ') + '\n';
    out += QJsonDocument(RunFilePrivate::headerJson(record, compressed.size(), body.size()))
               .toJson(QJsonDocument::Compact);
    out += '\n';
    out += compressed;
    return out;
}

bool saveRunFile(const QString &path, const RunRecord &record, QString *error)
{
    return writeFileAtomically(path, encodeRunFile(record), error);
}

RunFile::Error loadRunFile(const QString &path, RunRecord *record, QString *error)
{
    const auto fail = [&](RunFile::Error kind, const QString &why) {
        *error = RunFileText::tr("cannot open %1: %2").arg(path, why);
        return kind;
    };
    const QFileInfo info(path);
    if (!info.exists())
        return fail(RunFile::Error::Unreadable, RunFileText::tr("no such file"));
    if (!info.isFile())
        return fail(RunFile::Error::Unreadable, RunFileText::tr("not a regular file"));
    QFile file;
#ifdef Q_OS_UNIX
    // Swapped for a FIFO after the check: O_NONBLOCK keeps the open from blocking, fstat() checks
    // what was opened.
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return fail(RunFile::Error::Unreadable, qt_error_string(errno));
    struct stat st = {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return fail(RunFile::Error::Unreadable, RunFileText::tr("not a regular file"));
    }
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return fail(RunFile::Error::Unreadable, file.errorString());
    }
#else
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(RunFile::Error::Unreadable, file.errorString());
#endif
    if (file.size() > RunFile::MaxFileBytes)
        return fail(RunFile::Error::Unreadable,
                    RunFileText::tr("it is larger than %1 MiB").arg(RunFile::MaxFileBytes >> 20));
    // One more byte than allowed: a file that grew since the check is still refused.
    const QByteArray data = file.read(RunFile::MaxFileBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return fail(RunFile::Error::Unreadable, file.errorString());
    if (data.size() > RunFile::MaxFileBytes)
        return fail(RunFile::Error::Unreadable,
                    RunFileText::tr("it is larger than %1 MiB").arg(RunFile::MaxFileBytes >> 20));
    QString why;
    // A program's recording (recorders/FORMAT.md), known by its first bytes whatever its name:
    // opened as a record of one run.
    if (CsrecDecoder::looksLikeRecording(data)) {
        Trace recording;
        if (!decodeRecording(data, &recording, &why))
            return fail(RunFile::Error::Corrupt, why);
        *record = recordOfRecording(recording);
        return RunFile::Error::None;
    }
    const RunFile::Error result = decodeRunFile(data, record, &why);
    if (result != RunFile::Error::None)
        return fail(result, why);
    return RunFile::Error::None;
}

} // namespace Coroscope
