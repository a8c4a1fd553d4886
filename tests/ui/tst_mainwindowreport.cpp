// File > Export Report… in the window: the run on screen (a live run, a comparison, an opened
// run file) as the HTML report coroscope --report writes, in the window's language; the action
// waits for a run to end; a report that cannot be written says why.
#include "io/report.h"
#include "io/runfile.h"
#include "livetrace.h"
#include "mainwindow.h"
#include "run/sweep.h"
#include "runpanel.h"
#include "server/testserver.h"

#include "testfiles.h"

#include "windowdriver.h"

#include <QAction>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

class TestMainWindowReport : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    RunSpec workload(int tasks) const
    {
        RunSpec spec;
        spec.urls = {QUrl(serverUrl(m_server, u"/delay/0.05"_s))};
        spec.tasks = tasks;
        return spec;
    }

    static QAction *reportAction(MainWindow &window)
    {
        return window.findChild<QAction *>(u"actionExportReport"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_server.start(0));
    }
    void cleanupTestCase() { QSettings().clear(); }

    void actionInTheFileMenu()
    {
        auto window = makeWindow(m_server);
        QAction *action = reportAction(*window);
        QVERIFY(action);
        QCOMPARE(action->shortcut(), QKeySequence(u"Ctrl+Shift+E"_s));
        auto *file = window->menuBar()->findChild<QMenu *>(u"menuFile"_s);
        QVERIFY(file);
        QVERIFY(file->actions().contains(action));
        // After the other exports.
        QCOMPARE(file->actions().indexOf(action),
                 file->actions().indexOf(window->findChild<QAction *>(u"actionExportTimelineSvg"_s))
                     + 1);
        // Nothing on screen yet: nothing to report.
        QVERIFY(!action->isEnabled());
    }

    void reportOfTheRunOnScreen()
    {
        QTemporaryDir dir;
        auto window = makeWindow(m_server);
        window->runPanel()->setSpec(workload(4));
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        window->startRun();
        QVERIFY(!reportAction(*window)->isEnabled()); // waits for the run to end
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QTRY_VERIFY(reportAction(*window)->isEnabled());

        const QString path = dir.filePath(u"report.html"_s);
        QString error;
        QVERIFY2(window->exportReport(path, &error), qPrintable(error));
        const QByteArray html = readAll(path);
        // The window's record, as coroscope --report writes it.
        QCOMPARE(html, reportHtml(window->runRecord()));
        QVERIFY(html.contains("class=\"timeline\""));
        QVERIFY(html.contains(serverUrl(m_server, u"/delay/0.05"_s).toUtf8()));

        // Saved and opened again: the same report, naming its file.
        const QString saved = dir.filePath(u"run.coroscope"_s);
        QVERIFY2(window->saveRunFile(saved, &error), qPrintable(error));
        auto opened = makeWindow(m_server);
        QVERIFY2(opened->openRunFile(saved, &error), qPrintable(error));
        QVERIFY(reportAction(*opened)->isEnabled());
        const QString reopened = dir.filePath(u"reopened.html"_s);
        QVERIFY2(opened->exportReport(reopened, &error), qPrintable(error));
        ReportOptions options;
        options.sourceFile = u"run.coroscope"_s;
        QCOMPARE(readAll(reopened), reportHtml(window->runRecord(), options));
    }

    void comparisonReport()
    {
        QTemporaryDir dir;
        auto window = makeWindow(m_server);
        window->runPanel()->setSpec(workload(3));
        QSignalSpy finished(window.get(), &MainWindow::comparisonFinished);
        window->startComparison({Strategy::Async, Strategy::Sequential});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QTRY_VERIFY(reportAction(*window)->isEnabled());
        const QString path = dir.filePath(u"compare.html"_s);
        QString error;
        QVERIFY2(window->exportReport(path, &error), qPrintable(error));
        const QByteArray html = readAll(path);
        QCOMPARE(html.count("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\""), 2);
        QVERIFY(html.contains("<section class=\"comparison\">"));
    }

    void sweepReport()
    {
        // A sweep on screen (Run > Sweep…): its charts and tables, as --sweep --report writes.
        QTemporaryDir dir;
        auto window = makeWindow(m_server);
        SweepSpec spec;
        spec.base = workload(1);
        spec.knob = SweepKnob::Tasks;
        spec.values = {1, 2};
        QSignalSpy finished(window.get(), &MainWindow::sweepFinished);
        window->startSweep(spec);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QTRY_VERIFY(reportAction(*window)->isEnabled());
        const QString path = dir.filePath(u"sweep.html"_s);
        QString error;
        QVERIFY2(window->exportReport(path, &error), qPrintable(error));
        const QByteArray html = readAll(path);
        QVERIFY(html.contains("<section class=\"sweep\">"));
        QCOMPARE(html, reportHtml(window->runRecord()));
    }

    void unwritableReportSaysWhy()
    {
        QTemporaryDir dir;
        auto window = makeWindow(m_server);
        QString error;
        window->runPanel()->setSpec(workload(2));
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        window->startRun();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        const QString path = dir.filePath(u"missing/report.html"_s);
        QVERIFY(!window->exportReport(path, &error));
        QVERIFY2(error.contains(path), qPrintable(error));
        QTRY_VERIFY(window->findChild<QMessageBox *>(u"exportErrorBox"_s));
    }

    void inTheWindowsLanguage()
    {
        QTemporaryDir dir;
        auto window = makeWindow(m_server);
        window->runPanel()->setSpec(workload(2));
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        window->startRun();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QVERIFY(MainWindow::applyLanguage(u"zh_CN"_s));
        const QString path = dir.filePath(u"zh.html"_s);
        QString error;
        const bool ok = window->exportReport(path, &error);
        MainWindow::applyLanguage(u"en"_s);
        QVERIFY2(ok, qPrintable(error));
        const QByteArray html = readAll(path);
        QVERIFY(html.contains("lang=\"zh-CN\""));
        QVERIFY(!html.contains("Wall time")); // the summary strip's caption, in Chinese
    }
};

QTEST_MAIN(TestMainWindowReport)
#include "tst_mainwindowreport.moc"
