#pragma once

#include "throttle.h"

#include <QList>
#include <QPointer>
#include <QPointF>
#include <QWidget>

class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace Coroscope {

class LiveTrace;
struct TaskTimes;
struct Trace;

// The run's two charts, both derived from the LiveTrace: tasks in flight over time (a step
// plot) and the latency histogram of finished tasks. Redrawn at most a few times a second.
class RunCharts : public QWidget
{
    Q_OBJECT
public:
    explicit RunCharts(QWidget *parent = nullptr);
    ~RunCharts() override;

    void setLiveTrace(LiveTrace *trace);

    // Step plot of admitted-but-unfinished tasks, in (ms, count) points; at most ~2 * maxBuckets
    // points: above that each bucket keeps its peak, so bursts are never averaged away. With
    // `stopNs` (a stopped run) the plot ends there: tasks still in flight then were cut short,
    // and cancelling them afterwards is not part of the run (summary.h, runEndNs()).
    static QList<QPointF> inFlightSteps(const QList<TaskTimes> &times, qint64 nowNs,
                                        int maxBuckets = 1000, qint64 stopNs = -1);
    // The latencies (created -> finished, ms) the histogram counts: tasks that finished ok,
    // with an error or a timeout; not the cancelled ones, whose end is where Stop cut them.
    static QList<double> finishedLatencies(const Trace &trace, const QList<TaskTimes> &times);
    // The in-flight chart's time axis, in seconds, for tests.
    double inFlightAxisEndSeconds() const;
    struct Histogram
    {
        double firstEdgeMs = 0;
        double binWidthMs = 0;
        QList<int> counts;
    };
    // About `targetBins` bins of 1, 2 or 5 x 10^k ms covering every value.
    static Histogram histogram(const QList<double> &valuesMs, int targetBins = 20);

    // Points of the last update, for tests.
    int inFlightPointCount() const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void scheduleUpdate();
    void updateCharts();
    void recompute();
    void updateTitles();

    QPointer<LiveTrace> m_trace;
    Throttle *m_throttle = nullptr;
    QChartView *m_inFlightView = nullptr;
    QChart *m_inFlightChart = nullptr;
    QLineSeries *m_inFlight = nullptr;
    QValueAxis *m_inFlightX = nullptr;
    QValueAxis *m_inFlightY = nullptr;
    QChartView *m_latencyView = nullptr;
    QChart *m_latencyChart = nullptr;
    QBarSeries *m_latency = nullptr;
    QBarSet *m_latencySet = nullptr;
    QBarCategoryAxis *m_latencyX = nullptr;
    QValueAxis *m_latencyEdges = nullptr;
    QValueAxis *m_latencyY = nullptr;
    Histogram m_lastHistogram;
    bool m_stale = true;
};

} // namespace Coroscope
