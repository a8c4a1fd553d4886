#pragma once

#include <QObject>

namespace Coroscope {

class DiagnosticsPanel;
class LiveTrace;
class Throttle;

// MainWindow's diagnostics part: keeps the Diagnostics panel's findings about the trace on
// screen up to date. diagnose() walks the whole trace: while live (or played back) at most twice
// a second and never more than a fifth of the GUI thread's time; a new, cleared or finished
// trace at once. A hidden panel (dock closed, or behind the Concepts tab) is not kept up to
// date: it catches up when it is shown.
class DiagnosticsFeed : public QObject
{
    Q_OBJECT
public:
    DiagnosticsFeed(LiveTrace *liveTrace, DiagnosticsPanel *panel, QObject *parent);

    // The trace changed (or the language did: diagnose() writes its sentences in it).
    void schedule();
    // Nothing more is diagnosed (the window is going).
    void cancel();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void update();
    void diagnoseNow();

    LiveTrace *m_liveTrace = nullptr;
    DiagnosticsPanel *m_panel = nullptr;
    Throttle *m_throttle = nullptr;
    bool m_stale = true;
};

} // namespace Coroscope
