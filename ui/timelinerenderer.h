#pragma once

#include "timelinecoordinates.h"

#include <QColor>
#include <QList>
#include <QRect>

#include <algorithm>
#include <utility>

// The track painter's primitives, shared by TimelineView's painting (timelinerenderer.cpp) and
// its tooltips: pure pixel maths, no widget state.
namespace Coroscope::TimelineRendering {

// Lag bars reach the lane's full height at this lag: beyond it the loop is simply frozen.
inline constexpr qint64 LagFullScaleNs = 100'000'000;

inline QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// Collects one row's rectangles of one colour, merging runs that touch at pixel resolution.
struct PixelRun
{
    int left = 0;
    int right = 0; // exclusive; left == right: empty

    void add(int l, int r, QList<QRect> &out, int top, int height)
    {
        if (right > left && l <= right) {
            right = std::max(right, r);
            return;
        }
        flush(out, top, height);
        left = l;
        right = r;
    }
    void flush(QList<QRect> &out, int top, int height)
    {
        if (right > left)
            out.append(QRect(left, top, right - left, height));
        left = right = 0;
    }
};

// Maps times to whole pixels of the time area. Runs once per visible segment, so it multiplies
// instead of dividing and clamps in double before converting: far off-screen times would
// overflow an int when zoomed in.
struct PixelMapper
{
    PixelMapper(const TimelineCoordinates &coords, int left)
        : startNs(coords.startNs())
        , pxPerNs(1.0 / coords.nsPerPixel())
        , left(left)
        , width(coords.width())
    {
    }
    double x(qint64 ns) const
    {
        return left + std::clamp(double(ns - startNs) * pxPerNs, -2.0, width + 2.0);
    }
    // The time at an absolute pixel boundary, rounded down: whatever ends by then ends left of it.
    qint64 nsAt(int absoluteX) const
    {
        return startNs + qint64(double(absoluteX - left) / pxPerNs);
    }
    // [first, second) in absolute pixels, at least one pixel wide; empty when off-screen.
    std::pair<int, int> span(qint64 fromNs, qint64 toNs) const
    {
        const double xs = std::clamp(double(fromNs - startNs) * pxPerNs, 0.0, double(width));
        const double xe = std::clamp(double(toNs - startNs) * pxPerNs, 0.0, double(width));
        const int l = int(xs); // floor, since xs >= 0
        int r = int(xe);
        r += double(r) < xe; // ceil
        return {left + l, left + std::min(width, std::max(r, l + 1))};
    }

    qint64 startNs;
    double pxPerNs;
    int left;
    int width;
};

// The first element after `from` (which ends by `ns`) that ends after `ns`. Galloping, then
// binary search: costs log(distance), so skipping a few is as cheap as skipping millions.
template<typename It> It skipEndingBy(It from, It end, qint64 ns)
{
    It known = from; // known->endNs <= ns
    for (qsizetype step = 1;; step *= 2) {
        const It probe = end - known > step ? known + step : end;
        if (probe == end || probe->endNs > ns) {
            return std::partition_point(known + 1, probe,
                                        [ns](const auto &item) { return item.endNs <= ns; });
        }
        known = probe;
    }
}

} // namespace Coroscope::TimelineRendering
