// The window recording real programs (python3 with Coroscope's recorder): tasks on the timeline
// while the program runs, its output in the Output dock (stderr apart), Stop's words, how it
// ended in the strip, the Source dock at the line a task is suspended on, the tutorial's
// examples from the Help menu, and two recordings side by side in Compare.
#include "comparewidget.h"
#include "io/runfile.h"
#include "livetrace.h"
#include "mainwindow.h"
#include "outputpanel.h"
#include "record/recordsession.h"
#include "recorddialog.h"
#include "runpanel.h"
#include "selectiondetails.h"
#include "sourcepanel.h"
#include "summarystrip.h"
#include "timelineview.h"

#include "recordprograms.h"
#include "windowdriver.h"

#include <QDockWidget>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {
constexpr int FinishMs = 60000;

int taskNamed(const Trace &trace, const QString &name)
{
    for (qsizetype i = 0; i < trace.tasks.size(); ++i) {
        if (trace.tasks.at(i).name == name)
            return int(i);
    }
    return -1;
}
} // namespace

class TestMainWindowRecord : public QObject
{
    Q_OBJECT
    TestServer m_server;
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
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(0), qPrintable(m_server.errorString()));
    }

    void recordsLiveWithOutputAndSource()
    {
        const QString prog = writeProgram(m_dir, u"live.py"_s,
                                          "import asyncio, sys\n"
                                          "async def sleeper():\n"
                                          "    await asyncio.sleep(3600)\n"
                                          "async def main():\n"
                                          "    t = asyncio.create_task(sleeper(), name='sleeper')\n"
                                          "    print('to stdout', flush=True)\n"
                                          "    print('to stderr', file=sys.stderr, flush=True)\n"
                                          "    await t\n"
                                          "asyncio.run(main())\n");
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        QString error;
        QVERIFY2(window->startRecording(command(python(), {prog}), &error), qPrintable(error));
        QVERIFY(window->isRunning());
        QVERIFY(window->outputDock()->isVisible());
        QVERIFY(window->sourceDock()->isVisible());
        // Live: the tasks are on the timeline while the program still runs.
        QTRY_VERIFY_WITH_TIMEOUT(taskNamed(window->liveTrace()->trace(), u"sleeper"_s) >= 0, 30000);
        QVERIFY(window->isRecording());
        QVERIFY(window->liveTrace()->isLive());
        QTRY_VERIFY_WITH_TIMEOUT(window->outputPanel()->plainText().contains(u"to stderr"_s),
                                 30000);
        QVERIFY(window->outputPanel()->plainText().contains(u"to stdout"_s));

        // The sleeper is parked at its await: the Source dock shows that line.
        window->sourceDock()->raise();
        const int sleeper = taskNamed(window->liveTrace()->trace(), u"sleeper"_s);
        window->timeline()->setSelectedTask(sleeper);
        QTRY_VERIFY_WITH_TIMEOUT(
            window->sourcePanel()->highlightedLineText().contains(u"await asyncio.sleep(3600)"_s),
            10000);
        QCOMPARE(window->sourcePanel()->site().line, 3);
        QVERIFY2(window->sourcePanel()->headingText().contains(u"sleeper"_s),
                 qPrintable(window->sourcePanel()->headingText()));

        // Stop: SIGINT, said.
        window->stopRun();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, FinishMs);
        QVERIFY(!window->isRunning());
        QVERIFY2(window->outputPanel()->plainText().contains(u"SIGINT"_s),
                 qPrintable(window->outputPanel()->plainText()));
        QVERIFY(window->recordSession()->end().stopped);
        QVERIFY2(window->statusBar()->currentMessage().contains(u"stopped"_s),
                 qPrintable(window->statusBar()->currentMessage()));
        // A recording is saved like a run.
        QVERIFY(!window->runRecord().isEmpty());
        QVERIFY(window->runRecord().runs.constFirst().isRecording());
    }

    // A recording's tasks arrive while it runs: they are rows added to the table, whose
    // selection stays where the user put it (a reset per refresh dropped it).
    void tableKeepsItsSelectionWhileTasksArrive()
    {
        const QString prog = writeProgram(m_dir, u"trickle.py"_s,
                                          "import asyncio\n"
                                          "async def t():\n    await asyncio.sleep(30)\n"
                                          "async def main():\n"
                                          "    ts = []\n"
                                          "    for i in range(300):\n"
                                          "        ts.append(asyncio.create_task(t()))\n"
                                          "        await asyncio.sleep(0.01)\n"
                                          "    await asyncio.gather(*ts)\n"
                                          "asyncio.run(main())\n");
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        QVERIFY(window->startRecording(command(python(), {prog})));
        QTRY_VERIFY_WITH_TIMEOUT(window->taskModel()->rowCount() >= 3, 30000);
        QTableView *table = window->taskTable();
        table->selectRow(1);
        const QModelIndex selected = table->selectionModel()->selectedRows().value(0);
        QVERIFY(selected.isValid());
        const int before = window->taskModel()->rowCount();
        QTRY_VERIFY_WITH_TIMEOUT(window->taskModel()->rowCount() >= before + 20, 30000);
        QVERIFY(window->isRecording());
        QCOMPARE(table->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(table->selectionModel()->selectedRows().constFirst().data(), selected.data());
        window->stopRun();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, FinishMs);
    }

    void stripSaysHowItEnded()
    {
        const QString prog = writeProgram(m_dir, u"exit1.py"_s, tasksThenExit(1));
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        QVERIFY(window->startRecording(command(python(), {prog})));
        QVERIFY2(window->findChild<QLabel *>(u"timelineTitle"_s)->text().contains(u"exit1.py"_s),
                 qPrintable(window->findChild<QLabel *>(u"timelineTitle"_s)->text()));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, FinishMs);
        auto *end = window->summaryStrip()->findChild<QLabel *>(u"programEnd"_s);
        QVERIFY(end);
        QTRY_VERIFY(!end->isHidden());
        QVERIFY2(end->text().startsWith(u"exited with status 1 after"_s), qPrintable(end->text()));
        QVERIFY2(end->text().contains(u"6 task"_s), qPrintable(end->text()));
        // Saved like a run, and read back as the recording it is.
        QString error;
        QVERIFY2(window->saveRunFile(m_dir.filePath(u"exit1.coroscope"_s), &error),
                 qPrintable(error));
        RunRecord saved;
        QCOMPARE(loadRunFile(m_dir.filePath(u"exit1.coroscope"_s), &saved, &error),
                 RunFile::Error::None);
        QCOMPARE(saved.runs.constFirst().program->status, 1);
        // The timeline names the program, not a strategy.
        const QString title = window->findChild<QLabel *>(u"timelineTitle"_s)->text();
        QVERIFY2(title.contains(u"exit1.py"_s), qPrintable(title));
        // Opened again in a window whose run panel holds a workload: the panel keeps it (a
        // recording has no URLs or task count to run again).
        auto reopened = makeWindow(m_server);
        const RunSpec before = reopened->runPanel()->spec();
        QVERIFY(!before.urls.isEmpty());
        QVERIFY2(reopened->openRunFile(m_dir.filePath(u"exit1.coroscope"_s), &error),
                 qPrintable(error));
        QCOMPARE(reopened->runPanel()->spec().urls, before.urls);
        QCOMPARE(reopened->runPanel()->spec().tasks, before.tasks);
        QVERIFY(reopened->findChild<QLabel *>(u"timelineTitle"_s)->text().contains(u"exit1.py"_s));
        // The details of a recorded task: its name, coroutine, parent and creation site.
        const int worker = taskNamed(window->liveTrace()->trace(), u"work-0"_s);
        QVERIFY(worker >= 0);
        window->timeline()->setSelectedTask(worker);
        const QString details = window->selectionDetails()->taskHtml(worker);
        QVERIFY2(details.contains(u"work-0"_s) && details.contains(u"exit1.py:"_s)
                     && details.contains(u"Coroutine"_s) && details.contains(u"Parent"_s),
                 qPrintable(details));
    }

    // File > Record Program…: what is wrong is said before Run can be pressed; a command run
    // is offered again with its folder.
    void recordDialogChecksAndRemembers()
    {
        RecordDialog dialog;
        dialog.setFolder(m_dir.path());
        dialog.setCommandLine(u"python3 'my prog.py"_s);
        QVERIFY2(dialog.problem().contains(u"unclosed"_s), qPrintable(dialog.problem()));
        dialog.setCommandLine(u"python3 'my prog.py' -v"_s);
        QVERIFY(dialog.problem().isEmpty());
        QCOMPARE(dialog.command().arguments, (QStringList{u"my prog.py"_s, u"-v"_s}));
        QCOMPARE(dialog.command().workingDirectory, m_dir.path());
        dialog.setFolder(m_dir.filePath(u"no-such-folder"_s));
        QVERIFY(dialog.problem().contains(u"does not exist"_s));
        RecordDialog::rememberCommand(u"python3 a.py"_s, m_dir.path());
        RecordDialog::rememberCommand(u"python3 b.py"_s, m_dir.path());
        RecordDialog::rememberCommand(u"python3 a.py"_s, m_dir.path());
        const QList<RecordDialog::Recent> recent = RecordDialog::recentCommands();
        QCOMPARE(recent.size(), 2);
        QCOMPARE(recent.constFirst().line, u"python3 a.py"_s);
        QCOMPARE(recent.constFirst().folder, m_dir.path());
    }

    void commandNotFoundIsSaid()
    {
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        QVERIFY(window->startRecording(command(u"coroscope-no-such-command-xyz"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, FinishMs);
        QVERIFY2(window->statusBar()->currentMessage().contains(u"command not found"_s),
                 qPrintable(window->statusBar()->currentMessage()));
        QVERIFY(window->outputPanel()->plainText().contains(u"command not found"_s));
        QVERIFY(!window->isRunning());
    }

    void tutorialExamplesAreListedAndRecord()
    {
        const QList<MainWindow::PythonExample> examples = MainWindow::pythonExamples();
        QVERIFY(examples.size() >= 7);
        QCOMPARE(QFileInfo(examples.constFirst().file).fileName(), u"01_run_until_complete.py"_s);
        QVERIFY(!examples.constFirst().description.isEmpty());
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        const MainWindow::PythonExample *createTask = nullptr;
        for (const MainWindow::PythonExample &e : examples) {
            if (e.file.endsWith(u"02_create_task.py"_s))
                createTask = &e;
        }
        QVERIFY(createTask);
        QString error;
        QVERIFY2(window->recordExample(*createTask, &error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, FinishMs);
        QCOMPARE(int(window->recordSession()->end().how), int(ProgramEnd::Exited));
        QCOMPARE(window->recordSession()->end().status, 0);
        QCOMPARE(window->liveTrace()->taskCount(), 1); // its one create_task()
    }

    // The tutorial's point: two programs on one axis. The first recording goes beside the
    // second the way a saved run is added.
    void twoRecordingsCompared()
    {
        const QString a = writeProgram(m_dir, u"a.py"_s, tasksThenExit(0));
        const QString b = writeProgram(m_dir, u"b.py"_s, tasksThenExit(0));
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        QVERIFY(window->startRecording(command(python(), {a})));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, FinishMs);
        QString error;
        QVERIFY(!window->compareWithPreviousRecording(&error)); // only one so far
        QVERIFY(window->startRecording(command(python(), {b})));
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, FinishMs);
        QVERIFY2(window->compareWithPreviousRecording(&error), qPrintable(error));
        QCOMPARE(window->runRecord().comparedRuns.size(), 1);
        QCOMPARE(window->runRecord().comparedRuns.constFirst().source, u"a.py"_s);
        QVERIFY(window->runRecord().comparedRuns.constFirst().trace.isRecording());
        QVERIFY(!window->compareWidget()->summaries().isEmpty());
    }
};

QTEST_MAIN(TestMainWindowRecord)
#include "tst_mainwindowrecord.moc"
