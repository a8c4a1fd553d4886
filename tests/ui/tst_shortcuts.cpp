#include "conceptspanel.h"
#include "diagnosticspanel.h"
#include "livetrace.h"
#include "loopstatepanel.h"
#include "mainwindow.h"
#include "server/testserver.h"
#include "shortcutsdialog.h"
#include "timelineview.h"

#include "windowdriver.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QKeyEvent>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QShortcut>
#include <QStandardPaths>
#include <QTest>

#include <memory>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {

// Where a documented key is meant to work: the focus is put there before the key is pressed.
enum class Where { Timeline, LoopStatePanel, ConceptsPanel, DiagnosticsPanel };

QString whereName(Where where)
{
    switch (where) {
    case Where::Timeline:
        return u"the timeline"_s;
    case Where::LoopStatePanel:
        return u"the Loop state panel"_s;
    case Where::ConceptsPanel:
        return u"the Concepts panel"_s;
    case Where::DiagnosticsPanel:
        return u"the Diagnostics panel"_s;
    }
    return {};
}

struct DocumentedKey
{
    QKeySequence key;
    QString text; // as written, for the failure message
    QList<Where> where;
};

// Splits a keys cell such as "Space, `,` / `.`, Home / End" into its keys: separators are " / ",
// "/" and "," outside backquotes; a backquoted key is literal (so "`,`" is the comma key).
QStringList keysIn(const QString &cell)
{
    QStringList out;
    QString current;
    bool quoted = false;
    for (const QChar c : cell) {
        if (c == u'`') {
            quoted = !quoted;
            continue;
        }
        if (!quoted && (c == u'/' || c == u',')) {
            out << current.trimmed();
            current.clear();
            continue;
        }
        current += c;
    }
    out << current.trimmed();
    out.removeAll(QString());
    return out;
}

// The dialog writes keys without quotes: "Left / Right, drag, Shift+wheel", ", / .".
QStringList dialogKeysIn(const QString &cell)
{
    QStringList out;
    for (const QString &part : cell.split(u" / "_s))
        out << part.split(u", "_s, Qt::SkipEmptyParts);
    return out;
}

bool isGesture(const QString &keys)
{
    static const QRegularExpression gesture(u"wheel|drag|pinch|click"_s,
                                            QRegularExpression::CaseInsensitiveOption);
    return gesture.match(keys).hasMatch();
}

// Keys in the README's "| keys | action |" table. Gestures (wheel, drag, pinch, click) are not
// keys; a parenthesis in the keys cell names where the key works, "Loop state" in the action
// cell means the timeline and the Loop state panel (the README says "in the timeline or the
// panel"). Tab is focus movement, checked on its own.
QList<DocumentedKey> readmeKeys(const QString &readme, QString *error)
{
    QList<DocumentedKey> out;
    const qsizetype start = readme.indexOf(u"| keys | action |"_s);
    if (start < 0) {
        *error = u"README.md has no \"| keys | action |\" table"_s;
        return out;
    }
    static const QRegularExpression context(u"\\(([^)]*)\\)"_s);
    const QStringList lines = readme.mid(start).split(u'\n');
    for (const QString &line : lines.mid(2)) {
        if (!line.startsWith(u'|'))
            break;
        QString keys = line.section(u'|', 1, 1).trimmed();
        const QString action = line.section(u'|', 2, 2).trimmed();
        QList<Where> where;
        if (const auto m = context.match(keys); m.hasMatch()) {
            const QString c = m.captured(1);
            if (c.contains(u"timeline"_s))
                where << Where::Timeline;
            if (c.contains(u"Concepts"_s))
                where << Where::ConceptsPanel;
            if (c.contains(u"Diagnostics"_s))
                where << Where::DiagnosticsPanel;
            keys.remove(m.capturedStart(), m.capturedLength());
        }
        if (action.startsWith(u"Loop state"_s))
            where = {Where::Timeline, Where::LoopStatePanel};
        if (where.isEmpty())
            where << Where::Timeline; // window-wide keys must work where the run is looked at
        for (const QString &k : keysIn(keys)) {
            if (isGesture(k) || k == u"Tab"_s)
                continue;
            const QKeySequence seq = QKeySequence::fromString(k, QKeySequence::PortableText);
            if (seq.count() != 1 || seq[0].key() == Qt::Key_unknown) {
                *error = u"README.md's keys table: \"%1\" is not a key"_s.arg(k);
                return out;
            }
            out << DocumentedKey{seq, k + u" (" + action + u')', where};
        }
    }
    if (out.isEmpty())
        *error = u"README.md's keys table lists no keys"_s;
    return out;
}

// What a key press reached, seen from an application-wide event filter: the QAction or
// QShortcut the shortcut map handed it to (the shortcut event is swallowed, so nothing is
// triggered: Ctrl+O would open a modal file dialog, Ctrl+Q would quit), or else whether the
// focused widget or one of its parents accepted the key event.
class KeyProbe : public QObject
{
public:
    QWidget *target = nullptr;
    QStringList shortcutReceivers;
    bool ambiguous = false;
    bool keyAccepted = false;
    bool keyDelivered = false;

    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Shortcut) {
            const auto *se = static_cast<QShortcutEvent *>(event);
            ambiguous = ambiguous || se->isAmbiguous();
            QString name = watched->objectName();
            if (name.isEmpty())
                name = QString::fromLatin1(watched->metaObject()->className());
            shortcutReceivers << name;
            return true;
        }
        if (event->type() == QEvent::KeyPress && watched == target && !m_inside) {
            // Deliver a copy ourselves to learn whether anyone on the way up accepted it; the
            // original is swallowed so QTest does not warn about an unaccepted key.
            m_inside = true;
            std::unique_ptr<QEvent> copy(event->clone());
            QCoreApplication::sendEvent(target, copy.get());
            m_inside = false;
            keyDelivered = true;
            keyAccepted = copy->isAccepted();
            return true;
        }
        return false;
    }

private:
    bool m_inside = false;
};

} // namespace

// Every key the README or Help > Keyboard Shortcuts promises does something when pressed, and
// every key the window answers to is written down. A key bound nowhere, or bound twice, fails.
class TestShortcuts : public QObject
{
    Q_OBJECT
    TestServer m_server;
    std::unique_ptr<MainWindow> m_window;

    QWidget *widget(Where where) const
    {
        switch (where) {
        case Where::Timeline:
            return m_window->timeline();
        case Where::LoopStatePanel:
            return m_window->loopStatePanel();
        case Where::ConceptsPanel:
            return m_window->conceptsPanel();
        case Where::DiagnosticsPanel:
            return m_window->diagnosticsPanel();
        }
        return nullptr;
    }

    // Makes `w` (or the first child that takes focus) the focus widget of the active window.
    static QWidget *focus(QWidget *w)
    {
        // Docks may start hidden: a key in a hidden panel reaches nothing.
        for (QWidget *p = w; p; p = p->parentWidget())
            p->show();
        QWidget *taker = w;
        if (w->focusPolicy() == Qt::NoFocus) {
            const QList<QWidget *> children = w->findChildren<QWidget *>();
            for (QWidget *c : children) {
                if (c->focusPolicy() != Qt::NoFocus && c->isVisible()) {
                    taker = c;
                    break;
                }
            }
        }
        taker->setFocus(Qt::OtherFocusReason);
        return taker;
    }

    struct Reached
    {
        QStringList shortcuts;
        bool ambiguous = false;
        bool accepted = false;
    };

    // Presses `key` with the focus in `where`. Qt's shortcut map skips a disabled action (Stop
    // while idle, Save before a run), so every action is enabled for the press and restored
    // after: the binding is what is checked here; the shortcut event is swallowed either way.
    Reached press(QWidget *where, QKeyCombination key)
    {
        QWidget *taker = focus(where);
        const QList<QAction *> actions = m_window->findChildren<QAction *>();
        QList<QAction *> disabled;
        for (QAction *a : actions) {
            if (!a->isEnabled()) {
                disabled << a;
                a->setEnabled(true);
            }
        }
        KeyProbe probe;
        probe.target = taker;
        qApp->installEventFilter(&probe);
        QTest::keyPress(taker, key.key(), key.keyboardModifiers());
        qApp->removeEventFilter(&probe);
        for (QAction *a : disabled)
            a->setEnabled(false);
        // Released outside the probe: the timeline's held-key glide stops on the release.
        QTest::keyRelease(taker, key.key(), key.keyboardModifiers());
        return Reached{probe.shortcutReceivers, probe.ambiguous, probe.keyAccepted};
    }

    static QString readme()
    {
        QFile file(QStringLiteral(COROSCOPE_SOURCE_DIR "/README.md"));
        if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
            return {};
        return QString::fromUtf8(file.readAll());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY2(m_server.start(0), qPrintable(m_server.errorString()));
        m_window = makeActiveWindow(m_server);
        QVERIFY(m_window);
    }

    void cleanupTestCase()
    {
        m_window.reset();
        QSettings().clear();
    }

    void splitKeys_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("slash and comma")
            << u"Ctrl+F, F3 / Shift+F3"_s << QStringList{u"Ctrl+F"_s, u"F3"_s, u"Shift+F3"_s};
        QTest::newRow("a backquoted comma is a key")
            << u"Space, `,` / `.`, Home / End"_s
            << QStringList{u"Space"_s, u","_s, u"."_s, u"Home"_s, u"End"_s};
        QTest::newRow("no spaces") << u"Up/Down"_s << QStringList{u"Up"_s, u"Down"_s};
    }
    void splitKeys()
    {
        QFETCH(QString, cell);
        QFETCH(QStringList, keys);
        QCOMPARE(keysIn(cell), keys);
    }

    // The README's table, key by key: pressed where the README says it works, the key reaches
    // an action or a QShortcut (unambiguously), or the focused widget handles it.
    void everyReadmeKeyIsBound()
    {
        QString error;
        const QList<DocumentedKey> keys = readmeKeys(readme(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(keys.size() >= 25);
        for (const DocumentedKey &doc : keys) {
            for (Where where : doc.where) {
                const Reached r = press(widget(where), doc.key[0]);
                const QString what = u"README.md documents %1, but pressed in %2 it "_s.arg(
                    doc.text, whereName(where));
                QVERIFY2(!r.shortcuts.isEmpty() || r.accepted,
                         qPrintable(what + u"reaches nothing"_s));
                QVERIFY2(!r.ambiguous,
                         qPrintable(what + u"is ambiguous between "_s + r.shortcuts.join(u", ")));
            }
        }
    }

    // Tab reaches the timeline (README: "Tab | reaches the timeline").
    void tabReachesTheTimeline()
    {
        TimelineView *timeline = m_window->timeline();
        focus(m_window->runPanel());
        QVERIFY(!timeline->hasFocus());
        for (int i = 0; i < 60 && !timeline->hasFocus(); ++i)
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QVERIFY(timeline->hasFocus());
    }

    // Help > Keyboard Shortcuts: its menu rows come from the actions, each pressed must reach
    // its own action (an action that is in no menu or widget never fires); its hand-written
    // timeline rows must be keys the timeline (or Loop state panel) answers to.
    void everyDialogKeyIsBound()
    {
        const QList<QAction *> actions = m_window->findChildren<QAction *>();
        for (QAction *a : actions) {
            for (const QKeySequence &key : a->shortcuts()) {
                const Reached r = press(m_window->timeline(), key[0]);
                QVERIFY2(r.shortcuts == QStringList{a->objectName()},
                         qPrintable(u"%1 (%2) reaches [%3]"_s.arg(key.toString(), a->objectName(),
                                                                  r.shortcuts.join(u", "))));
            }
        }
        const QList<ShortcutsDialog::Entry> timeline = ShortcutsDialog::timelineEntries();
        int checked = 0;
        for (const ShortcutsDialog::Entry &entry : timeline) {
            const bool loopState = entry.group.contains(u"Loop state"_s);
            for (const QString &k : dialogKeysIn(entry.keys)) {
                const QKeySequence seq = QKeySequence::fromString(k, QKeySequence::NativeText);
                if (isGesture(k))
                    continue; // a gesture ("Ctrl+wheel", "drag", "Click the time axis")
                QVERIFY2(seq[0].key() != Qt::Key_unknown, qPrintable(k));
                QList<Where> where{Where::Timeline};
                if (loopState)
                    where << Where::LoopStatePanel;
                if (k == u"L"_s && loopState)
                    where = {Where::LoopStatePanel}; // "(in the panel)"
                for (Where w : where) {
                    const Reached r = press(widget(w), seq[0]);
                    QVERIFY2(!r.shortcuts.isEmpty() || r.accepted,
                             qPrintable(u"the shortcuts dialog lists %1 (%2), but in %3 it "
                                        "reaches nothing"_s.arg(k, entry.action, whereName(w))));
                    QVERIFY2(!r.ambiguous, qPrintable(k));
                    ++checked;
                }
            }
        }
        QVERIFY(checked >= 12);
    }

    // The other way round: every key of every action and QShortcut is in the README's table
    // (the dialog lists them by construction), and every key the timeline handles itself is in
    // the README or the dialog.
    void everyBoundKeyIsDocumented()
    {
        QString error;
        QSet<QKeySequence> inReadme;
        for (const DocumentedKey &doc : readmeKeys(readme(), &error))
            inReadme.insert(doc.key);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QKeySequence> inDialog;
        for (const ShortcutsDialog::Entry &entry : ShortcutsDialog::entries(m_window->menuBar()))
            for (const QString &k : dialogKeysIn(entry.keys))
                inDialog.insert(QKeySequence::fromString(k, QKeySequence::NativeText));

        const QList<QAction *> actions = m_window->findChildren<QAction *>();
        int bound = 0;
        QStringList missing;
        for (const QAction *a : actions) {
            for (const QKeySequence &key : a->shortcuts()) {
                if (!inReadme.contains(key))
                    missing << u"README.md's keys table lacks %1 (%2)"_s.arg(
                        key.toString(QKeySequence::PortableText), a->objectName());
                ++bound;
            }
        }
        const QList<QShortcut *> shortcuts = m_window->findChildren<QShortcut *>();
        for (const QShortcut *s : shortcuts) {
            const QString key = s->key().toString(QKeySequence::PortableText);
            if (!inReadme.contains(s->key()))
                missing << u"README.md's keys table lacks %1 (a QShortcut in %2)"_s.arg(
                    key, s->parent()->objectName());
            if (!inDialog.contains(s->key()))
                missing << u"the shortcuts dialog lacks %1"_s.arg(key);
            ++bound;
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"; ")));
        QVERIFY(bound >= 20);

        // Keys the timeline's keyPressEvent() takes (no shortcut map involved): try the keys
        // a user can press. Unmodified only: the timeline reads its keys whatever the modifiers
        // (Shift is how `+` is typed on most layouts), so a modified key does what the plain
        // one does.
        QList<Qt::Key> candidates{
            Qt::Key_Escape, Qt::Key_Tab,    Qt::Key_Backspace,   Qt::Key_Return,
            Qt::Key_Enter,  Qt::Key_Insert, Qt::Key_Delete,      Qt::Key_Home,
            Qt::Key_End,    Qt::Key_Left,   Qt::Key_Up,          Qt::Key_Right,
            Qt::Key_Down,   Qt::Key_PageUp, Qt::Key_PageDown,    Qt::Key_Space,
            Qt::Key_Plus,   Qt::Key_Minus,  Qt::Key_Equal,       Qt::Key_Comma,
            Qt::Key_Period, Qt::Key_Slash,  Qt::Key_BracketLeft, Qt::Key_BracketRight};
        for (int k = Qt::Key_0; k <= Qt::Key_9; ++k)
            candidates << Qt::Key(k);
        for (int k = Qt::Key_A; k <= Qt::Key_Z; ++k)
            candidates << Qt::Key(k);
        for (int k = Qt::Key_F1; k <= Qt::Key_F12; ++k)
            candidates << Qt::Key(k);
        int handled = 0;
        for (const Qt::Key k : candidates) {
            if (k == Qt::Key_Tab)
                continue; // focus movement
            const Reached r = press(m_window->timeline(), QKeyCombination(k));
            if (!r.shortcuts.isEmpty() || !r.accepted)
                continue; // an action's (checked above), or nobody's
            const QKeySequence seq(k);
            if (!inReadme.contains(seq) && !inDialog.contains(seq))
                missing << u"the timeline handles %1, documented nowhere"_s.arg(
                    seq.toString(QKeySequence::PortableText));
            ++handled;
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(u"; ")));
        QVERIFY(handled >= 8); // arrows, W A S D, 0, Up/Down...
    }
};

QTEST_MAIN(TestShortcuts)
#include "tst_shortcuts.moc"
