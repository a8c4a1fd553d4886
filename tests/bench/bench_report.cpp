// Size and time to write the HTML report (io/report.h) of 10 and 10,000 tasks (and 100,000),
// from synthetic async runs, and of any run files given (e.g. a real 10,000-task run saved with
// --save). Prints figures; asserts nothing. `bench_report -o DIR [FILE.coroscope...]` keeps the
// reports in DIR to open in a browser.
#include "../common/syntheticrun.h"
#include "io/report.h"
#include "io/runfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTemporaryDir>

#include <cstdio>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {
// Best of a few: the machine is shared, the figure is what the writer costs.
void measure(const QString &name, const RunRecord &record, const QString &dir)
{
    // A sweep's record has no run of its own: its points' tasks.
    qsizetype tasks = 0;
    for (const Trace &trace : record.runs)
        tasks += trace.tasks.size();
    for (const SweepPoint &point : record.sweep.points)
        tasks += point.trace.tasks.size();
    const int repeats = tasks > 20'000 ? 1 : 3;
    double bestBuild = 1e300;
    double bestWrite = 1e300;
    QByteArray html;
    const QString path = dir + u"/report-"_s + name + u".html"_s;
    for (int i = 0; i < repeats; ++i) {
        QElapsedTimer timer;
        timer.start();
        html = reportHtml(record);
        bestBuild = std::min(bestBuild, double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        QString error;
        if (!writeReport(path, record, &error)) {
            std::printf("%s: %s\n", qPrintable(name), qPrintable(error));
            return;
        }
        bestWrite = std::min(bestWrite, double(timer.nsecsElapsed()) / 1e6);
    }
    std::printf("report_%s tasks=%lld size_kib=%.1f build_ms=%.1f write_ms=%.1f "
                "timeline_png=%s\n",
                qPrintable(name), qlonglong(tasks), double(html.size()) / 1024.0, bestBuild,
                bestWrite, html.contains("data:image/png") ? "yes" : "no");
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    QTemporaryDir temporary;
    QString dir = temporary.path();
    if (args.size() >= 2 && args.constFirst() == u"-o") {
        dir = args.at(1);
        args = args.mid(2);
        QDir().mkpath(dir);
    }
    for (const int tasks : {10, 10'000, 100'000}) {
        RunRecord record = CoroscopeTest::syntheticRecord(tasks, false);
        measure(u"synthetic_%1"_s.arg(tasks), record, dir);
    }
    for (const QString &file : std::as_const(args)) {
        RunRecord record;
        QString error;
        if (loadRunFile(file, &record, &error) != RunFile::Error::None) {
            std::printf("%s\n", qPrintable(error));
            return 1;
        }
        measure(QFileInfo(file).completeBaseName(), record, dir);
    }
    return 0;
}
