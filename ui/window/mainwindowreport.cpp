// MainWindow's File > Export Report…: the run on screen (every strategy of a comparison and the
// saved runs compared with it) as one self-contained HTML file, io/report.h's, the same file
// `coroscope --report` writes, in the window's language.
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "io/report.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>

namespace Coroscope {

namespace {
// The exports' folder: a report goes where the other exports went.
const QString ExportDirKey = QStringLiteral("export/lastDir");
} // namespace

void MainWindow::setupReportAction()
{
    m_actionExportReport = new QAction(tr("Export &Report…"), this);
    m_actionExportReport->setObjectName(QStringLiteral("actionExportReport"));
    // Ctrl+Shift+R is Compare…; E for export.
    m_actionExportReport->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+E")));
    m_actionExportReport->setStatusTip(
        tr("Save the run on screen as one HTML file to share: timeline, figures, diagnostics, "
           "charts and settings, readable offline and printed"));
    // Last of the exports: it holds what they hold, for people rather than tools.
    const QList<QAction *> fileActions = ui->menuFile->actions();
    const qsizetype svg = fileActions.indexOf(ui->actionExportTimelineSvg);
    ui->menuFile->insertAction(fileActions.value(svg + 1), m_actionExportReport);
    connect(m_actionExportReport, &QAction::triggered, this, &MainWindow::exportReportWithDialog);
    updateReportAction();
}

void MainWindow::updateReportAction()
{
    if (!m_actionExportReport)
        return;
    m_actionExportReport->setEnabled(!isRunning() && !m_runFile.record().isEmpty());
}

bool MainWindow::exportReport(const QString &path, QString *error)
{
    QString why;
    bool ok = false;
    if (m_runFile.record().isEmpty()) {
        why = tr("cannot write %1: there is no run to report").arg(path);
    } else {
        ReportOptions options;
        if (!m_runFile.path().isEmpty())
            options.sourceFile = QFileInfo(m_runFile.path()).fileName();
        // 10,000 tasks take a moment (their density image and phases).
        QGuiApplication::setOverrideCursor(Qt::WaitCursor);
        ok = writeReport(path, m_runFile.record(), &why, options);
        QGuiApplication::restoreOverrideCursor();
    }
    if (ok)
        statusBar()->showMessage(
            tr("Exported the report to %1").arg(QDir::toNativeSeparators(path)), 5000);
    return reportExport(ok, why, error);
}

void MainWindow::exportReportWithDialog()
{
    if (m_runFile.record().isEmpty() || isRunning())
        return;
    QSettings settings;
    const QString dir
        = settings
              .value(ExportDirKey,
                     QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .toString();
    const QString stamp = m_runFile.record().environment.recordedAt.toLocalTime().toString(
        QStringLiteral("yyyyMMdd-HHmmss"));
    const QString what = m_runFile.record().isComparison()
        ? QStringLiteral("compare")
        : m_runFile.record().runs.constFirst().strategy;
    const QString name = QStringLiteral("coroscope-report-%1-%2.html").arg(what, stamp);
    QString path = QFileDialog::getSaveFileName(this, tr("Export Report"), QDir(dir).filePath(name),
                                                tr("HTML report (*.html *.htm)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".html");
    settings.setValue(ExportDirKey, QFileInfo(path).absolutePath());
    exportReport(path);
}

} // namespace Coroscope
