#include "runfiledocument.h"

namespace Coroscope {

void RunFileDocument::setUnsaved(RunRecord record, const QStringList &embeddedServer)
{
    // Saved runs added to the comparison stay through the next runs: "did this fix it?" is one
    // Run away. Opening another file replaces them (setOpened).
    if (record.comparedRuns.isEmpty() && !record.isSweep())
        record.comparedRuns = std::move(m_record.comparedRuns);
    // Which URLs were the embedded server's: they follow its address when the saved run is run
    // again or compared another day (the port may be another one then).
    record.embeddedServer = embeddedServer;
    m_record = std::move(record);
    m_path.clear();
    m_saved = m_record.isEmpty();
}

void RunFileDocument::setOpened(RunRecord record, const QString &path)
{
    m_record = std::move(record);
    m_path = path;
    m_saved = true;
}

bool RunFileDocument::save(const QString &path, QString *error)
{
    if (m_record.isEmpty() || !saveRunFile(path, m_record, error))
        return false;
    m_path = path;
    m_saved = true;
    return true;
}

void RunFileDocument::addComparedRuns(const QList<ComparedRun> &runs)
{
    m_record.comparedRuns.append(runs);
    m_saved = m_record.isEmpty(); // the saved file does not hold them yet
}

qsizetype RunFileDocument::removeComparedRuns(const QString &source)
{
    const qsizetype removed = m_record.comparedRuns.removeIf(
        [&source](const ComparedRun &run) { return run.source == source; });
    if (removed > 0)
        m_saved = m_record.isEmpty();
    return removed;
}

} // namespace Coroscope
