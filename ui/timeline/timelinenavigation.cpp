// TimelineView's zoom and scroll control, its row height, go to task, search matches and time
// ranges, and its input (wheel, keys, mouse, gestures): every change of the visible range goes
// through here. Painting is in timelinerenderer.cpp.
#include "timelineview.h"

#include "livetrace.h"
#include "timelinestate.h"

#include <QApplication>
#include <QCursor>
#include <QGestureEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPinchGesture>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace Coroscope {

namespace {

constexpr double WheelZoomPerNotch = 1.25;
constexpr double KeyZoom = 1.5;
// W/A/S/D, Perfetto's keys: a tap moves one step, holding glides (per second, after a short
// delay so that a tap stays one step).
constexpr double TapZoom = 1.25;
constexpr double TapPanFraction = 0.1;
constexpr double HeldZoomPerSecond = 5.0;
constexpr double HeldPanPerSecond = 1.0; // view widths
constexpr qint64 HoldDelayMs = 150;

enum NavKey : int { NavZoomIn = 1, NavZoomOut = 2, NavLeft = 4, NavRight = 8 };

int navKey(int key)
{
    switch (key) {
    case Qt::Key_W:
        return NavZoomIn;
    case Qt::Key_S:
        return NavZoomOut;
    case Qt::Key_A:
        return NavLeft;
    case Qt::Key_D:
        return NavRight;
    default:
        return 0;
    }
}

} // namespace

// --- zoom and scroll -------------------------------------------------------------------------

void TimelineView::updateCoordinates()
{
    m_coords.setWidth(viewport()->width() - m_labelWidth);
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
    const int x = std::clamp(anchorViewportX - m_labelWidth, 0, m_coords.width());
    m_coords.setTraceEnd(extentNs());
    m_coords.zoomAround(m_coords.nsForX(x), factor);
    userChangedRange();
}

void TimelineView::zoomIn()
{
    zoomBy(KeyZoom, m_labelWidth + m_coords.width() / 2);
}

void TimelineView::zoomOut()
{
    zoomBy(1 / KeyZoom, m_labelWidth + m_coords.width() / 2);
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
    const int rowsHeight = taskCount() * m_rowHeight;
    v->setRange(0, std::max(0, rowsHeight - tasksViewportHeight()));
    v->setPageStep(std::max(m_rowHeight, tasksViewportHeight()));
    v->setSingleStep(m_rowHeight);
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

QList<int> TimelineView::rowHeightSteps() const
{
    QList<int> steps;
    for (const int px : {1, 2, 4, 8, 12}) {
        if (px < m_fullRowHeight)
            steps.append(px);
    }
    steps.append(m_fullRowHeight);
    return steps;
}

int TimelineView::fittingRowHeight(int tasks, int areaHeight, int fullRowHeight)
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

void TimelineView::setRowHeight(int px)
{
    const int height = px <= 0 ? m_fullRowHeight : std::clamp(px, 1, m_fullRowHeight);
    // Full rows stay full when the font (and with it the full height) grows.
    m_userRowHeight = height >= m_fullRowHeight ? std::numeric_limits<int>::max() : height;
    applyRowHeight(height);
}

void TimelineView::updateFittingRowHeight()
{
    if (m_userRowHeight == 0)
        applyRowHeight(fittingRowHeight(taskCount(), tasksViewportHeight(), m_fullRowHeight));
}

void TimelineView::applyRowHeight(int height)
{
    if (height == m_rowHeight)
        return;
    // The row in the middle of the view stays there; a view at the first row stays there (a
    // run whose rows are fitted as its tasks appear keeps showing task 0).
    const bool atTop = verticalScrollBar()->value() == 0;
    const double centre
        = (verticalScrollBar()->value() + tasksViewportHeight() / 2.0) / m_rowHeight;
    m_rowHeight = height;
    updateScrollBars();
    verticalScrollBar()->setValue(
        atTop ? 0 : int(std::lround(centre * m_rowHeight - tasksViewportHeight() / 2.0)));
    viewport()->update();
    Q_EMIT rowHeightChanged(m_rowHeight);
    Q_EMIT visibleRowsChanged();
}

void TimelineView::tallerRows()
{
    for (const int step : rowHeightSteps()) {
        if (step > m_rowHeight) {
            setRowHeight(step);
            return;
        }
    }
}

void TimelineView::shorterRows()
{
    const QList<int> steps = rowHeightSteps();
    for (auto it = steps.crbegin(); it != steps.crend(); ++it) {
        if (*it < m_rowHeight) {
            setRowHeight(*it);
            return;
        }
    }
}

int TimelineView::firstVisibleRow() const
{
    return verticalScrollBar()->value() / m_rowHeight;
}

double TimelineView::visibleRowCount() const
{
    return double(tasksViewportHeight()) / m_rowHeight;
}

void TimelineView::scrollToRow(double row)
{
    verticalScrollBar()->setValue(int(std::lround(row * m_rowHeight)));
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

// --- input -----------------------------------------------------------------------------------

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint angle = event->angleDelta();
    const int delta = angle.y() != 0 ? angle.y() : angle.x();
    // Ctrl over the row labels, or Ctrl+Shift anywhere: the rows' height rather than time.
    const bool rowZoom = (event->modifiers() & Qt::ControlModifier)
        && ((event->modifiers() & Qt::ShiftModifier) || event->position().x() < m_labelWidth);
    if (rowZoom) {
        if (delta > 0)
            tallerRows();
        else if (delta < 0)
            shorterRows();
        event->accept();
        return;
    }
    if (event->modifiers() & Qt::ControlModifier) {
        if (delta != 0)
            zoomBy(std::pow(WheelZoomPerNotch, delta / 120.0), int(event->position().x()));
        event->accept();
        return;
    }
    if ((event->modifiers() & Qt::ShiftModifier) || std::abs(angle.x()) > std::abs(angle.y())) {
        // A notch pans a tenth of the view, like a scroll bar's single step.
        if (!event->pixelDelta().isNull()) {
            const QPoint px = event->pixelDelta();
            panBy(-(px.x() != 0 ? px.x() : px.y()));
        } else if (delta != 0) {
            panBy(-delta / 120.0 * m_coords.width() / 10.0);
        }
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TimelineView::stepKeyNavigation()
{
    const double seconds = double(m_navClock.restart()) / 1000.0;
    if (m_navKeys == 0) {
        m_navTimer.stop();
        return;
    }
    if (m_navHeld.elapsed() < HoldDelayMs)
        return;
    const QPoint mouse = viewport()->mapFromGlobal(QCursor::pos());
    const int anchor = viewport()->rect().contains(mouse) && mouse.x() >= m_labelWidth
        ? mouse.x()
        : m_labelWidth + m_coords.width() / 2;
    const int zoom = (m_navKeys & NavZoomIn ? 1 : 0) - (m_navKeys & NavZoomOut ? 1 : 0);
    const int pan = (m_navKeys & NavRight ? 1 : 0) - (m_navKeys & NavLeft ? 1 : 0);
    if (zoom != 0)
        zoomBy(std::pow(HeldZoomPerSecond, zoom * seconds), anchor);
    if (pan != 0)
        panBy(pan * HeldPanPerSecond * seconds * m_coords.width());
}

void TimelineView::keyReleaseEvent(QKeyEvent *event)
{
    const int key = navKey(event->key());
    if (key != 0) {
        // Auto-repeat sends release/press pairs on X11: only a real release lets go.
        if (!event->isAutoRepeat())
            m_navKeys &= ~key;
        if (m_navKeys == 0)
            m_navTimer.stop();
        event->accept();
        return;
    }
    QAbstractScrollArea::keyReleaseEvent(event);
}

void TimelineView::focusInEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusInEvent(event);
    viewport()->update(); // the focus frame
}

void TimelineView::focusOutEvent(QFocusEvent *event)
{
    QAbstractScrollArea::focusOutEvent(event);
    m_navKeys = 0;
    m_navTimer.stop();
    viewport()->update();
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    if (const int key = navKey(event->key()); key != 0
        && !(event->modifiers()
             & (Qt::ShiftModifier | Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier))) {
        if (event->isAutoRepeat() || (m_navKeys & key)) {
            event->accept(); // the timer is already gliding
            return;
        }
        // A tap is one step, at once; holding the key glides from HoldDelayMs on.
        const int centre = m_labelWidth + m_coords.width() / 2;
        const QPoint mouse = viewport()->mapFromGlobal(QCursor::pos());
        const int anchor
            = viewport()->rect().contains(mouse) && mouse.x() >= m_labelWidth ? mouse.x() : centre;
        if (key == NavZoomIn)
            zoomBy(TapZoom, anchor);
        else if (key == NavZoomOut)
            zoomBy(1 / TapZoom, anchor);
        else
            panBy((key == NavRight ? 1 : -1) * TapPanFraction * m_coords.width());
        if (m_navKeys == 0)
            m_navHeld.start();
        m_navKeys |= key;
        m_navClock.start();
        m_navTimer.start();
        event->accept();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        zoomOut();
        return;
    case Qt::Key_0:
        fit();
        return;
    case Qt::Key_Left:
        panBy(-m_coords.width() / 10.0);
        return;
    case Qt::Key_Right:
        panBy(m_coords.width() / 10.0);
        return;
    case Qt::Key_Up:
        if (taskCount() > 0)
            setSelectedTask(selectedTask() < 0 ? verticalScrollBar()->value() / m_rowHeight
                                               : std::max(0, selectedTask() - 1));
        return;
    case Qt::Key_Down:
        if (taskCount() > 0)
            setSelectedTask(selectedTask() < 0 ? verticalScrollBar()->value() / m_rowHeight
                                               : std::min(taskCount() - 1, selectedTask() + 1));
        return;
    case Qt::Key_Escape:
        if (selectedRangeStartNs() >= 0) {
            clearSelectedRange();
            return;
        }
        if (selectedTask() >= 0 || !m_highlightedTasks.isEmpty() || m_highlightStartNs >= 0) {
            clearHighlight();
            setSelectedTask(-1);
            return;
        }
        break;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = event->button() == Qt::MiddleButton;
    m_pressPos = m_lastDragPos = event->position().toPoint();
    // A click (or drag) on the time axis moves the Loop state panel's playhead.
    m_draggingPlayhead = event->button() == Qt::LeftButton && m_pressPos.y() < m_axisHeight
        && m_pressPos.x() >= m_labelWidth;
    if (m_draggingPlayhead) {
        movePlayheadTo(m_pressPos.x() - m_labelWidth);
        event->accept();
        return;
    }
    // Shift+drag over the time area marks a time range instead of panning.
    m_selectingRange = event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier)
        && m_pressPos.x() >= m_labelWidth && m_pressPos.y() >= m_axisHeight;
    if (m_selectingRange)
        m_rangeAnchorNs = m_coords.nsForX(m_pressPos.x() - m_labelWidth);
    if (m_dragging)
        viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void TimelineView::movePlayheadTo(int timeX)
{
    const qint64 ns
        = std::clamp<qint64>(m_coords.nsForX(timeX), 0, std::max<qint64>(0, extentNs()));
    m_state->setPlayheadNs(ns);
    Q_EMIT playheadRequested(ns);
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    if (m_draggingPlayhead) {
        movePlayheadTo(std::clamp(pos.x() - m_labelWidth, 0, m_coords.width()));
        event->accept();
        return;
    }
    if (m_selectingRange) {
        if ((pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
            const int x = std::clamp(pos.x() - m_labelWidth, 0, m_coords.width());
            setSelectedRange(m_rangeAnchorNs, m_coords.nsForX(x));
        }
        event->accept();
        return;
    }
    if (!m_dragging && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        m_dragging = true;
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    if (m_dragging) {
        // The content follows the hand: dragging right shows earlier times, down shows upper rows.
        const QPoint delta = pos - m_lastDragPos;
        m_lastDragPos = pos;
        if (delta.x() != 0)
            panBy(-delta.x());
        if (delta.y() != 0)
            verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    }
    event->accept();
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    if (m_draggingPlayhead) {
        m_draggingPlayhead = m_pressed = false;
        event->accept();
        return;
    }
    if (m_selectingRange) {
        m_selectingRange = m_pressed = false;
        const QPoint pos = event->position().toPoint();
        // A Shift+click without a drag clears the range.
        if ((pos - m_pressPos).manhattanLength() < QApplication::startDragDistance())
            clearSelectedRange();
        event->accept();
        return;
    }
    const bool click = !m_dragging && event->button() == Qt::LeftButton;
    m_pressed = m_dragging = false;
    viewport()->unsetCursor();
    if (click) {
        const QPoint pos = event->position().toPoint();
        if (pos.y() >= tasksTop())
            setSelectedTask(taskAt(pos));
    }
    event->accept();
}

bool TimelineView::viewportEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ToolTip: {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, viewport());
        }
        return true;
    }
    case QEvent::NativeGesture: {
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1.0 + gesture->value(), int(gesture->position().x()));
            return true;
        }
        break;
    }
    case QEvent::Gesture: {
        auto *gestures = static_cast<QGestureEvent *>(event);
        if (auto *pinch = static_cast<QPinchGesture *>(gestures->gesture(Qt::PinchGesture))) {
            if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged) {
                const QPoint centre = viewport()->mapFromGlobal(pinch->centerPoint().toPoint());
                zoomBy(pinch->scaleFactor(), centre.x());
            }
            gestures->accept(pinch);
            return true;
        }
        break;
    }
    default:
        break;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

} // namespace Coroscope
