#pragma once

#include "throttle.h"

#include "comparesession.h"
#include "conceptspanel.h"
#include "io/runfile.h"
#include "run/launchoptions.h"
#include "run/runspec.h"
#include "runfiledocument.h"
#include "trace/summary.h"

#include <QHash>
#include <QMainWindow>
#include <QTimer>

#include <memory>

class QActionGroup;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QShortcut;
class QTableView;

namespace Coroscope {

namespace Ui {
class MainWindow;
}

class CompareWidget;
class Comparison;
class DiagnosticsPanel;
class LoopStatePanel;
class LiveTrace;
class TimelineState;
class OutputPanel;
class RecordSession;
struct RecordCommand;
class Run;
class RunCharts;
class RunPanel;
class SelectionDetails;
class SourcePanel;
class SummaryStrip;
class Sweep;
struct SweepResult;
struct SweepSpec;
class SweepWidget;
class TaskFilterModel;
class TaskTableModel;
class TestServer;
class TimelineFindBar;
class TimelineOverview;
class TimelineView;
class TraceRecorder;

// The window: run panel on the left, timeline and its table/charts/comparison in the middle,
// diagnostics and concepts docked on the right. It owns one Run (or one Comparison, which runs
// one strategy after another) at a time; the workload itself runs on a scheduler thread, never on
// this one, and the window only repaints from LiveTrace snapshots (60 Hz while a run is live).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `server` (not owned) is the embedded test server; it must outlive the window.
    explicit MainWindow(TestServer *server, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Uses the command line's run options, when given, instead of the persisted ones.
    void applyOptions(const LaunchOptions &options);
    // Off for screenshots and tests that must not overwrite the user's settings on close.
    void setPersistSettings(bool persist) { m_persistSettings = persist; }

    // Installs Qt's and Coroscope's translators for `code` ("" = the system locale, "en", "zh_CN",
    // ...), replacing any installed before; open windows retranslate on the LanguageChange.
    // Returns false when no Coroscope translation matched (English is then shown).
    static bool applyLanguage(const QString &code);
    // The View > Language choice persisted in QSettings ("" = System).
    static QString savedLanguage();
    // Non-empty when the interface's language needs a script no installed font has (a Chinese
    // interface on a system without a CJK font shows boxes): what to install, in English, since
    // the language itself cannot be shown.
    static QString missingFontNote();

    RunPanel *runPanel() const;
    TimelineView *timeline() const;
    SummaryStrip *summaryStrip() const;
    RunCharts *charts() const;
    QTableView *taskTable() const;
    CompareWidget *compareWidget() const;
    DiagnosticsPanel *diagnosticsPanel() const;
    // Raises the Loop state dock with its playhead at `ns` (replay, screenshots).
    void showLoopStateAt(qint64 ns);
    LoopStatePanel *loopStatePanel() const { return m_loopStatePanel; }
    ConceptsPanel *conceptsPanel() const;
    TimelineOverview *overview() const { return m_overview; }
    TimelineFindBar *findBar() const { return m_findBar; }
    SelectionDetails *selectionDetails() const { return m_details; }
    QDockWidget *detailsDock() const { return m_detailsDock; }
    // For screenshots: the timeline's row height, selection and search (LaunchOptions).
    void applyViewOptions(const LaunchOptions &options);
    Comparison *comparison() const { return m_compare.comparison(); }
    TaskTableModel *taskModel() const { return m_model; }
    TaskFilterModel *filterModel() const { return m_filter; }
    LiveTrace *liveTrace() const { return m_liveTrace; }
    TimelineState *timelineState() const { return m_timelineState; }
    Run *currentRun() const { return m_run.get(); }
    // A single run, a comparison or a sweep is in progress (Run and Compare are off meanwhile).
    bool isRunning() const;
    bool isComparing() const;
    // Sweeps (mainwindowsweep.cpp): the Sweep page and the sweep in progress or last run.
    bool isSweeping() const;
    SweepWidget *sweepWidget() const { return m_sweepWidget; }
    Sweep *sweep() const { return m_sweep.get(); }

    // The strategies Compare… offers checked: the last choice, persisted (all five at first).
    static QList<Strategy> savedCompareStrategies();

    // Exports of the trace on screen (also a run stopped half-way) in the headless formats.
    // On failure a message box names the path and the reason, and `error` receives it.
    bool exportTasksCsv(const QString &path, QString *error = nullptr);
    bool exportSegmentsCsv(const QString &path, QString *error = nullptr);
    bool exportChromeTrace(const QString &path, QString *error = nullptr);
    bool exportHar(const QString &path, QString *error = nullptr);
    // `wholeRun`: every task over the whole run, at most TimelineView::MaxScaledHeight px high
    // (rows compressed into density when they do not fit); else what the timeline shows.
    bool exportTimelinePng(const QString &path, QString *error = nullptr, bool wholeRun = true);
    // `wholeRun` as for the PNG: the SVG shows the same picture.
    bool exportTimelineSvg(const QString &path, QString *error = nullptr, bool wholeRun = true);
    // The comparison table, in the format of coroscope --compare-csv.
    bool exportComparisonCsv(const QString &path, QString *error = nullptr);
    // The run on screen as coroscope --report writes it (mainwindowreport.cpp).
    bool exportReport(const QString &path, QString *error = nullptr);

    // Run files (.coroscope). The run on screen as a file holds it: the last run or comparison
    // that ended here, or the file opened; empty before any.
    const RunRecord &runRecord() const { return m_runFile.record(); }
    // The file the run on screen was opened from or saved to, empty when it has none.
    QString runFilePath() const { return m_runFile.path(); }
    // Shows the run saved in `path` exactly as it was shown live (timeline, table, charts,
    // summary, diagnostics, comparison) and puts its spec in the run panel. Refused while a run
    // is in progress. On failure a message box says why, and `error` receives it.
    bool openRunFile(const QString &path, QString *error = nullptr);
    // Saves the run on screen (every strategy of a comparison) to `path`, atomically.
    bool saveRunFile(const QString &path, QString *error = nullptr);
    // The run files opened or saved lately, most recent first (persisted).
    static QStringList recentRunFiles();
    // Adds every run of each file to the comparison (each band labelled with its file and date,
    // on the same time axis), kept until removed or another file is opened, and saved with the
    // run (format 1.1). Files that cannot be added (unreadable, already there, the run on screen)
    // are named in one message box and in `error`; the others are added. Refused while running.
    bool compareWithFiles(const QStringList &paths, QString *error = nullptr);
    // Takes the runs of one added file (by its label in the comparison) away again.
    void removeComparedSource(const QString &source);

    // Recording a program (mainwindowrecord.cpp): starts `command` with the recorder and shows
    // its tasks live like a run's, its output in the Output dock. False (and `error`) when it
    // cannot start at all (a run in progress, no socket); a program that cannot start ends as
    // a recording that says so.
    bool startRecording(const RecordCommand &command, QString *error = nullptr);
    // The session of the last recording (running or ended), null before any.
    RecordSession *recordSession() const { return m_session.get(); }
    bool isRecording() const;
    OutputPanel *outputPanel() const { return m_outputPanel; }
    QDockWidget *outputDock() const { return m_outputDock; }
    SourcePanel *sourcePanel() const { return m_sourcePanel; }
    QDockWidget *sourceDock() const { return m_sourceDock; }
    // File > Record Program…
    void openRecordDialog();
    // Help > Python Tutorial Examples: each example of the examples folder's index, recorded
    // against the embedded server with one click.
    struct PythonExample
    {
        QString title;
        QString file; // absolute path of the .py
        QString description;
    };
    static QList<PythonExample> pythonExamples();
    bool recordExample(const PythonExample &example, QString *error = nullptr);
    // Puts the recording before the one on screen beside it in the comparison, on one time
    // axis, the way a saved run is added (Compare with Saved Run).
    bool compareWithPreviousRecording(QString *error = nullptr);

public Q_SLOTS:
    void startRun();
    // Stops the run or the comparison in progress.
    void stopRun();
    // Opens the dialog choosing the strategies to compare; accepting it starts the comparison.
    void openCompareDialog();
    // Runs the run panel's workload under each of `strategies` in turn (its strategy ignored).
    void startComparison(const QList<Coroscope::Strategy> &strategies);
    // Run > Sweep…: the dialog; accepting it starts the sweep (the run panel's workload).
    void openSweepDialog();
    void startSweep(const Coroscope::SweepSpec &spec);
    // Shows the run of point `index` (run order) of the sweep on screen in the main view.
    void showSweepPoint(int index);
    // Points the timeline at what a concept looks like in the run on screen (Concepts' Show me).
    void showConcept(Coroscope::ConceptsPanel::Concept which);
    // Highlights `tasks` and the span [startNs, endNs] (-1: none) on the timeline and selects the
    // first task in the table (a diagnostic's or a concept's target); `explanation` is drawn
    // beside it (TimelineView::setCallout) and shown in the status bar.
    void pointAt(const QList<int> &tasks, qint64 startNs, qint64 endNs,
                 const QString &explanation = QString());

Q_SIGNALS:
    void runStarted();
    void runFinished();
    void comparisonStarted();
    void comparisonFinished();
    void sweepStarted();
    void sweepFinished();

private Q_SLOTS:
    // Connected by name in setupUi(); its enabled state follows the Chrome trace export's
    // (a connection in the form): both need a trace on screen.
    void on_actionExportHar_triggered();

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    // Esc that no widget took (the Concepts or Diagnostics panel has focus): clears what they
    // pointed at on the timeline.
    void keyPressEvent(QKeyEvent *event) override;

private:
    void setupActions();
    void setupTable();
    void sizeColumns();
    void setupLanguageMenu();
    // View > Theme and Help > Keyboard Shortcuts (mainwindowtheme.cpp).
    void setupThemeMenu();
    void showShortcuts();
    void setupDocks();
    // Overview strip, go to / find bar, Details dock and their actions (mainwindownavigation.cpp).
    void setupNavigation();
    // First start: the run panel's tasks fit the timeline's height (mainwindownavigation.cpp).
    void fitDefaultRunInView();
    void setupComparison();
    // The run panel's spec when it can run, else the reason is shown in the status bar.
    bool runnableSpec(RunSpec *spec);
    void followRecorder(std::shared_ptr<TraceRecorder> recorder, int tasks);
    void onComparisonRunStarted(int index, Run *run);
    void onComparisonRunFinished(int index);
    void onComparisonFinished();
    // "Timeline: async": the strategy of the run on screen, and of a comparison which one.
    void updateTimelineTitle();
    void scheduleDiagnostics();
    void updateDiagnostics();
    void diagnoseNow();
    void showStatusHint(const QString &text);
    void rebuildLegend();
    void refreshLive();
    void onRunFinished();
    void fitRunPanel();
    void showColumnMenu(const QPoint &pos);
    void setupLoopStateDock();
    void showIdleStatus();
    void updateActions();
    void updateRowCount();
    // The Tasks filter beside the tabs: as wide as the tabs leave room for (mainwindowtable.cpp).
    void fitFilterBar();
    void tableSelectionChanged();
    void selectTaskInTable(int task);
    void setLanguage(const QString &code);
    bool reportExport(bool ok, const QString &error, QString *errorOut);
    enum class ExportKind {
        TasksCsv,
        SegmentsCsv,
        ChromeTrace,
        Har,
        TimelinePng,
        TimelineSvg,
        ComparisonCsv
    };
    void exportWithDialog(ExportKind kind);
    void restoreSettings();
    void saveSettings() const;
    // mainwindowrunfile.cpp
    void setupRunFileActions();
    void showRecord(const RunRecord &record);
    // A run or comparison just ended here: it is on screen and not saved yet.
    void setUnsavedRecord(RunRecord record);
    // The embedded server's addresses now (RunRecord::embeddedServer); empty without one.
    QStringList embeddedServerAddresses() const;
    void openWithDialog();
    bool saveWithDialog();
    void save();
    void rememberRecent(const QString &path);
    void rebuildRecentMenu();
    void updateTitle();
    // mainwindowreport.cpp
    void setupReportAction();
    void updateReportAction();
    void exportReportWithDialog();
    // mainwindowcomparefile.cpp
    void setupCompareFileActions();
    void updateCompareFileActions();
    void compareWithDialog();
    void showComparedRuns();
    // mainwindowsweep.cpp
    void setupSweep();
    void retranslateSweep();
    void onSweepPointStarted(int index, Run *run);
    void onSweepPointFinished(int index);
    void onSweepFinished();
    void showSweepRecord(const RunRecord &record);
    const SweepResult *shownSweep() const;
    // "Timeline: Async, Tasks = 100 (repeat 2), …" when a sweep's point is on screen, else empty.
    QString sweepPointTitle() const;
    // Adds the runs of `file` (a saved run, or a recording) as compared runs named after `name`;
    // a problem is appended to `problems`, the source's name to `added`.
    void addComparedRecord(const RunRecord &file, const QString &name, const QString &identity,
                           QStringList *problems, QStringList *added);
    // Shows what was added to the comparison and says what could not be; false on problems.
    bool showComparedAdds(const QStringList &added, const QStringList &problems, QString *error);
    // mainwindowrecord.cpp
    void setupRecording();
    void retranslateRecording();
    void rebuildExamplesMenu();
    void onRecordingFinished();

    std::unique_ptr<Ui::MainWindow> ui;
    TestServer *m_server = nullptr;
    std::unique_ptr<Run> m_run;
    // The compare part: the comparison, its course and the files added to it.
    CompareSession m_compare;
    // The recorder the window follows (the run's, or the comparison's current run's): Runs of a
    // comparison are deleted after they end, their recorder is shared.
    std::shared_ptr<TraceRecorder> m_recorder;
    LiveTrace *m_liveTrace = nullptr;
    // Range, follow, selection and playhead: shared by the timeline, overview, details, Loop
    // state and LiveTrace (created after the form so that it outlives the views in it).
    TimelineState *m_timelineState = nullptr;
    TaskTableModel *m_model = nullptr;
    TaskFilterModel *m_filter = nullptr;
    QTimer m_refreshTimer;
    // A repaint per frame (16 ms) while live when the window can afford it, down to 10 a
    // second, so that following a run takes at most a fifth of the GUI thread (RefreshPacer).
    RefreshPacer m_refreshPacer{16, 100, 0.2};
    Throttle *m_diagnosticsThrottle = nullptr;
    bool m_diagnosticsStale = true;
    QDockWidget *m_loopStateDock = nullptr;
    LoopStatePanel *m_loopStatePanel = nullptr;
    // The status bar says "Measuring each URL alone…" while the run measures them (before its
    // workload starts); what it said before comes back after.
    bool m_measuringShown = false;
    QString m_messageBeforeMeasuring;
    QProgressBar *m_progress = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    TimelineOverview *m_overview = nullptr;
    TimelineFindBar *m_findBar = nullptr;
    SelectionDetails *m_details = nullptr;
    QDockWidget *m_detailsDock = nullptr;
    bool m_persistSettings = true;
    bool m_syncingSelection = false;
    bool m_columnsSized = false;
    bool m_defaultLayoutPending = false;
    // The run-file part: the run on screen as saved or to be saved, its file, unsaved or not.
    RunFileDocument m_runFile;
    int m_runServerCapacity = 0; // the embedded server's capacity when the run started
    QAction *m_actionCompareWith = nullptr; // File > Compare with Saved Run
    QAction *m_actionExportReport = nullptr; // File > Export Report
    // Run's keys while Run is disabled: they say why in the status bar (setupActions()).
    QList<QShortcut *> m_runBlockedShortcuts;
    std::unique_ptr<Sweep> m_sweep;
    SweepWidget *m_sweepWidget = nullptr;
    QAction *m_actionSweep = nullptr; // Run > Sweep…
    bool m_sweepStopping = false;
    int m_shownSweepPoint = -1; // the sweep's point on the timeline, -1 = none
    // Recording a program (mainwindowrecord.cpp).
    std::unique_ptr<RecordSession> m_session;
    RunRecord m_previousRecording; // the recording before the one on screen, for Compare
    QString m_previousRecordingName;
    OutputPanel *m_outputPanel = nullptr;
    QDockWidget *m_outputDock = nullptr;
    SourcePanel *m_sourcePanel = nullptr;
    QDockWidget *m_sourceDock = nullptr;
    QAction *m_actionRecord = nullptr;
    QAction *m_actionComparePrevious = nullptr;
    QMenu *m_examplesMenu = nullptr;
};

} // namespace Coroscope
