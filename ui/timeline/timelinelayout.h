#pragma once

#include <QList>

class QFontMetrics;

namespace Coroscope {

// Where things go in a timeline, top to bottom and left to right: the time axis, the loop row,
// the lag lane, then one row per task under them, the row labels on the left. It owns the
// metrics derived from the font and the task count, and the row height: the one that fits the
// run unless the user chose one for it. A value free of widgets (the view gives it the font,
// the rows area and the scroll position), so that the row arithmetic can be tested on its own.
class TimelineLayout
{
public:
    // Full rows up to this many tasks (a tutorial's runs: labels, phases and outcomes on every
    // row), or while they take at most FittingScreens screens.
    static constexpr int FullRowsUpTo = 200;
    static constexpr int FittingScreens = 4;

    // The metrics that follow the font: heights of the axis, loop row and lag lane, the full row
    // height, and the label width (the widest task id of `taskCount` tasks). The row height
    // becomes the user's choice (clamped to the full height) or else the one fitting
    // `taskCount` tasks in a viewport `viewportHeight` px high.
    void measure(const QFontMetrics &fm, int taskCount, int viewportHeight);

    // Height of a task row: from 1 px (a density image, no text) up to fullRowHeight() (bars,
    // phases and labels).
    int rowHeight() const { return m_rowHeight; }
    int fullRowHeight() const { return m_fullRowHeight; }
    bool compactRows() const { return m_rowHeight < m_fullRowHeight; }
    int axisHeight() const { return m_axisHeight; }
    int loopHeight() const { return m_loopHeight; }
    int lagHeight() const { return m_lagHeight; }
    // Width of the row labels: the time area starts there.
    int labelWidth() const { return m_labelWidth; }
    // Width of the widest "#id" in the labels.
    int idWidth() const { return m_idWidth; }
    // Where the task rows start: under the axis, the loop row and the lag lane.
    int tasksTop() const { return m_axisHeight + m_loopHeight + m_lagHeight + 1; }

    // --- the row height ---
    // The row height a trace of `tasks` gets in a rows area `areaHeight` px high: full rows up
    // to FullRowsUpTo tasks or while they take at most FittingScreens screens, else the tallest
    // step (rowHeightSteps()) at which they do, down to 1 px. Full rows while the area is
    // unknown (not laid out yet).
    static int fittingRowHeight(int tasks, int areaHeight, int fullRowHeight);
    // The user's choice (clamped to the full height) if any, else the fitting height.
    int wantedRowHeight(int tasks, int areaHeight) const;
    // The user chose the row height of this trace: it is kept until forgetChosenRowHeight().
    bool rowHeightChosen() const { return m_userRowHeight > 0; }
    // The user's choice: 0 or anything above the full height is the full height (which stays
    // full when the font grows). Returns the row height it means now.
    int chooseRowHeight(int px);
    // A new trace: a height chosen for the last one (1 px rows of a 10,000-task run) would make
    // the next 10-task run a 10 px strip.
    void forgetChosenRowHeight() { m_userRowHeight = 0; }
    void setRowHeight(int px) { m_rowHeight = px; }
    // The steps taller/shorter rows go through: 1, 2, 4, 8, 12 px and the full height.
    QList<int> rowHeightSteps() const;
    // The next step above/below the current row height; 0 when there is none.
    int tallerStep() const;
    int shorterStep() const;

    // --- rows in a viewport scrolled by `scrollY` px of rows ---
    // The task whose row is at viewport y, -1 if none of `taskCount`.
    int rowAt(int y, int scrollY, int taskCount) const;
    // The top of a task's row in viewport coordinates (it may lie outside the viewport).
    int rowTop(int task, int scrollY) const { return tasksTop() + task * m_rowHeight - scrollY; }
    // The rows area of a viewport `viewportHeight` px high.
    int rowsAreaHeight(int viewportHeight) const;
    // All rows, as tall as they are.
    int rowsHeight(int taskCount) const { return taskCount * m_rowHeight; }
    // The scroll position that brings `task` into a rows area `areaHeight` high, moving as
    // little as possible from `scrollY`.
    int scrollShowing(int task, int scrollY, int areaHeight) const;
    // The scroll position, after the row height changed from `oldHeight` to the current one,
    // that keeps the row in the middle of the area there; one at the top stays at the top (a run
    // whose rows are fitted as its tasks appear keeps showing task 0).
    int scrollKeepingCentre(int scrollY, int areaHeight, int oldHeight) const;

private:
    int m_rowHeight = 18;
    int m_fullRowHeight = 18;
    int m_userRowHeight = 0; // chosen by the user for this trace; 0: none (it fits the trace)
    int m_axisHeight = 26;
    int m_loopHeight = 20;
    int m_lagHeight = 12;
    int m_labelWidth = 160;
    int m_idWidth = 40;
};

} // namespace Coroscope
