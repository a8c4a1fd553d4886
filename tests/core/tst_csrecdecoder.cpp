// The recording reader (app/record/csrecdecoder.h) on hand-written csrec streams
// (recorders/FORMAT.md), and what a recording becomes in the model: run file round trip, CSV
// columns, Chrome trace names, the summary's "program_exit" and the diagnostics' words.

#include "io/chrometrace.h"
#include "io/csv.h"
#include "io/runfile.h"
#include "record/csrecdecoder.h"
#include "runfileparts.h"
#include "trace/diagnostics.h"
#include "trace/recorder.h"
#include "trace/retention.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;

namespace {

QByteArray header(int major = 1, int minor = 0)
{
    return "CSREC\t" + QByteArray::number(major) + '\t' + QByteArray::number(minor)
        + "\tpython\t0.1\tCPython-3.11.2\t4242\t1700000000000\n";
}

// A program of three tasks on one loop: main (1) creates fetch (2) and a child (3); main awaits
// 2, whose end wakes it; 3 fails; a callback runs on 2; the loop idles; a blocking call holds it;
// 2 makes one HTTP request; a warning; counts; the end.
QByteArray wholeProgram()
{
    return header()
        + "S\t1\tMainThread loop\n"
          "L\t1\t1\n"
          "S\t2\tTask-1\n"
          "S\t3\tmain\n"
          "S\t4\tprog.py:20\n"
          "T\t1000\t1\t1\t0\t2\t3\t4\n"
          "Q\t1000\t1\n"
          "R\t2000\t1\t1\t0\n"
          "S\t5\tTask-2\n"
          "S\t6\tmain.<locals>.fetch\n"
          "S\t7\tprog.py:8\n"
          "T\t3000\t2\t1\t1\t5\t6\t7\n"
          "S\t8\tfetcher\n"
          "N\t3000\t2\t8\n"
          "S\t9\tTask-3\n"
          "S\t10\tboom\n"
          "S\t11\tprog.py:14\n"
          "T\t3500\t3\t1\t1\t9\t10\t11\n"
          "S\t12\tfetcher\n"
          "S\t13\tprog.py:22\n"
          "A\t4000\t1\t12\t13\t2\n"
          "R\t5000\t2\t1\t0\n"
          "S\t14\tasyncio.sleep\n"
          "A\t6000\t2\t14\t7\t0\n"
          "R\t6500\t3\t1\t0\n"
          "S\t15\tValueError: bad value\n"
          "D\t7000\t3\t-\t15\t11\n"
          "D\t7000\t3\terror\t15\t11\n"
          "I\t8000\t1\n"
          "B\t9000\t1\n"
          "R\t10000000\t2\t1\t0\n"
          "S\t16\ttime.sleep\n"
          "S\t17\tprog.py:12\n"
          "H\t310000000\t1\t2\t300000000\t16\t17\n"
          "S\t18\tGET\n"
          "S\t19\thttp://user:secret@127.0.0.1:8080/get\n"
          "P\t310000000\t2\t1\tqueued\n"
          "P\t311000000\t2\t1\treply finished\n"
          "U\t311000000\t2\t1\t18\t19\t200\t42\n"
          "D\t312000000\t2\tok\t0\t0\n"
          "S\t20\tmain.<locals>.on_done\n"
          "C\t312500000\t2\t20\t1\t20000\n"
          "R\t313000000\t1\t1\t2\n"
          "S\t21\tcoroutine 'late' was never awaited\n"
          "W\t314000000\t0\tnever-awaited\t21\t4\n"
          "D\t315000000\t1\tok\t0\t4\n"
          "Z\t315000000\t40\t3\n"
          "E\t316000000\texit\t1\n";
}

Trace decode(const QByteArray &stream, qsizetype maxTasks = Retention::DefaultMaxTasks,
             qsizetype chunk = 0, CsrecDecoder **keep = nullptr)
{
    TraceRecorder recorder{QStringLiteral("async")};
    CsrecDecoder decoder(&recorder, maxTasks);
    if (chunk <= 0) {
        decoder.feed(stream);
    } else {
        for (qsizetype at = 0; at < stream.size(); at += chunk)
            decoder.feed(QByteArrayView(stream).sliced(at, std::min(chunk, stream.size() - at)));
    }
    decoder.finish();
    Q_UNUSED(keep);
    return recorder.snapshot();
}

QList<EventKind> kindsOf(const Trace &trace, quint32 task)
{
    QList<EventKind> kinds;
    for (const TraceEvent &e : trace.events) {
        if (e.task == task)
            kinds << e.kind;
    }
    return kinds;
}

bool inTimeOrder(const Trace &trace)
{
    for (qsizetype i = 1; i < trace.events.size(); ++i) {
        if (trace.events.at(i).ns < trace.events.at(i - 1).ns)
            return false;
    }
    return true;
}

} // namespace

class TestCsrecDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyRecordKind()
    {
        const Trace trace = decode(wholeProgram());
        QVERIFY(trace.isRecording());
        QVERIFY(trace.isComplete());
        QCOMPARE(trace.tasks.size(), 3);
        QCOMPARE(trace.startedMsSinceEpoch, 1700000000000);
        QCOMPARE(trace.lanes, QStringList({QString(), QStringLiteral("MainThread loop")}));
        const TaskInfo &main = trace.tasks.at(0);
        QCOMPARE(main.name, QStringLiteral("Task-1"));
        QCOMPARE(main.coroutine, QStringLiteral("main"));
        QCOMPARE(main.createdAt, QStringLiteral("prog.py:20"));
        QCOMPARE(main.parent, -1);
        QCOMPARE(main.lane, quint16(1));
        QCOMPARE(main.result, TaskResult::Ok);
        const TaskInfo &fetch = trace.tasks.at(1);
        QCOMPARE(fetch.name, QStringLiteral("fetcher")); // renamed by N
        QCOMPARE(fetch.coroutine, QStringLiteral("main.<locals>.fetch"));
        QCOMPARE(fetch.parent, 0);
        QCOMPARE(fetch.result, TaskResult::Ok);
        QCOMPARE(fetch.httpStatus, 200);
        QCOMPARE(fetch.bytes, 42);
        QCOMPARE(trace.url(1), QStringLiteral("http://user:***@127.0.0.1:8080/get"));
        QCOMPARE(trace.url(0), QString()); // no request: the empty URL
        const TaskInfo &boom = trace.tasks.at(2);
        QCOMPARE(boom.result, TaskResult::Error);
        QCOMPARE(boom.error, QStringLiteral("ValueError: bad value"));

        QCOMPARE(kindsOf(trace, 0),
                 QList<EventKind>({EventKind::Created, EventKind::Ready, EventKind::Admitted,
                                   EventKind::Suspended, EventKind::WokenBy, EventKind::Resumed,
                                   EventKind::Finished}));
        QCOMPARE(kindsOf(trace, 1),
                 QList<EventKind>({EventKind::Created, EventKind::Admitted, EventKind::Suspended,
                                   EventKind::Resumed, EventKind::Hold, EventKind::Network,
                                   EventKind::Finished, EventKind::DoneCallback}));
        QList<EventKind> loop = kindsOf(trace, LoopTask);
        QCOMPARE(loop,
                 QList<EventKind>({EventKind::LoopIdle, EventKind::LoopBusy, EventKind::Warning}));

        // Labels: what it awaits at where; the hold's call at where.
        QStringList suspensions;
        for (const TraceEvent &e : trace.events) {
            if (e.kind == EventKind::Suspended)
                suspensions << trace.label(e.label);
            if (e.kind == EventKind::WokenBy)
                QCOMPARE(e.value, 1); // fetcher's end woke main
            if (e.kind == EventKind::Hold) {
                QCOMPARE(trace.label(e.label), QStringLiteral("time.sleep at prog.py:12"));
                QCOMPARE(e.value, 300000); // microseconds
                QCOMPARE(e.lane, quint8(1));
            }
        }
        QCOMPARE(suspensions,
                 QStringList({QStringLiteral("fetcher at prog.py:22"),
                              QStringLiteral("asyncio.sleep at prog.py:8")}));
        QVERIFY(inTimeOrder(trace));

        QVERIFY(trace.program);
        const ProgramRun &p = *trace.program;
        QCOMPARE(p.recorder, QStringLiteral("python"));
        QCOMPARE(p.runtime, QStringLiteral("CPython-3.11.2"));
        QCOMPARE(p.pid, 4242);
        QCOMPARE(p.end, ProgramEnd::Exited);
        QCOMPARE(p.status, 1);
        QCOMPARE(p.wallNs, 316000000);
        QCOMPARE(p.recorded, 40);
        QCOMPARE(p.dropped, 3);
        QCOMPARE(p.damagedLines, 1); // the D with result "-"
        QCOMPARE(trace.endNs, 316000000);
    }

    // Fed a byte at a time, or in odd slices, the stream gives the same trace.
    void sliced_data()
    {
        QTest::addColumn<int>("chunk");
        QTest::newRow("one byte") << 1;
        QTest::newRow("seven bytes") << 7;
        QTest::newRow("a line and a half") << 45;
    }
    void sliced()
    {
        QFETCH(int, chunk);
        const Trace whole = decode(wholeProgram());
        Trace pieces = decode(wholeProgram(), Retention::DefaultMaxTasks, chunk);
        QCOMPARE(pieces.tasks.size(), whole.tasks.size());
        // A name that arrives in a later slice than its task is a Renamed event of its own.
        pieces.events.removeIf([](const TraceEvent &e) { return e.kind == EventKind::Renamed; });
        QCOMPARE(pieces.events.size(), whole.events.size());
        for (qsizetype i = 0; i < whole.events.size(); ++i) {
            QCOMPARE(pieces.events.at(i).kind, whole.events.at(i).kind);
            QCOMPARE(pieces.events.at(i).ns, whole.events.at(i).ns);
        }
        QCOMPARE(pieces.tasks.at(1).name, whole.tasks.at(1).name);
        QCOMPARE(*pieces.program, *whole.program);
    }

    void damagedLines()
    {
        const QByteArray stream = header()
            + "S\t1\tt\n"
              "garbage without tabs\n"
              "T\tnot-a-number\t1\t0\t0\t1\t0\t0\n"
              "T\t100\t1\t0\t0\t1\t0\t0\n"
              "T\t100\t1\t0\t0\t1\t0\t0\n" // the same id again
              "R\t200\t1\n" // too few fields
              "R\t200\t99\t0\t0\n" // a task never created
              "A\t300\t1\t77\t0\t0\n" // string 77 never defined
              "\n"
              "R\t400\t1\t0\t0\n"
              "D\t500\t1\tok\t0\t0\n";
        const Trace trace = decode(stream);
        QCOMPARE(trace.tasks.size(), 1);
        QCOMPARE(trace.tasks.at(0).result, TaskResult::Ok);
        QCOMPARE(trace.program->damagedLines, 7);
        QCOMPARE(kindsOf(trace, 0),
                 QList<EventKind>({EventKind::Created, EventKind::Admitted, EventKind::Finished}));
    }

    void truncated()
    {
        QByteArray stream = wholeProgram();
        stream.truncate(stream.indexOf("R\t10000000") + 6); // inside a line
        const Trace trace = decode(stream);
        QCOMPARE(trace.program->end, ProgramEnd::Cut);
        QCOMPARE(trace.program->damagedLines, 2); // the bad D, the cut line
        QCOMPARE(trace.tasks.size(), 3);
        QCOMPARE(trace.tasks.at(1).result, TaskResult::Unfinished); // kept as it was
        QVERIFY(trace.isComplete());
        QCOMPARE(trace.endNs, 9000);
    }

    void unknownKindsAndExtraFields()
    {
        const QByteArray stream = header(1, 7)
            + "S\t1\tt\tan extra field\n"
              "X\t100\twhatever\tnew\n"
              "T\t100\t1\t0\t0\t1\t0\t0\textra\tfields\n"
              "y\t150\n"
              "R\t200\t1\t0\t0\t9\n"
              "D\t300\t1\tok\t0\t0\n";
        const Trace trace = decode(stream);
        QCOMPARE(trace.program->formatMinor, 7);
        QCOMPARE(trace.program->unknownRecords, 2);
        QCOMPARE(trace.program->damagedLines, 0);
        QCOMPARE(trace.tasks.size(), 1);
        QCOMPARE(trace.tasks.at(0).name, QStringLiteral("t"));
        QCOMPARE(trace.tasks.at(0).result, TaskResult::Ok);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("stream");
        QTest::addColumn<QString>("words");
        QTest::newRow("newer major") << header(2, 0) + "T\t1\t1\t0\t0\t0\t0\t0\n"
                                     << QStringLiteral("format 2.0; this Coroscope reads 1.x");
        QTest::newRow("not a recording")
            << QByteArray("COROSCOPE-RUN 1.3\n{}\n") << QStringLiteral("not a Coroscope recording");
        QTest::newRow("no version") << QByteArray("CSREC\tx\ty\n") << QStringLiteral("no version");
    }
    void refused()
    {
        QFETCH(QByteArray, stream);
        QFETCH(QString, words);
        TraceRecorder recorder{QStringLiteral("async")};
        CsrecDecoder decoder(&recorder);
        QVERIFY(!decoder.feed(stream));
        QVERIFY(decoder.isRefused());
        QVERIFY2(decoder.error().contains(words), qPrintable(decoder.error()));
        QVERIFY(!decoder.feed("T\t1\t1\t0\t0\t0\t0\t0\n")); // stays refused
        QCOMPARE(recorder.snapshot().tasks.size(), 0);
        QString why;
        Trace trace;
        QVERIFY(!decodeRecording(stream, &trace, &why));
        QVERIFY2(why.contains(words), qPrintable(why));
    }

    // A line over 64 KiB is damaged, whether it arrives whole or in pieces; the next is read.
    void hugeLine_data()
    {
        QTest::addColumn<int>("chunk");
        QTest::newRow("whole") << 0;
        QTest::newRow("4 KiB pieces") << 4096;
    }
    void hugeLine()
    {
        QFETCH(int, chunk);
        const QByteArray stream = header() + "S\t1\t" + QByteArray(70 * 1024, 'x') + "\n"
            + "S\t1\tsmall\n"
              "T\t100\t1\t0\t0\t1\t0\t0\n"
            + "S\t2\t" + QByteArray(CsrecDecoder::MaxTextBytes + 100, 'y') + "\n"
            + "N\t200\t1\t2\n";
        const Trace trace = decode(stream, Retention::DefaultMaxTasks, chunk);
        QCOMPARE(trace.program->damagedLines, 1);
        QCOMPARE(trace.tasks.size(), 1);
        // A text past 4,096 bytes is cut, with an ellipsis.
        QCOMPARE(trace.tasks.at(0).name.size(), CsrecDecoder::MaxTextBytes + 1);
        QVERIFY(trace.tasks.at(0).name.endsWith(u'…'));
    }

    // Escapes are undone; control characters (a terminal's escape sequences) never get in.
    void escapesAndControls()
    {
        const QByteArray stream = header()
            + "S\t1\ta\\tb\\nc\\\\d\\q\n"
              "S\t2\t\x1b]0;owned\x07red\x1b[31m\xe2\x80\xae!\n"
              "S\t3\t\xe4\xbb\xbb\xe5\x8a\xa1\n"
              "T\t100\t1\t0\t0\t1\t2\t3\n";
        const Trace trace = decode(stream);
        QCOMPARE(trace.tasks.size(), 1);
        QCOMPARE(trace.tasks.at(0).name, QStringLiteral("a b c\\d\\q"));
        const QString coroutine = trace.tasks.at(0).coroutine;
        for (const QChar c : coroutine)
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f && c.unicode() != 0x202e,
                     qPrintable(coroutine));
        QCOMPARE(coroutine, QStringLiteral("]0;ownedred[31m!"));
        QCOMPARE(trace.tasks.at(0).createdAt, QStringLiteral("任务"));
    }

    // Two lanes whose records arrive slightly out of time order: events come out in order.
    void outOfOrderLanes()
    {
        const QByteArray stream = header()
            + "S\t1\tloop A\n"
              "S\t2\tloop B\n"
              "L\t1\t1\n"
              "L\t2\t2\n"
              "T\t100\t1\t1\t0\t0\t0\t0\n"
              "T\t90\t2\t2\t0\t0\t0\t0\n"
              "R\t300\t1\t1\t0\n"
              "R\t250\t2\t2\t0\n"
              "I\t260\t2\n"
              "D\t400\t1\tok\t0\t0\n"
              "D\t350\t2\tok\t0\t0\n"
              "L\t7\t0\n"
              "B\t500\t7\n"; // a lane never named gets a name of its own
        const Trace trace = decode(stream);
        QVERIFY(inTimeOrder(trace));
        QCOMPARE(trace.tasks.size(), 2);
        QCOMPARE(trace.lanes.size(), 4);
        QCOMPARE(trace.lanes.at(2), QStringLiteral("loop B"));
        QCOMPARE(trace.tasks.at(0).lane, quint16(2)); // created first (at 90 ns)
        QCOMPARE(trace.tasks.at(0).name, QString());
        QCOMPARE(trace.events.constFirst().ns, 90);
        QCOMPARE(trace.events.constLast().kind, EventKind::LoopBusy);
        QCOMPARE(trace.events.constLast().lane, quint8(3));
    }

    // Live: syncInto() keeps a copy equal to the recorder's while tasks are added and, past the
    // retention limit, dropped.
    void liveSync()
    {
        TraceRecorder recorder{QStringLiteral("async")};
        CsrecDecoder decoder(&recorder, 100);
        Trace live;
        recorder.syncInto(live);
        QVERIFY(decoder.feed(
            QByteArray(header() + "S\t1\tmain\nT\t1\t1\t0\t0\t1\t0\t0\nR\t2\t1\t0\t0\n")));
        qint64 t = 10;
        for (int batch = 0; batch < 30; ++batch) {
            QByteArray lines;
            for (int i = 0; i < 10; ++i) {
                const QByteArray id = QByteArray::number(2 + batch * 10 + i);
                lines += "T\t" + QByteArray::number(t++) + '\t' + id + "\t0\t1\t0\t0\t0\n";
                lines += "N\t" + QByteArray::number(t) + '\t' + id + "\t1\n";
                lines += "R\t" + QByteArray::number(t++) + '\t' + id + "\t0\t0\n";
                lines += "D\t" + QByteArray::number(t++) + '\t' + id + "\tok\t0\t0\n";
            }
            // The name arrives after the task was synced: its Renamed event carries it.
            QVERIFY(decoder.feed(lines.left(lines.indexOf("N\t"))));
            recorder.syncInto(live);
            QVERIFY(decoder.feed(lines.mid(lines.indexOf("N\t"))));
            recorder.syncInto(live);
            const Trace now = recorder.snapshot();
            QCOMPARE(live.tasks.size(), now.tasks.size());
            QCOMPARE(live.events.size(), now.events.size());
            QCOMPARE(live.droppedTasks, now.droppedTasks);
            for (qsizetype i = 0; i < now.tasks.size(); ++i) {
                QCOMPARE(live.tasks.at(i).name, now.tasks.at(i).name);
                QCOMPARE(live.tasks.at(i).result, now.tasks.at(i).result);
            }
            QVERIFY(now.tasks.size() <= 100);
        }
        const Trace end = recorder.snapshot();
        QCOMPARE(end.droppedTasks + end.tasks.size(), 301);
        // The task still running is never dropped, and keeps its name.
        QCOMPARE(end.tasks.at(0).name, QStringLiteral("main"));
        QCOMPARE(end.tasks.at(0).result, TaskResult::Unfinished);
        QCOMPARE(end.tasks.at(1).parent, 0); // renumbered parents
        // The segments follow growth and drops alike.
        SegmentBuilder builder;
        builder.update(live);
        QCOMPARE(builder.taskCount(), live.tasks.size());
    }

    // A million tasks through the decoder keep at most the limit, count the rest, and the
    // decoder's own tables stay bounded (the figures are bench_recording's).
    void millionTasksBounded()
    {
        TraceRecorder recorder{QStringLiteral("async")};
        constexpr qsizetype Limit = 10000;
        CsrecDecoder decoder(&recorder, Limit);
        QVERIFY(decoder.feed(
            QByteArray(header() + "S\t1\tfetch\nS\t2\tprog.py:3\nS\t3\tasyncio.sleep\n")));
        qint64 t = 0;
        constexpr int Tasks = 1000000;
        QByteArray chunk;
        for (int id = 1; id <= Tasks; ++id) {
            const QByteArray n = QByteArray::number(id);
            const QByteArray sid = QByteArray::number(id + 10);
            chunk += "S\t" + sid + "\tTask-" + n + '\n';
            chunk += "T\t" + QByteArray::number(t++) + '\t' + n + "\t0\t0\t" + sid + "\t1\t2\n";
            chunk += "R\t" + QByteArray::number(t++) + '\t' + n + "\t0\t0\n";
            chunk += "A\t" + QByteArray::number(t++) + '\t' + n + "\t3\t2\t0\n";
            chunk += "R\t" + QByteArray::number(t++) + '\t' + n + "\t0\t0\n";
            chunk += "D\t" + QByteArray::number(t++) + '\t' + n + "\tok\t0\t0\n";
            if (chunk.size() > (1 << 20)) {
                QVERIFY(decoder.feed(chunk));
                chunk.clear();
                QVERIFY(recorder.taskCount() <= Limit);
            }
        }
        QVERIFY(decoder.feed(chunk));
        decoder.finish();
        const Trace trace = recorder.snapshot();
        QVERIFY(trace.tasks.size() <= Limit);
        QCOMPARE(trace.droppedTasks + trace.tasks.size(), Tasks);
        QVERIFY(trace.events.size() <= Limit * 6);
        QCOMPARE(trace.tasks.constLast().name, QStringLiteral("Task-1000000"));
        QCOMPARE(trace.program->damagedLines, 0);
        QCOMPARE(trace.labels.size(), 2); // "" and one await site
        QVERIFY(inTimeOrder(trace));
    }

    // Labels never wrap around: past 65,535 they share "… more await sites".
    void labelsDoNotOverflow()
    {
        QByteArray stream = header() + "S\t1\tt\nT\t1\t1\t0\t0\t1\t0\t0\nR\t2\t1\t0\t0\n";
        for (int i = 0; i < 70000; ++i) {
            stream += "S\t" + QByteArray::number(i + 10) + "\tsite" + QByteArray::number(i) + '\n';
            stream += "A\t" + QByteArray::number(3 + 2 * i) + "\t1\t" + QByteArray::number(i + 10)
                + "\t0\t0\n";
            stream += "R\t" + QByteArray::number(4 + 2 * i) + "\t1\t0\t0\n";
        }
        const Trace trace = decode(stream);
        QCOMPARE(trace.labels.size(), 65536);
        QCOMPARE(trace.labels.at(Trace::MoreLabels), QStringLiteral("… more await sites"));
        QStringList seen;
        for (const TraceEvent &e : trace.events) {
            if (e.kind == EventKind::Suspended && seen.size() < 3)
                seen << trace.label(e.label);
        }
        QCOMPARE(seen.first(), QStringLiteral("site0"));
        QCOMPARE(trace.label(trace.events.at(trace.events.size() - 2).label),
                 QStringLiteral("… more await sites"));
    }

    // Recording -> run file -> read back: the same trace, every field a recording has.
    void runFileRoundTrip()
    {
        const Trace recording = decode(wholeProgram());
        const RunRecord record = recordOfRecording(recording);
        const QByteArray file = encodeRunFile(record);
        QVERIFY(file.startsWith("COROSCOPE-RUN 1.4 "));
        RunRecord back;
        QString why;
        QVERIFY2(decodeRunFile(file, &back, &why) == RunFile::Error::None, qPrintable(why));
        QCOMPARE(back.runs.size(), 1);
        const Trace &t = back.runs.constFirst();
        QVERIFY(t.program);
        QCOMPARE(*t.program, *recording.program);
        QCOMPARE(t.lanes, recording.lanes);
        QCOMPARE(t.labels, recording.labels);
        QCOMPARE(t.urls, recording.urls);
        QCOMPARE(t.endNs, recording.endNs);
        QCOMPARE(t.droppedTasks, recording.droppedTasks);
        QCOMPARE(t.tasks.size(), recording.tasks.size());
        for (qsizetype i = 0; i < t.tasks.size(); ++i) {
            const TaskInfo &a = t.tasks.at(i);
            const TaskInfo &b = recording.tasks.at(i);
            QCOMPARE(a.name, b.name);
            QCOMPARE(a.coroutine, b.coroutine);
            QCOMPARE(a.createdAt, b.createdAt);
            QCOMPARE(a.parent, b.parent);
            QCOMPARE(a.lane, b.lane);
            QCOMPARE(a.result, b.result);
            QCOMPARE(a.error, b.error);
            QCOMPARE(a.urlIndex, b.urlIndex);
            QCOMPARE(a.httpStatus, b.httpStatus);
        }
        QCOMPARE(t.events.size(), recording.events.size());
        for (qsizetype i = 0; i < t.events.size(); ++i) {
            const TraceEvent &a = t.events.at(i);
            const TraceEvent &b = recording.events.at(i);
            QVERIFY2(a.ns == b.ns && a.task == b.task && a.kind == b.kind && a.lane == b.lane
                         && a.label == b.label && a.value == b.value,
                     qPrintable(QStringLiteral("event %1 differs").arg(i)));
        }
        // Saved again, the same bytes.
        RunRecord again = back;
        again.environment = record.environment;
        QCOMPARE(encodeRunFile(again), file);
    }

    // A real recording by the Python recorder of the tutorial's blocking example: three tasks
    // that time.sleep(0.3) hold the loop one after another (named at their line), while the
    // others wait; three that asyncio.sleep(0.3) overlap.
    void pythonRecorderExample()
    {
        Trace trace;
        QString why;
        QVERIFY2(readRecordingFile(
                     QStringLiteral(COROSCOPE_SOURCE_DIR "/tests/data/08_blocking_sleep.csrec"),
                     &trace, &why),
                 qPrintable(why));
        QCOMPARE(trace.tasks.size(), 7);
        QCOMPARE(trace.program->end, ProgramEnd::Exited);
        QCOMPARE(trace.program->status, 0);
        QCOMPARE(trace.program->damagedLines, 0);
        QCOMPARE(trace.tasks.at(1).coroutine, QStringLiteral("blocking"));
        QCOMPARE(trace.tasks.at(1).parent, 0);
        int holds = 0;
        for (const TraceEvent &e : trace.events) {
            if (e.kind == EventKind::Hold) {
                ++holds;
                QVERIFY(trace.label(e.label).startsWith(QStringLiteral("time.sleep at ")));
                QVERIFY(trace.label(e.label).endsWith(QStringLiteral("08_blocking_sleep.py:12")));
                QVERIFY(e.value >= 290000);
            }
        }
        QCOMPARE(holds, 3);
        // The blocking three ran one after another, the sleeping three overlapped.
        const QList<TaskTimes> times = deriveTaskTimes(trace);
        QVERIFY(times.at(2).admittedNs >= times.at(1).finishedNs);
        QVERIFY(times.at(3).admittedNs >= times.at(2).finishedNs);
        QVERIFY(times.at(5).admittedNs < times.at(4).finishedNs);
        QVERIFY(times.at(6).admittedNs < times.at(5).finishedNs);
        QStringList texts;
        for (const Diagnostic &d : diagnose(trace))
            texts << d.text;
        const QString all = texts.join(u'\n');
        // The first hold: Task-3 and Task-4 were created and ready, and waited.
        QVERIFY2(all.contains(QRegularExpression(QStringLiteral(
                     "`time\\.sleep` at \\S+08_blocking_sleep\\.py:12 held the loop for 3\\d\\d "
                     "ms; 2 task(\\(s\\)|s) were ready and waited \\(in Task-2\\)"))),
                 qPrintable(all));
    }

    // Mangled streams (lines dropped, swapped, cut, bytes flipped): never a crash, always a
    // trace views can trust (every event of a known task, in time order), and one that saves
    // and reads back as a run file.
    void mangledStreams()
    {
        const QList<QByteArray> lines = wholeProgram().split('\n');
        QRandomGenerator random(19);
        for (int round = 0; round < 300; ++round) {
            QList<QByteArray> mangled = lines;
            const int edits = 1 + int(random.bounded(6));
            for (int e = 0; e < edits; ++e) {
                const int i = 1 + int(random.bounded(int(mangled.size() - 1)));
                switch (random.bounded(4)) {
                case 0:
                    mangled.removeAt(i);
                    break;
                case 1:
                    mangled.swapItemsAt(i, 1 + int(random.bounded(int(mangled.size() - 1))));
                    break;
                case 2:
                    mangled[i].truncate(int(random.bounded(int(mangled[i].size()) + 1)));
                    break;
                default:
                    if (!mangled[i].isEmpty())
                        mangled[i][int(random.bounded(int(mangled[i].size())))]
                            = char(random.bounded(256));
                    break;
                }
            }
            const Trace trace = decode(mangled.join('\n'), 2, int(1 + random.bounded(64)));
            QVERIFY(inTimeOrder(trace));
            for (const TraceEvent &e : trace.events)
                QVERIFY(e.task == LoopTask || e.task < quint32(trace.tasks.size()));
            for (const TaskInfo &t : trace.tasks)
                QVERIFY(t.parent < qint32(trace.tasks.size()));
            RunRecord back;
            QString why;
            QVERIFY2(decodeRunFile(encodeRunFile(recordOfRecording(trace)), &back, &why)
                         == RunFile::Error::None,
                     qPrintable(QStringLiteral("round %1: %2").arg(round).arg(why)));
        }
    }

    // A program that never created a task: its recording saves and reads back.
    void zeroTasksRoundTrip()
    {
        const Trace recording = decode(header()
                                       + "S\t1\tloop\nL\t1\t1\nI\t10\t1\nB\t20\t1\n"
                                         "E\t30\texit\t0\n");
        QCOMPARE(recording.tasks.size(), 0);
        RunRecord back;
        QString why;
        QVERIFY2(decodeRunFile(encodeRunFile(recordOfRecording(recording)), &back, &why)
                     == RunFile::Error::None,
                 qPrintable(why));
        QCOMPARE(back.runs.constFirst().events.size(), 2);
        QCOMPARE(back.runs.constFirst().program->end, ProgramEnd::Exited);
        QCOMPARE(back.runs.constFirst().endNs, 30);
    }

    // The RUN section keeps the kinds a format 1.3 reader knows: dropping the RECD section (what
    // such a reader skips) leaves a readable run of the same tasks.
    void readableWithoutRecordingSection()
    {
        const Trace recording = decode(wholeProgram());
        CoroscopeTest::RunFileParts parts
            = CoroscopeTest::splitRunFile(encodeRunFile(recordOfRecording(recording)));
        QVERIFY(parts.ok);
        QByteArray body;
        for (qsizetype at = 0; at + 8 <= parts.body.size();) {
            const quint32 tag = qFromLittleEndian<quint32>(parts.body.constData() + at);
            const quint32 length = qFromLittleEndian<quint32>(parts.body.constData() + at + 4);
            if (tag != qFromLittleEndian<quint32>("RECD"))
                body += parts.body.mid(at, 8 + length);
            at += 8 + length;
        }
        QVERIFY(body.size() < parts.body.size());
        parts.body = body;
        parts.firstLine.replace("1.4", "1.3");
        RunRecord back;
        QString why;
        QVERIFY2(decodeRunFile(CoroscopeTest::joinRunFile(parts), &back, &why)
                     == RunFile::Error::None,
                 qPrintable(why));
        const Trace &t = back.runs.constFirst();
        QVERIFY(!t.isRecording());
        QCOMPARE(t.tasks.size(), recording.tasks.size());
        for (const TraceEvent &e : t.events)
            QVERIFY(quint8(e.kind) <= quint8(EventKind::Network));
    }

    void openedAsRunFile()
    {
        QTemporaryDir dir;
        // Known by its first bytes, whatever its name.
        const QString path = dir.filePath(QStringLiteral("program.log"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(wholeProgram());
        file.close();
        QVERIFY(isRecordingFile(path));
        RunRecord record;
        QString why;
        QCOMPARE(loadRunFile(path, &record, &why), RunFile::Error::None);
        QCOMPARE(record.runs.size(), 1);
        QCOMPARE(record.spec.tasks, 3);
        QVERIFY(record.runs.constFirst().isRecording());
        Trace trace;
        QVERIFY(readRecordingFile(path, &trace, &why));
        QCOMPARE(trace.tasks.size(), 3);
        QVERIFY(!readRecordingFile(dir.filePath(QStringLiteral("none.csrec")), &trace, &why));
        QVERIFY(why.contains(QStringLiteral("none.csrec")));
    }

    void csvColumns()
    {
        const Trace recording = decode(wholeProgram());
        const QList<QByteArray> lines = tasksCsv(recording).split('\n');
        const QList<QByteArray> head = lines.at(0).trimmed().split(',');
        const QList<QByteArray> tail = head.mid(head.size() - 4);
        QCOMPARE(tail, QList<QByteArray>({"name", "coroutine", "parent", "created_at"}));
        const QList<QByteArray> fetch = lines.at(2).trimmed().split(',');
        QCOMPARE(fetch.size(), head.size());
        QCOMPARE(fetch.mid(fetch.size() - 4),
                 QList<QByteArray>({"fetcher", "main.<locals>.fetch", "0", "prog.py:8"}));
        const QList<QByteArray> boom = lines.at(3).trimmed().split(',');
        QCOMPARE(boom.at(head.indexOf("result")), QByteArray("error"));
        QCOMPARE(boom.at(head.indexOf("error")), QByteArray("ValueError: bad value"));
        QCOMPARE(lines.at(1).trimmed().split(',').at(head.indexOf("parent")), QByteArray());
    }

    void chromeTraceNames()
    {
        const QByteArray json = chromeTraceJson(decode(wholeProgram()));
        QVERIFY(json.contains("\"task 1 fetcher\""));
        QVERIFY(json.contains("\"MainThread loop\""));
        QVERIFY(json.contains("held: time.sleep at prog.py:12"));
        QVERIFY(json.contains("\"coroutine\":\"main.<locals>.fetch\""));
        QVERIFY(json.contains("warning: coroutine 'late' was never awaited"));
    }

    void summaryProgramExit()
    {
        const QByteArray json = summaryJson(summarize(decode(wholeProgram())));
        QVERIFY2(json.contains("\"program_exit\":{\"how\":\"exit\",\"status\":1,\"wall_ms\":316,"
                               "\"tasks\":3,\"tasks_dropped\":0,\"recorded\":40,\"dropped\":3,"),
                 json.constData());
        // A workload run has none.
        QVERIFY(!summaryJson(RunSummary{}).contains("program_exit"));
    }

    // The C++ probe names no call (it cannot sample a stack): its H is the step after an await,
    // and the sentence names the task and that await, not a line that "held" the loop.
    void holdAfterAnAwaitIsWordedAsAStep()
    {
        const QByteArray stream = header()
            + "S\t1\tload\nS\t2\tTask\nS\t3\tloader.cpp:88\nS\t4\tother\n"
              "T\t0\t1\t0\t0\t1\t0\t0\nT\t0\t2\t0\t0\t4\t0\t0\n"
              "R\t1000000\t2\t0\t0\nA\t1100000\t2\t2\t3\t0\n"
              "R\t10000000\t1\t0\t0\n"
              "H\t430000000\t0\t1\t420000000\t0\t3\n"
              "D\t430000000\t1\tok\t0\t0\n"
              "R\t431000000\t2\t0\t0\nD\t431500000\t2\tok\t0\t0\n";
        QStringList texts;
        for (const Diagnostic &d : diagnose(decode(stream)))
            texts << d.text;
        const QString all = texts.join(u'\n');
        QVERIFY2(all.contains(QRegularExpression(
                     QStringLiteral("`load` ran 420 ms after the await at loader\\.cpp:88 without "
                                    "giving the loop back; 1 task(\\(s\\))? was ready and waited|"
                                    "`load` ran 420 ms after the await at loader\\.cpp:88 without "
                                    "giving the loop back; 1 task\\(s\\) were ready and waited"))),
                 qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("`loader.cpp:88` held")), qPrintable(all));
    }

    void diagnosticsWords()
    {
        // Two tasks asleep while Task-1 blocks the loop for 300 ms; they run right after.
        const QByteArray stream = header()
            + "S\t1\tTask-1\nS\t2\tTask-2\nS\t3\tTask-3\nS\t4\tasyncio.sleep\nS\t5\tprog.py:7\n"
              "S\t6\ttime.sleep\nS\t7\tprog.py:12\n"
              "T\t0\t1\t0\t0\t1\t0\t0\nT\t0\t2\t0\t0\t2\t0\t0\nT\t0\t3\t0\t0\t3\t0\t0\n"
              "R\t1000000\t2\t0\t0\nA\t1100000\t2\t4\t5\t0\n"
              "R\t1200000\t3\t0\t0\nA\t1300000\t3\t4\t5\t0\n"
              "R\t10000000\t1\t0\t0\n"
              "H\t310000000\t0\t1\t300000000\t6\t7\n"
              "D\t310000000\t1\tok\t0\t0\n"
              "R\t311000000\t2\t0\t0\nD\t311500000\t2\tok\t0\t0\n"
              "R\t312000000\t3\t0\t0\nD\t312500000\t3\tok\t0\t0\n"
              "S\t8\tcoroutine 'fetch' was never awaited\n"
              "W\t313000000\t0\tnever-awaited\t8\t5\n"
              "S\t9\tZeroDivisionError: division by zero\n"
              "W\t313000000\t2\tnever-retrieved\t9\t0\n"
              "Z\t314000000\t30\t5\n";
        const Trace trace = decode(stream);
        QStringList texts;
        for (const Diagnostic &d : diagnose(trace))
            texts << d.text;
        const QString all = texts.join(u'\n');
        QVERIFY2(all.contains(QRegularExpression(
                     QStringLiteral("`time\\.sleep` at prog\\.py:12 held the loop for 300 ms; 2 "
                                    "task(\\(s\\)|s) were ready and waited \\(in Task-1\\)"))),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("never awaited: coroutine 'fetch' was never awaited "
                                             "at prog.py:7")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("The exception of Task-2 was never retrieved: "
                                             "ZeroDivisionError")),
                 qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("dropped 5 of 35 records")), qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("without the recorder's last record")),
                 qPrintable(all));
        QVERIFY2(!all.contains(QStringLiteral("speed-up"), Qt::CaseInsensitive), qPrintable(all));
    }
};

QTEST_GUILESS_MAIN(TestCsrecDecoder)
#include "tst_csrecdecoder.moc"
