#include "runtoend.h"

#include "run/run.h"
#include "server/testserver.h"
#include "trace/diagnostics.h"
#include "trace/summary.h"

#include <QMetaEnum>
#include <QSignalSpy>
#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

// Diagnostics read real traces: each workload below must be explained by the right finding.
class TestDiagnostics : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    static Trace runToEnd(const RunSpec &spec) { return CoroscopeTest::runToEnd(spec); }
    RunSpec spec(const QString &path, int tasks, const TestServer &server) const
    {
        RunSpec s;
        QUrl url = server.baseUrl();
        url.setPath(path);
        s.urls = {url};
        s.tasks = tasks;
        return s;
    }
    static const Diagnostic *find(const QList<Diagnostic> &items, Diagnostic::Kind kind)
    {
        for (const Diagnostic &d : items)
            if (d.kind == kind)
                return &d;
        return nullptr;
    }
    static QString all(const QList<Diagnostic> &items)
    {
        QStringList texts;
        for (const Diagnostic &d : items)
            texts << d.text;
        return texts.join(u" | "_s);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start(0)); }

    // diagnose() runs one detector per kind from a table: a kind left out would never be found,
    // one listed twice would be found twice.
    void everyKindHasExactlyOneDetector()
    {
        // Two tables: a workload's detectors and a recorded program's. Each lists a kind at most
        // once, and together they name every kind (Failures is in both: a workload's failed
        // requests, a program's exceptions).
        const QMetaEnum kinds = QMetaEnum::fromType<Diagnostic::Kind>();
        const QList<Diagnostic::Kind> workload = diagnosticDetectorKinds();
        const QList<Diagnostic::Kind> recording = recordingDetectorKinds();
        for (int i = 0; i < kinds.keyCount(); ++i) {
            const auto kind = Diagnostic::Kind(kinds.value(i));
            QVERIFY2(workload.count(kind) <= 1 && recording.count(kind) <= 1, kinds.key(i));
            QVERIFY2(workload.contains(kind) || recording.contains(kind), kinds.key(i));
        }
        QCOMPARE(workload.size() + recording.size(), kinds.keyCount() + 1);
    }

    void describeTasks_data()
    {
        QTest::addColumn<QList<int>>("tasks");
        QTest::addColumn<QString>("expected");
        QTest::newRow("one task") << QList<int>{3} << u"Task 3"_s;
        QTest::newRow("a range") << QList<int>{7, 8, 9, 10, 11, 12} << u"Tasks 7-12"_s;
        QTest::newRow("unsorted with duplicates")
            << QList<int>{9, 1, 4, 4} << u"Tasks 1, 4 and 9"_s;
        QTest::newRow("long lists are cut")
            << QList<int>{1, 3, 5, 7, 9, 11, 13} << u"Tasks 1, 3, 5, 7 and 3 more"_s;
    }
    void describeTasks()
    {
        QFETCH(QList<int>, tasks);
        QFETCH(QString, expected);
        QCOMPARE(Coroscope::describeTasks(tasks), expected);
    }

    void blockingNamesTheBlockedLoop()
    {
        RunSpec s = spec(u"/delay/0.3"_s, 3, m_server);
        s.strategy = Strategy::Blocking;
        const QList<Diagnostic> items = diagnose(runToEnd(s));
        const Diagnostic *blocked = find(items, Diagnostic::Kind::LoopBlocked);
        QVERIFY2(blocked, qPrintable(all(items)));
        QVERIFY2(blocked->text.contains(u"blocked the event loop for"_s),
                 qPrintable(blocked->text));
        QCOMPARE(blocked->tasks.size(), 1);
        QVERIFY(blocked->endNs - blocked->startNs >= 300000000);
        QVERIFY(find(items, Diagnostic::Kind::LoopLag));
        const Diagnostic *speed = find(items, Diagnostic::Kind::Speedup);
        QVERIFY(speed && speed->severity == Diagnostic::Severity::Warning);
    }

    void wrappedBlockingNamesTheAwaitThatNeverYielded()
    {
        RunSpec s = spec(u"/delay/0.1"_s, 2, m_server);
        s.strategy = Strategy::WrappedBlocking;
        const QList<Diagnostic> items = diagnose(runToEnd(s));
        const Diagnostic *never = find(items, Diagnostic::Kind::NeverSuspended);
        QVERIFY2(never, qPrintable(all(items)));
        QVERIFY(never->text.contains(u"await get()"_s));
        QCOMPARE(never->tasks, (QList<int>{0, 1}));
    }

    void connectionLimitNamesTheSecondWave()
    {
        RunSpec s = spec(u"/delay/0.3"_s, 12, m_server);
        s.connectionsPerHost = 6;
        const QList<Diagnostic> items = diagnose(runToEnd(s));
        const Diagnostic *wait = find(items, Diagnostic::Kind::ConnectionWait);
        QVERIFY2(wait, qPrintable(all(items)));
        QCOMPARE(wait->tasks.size(), 6);
        QVERIFY2(wait->text.contains(u"free connection (6 per host)"_s), qPrintable(wait->text));
        QVERIFY(!find(items, Diagnostic::Kind::LoopBlocked));
    }

    void serverCapacityNamesTheServerQueue()
    {
        TestServer limited;
        QVERIFY(limited.start(0, 2));
        const Trace trace = runToEnd(spec(u"/delay/0.2"_s, 6, limited));
        const QList<Diagnostic> items = diagnose(trace);
        const Diagnostic *queue = find(items, Diagnostic::Kind::ServerQueue);
        QVERIFY2(queue, qPrintable(all(items)));
        QVERIFY2(queue->text.contains(u"at most 2 requests at a time"_s), qPrintable(queue->text));
        QVERIFY2(queue->text.contains(u"capacity is 2"_s), qPrintable(queue->text));
        QCOMPARE(queue->tasks.size(), 4);
        // Two at a time is what the run bought: the speed-up leaves the server's queue out
        // (the sum of client-side waits would claim about 4x here).
        const RunSummary summary = summarize(trace);
        QVERIFY(summary.speedup);
        QVERIFY2(*summary.speedup > 1.8 && *summary.speedup < 2.2,
                 qPrintable(QString::number(*summary.speedup)));
        QVERIFY2(summary.avgInFlight > 3, qPrintable(QString::number(summary.avgInFlight)));
    }

    // A server that reports nothing about itself gets no claim about its capacity.
    void noCapacityClaimWithoutTheServersWord()
    {
        Trace trace = runToEnd(spec(u"/delay/0.2"_s, 4, m_server));
        for (TaskInfo &info : trace.tasks) {
            info.serverActive = -1;
            info.serverCapacity = -1;
            info.serverQueuedMs = 500; // a claim beyond each task's own 0.2 s wait
        }
        const QList<Diagnostic> items = diagnose(trace);
        const Diagnostic *queue = find(items, Diagnostic::Kind::ServerQueue);
        QVERIFY2(queue, qPrintable(all(items)));
        QVERIFY2(!queue->text.contains(u"at most"_s), qPrintable(queue->text));
        // Clamped to what the task itself waited: never the 0.5 s claimed.
        QVERIFY2(queue->text.contains(u"0.2 s"_s), qPrintable(queue->text));
    }

    // A long running stretch is attributed to what ran in it and to where the loop thread's time
    // went: only a blocking fetch is called one; a stretch whose thread mostly waited for a core
    // was starvation; one where it mostly ran is the loop's own work.
    void longRunningStretchNamesItsCause_data()
    {
        QTest::addColumn<QString>("label");
        QTest::addColumn<int>("cpuMs"); // of the 300 ms stretch
        QTest::addColumn<int>("waitMs");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("says");
        QTest::newRow("blocking fetch, asleep in the call")
            << u"blocking fetch"_s << 5 << 5 << int(Diagnostic::Kind::LoopBlocked)
            << u"blocking fetch"_s;
        QTest::newRow("starting a request, starved of CPU")
            << u"QNetworkAccessManager::get"_s << 20 << 260 << int(Diagnostic::Kind::CpuStarved)
            << u"starved"_s;
        QTest::newRow("starting a request, busy")
            << u"QNetworkAccessManager::get"_s << 280 << 10 << int(Diagnostic::Kind::LoopBlocked)
            << u"(step: QNetworkAccessManager::get)"_s;
    }
    void longRunningStretchNamesItsCause()
    {
        QFETCH(QString, label);
        QFETCH(int, cpuMs);
        QFETCH(int, waitMs);
        QFETCH(int, kind);
        QFETCH(QString, says);
        constexpr qint64 Ms = 1000000;
        Trace t;
        t.strategy = u"async"_s;
        t.urls = {u"http://127.0.0.1:1/"_s};
        t.labels = {QString(), u"await loop"_s, label};
        t.tasks.resize(1);
        t.tasks[0].result = TaskResult::Ok;
        t.tasks[0].httpStatus = 200;
        using K = EventKind;
        t.events = {TraceEvent{0, LoopTask, K::LoopCpu, 0, 0, 0},
                    TraceEvent{0, LoopTask, K::LoopWait, 0, 0, 0},
                    TraceEvent{0, 0, K::Created},
                    TraceEvent{10 * Ms, 0, K::Admitted, 0, 1},
                    TraceEvent{10 * Ms, 0, K::Doing, 0, 2},
                    TraceEvent{310 * Ms, 0, K::Finished},
                    TraceEvent{310 * Ms, LoopTask, K::LoopCpu, 0, 0, cpuMs * 1000},
                    TraceEvent{310 * Ms, LoopTask, K::LoopWait, 0, 0, waitMs * 1000},
                    TraceEvent{310 * Ms, LoopTask, K::AllDone}};
        t.endNs = 310 * Ms;
        const QList<Diagnostic> items = diagnose(t);
        const Diagnostic *d = find(items, Diagnostic::Kind(kind));
        QVERIFY2(d, qPrintable(all(items)));
        QVERIFY2(d->text.contains(says), qPrintable(d->text));
        if (label != u"blocking fetch")
            for (const Diagnostic &other : items)
                QVERIFY2(!other.text.contains(u"blocking fetch"_s), qPrintable(other.text));
    }

    // Phases name where a request's time went inside `await reply`.
    void phasesNameQtQueueAndResumeLatency()
    {
        constexpr qint64 Ms = 1000000;
        Trace t;
        t.strategy = u"async"_s;
        t.urls = {u"http://127.0.0.1:1/"_s};
        t.labels = {QString(), u"await reply"_s, u"request sent"_s, u"response headers"_s,
                    u"reply finished"_s};
        t.tasks.resize(1);
        t.tasks[0].result = TaskResult::Ok;
        t.tasks[0].httpStatus = 200;
        using K = EventKind;
        t.events = {TraceEvent{0, 0, K::Created},
                    TraceEvent{0, 0, K::Admitted},
                    TraceEvent{1 * Ms, 0, K::Suspended, 0, 1},
                    TraceEvent{301 * Ms, 0, K::Network, 0, 2}, // 300 ms queued inside Qt
                    TraceEvent{350 * Ms, 0, K::Network, 0, 3},
                    TraceEvent{360 * Ms, 0, K::Network, 0, 4},
                    TraceEvent{410 * Ms, 0, K::Resumed, 0, 1}, // 50 ms to resume
                    TraceEvent{411 * Ms, 0, K::Finished},
                    TraceEvent{411 * Ms, LoopTask, K::AllDone}};
        t.endNs = 411 * Ms;
        const QList<Diagnostic> items = diagnose(t);
        QStringList texts;
        for (const Diagnostic &d : items)
            if (d.kind == Diagnostic::Kind::RequestPhases)
                texts << d.text;
        QCOMPARE(texts.size(), 2);
        QVERIFY2(texts[0].contains(u"300 ms inside Qt"_s), qPrintable(texts[0]));
        QVERIFY2(texts[1].contains(u"50 ms to resume"_s), qPrintable(texts[1]));
    }

    void asyncRunHasOnlyGoodNews()
    {
        const QList<Diagnostic> items = diagnose(runToEnd(spec(u"/delay/0.2"_s, 10, m_server)));
        const Diagnostic *speed = find(items, Diagnostic::Kind::Speedup);
        QVERIFY(speed && speed->severity == Diagnostic::Severity::Info);
        QVERIFY(speed->text.startsWith(u"Speed-up "_s));
        for (const Diagnostic &d : items) {
            // A loaded machine (a sanitizer build, a parallel ctest) truthfully shows a slow or
            // starved loop; what an async run must never show is a blocking fetch, an await
            // that did not suspend, a queue or a failure.
            using K = Diagnostic::Kind;
            const bool machine = d.kind == K::LoopLag || d.kind == K::CpuStarved
                || (d.kind == K::LoopBlocked && !d.text.contains(u"blocking fetch"_s));
            if (machine && d.severity != Diagnostic::Severity::Info) {
                qInfo("the machine, not the run: %s", qPrintable(d.text));
                continue;
            }
            QVERIFY2(d.severity == Diagnostic::Severity::Info, qPrintable(d.text));
        }
    }

    void failuresAreGrouped()
    {
        RunSpec s = spec(u"/status/500"_s, 3, m_server);
        const QList<Diagnostic> items = diagnose(runToEnd(s));
        const Diagnostic *failed = find(items, Diagnostic::Kind::Failures);
        QVERIFY2(failed, qPrintable(all(items)));
        QCOMPARE(failed->tasks, (QList<int>{0, 1, 2}));
        QVERIFY(failed->text.startsWith(u"Tasks 0-2 failed"_s));
    }
};

QTEST_GUILESS_MAIN(TestDiagnostics)
#include "tst_diagnostics.moc"
