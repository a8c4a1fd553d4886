#pragma once

#include "timelinecoordinates.h"
#include "timelinedensity.h"
#include "timelinekeynavigator.h"
#include "timelinelayout.h"
#include "timelinephasecache.h"
#include "timelinepointer.h"
#include "timelinerenderer.h"
#include "trace/phases.h"
#include "trace/segments.h"

#include <QAbstractScrollArea>
#include <QColor>
#include <QImage>
#include <QList>
#include <QPair>
#include <QPointer>
#include <QPolygon>
#include <QRect>
#include <QSet>

#include <span>

namespace Coroscope {

class LiveTrace;
class TimelineState;

// The live Gantt chart of a run: one row per task coloured by state, the scheduler loop's busy
// time and lag on top, a time axis, and row labels on the left. Painted in code and cheap enough
// to repaint at the refresh rate with 100,000 tasks: only visible rows are painted, each row's
// visible segments are found by binary search, sub-pixel runs are merged (rows with more
// segments than pixels are sampled per pixel column instead) and fills are grouped by colour;
// the loop's busy spans are merged incrementally, once per trace revision, and drawn as a
// utilisation graph through prefix sums, so their number does not matter either. Inside an
// `await reply` bar a thinner band shows the request's phases (trace/phases.h), derived only for
// the rows painted and cached per task. Rows can be zoomed down to one pixel, where they become
// a density image (timelinedensity.h) without per-row text.
//
// Its parts: the shared TimelineState (range, follow, selection, playhead), TimelineCoordinates
// (time <-> x), TimelineLayout (where rows and lanes go, the row height), TimelinePointer (what
// a press, drag or release means), TimelineKeyNavigator (W/A/S/D held), TimelineRenderer (the
// painting, from a Frame snapshot) and TimelinePhaseCache. The view itself keeps the trace, the
// highlight and search marks, the scroll bars and the follow span, and turns what its parts
// ask for into changes of the shared state.
class TimelineView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    void setLiveTrace(LiveTrace *trace);
    LiveTrace *liveTrace() const;
    // The range, follow, selection and playhead this view shares with the window's other views
    // (the window's; by default one of its own). Not owned once set.
    void setTimelineState(TimelineState *state);
    TimelineState *timelineState() const { return m_state; }

    const TimelineCoordinates &coordinates() const { return m_coords; }
    bool followLive() const;
    int selectedTask() const;
    // Whether `await reply` bars show where their time went (the phases band and tooltip lines).
    bool showPhases() const { return m_showPhases; }

    // Rows a diagnostic points at: highlighted (not selected); the first is scrolled into view.
    void selectTasks(const QList<int> &tasks);
    bool isHighlighted(int task) const { return m_highlightedTasks.contains(task); }
    bool hasHighlight() const { return !m_highlightedTasks.isEmpty() || m_highlightStartNs >= 0; }
    // Search matches (sorted task ids): tinted rows, marked in the overview.
    void setSearchMatches(const QList<int> &tasks);
    const QList<int> &searchMatches() const { return m_matches; }
    // Selects a task and scrolls it into the middle of the view (go to task, search).
    void goToTask(int task);

    // Height of a task row: from 1 px (a density image, no text) up to fullRowHeight() (bars,
    // phases and labels). Each new trace gets the height that fits it (fittingRowHeight()),
    // unless the user chose one for it (setRowHeight(), also through the View menu and keys).
    int rowHeight() const { return m_layout.rowHeight(); }
    // The user chose the row height of this trace: it is kept until the next one.
    bool rowHeightChosen() const { return m_layout.rowHeightChosen(); }
    // The row height a trace of `tasks` gets in a rows area `areaHeight` px high
    // (TimelineLayout::fittingRowHeight()).
    static int fittingRowHeight(int tasks, int areaHeight, int fullRowHeight)
    {
        return TimelineLayout::fittingRowHeight(tasks, areaHeight, fullRowHeight);
    }
    static constexpr int FullRowsUpTo = TimelineLayout::FullRowsUpTo;
    static constexpr int FittingScreens = TimelineLayout::FittingScreens;
    int fullRowHeight() const { return m_layout.fullRowHeight(); }
    bool compactRows() const { return m_layout.compactRows(); }
    // The steps taller/shorter rows go through: 1, 2, 4, 8, 12 px and the full height.
    QList<int> rowHeightSteps() const { return m_layout.rowHeightSteps(); }
    // Where rows and lanes go (the row height, the label width, the lanes' heights).
    const TimelineLayout &layout() const { return m_layout; }
    // Width of the row labels: the time area starts there (the overview lines up with it).
    int labelWidth() const { return m_layout.labelWidth(); }
    // The rows in view: the first (possibly partly hidden) and how many fit.
    int firstVisibleRow() const;
    double visibleRowCount() const;
    // Scrolls so that `row` (fractional) is at the top of the rows area.
    void scrollToRow(double row);

    // A time range chosen with Shift+drag (-1, -1: none).
    qint64 selectedRangeStartNs() const;
    qint64 selectedRangeEndNs() const;
    // A time span a diagnostic points at, drawn as a translucent band over every row.
    void highlightRange(qint64 startNs, qint64 endNs);
    // An explanation of the highlight (Concepts' Show me, a clicked diagnostic), drawn as a
    // balloon beside what it points at: the highlighted span of the first highlighted row, or
    // of the loop row when no row is. It goes with the highlight (clearHighlight, Esc) and
    // follows scrolling and zooming; while its row or span is out of view it is not drawn.
    void setCallout(const QString &text);
    QString callout() const { return m_callout; }
    // Where the callout is drawn, in viewport coordinates; empty when it is not.
    QRect calloutRect() const;

    // What the tooltip at a viewport position says (empty: nothing there).
    QString toolTipAt(const QPoint &viewportPos) const;
    // The task whose row is at a viewport position, -1 if none.
    int taskAt(const QPoint &viewportPos) const;
    // A task row in viewport coordinates (it may lie outside the viewport).
    QRect rowRect(int task) const;
    // The x of a time in viewport coordinates.
    int xForNs(qint64 ns) const;
    // The time axis across the top of the viewport.
    int axisHeight() const { return m_layout.axisHeight(); }

    // The whole timeline (every row, up to MaxImageHeight px) over the visible time range; the
    // width defaults to (and is at least) the viewport's.
    QImage renderImage(const QSize &size = {}) const;
    enum class ImageScope {
        Visible, // what the viewport shows, at its size
        WholeRun, // every task over the visible time range, at most MaxScaledHeight px high:
                  // rows shrink, down to several tasks per pixel row (a density image)
    };
    // What an exported picture says above the timeline (timelinerenderer.h).
    using ImageHeading = TimelineImageHeading;
    QImage renderImage(ImageScope scope, const ImageHeading &heading = {}) const;
    static constexpr int MaxScaledHeight = 4'000;
    // The same picture as renderImage(scope, heading), as SVG: a whole run's rows that are
    // smaller than the full height are one embedded density image, so the file stays small for
    // any run; the heading's words stay text.
    bool exportSvg(const QString &path, ImageScope scope, QString *error,
                   const ImageHeading &heading = {}) const;
    // The height of the heading over a picture `width` px wide (0 when it is empty).
    int headingHeight(const ImageHeading &heading, int width) const;
    static constexpr int MaxImageHeight = 20'000;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    // Shows the whole run and, while it is live, keeps showing all of it (follow on).
    void fit();
    void setFollowLive(bool follow);
    void setSelectedTask(int task);
    void setShowPhases(bool show);
    // Shows a time range (e.g. from a linked chart); counts as a manual zoom.
    void setVisibleRange(qint64 startNs, qint64 endNs);
    void clearHighlight();
    // The shared playhead (TimelineState), drawn as a line while it is at a past instant; -1:
    // live, hidden. A click or drag on the time axis moves it there (playheadRequested).
    void setPlayheadNs(qint64 ns);
    qint64 playheadNs() const;
    // The user's choice for this trace; 0 or anything above the full height: the full height.
    void setRowHeight(int px);
    void tallerRows();
    void shorterRows();
    void setSelectedRange(qint64 startNs, qint64 endNs);
    void clearSelectedRange();

Q_SIGNALS:
    void followLiveChanged(bool follow);
    // The user moved the playhead on the time axis (already in the shared state).
    void playheadRequested(qint64 ns);
    // The selected task changed (click, arrow keys or setSelectedTask); -1 = none.
    void taskSelected(int task);
    void visibleRangeChanged(qint64 startNs, qint64 endNs);
    void showPhasesChanged(bool show);
    void rowHeightChanged(int px);
    // Shift+drag chose a time range, or it was cleared (-1, -1).
    void rangeSelected(qint64 startNs, qint64 endNs);
    // The rows in view changed (scrolled, resized, row height).
    void visibleRowsChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool viewportEvent(QEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyReleaseEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent *event) override;

private:
    using Frame = TimelineRenderer::Frame;
    using LoopState = TimelineLoopMarks;
    using LagSample = TimelineLoopMarks::LagSample;
    // A span of the loop's busy time (tooltips).
    struct Span
    {
        qint64 startNs = 0;
        qint64 endNs = 0;
    };

    void onTraceChanged();
    void onTraceReset();
    // The shared state changed (by this view or another).
    void onFollowLiveChanged(bool follow);
    void onSelectedTaskChanged(int task);
    void onStateRangeChanged(qint64 startNs, qint64 endNs);
    void updateLoopState() const;
    // How long the loop was busy before `ns` (a span still open counts up to `nowNs`).
    qint64 busyBeforeNs(qint64 ns, qint64 nowNs) const;
    void updateScrollBars();
    void updateCoordinates();
    void applyFollow();
    void userChangedRange(); // a manual zoom or pan: follow off, repaint, tell linked views
    void zoomBy(double factor, int anchorViewportX);
    void panBy(double dxPx);
    void scrollToTask(int task);
    // Where W/S zoom around: the mouse when it is over the time area, else the middle.
    int keyZoomAnchor() const;
    // Carries out what the pointer made of a mouse event; false: not a gesture (Pass).
    bool applyPointer(const TimelinePointer::Action &action);
    // A click or drag on the time axis at `timeX` (time-area pixels) moves the shared playhead.
    void movePlayheadTo(int timeX);
    bool isMatch(int task) const;

    // The snapshot the renderer paints the viewport from (timelineexport.cpp).
    Frame currentFrame() const;
    // What renderImage(scope) and exportSvg(scope) draw.
    Frame imageFrame(ImageScope scope) const;
    // The phases of a task's `await reply` (empty when unknown); `reused` as RequestPhases.
    std::span<const PhaseSpan> phasesOf(int task, int *reused = nullptr) const;
    void clearPhaseCache() const;

    int tasksTop() const;
    int tasksViewportHeight() const;
    int taskCount() const;
    qint64 nowNs() const; // where open segments end: "now", or the replay instant
    qint64 extentNs() const; // the time axis's end: the whole run's "now", whatever is replayed
    QString taskToolTip(int task, qint64 ns, double nsPerPixel) const;
    QString loopToolTip(qint64 ns, double nsPerPixel) const;
    QString lagToolTip(qint64 ns, double nsPerPixel) const;
    void updateMetrics();
    // Rows `height` px high, the row in the middle of the view staying there.
    void applyRowHeight(int height);
    // Without the user's choice: the height that fits the trace in the view as it is now.
    void updateFittingRowHeight();

    QPointer<LiveTrace> m_trace;
    TimelineState *m_state = nullptr;
    TimelineCoordinates m_coords;
    qint64 m_followSpanNs = 0; // 0: follow by fitting the whole run; else keep this span at now
    bool m_showPhases = true;
    QSet<int> m_highlightedTasks;
    QList<int> m_matches; // sorted
    qint64 m_highlightStartNs = -1;
    qint64 m_highlightEndNs = -1;
    int m_highlightAnchor = -1; // the row selectTasks() scrolled to: the callout points at it
    QString m_callout;

    // Layout, derived from the font (the row height also from the run and the user's row zoom).
    TimelineLayout m_layout;

    // Scroll bar values are ints; the horizontal one counts units of m_hScrollUnitNs.
    qint64 m_hScrollUnitNs = 1;
    bool m_syncingScrollBars = false;

    // Input: the mouse's gesture in progress and the W/A/S/D keys held.
    TimelinePointer m_pointer;
    TimelineKeyNavigator m_keys;

    mutable LoopState m_loop;
    mutable TimelinePhaseCache m_phases;
    TimelineRenderer m_renderer;
};

} // namespace Coroscope
