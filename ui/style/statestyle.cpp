#include "statestyle.h"

#include "trace/vocabulary.h"

namespace Coroscope {

// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
QColor StateStyle::stateColor(SegmentState state)
{
    switch (state) {
    case SegmentState::Pending:
        return QColor(0xcc, 0xcf, 0xd4);
    case SegmentState::Running:
        return QColor(0xe6, 0x9f, 0x00);
    case SegmentState::Suspended:
        return QColor(0x56, 0xb4, 0xe9);
    }
    return {};
}

QColor StateStyle::resultColor(TaskResult result)
{
    switch (result) {
    case TaskResult::Unfinished:
        return QColor(0xcc, 0xcf, 0xd4);
    case TaskResult::Ok:
        return QColor(0x00, 0x9e, 0x73);
    case TaskResult::Error:
        return QColor(0xd5, 0x5e, 0x00);
    case TaskResult::Timeout:
        return QColor(0xf0, 0xc0, 0x00);
    case TaskResult::Cancelled:
        return QColor(0x70, 0x70, 0x70); // mid grey: 3:1 or more on a light and a dark base
    }
    return {};
}

QColor StateStyle::loopBusyColor()
{
    // The loop is busy exactly when some task on it is running.
    return stateColor(SegmentState::Running);
}

QColor StateStyle::lagColor()
{
    return QColor(0xcc, 0x79, 0xa7); // Okabe-Ito reddish purple
}

QColor StateStyle::stoppedColor()
{
    // Crimson: apart from the vermillion of errors and the grey of the cancelled tasks.
    return QColor(0xc0, 0x1c, 0x28);
}

// Chrome DevTools' waterfall, adjusted to stay apart from the bar's sky blue, from running's
// orange and from each other. The states' colours do not follow the palette either, so one set
// serves light and dark themes alike.
QColor StateStyle::phaseColor(PhaseKind kind)
{
    switch (kind) {
    case PhaseKind::Queued:
        return QColor(0xee, 0xee, 0xee); // light grey
    case PhaseKind::Connect:
        return QColor(0xff, 0x7a, 0x1a); // orange, redder than running's
    case PhaseKind::Tls:
        return QColor(0x8e, 0x4b, 0xc9); // purple
    case PhaseKind::Send:
        return QColor(0xb4, 0xe0, 0x5a); // yellow-green
    case PhaseKind::ServerQueue:
        return QColor(0x8c, 0x55, 0x1c); // brown
    case PhaseKind::Waiting:
        return QColor(0x1e, 0x9e, 0x48); // green: time to first byte
    case PhaseKind::Receiving:
        return QColor(0x1a, 0x4f, 0xc4); // blue, darker than the bar
    case PhaseKind::Resume:
        return QColor(0xe0, 0x2f, 0x9c); // magenta: the loop's own latency
    }
    return {};
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
