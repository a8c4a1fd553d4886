#include "phasetiling.h"
#include "runfileparts.h"
#include "runtoend.h"

#include "io/har.h"
#include "io/runfile.h"
#include "run/run.h"
#include "server/testserver.h"
#include "trace/diagnostics.h"
#include "trace/phases.h"
#include "trace/segments.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;
using CoroscopeTest::joinRunFile;
using CoroscopeTest::RunFileParts;
using CoroscopeTest::splitRunFile;

// Redirects are followed by Coroscope itself, one request per hop: Qt 6.4's own following sent
// more requests than there were hops under concurrency and mixed their responses up.
class TestRedirects : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    // `path` may carry a query: setPath() would encode its '?'.
    RunSpec spec(const QString &path, int tasks, Strategy strategy = Strategy::Async) const
    {
        RunSpec s;
        s.urls = {QUrl(m_server.baseUrl().toString() + path)};
        s.tasks = tasks;
        s.strategy = strategy;
        return s;
    }

    // The reply awaits of a task, in order: their labels.
    static QStringList replyAwaits(const Trace &trace, const SegmentBuilder &builder, quint32 t)
    {
        QStringList labels;
        for (const Segment &s : builder.row(t))
            if (s.state == SegmentState::Suspended && isReplyAwait(trace.label(s.label)))
                labels << trace.label(s.label);
        return labels;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start(0)); }

    void serverSeesOneRequestPerHop_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("hops");
        QTest::addColumn<QString>("firstLabel");
        QTest::addColumn<int>("strategy");
        QTest::newRow("40 x /redirect/3, async")
            << u"/redirect/3"_s << 3 << u"await reply (302 → /relative-redirect/2)"_s
            << int(Strategy::Async);
        QTest::newRow("40 x /absolute-redirect/2, async")
            << u"/absolute-redirect/2"_s << 2 << QString() << int(Strategy::Async);
        QTest::newRow("40 x /status/301 (to /get), async")
            << u"/status/301"_s << 1 << u"await reply (301 → /get)"_s << int(Strategy::Async);
        QTest::newRow("40 x 307 /redirect-to, async")
            << u"/redirect-to?url=%2Fget&status_code=307"_s << 1 << u"await reply (307 → /get)"_s
            << int(Strategy::Async);
        QTest::newRow("40 x 303 /redirect-to, async")
            << u"/redirect-to?url=/relative-redirect/1&status_code=303"_s << 2
            << u"await reply (303 → /relative-redirect/1)"_s << int(Strategy::Async);
        QTest::newRow("20 x /redirect/2, threads")
            << u"/redirect/2"_s << 2 << QString() << int(Strategy::Threads);
        QTest::newRow("5 x /redirect/2, blocking")
            << u"/redirect/2"_s << 2 << QString() << int(Strategy::Blocking);
    }
    void serverSeesOneRequestPerHop()
    {
        QFETCH(QString, path);
        QFETCH(int, hops);
        QFETCH(QString, firstLabel);
        QFETCH(int, strategy);
        const int tasks = Strategy(strategy) == Strategy::Blocking ? 5
            : Strategy(strategy) == Strategy::Threads              ? 20
                                                                   : 40;
        const qint64 before = m_server.stats().requests;
        const Trace trace = CoroscopeTest::runToEnd(spec(path, tasks, Strategy(strategy)), 60000);
        QVERIFY(trace.isComplete());
        // Exactly one request per hop plus the final one: no more, no fewer.
        QCOMPARE(m_server.stats().requests - before, qint64(tasks) * (hops + 1));
        const SegmentBuilder builder = buildSegments(trace);
        const bool async = Strategy(strategy) == Strategy::Async;
        for (quint32 t = 0; t < quint32(tasks); ++t) {
            const TaskInfo &info = trace.tasks.at(t);
            QVERIFY2(info.result == TaskResult::Ok, qPrintable(info.error));
            QCOMPARE(info.httpStatus, 200);
            QCOMPARE(info.redirects.size(), hops);
            for (const RedirectHop &hop : info.redirects) {
                QVERIFY(hop.httpStatus >= 301 && hop.httpStatus <= 308);
                QVERIFY2(QUrl(hop.location).isValid() && hop.location.startsWith(u"http"_s),
                         qPrintable(hop.location));
                // The server's figures of each hop's own answer.
                QVERIFY(hop.serverConnectionRequest >= 1);
            }
            QVERIFY(info.redirects.constLast().location.endsWith(u"/get"_s));
            if (!async)
                continue;
            // Each hop its own await, named for its status and target once it arrived.
            const QStringList awaits = replyAwaits(trace, builder, t);
            QCOMPARE(awaits.size(), hops + 1);
            QCOMPARE(awaits.constLast(), u"await reply"_s);
            if (!firstLabel.isEmpty())
                QCOMPARE(awaits.constFirst(), firstLabel);
            for (int h = 0; h < hops; ++h)
                QVERIFY2(awaits.at(h).startsWith(u"await reply (30"_s), qPrintable(awaits.at(h)));
            // Each with phases of its own that tile it.
            QCOMPARE(builder.hopCount(t), hops + 1);
            for (int h = 0; h <= hops; ++h) {
                CoroscopeTest::verifyTiling(requestHopPhases(trace, builder, t, h));
                if (QTest::currentTestFailed())
                    return;
            }
            QCOMPARE(requestPhases(trace, builder, t).hops, hops + 1);
        }
        // A HAR entry per request, the redirects with their redirectURL.
        const QJsonArray entries = QJsonDocument::fromJson(harJson(trace, u"test"_s))
                                       .object()
                                       .value(u"log"_s)
                                       .toObject()
                                       .value(u"entries"_s)
                                       .toArray();
        QCOMPARE(entries.size(), tasks * (hops + 1));
        int redirecting = 0;
        for (const QJsonValue &entry : entries) {
            const QJsonObject response = entry.toObject().value(u"response"_s).toObject();
            const int status = response.value(u"status"_s).toInt();
            const QString redirectUrl = response.value(u"redirectURL"_s).toString();
            QCOMPARE(status >= 300 && status < 400, !redirectUrl.isEmpty());
            redirecting += redirectUrl.isEmpty() ? 0 : 1;
        }
        QCOMPARE(redirecting, tasks * hops);
    }

    // A loop, the hop limit, and targets that are not http(s) end the task with the reason.
    void refusedRedirectsSayWhy_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("requests"); // what the server should have seen
        QTest::addColumn<int>("redirects"); // hops followed
        QTest::addColumn<QString>("error");
        // "#" is the URL itself (RFC 3986 5.2), as browsers see it.
        QTest::newRow("a loop") << u"/redirect-to?url=%23"_s << 1 << 0
                                << u"redirect loop: request 1 was redirected (HTTP 302) back"_s;
        QTest::newRow("a longer loop")
            << u"/redirect-to?url=%2Fredirect-to%3Furl%3D%2523"_s << 2 << 1
            << u"redirect loop: request 2 was redirected (HTTP 302) back"_s;
        QTest::newRow("past the limit") << u"/redirect/60"_s << 51 << 50
                                        << u"too many redirects: 51 requests redirected, the "
                                           "limit is 50"_s;
        QTest::newRow("to file:") << u"/redirect-to?url=file:///etc/hostname"_s << 1 << 0
                                  << u"only http and https URLs are followed"_s;
        QTest::newRow("to data:") << u"/redirect-to?url=data:,hello"_s << 1 << 0
                                  << u"only http and https URLs are followed"_s;
    }
    void refusedRedirectsSayWhy()
    {
        QFETCH(QString, path);
        QFETCH(int, requests);
        QFETCH(int, redirects);
        QFETCH(QString, error);
        const qint64 before = m_server.stats().requests;
        const Trace trace = CoroscopeTest::runToEnd(spec(path, 2), 60000);
        QCOMPARE(m_server.stats().requests - before, qint64(2) * requests);
        for (const TaskInfo &info : trace.tasks) {
            QCOMPARE(info.result, TaskResult::Error);
            QVERIFY2(info.error.contains(error), qPrintable(info.error));
            QCOMPARE(info.redirects.size(), redirects);
            QVERIFY(info.httpStatus >= 300 && info.httpStatus < 400);
        }
        // The final response's own redirect target is still shown in HAR.
        const QJsonArray entries = QJsonDocument::fromJson(harJson(trace, u"test"_s))
                                       .object()
                                       .value(u"log"_s)
                                       .toObject()
                                       .value(u"entries"_s)
                                       .toArray();
        QCOMPARE(entries.size(), 2 * requests);
        for (const QJsonValue &entry : entries)
            QVERIFY(!entry.toObject()
                         .value(u"response"_s)
                         .toObject()
                         .value(u"redirectURL"_s)
                         .toString()
                         .isEmpty());
    }

    // A redirect's wait is its own request's, not "opening a connection" for the chain.
    void hopWaitIsNotConnecting()
    {
        // 0.5 s at the redirect's target; the redirect itself is quick.
        const Trace trace
            = CoroscopeTest::runToEnd(spec(u"/redirect-to?url=%2Fdelay%2F0.5"_s, 4), 60000);
        const SegmentBuilder builder = buildSegments(trace);
        for (quint32 t = 0; t < 4; ++t) {
            QCOMPARE(trace.tasks.at(t).redirects.size(), 1);
            const RequestPhases last = requestHopPhases(trace, builder, t, 1);
            QVERIFY(last.known);
            QVERIFY2(last.ns(PhaseKind::Waiting) >= 450 * 1000000LL,
                     qPrintable(QString::number(last.ns(PhaseKind::Waiting))));
            const RequestPhases all = requestPhases(trace, builder, t);
            QVERIFY2(all.ns(PhaseKind::Connect) < 100 * 1000000LL,
                     qPrintable(QString::number(all.ns(PhaseKind::Connect))));
        }
        for (const Diagnostic &d : diagnose(trace))
            QVERIFY2(!d.text.contains(u"opening a connection"_s), qPrintable(d.text));
    }

    // The hops survive a run file, and a file without any keeps its old version.
    void runFileKeepsHops()
    {
        const RunSpec runSpec = spec(u"/redirect/2"_s, 3);
        const Trace trace = CoroscopeTest::runToEnd(runSpec, 60000);
        RunRecord record;
        record.spec = runSpec; // the reader checks the runs against their spec
        record.runs = {trace};
        const QByteArray bytes = encodeRunFile(record);
        QVERIFY2(bytes.startsWith("COROSCOPE-RUN 1.2 "), bytes.left(30).constData());
        RunRecord back;
        QString why;
        QVERIFY2(decodeRunFile(bytes, &back, &why) == RunFile::Error::None, qPrintable(why));
        for (qsizetype t = 0; t < trace.tasks.size(); ++t) {
            QCOMPARE(back.runs.at(0).tasks.at(t).redirects, trace.tasks.at(t).redirects);
            QCOMPARE(back.runs.at(0).tasks.at(t).redirects.size(), 2);
        }
        QCOMPARE(harJson(back.runs.at(0), u"t"_s), harJson(trace, u"t"_s));

        const Trace plain = CoroscopeTest::runToEnd(spec(u"/get"_s, 2), 60000);
        record.runs = {plain};
        QVERIFY(encodeRunFile(record).startsWith("COROSCOPE-RUN 1.0 "));

        // Damaged redirect records are refused in words or read, never a crash (ASan build).
        const RunFileParts good = splitRunFile(bytes);
        const qsizetype extras = good.body.lastIndexOf("TSKX");
        QVERIFY(extras > 0);
        QRandomGenerator random(17);
        for (int i = 0; i < 2000; ++i) {
            RunFileParts parts = good;
            const qsizetype at = extras + 8 + random.bounded(int(parts.body.size() - extras - 8));
            parts.body[at] = char(random.bounded(256));
            if (i % 7 == 0)
                parts.body.truncate(at);
            RunRecord damaged;
            QString reason;
            if (decodeRunFile(joinRunFile(parts), &damaged, &reason) != RunFile::Error::None)
                QVERIFY(!reason.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TestRedirects)
#include "tst_redirects.moc"
