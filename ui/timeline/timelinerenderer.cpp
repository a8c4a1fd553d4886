// The timeline's painting: the frame (task rows, loop row, lag lane, axis, labels), for the
// TimelineView's viewport and its image and SVG exports alike. The small rows are painted in
// timelinecompact.cpp, the callout in timelinecallout.cpp, an export's heading in
// timelineheading.cpp. The widget's state, selection and tooltips are in timelineview.cpp.
#include "timelinerenderer.h"

#include "livetrace.h"
#include "statestyle.h"
#include "timelinephasecache.h"
#include "trace/vocabulary.h"

#include <QLocale>
#include <QPainter>
#include <QUrl>
#include <QVarLengthArray>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Coroscope {

using namespace TimelineRendering;

int TimelineRenderer::Frame::taskCount() const
{
    return trace ? trace->taskCount() : 0;
}

bool TimelineRenderer::Frame::isMatch(int task) const
{
    return !matches.isEmpty() && std::binary_search(matches.cbegin(), matches.cend(), task);
}

TimelineRenderer::TimelineRenderer()
{
    m_fillColors[FillPending] = StateStyle::stateColor(SegmentState::Pending);
    m_fillColors[FillSuspended] = StateStyle::stateColor(SegmentState::Suspended);
    m_fillColors[FillRunning] = StateStyle::stateColor(SegmentState::Running);
    m_fillColors[FillOk] = StateStyle::resultColor(TaskResult::Ok);
    m_fillColors[FillError] = StateStyle::resultColor(TaskResult::Error);
    m_fillColors[FillTimeout] = StateStyle::resultColor(TaskResult::Timeout);
    m_fillColors[FillCancelled] = StateStyle::resultColor(TaskResult::Cancelled);
    m_fillColors[FillLoopBusy] = StateStyle::loopBusyColor();
    m_fillColors[FillLag] = StateStyle::lagColor();
    for (int kind = 0; kind < PhaseKindCount; ++kind)
        m_fillColors[FillPhase + kind] = StateStyle::phaseColor(PhaseKind(kind));
    m_density.setColors(m_fillColors[FillPending].rgb(), m_fillColors[FillRunning].rgb(),
                        m_fillColors[FillSuspended].rgb());
}

// --- painting --------------------------------------------------------------------------------

void TimelineRenderer::flushFills(QPainter &painter) const
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

void TimelineRenderer::paint(QPainter &painter, const Frame &frame) const
{
    painter.setRenderHint(QPainter::Antialiasing, false);
    // Time runs left to right in every language: a painter on a pixmap or image starts with the
    // application's direction, which -reverse and RTL locales mirror.
    painter.setLayoutDirection(Qt::LeftToRight);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const QColor base = frame.palette.color(QPalette::Base);
    const QColor text = frame.palette.color(QPalette::Text);
    painter.fillRect(frame.area, base);

    // Rows, or bands of rows in a compressed whole-run image.
    const int count = TimelineDensity::bandCount(frame.taskCount(), frame.rowsPerBand);
    const int rowsTop = frame.area.top() + frame.tasksTop();
    const int rowsHeight = std::max(0, frame.area.bottom() + 1 - rowsTop);
    const int firstRow = std::min(count, frame.scrollY / frame.rowHeight);
    const int lastRow = std::min(count - 1, (frame.scrollY + rowsHeight - 1) / frame.rowHeight);

    paintRowBackgrounds(painter, frame, firstRow, lastRow);
    // Grid lines under the bars, so that bars stay crisp. Before a run there is no time to
    // measure: no scale (a 0-800 µs axis would be a scale of nothing), a sentence instead.
    const bool empty = frame.taskCount() == 0;
    QList<QRect> labels;
    const QList<TimelineCoordinates::Tick> ticks = empty
        ? QList<TimelineCoordinates::Tick>()
        : axisTicks(frame.coords, frame.font, frame.axisHeight - 4, &labels);
    painter.setPen(mix(base, text, 0.08));
    for (const auto &tick : ticks) {
        const int x = frame.timeLeft() + int(std::floor(tick.x));
        painter.drawLine(x, frame.area.top(), x, frame.area.bottom());
    }

    if (frame.trace) {
        paintTaskRows(painter, frame, firstRow, lastRow);
        paintLoopRow(painter, frame);
        paintLagLane(painter, frame);
    }
    paintAxis(painter, frame, ticks, labels);
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
    painter.drawLine(frame.area.left(), frame.area.top() + frame.axisHeight - 1, right,
                     frame.area.top() + frame.axisHeight - 1);

    // The diagnostic's time band spans the loop and every row.
    if (frame.highlightStartNs >= 0) {
        const double l = std::clamp(frame.coords.xForNs(frame.highlightStartNs), -2.0,
                                    frame.coords.width() + 2.0);
        const double r = std::clamp(frame.coords.xForNs(frame.highlightEndNs), -2.0,
                                    frame.coords.width() + 2.0);
        QRect band(frame.timeLeft() + int(std::floor(l)), frame.area.top() + frame.axisHeight,
                   std::max(2, int(std::ceil(r - l))), frame.area.height() - frame.axisHeight);
        band = band.intersected(
            QRect(frame.timeLeft(), frame.area.top(), frame.coords.width(), frame.area.height()));
        QColor fill(0xf0, 0xe4, 0x42, 70);
        painter.fillRect(band, fill);
        painter.setPen(QColor(0xb8, 0xa8, 0x00));
        painter.drawLine(band.topLeft(), band.bottomLeft());
        painter.drawLine(band.topRight(), band.bottomRight());
    }
    if (frame.interactive && frame.rangeStartNs >= 0) {
        // The Shift+drag range: tinted in the selection colour over the loop and every row.
        const double l
            = std::clamp(frame.coords.xForNs(frame.rangeStartNs), -2.0, frame.coords.width() + 2.0);
        const double r
            = std::clamp(frame.coords.xForNs(frame.rangeEndNs), -2.0, frame.coords.width() + 2.0);
        QRect band(frame.timeLeft() + int(std::floor(l)), frame.area.top() + frame.axisHeight,
                   std::max(1, int(std::ceil(r - l))), frame.area.height() - frame.axisHeight);
        band = band.intersected(
            QRect(frame.timeLeft(), frame.area.top(), frame.coords.width(), frame.area.height()));
        QColor fill = frame.palette.color(QPalette::Highlight);
        fill.setAlpha(45);
        painter.fillRect(band, fill);
        painter.setPen(frame.palette.color(QPalette::Highlight));
        painter.drawLine(band.topLeft(), band.bottomLeft());
        painter.drawLine(band.topRight(), band.bottomRight());
    }
    if (frame.interactive && frame.playheadNs >= 0) {
        // The Loop state panel's instant: a line across the axis, the loop and every row.
        const double x = frame.coords.xForNs(frame.playheadNs);
        if (x >= 0 && x <= frame.coords.width()) {
            const int px = frame.timeLeft() + int(std::lround(x));
            const QColor ink = frame.palette.color(QPalette::Link);
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

void TimelineRenderer::paintRowBackgrounds(QPainter &painter, const Frame &frame, int firstRow,
                                           int lastRow) const
{
    const QColor base = frame.palette.color(QPalette::Base);
    const QColor text = frame.palette.color(QPalette::Text);
    const QColor highlight = frame.palette.color(QPalette::Highlight);
    const int rowsTop = frame.area.top() + frame.tasksTop();
    if (frame.compact)
        return; // rows of a pixel or two: stripes would only be noise (paintCompactLabels marks)
    QList<QRect> &zebra = m_zebra;
    for (int row = firstRow; row <= lastRow; ++row) {
        const QRect rect(frame.area.left(), rowsTop + row * frame.rowHeight - frame.scrollY,
                         frame.area.width(), frame.rowHeight);
        if (row == frame.selectedTask)
            painter.fillRect(rect, mix(base, highlight, 0.28));
        else if (frame.highlightedTasks.contains(row))
            painter.fillRect(rect, mix(base, QColor(0xf0, 0xe4, 0x42), 0.35));
        else if (frame.isMatch(row))
            painter.fillRect(rect, mix(base, highlight, 0.12));
        else if (row % 2 == 1)
            zebra.append(rect);
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(mix(base, text, 0.03));
    painter.drawRects(zebra.constData(), int(zebra.size()));
    zebra.clear();
}

void TimelineRenderer::paintTaskRows(QPainter &painter, const Frame &frame, int firstRow,
                                     int lastRow) const
{
    const Trace &trace = frame.trace->trace();
    const SegmentBuilder &segments = frame.trace->segments();
    const QColor base = frame.palette.color(QPalette::Base);
    const QColor text = frame.palette.color(QPalette::Text);
    const int rowsTop = frame.area.top() + frame.tasksTop();
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

        if (frame.phases) {
            const std::span<const PhaseSpan> phases = frame.phases->phasesOf(trace, segments, row);
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
    for (const qint64 doneNs : frame.loop->allDone) {
        if (doneNs < visibleStart || doneNs > visibleEnd)
            continue;
        const int x = int(std::floor(px(doneNs)));
        painter.setPen(QPen(mix(base, text, 0.6), 1, Qt::DashLine));
        painter.drawLine(x, rowsTop, x, rowsBottom);
    }
    // A stopped run has no "all done": a solid line in the stop colour says where it was cut.
    for (const qint64 stopNs : frame.loop->stopped) {
        if (stopNs < visibleStart || stopNs > visibleEnd)
            continue;
        const int x = int(std::floor(px(stopNs)));
        painter.setPen(QPen(StateStyle::stoppedColor(), 2));
        painter.drawLine(x, rowsTop, x, rowsBottom);
    }
    if (frame.live && now >= visibleStart && now <= visibleEnd) {
        const int x = int(std::floor(px(now)));
        painter.setPen(mix(base, text, 0.45));
        painter.drawLine(x, frame.area.top() + frame.axisHeight, x, rowsBottom);
    }
}

void TimelineRenderer::paintLoopRow(QPainter &painter, const Frame &frame) const
{
    const QColor base = frame.palette.color(QPalette::Base);
    const QColor text = frame.palette.color(QPalette::Text);
    const int top = frame.area.top() + frame.axisHeight;
    const int left = frame.timeLeft();
    const int right = left + frame.coords.width();
    painter.fillRect(
        QRect(frame.area.left(), top, frame.area.width(), frame.loopHeight + frame.lagHeight),
        mix(base, text, 0.05));

    const qint64 visibleStart = frame.coords.startNs();
    const qint64 visibleEnd = frame.coords.endNs();
    const PixelMapper map(frame.coords, left);
    auto px = [&map](qint64 ns) { return map.x(ns); };
    const int barTop = top + 3;
    const int barHeight = frame.loopHeight - 6;

    // Each pixel column is as tall as the loop was busy during its time: a utilisation graph
    // when zoomed out (a thousand 50 us runs in one column are not "busy all the time"), exact
    // spans when zoomed in. Prefix sums make it cost per pixel, whatever the number of spans.
    QList<QRect> &rects = m_fills[FillLoopBusy];
    const int width = frame.coords.width();
    const double nsPerPixel = frame.coords.nsPerPixel();
    qint64 fromNs = visibleStart;
    qint64 busyBefore = frame.trace->segments().loopBusyBeforeNs(fromNs, frame.nowNs);
    int runHeight = 0;
    int runStart = 0;
    for (int x = 0; x <= width; ++x) {
        int height = -1; // past the last column: closes the last run
        if (x < width) {
            const qint64 toNs = visibleStart + qint64(std::llround((x + 1) * nsPerPixel));
            const qint64 busyUntil = frame.trace->segments().loopBusyBeforeNs(toNs, frame.nowNs);
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

    const QFontMetrics fm = QFontMetrics(frame.font);
    for (const qint64 doneNs : frame.loop->allDone) {
        if (doneNs < visibleStart || doneNs > visibleEnd)
            continue;
        const int x = int(std::floor(px(doneNs)));
        painter.fillRect(QRect(x - 1, top, 2, frame.loopHeight + frame.lagHeight), text);
        const QString label = tr("all done");
        // Beside the line, on whichever side has room.
        QRect box(x + 3, barTop, fm.horizontalAdvance(label) + 8, barHeight);
        if (box.right() > right)
            box.moveRight(x - 3);
        painter.fillRect(box, base);
        painter.setPen(text);
        painter.drawText(box, Qt::AlignCenter, label);
    }
    for (const qint64 stopNs : frame.loop->stopped) {
        if (stopNs < visibleStart || stopNs > visibleEnd)
            continue;
        const int x = int(std::floor(px(stopNs)));
        painter.fillRect(QRect(x - 1, top, 2, frame.loopHeight + frame.lagHeight),
                         StateStyle::stoppedColor());
        const QString label = Vocabulary::stoppedText();
        QRect box(x + 3, barTop, fm.horizontalAdvance(label) + 8, barHeight);
        if (box.right() > right)
            box.moveRight(x - 3);
        painter.fillRect(box, StateStyle::stoppedColor());
        painter.setPen(Qt::white);
        painter.drawText(box, Qt::AlignCenter, label);
    }
}

void TimelineRenderer::paintLagLane(QPainter &painter, const Frame &frame) const
{
    const int top = frame.area.top() + frame.axisHeight + frame.loopHeight;
    const int left = frame.timeLeft();
    const int width = frame.coords.width();
    const int laneHeight = frame.lagHeight - 2;
    const qint64 visibleStart = frame.coords.startNs();
    const qint64 visibleEnd = frame.coords.endNs();
    if (frame.loop->lags.isEmpty())
        return;

    // A sample covers the time the timer waited past its due time: [ns - lag, ns]. Samples
    // sharing a pixel column show the worst of them.
    m_lagColumns.fill(0, width);
    auto it = std::partition_point(
        frame.loop->lags.cbegin(), frame.loop->lags.cend(),
        [&](const TimelineLoopMarks::LagSample &s) { return s.ns < visibleStart; });
    for (; it != frame.loop->lags.cend() && it->ns - frame.loop->maxLagNs <= visibleEnd; ++it) {
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
    const int bottom = top + frame.lagHeight - 1;
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

QList<TimelineCoordinates::Tick> TimelineRenderer::axisTicks(const TimelineCoordinates &coords,
                                                             const QFont &font, int labelHeight,
                                                             QList<QRect> *labels)
{
    const QFontMetrics fm(font);
    constexpr qint64 LongestStepNs = 1'000'000'000'000'000; // tickStep()'s
    qint64 step = TimelineCoordinates::tickStep((fm.horizontalAdvance(u"00000 ms"_s) + 24)
                                                * coords.nsPerPixel());
    for (;;) {
        const QList<TimelineCoordinates::Tick> ticks = coords.ticksEvery(step);
        QList<QRect> boxes;
        bool apart = true;
        for (const auto &tick : ticks) {
            // After its tick, or before it when the time area ends first: the last label ("1 s",
            // "1 秒") was cut at the right edge of a 1024 px window.
            const int x = int(std::floor(tick.x));
            QRect box(x + 4, 0, fm.horizontalAdvance(tick.label) + 2, labelHeight);
            if (box.right() > coords.width() && x - 4 - box.width() >= 0)
                box.moveRight(x - 4);
            if (!boxes.isEmpty() && box.left() - boxes.constLast().right() <= MinAxisLabelGap)
                apart = false;
            boxes.append(box);
        }
        if (apart || step >= LongestStepNs) {
            if (labels)
                *labels = boxes;
            return ticks;
        }
        step = TimelineCoordinates::tickStep(double(step) + 1); // the next 1/2/5 step
    }
}

void TimelineRenderer::paintAxis(QPainter &painter, const Frame &frame,
                                 const QList<TimelineCoordinates::Tick> &ticks,
                                 const QList<QRect> &labels) const
{
    const QColor base = frame.palette.color(QPalette::Base);
    const QColor text = frame.palette.color(QPalette::Text);
    const QRect axis(frame.area.left(), frame.area.top(), frame.area.width(), frame.axisHeight);
    painter.fillRect(axis, mix(base, text, 0.035));
    const int left = frame.timeLeft();
    if (frame.taskCount() == 0)
        return; // no run, no scale
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
    for (qsizetype i = 0; i < ticks.size(); ++i) {
        const int x = left + int(std::floor(ticks.at(i).x));
        painter.drawLine(x, axis.bottom() - 7, x, axis.bottom());
        painter.drawText(labels.at(i).translated(left, axis.top()),
                         Qt::AlignLeft | Qt::AlignVCenter, ticks.at(i).label);
    }
}

void TimelineRenderer::paintLabels(QPainter &painter, const Frame &frame, int firstRow,
                                   int lastRow) const
{
    const QColor base = frame.palette.color(QPalette::Base);
    const QColor text = frame.palette.color(QPalette::Text);
    const QColor dim = mix(base, text, 0.55);
    const int left = frame.area.left();
    const int width = frame.labelWidth - 1;

    // Header cells (the axis header cell repainted: tick labels may have run under it).
    const QRect corner(left, frame.area.top(), width, frame.axisHeight);
    painter.fillRect(corner, mix(base, text, 0.035));
    painter.setPen(dim);
    painter.drawText(corner.adjusted(8, 0, -6, -2), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Tasks: %1").arg(QLocale().toString(frame.taskCount())));

    const QRect loopCell(left, frame.area.top() + frame.axisHeight, width, frame.loopHeight);
    const QRect lagCell(left, loopCell.bottom() + 1, width, frame.lagHeight);
    painter.fillRect(loopCell.united(lagCell), mix(base, text, 0.05));
    QFont bold = frame.font;
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(text);
    painter.drawText(loopCell.adjusted(8, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter,
                     Vocabulary::loopRowText());
    painter.setFont(frame.font);
    if (frame.trace) {
        const qint64 now = frame.nowNs;
        const qint64 busy = frame.trace->segments().loopBusyBeforeNs(now, now);
        if (now > 0) {
            painter.setPen(dim);
            painter.drawText(loopCell.adjusted(8, 0, -8, 0), Qt::AlignRight | Qt::AlignVCenter,
                             tr("%1% busy").arg(std::lround(100.0 * double(busy) / double(now))));
        }
    }
    QFont small = frame.font;
    small.setPointSizeF(small.pointSizeF() * 0.8);
    painter.setFont(small);
    painter.setPen(dim);
    painter.drawText(lagCell.adjusted(8, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter,
                     Vocabulary::lagRowText());
    painter.setFont(frame.font);
    if (!frame.trace || firstRow > lastRow)
        return;
    if (frame.compact) {
        paintCompactLabels(painter, frame, firstRow, lastRow);
        return;
    }

    const Trace &trace = frame.trace->trace();
    const int rowsTop = frame.area.top() + frame.tasksTop();
    const QColor highlight = frame.palette.color(QPalette::Highlight);
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
        const bool selected = row == frame.selectedTask;
        if (selected)
            painter.fillRect(QRect(left, y, 3, frame.rowHeight), highlight);
        const QRect id(badge.right() + 6, y, frame.idWidth, frame.rowHeight);
        painter.setPen(text);
        painter.drawText(id, Qt::AlignRight | Qt::AlignVCenter, u'#' + QString::number(row));
        painter.setPen(selected ? text : dim);
        QRect rest(id.right() + 8, y, width - (id.right() + 8 - left) - 6, frame.rowHeight);
        QString url = urlLabel(frame, row);
        if (info.worker >= 0) {
            // Threads strategy: which worker ran it matters more than the (shared) path.
            const QString worker = Vocabulary::workerText(info.worker);
            painter.drawText(rest, Qt::AlignRight | Qt::AlignVCenter, worker);
            rest.setRight(rest.right() - QFontMetrics(frame.font).horizontalAdvance(worker) - 6);
            url = QFontMetrics(frame.font).elidedText(url, Qt::ElideRight, rest.width());
            if (url.size() < 5) // "/d…" tells nothing
                url.clear();
        }
        painter.drawText(rest, Qt::AlignLeft | Qt::AlignVCenter, url);
    }
    painter.restore();
}

QString TimelineRenderer::urlLabel(const Frame &frame, int task) const
{
    const Trace &trace = frame.trace->trace();
    if (trace.isRecording()) {
        // A recorded program's task is known by its name ("Task-3"), not by a URL.
        const int room = frame.labelWidth - (6 + 8 + 6 + frame.idWidth + 8 + 6);
        return QFontMetrics(frame.font)
            .elidedText(trace.taskTitle(quint32(task)), Qt::ElideMiddle, room);
    }
    if (m_urlLabels.size() != trace.urls.size()) {
        // A row has room for a path, not a URL: the host is the same for most runs anyway.
        const QFontMetrics fm(frame.font);
        const int room = frame.labelWidth - (6 + 8 + 6 + frame.idWidth + 8 + 6);
        m_urlLabels.clear();
        for (const QString &text : trace.urls) {
            const QUrl url(text);
            QString shown = url.path();
            if (url.hasQuery())
                shown += u'?' + url.query();
            if (shown.isEmpty() || shown == u"/"_s)
                shown = url.host().isEmpty() ? text : url.host();
            m_urlLabels.append(fm.elidedText(shown, Qt::ElideMiddle, room));
        }
    }
    return m_urlLabels.value(trace.tasks.at(task).urlIndex);
}

} // namespace Coroscope
