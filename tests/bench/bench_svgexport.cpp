// Size and time of the timeline's SVG export for big runs, for both scopes the PNG export offers
// (what the timeline shows, in the rows fitted to the run; the whole run scaled to at most
// TimelineView::MaxScaledHeight px, also with the heading the window's export puts over it).
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
        // As the window exports it: with the heading (title, figures, legend) over it.
        TimelineView::ImageHeading heading;
        heading.title = u"Coroscope: async · %1 tasks · http://127.0.0.1:8765/delay/1"_s.arg(tasks);
        for (const QString &caption : {u"Finished"_s, u"Wall time"_s, u"One after another"_s,
                                       u"Speed-up"_s, u"OK"_s, u"Failed"_s})
            heading.figures.append({caption, u"1,234 ms"_s, QColor()});
        const QString path = dir + u"/timeline-%1-whole_run-heading.svg"_s.arg(tasks);
        QString error;
        QElapsedTimer timer;
        timer.start();
        if (!view.exportSvg(path, TimelineView::ImageScope::WholeRun, &error, heading)) {
            std::printf("svg_%d_whole_run_heading failed: %s\n", tasks, qPrintable(error));
            return 1;
        }
        std::printf("svg_%d_whole_run_heading size_kib=%.0f time_ms=%.0f heading_px=%d\n", tasks,
                    double(QFileInfo(path).size()) / 1024.0, double(timer.nsecsElapsed()) / 1e6,
                    view.headingHeight(heading, view.viewport()->width()));
    }
    // The former export, for comparison: every row at full height, up to
    // TimelineView::MaxImageHeight px (the view made that tall, exported as visible).
    view.resize(1600, TimelineView::MaxImageHeight);
    QCoreApplication::processEvents();
    for (const int tasks : {1'000, 10'000, 100'000}) {
        live.setTrace(CoroscopeTest::syntheticTrace(u"async"_s, tasks));
        view.setRowHeight(0); // full rows, as chosen by a user (a big run fits smaller ones)
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
