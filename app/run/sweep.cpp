#include "sweep.h"

#include "io/csv.h"
#include "run/run.h"
#include "server/testserver.h"
#include "trace/text.h"

#include <QCoreApplication>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace Coroscope {

namespace {
// A translation context lupdate can see.
struct SweepText
{
    Q_DECLARE_TR_FUNCTIONS(Sweep)
};

struct KnobInfo
{
    SweepKnob knob;
    const char *name;
    double min;
    double max;
    bool whole; // whole numbers only
};

// The ranges are the run options' (cli/options.cpp), so that a sweep refuses what a run would.
constexpr KnobInfo Knobs[] = {
    {SweepKnob::Tasks, "tasks", 1, RunSpec::MaxTasks, true},
    {SweepKnob::Concurrency, "concurrency", 0, RunSpec::MaxTasks, true},
    {SweepKnob::ConnectionsPerHost, "connections-per-host", 0, RunSpec::MaxTasks, true},
    {SweepKnob::ServerCapacity, "server-capacity", 0, 100000, true},
    {SweepKnob::Delay, "delay", 0, 10, false},
    {SweepKnob::Workers, "workers", 1, 1000, true},
    {SweepKnob::TimeoutMs, "timeout-ms", 0, 3600000, true},
};

const KnobInfo &info(SweepKnob knob)
{
    for (const KnobInfo &k : Knobs) {
        if (k.knob == knob)
            return k;
    }
    return Knobs[0];
}

// A URL the delay knob rewrites: /delay/N of the embedded server (of any server when its
// address is not known).
bool isDelayUrl(const QUrl &url, const QStringList &embeddedServer)
{
    if (!url.path().startsWith(QLatin1StringView("/delay/")))
        return false;
    if (embeddedServer.isEmpty())
        return true;
    const QString origin = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                                        | QUrl::StripTrailingSlash)
                               .toString();
    for (const QString &server : embeddedServer) {
        if (QUrl(server).adjusted(QUrl::StripTrailingSlash).toString() == origin)
            return true;
    }
    return false;
}

// Adds `v` (rounded for whole-number knobs) unless it is there already.
void addValue(const KnobInfo &knob, double v, QList<double> *values)
{
    if (knob.whole)
        v = std::round(v);
    else
        v = std::round(v * 1e6) / 1e6; // 0.1 + 0.2 is 0.3 here
    if (!values->contains(v))
        values->append(v);
}

QString rangeError(const KnobInfo &knob, const QString &piece)
{
    return SweepText::tr("sweep value \"%1\" for %2 is outside %3 to %4")
        .arg(printableText(piece, 40), QLatin1StringView(knob.name), sweepValueText(knob.min),
             sweepValueText(knob.max));
}

bool parseNumber(const QString &text, double *out)
{
    bool ok = false;
    *out = text.trimmed().toDouble(&ok);
    return ok && std::isfinite(*out);
}

// Run order -> (value, repeat, strategy): each value's repeats, each repeat every strategy.
struct Slot
{
    int valueIndex;
    int repeat;
    int strategyIndex;
};
Slot slotOf(const SweepSpec &spec, int index)
{
    const int strategies = int(spec.effectiveStrategies().size());
    const int perValue = strategies * spec.repeat;
    return {index / perValue, (index % perValue) / strategies, index % strategies};
}
} // namespace

QString sweepKnobName(SweepKnob knob)
{
    return QLatin1StringView(info(knob).name);
}

bool sweepKnobFromName(const QString &name, SweepKnob *knob)
{
    for (const KnobInfo &k : Knobs) {
        if (name == QLatin1StringView(k.name)) {
            *knob = k.knob;
            return true;
        }
    }
    return false;
}

QList<SweepKnob> allSweepKnobs()
{
    QList<SweepKnob> knobs;
    for (const KnobInfo &k : Knobs)
        knobs.append(k.knob);
    return knobs;
}

QString sweepKnobLabel(SweepKnob knob)
{
    switch (knob) {
    case SweepKnob::Tasks:
        return SweepText::tr("Tasks");
    case SweepKnob::Concurrency:
        return SweepText::tr("Concurrency limit");
    case SweepKnob::ConnectionsPerHost:
        return SweepText::tr("Connections per host");
    case SweepKnob::ServerCapacity:
        return SweepText::tr("Server capacity");
    case SweepKnob::Delay:
        return SweepText::tr("Server delay (s)");
    case SweepKnob::Workers:
        return SweepText::tr("Worker threads");
    case SweepKnob::TimeoutMs:
        return SweepText::tr("Timeout (ms)");
    }
    return {};
}

QString sweepValueText(double value)
{
    return QString::number(value, 'g', 12);
}

QString parseSweepValues(SweepKnob knob, const QString &text, QList<double> *values)
{
    const KnobInfo &k = info(knob);
    values->clear();
    const QStringList pieces = text.split(u',', Qt::SkipEmptyParts);
    if (pieces.isEmpty() || text.trimmed().isEmpty())
        return SweepText::tr("the sweep of %1 has no values (e.g. 1,10,100 or 1..1000*10)")
            .arg(QLatin1StringView(k.name));
    for (const QString &raw : pieces) {
        const QString piece = raw.trimmed();
        const qsizetype dots = piece.indexOf(QLatin1StringView(".."));
        if (dots < 0) {
            double v = 0;
            if (!parseNumber(piece, &v))
                return SweepText::tr("sweep value \"%1\" for %2 is not a number")
                    .arg(printableText(piece, 40), QLatin1StringView(k.name));
            if (v < k.min || v > k.max)
                return rangeError(k, piece);
            if (k.whole && v != std::round(v))
                return SweepText::tr("sweep value \"%1\" for %2 is not a whole number")
                    .arg(printableText(piece, 40), QLatin1StringView(k.name));
            addValue(k, v, values);
        } else {
            // A..B, A..B+S or A..B*F
            const QString from = piece.left(dots);
            QString to = piece.mid(dots + 2);
            QChar op = u'+';
            double step = 1;
            const qsizetype opAt = std::max(to.indexOf(u'+'), to.indexOf(u'*'));
            if (opAt >= 0) {
                op = to.at(opAt);
                if (!parseNumber(to.mid(opAt + 1), &step))
                    return SweepText::tr("sweep range \"%1\": the step after '%2' is not a number")
                        .arg(printableText(piece, 40), op);
                to.truncate(opAt);
            }
            double a = 0;
            double b = 0;
            if (!parseNumber(from, &a) || !parseNumber(to, &b))
                return SweepText::tr("sweep range \"%1\" is not FROM..TO, FROM..TO+STEP or "
                                     "FROM..TO*FACTOR")
                    .arg(printableText(piece, 40));
            if (a < k.min || a > k.max || b < k.min || b > k.max)
                return rangeError(k, piece);
            if (b < a)
                return SweepText::tr("sweep range \"%1\" ends before it starts")
                    .arg(printableText(piece, 40));
            if (op == u'+' && !(step > 0))
                return SweepText::tr("sweep range \"%1\": the step must be more than 0")
                    .arg(printableText(piece, 40));
            if (op == u'*' && (!(step > 1) || !(a > 0)))
                return SweepText::tr("sweep range \"%1\": a geometric range needs a start above "
                                     "0 and a factor above 1")
                    .arg(printableText(piece, 40));
            // Counting first: "1..100000" must be refused, not built.
            for (double v = a; v <= b * (1 + 1e-9); v = op == u'*' ? v * step : v + step) {
                addValue(k, v, values);
                if (values->size() > SweepSpec::MaxValues)
                    break;
            }
        }
        if (values->size() > SweepSpec::MaxValues)
            return SweepText::tr("a sweep has at most %1 values").arg(SweepSpec::MaxValues);
    }
    return {};
}

QString parseSweepArgument(const QString &text, SweepKnob *knob, QList<double> *values)
{
    const qsizetype eq = text.indexOf(u'=');
    QStringList names;
    for (const KnobInfo &k : Knobs)
        names.append(QLatin1StringView(k.name));
    if (eq <= 0)
        return SweepText::tr("--sweep wants KNOB=VALUES, e.g. tasks=1,10,100; knobs: %1")
            .arg(names.join(QStringLiteral(", ")));
    const QString name = text.left(eq).trimmed();
    if (!sweepKnobFromName(name, knob))
        return SweepText::tr("unknown sweep knob \"%1\": expected %2")
            .arg(printableText(name, 40), names.join(QStringLiteral(", ")));
    return parseSweepValues(*knob, text.mid(eq + 1), values);
}

QList<Strategy> SweepSpec::effectiveStrategies() const
{
    return strategies.isEmpty() ? QList<Strategy>{base.strategy} : strategies;
}

QString SweepSpec::validate() const
{
    if (values.isEmpty())
        return SweepText::tr("the sweep of %1 has no values").arg(sweepKnobName(knob));
    if (values.size() > MaxValues)
        return SweepText::tr("a sweep has at most %1 values").arg(MaxValues);
    if (repeat < 1 || repeat > MaxRepeat)
        return SweepText::tr("a sweep repeats each point 1 to %1 times, not %2")
            .arg(MaxRepeat)
            .arg(repeat);
    if (qint64(values.size()) * effectiveStrategies().size() * repeat > MaxPoints)
        return SweepText::tr("a sweep of %1 values x %2 strategies x %3 repeats is more than "
                             "%4 runs")
            .arg(values.size())
            .arg(effectiveStrategies().size())
            .arg(repeat)
            .arg(MaxPoints);
    const KnobInfo &k = info(knob);
    for (const double v : values) {
        if (v < k.min || v > k.max || (k.whole && v != std::round(v)))
            return rangeError(k, sweepValueText(v));
    }
    if (knob == SweepKnob::Delay) {
        bool any = false;
        for (const QUrl &url : base.urls)
            any = any || isDelayUrl(url, embeddedServer);
        if (!any)
            return SweepText::tr("the delay knob changes the embedded server's /delay/N URLs, "
                                 "and the workload has none");
    }
    for (const double v : values) {
        if (const QString error = pointSpec(v, effectiveStrategies().constFirst()).validate();
            !error.isEmpty())
            return error;
    }
    return {};
}

RunSpec SweepSpec::pointSpec(double value, Strategy strategy, int *capacity) const
{
    RunSpec spec = base;
    spec.strategy = strategy;
    spec.knownProbes.clear();
    int serverCap = serverCapacity;
    const int whole = int(std::lround(value));
    switch (knob) {
    case SweepKnob::Tasks:
        spec.tasks = whole;
        break;
    case SweepKnob::Concurrency:
        spec.concurrency = whole;
        break;
    case SweepKnob::ConnectionsPerHost:
        spec.connectionsPerHost = whole;
        break;
    case SweepKnob::ServerCapacity:
        serverCap = whole;
        break;
    case SweepKnob::Delay:
        for (QUrl &url : spec.urls) {
            if (isDelayUrl(url, embeddedServer))
                url.setPath(QStringLiteral("/delay/") + sweepValueText(value));
        }
        break;
    case SweepKnob::Workers:
        spec.workers = whole;
        break;
    case SweepKnob::TimeoutMs:
        spec.timeoutMs = whole;
        break;
    }
    if (capacity)
        *capacity = serverCap;
    return spec;
}

SweepStat sweepStat(QList<double> samples)
{
    SweepStat stat;
    stat.count = int(samples.size());
    if (samples.isEmpty())
        return stat;
    std::sort(samples.begin(), samples.end());
    const auto quantile = [&samples](double q) {
        const double at = q * double(samples.size() - 1);
        const qsizetype lo = qsizetype(std::floor(at));
        const qsizetype hi = std::min<qsizetype>(lo + 1, samples.size() - 1);
        return samples.at(lo) + (samples.at(hi) - samples.at(lo)) * (at - double(lo));
    };
    stat.min = samples.constFirst();
    stat.max = samples.constLast();
    stat.median = quantile(0.5);
    stat.q1 = quantile(0.25);
    stat.q3 = quantile(0.75);
    return stat;
}

QList<SweepAggregate> aggregateSweep(const SweepSpec &spec, const QList<SweepPoint> &points)
{
    QList<SweepAggregate> out;
    for (const Strategy strategy : spec.effectiveStrategies()) {
        for (int v = 0; v < spec.values.size(); ++v) {
            QList<double> wall, sum, speedup, lagMax, lagP99, failures, timeouts;
            for (const SweepPoint &p : points) {
                if (p.strategy != strategy || p.valueIndex != v)
                    continue;
                const RunSummary &s = p.summary;
                wall.append(s.wallMs);
                if (s.sumMs)
                    sum.append(*s.sumMs);
                if (s.speedup)
                    speedup.append(*s.speedup);
                lagMax.append(s.lagMaxMs);
                lagP99.append(s.lagP99Ms);
                failures.append(double(s.failed + s.timeouts));
                timeouts.append(double(s.timeouts));
            }
            if (wall.isEmpty())
                continue;
            SweepAggregate a;
            a.strategy = strategy;
            a.valueIndex = v;
            a.value = spec.values.at(v);
            a.repeats = int(wall.size());
            a.wallMs = sweepStat(wall);
            a.sumMs = sweepStat(sum);
            a.speedup = sweepStat(speedup);
            a.lagMaxMs = sweepStat(lagMax);
            a.lagP99Ms = sweepStat(lagP99);
            a.failures = sweepStat(failures);
            a.timeouts = sweepStat(timeouts);
            out.append(a);
        }
    }
    return out;
}

QByteArray sweepCsv(const SweepResult &result)
{
    QByteArray out = "strategy,knob,value,repeat,wall_ms,sum_ms,speedup,lag_max_ms,lag_p99_ms,ok,"
                     "failed,timeouts,cancelled\r\n";
    const auto num
        = [](double v) { return QByteArray::number(std::round(v * 1000) / 1000, 'f', 3); };
    for (const SweepPoint &p : result.points) {
        const RunSummary &s = p.summary;
        out += csvTextCell(strategyName(p.strategy)).toUtf8() + ','
            + sweepKnobName(result.spec.knob).toUtf8() + ',' + sweepValueText(p.value).toUtf8()
            + ',' + QByteArray::number(p.repeat + 1) + ',' + num(s.wallMs) + ','
            + (s.sumMs ? num(*s.sumMs) : QByteArray()) + ','
            + (s.speedup ? num(*s.speedup) : QByteArray()) + ',' + num(s.lagMaxMs) + ','
            + num(s.lagP99Ms) + ',' + QByteArray::number(s.ok) + ',' + QByteArray::number(s.failed)
            + ',' + QByteArray::number(s.timeouts) + ','
            + QByteArray::number(s.cancelled + s.unfinished) + "\r\n";
    }
    return out;
}

QByteArray sweepPointJson(const SweepSpec &spec, const SweepPoint &point)
{
    QByteArray line = summaryJson(point.summary);
    line.chop(1); // the closing brace: the sweep's keys go last
    line += ",\"sweep_knob\":\"" + sweepKnobName(spec.knob).toUtf8()
        + "\",\"sweep_value\":" + sweepValueText(point.value).toUtf8()
        + ",\"sweep_repeat\":" + QByteArray::number(point.repeat + 1) + '}';
    return line;
}

QByteArray sweepSummaryJson(const SweepResult &result, double sweepWallMs)
{
    const SweepSpec &spec = result.spec;
    QByteArray out = "{\"sweep\":\"" + sweepKnobName(spec.knob).toUtf8() + "\",\"values\":[";
    for (qsizetype i = 0; i < spec.values.size(); ++i)
        out += (i ? "," : "") + sweepValueText(spec.values.at(i)).toUtf8();
    out += "],\"strategies\":[";
    const QList<Strategy> strategies = spec.effectiveStrategies();
    for (qsizetype i = 0; i < strategies.size(); ++i)
        out += QByteArray(i ? "," : "") + '"' + strategyName(strategies.at(i)).toUtf8() + '"';
    double runs = 0;
    for (const SweepPoint &p : result.points)
        runs += p.summary.wallMs;
    const auto num
        = [](double v) { return QByteArray::number(std::round(v * 1000) / 1000, 'g', 15); };
    out += "],\"repeat\":" + QByteArray::number(spec.repeat)
        + ",\"points\":" + QByteArray::number(result.points.size())
        + ",\"planned_points\":" + QByteArray::number(spec.pointCount())
        + ",\"stopped\":" + (result.stopped ? "true" : "false") + ",\"wall_ms\":" + num(sweepWallMs)
        + ",\"runs_wall_ms\":" + num(runs) + ",\"median_wall_ms\":{";
    const QList<SweepAggregate> aggregates = aggregateSweep(spec, result.points);
    for (qsizetype si = 0; si < strategies.size(); ++si) {
        out += QByteArray(si ? "," : "") + '"' + strategyName(strategies.at(si)).toUtf8() + "\":[";
        bool first = true;
        for (int v = 0; v < spec.values.size(); ++v) {
            const auto it = std::find_if(
                aggregates.cbegin(), aggregates.cend(), [&](const SweepAggregate &a) {
                    return a.strategy == strategies.at(si) && a.valueIndex == v;
                });
            out += (first ? "" : ",")
                + (it == aggregates.cend() ? QByteArray("null") : num(it->wallMs.median));
            first = false;
        }
        out += ']';
    }
    out += "}}";
    return out;
}

double assumedRequestMs(const SweepSpec &spec, double value)
{
    if (spec.knob == SweepKnob::Delay)
        return value * 1000 + 2;
    for (const QUrl &url : spec.base.urls) {
        if (url.path().startsWith(QLatin1StringView("/delay/"))) {
            bool ok = false;
            const double seconds = url.path().mid(7).toDouble(&ok);
            if (ok)
                return seconds * 1000 + 2;
        }
    }
    return 50;
}

double expectedPointMs(const SweepSpec &spec, double value, Strategy strategy, double requestMs)
{
    int capacity = 0;
    const RunSpec s = spec.pointSpec(value, strategy, &capacity);
    const int n = s.tasks;
    int width = n;
    if (strategy == Strategy::Sequential || strategy == Strategy::Blocking
        || strategy == Strategy::WrappedBlocking)
        width = 1;
    if (strategy == Strategy::Threads)
        width = std::min(width, s.workers);
    if (s.concurrency > 0)
        width = std::min(width, s.concurrency);
    if (s.connectionsPerHost > 0) {
        QSet<QString> hosts;
        for (const QUrl &url : s.urls)
            hosts.insert(url.host() + u':' + QString::number(url.port()));
        width = std::min<qsizetype>(width, qsizetype(s.connectionsPerHost) * hosts.size());
    }
    if (capacity > 0)
        width = std::min(width, capacity);
    width = std::max(width, 1);
    double request = requestMs;
    if (s.timeoutMs > 0)
        request = std::min(request, double(s.timeoutMs));
    const double waves = std::ceil(double(n) / double(width));
    // ~0.5 ms of client and server work per request on loopback (GUIDE), and a start-up.
    return waves * request + n * 0.5 + 20 + (s.measureAlone ? request : 0);
}

double estimateSweepMs(const SweepSpec &spec, const QList<SweepPoint> &done)
{
    const int total = spec.pointCount();
    const QList<Strategy> strategies = spec.effectiveStrategies();
    // How the points done compare with the model, overall and per strategy: a sequential run
    // pays per request what an async one pays per wave, which one factor cannot follow.
    QList<double> expectedBy(strategies.size(), 0.0);
    QList<double> actualBy(strategies.size(), 0.0);
    double expectedDone = 0;
    double actualDone = 0;
    for (const SweepPoint &p : done) {
        const double expected
            = expectedPointMs(spec, p.value, p.strategy, assumedRequestMs(spec, p.value));
        expectedDone += expected;
        actualDone += p.summary.wallMs;
        const qsizetype s = strategies.indexOf(p.strategy);
        if (s >= 0) {
            expectedBy[s] += expected;
            actualBy[s] += p.summary.wallMs;
        }
    }
    const auto factorOf = [](double actual, double expected, double fallback) {
        return expected > 0 && actual > 0 ? std::clamp(actual / expected, 0.05, 50.0) : fallback;
    };
    const double overall = factorOf(actualDone, expectedDone, 1.0);
    double rest = 0;
    for (int i = int(done.size()); i < total; ++i) {
        const Slot slot = slotOf(spec, i);
        const double value = spec.values.at(slot.valueIndex);
        const Strategy strategy = strategies.at(slot.strategyIndex);
        const double factor
            = factorOf(actualBy.at(slot.strategyIndex), expectedBy.at(slot.strategyIndex), overall);
        rest += expectedPointMs(spec, value, strategy, assumedRequestMs(spec, value)) * factor;
    }
    return actualDone + rest;
}

Sweep::Sweep(QObject *parent)
    : QObject(parent)
{
}

Sweep::~Sweep()
{
    if (m_current) {
        m_current->disconnect(this);
        delete m_current; // stops and joins its scheduler thread
    }
    if (m_server && m_running)
        m_server->setCapacity(m_savedCapacity);
}

void Sweep::setServer(TestServer *server)
{
    m_server = server;
}

QString Sweep::start(const SweepSpec &spec)
{
    if (const QString error = spec.validate(); !error.isEmpty())
        return error;
    if (spec.knob == SweepKnob::ServerCapacity && !m_server)
        return SweepText::tr("the server-capacity knob needs the embedded server");
    if (m_current) {
        m_current->disconnect(this);
        delete m_current; // the old sweep must not overlap the new one
    }
    if (m_server && m_running)
        m_server->setCapacity(m_savedCapacity);
    m_result = SweepResult{spec, {}, false};
    m_probes.clear();
    m_probedUrls.clear();
    if (m_server)
        m_savedCapacity = m_server->capacity();
    ++m_generation;
    m_index = -1;
    m_stopRequested = false;
    m_running = true;
    m_wallMs = 0;
    m_clock.start();
    startNext();
    return {};
}

void Sweep::stop()
{
    if (!m_running)
        return;
    m_stopRequested = true;
    m_result.stopped = true;
    if (m_current)
        m_current->stop();
}

double Sweep::elapsedMs() const
{
    if (!m_clock.isValid())
        return 0;
    return m_running ? double(m_clock.nsecsElapsed()) / 1e6 : m_wallMs;
}

double Sweep::estimatedTotalMs() const
{
    return estimateSweepMs(m_result.spec, m_result.points);
}

double Sweep::remainingMs() const
{
    if (!m_running)
        return 0;
    return std::max(0.0, estimatedTotalMs() - elapsedMs());
}

double Sweep::runsWallMs() const
{
    double sum = 0;
    for (const SweepPoint &p : m_result.points)
        sum += p.summary.wallMs;
    return sum;
}

void Sweep::startNext()
{
    ++m_index;
    const SweepSpec &spec = m_result.spec;
    if (m_stopRequested || m_index >= spec.pointCount()) {
        m_running = false;
        m_wallMs = double(m_clock.nsecsElapsed()) / 1e6;
        m_result.wallMs = m_wallMs;
        if (m_server)
            m_server->setCapacity(m_savedCapacity);
        Q_EMIT finished();
        return;
    }
    const Slot slot = slotOf(spec, m_index);
    int capacity = 0;
    RunSpec runSpec = spec.pointSpec(spec.values.at(slot.valueIndex),
                                     spec.effectiveStrategies().at(slot.strategyIndex), &capacity);
    // Each distinct URL list is measured alone once per sweep (only `delay` changes the URLs):
    // the points of one value share their speed-up's baseline, and the later ones do not refetch.
    if (runSpec.measureAlone && runSpec.urls == m_probedUrls && !m_probes.isEmpty())
        runSpec.knownProbes = m_probes;
    if (m_server)
        m_server->setCapacity(capacity);
    auto *run = new Run(runSpec, this);
    m_current = run;
    connect(run, &Run::finished, this, &Sweep::onRunFinished);
    run->start();
    Q_EMIT pointStarted(m_index, run);
}

void Sweep::onRunFinished()
{
    Run *run = m_current;
    if (!run || sender() != run)
        return;
    const SweepSpec &spec = m_result.spec;
    const Slot slot = slotOf(spec, m_index);
    SweepPoint point;
    point.valueIndex = slot.valueIndex;
    point.value = spec.values.at(slot.valueIndex);
    point.strategy = spec.effectiveStrategies().at(slot.strategyIndex);
    point.repeat = slot.repeat;
    point.trace = run->snapshot();
    point.summary = summarize(point.trace);
    if (run->spec().measureAlone && run->spec().urls != m_probedUrls
        && !point.trace.probes.isEmpty()) {
        m_probedUrls = run->spec().urls;
        m_probes = point.trace.probes;
    }
    m_result.points.append(std::move(point));
    m_current = nullptr;
    run->deleteLater(); // receivers of pointStarted may still hold it within this event
    const quint64 generation = m_generation;
    Q_EMIT pointFinished(m_index);
    if (generation == m_generation)
        startNext();
}

} // namespace Coroscope
