#pragma once

#include "io/runfile.h"
#include "trace/segments.h"
#include "trace/summary.h"
#include "trace/trace.h"

#include <QList>
#include <QPixmap>
#include <QWidget>

#include <vector>

namespace Coroscope {

// The small multiples: one band per strategy, all on one time axis so that lengths compare
// directly. Rendered into a cached pixmap (rebuilt on data or size change), so hovering and
// repainting cost nothing even for 10,000 tasks x 5 strategies.
class CompareBands : public QWidget
{
    Q_OBJECT
public:
    explicit CompareBands(QWidget *parent = nullptr);

    // Each band's headline figures, in band order: summarised once, with the band's segments.
    QList<RunSummary> summaries() const;
    // This session's (or file's) traces first, then runs compared from other files: each of those
    // is labelled with its file and date and tinted, all on the one time axis from 0.
    void setTraces(const QList<Trace> &traces, const QList<ComparedRun> &compared = {});

    // Bands never stretch past their maximum height: spare room goes to the charts and table.
    void updateMaximumHeight();
    void invalidate();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    void render(QPainter &painter, const QSize &size) const;

    // The background of a run compared from a saved file (its band, its table row).
    static QColor comparedTint(const QPalette &palette);

protected:
    void paintEvent(QPaintEvent *) override;
    void resizeEvent(QResizeEvent *) override;
    void changeEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    // Everything one band paints, derived once per trace rather than per paint.
    struct BandData
    {
        QString strategy;
        QString source; // the file of a compared run, empty for the run's own
        QDateTime recordedAt; // a compared run's, from its file's environment
        RunSummary summary;
        int tasks = 0;
        qint64 lastNs = 0;
        qint64 allDoneNs = -1;
        qint64 stoppedNs = -1; // the user pressed Stop: the band shows where, and no speed-up
        QList<Segment> segments; // grouped by task, each task's in time order
        QList<qsizetype> rowStart; // task t's segments are [rowStart[t], rowStart[t + 1])
        QList<qint64> finishedNs; // -1 = not finished
        QList<qint8> finishFill; // Fill of the outcome, -1 = none
        QList<QPair<qint64, qint64>> busy; // the loop's busy time (SegmentBuilder::loopBusy)

        static BandData from(const Trace &trace);
    };

    static constexpr int MinBandHeight = 60;
    static constexpr int MaxBandHeight = 140;
    static constexpr int LoopStripHeight = 8;
    static constexpr int BandPadding = 6;
    static constexpr int StripGap = 4;

    struct Metrics
    {
        int margin = 8;
        int lineHeight = 16;
        int legendHeight = 26;
        int axisHeight = 26;
        int labelWidth = 150;
        int endLabelWidth = 56;
    };

    // Where everything goes for one size: bands stacked, one shared time scale.
    struct Layout
    {
        QRect timeArea; // x extent of the plots; y extent of all bands
        int bandTop = 0;
        int bandHeight = 0;
        double nsPerPx = 1;
        qint64 spanNs = 1;
        QRect band(int index) const
        {
            return {0, bandTop + index * bandHeight, timeArea.right() + 1, bandHeight};
        }
        double xForNs(qint64 ns) const { return timeArea.left() + double(ns) / nsPerPx; }
    };

    // `width`: the legend wraps to it (-1: the widget's width).
    Metrics metrics(int width = -1) const;
    // The legend's entries and where each one's swatch goes, wrapped between m.labelWidth and
    // `width`; returns the number of lines.
    QList<QPair<QString, QColor>> legendEntries() const;
    int layoutLegend(int width, const Metrics &m, QList<QPoint> *at) const;
    Layout layoutFor(const QSize &size, const Metrics &m) const;

    // The task rows inside a band: one lane per task when they fit, else tasks share 1 px lanes.
    struct Lanes
    {
        QRect area;
        int count = 0;
        int pitch = 1; // px from one lane to the next
        int height = 1; // px painted per lane
    };

    static QRect stripRect(const QRect &band, const Layout &l);
    static Lanes lanesFor(const BandData &data, const QRect &band, const Layout &l);
    void paintLegend(QPainter &p, const QRect &rect, const Metrics &m) const;
    QList<QPair<qint64, qint64>> ticks(const Layout &l, qint64 *step) const;
    void paintGrid(QPainter &p, const Layout &l) const;
    void paintAxis(QPainter &p, const Layout &l, const Metrics &m) const;
    void paintBand(QPainter &p, const BandData &data, const QRect &band, const Layout &l,
                   const Metrics &m) const;
    void paintLoopStrip(QPainter &p, const BandData &data, const QRect &strip,
                        const Layout &l) const;
    void paintLanes(QPainter &p, const BandData &data, const Lanes &lanes, const Layout &l) const;
    QString toolTipAt(const QPoint &pos) const;
    static QString stoppedLine(const RunSummary &summary);
    QString sourceLine(const BandData &data) const;

    QList<BandData> m_bands;
    mutable QPixmap m_cache;
    int m_legendHeight = 0; // as last laid out (resizeEvent)
    // Reused between renders so that a frame does not reallocate.
    mutable std::vector<int> m_diff;
    mutable std::vector<QList<QRect>> m_rects; // one list per fill
};

} // namespace Coroscope
