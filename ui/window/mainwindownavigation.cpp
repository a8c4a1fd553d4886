// MainWindow's navigation of large runs: the overview strip above the timeline, the go to / find
// bar under it, the Details dock raised for what the user picks, and their View menu entries and
// shortcuts.
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "inspectordocks.h"
#include "timelinefindbar.h"
#include "timelineoverview.h"
#include "timelineview.h"

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QMenu>
#include <QScopedValueRollback>
#include <QSettings>
#include <QTabBar>
#include <QTableView>
#include <QTimer>

namespace Coroscope {

namespace {
const QString OverviewKey = QStringLiteral("view/overview");
} // namespace

void MainWindow::setupNavigation()
{
    TimelineView *timeline = ui->timeline;

    m_overview = new TimelineOverview(ui->timelinePane);
    m_overview->setObjectName(QStringLiteral("overview"));
    m_overview->setTimeline(timeline);
    ui->timelineLayout->insertWidget(ui->timelineLayout->indexOf(timeline), m_overview);

    m_findBar = new TimelineFindBar(ui->timelinePane);
    m_findBar->setObjectName(QStringLiteral("findBar"));
    m_findBar->setTimeline(timeline);
    ui->timelineLayout->insertWidget(ui->timelineLayout->indexOf(timeline) + 1, m_findBar);

    // The Details dock is InspectorDocks' (setupDocks()). A task or range the user picks on the
    // timeline (it has the focus, or the find bar has) is what they want to read about; one a
    // diagnostic points at must not hide the diagnostics.
    auto showDetails = [this, timeline]() {
        const bool byUser = timeline->hasFocus() || m_findBar->isAncestorOf(focusWidget());
        QDockWidget *details = m_inspector->detailsDock();
        if (byUser && details->toggleViewAction()->isChecked())
            details->raise();
    };
    connect(timeline, &TimelineView::taskSelected, this, [showDetails](int task) {
        if (task >= 0)
            showDetails();
    });
    connect(timeline, &TimelineView::rangeSelected, this, [showDetails](qint64 start, qint64) {
        if (start >= 0)
            showDetails();
    });

    // View menu: after the timeline's own entries (zoom, fit, follow, phases).
    QMenu *view = ui->menuView;
    const QList<QAction *> entries = view->actions();
    const qsizetype phases = entries.indexOf(ui->actionPhases);
    QAction *before = phases >= 0 && phases + 1 < entries.size() ? entries.at(phases + 1) : nullptr;
    auto add
        = [this, view, before](const QString &text, const QKeySequence &key, const QString &name) {
              auto *action = new QAction(text, this);
              action->setObjectName(name);
              action->setShortcut(key);
              view->insertAction(before, action);
              return action;
          };
    view->insertSeparator(before);
    QAction *goTo = add(tr("&Go to Task…"), QKeySequence(QStringLiteral("Ctrl+G")),
                        QStringLiteral("actionGoToTask"));
    QAction *find = add(tr("F&ind…"), QKeySequence::Find, QStringLiteral("actionFind"));
    QAction *next = add(tr("Find &Next"), QKeySequence::FindNext, QStringLiteral("actionFindNext"));
    QAction *previous = add(tr("Find Pre&vious"), QKeySequence::FindPrevious,
                            QStringLiteral("actionFindPrevious"));
    connect(goTo, &QAction::triggered, m_findBar, &TimelineFindBar::openGoTo);
    connect(find, &QAction::triggered, m_findBar, &TimelineFindBar::openFind);
    connect(next, &QAction::triggered, m_findBar, &TimelineFindBar::findNext);
    connect(previous, &QAction::triggered, m_findBar, &TimelineFindBar::findPrevious);

    auto *rows = new QMenu(tr("&Row Height"), view);
    rows->setObjectName(QStringLiteral("menuRowHeight"));
    view->insertMenu(before, rows);
    auto addRows = [this, rows](const QString &text, const QKeySequence &key, const QString &name) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcut(key);
        rows->addAction(action);
        return action;
    };
    QAction *taller = addRows(tr("&Taller Rows"), QKeySequence(QStringLiteral("]")),
                              QStringLiteral("actionTallerRows"));
    QAction *shorter = addRows(tr("&Shorter Rows"), QKeySequence(QStringLiteral("[")),
                               QStringLiteral("actionShorterRows"));
    rows->addSeparator();
    QAction *onePixel
        = addRows(tr("&One Pixel per Task"), QKeySequence(), QStringLiteral("actionOnePixelRows"));
    QAction *full = addRows(tr("&Full Height"), QKeySequence(), QStringLiteral("actionFullRows"));
    connect(taller, &QAction::triggered, timeline, &TimelineView::tallerRows);
    connect(shorter, &QAction::triggered, timeline, &TimelineView::shorterRows);
    connect(onePixel, &QAction::triggered, timeline, [timeline]() { timeline->setRowHeight(1); });
    connect(full, &QAction::triggered, timeline, [timeline]() { timeline->setRowHeight(0); });

    QAction *overview = new QAction(tr("&Overview Strip"), this);
    overview->setObjectName(QStringLiteral("actionOverview"));
    overview->setCheckable(true);
    view->insertAction(before, overview);
    connect(overview, &QAction::toggled, m_overview, &QWidget::setVisible);

    QSettings settings;
    overview->setChecked(settings.value(OverviewKey, true).toBool());
    m_overview->setVisible(overview->isChecked());
    // Saved as soon as changed: saveSettings() stays the window's own business.
    connect(overview, &QAction::toggled, this, [this](bool on) {
        if (m_persistSettings)
            QSettings().setValue(OverviewKey, on);
    });
    // The row height is not a setting: each run gets the one that fits it, and a height chosen
    // for a 10,000-task run would make the next 10-task run a strip of 1 px rows.
}

void MainWindow::applyViewOptions(const LaunchOptions &options)
{
    if (options.rowHeight > 0)
        ui->timeline->setRowHeight(options.rowHeight);
    if (options.selectTask >= 0) {
        ui->timeline->goToTask(options.selectTask);
        m_inspector->detailsDock()->show();
        m_inspector->detailsDock()->raise();
    }
    if (!options.find.isEmpty()) {
        m_findBar->openFind();
        m_findBar->lineEdit()->setText(options.find);
        m_findBar->findNext();
    }
}

void MainWindow::fitDefaultRunInView()
{
    // First start on a short screen (1024 x 700): the default run showed 7 of its 10 rows, the
    // 8th cut, and the table 4 rows. The overview strip starts hidden there (it is for runs
    // whose rows do not fit; View > Overview Strip brings it back, and a choice made is kept),
    // and the timeline gets the height the run panel's tasks need, not a fixed share.
    if (height() < 760 && !QSettings().contains(OverviewKey)) {
        const QScopedValueRollback keep(m_persistSettings, false); // a default, not a choice
        if (auto *overview = findChild<QAction *>(QStringLiteral("actionOverview")))
            overview->setChecked(false);
    }
    layout()->activate();
    ui->timelinePane->layout()->activate();
    const int tasks = std::clamp(ui->runPanel->spec().tasks, 1, 12);
    TimelineView *timeline = ui->timeline;
    const int needed = timeline->rowRect(tasks - 1).bottom() + 1 + 2;
    const int deficit = needed - timeline->viewport()->height();
    const QList<int> sizes = ui->rightSplitter->sizes();
    if (deficit <= 0 || sizes.size() != 2)
        return;
    // The table keeps what its tab bar, filter, header and a few rows need.
    const auto *tabs = ui->bottomTabs->findChild<QTabBar *>();
    const int tableFloor = (tabs ? tabs->sizeHint().height() : 0)
        + ui->taskTable->horizontalHeader()->sizeHint().height()
        + 4 * ui->taskTable->verticalHeader()->defaultSectionSize() + 16;
    const int give = std::min(deficit, std::max(0, sizes.at(1) - tableFloor));
    ui->rightSplitter->setSizes({sizes.at(0) + give, sizes.at(1) - give});
}

} // namespace Coroscope
