#include "comparebands.h"

#include "statestyle.h"
#include "summarystrip.h"
#include "timelinerenderer.h"
#include "trace/vocabulary.h"

#include <QEvent>
#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QToolTip>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

// Paint order is priority: where several states meet in one pixel (sub-pixel spans, or many
// tasks sharing one compressed row) the later fill wins, so a brief run on the loop stays visible
// over a long suspension and the outcome marker over everything.
enum Fill : int {
    FillPending,
    FillSuspended,
    FillRunning,
    FillNotch, // a background pixel before an outcome marker: amber must not melt into orange
    FillOk,
    FillError,
    FillTimeout,
    FillCancelled,
    FillCount
};

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

} // namespace

CompareBands::BandData CompareBands::BandData::from(const Trace &trace)
{
    BandData band;
    band.strategy = trace.strategy;
    const SegmentBuilder builder = buildSegments(trace);
    band.summary = summarize(trace, builder);
    band.tasks = int(trace.tasks.size());
    band.lastNs = trace.lastNs();
    band.rowStart.reserve(band.tasks + 1);
    band.finishedNs.reserve(band.tasks);
    band.finishFill.reserve(band.tasks);
    for (quint32 t = 0; t < quint32(band.tasks); ++t) {
        band.rowStart.append(band.segments.size());
        band.segments.append(builder.row(t));
        Segment open;
        if (builder.openSegment(t, band.lastNs, &open) && SegmentBuilder::keeps(open))
            band.segments.append(open);
        band.finishedNs.append(builder.times(t).finishedNs);
        band.finishFill.append(qint8(resultFill(trace.tasks.at(t).result)));
    }
    band.rowStart.append(band.segments.size());

    for (const SegmentBuilder::Span &span : builder.loopBusy())
        band.busy.append({span.startNs, span.endNs});
    if (builder.loopBusySinceNs() >= 0) // a stopped run's loop may still have been busy
        band.busy.append({builder.loopBusySinceNs(), band.lastNs});
    for (const TraceEvent &e : trace.events) {
        if (e.kind == EventKind::AllDone)
            band.allDoneNs = e.ns;
        else if (e.kind == EventKind::Stopped && band.stoppedNs < 0)
            band.stoppedNs = e.ns;
    }
    return band;
}

CompareBands::CompareBands(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setLayoutDirection(Qt::LeftToRight); // a time axis, as in the timeline
    m_rects.resize(FillCount);
}

QList<RunSummary> CompareBands::summaries() const
{
    QList<RunSummary> result;
    result.reserve(m_bands.size());
    for (const BandData &band : m_bands)
        result.append(band.summary);
    return result;
}

void CompareBands::setTraces(const QList<Trace> &traces, const QList<ComparedRun> &compared)
{
    m_bands.clear();
    m_bands.reserve(traces.size() + compared.size());
    for (const Trace &trace : traces)
        m_bands.append(BandData::from(trace));
    for (const ComparedRun &run : compared) {
        BandData band = BandData::from(run.trace);
        band.source = run.source;
        band.summary.source = run.source;
        band.recordedAt = run.environment.recordedAt;
        m_bands.append(std::move(band));
    }
    // A sequential run among them measures what the others would cost one after another.
    QList<RunSummary> measured = summaries();
    applySequentialBaselines(&measured);
    for (qsizetype i = 0; i < m_bands.size(); ++i)
        m_bands[i].summary = measured.at(i);
    updateMaximumHeight();
    invalidate();
}

void CompareBands::updateMaximumHeight()
{
    const Metrics m = metrics();
    setMaximumHeight(m.legendHeight + m.axisHeight
                     + int(std::max<qsizetype>(2, m_bands.size())) * MaxBandHeight);
    updateGeometry();
}

void CompareBands::invalidate()
{
    m_cache = QPixmap();
    update();
}

QSize CompareBands::sizeHint() const
{
    const Metrics m = metrics();
    // Compact: in a short window the page scrolls at its preferred height (its file bar wraps,
    // so the scroll area sizes it for its width), and bands of 112 px showed 2 of 5 at 1400 x
    // 900. Room to spare still goes to the bands first (stretch, up to MaxBandHeight).
    return {900,
            m.legendHeight + m.axisHeight
                + int(std::max<qsizetype>(1, m_bands.size())) * MinBandHeight};
}

QSize CompareBands::minimumSizeHint() const
{
    const Metrics m = metrics();
    return {420,
            m.legendHeight + m.axisHeight
                + int(std::max<qsizetype>(1, m_bands.size())) * MinBandHeight};
}

void CompareBands::render(QPainter &painter, const QSize &size) const
{
    painter.setLayoutDirection(Qt::LeftToRight); // a time axis, as in the timeline
    const Metrics m = metrics(size.width());
    const QRect all(QPoint(0, 0), size);
    painter.fillRect(all, palette().color(QPalette::Base));
    paintLegend(painter, QRect(0, 0, size.width(), m.legendHeight), m);
    if (m_bands.isEmpty()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(all.adjusted(m.margin, m.legendHeight, -m.margin, 0),
                         Qt::AlignCenter | Qt::TextWordWrap,
                         tr("Nothing compared yet. Run > Compare… (Ctrl+Shift+R) runs the run "
                            "panel's workload under each strategy you choose and shows them here, "
                            "side by side on one time axis; Add Saved Run… puts a saved run "
                            "beside them."));
        return;
    }
    const Layout layout = layoutFor(size, m);
    // A run from a saved file is tinted across its whole band: this session's runs and the
    // baseline tell apart at a glance, also in a grey-scale print.
    for (int b = 0; b < int(m_bands.size()); ++b) {
        if (!m_bands.at(b).source.isEmpty())
            painter.fillRect(layout.band(b), comparedTint(palette()));
    }
    paintGrid(painter, layout);
    for (int b = 0; b < int(m_bands.size()); ++b)
        paintBand(painter, m_bands.at(b), layout.band(b), layout, m);
    paintAxis(painter, layout, m);
}

void CompareBands::paintEvent(QPaintEvent *)
{
    const qreal dpr = devicePixelRatioF();
    const QSize pixels = (QSizeF(size()) * dpr).toSize();
    if (m_cache.size() != pixels) {
        m_cache = QPixmap(pixels);
        m_cache.setDevicePixelRatio(dpr);
        QPainter cachePainter(&m_cache);
        render(cachePainter, size());
    }
    QPainter painter(this);
    painter.drawPixmap(0, 0, m_cache);
}

void CompareBands::resizeEvent(QResizeEvent *)
{
    m_cache = QPixmap();
    // The legend wraps to the width: its height (and so the bands' room) follows.
    if (const Metrics m = metrics(); m.legendHeight != m_legendHeight) {
        m_legendHeight = m.legendHeight;
        updateMaximumHeight();
    }
}

void CompareBands::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange || event->type() == QEvent::PaletteChange
        || event->type() == QEvent::LanguageChange) {
        invalidate();
        updateMaximumHeight();
    }
    QWidget::changeEvent(event);
}

bool CompareBands::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

CompareBands::Metrics CompareBands::metrics(int width) const
{
    Metrics m;
    const QFontMetrics fm(font());
    m.lineHeight = fm.height();
    m.axisHeight = fm.height() + 12;
    int widest = fm.horizontalAdvance(tr("speed-up %1×").arg(QLocale().toString(88.8, 'f', 1)));
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics boldFm(bold);
    for (const BandData &band : m_bands) {
        widest = std::max(widest, boldFm.horizontalAdvance(band.strategy));
        if (!band.source.isEmpty())
            widest = std::max(widest, fm.horizontalAdvance(sourceLine(band)));
        if (band.summary.stopped)
            widest = std::max(widest, boldFm.horizontalAdvance(stoppedLine(band.summary)));
    }
    m.labelWidth = std::clamp(widest + 2 * m.margin + 8, 130, 280);
    m.endLabelWidth = fm.horizontalAdvance(durationText(88888)) + 12;
    // The legend wraps: it used to stop at the right edge, and a saved run's wider labels cut
    // "cancelled" and "loop busy" from it.
    const int lines = layoutLegend(width < 0 ? this->width() : width, m, nullptr);
    m.legendHeight = lines * (fm.height() + 2) + 12;
    return m;
}

QList<QPair<QString, QColor>> CompareBands::legendEntries() const
{
    return {
        {Vocabulary::stateText(SegmentState::Pending), fillColor(FillPending)},
        {Vocabulary::stateText(SegmentState::Running), fillColor(FillRunning)},
        {Vocabulary::stateText(SegmentState::Suspended), fillColor(FillSuspended)},
        {Vocabulary::resultText(TaskResult::Ok), fillColor(FillOk)},
        {Vocabulary::resultText(TaskResult::Error), fillColor(FillError)},
        {Vocabulary::resultText(TaskResult::Timeout), fillColor(FillTimeout)},
        {Vocabulary::resultText(TaskResult::Cancelled), fillColor(FillCancelled)},
        {Vocabulary::loopBusyText(), StateStyle::loopBusyColor()},
    };
}

int CompareBands::layoutLegend(int width, const Metrics &m, QList<QPoint> *at) const
{
    const QFontMetrics fm(font());
    const int swatch = fm.height() / 2 + 3;
    const int lineHeight = fm.height() + 2;
    const int right = std::max(m.labelWidth + 1, width - m.margin);
    int x = m.labelWidth;
    int line = 0;
    for (const auto &entry : legendEntries()) {
        const int entryWidth = swatch + 5 + fm.horizontalAdvance(entry.first);
        if (x > m.labelWidth && x + entryWidth > right) {
            x = m.labelWidth;
            ++line;
        }
        if (at)
            at->append(QPoint(x, 6 + line * lineHeight));
        x += entryWidth + 14;
    }
    return line + 1;
}

CompareBands::Layout CompareBands::layoutFor(const QSize &size, const Metrics &m) const
{
    Layout l;
    const int count = int(std::max<qsizetype>(1, m_bands.size()));
    const int available = size.height() - m.legendHeight - m.axisHeight;
    l.bandHeight = std::clamp(available / count, MinBandHeight, MaxBandHeight);
    l.bandTop = m.legendHeight;
    const int left = m.labelWidth;
    const int right = std::max(left + 40, size.width() - m.endLabelWidth - m.margin);
    l.timeArea = QRect(left, l.bandTop, right - left, l.bandHeight * count);
    qint64 endNs = 0;
    for (const BandData &band : m_bands)
        endNs = std::max(endNs, band.lastNs);
    l.spanNs = std::max<qint64>(endNs, 1'000'000);
    l.nsPerPx = double(l.spanNs) / std::max(1, l.timeArea.width());
    return l;
}

QRect CompareBands::stripRect(const QRect &band, const Layout &l)
{
    return {l.timeArea.left(), band.top() + BandPadding, l.timeArea.width(), LoopStripHeight};
}

CompareBands::Lanes CompareBands::lanesFor(const BandData &data, const QRect &band, const Layout &l)
{
    Lanes lanes;
    const int top = band.top() + BandPadding + LoopStripHeight + StripGap;
    const int height = band.bottom() - BandPadding - top + 1;
    lanes.area = QRect(l.timeArea.left(), top, l.timeArea.width(), std::max(1, height));
    if (data.tasks <= 0)
        return lanes;
    if (data.tasks * 2 <= lanes.area.height()) {
        lanes.count = data.tasks;
        lanes.pitch = std::min(12, lanes.area.height() / data.tasks);
        lanes.height = lanes.pitch >= 4 ? lanes.pitch - 1 : lanes.pitch;
    } else {
        lanes.count = std::min(data.tasks, lanes.area.height());
        lanes.pitch = 1;
        lanes.height = 1;
    }
    return lanes;
}

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

QString CompareBands::sourceLine(const BandData &data) const
{
    if (!data.recordedAt.isValid())
        return data.source;
    // ISO-like and short: the band's label column is narrow, and every locale reads it.
    return tr("%1 · %2").arg(
        data.source, data.recordedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
}

QColor CompareBands::comparedTint(const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor accent = palette.color(QPalette::Highlight);
    constexpr double Weight = 0.10;
    return QColor::fromRgbF(float(base.redF() * (1 - Weight) + accent.redF() * Weight),
                            float(base.greenF() * (1 - Weight) + accent.greenF() * Weight),
                            float(base.blueF() * (1 - Weight) + accent.blueF() * Weight));
}

QString CompareBands::toolTipAt(const QPoint &pos) const
{
    if (m_bands.isEmpty())
        return {};
    const Metrics m = metrics();
    const Layout l = layoutFor(size(), m);
    const int index = (pos.y() - l.bandTop) / std::max(1, l.bandHeight);
    if (pos.y() < l.bandTop || index < 0 || index >= m_bands.size())
        return {};
    const BandData &data = m_bands.at(index);
    const QRect band = l.band(index);
    QString head = u"<b>"_s + data.strategy.toHtmlEscaped() + u"</b>"_s;
    if (!data.source.isEmpty())
        head += u"<br>"_s + tr("From the saved run %1").arg(sourceLine(data).toHtmlEscaped());
    if (pos.x() < l.timeArea.left()) {
        const RunSummary &s = data.summary;
        QString text = head + u"<br>"_s;
        if (s.stopped)
            text += tr("Stopped after %1: no speed-up for a run cut short")
                        .arg(durationText(s.stoppedAtMs))
                + u"<br>"_s;
        return text
            + tr("Wall time %1, one after another %2, speed-up %3")
                  .arg(durationText(s.wallMs),
                       s.sumMs ? durationText(*s.sumMs) : SummaryStrip::noValue(),
                       SummaryStrip::speedupText(s))
            + u"<br>"_s
            + tr("Average tasks in flight: %1").arg(QLocale().toString(s.avgInFlight, 'f', 1));
    }
    const qint64 ns = qint64((pos.x() - l.timeArea.left()) * l.nsPerPx);
    if (ns > data.lastNs)
        return {};
    const QString at = tr("at %1").arg(durationText(double(ns) / 1e6));
    if (stripRect(band, l).adjusted(0, -2, 0, 2).contains(pos)) {
        bool busy = false;
        const qint64 slack = qint64(l.nsPerPx);
        for (const auto &span : data.busy)
            busy = busy || (span.first <= ns + slack && span.second >= ns - slack);
        return head + u' ' + at + u"<br>"_s
            + (busy ? tr("Event loop busy: a task is running on it")
                    : tr("Event loop idle: free to run any ready task"));
    }
    const Lanes lanes = lanesFor(data, band, l);
    const int lane = (pos.y() - lanes.area.top()) / std::max(1, lanes.pitch);
    if (pos.y() < lanes.area.top() || lane < 0 || lane >= lanes.count)
        return head + u' ' + at;
    // Tasks in this lane: the inverse of lane = t * count / tasks.
    const int first = int((qint64(lane) * data.tasks + lanes.count - 1) / lanes.count);
    const int last = int((qint64(lane + 1) * data.tasks + lanes.count - 1) / lanes.count) - 1;
    int states[3] = {};
    int done = 0;
    QString single;
    for (int t = first; t <= last; ++t) {
        const Segment *found = nullptr;
        for (qsizetype i = data.rowStart.at(t); i < data.rowStart.at(t + 1); ++i) {
            const Segment &s = data.segments.at(i);
            if (s.startNs <= ns && ns <= s.endNs)
                found = &s;
        }
        if (found) {
            ++states[int(found->state)];
            single = Vocabulary::stateText(found->state);
        } else if (data.finishedNs.at(t) >= 0 && ns >= data.finishedNs.at(t)) {
            ++done;
            single = tr("done");
        }
    }
    if (first == last) {
        return head + u' ' + at + u"<br>"_s
            + tr("Task %1: %2").arg(first).arg(single.isEmpty() ? tr("not created yet") : single);
    }
    QStringList parts;
    for (int s = 0; s < 3; ++s) {
        if (states[s] > 0)
            parts << u"%1 %2"_s.arg(states[s]).arg(Vocabulary::stateText(SegmentState(s)));
    }
    if (done > 0)
        parts << u"%1 %2"_s.arg(done).arg(tr("done"));
    return head + u' ' + at + u"<br>"_s
        + tr("Tasks %1-%2: %3").arg(first).arg(last).arg(parts.join(u", "_s));
}

QString CompareBands::stoppedLine(const RunSummary &summary)
{
    return tr("stopped after %1").arg(durationText(summary.stoppedAtMs));
}

} // namespace Coroscope
