#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace Coroscope {

// W/A/S/D on a timeline, Perfetto's keys: W zooms in, S out, A pans to earlier times, D to
// later. A tap moves one step at once; a key held glides at a speed per second, whatever the
// key repeat rate, after a short delay so that a tap stays one step. It owns which keys are held
// and the clock of the glide, and asks the view for each step by a signal (the view knows where
// the zoom is anchored and how wide a view is); the steps can be driven without a clock
// (glide()) so that they are tested on their own.
class TimelineKeyNavigator : public QObject
{
    Q_OBJECT
public:
    static constexpr double TapZoom = 1.25;
    static constexpr double TapPanFraction = 0.1; // of the view's width
    static constexpr double HeldZoomPerSecond = 5.0;
    static constexpr double HeldPanPerSecond = 1.0; // view widths
    static constexpr qint64 HoldDelayMs = 150;
    // About one step per frame.
    static constexpr int StepIntervalMs = 16;

    enum Key : int { ZoomIn = 1, ZoomOut = 2, Left = 4, Right = 8 };
    // The Key of a Qt::Key (0: not one of ours).
    static int keyFor(int qtKey);

    explicit TimelineKeyNavigator(QObject *parent = nullptr);

    // A key went down: true when it is ours (W/A/S/D without modifiers) and was taken; a first
    // press steps at once and starts the glide, a repeat or a key already held does nothing.
    bool press(int qtKey, Qt::KeyboardModifiers modifiers, bool autoRepeat);
    // A key went up: true when it is ours. Auto-repeat sends release/press pairs on X11: only a
    // real release lets go.
    bool release(int qtKey, bool autoRepeat);
    // Lets go of every key (focus lost: the release would never come).
    void releaseAll();
    // The keys held (Key bits) and whether the glide's timer runs.
    int heldKeys() const { return m_keys; }
    bool isGliding() const { return m_timer.isActive(); }

    // One glide step of `seconds` for keys held down for `heldMs` so far: nothing before
    // HoldDelayMs; W and S (A and D) held together cancel out.
    void glide(double seconds, qint64 heldMs);

Q_SIGNALS:
    // Zoom by `factor` (> 1: in) around the view's anchor.
    void zoomRequested(double factor);
    // Pan by `viewWidths` view widths (positive: later times).
    void panRequested(double viewWidths);

private:
    void step();

    int m_keys = 0; // Key bits
    QTimer m_timer;
    QElapsedTimer m_clock; // since the last step
    QElapsedTimer m_held; // since the first key went down
};

} // namespace Coroscope
