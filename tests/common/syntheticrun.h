#pragma once

#include "io/runfile.h"
#include "trace/phases.h"
#include "trace/trace.h"

#include <QList>
#include <QString>

#include <algorithm>

// Deterministic traces with every event kind, result, label kind and awkward text, for the run
// file's tests (no server needed: the round trip of real runs is tst_runfileroundtrip).
namespace CoroscopeTest {

inline Coroscope::Trace syntheticTrace(const QString &strategy, int tasks, bool stopped = false)
{
    using namespace Coroscope;
    Trace trace;
    trace.strategy = strategy;
    trace.settings
        = RunSettings{4, 6, 30000, strategy == QStringLiteral("threads") ? 3 : 0, 126, 5, -1};
    trace.urls = {QStringLiteral("http://127.0.0.1:8765/delay/1"),
                  QStringLiteral("https://user:***@example.com/p?q=%C3%A9&x=1"),
                  QStringLiteral("http://[::1]:9/\u00e9\u4e2d")};
    trace.labels = {QString(),
                    QStringLiteral("await loop"),
                    QStringLiteral("await reply"),
                    QString::fromLatin1(NetworkMoment::Connecting),
                    QString::fromLatin1(NetworkMoment::RequestSent),
                    QString::fromLatin1(NetworkMoment::Headers),
                    QString::fromLatin1(NetworkMoment::Finished),
                    QStringLiteral("QNetworkAccessManager::get"),
                    QStringLiteral("await concurrency limit")};
    trace.startedMsSinceEpoch = 1764646800123;
    QList<TraceEvent> events;
    const auto add
        = [&events](qint64 ns, quint32 task, EventKind kind, quint16 label = 0, qint32 value = 0) {
              events.append(TraceEvent{ns, task, kind, 0, label, value});
          };
    const TaskResult results[] = {TaskResult::Ok, TaskResult::Error, TaskResult::Timeout,
                                  TaskResult::Cancelled, TaskResult::Ok};
    for (int t = 0; t < tasks; ++t) {
        TaskInfo info;
        info.urlIndex = quint32(t % trace.urls.size());
        info.result = stopped && t == tasks - 1 ? TaskResult::Unfinished : results[t % 5];
        info.worker = strategy == QStringLiteral("threads") ? qint16(t % 3) : -1;
        info.httpVersion = quint8(t % 3);
        info.httpStatus = info.result == TaskResult::Ok ? 200 : (t % 2 ? 503 : 0);
        info.bytes = qint64(t) * 1000 + 7;
        info.serverQueuedMs = t % 4 == 0 ? -1 : t;
        info.serverActive = t % 5;
        info.serverCapacity = t % 2 ? 2 : -1;
        info.serverConnectionRequest = t % 3 - 1;
        info.serverTlsHandshakeUs = t % 3 == 0 ? 1500 + t : -1;
        if (info.result == TaskResult::Error)
            info.error
                = QStringLiteral("HTTP 503 \"Service\" Unavailable, =cmd|' /C calc'!A0 \u4e2d");
        info.statusText = info.httpStatus ? QStringLiteral("OK") : QString();
        info.mimeType = t % 2 ? QByteArray("application/json") : QByteArray();
        info.requestHeaders = "Accept-Encoding: gzip, deflate\n";
        info.responseHeaders
            = "Content-Type: application/json\nX-Coroscope: q=" + QByteArray::number(t) + "\n";
        trace.tasks.append(info);

        const qint64 base = qint64(t) * 1'000'000;
        add(base, quint32(t), EventKind::Created);
        add(base + 500'000 + t, quint32(t), EventKind::Admitted, t % 2 ? 1 : 8);
        add(base + 600'000, quint32(t), EventKind::Doing, 7);
        add(base + 700'000, quint32(t), EventKind::Suspended, 2);
        add(base + 800'000, quint32(t), EventKind::Network, 3);
        add(base + 900'000, quint32(t), EventKind::Network, 4);
        add(base + 1'500'000, quint32(t), EventKind::Network, 5);
        if (stopped && t == tasks - 1)
            continue;
        add(base + 2'000'000, quint32(t), EventKind::Network, 6);
        add(base + 2'100'000, quint32(t), EventKind::Resumed, 2);
        add(base + 2'200'000, quint32(t), EventKind::Finished);
        add(base + 2'300'000, quint32(t), EventKind::DoneCallback);
    }
    const qint64 end = qint64(tasks) * 1'000'000 + 2'500'000;
    for (qint64 ns = 0; ns < end; ns += 10'000'000) {
        add(ns + 3, LoopTask, EventKind::LagSample, 0, qint32(ns / 100'000 % 7000));
        add(ns + 3, LoopTask, EventKind::LoopCpu, 0, qint32(ns / 2000));
        add(ns + 3, LoopTask, EventKind::LoopWait, 0, qint32(ns / 5000));
    }
    add(end - 1, LoopTask, stopped ? EventKind::Stopped : EventKind::AllDone);
    std::stable_sort(events.begin(), events.end(),
                     [](const TraceEvent &a, const TraceEvent &b) { return a.ns < b.ns; });
    trace.events = events;
    trace.endNs = end;
    return trace;
}

inline Coroscope::RunRecord syntheticRecord(int tasks, bool comparison)
{
    using namespace Coroscope;
    RunRecord record;
    record.spec.tasks = tasks;
    record.spec.urls = {QUrl(QStringLiteral("http://127.0.0.1:8765/delay/1"))};
    record.spec.concurrency = 4;
    record.spec.connectionsPerHost = 6;
    record.serverCapacity = 2;
    record.environment.coroscopeVersion = QStringLiteral("0.1.0");
    record.environment.qtVersion = QStringLiteral("6.4.2");
    record.environment.qcoroVersion = QStringLiteral("0.8.0");
    record.environment.os = QStringLiteral("Debian GNU/Linux 12 (bookworm)");
    record.environment.cpuCount = 2;
    record.environment.recordedAt = QDateTime(QDate(2026, 12, 2), QTime(3, 40), Qt::UTC);
    if (comparison) {
        record.compare = {Strategy::Async, Strategy::Threads};
        record.runs = {syntheticTrace(QStringLiteral("async"), tasks),
                       syntheticTrace(QStringLiteral("threads"), tasks, true)};
    } else {
        record.runs = {syntheticTrace(QStringLiteral("async"), tasks)};
    }
    return record;
}

} // namespace CoroscopeTest
