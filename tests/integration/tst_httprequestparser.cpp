#include "server/httprequestparser.h"

#include <QTest>

using namespace Coroscope::Http;

namespace {

// Feeds the bytes in pieces of `step` (the network splits requests anywhere) and returns the
// results in order, one per request or error.
struct Outcome
{
    QList<Request> requests;
    int errorStatus = 0;
    bool sawHeadComplete = false;
};

Outcome parseAll(const QByteArray &bytes, qsizetype step, ParserLimits limits = {})
{
    Outcome outcome;
    RequestParser parser(limits);
    for (qsizetype at = 0; at < bytes.size() && outcome.errorStatus == 0;) {
        QByteArrayView piece = QByteArrayView(bytes).sliced(at, std::min(step, bytes.size() - at));
        at += piece.size();
        while (!piece.isEmpty() || parser.midRequest()) {
            qsizetype consumed = 0;
            const auto result = parser.feed(piece, &consumed);
            piece = piece.sliced(consumed);
            if (result == RequestParser::Result::Complete) {
                outcome.requests.append(parser.takeRequest());
            } else if (result == RequestParser::Result::HeadComplete) {
                outcome.sawHeadComplete = true;
            } else if (result == RequestParser::Result::Error) {
                outcome.errorStatus = parser.errorStatus();
                break;
            } else {
                break; // NeedMore
            }
        }
    }
    return outcome;
}

} // namespace

class HttpRequestParserTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
};

void HttpRequestParserTest::parses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("requests");
    QTest::addColumn<QByteArray>("firstTarget");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<qint64>("contentLength");

    QTest::newRow("plain GET") << QByteArray("GET /get?a=1 HTTP/1.1\r\nHost: x\r\n\r\n") << 1
                               << QByteArray("/get?a=1") << true << 0LL;
    QTest::newRow("bare LF line ends are accepted")
        << QByteArray("GET /get HTTP/1.1\nHost: x\n\n") << 1 << QByteArray("/get") << true << 0LL;
    QTest::newRow("Connection: close ends keep-alive")
        << QByteArray("GET / HTTP/1.1\r\nHost: x\r\nConnection: Close\r\n\r\n") << 1
        << QByteArray("/") << false << 0LL;
    QTest::newRow("HTTP/1.0 closes unless asked to keep alive")
        << QByteArray("GET / HTTP/1.0\r\n\r\n") << 1 << QByteArray("/") << false << 0LL;
    QTest::newRow("HTTP/1.0 keep-alive")
        << QByteArray("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") << 1 << QByteArray("/")
        << true << 0LL;
    QTest::newRow("body is skipped and the next request follows")
        << QByteArray("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                      "GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        << 2 << QByteArray("/a") << true << 3LL;
    QTest::newRow("chunked body with extension and trailer")
        << QByteArray("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3;ext=1\r\nabc\r\nA\r\n0123456789\r\n0\r\nX-T: 1\r\n\r\n"
                      "GET /b HTTP/1.1\r\nHost: x\r\n\r\n")
        << 2 << QByteArray("/a") << true << -1LL;
    QTest::newRow("identical Content-Length list is one length")
        << QByteArray("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 2, 2\r\n\r\nab") << 1
        << QByteArray("/a") << true << 2LL;
    QTest::newRow("empty lines before a request are ignored")
        << QByteArray("\r\n\r\nGET /a HTTP/1.1\r\nHost: x\r\n\r\n") << 1 << QByteArray("/a") << true
        << 0LL;
    QTest::newRow("absolute-form target")
        << QByteArray("GET http://x/a HTTP/1.1\r\nHost: x\r\n\r\n") << 1 << QByteArray("http://x/a")
        << true << 0LL;
}

void HttpRequestParserTest::parses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, requests);
    QFETCH(QByteArray, firstTarget);
    QFETCH(bool, keepAlive);
    QFETCH(qint64, contentLength);

    // Whole, and byte by byte: the result must not depend on how the bytes arrive.
    for (qsizetype step : {bytes.size(), qsizetype(1), qsizetype(7)}) {
        const Outcome outcome = parseAll(bytes, step);
        QCOMPARE(outcome.errorStatus, 0);
        QCOMPARE(outcome.requests.size(), requests);
        QCOMPARE(outcome.requests.first().target, firstTarget);
        QCOMPARE(outcome.requests.first().keepAlive, keepAlive);
        QCOMPARE(outcome.requests.first().contentLength, contentLength);
        QCOMPARE(outcome.sawHeadComplete, contentLength != 0);
    }
}

void HttpRequestParserTest::refuses_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");

    const QByteArray host("Host: x\r\n");
    QTest::newRow("no Host in HTTP/1.1") << QByteArray("GET / HTTP/1.1\r\n\r\n") << 400;
    QTest::newRow("two Host headers") << "GET / HTTP/1.1\r\n" + host + host + "\r\n" << 400;
    QTest::newRow("space before the colon")
        << QByteArray("GET / HTTP/1.1\r\nHost : x\r\n\r\n") << 400;
    QTest::newRow("obs-fold") << "GET / HTTP/1.1\r\n" + host + "X: a\r\n b\r\n\r\n" << 400;
    QTest::newRow("bare CR inside a header") << "GET / HTTP/1.1\r\n" + host + "X: a\rb\r\n\r\n"
                                             << 400;
    QTest::newRow("control byte in a value")
        << "GET / HTTP/1.1\r\n" + host + QByteArray("X: a\x01z\r\n\r\n") << 400;
    QTest::newRow("double space in the request line") << "GET  / HTTP/1.1\r\n" + host + "\r\n"
                                                      << 400;
    QTest::newRow("target not starting with a slash") << "GET get HTTP/1.1\r\n" + host + "\r\n"
                                                      << 400;
    QTest::newRow("HTTP/2.0") << "GET / HTTP/2.0\r\n" + host + "\r\n" << 505;
    QTest::newRow("negative Content-Length") << "POST / HTTP/1.1\r\n" + host
            + "Content-Length: -1\r\n\r\n" << 400;
    QTest::newRow("Content-Length with a sign") << "POST / HTTP/1.1\r\n" + host
            + "Content-Length: +5\r\n\r\n" << 400;
    QTest::newRow("conflicting Content-Length list") << "POST / HTTP/1.1\r\n" + host
            + "Content-Length: 1, 2\r\n\r\n" << 400;
    QTest::newRow("Transfer-Encoding and Content-Length")
        << "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n"
        << 400;
    QTest::newRow("gzip transfer coding")
        << "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: gzip, chunked\r\n\r\n"
        << 501;
    QTest::newRow("chunked not last")
        << "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked, chunked\r\n\r\n"
        << 400;
    QTest::newRow("bad chunk size")
        << "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"
        << 400;
    QTest::newRow("chunk without CRLF after its data")
        << "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n"
        << 400;
    QTest::newRow("declared body over the limit") << "POST / HTTP/1.1\r\n" + host
            + "Content-Length: 1048577\r\n\r\n" << 413;
    QTest::newRow("chunked body over the limit")
        << "POST / HTTP/1.1\r\n" + host + "Transfer-Encoding: chunked\r\n\r\n100001\r\n"
        << 413;
    QTest::newRow("head over the limit")
        << "GET / HTTP/1.1\r\n" + host + "X: " + QByteArray(17 * 1024, 'a') + "\r\n\r\n"
        << 431;
    QTest::newRow("request line over the limit") << "GET /" + QByteArray(17 * 1024, 'a')
            + " HTTP/1.1\r\n" + host + "\r\n" << 414;
}

void HttpRequestParserTest::refuses()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);

    for (qsizetype step : {bytes.size(), qsizetype(1)}) {
        const Outcome outcome = parseAll(bytes, step);
        QCOMPARE(outcome.errorStatus, status);
        QVERIFY(outcome.requests.isEmpty());
    }
}

QTEST_GUILESS_MAIN(HttpRequestParserTest)
#include "tst_httprequestparser.moc"
