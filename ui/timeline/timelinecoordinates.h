#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Coroscope {

// Time <-> pixel maths of a timeline, free of widgets so that it can be tested on its own.
// The visible range [startNs, endNs] is mapped onto [0, width) pixels and kept inside
// [0, limitNs()], never narrower than MinSpanNs nor wider than the whole trace plus its margin.
class TimelineCoordinates
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope::TimelineCoordinates)
public:
    // Below a millisecond a coroutine timeline has nothing left to show but one event.
    static constexpr qint64 MinSpanNs = 1'000'000;

    struct Tick
    {
        qint64 ns = 0;
        double x = 0;
        QString label;
    };

    qint64 startNs() const { return m_startNs; }
    qint64 endNs() const { return m_endNs; }
    qint64 spanNs() const { return m_endNs - m_startNs; }
    int width() const { return m_width; }
    qint64 traceEndNs() const { return m_traceEndNs; }
    // The furthest the view reaches: the trace plus a margin, so the last event (or a live
    // "now") is not glued to the right edge.
    qint64 limitNs() const;
    double nsPerPixel() const { return double(spanNs()) / m_width; }
    bool isFitted() const { return m_startNs == 0 && m_endNs == limitNs(); }

    void setWidth(int px);
    // Re-clamps the visible range; the range is kept where it is when still valid.
    void setTraceEnd(qint64 ns);
    void setRange(qint64 startNs, qint64 endNs);

    double xForNs(qint64 ns) const;
    qint64 nsForX(double x) const;
    // factor > 1 zooms in. The anchor stays at its pixel unless clamping forbids it.
    void zoomAround(qint64 anchorNs, double factor);
    // Moves the visible window by dxPx pixels: positive shows later times.
    void pan(double dxPx);
    void fit(qint64 traceEndNs);

    // Ticks at 1/2/5 x 10^k ns, at least minPixelSpacing apart, labelled for reading.
    QList<Tick> ticks(int minPixelSpacing) const;
    // Ticks every `stepNs` (a tickStep()) over the visible range.
    QList<Tick> ticksEvery(qint64 stepNs) const;
    static qint64 tickStep(double minStepNs);
    // "0 ms", "250 ms", "1.5 s", "12 s", "500 µs": the unit follows the value, the precision
    // follows the step so that neighbouring labels differ.
    static QString formatTick(qint64 ns, qint64 stepNs);

private:
    qint64 m_startNs = 0;
    qint64 m_endNs = MinSpanNs;
    qint64 m_traceEndNs = 0;
    int m_width = 1;
};

} // namespace Coroscope
