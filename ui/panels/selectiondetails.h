#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTextBrowser;

namespace Coroscope {

class LiveTrace;
class Throttle;
class TimelineState;
class TimelineView;

// The Details dock: what is selected on the timeline, as text that can be selected and copied.
// For a task: its URL, outcome, times, every segment (state, start, end, duration, label) and
// the phases of its `await reply`. For a Shift+drag time range: the tasks started and finished
// in it, the time spent in each state and how busy the loop was. Follows a live run at a
// bounded rate, and only while it is shown.
class SelectionDetails : public QWidget
{
    Q_OBJECT
public:
    // A task with more segments shows the first ones only: a table of 100,000 rows helps no one.
    static constexpr int MaxSegmentRows = 500;

    explicit SelectionDetails(QWidget *parent = nullptr);

    // Shows what is selected in `state` (the window's shared one) of the run in `trace`.
    void setSources(TimelineState *state, LiveTrace *trace);
    // The timeline's state and trace.
    void setTimeline(TimelineView *view);
    // What the panel shows, as plain text (what Copy puts on the clipboard).
    QString plainText() const;

    // The HTML for one task and for a range (public for tests).
    QString taskHtml(int task) const;
    QString rangeHtml(qint64 startNs, qint64 endNs) const;

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void refresh();
    void requestRefresh();

    QPointer<TimelineState> m_state;
    QPointer<LiveTrace> m_trace;
    QTextBrowser *m_text = nullptr;
    QPushButton *m_copy = nullptr;
    Throttle *m_throttle = nullptr;
    bool m_stale = true;
    // What is shown: the range when one is selected, else the task.
    bool m_showRange = false;
};

} // namespace Coroscope
