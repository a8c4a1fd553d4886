// MainWindow's recordings of programs: File > Record Program…, Help > Python Tutorial Examples,
// the Output and Source docks, Stop, and a recording beside the previous one in Compare. A
// recording is followed like a run: its TraceRecorder through LiveTrace, at the refresh rate.
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "outputpanel.h"
#include "record/recorderpaths.h"
#include "record/recordsession.h"
#include "recorddialog.h"
#include "run/run.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "sourcepanel.h"
#include "timelineview.h"

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QStatusBar>

namespace Coroscope {

void MainWindow::setupRecording()
{
    m_actionRecord = new QAction(tr("Re&cord Program…"), this);
    m_actionRecord->setObjectName(QStringLiteral("actionRecord"));
    m_actionRecord->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+P")));
    m_actionRecord->setStatusTip(tr("Start a program (a Python asyncio program) with Coroscope's "
                                    "recorder and watch its tasks live"));
    ui->menuFile->insertAction(ui->actionOpen, m_actionRecord);
    ui->menuFile->insertSeparator(ui->actionOpen);
    connect(m_actionRecord, &QAction::triggered, this, &MainWindow::openRecordDialog);

    m_actionComparePrevious = new QAction(tr("Compare with &Previous Recording"), this);
    m_actionComparePrevious->setObjectName(QStringLiteral("actionComparePrevious"));
    m_actionComparePrevious->setStatusTip(tr("Show the recording before this one beside it in "
                                             "Compare, on the same time axis"));
    const QList<QAction *> fileActions = ui->menuFile->actions();
    const qsizetype saveAs = fileActions.indexOf(ui->actionSaveAs);
    ui->menuFile->insertAction(fileActions.value(saveAs + 1), m_actionComparePrevious);
    connect(m_actionComparePrevious, &QAction::triggered, this,
            [this]() { compareWithPreviousRecording(); });

    m_examplesMenu = new QMenu(tr("&Python Tutorial Examples"), this);
    m_examplesMenu->setObjectName(QStringLiteral("menuPythonExamples"));
    ui->menuHelp->insertMenu(ui->actionKeyboardShortcuts, m_examplesMenu);
    ui->menuHelp->insertSeparator(ui->actionKeyboardShortcuts);
    // Built when opened: the examples folder may change (a build tree), and it costs nothing
    // until then.
    connect(m_examplesMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildExamplesMenu);

    // The program's output, below everything: long lines read best at full width.
    m_outputPanel = new OutputPanel(this);
    m_outputDock = new QDockWidget(tr("Output"), this);
    m_outputDock->setObjectName(QStringLiteral("outputDock"));
    m_outputDock->setWidget(m_outputPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_outputDock);
    m_outputDock->hide(); // shown when a recording starts

    // The program's source, above the Details dock (both about the selected task, both seen at
    // once): a tab beside Diagnostics and Concepts.
    m_sourcePanel = new SourcePanel(this);
    m_sourcePanel->setLiveTrace(m_liveTrace);
    m_sourceDock = new QDockWidget(tr("Source"), this);
    m_sourceDock->setObjectName(QStringLiteral("sourceDock"));
    m_sourceDock->setWidget(m_sourcePanel);
    addDockWidget(Qt::RightDockWidgetArea, m_sourceDock);
    tabifyDockWidget(ui->diagnosticsDock, m_sourceDock);
    ui->diagnosticsDock->raise();
    m_sourceDock->hide();
    connect(ui->timeline, &TimelineView::taskSelected, m_sourcePanel, &SourcePanel::setTask);

    QAction *language = ui->menuLanguage->menuAction();
    ui->menuView->insertAction(language, m_outputDock->toggleViewAction());
    ui->menuView->insertAction(language, m_sourceDock->toggleViewAction());
}

void MainWindow::retranslateRecording()
{
    m_actionRecord->setText(tr("Re&cord Program…"));
    m_actionRecord->setStatusTip(tr("Start a program (a Python asyncio program) with Coroscope's "
                                    "recorder and watch its tasks live"));
    m_actionComparePrevious->setText(tr("Compare with &Previous Recording"));
    m_actionComparePrevious->setStatusTip(tr("Show the recording before this one beside it in "
                                             "Compare, on the same time axis"));
    m_examplesMenu->setTitle(tr("&Python Tutorial Examples"));
    m_outputDock->setWindowTitle(tr("Output"));
    m_sourceDock->setWindowTitle(tr("Source"));
}

bool MainWindow::isRecording() const
{
    return m_session && m_session->isRunning();
}

void MainWindow::openRecordDialog()
{
    if (isRunning()) {
        statusBar()->showMessage(tr("Wait for the run in progress to end, or stop it"), 8000);
        return;
    }
    RecordDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    RecordDialog::rememberCommand(dialog.commandLine(), dialog.folder());
    QString error;
    if (!startRecording(dialog.command(), &error))
        QMessageBox::warning(this, tr("Cannot record"), error);
}

bool MainWindow::startRecording(const RecordCommand &commandIn, QString *error)
{
    if (isRunning()) {
        if (error)
            *error = tr("cannot record: stop the run in progress first");
        return false;
    }
    RecordCommand command = commandIn;
    // The examples talk to the embedded server: start it if it is not running.
    if (m_server && !m_server->isRunning())
        m_server->start();
    if (m_server && m_server->isRunning() && command.serverUrl.isEmpty())
        command.serverUrl = m_server->baseUrl();

    // The recording on screen becomes "the previous one" that Compare can put beside the next.
    if (m_liveTrace->wholeTrace().isRecording() && !m_runFile.record().isEmpty() && m_session) {
        m_previousRecording = m_runFile.record();
        m_previousRecordingName
            = QFileInfo(m_session->command().arguments.value(0, m_session->command().program))
                  .fileName();
    }

    auto session = std::make_unique<RecordSession>();
    RecordSession *raw = session.get();
    connect(raw, &RecordSession::outputArrived, m_outputPanel, &OutputPanel::append);
    connect(raw, &RecordSession::message, this, [this](const QString &text) {
        m_outputPanel->addStatus(text);
        statusBar()->showMessage(text, 10000);
    });
    connect(raw, &RecordSession::finished, this, &MainWindow::onRecordingFinished);
    m_outputPanel->begin(command.displayText());
    if (!raw->start(command)) {
        const QString why = raw->errorString();
        m_outputPanel->addStatus(why);
        if (error)
            *error = why;
        return false;
    }
    m_session = std::move(session);
    m_run.reset(); // not running: its trace stays on screen until the recording attaches
    m_compare.setShownFastestOf(0);
    setUnsavedRecord({});
    m_sourcePanel->setBaseFolder(command.workingDirectory.isEmpty() ? QDir::currentPath()
                                                                    : command.workingDirectory);
    followRecorder(m_session->recorder(), 0);
    m_progress->setVisible(false); // how many tasks a program will make is not known

    ui->runPanel->setRunning(true);
    if (m_outputDock->isHidden()) {
        m_outputDock->show();
        // A fifth of the window: the timeline stays the largest thing on screen.
        resizeDocks({m_outputDock}, {std::max(120, height() / 5)}, Qt::Vertical);
    }
    m_sourceDock->show();
    m_sourceDock->raise();
    statusBar()->showMessage(tr("Recording %1…").arg(command.displayText()));
    updateActions();
    updateTimelineTitle();
    Q_EMIT runStarted();
    return true;
}

void MainWindow::onRecordingFinished()
{
    m_refreshTimer.stop();
    m_liveTrace->refresh(); // the last events and the end time
    m_progress->setVisible(false);
    ui->runPanel->setRunning(false);
    const QString end = m_session->endText();
    m_outputPanel->addStatus(end);
    for (const QString &note : m_session->notes())
        m_outputPanel->addStatus(note);
    statusBar()->showMessage(tr("%1: %2").arg(m_session->command().displayText(), end));
    setUnsavedRecord(recordOfRecording(m_liveTrace->wholeTrace()));
    updateActions();
    updateTimelineTitle();
    Q_EMIT runFinished();
}

bool MainWindow::compareWithPreviousRecording(QString *error)
{
    QStringList problems;
    QStringList added;
    if (isRunning())
        problems.append(tr("cannot compare: stop the run in progress first"));
    else if (m_previousRecording.isEmpty())
        problems.append(tr("there is no earlier recording this session to compare with"));
    else if (const QString identity = QStringLiteral("recording:") + m_previousRecordingName;
             !m_compare.sourceOfFile(identity).isEmpty())
        problems.append(tr("%1 is already in the comparison").arg(m_previousRecordingName));
    else
        addComparedRecord(m_previousRecording, m_previousRecordingName, identity, &problems,
                          &added);
    return showComparedAdds(added, problems, error);
}

QList<MainWindow::PythonExample> MainWindow::pythonExamples()
{
    QList<PythonExample> examples;
    const QString dir = pythonExamplesDir();
    if (dir.isEmpty())
        return examples;
    // The index (examples/python/examples.json) orders and describes them; without one every
    // .py of the folder is listed by name.
    QFile index(QDir(dir).filePath(QStringLiteral("examples.json")));
    if (index.size() < (1 << 20) && index.open(QIODevice::ReadOnly)) {
        const QJsonDocument doc = QJsonDocument::fromJson(index.readAll());
        const QJsonArray list = doc.isArray()
            ? doc.array()
            : doc.object().value(QStringLiteral("examples")).toArray();
        for (const QJsonValue &value : list) {
            const QJsonObject o = value.toObject();
            const QString file = o.value(QStringLiteral("file")).toString();
            if (file.isEmpty() || !QFileInfo(QDir(dir), file).isFile())
                continue;
            QString title = o.value(QStringLiteral("title")).toString();
            if (title.isEmpty())
                title = file;
            examples.append({title, QFileInfo(QDir(dir), file).absoluteFilePath(),
                             o.value(QStringLiteral("lesson")).toString()});
        }
        if (!examples.isEmpty())
            return examples;
    }
    const QStringList files
        = QDir(dir).entryList({QStringLiteral("*.py")}, QDir::Files, QDir::Name);
    for (const QString &file : files)
        examples.append({file, QDir(dir).absoluteFilePath(file), QString()});
    return examples;
}

void MainWindow::rebuildExamplesMenu()
{
    m_examplesMenu->clear();
    const QList<PythonExample> examples = pythonExamples();
    if (examples.isEmpty()) {
        QAction *none = m_examplesMenu->addAction(tr("No examples found (set "
                                                     "COROSCOPE_EXAMPLES_DIR)"));
        none->setEnabled(false);
        return;
    }
    for (const PythonExample &example : examples) {
        QAction *action = m_examplesMenu->addAction(example.title);
        action->setToolTip(example.description);
        action->setStatusTip(example.description.isEmpty() ? QFileInfo(example.file).fileName()
                                                           : example.description);
        action->setEnabled(!isRunning());
        connect(action, &QAction::triggered, this, [this, example]() {
            QString error;
            if (!recordExample(example, &error))
                QMessageBox::warning(this, tr("Cannot record"), error);
        });
    }
}

bool MainWindow::recordExample(const PythonExample &example, QString *error)
{
    RecordCommand command;
    // Debian's python3, which has aiohttp when python3-aiohttp is installed; a python3 earlier
    // on PATH (a virtualenv, pyenv) may lack it.
    command.program = QFileInfo::exists(QStringLiteral("/usr/bin/python3"))
        ? QStringLiteral("/usr/bin/python3")
        : QStringLiteral("python3");
    command.arguments = {example.file};
    command.workingDirectory = QFileInfo(example.file).absolutePath();
    return startRecording(command, error);
}

} // namespace Coroscope
