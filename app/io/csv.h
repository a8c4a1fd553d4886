#pragma once

#include "io/savefile.h" // writeFileAtomically(), for the exporters that include only this
#include "trace/phases.h"
#include "trace/summary.h"
#include "trace/trace.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Coroscope {

inline constexpr char TasksCsvHeader[]
    = "task,url,strategy,result,http_status,bytes,created_ms,admitted_ms,finished_ms,pending_ms,"
      "running_ms,suspended_ms,total_ms,error,server_queued_ms,queued_ms,connect_ms,tls_ms,send_ms,"
      "waiting_ms,server_queue_ms,receiving_ms,resume_ms,reused_connection,redirects,"
      "content_encoding,decoded_bytes,name,coroutine,parent,created_at";
// The last four columns are a recorded program's task's (empty for a workload run): its name,
// its coroutine's qualified name, the task that created it (its `task` number) and where.
// The phase columns of TasksCsvHeader, in its order (not PhaseKind's, which is time order).
inline constexpr PhaseKind TasksCsvPhaseColumns[]
    = {PhaseKind::Queued,  PhaseKind::Connect,     PhaseKind::Tls,       PhaseKind::Send,
       PhaseKind::Waiting, PhaseKind::ServerQueue, PhaseKind::Receiving, PhaseKind::Resume};
inline constexpr char SegmentsCsvHeader[] = "task,state,label,start_ms,end_ms,duration_ms,strategy";
inline constexpr char CompareCsvHeader[]
    = "strategy,tasks,ok,failed,wall_ms,sum_ms,max_task_ms,speedup,avg_in_flight,stopped,source,"
      "baseline";

// One text cell: RFC 4180 quoting, and a leading ' for text a spreadsheet would run as a formula
// (= + - @, tab, CR), as OWASP recommends. Numbers are written by the callers, never through here.
QString csvTextCell(const QString &text);
// Milliseconds with 3 decimals from nanoseconds (rounded to the microsecond).
QString csvMs(qint64 ns);

// Every duration is written as a difference of the timestamps as printed (whole microseconds),
// so a row adds up exactly as printed: pending + running + suspended = total =
// finished - created. Several traces (a comparison) share one header; rows carry the strategy.
QByteArray tasksCsv(const Trace &trace);
QByteArray tasksCsv(const QList<Trace> &traces);
QByteArray segmentsCsv(const Trace &trace);
QByteArray segmentsCsv(const QList<Trace> &traces);
// One row per strategy; `failed` counts every task that did not end ok; `sum_ms`, `speedup`
// and `baseline` are empty when the run has no measured baseline (RunSummary::baseline), no
// task ended ok or it was stopped; `source` is empty for the run's own rows, else the file a
// compared run came from. New columns go last, so that readers by position keep working.
QByteArray compareCsv(const QList<RunSummary> &summaries);

// RFC 4180 parser (for tests and for reading our own files back).
QList<QStringList> parseCsv(const QByteArray &data);

} // namespace Coroscope
