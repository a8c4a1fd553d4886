#pragma once

#include "io/runfile.h"

#include <QString>
#include <QStringList>

namespace Coroscope {

// MainWindow's run-file part (mainwindowrunfile.cpp): the run on screen as a file holds it (the
// last run, comparison or sweep that ended here, or the file opened; empty before any), the file
// it was opened from or saved to, and whether it changed since. No widgets: the window shows the
// record, asks for paths and says what went wrong.
class RunFileDocument
{
public:
    const RunRecord &record() const { return m_record; }
    bool isEmpty() const { return m_record.isEmpty(); }
    // The file the record was opened from or saved to, empty when it has none.
    QString path() const { return m_path; }
    bool isSaved() const { return m_saved; }

    // A run, comparison or sweep just ended here: it has no file and is not saved yet.
    // `embeddedServer`: the embedded server's addresses now (RunRecord::embeddedServer).
    void setUnsaved(RunRecord record, const QStringList &embeddedServer);
    // `record` was read from `path`: saved as it is.
    void setOpened(RunRecord record, const QString &path);
    // Writes the record to `path` atomically; from then on that is its file. False (and `error`)
    // when it could not be written or there is nothing to write.
    bool save(const QString &path, QString *error);

    // Runs of saved files added to the comparison, or those of one file taken away again:
    // either way the file on disk no longer holds what is on screen.
    void addComparedRuns(const QList<ComparedRun> &runs);
    qsizetype removeComparedRuns(const QString &source);

private:
    RunRecord m_record;
    QString m_path;
    bool m_saved = true;
};

} // namespace Coroscope
