#pragma once

#include "io/runfile.h"
#include "trace/summary.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>

namespace Coroscope {

class Comparison;

// MainWindow's compare part (mainwindowcompare.cpp, mainwindowcomparefile.cpp): the Comparison
// that runs one strategy after another, how far it is, which of its runs is on screen, and the
// saved files added to the comparison this session. No widgets: the window shows it.
class CompareSession
{
public:
    CompareSession();
    ~CompareSession();

    Comparison *comparison() const { return m_comparison.get(); }
    bool isRunning() const;
    // Joins the comparison's scheduler thread (the window's destructor, while views exist).
    void destroy();

    // The comparison's course: started, its run `index` started (0-based), finished.
    void started() { m_stopping = false; }
    void runStarted(int index)
    {
        m_shownFastestOf = 0;
        m_step = index + 1;
    }
    void finished() { m_step = 0; }
    // 1-based: the strategy a comparison in progress runs; 0 = none.
    int step() const { return m_step; }
    // Asks the comparison to stop (the strategies not run yet are skipped); false when it
    // was asked already.
    bool stop();
    bool isStopping() const { return m_stopping; }
    void clearStopping() { m_stopping = false; }

    // > 1: the trace on screen is the fastest of that many compared.
    int shownFastestOf() const { return m_shownFastestOf; }
    void setShownFastestOf(int count) { m_shownFastestOf = count; }
    // Index of the fastest run in `summaries` (a stopped run never wins), -1 when empty.
    static int fastestRun(const QList<RunSummary> &summaries);

    // Files added this session, by their source label: adding one twice is refused.
    QString sourceOfFile(const QString &canonicalPath) const { return m_files.key(canonicalPath); }
    void addFile(const QString &source, const QString &canonicalPath)
    {
        m_files.insert(source, canonicalPath);
    }
    void removeFile(const QString &source) { m_files.remove(source); }
    // Forgets the files whose runs are no longer in `runs`.
    void keepFilesOf(const QList<ComparedRun> &runs);

private:
    std::unique_ptr<Comparison> m_comparison;
    bool m_stopping = false;
    int m_step = 0;
    int m_shownFastestOf = 0;
    // Source label -> canonical path of each file added this session.
    QHash<QString, QString> m_files;
};

} // namespace Coroscope
