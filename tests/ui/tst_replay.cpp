#include "io/csv.h"
#include "livetrace.h"
#include "loopstatepanel.h"
#include "mainwindow.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "summarystrip.h"
#include "taskmodel.h"
#include "timelineview.h"
#include "trace/vocabulary.h"

#include "windowdriver.h"

#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

// Replay in the window: moving the Loop state playhead re-enacts the run in the table, the
// summary and the timeline, as if it were live; what stands for the run itself (exports, the
// record a save keeps) stays the whole run.
class TestReplay : public QObject
{
    Q_OBJECT

    TestServer m_server;

    static QString resultText(const MainWindow &window, int task)
    {
        const TaskTableModel *model = window.taskModel();
        return model->index(task, TaskTableModel::ResultColumn).data().toString();
    }

    static int csvRows(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return -1;
        return int(parseCsv(file.readAll()).size()) - 1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(startWindowTests(m_server), qPrintable(m_server.errorString()));
    }

    void cleanupTestCase() { QSettings().clear(); }

    // Fast and slow tasks: between the two, the table, the summary and the timeline show the
    // fast ones finished and the slow ones in flight; an export still has every task.
    void playheadReEnactsTheRun()
    {
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(
            *window,
            serverUrl(m_server, u"/delay/0.1"_s) + u'\n' + serverUrl(m_server, u"/delay/0.5"_s), 6);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QCOMPARE(countResult(*window, TaskResult::Ok), 6);
        QTRY_COMPARE(window->summaryStrip()->valueText(u"ok"_s), u"6"_s);

        LiveTrace *live = window->liveTrace();
        const SegmentBuilder &segments = live->wholeSegments();
        qint64 fastDone = 0;
        qint64 slowDone = INT64_MAX;
        for (quint32 t = 0; t < 6; ++t) {
            const qint64 at = segments.times(t).finishedNs;
            if (t % 2 == 0)
                fastDone = std::max(fastDone, at);
            else
                slowDone = std::min(slowDone, at);
        }
        QVERIFY(fastDone < slowDone);
        const qint64 between = (fastDone + slowDone) / 2;

        window->timeline()->setSelectedTask(1);
        window->showLoopStateAt(between);
        QVERIFY(live->isViewingPast());
        QCOMPARE(countResult(*window, TaskResult::Ok), 3);
        QCOMPARE(countResult(*window, TaskResult::Unfinished), 3);
        QCOMPARE(resultText(*window, 0), Vocabulary::resultText(TaskResult::Ok));
        // In flight, as a live table shows it: where it is (awaiting its slow reply).
        QCOMPARE(resultText(*window, 1), u"suspended"_s);
        QTRY_COMPARE(window->summaryStrip()->valueText(u"ok"_s), u"3"_s);
        QCOMPARE(window->summaryStrip()->currentSummary().unfinished, 3);
        QVERIFY(!live->trace().isComplete());
        QCOMPARE(window->timeline()->selectedTask(), 1); // moving the view keeps the selection

        // Exports are of the whole run, wherever the playhead is.
        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(u"tasks.csv"_s);
        QVERIFY2(window->exportTasksCsv(path, &error), qPrintable(error));
        QCOMPARE(csvRows(path), 6);
        QFile csv(path);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QVERIFY(!csv.readAll().contains("unfinished"));

        // Back to the start: nothing finished; to the end: the whole run again.
        window->loopStatePanel()->toStart();
        QCOMPARE(countResult(*window, TaskResult::Ok), 0);
        QTRY_COMPARE(window->summaryStrip()->valueText(u"ok"_s), u"0"_s);
        window->loopStatePanel()->toEnd();
        QVERIFY(!live->isViewingPast());
        QCOMPARE(countResult(*window, TaskResult::Ok), 6);
        QTRY_COMPARE(window->summaryStrip()->valueText(u"ok"_s), u"6"_s);
        QCOMPARE(window->timeline()->selectedTask(), 1);
    }

    // A live run dragged back: the views stay in the past while the run goes on and ends; the
    // record a save keeps and the exports are the whole run; Live returns to it.
    void liveRunViewedInThePast()
    {
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/delay/0.6"_s), 4);
        LiveTrace *live = window->liveTrace();
        QTRY_VERIFY_WITH_TIMEOUT(live->wholeTrace().events.size() >= 8, 5000);
        QVERIFY(window->loopStatePanel()->isFollowingLive());
        window->showLoopStateAt(1'000'000); // 1 ms: tasks just created, none finished
        QVERIFY(!window->loopStatePanel()->isFollowingLive());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QVERIFY(live->wholeTrace().isComplete());
        // The status bar tells how the run ended, not the instant on screen.
        QVERIFY2(window->statusBar()->currentMessage().contains(u"4 ok"_s),
                 qPrintable(window->statusBar()->currentMessage()));
        QVERIFY(live->isViewingPast());
        QCOMPARE(countResult(*window, TaskResult::Ok), 0);
        QTRY_COMPARE(window->summaryStrip()->valueText(u"ok"_s), u"0"_s);
        // The time axis keeps the whole run's length.
        QVERIFY(window->timeline()->coordinates().limitNs() >= live->wholeTrace().endNs);

        QTemporaryDir dir;
        QString error;
        const QString path = dir.filePath(u"tasks.csv"_s);
        QVERIFY2(window->exportTasksCsv(path, &error), qPrintable(error));
        QCOMPARE(csvRows(path), 4);

        window->loopStatePanel()->followLive();
        QVERIFY(!live->isViewingPast());
        QCOMPARE(countResult(*window, TaskResult::Ok), 4);
        QTRY_COMPARE(window->summaryStrip()->valueText(u"ok"_s), u"4"_s);
    }
};

QTEST_MAIN(TestReplay)
#include "tst_replay.moc"
