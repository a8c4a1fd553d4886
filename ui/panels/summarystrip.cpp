#include "summarystrip.h"

#include "flowlayout.h"
#include "livetrace.h"
#include "record/recordsession.h"
#include "statestyle.h"
#include "taskmodel.h"
#include "theme.h"
#include "trace/vocabulary.h"

#include <QEvent>
#include <QFontMetrics>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

namespace Coroscope {

using Caption = Vocabulary::Figure; // (SummaryStrip::Figure is a shown figure)

namespace {
// summarize() walks every task: a few times a second is plenty while live.
constexpr int SummaryIntervalMs = 100;

constexpr int CardSpacing = 26;
} // namespace

SummaryStrip::SummaryStrip(QWidget *parent)
    : QWidget(parent)
    , m_throttle(new Throttle(
          SummaryIntervalMs, [this]() { recompute(); }, this))
{
    // Roles, not colours copied from today's palette: View > Theme changes them live.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Base);

    // One card per figure in a flow: cards wrap one by one rather than force the window wider
    // (docks, translations, 1024 px screens). Each card keeps the width its figure can reach
    // in this run (reserveWidths()), so nothing moves while a run is live.
    auto *layout = new FlowLayout(this, CardSpacing, 6);
    layout->setContentsMargins(14, 8, 14, 8);
    addCard(QStringLiteral("tasks"));
    addCard(QStringLiteral("wall"));
    addCard(QStringLiteral("sum"));
    addCard(QStringLiteral("speedup"), QColor(0x1e, 0x55, 0xb3));
    addCard(QStringLiteral("lag"));
    // The outcomes read as one group: they wrap together.
    auto *outcomes = new QWidget(this);
    auto *row = new QHBoxLayout(outcomes);
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(CardSpacing);
    layout->addWidget(outcomes);
    addCard(QStringLiteral("ok"), StateStyle::resultInk(TaskResult::Ok), outcomes);
    addCard(QStringLiteral("failed"), StateStyle::resultInk(TaskResult::Error), outcomes);
    addCard(QStringLiteral("timeouts"), StateStyle::resultInk(TaskResult::Timeout), outcomes);
    addCard(QStringLiteral("cancelled"), StateStyle::resultInk(TaskResult::Cancelled), outcomes);
    m_insecure = new QLabel(this);
    QFont bold = m_insecure->font();
    bold.setBold(true);
    m_insecure->setFont(bold);
    m_insecure->setAutoFillBackground(true);
    QPalette warning = m_insecure->palette();
    warning.setColor(QPalette::Window, QColor(0xc6, 0x28, 0x28));
    warning.setColor(QPalette::WindowText, Qt::white);
    m_insecure->setPalette(warning);
    m_insecure->setContentsMargins(8, 4, 8, 4);
    m_insecure->setVisible(false);
    layout->addWidget(m_insecure);
    // A recorded program: how it ended ("exited with status 1 after 2.31 s: 14 tasks").
    m_programEnd = new QLabel(this);
    m_programEnd->setObjectName(QStringLiteral("programEnd"));
    QFont endFont = m_programEnd->font();
    endFont.setBold(true);
    m_programEnd->setFont(endFont);
    m_programEnd->setVisible(false);
    layout->addWidget(m_programEnd);

    retranslate();
    showSummary();
}

void SummaryStrip::addCard(const QString &field, const QColor &accent, QWidget *group)
{
    QWidget *parent = group ? group : this;
    auto *cardWidget = new QWidget(parent);
    auto *box = new QVBoxLayout(cardWidget);
    box->setContentsMargins(0, 0, 0, 0);
    box->setSpacing(0);
    Card card;
    card.field = field;
    card.caption = new QLabel(cardWidget);
    card.caption->setForegroundRole(QPalette::PlaceholderText);
    QFont captionFont = card.caption->font();
    captionFont.setPointSizeF(captionFont.pointSizeF() * 0.85);
    card.caption->setFont(captionFont);

    card.value = new QLabel(noValue(), cardWidget);
    QFont valueFont = card.value->font();
    valueFont.setPointSizeF(valueFont.pointSizeF() * 1.45);
    valueFont.setBold(true);
    card.value->setFont(valueFont);
    card.value->setForegroundRole(QPalette::Text);
    card.accent = accent;
    box->addWidget(card.caption);
    box->addWidget(card.value);
    parent->layout()->addWidget(cardWidget);
    m_cards.append(card);
}

void SummaryStrip::setLiveTrace(LiveTrace *trace)
{
    if (m_trace)
        disconnect(m_trace, nullptr, this, nullptr);
    m_trace = trace;
    if (m_trace) {
        connect(m_trace, &LiveTrace::changed, this, &SummaryStrip::scheduleUpdate);
        connect(m_trace, &LiveTrace::reset, this, &SummaryStrip::updateNow);
    }
    updateNow();
}

void SummaryStrip::scheduleUpdate()
{
    if (!m_trace)
        return;
    // The end of a run shows at once: it is the figure people read.
    if (m_trace->trace().isComplete()) {
        updateNow();
        return;
    }
    m_throttle->request();
}

void SummaryStrip::updateNow()
{
    m_throttle->runNow();
}

const RunSummary &SummaryStrip::currentSummary()
{
    if (m_throttle->isPending())
        m_throttle->runNow();
    return m_summary;
}

void SummaryStrip::recompute()
{
    m_summary = m_trace ? summarize(m_trace->trace(), m_trace->segments()) : RunSummary{};
    showSummary();
}

QString SummaryStrip::noValue()
{
    return QStringLiteral("–");
}

std::optional<double> SummaryStrip::shownSpeedup(const RunSummary &summary)
{
    // summarize() alone decides (stopped, nothing ok, no baseline): one definition everywhere.
    return summary.speedup;
}

QString SummaryStrip::speedupText(const RunSummary &summary)
{
    const std::optional<double> speedup = shownSpeedup(summary);
    return speedup ? Vocabulary::speedupText(*speedup) : noValue();
}

QString SummaryStrip::outcomeText(const RunSummary &s)
{
    // A stopped run's unfinished tasks were cut short as well: they count as cancelled.
    const int cancelled = s.cancelled + s.unfinished;
    // Counts as the strip shows them: "10,000 ok", not "10000 ok".
    const auto n = [](int count) { return QLocale().toString(count); };
    if (s.stopped) {
        const QString at = durationText(s.stoppedAtMs >= 0 ? s.stoppedAtMs : s.wallMs);
        if (s.failed + s.timeouts == 0)
            return tr("Stopped after %1: %2 ok, %3 cancelled")
                .arg(at)
                .arg(n(s.ok))
                .arg(n(cancelled));
        return tr("Stopped after %1: %2 ok, %3 failed, %4 timed out, %5 cancelled")
            .arg(at)
            .arg(n(s.ok))
            .arg(n(s.failed))
            .arg(n(s.timeouts))
            .arg(n(cancelled));
    }
    // Without a baseline, the average in flight as what it is, not a speed-up.
    const QString outcome = !s.speedup && s.ok > 0
        ? tr("Finished in %1: %2 ok, %3 failed, %4 timed out (no speed-up measured; %5 tasks in "
             "flight on average)")
              .arg(durationText(s.wallMs))
              .arg(n(s.ok))
              .arg(n(s.failed))
              .arg(n(s.timeouts))
              .arg(QLocale().toString(s.avgInFlight, 'f', 1))
        : tr("Finished in %1: %2 ok, %3 failed, %4 timed out (speed-up %5)")
              .arg(durationText(s.wallMs))
              .arg(n(s.ok))
              .arg(n(s.failed))
              .arg(n(s.timeouts))
              .arg(speedupText(s));
    return s.insecure ? tr("%1 — certificates not checked (--insecure)").arg(outcome) : outcome;
}

bool SummaryStrip::insecureMarkerShown() const
{
    return !m_insecure->isHidden();
}

void SummaryStrip::showSummary()
{
    const RunSummary &s = m_summary;
    if (m_insecure) // (a palette change reaches here from the constructor, before it exists)
        m_insecure->setVisible(s.insecure);
    if (m_programEnd) {
        const Trace *trace = m_trace ? &m_trace->wholeTrace() : nullptr;
        const QString end = trace ? programEndText(*trace) : QString();
        m_programEnd->setText(end);
        m_programEnd->setVisible(!end.isEmpty());
    }
    const bool any = s.tasks > 0;
    const QLocale locale;
    for (Card &card : m_cards) {
        QString text = noValue();
        QColor ink = card.accent;
        if (any) {
            if (card.field == u"tasks") {
                // Cancelled tasks are finished too: "10 / 10" would read as a complete run.
                if (s.stopped) {
                    text = durationText(s.stoppedAtMs);
                    ink = StateStyle::stoppedColor();
                } else {
                    text = Vocabulary::finishedOfText(locale.toString(s.tasks - s.unfinished),
                                                      locale.toString(s.tasks));
                }
            } else if (card.field == u"wall") {
                text = durationText(s.wallMs);
            } else if (card.field == u"sum") {
                text = s.sumMs ? durationText(*s.sumMs) : noValue();
            } else if (card.field == u"speedup") {
                text = speedupText(s);
            } else if (card.field == u"lag") {
                text = s.lagSamples > 0
                    ? Vocabulary::lagFiguresText(durationText(s.lagMaxMs), durationText(s.lagP99Ms))
                    : noValue();
            } else if (card.field == u"ok") {
                text = locale.toString(s.ok);
            } else if (card.field == u"failed") {
                text = locale.toString(s.failed);
            } else if (card.field == u"timeouts") {
                text = locale.toString(s.timeouts);
            } else if (card.field == u"cancelled") {
                text = locale.toString(s.cancelled + (s.stopped ? s.unfinished : 0));
            }
        }
        card.value->setText(text);
        // The state's colour, as light or dark as the theme's background needs to be read.
        QPalette palette = card.value->palette();
        palette.setColor(QPalette::Text,
                         ink.isValid()
                             ? Theme::readableOn(ink, this->palette().color(QPalette::Base))
                             : this->palette().color(QPalette::Text));
        card.value->setPalette(palette);
    }
    showStateTexts();
    reserveWidths();
}

// The texts each figure can show in this run at their widest, digits as zeros (the UI fonts'
// figures are tabular), so a card does not grow as "9 / 10" becomes "10 / 10" or 9.99 ms becomes
// 10.0 ms: every shape a duration takes ("0.00 ms" to "000 s"), measured, not counted in
// characters. The loop lag once grew from "max 5.69 ms" to "max 12.3 ms" and pushed the results
// 13 px to the right.
QStringList SummaryStrip::widestTexts(const QString &field) const
{
    const QLocale locale;
    auto zeros = [](QString text) {
        for (QChar &c : text) {
            if (c.isDigit())
                c = u'0';
        }
        return text;
    };
    const int tasks = std::max(m_summary.tasks, 100);
    const QString count = zeros(locale.toString(tasks));
    QStringList times;
    for (const double ms : {5.0, 50.0, 500.0, 5000.0, 50000.0, 500000.0})
        times.append(zeros(durationText(ms)));
    if (field == u"tasks") // or, stopped, when
        return times + QStringList{Vocabulary::finishedOfText(count, count)};
    if (field == u"wall")
        return times;
    if (field == u"sum")
        return times
            + QStringList{zeros(Vocabulary::withUnit(double(tasks), Vocabulary::Unit::Seconds, 0))};
    if (field == u"speedup")
        return {zeros(Vocabulary::speedupText(double(tasks)))};
    if (field == u"lag") {
        QStringList lags;
        for (const QString &time : std::as_const(times))
            lags.append(Vocabulary::lagFiguresText(time, time));
        return lags;
    }
    return {count};
}

void SummaryStrip::reserveWidths()
{
    if (m_summary.tasks == 0) {
        // A new run (or none): forget what the last one needed.
        for (Card &card : m_cards)
            card.reservedWidth = 0;
    }
    for (Card &card : m_cards) {
        const QFontMetrics value(card.value->font());
        const QFontMetrics caption(card.caption->font());
        // The font's widest digit stands for every digit ("1.50" came out 1 px wider than
        // "0.00": the advances are fractional).
        QChar widestDigit = u'0';
        for (char16_t digit = u'1'; digit <= u'9'; ++digit) {
            if (value.horizontalAdvance(QString(10, QChar(digit)))
                > value.horizontalAdvance(QString(10, widestDigit)))
                widestDigit = QChar(digit);
        }
        // As QLabel measures its text (a bounding rectangle, which can pass the advance by a
        // pixel), so that the reservation holds to the pixel.
        const auto measure = [&value](const QString &text) {
            return std::max(
                value.horizontalAdvance(text),
                value.boundingRect(QRect(0, 0, 4000, 400), Qt::TextSingleLine, text).width());
        };
        int width = measure(card.value->text());
        // The height too: "1.06 秒" is taller than "–" (a CJK fallback font's line), and the
        // strip grew by a few pixels when the first figures came, taking them from the timeline.
        int height = value.height();
        for (QString text : widestTexts(card.field)) {
            text.replace(u'0', widestDigit);
            width = std::max(width, measure(text));
            height = std::max(
                height,
                value.boundingRect(QRect(0, 0, 4000, 400), Qt::TextSingleLine, text).height());
        }
        if (height > card.value->minimumHeight())
            card.value->setMinimumHeight(height);
        width = std::max(width, caption.horizontalAdvance(card.caption->text()));
        if (card.field == u"tasks") // its caption becomes "Stopped after"
            width = std::max(
                {width, caption.horizontalAdvance(Vocabulary::figureCaption(Caption::StoppedAfter)),
                 caption.horizontalAdvance(Vocabulary::figureCaption(Caption::Finished))});
        if (width > card.reservedWidth) {
            card.reservedWidth = width;
            card.value->setMinimumWidth(width);
        }
    }
}

QString SummaryStrip::speedupExplanation(const RunSummary &s)
{
    QStringList lines{tr("One after another / wall time: how much running the tasks together "
                         "saved. Shown only where something measured what the tasks cost one "
                         "after another, once a task ended ok, and never for a stopped run")};
    if (s.tasks > 0) {
        const bool finished = s.unfinished == 0 || s.stopped;
        if (s.stopped) {
            lines << tr("This run was stopped: its tasks were cut short, so there is no "
                        "speed-up to tell");
        } else if (s.ok == 0 && finished) {
            lines << tr("No task ended ok: how fast failures came back says nothing about "
                        "running the tasks together");
        } else if (s.baseline == Baseline::None && s.ok > 0) {
            lines << tr("No baseline: the URLs were not measured alone before the run (or not "
                        "all of them could be), the server did not report how long it queued the "
                        "requests (the embedded server does), and no sequential run of the same "
                        "URLs and task count was compared (Run > Compare… with sequential, or "
                        "File > Compare with Saved Run). Without one, many tasks in flight is no "
                        "speed-up: a server answering one request at a time keeps them all in "
                        "flight and saves nothing");
        }
        if (s.unprobedUrls > 0)
            lines << tr("%n URL(s) of this run could not be measured alone (time budget, a "
                        "failed fetch, or past the first %1 URLs)",
                        nullptr, s.unprobedUrls)
                         .arg(UrlProbe::MaxUrls);
        if (!s.stopped)
            lines << oneAfterAnotherExplanation(s);
        lines << tr("Average tasks in flight: %1 (every task's time from admission to finish, "
                    "queues included, over the wall time; not a speed-up)")
                     .arg(QLocale().toString(s.avgInFlight, 'f', 1));
    }
    return lines.join(u'\n');
}

QString SummaryStrip::oneAfterAnotherExplanation(const RunSummary &s)
{
    switch (s.baseline) {
    case Baseline::Server:
        return tr("One after another, as the server's report of its queue lets it be measured: "
                  "what each task that got a response cost alone, added up: its "
                  "connect, TLS, send, wait for the answer minus the time the server reports it "
                  "kept the request queued, receive, and its own running. Not its time queued "
                  "inside Qt or waiting for a busy loop: those come from running many at once");
    case Baseline::SequentialRun:
        return tr("One after another, measured: the wall time of the sequential run of this "
                  "workload, %1")
            .arg(durationText(s.sumMs.value_or(0)));
    case Baseline::SavedSequentialRun:
        return tr("One after another, measured: the wall time of the sequential run of this "
                  "workload in %1, %2")
            .arg(s.baselineSource.isEmpty() ? tr("this session") : s.baselineSource,
                 durationText(s.sumMs.value_or(0)));
    case Baseline::Alone:
        return tr("One after another, measured against each URL fetched alone before the run "
                  "(%n URL(s), one at a time, each on a new connection): each task that got a "
                  "response costs its URL's lone fetch plus its own running, added up. The "
                  "queueing this run created and a busy machine's late loop are not in it",
                  nullptr, s.probedUrls);
    case Baseline::None:
        break;
    }
    return tr("What the tasks would cost one after another, where something measured it: a "
              "sequential run of the same workload (then its wall time), each URL fetched alone "
              "before the run (Measure each URL alone first), or the server's report of its "
              "queue (then each task's own cost alone, added up). – when nothing did");
}

// The captions and tooltips that depend on the run: stopped or not, speed-up or none.
void SummaryStrip::showStateTexts()
{
    const RunSummary &s = m_summary;
    const bool any = s.tasks > 0;
    for (const Card &card : std::as_const(m_cards)) {
        QString caption;
        QString tip;
        if (card.field == u"tasks") {
            if (any && s.stopped) {
                caption = Vocabulary::figureCaption(Caption::StoppedAfter);
                tip = outcomeText(s);
            } else {
                caption = Vocabulary::figureCaption(Caption::Finished);
                tip = tr("Tasks finished / tasks created");
            }
        } else if (card.field == u"speedup") {
            caption = Vocabulary::figureCaption(Caption::SpeedUp);
            tip = speedupExplanation(s);
        } else if (card.field == u"sum") {
            caption = Vocabulary::figureCaption(Caption::OneAfterAnother);
            tip = oneAfterAnotherExplanation(s);
        } else {
            continue;
        }
        card.caption->setText(caption);
        card.caption->setToolTip(tip);
        card.value->setToolTip(tip);
    }
}

QString SummaryStrip::valueText(const QString &field) const
{
    for (const Card &card : m_cards) {
        if (card.field == field)
            return card.value->text();
    }
    return {};
}

QString SummaryStrip::captionText(const QString &field) const
{
    for (const Card &card : m_cards) {
        if (card.field == field)
            return card.caption->text();
    }
    return {};
}

QString SummaryStrip::toolTipText(const QString &field) const
{
    for (const Card &card : m_cards) {
        if (card.field == field)
            return card.value->toolTip();
    }
    return {};
}

QList<SummaryStrip::Figure> SummaryStrip::shownFigures()
{
    currentSummary(); // what a throttled update holds back
    QList<Figure> figures;
    const QWidget *lastGroup = nullptr;
    for (const Card &card : std::as_const(m_cards)) {
        if (card.value->text() == noValue())
            continue;
        // Cards in a group of their own (the outcomes) wrap as one, here as in the strip.
        const QWidget *group = card.value->parentWidget()->parentWidget();
        const bool withPrevious = group != this && group == lastGroup;
        lastGroup = group;
        figures.append(Figure{card.caption->text(), card.value->text(),
                              card.value->palette().color(QPalette::Text), withPrevious});
    }
    if (m_programEnd && !m_programEnd->isHidden())
        figures.append(Figure{QString(), m_programEnd->text(),
                              m_programEnd->palette().color(QPalette::WindowText)});
    if (insecureMarkerShown())
        figures.append(
            Figure{QString(), m_insecure->text(), m_insecure->palette().color(QPalette::Window)});
    return figures;
}

void SummaryStrip::retranslate()
{
    m_insecure->setText(Vocabulary::insecureText());
    m_insecure->setToolTip(tr("This run accepted any https certificate: its answers may have "
                              "come from any server"));
    for (const Card &card : m_cards) {
        QString caption;
        QString tip;
        if (card.field == u"wall") {
            caption = Vocabulary::figureCaption(Caption::WallTime);
            tip = tr("From the start of the run to its end: what the user waits");
        } else if (card.field == u"lag") {
            caption = Vocabulary::figureCaption(Caption::LoopLag);
            tip = tr("How late a 10 ms timer on the scheduler loop fired: at worst, and for 99% "
                     "of its firings. A blocked loop shows up here");
        } else if (card.field == u"ok") {
            caption = Vocabulary::figureCaption(Caption::Ok);
            tip = tr("Tasks that got a successful response");
        } else if (card.field == u"failed") {
            caption = Vocabulary::figureCaption(Caption::Failed);
            tip = tr("Tasks that ended with an error (HTTP error, refused connection, …)");
        } else if (card.field == u"timeouts") {
            caption = Vocabulary::figureCaption(Caption::Timeouts);
            tip = tr("Tasks whose request exceeded the timeout");
        } else if (card.field == u"cancelled") {
            caption = Vocabulary::figureCaption(Caption::Cancelled);
            tip = tr("Tasks cancelled by Stop");
        } else {
            continue; // showStateTexts()
        }
        card.caption->setText(caption);
        card.caption->setToolTip(tip);
        card.value->setToolTip(tip);
    }
    showStateTexts();
}

void SummaryStrip::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showSummary();
    } else if (event->type() == QEvent::PaletteChange) {
        showSummary(); // the values' colours are adjusted to the background
    }
    QWidget::changeEvent(event);
}

QString SummaryStrip::programEndText(const Trace &trace) const
{
    if (!trace.program || trace.program->end == ProgramEnd::Running)
        return QString();
    return RecordSession::endText(*trace.program, int(trace.tasks.size() + trace.droppedTasks));
}

} // namespace Coroscope
