// Reading a run file back: every count is checked against the bytes left before anything is
// allocated for it, every index against its table, every time and enum against its range, so a
// damaged or hostile file ends in one sentence saying what is wrong, never in a crash, a hang or
// an allocation out of proportion to the file.
#include "runfile.h"
#include "runfile_p.h"
#include "runfilebinary_p.h"
#include "runfiledecoderun_p.h"
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

#include <zlib.h>

namespace Coroscope {

using namespace RunFileBinary;
using namespace Qt::StringLiterals;
using RunFile::Error;
using namespace RunFileDecode;

namespace {

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
    // A sweep's points, described by the header's "sweep" (its events per point here).
    QList<qint64> sweepEvents;
    if (const QString error = RunFilePrivate::readSweep(header, record, &sweepEvents);
        !error.isEmpty()) {
        *reason = error;
        return Error::Corrupt;
    }
    qsizetype sweepRead = 0;
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
        } else if (tag == SweepRunTag) {
            const qsizetype number = ++sweepRead;
            if (!strings.loaded() || number > record->sweep.points.size()) {
                *reason = RunFileText::tr("its header describes %1 sweep points, its data holds "
                                          "more, or one before the string table")
                              .arg(record->sweep.points.size());
                return Error::Corrupt;
            }
            SweepPoint &point = record->sweep.points[number - 1];
            const RunSpec spec = record->sweep.spec.pointSpec(point.value, point.strategy);
            Expected expected;
            expected.strategy = strategyName(point.strategy);
            expected.tasks = spec.tasks;
            expected.events = sweepEvents.at(number - 1);
            expected.spec = &spec;
            if (!decodeRun(section, strings, expected, &point.trace)) {
                *reason = RunFileText::tr("sweep point %1 is damaged: %2")
                              .arg(number)
                              .arg(section.error());
                return Error::Corrupt;
            }
            lastRun = &point.trace;
            probedRun = lastRun;
            lastRunName = RunFileText::tr("sweep point %1").arg(number);
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
    if (sweepRead != record->sweep.points.size()) {
        *reason = RunFileText::tr("its header describes %1 sweep points, its data holds %2")
                      .arg(record->sweep.points.size())
                      .arg(sweepRead);
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

namespace RunFilePrivate {

bool inflateExactly(const char *data, qint64 size, qint64 expected, QByteArray *out, QString *error)
{
    // Exactly the size the header declared, checked against its caps before: a bomb that
    // inflates further is stopped at the buffer's end instead of growing it.
    *out = QByteArray(qsizetype(expected), Qt::Uninitialized);
    z_stream stream = {};
    if (inflateInit(&stream) != Z_OK) {
        *error = RunFileText::tr("its data could not be decompressed (zlib would not start)");
        return false;
    }
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
    stream.next_out = reinterpret_cast<Bytef *>(out->data());
    qint64 inLeft = size;
    qint64 outLeft = expected;
    int rc = Z_OK;
    // zlib counts in uInt: feed it in chunks so that sizes beyond 4 GiB cannot wrap.
    constexpr qint64 Chunk = 1 << 30;
    while (rc == Z_OK) {
        if (stream.avail_in == 0 && inLeft > 0) {
            stream.avail_in = uInt(std::min(inLeft, Chunk));
            inLeft -= stream.avail_in;
        }
        if (stream.avail_out == 0 && outLeft > 0) {
            stream.avail_out = uInt(std::min(outLeft, Chunk));
            outLeft -= stream.avail_out;
        }
        const uInt availIn = stream.avail_in;
        const uInt availOut = stream.avail_out;
        rc = inflate(&stream, Z_NO_FLUSH);
        if (rc == Z_BUF_ERROR
            || (rc == Z_OK && availIn == stream.avail_in && availOut == stream.avail_out))
            break; // no progress: input or output exhausted
    }
    const qint64 produced = qint64(stream.total_out);
    const bool ended = rc == Z_STREAM_END;
    const QString zlibMessage = stream.msg ? QString::fromLatin1(stream.msg) : QString();
    inflateEnd(&stream);
    if (!ended) {
        if (rc == Z_DATA_ERROR || rc == Z_NEED_DICT || rc == Z_STREAM_ERROR || rc == Z_MEM_ERROR)
            *error
                = RunFileText::tr("its compressed data is damaged (zlib: %1)")
                      .arg(zlibMessage.isEmpty() ? RunFileText::tr("invalid data") : zlibMessage);
        else if (produced >= expected)
            *error = RunFileText::tr(
                         "its compressed data holds more than the %1 bytes its header declares")
                         .arg(expected);
        else
            *error = RunFileText::tr("its compressed data ends early (%1 of %2 bytes)")
                         .arg(produced)
                         .arg(expected);
        return false;
    }
    if (produced != expected || stream.avail_in != 0 || inLeft != 0) {
        *error = RunFileText::tr(
                     "its compressed data does not match its header (%1 bytes, %2 declared)")
                     .arg(produced)
                     .arg(expected);
        return false;
    }
    return true;
}

} // namespace RunFilePrivate

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

    if (record->isSweep()) {
        // Summaries are derived, never stored: the same as when the sweep ran.
        for (SweepPoint &point : record->sweep.points)
            point.summary = summarize(point.trace);
        record->spec.urls.clear();
        for (const QString &url : std::as_const(record->sweep.points.constFirst().trace.urls))
            record->spec.urls.append(QUrl(url));
        record->sweep.spec.base = record->spec;
        if (!record->runs.isEmpty() || !record->comparedRuns.isEmpty()) {
            *reason = RunFileText::tr("it holds a sweep and other runs");
            return Error::Corrupt;
        }
        return Error::None;
    }
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
