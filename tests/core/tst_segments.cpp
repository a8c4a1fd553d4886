#include "trace/phases.h"
#include "trace/segments.h"
#include "trace/summary.h"
#include "trace/vocabulary.h"

#include "traceevents.h"

#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;
using CoroscopeTest::Ev;

namespace {
constexpr qint64 Ms = 1000000;

Trace makeTrace(int tasks, const QList<Ev> &events, qint64 endMs = -1)
{
    Trace t;
    t.strategy = QStringLiteral("async");
    t.urls = {QStringLiteral("http://127.0.0.1/delay/1")};
    t.labels = {QString(), QStringLiteral("await reply"), QStringLiteral("await connection")};
    t.tasks.resize(tasks);
    for (const Ev &e : events) {
        t.events.append(e.event());
        if (e.kind == EventKind::Finished)
            t.tasks[e.task].result = TaskResult::Ok;
    }
    t.endNs = endMs < 0 ? -1 : endMs * Ms;
    return t;
}
} // namespace

class TestSegments : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void derive_data()
    {
        QTest::addColumn<QList<Ev>>("events");
        QTest::addColumn<QStringList>("expected"); // "state:label:start-end"
        using K = EventKind;
        QTest::newRow("pending-running-suspended-running")
            << QList<Ev>{{0, 0, K::Created},
                         {2, 0, K::Admitted},
                         {3, 0, K::Suspended, 1},
                         {1003, 0, K::Resumed, 1},
                         {1004, 0, K::Finished}}
            << QStringList{u"pending::0-2"_s, u"running::2-3"_s, u"suspended:await reply:3-1003"_s,
                           u"running::1003-1004"_s};
        QTest::newRow("zero-length suspension is kept")
            << QList<Ev>{{0, 0, K::Created},
                         {0, 0, K::Admitted},
                         {1000, 0, K::Suspended, 1},
                         {1000, 0, K::Resumed, 1},
                         {1000, 0, K::Finished}}
            << QStringList{u"running::0-1000"_s, u"suspended:await reply:1000-1000"_s};
        QTest::newRow("pending named after what it waited for")
            << QList<Ev>{{0, 0, K::Created}, {500, 0, K::Admitted, 2}, {500, 0, K::Finished}}
            << QStringList{u"pending:await connection:0-500"_s};
        QTest::newRow("cancelled while pending")
            << QList<Ev>{{0, 0, K::Created}, {40, 0, K::Finished}}
            << QStringList{u"pending::0-40"_s};
    }
    void derive()
    {
        QFETCH(QList<Ev>, events);
        QFETCH(QStringList, expected);
        const Trace trace = makeTrace(1, events, 2000);
        QStringList actual;
        for (const Segment &s : deriveSegments(trace))
            actual << stateName(s.state) + u':' + trace.label(s.label) + u':'
                    + QString::number(s.startNs / Ms) + u'-' + QString::number(s.endNs / Ms);
        QCOMPARE(actual, expected);
    }

    void durationsAddUpToTotal()
    {
        using K = EventKind;
        const Trace trace = makeTrace(2,
                                      {{0, 0, K::Created},
                                       {0, 1, K::Created},
                                       {1, 0, K::Admitted},
                                       {2, 0, K::Suspended, 1},
                                       {3, 1, K::Admitted, 2},
                                       {4, 1, K::Suspended, 1},
                                       {900, 0, K::Resumed, 1},
                                       {901, 0, K::Finished},
                                       {950, 1, K::Resumed, 1},
                                       {977, 1, K::Finished}},
                                      977);
        const QList<TaskTimes> times = deriveTaskTimes(trace);
        QCOMPARE(times.size(), 2);
        QCOMPARE(times[0].totalNs(), 901 * Ms);
        QCOMPARE(times[1].totalNs(), 977 * Ms);
        QCOMPARE(times[1].pendingNs, 3 * Ms);
        QCOMPARE(times[1].suspendedNs, 946 * Ms);
        qint64 sum = 0;
        for (const Segment &s : deriveSegments(trace))
            sum += s.durationNs();
        QCOMPARE(sum, 901 * Ms + 977 * Ms);
    }

    void segmentsAreInTimeOrder()
    {
        using K = EventKind;
        const Trace trace = makeTrace(2,
                                      {{0, 0, K::Created},
                                       {1, 1, K::Created},
                                       {5, 1, K::Admitted},
                                       {6, 0, K::Admitted},
                                       {7, 1, K::Finished},
                                       {8, 0, K::Finished}},
                                      8);
        const QList<Segment> segments = deriveSegments(trace);
        for (qsizetype i = 1; i < segments.size(); ++i)
            QVERIFY(segments[i - 1].startNs <= segments[i].startNs);
    }

    void incrementalEqualsBatch()
    {
        using K = EventKind;
        const QList<Ev> events{{0, 0, K::Created},
                               {1, 0, K::Admitted},
                               {2, 0, K::Suspended, 1},
                               {10, 0, K::Resumed, 1},
                               {11, 0, K::Finished}};
        const Trace full = makeTrace(1, events, 11);
        SegmentBuilder incremental;
        Trace growing = full;
        growing.events.clear();
        for (const TraceEvent &e : full.events) {
            growing.events.append(e);
            incremental.update(growing);
        }
        QCOMPARE(incremental.row(0).size(), deriveSegments(full).size());
        QCOMPARE(incremental.times(0).totalNs(), deriveTaskTimes(full)[0].totalNs());
    }

    void openSegmentGrowsUntilNow()
    {
        using K = EventKind;
        const Trace live
            = makeTrace(1, {{0, 0, K::Created}, {1, 0, K::Admitted}, {2, 0, K::Suspended, 1}});
        SegmentBuilder builder;
        builder.update(live);
        Segment open;
        QVERIFY(builder.openSegment(0, 500 * Ms, &open));
        QCOMPARE(open.state, SegmentState::Suspended);
        QCOMPARE(open.durationNs(), 498 * Ms);
    }

    void loopBusyIsTheUnionOfRunningOnTheLoop()
    {
        using K = EventKind;
        // Tasks 0 and 1 run on the loop in overlapping stretches; task 2 runs on a worker.
        Trace trace = makeTrace(3,
                                {{0, 0, K::Created},
                                 {0, 1, K::Created},
                                 {0, 2, K::Created},
                                 {10, 0, K::Admitted},
                                 {15, 1, K::Admitted},
                                 {20, 0, K::Suspended, 1},
                                 {30, 1, K::Suspended, 1},
                                 {30, 2, K::Admitted},
                                 {50, 0, K::Resumed, 1},
                                 {60, 0, K::Finished},
                                 {90, 2, K::Finished},
                                 {100, 1, K::Resumed, 1}});
        trace.tasks[2].worker = 0;
        SegmentBuilder builder;
        builder.update(trace);
        QCOMPARE(builder.loopBusy().size(), 2);
        QCOMPARE(builder.loopBusy()[0].startNs, 10 * Ms);
        QCOMPARE(builder.loopBusy()[0].endNs, 30 * Ms);
        QCOMPARE(builder.loopBusy()[1].startNs, 50 * Ms);
        QCOMPARE(builder.loopBusy()[1].endNs, 60 * Ms);
        QCOMPARE(builder.loopBusySinceNs(), 100 * Ms); // task 1 is running again
        QCOMPARE(builder.loopBusyBeforeNs(55 * Ms, 200 * Ms), 25 * Ms);
        QCOMPARE(builder.loopBusyBeforeNs(120 * Ms, 110 * Ms), 30 * Ms + 10 * Ms);
    }

    void summaryCountsAndSpeedup()
    {
        using K = EventKind;
        QList<Ev> events;
        for (quint32 t = 0; t < 10; ++t)
            events << Ev{0, t, K::Created};
        for (quint32 t = 0; t < 10; ++t)
            events << Ev{0, t, K::Admitted} << Ev{1, t, K::Suspended, 1};
        for (quint32 t = 0; t < 10; ++t)
            events << Ev{1001, t, K::Resumed, 1} << Ev{1001, t, K::Finished};
        Trace trace = makeTrace(10, events, 1001);
        for (TaskInfo &info : trace.tasks) {
            info.httpStatus = 200;
            info.serverQueuedMs = 0; // the server reported its queue: a measured baseline
        }
        trace.tasks[3].result = TaskResult::Timeout;
        trace.tasks[4].result = TaskResult::Error; // an HTTP error is still a response
        trace.tasks[4].httpStatus = 500;
        const RunSummary s = summarize(trace);
        QCOMPARE(s.ok, 8);
        QCOMPARE(s.timeouts, 1);
        QCOMPARE(s.failed, 1);
        QCOMPARE(s.wallMs, 1001.0);
        // One after another: the nine tasks that got a response, not the one that timed out.
        QCOMPARE(s.responses, 9);
        QCOMPARE(s.sumMs, 9009.0);
        QCOMPARE(s.baseline, Baseline::Server);
        QVERIFY(s.speedup);
        QVERIFY(qAbs(*s.speedup - 9.0) < 1e-9);
        QVERIFY(qAbs(s.avgInFlight - 10.0) < 1e-9);
        QVERIFY(!s.stopped);
        const QByteArray json = summaryJson(s);
        QVERIFY(
            json.startsWith("{\"strategy\":\"async\",\"tasks\":10,\"ok\":8,\"failed\":1,"
                            "\"timeouts\":1,\"cancelled\":0,\"stopped\":false,\"wall_ms\":1001,"));
        QVERIFY(json.contains("\"speedup\":9,\"baseline\":\"server\","));
    }

    // The speed-up compares with running the tasks one after another: time a task spent in the
    // server's queue is not part of that cost, and a server's claim is never taken beyond what
    // the task itself waited.
    void speedupExcludesServerQueue_data()
    {
        QTest::addColumn<qint64>("queuedMs");
        QTest::addColumn<double>("sumMs");
        QTest::newRow("no queue") << qint64(0) << 2002.0;
        QTest::newRow("queued 400 ms") << qint64(400) << 1202.0;
        QTest::newRow("claim beyond its own wait is clamped") << qint64(9000000000) << 2.0;
    }
    void speedupExcludesServerQueue()
    {
        QFETCH(qint64, queuedMs);
        QFETCH(double, sumMs);
        using K = EventKind;
        QList<Ev> events;
        for (quint32 t = 0; t < 2; ++t)
            events << Ev{0, t, K::Created} << Ev{0, t, K::Admitted} << Ev{1, t, K::Suspended, 1};
        for (quint32 t = 0; t < 2; ++t)
            events << Ev{1001, t, K::Resumed, 1} << Ev{1001, t, K::Finished};
        Trace trace = makeTrace(2, events, 1001);
        for (TaskInfo &info : trace.tasks) {
            info.httpStatus = 200;
            info.serverQueuedMs = queuedMs;
        }
        const RunSummary s = summarize(trace);
        QCOMPARE(s.sumMs, sumMs);
        QVERIFY(s.speedup);
        QCOMPARE(*s.speedup, sumMs / 1001.0);
    }

    void noSpeedupWithoutAResponse_data()
    {
        QTest::addColumn<int>("result");
        QTest::addColumn<int>("status");
        QTest::newRow("all timed out") << int(TaskResult::Timeout) << 0;
        QTest::newRow("all cancelled") << int(TaskResult::Cancelled) << 0;
        QTest::newRow("connection refused") << int(TaskResult::Error) << 0;
        QTest::newRow("still running") << int(TaskResult::Unfinished) << 0;
    }
    void noSpeedupWithoutAResponse()
    {
        QFETCH(int, result);
        QFETCH(int, status);
        using K = EventKind;
        QList<Ev> events;
        for (quint32 t = 0; t < 3; ++t)
            events << Ev{0, t, K::Created} << Ev{0, t, K::Admitted} << Ev{1, t, K::Suspended, 1};
        if (TaskResult(result) != TaskResult::Unfinished)
            for (quint32 t = 0; t < 3; ++t)
                events << Ev{1001, t, K::Resumed, 1} << Ev{1001, t, K::Finished};
        Trace trace = makeTrace(3, events, 1001);
        for (TaskInfo &info : trace.tasks) {
            info.result = TaskResult(result);
            info.httpStatus = status;
        }
        const RunSummary s = summarize(trace);
        QVERIFY(!s.speedup);
        QVERIFY(summaryJson(s).contains("\"speedup\":null"));
    }

    void stoppedRunIsStopped()
    {
        using K = EventKind;
        QList<Ev> events;
        events << Ev{0, 0, K::Created} << Ev{1550, LoopTask, K::Stopped}
               << Ev{1551, 0, K::Finished, 2};
        Trace trace = makeTrace(1, events, 1552);
        trace.tasks[0].result = TaskResult::Cancelled;
        const RunSummary s = summarize(trace);
        QVERIFY(s.stopped);
        QCOMPARE(s.stoppedAtMs, 1550.0);
        QVERIFY(summaryJson(s).contains("\"stopped\":true"));
        // Cancelled while pending: the pending span keeps what it was waiting for.
        const SegmentBuilder builder = buildSegments(trace);
        QCOMPARE(builder.row(0).size(), 1);
        QCOMPARE(trace.label(builder.row(0).at(0).label), u"await connection"_s);
    }

    // The summary ends a run where every view and export does (runEndNs()), also for a trace
    // with two Stop events (a run file may hold them): its figures never disagree with them.
    void summaryEndsWhereTheViewsDo()
    {
        using K = EventKind;
        QList<Ev> events;
        events << Ev{0, 0, K::Created} << Ev{0, 0, K::Admitted} << Ev{1000, LoopTask, K::Stopped}
               << Ev{1200, LoopTask, K::Stopped} << Ev{1300, 0, K::Finished, 2};
        Trace trace = makeTrace(1, events, 1300);
        trace.tasks[0].result = TaskResult::Cancelled;
        const RunSummary s = summarize(trace);
        QVERIFY(s.stopped);
        QCOMPARE(qint64(s.stoppedAtMs * Ms), runEndNs(trace));
        QCOMPARE(qint64(s.wallMs * Ms), runEndNs(trace));
    }

    // Issue 17.1: where nothing measured the one-after-another cost (a server that does not
    // report its queue, no sequential run), there is no speed-up, and no "one after another":
    // the average in flight stays what it is.
    void noSpeedupWithoutAMeasuredBaseline()
    {
        using K = EventKind;
        QList<Ev> events;
        for (quint32 t = 0; t < 2; ++t)
            events << Ev{0, t, K::Created} << Ev{0, t, K::Admitted} << Ev{1, t, K::Suspended, 1};
        for (quint32 t = 0; t < 2; ++t)
            events << Ev{1001, t, K::Resumed, 1} << Ev{1001, t, K::Finished};
        Trace trace = makeTrace(2, events, 1001);
        for (TaskInfo &info : trace.tasks)
            info.httpStatus = 200; // no X-Coroscope: serverQueuedMs stays -1
        const RunSummary s = summarize(trace);
        QVERIFY(!s.speedup);
        QVERIFY(!s.sumMs);
        QCOMPARE(s.baseline, Baseline::None);
        QVERIFY(qAbs(s.avgInFlight - 2.0) < 0.01);
        const QByteArray json = summaryJson(s);
        QVERIFY2(json.contains("\"sum_ms\":null")
                     && json.contains("\"speedup\":null,"
                                      "\"baseline\":null,"),
                 json.constData());
        QVERIFY(json.contains("\"avg_in_flight\":2,"));
        // One task of the two reporting is not enough: the other may have queued unseen.
        trace.tasks[0].serverQueuedMs = 0;
        QVERIFY(!summarize(trace).speedup);
    }

    // Issue 17.2: a task's cost alone leaves out what only the crowd made it wait: queued inside
    // Qt for a connection or its thread, and waiting for a busy loop to resume it. Task 0's
    // `await reply` (1 ms - 2001 ms): queued until 501, request sent, headers at 1501, finished
    // at 1502, resumed at 2001; it ran 1 ms before and 1 ms after.
    void oneAfterAnotherIsEachTaskAlone()
    {
        using K = EventKind;
        Trace trace = makeTrace(1, {}, 2002);
        trace.labels << QString::fromLatin1(NetworkMoment::RequestSent)
                     << QString::fromLatin1(NetworkMoment::Headers)
                     << QString::fromLatin1(NetworkMoment::Finished);
        const quint16 sent = 3;
        const quint16 headers = 4;
        const quint16 finished = 5;
        const QList<Ev> events{{0, 0, K::Created},
                               {0, 0, K::Admitted},
                               {1, 0, K::Suspended, 1},
                               {501, 0, K::Network, sent},
                               {1501, 0, K::Network, headers},
                               {1502, 0, K::Network, finished},
                               {2001, 0, K::Resumed, 1},
                               {2002, 0, K::Finished}};
        for (const Ev &e : events)
            trace.events.append(e.event());
        trace.tasks[0].result = TaskResult::Ok;
        trace.tasks[0].httpStatus = 200;
        trace.tasks[0].serverQueuedMs = 200; // of its 1000 ms waiting
        const SegmentBuilder builder = buildSegments(trace);
        // running 2 + waiting 1000 - server queue 200 + receiving 1 (not queued 500, resume 499)
        QCOMPARE(aloneCostNs(trace, builder, 0), 803 * Ms);
        const RunSummary s = summarize(trace, builder);
        QCOMPARE(s.aloneMs, 803.0);
        QCOMPARE(s.sumMs, 803.0);
        QCOMPARE(s.avgInFlight, 1.0); // in flight it was, all 2002 ms
    }

    // Issue 17.4: every answer an error (HTTP 503, a response all the same): no speed-up.
    void noSpeedupWhenNothingEndedOk()
    {
        using K = EventKind;
        QList<Ev> events;
        for (quint32 t = 0; t < 3; ++t)
            events << Ev{0, t, K::Created} << Ev{0, t, K::Admitted} << Ev{1, t, K::Suspended, 1};
        for (quint32 t = 0; t < 3; ++t)
            events << Ev{101, t, K::Resumed, 1} << Ev{101, t, K::Finished};
        Trace trace = makeTrace(3, events, 101);
        for (TaskInfo &info : trace.tasks) {
            info.result = TaskResult::Error;
            info.httpStatus = 503;
            info.serverQueuedMs = 0;
        }
        RunSummary s = summarize(trace);
        QCOMPARE(s.responses, 3);
        QVERIFY(!s.speedup);
        QCOMPARE(s.baseline, Baseline::None);
        trace.tasks[1].result = TaskResult::Ok;
        trace.tasks[1].httpStatus = 200;
        s = summarize(trace);
        QVERIFY(s.speedup); // one ok is enough: the workload did get done
    }

    // Issue 17.3 and 18's mutation: a stopped run has one end, where Stop took effect: its wall
    // time, every time figure and the in-flight average stop there, and it has no speed-up even
    // though tasks got answers before it.
    void stoppedRunEndsWhereStopTookEffect()
    {
        using K = EventKind;
        QList<Ev> events;
        for (quint32 t = 0; t < 4; ++t)
            events << Ev{0, t, K::Created} << Ev{0, t, K::Admitted} << Ev{1, t, K::Suspended, 1};
        events << Ev{500, 0, K::Resumed, 1} << Ev{500, 0, K::Finished} << Ev{600, 1, K::Resumed, 1}
               << Ev{600, 1, K::Finished} << Ev{1000, LoopTask, K::Stopped};
        // Cancelling the other two reaches them 800 ms later (a busy loop).
        events << Ev{1800, 2, K::Resumed, 1} << Ev{1800, 2, K::Finished}
               << Ev{1800, 3, K::Resumed, 1} << Ev{1800, 3, K::Finished};
        Trace trace = makeTrace(4, events, 1800);
        for (TaskInfo &info : trace.tasks) {
            info.httpStatus = 200;
            info.serverQueuedMs = 0;
        }
        trace.tasks[2].result = trace.tasks[3].result = TaskResult::Cancelled;
        trace.tasks[2].httpStatus = trace.tasks[3].httpStatus = 0;
        const RunSummary s = summarize(trace);
        QVERIFY(s.stopped);
        QCOMPARE(s.stoppedAtMs, 1000.0);
        QCOMPARE(s.wallMs, 1000.0);
        QCOMPARE(stoppedNs(trace), 1000 * Ms);
        QCOMPARE(runEndNs(trace), 1000 * Ms);
        QCOMPARE(s.maxTaskMs, 1000.0);
        // (500 + 600 + 1000 + 1000) in flight over 1000 ms, not 800 ms more of two tasks
        QVERIFY2(qAbs(s.avgInFlight - 3.1) < 1e-9, qPrintable(QString::number(s.avgInFlight)));
        QCOMPARE(s.ok, 2);
        QVERIFY(!s.speedup);
        QVERIFY(!s.sumMs);
        const QByteArray json = summaryJson(s);
        QVERIFY2(json.contains("\"wall_ms\":1000,") && json.contains("\"speedup\":null"),
                 json.constData());
        QCOMPARE(durationText(s.wallMs), durationText(s.stoppedAtMs));
    }

    // Issue 17.1: a sequential run of the same workload measures one after another; the others
    // shown with it take its wall time as their baseline: recorded together first, else from
    // another recording (a saved run). Another workload, a stopped or failed sequential run
    // measure nothing.
    void sequentialRunIsTheBaseline()
    {
        const auto make = [](const QString &strategy, double wallMs, const QString &source = {}) {
            RunSummary s;
            s.strategy = strategy;
            s.urls = {u"http://127.0.0.1:9/x"_s};
            s.tasks = 50;
            s.ok = 50;
            s.responses = 50;
            s.wallMs = wallMs;
            s.source = source;
            if (strategy == u"sequential") {
                s.baseline = Baseline::SequentialRun;
                s.sumMs = wallMs;
                s.speedup = 1;
            }
            return s;
        };
        QList<RunSummary> runs{make(u"async"_s, 5100), make(u"sequential"_s, 5200),
                               make(u"async"_s, 600, u"old.coroscope"_s),
                               make(u"sequential"_s, 6000, u"old.coroscope"_s),
                               make(u"threads"_s, 2000, u"other.coroscope"_s)};
        RunSummary other = make(u"async"_s, 1000);
        other.urls = {u"http://127.0.0.1:9/y"_s};
        RunSummary stoppedRun = make(u"async"_s, 1000);
        stoppedRun.stopped = true;
        runs << other << stoppedRun;
        applySequentialBaselines(&runs);
        QCOMPARE(runs[0].baseline, Baseline::SequentialRun);
        QCOMPARE(*runs[0].speedup, 5200.0 / 5100.0);
        QCOMPARE(*runs[0].sumMs, 5200.0);
        QCOMPARE(*runs[1].speedup, 1.0);
        QCOMPARE(runs[2].baseline, Baseline::SequentialRun); // its own file's sequential run
        QCOMPARE(*runs[2].speedup, 10.0);
        QCOMPARE(runs[4].baseline, Baseline::SavedSequentialRun);
        QCOMPARE(runs[4].baselineSource, QString()); // this session's sequential run
        QCOMPARE(*runs[4].speedup, 2.6);
        QVERIFY(summaryJson(runs[4]).contains("\"baseline\":\"saved-sequential-run\""));
        QVERIFY(!runs[5].speedup); // other URLs
        QVERIFY(!runs[6].speedup); // stopped
        // A sequential run that failed throughout is no baseline.
        QList<RunSummary> failed{make(u"async"_s, 100), make(u"sequential"_s, 300)};
        failed[1].ok = 0;
        failed[1].baseline = Baseline::None;
        applySequentialBaselines(&failed);
        QVERIFY(!failed[0].speedup);
        // A sequential run is its own baseline once it is complete.
        using K = EventKind;
        Trace trace
            = makeTrace(1, {{0, 0, K::Created}, {0, 0, K::Admitted}, {5, 0, K::Finished}}, 5);
        trace.strategy = u"sequential"_s;
        trace.tasks[0].httpStatus = 200;
        const RunSummary seq = summarize(trace);
        QCOMPARE(seq.baseline, Baseline::SequentialRun);
        QCOMPARE(*seq.speedup, 1.0);
    }

    void lagPercentiles()
    {
        Trace trace = makeTrace(0, {});
        for (int i = 1; i <= 100; ++i)
            trace.events.append(
                TraceEvent{i * 10 * Ms, LoopTask, EventKind::LagSample, 0, 0, i * 1000});
        trace.endNs = 1000 * Ms;
        const RunSummary s = summarize(trace);
        QCOMPARE(s.lagMaxMs, 100.0);
        QCOMPARE(s.lagP99Ms, 99.0);
    }
};

QTEST_GUILESS_MAIN(TestSegments)
#include "tst_segments.moc"
