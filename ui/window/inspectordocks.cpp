#include "inspectordocks.h"

// Before timelineview.h: it needs LiveTrace complete for its QPointer member.
#include "livetrace.h"
#include "loopstatepanel.h"
#include "selectiondetails.h"
#include "timelineview.h"

#include <QAction>
#include <QCoreApplication>
#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QShortcut>

// The words here moved from MainWindow with their code: they keep its translation context.

namespace Coroscope {

InspectorDocks::InspectorDocks(QMainWindow *window, TimelineView *timeline, TimelineState *state,
                               LiveTrace *liveTrace, QDockWidget *explanations, QMenu *view,
                               QAction *beforeInView)
    : QObject(window)
{
    m_loopStateDock = new QDockWidget(window);
    m_loopStateDock->setObjectName(QStringLiteral("loopStateDock"));
    m_loopStatePanel = new LoopStatePanel(m_loopStateDock);
    m_loopStatePanel->setObjectName(QStringLiteral("loopStatePanel"));
    m_loopStateDock->setWidget(m_loopStatePanel);
    // Four tabs in one group were elided to "Diagno… Conc… Loop s… De…" at 1400 px: two groups
    // of two, the explanations (Diagnostics, Concepts) above what is inspected (Loop state,
    // Details), keep every title whole. (Below the tab group as a whole: splitDockWidget()
    // would only add another tab to it.)
    window->addDockWidget(Qt::RightDockWidgetArea, m_loopStateDock, Qt::Vertical);
    explanations->raise();
    view->insertAction(beforeInView, m_loopStateDock->toggleViewAction());
    m_loopStatePanel->setTimelineState(state);
    m_loopStatePanel->setLiveTrace(liveTrace);
    // The playhead is `state`'s: the panel's transport and the timeline's axis move it, the
    // timeline draws it once it is at a past instant (live, "now" is the right edge anyway) and
    // LiveTrace shows every view the run as it was there. Moved on the axis, the panel comes
    // into view to tell what the loop was doing then.
    connect(timeline, &TimelineView::playheadRequested, this, &InspectorDocks::showLoopState);
    // Transport keys where the run is looked at: the timeline and the panel itself (a text box
    // keeps its Space, Home and End).
    const QList<std::pair<QKeySequence, void (LoopStatePanel::*)()>> keys{
        {QKeySequence(Qt::Key_Space), &LoopStatePanel::togglePlay},
        {QKeySequence(Qt::Key_Comma), &LoopStatePanel::stepBack},
        {QKeySequence(Qt::Key_Period), &LoopStatePanel::stepForward},
        {QKeySequence(Qt::Key_Home), &LoopStatePanel::toStart},
        {QKeySequence(Qt::Key_End), &LoopStatePanel::toEnd},
    };
    for (QWidget *where :
         {static_cast<QWidget *>(timeline), static_cast<QWidget *>(m_loopStatePanel)}) {
        for (const auto &[key, slot] : keys) {
            auto *shortcut = new QShortcut(key, where);
            shortcut->setContext(Qt::WidgetWithChildrenShortcut);
            connect(shortcut, &QShortcut::activated, m_loopStatePanel, slot);
        }
    }
    // (The timeline has its own L: follow live.)
    auto *live = new QShortcut(QKeySequence(Qt::Key_L), m_loopStatePanel);
    live->setContext(Qt::WidgetWithChildrenShortcut);
    connect(live, &QShortcut::activated, m_loopStatePanel, &LoopStatePanel::followLive);

    m_details = new SelectionDetails(window);
    m_details->setObjectName(QStringLiteral("selectionDetails"));
    m_details->setTimeline(timeline);
    m_detailsDock = new QDockWidget(window);
    m_detailsDock->setObjectName(QStringLiteral("detailsDock"));
    m_detailsDock->setWidget(m_details);
    window->addDockWidget(Qt::RightDockWidgetArea, m_detailsDock);
    // Under the diagnostics: a task a diagnostic selects shows its details without hiding them.
    window->tabifyDockWidget(m_loopStateDock, m_detailsDock);
    m_detailsDock->raise();
    explanations->raise();
    // The Details dock's toggle next to the other docks' (before the explanations').
    view->insertAction(explanations->toggleViewAction(), m_detailsDock->toggleViewAction());
    retranslate();
}

void InspectorDocks::showLoopStateAt(qint64 ns)
{
    showLoopState();
    m_loopStatePanel->setPlayheadNs(ns);
}

void InspectorDocks::showLoopState()
{
    m_loopStateDock->show();
    m_loopStateDock->raise();
}

void InspectorDocks::retranslate()
{
    m_loopStateDock->setWindowTitle(
        QCoreApplication::translate("Coroscope::MainWindow", "Loop state"));
    m_detailsDock->setWindowTitle(QCoreApplication::translate("Coroscope::MainWindow", "Details"));
}

} // namespace Coroscope
