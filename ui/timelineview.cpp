#include "timelineview.h"

#include "livetrace.h"
#include "trace/summary.h"

#include <QApplication>
#include <QGestureEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QPainter>
#include <QPinchGesture>
#include <QSaveFile>
#include <QScrollBar>
#include <QSvgGenerator>
#include <QToolTip>
#include <QUrl>
#include <QVarLengthArray>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

constexpr double WheelZoomPerNotch = 1.25;
constexpr double KeyZoom = 1.5;
// Lag bars reach the lane's full height at this lag: beyond it the loop is simply frozen.
constexpr qint64 LagFullScaleNs = 100'000'000;
// Hovering this close to something (in px) still counts as being on it.
constexpr double HoverTolerancePx = 3;

QColor mix(const QColor &a, const QColor &b, double t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

QString ms(qint64 ns)
{
    return TimelineView::tr("%1 ms").arg(QLocale().toString(double(ns) / 1e6, 'f', 3));
}

QString tableRow(const QString &name, const QString &value)
{
    return u"<tr><td style='color:gray'>"_s + name + u"</td><td>"_s + value + u"</td></tr>"_s;
}

QString stateText(SegmentState state)
{
    switch (state) {
    case SegmentState::Pending:
        return TimelineView::tr("pending");
    case SegmentState::Running:
        return TimelineView::tr("running");
    case SegmentState::Suspended:
        return TimelineView::tr("suspended");
    }
    return {};
}

QString resultText(TaskResult result)
{
    switch (result) {
    case TaskResult::Unfinished:
        return TimelineView::tr("unfinished");
    case TaskResult::Ok:
        return TimelineView::tr("ok");
    case TaskResult::Error:
        return TimelineView::tr("error");
    case TaskResult::Timeout:
        return TimelineView::tr("timeout");
    case TaskResult::Cancelled:
        return TimelineView::tr("cancelled");
    }
    return {};
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

} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QAbstractScrollArea(parent)
{
    // Every pixel is painted each frame: spare Qt the background fill.
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    viewport()->setAttribute(Qt::WA_NoSystemBackground);
    viewport()->grabGesture(Qt::PinchGesture);
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    m_fillColors[FillPending] = stateColor(SegmentState::Pending);
    m_fillColors[FillSuspended] = stateColor(SegmentState::Suspended);
    m_fillColors[FillRunning] = stateColor(SegmentState::Running);
    m_fillColors[FillOk] = resultColor(TaskResult::Ok);
    m_fillColors[FillError] = resultColor(TaskResult::Error);
    m_fillColors[FillTimeout] = resultColor(TaskResult::Timeout);
    m_fillColors[FillCancelled] = resultColor(TaskResult::Cancelled);
    m_fillColors[FillLoopBusy] = loopBusyColor();
    m_fillColors[FillLag] = lagColor();

    updateMetrics();
}

TimelineView::~TimelineView() = default;

// Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
QColor TimelineView::stateColor(SegmentState state)
{
    switch (state) {
    case SegmentState::Pending:
        return QColor(0xcc, 0xcf, 0xd4);
    case SegmentState::Running:
        return QColor(0xe6, 0x9f, 0x00);
    case SegmentState::Suspended:
        return QColor(0x56, 0xb4, 0xe9);
    }
    return {};
}

QColor TimelineView::resultColor(TaskResult result)
{
    switch (result) {
    case TaskResult::Unfinished:
        return QColor(0xcc, 0xcf, 0xd4);
    case TaskResult::Ok:
        return QColor(0x00, 0x9e, 0x73);
    case TaskResult::Error:
        return QColor(0xd5, 0x5e, 0x00);
    case TaskResult::Timeout:
        return QColor(0xf0, 0xc0, 0x00);
    case TaskResult::Cancelled:
        return QColor(0x55, 0x55, 0x55);
    }
    return {};
}

QColor TimelineView::loopBusyColor()
{
    // The loop is busy exactly when some task on it is running.
    return stateColor(SegmentState::Running);
}

QColor TimelineView::lagColor()
{
    return QColor(0xcc, 0x79, 0xa7); // Okabe-Ito reddish purple
}

QColor TimelineView::stoppedColor()
{
    // Crimson: apart from the vermillion of errors and the grey of the cancelled tasks.
    return QColor(0xc0, 0x1c, 0x28);
}

QString TimelineView::workerLabel(int worker)
{
    return tr("worker %1").arg(worker);
}

QList<QPair<QString, QColor>> TimelineView::legend()
{
    return {
        {tr("pending"), stateColor(SegmentState::Pending)},
        {tr("running"), stateColor(SegmentState::Running)},
        {tr("suspended"), stateColor(SegmentState::Suspended)},
        {tr("ok"), resultColor(TaskResult::Ok)},
        {tr("error"), resultColor(TaskResult::Error)},
        {tr("timeout"), resultColor(TaskResult::Timeout)},
        {tr("cancelled"), resultColor(TaskResult::Cancelled)},
        {tr("loop lag"), lagColor()},
    };
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

int TimelineView::tasksTop() const
{
    return m_axisHeight + m_loopHeight + m_lagHeight + 1;
}

int TimelineView::tasksViewportHeight() const
{
    return std::max(0, viewport()->height() - tasksTop());
}

void TimelineView::updateMetrics()
{
    const QFontMetrics fm = fontMetrics();
    m_rowHeight = std::max(16, fm.height() + 3);
    m_axisHeight = fm.height() + 10;
    m_loopHeight = m_rowHeight + 4;
    m_lagHeight = std::max(10, m_rowHeight * 2 / 3);
    const int digits = int(QString::number(std::max(0, taskCount() - 1)).size());
    m_idWidth = fm.horizontalAdvance(u'#' + QString(digits, u'0'));
    m_labelWidth = std::clamp(6 + 8 + 6 + m_idWidth + 8 + fm.averageCharWidth() * 14 + 6, 120, 280);
    m_urlLabels.clear();
    m_coords.setWidth(viewport()->width() - m_labelWidth);
}

QString TimelineView::urlLabel(int task) const
{
    const Trace &trace = m_trace->trace();
    if (m_urlLabels.size() != trace.urls.size()) {
        // A row has room for a path, not a URL: the host is the same for most runs anyway.
        const QFontMetrics fm = fontMetrics();
        const int room = m_labelWidth - (6 + 8 + 6 + m_idWidth + 8 + 6);
        m_urlLabels.clear();
        for (const QString &text : trace.urls) {
            const QUrl url(text);
            QString shown = url.path();
            if (url.hasQuery())
                shown += u'?' + url.query();
            if (shown.isEmpty() || shown == u"/"_s)
                shown = url.host().isEmpty() ? text : url.host();
            m_urlLabels.append(fm.elidedText(shown, Qt::ElideMiddle, room));
        }
    }
    return m_urlLabels.value(trace.tasks.at(task).urlIndex);
}

void TimelineView::onTraceReset()
{
    m_loop = LoopState{};
    m_highlightedTasks.clear();
    m_highlightStartNs = m_highlightEndNs = -1;
    updateMetrics();
    m_followSpanNs = 0;
    m_coords.fit(nowNs());
    {
        const QSignalBlocker blocker(verticalScrollBar());
        verticalScrollBar()->setValue(0);
    }
    if (!m_follow) {
        m_follow = true;
        Q_EMIT followLiveChanged(true);
    }
    if (m_selected != -1) {
        m_selected = -1;
        Q_EMIT taskSelected(-1);
    }
    updateScrollBars();
    viewport()->update();
    Q_EMIT visibleRangeChanged(m_coords.startNs(), m_coords.endNs());
}

void TimelineView::onTraceChanged()
{
    const qint64 start = m_coords.startNs();
    const qint64 end = m_coords.endNs();
    updateCoordinates();
    updateScrollBars();
    viewport()->update();
    if (start != m_coords.startNs() || end != m_coords.endNs())
        Q_EMIT visibleRangeChanged(m_coords.startNs(), m_coords.endNs());
}

void TimelineView::updateCoordinates()
{
    m_coords.setWidth(viewport()->width() - m_labelWidth);
    if (m_follow)
        applyFollow();
    else
        m_coords.setTraceEnd(nowNs());
}

void TimelineView::applyFollow()
{
    const qint64 now = nowNs();
    if (m_followSpanNs <= 0) {
        m_coords.fit(now);
        return;
    }
    // Zoomed in: slide so that "now" sits near the right edge, with a little room to grow into.
    m_coords.setTraceEnd(now);
    const qint64 ahead = m_followSpanNs / 20;
    m_coords.setRange(now + ahead - m_followSpanNs, now + ahead);
}

void TimelineView::setFollowLive(bool follow)
{
    if (m_follow == follow)
        return;
    m_follow = follow;
    if (m_follow) {
        m_coords.setTraceEnd(nowNs());
        m_followSpanNs = m_coords.isFitted() ? 0 : m_coords.spanNs();
        applyFollow();
        updateScrollBars();
        viewport()->update();
        Q_EMIT visibleRangeChanged(m_coords.startNs(), m_coords.endNs());
    }
    Q_EMIT followLiveChanged(m_follow);
}

void TimelineView::fit()
{
    m_followSpanNs = 0;
    m_coords.fit(nowNs());
    if (!m_follow) {
        m_follow = true;
        Q_EMIT followLiveChanged(true);
    }
    updateScrollBars();
    viewport()->update();
    Q_EMIT visibleRangeChanged(m_coords.startNs(), m_coords.endNs());
}

void TimelineView::userChangedRange()
{
    setFollowLive(false);
    updateScrollBars();
    viewport()->update();
    Q_EMIT visibleRangeChanged(m_coords.startNs(), m_coords.endNs());
}

void TimelineView::setVisibleRange(qint64 startNs, qint64 endNs)
{
    m_coords.setTraceEnd(nowNs());
    m_coords.setRange(startNs, endNs);
    userChangedRange();
}

void TimelineView::zoomBy(double factor, int anchorViewportX)
{
    const int x = std::clamp(anchorViewportX - m_labelWidth, 0, m_coords.width());
    m_coords.setTraceEnd(nowNs());
    m_coords.zoomAround(m_coords.nsForX(x), factor);
    userChangedRange();
}

void TimelineView::zoomIn()
{
    zoomBy(KeyZoom, m_labelWidth + m_coords.width() / 2);
}

void TimelineView::zoomOut()
{
    zoomBy(1 / KeyZoom, m_labelWidth + m_coords.width() / 2);
}

void TimelineView::panBy(double dxPx)
{
    m_coords.setTraceEnd(nowNs());
    m_coords.pan(dxPx);
    userChangedRange();
}

void TimelineView::updateScrollBars()
{
    m_syncingScrollBars = true;
    // Nanoseconds overflow an int scroll bar after 2 s: count in coarser units.
    const qint64 limit = m_coords.limitNs();
    m_hScrollUnitNs = std::max<qint64>(1, limit / 1'000'000'000);
    const int page = int(m_coords.spanNs() / m_hScrollUnitNs);
    QScrollBar *h = horizontalScrollBar();
    h->setRange(0, int((limit - m_coords.spanNs()) / m_hScrollUnitNs));
    h->setPageStep(page);
    h->setSingleStep(std::max(1, page / 20));
    h->setValue(int(m_coords.startNs() / m_hScrollUnitNs));

    QScrollBar *v = verticalScrollBar();
    const int rowsHeight = taskCount() * m_rowHeight;
    v->setRange(0, std::max(0, rowsHeight - tasksViewportHeight()));
    v->setPageStep(std::max(m_rowHeight, tasksViewportHeight()));
    v->setSingleStep(m_rowHeight);
    m_syncingScrollBars = false;
}

void TimelineView::scrollContentsBy(int dx, int /*dy*/)
{
    if (dx != 0 && !m_syncingScrollBars) {
        const qint64 start = qint64(horizontalScrollBar()->value()) * m_hScrollUnitNs;
        m_coords.setRange(start, start + m_coords.spanNs());
        userChangedRange();
    }
    viewport()->update();
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateCoordinates();
    updateScrollBars();
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
    if (task == m_selected)
        return;
    m_selected = task;
    scrollToTask(task);
    viewport()->update();
    Q_EMIT taskSelected(task);
}

void TimelineView::selectTasks(const QList<int> &tasks)
{
    m_highlightedTasks = QSet<int>(tasks.cbegin(), tasks.cend());
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
    viewport()->update();
}

void TimelineView::scrollToTask(int task)
{
    if (task < 0 || task >= taskCount())
        return;
    QScrollBar *v = verticalScrollBar();
    const int top = task * m_rowHeight;
    if (top < v->value())
        v->setValue(top);
    else if (top + m_rowHeight > v->value() + tasksViewportHeight())
        v->setValue(top + m_rowHeight - tasksViewportHeight());
}

int TimelineView::taskAt(const QPoint &viewportPos) const
{
    const int y = viewportPos.y() - tasksTop();
    if (y < 0)
        return -1;
    const int row = (y + verticalScrollBar()->value()) / m_rowHeight;
    return row < taskCount() ? row : -1;
}

QRect TimelineView::rowRect(int task) const
{
    return QRect(0, tasksTop() + task * m_rowHeight - verticalScrollBar()->value(),
                 viewport()->width(), m_rowHeight);
}

int TimelineView::xForNs(qint64 ns) const
{
    return m_labelWidth + int(std::floor(m_coords.xForNs(ns)));
}

// --- input -----------------------------------------------------------------------------------

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint angle = event->angleDelta();
    const int delta = angle.y() != 0 ? angle.y() : angle.x();
    if (event->modifiers() & Qt::ControlModifier) {
        if (delta != 0)
            zoomBy(std::pow(WheelZoomPerNotch, delta / 120.0), int(event->position().x()));
        event->accept();
        return;
    }
    if ((event->modifiers() & Qt::ShiftModifier) || std::abs(angle.x()) > std::abs(angle.y())) {
        // A notch pans a tenth of the view, like a scroll bar's single step.
        if (!event->pixelDelta().isNull()) {
            const QPoint px = event->pixelDelta();
            panBy(-(px.x() != 0 ? px.x() : px.y()));
        } else if (delta != 0) {
            panBy(-delta / 120.0 * m_coords.width() / 10.0);
        }
        event->accept();
        return;
    }
    QAbstractScrollArea::wheelEvent(event);
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomIn();
        return;
    case Qt::Key_Minus:
    case Qt::Key_Underscore:
        zoomOut();
        return;
    case Qt::Key_0:
        fit();
        return;
    case Qt::Key_Left:
        panBy(-m_coords.width() / 10.0);
        return;
    case Qt::Key_Right:
        panBy(m_coords.width() / 10.0);
        return;
    case Qt::Key_Up:
        if (taskCount() > 0)
            setSelectedTask(m_selected < 0 ? verticalScrollBar()->value() / m_rowHeight
                                           : std::max(0, m_selected - 1));
        return;
    case Qt::Key_Down:
        if (taskCount() > 0)
            setSelectedTask(m_selected < 0 ? verticalScrollBar()->value() / m_rowHeight
                                           : std::min(taskCount() - 1, m_selected + 1));
        return;
    case Qt::Key_Escape:
        if (m_selected >= 0 || !m_highlightedTasks.isEmpty() || m_highlightStartNs >= 0) {
            clearHighlight();
            setSelectedTask(-1);
            return;
        }
        break;
    default:
        break;
    }
    QAbstractScrollArea::keyPressEvent(event);
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton && event->button() != Qt::MiddleButton) {
        QAbstractScrollArea::mousePressEvent(event);
        return;
    }
    m_pressed = true;
    m_dragging = event->button() == Qt::MiddleButton;
    m_pressPos = m_lastDragPos = event->position().toPoint();
    if (m_dragging)
        viewport()->setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QAbstractScrollArea::mouseMoveEvent(event);
        return;
    }
    const QPoint pos = event->position().toPoint();
    if (!m_dragging && (pos - m_pressPos).manhattanLength() >= QApplication::startDragDistance()) {
        m_dragging = true;
        viewport()->setCursor(Qt::ClosedHandCursor);
    }
    if (m_dragging) {
        // The content follows the hand: dragging right shows earlier times, down shows upper rows.
        const QPoint delta = pos - m_lastDragPos;
        m_lastDragPos = pos;
        if (delta.x() != 0)
            panBy(-delta.x());
        if (delta.y() != 0)
            verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    }
    event->accept();
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_pressed) {
        QAbstractScrollArea::mouseReleaseEvent(event);
        return;
    }
    const bool click = !m_dragging && event->button() == Qt::LeftButton;
    m_pressed = m_dragging = false;
    viewport()->unsetCursor();
    if (click) {
        const QPoint pos = event->position().toPoint();
        if (pos.y() >= tasksTop())
            setSelectedTask(taskAt(pos));
    }
    event->accept();
}

bool TimelineView::viewportEvent(QEvent *event)
{
    switch (event->type()) {
    case QEvent::ToolTip: {
        auto *help = static_cast<QHelpEvent *>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty()) {
            QToolTip::hideText();
            event->ignore();
        } else {
            QToolTip::showText(help->globalPos(), text, viewport());
        }
        return true;
    }
    case QEvent::NativeGesture: {
        auto *gesture = static_cast<QNativeGestureEvent *>(event);
        if (gesture->gestureType() == Qt::ZoomNativeGesture) {
            zoomBy(1.0 + gesture->value(), int(gesture->position().x()));
            return true;
        }
        break;
    }
    case QEvent::Gesture: {
        auto *gestures = static_cast<QGestureEvent *>(event);
        if (auto *pinch = static_cast<QPinchGesture *>(gestures->gesture(Qt::PinchGesture))) {
            if (pinch->changeFlags() & QPinchGesture::ScaleFactorChanged) {
                const QPoint centre = viewport()->mapFromGlobal(pinch->centerPoint().toPoint());
                zoomBy(pinch->scaleFactor(), centre.x());
            }
            gestures->accept(pinch);
            return true;
        }
        break;
    }
    default:
        break;
    }
    return QAbstractScrollArea::viewportEvent(event);
}

// --- tooltips --------------------------------------------------------------------------------

QString TimelineView::toolTipAt(const QPoint &viewportPos) const
{
    if (!m_trace || viewportPos.y() < m_axisHeight)
        return {};
    updateLoopState();
    const qint64 ns = viewportPos.x() < m_labelWidth
        ? -1
        : m_coords.nsForX(viewportPos.x() - m_labelWidth + 0.5);
    const double nsPerPixel = m_coords.nsPerPixel();
    if (viewportPos.y() < m_axisHeight + m_loopHeight)
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
        html += tableRow(tr("State"), u"<b>"_s + stateText(found.state) + u"</b>"_s);
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
            html += tableRow(name, trace.label(found.label).toHtmlEscaped());
        }
        html += tableRow(tr("Start"), ms(found.startNs));
        html += tableRow(tr("Duration"), ms(found.durationNs()));
    }
    if (times.createdNs >= 0) {
        const qint64 end = times.finishedNs >= 0 ? times.finishedNs : nowNs();
        html += tableRow(tr("Task time"), ms(end - times.createdNs));
    }
    html += tableRow(tr("HTTP status"),
                     info.httpStatus > 0 ? QString::number(info.httpStatus) : u"–"_s);
    html += tableRow(tr("Bytes"), QLocale().toString(info.bytes));
    // As the server reported it, clamped to the task's own wait: a server cannot have queued a
    // request for longer than the task waited for it.
    const qint64 serverQueuedNs = trustedServerQueuedNs(trace, segments, quint32(task));
    if (serverQueuedNs >= 0)
        html += tableRow(tr("Server queue"), ms(serverQueuedNs));
    if (info.serverActive >= 0)
        html += tableRow(
            tr("Server load"),
            info.serverCapacity > 0
                ? tr("%1 of %2 requests at once").arg(info.serverActive).arg(info.serverCapacity)
                : tr("%n request(s) at once", nullptr, info.serverActive));
    const QString result
        = u"<span style='color:%1'>■</span> "_s.arg(resultColor(info.result).name())
        + resultText(info.result);
    html += tableRow(tr("Result"), result);
    if (!info.error.isEmpty())
        html += tableRow(tr("Error"), info.error.toHtmlEscaped());
    if (info.worker >= 0)
        html += tableRow(tr("Ran on"), workerLabel(info.worker));
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
                  .arg(ms(busy), ms(now),
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
                    .arg(ms(span.endNs - span.startNs), ms(span.startNs), ms(span.endNs));
    else
        html += tr("Idle at %1: no task is running on the loop").arg(ms(ns));
    // Zoomed out, a column's height is the busy share of its time: say what it is.
    const qint64 columnStart = ns - qint64(nsPerPixel / 2);
    const qint64 columnEnd = ns + qint64(nsPerPixel / 2);
    const qint64 columnBusy = busyBeforeNs(columnEnd, now) - busyBeforeNs(columnStart, now);
    if (columnBusy > 0 && columnBusy < columnEnd - columnStart)
        html += u"<br>"_s
            + tr("Busy %1% of the %2 under the cursor")
                  .arg(QLocale().toString(
                           100.0 * double(columnBusy) / double(columnEnd - columnStart), 'f', 1),
                       ms(columnEnd - columnStart));
    for (const qint64 doneNs : m_loop.allDone) {
        if (std::abs(doneNs - ns) <= 2 * tolerance)
            html += u"<br>"_s + tr("All tasks done at %1").arg(ms(doneNs));
    }
    for (const qint64 stopNs : m_loop.stopped) {
        if (std::abs(stopNs - ns) <= 2 * tolerance)
            html += u"<br>"_s
                + tr("Stopped at %1: the tasks still under way were cancelled").arg(ms(stopNs));
    }
    return html;
}

QString TimelineView::lagToolTip(qint64 ns, double nsPerPixel) const
{
    const qint64 tolerance = qint64(HoverTolerancePx * nsPerPixel);
    if (ns < 0)
        return tr("Loop lag: how late a periodic timer fired. Full height is %1 or more.")
            .arg(ms(LagFullScaleNs));
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
              .arg(ms(worst->lagNs), ms(worst->ns));
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
    if (s.consumed > trace.events.size())
        s = LoopState{};
    // The loop's busy spans come from the LiveTrace's SegmentBuilder; the probe's samples and
    // the "all done" and "stopped" markers are gathered here.
    for (qsizetype i = s.consumed; i < trace.events.size(); ++i) {
        const TraceEvent &e = trace.events.at(i);
        if (e.task != LoopTask)
            continue;
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

// --- painting --------------------------------------------------------------------------------

TimelineView::Frame TimelineView::currentFrame() const
{
    Frame frame;
    frame.coords = m_coords;
    frame.area = viewport()->rect();
    frame.labelWidth = m_labelWidth;
    frame.scrollY = verticalScrollBar()->value();
    frame.nowNs = nowNs();
    frame.live = m_trace && m_trace->isLive();
    return frame;
}

void TimelineView::paintEvent(QPaintEvent * /*event*/)
{
    QPainter painter(viewport());
    paintFrame(painter, currentFrame());
}

void TimelineView::flushFills(QPainter &painter) const
{
    painter.setPen(Qt::NoPen);
    for (int fill = 0; fill < FillCount; ++fill) {
        QList<QRect> &rects = m_fills[fill];
        if (rects.isEmpty())
            continue;
        painter.setBrush(m_fillColors[fill]);
        painter.drawRects(rects.constData(), int(rects.size()));
        rects.clear(); // keeps the capacity for the next frame
    }
}

void TimelineView::paintFrame(QPainter &painter, const Frame &frame) const
{
    updateLoopState();
    painter.setRenderHint(QPainter::Antialiasing, false);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    painter.fillRect(frame.area, base);

    const int count = taskCount();
    const int rowsTop = frame.area.top() + tasksTop();
    const int rowsHeight = std::max(0, frame.area.bottom() + 1 - rowsTop);
    const int firstRow = std::min(count, frame.scrollY / m_rowHeight);
    const int lastRow = std::min(count - 1, (frame.scrollY + rowsHeight - 1) / m_rowHeight);

    paintRowBackgrounds(painter, frame, firstRow, lastRow);
    // Grid lines under the bars, so that bars stay crisp.
    const QList<TimelineCoordinates::Tick> ticks
        = frame.coords.ticks(fontMetrics().horizontalAdvance(u"00000 ms"_s) + 24);
    painter.setPen(mix(base, text, 0.08));
    for (const auto &tick : ticks) {
        const int x = frame.timeLeft() + int(std::floor(tick.x));
        painter.drawLine(x, frame.area.top(), x, frame.area.bottom());
    }

    if (m_trace) {
        paintTaskRows(painter, frame, firstRow, lastRow);
        paintLoopRow(painter, frame);
        paintLagLane(painter, frame);
    }
    paintAxis(painter, frame);
    paintLabels(painter, frame, firstRow, lastRow);

    // Header separators, drawn last so that nothing covers them.
    const int right = frame.area.right();
    painter.setPen(mix(base, text, 0.22));
    painter.drawLine(frame.area.left(), rowsTop - 1, right, rowsTop - 1);
    painter.drawLine(frame.timeLeft() - 1, frame.area.top(), frame.timeLeft() - 1,
                     frame.area.bottom());
    painter.setPen(mix(base, text, 0.12));
    painter.drawLine(frame.area.left(), frame.area.top() + m_axisHeight - 1, right,
                     frame.area.top() + m_axisHeight - 1);

    // The diagnostic's time band spans the loop and every row.
    if (m_highlightStartNs >= 0) {
        const double l
            = std::clamp(frame.coords.xForNs(m_highlightStartNs), -2.0, frame.coords.width() + 2.0);
        const double r
            = std::clamp(frame.coords.xForNs(m_highlightEndNs), -2.0, frame.coords.width() + 2.0);
        QRect band(frame.timeLeft() + int(std::floor(l)), frame.area.top() + m_axisHeight,
                   std::max(2, int(std::ceil(r - l))), frame.area.height() - m_axisHeight);
        band = band.intersected(
            QRect(frame.timeLeft(), frame.area.top(), frame.coords.width(), frame.area.height()));
        QColor fill(0xf0, 0xe4, 0x42, 70);
        painter.fillRect(band, fill);
        painter.setPen(QColor(0xb8, 0xa8, 0x00));
        painter.drawLine(band.topLeft(), band.bottomLeft());
        painter.drawLine(band.topRight(), band.bottomRight());
    }
}

void TimelineView::paintRowBackgrounds(QPainter &painter, const Frame &frame, int firstRow,
                                       int lastRow) const
{
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const QColor highlight = palette().color(QPalette::Highlight);
    const int rowsTop = frame.area.top() + tasksTop();
    QList<QRect> &zebra = m_zebra;
    for (int row = firstRow; row <= lastRow; ++row) {
        const QRect rect(frame.area.left(), rowsTop + row * m_rowHeight - frame.scrollY,
                         frame.area.width(), m_rowHeight);
        if (row == m_selected)
            painter.fillRect(rect, mix(base, highlight, 0.28));
        else if (m_highlightedTasks.contains(row))
            painter.fillRect(rect, mix(base, QColor(0xf0, 0xe4, 0x42), 0.35));
        else if (row % 2 == 1)
            zebra.append(rect);
    }
    painter.setPen(Qt::NoPen);
    painter.setBrush(mix(base, text, 0.03));
    painter.drawRects(zebra.constData(), int(zebra.size()));
    zebra.clear();
}

void TimelineView::paintTaskRows(QPainter &painter, const Frame &frame, int firstRow,
                                 int lastRow) const
{
    const Trace &trace = m_trace->trace();
    const SegmentBuilder &segments = m_trace->segments();
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const int rowsTop = frame.area.top() + tasksTop();
    const int left = frame.timeLeft();
    const qint64 visibleStart = frame.coords.startNs();
    const qint64 visibleEnd = frame.coords.endNs();
    const int barInset = 3;
    const int barHeight = m_rowHeight - 2 * barInset;
    const PixelMapper map(frame.coords, left);
    auto px = [&map](qint64 ns) { return map.x(ns); };

    const qint64 now = frame.nowNs;
    struct Marker
    {
        int x;
        int y;
    };
    QVarLengthArray<Marker, 128> doneMarkers;
    static constexpr Fill fillOf[] = {FillPending, FillRunning, FillSuspended}; // by SegmentState
    for (int row = firstRow; row <= lastRow; ++row) {
        const int y = rowsTop + row * m_rowHeight - frame.scrollY;
        const int barTop = y + barInset;
        PixelRun runs[3];
        auto add = [&](const Segment &s) {
            const Fill fill = fillOf[int(s.state)];
            const auto [l, r] = map.span(s.startNs, s.endNs);
            if (l < r)
                runs[fill].add(l, r, m_fills[fill], barTop, barHeight);
        };
        // Segments tile the row in time order: their ends are sorted too.
        const QList<Segment> &segs = segments.row(quint32(row));
        const auto first = std::partition_point(
            segs.cbegin(), segs.cend(), [&](const Segment &s) { return s.endNs < visibleStart; });
        const auto last = std::partition_point(
            first, segs.cend(), [&](const Segment &s) { return s.startNs <= visibleEnd; });
        auto it = first;
        if (last - first > frame.coords.width() / 2) {
            // Far more segments than pixels: drawing each (running on top) would paint the row
            // solid orange. Each column shows the state at its middle instead, an honest sample
            // of where the row's time went, drawn as one image strip rather than a thousand
            // one-pixel rectangles.
            const int width = frame.coords.width();
            if (m_strip.width() < width)
                m_strip = QImage(width, 1, QImage::Format_RGB32);
            auto *line = reinterpret_cast<QRgb *>(m_strip.scanLine(0));
            int firstX = -1;
            int lastX = -1;
            for (int x = 0; x < width; ++x) {
                const qint64 t = visibleStart + qint64((x + 0.5) * frame.coords.nsPerPixel());
                if (it != last && it->endNs < t)
                    it = skipEndingBy(it, last, t - 1);
                if (it == last)
                    break;
                if (it->startNs > t)
                    continue; // before the task was created
                line[x] = m_fillColors[fillOf[int(it->state)]].rgb();
                if (firstX < 0)
                    firstX = x;
                // Segments tile the task's life: a column between two sampled ones is never
                // empty, but rounding may skip one, so it repeats its neighbour.
                for (int gap = lastX + 1; lastX >= 0 && gap < x; ++gap)
                    line[gap] = line[lastX];
                lastX = x;
            }
            if (firstX >= 0) {
                const int n = lastX - firstX + 1;
                painter.drawImage(QRect(left + firstX, barTop, n, barHeight), m_strip,
                                  QRect(firstX, 0, n, 1));
            }
            it = last;
        }
        while (it != last) {
            add(*it);
            // Running is painted on top: whatever ends under the running run's pixels is hidden.
            const qint64 hiddenUntil
                = it->state == SegmentState::Running ? map.nsAt(runs[FillRunning].right) : -1;
            ++it;
            if (it != last && it->endNs <= hiddenUntil)
                it = skipEndingBy(it, last, hiddenUntil);
        }
        Segment open;
        if (segments.openSegment(quint32(row), now, &open) && SegmentBuilder::keeps(open)
            && open.startNs <= visibleEnd)
            add(open);
        for (int fill = 0; fill < 3; ++fill)
            runs[fill].flush(m_fills[fill], barTop, barHeight);

        // The outcome: a cap at the finish, and a failed task underlined along its whole life
        // so that it stands out even when its finish is scrolled away.
        const TaskInfo &info = trace.tasks.at(row);
        const TaskTimes &times = segments.times(quint32(row));
        if (info.result != TaskResult::Unfinished && times.finishedNs >= 0) {
            const Fill fill = info.result == TaskResult::Ok ? FillOk
                : info.result == TaskResult::Error          ? FillError
                : info.result == TaskResult::Timeout        ? FillTimeout
                                                            : FillCancelled;
            if (times.finishedNs >= visibleStart && times.finishedNs <= visibleEnd) {
                const int x = std::max(left, int(std::floor(px(times.finishedNs))));
                m_fills[fill].append(QRect(x, y + 2, 3, m_rowHeight - 4));
            }
            if (info.result != TaskResult::Ok && times.createdNs <= visibleEnd
                && times.finishedNs >= visibleStart) {
                const auto [l, r] = map.span(times.createdNs, times.finishedNs);
                m_fills[fill].append(QRect(l, y + m_rowHeight - barInset, r - l, 2));
            }
        }
        if (times.doneCallbackNs >= visibleStart && times.doneCallbackNs <= visibleEnd)
            doneMarkers.append(Marker{int(std::lround(px(times.doneCallbackNs))), y});
    }
    flushFills(painter);

    // Done callbacks: small diamonds just after the moment, outlined to read on any fill.
    if (!doneMarkers.isEmpty()) {
        painter.setRenderHint(QPainter::Antialiasing, true);
        painter.setPen(QPen(base, 1));
        painter.setBrush(text);
        const double r = 3.5;
        for (const Marker &m : doneMarkers) {
            const QPointF c(m.x + 4.5, m.y + m_rowHeight / 2.0);
            const QPointF diamond[4]
                = {{c.x(), c.y() - r}, {c.x() + r, c.y()}, {c.x(), c.y() + r}, {c.x() - r, c.y()}};
            painter.drawPolygon(diamond, 4);
        }
        painter.setRenderHint(QPainter::Antialiasing, false);
    }

    // Moments that concern every row: all done, and "now" while the run is live.
    const int rowsBottom = std::min(
        frame.area.bottom(), rowsTop + (int(trace.tasks.size()) * m_rowHeight) - frame.scrollY);
    for (const qint64 doneNs : m_loop.allDone) {
        if (doneNs < visibleStart || doneNs > visibleEnd)
            continue;
        const int x = int(std::floor(px(doneNs)));
        painter.setPen(QPen(mix(base, text, 0.6), 1, Qt::DashLine));
        painter.drawLine(x, rowsTop, x, rowsBottom);
    }
    // A stopped run has no "all done": a solid line in the stop colour says where it was cut.
    for (const qint64 stopNs : m_loop.stopped) {
        if (stopNs < visibleStart || stopNs > visibleEnd)
            continue;
        const int x = int(std::floor(px(stopNs)));
        painter.setPen(QPen(stoppedColor(), 2));
        painter.drawLine(x, rowsTop, x, rowsBottom);
    }
    if (frame.live && now >= visibleStart && now <= visibleEnd) {
        const int x = int(std::floor(px(now)));
        painter.setPen(mix(base, text, 0.45));
        painter.drawLine(x, frame.area.top() + m_axisHeight, x, rowsBottom);
    }
}

void TimelineView::paintLoopRow(QPainter &painter, const Frame &frame) const
{
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const int top = frame.area.top() + m_axisHeight;
    const int left = frame.timeLeft();
    const int right = left + frame.coords.width();
    painter.fillRect(QRect(frame.area.left(), top, frame.area.width(), m_loopHeight + m_lagHeight),
                     mix(base, text, 0.05));

    const qint64 visibleStart = frame.coords.startNs();
    const qint64 visibleEnd = frame.coords.endNs();
    const PixelMapper map(frame.coords, left);
    auto px = [&map](qint64 ns) { return map.x(ns); };
    const int barTop = top + 3;
    const int barHeight = m_loopHeight - 6;

    // Each pixel column is as tall as the loop was busy during its time: a utilisation graph
    // when zoomed out (a thousand 50 us runs in one column are not "busy all the time"), exact
    // spans when zoomed in. Prefix sums make it cost per pixel, whatever the number of spans.
    QList<QRect> &rects = m_fills[FillLoopBusy];
    const int width = frame.coords.width();
    const double nsPerPixel = frame.coords.nsPerPixel();
    qint64 fromNs = visibleStart;
    qint64 busyBefore = busyBeforeNs(fromNs, frame.nowNs);
    int runHeight = 0;
    int runStart = 0;
    for (int x = 0; x <= width; ++x) {
        int height = -1; // past the last column: closes the last run
        if (x < width) {
            const qint64 toNs = visibleStart + qint64(std::llround((x + 1) * nsPerPixel));
            const qint64 busyUntil = busyBeforeNs(toNs, frame.nowNs);
            const double fraction
                = toNs > fromNs ? double(busyUntil - busyBefore) / double(toNs - fromNs) : 0.0;
            // A few pixels at least: a column where the loop ran at all must be findable.
            height = busyUntil > busyBefore
                ? std::clamp(int(std::lround(fraction * barHeight)), 3, barHeight)
                : 0;
            fromNs = toNs;
            busyBefore = busyUntil;
        }
        if (height == runHeight)
            continue;
        if (runHeight > 0)
            rects.append(
                QRect(left + runStart, barTop + barHeight - runHeight, x - runStart, runHeight));
        runHeight = height;
        runStart = x;
    }
    flushFills(painter);

    const QFontMetrics fm = fontMetrics();
    for (const qint64 doneNs : m_loop.allDone) {
        if (doneNs < visibleStart || doneNs > visibleEnd)
            continue;
        const int x = int(std::floor(px(doneNs)));
        painter.fillRect(QRect(x - 1, top, 2, m_loopHeight + m_lagHeight), text);
        const QString label = tr("all done");
        // Beside the line, on whichever side has room.
        QRect box(x + 3, barTop, fm.horizontalAdvance(label) + 8, barHeight);
        if (box.right() > right)
            box.moveRight(x - 3);
        painter.fillRect(box, base);
        painter.setPen(text);
        painter.drawText(box, Qt::AlignCenter, label);
    }
    for (const qint64 stopNs : m_loop.stopped) {
        if (stopNs < visibleStart || stopNs > visibleEnd)
            continue;
        const int x = int(std::floor(px(stopNs)));
        painter.fillRect(QRect(x - 1, top, 2, m_loopHeight + m_lagHeight), stoppedColor());
        const QString label = tr("stopped");
        QRect box(x + 3, barTop, fm.horizontalAdvance(label) + 8, barHeight);
        if (box.right() > right)
            box.moveRight(x - 3);
        painter.fillRect(box, stoppedColor());
        painter.setPen(Qt::white);
        painter.drawText(box, Qt::AlignCenter, label);
    }
}

void TimelineView::paintLagLane(QPainter &painter, const Frame &frame) const
{
    const int top = frame.area.top() + m_axisHeight + m_loopHeight;
    const int left = frame.timeLeft();
    const int width = frame.coords.width();
    const int laneHeight = m_lagHeight - 2;
    const qint64 visibleStart = frame.coords.startNs();
    const qint64 visibleEnd = frame.coords.endNs();
    if (m_loop.lags.isEmpty())
        return;

    // A sample covers the time the timer waited past its due time: [ns - lag, ns]. Samples
    // sharing a pixel column show the worst of them.
    m_lagColumns.fill(0, width);
    auto it = std::partition_point(m_loop.lags.cbegin(), m_loop.lags.cend(),
                                   [&](const LagSample &s) { return s.ns < visibleStart; });
    for (; it != m_loop.lags.cend() && it->ns - m_loop.maxLagNs <= visibleEnd; ++it) {
        if (it->lagNs <= 0 || it->ns - it->lagNs > visibleEnd)
            continue;
        // Lags under half a pixel of lane are the timer's ordinary jitter: not drawn.
        const double scaled = double(std::min(it->lagNs, LagFullScaleNs)) / LagFullScaleNs;
        const int height = int(std::lround(scaled * laneHeight));
        if (height == 0)
            continue;
        const int l
            = std::clamp(int(std::floor(frame.coords.xForNs(it->ns - it->lagNs))), 0, width - 1);
        const int r = std::clamp(int(std::ceil(frame.coords.xForNs(it->ns))), l + 1, width);
        for (int x = l; x < r; ++x)
            m_lagColumns[x] = quint8(std::max<int>(m_lagColumns[x], height));
    }
    QList<QRect> &rects = m_fills[FillLag];
    const int bottom = top + m_lagHeight - 1;
    for (int x = 0; x < width;) {
        const int height = m_lagColumns[x];
        int end = x + 1;
        while (end < width && m_lagColumns[end] == height)
            ++end;
        if (height > 0)
            rects.append(QRect(left + x, bottom - height, end - x, height));
        x = end;
    }
    flushFills(painter);
}

void TimelineView::paintAxis(QPainter &painter, const Frame &frame) const
{
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const QRect axis(frame.area.left(), frame.area.top(), frame.area.width(), m_axisHeight);
    painter.fillRect(axis, mix(base, text, 0.035));
    const int left = frame.timeLeft();
    const int right = left + frame.coords.width();
    const QFontMetrics fm = fontMetrics();
    const QList<TimelineCoordinates::Tick> ticks
        = frame.coords.ticks(fm.horizontalAdvance(u"00000 ms"_s) + 24);
    // Minor ticks at a fifth of the labelled step give the scale without clutter.
    if (ticks.size() >= 2) {
        const double minorStep = (ticks.at(1).x - ticks.at(0).x) / 5;
        painter.setPen(mix(base, text, 0.35));
        for (double x = ticks.first().x - 5 * minorStep; x <= frame.coords.width();
             x += minorStep) {
            if (x >= 0)
                painter.drawLine(left + int(x), axis.bottom() - 3, left + int(x), axis.bottom());
        }
    }
    painter.setPen(text);
    for (const auto &tick : ticks) {
        const int x = left + int(std::floor(tick.x));
        painter.drawLine(x, axis.bottom() - 7, x, axis.bottom());
        const QRect label(x + 4, axis.top(), right - x - 4, axis.height() - 4);
        painter.drawText(label, Qt::AlignLeft | Qt::AlignVCenter, tick.label);
    }
}

void TimelineView::paintLabels(QPainter &painter, const Frame &frame, int firstRow,
                               int lastRow) const
{
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    const QColor dim = mix(base, text, 0.55);
    const int left = frame.area.left();
    const int width = frame.labelWidth - 1;

    // Header cells (the axis header cell repainted: tick labels may have run under it).
    const QRect corner(left, frame.area.top(), width, m_axisHeight);
    painter.fillRect(corner, mix(base, text, 0.035));
    painter.setPen(dim);
    painter.drawText(corner.adjusted(8, 0, -6, -2), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Tasks: %1").arg(taskCount()));

    const QRect loopCell(left, frame.area.top() + m_axisHeight, width, m_loopHeight);
    const QRect lagCell(left, loopCell.bottom() + 1, width, m_lagHeight);
    painter.fillRect(loopCell.united(lagCell), mix(base, text, 0.05));
    QFont bold = font();
    bold.setBold(true);
    painter.setFont(bold);
    painter.setPen(text);
    painter.drawText(loopCell.adjusted(8, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter, tr("loop"));
    painter.setFont(font());
    if (m_trace) {
        const qint64 now = frame.nowNs;
        const qint64 busy = m_trace->segments().loopBusyBeforeNs(now, now);
        if (now > 0) {
            painter.setPen(dim);
            painter.drawText(loopCell.adjusted(8, 0, -8, 0), Qt::AlignRight | Qt::AlignVCenter,
                             tr("%1% busy").arg(std::lround(100.0 * double(busy) / double(now))));
        }
    }
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.8);
    painter.setFont(small);
    painter.setPen(dim);
    painter.drawText(lagCell.adjusted(8, 0, -6, 0), Qt::AlignLeft | Qt::AlignVCenter, tr("lag"));
    painter.setFont(font());
    if (!m_trace || firstRow > lastRow)
        return;

    const Trace &trace = m_trace->trace();
    const int rowsTop = frame.area.top() + tasksTop();
    const QColor highlight = palette().color(QPalette::Highlight);
    const int badgeSize = std::min(8, m_rowHeight - 8);
    painter.save();
    painter.setClipRect(QRect(left, rowsTop, width, frame.area.bottom() + 1 - rowsTop));
    for (int row = firstRow; row <= lastRow; ++row) {
        const int y = rowsTop + row * m_rowHeight - frame.scrollY;
        const TaskInfo &info = trace.tasks.at(row);
        // The outcome again where the eye scans first: a badge, hollow while unfinished.
        const QRect badge(left + 6, y + (m_rowHeight - badgeSize) / 2, badgeSize, badgeSize);
        if (info.result == TaskResult::Unfinished) {
            painter.setPen(dim);
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(badge.adjusted(0, 0, -1, -1));
        } else {
            painter.fillRect(badge, resultColor(info.result));
        }
        const bool selected = row == m_selected;
        if (selected)
            painter.fillRect(QRect(left, y, 3, m_rowHeight), highlight);
        const QRect id(badge.right() + 6, y, m_idWidth, m_rowHeight);
        painter.setPen(text);
        painter.drawText(id, Qt::AlignRight | Qt::AlignVCenter, u'#' + QString::number(row));
        painter.setPen(selected ? text : dim);
        QRect rest(id.right() + 8, y, width - (id.right() + 8 - left) - 6, m_rowHeight);
        QString url = urlLabel(row);
        if (info.worker >= 0) {
            // Threads strategy: which worker ran it matters more than the (shared) path.
            const QString worker = workerLabel(info.worker);
            painter.drawText(rest, Qt::AlignRight | Qt::AlignVCenter, worker);
            rest.setRight(rest.right() - fontMetrics().horizontalAdvance(worker) - 6);
            url = fontMetrics().elidedText(url, Qt::ElideRight, rest.width());
            if (url.size() < 5) // "/d…" tells nothing
                url.clear();
        }
        painter.drawText(rest, Qt::AlignLeft | Qt::AlignVCenter, url);
    }
    painter.restore();
}

// --- export ----------------------------------------------------------------------------------

QImage TimelineView::renderImage(const QSize &size) const
{
    Frame frame = currentFrame();
    const int width = std::max(size.width(), viewport()->width());
    const int height = size.height() > 0
        ? size.height()
        : std::min(MaxImageHeight, tasksTop() + taskCount() * m_rowHeight);
    frame.area = QRect(0, 0, width, height);
    frame.coords.setWidth(width - m_labelWidth);
    frame.scrollY = 0;
    QImage image(frame.area.size(), QImage::Format_ARGB32_Premultiplied);
    QPainter painter(&image);
    paintFrame(painter, frame);
    return image;
}

bool TimelineView::exportSvg(const QString &path, QString *error) const
{
    Frame frame = currentFrame();
    const int width = viewport()->width();
    const int height = std::min(MaxImageHeight, tasksTop() + taskCount() * m_rowHeight);
    frame.area = QRect(0, 0, width, height);
    frame.coords.setWidth(width - m_labelWidth);
    frame.scrollY = 0;

    // Written aside and renamed into place: a failed export keeps the previous file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(frame.area.size());
    svg.setViewBox(frame.area);
    svg.setTitle(tr("Coroscope timeline"));
    if (m_trace)
        svg.setDescription(tr("Tasks: %1, strategy: %2")
                               .arg(QString::number(taskCount()), m_trace->trace().strategy));
    {
        QPainter painter(&svg);
        paintFrame(painter, frame);
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace Coroscope
