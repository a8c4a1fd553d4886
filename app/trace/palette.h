#pragma once

#include "phases.h"
#include "segments.h"
#include "traceevent.h"

#include <QString>

namespace Coroscope::Palette {

// The colours of what a trace contains (states, results, `await reply` phases, the loop), as
// 0xRRGGBB: the one table the window (ui/style/statestyle.h), the report's style sheet
// (io/report.cpp) and the report's density image (io/reportsvg.cpp) all draw from, so that a
// state has one colour wherever it is shown. In the core because the report is written without
// widgets. One set serves the light and the dark theme alike (chosen to stand apart on both);
// where one is used as text it is darkened or lightened by its user, not here.

using Rgb = quint32;

// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
constexpr Rgb state(SegmentState s)
{
    switch (s) {
    case SegmentState::Pending:
        return 0xcccfd4;
    case SegmentState::Running:
        return 0xe69f00;
    case SegmentState::Suspended:
        return 0x56b4e9;
    }
    return 0x000000;
}

constexpr Rgb result(TaskResult r)
{
    switch (r) {
    case TaskResult::Unfinished:
        return 0xcccfd4;
    case TaskResult::Ok:
        return 0x009e73;
    case TaskResult::Error:
        return 0xd55e00;
    case TaskResult::Timeout:
        return 0xf0c000;
    case TaskResult::Cancelled:
        return 0x707070; // mid grey: 3:1 or more on a light and a dark base
    }
    return 0x000000;
}

// Chrome DevTools' waterfall, adjusted to stay apart from the bar's sky blue, from running's
// orange and from each other.
constexpr Rgb phase(PhaseKind kind)
{
    switch (kind) {
    case PhaseKind::Queued:
        return 0xeeeeee; // light grey
    case PhaseKind::Connect:
        return 0xff7a1a; // orange, redder than running's
    case PhaseKind::Tls:
        return 0x8e4bc9; // purple
    case PhaseKind::Send:
        return 0xb4e05a; // yellow-green
    case PhaseKind::ServerQueue:
        return 0x8c551c; // brown
    case PhaseKind::Waiting:
        return 0x1e9e48; // green: time to first byte
    case PhaseKind::Receiving:
        return 0x1a4fc4; // blue, darker than the bar
    case PhaseKind::Resume:
        return 0xe02f9c; // magenta: the loop's own latency
    }
    return 0x000000;
}

// The loop is busy exactly when some task on it is running.
inline constexpr Rgb LoopBusy = state(SegmentState::Running);
inline constexpr Rgb Lag = 0xcc79a7; // Okabe-Ito reddish purple
// The Stop marker: crimson, apart from the vermillion of errors and the grey of the cancelled.
inline constexpr Rgb Stopped = 0xc01c28;

constexpr int red(Rgb rgb)
{
    return int((rgb >> 16) & 0xff);
}
constexpr int green(Rgb rgb)
{
    return int((rgb >> 8) & 0xff);
}
constexpr int blue(Rgb rgb)
{
    return int(rgb & 0xff);
}

// "#rrggbb", as CSS and QColor::name() write it.
inline QString hex(Rgb rgb)
{
    return QStringLiteral("#%1").arg(rgb & 0xffffff, 6, 16, QLatin1Char('0'));
}

} // namespace Coroscope::Palette
