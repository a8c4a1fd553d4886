// Navigating a large run: go to task, search, row height zoom (down to density rows), the
// overview strip, W/A/S/D, Tab focus, Shift+drag ranges, the Details panel and the image scopes.
#include "livetrace.h"
#include "mainwindow.h"
#include "selectiondetails.h"
#include "server/testserver.h"
#include "statestyle.h"
#include "timelinefindbar.h"
#include "timelineoverview.h"
#include "timelineview.h"

#include "traceevents.h"
#include "windowdriver.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QVBoxLayout>
#include <QWheelEvent>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 Ms = 1'000'000;
constexpr int Tasks = 2000;

// `tasks` tasks created 1 ms apart: pending 1 ms for a connection, running 1 ms, `await reply`
// for 100 ms, running 1 ms, finished. Every 7th fetches /status/500 and fails with "Connection
// refused"; every 100th instead awaits "await sleep".
Trace bigTrace(int tasks = Tasks)
{
    Trace t;
    t.strategy = u"async"_s;
    t.urls = {u"http://127.0.0.1:8080/delay/1"_s, u"http://127.0.0.1:8080/status/500"_s};
    t.labels = {QString(), u"await reply"_s, u"await connection"_s, u"await sleep"_s};
    t.tasks.resize(tasks);
    QList<CoroscopeTest::Ev> events;
    for (quint32 i = 0; i < quint32(tasks); ++i) {
        using CoroscopeTest::Ev;
        const double c = i; // ms
        const quint16 await = i % 100 == 50 ? 3 : 1;
        events << Ev{c, i, EventKind::Created} << Ev{c + 1, i, EventKind::Admitted, 2}
               << Ev{c + 2, i, EventKind::Suspended, await}
               << Ev{c + 102, i, EventKind::Resumed, await} << Ev{c + 103, i, EventKind::Finished};
        TaskInfo &info = t.tasks[i];
        info.urlIndex = i % 7 == 0 ? 1 : 0;
        info.result = i % 7 == 0 ? TaskResult::Error : TaskResult::Ok;
        info.error = i % 7 == 0 ? u"Connection refused"_s : QString();
    }
    CoroscopeTest::appendSortedEvents(t, events);
    t.endNs = t.events.constLast().ns;
    return t;
}

bool near(QRgb a, const QColor &b)
{
    return std::abs(qRed(a) - b.red()) <= 2 && std::abs(qGreen(a) - b.green()) <= 2
        && std::abs(qBlue(a) - b.blue()) <= 2;
}
} // namespace

class TestTimelineNavigation : public QObject
{
    Q_OBJECT
private:
    QWidget *m_window = nullptr;
    QLineEdit *m_before = nullptr; // the focus stop before the timeline
    TimelineOverview *m_overview = nullptr;
    TimelineView *m_view = nullptr;
    TimelineFindBar *m_findBar = nullptr;
    SelectionDetails *m_details = nullptr;
    LiveTrace *m_live = nullptr;

    QImage grabViewport() { return m_view->viewport()->grab().toImage(); }
    // To look at them: COROSCOPE_TEST_IMAGES=DIR keeps images of what the tests see there.
    static void keep(const QImage &image, const QString &name)
    {
        if (const QString dir = qEnvironmentVariable("COROSCOPE_TEST_IMAGES"); !dir.isEmpty())
            image.save(dir + u'/' + name + u".png"_s);
    }
    // Qt 6.4's QTest has no wheel helper.
    void wheel(QWidget *widget, const QPoint &pos, int dy, Qt::KeyboardModifiers modifiers)
    {
        QWheelEvent event(pos, widget->mapToGlobal(pos), QPoint(), QPoint(0, dy), Qt::NoButton,
                          modifiers, Qt::NoScrollPhase, false);
        QCoreApplication::sendEvent(widget, &event);
    }

private Q_SLOTS:
    void init()
    {
        m_live = new LiveTrace(this);
        m_window = new QWidget;
        auto *layout = new QVBoxLayout(m_window);
        m_before = new QLineEdit(m_window);
        m_overview = new TimelineOverview(m_window);
        m_view = new TimelineView(m_window);
        m_findBar = new TimelineFindBar(m_window);
        m_details = new SelectionDetails(m_window);
        layout->addWidget(m_before);
        layout->addWidget(m_overview);
        layout->addWidget(m_view, 1);
        layout->addWidget(m_findBar);
        layout->addWidget(m_details);
        m_details->setMaximumHeight(200);
        m_view->setLiveTrace(m_live);
        m_overview->setTimeline(m_view);
        m_findBar->setTimeline(m_view);
        m_details->setTimeline(m_view);
        m_live->setTrace(bigTrace());
        m_window->resize(1000, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowActive(m_window));
        m_before->setFocus();
        // These tests start from full rows, as chosen by a user for this run: 2,000 tasks
        // would otherwise fit the view as a density image (rowHeightFitsEachRun).
        m_view->setRowHeight(0);
    }
    void cleanup()
    {
        delete m_window;
        delete m_live;
    }

    void goToTaskCentresAndSelects_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<bool>("centred"); // the first and last rows cannot be
        QTest::newRow("the first") << 0 << false;
        QTest::newRow("one in the middle of the run") << 1000 << true;
        QTest::newRow("one far down") << 1873 << true;
        QTest::newRow("the last") << Tasks - 1 << false;
    }
    void goToTaskCentresAndSelects()
    {
        QFETCH(int, task);
        QFETCH(bool, centred);
        QSignalSpy selected(m_view, &TimelineView::taskSelected);
        m_findBar->openGoTo();
        QVERIFY(m_findBar->isVisible());
        QVERIFY(m_findBar->lineEdit()->hasFocus());
        QTest::keyClicks(m_findBar->lineEdit(), QString::number(task));
        QTest::keyClick(m_findBar->lineEdit(), Qt::Key_Return);
        QCOMPARE(m_view->selectedTask(), task);
        QCOMPARE(selected.size(), 1);
        QVERIFY(!m_findBar->isVisible());
        QVERIFY(m_view->hasFocus());
        const QRect row = m_view->rowRect(task);
        QVERIFY(m_view->viewport()->rect().contains(row));
        if (centred) {
            const int rowsTop = m_view->rowRect(0).top() + m_view->verticalScrollBar()->value();
            const int middle = (rowsTop + m_view->viewport()->height()) / 2;
            QVERIFY2(std::abs(row.center().y() - middle) <= m_view->rowHeight(),
                     qPrintable(u"%1 vs %2"_s.arg(row.center().y()).arg(middle)));
        }
    }

    void goToRejectsWhatIsNotATask()
    {
        m_view->setSelectedTask(5);
        m_findBar->openGoTo();
        QTest::keyClicks(m_findBar->lineEdit(), u"2000"_s);
        QTest::keyClick(m_findBar->lineEdit(), Qt::Key_Return);
        QCOMPARE(m_view->selectedTask(), 5);
        QVERIFY(m_findBar->isVisible());
        QVERIFY(m_findBar->findChild<QLabel *>(u"findStatus"_s)->text().contains(u"1999"_s));
    }

    void search_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("matches");
        QTest::newRow("a URL, any case") << u"STATUS/500"_s << (Tasks + 6) / 7;
        QTest::newRow("an error text") << u"refused"_s << (Tasks + 6) / 7;
        QTest::newRow("an await label") << u"await sleep"_s << Tasks / 100;
        QTest::newRow("a label every task has") << u"await"_s << Tasks;
        QTest::newRow("nothing") << u"no such thing"_s << 0;
    }
    void search()
    {
        QFETCH(QString, text);
        QFETCH(int, matches);
        m_findBar->openFind();
        QTest::keyClicks(m_findBar->lineEdit(), text);
        QCOMPARE(m_findBar->matches().size(), matches);
        QCOMPARE(m_view->searchMatches().size(), matches);
        auto *status = m_findBar->findChild<QLabel *>(u"findStatus"_s);
        if (matches == 0) {
            QCOMPARE(status->text(), u"No matches"_s);
            QTest::keyClick(m_findBar->lineEdit(), Qt::Key_Return);
            QCOMPARE(m_view->selectedTask(), -1);
            return;
        }
        // Enter: the first match, selected and in the middle; again: the next; Shift: back.
        QTest::keyClick(m_findBar->lineEdit(), Qt::Key_Return);
        const int first = m_findBar->matches().at(0);
        QCOMPARE(m_view->selectedTask(), first);
        QCOMPARE(status->text(), u"1 of %1"_s.arg(QLocale().toString(matches)));
        QVERIFY(m_view->viewport()->rect().contains(m_view->rowRect(first)));
        if (matches > 1) {
            QTest::keyClick(m_findBar->lineEdit(), Qt::Key_Return);
            QCOMPARE(m_view->selectedTask(), m_findBar->matches().at(1));
            QCOMPARE(status->text(), u"2 of %1"_s.arg(QLocale().toString(matches)));
        }
        QTest::keyClick(m_findBar->lineEdit(), Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(m_view->selectedTask(), first);
        // Backwards from the first wraps to the last (F3's slot, as the window's action calls).
        m_findBar->findPrevious();
        QCOMPARE(m_view->selectedTask(), m_findBar->matches().constLast());
        QTest::keyClick(m_findBar->lineEdit(), Qt::Key_Escape);
        QVERIFY(!m_findBar->isVisible());
        QVERIFY(m_view->searchMatches().isEmpty());
    }

    void matchesAreTinted()
    {
        const QImage before = grabViewport();
        m_view->setSearchMatches({3});
        const QImage after = grabViewport();
        // The row's background: long after the task finished (at 106 ms), nothing covers it.
        const int x = m_view->xForNs(1530 * Ms); // off the grid lines
        const QPoint at(x, m_view->rowRect(3).center().y());
        QVERIFY2(before.pixel(at) != after.pixel(at),
                 qPrintable(
                     u"%1 at %2,%3"_s.arg(QColor(after.pixel(at)).name()).arg(at.x()).arg(at.y())));
        const QPoint other(x, m_view->rowRect(4).center().y());
        QCOMPARE(before.pixel(other), after.pixel(other));
    }

    void rowHeightZoom()
    {
        const int full = m_view->fullRowHeight();
        QCOMPARE(m_view->rowHeight(), full);
        QVERIFY(!m_view->compactRows());
        QSignalSpy changed(m_view, &TimelineView::rowHeightChanged);
        // Ctrl+wheel over the row labels: shorter rows, step by step, down to 1 px.
        const QPoint labels(20, m_view->viewport()->height() / 2);
        QList<int> heights{full};
        for (int i = 0; i < 10; ++i) {
            wheel(m_view->viewport(), labels, -120, Qt::ControlModifier);
            heights.append(m_view->rowHeight());
        }
        QCOMPARE(m_view->rowHeight(), 1);
        QVERIFY(m_view->compactRows());
        QCOMPARE(changed.size(), m_view->rowHeightSteps().size() - 1);
        QVERIFY(std::is_sorted(heights.crbegin(), heights.crend()));
        // 1 px rows: a screenful shows hundreds of tasks.
        QVERIFY(m_view->visibleRowCount() > 300);
        // Up again with the slot the View menu's Taller Rows calls.
        m_view->tallerRows();
        QCOMPARE(m_view->rowHeight(), 2);
        m_view->setRowHeight(0);
        QCOMPARE(m_view->rowHeight(), full);
    }

    void onePixelRowsAreADensityImage()
    {
        m_view->setRowHeight(1);
        m_view->goToTask(1000);
        const QImage image = grabViewport();
        // Task 1000 awaits from 1002 to 1102 ms: its pixel row is the suspended colour there.
        const int y = m_view->rowRect(1000).top();
        const QColor suspended = StateStyle::stateColor(SegmentState::Suspended);
        QVERIFY2(near(image.pixel(m_view->xForNs(1050 * Ms), y), suspended),
                 qPrintable(QColor(image.pixel(m_view->xForNs(1050 * Ms), y)).name()));
        // Before its creation the row is empty: not a state colour.
        QVERIFY(!near(image.pixel(m_view->xForNs(200 * Ms), y), suspended));
        // The tooltip still knows the row under the pointer.
        QCOMPARE(m_view->taskAt(QPoint(m_view->xForNs(1050 * Ms), y)), 1000);
    }

    // Small rows label a row axis: the top label (#0) is whole, not cut by the rows' top edge,
    // at every row height below the full one.
    void rowAxisLabelsAreWhole_data()
    {
        QTest::addColumn<int>("rowHeight");
        for (const int px : {1, 2, 3, 4, 6, 8, 12})
            QTest::addRow("%d px", px) << px;
    }
    void rowAxisLabelsAreWhole()
    {
        QFETCH(int, rowHeight);
        m_view->setRowHeight(rowHeight);
        QVERIFY(m_view->compactRows());
        m_view->scrollToRow(0);
        const QImage image = grabViewport();
        keep(image, u"rowaxis-%1px"_s.arg(rowHeight));
        const QFontMetrics fm = m_view->fontMetrics();
        const int rowsTop = m_view->rowRect(0).top();
        const QColor base = m_view->palette().color(QPalette::Base);
        // The label's ink: the pixel rows under the rows' top edge where "#0" left a mark.
        int first = -1;
        int last = -1;
        for (int y = rowsTop; y < rowsTop + fm.height(); ++y) {
            for (int x = 28; x < 30 + fm.horizontalAdvance(u"#0"_s); ++x) {
                if (!near(image.pixel(x, y), base)) {
                    first = first < 0 ? y : first;
                    last = y;
                    break;
                }
            }
        }
        QVERIFY2(first >= 0 && last - first + 1 >= fm.capHeight() * 0.8,
                 qPrintable(
                     u"ink rows %1..%2, cap height %3"_s.arg(first).arg(last).arg(fm.capHeight())));
    }

    void overviewDragScrolls()
    {
        m_view->setVisibleRange(0, 200 * Ms);
        QCOMPARE(m_view->firstVisibleRow(), 0);
        const QRect window = m_overview->windowRect();
        QVERIFY(!window.isEmpty());
        QVERIFY(window.width() < m_overview->width() / 2);
        const QPoint grab = window.center();
        const QPoint to = grab + QPoint(200, 20);
        QTest::mousePress(m_overview, Qt::LeftButton, {}, grab);
        QTest::mouseMove(m_overview, grab + QPoint(100, 10));
        QTest::mouseMove(m_overview, to);
        QTest::mouseRelease(m_overview, Qt::LeftButton, {}, to);
        QVERIFY2(m_view->coordinates().startNs() > 400 * Ms,
                 qPrintable(QString::number(m_view->coordinates().startNs())));
        QCOMPARE(m_view->coordinates().spanNs(), 200 * Ms);
        QVERIFY(m_view->firstVisibleRow() > 100);
        QVERIFY(!m_view->followLive());
        // The window followed the hand.
        QVERIFY(std::abs(m_overview->windowRect().center().x() - to.x()) <= 3);
    }

    void overviewClickCentres()
    {
        m_view->setVisibleRange(0, 200 * Ms);
        const QRect window = m_overview->windowRect();
        const QPoint click(m_overview->width() - 200, window.center().y());
        QTest::mouseClick(m_overview, Qt::LeftButton, {}, click);
        QVERIFY(std::abs(m_overview->windowRect().center().x() - click.x()) <= 3);
    }

    void overviewImageIsCached()
    {
        m_overview->repaint();
        const int rebuilt = m_overview->rebuildCount();
        for (int i = 0; i < 5; ++i) {
            m_view->scrollToRow(i * 100);
            m_overview->repaint();
        }
        QCOMPARE(m_overview->rebuildCount(), rebuilt);
        m_live->setTrace(bigTrace(100)); // a new trace is drawn at once
        m_overview->repaint();
        QCOMPARE(m_overview->rebuildCount(), rebuilt + 1);
    }

    void tabReachesTheTimelineAndShowsIt()
    {
        QVERIFY(m_before->hasFocus());
        const QImage unfocused = grabViewport();
        QTest::keyClick(m_before, Qt::Key_Tab);
        QVERIFY(m_view->hasFocus());
        const QImage focused = grabViewport();
        keep(focused, u"focused"_s);
        // The focus frame: the viewport's edge in the highlight colour.
        const QColor highlight = m_view->palette().color(QPalette::Highlight);
        const QPoint edge(m_view->viewport()->width() / 2, 1);
        QVERIFY(near(focused.pixel(edge), highlight));
        QVERIFY(!near(unfocused.pixel(edge), highlight));
    }

    void wasdZoomsAndPans_data()
    {
        QTest::addColumn<int>("key");
        QTest::addColumn<int>("spanChange"); // sign
        QTest::addColumn<int>("startChange");
        QTest::newRow("W zooms in") << int(Qt::Key_W) << -1 << 1;
        QTest::newRow("S zooms out") << int(Qt::Key_S) << 1 << -1;
        QTest::newRow("D pans to later times") << int(Qt::Key_D) << 0 << 1;
        QTest::newRow("A pans to earlier times") << int(Qt::Key_A) << 0 << -1;
    }
    void wasdZoomsAndPans()
    {
        QFETCH(int, key);
        QFETCH(int, spanChange);
        QFETCH(int, startChange);
        m_view->setVisibleRange(800 * Ms, 1200 * Ms);
        m_view->setFocus();
        const qint64 span = m_view->coordinates().spanNs();
        const qint64 start = m_view->coordinates().startNs();
        QTest::keyClick(m_view, Qt::Key(key));
        auto sign = [](qint64 v) { return v > 0 ? 1 : v < 0 ? -1 : 0; };
        QCOMPARE(sign(m_view->coordinates().spanNs() - span), spanChange);
        QCOMPARE(sign(m_view->coordinates().startNs() - start), startChange);
    }

    void shiftDragSelectsARange()
    {
        QSignalSpy range(m_view, &TimelineView::rangeSelected);
        const int y = m_view->rowRect(0).center().y();
        const QPoint from(m_view->xForNs(500 * Ms), y);
        const QPoint to(m_view->xForNs(1000 * Ms), y);
        QTest::mousePress(m_view->viewport(), Qt::LeftButton, Qt::ShiftModifier, from);
        QTest::mouseMove(m_view->viewport(), to);
        QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, Qt::ShiftModifier, to);
        QVERIFY(!range.isEmpty());
        m_view->setRowHeight(4);
        keep(m_window->grab().toImage(), u"range-4px"_s);
        m_view->setRowHeight(0);
        const double nsPerPixel = m_view->coordinates().nsPerPixel();
        QVERIFY(std::abs(m_view->selectedRangeStartNs() - 500 * Ms) <= 2 * nsPerPixel);
        QVERIFY(std::abs(m_view->selectedRangeEndNs() - 1000 * Ms) <= 2 * nsPerPixel);
        // Panning did not happen: the range is a selection, not a drag.
        QVERIFY(m_view->followLive());
        // The Details panel says what happened in it: ~500 tasks started (one per ms).
        const QString text = m_details->plainText();
        QVERIFY2(text.contains(u"Tasks started"_s), qPrintable(text));
        QVERIFY(text.contains(u"Loop busy"_s));
        QTest::keyClick(m_view, Qt::Key_Escape);
        QCOMPARE(m_view->selectedRangeStartNs(), -1);
    }

    void rangeSummaryCounts()
    {
        // Tasks 10..19 are created in [10 ms, 19.5 ms]; 0..9 finish at 103..112 ms.
        const QString html = m_details->rangeHtml(10 * Ms, 19 * Ms + Ms / 2);
        QVERIFY(html.contains(u"Tasks started</td><td>10<"_s));
        const QString finished = m_details->rangeHtml(103 * Ms, 112 * Ms + Ms / 2);
        QVERIFY2(finished.contains(u"Tasks finished</td><td>10<"_s), qPrintable(finished));
    }

    void detailsOfTheSelectedTask()
    {
        m_view->setSelectedTask(7);
        const QString text = m_details->plainText();
        QVERIFY2(text.contains(u"Task #7"_s), qPrintable(text));
        QVERIFY(text.contains(u"/status/500"_s));
        QVERIFY(text.contains(u"Connection refused"_s));
        QVERIFY(text.contains(u"await reply"_s));
        QVERIFY(text.contains(u"Segments (4)"_s));
    }

    void imageScopes()
    {
        const QImage visible = m_view->renderImage(TimelineView::ImageScope::Visible);
        QCOMPARE(visible.size(), m_view->viewport()->size());
        // 2,000 full rows would be ~40,000 px: compressed into small rows.
        const QImage whole = m_view->renderImage(TimelineView::ImageScope::WholeRun);
        QVERIFY(whole.height() <= TimelineView::MaxScaledHeight);
        QVERIFY(whole.height() >= Tasks);
        // 10,000 tasks: several per pixel row, still a sane height.
        m_live->setTrace(bigTrace(10'000));
        const QImage dense = m_view->renderImage(TimelineView::ImageScope::WholeRun);
        // To look at them: COROSCOPE_TEST_IMAGES=DIR keeps the images there.
        if (const QString dir = qEnvironmentVariable("COROSCOPE_TEST_IMAGES"); !dir.isEmpty()) {
            whole.save(dir + u"/whole-2000.png"_s);
            dense.save(dir + u"/whole-10000.png"_s);
            visible.save(dir + u"/visible.png"_s);
        }
        QVERIFY(dense.height() <= TimelineView::MaxScaledHeight);
        QVERIFY(dense.height() > 1000);
        // A short run keeps its full rows, labels and all.
        m_live->setTrace(bigTrace(20));
        const QImage small = m_view->renderImage(TimelineView::ImageScope::WholeRun);
        QCOMPARE(small.height(),
                 m_view->rowRect(19).bottom() + 1 + m_view->verticalScrollBar()->value());
    }

    // The window: Tab reaches the timeline; Ctrl+G, Ctrl+F and [ reach the pieces above.
    void windowWiring()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        TestServer server;
        QVERIFY2(server.start(0), qPrintable(server.errorString()));
        MainWindow window(&server);
        QVERIFY(CoroscopeTest::showActive(window));
        window.liveTrace()->setTrace(bigTrace(500));
        QVERIFY(window.overview()->isVisible());
        QVERIFY(window.findChild<QDockWidget *>(u"detailsDock"_s));

        bool reached = false;
        for (int i = 0; i < 100 && !reached; ++i) {
            QWidget *focus = QApplication::focusWidget();
            QTest::keyClick(focus ? focus : &window, Qt::Key_Tab);
            reached = window.timeline()->hasFocus();
        }
        QVERIFY(reached);

        QTest::keyClick(window.timeline(), Qt::Key_G, Qt::ControlModifier);
        QVERIFY(window.findBar()->isVisible());
        QCOMPARE(window.findBar()->mode(), TimelineFindBar::Mode::GoTo);
        QTest::keyClicks(window.findBar()->lineEdit(), u"321"_s);
        QTest::keyClick(window.findBar()->lineEdit(), Qt::Key_Return);
        QCOMPARE(window.timeline()->selectedTask(), 321);
        QVERIFY(window.timeline()->hasFocus());
        QVERIFY(window.selectionDetails()->plainText().contains(u"Task #321"_s));

        QTest::keyClick(window.timeline(), Qt::Key_F, Qt::ControlModifier);
        QCOMPARE(window.findBar()->mode(), TimelineFindBar::Mode::Find);
        QVERIFY(window.findBar()->lineEdit()->hasFocus());
        QTest::keyClick(window.findBar()->lineEdit(), Qt::Key_Escape);
        QVERIFY(window.timeline()->hasFocus());

        // 500 tasks fit in small rows; ] and [ make them taller and shorter.
        const int full = window.timeline()->fullRowHeight();
        const int fitting = window.timeline()->rowHeight();
        QVERIFY2(fitting < full, qPrintable(QString::number(fitting)));
        QVERIFY(!window.timeline()->rowHeightChosen());
        QTest::keyClick(window.timeline(), Qt::Key_BracketRight);
        QVERIFY(window.timeline()->rowHeight() > fitting);
        QVERIFY(window.timeline()->rowHeightChosen());
        QTest::keyClick(window.timeline(), Qt::Key_BracketLeft);
        QCOMPARE(window.timeline()->rowHeight(), fitting);
        // Down to a pixel for this run; the next run (10 tasks) gets full rows again.
        for (int i = 0; i < 6; ++i)
            QTest::keyClick(window.timeline(), Qt::Key_BracketLeft);
        QCOMPARE(window.timeline()->rowHeight(), 1);
        window.liveTrace()->setTrace(bigTrace(10));
        QCOMPARE(window.timeline()->rowHeight(), full);
        QVERIFY(!window.timeline()->compactRows());
        QSettings().clear();
    }

    // Each run gets the row height that fits it: a height fitted to or chosen for a
    // 10,000-task run (1 px) made the next 10-task run a 10 px strip labelled "#0".
    void fittingRowHeight_data()
    {
        QTest::addColumn<int>("tasks");
        QTest::addColumn<int>("area");
        QTest::addColumn<int>("expected");
        const int full = 18;
        QTest::newRow("10 tasks: full rows") << 10 << 400 << full;
        QTest::newRow("a tutorial's 200 tasks: full rows, scrolled")
            << TimelineView::FullRowsUpTo << 100 << full;
        QTest::newRow("300 tasks in 4 tall screens: full rows") << 300 << 1400 << full;
        QTest::newRow("500 tasks: the tallest step in 4 screens") << 500 << 400 << 2;
        QTest::newRow("300 tasks: 4 px") << 300 << 300 << 4;
        QTest::newRow("10,000 tasks: 1 px") << 10'000 << 400 << 1;
        QTest::newRow("100,000 tasks: still 1 px") << 100'000 << 400 << 1;
        QTest::newRow("not laid out yet: full rows") << 10'000 << 0 << full;
    }
    void fittingRowHeight()
    {
        QFETCH(int, tasks);
        QFETCH(int, area);
        QFETCH(int, expected);
        QCOMPARE(TimelineView::fittingRowHeight(tasks, area, 18), expected);
    }

    void rowHeightFitsEachRun()
    {
        const int full = m_view->fullRowHeight();
        // A 10,000-task run fits as one pixel per task, without anyone asking.
        m_live->setTrace(bigTrace(10'000));
        QCOMPARE(m_view->rowHeight(), 1);
        QVERIFY(!m_view->rowHeightChosen());
        // Then 10 tasks in the same view: readable rows, labels and all.
        m_live->setTrace(bigTrace(10));
        QCOMPARE(m_view->rowHeight(), full);
        QVERIFY(!m_view->compactRows());
        QCOMPARE(m_view->rowRect(9).height(), full);

        // A height the user chose holds for that run only: resizing keeps it...
        m_view->setRowHeight(4);
        m_window->resize(1000, 500);
        QTRY_COMPARE(m_view->height() < 500, true);
        QCOMPARE(m_view->rowHeight(), 4);
        // ...the next run gets its own.
        m_live->setTrace(bigTrace(10'000));
        QCOMPARE(m_view->rowHeight(), 1);
        m_view->setRowHeight(1);
        m_live->setTrace(bigTrace(10));
        QCOMPARE(m_view->rowHeight(), full);
        QVERIFY(!m_view->rowHeightChosen());
        // A run's rows stay fitted as the view changes size.
        m_live->setTrace(bigTrace(300));
        const int small = m_view->rowHeight();
        QVERIFY2(small < full, qPrintable(QString::number(small)));
        m_window->resize(1000, 3000);
        QTRY_COMPARE(m_view->rowHeight(), full);
    }
};

QTEST_MAIN(TestTimelineNavigation)
#include "tst_timelinenavigation.moc"
