// Cost of recording one trace event, single-threaded and with two threads contending.
#include "trace/recorder.h"

#include <QElapsedTimer>

#include <cstdio>
#include <thread>

using namespace Coroscope;

int main()
{
    constexpr int Events = 2000000;
    QList<quint32> taskUrls(1000, 0);
    {
        TraceRecorder recorder(QStringLiteral("bench"), {QStringLiteral("http://x/")}, taskUrls);
        recorder.start();
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < Events; ++i)
            recorder.record(quint32(i % 1000), EventKind::Suspended, 1);
        const double ns = double(clock.nsecsElapsed()) / Events;
        std::printf("record_event_ns %.1f (1 thread, %d events; target < 200)\n", ns, Events);
    }
    {
        TraceRecorder recorder(QStringLiteral("bench"), {QStringLiteral("http://x/")}, taskUrls);
        recorder.start();
        QElapsedTimer clock;
        clock.start();
        auto work = [&recorder]() {
            for (int i = 0; i < Events / 2; ++i)
                recorder.record(quint32(i % 1000), EventKind::Resumed, 1);
        };
        std::thread a(work), b(work);
        // a reader snapshotting at 60 Hz, as the GUI does
        Trace copy;
        int syncs = 0;
        while (copy.events.size() < Events && clock.elapsed() < 20000) {
            recorder.syncInto(copy);
            ++syncs;
            std::this_thread::sleep_for(std::chrono::milliseconds(16));
        }
        a.join();
        b.join();
        const double ns = double(clock.nsecsElapsed()) / Events;
        std::printf("record_event_ns_contended %.1f (2 threads + a 60 Hz reader, %d syncs)\n", ns,
                    syncs);
    }
    return 0;
}
