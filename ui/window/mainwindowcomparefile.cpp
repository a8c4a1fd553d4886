// MainWindow's comparison with saved runs ("this run vs last week's"): File > Compare with
// Saved Run, the Compare tab's Add Saved Run button and file drops, removing a file's bands, and
// the warnings that say when two runs are not comparable.
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "comparewidget.h"
#include "io/comparedruns.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace Coroscope {

namespace {
const QString RunDirKey = QStringLiteral("runs/lastDir");

// The file's identity: one file reached by two paths (a link, "..") is still one file.
QString canonical(const QString &path)
{
    const QString resolved = QFileInfo(path).canonicalFilePath();
    return resolved.isEmpty() ? QFileInfo(path).absoluteFilePath() : resolved;
}
} // namespace

void MainWindow::setupCompareFileActions()
{
    m_actionCompareWith = new QAction(tr("Compare with Saved &Run…"), this);
    m_actionCompareWith->setObjectName(QStringLiteral("actionCompareWith"));
    m_actionCompareWith->setStatusTip(
        tr("Add the runs of saved .coroscope files to the comparison, on the same time axis"));
    // After Save Run As: with the other run file actions.
    const QList<QAction *> fileActions = ui->menuFile->actions();
    const qsizetype saveAs = fileActions.indexOf(ui->actionSaveAs);
    ui->menuFile->insertAction(fileActions.value(saveAs + 1), m_actionCompareWith);
    connect(m_actionCompareWith, &QAction::triggered, this, &MainWindow::compareWithDialog);
    connect(ui->compareWidget, &CompareWidget::addRunsRequested, this,
            &MainWindow::compareWithDialog);
    connect(ui->compareWidget, &CompareWidget::removeSourceRequested, this,
            &MainWindow::removeComparedSource);
    connect(ui->compareWidget, &CompareWidget::filesDropped, this,
            [this](const QStringList &paths) { compareWithFiles(paths); });
    updateCompareFileActions();
}

void MainWindow::updateCompareFileActions()
{
    if (!m_actionCompareWith)
        return;
    const bool enabled = !isRunning();
    const QString reason = enabled ? QString() : tr("Wait for the run in progress to end");
    m_actionCompareWith->setEnabled(enabled);
    m_actionCompareWith->setToolTip(
        enabled ? tr("Add the runs of saved .coroscope files to the comparison") : reason);
    ui->compareWidget->setAddEnabled(enabled, reason);
}

void MainWindow::compareWithDialog()
{
    if (isRunning())
        return;
    const QString dir
        = QSettings()
              .value(RunDirKey, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .toString();
    const QStringList paths = QFileDialog::getOpenFileNames(
        this, tr("Compare with Saved Run"), dir,
        tr("Coroscope runs (*.coroscope)") + QStringLiteral(";;") + tr("All files (*)"));
    if (paths.isEmpty())
        return;
    QSettings().setValue(RunDirKey, QFileInfo(paths.constFirst()).absolutePath());
    compareWithFiles(paths);
}

bool MainWindow::compareWithFiles(const QStringList &paths, QString *error)
{
    QStringList problems;
    QStringList added;
    if (isRunning())
        problems.append(tr("cannot compare: stop the run in progress first"));
    // A sweep's file holds its points, not runs to compare with.
    if (m_runFile.record().isSweep() && !isRunning())
        problems.append(tr("cannot compare a sweep with saved runs"));
    for (const QString &path : paths) {
        if (isRunning() || m_runFile.record().isSweep())
            break;
        const QString identity = canonical(path);
        const QString name = QFileInfo(path).fileName();
        // Twice the same file would only draw the same bands twice.
        if (!m_runFile.path().isEmpty() && canonical(m_runFile.path()) == identity) {
            problems.append(tr("%1 is the run on screen").arg(name));
            continue;
        }
        if (const QString source = m_compare.sourceOfFile(identity); !source.isEmpty()) {
            problems.append(tr("%1 is already in the comparison (as %2)").arg(name, source));
            continue;
        }
        RunRecord file;
        QString why;
        if (loadRunFile(path, &file, &why) != RunFile::Error::None) {
            problems.append(why); // the reader's sentence, naming the path
            continue;
        }
        addComparedRecord(file, name, identity, &problems, &added);
    }
    return showComparedAdds(added, problems, error);
}

bool MainWindow::showComparedAdds(const QStringList &added, const QStringList &problems,
                                  QString *error)
{
    if (!added.isEmpty()) {
        showComparedRuns();
        ui->bottomTabs->setCurrentWidget(ui->compareTab);
        // The splitter stays where the user put it, as for a comparison (issue 12: resizing it
        // shrank the timeline, and the shrunk split was saved for every later start).
        statusBar()->showMessage(tr("Comparing with %1", nullptr, int(added.size()))
                                     .arg(added.join(QStringLiteral(", "))),
                                 8000);
        updateActions();
    }
    if (!problems.isEmpty()) {
        const QString text = problems.join(u'\n');
        if (error)
            *error = text;
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot compare"),
                                    tr("Some files could not be added to the comparison."),
                                    QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("compareWithErrorBox"));
        box->setInformativeText(text);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        statusBar()->showMessage(problems.constFirst(), 8000);
    }
    return problems.isEmpty();
}

void MainWindow::addComparedRecord(const RunRecord &file, const QString &name,
                                   const QString &identity, QStringList *problems,
                                   QStringList *added)
{
    if (m_runFile.record().comparedRuns.size() + file.runs.size() > RunFile::MaxRuns) {
        problems->append(tr("cannot add %1: a comparison holds at most %2 saved runs")
                             .arg(name)
                             .arg(RunFile::MaxRuns));
        return;
    }
    const QString source = uniqueSourceName(name, m_runFile.record().comparedRuns);
    m_runFile.addComparedRuns(comparedRunsOf(file, source));
    m_compare.addFile(source, identity);
    added->append(source);
}

void MainWindow::removeComparedSource(const QString &source)
{
    if (isRunning())
        return;
    const qsizetype removed = m_runFile.removeComparedRuns(source);
    m_compare.removeFile(source);
    if (removed == 0)
        return;
    showComparedRuns();
    statusBar()->showMessage(tr("Removed %1 from the comparison").arg(source), 5000);
    updateActions();
}

void MainWindow::showComparedRuns()
{
    // The run's own bands: a comparison's are there already; a single run becomes one band
    // beside the files', and goes again with the last file.
    if (!m_runFile.record().isComparison())
        ui->compareWidget->setResults(
            m_runFile.record().comparedRuns.isEmpty() ? QList<Trace>() : m_runFile.record().runs);
    m_compare.keepFilesOf(m_runFile.record().comparedRuns);
    ui->compareWidget->setComparedRuns(m_runFile.record().comparedRuns,
                                       comparabilityWarnings(m_runFile.record()));
}

} // namespace Coroscope
