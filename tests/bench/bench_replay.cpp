// Cost of moving replay's view instant (LiveTrace::setViewNs) on big runs: the view itself
// (TraceInstant: forward appends, back rebuilds) and then what the window does with one move
// (table, summary, timeline frame, loop state panel), at 10,000 and 100,000 tasks. Playback
// moves the instant ~30 times a second; scrubbing moves it with the pointer. Prints figures;
// asserts nothing.
//   QT_QPA_PLATFORM=offscreen bench_replay [TASKS...]
#include "livetrace.h"
#include "loopstatepanel.h"
#include "mainwindow.h"
#include "summarystrip.h"
#include "syntheticrun.h"
#include "timelineview.h"
#include "trace/summary.h"
#include "trace/traceinstant.h"

#include <QApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <cstdio>

using namespace Coroscope;

namespace {

double msSince(const QElapsedTimer &clock)
{
    return double(clock.nsecsElapsed()) / 1e6;
}

// Median of `repeat` runs of `step(i)`, in ms.
template<typename Step> double median(int repeat, Step step)
{
    QList<double> ms;
    for (int i = 0; i < repeat; ++i) {
        QElapsedTimer clock;
        clock.start();
        step(i);
        ms << msSince(clock);
    }
    std::sort(ms.begin(), ms.end());
    return ms.at(ms.size() / 2);
}

void benchCore(const Trace &whole)
{
    const qint64 end = whole.endNs;
    const qint64 frame = 33'000'000; // one playback frame at 1x
    TraceInstant view;
    const double jump = median(5, [&](int i) {
        TraceInstant fresh;
        fresh.moveTo(whole, end / 2 + i);
    });
    view.moveTo(whole, end / 2);
    const double forward
        = median(30, [&](int i) { view.moveTo(whole, end / 2 + (i + 1) * frame); });
    const double back = median(10, [&](int i) { view.moveTo(whole, end / 2 - (i + 1) * frame); });
    view.moveTo(whole, end - 1);
    const double summary = median(5, [&](int) { summarize(view.trace(), view.segments()); });
    std::printf("  view alone (TraceInstant): build at the middle %.1f ms; forward one 1x frame "
                "%.3f ms; back one frame (rebuild) %.1f ms near the middle; summarize() of the "
                "view at the end %.1f ms\n",
                jump, forward, back, summary);
}

void benchWindow(const Trace &whole)
{
    MainWindow window(nullptr);
    window.setPersistSettings(false);
    window.resize(1280, 800);
    window.show();
    LiveTrace *live = window.liveTrace();
    live->setTrace(whole);
    QApplication::processEvents();
    window.showLoopStateAt(whole.endNs / 2);
    QApplication::processEvents();
    const qint64 frame = 33'000'000;
    // One move as playback does it: set the instant, then everything the window does before the
    // next frame (throttled views included: their work is forced here, the worst case).
    const auto move = [&](qint64 ns) {
        window.loopStatePanel()->setPlayheadNs(ns);
        window.summaryStrip()->currentSummary();
        window.timeline()->viewport()->repaint();
        QApplication::processEvents();
    };
    const qint64 mid = whole.endNs / 2;
    const double forward = median(20, [&](int i) { move(mid + (i + 1) * frame); });
    const double back = median(10, [&](int i) { move(mid - (i + 1) * frame); });
    const double scrub
        = median(6, [&](int i) { move(i % 2 ? whole.endNs / 4 : whole.endNs * 3 / 4); });
    std::printf("  in the window (set instant + table + summary + timeline frame + events): "
                "forward one frame %.1f ms; back one frame %.1f ms; scrub jump %.1f ms\n",
                forward, back, scrub);
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QList<int> sizes;
    for (int i = 1; i < argc; ++i)
        sizes << QString::fromLocal8Bit(argv[i]).toInt();
    if (sizes.isEmpty())
        sizes = {10'000, 100'000};
    for (const int tasks : std::as_const(sizes)) {
        const Trace whole = CoroscopeTest::syntheticTrace(QStringLiteral("async"), tasks);
        std::printf("%d tasks, %lld events, %.1f s run:\n", tasks,
                    static_cast<long long>(whole.events.size()), double(whole.endNs) / 1e9);
        benchCore(whole);
        benchWindow(whole);
        std::fflush(stdout);
    }
    return 0;
}
