// MainWindow's recordings of programs: File > Record Program…, Help > Python Tutorial Examples,
// Stop, and a recording beside the previous one in Compare. The session, its Output and Source
// docks and its menu entries are the recording part's (RecordingPart); a recording is followed
// like a run: its TraceRecorder through LiveTrace, at the refresh rate.
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "livefeed.h"
#include "record/recordsession.h"
#include "recorddialog.h"
#include "run/run.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "sourcepanel.h"
#include "timelineview.h"

#include <QMessageBox>
#include <QStatusBar>

namespace Coroscope {

void MainWindow::setupRecording()
{
    m_recording = new RecordingPart(this, m_liveTrace, [this]() { return isRunning(); });
    m_recording->addActions(ui->menuFile, ui->actionOpen, ui->actionSaveAs, ui->menuHelp,
                            ui->actionKeyboardShortcuts);
    m_recording->addDocks(ui->diagnosticsDock, ui->menuView, ui->menuLanguage->menuAction());
    connect(ui->timeline, &TimelineView::taskSelected, m_recording->sourcePanel(),
            &SourcePanel::setTask);
    connect(m_recording, &RecordingPart::recordRequested, this, &MainWindow::openRecordDialog);
    connect(m_recording, &RecordingPart::comparePreviousRequested, this,
            [this]() { compareWithPreviousRecording(); });
    connect(m_recording, &RecordingPart::exampleChosen, this, [this](const PythonExample &example) {
        QString error;
        if (!recordExample(example, &error))
            QMessageBox::warning(this, tr("Cannot record"), error);
    });
    connect(m_recording, &RecordingPart::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 10000); });
    connect(m_recording, &RecordingPart::finished, this, &MainWindow::onRecordingFinished);
}

bool MainWindow::isRecording() const
{
    return m_recording && m_recording->isRunning();
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
    const bool recordingShown = m_liveTrace->wholeTrace().isRecording();
    if (!m_recording->start(command, recordingShown ? &m_runFile.record() : nullptr, error))
        return false;
    m_run.reset(); // not running: its trace stays on screen until the recording attaches
    m_compare.setShownFastestOf(0);
    setUnsavedRecord({});
    // How many tasks a program will make is not known: 0, no progress bar.
    followRecorder(m_recording->session()->recorder(), 0);

    ui->runPanel->setRunning(true);
    m_recording->showDocks(height());
    statusBar()->showMessage(tr("Recording %1…").arg(command.displayText()));
    updateActions();
    updateTimelineTitle();
    Q_EMIT runStarted();
    return true;
}

void MainWindow::onRecordingFinished()
{
    m_live->finish(); // the last events and the end time
    ui->runPanel->setRunning(false);
    const RecordSession *session = m_recording->session();
    statusBar()->showMessage(
        tr("%1: %2").arg(session->command().displayText(), session->endText()));
    setUnsavedRecord(recordOfRecording(m_liveTrace->wholeTrace()));
    updateActions();
    updateTimelineTitle();
    Q_EMIT runFinished();
}

bool MainWindow::compareWithPreviousRecording(QString *error)
{
    QStringList problems;
    QStringList added;
    const QString &name = m_recording->previousName();
    if (isRunning())
        problems.append(tr("cannot compare: stop the run in progress first"));
    else if (m_recording->previous().isEmpty())
        problems.append(tr("there is no earlier recording this session to compare with"));
    else if (const QString identity = QStringLiteral("recording:") + name;
             !m_compare.sourceOfFile(identity).isEmpty())
        problems.append(tr("%1 is already in the comparison").arg(name));
    else
        addComparedRecord(m_recording->previous(), name, identity, &problems, &added);
    return showComparedAdds(added, problems, error);
}

bool MainWindow::recordExample(const PythonExample &example, QString *error)
{
    return startRecording(RecordingPart::exampleCommand(example), error);
}

} // namespace Coroscope
