#pragma once

#include "runspec.h"
#include "trace/recorder.h"

#include <QMutex>
#include <QObject>
#include <QPointer>

#include <atomic>
#include <memory>

class QThread;

namespace Coroscope {

class Scheduler;

// One run of a workload, owned by the caller's thread (the GUI, the command line, a test). The
// workload itself runs on a dedicated scheduler thread with its own event loop, so a strategy
// that blocks its loop never blocks the caller. Read progress through recorder()/snapshot().
class Run : public QObject
{
    Q_OBJECT
public:
    explicit Run(const RunSpec &spec, QObject *parent = nullptr);
    // Stops the run if needed and waits for its thread: safe at any time, e.g. on window close.
    ~Run() override;

    const RunSpec &spec() const { return m_spec; }
    std::shared_ptr<TraceRecorder> recorder() const { return m_recorder; }
    Trace snapshot() const { return m_recorder->snapshot(); }

    void start();
    // Cancels every task; returns at once, finished() follows shortly. Thread-safe.
    void stop();
    bool isRunning() const { return m_started && !m_done; }
    bool isDone() const { return m_done; }
    bool stopRequested() const { return m_cancelFlag.load(); }
    // Blocks (without an event loop) until the run finishes or `ms` pass. For tests and the CLI.
    bool waitForFinished(int ms);

Q_SIGNALS:
    void finished();

private:
    void threadFinished();

    RunSpec m_spec;
    std::shared_ptr<TraceRecorder> m_recorder;
    std::atomic<bool> m_cancelFlag{false};
    QThread *m_thread = nullptr;
    QMutex m_schedulerMutex;
    Scheduler *m_scheduler = nullptr; // valid while its thread's loop runs; guarded by the mutex
    bool m_started = false;
    bool m_done = false;
};

} // namespace Coroscope
