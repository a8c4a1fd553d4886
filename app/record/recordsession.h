#pragma once

#include "outputlog.h"
#include "trace/recorder.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QStringList>
#include <QTimer>
#include <QUrl>

#include <memory>

class QTemporaryDir;
class QThread;

namespace Coroscope {

class RecordReader;

// What to record: a program and its arguments, started in a folder.
struct RecordCommand
{
    QString program;
    QStringList arguments;
    QString workingDirectory; // empty: Coroscope's own
    QUrl serverUrl; // the embedded server the program may use (COROSCOPE_SERVER); empty: none
    qint64 outputLimit = OutputLog::DefaultLimit; // bytes of its stdout/stderr kept
    int graceMs = 2000; // Stop: SIGKILL this long after SIGINT

    // The command as a person would type it (arguments quoted where a shell needs it).
    QString displayText() const;
    // "python3 prog.py 'a b'" split as a shell would (quotes, backslashes; no expansion). False
    // (and `error` says why) for an empty line or an unclosed quote.
    static bool parse(const QString &line, RecordCommand *command, QString *error);
};

// How a recorded program ended, as the session saw it (the process's own exit, which is what
// the trace's ProgramRun ends with: a recorder's `E` record only says what the program asked for).
struct SessionEnd
{
    ProgramEnd how = ProgramEnd::Running; // Exited, Signalled or FailedToStart once it ended
    int status = 0; // exit status, or the signal that ended it
    bool stopped = false; // Stop (or Coroscope's own SIGINT/SIGTERM) asked it to end
    bool killed = false; // it did not end within the grace period after SIGINT: SIGKILL sent
    qint64 wallNs = -1; // started -> ended
    int tasks = 0; // tasks recorded
    QString error; // FailedToStart: why
};

// A program Coroscope runs and records (coroscope --record, File > Record Program…). It listens
// on a private local socket, starts the program with the recorder's environment, decodes the
// recorder's stream (recorders/FORMAT.md) into a TraceRecorder on a reader thread (the GUI only
// reads snapshots, as for a workload run), keeps the program's output bounded, and stops it with
// SIGINT then SIGKILL. Every way a program can end ends in finished() with words for it.
class RecordSession : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Running, Stopping, Finished };

    explicit RecordSession(QObject *parent = nullptr);
    // A program still running is killed (its whole process group) and waited for.
    ~RecordSession() override;

    // Starts recording. False when not even the socket could be made (errorString() says why);
    // a program that cannot start still ends in finished() (ProgramEnd::FailedToStart).
    bool start(const RecordCommand &command);
    // How long the recording's connection may stay silent after the program ended before it is
    // cut (a forked child holding it open): 1.5 s. A connection still delivering is read on.
    void setDrainPeriod(int ms) { m_drainMs = ms; }
    // SIGINT to the program's process group now, SIGKILL after the grace period. Said in
    // message(). Returns at once.
    void stop();
    // Runs an event loop until finished() or `ms` pass (tests, the command line).
    bool waitForFinished(int ms);

    State state() const { return m_state; }
    bool isRunning() const { return m_state == State::Running || m_state == State::Stopping; }
    bool stopRequested() const { return m_end.stopped; }
    const RecordCommand &command() const { return m_command; }
    std::shared_ptr<TraceRecorder> recorder() const { return m_recorder; }
    const OutputLog &output() const { return m_output; }
    const SessionEnd &end() const { return m_end; }
    QString errorString() const { return m_error; }
    qint64 pid() const { return m_pid; }
    // The recorder's connections: the first one is shown, the others (forked or child
    // processes) are counted and ignored (recorders/FORMAT.md).
    int connections() const;

    // "exited with status 1 after 2.31 s: 14 tasks", "killed by SIGSEGV after ...", ...
    QString endText() const;
    static QString endText(const SessionEnd &end);
    // The same for a recording's trace (also one opened from a file): `tasks` it had.
    static QString endText(const ProgramRun &program, int tasks);
    // What went wrong or deserves a word, one sentence each: the recorder never connected, other
    // connections ignored, output dropped, no task created, processes left running, ...
    QStringList notes() const { return m_notes; }
    // "SIGINT", "SIGSEGV", or "signal 64".
    static QString signalName(int signal);

Q_SIGNALS:
    void started();
    // The program printed `bytes` (passed through by the command line, shown by the Output dock).
    void outputArrived(Coroscope::OutputLog::Channel channel, const QByteArray &bytes);
    // A status line worth showing as it happens: SIGINT sent, SIGKILL sent, recorder connected.
    void message(const QString &text);
    void finished();

private:
    void onStarted();
    void onProcessFinished(int exitCode, QProcess::ExitStatus status);
    void onProcessError(QProcess::ProcessError error);
    void readOutput(OutputLog::Channel channel);
    void flushPartial(OutputLog::Channel channel);
    void emitOutput(OutputLog::Channel channel, const QByteArray &bytes);
    void signalProgram(int signal);
    void killAfterGrace();
    void beginDrain();
    void readerDrained();
    void complete();
    void addNote(const QString &text);

    RecordCommand m_command;
    State m_state = State::Idle;
    std::shared_ptr<TraceRecorder> m_recorder;
    OutputLog m_output;
    SessionEnd m_end;
    QString m_error;
    QStringList m_notes;
    QProcess *m_process = nullptr;
    qint64 m_pid = 0;
    bool m_ownGroup = false; // the program leads its own process group (signals reach forks)
    QElapsedTimer m_clock;
    QTimer m_killTimer;
    QTimer m_partialTimer;
    QByteArray m_partial[2]; // by OutputLog::Channel: the last line, while it has no break yet
    std::unique_ptr<QTemporaryDir> m_socketDir;
    QThread *m_readerThread = nullptr;
    RecordReader *m_reader = nullptr; // lives on m_readerThread
    bool m_processDone = false;
    bool m_readerDone = false;
    int m_drainMs = 1500;
};

} // namespace Coroscope
