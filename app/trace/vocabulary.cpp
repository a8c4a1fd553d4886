#include "vocabulary.h"

#include <QLocale>

#include <cmath>

namespace Coroscope {

QString Vocabulary::stateText(SegmentState state)
{
    switch (state) {
    case SegmentState::Pending:
        return tr("pending");
    case SegmentState::Running:
        return tr("running");
    case SegmentState::Suspended:
        return tr("suspended");
    }
    return {};
}

QString Vocabulary::resultText(TaskResult result)
{
    switch (result) {
    case TaskResult::Unfinished:
        return tr("unfinished");
    case TaskResult::Ok:
        return tr("ok");
    case TaskResult::Error:
        return tr("error");
    case TaskResult::Timeout:
        return tr("timeout");
    case TaskResult::Cancelled:
        return tr("cancelled");
    }
    return {};
}

QString Vocabulary::phaseText(PhaseKind kind)
{
    switch (kind) {
    case PhaseKind::Queued:
        return tr("Queued");
    case PhaseKind::Connect:
        return tr("Connect");
    case PhaseKind::Tls:
        return tr("TLS");
    case PhaseKind::Send:
        return tr("Send");
    case PhaseKind::ServerQueue:
        return tr("Server queue");
    case PhaseKind::Waiting:
        return tr("Waiting");
    case PhaseKind::Receiving:
        return tr("Receiving");
    case PhaseKind::Resume:
        return tr("Resume");
    }
    return {};
}

QString Vocabulary::workerText(int worker)
{
    return tr("worker %1").arg(worker);
}

QString Vocabulary::loopBusyText()
{
    return tr("loop busy");
}

QString Vocabulary::loopLagText()
{
    return tr("loop lag");
}

QString Vocabulary::inAwaitReplyText()
{
    return tr("in await reply:");
}

QString Vocabulary::withUnit(const QString &number, Unit unit)
{
    switch (unit) {
    case Unit::Nanoseconds:
        return tr("%1 ns").arg(number);
    case Unit::Microseconds:
        return tr("%1 µs").arg(number);
    case Unit::Milliseconds:
        return tr("%1 ms").arg(number);
    case Unit::Seconds:
        return tr("%1 s").arg(number);
    }
    return number;
}

QString Vocabulary::withUnit(double value, Unit unit, int decimals)
{
    return withUnit(QLocale().toString(value, 'f', decimals), unit);
}

namespace {

// Decimals for three significant digits of a value below 1000 of its unit.
int figureDecimals(double value)
{
    const double magnitude = std::abs(value);
    return magnitude < 10 ? 2 : magnitude < 100 ? 1 : 0;
}

double roundedTo(double value, int decimals)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

// `value` to three significant digits; `*carried` when rounding reached 1000 (the next unit).
QString figure(double value, bool *carried)
{
    int decimals = figureDecimals(value);
    double rounded = roundedTo(value, decimals);
    // 9.996 rounds to 10.00 and 99.96 to 100.0: the rounded value has one digit more before
    // the point, so one decimal fewer keeps three significant digits.
    if (figureDecimals(rounded) != decimals) {
        decimals = figureDecimals(rounded);
        rounded = roundedTo(value, decimals);
    }
    *carried = std::abs(rounded) >= 1000;
    return QLocale().toString(rounded, 'f', decimals);
}

} // namespace

QString durationText(double ms)
{
    using Unit = Vocabulary::Unit;
    bool carried = false;
    if (std::abs(ms) < 1000) {
        const QString text = figure(ms, &carried);
        if (!carried)
            return Vocabulary::withUnit(text, Unit::Milliseconds);
    }
    return Vocabulary::withUnit(figure(ms / 1000, &carried), Unit::Seconds);
}

QString preciseDurationText(qint64 ns)
{
    return Vocabulary::withUnit(double(ns) / 1e6, Vocabulary::Unit::Milliseconds, 3);
}

} // namespace Coroscope
