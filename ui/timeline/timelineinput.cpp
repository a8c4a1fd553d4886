// TimelineView's input: the wheel, keys, mouse and gestures, turned into zooms, pans, rows and
// selections (timelinenavigation.cpp). What a mouse gesture means is TimelinePointer's
// (timelinepointer.h), the W/A/S/D glide TimelineKeyNavigator's (timelinekeynavigator.h).
#include "timelineview.h"

#include "timelinestate.h"

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

namespace Coroscope {

namespace {

constexpr double WheelZoomPerNotch = 1.25;

} // namespace

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint angle = event->angleDelta();
    const int delta = angle.y() != 0 ? angle.y() : angle.x();
    // Ctrl over the row labels, or Ctrl+Shift anywhere: the rows' height rather than time.
    const bool rowZoom = (event->modifiers() & Qt::ControlModifier)
        && ((event->modifiers() & Qt::ShiftModifier)
            || event->position().x() < m_layout.labelWidth());
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

int TimelineView::keyZoomAnchor() const
{
    const int labelWidth = m_layout.labelWidth();
    const QPoint mouse = viewport()->mapFromGlobal(QCursor::pos());
    return viewport()->rect().contains(mouse) && mouse.x() >= labelWidth
        ? mouse.x()
        : labelWidth + m_coords.width() / 2;
}

void TimelineView::keyReleaseEvent(QKeyEvent *event)
{
    if (m_keys.release(event->key(), event->isAutoRepeat())) {
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
    m_keys.releaseAll();
    viewport()->update();
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    // W/A/S/D: a tap steps, holding glides (TimelineKeyNavigator).
    if (m_keys.press(event->key(), event->modifiers(), event->isAutoRepeat())) {
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
            setSelectedTask(selectedTask() < 0 ? firstVisibleRow()
                                               : std::max(0, selectedTask() - 1));
        return;
    case Qt::Key_Down:
        if (taskCount() > 0)
            setSelectedTask(selectedTask() < 0 ? firstVisibleRow()
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
    if (applyPointer(m_pointer.press(event->position().toPoint(), event->button(),
                                     event->modifiers(), m_layout, m_coords)))
        event->accept();
    else
        QAbstractScrollArea::mousePressEvent(event);
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (applyPointer(m_pointer.move(event->position().toPoint(), m_layout, m_coords)))
        event->accept();
    else
        QAbstractScrollArea::mouseMoveEvent(event);
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (applyPointer(m_pointer.release(event->position().toPoint(), event->button(), m_layout)))
        event->accept();
    else
        QAbstractScrollArea::mouseReleaseEvent(event);
}

bool TimelineView::applyPointer(const TimelinePointer::Action &action)
{
    using Action = TimelinePointer::Action;
    if (action.kind == Action::Pass)
        return false;
    if (action.cursor == Action::Cursor::Grab)
        viewport()->setCursor(Qt::ClosedHandCursor);
    else if (action.cursor == Action::Cursor::Release)
        viewport()->unsetCursor();
    switch (action.kind) {
    case Action::Pass:
    case Action::None:
        break;
    case Action::MovePlayhead:
        movePlayheadTo(action.timeX);
        break;
    case Action::SelectRange:
        setSelectedRange(action.startNs, action.endNs);
        break;
    case Action::ClearRange:
        clearSelectedRange();
        break;
    case Action::Drag:
        if (action.delta.x() != 0)
            panBy(-action.delta.x());
        if (action.delta.y() != 0)
            verticalScrollBar()->setValue(verticalScrollBar()->value() - action.delta.y());
        break;
    case Action::Click:
        setSelectedTask(taskAt(action.pos));
        break;
    }
    return true;
}

void TimelineView::movePlayheadTo(int timeX)
{
    const qint64 ns
        = std::clamp<qint64>(m_coords.nsForX(timeX), 0, std::max<qint64>(0, extentNs()));
    m_state->setPlayheadNs(ns);
    Q_EMIT playheadRequested(ns);
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
