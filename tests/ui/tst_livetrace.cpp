#include "livetrace.h"
#include "throttle.h"
#include "trace/recorder.h"

#include <QElapsedTimer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace Coroscope;
using namespace Qt::StringLiterals;

// How the window follows a live trace without ever waiting for its writer, and how fast it
// refreshes (issue 19's live figure: a window that follows a flood of tasks must not stall).
class TestLiveTrace : public QObject
{
    Q_OBJECT
private:
    static TaskInfo task(const QString &name)
    {
        TaskInfo info;
        info.name = name;
        return info;
    }

private Q_SLOTS:
    // A writer (the recording's reader thread) holding the trace while the window refreshes: the
    // refresh returns at once with what it had, and the next one after the writer let go shows
    // the new tasks. A blocking sync would make the window wait as long as the writer holds it
    // (here: until the test lets it go, after 10 s, and then see the new task at once).
    void refreshDoesNotWaitForAWriterHoldingTheTrace()
    {
        auto recorder = std::make_shared<TraceRecorder>(u"recording"_s);
        recorder->start();
        recorder->addTask(task(u"Task-1"_s));
        LiveTrace live;
        live.attach(recorder);
        QCOMPARE(live.taskCount(), 1);

        QSemaphore holding;
        QSemaphore release;
        QThread *writer = QThread::create([&]() {
            recorder->modify([&](Trace &trace) {
                TaskInfo info = task(u"Task-2"_s);
                trace.tasks.append(info);
                trace.events.append(TraceEvent{recorder->nowNs(), 1, EventKind::Created});
                holding.release();
                // Held until the window has refreshed (or, with a refresh that waits, 10 s).
                release.tryAcquire(1, 10000);
                return 0;
            });
        });
        writer->start();
        QVERIFY(holding.tryAcquire(1, 10000));
        QSignalSpy changed(&live, &LiveTrace::changed);
        live.refresh();
        QCOMPARE(live.taskCount(), 1); // not waited for: the writer still holds Task-2
        QCOMPARE(changed.size(), 0);
        release.release();
        QVERIFY(writer->wait(10000));
        delete writer;

        live.refresh();
        QCOMPARE(live.taskCount(), 2);
        QCOMPARE(live.wholeTrace().tasks.at(1).name, u"Task-2"_s);
        QCOMPARE(changed.size(), 1);
    }

    // A writer that holds the trace at every refresh is waited for after a few: the window
    // falls behind by a few frames at most, never for good.
    void refreshWaitsForAWriterThatHoldsTheTraceAtEveryRefresh()
    {
        auto recorder = std::make_shared<TraceRecorder>(u"recording"_s);
        recorder->start();
        LiveTrace live;
        live.attach(recorder);

        QSemaphore holding;
        std::atomic<int> refreshes{0};
        QThread *writer = QThread::create([&]() {
            recorder->modify([&](Trace &trace) {
                trace.tasks.append(task(u"Task-1"_s));
                trace.events.append(TraceEvent{recorder->nowNs(), 0, EventKind::Created});
                holding.release();
                // Lets go only once the window has been refused a few times (10 s at most).
                QElapsedTimer held;
                held.start();
                while (refreshes.load() < 3 && held.elapsed() < 10000)
                    QThread::msleep(1);
                return 0;
            });
        });
        writer->start();
        QVERIFY(holding.tryAcquire(1, 10000));
        for (int i = 0; i < 3; ++i) {
            live.refresh();
            QCOMPARE(live.taskCount(), 0);
            refreshes.fetch_add(1);
        }
        live.refresh(); // the fourth in a row waits for the writer
        QCOMPARE(live.taskCount(), 1);
        QVERIFY(writer->wait(10000));
        delete writer;
    }

    void refreshIntervalFollowsTheWindowsOwnCost_data()
    {
        QTest::addColumn<qint64>("cpuNs");
        QTest::addColumn<int>("expectedMs");
        // RefreshPacer(16, 100, 0.2): at most a fifth of the GUI thread.
        QTest::newRow("nothing measured yet: every frame") << qint64(0) << 16;
        QTest::newRow("cheap refresh: every frame") << qint64(2'000'000) << 16;
        QTest::newRow("4 ms per refresh: every 20 ms") << qint64(4'000'000) << 20;
        QTest::newRow("10 ms per refresh: every 50 ms") << qint64(10'000'000) << 50;
        QTest::newRow("a 60 ms refresh: still 10 a second") << qint64(60'000'000) << 100;
    }

    void refreshIntervalFollowsTheWindowsOwnCost()
    {
        QFETCH(qint64, cpuNs);
        QFETCH(int, expectedMs);
        QCOMPARE(RefreshPacer::intervalFor(cpuNs, 16, 100, 0.2), expectedMs);
    }

    // The pacer reads this thread's CPU time: work done between two calls lengthens the next
    // interval, an idle thread gets the shortest.
    void pacerMeasuresThisThreadsCpuTime()
    {
        RefreshPacer pacer(16, 1000, 0.2);
        pacer.restart();
        QCOMPARE(pacer.nextIntervalMs(), 16); // nothing done since restart()
        const qint64 start = RefreshPacer::threadCpuNs();
        volatile quint64 sink = 0;
        while (RefreshPacer::threadCpuNs() - start < 30'000'000) // 30 ms of CPU
            sink = sink + 1;
        QVERIFY(pacer.nextIntervalMs() >= 150); // 30 ms / 0.2
    }
};

QTEST_GUILESS_MAIN(TestLiveTrace)
#include "tst_livetrace.moc"
