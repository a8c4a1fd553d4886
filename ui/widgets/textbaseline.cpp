#include "textbaseline.h"

#include <QAbstractSpinBox>
#include <QEvent>
#include <QLineEdit>

#include <algorithm>

namespace Coroscope {

namespace {

// Found by name: without Q_OBJECT, findChild<BaselineKeeper *> would match any QObject child.
const QString KeeperName = QStringLiteral("coroscopeBaselineKeeper");

void alignBaseline(QLineEdit *edit)
{
    // QLineEdit::paintEvent (Qt 6.4) puts the text's top at (height - max(fm.height(),
    // fm.boundingRect(text).height()) + 1) / 2 of its contents. Moving the contents down by the
    // difference to where the widget font's height puts it, and taking as much off the bottom
    // (so the size hint, and the spin box's height, stay the same) gives every text the same
    // top, and so the same baseline.
    const QFontMetrics fm = edit->fontMetrics();
    const int height = edit->height();
    const int textHeight = std::max(fm.height(), fm.boundingRect(edit->text()).height());
    const int shift = (height - fm.height() + 1) / 2 - (height - textHeight + 1) / 2;
    const QMargins margins = edit->textMargins();
    if (margins.top() != shift || margins.bottom() != -shift)
        edit->setTextMargins(margins.left(), shift, margins.right(), -shift);
}

class BaselineKeeper : public QObject
{
public:
    explicit BaselineKeeper(QLineEdit *edit)
        : QObject(edit)
    {
        setObjectName(KeeperName);
        edit->installEventFilter(this);
    }

protected:
    // Just before each paint: a spin box sets its line edit's text with signals blocked, and
    // the text, the font and the size all matter.
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            alignBaseline(static_cast<QLineEdit *>(watched));
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

void keepTextBaseline(QLineEdit *edit)
{
    if (edit && !edit->findChild<QObject *>(KeeperName, Qt::FindDirectChildrenOnly))
        new BaselineKeeper(edit);
}

void keepTextBaseline(QAbstractSpinBox *box)
{
    // A spin box's line edit is protected API; it is its only QLineEdit child.
    if (box)
        keepTextBaseline(box->findChild<QLineEdit *>(QString(), Qt::FindDirectChildrenOnly));
}

} // namespace Coroscope
