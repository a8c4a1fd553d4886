// The callout: what Concepts' Show me and a clicked diagnostic explain is drawn on the timeline
// beside the span or row they point at, follows scrolling and zooming, and goes with the
// highlight (Esc, the next Show me).
#include "conceptspanel.h"
#include "diagnosticspanel.h"
#include "livetrace.h"
#include "mainwindow.h"
#include "server/testserver.h"
#include "syntheticrun.h"
#include "timelineview.h"

#include "windowdriver.h"

#include <QApplication>
#include <QDockWidget>
#include <QListWidget>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {
constexpr int Tasks = 300;
const QColor CalloutFill(0xff, 0xf8, 0xc8);

bool near(QRgb a, const QColor &b)
{
    return std::abs(qRed(a) - b.red()) <= 2 && std::abs(qGreen(a) - b.green()) <= 2
        && std::abs(qBlue(a) - b.blue()) <= 2;
}

// The balloon points at `row`: it sits just below or just above it, and horizontally over the
// part of [startNs, endNs] in view.
bool besideRow(const TimelineView &view, const QRect &box, int task, qint64 startNs, qint64 endNs)
{
    const QRect row = view.rowRect(task);
    const bool below = box.top() > row.bottom() && box.top() - row.bottom() <= 12;
    const bool above = box.bottom() < row.top() && row.top() - box.bottom() <= 12;
    const int l = std::max(view.labelWidth(), view.xForNs(startNs));
    const int r = std::min(view.viewport()->width(), view.xForNs(endNs));
    return (below || above) && box.left() <= r && box.right() >= l;
}
} // namespace

class TestTimelineCallout : public QObject
{
    Q_OBJECT
private:
    LiveTrace *m_live = nullptr;
    TimelineView *m_view = nullptr;
    TestServer m_server;

    QImage grabViewport() { return m_view->viewport()->grab().toImage(); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(startWindowTests(m_server), qPrintable(m_server.errorString()));
    }
    void cleanupTestCase() { QSettings().clear(); }

    void init()
    {
        m_live = new LiveTrace(this);
        m_view = new TimelineView;
        m_view->resize(1000, 500);
        m_view->setLiveTrace(m_live);
        m_live->setTrace(CoroscopeTest::syntheticTrace(u"async"_s, Tasks));
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view));
    }
    void cleanup()
    {
        delete m_view;
        delete m_live;
    }

    void calloutIsBesideTheHighlightedSpan_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<int>("rowHeight");
        QTest::newRow("first row") << 0 << 0;
        QTest::newRow("middle row") << 150 << 0;
        QTest::newRow("last row: the balloon goes above") << Tasks - 1 << 0;
        QTest::newRow("one-pixel rows") << 150 << 1;
    }
    void calloutIsBesideTheHighlightedSpan()
    {
        QFETCH(int, task);
        QFETCH(int, rowHeight);
        m_view->setRowHeight(rowHeight);
        // The task's await: 0.7 to 2.1 ms after its creation at `task` ms.
        const qint64 start = qint64(task) * 1'000'000 + 700'000;
        const qint64 end = qint64(task) * 1'000'000 + 2'100'000;
        const QImage before = grabViewport();
        m_view->selectTasks({task});
        m_view->highlightRange(start, end);
        m_view->setVisibleRange(start - 5'000'000, end + 5'000'000);
        m_view->goToTask(task);
        QVERIFY(m_view->calloutRect().isEmpty()); // no text, no balloon
        m_view->setCallout(u"Task %1 waited here."_s.arg(task));
        const QRect box = m_view->calloutRect();
        QVERIFY(!box.isEmpty());
        QVERIFY(m_view->viewport()->rect().contains(box));
        QVERIFY2(besideRow(*m_view, box, task, start, end),
                 qPrintable(u"box %1,%2 %3x%4, row %5..%6"_s.arg(box.x())
                                .arg(box.y())
                                .arg(box.width())
                                .arg(box.height())
                                .arg(m_view->rowRect(task).top())
                                .arg(m_view->rowRect(task).bottom())));
        // It is painted there (its right margin holds no text).
        const QImage after = grabViewport();
        const QPoint inside(box.right() - 3, box.center().y());
        QVERIFY2(near(after.pixel(inside), CalloutFill),
                 qPrintable(QColor(after.pixel(inside)).name()));
        QVERIFY(!near(before.pixel(inside), CalloutFill));
    }

    void calloutFollowsScrollAndZoom()
    {
        const int task = 100;
        const qint64 start = task * 1'000'000LL + 700'000;
        const qint64 end = task * 1'000'000LL + 2'100'000;
        m_view->selectTasks({task});
        m_view->highlightRange(start, end);
        m_view->setCallout(u"Here."_s);
        m_view->setVisibleRange(start - 20'000'000, end + 20'000'000);
        m_view->scrollToRow(task - 5);
        const QRect box = m_view->calloutRect();
        QVERIFY(besideRow(*m_view, box, task, start, end));
        // Three rows further down, the balloon moves up with its row.
        m_view->scrollToRow(task - 8);
        const QRect scrolled = m_view->calloutRect();
        QCOMPARE(scrolled.top() - box.top(), 3 * m_view->rowHeight());
        QVERIFY(besideRow(*m_view, scrolled, task, start, end));
        // Zoomed in: still over the span.
        m_view->setVisibleRange(start - 1'000'000, end + 1'000'000);
        QVERIFY(besideRow(*m_view, m_view->calloutRect(), task, start, end));
        // Its row or its span out of view: no balloon pointing at nothing.
        m_view->scrollToRow(task + 40);
        QVERIFY(m_view->calloutRect().isEmpty());
        m_view->scrollToRow(task - 5);
        m_view->setVisibleRange(end + 50'000'000, end + 90'000'000);
        QVERIFY(m_view->calloutRect().isEmpty());
        m_view->setVisibleRange(start - 1'000'000, end + 1'000'000);
        QVERIFY(!m_view->calloutRect().isEmpty());
        QCOMPARE(m_view->callout(), u"Here."_s);
    }

    void calloutOnTheLoopRowWithoutTasks()
    {
        m_view->fit();
        m_view->highlightRange(0, m_live->nowNs());
        m_view->setCallout(u"The loop row."_s);
        const QRect box = m_view->calloutRect();
        QVERIFY(!box.isEmpty());
        // Under the loop row: above the first task row's middle, at most the lag lane between.
        QVERIFY(box.top() < m_view->rowRect(0).top() + 30);
    }

    void escClearsTheCallout()
    {
        m_view->selectTasks({3});
        m_view->highlightRange(3'000'000, 5'000'000);
        m_view->setCallout(u"Here."_s);
        QVERIFY(!m_view->calloutRect().isEmpty());
        m_view->setFocus();
        QTest::keyClick(m_view, Qt::Key_Escape);
        QVERIFY(!m_view->hasHighlight());
        QVERIFY(m_view->callout().isEmpty());
        QVERIFY(m_view->calloutRect().isEmpty());
    }

    // The window: Show me and a clicked diagnostic write their explanation beside what they
    // point at; Esc in the panel, or the next Show me, clears it.
    void showMeAndDiagnosticsExplainOnTheTimeline()
    {
        MainWindow window(&m_server);
        QVERIFY(CoroscopeTest::showActive(window));
        window.liveTrace()->setTrace(CoroscopeTest::syntheticTrace(u"async"_s, Tasks));
        TimelineView *timeline = window.timeline();

        window.showConcept(ConceptsPanel::Concept::Await);
        const QString await = timeline->callout();
        QVERIFY2(await.contains(u"await reply"_s), qPrintable(await));
        QCOMPARE(window.statusBar()->currentMessage(), await);
        const int task = timeline->selectedTask();
        QVERIFY(task >= 0);
        QVERIFY(!timeline->calloutRect().isEmpty());
        const QRect row = timeline->rowRect(task);
        const QRect box = timeline->calloutRect();
        QVERIFY(box.top() > row.bottom() ? box.top() - row.bottom() <= 12
                                         : row.top() - box.bottom() <= 12);

        // The next Show me replaces it.
        window.showConcept(ConceptsPanel::Concept::EventLoop);
        QVERIFY(timeline->callout() != await);
        QVERIFY(!timeline->callout().isEmpty());
        QVERIFY(!timeline->calloutRect().isEmpty());

        // Esc where the Show me link was clicked clears it.
        QWidget *concepts = window.conceptsPanel();
        window.findChild<QDockWidget *>(u"conceptsDock"_s)->raise();
        concepts->setFocus();
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : concepts,
                        Qt::Key_Escape);
        QVERIFY(timeline->callout().isEmpty());
        QVERIFY(!timeline->hasHighlight());

        // A clicked diagnostic: its sentence beside its task.
        DiagnosticsPanel *diagnostics = window.diagnosticsPanel();
        Diagnostic d;
        d.severity = Diagnostic::Severity::Warning;
        d.text = u"Task 42 waited for a connection."_s;
        d.tasks = {42};
        d.startNs = 42'000'000;
        d.endNs = 42'500'000;
        diagnostics->setDiagnostics({d}, true);
        diagnostics->activate(0);
        QCOMPARE(timeline->callout(), d.text);
        QVERIFY(!timeline->calloutRect().isEmpty());
        // Selecting another task moves on: the highlight and its explanation go.
        timeline->setSelectedTask(43);
        QVERIFY(timeline->callout().isEmpty());
    }

    // With COROSCOPE_SCREENSHOT_DIR set: the window after the default run with Show me's
    // balloon, in English and Chinese (callout-en.png, callout-zh_CN.png), to look at.
    void screenshots()
    {
        const QString dir = qEnvironmentVariable("COROSCOPE_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("COROSCOPE_SCREENSHOT_DIR is not set");
        for (const QString &language : {u"en"_s, u"zh_CN"_s}) {
            MainWindow::applyLanguage(language);
            const auto window = CoroscopeTest::makeWindow(m_server, QSize(1400, 900));
            QVERIFY(QTest::qWaitForWindowExposed(window.get()));
            QSignalSpy finished(window.get(), &MainWindow::runFinished);
            window->startRun();
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
            QTest::qWait(700); // the throttled strip, charts and diagnostics settle
            window->showConcept(ConceptsPanel::Concept::Await);
            window->findChild<QDockWidget *>(u"conceptsDock"_s)->raise();
            QTest::qWait(50);
            const QString path = dir + u"/callout-"_s + language + u".png"_s;
            QVERIFY2(window->grab().save(path), qPrintable(path));
            qInfo("saved %s", qPrintable(path));
        }
        MainWindow::applyLanguage(u"en"_s);
    }
};

QTEST_MAIN(TestTimelineCallout)
#include "tst_timelinecallout.moc"
