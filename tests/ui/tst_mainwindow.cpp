#include "conceptspanel.h"
#include "io/csv.h"
#include "livetrace.h"
#include "mainwindow.h"
#include "run/run.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "summarystrip.h"
#include "taskmodel.h"
#include "timelineview.h"
#include "trace/vocabulary.h"

#include "windowdriver.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

// The main window driven like a user would, against the real embedded server: type a workload,
// press Run, watch it finish, export it, stop a long run, close the window mid-run.
class TestMainWindow : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    static bool hasEvent(const Trace &trace, EventKind kind)
    {
        return std::any_of(trace.events.cbegin(), trace.events.cend(),
                           [kind](const TraceEvent &e) { return e.kind == kind; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(startWindowTests(m_server), qPrintable(m_server.errorString()));
    }

    void cleanupTestCase() { QSettings().clear(); }

    void firstLaunchIsReadyToRun()
    {
        auto window = makeWindow(m_server);
        const RunSpec spec = window->runPanel()->spec();
        QCOMPARE(spec.urls, QList<QUrl>{QUrl(serverUrl(m_server, u"/delay/1"_s))});
        QCOMPARE(spec.tasks, 10);
        QVERIFY(window->findChild<QAction *>(u"actionRun"_s)->isEnabled());
        QVERIFY(!window->findChild<QAction *>(u"actionStop"_s)->isEnabled());
        QVERIFY(!window->findChild<QAction *>(u"actionExportTasksCsv"_s)->isEnabled());
    }

    // The default window (1400 x 900, no saved layout) after the default run: the task table
    // does not scroll sideways, the run panel does not cut its inputs, and a 1024 x 700 window
    // really is 1024 px wide.
    void defaultLayoutFits()
    {
        const auto window = makeWindow(m_server, QSize(1400, 900));
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        window->startRun();
        // Nothing moves while the run is live: the strip keeps its height as figures change.
        QTRY_VERIFY(window->summaryStrip()->summary().tasks > 0);
        QTest::qWait(50);
        const int stripHeight = window->summaryStrip()->height();
        QTRY_VERIFY_WITH_TIMEOUT(!window->isRunning(), 10000);
        QTest::qWait(50);
        QCOMPARE(window->summaryStrip()->height(), stripHeight);
        QTableView *table = window->taskTable();
        QVERIFY2(table->horizontalScrollBar()->maximum() == 0,
                 qPrintable(u"table scrolls %1 px sideways (viewport %2)"_s
                                .arg(table->horizontalScrollBar()->maximum())
                                .arg(table->viewport()->width())));
        auto *scroll = window->findChild<QScrollArea *>(u"runPanelScroll"_s);
        QVERIFY(scroll->width() >= window->runPanel()->minimumSizeHint().width());
        window->resize(1024, 700);
        QTest::qWait(50);
        QCOMPARE(window->width(), 1024);
        QVERIFY(window->minimumSizeHint().width() <= 1024);
    }

    void runShowsEveryTaskAndExportsIt()
    {
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/delay/0.3"_s), 5);
        QVERIFY(window->isRunning());
        QVERIFY(window->findChild<QAction *>(u"actionStop"_s)->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(!window->isRunning());

        QCOMPARE(window->taskModel()->rowCount(), 5);
        QCOMPARE(window->filterModel()->rowCount(), 5);
        QCOMPARE(countResult(*window, TaskResult::Ok), 5);
        QTRY_COMPARE(window->summaryStrip()->valueText(u"ok"_s), u"5"_s);
        QVERIFY(window->findChild<QAction *>(u"actionExportTasksCsv"_s)->isEnabled());

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QString error;
        const QString tasksPath = dir.filePath(u"tasks.csv"_s);
        QVERIFY2(window->exportTasksCsv(tasksPath, &error), qPrintable(error));
        const QList<QStringList> tasks = readCsv(tasksPath);
        QCOMPARE(tasks.size(), 1 + 5);
        QCOMPARE(tasks.at(0), QString::fromLatin1(TasksCsvHeader).split(u','));
        const qsizetype result = tasks.at(0).indexOf(u"result"_s);
        const qsizetype urlColumn = tasks.at(0).indexOf(u"url"_s);
        for (int i = 1; i <= 5; ++i) {
            QCOMPARE(tasks.at(i).at(0), QString::number(i - 1));
            QCOMPARE(tasks.at(i).at(result), u"ok"_s);
            QCOMPARE(tasks.at(i).at(urlColumn), serverUrl(m_server, u"/delay/0.3"_s));
        }

        const QString segmentsPath = dir.filePath(u"segments.csv"_s);
        QVERIFY2(window->exportSegmentsCsv(segmentsPath, &error), qPrintable(error));
        const QList<QStringList> segments = readCsv(segmentsPath);
        QCOMPARE(segments.at(0), QString::fromLatin1(SegmentsCsvHeader).split(u','));
        QVERIFY(segments.size() > 5);
        QSet<QString> suspendedTasks;
        for (const QStringList &row : segments.mid(1)) {
            QVERIFY(row.at(0).toInt() >= 0 && row.at(0).toInt() < 5);
            if (row.at(1) == u"suspended")
                suspendedTasks.insert(row.at(0));
        }
        QCOMPARE(suspendedTasks.size(), 5); // every task awaited its reply

        const QString tracePath = dir.filePath(u"trace.json"_s);
        QVERIFY2(window->exportChromeTrace(tracePath, &error), qPrintable(error));
        QFile traceFile(tracePath);
        QVERIFY(traceFile.open(QIODevice::ReadOnly));
        const QJsonArray traceEvents = QJsonDocument::fromJson(traceFile.readAll())
                                           .object()
                                           .value(u"traceEvents"_s)
                                           .toArray();
        int awaits = 0;
        for (const QJsonValue &v : traceEvents)
            awaits += v.toObject().value(u"name"_s).toString() == u"await reply" ? 1 : 0;
        QCOMPARE(awaits, 5);

        const QString pngPath = dir.filePath(u"timeline.png"_s);
        QVERIFY2(window->exportTimelinePng(pngPath, &error), qPrintable(error));
        QVERIFY(!QImage(pngPath).isNull());
        const QString svgPath = dir.filePath(u"timeline.svg"_s);
        QVERIFY2(window->exportTimelineSvg(svgPath, &error), qPrintable(error));
        QFile svg(svgPath);
        QVERIFY(svg.open(QIODevice::ReadOnly));
        QVERIFY(svg.readAll().contains("<svg"));
    }

    void failedExportSaysWhereAndWhy()
    {
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/get"_s), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const QString path = u"/nonexistent-coroscope-dir/tasks.csv"_s;
        QString error;
        QVERIFY(!window->exportTasksCsv(path, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        auto *box = window->findChild<QMessageBox *>(u"exportErrorBox"_s);
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY(box->informativeText().contains(path));
        box->close();
    }

    void stopCancelsEveryTaskInFlight_data()
    {
        QTest::addColumn<int>("strategy");
        QTest::addColumn<int>("tasks");
        QTest::addColumn<int>("midRunEvents"); // recorded once the run is well under way
        // async: every request out and awaited; the others: the first fetch under way.
        QTest::newRow("async, 50 awaiting replies") << int(Strategy::Async) << 50 << 150;
        QTest::newRow("sequential") << int(Strategy::Sequential) << 50 << 3;
        QTest::newRow("blocking, loop blocked in a fetch") << int(Strategy::Blocking) << 20 << 21;
        QTest::newRow("wrapped-blocking") << int(Strategy::WrappedBlocking) << 20 << 21;
        QTest::newRow("threads, 8 workers fetching") << int(Strategy::Threads) << 50 << 58;
    }
    void stopCancelsEveryTaskInFlight()
    {
        QFETCH(int, strategy);
        QFETCH(int, tasks);
        QFETCH(int, midRunEvents);
        auto window = makeWindow(m_server);
        RunSpec spec = window->runPanel()->spec();
        spec.strategy = Strategy(strategy);
        // Timed against the workload's first requests: no lone fetch of /delay/5 before them.
        spec.measureAlone = false;
        window->runPanel()->setSpec(spec);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        QElapsedTimer sinceRun;
        sinceRun.start();
        typeAndRun(*window, serverUrl(m_server, u"/delay/5"_s), tasks);
        QVERIFY(window->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(window->liveTrace()->trace().events.size() >= midRunEvents, 5000);
        QTest::qWait(100);
        QElapsedTimer clock;
        clock.start();
        // What waiting for the server would cost: the rest of the first requests' 5 s.
        const qint64 remainingMs = 5000 - sinceRun.elapsed();
        QTest::mouseClick(window->runPanel()->findChild<QPushButton *>(u"stopButton"_s),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
        const qint64 ms = clock.elapsed();
        qInfo("stop -> every row cancelled in %lld ms (%lld ms left of the requests)", ms,
              remainingMs);
        // Against that, not a fixed bound: Stop does not wait for any answer.
        QVERIFY2(ms < remainingMs, qPrintable(QString::number(ms)));
        QCOMPARE(window->taskModel()->rowCount(), tasks);
        QCOMPARE(countResult(*window, TaskResult::Cancelled), tasks);
        QCOMPARE(window->summaryStrip()->summary().cancelled, tasks);

        // The export shows the stopped run as it is on screen.
        QTemporaryDir dir;
        QString error;
        QVERIFY2(window->exportTasksCsv(dir.filePath(u"stopped.csv"_s), &error), qPrintable(error));
        const QList<QStringList> rows = readCsv(dir.filePath(u"stopped.csv"_s));
        QCOMPARE(rows.size(), 1 + tasks);
        const qsizetype result = rows.at(0).indexOf(u"result"_s);
        for (const QStringList &row : rows.mid(1))
            QCOMPARE(row.at(result), u"cancelled"_s);
    }

    // A stopped run reads as stopped everywhere, from the trace: no "10 / 10 finished", no
    // speed-up, no "all done".
    void stoppedRunLooksStopped_data()
    {
        QTest::addColumn<int>("strategy");
        QTest::newRow("async, ten replies awaited") << int(Strategy::Async);
        QTest::newRow("blocking, the loop held by a fetch") << int(Strategy::Blocking);
    }
    void stoppedRunLooksStopped()
    {
        QFETCH(int, strategy);
        auto window = makeWindow(m_server);
        window->resize(1400, 900);
        useStrategy(*window, Strategy(strategy));
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/delay/5"_s), 10);
        QTest::qWait(stopAfterMs());
        QTest::mouseClick(window->runPanel()->findChild<QPushButton *>(u"stopButton"_s),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 3000);

        const Trace &trace = window->liveTrace()->trace();
        QVERIFY(hasEvent(trace, EventKind::Stopped));
        // A blocking loop sees Stop only through the flag (the queued cancel() never runs before
        // the tasks end): it must still record no AllDone.
        QVERIFY(!hasEvent(trace, EventKind::AllDone));
        SummaryStrip *strip = window->summaryStrip();
        QTRY_VERIFY(strip->summary().stopped);
        const RunSummary s = strip->summary();
        QCOMPARE(s.ok, 0);
        QCOMPARE(s.cancelled, 10);
        QCOMPARE(strip->captionText(u"tasks"_s), u"Stopped after"_s);
        QCOMPARE(strip->valueText(u"tasks"_s), durationText(s.stoppedAtMs));
        QVERIFY2(!strip->valueText(u"tasks"_s).contains(u'/'),
                 qPrintable(strip->valueText(u"tasks"_s)));
        QCOMPARE(strip->valueText(u"speedup"_s), u"–"_s);
        QCOMPARE(strip->valueText(u"cancelled"_s), u"10"_s);
        const QString expected
            = u"Stopped after %1: 0 ok, 10 cancelled"_s.arg(durationText(s.stoppedAtMs));
        QCOMPARE(strip->toolTipText(u"tasks"_s), expected);
        QCOMPARE(window->statusBar()->currentMessage(), expected);
        QVERIFY2(!window->statusBar()->currentMessage().contains(u"speed-up"_s),
                 qPrintable(window->statusBar()->currentMessage()));
        // The timeline marks the Stop on the loop row.
        TimelineView *timeline = window->timeline();
        timeline->fit();
        const int x = timeline->xForNs(qint64(s.stoppedAtMs * 1e6));
        const QString loopTip = timeline->toolTipAt(QPoint(x, timeline->rowRect(0).top() - 30));
        QVERIFY2(loopTip.contains(u"Stopped at"_s), qPrintable(loopTip));

        if (Strategy(strategy) == Strategy::Async) {
            saveScreenshot(*window, u"stopped-run"_s);
            if (qEnvironmentVariableIsSet("COROSCOPE_SCREENSHOT_DIR")) {
                // The figures as the Concepts dock defines them.
                window->findChild<QDockWidget *>(u"conceptsDock"_s)->raise();
                auto *browser = window->findChild<ConceptsPanel *>()->findChild<QTextBrowser *>();
                browser->scrollToAnchor(u"figures"_s);
                saveScreenshot(*window, u"concepts-figures"_s);
                window->findChild<QDockWidget *>(u"diagnosticsDock"_s)->raise();
            }
            if (qEnvironmentVariableIsSet("COROSCOPE_SCREENSHOT_DIR")) {
                // The same in Chinese, run afresh so that the status bar is Chinese too.
                QVERIFY(MainWindow::applyLanguage(u"zh_CN"_s));
                QTRY_VERIFY(strip->captionText(u"tasks"_s) != u"Stopped after"_s);
                typeAndRun(*window, serverUrl(m_server, u"/delay/5"_s), 10);
                QTest::qWait(stopAfterMs());
                QTest::mouseClick(window->runPanel()->findChild<QPushButton *>(u"stopButton"_s),
                                  Qt::LeftButton);
                QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 3000);
                window->timeline()->fit();
                saveScreenshot(*window, u"stopped-run-zh_CN"_s);
                MainWindow::applyLanguage(u"en"_s);
                QTRY_COMPARE(strip->captionText(u"tasks"_s), u"Stopped after"_s);
            }
        }
    }

    // A run that finished reads as finished, with its speed-up.
    void finishedRunShowsItsSpeedup()
    {
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/delay/0.2"_s), 5);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QVERIFY(hasEvent(window->liveTrace()->trace(), EventKind::AllDone));
        SummaryStrip *strip = window->summaryStrip();
        QTRY_COMPARE(strip->valueText(u"ok"_s), u"5"_s);
        QCOMPARE(strip->captionText(u"tasks"_s), u"Finished"_s);
        QCOMPARE(strip->valueText(u"tasks"_s), u"5 / 5"_s);
        const RunSummary s = strip->summary();
        QVERIFY(s.speedup.has_value());
        QCOMPARE(strip->valueText(u"speedup"_s), SummaryStrip::speedupText(s));
        QVERIFY(strip->valueText(u"speedup"_s).endsWith(u"×"_s));
        QVERIFY2(strip->toolTipText(u"speedup"_s).contains(u"Average tasks in flight"_s),
                 qPrintable(strip->toolTipText(u"speedup"_s)));
        QVERIFY2(strip->toolTipText(u"sum"_s).contains(u"one after another"_s, Qt::CaseInsensitive),
                 qPrintable(strip->toolTipText(u"sum"_s)));
        const QString status = window->statusBar()->currentMessage();
        QVERIFY2(status.startsWith(u"Finished in"_s)
                     && status.contains(u"(speed-up %1)"_s.arg(SummaryStrip::speedupText(s))),
                 qPrintable(status));
    }

    void escapeStops()
    {
        const auto window = makeActiveWindow(m_server);
        QVERIFY(window);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/delay/5"_s), 10);
        QTRY_VERIFY_WITH_TIMEOUT(window->liveTrace()->trace().events.size() >= 30, 5000);
        window->taskTable()->setFocus();
        QTest::keyClick(window->taskTable(), Qt::Key_Escape);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 3000);
        QCOMPARE(countResult(*window, TaskResult::Cancelled), 10);
    }

    void closingMidRunReturnsPromptly_data()
    {
        QTest::addColumn<int>("strategy");
        QTest::addColumn<int>("tasks");
        QTest::addColumn<int>("midRunEvents");
        QTest::newRow("async, 200 awaiting replies") << int(Strategy::Async) << 200 << 600;
        QTest::newRow("blocking, loop blocked in a fetch") << int(Strategy::Blocking) << 20 << 21;
        QTest::newRow("threads") << int(Strategy::Threads) << 50 << 58;
    }
    void closingMidRunReturnsPromptly()
    {
        QFETCH(int, strategy);
        QFETCH(int, tasks);
        QFETCH(int, midRunEvents);
        auto window = makeWindow(m_server);
        RunSpec spec = window->runPanel()->spec();
        spec.strategy = Strategy(strategy);
        // Timed against the workload's first requests: no lone fetch of /delay/5 before them.
        spec.measureAlone = false;
        window->runPanel()->setSpec(spec);
        QElapsedTimer sinceRun;
        sinceRun.start();
        typeAndRun(*window, serverUrl(m_server, u"/delay/5"_s), tasks);
        QVERIFY(window->isRunning());
        QTRY_VERIFY_WITH_TIMEOUT(window->liveTrace()->trace().events.size() >= midRunEvents, 5000);
        QElapsedTimer clock;
        clock.start();
        const qint64 remainingMs = 5000 - sinceRun.elapsed();
        QVERIFY(window->close());
        const qint64 ms = clock.elapsed();
        qInfo("close mid-run returned in %lld ms (%lld ms left of the requests)", ms, remainingMs);
        // Closing does not wait for the server's answers (a ratio, not a fixed bound).
        QVERIFY2(ms < remainingMs, qPrintable(QString::number(ms)));
        QVERIFY(!window->currentRun());
        QCOMPARE(window->liveTrace()->taskCount(), tasks);
        window.reset();
    }

    void badUrlBlocksTheRun()
    {
        auto window = makeWindow(m_server);
        window->runPanel()->findChild<QPlainTextEdit *>(u"urlEdit"_s)->setPlainText(u"ftp://x/"_s);
        QAction *run = window->findChild<QAction *>(u"actionRun"_s);
        QVERIFY(!run->isEnabled());
        QVERIFY(run->toolTip().contains(u"1"_s));
        window->startRun(); // e.g. a stale shortcut: must not start anything
        QVERIFY(!window->currentRun());
        // Before any run the status bar says why Run is disabled, never "press Run".
        QVERIFY2(!window->statusBar()->currentMessage().contains(u"press Run"_s),
                 qPrintable(window->statusBar()->currentMessage()));
        QVERIFY2(window->statusBar()->currentMessage().contains(u"line 1"_s),
                 qPrintable(window->statusBar()->currentMessage()));
        window->runPanel()
            ->findChild<QPlainTextEdit *>(u"urlEdit"_s)
            ->setPlainText(u"http://127.0.0.1:1/"_s);
        QVERIFY(run->isEnabled());
        QVERIFY(window->statusBar()->currentMessage().contains(u"press Run"_s));
    }

    // Keyboard: the tab order runs Examples before Run; an arrow key on the closed result
    // filter opens its list rather than silently hiding rows.
    void keyboardOrderAndClosedCombos()
    {
        auto window = makeWindow(m_server);
        RunPanel *panel = window->runPanel();
        QList<QWidget *> chain;
        for (QWidget *w = panel->findChild<QWidget *>(u"examplesButton"_s); w && chain.size() < 40;
             w = w->nextInFocusChain()) {
            if (w->focusPolicy() & Qt::TabFocus)
                chain << w;
            if (w->objectName() == u"runButton"_s)
                break;
        }
        QCOMPARE(chain.constLast()->objectName(), u"runButton"_s);
        QVERIFY(chain.size() > 5); // every input in between
        auto *combo = window->findChild<QComboBox *>(u"resultFilterCombo"_s);
        combo->setFocus();
        const int before = combo->currentIndex();
        QTest::keyClick(combo, Qt::Key_Down);
        QCOMPARE(combo->currentIndex(), before);
        QTRY_VERIFY(combo->view()->isVisible()); // the list is open instead
        combo->hidePopup();
    }

    void tableAndTimelineSelectTogether()
    {
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/get"_s), 6);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);

        window->timeline()->setSelectedTask(4);
        const QModelIndexList rows = window->taskTable()->selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).data(TaskTableModel::TaskIdRole).toInt(), 4);

        const QModelIndex task2
            = window->filterModel()->mapFromSource(window->taskModel()->index(2, 0));
        window->taskTable()->selectionModel()->setCurrentIndex(
            task2, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        QCOMPARE(window->timeline()->selectedTask(), 2);
    }

    void filterBoxAndResultComboFilterTheTable()
    {
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window,
                   serverUrl(m_server, u"/get"_s) + u'\n' + serverUrl(m_server, u"/status/500"_s),
                   6);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        auto *edit = window->findChild<QLineEdit *>(u"filterEdit"_s);
        auto *combo = window->findChild<QComboBox *>(u"resultFilterCombo"_s);
        auto *count = window->findChild<QLabel *>(u"rowCountLabel"_s);
        QCOMPARE(window->filterModel()->rowCount(), 6);
        edit->setText(u"status/500"_s);
        QCOMPARE(window->filterModel()->rowCount(), 3);
        QVERIFY2(count->text().contains(u"3"_s) && count->text().contains(u"6"_s),
                 qPrintable(count->text()));
        edit->setText(u"4"_s); // a number is a task id
        QCOMPARE(window->filterModel()->rowCount(), 1);
        edit->clear();
        combo->setCurrentIndex(2); // error
        QCOMPARE(window->filterModel()->rowCount(), 3);
        combo->setCurrentIndex(1); // ok
        QCOMPARE(window->filterModel()->rowCount(), 3);
        combo->setCurrentIndex(0);
        QCOMPARE(window->filterModel()->rowCount(), 6);
    }

    void settingsPersistAcrossWindows()
    {
        QSettings().clear();
        {
            auto window = makeWindow(m_server);
            window->setPersistSettings(true);
            window->runPanel()
                ->findChild<QPlainTextEdit *>(u"urlEdit"_s)
                ->setPlainText(serverUrl(m_server, u"/get"_s));
            window->runPanel()->findChild<QSpinBox *>(u"tasksSpin"_s)->setValue(42);
            window->close();
        }
        auto window = makeWindow(m_server);
        const RunSpec spec = window->runPanel()->spec();
        QCOMPARE(spec.urls, QList<QUrl>{QUrl(serverUrl(m_server, u"/get"_s))});
        QCOMPARE(spec.tasks, 42);
        QSettings().clear();
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
