#pragma once

#include <QColor>
#include <QCoreApplication>
#include <QPalette>
#include <QString>

class QChart;

namespace Coroscope {

// View > Theme: the system's palette, or Coroscope's own light or dark one. Views paint with
// palette roles (Base, Text, ...) and react to QEvent::PaletteChange, so a change applies live;
// fixed colours that carry a meaning (states, results) go through readableOn() where they are
// text.
class Theme
{
    Q_DECLARE_TR_FUNCTIONS(Theme)
public:
    enum class Choice { System, Light, Dark };

    // The choice persisted in QSettings (System when none or unknown).
    static Choice saved();
    static void save(Choice choice);
    // Replaces the application palette (needs a QApplication); widgets repaint at once.
    static void apply(Choice choice);
    static Choice current();
    static QString key(Choice choice); // "system", "light", "dark": settings and tests
    static bool fromKey(const QString &key, Choice *choice);

    static QPalette lightPalette();
    static QPalette darkPalette();
    // A palette is dark when its text is lighter than its base.
    static bool isDark(const QPalette &palette);

    // WCAG 2 contrast ratio, 1 (same luminance) to 21 (black on white).
    static double contrastRatio(const QColor &a, const QColor &b);
    // `color`, made lighter on a dark background or darker on a light one, just enough to reach
    // `minRatio` against `background` (4.5: WCAG AA for text; 3: for graphics). Keeps the hue.
    static QColor readableOn(const QColor &color, const QColor &background, double minRatio = 4.5);

    // Background, axes, labels and grid of a Qt Charts chart in the colours of `palette`.
    static void styleChart(QChart *chart, const QPalette &palette);
};

} // namespace Coroscope
