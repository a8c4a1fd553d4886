// TimelineView's zoom and scroll control and its input (wheel, keys, mouse, gestures): every
// change of the visible range goes through here. Painting is in timelinerenderer.cpp.
#include "timelineview.h"

#include "livetrace.h"

#include <QApplication>
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

namespace Coroscope {

namespace {

constexpr double WheelZoomPerNotch = 1.25;
constexpr double KeyZoom = 1.5;

} // namespace

// --- zoom and scroll -------------------------------------------------------------------------

void TimelineView::updateCoordinates()
{
    m_coords.setWidth(viewport()->width() - m_labelWidth);
    if (m_follow)
        applyFollow();
    else
        m_coords.setTraceEnd(nowNs());
}

void TimelineView::applyFollow()
{
    const qint64 now = nowNs();
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
    if (m_follow == follow)
        return;
    m_follow = follow;
    if (m_follow) {
        m_coords.setTraceEnd(nowNs());
        m_followSpanNs = m_coords.isFitted() ? 0 : m_coords.spanNs();
        applyFollow();
        updateScrollBars();
        viewport()->update();
        Q_EMIT visibleRangeChanged(m_coords.startNs(), m_coords.endNs());
    }
    Q_EMIT followLiveChanged(m_follow);
}

void TimelineView::fit()
{
    m_followSpanNs = 0;
    m_coords.fit(nowNs());
    if (!m_follow) {
        m_follow = true;
        Q_EMIT followLiveChanged(true);
    }
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
    m_coords.setTraceEnd(nowNs());
    m_coords.setRange(startNs, endNs);
    userChangedRange();
}

void TimelineView::zoomBy(double factor, int anchorViewportX)
{
    const int x = std::clamp(anchorViewportX - m_labelWidth, 0, m_coords.width());
    m_coords.setTraceEnd(nowNs());
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
    m_coords.setTraceEnd(nowNs());
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

// --- input -----------------------------------------------------------------------------------

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint angle = event->angleDelta();
    const int delta = angle.y() != 0 ? angle.y() : angle.x();
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

void TimelineView::keyPressEvent(QKeyEvent *event)
{
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
            setSelectedTask(m_selected < 0 ? verticalScrollBar()->value() / m_rowHeight
                                           : std::max(0, m_selected - 1));
        return;
    case Qt::Key_Down:
        if (taskCount() > 0)
            setSelectedTask(m_selected < 0 ? verticalScrollBar()->value() / m_rowHeight
                                           : std::min(taskCount() - 1, m_selected + 1));
        return;
    case Qt::Key_Escape:
        if (m_selected >= 0 || !m_highlightedTasks.isEmpty() || m_highlightStartNs >= 0) {
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
    if (m_dragging)
        viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
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
