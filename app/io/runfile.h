#pragma once

#include "run/runspec.h"
#include "run/sweep.h"
#include "trace/trace.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace Coroscope {

// Where a run was recorded: enough to tell whether two runs are comparable.
struct RunEnvironment
{
    QString coroscopeVersion;
    QString qtVersion; // at run time (qVersion())
    QString qtBuildVersion; // Coroscope was compiled against (QT_VERSION_STR)
    QString qcoroVersion;
    QString os; // QSysInfo::prettyProductName()
    QString kernel; // type and version
    QString cpuArchitecture;
    int cpuCount = 0;
    QDateTime recordedAt; // UTC, when the (first) run started

    // This process, now (recordedAt: the start of `trace`, when given).
    static RunEnvironment current(const Trace *trace = nullptr);
};

// One run of another file, compared with a record's own (File > Compare with Saved Run,
// --compare-with): the run with what explains it, so that the comparison survives a save and
// can still say how the two differ.
struct ComparedRun
{
    QString source; // the file's name (no directory): how bands, tables and CSV rows name it
    RunSpec spec; // of the file the run came from (strategy: this run's)
    int serverCapacity = 0;
    RunEnvironment environment;
    QStringList embeddedServer; // of the file the run came from (RunRecord::embeddedServer)
    Trace trace;
};

// A run as a file holds it, and as the window keeps an opened one: what was asked for (the
// spec and, for a comparison, its strategies), where it ran, and every trace recorded, each one
// lossless (every event with its nanosecond time). A replay plays one of `runs` up to a
// playhead; a comparison against a saved run adds another record's traces. Plain data.
struct RunRecord
{
    RunSpec spec; // knobs and URLs (passwords shown as ***); strategy: the single run's
    int serverCapacity = 0; // the embedded server's, 0 = unlimited
    QList<Strategy> compare; // non-empty: a comparison of these strategies, in order
    QList<Trace> runs; // one per strategy that ran (a stopped comparison has fewer)
    RunEnvironment environment;
    // Where the embedded server listened when the runs were made ("http://127.0.0.1:37139",
    // and its https address when it had one): the URLs that pointed at it follow its address
    // of the day when the runs are run again or compared (io/comparedruns.h), while the traces
    // keep what was really fetched. Empty: not known (older files) or no embedded server.
    QStringList embeddedServer;
    // Runs of other files shown beside `runs` on one time axis (format 1.1); not part of the
    // run itself: a record of only compared runs is empty.
    QList<ComparedRun> comparedRuns;
    // A sweep (the header's "sweep", its points' traces in SWRN sections): `runs` is then empty
    // and `spec` is the sweep's base spec (sweep.spec.base).
    SweepResult sweep;

    bool isComparison() const { return !compare.isEmpty(); }
    bool isSweep() const { return !sweep.points.isEmpty(); }
    bool isEmpty() const { return runs.isEmpty() && sweep.points.isEmpty(); }
};

// The record of runs that have just ended in this process (its environment is this one's).
RunRecord recordOfRuns(const RunSpec &spec, int serverCapacity, const QList<Strategy> &compare,
                       const QList<Trace> &runs);

// A recording of a program (Trace::program) as a record of one run: its spec says as many tasks
// as it kept and nothing else (no URL, no limits); the environment is this process's.
RunRecord recordOfRecording(const Trace &recording);

// The run file format (.coroscope, MIME type application/x-coroscope-run); README "Run files"
// describes the layout. Versions: a reader opens every file of its major version (a newer minor
// only adds what older readers may skip); a newer major is refused, naming the Coroscope that
// wrote it.
namespace RunFile {
inline constexpr int MajorVersion = 1;
// The newest minor version this reader knows. A file is written with the lowest minor version
// that holds it: 1.0 unless it has compared runs (1.1), tasks with redirects followed or an
// encoded body (1.2), URLs measured alone (1.3), or recordings of programs (1.4: a RECD section
// beside the RUN section, which keeps only the event kinds a 1.3 reader knows, so that it still
// opens a recording), or a sweep (1.5: SWRN sections, which an older reader would take for a file
// with no run), so older files keep their bytes.
inline constexpr int MinorVersion = 5;
// Redirects a task may have followed in a file (RedirectChain::MaxHops is 50).
inline constexpr int MaxRedirects = 64;
inline constexpr char Magic[] = "COROSCOPE-RUN ";
inline constexpr char Suffix[] = "coroscope";
inline constexpr char MimeType[] = "application/x-coroscope-run";
// Limits that keep a hostile file from costing more than its size suggests.
inline constexpr qint64 MaxFileBytes = qint64(1) << 30;
inline constexpr qint64 MaxBodyBytes = qint64(1) << 30; // decompressed
inline constexpr qint64 MaxExpansion = 64; // decompressed <= 64 x compressed (+ MinBodyCap)
// Below it any expansion is accepted. A stopped 100,000-task sequential run (most rows alike)
// measured 17.7 x; kept small because a tiny file may otherwise claim this much decoded data.
inline constexpr qint64 MinBodyCap = 1 << 20;
inline constexpr int MaxHeaderBytes = 1 << 20;
inline constexpr int MaxRuns = 64; // and as many compared runs
// Times beyond ~13 days are damage, not a run; keeps every derived sum far from overflowing.
inline constexpr qint64 MaxNs = qint64(1) << 50;

enum class Error {
    None,
    Unreadable, // not a regular file, cannot be read, too large
    NotRunFile, // wrong magic
    NewerVersion, // a future major version
    Truncated, // shorter than its header says
    Corrupt, // anything else that does not add up
};
} // namespace RunFile

// The file's bytes. Deterministic for a given record (the environment included).
QByteArray encodeRunFile(const RunRecord &record);
// Parses `data`; on failure returns the error and sets *reason to a sentence saying what is
// wrong (without the file name). Never allocates much more than the data's size suggests.
RunFile::Error decodeRunFile(const QByteArray &data, RunRecord *record, QString *reason);

// Writes atomically (io/savefile.h); *error as writeFileAtomically's.
bool saveRunFile(const QString &path, const RunRecord &record, QString *error);
// Reads a regular file of at most MaxFileBytes (FIFOs and devices refused before they block)
// and decodes it. On failure *error is "cannot open PATH: REASON".
RunFile::Error loadRunFile(const QString &path, RunRecord *record, QString *error);

} // namespace Coroscope
