// TimelineView: the trace it shows, selection, tooltips and the loop state they share. Zoom,
// scroll, row height, go to, search matches and ranges are in timelinenavigation.cpp, its input
// (wheel, keys, mouse, gestures) in timelineinput.cpp; what is painted (a
// TimelineRenderer::Frame) and the exports in timelineexport.cpp, the painting itself in
// TimelineRenderer (timelinerenderer.h). Where things go is TimelineLayout's
// (timelinelayout.h).
#include "timelineview.h"

#include "livetrace.h"
#include "statestyle.h"
#include "timelinerenderer.h"
#include "timelinestate.h"
#include "trace/summary.h"
#include "trace/vocabulary.h"

#include <QLocale>
#include <QScrollBar>
#include <QUrl>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Coroscope {

using TimelineRendering::LagFullScaleNs;

namespace {

// Hovering this close to something (in px) still counts as being on it.
constexpr double HoverTolerancePx = 3;

QString tableRow(const QString &name, const QString &value)
{
    // The padding is the only thing between a name and its value (the table has no spacing):
    // without it the tooltip read "Reused connectionno", "服务器排队0.000 毫秒".
    return u"<tr><td style='color:gray; padding-right:8px'>"_s + name + u"</td><td>"_s + value
        + u"</td></tr>"_s;
}

} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    // Its own until the window shares one (first: everything below reads it).
    setTimelineState(new TimelineState(this));
    // Every pixel is painted each frame: spare Qt the background fill.
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setAttribute(Qt::WA_NoSystemBackground);
    viewport()->grabGesture(Qt::PinchGesture);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    // Time runs left to right in every language (-reverse, RTL locales): the painter's text
    // alignment and the scroll bar must not mirror it.
    setLayoutDirection(Qt::LeftToRight);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    // W/A/S/D: zoom around the mouse (or the middle), pan by view widths.
    connect(&m_keys, &TimelineKeyNavigator::zoomRequested, this,
            [this](double factor) { zoomBy(factor, keyZoomAnchor()); });
    connect(&m_keys, &TimelineKeyNavigator::panRequested, this,
            [this](double viewWidths) { panBy(viewWidths * m_coords.width()); });
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this,
            &TimelineView::visibleRowsChanged);

    updateMetrics();
}

TimelineView::~TimelineView() = default;

void TimelineView::setTimelineState(TimelineState *state)
{
    if (!state || state == m_state)
        return;
    if (m_state) {
        disconnect(m_state, nullptr, this, nullptr);
        disconnect(m_state, nullptr, viewport(), nullptr);
        disconnect(this, nullptr, m_state, nullptr);
        if (m_state->parent() == this)
            m_state->deleteLater();
    }
    m_state = state;
    connect(m_state, &TimelineState::followLiveChanged, this, &TimelineView::onFollowLiveChanged);
    connect(m_state, &TimelineState::selectedTaskChanged, this,
            &TimelineView::onSelectedTaskChanged);
    connect(m_state, &TimelineState::selectedRangeChanged, this,
            [this](qint64 startNs, qint64 endNs) {
                viewport()->update();
                Q_EMIT rangeSelected(startNs, endNs);
            });
    connect(m_state, &TimelineState::playheadChanged, viewport(), qOverload<>(&QWidget::update));
    connect(m_state, &TimelineState::visibleRangeChanged, this, &TimelineView::onStateRangeChanged);
    // What this view shows is the shared range.
    connect(this, &TimelineView::visibleRangeChanged, m_state, &TimelineState::setVisibleRange);
    m_state->setVisibleRange(m_coords.startNs(), m_coords.endNs());
    viewport()->update();
}

bool TimelineView::followLive() const
{
    return m_state->followLive();
}

int TimelineView::selectedTask() const
{
    return m_state->selectedTask();
}

qint64 TimelineView::selectedRangeStartNs() const
{
    return m_state->selectedRangeStartNs();
}

qint64 TimelineView::selectedRangeEndNs() const
{
    return m_state->selectedRangeEndNs();
}

qint64 TimelineView::playheadNs() const
{
    return m_state->playheadNs();
}

void TimelineView::onStateRangeChanged(qint64 startNs, qint64 endNs)
{
    // Another view (the overview, a linked chart) moved the range: a manual zoom here.
    if (startNs != m_coords.startNs() || endNs != m_coords.endNs())
        setVisibleRange(startNs, endNs);
}

void TimelineView::setShowPhases(bool show)
{
    if (m_showPhases == show)
        return;
    m_showPhases = show;
    viewport()->update();
    Q_EMIT showPhasesChanged(show);
}

std::span<const PhaseSpan> TimelineView::phasesOf(int task, int *reused) const
{
    if (!m_trace) {
        if (reused)
            *reused = -1;
        return {};
    }
    return m_phases.phasesOf(m_trace->trace(), m_trace->segments(), task, reused);
}

void TimelineView::clearPhaseCache() const
{
    m_phases.clear(m_trace ? m_trace->segments().taskCount() : 0);
}

void TimelineView::setLiveTrace(LiveTrace *trace)
{
    if (m_trace == trace)
        return;
    if (m_trace)
        disconnect(m_trace, nullptr, this, nullptr);
    m_trace = trace;
    if (m_trace) {
        connect(m_trace, &LiveTrace::changed, this, &TimelineView::onTraceChanged);
        connect(m_trace, &LiveTrace::reset, this, &TimelineView::onTraceReset);
    }
    onTraceReset();
}

LiveTrace *TimelineView::liveTrace() const
{
    return m_trace;
}

int TimelineView::taskCount() const
{
    return m_trace ? m_trace->taskCount() : 0;
}

qint64 TimelineView::nowNs() const
{
    // Never before the last event, whatever clock recorded it.
    return m_trace ? std::max(m_trace->nowNs(), m_trace->trace().lastNs()) : 0;
}

qint64 TimelineView::extentNs() const
{
    // Replaying, bars grow into the whole run's axis and the playhead stays put on it.
    return m_trace ? std::max(m_trace->wholeNowNs(), m_trace->wholeTrace().lastNs()) : 0;
}

int TimelineView::tasksTop() const
{
    return m_layout.tasksTop();
}

int TimelineView::tasksViewportHeight() const
{
    return m_layout.rowsAreaHeight(viewport()->height());
}

void TimelineView::updateMetrics()
{
    m_layout.measure(fontMetrics(), taskCount(), viewport()->height());
    m_renderer.clearLabels();
    m_coords.setWidth(viewport()->width() - m_layout.labelWidth());
}

void TimelineView::onTraceReset()
{
    m_loop = LoopState{};
    clearPhaseCache();
    m_highlightedTasks.clear();
    m_highlightStartNs = m_highlightEndNs = -1;
    m_highlightAnchor = -1;
    m_callout.clear();
    m_matches.clear();
    m_state->clearSelectedRange();
    m_layout.forgetChosenRowHeight(); // it was for the last trace
    const int rowHeight = m_layout.rowHeight();
    updateMetrics();
    m_followSpanNs = 0;
    m_coords.fit(extentNs());
    {
        const QSignalBlocker blocker(verticalScrollBar());
        verticalScrollBar()->setValue(0);
    }
    m_state->setFollowLive(true);
    m_state->setSelectedTask(-1);
    updateScrollBars();
    viewport()->update();
    Q_EMIT visibleRangeChanged(m_coords.startNs(), m_coords.endNs());
    if (m_layout.rowHeight() != rowHeight)
        Q_EMIT rowHeightChanged(m_layout.rowHeight());
}

void TimelineView::onTraceChanged()
{
    const qint64 start = m_coords.startNs();
    const qint64 end = m_coords.endNs();
    updateFittingRowHeight(); // a live run's tasks appear as they are created
    updateCoordinates();
    updateScrollBars();
    viewport()->update();
    if (start != m_coords.startNs() || end != m_coords.endNs())
        Q_EMIT visibleRangeChanged(m_coords.startNs(), m_coords.endNs());
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateFittingRowHeight();
    updateCoordinates();
    updateScrollBars();
    Q_EMIT visibleRowsChanged();
}

void TimelineView::changeEvent(QEvent *event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange || event->type() == QEvent::StyleChange) {
        updateMetrics();
        updateScrollBars();
        viewport()->update();
    }
}

// --- selection -------------------------------------------------------------------------------

void TimelineView::setSelectedTask(int task)
{
    if (task < -1 || task >= taskCount())
        task = -1;
    m_state->setSelectedTask(task); // onSelectedTaskChanged() shows it
}

void TimelineView::onSelectedTaskChanged(int task)
{
    scrollToTask(task);
    viewport()->update();
    Q_EMIT taskSelected(task);
}

void TimelineView::selectTasks(const QList<int> &tasks)
{
    m_highlightedTasks = QSet<int>(tasks.cbegin(), tasks.cend());
    m_highlightAnchor = tasks.isEmpty() ? -1 : tasks.constFirst();
    if (!tasks.isEmpty())
        scrollToTask(tasks.first());
    viewport()->update();
}

void TimelineView::highlightRange(qint64 startNs, qint64 endNs)
{
    m_highlightStartNs = std::min(startNs, endNs);
    m_highlightEndNs = std::max(startNs, endNs);
    viewport()->update();
}

void TimelineView::clearHighlight()
{
    m_highlightedTasks.clear();
    m_highlightStartNs = m_highlightEndNs = -1;
    m_highlightAnchor = -1;
    m_callout.clear();
    viewport()->update();
}

void TimelineView::setCallout(const QString &text)
{
    m_callout = text;
    viewport()->update();
}

void TimelineView::setPlayheadNs(qint64 ns)
{
    m_state->setPlayheadNs(ns);
}

void TimelineView::scrollToTask(int task)
{
    if (task < 0 || task >= taskCount())
        return;
    QScrollBar *v = verticalScrollBar();
    v->setValue(m_layout.scrollShowing(task, v->value(), tasksViewportHeight()));
}

int TimelineView::taskAt(const QPoint &viewportPos) const
{
    return m_layout.rowAt(viewportPos.y(), verticalScrollBar()->value(), taskCount());
}

QRect TimelineView::rowRect(int task) const
{
    return QRect(0, m_layout.rowTop(task, verticalScrollBar()->value()), viewport()->width(),
                 m_layout.rowHeight());
}

int TimelineView::xForNs(qint64 ns) const
{
    return m_layout.labelWidth() + int(std::floor(m_coords.xForNs(ns)));
}

// --- tooltips --------------------------------------------------------------------------------

QString TimelineView::toolTipAt(const QPoint &viewportPos) const
{
    const int labelWidth = m_layout.labelWidth();
    if (!m_trace || viewportPos.y() < m_layout.axisHeight())
        return {};
    updateLoopState();
    const qint64 ns
        = viewportPos.x() < labelWidth ? -1 : m_coords.nsForX(viewportPos.x() - labelWidth + 0.5);
    const double nsPerPixel = m_coords.nsPerPixel();
    if (viewportPos.y() < m_layout.axisHeight() + m_layout.loopHeight())
        return loopToolTip(ns, nsPerPixel);
    if (viewportPos.y() < tasksTop())
        return lagToolTip(ns, nsPerPixel);
    const int task = taskAt(viewportPos);
    return task < 0 ? QString() : taskToolTip(task, ns, nsPerPixel);
}

QString TimelineView::taskToolTip(int task, qint64 ns, double nsPerPixel) const
{
    const Trace &trace = m_trace->trace();
    const SegmentBuilder &segments = m_trace->segments();
    const TaskInfo &info = trace.tasks.at(task);
    const TaskTimes &times = segments.times(quint32(task));

    // The segment under the cursor, or the nearest one within a few pixels.
    Segment found;
    bool haveSegment = false;
    if (ns >= 0) {
        const qint64 tolerance = qint64(HoverTolerancePx * nsPerPixel);
        qint64 bestDistance = tolerance + 1;
        auto consider = [&](const Segment &s) {
            const qint64 distance
                = ns < s.startNs ? s.startNs - ns : (ns > s.endNs ? ns - s.endNs : 0);
            // Inside several (zero-length suspensions sit on boundaries): prefer the shortest.
            if (distance < bestDistance
                || (distance == bestDistance && haveSegment
                    && s.durationNs() < found.durationNs())) {
                bestDistance = distance;
                found = s;
                haveSegment = true;
            }
        };
        const QList<Segment> &row = segments.row(quint32(task));
        auto it = std::partition_point(row.cbegin(), row.cend(),
                                       [&](const Segment &s) { return s.endNs < ns - tolerance; });
        for (; it != row.cend() && it->startNs <= ns + tolerance; ++it)
            consider(*it);
        Segment open;
        if (segments.openSegment(quint32(task), nowNs(), &open))
            consider(open);
    }

    QString html = u"<b>"_s + tr("Task #%1").arg(task) + u"</b><table cellspacing='0'>"_s;
    html += tableRow(tr("URL"), trace.url(quint32(task)).toHtmlEscaped());
    if (haveSegment) {
        html += tableRow(tr("State"), u"<b>"_s + Vocabulary::stateText(found.state) + u"</b>"_s);
        if (found.label != 0) {
            QString name;
            switch (found.state) {
            case SegmentState::Pending:
                name = tr("Waited for");
                break;
            case SegmentState::Running:
                name = tr("Doing");
                break;
            case SegmentState::Suspended:
                name = tr("Await");
                break;
            }
            html += tableRow(name, trace.labelText(found.label).toHtmlEscaped());
        }
        html += tableRow(tr("Start"), preciseDurationText(found.startNs));
        html += tableRow(tr("Duration"), preciseDurationText(found.durationNs()));
    }
    if (times.createdNs >= 0) {
        const qint64 end = times.finishedNs >= 0 ? times.finishedNs : nowNs();
        html += tableRow(tr("Task time"), preciseDurationText(end - times.createdNs));
    }
    // As the server reported it, clamped to the task's own wait: a server cannot have queued a
    // request for longer than the task waited for it.
    const qint64 serverQueuedNs = trustedServerQueuedNs(trace, segments, quint32(task));
    int reused = -1;
    const std::span<const PhaseSpan> phases
        = m_showPhases ? phasesOf(task, &reused) : std::span<const PhaseSpan>();
    if (!phases.empty()) {
        // Where the await's time went, in the order a request goes through them; the phase
        // under the cursor in bold.
        html += u"<tr><td colspan='2' style='padding-top:4px'><b>"_s + tr("Inside await reply")
            + u"</b></td></tr>"_s;
        qint64 total[PhaseKindCount] = {};
        int hovered = -1;
        for (const PhaseSpan &span : phases) {
            total[int(span.kind)] += span.durationNs();
            if (ns >= span.startNs && ns < span.endNs)
                hovered = int(span.kind);
        }
        for (int kind = 0; kind < PhaseKindCount; ++kind) {
            // The server's word is shown even when it was "no queue at all".
            if (total[kind] == 0 && !(kind == int(PhaseKind::ServerQueue) && serverQueuedNs >= 0))
                continue;
            QString value = preciseDurationText(total[kind]);
            if (kind == hovered)
                value = u"<b>"_s + value + u"</b>"_s;
            html += tableRow(u"<span style='color:%1'>■</span> "_s.arg(
                                 StateStyle::phaseColor(PhaseKind(kind)).name())
                                 + Vocabulary::phaseText(PhaseKind(kind)),
                             value);
        }
        html += tableRow(tr("Reused connection"),
                         reused == 1       ? tr("yes")
                             : reused == 0 ? tr("no")
                                           : tr("unknown"));
    } else if (serverQueuedNs >= 0) {
        html += tableRow(tr("Server queue"), preciseDurationText(serverQueuedNs));
    }
    html += tableRow(tr("HTTP status"),
                     info.httpStatus > 0 ? QString::number(info.httpStatus) : u"–"_s);
    html += tableRow(tr("Bytes"), QLocale().toString(info.bytes));
    if (info.serverActive >= 0)
        html += tableRow(
            tr("Server load"),
            info.serverCapacity > 0
                ? tr("%1 of %2 requests at once").arg(info.serverActive).arg(info.serverCapacity)
                : tr("%n request(s) at once", nullptr, info.serverActive));
    const QString result
        = u"<span style='color:%1'>■</span> "_s.arg(StateStyle::resultColor(info.result).name())
        + Vocabulary::resultText(info.result);
    html += tableRow(tr("Result"), result);
    if (!info.error.isEmpty())
        html += tableRow(tr("Error"), info.error.toHtmlEscaped());
    if (info.worker >= 0)
        html += tableRow(tr("Ran on"), Vocabulary::workerText(info.worker));
    return html + u"</table>"_s;
}

QString TimelineView::loopToolTip(qint64 ns, double nsPerPixel) const
{
    const qint64 now = nowNs();
    QString html = u"<b>"_s + tr("Scheduler loop") + u"</b><br>"_s;
    if (ns < 0) {
        const qint64 busy = m_trace->segments().loopBusyBeforeNs(now, now);
        return html
            + tr("Busy running tasks for %1 of %2 (%3%).")
                  .arg(preciseDurationText(busy), preciseDurationText(now),
                       QLocale().toString(now > 0 ? 100.0 * double(busy) / double(now) : 0.0, 'f',
                                          1));
    }
    const qint64 tolerance = qint64(HoverTolerancePx * nsPerPixel);
    Span span;
    bool busy = false;
    const SegmentBuilder &segments = m_trace->segments();
    const auto &spans = segments.loopBusy();
    auto it = std::partition_point(spans.cbegin(), spans.cend(),
                                   [&](const auto &s) { return s.endNs < ns - tolerance; });
    if (it != spans.cend() && it->startNs <= ns + tolerance) {
        span = Span{it->startNs, it->endNs};
        busy = true;
    } else if (segments.loopBusySinceNs() >= 0 && ns + tolerance >= segments.loopBusySinceNs()) {
        span = Span{segments.loopBusySinceNs(), now};
        busy = true;
    }
    if (busy)
        html += tr("Busy for %1, from %2 to %3")
                    .arg(preciseDurationText(span.endNs - span.startNs),
                         preciseDurationText(span.startNs), preciseDurationText(span.endNs));
    else
        html += tr("Idle at %1: no task is running on the loop").arg(preciseDurationText(ns));
    // Zoomed out, a column's height is the busy share of its time: say what it is.
    const qint64 columnStart = ns - qint64(nsPerPixel / 2);
    const qint64 columnEnd = ns + qint64(nsPerPixel / 2);
    const qint64 columnBusy = busyBeforeNs(columnEnd, now) - busyBeforeNs(columnStart, now);
    if (columnBusy > 0 && columnBusy < columnEnd - columnStart)
        html += u"<br>"_s
            + tr("Busy %1% of the %2 under the cursor")
                  .arg(QLocale().toString(
                           100.0 * double(columnBusy) / double(columnEnd - columnStart), 'f', 1),
                       preciseDurationText(columnEnd - columnStart));
    for (const qint64 doneNs : m_loop.allDone) {
        if (std::abs(doneNs - ns) <= 2 * tolerance)
            html += u"<br>"_s + tr("All tasks done at %1").arg(preciseDurationText(doneNs));
    }
    for (const qint64 stopNs : m_loop.stopped) {
        if (std::abs(stopNs - ns) <= 2 * tolerance)
            html += u"<br>"_s
                + tr("Stopped at %1: the tasks still under way were cancelled")
                      .arg(preciseDurationText(stopNs));
    }
    return html;
}

QString TimelineView::lagToolTip(qint64 ns, double nsPerPixel) const
{
    const qint64 tolerance = qint64(HoverTolerancePx * nsPerPixel);
    if (ns < 0)
        return tr("Loop lag: how late a periodic timer fired. Full height is %1 or more.")
            .arg(preciseDurationText(LagFullScaleNs));
    auto it = std::partition_point(m_loop.lags.cbegin(), m_loop.lags.cend(),
                                   [&](const LagSample &s) { return s.ns < ns - tolerance; });
    const LagSample *worst = nullptr;
    for (; it != m_loop.lags.cend() && it->ns - it->lagNs <= ns + tolerance + m_loop.maxLagNs;
         ++it) {
        if (it->ns - it->lagNs <= ns + tolerance && (!worst || it->lagNs > worst->lagNs))
            worst = &*it;
    }
    if (!worst)
        return {};
    return u"<b>"_s + tr("Loop lag") + u"</b><br>"_s
        + tr("The timer fired %1 late at %2: the loop was blocked.")
              .arg(preciseDurationText(worst->lagNs), preciseDurationText(worst->ns));
}

// --- loop state ------------------------------------------------------------------------------

void TimelineView::updateLoopState() const
{
    if (!m_trace)
        return;
    LoopState &s = m_loop;
    if (s.revision == m_trace->revision())
        return;
    const Trace &trace = m_trace->trace();
    if (s.consumed > trace.events.size()) {
        s = LoopState{};
        clearPhaseCache();
    }
    // The loop's busy spans come from the LiveTrace's SegmentBuilder; the probe's samples and
    // the "all done" and "stopped" markers are gathered here. A task's new event makes its
    // cached phases stale.
    const int taskCount = m_trace->segments().taskCount();
    for (qsizetype i = s.consumed; i < trace.events.size(); ++i) {
        const TraceEvent &e = trace.events.at(i);
        if (e.task != LoopTask) {
            m_phases.invalidate(e.task, taskCount);
            continue;
        }
        if (e.kind == EventKind::LagSample) {
            const qint64 lagNs = qint64(std::max(0, e.value)) * 1000;
            s.lags.append(LagSample{e.ns, lagNs});
            s.maxLagNs = std::max(s.maxLagNs, lagNs);
        } else if (e.kind == EventKind::AllDone) {
            s.allDone.append(e.ns);
        } else if (e.kind == EventKind::Stopped) {
            s.stopped.append(e.ns);
        }
    }
    s.consumed = trace.events.size();
    s.revision = m_trace->revision();
}

qint64 TimelineView::busyBeforeNs(qint64 ns, qint64 nowNs) const
{
    return m_trace->segments().loopBusyBeforeNs(ns, nowNs);
}

} // namespace Coroscope
