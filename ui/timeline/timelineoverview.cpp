#include "timelineoverview.h"

#include "livetrace.h"
#include "statestyle.h"
#include "timelinerenderer.h"
#include "timelinestate.h"
#include "timelineview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>

#include <algorithm>
#include <cmath>

namespace Coroscope {

using TimelineRendering::mix;

TimelineOverview::TimelineOverview(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setCursor(Qt::PointingHandCursor);
    setToolTip(tr("Overview of the whole run: drag the window to scroll the timeline, click to "
                  "centre it there"));
    m_density.setColors(StateStyle::stateColor(SegmentState::Pending).rgb(),
                        StateStyle::stateColor(SegmentState::Running).rgb(),
                        StateStyle::stateColor(SegmentState::Suspended).rgb());
    m_rebuildTimer.setSingleShot(true);
    connect(&m_rebuildTimer, &QTimer::timeout, this, qOverload<>(&QWidget::update));
}

QSize TimelineOverview::sizeHint() const
{
    return {400, fontMetrics().height() * 3 + 8};
}

QSize TimelineOverview::minimumSizeHint() const
{
    return {100, sizeHint().height()};
}

void TimelineOverview::setTimeline(TimelineView *view)
{
    if (m_view)
        disconnect(m_view, nullptr, this, nullptr);
    if (m_state)
        disconnect(m_state, nullptr, this, nullptr);
    m_view = view;
    if (!m_view)
        return;
    auto repaint = [this]() { update(); };
    // The range and the selection are the shared state's; the rows in view the timeline's.
    m_state = m_view->timelineState();
    connect(m_state, &TimelineState::visibleRangeChanged, this, repaint);
    connect(m_state, &TimelineState::selectedTaskChanged, this, repaint);
    connect(m_view, &TimelineView::visibleRowsChanged, this, repaint);
    if (LiveTrace *trace = m_view->liveTrace()) {
        connect(trace, &LiveTrace::changed, this, &TimelineOverview::onTraceChanged);
        connect(trace, &LiveTrace::reset, this, &TimelineOverview::onTraceReset);
    }
    onTraceReset();
}

void TimelineOverview::onTraceReset()
{
    // A different run is drawn at once, whenever the last one was.
    m_stale = true;
    m_sinceRebuild.invalidate();
    m_image = QImage();
    update();
}

void TimelineOverview::onTraceChanged()
{
    m_stale = true;
    // At most one rebuild per interval: the paint the timer asks for does it.
    if (!m_rebuildTimer.isActive()) {
        const qint64 since = m_sinceRebuild.isValid() ? m_sinceRebuild.elapsed() : intervalMs();
        m_rebuildTimer.start(int(std::max<qint64>(0, intervalMs() - since)));
    }
}

QRect TimelineOverview::mapRect() const
{
    if (!m_view)
        return {};
    const int left = m_view->labelWidth();
    const int width = std::max(1, std::min(m_view->coordinates().width(), this->width() - left));
    return QRect(left, 3, width, std::max(1, height() - 6));
}

qint64 TimelineOverview::spanNs() const
{
    return m_view ? std::max<qint64>(1, m_view->coordinates().limitNs()) : 1;
}

qint64 TimelineOverview::nsAtX(double x) const
{
    return qint64(std::llround(x / mapRect().width() * double(spanNs())));
}

double TimelineOverview::rowAtY(double y) const
{
    const int tasks = m_view && m_view->liveTrace() ? m_view->liveTrace()->taskCount() : 0;
    return y / mapRect().height() * tasks;
}

void TimelineOverview::rebuild()
{
    m_stale = false;
    m_sinceRebuild.start();
    ++m_rebuilds;
    LiveTrace *trace = m_view ? m_view->liveTrace() : nullptr;
    const int tasks = trace ? trace->taskCount() : 0;
    const QRect map = mapRect();
    m_imageTasks = tasks;
    m_imageSpanNs = spanNs();
    if (tasks == 0 || map.isEmpty()) {
        m_image = QImage();
        return;
    }
    TimelineDensity::Request request;
    request.startNs = 0;
    request.nsPerPixel = double(m_imageSpanNs) / map.width();
    request.width = map.width();
    request.firstRow = 0;
    request.rowCount = tasks;
    request.rowsPerBand = (tasks + map.height() - 1) / map.height();
    request.nowNs = std::max(trace->nowNs(), trace->trace().lastNs());
    const QImage &image = m_density.render(trace->segments(), request);
    m_image = image.copy(0, 0, map.width(), TimelineDensity::bandCount(tasks, request.rowsPerBand));
    // Never more than a fifth of the GUI thread's time, whatever the run's size.
    m_intervalMs = std::max<qint64>(RebuildIntervalMs, 5 * m_sinceRebuild.elapsed());
}

QRect TimelineOverview::windowRect() const
{
    const int tasks = m_view && m_view->liveTrace() ? m_view->liveTrace()->taskCount() : 0;
    if (!m_view || tasks == 0)
        return {};
    const QRect map = mapRect();
    const TimelineCoordinates &coords = m_view->coordinates();
    const double span = double(spanNs());
    const double x0 = map.left() + double(coords.startNs()) / span * map.width();
    const double x1 = map.left() + double(coords.endNs()) / span * map.width();
    const double firstRow = double(m_view->verticalScrollBar()->value()) / m_view->rowHeight();
    const double rows = std::min(double(tasks), m_view->visibleRowCount());
    const double y0 = map.top() + firstRow / tasks * map.height();
    const double y1 = map.top() + std::min(1.0, (firstRow + rows) / tasks) * map.height();
    // Never thinner than a few pixels: a window must stay visible, and grabbable.
    QRectF window(QPointF(x0, y0), QPointF(x1, y1));
    if (window.width() < 4)
        window.adjust(-(4 - window.width()) / 2, 0, (4 - window.width()) / 2, 0);
    if (window.height() < 4)
        window.adjust(0, -(4 - window.height()) / 2, 0, (4 - window.height()) / 2);
    return window.toAlignedRect().intersected(map.adjusted(0, -2, 0, 2));
}

void TimelineOverview::paintEvent(QPaintEvent * /*event*/)
{
    if (m_stale && (!m_sinceRebuild.isValid() || m_sinceRebuild.elapsed() >= intervalMs()))
        rebuild();
    else if (m_stale && !m_rebuildTimer.isActive())
        onTraceChanged();
    QPainter painter(this);
    const QColor base = palette().color(QPalette::Base);
    const QColor text = palette().color(QPalette::Text);
    painter.fillRect(rect(), mix(base, text, 0.05));
    if (!m_view)
        return;
    const QRect map = mapRect();
    painter.fillRect(map, base);
    const int tasks = m_view->liveTrace() ? m_view->liveTrace()->taskCount() : 0;

    painter.setPen(mix(base, text, 0.55));
    painter.drawText(QRect(8, 0, map.left() - 14, height()), Qt::AlignLeft | Qt::AlignVCenter,
                     tr("Overview"));
    if (!m_image.isNull()) {
        // Between rebuilds the run grows: the old image is squeezed to the time it covers.
        const int width
            = int(std::lround(double(map.width()) * double(m_imageSpanNs) / double(spanNs())));
        painter.drawImage(QRect(map.left(), map.top(), std::min(width, map.width()), map.height()),
                          m_image);
    }

    // Search matches and the selection: ticks at the map's left edge, like a scroll bar's.
    if (tasks > 0) {
        const QList<int> &matches = m_view->searchMatches();
        const QColor highlight = palette().color(QPalette::Highlight);
        int lastY = -1;
        for (const int task : matches) {
            const int y = map.top() + int(double(task) / tasks * map.height());
            if (y == lastY)
                continue;
            lastY = y;
            painter.fillRect(QRect(map.left() - 6, y, 5, 1), highlight);
        }
        if (const int selected = m_state ? m_state->selectedTask() : -1; selected >= 0) {
            const int y = map.top() + int((selected + 0.5) / tasks * map.height());
            painter.fillRect(QRect(map.left() - 8, y - 1, 7, 3), text);
        }
    }

    const QRect window = windowRect();
    if (window.isEmpty())
        return;
    // What is outside the window is dimmed; the window keeps its colours and gets a frame.
    QColor dim = base;
    dim.setAlpha(120);
    const QRect inside = window.intersected(map);
    painter.fillRect(QRect(map.left(), map.top(), map.width(), inside.top() - map.top()), dim);
    painter.fillRect(
        QRect(map.left(), inside.bottom() + 1, map.width(), map.bottom() - inside.bottom()), dim);
    painter.fillRect(QRect(map.left(), inside.top(), inside.left() - map.left(), inside.height()),
                     dim);
    painter.fillRect(
        QRect(inside.right() + 1, inside.top(), map.right() - inside.right(), inside.height()),
        dim);
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(palette().color(QPalette::Highlight), 2));
    painter.drawRect(window.adjusted(1, 1, -1, -1));
}

void TimelineOverview::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_stale = true;
    m_sinceRebuild.invalidate();
}

void TimelineOverview::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) {
        m_stale = true;
        update();
    }
}

void TimelineOverview::moveWindowTo(double x, double y)
{
    if (!m_view)
        return;
    const QRect map = mapRect();
    const qint64 span = m_view->coordinates().spanNs();
    const qint64 start
        = std::clamp<qint64>(nsAtX(x - map.left()), 0, std::max<qint64>(0, spanNs() - span));
    if (start != m_view->coordinates().startNs() && m_state)
        m_state->setVisibleRange(start, start + span);
    m_view->scrollToRow(rowAtY(y - map.top()));
}

void TimelineOverview::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_view) {
        QWidget::mousePressEvent(event);
        return;
    }
    const QRect window = windowRect();
    if (window.isEmpty())
        return;
    const QPointF pos = event->position();
    if (window.contains(pos.toPoint())) {
        m_grab = pos - QPointF(window.topLeft());
    } else {
        // Elsewhere: the window jumps there, centred, and can be dragged on from there.
        m_grab = QPointF(window.width() / 2.0, window.height() / 2.0);
        moveWindowTo(pos.x() - m_grab.x(), pos.y() - m_grab.y());
    }
    m_dragging = true;
    setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void TimelineOverview::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging) {
        QWidget::mouseMoveEvent(event);
        return;
    }
    const QPointF pos = event->position();
    moveWindowTo(pos.x() - m_grab.x(), pos.y() - m_grab.y());
    event->accept();
}

void TimelineOverview::mouseReleaseEvent(QMouseEvent *event)
{
    if (!m_dragging) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_dragging = false;
    setCursor(Qt::PointingHandCursor);
    event->accept();
}

} // namespace Coroscope
