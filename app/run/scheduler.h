#pragma once

#include "fetchworker.h"
#include "runspec.h"
#include "trace/recorder.h"

#include <QCoroTask>
#include <QHash>
#include <QObject>
#include <QSet>

#include <atomic>
#include <coroutine>
#include <deque>
#include <memory>

class QNetworkReply;
class QThread;
class QTimer;

namespace Coroscope {

class AsyncSemaphore;
class ConnectionPool;
class Deadlines;

// The loop under study. Lives on (and is created and destroyed on) a run's scheduler thread;
// runs the workload with the chosen strategy and records everything into the TraceRecorder.
class Scheduler : public QObject
{
    Q_OBJECT
public:
    Scheduler(const RunSpec &spec, std::shared_ptr<TraceRecorder> recorder,
              std::atomic<bool> *cancelFlag, QObject *parent = nullptr);
    ~Scheduler() override;

    void start();
    // Cancels every task: waiting ones finish at once, requests in flight are aborted.
    void cancel();

Q_SIGNALS:
    void finished();

private:
    // Resumes the awaiting coroutine on a later turn of the loop: asyncio's create_task.
    struct LoopTurn
    {
        Scheduler *scheduler;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> handle);
        void await_resume() const noexcept { }
    };
    LoopTurn nextTurn() { return LoopTurn{this}; }

    // Like nextTurn(), but the loop starts at most a few milliseconds of tasks per turn: starting
    // 10,000 requests in one turn held the loop for seconds, which the timeline then showed as
    // a blocked loop the workload never caused. Tasks wait their turn pending, "await loop".
    struct StartTurn
    {
        Scheduler *scheduler;
        bool await_ready() const noexcept { return false; }
        void await_suspend(std::coroutine_handle<> handle);
        void await_resume() const noexcept { }
    };
    StartTurn startTurn() { return StartTurn{this}; }
    void startSlice();

    // Each distinct URL fetched once, alone, before the workload (RunSpec::measureAlone).
    QCoro::Task<> measureEachAlone();
    void startWorkload();

    QCoro::Task<> asyncTask(quint32 id);
    QCoro::Task<> blockingTask(quint32 id);
    QCoro::Task<> wrappedBlockingTask(quint32 id);
    QCoro::Task<TaskInfo> blockingGet(QUrl url);
    QCoro::Task<> sequentialDriver();
    void startThreads();
    void dispatchToWorker(int worker);

    // Blocks the calling (scheduler) thread for a whole request: deliberately the wrong way.
    TaskInfo blockingFetch(const QUrl &url);
    void launch(quint32 id, QCoro::Task<> task);
    void finishTask(quint32 id, const TaskInfo &result);
    void finishCancelled(quint32 id, quint16 waitedFor);
    void recordLoopCpu();
    RequestLimits limits() const;
    void recordStopped();
    void watchMoments(QNetworkReply *reply, quint32 id);
    bool cancelled() const;
    void probeLag();

    RunSpec m_spec;
    RunSettings m_settings; // as recorded in the trace
    QSslConfiguration m_tls; // every https request's: built once per run
    std::shared_ptr<TraceRecorder> m_recorder;
    std::atomic<bool> *m_cancelFlag = nullptr;
    QList<quint32> m_taskUrls;
    ConnectionPool *m_pool = nullptr;
    AsyncSemaphore *m_admission = nullptr;
    Deadlines *m_deadlines = nullptr;
    QSet<QNetworkReply *> m_inFlight;
    int m_remaining = 0;
    bool m_cancelled = false;
    bool m_stopRecorded = false;
    std::deque<std::coroutine_handle<>> m_starting; // tasks waiting for their StartTurn
    bool m_sliceQueued = false;
    bool m_measuringAlone = false;
    QNetworkReply *m_probeReply = nullptr; // the alone measurement's request in flight

    // blocking strategies: the thread that performs the "requests.get" we block on
    QThread *m_fetchThread = nullptr;
    FetchWorker *m_fetcher = nullptr;

    // threads strategy
    QList<QThread *> m_workerThreads;
    QList<FetchWorker *> m_workers;
    quint32 m_nextTask = 0;

    QTimer *m_lagTimer = nullptr;
    qint64 m_lagExpectedNs = 0;

    quint16 m_lblLoop = 0;
    quint16 m_lblConcurrency = 0;
    quint16 m_lblConnection = 0;
    quint16 m_lblSocket = 0;
    quint16 m_lblReply = 0;
    quint16 m_lblHelper = 0;
    quint16 m_lblWorker = 0;
    quint16 m_lblStartRequest = 0;
    quint16 m_lblReadResult = 0;
    quint16 m_lblBlockingFetch = 0;
    quint16 m_lblConnecting = 0;
    quint16 m_lblEncrypted = 0;
    quint16 m_lblSent = 0;
    quint16 m_lblHeaders = 0;
    quint16 m_lblReplyFinished = 0;
    // "await reply (302 → /get)" labels of redirect hops, by text; bounded (hopLabel()).
    QHash<QString, quint16> m_hopLabels;
    quint16 hopLabel(QNetworkReply *reply);
    qint64 m_cpuAtStartNs = -1;
    qint64 m_waitAtStartNs = -1;
    int m_schedstatFd = -1; // /proc/thread-self/schedstat of the loop's thread, -2 = none
};

} // namespace Coroscope
