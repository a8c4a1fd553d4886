#pragma once

#include <QPoint>
#include <QtGlobal>

namespace Coroscope {

class TimelineCoordinates;
class TimelineLayout;

// What the mouse is doing on a timeline between a press and its release: a click (selects the
// row under it), a drag that pans (left beyond the drag distance, or middle at once), a
// Shift+drag that marks a time range, or a press on the time axis that moves the playhead and
// drags it. It owns only that gesture's state; each event becomes one Action the view carries
// out on itself and the shared TimelineState, so the gesture rules are read (and tested) here
// without a widget.
class TimelinePointer
{
public:
    struct Action
    {
        enum Kind {
            Pass, // not a gesture of ours: the base class's handling
            None, // ours, nothing to do (yet)
            MovePlayhead, // to `timeX`
            SelectRange, // [startNs, endNs] (in either order)
            ClearRange, // a Shift+click without a drag
            Drag, // the content follows the hand by `delta`: pan by -x, scroll by -y
            Click, // select the task at `pos` (in the task rows)
        };
        enum class Cursor { Keep, Grab, Release };
        Kind kind = Pass;
        int timeX = 0; // time-area pixels
        qint64 startNs = -1;
        qint64 endNs = -1;
        QPoint delta;
        QPoint pos;
        Cursor cursor = Cursor::Keep;
    };

    // `dragDistance`: how far a press moves before it is a drag; -1: QApplication's, as set now.
    explicit TimelinePointer(int dragDistance = -1);

    Action press(QPoint pos, Qt::MouseButton button, Qt::KeyboardModifiers modifiers,
                 const TimelineLayout &layout, const TimelineCoordinates &coords);
    Action move(QPoint pos, const TimelineLayout &layout, const TimelineCoordinates &coords);
    Action release(QPoint pos, Qt::MouseButton button, const TimelineLayout &layout);

    bool isPressed() const { return m_pressed; }
    bool isDragging() const { return m_dragging; }

private:
    bool beyondDragDistance(QPoint pos) const;

    int m_dragDistance; // -1: QApplication::startDragDistance()
    QPoint m_pressPos;
    QPoint m_lastDragPos;
    bool m_pressed = false;
    bool m_dragging = false; // panning
    bool m_selectingRange = false; // a Shift+drag
    bool m_draggingPlayhead = false; // a press on the time axis
    qint64 m_rangeAnchorNs = 0; // where a Shift+drag started
};

} // namespace Coroscope
