#pragma once

#include "timelinedensity.h"

#include <QElapsedTimer>
#include <QImage>
#include <QPointer>
#include <QTimer>
#include <QWidget>

namespace Coroscope {

class TimelineState;
class TimelineView;

// A minimap of the whole run above the timeline: every task (rows compressed into pixel rows)
// over all of its time, density-coloured by state, with the timeline's visible window drawn on
// it. Dragging the window scrolls the timeline (time and rows at once); a click elsewhere
// centres the window there. The image is cached and rebuilt at most RebuildIntervalMs apart
// (longer when a rebuild costs more than a fifth of that)
// while a run is live, so that 100,000 tasks cost a few milliseconds a few times a second.
class TimelineOverview : public QWidget
{
    Q_OBJECT
public:
    static constexpr int RebuildIntervalMs = 250;

    explicit TimelineOverview(QWidget *parent = nullptr);

    void setTimeline(TimelineView *view);
    // The visible window in widget coordinates (empty without a trace).
    QRect windowRect() const;
    // How many times the image was rebuilt (tests check that it is cached).
    int rebuildCount() const { return m_rebuilds; }
    // Rebuilds the image now, whenever the last rebuild was (the paint benchmark times it).
    void rebuild();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void onTraceChanged();
    void onTraceReset();
    // The area the run is drawn into: lined up with the timeline's time area.
    QRect mapRect() const;
    qint64 spanNs() const; // the time the map shows, from 0
    qint64 nsAtX(double x) const;
    double rowAtY(double y) const;
    // Moves the timeline's window so that its top-left corner is at the map position.
    void moveWindowTo(double x, double y);

    QPointer<TimelineView> m_view;
    QPointer<TimelineState> m_state; // the timeline's: its range and selection
    TimelineDensity m_density;
    QImage m_image; // the map, mapRect().size()
    qint64 m_imageSpanNs = 1;
    int m_imageTasks = 0;
    bool m_stale = true;
    int m_rebuilds = 0;
    QTimer m_rebuildTimer;
    QElapsedTimer m_sinceRebuild;
    qint64 m_intervalMs = RebuildIntervalMs; // grows with the rebuild's measured cost
    qint64 intervalMs() const { return m_intervalMs; }
    bool m_dragging = false;
    QPointF m_grab; // where in the window the drag holds it (map pixels from its corner)
};

} // namespace Coroscope
