#pragma once

// What CompareBands' two files share: the fills in paint order and the colours and axis steps
// both the painting (comparebandspaint.cpp) and the tooltips (comparebands.cpp) use.

#include "trace/trace.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace Coroscope::CompareBandsDetail {

// Paint order is priority: where several states meet in one pixel (sub-pixel spans, or many
// tasks sharing one compressed row) the later fill wins, so a brief run on the loop stays visible
// over a long suspension and the outcome marker over everything.
enum Fill : int {
    FillPending,
    FillSuspended,
    FillRunning,
    FillNotch, // a background pixel before an outcome marker: amber must not melt into orange
    FillOk,
    FillError,
    FillTimeout,
    FillCancelled,
    FillCount
};

// The main timeline's palette: a state reads the same in both views.
QColor fillColor(int fill);
int stateFill(SegmentState state);
int resultFill(TaskResult result);
QColor shade(const QPalette &palette, double t);
QColor loopTrackColor(const QPalette &palette);
QColor separatorColor(const QPalette &palette);
QColor gridColor(const QPalette &palette);
// 1, 2 or 5 x 10^k nanoseconds: round numbers to read off an axis.
qint64 tickStep(double minStepNs);
// The unit follows the step so that every label on one axis reads alike ("0.5 s", "1.0 s").
QString formatTick(qint64 ns, qint64 stepNs);

} // namespace Coroscope::CompareBandsDetail
