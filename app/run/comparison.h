#pragma once

#include "run/run.h"
#include "run/runspec.h"
#include "trace/trace.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace Coroscope {

// Runs one workload under several strategies, one after another, so that their traces can be
// compared side by side. Runs never overlap: two runs sharing the machine (and the embedded
// server) would distort each other's timings, which are the whole point of the comparison.
class Comparison : public QObject
{
    Q_OBJECT
public:
    explicit Comparison(QObject *parent = nullptr);
    // Stops and joins a run still in progress.
    ~Comparison() override;

    // Starts over with `spec` (its strategy is ignored) under each of `strategies` in turn. A
    // comparison still running is stopped first; its results are dropped.
    void start(const RunSpec &spec, const QList<Strategy> &strategies);
    // Stops the current run and skips the rest. The traces recorded so far, including the
    // stopped run's partial one, stay in results(); finished() follows once the run has ended.
    void stop();

    bool isRunning() const { return m_running; }
    // The run in progress (e.g. to attach the live timeline to), nullptr between runs.
    Run *currentRun() const { return m_current; }
    // Index into strategies() of the run in progress, -1 when none.
    int currentIndex() const { return m_running ? m_index : -1; }
    QList<Strategy> strategies() const { return m_strategies; }
    const RunSpec &spec() const { return m_spec; }
    // One trace per run that ended, in strategy order.
    QList<Trace> results() const { return m_results; }

Q_SIGNALS:
    // `run` has started; it is deleted (later) after runFinished(index).
    void runStarted(int index, Coroscope::Run *run);
    void runFinished(int index);
    // The comparison is over: every run ended, or stop() cut it short.
    void finished();

private:
    void startNext();
    void onRunFinished();

    RunSpec m_spec;
    QList<Strategy> m_strategies;
    QList<Trace> m_results;
    QPointer<Run> m_current;
    int m_index = -1;
    // Bumped by start(): a receiver of runFinished() that restarts must not be advanced twice.
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_stopRequested = false;
};

} // namespace Coroscope
