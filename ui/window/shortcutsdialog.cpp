#include "shortcutsdialog.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Coroscope {

namespace {
void collect(const QMenu *menu, const QString &group, QList<ShortcutsDialog::Entry> *out)
{
    const QList<QAction *> actions = menu->actions();
    for (const QAction *action : actions) {
        if (action->isSeparator())
            continue;
        if (const QMenu *sub = action->menu()) {
            collect(sub, group, out);
            continue;
        }
        const QList<QKeySequence> keys = action->shortcuts();
        if (keys.isEmpty())
            continue;
        QStringList texts;
        for (const QKeySequence &key : keys) {
            const QString text = key.toString(QKeySequence::NativeText);
            if (!text.isEmpty() && !texts.contains(text))
                texts.append(text);
        }
        out->append(
            {group, texts.join(QStringLiteral(" / ")), ShortcutsDialog::plainText(action->text())});
    }
}
} // namespace

ShortcutsDialog::ShortcutsDialog(QMenuBar *menuBar, QWidget *parent)
    : QDialog(parent)
    , m_menuBar(menuBar)
    , m_tree(new QTreeWidget(this))
{
    m_tree->setColumnCount(2);
    m_tree->setRootIsDecorated(false);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionMode(QAbstractItemView::NoSelection);
    m_tree->setFocusPolicy(Qt::StrongFocus); // scrolls with the arrow keys
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tree);
    layout->addWidget(buttons);
    resize(560, 560);
    fill();
}

QString ShortcutsDialog::plainText(QString text)
{
    static const QRegularExpression cjkMnemonic(QStringLiteral("\\(&.\\)"));
    text.remove(cjkMnemonic);
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(u'&');
    text.replace(u'\x01', u'&');
    text = text.trimmed();
    if (text.endsWith(u'…'))
        text.chop(1);
    else if (text.endsWith(QStringLiteral("...")))
        text.chop(3);
    return text.trimmed();
}

QList<ShortcutsDialog::Entry> ShortcutsDialog::timelineEntries()
{
    const QString group = tr("Timeline (click it or Tab to it first)");
    const auto key = [](const char *portable) {
        return QKeySequence(QString::fromLatin1(portable)).toString(QKeySequence::NativeText);
    };
    // Keep in step with TimelineView::keyPressEvent() and wheelEvent() (timelinenavigation.cpp).
    return {
        {group, tr("Ctrl+wheel, pinch"), tr("Zoom around the pointer")},
        {group, tr("%1 / %2, drag, Shift+wheel").arg(key("Left"), key("Right")),
         tr("Pan through time")},
        {group, tr("Wheel"), tr("Scroll the rows")},
        {group, key("0"), tr("Fit the whole run")},
        {group, tr("%1 / %2").arg(key("Up"), key("Down")), tr("Select the previous / next task")},
        {group, key("Esc"), tr("Clear the selection and the highlight")},
        {group, tr("%1 / %2").arg(key("W"), key("S")), tr("Zoom in / out")},
        {group, tr("%1 / %2").arg(key("A"), key("D")), tr("Pan earlier / later")},
        {group, tr("Click the time axis"), tr("Move the Loop state playhead there")},
        // Keep in step with MainWindow::setupLoopStateDock().
        {tr("Loop state (in the timeline or its panel)"), key("Space"),
         tr("Play / pause the replay")},
        {tr("Loop state (in the timeline or its panel)"), tr("%1 / %2").arg(key(","), key(".")),
         tr("Step to the previous / next event")},
        {tr("Loop state (in the timeline or its panel)"),
         tr("%1 / %2").arg(key("Home"), key("End")), tr("Jump to the start / end of the run")},
        {tr("Loop state (in the timeline or its panel)"), key("L"),
         tr("Follow the run as it happens (in the panel)")},
    };
}

QList<ShortcutsDialog::Entry> ShortcutsDialog::entries(const QMenuBar *menuBar)
{
    QList<Entry> out;
    if (menuBar) {
        const QList<QAction *> menus = menuBar->actions();
        for (const QAction *menuAction : menus) {
            if (const QMenu *menu = menuAction->menu())
                collect(menu, plainText(menuAction->text()), &out);
        }
    }
    out.append(timelineEntries());
    return out;
}

void ShortcutsDialog::fill()
{
    setWindowTitle(tr("Keyboard Shortcuts"));
    m_tree->setHeaderLabels({tr("Keys"), tr("Action")});
    m_tree->clear();
    QTreeWidgetItem *groupItem = nullptr;
    QString group;
    const QList<Entry> all = entries(m_menuBar);
    for (const Entry &entry : all) {
        if (!groupItem || entry.group != group) {
            group = entry.group;
            groupItem = new QTreeWidgetItem(m_tree, {group});
            QFont bold = groupItem->font(0);
            bold.setBold(true);
            groupItem->setFont(0, bold);
            groupItem->setFirstColumnSpanned(true);
            groupItem->setFlags(Qt::ItemIsEnabled);
        }
        auto *item = new QTreeWidgetItem(groupItem, {entry.keys, entry.action});
        item->setFlags(Qt::ItemIsEnabled);
    }
    m_tree->expandAll();
}

void ShortcutsDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        fill();
    QDialog::changeEvent(event);
}

} // namespace Coroscope
