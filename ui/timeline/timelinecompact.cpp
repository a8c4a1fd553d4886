// The timeline's small rows: a density image (timelinedensity.h) and a row axis instead of
// per-row labels. The detailed rows are painted in timelinerenderer.cpp.
#include "timelinerenderer.h"

#include "livetrace.h"

#include <QPaintEngine>
#include <QPainter>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Coroscope {

using namespace TimelineRendering;

namespace {

// 1, 2, 5 x 10^k: row numbers a reader can count with.
int niceRowStep(int atLeast)
{
    for (int scale = 1;; scale *= 10) {
        for (const int m : {1, 2, 5}) {
            if (m * scale >= atLeast)
                return m * scale;
        }
    }
}

} // namespace

void TimelineRenderer::paintDensityRows(QPainter &painter, const Frame &frame, int firstBand,
                                        int lastBand) const
{
    if (firstBand > lastBand)
        return;
    TimelineDensity::Request request;
    request.startNs = frame.coords.startNs();
    request.nsPerPixel = frame.coords.nsPerPixel();
    request.width = frame.coords.width();
    request.firstRow = firstBand * frame.rowsPerBand;
    request.rowCount = std::min(frame.taskCount() - request.firstRow,
                                (lastBand - firstBand + 1) * frame.rowsPerBand);
    request.rowsPerBand = frame.rowsPerBand;
    request.nowNs = frame.nowNs;
    const QImage &image = m_density.render(frame.trace->segments(), request);
    const int bands = TimelineDensity::bandCount(request.rowCount, frame.rowsPerBand);
    const int top
        = frame.area.top() + frame.tasksTop() + firstBand * frame.rowHeight - frame.scrollY;
    // Taller bands repeat their pixel row (no smoothing: the raster engine replicates it).
    const QRect target(frame.timeLeft(), top, request.width, bands * frame.rowHeight);
    const QRect source(0, 0, request.width, bands);
    if (painter.paintEngine()->type() == QPaintEngine::Raster)
        painter.drawImage(target, image, source);
    else // the SVG generator embeds the whole image, whatever the source rectangle
        painter.drawImage(target, image.copy(source));

    if (frame.rowHeight >= 4) {
        // From 4 px on, a background line under each row keeps rows apart.
        QList<QRect> &gaps = m_zebra;
        for (int band = 0; band < bands; ++band)
            gaps.append(
                QRect(frame.timeLeft(), top + (band + 1) * frame.rowHeight - 1, request.width, 1));
        painter.setPen(Qt::NoPen);
        painter.setBrush(frame.palette.color(QPalette::Base));
        painter.drawRects(gaps.constData(), int(gaps.size()));
        gaps.clear();
    }
    if (frame.interactive && frame.rowsPerBand == 1 && frame.selectedTask >= firstBand
        && frame.selectedTask <= lastBand) {
        // A one-pixel row needs more than a tint to be found: a frame around it.
        const int y = top + (frame.selectedTask - firstBand) * frame.rowHeight;
        painter.setBrush(Qt::NoBrush);
        painter.setPen(frame.palette.color(QPalette::Highlight));
        painter.drawRect(
            QRect(frame.area.left(), y - 2, frame.area.width() - 1, frame.rowHeight + 3));
    }
}

void TimelineRenderer::paintCompactLabels(QPainter &painter, const Frame &frame, int firstBand,
                                          int lastBand) const
{
    const Trace &trace = frame.trace->trace();
    const QColor base = frame.palette.color(QPalette::Base);
    const QColor text = frame.palette.color(QPalette::Text);
    const int left = frame.area.left();
    const int width = frame.labelWidth - 1;
    const int rowsTop = frame.area.top() + frame.tasksTop();
    painter.save();
    painter.setClipRect(QRect(left, rowsTop, width, frame.area.bottom() + 1 - rowsTop));

    if (frame.rowsPerBand == 1) {
        // Each row's outcome as a pixel strip where the badge would be: the failures stand out
        // as a column of colour. Runs of one colour are merged into one rectangle.
        for (int row = firstBand; row <= lastBand; ++row) {
            const TaskResult result = trace.tasks.at(row).result;
            if (result == TaskResult::Unfinished)
                continue;
            const Fill fill = result == TaskResult::Ok ? FillOk
                : result == TaskResult::Error          ? FillError
                : result == TaskResult::Timeout        ? FillTimeout
                                                       : FillCancelled;
            const int y = rowsTop + row * frame.rowHeight - frame.scrollY;
            QList<QRect> &rects = m_fills[fill];
            if (!rects.isEmpty() && rects.constLast().bottom() + 1 == y)
                rects.last().setBottom(y + frame.rowHeight - 1);
            else
                rects.append(QRect(left + 6, y, 8, frame.rowHeight));
        }
        flushFills(painter);
    }

    // Marks at the right edge: highlighted (diagnostics), matched (search) and selected rows.
    const int firstTask = firstBand * frame.rowsPerBand;
    const int endTask = std::min(frame.taskCount(), (lastBand + 1) * frame.rowsPerBand);
    auto markY = [&](int task) {
        return rowsTop + (task / frame.rowsPerBand) * frame.rowHeight - frame.scrollY;
    };
    const int markHeight = std::max(2, frame.rowHeight);
    for (auto it = std::lower_bound(frame.matches.cbegin(), frame.matches.cend(), firstTask);
         it != frame.matches.cend() && *it < endTask; ++it)
        painter.fillRect(QRect(left + width - 8, markY(*it), 6, markHeight),
                         frame.palette.color(QPalette::Highlight));
    for (const int task : frame.highlightedTasks) {
        if (task >= firstTask && task < endTask)
            painter.fillRect(QRect(left + width - 16, markY(task), 6, markHeight),
                             QColor(0xd0, 0xc0, 0x00));
    }

    // A row axis instead of per-row labels: task numbers at a readable spacing.
    const QFontMetrics fm = QFontMetrics(frame.font);
    const double rowsPerPixel = double(frame.rowsPerBand) / frame.rowHeight;
    const int step = niceRowStep(int(std::ceil(fm.height() * 1.6 * rowsPerPixel)));
    const QColor dim = mix(base, text, 0.55);
    // A label centred on its tick, moved inside the rows area where it would be cut in half
    // (#0 at the very top, the last row at the bottom). Ticks are at least 1.6 lines apart, so
    // a moved label still clears its neighbour.
    const auto labelRect = [&](int y) {
        const int top = std::clamp(y - fm.height() / 2, rowsTop,
                                   std::max(rowsTop, frame.area.bottom() + 1 - fm.height()));
        return QRect(left + 28, top, width - 50, fm.height());
    };
    painter.setPen(dim);
    for (int task = (firstTask + step - 1) / step * step; task < endTask; task += step) {
        const int y = markY(task);
        if (y < rowsTop)
            continue; // its row scrolled off: the label would name a row not in view
        painter.drawLine(left + 18, y, left + 24, y);
        painter.drawText(labelRect(y), Qt::AlignLeft | Qt::AlignVCenter,
                         u'#' + QString::number(task));
    }
    if (frame.interactive && frame.selectedTask >= firstTask && frame.selectedTask < endTask) {
        const int y = markY(frame.selectedTask);
        painter.fillRect(QRect(left, y - 1, 3, markHeight + 2),
                         frame.palette.color(QPalette::Highlight));
        painter.setPen(text);
        const QRect label = labelRect(y);
        painter.fillRect(label.adjusted(-2, 0, 0, 0), base); // over a tick label it would garble
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter,
                         u'#' + QString::number(frame.selectedTask));
    }
    painter.restore();
}

} // namespace Coroscope
