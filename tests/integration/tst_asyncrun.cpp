#include "runtoend.h"

#include "run/run.h"
#include "server/testserver.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
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
        QVERIFY2(s.wallMs < 900, qPrintable(QString::number(s.wallMs)));
        QVERIFY(s.speedup);
        QVERIFY2(*s.speedup > 5, qPrintable(QString::number(*s.speedup)));
        // Every task suspends once at `await reply` for about the server's delay, and those
        // suspensions overlap: all of them start before the first one ends.
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
                QVERIFY2(seg.durationNs() >= 500 * Ms && seg.durationNs() < 700 * Ms,
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
        QVERIFY2(sum.wallMs > 780 && sum.wallMs < 1200, qPrintable(QString::number(sum.wallMs)));
        const QList<TaskTimes> times = deriveTaskTimes(trace);
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
        QVERIFY2(s.wallMs < 900, qPrintable(QString::number(s.wallMs)));
    }

    void concurrencyLimitHoldsTasksPending()
    {
        RunSpec s = spec({url(u"/delay/0.3"_s)}, 4);
        s.concurrency = 2;
        const Trace trace = runToEnd(s);
        const RunSummary sum = summarize(trace);
        QCOMPARE(sum.ok, 4);
        QVERIFY2(sum.wallMs > 580 && sum.wallMs < 900, qPrintable(QString::number(sum.wallMs)));
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

    void unknownHostIsAnError()
    {
        // .invalid never resolves (RFC 6761), online or off.
        const Trace trace = runToEnd(spec({QUrl(u"http://coroscope.invalid/get"_s)}, 2));
        QCOMPARE(summarize(trace).failed, 2);
        QVERIFY2(!trace.tasks[0].error.isEmpty(), "an unknown host must say why");
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
        QVERIFY2(sum.wallMs >= 400 && sum.wallMs < 700, qPrintable(QString::number(sum.wallMs)));
    }

    void hugeBodyIsCountedNotKept()
    {
        const Trace trace = runToEnd(spec({url(u"/bytes/10485760"_s)}, 2));
        QCOMPARE(summarize(trace).ok, 2);
        QCOMPARE(trace.tasks[0].bytes, qint64(10485760));
    }

    void stopCancelsEverythingQuickly()
    {
        Run run(spec({url(u"/delay/5"_s)}, 200));
        QSignalSpy finished(&run, &Run::finished);
        run.start();
        QTest::qWait(400);
        QElapsedTimer clock;
        clock.start();
        run.stop();
        QVERIFY(finished.wait(2000));
        QVERIFY2(clock.elapsed() < 200, qPrintable(QString::number(clock.elapsed())));
        const Trace trace = run.snapshot();
        const RunSummary s = summarize(trace);
        QCOMPARE(s.cancelled, 200);
        QVERIFY(trace.isComplete());
    }

    void destroyingARunMidFlightIsSafe()
    {
        QElapsedTimer clock;
        clock.start();
        {
            Run run(spec({url(u"/delay/5"_s)}, 50));
            run.start();
            QTest::qWait(200);
        }
        QVERIFY(clock.elapsed() < 1500);
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
        QVERIFY2(s.wallMs > 850 && s.wallMs < 1300, qPrintable(QString::number(s.wallMs)));
        qint64 maxQueued = 0;
        for (const TaskInfo &info : trace.tasks)
            maxQueued = std::max(maxQueued, info.serverQueuedMs);
        QVERIFY2(maxQueued >= 500, qPrintable(QString::number(maxQueued)));
    }
};

QTEST_GUILESS_MAIN(TestAsyncRun)
#include "tst_asyncrun.moc"
