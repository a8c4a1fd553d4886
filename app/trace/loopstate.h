#pragma once

#include "segments.h"
#include "trace.h"

#include <QList>

namespace Coroscope {

// The run at one instant, in the words of the tutorial: what the event loop is running, which
// tasks are ready to run next, which are suspended and at which await, which are pending and
// what for, which have finished and how. Derived from the trace alone (a live run or an opened
// file), so that stepping through a run event by event shows that the loop runs one task at a
// time and that `co_await reply` hands it back.
struct LoopState
{
    struct Entry
    {
        int task = -1;
        quint16 label = 0; // the await (suspended), what it waits for (pending), the work
                           // (running); 0 = nothing named
        qint64 sinceNs = 0; // when it entered this state
        TaskResult result = TaskResult::Unfinished; // finished tasks
    };
    qint64 atNs = 0;
    // Every task falls in exactly one list; lists keep at most `maxListed` entries (the
    // longest waiting first; the most recent first for finished), counts are exact.
    QList<Entry> running; // running on the loop: at most one for every loop strategy
    QList<Entry> onWorkers; // running on worker threads (threads strategy)
    QList<Entry> ready; // could run now: waiting for the loop to take them (a new task's first
                        // turn, or an await whose reply has arrived)
    QList<Entry> suspended; // at an await whose result has not arrived
    QList<Entry> pending; // not admitted yet: a concurrency slot, a connection, a worker
    QList<Entry> finished;
    int runningCount = 0;
    int onWorkersCount = 0;
    int readyCount = 0;
    int suspendedCount = 0;
    int pendingCount = 0;
    int finishedCount = 0;
    int notCreatedCount = 0;
};

LoopState loopStateAt(const Trace &trace, const SegmentBuilder &segments, qint64 atNs,
                      int maxListed = 50);

// The instants worth stopping at when stepping through a run: every change of a task's state
// (created, admitted, suspended, resumed, finished), done callbacks, all-done and stop. Sorted,
// without duplicates.
QList<qint64> steppingTimes(const Trace &trace);
// The first stepping time after `ns` / the last one before it; -1 when there is none.
qint64 nextSteppingTime(const QList<qint64> &times, qint64 ns);
qint64 previousSteppingTime(const QList<qint64> &times, qint64 ns);

} // namespace Coroscope
