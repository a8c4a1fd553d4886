#include "diagnosticsfeed.h"

#include "diagnosticspanel.h"
#include "livetrace.h"
#include "throttle.h"
#include "trace/diagnostics.h"

#include <QEvent>

namespace Coroscope {

namespace {
// diagnose() walks the whole trace: while live, at most twice a second (and never more than a
// fifth of the GUI thread's time); a finished trace is diagnosed at once.
constexpr qint64 DiagnosticsIntervalMs = 500;
} // namespace

DiagnosticsFeed::DiagnosticsFeed(LiveTrace *liveTrace, DiagnosticsPanel *panel, QObject *parent)
    : QObject(parent)
    , m_liveTrace(liveTrace)
    , m_panel(panel)
    , m_throttle(new Throttle(
          DiagnosticsIntervalMs, [this]() { diagnoseNow(); }, this))
{
    connect(m_liveTrace, &LiveTrace::changed, this, &DiagnosticsFeed::schedule);
    // A different trace replaces the old findings at once, not after the throttle's delay. One
    // that is not live is diagnosed once, by the changed() that always follows reset().
    connect(m_liveTrace, &LiveTrace::reset, this, [this]() {
        if (!m_liveTrace->isLive())
            return;
        if (m_panel->isVisible())
            update();
        else
            m_stale = true;
    });
    // A hidden panel catches up when it is shown (eventFilter). QDockWidget::visibilityChanged
    // is not reliable for this: a dock shown again reports false until its next layout pass.
    m_panel->installEventFilter(this);
}

void DiagnosticsFeed::schedule()
{
    if (!m_panel->isVisible()) {
        m_stale = true;
        return;
    }
    // Diagnostics follow the replay instant like every view; played back, they are throttled
    // as while live.
    if (!m_liveTrace->isLive() && !m_liveTrace->isViewingPast()) {
        update(); // a new, cleared or finished trace shows at once
        return;
    }
    m_throttle->request();
}

void DiagnosticsFeed::cancel()
{
    m_throttle->cancel();
}

bool DiagnosticsFeed::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_panel && event->type() == QEvent::Show && m_stale)
        update();
    return QObject::eventFilter(watched, event);
}

void DiagnosticsFeed::update()
{
    m_stale = false;
    m_throttle->runNow();
}

void DiagnosticsFeed::diagnoseNow()
{
    m_stale = false;
    const Trace &trace = m_liveTrace->trace();
    m_panel->setDiagnostics(diagnose(trace, m_liveTrace->segments()), !trace.tasks.isEmpty());
}

} // namespace Coroscope
