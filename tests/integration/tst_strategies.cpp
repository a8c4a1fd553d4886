#include "runtoend.h"

#include "run/run.h"
#include "server/testserver.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 Ms = 1000000;
}

// The tutorial's experiments: each strategy leaves its own recognisable shape in the trace.
class TestStrategies : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    Trace run(Strategy strategy, const QString &path, int tasks, int workers = 8)
    {
        RunSpec spec;
        QUrl url = m_server.baseUrl();
        url.setPath(path);
        spec.urls = {url};
        spec.tasks = tasks;
        spec.strategy = strategy;
        spec.workers = workers;
        return CoroscopeTest::runToEnd(spec);
    }

    static int countSegments(const Trace &trace, quint32 task, SegmentState state)
    {
        int n = 0;
        for (const Segment &s : deriveSegments(trace))
            n += s.task == task && s.state == state ? 1 : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start(0)); }

    void blockingNeverSuspendsAndSerialises()
    {
        const Trace trace = run(Strategy::Blocking, u"/delay/0.3"_s, 4);
        const RunSummary s = summarize(trace);
        QCOMPARE(s.ok, 4);
        // One after another: at least 4 x 0.3 s, and no speed-up over the summed task times.
        QVERIFY2(s.wallMs > 1180, qPrintable(QString::number(s.wallMs)));
        QVERIFY(s.speedup);
        QVERIFY2(*s.speedup < 1.1, qPrintable(QString::number(*s.speedup)));
        const QList<TaskTimes> times = deriveTaskTimes(trace);
        for (quint32 t = 0; t < 4; ++t) {
            QCOMPARE(countSegments(trace, t, SegmentState::Suspended), 0);
            QVERIFY(times[t].runningNs >= 300 * Ms);
        }
        // The lag probe could not fire while a fetch held the loop.
        QVERIFY2(s.lagMaxMs >= 250, qPrintable(QString::number(s.lagMaxMs)));
    }

    void wrappedBlockingHasOneZeroLengthSuspension()
    {
        const Trace trace = run(Strategy::WrappedBlocking, u"/delay/0.3"_s, 3);
        const RunSummary s = summarize(trace);
        QCOMPARE(s.ok, 3);
        QVERIFY2(s.wallMs > 880, qPrintable(QString::number(s.wallMs)));
        const quint16 helper = quint16(trace.labels.indexOf(u"await get()"_s));
        for (quint32 t = 0; t < 3; ++t) {
            QList<Segment> suspended;
            for (const Segment &seg : deriveSegments(trace))
                if (seg.task == t && seg.state == SegmentState::Suspended)
                    suspended << seg;
            QCOMPARE(suspended.size(), 1);
            QCOMPARE(suspended[0].label, helper);
            QVERIFY(suspended[0].durationNs() < 1 * Ms);
        }
    }

    void sequentialCreatesEachAfterThePrevious()
    {
        const Trace trace = run(Strategy::Sequential, u"/delay/0.2"_s, 3);
        const RunSummary s = summarize(trace);
        QCOMPARE(s.ok, 3);
        QVERIFY2(s.wallMs > 590, qPrintable(QString::number(s.wallMs)));
        const QList<TaskTimes> times = deriveTaskTimes(trace);
        for (int t = 1; t < 3; ++t)
            QVERIFY(times[t].createdNs >= times[t - 1].finishedNs);
    }

    void asyncSuspensionsOverlapAndLoopStaysFree()
    {
        const Trace trace = run(Strategy::Async, u"/delay/0.5"_s, 8);
        const RunSummary s = summarize(trace);
        QCOMPARE(s.ok, 8);
        QVERIFY(s.lagSamples > 20);
        // "The loop stays free" against a peer measured here, not a bound in ms: the same
        // fetches made blocking hold the loop for a whole request (lag ~0.5 s); awaiting them
        // must leave 99% of the lag samples under a fifth of that.
        const RunSummary blocking = summarize(run(Strategy::Blocking, u"/delay/0.5"_s, 2));
        QVERIFY2(blocking.lagMaxMs >= 400, qPrintable(QString::number(blocking.lagMaxMs)));
        QVERIFY2(
            s.lagP99Ms < blocking.lagMaxMs / 5,
            qPrintable(
                u"async p99 %1 ms, blocking max %2 ms"_s.arg(s.lagP99Ms).arg(blocking.lagMaxMs)));
        const QList<TaskTimes> times = deriveTaskTimes(trace);
        for (quint32 t = 0; t < 8; ++t)
            QCOMPARE(countSegments(trace, t, SegmentState::Suspended), 1);
        QVERIFY(s.speedup && *s.speedup > 5);
    }

    void threadsRunOnWorkers()
    {
        const Trace trace = run(Strategy::Threads, u"/delay/0.3"_s, 8, 4);
        const RunSummary s = summarize(trace);
        QCOMPARE(s.ok, 8);
        // Four workers: two rounds of 0.3 s, so at least 0.6 s; and the tasks ran side by side,
        // as a ratio measured in this run (ideal 4; one after another 1).
        QVERIFY2(s.wallMs > 580, qPrintable(QString::number(s.wallMs)));
        QVERIFY(s.speedup);
        QVERIFY2(*s.speedup > 2, qPrintable(QString::number(*s.speedup)));
        QSet<int> workers;
        for (const TaskInfo &info : trace.tasks) {
            QVERIFY(info.worker >= 0 && info.worker < 4);
            workers.insert(info.worker);
        }
        QCOMPARE(workers.size(), 4);
    }

    void doneCallbacksAndAllDone_data()
    {
        QTest::addColumn<Strategy>("strategy");
        for (Strategy s : allStrategies())
            QTest::newRow(qPrintable(strategyName(s))) << s;
    }
    void doneCallbacksAndAllDone()
    {
        QFETCH(Strategy, strategy);
        const Trace trace = run(strategy, u"/get"_s, 3);
        int callbacks = 0;
        int allDone = 0;
        for (const TraceEvent &e : trace.events) {
            callbacks += e.kind == EventKind::DoneCallback ? 1 : 0;
            allDone += e.kind == EventKind::AllDone ? 1 : 0;
        }
        QCOMPARE(callbacks, 3);
        QCOMPARE(allDone, 1);
        const QList<TaskTimes> times = deriveTaskTimes(trace);
        for (const TaskTimes &t : times)
            QVERIFY(t.doneCallbackNs >= t.finishedNs);
    }

    void stopInterruptsABlockingRun_data()
    {
        QTest::addColumn<Strategy>("strategy");
        QTest::newRow("blocking") << Strategy::Blocking;
        QTest::newRow("wrapped-blocking") << Strategy::WrappedBlocking;
        QTest::newRow("sequential") << Strategy::Sequential;
        QTest::newRow("threads") << Strategy::Threads;
    }
    void stopInterruptsABlockingRun()
    {
        QFETCH(Strategy, strategy);
        RunSpec spec;
        QUrl url = m_server.baseUrl();
        url.setPath(u"/delay/5"_s);
        spec.urls = {url};
        spec.tasks = 10;
        spec.strategy = strategy;
        spec.workers = 2;
        Run r(spec);
        QSignalSpy finished(&r, &Run::finished);
        r.start();
        QTest::qWait(300);
        QElapsedTimer clock;
        clock.start();
        r.stop();
        // Against the blocked fetch's remaining 4.7 s, not a fixed bound: Stop interrupts it,
        // so the run ends within a tenth of what waiting it out would take.
        constexpr int RemainingMs = 5000 - 300;
        QVERIFY(finished.wait(RemainingMs));
        QVERIFY2(clock.elapsed() < RemainingMs / 10, qPrintable(QString::number(clock.elapsed())));
        const RunSummary s = summarize(r.snapshot());
        QCOMPARE(s.cancelled, 10);
    }
};

QTEST_GUILESS_MAIN(TestStrategies)
#include "tst_strategies.moc"
