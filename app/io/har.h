#pragma once

#include "trace/trace.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Coroscope {

// The run as an HTTP Archive (HAR 1.2), for browser dev tools and HAR viewers: one entry per
// task that sent a request (it has phases or an HTTP status), in the order the requests started;
// no pages. Timings come from the phases of `await reply` (trace/phases.h): blocked = queued,
// connect = connect + tls (-1 when the connection was reused or its opening was not seen),
// ssl = tls (-1 unless known), send, wait = server queue + waiting, receive = receiving; the
// loop's resume latency, which HAR has no field for, is timings._resume; `time` is the sum of
// the standard timings that are not -1 (ssl is inside connect). Requests of blocking strategies
// have no phases: their whole fetch is `wait`. Every entry has a `_coroscope` object (task,
// strategy, result, error, times). Several traces (a comparison) are their entries in turn.
// `creatorVersion` is log.creator.version. Written in one pass into one buffer: 100,000 tasks
// take about a second.
QByteArray harJson(const Trace &trace, const QString &creatorVersion = QString());
QByteArray harJson(const QList<Trace> &traces, const QString &creatorVersion = QString());

} // namespace Coroscope
