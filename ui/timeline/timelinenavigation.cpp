// TimelineView's zoom and scroll control, its row height, go to task, search matches and time
// ranges: every change of the visible range goes through here. Its input (wheel, keys, mouse,
// gestures) is in timelineinput.cpp, painting in timelinerenderer.cpp.
#include "timelineview.h"

#include "livetrace.h"
#include "timelinestate.h"

#include <QScrollBar>

#include <algorithm>
#include <cmath>

namespace Coroscope {

namespace {

constexpr double KeyZoom = 1.5;

} // namespace

// --- zoom and scroll -------------------------------------------------------------------------

void TimelineView::updateCoordinates()
{
    m_coords.setWidth(viewport()->width() - m_layout.labelWidth());
    if (followLive())
        applyFollow();
    else
        m_coords.setTraceEnd(extentNs());
}

void TimelineView::applyFollow()
{
    const qint64 now = extentNs();
    if (m_followSpanNs <= 0) {
        m_coords.fit(now);
        return;
    }
    // Zoomed in: slide so that "now" sits near the right edge, with a little room to grow into.
    m_coords.setTraceEnd(now);
    const qint64 ahead = m_followSpanNs / 20;
    m_coords.setRange(now + ahead - m_followSpanNs, now + ahead);
}

void TimelineView::setFollowLive(bool follow)
{
    m_state->setFollowLive(follow); // onFollowLiveChanged() applies it
}

void TimelineView::onFollowLiveChanged(bool follow)
{
    if (follow) {
        m_coords.setTraceEnd(extentNs());
        m_followSpanNs = m_coords.isFitted() ? 0 : m_coords.spanNs();
        applyFollow();
        updateScrollBars();
        viewport()->update();
        Q_EMIT visibleRangeChanged(m_coords.startNs(), m_coords.endNs());
    }
    Q_EMIT followLiveChanged(follow);
}

void TimelineView::fit()
{
    m_followSpanNs = 0;
    m_coords.fit(extentNs());
    m_state->setFollowLive(true);
    updateScrollBars();
    viewport()->update();
    Q_EMIT visibleRangeChanged(m_coords.startNs(), m_coords.endNs());
}

void TimelineView::userChangedRange()
{
    setFollowLive(false);
    updateScrollBars();
    viewport()->update();
    Q_EMIT visibleRangeChanged(m_coords.startNs(), m_coords.endNs());
}

void TimelineView::setVisibleRange(qint64 startNs, qint64 endNs)
{
    m_coords.setTraceEnd(extentNs());
    m_coords.setRange(startNs, endNs);
    userChangedRange();
}

void TimelineView::zoomBy(double factor, int anchorViewportX)
{
    const int x = std::clamp(anchorViewportX - m_layout.labelWidth(), 0, m_coords.width());
    m_coords.setTraceEnd(extentNs());
    m_coords.zoomAround(m_coords.nsForX(x), factor);
    userChangedRange();
}

void TimelineView::zoomIn()
{
    zoomBy(KeyZoom, m_layout.labelWidth() + m_coords.width() / 2);
}

void TimelineView::zoomOut()
{
    zoomBy(1 / KeyZoom, m_layout.labelWidth() + m_coords.width() / 2);
}

void TimelineView::panBy(double dxPx)
{
    m_coords.setTraceEnd(extentNs());
    m_coords.pan(dxPx);
    userChangedRange();
}

void TimelineView::updateScrollBars()
{
    m_syncingScrollBars = true;
    // Nanoseconds overflow an int scroll bar after 2 s: count in coarser units.
    const qint64 limit = m_coords.limitNs();
    m_hScrollUnitNs = std::max<qint64>(1, limit / 1'000'000'000);
    const int page = int(m_coords.spanNs() / m_hScrollUnitNs);
    QScrollBar *h = horizontalScrollBar();
    h->setRange(0, int((limit - m_coords.spanNs()) / m_hScrollUnitNs));
    h->setPageStep(page);
    h->setSingleStep(std::max(1, page / 20));
    h->setValue(int(m_coords.startNs() / m_hScrollUnitNs));

    QScrollBar *v = verticalScrollBar();
    const int rowsHeight = m_layout.rowsHeight(taskCount());
    v->setRange(0, std::max(0, rowsHeight - tasksViewportHeight()));
    v->setPageStep(std::max(m_layout.rowHeight(), tasksViewportHeight()));
    v->setSingleStep(m_layout.rowHeight());
    m_syncingScrollBars = false;
}

void TimelineView::scrollContentsBy(int dx, int /*dy*/)
{
    if (dx != 0 && !m_syncingScrollBars) {
        const qint64 start = qint64(horizontalScrollBar()->value()) * m_hScrollUnitNs;
        m_coords.setRange(start, start + m_coords.spanNs());
        userChangedRange();
    }
    viewport()->update();
}

// --- rows: height, go to, search matches, time ranges -------------------------------------

void TimelineView::setSearchMatches(const QList<int> &tasks)
{
    m_matches = tasks;
    std::sort(m_matches.begin(), m_matches.end());
    viewport()->update();
}

bool TimelineView::isMatch(int task) const
{
    return !m_matches.isEmpty() && std::binary_search(m_matches.cbegin(), m_matches.cend(), task);
}

void TimelineView::goToTask(int task)
{
    if (task < 0 || task >= taskCount())
        return;
    // Into the middle, not just into view: the rows around it are the context.
    scrollToRow(task + 0.5 - visibleRowCount() / 2);
    setSelectedTask(task);
    viewport()->update();
}

void TimelineView::setRowHeight(int px)
{
    applyRowHeight(m_layout.chooseRowHeight(px));
}

void TimelineView::updateFittingRowHeight()
{
    if (!m_layout.rowHeightChosen())
        applyRowHeight(fittingRowHeight(taskCount(), tasksViewportHeight(), fullRowHeight()));
}

void TimelineView::applyRowHeight(int height)
{
    const int oldHeight = m_layout.rowHeight();
    if (height == oldHeight)
        return;
    // The row in the middle of the view stays there.
    const int scrollY = verticalScrollBar()->value();
    m_layout.setRowHeight(height);
    updateScrollBars();
    verticalScrollBar()->setValue(
        m_layout.scrollKeepingCentre(scrollY, tasksViewportHeight(), oldHeight));
    viewport()->update();
    Q_EMIT rowHeightChanged(height);
    Q_EMIT visibleRowsChanged();
}

void TimelineView::tallerRows()
{
    if (const int step = m_layout.tallerStep(); step > 0)
        setRowHeight(step);
}

void TimelineView::shorterRows()
{
    if (const int step = m_layout.shorterStep(); step > 0)
        setRowHeight(step);
}

int TimelineView::firstVisibleRow() const
{
    return verticalScrollBar()->value() / m_layout.rowHeight();
}

double TimelineView::visibleRowCount() const
{
    return double(tasksViewportHeight()) / m_layout.rowHeight();
}

void TimelineView::scrollToRow(double row)
{
    verticalScrollBar()->setValue(int(std::lround(row * m_layout.rowHeight())));
}

void TimelineView::setSelectedRange(qint64 startNs, qint64 endNs)
{
    if (startNs > endNs)
        std::swap(startNs, endNs);
    m_state->setSelectedRange(startNs, endNs);
}

void TimelineView::clearSelectedRange()
{
    m_state->clearSelectedRange();
}

} // namespace Coroscope
