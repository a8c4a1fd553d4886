// MainWindow's comparison: the dialog choosing strategies, and following each run of a
// Comparison as it starts and finishes, then showing them side by side.
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "comparewidget.h"
#include "livefeed.h"
#include "record/recordsession.h"
#include "run/comparison.h"
#include "run/run.h"
#include "runpanel.h"
#include "summarystrip.h"
#include "sweepsession.h"
#include "trace/vocabulary.h"

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

#include <algorithm>

namespace Coroscope {

namespace {
const QString CompareStrategiesKey = QStringLiteral("compare/strategies");
} // namespace

QList<Strategy> MainWindow::savedCompareStrategies()
{
    const QVariant saved = QSettings().value(CompareStrategiesKey);
    if (!saved.isValid())
        return allStrategies();
    QList<Strategy> strategies;
    for (const QString &name : saved.toStringList()) {
        Strategy strategy;
        if (strategyFromName(name, &strategy) && !strategies.contains(strategy))
            strategies.append(strategy);
    }
    return strategies;
}

void MainWindow::openCompareDialog()
{
    if (isRunning())
        return;
    auto *dialog = new QDialog(this);
    dialog->setObjectName(QStringLiteral("compareDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Compare Strategies"));
    auto *layout = new QVBoxLayout(dialog);
    const RunSpec spec = ui->runPanel->spec();
    auto *intro = new QLabel(
        tr("Runs the workload of the run panel (%Ln task(s)) under each checked strategy, one "
           "after another, and shows them side by side on one time axis.",
           nullptr, spec.tasks),
        dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    const QList<Strategy> checked = savedCompareStrategies();
    QList<std::pair<QCheckBox *, Strategy>> boxes;
    for (const Strategy strategy : allStrategies()) {
        auto *box = new QCheckBox(RunPanel::strategyDisplayName(strategy), dialog);
        box->setObjectName(QStringLiteral("compareStrategy_") + strategyName(strategy));
        box->setToolTip(RunPanel::strategyDescription(strategy));
        box->setChecked(checked.contains(strategy));
        layout->addWidget(box);
        boxes.append({box, strategy});
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    QPushButton *compare = buttons->button(QDialogButtonBox::Ok);
    compare->setText(tr("Compare"));
    layout->addWidget(buttons);

    const auto chosen = [boxes]() {
        QList<Strategy> strategies;
        for (const auto &[box, strategy] : boxes) {
            if (box->isChecked())
                strategies.append(strategy);
        }
        return strategies;
    };
    const auto updateButton = [compare, chosen]() {
        compare->setEnabled(!chosen().isEmpty());
        compare->setToolTip(chosen().isEmpty() ? tr("Check at least one strategy") : QString());
    };
    for (const auto &entry : std::as_const(boxes))
        connect(entry.first, &QCheckBox::toggled, dialog, updateButton);
    updateButton();
    connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::accepted, this, [this, chosen]() {
        const QList<Strategy> strategies = chosen();
        QStringList names;
        for (const Strategy strategy : strategies)
            names.append(strategyName(strategy));
        QSettings().setValue(CompareStrategiesKey, names);
        startComparison(strategies);
    });
    dialog->open();
}

void MainWindow::startComparison(const QList<Strategy> &strategies)
{
    RunSpec spec;
    if (strategies.isEmpty() || !runnableSpec(&spec))
        return;
    m_run.reset();
    m_compare.started();
    ui->compareWidget->clear();
    ui->runPanel->setRunning(true);
    m_runServerCapacity = ui->runPanel->serverCapacity();
    setUnsavedRecord({});
    // The first run starts (and is followed) at once.
    m_compare.comparison()->start(spec, strategies);
    updateActions();
    Q_EMIT comparisonStarted();
}

void MainWindow::onComparisonRunStarted(int index, Run *run)
{
    // `run` is deleted after it ends: follow its recorder, which outlives it.
    followRecorder(run->recorder(), run->spec().tasks);
    m_compare.runStarted(index);
    updateTimelineTitle();
    statusBar()->showMessage(tr("Comparing: %1 (%2 of %3)…")
                                 .arg(RunPanel::strategyDisplayName(run->spec().strategy))
                                 .arg(index + 1)
                                 .arg(m_compare.comparison()->strategies().size()));
}

void MainWindow::onComparisonRunFinished(int index)
{
    Q_UNUSED(index)
    m_liveTrace->refresh(); // the last events and the end time, before the next run attaches
    const QList<Trace> results = m_compare.comparison()->results();
    if (!results.isEmpty())
        ui->compareWidget->addResult(results.constLast());
    updateActions();
}

void MainWindow::onComparisonFinished()
{
    m_live->finish();
    m_compare.finished();
    ui->runPanel->setRunning(false);
    ui->compareWidget->setResults(m_compare.comparison()->results());
    ui->bottomTabs->setCurrentWidget(ui->compareTab);
    // The splitter stays where the user put it (resizing it here used to shrink the timeline
    // and, saved on exit, keep it shrunk on every later start), but for the timeline's empty
    // space under its last row: that goes to the bands, and is not saved.
    giveCompareRoom();

    // This comparison's bands come first; runs added from saved files follow and are not part
    // of "which strategy was fastest".
    const QList<Trace> results = m_compare.comparison()->results();
    const QList<RunSummary> summaries = ui->compareWidget->summaries().mid(0, results.size());
    if (m_compare.isStopping() || summaries.isEmpty()) {
        statusBar()->showMessage(
            tr("Comparison stopped after %n strategy(ies)", nullptr, int(summaries.size())));
    } else {
        const int fastest = CompareSession::fastestRun(summaries);
        // The main view showed the last strategy run (threads) while the status bar named the
        // fastest (async): it shows the one named, and its title says which it is.
        m_compare.setShownFastestOf(int(summaries.size()));
        m_liveTrace->setTrace(results.at(fastest));
        ui->timeline->setFollowLive(false);
        ui->timeline->fit();
        Strategy strategy = Strategy::Async;
        strategyFromName(summaries.at(fastest).strategy, &strategy);
        statusBar()->showMessage(
            tr("Compared %n strategy(ies): %1 was fastest, in %2 (shown above the comparison)",
               nullptr, int(summaries.size()))
                .arg(RunPanel::strategyDisplayName(strategy),
                     durationText(summaries.at(fastest).wallMs)));
    }
    updateTimelineTitle();
    m_compare.clearStopping();
    setUnsavedRecord(recordOfRuns(m_compare.comparison()->spec(), m_runServerCapacity,
                                  m_compare.comparison()->strategies(),
                                  m_compare.comparison()->results()));
    Q_EMIT comparisonFinished();
}

void MainWindow::giveCompareRoom()
{
    // At 1400 x 900 the Compare tab showed 2 of 5 bands while the timeline kept ~190 px empty
    // under its 10 rows.
    layout()->activate();
    const int deficit
        = ui->compareWidget->heightForBands() - ui->compareScroll->viewport()->height();
    const int rows = m_liveTrace->taskCount();
    const QList<int> sizes = ui->rightSplitter->sizes();
    if (deficit <= 0 || rows <= 0 || sizes.size() != 2)
        return;
    TimelineView *timeline = ui->timeline;
    const int spare = timeline->viewport()->height() - (timeline->rowRect(rows - 1).bottom() + 3);
    const int give = std::min(deficit, spare);
    if (give <= 0)
        return;
    if (m_splitterBeforeFit.isEmpty())
        m_splitterBeforeFit = sizes;
    ui->rightSplitter->setSizes({sizes.at(0) - give, sizes.at(1) + give});
}

void MainWindow::updateTimelineTitle()
{
    // What the timeline, the table, the charts and the summary show is named above them: after
    // a comparison (or with a file open) it need not be the run panel's strategy.
    const QString shown = m_liveTrace->trace().strategy;
    Strategy strategy = Strategy::Async;
    QString title = tr("Timeline");
    if (!shown.isEmpty() && strategyFromName(shown, &strategy)) {
        const QString name = RunPanel::strategyDisplayName(strategy);
        if (m_compare.step() > 0 && isComparing())
            title = tr("Timeline: %1 (%2 of %3 compared)")
                        .arg(name)
                        .arg(m_compare.step())
                        .arg(m_compare.comparison()->strategies().size());
        else if (m_compare.shownFastestOf() > 1)
            title = tr("Timeline: %1, the fastest of %n compared", nullptr,
                       m_compare.shownFastestOf())
                        .arg(name);
        else
            title = tr("Timeline: %1").arg(name);
    }
    // A recorded program is not a strategy: its command names it, live as when opened.
    const Trace &trace = m_liveTrace->trace();
    const QString program = isRecording()      ? m_recording->session()->command().displayText()
        : trace.isRecording() && trace.program ? trace.program->command
                                               : QString();
    if (!program.isEmpty())
        title = tr("Timeline: %1").arg(program);
    // A sweep's point says which one it is.
    if (const QString point = m_sweep->pointTitle(m_runFile.record(), trace.events.size());
        !point.isEmpty() && !isComparing())
        title = point;
    ui->timelineTitle->setText(title);
}

} // namespace Coroscope
