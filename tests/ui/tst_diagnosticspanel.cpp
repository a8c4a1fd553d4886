#include "conceptspanel.h"
#include "diagnosticspanel.h"
#include "run/run.h"
#include "server/testserver.h"

#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>

using namespace Coroscope;
using namespace Qt::StringLiterals;

// The diagnostics list and the concepts panel: what the main window connects to the timeline.
class TestDiagnosticsPanel : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    Trace m_blocking;

    // Where a link to `url` is drawn in the browser's viewport.
    static QPoint anchorPos(QTextBrowser *browser, const QUrl &url)
    {
        const QString href = url.toString();
        for (QTextBlock block = browser->document()->begin(); block.isValid();
             block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment fragment = it.fragment();
                if (fragment.charFormat().anchorHref() != href)
                    continue;
                QTextCursor cursor(browser->document());
                cursor.setPosition(fragment.position() + 1);
                browser->setTextCursor(cursor);
                browser->ensureCursorVisible();
                return browser->cursorRect(cursor).center();
            }
        }
        return {-1, -1};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start(0));
        RunSpec spec;
        QUrl url = m_server.baseUrl();
        url.setPath(u"/delay/0.2"_s);
        spec.urls = {url};
        spec.tasks = 3;
        spec.strategy = Strategy::Blocking;
        Run run(spec);
        QSignalSpy finished(&run, &Run::finished);
        run.start();
        QVERIFY(finished.wait(30000));
        m_blocking = run.snapshot();
        QCOMPARE(m_blocking.tasks.size(), 3);
    }

    void emptyStateExplainsWhatToDo()
    {
        DiagnosticsPanel panel;
        panel.resize(360, 300);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QCOMPARE(panel.count(), 0);
        bool shown = false;
        for (QLabel *label : panel.findChildren<QLabel *>())
            shown = shown
                || (label->isVisible()
                    && label->text() == u"Run a workload to see what limited it."_s);
        QVERIFY(shown);
        panel.setTrace(m_blocking);
        QVERIFY(panel.count() > 0);
        panel.clear();
        QCOMPARE(panel.count(), 0);
    }

    void clickingBlockedLoopPointsAtTheTask()
    {
        DiagnosticsPanel panel;
        panel.resize(360, 400);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setTrace(m_blocking);
        QVERIFY(panel.count() >= 3);
        const int row = panel.rowOf(Diagnostic::Kind::LoopBlocked);
        QVERIFY(row >= 0);
        const Diagnostic blocked = panel.diagnostics().at(row);
        QCOMPARE(blocked.tasks.size(), 1);
        QVERIFY(blocked.endNs - blocked.startNs >= 190 * 1000000LL);

        auto *list = panel.findChild<QListWidget *>();
        QVERIFY(list);
        QCOMPARE(list->count(), panel.count());
        QSignalSpy activated(&panel, &DiagnosticsPanel::diagnosticActivated);
        const QRect rect = list->visualItemRect(list->item(row));
        QVERIFY(rect.height() > 16); // wrapped sentence, icon and detail line
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(activated.size(), 1);
        QCOMPARE(activated.at(0).at(0).value<QList<int>>(), blocked.tasks);
        QCOMPARE(activated.at(0).at(1).toLongLong(), blocked.startNs);
        QCOMPARE(activated.at(0).at(2).toLongLong(), blocked.endNs);
        QCOMPARE(activated.at(0).at(3).toString(), blocked.text); // drawn beside them

        // Keyboard: Enter on another row activates that row.
        const int other = row == 0 ? 1 : 0;
        list->setCurrentRow(other);
        QTest::keyClick(list, Qt::Key_Return);
        QCOMPARE(activated.size(), 2);
        QCOMPARE(activated.at(1).at(0).value<QList<int>>(), panel.diagnostics().at(other).tasks);
    }

    void sameTraceAgainKeepsTheSelection()
    {
        DiagnosticsPanel panel;
        panel.setTrace(m_blocking);
        auto *list = panel.findChild<QListWidget *>();
        list->setCurrentRow(2);
        QListWidgetItem *item = list->item(2);
        panel.setTrace(m_blocking); // a live refresh with nothing new
        QCOMPARE(list->item(2), item);
        QCOMPARE(list->currentRow(), 2);
    }

    void showMeLinksEmitTheirConcept_data()
    {
        QTest::addColumn<ConceptsPanel::Concept>("concept_");
        for (ConceptsPanel::Concept c : ConceptsPanel::allConcepts())
            QTest::newRow(qPrintable(ConceptsPanel::showMeUrl(c).path())) << c;
    }

    void showMeLinksEmitTheirConcept()
    {
        QFETCH(ConceptsPanel::Concept, concept_);
        ConceptsPanel panel;
        panel.resize(380, 700);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QSignalSpy showMe(&panel, &ConceptsPanel::showMe);

        // A real click on the link in the text.
        const QPoint pos = anchorPos(panel.browser(), ConceptsPanel::showMeUrl(concept_));
        QVERIFY(panel.browser()->viewport()->rect().contains(pos));
        QTest::mouseClick(panel.browser()->viewport(), Qt::LeftButton, {}, pos);
        QCOMPARE(showMe.size(), 1);
        QCOMPARE(showMe.at(0).at(0).value<ConceptsPanel::Concept>(), concept_);

        // And the public entry point.
        panel.openLink(ConceptsPanel::showMeUrl(concept_));
        QCOMPARE(showMe.size(), 2);
        QCOMPARE(showMe.at(1).at(0).value<ConceptsPanel::Concept>(), concept_);
    }

    void otherLinksAreIgnored()
    {
        ConceptsPanel panel;
        QSignalSpy showMe(&panel, &ConceptsPanel::showMe);
        panel.openLink(QUrl(u"https://example.org/"_s));
        panel.openLink(QUrl(u"showme:NoSuchConcept"_s));
        QCOMPARE(showMe.size(), 0);
        QVERIFY(panel.browser()->toPlainText().contains(u"add_done_callback"_s));
        QVERIFY(panel.browser()->toPlainText().contains(u"QCoro::sleepFor"_s));
    }
};

QTEST_MAIN(TestDiagnosticsPanel)
#include "tst_diagnosticspanel.moc"
