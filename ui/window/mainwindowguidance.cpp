// MainWindow's guidance: the diagnostics panel (kept up to date by DiagnosticsFeed) and the
// concepts panel pointing at the timeline (rows, a time span, an explanation beside them and in
// the status bar).
#include "mainwindow.h"
// Before the form: timelineview.h needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "ui_mainwindow.h"

#include "diagnosticspanel.h"
#include "taskmodel.h"
#include "timelineview.h"
#include "trace/diagnostics.h"
#include "trace/vocabulary.h"

#include <QKeyEvent>
#include <QStatusBar>

#include <algorithm>

namespace Coroscope {

namespace {
// How long a hint about what to look at stays in the status bar.
constexpr int HintTimeoutMs = 12000;
// Below this a task's turn on the loop does not block anything anyone would notice.
constexpr qint64 NoticeableBlockNs = 20'000'000;
} // namespace

void MainWindow::pointAt(const QList<int> &tasks, qint64 startNs, qint64 endNs,
                         const QString &explanation)
{
    TimelineView *timeline = ui->timeline;
    timeline->clearHighlight();
    timeline->selectTasks(tasks);
    if (startNs >= 0) {
        timeline->highlightRange(startNs, endNs);
        // Zoomed in elsewhere, the span would be highlighted out of sight: bring it into view.
        const TimelineCoordinates &shown = timeline->coordinates();
        if (startNs < shown.startNs() || endNs > shown.endNs()) {
            const qint64 margin = std::max<qint64>((endNs - startNs) / 10, 1'000'000);
            timeline->setVisibleRange(std::max<qint64>(0, startNs - margin), endNs + margin);
        }
    }
    if (!tasks.isEmpty())
        timeline->goToTask(tasks.constFirst()); // into the middle; selects it in the table too
    // After goToTask: selecting a task clears a highlight (and its callout) that is not its own.
    if (!explanation.isEmpty()) {
        timeline->setCallout(explanation);
        showStatusHint(explanation);
    }
}

void MainWindow::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape && event->modifiers() == Qt::NoModifier
        && ui->timeline->hasHighlight()) {
        ui->timeline->clearHighlight();
        event->accept();
        return;
    }
    QMainWindow::keyPressEvent(event);
}

void MainWindow::showStatusHint(const QString &text)
{
    statusBar()->showMessage(text, HintTimeoutMs);
}

void MainWindow::showConcept(ConceptsPanel::Concept which)
{
    using Concept = ConceptsPanel::Concept;
    const Trace &trace = m_liveTrace->trace();
    if (trace.tasks.isEmpty()) {
        showStatusHint(tr("Run a workload first: Show me points at what the run on screen shows."));
        return;
    }
    const SegmentBuilder &segments = m_liveTrace->segments();
    const qint64 now = std::max(m_liveTrace->nowNs(), trace.lastNs());
    const auto lifetime = [&](int task) {
        const TaskTimes &times = segments.times(quint32(task));
        return std::pair<qint64, qint64>{std::max<qint64>(0, times.createdNs),
                                         times.finishedNs >= 0 ? times.finishedNs : now};
    };
    // The longest closed segment in `state` (of tasks on the loop only, if `loopOnly`).
    const auto longest = [&](SegmentState state, bool loopOnly) {
        Segment best;
        best.task = LoopTask;
        for (quint32 t = 0; t < quint32(segments.taskCount()); ++t) {
            if (loopOnly && trace.tasks.at(t).worker >= 0)
                continue;
            for (const Segment &s : segments.row(t)) {
                if (s.state == state
                    && (best.task == LoopTask || s.durationNs() > best.durationNs()))
                    best = s;
            }
        }
        return best;
    };
    const auto showTask = [&](int task, const QString &hint) {
        const auto [start, end] = lifetime(task);
        pointAt({task}, start, end, hint);
    };
    const auto ms = [](qint64 ns) { return durationText(double(ns) / 1e6); };

    switch (which) {
    case Concept::EventLoop:
        pointAt({}, 0, now,
                tr("The loop row at the top of the timeline: filled where the loop was busy "
                   "running a task, empty where it was free to run any ready task."));
        return;
    case Concept::Await: {
        const Segment s = longest(SegmentState::Suspended, false);
        if (s.task == LoopTask || s.durationNs() <= 0) {
            showTask(0,
                     tr("No task was suspended at an await in this run: try the async "
                        "strategy."));
            return;
        }
        pointAt({int(s.task)}, s.startNs, s.endNs,
                tr("Task %1 was suspended at '%2' for %3: the loop was free to run other "
                   "tasks meanwhile.")
                    .arg(s.task)
                    .arg(trace.labelText(s.label), ms(s.durationNs())));
        return;
    }
    case Concept::Callback: {
        for (int t = 0; t < int(segments.taskCount()); ++t) {
            const qint64 at = segments.times(quint32(t)).doneCallbackNs;
            if (at < 0)
                continue;
            const qint64 margin = std::max<qint64>(now / 50, 1'000'000);
            pointAt({t}, std::max<qint64>(0, at - margin), at + margin,
                    tr("Task %1's done callback ran at %2: the small marker at the end of "
                       "its row.")
                        .arg(t)
                        .arg(ms(at)));
            return;
        }
        showTask(0, tr("No done callback has run yet: they run as tasks finish."));
        return;
    }
    case Concept::Blocking: {
        const Segment s = longest(SegmentState::Running, true);
        if (s.task == LoopTask) {
            showTask(0, tr("No task has run on the loop yet."));
            return;
        }
        pointAt({int(s.task)}, s.startNs, s.endNs,
                s.durationNs() >= NoticeableBlockNs
                    ? tr("Task %1 ran for %2 without giving the loop back: no other task "
                         "could start or resume meanwhile.")
                          .arg(s.task)
                          .arg(ms(s.durationNs()))
                    : tr("The longest turn on the loop was task %1's %2: short, so the loop "
                         "stayed responsive. Try the blocking strategy to see the "
                         "difference.")
                          .arg(s.task)
                          .arg(ms(s.durationNs())));
        return;
    }
    case Concept::Threads: {
        const int worker = trace.tasks.constFirst().worker;
        if (worker >= 0)
            showTask(0,
                     tr("Task 0 ran on worker thread %1, beside the loop: the loop row stays "
                        "free while the workers block.")
                         .arg(worker));
        else
            showTask(0,
                     tr("This run used no worker threads: run the workload with the threads "
                        "strategy, or compare strategies (Run > Compare…)."));
        return;
    }
    case Concept::ServerCapacity:
        showTask(0,
                 tr("Compare how long the rows wait for their replies: with a server of "
                    "limited capacity (run panel) the waits grow in steps."));
        return;
    case Concept::Coroutine:
        showTask(0,
                 tr("Task 0's row is one coroutine: pending until it first ran, then running "
                    "and suspended in turns until it finished."));
        return;
    case Concept::Task:
        showTask(0,
                 tr("Each row is a task the loop drives alongside the others; task 0 is "
                    "highlighted from creation to finish."));
        return;
    case Concept::Future:
        showTask(0,
                 tr("The end of task 0's row shows its result (%1): the value its future "
                    "delivered.")
                     .arg(Vocabulary::resultText(trace.tasks.constFirst().result)));
        return;
    }
}

} // namespace Coroscope
