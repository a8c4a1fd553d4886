#pragma once

#include "run/sweep.h"

#include <QList>
#include <QWidget>

class QAbstractAxis;
class QChart;
class QChartView;
class QLabel;
class QProgressBar;
class QPushButton;
class QStandardItemModel;
class QTableView;

namespace Coroscope {

// The Sweep page: four charts against the swept knob (wall time, speed-up, loop lag p99,
// failures and timeouts), one series per strategy through the medians of the repeats, with
// their spread (min to max) as a band, and a table of every point. Fed as the points land;
// clicking a chart's point or a table row asks for that run (pointActivated).
class SweepWidget : public QWidget
{
    Q_OBJECT
public:
    explicit SweepWidget(QWidget *parent = nullptr);

    // What the sweep is (the knob, its values, the strategies): clears the points.
    void setSpec(const SweepSpec &spec);
    // Every point so far, in run order; charts and table follow.
    void setPoints(const QList<SweepPoint> &points);
    // The progress line: `done` of `total` runs, about `remainingMs` left (running), or how it
    // ended. `running` shows the Stop button.
    void setProgress(int done, int total, double remainingMs, bool running, bool stopped = false);
    void clear();

    const SweepSpec &spec() const { return m_spec; }
    QTableView *table() const { return m_table; }
    QChartView *chartView(int which) const { return m_views.value(which); }
    QChart *chart(int which) const;
    int chartCount() const { return int(m_views.size()); }
    // The x axis of every chart is logarithmic (the values span two decades or more).
    bool logAxis() const { return m_log; }
    // The point (in run order) of strategy `strategy` nearest to the median at `value`.
    int pointNear(Strategy strategy, double value) const;

Q_SIGNALS:
    void pointActivated(int index);
    void stopRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuildCharts();
    void rebuildTable();
    void retranslate();

    SweepSpec m_spec;
    QList<SweepPoint> m_points;
    bool m_log = false;
    QList<QChartView *> m_views;
    QTableView *m_table = nullptr;
    QStandardItemModel *m_model = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_legend = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_stop = nullptr;
};

} // namespace Coroscope
