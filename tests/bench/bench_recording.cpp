// A program that creates 1,000,000 tasks, streamed through the recording reader
// (app/record/csrecdecoder.h) in 1 MiB slices as a socket would deliver it, with the retention
// rule's default limit: prints the time, the rate, the resident memory (now and peak) and what
// was kept and dropped, beside the same figures for 100,000 tasks (nothing dropped) as the
// baseline. Memory must stay bounded by the limit, not grow with the program.
//
//   bench_recording [TASKS]

#include "record/csrecdecoder.h"
#include "trace/recorder.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

#include <sys/resource.h>

using namespace Coroscope;

namespace {

long rssKb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

long peakRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

// What the Python recorder sends per task: its name's string, T, Q, R, A (a sleep), R, D.
void appendTask(QByteArray &out, int id, qint64 &t)
{
    const QByteArray n = QByteArray::number(id);
    const QByteArray sid = QByteArray::number(id + 10);
    out += "S\t" + sid + "\tTask-" + n + '\n';
    out += "T\t" + QByteArray::number(t) + '\t' + n + "\t1\t1\t" + sid + "\t2\t3\n";
    out += "Q\t" + QByteArray::number(t++) + '\t' + n + '\n';
    out += "R\t" + QByteArray::number(t++) + '\t' + n + "\t1\t0\n";
    out += "A\t" + QByteArray::number(t++) + '\t' + n + "\t4\t3\t0\n";
    out += "R\t" + QByteArray::number(t++) + '\t' + n + "\t1\t0\n";
    out += "D\t" + QByteArray::number(t++) + '\t' + n + "\tok\t0\t0\n";
}

void run(int tasks)
{
    const long rssBefore = rssKb();
    TraceRecorder recorder{QStringLiteral("async")};
    CsrecDecoder decoder(&recorder);
    QElapsedTimer generating;
    qint64 generateNs = 0;
    QElapsedTimer clock;
    clock.start();
    // Task 1 is the program's main task, running throughout (never dropped).
    decoder.feed("CSREC\t1\t0\tpython\tbench\tCPython-3.11.2\t1\t0\n"
                 "S\t1\tMainThread loop\nL\t1\t1\nS\t2\tmain.<locals>.work\nS\t3\tprog.py:9\n"
                 "S\t4\tasyncio.sleep\nS\t5\tmain\nT\t0\t1\t1\t0\t5\t5\t3\nR\t0\t1\t1\t0\n");
    qint64 t = 1;
    qint64 bytes = 0;
    QByteArray chunk;
    chunk.reserve((1 << 20) + 4096);
    for (int id = 2; id <= tasks + 1; ++id) {
        generating.start();
        appendTask(chunk, id, t);
        generateNs += generating.nsecsElapsed();
        if (chunk.size() >= (1 << 20) || id == tasks + 1) {
            decoder.feed(chunk);
            bytes += chunk.size();
            chunk.clear();
        }
    }
    decoder.feed(QByteArray("D\t" + QByteArray::number(t) + "\t1\tok\t0\t0\nE\t"
                            + QByteArray::number(t) + "\texit\t0\n"));
    decoder.finish();
    const double decodeMs = double(clock.nsecsElapsed() - generateNs) / 1e6;
    const Trace trace = recorder.snapshot();
    std::printf("%8d tasks  %6.1f MB stream  decode %7.0f ms  %5.2f us/task  %6.1f MB/s  "
                "kept %6lld tasks %8lld events  dropped %7lld tasks  RSS +%6ld KB (peak %ld KB)\n",
                tasks, double(bytes) / 1e6, decodeMs, decodeMs * 1000 / tasks,
                double(bytes) / 1e6 / (decodeMs / 1000), qlonglong(trace.tasks.size()),
                qlonglong(trace.events.size()), qlonglong(trace.droppedTasks),
                rssKb() - rssBefore, peakRssKb());
    std::fflush(stdout);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int tasks = argc > 1 ? QByteArray(argv[1]).toInt() : 1000000;
    std::printf("baseline (at the retention limit, nothing dropped):\n");
    run(100000);
    std::printf("a program creating %d tasks (limit 100,000 kept):\n", tasks);
    run(tasks);
    return 0;
}
