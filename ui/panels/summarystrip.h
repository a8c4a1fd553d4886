#pragma once

#include "throttle.h"

#include "trace/summary.h"

#include <QList>
#include <QPointer>
#include <QWidget>

#include <optional>

class QLabel;

namespace Coroscope {

class LiveTrace;

// The run's headline figures in one row: wall time, what the tasks would cost one after another,
// the speed-up that concurrency bought, and how the tasks ended (or that the run was stopped).
// Computed by summarize() from the LiveTrace, at a few Hz at most (it walks every event).
class SummaryStrip : public QWidget
{
    Q_OBJECT
public:
    explicit SummaryStrip(QWidget *parent = nullptr);

    void setLiveTrace(LiveTrace *trace);
    const RunSummary &summary() const { return m_summary; }
    // The summary as of the trace's latest change: an update the throttle holds back runs now.
    const RunSummary &currentSummary();
    // Shown texts, by field, for tests: "tasks", "wall", "sum", "speedup", "ok", ...
    QString valueText(const QString &field) const;
    QString captionText(const QString &field) const;
    QString toolTipText(const QString &field) const;
    bool insecureMarkerShown() const;
    // What the strip shows, card by card as of the trace's latest change (figures it shows as
    // "–" left out, the --insecure marker last), for pictures of the run that must carry its
    // figures: the timeline's PNG and SVG exports.
    struct Figure
    {
        QString caption;
        QString value;
        QColor ink; // the value's colour
        bool withPrevious = false; // wraps together with the figure before it (the outcomes)
    };
    QList<Figure> shownFigures();

    // The speed-up as every view shows it: RunSummary::speedup (none without a measured
    // baseline, before a task ended ok, nor for a stopped run).
    static std::optional<double> shownSpeedup(const RunSummary &summary);
    // "4.9×", or "–" when there is no speed-up to show.
    static QString speedupText(const RunSummary &summary);
    // One sentence for the status bar: "Finished in 1.02 s: …" or "Stopped after 1.55 s: …".
    static QString outcomeText(const RunSummary &summary);
    // The speed-up's tooltip: what it is, why there is none, what it was measured against.
    static QString speedupExplanation(const RunSummary &summary);
    // What "One after another" is for this run: its baseline, or what one would be.
    static QString oneAfterAnotherExplanation(const RunSummary &summary);
    // What the strip and the tables show where there is no figure.
    static QString noValue();

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Card
    {
        QString field;
        QLabel *caption = nullptr;
        QLabel *value = nullptr;
        QColor accent; // the value's colour (a state's), invalid: the palette's text
        int reservedWidth = 0;
    };
    void addCard(const QString &field, const QColor &accent = {}, QWidget *group = nullptr);
    QStringList widestTexts(const QString &field) const;
    void reserveWidths();
    void scheduleUpdate();
    void updateNow();
    void recompute();
    void retranslate();
    void showSummary();
    void showStateTexts();

    QPointer<LiveTrace> m_trace;
    QList<Card> m_cards;
    Throttle *m_throttle = nullptr;
    // Shown while the run's https certificates were not checked (--insecure): its figures may
    // come from any server, which nobody reading them should miss.
    QLabel *m_insecure = nullptr;
    QLabel *m_programEnd = nullptr; // a recording's end, in words
    QString programEndText(const Trace &trace) const;
    RunSummary m_summary;
};

} // namespace Coroscope
