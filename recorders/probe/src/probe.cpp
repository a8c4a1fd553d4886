// What the program's threads do at each traced event: find the task, time it, push one event.
#include "probe_p.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QString>
#include <QThread>

#include <cxxabi.h>
#include <time.h>
#include <typeinfo>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

namespace Coroscope {
namespace ProbeDetail {

std::atomic<bool> g_recording{false};

namespace {

constexpr std::uint64_t HeldNs = 50'000'000; // a step longer than this held its loop (H)
std::atomic<std::uint64_t> g_nextTask{1};

std::uint64_t monotonicNs() noexcept
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000u + std::uint64_t(ts.tv_nsec);
}
const std::uint64_t g_zero = monotonicNs();

thread_local ThreadState *t_state = nullptr;
thread_local bool t_ended = false;

void flushPendingEnd(ThreadState &ts, std::uint64_t unless = 0);

struct ThreadGuard
{
    ~ThreadGuard()
    {
        // The ring stays with the writer until drained; the thread's stack goes.
        if (t_state) {
            flushPendingEnd(*t_state);
            t_state->ring->closed.store(true, std::memory_order_release);
            delete t_state;
            t_state = nullptr;
        }
        t_ended = true;
    }
};

QByteArray laneName()
{
    if (gettid() == getpid())
        return QByteArrayLiteral("main thread");
    const QString name = QThread::currentThread()->objectName();
    if (!name.isEmpty())
        return name.toUtf8();
    return QByteArrayLiteral("thread ") + QByteArray::number(qint64(gettid()));
}

void push(ThreadState &ts, Event e, std::uint64_t keep) noexcept;

void hookDispatcher(ThreadState &ts)
{
    // A thread without an event loop yet gets one later: retried at its next task event.
    QAbstractEventDispatcher *dispatcher = QAbstractEventDispatcher::instance();
    if (!dispatcher)
        return;
    ts.hooked = true;
    // Direct connections without a context: called in the dispatcher's own thread.
    QObject::connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, [] {
        if (recording() && t_state)
            push(*t_state,
                 Event{nowNs(), 0, 0, nullptr, nullptr, nullptr, 0, 0, Kind::Idle, {}, false}, 0);
    });
    QObject::connect(dispatcher, &QAbstractEventDispatcher::awake, [] {
        if (recording() && t_state)
            push(*t_state,
                 Event{nowNs(), 0, 0, nullptr, nullptr, nullptr, 0, 0, Kind::Busy, {}, false}, 0);
    });
}

ThreadState *state()
{
    if (t_state)
        return t_state;
    if (t_ended)
        return nullptr;
    static thread_local ThreadGuard guard;
    (void)guard;
    auto *ts = new ThreadState;
    ts->ring = newRing();
    ts->ring->name = laneName();
    ts->stack.reserve(16);
    t_state = ts;
    hookDispatcher(*ts);
    return ts;
}

void flushPendingEnd(ThreadState &ts, std::uint64_t unless)
{
    if (!ts.pendingEnd.task || ts.pendingEnd.task == unless)
        return;
    static const std::uint32_t unknown = internText(QByteArrayLiteral("exception"));
    ts.ring->push(Event{ts.pendingEnd.t, ts.pendingEnd.task, 0, nullptr, nullptr, nullptr, 0,
                        unknown, Kind::Ended, Result::Error, false});
    ts.pendingEnd = {};
}

// `keep`: a task whose error end may still learn its exception's words from this await.
void push(ThreadState &ts, Event e, std::uint64_t keep = 0) noexcept
{
    if (ts.pendingEnd.task)
        flushPendingEnd(ts, keep);
    ts.ring->push(e);
}

TaskName *findTask(ThreadState &ts, void *frame)
{
    if (ts.stack.empty())
        return nullptr;
    if (!frame)
        return ts.stack.back();
    for (auto it = ts.stack.rbegin(); it != ts.stack.rend(); ++it) {
        if ((*it)->m_frame == frame)
            return *it;
    }
    return nullptr; // a coroutine without a TaskName: not recorded
}

void removeFromStack(ThreadState &ts, TaskName *task)
{
    if (!ts.stack.empty() && ts.stack.back() == task) {
        ts.stack.pop_back();
        return;
    }
    auto it = std::find(ts.stack.rbegin(), ts.stack.rend(), task);
    if (it != ts.stack.rend())
        ts.stack.erase(std::next(it).base());
}

void endStep(ThreadState &ts, TaskName &task, std::uint64_t t)
{
    if (task.m_stepStart && t - task.m_stepStart >= HeldNs) {
        push(ts,
             Event{t,
                   task.m_id,
                   t - task.m_stepStart,
                   task.m_stepFile,
                   nullptr,
                   nullptr,
                   task.m_stepLine,
                   0,
                   Kind::Held,
                   {},
                   false});
    }
    task.m_stepStart = 0;
}

void recordEnd(const AwaitRecord &record, const QByteArray &error) noexcept
{
    ThreadState *ts = t_state;
    if (!ts || ts->pendingEnd.task != record.awaitedTask)
        return;
    ts->ring->push(Event{ts->pendingEnd.t, ts->pendingEnd.task, 0, nullptr, nullptr, nullptr, 0,
                         internText(error), Kind::Ended, Result::Error, false});
    ts->pendingEnd = {};
}

} // namespace

std::uint64_t nowNs() noexcept
{
    return monotonicNs() - g_zero;
}

void takeChild(AwaitRecord &record, void *frame, void *childFrame)
{
    ThreadState *ts = state();
    if (!ts || !childFrame)
        return;
    TaskName *task = findTask(*ts, frame);
    if (!task || task->m_children.empty())
        return;
    // Children are mostly awaited in the order they were made (front) or at once (back); a
    // frame address is reused once its task is gone, so the newest match is the live one.
    auto &children = task->m_children;
    auto found = children.end();
    if (children.front().frame == childFrame)
        found = children.begin();
    for (auto it = children.rbegin(); found == children.end() && it != children.rend(); ++it) {
        if (it->frame == childFrame)
            found = std::next(it).base();
    }
    if (found == children.end())
        return;
    record.awaitedTask = found->id;
    record.label = nullptr;
    record.typeLabel = false;
    record.labelSid = found->nameSid;
    children.erase(found);
}

// The A record of a traced await: the task parks at `where` on what `record` names.
Event suspendedEvent(std::uint64_t t, const TaskName &task, const AwaitRecord &record,
                     const std::source_location &where)
{
    return Event{t,
                 task.m_id,
                 record.awaitedTask,
                 where.file_name(),
                 record.label,
                 nullptr,
                 where.line(),
                 record.labelSid,
                 Kind::Suspended,
                 {},
                 record.typeLabel};
}

void recordReady(AwaitRecord &record, void *frame, const std::source_location &where)
{
    ThreadState *ts = state();
    if (!ts)
        return;
    TaskName *task = findTask(*ts, frame);
    if (!task)
        return;
    const std::uint64_t t = nowNs();
    push(*ts, suspendedEvent(t, *task, record, where), record.awaitedTask);
    record.task = task;
    record.readyT = t;
    record.suspended = false;
}

void recordSuspend(AwaitRecord &record, void *frame, const std::source_location &where)
{
    ThreadState *ts = state();
    if (!ts)
        return;
    TaskName *task = findTask(*ts, frame);
    if (!task)
        return;
    const std::uint64_t t = nowNs();
    endStep(*ts, *task, t);
    push(*ts, suspendedEvent(t, *task, record, where));
    removeFromStack(*ts, task);
    task->m_suspended = true;
    // The next step runs "after co_await at this line" (for its H record).
    task->m_stepFile = where.file_name();
    task->m_stepLine = where.line();
    record.task = task;
    record.suspended = true;
}

void recordResume(AwaitRecord &record)
{
    TaskName *task = record.task;
    record.task = nullptr;
    ThreadState *ts = state();
    if (!ts || !recording())
        return;
    if (!record.suspended) { // did not suspend: a zero-length wait, the step goes on
        ts->ring->push(Event{record.readyT,
                             task->m_id,
                             0,
                             nullptr,
                             nullptr,
                             nullptr,
                             0,
                             0,
                             Kind::Resumed,
                             {},
                             false});
        return;
    }
    const std::uint64_t t = nowNs();
    // A child that just threw wakes this task: keep its end a moment for the error's words.
    flushPendingEnd(*ts, record.awaitedTask);
    ts->ring->push(Event{t,
                         task->m_id,
                         record.awaitedTask,
                         nullptr,
                         nullptr,
                         nullptr,
                         0,
                         0,
                         Kind::Resumed,
                         {},
                         false});
    ts->stack.push_back(task);
    task->m_suspended = false;
    task->m_stepStart = t;
}

void recordException(const AwaitRecord &record, const std::exception &error) noexcept
{
    try {
        const char *mangled = typeid(error).name();
        int status = 0;
        char *demangled = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
        QByteArray text = (status == 0 && demangled) ? QByteArray(demangled) : QByteArray(mangled);
        std::free(demangled);
        recordEnd(record, text + QByteArrayLiteral(": ") + QByteArray(error.what()));
    } catch (...) {
    }
}

void recordUnknownException(const AwaitRecord &record) noexcept
{
    try {
        recordEnd(record, QByteArrayLiteral("exception of a type not derived from std::exception"));
    } catch (...) {
    }
}

} // namespace ProbeDetail

using namespace ProbeDetail;

void TaskName::begin(const char *name, const QString *dynamicName,
                     const std::source_location &where, void *frame) noexcept
{
    ThreadState *ts = state();
    if (!ts)
        return;
    if (!ts->hooked)
        hookDispatcher(*ts);
    const std::uint64_t t = nowNs();
    m_id = g_nextTask.fetch_add(1, std::memory_order_relaxed);
    m_nameSid = internText(dynamicName ? dynamicName->toUtf8() : QByteArray(name ? name : ""));
    m_frame = frame;
    m_uncaught = std::uncaught_exceptions();
    m_stepStart = t;
    m_stepFile = where.file_name();
    m_stepLine = where.line();
    TaskName *parent = ts->stack.empty() ? nullptr : ts->stack.back();
    if (parent && frame)
        parent->m_children.push_back(TaskName::Child{frame, m_id, m_nameSid});
    push(*ts,
         Event{t,
               m_id,
               parent ? parent->m_id : 0,
               where.file_name(),
               nullptr,
               where.function_name(),
               where.line(),
               m_nameSid,
               Kind::Created,
               {},
               false});
    ts->stack.push_back(this);
}

void TaskName::end() noexcept
{
    ThreadState *ts = state();
    if (!ts)
        return;
    const std::uint64_t t = nowNs();
    removeFromStack(*ts, this);
    if (!recording())
        return;
    if (m_suspended) { // destroyed at a traced co_await
        push(*ts,
             Event{t, m_id, 0, nullptr, nullptr, nullptr, 0, 0, Kind::Ended, Result::Cancelled,
                   false});
        return;
    }
    endStep(*ts, *this, t);
    ts->lastEnded = m_id;
    if (std::uncaught_exceptions() > m_uncaught) {
        // Unwinding: the exception is not reachable from here; the awaiting task's traced
        // co_await rethrows it in a moment and completes this end (else it says "exception").
        flushPendingEnd(*ts);
        ts->pendingEnd = PendingEnd{m_id, t};
        return;
    }
    push(*ts, Event{t, m_id, 0, nullptr, nullptr, nullptr, 0, 0, Kind::Ended, Result::Ok, false});
}

void DoneCallback::begin(const char *name) noexcept
{
    ThreadState *ts = state();
    if (!ts)
        return;
    m_name = name;
    m_task = ts->lastEnded;
    m_start = nowNs();
}

void DoneCallback::end() noexcept
{
    ThreadState *ts = state();
    if (!ts || !recording())
        return;
    push(*ts,
         Event{m_start,
               m_task,
               nowNs() - m_start,
               nullptr,
               m_name,
               nullptr,
               0,
               0,
               Kind::Callback,
               {},
               false});
}

namespace {
// Reads COROSCOPE_RECORD before main(); the main thread's loop is hooked once it exists.
struct Start
{
    Start() { installWriterFrom(std::getenv("COROSCOPE_RECORD")); }
} g_start;
} // namespace

void hookApplication()
{
    if (!recording())
        return;
    if (ThreadState *ts = state(); ts && !ts->hooked)
        hookDispatcher(*ts);
    QObject::connect(QCoreApplication::instance(), &QCoreApplication::aboutToQuit,
                     [] { flushProbe(); });
}

} // namespace Coroscope

static void coroscopeProbeStartup()
{
    Coroscope::hookApplication();
}
Q_COREAPP_STARTUP_FUNCTION(coroscopeProbeStartup)
