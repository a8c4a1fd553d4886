#include "statestyle.h"

#include "trace/palette.h"
#include "trace/vocabulary.h"

namespace Coroscope {

namespace {
QColor color(Palette::Rgb rgb)
{
    return QColor(Palette::red(rgb), Palette::green(rgb), Palette::blue(rgb));
}
} // namespace

// The colours are the core's table (trace/palette.h), which the report draws from too.
QColor StateStyle::stateColor(SegmentState state)
{
    return color(Palette::state(state));
}

QColor StateStyle::resultColor(TaskResult result)
{
    return color(Palette::result(result));
}

QColor StateStyle::loopBusyColor()
{
    return color(Palette::LoopBusy);
}

QColor StateStyle::lagColor()
{
    return color(Palette::Lag);
}

QColor StateStyle::stoppedColor()
{
    return color(Palette::Stopped);
}

QColor StateStyle::phaseColor(PhaseKind kind)
{
    return color(Palette::phase(kind));
}

QColor StateStyle::resultInk(TaskResult result)
{
    const QColor base = resultColor(result);
    const bool pale = result == TaskResult::Unfinished || result == TaskResult::Timeout;
    return base.darker(pale ? 185 : 125);
}

QList<QPair<QString, QColor>> StateStyle::legend(bool phases)
{
    QList<QPair<QString, QColor>> entries;
    for (SegmentState state :
         {SegmentState::Pending, SegmentState::Running, SegmentState::Suspended})
        entries.append({Vocabulary::stateText(state), stateColor(state)});
    for (TaskResult result :
         {TaskResult::Ok, TaskResult::Error, TaskResult::Timeout, TaskResult::Cancelled})
        entries.append({Vocabulary::resultText(result), resultColor(result)});
    entries.append({Vocabulary::loopLagText(), lagColor()});
    if (phases) {
        // A heading (no colour), then the band's colours (TLS shows on https, from the
        // handshake time the embedded server reports).
        entries.append({Vocabulary::inAwaitReplyText(), QColor()});
        for (PhaseKind kind :
             {PhaseKind::Queued, PhaseKind::Connect, PhaseKind::Tls, PhaseKind::Send,
              PhaseKind::ServerQueue, PhaseKind::Waiting, PhaseKind::Receiving, PhaseKind::Resume})
            entries.append({Vocabulary::phaseText(kind).toLower(), phaseColor(kind)});
    }
    return entries;
}

} // namespace Coroscope
