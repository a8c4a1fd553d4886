#include "livetrace.h"
#include "statestyle.h"
#include "syntheticrun.h"
#include "timelineview.h"
#include "trace/phases.h"

#include "traceevents.h"

#include <QFileInfo>
#include <QPainter>
#include <QScrollBar>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Coroscope;
using namespace Qt::StringLiterals;
using CoroscopeTest::Ev;

namespace {
constexpr qint64 Ms = 1'000'000;

// Four tasks that each show one thing: ok after a long await (its request named, queued at the
// server), an error (the server claims a longer queue than the task waited), a long pending wait
// that ends in a timeout, a task cancelled while pending. Plus loop lag and "all done".
Trace sampleTrace()
{
    Trace t;
    t.strategy = u"async"_s;
    t.urls = {u"http://127.0.0.1:8080/delay/1"_s, u"http://127.0.0.1:8080/status/500"_s};
    t.labels
        = {QString(), u"await reply"_s, u"await connection"_s, u"QNetworkAccessManager::get"_s};
    t.tasks.resize(4);
    t.tasks[1].urlIndex = 1;
    using K = EventKind;
    const QList<Ev> events{
        {0, 0, K::Created},           {0, 1, K::Created},
        {0, 2, K::Created},           {0, 3, K::Created},
        {0, 0, K::Admitted},          {0, 0, K::Doing, 3},
        {5, 1, K::Admitted},          {10, 0, K::Suspended, 1},
        {20, 1, K::Suspended, 1},     {50, LoopTask, K::LagSample, 0, 40'000},
        {300, 1, K::Resumed, 1},      {305, 1, K::Finished},
        {400, 3, K::Finished},        {800, 2, K::Admitted, 2},
        {810, 2, K::Suspended, 1},    {1000, 0, K::Resumed, 1},
        {1010, 0, K::Finished},       {1012, 0, K::DoneCallback},
        {1500, 2, K::Resumed, 1},     {1510, 2, K::Finished},
        {1510, LoopTask, K::AllDone},
    };
    CoroscopeTest::appendEvents(t, events);
    t.tasks[0].result = TaskResult::Ok;
    t.tasks[0].httpStatus = 200;
    t.tasks[0].bytes = 1234;
    t.tasks[0].serverQueuedMs = 400;
    t.tasks[0].serverActive = 3;
    t.tasks[0].serverCapacity = 2;
    t.tasks[1].serverQueuedMs = 5000; // it waited 280 ms: the tooltip trusts no more
    t.tasks[1].result = TaskResult::Error;
    t.tasks[1].httpStatus = 500;
    t.tasks[1].error = u"Internal Server Error"_s;
    t.tasks[2].result = TaskResult::Timeout;
    t.tasks[3].result = TaskResult::Cancelled;
    t.endNs = 1600 * Ms;
    return t;
}

// The same run stopped by the user at 700 ms: task 2, still pending for a connection, is
// cancelled there, and there is no "all done".
Trace stoppedTrace()
{
    Trace t = sampleTrace();
    t.events.erase(std::remove_if(t.events.begin(), t.events.end(),
                                  [](const TraceEvent &e) {
                                      return e.ns > 700 * Ms || e.kind == EventKind::AllDone;
                                  }),
                   t.events.end());
    t.events.append(TraceEvent{700 * Ms, LoopTask, EventKind::Stopped, 0, 0, 0});
    t.events.append(TraceEvent{701 * Ms, 0, EventKind::Finished, 0, 0, 0});
    t.events.append(TraceEvent{701 * Ms, 2, EventKind::Finished, 0, 2, 0});
    t.tasks[0].result = TaskResult::Cancelled;
    t.tasks[0].httpStatus = 0;
    t.tasks[2].result = TaskResult::Cancelled;
    t.endNs = 702 * Ms;
    return t;
}

// Requests with Qt's network moments inside `await reply` (trace/phases.h):
// 0: a new connection, the server queued it 200 ms: queued 10, connect 10, server queue 200,
//    waiting 300, receiving 200, resume 10 (10-740 ms);
// 1: a reused connection (the server's word) resumed late by a busy loop: queued 290, waiting
//    300, receiving 10, resume 290 (10-900 ms);
// 2: an await without any moment: no phases;
// 3: moments but nobody said whether the connection was new: queued 90, waiting 400,
//    receiving 100, resume 10 (10-610 ms).
Trace phasesTrace()
{
    Trace t;
    t.strategy = u"async"_s;
    t.urls = {u"http://127.0.0.1:8080/delay/0.5"_s};
    t.labels = {QString(),
                u"await reply"_s,
                QLatin1String(NetworkMoment::Connecting),
                QLatin1String(NetworkMoment::RequestSent),
                QLatin1String(NetworkMoment::Headers),
                QLatin1String(NetworkMoment::Finished)};
    enum : quint16 { Reply = 1, Connecting, Sent, Headers, Done };
    t.tasks.resize(4);
    using K = EventKind;
    QList<Ev> events;
    for (quint32 task = 0; task < 4; ++task)
        events += {{0, task, K::Created}, {0, task, K::Admitted}, {10, task, K::Suspended, Reply}};
    events += {
        {20, 0, K::Network, Connecting}, {30, 0, K::Network, Sent},
        {530, 0, K::Network, Headers},   {730, 0, K::Network, Done},
        {740, 0, K::Resumed, Reply},     {750, 0, K::Finished},
        {300, 1, K::Network, Sent},      {600, 1, K::Network, Headers},
        {610, 1, K::Network, Done},      {900, 1, K::Resumed, Reply},
        {910, 1, K::Finished},           {1000, 2, K::Resumed, Reply},
        {1010, 2, K::Finished},          {100, 3, K::Network, Sent},
        {500, 3, K::Network, Headers},   {600, 3, K::Network, Done},
        {610, 3, K::Resumed, Reply},     {620, 3, K::Finished},
    };
    CoroscopeTest::appendSortedEvents(t, events);
    for (TaskInfo &info : t.tasks) {
        info.result = TaskResult::Ok;
        info.httpStatus = 200;
    }
    t.tasks[0].serverQueuedMs = 200;
    t.tasks[0].serverConnectionRequest = 1;
    t.tasks[1].serverQueuedMs = 0;
    t.tasks[1].serverConnectionRequest = 4;
    t.endNs = 1100 * Ms;
    return t;
}

// A tooltip row as TimelineView writes it: the phase's name, then its duration.
QString phaseRow(const QString &name, const QString &value)
{
    return name + u"</td><td>"_s + value + u"</td>"_s;
}

bool near(QRgb a, const QColor &b)
{
    return std::abs(qRed(a) - b.red()) <= 2 && std::abs(qGreen(a) - b.green()) <= 2
        && std::abs(qBlue(a) - b.blue()) <= 2;
}
} // namespace

class TestTimelineView : public QObject
{
    Q_OBJECT
private:
    LiveTrace *m_live = nullptr;
    TimelineView *m_view = nullptr;

    QImage grabViewport() { return m_view->viewport()->grab().toImage(); }

private Q_SLOTS:
    void init()
    {
        m_live = new LiveTrace(this);
        m_view = new TimelineView;
        m_view->resize(1000, 400);
        m_view->setLiveTrace(m_live);
        m_live->setTrace(sampleTrace());
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view));
    }
    void cleanup()
    {
        delete m_view;
        delete m_live;
    }

    void stateColours_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QColor>("expected");
        QTest::newRow("a long await is suspended-coloured")
            << 0 << 500LL << StateStyle::stateColor(SegmentState::Suspended);
        QTest::newRow("waiting for a connection is pending-coloured")
            << 2 << 400LL << StateStyle::stateColor(SegmentState::Pending);
        QTest::newRow("a task cancelled while pending is pending-coloured up to its end")
            << 3 << 390LL << StateStyle::stateColor(SegmentState::Pending);
        QTest::newRow("before its creation a row is empty")
            << 2 << 1580LL << QColor(); // checked as "no state colour" below
    }
    void stateColours()
    {
        QFETCH(int, task);
        QFETCH(qint64, ms);
        QFETCH(QColor, expected);
        const QImage image = grabViewport();
        const QPoint at(m_view->xForNs(ms * Ms), m_view->rowRect(task).center().y());
        const QRgb pixel = image.pixel(at);
        if (expected.isValid()) {
            QVERIFY2(near(pixel, expected), qPrintable(QColor(pixel).name()));
        } else {
            for (auto state :
                 {SegmentState::Pending, SegmentState::Running, SegmentState::Suspended})
                QVERIFY(!near(pixel, StateStyle::stateColor(state)));
        }
    }

    void resultIsVisibleInTheRow_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<TaskResult>("result");
        QTest::newRow("ok") << 0 << TaskResult::Ok;
        QTest::newRow("failed task shows the error colour") << 1 << TaskResult::Error;
        QTest::newRow("timeout") << 2 << TaskResult::Timeout;
        QTest::newRow("cancelled") << 3 << TaskResult::Cancelled;
    }
    void resultIsVisibleInTheRow()
    {
        QFETCH(int, task);
        QFETCH(TaskResult, result);
        const QImage image = grabViewport();
        const QRect row = m_view->rowRect(task);
        const QColor colour = StateStyle::resultColor(result);
        // In the time area (not just the label column's badge).
        int count = 0;
        for (int y = row.top(); y <= row.bottom(); ++y)
            for (int x = m_view->xForNs(0); x < image.width(); ++x)
                count += near(image.pixel(x, y), colour);
        QVERIFY2(count >= 6, qPrintable(QString::number(count)));
        // And no other row shows it (every task here ends differently).
        for (int other = 0; other < 4; ++other) {
            if (other == task)
                continue;
            const QRect r = m_view->rowRect(other);
            for (int x = m_view->xForNs(0); x < image.width(); ++x)
                QVERIFY(!near(image.pixel(x, r.center().y() + 6), colour));
        }
    }

    void loopRowShowsBusyTime()
    {
        const QImage image = grabViewport();
        // Task 0 runs 0-10 ms on the loop, nothing runs 400-700 ms.
        const int y = m_view->rowRect(0).top() - 30; // above the rows: the loop row
        const QPoint busy(m_view->xForNs(5 * Ms), y);
        QVERIFY(m_view->toolTipAt(busy).contains(u"Busy"_s));
        QVERIFY(m_view->toolTipAt(QPoint(m_view->xForNs(550 * Ms), y)).contains(u"Idle"_s));
        int orange = 0;
        for (int yy = 0; yy < m_view->rowRect(0).top(); ++yy)
            orange
                += near(image.pixel(busy.x(), yy), StateStyle::stateColor(SegmentState::Running));
        QVERIFY(orange >= 6);
    }

    void clickSelectsTask_data()
    {
        QTest::addColumn<int>("task");
        QTest::newRow("first row") << 0;
        QTest::newRow("last row") << 3;
    }
    void clickSelectsTask()
    {
        QFETCH(int, task);
        QSignalSpy spy(m_view, &TimelineView::taskSelected);
        QTest::mouseClick(m_view->viewport(), Qt::LeftButton, {}, m_view->rowRect(task).center());
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).toInt(), task);
        QCOMPARE(m_view->selectedTask(), task);
    }

    void dragPansInsteadOfSelecting()
    {
        m_view->zoomIn();
        const qint64 start = m_view->coordinates().startNs();
        QSignalSpy spy(m_view, &TimelineView::taskSelected);
        const QPoint from = m_view->rowRect(1).center();
        QTest::mousePress(m_view->viewport(), Qt::LeftButton, {}, from);
        QTest::mouseMove(m_view->viewport(), from + QPoint(-60, 0));
        QTest::mouseRelease(m_view->viewport(), Qt::LeftButton, {}, from + QPoint(-60, 0));
        QCOMPARE(spy.size(), 0);
        QVERIFY(m_view->coordinates().startNs() > start);
    }

    void toolTip_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QStringList>("contains");
        QTest::newRow("a suspension names its await")
            << 0 << 500LL << QStringList{u"Task #0"_s,  u"suspended"_s,  u"await reply"_s,
                                         u"/delay/1"_s, u"990.000 ms"_s, u"200"_s};
        QTest::newRow("a pending wait names what it waited for")
            << 2 << 400LL << QStringList{u"pending"_s, u"await connection"_s, u"timeout"_s};
        QTest::newRow("a failed task shows its error")
            << 1 << 100LL << QStringList{u"error"_s, u"Internal Server Error"_s, u"500"_s};
        QTest::newRow("a running stretch names what ran")
            << 0 << 5LL << QStringList{u"running"_s, u"Doing"_s, u"QNetworkAccessManager::get"_s};
        QTest::newRow("the server's queue time, as reported")
            << 0 << 500LL
            << QStringList{u"Server queue"_s, u"400.000 ms"_s, u"3 of 2 requests at once"_s};
        QTest::newRow("a server queue longer than the wait is clamped to the wait")
            << 1 << 100LL << QStringList{u"Server queue"_s, u"280.000 ms"_s};
    }
    void toolTip()
    {
        QFETCH(int, task);
        QFETCH(qint64, ms);
        QFETCH(QStringList, contains);
        const QString text = m_view->toolTipAt(
            QPoint(m_view->xForNs(ms * Ms), m_view->rowRect(task).center().y()));
        for (const QString &part : contains)
            QVERIFY2(text.contains(part), qPrintable(text));
    }

    void toolTipOmitsWhatWasNotReported()
    {
        const QString text
            = m_view->toolTipAt(QPoint(m_view->xForNs(400 * Ms), m_view->rowRect(2).center().y()));
        QVERIFY2(!text.isEmpty(), "no tooltip");
        QVERIFY2(!text.contains(u"Server queue"_s), qPrintable(text));
        QVERIFY2(!text.contains(u"Server load"_s), qPrintable(text));
    }

    // Finished runs end in an "all done" line, stopped ones in a distinct "stopped" marker.
    void endMarker_data()
    {
        QTest::addColumn<bool>("stopped");
        QTest::addColumn<qint64>("atMs");
        QTest::newRow("finished: all done, no stop marker") << false << 1510LL;
        QTest::newRow("stopped: a stop marker, no all done") << true << 700LL;
    }
    void endMarker()
    {
        QFETCH(bool, stopped);
        QFETCH(qint64, atMs);
        if (stopped)
            m_live->setTrace(stoppedTrace());
        m_view->fit();
        const QImage image = grabViewport();
        const int x = m_view->xForNs(atMs * Ms);
        // Across the task rows (task 3 ended long before), and named on the loop row.
        const int rowY = m_view->rowRect(3).center().y();
        bool red = false;
        for (int dx = -2; dx <= 2; ++dx)
            red = red || near(image.pixel(x + dx, rowY), StateStyle::stoppedColor());
        QCOMPARE(red, stopped);
        const QString loopTip = m_view->toolTipAt(QPoint(x, m_view->rowRect(0).top() - 30));
        QCOMPARE(loopTip.contains(u"Stopped at"_s), stopped);
        QCOMPARE(loopTip.contains(u"All tasks done"_s), !stopped);
    }

    void taskCancelledWhilePendingKeepsItsWaitLabel()
    {
        m_live->setTrace(stoppedTrace());
        m_view->fit();
        const QString text
            = m_view->toolTipAt(QPoint(m_view->xForNs(650 * Ms), m_view->rowRect(2).center().y()));
        for (const QString &part : {u"pending"_s, u"await connection"_s, u"cancelled"_s})
            QVERIFY2(text.contains(part), qPrintable(text));
    }

    void zoomChangesTheVisibleRange()
    {
        const qint64 span = m_view->coordinates().spanNs();
        m_view->zoomIn();
        QVERIFY(m_view->coordinates().spanNs() < span);
        m_view->zoomOut();
        m_view->zoomOut();
        QCOMPARE(m_view->coordinates().spanNs(), span); // already the whole run: no further
        m_view->zoomIn();
        m_view->zoomIn();
        QTest::keyClick(m_view, Qt::Key_Minus);
        QVERIFY(m_view->coordinates().spanNs() < span);
        QTest::keyClick(m_view, Qt::Key_Minus);
        QCOMPARE(m_view->coordinates().spanNs(), span);
    }

    void fitShowsTheWholeTrace()
    {
        m_view->zoomIn();
        m_view->zoomIn();
        m_view->fit();
        QCOMPARE(m_view->coordinates().startNs(), 0LL);
        QVERIFY(m_view->coordinates().endNs() >= 1600 * Ms);
        QVERIFY(m_view->xForNs(1600 * Ms) < m_view->viewport()->width());
        QVERIFY(m_view->followLive());
    }

    void denseRowShowsWhereItsTimeWent()
    {
        // 3000 awaits in 3 s: 0.2 ms running, 0.8 ms suspended, far below a pixel each.
        Trace t;
        t.urls = {u"http://h/stream"_s};
        t.labels = {QString(), u"await chunk"_s};
        t.tasks.resize(1);
        t.events.append(TraceEvent{0, 0, EventKind::Created, 0, 0, 0});
        t.events.append(TraceEvent{0, 0, EventKind::Admitted, 0, 0, 0});
        qint64 ns = 0;
        for (int i = 0; i < 3000; ++i) {
            t.events.append(TraceEvent{ns + Ms / 5, 0, EventKind::Suspended, 0, 1, 0});
            ns += Ms;
            t.events.append(TraceEvent{ns, 0, EventKind::Resumed, 0, 1, 0});
        }
        t.events.append(TraceEvent{ns, 0, EventKind::Finished, 0, 0, 0});
        t.tasks[0].result = TaskResult::Ok;
        t.endNs = ns;
        m_live->setTrace(t);
        const QImage image = grabViewport();
        const int y = m_view->rowRect(0).center().y();
        int running = 0;
        int suspended = 0;
        for (int x = m_view->xForNs(0); x < m_view->xForNs(ns); ++x) {
            running += near(image.pixel(x, y), StateStyle::stateColor(SegmentState::Running));
            suspended += near(image.pixel(x, y), StateStyle::stateColor(SegmentState::Suspended));
        }
        // Not painted solid orange: mostly suspended, like the task.
        QVERIFY2(suspended > 2 * running && running > 0,
                 qPrintable(u"%1 running, %2 suspended"_s.arg(running).arg(suspended)));
    }

    void workerTasksDoNotMakeTheLoopBusy_data()
    {
        QTest::addColumn<int>("worker");
        QTest::addColumn<QString>("expected");
        QTest::newRow("a task on the loop makes it busy") << -1 << u"Busy"_s;
        QTest::newRow("a task on a worker thread leaves it idle") << 0 << u"Idle"_s;
    }
    void workerTasksDoNotMakeTheLoopBusy()
    {
        QFETCH(int, worker);
        QFETCH(QString, expected);
        Trace t;
        t.urls = {u"http://h/block"_s};
        t.tasks.resize(1);
        t.tasks[0].worker = qint16(worker);
        t.tasks[0].result = TaskResult::Ok;
        t.events = {TraceEvent{0, 0, EventKind::Created, 0, 0, 0},
                    TraceEvent{0, 0, EventKind::Admitted, 0, 0, 0},
                    TraceEvent{1000 * Ms, 0, EventKind::Finished, 0, 0, 0}};
        t.endNs = 1000 * Ms;
        m_live->setTrace(t);
        const QPoint loopRow(m_view->xForNs(500 * Ms), m_view->rowRect(0).top() - 30);
        QVERIFY2(m_view->toolTipAt(loopRow).contains(expected),
                 qPrintable(m_view->toolTipAt(loopRow)));
    }

    void manualZoomTurnsFollowOff_data()
    {
        QTest::addColumn<QString>("action");
        QTest::newRow("zoom in slot") << u"zoomIn"_s;
        QTest::newRow("ctrl+wheel") << u"wheel"_s;
        QTest::newRow("plus key") << u"plus"_s;
        QTest::newRow("linked view sets a range") << u"range"_s;
    }
    void manualZoomTurnsFollowOff()
    {
        QFETCH(QString, action);
        QVERIFY(m_view->followLive());
        QSignalSpy spy(m_view, &TimelineView::followLiveChanged);
        if (action == u"zoomIn") {
            m_view->zoomIn();
        } else if (action == u"plus") {
            QTest::keyClick(m_view, Qt::Key_Plus, Qt::ControlModifier);
        } else if (action == u"range") {
            m_view->setVisibleRange(100 * Ms, 200 * Ms);
        } else {
            const QPointF pos(500, 200);
            QWheelEvent wheel(pos, m_view->viewport()->mapToGlobal(pos), {}, {0, 120}, Qt::NoButton,
                              Qt::ControlModifier, Qt::NoScrollPhase, false);
            QCoreApplication::sendEvent(m_view->viewport(), &wheel);
        }
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).toBool(), false);
        QVERIFY(!m_view->followLive());
    }

    void followKeepsNowInView()
    {
        auto recorder = std::make_shared<TraceRecorder>(
            u"async"_s, QStringList{u"http://h/delay/1"_s}, QList<quint32>{0, 0});
        recorder->recordAt(0, 0, EventKind::Created);
        recorder->recordAt(0, 1, EventKind::Created);
        m_live->attach(recorder);
        QVERIFY(m_view->followLive());
        recorder->recordAt(3000 * Ms, 0, EventKind::Admitted);
        m_live->refresh();
        QVERIFY(m_live->isLive());
        QVERIFY(m_view->coordinates().endNs() >= m_live->trace().lastNs());

        // Zoomed in and following again: the span is kept and slides with "now".
        m_view->zoomIn();
        m_view->zoomIn();
        m_view->setFollowLive(true);
        const qint64 span = m_view->coordinates().spanNs();
        recorder->recordAt(9000 * Ms, 1, EventKind::Admitted);
        m_live->refresh();
        QCOMPARE(m_view->coordinates().spanNs(), span);
        QVERIFY(m_view->coordinates().endNs() >= m_live->nowNs() - 1000 * Ms);

        // Not following: the view stays where the user put it.
        m_view->setFollowLive(false);
        const qint64 start = m_view->coordinates().startNs();
        m_live->refresh();
        QCOMPARE(m_view->coordinates().startNs(), start);

        // A new trace resets the view: following, fitted.
        m_live->setTrace(sampleTrace());
        QVERIFY(m_view->followLive());
        QCOMPARE(m_view->coordinates().startNs(), 0LL);
    }

    void selectionScrollsIntoView()
    {
        Trace big;
        big.urls = {u"http://h/x"_s};
        big.tasks.resize(500);
        for (quint32 t = 0; t < 500; ++t)
            big.events.append(TraceEvent{qint64(t) * Ms, t, EventKind::Created, 0, 0, 0});
        big.endNs = 600 * Ms;
        m_live->setTrace(big);
        QSignalSpy spy(m_view, &TimelineView::taskSelected);
        m_view->setSelectedTask(321);
        QCOMPARE(spy.size(), 1);
        const QRect row = m_view->rowRect(321);
        QVERIFY(row.top() >= 0 && row.bottom() < m_view->viewport()->height());
        QCOMPARE(m_view->taskAt(row.center()), 321);
        m_view->setSelectedTask(-1);
        QCOMPARE(m_view->selectedTask(), -1);
        m_view->selectTasks({10, 480});
        QVERIFY(m_view->rowRect(10).top() >= 0);
    }

    void highlightRangeDrawsABand()
    {
        const QImage before = grabViewport();
        m_view->highlightRange(600 * Ms, 700 * Ms);
        const QImage after = grabViewport();
        const QPoint inside(m_view->xForNs(650 * Ms), m_view->rowRect(0).center().y());
        const QPoint outside(m_view->xForNs(500 * Ms), m_view->rowRect(0).center().y());
        QVERIFY(before.pixel(inside) != after.pixel(inside));
        QCOMPARE(before.pixel(outside), after.pixel(outside));
        m_view->clearHighlight();
        QCOMPARE(grabViewport().pixel(inside), before.pixel(inside));
    }

    // Before any run the axis shows no scale (it once read 0-800 µs, a scale of nothing) and the
    // rows say what will appear there; the first task brings the scale.
    void emptyTimelineHasNoScale()
    {
        m_live->clear();
        QImage image = grabViewport();
        const int y = m_view->axisHeight() / 2;
        const int x0 = m_view->xForNs(0) + 2;
        QSet<QRgb> colours;
        for (int x = x0; x < image.width() - 2; ++x)
            colours.insert(image.pixel(x, y));
        QCOMPARE(colours.size(), 1); // nothing written on the axis
        m_live->setTrace(sampleTrace());
        image = grabViewport();
        colours.clear();
        for (int x = x0; x < image.width() - 2; ++x)
            colours.insert(image.pixel(x, y));
        QVERIFY(colours.size() > 2); // tick labels
    }

    void exports()
    {
        const QImage image = m_view->renderImage();
        QCOMPARE(image.width(), m_view->viewport()->width());
        QVERIFY(image.height() >= m_view->rowRect(3).bottom());
        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(u"timeline.svg"_s);
        QVERIFY2(m_view->exportSvg(path, TimelineView::ImageScope::Visible, &error),
                 qPrintable(error));
        QFile svg(path);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
        QVERIFY(!m_view->exportSvg(dir.filePath(u"missing/dir/x.svg"_s),
                                   TimelineView::ImageScope::WholeRun, &error));
        QVERIFY(!error.isEmpty());
    }

    // The SVG of a big run draws what the PNG does: what is visible, or the whole run at most
    // MaxScaledHeight px high with its rows as one density image. Drawing every row as vectors
    // made 10,000 tasks a file of tens of megabytes.
    void svgOfABigRunIsBounded_data()
    {
        QTest::addColumn<int>("tasks");
        QTest::addColumn<bool>("wholeRun");
        QTest::addColumn<int>("maxHeight");
        QTest::addColumn<qint64>("maxBytes");
        QTest::newRow("10k, whole run")
            << 10'000 << true << TimelineView::MaxScaledHeight << qint64(4) * 1024 * 1024;
        QTest::newRow("10k, visible") << 10'000 << false << 400 << qint64(1024) * 1024;
        QTest::newRow("200, whole run: full rows")
            << 200 << true << TimelineView::MaxScaledHeight << qint64(2) * 1024 * 1024;
    }
    void svgOfABigRunIsBounded()
    {
        QFETCH(int, tasks);
        QFETCH(bool, wholeRun);
        const auto scope
            = wholeRun ? TimelineView::ImageScope::WholeRun : TimelineView::ImageScope::Visible;
        QFETCH(int, maxHeight);
        QFETCH(qint64, maxBytes);
        m_live->setTrace(CoroscopeTest::syntheticTrace(u"async"_s, tasks));
        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(u"big.svg"_s);
        QVERIFY2(m_view->exportSvg(path, scope, &error), qPrintable(error));
        QVERIFY2(QFileInfo(path).size() <= maxBytes,
                 qPrintable(QString::number(QFileInfo(path).size())));
        QSvgRenderer svg(path);
        QVERIFY(svg.isValid());
        const QSize size = svg.viewBox().size();
        QVERIFY2(size.height() <= maxHeight, qPrintable(QString::number(size.height())));
        QCOMPARE(size.width(), m_view->viewport()->width());
        // The same picture as the PNG of that scope.
        QCOMPARE(size, m_view->renderImage(scope).size());
        // Every task is in it: the last rows are drawn at the bottom of the time area.
        const QColor base = m_view->palette().color(QPalette::Base);
        QImage image(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(base); // what is not drawn stays the background
        QPainter painter(&image);
        svg.render(&painter);
        painter.end();
        if (wholeRun) {
            int drawn = 0;
            for (int y = image.height() - 3; y < image.height(); ++y) {
                for (int x = m_view->labelWidth(); x < image.width(); ++x)
                    drawn += QColor(image.pixel(x, y)) != base;
            }
            QVERIFY(drawn > 0);
        }
    }

    // The heading over an exported picture wraps within the picture, a URL with no space to
    // break at included, instead of running off its right edge.
    void headingStaysInsideThePicture()
    {
        TimelineView::ImageHeading heading;
        heading.title
            = u"Coroscope: async · 4 tasks · http://127.0.0.1:8080/"_s + QString(300, u'a');
        for (int i = 0; i < 12; ++i)
            heading.figures.append({u"Wall time"_s, u"1,234.5 ms"_s, QColor()});
        const QImage bare = m_view->renderImage(TimelineView::ImageScope::Visible);
        const QImage image = m_view->renderImage(TimelineView::ImageScope::Visible, heading);
        const int top = m_view->headingHeight(heading, image.width());
        QCOMPARE(image.height(), bare.height() + top);
        QCOMPARE(image.copy(0, top, bare.width(), bare.height()), bare);
        const QColor base = m_view->palette().color(QPalette::Base);
        int inked = 0;
        for (int y = 0; y < top - 2; ++y) {
            for (int x = image.width() - 6; x < image.width(); ++x)
                QCOMPARE(QColor(image.pixel(x, y)), base);
            inked += QColor(image.pixel(12, y)) != base;
        }
        QVERIFY(inked > 0);
        // The title took several lines, the figures two rows at least.
        const QFontMetrics fm = m_view->fontMetrics();
        QVERIFY2(top > 6 * fm.height(), qPrintable(QString::number(top)));
    }

    void legendNamesEveryColour()
    {
        const auto legend = StateStyle::legend();
        QVERIFY(legend.size() >= 7);
        int headings = 0;
        for (const auto &[name, colour] : legend) {
            QVERIFY(!name.isEmpty());
            headings += !colour.isValid(); // "in await reply:", before the phases' colours
        }
        QCOMPARE(headings, 1);
    }

    // Each phase in its own colour in the middle of the bar; the bar's blue still above it.
    void phasesBand_data()
    {
        QTest::addColumn<int>("task");
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QColor>("expected");
        QTest::newRow("the server's queue inside the bar")
            << 0 << 130LL << StateStyle::phaseColor(PhaseKind::ServerQueue);
        QTest::newRow("time to first byte")
            << 0 << 400LL << StateStyle::phaseColor(PhaseKind::Waiting);
        QTest::newRow("receiving the body")
            << 0 << 630LL << StateStyle::phaseColor(PhaseKind::Receiving);
        QTest::newRow("waiting inside Qt for a connection")
            << 1 << 150LL << StateStyle::phaseColor(PhaseKind::Queued);
        QTest::newRow("a busy loop's late resume")
            << 1 << 750LL << StateStyle::phaseColor(PhaseKind::Resume);
        QTest::newRow("an await without moments stays plain")
            << 2 << 500LL << StateStyle::stateColor(SegmentState::Suspended);
    }
    void phasesBand()
    {
        QFETCH(int, task);
        QFETCH(qint64, ms);
        QFETCH(QColor, expected);
        m_live->setTrace(phasesTrace());
        const QRect row = m_view->rowRect(task);
        const int x = m_view->xForNs(ms * Ms);
        QImage image = grabViewport();
        QVERIFY2(near(image.pixel(x, row.center().y()), expected),
                 qPrintable(QColor(image.pixel(x, row.center().y())).name()));
        // A thinner band: the bar's own colour frames it.
        const QColor suspended = StateStyle::stateColor(SegmentState::Suspended);
        QVERIFY(near(image.pixel(x, row.top() + 4), suspended));
        // Off: the plain bar.
        m_view->setShowPhases(false);
        image = grabViewport();
        QVERIFY(near(image.pixel(x, row.center().y()), suspended));
    }

    // With phases on, a bar still awaiting reads as suspended at a glance, in light and dark:
    // the band used to fill half the bar with /delay's green "waiting", leaving the blue a thin
    // outline, so that a suspended task looked like a finished ok one (green).
    void suspendedBarKeepsItsColourUnderPhases_data()
    {
        QTest::addColumn<QColor>("base");
        QTest::addColumn<QColor>("text");
        QTest::newRow("light") << QColor(Qt::white) << QColor(Qt::black);
        QTest::newRow("dark") << QColor(0x1e, 0x1e, 0x1e) << QColor(0xf0, 0xf0, 0xf0);
    }
    void suspendedBarKeepsItsColourUnderPhases()
    {
        QFETCH(QColor, base);
        QFETCH(QColor, text);
        QPalette palette = m_view->palette();
        palette.setColor(QPalette::Base, base);
        palette.setColor(QPalette::Text, text);
        m_view->setPalette(palette);
        m_live->setTrace(phasesTrace());
        QVERIFY(m_view->showPhases());
        const QImage image = grabViewport();
        // Task 0 waits for its first byte from 230 to 530 ms: the bar's pixels there, each
        // counted as the state's blue or the ok result's green, whichever it is nearer.
        const QColor suspended = StateStyle::stateColor(SegmentState::Suspended);
        const QColor ok = StateStyle::resultColor(TaskResult::Ok);
        auto distance = [](QRgb a, const QColor &b) {
            return std::abs(qRed(a) - b.red()) + std::abs(qGreen(a) - b.green())
                + std::abs(qBlue(a) - b.blue());
        };
        const QRect row = m_view->rowRect(0);
        int blue = 0;
        int green = 0;
        for (int x = m_view->xForNs(250 * Ms); x < m_view->xForNs(510 * Ms); x += 7) {
            for (int y = row.top(); y <= row.bottom(); ++y) {
                const QRgb pixel = image.pixel(x, y);
                if (distance(pixel, base) < 60)
                    continue; // the row's background
                (distance(pixel, suspended) <= distance(pixel, ok) ? blue : green) += 1;
            }
        }
        QVERIFY(green > 0); // the waiting phase is drawn
        QVERIFY2(blue >= 0.6 * (blue + green),
                 qPrintable(u"suspended %1 px, ok-like %2 px"_s.arg(blue).arg(green)));
    }

    void phasesToolTip_data()
    {
        QTest::addColumn<bool>("phases");
        QTest::addColumn<int>("task");
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QStringList>("contains");
        QTest::addColumn<QStringList>("excludes");
        QTest::newRow("a new connection: every phase it went through, the hovered one in bold")
            << true << 0 << 400LL
            << QStringList{u"Inside await reply"_s,
                           phaseRow(u"Queued"_s, u"10.000 ms"_s),
                           phaseRow(u"Connect"_s, u"10.000 ms"_s),
                           phaseRow(u"Server queue"_s, u"200.000 ms"_s),
                           phaseRow(u"Waiting"_s, u"<b>300.000 ms</b>"_s),
                           phaseRow(u"Receiving"_s, u"200.000 ms"_s),
                           phaseRow(u"Resume"_s, u"10.000 ms"_s),
                           phaseRow(u"Reused connection"_s, u"no"_s)}
            << QStringList{u"TLS"_s, u"Send"_s};
        QTest::newRow("a reused connection, resumed late: the loop's latency shows")
            << true << 1 << 750LL
            << QStringList{phaseRow(u"Queued"_s, u"290.000 ms"_s),
                           phaseRow(u"Resume"_s, u"<b>290.000 ms</b>"_s),
                           phaseRow(u"Server queue"_s, u"0.000 ms"_s),
                           phaseRow(u"Reused connection"_s, u"yes"_s)}
            << QStringList{u"Connect"_s};
        QTest::newRow("nobody said whether the connection was new")
            << true << 3 << 300LL
            << QStringList{phaseRow(u"Queued"_s, u"90.000 ms"_s),
                           phaseRow(u"Waiting"_s, u"<b>400.000 ms</b>"_s),
                           phaseRow(u"Reused connection"_s, u"unknown"_s)}
            << QStringList{u"Server queue"_s};
        QTest::newRow("no moments recorded: no phase lines")
            << true << 2 << 500LL << QStringList{u"await reply"_s}
            << QStringList{u"Inside await reply"_s, u"Reused connection"_s};
        QTest::newRow("phases off: no phase lines, the server's queue as before")
            << false << 0 << 400LL << QStringList{phaseRow(u"Server queue"_s, u"200.000 ms"_s)}
            << QStringList{u"Inside await reply"_s, u"Waiting"_s, u"Reused connection"_s};
    }
    void phasesToolTip()
    {
        QFETCH(bool, phases);
        QFETCH(int, task);
        QFETCH(qint64, ms);
        QFETCH(QStringList, contains);
        QFETCH(QStringList, excludes);
        m_live->setTrace(phasesTrace());
        m_view->setShowPhases(phases);
        const QString text = m_view->toolTipAt(
            QPoint(m_view->xForNs(ms * Ms), m_view->rowRect(task).center().y()));
        for (const QString &part : contains)
            QVERIFY2(text.contains(part), qPrintable(part + u" not in "_s + text));
        for (const QString &part : excludes)
            QVERIFY2(!text.contains(part), qPrintable(part + u" in "_s + text));
    }

    void phasesToggle()
    {
        QVERIFY(m_view->showPhases()); // on by default
        QSignalSpy spy(m_view, &TimelineView::showPhasesChanged);
        m_view->setShowPhases(false);
        m_view->setShowPhases(false);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.at(0).at(0).toBool(), false);
        QVERIFY(!m_view->showPhases());
        // The legend names the phases' colours only while they are drawn.
        const auto withPhases = StateStyle::legend(true);
        const auto without = StateStyle::legend(false);
        for (int kind = 0; kind < PhaseKindCount; ++kind) {
            const QColor colour = StateStyle::phaseColor(PhaseKind(kind));
            const auto has = [&](const auto &legend) {
                return std::any_of(legend.cbegin(), legend.cend(),
                                   [&](const auto &entry) { return entry.second == colour; });
            };
            QVERIFY(!has(without));
            QVERIFY(has(withPhases));
        }
        m_view->setShowPhases(true);
        QCOMPARE(spy.size(), 2);
    }

    // A task's cached phases follow its new events while the run is live.
    void phasesFollowALiveRun()
    {
        auto recorder = std::make_shared<TraceRecorder>(u"async"_s, QStringList{u"http://h/x"_s},
                                                        QList<quint32>{0});
        recorder->recordAt(0, 0, EventKind::Created);
        recorder->recordAt(0, 0, EventKind::Admitted);
        recorder->recordAt(10 * Ms, 0, EventKind::Suspended,
                           recorder->internLabel(u"await reply"_s));
        recorder->recordAt(50 * Ms, 0, EventKind::Network,
                           recorder->internLabel(QLatin1String(NetworkMoment::RequestSent)));
        m_live->attach(recorder);
        const auto tip = [this]() {
            return m_view->toolTipAt(
                QPoint(m_view->xForNs(30 * Ms), m_view->rowRect(0).center().y()));
        };
        QVERIFY2(!tip().contains(u"Inside await reply"_s), qPrintable(tip())); // in flight
        recorder->recordAt(90 * Ms, 0, EventKind::Network,
                           recorder->internLabel(QLatin1String(NetworkMoment::Finished)));
        recorder->recordAt(100 * Ms, 0, EventKind::Resumed,
                           recorder->internLabel(u"await reply"_s));
        m_live->refresh();
        QVERIFY2(tip().contains(phaseRow(u"Queued"_s, u"<b>40.000 ms</b>"_s)), qPrintable(tip()));
        QVERIFY2(tip().contains(phaseRow(u"Resume"_s, u"10.000 ms"_s)), qPrintable(tip()));
    }
};

QTEST_MAIN(TestTimelineView)
#include "tst_timelineview.moc"
