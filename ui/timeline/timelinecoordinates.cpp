#include "timelinecoordinates.h"

#include "trace/vocabulary.h"

#include <algorithm>
#include <cmath>

namespace Coroscope {

namespace {
constexpr qint64 Us = 1'000;
constexpr qint64 Ms = 1'000'000;
constexpr qint64 S = 1'000'000'000;
} // namespace

qint64 TimelineCoordinates::limitNs() const
{
    return std::max(MinSpanNs, m_traceEndNs + m_traceEndNs / 20);
}

void TimelineCoordinates::setWidth(int px)
{
    m_width = std::max(1, px);
}

void TimelineCoordinates::setTraceEnd(qint64 ns)
{
    m_traceEndNs = std::max<qint64>(0, ns);
    setRange(m_startNs, m_endNs);
}

void TimelineCoordinates::setRange(qint64 startNs, qint64 endNs)
{
    const qint64 limit = limitNs();
    if (endNs < startNs)
        std::swap(startNs, endNs);
    const qint64 span = std::clamp(endNs - startNs, std::min(MinSpanNs, limit), limit);
    // A range that had to grow grows around its centre, which is what the user looked at.
    if (span > endNs - startNs)
        startNs -= (span - (endNs - startNs)) / 2;
    m_startNs = std::clamp<qint64>(startNs, 0, limit - span);
    m_endNs = m_startNs + span;
}

double TimelineCoordinates::xForNs(qint64 ns) const
{
    return double(ns - m_startNs) / nsPerPixel();
}

qint64 TimelineCoordinates::nsForX(double x) const
{
    return m_startNs + qint64(std::llround(x * nsPerPixel()));
}

void TimelineCoordinates::zoomAround(qint64 anchorNs, double factor)
{
    if (!(factor > 0))
        return;
    const qint64 limit = limitNs();
    const qint64 span = std::clamp(qint64(std::llround(double(spanNs()) / factor)),
                                   std::min(MinSpanNs, limit), limit);
    const double anchorFraction = double(anchorNs - m_startNs) / double(spanNs());
    const qint64 start = anchorNs - qint64(std::llround(anchorFraction * double(span)));
    setRange(start, start + span);
}

void TimelineCoordinates::pan(double dxPx)
{
    const qint64 delta = qint64(std::llround(dxPx * nsPerPixel()));
    const qint64 span = spanNs();
    m_startNs = std::clamp<qint64>(m_startNs + delta, 0, limitNs() - span);
    m_endNs = m_startNs + span;
}

void TimelineCoordinates::fit(qint64 traceEndNs)
{
    m_traceEndNs = std::max<qint64>(0, traceEndNs);
    setRange(0, limitNs());
}

qint64 TimelineCoordinates::tickStep(double minStepNs)
{
    for (qint64 decade = 1; decade <= S * 1'000'000; decade *= 10) {
        for (const qint64 mantissa : {1, 2, 5}) {
            if (double(mantissa * decade) >= minStepNs)
                return mantissa * decade;
        }
    }
    return S * 1'000'000;
}

QString TimelineCoordinates::formatTick(qint64 ns, qint64 stepNs)
{
    // Zero takes the step's unit ("0 ms" on a millisecond axis), any other value its own.
    const qint64 magnitude = ns == 0 ? stepNs : std::abs(ns);
    qint64 unit = 1;
    Vocabulary::Unit word = Vocabulary::Unit::Nanoseconds;
    if (magnitude >= S) {
        unit = S;
        word = Vocabulary::Unit::Seconds;
    } else if (magnitude >= Ms) {
        unit = Ms;
        word = Vocabulary::Unit::Milliseconds;
    } else if (magnitude >= Us) {
        unit = Us;
        word = Vocabulary::Unit::Microseconds;
    }
    int decimals = 0;
    for (qint64 resolution = std::max<qint64>(1, stepNs); resolution < unit && decimals < 9;
         resolution *= 10)
        ++decimals;
    QString number = QString::number(double(ns) / double(unit), 'f', decimals);
    if (number.contains(u'.')) {
        while (number.endsWith(u'0'))
            number.chop(1);
        if (number.endsWith(u'.'))
            number.chop(1);
    }
    return Vocabulary::withUnit(number, word);
}

QList<TimelineCoordinates::Tick> TimelineCoordinates::ticks(int minPixelSpacing) const
{
    return ticksEvery(tickStep(std::max(1, minPixelSpacing) * nsPerPixel()));
}

QList<TimelineCoordinates::Tick> TimelineCoordinates::ticksEvery(qint64 step) const
{
    step = std::max<qint64>(1, step);
    QList<Tick> result;
    for (qint64 ns = (m_startNs + step - 1) / step * step; ns <= m_endNs; ns += step)
        result.append(Tick{ns, xForNs(ns), formatTick(ns, step)});
    return result;
}

} // namespace Coroscope
