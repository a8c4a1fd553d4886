#pragma once

#include <QDialog>
#include <QList>
#include <QString>

class QMenuBar;
class QTreeWidget;

namespace Coroscope {

// Help > Keyboard Shortcuts (F1): every key the window answers to. Built from the menu bar's
// actions themselves, so a shortcut added to an action shows here without anyone remembering,
// plus the keys the timeline handles itself (which are not actions).
class ShortcutsDialog : public QDialog
{
    Q_OBJECT
public:
    struct Entry
    {
        QString group; // the menu ("View"), or "Timeline"
        QString keys; // "Ctrl+R", "+ / = / Ctrl++", in the platform's notation
        QString action; // "Run", mnemonic and ellipsis removed
    };

    explicit ShortcutsDialog(QMenuBar *menuBar, QWidget *parent = nullptr);

    // Every entry in the order shown: the menus left to right, top to bottom, then the timeline.
    static QList<Entry> entries(const QMenuBar *menuBar);
    // The keys the timeline view handles in keyPressEvent()/wheelEvent(), not as actions.
    static QList<Entry> timelineEntries();
    // "&Export Tasks CSV…" -> "Export Tasks CSV", "退出(&Q)" -> "退出".
    static QString plainText(QString text);

    QTreeWidget *tree() const { return m_tree; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void fill();

    QMenuBar *m_menuBar = nullptr;
    QTreeWidget *m_tree = nullptr;
};

} // namespace Coroscope
