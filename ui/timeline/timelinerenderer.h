#pragma once

#include "timelinecoordinates.h"
#include "timelinedensity.h"
#include "trace/phases.h"

#include <QColor>
#include <QCoreApplication>
#include <QFont>
#include <QImage>
#include <QList>
#include <QPalette>
#include <QPolygon>
#include <QRect>
#include <QSet>
#include <QStringList>

#include <algorithm>
#include <utility>

class QPainter;

// The track painter's primitives, shared by TimelineRenderer and TimelineView's tooltips: pure
// pixel maths, no widget state.
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

namespace Coroscope {

class LiveTrace;
class TimelinePhaseCache;

// The scheduler loop as seen from the events: lag samples, all-done and stop moments. The
// TimelineView extends it incrementally per trace revision; painting and tooltips read it.
struct TimelineLoopMarks
{
    struct LagSample
    {
        qint64 ns = 0;
        qint64 lagNs = 0;
    };
    qsizetype consumed = 0;
    quint64 revision = ~quint64(0);
    qint64 maxLagNs = 0;
    QList<LagSample> lags;
    QList<qint64> allDone;
    QList<qint64> stopped;
};

// What an exported picture says above the timeline so that it explains itself when shared on
// its own: a title line, the run's figures as the summary shows them, and the legend (the
// phases' too while they are shown). Empty: the bare timeline.
struct TimelineImageHeading
{
    struct Figure
    {
        QString caption;
        QString value;
        QColor ink; // invalid: the text colour
        bool withPrevious = false; // wraps together with the figure before it
    };
    QString title;
    QList<Figure> figures;
    bool isEmpty() const { return title.isEmpty() && figures.isEmpty(); }
};

// Paints a timeline (task rows or their density image, the loop row, the lag lane, the axis,
// the labels, the highlight, range, playhead and callout) from a Frame: a snapshot of
// everything one paint needs, taken by the TimelineView for the screen and for its exports.
// It knows no widget; what it keeps between paints is only reused memory and caches.
class TimelineRenderer
{
    // The words it paints were TimelineView's and keep their translations.
    Q_DECLARE_TR_FUNCTIONS(Coroscope::TimelineView)
public:
    // Everything one paint needs to know: where things go, what to draw and how it looks.
    struct Frame
    {
        TimelineCoordinates coords; // width = the time area's
        QRect area; // the whole painted area
        int scrollY = 0; // task-row pixels scrolled off the top
        qint64 nowNs = 0;
        bool live = false;
        int labelWidth = 0;
        int rowHeight = 1; // of one band of rows
        int rowsPerBand = 1; // more than one only in a whole-run image
        bool compact = false; // rows as a density image, no per-row text
        bool interactive = false; // on screen: focus frame and range selection drawn

        // Layout (from the font).
        int fullRowHeight = 18;
        int axisHeight = 26;
        int loopHeight = 20;
        int lagHeight = 12;
        int idWidth = 40;
        QPalette palette;
        QFont font;

        // What is drawn: the trace (null: none), its loop marks, and the phases of `await
        // reply` bars (null: not shown).
        const LiveTrace *trace = nullptr;
        const TimelineLoopMarks *loop = nullptr;
        TimelinePhaseCache *phases = nullptr;

        // The state around it: selection, highlight, search, range, playhead, callout.
        int selectedTask = -1;
        QSet<int> highlightedTasks;
        QList<int> matches; // sorted
        qint64 highlightStartNs = -1;
        qint64 highlightEndNs = -1;
        int highlightAnchor = -1;
        QString callout;
        qint64 rangeStartNs = -1;
        qint64 rangeEndNs = -1;
        qint64 playheadNs = -1;

        int timeLeft() const { return area.left() + labelWidth; }
        int tasksTop() const { return axisHeight + loopHeight + lagHeight + 1; }
        int taskCount() const;
        bool hasHighlight() const { return !highlightedTasks.isEmpty() || highlightStartNs >= 0; }
        bool isMatch(int task) const;
    };

    TimelineRenderer();

    void paint(QPainter &painter, const Frame &frame) const;
    // The callout's balloon and the pointer from it to its anchor; false when not drawn.
    static bool calloutGeometry(const Frame &frame, QRect *box, QPolygon *pointer);
    // Lays out (and with a painter, draws) the heading of a picture; returns its height.
    static int layoutHeading(QPainter *painter, const TimelineImageHeading &heading, int width,
                             const QPalette &palette, const QFont &font, bool showPhases);
    // The time axis's labelled ticks and their labels' boxes (x from the time area's left, y
    // from 0, `labelHeight` high): a label after its tick, or before it where the time area ends
    // first. The step is the first 1/2/5 one, at least about "00000 ms" wide, at which no two
    // labels come closer than MinAxisLabelGap in `font`: the units are words of the language
    // ("毫秒" is wider than "ms"), and a last label turned before its tick needs room for two.
    static QList<TimelineCoordinates::Tick> axisTicks(const TimelineCoordinates &coords,
                                                      const QFont &font, int labelHeight,
                                                      QList<QRect> *labels = nullptr);
    static constexpr int MinAxisLabelGap = 8;
    // The row labels are elided to the label width: cached until the layout or trace changes.
    void clearLabels() { m_urlLabels.clear(); }

private:
    enum Fill : int {
        FillPending,
        FillSuspended,
        FillRunning, // after Suspended: one-pixel runs stay visible over long suspensions
        FillOk,
        FillError,
        FillTimeout,
        FillCancelled,
        FillLoopBusy,
        FillLag,
        FillPhase, // FillPhase + int(PhaseKind): the band inside `await reply`
        FillCount = FillPhase + PhaseKindCount
    };

    void paintCallout(QPainter &painter, const Frame &frame) const;
    void paintRowBackgrounds(QPainter &painter, const Frame &frame, int firstRow,
                             int lastRow) const;
    void paintTaskRows(QPainter &painter, const Frame &frame, int firstRow, int lastRow) const;
    void paintLoopRow(QPainter &painter, const Frame &frame) const;
    void paintLagLane(QPainter &painter, const Frame &frame) const;
    void paintAxis(QPainter &painter, const Frame &frame,
                   const QList<TimelineCoordinates::Tick> &ticks, const QList<QRect> &labels) const;
    void paintLabels(QPainter &painter, const Frame &frame, int firstRow, int lastRow) const;
    void paintDensityRows(QPainter &painter, const Frame &frame, int firstBand, int lastBand) const;
    void paintCompactLabels(QPainter &painter, const Frame &frame, int firstBand,
                            int lastBand) const;
    void flushFills(QPainter &painter) const;
    QString urlLabel(const Frame &frame, int task) const;

    QColor m_fillColors[FillCount];
    mutable QStringList m_urlLabels; // abbreviated per trace URL
    // Reused between paints so that a frame allocates nothing.
    mutable QList<QRect> m_fills[FillCount];
    mutable QList<QRect> m_zebra;
    mutable QList<quint8> m_lagColumns;
    mutable QImage m_strip; // one pixel row of a densely sampled task row
    mutable TimelineDensity m_density; // small rows
};

} // namespace Coroscope
