// Coroscope probe: records a QCoro program's tasks and awaits for Coroscope's timeline
// (recorders/FORMAT.md, "csrec" 1.0). Link Coroscope::Probe, include this header, then:
//
//     QCoro::Task<QByteArray> load(QUrl url)
//     {
//         Coroscope::TaskName name("load"); // this coroutine is the task `load` until it ends
//         QNetworkReply *reply = nam.get(QNetworkRequest(url));
//         co_await Coroscope::traced(reply); // suspended at this line, labelled QNetworkReply
//         co_return reply->readAll();
//     }
//
// Recording starts only when the environment variable COROSCOPE_RECORD is set (by
// `coroscope --record -- PROG`, or by hand: `COROSCOPE_RECORD=file:/tmp/run.csrec PROG`).
// Without it, each traced event costs one relaxed atomic load and a branch.
#pragma once

#include <QCoroTask>

#include <atomic>
#include <coroutine>
#include <cstdint>
#include <exception>
#include <source_location>
#include <type_traits>
#include <utility>
#include <vector>

class QNetworkReply;
class QTimer;
class QString;
template<typename T> class QFuture;

// clang gives the current coroutine's frame as a default argument evaluated at the call site:
// it identifies the coroutine exactly (tasks, even unnamed helpers, interleave on one thread).
// Elsewhere the probe falls back to "the task on top of this thread's stack".
#if defined(__clang__)
#define COROSCOPE_PROBE_FRAME __builtin_coro_frame()
#else
#define COROSCOPE_PROBE_FRAME nullptr
#endif

namespace Coroscope {

class TaskName;

namespace ProbeDetail {

extern std::atomic<bool> g_recording;
inline bool recording() noexcept
{
    return g_recording.load(std::memory_order_relaxed);
}

// What one traced co_await knows; filled by the out-of-line recording functions.
struct AwaitRecord
{
    TaskName *task = nullptr; // the task whose suspension was recorded (resume pushes it back)
    const char *label = nullptr; // a string literal (or nullptr when labelSid names it)
    std::uint32_t labelSid = 0;
    std::uint64_t awaitedTask = 0;
    std::uint64_t readyT = 0; // an await that did not suspend: A and R at this one time
    bool suspended = false;
    bool typeLabel = false; // label is a type that says nothing (Task): the source may say more
};

void takeChild(AwaitRecord &record, void *frame, void *childFrame);
void recordReady(AwaitRecord &record, void *frame, const std::source_location &where);
void recordSuspend(AwaitRecord &record, void *frame, const std::source_location &where);
void recordResume(AwaitRecord &record);
void recordException(const AwaitRecord &record, const std::exception &error) noexcept;
void recordUnknownException(const AwaitRecord &record) noexcept;

// `generic`: the type names nothing a reader would recognise (any coroutine is a Task; a signal
// awaiter is a QCoro-internal type): the recording takes the traced() expression from the
// source file when it can read it (`QCoro::sleepFor(100ms)`).
template<typename T> struct DefaultLabel
{
    static constexpr const char *value = "co_await";
    static constexpr bool generic = true;
};
template<> struct DefaultLabel<QNetworkReply *>
{
    static constexpr const char *value = "QNetworkReply";
};
template<> struct DefaultLabel<QTimer *>
{
    static constexpr const char *value = "QTimer";
};
template<> struct DefaultLabel<QTimer>
{
    static constexpr const char *value = "QTimer";
};
template<typename T> struct DefaultLabel<QFuture<T>>
{
    static constexpr const char *value = "QFuture";
};
template<typename T> struct DefaultLabel<QCoro::Task<T>>
{
    static constexpr const char *value = "Task";
    static constexpr bool generic = true;
};

template<typename T> struct IsTask : std::false_type
{
};
template<typename T> struct IsTask<QCoro::Task<T>> : std::true_type
{
};

// The frame of the task a Task awaiter awaits (QCoro keeps it protected): it names the child.
template<typename Promise> struct TaskAwaiterPeek : QCoro::detail::TaskAwaiterBase<Promise>
{
    static void *frame(const QCoro::detail::TaskAwaiterBase<Promise> &awaiter)
    {
        return (awaiter.*(&TaskAwaiterPeek::mAwaitedCoroutine)).address();
    }
};

// The awaiter QCoro itself would use for `co_await a`: the member operator co_await (Task),
// QCoro's awaiter_type for Qt types (QNetworkReply*, QFuture, QTimer, QIODevice...), or the
// awaitable itself when it is already an awaiter (QCoro's signal awaiter, your own).
template<typename A> decltype(auto) awaiterOf(A &a)
{
    using T = std::remove_cvref_t<A>;
    if constexpr (requires { a.operator co_await(); })
        return a.operator co_await();
    else if constexpr (requires { typename QCoro::detail::awaiter_type<T>::type; })
        return typename QCoro::detail::awaiter_type<T>::type{a};
    else
        return (a);
}

} // namespace ProbeDetail

// `co_await Coroscope::traced(x)`: awaits x exactly as `co_await x` would, and records the
// current task's suspension (labelled with what it awaits, at this line) and its resume.
// The label must be a string literal (it is kept by address). Make it with traced(), not by hand.
template<typename Awaitable> class Traced
{
public:
    Traced(Awaitable &&awaitable, const char *label, std::source_location where, void *frame)
        : m_awaitable(std::forward<Awaitable>(awaitable))
        , m_awaiter(ProbeDetail::awaiterOf(m_awaitable))
        , m_where(where)
        , m_frame(frame)
    {
        m_record.label = label ? label : ProbeDetail::DefaultLabel<Plain>::value;
        if constexpr (requires { ProbeDetail::DefaultLabel<Plain>::generic; })
            m_record.typeLabel = !label;
        // `co_await traced(load())`: the task that load() created is what this awaits (named
        // after it when no label is given).
        if constexpr (ProbeDetail::IsTask<Plain>::value) {
            if (ProbeDetail::recording()) {
                using Peek = ProbeDetail::TaskAwaiterPeek<typename Plain::promise_type>;
                ProbeDetail::takeChild(m_record, m_frame, Peek::frame(m_awaiter));
                if (label) {
                    m_record.label = label;
                    m_record.labelSid = 0;
                }
            }
        }
    }
    Traced(const Traced &) = delete;
    Traced &operator=(const Traced &) = delete;

    bool await_ready()
    {
        if (m_awaiter.await_ready()) {
            if (ProbeDetail::recording())
                ProbeDetail::recordReady(m_record, m_frame, m_where);
            return true;
        }
        return false;
    }

    // Recorded before forwarding: some awaiters resume the coroutine inside await_suspend
    // (and may even finish and free it, this object included).
    template<typename Promise> auto await_suspend(std::coroutine_handle<Promise> handle)
    {
        if (ProbeDetail::recording())
            ProbeDetail::recordSuspend(m_record, handle.address(), m_where);
        return m_awaiter.await_suspend(handle);
    }

    decltype(auto) await_resume()
    {
        if (m_record.task)
            ProbeDetail::recordResume(m_record);
        if constexpr (ProbeDetail::IsTask<Plain>::value) {
            // A task that threw rethrows here: its error's type and what() complete its end.
            try {
                return m_awaiter.await_resume();
            } catch (const std::exception &error) {
                if (m_record.awaitedTask)
                    ProbeDetail::recordException(m_record, error);
                throw;
            } catch (...) {
                if (m_record.awaitedTask)
                    ProbeDetail::recordUnknownException(m_record);
                throw;
            }
        } else {
            return m_awaiter.await_resume();
        }
    }

private:
    using Plain = std::remove_cvref_t<Awaitable>;
    Awaitable m_awaitable; // a reference when traced() was given an lvalue
    decltype(ProbeDetail::awaiterOf(std::declval<Plain &>())) m_awaiter;
    ProbeDetail::AwaitRecord m_record;
    std::source_location m_where;
    void *m_frame = nullptr;
};

template<typename Awaitable>
Traced<Awaitable> traced(Awaitable &&awaitable, const char *label = nullptr,
                         std::source_location where = std::source_location::current(),
                         void *frame = COROSCOPE_PROBE_FRAME)
{
    return Traced<Awaitable>(std::forward<Awaitable>(awaitable), label, where, frame);
}

// `Coroscope::TaskName name("load");` as a coroutine's first statement: from here on the
// coroutine is the task `load`, created at this line, child of the task that was running on
// this thread, until the coroutine ends. Its end is `ok`, `error` (an exception left the body;
// its type and what() are recorded when the exception reaches a traced co_await of this task),
// or `cancelled` (the coroutine was destroyed while suspended at a traced co_await).
// Use it only in a coroutine (clang refuses it elsewhere); the name is copied.
class TaskName
{
public:
    explicit TaskName(const char *name,
                      std::source_location where = std::source_location::current(),
                      void *frame = COROSCOPE_PROBE_FRAME) noexcept
    {
        if (ProbeDetail::recording())
            begin(name, nullptr, where, frame);
    }
    explicit TaskName(const QString &name,
                      std::source_location where = std::source_location::current(),
                      void *frame = COROSCOPE_PROBE_FRAME) noexcept
    {
        if (ProbeDetail::recording())
            begin(nullptr, &name, where, frame);
    }
    ~TaskName()
    {
        if (m_id)
            end();
    }
    TaskName(const TaskName &) = delete;
    TaskName &operator=(const TaskName &) = delete;

    // The task's id in the recording; 0 when nothing is recorded.
    std::uint64_t id() const noexcept { return m_id; }

private:
    void begin(const char *name, const QString *dynamicName, const std::source_location &where,
               void *frame) noexcept;
    void end() noexcept;

public:
    // The probe's own bookkeeping (not API).
    std::uint64_t m_id = 0;
    void *m_frame = nullptr;
    std::uint32_t m_nameSid = 0; // the name, interned
    int m_uncaught = 0; // std::uncaught_exceptions() at the start: more at the end = unwinding
    bool m_suspended = false; // at a traced co_await right now
    // The step running now (for a long step's H record): since when, after which await.
    std::uint64_t m_stepStart = 0;
    const char *m_stepFile = nullptr;
    std::uint32_t m_stepLine = 0;
    // Tasks created while this one ran and not awaited yet, for `co_await traced(child)`.
    struct Child
    {
        void *frame;
        std::uint64_t id;
        std::uint32_t nameSid;
    };
    std::vector<Child> m_children;
};

// `Coroscope::DoneCallback cb("report");` as the first statement of a done-callback (the
// function given to QCoro's `.then()` or `QCoro::connect()`): records that it ran, for how long,
// and for which task (the task that ended last on this thread: the one whose end called it).
// The name must be a string literal.
class DoneCallback
{
public:
    explicit DoneCallback(const char *name) noexcept
    {
        if (ProbeDetail::recording())
            begin(name);
    }
    ~DoneCallback()
    {
        if (m_name)
            end();
    }
    DoneCallback(const DoneCallback &) = delete;
    DoneCallback &operator=(const DoneCallback &) = delete;

private:
    void begin(const char *name) noexcept;
    void end() noexcept;
    const char *m_name = nullptr;
    std::uint64_t m_task = 0;
    std::uint64_t m_start = 0;
};

// The probe's own figures, for tests and benchmarks: whether it records, records written and
// dropped so far. flush() writes what is buffered now (the writer otherwise batches ~20 ms).
struct ProbeFigures
{
    bool recording = false;
    std::uint64_t written = 0;
    std::uint64_t dropped = 0;
};
ProbeFigures probeFigures();
void flushProbe();

} // namespace Coroscope
