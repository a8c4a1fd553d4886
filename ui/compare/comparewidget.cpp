#include "comparewidget.h"
#include "comparebands.h"
#include "statestyle.h"
#include "theme.h"
#include "trace/vocabulary.h"

#include "flowlayout.h"
#include "io/comparedruns.h"
#include "io/csv.h"
#include "summarystrip.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEvent>
#include <QFileInfo>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLocale>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QTimer>
#include <QToolButton>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

const QColor WallTimeColor(0x6b, 0x7b, 0x8c); // neutral: no state colour means "time"
const QColor SpeedupColor(0x00, 0x9e, 0x73);

double niceStep(double rough)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(rough)));
    for (double m : {1.0, 2.0, 5.0}) {
        if (m * magnitude >= rough)
            return m * magnitude;
    }
    return 10 * magnitude;
}

} // namespace

CompareWidget::CompareWidget(QWidget *parent)
    : QWidget(parent)
    , m_bands(new CompareBands(this))
    , m_wallView(new QChartView(this))
    , m_speedupView(new QChartView(this))
    , m_table(new QTableWidget(this))
    , m_addButton(new QPushButton(this))
    , m_filesLabel(new QLabel(this))
    , m_notes(new QLabel(this))
{
    // Drop a .coroscope file here to compare with it (on the rest of the window, it opens).
    setAcceptDrops(true);
    m_addButton->setObjectName(u"addSavedRunButton"_s);
    m_notes->setObjectName(u"comparabilityNotes"_s);
    m_notes->setWordWrap(true);
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_notes->setAutoFillBackground(true);
    m_notes->setBackgroundRole(QPalette::ToolTipBase);
    m_notes->setForegroundRole(QPalette::ToolTipText);
    m_notes->setMargin(4);
    m_notes->hide();
    connect(m_addButton, &QPushButton::clicked, this, &CompareWidget::addRunsRequested);
    auto *fileBar = new QWidget(this);
    fileBar->setObjectName(u"comparedFilesBar"_s);
    m_fileChips = new FlowLayout(fileBar, 6, 4);
    m_fileChips->setContentsMargins(0, 0, 0, 0);
    m_fileChips->addWidget(m_addButton);
    m_fileChips->addWidget(m_filesLabel);

    m_wallView->setObjectName(u"wallChart"_s);
    m_speedupView->setObjectName(u"speedupChart"_s);
    m_table->setObjectName(u"compareTable"_s);
    for (QChartView *view : {m_wallView, m_speedupView}) {
        auto *chart = new QChart;
        chart->legend()->hide();
        chart->setAnimationOptions(QChart::NoAnimation);
        chart->setBackgroundRoundness(0);
        chart->setMargins(QMargins(4, 4, 8, 4));
        view->setChart(chart);
        view->setRenderHint(QPainter::Antialiasing);
        view->setMinimumHeight(150);
    }

    m_table->setColumnCount(10);
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    // Every column as wide as its header and figures, the last one taking the rest: equal
    // stretched columns cut headers ("nax task m:") and scroll nothing into view.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8);
    m_table->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);

    auto *charts = new QWidget(this);
    m_charts = charts;
    auto *chartsLayout = new QHBoxLayout(charts);
    chartsLayout->setContentsMargins(0, 0, 0, 0);
    chartsLayout->setSpacing(6);
    chartsLayout->addWidget(m_wallView);
    chartsLayout->addWidget(m_speedupView);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    m_splitter = splitter;
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(m_bands);
    splitter->addWidget(charts);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 5);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(fileBar);
    layout->addWidget(m_notes);
    layout->addWidget(splitter, 1);

    retranslate();
    rebuild();
}

CompareWidget::~CompareWidget() = default;

void CompareWidget::setResults(const QList<Trace> &traces)
{
    // Nothing to compare before and after (every run and recording that starts says so): the
    // charts' rebuild costs several milliseconds of the GUI thread for nothing.
    if (traces.isEmpty() && m_traces.isEmpty())
        return;
    m_traces = traces;
    rebuild();
}

void CompareWidget::addResult(const Trace &trace)
{
    m_traces.append(trace);
    rebuild();
}

void CompareWidget::clear()
{
    setResults({});
}

void CompareWidget::setComparedRuns(const QList<ComparedRun> &runs, const QStringList &warnings)
{
    if (runs.isEmpty() && m_compared.isEmpty() && warnings == m_warnings)
        return; // as setResults(): nothing compared before or after
    m_compared = runs;
    m_warnings = warnings;
    QStringList lines;
    for (const QString &warning : warnings)
        lines.append(tr("⚠ Not comparable: %1").arg(warning));
    m_notes->setText(lines.join(u'\n'));
    m_notes->setVisible(!lines.isEmpty());
    rebuildFileBar();
    rebuild();
}

void CompareWidget::setAddEnabled(bool enabled, const QString &reason)
{
    m_addButton->setEnabled(enabled);
    m_addButton->setToolTip(enabled ? tr("Add the runs of saved .coroscope files to this "
                                         "comparison, on the same time axis (or drop files here)")
                                    : reason);
}

void CompareWidget::rebuildFileBar()
{
    // One button per file: its name, and a click takes its bands away again.
    while (m_fileChips->count() > 2) {
        QLayoutItem *item = m_fileChips->takeAt(2);
        delete item->widget();
        delete item;
    }
    const QStringList sources = comparedSources(m_compared);
    m_filesLabel->setVisible(!sources.isEmpty());
    for (const QString &source : sources) {
        auto *chip = new QToolButton(this);
        chip->setObjectName(u"removeSource"_s);
        chip->setProperty("source", source);
        chip->setText(tr("%1 ✕").arg(source));
        chip->setToolTip(tr("Remove the runs of %1 from the comparison").arg(source));
        chip->setAutoRaise(false);
        connect(chip, &QToolButton::clicked, this,
                [this, source]() { Q_EMIT removeSourceRequested(source); });
        m_fileChips->addWidget(chip);
    }
}

void CompareWidget::dragEnterEvent(QDragEnterEvent *event)
{
    const QMimeData *mime = event->mimeData();
    if (m_addButton->isEnabled() && mime && mime->hasUrls()) {
        for (const QUrl &url : mime->urls()) {
            if (url.isLocalFile()) {
                event->acceptProposedAction();
                return;
            }
        }
    }
    event->ignore();
}

void CompareWidget::dropEvent(QDropEvent *event)
{
    QStringList paths;
    if (m_addButton->isEnabled() && event->mimeData()) {
        for (const QUrl &url : event->mimeData()->urls()) {
            if (url.isLocalFile())
                paths.append(url.toLocalFile());
        }
    }
    if (paths.isEmpty()) {
        event->ignore();
        return;
    }
    event->acceptProposedAction();
    // After the drop returns: the file manager is not kept waiting while big runs load.
    QTimer::singleShot(0, this, [this, paths]() { Q_EMIT filesDropped(paths); });
}

bool CompareWidget::exportCsv(const QString &path, QString *error) const
{
    return writeFileAtomically(path, compareCsv(m_summaries), error);
}

int CompareWidget::heightForBands() const
{
    return m_bands->mapTo(this, QPoint(0, 0)).y() + m_bands->minimumSizeHint().height();
}

QImage CompareWidget::renderBands(const QSize &size) const
{
    const QSize imageSize = size.isValid() ? size : m_bands->size();
    QImage image(imageSize, QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    m_bands->render(painter, imageSize);
    return image;
}

void CompareWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        rebuild(); // chart titles and number formats
    } else if (event->type() == QEvent::PaletteChange) {
        rebuild(); // the charts' colours (View > Theme)
    }
    QWidget::changeEvent(event);
}

void CompareWidget::rebuild()
{
    m_bands->setTraces(m_traces, m_compared);
    m_summaries = m_bands->summaries();
    rebuildCharts();
    rebuildTable();
    // Nothing compared yet: the bands say how to compare, instead of empty charts with axes
    // reading "0.00 0.00 0.00" and an empty table.
    m_charts->setVisible(!m_summaries.isEmpty());
    m_table->setVisible(!m_summaries.isEmpty());
    // Each comparison starts from the preferred heights (the bands compact), room to spare
    // shared by the stretch factors: a splitter keeps its children's sizes, and the bands kept
    // the height of a page laid out before (2 of 5 shown at 1400 x 900).
    if (int(m_summaries.size()) != m_shownBands) {
        m_shownBands = int(m_summaries.size());
        m_splitter->setSizes({m_bands->sizeHint().height(), m_charts->sizeHint().height(),
                              m_table->sizeHint().height()});
    }
}

void CompareWidget::rebuildCharts()
{
    // A stopped run has no bar: its wall time is where it was cut and it has no speed-up, so a
    // bar would compare it with runs that did the whole workload. The title says it is left out.
    const auto fill = [this](QChartView *view, const QString &title, const QString &unit,
                             const QColor &color,
                             const std::function<std::optional<double>(const RunSummary &)> &value,
                             int decimals) {
        QChart *chart = view->chart();
        chart->removeAllSeries();
        const auto axes = chart->axes();
        for (QAbstractAxis *axis : axes) {
            chart->removeAxis(axis);
            delete axis;
        }
        QStringList stopped;
        for (const RunSummary &s : std::as_const(m_summaries)) {
            if (s.stopped)
                stopped << comparedRunLabel(s.strategy, s.source);
        }
        chart->setTitle(stopped.isEmpty()
                            ? title
                            : tr("%1 · stopped, left out: %2").arg(title, stopped.join(u", "_s)));
        QFont titleFont = font();
        titleFont.setBold(true);
        chart->setTitleFont(titleFont);

        auto *set = new QBarSet(title);
        set->setLabelFont(font());
        set->setColor(color);
        set->setBorderColor(color);
        set->setLabelColor(palette().color(QPalette::Text));
        QStringList categories;
        double maximum = 0;
        // Horizontal bars list bottom-up: reversed, the first strategy is on top as in the bands.
        for (qsizetype i = m_summaries.size() - 1; i >= 0; --i) {
            if (m_summaries.at(i).stopped)
                continue;
            const std::optional<double> shown = value(m_summaries.at(i));
            if (!shown)
                continue; // no figure (no response yet): no bar rather than a bar of 0
            const double v = *shown;
            const double scale = std::pow(10.0, decimals);
            set->append(std::round(v * scale) / scale);
            // Unique per band: a file's async and this run's async are two bars. Short: the
            // chart clips category labels wider than about a third of it.
            const RunSummary &summary = m_summaries.at(i);
            QString category = summary.source.isEmpty()
                ? summary.strategy
                : comparedRunLabel(
                    summary.strategy,
                    fontMetrics().elidedText(QFileInfo(summary.source).completeBaseName(),
                                             Qt::ElideMiddle,
                                             fontMetrics().horizontalAdvance(u'x') * 16));
            while (categories.contains(category))
                category += u'\u2009'; // a thin space: still unique, looks the same
            categories << category;
            maximum = std::max(maximum, v);
        }
        auto *series = new QHorizontalBarSeries;
        series->append(set);
        series->setBarWidth(0.6);
        series->setLabelsVisible(true);
        series->setLabelsPosition(QAbstractBarSeries::LabelsOutsideEnd);
        series->setLabelsPrecision(6);
        series->setLabelsFormat(u"@value"_s + unit);
        chart->addSeries(series);

        auto *categoryAxis = new QBarCategoryAxis;
        categoryAxis->append(categories);
        categoryAxis->setGridLineVisible(false);
        categoryAxis->setTruncateLabels(false);
        categoryAxis->setLabelsFont(font());
        chart->addAxis(categoryAxis, Qt::AlignLeft);
        series->attachAxis(categoryAxis);
        auto *valueAxis = new QValueAxis;
        // Round ticks (1, 2 or 5 x 10^k) and room on the right for the labels past the longest bar.
        const double step = niceStep(std::max(maximum * 1.2, 1e-3) / 4);
        valueAxis->setTickType(QValueAxis::TicksDynamic);
        valueAxis->setTickAnchor(0);
        valueAxis->setTickInterval(step);
        valueAxis->setRange(0, std::ceil(std::max(maximum * 1.2, 1e-3) / step) * step);
        valueAxis->setLabelFormat(step >= 1 ? u"%.0f"_s : step >= 0.1 ? u"%.1f"_s : u"%.2f"_s);
        valueAxis->setLabelsFont(font());
        chart->addAxis(valueAxis, Qt::AlignBottom);
        series->attachAxis(valueAxis);
        Theme::styleChart(chart, palette());
    };
    fill(
        m_wallView, tr("Wall time (s)"), u" s"_s, WallTimeColor,
        [](const RunSummary &s) { return std::optional<double>(s.wallMs / 1000); }, 2);
    fill(
        m_speedupView, tr("Speed-up (×)"), u"×"_s, SpeedupColor,
        [](const RunSummary &s) { return SummaryStrip::shownSpeedup(s); }, 1);
}

void CompareWidget::rebuildTable()
{
    m_table->setRowCount(int(m_summaries.size()));
    const QLocale locale;
    for (int row = 0; row < int(m_summaries.size()); ++row) {
        const RunSummary &s = m_summaries.at(row);
        const int notOk = s.tasks - s.ok;
        const QStringList cells = {
            s.stopped ? tr("%1 (stopped)").arg(s.strategy) : s.strategy,
            locale.toString(s.tasks),
            locale.toString(s.ok),
            locale.toString(notOk),
            locale.toString(s.wallMs, 'f', 1),
            s.sumMs ? locale.toString(*s.sumMs, 'f', 1) : SummaryStrip::noValue(),
            locale.toString(s.maxTaskMs, 'f', 1),
            SummaryStrip::shownSpeedup(s) ? locale.toString(*SummaryStrip::shownSpeedup(s), 'f', 2)
                                          : SummaryStrip::noValue(),
            s.lagSamples > 0 ? locale.toString(s.lagMaxMs, 'f', 1) : SummaryStrip::noValue(),
            s.source.isEmpty() ? tr("this run") : s.source,
        };
        for (int column = 0; column < int(cells.size()); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setTextAlignment(column == 0 ? Qt::AlignLeft | Qt::AlignVCenter
                                               : Qt::AlignRight | Qt::AlignVCenter);
            if (column == 3 && notOk > 0)
                item->setForeground(StateStyle::resultColor(TaskResult::Error));
            if (column == 5 || column == 7) // what it was measured against, or why none
                item->setToolTip(column == 5 ? SummaryStrip::oneAfterAnotherExplanation(s)
                                             : SummaryStrip::speedupExplanation(s));
            if (column == 0) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            if (s.stopped && (column == 0 || column == 7)) {
                item->setForeground(StateStyle::stoppedColor());
                item->setToolTip(tr("Stopped after %1: its tasks were cut short, so it has no "
                                    "speed-up and its wall time is not what the strategy costs")
                                     .arg(durationText(s.stoppedAtMs)));
            }
            if (!s.source.isEmpty())
                item->setBackground(CompareBands::comparedTint(palette()));
            m_table->setItem(row, column, item);
        }
    }
    // Tall enough for every strategy (there are five) without scrolling.
    const int rows = std::clamp(int(m_summaries.size()), 2, 6);
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height()
                              + rows * m_table->verticalHeader()->defaultSectionSize()
                              + 2 * m_table->frameWidth() + 2);
}

void CompareWidget::retranslate()
{
    m_table->setHorizontalHeaderLabels({tr("strategy"), tr("tasks"), tr("ok"), tr("failed"),
                                        tr("wall ms"), tr("sum ms"), tr("max task ms"),
                                        tr("speed-up"), tr("lag max ms"), tr("source")});
    m_table->horizontalHeaderItem(3)->setToolTip(
        tr("Tasks that did not end ok: errors, timeouts, cancellations"));
    m_table->horizontalHeaderItem(5)->setToolTip(
        tr("What the tasks that got a response would cost one after another: each one's time "
           "from admission to finish, minus what the server reports it kept the request queued"));
    m_table->horizontalHeaderItem(7)->setToolTip(
        tr("One after another divided by wall time; – for a stopped run or before any response"));
    m_table->horizontalHeaderItem(9)->setToolTip(
        tr("Where the run comes from: this run, or the saved file it was added from"));
    m_addButton->setText(tr("Add Saved Run…"));
    m_filesLabel->setText(tr("Compared with:"));
    rebuildFileBar();
    m_table->horizontalHeaderItem(8)->setToolTip(tr(
        "How late a 10 ms timer on the event loop fired at worst: how long the loop was blocked"));
    m_bands->invalidate();
}

} // namespace Coroscope
