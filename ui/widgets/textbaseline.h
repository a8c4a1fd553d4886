#pragma once

class QAbstractSpinBox;
class QLineEdit;

namespace Coroscope {

// Qt 6.4's QLineEdit centres its text by the height of the text's bounding box. Chinese text is
// drawn in a fallback CJK font with taller line metrics than the widget's font, so a box showing
// "不限" or "30000 毫秒" sat 2 px (4 px at scale 2) higher than one showing "10". This keeps
// `edit`'s text on the baseline of the widget's own font, whatever glyphs its text needs, by
// moving its contents down the difference (text margins: as much added at the top as taken off
// the bottom, so its size hint does not change), updated when the text, the font or the size
// changes.
void keepTextBaseline(QLineEdit *edit);
// The same for a spin box's line edit.
void keepTextBaseline(QAbstractSpinBox *box);

} // namespace Coroscope
