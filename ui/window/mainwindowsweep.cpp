// MainWindow's sweeps: Run > Sweep…, following each point's run live on the timeline as the
// Sweep page fills, opening any point's run in the main view, and a saved sweep reopened. The
// sweep, its page and its course are the sweep part's (SweepSession); the window follows the
// runs and lays out what they show.
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "io/comparedruns.h"
#include "livefeed.h"
#include "run/run.h"
#include "run/sweep.h"
#include "runpanel.h"
#include "sweepsession.h"
#include "timelineview.h"

#include <QStatusBar>

namespace Coroscope {

void MainWindow::setupSweep()
{
    m_sweep = new SweepSession(m_server, ui->bottomTabs, ui->menuRun, ui->actionCompare, this);
    connect(m_sweep->action(), &QAction::triggered, this, &MainWindow::openSweepDialog);
    connect(m_sweep, &SweepSession::startRequested, this, &MainWindow::startSweep);
    connect(m_sweep, &SweepSession::pointStarted, this, &MainWindow::onSweepPointStarted);
    connect(m_sweep, &SweepSession::pointFinished, this, &MainWindow::onSweepPointFinished);
    connect(m_sweep, &SweepSession::finished, this, &MainWindow::onSweepFinished);
    connect(m_sweep, &SweepSession::pointActivated, this, &MainWindow::showSweepPoint);
    connect(m_sweep, &SweepSession::stopRequested, this, &MainWindow::stopRun);
}

bool MainWindow::isSweeping() const
{
    return m_sweep && m_sweep->isRunning();
}

SweepWidget *MainWindow::sweepWidget() const
{
    return m_sweep->widget();
}

Sweep *MainWindow::sweep() const
{
    return m_sweep->sweep();
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
    m_sweep->openDialog(base, this);
}

void MainWindow::giveSweepRoom()
{
    const QList<int> heights = ui->rightSplitter->sizes();
    const int total = heights.value(0) + heights.value(1);
    if (heights.value(1) < total * 6 / 10)
        ui->rightSplitter->setSizes({total * 35 / 100, total - total * 35 / 100});
}

void MainWindow::startSweep(const SweepSpec &spec)
{
    if (isRunning())
        return;
    m_run.reset();
    ui->runPanel->setRunning(true);
    m_runServerCapacity = spec.serverCapacity;
    setUnsavedRecord({});
    giveSweepRoom();
    if (const QString error = m_sweep->start(spec); !error.isEmpty()) {
        ui->runPanel->setRunning(false);
        statusBar()->showMessage(error, 8000);
        updateActions();
        return;
    }
    updateActions();
    Q_EMIT sweepStarted();
}

void MainWindow::onSweepPointStarted(int index, Run *run, const QString &status)
{
    Q_UNUSED(index)
    // `run` is deleted after it ends: follow its recorder, which outlives it.
    followRecorder(run->recorder(), run->spec().tasks);
    m_compare.setShownFastestOf(0);
    statusBar()->showMessage(status);
}

void MainWindow::onSweepPointFinished(int index)
{
    Q_UNUSED(index)
    m_liveTrace->refresh(); // the last events and the end time, before the next run attaches
    updateActions();
}

void MainWindow::onSweepFinished(const QString &status)
{
    m_live->finish();
    ui->runPanel->setRunning(false);
    statusBar()->showMessage(status);
    const SweepResult &result = m_sweep->sweep()->result();
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

void MainWindow::showSweepPoint(int index)
{
    const SweepPoint *point = m_sweep->selectPoint(index, m_runFile.record());
    if (!point)
        return;
    // A point clicked while the sweep goes on: shown until the next run starts.
    if (isSweeping())
        m_live->pause();
    m_liveTrace->setTrace(point->trace);
    ui->timeline->setFollowLive(false);
    ui->timeline->fit();
    updateTimelineTitle();
}

void MainWindow::showSweepRecord(const RunRecord &record)
{
    m_live->drop();
    m_run.reset();
    m_compare.setShownFastestOf(0);
    ui->compareWidget->clear();
    const SweepPoint &last = m_sweep->showSaved(record.sweep);
    giveSweepRoom();
    m_liveTrace->setTrace(last.trace);
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
