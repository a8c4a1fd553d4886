#include "livefeed.h"

// The words here moved from MainWindow with their code: they keep its translation context.

#include "livetrace.h"
#include "trace/recorder.h"

#include <QCoreApplication>
#include <QProgressBar>
#include <QStatusBar>

#include <algorithm>

namespace Coroscope {

LiveFeed::LiveFeed(LiveTrace *liveTrace, QStatusBar *statusBar, QObject *parent)
    : QObject(parent)
    , m_liveTrace(liveTrace)
    , m_statusBar(statusBar)
{
    // The GUI reads trace snapshots at this pace while live, never one signal per event.
    m_refreshTimer.setInterval(m_refreshPacer.minIntervalMs());
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
    m_refreshPacer.restart();
    m_refreshTimer.start(m_refreshPacer.minIntervalMs());
    m_progress->setRange(0, std::max(tasks, 0));
    m_progress->setValue(0);
    m_progress->setVisible(tasks > 0);
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

void LiveFeed::retranslate()
{
    m_progress->setFormat(QCoreApplication::translate("Coroscope::MainWindow", "%v / %m tasks"));
}

void LiveFeed::refresh()
{
    m_liveTrace->refresh();
    // The next refresh comes as soon as what this window did since the last one allows.
    m_refreshTimer.setInterval(m_refreshPacer.nextIntervalMs());
    if (m_recorder && m_progress->isVisible())
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
