#pragma once

#include "io/savefile.h" // writeFileAtomically(), for the exporters that include only this
#include "trace/summary.h"
#include "trace/trace.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace Coroscope {

inline constexpr char TasksCsvHeader[]
    = "task,url,strategy,result,http_status,bytes,created_ms,admitted_ms,finished_ms,pending_ms,"
      "running_ms,suspended_ms,total_ms,error";
inline constexpr char SegmentsCsvHeader[] = "task,state,label,start_ms,end_ms,duration_ms";
inline constexpr char CompareCsvHeader[]
    = "strategy,tasks,ok,failed,wall_ms,sum_ms,max_task_ms,speedup";

// One text cell: RFC 4180 quoting, and a leading ' for text a spreadsheet would run as a formula
// (= + - @, tab, CR), as OWASP recommends. Numbers are written by the callers, never through here.
QString csvTextCell(const QString &text);
// Milliseconds with 3 decimals from nanoseconds.
QString csvMs(qint64 ns);

QByteArray tasksCsv(const Trace &trace);
QByteArray segmentsCsv(const Trace &trace);
// One row per strategy; `failed` counts every task that did not end ok.
QByteArray compareCsv(const QList<RunSummary> &summaries);

// RFC 4180 parser (for tests and for reading our own files back).
QList<QStringList> parseCsv(const QByteArray &data);

} // namespace Coroscope
