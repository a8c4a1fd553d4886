// What a sweep costs beyond its runs: tasks = 1, 10, 100, 1000 x async, sequential, threads x 3
// repeats (36 runs) against the embedded server's /delay/D (D = 0.01 s unless given: sequential
// 1000 x 1 s would take 50 minutes), printing the sum of the runs' own wall times, the sweep's
// wall time and the overhead (thread start and join per run, the summaries, the hand-over).
//   bench_sweep [DELAY_SECONDS] [--alone]   (--alone: each URL measured alone first, as the
//   window and the command line do; that fetch is outside the runs' wall time)
#include "run/resourcelimits.h"
#include "run/sweep.h"
#include "server/testserver.h"

#include <QCoreApplication>
#include <QEventLoop>

#include <cstdio>

using namespace Coroscope;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    raiseFileLimit();
    const QStringList args = app.arguments();
    double delay = 0.01;
    bool alone = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args.at(i) == u"--alone")
            alone = true;
        else
            delay = args.at(i).toDouble();
    }
    TestServer server;
    if (!server.start(0)) {
        std::fprintf(stderr, "cannot start the server: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    SweepSpec spec;
    QUrl url = server.baseUrl();
    url.setPath(QStringLiteral("/delay/") + sweepValueText(delay));
    spec.base.urls = {url};
    spec.base.measureAlone = alone;
    spec.knob = SweepKnob::Tasks;
    spec.values = {1, 10, 100, 1000};
    spec.strategies = {Strategy::Async, Strategy::Sequential, Strategy::Threads};
    spec.repeat = 3;
    spec.embeddedServer = {server.baseUrl().toString()};
    std::printf("sweep of tasks = 1,10,100,1000 x async,sequential,threads x 3 repeats against "
                "%s (alone measurement %s); estimated %.1f s\n",
                qPrintable(url.toString()), alone ? "on" : "off", estimateSweepMs(spec, {}) / 1000);
    std::fflush(stdout);

    Sweep sweep;
    sweep.setServer(&server);
    QEventLoop loop;
    QObject::connect(&sweep, &Sweep::finished, &loop, &QEventLoop::quit);
    double firstEstimate = 0;
    QObject::connect(&sweep, &Sweep::pointFinished, &loop, [&](int index) {
        if (index == 0)
            firstEstimate = sweep.estimatedTotalMs();
    });
    if (const QString error = sweep.start(spec); !error.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    loop.exec();
    const double runs = sweep.runsWallMs();
    const double wall = sweep.elapsedMs();
    int failed = 0;
    for (const SweepPoint &p : sweep.points())
        failed += p.summary.failed + p.summary.timeouts + p.summary.cancelled;
    std::printf("points %lld, failed tasks %d\n", qlonglong(sweep.points().size()), failed);
    std::printf("sum of the runs' wall times  %10.1f ms\n", runs);
    std::printf("sweep wall time              %10.1f ms\n", wall);
    std::printf("overhead                     %10.1f ms = %.2f %% of the runs' time (%.1f ms per "
                "run)\n",
                wall - runs, 100.0 * (wall - runs) / runs,
                (wall - runs) / double(sweep.points().size()));
    std::printf("estimate after the first run %10.1f ms (%.0f %% of the sweep's wall time)\n",
                firstEstimate, 100.0 * firstEstimate / wall);
    return 0;
}
