#include "comparebands.h"
#include "comparebands_p.h"

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

using namespace CompareBandsDetail;

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
