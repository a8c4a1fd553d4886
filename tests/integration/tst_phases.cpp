#include "phasetiling.h"
#include "runtoend.h"

#include "io/csv.h"
#include "run/run.h"
#include "server/testserver.h"
#include "trace/phases.h"
#include "trace/segments.h"

#include <QSignalSpy>
#include <QTest>

using namespace Coroscope;
using CoroscopeTest::verifyTiling;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 Ms = 1000000;
}

// Where a request's time went inside `await reply`, against the real embedded server.
class TestPhases : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    static Trace run(const TestServer &server, const QString &path, int tasks, int perHost = 0)
    {
        return CoroscopeTest::runToEnd(CoroscopeTest::specOn(server, path, tasks, perHost));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start(0)); }

    void phasesTileTheAwait_data()
    {
        QTest::addColumn<int>("perHost");
        QTest::addColumn<int>("reusedFrom"); // tasks from this one went out on a kept-alive
                                             // connection (-1: none)
        QTest::newRow("12 requests, 12 new connections") << 0 << -1;
        QTest::newRow("6 per host: the second wave reuses the first's connections") << 6 << 6;
    }
    void phasesTileTheAwait()
    {
        QFETCH(int, perHost);
        QFETCH(int, reusedFrom);
        const Trace trace = run(m_server, u"/delay/0.3"_s, 12, perHost);
        const SegmentBuilder builder = buildSegments(trace);
        for (quint32 t = 0; t < 12; ++t) {
            const RequestPhases p = requestPhases(trace, builder, t);
            verifyTiling(p);
            if (QTest::currentTestFailed())
                return;
            const bool reused = reusedFrom >= 0 && int(t) >= reusedFrom;
            QCOMPARE(p.reusedConnection, reused ? 1 : 0);
            // The server's 0.3 s is time to first byte, not queueing or receiving.
            QVERIFY2(p.ns(PhaseKind::Waiting) >= 290 * Ms,
                     qPrintable(QString::number(p.ns(PhaseKind::Waiting))));
            QCOMPARE(p.ns(PhaseKind::ServerQueue), 0);
        }
        // Exported as printed differences, the phase columns add up to the suspended time.
        const QList<QStringList> rows = parseCsv(tasksCsv(trace));
        const QStringList header = rows.first();
        const auto col
            = [&header](const char *name) { return header.indexOf(QLatin1String(name)); };
        for (qsizetype r = 1; r < rows.size(); ++r) {
            qint64 sumUs = 0;
            for (const char *name : {"queued_ms", "connect_ms", "tls_ms", "send_ms", "waiting_ms",
                                     "server_queue_ms", "receiving_ms", "resume_ms"})
                sumUs += qRound64(rows[r].at(col(name)).toDouble() * 1000);
            QCOMPARE(sumUs, qRound64(rows[r].at(col("suspended_ms")).toDouble() * 1000));
            // Each column holds its own phase (0.3 s is waiting, never server queue).
            const RequestPhases p = requestPhases(trace, builder, quint32(r - 1));
            QCOMPARE(rows[r].at(col("waiting_ms")).toDouble() >= 290, true);
            QCOMPARE(rows[r].at(col("server_queue_ms")), u"0.000"_s);
            const qint64 waitingUs = (p.ns(PhaseKind::Waiting) + 500) / 1000;
            QVERIFY(qAbs(qRound64(rows[r].at(col("waiting_ms")).toDouble() * 1000) - waitingUs)
                    <= 1);
        }
    }

    // A server that handles two requests at a time: its queue shows inside the await.
    void serverQueueIsAPhase()
    {
        TestServer limited;
        QVERIFY(limited.start(0, 2));
        const Trace trace = run(limited, u"/delay/1"_s, 8);
        const SegmentBuilder builder = buildSegments(trace);
        QList<qint64> queuedMs;
        for (quint32 t = 0; t < 8; ++t) {
            const RequestPhases p = requestPhases(trace, builder, t);
            verifyTiling(p);
            queuedMs << (p.ns(PhaseKind::ServerQueue) + 50 * Ms) / (1000 * Ms) * 1000;
        }
        std::sort(queuedMs.begin(), queuedMs.end());
        QCOMPARE(queuedMs, (QList<qint64>{0, 0, 1000, 1000, 2000, 2000, 3000, 3000}));
        // The tasks CSV puts the same figures under server_queue_ms, and ~1 s under waiting_ms.
        const QList<QStringList> rows = parseCsv(tasksCsv(trace));
        const qsizetype queueCol = rows.first().indexOf(u"server_queue_ms"_s);
        const qsizetype waitingCol = rows.first().indexOf(u"waiting_ms"_s);
        QList<qint64> csvQueuedMs;
        for (qsizetype r = 1; r < rows.size(); ++r) {
            csvQueuedMs << (qRound64(rows[r].at(queueCol).toDouble()) + 50) / 1000 * 1000;
            QVERIFY2(rows[r].at(waitingCol).toDouble() >= 990, qPrintable(rows[r].join(u',')));
        }
        std::sort(csvQueuedMs.begin(), csvQueuedMs.end());
        QCOMPARE(csvQueuedMs, queuedMs);
    }
};

QTEST_GUILESS_MAIN(TestPhases)
#include "tst_phases.moc"
