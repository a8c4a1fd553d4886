#include "comparison.h"

namespace Coroscope {

Comparison::Comparison(QObject *parent)
    : QObject(parent)
{
}

Comparison::~Comparison()
{
    // Run's destructor stops and joins its scheduler thread; no signal may reach us meanwhile.
    if (m_current) {
        m_current->disconnect(this);
        delete m_current;
    }
}

void Comparison::start(const RunSpec &spec, const QList<Strategy> &strategies)
{
    if (m_current) {
        m_current->disconnect(this);
        delete m_current; // stops and joins: the old comparison must not overlap the new one
    }
    m_spec = spec;
    m_strategies = strategies;
    m_results.clear();
    ++m_generation;
    m_index = -1;
    m_stopRequested = false;
    m_running = true;
    startNext();
}

void Comparison::stop()
{
    if (!m_running)
        return;
    m_stopRequested = true;
    if (m_current)
        m_current->stop(); // finished() follows; onRunFinished() then ends the comparison
}

void Comparison::startNext()
{
    ++m_index;
    if (m_stopRequested || m_index >= m_strategies.size()) {
        m_running = false;
        Q_EMIT finished();
        return;
    }
    RunSpec spec = m_spec;
    spec.strategy = m_strategies.at(m_index);
    auto *run = new Run(spec, this);
    m_current = run;
    connect(run, &Run::finished, this, &Comparison::onRunFinished);
    run->start();
    Q_EMIT runStarted(m_index, run);
}

void Comparison::onRunFinished()
{
    Run *run = m_current;
    if (!run || sender() != run)
        return;
    m_results.append(run->snapshot());
    // Each URL is measured alone once per comparison: every strategy's speed-up is then
    // measured against the same baseline, and the later runs do not refetch.
    if (m_spec.measureAlone && m_spec.knownProbes.isEmpty())
        m_spec.knownProbes = m_results.constLast().probes;
    m_current = nullptr;
    // Receivers of runStarted may still hold the pointer within this event: delete it later.
    run->deleteLater();
    const quint64 generation = m_generation;
    Q_EMIT runFinished(m_index);
    if (generation == m_generation)
        startNext();
}

} // namespace Coroscope
