#include "sweepwidget.h"

#include "runpanel.h"
#include "summarystrip.h"
#include "sweepdialog.h"
#include "theme.h"
#include "trace/vocabulary.h"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTableView>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <functional>

namespace Coroscope {

namespace {
enum Chart { WallChart, SpeedupChart, LagChart, FailuresChart, ChartCount };

// One colour per strategy, the same in every chart (and distinct from the state colours).
QColor strategyColor(Strategy strategy)
{
    switch (strategy) {
    case Strategy::Async:
        return QColor(0x1f, 0x77, 0xb4);
    case Strategy::Sequential:
        return QColor(0xe0, 0x7b, 0x00);
    case Strategy::Blocking:
        return QColor(0xc6, 0x28, 0x28);
    case Strategy::WrappedBlocking:
        return QColor(0x8e, 0x44, 0xad);
    case Strategy::Threads:
        return QColor(0x2e, 0x8b, 0x57);
    }
    return Qt::gray;
}

// The figure a chart shows of an aggregate.
const SweepStat &statOf(const SweepAggregate &a, int chart)
{
    switch (chart) {
    case WallChart:
        return a.wallMs;
    case SpeedupChart:
        return a.speedup;
    case LagChart:
        return a.lagP99Ms;
    default:
        return a.failures;
    }
}

QString valueLabel(double v)
{
    return sweepValueText(v);
}
} // namespace

SweepWidget::SweepWidget(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("sweepWidget"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *top = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("sweepStatus"));
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("sweepProgress"));
    m_progress->setMaximumWidth(220);
    m_progress->setVisible(false);
    m_stop = new QPushButton(this);
    m_stop->setObjectName(QStringLiteral("sweepStop"));
    m_stop->setVisible(false);
    connect(m_stop, &QPushButton::clicked, this, &SweepWidget::stopRequested);
    top->addWidget(m_status, 1);
    // One legend for the four charts (the same colour per strategy in each): four legends
    // would take a chart's height and truncate the names at 1024 px.
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("sweepLegend"));
    m_legend->setTextFormat(Qt::RichText);
    top->addWidget(m_legend);
    top->addWidget(m_progress);
    top->addWidget(m_stop);
    layout->addLayout(top);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    // The charts scroll when the page is low: their least height must not become the bottom
    // tabs' least height, which would take the timeline's rows at 1024 x 700.
    auto *chartsScroll = new QScrollArea(splitter);
    chartsScroll->setWidgetResizable(true);
    chartsScroll->setFrameShape(QFrame::NoFrame);
    chartsScroll->setMinimumHeight(60);
    auto *charts = new QWidget;
    chartsScroll->setWidget(charts);
    auto *grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(2);
    for (int i = 0; i < ChartCount; ++i) {
        auto *chart = new QChart;
        chart->setMargins(QMargins(2, 2, 2, 2));
        chart->layout()->setContentsMargins(0, 0, 0, 0);
        chart->setBackgroundRoundness(0);
        chart->legend()->setAlignment(Qt::AlignBottom);
        auto *view = new QChartView(chart, charts);
        view->setObjectName(QStringLiteral("sweepChart%1").arg(i));
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumSize(160, 120);
        grid->addWidget(view, i / 2, i % 2);
        m_views.append(view);
    }
    m_table = new QTableView(splitter);
    m_table->setObjectName(QStringLiteral("sweepTable"));
    m_model = new QStandardItemModel(this);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT pointActivated(index.row()); });
    connect(m_table, &QTableView::clicked, this,
            [this](const QModelIndex &index) { Q_EMIT pointActivated(index.row()); });
    splitter->addWidget(chartsScroll);
    splitter->addWidget(m_table);
    // The charts are the point of the page: most of its width (the table scrolls).
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({700, 280});
    layout->addWidget(splitter, 1);
    retranslate();
    rebuildCharts();
}

QChart *SweepWidget::chart(int which) const
{
    return m_views.value(which) ? m_views.value(which)->chart() : nullptr;
}

void SweepWidget::clear()
{
    setSpec(SweepSpec{});
    setProgress(0, 0, 0, false);
}

void SweepWidget::setSpec(const SweepSpec &spec)
{
    m_spec = spec;
    m_points.clear();
    // A log axis where the values span two decades or more (1, 10, 100, 1000 evenly apart); it
    // cannot show 0, so a sweep including 0 (unlimited, no delay) stays linear.
    double lo = 0;
    double hi = 0;
    if (!spec.values.isEmpty()) {
        lo = *std::min_element(spec.values.cbegin(), spec.values.cend());
        hi = *std::max_element(spec.values.cbegin(), spec.values.cend());
    }
    m_log = lo > 0 && hi / lo >= 100;
    rebuildCharts();
    rebuildTable();
}

void SweepWidget::setPoints(const QList<SweepPoint> &points)
{
    m_points = points;
    rebuildCharts();
    rebuildTable();
}

void SweepWidget::setProgress(int done, int total, double remainingMs, bool running, bool stopped)
{
    m_progress->setVisible(running);
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
    m_stop->setVisible(running);
    if (total == 0) {
        m_status->setText(tr("Run > Sweep… runs the workload once per value of a knob, for each "
                             "chosen strategy, and charts how the results grow."));
    } else if (running) {
        m_status->setText(tr("Sweeping %1: %2 of %3 runs done, about %4 left")
                              .arg(sweepKnobLabel(m_spec.knob))
                              .arg(done)
                              .arg(total)
                              .arg(SweepDialog::roughDuration(remainingMs)));
    } else if (stopped) {
        m_status->setText(tr("Sweep of %1 stopped after %2 of %3 runs; click a point or a row "
                             "to see its run")
                              .arg(sweepKnobLabel(m_spec.knob))
                              .arg(done)
                              .arg(total));
    } else {
        m_status->setText(tr("Sweep of %1: %2 runs; click a point or a row to see its run")
                              .arg(sweepKnobLabel(m_spec.knob))
                              .arg(done));
    }
}

int SweepWidget::pointNear(Strategy strategy, double value) const
{
    // The nearest value on the axis as drawn (log or linear), then the repeat of that value whose
    // wall time is nearest the median: the run that the chart's point stands for.
    int best = -1;
    double bestDistance = 0;
    for (qsizetype v = 0; v < m_spec.values.size(); ++v) {
        const double x = m_spec.values.at(v);
        const double d
            = m_log ? std::abs(std::log(x) - std::log(std::max(value, 1e-9))) : std::abs(x - value);
        if (best < 0 || d < bestDistance) {
            best = int(v);
            bestDistance = d;
        }
    }
    if (best < 0)
        return -1;
    const QList<SweepAggregate> aggregates = aggregateSweep(m_spec, m_points);
    double median = 0;
    for (const SweepAggregate &a : aggregates) {
        if (a.strategy == strategy && a.valueIndex == best)
            median = a.wallMs.median;
    }
    int index = -1;
    for (qsizetype i = 0; i < m_points.size(); ++i) {
        const SweepPoint &p = m_points.at(i);
        if (p.strategy != strategy || p.valueIndex != best)
            continue;
        if (index < 0
            || std::abs(p.summary.wallMs - median)
                < std::abs(m_points.at(index).summary.wallMs - median))
            index = int(i);
    }
    return index;
}

void SweepWidget::rebuildCharts()
{
    const QList<SweepAggregate> aggregates = aggregateSweep(m_spec, m_points);
    const QList<Strategy> strategies
        = m_spec.values.isEmpty() ? QList<Strategy>{} : m_spec.effectiveStrategies();
    double lo = 0;
    double hi = 1;
    if (!m_spec.values.isEmpty()) {
        lo = *std::min_element(m_spec.values.cbegin(), m_spec.values.cend());
        hi = *std::max_element(m_spec.values.cbegin(), m_spec.values.cend());
    }
    if (hi <= lo) {
        // One value: a little room either side.
        hi = m_log ? hi * 2 : hi + 1;
        lo = m_log ? lo / 2 : std::max(0.0, lo - 1);
    }
    QString legend;
    for (const Strategy strategy : strategies)
        legend += QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2&nbsp;&nbsp; ")
                      .arg(strategyColor(strategy).name(),
                           RunPanel::strategyDisplayName(strategy).toHtmlEscaped());
    m_legend->setText(legend);
    const QStringList titles{tr("Wall time (ms)"), tr("Speed-up (x)"), tr("Loop lag p99 (ms)"),
                             tr("Failures and timeouts")};
    for (int c = 0; c < ChartCount; ++c) {
        QChart *chart = m_views.at(c)->chart();
        chart->removeAllSeries();
        const QList<QAbstractAxis *> axes = chart->axes();
        for (QAbstractAxis *axis : axes) {
            chart->removeAxis(axis);
            delete axis;
        }
        chart->setTitle(titles.at(c));
        QAbstractAxis *x = nullptr;
        if (m_log) {
            auto *axis = new QLogValueAxis;
            axis->setBase(10);
            axis->setLabelFormat(QStringLiteral("%g"));
            axis->setRange(lo / 1.5, hi * 1.5);
            axis->setMinorTickCount(-1);
            x = axis;
        } else {
            auto *axis = new QValueAxis;
            axis->setRange(lo, hi);
            axis->setLabelFormat(QStringLiteral("%g"));
            axis->applyNiceNumbers();
            x = axis;
        }
        x->setTitleText(sweepKnobLabel(m_spec.knob));
        // Wall times of 50 ms and 50 s on one chart: a log scale where the medians span two
        // decades, else the fast strategies lie flat on the axis.
        double yLo = 0;
        double yHi = 0;
        for (const SweepAggregate &a : aggregates) {
            const SweepStat &s = statOf(a, c);
            if (s.count == 0)
                continue;
            yLo = yLo > 0 ? std::min(yLo, s.min) : s.min;
            yHi = std::max(yHi, s.max);
        }
        const bool yLog = c == WallChart && yLo > 0 && yHi / yLo >= 100;
        QAbstractAxis *yAxis = nullptr;
        QValueAxis *y = nullptr;
        if (yLog) {
            auto *axis = new QLogValueAxis;
            axis->setBase(10);
            axis->setLabelFormat(QStringLiteral("%g"));
            axis->setRange(yLo / 1.5, yHi * 1.5);
            axis->setMinorTickCount(-1);
            yAxis = axis;
        } else {
            y = new QValueAxis;
            y->setLabelFormat(QStringLiteral("%g"));
            yAxis = y;
        }
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(yAxis, Qt::AlignLeft);
        double yMax = c == SpeedupChart ? 1 : 0;
        for (const Strategy strategy : strategies) {
            auto *median = new QLineSeries;
            auto *upper = new QLineSeries;
            auto *lower = new QLineSeries;
            for (const SweepAggregate &a : aggregates) {
                const SweepStat &s = statOf(a, c);
                if (a.strategy != strategy || s.count == 0)
                    continue;
                median->append(a.value, s.median);
                upper->append(a.value, s.max);
                lower->append(a.value, s.min);
                yMax = std::max(yMax, s.max);
            }
            const QColor color = strategyColor(strategy);
            // The spread of the repeats (min to max) as a pale band behind the median.
            auto *band = new QAreaSeries(upper, lower);
            QColor fill = color;
            fill.setAlpha(45);
            band->setBrush(fill);
            band->setPen(Qt::NoPen);
            chart->addSeries(band);
            band->attachAxis(x);
            band->attachAxis(yAxis);
            median->setName(RunPanel::strategyDisplayName(strategy));
            QPen pen(color);
            pen.setWidthF(2);
            median->setPen(pen);
            median->setPointsVisible(true);
            median->setMarkerSize(6);
            chart->addSeries(median);
            median->attachAxis(x);
            median->attachAxis(yAxis);
            for (QLegendMarker *marker : chart->legend()->markers(band))
                marker->setVisible(false);
            connect(median, &QLineSeries::clicked, this, [this, strategy](const QPointF &at) {
                const int index = pointNear(strategy, at.x());
                if (index >= 0) {
                    m_table->selectRow(index);
                    Q_EMIT pointActivated(index);
                }
            });
        }
        if (y) {
            y->setRange(0, yMax > 0 ? yMax * 1.1 : 1);
            y->applyNiceNumbers();
        }
        if (y && c == FailuresChart) {
            // Counts: whole-number ticks.
            y->setLabelFormat(QStringLiteral("%d"));
            y->setTickType(QValueAxis::TicksDynamic);
            y->setTickAnchor(0);
            y->setTickInterval(std::max(1.0, std::ceil(yMax / 4)));
        }
        chart->legend()->setVisible(false);
        Theme::styleChart(chart, palette());
        // Four charts share the bottom third of a 1024 x 700 window: small type keeps the axis
        // labels and titles from being elided to "...".
        QFont small = font();
        small.setPointSizeF(std::max(6.5, font().pointSizeF() * 0.8));
        QFont title = small;
        title.setBold(true);
        chart->setTitleFont(title);
        for (QAbstractAxis *axis : chart->axes()) {
            axis->setLabelsFont(small);
            axis->setTitleFont(small);
        }
    }
}

void SweepWidget::rebuildTable()
{
    const int keep = m_table->currentIndex().isValid() ? m_table->currentIndex().row() : -1;
    m_model->setRowCount(0);
    m_model->setHorizontalHeaderLabels({tr("#"), tr("Strategy"), sweepKnobLabel(m_spec.knob),
                                        tr("Repeat"), tr("Wall"), tr("Speed-up"), tr("Lag p99"),
                                        tr("OK"), tr("Failed"), tr("Timeouts"), tr("Cancelled")});
    for (qsizetype i = 0; i < m_points.size(); ++i) {
        const SweepPoint &p = m_points.at(i);
        const RunSummary &s = p.summary;
        QList<QStandardItem *> row;
        const auto add = [&row](const QString &text, bool number = true) {
            auto *item = new QStandardItem(text);
            if (number)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            row.append(item);
        };
        add(QString::number(i + 1));
        add(RunPanel::strategyDisplayName(p.strategy), false);
        add(valueLabel(p.value));
        add(QString::number(p.repeat + 1));
        add(durationText(s.wallMs) + (s.stopped ? tr(" (stopped)") : QString()));
        // As the summary strip shows it: none for a stopped run or one with no task ok.
        add(SummaryStrip::speedupText(s));
        add(durationText(s.lagP99Ms));
        add(QString::number(s.ok));
        add(QString::number(s.failed));
        add(QString::number(s.timeouts));
        add(QString::number(s.cancelled + s.unfinished));
        m_model->appendRow(row);
    }
    if (keep >= 0 && keep < m_model->rowCount())
        m_table->selectRow(keep);
}

void SweepWidget::retranslate()
{
    m_stop->setText(tr("Stop Sweep"));
    m_stop->setToolTip(tr("Stop the run in progress and skip the rest; the runs done are kept"));
}

void SweepWidget::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        rebuildCharts();
        rebuildTable();
    } else if (event->type() == QEvent::PaletteChange) {
        for (QChartView *view : std::as_const(m_views))
            Theme::styleChart(view->chart(), palette());
    }
}

} // namespace Coroscope
