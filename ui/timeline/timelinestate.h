#pragma once

#include <QObject>

namespace Coroscope {

// What every view of one run agrees on: the instant looked at (the playhead), the visible time
// range and whether it follows the live run, the selected task and the selected time range. One
// QObject shared by the timeline, its overview, the details, the Loop state panel and LiveTrace,
// as Qt Creator's TimelineZoomControl and hotspot's FilterAndZoomStack: a view writes here and
// every other one follows the signal, instead of the window relaying each change between them.
// Setters emit only on a change (the visible range: always), so views may write back what they
// were told without a loop.
class TimelineState : public QObject
{
    Q_OBJECT
public:
    explicit TimelineState(QObject *parent = nullptr);

    // The instant the views show the run at; -1: live (the whole run, up to now).
    qint64 playheadNs() const { return m_playheadNs; }
    bool isPlayheadLive() const { return m_playheadNs < 0; }

    // The time range the timeline shows, and whether it keeps the live run in view.
    qint64 visibleStartNs() const { return m_visibleStartNs; }
    qint64 visibleEndNs() const { return m_visibleEndNs; }
    bool followLive() const { return m_followLive; }

    // The selected task (-1: none) and time range (-1, -1: none, e.g. Shift+drag).
    int selectedTask() const { return m_selectedTask; }
    qint64 selectedRangeStartNs() const { return m_rangeStartNs; }
    qint64 selectedRangeEndNs() const { return m_rangeEndNs; }
    bool hasSelectedRange() const { return m_rangeStartNs >= 0; }

public Q_SLOTS:
    void setPlayheadNs(qint64 ns); // any negative value: live
    void followPlayheadLive() { setPlayheadNs(-1); }
    void setVisibleRange(qint64 startNs, qint64 endNs);
    void setFollowLive(bool follow);
    void setSelectedTask(int task);
    void setSelectedRange(qint64 startNs, qint64 endNs);
    void clearSelectedRange() { setSelectedRange(-1, -1); }

Q_SIGNALS:
    void playheadChanged(qint64 ns);
    void visibleRangeChanged(qint64 startNs, qint64 endNs);
    void followLiveChanged(bool follow);
    void selectedTaskChanged(int task);
    void selectedRangeChanged(qint64 startNs, qint64 endNs);

private:
    qint64 m_playheadNs = -1;
    qint64 m_visibleStartNs = 0;
    qint64 m_visibleEndNs = 0;
    bool m_followLive = true;
    int m_selectedTask = -1;
    qint64 m_rangeStartNs = -1;
    qint64 m_rangeEndNs = -1;
};

} // namespace Coroscope
