#pragma once

#include <QLayout>
#include <QList>

namespace Coroscope {

// Lays its items out left to right and wraps them onto further lines when the width runs out
// (Qt's flow layout example, trimmed). Rows of cards and legends use it so that a narrow window,
// a docked panel or a longer translation costs a line of height instead of forcing the whole
// window wider.
class FlowLayout : public QLayout
{
public:
    explicit FlowLayout(QWidget *parent = nullptr, int horizontalSpacing = 8,
                        int verticalSpacing = 4);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    int count() const override;
    QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;

    Qt::Orientations expandingDirections() const override;
    bool hasHeightForWidth() const override;
    int heightForWidth(int width) const override;
    QSize minimumSize() const override;
    QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

private:
    // Places the items in `rect` (only measures, with `apply` false); returns the height used.
    int doLayout(const QRect &rect, bool apply) const;

    QList<QLayoutItem *> m_items;
    int m_hSpacing = 8;
    int m_vSpacing = 4;
};

} // namespace Coroscope
