// The timeline's callout: the explanation of what Concepts' Show me or a clicked diagnostic
// points at, drawn beside it on the timeline (a status-bar hint alone is read far from the
// span it explains, and is gone after a few seconds).
#include "timelinerenderer.h"

#include "livetrace.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace Coroscope {

namespace {
constexpr int CalloutPadding = 8;
constexpr int CalloutMaxWidth = 380;
constexpr int PointerLength = 9; // from the balloon's edge to its row
constexpr int PointerHalfWidth = 7;
// The highlight band's yellow, lightened: the balloon reads as part of the highlight, and its
// own colours keep it legible on light and dark palettes alike.
const QColor CalloutFill(0xff, 0xf8, 0xc8);
const QColor CalloutBorder(0xb8, 0xa8, 0x00);
const QColor CalloutText(0x20, 0x20, 0x20);
} // namespace

bool TimelineRenderer::calloutGeometry(const Frame &frame, QRect *box, QPolygon *pointer)
{
    if (frame.callout.isEmpty() || !frame.hasHighlight() || !frame.trace || !frame.interactive)
        return false;
    // The anchor: the first highlighted row (the one scrolled to), else the loop row.
    const int rowsTop = frame.area.top() + frame.tasksTop();
    int anchorTop = frame.area.top() + frame.axisHeight;
    int anchorHeight = frame.loopHeight;
    const int task = frame.highlightAnchor >= 0 && frame.highlightAnchor < frame.taskCount()
        ? frame.highlightAnchor
        : -1;
    if (task >= 0) {
        anchorTop = rowsTop + task * frame.rowHeight - frame.scrollY;
        anchorHeight = frame.rowHeight;
        if (anchorTop + anchorHeight <= rowsTop || anchorTop > frame.area.bottom())
            return false; // scrolled out of view: a balloon pointing at nothing
    }
    // Its span: the highlighted time, else the task's life.
    qint64 startNs = frame.highlightStartNs;
    qint64 endNs = frame.highlightEndNs;
    if (startNs < 0 && task >= 0) {
        const TaskTimes &times = frame.trace->segments().times(quint32(task));
        startNs = std::max<qint64>(0, times.createdNs);
        endNs = times.finishedNs >= 0 ? times.finishedNs : frame.nowNs;
    }
    const int timeLeft = frame.timeLeft();
    const int timeRight = timeLeft + frame.coords.width() - 1;
    int spanLeft = timeLeft;
    int spanRight = timeRight;
    if (startNs >= 0) {
        const double l = frame.coords.xForNs(startNs);
        const double r = frame.coords.xForNs(std::max(startNs, endNs));
        if (r < 0 || l > frame.coords.width())
            return false; // panned or zoomed away from the span
        spanLeft = timeLeft + int(std::floor(std::max(0.0, l)));
        spanRight = timeLeft + int(std::ceil(std::min(double(frame.coords.width()), r)));
    }

    // The balloon: wrapped text, as wide as it needs up to CalloutMaxWidth.
    const int maxWidth = std::min(CalloutMaxWidth, frame.coords.width() - 8);
    if (maxWidth < 80)
        return false;
    const QFontMetrics fm = QFontMetrics(frame.font);
    const QRect text = fm.boundingRect(QRect(0, 0, maxWidth - 2 * CalloutPadding, 100'000),
                                       Qt::TextWordWrap, frame.callout);
    const QSize size(text.width() + 2 * CalloutPadding, text.height() + 2 * CalloutPadding);

    // Below the anchor when it fits, else above, else where there is more room.
    const int anchorBottom = anchorTop + anchorHeight;
    const int below = frame.area.bottom() - (anchorBottom + PointerLength);
    const int above = anchorTop - PointerLength - (frame.area.top() + frame.axisHeight);
    const bool putBelow = below >= size.height() || below >= above;
    const int top
        = putBelow ? anchorBottom + PointerLength : anchorTop - PointerLength - size.height();
    // Horizontally: the pointer at the middle of the span's visible part, the balloon starting
    // a little left of it and kept inside the time area.
    const int tipX = std::clamp((spanLeft + spanRight) / 2, timeLeft + PointerHalfWidth + 4,
                                timeRight - PointerHalfWidth - 4);
    const int left = std::clamp(tipX - 3 * PointerHalfWidth, timeLeft + 4,
                                std::max(timeLeft + 4, timeRight - 4 - size.width()));
    *box = QRect(QPoint(left, top), size);
    const int edge = putBelow ? box->top() : box->bottom() + 1;
    const int tip = putBelow ? anchorBottom : anchorTop;
    *pointer = QPolygon({QPoint(tipX - PointerHalfWidth, edge), QPoint(tipX, tip),
                         QPoint(tipX + PointerHalfWidth, edge)});
    return true;
}

void TimelineRenderer::paintCallout(QPainter &painter, const Frame &frame) const
{
    QRect box;
    QPolygon pointer;
    if (!calloutGeometry(frame, &box, &pointer))
        return;
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    QPainterPath shape;
    shape.addRoundedRect(QRectF(box).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5);
    QPainterPath tip;
    tip.addPolygon(QPolygonF(pointer));
    tip.closeSubpath();
    shape = shape.united(tip);
    painter.setPen(QPen(CalloutBorder, 1));
    painter.setBrush(CalloutFill);
    painter.drawPath(shape);
    painter.setPen(CalloutText);
    painter.drawText(box.adjusted(CalloutPadding, CalloutPadding, -CalloutPadding, -CalloutPadding),
                     Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, frame.callout);
    painter.restore();
}

} // namespace Coroscope
