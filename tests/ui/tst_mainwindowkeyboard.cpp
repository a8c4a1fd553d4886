// The window used with the keyboard alone: Tab goes everywhere and comes back, Space plays the
// Loop state panel after its buttons were clicked, and Ctrl+R says why it cannot run.
#include "livetrace.h"
#include "loopstatepanel.h"
#include "mainwindow.h"
#include "runpanel.h"
#include "server/testserver.h"

#include "windowdriver.h"

#include <QApplication>
#include <QDockWidget>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

class TestMainWindowKeyboard : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    static QDockWidget *dockOf(QWidget *widget)
    {
        for (QWidget *w = widget; w; w = w->parentWidget()) {
            if (auto *dock = qobject_cast<QDockWidget *>(w))
                return dock;
        }
        return nullptr;
    }

    // A window with a finished run of `tasks` x /get, active so that keys reach it.
    std::unique_ptr<MainWindow> windowWithRun(int tasks)
    {
        auto window = makeActiveWindow(m_server);
        if (!window)
            return nullptr;
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/delay/0.3"_s), tasks);
        if (!QTest::qWaitFor([&]() { return finished.size() == 1; }, 15000))
            return nullptr;
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(startWindowTests(m_server), qPrintable(m_server.errorString()));
    }
    void cleanupTestCase() { QSettings().clear(); }

    // Tab walked the Tasks table cell by cell (moving the selection) and never left it.
    void tabLeavesTheTaskTable()
    {
        const auto window = windowWithRun(4);
        QVERIFY(window);
        QTableView *table = window->taskTable();
        table->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), table);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QVERIFY2(QApplication::focusWidget() != table,
                 "Tab stayed in the table (tabKeyNavigation)");
    }

    // Tab reaches every dock on screen and comes back to where it started.
    void tabReachesEveryDock()
    {
        const auto window = windowWithRun(3);
        QVERIFY(window);
        auto *urls = window->runPanel()->findChild<QPlainTextEdit *>(u"urlEdit"_s);
        urls->setFocus(Qt::TabFocusReason);
        QTRY_COMPARE(QApplication::focusWidget(), urls);
        QSet<QDockWidget *> reached;
        bool back = false;
        QStringList walked;
        for (int i = 0; i < 200 && !back; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget *focus = QApplication::focusWidget();
            QVERIFY(focus);
            walked << QString::fromLatin1(focus->metaObject()->className()) + u" "_s
                    + focus->objectName();
            if (QDockWidget *dock = dockOf(focus))
                reached.insert(dock);
            back = focus == urls;
        }
        QVERIFY2(back, qPrintable(u"Tab never came back to the URLs: "_s + walked.join(u", "_s)));
        const QList<QDockWidget *> docks = window->findChildren<QDockWidget *>();
        int visible = 0;
        for (QDockWidget *dock : docks) {
            if (!dock->isVisible() || dock->visibleRegion().isEmpty())
                continue; // behind another dock's tab
            ++visible;
            QVERIFY2(reached.contains(dock),
                     qPrintable(dock->windowTitle() + u" not reached: "_s + walked.join(u", "_s)));
        }
        QVERIFY(visible >= 2);
    }

    // A clicked tool button kept no focus: Space then typed into the URL box.
    void spaceAfterALoopStateButtonPlays()
    {
        const auto window = windowWithRun(3);
        QVERIFY(window);
        auto *urls = window->runPanel()->findChild<QPlainTextEdit *>(u"urlEdit"_s);
        urls->setFocus(Qt::MouseFocusReason);
        const QString before = urls->toPlainText();
        window->showLoopStateAt(0);
        LoopStatePanel *panel = window->loopStatePanel();
        QTRY_VERIFY(panel->isVisible());
        // "To the start", then Space: play from there.
        const QList<QToolButton *> buttons = panel->findChildren<QToolButton *>();
        QVERIFY(buttons.size() >= 5);
        QToolButton *start = buttons.constFirst();
        QVERIFY(start->isEnabled());
        QTest::mouseClick(start, Qt::LeftButton);
        QVERIFY(!panel->isPlaying());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QCOMPARE(urls->toPlainText(), before);
        QVERIFY(panel->isPlaying());
    }

    // Ctrl+R with a bad URL said nothing: the last run's result stayed in the status bar.
    void ctrlRSaysWhyItCannotRun()
    {
        const auto window = windowWithRun(2);
        QVERIFY(window);
        const QString result = window->statusBar()->currentMessage();
        QVERIFY2(result.contains(u"Finished"_s), qPrintable(result));
        window->runPanel()->findChild<QPlainTextEdit *>(u"urlEdit"_s)->setPlainText(u"ftp://x/"_s);
        QTest::keyClick(window.get(), Qt::Key_R, Qt::ControlModifier);
        const QString said = window->statusBar()->currentMessage();
        QVERIFY2(said.contains(u"line 1"_s) && said.contains(u"ftp"_s), qPrintable(said));
        QVERIFY(!window->isRunning());
    }
};

QTEST_MAIN(TestMainWindowKeyboard)
#include "tst_mainwindowkeyboard.moc"
