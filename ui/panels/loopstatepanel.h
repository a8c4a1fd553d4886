#pragma once

#include "trace/loopstate.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QTextBrowser;
class QToolButton;

namespace Coroscope {

class LiveTrace;
class Throttle;
class TimelineState;

// The run at the playhead, in the seed's vocabulary: what the event loop is running now, the
// tasks ready to run, those suspended and at which await, those pending and what for, those
// finished and how. A small transport moves the playhead: play / pause at 0.1x-10x, step to
// the previous / next event, start / end; while a run is live the playhead follows "now"
// until it is moved back (Live returns to it). The playhead is the shared TimelineState's: the
// timeline's axis moves it too, and LiveTrace shows every view the run as it was there.
class LoopStatePanel : public QWidget
{
    Q_OBJECT
public:
    explicit LoopStatePanel(QWidget *parent = nullptr);

    void setLiveTrace(LiveTrace *trace);
    // The window's shared state (by default one of its own). Not owned once set.
    void setTimelineState(TimelineState *state);
    TimelineState *timelineState() const { return m_state; }
    // While following live: the run's "now".
    qint64 playheadNs() const;
    bool isFollowingLive() const;
    bool isPlaying() const { return m_playTimer.isActive(); }
    // The text shown, for tests.
    QString stateText() const;

public Q_SLOTS:
    void setPlayheadNs(qint64 ns); // leaves live following
    void stepForward();
    void stepBack();
    void toStart();
    void toEnd();
    void togglePlay();
    void followLive();

Q_SIGNALS:
    void playheadChanged(qint64 ns);

protected:
    void changeEvent(QEvent *event) override;

private:
    void onTraceChanged();
    void onTraceReset();
    void onPlayheadChanged();
    void advancePlayback();
    void moveTo(qint64 ns, bool fromPlayback = false);
    void showState();
    void updateTransport();
    void retranslate();
    // The lists' indent, from the font.
    void updateListIndent();
    double speed() const;
    qint64 endNs() const;

    QPointer<LiveTrace> m_trace;
    QList<qint64> m_steps; // stepping times, rebuilt when the trace grew
    qsizetype m_stepsFromEvents = -1;
    TimelineState *m_state = nullptr;
    bool m_moving = false; // this panel is moving the playhead (else another view did)
    QTimer m_playTimer;
    Throttle *m_liveThrottle = nullptr;
    QElapsedTimer m_playClock;
    qint64 m_playFromNs = 0;

    QLabel *m_timeLabel = nullptr;
    QSlider *m_slider = nullptr;
    QToolButton *m_startButton = nullptr;
    QToolButton *m_backButton = nullptr;
    QToolButton *m_playButton = nullptr;
    QToolButton *m_forwardButton = nullptr;
    QToolButton *m_endButton = nullptr;
    QToolButton *m_liveButton = nullptr;
    QComboBox *m_speedCombo = nullptr;
    QTextBrowser *m_text = nullptr;
};

} // namespace Coroscope
