#include "timelinestate.h"

#include <algorithm>

namespace Coroscope {

TimelineState::TimelineState(QObject *parent)
    : QObject(parent)
{
}

void TimelineState::setPlayheadNs(qint64 ns)
{
    ns = std::max<qint64>(-1, ns);
    if (ns == m_playheadNs)
        return;
    m_playheadNs = ns;
    Q_EMIT playheadChanged(ns);
}

void TimelineState::setVisibleRange(qint64 startNs, qint64 endNs)
{
    // Announced even when unchanged: a request from the overview must reach the timeline even
    // if the timeline moved meanwhile without telling (the timeline ignores its own range).
    m_visibleStartNs = startNs;
    m_visibleEndNs = endNs;
    Q_EMIT visibleRangeChanged(startNs, endNs);
}

void TimelineState::setFollowLive(bool follow)
{
    if (follow == m_followLive)
        return;
    m_followLive = follow;
    Q_EMIT followLiveChanged(follow);
}

void TimelineState::setSelectedTask(int task)
{
    task = std::max(-1, task);
    if (task == m_selectedTask)
        return;
    m_selectedTask = task;
    Q_EMIT selectedTaskChanged(task);
}

void TimelineState::setSelectedRange(qint64 startNs, qint64 endNs)
{
    if (startNs < 0 || endNs < 0)
        startNs = endNs = -1;
    if (startNs == m_rangeStartNs && endNs == m_rangeEndNs)
        return;
    m_rangeStartNs = startNs;
    m_rangeEndNs = endNs;
    Q_EMIT selectedRangeChanged(startNs, endNs);
}

} // namespace Coroscope
