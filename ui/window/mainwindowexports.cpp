// MainWindow's exports: the trace on screen in the headless formats, the timeline as an image,
// the comparison table, each from the menu (with a file dialog) or by path.
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "comparewidget.h"
#include "io/chrometrace.h"
#include "io/csv.h"
#include "io/har.h"
#include "runpanel.h"
#include "summarystrip.h"
#include "timelineview.h"
#include "trace/text.h"
#include "trace/vocabulary.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileDialog>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {
const QString ExportDirKey = QStringLiteral("export/lastDir");
const QString PngScopeKey = QStringLiteral("export/pngVisibleOnly");
const QString SvgScopeKey = QStringLiteral("export/svgVisibleOnly");

// What a shared picture of the timeline says above it: what ran (strategy, tasks, limits, URLs
// with their passwords hidden as in every export), the figures exactly as the summary strip
// shows them (its own texts: nothing computed again) and, drawn by the view, the legend.
TimelineView::ImageHeading imageHeading(const LiveTrace &live, SummaryStrip *strip)
{
    const Trace &trace = live.wholeTrace();
    QStringList parts = Vocabulary::runTitleParts(trace); // the report's title line too
    if (live.isViewingPast()) // replayed: the picture and its figures are of that instant
        parts << MainWindow::tr("as at %1").arg(durationText(double(live.viewNs()) / 1e6));

    TimelineView::ImageHeading heading;
    heading.title = Vocabulary::titleText(parts);
    for (const SummaryStrip::Figure &figure : strip->shownFigures())
        heading.figures.append({figure.caption, figure.value, figure.ink, figure.withPrevious});
    return heading;
}
} // namespace

bool MainWindow::reportExport(bool ok, const QString &error, QString *errorOut)
{
    if (ok)
        return true;
    if (errorOut)
        *errorOut = error;
    // Window-modal but not blocking: the run on screen keeps updating behind the message.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Export failed"),
                                tr("The export could not be saved."), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("exportErrorBox"));
    box->setInformativeText(error);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    statusBar()->showMessage(error, 8000);
    return false;
}

bool MainWindow::exportTasksCsv(const QString &path, QString *error)
{
    QString why;
    const bool ok = writeFileAtomically(path, tasksCsv(m_liveTrace->wholeTrace()), &why);
    if (ok)
        statusBar()->showMessage(tr("Exported tasks to %1").arg(QDir::toNativeSeparators(path)),
                                 5000);
    return reportExport(ok, why, error);
}

bool MainWindow::exportSegmentsCsv(const QString &path, QString *error)
{
    QString why;
    const bool ok = writeFileAtomically(path, segmentsCsv(m_liveTrace->wholeTrace()), &why);
    if (ok)
        statusBar()->showMessage(tr("Exported segments to %1").arg(QDir::toNativeSeparators(path)),
                                 5000);
    return reportExport(ok, why, error);
}

bool MainWindow::exportChromeTrace(const QString &path, QString *error)
{
    QString why;
    const bool ok = writeFileAtomically(path, chromeTraceJson(m_liveTrace->wholeTrace()), &why);
    if (ok)
        statusBar()->showMessage(
            tr("Exported the Chrome trace to %1").arg(QDir::toNativeSeparators(path)), 5000);
    return reportExport(ok, why, error);
}

bool MainWindow::exportHar(const QString &path, QString *error)
{
    QString why;
    const bool ok = writeFileAtomically(
        path, harJson(m_liveTrace->wholeTrace(), QCoreApplication::applicationVersion()), &why);
    if (ok)
        statusBar()->showMessage(tr("Exported HAR to %1").arg(QDir::toNativeSeparators(path)),
                                 5000);
    return reportExport(ok, why, error);
}

void MainWindow::on_actionExportHar_triggered()
{
    exportWithDialog(ExportKind::Har);
}

bool MainWindow::exportTimelinePng(const QString &path, QString *error, bool wholeRun)
{
    const QImage image = ui->timeline->renderImage(wholeRun ? TimelineView::ImageScope::WholeRun
                                                            : TimelineView::ImageScope::Visible,
                                                   imageHeading(*m_liveTrace, ui->summaryStrip));
    QString why;
    bool ok = false;
    if (image.isNull()) {
        why = tr("cannot write %1: the timeline has nothing to draw").arg(path);
    } else {
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "PNG"))
            why = tr("cannot write %1: the image could not be encoded as PNG").arg(path);
        else
            ok = writeFileAtomically(path, png, &why);
    }
    if (ok)
        statusBar()->showMessage(
            tr("Exported the timeline to %1").arg(QDir::toNativeSeparators(path)), 5000);
    return reportExport(ok, why, error);
}

bool MainWindow::exportTimelineSvg(const QString &path, QString *error, bool wholeRun)
{
    QString why;
    const bool ok = ui->timeline->exportSvg(
        path, wholeRun ? TimelineView::ImageScope::WholeRun : TimelineView::ImageScope::Visible,
        &why, imageHeading(*m_liveTrace, ui->summaryStrip));
    if (!ok && !why.contains(path))
        why = tr("cannot write %1: %2").arg(path, why);
    if (ok)
        statusBar()->showMessage(
            tr("Exported the timeline to %1").arg(QDir::toNativeSeparators(path)), 5000);
    return reportExport(ok, why, error);
}

bool MainWindow::exportComparisonCsv(const QString &path, QString *error)
{
    QString why;
    const bool ok = ui->compareWidget->exportCsv(path, &why);
    if (ok)
        statusBar()->showMessage(
            tr("Exported the comparison to %1").arg(QDir::toNativeSeparators(path)), 5000);
    return reportExport(ok, why, error);
}

void MainWindow::exportWithDialog(ExportKind kind)
{
    QSettings settings;
    const QString dir
        = settings
              .value(ExportDirKey,
                     QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .toString();
    QString title;
    QString name;
    QString filter;
    QString selectedFilter;
    const QString wholeRunPng = tr("PNG, the whole run scaled to at most %1 px high (*.png)")
                                    .arg(TimelineView::MaxScaledHeight);
    const QString visiblePng = tr("PNG, what the timeline shows (*.png)");
    const QString wholeRunSvg = tr("SVG, the whole run scaled to at most %1 px high (*.svg)")
                                    .arg(TimelineView::MaxScaledHeight);
    const QString visibleSvg = tr("SVG, what the timeline shows (*.svg)");
    switch (kind) {
    case ExportKind::TasksCsv:
        title = tr("Export Tasks CSV");
        name = QStringLiteral("coroscope-tasks.csv");
        filter = tr("CSV files (*.csv)");
        break;
    case ExportKind::SegmentsCsv:
        title = tr("Export Segments CSV");
        name = QStringLiteral("coroscope-segments.csv");
        filter = tr("CSV files (*.csv)");
        break;
    case ExportKind::ChromeTrace:
        title = tr("Export Chrome Trace JSON");
        name = QStringLiteral("coroscope-trace.json");
        filter = tr("Trace Event JSON (*.json)");
        break;
    case ExportKind::Har:
        title = tr("Export HAR");
        name = QStringLiteral("coroscope.har");
        filter = tr("HTTP Archive (*.har)");
        break;
    case ExportKind::TimelinePng:
        // The choice of what to draw is the dialog's file type: a whole 10,000-task run at full
        // row height would be an image no viewer opens.
        title = tr("Export Timeline as PNG");
        name = QStringLiteral("coroscope-timeline.png");
        filter = wholeRunPng + u";;"_s + visiblePng;
        selectedFilter = settings.value(PngScopeKey, false).toBool() ? visiblePng : wholeRunPng;
        break;
    case ExportKind::TimelineSvg:
        // The same choice as the PNG's: every row of a big run drawn one by one made files of
        // tens of megabytes that viewers choke on.
        title = tr("Export Timeline as SVG");
        name = QStringLiteral("coroscope-timeline.svg");
        filter = wholeRunSvg + u";;"_s + visibleSvg;
        selectedFilter = settings.value(SvgScopeKey, false).toBool() ? visibleSvg : wholeRunSvg;
        break;
    case ExportKind::ComparisonCsv:
        title = tr("Export Comparison CSV");
        name = QStringLiteral("coroscope-comparison.csv");
        filter = tr("CSV files (*.csv)");
        break;
    }
    const QString path = QFileDialog::getSaveFileName(this, title, QDir(dir).filePath(name), filter,
                                                      &selectedFilter);
    if (path.isEmpty())
        return;
    settings.setValue(ExportDirKey, QFileInfo(path).absolutePath());
    switch (kind) {
    case ExportKind::TasksCsv:
        exportTasksCsv(path);
        break;
    case ExportKind::SegmentsCsv:
        exportSegmentsCsv(path);
        break;
    case ExportKind::ChromeTrace:
        exportChromeTrace(path);
        break;
    case ExportKind::Har:
        exportHar(path);
        break;
    case ExportKind::TimelinePng:
        settings.setValue(PngScopeKey, selectedFilter == visiblePng);
        exportTimelinePng(path, nullptr, selectedFilter != visiblePng);
        break;
    case ExportKind::TimelineSvg:
        settings.setValue(SvgScopeKey, selectedFilter == visibleSvg);
        exportTimelineSvg(path, nullptr, selectedFilter != visibleSvg);
        break;
    case ExportKind::ComparisonCsv:
        exportComparisonCsv(path);
        break;
    }
}

} // namespace Coroscope
