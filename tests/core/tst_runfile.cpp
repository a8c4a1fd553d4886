// The run file (io/runfile.h): a saved record comes back identical (and so do its exports), newer
// minor versions load, and every kind of damage ends in its own clear message.
#include "io/chrometrace.h"
#include "io/csv.h"
#include "io/har.h"
#include "io/runfile.h"
#include "io/runfilebinary_p.h"
#include "runfileparts.h"
#include "syntheticrun.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#endif

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {

// Overrides for the hand-built body of tinyFile(): a field name -> the value written instead.
using Overrides = QHash<QString, qint64>;

// A minimal file written field by field from the README's description of format 1.0, apart
// from the encoder, so that a test can damage exactly one field.
QByteArray tinyBody(const Overrides &o, bool runFirst = false, bool withRun = true)
{
    using namespace RunFileBinary;
    const auto v = [&o](const char *name, qint64 fallback) {
        return o.value(QLatin1String(name), fallback);
    };
    QByteArray strings;
    {
        Writer w(&strings);
        w.varint(quint64(v("stringCount", 4)));
        for (const char *s : {"", "async", "http://x/", "await reply"})
            w.bytes(QByteArray(s));
    }
    QByteArray run;
    {
        Writer w(&run);
        w.varint(quint64(v("strategyIndex", 1)));
        w.zigzag(v("concurrency", 0));
        for (int i = 1; i < 7; ++i)
            w.zigzag(0);
        w.zigzag(v("endNs", 100));
        w.zigzag(1);
        w.zigzag(v("insecure", 0));
        w.varint(1); // URLs
        w.varint(2);
        w.varint(2); // labels
        w.varint(quint64(v("firstLabel", 0)));
        w.varint(3);
        w.varint(quint64(v("taskCount", 1)));
        w.varint(quint64(v("urlIndex", 0)));
        w.u8(quint8(v("result", 1)));
        w.zigzag(-1);
        w.u8(1);
        w.zigzag(v("status", 200));
        w.zigzag(5);
        for (int i = 0; i < 5; ++i) // server figures and TLS handshake: none
            w.zigzag(-1);
        for (int i = 0; i < 5; ++i)
            w.varint(0);
        w.varint(quint64(v("eventCount", 3)));
        const qint64 ns[] = {v("ns0", 0), v("ns1", 10), v("ns2", 10)};
        for (const qint64 delta : ns)
            w.zigzag(delta);
        const int kinds[]
            = {int(EventKind::Created), int(EventKind::Admitted), int(EventKind::Finished)};
        for (int i = 0; i < 3; ++i)
            w.u8(quint8(v(QStringLiteral("kind%1").arg(i).toLatin1().constData(), kinds[i])));
        for (int i = 0; i < 3; ++i)
            w.varint(quint64(v(QStringLiteral("task%1").arg(i).toLatin1().constData(), 1)));
        for (int i = 0; i < 3; ++i)
            w.varint(quint64(v(QStringLiteral("label%1").arg(i).toLatin1().constData(), 0)));
        for (int i = 0; i < 3; ++i)
            w.zigzag(v(QStringLiteral("value%1").arg(i).toLatin1().constData(), 0));
    }
    QByteArray body;
    Writer w(&body);
    const auto section = [&](quint32 tag, const QByteArray &payload, qint64 extra) {
        w.u32(tag);
        w.u32(quint32(payload.size() + extra));
        body += payload;
    };
    if (runFirst && withRun)
        section(RunTag, run, 0);
    section(StringsTag, strings, 0);
    if (!runFirst && withRun)
        section(RunTag, run, v("runLengthExtra", 0));
    return body;
}

QJsonObject tinyHeader()
{
    return QJsonObject{
        {u"spec"_s,
         QJsonObject{{u"tasks"_s, 1},
                     {u"strategy"_s, u"async"_s},
                     {u"concurrency"_s, 0},
                     {u"connections_per_host"_s, 0},
                     {u"timeout_ms"_s, 0},
                     {u"workers"_s, 8},
                     {u"max_body_bytes"_s, 1073741824.0},
                     {u"lag_probe"_s, true},
                     {u"server_capacity"_s, 0}}},
        {u"runs"_s,
         QJsonArray{QJsonObject{{u"strategy"_s, u"async"_s}, {u"tasks"_s, 1}, {u"events"_s, 3}}}},
        {u"body"_s, QJsonObject{{u"encoding"_s, u"zlib"_s}}},
    };
}

QByteArray tinyFile(const Overrides &o = {}, bool runFirst = false, bool withRun = true)
{
    RunFileParts parts;
    parts.firstLine = "COROSCOPE-RUN 1.0 0.1.0";
    parts.header = tinyHeader();
    parts.body = tinyBody(o, runFirst, withRun);
    return joinRunFile(parts);
}

// The file with its header edited by `edit` (sizes fixed up afterwards unless it edits them).
template<typename Edit> QByteArray withHeader(Edit edit)
{
    RunFileParts parts = splitRunFile(tinyFile());
    edit(parts.header);
    return joinRunFile(parts);
}

QByteArray rawHeader(const QByteArray &file, const QByteArray &from, const QByteArray &to)
{
    QByteArray out = file;
    const qsizetype at = out.indexOf(from);
    return at < 0 ? QByteArray() : out.replace(at, from.size(), to);
}

void setSpec(QJsonObject &header, const QString &key, const QJsonValue &value)
{
    QJsonObject spec = header.value(u"spec"_s).toObject();
    spec.insert(key, value);
    header.insert(u"spec"_s, spec);
}

} // namespace

class TestRunFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QCoreApplication::setApplicationVersion(u"0.1.0"_s); }

    void roundTrip_data()
    {
        QTest::addColumn<int>("tasks");
        QTest::addColumn<bool>("comparison");
        QTest::newRow("one run") << 12 << false;
        QTest::newRow("a comparison with a stopped run") << 9 << true;
        QTest::newRow("one task") << 1 << false;
    }
    void roundTrip()
    {
        QFETCH(int, tasks);
        QFETCH(bool, comparison);
        const RunRecord record = syntheticRecord(tasks, comparison);
        const QByteArray file = encodeRunFile(record);
        RunRecord loaded;
        QString reason;
        QCOMPARE(decodeRunFile(file, &loaded, &reason), RunFile::Error::None);
        QVERIFY2(reason.isEmpty(), qPrintable(reason));
        // Everything the format holds comes back: encoding the loaded record gives the same bytes.
        QCOMPARE(encodeRunFile(loaded), file);
        QCOMPARE(loaded.runs.size(), record.runs.size());
        QCOMPARE(loaded.compare, record.compare);
        QCOMPARE(loaded.serverCapacity, record.serverCapacity);
        QCOMPARE(loaded.spec.tasks, record.spec.tasks);
        QCOMPARE(loaded.spec.concurrency, record.spec.concurrency);
        QCOMPARE(loaded.environment.os, record.environment.os);
        QCOMPARE(loaded.environment.recordedAt, record.environment.recordedAt);
        for (qsizetype r = 0; r < record.runs.size(); ++r) {
            const Trace &a = record.runs.at(r);
            const Trace &b = loaded.runs.at(r);
            QCOMPARE(b.strategy, a.strategy);
            QCOMPARE(b.urls, a.urls);
            QCOMPARE(b.labels, a.labels);
            QCOMPARE(b.endNs, a.endNs);
            QCOMPARE(b.startedMsSinceEpoch, a.startedMsSinceEpoch);
            QCOMPARE(b.settings.fileLimit, a.settings.fileLimit);
            QCOMPARE(b.events.size(), a.events.size());
            for (qsizetype i = 0; i < a.events.size(); ++i) {
                const TraceEvent &x = a.events.at(i);
                const TraceEvent &y = b.events.at(i);
                QVERIFY(x.ns == y.ns && x.task == y.task && x.kind == y.kind && x.label == y.label
                        && x.value == y.value);
            }
            for (qsizetype t = 0; t < a.tasks.size(); ++t) {
                QCOMPARE(b.tasks.at(t).error, a.tasks.at(t).error);
                QCOMPARE(b.tasks.at(t).responseHeaders, a.tasks.at(t).responseHeaders);
                QCOMPARE(b.tasks.at(t).worker, a.tasks.at(t).worker);
                QCOMPARE(b.tasks.at(t).serverQueuedMs, a.tasks.at(t).serverQueuedMs);
            }
        }
        // And so every export is the same, byte for byte.
        QCOMPARE(tasksCsv(loaded.runs), tasksCsv(record.runs));
        QCOMPARE(segmentsCsv(loaded.runs), segmentsCsv(record.runs));
        QCOMPARE(chromeTraceJson(loaded.runs), chromeTraceJson(record.runs));
        QCOMPARE(harJson(loaded.runs, u"0.1.0"_s), harJson(record.runs, u"0.1.0"_s));
    }

    // Every field of every run, task and event against the record that was saved, one by one:
    // a field the decoder dropped ("workers asked for" once was) fails here even though
    // encoding what was decoded could still give a file of the same shape.
    void everyFieldComesBack_data()
    {
        QTest::addColumn<bool>("comparison");
        QTest::addColumn<bool>("insecure");
        QTest::newRow("one run") << false << false;
        QTest::newRow("a comparison, certificates not checked") << true << true;
    }
    void everyFieldComesBack()
    {
        QFETCH(bool, comparison);
        QFETCH(bool, insecure);
        RunRecord record = syntheticRecord(7, comparison);
        record.spec.insecure = insecure;
        record.spec.timeoutMs = 30000;
        record.spec.workers = 3;
        record.spec.maxBodyBytes = 123456789;
        record.spec.lagProbe = false;
        record.embeddedServer = {u"http://127.0.0.1:37139"_s, u"https://127.0.0.1:37140"_s};
        for (Trace &t : record.runs)
            t.settings.insecure = insecure;
        RunRecord loaded;
        QString reason;
        QCOMPARE(decodeRunFile(encodeRunFile(record), &loaded, &reason), RunFile::Error::None);
        QVERIFY2(reason.isEmpty(), qPrintable(reason));

        QCOMPARE(loaded.spec.tasks, record.spec.tasks);
        QCOMPARE(loaded.spec.strategy, record.spec.strategy);
        QCOMPARE(loaded.spec.concurrency, record.spec.concurrency);
        QCOMPARE(loaded.spec.connectionsPerHost, record.spec.connectionsPerHost);
        QCOMPARE(loaded.spec.timeoutMs, record.spec.timeoutMs);
        QCOMPARE(loaded.spec.workers, record.spec.workers);
        QCOMPARE(loaded.spec.maxBodyBytes, record.spec.maxBodyBytes);
        QCOMPARE(loaded.spec.lagProbe, record.spec.lagProbe);
        QCOMPARE(loaded.spec.insecure, record.spec.insecure);
        QCOMPARE(loaded.serverCapacity, record.serverCapacity);
        QCOMPARE(loaded.compare, record.compare);
        QCOMPARE(loaded.embeddedServer, record.embeddedServer);
        const RunEnvironment &e = record.environment;
        const RunEnvironment &f = loaded.environment;
        QCOMPARE(f.coroscopeVersion, e.coroscopeVersion);
        QCOMPARE(f.qtVersion, e.qtVersion);
        QCOMPARE(f.qtBuildVersion, e.qtBuildVersion);
        QCOMPARE(f.qcoroVersion, e.qcoroVersion);
        QCOMPARE(f.os, e.os);
        QCOMPARE(f.kernel, e.kernel);
        QCOMPARE(f.cpuArchitecture, e.cpuArchitecture);
        QCOMPARE(f.cpuCount, e.cpuCount);
        QCOMPARE(f.recordedAt, e.recordedAt);
        QCOMPARE(loaded.runs.size(), record.runs.size());
        for (qsizetype r = 0; r < record.runs.size(); ++r) {
            const Trace &a = record.runs.at(r);
            const Trace &b = loaded.runs.at(r);
            QCOMPARE(b.strategy, a.strategy);
            QCOMPARE(b.settings.concurrency, a.settings.concurrency);
            QCOMPARE(b.settings.connectionsPerHost, a.settings.connectionsPerHost);
            QCOMPARE(b.settings.timeoutMs, a.settings.timeoutMs);
            QCOMPARE(b.settings.workers, a.settings.workers);
            QCOMPARE(b.settings.socketBudget, a.settings.socketBudget);
            QCOMPARE(b.settings.workersRequested, a.settings.workersRequested);
            QCOMPARE(b.settings.fileLimit, a.settings.fileLimit);
            QCOMPARE(b.settings.insecure, a.settings.insecure);
            QCOMPARE(b.urls, a.urls);
            QCOMPARE(b.labels, a.labels);
            QCOMPARE(b.endNs, a.endNs);
            QCOMPARE(b.startedMsSinceEpoch, a.startedMsSinceEpoch);
            QCOMPARE(b.tasks.size(), a.tasks.size());
            for (qsizetype i = 0; i < a.tasks.size(); ++i) {
                const TaskInfo &x = a.tasks.at(i);
                const TaskInfo &y = b.tasks.at(i);
                QCOMPARE(y.urlIndex, x.urlIndex);
                QCOMPARE(y.result, x.result);
                QCOMPARE(y.worker, x.worker);
                QCOMPARE(y.httpVersion, x.httpVersion);
                QCOMPARE(y.httpStatus, x.httpStatus);
                QCOMPARE(y.bytes, x.bytes);
                QCOMPARE(y.serverQueuedMs, x.serverQueuedMs);
                QCOMPARE(y.serverActive, x.serverActive);
                QCOMPARE(y.serverCapacity, x.serverCapacity);
                QCOMPARE(y.serverConnectionRequest, x.serverConnectionRequest);
                QCOMPARE(y.serverTlsHandshakeUs, x.serverTlsHandshakeUs);
                QCOMPARE(y.error, x.error);
                QCOMPARE(y.statusText, x.statusText);
                QCOMPARE(y.mimeType, x.mimeType);
                QCOMPARE(y.requestHeaders, x.requestHeaders);
                QCOMPARE(y.responseHeaders, x.responseHeaders);
            }
            QCOMPARE(b.events.size(), a.events.size());
            for (qsizetype i = 0; i < a.events.size(); ++i) {
                const TraceEvent &x = a.events.at(i);
                const TraceEvent &y = b.events.at(i);
                QCOMPARE(y.ns, x.ns);
                QCOMPARE(y.task, x.task);
                QCOMPARE(y.kind, x.kind);
                QCOMPARE(y.label, x.label);
                QCOMPARE(y.value, x.value);
            }
        }
        // The values above are not the defaults a lost field would come back as.
        const Trace &first = record.runs.constFirst();
        QVERIFY(first.settings.workersRequested != RunSettings().workersRequested);
        QVERIFY(first.settings.socketBudget != RunSettings().socketBudget);
        QVERIFY(first.settings.fileLimit != RunSettings().fileLimit);
        QVERIFY(first.tasks.at(0).serverTlsHandshakeUs != TaskInfo().serverTlsHandshakeUs);
    }

    // A stopped comparison lists strategies that never ran: its file keeps the list.
    void stoppedComparisonKeepsItsList()
    {
        RunRecord record = syntheticRecord(4, true); // its threads run was stopped
        record.compare.append(Strategy::Sequential);
        RunRecord loaded;
        QString reason;
        QCOMPARE(decodeRunFile(encodeRunFile(record), &loaded, &reason), RunFile::Error::None);
        QCOMPARE(loaded.compare, record.compare);
        QCOMPARE(loaded.runs.size(), 2);
    }

    void firstLines()
    {
        const QByteArray file = encodeRunFile(syntheticRecord(3, false));
        QVERIFY(file.startsWith("COROSCOPE-RUN 1.0 0.1.0\n{"));
        const RunFileParts parts = splitRunFile(file);
        QVERIFY(parts.ok);
        QCOMPARE(parts.header.value(u"environment"_s).toObject().value(u"qcoro"_s).toString(),
                 u"0.8.0"_s);
    }

    // A newer minor version may add header keys, sections and fields at the end of a section:
    // this version reads the file and skips what it does not know.
    void newerMinorVersionLoads()
    {
        RunFileParts parts = splitRunFile(tinyFile({{u"runLengthExtra"_s, 4}}));
        parts.body += "more"; // the run section's appended field
        parts.firstLine = "COROSCOPE-RUN 1.9 7.0.0";
        parts.header.insert(u"future"_s, QJsonObject{{u"x"_s, 1}});
        RunFileBinary::Writer w(&parts.body);
        w.u32(RunFileBinary::fourcc('X', 'T', 'R', 'A'));
        w.u32(3);
        parts.body += "abc";
        RunRecord record;
        QString reason;
        QCOMPARE(decodeRunFile(joinRunFile(parts), &record, &reason), RunFile::Error::None);
        QCOMPARE(record.runs.size(), 1);
        QCOMPARE(record.runs.constFirst().events.size(), 3);
    }

    void damage_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<int>("error");
        QTest::addColumn<QString>("message");
        const auto row
            = [](const char *name, const QByteArray &file, RunFile::Error error,
                 const QString &message) { QTest::newRow(name) << file << int(error) << message; };
        using E = RunFile::Error;
        const QByteArray good = tinyFile();
        row("the tiny file is good", good, E::None, QString());
        row("empty", QByteArray(), E::Truncated, u"it is empty"_s);
        row("cut inside the magic", "COROSC", E::Truncated, u"truncated after 6 bytes"_s);
        row("wrong magic: a PNG", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", E::NotRunFile,
            u"not a Coroscope run file"_s);
        row("wrong magic: text", "hello world\n", E::NotRunFile, u"not a Coroscope run file"_s);
        row("future major version", rawHeader(good, "RUN 1.0 0.1.0", "RUN 2.3 5.0.1"),
            E::NewerVersion, u"made by a newer Coroscope: version 5.0.1 (run file format 2.3)"_s);
        row("garbled version", rawHeader(good, "RUN 1.0", "RUN 1.x"), E::Corrupt,
            u"format version \"1.x\""_s);
        row("first line never ends", "COROSCOPE-RUN " + QByteArray(400, '1'), E::Corrupt,
            u"first line is longer"_s);
        row("cut inside the header", good.left(good.indexOf('\n') + 20), E::Truncated,
            u"truncated inside its header"_s);
        row("header not JSON", rawHeader(good, "{\"body\"", "{body"), E::Corrupt,
            u"header is not valid JSON"_s);
        row("NaN in the header", rawHeader(good, "\"concurrency\":0", "\"concurrency\":NaN"),
            E::Corrupt, u"header is not valid JSON"_s);
        row("infinite task count",
            rawHeader(good, "\"tasks\":1,\"timeout", "\"tasks\":1e999,\"timeout"), E::Corrupt,
            u"header is not valid JSON"_s);
        row("huge task count in the header",
            rawHeader(good, "\"tasks\":1,\"timeout", "\"tasks\":1e300,\"timeout"), E::Corrupt,
            u"\"spec.tasks\" is not a whole number from 0 to 100000"_s);
        row("fractional timeout",
            withHeader([](QJsonObject &h) { setSpec(h, u"timeout_ms"_s, 2.5); }), E::Corrupt,
            u"\"spec.timeout_ms\" is not a whole number"_s);
        row("negative workers", withHeader([](QJsonObject &h) { setSpec(h, u"workers"_s, -3); }),
            E::Corrupt, u"\"spec.workers\" is not a whole number"_s);
        row("text for a number",
            withHeader([](QJsonObject &h) { setSpec(h, u"concurrency"_s, u"ten"_s); }), E::Corrupt,
            u"\"spec.concurrency\" is not a whole number"_s);
        row("unknown strategy in the spec",
            withHeader([](QJsonObject &h) { setSpec(h, u"strategy"_s, u"magic"_s); }), E::Corrupt,
            u"\"spec.strategy\" is not a strategy"_s);
        row("unknown strategy in compare", withHeader([](QJsonObject &h) {
                h.insert(u"compare"_s, QJsonArray{u"async"_s, u"fastest"_s});
            }),
            E::Corrupt, u"\"compare\" lists \"fastest\", which is not a strategy"_s);
        row("no body description", withHeader([](QJsonObject &h) { h.remove(u"body"_s); }),
            E::Corrupt, u"\"body.encoding\""_s);
        row("preview does not match", withHeader([](QJsonObject &h) {
                h.insert(u"runs"_s,
                         QJsonArray{QJsonObject{
                             {u"strategy"_s, u"async"_s}, {u"tasks"_s, 1}, {u"events"_s, 4}}});
            }),
            E::Corrupt, u"run 1 is damaged: it has 3 events, but its header says 4"_s);
        row("truncated data", good.chopped(5), E::Truncated, u"it is truncated: its data"_s);
        row("bytes after the data", good + "xyz", E::Corrupt, u"3 unexpected bytes"_s);
        QByteArray flipped = good;
        flipped[flipped.size() - 1] = char(flipped.at(flipped.size() - 1) ^ 0x10); // the checksum
        row("a bit flipped in the compressed data", flipped, E::Corrupt,
            u"compressed data is damaged"_s);
        const auto sizeEdit = [&good](qint64 delta) -> QByteArray {
            RunFileParts parts = splitRunFile(good);
            QJsonObject body = parts.header.value(u"body"_s).toObject();
            const QByteArray compressed = good.mid(good.indexOf('\n', good.indexOf('\n') + 1) + 1);
            body.insert(u"size"_s, double(parts.body.size() + delta));
            parts.header.insert(u"body"_s, body);
            return parts.firstLine + '\n'
                + QJsonDocument(parts.header).toJson(QJsonDocument::Compact) + '\n' + compressed;
        };
        row("declared size too small", sizeEdit(-1), E::Corrupt, u"holds more than the"_s);
        row("declared size too large", sizeEdit(+1), E::Corrupt, u"does not match its header"_s);
        row("decompression bomb claim", sizeEdit((qint64(1) << 30) - 200), E::Corrupt,
            u"more than this format ever expands to"_s);
        row("huge task count", tinyFile({{u"taskCount"_s, 4294967295}}), E::Corrupt,
            u"claims 4294967295 tasks, more than the 100000"_s);
        row("task count beyond its bytes", tinyFile({{u"taskCount"_s, 5000}}), E::Corrupt,
            u"claims 5000 tasks, more than its remaining"_s);
        row("event count beyond its bytes", tinyFile({{u"eventCount"_s, 1000000000}}), E::Corrupt,
            u"claims 1000000000 events"_s);
        row("string count huge", tinyFile({{u"stringCount"_s, qint64(1) << 40}}), E::Corrupt,
            u"string table is damaged"_s);
        row("negative time", tinyFile({{u"ns0"_s, -5}}), E::Corrupt,
            u"event 0 is at a negative time (-5 ns)"_s);
        row("time going back", tinyFile({{u"ns2"_s, -3}}), E::Corrupt,
            u"event 2 (at 7 ns) is earlier than the event before it (at 10 ns)"_s);
        row("impossible time", tinyFile({{u"ns1"_s, qint64(1) << 55}}), E::Corrupt,
            u"event 1 is at an impossible time"_s);
        row("insecure flag neither 0 nor 1", tinyFile({{u"insecure"_s, 2}}), E::Corrupt,
            u"the insecure flag is 2, outside 0 to 1"_s);
        row("end beyond a run", tinyFile({{u"endNs"_s, qint64(1) << 52}}), E::Corrupt,
            u"the end time is"_s);
        row("unknown event kind", tinyFile({{u"kind1"_s, 200}}), E::Corrupt,
            u"event 1 has an unknown kind (200)"_s);
        row("event of an unknown task", tinyFile({{u"task1"_s, 7}}), E::Corrupt,
            u"event 1 refers to task 6, but the run has 1"_s);
        row("a task's event names the loop", tinyFile({{u"task2"_s, 0}}), E::Corrupt,
            u"event 2 (kind 4) belongs to a task but names the loop"_s);
        row("a loop event names a task", tinyFile({{u"kind1"_s, int(EventKind::AllDone)}}),
            E::Corrupt, u"event 1 (kind 7) belongs to the loop but names task 0"_s);
        row("unknown label", tinyFile({{u"label2"_s, 9}}), E::Corrupt,
            u"event 2 refers to label 9, but the run has 2"_s);
        row("unknown result", tinyFile({{u"result"_s, 9}}), E::Corrupt,
            u"task 0 has an unknown result (9)"_s);
        row("unknown URL", tinyFile({{u"urlIndex"_s, 3}}), E::Corrupt,
            u"task 0 refers to URL 3, but the run has 1"_s);
        row("unknown text", tinyFile({{u"strategyIndex"_s, 99}}), E::Corrupt,
            u"refers to text 99, but the string table has 4"_s);
        row("unknown strategy in a run", tinyFile({{u"strategyIndex"_s, 2}}), E::Corrupt,
            u"strategy \"http://x/\" is unknown"_s);
        row("first label not empty", tinyFile({{u"firstLabel"_s, 3}}), E::Corrupt,
            u"first label is not the empty one"_s);
        row("run before the strings", tinyFile({}, true), E::Corrupt,
            u"run 1 comes before the string table"_s);
        row("no run", tinyFile({}, false, false), E::Corrupt, u"holds no run"_s);
        row("section past the end", tinyFile({{u"runLengthExtra"_s, 100}}), E::Corrupt,
            u"runs past the end of the data"_s);

        // Values a run cannot hold (issue 17.9): an end of 1 ns once printed a speed-up of a
        // billion. Each is refused with what is impossible about it.
        row("end before its last event", tinyFile({{u"endNs"_s, 1}}), E::Corrupt,
            u"it ends at 1 ns, before its last event (at 20 ns)"_s);
        row("no end", tinyFile({{u"endNs"_s, -1}}), E::Corrupt,
            u"it has no end time, but a saved run has ended"_s);
        row("an event before its task was created",
            tinyFile({{u"kind0"_s, int(EventKind::Admitted)}}), E::Corrupt,
            u"event 0 (kind 1) happens to task 0 before it was created"_s);
        row("a task created twice", tinyFile({{u"kind1"_s, int(EventKind::Created)}}), E::Corrupt,
            u"event 1 creates task 0 a second time"_s);
        row("a task finished twice", tinyFile({{u"kind1"_s, int(EventKind::Finished)}}), E::Corrupt,
            u"event 2 finishes task 0 a second time"_s);
        row("finished without a result", tinyFile({{u"result"_s, 0}}), E::Corrupt,
            u"task 0 finished but has no result"_s);
        row("a task never created",
            tinyFile({{u"kind0"_s, int(EventKind::LagSample)},
                      {u"kind1"_s, int(EventKind::LagSample)},
                      {u"kind2"_s, int(EventKind::LagSample)},
                      {u"task0"_s, 0},
                      {u"task1"_s, 0},
                      {u"task2"_s, 0}}),
            E::Corrupt, u"task 0 was never created"_s);
        row("a result without finishing", tinyFile({{u"kind2"_s, int(EventKind::Resumed)}}),
            E::Corrupt, u"task 0 has a result (ok) but never finished"_s);
        row("a negative lag",
            tinyFile({{u"kind1"_s, int(EventKind::LagSample)}, {u"task1"_s, 0}, {u"value1"_s, -5}}),
            E::Corrupt, u"event 1 (kind 6) has a negative value (-5)"_s);
        row("an HTTP status beyond 999", tinyFile({{u"status"_s, 1000}}), E::Corrupt,
            u"a task's HTTP status is 1000, outside 0 to 999"_s);
        row("settings other than the spec's", tinyFile({{u"concurrency"_s, 7}}), E::Corrupt,
            u"are not those of its header's spec"_s);
        row("an absurd concurrency", tinyFile({{u"concurrency"_s, 1 << 30}}), E::Corrupt,
            u"the concurrency limit is 1073741824, outside 0 to 100000"_s);
        row("fewer tasks than the spec", withHeader([](QJsonObject &h) {
                setSpec(h, u"tasks"_s, 2);
                h.insert(u"runs"_s,
                         QJsonArray{QJsonObject{
                             {u"strategy"_s, u"async"_s}, {u"tasks"_s, 2}, {u"events"_s, 3}}});
            }),
            E::Corrupt, u"run 1 is damaged: it has 1 tasks, but its header's spec says 2"_s);
        row("a preview with other tasks than the spec",
            withHeader([](QJsonObject &h) { setSpec(h, u"tasks"_s, 2); }), E::Corrupt,
            u"\"tasks\" or \"events\" of a run are not its spec's task count"_s);

        // A comparison's runs follow its "compare" list (issue 18.15).
        row("compare naming a strategy that did not run", withHeader([](QJsonObject &h) {
                h.insert(u"compare"_s, QJsonArray{u"async"_s, u"threads"_s});
            }),
            E::Corrupt, u"lists threads, which did not run, and its last run was not stopped"_s);
        row("compare naming another strategy than the run's",
            withHeader([](QJsonObject &h) { h.insert(u"compare"_s, QJsonArray{u"threads"_s}); }),
            E::Corrupt, u"says run 1 is async, where its spec and \"compare\" say threads"_s);
        row("a single run of another strategy than its spec",
            withHeader([](QJsonObject &h) { setSpec(h, u"strategy"_s, u"sequential"_s); }),
            E::Corrupt, u"says run 1 is async, where its spec and \"compare\" say sequential"_s);

        // Words that say what is wrong (issue 18.16).
        row("header an array",
            rawHeader(good,
                      good.mid(good.indexOf('\n') + 1,
                               good.indexOf('\n', good.indexOf('\n') + 1) - good.indexOf('\n') - 1),
                      "[1,2]"),
            E::Corrupt, u"its header is a JSON array, where an object is expected"_s);
        row("compare a string",
            withHeader([](QJsonObject &h) { h.insert(u"compare"_s, u"async"_s); }), E::Corrupt,
            u"its header's \"compare\" is not a list of strategy names"_s);
        row("compare an empty list",
            withHeader([](QJsonObject &h) { h.insert(u"compare"_s, QJsonArray()); }), E::Corrupt,
            u"its header's \"compare\" is an empty list"_s);
        row("compare repeating a strategy", withHeader([](QJsonObject &h) {
                h.insert(u"compare"_s, QJsonArray{u"async"_s, u"async"_s});
            }),
            E::Corrupt, u"its header's \"compare\" lists async twice"_s);
        row("embedded server not on loopback", withHeader([](QJsonObject &h) {
                h.insert(u"embedded_server"_s, QJsonArray{u"http://example.com:80"_s});
            }),
            E::Corrupt,
            u"\"embedded_server\" holds \"http://example.com:80\", which is not a loopback"_s);
        row("embedded server not a list", withHeader([](QJsonObject &h) {
                h.insert(u"embedded_server"_s, u"http://127.0.0.1:8765"_s);
            }),
            E::Corrupt, u"\"embedded_server\" is not a list of one or two addresses"_s);
    }
    void damage()
    {
        QFETCH(QByteArray, file);
        QFETCH(int, error);
        QFETCH(QString, message);
        RunRecord record;
        QString reason;
        const RunFile::Error got = decodeRunFile(file, &record, &reason);
        QVERIFY2(reason.contains(message), qPrintable(reason));
        QCOMPARE(int(got), error);
        if (got != RunFile::Error::None)
            QVERIFY(record.runs.isEmpty() || !reason.isEmpty());
    }

    void files_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        QTest::newRow("missing") << u"/nonexistent/run.coroscope"_s << u"no such file"_s;
        QTest::newRow("a directory") << u"/tmp"_s << u"not a regular file"_s;
        QTest::newRow("a device") << u"/dev/zero"_s << u"not a regular file"_s;
    }
    void files()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        RunRecord record;
        QString error;
        QCOMPARE(loadRunFile(path, &record, &error), RunFile::Error::Unreadable);
        QVERIFY2(error.startsWith(u"cannot open "_s + path + u": "_s), qPrintable(error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void fifoDoesNotBlock()
    {
#ifdef Q_OS_UNIX
        QTemporaryDir dir;
        const QString fifo = dir.filePath(u"run.coroscope"_s);
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        RunRecord record;
        QString error;
        QCOMPARE(loadRunFile(fifo, &record, &error), RunFile::Error::Unreadable);
        QVERIFY(error.contains(u"not a regular file"_s));
#endif
    }

    void saveAndLoad()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"r.coroscope"_s);
        const RunRecord record = syntheticRecord(5, true);
        QString error;
        QVERIFY2(saveRunFile(path, record, &error), qPrintable(error));
        RunRecord loaded;
        QCOMPARE(loadRunFile(path, &loaded, &error), RunFile::Error::None);
        QCOMPARE(encodeRunFile(loaded), encodeRunFile(record));
        // Refused like every other output: a device is not replaced.
        QVERIFY(!saveRunFile(u"/dev/null"_s, record, &error));
        QVERIFY(error.contains(u"not a regular file"_s));
    }
};

QTEST_GUILESS_MAIN(TestRunFile)
#include "tst_runfile.moc"
