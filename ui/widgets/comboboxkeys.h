#pragma once

class QComboBox;

namespace Coroscope {

// Up/Down on a closed combo box opens its list instead of changing the choice silently (a Tab
// onto the table filter followed by an arrow key used to hide rows without a visible cause).
void openListOnArrowKeys(QComboBox *combo);

} // namespace Coroscope
