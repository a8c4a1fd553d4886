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
    // Run-file format 1.4: what recordings of a program show (app/record/). A run file keeps
    // these kinds in a section of their own, so that a 1.3 reader still opens a recording.
    LoopIdle, // lane `lane`'s loop starts waiting for I/O or timers (task = LoopTask)
    LoopBusy, // lane `lane`'s loop is busy again (task = LoopTask)
    // A step of `task` (LoopTask: not in a task, e.g. a callback) held lane `lane`'s loop for
    // `value` microseconds, ending at `ns`; `label` names the blocking call and where ("time.sleep
    // at prog.py:12").
    Hold,
    WokenBy, // the task is woken by the end of task `value` (its next Resumed follows)
    // The task became ready to run before its first step (csrec `Q`); it stays pending until
    // that step (its Admitted). Not a state change: tells "waiting for the loop" apart.
    Ready,
    // A warning about the task (LoopTask: the program): `value` is a WarningKind, `label` the
    // warning's text (with where, when known).
    Warning,
    Renamed, // the task's name changed (TaskInfo::name holds the latest)
};

// What a Warning event warns about (csrec `W` records).
enum class WarningKind : quint8 { Other, NeverRetrieved, DestroyedPending, NeverAwaited };

// The last kind this build knows: a run file of a newer minor version may hold kinds after it,
// which a reader skips (io/runfile.h).
inline constexpr EventKind LastEventKind = EventKind::Renamed;

enum class TaskResult : quint8 { Unfinished, Ok, Error, Timeout, Cancelled };

// Task id used for events that belong to the loop rather than to one task.
inline constexpr quint32 LoopTask = 0xffffffffu;

// One recorded fact. Kept small and trivially copyable: a run of 100,000 tasks records ~500,000.
struct TraceEvent
{
    qint64 ns = 0; // monotonic nanoseconds since the run started
    quint32 task = 0; // task index, or LoopTask
    EventKind kind = EventKind::Created;
    // Recordings: the lane (Trace::lanes) it happened on, for Resumed and the loop kinds; lanes
    // past 255 share 255. 0 = the loop / not known (workload runs).
    quint8 lane = 0;
    // Index into Trace::labels (Suspended); 0 = no label. Never overflows: a recorder that has
    // 65,535 labels gives every further text Trace::MoreLabels ("… more await sites").
    quint16 label = 0;
    qint32 value = 0; // kind-specific payload (LagSample: lag in microseconds; WokenBy: waker)
};

} // namespace Coroscope

Q_DECLARE_TYPEINFO(Coroscope::TraceEvent, Q_PRIMITIVE_TYPE);
