#include "runtoend.h"

#include "run/run.h"
#include "server/testserver.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 Ms = 1000000;
}

// The async strategy against the real embedded server on loopback.
class TestAsyncRun : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    QUrl url(const QString &path) const
    {
        QUrl u = m_server.baseUrl();
        const qsizetype q = path.indexOf(u'?');
        u.setPath(q < 0 ? path : path.left(q));
        if (q >= 0)
            u.setQuery(path.mid(q + 1));
        return u;
    }

    static Trace runToEnd(const RunSpec &spec, int timeoutMs = 20000)
    {
        return CoroscopeTest::runToEnd(spec, timeoutMs);
    }

    static RunSpec spec(const QList<QUrl> &urls, int tasks)
    {
        RunSpec s;
        s.urls = urls;
        s.tasks = tasks;
        return s;
    }

    static QList<Segment> segmentsOf(const Trace &trace, quint32 task)
    {
        QList<Segment> result;
        for (const Segment &s : deriveSegments(trace))
            if (s.task == task)
                result << s;
        return result;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(0), qPrintable(m_server.errorString())); }

    void concurrentDelaysFinishTogether()
    {
        const Trace trace = runToEnd(spec({url(u"/delay/0.5"_s)}, 10));
        const RunSummary s = summarize(trace);
        QCOMPARE(s.ok, 10);
        // Concurrency as a ratio measured in this run, not a wall-clock bound: the wall time
        // is under a fifth of the tasks' summed time (ideal: a tenth; one after another: 1).
        QVERIFY(s.speedup);
        QVERIFY2(*s.speedup > 5, qPrintable(QString::number(*s.speedup)));
        // Every task suspends once at `await reply` for about the server's delay (at least
        // it, under twice it), and those suspensions overlap: all of them start before the
        // first one ends.
        qint64 firstEnd = std::numeric_limits<qint64>::max();
        qint64 lastStart = 0;
        const quint16 reply = quint16(trace.labels.indexOf(u"await reply"_s));
        for (quint32 t = 0; t < 10; ++t) {
            int suspensions = 0;
            for (const Segment &seg : segmentsOf(trace, t)) {
                if (seg.state != SegmentState::Suspended)
                    continue;
                ++suspensions;
                QCOMPARE(seg.label, reply);
                QVERIFY2(seg.durationNs() >= 500 * Ms && seg.durationNs() < 2 * 500 * Ms,
                         qPrintable(QString::number(seg.durationNs() / Ms)));
                firstEnd = std::min(firstEnd, seg.endNs);
                lastStart = std::max(lastStart, seg.startNs);
            }
            QCOMPARE(suspensions, 1);
            QCOMPARE(trace.tasks[t].httpStatus, 200);
            QVERIFY(trace.tasks[t].bytes > 50);
        }
        QVERIFY(lastStart < firstEnd);
    }

    void connectionsPerHostMakesASecondWave()
    {
        RunSpec s = spec({url(u"/delay/0.4"_s)}, 12);
        s.connectionsPerHost = 6;
        const Trace trace = runToEnd(s);
        const RunSummary sum = summarize(trace);
        QCOMPARE(sum.ok, 12);
        // Two waves of 0.4 s cannot take less than 0.8 s (a lower bound the server guarantees;
        // the six waits below show the second wave).
        QVERIFY2(sum.wallMs > 780, qPrintable(QString::number(sum.wallMs)));
        const quint16 connection = quint16(trace.labels.indexOf(u"await connection"_s));
        int waited = 0;
        for (const Segment &seg : deriveSegments(trace)) {
            if (seg.state == SegmentState::Pending && seg.label == connection) {
                ++waited;
                QVERIFY2(seg.durationNs() > 350 * Ms,
                         qPrintable(QString::number(seg.durationNs() / Ms)));
            }
        }
        QCOMPARE(waited, 6);
    }

    void unlimitedConnectionsRunAllAtOnce()
    {
        const Trace trace = runToEnd(spec({url(u"/delay/0.5"_s)}, 30));
        const RunSummary s = summarize(trace);
        QCOMPARE(s.ok, 30);
        // All at once, shown by the trace rather than a clock: every request was in flight at
        // one moment (each `await reply` began before the first ended).
        qint64 firstEnd = std::numeric_limits<qint64>::max();
        qint64 lastStart = 0;
        int awaits = 0;
        const quint16 reply = quint16(trace.labels.indexOf(u"await reply"_s));
        for (const Segment &seg : deriveSegments(trace)) {
            if (seg.state != SegmentState::Suspended || seg.label != reply)
                continue;
            ++awaits;
            firstEnd = std::min(firstEnd, seg.endNs);
            lastStart = std::max(lastStart, seg.startNs);
        }
        QCOMPARE(awaits, 30);
        QVERIFY2(lastStart < firstEnd,
                 qPrintable(u"the last request began %1 ms after the first ended"_s.arg(
                     double(lastStart - firstEnd) / Ms)));
    }

    void concurrencyLimitHoldsTasksPending()
    {
        RunSpec s = spec({url(u"/delay/0.3"_s)}, 4);
        s.concurrency = 2;
        const Trace trace = runToEnd(s);
        const RunSummary sum = summarize(trace);
        QCOMPARE(sum.ok, 4);
        // Two at a time, two rounds of 0.3 s: at least 0.6 s (the two held tasks show the rest).
        QVERIFY2(sum.wallMs > 580, qPrintable(QString::number(sum.wallMs)));
        const quint16 limit = quint16(trace.labels.indexOf(u"await concurrency limit"_s));
        int held = 0;
        for (const Segment &seg : deriveSegments(trace))
            held += seg.state == SegmentState::Pending && seg.label == limit ? 1 : 0;
        QCOMPARE(held, 2);
    }

    void outcomes_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<QString>("result");
        QTest::addColumn<int>("status");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("200 is ok") << u"/status/200"_s << 0 << u"ok"_s << 200 << qint64(0);
        QTest::newRow("404 is an error with its status")
            << u"/status/404"_s << 0 << u"error"_s << 404 << qint64(-1);
        QTest::newRow("503 is an error with its status")
            << u"/status/503"_s << 0 << u"error"_s << 503 << qint64(-1);
        QTest::newRow("bytes are counted")
            << u"/bytes/5000"_s << 0 << u"ok"_s << 200 << qint64(5000);
        QTest::newRow("timeout is not cancelled")
            << u"/delay/2"_s << 300 << u"timeout"_s << 0 << qint64(-1);
        QTest::newRow("slow drip times out")
            << u"/drip?duration=3&numbytes=30"_s << 500 << u"timeout"_s << 200 << qint64(-1);
    }
    void outcomes()
    {
        QFETCH(QString, path);
        QFETCH(int, timeoutMs);
        QFETCH(QString, result);
        QFETCH(int, status);
        QFETCH(qint64, bytes);
        RunSpec s = spec({url(path)}, 1);
        s.timeoutMs = timeoutMs;
        const Trace trace = runToEnd(s);
        QCOMPARE(resultName(trace.tasks[0].result), result);
        QCOMPARE(trace.tasks[0].httpStatus, status);
        if (bytes >= 0)
            QCOMPARE(trace.tasks[0].bytes, bytes);
        if (timeoutMs > 0) {
            const qint64 total = deriveTaskTimes(trace)[0].totalNs() / Ms;
            QVERIFY2(total >= timeoutMs && total < timeoutMs + 200,
                     qPrintable(QString::number(total)));
        }
        QVERIFY(trace.tasks[0].result == TaskResult::Ok || !trace.tasks[0].error.isEmpty());
    }

    void refusedPortIsAnError()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        const Trace trace = runToEnd(spec({QUrl(u"http://127.0.0.1:%1/get"_s.arg(port))}, 3));
        const RunSummary s = summarize(trace);
        QCOMPARE(s.failed, 3);
        QVERIFY(trace.tasks[0].error.contains(u"refused"_s, Qt::CaseInsensitive));
    }

    // A host that answers with a reset on connect (nothing resolves anywhere: loopback only,
    // unlike a DNS lookup of an .invalid name, which depends on the machine's resolver).
    void closedBeforeAnyResponseIsAnError()
    {
        QTcpServer closer;
        QVERIFY(closer.listen(QHostAddress::LocalHost));
        connect(&closer, &QTcpServer::newConnection, &closer, [&closer]() {
            while (QTcpSocket *socket = closer.nextPendingConnection()) {
                socket->abort(); // RST, no byte of a response
                socket->deleteLater();
            }
        });
        const Trace trace
            = runToEnd(spec({QUrl(u"http://127.0.0.1:%1/get"_s.arg(closer.serverPort()))}, 2));
        QCOMPARE(summarize(trace).failed, 2);
        for (const TaskInfo &info : trace.tasks) {
            QCOMPARE(info.httpStatus, 0);
            QVERIFY2(!info.error.isEmpty(), "a connection closed on the client must say why");
        }
    }

    void silentServerTimesOut()
    {
        // Accepts connections and never answers: only the timeout ends these tasks.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        RunSpec s = spec({QUrl(u"http://127.0.0.1:%1/get"_s.arg(silent.serverPort()))}, 3);
        s.timeoutMs = 400;
        const Trace trace = runToEnd(s);
        const RunSummary sum = summarize(trace);
        QCOMPARE(sum.timeouts, 3);
        // The timeout ended them, not something later: at least it, under twice it.
        QVERIFY2(sum.wallMs >= s.timeoutMs && sum.wallMs < 2 * s.timeoutMs,
                 qPrintable(QString::number(sum.wallMs)));
    }

    void hugeBodyIsCountedNotKept()
    {
        const Trace trace = runToEnd(spec({url(u"/bytes/10485760"_s)}, 2));
        QCOMPARE(summarize(trace).ok, 2);
        QCOMPARE(trace.tasks[0].bytes, qint64(10485760));
    }

    void stopCancelsEverythingQuickly()
    {
        constexpr int DelayMs = 5000;
        constexpr int StopAtMs = 400;
        Run run(spec({url(u"/delay/5"_s)}, 200));
        QSignalSpy finished(&run, &Run::finished);
        run.start();
        QTest::qWait(StopAtMs);
        QElapsedTimer clock;
        clock.start();
        run.stop();
        // Against what waiting would cost (the requests' remaining 4.6 s), not a fixed bound:
        // stopping must not wait for the server, so it ends within a tenth of that.
        constexpr int RemainingMs = DelayMs - StopAtMs;
        QVERIFY(finished.wait(RemainingMs));
        QVERIFY2(clock.elapsed() < RemainingMs / 10, qPrintable(QString::number(clock.elapsed())));
        const Trace trace = run.snapshot();
        const RunSummary s = summarize(trace);
        QCOMPARE(s.cancelled, 200);
        QVERIFY(trace.isComplete());
    }

    void destroyingARunMidFlightIsSafe()
    {
        QElapsedTimer clock;
        {
            Run run(spec({url(u"/delay/5"_s)}, 50));
            run.start();
            QTest::qWait(200);
            clock.start();
        }
        // The destructor stops the run: it must not wait out the 4.8 s left of the requests.
        QVERIFY2(clock.elapsed() < (5000 - 200) / 4, qPrintable(QString::number(clock.elapsed())));
        // the server is unharmed
        const Trace trace = runToEnd(spec({url(u"/get"_s)}, 2));
        QCOMPARE(summarize(trace).ok, 2);
    }

    void serverCapacityQueuesRequests()
    {
        TestServer limited;
        QVERIFY(limited.start(0, 2));
        QUrl u = limited.baseUrl();
        u.setPath(u"/delay/0.3"_s);
        const Trace trace = runToEnd(spec({u}, 6));
        const RunSummary s = summarize(trace);
        QCOMPARE(s.ok, 6);
        // Three rounds of two: at least 0.9 s (the server's queue below shows the rounds).
        QVERIFY2(s.wallMs > 850, qPrintable(QString::number(s.wallMs)));
        qint64 maxQueued = 0;
        for (const TaskInfo &info : trace.tasks)
            maxQueued = std::max(maxQueued, info.serverQueuedMs);
        QVERIFY2(maxQueued >= 500, qPrintable(QString::number(maxQueued)));
    }
};

QTEST_GUILESS_MAIN(TestAsyncRun)
#include "tst_asyncrun.moc"
