#pragma once

#include "throttle.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

class QProgressBar;
class QStatusBar;

namespace Coroscope {

class LiveTrace;
class TraceRecorder;

// MainWindow's live part: the recorder the window follows (a run's, a comparison's or a sweep's
// current run's, or a recorded program's), the refresh (up to 60 Hz, paced by its own cost) that
// pulls its events into LiveTrace, the status bar's task progress and its "Measuring each URL
// alone…" while the run measures its baseline. No knowledge of what is followed: the window says
// when to start and end.
class LiveFeed : public QObject
{
    Q_OBJECT
public:
    // The progress bar goes at the right of `statusBar`; the window outlives this part.
    LiveFeed(LiveTrace *liveTrace, QStatusBar *statusBar, QObject *parent);
    ~LiveFeed() override;

    // Follows `recorder` (of a run of `tasks` tasks): LiveTrace attaches to it, the refresh starts
    // and the progress bar counts its finished tasks; `tasks` 0: not known (a recorded program),
    // no progress bar. Runs of a comparison or sweep are deleted
    // after they end; their recorder is shared, so it is held here.
    void follow(std::shared_ptr<TraceRecorder> recorder, int tasks);
    // What is followed ended: the last events and the end time are pulled, the refresh stops.
    void finish();
    // The refresh stops (the trace on screen is another one for now); the recorder is kept.
    void pause() { m_refreshTimer.stop(); }
    // Nothing is followed any more (a file is shown instead).
    void drop();
    void retranslate();

private:
    void refresh();

    LiveTrace *m_liveTrace = nullptr;
    QStatusBar *m_statusBar = nullptr;
    std::shared_ptr<TraceRecorder> m_recorder;
    QTimer m_refreshTimer;
    // A repaint per frame (16 ms) while live when the window can afford it, down to 10 a
    // second, so that following a run takes at most a fifth of the GUI thread (RefreshPacer).
    RefreshPacer m_refreshPacer{16, 100, 0.2};
    QProgressBar *m_progress = nullptr;
    // The status bar says "Measuring each URL alone…" while the run measures them (before its
    // workload starts); what it said before comes back after.
    bool m_measuringShown = false;
    QString m_messageBeforeMeasuring;
};

} // namespace Coroscope
