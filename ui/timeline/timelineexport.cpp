// TimelineView's side of painting: the snapshot (TimelineRenderer::Frame) of what the viewport
// shows or an export draws, handed to its TimelineRenderer; and the image and SVG exports of
// what is visible or of the whole run scaled to a sane height.
#include "timelineview.h"

#include "livetrace.h"

#include <QPainter>
#include <QSaveFile>
#include <QScrollBar>
#include <QSvgGenerator>

#include <algorithm>

namespace Coroscope {

TimelineView::Frame TimelineView::currentFrame() const
{
    Frame frame;
    frame.coords = m_coords;
    frame.area = viewport()->rect();
    frame.labelWidth = m_layout.labelWidth();
    frame.scrollY = verticalScrollBar()->value();
    frame.nowNs = nowNs();
    frame.live = m_trace && m_trace->isLive() && !m_trace->isViewingPast();
    frame.rowHeight = m_layout.rowHeight();
    frame.compact = m_layout.compactRows();
    frame.interactive = true;
    frame.fullRowHeight = m_layout.fullRowHeight();
    frame.axisHeight = m_layout.axisHeight();
    frame.loopHeight = m_layout.loopHeight();
    frame.lagHeight = m_layout.lagHeight();
    frame.idWidth = m_layout.idWidth();
    frame.palette = palette();
    frame.font = font();
    updateLoopState();
    frame.trace = m_trace;
    frame.loop = &m_loop;
    frame.phases = m_showPhases && m_trace ? &m_phases : nullptr;
    frame.selectedTask = selectedTask();
    frame.highlightedTasks = m_highlightedTasks;
    frame.matches = m_matches;
    frame.highlightStartNs = m_highlightStartNs;
    frame.highlightEndNs = m_highlightEndNs;
    frame.highlightAnchor = m_highlightAnchor;
    frame.callout = m_callout;
    frame.rangeStartNs = selectedRangeStartNs();
    frame.rangeEndNs = selectedRangeEndNs();
    frame.playheadNs = playheadNs();
    return frame;
}

void TimelineView::paintEvent(QPaintEvent * /*event*/)
{
    QPainter painter(viewport());
    const Frame frame = currentFrame();
    m_renderer.paint(painter, frame);
    if (hasFocus()) {
        // Keyboard focus: a frame in the highlight colour, inside the viewport's edge.
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.drawRect(frame.area.adjusted(1, 1, -1, -1));
    }
}

QImage TimelineView::renderImage(const QSize &size) const
{
    Frame frame = currentFrame();
    const int width = std::max(size.width(), viewport()->width());
    const int height = size.height() > 0
        ? size.height()
        : std::min(MaxImageHeight, tasksTop() + m_layout.rowsHeight(taskCount()));
    frame.area = QRect(0, 0, width, height);
    frame.coords.setWidth(width - m_layout.labelWidth());
    frame.scrollY = 0;
    frame.interactive = false;
    QImage image(frame.area.size(), QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    m_renderer.paint(painter, frame);
    return image;
}

TimelineView::Frame TimelineView::imageFrame(ImageScope scope) const
{
    Frame frame = currentFrame();
    frame.interactive = false;
    if (scope == ImageScope::Visible)
        return frame;
    // The whole run: every task, all of its time. Full rows when they fit, else rows shrink
    // down to a pixel, then several tasks share each pixel row.
    const int count = taskCount();
    const int room = std::max(1, MaxScaledHeight - tasksTop());
    frame.coords.fit(extentNs());
    frame.scrollY = 0;
    frame.rowsPerBand = 1;
    const int fullRowHeight = m_layout.fullRowHeight();
    frame.rowHeight = fullRowHeight;
    if (count * fullRowHeight > room) {
        frame.rowHeight = std::max(1, room / std::max(1, count));
        if (count > room)
            frame.rowsPerBand = (count + room - 1) / room;
    }
    frame.compact = frame.rowHeight < fullRowHeight || frame.rowsPerBand > 1;
    const int bands = TimelineDensity::bandCount(count, frame.rowsPerBand);
    frame.area = QRect(0, 0, viewport()->width(), tasksTop() + bands * frame.rowHeight);
    return frame;
}

QImage TimelineView::renderImage(ImageScope scope, const ImageHeading &heading) const
{
    const Frame frame = imageFrame(scope);
    const int top = headingHeight(heading, frame.area.width());
    QImage image(frame.area.size() + QSize(0, top), QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    if (top > 0) {
        TimelineRenderer::layoutHeading(&painter, heading, frame.area.width(), palette(), font(),
                                        m_showPhases);
        painter.translate(0, top);
    }
    m_renderer.paint(painter, frame);
    return image;
}

bool TimelineView::exportSvg(const QString &path, ImageScope scope, QString *error,
                             const ImageHeading &heading) const
{
    const Frame frame = imageFrame(scope);
    const int top = headingHeight(heading, frame.area.width());
    const QRect picture(0, 0, frame.area.width(), frame.area.height() + top);
    // Written aside and renamed into place: a failed export keeps the previous file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(picture.size());
    svg.setViewBox(picture);
    // At the screen's resolution (the generator's default is 72 dpi): the text has the size it
    // has on screen relative to the rows, and viewers (96 dpi) show it at about its pixel size.
    svg.setResolution(logicalDpiY());
    svg.setTitle(tr("Coroscope timeline"));
    if (!heading.title.isEmpty())
        svg.setDescription(heading.title);
    else if (m_trace)
        svg.setDescription(tr("Tasks: %1, strategy: %2")
                               .arg(QString::number(taskCount()), m_trace->trace().strategy));
    {
        QPainter painter(&svg);
        if (top > 0) {
            TimelineRenderer::layoutHeading(&painter, heading, frame.area.width(), palette(),
                                            font(), m_showPhases);
            painter.translate(0, top);
        }
        m_renderer.paint(painter, frame);
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

QRect TimelineView::calloutRect() const
{
    QRect box;
    QPolygon pointer;
    return TimelineRenderer::calloutGeometry(currentFrame(), &box, &pointer) ? box : QRect();
}

int TimelineView::headingHeight(const ImageHeading &heading, int width) const
{
    return heading.isEmpty()
        ? 0
        : TimelineRenderer::layoutHeading(nullptr, heading, width, palette(), font(), m_showPhases);
}

} // namespace Coroscope
