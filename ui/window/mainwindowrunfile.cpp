// MainWindow's run files: File > Open / Open Recent / Save / Save As, drag and drop, the window
// title (file name and unsaved marker), and showing an opened run as it was shown live.
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "comparewidget.h"
#include "io/comparedruns.h"
#include "livefeed.h"
#include "run/comparison.h"
#include "run/run.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "timelineview.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStandardPaths>

namespace Coroscope {

namespace {
const QString RecentKey = QStringLiteral("runs/recent");
const QString RunDirKey = QStringLiteral("runs/lastDir");
constexpr int MaxRecent = 8;

QString runFileFilter()
{
    return MainWindow::tr("Coroscope runs and recordings (*.coroscope *.csrec)")
        + QStringLiteral(";;") + MainWindow::tr("All files (*)");
}

// The one local file a drag carries, else empty.
QString droppedFile(const QMimeData *mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().size() != 1)
        return {};
    const QUrl url = mime->urls().constFirst();
    return url.isLocalFile() ? url.toLocalFile() : QString();
}
} // namespace

void MainWindow::setupRunFileActions()
{
    setAcceptDrops(true);
    connect(ui->actionOpen, &QAction::triggered, this, &MainWindow::openWithDialog);
    connect(ui->actionSave, &QAction::triggered, this, &MainWindow::save);
    connect(ui->actionSaveAs, &QAction::triggered, this, &MainWindow::saveWithDialog);
    connect(ui->menuOpenRecent, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    rebuildRecentMenu(); // so that its enabled state is right before it is first shown
    setupCompareFileActions();
    updateTitle();
}

QStringList MainWindow::recentRunFiles()
{
    return QSettings().value(RecentKey).toStringList();
}

void MainWindow::rememberRecent(const QString &path)
{
    if (!m_persistSettings)
        return; // a screenshot's file is not the user's
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentRunFiles();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > MaxRecent)
        recent.removeLast();
    QSettings().setValue(RecentKey, recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    QMenu *menu = ui->menuOpenRecent;
    menu->clear();
    const QStringList recent = recentRunFiles();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent.at(i);
        // &1 ... &8: the keyboard picks one; the full path is in the tooltip and status bar.
        QAction *action
            = menu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()));
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path]() { openRunFile(path); });
    }
    if (!recent.isEmpty()) {
        menu->addSeparator();
        connect(menu->addAction(tr("&Clear Menu")), &QAction::triggered, this, [this]() {
            QSettings().remove(RecentKey);
            rebuildRecentMenu();
        });
    }
    menu->setEnabled(!recent.isEmpty() && !isRunning());
}

void MainWindow::updateTitle()
{
    // "[*]" is where Qt shows the unsaved marker while windowModified is set.
    if (isRunning()) {
        setWindowTitle(tr("%1[*] - Coroscope").arg(tr("Unsaved run")));
        setWindowModified(true);
        return;
    }
    if (m_runFile.record().isEmpty()) {
        setWindowTitle(tr("Coroscope"));
        setWindowModified(false);
        return;
    }
    const QString name
        = m_runFile.path().isEmpty() ? tr("Unsaved run") : QFileInfo(m_runFile.path()).fileName();
    setWindowTitle(tr("%1[*] - Coroscope").arg(name));
    setWindowModified(!m_runFile.isSaved());
}

void MainWindow::setUnsavedRecord(RunRecord record)
{
    m_runFile.setUnsaved(std::move(record), embeddedServerAddresses());
    showComparedRuns();
    updateTitle();
    updateActions();
}

void MainWindow::showRecord(const RunRecord &record)
{
    if (record.isSweep()) {
        showSweepRecord(record);
        return;
    }
    // The same widgets a live run feeds, fed from the file's traces: the timeline, table,
    // charts, summary and diagnostics follow the LiveTrace; the comparison gets every run.
    m_live->drop();
    m_run.reset();
    // A comparison shows its fastest run, as when it ended here, and the title says which.
    int shown = int(record.runs.size()) - 1;
    m_compare.setShownFastestOf(0);
    if (record.isComparison()) {
        QList<RunSummary> summaries;
        for (const Trace &trace : record.runs)
            summaries.append(summarize(trace));
        shown = std::max(0, CompareSession::fastestRun(summaries));
        m_compare.setShownFastestOf(int(summaries.size()));
    }
    m_liveTrace->setTrace(record.runs.at(shown));
    ui->timeline->setFollowLive(false);
    ui->timeline->fit();
    if (record.isComparison() || !record.comparedRuns.isEmpty()) {
        ui->compareWidget->setResults(record.runs);
        ui->bottomTabs->setCurrentWidget(ui->compareTab);
        // As when the comparison ended: it gets most of the height.
        const QList<int> heights = ui->rightSplitter->sizes();
        const int total = heights.value(0) + heights.value(1);
        if (heights.value(1) < total * 6 / 10)
            ui->rightSplitter->setSizes({total * 35 / 100, total - total * 35 / 100});
    } else {
        ui->compareWidget->clear();
        if (ui->bottomTabs->currentWidget() == ui->compareTab)
            ui->bottomTabs->setCurrentIndex(0);
    }
    // A recorded program has no workload to run again: the run panel keeps the user's (it
    // emptied the URLs and took the program's task count).
    if (record.runs.at(shown).isRecording())
        return;
    // Run again what the file ran: its workload and knobs go to the run panel, its URLs of the
    // embedded server at the server's address of today (the file keeps the address it fetched).
    RunSpec spec = record.spec;
    const QStringList current = embeddedServerAddresses();
    spec.urls = followEmbeddedServer(spec.urls, record.embeddedServer, current);
    for (qsizetype i = 0; i < spec.urls.size(); ++i) {
        if (spec.urls.at(i) != record.spec.urls.at(i)) {
            // The panel's TLS box says which of the server's schemes its URLs use.
            ui->runPanel->setTls(spec.urls.at(i).scheme() == u"https");
            break;
        }
    }
    ui->runPanel->setSpec(spec);
    ui->runPanel->setServerCapacity(record.serverCapacity);
}

QStringList MainWindow::embeddedServerAddresses() const
{
    if (!m_server || !m_server->isRunning())
        return {};
    return Coroscope::embeddedServerAddresses(m_server->baseUrl(), m_server->httpsBaseUrl());
}

bool MainWindow::openRunFile(const QString &path, QString *error)
{
    QString why;
    RunRecord record;
    if (isRunning())
        why = tr("cannot open %1: stop the run in progress first").arg(path);
    else
        loadRunFile(path, &record, &why);
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Cannot open the run"),
                                    tr("The run file could not be opened."), QMessageBox::Ok, this);
        box->setObjectName(QStringLiteral("openErrorBox"));
        box->setInformativeText(why);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        statusBar()->showMessage(why, 8000);
        return false;
    }
    m_runFile.setOpened(std::move(record), path);
    showRecord(m_runFile.record());
    showComparedRuns(); // the file's own, or none: those of the run shown before are gone
    rememberRecent(path);
    updateTitle();
    updateActions();
    const RunEnvironment &env = m_runFile.record().environment;
    const QString when = env.recordedAt.isValid()
        ? QLocale().toString(env.recordedAt.toLocalTime(), QLocale::ShortFormat)
        : tr("an unknown date");
    statusBar()->showMessage(
        tr("Opened %1: recorded %2 with Coroscope %3 on %4")
            .arg(QFileInfo(path).fileName(), when,
                 env.coroscopeVersion.isEmpty() ? tr("(unknown version)") : env.coroscopeVersion,
                 env.os.isEmpty() ? tr("an unknown system") : env.os));
    return true;
}

bool MainWindow::saveRunFile(const QString &path, QString *error)
{
    QString why;
    const bool ok = m_runFile.save(path, &why);
    if (m_runFile.isEmpty())
        why = tr("cannot write %1: there is no run to save").arg(path);
    if (ok) {
        rememberRecent(path);
        updateTitle();
        statusBar()->showMessage(tr("Saved the run to %1").arg(QDir::toNativeSeparators(path)),
                                 5000);
        return true;
    }
    if (error)
        *error = why;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Save failed"),
                                tr("The run could not be saved."), QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("saveErrorBox"));
    box->setInformativeText(why);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    statusBar()->showMessage(why, 8000);
    return false;
}

void MainWindow::openWithDialog()
{
    if (isRunning())
        return;
    const QString dir
        = QSettings()
              .value(RunDirKey, QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
              .toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Run"), dir, runFileFilter());
    if (path.isEmpty())
        return;
    QSettings().setValue(RunDirKey, QFileInfo(path).absolutePath());
    openRunFile(path);
}

bool MainWindow::saveWithDialog()
{
    if (m_runFile.record().isEmpty() || isRunning())
        return false;
    QString suggested = m_runFile.path();
    if (suggested.isEmpty()) {
        const QString dir
            = QSettings()
                  .value(RunDirKey,
                         QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
                  .toString();
        const QString stamp = m_runFile.record().environment.recordedAt.toLocalTime().toString(
            QStringLiteral("yyyyMMdd-HHmmss"));
        const QString what = m_runFile.record().isComparison() ? QStringLiteral("compare")
            : m_runFile.record().isSweep()                     ? QStringLiteral("sweep")
                                           : m_runFile.record().runs.constFirst().strategy;
        suggested
            = QDir(dir).filePath(QStringLiteral("coroscope-%1-%2.coroscope").arg(what, stamp));
    }
    QString path
        = QFileDialog::getSaveFileName(this, tr("Save Run As"), suggested, runFileFilter());
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".coroscope");
    QSettings().setValue(RunDirKey, QFileInfo(path).absolutePath());
    return saveRunFile(path);
}

void MainWindow::save()
{
    if (m_runFile.record().isEmpty() || isRunning())
        return;
    if (m_runFile.path().isEmpty())
        saveWithDialog();
    else
        saveRunFile(m_runFile.path());
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    // Any one local file: opening says what is wrong with one that is not a run.
    if (!isRunning() && !droppedFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
    else
        QMainWindow::dragEnterEvent(event);
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QString path = droppedFile(event->mimeData());
    if (path.isEmpty() || isRunning()) {
        QMainWindow::dropEvent(event);
        return;
    }
    event->acceptProposedAction();
    // After the drop returns: the file manager is not kept waiting while a big run loads.
    QTimer::singleShot(0, this, [this, path]() { openRunFile(path); });
}

} // namespace Coroscope
