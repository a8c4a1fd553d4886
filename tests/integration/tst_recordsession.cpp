// RecordSession against real programs (Debian's python3 with Coroscope's Python recorder, sh,
// true): how each way of ending is said, that tasks arrive while the program runs, Stop's
// SIGINT then SIGKILL, bounded output, and the failures a user meets (command not found, a crash,
// a recorder that cannot connect, a forked child holding the connection). Loopback only; every
// wait is bounded.
#include "record/outputlog.h"
#include "record/recorderpaths.h"
#include "record/recordsession.h"

#include "recordprograms.h"

#include <QLocale>
#include <QSignalSpy>
#include <QTest>

#include <csignal>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {
constexpr int FinishMs = 60000;
} // namespace

class TestRecordSession : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    RecordCommand command(const QString &program, const QStringList &arguments = {}) const
    {
        RecordCommand c;
        c.program = program;
        c.arguments = arguments;
        c.workingDirectory = m_dir.path();
        return c;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(!pythonRecorderDir().isEmpty(), "the Python recorder folder must be found");
    }

    // A program that creates more tasks than a recording keeps (100,000): the oldest finished
    // ones are dropped, and the end still says how many the program created, not how many are
    // kept ("exited with status 0 after 9 s: 100,001 tasks" once said 90,000).
    void endCountsTheTasksRetentionDropped()
    {
        const QString prog = writeProgram(m_dir, u"many.py"_s,
                                          "import asyncio\n"
                                          "async def t():\n"
                                          "    pass\n"
                                          "async def main():\n"
                                          "    for b in range(100):\n"
                                          "        await asyncio.gather(*[t() for _ in "
                                          "range(1000)])\n"
                                          "asyncio.run(main())\n");
        // Room for every record: a slow reader (a sanitizer build) would otherwise make the
        // recorder drop records, tasks' creations among them (recorders/FORMAT.md).
        qputenv("COROSCOPE_RECORD_BUFFER", QByteArray::number(512 << 20));
        RecordSession session;
        // The reader is still decoding when the program ends: a drain that cut the connection
        // after its period (here 1 ms), rather than after a period of silence, loses the end.
        session.setDrainPeriod(1);
        const bool started = session.start(command(python(), {prog}));
        qunsetenv("COROSCOPE_RECORD_BUFFER");
        QVERIFY2(started, qPrintable(session.errorString()));
        QVERIFY(session.waitForFinished(4 * FinishMs));
        QCOMPARE(int(session.end().how), int(ProgramEnd::Exited));
        const Trace trace = session.recorder()->snapshot();
        QCOMPARE(qsizetype(session.end().tasks), trace.tasks.size() + trace.droppedTasks);
        // Every task arrived, also with a reader slower than the program: what the program wrote
        // before it ended is read to the end (a sanitizer build once stopped at 72,000).
        QCOMPARE(session.end().tasks, 100001);
        QVERIFY(trace.droppedTasks > 0);
        QVERIFY2(session.endText().contains(QLocale().toString(session.end().tasks))
                     || session.endText().contains(QString::number(session.end().tasks)),
                 qPrintable(session.endText()));
    }

    void exitStatusAndTasks()
    {
        const QString prog = writeProgram(m_dir, u"exit3.py"_s, tasksThenExit(3));
        RecordSession session;
        QVERIFY2(session.start(command(python(), {prog})), qPrintable(session.errorString()));
        QVERIFY(session.waitForFinished(FinishMs));
        QCOMPARE(int(session.end().how), int(ProgramEnd::Exited));
        QCOMPARE(session.end().status, 3);
        QVERIFY(!session.end().stopped);
        // main + 5 workers
        QVERIFY2(session.end().tasks >= 6, qPrintable(QString::number(session.end().tasks)));
        QCOMPARE(session.connections(), 1);
        QVERIFY(session.output().text(OutputLog::Channel::Stdout).contains("done"));
        QVERIFY2(session.endText().startsWith(u"exited with status 3 after"_s),
                 qPrintable(session.endText()));
        QVERIFY(session.endText().contains(u"task"_s));
        const Trace trace = session.recorder()->snapshot();
        QVERIFY(trace.isComplete());
        QVERIFY(trace.program.has_value());
        QCOMPARE(int(trace.program->end), int(ProgramEnd::Exited));
        QCOMPARE(trace.program->status, 3);
        QVERIFY(trace.program->wallNs > 0);
        bool named = false;
        for (const TaskInfo &info : trace.tasks)
            named = named || info.name == u"work-2"_s;
        QVERIFY(named);
    }

    // The tasks are in the recorder while the program still runs, not only at its end.
    void tasksArriveLive()
    {
        const QString prog = writeProgram(m_dir, u"live.py"_s, runsForever(false));
        RecordSession session;
        QVERIFY(session.start(command(python(), {prog})));
        QTRY_VERIFY_WITH_TIMEOUT(session.recorder()->taskCount() >= 2, 30000);
        QVERIFY(session.isRunning());
        session.stop();
        QVERIFY(session.waitForFinished(FinishMs));
        QVERIFY(session.end().stopped);
        QVERIFY(!session.end().killed);
    }

    void stopSendsSigint()
    {
        const QString prog = writeProgram(m_dir, u"forever.py"_s, runsForever(false));
        RecordSession session;
        QSignalSpy messages(&session, &RecordSession::message);
        QVERIFY(session.start(command(python(), {prog})));
        QTRY_VERIFY_WITH_TIMEOUT(
            session.output().text(OutputLog::Channel::Stdout).contains("started"), 30000);
        session.stop();
        QVERIFY(session.waitForFinished(FinishMs));
        QVERIFY(session.end().stopped);
        QVERIFY(!session.end().killed);
        bool said = false;
        for (const QList<QVariant> &m : messages)
            said = said || m.at(0).toString().contains(u"SIGINT"_s);
        QVERIFY(said);
        QVERIFY2(session.endText().startsWith(u"stopped"_s), qPrintable(session.endText()));
    }

    void stopKillsWhatIgnoresSigint()
    {
        const QString prog = writeProgram(m_dir, u"stubborn.py"_s, runsForever(true));
        RecordCommand c = command(python(), {prog});
        c.graceMs = 500;
        RecordSession session;
        QSignalSpy messages(&session, &RecordSession::message);
        QVERIFY(session.start(c));
        QTRY_VERIFY_WITH_TIMEOUT(
            session.output().text(OutputLog::Channel::Stdout).contains("started"), 30000);
        session.stop();
        QVERIFY(session.waitForFinished(FinishMs));
        QVERIFY(session.end().killed);
        QCOMPARE(int(session.end().how), int(ProgramEnd::Signalled));
        QCOMPARE(session.end().status, int(SIGKILL));
        bool said = false;
        for (const QList<QVariant> &m : messages)
            said = said || m.at(0).toString().contains(u"SIGKILL"_s);
        QVERIFY(said);
        QVERIFY2(session.endText().contains(u"SIGKILL"_s), qPrintable(session.endText()));
        // What it recorded before is kept.
        QVERIFY(session.end().tasks >= 2);
    }

    void commandNotFound()
    {
        RecordSession session;
        QVERIFY(session.start(command(u"coroscope-no-such-command-xyz"_s)));
        QVERIFY(session.waitForFinished(FinishMs));
        QCOMPARE(int(session.end().how), int(ProgramEnd::FailedToStart));
        QVERIFY2(session.endText().contains(u"command not found: coroscope-no-such-command-xyz"_s),
                 qPrintable(session.endText()));
        QVERIFY(session.recorder()->isComplete());
    }

    void notExecutable()
    {
        const QString path = writeProgram(m_dir, u"plain.txt"_s, "not a program\n");
        RecordSession session;
        QVERIFY(session.start(command(path)));
        QVERIFY(session.waitForFinished(FinishMs));
        QCOMPARE(int(session.end().how), int(ProgramEnd::FailedToStart));
        QVERIFY2(session.endText().contains(u"not an executable"_s), qPrintable(session.endText()));
    }

    void crashBySignal()
    {
        const QString prog = writeProgram(m_dir, u"crash.py"_s,
                                          "import asyncio, os, signal\n"
                                          "async def main():\n"
                                          "    await asyncio.sleep(0.05)\n"
                                          "    os.kill(os.getpid(), signal.SIGSEGV)\n"
                                          "asyncio.run(main())\n");
        RecordSession session;
        QVERIFY(session.start(command(python(), {prog})));
        QVERIFY(session.waitForFinished(FinishMs));
        QCOMPARE(int(session.end().how), int(ProgramEnd::Signalled));
        QCOMPARE(session.end().status, int(SIGSEGV));
        QVERIFY2(session.endText().startsWith(u"killed by SIGSEGV after"_s),
                 qPrintable(session.endText()));
        QVERIFY(session.end().tasks >= 1); // kept up to the crash
    }

    // Not a Python program: it runs, ends, and the recording says nothing connected.
    void exitsAtOnceUnrecorded()
    {
        RecordSession session;
        QVERIFY(session.start(command(u"true"_s)));
        QVERIFY(session.waitForFinished(FinishMs));
        QCOMPARE(int(session.end().how), int(ProgramEnd::Exited));
        QCOMPARE(session.end().status, 0);
        QCOMPARE(session.connections(), 0);
        QVERIFY(session.notes().join(u' ').contains(u"No recorder connected"_s));
    }

    void neverCreatesATask()
    {
        const QString prog = writeProgram(m_dir, u"notasks.py"_s, "print('hello')\n");
        RecordSession session;
        QVERIFY(session.start(command(python(), {prog})));
        QVERIFY(session.waitForFinished(FinishMs));
        QCOMPARE(session.end().status, 0);
        QCOMPARE(session.end().tasks, 0);
        const QString notes = session.notes().join(u' ');
        // Whether the recorder connects before asyncio is used is the recorder's choice; either
        // way the words say why there is nothing to see.
        QVERIFY2(notes.contains(u"created no task"_s) || notes.contains(u"No recorder connected"_s),
                 qPrintable(notes));
    }

    // The recorder's socket is unreachable (its path replaced): the program runs unrecorded and
    // says so on its stderr, and the session says nothing connected.
    void recorderCannotConnect()
    {
        const QString prog = writeProgram(m_dir, u"unreached.py"_s, tasksThenExit(0));
        RecordSession session;
        QVERIFY(session.start(command(
            u"sh"_s,
            {u"-c"_s, u"COROSCOPE_RECORD=unix:/nonexistent/coroscope.sock exec \"$0\" \"$1\""_s,
             python(), prog})));
        QVERIFY(session.waitForFinished(FinishMs));
        QCOMPARE(session.end().status, 0);
        QCOMPARE(session.connections(), 0);
        QVERIFY(session.output().text(OutputLog::Channel::Stderr).contains("cannot reach"));
        QVERIFY(session.notes().join(u' ').contains(u"No recorder connected"_s));
    }

    void outputBounded()
    {
        // 20 MB on stdout, 1 MB kept.
        const QString prog = writeProgram(m_dir, u"loud.py"_s,
                                          "import sys\n"
                                          "line = 'x' * 1023 + '\\n'\n"
                                          "for i in range(20 * 1024):\n"
                                          "    sys.stdout.write(line)\n"
                                          "sys.stderr.write('the end\\n')\n");
        RecordCommand c = command(python(), {prog});
        c.outputLimit = 1024 * 1024;
        RecordSession session;
        qint64 passed = 0;
        connect(&session, &RecordSession::outputArrived, this,
                [&passed](OutputLog::Channel, const QByteArray &bytes) { passed += bytes.size(); });
        QVERIFY(session.start(c));
        QVERIFY(session.waitForFinished(FinishMs));
        QCOMPARE(session.end().status, 0);
        QCOMPARE(session.output().totalBytes(), qint64(20 * 1024 * 1024 + 8));
        QCOMPARE(passed, session.output().totalBytes()); // every byte passed on as it came
        QVERIFY(session.output().keptBytes() <= c.outputLimit);
        QVERIFY(session.output().droppedBytes() >= 19 * 1024 * 1024);
        QVERIFY(session.output().text(OutputLog::Channel::Stderr).contains("the end"));
        QVERIFY(session.notes().join(u' ').contains(u"the last"_s));
    }

    // Two recorded processes: the first connection is the recording, the other one is counted
    // and said.
    void secondConnectionIgnored()
    {
        const QString prog = writeProgram(m_dir, u"twice.py"_s, tasksThenExit(0));
        RecordSession session;
        QVERIFY(session.start(
            command(u"sh"_s, {u"-c"_s, u"\"$0\" \"$1\" & \"$0\" \"$1\"; wait"_s, python(), prog})));
        QVERIFY(session.waitForFinished(FinishMs));
        QCOMPARE(session.end().status, 0);
        QCOMPARE(session.connections(), 2);
        QVERIFY2(session.notes().join(u' ').contains(u"1 other recorder connection"_s),
                 qPrintable(session.notes().join(u' ')));
        QVERIFY(session.end().tasks >= 6);
    }

    // A forked child outlives the program and keeps the recording's connection open: the
    // session still ends (bounded wait), says so, and keeps what arrived.
    void forkedChildHoldsTheConnection()
    {
        const QString prog
            = writeProgram(m_dir, u"fork.py"_s,
                           "import asyncio, os, sys, time\n"
                           "async def work():\n"
                           "    await asyncio.sleep(0.05)\n"
                           "async def main():\n"
                           "    await asyncio.create_task(work(), name='before-fork')\n"
                           "asyncio.run(main())\n"
                           "if os.fork() == 0:\n"
                           "    time.sleep(20)\n"
                           "    os._exit(0)\n"
                           "sys.exit(0)\n");
        RecordSession session;
        QVERIFY(session.start(command(python(), {prog})));
        QVERIFY(session.waitForFinished(FinishMs));
        QCOMPARE(int(session.end().how), int(ProgramEnd::Exited));
        QVERIFY(session.end().tasks >= 2);
        QVERIFY2(session.notes().join(u' ').contains(u"left processes running"_s),
                 qPrintable(session.notes().join(u' ')));
        ::kill(-pid_t(session.pid()), SIGKILL); // the child, by its process group
    }

    void parseCommandLine_data()
    {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QStringList>("words");
        QTest::newRow("plain") << u"python3 prog.py -v"_s
                               << QStringList{u"python3"_s, u"prog.py"_s, u"-v"_s};
        QTest::newRow("quotes") << u"python3 'my prog.py' \"a \\\"b\\\"\""_s
                                << QStringList{u"python3"_s, u"my prog.py"_s, u"a \"b\""_s};
        QTest::newRow("backslash space")
            << u"python3 my\\ prog.py"_s << QStringList{u"python3"_s, u"my prog.py"_s};
        QTest::newRow("empty argument") << u"prog ''"_s << QStringList{u"prog"_s, QString()};
    }
    void parseCommandLine()
    {
        QFETCH(QString, line);
        QFETCH(QStringList, words);
        RecordCommand c;
        QString error;
        QVERIFY2(RecordCommand::parse(line, &c, &error), qPrintable(error));
        QCOMPARE(QStringList{c.program} + c.arguments, words);
        // Shown as typed back: parsing the display text gives the same words.
        RecordCommand again;
        QVERIFY(RecordCommand::parse(c.displayText(), &again, &error));
        QCOMPARE(QStringList{again.program} + again.arguments, words);
    }
    void parseCommandLineRefuses()
    {
        RecordCommand c;
        QString error;
        QVERIFY(!RecordCommand::parse(u"   "_s, &c, &error));
        QVERIFY(error.contains(u"empty"_s));
        QVERIFY(!RecordCommand::parse(u"python3 'prog.py"_s, &c, &error));
        QVERIFY(error.contains(u"unclosed"_s));
    }

    void outputLogKeepsTheTail()
    {
        OutputLog log(10);
        log.append(OutputLog::Channel::Stdout, "0123456789abc");
        QCOMPARE(log.all(), QByteArray("3456789abc"));
        log.append(OutputLog::Channel::Stderr, "XY");
        QCOMPARE(log.all(), QByteArray("56789abcXY"));
        QCOMPARE(log.text(OutputLog::Channel::Stderr), QByteArray("XY"));
        QCOMPARE(log.totalBytes(), 15);
        QCOMPARE(log.droppedBytes(), 5);
    }
};

QTEST_GUILESS_MAIN(TestRecordSession)
#include "tst_recordsession.moc"
