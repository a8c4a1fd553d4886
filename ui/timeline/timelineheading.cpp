// The heading over an exported picture (PNG, SVG): a picture shared in a chat must
// say on its own what ran, what came of it and what its colours mean. Drawn with the view's
// palette and fonts, so that it is light or dark and in the language the window is.
#include "timelinerenderer.h"

#include "statestyle.h"

#include <QPainter>

#include <algorithm>

namespace Coroscope {

using namespace TimelineRendering;

namespace {
constexpr int Margin = 10;
constexpr int SwatchSize = 10;
constexpr int SwatchGap = 5;
constexpr int EntryGap = 14; // between legend entries
constexpr int FigureGap = 22; // between figures, as the summary strip spaces its cards
constexpr int LineGap = 4;
constexpr int SectionGap = 8;
constexpr int TextFlags = Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap;
} // namespace

int TimelineRenderer::layoutHeading(QPainter *painter, const TimelineImageHeading &heading,
                                    int width, const QPalette &palette, const QFont &font,
                                    bool showPhases)
{
    const QColor base = palette.color(QPalette::Base);
    const QColor text = palette.color(QPalette::Text);
    const QColor dim = mix(base, text, 0.6);
    const int left = Margin;
    const int right = std::max(left + 1, width - Margin);
    int y = Margin;
    if (painter) {
        // Laid out left to right like the timeline under it, whatever -reverse says.
        painter->setLayoutDirection(Qt::LeftToRight);
        painter->fillRect(
            QRect(0, 0, width, layoutHeading(nullptr, heading, width, palette, font, showPhases)),
            base);
        painter->setPen(text);
    }

    // The title line: what ran. It wraps rather than being cut (long URLs).
    if (!heading.title.isEmpty()) {
        QFont bold = font;
        bold.setBold(true);
        bold.setPointSizeF(bold.pointSizeF() * 1.1);
        const QFontMetrics fm(bold);
        const QRect room(left, y, right - left, 100'000);
        int flags = TextFlags;
        QRect used = fm.boundingRect(room, flags, heading.title);
        if (used.width() > room.width()) {
            // A URL longer than the picture is wide has no space to wrap at: break it anywhere.
            flags |= Qt::TextWrapAnywhere;
            used = fm.boundingRect(room, flags, heading.title);
        }
        if (painter) {
            painter->setFont(bold);
            painter->setPen(text);
            painter->drawText(QRect(left, y, right - left, used.height()), flags, heading.title);
        }
        y += used.height() + SectionGap;
    }

    // The figures, as the summary strip shows them: a small caption over each value.
    if (!heading.figures.isEmpty()) {
        QFont caption = font;
        caption.setPointSizeF(caption.pointSizeF() * 0.85);
        QFont value = font;
        value.setBold(true);
        value.setPointSizeF(value.pointSizeF() * 1.2);
        const QFontMetrics captionFm(caption);
        const QFontMetrics valueFm(value);
        const int cardHeight = captionFm.height() + valueFm.height();
        auto widthOf = [&](const TimelineImageHeading::Figure &figure) {
            return std::max(captionFm.horizontalAdvance(figure.caption),
                            valueFm.horizontalAdvance(figure.value));
        };
        int x = left;
        for (qsizetype i = 0; i < heading.figures.size(); ++i) {
            const TimelineImageHeading::Figure &figure = heading.figures.at(i);
            const int cardWidth = widthOf(figure);
            // A group (the outcomes) goes to the next line whole when it does not fit.
            int needed = cardWidth;
            for (qsizetype j = i + 1; !figure.withPrevious && j < heading.figures.size()
                 && heading.figures.at(j).withPrevious;
                 ++j)
                needed += FigureGap + widthOf(heading.figures.at(j));
            if (needed > right - left)
                needed = cardWidth; // wider than a line: wraps where it must
            if (x > left && x + needed > right) {
                x = left;
                y += cardHeight + LineGap;
            }
            if (painter) {
                painter->setFont(caption);
                painter->setPen(dim);
                painter->drawText(QRect(x, y, cardWidth, captionFm.height()),
                                  Qt::AlignLeft | Qt::AlignVCenter, figure.caption);
                painter->setFont(value);
                painter->setPen(figure.ink.isValid() ? figure.ink : text);
                painter->drawText(QRect(x, y + captionFm.height(), cardWidth, valueFm.height()),
                                  Qt::AlignLeft | Qt::AlignVCenter, figure.value);
            }
            x += cardWidth + FigureGap;
        }
        y += cardHeight + SectionGap;
    }

    // The legend, wrapped like the window's: a heading ("in await reply:") stays with its first
    // entry.
    const QFontMetrics fm = QFontMetrics(font);
    const int lineHeight = std::max(fm.height(), SwatchSize);
    const QList<QPair<QString, QColor>> entries = StateStyle::legend(showPhases);
    auto entryWidth = [&fm](const QPair<QString, QColor> &entry) {
        return (entry.second.isValid() ? SwatchSize + SwatchGap : 0)
            + fm.horizontalAdvance(entry.first);
    };
    if (painter)
        painter->setFont(font);
    int x = left;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const auto &[name, color] = entries.at(i);
        int needed = entryWidth(entries.at(i));
        if (!color.isValid() && i + 1 < entries.size())
            needed += EntryGap / 2 + entryWidth(entries.at(i + 1));
        if (x > left && x + needed > right) {
            x = left;
            y += lineHeight + LineGap;
        }
        if (painter) {
            int textLeft = x;
            if (color.isValid()) {
                const QRect swatch(x, y + (lineHeight - SwatchSize) / 2, SwatchSize, SwatchSize);
                painter->fillRect(swatch, color);
                painter->setPen(mix(color, text, 0.35));
                painter->setBrush(Qt::NoBrush);
                painter->drawRect(swatch.adjusted(0, 0, -1, -1));
                textLeft += SwatchSize + SwatchGap;
            }
            painter->setPen(color.isValid() ? text : dim);
            painter->drawText(QRect(textLeft, y, right - textLeft, lineHeight),
                              Qt::AlignLeft | Qt::AlignVCenter, name);
        }
        x += entryWidth(entries.at(i)) + (color.isValid() ? EntryGap : EntryGap / 2);
    }
    y += lineHeight + Margin;

    if (painter) {
        // Under it the timeline's axis: a line keeps the heading apart from the picture.
        painter->setPen(mix(base, text, 0.22));
        painter->drawLine(0, y - 1, width, y - 1);
        painter->setFont(font);
    }
    return y;
}

} // namespace Coroscope
