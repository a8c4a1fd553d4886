#pragma once

#include "trace/summary.h"
#include "trace/trace.h"

#include <QList>
#include <QWidget>

class QBarSeries;
class QChart;
class QChartView;
class QTableWidget;

namespace Coroscope {

class CompareBands;

// The same workload under several strategies, side by side: their timelines as small multiples
// on one shared time axis, bar charts of wall time and speed-up, and a table of the figures.
// Everything is derived from the traces, the single source of truth.
class CompareWidget : public QWidget
{
    Q_OBJECT
public:
    explicit CompareWidget(QWidget *parent = nullptr);
    ~CompareWidget() override;

    void setResults(const QList<Trace> &traces);
    // Appends one more strategy's trace (e.g. as a comparison progresses).
    void addResult(const Trace &trace);
    void clear();

    QList<Trace> results() const { return m_traces; }
    QList<RunSummary> summaries() const { return m_summaries; }

    // Writes the table as CSV (compareCsv); a failed write keeps any old file.
    bool exportCsv(const QString &path, QString *error) const;

    // The small multiples alone, e.g. for an image export; `size` defaults to the widget's.
    QImage renderBands(const QSize &size = {}) const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void rebuild();
    void rebuildCharts();
    void rebuildTable();
    void retranslate();

    QList<Trace> m_traces;
    QList<RunSummary> m_summaries;
    CompareBands *m_bands = nullptr;
    QChartView *m_wallView = nullptr;
    QChartView *m_speedupView = nullptr;
    QTableWidget *m_table = nullptr;
};

} // namespace Coroscope
