#pragma once

// Format 1.4 (private to io/runfile*.cpp): what a recording of a program (Trace::program) holds
// beyond a workload run, in a RECD section right after its run's RUN / CRUN (and TSKX, ALON).
//
// The RUN section of a recording holds only the event kinds every 1.x reader knows (up to
// Network), so that a Coroscope of format 1.3 still opens a recording (as a run of tasks without
// URLs). The RECD section holds the rest: the program (recorder, runtime, end, counts), the
// lanes, each task's name, coroutine, creation site, parent and lane, each RUN event's lane, and
// the events of the kinds after Network with their places among the RUN section's events, so
// that the trace reads back exactly as it was. Kinds this reader does not know (a newer minor
// version's) are skipped there; fields appended after the known ones are ignored.

#include "runfilebinary_p.h"
#include "trace/trace.h"

#include <functional>

namespace Coroscope::RunFileRecording {

inline constexpr quint32 RecordingTag = RunFileBinary::fourcc('R', 'E', 'C', 'D');

// The events the RUN section holds: every event of a workload run; a recording's of the kinds
// up to Network.
QList<TraceEvent> baseEvents(const Trace &trace);
qsizetype baseEventCount(const Trace &trace);

// The RECD section of `trace` (empty when it is not a recording); `addString` puts a text in the
// file's string table and returns its index.
QByteArray encode(const Trace &trace, const std::function<quint32(const QString &)> &addString);

// Reads a RECD section into `trace` (its RUN section already read): merges its events into
// trace->events. `text` reads a string index and returns its text (made printable). On failure
// the reader fails with a sentence.
bool read(RunFileBinary::Reader &r,
          const std::function<QString(RunFileBinary::Reader &, const char *)> &text, Trace *trace);

} // namespace Coroscope::RunFileRecording
