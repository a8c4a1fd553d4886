#pragma once

#include <QtGlobal>

namespace Coroscope {

// What happened to a task (or, for loop-level kinds, to the scheduler loop).
enum class EventKind : quint8 {
    Created, // the task exists; it is pending until admitted
    Admitted, // pending ends: the task may run
    Suspended, // the task hit a co_await and gave the loop back (label says which)
    Resumed, // the awaited thing completed; the task runs again
    Finished, // the task is done; its result is in TaskInfo
    DoneCallback, // a completion callback ran (the tutorial's add_done_callback)
    LagSample, // loop-lag probe fired `value` microseconds late (task = LoopTask)
    AllDone, // every task finished: the asyncio.wait moment (task = LoopTask); not after Stop
    Stopped, // the user stopped the run: tasks still waiting are cancelled (task = LoopTask)
    LoopCpu, // CPU time the loop's thread has used since the run started, in microseconds
             // (`value`, task = LoopTask): tells a busy loop from one starved of CPU
    LoopWait, // time the loop's thread has spent runnable but waiting for a core since the run
              // started, in microseconds (`value`, task = LoopTask; Linux schedstat)
    Doing, // the task, while running, starts the work named by `label` (e.g. a blocking fetch)
    Network, // its request reached the moment named by `label` (trace/phases.h NetworkMoment)
};

enum class TaskResult : quint8 { Unfinished, Ok, Error, Timeout, Cancelled };

// Task id used for events that belong to the loop rather than to one task.
inline constexpr quint32 LoopTask = 0xffffffffu;

// One recorded fact. Kept small and trivially copyable: a run of 100,000 tasks records ~500,000.
struct TraceEvent
{
    qint64 ns = 0; // monotonic nanoseconds since the run started
    quint32 task = 0; // task index, or LoopTask
    EventKind kind = EventKind::Created;
    quint8 pad = 0;
    quint16 label = 0; // index into Trace::labels (Suspended); 0 = no label
    qint32 value = 0; // kind-specific payload (LagSample: lag in microseconds)
};

} // namespace Coroscope

Q_DECLARE_TYPEINFO(Coroscope::TraceEvent, Q_PRIMITIVE_TYPE);
