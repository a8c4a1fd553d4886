#include "scheduler.h"

#include "awaiters.h"
#include "connectionpool.h"
#include "deadlines.h"
#include "resourcelimits.h"
#include "semaphore.h"
#include "trace/phases.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QTimer>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <fcntl.h>
#include <future>
#include <unistd.h>

using namespace std::chrono_literals;

namespace Coroscope {

namespace {
constexpr int LagProbeIntervalMs = 10;

// Runs `task` to completion, then its completion callback (the tutorial's add_done_callback, here
// QCoro's then()), then tells the scheduler the task is done. Owning the Task in this frame keeps
// it alive for then(), whose coroutine refers to it.
QCoro::Task<> withDoneCallback(QCoro::Task<> task, std::function<void()> callback,
                               std::function<void()> done)
{
    co_await task.then(callback);
    done();
}
} // namespace

Scheduler::Scheduler(const RunSpec &spec, std::shared_ptr<TraceRecorder> recorder,
                     std::atomic<bool> *cancelFlag, QObject *parent)
    : QObject(parent)
    , m_spec(spec)
    , m_recorder(std::move(recorder))
    , m_cancelFlag(cancelFlag)
    , m_taskUrls(spec.taskUrls())
    , m_pool(new ConnectionPool(spec.connectionsPerHost, connectionBudget(), this))
    , m_admission(new AsyncSemaphore(spec.concurrency, this))
    , m_deadlines(new Deadlines(this))
    , m_remaining(spec.tasks)
{
    m_settings = RunSettings{spec.concurrency, spec.connectionsPerHost, spec.timeoutMs,
                             spec.workers, m_pool->budget()};
    m_settings.fileLimit = fileLimit();
    m_settings.insecure = spec.insecure;
    m_tls = tlsConfiguration(spec.caCertificates, spec.insecure);
    m_recorder->setSettings(m_settings);
    m_lblLoop = m_recorder->internLabel(QStringLiteral("await loop"));
    m_lblConcurrency = m_recorder->internLabel(QStringLiteral("await concurrency limit"));
    m_lblConnection = m_recorder->internLabel(QStringLiteral("await connection"));
    m_lblSocket = m_recorder->internLabel(QStringLiteral("await socket"));
    m_lblReply = m_recorder->internLabel(QStringLiteral("await reply"));
    m_lblHelper = m_recorder->internLabel(QStringLiteral("await get()"));
    m_lblWorker = m_recorder->internLabel(QStringLiteral("await worker"));
    m_lblStartRequest = m_recorder->internLabel(QStringLiteral("QNetworkAccessManager::get"));
    m_lblReadResult = m_recorder->internLabel(QStringLiteral("read the reply"));
    m_lblBlockingFetch = m_recorder->internLabel(QStringLiteral("blocking fetch"));
    m_lblConnecting = m_recorder->internLabel(QLatin1String(NetworkMoment::Connecting));
    m_lblEncrypted = m_recorder->internLabel(QLatin1String(NetworkMoment::Encrypted));
    m_lblSent = m_recorder->internLabel(QLatin1String(NetworkMoment::RequestSent));
    m_lblHeaders = m_recorder->internLabel(QLatin1String(NetworkMoment::Headers));
    m_lblReplyFinished = m_recorder->internLabel(QLatin1String(NetworkMoment::Finished));
}

Scheduler::~Scheduler()
{
    if (m_schedstatFd >= 0)
        ::close(m_schedstatFd);
    if (m_fetchThread) {
        QMetaObject::invokeMethod(
            m_fetcher, [this]() { delete m_fetcher; }, Qt::BlockingQueuedConnection);
        m_fetchThread->quit();
        m_fetchThread->wait();
        delete m_fetchThread;
    }
    for (qsizetype w = 0; w < m_workerThreads.size(); ++w) {
        FetchWorker *worker = m_workers.at(w);
        QMetaObject::invokeMethod(
            worker, [worker]() { delete worker; }, Qt::BlockingQueuedConnection);
        m_workerThreads.at(w)->quit();
        m_workerThreads.at(w)->wait();
        delete m_workerThreads.at(w);
    }
}

void Scheduler::StartTurn::await_suspend(std::coroutine_handle<> handle)
{
    scheduler->m_starting.push_back(handle);
    if (!scheduler->m_sliceQueued) {
        scheduler->m_sliceQueued = true;
        QMetaObject::invokeMethod(scheduler, &Scheduler::startSlice, Qt::QueuedConnection);
    }
}

void Scheduler::startSlice()
{
    constexpr qint64 SliceNs = 4 * 1000000; // well under the lag probe's 10 ms
    m_sliceQueued = false;
    const qint64 until = m_recorder->nowNs() + SliceNs;
    // Always at least one, so a slow get() cannot starve the queue.
    do {
        const std::coroutine_handle<> handle = m_starting.front();
        m_starting.pop_front();
        handle.resume();
    } while (!m_starting.empty() && m_recorder->nowNs() < until);
    if (!m_starting.empty()) {
        m_sliceQueued = true;
        QMetaObject::invokeMethod(this, &Scheduler::startSlice, Qt::QueuedConnection);
    }
}

void Scheduler::LoopTurn::await_suspend(std::coroutine_handle<> handle)
{
    QMetaObject::invokeMethod(
        scheduler, [handle]() { handle.resume(); }, Qt::QueuedConnection);
}

bool Scheduler::cancelled() const
{
    return m_cancelled || m_cancelFlag->load(std::memory_order_relaxed);
}

void Scheduler::start()
{
    if (m_spec.measureAlone && !m_spec.knownProbes.isEmpty()) {
        m_recorder->setProbes(m_spec.knownProbes); // measured by an earlier run of this Compare
        startWorkload();
    } else if (m_spec.measureAlone && m_spec.tasks > 0 && !m_spec.urls.isEmpty()) {
        measureEachAlone();
    } else {
        startWorkload();
    }
}

namespace {
// How a chain of redirects ends when Stop comes between two hops (a task's or a lone fetch's).
TaskInfo cancelledBetweenHops()
{
    TaskInfo result;
    result.result = TaskResult::Cancelled;
    result.error = Scheduler::tr("cancelled");
    return result;
}
} // namespace

QCoro::Task<> Scheduler::measureEachAlone()
{
    // Before the run's clock starts, so that nothing of the workload (its timeline, counts,
    // wall time) changes. One request at a time, each on a manager of its own (so a connection
    // of its own, as a lone request would have), with the run's TLS and limits.
    constexpr qint64 BudgetNs = 10LL * 1000 * 1000 * 1000;
    m_measuringAlone = true;
    m_recorder->setMeasuringAlone(true);
    const int distinct = int(std::min<qsizetype>(m_spec.urls.size(), m_spec.tasks));
    QList<UrlProbe> probes;
    for (int i = 0; i < std::min(distinct, UrlProbe::MaxUrls); ++i)
        probes.append(UrlProbe{quint32(i)});
    QElapsedTimer budget;
    budget.start();
    for (UrlProbe &probe : probes) {
        const qint64 leftMs = (BudgetNs - budget.nsecsElapsed()) / 1000000;
        if (cancelled() || leftMs <= 0)
            break; // said: the URLs left have no measurement (aloneNs -1)
        auto *manager = new QNetworkAccessManager(this);
        // Redirects hop by hop through RedirectChain, as a task follows them: the lone fetch is
        // then the very requests a task sends (Qt's own following sent others: it followed a
        // redirect loop to its limit of 50, where a task stops at the loop).
        RedirectChain chain(m_spec.urls.at(probe.urlIndex));
        const qint64 startNs = m_recorder->nowNs();
        qint64 endNs = -1;
        // One time limit for the whole chain, as Qt's following had.
        const int limitMs
            = int(m_spec.timeoutMs > 0 ? std::min<qint64>(m_spec.timeoutMs, leftMs) : leftMs);
        QElapsedTimer chainClock;
        chainClock.start();
        TaskInfo r;
        for (;;) {
            QNetworkReply *reply = manager->get(makeRequest(chain.current(), m_tls));
            // Stamped when the loop learns the answer is in, not when the coroutine resumes.
            connect(reply, &QNetworkReply::finished, reply,
                    [this, &endNs]() { endNs = m_recorder->nowNs(); });
            watchCertificateErrors(reply);
            BodyCount body;
            countBody(reply, &body, m_spec.maxBodyBytes);
            const qint64 hopMs = std::max<qint64>(0, limitMs - chainClock.elapsed());
            QTimer::singleShot(int(hopMs), reply, [reply]() { timeOutReply(reply); });
            m_probeReply = reply;
            co_await ReplyFinished(reply);
            m_probeReply = nullptr;
            r = fetchResultOf(reply, body, cancelled());
            const bool again = chain.follow(reply, &r);
            reply->disconnect();
            reply->deleteLater();
            if (!again)
                break;
            if (cancelled()) {
                r = cancelledBetweenHops();
                break;
            }
        }
        manager->deleteLater();
        if (r.result == TaskResult::Cancelled)
            break;
        probe.httpStatus
            = (r.result == TaskResult::Ok || r.result == TaskResult::Error) ? r.httpStatus : 0;
        qint64 aloneNs = std::max<qint64>(0, endNs - startNs);
        // A server that reports queueing this request behind others' (not ours: nothing of
        // this run is in flight) is not this request's cost either.
        qint64 queuedMs = std::max<qint64>(0, r.serverQueuedMs);
        for (const RedirectHop &hop : chain.finish(r).redirects)
            queuedMs += std::max<qint64>(0, hop.serverQueuedMs);
        aloneNs -= std::min(aloneNs / 1000000, queuedMs) * 1000000;
        probe.aloneNs = aloneNs;
    }
    m_recorder->setProbes(probes);
    m_measuringAlone = false;
    m_recorder->setMeasuringAlone(false);
    startWorkload();
}

void Scheduler::startWorkload()
{
    // Stopped while each URL was measured alone: the workload starts to end at once, through
    // cancel() as for any Stop, so that every strategy's tasks end cancelled.
    const bool stoppedEarly = m_cancelled;
    m_cancelled = false;
    m_recorder->start();
    if (m_spec.lagProbe) {
        m_lagTimer = new QTimer(this);
        m_lagTimer->setTimerType(Qt::PreciseTimer);
        m_lagTimer->setInterval(LagProbeIntervalMs);
        connect(m_lagTimer, &QTimer::timeout, this, &Scheduler::probeLag);
        m_lagExpectedNs = m_recorder->nowNs() + LagProbeIntervalMs * 1000000LL;
        recordLoopCpu();
        m_lagTimer->start();
    }
    if (m_spec.strategy == Strategy::Blocking || m_spec.strategy == Strategy::WrappedBlocking) {
        m_fetchThread = new QThread;
        m_fetchThread->setObjectName(QStringLiteral("coroscope-fetch"));
        m_fetcher = new FetchWorker;
        m_fetcher->moveToThread(m_fetchThread);
        m_fetchThread->start();
    }

    switch (m_spec.strategy) {
    case Strategy::Async:
    case Strategy::Blocking:
    case Strategy::WrappedBlocking:
        // Like asyncio.create_task: every task exists at once and waits for the loop to run it.
        for (quint32 id = 0; id < quint32(m_spec.tasks); ++id)
            m_recorder->record(id, EventKind::Created);
        for (quint32 id = 0; id < quint32(m_spec.tasks); ++id) {
            if (m_spec.strategy == Strategy::Async)
                launch(id, asyncTask(id));
            else if (m_spec.strategy == Strategy::Blocking)
                launch(id, blockingTask(id));
            else
                launch(id, wrappedBlockingTask(id));
        }
        break;
    case Strategy::Sequential:
        sequentialDriver();
        break;
    case Strategy::Threads:
        startThreads();
        break;
    }
    if (stoppedEarly)
        cancel();
}

void Scheduler::launch(quint32 id, QCoro::Task<> task)
{
    withDoneCallback(
        std::move(task), [this, id]() { m_recorder->record(id, EventKind::DoneCallback); },
        [this]() {
            if (--m_remaining > 0)
                return;
            // asyncio.wait's moment, when every task ran to its end; a stopped run has none.
            if (cancelled())
                recordStopped(); // a blocking loop saw only the flag, never the queued cancel()
            else
                m_recorder->record(LoopTask, EventKind::AllDone);
            if (m_lagTimer) {
                // A loop that was blocked until the very end never let the probe fire: the
                // overdue tick is the lag it would have measured.
                if (m_recorder->nowNs() > m_lagExpectedNs)
                    probeLag();
                else
                    recordLoopCpu();
                m_lagTimer->stop();
            }
            m_recorder->markComplete();
            Q_EMIT finished();
        });
}

void Scheduler::cancel()
{
    if (m_cancelled)
        return;
    m_cancelled = true;
    if (m_measuringAlone) {
        // The workload has not started: its tasks end cancelled when it does (and the Stop is
        // recorded then, on the run's clock).
        if (m_probeReply)
            cancelReply(m_probeReply);
        return;
    }
    recordStopped();
    m_admission->cancelAll();
    m_pool->cancelAll();
    const auto inFlight = m_inFlight;
    for (QNetworkReply *reply : inFlight)
        cancelReply(reply); // finished() arrives; the awaiting task resumes on a later loop turn
    if (m_fetcher)
        QMetaObject::invokeMethod(m_fetcher, &FetchWorker::abortAll);
    for (FetchWorker *worker : std::as_const(m_workers))
        QMetaObject::invokeMethod(worker, &FetchWorker::abortAll);
    if (m_spec.strategy == Strategy::Threads) {
        // Tasks not yet handed to a worker will never run.
        while (m_nextTask < quint32(m_spec.tasks)) {
            const quint32 id = m_nextTask++;
            finishCancelled(id, m_lblWorker);
            launch(id, []() -> QCoro::Task<> { co_return; }());
        }
    }
}

void Scheduler::finishTask(quint32 id, const TaskInfo &r)
{
    m_recorder->finish(id, r);
}

void Scheduler::finishCancelled(quint32 id, quint16 waitedFor)
{
    TaskInfo outcome;
    outcome.result = TaskResult::Cancelled;
    outcome.error = tr("cancelled before it started");
    m_recorder->finish(id, outcome, waitedFor);
}

QCoro::Task<> Scheduler::asyncTask(quint32 id)
{
    co_await startTurn();
    if (cancelled()) {
        finishCancelled(id, m_lblLoop);
        co_return;
    }
    // Pending: until the task holds everything it needs to run (loop, permit, connection).
    quint16 waitedFor = m_lblLoop;
    const AsyncSemaphore::Grant permit = co_await m_admission->acquire();
    if (permit != AsyncSemaphore::Grant::Immediate)
        waitedFor = m_lblConcurrency;
    if (permit == AsyncSemaphore::Grant::Cancelled || cancelled()) {
        if (permit != AsyncSemaphore::Grant::Cancelled)
            m_admission->release();
        finishCancelled(id, waitedFor);
        co_return;
    }
    const QUrl url = m_spec.urls.at(m_taskUrls.at(id));
    const QString host = ConnectionPool::hostKey(url);
    const AsyncSemaphore::Grant slot = co_await m_pool->acquireSlot(host);
    if (slot != AsyncSemaphore::Grant::Immediate)
        waitedFor = m_lblConnection;
    if (slot == AsyncSemaphore::Grant::Cancelled || cancelled()) {
        if (slot != AsyncSemaphore::Grant::Cancelled)
            m_pool->releaseSlot(host);
        m_admission->release();
        finishCancelled(id, waitedFor);
        co_return;
    }
    const AsyncSemaphore::Grant socket = co_await m_pool->acquireBudget();
    if (socket != AsyncSemaphore::Grant::Immediate)
        waitedFor = m_lblSocket;
    if (socket == AsyncSemaphore::Grant::Cancelled || cancelled()) {
        if (socket != AsyncSemaphore::Grant::Cancelled)
            m_pool->releaseBudget();
        m_pool->releaseSlot(host);
        m_admission->release();
        finishCancelled(id, waitedFor);
        co_return;
    }
    m_recorder->record(id, EventKind::Admitted, waitedFor);
    m_recorder->record(id, EventKind::Doing, m_lblStartRequest);

    const ConnectionPool::Lease lease = m_pool->lease(host);
    // One request per redirect hop, each its own `await reply` (RedirectChain, fetchworker.h).
    RedirectChain chain(url);
    TaskInfo result;
    for (;;) {
        const QUrl target = chain.current();
        QNetworkRequest request = makeRequest(target, m_tls);
        // The lane's name is only for its own host: on https it is what the certificate of
        // another host would be checked against.
        if (ConnectionPool::hostKey(target) == host)
            ConnectionPool::prepare(request, lease);
        QNetworkReply *reply = lease.manager->get(request);
        watchCertificateErrors(reply);
        watchMoments(reply, id);
        m_inFlight.insert(reply);
        BodyCount body;
        countBody(reply, &body, m_spec.maxBodyBytes);
        m_deadlines->arm(reply, m_spec.timeoutMs);

        co_await tracedReply(m_recorder.get(), id, m_lblReply, reply,
                             [this](QNetworkReply *r) { return hopLabel(r); });

        m_recorder->record(id, EventKind::Doing, m_lblReadResult);
        m_inFlight.remove(reply);
        result = fetchResultOf(reply, body, cancelled());
        const bool again = chain.follow(reply, &result);
        reply->disconnect();
        reply->deleteLater();
        if (!again)
            break;
        if (cancelled()) {
            result = cancelledBetweenHops();
            break;
        }
        m_recorder->record(id, EventKind::Doing, m_lblStartRequest);
    }
    m_pool->release(host, lease);
    m_admission->release();
    finishTask(id, chain.finish(result));
}

quint16 Scheduler::hopLabel(QNetworkReply *reply)
{
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
        return 0;
    const QUrl to = redirectLocation(reply);
    if (!to.isValid())
        return 0;
    QString text = RedirectChain::awaitLabel(status, reply->url(), to);
    // Labels are 16-bit ids, each looked up by text: a run redirecting everywhere names only
    // the status past a thousand targets.
    if (!m_hopLabels.contains(text) && m_hopLabels.size() >= 1000)
        text = QStringLiteral("await reply (%1)").arg(status);
    auto it = m_hopLabels.constFind(text);
    if (it == m_hopLabels.constEnd())
        it = m_hopLabels.insert(text, m_recorder->internLabel(text));
    return it.value();
}

TaskInfo Scheduler::blockingFetch(const QUrl &url)
{
    std::promise<TaskInfo> promise;
    std::future<TaskInfo> future = promise.get_future();
    FetchWorker *fetcher = m_fetcher;
    const RequestLimits limits = this->limits();
    QMetaObject::invokeMethod(fetcher, [fetcher, url, limits, &promise]() {
        fetcher->fetch(url, limits, [&promise](const TaskInfo &r) { promise.set_value(r); });
    });
    // The scheduler thread does not process events here: this is what blocking the loop means.
    // Only Stop can cut it short, through the atomic flag the GUI thread sets.
    bool abortSent = false;
    while (future.wait_for(5ms) != std::future_status::ready) {
        if (!abortSent && m_cancelFlag->load(std::memory_order_relaxed)) {
            recordStopped(); // when Stop took effect, not when the blocked loop gets to it
            QMetaObject::invokeMethod(fetcher, &FetchWorker::abortAll);
            abortSent = true;
        }
    }
    return future.get();
}

QCoro::Task<> Scheduler::blockingTask(quint32 id)
{
    co_await nextTurn();
    if (cancelled()) {
        finishCancelled(id, m_lblLoop);
        co_return;
    }
    m_recorder->record(id, EventKind::Admitted, m_lblLoop);
    m_recorder->record(id, EventKind::Doing, m_lblBlockingFetch);
    // The `requests.get()` inside `async def` mistake: no co_await, the loop is stuck here.
    finishTask(id, blockingFetch(m_spec.urls.at(m_taskUrls.at(id))));
}

QCoro::Task<TaskInfo> Scheduler::blockingGet(QUrl url)
{
    // A coroutine in name only: it never suspends, so awaiting it cannot yield the loop.
    co_return blockingFetch(url);
}

QCoro::Task<> Scheduler::wrappedBlockingTask(quint32 id)
{
    co_await nextTurn();
    if (cancelled()) {
        finishCancelled(id, m_lblLoop);
        co_return;
    }
    m_recorder->record(id, EventKind::Admitted, m_lblLoop);
    // blockingGet() runs to its end before the co_await even starts: it is eager and never
    // suspends, so the fetch belongs to this running stretch.
    m_recorder->record(id, EventKind::Doing, m_lblBlockingFetch);
    const TaskInfo result = co_await traced(m_recorder.get(), id, m_lblHelper,
                                            blockingGet(m_spec.urls.at(m_taskUrls.at(id))));
    finishTask(id, result);
}

QCoro::Task<> Scheduler::sequentialDriver()
{
    // One task at a time, each awaited before the next one is even created: the baseline.
    for (quint32 id = 0; id < quint32(m_spec.tasks); ++id) {
        m_recorder->record(id, EventKind::Created);
        if (cancelled()) {
            finishCancelled(id, m_lblLoop);
            launch(id, []() -> QCoro::Task<> { co_return; }());
            continue;
        }
        QCoro::Task<> task = asyncTask(id);
        bool done = false;
        launch(id, [](QCoro::Task<> inner, bool *flag) -> QCoro::Task<> {
            co_await inner;
            *flag = true;
        }(std::move(task), &done));
        while (!done)
            co_await nextTurn();
    }
}

void Scheduler::startThreads()
{
    for (quint32 id = 0; id < quint32(m_spec.tasks); ++id)
        m_recorder->record(id, EventKind::Created);
    // Each worker costs descriptors; beyond the budget GLib aborts the process ("Creating pipes
    // for GWakeup: Too many open files"). Run within it and say so in the trace.
    const int workers = std::min({m_spec.workers, m_spec.tasks, workerBudget()});
    if (workers < std::min(m_spec.workers, m_spec.tasks)) {
        m_settings.workers = workers;
        m_settings.workersRequested = m_spec.workers;
        m_recorder->setSettings(m_settings);
    }
    for (int w = 0; w < workers; ++w) {
        auto *thread = new QThread;
        thread->setObjectName(QStringLiteral("coroscope-worker-%1").arg(w));
        auto *worker = new FetchWorker;
        worker->moveToThread(thread);
        thread->start();
        m_workerThreads.append(thread);
        m_workers.append(worker);
    }
    for (int w = 0; w < workers; ++w)
        dispatchToWorker(w);
}

void Scheduler::dispatchToWorker(int w)
{
    if (cancelled() || m_nextTask >= quint32(m_spec.tasks))
        return;
    const quint32 id = m_nextTask++;
    FetchWorker *worker = m_workers.at(w);
    const QUrl url = m_spec.urls.at(m_taskUrls.at(id));
    const RequestLimits limits = this->limits();
    std::shared_ptr<TraceRecorder> recorder = m_recorder;
    const quint16 label = m_lblWorker;
    const quint16 fetchLabel = m_lblBlockingFetch;
    QMetaObject::invokeMethod(
        worker, [this, worker, recorder, id, url, limits, w, label, fetchLabel]() {
            // On the worker thread: the whole request is one blocking call from the task's view.
            recorder->setWorker(id, qint16(w));
            recorder->record(id, EventKind::Admitted, label);
            recorder->record(id, EventKind::Doing, fetchLabel);
            worker->fetch(url, limits, [this, recorder, id, w](const TaskInfo &r) {
                recorder->finish(id, r);
                QMetaObject::invokeMethod(this, [this, id, w]() {
                    launch(id, []() -> QCoro::Task<> { co_return; }());
                    dispatchToWorker(w);
                });
            });
        });
}

void Scheduler::watchMoments(QNetworkReply *reply, quint32 id)
{
    // The moments Qt tells the loop about, for the phases of `await reply` (trace/phases.h).
    // Direct connections: the reply lives on this thread, so each is stamped when the loop
    // learns of it. socketStartedConnecting comes only for a request that opens a connection.
    TraceRecorder *recorder = m_recorder.get();
    auto mark = [recorder, id](quint16 label) {
        return [recorder, id, label]() { recorder->record(id, EventKind::Network, label); };
    };
    connect(reply, &QNetworkReply::socketStartedConnecting, reply, mark(m_lblConnecting));
    connect(reply, &QNetworkReply::encrypted, reply, mark(m_lblEncrypted));
    connect(reply, &QNetworkReply::requestSent, reply, mark(m_lblSent));
    connect(reply, &QNetworkReply::metaDataChanged, reply, mark(m_lblHeaders));
    connect(reply, &QNetworkReply::finished, reply, mark(m_lblReplyFinished));
}

void Scheduler::recordStopped()
{
    if (m_stopRecorded)
        return;
    m_stopRecorded = true;
    m_recorder->record(LoopTask, EventKind::Stopped);
}

RequestLimits Scheduler::limits() const
{
    RequestLimits limits;
    limits.timeoutMs = m_spec.timeoutMs;
    limits.maxBodyBytes = m_spec.maxBodyBytes;
    limits.tls = m_tls;
    return limits;
}

void Scheduler::probeLag()
{
    const qint64 now = m_recorder->nowNs();
    const qint64 lateNs = std::max<qint64>(0, now - m_lagExpectedNs);
    m_recorder->recordAt(now, LoopTask, EventKind::LagSample, 0,
                         qint32(std::min<qint64>(lateNs / 1000, INT32_MAX)));
    recordLoopCpu();
    m_lagExpectedNs = now + LagProbeIntervalMs * 1000000LL;
}

void Scheduler::recordLoopCpu()
{
    // Where this thread's time went, next to the wall clock: a 100 ms stretch with 2 ms on a CPU
    // and 95 ms waiting for one was the machine starving the loop, not the loop doing work; with
    // little of either it was asleep inside a call. Linux's schedstat has both (on-CPU and
    // run-queue wait, ns); without it, the thread's CPU clock gives the first.
    qint64 cpuNs = -1;
    qint64 waitNs = -1;
    if (m_schedstatFd == -1)
        m_schedstatFd = std::max(-2, ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC));
    if (m_schedstatFd >= 0) {
        char text[96] = {};
        const ssize_t n = ::pread(m_schedstatFd, text, sizeof text - 1, 0);
        unsigned long long cpu = 0;
        unsigned long long wait = 0;
        if (n > 0 && std::sscanf(text, "%llu %llu", &cpu, &wait) == 2) {
            cpuNs = qint64(cpu);
            waitNs = qint64(wait);
        }
    }
    if (cpuNs < 0) {
        timespec cpu{};
        if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu) != 0)
            return;
        cpuNs = qint64(cpu.tv_sec) * 1000000000 + cpu.tv_nsec;
    }
    if (m_cpuAtStartNs < 0) {
        m_cpuAtStartNs = cpuNs;
        m_waitAtStartNs = waitNs;
    }
    const auto us = [](qint64 ns) { return qint32(std::clamp<qint64>(ns / 1000, 0, INT32_MAX)); };
    // One instant for both, so that a span of one is a span of the other.
    const qint64 now = m_recorder->nowNs();
    m_recorder->recordAt(now, LoopTask, EventKind::LoopCpu, 0, us(cpuNs - m_cpuAtStartNs));
    if (waitNs >= 0 && m_waitAtStartNs >= 0)
        m_recorder->recordAt(now, LoopTask, EventKind::LoopWait, 0, us(waitNs - m_waitAtStartNs));
}

} // namespace Coroscope
