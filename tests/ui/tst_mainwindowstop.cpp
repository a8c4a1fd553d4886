// A stopped run in the window: one end and no speed-up (issue 17.3, issue 18's mutation "a
// stopped run given a speed-up", which the window tests missed: they stopped before any answer).
#include "charts.h"
#include "livetrace.h"
#include "mainwindow.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "summarystrip.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include "windowdriver.h"

#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

class TestMainWindowStop : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(startWindowTests(m_server), qPrintable(m_server.errorString()));
    }

    // Issue 18's mutation "a stopped run given a speed-up" and issue 17.3: Stop after some tasks
    // got their answers (a server reporting its queue, so a speed-up could be computed). The
    // run has no speed-up, and one end: "Stopped after", the wall time, the in-flight chart's
    // axis; the cancelled tasks are not in the latency histogram.
    void stoppedRunWithAnswersHasOneEndAndNoSpeedup()
    {
        auto window = makeWindow(m_server);
        window->resize(1400, 900);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window,
                   serverUrl(m_server, u"/get"_s) + u'\n' + serverUrl(m_server, u"/delay/5"_s), 10);
        QTRY_COMPARE_WITH_TIMEOUT(countResult(*window, TaskResult::Ok), 5, 10000);
        QTest::mouseClick(window->runPanel()->findChild<QPushButton *>(u"stopButton"_s),
                          Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
        SummaryStrip *strip = window->summaryStrip();
        QTRY_VERIFY(strip->summary().stopped);
        const RunSummary s = strip->currentSummary();
        QCOMPARE(s.ok, 5);
        QCOMPARE(s.cancelled, 5);
        QVERIFY(!s.speedup);
        QCOMPARE(strip->valueText(u"speedup"_s), u"–"_s);
        QVERIFY2(strip->toolTipText(u"speedup"_s).contains(u"This run was stopped"_s),
                 qPrintable(strip->toolTipText(u"speedup"_s)));
        QVERIFY2(!window->statusBar()->currentMessage().contains(u"speed-up"_s),
                 qPrintable(window->statusBar()->currentMessage()));
        // One end, one rounding.
        QCOMPARE(s.wallMs, s.stoppedAtMs);
        QCOMPARE(strip->valueText(u"wall"_s), strip->valueText(u"tasks"_s));
        const Trace &trace = window->liveTrace()->trace();
        QCOMPARE(double(runEndNs(trace)) / 1e6, s.stoppedAtMs);
        QVERIFY(trace.lastNs() >= runEndNs(trace)); // the cancellations reach the tasks later
        RunCharts *charts = window->charts();
        auto *tabs = window->findChild<QTabWidget *>(u"bottomTabs"_s);
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->widget(i)->isAncestorOf(charts))
                tabs->setCurrentIndex(i);
        }
        QTRY_VERIFY(charts->isVisible());
        QTRY_COMPARE(charts->inFlightAxisEndSeconds(), s.stoppedAtMs / 1000);
        QList<TaskTimes> times;
        for (quint32 t = 0; t < quint32(trace.tasks.size()); ++t)
            times.append(window->liveTrace()->segments().times(t));
        QCOMPARE(RunCharts::finishedLatencies(trace, times).size(), 5);
        const QList<QPointF> steps
            = RunCharts::inFlightSteps(times, trace.lastNs(), 1000, runEndNs(trace));
        QCOMPARE(steps.constLast().x(), s.stoppedAtMs / 1000);
        QCOMPARE(steps.constLast().y(), 5.0); // the five cut short, in flight until the end
    }
};

QTEST_MAIN(TestMainWindowStop)
#include "tst_mainwindowstop.moc"
