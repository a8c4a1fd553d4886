// The window's run files: a run (and a comparison) saved from the window and opened in another
// one shows the same table, summary, diagnostics and comparison, and exports the same bytes;
// the title names the file and marks an unsaved run; a damaged file is refused with a message;
// a file dropped on the window opens; Open Recent remembers it.
#include "comparewidget.h"
#include "diagnosticspanel.h"
#include "io/runfile.h"
#include "livetrace.h"
#include "mainwindow.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "summarystrip.h"
#include "taskmodel.h"
#include "timelineview.h"

#include "testfiles.h"

#include "windowdriver.h"

#include <QAction>
#include <QFile>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

class TestMainWindowRunFile : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    RunSpec workload(int tasks) const
    {
        RunSpec spec;
        QUrl url = m_server.baseUrl();
        url.setPath(u"/delay/0.05"_s);
        QUrl missing = url;
        missing.setPath(u"/status/500"_s);
        spec.urls = {url, missing};
        spec.tasks = tasks;
        return spec;
    }

    // Every export of the window, by name.
    static QMap<QString, QByteArray> exportAll(MainWindow &window, const QString &dir)
    {
        QMap<QString, QByteArray> out;
        QString error;
        const auto take = [&](const QString &name, bool ok) {
            if (!ok)
                qWarning("%s: %s", qPrintable(name), qPrintable(error));
            const QByteArray bytes = readAll(dir + u'/' + name);
            // Two failed exports must not pass as equal.
            if (!ok || bytes.size() < 20)
                qFatal("export %s failed", qPrintable(name));
            out.insert(name, bytes);
        };
        take(u"tasks.csv"_s, window.exportTasksCsv(dir + u"/tasks.csv"_s, &error));
        take(u"segments.csv"_s, window.exportSegmentsCsv(dir + u"/segments.csv"_s, &error));
        take(u"trace.json"_s, window.exportChromeTrace(dir + u"/trace.json"_s, &error));
        take(u"run.har"_s, window.exportHar(dir + u"/run.har"_s, &error));
        if (!window.compareWidget()->results().isEmpty())
            take(u"compare.csv"_s, window.exportComparisonCsv(dir + u"/compare.csv"_s, &error));
        return out;
    }

    static void compareViews(MainWindow &opened, MainWindow &live)
    {
        QCOMPARE(opened.taskModel()->rowCount(), live.taskModel()->rowCount());
        QCOMPARE(summaryJson(opened.summaryStrip()->currentSummary()),
                 summaryJson(live.summaryStrip()->currentSummary()));
        QTRY_COMPARE(opened.diagnosticsPanel()->count(), live.diagnosticsPanel()->count());
        QCOMPARE(opened.compareWidget()->results().size(), live.compareWidget()->results().size());
        for (qsizetype i = 0; i < live.compareWidget()->summaries().size(); ++i)
            QCOMPARE(summaryJson(opened.compareWidget()->summaries().at(i)),
                     summaryJson(live.compareWidget()->summaries().at(i)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_server.start(0));
    }
    void cleanupTestCase() { QSettings().clear(); }

    void runSavedAndOpened()
    {
        QTemporaryDir dir;
        auto live = makeWindow(m_server);
        QCOMPARE(live->windowTitle(), u"Coroscope"_s);
        QVERIFY(!live->findChild<QAction *>(u"actionSave"_s)->isEnabled());
        live->runPanel()->setSpec(workload(6));
        QSignalSpy finished(live.get(), &MainWindow::runFinished);
        live->startRun();
        QVERIFY(live->isWindowModified()); // a run in progress is not saved
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QVERIFY(live->isWindowModified());
        QVERIFY(live->windowTitle().startsWith(u"Unsaved run"_s));
        QVERIFY(live->findChild<QAction *>(u"actionSave"_s)->isEnabled());
        QDir().mkpath(dir.filePath(u"live"_s));
        const auto liveExports = exportAll(*live, dir.filePath(u"live"_s));

        const QString path = dir.filePath(u"run.coroscope"_s);
        QString error;
        QVERIFY2(live->saveRunFile(path, &error), qPrintable(error));
        QVERIFY(!live->isWindowModified());
        QCOMPARE(live->windowTitle(), u"run.coroscope[*] - Coroscope"_s);
        QCOMPARE(live->runFilePath(), path);

        auto opened = makeWindow(m_server);
        QVERIFY2(opened->openRunFile(path, &error), qPrintable(error));
        QVERIFY(!opened->isWindowModified());
        QCOMPARE(opened->windowTitle(), u"run.coroscope[*] - Coroscope"_s);
        QCOMPARE(opened->runPanel()->spec().tasks, 6);
        QDir().mkpath(dir.filePath(u"opened"_s));
        const auto openedExports = exportAll(*opened, dir.filePath(u"opened"_s));
        QCOMPARE(openedExports.keys(), liveExports.keys());
        for (auto it = liveExports.cbegin(); it != liveExports.cend(); ++it)
            QVERIFY2(openedExports.value(it.key()) == *it, qPrintable(it.key()));
        compareViews(*opened, *live);
    }

    // A run saved while the embedded server had another port (issue 17.5): opened another day,
    // Run again fetches today's server, Compare with Saved Run finds the URLs alike, and the
    // file still holds the port it fetched.
    void runAgainFollowsTheServer()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"moved.coroscope"_s);
        QString error;
        quint16 oldPort = 0;
        {
            TestServer other; // the server of another day, gone when the file is opened
            QVERIFY(other.start(0));
            oldPort = other.port();
            QVERIFY(oldPort != m_server.port());
            auto live = makeWindow(other);
            RunSpec spec;
            spec.urls = {QUrl(serverUrl(other, u"/delay/0.05"_s))};
            spec.tasks = 3;
            live->runPanel()->setSpec(spec);
            QSignalSpy finished(live.get(), &MainWindow::runFinished);
            live->startRun();
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
            QCOMPARE(countResult(*live, TaskResult::Ok), 3);
            QVERIFY2(live->saveRunFile(path, &error), qPrintable(error));
        }
        auto opened = makeWindow(m_server);
        QVERIFY2(opened->openRunFile(path, &error), qPrintable(error));
        const QList<QUrl> urls = opened->runPanel()->spec().urls;
        QCOMPARE(urls.size(), 1);
        QCOMPARE(urls.constFirst().toString(), serverUrl(m_server, u"/delay/0.05"_s));
        QSignalSpy finished(opened.get(), &MainWindow::runFinished);
        opened->startRun();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QCOMPARE(countResult(*opened, TaskResult::Ok), 3);

        QVERIFY2(opened->compareWithFiles({path}, &error), qPrintable(error));
        QCOMPARE(opened->compareWidget()->warnings(), QStringList());

        RunRecord file;
        QCOMPARE(loadRunFile(path, &file, &error), RunFile::Error::None);
        QVERIFY(file.runs.constFirst().urls.constFirst().contains(u":%1/"_s.arg(oldPort)));
    }

    void comparisonSavedAndOpened()
    {
        QTemporaryDir dir;
        auto live = makeWindow(m_server);
        live->runPanel()->setSpec(workload(4));
        QSignalSpy finished(live.get(), &MainWindow::comparisonFinished);
        live->startComparison({Strategy::Async, Strategy::Sequential, Strategy::Threads});
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        QVERIFY(live->isWindowModified());
        QDir().mkpath(dir.filePath(u"live"_s));
        const auto liveExports = exportAll(*live, dir.filePath(u"live"_s));
        QVERIFY(liveExports.contains(u"compare.csv"_s));
        const QString path = dir.filePath(u"compare.coroscope"_s);
        QString error;
        QVERIFY2(live->saveRunFile(path, &error), qPrintable(error));

        auto opened = makeWindow(m_server);
        QVERIFY2(opened->openRunFile(path, &error), qPrintable(error));
        QCOMPARE(opened->runRecord().compare.size(), 3);
        QDir().mkpath(dir.filePath(u"opened"_s));
        const auto openedExports = exportAll(*opened, dir.filePath(u"opened"_s));
        QCOMPARE(openedExports.keys(), liveExports.keys());
        for (auto it = liveExports.cbegin(); it != liveExports.cend(); ++it)
            QVERIFY2(openedExports.value(it.key()) == *it, qPrintable(it.key()));
        compareViews(*opened, *live);
    }

    void damagedFileRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"bad.coroscope"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("COROSCOPE-RUN 1.0 0.1.0\n{\"body\":");
        file.close();
        auto window = makeWindow(m_server);
        QString error;
        QVERIFY(!window->openRunFile(path, &error));
        QVERIFY2(error.contains(u"truncated inside its header"_s), qPrintable(error));
        auto *box = window->findChild<QMessageBox *>(u"openErrorBox"_s);
        QVERIFY(box);
        QTRY_VERIFY(box->isVisible());
        QVERIFY(box->informativeText().contains(path));
        QCOMPARE(window->windowTitle(), u"Coroscope"_s);
        box->close();
    }

    void dropAndRecent()
    {
        QTemporaryDir dir;
        // A small saved run, written directly.
        auto source = makeWindow(m_server);
        source->runPanel()->setSpec(workload(2));
        QSignalSpy finished(source.get(), &MainWindow::runFinished);
        source->startRun();
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        const QString path = dir.filePath(u"dropped.coroscope"_s);
        QString error;
        QVERIFY(source->saveRunFile(path, &error));

        auto window = makeWindow(m_server);
        window->setPersistSettings(true); // Open Recent is a setting
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QCoreApplication::sendEvent(window.get(), &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(window.get(), &drop);
        QTRY_COMPARE(window->windowTitle(), u"dropped.coroscope[*] - Coroscope"_s);
        QCOMPARE(window->liveTrace()->taskCount(), 2);
        QCOMPARE(MainWindow::recentRunFiles().value(0), QFileInfo(path).absoluteFilePath());
        auto *recent = window->findChild<QMenu *>(u"menuOpenRecent"_s);
        QVERIFY(recent && recent->isEnabled());
        window->setPersistSettings(false);
    }
};

QTEST_MAIN(TestMainWindowRunFile)
#include "tst_mainwindowrunfile.moc"
