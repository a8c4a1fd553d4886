#include "timelinedensity.h"

#include "traceevents.h"

#include <QTest>

#include <cmath>

using namespace Coroscope;
using namespace Qt::StringLiterals;
using CoroscopeTest::Ev;

namespace {
constexpr qint64 Ms = 1'000'000;

constexpr QRgb Pending = 0xffc0c0c0;
constexpr QRgb Running = 0xffff8000;
constexpr QRgb Suspended = 0xff0080ff;

// One letter per pixel: P/R/S an opaque state colour, '.' nothing alive, '~' anything blended.
QString classify(const QImage &image, int band, int width)
{
    QString out;
    const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(band));
    for (int x = 0; x < width; ++x) {
        const QRgb p = line[x];
        out += p == 0        ? u'.'
            : p == Pending   ? u'P'
            : p == Running   ? u'R'
            : p == Suspended ? u'S'
                             : u'~';
    }
    return out;
}
} // namespace

Q_DECLARE_METATYPE(QList<Ev>)

class TestTimelineDensity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Pixels are 1 ms wide, 10 of them from 0 ms.
    void bands_data()
    {
        QTest::addColumn<QList<Ev>>("events");
        QTest::addColumn<int>("tasks");
        QTest::addColumn<int>("rowsPerBand");
        QTest::addColumn<QStringList>("expected");
        using K = EventKind;
        QTest::newRow("a run then an await, on pixel boundaries")
            << QList<Ev>{{0, 0, K::Created},
                         {0, 0, K::Admitted},
                         {5, 0, K::Suspended},
                         {10, 0, K::Resumed},
                         {10, 0, K::Finished}}
            << 1 << 1 << QStringList{u"RRRRRSSSSS"_s};
        QTest::newRow("nothing before creation nor after the finish")
            << QList<Ev>{{2, 0, K::Created},
                         {2, 0, K::Admitted},
                         {4, 0, K::Suspended},
                         {7, 0, K::Resumed},
                         {8, 0, K::Finished}}
            << 1 << 1 << QStringList{u"..RRSSSR.."_s};
        QTest::newRow("a state change inside a pixel blends it")
            << QList<Ev>{{0, 0, K::Created},
                         {0, 0, K::Admitted},
                         {4.5, 0, K::Suspended},
                         {10, 0, K::Resumed},
                         {10, 0, K::Finished}}
            << 1 << 1 << QStringList{u"RRRR~SSSSS"_s};
        QTest::newRow("pending until admitted")
            << QList<Ev>{{0, 0, K::Created}, {3, 0, K::Admitted}, {10, 0, K::Finished}} << 1 << 1
            << QStringList{u"PPPRRRRRRR"_s};
        QTest::newRow("one band per task")
            << QList<Ev>{{0, 0, K::Created},  {0, 1, K::Created},   {0, 0, K::Admitted},
                         {5, 1, K::Admitted}, {10, 0, K::Finished}, {10, 1, K::Finished}}
            << 2 << 1 << QStringList{u"RRRRRRRRRR"_s, u"PPPPPRRRRR"_s};
        QTest::newRow("two tasks in one band: half alive is not opaque")
            << QList<Ev>{{0, 0, K::Created}, {0, 0, K::Admitted}, {10, 0, K::Finished},
                         {0, 1, K::Created}, {0, 1, K::Admitted}, {5, 1, K::Finished}}
            << 2 << 2 << QStringList{u"RRRRR~~~~~"_s};
        QTest::newRow("three tasks, bands of two: the last band holds one")
            << QList<Ev>{{0, 0, K::Created}, {0, 0, K::Admitted}, {10, 0, K::Finished},
                         {0, 1, K::Created}, {0, 1, K::Admitted}, {10, 1, K::Finished},
                         {0, 2, K::Created}, {0, 2, K::Admitted}, {3, 2, K::Finished}}
            << 3 << 2 << QStringList{u"RRRRRRRRRR"_s, u"RRR......."_s};
    }
    void bands()
    {
        QFETCH(QList<Ev>, events);
        QFETCH(int, tasks);
        QFETCH(int, rowsPerBand);
        QFETCH(QStringList, expected);
        Trace trace;
        trace.tasks.resize(tasks);
        CoroscopeTest::appendSortedEvents(trace, events);
        trace.endNs = 10 * Ms;
        const SegmentBuilder segments = buildSegments(trace);
        TimelineDensity density;
        density.setColors(Pending, Running, Suspended);
        TimelineDensity::Request request;
        request.nsPerPixel = Ms;
        request.width = 10;
        request.rowCount = tasks;
        request.rowsPerBand = rowsPerBand;
        request.nowNs = 10 * Ms;
        const QImage &image = density.render(segments, request);
        QCOMPARE(TimelineDensity::bandCount(tasks, rowsPerBand), expected.size());
        for (int band = 0; band < expected.size(); ++band)
            QCOMPARE(classify(image, band, 10), expected.at(band));
    }

    // The opacity says how much of a band was alive: a quarter at least, full when all was.
    void opacity_data()
    {
        QTest::addColumn<double>("aliveFraction");
        QTest::addColumn<int>("alpha");
        QTest::newRow("all of the pixel") << 1.0 << 255;
        QTest::newRow("half of it")
            << 0.5 << int(std::lround((0.25 + 0.75 * std::sqrt(0.5)) * 255));
        QTest::newRow("a tenth") << 0.1 << int(std::lround((0.25 + 0.75 * std::sqrt(0.1)) * 255));
    }
    void opacity()
    {
        QFETCH(double, aliveFraction);
        QFETCH(int, alpha);
        Trace trace;
        trace.tasks.resize(1);
        trace.events = {TraceEvent{0, 0, EventKind::Created, 0, 0, 0},
                        TraceEvent{0, 0, EventKind::Admitted, 0, 0, 0},
                        TraceEvent{qint64(aliveFraction * Ms), 0, EventKind::Finished, 0, 0, 0}};
        trace.endNs = Ms;
        const SegmentBuilder segments = buildSegments(trace);
        TimelineDensity density;
        density.setColors(Pending, Running, Suspended);
        TimelineDensity::Request request;
        request.nsPerPixel = Ms;
        request.width = 1;
        request.rowCount = 1;
        request.nowNs = Ms;
        const QRgb pixel = density.render(segments, request).pixel(0, 0);
        QVERIFY2(std::abs(qAlpha(pixel) - alpha) <= 1, qPrintable(QString::number(qAlpha(pixel))));
    }
};

QTEST_GUILESS_MAIN(TestTimelineDensity)
#include "tst_timelinedensity.moc"
