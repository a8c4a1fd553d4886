#include "trace/serverreport.h"

#include <QTest>

using namespace Coroscope;

// The X-Coroscope header comes from whatever server a URL points at: only well-formed figures
// are believed, anything else reads as "not reported" (-1), never as a guess.
class TestServerReport : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("queuedMs");
        QTest::addColumn<int>("active");
        QTest::addColumn<int>("request");
        QTest::addColumn<int>("capacity");

        QTest::newRow("what the embedded server writes")
            << QByteArray("q=0;a=1;r=1") << 0LL << 1 << 1 << -1;
        QTest::newRow("with a capacity")
            << QByteArray("q=3001;a=2;r=4;c=2") << 3001LL << 2 << 4 << 2;
        QTest::newRow("blanks around items") << QByteArray(" q=5 ; a=7 ") << 5LL << 7 << -1 << -1;
        QTest::newRow("absent") << QByteArray() << -1LL << -1 << -1 << -1;
        QTest::newRow("unknown items are skipped")
            << QByteArray("z=9;q=1;future=2;a=3") << 1LL << 3 << -1 << -1;
        QTest::newRow("negative") << QByteArray("q=-5;a=1") << -1LL << 1 << -1 << -1;
        QTest::newRow("hex") << QByteArray("q=0x10;a=1") << -1LL << 1 << -1 << -1;
        QTest::newRow("space inside a number") << QByteArray("q=1 0;a=1") << -1LL << 1 << -1 << -1;
        QTest::newRow("more than a day queued")
            << QByteArray("q=86400001;a=1") << -1LL << 1 << -1 << -1;
        QTest::newRow("overflow") << QByteArray("q=99999999999999999999;a=1") << -1LL << 1 << -1
                                  << -1;
        QTest::newRow("a key twice is not believed")
            << QByteArray("q=1;q=2;a=1") << -1LL << 1 << -1 << -1;
        QTest::newRow("empty number") << QByteArray("q=;a=") << -1LL << -1 << -1 << -1;
        QTest::newRow("garbage") << QByteArray(";;;==;q") << -1LL << -1 << -1 << -1;
    }
    void parse()
    {
        QFETCH(QByteArray, value);
        const ServerReport report = parseServerReport(value);
        QTEST(report.queuedMs, "queuedMs");
        QTEST(report.active, "active");
        QTEST(report.connectionRequest, "request");
        QTEST(report.capacity, "capacity");
    }

    void roundTrip()
    {
        ServerReport written;
        written.queuedMs = 1234;
        written.active = 17;
        written.connectionRequest = 3;
        written.capacity = 4;
        written.tlsHandshakeUs = 1500;
        QByteArray value;
        appendServerReport(value, written);
        QCOMPARE(value, QByteArray("q=1234;a=17;r=3;h=1500;c=4"));
        const ServerReport read = parseServerReport(value);
        QCOMPARE(read.queuedMs, written.queuedMs);
        QCOMPARE(read.active, written.active);
        QCOMPARE(read.connectionRequest, written.connectionRequest);
        QCOMPARE(read.capacity, written.capacity);
        QCOMPARE(read.tlsHandshakeUs, written.tlsHandshakeUs);
    }
};

QTEST_GUILESS_MAIN(TestServerReport)
#include "tst_serverreport.moc"
