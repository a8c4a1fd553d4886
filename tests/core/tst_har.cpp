#include "runtoend.h"

#include "io/har.h"
#include "run/fetchworker.h"
#include "run/run.h"
#include "server/testserver.h"
#include "trace/phases.h"
#include "trace/serverreport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 Ms = 1000000;

Trace runOn(const TestServer &server, const QString &path, int tasks, int perHost)
{
    return CoroscopeTest::runToEnd(CoroscopeTest::specOn(server, path, tasks, perHost));
}

QJsonObject parse(const QByteArray &har)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(har, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("HAR does not parse: %s at %d", qPrintable(error.errorString()), error.offset);
    return doc.object();
}

// A task of a synthetic trace: one `await reply` with Qt's moments at the given offsets (ms from
// the await's start; -1 = not seen), as the async strategy records them.
struct FakeRequest
{
    qint64 createdMs = 0;
    qint64 connectingMs = -1;
    qint64 sentMs = 1;
    qint64 headersMs = 100;
    qint64 finishedMs = 101;
    qint64 resumedMs = 102;
};

Trace syntheticTrace(const QList<FakeRequest> &requests, const QString &url)
{
    Trace t;
    t.strategy = u"async"_s;
    t.urls = {url};
    t.labels = {QString(),
                u"await reply"_s,
                QLatin1String(NetworkMoment::Connecting),
                QLatin1String(NetworkMoment::RequestSent),
                QLatin1String(NetworkMoment::Headers),
                QLatin1String(NetworkMoment::Finished)};
    t.startedMsSinceEpoch = 1714555800123; // 2024-05-01T09:30:00.123Z
    t.tasks.resize(requests.size());
    const QByteArray response = boundedHeaderLines({{"Content-Type", "application/json"},
                                                    {"Content-Length", "314"},
                                                    {"Connection", "keep-alive"}});
    using K = EventKind;
    for (quint32 i = 0; i < quint32(requests.size()); ++i) {
        const FakeRequest &r = requests.at(i);
        const qint64 at = r.createdMs * Ms;
        TaskInfo &info = t.tasks[i];
        info.result = TaskResult::Ok;
        info.httpStatus = 200;
        info.httpVersion = 1;
        info.bytes = 314;
        info.statusText = u"OK"_s;
        info.mimeType = "application/json";
        info.requestHeaders = "Accept-Encoding: gzip, deflate\n";
        info.responseHeaders = response;
        t.events.append({at, i, K::Created});
        t.events.append({at, i, K::Admitted});
        t.events.append({at + Ms / 10, i, K::Suspended, 0, 1});
        const qint64 base = at + Ms / 10;
        const std::pair<qint64, quint16> moments[]
            = {{r.connectingMs, 2}, {r.sentMs, 3}, {r.headersMs, 4}, {r.finishedMs, 5}};
        for (const auto &[ms, label] : moments)
            if (ms >= 0)
                t.events.append({base + ms * Ms, i, K::Network, 0, label});
        t.events.append({base + r.resumedMs * Ms, i, K::Resumed, 0, 1});
        t.events.append({base + r.resumedMs * Ms + Ms / 10, i, K::Finished});
    }
    std::stable_sort(t.events.begin(), t.events.end(),
                     [](const TraceEvent &a, const TraceEvent &b) { return a.ns < b.ns; });
    t.endNs = t.events.isEmpty() ? 0 : t.events.constLast().ns;
    return t;
}

bool isTiming(const QJsonValue &v)
{
    return v.isDouble() && (v.toDouble() == -1 || v.toDouble() >= 0);
}

void verifyNameValues(const QJsonValue &list)
{
    QVERIFY(list.isArray());
    for (const QJsonValue &v : list.toArray()) {
        QVERIFY(v.toObject().value(u"name"_s).isString());
        QVERIFY(v.toObject().value(u"value"_s).isString());
    }
}

// HAR 1.2's required fields of an entry, and the sums it promises.
void verifyEntry(const QJsonObject &e)
{
    const QString started = e.value(u"startedDateTime"_s).toString();
    const QDateTime when = QDateTime::fromString(started, Qt::ISODateWithMs);
    QVERIFY2(when.isValid(), qPrintable(started));
    QVERIFY2(started.endsWith(u'Z') && started.contains(u'.'), qPrintable(started));
    QVERIFY(e.value(u"time"_s).isDouble());

    const QJsonObject request = e.value(u"request"_s).toObject();
    QCOMPARE(request.value(u"method"_s).toString(), u"GET"_s);
    QVERIFY(request.value(u"url"_s).isString());
    QVERIFY(request.value(u"httpVersion"_s).isString());
    QVERIFY(request.value(u"cookies"_s).isArray());
    verifyNameValues(request.value(u"headers"_s));
    verifyNameValues(request.value(u"queryString"_s));
    QVERIFY(request.value(u"headersSize"_s).isDouble());
    QVERIFY(request.value(u"bodySize"_s).isDouble());

    const QJsonObject response = e.value(u"response"_s).toObject();
    QVERIFY(response.value(u"status"_s).isDouble());
    QVERIFY(response.value(u"statusText"_s).isString());
    QVERIFY(response.value(u"httpVersion"_s).isString());
    QVERIFY(response.value(u"cookies"_s).isArray());
    verifyNameValues(response.value(u"headers"_s));
    const QJsonObject content = response.value(u"content"_s).toObject();
    QVERIFY(content.value(u"size"_s).isDouble());
    QVERIFY(content.value(u"mimeType"_s).isString());
    QVERIFY(response.value(u"redirectURL"_s).isString());
    QVERIFY(response.value(u"headersSize"_s).isDouble());
    QVERIFY(response.value(u"bodySize"_s).isDouble());

    QVERIFY(e.value(u"cache"_s).isObject());
    const QJsonObject timings = e.value(u"timings"_s).toObject();
    for (const QString &name : {u"send"_s, u"wait"_s, u"receive"_s}) {
        QVERIFY2(timings.value(name).isDouble(), qPrintable(name));
        QVERIFY2(timings.value(name).toDouble() >= 0, qPrintable(name));
    }
    for (const QString &name : {u"blocked"_s, u"dns"_s, u"connect"_s, u"ssl"_s})
        QVERIFY2(isTiming(timings.value(name)), qPrintable(name));
    // `time` is the sum of the timings that apply; ssl is already inside connect.
    double sum = 0;
    for (const QString &name :
         {u"blocked"_s, u"dns"_s, u"connect"_s, u"send"_s, u"wait"_s, u"receive"_s})
        sum += std::max(0.0, timings.value(name).toDouble());
    QVERIFY2(qAbs(e.value(u"time"_s).toDouble() - sum) < 0.01,
             qPrintable(u"time %1, timings %2"_s.arg(e.value(u"time"_s).toDouble()).arg(sum)));
    QVERIFY(e.value(u"_coroscope"_s).isObject());
}

void verifyLog(const QJsonObject &root)
{
    const QJsonObject log = root.value(u"log"_s).toObject();
    QCOMPARE(log.value(u"version"_s).toString(), u"1.2"_s);
    const QJsonObject creator = log.value(u"creator"_s).toObject();
    QCOMPARE(creator.value(u"name"_s).toString(), u"Coroscope"_s);
    QVERIFY(creator.value(u"version"_s).isString());
    QVERIFY(log.value(u"entries"_s).isArray());
    QVERIFY(!log.contains(u"pages"_s));
    for (const QJsonValue &v : log.value(u"entries"_s).toArray()) {
        verifyEntry(v.toObject());
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!v.toObject().contains(u"pageref"_s));
    }
}

QString headerValue(const QJsonArray &headers, const QString &name)
{
    for (const QJsonValue &v : headers)
        if (v.toObject().value(u"name"_s).toString().compare(name, Qt::CaseInsensitive) == 0)
            return v.toObject().value(u"value"_s).toString();
    return {};
}
} // namespace

// The run's requests as HAR 1.2, checked against the format's required fields.
class TestHar : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start(0)); }

    void realRunIsValidHar_data()
    {
        QTest::addColumn<int>("capacity");
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("tasks");
        QTest::addColumn<int>("perHost");
        QTest::newRow("12 x 0.2 s, 6 per host: the second wave reuses connections (connect -1)")
            << 0 << u"/delay/0.2"_s << 12 << 6;
        QTest::newRow("capacity 2: wait holds the server's queue")
            << 2 << u"/delay/0.5"_s << 6 << 0;
    }
    void realRunIsValidHar()
    {
        QFETCH(int, capacity);
        QFETCH(QString, path);
        QFETCH(int, tasks);
        QFETCH(int, perHost);
        TestServer limited;
        if (capacity)
            QVERIFY(limited.start(0, capacity));
        const Trace trace = runOn(capacity ? limited : m_server, path, tasks, perHost);
        QCOMPARE(trace.tasks.size(), tasks);
        const QJsonObject root = parse(harJson(trace, u"9.8.7"_s));
        verifyLog(root);
        if (QTest::currentTestFailed())
            return;
        const QJsonObject log = root.value(u"log"_s).toObject();
        QCOMPARE(log.value(u"creator"_s).toObject().value(u"version"_s).toString(), u"9.8.7"_s);
        const QJsonArray entries = log.value(u"entries"_s).toArray();
        QCOMPARE(entries.size(), tasks);

        const double delayMs = path.section(u'/', -1).toDouble() * 1000;
        QString previous;
        int reused = 0;
        QList<double> serverQueueMs;
        for (const QJsonValue &v : entries) {
            const QJsonObject e = v.toObject();
            // In the order the requests started, each within the run.
            const QString started = e.value(u"startedDateTime"_s).toString();
            QVERIFY(previous <= started);
            previous = started;
            const qint64 startMs
                = QDateTime::fromString(started, Qt::ISODateWithMs).toMSecsSinceEpoch();
            QVERIFY(startMs >= trace.startedMsSinceEpoch);
            QVERIFY(startMs <= trace.startedMsSinceEpoch + trace.endNs / Ms + 1);

            const QJsonObject request = e.value(u"request"_s).toObject();
            QCOMPARE(request.value(u"url"_s).toString(), trace.urls.constFirst());
            QCOMPARE(request.value(u"httpVersion"_s).toString(), u"HTTP/1.1"_s);
            QCOMPARE(headerValue(request.value(u"headers"_s).toArray(), u"Accept-Encoding"_s),
                     u"gzip, deflate"_s);
            QVERIFY(request.value(u"comment"_s).toString().contains(u"User-Agent"_s));
            const QJsonObject response = e.value(u"response"_s).toObject();
            QCOMPARE(response.value(u"status"_s).toInt(), 200);
            QCOMPARE(response.value(u"statusText"_s).toString(), u"OK"_s);
            // Qt 6.4 does not tell HTTP/1.0 from 1.1 responses: only the major version is known.
            QCOMPARE(response.value(u"httpVersion"_s).toString(), u"HTTP/1.x"_s);
            const QJsonArray headers = response.value(u"headers"_s).toArray();
            const QString contentType = headerValue(headers, u"Content-Type"_s);
            QVERIFY(!contentType.isEmpty());
            QCOMPARE(response.value(u"content"_s).toObject().value(u"mimeType"_s).toString(),
                     contentType);
            QVERIFY(!headerValue(headers, QString::fromLatin1(ServerReportHeader)).isEmpty());
            const qint64 bytes = response.value(u"bodySize"_s).toInteger();
            QVERIFY(bytes > 0);
            QCOMPARE(response.value(u"content"_s).toObject().value(u"size"_s).toInteger(), bytes);
            QCOMPARE(e.value(u"serverIPAddress"_s).toString(), u"127.0.0.1"_s);

            const QJsonObject timings = e.value(u"timings"_s).toObject();
            const QJsonObject own = e.value(u"_coroscope"_s).toObject();
            QCOMPARE(own.value(u"result"_s).toString(), u"ok"_s);
            QCOMPARE(own.value(u"strategy"_s).toString(), u"async"_s);
            // The server's delay is time to first byte: wait, with whatever it queued.
            const double queued = own.value(u"server_queue_ms"_s).toDouble();
            QVERIFY(queued >= 0);
            QVERIFY2(timings.value(u"wait"_s).toDouble() >= delayMs - 10 + queued,
                     qPrintable(QString::number(timings.value(u"wait"_s).toDouble())));
            serverQueueMs << queued;
            if (own.value(u"reused_connection"_s).toBool()) {
                ++reused;
                QCOMPARE(timings.value(u"connect"_s).toDouble(), -1.0);
            }
            // Opening a connection shows only where Qt said so; never on a reused one.
            if (timings.value(u"connect"_s).toDouble() >= 0)
                QVERIFY(!own.value(u"reused_connection"_s).toBool());
            QVERIFY(timings.value(u"_resume"_s).toDouble() >= 0);
        }
        if (perHost)
            QCOMPARE(reused, tasks - perHost);
        if (capacity) {
            // Two at a time: pairs waited 0, 1 and 2 delays in the server's queue.
            QList<qint64> rounded;
            for (const double ms : serverQueueMs)
                rounded << qint64((ms + 50) / delayMs) * qint64(delayMs);
            std::sort(rounded.begin(), rounded.end());
            QCOMPARE(rounded, (QList<qint64>{0, 0, 500, 500, 1000, 1000}));
        }
    }

    // Every strategy's entries, in turn, each saying which strategy it is.
    void comparisonHoldsEveryStrategy()
    {
        Trace a = syntheticTrace({{0}, {1}}, u"http://127.0.0.1:1/get"_s);
        Trace b = syntheticTrace({{0}, {1}, {2}}, u"http://127.0.0.1:1/get"_s);
        b.strategy = u"sequential"_s;
        const QJsonObject root = parse(harJson(QList<Trace>{a, b}));
        verifyLog(root);
        if (QTest::currentTestFailed())
            return;
        const QJsonObject log = root.value(u"log"_s).toObject();
        QStringList strategies;
        for (const QJsonValue &v : log.value(u"entries"_s).toArray())
            strategies << v[u"_coroscope"_s][u"strategy"_s].toString();
        QCOMPARE(strategies,
                 (QStringList{u"async"_s, u"async"_s, u"sequential"_s, u"sequential"_s,
                              u"sequential"_s}));
        QCOMPARE(log.value(u"_runs"_s).toArray().size(), 2);
    }

    // Phases map onto HAR's timings exactly (synthetic moments, in ms from the await's start).
    void timingsFromPhases()
    {
        FakeRequest fresh;
        fresh.connectingMs = 2; // queued 2, connect 3 (until sent), wait 95, receive 1, resume 1
        fresh.sentMs = 5;
        Trace t = syntheticTrace({fresh}, u"http://localhost:1/get"_s);
        const QJsonObject root = parse(harJson(t));
        verifyLog(root);
        if (QTest::currentTestFailed())
            return;
        const QJsonObject e = root[u"log"_s][u"entries"_s][0].toObject();
        const QJsonObject timings = e.value(u"timings"_s).toObject();
        QCOMPARE(timings.value(u"blocked"_s).toDouble(), 2.0);
        QCOMPARE(timings.value(u"dns"_s).toDouble(), -1.0);
        QCOMPARE(timings.value(u"connect"_s).toDouble(), 3.0);
        QCOMPARE(timings.value(u"ssl"_s).toDouble(), -1.0);
        QCOMPARE(timings.value(u"send"_s).toDouble(), 0.0);
        QCOMPARE(timings.value(u"wait"_s).toDouble(), 95.0);
        QCOMPARE(timings.value(u"receive"_s).toDouble(), 1.0);
        QCOMPARE(timings.value(u"_resume"_s).toDouble(), 1.0);
        QCOMPARE(e.value(u"time"_s).toDouble(), 101.0);
        // The await began 0.1 ms after the run's start: still its millisecond.
        QCOMPARE(e.value(u"startedDateTime"_s).toString(), u"2024-05-01T09:30:00.123Z"_s);
        QVERIFY(!e.contains(u"serverIPAddress"_s)); // a host name: Qt does not say its address
    }

    // A password in a URL never reaches the file, wherever the trace came from; the query is
    // split into HAR's queryString.
    void passwordIsNeverWritten()
    {
        Trace t = syntheticTrace({{0}}, u"http://user:secret@127.0.0.1:1/get?q=a%20b&x=1"_s);
        t.tasks[0].error = u"HTTP 500"_s;
        const QByteArray har = harJson(t);
        QVERIFY(!har.contains("secret"));
        const QJsonObject root = parse(har);
        verifyLog(root);
        if (QTest::currentTestFailed())
            return;
        const QJsonObject request = root[u"log"_s][u"entries"_s][0][u"request"_s].toObject();
        QVERIFY2(request.value(u"url"_s).toString().contains(u"user:***@"_s),
                 qPrintable(request.value(u"url"_s).toString()));
        const QJsonArray query = request.value(u"queryString"_s).toArray();
        QCOMPARE(query.size(), 2);
        QCOMPARE(query[0][u"name"_s].toString(), u"q"_s);
        QCOMPARE(query[0][u"value"_s].toString(), u"a b"_s);
        QCOMPARE(query[1][u"value"_s].toString(), u"1"_s);
    }

    // A task that never sent a request has no entry; a blocking fetch (no moments from Qt) is
    // one span of wait.
    void entriesAreRequestsSent()
    {
        Trace t = syntheticTrace({{0}}, u"http://127.0.0.1:1/get"_s);
        t.tasks.resize(3);
        t.tasks[1].result = TaskResult::Cancelled;
        t.tasks[2].result = TaskResult::Ok;
        t.tasks[2].httpStatus = 200;
        t.tasks[2].httpVersion = 1;
        using K = EventKind;
        QList<TraceEvent> more{{0, 1, K::Created},         {0, 2, K::Created},
                               {1 * Ms, 2, K::Admitted},   {500 * Ms, 1, K::Finished},
                               {501 * Ms, 2, K::Finished}, {501 * Ms, LoopTask, K::AllDone}};
        t.events += more;
        std::stable_sort(t.events.begin(), t.events.end(),
                         [](const TraceEvent &a, const TraceEvent &b) { return a.ns < b.ns; });
        t.endNs = 501 * Ms;
        const QJsonObject root = parse(harJson(t));
        verifyLog(root);
        if (QTest::currentTestFailed())
            return;
        const QJsonArray entries = root[u"log"_s][u"entries"_s].toArray();
        QCOMPARE(entries.size(), 2);
        const QJsonObject blocking = entries[1].toObject();
        QCOMPARE(blocking[u"_coroscope"_s][u"task"_s].toInt(), 2);
        QCOMPARE(blocking[u"timings"_s][u"wait"_s].toDouble(), 500.0);
        QCOMPARE(blocking[u"timings"_s][u"blocked"_s].toDouble(), -1.0);
        QCOMPARE(blocking[u"time"_s].toDouble(), 500.0);
        QCOMPARE(blocking[u"response"_s][u"content"_s][u"mimeType"_s].toString(), u"x-unknown"_s);
    }

    void startedDateTimeIsIso8601_data()
    {
        QTest::addColumn<qint64>("ms");
        QTest::newRow("the epoch") << qint64(0);
        QTest::newRow("a millisecond before it") << qint64(-1);
        QTest::newRow("leap day's last millisecond") << qint64(1709251199999);
        QTest::newRow("2000-03-01, after a leap century's leap day") << qint64(951868800000);
        QTest::newRow("a Tuesday in May") << qint64(1714555800123);
    }
    void startedDateTimeIsIso8601()
    {
        QFETCH(qint64, ms);
        Trace t = syntheticTrace({{0}}, u"http://127.0.0.1:1/get"_s);
        t.startedMsSinceEpoch = ms;
        const QJsonObject root = parse(harJson(t));
        QCOMPARE(root[u"log"_s][u"entries"_s][0][u"startedDateTime"_s].toString(),
                 QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs));
    }

    // Headers come from any server: kept bounded and printable, and still valid JSON.
    void headersAreBounded()
    {
        QList<std::pair<QByteArray, QByteArray>> headers;
        using Header = std::pair<QByteArray, QByteArray>;
        headers.append(Header("X-Evil", "a\x1b]0;title\x07\"quoted\\\"\r\nnext"));
        headers.append(Header("X-Long", QByteArray(2000, 'v')));
        headers.append(Header("X-Latin1", QByteArray(600, '\xe9'))); // é: two bytes in UTF-8 each
        for (int i = 0; i < 70; ++i)
            headers.append(Header("X-" + QByteArray::number(i), "1"));
        const QByteArray lines = boundedHeaderLines(headers);
        const QList<QByteArray> split = lines.split('\n');
        QCOMPARE(split.size(), 64 + 1); // the last line ends too
        for (const QByteArray &line : split)
            QVERIFY2(line.size() <= 512 + 2, line.constData()); // + ": "
        QCOMPARE(QString::fromUtf8(split[2]).toUtf8(), split[2]); // cut between characters
        QVERIFY(!lines.contains('\x1b') && !lines.contains('\r') && !lines.contains('\x07'));

        Trace t = syntheticTrace({{0}}, u"http://127.0.0.1:1/get"_s);
        t.tasks[0].responseHeaders = lines;
        const QJsonObject root = parse(harJson(t));
        verifyLog(root);
        const QJsonArray written
            = root[u"log"_s][u"entries"_s][0][u"response"_s][u"headers"_s].toArray();
        QCOMPARE(written.size(), 64);
        QVERIFY(headerValue(written, u"X-Evil"_s).contains(u"\"quoted\\\""_s));
    }

    // Not a timed assertion: prints what a 100,000-task HAR costs (README's figure).
    void largeTrace()
    {
        QList<FakeRequest> requests(100000);
        for (qsizetype i = 0; i < requests.size(); ++i)
            requests[i].createdMs = i / 100; // 100 a millisecond, overlapping
        const Trace t = syntheticTrace(requests, u"http://127.0.0.1:8765/delay/1"_s);
        QElapsedTimer timer;
        timer.start();
        const QByteArray har = harJson(t, u"0.1.0"_s);
        const qint64 elapsed = timer.elapsed();
        qInfo("HAR of %lld tasks: %lld MB in %lld ms", qint64(t.tasks.size()),
              qint64(har.size() >> 20), elapsed);
        QCOMPARE(har.count("\n{\"startedDateTime\":"), 100000);
        QVERIFY(har.endsWith("\n]}}\n"));
    }
};

QTEST_GUILESS_MAIN(TestHar)
#include "tst_har.moc"
