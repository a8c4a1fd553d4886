#pragma once

#include "cli/options.h"

#include <QMainWindow>
#include <QTimer>

#include <memory>

class QActionGroup;
class QLabel;
class QProgressBar;
class QTableView;

namespace Coroscope {

namespace Ui {
class MainWindow;
}

class LiveTrace;
class Run;
class RunCharts;
class RunPanel;
class SummaryStrip;
class TaskFilterModel;
class TaskTableModel;
class TestServer;
class TimelineView;

// The window: run panel on the left, timeline and its table/charts on the right. It owns one Run
// at a time; the workload itself runs on the Run's scheduler thread, never on this one, and the
// window only repaints from LiveTrace snapshots (60 Hz while a run is live).
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // `server` (not owned) is the embedded test server; it must outlive the window.
    explicit MainWindow(TestServer *server, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Uses the command line's run options, when given, instead of the persisted ones.
    void applyOptions(const CliOptions &options);
    // Off for screenshots and tests that must not overwrite the user's settings on close.
    void setPersistSettings(bool persist) { m_persistSettings = persist; }

    // Installs Qt's and Coroscope's translators for `code` ("" = the system locale, "en", "zh_CN",
    // ...), replacing any installed before; open windows retranslate on the LanguageChange.
    // Returns false when no Coroscope translation matched (English is then shown).
    static bool applyLanguage(const QString &code);
    // The View > Language choice persisted in QSettings ("" = System).
    static QString savedLanguage();

    RunPanel *runPanel() const;
    TimelineView *timeline() const;
    SummaryStrip *summaryStrip() const;
    RunCharts *charts() const;
    QTableView *taskTable() const;
    TaskTableModel *taskModel() const { return m_model; }
    TaskFilterModel *filterModel() const { return m_filter; }
    LiveTrace *liveTrace() const { return m_liveTrace; }
    Run *currentRun() const { return m_run.get(); }
    bool isRunning() const;

    // Exports of the trace on screen (also a run stopped half-way) in the headless formats.
    // On failure a message box names the path and the reason, and `error` receives it.
    bool exportTasksCsv(const QString &path, QString *error = nullptr);
    bool exportSegmentsCsv(const QString &path, QString *error = nullptr);
    bool exportTimelinePng(const QString &path, QString *error = nullptr);
    bool exportTimelineSvg(const QString &path, QString *error = nullptr);

public Q_SLOTS:
    void startRun();
    void stopRun();

Q_SIGNALS:
    void runStarted();
    void runFinished();

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void setupActions();
    void setupTable();
    void sizeColumns();
    void setupLanguageMenu();
    void rebuildLegend();
    void refreshLive();
    void onRunFinished();
    void updateActions();
    void updateRowCount();
    void tableSelectionChanged();
    void selectTaskInTable(int task);
    void setLanguage(const QString &code);
    bool reportExport(bool ok, const QString &error, QString *errorOut);
    enum class ExportKind { TasksCsv, SegmentsCsv, TimelinePng, TimelineSvg };
    void exportWithDialog(ExportKind kind);
    void restoreSettings();
    void saveSettings() const;

    std::unique_ptr<Ui::MainWindow> ui;
    TestServer *m_server = nullptr;
    std::unique_ptr<Run> m_run;
    LiveTrace *m_liveTrace = nullptr;
    TaskTableModel *m_model = nullptr;
    TaskFilterModel *m_filter = nullptr;
    QTimer m_refreshTimer;
    QProgressBar *m_progress = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    bool m_persistSettings = true;
    bool m_syncingSelection = false;
    bool m_columnsSized = false;
};

} // namespace Coroscope
