// Size and time of the timeline's SVG export for big runs, for both scopes the PNG export offers
// (what the timeline shows; the whole run scaled to at most TimelineView::MaxScaledHeight px).
// Prints figures; asserts nothing. `bench_svgexport DIR` keeps the SVGs in DIR to look at.
#include "../common/syntheticrun.h"
#include "livetrace.h"
#include "timelineview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

using namespace Coroscope;
using namespace Qt::StringLiterals;

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir temporary;
    const QString dir = argc > 1 ? QString::fromLocal8Bit(argv[1]) : temporary.path();
    QDir().mkpath(dir);

    LiveTrace live;
    TimelineView view;
    view.setLiveTrace(&live);
    view.resize(1600, 1000);
    view.show();
    QCoreApplication::processEvents();
    std::printf("viewport=%dx%d\n", view.viewport()->width(), view.viewport()->height());
    for (const int tasks : {1'000, 10'000, 100'000}) {
        live.setTrace(CoroscopeTest::syntheticTrace(u"async"_s, tasks));
        QCoreApplication::processEvents();
        for (const auto &[name, scope] :
             {std::pair{"visible", TimelineView::ImageScope::Visible},
              std::pair{"whole_run", TimelineView::ImageScope::WholeRun}}) {
            const QString path = dir + u"/timeline-%1-%2.svg"_s.arg(tasks).arg(QLatin1String(name));
            QString error;
            QElapsedTimer timer;
            timer.start();
            const bool ok = view.exportSvg(path, scope, &error);
            const double ms = double(timer.nsecsElapsed()) / 1e6;
            if (!ok) {
                std::printf("svg_%d_%s failed: %s\n", tasks, name, qPrintable(error));
                return 1;
            }
            std::printf("svg_%d_%s size_kib=%.0f time_ms=%.0f\n", tasks, name,
                        double(QFileInfo(path).size()) / 1024.0, ms);
        }
    }
    // The former export, for comparison: every row at full height, up to
    // TimelineView::MaxImageHeight px (the view made that tall, exported as visible).
    view.resize(1600, TimelineView::MaxImageHeight);
    QCoreApplication::processEvents();
    for (const int tasks : {1'000, 10'000, 100'000}) {
        live.setTrace(CoroscopeTest::syntheticTrace(u"async"_s, tasks));
        QCoreApplication::processEvents();
        const QString path = dir + u"/timeline-%1-former.svg"_s.arg(tasks);
        QString error;
        QElapsedTimer timer;
        timer.start();
        if (!view.exportSvg(path, TimelineView::ImageScope::Visible, &error)) {
            std::printf("svg_%d_former failed: %s\n", tasks, qPrintable(error));
            return 1;
        }
        std::printf("svg_%d_former_all_rows size_kib=%.0f time_ms=%.0f\n", tasks,
                    double(QFileInfo(path).size()) / 1024.0, double(timer.nsecsElapsed()) / 1e6);
    }
    return 0;
}
