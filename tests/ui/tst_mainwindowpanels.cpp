#include "conceptspanel.h"
#include "diagnosticspanel.h"
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

#include <QAbstractItemView>
#include <QAction>
#include <QDockWidget>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTabWidget>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

// The window's panels read a real run: diagnostics point at the task, concepts show on the
// timeline, worker rows, the summary's lag, the phases band, the language switched live. (Split
// from tst_mainwindow.)
class TestMainWindowPanels : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(startWindowTests(m_server), qPrintable(m_server.errorString()));
    }

    void cleanupTestCase() { QSettings().clear(); }

    void diagnosticsPointAtTheBlockingTask()
    {
        auto window = makeWindow(m_server);
        auto *dock = window->findChild<QDockWidget *>(u"diagnosticsDock"_s);
        QVERIFY(dock);
        QTRY_VERIFY(dock->isVisible());
        useStrategy(*window, Strategy::Blocking);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/delay/0.2"_s), 3);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);

        DiagnosticsPanel *panel = window->diagnosticsPanel();
        QTRY_VERIFY(panel->rowOf(Diagnostic::Kind::LoopBlocked) >= 0);
        const int row = panel->rowOf(Diagnostic::Kind::LoopBlocked);
        const Diagnostic blocked = panel->diagnostics().at(row);
        QVERIFY2(blocked.text.contains(u"blocked the event loop"_s), qPrintable(blocked.text));
        QVERIFY(!blocked.tasks.isEmpty());
        const int task = blocked.tasks.first();

        panel->activate(row);
        QCOMPARE(window->timeline()->selectedTask(), task);
        const QModelIndexList rows = window->taskTable()->selectionModel()->selectedRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.at(0).data(TaskTableModel::TaskIdRole).toInt(), task);
        QVERIFY(window->timeline()->isHighlighted(task));
        // Selecting another task clears what the diagnostic pointed at.
        const int other = task == 0 ? 1 : 0;
        window->timeline()->setSelectedTask(other);
        QVERIFY(!window->timeline()->hasHighlight());
    }

    void diagnosticsFollowALiveRun()
    {
        auto window = makeWindow(m_server);
        useStrategy(*window, Strategy::Blocking);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/delay/0.4"_s), 4);
        // Throttled while live, but there before the run ends.
        QTRY_VERIFY_WITH_TIMEOUT(
            window->diagnosticsPanel()->rowOf(Diagnostic::Kind::LoopBlocked) >= 0, 1500);
        QVERIFY(window->isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        // A hidden dock is not kept up to date, and catches up when shown again.
        auto *dock = window->findChild<QDockWidget *>(u"diagnosticsDock"_s);
        dock->hide();
        useStrategy(*window, Strategy::Async);
        typeAndRun(*window, serverUrl(m_server, u"/get"_s), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        dock->show();
        QTRY_COMPARE(window->diagnosticsPanel()->rowOf(Diagnostic::Kind::LoopBlocked), -1);
    }

    void conceptsShowMe_data()
    {
        QTest::addColumn<int>("concept_");
        for (const ConceptsPanel::Concept c : ConceptsPanel::allConcepts())
            QTest::newRow(qPrintable(ConceptsPanel::title(c))) << int(c);
    }
    void conceptsShowMe()
    {
        QFETCH(int, concept_);
        const auto which = ConceptsPanel::Concept(concept_);
        auto window = makeWindow(m_server);
        // Nothing on screen yet: a hint, no crash.
        window->showConcept(which);
        QVERIFY2(window->statusBar()->currentMessage().contains(u"Run a workload first"_s),
                 qPrintable(window->statusBar()->currentMessage()));

        useStrategy(*window, Strategy::Blocking);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/delay/0.1"_s), 3);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        // Through the panel's own link, as a click on "Show me" does.
        window->conceptsPanel()->openLink(ConceptsPanel::showMeUrl(which));
        QVERIFY(!window->statusBar()->currentMessage().isEmpty());
        QVERIFY(!window->statusBar()->currentMessage().contains(u"Run a workload first"_s));
        if (which != ConceptsPanel::Concept::EventLoop)
            QVERIFY(window->timeline()->selectedTask() >= 0);
        if (which == ConceptsPanel::Concept::Blocking) {
            QVERIFY2(window->statusBar()->currentMessage().contains(u"without giving the loop"_s),
                     qPrintable(window->statusBar()->currentMessage()));
        }
    }

    void awaitConceptPointsAtTheLongestSuspension()
    {
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(
            *window,
            serverUrl(m_server, u"/delay/0.1"_s) + u'\n' + serverUrl(m_server, u"/delay/0.3"_s), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        window->showConcept(ConceptsPanel::Concept::Await);
        QCOMPARE(window->timeline()->selectedTask(), 1); // the /delay/0.3 one
        QVERIFY2(window->statusBar()->currentMessage().contains(u"await reply"_s),
                 qPrintable(window->statusBar()->currentMessage()));
    }

    void threadsRowsNameTheirWorker()
    {
        auto window = makeWindow(m_server);
        useStrategy(*window, Strategy::Threads);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/get"_s), 4);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const TaskTableModel *model = window->taskModel();
        QSet<QString> workers;
        for (int row = 0; row < 4; ++row) {
            const QString text = model->index(row, TaskTableModel::WorkerColumn).data().toString();
            QVERIFY2(text.startsWith(u"worker "_s), qPrintable(text));
            workers.insert(text);
        }
        QVERIFY(workers.size() >= 2); // 8 workers: the tasks ran on several
        const QString tip = window->timeline()->toolTipAt(window->timeline()->rowRect(0).center());
        QVERIFY2(tip.contains(u"worker "_s), qPrintable(tip));

        useStrategy(*window, Strategy::Async);
        typeAndRun(*window, serverUrl(m_server, u"/get"_s), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 10000);
        QCOMPARE(model->index(0, TaskTableModel::WorkerColumn).data().toString(), u"loop"_s);
    }

    void summaryShowsLagMaxAndP99()
    {
        auto window = makeWindow(m_server);
        useStrategy(*window, Strategy::Blocking);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/delay/0.2"_s), 2);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        const RunSummary s = window->summaryStrip()->summary();
        QVERIFY(s.lagSamples > 0);
        const QString lag = window->summaryStrip()->valueText(u"lag"_s);
        QCOMPARE(lag, u"max %1 · p99 %2"_s.arg(durationText(s.lagMaxMs), durationText(s.lagP99Ms)));
    }

    // View > Phases: on by default, hides the timeline's band and its legend entries, and is
    // remembered like the window's other settings.
    void phasesActionTogglesTheBand()
    {
        QSettings().clear();
        QStringList legendOn;
        {
            auto window = makeWindow(m_server);
            window->setPersistSettings(true);
            auto *action = window->findChild<QAction *>(u"actionPhases"_s);
            QVERIFY(action);
            QVERIFY(action->isCheckable());
            QVERIFY(action->isChecked());
            QVERIFY(window->findChild<QMenu *>(u"menuView"_s)->actions().contains(action));
            QVERIFY(window->timeline()->showPhases());
            const auto legendTexts = [&window]() {
                QStringList texts;
                for (const QLabel *label :
                     window->findChild<QWidget *>(u"legendWidget"_s)->findChildren<QLabel *>())
                    if (!label->text().isEmpty())
                        texts << label->text();
                return texts;
            };
            legendOn = legendTexts();
            QVERIFY2(legendOn.contains(u"server queue"_s), qPrintable(legendOn.join(u", "_s)));

            action->trigger();
            QVERIFY(!action->isChecked());
            QVERIFY(!window->timeline()->showPhases());
            const QStringList legendOff = legendTexts();
            QVERIFY2(!legendOff.contains(u"server queue"_s), qPrintable(legendOff.join(u", "_s)));
            QVERIFY(legendOff.contains(u"suspended"_s));
            // The view's own toggle keeps the menu in step.
            window->timeline()->setShowPhases(true);
            QVERIFY(action->isChecked());
            QCOMPARE(legendTexts(), legendOn);
            action->trigger();
            window->close();
        }
        auto window = makeWindow(m_server);
        QVERIFY(!window->findChild<QAction *>(u"actionPhases"_s)->isChecked());
        QVERIFY(!window->timeline()->showPhases());
        QSettings().clear();
    }

    void languageSwitchesLive()
    {
        auto window = makeWindow(m_server);
        QMenu *file = window->findChild<QMenu *>(u"menuFile"_s);
        QCOMPARE(file->title(), u"&File"_s);
        QVERIFY2(MainWindow::applyLanguage(u"zh_CN"_s), "the zh_CN translation is not built in");
        // LanguageChange reaches the widgets through the event loop.
        QTRY_VERIFY2(file->title() != u"&File"_s, qPrintable(file->title()));
        auto *tabs = window->findChild<QTabWidget *>(u"bottomTabs"_s);
        QVERIFY2(tabs->tabText(0) != u"Tasks"_s, qPrintable(tabs->tabText(0)));
        QVERIFY(
            window->taskModel()->headerData(TaskTableModel::ResultColumn, Qt::Horizontal).toString()
            != u"Result"_s);
        QVERIFY(window->runPanel()->runBlockedReason().isEmpty());
        MainWindow::applyLanguage(u"en"_s);
        QTRY_COMPARE(file->title(), u"&File"_s);
    }
};

QTEST_MAIN(TestMainWindowPanels)
#include "tst_mainwindowpanels.moc"
