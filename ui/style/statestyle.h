#pragma once

#include "trace/phases.h"
#include "trace/segments.h"
#include "trace/traceevent.h"

#include <QColor>
#include <QList>
#include <QPair>
#include <QString>

namespace Coroscope {

// The colours of what a trace contains (states, results, `await reply` phases, the loop) and the
// legend that names them: one home for every view (timeline, overview, table, summary, details,
// Compare), so that a state reads the same everywhere. The words are trace/vocabulary.h's, the
// colours trace/palette.h's (the report's too). They are fixed, not the Qt palette's: one set
// was chosen to stand apart on the light and the dark theme alike; where one is used as text it
// goes through Theme::readableOn() or resultInk().
class StateStyle
{
public:
    static QColor stateColor(SegmentState state);
    static QColor resultColor(TaskResult result);
    // The inner band of an `await reply` bar, one colour per phase (after Chrome's waterfall).
    static QColor phaseColor(PhaseKind kind);
    static QColor loopBusyColor();
    static QColor lagColor();
    // The Stop marker: a run the user cut short, unlike the "all done" line of a finished one.
    static QColor stoppedColor();
    // A result's colour darkened so that it reads as text on a light background (the table,
    // the summary's figures).
    static QColor resultInk(TaskResult result);

    // The timeline's legend: states, results and the loop's lag; with `phases`, the colours of
    // the phases inside `await reply` too, after a heading entry that has no colour.
    static QList<QPair<QString, QColor>> legend(bool phases = true);
};

} // namespace Coroscope
