#pragma once

#include "io/runfile.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace Coroscope {

class LiveTrace;
class OutputPanel;
struct RecordCommand;
class RecordSession;
class SourcePanel;

// MainWindow's recording part (File > Record Program…, Help > Python Tutorial Examples): the
// RecordSession of the last program recorded, the one before it (for Compare), the Output and
// Source docks and the menu entries. It starts and ends the program and feeds its docks; the
// window follows the session's recorder live, as it follows a run's.
class RecordingPart : public QObject
{
    Q_OBJECT
public:
    // Each example of the examples folder's index, recorded against the embedded server with
    // one click.
    struct PythonExample
    {
        QString title;
        QString file; // absolute path of the .py
        QString description;
    };
    static QList<PythonExample> pythonExamples();
    // The command that records `example` (Debian's python3 when there is one).
    static RecordCommand exampleCommand(const PythonExample &example);

    // The docks go in `window`; `busy` says whether a run of any kind is in progress (the
    // examples are offered only when not).
    RecordingPart(QMainWindow *window, LiveTrace *liveTrace, std::function<bool()> busy);
    ~RecordingPart() override;

    // File > Record Program… before `beforeOpen`, Compare with Previous Recording after
    // `afterSaveAs`; the examples' menu in `help` before `beforeShortcuts`.
    void addActions(QMenu *file, QAction *beforeOpen, QAction *afterSaveAs, QMenu *help,
                    QAction *beforeShortcuts);
    // The Output dock at the bottom, the Source dock a tab beside `besideDock`; their toggles
    // in `view` before `beforeInView`.
    void addDocks(QDockWidget *besideDock, QMenu *view, QAction *beforeInView);
    void retranslate();
    // The actions follow whether a run is in progress.
    void updateActions(bool running);

    // Starts `command`, its output in the Output dock (begun there even when it cannot start).
    // `onScreen` is the recording on screen, if one is: it becomes the previous recording.
    // False, with the reason in `error`, when the program cannot be started at all.
    bool start(const RecordCommand &command, const RunRecord *onScreen, QString *error);
    // The Output dock (a fifth of the window's `height` the first time) and the Source dock.
    void showDocks(int height);
    // The session of the last recording (running or ended), null before any.
    RecordSession *session() const { return m_session.get(); }
    bool isRunning() const;
    // Kills the program, if one runs, with its process group.
    void endSession();

    // The recording before the one on screen this session (empty if none), and its name.
    const RunRecord &previous() const { return m_previous; }
    const QString &previousName() const { return m_previousName; }

    OutputPanel *outputPanel() const { return m_outputPanel; }
    QDockWidget *outputDock() const { return m_outputDock; }
    SourcePanel *sourcePanel() const { return m_sourcePanel; }
    QDockWidget *sourceDock() const { return m_sourceDock; }

Q_SIGNALS:
    void recordRequested(); // File > Record Program…
    void comparePreviousRequested();
    void exampleChosen(const Coroscope::RecordingPart::PythonExample &example);
    // What the session says (also in the Output dock) for the status bar.
    void message(const QString &text);
    // The program ended; its end and notes are in the Output dock.
    void finished();

private:
    void rebuildExamplesMenu();
    void onFinished();

    QMainWindow *m_window = nullptr;
    LiveTrace *m_liveTrace = nullptr;
    std::function<bool()> m_busy;
    std::unique_ptr<RecordSession> m_session;
    RunRecord m_previous; // the recording before the one on screen, for Compare
    QString m_previousName;
    OutputPanel *m_outputPanel = nullptr;
    QDockWidget *m_outputDock = nullptr;
    SourcePanel *m_sourcePanel = nullptr;
    QDockWidget *m_sourceDock = nullptr;
    QAction *m_actionRecord = nullptr;
    QAction *m_actionComparePrevious = nullptr;
    QMenu *m_examplesMenu = nullptr;
};

} // namespace Coroscope
