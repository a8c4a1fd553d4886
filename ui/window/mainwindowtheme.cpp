// MainWindow: View > Theme and Help > Keyboard Shortcuts.
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "shortcutsdialog.h"
#include "theme.h"

#include <QActionGroup>
#include <QPointer>

namespace Coroscope {

void MainWindow::setupThemeMenu()
{
    auto *group = new QActionGroup(this);
    group->setExclusive(true);
    const QList<std::pair<QAction *, Theme::Choice>> themes{
        {ui->actionThemeSystem, Theme::Choice::System},
        {ui->actionThemeLight, Theme::Choice::Light},
        {ui->actionThemeDark, Theme::Choice::Dark},
    };
    const Theme::Choice current = Theme::current();
    for (const auto &[action, choice] : themes) {
        group->addAction(action);
        action->setChecked(choice == current);
        connect(action, &QAction::triggered, this, [choice = choice]() {
            Theme::save(choice);
            Theme::apply(choice); // every view repaints on the PaletteChange
        });
    }

    connect(ui->actionKeyboardShortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
}

void MainWindow::showShortcuts()
{
    // One dialog, raised again by F1 rather than stacked.
    static QPointer<ShortcutsDialog> open;
    if (!open) {
        open = new ShortcutsDialog(menuBar(), this);
        open->setAttribute(Qt::WA_DeleteOnClose);
    }
    open->show();
    open->raise();
    open->activateWindow();
}

} // namespace Coroscope
