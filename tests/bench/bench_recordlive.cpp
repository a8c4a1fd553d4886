// GUI-thread responsiveness while the real main window follows a live recording (issue 19's
// figure: 10,000 tasks created within one second must not stall the window more than 50 ms).
// A real python3 program recorded by Coroscope's recorder creates `tasks` tasks in ten batches
// over one second, each sleeping 0.5 s; a 1 ms timer on the GUI thread records every gap
// between its ticks, from Record to the recording's end. The same window idle for as long is
// the baseline (the offscreen platform's and this machine's own noise).
//
// Usage: bench_recordlive [tasks] [runs]     (defaults 10000, 3)
#include "livetrace.h"
#include "mainwindow.h"
#include "record/recordsession.h"
#include "run/resourcelimits.h"
#include "server/testserver.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <ctime>

using namespace Coroscope;

namespace {
qint64 threadCpuNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Measures the GUI thread's own CPU time per event it handles (the outermost ones): unlike the
// wall-clock gaps, this does not depend on what else the machine runs, so it tells a stall the
// window causes from one the machine's load causes. BENCH_RECORDLIVE_EXPLAIN=1 prints every
// event that took longer than 12 ms of wall time (with its CPU time), to find what stalls.
class EventCpuApp : public QApplication
{
public:
    using QApplication::QApplication;
    double maxEventCpuMs = 0;
    QString maxEventWhat;
    bool explain = qEnvironmentVariableIsSet("BENCH_RECORDLIVE_EXPLAIN");

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (QThread::currentThread() != thread() || m_depth > 0)
            return QApplication::notify(receiver, event);
        const int type = event->type();
        // The event may delete its receiver (DeferredDelete): named before.
        const char *className = receiver->metaObject()->className();
        const QString name = receiver->objectName();
        const qint64 wall0 = m_wall.isValid() ? m_wall.nsecsElapsed() : (m_wall.start(), 0);
        const qint64 cpu0 = threadCpuNs();
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double cpuMs = double(threadCpuNs() - cpu0) / 1e6;
        const double wallMs = double(m_wall.nsecsElapsed() - wall0) / 1e6;
        if (cpuMs > maxEventCpuMs) {
            maxEventCpuMs = cpuMs;
            maxEventWhat = QString::fromLatin1(className) + QStringLiteral(" event ")
                + QString::number(type);
        }
        if (explain && wallMs > 12)
            std::fprintf(stderr, "  slow event: %.1f ms wall, %.1f ms cpu: type %d to %s %s\n",
                         wallMs, cpuMs, type, className, qPrintable(name));
        return result;
    }

private:
    int m_depth = 0;
    QElapsedTimer m_wall;
};
struct Figures
{
    double maxMs = 0;
    double p99Ms = 0;
    int over50 = 0;
    double wallMs = 0;
    int tasks = 0;
    double firstTasksMs = -1; // Record -> the first tasks on the window's trace
    double guiCpuMs = 0; // the GUI thread's CPU time, start to end
    double maxEventCpuMs = 0; // the most CPU one event (or start()) took on the GUI thread
    QString maxEventWhat;
};

template<typename Start, typename Done>
Figures measure(EventCpuApp *app, Start start, Done done, LiveTrace *live, int limitMs)
{
    QList<double> gaps;
    QElapsedTimer clock;
    qint64 last = 0;
    Figures f;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&]() {
        const qint64 now = clock.nsecsElapsed();
        gaps.append(double(now - last) / 1e6);
        if (app->explain && gaps.constLast() > 30)
            std::fprintf(stderr, "GUI stalled %.1f ms, until %.0f ms\n", gaps.constLast(),
                         double(now) / 1e6);
        last = now;
        if (f.firstTasksMs < 0 && live && live->taskCount() > 0)
            f.firstTasksMs = double(now) / 1e6;
    });
    QEventLoop loop;
    done(&loop);
    QTimer::singleShot(limitMs, &loop, &QEventLoop::quit); // bounded, whatever happens
    app->maxEventCpuMs = 0;
    const qint64 cpu0 = threadCpuNs();
    clock.start();
    probe.start(1);
    start();
    const double startCpuMs = double(threadCpuNs() - cpu0) / 1e6;
    loop.exec();
    probe.stop();
    f.wallMs = double(clock.nsecsElapsed()) / 1e6;
    f.guiCpuMs = double(threadCpuNs() - cpu0) / 1e6;
    f.maxEventCpuMs = app->maxEventCpuMs;
    f.maxEventWhat = app->maxEventWhat;
    if (startCpuMs > f.maxEventCpuMs) {
        f.maxEventCpuMs = startCpuMs;
        f.maxEventWhat = QStringLiteral("start");
    }
    if (!gaps.isEmpty()) {
        for (double g : std::as_const(gaps))
            f.over50 += g > 50 ? 1 : 0;
        std::sort(gaps.begin(), gaps.end());
        f.maxMs = gaps.constLast();
        f.p99Ms = gaps.at(std::min<qsizetype>(gaps.size() - 1, qsizetype(0.99 * gaps.size())));
    }
    return f;
}
} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    raiseFileLimit();
    QStandardPaths::setTestModeEnabled(true);
    EventCpuApp app(argc, argv);
    const QStringList args = app.arguments();
    const int tasks = args.size() > 1 ? std::max(1, args.at(1).toInt()) : 10000;
    const int runs = args.size() > 2 ? std::max(1, args.at(2).toInt()) : 3;

    QTemporaryDir dir;
    const QString prog = dir.filePath(QStringLiteral("flood.py"));
    {
        QFile file(prog);
        if (!file.open(QIODevice::WriteOnly))
            return 1;
        file.write("import asyncio, sys\n"
                   "N = int(sys.argv[1])\n"
                   "async def t():\n"
                   "    await asyncio.sleep(0.5)\n"
                   "async def main():\n"
                   "    ts = []\n"
                   "    for b in range(10):\n"
                   "        ts += [asyncio.create_task(t()) for _ in range(N // 10)]\n"
                   "        await asyncio.sleep(0.1)\n"
                   "    await asyncio.gather(*ts)\n"
                   "asyncio.run(main())\n");
    }
    TestServer server;
    server.start(0);
    MainWindow window(&server);
    window.setPersistSettings(false);
    window.resize(1400, 900);
    window.show();
    {
        QEventLoop settle;
        QTimer::singleShot(500, &settle, &QEventLoop::quit);
        settle.exec();
    }
    const Figures idle = measure(
        &app, []() {}, [](QEventLoop *loop) { QTimer::singleShot(2000, loop, &QEventLoop::quit); },
        nullptr, 3000);
    std::printf("gui_stall_idle_ms max=%.1f p99=%.1f over_50ms=%d gui_cpu_ms=%.0f "
                "max_event_cpu_ms=%.1f (baseline, 2 s)\n",
                idle.maxMs, idle.p99Ms, idle.over50, idle.guiCpuMs, idle.maxEventCpuMs);
    // The same program unrecorded, the window idle meanwhile: what the program's own CPU and the
    // machine's load do to the GUI thread's timers without any work of the window's.
    QList<double> programMaxima;
    for (int run = 1; run <= runs; ++run) {
        QProcess program;
        const Figures f = measure(
            &app,
            [&]() {
                program.start(QStringLiteral("/usr/bin/python3"), {prog, QString::number(tasks)});
            },
            [&](QEventLoop *loop) {
                QObject::connect(&program, &QProcess::finished, loop, &QEventLoop::quit);
            },
            nullptr, 120000);
        std::printf("gui_stall_unrecorded_program_ms run=%d max=%.1f p99=%.1f over_50ms=%d "
                    "wall_ms=%.0f (baseline: the window idle while the program runs)\n",
                    run, f.maxMs, f.p99Ms, f.over50, f.wallMs);
        programMaxima.append(f.maxMs);
    }
    std::sort(programMaxima.begin(), programMaxima.end());
    QList<double> maxima;
    QList<double> cpus;
    QList<double> eventCpus;
    for (int run = 1; run <= runs; ++run) {
        RecordCommand command;
        command.program = QStringLiteral("/usr/bin/python3");
        command.arguments = {prog, QString::number(tasks)};
        command.workingDirectory = dir.path();
        const Figures f = measure(
            &app,
            [&]() {
                QString error;
                if (!window.startRecording(command, &error))
                    std::fprintf(stderr, "cannot record: %s\n", qPrintable(error));
            },
            [&](QEventLoop *loop) {
                QObject::connect(&window, &MainWindow::runFinished, loop, &QEventLoop::quit,
                                 Qt::SingleShotConnection);
            },
            window.liveTrace(), 120000);
        const RecordSession *session = window.recordSession();
        std::printf("gui_stall_record_%dtasks_ms run=%d max=%.1f p99=%.1f over_50ms=%d "
                    "tasks_recorded=%d first_tasks_on_screen_ms=%.0f record_wall_ms=%.0f "
                    "gui_cpu_ms=%.0f max_event_cpu_ms=%.1f (%s) (%s)\n",
                    tasks, run, f.maxMs, f.p99Ms, f.over50, session ? session->end().tasks : 0,
                    f.firstTasksMs, f.wallMs, f.guiCpuMs, f.maxEventCpuMs,
                    qPrintable(f.maxEventWhat),
                    session ? qPrintable(session->endText()) : "no session");
        std::fflush(stdout);
        maxima.append(f.maxMs);
        cpus.append(f.guiCpuMs);
        eventCpus.append(f.maxEventCpuMs);
    }
    std::sort(maxima.begin(), maxima.end());
    std::sort(cpus.begin(), cpus.end());
    std::sort(eventCpus.begin(), eventCpus.end());
    std::printf("gui_stall_record_%dtasks_max_ms over %lld runs: min=%.1f median=%.1f max=%.1f "
                "(target: <= 50; unrecorded program baseline median=%.1f)\n",
                tasks, qlonglong(maxima.size()), maxima.constFirst(), maxima.at(maxima.size() / 2),
                maxima.constLast(), programMaxima.at(programMaxima.size() / 2));
    // What the window itself costs, whatever the machine's load: the stall above is this plus
    // the time other processes held the CPU.
    std::printf("gui_cpu_record_%dtasks_ms median=%.0f max_event_cpu_ms median=%.1f max=%.1f\n",
                tasks, cpus.at(cpus.size() / 2), eventCpus.at(eventCpus.size() / 2),
                eventCpus.constLast());
    return 0;
}
