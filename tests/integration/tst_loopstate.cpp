#include "runtoend.h"

#include "trace/loopstate.h"
#include "trace/segments.h"

#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

// The loop state at an instant, from real runs on the embedded server: what a learner stepping
// through a run would read in the loop state panel.
class TestLoopState : public QObject
{
    Q_OBJECT

    TestServer m_server;

    static int total(const LoopState &s)
    {
        return s.runningCount + s.onWorkersCount + s.readyCount + s.suspendedCount + s.pendingCount
            + s.finishedCount + s.notCreatedCount;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(0), qPrintable(m_server.errorString())); }

    // Async: half-way through the server's 0.3 s every task is suspended at `await reply`;
    // at the end every one has finished ok; at every stepping time the loop runs at most one
    // task and every task is in exactly one list.
    void asyncRun()
    {
        const Trace trace = runToEnd(specOn(m_server, u"/delay/0.3"_s, 10));
        const SegmentBuilder segments = buildSegments(trace);
        const int replyLabel = int(trace.labels.indexOf(u"await reply"_s));

        const LoopState middle = loopStateAt(trace, segments, 150'000'000);
        QCOMPARE(middle.suspendedCount, 10);
        QCOMPARE(middle.suspended.size(), 10);
        for (const LoopState::Entry &e : middle.suspended)
            QCOMPARE(int(e.label), replyLabel);
        QCOMPARE(middle.runningCount, 0);

        const LoopState end = loopStateAt(trace, segments, trace.lastNs());
        QCOMPARE(end.finishedCount, 10);
        for (const LoopState::Entry &e : end.finished)
            QCOMPARE(e.result, TaskResult::Ok);

        const QList<qint64> times = steppingTimes(trace);
        QVERIFY(times.size() >= 30); // created, admitted, suspended, resumed, finished x 10
        QVERIFY(std::is_sorted(times.cbegin(), times.cend()));
        bool sawReady = false;
        for (const qint64 t : times) {
            const LoopState s = loopStateAt(trace, segments, t);
            QVERIFY2(s.runningCount <= 1, qPrintable(QString::number(t)));
            QCOMPARE(total(s), 10);
            sawReady = sawReady || s.readyCount > 0;
        }
        QVERIFY(sawReady); // new tasks wait for the loop before their first turn
        // Stepping goes forward and back through the same instants.
        QCOMPARE(nextSteppingTime(times, -1), times.first());
        QCOMPARE(nextSteppingTime(times, times.at(3)), times.at(4));
        QCOMPARE(previousSteppingTime(times, times.at(4)), times.at(3));
        QCOMPARE(previousSteppingTime(times, times.first()), -1);
        QCOMPARE(nextSteppingTime(times, times.last()), -1);
    }

    // Blocking: the loop runs one task's blocking fetch while every other one waits for it.
    void blockingRun()
    {
        RunSpec spec = specOn(m_server, u"/delay/0.2"_s, 4);
        spec.strategy = Strategy::Blocking;
        const Trace trace = runToEnd(spec);
        const SegmentBuilder segments = buildSegments(trace);
        const TaskTimes &second = segments.times(1);
        QVERIFY(second.finishedNs > 0);
        // Half-way through the second task's fetch.
        const qint64 at = second.finishedNs - 100'000'000;
        const LoopState s = loopStateAt(trace, segments, at);
        QCOMPARE(s.runningCount, 1);
        QCOMPARE(s.running.first().task, 1);
        QCOMPARE(trace.label(s.running.first().label), u"blocking fetch"_s);
        QCOMPARE(s.finishedCount, 1);
        QCOMPARE(s.suspendedCount, 0);
        QCOMPARE(s.readyCount + s.pendingCount, 2);
        QCOMPARE(total(s), 4);
    }

    // Lists are bounded; counts are not.
    void listsAreBounded()
    {
        const Trace trace = runToEnd(specOn(m_server, u"/delay/0.2"_s, 120));
        const SegmentBuilder segments = buildSegments(trace);
        const LoopState s
            = loopStateAt(trace, segments, 100'000'000 + segments.times(119).createdNs, 5);
        QCOMPARE(total(s), 120);
        QVERIFY(s.suspended.size() <= 5);
        QVERIFY(s.suspendedCount > 5);
        const LoopState end = loopStateAt(trace, segments, trace.lastNs(), 5);
        QCOMPARE(end.finished.size(), 5);
        QCOMPARE(end.finishedCount, 120);
        // Newest first.
        QVERIFY(end.finished.first().sinceNs >= end.finished.last().sinceNs);
    }
};

QTEST_GUILESS_MAIN(TestLoopState)
#include "tst_loopstate.moc"
