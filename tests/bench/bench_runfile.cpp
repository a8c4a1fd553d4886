// Run file figures for a saved run (e.g. `coroscope --headless --tasks 100000 --save r.coroscope`):
// file size, read + decode, encode + atomic write, what opening then derives (segments, summary,
// diagnostics), and why the events are stored column by column: the same events deflated as
// columns and as interleaved records, and as qCompress'd JSON (the "compressed JSON" option).
//   bench_runfile FILE [REPEAT]
#include "io/runfile.h"
#include "io/runfilebinary_p.h"
#include "io/savefile.h"
#include "trace/diagnostics.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Coroscope;
using namespace Coroscope::RunFileBinary;

namespace {

QByteArray eventsAsColumns(const Trace &trace)
{
    QByteArray out;
    Writer w(&out);
    writeEventColumns(w, trace.events);
    return out;
}

QByteArray eventsAsRecords(const Trace &trace)
{
    QByteArray out;
    Writer w(&out);
    qint64 previous = 0;
    for (const TraceEvent &e : trace.events) {
        w.zigzag(e.ns - previous);
        previous = e.ns;
        w.u8(quint8(e.kind));
        w.varint(e.task == LoopTask ? 0 : quint64(e.task) + 1);
        w.varint(e.label);
        w.zigzag(e.value);
    }
    return out;
}

QByteArray eventsAsJson(const Trace &trace)
{
    QJsonArray events;
    for (const TraceEvent &e : trace.events)
        events.append(QJsonArray{double(e.ns), double(e.task), int(e.kind), e.label, e.value});
    return QJsonDocument(events).toJson(QJsonDocument::Compact);
}

// CPU time of the process: on a shared machine wall time measures the neighbours too.
double cpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double median(QList<double> v)
{
    std::sort(v.begin(), v.end());
    return v.isEmpty() ? 0 : v.at(v.size() / 2);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_runfile FILE.coroscope [REPEAT]\n");
        return 2;
    }
    const QString path = args.at(1);
    const int repeat = std::max(1, args.value(2, QStringLiteral("3")).toInt());
    QList<double> loadMs, deriveMs, encodeMs, writeMs, loadCpuMs, encodeCpuMs;
    RunRecord record;
    QTemporaryDir dir;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer clock;
        clock.start();
        double cpu = cpuMs();
        QString error;
        if (loadRunFile(path, &record, &error) != RunFile::Error::None) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        loadMs.append(clock.nsecsElapsed() / 1e6);
        loadCpuMs.append(cpuMs() - cpu);
        clock.restart();
        for (const Trace &trace : std::as_const(record.runs)) {
            const SegmentBuilder segments = buildSegments(trace);
            summarize(trace, segments);
            diagnose(trace, segments);
        }
        deriveMs.append(clock.nsecsElapsed() / 1e6);
        clock.restart();
        cpu = cpuMs();
        const QByteArray bytes = encodeRunFile(record);
        encodeMs.append(clock.nsecsElapsed() / 1e6);
        encodeCpuMs.append(cpuMs() - cpu);
        clock.restart();
        writeFileAtomically(dir.filePath(QStringLiteral("copy.coroscope")), bytes, &error);
        writeMs.append(clock.nsecsElapsed() / 1e6);
    }
    qint64 tasks = 0;
    qint64 events = 0;
    for (const Trace &trace : std::as_const(record.runs)) {
        tasks += trace.tasks.size();
        events += trace.events.size();
    }
    std::printf("runfile: %lld tasks, %lld events, file %lld bytes (%.1f bytes/task)\n",
                qlonglong(tasks), qlonglong(events), qlonglong(QFile(path).size()),
                double(QFile(path).size()) / double(std::max<qint64>(1, tasks)));
    std::printf("open_ms (read + decode) median=%.0f (cpu %.0f)\n", median(loadMs),
                median(loadCpuMs));
    std::printf("derive_ms (segments + summary + diagnostics) median=%.0f\n", median(deriveMs));
    std::printf("save_ms (encode + compress) median=%.0f (cpu %.0f), write_ms median=%.0f\n",
                median(encodeMs), median(encodeCpuMs), median(writeMs));

    const Trace &trace = record.runs.constFirst();
    const QByteArray columns = eventsAsColumns(trace);
    const QByteArray records = eventsAsRecords(trace);
    QElapsedTimer clock;
    clock.start();
    const qsizetype columnsZ = qCompress(columns).size();
    const double columnsMs = clock.nsecsElapsed() / 1e6;
    clock.restart();
    const qsizetype recordsZ = qCompress(records).size();
    const double recordsMs = clock.nsecsElapsed() / 1e6;
    clock.restart();
    const QByteArray json = eventsAsJson(trace);
    const qsizetype jsonZ = qCompress(json).size();
    const double jsonMs = clock.nsecsElapsed() / 1e6;
    std::printf("events as columns: %lld raw, %lld deflated (%.0f ms)\n", qlonglong(columns.size()),
                qlonglong(columnsZ), columnsMs);
    clock.restart();
    const qsizetype fastZ = qCompress(columns, 1).size();
    std::printf("events as columns, zlib level 1: %lld deflated (%.0f ms)\n", qlonglong(fastZ),
                clock.nsecsElapsed() / 1e6);
    std::printf("events as records: %lld raw, %lld deflated (%.0f ms)\n", qlonglong(records.size()),
                qlonglong(recordsZ), recordsMs);
    std::printf("events as JSON arrays: %lld raw, %lld deflated (%.0f ms to build and compress)\n",
                qlonglong(json.size()), qlonglong(jsonZ), jsonMs);
    return 0;
}
