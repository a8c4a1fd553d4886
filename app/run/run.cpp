#include "run.h"

#include "scheduler.h"

#include <QThread>

namespace Coroscope {

Run::Run(const RunSpec &spec, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_recorder(std::make_shared<TraceRecorder>(strategyName(spec.strategy),
                                                 spec.displayUrlStrings(), spec.taskUrls()))
{
    RunSettings settings{spec.concurrency, spec.connectionsPerHost, spec.timeoutMs, spec.workers};
    settings.insecure = spec.insecure;
    m_recorder->setSettings(settings);
}

Run::~Run()
{
    if (m_thread) {
        stop();
        m_thread->wait();
        delete m_thread;
    }
}

void Run::start()
{
    if (m_started)
        return;
    m_started = true;
    // The scheduler is created and destroyed on its own thread, so that every QObject of the run
    // (managers, replies, timers) lives and dies where its events are processed.
    m_thread = QThread::create([this]() {
        Scheduler scheduler(m_spec, m_recorder, &m_cancelFlag);
        QEventLoop loop;
        QObject::connect(&scheduler, &Scheduler::finished, &loop, &QEventLoop::quit,
                         Qt::QueuedConnection);
        {
            QMutexLocker lock(&m_schedulerMutex);
            m_scheduler = &scheduler;
        }
        scheduler.start();
        if (m_cancelFlag.load())
            scheduler.cancel();
        if (!m_recorder->isComplete())
            loop.exec();
        QMutexLocker lock(&m_schedulerMutex);
        m_scheduler = nullptr;
    });
    m_thread->setObjectName(QStringLiteral("coroscope-scheduler"));
    connect(m_thread, &QThread::finished, this, &Run::threadFinished);
    m_thread->start();
}

void Run::stop()
{
    m_cancelFlag.store(true);
    QMutexLocker lock(&m_schedulerMutex);
    if (m_scheduler) {
        Scheduler *scheduler = m_scheduler;
        QMetaObject::invokeMethod(
            scheduler, [scheduler]() { scheduler->cancel(); }, Qt::QueuedConnection);
    }
}

bool Run::waitForFinished(int ms)
{
    if (!m_thread)
        return false;
    return m_thread->wait(QDeadlineTimer(ms));
}

void Run::threadFinished()
{
    m_done = true;
    Q_EMIT finished();
}

} // namespace Coroscope
