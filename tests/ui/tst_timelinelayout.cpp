// TimelineLayout (rows, lanes, row height), TimelinePointer (what a mouse gesture means) and
// the time axis's labels, on their own: no view, no trace.
#include "mainwindow.h"
#include "timelinecoordinates.h"
#include "timelinelayout.h"
#include "timelinepointer.h"
#include "timelinerenderer.h"

#include <QFont>
#include <QFontMetrics>
#include <QTest>

#include <algorithm>

using namespace Coroscope;

namespace {

constexpr qint64 S = 1'000'000'000;
constexpr int DragDistance = 10;

TimelineLayout measured(int tasks, int viewportHeight, int pointSize = 10)
{
    QFont font;
    font.setPointSize(pointSize);
    TimelineLayout layout;
    layout.measure(QFontMetrics(font), tasks, viewportHeight);
    return layout;
}

TimelineCoordinates secondOver(int width)
{
    TimelineCoordinates coords;
    coords.setWidth(width);
    coords.setTraceEnd(S);
    coords.setRange(0, S);
    return coords;
}

} // namespace

class TestTimelineLayout : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void metricsFollowTheFont()
    {
        const TimelineLayout small = measured(10, 600, 8);
        const TimelineLayout big = measured(10, 600, 20);
        QVERIFY(big.fullRowHeight() > small.fullRowHeight());
        QVERIFY(big.axisHeight() > small.axisHeight());
        QVERIFY(small.fullRowHeight() >= 16);
        for (const TimelineLayout &l : {small, big}) {
            QCOMPARE(l.tasksTop(), l.axisHeight() + l.loopHeight() + l.lagHeight() + 1);
            QVERIFY(l.labelWidth() >= 120 && l.labelWidth() <= 280);
            QCOMPARE(l.rowHeight(), l.fullRowHeight()); // 10 tasks: full rows
        }
    }

    void labelsMakeRoomForTheLongestId()
    {
        QVERIFY(measured(100'000, 600).idWidth() > measured(10, 600).idWidth());
    }

    void rowHeightFitsTheRun()
    {
        const TimelineLayout many = measured(10'000, 700);
        QVERIFY(many.compactRows());
        QCOMPARE(many.rowHeight(),
                 TimelineLayout::fittingRowHeight(10'000, many.rowsAreaHeight(700),
                                                  many.fullRowHeight()));
        // Not laid out yet (no height): full rows.
        QCOMPARE(measured(10'000, 0).rowHeight(), measured(10'000, 0).fullRowHeight());
    }

    void chosenRowHeight()
    {
        TimelineLayout l = measured(10'000, 700);
        QVERIFY(!l.rowHeightChosen());
        QCOMPARE(l.chooseRowHeight(4), 4);
        QVERIFY(l.rowHeightChosen());
        QCOMPARE(l.chooseRowHeight(9'999), l.fullRowHeight());
        QCOMPARE(l.chooseRowHeight(0), l.fullRowHeight());
        QCOMPARE(l.chooseRowHeight(-3), l.fullRowHeight());
        // A full choice stays full when the font grows; a small one stays as chosen.
        QFont big;
        big.setPointSize(24);
        l.measure(QFontMetrics(big), 10'000, 700);
        QCOMPARE(l.rowHeight(), l.fullRowHeight());
        l.chooseRowHeight(4);
        l.measure(QFontMetrics(big), 10'000, 700);
        QCOMPARE(l.rowHeight(), 4);
        // The next trace fits again.
        l.forgetChosenRowHeight();
        QVERIFY(!l.rowHeightChosen());
        QCOMPARE(l.wantedRowHeight(10, 700), l.fullRowHeight());
    }

    void stepsWalkUpAndDown()
    {
        TimelineLayout l = measured(10, 600);
        const QList<int> steps = l.rowHeightSteps();
        QCOMPARE(steps.constFirst(), 1);
        QCOMPARE(steps.constLast(), l.fullRowHeight());
        QVERIFY(std::is_sorted(steps.cbegin(), steps.cend()));
        l.setRowHeight(1);
        QCOMPARE(l.shorterStep(), 0);
        QList<int> walked{1};
        while (const int step = l.tallerStep()) {
            walked.append(step);
            l.setRowHeight(step);
        }
        QCOMPARE(walked, steps);
        QCOMPARE(l.shorterStep(), steps.at(steps.size() - 2));
    }

    void rowsAtAndTops_data()
    {
        QTest::addColumn<int>("rowHeight");
        QTest::addColumn<int>("scrollY");
        QTest::newRow("full, not scrolled") << 0 << 0;
        QTest::newRow("full, scrolled 37 px") << 0 << 37;
        QTest::newRow("1 px, scrolled") << 1 << 500;
        QTest::newRow("4 px, scrolled") << 4 << 123;
    }
    void rowsAtAndTops()
    {
        QFETCH(int, rowHeight);
        QFETCH(int, scrollY);
        TimelineLayout l = measured(1'000, 600);
        l.setRowHeight(rowHeight > 0 ? rowHeight : l.fullRowHeight());
        const int h = l.rowHeight();
        for (const int task : {0, 1, 7, 200, 999}) {
            const int top = l.rowTop(task, scrollY);
            if (top < l.tasksTop())
                continue; // scrolled off: above the rows area is not a row
            QCOMPARE(l.rowAt(top, scrollY, 1'000), task);
            QCOMPARE(l.rowAt(top + h - 1, scrollY, 1'000), task);
        }
        QCOMPARE(l.rowAt(l.tasksTop() - 1, scrollY, 1'000), -1); // the lag lane
        QCOMPARE(l.rowAt(l.rowTop(1'000, scrollY), scrollY, 1'000), -1); // past the last
        QCOMPARE(l.rowsHeight(1'000), 1'000 * h);
    }

    void scrollShowingMovesLittle()
    {
        TimelineLayout l = measured(1'000, 600);
        l.setRowHeight(10);
        const int area = 200; // 20 rows
        QCOMPARE(l.scrollShowing(50, 300, area), 310); // rows 30..49 in view: 50 to the bottom
        QCOMPARE(l.scrollShowing(49, 300, area), 300);
        QCOMPARE(l.scrollShowing(30, 300, area), 300);
        QCOMPARE(l.scrollShowing(29, 300, area), 290); // above: to the top
        QCOMPARE(l.scrollShowing(60, 300, area), 610 - area); // below: to the bottom
    }

    void rowHeightChangeKeepsTheCentre()
    {
        TimelineLayout l = measured(1'000, 600);
        l.setRowHeight(18);
        QCOMPARE(l.scrollKeepingCentre(0, 200, 4), 0); // at the top stays there
        const int scrollY = 400;
        const int area = 200;
        const double centreRow = (scrollY + area / 2.0) / 4;
        const int after = l.scrollKeepingCentre(scrollY, area, 4);
        QCOMPARE((after + area / 2.0) / 18, centreRow);
    }

    // --- the time axis ---

    // No two labels of the axis touch, in any language, at any span or width: a 13 ms run's
    // "10 毫秒" and "12 毫秒" (the last one turned before its tick at the area's end) did.
    void axisLabelsKeepApart_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << QStringLiteral("en");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
    }
    void axisLabelsKeepApart()
    {
        QFETCH(QString, language);
        MainWindow::applyLanguage(language);
        const QFont font;
        int checked = 0;
        for (const int width : {300, 450, 600, 900, 1200}) {
            for (qint64 endNs = 5'000'000; endNs <= 40'000'000; endNs += 50'000) {
                TimelineCoordinates coords;
                coords.setWidth(width);
                coords.fit(endNs);
                QList<QRect> labels;
                const auto ticks = TimelineRenderer::axisTicks(coords, font, 20, &labels);
                QCOMPARE(labels.size(), ticks.size());
                for (qsizetype i = 1; i < labels.size(); ++i) {
                    const int gap = labels.at(i).left() - labels.at(i - 1).right();
                    if (gap <= TimelineRenderer::MinAxisLabelGap)
                        QFAIL(qPrintable(QStringLiteral("%1 px: \"%2\" and \"%3\" %4 px apart")
                                             .arg(width)
                                             .arg(ticks.at(i - 1).label, ticks.at(i).label)
                                             .arg(gap)));
                }
                ++checked;
            }
        }
        QVERIFY(checked > 0);
        MainWindow::applyLanguage(QStringLiteral("en"));
    }

    // --- TimelinePointer ---

    void pointerMovesThePlayheadOnTheAxis()
    {
        const TimelineLayout l = measured(100, 600);
        const TimelineCoordinates c = secondOver(1000);
        TimelinePointer p(DragDistance);
        const int y = l.axisHeight() / 2;
        auto a = p.press({l.labelWidth() + 100, y}, Qt::LeftButton, {}, l, c);
        QCOMPARE(a.kind, TimelinePointer::Action::MovePlayhead);
        QCOMPARE(a.timeX, 100);
        // Dragged anywhere, it stays on the time area.
        a = p.move({l.labelWidth() + 5000, l.tasksTop() + 50}, l, c);
        QCOMPARE(a.kind, TimelinePointer::Action::MovePlayhead);
        QCOMPARE(a.timeX, 1000);
        a = p.move({0, y}, l, c);
        QCOMPARE(a.timeX, 0);
        a = p.release({0, y}, Qt::LeftButton, l);
        QCOMPARE(a.kind, TimelinePointer::Action::None);
        QVERIFY(!p.isPressed());
        QCOMPARE(p.move({10, y}, l, c).kind, TimelinePointer::Action::Pass);
        // Over the labels the axis is no playhead.
        a = p.press({l.labelWidth() - 1, y}, Qt::LeftButton, {}, l, c);
        QCOMPARE(a.kind, TimelinePointer::Action::None);
    }

    void pointerClickSelectsDragPans()
    {
        const TimelineLayout l = measured(100, 600);
        const TimelineCoordinates c = secondOver(1000);
        TimelinePointer p(DragDistance);
        const QPoint row(l.labelWidth() + 300, l.tasksTop() + 40);
        // A click (a move shorter than the drag distance) selects the row under it.
        QCOMPARE(p.press(row, Qt::LeftButton, {}, l, c).kind, TimelinePointer::Action::None);
        QCOMPARE(p.move(row + QPoint(3, 2), l, c).kind, TimelinePointer::Action::None);
        auto a = p.release(row + QPoint(3, 2), Qt::LeftButton, l);
        QCOMPARE(a.kind, TimelinePointer::Action::Click);
        QCOMPARE(a.pos, row + QPoint(3, 2));
        QCOMPARE(a.cursor, TimelinePointer::Action::Cursor::Release);
        // A click on the loop row selects nothing.
        p.press({row.x(), l.axisHeight() + 2}, Qt::LeftButton, {}, l, c);
        QCOMPARE(p.release({row.x(), l.axisHeight() + 2}, Qt::LeftButton, l).kind,
                 TimelinePointer::Action::None);
        // Beyond the drag distance it pans, following the hand from where it last was.
        p.press(row, Qt::LeftButton, {}, l, c);
        a = p.move(row + QPoint(DragDistance, 0), l, c);
        QCOMPARE(a.kind, TimelinePointer::Action::Drag);
        QCOMPARE(a.delta, QPoint(DragDistance, 0));
        QCOMPARE(a.cursor, TimelinePointer::Action::Cursor::Grab);
        a = p.move(row + QPoint(DragDistance - 4, 7), l, c);
        QCOMPARE(a.delta, QPoint(-4, 7));
        QCOMPARE(a.cursor, TimelinePointer::Action::Cursor::Keep);
        a = p.release(row, Qt::LeftButton, l);
        QCOMPARE(a.kind, TimelinePointer::Action::None); // a drag is no click
        QCOMPARE(a.cursor, TimelinePointer::Action::Cursor::Release);
        // The middle button drags at once.
        a = p.press(row, Qt::MiddleButton, {}, l, c);
        QCOMPARE(a.cursor, TimelinePointer::Action::Cursor::Grab);
        QVERIFY(p.isDragging());
        QCOMPARE(p.move(row + QPoint(1, 0), l, c).delta, QPoint(1, 0));
        QCOMPARE(p.release(row, Qt::MiddleButton, l).kind, TimelinePointer::Action::None);
    }

    void pointerShiftDragSelectsARange()
    {
        const TimelineLayout l = measured(100, 600);
        const TimelineCoordinates c = secondOver(1000);
        TimelinePointer p(DragDistance);
        const int y = l.tasksTop() + 10;
        p.press({l.labelWidth() + 200, y}, Qt::LeftButton, Qt::ShiftModifier, l, c);
        QCOMPARE(p.move({l.labelWidth() + 203, y}, l, c).kind, TimelinePointer::Action::None);
        auto a = p.move({l.labelWidth() + 600, y + 30}, l, c);
        QCOMPARE(a.kind, TimelinePointer::Action::SelectRange);
        QCOMPARE(a.startNs, c.nsForX(200));
        QCOMPARE(a.endNs, c.nsForX(600));
        a = p.move({l.labelWidth() + 9000, y}, l, c); // clamped to the time area's end
        QCOMPARE(a.endNs, c.nsForX(1000));
        QCOMPARE(p.release({l.labelWidth() + 600, y}, Qt::LeftButton, l).kind,
                 TimelinePointer::Action::None);
        // A Shift+click clears it.
        p.press({l.labelWidth() + 200, y}, Qt::LeftButton, Qt::ShiftModifier, l, c);
        QCOMPARE(p.release({l.labelWidth() + 201, y}, Qt::LeftButton, l).kind,
                 TimelinePointer::Action::ClearRange);
        // Shift over the labels is a plain press (no range).
        p.press({5, y}, Qt::LeftButton, Qt::ShiftModifier, l, c);
        QCOMPARE(p.move({5 + DragDistance, y}, l, c).kind, TimelinePointer::Action::Drag);
        p.release({5, y}, Qt::LeftButton, l);
    }

    void pointerLeavesOtherButtonsAlone()
    {
        const TimelineLayout l = measured(100, 600);
        const TimelineCoordinates c = secondOver(1000);
        TimelinePointer p(DragDistance);
        QCOMPARE(p.press({300, 300}, Qt::RightButton, {}, l, c).kind,
                 TimelinePointer::Action::Pass);
        QVERIFY(!p.isPressed());
        QCOMPARE(p.move({350, 300}, l, c).kind, TimelinePointer::Action::Pass);
        QCOMPARE(p.release({350, 300}, Qt::RightButton, l).kind, TimelinePointer::Action::Pass);
    }
};

QTEST_MAIN(TestTimelineLayout)
#include "tst_timelinelayout.moc"
