#include "timelinelayout.h"

#include <QFontMetrics>
#include <QString>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Coroscope {

void TimelineLayout::measure(const QFontMetrics &fm, int taskCount, int viewportHeight)
{
    m_fullRowHeight = std::max(16, fm.height() + 3);
    m_axisHeight = fm.height() + 10;
    m_loopHeight = m_fullRowHeight + 4;
    m_lagHeight = std::max(10, m_fullRowHeight * 2 / 3);
    m_rowHeight = wantedRowHeight(taskCount, rowsAreaHeight(viewportHeight));
    const int digits = int(QString::number(std::max(0, taskCount - 1)).size());
    m_idWidth = fm.horizontalAdvance(u'#' + QString(digits, u'0'));
    // The label's parts (timelinerenderer.cpp's paintLabels): margins, the state mark, the id
    // and about 14 characters of URL.
    m_labelWidth = std::clamp(6 + 8 + 6 + m_idWidth + 8 + fm.averageCharWidth() * 14 + 6, 120, 280);
}

int TimelineLayout::fittingRowHeight(int tasks, int areaHeight, int fullRowHeight)
{
    if (tasks <= FullRowsUpTo || areaHeight <= 0
        || qint64(tasks) * fullRowHeight <= qint64(FittingScreens) * areaHeight)
        return fullRowHeight;
    // A big run: its shape at a glance (a density image) rather than a scroll bar's worth of
    // rows; ] or View > Row Height makes them taller.
    int height = 1;
    for (const int px : {2, 4, 8, 12}) {
        if (px < fullRowHeight && qint64(tasks) * px <= qint64(FittingScreens) * areaHeight)
            height = px;
    }
    return height;
}

int TimelineLayout::wantedRowHeight(int tasks, int areaHeight) const
{
    return m_userRowHeight > 0 ? std::min(m_userRowHeight, m_fullRowHeight)
                               : fittingRowHeight(tasks, areaHeight, m_fullRowHeight);
}

int TimelineLayout::chooseRowHeight(int px)
{
    const int height = px <= 0 ? m_fullRowHeight : std::clamp(px, 1, m_fullRowHeight);
    // Full rows stay full when the font (and with it the full height) grows.
    m_userRowHeight = height >= m_fullRowHeight ? std::numeric_limits<int>::max() : height;
    return height;
}

QList<int> TimelineLayout::rowHeightSteps() const
{
    QList<int> steps;
    for (const int px : {1, 2, 4, 8, 12}) {
        if (px < m_fullRowHeight)
            steps.append(px);
    }
    steps.append(m_fullRowHeight);
    return steps;
}

int TimelineLayout::tallerStep() const
{
    for (const int step : rowHeightSteps()) {
        if (step > m_rowHeight)
            return step;
    }
    return 0;
}

int TimelineLayout::shorterStep() const
{
    const QList<int> steps = rowHeightSteps();
    for (auto it = steps.crbegin(); it != steps.crend(); ++it) {
        if (*it < m_rowHeight)
            return *it;
    }
    return 0;
}

int TimelineLayout::rowAt(int y, int scrollY, int taskCount) const
{
    const int inRows = y - tasksTop();
    if (inRows < 0)
        return -1;
    const int row = (inRows + scrollY) / m_rowHeight;
    return row < taskCount ? row : -1;
}

int TimelineLayout::rowsAreaHeight(int viewportHeight) const
{
    return std::max(0, viewportHeight - tasksTop());
}

int TimelineLayout::scrollShowing(int task, int scrollY, int areaHeight) const
{
    const int top = task * m_rowHeight;
    if (top < scrollY)
        return top;
    if (top + m_rowHeight > scrollY + areaHeight)
        return top + m_rowHeight - areaHeight;
    return scrollY;
}

int TimelineLayout::scrollKeepingCentre(int scrollY, int areaHeight, int oldHeight) const
{
    if (scrollY == 0)
        return 0;
    const double centre = (scrollY + areaHeight / 2.0) / oldHeight;
    return int(std::lround(centre * m_rowHeight - areaHeight / 2.0));
}

} // namespace Coroscope
