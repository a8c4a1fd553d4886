#include "timelinedensity.h"

#include <algorithm>
#include <cmath>

namespace Coroscope {

void TimelineDensity::setColors(QRgb pending, QRgb running, QRgb suspended)
{
    m_colors[int(SegmentState::Pending)] = pending;
    m_colors[int(SegmentState::Running)] = running;
    m_colors[int(SegmentState::Suspended)] = suspended;
}

// Time-weighted coverage in O(1) per segment: the partial columns at both ends go straight into
// m_direct, the whole columns between into a difference array summed once per band.
Q_ALWAYS_INLINE void TimelineDensity::addSpan(int state, double xs, double xe)
{
    xs = std::clamp(xs, 0.0, double(m_width));
    xe = std::clamp(xe, 0.0, double(m_width));
    if (!(xe > xs))
        return;
    const int stride = m_width + 1;
    float *direct = m_direct.data() + state * stride;
    float *diff = m_diff.data() + state * stride;
    const int l = int(xs);
    const int r = int(xe);
    m_touchedLeft = std::min(m_touchedLeft, l);
    m_touchedRight = std::max(m_touchedRight, std::min(m_width, r + 1));
    if (l == r) {
        direct[l] += float(xe - xs);
        return;
    }
    direct[l] += float(double(l + 1) - xs);
    if (r > l + 1) {
        diff[l + 1] += 1;
        diff[r] -= 1;
    }
    if (r < m_width)
        direct[r] += float(xe - double(r));
}

const QImage &TimelineDensity::render(const SegmentBuilder &segments, const Request &request)
{
    m_width = std::max(1, request.width);
    const int rowsPerBand = std::max(1, request.rowsPerBand);
    const int firstRow = std::clamp(request.firstRow, 0, int(segments.taskCount()));
    const int rowEnd
        = std::clamp(firstRow + std::max(0, request.rowCount), 0, int(segments.taskCount()));
    const int bands = bandCount(rowEnd - firstRow, rowsPerBand);
    if (m_image.width() < m_width || m_image.height() < std::max(1, bands))
        m_image = QImage(std::max(m_image.width(), m_width), std::max({m_image.height(), bands, 1}),
                         QImage::Format_ARGB32_Premultiplied);
    const qsizetype arraySize = 3 * qsizetype(m_width + 1);
    if (m_direct.size() != arraySize) {
        m_direct.fill(0, arraySize);
        m_diff.fill(0, arraySize);
    }
    const double pxPerNs = 1.0 / std::max(1e-9, request.nsPerPixel);
    const qint64 visibleEnd = request.startNs + qint64(std::ceil(request.nsPerPixel * m_width));
    const int stride = m_width + 1;
    float *const direct = m_direct.data();
    float *const diff = m_diff.data();

    for (int band = 0; band < bands; ++band) {
        m_touchedLeft = m_width;
        m_touchedRight = 0;
        const int bandFirst = firstRow + band * rowsPerBand;
        const int bandEnd = std::min(rowEnd, bandFirst + rowsPerBand);
        for (int row = bandFirst; row < bandEnd; ++row) {
            const QList<Segment> &segs = segments.row(quint32(row));
            auto it = std::partition_point(segs.cbegin(), segs.cend(), [&](const Segment &s) {
                return s.endNs < request.startNs;
            });
            for (; it != segs.cend() && it->startNs <= visibleEnd; ++it)
                addSpan(int(it->state), double(it->startNs - request.startNs) * pxPerNs,
                        double(it->endNs - request.startNs) * pxPerNs);
            Segment open;
            if (segments.openSegment(quint32(row), request.nowNs, &open)
                && open.startNs <= visibleEnd && open.endNs >= request.startNs)
                addSpan(int(open.state), double(open.startNs - request.startNs) * pxPerNs,
                        double(open.endNs - request.startNs) * pxPerNs);
        }

        auto *line = reinterpret_cast<QRgb *>(m_image.scanLine(band));
        std::fill(line, line + m_width, QRgb(0));
        if (m_touchedLeft >= m_touchedRight)
            continue;
        const float rows = float(bandEnd - bandFirst);
        float run[3] = {0, 0, 0};
        for (int x = m_touchedLeft; x < m_touchedRight; ++x) {
            float share[3];
            float total = 0;
            for (int s = 0; s < 3; ++s) {
                run[s] += diff[s * stride + x];
                share[s] = run[s] + direct[s * stride + x];
                total += share[s];
                diff[s * stride + x] = 0;
                direct[s * stride + x] = 0;
            }
            if (total < 1e-4f)
                continue;
            // Most pixels of small rows are one state all the way through: no blending then.
            if (total >= rows - 1e-3f) {
                const int only = share[0] >= total - 1e-3f ? 0
                    : share[1] >= total - 1e-3f            ? 1
                    : share[2] >= total - 1e-3f            ? 2
                                                           : -1;
                if (only >= 0) {
                    line[x] = m_colors[only] | 0xff000000u;
                    continue;
                }
            }
            float red = 0;
            float green = 0;
            float blue = 0;
            for (int s = 0; s < 3; ++s) {
                red += share[s] * float(qRed(m_colors[s]));
                green += share[s] * float(qGreen(m_colors[s]));
                blue += share[s] * float(qBlue(m_colors[s]));
            }
            // A band where only a few of its tasks were alive stays faint but never vanishes:
            // the square root lifts sparse columns where the eye would otherwise miss them.
            const float occupancy = std::min(1.0f, total / rows);
            const float alpha = 0.25f + 0.75f * std::sqrt(occupancy);
            const float scale = alpha / total;
            line[x] = qRgba(int(red * scale + 0.5f), int(green * scale + 0.5f),
                            int(blue * scale + 0.5f), int(alpha * 255 + 0.5f));
        }
        // The difference array's closing entries may sit at the touched range's right edge.
        for (int s = 0; s < 3; ++s) {
            diff[s * stride + m_touchedRight] = 0;
            direct[s * stride + m_touchedRight] = 0;
        }
    }
    return m_image;
}

} // namespace Coroscope
