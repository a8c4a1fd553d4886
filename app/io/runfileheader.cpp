// Reading a run file's JSON header: the spec, the compared strategies, the environment, the
// embedded server's address and the compared runs' descriptions, each value checked against
// its range and every text let in as network text (printable). The body is runfiledecode.cpp's.
#include "runfile.h"
#include "runfile_p.h"
#include "runfilebinary_p.h"

#include "trace/text.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

#include <cmath>

namespace Coroscope::RunFilePrivate {

using namespace Qt::StringLiterals;
using RunFile::Error;
using RunFileBinary::RunFileText;

namespace {

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
    // 0: the recording of a program that never created a task (format 1.4).
    integer(u"tasks"_s, 0, RunSpec::MaxTasks, &s->tasks);
    integer(u"concurrency"_s, 0, RunSpec::MaxTasks, &s->concurrency);
    integer(u"connections_per_host"_s, 0, RunSpec::MaxTasks, &s->connectionsPerHost);
    integer(u"timeout_ms"_s, 0, 3600000, &s->timeoutMs);
    integer(u"workers"_s, 1, 1000, &s->workers);
    integer(u"max_body_bytes"_s, 1, qint64(1) << 50, &s->maxBodyBytes);
    integer(u"server_capacity"_s, 0, 100000, serverCapacity);
    if (error.isEmpty() && !strategyFromName(spec.value(u"strategy"_s).toString(), &s->strategy))
        error = RunFileText::tr("its header's \"%1strategy\" is not a strategy").arg(prefix);
    s->lagProbe = spec.value(u"lag_probe"_s).toBool(true);
    s->measureAlone = spec.value(u"measure_alone"_s).toBool(true); // absent before 1.2
    s->insecure = spec.value(u"insecure"_s).toBool(false);
    return error;
}

// The header's "environment" (also of each compared run, under `prefix`). Its texts reach the
// window, the terminal and the "not comparable" warnings: printable only.
QString readEnvironment(const QJsonObject &env, const QString &prefix, RunEnvironment *e)
{
    const auto text
        = [&env](const QString &key) { return printableText(env.value(key).toString(), 200); };
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

// "embedded_server" (of the header, or of a compared run under `prefix`): the embedded
// server's addresses when the runs were made. It only ever listens on loopback: anything else
// would make Run again send a file's URLs of some other host to it.
QString readEmbeddedServer(const QJsonObject &object, const QString &prefix, QStringList *out)
{
    const QString key = u"embedded_server"_s;
    if (!object.contains(key))
        return {};
    const QJsonValue value = object.value(key);
    const QJsonArray list = value.toArray();
    if (!value.isArray() || list.isEmpty() || list.size() > 2)
        return RunFileText::tr("its header's \"%1\" is not a list of one or two addresses")
            .arg(prefix + key);
    for (const QJsonValue &entry : list) {
        const QString text = entry.toString();
        const QUrl url(text, QUrl::StrictMode);
        const QString host = url.host();
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")
            || url.port() < 1 || (!url.path().isEmpty() && url.path() != u"/") || url.hasQuery()
            || url.hasFragment() || !url.userInfo().isEmpty()
            || (host != u"127.0.0.1" && host != u"::1" && host != u"localhost"))
            return RunFileText::tr("its header's \"%1\" holds \"%2\", which is not a loopback "
                                   "address with a port (the embedded server listens on no other)")
                .arg(prefix + key, printableText(text, 60));
        out->append(text);
    }
    return {};
}

// Format 1.1: the header's "compared" describes the CRUN sections, in order, and gives each
// the spec and environment of the file it came from. Read before the body, whose CRUN sections
// are then checked against it.
QString readCompared(const QJsonObject &header, RunRecord *record)
{
    const QJsonValue value = header.value(u"compared"_s);
    if (value.isUndefined())
        return {};
    const QJsonArray compared = value.toArray();
    if (!value.isArray() || compared.size() > RunFile::MaxRuns)
        return RunFileText::tr("its header's \"compared\" is not a list of at most %1 runs")
            .arg(RunFile::MaxRuns);
    for (qsizetype i = 0; i < compared.size(); ++i) {
        const QJsonObject entry = compared.at(i).toObject();
        ComparedRun run;
        const QString prefix = u"compared[%1]."_s.arg(i);
        // Shown in the window and written to CSV: no control characters from a hostile file.
        run.source = printableText(entry.value(u"source"_s).toString(), 200);
        if (run.source.isEmpty())
            return RunFileText::tr("its header's \"%1source\" is empty").arg(prefix);
        if (QString error = readSpec(entry.value(u"spec"_s).toObject(), prefix + u"spec."_s,
                                     &run.spec, &run.serverCapacity);
            !error.isEmpty())
            return error;
        if (QString error = readEnvironment(entry.value(u"environment"_s).toObject(),
                                            prefix + u"environment."_s, &run.environment);
            !error.isEmpty())
            return error;
        if (QString error = readEmbeddedServer(entry, prefix, &run.embeddedServer);
            !error.isEmpty())
            return error;
        record->comparedRuns.append(std::move(run));
    }
    return {};
}

// The header's "compare": the strategies of a comparison, in the order they ran.
QString readCompare(const QJsonObject &header, RunRecord *record)
{
    const QJsonValue value = header.value(u"compare"_s);
    if (value.isUndefined())
        return {};
    if (!value.isArray())
        return RunFileText::tr("its header's \"compare\" is not a list of strategy names");
    const QJsonArray names = value.toArray();
    if (names.isEmpty())
        return RunFileText::tr("its header's \"compare\" is an empty list");
    for (const QJsonValue &name : names) {
        Strategy strategy;
        if (!name.isString())
            return RunFileText::tr("its header's \"compare\" lists something other than a "
                                   "strategy name");
        if (!strategyFromName(name.toString(), &strategy))
            return RunFileText::tr("its header's \"compare\" lists \"%1\", which is not a strategy")
                .arg(printableText(name.toString(), 40));
        if (record->compare.contains(strategy))
            return RunFileText::tr("its header's \"compare\" lists %1 twice").arg(name.toString());
        record->compare.append(strategy);
    }
    return {};
}

} // namespace

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
    if (error.isEmpty())
        error = readCompare(header, record);
    if (error.isEmpty())
        error = readEnvironment(header.value(u"environment"_s).toObject(), u"environment."_s,
                                &record->environment);
    if (error.isEmpty())
        error = readEmbeddedServer(header, QString(), &record->embeddedServer);
    if (error.isEmpty())
        error = readCompared(header, record);
    if (!error.isEmpty()) {
        *reason = error;
        return Error::Corrupt;
    }
    return Error::None;
}

namespace {
QString jsonIntegerError(const QString &key, const QJsonValue &value, qint64 min, qint64 max)
{
    if (value.isUndefined())
        return RunFileText::tr("its header lacks \"%1\"").arg(key);
    const double d = value.toDouble(std::nan(""));
    if (!value.isDouble() || !std::isfinite(d) || d != std::floor(d) || d < double(min)
        || d > double(max))
        return RunFileText::tr("its header's \"%1\" is not a whole number from %2 to %3")
            .arg(key)
            .arg(min)
            .arg(max);
    return {};
}
} // namespace

QString checkInteger(const QJsonObject &object, const QString &prefix, const QString &key,
                     qint64 min, qint64 max, qint64 *out)
{
    const QJsonValue value = object.value(key);
    if (const QString error = jsonIntegerError(prefix + key, value, min, max); !error.isEmpty())
        return error;
    *out = qint64(value.toDouble());
    return {};
}

} // namespace Coroscope::RunFilePrivate
