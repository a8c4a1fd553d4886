// CompareBands' painting: the legend, the shared axis and grid, and each run's band (its
// loop strip and its task lanes). The widget, its layout and its tooltips are comparebands.cpp.

#include "comparebands.h"
#include "comparebands_p.h"

#include "statestyle.h"
#include "summarystrip.h"
#include "timelinerenderer.h"
#include "trace/vocabulary.h"

#include <QPainter>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace CompareBandsDetail {

// The main timeline's palette: a state reads the same in both views.
QColor fillColor(int fill)
{
    switch (fill) {
    case FillPending:
        return StateStyle::stateColor(SegmentState::Pending);
    case FillSuspended:
        return StateStyle::stateColor(SegmentState::Suspended);
    case FillRunning:
        return StateStyle::stateColor(SegmentState::Running);
    case FillOk:
        return StateStyle::resultColor(TaskResult::Ok);
    case FillError:
        return StateStyle::resultColor(TaskResult::Error);
    case FillTimeout:
        return StateStyle::resultColor(TaskResult::Timeout);
    case FillCancelled:
        return StateStyle::resultColor(TaskResult::Cancelled);
    case FillNotch:
        return Qt::white;
    }
    return Qt::black;
}

int stateFill(SegmentState state)
{
    switch (state) {
    case SegmentState::Pending:
        return FillPending;
    case SegmentState::Running:
        return FillRunning;
    case SegmentState::Suspended:
        return FillSuspended;
    }
    return FillPending;
}

int resultFill(TaskResult result)
{
    switch (result) {
    case TaskResult::Ok:
        return FillOk;
    case TaskResult::Error:
        return FillError;
    case TaskResult::Timeout:
        return FillTimeout;
    case TaskResult::Cancelled:
        return FillCancelled;
    case TaskResult::Unfinished:
        break;
    }
    return -1;
}

// Shades between the palette's base and text: light greys on a light theme, dark ones on a
// dark theme (View > Theme).
QColor shade(const QPalette &palette, double t)
{
    return TimelineRendering::mix(palette.color(QPalette::Base), palette.color(QPalette::Text), t);
}
QColor loopTrackColor(const QPalette &palette)
{
    return shade(palette, 0.07);
}
QColor separatorColor(const QPalette &palette)
{
    return shade(palette, 0.16);
}
QColor gridColor(const QPalette &palette)
{
    return shade(palette, 0.08);
}

// 1, 2 or 5 x 10^k nanoseconds: round numbers to read off an axis.
qint64 tickStep(double minStepNs)
{
    qint64 step = 1;
    while (true) {
        for (qint64 m : {1, 2, 5}) {
            if (double(step * m) >= minStepNs)
                return step * m;
        }
        if (step > std::numeric_limits<qint64>::max() / 100)
            return step;
        step *= 10;
    }
}

// The unit follows the step so that every label on one axis reads alike ("0.5 s", "1.0 s").
QString formatTick(qint64 ns, qint64 stepNs)
{
    if (stepNs >= 100'000'000) {
        const int decimals = stepNs >= 1'000'000'000 ? 0 : 1;
        return Vocabulary::withUnit(double(ns) / 1e9, Vocabulary::Unit::Seconds, decimals);
    }
    const int decimals = stepNs >= 1'000'000 ? 0 : stepNs >= 100'000 ? 1 : 2;
    return Vocabulary::withUnit(double(ns) / 1e6, Vocabulary::Unit::Milliseconds, decimals);
}

} // namespace CompareBandsDetail

using namespace CompareBandsDetail;

void CompareBands::paintLegend(QPainter &p, const QRect &rect, const Metrics &m) const
{
    const QFontMetrics fm(font());
    const int swatch = fm.height() / 2 + 3;
    QList<QPoint> at;
    layoutLegend(rect.width(), m, &at);
    const QList<QPair<QString, QColor>> entries = legendEntries();
    p.setPen(palette().color(QPalette::Text));
    for (int i = 0; i < int(entries.size()) && i < int(at.size()); ++i) {
        const auto &entry = entries.at(i);
        const int textWidth = fm.horizontalAdvance(entry.first);
        const QRect line(at.at(i).x(), rect.top() + at.at(i).y(), textWidth, fm.height());
        const QRect box(line.left(), line.center().y() - swatch / 2, swatch, swatch);
        p.fillRect(box, entry.second);
        p.drawText(QRect(box.right() + 5, line.top(), textWidth + 2, line.height()),
                   Qt::AlignVCenter | Qt::AlignLeft, entry.first);
    }
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(QRect(m.margin, rect.top() + 6, m.labelWidth - 2 * m.margin, fm.height()),
               Qt::AlignVCenter | Qt::AlignLeft,
               fm.elidedText(tr("strategy"), Qt::ElideRight, m.labelWidth - 2 * m.margin));
}

QList<QPair<qint64, qint64>> CompareBands::ticks(const Layout &l, qint64 *step) const
{
    QList<QPair<qint64, qint64>> out;
    const QFontMetrics fm(font());
    const double minSpacing = fm.horizontalAdvance(u"0000.0 ms"_s) + 16;
    *step = tickStep(minSpacing * l.nsPerPx);
    for (qint64 ns = 0; ns <= l.spanNs; ns += *step)
        out.append({ns, qint64(std::lround(l.xForNs(ns)))});
    return out;
}

void CompareBands::paintGrid(QPainter &p, const Layout &l) const
{
    qint64 step = 1;
    p.setPen(gridColor(palette()));
    for (const auto &tick : ticks(l, &step))
        p.drawLine(int(tick.second), l.timeArea.top(), int(tick.second), l.timeArea.bottom());
}

void CompareBands::paintAxis(QPainter &p, const Layout &l, const Metrics &m) const
{
    const int y = l.timeArea.bottom() + 1;
    p.setPen(separatorColor(palette()));
    p.drawLine(l.timeArea.left(), y, l.timeArea.right(), y);
    qint64 step = 1;
    const QFontMetrics fm(font());
    p.setPen(palette().color(QPalette::Text));
    for (const auto &tick : ticks(l, &step)) {
        const int x = int(tick.second);
        p.drawLine(x, y, x, y + 4);
        const QString label = formatTick(tick.first, step);
        const int w = fm.horizontalAdvance(label);
        p.drawText(QRect(x - w / 2 - 2, y + 5, w + 4, m.axisHeight - 5),
                   Qt::AlignHCenter | Qt::AlignTop, label);
    }
}

void CompareBands::paintBand(QPainter &p, const BandData &data, const QRect &band, const Layout &l,
                             const Metrics &m) const
{
    // Header: what ran and what it cost, read before the picture.
    const QFontMetrics fm(font());
    const int textWidth = m.labelWidth - 2 * m.margin;
    int y = band.top() + BandPadding - 2;
    QFont bold = font();
    bold.setBold(true);
    p.setFont(bold);
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(m.margin, y, textWidth, m.lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetrics(bold).elidedText(data.strategy, Qt::ElideRight, textWidth));
    p.setFont(font());
    y += m.lineHeight + 1;
    if (!data.source.isEmpty()) {
        // Which file and when: "last-week.coroscope · 25/11/2026 14:02", in the accent colour
        // of the bar that marks the band as a saved run's.
        p.fillRect(QRect(0, band.top() + 1, 3, band.height() - 2),
                   palette().color(QPalette::Highlight));
        QFont italic = font();
        italic.setItalic(true);
        p.setFont(italic);
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRect(m.margin, y, textWidth, m.lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetrics(italic).elidedText(sourceLine(data), Qt::ElideMiddle, textWidth));
        p.setFont(font());
        y += m.lineHeight;
    }
    const QLocale locale;
    const std::optional<double> speedup = SummaryStrip::shownSpeedup(data.summary);
    const QStringList lines = {
        tr("%1 wall").arg(durationText(data.summary.wallMs)),
        data.summary.stopped ? stoppedLine(data.summary)
                             : (speedup ? tr("speed-up %1×").arg(locale.toString(*speedup, 'f', 1))
                                        : tr("speed-up –")),
    };
    for (int i = 0; i < int(lines.size()); ++i) {
        if (y + m.lineHeight > band.bottom())
            break;
        const bool stopLine = i == 1 && data.summary.stopped;
        if (stopLine) {
            QFont boldFont = font();
            boldFont.setBold(true);
            p.setFont(boldFont);
        }
        p.setPen(stopLine ? StateStyle::stoppedColor() : palette().color(QPalette::Text));
        p.drawText(QRect(m.margin, y, textWidth, m.lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetrics(p.font()).elidedText(lines.at(i), Qt::ElideRight, textWidth));
        p.setFont(font());
        y += m.lineHeight;
    }
    if (y + m.lineHeight <= band.bottom()) {
        const int notOk = data.summary.tasks - data.summary.ok;
        const QString line = tr("%1 of %2 ok").arg(data.summary.ok).arg(data.summary.tasks);
        p.setPen(notOk > 0 ? fillColor(FillError) : palette().color(QPalette::PlaceholderText));
        p.drawText(QRect(m.margin, y, textWidth, m.lineHeight), Qt::AlignLeft | Qt::AlignVCenter,
                   fm.elidedText(line, Qt::ElideRight, textWidth));
    }

    paintLoopStrip(p, data, stripRect(band, l), l);
    const Lanes lanes = lanesFor(data, band, l);
    paintLanes(p, data, lanes, l);

    // The asyncio.wait moment: every task done.
    const int endTop = band.top() + BandPadding;
    const int endBottom = lanes.area.top() + lanes.count * lanes.pitch;
    if (data.allDoneNs >= 0) {
        const int x = std::min(int(l.xForNs(data.allDoneNs)), l.timeArea.right());
        p.setPen(QPen(palette().color(QPalette::Text), 1));
        p.drawLine(x, endTop, x, endBottom);
    }
    // Where the user stopped it, marked as in the main timeline: this band is not a
    // finished run, and its length is not what the strategy costs.
    if (data.stoppedNs >= 0) {
        const int x = std::min(int(l.xForNs(data.stoppedNs)), l.timeArea.right());
        p.fillRect(QRect(x - 1, endTop, 2, endBottom - endTop + 1), StateStyle::stoppedColor());
        const QString label = Vocabulary::stoppedText();
        QFont boldFont = font();
        boldFont.setBold(true);
        const QFontMetrics boldFm(boldFont);
        QRect box(x + 3, endTop - 1, boldFm.horizontalAdvance(label) + 8, LoopStripHeight + 4);
        box.setHeight(std::max(box.height(), boldFm.height()));
        if (box.right() > l.timeArea.right())
            box.moveRight(x - 3);
        p.fillRect(box, StateStyle::stoppedColor());
        p.setFont(boldFont);
        p.setPen(Qt::white);
        p.drawText(box, Qt::AlignCenter, label);
        p.setFont(font());
    }
    // The wall time next to where the band ends, so that the bands' lengths read as numbers.
    const int endX = std::min(int(std::ceil(l.xForNs(data.lastNs))), l.timeArea.right()) + 5;
    QFont small = font();
    small.setBold(true);
    p.setFont(small);
    p.setPen(palette().color(QPalette::Text));
    p.drawText(
        QRect(endX, endTop, m.endLabelWidth + m.margin, std::max(m.lineHeight, endBottom - endTop)),
        Qt::AlignLeft | Qt::AlignVCenter, durationText(data.summary.wallMs));
    p.setFont(font());

    p.setPen(separatorColor(palette()));
    p.drawLine(0, band.bottom(), band.right() + m.endLabelWidth + m.margin, band.bottom());
}

void CompareBands::paintLoopStrip(QPainter &p, const BandData &data, const QRect &strip,
                                  const Layout &l) const
{
    const int width = strip.width();
    const int trackEnd = std::clamp(int(std::ceil(double(data.lastNs) / l.nsPerPx)), 0, width);
    p.fillRect(QRect(strip.left(), strip.top(), trackEnd, strip.height()),
               loopTrackColor(palette()));
    // Busy fraction per pixel column: a loop busy for 2 µs of a 5 ms column shows faintly,
    // one blocked for the whole column shows dark.
    std::vector<double> busy(size_t(width), 0.0);
    for (const auto &span : data.busy) {
        const double x0 = double(span.first) / l.nsPerPx;
        const double x1 = double(span.second) / l.nsPerPx;
        const int c0 = std::max(0, int(std::floor(x0)));
        const int c1 = std::min(width, int(std::ceil(x1)));
        for (int c = c0; c < c1; ++c)
            busy[size_t(c)] += std::min(x1, double(c + 1)) - std::max(x0, double(c));
    }
    QImage row(width, 1, QImage::Format_ARGB32_Premultiplied);
    row.fill(Qt::transparent);
    auto *pixels = reinterpret_cast<QRgb *>(row.scanLine(0));
    const QColor busyColor = StateStyle::loopBusyColor();
    for (int c = 0; c < width; ++c) {
        const double fraction = std::min(1.0, busy[size_t(c)]);
        if (fraction <= 0)
            continue;
        const double alpha = 0.3 + 0.7 * fraction; // the briefest turn still shows
        pixels[c] = qPremultiply(
            qRgba(busyColor.red(), busyColor.green(), busyColor.blue(), int(alpha * 255)));
    }
    p.drawImage(strip, row);
}

void CompareBands::paintLanes(QPainter &p, const BandData &data, const Lanes &lanes,
                              const Layout &l) const
{
    if (lanes.count <= 0)
        return;
    const int width = lanes.area.width();
    const qsizetype stride = width + 1;
    // Coverage counts per (fill, lane, column) as difference arrays: each span costs O(1)
    // however long it is, and tasks sharing a lane merge for free.
    m_diff.assign(size_t(FillCount) * size_t(lanes.count) * size_t(stride), 0);
    auto mark = [&](int fill, int lane, int c0, int c1) {
        c0 = std::clamp(c0, 0, width);
        c1 = std::clamp(c1, 0, width);
        if (c1 <= c0)
            return;
        int *d
            = m_diff.data() + (size_t(fill) * size_t(lanes.count) + size_t(lane)) * size_t(stride);
        ++d[c0];
        --d[c1];
    };
    // Only where every task has its own lane: shared lanes would turn notches into speckle.
    const bool notched = lanes.count == data.tasks && lanes.height >= 4;
    for (int t = 0; t < data.tasks; ++t) {
        const int lane = int(qint64(t) * lanes.count / data.tasks);
        for (qsizetype i = data.rowStart.at(t); i < data.rowStart.at(t + 1); ++i) {
            const Segment &s = data.segments.at(i);
            const int c0 = int(std::floor(double(s.startNs) / l.nsPerPx));
            const int c1 = std::max(c0 + 1, int(std::ceil(double(s.endNs) / l.nsPerPx)));
            mark(stateFill(s.state), lane, c0, c1);
        }
        const int fill = data.finishFill.at(t);
        if (fill >= 0 && data.finishedNs.at(t) >= 0) {
            const int c = int(std::ceil(double(data.finishedNs.at(t)) / l.nsPerPx));
            mark(fill, lane, c - 2, std::max(c, 2));
            if (notched)
                mark(FillNotch, lane, c - 3, c - 2);
        }
    }
    for (auto &rects : m_rects)
        rects.clear();
    for (int lane = 0; lane < lanes.count; ++lane) {
        const int top = lanes.area.top() + lane * lanes.pitch;
        int count[FillCount] = {};
        const int *d[FillCount];
        for (int f = 0; f < FillCount; ++f)
            d[f]
                = m_diff.data() + (size_t(f) * size_t(lanes.count) + size_t(lane)) * size_t(stride);
        int runFill = -1;
        int runStart = 0;
        for (int c = 0; c <= width; ++c) {
            int top_fill = -1;
            if (c < width) {
                for (int f = 0; f < FillCount; ++f) {
                    count[f] += d[f][c];
                    if (count[f] > 0)
                        top_fill = f;
                }
            }
            if (top_fill != runFill) {
                if (runFill >= 0)
                    m_rects[runFill].append(
                        QRect(lanes.area.left() + runStart, top, c - runStart, lanes.height));
                runFill = top_fill;
                runStart = c;
            }
        }
    }
    p.setPen(Qt::NoPen);
    for (int f = 0; f < FillCount; ++f) {
        if (m_rects[f].isEmpty())
            continue;
        p.setBrush(f == FillNotch ? palette().color(QPalette::Base) : fillColor(f));
        p.drawRects(m_rects[f]);
    }
    p.setBrush(Qt::NoBrush);
}

} // namespace Coroscope
