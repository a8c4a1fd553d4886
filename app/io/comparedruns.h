#pragma once

#include "io/runfile.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Coroscope {

// Comparing the run on screen with runs saved in other files ("this run vs last week's"): which
// runs a file contributes, under which name, and whether the two are comparable at all. Shared
// by the window (File > Compare with Saved Run) and the command line (--compare-with).

// Every run of `file` (not the runs it compared itself), each named `source` and carrying the
// file's spec (with the run's own strategy) and environment.
QList<ComparedRun> comparedRunsOf(const RunRecord &file, const QString &source);

// `fileName` (control characters dropped), or "NAME (2)", "NAME (3)", ... when a compared run
// already has that name: two files called run.coroscope from two folders stay apart.
QString uniqueSourceName(const QString &fileName, const QList<ComparedRun> &existing);

// The sources of `runs` in the order they were added, each once.
QStringList comparedSources(const QList<ComparedRun> &runs);

// How `run` differs from the reference in what makes timings comparable: its URLs, task count
// and knobs (RunSpec), the server's capacity, and where it ran (Coroscope and Qt versions, CPU
// count, OS: RunEnvironment). Short phrases, e.g. "100 tasks vs 1000 here"; `referenceName`
// replaces "here" when the reference is itself a file. Empty: comparable.
QStringList comparabilityNotes(const RunRecord &reference, const ComparedRun &run,
                               const QString &referenceName = {});

// One warning per source that is not comparable with the record's own runs (or, when it has
// none, with the first source's), e.g. "last-week.coroscope: 100 tasks vs 1000 here; Qt 6.4.1
// vs 6.4.2 here". Empty when every compared run is comparable.
QStringList comparabilityWarnings(const RunRecord &record);

// The embedded server's addresses as a record keeps them (RunRecord::embeddedServer): its
// http and https base URLs, empty ones left out, each once.
QStringList embeddedServerAddresses(const QUrl &baseUrl, const QUrl &httpsBaseUrl);

// A saved run's URL as it is fetched today: one that pointed at the embedded server (one of
// `recorded`, its addresses when the run was made) goes to its address now (`current`), with
// the same scheme when it still serves it, else the one it serves (a run made with TLS on
// fetches https from a server that now has none: http, not a refused connection). Other URLs,
// and every URL when either list is empty, are returned as they are.
QUrl followEmbeddedServer(const QUrl &url, const QStringList &recorded, const QStringList &current);
QList<QUrl> followEmbeddedServer(const QList<QUrl> &urls, const QStringList &recorded,
                                 const QStringList &current);

// A compared run's band and table label: "async · last-week.coroscope".
QString comparedRunLabel(const QString &strategy, const QString &source);

} // namespace Coroscope
