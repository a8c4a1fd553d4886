#include "charts.h"
#include "livetrace.h"
#include "mainwindow.h"
#include "server/testserver.h"
#include "shortcutsdialog.h"
#include "statestyle.h"
#include "summarystrip.h"
#include "taskmodel.h"
#include "theme.h"
#include "timelineview.h"

#include "windowdriver.h"

#include <QAction>
#include <QApplication>
#include <QChart>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {
double lightness(const QImage &image, QPoint at)
{
    return QColor(image.pixel(at)).lightnessF();
}

QPalette paletteFor(const QString &name)
{
    return name == u"dark" ? Theme::darkPalette() : Theme::lightPalette();
}
} // namespace

// View > Theme (light, dark, system) applied live and remembered; colours that carry a meaning
// stay legible on both; Help > Keyboard Shortcuts lists every key (tst_shortcuts: each
// documented key is bound and each bound key documented).
class TestTheme : public QObject
{
    Q_OBJECT
    TestServer m_server;
    QPalette m_systemPalette;

    static QAction *action(MainWindow &window, const char *name)
    {
        return window.findChild<QAction *>(QString::fromLatin1(name));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        m_systemPalette = QApplication::palette();
        QVERIFY2(m_server.start(0), qPrintable(m_server.errorString()));
    }

    void cleanupTestCase() { QSettings().clear(); }

    void contrastRatio_data()
    {
        QTest::addColumn<QColor>("a");
        QTest::addColumn<QColor>("b");
        QTest::addColumn<double>("expected");
        QTest::newRow("black on white is 21") << QColor(Qt::black) << QColor(Qt::white) << 21.0;
        QTest::newRow("a colour on itself is 1")
            << QColor(0x56, 0xb4, 0xe9) << QColor(0x56, 0xb4, 0xe9) << 1.0;
        QTest::newRow("#767676 on white just passes AA")
            << QColor(0x76, 0x76, 0x76) << QColor(Qt::white) << 4.54;
        QTest::newRow("symmetric") << QColor(Qt::white) << QColor(0x76, 0x76, 0x76) << 4.54;
    }
    void contrastRatio()
    {
        QFETCH(QColor, a);
        QFETCH(QColor, b);
        QFETCH(double, expected);
        QVERIFY2(std::abs(Theme::contrastRatio(a, b) - expected) < 0.01,
                 qPrintable(QString::number(Theme::contrastRatio(a, b))));
    }

    // Every colour shown as text (the result column, the summary's figures, "stopped") reaches
    // WCAG AA on the base of both themes, and keeps its hue.
    void stateColoursReadable_data()
    {
        QTest::addColumn<QColor>("color");
        QTest::addColumn<QString>("theme");
        const QList<std::pair<const char *, QColor>> colours{
            {"ok", StateStyle::resultInk(TaskResult::Ok)},
            {"error", StateStyle::resultInk(TaskResult::Error)},
            {"timeout", StateStyle::resultInk(TaskResult::Timeout)},
            {"cancelled", StateStyle::resultInk(TaskResult::Cancelled)},
            {"unfinished", StateStyle::resultInk(TaskResult::Unfinished)},
            {"stopped", StateStyle::stoppedColor()},
            {"speed-up", QColor(0x1e, 0x55, 0xb3)},
        };
        for (const QString &theme : {u"light"_s, u"dark"_s}) {
            for (const auto &[name, colour] : colours)
                QTest::addRow("%s on %s", name, qPrintable(theme)) << colour << theme;
        }
    }
    void stateColoursReadable()
    {
        QFETCH(QColor, color);
        QFETCH(QString, theme);
        const QColor base = paletteFor(theme).color(QPalette::Base);
        const QColor shown = Theme::readableOn(color, base);
        QVERIFY2(Theme::contrastRatio(shown, base) >= 4.5,
                 qPrintable(u"%1 on %2: %3"_s.arg(shown.name(), base.name())
                                .arg(Theme::contrastRatio(shown, base))));
        if (Theme::contrastRatio(color, base) >= 4.5)
            QCOMPARE(shown, color); // nothing to fix, nothing changed
        if (color.hslSaturation() > 60)
            QVERIFY2(std::abs(shown.hslHue() - color.hslHue()) <= 6,
                     qPrintable(u"%1 became %2"_s.arg(color.name(), shown.name())));
    }

    // The timeline's fills on the dark base stand out at least as well as on the light one, or
    // reach the 3:1 WCAG asks of graphics (the light theme's pale pending grey is pale by design).
    void fillsVisibleOnDark_data()
    {
        QTest::addColumn<QColor>("color");
        QTest::newRow("pending") << StateStyle::stateColor(SegmentState::Pending);
        QTest::newRow("running") << StateStyle::stateColor(SegmentState::Running);
        QTest::newRow("suspended") << StateStyle::stateColor(SegmentState::Suspended);
        QTest::newRow("ok") << StateStyle::resultColor(TaskResult::Ok);
        QTest::newRow("error") << StateStyle::resultColor(TaskResult::Error);
        QTest::newRow("timeout") << StateStyle::resultColor(TaskResult::Timeout);
        QTest::newRow("cancelled") << StateStyle::resultColor(TaskResult::Cancelled);
        QTest::newRow("loop lag") << StateStyle::lagColor();
    }
    void fillsVisibleOnDark()
    {
        QFETCH(QColor, color);
        const double onLight
            = Theme::contrastRatio(color, Theme::lightPalette().color(QPalette::Base));
        const double onDark
            = Theme::contrastRatio(color, Theme::darkPalette().color(QPalette::Base));
        QVERIFY2(onDark >= std::min(3.0, onLight),
                 qPrintable(
                     u"%1: %2 on light, %3 on dark"_s.arg(color.name()).arg(onLight).arg(onDark)));
    }

    // The roles the views paint text with, on the backgrounds they paint it on.
    void paletteLegible_data()
    {
        QTest::addColumn<QString>("theme");
        QTest::addColumn<int>("foreground");
        QTest::addColumn<int>("background");
        QTest::addColumn<double>("minimum");
        for (const QString &theme : {u"light"_s, u"dark"_s}) {
            const QByteArray t = theme.toLatin1();
            QTest::addRow("%s: text on base", t.constData())
                << theme << int(QPalette::Text) << int(QPalette::Base) << 7.0;
            QTest::addRow("%s: window text on window", t.constData())
                << theme << int(QPalette::WindowText) << int(QPalette::Window) << 7.0;
            QTest::addRow("%s: button text on button", t.constData())
                << theme << int(QPalette::ButtonText) << int(QPalette::Button) << 4.5;
            QTest::addRow("%s: selected text on highlight", t.constData())
                << theme << int(QPalette::HighlightedText) << int(QPalette::Highlight) << 4.5;
            QTest::addRow("%s: captions (placeholder) on base", t.constData())
                << theme << int(QPalette::PlaceholderText) << int(QPalette::Base) << 4.5;
            QTest::addRow("%s: tooltip", t.constData())
                << theme << int(QPalette::ToolTipText) << int(QPalette::ToolTipBase) << 7.0;
            QTest::addRow("%s: links on base", t.constData())
                << theme << int(QPalette::Link) << int(QPalette::Base) << 4.5;
        }
    }
    void paletteLegible()
    {
        QFETCH(QString, theme);
        QFETCH(int, foreground);
        QFETCH(int, background);
        QFETCH(double, minimum);
        const QPalette palette = paletteFor(theme);
        const QColor fg = palette.color(QPalette::ColorRole(foreground));
        const QColor bg = palette.color(QPalette::ColorRole(background));
        QVERIFY2(
            Theme::contrastRatio(fg, bg) >= minimum,
            qPrintable(
                u"%1 on %2: %3"_s.arg(fg.name(), bg.name()).arg(Theme::contrastRatio(fg, bg))));
    }

    void darkPaletteIsDark()
    {
        QVERIFY(Theme::isDark(Theme::darkPalette()));
        QVERIFY(!Theme::isDark(Theme::lightPalette()));
    }

    // View > Theme: the open window changes at once, the choice is saved, System gives the
    // palette back that Qt started with.
    void themeMenuAppliesLiveAndPersists()
    {
        auto window = makeWindow(m_server);
        QVERIFY(QTest::qWaitForWindowExposed(window.get()));
        QAction *dark = action(*window, "actionThemeDark");
        QAction *light = action(*window, "actionThemeLight");
        QAction *system = action(*window, "actionThemeSystem");
        QVERIFY(dark && light && system);
        QVERIFY(system->isChecked());

        dark->trigger();
        QCOMPARE(QSettings().value(u"ui/theme"_s).toString(), u"dark"_s);
        QCOMPARE(Theme::saved(), Theme::Choice::Dark);
        QVERIFY(Theme::isDark(QApplication::palette()));
        QApplication::processEvents();
        // The empty timeline and the summary strip paint the dark base...
        const QImage timeline = window->timeline()->viewport()->grab().toImage();
        QVERIFY2(lightness(timeline, timeline.rect().center()) < 0.25,
                 qPrintable(QString::number(lightness(timeline, timeline.rect().center()))));
        const QImage strip = window->summaryStrip()->grab().toImage();
        QVERIFY(lightness(strip, QPoint(2, 2)) < 0.25);
        // ... with figures legible on it ...
        const QColor stripBase = window->summaryStrip()->palette().color(QPalette::Base);
        const QList<QLabel *> labels = window->summaryStrip()->findChildren<QLabel *>();
        QVERIFY(!labels.isEmpty());
        for (const QLabel *label : labels) {
            const QColor ink = label->palette().color(label->foregroundRole());
            QVERIFY2(Theme::contrastRatio(ink, stripBase) >= 4.5,
                     qPrintable(label->text() + u": "_s + ink.name()));
        }
        // ... and the charts follow.
        const QList<QChart *> charts = window->charts()->findChildren<QChart *>();
        for (const QChart *chart : charts)
            QCOMPARE(chart->backgroundBrush().color(),
                     QApplication::palette().color(QPalette::Base));

        // For a reviewer to look at: COROSCOPE_SCREENSHOT_DIR=/tmp ctest -R tst_theme
        if (const QString shots = qEnvironmentVariable("COROSCOPE_SCREENSHOT_DIR");
            !shots.isEmpty()) {
            if (auto *concepts = window->findChild<QDockWidget *>(u"conceptsDock"_s))
                concepts->raise();
            QApplication::processEvents();
            QVERIFY(window->grab().save(shots + u"/dark-concepts.png"_s));
        }

        light->trigger();
        QCOMPARE(Theme::saved(), Theme::Choice::Light);
        QApplication::processEvents();
        const QImage lightTimeline = window->timeline()->viewport()->grab().toImage();
        QVERIFY(lightness(lightTimeline, lightTimeline.rect().center()) > 0.75);

        system->trigger();
        QCOMPARE(QSettings().value(u"ui/theme"_s).toString(), u"system"_s);
        QCOMPARE(QApplication::palette().color(QPalette::Base),
                 m_systemPalette.color(QPalette::Base));
        QCOMPARE(QApplication::palette().color(QPalette::Text),
                 m_systemPalette.color(QPalette::Text));
    }

    void savedThemeUnknownIsSystem()
    {
        QSettings().setValue(u"ui/theme"_s, u"sepia"_s);
        QCOMPARE(Theme::saved(), Theme::Choice::System);
        QSettings().remove(u"ui/theme"_s);
    }

    void f1OpensShortcuts()
    {
        const auto window = makeActiveWindow(m_server);
        QVERIFY(window);
        QTest::keyClick(window.get(), Qt::Key_F1);
        auto *dialog = window->findChild<ShortcutsDialog *>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        // A second F1 raises the same dialog rather than stacking another.
        QTest::keyClick(window.get(), Qt::Key_F1);
        QCOMPARE(window->findChildren<ShortcutsDialog *>().size(), 1);
    }

    // Built from the actions: every shortcut of every action of the window is listed, under
    // its menu, as the action names itself.
    void dialogListsEveryActionShortcut()
    {
        auto window = makeWindow(m_server);
        ShortcutsDialog dialog(window->menuBar());
        QStringList shown;
        QTreeWidget *tree = dialog.tree();
        for (int g = 0; g < tree->topLevelItemCount(); ++g) {
            for (int i = 0; i < tree->topLevelItem(g)->childCount(); ++i) {
                const QTreeWidgetItem *item = tree->topLevelItem(g)->child(i);
                shown << item->text(0) + u" | "_s + item->text(1);
            }
        }
        const QList<QAction *> actions = window->findChildren<QAction *>();
        int withKeys = 0;
        for (const QAction *a : actions) {
            if (a->shortcuts().isEmpty())
                continue;
            ++withKeys;
            const QString name = ShortcutsDialog::plainText(a->text());
            for (const QKeySequence &key : a->shortcuts()) {
                const QString keyText = key.toString(QKeySequence::NativeText);
                const bool listed = std::any_of(
                    shown.cbegin(), shown.cend(), [&](const QString &row) {
                        const QStringList parts = row.split(u" | "_s);
                        return parts.at(1) == name && parts.at(0).split(u" / "_s).contains(keyText);
                    });
                QVERIFY2(listed, qPrintable(name + u": "_s + keyText));
            }
        }
        QVERIFY(withKeys >= 10); // Quit, Run, Compare, Stop, zoom, fit, follow, phases, F1...

        // For a reviewer to look at: COROSCOPE_SCREENSHOT_DIR=/tmp ctest -R tst_theme
        const QString shots = qEnvironmentVariable("COROSCOPE_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QVERIFY(dialog.grab().save(shots + u"/shortcuts-dialog.png"_s));
        }
    }

    // Two actions on one key: Qt triggers neither ("Ambiguous shortcut overload").
    void noKeyIsTakenTwice()
    {
        auto window = makeWindow(m_server);
        QHash<QKeySequence, QString> owner;
        const QList<QAction *> actions = window->findChildren<QAction *>();
        for (const QAction *a : actions) {
            for (const QKeySequence &key : a->shortcuts()) {
                QVERIFY2(!owner.contains(key),
                         qPrintable(key.toString() + u": "_s + owner.value(key) + u" and "_s
                                    + a->objectName()));
                owner.insert(key, a->objectName());
            }
        }
    }

    void plainText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("mnemonic and ellipsis") << u"&Compare…"_s << u"Compare"_s;
        QTest::newRow("Chinese mnemonic") << u"退出(&Q)"_s << u"退出"_s;
        QTest::newRow("literal ampersand") << u"Tasks && Charts"_s << u"Tasks & Charts"_s;
        QTest::newRow("three dots") << u"Export..."_s << u"Export"_s;
    }
    void plainText()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(ShortcutsDialog::plainText(text), expected);
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
