// The report's sweep section: how a result grows with the knob. Four charts against the knob's
// values (wall time, speed-up, loop lag p99, failures and timeouts; one line per strategy
// through each value's median, a bar from its least to its greatest repeat; a log axis where
// the values span decades), the table of medians, and every point run.
#include "report_p.h"

#include "run/sweep.h"
#include "trace/vocabulary.h"

#include <QLocale>

#include <algorithm>
#include <cmath>
#include <functional>

using namespace Qt::StringLiterals;

namespace Coroscope::ReportPictures {

namespace {
constexpr int ChartW = 460;
constexpr int ChartH = 230;
constexpr int Left = 64;
constexpr int Right = ChartW - 12;
constexpr int Top = 12;
constexpr int Bottom = ChartH - 40;

// The value axis's labels: few digits, in the reader's locale.
QString axisNumber(double v, double step)
{
    const int decimals = step >= 1 ? 0 : std::clamp(int(std::ceil(-std::log10(step))), 0, 4);
    return QLocale().toString(v, 'f', decimals);
}

// One chart: x the knob's values (log where they span decades), y `stat` of each aggregate.
QString sweepChart(const QList<SweepAggregate> &aggregates, const QList<Strategy> &strategies,
                   const QList<double> &values,
                   const std::function<SweepStat(const SweepAggregate &)> &stat,
                   const QString &title, const QString &xTitle, bool durations)
{
    double lo = 1e300, hi = -1e300, yMax = 0;
    for (const double v : values) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    bool any = false;
    for (const SweepAggregate &a : aggregates) {
        const SweepStat s = stat(a);
        if (s.count == 0)
            continue;
        any = true;
        yMax = std::max(yMax, s.max);
    }
    if (!any)
        return {};
    // A chart of zeros (no failure anywhere) still needs a scale: 0 to 1.
    yMax = std::max(yMax, 1.0);
    const bool logX = lo > 0 && hi / lo >= 100;
    auto xAt = [&](double v) {
        if (hi <= lo)
            return (Left + Right) / 2.0;
        const double t = logX ? (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo))
                              : (v - lo) / (hi - lo);
        return Left + 10 + t * (Right - Left - 20);
    };
    const double yStep = niceStep(std::max(yMax, 1e-9) / 4);
    const double yTop = std::max(yStep, std::ceil(yMax / yStep) * yStep);
    auto yAt = [&](double v) { return Bottom - (Bottom - Top) * std::max(v, 0.0) / yTop; };

    QString svg
        = u"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %1 %2\" "
          "width=\"%1\" height=\"%2\" role=\"img\">\n"_s.arg(ChartW)
              .arg(ChartH);
    QString grid;
    for (double y = 0; y <= yTop + yStep / 2; y += yStep) {
        grid += u'M' + num(Left) + u' ' + num(yAt(y)) + u'H' + num(Right);
        svg += u"<text x=\"%1\" y=\"%2\" class=\"tx end\">%3</text>"_s.arg(Left - 4)
                   .arg(num(yAt(y) + 3))
                   .arg(esc(y <= 0          ? u"0"_s
                                : durations ? durationText(y)
                                            : axisNumber(y, yStep)));
    }
    svg += u"<path class=\"grid\" d=\"%1\"/>"_s.arg(grid);
    svg += u"<path class=\"axis\" d=\"M%1 %2V%3H%4\"/>\n"_s.arg(Left).arg(Top).arg(Bottom).arg(
        Right);
    // The values as ticks; at most about eight labels.
    const qsizetype every = std::max<qsizetype>(1, (values.size() + 7) / 8);
    for (qsizetype i = 0; i < values.size(); i += every)
        svg += u"<text x=\"%1\" y=\"%2\" class=\"tx middle\">%3</text>"_s
                   .arg(num(xAt(values.at(i))))
                   .arg(Bottom + 13)
                   .arg(esc(sweepValueText(values.at(i))));
    svg += u"<text x=\"%1\" y=\"%2\" class=\"tx middle\">%3</text>"_s.arg((Left + Right) / 2)
               .arg(ChartH - 8)
               .arg(esc(logX ? Report::tr("%1 (log scale)").arg(xTitle) : xTitle));
    svg += u"<text x=\"%1\" y=\"%2\" class=\"tx middle\" transform=\"rotate(-90 %1 %2)\">%3</text>\n"_s
               .arg(10)
               .arg((Top + Bottom) / 2)
               .arg(esc(title));
    for (qsizetype s = 0; s < strategies.size(); ++s) {
        QString line;
        QString whiskers;
        QString dots;
        for (const SweepAggregate &a : aggregates) {
            if (a.strategy != strategies.at(s))
                continue;
            const SweepStat st = stat(a);
            if (st.count == 0)
                continue;
            const double x = xAt(a.value);
            line += (line.isEmpty() ? u'M' : u'L') + num(x) + u' ' + num(yAt(st.median));
            if (st.max > st.min)
                whiskers += u'M' + num(x) + u' ' + num(yAt(st.min)) + u'V' + num(yAt(st.max));
            dots += u"M%1 %2h0"_s.arg(num(x), num(yAt(st.median)));
        }
        const QString cls = u"k%1"_s.arg(s % 6);
        svg += u"<path class=\"series %1\" d=\"%2\"/>"_s.arg(cls, line);
        if (!whiskers.isEmpty())
            svg += u"<path class=\"whisker %1\" d=\"%2\"/>"_s.arg(cls, whiskers);
        svg += u"<path class=\"dot %1\" d=\"%2\"/>\n"_s.arg(cls, dots);
    }
    return svg + u"</svg>"_s;
}
} // namespace

QString sweepSection(const SweepResult &result)
{
    const SweepSpec &spec = result.spec;
    const QList<Strategy> strategies = spec.effectiveStrategies();
    const QList<SweepAggregate> aggregates = aggregateSweep(spec, result.points);
    const QString knob = sweepKnobLabel(spec.knob);
    const QLocale locale;

    QString html = u"<section class=\"sweep\">\n<h2>"_s + esc(Report::tr("Sweep of %1").arg(knob))
        + u"</h2>\n<p class=\"meta\">"_s;
    QStringList values;
    for (const double v : spec.values)
        values << sweepValueText(v);
    QStringList names;
    for (Strategy s : strategies)
        names << Vocabulary::strategyText(strategyName(s));
    html += esc(
        Report::tr("%1: %2; %3; %n repeat(s) of each; %4 of %5 runs done", nullptr, spec.repeat)
            .arg(knob, values.join(u", "_s), names.join(u", "_s))
            .arg(result.points.size())
            .arg(spec.pointCount()));
    if (result.stopped)
        html += esc(Report::tr(" (stopped)"));
    if (result.wallMs > 0)
        html += esc(Report::tr("; the sweep took %1").arg(durationText(result.wallMs)));
    html += u"</p>\n<div class=\"legend\">"_s;
    for (qsizetype s = 0; s < strategies.size(); ++s)
        html += u"<span class=\"key\"><span class=\"swatch k%1\"></span>"_s.arg(s % 6)
            + esc(names.at(s)) + u"</span>"_s;
    html += u"</div>\n<div class=\"charts\">\n"_s;
    struct Chart
    {
        QString title;
        std::function<SweepStat(const SweepAggregate &)> stat;
        bool durations;
    };
    const QList<Chart> charts{
        {Report::tr("Wall time"), [](const SweepAggregate &a) { return a.wallMs; }, true},
        {Report::tr("Speed-up"), [](const SweepAggregate &a) { return a.speedup; }, false},
        {Report::tr("Loop lag p99"), [](const SweepAggregate &a) { return a.lagP99Ms; }, true},
        {Report::tr("Failures and timeouts"), [](const SweepAggregate &a) { return a.failures; },
         false},
    };
    for (const Chart &chart : charts) {
        const QString svg = sweepChart(aggregates, strategies, spec.values, chart.stat, chart.title,
                                       knob, chart.durations);
        if (!svg.isEmpty())
            html += u"<figure>"_s + svg + u"<figcaption>"_s
                + esc(Report::tr("%1 against %2: the median of the repeats, a bar from the least "
                                 "to the greatest")
                          .arg(chart.title, knob))
                + u"</figcaption></figure>\n"_s;
    }
    html += u"</div>\n<h3>"_s + esc(Report::tr("Medians")) + u"</h3>\n<table><thead><tr><th>"_s
        + esc(Report::tr("Strategy")) + u"</th><th class=\"n\">"_s + esc(knob)
        + u"</th><th class=\"n\">"_s + esc(Report::tr("Repeats")) + u"</th><th class=\"n\">"_s
        + esc(Report::tr("Wall time")) + u"</th><th class=\"n\">"_s + esc(Report::tr("Spread"))
        + u"</th><th class=\"n\">"_s + esc(Report::tr("One after another"))
        + u"</th><th class=\"n\">"_s + esc(Report::tr("Speed-up")) + u"</th><th class=\"n\">"_s
        + esc(Report::tr("Loop lag p99")) + u"</th><th class=\"n\">"_s
        + esc(Report::tr("Failures and timeouts")) + u"</th></tr></thead><tbody>\n"_s;
    const auto ms
        = [](const SweepStat &s) -> QString { return s.count ? durationText(s.median) : u"–"_s; };
    for (const SweepAggregate &a : aggregates) {
        const QStringList cells{
            sweepValueText(a.value),
            locale.toString(a.repeats),
            ms(a.wallMs),
            a.wallMs.count > 1
                ? Report::tr("%1 – %2").arg(durationText(a.wallMs.min), durationText(a.wallMs.max))
                : u"–"_s,
            ms(a.sumMs),
            a.speedup.count ? Report::tr("%1×").arg(locale.toString(a.speedup.median, 'f', 1))
                            : u"–"_s,
            ms(a.lagP99Ms),
            a.failures.count ? locale.toString(a.failures.median, 'f', 0) : u"–"_s};
        html
            += u"<tr><th>"_s + esc(Vocabulary::strategyText(strategyName(a.strategy))) + u"</th>"_s;
        for (const QString &c : cells)
            html += u"<td class=\"n\">"_s + esc(c) + u"</td>"_s;
        html += u"</tr>\n"_s;
    }
    html += u"</tbody></table>\n"_s;
    // Every run, in the order they ran: a point that stands out can be found in the run file.
    html += u"<h3>"_s + esc(Report::tr("Every run"))
        + u"</h3>\n<table><thead><tr><th class=\"n\">#</th><th>"_s + esc(Report::tr("Strategy"))
        + u"</th><th class=\"n\">"_s + esc(knob) + u"</th><th class=\"n\">"_s
        + esc(Report::tr("Repeat")) + u"</th><th class=\"n\">"_s + esc(Report::tr("Wall time"))
        + u"</th><th class=\"n\">"_s + esc(Report::tr("Speed-up")) + u"</th><th class=\"n\">"_s
        + esc(Report::tr("Loop lag p99")) + u"</th><th class=\"n\">"_s + esc(Report::tr("OK"))
        + u"</th><th class=\"n\">"_s + esc(Report::tr("Failed")) + u"</th><th class=\"n\">"_s
        + esc(Report::tr("Timeouts")) + u"</th></tr></thead><tbody>\n"_s;
    for (qsizetype i = 0; i < result.points.size(); ++i) {
        const SweepPoint &p = result.points.at(i);
        const RunSummary &s = p.summary;
        const QStringList cells{
            locale.toString(i + 1),
            Vocabulary::strategyText(strategyName(p.strategy)),
            sweepValueText(p.value),
            locale.toString(p.repeat + 1),
            durationText(s.wallMs),
            s.speedup ? Report::tr("%1×").arg(locale.toString(*s.speedup, 'f', 1)) : u"–"_s,
            s.lagSamples > 0 ? durationText(s.lagP99Ms) : u"–"_s,
            locale.toString(s.ok),
            locale.toString(s.failed),
            locale.toString(s.timeouts)};
        html += u"<tr>"_s;
        for (qsizetype c = 0; c < cells.size(); ++c)
            html += (c == 1 ? u"<td>"_s : u"<td class=\"n\">"_s) + esc(cells.at(c)) + u"</td>"_s;
        html += u"</tr>\n"_s;
    }
    return html + u"</tbody></table>\n</section>\n"_s;
}

} // namespace Coroscope::ReportPictures
