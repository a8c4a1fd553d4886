// The report as HTML: what a shared result must say on its own. The words the window shows for
// the same things (the summary strip's captions, the timeline's legend, the title line of an
// exported picture, the strategies' names) are the core's (trace/vocabulary.h), which the window
// uses too, so that the report and the window read alike; the report's own words are in the
// "Report" context.
#include "report.h"

#include "report_p.h"

#include "io/savefile.h"
#include "run/sweep.h"
#include "trace/diagnostics.h"
#include "trace/palette.h"
#include "trace/phases.h"
#include "trace/segments.h"
#include "trace/summary.h"
#include "trace/text.h"
#include "trace/vocabulary.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Coroscope {

using ReportPictures::esc;
using Figure = Vocabulary::Figure;

namespace {
QString caption(Figure figure)
{
    return Vocabulary::figureCaption(figure);
}

QString number(qint64 n)
{
    return QLocale().toString(n);
}

// The style sheet: light by default, dark after the reader's system setting, light on paper.
// The timeline's state, result and phase colours are added by paletteStyleSheet().
const char StyleSheet[] = R"(
:root { --bg: #ffffff; --fg: #1d1f23; --dim: #5f6368; --grid: #e3e5e8; --card: #f4f5f7;
  --lane: #eef0f2; --border: #d5d8dc; --ok: #00785a; --err: #b34d00; --to: #8a6d00;
  --ca: #5c5c5c; --stop: #c01c28; --speed: #1e55b3; color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #1c1d20; --fg: #e6e7e9; --dim: #a3a7ad; --grid: #383b40; --card: #26282c;
    --lane: #2c2f33; --border: #44474d; --ok: #3fcf9e; --err: #ff8a3d; --to: #f0c000;
    --ca: #a8a8a8; --stop: #ff6b74; --speed: #7aa7ff; }
}
@media print {
  :root { --bg: #ffffff; --fg: #000000; --dim: #444444; --grid: #dddddd; --card: #ffffff;
    --lane: #f0f0f0; --border: #bbbbbb; --ok: #00785a; --err: #b34d00; --to: #8a6d00;
    --ca: #5c5c5c; --stop: #c01c28; --speed: #1e55b3; color-scheme: light; }
  body { margin: 0; max-width: none; }
  section.run + section.run, section.settings, section.sweep + section.settings {
    break-before: page; }
  h2, h3 { break-after: avoid; }
  figure, table, .figures, .legend, li, svg { break-inside: avoid; }
  .charts figure { flex: 1 1 300px; }
}
* { box-sizing: border-box; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
html { background: var(--bg); color: var(--fg); }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC",
  sans-serif; margin: 24px auto; padding: 0 20px; max-width: 1000px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid var(--border);
  padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
p.title { font-weight: 600; margin: 4px 0; overflow-wrap: anywhere; }
p.meta, .note { color: var(--dim); margin: 2px 0; }
.figures { display: flex; flex-wrap: wrap; gap: 6px 22px; background: var(--card);
  border: 1px solid var(--border); border-radius: 6px; padding: 8px 14px; margin: 8px 0; }
.figure .caption { display: block; font-size: 12px; color: var(--dim); }
.figure .value { display: block; font-size: 18px; font-weight: 700; }
.v-ok { color: var(--ok); } .v-err { color: var(--err); } .v-to { color: var(--to); }
.v-ca { color: var(--ca); } .v-stop { color: var(--stop); } .v-speed { color: var(--speed); }
.insecure { background: #c62828; color: #ffffff; font-weight: 700; padding: 4px 8px;
  border-radius: 4px; align-self: center; }
.legend { display: flex; flex-wrap: wrap; gap: 2px 14px; font-size: 12px; margin: 6px 0; }
.legend .key { white-space: nowrap; }
.legend .heading { color: var(--dim); }
.swatch { display: inline-block; width: 10px; height: 10px; margin-right: 5px;
  vertical-align: -1px; border: 1px solid rgba(128, 128, 128, 0.6); }
figure { margin: 8px 0; }
figcaption { font-size: 12px; color: var(--dim); }
svg { max-width: 100%; height: auto; display: block; }
.charts { display: flex; flex-wrap: wrap; gap: 12px 24px; }
.charts figure { flex: 1 1 400px; max-width: 480px; }
table { border-collapse: collapse; margin: 6px 0; font-size: 13px; }
th, td { border-bottom: 1px solid var(--border); padding: 3px 10px 3px 0; text-align: left;
  vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.url { overflow-wrap: anywhere; }
ul.diagnostics { padding-left: 0; list-style: none; }
ul.diagnostics li { margin: 4px 0; padding-left: 1.6em; text-indent: -1.6em; }
.sev-problem::before { content: "\2716\00a0\00a0"; color: var(--err); }
.sev-warning::before { content: "\26A0\00a0\00a0"; color: var(--to); }
.sev-info::before { content: "\2139\00a0\00a0"; color: var(--speed); }
footer { margin-top: 32px; font-size: 12px; color: var(--dim); }
svg .tx { font: 10px system-ui, sans-serif; fill: var(--fg); }
svg .dim { fill: var(--dim); } svg .end { text-anchor: end; } svg .middle { text-anchor: middle; }
svg .grid { stroke: var(--grid); stroke-width: 1; fill: none; }
svg .axis { stroke: var(--dim); stroke-width: 1; fill: none; }
svg .lane { fill: var(--lane); }
svg .hit { fill: transparent; } svg .hit:hover { fill: rgba(128, 128, 128, 0.18); }
svg .done { stroke: var(--fg); stroke-width: 1; stroke-dasharray: 3 2; }
svg .latency { fill: #0072b2; } svg .inflight { fill: rgba(0, 114, 178, 0.25);
  stroke: #0072b2; stroke-width: 1; }
.c0 { fill: #0072b2; } .c1 { fill: #e69f00; } .c2 { fill: #009e73; } .c3 { fill: #cc79a7; }
.c4 { fill: #56b4e9; } .c5 { fill: #d55e00; }
.k0 { stroke: #0072b2; background: #0072b2; } .k1 { stroke: #e69f00; background: #e69f00; }
.k2 { stroke: #009e73; background: #009e73; } .k3 { stroke: #cc79a7; background: #cc79a7; }
.k4 { stroke: #56b4e9; background: #56b4e9; } .k5 { stroke: #d55e00; background: #d55e00; }
svg .series { fill: none; stroke-width: 2; } svg .whisker { fill: none; stroke-width: 1.5; }
svg .dot { fill: none; stroke-width: 7; stroke-linecap: round; }
)";

// The classes of the timeline's colours, written from the palette the window draws with
// (trace/palette.h), the same in both themes: a fill in the SVG, a background for the swatches.
QString paletteStyleSheet()
{
    auto rule = [](const QString &selector, Palette::Rgb rgb) -> QString {
        const QString hex = Palette::hex(rgb);
        return selector + u" { fill: "_s + hex + u"; background: "_s + hex + u"; }\n"_s;
    };
    QString css;
    for (const SegmentState state :
         {SegmentState::Pending, SegmentState::Running, SegmentState::Suspended})
        css += rule(u'.' + ReportPictures::stateClass(state), Palette::state(state));
    css += rule(u".busy"_s, Palette::LoopBusy);
    css += rule(u".lag"_s, Palette::Lag);
    for (const TaskResult result : {TaskResult::Unfinished, TaskResult::Ok, TaskResult::Error,
                                    TaskResult::Timeout, TaskResult::Cancelled})
        css += rule(u'.' + ReportPictures::resultClass(result), Palette::result(result));
    for (int k = 0; k < PhaseKindCount; ++k)
        css += rule(u'.' + ReportPictures::phaseClass(PhaseKind(k)), Palette::phase(PhaseKind(k)));
    const QString stopped = Palette::hex(Palette::Stopped);
    css += u"svg .stop { stroke: "_s + stopped + u"; stroke-width: 1.5; } svg .stoptext { fill: "_s
        + stopped + u"; }\n"_s;
    return css;
}

// One run of the report with everything derived from it once.
struct RunPart
{
    const Trace *trace = nullptr;
    QString source; // a compared run's file, else empty
    SegmentBuilder segments;
    RunSummary summary;
};

// The picture's title line, as the window's PNG/SVG export writes it (mainwindowexports.cpp).
QString titleLine(const Trace &trace)
{
    return Vocabulary::titleText(Vocabulary::runTitleParts(trace));
}

QString figure(const QString &caption, const QString &value, const QString &valueClass = {})
{
    return u"<div class=\"figure\"><span class=\"caption\">"_s + esc(caption)
        + u"</span><span class=\"value"_s + (valueClass.isEmpty() ? QString() : u' ' + valueClass)
        + u"\">"_s + esc(value) + u"</span></div>"_s;
}

// The summary strip's cards, with its words; figures it would show as "–" left out.
QString figuresHtml(const RunSummary &s)
{
    const QLocale locale;
    QString html = u"<div class=\"figures\">"_s;
    if (s.stopped)
        html += figure(caption(Figure::StoppedAfter), durationText(s.stoppedAtMs), u"v-stop"_s);
    else
        html += figure(caption(Figure::Finished),
                       Vocabulary::finishedOfText(locale.toString(s.tasks - s.unfinished),
                                                  locale.toString(s.tasks)));
    html += figure(caption(Figure::WallTime), durationText(s.wallMs));
    if (s.sumMs)
        html += figure(caption(Figure::OneAfterAnother), durationText(*s.sumMs));
    if (s.speedup)
        html += figure(caption(Figure::SpeedUp), Vocabulary::speedupText(*s.speedup), u"v-speed"_s);
    if (s.lagSamples > 0)
        html += figure(
            caption(Figure::LoopLag),
            Vocabulary::lagFiguresText(durationText(s.lagMaxMs), durationText(s.lagP99Ms)));
    html += figure(caption(Figure::Ok), locale.toString(s.ok), u"v-ok"_s);
    html += figure(caption(Figure::Failed), locale.toString(s.failed), u"v-err"_s);
    html += figure(caption(Figure::Timeouts), locale.toString(s.timeouts), u"v-to"_s);
    html += figure(caption(Figure::Cancelled),
                   locale.toString(s.cancelled + (s.stopped ? s.unfinished : 0)), u"v-ca"_s);
    if (s.insecure)
        html += u"<div class=\"insecure\">"_s + esc(Vocabulary::insecureText()) + u"</div>"_s;
    html += u"</div>\n"_s;
    return html;
}

QString legendHtml(const ReportPictures::TimelineDrawn &drawn)
{
    auto key = [](const QString &cls, const QString &text) -> QString {
        return u"<span class=\"key\"><span class=\"swatch "_s + cls + u"\"></span>"_s + esc(text)
            + u"</span>"_s;
    };
    QString html = u"<div class=\"legend\">"_s;
    for (const SegmentState state :
         {SegmentState::Pending, SegmentState::Running, SegmentState::Suspended})
        html += key(ReportPictures::stateClass(state), Vocabulary::stateText(state));
    for (const TaskResult result :
         {TaskResult::Ok, TaskResult::Error, TaskResult::Timeout, TaskResult::Cancelled})
        html += key(ReportPictures::resultClass(result), Vocabulary::resultText(result));
    html += key(u"lag"_s, Vocabulary::loopLagText());
    if (drawn.phases) {
        html += u"<span class=\"key heading\">"_s + esc(Vocabulary::inAwaitReplyText())
            + u"</span>"_s;
        for (int k = 0; k < PhaseKindCount; ++k)
            html += key(ReportPictures::phaseClass(PhaseKind(k)),
                        Vocabulary::phaseText(PhaseKind(k)).toLower());
    }
    html += u"</div>\n"_s;
    return html;
}

QString percent(double part, double whole)
{
    return whole > 0 ? QLocale().toString(100.0 * part / whole, 'f', 1) + u" %"_s : u"–"_s;
}

// Where the time went: the tasks' time by state, then inside `await reply` by phase.
QString phasesHtml(const RunPart &run)
{
    const Trace &trace = *run.trace;
    const qint64 endNs = runEndNs(trace);
    const int tasks = int(run.segments.taskCount());
    qint64 byState[3] = {0, 0, 0};
    qint64 byPhase[PhaseKindCount] = {};
    int requests = 0;
    for (int t = 0; t < tasks; ++t) {
        const TaskTimes times = run.segments.timesAt(quint32(t), endNs);
        byState[0] += times.pendingNs;
        byState[1] += times.runningNs;
        byState[2] += times.suspendedNs;
        const RequestPhases phases = requestPhases(trace, run.segments, quint32(t));
        if (!phases.known)
            continue;
        ++requests;
        for (int k = 0; k < PhaseKindCount; ++k)
            byPhase[k] += phases.ns(PhaseKind(k));
    }
    QString html = u"<h3>"_s + esc(Report::tr("Where the time went")) + u"</h3>\n"_s;
    auto table = [&](const QString &what, const QString &perWhat, int count, const qint64 *ns,
                     int n, auto nameOf, auto classOf) -> QString {
        double total = 0;
        for (int i = 0; i < n; ++i)
            total += double(ns[i]);
        QList<QPair<QString, double>> parts;
        for (int i = 0; i < n; ++i)
            parts.append({classOf(i), double(ns[i])});
        QString t = u"<figure>"_s + ReportPictures::shareBarSvg(parts) + u"<figcaption>"_s
            + esc(what) + u"</figcaption></figure>\n<table><thead><tr><th></th><th class=\"n\">"_s
            + esc(Report::tr("Time, all tasks")) + u"</th><th class=\"n\">"_s
            + esc(Report::tr("Share")) + u"</th><th class=\"n\">"_s + esc(perWhat)
            + u"</th></tr></thead><tbody>\n"_s;
        for (int i = 0; i < n; ++i) {
            if (ns[i] <= 0)
                continue;
            t += u"<tr><td><span class=\"swatch "_s + classOf(i) + u"\"></span>"_s + esc(nameOf(i))
                + u"</td><td class=\"n\">"_s + esc(durationText(double(ns[i]) / 1e6))
                + u"</td><td class=\"n\">"_s + esc(percent(double(ns[i]), total))
                + u"</td><td class=\"n\">"_s
                + esc(durationText(double(ns[i]) / 1e6 / std::max(count, 1))) + u"</td></tr>\n"_s;
        }
        return t + u"</tbody></table>\n"_s;
    };
    html += table(
        Report::tr("The tasks' time by state, added up over %Ln task(s)", nullptr, tasks),
        Report::tr("Per task"), tasks, byState, 3,
        [](int i) { return Vocabulary::stateText(SegmentState(i)); },
        [](int i) { return ReportPictures::stateClass(SegmentState(i)); });
    if (requests > 0)
        html += table(
            Report::tr("Inside await reply, added up over %Ln request(s)", nullptr, requests),
            Report::tr("Per request"), requests, byPhase, PhaseKindCount,
            [](int i) { return Vocabulary::phaseText(PhaseKind(i)); },
            [](int i) { return ReportPictures::phaseClass(PhaseKind(i)); });
    return html;
}

QString diagnosticsHtml(const RunPart &run)
{
    const QList<Diagnostic> diagnostics = diagnose(*run.trace, run.segments, run.summary);
    QString html = u"<h3>"_s + esc(Report::tr("Diagnostics")) + u"</h3>\n"_s;
    if (diagnostics.isEmpty())
        return html + u"<p class=\"note\">"_s + esc(Report::tr("Nothing to report.")) + u"</p>\n"_s;
    html += u"<ul class=\"diagnostics\">\n"_s;
    for (const Diagnostic &d : diagnostics) {
        const QString cls = d.severity == Diagnostic::Severity::Problem ? u"sev-problem"_s
            : d.severity == Diagnostic::Severity::Warning               ? u"sev-warning"_s
                                                                        : u"sev-info"_s;
        html += u"<li class=\""_s + cls + u"\">"_s + esc(d.text) + u"</li>\n"_s;
    }
    return html + u"</ul>\n"_s;
}

QString chartsHtml(const RunPart &run)
{
    const Trace &trace = *run.trace;
    const qint64 endNs = runEndNs(trace);
    QList<TaskTimes> times;
    QList<double> latencies;
    for (qsizetype t = 0; t < run.segments.taskCount(); ++t) {
        times.append(run.segments.timesAt(quint32(t), endNs));
        const TaskResult result = trace.tasks.at(t).result;
        if (times.constLast().finishedNs >= 0 && result != TaskResult::Cancelled
            && result != TaskResult::Unfinished)
            latencies.append(double(times.constLast().totalNs()) / 1e6);
    }
    const QString histogram = ReportPictures::latencyHistogramSvg(
        latencies, Report::tr("Latency (created to finished)"), Report::tr("Tasks"));
    const QString inFlight = ReportPictures::inFlightSvg(times, endNs, Report::tr("In flight"));
    if (histogram.isEmpty() && inFlight.isEmpty())
        return {};
    QString html = u"<h3>"_s + esc(Report::tr("Charts")) + u"</h3>\n<div class=\"charts\">"_s;
    if (!inFlight.isEmpty())
        html += u"<figure>"_s + inFlight + u"<figcaption>"_s
            + esc(Report::tr("Tasks in flight over time (admitted, not yet finished)"))
            + u"</figcaption></figure>"_s;
    if (!histogram.isEmpty())
        html += u"<figure>"_s + histogram + u"<figcaption>"_s
            + esc(Report::tr("Latency of the %Ln finished task(s)", nullptr, int(latencies.size())))
            + u"</figcaption></figure>"_s;
    return html + u"</div>\n"_s;
}

QString runTitle(const RunPart &run)
{
    const QString strategy = Vocabulary::strategyText(run.trace->strategy);
    return run.source.isEmpty() ? strategy : Report::tr("%1 · %2").arg(strategy, run.source);
}

QString runSection(const RunPart &run, qint64 axisEndNs, bool withHeading)
{
    QString html = u"<section class=\"run\">\n"_s;
    if (withHeading)
        html += u"<h2>"_s + esc(runTitle(run)) + u"</h2>\n"_s;
    html += u"<p class=\"title\">"_s + esc(titleLine(*run.trace)) + u"</p>\n"_s;
    html += figuresHtml(run.summary);
    ReportPictures::TimelineDrawn drawn;
    const QString svg = ReportPictures::timelineSvg(*run.trace, run.segments, axisEndNs, &drawn);
    html += legendHtml(drawn);
    html += u"<figure class=\"timeline\">"_s + svg + u"<figcaption>"_s;
    if (drawn.density)
        html += esc(Report::tr("%Ln task(s), up to %1 per pixel row: a pixel's colour is the "
                               "states its tasks were in, its strength how many existed; the "
                               "strip on the left is each row's worst outcome",
                               nullptr, int(run.trace->tasks.size()))
                        .arg(drawn.tasksPerRow));
    else
        html += esc(Report::tr("One row per task; hover a row for its URL, outcome and time"));
    html += u"</figcaption></figure>\n"_s;
    html += diagnosticsHtml(run);
    html += phasesHtml(run);
    html += chartsHtml(run);
    return html + u"</section>\n"_s;
}

QString onOff(bool on)
{
    return on ? Report::tr("yes") : Report::tr("no");
}

QString limitText(int value)
{
    return value > 0 ? number(value) : Report::tr("unlimited");
}

QString row(const QString &name, const QString &value, const QString &cls = {})
{
    return u"<tr><th>"_s + esc(name) + u"</th><td"_s
        + (cls.isEmpty() ? QString() : u" class=\""_s + cls + u'"') + u">"_s + esc(value)
        + u"</td></tr>\n"_s;
}

QString settingsHtml(const RunRecord &record, const ReportOptions &options)
{
    const RunSpec &spec = record.spec;
    const Trace *first = record.runs.isEmpty() ? nullptr : &record.runs.constFirst();
    QString html = u"<section class=\"settings\">\n<h2>"_s + esc(Report::tr("Settings"))
        + u"</h2>\n<table>\n"_s;
    // The URLs as the traces recorded them (passwords hidden), else as asked for.
    QStringList urls = first ? first->urls : spec.displayUrlStrings();
    constexpr int ShownUrls = 20;
    QString urlText;
    for (const QString &url : urls.mid(0, ShownUrls))
        urlText += esc(redactPasswords(printableText(url, 500))) + u"<br/>"_s;
    if (urls.size() > ShownUrls)
        urlText += esc(Report::tr("… and %1 more").arg(number(urls.size() - ShownUrls)));
    html += u"<tr><th>"_s + esc(Report::tr("URLs")) + u"</th><td class=\"url\">"_s + urlText
        + u"</td></tr>\n"_s;
    if (record.isComparison()) {
        QStringList names;
        for (Strategy s : record.compare)
            names << Vocabulary::strategyText(strategyName(s));
        html += row(Report::tr("Strategies compared"), names.join(u", "_s));
    } else if (first) {
        html += row(Report::tr("Strategy"), Vocabulary::strategyText(first->strategy));
    }
    if (record.isSweep()) {
        // The base workload: the swept knob's row below is replaced, point by point.
        QStringList values;
        for (const double v : record.sweep.spec.values)
            values << sweepValueText(v);
        html += row(Report::tr("Swept"),
                    Report::tr("%1: %2 (its row below is the base, which "
                               "each run replaced)")
                        .arg(sweepKnobLabel(record.sweep.spec.knob), values.join(u", "_s)));
    }
    html += row(Report::tr("Tasks"), number(first ? first->tasks.size() : spec.tasks));
    html += row(Report::tr("Concurrency limit"), limitText(spec.concurrency));
    html += row(Report::tr("Connections per host"), limitText(spec.connectionsPerHost));
    html += row(Report::tr("Timeout per request"),
                spec.timeoutMs > 0 ? durationText(spec.timeoutMs) : Report::tr("none"));
    if (!first || first->strategy == u"threads" || record.compare.contains(Strategy::Threads))
        html += row(Report::tr("Worker threads"), number(spec.workers));
    html += row(
        Report::tr("Max body per response"),
        QLocale().formattedDataSize(spec.maxBodyBytes, 0, QLocale::DataSizeTraditionalFormat));
    html += row(Report::tr("Embedded server capacity"), limitText(record.serverCapacity));
    html += row(Report::tr("Each URL measured alone first"),
                onOff(first ? !first->probes.isEmpty() : spec.measureAlone));
    html += row(Report::tr("https certificates checked"), onOff(!spec.insecure));
    if (first && first->settings.fileLimit > 0)
        html += row(Report::tr("File descriptor limit"), number(first->settings.fileLimit));

    const RunEnvironment &env = record.environment;
    html += u"</table>\n<h3>"_s + esc(Report::tr("Where it ran")) + u"</h3>\n<table>\n"_s;
    html += row(Report::tr("Coroscope"), env.coroscopeVersion);
    html += row(Report::tr("Qt"),
                env.qtBuildVersion.isEmpty() || env.qtBuildVersion == env.qtVersion
                    ? env.qtVersion
                    : Report::tr("%1 (built with %2)").arg(env.qtVersion, env.qtBuildVersion));
    html += row(Report::tr("QCoro"), env.qcoroVersion);
    html += row(Report::tr("Operating system"), env.os);
    html += row(Report::tr("Kernel"), env.kernel);
    html += row(Report::tr("CPU"),
                Report::tr("%Ln core(s), %1", nullptr, env.cpuCount).arg(env.cpuArchitecture));
    if (env.recordedAt.isValid())
        html += row(
            Report::tr("Recorded"),
            Report::tr("%1 (UTC)").arg(env.recordedAt.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s)));
    if (!options.sourceFile.isEmpty())
        html += row(Report::tr("Run file"), options.sourceFile);
    return html + u"</table>\n</section>\n"_s;
}

QString comparisonHtml(const QList<RunPart> &runs)
{
    QString html = u"<section class=\"comparison\">\n<h2>"_s + esc(Report::tr("Comparison"))
        + u"</h2>\n<table><thead><tr><th></th>"_s;
    const QStringList heads{caption(Figure::WallTime), caption(Figure::OneAfterAnother),
                            caption(Figure::SpeedUp),  Report::tr("Loop lag p99"),
                            caption(Figure::Ok),       caption(Figure::Failed),
                            caption(Figure::Timeouts), caption(Figure::Cancelled)};
    for (const QString &h : heads)
        html += u"<th class=\"n\">"_s + esc(h) + u"</th>"_s;
    html += u"</tr></thead><tbody>\n"_s;
    QList<ReportPictures::Bar> bars;
    const QLocale locale;
    for (qsizetype i = 0; i < runs.size(); ++i) {
        const RunSummary &s = runs.at(i).summary;
        const QString speed = s.speedup ? Vocabulary::speedupText(*s.speedup) : u"–"_s;
        const QStringList cells{durationText(s.wallMs),
                                s.sumMs ? durationText(*s.sumMs) : u"–"_s,
                                speed,
                                s.lagSamples > 0 ? durationText(s.lagP99Ms) : u"–"_s,
                                locale.toString(s.ok),
                                locale.toString(s.failed),
                                locale.toString(s.timeouts),
                                locale.toString(s.cancelled + (s.stopped ? s.unfinished : 0))};
        html += u"<tr><th>"_s + esc(runTitle(runs.at(i))) + u"</th>"_s;
        for (const QString &c : cells)
            html += u"<td class=\"n\">"_s + esc(c) + u"</td>"_s;
        html += u"</tr>\n"_s;
        bars.append({runTitle(runs.at(i)), s.wallMs, durationText(s.wallMs), u"c%1"_s.arg(i % 6)});
    }
    html += u"</tbody></table>\n<figure>"_s + ReportPictures::barsSvg(bars) + u"<figcaption>"_s
        + esc(Report::tr("Wall time of each run; every timeline below is drawn on the same time "
                         "axis"))
        + u"</figcaption></figure>\n</section>\n"_s;
    return html;
}
} // namespace

QByteArray reportHtml(const RunRecord &record, const ReportOptions &options)
{
    // Every run, its own first, then the runs of other files it was compared with; the
    // sequential baselines across them as the window and the command line apply them.
    QList<RunPart> runs;
    QList<RunSummary> summaries;
    auto add = [&](const Trace &trace, const QString &source) {
        RunPart part;
        part.trace = &trace;
        part.source = source;
        part.segments = buildSegments(trace);
        part.summary = summarize(trace, part.segments);
        part.summary.source = source;
        summaries.append(part.summary);
        runs.append(std::move(part));
    };
    for (const Trace &trace : record.runs)
        add(trace, QString());
    for (const ComparedRun &compared : record.comparedRuns)
        add(compared.trace, compared.source);
    applySequentialBaselines(&summaries);
    qint64 axisEndNs = 0;
    for (qsizetype i = 0; i < runs.size(); ++i) {
        runs[i].summary = summaries.at(i);
        axisEndNs = std::max(axisEndNs, runEndNs(*runs.at(i).trace));
    }

    // "zh-CN" (bcp47Name() says only "zh"); the C locale's words are English.
    const QLocale locale;
    const QString language
        = locale.language() == QLocale::C ? u"en"_s : locale.name().replace(u'_', u'-');
    const QString title
        = runs.isEmpty() ? Report::tr("Coroscope report") : titleLine(*runs.constFirst().trace);
    QString html;
    html.reserve(256 * 1024);
    html += u"<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\""_s + language
        + u"\">\n<head>\n<meta charset=\"utf-8\"/>\n"_s
        + u"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"_s
        + u"<meta name=\"generator\" content=\"Coroscope "_s
        + esc(record.environment.coroscopeVersion) + u"\"/>\n<title>"_s + esc(title)
        + u"</title>\n<style>"_s + QString::fromUtf8(StyleSheet) + paletteStyleSheet()
        + u"</style>\n</head>\n<body>\n"_s;
    html += u"<header>\n<h1>"_s + esc(Report::tr("Coroscope report")) + u"</h1>\n"_s;
    const bool several = runs.size() > 1;
    if (several) {
        QStringList names;
        for (const RunPart &run : std::as_const(runs))
            names << runTitle(run);
        html += u"<p class=\"title\">"_s
            + esc(Report::tr("%Ln run(s) compared: %1", nullptr, int(runs.size()))
                      .arg(names.join(u", "_s)))
            + u"</p>\n"_s;
    }
    if (record.environment.recordedAt.isValid())
        html += u"<p class=\"meta\">"_s
            + esc(Report::tr("Recorded %1 with Coroscope %2 on %3")
                      .arg(QLocale().toString(record.environment.recordedAt.toLocalTime(),
                                              QLocale::LongFormat),
                           record.environment.coroscopeVersion, record.environment.os))
            + u"</p>\n"_s;
    html += u"</header>\n"_s;
    if (runs.isEmpty() && !record.isSweep())
        html
            += u"<p class=\"note\">"_s + esc(Report::tr("This record holds no run.")) + u"</p>\n"_s;
    if (record.isSweep())
        html += ReportPictures::sweepSection(record.sweep);
    if (several)
        html += comparisonHtml(runs);
    for (const RunPart &run : std::as_const(runs))
        html += runSection(run, axisEndNs, several);
    html += settingsHtml(record, options);
    html += u"<footer>"_s
        + esc(Report::tr("Made by Coroscope %1. Times are measured by a monotonic clock from "
                         "each run's start; every figure is derived from the recorded trace.")
                  .arg(QCoreApplication::applicationVersion().isEmpty()
                           ? record.environment.coroscopeVersion
                           : QCoreApplication::applicationVersion()))
        + u"</footer>\n</body>\n</html>\n"_s;
    return html.toUtf8();
}

bool writeReport(const QString &path, const RunRecord &record, QString *error,
                 const ReportOptions &options)
{
    return writeFileAtomically(path, reportHtml(record, options), error);
}

} // namespace Coroscope
