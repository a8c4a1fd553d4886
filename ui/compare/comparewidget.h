#pragma once

#include "io/runfile.h"
#include "trace/summary.h"
#include "trace/trace.h"

#include <QList>
#include <QWidget>

class QBarSeries;
class QChart;
class QChartView;
class QLabel;
class QPushButton;
class QSplitter;
class QTableWidget;

namespace Coroscope {

class CompareBands;
class FlowLayout;

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
    // Clears this session's traces; runs compared from files stay until replaced or removed.
    void clear();

    // Runs from saved files, shown after the traces above (tinted, labelled with their file and
    // date), and the warnings that say how they are not comparable (a visible note, not a block).
    void setComparedRuns(const QList<ComparedRun> &runs, const QStringList &warnings = {});
    QList<ComparedRun> comparedRuns() const { return m_compared; }
    QStringList warnings() const { return m_warnings; }
    // The "Add Saved Run…" button follows File > Compare with Saved Run (`reason`: why not).
    void setAddEnabled(bool enabled, const QString &reason = {});

    QList<Trace> results() const { return m_traces; }
    // Every band's, in band order: the traces', then the compared runs' (`source` set).
    QList<RunSummary> summaries() const { return m_summaries; }

    // Writes the table as CSV (compareCsv); a failed write keeps any old file.
    bool exportCsv(const QString &path, QString *error) const;

    // The small multiples alone, e.g. for an image export; `size` defaults to the widget's.
    QImage renderBands(const QSize &size = {}) const;
    // How far down this widget every band shows at its smallest (the charts and the table
    // below them may scroll): what the window's layout gives the tab when it can.
    int heightForBands() const;

Q_SIGNALS:
    void addRunsRequested();
    void removeSourceRequested(const QString &source);
    // Local files dropped on the comparison: to be added as compared runs.
    void filesDropped(const QStringList &paths);

protected:
    void changeEvent(QEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void rebuild();
    void rebuildFileBar();
    void rebuildCharts();
    void rebuildTable();
    void retranslate();

    QList<Trace> m_traces;
    QList<ComparedRun> m_compared;
    QStringList m_warnings;
    QList<RunSummary> m_summaries;
    CompareBands *m_bands = nullptr;
    QWidget *m_charts = nullptr; // the two bar charts
    QSplitter *m_splitter = nullptr; // bands, charts, table
    int m_shownBands = -1; // the bands the splitter's sizes were set for
    QChartView *m_wallView = nullptr;
    QChartView *m_speedupView = nullptr;
    QTableWidget *m_table = nullptr;
    QPushButton *m_addButton = nullptr;
    QLabel *m_filesLabel = nullptr;
    FlowLayout *m_fileChips = nullptr;
    QLabel *m_notes = nullptr;
};

} // namespace Coroscope
