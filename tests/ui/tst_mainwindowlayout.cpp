// The window's layout guarantees that need a whole MainWindow: what the user chose survives a
// restart, the dock tabs say what they are, and the run panel's boxes keep one baseline, in
// English and Chinese, at the sizes the README promises.
#include "comparewidget.h"
#include "conceptspanel.h"
#include "livetrace.h"
#include "mainwindow.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "summarystrip.h"
#include "taskmodel.h"
#include "timelineview.h"

#include "syntheticrun.h"
#include "windowdriver.h"

#include <QAbstractTextDocumentLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLayout>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTabWidget>
#include <QTextBlock>
#include <QTextDocument>

#include <QDockWidget>
#include <QLineEdit>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionTab>
#include <QTabBar>
#include <QTest>
#include <QTextBrowser>

#include <memory>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {

// The bottom row of the ink of the first glyph in a spin box's text: its baseline, in the line
// edit's coordinates.
int firstGlyphBaseline(QSpinBox *box)
{
    auto *edit = box->findChild<QLineEdit *>();
    const QImage image = edit->grab().toImage();
    const qreal dpr = image.devicePixelRatio();
    const QMargins margins = edit->textMargins();
    const int left = int((2 + margins.left()) * dpr);
    const int right
        = left + int((edit->fontMetrics().horizontalAdvance(edit->text().left(1)) + 1) * dpr);
    int bottom = -1;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = left; x < right && x < image.width(); ++x) {
            if (qGray(image.pixel(x, y)) < 110) {
                bottom = y;
                break;
            }
        }
    }
    return bottom;
}

// What QTabBar::tabSizeHint() (protected) asks for a tab's whole title.
int tabWidthNeeded(const QTabBar &bar, int index)
{
    QStyleOptionTab option;
    option.initFrom(&bar);
    option.text = bar.tabText(index);
    option.shape = bar.shape();
    const int space = bar.style()->pixelMetric(QStyle::PM_TabBarTabHSpace, &option, &bar);
    const QSize text = bar.fontMetrics().size(Qt::TextShowMnemonic, option.text);
    return bar.style()
        ->sizeFromContents(QStyle::CT_TabBarTab, &option,
                           QSize(text.width() + space, text.height()), &bar)
        .width();
}

} // namespace

class TestMainWindowLayout : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    // A window in `language` at `size` with no saved layout, as on a first start, laid out.
    // Null when the language has no translation or the window was not exposed.
    std::unique_ptr<MainWindow> firstStartWindow(const QString &language, QSize size)
    {
        QSettings().clear();
        if (!MainWindow::applyLanguage(language) && language != u"en"_s)
            return nullptr;
        auto window = makeWindow(m_server, size);
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        return window;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(startWindowTests(m_server), qPrintable(m_server.errorString()));
    }
    void cleanup() { MainWindow::applyLanguage(u"en"_s); }
    void cleanupTestCase()
    {
        MainWindow::applyLanguage(u"en"_s);
        QSettings().clear();
    }

    // The splitters and the dock width the user chose come back on the next start, as they
    // were (not the defaults, not rescaled).
    void layoutSurvivesARestart()
    {
        QSettings().clear();
        QList<int> mainSizes;
        QList<int> rightSizes;
        int dockWidth = 0;
        {
            MainWindow window(&m_server); // persists its settings when closed
            window.resize(1280, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            auto *main = window.findChild<QSplitter *>(u"mainSplitter"_s);
            auto *right = window.findChild<QSplitter *>(u"rightSplitter"_s);
            auto *dock = window.findChild<QDockWidget *>(u"diagnosticsDock"_s);
            // Not what a first start chooses: a narrow run panel, a tall timeline, a wide dock.
            const QList<int> defaultMain = main->sizes();
            const QList<int> defaultRight = right->sizes();
            const int defaultDock = dock->width();
            window.resizeDocks({dock}, {defaultDock + 57}, Qt::Horizontal);
            const int mainTotal = main->sizes().at(0) + main->sizes().at(1);
            main->setSizes({main->sizes().at(0) + 41, mainTotal - main->sizes().at(0) - 41});
            const int rightTotal = right->sizes().at(0) + right->sizes().at(1);
            right->setSizes({rightTotal - 150, 150});
            QTest::qWait(20);
            mainSizes = main->sizes();
            rightSizes = right->sizes();
            dockWidth = dock->width();
            QVERIFY(mainSizes != defaultMain);
            QVERIFY(rightSizes != defaultRight);
            QVERIFY(dockWidth != defaultDock);
            window.close();
        }
        {
            MainWindow window(&m_server);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QTest::qWait(20);
            QCOMPARE(window.size(), QSize(1280, 800));
            QCOMPARE(window.findChild<QSplitter *>(u"mainSplitter"_s)->sizes(), mainSizes);
            QCOMPARE(window.findChild<QSplitter *>(u"rightSplitter"_s)->sizes(), rightSizes);
            QCOMPARE(window.findChild<QDockWidget *>(u"diagnosticsDock"_s)->width(), dockWidth);
            window.setPersistSettings(false);
        }
        QSettings().clear();
    }

    void dockTabsAreReadable_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QSize>("size");
        for (const QString &language : {u"en"_s, u"zh_CN"_s}) {
            for (const QSize size : {QSize(1400, 900), QSize(1024, 700)})
                QTest::addRow("%s %dx%d", qPrintable(language), size.width(), size.height())
                    << language << size;
        }
    }
    // Every dock tab shows its whole title (four in one group were cut to "Diagno…", "De…").
    void dockTabsAreReadable()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        const auto owned = firstStartWindow(language, size);
        QVERIFY(owned);
        MainWindow &window = *owned;
        QTest::qWait(20);
        int tabs = 0;
        const QList<QTabBar *> bars = window.findChildren<QTabBar *>();
        for (QTabBar *bar : bars) {
            // The docks' tab bars are the main window's own, not a QTabWidget's.
            if (bar->parentWidget() != &window || !bar->isVisible())
                continue;
            for (int i = 0; i < bar->count(); ++i, ++tabs) {
                const int needed = tabWidthNeeded(*bar, i);
                QVERIFY2(bar->tabRect(i).width() >= needed,
                         qPrintable(u"\"%1\": %2 px of %3"_s.arg(bar->tabText(i))
                                        .arg(bar->tabRect(i).width())
                                        .arg(needed)));
            }
        }
        QCOMPARE(tabs, 4); // Diagnostics, Concepts | Loop state, Details
    }

    void runAndStopNeedNoScrolling_data() { dockTabsAreReadable_data(); }
    // Run and Stop are on screen without scrolling the run panel, down to 1024 x 700 (the URL
    // box gives up height first; it kept its full height and pushed them below the fold).
    void runAndStopNeedNoScrolling()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        const auto owned = firstStartWindow(language, size);
        QVERIFY(owned);
        MainWindow &window = *owned;
        QTest::qWait(20);
        auto *scroll = window.findChild<QScrollArea *>(u"runPanelScroll"_s);
        QVERIFY(scroll);
        for (const char *name : {"runButton", "stopButton"}) {
            auto *button = window.runPanel()->findChild<QWidget *>(QLatin1String(name));
            QVERIFY(button);
            const QRect inViewport(button->mapTo(scroll->viewport(), QPoint(0, 0)), button->size());
            QVERIFY2(scroll->viewport()->rect().contains(inViewport),
                     qPrintable(u"%1 at y %2-%3, viewport %4 px high"_s.arg(QLatin1String(name))
                                    .arg(inViewport.top())
                                    .arg(inViewport.bottom())
                                    .arg(scroll->viewport()->height())));
        }
    }

    void conceptsNeedNoSidewaysScrolling_data() { dockTabsAreReadable_data(); }
    // The Concepts text wraps inside its dock at the default width: its asyncio/QCoro table once
    // set two columns of unbroken code side by side and the dock scrolled sideways.
    void conceptsNeedNoSidewaysScrolling()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        const auto owned = firstStartWindow(language, size);
        QVERIFY(owned);
        MainWindow &window = *owned;
        auto *dock = qobject_cast<QDockWidget *>(window.conceptsPanel()->parentWidget());
        QVERIFY(dock);
        dock->raise();
        QTest::qWait(50);
        QTextBrowser *browser = window.conceptsPanel()->browser();
        QVERIFY(browser->isVisible());
        QCOMPARE(browser->horizontalScrollBar()->maximum(), 0);
        // With COROSCOPE_SCREENSHOT_DIR set: the end of the text (the tables), to look at.
        if (const QString dir = qEnvironmentVariable("COROSCOPE_SCREENSHOT_DIR"); !dir.isEmpty()) {
            browser->verticalScrollBar()->setValue(browser->verticalScrollBar()->maximum());
            QVERIFY(
                dock->grab().save(u"%1/concepts-%2-%3.png"_s.arg(dir, language).arg(size.width())));
        }
    }

    // In Chinese "不限" (0 = unlimited), "30000 毫秒" and "10" sit on one baseline: Qt 6.4 drew
    // text with CJK glyphs higher (textbaseline.h).
    void spinBoxesShareABaseline()
    {
        const auto owned = firstStartWindow(u"zh_CN"_s, QSize(1024, 700));
        QVERIFY(owned);
        MainWindow &window = *owned;
        RunPanel *panel = window.runPanel();
        auto *tasks = panel->findChild<QSpinBox *>(u"tasksSpin"_s);
        auto *concurrency = panel->findChild<QSpinBox *>(u"concurrencySpin"_s);
        auto *timeout = panel->findChild<QSpinBox *>(u"timeoutSpin"_s);
        tasks->setValue(10);
        concurrency->setValue(0);
        timeout->setValue(30000);
        QCOMPARE(concurrency->text(), u"不限"_s);
        QVERIFY2(timeout->text().contains(u"毫秒"_s), qPrintable(timeout->text()));
        QCOMPARE(tasks->findChild<QLineEdit *>()->height(),
                 concurrency->findChild<QLineEdit *>()->height());
        const int digits = firstGlyphBaseline(tasks); // "1" of "10"
        QVERIFY(digits > 0);
        // The first glyph of "30000 毫秒" is a digit: exactly the same baseline.
        QCOMPARE(firstGlyphBaseline(timeout), digits);
        // A special value text with Chinese (a digit first, whose baseline can be found) too:
        // the thin strokes of 不 are too faint to find its baseline by.
        concurrency->setSpecialValueText(u"0 不限"_s);
        QCOMPARE(concurrency->text(), u"0 不限"_s);
        QCOMPARE(firstGlyphBaseline(concurrency), digits);
        // Back to a number: no margin left behind.
        concurrency->setValue(5);
        QCOMPARE(firstGlyphBaseline(concurrency), digits);
    }

    void urlProblemMovesNothingBelow_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1400x900") << QSize(1400, 900);
        QTest::newRow("1024x700") << QSize(1024, 700);
    }
    // A bad URL's message pushed every control below the URL box down a line.
    void urlProblemMovesNothingBelow()
    {
        QFETCH(QSize, size);
        const auto owned = firstStartWindow(u"en"_s, size);
        QVERIFY(owned);
        RunPanel *panel = owned->runPanel();
        auto *tasks = panel->findChild<QWidget *>(u"tasksSpin"_s);
        auto *run = panel->findChild<QWidget *>(u"runButton"_s);
        QTest::qWait(20);
        const int tasksY = tasks->mapTo(panel, QPoint(0, 0)).y();
        const int runY = run->mapTo(panel, QPoint(0, 0)).y();
        panel->findChild<QPlainTextEdit *>(u"urlEdit"_s)
            ->setPlainText(u"ftp://example.com/a-rather-long-path/that-wraps\nnot a url"_s);
        auto *problems = panel->findChild<QLabel *>(u"urlProblemsLabel"_s);
        QTRY_VERIFY(problems->isVisible());
        QTest::qWait(20);
        QCOMPARE(tasks->mapTo(panel, QPoint(0, 0)).y(), tasksY);
        QCOMPARE(run->mapTo(panel, QPoint(0, 0)).y(), runY);
        // The message is shown whole, below the URLs.
        QVERIFY(problems->height() >= problems->heightForWidth(problems->width()));
    }

    // The results (OK, Failed, ...) moved ~13 px when the loop lag appeared or grew ("max 12.3
    // ms · p99 1.80 ms" is wider than the "000 ms" that was reserved): every shape a duration
    // takes is reserved from the start. At every width, wherever the cards wrap.
    void resultsStayPutAsLagWidens()
    {
        LiveTrace live;
        SummaryStrip strip;
        strip.setLiveTrace(&live);
        strip.show();
        QVERIFY(QTest::qWaitForWindowExposed(&strip));
        QLabel *okCaption = nullptr;
        for (QLabel *label : strip.findChildren<QLabel *>()) {
            if (label->text() == u"OK"_s)
                okCaption = label;
        }
        QVERIFY(okCaption);
        for (int width = 420; width <= 1000; width += 20) {
            strip.resize(width, strip.heightForWidth(width));
            live.setTrace(Trace{}); // no run: what the last one reserved is forgotten
            QList<QPoint> places;
            // No sample yet (a run's first milliseconds), then wider and wider figures.
            for (const qint32 lagUs : {-1, 1'500, 12'345, 123'456, 4'321'000}) {
                Trace trace = syntheticTrace(u"async"_s, 10);
                trace.events.removeIf(
                    [](const TraceEvent &e) { return e.kind == EventKind::LagSample; });
                if (lagUs >= 0)
                    trace.events.append(
                        TraceEvent{trace.endNs, LoopTask, EventKind::LagSample, 0, 0, lagUs});
                live.setTrace(trace);
                QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
                strip.layout()->activate();
                places << okCaption->parentWidget()->mapTo(&strip, QPoint(0, 0));
            }
            for (const QPoint &place : std::as_const(places))
                QVERIFY2(place == places.constFirst(),
                         qPrintable(u"at %1 px: (%2, %3) then (%4, %5)"_s.arg(width)
                                        .arg(places.constFirst().x())
                                        .arg(places.constFirst().y())
                                        .arg(place.x())
                                        .arg(place.y())));
        }
    }

    // Tooltip rows are a table without spacing: "Reused connectionno", "服务器排队0.000 毫秒".
    void toolTipNamesStandApartFromValues()
    {
        QSettings().clear();
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/delay/0.2"_s), 3);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        TimelineView *timeline = window->timeline();
        const QString html = timeline->toolTipAt(
            QPoint(timeline->xForNs(100'000'000), timeline->rowRect(0).center().y()));
        QVERIFY2(html.contains(u"Reused connection"_s), qPrintable(html));
        QTextDocument document;
        document.setHtml(html);
        document.setTextWidth(-1);
        document.adjustSize();
        QAbstractTextDocumentLayout *layout = document.documentLayout();
        int rows = 0;
        for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
            const QTextBlock next = block.next();
            if (!next.isValid() || !block.text().contains(u"Reused connection"_s))
                continue;
            ++rows;
            const QRectF name = layout->blockBoundingRect(block);
            const QRectF value = layout->blockBoundingRect(next);
            const qreal nameInk = name.left()
                + QFontMetricsF(document.defaultFont()).horizontalAdvance(block.text());
            QVERIFY2(value.left() - nameInk >= 4,
                     qPrintable(u"%1 | %2: %3 px apart"_s.arg(block.text(), next.text())
                                    .arg(value.left() - nameInk)));
        }
        QCOMPARE(rows, 1);
    }

    // After a plain run the Compare tab showed empty charts with axes "0.00 0.00 0.00".
    void compareTabWithoutAComparisonExplains()
    {
        QSettings().clear();
        auto window = makeWindow(m_server);
        auto *tabs = window->findChild<QTabWidget *>(u"bottomTabs"_s);
        tabs->setCurrentWidget(window->findChild<QWidget *>(u"compareTab"_s));
        QTest::qWait(20);
        CompareWidget *compare = window->compareWidget();
        QVERIFY(compare->isVisible());
        QVERIFY(!compare->findChild<QWidget *>(u"wallChart"_s)->isVisible());
        QVERIFY(!compare->findChild<QWidget *>(u"compareTable"_s)->isVisible());
        compare->setResults({syntheticTrace(u"async"_s, 5), syntheticTrace(u"threads"_s, 5)});
        QTRY_VERIFY(compare->findChild<QWidget *>(u"wallChart"_s)->isVisible());
        QVERIFY(compare->findChild<QWidget *>(u"compareTable"_s)->isVisible());
    }

    // The comparison table's headers are whole ("nax task m:" at 1024 px).
    // The Tasks filter's hint is whole where there is room ("Filter by URL, err…" at 1400 px,
    // the box at its 17-character size hint).
    void filterHintIsWhole_data() { dockTabsAreReadable_data(); }
    void filterHintIsWhole()
    {
        QFETCH(QString, language);
        QFETCH(QSize, size);
        const auto owned = firstStartWindow(language, size);
        QVERIFY(owned);
        MainWindow &window = *owned;
        QTest::qWait(20);
        auto *edit = window.findChild<QLineEdit *>(u"filterEdit"_s);
        QVERIFY(edit);
        QVERIFY(edit->isVisible());
        if (size.width() < 1400)
            return; // at 1024 px the tabs come first; the box keeps at least 8 characters
        // QLineEdit's size hint is 17 "x" plus its frame, margins and clear button.
        const QFontMetrics fm = edit->fontMetrics();
        const int text = edit->sizeHint().width() - 17 * fm.horizontalAdvance(u'x');
        QVERIFY2(edit->width() - text >= fm.horizontalAdvance(edit->placeholderText()),
                 qPrintable(u"%1 px for \"%2\" (%3 px)"_s.arg(edit->width() - text)
                                .arg(edit->placeholderText())
                                .arg(fm.horizontalAdvance(edit->placeholderText()))));
    }

    void compareHeadersAreWhole()
    {
        const auto owned = firstStartWindow(u"en"_s, QSize(1024, 700));
        QVERIFY(owned);
        CompareWidget *compare = owned->compareWidget();
        owned->findChild<QTabWidget *>(u"bottomTabs"_s)
            ->setCurrentWidget(owned->findChild<QWidget *>(u"compareTab"_s));
        compare->setResults({syntheticTrace(u"async"_s, 5), syntheticTrace(u"threads"_s, 5)});
        QTest::qWait(50);
        auto *table = compare->findChild<QTableWidget *>(u"compareTable"_s);
        QHeaderView *header = table->horizontalHeader();
        for (int column = 0; column < table->columnCount(); ++column) {
            const QString title = table->horizontalHeaderItem(column)->text();
            const int needed = header->fontMetrics().horizontalAdvance(title);
            QVERIFY2(
                header->sectionSize(column) >= needed,
                qPrintable(
                    u"%1: %2 of %3 px"_s.arg(title).arg(header->sectionSize(column)).arg(needed)));
        }
    }

    // A new run starts at task 0: the table kept the last run's scroll position.
    void newRunScrollsTheTableToTheTop()
    {
        QSettings().clear();
        auto window = makeWindow(m_server);
        QSignalSpy finished(window.get(), &MainWindow::runFinished);
        typeAndRun(*window, serverUrl(m_server, u"/get"_s), 60);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 15000);
        QTableView *table = window->taskTable();
        table->scrollToBottom();
        QTRY_VERIFY(table->verticalScrollBar()->value() > 0);
        typeAndRun(*window, serverUrl(m_server, u"/get"_s), 60);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 2, 15000);
        QCOMPARE(table->verticalScrollBar()->value(), 0);
        QCOMPARE(table->rowAt(0), 0);
    }

    void defaultRunFitsAtFirstStart_data()
    {
        QTest::addColumn<QString>("language");
        QTest::newRow("en") << u"en"_s;
        QTest::newRow("zh_CN") << u"zh_CN"_s;
    }
    // 1024 x 700: the default run showed 7 of its 10 rows (the 8th cut) and the table 4 rows,
    // "Running" cut to "Run" at the table's edge.
    void defaultRunFitsAtFirstStart()
    {
        QFETCH(QString, language);
        const auto owned = firstStartWindow(language, QSize(1024, 700));
        QVERIFY(owned);
        MainWindow &window = *owned;
        QSignalSpy finished(&window, &MainWindow::runFinished);
        typeAndRun(window, serverUrl(m_server, u"/delay/0.2"_s), 10);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
        QTest::qWait(50);
        TimelineView *timeline = window.timeline();
        QVERIFY2(
            timeline->rowRect(9).bottom() < timeline->viewport()->height(),
            qPrintable(u"row 9 ends at %1, viewport %2 px high"_s.arg(timeline->rowRect(9).bottom())
                           .arg(timeline->viewport()->height())));
        QTableView *table = window.taskTable();
        const int rows
            = table->viewport()->height() / table->verticalHeader()->defaultSectionSize();
        QVERIFY2(rows >= 5, qPrintable(QString::number(rows)));
        // Every column but the stretching last one is whole, title and all, inside the table.
        QHeaderView *header = table->horizontalHeader();
        int last = -1;
        for (int column = 0; column < header->count(); ++column) {
            if (!header->isSectionHidden(column))
                last = column;
        }
        for (int column = 0; column < last; ++column) {
            if (header->isSectionHidden(column))
                continue;
            const QString title = window.taskModel()->headerData(column, Qt::Horizontal).toString();
            const int right = header->sectionViewportPosition(column) + header->sectionSize(column);
            QVERIFY2(right <= table->viewport()->width(),
                     qPrintable(u"%1 ends at %2 of %3 px"_s.arg(title).arg(right).arg(
                         table->viewport()->width())));
            QVERIFY2(header->sectionSize(column) >= header->fontMetrics().horizontalAdvance(title),
                     qPrintable(title));
        }
    }
};

QTEST_MAIN(TestMainWindowLayout)
#include "tst_mainwindowlayout.moc"
