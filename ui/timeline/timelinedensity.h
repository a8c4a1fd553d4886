#pragma once

#include "trace/segments.h"

#include <QImage>
#include <QList>
#include <QRgb>

namespace Coroscope {

// Task rows compressed into an image, like Perfetto's collapsed tracks: each pixel row (a band)
// stands for one or more tasks, each pixel column for a slice of time, and a pixel's colour is
// the states its tasks were in during that slice, weighted by time, its opacity how much of the
// band was alive then. Shared by the timeline's small rows, its overview strip and the whole-run
// image export. Costs one pass over the painted tasks' segments plus one over the pixels, so a
// 100,000-task overview takes milliseconds and is independent of how many rows each band holds.
class TimelineDensity
{
public:
    struct Request
    {
        qint64 startNs = 0; // time at the left edge of column 0
        double nsPerPixel = 1;
        int width = 1;
        int firstRow = 0; // first task painted
        int rowCount = 0; // tasks painted (from firstRow)
        int rowsPerBand = 1; // tasks per pixel row of the image
        qint64 nowNs = 0; // where open segments end
    };

    // The colours of pending, running and suspended, in SegmentState order.
    void setColors(QRgb pending, QRgb running, QRgb suspended);

    // An image of `request.width` x ceil(rowCount / rowsPerBand) pixels, premultiplied ARGB;
    // pixels where no task was alive are transparent. Reused between calls (no allocation per
    // frame once it is big enough): the reference stays valid until the next render().
    const QImage &render(const SegmentBuilder &segments, const Request &request);

    static int bandCount(int rowCount, int rowsPerBand)
    {
        return rowsPerBand <= 0 ? 0 : (rowCount + rowsPerBand - 1) / rowsPerBand;
    }

private:
    void addSpan(int state, double xs, double xe);

    QRgb m_colors[3] = {};
    int m_width = 0;
    QList<float> m_direct; // 3 x (width + 1): partial columns
    QList<float> m_diff; // 3 x (width + 1): whole columns as a difference array
    int m_touchedLeft = 0;
    int m_touchedRight = 0; // exclusive
    QImage m_image;
};

} // namespace Coroscope
