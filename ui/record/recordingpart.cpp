#include "recordingpart.h"

#include "livetrace.h"
#include "outputpanel.h"
#include "record/recorderpaths.h"
#include "record/recordsession.h"
#include "sourcepanel.h"

#include <QAction>
#include <QCoreApplication>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMainWindow>
#include <QMenu>

// The words here moved from MainWindow with their code: they keep its translation context.

namespace Coroscope {

RecordingPart::RecordingPart(QMainWindow *window, LiveTrace *liveTrace, std::function<bool()> busy)
    : QObject(window)
    , m_window(window)
    , m_liveTrace(liveTrace)
    , m_busy(std::move(busy))
{
}

RecordingPart::~RecordingPart() = default;

void RecordingPart::addActions(QMenu *file, QAction *beforeOpen, QAction *afterSaveAs, QMenu *help,
                               QAction *beforeShortcuts)
{
    m_actionRecord = new QAction(this);
    m_actionRecord->setObjectName(QStringLiteral("actionRecord"));
    m_actionRecord->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+P")));
    file->insertAction(beforeOpen, m_actionRecord);
    file->insertSeparator(beforeOpen);
    connect(m_actionRecord, &QAction::triggered, this, &RecordingPart::recordRequested);

    m_actionComparePrevious = new QAction(this);
    m_actionComparePrevious->setObjectName(QStringLiteral("actionComparePrevious"));
    const QList<QAction *> fileActions = file->actions();
    const qsizetype saveAs = fileActions.indexOf(afterSaveAs);
    file->insertAction(fileActions.value(saveAs + 1), m_actionComparePrevious);
    connect(m_actionComparePrevious, &QAction::triggered, this,
            &RecordingPart::comparePreviousRequested);

    m_examplesMenu = new QMenu(m_window);
    m_examplesMenu->setObjectName(QStringLiteral("menuPythonExamples"));
    help->insertMenu(beforeShortcuts, m_examplesMenu);
    help->insertSeparator(beforeShortcuts);
    // Built when opened: the examples folder may change (a build tree), and it costs nothing
    // until then.
    connect(m_examplesMenu, &QMenu::aboutToShow, this, &RecordingPart::rebuildExamplesMenu);
}

void RecordingPart::addDocks(QDockWidget *besideDock, QMenu *view, QAction *beforeInView)
{
    // The program's output, below everything: long lines read best at full width.
    m_outputPanel = new OutputPanel(m_window);
    m_outputDock = new QDockWidget(m_window);
    m_outputDock->setObjectName(QStringLiteral("outputDock"));
    m_outputDock->setWidget(m_outputPanel);
    m_window->addDockWidget(Qt::BottomDockWidgetArea, m_outputDock);
    m_outputDock->hide(); // shown when a recording starts

    // The program's source, above the Details dock (both about the selected task, both seen at
    // once): a tab beside Diagnostics and Concepts.
    m_sourcePanel = new SourcePanel(m_window);
    m_sourcePanel->setLiveTrace(m_liveTrace);
    m_sourceDock = new QDockWidget(m_window);
    m_sourceDock->setObjectName(QStringLiteral("sourceDock"));
    m_sourceDock->setWidget(m_sourcePanel);
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_sourceDock);
    m_window->tabifyDockWidget(besideDock, m_sourceDock);
    besideDock->raise();
    m_sourceDock->hide();

    view->insertAction(beforeInView, m_outputDock->toggleViewAction());
    view->insertAction(beforeInView, m_sourceDock->toggleViewAction());
    retranslate();
}

void RecordingPart::retranslate()
{
    if (m_actionRecord) {
        m_actionRecord->setText(
            QCoreApplication::translate("Coroscope::MainWindow", "Re&cord Program…"));
        m_actionRecord->setStatusTip(
            QCoreApplication::translate("Coroscope::MainWindow",
                                        "Start a program (a Python asyncio program) with "
                                        "Coroscope's recorder and watch its tasks live"));
        m_actionComparePrevious->setText(QCoreApplication::translate(
            "Coroscope::MainWindow", "Compare with &Previous Recording"));
        m_actionComparePrevious->setStatusTip(
            QCoreApplication::translate("Coroscope::MainWindow",
                                        "Show the recording before this one beside it in "
                                        "Compare, on the same time axis"));
        m_examplesMenu->setTitle(
            QCoreApplication::translate("Coroscope::MainWindow", "&Python Tutorial Examples"));
    }
    if (m_outputDock) {
        m_outputDock->setWindowTitle(
            QCoreApplication::translate("Coroscope::MainWindow", "Output"));
        m_sourceDock->setWindowTitle(
            QCoreApplication::translate("Coroscope::MainWindow", "Source"));
    }
}

void RecordingPart::updateActions(bool running)
{
    if (!m_actionRecord)
        return;
    m_actionRecord->setEnabled(!running);
    m_actionComparePrevious->setEnabled(!running && !m_previous.isEmpty());
}

bool RecordingPart::isRunning() const
{
    return m_session && m_session->isRunning();
}

bool RecordingPart::start(const RecordCommand &command, const RunRecord *onScreen, QString *error)
{
    // The recording on screen becomes "the previous one" that Compare can put beside the next.
    if (onScreen && !onScreen->isEmpty() && m_session) {
        m_previous = *onScreen;
        m_previousName
            = QFileInfo(m_session->command().arguments.value(0, m_session->command().program))
                  .fileName();
    }

    auto session = std::make_unique<RecordSession>();
    RecordSession *raw = session.get();
    connect(raw, &RecordSession::outputArrived, m_outputPanel, &OutputPanel::append);
    connect(raw, &RecordSession::message, this, [this](const QString &text) {
        m_outputPanel->addStatus(text);
        Q_EMIT message(text);
    });
    connect(raw, &RecordSession::finished, this, &RecordingPart::onFinished);
    m_outputPanel->begin(command.displayText());
    if (!raw->start(command)) {
        const QString why = raw->errorString();
        m_outputPanel->addStatus(why);
        if (error)
            *error = why;
        return false;
    }
    m_session = std::move(session);
    m_sourcePanel->setBaseFolder(command.workingDirectory.isEmpty() ? QDir::currentPath()
                                                                    : command.workingDirectory);
    return true;
}

void RecordingPart::showDocks(int height)
{
    if (m_outputDock->isHidden()) {
        m_outputDock->show();
        // A fifth of the window: the timeline stays the largest thing on screen.
        m_window->resizeDocks({m_outputDock}, {std::max(120, height / 5)}, Qt::Vertical);
    }
    m_sourceDock->show();
    m_sourceDock->raise();
}

void RecordingPart::endSession()
{
    m_session.reset();
}

void RecordingPart::onFinished()
{
    m_outputPanel->addStatus(m_session->endText());
    for (const QString &note : m_session->notes())
        m_outputPanel->addStatus(note);
    Q_EMIT finished();
}

QList<RecordingPart::PythonExample> RecordingPart::pythonExamples()
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

RecordCommand RecordingPart::exampleCommand(const PythonExample &example)
{
    RecordCommand command;
    // Debian's python3, which has aiohttp when python3-aiohttp is installed; a python3 earlier
    // on PATH (a virtualenv, pyenv) may lack it.
    command.program = QFileInfo::exists(QStringLiteral("/usr/bin/python3"))
        ? QStringLiteral("/usr/bin/python3")
        : QStringLiteral("python3");
    command.arguments = {example.file};
    command.workingDirectory = QFileInfo(example.file).absolutePath();
    return command;
}

void RecordingPart::rebuildExamplesMenu()
{
    m_examplesMenu->clear();
    const QList<PythonExample> examples = pythonExamples();
    if (examples.isEmpty()) {
        QAction *none = m_examplesMenu->addAction(QCoreApplication::translate(
            "Coroscope::MainWindow", "No examples found (set COROSCOPE_EXAMPLES_DIR)"));
        none->setEnabled(false);
        return;
    }
    for (const PythonExample &example : examples) {
        QAction *action = m_examplesMenu->addAction(example.title);
        action->setToolTip(example.description);
        action->setStatusTip(example.description.isEmpty() ? QFileInfo(example.file).fileName()
                                                           : example.description);
        action->setEnabled(!m_busy());
        connect(action, &QAction::triggered, this,
                [this, example]() { Q_EMIT exampleChosen(example); });
    }
}

} // namespace Coroscope
