#pragma once

#include "run/run.h"
#include "run/runspec.h"
#include "trace/summary.h"
#include "trace/trace.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

namespace Coroscope {

class TestServer;

// A sweep runs one workload again and again, changing one knob, to show how a result grows with
// it ("ten one-second requests take ten seconds one after another and one together"). Every
// point is a normal Run of a RunSpec derived from the base spec; its whole trace is kept.

// The knob a sweep varies, named as the run options are (--tasks, --concurrency, ...); `delay`
// is the seconds N of the embedded server's /delay/N in the workload's URLs.
enum class SweepKnob {
    Tasks,
    Concurrency,
    ConnectionsPerHost,
    ServerCapacity,
    Delay,
    Workers,
    TimeoutMs
};

QString sweepKnobName(SweepKnob knob); // "tasks", "connections-per-host", "delay", ...
bool sweepKnobFromName(const QString &name, SweepKnob *knob);
QList<SweepKnob> allSweepKnobs();
// The knob for people: "Tasks", "Server capacity", "Delay (s)", ... (translated).
QString sweepKnobLabel(SweepKnob knob);
// A knob's value as written in the CSV, the table and the axis: "100", "0.05".
QString sweepValueText(double value);

// Parses a sweep's values for `knob`: a comma-separated list ("1,10,100,1000"), or a range:
//   A..B      every whole number from A to B ("1..10"),
//   A..B+S    A, A+S, A+2S, ... up to B ("0..1+0.25"),
//   A..B*F    A, A*F, A*F^2, ... up to B, geometric, F > 1 ("1..1000*10" = 1, 10, 100, 1000),
// or a list of such pieces ("1..4,10,100"). Values keep their order, each once; whole-number
// knobs refuse fractions; each value must be in the run option's range (delay: 0 to 10 s).
// Returns an empty string on success, else a sentence naming what is wrong.
QString parseSweepValues(SweepKnob knob, const QString &text, QList<double> *values);
// "KNOB=VALUES", as --sweep takes it.
QString parseSweepArgument(const QString &text, SweepKnob *knob, QList<double> *values);

// What to sweep. Plain data: built by the Sweep dialog or the command line.
struct SweepSpec
{
    static constexpr int MaxValues = 100;
    static constexpr int MaxRepeat = 100;
    // Points (values x strategies x repeats): each is a run whose trace is kept in memory.
    static constexpr int MaxPoints = 1000;

    RunSpec base; // every knob but the swept one; its strategy is used when `strategies` is empty
    int serverCapacity = 0; // the embedded server's for every point, unless the knob is it
    SweepKnob knob = SweepKnob::Tasks;
    QList<double> values;
    QList<Strategy> strategies; // in the order each value runs them; empty = {base.strategy}
    int repeat = 1; // runs of each (value, strategy); median and spread over them
    // The embedded server's address(es) (its http and https base URLs): `delay` rewrites only
    // the /delay/N URLs pointing at it. Empty: every /delay/N URL.
    QStringList embeddedServer;

    QList<Strategy> effectiveStrategies() const;
    int pointCount() const
    {
        return int(values.size()) * int(effectiveStrategies().size()) * repeat;
    }
    // Empty when the sweep can run, else a sentence naming the bad knob or value (e.g. `delay`
    // without a /delay/N URL, a value the run option refuses).
    QString validate() const;
    // The run of one point: the base spec with the knob set to `value`. serverCapacity: the
    // embedded server's capacity for that point.
    RunSpec pointSpec(double value, Strategy strategy, int *serverCapacity = nullptr) const;
};

// One finished run of a sweep. Points are kept in the order they ran: for each value, for each
// repeat, each strategy (so a Stop leaves whole values behind, and every strategy of a value
// sees the machine in the same state).
struct SweepPoint
{
    int valueIndex = 0; // into SweepSpec::values
    double value = 0;
    Strategy strategy = Strategy::Async;
    int repeat = 0; // 0-based
    RunSummary summary; // summarize(trace)
    Trace trace;
};

// A figure over the repeats of one (strategy, value): median and spread.
struct SweepStat
{
    int count = 0; // repeats that have the figure (a speed-up may be absent)
    double median = 0;
    double min = 0;
    double max = 0;
    double q1 = 0; // quartiles (linear interpolation); = median for one or two repeats
    double q3 = 0;
};
SweepStat sweepStat(QList<double> samples);

// Every repeat of one (strategy, value) summed up, for the charts and the report's table.
struct SweepAggregate
{
    Strategy strategy = Strategy::Async;
    int valueIndex = 0;
    double value = 0;
    int repeats = 0;
    SweepStat wallMs;
    SweepStat sumMs;
    SweepStat speedup;
    SweepStat lagMaxMs;
    SweepStat lagP99Ms;
    SweepStat failures; // failed + timeouts: what the failures chart shows
    SweepStat timeouts;
};
// One per (strategy, value) that has points: strategies in spec order, then values in order.
QList<SweepAggregate> aggregateSweep(const SweepSpec &spec, const QList<SweepPoint> &points);

// What a finished or stopped sweep holds: what it was asked for and every point that ran.
struct SweepResult
{
    SweepSpec spec;
    QList<SweepPoint> points;
    bool stopped = false;
    double wallMs = 0; // the whole sweep, first start to last end, its overhead included
    bool isEmpty() const { return points.isEmpty(); }
};

// The CSV of a sweep: one row per point (strategy, knob, value, repeat, wall_ms, sum_ms, speedup,
// lag_max_ms, lag_p99_ms, ok, failed, timeouts, cancelled); empty cells for absent figures.
QByteArray sweepCsv(const SweepResult &result);
// A point's summary line (summaryJson plus "sweep_knob", "sweep_value", "sweep_repeat").
QByteArray sweepPointJson(const SweepSpec &spec, const SweepPoint &point);
// The last line: the sweep's knob, values, strategies, repeat, points done, stopped, and the
// median wall time per strategy and value.
QByteArray sweepSummaryJson(const SweepResult &result, double sweepWallMs);

// What a point is expected to take, in ms, before it runs: its tasks in waves as wide as the
// strategy and the knobs let run together, each as long as a request (`requestMs`: from the
// URL's /delay/N when it has one). Calibrated by the points already run (estimateSweepMs).
double expectedPointMs(const SweepSpec &spec, double value, Strategy strategy, double requestMs);
// The sweep's expected total, in ms: expectedPointMs of every point, scaled by how the points
// already done compared with their expectation. `done` may be empty (before it starts).
double estimateSweepMs(const SweepSpec &spec, const QList<SweepPoint> &done);
// The request time the estimate assumes without a measurement: the URLs' /delay/N, else 50 ms.
double assumedRequestMs(const SweepSpec &spec, double value);

// Runs the points of a sweep one after another (never two at once: they would distort each
// other's timings). Lives on the caller's thread like Comparison.
class Sweep : public QObject
{
    Q_OBJECT
public:
    explicit Sweep(QObject *parent = nullptr);
    ~Sweep() override; // stops and joins a run still in progress

    // The embedded server the points run against: the server-capacity knob sets its capacity
    // (restored at the end). Without one that knob is refused by start().
    void setServer(TestServer *server);
    // Starts `spec` (validated first: returns its error, and runs nothing, when it has one). A
    // sweep still running is stopped first and its points dropped.
    QString start(const SweepSpec &spec);
    // Stops the point in progress and skips the rest. The points done stay in result(), the
    // stopped point's too (its summary says stopped); finished() follows.
    void stop();

    bool isRunning() const { return m_running; }
    const SweepSpec &spec() const { return m_result.spec; }
    const SweepResult &result() const { return m_result; }
    const QList<SweepPoint> &points() const { return m_result.points; }
    Run *currentRun() const { return m_current; }
    int currentPoint() const { return m_running ? m_index : -1; } // 0-based, in run order
    int pointCount() const { return m_result.spec.pointCount(); }
    double elapsedMs() const; // since start()
    double estimatedTotalMs() const; // estimateSweepMs(spec, points)
    double remainingMs() const; // estimate minus elapsed, >= 0
    // The sum of the runs' own wall time (summary.wallMs): the sweep's overhead is the rest.
    double runsWallMs() const;

Q_SIGNALS:
    void pointStarted(int index, Coroscope::Run *run);
    void pointFinished(int index); // points().at(index) is it
    void finished();

private:
    void startNext();
    void onRunFinished();

    SweepResult m_result;
    QPointer<TestServer> m_server;
    int m_savedCapacity = 0;
    QPointer<Run> m_current;
    int m_index = -1;
    QList<UrlProbe> m_probes; // measured alone once per distinct URL list
    QList<QUrl> m_probedUrls;
    QElapsedTimer m_clock;
    double m_wallMs = 0;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_stopRequested = false;
};

} // namespace Coroscope
