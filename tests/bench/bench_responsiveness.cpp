// GUI-thread responsiveness while the real main window follows a live run: a 1 ms timer on the
// GUI thread records every gap between its ticks; the longest gap is the worst stall a user
// would feel (target: never more than 50 ms during a 1,000-task run).
#include "mainwindow.h"
#include "run/resourcelimits.h"
#include "run/run.h"
#include "server/testserver.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Coroscope;

namespace {
struct Figures
{
    double maxMs = 0;
    double p99Ms = 0;
    int ticks = 0;
    double wallMs = 0;
    double worstAtMs = 0; // when the worst stall ended, from Run pressed
};

Figures measure(MainWindow &window, TestServer &server, int tasks, const QString &path)
{
    LaunchOptions options;
    QUrl url = server.baseUrl();
    url.setPath(path);
    options.spec.urls = {url};
    options.spec.tasks = tasks;
    options.urlsGiven = true;
    options.specGiven = true;
    window.applyOptions(options);

    QList<double> gaps;
    double worst = 0;
    double worstAt = 0;
    QElapsedTimer clock;
    qint64 last = 0;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, [&]() {
        const qint64 now = clock.nsecsElapsed();
        const double gap = double(now - last) / 1e6;
        gaps.append(gap);
        if (gap > worst) {
            worst = gap;
            worstAt = double(now) / 1e6;
        }
        last = now;
    });
    QEventLoop loop;
    QObject::connect(&window, &MainWindow::runFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(120000, &loop, &QEventLoop::quit); // bounded, whatever happens
    clock.start();
    probe.start(1);
    window.startRun();
    loop.exec();
    probe.stop();
    Figures f;
    f.wallMs = double(clock.nsecsElapsed()) / 1e6;
    f.ticks = int(gaps.size());
    f.worstAtMs = worstAt;
    if (!gaps.isEmpty()) {
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
    raiseFileLimit(); // as the app does: each loopback connection costs two descriptors
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    TestServer server;
    if (!server.start(0)) {
        std::fprintf(stderr, "server: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    MainWindow window(&server);
    window.setPersistSettings(false);
    window.resize(1400, 900);
    window.show();

    for (const auto &[tasks, path] : {std::pair{1000, QStringLiteral("/delay/1")},
                                      std::pair{10000, QStringLiteral("/delay/1")}}) {
        const Figures f = measure(window, server, tasks, path);
        std::printf("gui_stall_%dx_delay1_ms max=%.1f (ending at %.0f ms) p99=%.1f ticks=%d "
                    "run_wall_ms=%.0f%s\n",
                    tasks, f.maxMs, f.worstAtMs, f.p99Ms, f.ticks, f.wallMs,
                    tasks == 1000 ? " (target: max <= 50)" : "");
    }
    return 0;
}
