#include "faultserver.h"
#include "runtoend.h"

#include "io/csv.h"
#include "io/har.h"
#include "run/fetchworker.h"
#include "run/run.h"
#include "server/testserver.h"
#include "trace/diagnostics.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <zlib.h>

#include <algorithm>

using namespace Coroscope;
using namespace Qt::StringLiterals;

// What the exports say of a response is what is known of it: the decoded size of a compressed
// body, the HTTP version Qt can tell, and connections nobody could tell about as unknown.
class TestResponseFacts : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    static QJsonArray harEntries(const Trace &trace)
    {
        return QJsonDocument::fromJson(harJson(trace, u"test"_s))
            .object()
            .value(u"log"_s)
            .toObject()
            .value(u"entries"_s)
            .toArray();
    }

    // The body's decoded length, by a request of its own made as runs make theirs (so Qt hands
    // the encoded bytes over) and inflated here: independent of BodyCount.
    qint64 inflatedLength(const QUrl &url)
    {
        QNetworkAccessManager manager;
        QNetworkReply *reply = manager.get(makeRequest(url));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        if (!finished.wait(10000))
            return -2;
        const QByteArray wire = reply->readAll();
        reply->deleteLater();
        z_stream z{};
        if (inflateInit2(&z, 15 + 32) != Z_OK)
            return -3;
        QByteArray out(1 << 20, Qt::Uninitialized);
        z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(wire.constData()));
        z.avail_in = uInt(wire.size());
        z.next_out = reinterpret_cast<Bytef *>(out.data());
        z.avail_out = uInt(out.size());
        const int rc = inflate(&z, Z_FINISH);
        const qint64 n = qint64(z.total_out);
        inflateEnd(&z);
        return rc == Z_STREAM_END ? n : -4;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start(0)); }

    void compressedBodyHasItsDecodedSize_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<int>("strategy");
        QTest::newRow("/gzip, async") << u"/gzip"_s << QByteArray("gzip") << int(Strategy::Async);
        QTest::newRow("/deflate, async")
            << u"/deflate"_s << QByteArray("deflate") << int(Strategy::Async);
        QTest::newRow("/gzip, threads")
            << u"/gzip"_s << QByteArray("gzip") << int(Strategy::Threads);
    }
    void compressedBodyHasItsDecodedSize()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, encoding);
        QFETCH(int, strategy);
        QUrl url = m_server.baseUrl();
        url.setPath(path);
        const qint64 expected = inflatedLength(url);
        QVERIFY2(expected > 0, qPrintable(QString::number(expected)));

        RunSpec spec = CoroscopeTest::specOn(m_server, path, 3);
        spec.strategy = Strategy(strategy);
        const Trace trace = CoroscopeTest::runToEnd(spec);
        for (const TaskInfo &info : trace.tasks) {
            QVERIFY2(info.result == TaskResult::Ok, qPrintable(info.error));
            QCOMPARE(info.contentEncoding, encoding);
            QVERIFY(info.bytes > 0);
            QCOMPARE(info.decodedBytes, expected);
            QVERIFY(info.decodedBytes > info.bytes); // a JSON echo compresses
        }
        // HAR 1.2: content.size decoded, compression the bytes saved, bodySize the wire's.
        const QJsonArray entries = harEntries(trace);
        QCOMPARE(entries.size(), 3);
        for (const QJsonValue &entry : entries) {
            const QJsonObject response = entry.toObject().value(u"response"_s).toObject();
            const QJsonObject content = response.value(u"content"_s).toObject();
            const qint64 wire = trace.tasks.at(0).bytes;
            QCOMPARE(qint64(content.value(u"size"_s).toDouble()), expected);
            QCOMPARE(qint64(content.value(u"compression"_s).toDouble()), expected - wire);
            QCOMPARE(qint64(response.value(u"bodySize"_s).toDouble()), wire);
        }
        // The CSV says the body was compressed, and how large it was decoded.
        const QList<QByteArray> lines = tasksCsv(trace).split('\n');
        const QList<QByteArray> header = lines.at(0).trimmed().split(',');
        const qsizetype encodingColumn = header.indexOf("content_encoding");
        const qsizetype decodedColumn = header.indexOf("decoded_bytes");
        QVERIFY(encodingColumn > 0 && decodedColumn > 0);
        const QList<QByteArray> row = lines.at(1).trimmed().split(',');
        QCOMPARE(row.value(encodingColumn), encoding);
        QCOMPARE(row.value(decodedColumn).toLongLong(), expected);
    }

    void plainBodyHasNoCompression()
    {
        const Trace trace = CoroscopeTest::runToEnd(CoroscopeTest::specOn(m_server, u"/get"_s, 1));
        QCOMPARE(trace.tasks.at(0).decodedBytes, -1);
        QVERIFY(trace.tasks.at(0).contentEncoding.isEmpty());
        const QJsonObject content = harEntries(trace)
                                        .at(0)
                                        .toObject()
                                        .value(u"response"_s)
                                        .toObject()
                                        .value(u"content"_s)
                                        .toObject();
        QCOMPARE(qint64(content.value(u"size"_s).toDouble()), trace.tasks.at(0).bytes);
        QVERIFY(!content.contains(u"compression"_s));
    }

    // Qt 6.4 does not say whether a response was HTTP/1.0 or 1.1: HAR must not claim 1.1.
    void http10IsNotCalledHttp11()
    {
        Testing::FaultServer server;
        server.addRoute("/http10", "HTTP/1.0 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        QVERIFY(server.start());
        RunSpec spec;
        spec.urls = {server.url(u"/http10"_s)};
        spec.tasks = 1;
        const Trace trace = CoroscopeTest::runToEnd(spec);
        QVERIFY2(trace.tasks.at(0).result == TaskResult::Ok, qPrintable(trace.tasks.at(0).error));
        const QJsonObject entry = harEntries(trace).at(0).toObject();
        const QString version
            = entry.value(u"response"_s).toObject().value(u"httpVersion"_s).toString();
        QVERIFY2(version != u"HTTP/1.1"_s, qPrintable(version));
        QCOMPARE(version, u"HTTP/1.x"_s);
        // What Qt sent is known: its HTTP/1 requests always say 1.1.
        QCOMPARE(entry.value(u"request"_s).toObject().value(u"httpVersion"_s).toString(),
                 u"HTTP/1.1"_s);
    }

    // Qt tells only the request a connection was opened for; without the server's r= the
    // others are unknown, and the diagnostic must not count them as not new.
    void unknownConnectionsAreNotCounted()
    {
        constexpr qint64 Ms = 1000000;
        Trace t;
        t.strategy = u"async"_s;
        t.urls = {u"http://127.0.0.1:1/"_s};
        t.labels = {QString(),         u"await reply"_s,      u"socket connecting"_s,
                    u"request sent"_s, u"response headers"_s, u"reply finished"_s};
        constexpr int Tasks = 10;
        t.tasks.resize(Tasks);
        using K = EventKind;
        for (quint32 i = 0; i < Tasks; ++i) {
            t.tasks[i].result = TaskResult::Ok;
            t.tasks[i].httpStatus = 200;
            t.events << TraceEvent{0, i, K::Created} << TraceEvent{0, i, K::Admitted}
                     << TraceEvent{1 * Ms, i, K::Suspended, 0, 1};
        }
        // Task 0 was told its connection opened (60 ms); the others were not, and the server
        // numbered nothing.
        t.events << TraceEvent{2 * Ms, 0, K::Network, 0, 2};
        for (quint32 i = 0; i < Tasks; ++i)
            t.events << TraceEvent{62 * Ms + i, i, K::Network, 0, 3}
                     << TraceEvent{80 * Ms + i, i, K::Network, 0, 4}
                     << TraceEvent{81 * Ms + i, i, K::Network, 0, 5};
        for (quint32 i = 0; i < Tasks; ++i)
            t.events << TraceEvent{82 * Ms + i, i, K::Resumed, 0, 1}
                     << TraceEvent{83 * Ms + i, i, K::Finished};
        t.events << TraceEvent{90 * Ms, LoopTask, K::AllDone};
        std::stable_sort(t.events.begin(), t.events.end(),
                         [](const TraceEvent &a, const TraceEvent &b) { return a.ns < b.ns; });
        t.endNs = 90 * Ms;
        QString text;
        for (const Diagnostic &d : diagnose(t))
            if (d.text.contains(u"opening a connection"_s))
                text = d.text;
        QVERIFY2(!text.isEmpty(), "no connection finding");
        QVERIFY2(!text.contains(u"1 of 10 requests opened a new one"_s), qPrintable(text));
        QVERIFY2(text.contains(u"for 9 neither could tell"_s), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestResponseFacts)
#include "tst_responsefacts.moc"
