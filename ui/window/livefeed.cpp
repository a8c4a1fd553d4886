#include "livefeed.h"

// The words here moved from MainWindow with their code: they keep its translation context.

#include "livetrace.h"
#include "trace/recorder.h"

#include <QCoreApplication>
#include <QProgressBar>
#include <QStatusBar>

namespace Coroscope {

namespace {
// A repaint per frame while live: the GUI reads trace snapshots, never one signal per event.
constexpr int RefreshIntervalMs = 16;
} // namespace

LiveFeed::LiveFeed(LiveTrace *liveTrace, QStatusBar *statusBar, QObject *parent)
    : QObject(parent)
    , m_liveTrace(liveTrace)
    , m_statusBar(statusBar)
{
    m_refreshTimer.setInterval(RefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &LiveFeed::refresh);

    m_progress = new QProgressBar(statusBar);
    m_progress->setMaximumWidth(240);
    m_progress->setMaximumHeight(16);
    m_progress->setVisible(false);
    statusBar->addPermanentWidget(m_progress);
    retranslate();
}

LiveFeed::~LiveFeed() = default;

void LiveFeed::follow(std::shared_ptr<TraceRecorder> recorder, int tasks)
{
    m_recorder = std::move(recorder);
    m_liveTrace->attach(m_recorder);
    m_refreshTimer.start();
    m_progress->setRange(0, tasks);
    m_progress->setValue(0);
    m_progress->setVisible(true);
}

void LiveFeed::finish()
{
    m_refreshTimer.stop();
    m_liveTrace->refresh(); // the last events and the end time
    m_progress->setVisible(false);
}

void LiveFeed::drop()
{
    m_refreshTimer.stop();
    m_progress->setVisible(false);
    m_recorder.reset();
}

void LiveFeed::hideProgress()
{
    m_progress->setVisible(false);
}

void LiveFeed::retranslate()
{
    m_progress->setFormat(QCoreApplication::translate("Coroscope::MainWindow", "%v / %m tasks"));
}

void LiveFeed::refresh()
{
    m_liveTrace->refresh();
    if (m_recorder)
        m_progress->setValue(m_recorder->finishedCount());
    const bool measuring = m_recorder && m_recorder->isMeasuringAlone();
    if (measuring != m_measuringShown) {
        m_measuringShown = measuring;
        const QString text = QCoreApplication::translate(
            "Coroscope::MainWindow",
            "Measuring each URL alone (the speed-up's baseline) before "
            "the run…");
        if (measuring) {
            m_messageBeforeMeasuring = m_statusBar->currentMessage();
            m_statusBar->showMessage(text);
        } else if (m_statusBar->currentMessage() == text) {
            m_statusBar->showMessage(m_messageBeforeMeasuring);
        }
    }
}

} // namespace Coroscope
