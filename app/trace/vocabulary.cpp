#include "vocabulary.h"

#include "strategynames.h"
#include "text.h"
#include "trace.h"

#include <QLocale>

#include <algorithm>

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

QString Vocabulary::loopRowText()
{
    return tr("loop");
}

QString Vocabulary::lagRowText()
{
    return tr("lag");
}

QString Vocabulary::stoppedText()
{
    return tr("stopped");
}

QString Vocabulary::strategyText(const QString &name)
{
    if (name == StrategyNames::Async)
        return tr("async");
    if (name == StrategyNames::Sequential)
        return tr("sequential");
    if (name == StrategyNames::Blocking)
        return tr("blocking");
    if (name == StrategyNames::WrappedBlocking)
        return tr("wrapped blocking");
    if (name == StrategyNames::Threads)
        return tr("threads");
    return printableText(name, 60);
}

QString Vocabulary::figureCaption(Figure figure)
{
    switch (figure) {
    case Figure::Finished:
        return tr("Finished");
    case Figure::StoppedAfter:
        return tr("Stopped after");
    case Figure::WallTime:
        return tr("Wall time");
    case Figure::OneAfterAnother:
        return tr("One after another");
    case Figure::SpeedUp:
        return tr("Speed-up");
    case Figure::LoopLag:
        return tr("Loop lag");
    case Figure::Ok:
        return tr("OK");
    case Figure::Failed:
        return tr("Failed");
    case Figure::Timeouts:
        return tr("Timeouts");
    case Figure::Cancelled:
        return tr("Cancelled");
    }
    return {};
}

QString Vocabulary::finishedOfText(const QString &finished, const QString &created)
{
    return tr("%1 / %2").arg(finished, created);
}

QString Vocabulary::speedupText(double speedup)
{
    return tr("%1×").arg(QLocale().toString(speedup, 'f', 1));
}

QString Vocabulary::lagFiguresText(const QString &max, const QString &p99)
{
    return tr("max %1 · p99 %2").arg(max, p99);
}

QString Vocabulary::insecureText()
{
    return tr("⚠ Certificates not checked (--insecure)");
}

QStringList Vocabulary::runTitleParts(const Trace &trace)
{
    QStringList parts;
    if (!trace.strategy.isEmpty())
        parts << strategyText(trace.strategy);
    parts << tr("%Ln task(s)", nullptr, int(trace.tasks.size()));
    if (trace.settings.concurrency > 0)
        parts << tr("at most %1 in flight").arg(trace.settings.concurrency);
    if (trace.settings.connectionsPerHost > 0)
        parts << tr("%1 connections per host").arg(trace.settings.connectionsPerHost);
    if (trace.strategy == StrategyNames::Threads && trace.settings.workers > 0)
        parts << tr("%1 worker threads").arg(trace.settings.workers);
    // The server's limit shapes the picture as much as the client's (the tutorial's last
    // lesson): as the embedded server reported it.
    const auto capacity
        = std::find_if(trace.tasks.cbegin(), trace.tasks.cend(),
                       [](const TaskInfo &info) { return info.serverCapacity > 0; });
    if (capacity != trace.tasks.cend())
        parts << tr("server takes %1 at a time").arg(capacity->serverCapacity);
    constexpr int TitleUrls = 3; // the first few, the others counted
    QStringList urls;
    for (const QString &url : trace.urls.mid(0, TitleUrls))
        urls << redactPasswords(printableText(url, 200));
    if (!urls.isEmpty())
        parts << urls.join(QStringLiteral(", "));
    if (trace.urls.size() > TitleUrls)
        parts.last()
            = tr("%1, … (%2 URLs in all)").arg(parts.last(), QLocale().toString(trace.urls.size()));
    return parts;
}

QString Vocabulary::titleText(const QStringList &parts)
{
    return tr("Coroscope: %1").arg(parts.join(QStringLiteral(" · ")));
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
