// One timeline state shared by the window's views: the playhead set on TimelineState moves the
// timeline, the overview, the details and the Loop state panel together, and a view moving it
// (the timeline's axis, the panel's transport) moves the others; selection and range likewise.
#include "livetrace.h"
#include "loopstatepanel.h"
#include "mainwindow.h"
#include "selectiondetails.h"
#include "server/testserver.h"
#include "timelineoverview.h"
#include "timelinestate.h"
#include "timelineview.h"

#include "windowdriver.h"

#include <QDockWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

class TestTimelineState : public QObject
{
    Q_OBJECT

    TestServer m_server;
    std::unique_ptr<MainWindow> m_window;

    // Every holder of the playhead agrees: the state, the timeline's line, the panel, the
    // instant LiveTrace shows the views.
    void verifyPlayheadEverywhere(qint64 ns)
    {
        MainWindow &w = *m_window;
        QCOMPARE(w.timelineState()->playheadNs(), ns);
        QCOMPARE(w.timeline()->playheadNs(), ns);
        QVERIFY(!w.loopStatePanel()->isFollowingLive());
        QCOMPARE(w.loopStatePanel()->playheadNs(), ns);
        QCOMPARE(w.liveTrace()->viewNs(), ns);
        QVERIFY(w.liveTrace()->isViewingPast());
    }

    void verifyLiveEverywhere()
    {
        MainWindow &w = *m_window;
        QVERIFY(w.timelineState()->isPlayheadLive());
        QCOMPARE(w.timeline()->playheadNs(), -1);
        QVERIFY(w.loopStatePanel()->isFollowingLive());
        QCOMPARE(w.liveTrace()->viewNs(), -1);
        QVERIFY(!w.liveTrace()->isViewingPast());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY2(m_server.start(0), qPrintable(m_server.errorString()));
        m_window = makeWindow(m_server);
        QSignalSpy finished(m_window.get(), &MainWindow::runFinished);
        typeAndRun(*m_window, serverUrl(m_server, u"/delay/0.3"_s), 4);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QVERIFY(m_window->liveTrace()->wholeTrace().isComplete());
    }

    void cleanupTestCase()
    {
        m_window.reset();
        QSettings().clear();
    }

    void theWindowsViewsShareOneState()
    {
        TimelineState *state = m_window->timelineState();
        QVERIFY(state);
        QCOMPARE(m_window->timeline()->timelineState(), state);
        QCOMPARE(m_window->loopStatePanel()->timelineState(), state);
    }

    void playheadSetOnTheStateMovesEveryView()
    {
        MainWindow &w = *m_window;
        w.timelineState()->setSelectedTask(0);
        QTRY_VERIFY(w.selectionDetails()->plainText().contains(u"ok"_s));
        const QImage overviewBefore = w.overview()->grab().toImage();

        // 50 ms: every task is suspended at its await, none finished.
        w.timelineState()->setPlayheadNs(50'000'000);
        verifyPlayheadEverywhere(50'000'000);
        QVERIFY2(w.loopStatePanel()->stateText().contains(u"Finished (0)"_s),
                 qPrintable(w.loopStatePanel()->stateText()));
        // The details and the overview show the run as it was then.
        QTRY_VERIFY2(!w.selectionDetails()->plainText().contains(u"ok"_s),
                     qPrintable(w.selectionDetails()->plainText()));
        w.overview()->rebuild();
        QVERIFY(w.overview()->grab().toImage() != overviewBefore);

        // Live again: the whole run everywhere.
        w.timelineState()->followPlayheadLive();
        verifyLiveEverywhere();
        QTRY_VERIFY(w.selectionDetails()->plainText().contains(u"ok"_s));
        w.timelineState()->setSelectedTask(-1);
    }

    void playheadMovedOnTheTimelinesAxisMovesTheOthers()
    {
        MainWindow &w = *m_window;
        w.loopStatePanel()->followLive();
        verifyLiveEverywhere();
        TimelineView *timeline = w.timeline();
        const QPoint onAxis(timeline->xForNs(100'000'000), timeline->axisHeight() / 2);
        QTest::mouseClick(timeline->viewport(), Qt::LeftButton, {}, onAxis);
        const qint64 ns = w.timelineState()->playheadNs();
        // Within a pixel of 100 ms.
        QVERIFY2(std::abs(ns - 100'000'000) <= 2 * timeline->coordinates().nsPerPixel(),
                 qPrintable(QString::number(ns)));
        verifyPlayheadEverywhere(ns);
        QVERIFY(w.findChild<QDockWidget *>(u"loopStateDock"_s)->isVisible());
    }

    void playheadMovedByThePanelMovesTheOthers()
    {
        MainWindow &w = *m_window;
        w.loopStatePanel()->toStart();
        verifyPlayheadEverywhere(0);
        w.loopStatePanel()->setPlayheadNs(200'000'000);
        verifyPlayheadEverywhere(200'000'000);
        w.loopStatePanel()->followLive();
        verifyLiveEverywhere();
    }

    // The selection and the visible range are the state's too.
    void selectionAndRangeAreShared()
    {
        MainWindow &w = *m_window;
        QSignalSpy selected(w.timeline(), &TimelineView::taskSelected);
        w.timelineState()->setSelectedTask(2);
        QCOMPARE(w.timeline()->selectedTask(), 2);
        QCOMPARE(selected.size(), 1);
        QTRY_VERIFY(w.selectionDetails()->plainText().contains(u"Task 2"_s)
                    || w.selectionDetails()->plainText().contains(u"#2"_s));
        w.timeline()->setSelectedTask(1);
        QCOMPARE(w.timelineState()->selectedTask(), 1);

        w.timeline()->setSelectedRange(10'000'000, 20'000'000);
        QCOMPARE(w.timelineState()->selectedRangeStartNs(), 10'000'000);
        QCOMPARE(w.timelineState()->selectedRangeEndNs(), 20'000'000);
        w.timelineState()->clearSelectedRange();
        QCOMPARE(w.timeline()->selectedRangeStartNs(), -1);

        w.timelineState()->setVisibleRange(50'000'000, 150'000'000);
        QCOMPARE(w.timeline()->coordinates().startNs(), 50'000'000);
        QCOMPARE(w.timeline()->coordinates().endNs(), 150'000'000);
        QVERIFY(!w.timeline()->followLive());
        QVERIFY(!w.timelineState()->followLive());
        w.timeline()->fit();
        QVERIFY(w.timelineState()->followLive());
        QCOMPARE(w.timelineState()->visibleStartNs(), w.timeline()->coordinates().startNs());
        QCOMPARE(w.timelineState()->visibleEndNs(), w.timeline()->coordinates().endNs());
    }
};

QTEST_MAIN(TestTimelineState)
#include "tst_timelinestate.moc"
