#pragma once

#include "trace/recorder.h"

#include <QNetworkReply>
#include <QPointer>

#include <QCoroTask>

#include <coroutine>
#include <type_traits>
#include <utility>

namespace Coroscope {

namespace detail {
template<typename A>
concept HasMemberCoAwait = requires(A &a)
{
    std::move(a).operator co_await();
};

template<typename A> decltype(auto) awaiterOf(A &a)
{
    if constexpr (HasMemberCoAwait<A>)
        return std::move(a).operator co_await();
    else
        return (a);
}
} // namespace detail

// Wraps any awaitable so that its co_await is recorded in the trace: `Suspended` (with a label)
// before the inner await_suspend runs — some awaiters resume synchronously inside it — and
// `Resumed` in await_resume. An await that completes without suspending is recorded as a
// zero-length suspension, which is exactly what a learner needs to see for an `await` that never
// yielded. The awaitable is owned by the wrapper, so temporaries like a Task stay alive.
template<typename Awaitable> class Traced
{
public:
    Traced(TraceRecorder *recorder, quint32 task, quint16 label, Awaitable awaitable)
        : m_recorder(recorder)
        , m_task(task)
        , m_label(label)
        , m_awaitable(std::move(awaitable))
        , m_awaiter(detail::awaiterOf(m_awaitable))
    {
    }

    bool await_ready()
    {
        if (m_awaiter.await_ready()) {
            m_readyNs = m_recorder->nowNs();
            m_recorder->recordAt(m_readyNs, m_task, EventKind::Suspended, m_label);
            return true;
        }
        return false;
    }

    template<typename Promise> auto await_suspend(std::coroutine_handle<Promise> handle)
    {
        m_recorder->record(m_task, EventKind::Suspended, m_label);
        return m_awaiter.await_suspend(std::coroutine_handle<>(handle));
    }

    decltype(auto) await_resume()
    {
        if (m_readyNs >= 0) // never suspended: exactly zero length, not the cost of recording
            m_recorder->recordAt(m_readyNs, m_task, EventKind::Resumed, m_label);
        else
            m_recorder->record(m_task, EventKind::Resumed, m_label);
        return m_awaiter.await_resume();
    }

private:
    using Awaiter = std::remove_cvref_t<decltype(detail::awaiterOf(std::declval<Awaitable &>()))>;
    TraceRecorder *m_recorder = nullptr;
    quint32 m_task = 0;
    quint16 m_label = 0;
    qint64 m_readyNs = -1;
    Awaitable m_awaitable;
    Awaiter m_awaiter;
};

// Factory, so that call sites never write braced temporaries inside co_await (GCC PR 100611).
template<typename Awaitable>
Traced<std::remove_cvref_t<Awaitable>> traced(TraceRecorder *recorder, quint32 task, quint16 label,
                                              Awaitable &&awaitable)
{
    return Traced<std::remove_cvref_t<Awaitable>>(recorder, task, label,
                                                  std::forward<Awaitable>(awaitable));
}

// Awaits QNetworkReply::finished and resumes through a *queued* connection, never inside the
// finished() emission: deleting the reply or its manager there crashes (QCoro #231, fixed in
// 0.11 only), and resuming later also lets the network stack unwind before our code runs.
class ReplyFinished
{
public:
    explicit ReplyFinished(QNetworkReply *reply)
        : m_reply(reply)
    {
    }
    bool await_ready() const noexcept { return !m_reply || m_reply->isFinished(); }
    void await_suspend(std::coroutine_handle<> handle)
    {
        // Single-shot: no disconnect afterwards. Each connect/disconnect takes one of Qt's
        // global signal-slot mutexes, which the network threads contend for (perf, 10k tasks).
        QObject::connect(
            m_reply.data(), &QNetworkReply::finished, m_reply.data(),
            [handle]() { handle.resume(); },
            Qt::ConnectionType(Qt::QueuedConnection | Qt::SingleShotConnection));
    }
    void await_resume() { }

private:
    QPointer<QNetworkReply> m_reply;
};

// `co_await reply` traced like Traced, except that the Resumed event may name what the reply
// turned out to be: `resumedLabel(reply)` is read once it has arrived (a redirect's status and
// target), 0 keeping the label it was suspended with. One hop of a request, one visible await.
template<typename LabelOf> class TracedReply
{
public:
    TracedReply(TraceRecorder *recorder, quint32 task, quint16 label, QNetworkReply *reply,
                LabelOf resumedLabel)
        : m_recorder(recorder)
        , m_task(task)
        , m_label(label)
        , m_reply(reply)
        , m_finished(reply)
        , m_resumedLabel(std::move(resumedLabel))
    {
    }
    bool await_ready()
    {
        if (m_finished.await_ready()) {
            m_readyNs = m_recorder->nowNs();
            m_recorder->recordAt(m_readyNs, m_task, EventKind::Suspended, m_label);
            return true;
        }
        return false;
    }
    void await_suspend(std::coroutine_handle<> handle)
    {
        m_recorder->record(m_task, EventKind::Suspended, m_label);
        m_finished.await_suspend(handle);
    }
    void await_resume()
    {
        const quint16 named = m_reply ? m_resumedLabel(m_reply.data()) : quint16(0);
        const quint16 label = named ? named : m_label;
        if (m_readyNs >= 0)
            m_recorder->recordAt(m_readyNs, m_task, EventKind::Resumed, label);
        else
            m_recorder->record(m_task, EventKind::Resumed, label);
    }

private:
    TraceRecorder *m_recorder = nullptr;
    quint32 m_task = 0;
    quint16 m_label = 0;
    qint64 m_readyNs = -1;
    QPointer<QNetworkReply> m_reply;
    ReplyFinished m_finished;
    LabelOf m_resumedLabel;
};

template<typename LabelOf>
TracedReply<LabelOf> tracedReply(TraceRecorder *recorder, quint32 task, quint16 label,
                                 QNetworkReply *reply, LabelOf resumedLabel)
{
    return TracedReply<LabelOf>(recorder, task, label, reply, std::move(resumedLabel));
}

} // namespace Coroscope
