// TimelineView's painting half: the frame (task rows, loop row, lag lane, axis, labels) and the
// image and SVG exports drawn with it. The widget's state, selection and tooltips are in
// timelineview.cpp; zoom, scroll and input in timelinenavigation.cpp.
#include "timelineview.h"

#include "livetrace.h"
#include "statestyle.h"
#include "timelinerenderer.h"
#include "trace/vocabulary.h"

#include <QLocale>
#include <QPainter>
#include <QScrollBar>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Coroscope {

using namespace TimelineRendering;

// --- painting --------------------------------------------------------------------------------

TimelineView::Frame TimelineView::currentFrame() const
{
    Frame frame;
    frame.coords = m_coords;
    frame.area = viewport()->rect();
    frame.labelWidth = m_labelWidth;
    frame.scrollY = verticalScrollBar()->value();
    frame.nowNs = nowNs();
    frame.live = m_trace && m_trace->isLive() && !m_trace->isViewingPast();
    frame.rowHeight = m_rowHeight;
    frame.compact = m_rowHeight < m_fullRowHeight;
    frame.interactive = true;
    return frame;
}

void TimelineView::paintEvent(QPaintEvent * /*event*/)
{
    QPainter painter(viewport());
    const Frame frame = currentFrame();
    paintFrame(painter, frame);
    if (hasFocus()) {
        // Keyboard focus: a frame in the highlight colour, inside the viewport's edge.
        painter.setRenderHint(QPainter::Antialiasing, false);
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
        painter.drawRect(frame.area.adjusted(1, 1, -1, -1));
    }
}

void TimelineView::flushFills(QPainter &painter) const
{
    // Phases over their suspended bar, the short and rare ones last so that their one-pixel
    // runs are not hidden under a neighbour; running over everything, as always.
    static constexpr int Order[FillCount] = {
        FillPending,
        FillSuspended,
        FillPhase + int(PhaseKind::Waiting),
        FillPhase + int(PhaseKind::ServerQueue),
        FillPhase + int(PhaseKind::Queued),
        FillPhase + int(PhaseKind::Receiving),
        FillPhase + int(PhaseKind::Resume),
        FillPhase + int(PhaseKind::Send),
        FillPhase + int(PhaseKind::Tls),
        FillPhase + int(PhaseKind::Connect),
        FillRunning,
        FillOk,
        FillError,
        FillTimeout,
        FillCancelled,
        FillLoopBusy,
        FillLag,
    };
    painter.setPen(Qt::NoPen);
    for (const int fill : Order) {
        QList<QRect> &rects = m_fills[fill];
        if (rects.isEmpty())
            continue;
        painter.setBrush(m_fillColors[fill]);
        painter.drawRects(rects.constData(), int(rects.size()));
        rects.clear(); // keeps the capacity for the next frame
    }
}

void TimelineView::paintFrame(QPainter &painter, const Frame &frame) const
{
    updateLoopState();
    painter.setRenderHint(QPainter::Antialiasing, false);
    // Time runs left to right in every language: a painter on a pixmap or image starts with the
    // application's direction, which -reverse and RTL locales mirror.
    painter.setLayoutDirection(Qt::LeftToRight);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    painter.fillRect(frame.area, base);

    // Rows, or bands of rows in a compressed whole-run image.
    const int count = TimelineDensity::bandCount(taskCount(), frame.rowsPerBand);
    const int rowsTop = frame.area.top() + tasksTop();
    const int rowsHeight = std::max(0, frame.area.bottom() + 1 - rowsTop);
    const int firstRow = std::min(count, frame.scrollY / frame.rowHeight);
    const int lastRow = std::min(count - 1, (frame.scrollY + rowsHeight - 1) / frame.rowHeight);

    paintRowBackgrounds(painter, frame, firstRow, lastRow);
    // Grid lines under the bars, so that bars stay crisp. Before a run there is no time to
    // measure: no scale (a 0-800 µs axis would be a scale of nothing), a sentence instead.
    const bool empty = taskCount() == 0;
    const QList<TimelineCoordinates::Tick> ticks = empty
        ? QList<TimelineCoordinates::Tick>()
        : frame.coords.ticks(fontMetrics().horizontalAdvance(u"00000 ms"_s) + 24);
    painter.setPen(mix(base, text, 0.08));
    for (const auto &tick : ticks) {
        const int x = frame.timeLeft() + int(std::floor(tick.x));
        painter.drawLine(x, frame.area.top(), x, frame.area.bottom());
    }

    if (m_trace) {
        paintTaskRows(painter, frame, firstRow, lastRow);
        paintLoopRow(painter, frame);
        paintLagLane(painter, frame);
    }
    paintAxis(painter, frame);
    paintLabels(painter, frame, firstRow, lastRow);
    if (empty && rowsHeight > 0) {
        const QRect rows(frame.timeLeft(), rowsTop, frame.coords.width(), rowsHeight);
        painter.setPen(mix(base, text, 0.55));
        painter.drawText(rows.adjusted(12, 0, -12, 0), Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Every task of a run becomes a row here: pending, running, "
                            "suspended at an await, finished."));
    }

    // Header separators, drawn last so that nothing covers them.
    const int right = frame.area.right();
    painter.setPen(mix(base, text, 0.22));
    painter.drawLine(frame.area.left(), rowsTop - 1, right, rowsTop - 1);
    painter.drawLine(frame.timeLeft() - 1, frame.area.top(), frame.timeLeft() - 1,
                     frame.area.bottom());
    painter.setPen(mix(base, text, 0.12));
    painter.drawLine(frame.area.left(), frame.area.top() + m_axisHeight - 1, right,
                     frame.area.top() + m_axisHeight - 1);

    // The diagnostic's time band spans the loop and every row.
    if (m_highlightStartNs >= 0) {
        const double l
            = std::clamp(frame.coords.xForNs(m_highlightStartNs), -2.0, frame.coords.width() + 2.0);
        const double r
            = std::clamp(frame.coords.xForNs(m_highlightEndNs), -2.0, frame.coords.width() + 2.0);
        QRect band(frame.timeLeft() + int(std::floor(l)), frame.area.top() + m_axisHeight,
                   std::max(2, int(std::ceil(r - l))), frame.area.height() - m_axisHeight);
        band = band.intersected(
            QRect(frame.timeLeft(), frame.area.top(), frame.coords.width(), frame.area.height()));
        QColor fill(0xf0, 0xe4, 0x42, 70);
        painter.fillRect(band, fill);
        painter.setPen(QColor(0xb8, 0xa8, 0x00));
        painter.drawLine(band.topLeft(), band.bottomLeft());
        painter.drawLine(band.topRight(), band.bottomRight());
    }
    if (frame.interactive && selectedRangeStartNs() >= 0) {
        // The Shift+drag range: tinted in the selection colour over the loop and every row.
        const double l = std::clamp(frame.coords.xForNs(selectedRangeStartNs()), -2.0,
                                    frame.coords.width() + 2.0);
        const double r = std::clamp(frame.coords.xForNs(selectedRangeEndNs()), -2.0,
                                    frame.coords.width() + 2.0);
        QRect band(frame.timeLeft() + int(std::floor(l)), frame.area.top() + m_axisHeight,
                   std::max(1, int(std::ceil(r - l))), frame.area.height() - m_axisHeight);
        band = band.intersected(
            QRect(frame.timeLeft(), frame.area.top(), frame.coords.width(), frame.area.height()));
        QColor fill = palette().color(QPalette::Highlight);
        fill.setAlpha(45);
        painter.fillRect(band, fill);
        painter.setPen(palette().color(QPalette::Highlight));
        painter.drawLine(band.topLeft(), band.bottomLeft());
        painter.drawLine(band.topRight(), band.bottomRight());
    }
    if (frame.interactive && playheadNs() >= 0) {
        // The Loop state panel's instant: a line across the axis, the loop and every row.
        const double x = frame.coords.xForNs(playheadNs());
        if (x >= 0 && x <= frame.coords.width()) {
            const int px = frame.timeLeft() + int(std::lround(x));
            const QColor ink = palette().color(QPalette::Link);
            painter.setPen(QPen(ink, 2));
            painter.drawLine(px, frame.area.top(), px, frame.area.bottom());
            painter.setBrush(ink);
            painter.setPen(Qt::NoPen);
            const QPoint tip[3]
                = {QPoint(px - 5, frame.area.top()), QPoint(px + 5, frame.area.top()),
                   QPoint(px, frame.area.top() + 7)};
            painter.drawPolygon(tip, 3);
        }
    }
    if (frame.interactive)
        paintCallout(painter, frame); // over everything: it explains what is under it
}

void TimelineView::paintRowBackgrounds(QPainter &painter, const Frame &frame, int firstRow,
                                       int lastRow) const
{
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const QColor highlight = palette().color(QPalette::Highlight);
    const int rowsTop = frame.area.top() + tasksTop();
    if (frame.compact)
        return; // rows of a pixel or two: stripes would only be noise (paintCompactLabels marks)
    QList<QRect> &zebra = m_zebra;
    for (int row = firstRow; row <= lastRow; ++row) {
        const QRect rect(frame.area.left(), rowsTop + row * frame.rowHeight - frame.scrollY,
                         frame.area.width(), frame.rowHeight);
        if (row == selectedTask())
            painter.fillRect(rect, mix(base, highlight, 0.28));
        else if (m_highlightedTasks.contains(row))
            painter.fillRect(rect, mix(base, QColor(0xf0, 0xe4, 0x42), 0.35));
        else if (isMatch(row))
            painter.fillRect(rect, mix(base, highlight, 0.12));
        else if (row % 2 == 1)
            zebra.append(rect);
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(mix(base, text, 0.03));
    painter.drawRects(zebra.constData(), int(zebra.size()));
    zebra.clear();
}

void TimelineView::paintTaskRows(QPainter &painter, const Frame &frame, int firstRow,
                                 int lastRow) const
{
    const Trace &trace = m_trace->trace();
    const SegmentBuilder &segments = m_trace->segments();
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const int rowsTop = frame.area.top() + tasksTop();
    const int left = frame.timeLeft();
    const qint64 visibleStart = frame.coords.startNs();
    const qint64 visibleEnd = frame.coords.endNs();
    const int barInset = 3;
    const int barHeight = frame.rowHeight - 2 * barInset;
    // The phases band: the middle third of the bar, so that the bar keeps its state's colour
    // above and below it. At half the bar, /delay's green "waiting" filled the bar and left
    // suspended blue a thin outline: a task still awaiting read as a finished ok one.
    const int bandHeight = std::max(3, barHeight / 3);
    const int bandInset = (barHeight - bandHeight) / 2;
    const PixelMapper map(frame.coords, left);
    auto px = [&map](qint64 ns) { return map.x(ns); };

    const qint64 now = frame.nowNs;
    struct Marker
    {
        int x;
        int y;
    };
    QVarLengthArray<Marker, 128> doneMarkers;
    static constexpr Fill fillOf[] = {FillPending, FillRunning, FillSuspended}; // by SegmentState
    if (frame.compact)
        paintDensityRows(painter, frame, firstRow, lastRow);
    // Compact rows are done: only the moments that concern every row are left.
    const int lastDetailedRow = frame.compact ? firstRow - 1 : lastRow;
    for (int row = firstRow; row <= lastDetailedRow; ++row) {
        const int y = rowsTop + row * frame.rowHeight - frame.scrollY;
        const int barTop = y + barInset;
        PixelRun runs[3];
        auto add = [&](const Segment &s) {
            const Fill fill = fillOf[int(s.state)];
            const auto [l, r] = map.span(s.startNs, s.endNs);
            if (l < r)
                runs[fill].add(l, r, m_fills[fill], barTop, barHeight);
        };
        // Segments tile the row in time order: their ends are sorted too.
        const QList<Segment> &segs = segments.row(quint32(row));
        const auto first = std::partition_point(
            segs.cbegin(), segs.cend(), [&](const Segment &s) { return s.endNs < visibleStart; });
        const auto last = std::partition_point(
            first, segs.cend(), [&](const Segment &s) { return s.startNs <= visibleEnd; });
        auto it = first;
        if (last - first > frame.coords.width() / 2) {
            // Far more segments than pixels: drawing each (running on top) would paint the row
            // solid orange. Each column shows the state at its middle instead, an honest sample
            // of where the row's time went, drawn as one image strip rather than a thousand
            // one-pixel rectangles.
            const int width = frame.coords.width();
            if (m_strip.width() < width)
                m_strip = QImage(width, 1, QImage::Format_RGB32);
            auto *line = reinterpret_cast<QRgb *>(m_strip.scanLine(0));
            int firstX = -1;
            int lastX = -1;
            for (int x = 0; x < width; ++x) {
                const qint64 t = visibleStart + qint64((x + 0.5) * frame.coords.nsPerPixel());
                if (it != last && it->endNs < t)
                    it = skipEndingBy(it, last, t - 1);
                if (it == last)
                    break;
                if (it->startNs > t)
                    continue; // before the task was created
                line[x] = m_fillColors[fillOf[int(it->state)]].rgb();
                if (firstX < 0)
                    firstX = x;
                // Segments tile the task's life: a column between two sampled ones is never
                // empty, but rounding may skip one, so it repeats its neighbour.
                for (int gap = lastX + 1; lastX >= 0 && gap < x; ++gap)
                    line[gap] = line[lastX];
                lastX = x;
            }
            if (firstX >= 0) {
                const int n = lastX - firstX + 1;
                painter.drawImage(QRect(left + firstX, barTop, n, barHeight), m_strip,
                                  QRect(firstX, 0, n, 1));
            }
            it = last;
        }
        while (it != last) {
            add(*it);
            // Running is painted on top: whatever ends under the running run's pixels is hidden.
            const qint64 hiddenUntil
                = it->state == SegmentState::Running ? map.nsAt(runs[FillRunning].right) : -1;
            ++it;
            if (it != last && it->endNs <= hiddenUntil)
                it = skipEndingBy(it, last, hiddenUntil);
        }
        Segment open;
        if (segments.openSegment(quint32(row), now, &open) && SegmentBuilder::keeps(open)
            && open.startNs <= visibleEnd)
            add(open);
        for (int fill = 0; fill < 3; ++fill)
            runs[fill].flush(m_fills[fill], barTop, barHeight);

        if (m_showPhases) {
            const std::span<const PhaseSpan> phases = phasesOf(row);
            if (!phases.empty() && phases.front().startNs <= visibleEnd
                && phases.back().endNs >= visibleStart) {
                const int bandTop = barTop + bandInset;
                PixelRun phaseRuns[PhaseKindCount];
                for (const PhaseSpan &p : phases) {
                    const auto [l, r] = map.span(p.startNs, p.endNs);
                    const int fill = FillPhase + int(p.kind);
                    if (l < r && p.endNs >= visibleStart && p.startNs <= visibleEnd)
                        phaseRuns[int(p.kind)].add(l, r, m_fills[fill], bandTop, bandHeight);
                }
                for (int kind = 0; kind < PhaseKindCount; ++kind)
                    phaseRuns[kind].flush(m_fills[FillPhase + kind], bandTop, bandHeight);
            }
        }

        // The outcome: a cap at the finish, and a failed task underlined along its whole life
        // so that it stands out even when its finish is scrolled away.
        const TaskInfo &info = trace.tasks.at(row);
        const TaskTimes &times = segments.times(quint32(row));
        if (info.result != TaskResult::Unfinished && times.finishedNs >= 0) {
            const Fill fill = info.result == TaskResult::Ok ? FillOk
                : info.result == TaskResult::Error          ? FillError
                : info.result == TaskResult::Timeout        ? FillTimeout
                                                            : FillCancelled;
            if (times.finishedNs >= visibleStart && times.finishedNs <= visibleEnd) {
                const int x = std::max(left, int(std::floor(px(times.finishedNs))));
                m_fills[fill].append(QRect(x, y + 2, 3, frame.rowHeight - 4));
            }
            if (info.result != TaskResult::Ok && times.createdNs <= visibleEnd
                && times.finishedNs >= visibleStart) {
                const auto [l, r] = map.span(times.createdNs, times.finishedNs);
                m_fills[fill].append(QRect(l, y + frame.rowHeight - barInset, r - l, 2));
            }
        }
        if (times.doneCallbackNs >= visibleStart && times.doneCallbackNs <= visibleEnd)
            doneMarkers.append(Marker{int(std::lround(px(times.doneCallbackNs))), y});
    }
    flushFills(painter);

    // Done callbacks: small diamonds just after the moment, outlined to read on any fill.
    if (!doneMarkers.isEmpty()) {
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(QPen(base, 1));
        painter.setBrush(text);
        const double r = 3.5;
        for (const Marker &m : doneMarkers) {
            const QPointF c(m.x + 4.5, m.y + frame.rowHeight / 2.0);
            const QPointF diamond[4]
                = {{c.x(), c.y() - r}, {c.x() + r, c.y()}, {c.x(), c.y() + r}, {c.x() - r, c.y()}};
            painter.drawPolygon(diamond, 4);
        }
        painter.setRenderHint(QPainter::Antialiasing, false);
    }

    // Moments that concern every row: all done, and "now" while the run is live.
    const int rowsBottom
        = std::min(frame.area.bottom(),
                   rowsTop
                       + TimelineDensity::bandCount(int(trace.tasks.size()), frame.rowsPerBand)
                           * frame.rowHeight
                       - frame.scrollY);
    for (const qint64 doneNs : m_loop.allDone) {
        if (doneNs < visibleStart || doneNs > visibleEnd)
            continue;
        const int x = int(std::floor(px(doneNs)));
        painter.setPen(QPen(mix(base, text, 0.6), 1, Qt::DashLine));
        painter.drawLine(x, rowsTop, x, rowsBottom);
    }
    // A stopped run has no "all done": a solid line in the stop colour says where it was cut.
    for (const qint64 stopNs : m_loop.stopped) {
        if (stopNs < visibleStart || stopNs > visibleEnd)
            continue;
        const int x = int(std::floor(px(stopNs)));
        painter.setPen(QPen(StateStyle::stoppedColor(), 2));
        painter.drawLine(x, rowsTop, x, rowsBottom);
    }
    if (frame.live && now >= visibleStart && now <= visibleEnd) {
        const int x = int(std::floor(px(now)));
        painter.setPen(mix(base, text, 0.45));
        painter.drawLine(x, frame.area.top() + m_axisHeight, x, rowsBottom);
    }
}

void TimelineView::paintLoopRow(QPainter &painter, const Frame &frame) const
{
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const int top = frame.area.top() + m_axisHeight;
    const int left = frame.timeLeft();
    const int right = left + frame.coords.width();
    painter.fillRect(QRect(frame.area.left(), top, frame.area.width(), m_loopHeight + m_lagHeight),
                     mix(base, text, 0.05));

    const qint64 visibleStart = frame.coords.startNs();
    const qint64 visibleEnd = frame.coords.endNs();
    const PixelMapper map(frame.coords, left);
    auto px = [&map](qint64 ns) { return map.x(ns); };
    const int barTop = top + 3;
    const int barHeight = m_loopHeight - 6;

    // Each pixel column is as tall as the loop was busy during its time: a utilisation graph
    // when zoomed out (a thousand 50 us runs in one column are not "busy all the time"), exact
    // spans when zoomed in. Prefix sums make it cost per pixel, whatever the number of spans.
    QList<QRect> &rects = m_fills[FillLoopBusy];
    const int width = frame.coords.width();
    const double nsPerPixel = frame.coords.nsPerPixel();
    qint64 fromNs = visibleStart;
    qint64 busyBefore = busyBeforeNs(fromNs, frame.nowNs);
    int runHeight = 0;
    int runStart = 0;
    for (int x = 0; x <= width; ++x) {
        int height = -1; // past the last column: closes the last run
        if (x < width) {
            const qint64 toNs = visibleStart + qint64(std::llround((x + 1) * nsPerPixel));
            const qint64 busyUntil = busyBeforeNs(toNs, frame.nowNs);
            const double fraction
                = toNs > fromNs ? double(busyUntil - busyBefore) / double(toNs - fromNs) : 0.0;
            // A few pixels at least: a column where the loop ran at all must be findable.
            height = busyUntil > busyBefore
                ? std::clamp(int(std::lround(fraction * barHeight)), 3, barHeight)
                : 0;
            fromNs = toNs;
            busyBefore = busyUntil;
        }
        if (height == runHeight)
            continue;
        if (runHeight > 0)
            rects.append(
                QRect(left + runStart, barTop + barHeight - runHeight, x - runStart, runHeight));
        runHeight = height;
        runStart = x;
    }
    flushFills(painter);

    const QFontMetrics fm = fontMetrics();
    for (const qint64 doneNs : m_loop.allDone) {
        if (doneNs < visibleStart || doneNs > visibleEnd)
            continue;
        const int x = int(std::floor(px(doneNs)));
        painter.fillRect(QRect(x - 1, top, 2, m_loopHeight + m_lagHeight), text);
        const QString label = tr("all done");
        // Beside the line, on whichever side has room.
        QRect box(x + 3, barTop, fm.horizontalAdvance(label) + 8, barHeight);
        if (box.right() > right)
            box.moveRight(x - 3);
        painter.fillRect(box, base);
        painter.setPen(text);
        painter.drawText(box, Qt::AlignCenter, label);
    }
    for (const qint64 stopNs : m_loop.stopped) {
        if (stopNs < visibleStart || stopNs > visibleEnd)
            continue;
        const int x = int(std::floor(px(stopNs)));
        painter.fillRect(QRect(x - 1, top, 2, m_loopHeight + m_lagHeight),
                         StateStyle::stoppedColor());
        const QString label = tr("stopped");
        QRect box(x + 3, barTop, fm.horizontalAdvance(label) + 8, barHeight);
        if (box.right() > right)
            box.moveRight(x - 3);
        painter.fillRect(box, StateStyle::stoppedColor());
        painter.setPen(Qt::white);
        painter.drawText(box, Qt::AlignCenter, label);
    }
}

void TimelineView::paintLagLane(QPainter &painter, const Frame &frame) const
{
    const int top = frame.area.top() + m_axisHeight + m_loopHeight;
    const int left = frame.timeLeft();
    const int width = frame.coords.width();
    const int laneHeight = m_lagHeight - 2;
    const qint64 visibleStart = frame.coords.startNs();
    const qint64 visibleEnd = frame.coords.endNs();
    if (m_loop.lags.isEmpty())
        return;

    // A sample covers the time the timer waited past its due time: [ns - lag, ns]. Samples
    // sharing a pixel column show the worst of them.
    m_lagColumns.fill(0, width);
    auto it = std::partition_point(m_loop.lags.cbegin(), m_loop.lags.cend(),
                                   [&](const LagSample &s) { return s.ns < visibleStart; });
    for (; it != m_loop.lags.cend() && it->ns - m_loop.maxLagNs <= visibleEnd; ++it) {
        if (it->lagNs <= 0 || it->ns - it->lagNs > visibleEnd)
            continue;
        // Lags under half a pixel of lane are the timer's ordinary jitter: not drawn.
        const double scaled = double(std::min(it->lagNs, LagFullScaleNs)) / LagFullScaleNs;
        const int height = int(std::lround(scaled * laneHeight));
        if (height == 0)
            continue;
        const int l
            = std::clamp(int(std::floor(frame.coords.xForNs(it->ns - it->lagNs))), 0, width - 1);
        const int r = std::clamp(int(std::ceil(frame.coords.xForNs(it->ns))), l + 1, width);
        for (int x = l; x < r; ++x)
            m_lagColumns[x] = quint8(std::max<int>(m_lagColumns[x], height));
    }
    QList<QRect> &rects = m_fills[FillLag];
    const int bottom = top + m_lagHeight - 1;
    for (int x = 0; x < width;) {
        const int height = m_lagColumns[x];
        int end = x + 1;
        while (end < width && m_lagColumns[end] == height)
            ++end;
        if (height > 0)
            rects.append(QRect(left + x, bottom - height, end - x, height));
        x = end;
    }
    flushFills(painter);
}

void TimelineView::paintAxis(QPainter &painter, const Frame &frame) const
{
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const QRect axis(frame.area.left(), frame.area.top(), frame.area.width(), m_axisHeight);
    painter.fillRect(axis, mix(base, text, 0.035));
    const int left = frame.timeLeft();
    const int right = left + frame.coords.width();
    const QFontMetrics fm = fontMetrics();
    if (taskCount() == 0)
        return; // no run, no scale
    const QList<TimelineCoordinates::Tick> ticks
        = frame.coords.ticks(fm.horizontalAdvance(u"00000 ms"_s) + 24);
    // Minor ticks at a fifth of the labelled step give the scale without clutter.
    if (ticks.size() >= 2) {
        const double minorStep = (ticks.at(1).x - ticks.at(0).x) / 5;
        painter.setPen(mix(base, text, 0.35));
        for (double x = ticks.first().x - 5 * minorStep; x <= frame.coords.width();
             x += minorStep) {
            if (x >= 0)
                painter.drawLine(left + int(x), axis.bottom() - 3, left + int(x), axis.bottom());
        }
    }
    painter.setPen(text);
    for (const auto &tick : ticks) {
        const int x = left + int(std::floor(tick.x));
        painter.drawLine(x, axis.bottom() - 7, x, axis.bottom());
        // After its tick, or before it when the time area ends first: the last label ("1 s",
        // "1 秒") was cut at the right edge of a 1024 px window.
        QRect label(x + 4, axis.top(), fm.horizontalAdvance(tick.label) + 2, axis.height() - 4);
        if (label.right() > right && x - 4 - label.width() >= left)
            label.moveRight(x - 4);
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, tick.label);
    }
}

void TimelineView::paintLabels(QPainter &painter, const Frame &frame, int firstRow,
                               int lastRow) const
{
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const QColor dim = mix(base, text, 0.55);
    const int left = frame.area.left();
    const int width = frame.labelWidth - 1;

    // Header cells (the axis header cell repainted: tick labels may have run under it).
    const QRect corner(left, frame.area.top(), width, m_axisHeight);
    painter.fillRect(corner, mix(base, text, 0.035));
    painter.setPen(dim);
    painter.drawText(corner.adjusted(8, 0, -6, -2), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Tasks: %1").arg(QLocale().toString(taskCount())));

    const QRect loopCell(left, frame.area.top() + m_axisHeight, width, m_loopHeight);
    const QRect lagCell(left, loopCell.bottom() + 1, width, m_lagHeight);
    painter.fillRect(loopCell.united(lagCell), mix(base, text, 0.05));
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(text);
    painter.drawText(loopCell.adjusted(8, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter, tr("loop"));
    painter.setFont(font());
    if (m_trace) {
        const qint64 now = frame.nowNs;
        const qint64 busy = m_trace->segments().loopBusyBeforeNs(now, now);
        if (now > 0) {
            painter.setPen(dim);
            painter.drawText(loopCell.adjusted(8, 0, -8, 0), Qt::AlignRight | Qt::AlignVCenter,
                             tr("%1% busy").arg(std::lround(100.0 * double(busy) / double(now))));
        }
    }
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    painter.setFont(small);
    painter.setPen(dim);
    painter.drawText(lagCell.adjusted(8, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter, tr("lag"));
    painter.setFont(font());
    if (!m_trace || firstRow > lastRow)
        return;
    if (frame.compact) {
        paintCompactLabels(painter, frame, firstRow, lastRow);
        return;
    }

    const Trace &trace = m_trace->trace();
    const int rowsTop = frame.area.top() + tasksTop();
    const QColor highlight = palette().color(QPalette::Highlight);
    const int badgeSize = std::min(8, frame.rowHeight - 8);
    painter.save();
    painter.setClipRect(QRect(left, rowsTop, width, frame.area.bottom() + 1 - rowsTop));
    for (int row = firstRow; row <= lastRow; ++row) {
        const int y = rowsTop + row * frame.rowHeight - frame.scrollY;
        const TaskInfo &info = trace.tasks.at(row);
        // The outcome again where the eye scans first: a badge, hollow while unfinished.
        const QRect badge(left + 6, y + (frame.rowHeight - badgeSize) / 2, badgeSize, badgeSize);
        if (info.result == TaskResult::Unfinished) {
            painter.setPen(dim);
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(badge.adjusted(0, 0, -1, -1));
        } else {
            painter.fillRect(badge, StateStyle::resultColor(info.result));
        }
        const bool selected = row == selectedTask();
        if (selected)
            painter.fillRect(QRect(left, y, 3, frame.rowHeight), highlight);
        const QRect id(badge.right() + 6, y, m_idWidth, frame.rowHeight);
        painter.setPen(text);
        painter.drawText(id, Qt::AlignRight | Qt::AlignVCenter, u'#' + QString::number(row));
        painter.setPen(selected ? text : dim);
        QRect rest(id.right() + 8, y, width - (id.right() + 8 - left) - 6, frame.rowHeight);
        QString url = urlLabel(row);
        if (info.worker >= 0) {
            // Threads strategy: which worker ran it matters more than the (shared) path.
            const QString worker = Vocabulary::workerText(info.worker);
            painter.drawText(rest, Qt::AlignRight | Qt::AlignVCenter, worker);
            rest.setRight(rest.right() - fontMetrics().horizontalAdvance(worker) - 6);
            url = fontMetrics().elidedText(url, Qt::ElideRight, rest.width());
            if (url.size() < 5) // "/d…" tells nothing
                url.clear();
        }
        painter.drawText(rest, Qt::AlignLeft | Qt::AlignVCenter, url);
    }
    painter.restore();
}

// --- export ----------------------------------------------------------------------------------

QImage TimelineView::renderImage(const QSize &size) const
{
    Frame frame = currentFrame();
    const int width = std::max(size.width(), viewport()->width());
    const int height = size.height() > 0
        ? size.height()
        : std::min(MaxImageHeight, tasksTop() + taskCount() * m_rowHeight);
    frame.area = QRect(0, 0, width, height);
    frame.coords.setWidth(width - m_labelWidth);
    frame.scrollY = 0;
    frame.interactive = false;
    QImage image(frame.area.size(), QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    paintFrame(painter, frame);
    return image;
}

} // namespace Coroscope
