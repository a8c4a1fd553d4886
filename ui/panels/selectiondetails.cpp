#include "selectiondetails.h"

#include "livetrace.h"
#include "statestyle.h"
#include "throttle.h"
#include "timelinestate.h"
#include "timelineview.h"
#include "trace/phases.h"
#include "trace/vocabulary.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Coroscope {

namespace {

constexpr qint64 RefreshIntervalMs = 250;

QString percent(double fraction)
{
    return SelectionDetails::tr("%1%").arg(QLocale().toString(100.0 * fraction, 'f', 1));
}

QString row(const QString &name, const QString &value)
{
    return u"<tr><td style='color:gray; padding-right:8px'>"_s + name + u"</td><td>"_s + value
        + u"</td></tr>"_s;
}

QString swatch(const QColor &color)
{
    return u"<span style='color:%1'>■</span> "_s.arg(color.name());
}

} // namespace

SelectionDetails::SelectionDetails(QWidget *parent)
    : QWidget(parent)
    , m_text(new QTextBrowser(this))
    , m_copy(new QPushButton(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_text, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_copy);
    layout->addLayout(buttons);
    m_text->setObjectName(QStringLiteral("detailsText"));
    m_text->setOpenLinks(false);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_copy->setObjectName(QStringLiteral("detailsCopyButton"));
    m_copy->setText(tr("&Copy"));
    m_copy->setToolTip(tr("Copy the details as text"));
    connect(m_copy, &QPushButton::clicked, this,
            [this]() { QApplication::clipboard()->setText(plainText()); });
    m_throttle = new Throttle(
        RefreshIntervalMs, [this]() { refresh(); }, this);
    refresh();
}

void SelectionDetails::setTimeline(TimelineView *view)
{
    setSources(view ? view->timelineState() : nullptr, view ? view->liveTrace() : nullptr);
}

void SelectionDetails::setSources(TimelineState *state, LiveTrace *trace)
{
    if (m_state)
        disconnect(m_state, nullptr, this, nullptr);
    if (m_trace)
        disconnect(m_trace, nullptr, this, nullptr);
    m_state = state;
    m_trace = trace;
    if (m_state) {
        connect(m_state, &TimelineState::selectedTaskChanged, this, [this](int task) {
            if (task >= 0)
                m_showRange = false;
            m_throttle->runNow();
        });
        connect(m_state, &TimelineState::selectedRangeChanged, this, [this](qint64 start, qint64) {
            m_showRange = start >= 0;
            m_throttle->runNow();
        });
    }
    if (m_trace)
        connect(m_trace, &LiveTrace::changed, this, &SelectionDetails::requestRefresh);
    m_throttle->runNow();
}

void SelectionDetails::requestRefresh()
{
    // Hidden (dock closed or behind another tab): catch up when shown.
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_throttle->request();
}

void SelectionDetails::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        m_throttle->runNow();
}

void SelectionDetails::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        m_copy->setText(tr("&Copy"));
        m_copy->setToolTip(tr("Copy the details as text"));
        refresh();
    }
}

QString SelectionDetails::plainText() const
{
    return m_text->toPlainText();
}

void SelectionDetails::refresh()
{
    m_stale = false;
    QString html;
    if (m_state && m_showRange && m_state->hasSelectedRange())
        html = rangeHtml(m_state->selectedRangeStartNs(), m_state->selectedRangeEndNs());
    else if (m_state && m_state->selectedTask() >= 0)
        html = taskHtml(m_state->selectedTask());
    else
        html = u"<p style='color:gray'>"_s
            + tr("Click a task on the timeline to see its segments here, or Shift+drag across "
                 "the timeline to see what happened in a time range.")
            + u"</p>"_s;
    // Keep the reader's place while a live run updates the text.
    const int scroll = m_text->verticalScrollBar()->value();
    m_text->setHtml(html);
    m_text->verticalScrollBar()->setValue(scroll);
}

QString SelectionDetails::taskHtml(int task) const
{
    LiveTrace *live = m_trace;
    if (!live || task < 0 || task >= live->taskCount() || task >= live->segments().taskCount())
        return {};
    const Trace &trace = live->trace();
    const SegmentBuilder &segments = live->segments();
    const TaskInfo &info = trace.tasks.at(task);
    const qint64 now = std::max(live->nowNs(), trace.lastNs());
    const TaskTimes times = segments.timesAt(quint32(task), now);

    QString html = u"<h3>"_s + tr("Task #%1").arg(task) + u"</h3><table cellspacing='0'>"_s;
    if (trace.isRecording()) {
        // A recorded program's task: what the program called it and where it came from.
        if (!info.name.isEmpty())
            html += row(tr("Name"), info.name.toHtmlEscaped());
        if (!info.coroutine.isEmpty())
            html += row(tr("Coroutine"), info.coroutine.toHtmlEscaped());
        if (info.parent >= 0 && info.parent < trace.tasks.size())
            html += row(tr("Parent"),
                        tr("#%1 %2")
                            .arg(info.parent)
                            .arg(trace.tasks.at(info.parent).name.toHtmlEscaped()));
        else
            html += row(tr("Parent"), tr("none"));
        if (!info.createdAt.isEmpty())
            html += row(tr("Created at"), info.createdAt.toHtmlEscaped());
    }
    if (!trace.isRecording() || !trace.url(quint32(task)).isEmpty())
        html += row(tr("URL"), trace.url(quint32(task)).toHtmlEscaped());
    html += row(tr("Result"),
                swatch(StateStyle::resultColor(info.result)) + Vocabulary::resultText(info.result));
    if (info.httpStatus > 0)
        html += row(
            tr("HTTP status"),
            QString::number(info.httpStatus)
                + (info.statusText.isEmpty() ? QString() : u' ' + info.statusText.toHtmlEscaped()));
    if (!info.redirects.isEmpty()) {
        // Each hop a request of its own, in order: "302 → http://…/get".
        QStringList hops;
        for (const RedirectHop &hop : info.redirects)
            hops << QString(QString::number(hop.httpStatus) + u" \u2192 "_s + hop.location)
                        .toHtmlEscaped();
        html += row(tr("Redirects (%1)").arg(info.redirects.size()), hops.join(u"<br>"_s));
    }
    if (!info.error.isEmpty())
        html += row(tr("Error"), info.error.toHtmlEscaped());
    html += row(tr("Bytes"), QLocale().toString(info.bytes));
    if (!info.contentEncoding.isEmpty())
        html += row(tr("Encoding"),
                    info.decodedBytes >= 0
                        ? tr("%1: %2 bytes decoded")
                              .arg(QString::fromUtf8(info.contentEncoding).toHtmlEscaped(),
                                   QLocale().toString(info.decodedBytes))
                        : tr("%1: decoded size not known")
                              .arg(QString::fromUtf8(info.contentEncoding).toHtmlEscaped()));
    if (info.worker >= 0)
        html += row(tr("Ran on"), Vocabulary::workerText(info.worker));
    if (times.createdNs >= 0)
        html += row(tr("Created"), preciseDurationText(times.createdNs));
    if (times.admittedNs >= 0)
        html += row(tr("Admitted"), preciseDurationText(times.admittedNs));
    if (times.finishedNs >= 0)
        html += row(tr("Finished"), preciseDurationText(times.finishedNs));
    html += row(tr("Pending"), preciseDurationText(times.pendingNs));
    html += row(tr("Running"), preciseDurationText(times.runningNs));
    html += row(tr("Suspended"), preciseDurationText(times.suspendedNs));
    html += row(tr("Total"), preciseDurationText(times.totalNs()));
    html += u"</table>"_s;

    const RequestPhases phases = requestPhases(trace, segments, quint32(task));
    if (phases.known && !phases.spans.isEmpty()) {
        html += u"<h4>"_s
            + (phases.hops > 1 ? tr("Inside await reply (%1 requests)").arg(phases.hops)
                               : tr("Inside await reply"))
            + u"</h4><table cellspacing='0'>"_s;
        for (int kind = 0; kind < PhaseKindCount; ++kind) {
            const qint64 ns = phases.ns(PhaseKind(kind));
            if (ns > 0)
                html += row(swatch(StateStyle::phaseColor(PhaseKind(kind)))
                                + Vocabulary::phaseText(PhaseKind(kind)),
                            preciseDurationText(ns));
        }
        html += row(tr("Reused connection"),
                    phases.reusedConnection == 1       ? tr("yes")
                        : phases.reusedConnection == 0 ? tr("no")
                                                       : tr("unknown"));
        html += u"</table>"_s;
    }

    QList<Segment> list = segments.row(quint32(task));
    Segment open;
    if (segments.openSegment(quint32(task), now, &open) && SegmentBuilder::keeps(open))
        list.append(open);
    html += u"<h4>"_s + tr("Segments (%1)").arg(QLocale().toString(list.size()))
        + u"</h4><table cellspacing='0' cellpadding='1'>"_s;
    // Two lines per segment, state and label over its times: the dock is narrow, and a table
    // with a column per field either wraps every cell or hides the labels off to the right.
    const QLocale locale;
    auto number = [&locale](qint64 ns) { return locale.toString(double(ns) / 1e6, 'f', 3); };
    const qsizetype shown = std::min<qsizetype>(list.size(), MaxSegmentRows);
    for (qsizetype i = 0; i < shown; ++i) {
        const Segment &s = list.at(i);
        const QString label = trace.labelText(s.label);
        html += u"<tr><td style='white-space:nowrap; padding-top:3px'>"_s
            + swatch(StateStyle::stateColor(s.state)) + u"<b>"_s + Vocabulary::stateText(s.state)
            + u"</b>"_s + (label.isEmpty() ? QString() : u" · "_s + label.toHtmlEscaped())
            + u"<br>"_s
            + tr("%1 – %2 ms (%3 ms)")
                  .arg(number(s.startNs), number(s.endNs), number(s.durationNs()))
            + u"</td></tr>"_s;
    }
    html += u"</table>"_s;
    if (list.size() > shown)
        html += u"<p style='color:gray'>"_s
            + tr("… and %1 more (export the segments CSV for all of them)")
                  .arg(QLocale().toString(list.size() - shown))
            + u"</p>"_s;
    return html;
}

QString SelectionDetails::rangeHtml(qint64 startNs, qint64 endNs) const
{
    LiveTrace *live = m_trace;
    if (!live || endNs <= startNs)
        return {};
    const Trace &trace = live->trace();
    const SegmentBuilder &segments = live->segments();
    const qint64 now = std::max(live->nowNs(), trace.lastNs());
    const int tasks = int(std::min<qsizetype>(trace.tasks.size(), segments.taskCount()));

    int started = 0;
    int alive = 0;
    int finished[5] = {}; // by TaskResult
    qint64 stateNs[3] = {};
    for (int task = 0; task < tasks; ++task) {
        const TaskTimes &times = segments.times(quint32(task));
        if (times.createdNs < 0 || times.createdNs > endNs
            || (times.finishedNs >= 0 && times.finishedNs < startNs))
            continue;
        ++alive;
        if (times.createdNs >= startNs)
            ++started;
        if (times.finishedNs >= startNs && times.finishedNs <= endNs)
            ++finished[int(trace.tasks.at(task).result)];
        auto add = [&](const Segment &s) {
            const qint64 overlap = std::min(s.endNs, endNs) - std::max(s.startNs, startNs);
            if (overlap > 0)
                stateNs[int(s.state)] += overlap;
        };
        const QList<Segment> &row = segments.row(quint32(task));
        auto it = std::partition_point(row.cbegin(), row.cend(),
                                       [&](const Segment &s) { return s.endNs <= startNs; });
        for (; it != row.cend() && it->startNs < endNs; ++it)
            add(*it);
        Segment open;
        if (segments.openSegment(quint32(task), now, &open))
            add(open);
    }
    const qint64 span = endNs - startNs;
    const qint64 busy
        = segments.loopBusyBeforeNs(endNs, now) - segments.loopBusyBeforeNs(startNs, now);
    const QLocale locale;

    QString html = u"<h3>"_s
        + tr("From %1 to %2").arg(preciseDurationText(startNs), preciseDurationText(endNs))
        + u"</h3>"_s;
    html += u"<table cellspacing='0'>"_s;
    html += row(tr("Duration"), preciseDurationText(span));
    html
        += row(tr("Loop busy"),
               percent(double(busy) / double(span)) + u" ("_s + preciseDurationText(busy) + u")"_s);
    html += row(tr("Tasks alive"), locale.toString(alive));
    html += row(tr("Tasks started"), locale.toString(started));
    int finishedTotal = 0;
    for (const int n : finished)
        finishedTotal += n;
    html += row(tr("Tasks finished"), locale.toString(finishedTotal));
    for (const TaskResult result :
         {TaskResult::Ok, TaskResult::Error, TaskResult::Timeout, TaskResult::Cancelled}) {
        if (finished[int(result)] > 0)
            html += row(u"&nbsp;&nbsp;"_s + swatch(StateStyle::resultColor(result))
                            + Vocabulary::resultText(result),
                        locale.toString(finished[int(result)]));
    }
    html
        += u"</table><h4>"_s + tr("Time per state (all tasks)") + u"</h4><table cellspacing='0'>"_s;
    const qint64 total = stateNs[0] + stateNs[1] + stateNs[2];
    for (const SegmentState state :
         {SegmentState::Pending, SegmentState::Running, SegmentState::Suspended}) {
        const qint64 ns = stateNs[int(state)];
        html += row(swatch(StateStyle::stateColor(state)) + Vocabulary::stateText(state),
                    preciseDurationText(ns) + u" ("_s
                        + percent(total > 0 ? double(ns) / double(total) : 0.0) + u")"_s);
    }
    html += u"</table><p style='color:gray'>"_s
        + tr("Shift+drag again for another range; Esc on the timeline clears it.") + u"</p>"_s;
    return html;
}

} // namespace Coroscope
