#pragma once

// The report's pictures (reportsvg.cpp), shared with its HTML (report.cpp). Every picture is an
// inline <svg> whose colours come from the document's CSS classes (report.cpp's style sheet),
// so that one picture serves the light and the dark page and the printed one.

#include "trace/phases.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Coroscope {
// The report's own words: one translation context for report.cpp and reportsvg.cpp.
struct Report
{
    Q_DECLARE_TR_FUNCTIONS(Report)
};
} // namespace Coroscope

namespace Coroscope {
struct SweepResult;
}

namespace Coroscope::ReportPictures {

// A sweep's charts against its knob, its table of medians and every run (reportsweep.cpp).
QString sweepSection(const SweepResult &result);

// The CSS classes of the palette's colours (trace/palette.h): fills in the SVG, swatches in the
// legends; report.cpp's style sheet defines them from the palette.
QString stateClass(SegmentState state); // "sp", "sr", "ss"
QString resultClass(TaskResult result); // "rok", ..., "rnone" (unfinished)
QString phaseClass(PhaseKind kind); // "p0" ... "p7"

// Text for XML/HTML: & < > " escaped, characters XML 1.0 forbids dropped.
QString esc(const QString &text);

// A coordinate or figure in SVG: rounded to one decimal, "12" rather than "12.0".
QString num(double v);

// How a timeline was drawn, for the legend above it.
struct TimelineDrawn
{
    bool density = false; // rows grouped into a density image
    bool phases = false; // the request phases band inside `await reply` bars
    int tasksPerRow = 1; // density: tasks per pixel row (at most)
};

// The run's timeline, its time axis running to `axisEndNs` (a comparison's runs share one).
QString timelineSvg(const Trace &trace, const SegmentBuilder &segments, qint64 axisEndNs,
                    TimelineDrawn *drawn);

// Bars of `values` (one per label), e.g. the wall time of each compared run.
struct Bar
{
    QString label;
    double value = 0;
    QString valueText;
    QString cssClass; // fill
};
QString barsSvg(const QList<Bar> &bars);

// One horizontal bar split into parts (CSS class, share), e.g. where the time went.
QString shareBarSvg(const QList<QPair<QString, double>> &parts);

// A histogram of the finished tasks' latencies (ms), and the tasks in flight over time.
QString latencyHistogramSvg(const QList<double> &valuesMs, const QString &axisTitle,
                            const QString &countTitle);
QString inFlightSvg(const QList<TaskTimes> &times, qint64 endNs, const QString &countTitle);

// A minimal PNG (RGBA, 8 bits, filter Up, zlib): the density image without QtGui in the core.
QByteArray encodePng(const QList<quint32> &argb, int width, int height);

// A "nice" step (1, 2 or 5 x 10^n) of at least `raw`.
double niceStep(double raw);

} // namespace Coroscope::ReportPictures
