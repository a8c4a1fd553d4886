// The window compares the run on screen with runs saved in files: a single run becomes one band
// and each file's runs more bands, labelled with the file; the table, the summaries and the
// comparison CSV name the file; runs that are not comparable get a visible warning; a file's
// bands can be removed; adding the same file twice or a damaged one says why; a save keeps the
// compared runs and opening it shows them again; a file dropped on the Compare tab is added.
#include "comparewidget.h"
#include "io/csv.h"
#include "io/runfile.h"
#include "livetrace.h"
#include "mainwindow.h"
#include "runpanel.h"
#include "server/testserver.h"

#include "testfiles.h"

#include "windowdriver.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

class TestMainWindowCompareFile : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    QTemporaryDir m_dir;
    QString m_lastWeek; // a comparison of async and sequential, 4 tasks
    QString m_single; // one async run, 2 tasks

    RunSpec workload(int tasks) const
    {
        RunSpec spec;
        QUrl url = m_server.baseUrl();
        url.setPath(u"/delay/0.05"_s);
        spec.urls = {url};
        spec.tasks = tasks;
        return spec;
    }

    static QStringList column(const CompareWidget *widget, int column)
    {
        auto *table = widget->findChild<QTableWidget *>(u"compareTable"_s);
        QStringList cells;
        for (int row = 0; row < table->rowCount(); ++row)
            cells.append(table->item(row, column)->text());
        return cells;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_server.start(0));
        m_lastWeek = m_dir.filePath(u"last-week.coroscope"_s);
        m_single = m_dir.filePath(u"single.coroscope"_s);
        QString error;
        {
            auto window = makeWindow(m_server);
            window->runPanel()->setSpec(workload(4));
            QSignalSpy finished(window.get(), &MainWindow::comparisonFinished);
            window->startComparison({Strategy::Async, Strategy::Sequential});
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
            QVERIFY2(window->saveRunFile(m_lastWeek, &error), qPrintable(error));
        }
        {
            auto window = makeWindow(m_server);
            window->runPanel()->setSpec(workload(2));
            QSignalSpy finished(window.get(), &MainWindow::runFinished);
            window->startRun();
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
            QVERIFY2(window->saveRunFile(m_single, &error), qPrintable(error));
        }
    }
    void cleanupTestCase() { QSettings().clear(); }

    void singleRunWithFile()
    {
        auto window = makeWindow(m_server);
        QString error;
        QVERIFY2(window->openRunFile(m_single, &error), qPrintable(error));
        CompareWidget *compare = window->compareWidget();
        QVERIFY(compare->summaries().isEmpty()); // a single run has no comparison yet
        QVERIFY(window->findChild<QAction *>(u"actionCompareWith"_s)->isEnabled());

        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        auto *splitter = window->findChild<QSplitter *>(u"rightSplitter"_s);
        const QList<int> userSizes = splitter->sizes();
        QVERIFY2(window->compareWithFiles({m_lastWeek}, &error), qPrintable(error));
        QVERIFY(window->isWindowModified()); // the file on disk does not hold them
        QCOMPARE(splitter->sizes(), userSizes); // the timeline keeps the height the user gave it
        // The run on screen is one band, the file's two runs two more, in that order.
        const QList<RunSummary> summaries = compare->summaries();
        QCOMPARE(summaries.size(), 3);
        QCOMPARE(summaries.at(0).source, QString());
        QCOMPARE(summaries.at(0).tasks, 2);
        QCOMPARE(summaries.at(1).source, u"last-week.coroscope"_s);
        QCOMPARE(summaries.at(1).strategy, u"async"_s);
        QCOMPARE(summaries.at(2).strategy, u"sequential"_s);
        QCOMPARE(column(compare, 0), (QStringList{u"async"_s, u"async"_s, u"sequential"_s}));
        QCOMPARE(column(compare, 9),
                 (QStringList{u"this run"_s, u"last-week.coroscope"_s, u"last-week.coroscope"_s}));
        // Not the same workload: said, not blocked.
        auto *notes = compare->findChild<QLabel *>(u"comparabilityNotes"_s);
        QVERIFY(notes->isVisible());
        QVERIFY2(notes->text().contains(u"last-week.coroscope: 4 tasks vs 2 here"_s),
                 qPrintable(notes->text()));

        const QString csv = m_dir.filePath(u"single-compare.csv"_s);
        QVERIFY2(window->exportComparisonCsv(csv, &error), qPrintable(error));
        const QList<QStringList> rows = parseCsv(readAll(csv));
        QCOMPARE(rows.size(), 4);
        QCOMPARE(rows.at(0).at(10), u"source"_s);
        QCOMPARE(rows.at(1).at(10), QString());
        QCOMPARE(rows.at(2).at(10), u"last-week.coroscope"_s);

        // The same file again is refused with a message; nothing is drawn twice.
        QVERIFY(!window->compareWithFiles({m_dir.filePath(u"./last-week.coroscope"_s)}, &error));
        QVERIFY2(error.contains(u"already in the comparison"_s), qPrintable(error));
        QCOMPARE(compare->summaries().size(), 3);
        auto *box = window->findChild<QMessageBox *>(u"compareWithErrorBox"_s);
        QVERIFY(box);
        box->close();

        // Its chip takes the file's bands away; the single run's band goes with the last file.
        QToolButton *chip = nullptr;
        for (QToolButton *button : compare->findChildren<QToolButton *>(u"removeSource"_s)) {
            if (button->property("source").toString() == u"last-week.coroscope"_s)
                chip = button;
        }
        QVERIFY(chip);
        chip->click();
        QVERIFY(compare->summaries().isEmpty());
        QVERIFY(compare->comparedRuns().isEmpty());
        QVERIFY(!notes->isVisible() || notes->text().isEmpty());
        QVERIFY(window->runRecord().comparedRuns.isEmpty());
    }

    void damagedFileSaysWhy()
    {
        const QString bad = m_dir.filePath(u"bad.coroscope"_s);
        QFile file(bad);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("COROSCOPE-RUN 9.0 9.9.9\n{}\n");
        file.close();
        auto window = makeWindow(m_server);
        QString error;
        QVERIFY(window->openRunFile(m_single, &error));
        // The good file is added, the bad one named with the reader's reason.
        QVERIFY(!window->compareWithFiles({bad, m_lastWeek}, &error));
        QVERIFY2(error.contains(u"made by a newer Coroscope: version 9.9.9"_s), qPrintable(error));
        QVERIFY(error.contains(bad));
        QCOMPARE(window->compareWidget()->summaries().size(), 3);
        window->findChild<QMessageBox *>(u"compareWithErrorBox"_s)->close();
    }

    void savedAndReopened()
    {
        auto window = makeWindow(m_server);
        QString error;
        QVERIFY(window->openRunFile(m_single, &error));
        QVERIFY(window->compareWithFiles({m_lastWeek}, &error));
        const QString path = m_dir.filePath(u"with-baseline.coroscope"_s);
        QVERIFY2(window->saveRunFile(path, &error), qPrintable(error));
        QVERIFY(readAll(path).startsWith("COROSCOPE-RUN 1.1 "));
        const QString liveCsv = m_dir.filePath(u"live.csv"_s);
        QVERIFY(window->exportComparisonCsv(liveCsv, &error));

        auto opened = makeWindow(m_server);
        QVERIFY2(opened->openRunFile(path, &error), qPrintable(error));
        QCOMPARE(opened->compareWidget()->summaries().size(), 3);
        QCOMPARE(opened->compareWidget()->comparedRuns().size(), 2);
        QVERIFY(!opened->isWindowModified());
        const QString openedCsv = m_dir.filePath(u"opened.csv"_s);
        QVERIFY(opened->exportComparisonCsv(openedCsv, &error));
        QCOMPARE(readAll(openedCsv), readAll(liveCsv));
        QCOMPARE(opened->compareWidget()->warnings(), window->compareWidget()->warnings());
    }

    void keptThroughTheNextRun()
    {
        auto window = makeWindow(m_server);
        QString error;
        QVERIFY(window->compareWithFiles({m_single}, &error)); // a baseline before any run
        QCOMPARE(window->compareWidget()->summaries().size(), 1);
        QVERIFY(!window->findChild<QAction *>(u"actionSave"_s)->isEnabled());
        // Nothing of this session yet, but the file's rows can be exported.
        QVERIFY(window->findChild<QAction *>(u"actionExportComparisonCsv"_s)->isEnabled());
        window->runPanel()->setSpec(workload(2));
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        window->startRun();
        QVERIFY(!window->findChild<QAction *>(u"actionCompareWith"_s)->isEnabled());
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 30000);
        const QList<RunSummary> summaries = window->compareWidget()->summaries();
        QCOMPARE(summaries.size(), 2);
        QCOMPARE(summaries.at(0).source, QString());
        QCOMPARE(summaries.at(1).source, u"single.coroscope"_s);
        // Same workload on the same machine: no warning.
        QVERIFY2(window->compareWidget()->warnings().isEmpty(),
                 qPrintable(window->compareWidget()->warnings().join(u'\n')));
    }

    void dropOnCompareTab()
    {
        auto window = makeWindow(m_server);
        QString error;
        QVERIFY(window->openRunFile(m_single, &error));
        CompareWidget *compare = window->compareWidget();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_lastWeek)});
        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(compare, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QCoreApplication::sendEvent(compare, &drop);
        QVERIFY(drop.isAccepted());
        QTRY_COMPARE(compare->summaries().size(), 3);
        QCOMPARE(compare->summaries().at(2).source, u"last-week.coroscope"_s);
    }
};

QTEST_MAIN(TestMainWindowCompareFile)
#include "tst_mainwindowcomparefile.moc"
