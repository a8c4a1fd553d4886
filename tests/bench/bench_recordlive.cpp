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
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Coroscope;

namespace {
struct Figures
{
    double maxMs = 0;
    double p99Ms = 0;
    int over50 = 0;
    double wallMs = 0;
    int tasks = 0;
    double firstTasksMs = -1; // Record -> the first tasks on the window's trace
};

template<typename Start, typename Done>
Figures measure(Start start, Done done, LiveTrace *live, int limitMs)
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
        last = now;
        if (f.firstTasksMs < 0 && live && live->taskCount() > 0)
            f.firstTasksMs = double(now) / 1e6;
    });
    QEventLoop loop;
    done(&loop);
    QTimer::singleShot(limitMs, &loop, &QEventLoop::quit); // bounded, whatever happens
    clock.start();
    probe.start(1);
    start();
    loop.exec();
    probe.stop();
    f.wallMs = double(clock.nsecsElapsed()) / 1e6;
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
    QApplication app(argc, argv);
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
        []() {}, [](QEventLoop *loop) { QTimer::singleShot(2000, loop, &QEventLoop::quit); },
        nullptr, 3000);
    std::printf("gui_stall_idle_ms max=%.1f p99=%.1f over_50ms=%d (baseline, 2 s)\n", idle.maxMs,
                idle.p99Ms, idle.over50);
    QList<double> maxima;
    for (int run = 1; run <= runs; ++run) {
        RecordCommand command;
        command.program = QStringLiteral("/usr/bin/python3");
        command.arguments = {prog, QString::number(tasks)};
        command.workingDirectory = dir.path();
        const Figures f = measure(
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
                    "(%s)\n",
                    tasks, run, f.maxMs, f.p99Ms, f.over50, session ? session->end().tasks : 0,
                    f.firstTasksMs, f.wallMs,
                    session ? qPrintable(session->endText()) : "no session");
        std::fflush(stdout);
        maxima.append(f.maxMs);
    }
    std::sort(maxima.begin(), maxima.end());
    std::printf("gui_stall_record_%dtasks_max_ms over %lld runs: min=%.1f median=%.1f max=%.1f "
                "(target: <= 50)\n",
                tasks, qlonglong(maxima.size()), maxima.constFirst(), maxima.at(maxima.size() / 2),
                maxima.constLast());
    return 0;
}
