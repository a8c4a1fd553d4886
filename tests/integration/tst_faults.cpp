#include "faultserver.h"
#include "run/run.h"
#include "trace/summary.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <zlib.h>

using namespace Coroscope;
using namespace Coroscope::Testing;
using namespace Qt::StringLiterals;
using After = FaultServer::After;

namespace {
constexpr qint64 DefaultMaxBody = qint64(1) << 30;

QByteArray gzipOfZeros(qint64 size)
{
    z_stream zs{};
    QByteArray out;
    if (deflateInit2(&zs, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK) // 31: gzip wrapper
        return out;
    const QByteArray zeros(1 << 20, '\0');
    QByteArray buffer(1 << 16, Qt::Uninitialized);
    for (qint64 left = size; left >= 0; left -= zeros.size()) {
        const bool last = left <= zeros.size();
        zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(zeros.constData()));
        zs.avail_in = uInt(last ? left : zeros.size());
        do {
            zs.next_out = reinterpret_cast<Bytef *>(buffer.data());
            zs.avail_out = uInt(buffer.size());
            deflate(&zs, last ? Z_FINISH : Z_NO_FLUSH);
            out.append(buffer.constData(), buffer.size() - qsizetype(zs.avail_out));
        } while (zs.avail_out == 0);
        if (last)
            break;
    }
    deflateEnd(&zs);
    return out;
}

QString strategyRow(const char *faultCase, Strategy strategy)
{
    return QString::fromLatin1(faultCase) + u" / "_s + strategyName(strategy);
}

// Text from the network must reach the trace without terminal controls, and a URL's password
// must never reach it at all. Returns what is wrong, empty when the trace is clean.
QString textProblem(const Trace &trace)
{
    QStringList texts = trace.urls;
    for (const TaskInfo &info : trace.tasks)
        texts << info.error;
    for (const QString &text : std::as_const(texts)) {
        if (text.contains(u"secret"_s))
            return u"password leaked: "_s + text;
        for (const QChar c : text)
            if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f))
                return u"control character U+%1 in: "_s.arg(int(c.unicode()), 4, 16, QChar(u'0'))
                    + text;
    }
    return {};
}

struct Outcome
{
    Trace trace;
    qint64 ms = -1; // start -> finished(), -1 = never finished
};
} // namespace

// Servers that lie, stall, reset or flood: every strategy must end every task with the honest
// result (never `ok` for a broken response), within bounded time, and with clean error text.
class TestFaults : public QObject
{
    Q_OBJECT
private:
    FaultServer m_server;
    QByteArray m_gzip; // 64 MiB of zeros, gzipped
    quint16 m_closedPort = 0;

    static Outcome run(const QList<QUrl> &urls, Strategy strategy, int tasks, int timeoutMs,
                       qint64 maxBodyBytes = DefaultMaxBody, int stopAfterMs = -1,
                       int waitMs = 15000)
    {
        RunSpec spec;
        spec.urls = urls;
        spec.tasks = tasks;
        spec.strategy = strategy;
        spec.timeoutMs = timeoutMs;
        spec.maxBodyBytes = maxBodyBytes;
        spec.lagProbe = false;
        Run r(spec);
        QSignalSpy finished(&r, &Run::finished);
        QElapsedTimer clock;
        clock.start();
        r.start();
        if (stopAfterMs >= 0) {
            QTest::qWait(stopAfterMs);
            r.stop();
        }
        Outcome out;
        if (finished.wait(waitMs))
            out.ms = clock.elapsed();
        // ~Run stops and joins a run that did not finish: the test fails, it does not hang.
        out.trace = r.snapshot();
        return out;
    }

    static QString describe(const Outcome &o)
    {
        QStringList rows;
        for (const TaskInfo &info : o.trace.tasks)
            rows << u"result %1 http %2 bytes %3 error \"%4\""_s.arg(int(info.result))
                        .arg(info.httpStatus)
                        .arg(info.bytes)
                        .arg(info.error);
        return u"after %1 ms: "_s.arg(o.ms) + rows.join(u"; "_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        const QByteArray kilo(1000, 'x');
        m_server.addRoute("/ok", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        m_server.addRoute("/chunked-ok",
                          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                          "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
        const QByteArray shortBody = "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + kilo;
        m_server.addRoute("/short-close", shortBody, After::Close);
        m_server.addRoute("/short-reset", shortBody, After::Reset);
        m_server.addRoute("/length-abc", "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhello");
        m_server.addRoute("/length-conflict",
                          "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n"
                          "hello");
        m_server.addRoute("/length-and-chunked",
                          "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n"
                          "\r\n5\r\nhello\r\n0\r\n\r\n");
        m_server.addRoute("/interim", "HTTP/1.1 102 Processing\r\n\r\n");
        m_server.addRoute("/status-999", "HTTP/1.1 999 Weird\r\nContent-Length: 0\r\n\r\n");
        m_server.addRoute("/reason-controls",
                          "HTTP/1.1 500 Bad \x1b]0;pwned\x07 thing\r\nContent-Length: 0\r\n\r\n");
        m_server.addRoute("/auth-401",
                          "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\n"
                          "Connection: close\r\n"
                          "Content-Length: 0\r\n\r\n");
        m_gzip = gzipOfZeros(qint64(64) << 20);
        QVERIFY(m_gzip.size() > 1000 && m_gzip.size() < 1000000);
        m_server.addRoute("/gzip-bomb",
                          "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: "
                              + QByteArray::number(m_gzip.size()) + "\r\n\r\n" + m_gzip);
        m_server.addRoute("/endless", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n",
                          After::Endless);
        m_server.addRoute("/silent", {}, After::Hold);
        const QByteArray chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
        m_server.addRoute("/chunked-no-last-chunk", chunked + "3e8\r\n" + kilo + "\r\n");
        m_server.addRoute("/chunked-cut-mid-chunk", chunked + "3e8\r\n" + kilo.left(500));
        m_server.addRoute("/chunk-size-zz", chunked + "5\r\nhello\r\nzz\r\nworld\r\n0\r\n\r\n");
        m_server.addRoute("/chunk-size-overflow",
                          chunked + "5\r\nhello\r\nffffffffffffffff\r\nworld\r\n0\r\n\r\n");
        QVERIFY(m_server.start());

        QTcpServer closed; // a port nobody listens on once this is gone
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        m_closedPort = closed.serverPort();
    }

    void cleanupTestCase() { m_server.stop(); }

    void faults_data()
    {
        QTest::addColumn<Strategy>("strategy");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("timeoutMs");
        QTest::addColumn<qint64>("maxBodyBytes");
        QTest::addColumn<TaskResult>("result");
        QTest::addColumn<QStringList>("errorAnyOf"); // case-insensitive; empty = no check
        QTest::addColumn<qint64>("bytes"); // -1 = any
        QTest::addColumn<int>("maxMs");
        QTest::addColumn<QString>("qtLimitation"); // the result check is a known Qt failure

        const QString invalidChunkSize = u"Qt 6.4 parses an invalid chunk size as 0 "
                                         "(qhttpnetworkreply.cpp getChunkSize ignores toLong's ok "
                                         "flag) and finishes the reply with NoError and a short "
                                         "body: invisible through QNetworkAccessManager"_s;
        for (const Strategy s : allStrategies()) {
            auto row = [s](const char *name) -> QTestData & {
                return QTest::newRow(qPrintable(strategyRow(name, s))) << s;
            };
            row("well-formed response is ok")
                << u"/ok"_s << 5000 << DefaultMaxBody << TaskResult::Ok << QStringList()
                << qint64(5) << 5000 << QString();
            row("well-formed chunked response is ok")
                << u"/chunked-ok"_s << 5000 << DefaultMaxBody << TaskResult::Ok << QStringList()
                << qint64(11) << 5000 << QString();
            row("closed after 1000 of 100000 bytes is an error")
                << u"/short-close"_s << 5000 << DefaultMaxBody << TaskResult::Error
                << QStringList{u"body ended after"_s} << qint64(1000) << 5000 << QString();
            row("reset after 1000 of 100000 bytes is an error")
                << u"/short-reset"_s << 5000 << DefaultMaxBody << TaskResult::Error
                << QStringList{u"body ended after"_s, u"connection closed"_s, u"reset by peer"_s}
                << qint64(-1) << 5000 << QString();
            row("Content-Length abc is an error")
                << u"/length-abc"_s << 5000 << DefaultMaxBody << TaskResult::Error
                << QStringList{u"invalid Content-Length"_s} << qint64(-1) << 5000 << QString();
            row("Content-Length 5 and 7 is an error")
                << u"/length-conflict"_s << 5000 << DefaultMaxBody << TaskResult::Error
                << QStringList{u"conflicting Content-Length"_s} << qint64(-1) << 5000 << QString();
            row("Content-Length with chunked is an error")
                << u"/length-and-chunked"_s << 5000 << DefaultMaxBody << TaskResult::Error
                << QStringList{u"ambiguous"_s} << qint64(-1) << 5000 << QString();
            row("interim 102 only is an error")
                << u"/interim"_s << 5000 << DefaultMaxBody << TaskResult::Error
                << QStringList{u"interim"_s} << qint64(-1) << 5000 << QString();
            row("status 999 is an error")
                << u"/status-999"_s << 5000 << DefaultMaxBody << TaskResult::Error
                << QStringList{u"invalid HTTP status 999"_s} << qint64(-1) << 5000 << QString();
            row("reason phrase controls are dropped")
                << u"/reason-controls"_s << 5000 << DefaultMaxBody << TaskResult::Error
                << QStringList{u"HTTP 500 Bad"_s} << qint64(-1) << 5000 << QString();
            row("gzip bomb is counted compressed, not inflated")
                << u"/gzip-bomb"_s << 0 << DefaultMaxBody << TaskResult::Ok << QStringList()
                << qint64(m_gzip.size()) << 5000 << QString();
            row("endless body stops at the cap")
                << u"/endless"_s << 0 << qint64(1000000) << TaskResult::Error
                << QStringList{u"body larger than"_s} << qint64(-1) << 5000 << QString();
            row("silent server times out")
                << u"/silent"_s << 500 << DefaultMaxBody << TaskResult::Timeout
                << QStringList{u"timed out"_s} << qint64(-1) << 3000 << QString();
            row("refused port is an error")
                << u"refused"_s << 5000 << DefaultMaxBody << TaskResult::Error
                << QStringList{u"refused"_s} << qint64(-1) << 5000 << QString();
            row("chunk size zz is an error")
                << u"/chunk-size-zz"_s << 5000 << DefaultMaxBody << TaskResult::Error
                << QStringList() << qint64(-1) << 5000 << invalidChunkSize;
            row("chunk size 2^64-1 is an error")
                << u"/chunk-size-overflow"_s << 5000 << DefaultMaxBody << TaskResult::Error
                << QStringList() << qint64(-1) << 5000 << invalidChunkSize;
        }
    }

    void faults()
    {
        QFETCH(Strategy, strategy);
        QFETCH(QString, path);
        QFETCH(int, timeoutMs);
        QFETCH(qint64, maxBodyBytes);
        QFETCH(TaskResult, result);
        QFETCH(QStringList, errorAnyOf);
        QFETCH(qint64, bytes);
        QFETCH(int, maxMs);
        QFETCH(QString, qtLimitation);

        QUrl url = m_server.url(path);
        if (path == u"refused"_s) {
            url.setPort(m_closedPort);
            url.setPath(u"/"_s);
        }
        const Outcome o = run({url}, strategy, 1, timeoutMs, maxBodyBytes);
        const QString what = describe(o);
        QVERIFY2(o.ms >= 0 && o.ms <= maxMs, qPrintable(what));
        QCOMPARE(o.trace.tasks.size(), 1);
        const TaskInfo info = o.trace.tasks.first();
        const QString problem = textProblem(o.trace);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        if (!qtLimitation.isEmpty())
            QEXPECT_FAIL("", qPrintable(qtLimitation), Continue);
        QVERIFY2(info.result == result, qPrintable(what));
        if (info.result != result)
            return; // the documented limitation: nothing else to check
        if (!errorAnyOf.isEmpty()) {
            const bool matched
                = std::any_of(errorAnyOf.cbegin(), errorAnyOf.cend(), [&info](const QString &part) {
                      return info.error.contains(part, Qt::CaseInsensitive);
                  });
            QVERIFY2(matched, qPrintable(what));
        }
        if (result == TaskResult::Ok)
            QVERIFY2(info.error.isEmpty(), qPrintable(what));
        if (bytes >= 0)
            QVERIFY2(info.bytes == bytes, qPrintable(what));
    }

    void truncatedChunked_data()
    {
        QTest::addColumn<Strategy>("strategy");
        QTest::addColumn<QString>("path");
        for (const Strategy s : allStrategies()) {
            QTest::newRow(qPrintable(strategyRow("chunked body without its last chunk", s)))
                << s << u"/chunked-no-last-chunk"_s;
            QTest::newRow(qPrintable(strategyRow("chunked body cut mid-chunk", s)))
                << s << u"/chunked-cut-mid-chunk"_s;
        }
    }

    // A chunked body has no length to check: only Qt sees whether the last chunk came, and the
    // client cannot tell a truncated chunked body that Qt calls finished from a whole one.
    // Qt 6.4 reports the close as RemoteHostClosedError only some of the time: measured over
    // 10 tasks, 0-2 came back `ok` for async and threads, 1-10 (typically 6-8) for the serial
    // strategies, and the same when the server waited 200 ms before closing, so it is not
    // only a matter of the FIN arriving with the last bytes. No bound on that count would be
    // honest (an expected failure only when some came back `ok` could never fail), and no
    // strategy is immune. So: every task must end `ok` or `error` (never hang, time out or
    // lose its result), the `ok` count is printed as the documented limitation, and
    // truncatedChunkedIsReportedWhenQtSeesIt() checks that what Qt does report reaches the
    // trace as `error` with the cause named.
    void truncatedChunked()
    {
        QFETCH(Strategy, strategy);
        QFETCH(QString, path);
        constexpr int Tasks = 10;
        const Outcome o = run({m_server.url(path)}, strategy, Tasks, 5000);
        QVERIFY2(o.ms >= 0, qPrintable(describe(o)));
        const QString problem = textProblem(o.trace);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
        QCOMPARE(o.trace.tasks.size(), Tasks);
        int ok = 0;
        for (const TaskInfo &info : o.trace.tasks) {
            QVERIFY2(info.result == TaskResult::Ok || info.result == TaskResult::Error,
                     qPrintable(describe(o)));
            if (info.result == TaskResult::Ok) {
                ++ok;
                continue;
            }
            QVERIFY2(namesTheClose(info), qPrintable(describe(o)));
        }
        if (ok > 0)
            qInfo("Qt 6.4 finished %d of %d truncated chunked bodies as a success (a race in "
                  "QHttpNetworkConnectionChannel; README: Qt's limits)",
                  ok, Tasks);
    }

    // Either the body was cut (a response arrived), or the server closed a kept-alive
    // connection Qt reused before any response: both name the close.
    static bool namesTheClose(const TaskInfo &info)
    {
        return info.error.contains(u"closed before the body ended"_s)
            || (info.httpStatus == 0 && info.error.contains(u"closed"_s));
    }

    // What Qt does report must become `error`, or the client is swallowing it. Self-contained
    // (no count left behind by other test functions): batches of 10 over every strategy until
    // Qt reports one (which strategy reports most varies from run to run: 0-10 of 10 `ok`),
    // at most 3 rounds of all five, 150 tasks.
    void truncatedChunkedIsReportedWhenQtSeesIt_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("chunked body without its last chunk") << u"/chunked-no-last-chunk"_s;
        QTest::newRow("chunked body cut mid-chunk") << u"/chunked-cut-mid-chunk"_s;
    }
    void truncatedChunkedIsReportedWhenQtSeesIt()
    {
        QFETCH(QString, path);
        int errors = 0;
        int batches = 0;
        for (int round = 0; round < 3 && errors == 0; ++round) {
            for (const Strategy strategy : allStrategies()) {
                const Outcome o = run({m_server.url(path)}, strategy, 10, 5000);
                ++batches;
                QVERIFY2(o.ms >= 0, qPrintable(describe(o)));
                for (const TaskInfo &info : o.trace.tasks) {
                    if (info.result == TaskResult::Error) {
                        QVERIFY2(namesTheClose(info), qPrintable(describe(o)));
                        ++errors;
                    }
                }
                if (errors > 0)
                    break;
            }
        }
        QVERIFY2(errors > 0,
                 qPrintable(u"%1 truncated chunked bodies, none reported as an error"_s.arg(batches
                                                                                            * 10)));
    }

    void stopWinsOverEverything_data()
    {
        QTest::addColumn<Strategy>("strategy");
        for (const Strategy s : allStrategies())
            QTest::newRow(qPrintable(strategyRow("stop cancels a silent server's tasks", s))) << s;
    }

    void stopWinsOverEverything()
    {
        QFETCH(Strategy, strategy);
        const Outcome o = run({m_server.url(u"/silent"_s)}, strategy, 3, 0, DefaultMaxBody, 300);
        QVERIFY2(o.ms >= 0 && o.ms < 3300, qPrintable(describe(o)));
        for (const TaskInfo &info : o.trace.tasks)
            QVERIFY2(info.result == TaskResult::Cancelled, qPrintable(describe(o)));
        const RunSummary s = summarize(o.trace);
        QVERIFY(s.stopped);
        QVERIFY(!s.speedup);
        QCOMPARE(s.cancelled, 3);
        int stoppedEvents = 0;
        int allDone = 0;
        for (const TraceEvent &e : o.trace.events) {
            stoppedEvents += e.kind == EventKind::Stopped ? 1 : 0;
            allDone += e.kind == EventKind::AllDone ? 1 : 0;
        }
        QCOMPARE(stoppedEvents, 1);
        QCOMPARE(allDone, 0);
    }

    void passwordsNeverShown_data()
    {
        QTest::addColumn<Strategy>("strategy");
        for (const Strategy s : allStrategies())
            QTest::newRow(qPrintable(strategyRow("user:secret@ URLs show user:***@", s))) << s;
    }

    void passwordsNeverShown()
    {
        QFETCH(Strategy, strategy);
        QList<QUrl> urls;
        for (const QString &path : {u"/short-close"_s, u"/auth-401"_s, u"/status-999"_s,
                                    u"/reason-controls"_s, u"/length-abc"_s, u"refused"_s}) {
            QUrl url = m_server.url(path);
            if (path == u"refused"_s) {
                url.setPort(m_closedPort);
                url.setPath(u"/"_s);
            }
            url.setUserName(u"user"_s);
            url.setPassword(u"secret"_s);
            urls << url;
        }
        const Outcome o = run(urls, strategy, int(urls.size()), 5000);
        QVERIFY2(o.ms >= 0, qPrintable(describe(o)));
        QCOMPARE(o.trace.urls.size(), urls.size());
        for (const QString &u : o.trace.urls)
            QVERIFY2(u.contains(u"user:***@"_s), qPrintable(u));
        for (const TaskInfo &info : o.trace.tasks)
            QVERIFY2(info.result == TaskResult::Error && !info.error.isEmpty(),
                     qPrintable(describe(o)));
        const QString problem = textProblem(o.trace);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
