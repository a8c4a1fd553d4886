#include "charts.h"

#include "livetrace.h"
#include "theme.h"
#include "trace/summary.h"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace Coroscope {

namespace {
// Charts are summaries: four redraws a second keep them live without costing the timeline.
constexpr int ThrottleMs = 250;

const QColor InFlightColor(0x3a, 0x6f, 0xc4);
const QColor LatencyColor(0x5c, 0x8d, 0xd6);

double niceStep(double raw)
{
    if (!(raw > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double fraction = raw / magnitude;
    const double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
}

// Decimals needed to tell apart values `step` apart.
int decimalsFor(double step)
{
    if (step >= 1)
        return 0;
    return std::clamp(int(std::ceil(-std::log10(step) - 1e-9)), 0, 6);
}

QChart *makeChart()
{
    auto *chart = new QChart;
    chart->setTheme(QChart::ChartThemeLight);
    chart->legend()->hide();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(4, 4, 8, 4));
    QFont title = chart->titleFont();
    title.setBold(true);
    title.setPointSizeF(QFont().pointSizeF());
    chart->setTitleFont(title);
    return chart;
}

void styleAxis(QAbstractAxis *axis)
{
    QFont font = axis->labelsFont();
    font.setPointSizeF(QFont().pointSizeF() * 0.85);
    axis->setLabelsFont(font);
    QFont titleFont = axis->titleFont();
    titleFont.setPointSizeF(QFont().pointSizeF() * 0.9);
    titleFont.setBold(false);
    axis->setTitleFont(titleFont);
}

// Dynamic ticks are laid out as soon as any of these changes: with the old interval over a new,
// much wider range that is thousands of ticks (tens of ms). Fixed ticks while changing are not.
void setTicks(QValueAxis *axis, double min, double max, double anchor, double interval)
{
    axis->setTickType(QValueAxis::TicksFixed);
    axis->setRange(min, max);
    axis->setTickAnchor(anchor);
    axis->setTickInterval(interval);
    axis->setTickType(QValueAxis::TicksDynamic);
}

QChartView *makeView(QChart *chart, QWidget *parent)
{
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setFrameShape(QFrame::NoFrame);
    return view;
}
} // namespace

RunCharts::RunCharts(QWidget *parent)
    : QWidget(parent)
    , m_throttle(new Throttle(
          ThrottleMs, [this]() { recompute(); }, this))
{
    // In flight: an area under a step line.
    m_inFlightChart = makeChart();
    m_inFlight = new QLineSeries(this);
    auto *area = new QAreaSeries(m_inFlight);
    QPen pen(InFlightColor);
    pen.setWidthF(1.6);
    area->setPen(pen);
    QColor fill = InFlightColor;
    fill.setAlpha(60);
    area->setBrush(fill);
    m_inFlightChart->addSeries(area);
    m_inFlightX = new QValueAxis;
    m_inFlightY = new QValueAxis;
    // Two trailing spaces: Qt Charts gives a vertical title the labels' width minus that of
    // "...", so one-digit labels left a Chinese title ("任务数", taller than Latin text) too
    // little room and it was cut to "⋮".
    m_inFlightY->setLabelFormat(QStringLiteral("%d  "));
    m_inFlightChart->addAxis(m_inFlightX, Qt::AlignBottom);
    m_inFlightChart->addAxis(m_inFlightY, Qt::AlignLeft);
    area->attachAxis(m_inFlightX);
    area->attachAxis(m_inFlightY);
    styleAxis(m_inFlightX);
    styleAxis(m_inFlightY);
    m_inFlightView = makeView(m_inFlightChart, this);

    // Latency histogram.
    m_latencyChart = makeChart();
    m_latency = new QBarSeries;
    m_latency->setBarWidth(0.92);
    m_latencySet = new QBarSet(QString());
    m_latencySet->setColor(LatencyColor);
    m_latencySet->setBorderColor(LatencyColor.darker(115));
    m_latency->append(m_latencySet);
    m_latencyChart->addSeries(m_latency);
    // Bars sit on a category axis, one category per bin, but twenty labels like "1003.65"
    // cannot fit: the categories stay unlabelled and a value axis over the same span (first
    // edge to last edge, mapped to the same width) labels the bin edges with nice ticks.
    m_latencyX = new QBarCategoryAxis;
    m_latencyX->setLabelsVisible(false);
    m_latencyX->setLineVisible(false);
    m_latencyX->setGridLineVisible(false);
    m_latencyEdges = new QValueAxis;
    m_latencyEdges->setGridLineVisible(false);
    m_latencyY = new QValueAxis;
    m_latencyY->setLabelFormat(QStringLiteral("%d  ")); // (see m_inFlightY)
    m_latencyChart->addAxis(m_latencyX, Qt::AlignBottom);
    m_latencyChart->addAxis(m_latencyEdges, Qt::AlignBottom);
    m_latencyChart->addAxis(m_latencyY, Qt::AlignLeft);
    m_latency->attachAxis(m_latencyX);
    m_latency->attachAxis(m_latencyY);
    styleAxis(m_latencyEdges);
    styleAxis(m_latencyY);
    m_latencyView = makeView(m_latencyChart, this);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_inFlightView, 1);
    layout->addWidget(m_latencyView, 1);

    Theme::styleChart(m_inFlightChart, palette());
    Theme::styleChart(m_latencyChart, palette());
    updateTitles();
}

RunCharts::~RunCharts() = default;

void RunCharts::setLiveTrace(LiveTrace *trace)
{
    if (m_trace)
        disconnect(m_trace, nullptr, this, nullptr);
    m_trace = trace;
    if (m_trace) {
        connect(m_trace, &LiveTrace::changed, this, &RunCharts::scheduleUpdate);
        connect(m_trace, &LiveTrace::reset, this, &RunCharts::updateCharts);
    }
    updateCharts();
}

void RunCharts::scheduleUpdate()
{
    m_throttle->request();
}

void RunCharts::updateCharts()
{
    m_throttle->runNow();
}

void RunCharts::updateTitles()
{
    m_inFlightChart->setTitle(tr("Tasks in flight"));
    m_inFlightX->setTitleText(tr("seconds since start"));
    m_inFlightY->setTitleText(tr("admitted, not finished"));
    m_latencyChart->setTitle(tr("Latency of finished tasks"));
    m_latencyEdges->setTitleText(tr("total ms, created to finished"));
    m_latencyY->setTitleText(tr("tasks"));
}

QList<QPointF> RunCharts::inFlightSteps(const QList<TaskTimes> &times, qint64 nowNs, int maxBuckets,
                                        qint64 stopNs)
{
    struct Delta
    {
        qint64 ns;
        int change;
    };
    QList<Delta> deltas;
    deltas.reserve(times.size() * 2);
    qint64 endNs = std::max<qint64>(nowNs, 0);
    for (const TaskTimes &t : times) {
        if (t.admittedNs < 0 || (stopNs >= 0 && t.admittedNs > stopNs))
            continue;
        deltas.append({t.admittedNs, +1});
        if (t.finishedNs >= 0 && (stopNs < 0 || t.finishedNs <= stopNs))
            deltas.append({t.finishedNs, -1});
        endNs = std::max({endNs, t.admittedNs, t.finishedNs});
    }
    if (stopNs >= 0)
        endNs = stopNs;
    std::sort(deltas.begin(), deltas.end(),
              [](const Delta &a, const Delta &b) { return a.ns < b.ns; });

    QList<QPointF> points;
    const auto seconds = [](qint64 ns) { return double(ns) / 1e9; };
    if (deltas.size() <= qsizetype(maxBuckets)) {
        int count = 0;
        points.append({0, 0});
        for (qsizetype i = 0; i < deltas.size();) {
            const qint64 ns = deltas.at(i).ns;
            const int before = count;
            for (; i < deltas.size() && deltas.at(i).ns == ns; ++i)
                count += deltas.at(i).change;
            if (count == before)
                continue;
            points.append({seconds(ns), double(before)});
            points.append({seconds(ns), double(count)});
        }
        points.append({seconds(endNs), double(count)});
        return points;
    }

    // Too many steps to draw: each bucket shows the peak it reached, so bursts stay visible.
    const int buckets = std::max(1, maxBuckets);
    const double width = double(std::max<qint64>(endNs, 1)) / buckets;
    int count = 0;
    qsizetype i = 0;
    for (int b = 0; b < buckets; ++b) {
        const qint64 bucketEnd = b + 1 == buckets ? endNs + 1 : qint64(width * (b + 1));
        int peak = count;
        for (; i < deltas.size() && deltas.at(i).ns < bucketEnd; ++i) {
            count += deltas.at(i).change;
            peak = std::max(peak, count);
        }
        const double x0 = seconds(qint64(width * b));
        const double x1 = seconds(qint64(width * (b + 1)));
        if (!points.isEmpty() && points.constLast().y() == peak) {
            points.last().setX(x1);
            continue;
        }
        points.append({x0, double(peak)});
        points.append({x1, double(peak)});
    }
    return points;
}

RunCharts::Histogram RunCharts::histogram(const QList<double> &valuesMs, int targetBins)
{
    Histogram h;
    if (valuesMs.isEmpty())
        return h;
    const auto [minIt, maxIt] = std::minmax_element(valuesMs.begin(), valuesMs.end());
    const double lo = *minIt;
    const double hi = *maxIt;
    double width = niceStep((hi - lo) / std::max(1, targetBins));
    if (hi - lo <= 0)
        width = niceStep(std::max(std::abs(hi) * 0.01, 0.001));
    h.binWidthMs = width;
    h.firstEdgeMs = std::floor(lo / width) * width;
    const int bins = std::clamp(int(std::floor((hi - h.firstEdgeMs) / width)) + 1, 1,
                                std::max(1, targetBins) * 3);
    h.counts.fill(0, bins);
    for (double v : valuesMs) {
        const int bin = std::clamp(int(std::floor((v - h.firstEdgeMs) / width)), 0, bins - 1);
        ++h.counts[bin];
    }
    return h;
}

QList<double> RunCharts::finishedLatencies(const Trace &trace, const QList<TaskTimes> &times)
{
    QList<double> latencies;
    for (qsizetype i = 0; i < times.size() && i < trace.tasks.size(); ++i) {
        const TaskResult result = trace.tasks.at(i).result;
        if (times.at(i).finishedNs >= 0 && result != TaskResult::Cancelled
            && result != TaskResult::Unfinished)
            latencies.append(double(times.at(i).totalNs()) / 1e6);
    }
    return latencies;
}

double RunCharts::inFlightAxisEndSeconds() const
{
    return m_inFlightX->max();
}

int RunCharts::inFlightPointCount() const
{
    return int(m_inFlight->count());
}

void RunCharts::recompute()
{
    // Hidden in a tab: catch up when shown rather than at every refresh.
    m_stale = !isVisible();
    if (m_stale)
        return;
    QList<TaskTimes> times;
    qint64 nowNs = 0;
    qint64 stopNs = -1;
    QList<double> latencies;
    if (m_trace) {
        const SegmentBuilder &segments = m_trace->segments();
        times.reserve(segments.taskCount());
        for (qsizetype i = 0; i < segments.taskCount(); ++i)
            times.append(segments.times(quint32(i)));
        nowNs = m_trace->nowNs();
        // A stopped run ends where the Stop took effect, as in the summary and every export.
        stopNs = stoppedNs(m_trace->trace());
        if (stopNs >= 0)
            nowNs = stopNs = std::min(stopNs, nowNs);
        latencies = finishedLatencies(m_trace->trace(), times);
    }

    const QList<QPointF> steps = inFlightSteps(times, nowNs, 1000, stopNs);
    m_inFlight->replace(steps);
    double peak = 0;
    for (const QPointF &p : steps)
        peak = std::max(peak, p.y());
    const double seconds = std::max(double(nowNs) / 1e9, 0.001);
    const double xStep = niceStep(seconds / 6);
    setTicks(m_inFlightX, 0, seconds, 0, xStep);
    m_inFlightX->setLabelFormat(QStringLiteral("%.") + QString::number(decimalsFor(xStep)) + u'f');
    const double yStep = std::max(1.0, niceStep(std::max(peak, 1.0) / 5));
    setTicks(m_inFlightY, 0, std::ceil(std::max(peak, 1.0) * 1.08 / yStep) * yStep, 0, yStep);

    const Histogram h = histogram(latencies);
    const bool sameBins = h.counts.size() == m_lastHistogram.counts.size()
        && h.firstEdgeMs == m_lastHistogram.firstEdgeMs
        && h.binWidthMs == m_lastHistogram.binWidthMs;
    if (!sameBins) {
        QStringList categories;
        for (qsizetype b = 0; b < h.counts.size(); ++b)
            categories.append(QString::number(b));
        m_latencySet->remove(0, m_latencySet->count());
        m_latencyX->clear();
        m_latencyX->append(categories);
        QList<qreal> values;
        for (int c : h.counts)
            values.append(c);
        m_latencySet->append(values);
        const double first = h.firstEdgeMs;
        const double last = h.firstEdgeMs + double(h.counts.size()) * h.binWidthMs;
        m_latencyEdges->setVisible(!h.counts.isEmpty());
        if (!h.counts.isEmpty()) {
            const double tick = niceStep((last - first) / 5);
            setTicks(m_latencyEdges, first, last, std::ceil(first / tick - 1e-9) * tick, tick);
            m_latencyEdges->setLabelFormat(QStringLiteral("%.") + QString::number(decimalsFor(tick))
                                           + u'f');
        }
    } else {
        for (qsizetype b = 0; b < h.counts.size(); ++b) {
            if (m_latencySet->at(int(b)) != h.counts.at(b))
                m_latencySet->replace(int(b), h.counts.at(b));
        }
    }
    m_lastHistogram = h;
    const int most = h.counts.isEmpty() ? 1 : *std::max_element(h.counts.begin(), h.counts.end());
    const double countStep = std::max(1.0, niceStep(std::max(most, 1) / 5.0));
    setTicks(m_latencyY, 0, std::ceil(std::max(most, 1) * 1.08 / countStep) * countStep, 0,
             countStep);
}

void RunCharts::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        updateCharts();
}

void RunCharts::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        updateTitles();
        m_lastHistogram = {};
        updateCharts();
    } else if (event->type() == QEvent::PaletteChange) {
        Theme::styleChart(m_inFlightChart, palette());
        Theme::styleChart(m_latencyChart, palette());
    }
    QWidget::changeEvent(event);
}

} // namespace Coroscope
