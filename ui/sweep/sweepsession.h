#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QAction;
class QMenu;
class QTabWidget;
class QWidget;

namespace Coroscope {

class Run;
struct RunRecord;
class Sweep;
struct SweepPoint;
struct SweepResult;
struct SweepSpec;
class SweepWidget;
class TestServer;

// MainWindow's sweep part (Run > Sweep…): the Sweep that runs one workload once per value of a
// knob, its page (SweepWidget, a tab of the window's bottom tabs), its menu action, whether it
// is being stopped, and which of its points the timeline shows. It says what happens (signals);
// the window follows each point's run live, as it follows every run.
class SweepSession : public QObject
{
    Q_OBJECT
public:
    // The page goes in `tabs`; Run > Sweep… in `runMenu`, right after `after` (Compare…, its
    // sibling: one workload run many times). `server` (not owned) outlives this part.
    SweepSession(TestServer *server, QTabWidget *tabs, QMenu *runMenu, QAction *after,
                 QObject *parent);
    ~SweepSession() override;

    Sweep *sweep() const { return m_sweep.get(); }
    SweepWidget *widget() const { return m_widget; }
    QAction *action() const { return m_action; }
    bool isRunning() const;
    bool isStopping() const { return m_stopping; }
    void retranslate();

    // The dialog over `base` (the run panel's workload), with the last sweep's choice of this
    // session if there was one; accepting it asks for the sweep (startRequested).
    void openDialog(SweepSpec base, QWidget *parent);
    // Starts `spec` on the page (brought to the front). The reason when it cannot start.
    QString start(const SweepSpec &spec);
    // Asks the sweep to stop (the points not run yet are skipped, the ones done kept); false
    // when it was asked already.
    bool stop();

    // The sweep shown: the one in progress, else `onScreen`'s (a file opened, or the last
    // sweep ended here); null when there is none.
    const SweepResult *shown(const RunRecord &onScreen) const;
    // Point `index` (run order) of the sweep shown, now the one on the timeline; null when
    // there is no such point.
    const SweepPoint *selectPoint(int index, const RunRecord &onScreen);
    // "Timeline: Async, Tasks = 100 (repeat 2), …" while the timeline's trace (of
    // `eventsOnScreen` events) is the point selected, else empty.
    QString pointTitle(const RunRecord &onScreen, qsizetype eventsOnScreen) const;
    // A saved sweep on the page; its last point is the one selected.
    const SweepPoint &showSaved(const SweepResult &sweep);

Q_SIGNALS:
    void startRequested(const Coroscope::SweepSpec &spec);
    // `run` is deleted after it ends (its recorder outlives it); `status` says how far it is.
    void pointStarted(int index, Coroscope::Run *run, const QString &status);
    void pointFinished(int index);
    // The page shows the result; `status` says how it ended.
    void finished(const QString &status);
    // A point clicked on the page, and its Stop button.
    void pointActivated(int index);
    void stopRequested();

private:
    void onPointStarted(int index, Run *run);
    void onPointFinished(int index);
    void onFinished();

    std::unique_ptr<Sweep> m_sweep;
    QTabWidget *m_tabs = nullptr;
    SweepWidget *m_widget = nullptr;
    QAction *m_action = nullptr; // Run > Sweep…
    bool m_stopping = false;
    int m_shownPoint = -1; // the sweep's point on the timeline, -1 = none
};

} // namespace Coroscope
