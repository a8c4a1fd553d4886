#pragma once

#include <QObject>

class QAction;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace Coroscope {

class LiveTrace;
class LoopStatePanel;
class SelectionDetails;
class TimelineState;
class TimelineView;

// MainWindow's docks about what is inspected on the timeline: Loop state (the run at the
// playhead: what the loop runs, what is ready, suspended, pending, done) and Details (the task
// or span selected), one tab group under the explanations (Diagnostics, Concepts).
class InspectorDocks : public QObject
{
    Q_OBJECT
public:
    // The docks go in `window` under `explanations` (raised again: it stays in front), their
    // toggles in `view` before `beforeInView`. The views outlive this part.
    InspectorDocks(QMainWindow *window, TimelineView *timeline, TimelineState *state,
                   LiveTrace *liveTrace, QDockWidget *explanations, QMenu *view,
                   QAction *beforeInView);

    LoopStatePanel *loopStatePanel() const { return m_loopStatePanel; }
    QDockWidget *loopStateDock() const { return m_loopStateDock; }
    SelectionDetails *details() const { return m_details; }
    QDockWidget *detailsDock() const { return m_detailsDock; }
    // Raises the Loop state dock with its playhead at `ns`.
    void showLoopStateAt(qint64 ns);
    // Brings the Loop state dock into view (the playhead moved on the timeline's axis).
    void showLoopState();
    void retranslate();

private:
    LoopStatePanel *m_loopStatePanel = nullptr;
    QDockWidget *m_loopStateDock = nullptr;
    SelectionDetails *m_details = nullptr;
    QDockWidget *m_detailsDock = nullptr;
};

} // namespace Coroscope
