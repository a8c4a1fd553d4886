#include "timelinekeynavigator.h"

#include <cmath>

namespace Coroscope {

int TimelineKeyNavigator::keyFor(int qtKey)
{
    switch (qtKey) {
    case Qt::Key_W:
        return ZoomIn;
    case Qt::Key_S:
        return ZoomOut;
    case Qt::Key_A:
        return Left;
    case Qt::Key_D:
        return Right;
    default:
        return 0;
    }
}

TimelineKeyNavigator::TimelineKeyNavigator(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(StepIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &TimelineKeyNavigator::step);
}

bool TimelineKeyNavigator::press(int qtKey, Qt::KeyboardModifiers modifiers, bool autoRepeat)
{
    const int key = keyFor(qtKey);
    if (key == 0
        || (modifiers
            & (Qt::ShiftModifier | Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)))
        return false;
    if (autoRepeat || (m_keys & key))
        return true; // the timer is already gliding
    // A tap is one step, at once; holding the key glides from HoldDelayMs on.
    if (key == ZoomIn)
        Q_EMIT zoomRequested(TapZoom);
    else if (key == ZoomOut)
        Q_EMIT zoomRequested(1 / TapZoom);
    else
        Q_EMIT panRequested((key == Right ? 1 : -1) * TapPanFraction);
    if (m_keys == 0)
        m_held.start();
    m_keys |= key;
    m_clock.start();
    m_timer.start();
    return true;
}

bool TimelineKeyNavigator::release(int qtKey, bool autoRepeat)
{
    const int key = keyFor(qtKey);
    if (key == 0)
        return false;
    if (!autoRepeat)
        m_keys &= ~key;
    if (m_keys == 0)
        m_timer.stop();
    return true;
}

void TimelineKeyNavigator::releaseAll()
{
    m_keys = 0;
    m_timer.stop();
}

void TimelineKeyNavigator::step()
{
    const double seconds = double(m_clock.restart()) / 1000.0;
    if (m_keys == 0) {
        m_timer.stop();
        return;
    }
    glide(seconds, m_held.elapsed());
}

void TimelineKeyNavigator::glide(double seconds, qint64 heldMs)
{
    if (m_keys == 0 || heldMs < HoldDelayMs)
        return;
    const int zoom = (m_keys & ZoomIn ? 1 : 0) - (m_keys & ZoomOut ? 1 : 0);
    const int pan = (m_keys & Right ? 1 : 0) - (m_keys & Left ? 1 : 0);
    if (zoom != 0)
        Q_EMIT zoomRequested(std::pow(HeldZoomPerSecond, zoom * seconds));
    if (pan != 0)
        Q_EMIT panRequested(pan * HeldPanPerSecond * seconds);
}

} // namespace Coroscope
