#include "timelinefindbar.h"

#include "livetrace.h"
#include "timelineview.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QIntValidator>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStyle>
#include <QToolButton>

#include <algorithm>

namespace Coroscope {

TimelineFindBar::TimelineFindBar(QWidget *parent)
    : QWidget(parent)
    , m_caption(new QLabel(this))
    , m_edit(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_previous(new QToolButton(this))
    , m_next(new QToolButton(this))
    , m_close(new QToolButton(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(m_caption);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_previous);
    layout->addWidget(m_next);
    layout->addWidget(m_close);
    m_caption->setBuddy(m_edit);
    m_edit->setObjectName(QStringLiteral("findEdit"));
    m_edit->setClearButtonEnabled(true);
    m_edit->installEventFilter(this);
    m_status->setObjectName(QStringLiteral("findStatus"));
    // "999,999 of 999,999" fits: the bar does not jump while the count changes.
    m_status->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("000,000 / 000,000")));
    m_previous->setArrowType(Qt::UpArrow);
    m_next->setArrowType(Qt::DownArrow);
    m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    m_close->setAutoRaise(true);
    connect(m_edit, &QLineEdit::textEdited, this, &TimelineFindBar::onTextEdited);
    connect(m_previous, &QToolButton::clicked, this, &TimelineFindBar::findPrevious);
    connect(m_next, &QToolButton::clicked, this, &TimelineFindBar::findNext);
    connect(m_close, &QToolButton::clicked, this, &TimelineFindBar::close);
    retranslate();
    setVisible(false);
}

void TimelineFindBar::retranslate()
{
    m_caption->setText(m_mode == Mode::GoTo ? tr("&Go to task:") : tr("&Find:"));
    m_edit->setPlaceholderText(m_mode == Mode::GoTo ? tr("task number")
                                                    : tr("URL, error or await label"));
    m_previous->setToolTip(tr("Previous match (Shift+Enter, Shift+F3)"));
    m_next->setToolTip(tr("Next match (Enter, F3)"));
    m_close->setToolTip(tr("Close (Esc)"));
    m_status->setText(statusText());
}

void TimelineFindBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void TimelineFindBar::setTimeline(TimelineView *view)
{
    m_view = view;
    if (m_view && m_view->liveTrace()) {
        // A new run: the old matches mean nothing (the view has dropped its tints already).
        connect(m_view->liveTrace(), &LiveTrace::reset, this, [this]() {
            m_matches.clear();
            m_current = -1;
            m_searchedRevision = 0;
            if (isVisible() && m_mode == Mode::Find && !m_edit->text().isEmpty())
                search();
            m_status->setText(statusText());
        });
    }
}

QList<int> TimelineFindBar::findTasks(const Trace &trace, const SegmentBuilder &segments,
                                      const QString &text)
{
    QList<int> found;
    if (text.isEmpty())
        return found;
    // Labels are few and shared: test each once, then a task's segments by id.
    QList<bool> labelMatches(trace.labels.size(), false);
    bool anyLabel = false;
    for (qsizetype i = 1; i < trace.labels.size(); ++i) {
        labelMatches[i] = trace.labels.at(i).contains(text, Qt::CaseInsensitive);
        anyLabel = anyLabel || labelMatches[i];
    }
    QList<bool> urlMatches(trace.urls.size(), false);
    for (qsizetype i = 0; i < trace.urls.size(); ++i)
        urlMatches[i] = trace.urls.at(i).contains(text, Qt::CaseInsensitive);
    const int tasks = int(std::min<qsizetype>(trace.tasks.size(), segments.taskCount()));
    for (int task = 0; task < tasks; ++task) {
        const TaskInfo &info = trace.tasks.at(task);
        bool match = urlMatches.value(info.urlIndex)
            || (!info.error.isEmpty() && info.error.contains(text, Qt::CaseInsensitive));
        if (!match && anyLabel) {
            for (const Segment &s : segments.row(quint32(task))) {
                if (labelMatches.value(s.label)) {
                    match = true;
                    break;
                }
            }
            Segment open;
            if (!match && segments.openSegment(quint32(task), 0, &open))
                match = labelMatches.value(open.label);
        }
        if (match)
            found.append(task);
    }
    return found;
}

QString TimelineFindBar::statusText() const
{
    if (m_mode == Mode::GoTo) {
        const int tasks = m_view && m_view->liveTrace() ? m_view->liveTrace()->taskCount() : 0;
        return tasks > 0 ? tr("#0 – #%1").arg(tasks - 1) : tr("No tasks");
    }
    if (m_edit->text().isEmpty())
        return {};
    if (m_matches.isEmpty())
        return tr("No matches");
    const QLocale locale;
    if (m_current < 0)
        return tr("%1 matches").arg(locale.toString(m_matches.size()));
    return tr("%1 of %2").arg(locale.toString(m_current + 1), locale.toString(m_matches.size()));
}

void TimelineFindBar::open(Mode mode)
{
    const bool modeChanged = mode != m_mode;
    m_mode = mode;
    if (modeChanged) {
        m_edit->clear();
        m_matches.clear();
        m_current = -1;
        if (m_view)
            m_view->setSearchMatches({});
    }
    m_edit->setValidator(mode == Mode::GoTo ? new QIntValidator(0, 1'000'000'000, m_edit)
                                            : nullptr);
    m_previous->setVisible(mode == Mode::Find);
    m_next->setVisible(mode == Mode::Find);
    retranslate();
    show();
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void TimelineFindBar::openGoTo()
{
    open(Mode::GoTo);
}

void TimelineFindBar::openFind()
{
    open(Mode::Find);
}

void TimelineFindBar::close()
{
    hide();
    if (m_view) {
        m_view->setSearchMatches({});
        m_view->setFocus(Qt::OtherFocusReason);
    }
    m_matches.clear();
    m_current = -1;
}

void TimelineFindBar::onTextEdited()
{
    if (m_mode != Mode::Find)
        return;
    // Incremental: matches update as you type; the first is shown on Enter, not on each key.
    search();
    m_current = -1;
    m_status->setText(statusText());
}

void TimelineFindBar::search()
{
    LiveTrace *trace = m_view ? m_view->liveTrace() : nullptr;
    m_matches = trace ? findTasks(trace->trace(), trace->segments(), m_edit->text()) : QList<int>();
    m_searchedRevision = trace ? trace->revision() : 0;
    if (m_view)
        m_view->setSearchMatches(m_matches);
}

void TimelineFindBar::step(int direction)
{
    if (!isVisible() || m_mode != Mode::Find) {
        open(Mode::Find);
        if (m_edit->text().isEmpty())
            return;
    }
    LiveTrace *trace = m_view ? m_view->liveTrace() : nullptr;
    // A live run adds tasks and labels: search again before stepping.
    if (trace && trace->revision() != m_searchedRevision) {
        const int currentTask = m_current >= 0 ? m_matches.value(m_current, -1) : -1;
        search();
        const auto it = std::lower_bound(m_matches.cbegin(), m_matches.cend(), currentTask);
        m_current = currentTask >= 0 && it != m_matches.cend() && *it == currentTask
            ? int(it - m_matches.cbegin())
            : -1;
    }
    if (m_matches.isEmpty()) {
        m_status->setText(statusText());
        return;
    }
    if (m_current < 0) {
        // From the selection on, so that F3 continues where the user is looking.
        const int from = m_view ? m_view->selectedTask() : -1;
        if (direction > 0) {
            const auto it = std::upper_bound(m_matches.cbegin(), m_matches.cend(), from);
            m_current = it == m_matches.cend() ? 0 : int(it - m_matches.cbegin());
        } else {
            const auto it = std::lower_bound(m_matches.cbegin(), m_matches.cend(),
                                             from < 0 ? int(m_matches.size()) : from);
            m_current = it == m_matches.cbegin() ? int(m_matches.size()) - 1
                                                 : int(it - m_matches.cbegin()) - 1;
            if (from < 0)
                m_current = int(m_matches.size()) - 1;
        }
    } else {
        m_current = int((m_current + direction + m_matches.size()) % m_matches.size());
    }
    showCurrent();
}

void TimelineFindBar::showCurrent()
{
    if (m_view && m_current >= 0)
        m_view->goToTask(m_matches.at(m_current));
    m_status->setText(statusText());
}

void TimelineFindBar::findNext()
{
    step(1);
}

void TimelineFindBar::findPrevious()
{
    step(-1);
}

void TimelineFindBar::onReturn(bool backwards)
{
    if (m_mode == Mode::Find) {
        step(backwards ? -1 : 1);
        return;
    }
    bool ok = false;
    const int task = m_edit->text().trimmed().remove(u'#').toInt(&ok);
    const int tasks = m_view && m_view->liveTrace() ? m_view->liveTrace()->taskCount() : 0;
    if (!ok || task < 0 || task >= tasks) {
        m_status->setText(tasks > 0 ? tr("Tasks are #0 to #%1").arg(tasks - 1) : tr("No tasks"));
        return;
    }
    m_view->goToTask(task);
    // Done: the timeline takes the keys again (Up/Down from the task found).
    hide();
    m_view->setFocus(Qt::OtherFocusReason);
}

bool TimelineFindBar::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        switch (key->key()) {
        case Qt::Key_Return:
        case Qt::Key_Enter:
            onReturn(key->modifiers() & Qt::ShiftModifier);
            return true;
        case Qt::Key_Escape:
            close();
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace Coroscope
