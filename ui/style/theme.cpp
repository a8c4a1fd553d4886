#include "theme.h"

#include <QAbstractAxis>
#include <QApplication>
#include <QChart>
#include <QPainter>
#include <QProxyStyle>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QStyleOption>

#include <cmath>
#include <memory>

namespace Coroscope {

namespace {
const QString ThemeKey = QStringLiteral("ui/theme");
Theme::Choice g_current = Theme::Choice::System;
bool g_paletteSet = false; // System at start-up leaves Qt's palette alone

// Fusion outlines check boxes and radio buttons in the window colour darkened by 40%: on a dark
// window that is nearly the base colour, and the TLS check box showed almost no border. The
// outline is drawn again in a grey that stands out on the base (3:1, as WCAG asks of a control's
// edge); light palettes are left as they are.
class IndicatorOutlineStyle : public QProxyStyle
{
public:
    using QProxyStyle::QProxyStyle;

    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget) const override
    {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        if ((element != PE_IndicatorCheckBox && element != PE_IndicatorRadioButton)
            || !Theme::isDark(option->palette))
            return;
        const QColor base = option->palette.color(QPalette::Base);
        const QColor edge = Theme::readableOn(option->palette.color(QPalette::Light), base, 3.0);
        painter->save();
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setPen(QPen(edge, 1));
        painter->setBrush(Qt::NoBrush);
        const QRectF rect = QRectF(option->rect).adjusted(0.5, 0.5, -1.5, -1.5);
        if (element == PE_IndicatorRadioButton)
            painter->drawEllipse(rect);
        else
            painter->drawRect(rect);
        painter->restore();
    }
};

void outlineIndicators()
{
    // Once, over Fusion only (the style with the faint edge), and not under a style sheet,
    // which brings its own rules.
    QStyle *style = QApplication::style();
    if (!style || dynamic_cast<IndicatorOutlineStyle *>(style) || !qApp->styleSheet().isEmpty()
        || style->name().compare(QStringLiteral("fusion"), Qt::CaseInsensitive) != 0)
        return;
    QApplication::setStyle(new IndicatorOutlineStyle(QStyleFactory::create(style->name())));
}

double channel(float c)
{
    return c <= 0.04045f ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &color)
{
    const QColor rgb = color.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF())
        + 0.0722 * channel(rgb.blueF());
}
} // namespace

Theme::Choice Theme::saved()
{
    Choice choice = Choice::System;
    fromKey(QSettings().value(ThemeKey).toString(), &choice);
    return choice;
}

void Theme::save(Choice choice)
{
    QSettings().setValue(ThemeKey, key(choice));
}

QString Theme::key(Choice choice)
{
    switch (choice) {
    case Choice::System:
        break;
    case Choice::Light:
        return QStringLiteral("light");
    case Choice::Dark:
        return QStringLiteral("dark");
    }
    return QStringLiteral("system");
}

bool Theme::fromKey(const QString &key, Choice *choice)
{
    for (const Choice c : {Choice::System, Choice::Light, Choice::Dark}) {
        if (key == Theme::key(c)) {
            *choice = c;
            return true;
        }
    }
    return false;
}

Theme::Choice Theme::current()
{
    return g_current;
}

void Theme::apply(Choice choice)
{
    g_current = choice;
    if (choice != Choice::System)
        g_paletteSet = true;
    switch (choice) {
    case Choice::System:
        if (!g_paletteSet)
            break;
        // A palette with no role set resolves every role against the style's and the platform
        // theme's: the system's palette, which Qt keeps following when the desktop changes it.
        QApplication::setPalette(QPalette());
        break;
    case Choice::Light:
        QApplication::setPalette(lightPalette());
        break;
    case Choice::Dark:
        outlineIndicators();
        QApplication::setPalette(darkPalette());
        break;
    }
}

QPalette Theme::lightPalette()
{
    // Fusion's own palette is light whatever the desktop says (Qt 6.4).
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p = fusion ? fusion->standardPalette() : QPalette(QColor(0xef, 0xef, 0xef));
    // Fusion's selection blue gives white text 3.7:1; a darker shade of it reaches 4.5:1.
    const QColor selectedText = p.color(QPalette::Active, QPalette::HighlightedText);
    p.setColor(QPalette::Active, QPalette::Highlight,
               readableOn(p.color(QPalette::Active, QPalette::Highlight), selectedText));
    p.setColor(QPalette::Inactive, QPalette::Highlight,
               readableOn(p.color(QPalette::Inactive, QPalette::Highlight),
                          p.color(QPalette::Inactive, QPalette::HighlightedText)));
    return p;
}

QPalette Theme::darkPalette()
{
    // Greys with enough steps between window, base and the bevels for Fusion to draw edges, and
    // text at 13:1 or more on every background.
    const QColor window(0x32, 0x33, 0x36);
    const QColor base(0x22, 0x23, 0x26);
    const QColor text(0xe8, 0xe8, 0xe8);
    const QColor disabled(0x80, 0x80, 0x84);
    const QColor highlight(0x2f, 0x6f, 0xc0);
    QPalette p(window, window); // derives light, dark, mid and shadow from the button colour
    for (const QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive}) {
        p.setColor(group, QPalette::WindowText, text);
        p.setColor(group, QPalette::Text, text);
        p.setColor(group, QPalette::ButtonText, text);
        p.setColor(group, QPalette::PlaceholderText, QColor(0xa0, 0xa2, 0xa8));
    }
    p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
    p.setColor(QPalette::Disabled, QPalette::Text, disabled);
    p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
    p.setColor(QPalette::Disabled, QPalette::PlaceholderText, QColor(0x68, 0x68, 0x6c));
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x2a, 0x2b, 0x2e));
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::Disabled, QPalette::Base, window);
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3d, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xc0, 0x9c, 0xff));
    p.setColor(QPalette::Highlight, highlight);
    p.setColor(QPalette::Inactive, QPalette::Highlight, QColor(0x3a, 0x4f, 0x6c));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x48, 0x48, 0x4c));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Light, QColor(0x4a, 0x4b, 0x4f));
    p.setColor(QPalette::Midlight, QColor(0x40, 0x41, 0x45));
    p.setColor(QPalette::Mid, QColor(0x2a, 0x2b, 0x2e));
    p.setColor(QPalette::Dark, QColor(0x1c, 0x1d, 0x20));
    p.setColor(QPalette::Shadow, QColor(0x10, 0x10, 0x12));
    return p;
}

bool Theme::isDark(const QPalette &palette)
{
    return luminance(palette.color(QPalette::Text)) > luminance(palette.color(QPalette::Base));
}

double Theme::contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor Theme::readableOn(const QColor &color, const QColor &background, double minRatio)
{
    if (!color.isValid() || contrastRatio(color, background) >= minRatio)
        return color;
    // Towards white on a dark background, towards black on a light one, in HSL lightness: the
    // hue stays, so "ok" still reads green.
    const bool lighten = luminance(background) < 0.18;
    const QColor hsl = color.toHsl();
    const float h = hsl.hslHueF();
    const float s = hsl.hslSaturationF();
    float l = hsl.lightnessF();
    QColor out = color;
    for (int step = 0; step < 100 && contrastRatio(out, background) < minRatio; ++step) {
        l = lighten ? std::min(1.0f, l + 0.01f) : std::max(0.0f, l - 0.01f);
        out = QColor::fromHslF(h, s, l, hsl.alphaF()).toRgb();
        if (l <= 0.0f || l >= 1.0f)
            break;
    }
    return out;
}

void Theme::styleChart(QChart *chart, const QPalette &palette)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const auto mixed = [&](double t) {
        return QColor::fromRgbF(float(base.redF() + (text.redF() - base.redF()) * t),
                                float(base.greenF() + (text.greenF() - base.greenF()) * t),
                                float(base.blueF() + (text.blueF() - base.blueF()) * t));
    };
    chart->setBackgroundBrush(base);
    chart->setBackgroundPen(Qt::NoPen);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(mixed(0.45));
        axis->setGridLineColor(mixed(0.12));
        axis->setMinorGridLineColor(mixed(0.06));
    }
}

} // namespace Coroscope
