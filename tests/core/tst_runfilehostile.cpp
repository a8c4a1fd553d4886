// Hostile run files (issue 18, points 8 and 14): files built to cost memory out of proportion
// to their size are refused before anything is allocated for them, and the text of a file that
// loads is let in as network text: no control character reaches a terminal, a CSV or a
// warning, and no URL password reaches an export.
#include "io/comparedruns.h"
#include "io/csv.h"
#include "io/har.h"
#include "io/runfile.h"
#include "io/runfilebinary_p.h"
#include "runfileparts.h"
#include "syntheticrun.h"

#include <QJsonArray>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {

bool hasControl(const QString &text)
{
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if ((c < 0x20 && c != u'\n') || (c >= 0x7f && c < 0xa0) || c == 0x202e)
            return true;
    }
    return false;
}

bool hasControl(const QByteArray &bytes)
{
    return hasControl(QString::fromUtf8(bytes));
}

QByteArray fileOf(const QJsonObject &header, const QByteArray &body)
{
    RunFileParts parts;
    parts.firstLine = "COROSCOPE-RUN 1.1 0.1.0";
    parts.header = header;
    parts.body = body;
    return joinRunFile(parts);
}

QJsonObject specJson(int tasks)
{
    return QJsonObject{{u"tasks"_s, tasks},
                       {u"strategy"_s, u"async"_s},
                       {u"concurrency"_s, 0},
                       {u"connections_per_host"_s, 0},
                       {u"timeout_ms"_s, 0},
                       {u"workers"_s, 8},
                       {u"max_body_bytes"_s, 1073741824.0},
                       {u"server_capacity"_s, 0}};
}

// A RUN section of `tasks` identical rows (all created at 0 ns, none finished): what deflate
// shrinks most, the shape of the 41 KB file that once took 192 MB.
// With `everyTask` false every event creates task 0 again and again: the events column then
// deflates to nothing, as the task rows do.
QByteArray identicalRun(int tasks, bool everyTask = true)
{
    using namespace RunFileBinary;
    QByteArray run;
    Writer w(&run);
    w.varint(1); // "async"
    for (int i = 0; i < 7; ++i)
        w.zigzag(0);
    w.zigzag(100); // end
    w.zigzag(1);
    w.zigzag(0);
    w.varint(1); // one URL
    w.varint(2);
    w.varint(1); // one label: the empty one
    w.varint(0);
    w.varint(quint64(tasks));
    for (int t = 0; t < tasks; ++t) {
        w.varint(0);
        w.u8(0);
        w.zigzag(-1);
        w.u8(0);
        for (int i = 0; i < 2; ++i)
            w.zigzag(0);
        for (int i = 0; i < 5; ++i)
            w.zigzag(-1);
        for (int i = 0; i < 5; ++i)
            w.varint(0);
    }
    w.varint(quint64(tasks)); // one creation each, all at 0 ns
    for (int column = 0; column < 2; ++column) {
        for (int t = 0; t < tasks; ++t)
            column == 0 ? w.zigzag(0) : w.u8(quint8(EventKind::Created));
    }
    for (int t = 0; t < tasks; ++t)
        w.varint(everyTask ? quint64(t) + 1 : 1);
    for (int column = 0; column < 2; ++column) {
        for (int t = 0; t < tasks; ++t)
            w.varint(0);
    }
    return run;
}

using RunFileBinary::appendSection;

QByteArray smallStrings()
{
    RunFileBinary::StringTable table;
    for (const char *s : {"async", "http://x/"})
        table.add(QByteArray(s));
    return table.encode();
}

} // namespace

class TestRunFileHostile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QCoreApplication::setApplicationVersion(u"0.1.0"_s); }

    // Files far smaller than what they would decode to: each is refused, and the test says
    // how large it is, so that a looser check shows up here rather than in a user's swap.
    void refusedBeforeAllocating_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("message");

        // 16 million empty strings in a few KB: ~49 bytes each once, 840 MB from 16 KB.
        {
            QByteArray table;
            RunFileBinary::Writer w(&table);
            const int count = 16 << 20;
            w.varint(count);
            table.append(QByteArray(count, '\0'));
            QByteArray body;
            appendSection(&body, RunFileBinary::StringsTag, table);
            QJsonObject header{{u"spec"_s, specJson(1)},
                               {u"runs"_s, QJsonArray{}},
                               {u"body"_s, QJsonObject{{u"encoding"_s, u"zlib"_s}}}};
            QTest::newRow("16 million empty strings")
                << fileOf(header, body) << u"more than this format ever expands to"_s;
        }
        // The same bomb within the expansion a small file may have: a second empty string is
        // not what the writer makes (it keeps every text once).
        {
            QByteArray table;
            RunFileBinary::Writer w(&table);
            const int count = 500000;
            w.varint(count);
            table.append(QByteArray(count, '\0'));
            QByteArray body;
            appendSection(&body, RunFileBinary::StringsTag, table);
            QJsonObject header{{u"spec"_s, specJson(1)},
                               {u"runs"_s, QJsonArray{}},
                               {u"body"_s, QJsonObject{{u"encoding"_s, u"zlib"_s}}}};
            QTest::newRow("half a million empty strings")
                << fileOf(header, body) << u"string 1 is a second empty string"_s;
        }
        // 9 compared runs of identical tasks (9 x 100,000 in 41 KB once took 192 MB).
        {
            QByteArray body;
            appendSection(&body, RunFileBinary::StringsTag, smallStrings());
            const QByteArray run = identicalRun(70000, false);
            appendSection(&body, RunFileBinary::RunTag, run);
            QJsonArray compared;
            for (int i = 0; i < 9; ++i) {
                appendSection(&body, RunFileBinary::ComparedRunTag, run);
                compared.append(QJsonObject{{u"source"_s, u"x.coroscope"_s},
                                            {u"strategy"_s, u"async"_s},
                                            {u"tasks"_s, 70000},
                                            {u"events"_s, 70000},
                                            {u"spec"_s, specJson(70000)}});
            }
            QJsonObject header{
                {u"spec"_s, specJson(70000)},
                {u"runs"_s,
                 QJsonArray{QJsonObject{
                     {u"strategy"_s, u"async"_s}, {u"tasks"_s, 70000}, {u"events"_s, 70000}}}},
                {u"compared"_s, compared},
                {u"body"_s, QJsonObject{{u"encoding"_s, u"zlib"_s}}}};
            QTest::newRow("10 runs x 70,000 identical tasks")
                << fileOf(header, body) << u"more than this format ever expands to"_s;
        }
        // Within the expansion a small file may have: 45,000 tasks of which only the first is
        // ever created. A real run creates every task: each names its own in the events.
        {
            QByteArray body;
            appendSection(&body, RunFileBinary::StringsTag, smallStrings());
            appendSection(&body, RunFileBinary::RunTag, identicalRun(45000, false));
            QJsonObject header{
                {u"spec"_s, specJson(45000)},
                {u"runs"_s,
                 QJsonArray{QJsonObject{
                     {u"strategy"_s, u"async"_s}, {u"tasks"_s, 45000}, {u"events"_s, 45000}}}},
                {u"body"_s, QJsonObject{{u"encoding"_s, u"zlib"_s}}}};
            QTest::newRow("45,000 tasks, one created")
                << fileOf(header, body) << u"event 1 creates task 0 a second time"_s;
        }
        // Ten runs where no comparison is: only one run section is read, whatever the others.
        {
            QByteArray body;
            appendSection(&body, RunFileBinary::StringsTag, smallStrings());
            QJsonArray previews;
            for (int i = 0; i < 10; ++i) {
                appendSection(&body, RunFileBinary::RunTag, identicalRun(1000));
                previews.append(QJsonObject{
                    {u"strategy"_s, u"async"_s}, {u"tasks"_s, 1000}, {u"events"_s, 1000}});
            }
            QJsonObject header{{u"spec"_s, specJson(1000)},
                               {u"runs"_s, previews},
                               {u"body"_s, QJsonObject{{u"encoding"_s, u"zlib"_s}}}};
            QTest::newRow("ten runs without a comparison")
                << fileOf(header, body) << u"more than one run, but its header has no"_s;
        }
    }
    void refusedBeforeAllocating()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, message);
        qInfo("file of %lld bytes", qint64(file.size()));
        RunRecord record;
        QString reason;
        QCOMPARE(decodeRunFile(file, &record, &reason), RunFile::Error::Corrupt);
        QVERIFY2(reason.contains(message), qPrintable(reason));
        QVERIFY(record.runs.isEmpty() || !reason.isEmpty());
    }

    // Text from a file is network text: a hostile file's escapes and passwords are gone from
    // the record, and so from every export, warning and summary made from it.
    void textIsNetworkText()
    {
        const QString esc = u"\x1b]0;pwned\x07\x1b[2J"_s;
        RunRecord record = syntheticRecord(5, false);
        record.environment.qtVersion = u"6.4.2"_s + esc;
        record.environment.os = u"Debian"_s + esc + u"\u202e"_s;
        Trace &trace = record.runs.first();
        trace.urls[1] = u"https://user:hunter2@example.com/p"_s;
        trace.labels[1] = u"await loop"_s + esc;
        for (TaskInfo &t : trace.tasks) {
            t.error = u"failed "_s + esc + u" at http://bob:hunter2@example.com/x"_s;
            t.statusText = u"OK"_s + esc;
            t.mimeType = "text/plain\x1b[31m";
            t.responseHeaders = "Location: http://eve:hunter2@example.com/\nX-Evil: a\x1b[2Jb\n";
        }
        record.spec.urls = {QUrl(trace.urls.at(1))};

        RunRecord loaded;
        QString reason;
        QCOMPARE(decodeRunFile(encodeRunFile(record), &loaded, &reason), RunFile::Error::None);
        const Trace &got = loaded.runs.constFirst();
        QCOMPARE(got.urls.at(1), u"https://user:***@example.com/p"_s);
        QCOMPARE(got.labels.at(1), u"await loop]0;pwned[2J"_s);
        QVERIFY(!hasControl(loaded.environment.qtVersion));
        QVERIFY(!hasControl(loaded.environment.os));
        for (const TaskInfo &t : got.tasks) {
            QVERIFY2(!hasControl(t.error), qPrintable(t.error));
            QVERIFY(t.error.contains(u"http://bob:***@example.com/x"_s));
            QVERIFY(!hasControl(t.statusText));
            QVERIFY(!hasControl(t.mimeType));
            QCOMPARE(t.responseHeaders,
                     QByteArray("Location: http://eve:***@example.com/\nX-Evil: a[2Jb\n"));
        }
        // The exports made from it: no escape, no password.
        const QByteArray csv = tasksCsv(loaded.runs);
        const QByteArray har = harJson(loaded.runs, u"0.1.0"_s);
        for (const QByteArray &out : {csv, har, segmentsCsv(loaded.runs)}) {
            QVERIFY(!out.contains('\x1b'));
            QVERIFY(!out.contains("hunter2"));
        }
        // The "not comparable" warning quotes the header's Qt version and OS.
        RunRecord here = syntheticRecord(5, false);
        here.comparedRuns = comparedRunsOf(loaded, u"hostile.coroscope"_s);
        const QStringList warnings = comparabilityWarnings(here);
        QVERIFY(!warnings.isEmpty());
        for (const QString &warning : warnings)
            QVERIFY2(!hasControl(warning), qPrintable(warning));
    }
};

QTEST_GUILESS_MAIN(TestRunFileHostile)
#include "tst_runfilehostile.moc"
