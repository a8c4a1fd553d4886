#pragma once

#include "trace.h"

#include <QList>

namespace Coroscope {

// The retention rule of a recording (as tokio-console's): a program that runs long or creates
// millions of tasks keeps at most a limit of tasks. Beyond it the oldest *finished* tasks are
// dropped whole (their TaskInfo and every event of theirs) and counted in Trace::droppedTasks;
// tasks still running are never dropped. Loop events (LoopTask) older than the first event of
// the oldest task kept are dropped with them, so memory stays bounded by the limit (a task that
// runs for ever while generating events is the exception, not bounded).
namespace Retention {
inline constexpr qsizetype DefaultMaxTasks = 100000;
// Dropping is done in bulk, down to this share of the limit, so that its cost (one pass over
// the events) is paid once per tenth of the limit, not once per task.
inline constexpr int KeepPercent = 90;
} // namespace Retention

// When `trace` has more than `maxTasks` tasks, drops its oldest finished tasks until at most
// maxTasks * KeepPercent / 100 remain (or no finished task is left to drop) and renumbers the
// rest (events, parents, WokenBy wakers). Returns, for each old task index, its new index or -1
// when dropped; empty when nothing was dropped.
QList<qint32> applyRetention(Trace *trace, qsizetype maxTasks);

} // namespace Coroscope
