#pragma once

#include "throttle.h"

#include "trace/summary.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QLabel;

namespace Coroscope {

class LiveTrace;

// The run's headline figures in one row: wall time, the sum of task times, the speed-up that
// concurrency bought, and how the tasks ended. Computed by summarize() from the LiveTrace, at a
// few Hz at most (it walks every event).
class SummaryStrip : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryStrip(QWidget *parent = nullptr);

    void setLiveTrace(LiveTrace *trace);
    const RunSummary &summary() const { return m_summary; }
    // Shown texts, by field, for tests: "wall", "sum", "speedup", "ok", ...
    QString valueText(const QString &field) const;

    static QString formatMs(double ms);

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Card
    {
        QString field;
        QLabel *caption = nullptr;
        QLabel *value = nullptr;
    };
    QWidget *addGroup();
    void addCard(QWidget *group, const QString &field, const QColor &accent = {});
    void scheduleUpdate();
    void updateNow();
    void recompute();
    void retranslate();
    void showSummary();

    QPointer<LiveTrace> m_trace;
    QList<Card> m_cards;
    Throttle *m_throttle = nullptr;
    RunSummary m_summary;
};

} // namespace Coroscope
