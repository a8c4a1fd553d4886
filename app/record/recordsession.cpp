#include "recordsession.h"

#include "recorderpaths.h"
#include "recordreader_p.h"
#include "trace/summary.h"
#include "trace/vocabulary.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocale>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <csignal>
#include <cstring>
#include <sys/types.h>
#include <unistd.h>
#include <utility>

namespace Coroscope {

namespace {
// A translation context lupdate can see.
struct Record
{
    Q_DECLARE_TR_FUNCTIONS(Record)
};

// Output without a line break is passed on after this long, or once it is this long.
constexpr int PartialLineMs = 100;
constexpr qsizetype MaxPartialLine = 64 * 1024;

// sockaddr_un's path is 108 bytes: a long TMPDIR would make the socket unreachable.
constexpr qsizetype MaxSocketPath = 100;

QString shellQuoted(const QString &word)
{
    if (word.isEmpty())
        return QStringLiteral("''");
    bool plain = true;
    for (QChar c : word) {
        if (!(c.isLetterOrNumber() || QStringLiteral("-_./=:,+@%").contains(c)))
            plain = false;
    }
    if (plain)
        return word;
    QString quoted = word;
    quoted.replace(u'\'', QStringLiteral("'\\''"));
    return u'\'' + quoted + u'\'';
}
} // namespace

QString RecordCommand::displayText() const
{
    QStringList words{shellQuoted(program)};
    for (const QString &argument : arguments)
        words.append(shellQuoted(argument));
    return words.join(u' ');
}

bool RecordCommand::parse(const QString &line, RecordCommand *command, QString *error)
{
    QStringList words;
    QString word;
    bool inWord = false;
    QChar quote;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            } else if (c == u'\\' && quote == u'"' && i + 1 < line.size()
                       && QStringLiteral("\"\\$`").contains(line.at(i + 1))) {
                word += line.at(++i);
            } else {
                word += c;
            }
            continue;
        }
        if (c.isSpace()) {
            if (inWord)
                words.append(word);
            word.clear();
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == u'\'' || c == u'"')
            quote = c;
        else if (c == u'\\' && i + 1 < line.size())
            word += line.at(++i);
        else
            word += c;
    }
    if (!quote.isNull()) {
        *error = Record::tr("the command line has an unclosed %1 quote").arg(quote);
        return false;
    }
    if (inWord)
        words.append(word);
    if (words.isEmpty()) {
        *error = Record::tr("the command line is empty: type the program to record and its "
                            "arguments, e.g. python3 prog.py");
        return false;
    }
    command->program = words.takeFirst();
    command->arguments = words;
    return true;
}

RecordSession::RecordSession(QObject *parent)
    : QObject(parent)
{
    m_killTimer.setSingleShot(true);
    connect(&m_killTimer, &QTimer::timeout, this, &RecordSession::killAfterGrace);
    m_partialTimer.setSingleShot(true);
    m_partialTimer.setInterval(PartialLineMs);
    connect(&m_partialTimer, &QTimer::timeout, this, [this]() {
        flushPartial(OutputLog::Channel::Stdout);
        flushPartial(OutputLog::Channel::Stderr);
    });
}

RecordSession::~RecordSession()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->disconnect(this);
        signalProgram(SIGKILL);
        m_process->waitForFinished(2000);
    }
    delete m_process;
    if (m_readerThread) {
        // The reader comes back to this thread before its own ends, to be deleted here.
        QThread *here = thread();
        QMetaObject::invokeMethod(
            m_reader,
            [reader = m_reader, here]() {
                reader->close();
                reader->moveToThread(here);
            },
            Qt::BlockingQueuedConnection);
        m_readerThread->quit();
        m_readerThread->wait();
        delete m_reader;
        delete m_readerThread;
    }
}

int RecordSession::connections() const
{
    return m_reader ? m_reader->connections() : 0;
}

bool RecordSession::start(const RecordCommand &command)
{
    if (m_state != State::Idle) {
        m_error = Record::tr("this recording has already started");
        return false;
    }
    m_command = command;
    m_output = OutputLog(command.outputLimit);
    m_recorder = std::make_shared<TraceRecorder>(QStringLiteral("recording"));
    m_recorder->start();

    // The socket lives in a folder only this user can enter (QTemporaryDir makes it 0700).
    QString base = QDir::tempPath();
    if (base.size() > MaxSocketPath - 30)
        base = QStringLiteral("/tmp");
    m_socketDir = std::make_unique<QTemporaryDir>(base + QStringLiteral("/coroscope-XXXXXX"));
    if (!m_socketDir->isValid()) {
        m_error = Record::tr("cannot make a private folder for the recording's socket in %1: %2")
                      .arg(base, m_socketDir->errorString());
        return false;
    }
    const QString socketPath = m_socketDir->filePath(QStringLiteral("rec"));

    m_readerThread = new QThread;
    m_readerThread->setObjectName(QStringLiteral("coroscope-record-reader"));
    m_reader = new RecordReader(m_recorder);
    m_reader->moveToThread(m_readerThread);
    m_readerThread->start();
    QString listenError;
    QMetaObject::invokeMethod(
        m_reader, [&]() { listenError = m_reader->listen(socketPath); },
        Qt::BlockingQueuedConnection);
    if (!listenError.isEmpty()) {
        m_error
            = Record::tr("cannot listen for the recorder on %1: %2").arg(socketPath, listenError);
        return false;
    }
    connect(m_reader, &RecordReader::firstConnected, this,
            [this]() { Q_EMIT message(Record::tr("The recorder connected: recording.")); });
    connect(m_reader, &RecordReader::otherConnection, this, [this](int ignored) {
        Q_EMIT message(Record::tr("Another recorder connected (a child or forked process): "
                                  "%n other connection(s) ignored; the first one is shown.",
                                  nullptr, ignored));
    });
    connect(m_reader, &RecordReader::drained, this, &RecordSession::readerDrained);

    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("COROSCOPE_RECORD"), QStringLiteral("unix:") + socketPath);
    if (command.serverUrl.isValid() && !command.serverUrl.isEmpty())
        env.insert(QStringLiteral("COROSCOPE_SERVER"),
                   command.serverUrl.toString(QUrl::StripTrailingSlash));
    else
        env.remove(QStringLiteral("COROSCOPE_SERVER"));
    const QString recorderDir = pythonRecorderDir();
    if (!recorderDir.isEmpty()) {
        const QString old = env.value(QStringLiteral("PYTHONPATH"));
        env.insert(QStringLiteral("PYTHONPATH"),
                   old.isEmpty() ? recorderDir : recorderDir + u':' + old);
    } else {
        addNote(Record::tr("The Python recorder was not found (set COROSCOPE_PYTHON_DIR to its "
                           "folder): a Python program runs unrecorded."));
    }
    // Output as it happens, not in 8 KiB blocks at exit: the Output dock is live.
    env.insert(QStringLiteral("PYTHONUNBUFFERED"), QStringLiteral("1"));

    m_process = new QProcess(this);
    m_process->setProcessEnvironment(env);
    const QString folder
        = command.workingDirectory.isEmpty() ? QDir::currentPath() : command.workingDirectory;
    m_process->setWorkingDirectory(folder);
    // A program that reads its input gets end-of-file instead of waiting forever for a
    // terminal that is not there.
    m_process->setStandardInputFile(QProcess::nullDevice());
    // Its own process group: Stop's signals reach the processes it forks, and a Ctrl+C in
    // Coroscope's terminal reaches Coroscope alone, which stops the program as Stop does.
    m_process->setChildProcessModifier([]() { ::setpgid(0, 0); });
    connect(m_process, &QProcess::started, this, &RecordSession::onStarted);
    connect(m_process, &QProcess::finished, this, &RecordSession::onProcessFinished);
    connect(m_process, &QProcess::errorOccurred, this, &RecordSession::onProcessError);
    connect(m_process, &QProcess::readyReadStandardOutput, this,
            [this]() { readOutput(OutputLog::Channel::Stdout); });
    connect(m_process, &QProcess::readyReadStandardError, this,
            [this]() { readOutput(OutputLog::Channel::Stderr); });

    m_state = State::Running;
    m_clock.start();

    // Resolved here, to say "not found" in words rather than execve's "No such file".
    QString program = command.program;
    if (!QDir(folder).exists()) {
        m_end.how = ProgramEnd::FailedToStart;
        m_end.error = Record::tr("the working folder %1 does not exist").arg(folder);
        m_processDone = true;
        QMetaObject::invokeMethod(this, &RecordSession::beginDrain, Qt::QueuedConnection);
        return true;
    }
    if (program.contains(u'/')) {
        program = QDir(folder).absoluteFilePath(program);
        const QFileInfo info(program);
        if (!info.exists())
            m_end.error = Record::tr("%1: no such file").arg(command.program);
        else if (info.isDir() || !info.isExecutable())
            m_end.error = Record::tr("%1: not an executable program").arg(command.program);
    } else {
        const QString found = QStandardPaths::findExecutable(program);
        if (found.isEmpty())
            m_end.error = Record::tr("command not found: %1").arg(command.program);
        else
            program = found;
    }
    if (!m_end.error.isEmpty()) {
        m_end.how = ProgramEnd::FailedToStart;
        m_processDone = true;
        QMetaObject::invokeMethod(this, &RecordSession::beginDrain, Qt::QueuedConnection);
        return true;
    }
    m_process->start(program, command.arguments);
    return true;
}

void RecordSession::onStarted()
{
    m_pid = m_process->processId();
    // setpgid() in the child may have failed (it cannot, short of a kernel without job control):
    // then only the program itself is signalled.
    m_ownGroup = m_pid > 0 && ::getpgid(pid_t(m_pid)) == pid_t(m_pid);
    Q_EMIT started();
    if (m_end.stopped) // Stop pressed before the program had started
        signalProgram(SIGINT);
}

void RecordSession::readOutput(OutputLog::Channel channel)
{
    if (!m_process)
        return;
    m_process->setReadChannel(channel == OutputLog::Channel::Stdout ? QProcess::StandardOutput
                                                                    : QProcess::StandardError);
    // Whatever is there, at once: QProcess would otherwise keep it all in its own buffer.
    const QByteArray bytes = m_process->readAll();
    if (bytes.isEmpty())
        return;
    // Passed on a line at a time: an unbuffered Python prints "work", " ", "0", "\n" in separate
    // writes, and stdout and stderr read in pieces would cut each other's lines.
    QByteArray &partial = m_partial[int(channel)];
    partial += bytes;
    const qsizetype cut = partial.lastIndexOf('\n');
    if (cut >= 0) {
        const QByteArray lines = partial.left(cut + 1);
        partial.remove(0, cut + 1);
        emitOutput(channel, lines);
    }
    // A prompt or a progress bar without a line break still shows, a moment later.
    if (partial.size() > MaxPartialLine)
        flushPartial(channel);
    else if (!partial.isEmpty() && !m_partialTimer.isActive())
        m_partialTimer.start();
}

void RecordSession::flushPartial(OutputLog::Channel channel)
{
    QByteArray &partial = m_partial[int(channel)];
    if (partial.isEmpty())
        return;
    const QByteArray bytes = std::exchange(partial, QByteArray());
    emitOutput(channel, bytes);
}

void RecordSession::emitOutput(OutputLog::Channel channel, const QByteArray &bytes)
{
    m_output.append(channel, bytes);
    Q_EMIT outputArrived(channel, bytes);
}

void RecordSession::signalProgram(int signal)
{
    if (m_pid <= 0)
        return;
    if (m_ownGroup)
        ::kill(-pid_t(m_pid), signal);
    else
        ::kill(pid_t(m_pid), signal);
}

void RecordSession::stop()
{
    if (m_state != State::Running || m_end.stopped)
        return;
    m_end.stopped = true;
    m_state = State::Stopping;
    if (m_processDone)
        return; // it never started, or has just ended: nothing to signal
    const double grace = m_command.graceMs / 1000.0;
    if (m_pid > 0) {
        signalProgram(SIGINT);
        Q_EMIT message(Record::tr("Stop: sent SIGINT to the program (process %1); SIGKILL "
                                  "follows in %2 s if it does not end.")
                           .arg(m_pid)
                           .arg(grace, 0, 'g', 3));
    }
    m_killTimer.start(m_command.graceMs);
}

void RecordSession::killAfterGrace()
{
    if (m_processDone || m_pid <= 0)
        return;
    m_end.killed = true;
    signalProgram(SIGKILL);
    Q_EMIT message(Record::tr("The program did not end within %1 s of SIGINT: sent SIGKILL.")
                       .arg(m_command.graceMs / 1000.0, 0, 'g', 3));
}

void RecordSession::onProcessError(QProcess::ProcessError error)
{
    // Crashes and kills end in finished(); only a start that failed ends here.
    if (error != QProcess::FailedToStart || m_processDone)
        return;
    m_end.how = ProgramEnd::FailedToStart;
    m_end.error
        = Record::tr("cannot start %1: %2").arg(m_command.program, m_process->errorString());
    m_processDone = true;
    beginDrain();
}

void RecordSession::onProcessFinished(int exitCode, QProcess::ExitStatus status)
{
    if (m_processDone)
        return;
    m_processDone = true;
    m_killTimer.stop();
    m_end.wallNs = m_clock.nsecsElapsed();
    readOutput(OutputLog::Channel::Stdout);
    readOutput(OutputLog::Channel::Stderr);
    m_partialTimer.stop();
    flushPartial(OutputLog::Channel::Stdout);
    flushPartial(OutputLog::Channel::Stderr);
    // Qt reports a process ended by a signal as a crash whose exit code is the signal.
    if (status == QProcess::CrashExit) {
        m_end.how = ProgramEnd::Signalled;
        m_end.status = exitCode;
    } else {
        m_end.how = ProgramEnd::Exited;
        m_end.status = exitCode;
    }
    // Forked children of the program may outlive it: say so rather than leave them unnamed.
    if (m_ownGroup && ::kill(-pid_t(m_pid), 0) == 0) {
        if (m_end.stopped) {
            ::kill(-pid_t(m_pid), SIGKILL);
            addNote(Record::tr("Processes the program had started were still running after "
                               "Stop: they were killed (SIGKILL to process group %1).")
                        .arg(m_pid));
        } else {
            addNote(Record::tr("The program left processes running (its process group %1): "
                               "they are not recorded.")
                        .arg(m_pid));
        }
    }
    beginDrain();
}

void RecordSession::beginDrain()
{
    if (m_end.wallNs < 0)
        m_end.wallNs = m_clock.isValid() ? m_clock.nsecsElapsed() : 0;
    QMetaObject::invokeMethod(
        m_reader, [reader = m_reader, ms = m_drainMs]() { reader->drain(ms); },
        Qt::QueuedConnection);
}

void RecordSession::readerDrained()
{
    if (m_readerDone)
        return;
    m_readerDone = true;
    complete();
}

void RecordSession::complete()
{
    m_end.tasks = m_recorder->taskCount();
    const int connections = m_reader->connections();
    if (m_end.how != ProgramEnd::FailedToStart) {
        if (connections == 0)
            addNote(Record::tr("No recorder connected: the program ran unrecorded (only Python "
                               "programs, and programs linked with Coroscope's probe, are "
                               "recorded; a recorder that could not connect says why in the "
                               "program's output)."));
        else if (m_end.tasks == 0)
            addNote(Record::tr("The recorder connected, but the program created no task."));
        if (connections > 1)
            addNote(Record::tr("%n other recorder connection(s) (child or forked processes) "
                               "were ignored: the first one is shown.",
                               nullptr, connections - 1));
        if (m_reader->heldOpen())
            addNote(Record::tr("The recording's connection was still open %1 s after the program "
                               "ended (a forked child holds it?): what arrived until then is "
                               "shown.")
                        .arg(m_drainMs / 1000.0, 0, 'g', 3));
    }
    if (m_output.droppedBytes() > 0)
        addNote(Record::tr("The program printed %1; the last %2 are kept.")
                    .arg(QLocale().formattedDataSize(m_output.totalBytes()),
                         QLocale().formattedDataSize(m_output.keptBytes())));
    QMetaObject::invokeMethod(
        m_reader, [reader = m_reader]() { reader->close(); }, Qt::BlockingQueuedConnection);
    // The process's own end is the program's: the recorder's `E` record only says what it asked
    // for, and a program that never connected is still a recording that says how it ended.
    m_recorder->modify([this](Trace &trace) {
        if (!trace.program) {
            trace.program = ProgramRun{};
            if (trace.urls.isEmpty())
                trace.urls = {QString()};
        }
        // The tasks the program created, those retention dropped included (the end text and the
        // summary say how many it made; the notes say how many are kept).
        m_end.tasks = int(trace.tasks.size() + trace.droppedTasks);
        ProgramRun &program = *trace.program;
        program.command = m_command.displayText();
        program.pid = m_pid;
        program.end = m_end.how;
        program.status = m_end.status;
        program.wallNs = m_end.wallNs;
        return 0;
    });
    if (!m_recorder->isComplete())
        m_recorder->markComplete();
    m_state = State::Finished;
    Q_EMIT finished();
}

void RecordSession::addNote(const QString &text)
{
    if (!m_notes.contains(text))
        m_notes.append(text);
}

bool RecordSession::waitForFinished(int ms)
{
    if (m_state == State::Finished)
        return true;
    if (m_state == State::Idle)
        return false;
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &RecordSession::finished, &loop, &QEventLoop::quit);
    timeout.start(ms);
    loop.exec();
    return m_state == State::Finished;
}

QString RecordSession::signalName(int signal)
{
    const char *abbrev = ::sigabbrev_np(signal);
    if (!abbrev)
        return Record::tr("signal %1").arg(signal);
    return QStringLiteral("SIG") + QString::fromLatin1(abbrev);
}

QString RecordSession::endText() const
{
    return endText(m_end);
}

QString RecordSession::endText(const ProgramRun &program, int tasks)
{
    SessionEnd end;
    end.how = program.end;
    end.status = program.status;
    end.wallNs = program.wallNs;
    end.tasks = tasks;
    return endText(end);
}

QString RecordSession::endText(const SessionEnd &end)
{
    const QString after = durationText(double(qMax<qint64>(0, end.wallNs)) / 1e6);
    const QString tasks = Record::tr("%n task(s)", nullptr, end.tasks);
    switch (end.how) {
    case ProgramEnd::Running:
        return Record::tr("running");
    case ProgramEnd::RecorderFailed:
        return Record::tr("the recorder failed after %1: %2").arg(after, tasks);
    case ProgramEnd::Cut:
        return Record::tr("the recording was cut after %1 (no end record): %2").arg(after, tasks);
    case ProgramEnd::FailedToStart:
        return end.error.isEmpty() ? Record::tr("could not start")
                                   : Record::tr("could not start: %1").arg(end.error);
    case ProgramEnd::Exited:
        if (end.stopped)
            return Record::tr("stopped: exited with status %1 after %2: %3")
                .arg(end.status)
                .arg(after, tasks);
        return Record::tr("exited with status %1 after %2: %3").arg(end.status).arg(after, tasks);
    case ProgramEnd::Signalled:
        if (end.killed)
            return Record::tr("stopped: killed with SIGKILL (it ignored SIGINT) after %1: %2")
                .arg(after, tasks);
        if (end.stopped)
            return Record::tr("stopped: ended by %1 after %2: %3")
                .arg(signalName(end.status), after, tasks);
        if (end.status == SIGINT || end.status == SIGTERM || end.status == SIGHUP)
            return Record::tr("ended by %1 after %2: %3").arg(signalName(end.status), after, tasks);
        return Record::tr("killed by %1 after %2: %3").arg(signalName(end.status), after, tasks);
    }
    return QString();
}

} // namespace Coroscope
