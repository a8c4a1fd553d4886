// TimelineKeyNavigator on its own: W/A/S/D taps and glides, driven without a clock.
#include "timelinekeynavigator.h"

#include <QSignalSpy>
#include <QTest>

#include <cmath>

using namespace Coroscope;
using Nav = TimelineKeyNavigator;

class TestTimelineKeyNavigator : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void tapSteps_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<double>("zoom"); // 0: none
        QTest::addColumn<double>("pan"); // 0: none
        QTest::newRow("W zooms in") << int(Qt::Key_W) << Nav::TapZoom << 0.0;
        QTest::newRow("S zooms out") << int(Qt::Key_S) << 1 / Nav::TapZoom << 0.0;
        QTest::newRow("A pans to earlier") << int(Qt::Key_A) << 0.0 << -Nav::TapPanFraction;
        QTest::newRow("D pans to later") << int(Qt::Key_D) << 0.0 << Nav::TapPanFraction;
    }
    void tapSteps()
    {
        QFETCH(int, key);
        QFETCH(double, zoom);
        QFETCH(double, pan);
        Nav nav;
        QSignalSpy zooms(&nav, &Nav::zoomRequested);
        QSignalSpy pans(&nav, &Nav::panRequested);
        QVERIFY(nav.press(key, {}, false));
        QCOMPARE(zooms.size(), zoom != 0 ? 1 : 0);
        QCOMPARE(pans.size(), pan != 0 ? 1 : 0);
        if (zoom != 0)
            QCOMPARE(zooms.at(0).at(0).toDouble(), zoom);
        if (pan != 0)
            QCOMPARE(pans.at(0).at(0).toDouble(), pan);
        QCOMPARE(nav.heldKeys(), Nav::keyFor(key));
        QVERIFY(nav.isGliding());
        // Key repeat, or the key pressed again while held: no second step (the glide does it).
        QVERIFY(nav.press(key, {}, true));
        QVERIFY(nav.press(key, {}, false));
        QCOMPARE(zooms.size() + pans.size(), 1);
        // A repeat's release keeps it held; the real one lets go.
        QVERIFY(nav.release(key, true));
        QCOMPARE(nav.heldKeys(), Nav::keyFor(key));
        QVERIFY(nav.release(key, false));
        QCOMPARE(nav.heldKeys(), 0);
        QVERIFY(!nav.isGliding());
    }

    void notOurKeys()
    {
        Nav nav;
        QSignalSpy zooms(&nav, &Nav::zoomRequested);
        QSignalSpy pans(&nav, &Nav::panRequested);
        // With a modifier W/A/S/D are shortcuts of someone else (Ctrl+S, Shift+D...).
        for (const Qt::KeyboardModifier m :
             {Qt::ShiftModifier, Qt::ControlModifier, Qt::AltModifier, Qt::MetaModifier})
            QVERIFY(!nav.press(Qt::Key_W, m, false));
        QVERIFY(!nav.press(Qt::Key_Q, {}, false));
        QVERIFY(!nav.press(Qt::Key_Left, {}, false));
        QVERIFY(!nav.release(Qt::Key_Q, false));
        QCOMPARE(zooms.size() + pans.size(), 0);
        QCOMPARE(nav.heldKeys(), 0);
        QVERIFY(!nav.isGliding());
    }

    void heldKeysGlide()
    {
        Nav nav;
        QSignalSpy zooms(&nav, &Nav::zoomRequested);
        QSignalSpy pans(&nav, &Nav::panRequested);
        nav.press(Qt::Key_W, {}, false);
        nav.press(Qt::Key_D, {}, false);
        zooms.clear();
        pans.clear();
        // A tap is a tap: nothing glides before the hold delay.
        nav.glide(0.1, Nav::HoldDelayMs - 1);
        QCOMPARE(zooms.size() + pans.size(), 0);
        // Then the speed is per second, whatever the step.
        nav.glide(0.5, Nav::HoldDelayMs);
        QCOMPARE(zooms.size(), 1);
        QCOMPARE(zooms.at(0).at(0).toDouble(), std::pow(Nav::HeldZoomPerSecond, 0.5));
        QCOMPARE(pans.size(), 1);
        QCOMPARE(pans.at(0).at(0).toDouble(), 0.5 * Nav::HeldPanPerSecond);
        // W and S together cancel out; so do A and D.
        nav.press(Qt::Key_S, {}, false);
        nav.press(Qt::Key_A, {}, false);
        zooms.clear();
        pans.clear();
        nav.glide(0.5, 1000);
        QCOMPARE(zooms.size() + pans.size(), 0);
        nav.release(Qt::Key_W, false);
        nav.glide(0.25, 1000);
        QCOMPARE(zooms.size(), 1);
        QCOMPARE(zooms.at(0).at(0).toDouble(), std::pow(Nav::HeldZoomPerSecond, -0.25));
        QCOMPARE(pans.size(), 0);
    }

    void focusLostLetsGo()
    {
        Nav nav;
        QSignalSpy zooms(&nav, &Nav::zoomRequested);
        nav.press(Qt::Key_W, {}, false);
        nav.releaseAll();
        QCOMPARE(nav.heldKeys(), 0);
        QVERIFY(!nav.isGliding());
        zooms.clear();
        nav.glide(1.0, 1000);
        QCOMPARE(zooms.size(), 0);
        // The next press is a tap again.
        nav.press(Qt::Key_W, {}, false);
        QCOMPARE(zooms.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestTimelineKeyNavigator)
#include "tst_timelinekeynavigator.moc"
