// MainWindow's sweeps: Run > Sweep…, following each point's run live on the timeline as the
// Sweep page fills, opening any point's run in the main view, and a saved sweep reopened.
#include "mainwindow.h"
#include "trace/vocabulary.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "io/comparedruns.h"
#include "run/run.h"
#include "run/sweep.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "summarystrip.h"
#include "sweepdialog.h"
#include "sweepwidget.h"
#include "timelineview.h"

#include <QAction>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QStatusBar>
#include <QTabWidget>

namespace Coroscope {

void MainWindow::setupSweep()
{
    m_sweep = std::make_unique<Sweep>();
    m_sweep->setServer(m_server);
    m_sweepWidget = new SweepWidget(ui->bottomTabs);
    m_sweepWidget->clear();
    ui->bottomTabs->addTab(m_sweepWidget, tr("Sweep"));
    m_actionSweep = new QAction(this);
    m_actionSweep->setObjectName(QStringLiteral("actionSweep"));
    // Right after Compare…, its sibling: one workload run many times.
    const QList<QAction *> actions = ui->menuRun->actions();
    const qsizetype compare = actions.indexOf(ui->actionCompare);
    ui->menuRun->insertAction(actions.value(compare + 1), m_actionSweep);
    connect(m_actionSweep, &QAction::triggered, this, &MainWindow::openSweepDialog);
    connect(m_sweep.get(), &Sweep::pointStarted, this, &MainWindow::onSweepPointStarted);
    connect(m_sweep.get(), &Sweep::pointFinished, this, &MainWindow::onSweepPointFinished);
    connect(m_sweep.get(), &Sweep::finished, this, &MainWindow::onSweepFinished);
    connect(m_sweepWidget, &SweepWidget::pointActivated, this, &MainWindow::showSweepPoint);
    connect(m_sweepWidget, &SweepWidget::stopRequested, this, &MainWindow::stopRun);
    retranslateSweep();
}

void MainWindow::retranslateSweep()
{
    if (!m_actionSweep)
        return;
    m_actionSweep->setText(tr("S&weep…"));
    m_actionSweep->setToolTip(tr("Run the workload once per value of one knob, for each chosen "
                                 "strategy, and chart how the results grow"));
    ui->bottomTabs->setTabText(ui->bottomTabs->indexOf(m_sweepWidget), tr("Sweep"));
}

bool MainWindow::isSweeping() const
{
    return m_sweep && m_sweep->isRunning();
}

void MainWindow::openSweepDialog()
{
    RunSpec spec;
    if (isRunning() || !runnableSpec(&spec))
        return;
    SweepSpec base;
    base.base = spec;
    base.serverCapacity = ui->runPanel->serverCapacity();
    base.embeddedServer = embeddedServerAddresses();
    base.strategies = {spec.strategy};
    // The last sweep's choice, if there was one this session.
    if (!m_sweep->spec().values.isEmpty()) {
        base.knob = m_sweep->spec().knob;
        base.values = m_sweep->spec().values;
        base.strategies = m_sweep->spec().strategies;
        base.repeat = m_sweep->spec().repeat;
    } else {
        base.values = {1, 10, 100};
    }
    auto *dialog = new SweepDialog(base, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog]() { startSweep(dialog->spec()); });
    dialog->open();
}

void MainWindow::startSweep(const SweepSpec &spec)
{
    if (isRunning())
        return;
    m_run.reset();
    m_sweepStopping = false;
    m_shownSweepPoint = -1; // the last sweep's point is not this one's
    ui->runPanel->setRunning(true);
    m_runServerCapacity = spec.serverCapacity;
    setUnsavedRecord({});
    m_sweepWidget->setSpec(spec);
    ui->bottomTabs->setCurrentWidget(m_sweepWidget);
    // The charts need room: the page gets most of the height, as a comparison does.
    const QList<int> heights = ui->rightSplitter->sizes();
    const int total = heights.value(0) + heights.value(1);
    if (heights.value(1) < total * 6 / 10)
        ui->rightSplitter->setSizes({total * 35 / 100, total - total * 35 / 100});
    if (const QString error = m_sweep->start(spec); !error.isEmpty()) {
        ui->runPanel->setRunning(false);
        statusBar()->showMessage(error, 8000);
        updateActions();
        return;
    }
    m_sweepWidget->setProgress(0, m_sweep->pointCount(), m_sweep->remainingMs(), true);
    updateActions();
    Q_EMIT sweepStarted();
}

void MainWindow::onSweepPointStarted(int index, Run *run)
{
    // `run` is deleted after it ends: follow its recorder, which outlives it.
    followRecorder(run->recorder(), run->spec().tasks);
    m_shownFastestOf = 0;
    m_sweepWidget->setProgress(index, m_sweep->pointCount(), m_sweep->remainingMs(), true);
    statusBar()->showMessage(tr("Sweeping: run %1 of %2, about %3 left")
                                 .arg(index + 1)
                                 .arg(m_sweep->pointCount())
                                 .arg(SweepDialog::roughDuration(m_sweep->remainingMs())));
}

void MainWindow::onSweepPointFinished(int index)
{
    m_liveTrace->refresh(); // the last events and the end time, before the next run attaches
    m_sweepWidget->setPoints(m_sweep->points());
    m_sweepWidget->setProgress(index + 1, m_sweep->pointCount(), m_sweep->remainingMs(), true);
    updateActions();
}

void MainWindow::onSweepFinished()
{
    m_refreshTimer.stop();
    m_liveTrace->refresh();
    m_progress->setVisible(false);
    ui->runPanel->setRunning(false);
    const SweepResult &result = m_sweep->result();
    m_sweepWidget->setPoints(result.points);
    m_sweepWidget->setProgress(int(result.points.size()), m_sweep->pointCount(), 0, false,
                               result.stopped);
    statusBar()->showMessage(
        result.stopped
            ? tr("Sweep stopped after %n run(s)", nullptr, int(result.points.size()))
            : tr("Swept %1 over %n run(s) in %2", nullptr, int(result.points.size()))
                  .arg(sweepKnobLabel(result.spec.knob), durationText(m_sweep->elapsedMs())));
    m_sweepStopping = false;
    if (!result.isEmpty()) {
        RunRecord record = recordOfRuns(result.spec.base, result.spec.serverCapacity, {}, {});
        record.sweep = result;
        setUnsavedRecord(std::move(record));
        showSweepPoint(int(result.points.size()) - 1);
    } else {
        setUnsavedRecord({});
    }
    updateActions();
    Q_EMIT sweepFinished();
}

const SweepResult *MainWindow::shownSweep() const
{
    if (isSweeping())
        return &m_sweep->result();
    return m_record.isSweep() ? &m_record.sweep : nullptr;
}

void MainWindow::showSweepPoint(int index)
{
    const SweepResult *sweep = shownSweep();
    if (!sweep || index < 0 || index >= sweep->points.size())
        return;
    // A point clicked while the sweep goes on: shown until the next run starts.
    if (isSweeping())
        m_refreshTimer.stop();
    const SweepPoint &point = sweep->points.at(index);
    m_liveTrace->setTrace(point.trace);
    ui->timeline->setFollowLive(false);
    ui->timeline->fit();
    m_shownSweepPoint = index;
    updateTimelineTitle();
}

QString MainWindow::sweepPointTitle() const
{
    const SweepResult *sweep = shownSweep();
    if (!sweep || m_shownSweepPoint < 0 || m_shownSweepPoint >= sweep->points.size()
        || m_liveTrace->trace().events.size()
            != sweep->points.at(m_shownSweepPoint).trace.events.size())
        return {};
    const SweepPoint &point = sweep->points.at(m_shownSweepPoint);
    return tr("Timeline: %1, %2 = %3 (repeat %4), run %5 of the sweep")
        .arg(RunPanel::strategyDisplayName(point.strategy), sweepKnobLabel(sweep->spec.knob),
             sweepValueText(point.value))
        .arg(point.repeat + 1)
        .arg(m_shownSweepPoint + 1);
}

void MainWindow::showSweepRecord(const RunRecord &record)
{
    m_refreshTimer.stop();
    m_progress->setVisible(false);
    m_run.reset();
    m_recorder.reset();
    m_shownFastestOf = 0;
    m_sweepWidget->setSpec(record.sweep.spec);
    m_sweepWidget->setPoints(record.sweep.points);
    m_sweepWidget->setProgress(int(record.sweep.points.size()), record.sweep.spec.pointCount(), 0,
                               false, record.sweep.stopped);
    ui->compareWidget->clear();
    ui->bottomTabs->setCurrentWidget(m_sweepWidget);
    const QList<int> heights = ui->rightSplitter->sizes();
    const int total = heights.value(0) + heights.value(1);
    if (heights.value(1) < total * 6 / 10)
        ui->rightSplitter->setSizes({total * 35 / 100, total - total * 35 / 100});
    m_shownSweepPoint = int(record.sweep.points.size()) - 1;
    m_liveTrace->setTrace(record.sweep.points.constLast().trace);
    ui->timeline->setFollowLive(false);
    ui->timeline->fit();
    updateTimelineTitle();
    // Run again what the file swept: URLs of the embedded server at its address of today.
    RunSpec spec = record.spec;
    spec.urls = followEmbeddedServer(spec.urls, record.embeddedServer, embeddedServerAddresses());
    ui->runPanel->setSpec(spec);
    ui->runPanel->setServerCapacity(record.serverCapacity);
}

} // namespace Coroscope
