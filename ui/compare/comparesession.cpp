#include "comparesession.h"

#include "run/comparison.h"

#include <algorithm>

namespace Coroscope {

CompareSession::CompareSession()
    : m_comparison(std::make_unique<Comparison>())
{
}

CompareSession::~CompareSession() = default;

bool CompareSession::isRunning() const
{
    return m_comparison && m_comparison->isRunning();
}

void CompareSession::destroy()
{
    m_comparison.reset();
}

bool CompareSession::stop()
{
    if (m_stopping)
        return false;
    m_stopping = true;
    m_comparison->stop();
    return true;
}

int CompareSession::fastestRun(const QList<RunSummary> &summaries)
{
    // A stopped run's wall time is where it was cut, not what the strategy costs.
    const auto fastest = std::min_element(
        summaries.cbegin(), summaries.cend(), [](const RunSummary &a, const RunSummary &b) {
            return std::pair(a.stopped, a.wallMs) < std::pair(b.stopped, b.wallMs);
        });
    return fastest == summaries.cend() ? -1 : int(fastest - summaries.cbegin());
}

void CompareSession::keepFilesOf(const QList<ComparedRun> &runs)
{
    // Files that came with an opened record have no path this session can reach again.
    for (auto it = m_files.begin(); it != m_files.end();) {
        const bool present = std::any_of(runs.cbegin(), runs.cend(), [&it](const ComparedRun &run) {
            return run.source == it.key();
        });
        it = present ? std::next(it) : m_files.erase(it);
    }
}

} // namespace Coroscope
