// The report's pictures as inline SVG, drawn from the trace in the core (the command line has no
// widgets): the timeline, its charts and bars. Fills are grouped by colour into one <path> each
// and runs that touch at pixel resolution are merged, as the window's track painter does, so a
// 200-task timeline is a few kilobytes of path data rather than a rectangle per segment.
#include "report_p.h"

#include "io/report.h"
#include "trace/palette.h"
#include "trace/phases.h"
#include "trace/vocabulary.h"

#include <QLocale>
#include <QMap>

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace Coroscope::ReportPictures {

namespace {
// The timeline's geometry, in CSS pixels at 100 %: the SVG scales down to the page's width.
constexpr int Width = 960;
constexpr int LabelWidth = 70;
constexpr int TimeLeft = LabelWidth;
constexpr int TimeWidth = Width - LabelWidth - 10;
constexpr int AxisHeight = 16;
constexpr int LoopTop = AxisHeight + 2;
constexpr int LoopHeight = 10;
constexpr int LagTop = LoopTop + LoopHeight + 2;
constexpr int LagHeight = 10;
constexpr int RowsTop = LagTop + LagHeight + 6;
constexpr int MaxRowsHeight = 480; // vector rows and density image alike
constexpr int MaxRowHeight = 18;
constexpr qint64 LagFullScaleNs = 100'000'000; // as the window's lag lane
// Rows at least this tall show the request phases band (a third of the bar) and their label.
constexpr int PhasesMinRowHeight = 9;

// One colour's rectangles as path data, merging those that touch on the same row.
class PathBuilder
{
public:
    void add(double x, double y, double w, double h)
    {
        if (w <= 0 || h <= 0)
            return;
        if (m_open && y == m_y && h == m_h && x <= m_right + 0.05) {
            m_right = std::max(m_right, x + w);
            return;
        }
        flush();
        m_open = true;
        m_x = x;
        m_y = y;
        m_h = h;
        m_right = x + w;
    }
    QString path(const QString &cssClass)
    {
        flush();
        const QString d = std::exchange(m_d, QString());
        if (d.isEmpty())
            return {};
        return QStringLiteral("<path class=\"%1\" d=\"%2\"/>\n").arg(cssClass, d);
    }

private:
    void flush()
    {
        if (!m_open)
            return;
        m_d += u'M' + num(m_x) + u' ' + num(m_y) + u'h' + num(std::max(m_right - m_x, 0.5)) + u'v'
            + num(m_h) + u'H' + num(m_x) + u'z';
        m_open = false;
    }
    QString m_d;
    bool m_open = false;
    double m_x = 0, m_y = 0, m_h = 0, m_right = 0;
};

// The density image cannot take CSS classes: its pixels mix the palette's state colours.
constexpr std::array<double, 3> channels(Palette::Rgb rgb)
{
    return {double(Palette::red(rgb)), double(Palette::green(rgb)), double(Palette::blue(rgb))};
}
constexpr std::array<std::array<double, 3>, 3> StateRgb{{
    channels(Palette::state(SegmentState::Pending)),
    channels(Palette::state(SegmentState::Running)),
    channels(Palette::state(SegmentState::Suspended)),
}};

// The worse of two results for a group of tasks drawn as one: a failure must not vanish among
// a thousand successes.
int severity(TaskResult result)
{
    switch (result) {
    case TaskResult::Ok:
        return 1;
    case TaskResult::Unfinished:
        return 2;
    case TaskResult::Cancelled:
        return 3;
    case TaskResult::Timeout:
        return 4;
    case TaskResult::Error:
        return 5;
    }
    return 0;
}

// A tick's time with as many decimals as its step needs ("1,004 ms" where durationText() would
// round every tick of a narrow histogram to "1.01 s").
QString tickText(double ms, double stepMs)
{
    if (ms <= 0)
        return QStringLiteral("0");
    const bool seconds = ms >= 1000 && stepMs >= 100;
    const double value = seconds ? ms / 1000 : ms;
    const double step = seconds ? stepMs / 1000 : stepMs;
    const int decimals = std::clamp(int(std::ceil(-std::log10(step) - 1e-9)), 0, 6);
    return Vocabulary::withUnit(
        value, seconds ? Vocabulary::Unit::Seconds : Vocabulary::Unit::Milliseconds, decimals);
}
} // namespace

QString num(double v)
{
    // One decimal is a tenth of a CSS pixel: finer than any screen or printer shows.
    QString s = QString::number(std::round(v * 10) / 10, 'f', 1);
    if (s.endsWith(QLatin1String(".0")))
        s.chop(2);
    return s;
}

QString stateClass(SegmentState state)
{
    switch (state) {
    case SegmentState::Pending:
        return QStringLiteral("sp");
    case SegmentState::Running:
        return QStringLiteral("sr");
    case SegmentState::Suspended:
        return QStringLiteral("ss");
    }
    return QStringLiteral("sp");
}

QString resultClass(TaskResult result)
{
    switch (result) {
    case TaskResult::Ok:
        return QStringLiteral("rok");
    case TaskResult::Error:
        return QStringLiteral("rerr");
    case TaskResult::Timeout:
        return QStringLiteral("rto");
    case TaskResult::Cancelled:
        return QStringLiteral("rca");
    case TaskResult::Unfinished:
        break;
    }
    return QStringLiteral("rnone");
}

QString phaseClass(PhaseKind kind)
{
    return QStringLiteral("p%1").arg(int(kind));
}

QString esc(const QString &text)
{
    QString out;
    out.reserve(text.size() + 16);
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == u'&')
            out += QLatin1String("&amp;");
        else if (u == u'<')
            out += QLatin1String("&lt;");
        else if (u == u'>')
            out += QLatin1String("&gt;");
        else if (u == u'"')
            out += QLatin1String("&quot;");
        else if ((u < 0x20 && u != u'\n' && u != u'\t') || u == 0xfffe || u == 0xffff)
            continue; // not allowed in XML 1.0, whatever escaped a check upstream
        else
            out += c;
    }
    return out;
}

double niceStep(double raw)
{
    if (!(raw > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    for (const double f : {1.0, 2.0, 5.0, 10.0}) {
        if (f * magnitude >= raw)
            return f * magnitude;
    }
    return 10 * magnitude;
}

QString timelineSvg(const Trace &trace, const SegmentBuilder &segments, qint64 axisEndNs,
                    TimelineDrawn *drawn)
{
    const qint64 endNs = std::max<qint64>(runEndNs(trace), 0);
    axisEndNs = std::max({axisEndNs, endNs, qint64(1'000'000)});
    const int tasks = int(segments.taskCount());
    const double scale = double(TimeWidth) / double(axisEndNs);
    auto xAt = [scale](qint64 ns) { return TimeLeft + double(std::max<qint64>(ns, 0)) * scale; };

    TimelineDrawn how;
    how.density = tasks > ReportVectorRowsMax;
    const int rowHeight
        = how.density ? 1 : std::clamp(MaxRowsHeight / std::max(tasks, 1), 4, MaxRowHeight);
    const int bands = how.density ? std::min(tasks, MaxRowsHeight) : tasks;
    how.tasksPerRow = how.density ? (tasks + bands - 1) / bands : 1;
    how.phases = !how.density && rowHeight >= PhasesMinRowHeight;
    const int rowsHeight = how.density ? bands : tasks * rowHeight;
    const int height = RowsTop + rowsHeight + 4;
    if (drawn)
        *drawn = how;

    QString svg;
    svg.reserve(64 * 1024);
    svg += QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" "
                          "viewBox=\"0 0 %1 %2\" width=\"%1\" height=\"%2\" role=\"img\">\n")
               .arg(Width)
               .arg(height);

    // The time axis: a few nice ticks, a light grid line through the rows at each.
    const double axisMs = double(axisEndNs) / 1e6;
    const double stepMs = niceStep(axisMs / 8);
    QString grid;
    QString labels;
    for (double ms = 0; ms <= axisMs + 1e-9; ms += stepMs) {
        const double x = xAt(qint64(ms * 1e6));
        grid += u'M' + num(x) + u' ' + num(LoopTop) + u'V' + num(RowsTop + rowsHeight);
        // The last label ends at its tick rather than past the picture's edge.
        const bool last = x > TimeLeft + TimeWidth - 30;
        labels += QStringLiteral("<text x=\"%1\" y=\"11\" class=\"tx%2\">%3</text>")
                      .arg(num(x), last ? QStringLiteral(" end") : QString(),
                           esc(tickText(ms, stepMs)));
    }
    svg += QStringLiteral("<path class=\"grid\" d=\"%1\"/>\n").arg(grid);
    svg += labels + u'\n';

    // The loop row: busy while any task on it runs.
    {
        PathBuilder busy;
        auto addSpan = [&](qint64 from, qint64 to) {
            from = std::min(from, endNs);
            to = std::min(to, endNs);
            if (to > from)
                busy.add(xAt(from), LoopTop, std::max(0.5, double(to - from) * scale), LoopHeight);
        };
        for (const SegmentBuilder::Span &span : segments.loopBusy())
            addSpan(span.startNs, span.endNs);
        if (segments.loopBusySinceNs() >= 0)
            addSpan(segments.loopBusySinceNs(), endNs);
        svg += QStringLiteral("<text x=\"4\" y=\"%1\" class=\"tx dim\">%2</text>")
                   .arg(LoopTop + LoopHeight - 1)
                   .arg(esc(Vocabulary::loopRowText()));
        svg += QStringLiteral("<rect class=\"lane\" x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\"/>")
                   .arg(TimeLeft)
                   .arg(LoopTop)
                   .arg(num(double(endNs) * scale))
                   .arg(LoopHeight);
        svg += busy.path(QStringLiteral("busy"));
    }

    // The lag lane: the worst lag per pixel column, full height at 100 ms.
    {
        QList<double> worst(TimeWidth, 0.0);
        bool any = false;
        for (const TraceEvent &e : trace.events) {
            if (e.kind != EventKind::LagSample || e.ns > endNs)
                continue;
            const int column = std::clamp(int(double(e.ns) * scale), 0, TimeWidth - 1);
            worst[column] = std::max(worst[column], double(e.value) * 1000.0);
            any = true;
        }
        svg += QStringLiteral("<text x=\"4\" y=\"%1\" class=\"tx dim\">%2</text>")
                   .arg(LagTop + LagHeight - 1)
                   .arg(esc(Vocabulary::lagRowText()));
        if (any) {
            PathBuilder lag;
            for (int c = 0; c < TimeWidth; ++c) {
                if (worst.at(c) <= 0)
                    continue;
                const double h = std::max(
                    1.0, std::min(1.0, worst.at(c) / double(LagFullScaleNs)) * LagHeight);
                lag.add(TimeLeft + c, LagTop + LagHeight - h, 1, h);
            }
            svg += lag.path(QStringLiteral("lag"));
        }
    }

    const QList<TaskTimes> times = [&]() {
        QList<TaskTimes> list;
        list.reserve(tasks);
        for (int t = 0; t < tasks; ++t)
            list.append(segments.timesAt(quint32(t), endNs));
        return list;
    }();

    if (!how.density) {
        PathBuilder states[3];
        QMap<TaskResult, PathBuilder> results;
        PathBuilder phases[PhaseKindCount];
        QString rowLabels;
        QString hits;
        const int bar = rowHeight >= 6 ? rowHeight - 2 : rowHeight - 1;
        for (int t = 0; t < tasks; ++t) {
            const double y = RowsTop + t * rowHeight;
            QList<Segment> row = segments.row(quint32(t));
            Segment open;
            if (segments.openSegment(quint32(t), endNs, &open))
                row.append(open);
            for (const Segment &s : std::as_const(row)) {
                const qint64 from = std::min(s.startNs, endNs);
                const qint64 to = std::min(s.endNs, endNs);
                if (to <= from)
                    continue;
                states[int(s.state)].add(xAt(from), y, std::max(0.5, double(to - from) * scale),
                                         bar);
            }
            const TaskInfo &info = trace.tasks.at(t);
            const TaskTimes &tt = times.at(t);
            if (tt.finishedNs >= 0 && tt.finishedNs <= endNs
                && info.result != TaskResult::Unfinished)
                results[info.result].add(xAt(tt.finishedNs) - 3, y, 3, bar);
            if (how.phases) {
                const RequestPhases request = requestPhases(trace, segments, quint32(t));
                if (request.known) {
                    const double bandTop = y + std::floor(double(bar) / 3);
                    const double bandHeight = std::max(1.0, std::ceil(double(bar) / 3));
                    for (const PhaseSpan &span : request.spans) {
                        const qint64 to = std::min(span.endNs, endNs);
                        if (to > span.startNs)
                            phases[int(span.kind)].add(xAt(span.startNs), bandTop,
                                                       double(to - span.startNs) * scale,
                                                       bandHeight);
                    }
                }
            }
            if (rowHeight >= PhasesMinRowHeight)
                rowLabels += QStringLiteral("<text x=\"%1\" y=\"%2\" class=\"tx end\">%3</text>")
                                 .arg(LabelWidth - 6)
                                 .arg(num(y + bar - 1))
                                 .arg(u"#%1"_s.arg(t));
            // Hovering a row names the task, as the window's tooltip does.
            hits
                += QStringLiteral("<rect class=\"hit\" x=\"0\" y=\"%1\" width=\"%2\" "
                                  "height=\"%3\"><title>%4</title></rect>")
                       .arg(num(y))
                       .arg(Width)
                       .arg(rowHeight)
                       .arg(esc(Report::tr("Task %1 · %2 · %3 · %4")
                                    .arg(t)
                                    .arg(trace.url(quint32(t)), Vocabulary::resultText(info.result),
                                         durationText(double(tt.totalNs()) / 1e6))));
        }
        for (int s = 0; s < 3; ++s)
            svg += states[s].path(stateClass(SegmentState(s)));
        for (int k = 0; k < PhaseKindCount; ++k)
            svg += phases[k].path(phaseClass(PhaseKind(k)));
        for (auto it = results.begin(); it != results.end(); ++it)
            svg += it.value().path(resultClass(it.key()));
        svg += rowLabels + u'\n' + hits + u'\n';
    } else {
        // Density: one pixel row per group of tasks, one column per pixel of time; a pixel's
        // colour is the states its tasks spent that time in, its opacity how much of the time
        // they existed. An embedded PNG: 10,000 rows of rectangles would be megabytes.
        const int columns = TimeWidth;
        QList<float> acc(qsizetype(bands) * columns * 3, 0.0f);
        const double nsPerColumn = double(axisEndNs) / columns;
        auto bandOf = [tasks, bands](int task) { return int(qint64(task) * bands / tasks); };
        QList<int> bandTasks(bands, 0);
        for (int t = 0; t < tasks; ++t)
            ++bandTasks[bandOf(t)];
        auto addSegment = [&](const Segment &s) {
            const double from = double(std::min(s.startNs, endNs));
            const double to = double(std::min(s.endNs, endNs));
            if (to <= from)
                return;
            const int band = bandOf(int(s.task));
            const int c0 = std::clamp(int(from / nsPerColumn), 0, columns - 1);
            const int c1 = std::clamp(int(to / nsPerColumn), 0, columns - 1);
            float *cell = acc.data() + (qsizetype(band) * columns) * 3 + int(s.state);
            for (int c = c0; c <= c1; ++c) {
                const double left = std::max(from, c * nsPerColumn);
                const double right = std::min(to, (c + 1) * nsPerColumn);
                if (right > left)
                    cell[c * 3] += float(right - left);
            }
        };
        for (int t = 0; t < tasks; ++t) {
            for (const Segment &s : segments.row(quint32(t)))
                addSegment(s);
            Segment open;
            if (segments.openSegment(quint32(t), endNs, &open))
                addSegment(open);
        }
        QList<quint32> pixels(qsizetype(bands) * columns, 0u);
        for (int b = 0; b < bands; ++b) {
            const double capacity = nsPerColumn * bandTasks.at(b);
            for (int c = 0; c < columns; ++c) {
                const float *cell = acc.constData() + (qsizetype(b) * columns + c) * 3;
                const double total = double(cell[0]) + cell[1] + cell[2];
                if (total <= 0)
                    continue;
                double rgb[3] = {0, 0, 0};
                for (int s = 0; s < 3; ++s) {
                    for (int k = 0; k < 3; ++k)
                        rgb[k] += StateRgb[s][k] * double(cell[s]) / total;
                }
                const double coverage = std::min(1.0, total / std::max(capacity, 1.0));
                const int alpha = int(std::lround(255 * (0.35 + 0.65 * coverage)));
                pixels[qsizetype(b) * columns + c] = (quint32(alpha) << 24)
                    | (quint32(std::lround(rgb[0])) << 16) | (quint32(std::lround(rgb[1])) << 8)
                    | quint32(std::lround(rgb[2]));
            }
        }
        svg += QStringLiteral("<image x=\"%1\" y=\"%2\" width=\"%3\" height=\"%4\" "
                              "preserveAspectRatio=\"none\" href=\"data:image/png;base64,%5\"/>\n")
                   .arg(TimeLeft)
                   .arg(RowsTop)
                   .arg(columns)
                   .arg(bands)
                   .arg(QString::fromLatin1(encodePng(pixels, columns, bands).toBase64()));
        // Each group's outcome as a strip beside the rows: its worst result.
        QMap<TaskResult, PathBuilder> strips;
        for (int b = 0, t = 0; b < bands; ++b) {
            TaskResult worst = TaskResult::Ok;
            for (int n = 0; n < bandTasks.at(b); ++n, ++t) {
                if (severity(trace.tasks.at(t).result) > severity(worst))
                    worst = trace.tasks.at(t).result;
            }
            strips[worst].add(LabelWidth - 8, RowsTop + b, 5, 1);
        }
        for (auto it = strips.begin(); it != strips.end(); ++it)
            svg += it.value().path(resultClass(it.key()));
        // A few task numbers down the side, as the window's row axis.
        const int labelStep = int(niceStep(double(tasks) / 6));
        for (int t = 0; t < tasks; t += std::max(labelStep, 1)) {
            const double y = RowsTop + double(bandOf(t)) + 4;
            svg += QStringLiteral("<text x=\"%1\" y=\"%2\" class=\"tx end\">%3</text>")
                       .arg(LabelWidth - 12)
                       .arg(num(std::min(y, double(RowsTop + rowsHeight))))
                       .arg(QLocale().toString(t));
        }
    }

    // When every task was done (asyncio.wait's moment), or where Stop took effect.
    const qint64 stopNs = stoppedNs(trace);
    if (stopNs >= 0) {
        const double x = xAt(stopNs);
        // The label on the side with room: left of a line at the run's end.
        const bool left = x > TimeLeft + TimeWidth - 60;
        svg += QStringLiteral("<path class=\"stop\" d=\"M%1 %2V%3\"/><text x=\"%4\" y=\"%5\" "
                              "class=\"tx stoptext%6\">%7</text>\n")
                   .arg(num(x))
                   .arg(LoopTop)
                   .arg(RowsTop + rowsHeight)
                   .arg(num(left ? x - 3 : x + 3))
                   .arg(LagTop + LagHeight - 1)
                   .arg(left ? QStringLiteral(" end") : QString())
                   .arg(esc(Vocabulary::stoppedText()));
    } else {
        for (auto it = trace.events.crbegin(); it != trace.events.crend(); ++it) {
            if (it->kind == EventKind::AllDone) {
                svg += QStringLiteral("<path class=\"done\" d=\"M%1 %2V%3\"/>\n")
                           .arg(num(xAt(it->ns)))
                           .arg(LoopTop)
                           .arg(RowsTop + rowsHeight);
                break;
            }
        }
    }
    svg += QStringLiteral("</svg>");
    return svg;
}

QString barsSvg(const QList<Bar> &bars)
{
    constexpr int BarHeight = 18;
    constexpr int Gap = 6;
    constexpr int Left = 200;
    constexpr int Right = 600;
    const int height = int(bars.size()) * (BarHeight + Gap) + Gap;
    double max = 0;
    for (const Bar &b : bars)
        max = std::max(max, b.value);
    QString svg = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
                                 "viewBox=\"0 0 700 %1\" width=\"700\" height=\"%1\" "
                                 "role=\"img\">\n")
                      .arg(height);
    for (qsizetype i = 0; i < bars.size(); ++i) {
        const Bar &b = bars.at(i);
        const double y = Gap + double(i) * (BarHeight + Gap);
        const double w = max > 0 ? (Right - Left) * b.value / max : 0;
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" class=\"tx end\">%3</text>"
                              "<rect class=\"%4\" x=\"%5\" y=\"%6\" width=\"%7\" height=\"%8\"/>"
                              "<text x=\"%9\" y=\"%2\" class=\"tx\">%10</text>\n")
                   .arg(Left - 6)
                   .arg(num(y + BarHeight - 5))
                   .arg(esc(b.label), b.cssClass)
                   .arg(Left)
                   .arg(num(y))
                   .arg(num(std::max(w, 0.5)))
                   .arg(BarHeight)
                   .arg(num(Left + w + 6))
                   .arg(esc(b.valueText));
    }
    svg += QStringLiteral("</svg>");
    return svg;
}

QString shareBarSvg(const QList<QPair<QString, double>> &parts)
{
    constexpr int W = 600;
    constexpr int H = 16;
    double total = 0;
    for (const auto &p : parts)
        total += std::max(0.0, p.second);
    QString svg = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"share\" "
                                 "viewBox=\"0 0 %1 %2\" width=\"%1\" height=\"%2\" role=\"img\">")
                      .arg(W)
                      .arg(H);
    double x = 0;
    for (const auto &p : parts) {
        if (total <= 0 || p.second <= 0)
            continue;
        const double w = W * p.second / total;
        svg += QStringLiteral("<rect class=\"%1\" x=\"%2\" y=\"0\" width=\"%3\" height=\"%4\"/>")
                   .arg(p.first, num(x), num(std::max(w, 0.5)))
                   .arg(H);
        x += w;
    }
    svg += QStringLiteral("</svg>");
    return svg;
}

namespace {
// A chart's frame: its plot area, axes, and the y axis's top label.
constexpr int ChartW = 460;
constexpr int ChartH = 200;
constexpr int PlotLeft = 44;
constexpr int PlotRight = ChartW - 10;
constexpr int PlotTop = 10;
constexpr int PlotBottom = ChartH - 36;

QString chartFrame(double yMax, const QString &yTitle, const QString &xTitle)
{
    QString svg = QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" "
                                 "viewBox=\"0 0 %1 %2\" width=\"%1\" height=\"%2\" role=\"img\">\n")
                      .arg(ChartW)
                      .arg(ChartH);
    svg += QStringLiteral("<path class=\"axis\" d=\"M%1 %2V%3H%4\"/>")
               .arg(PlotLeft)
               .arg(PlotTop)
               .arg(PlotBottom)
               .arg(PlotRight);
    svg += QStringLiteral("<text x=\"%1\" y=\"%2\" class=\"tx end\">%3</text>")
               .arg(PlotLeft - 4)
               .arg(PlotTop + 8)
               .arg(QLocale().toString(qint64(std::llround(yMax))));
    svg += QStringLiteral("<text x=\"%1\" y=\"%2\" class=\"tx end\">0</text>")
               .arg(PlotLeft - 4)
               .arg(PlotBottom);
    svg += QStringLiteral("<text x=\"%1\" y=\"%2\" class=\"tx middle\" "
                          "transform=\"rotate(-90 %1 %2)\">%3</text>")
               .arg(12)
               .arg((PlotTop + PlotBottom) / 2)
               .arg(esc(yTitle));
    svg += QStringLiteral("<text x=\"%1\" y=\"%2\" class=\"tx middle\">%3</text>\n")
               .arg((PlotLeft + PlotRight) / 2)
               .arg(ChartH - 4)
               .arg(esc(xTitle));
    return svg;
}
} // namespace

QString latencyHistogramSvg(const QList<double> &valuesMs, const QString &axisTitle,
                            const QString &countTitle)
{
    if (valuesMs.isEmpty())
        return {};
    constexpr int TargetBins = 20;
    const auto [minIt, maxIt] = std::minmax_element(valuesMs.begin(), valuesMs.end());
    const double lo = *minIt;
    const double hi = *maxIt;
    double width = niceStep((hi - lo) / TargetBins);
    if (hi - lo <= 0)
        width = niceStep(std::max(std::abs(hi) * 0.01, 0.001));
    const double first = std::floor(lo / width) * width;
    const int bins = std::clamp(int(std::floor((hi - first) / width)) + 1, 1, TargetBins * 3);
    QList<int> counts(bins, 0);
    for (const double v : valuesMs)
        ++counts[std::clamp(int(std::floor((v - first) / width)), 0, bins - 1)];
    const int peak = *std::max_element(counts.cbegin(), counts.cend());

    QString svg = chartFrame(peak, countTitle, axisTitle);
    const double binW = double(PlotRight - PlotLeft) / bins;
    PathBuilder bars;
    for (int b = 0; b < bins; ++b) {
        if (counts.at(b) == 0)
            continue;
        const double h = double(PlotBottom - PlotTop) * counts.at(b) / peak;
        bars.add(PlotLeft + b * binW + binW * 0.04, PlotBottom - h, binW * 0.92, h);
        // Each bar its own piece: bars that touch must stay apart.
        svg += bars.path(QStringLiteral("latency"));
    }
    // Edge labels: the first, the last and a few between.
    const int every = std::max(1, bins / 4);
    for (int e = 0; e <= bins; e += every) {
        const double x = PlotLeft + e * binW;
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" class=\"tx %3\">%4</text>")
                   .arg(num(x))
                   .arg(PlotBottom + 12)
                   .arg(x > PlotRight - 20 ? QStringLiteral("end") : QStringLiteral("middle"))
                   .arg(esc(tickText(first + e * width, width * every)));
    }
    svg += QStringLiteral("\n</svg>");
    return svg;
}

QString inFlightSvg(const QList<TaskTimes> &times, qint64 endNs, const QString &countTitle)
{
    if (times.isEmpty() || endNs <= 0)
        return {};
    // +1 at admission, -1 at the end: the same definition as the summary's average in flight.
    QList<std::pair<qint64, int>> steps;
    for (const TaskTimes &t : times) {
        if (t.admittedNs < 0 || t.admittedNs > endNs)
            continue;
        steps.append({t.admittedNs, +1});
        steps.append({t.finishedNs >= 0 ? std::min(t.finishedNs, endNs) : endNs, -1});
    }
    std::sort(steps.begin(), steps.end());
    constexpr int Columns = PlotRight - PlotLeft;
    QList<int> peak(Columns, 0);
    int current = 0;
    qsizetype i = 0;
    for (int c = 0; c < Columns; ++c) {
        const qint64 columnEnd = qint64(double(endNs) * (c + 1) / Columns);
        int most = current;
        while (i < steps.size() && steps.at(i).first < columnEnd) {
            current += steps.at(i).second;
            most = std::max(most, current);
            ++i;
        }
        peak[c] = most;
    }
    const int top = std::max(1, *std::max_element(peak.cbegin(), peak.cend()));
    QString svg = chartFrame(top, countTitle, QString());
    QString d = QStringLiteral("M%1 %2").arg(PlotLeft).arg(PlotBottom);
    for (int c = 0; c < Columns; ++c) {
        const double y = PlotBottom - double(PlotBottom - PlotTop) * peak.at(c) / top;
        d += u'V' + num(y) + u'H' + num(PlotLeft + c + 1);
    }
    d += u'V' + num(PlotBottom) + u'z';
    svg += QStringLiteral("<path class=\"inflight\" d=\"%1\"/>").arg(d);
    const double stepMs = niceStep(double(endNs) / 1e6 / 5);
    for (double ms = 0; ms <= double(endNs) / 1e6 + 1e-9; ms += stepMs) {
        const double x = PlotLeft + ms * 1e6 / double(endNs) * Columns;
        svg += QStringLiteral("<text x=\"%1\" y=\"%2\" class=\"tx %3\">%4</text>")
                   .arg(num(x))
                   .arg(PlotBottom + 12)
                   .arg(x > PlotRight - 20 ? QStringLiteral("end") : QStringLiteral("middle"))
                   .arg(esc(tickText(ms, stepMs)));
    }
    svg += QStringLiteral("\n</svg>");
    return svg;
}

QByteArray encodePng(const QList<quint32> &argb, int width, int height)
{
    auto chunk = [](QByteArray &out, const char *type, const QByteArray &data) {
        const quint32 length = quint32(data.size());
        const char len[4]
            = {char(length >> 24), char(length >> 16), char(length >> 8), char(length)};
        out.append(len, 4);
        QByteArray body(type, 4);
        body += data;
        out += body;
        const quint32 crc = quint32(
            crc32(0, reinterpret_cast<const Bytef *>(body.constData()), uInt(body.size())));
        const char c[4] = {char(crc >> 24), char(crc >> 16), char(crc >> 8), char(crc)};
        out.append(c, 4);
    };
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    QByteArray header(13, '\0');
    for (int i = 0; i < 4; ++i) {
        header[i] = char(quint32(width) >> (24 - 8 * i));
        header[4 + i] = char(quint32(height) >> (24 - 8 * i));
    }
    header[8] = 8; // bits per channel
    header[9] = 6; // RGBA
    chunk(png, "IHDR", header);

    // Filter "Up" on every row: the rows of a density image resemble the row above.
    const qsizetype stride = qsizetype(width) * 4;
    QByteArray raw(qsizetype(height) * (stride + 1), '\0');
    QByteArray previous(stride, '\0');
    QByteArray row(stride, '\0');
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const quint32 p = argb.at(qsizetype(y) * width + x);
            row[x * 4] = char(p >> 16);
            row[x * 4 + 1] = char(p >> 8);
            row[x * 4 + 2] = char(p);
            row[x * 4 + 3] = char(p >> 24);
        }
        char *out = raw.data() + y * (stride + 1);
        out[0] = 2; // Up
        for (qsizetype i = 0; i < stride; ++i)
            out[1 + i] = char(uchar(row.at(i)) - uchar(previous.at(i)));
        std::swap(previous, row);
    }
    uLongf size = compressBound(uLong(raw.size()));
    QByteArray compressed(qsizetype(size), '\0');
    if (compress2(reinterpret_cast<Bytef *>(compressed.data()), &size,
                  reinterpret_cast<const Bytef *>(raw.constData()), uLong(raw.size()), 9)
        != Z_OK)
        return {};
    compressed.truncate(qsizetype(size));
    chunk(png, "IDAT", compressed);
    chunk(png, "IEND", QByteArray());
    return png;
}

} // namespace Coroscope::ReportPictures
