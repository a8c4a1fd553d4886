// MainWindow: set-up, runs, language and settings. The task table, the comparison, the exports
// and the guidance (diagnostics and concepts pointing at the timeline) are in
// mainwindowtable.cpp, mainwindowcompare.cpp, mainwindowexports.cpp and mainwindowguidance.cpp.
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "charts.h"
#include "comparewidget.h"
#include "diagnosticspanel.h"
#include "flowlayout.h"
#include "loopstatepanel.h"
#include "record/recordsession.h"
#include "run/comparison.h"
#include "run/run.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "statestyle.h"
#include "summarystrip.h"
#include "taskmodel.h"
#include "timelinestate.h"
#include "timelineview.h"
#include "trace/diagnostics.h"
#include "trace/summary.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QDialog>
#include <QDockWidget>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QMessageBox>
#include <QPainter>
#include <QProgressBar>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QScreen>
#include <QSettings>
#include <QShortcut>
#include <QStyledItemDelegate>
#include <QTranslator>

namespace Coroscope {

namespace {
QTranslator *g_qtTranslator = nullptr;
QTranslator *g_appTranslator = nullptr;

const QString LanguageKey = QStringLiteral("ui/language");
// View > Phases: the band inside `await reply` bars (saved with the window, on close).
const QString PhasesKey = QStringLiteral("view/phases");

// diagnose() walks the whole trace: while live, at most twice a second (and never more than a
// fifth of the GUI thread's time); a finished trace is diagnosed at once.
constexpr qint64 DiagnosticsIntervalMs = 500;
// Default widths (first launch): the run panel's inputs and a diagnostic's sentence in two or
// three lines, no more.
constexpr int RunPanelWidth = 340;
constexpr int DockWidth = 290;

QPixmap swatch(const QColor &color, qreal dpr)
{
    const QSize size(16, 10);
    QPixmap pixmap(size * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(color.darker(125));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(0.5, 0.5, size.width() - 1, size.height() - 1), 2.5, 2.5);
    return pixmap;
}

} // namespace

MainWindow::MainWindow(TestServer *server, QWidget *parent)
    : QMainWindow(parent)
    , ui(std::make_unique<Ui::MainWindow>())
    , m_server(server)
    , m_liveTrace(new LiveTrace(this))
{
    ui->setupUi(this);

    QFont titleFont = ui->timelineTitle->font();
    titleFont.setBold(true);
    ui->timelineTitle->setFont(titleFont);

    m_timelineState = new TimelineState(this);
    ui->timeline->setTimelineState(m_timelineState);
    m_liveTrace->setTimelineState(m_timelineState);

    ui->runPanel->setServer(m_server);
    fitRunPanel();
    ui->timeline->setLiveTrace(m_liveTrace);
    ui->summaryStrip->setLiveTrace(m_liveTrace);
    ui->charts->setLiveTrace(m_liveTrace);

    // The GUI reads trace snapshots at this pace while live, never one signal per event.
    m_refreshTimer.setInterval(m_refreshPacer.minIntervalMs());
    connect(&m_refreshTimer, &QTimer::timeout, this, &MainWindow::refreshLive);

    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(240);
    m_progress->setMaximumHeight(16);
    m_progress->setFormat(tr("%v / %m tasks"));
    m_progress->setVisible(false);
    statusBar()->addPermanentWidget(m_progress);

    setupTable();
    setupActions();
    setupRunFileActions();
    setupReportAction();
    setupDocks();
    setupNavigation();
    setupComparison();
    setupSweep();
    setupRecording();
    setupLanguageMenu();
    setupThemeMenu();
    rebuildLegend();

    connect(ui->runPanel, &RunPanel::runRequested, this, &MainWindow::startRun);
    connect(ui->runPanel, &RunPanel::stopRequested, this, &MainWindow::stopRun);
    connect(ui->runPanel, &RunPanel::runnableChanged, this, &MainWindow::updateActions);
    connect(ui->runPanel, &RunPanel::runnableChanged, this, &MainWindow::showIdleStatus);
    connect(m_liveTrace, &LiveTrace::reset, this, &MainWindow::updateActions);
    connect(m_liveTrace, &LiveTrace::reset, this, &MainWindow::updateTimelineTitle);

    restoreSettings();
    updateActions();
    updateRowCount();
    showIdleStatus();
}

void MainWindow::showIdleStatus()
{
    // Before the first run the status bar says what Run will do, or why it cannot: never
    // "press Run" while Run is disabled.
    if (isRunning() || m_liveTrace->taskCount() > 0)
        return;
    const QString reason = ui->runPanel->runBlockedReason();
    statusBar()->showMessage(reason.isEmpty() ? tr("Ready: press Run (Ctrl+R) to start") : reason);
}

MainWindow::~MainWindow()
{
    m_refreshTimer.stop();
    m_diagnosticsThrottle->cancel();
    // Both join their scheduler thread while every view still exists.
    m_compare.comparison()->disconnect(this);
    m_compare.destroy();
    m_run.reset();
}

RunPanel *MainWindow::runPanel() const
{
    return ui->runPanel;
}

TimelineView *MainWindow::timeline() const
{
    return ui->timeline;
}

SummaryStrip *MainWindow::summaryStrip() const
{
    return ui->summaryStrip;
}

RunCharts *MainWindow::charts() const
{
    return ui->charts;
}

QTableView *MainWindow::taskTable() const
{
    return ui->taskTable;
}

CompareWidget *MainWindow::compareWidget() const
{
    return ui->compareWidget;
}

DiagnosticsPanel *MainWindow::diagnosticsPanel() const
{
    return ui->diagnosticsPanel;
}

ConceptsPanel *MainWindow::conceptsPanel() const
{
    return ui->conceptsPanel;
}

bool MainWindow::isRunning() const
{
    return (m_run && m_run->isRunning()) || isComparing() || isSweeping() || isRecording();
}

bool MainWindow::isComparing() const
{
    return m_compare.isRunning();
}

void MainWindow::fitRunPanel()
{
    // The panel scrolls vertically, never sideways: its column is as wide as its widest row
    // needs (labels, spin boxes with their arrows, Examples), whatever the language.
    ui->runPanelScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    ui->runPanelScroll->setFocusPolicy(Qt::NoFocus); // a Tab stop that shows nothing
    ui->runPanel->ensurePolished();
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    ui->runPanelScroll->setMinimumWidth(ui->runPanel->minimumSizeHint().width() + scrollBar + 2);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_defaultLayoutPending) {
        m_defaultLayoutPending = false;
        // The timeline is the point of the tool: the run panel and the docks get what they need
        // to read comfortably, the timeline everything else.
        // On a 1024 px screen that is ~200 + ~310 px, leaving the timeline ~500.
        const int dock = std::clamp(width() / 5, 200, DockWidth);
        resizeDocks({ui->diagnosticsDock}, {dock}, Qt::Horizontal);
        const int panel = std::max(ui->runPanelScroll->minimumWidth(),
                                   std::min(RunPanelWidth, width() * 27 / 100));
        ui->mainSplitter->setSizes({panel, std::max(400, width() - dock - panel)});
        // Once the heights above are laid out: the timeline's share of the height.
        QTimer::singleShot(0, this, &MainWindow::fitDefaultRunInView);
    }
    if (!m_columnsSized) {
        m_columnsSized = true;
        // After the first layout pass, when the table knows its width.
        QTimer::singleShot(0, this, &MainWindow::sizeColumns);
    }
}

void MainWindow::setupActions()
{
    connect(ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(ui->actionRun, &QAction::triggered, this, &MainWindow::startRun);
    connect(ui->actionStop, &QAction::triggered, this, &MainWindow::stopRun);
    connect(ui->actionAbout, &QAction::triggered, this, [this]() {
        QMessageBox::about(
            this, tr("About Coroscope"),
            tr("<h3>Coroscope %1</h3>"
               "<p>Makes coroutine scheduling visible: every task of an HTTP workload is a row "
               "on a live timeline that moves through pending, running and suspended at a named "
               "co_await, until it finishes.</p>"
               "<p>Compare the async strategy with blocking calls, threads and a busy server, "
               "and export the measured timings as CSV.</p>"
               "<p>Built with Qt %2 and QCoro.</p>")
                .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
    });

    ui->actionZoomIn->setShortcuts({QKeySequence(QStringLiteral("+")),
                                    QKeySequence(QStringLiteral("=")), QKeySequence::ZoomIn});
    ui->actionZoomOut->setShortcuts({QKeySequence(QStringLiteral("-")), QKeySequence::ZoomOut});
    ui->actionFit->setShortcuts(
        {QKeySequence(QStringLiteral("F")), QKeySequence(QStringLiteral("Ctrl+0"))});
    connect(ui->actionZoomIn, &QAction::triggered, ui->timeline, &TimelineView::zoomIn);
    connect(ui->actionZoomOut, &QAction::triggered, ui->timeline, &TimelineView::zoomOut);
    connect(ui->actionFit, &QAction::triggered, ui->timeline, &TimelineView::fit);
    ui->actionFollowLive->setChecked(ui->timeline->followLive());
    connect(ui->actionFollowLive, &QAction::toggled, ui->timeline, &TimelineView::setFollowLive);
    connect(ui->timeline, &TimelineView::followLiveChanged, this, [this](bool follow) {
        const QSignalBlocker blocker(ui->actionFollowLive);
        ui->actionFollowLive->setChecked(follow);
    });
    ui->actionPhases->setChecked(ui->timeline->showPhases());
    connect(ui->actionPhases, &QAction::toggled, ui->timeline, &TimelineView::setShowPhases);
    connect(ui->timeline, &TimelineView::showPhasesChanged, this, [this](bool show) {
        const QSignalBlocker blocker(ui->actionPhases);
        ui->actionPhases->setChecked(show);
        rebuildLegend();
    });
    ui->zoomOutButton->setDefaultAction(ui->actionZoomOut);
    ui->zoomInButton->setDefaultAction(ui->actionZoomIn);
    ui->fitButton->setDefaultAction(ui->actionFit);
    ui->followButton->setDefaultAction(ui->actionFollowLive);

    connect(ui->actionExportTasksCsv, &QAction::triggered, this,
            [this]() { exportWithDialog(ExportKind::TasksCsv); });
    connect(ui->actionExportSegmentsCsv, &QAction::triggered, this,
            [this]() { exportWithDialog(ExportKind::SegmentsCsv); });
    connect(ui->actionExportChromeTrace, &QAction::triggered, this,
            [this]() { exportWithDialog(ExportKind::ChromeTrace); });
    connect(ui->actionExportTimelinePng, &QAction::triggered, this,
            [this]() { exportWithDialog(ExportKind::TimelinePng); });
    connect(ui->actionExportTimelineSvg, &QAction::triggered, this,
            [this]() { exportWithDialog(ExportKind::TimelineSvg); });
    connect(ui->actionExportComparisonCsv, &QAction::triggered, this,
            [this]() { exportWithDialog(ExportKind::ComparisonCsv); });
    connect(ui->actionCompare, &QAction::triggered, this, &MainWindow::openCompareDialog);

    // A disabled action's shortcut does nothing: Ctrl+R with a bad URL left the last run's
    // result in the status bar, as if the key had not been pressed. While Run cannot start,
    // its keys say why instead (updateActions() switches between the two).
    for (const QKeySequence &key : ui->actionRun->shortcuts()) {
        auto *why = new QShortcut(key, this);
        why->setEnabled(false);
        connect(why, &QShortcut::activated, this, [this]() {
            QString reason = ui->runPanel->runBlockedReason();
            const QStringList problems = ui->runPanel->urlProblems();
            if (!isRunning() && !problems.isEmpty()) // what is wrong, not only where
                reason = tr("%1 %2").arg(reason, problems.constFirst());
            if (!reason.isEmpty())
                statusBar()->showMessage(reason, 8000);
        });
        m_runBlockedShortcuts.append(why);
    }
}

void MainWindow::setupDocks()
{
    // Side by side with the timeline, one tab each: the timeline keeps the window's height.
    tabifyDockWidget(ui->diagnosticsDock, ui->conceptsDock);
    ui->diagnosticsDock->raise();
    QAction *language = ui->menuLanguage->menuAction();
    ui->menuView->insertAction(language, ui->diagnosticsDock->toggleViewAction());
    ui->menuView->insertAction(language, ui->conceptsDock->toggleViewAction());
    ui->menuView->insertSeparator(language);

    m_diagnosticsThrottle = new Throttle(
        DiagnosticsIntervalMs, [this]() { diagnoseNow(); }, this);
    connect(m_liveTrace, &LiveTrace::changed, this, &MainWindow::scheduleDiagnostics);
    // A different trace replaces the old findings at once, not after the throttle's delay.
    connect(m_liveTrace, &LiveTrace::reset, this, [this]() {
        if (ui->diagnosticsPanel->isVisible())
            updateDiagnostics();
        else
            m_diagnosticsStale = true;
    });
    // A hidden panel (dock closed, or behind the Concepts tab) is not kept up to date: it
    // catches up when it is shown (eventFilter). QDockWidget::visibilityChanged is not reliable
    // for this: a dock shown again reports false until its next layout pass.
    ui->diagnosticsPanel->installEventFilter(this);
    connect(ui->diagnosticsPanel, &DiagnosticsPanel::diagnosticActivated, this,
            &MainWindow::pointAt);
    connect(ui->conceptsPanel, &ConceptsPanel::showMe, this, &MainWindow::showConcept);
    // What a diagnostic pointed at stays highlighted until the selection moves elsewhere.
    connect(ui->timeline, &TimelineView::taskSelected, this, [this](int task) {
        if (task >= 0 && ui->timeline->hasHighlight() && !ui->timeline->isHighlighted(task))
            ui->timeline->clearHighlight();
    });
    setupLoopStateDock();
}

void MainWindow::setupLoopStateDock()
{
    // The run at the playhead: what the loop runs, what is ready, suspended, pending, done.
    m_loopStateDock = new QDockWidget(tr("Loop state"), this);
    m_loopStateDock->setObjectName(QStringLiteral("loopStateDock"));
    m_loopStatePanel = new LoopStatePanel(m_loopStateDock);
    m_loopStatePanel->setObjectName(QStringLiteral("loopStatePanel"));
    m_loopStateDock->setWidget(m_loopStatePanel);
    // Four tabs in one group were elided to "Diagno… Conc… Loop s… De…" at 1400 px: two groups
    // of two, the explanations (Diagnostics, Concepts) above what is inspected (Loop state,
    // Details, tabified with it in setupNavigation()), keep every title whole. (Below the tab
    // group as a whole: splitDockWidget() would only add another tab to it.)
    addDockWidget(Qt::RightDockWidgetArea, m_loopStateDock, Qt::Vertical);
    ui->diagnosticsDock->raise();
    ui->menuView->insertAction(ui->menuLanguage->menuAction(), m_loopStateDock->toggleViewAction());
    m_loopStatePanel->setTimelineState(m_timelineState);
    m_loopStatePanel->setLiveTrace(m_liveTrace);
    // The playhead is m_timelineState's: the panel's transport and the timeline's axis move it,
    // the timeline draws it once it is at a past instant (live, "now" is the right edge anyway)
    // and LiveTrace shows every view the run as it was there. Moved on the axis, the panel
    // comes into view to tell what the loop was doing then.
    connect(ui->timeline, &TimelineView::playheadRequested, this, [this]() {
        m_loopStateDock->show();
        m_loopStateDock->raise();
    });
    // Transport keys where the run is looked at: the timeline and the panel itself (a text box
    // keeps its Space, Home and End).
    const QList<std::pair<QKeySequence, void (LoopStatePanel::*)()>> keys{
        {QKeySequence(Qt::Key_Space), &LoopStatePanel::togglePlay},
        {QKeySequence(Qt::Key_Comma), &LoopStatePanel::stepBack},
        {QKeySequence(Qt::Key_Period), &LoopStatePanel::stepForward},
        {QKeySequence(Qt::Key_Home), &LoopStatePanel::toStart},
        {QKeySequence(Qt::Key_End), &LoopStatePanel::toEnd},
    };
    for (QWidget *where :
         {static_cast<QWidget *>(ui->timeline), static_cast<QWidget *>(m_loopStatePanel)}) {
        for (const auto &[key, slot] : keys) {
            auto *shortcut = new QShortcut(key, where);
            shortcut->setContext(Qt::WidgetWithChildrenShortcut);
            connect(shortcut, &QShortcut::activated, m_loopStatePanel, slot);
        }
    }
    // (The timeline has its own L: follow live.)
    auto *live = new QShortcut(QKeySequence(Qt::Key_L), m_loopStatePanel);
    live->setContext(Qt::WidgetWithChildrenShortcut);
    connect(live, &QShortcut::activated, m_loopStatePanel, &LoopStatePanel::followLive);
}

void MainWindow::showLoopStateAt(qint64 ns)
{
    m_loopStateDock->show();
    m_loopStateDock->raise();
    m_loopStatePanel->setPlayheadNs(ns);
}

void MainWindow::setupComparison()
{
    connect(m_compare.comparison(), &Comparison::runStarted, this,
            &MainWindow::onComparisonRunStarted);
    connect(m_compare.comparison(), &Comparison::runFinished, this,
            &MainWindow::onComparisonRunFinished);
    connect(m_compare.comparison(), &Comparison::finished, this, &MainWindow::onComparisonFinished);
}

void MainWindow::setupLanguageMenu()
{
    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    const QList<std::pair<QAction *, QString>> languages{
        {ui->actionLanguageSystem, QString()},
        {ui->actionLanguageEnglish, QStringLiteral("en")},
        {ui->actionLanguageChinese, QStringLiteral("zh_CN")},
    };
    const QString saved = savedLanguage();
    for (const auto &[action, code] : languages) {
        action->setData(code);
        m_languageGroup->addAction(action);
        action->setChecked(code == saved);
        connect(action, &QAction::triggered, this, [this, code = code]() { setLanguage(code); });
    }
}

QString MainWindow::savedLanguage()
{
    return QSettings().value(LanguageKey).toString();
}

bool MainWindow::applyLanguage(const QString &code)
{
    for (QTranslator **translator : {&g_qtTranslator, &g_appTranslator}) {
        if (*translator) {
            QCoreApplication::removeTranslator(*translator);
            delete *translator;
            *translator = nullptr;
        }
    }
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    QLocale::setDefault(locale);

    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt);
        g_qtTranslator = qt;
    } else {
        delete qt;
    }
    auto *ours = new QTranslator(QCoreApplication::instance());
    const bool matched = ours->load(locale, QStringLiteral("coroscope"), QStringLiteral("_"),
                                    QStringLiteral(":/i18n"));
    // Unmatched languages show the English source text, which still needs its plural forms.
    if (matched || ours->load(QStringLiteral(":/i18n/coroscope_en.qm"))) {
        QCoreApplication::installTranslator(ours);
        g_appTranslator = ours;
    } else {
        delete ours;
    }
    return matched;
}

QString MainWindow::missingFontNote()
{
    if (QLocale().language() != QLocale::Chinese)
        return {}; // the one translation whose script Latin fonts lack
    const bool traditional = QLocale().script() == QLocale::TraditionalHanScript;
    if (!QFontDatabase::families(traditional ? QFontDatabase::TraditionalChinese
                                             : QFontDatabase::SimplifiedChinese)
             .isEmpty())
        return {};
    return QStringLiteral("No Chinese font is installed, so Chinese text shows as boxes: "
                          "install one, e.g. sudo apt install fonts-noto-cjk");
}

void MainWindow::setLanguage(const QString &code)
{
    QSettings().setValue(LanguageKey, code);
    applyLanguage(code); // every widget retranslates on the LanguageChange event
    const QAction *chosen = m_languageGroup->checkedAction();
    QString name = chosen ? chosen->text() : QString();
    name.remove(QRegularExpression(QStringLiteral("\\(&.\\)"))).remove(u'&'); // "(&S)", "&S"
    const QString font = missingFontNote();
    statusBar()->showMessage(font.isEmpty() ? tr("Language: %1").arg(name.trimmed()) : font,
                             font.isEmpty() ? 5000 : 20000);
}

void MainWindow::rebuildLegend()
{
    // A narrow timeline (docks, translations) wraps the legend instead of widening the window.
    QLayout *layout = ui->legendWidget->layout();
    if (!layout)
        layout = new FlowLayout(ui->legendWidget, 10, 2);
    while (QLayoutItem *item = layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const qreal dpr = devicePixelRatioF();
    QWidget *heading = nullptr; // a heading and its first entry wrap as one
    for (const auto &[name, color] : StateStyle::legend(ui->timeline->showPhases())) {
        QWidget *entry = heading ? heading : new QWidget(ui->legendWidget);
        auto *entryLayout
            = heading ? static_cast<QHBoxLayout *>(heading->layout()) : new QHBoxLayout(entry);
        if (!heading) {
            entryLayout->setContentsMargins(0, 0, 0, 0);
            entryLayout->setSpacing(5);
        }
        heading = nullptr;
        if (color.isValid()) {
            auto *box = new QLabel(entry);
            box->setPixmap(swatch(color, dpr));
            entryLayout->addWidget(box);
        }
        // A heading: what the entries after it are part of.
        auto *label = new QLabel(name, entry);
        entryLayout->addWidget(label);
        if (!color.isValid()) {
            label->setEnabled(false);
            entryLayout->addSpacing(5);
            heading = entry;
            continue;
        }
        layout->addWidget(entry);
    }
    if (heading)
        layout->addWidget(heading); // a heading with nothing after it
}

void MainWindow::applyOptions(const LaunchOptions &options)
{
    ui->runPanel->setTrust(options.spec.caCertificates, options.spec.insecure);
    if (options.tls)
        ui->runPanel->setTls(true);
    if (options.specGiven) {
        RunSpec spec = options.spec;
        if (!options.urlsGiven && m_server)
            spec.urls = {ui->runPanel->defaultWorkloadUrl()};
        ui->runPanel->setSpec(spec);
    }
    if (options.serverCapacity > 0)
        ui->runPanel->setServerCapacity(options.serverCapacity);
}

bool MainWindow::runnableSpec(RunSpec *spec)
{
    if (isRunning())
        return false;
    *spec = ui->runPanel->spec();
    QString problem = ui->runPanel->runBlockedReason();
    if (problem.isEmpty())
        problem = spec->validate();
    if (!problem.isEmpty()) {
        statusBar()->showMessage(problem, 8000);
        return false;
    }
    if (m_server)
        m_server->setCapacity(ui->runPanel->serverCapacity());
    return true;
}

void MainWindow::followRecorder(std::shared_ptr<TraceRecorder> recorder, int tasks)
{
    m_recorder = std::move(recorder);
    m_liveTrace->attach(m_recorder);
    ui->timeline->setFollowLive(true);
    m_refreshPacer.restart();
    m_refreshTimer.start(m_refreshPacer.minIntervalMs());
    m_progress->setRange(0, tasks);
    m_progress->setValue(0);
    m_progress->setVisible(true);
}

void MainWindow::startRun()
{
    RunSpec spec;
    if (!runnableSpec(&spec))
        return;
    m_run.reset(); // the previous run is over; its trace stays on screen until the new one attaches
    m_run = std::make_unique<Run>(spec);
    m_compare.setShownFastestOf(0);
    m_runServerCapacity = ui->runPanel->serverCapacity();
    setUnsavedRecord({});
    connect(m_run.get(), &Run::finished, this, &MainWindow::onRunFinished);
    followRecorder(m_run->recorder(), spec.tasks);
    m_run->start();

    ui->runPanel->setRunning(true);
    statusBar()->showMessage(tr("Running %Ln task(s) with the %1 strategy…", nullptr, spec.tasks)
                                 .arg(RunPanel::strategyDisplayName(spec.strategy)));
    updateActions();
    Q_EMIT runStarted();
}

void MainWindow::stopRun()
{
    if (isSweeping()) {
        if (m_sweepStopping)
            return;
        m_sweepStopping = true;
        m_sweep->stop(); // the points not run yet are skipped; the ones done are kept
        statusBar()->showMessage(tr("Stopping the sweep: the runs done are kept…"));
        updateActions();
        return;
    }
    if (isComparing()) {
        if (!m_compare.stop()) // the strategies not run yet are skipped
            return;
        statusBar()->showMessage(tr("Stopping the comparison: cancelling every task in flight…"));
        updateActions();
        return;
    }
    if (isRecording()) {
        m_session->stop(); // SIGINT now, SIGKILL after the grace period: said in the Output dock
        updateActions();
        return;
    }
    if (!isRunning() || m_run->stopRequested())
        return;
    m_run->stop();
    statusBar()->showMessage(tr("Stopping: cancelling every task in flight…"));
    updateActions();
}

void MainWindow::refreshLive()
{
    m_liveTrace->refresh();
    // The next refresh comes as soon as what this window did since the last one allows.
    m_refreshTimer.setInterval(m_refreshPacer.nextIntervalMs());
    if (m_recorder)
        m_progress->setValue(m_recorder->finishedCount());
    const bool measuring = m_recorder && m_recorder->isMeasuringAlone();
    if (measuring != m_measuringShown) {
        m_measuringShown = measuring;
        const QString text = tr("Measuring each URL alone (the speed-up's baseline) before the "
                                "run…");
        if (measuring) {
            m_messageBeforeMeasuring = statusBar()->currentMessage();
            statusBar()->showMessage(text);
        } else if (statusBar()->currentMessage() == text) {
            statusBar()->showMessage(m_messageBeforeMeasuring);
        }
    }
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == ui->diagnosticsPanel && event->type() == QEvent::Show && m_diagnosticsStale)
        updateDiagnostics();
    if (watched == ui->bottomTabs && event->type() == QEvent::Resize)
        fitFilterBar();
    return QMainWindow::eventFilter(watched, event);
}

void MainWindow::onRunFinished()
{
    m_refreshTimer.stop();
    m_liveTrace->refresh(); // the last events and the end time
    m_progress->setVisible(false);
    ui->runPanel->setRunning(false);

    // Stopped or finished as the trace says (a Stopped event), like every other figure; the strip
    // has just summarised the last events (summarize() walks every task: not twice).
    // Replaying an earlier instant, the strip shows that instant: the status names the run's end.
    statusBar()->showMessage(SummaryStrip::outcomeText(
        m_liveTrace->isViewingPast()
            ? summarize(m_liveTrace->wholeTrace(), m_liveTrace->wholeSegments())
            : ui->summaryStrip->currentSummary()));
    // The whole run is what a save keeps (not the replay instant on screen), so that its exports
    // match these byte for byte.
    setUnsavedRecord(
        recordOfRuns(m_run->spec(), m_runServerCapacity, {}, {m_liveTrace->wholeTrace()}));
    Q_EMIT runFinished();
}

void MainWindow::updateActions()
{
    const bool running = isRunning();
    const QString reason = ui->runPanel->runBlockedReason();
    ui->actionRun->setEnabled(reason.isEmpty() && !running);
    for (QShortcut *why : std::as_const(m_runBlockedShortcuts))
        why->setEnabled(!ui->actionRun->isEnabled());
    ui->actionRun->setToolTip(reason.isEmpty() ? tr("Start the run") : reason);
    ui->actionCompare->setEnabled(reason.isEmpty() && !running);
    ui->actionCompare->setToolTip(
        reason.isEmpty() ? tr("Run the same workload under each chosen strategy in turn and "
                              "compare them side by side")
                         : reason);
    if (m_actionSweep)
        m_actionSweep->setEnabled(reason.isEmpty() && !running);
    const bool stopping = isSweeping() ? m_sweepStopping
        : isComparing()                ? m_compare.isStopping()
        : isRecording()                ? m_session->stopRequested()
                                       : (m_run && m_run->stopRequested());
    ui->actionStop->setEnabled(running && !stopping);
    const bool hasTrace = m_liveTrace->taskCount() > 0;
    for (QAction *action :
         {ui->actionExportTasksCsv, ui->actionExportSegmentsCsv, ui->actionExportChromeTrace,
          ui->actionExportTimelinePng, ui->actionExportTimelineSvg})
        action->setEnabled(hasTrace);
    ui->actionExportComparisonCsv->setEnabled(!ui->compareWidget->summaries().isEmpty());
    ui->actionOpen->setEnabled(!running);
    ui->menuOpenRecent->setEnabled(!running && !recentRunFiles().isEmpty());
    ui->actionSave->setEnabled(!running && !m_runFile.record().isEmpty());
    ui->actionSaveAs->setEnabled(!running && !m_runFile.record().isEmpty());
    updateCompareFileActions();
    updateReportAction();
    if (m_actionRecord) {
        m_actionRecord->setEnabled(!running);
        m_actionComparePrevious->setEnabled(!running && !m_previousRecording.isEmpty());
    }
    updateTitle();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    if (!restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray())) {
        // First launch: the form's 1400 x 900, unless the screen is smaller.
        if (const QScreen *screen = this->screen()) {
            const QSize available = screen->availableSize() * 0.92;
            resize(size().boundedTo(available));
        }
    }
    // First launch: the default widths are set once the window is laid out (showEvent).
    m_defaultLayoutPending
        = !restoreState(settings.value(QStringLiteral("window/state")).toByteArray())
        || !ui->mainSplitter->restoreState(
            settings.value(QStringLiteral("window/mainSplitter")).toByteArray());
    ui->mainSplitter->setStretchFactor(0, 0);
    ui->mainSplitter->setStretchFactor(1, 1);
    if (!ui->rightSplitter->restoreState(
            settings.value(QStringLiteral("window/rightSplitter")).toByteArray()))
        ui->rightSplitter->setSizes({int(height() * 0.58), int(height() * 0.34)});
    ui->rightSplitter->setStretchFactor(0, 3);
    ui->rightSplitter->setStretchFactor(1, 2);
    // A restored header keeps the user's column widths.
    m_columnsSized = ui->taskTable->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("window/taskHeader")).toByteArray());
    // A comparison is not kept between sessions: its tab would open empty.
    const int tab = settings.value(QStringLiteral("window/tab"), 0).toInt();
    ui->bottomTabs->setCurrentIndex(tab == ui->bottomTabs->indexOf(ui->compareTab) ? 0 : tab);
    ui->timeline->setShowPhases(settings.value(PhasesKey, true).toBool());

    if (!ui->runPanel->restoreSettings())
        ui->runPanel->useDefaultWorkload();
}

void MainWindow::saveSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/mainSplitter"), ui->mainSplitter->saveState());
    settings.setValue(QStringLiteral("window/rightSplitter"), ui->rightSplitter->saveState());
    settings.setValue(QStringLiteral("window/taskHeader"),
                      ui->taskTable->horizontalHeader()->saveState());
    settings.setValue(QStringLiteral("window/tab"), ui->bottomTabs->currentIndex());
    settings.setValue(PhasesKey, ui->timeline->showPhases());
    ui->runPanel->saveSettings();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_persistSettings)
        saveSettings();
    // Stop, then let the Run's destructor join its scheduler thread: cancelled requests end at
    // once, so this returns promptly even with thousands of tasks in flight.
    m_refreshTimer.stop();
    if (m_run) {
        m_run->stop();
        m_run.reset();
    }
    if (isComparing()) {
        m_compare.stop(); // its run ends at once; the destructor joins it
    }
    if (isSweeping()) {
        m_sweepStopping = true;
        m_sweep->stop(); // likewise
    }
    // A recorded program is killed with its process group (the session's destructor).
    m_session.reset();
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        ui->retranslateUi(this);
        updateTimelineTitle(); // the form's "Timeline" replaced the strategy's name
        m_loopStateDock->setWindowTitle(tr("Loop state"));
        retranslateRecording();
        updateTitle(); // the form's title replaced the file name
        m_model->retranslate();
        fitRunPanel(); // translated labels have other widths
        m_progress->setFormat(tr("%v / %m tasks"));
        rebuildLegend();
        updateRowCount();
        updateActions();
        scheduleDiagnostics(); // diagnose() writes its sentences in the current language
        retranslateSweep();
    }
    QMainWindow::changeEvent(event);
}

} // namespace Coroscope
