// The timeline's PNG and SVG exports explain themselves: over the timeline a title line (what
// ran), the run's figures as the summary strip shows them and the legend, in the window's
// language and theme. A run on the embedded server, exported as the File menu does.
#include "livetrace.h"
#include "statestyle.h"
#include "summarystrip.h"
#include "theme.h"
#include "timelineview.h"
#include "trace/vocabulary.h"
#include "windowdriver.h"

#include <QFile>
#include <QPainter>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {
constexpr int Tasks = 4;

// The words an SVG shows: its <text> elements' contents, one per line, XML entities decoded.
QString svgWords(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QString svg = QString::fromUtf8(file.readAll());
    static const QRegularExpression text(u"<text[^>]*>([^<]*)</text>"_s);
    QStringList words;
    for (auto it = text.globalMatch(svg); it.hasNext();) {
        QString word = it.next().captured(1);
        word.replace(u"&lt;"_s, u"<"_s)
            .replace(u"&gt;"_s, u">"_s)
            .replace(u"&quot;"_s, u"\""_s)
            .replace(u"&#39;"_s, u"'"_s)
            .replace(u"&amp;"_s, u"&"_s);
        words << word;
    }
    return words.join(u'\n');
}
} // namespace

class TestTimelineExport : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;

    // To look at them: COROSCOPE_TEST_IMAGES=DIR keeps the exports there.
    QString exportPath(const QString &name) const
    {
        const QString dir = qEnvironmentVariable("COROSCOPE_TEST_IMAGES");
        return dir.isEmpty() ? m_dir.filePath(name) : dir + u'/' + name;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        MainWindow::applyLanguage(u"en"_s); // as the app starts: English plurals ("4 tasks")
        QVERIFY2(m_server.start(0), qPrintable(m_server.errorString()));
        m_window = makeWindow(m_server);
        QSignalSpy finished(m_window.get(), &MainWindow::runFinished);
        // A password in the URL: the picture names the URL without it, as every export does.
        QUrl url(serverUrl(m_server, u"/delay/0.3"_s));
        url.setUserInfo(u"alice:s3cret"_s);
        // The limits that shape the picture: the client's and the embedded server's.
        m_window->runPanel()->findChild<QSpinBox *>(u"concurrencySpin"_s)->setValue(3);
        m_window->runPanel()->setServerCapacity(2);
        typeAndRun(*m_window, url.toString(), Tasks);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 20000);
        QTRY_COMPARE(m_window->summaryStrip()->valueText(u"ok"_s), QString::number(Tasks));
    }
    void cleanup()
    {
        MainWindow::applyLanguage(u"en"_s);
        Theme::apply(Theme::Choice::Light);
        m_window->timeline()->setShowPhases(true);
    }
    void cleanupTestCase() { m_window.reset(); }

    void svgCarriesTitleLegendAndSummary()
    {
        const QString path = exportPath(u"timeline.svg"_s);
        QString error;
        QVERIFY2(m_window->exportTimelineSvg(path, &error), qPrintable(error));
        const QString words = svgWords(path);
        // The title line: strategy, tasks, URL.
        QVERIFY2(words.contains(u"async"_s), qPrintable(words));
        QVERIFY2(words.contains(u"%1 tasks"_s.arg(Tasks)), qPrintable(words)); // not "task(s)"
        QVERIFY2(words.contains(u"alice:***@127.0.0.1"_s), qPrintable(words));
        QVERIFY2(words.contains(u"/delay/0.3"_s), qPrintable(words));
        QVERIFY2(words.contains(u"at most 3 in flight"_s), qPrintable(words));
        QVERIFY2(words.contains(u"server takes 2 at a time"_s), qPrintable(words));
        QVERIFY2(!words.contains(u"s3cret"_s), qPrintable(words));
        QFile raw(path);
        QVERIFY(raw.open(QIODevice::ReadOnly));
        QVERIFY(!raw.readAll().contains("s3cret")); // nowhere in the file
        // The legend: states, results and (shown) phases.
        for (const auto &[name, colour] : StateStyle::legend(true))
            QVERIFY2(words.contains(name), qPrintable(name + u" not in\n"_s + words));
        // The summary, in the strip's own words.
        SummaryStrip *strip = m_window->summaryStrip();
        for (const QString &field : {u"tasks"_s, u"wall"_s, u"sum"_s, u"speedup"_s, u"ok"_s}) {
            const QString value = strip->valueText(field);
            if (value == SummaryStrip::noValue())
                continue; // not shown by the strip either
            QVERIFY2(words.contains(strip->captionText(field)),
                     qPrintable(strip->captionText(field) + u" not in\n"_s + words));
            QVERIFY2(words.contains(value), qPrintable(value + u" not in\n"_s + words));
        }

        // The same picture as the PNG, heading and all.
        QSvgRenderer renderer(path);
        QVERIFY(renderer.isValid());
        const QString pngPath = exportPath(u"timeline-for-svg.png"_s);
        QVERIFY2(m_window->exportTimelinePng(pngPath, &error), qPrintable(error));
        QCOMPARE(renderer.viewBox().size(), QImage(pngPath).size());
        if (const QString dir = qEnvironmentVariable("COROSCOPE_TEST_IMAGES"); !dir.isEmpty()) {
            QImage image(renderer.viewBox().size(), QImage::Format_ARGB32_Premultiplied);
            image.fill(Qt::transparent);
            QPainter painter(&image);
            renderer.render(&painter);
            painter.end();
            image.save(dir + u"/timeline-svg-rendered.png"_s);
        }
    }

    void phasesInTheLegendOnlyWhenShown()
    {
        m_window->timeline()->setShowPhases(false);
        const QString path = exportPath(u"timeline-nophases.svg"_s);
        QString error;
        QVERIFY2(m_window->exportTimelineSvg(path, &error), qPrintable(error));
        const QString words = svgWords(path);
        QVERIFY(words.contains(Vocabulary::stateText(SegmentState::Suspended)));
        QVERIFY2(!words.contains(Vocabulary::inAwaitReplyText()), qPrintable(words));
    }

    void pngIsTallerThanTheBareTimeline_data()
    {
        QTest::addColumn<bool>("wholeRun");
        QTest::newRow("the whole run") << true;
        QTest::newRow("what the timeline shows") << false;
    }
    void pngIsTallerThanTheBareTimeline()
    {
        QFETCH(bool, wholeRun);
        const QString path
            = exportPath(u"timeline-%1.png"_s.arg(wholeRun ? u"whole"_s : u"visible"_s));
        QString error;
        QVERIFY2(m_window->exportTimelinePng(path, &error, wholeRun), qPrintable(error));
        const QImage png(path);
        QVERIFY(!png.isNull());
        const QImage bare = m_window->timeline()->renderImage(
            wholeRun ? TimelineView::ImageScope::WholeRun : TimelineView::ImageScope::Visible);
        QCOMPARE(png.width(), bare.width());
        // At least a title, a line of figures and a line of legend over the timeline.
        const int line = m_window->timeline()->fontMetrics().height();
        QVERIFY2(png.height() >= bare.height() + 3 * line,
                 qPrintable(u"%1 vs %2"_s.arg(png.height()).arg(bare.height())));
    }

    // Light or dark as the view: the heading's background is the view's.
    void headingFollowsTheTheme_data()
    {
        QTest::addColumn<int>("theme");
        QTest::newRow("light") << int(Theme::Choice::Light);
        QTest::newRow("dark") << int(Theme::Choice::Dark);
    }
    void headingFollowsTheTheme()
    {
        QFETCH(int, theme);
        Theme::apply(Theme::Choice(theme));
        QCoreApplication::processEvents(); // the palette reaches the widgets
        const QString path = exportPath(u"timeline-%1.png"_s.arg(Theme::key(Theme::Choice(theme))));
        QString error;
        QVERIFY2(m_window->exportTimelinePng(path, &error), qPrintable(error));
        const QImage png(path);
        const QColor base = m_window->timeline()->palette().color(QPalette::Base);
        QCOMPARE(QColor(png.pixel(2, 2)), base);
        QCOMPARE(QColor(png.pixel(png.width() - 3, 2)), base);
        QCOMPARE(Theme::isDark(m_window->timeline()->palette()),
                 Theme::Choice(theme) == Theme::Choice::Dark);
    }

    // In the window's language: the legend's and the strip's words as the window shows them.
    void headingInTheWindowsLanguage()
    {
        QVERIFY2(MainWindow::applyLanguage(u"zh_CN"_s), "the zh_CN translation is not built in");
        QCoreApplication::processEvents();
        // The legend's words are the app's (Vocabulary), in whatever language it speaks; that
        // the language did change is checked with the summary's caption below.
        const QString suspended = Vocabulary::stateText(SegmentState::Suspended);
        const QString path = exportPath(u"timeline-zh_CN.svg"_s);
        QString error;
        QVERIFY2(m_window->exportTimelineSvg(path, &error), qPrintable(error));
        const QString words = svgWords(path);
        QVERIFY2(words.contains(suspended), qPrintable(words));
        const QString wall = m_window->summaryStrip()->captionText(u"wall"_s);
        QVERIFY(wall != u"Wall time"_s);
        QVERIFY2(words.contains(wall), qPrintable(words));
        QVERIFY2(m_window->exportTimelinePng(exportPath(u"timeline-zh_CN.png"_s), &error),
                 qPrintable(error));
    }

    // Replayed to an instant: the picture is of that instant, and says so; its figures are the
    // ones the strip shows for it.
    void replayedPictureNamesItsInstant()
    {
        m_window->showLoopStateAt(100 * 1'000'000);
        QTRY_VERIFY(m_window->liveTrace()->isViewingPast());
        const QString path = exportPath(u"timeline-replayed.svg"_s);
        QString error;
        QVERIFY2(m_window->exportTimelineSvg(path, &error), qPrintable(error));
        const QString words = svgWords(path);
        m_window->liveTrace()->clearView();
        QVERIFY2(words.contains(u"as at 100 ms"_s), qPrintable(words));
        const QString finished = m_window->summaryStrip()->valueText(u"tasks"_s);
        QVERIFY2(words.contains(u"0 / %1"_s.arg(Tasks)), qPrintable(words));
        QVERIFY2(!words.contains(u"%1 / %1"_s.arg(Tasks)), qPrintable(finished + u'\n' + words));
    }
};

QTEST_MAIN(TestTimelineExport)
#include "tst_timelineexport.moc"
