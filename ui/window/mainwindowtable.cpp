// MainWindow's task table: the model behind a filter, column widths that fit the window, the
// columns a user chooses (header context menu), and selection kept in step with the timeline.
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "comboboxkeys.h"
#include "taskmodel.h"
#include "timelineview.h"
#include "trace/vocabulary.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QMenu>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTabBar>
#include <QTimer>
#include <QUrl>

#include <algorithm>

namespace Coroscope {

namespace {
// How often the visible rows of a live run's table are repainted for their growing times.
constexpr qint64 LiveTableRepaintMs = 250;
// Result filter combo rows, in the order of the form.
constexpr int ResultFilterRows[]
    = {TaskFilterModel::AnyResult, int(TaskResult::Ok),        int(TaskResult::Error),
       int(TaskResult::Timeout),   int(TaskResult::Cancelled), int(TaskResult::Unfinished)};

// An elided URL keeps its host and its path; other cells (errors) keep their beginning.
class TaskItemDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() != TaskTableModel::UrlColumn)
            return;
        option->textElideMode = Qt::ElideMiddle;
        // A narrow column showed "http:...lay/1": the scheme and host are the same on most
        // rows, the path tells them apart. Then the path alone ("…/delay/1", as the timeline
        // labels rows), elided in its middle if need be; the tooltip has the whole URL.
        const QStyle *style = option->widget ? option->widget->style() : nullptr;
        const int margin = style ? style->pixelMetric(QStyle::PM_FocusFrameHMargin) + 1 : 4;
        const int room = option->rect.width() - 2 * margin;
        if (room <= 0 || option->fontMetrics.horizontalAdvance(option->text) <= room)
            return;
        const QUrl url(option->text);
        if (url.host().isEmpty())
            return;
        const QString tail = url.toString(QUrl::RemoveScheme | QUrl::RemoveAuthority);
        if (!tail.isEmpty())
            option->text = QString(QChar(0x2026)) + tail;
    }
};

// Shown at first start. The rest (phases, worker, reused connection) is one right-click on the
// header away: all of them do not fit a table beside the timeline without scrolling sideways.
bool shownByDefault(int column)
{
    return column < TaskTableModel::QueuedColumn && column != TaskTableModel::WorkerColumn
        && column != TaskTableModel::BytesColumn;
}
} // namespace

void MainWindow::setupTable()
{
    m_model = new TaskTableModel(this);
    m_model->setLiveTrace(m_liveTrace);
    m_filter = new TaskFilterModel(this);
    m_filter->setSourceModel(m_model);
    QTableView *table = ui->taskTable;
    table->setModel(m_filter);
    table->sortByColumn(TaskTableModel::IdColumn, Qt::AscendingOrder);
    table->setItemDelegate(new TaskItemDelegate(table));

    // Fixed row heights and computed column widths: nothing measures 100,000 rows.
    QHeaderView *rows = table->verticalHeader();
    rows->setSectionResizeMode(QHeaderView::Fixed);
    rows->setDefaultSectionSize(fontMetrics().height() + 8);
    QHeaderView *header = table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    // The last shown column (the error, by default) takes what is left: no sideways scrolling.
    header->setStretchLastSection(true);
    for (int column = 0; column < TaskTableModel::ColumnCount; ++column)
        header->setSectionHidden(column, !shownByDefault(column)); // a saved header state wins
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, &MainWindow::showColumnMenu);

    // The filter row sits in the tab bar's empty right end: on a 1024 x 700 screen its own row
    // cost the table one and a half of the four rows it showed. It filters the Tasks tab only,
    // and shows with it.
    auto *filterBar = new QWidget(ui->bottomTabs);
    filterBar->setObjectName(QStringLiteral("taskFilterBar"));
    auto *filterRow = new QHBoxLayout(filterBar);
    filterRow->setContentsMargins(8, 2, 8, 2);
    filterRow->setSpacing(8);
    ui->tasksLayout->removeItem(ui->filterLayout);
    for (QWidget *widget :
         {static_cast<QWidget *>(ui->filterEdit), static_cast<QWidget *>(ui->resultFilterCombo),
          static_cast<QWidget *>(ui->rowCountLabel)}) {
        ui->filterLayout->removeWidget(widget);
        filterRow->addWidget(widget);
    }
    delete ui->filterLayout;
    ui->filterLayout = nullptr;
    ui->bottomTabs->setCornerWidget(filterBar, Qt::TopRightCorner);
    ui->bottomTabs->installEventFilter(this); // its width bounds the filter box (fitFilterBar)
    ui->tasksLayout->setContentsMargins(8, 4, 8, 4);
    const auto showFilter = [this, filterBar]() {
        filterBar->setVisible(ui->bottomTabs->currentWidget() == ui->tasksTab);
    };
    connect(ui->bottomTabs, &QTabWidget::currentChanged, this, showFilter);
    showFilter();

    // Filtering 100,000 rows takes a moment: wait for a pause in the typing on big tables.
    auto *filterDelay = new QTimer(this);
    filterDelay->setSingleShot(true);
    filterDelay->setInterval(150);
    connect(filterDelay, &QTimer::timeout, this,
            [this]() { m_filter->setFilterText(ui->filterEdit->text()); });
    connect(ui->filterEdit, &QLineEdit::textChanged, this,
            [this, filterDelay](const QString &text) {
                if (m_model->rowCount() > 10000)
                    filterDelay->start();
                else
                    m_filter->setFilterText(text);
            });
    openListOnArrowKeys(ui->resultFilterCombo);
    connect(ui->resultFilterCombo, &QComboBox::currentIndexChanged, this, [this](int row) {
        m_filter->setResultFilter(ResultFilterRows[std::clamp(row, 0, 5)]);
    });
    connect(table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &MainWindow::tableSelectionChanged);
    connect(ui->timeline, &TimelineView::taskSelected, this, &MainWindow::selectTaskInTable);

    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_filter, signal, this, &MainWindow::updateRowCount);
    connect(m_filter, &QAbstractItemModel::modelReset, this, &MainWindow::updateRowCount);
    connect(m_filter, &QAbstractItemModel::layoutChanged, this, &MainWindow::updateRowCount);
    // A new run starts at its first task: the table kept the last run's scroll position and
    // hid task 0.
    connect(m_liveTrace, &LiveTrace::reset, this, [this]() { ui->taskTable->scrollToTop(); });
    // Times of tasks in flight grow without events (or with the replay instant): repaint the
    // visible rows, signal nothing. While live, a few times a second: laying out the text of
    // every visible cell at the refresh rate took a third of the window's time following a
    // recording of 10,000 tasks, for figures nobody reads 60 times a second.
    auto *liveRepaint = new Throttle(
        LiveTableRepaintMs, [this]() { ui->taskTable->viewport()->update(); }, this);
    connect(m_liveTrace, &LiveTrace::changed, this, [this, liveRepaint]() {
        if (m_liveTrace->isViewingPast())
            ui->taskTable->viewport()->update();
        else if (m_liveTrace->isLive())
            liveRepaint->request();
    });
}

void MainWindow::sizeColumns()
{
    // Wide enough for large values and the header (plus its sort arrow); the URL takes what is
    // left after leaving the error column some room, so nothing scrolls sideways at first.
    QHeaderView *header = ui->taskTable->horizontalHeader();
    const QFontMetrics cells = ui->taskTable->fontMetrics();
    const QFontMetrics titles = header->fontMetrics();
    const QLocale locale;
    const auto fit = [&](int column, const QString &sample, int extra = 0) {
        const QString title = m_model->headerData(column, Qt::Horizontal).toString();
        const int width = std::max(titles.horizontalAdvance(title) + 20,
                                   cells.horizontalAdvance(sample) + 18 + extra);
        header->resizeSection(column, width);
    };
    fit(TaskTableModel::IdColumn, locale.toString(99999));
    fit(TaskTableModel::ResultColumn, Vocabulary::resultText(TaskResult::Cancelled), 20);
    fit(TaskTableModel::StatusColumn, QStringLiteral("599"));
    fit(TaskTableModel::BytesColumn, locale.toString(9999999));
    for (int column : {TaskTableModel::PendingColumn, TaskTableModel::RunningColumn,
                       TaskTableModel::SuspendedColumn, TaskTableModel::TotalColumn})
        fit(column, locale.toString(9999.999, 'f', 3));
    TaskInfo busiestWorker;
    busiestWorker.worker = 999;
    fit(TaskTableModel::WorkerColumn, TaskTableModel::workerDisplayName(busiestWorker, {}));
    // Sized before the rows arrive: leave room for the vertical scroll bar they will bring.
    int available = ui->taskTable->viewport()->width();
    if (!ui->taskTable->verticalScrollBar()->isVisible())
        available -= style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    // Only the shown columns before the error take room from the URL; the error stretches.
    int shownWidth = 0;
    for (int column = 0; column < TaskTableModel::UrlColumn; ++column)
        shownWidth += header->isSectionHidden(column) ? 0 : header->sectionSize(column);
    for (int column = TaskTableModel::UrlColumn + 1; column < TaskTableModel::ErrorColumn; ++column)
        shownWidth += header->isSectionHidden(column) ? 0 : header->sectionSize(column);
    // A narrow table (1024 px screens, docks) scrolled sideways with "Running" cut at its
    // edge: the time columns a glance needs least go first (one right-click brings them back),
    // until the shown ones and a readable URL fit.
    const int urlMinimum = cells.horizontalAdvance(QStringLiteral("…/delay/0.25")) + 18;
    for (int column : {TaskTableModel::SuspendedColumn, TaskTableModel::PendingColumn,
                       TaskTableModel::RunningColumn}) {
        if (available - shownWidth - 104 >= urlMinimum || header->isSectionHidden(column))
            continue;
        header->setSectionHidden(column, true);
        shownWidth -= header->sectionSize(column);
    }
    // The error column (stretching last) keeps at least its title; the URL gives way down to
    // "…/delay/1" rather than push the table into scrolling sideways, whose bar takes a row.
    const int errorMinimum
        = titles.horizontalAdvance(
              m_model->headerData(TaskTableModel::ErrorColumn, Qt::Horizontal).toString())
        + 24;
    int url = std::clamp(available - shownWidth - 104, urlMinimum, 520);
    if (shownWidth + url + errorMinimum > available)
        url = std::max(cells.horizontalAdvance(QStringLiteral("…/delay/1")) + 14,
                       available - shownWidth - errorMinimum);
    header->resizeSection(TaskTableModel::UrlColumn, url);
    // The phases come after the error, scrolled to: they take no room from the URL.
    for (int column = TaskTableModel::QueuedColumn; column < TaskTableModel::ColumnCount; ++column)
        fit(column, locale.toString(9999.999, 'f', 3));
}

void MainWindow::showColumnMenu(const QPoint &pos)
{
    QHeaderView *header = ui->taskTable->horizontalHeader();
    QMenu menu(this);
    for (int column = 0; column < TaskTableModel::ColumnCount; ++column) {
        if (column == TaskTableModel::IdColumn)
            continue; // a row must say which task it is
        QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header->isSectionHidden(column));
        connect(action, &QAction::toggled, this,
                [header, column](bool shown) { header->setSectionHidden(column, !shown); });
        if (column == TaskTableModel::ErrorColumn)
            menu.addSeparator(); // the phases of `await reply` follow
    }
    menu.addSeparator();
    QAction *defaults = menu.addAction(tr("Default columns"));
    connect(defaults, &QAction::triggered, this, [this, header]() {
        for (int column = 0; column < TaskTableModel::ColumnCount; ++column)
            header->setSectionHidden(column, !shownByDefault(column));
        sizeColumns();
    });
    menu.exec(header->mapToGlobal(pos));
}

void MainWindow::updateRowCount()
{
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    const QLocale locale;
    QString text;
    if (total > 0 && shown == total)
        text = tr("%Ln task(s)", nullptr, total);
    else if (total > 0)
        text = tr("%1 of %2 tasks shown").arg(locale.toString(shown), locale.toString(total));
    ui->rowCountLabel->setText(text);
    fitFilterBar();
}

void MainWindow::fitFilterBar()
{
    // The tab bar sizes its corner by the corner's size hint and gives the tabs the rest: a wide
    // filter box hid the Compare tab behind scroll arrows at 1024 px. The box takes what the
    // tabs, the result list and the count leave (its size hint is bounded by its maximum).
    const auto *tabs = ui->bottomTabs->findChild<QTabBar *>();
    if (!tabs)
        return;
    const int others = ui->resultFilterCombo->sizeHint().width()
        + ui->rowCountLabel->sizeHint().width() + 2 * 8 + 2 * 8 + 12;
    const int room = ui->bottomTabs->width() - tabs->sizeHint().width() - others;
    // The corner gets the box's size hint, 17 "x" wide whatever the maximum: "Filter by URL,
    // err…" was cut at 1400 px with room to spare. The box is as wide as its hint text needs
    // (QLineEdit's hint is 17 "x" plus its frame, margins and clear button) when there is room.
    QLineEdit *edit = ui->filterEdit;
    const QFontMetrics fm = edit->fontMetrics();
    const int whole = edit->sizeHint().width() - 17 * fm.horizontalAdvance(u'x')
        + fm.horizontalAdvance(edit->placeholderText()) + 2;
    const int least = fontMetrics().averageCharWidth() * 8;
    const int width = std::clamp(room, least, std::max(least, whole));
    edit->setMaximumWidth(width);
    // Wider than its hint (a minimum) only with the room the tabs leave, and never a reason
    // for a wider window: the tabs' minimum stays what it is without it.
    edit->setMinimumWidth(0);
    ui->bottomTabs->setMinimumWidth(0);
    ui->bottomTabs->setMinimumWidth(ui->bottomTabs->minimumSizeHint().width());
    edit->setMinimumWidth(std::clamp(room, 0, width));
}

void MainWindow::tableSelectionChanged()
{
    if (m_syncingSelection)
        return;
    const QModelIndexList rows = ui->taskTable->selectionModel()->selectedRows();
    const int task
        = rows.isEmpty() ? -1 : rows.constFirst().data(TaskTableModel::TaskIdRole).toInt();
    const QScopedValueRollback guard(m_syncingSelection, true);
    ui->timeline->setSelectedTask(task);
}

void MainWindow::selectTaskInTable(int task)
{
    if (m_syncingSelection)
        return;
    const QScopedValueRollback guard(m_syncingSelection, true);
    if (task < 0 || task >= m_model->rowCount()) {
        ui->taskTable->clearSelection();
        return;
    }
    const QModelIndex index = m_filter->mapFromSource(m_model->index(task, 0));
    if (!index.isValid()) {
        statusBar()->showMessage(tr("Task %1 is hidden by the table's filter").arg(task), 5000);
        ui->taskTable->clearSelection();
        return;
    }
    ui->taskTable->selectionModel()->setCurrentIndex(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    ui->taskTable->scrollTo(index);
}

} // namespace Coroscope
