#include "comboboxkeys.h"

#include <QComboBox>
#include <QKeyEvent>

namespace Coroscope {

namespace {
class ArrowKeysOpenList : public QObject
{
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::KeyPress) {
            const auto *key = static_cast<QKeyEvent *>(event);
            if ((key->key() == Qt::Key_Up || key->key() == Qt::Key_Down)
                && key->modifiers() == Qt::NoModifier) {
                static_cast<QComboBox *>(watched)->showPopup();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};
} // namespace

void openListOnArrowKeys(QComboBox *combo)
{
    combo->installEventFilter(new ArrowKeysOpenList(combo));
}

} // namespace Coroscope
