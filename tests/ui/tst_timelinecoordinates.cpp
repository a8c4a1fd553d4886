#include "timelinecoordinates.h"

#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 Us = 1'000;
constexpr qint64 Ms = 1'000'000;
constexpr qint64 S = 1'000'000'000;

TimelineCoordinates make(qint64 traceEnd, qint64 start, qint64 end, int width)
{
    TimelineCoordinates c;
    c.setWidth(width);
    c.setTraceEnd(traceEnd);
    c.setRange(start, end);
    return c;
}
} // namespace

class TestTimelineCoordinates : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void xForNs_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<int>("width");
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<double>("x");
        QTest::newRow("start maps to 0") << 0LL << S << 1000 << 0LL << 0.0;
        QTest::newRow("end maps to width") << 0LL << S << 1000 << S << 1000.0;
        QTest::newRow("quarter second at 1 ms/px") << 0LL << S << 1000 << 250 * Ms << 250.0;
        QTest::newRow("offset range") << 2 * S << 3 * S << 500 << 2500 * Ms << 250.0;
        QTest::newRow("before the range is negative") << S << 2 * S << 1000 << 900 * Ms << -100.0;
        QTest::newRow("sub-millisecond range")
            << 10 * S << 10 * S + Ms << 1000 << 10 * S + 500 * Us << 500.0;
    }
    void xForNs()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(int, width);
        QFETCH(qint64, ns);
        QFETCH(double, x);
        const TimelineCoordinates c = make(100 * S, start, end, width);
        QCOMPARE(c.startNs(), start);
        QCOMPARE(c.endNs(), end);
        QCOMPARE(c.xForNs(ns), x);
        // The way back is exact to the nanosecond.
        QCOMPARE(c.nsForX(x), ns);
    }

    void roundTrip_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<int>("width");
        QTest::newRow("one second on 1000 px") << 0LL << S << 1000;
        QTest::newRow("odd width, odd span") << 123'456'789LL << 987'654'321LL << 777;
        QTest::newRow("one hour on 1600 px") << 0LL << 3600 * S << 1600;
        QTest::newRow("1 ms deep into an hour") << 3000 * S << 3000 * S + Ms << 1600;
    }
    void roundTrip()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(int, width);
        const TimelineCoordinates c = make(3600 * S, start, end, width);
        for (int x = 0; x <= width; x += 7)
            QCOMPARE(std::lround(c.xForNs(c.nsForX(x))), long(x));
        const qint64 step = std::max<qint64>(1, (end - start) / 97);
        for (qint64 ns = start; ns <= end; ns += step)
            QVERIFY(std::abs(c.nsForX(c.xForNs(ns)) - ns) <= 1);
    }

    void zoomKeepsAnchorPixel_data()
    {
        QTest::addColumn<qint64>("anchor");
        QTest::addColumn<double>("factor");
        QTest::newRow("zoom in 2x at the centre") << 5 * S << 2.0;
        QTest::newRow("zoom in 10x near the left") << 4100 * Ms << 10.0;
        QTest::newRow("zoom out 1.5x at three quarters") << 5750 * Ms << 1 / 1.5;
        QTest::newRow("zoom in 1000x at an odd time") << 4'321'234'567LL << 1000.0;
    }
    void zoomKeepsAnchorPixel()
    {
        QFETCH(qint64, anchor);
        QFETCH(double, factor);
        TimelineCoordinates c = make(100 * S, 4 * S, 7 * S, 1200);
        const double before = c.xForNs(anchor);
        const qint64 span = c.spanNs();
        c.zoomAround(anchor, factor);
        QVERIFY(std::abs(c.xForNs(anchor) - before) < 0.01);
        QVERIFY(std::abs(double(c.spanNs()) - double(span) / factor) <= 1);
    }

    void clamping_data()
    {
        QTest::addColumn<QString>("action");
        QTest::addColumn<qint64>("expectedStart");
        QTest::addColumn<qint64>("expectedEnd");
        // Trace ends at 10 s, so the view may reach 10.5 s (a 5% margin).
        QTest::newRow("zoom in stops at the minimum span, around the anchor")
            << u"zoom 0.5s 1e9"_s << 500 * Ms - Ms / 2 << 500 * Ms + Ms / 2;
        QTest::newRow("zoom out stops at the trace plus margin")
            << u"zoom 5s 0.001"_s << 0LL << 10500 * Ms;
        QTest::newRow("pan before zero stops at zero") << u"pan -100000"_s << 0LL << S;
        QTest::newRow("pan past the end stops at the limit")
            << u"pan 100000"_s << 9500 * Ms << 10500 * Ms;
        QTest::newRow("a range before zero is shifted, not shrunk")
            << u"range -2s 1s"_s << 0LL << 3 * S;
        QTest::newRow("a range wider than the trace is the whole trace")
            << u"range -5s 50s"_s << 0LL << 10500 * Ms;
        QTest::newRow("a range narrower than 1 ms grows around its centre")
            << u"range 2s 2s"_s << 2 * S - Ms / 2 << 2 * S + Ms / 2;
        QTest::newRow("reversed bounds are swapped") << u"range 3s 1s"_s << S << 3 * S;
    }
    void clamping()
    {
        QFETCH(QString, action);
        QFETCH(qint64, expectedStart);
        QFETCH(qint64, expectedEnd);
        TimelineCoordinates c = make(10 * S, 0, S, 1000);
        const QStringList words = action.split(u' ');
        auto ns = [](const QString &text) {
            return text.endsWith(u's') ? qint64(text.chopped(1).toDouble() * S) : text.toLongLong();
        };
        if (words.at(0) == u"zoom")
            c.zoomAround(ns(words.at(1)), words.at(2).toDouble());
        else if (words.at(0) == u"pan")
            c.pan(words.at(1).toDouble());
        else
            c.setRange(ns(words.at(1)), ns(words.at(2)));
        QCOMPARE(c.startNs(), expectedStart);
        QCOMPARE(c.endNs(), expectedEnd);
    }

    void pan_data()
    {
        QTest::addColumn<double>("dx");
        QTest::addColumn<qint64>("expectedStart");
        QTest::newRow("100 px right at 1 ms/px shows 100 ms later") << 100.0 << 2100 * Ms;
        QTest::newRow("250 px left shows 250 ms earlier") << -250.0 << 1750 * Ms;
        QTest::newRow("half a pixel is half a pixel's time") << 0.5 << 2 * S + 500 * Us;
    }
    void pan()
    {
        QFETCH(double, dx);
        QFETCH(qint64, expectedStart);
        TimelineCoordinates c = make(10 * S, 2 * S, 3 * S, 1000);
        c.pan(dx);
        QCOMPARE(c.startNs(), expectedStart);
        QCOMPARE(c.spanNs(), S); // panning never zooms
    }

    void fit_data()
    {
        QTest::addColumn<qint64>("traceEnd");
        QTest::addColumn<qint64>("expectedEnd");
        QTest::newRow("ten seconds plus 5% margin") << 10 * S << 10500 * Ms;
        QTest::newRow("an empty trace still shows the minimum span") << 0LL << Ms;
        QTest::newRow("a trace shorter than 1 ms shows 1 ms") << 200 * Us << Ms;
    }
    void fit()
    {
        QFETCH(qint64, traceEnd);
        QFETCH(qint64, expectedEnd);
        TimelineCoordinates c = make(100 * S, 40 * S, 41 * S, 800);
        c.fit(traceEnd);
        QCOMPARE(c.startNs(), 0LL);
        QCOMPARE(c.endNs(), expectedEnd);
        QVERIFY(c.isFitted());
        QVERIFY(c.xForNs(traceEnd) <= c.width());
    }

    void tickStep_data()
    {
        QTest::addColumn<double>("minStep");
        QTest::addColumn<qint64>("step");
        QTest::newRow("exactly one") << 1.0 << 1LL;
        QTest::newRow("3 rounds up to 5") << 3.0 << 5LL;
        QTest::newRow("450 ms rounds up to 500 ms") << 450e6 << 500 * Ms;
        QTest::newRow("a second is a second") << 1e9 << S;
        QTest::newRow("1.1 s rounds up to 2 s") << 1.1e9 << 2 * S;
        QTest::newRow("120 us rounds up to 200 us") << 120e3 << 200 * Us;
    }
    void tickStep()
    {
        QFETCH(double, minStep);
        QFETCH(qint64, step);
        QCOMPARE(TimelineCoordinates::tickStep(minStep), step);
    }

    void formatTick_data()
    {
        QTest::addColumn<qint64>("ns");
        QTest::addColumn<qint64>("step");
        QTest::addColumn<QString>("label");
        QTest::newRow("zero on a ms axis") << 0LL << 50 * Ms << u"0 ms"_s;
        QTest::newRow("zero on a seconds axis") << 0LL << 5 * S << u"0 s"_s;
        QTest::newRow("250 ms") << 250 * Ms << 50 * Ms << u"250 ms"_s;
        QTest::newRow("1.5 s from a 500 ms step") << 1500 * Ms << 500 * Ms << u"1.5 s"_s;
        QTest::newRow("whole seconds lose the decimals") << 2 * S << 500 * Ms << u"2 s"_s;
        QTest::newRow("1.05 s needs two decimals") << 1050 * Ms << 50 * Ms << u"1.05 s"_s;
        QTest::newRow("12 s") << 12 * S << 2 * S << u"12 s"_s;
        QTest::newRow("500 µs") << 500 * Us << 100 * Us << u"500 µs"_s;
        QTest::newRow("1.2 ms from a 200 µs step") << 1200 * Us << 200 * Us << u"1.2 ms"_s;
        QTest::newRow("nanoseconds") << 20LL << 10LL << u"20 ns"_s;
    }
    void formatTick()
    {
        QFETCH(qint64, ns);
        QFETCH(qint64, step);
        QFETCH(QString, label);
        QCOMPARE(TimelineCoordinates::formatTick(ns, step), label);
    }

    void ticks_data()
    {
        QTest::addColumn<qint64>("start");
        QTest::addColumn<qint64>("end");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("minSpacing");
        QTest::addColumn<QStringList>("firstLabels");
        QTest::newRow("3 s on 1000 px counts in halves of seconds")
            << 0LL << 3 * S << 1000 << 150
            << QStringList{u"0 ms"_s, u"500 ms"_s, u"1 s"_s, u"1.5 s"_s, u"2 s"_s};
        QTest::newRow("1 s on 1000 px at 40 px passes 250 ms")
            << 0LL << S << 1000 << 40 << QStringList{u"0 ms"_s,   u"50 ms"_s,  u"100 ms"_s,
                                                     u"150 ms"_s, u"200 ms"_s, u"250 ms"_s};
        QTest::newRow("a range not on a tick starts at the next tick")
            << 10'300 * Ms << 20 * S << 800 << 100 << QStringList{u"12 s"_s, u"14 s"_s, u"16 s"_s};
        QTest::newRow("a zoomed-in millisecond keeps seconds with enough decimals")
            << 5 * S + 400 * Us << 5 * S + 1400 * Us << 1000 << 150
            << QStringList{u"5.0004 s"_s, u"5.0006 s"_s, u"5.0008 s"_s, u"5.001 s"_s};
    }
    void ticks()
    {
        QFETCH(qint64, start);
        QFETCH(qint64, end);
        QFETCH(int, width);
        QFETCH(int, minSpacing);
        QFETCH(QStringList, firstLabels);
        const TimelineCoordinates c = make(100 * S, start, end, width);
        const QList<TimelineCoordinates::Tick> ticks = c.ticks(minSpacing);
        QStringList labels;
        for (qsizetype i = 0; i < ticks.size(); ++i) {
            labels << ticks.at(i).label;
            QVERIFY(ticks.at(i).x >= 0 && ticks.at(i).x <= width);
            if (i > 0) // readable: never closer than asked, never the same label twice
                QVERIFY(ticks.at(i).x - ticks.at(i - 1).x >= minSpacing - 1e-9);
        }
        QCOMPARE(labels.mid(0, firstLabels.size()), firstLabels);
        QCOMPARE(QSet<QString>(labels.cbegin(), labels.cend()).size(), labels.size());
    }
};

QTEST_GUILESS_MAIN(TestTimelineCoordinates)
#include "tst_timelinecoordinates.moc"
