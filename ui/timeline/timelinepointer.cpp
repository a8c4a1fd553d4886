#include "timelinepointer.h"

#include "timelinecoordinates.h"
#include "timelinelayout.h"

#include <QApplication>

#include <algorithm>

namespace Coroscope {

TimelinePointer::TimelinePointer(int dragDistance)
    : m_dragDistance(dragDistance)
{
}

bool TimelinePointer::beyondDragDistance(QPoint pos) const
{
    const int distance = m_dragDistance >= 0 ? m_dragDistance : QApplication::startDragDistance();
    return (pos - m_pressPos).manhattanLength() >= distance;
}

TimelinePointer::Action TimelinePointer::press(QPoint pos, Qt::MouseButton button,
                                               Qt::KeyboardModifiers modifiers,
                                               const TimelineLayout &layout,
                                               const TimelineCoordinates &coords)
{
    Action action;
    if (button != Qt::LeftButton && button != Qt::MiddleButton)
        return action; // Pass
    m_pressed = true;
    m_dragging = button == Qt::MiddleButton;
    m_pressPos = m_lastDragPos = pos;
    // A click (or drag) on the time axis moves the Loop state panel's playhead.
    m_draggingPlayhead = button == Qt::LeftButton && pos.y() < layout.axisHeight()
        && pos.x() >= layout.labelWidth();
    if (m_draggingPlayhead) {
        action.kind = Action::MovePlayhead;
        action.timeX = pos.x() - layout.labelWidth();
        return action;
    }
    // Shift+drag over the time area marks a time range instead of panning.
    m_selectingRange = button == Qt::LeftButton && (modifiers & Qt::ShiftModifier)
        && pos.x() >= layout.labelWidth() && pos.y() >= layout.axisHeight();
    if (m_selectingRange)
        m_rangeAnchorNs = coords.nsForX(pos.x() - layout.labelWidth());
    action.kind = Action::None;
    if (m_dragging)
        action.cursor = Action::Cursor::Grab;
    return action;
}

TimelinePointer::Action TimelinePointer::move(QPoint pos, const TimelineLayout &layout,
                                              const TimelineCoordinates &coords)
{
    Action action;
    if (!m_pressed)
        return action; // Pass
    action.kind = Action::None;
    const int timeX = std::clamp(pos.x() - layout.labelWidth(), 0, coords.width());
    if (m_draggingPlayhead) {
        action.kind = Action::MovePlayhead;
        action.timeX = timeX;
        return action;
    }
    if (m_selectingRange) {
        if (beyondDragDistance(pos)) {
            action.kind = Action::SelectRange;
            action.startNs = m_rangeAnchorNs;
            action.endNs = coords.nsForX(timeX);
        }
        return action;
    }
    if (!m_dragging && beyondDragDistance(pos)) {
        m_dragging = true;
        action.cursor = Action::Cursor::Grab;
    }
    if (m_dragging) {
        // The content follows the hand: dragging right shows earlier times, down shows upper rows.
        action.kind = Action::Drag;
        action.delta = pos - m_lastDragPos;
        m_lastDragPos = pos;
    }
    return action;
}

TimelinePointer::Action TimelinePointer::release(QPoint pos, Qt::MouseButton button,
                                                 const TimelineLayout &layout)
{
    Action action;
    if (!m_pressed)
        return action; // Pass
    action.kind = Action::None;
    if (m_draggingPlayhead) {
        m_draggingPlayhead = m_pressed = false;
        return action;
    }
    if (m_selectingRange) {
        m_selectingRange = m_pressed = false;
        // A Shift+click without a drag clears the range.
        if (!beyondDragDistance(pos))
            action.kind = Action::ClearRange;
        return action;
    }
    const bool click = !m_dragging && button == Qt::LeftButton;
    m_pressed = m_dragging = false;
    action.cursor = Action::Cursor::Release;
    if (click && pos.y() >= layout.tasksTop()) {
        action.kind = Action::Click;
        action.pos = pos;
    }
    return action;
}

} // namespace Coroscope
