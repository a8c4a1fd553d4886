#include "loopstatepanel.h"

#include "livetrace.h"
#include "throttle.h"
#include "timelinestate.h"
#include "trace/vocabulary.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStyle>
#include <QTextBrowser>
#include <QTextDocument>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {
constexpr int SliderSteps = 10000;
constexpr int FrameMs = 33;
constexpr int LiveIntervalMs = 250;
constexpr double Speeds[] = {0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0};
constexpr int DefaultSpeedIndex = 3;
constexpr int Listed = 12;
} // namespace

LoopStatePanel::LoopStatePanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);

    auto *transport = new QHBoxLayout;
    transport->setSpacing(2);
    const auto button = [this, transport](QStyle::StandardPixmap icon) {
        auto *b = new QToolButton(this);
        b->setIcon(style()->standardIcon(icon));
        b->setAutoRaise(true);
        // A tool button takes no focus when clicked: the focus stayed in the URL box and the
        // next Space (play) typed a space there instead of reaching the panel's shortcut.
        b->setFocusPolicy(Qt::StrongFocus);
        transport->addWidget(b);
        return b;
    };
    m_startButton = button(QStyle::SP_MediaSkipBackward);
    m_backButton = button(QStyle::SP_MediaSeekBackward);
    m_playButton = button(QStyle::SP_MediaPlay);
    m_forwardButton = button(QStyle::SP_MediaSeekForward);
    m_endButton = button(QStyle::SP_MediaSkipForward);
    m_speedCombo = new QComboBox(this);
    for (const double s : Speeds)
        m_speedCombo->addItem(QStringLiteral("%1×").arg(QLocale().toString(s)));
    m_speedCombo->setCurrentIndex(DefaultSpeedIndex);
    transport->addWidget(m_speedCombo);
    m_liveButton = new QToolButton(this);
    m_liveButton->setCheckable(true);
    m_liveButton->setAutoRaise(true);
    m_liveButton->setFocusPolicy(Qt::StrongFocus);
    transport->addWidget(m_liveButton);
    transport->addStretch(1);
    layout->addLayout(transport);

    auto *position = new QHBoxLayout;
    m_slider = new QSlider(Qt::Horizontal, this);
    m_slider->setRange(0, SliderSteps);
    m_timeLabel = new QLabel(this);
    m_timeLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("00.000 s")));
    position->addWidget(m_slider, 1);
    position->addWidget(m_timeLabel);
    layout->addLayout(position);

    m_text = new QTextBrowser(this);
    m_text->setFrameShape(QFrame::NoFrame);
    m_text->setOpenLinks(false);
    updateListIndent();
    layout->addWidget(m_text, 1);

    connect(m_startButton, &QToolButton::clicked, this, &LoopStatePanel::toStart);
    connect(m_backButton, &QToolButton::clicked, this, &LoopStatePanel::stepBack);
    connect(m_playButton, &QToolButton::clicked, this, &LoopStatePanel::togglePlay);
    connect(m_forwardButton, &QToolButton::clicked, this, &LoopStatePanel::stepForward);
    connect(m_endButton, &QToolButton::clicked, this, &LoopStatePanel::toEnd);
    connect(m_liveButton, &QToolButton::clicked, this, [this](bool on) {
        if (on)
            followLive();
        else
            setPlayheadNs(playheadNs());
    });
    connect(m_slider, &QSlider::sliderMoved, this,
            [this](int value) { setPlayheadNs(endNs() * value / SliderSteps); });
    connect(m_speedCombo, &QComboBox::currentIndexChanged, this, [this]() {
        // The new speed applies from here on.
        m_playFromNs = playheadNs();
        m_playClock.restart();
    });
    m_liveThrottle = new Throttle(
        LiveIntervalMs, [this]() { showState(); }, this);
    m_playTimer.setInterval(FrameMs);
    connect(&m_playTimer, &QTimer::timeout, this, &LoopStatePanel::advancePlayback);
    setTimelineState(new TimelineState(this));
    retranslate();
    showState();
}

void LoopStatePanel::setTimelineState(TimelineState *state)
{
    if (!state || state == m_state)
        return;
    if (m_state) {
        disconnect(m_state, nullptr, this, nullptr);
        if (m_state->parent() == this)
            m_state->deleteLater();
    }
    m_state = state;
    connect(m_state, &TimelineState::playheadChanged, this, &LoopStatePanel::onPlayheadChanged);
    showState();
}

qint64 LoopStatePanel::playheadNs() const
{
    return m_state->isPlayheadLive() ? endNs() : m_state->playheadNs();
}

bool LoopStatePanel::isFollowingLive() const
{
    return m_state->isPlayheadLive();
}

void LoopStatePanel::onPlayheadChanged()
{
    Q_EMIT playheadChanged(playheadNs());
    if (m_moving)
        return; // moveTo() shows it
    // Another view moved it (the timeline's axis): playback ends there.
    m_playTimer.stop();
    showState();
}

void LoopStatePanel::setLiveTrace(LiveTrace *trace)
{
    if (m_trace)
        disconnect(m_trace, nullptr, this, nullptr);
    m_trace = trace;
    if (m_trace) {
        connect(m_trace, &LiveTrace::changed, this, &LoopStatePanel::onTraceChanged);
        connect(m_trace, &LiveTrace::reset, this, &LoopStatePanel::onTraceReset);
    }
    onTraceReset();
}

qint64 LoopStatePanel::endNs() const
{
    // The whole run, not the instant the views show (which is this panel's playhead).
    return m_trace ? std::max<qint64>(0, m_trace->wholeNowNs()) : 0;
}

double LoopStatePanel::speed() const
{
    return Speeds[std::clamp(m_speedCombo->currentIndex(), 0, int(std::size(Speeds)) - 1)];
}

void LoopStatePanel::onTraceReset()
{
    m_playTimer.stop();
    m_steps.clear();
    m_stepsFromEvents = -1;
    m_moving = true;
    m_state->followPlayheadLive();
    m_moving = false;
    showState();
}

void LoopStatePanel::onTraceChanged()
{
    if (isFollowingLive())
        Q_EMIT playheadChanged(playheadNs());
    // loopStateAt() walks every task: while a run grows, a few times a second is enough (the
    // GUI refreshes at 60 Hz), as the summary strip does.
    if (isVisible())
        m_liveThrottle->request();
}

void LoopStatePanel::setPlayheadNs(qint64 ns)
{
    moveTo(ns);
}

void LoopStatePanel::moveTo(qint64 ns, bool fromPlayback)
{
    if (!fromPlayback)
        m_playTimer.stop();
    m_moving = true;
    m_state->setPlayheadNs(std::clamp<qint64>(ns, 0, endNs())); // not live: at least 0
    m_moving = false;
    showState();
}

void LoopStatePanel::stepForward()
{
    if (!m_trace)
        return;
    showState(); // brings the stepping times up to date
    const qint64 next = nextSteppingTime(m_steps, playheadNs());
    setPlayheadNs(next >= 0 ? next : endNs());
}

void LoopStatePanel::stepBack()
{
    if (!m_trace)
        return;
    showState();
    const qint64 previous = previousSteppingTime(m_steps, playheadNs());
    setPlayheadNs(previous >= 0 ? previous : 0);
}

void LoopStatePanel::toStart()
{
    setPlayheadNs(0);
}

void LoopStatePanel::toEnd()
{
    setPlayheadNs(endNs());
}

void LoopStatePanel::followLive()
{
    m_playTimer.stop();
    m_moving = true;
    m_state->followPlayheadLive();
    m_moving = false;
    showState();
}

void LoopStatePanel::togglePlay()
{
    if (m_playTimer.isActive()) {
        m_playTimer.stop();
        updateTransport();
        return;
    }
    qint64 from = playheadNs();
    if (from >= endNs())
        from = 0; // play again from the start
    m_playFromNs = from;
    m_playClock.start();
    m_playTimer.start();
    moveTo(from, true); // leaves live following
}

void LoopStatePanel::advancePlayback()
{
    // Run time advances `speed` times as fast as the wall clock (0.1x: a 1 s run takes 10 s).
    const qint64 ns = m_playFromNs + qint64(double(m_playClock.nsecsElapsed()) * speed());
    if (ns >= endNs()) {
        m_playTimer.stop();
        moveTo(endNs());
        return;
    }
    moveTo(ns, true);
}

QString LoopStatePanel::stateText() const
{
    return m_text->toPlainText();
}

void LoopStatePanel::showState()
{
    updateTransport();
    if (!m_trace || m_trace->taskCount() == 0) {
        m_text->setHtml(tr("<p>Run a workload: this panel then shows, for any instant of the run, "
                           "what the event loop was doing and where every task was.</p>"));
        m_timeLabel->setText(QString());
        return;
    }
    const Trace &trace = m_trace->wholeTrace();
    if (m_stepsFromEvents != trace.events.size()) {
        m_steps = steppingTimes(trace);
        m_stepsFromEvents = trace.events.size();
    }
    const qint64 playhead = playheadNs();
    const LoopState s = loopStateAt(trace, m_trace->wholeSegments(), playhead, Listed);
    const auto ms = [](qint64 ns) { return durationText(double(ns) / 1e6); };
    m_timeLabel->setText(ms(playhead));

    const auto label
        = [&trace](const LoopState::Entry &e) { return trace.labelText(e.label).toHtmlEscaped(); };
    const auto list = [&](const QList<LoopState::Entry> &entries, int count, auto describe) {
        QStringList items;
        for (const LoopState::Entry &e : entries)
            items << describe(e);
        if (count > entries.size())
            items << tr("… and %n more", nullptr, int(count - entries.size()));
        return items.isEmpty()
            ? QString()
            : u"<ul style=\"margin-top:0\"><li>"_s + items.join(u"</li><li>"_s) + u"</li></ul>"_s;
    };
    QString html;
    // What the loop runs now.
    html += u"<p><b>"_s + tr("Event loop") + u":</b> "_s;
    if (s.runningCount > 0) {
        const LoopState::Entry &e = s.running.first();
        html += e.label ? tr("running Task %1 (%2)").arg(e.task).arg(label(e))
                        : tr("running Task %1").arg(e.task);
        html += u" — "_s + tr("for %1 so far").arg(ms(playhead - e.sinceNs));
    } else if (s.readyCount > 0) {
        html += tr("about to run the next ready task");
    } else {
        html += tr("idle: nothing is ready, it waits for the next event");
    }
    html += u"</p>"_s;
    if (s.onWorkersCount > 0) {
        html += u"<p><b>"_s + tr("On worker threads (%1)").arg(s.onWorkersCount) + u":</b></p>"_s
            + list(s.onWorkers, s.onWorkersCount, [&](const LoopState::Entry &e) {
                    return tr("Task %1, worker %2").arg(e.task).arg(trace.tasks.at(e.task).worker);
                });
    }
    html += u"<p><b>"_s + tr("Ready to run (%1)").arg(s.readyCount) + u":</b></p>"_s
        + list(s.ready, s.readyCount, [&](const LoopState::Entry &e) {
                const bool replied = isReplyAwait(trace.label(e.label));
                return (replied ? tr("Task %1: its reply arrived %2 ago, it waits for the loop")
                                : tr("Task %1: waits %2 for its turn on the loop"))
                    .arg(e.task)
                    .arg(ms(playhead - e.sinceNs));
            });
    html += u"<p><b>"_s + tr("Suspended at an await (%1)").arg(s.suspendedCount) + u":</b></p>"_s
        + list(s.suspended, s.suspendedCount, [&](const LoopState::Entry &e) {
                return tr("Task %1 at <code>%2</code> for %3")
                    .arg(e.task)
                    .arg(label(e), ms(playhead - e.sinceNs));
            });
    if (s.pendingCount > 0) {
        html += u"<p><b>"_s + tr("Pending (%1)").arg(s.pendingCount) + u":</b></p>"_s
            + list(s.pending, s.pendingCount, [&](const LoopState::Entry &e) {
                    return tr("Task %1: <code>%2</code> for %3")
                        .arg(e.task)
                        .arg(label(e), ms(playhead - e.sinceNs));
                });
    }
    html += u"<p><b>"_s + tr("Finished (%1)").arg(s.finishedCount) + u":</b></p>"_s
        + list(s.finished, s.finishedCount, [&](const LoopState::Entry &e) {
                return tr("Task %1: %2 at %3")
                    .arg(e.task)
                    .arg(Vocabulary::resultText(e.result), ms(e.sinceNs));
            });
    if (s.notCreatedCount > 0)
        html += u"<p>"_s + tr("Not created yet: %1").arg(s.notCreatedCount) + u"</p>"_s;
    m_text->setHtml(html);
}

void LoopStatePanel::updateTransport()
{
    const bool any = m_trace && m_trace->taskCount() > 0;
    for (QWidget *w :
         {static_cast<QWidget *>(m_startButton), static_cast<QWidget *>(m_backButton),
          static_cast<QWidget *>(m_playButton), static_cast<QWidget *>(m_forwardButton),
          static_cast<QWidget *>(m_endButton), static_cast<QWidget *>(m_slider)})
        w->setEnabled(any);
    m_playButton->setIcon(style()->standardIcon(m_playTimer.isActive() ? QStyle::SP_MediaPause
                                                                       : QStyle::SP_MediaPlay));
    m_liveButton->setEnabled(any && m_trace->isLive());
    m_liveButton->setChecked(isFollowingLive() && any && m_trace->isLive());
    const qint64 end = endNs();
    const QSignalBlocker block(m_slider);
    m_slider->setValue(
        end > 0 ? int(std::min<qint64>(SliderSteps, playheadNs() * SliderSteps / end)) : 0);
}

void LoopStatePanel::retranslate()
{
    m_startButton->setToolTip(tr("To the start (Home)"));
    m_backButton->setToolTip(tr("Previous event (,)"));
    m_playButton->setToolTip(tr("Play / pause (Space)"));
    m_forwardButton->setToolTip(tr("Next event (.)"));
    m_endButton->setToolTip(tr("To the end (End)"));
    m_speedCombo->setToolTip(tr("Playback speed: 0.1× shows a 1 s run in 10 s"));
    m_liveButton->setText(tr("Live"));
    m_liveButton->setToolTip(tr("Follow the run as it happens (L)"));
    m_slider->setToolTip(tr("The instant shown: drag to move through the run"));
}

void LoopStatePanel::updateListIndent()
{
    // The entries are sentences ("任务 0 在 await reply 处已挂起 4.04 毫秒") in a narrow dock:
    // Qt's 40 px list indent and 4 px margins wrapped them onto two lines. Two characters'
    // worth still sets the bullets apart and gives the words that room.
    m_text->document()->setIndentWidth(2 * m_text->fontMetrics().averageCharWidth());
    m_text->document()->setDocumentMargin(2);
}

void LoopStatePanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        showState();
    } else if (event->type() == QEvent::FontChange) {
        updateListIndent();
        showState();
    }
    QWidget::changeEvent(event);
}

} // namespace Coroscope
