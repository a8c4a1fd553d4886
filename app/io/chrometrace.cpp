#include "chrometrace.h"

#include "trace/segments.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Coroscope {

namespace {
constexpr int Pid = 1;
// tid 0 is the scheduler loop; task n is tid n + 1 so that viewers sort the loop first.
int tidOf(quint32 task)
{
    return task == LoopTask ? 0 : int(task) + 1;
}

double us(qint64 ns)
{
    return double(ns) / 1000.0;
}

QJsonObject metadata(const char *name, int tid, const QString &value, int sortIndex)
{
    QJsonObject args{{QStringLiteral("name"), value}};
    QJsonObject e{{QStringLiteral("name"), QLatin1String(name)},
                  {QStringLiteral("ph"), QStringLiteral("M")},
                  {QStringLiteral("pid"), Pid},
                  {QStringLiteral("tid"), tid},
                  {QStringLiteral("args"), args}};
    if (sortIndex >= 0) {
        e[QStringLiteral("name")] = QStringLiteral("thread_sort_index");
        e[QStringLiteral("args")] = QJsonObject{{QStringLiteral("sort_index"), sortIndex}};
    }
    return e;
}

QJsonObject instant(const QString &name, qint64 ns, int tid, const QJsonObject &args = {})
{
    QJsonObject e{{QStringLiteral("name"), name},
                  {QStringLiteral("ph"), QStringLiteral("i")},
                  {QStringLiteral("s"), QStringLiteral("t")},
                  {QStringLiteral("ts"), us(ns)},
                  {QStringLiteral("pid"), Pid},
                  {QStringLiteral("tid"), tid}};
    if (!args.isEmpty())
        e[QStringLiteral("args")] = args;
    return e;
}
} // namespace

QByteArray chromeTraceJson(const Trace &trace)
{
    QJsonArray events;
    events.append(metadata("process_name", 0, QStringLiteral("coroscope ") + trace.strategy, -1));
    events.append(metadata("thread_name", 0, QStringLiteral("event loop"), -1));
    for (quint32 t = 0; t < quint32(trace.tasks.size()); ++t) {
        events.append(metadata("thread_name", tidOf(t),
                               QStringLiteral("task %1 %2").arg(t).arg(trace.url(t)), -1));
        events.append(metadata("thread_sort_index", tidOf(t), {}, tidOf(t)));
    }

    for (const Segment &s : deriveSegments(trace)) {
        const QString label = trace.label(s.label);
        QString name = stateName(s.state);
        if (s.state == SegmentState::Suspended && !label.isEmpty())
            name = label;
        else if (s.state == SegmentState::Pending && !label.isEmpty())
            name += QStringLiteral(" (") + label + u')';
        events.append(QJsonObject{{QStringLiteral("name"), name},
                                  {QStringLiteral("cat"), stateName(s.state)},
                                  {QStringLiteral("ph"), QStringLiteral("X")},
                                  {QStringLiteral("ts"), us(s.startNs)},
                                  {QStringLiteral("dur"), us(s.durationNs())},
                                  {QStringLiteral("pid"), Pid},
                                  {QStringLiteral("tid"), tidOf(s.task)}});
    }

    for (const TraceEvent &e : trace.events) {
        switch (e.kind) {
        case EventKind::Finished: {
            const TaskInfo &info = trace.tasks.at(e.task);
            QJsonObject args{{QStringLiteral("url"), trace.url(e.task)},
                             {QStringLiteral("bytes"), double(info.bytes)}};
            if (info.httpStatus)
                args[QStringLiteral("http_status")] = info.httpStatus;
            if (!info.error.isEmpty())
                args[QStringLiteral("error")] = info.error;
            if (info.worker >= 0)
                args[QStringLiteral("worker")] = info.worker;
            events.append(instant(resultName(info.result), e.ns, tidOf(e.task), args));
            break;
        }
        case EventKind::DoneCallback:
            events.append(instant(QStringLiteral("done callback"), e.ns, tidOf(e.task)));
            break;
        case EventKind::AllDone:
            events.append(instant(QStringLiteral("all done"), e.ns, 0));
            break;
        case EventKind::LagSample:
            events.append(QJsonObject{
                {QStringLiteral("name"), QStringLiteral("loop lag (ms)")},
                {QStringLiteral("ph"), QStringLiteral("C")},
                {QStringLiteral("ts"), us(e.ns)},
                {QStringLiteral("pid"), Pid},
                {QStringLiteral("args"), QJsonObject{{QStringLiteral("lag"), e.value / 1000.0}}}});
            break;
        case EventKind::Created:
        case EventKind::Admitted:
        case EventKind::Suspended:
        case EventKind::Resumed:
            break; // already in the spans
        }
    }

    const QJsonObject root{
        {QStringLiteral("traceEvents"), events},
        {QStringLiteral("displayTimeUnit"), QStringLiteral("ms")},
        {QStringLiteral("otherData"),
         QJsonObject{{QStringLiteral("generator"), QStringLiteral("coroscope")},
                     {QStringLiteral("strategy"), trace.strategy},
                     {QStringLiteral("started_ms_since_epoch"), double(trace.startedMsSinceEpoch)},
                     {QStringLiteral("concurrency"), trace.settings.concurrency},
                     {QStringLiteral("connections_per_host"), trace.settings.connectionsPerHost},
                     {QStringLiteral("timeout_ms"), trace.settings.timeoutMs}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

} // namespace Coroscope
