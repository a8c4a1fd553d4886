// Paint cost of the timeline: how long one frame of TimelineView takes for big runs, in the
// worst honest case (the whole run in view, every visible row full, the loop row merged from
// every task). Prints figures against the frame budgets; asserts nothing.
#include "livetrace.h"
#include "timelineoverview.h"
#include "timelineview.h"
#include "trace/phases.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>

#include <algorithm>
#include <cstdio>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 Us = 1'000;
constexpr qint64 Ms = 1'000'000;

// `tasks` tasks, each: created (staggered 100 us apart), pending for a connection, a short run,
// "await reply" for about a second, a short run, finished (some fail). Inside each await, Qt's
// network moments as the recorder stamps them (trace/phases.h): one task in six opens its
// connection, a third report a server queue, so every row's band holds 4-7 phases, several of
// them sub-pixel. The first `denseTasks` instead await `awaitsPerDenseTask` times across the
// whole run: rows full of sub-pixel segments.
Trace syntheticTrace(int tasks, int denseTasks = 0, int awaitsPerDenseTask = 0)
{
    QRandomGenerator random(42);
    Trace t;
    t.strategy = u"async"_s;
    t.urls = {u"http://127.0.0.1:8080/delay/1"_s, u"http://127.0.0.1:8080/status/500"_s};
    t.labels = {QString(),
                u"await reply"_s,
                u"await connection"_s,
                QLatin1String(NetworkMoment::Connecting),
                QLatin1String(NetworkMoment::RequestSent),
                QLatin1String(NetworkMoment::Headers),
                QLatin1String(NetworkMoment::Finished)};
    enum : quint16 { Connecting = 3, Sent, Headers, ReplyFinished };
    t.tasks.resize(tasks);
    t.events.reserve(qsizetype(tasks) * 10 + qsizetype(denseTasks) * awaitsPerDenseTask * 2 + 1000);
    const qint64 stagger = 100 * Us;
    const qint64 runEnd = tasks * stagger + 1200 * Ms;
    for (quint32 i = 0; i < quint32(tasks); ++i) {
        const qint64 created = i * stagger;
        qint64 ns = created;
        auto add = [&](EventKind kind, quint16 label = 0) {
            t.events.append(TraceEvent{ns, i, kind, 0, label, 0});
        };
        add(EventKind::Created);
        ns += (i % 50) * 2 * Ms;
        add(EventKind::Admitted, 2);
        if (int(i) < denseTasks) {
            // Alternate short runs and awaits until the run's end.
            const qint64 period = std::max<qint64>(2 * Us, (runEnd - ns) / awaitsPerDenseTask);
            for (int a = 0; a < awaitsPerDenseTask && ns + period < runEnd; ++a) {
                ns += period / 5;
                add(EventKind::Suspended, 1);
                ns += period * 4 / 5;
                add(EventKind::Resumed, 1);
            }
        } else {
            ns += 50 * Us;
            add(EventKind::Suspended, 1);
            const qint64 awaitStart = ns;
            const bool fresh = i % 6 == 0;
            ns += qint64(random.bounded(3000)) * Us; // queued inside Qt
            if (fresh) {
                add(EventKind::Network, Connecting);
                ns += 200 * Us + qint64(random.bounded(300)) * Us;
            }
            add(EventKind::Network, Sent);
            const qint64 serverMs = 400 + random.bounded(900);
            if (i % 3 == 0)
                t.tasks[i].serverQueuedMs = serverMs / 2;
            t.tasks[i].serverConnectionRequest = fresh ? 1 : 2 + int(i % 5);
            ns += serverMs * Ms;
            add(EventKind::Network, Headers);
            ns += qint64(random.bounded(2000)) * Us; // receiving
            add(EventKind::Network, ReplyFinished);
            ns = std::max(ns + 40 * Us, awaitStart + 900 * Ms); // the loop resumes it
            add(EventKind::Resumed, 1);
            ns += 30 * Us;
        }
        add(EventKind::Finished);
        t.tasks[i].result = i % 17 == 0 ? TaskResult::Error
            : i % 31 == 0               ? TaskResult::Timeout
                                        : TaskResult::Ok;
        t.tasks[i].urlIndex = i % 17 == 0 ? 1 : 0;
        t.tasks[i].httpStatus = i % 17 == 0 ? 500 : 200;
    }
    for (qint64 ns = 0; ns < runEnd; ns += 50 * Ms)
        t.events.append(
            TraceEvent{ns, LoopTask, EventKind::LagSample, 0, 0, qint32(random.bounded(3000))});
    std::stable_sort(t.events.begin(), t.events.end(),
                     [](const TraceEvent &a, const TraceEvent &b) { return a.ns < b.ns; });
    t.endNs = t.events.constLast().ns;
    return t;
}

struct Figures
{
    double uncachedMs = 0;
    double medianMs = 0;
    double maxMs = 0;
};

Figures measure(TimelineView &view, LiveTrace &live, const Trace &trace, int frames)
{
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    live.setTrace(trace); // the view resets: fitted to the whole run, loop row not merged yet
    QElapsedTimer timer;
    timer.start();
    view.viewport()->render(&image);
    Figures f;
    f.uncachedMs = double(timer.nsecsElapsed()) / 1e6;
    QList<double> times;
    for (int i = 0; i < frames; ++i) {
        timer.restart();
        view.viewport()->render(&image);
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    f.medianMs = times.at(times.size() / 2);
    f.maxMs = times.constLast();
    return f;
}

void print(const char *name, const Figures &f, double target, qsizetype events)
{
    std::printf("%s median=%.2f max=%.2f uncached_first_frame=%.2f (target <= %.0f) "
                "events=%lld %s\n",
                name, f.medianMs, f.maxMs, f.uncachedMs, target, static_cast<long long>(events),
                f.maxMs <= target ? "OK" : "OVER");
}
} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const int frames = 50;

    LiveTrace live;
    TimelineView view;
    view.setLiveTrace(&live);
    view.resize(1600, 1000);
    view.show();
    QCoreApplication::processEvents();
    // The viewport itself should be 1600 x 1000, scroll bars aside.
    view.resize(view.size() + (QSize(1600, 1000) - view.viewport()->size()));
    QCoreApplication::processEvents();
    // One throwaway frame: the process's first paint also loads fonts and fills glyph caches,
    // which is not what "uncached" measures (the view's own per-revision loop-row merge).
    {
        live.setTrace(syntheticTrace(100));
        QImage warmUp(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        view.viewport()->render(&warmUp);
    }
    std::printf("viewport=%dx%d frames=%d\n", view.viewport()->width(), view.viewport()->height(),
                frames);

    // With phases (the default view) against the same frames without them: what the band
    // costs, measured in the same run.
    const Trace t10k = syntheticTrace(10'000);
    view.setShowPhases(false);
    const Figures off10k = measure(view, live, t10k, frames);
    view.setShowPhases(true);
    const Figures on10k = measure(view, live, t10k, frames);
    print("paint_10k_full_view_ms", on10k, 8, t10k.events.size());
    const Trace t100k = syntheticTrace(100'000);
    view.setShowPhases(false);
    const Figures off100k = measure(view, live, t100k, frames);
    view.setShowPhases(true);
    const Figures on100k = measure(view, live, t100k, frames);
    print("paint_100k_full_view_ms", on100k, 16, t100k.events.size());
    // Proof that the band was painted: the pixels that differ between the two views.
    {
        live.setTrace(t100k);
        QImage on(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
        QImage off(on.size(), on.format());
        view.viewport()->render(&on);
        view.setShowPhases(false);
        view.viewport()->render(&off);
        view.setShowPhases(true);
        qsizetype differing = 0;
        for (int y = 0; y < on.height(); ++y) {
            const auto *a = reinterpret_cast<const QRgb *>(on.constScanLine(y));
            const auto *b = reinterpret_cast<const QRgb *>(off.constScanLine(y));
            for (int x = 0; x < on.width(); ++x)
                differing += a[x] != b[x];
        }
        std::printf("phases_band_pixels_100k=%lld (of %lld)\n", static_cast<long long>(differing),
                    static_cast<long long>(on.width()) * on.height());
    }
    std::printf("phases_band_cost median_ratio_on_off: 10k=%.2f (%.2f vs %.2f ms) "
                "100k=%.2f (%.2f vs %.2f ms)\n",
                on10k.medianMs / off10k.medianMs, on10k.medianMs, off10k.medianMs,
                on100k.medianMs / off100k.medianMs, on100k.medianMs, off100k.medianMs);
    // Every visible row holds thousands of segments spread over the whole run.
    const Trace dense10k = syntheticTrace(10'000, 100, 5'000);
    print("paint_10k_dense_rows_ms", measure(view, live, dense10k, frames), 8,
          dense10k.events.size());
    const Trace dense100k = syntheticTrace(100'000, 100, 5'000);
    print("paint_100k_dense_rows_ms", measure(view, live, dense100k, frames), 16,
          dense100k.events.size());

    // Zoomed into the middle of the 100k run, scrolled half way down: the binary searches.
    live.setTrace(t100k);
    view.setVisibleRange(5'000 * Ms, 5'500 * Ms);
    view.setSelectedTask(50'000);
    QImage image(view.viewport()->size(), QImage::Format_ARGB32_Premultiplied);
    view.viewport()->render(&image);
    QList<double> times;
    QElapsedTimer timer;
    for (int i = 0; i < frames; ++i) {
        timer.start();
        view.viewport()->render(&image);
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    std::printf("paint_100k_zoomed_middle_ms median=%.2f max=%.2f (target <= 16)\n",
                times.at(times.size() / 2), times.constLast());

    // One-pixel rows: every visible row is a line of the density image (about 900 of them).
    view.setRowHeight(1);
    print("paint_10k_1px_rows_ms", measure(view, live, t10k, frames), 8, t10k.events.size());
    print("paint_100k_1px_rows_ms", measure(view, live, t100k, frames), 16, t100k.events.size());
    print("paint_100k_dense_1px_rows_ms", measure(view, live, dense100k, frames), 16,
          dense100k.events.size());
    view.setRowHeight(0);

    // The overview strip's image of the whole run: rebuilt at most every
    // TimelineOverview::RebuildIntervalMs while a run is live, so its cost is per rebuild.
    TimelineOverview overview;
    overview.setTimeline(&view);
    overview.resize(1600, overview.sizeHint().height());
    for (const auto &[name, trace] : {std::pair{"overview_rebuild_10k_ms", &t10k},
                                      std::pair{"overview_rebuild_100k_ms", &t100k},
                                      std::pair{"overview_rebuild_100k_dense_ms", &dense100k}}) {
        live.setTrace(*trace);
        times.clear();
        for (int i = 0; i < 10; ++i) {
            timer.start();
            overview.rebuild();
            times.append(double(timer.nsecsElapsed()) / 1e6);
        }
        std::sort(times.begin(), times.end());
        std::printf("%s median=%.2f max=%.2f (rebuilt at most every %d ms)\n", name,
                    times.at(times.size() / 2), times.constLast(),
                    TimelineOverview::RebuildIntervalMs);
    }
    return 0;
}
