#pragma once

#include "trace/retention.h"
#include "trace/trace.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <memory>

namespace Coroscope {

class TraceRecorder;

// Reads a recording's wire format (recorders/FORMAT.md, "csrec" 1.x) into a TraceRecorder, as
// the bytes arrive: from a recorder's socket live (`coroscope --record`), or a whole file
// (readRecordingFile()). One decoder per stream.
//
// What it makes of the records: each `T` becomes a task of the trace (TaskInfo name, coroutine,
// parent, createdAt, lane; urlIndex 0, the empty URL), `Q` its Admitted, `R` a Resumed (the
// first R of a task not yet admitted is its Admitted), with a WokenBy before it when a task's
// end woke it, `A` a Suspended labelled "what at file:line", `D` its Finished with result and
// error, `C` a DoneCallback, `I`/`B` LoopIdle/LoopBusy of the lane, `H` a Hold, `W` a Warning,
// `N` the task's name, `P`/`U` the task's HTTP request (Network moments, URL, status, bytes),
// `Z` and `E` the ProgramRun's counts and end. Recorder ids become task indexes.
//
// Robustness (the format's rules): a line that does not parse, refers to an undefined string or
// an unknown task, or is longer than 64 KiB is counted (ProgramRun::damagedLines) and skipped;
// unknown record kinds are counted (unknownRecords) and skipped; extra fields are ignored; a
// header of a newer major version (or not a csrec header at all) refuses the whole stream with
// a sentence (error()). Records of different lanes that arrive slightly out of time order are
// sorted within each fed batch, and never placed before what was already committed. Every text
// is made printable where it enters (trace/text.h). Retention: at most maxTasks tasks are kept
// (trace/retention.h).
class CsrecDecoder
{
public:
    // The line a csrec stream starts with: "CSREC\t".
    static constexpr char Magic[] = "CSREC\t";
    static constexpr int MajorVersion = 1; // the wire format's major version this reader reads
    static constexpr qsizetype MaxLineBytes = 64 * 1024;
    static constexpr qsizetype MaxTextBytes = 4096; // an S text, after unescaping

    // Writes into `recorder` (a TraceRecorder(strategy) with no tasks yet), which it makes a
    // recording (Trace::program, lanes, urls {""}) at the header.
    explicit CsrecDecoder(TraceRecorder *recorder, qsizetype maxTasks = Retention::DefaultMaxTasks);
    ~CsrecDecoder();
    Q_DISABLE_COPY_MOVE(CsrecDecoder)

    // Whether `head` (the first bytes of a file or stream) starts like a recording.
    static bool looksLikeRecording(QByteArrayView head);

    // Consumes the next bytes of the stream; complete lines are decoded and committed to the
    // recorder at once (live views see them at their next sync). A partial last line waits for
    // the next feed(). Returns false once the stream is refused (error() says why).
    bool feed(QByteArrayView bytes);
    // The stream ended: a partial last line is counted as damaged, a stream without an `E`
    // record ends as ProgramEnd::Cut, and the trace is marked complete at its last time.
    void finish();

    bool isRefused() const { return !m_error.isEmpty(); }
    // Why the stream was refused ("recorded by a newer Coroscope recorder, format 2.0; this
    // Coroscope reads 1.x"), empty while it is not.
    QString error() const { return m_error; }
    bool headerSeen() const { return m_headerSeen; }
    bool ended() const { return m_ended; } // the `E` record arrived
    qint64 lines() const { return m_lines; } // lines read, the header included
    qint64 damagedLines() const { return m_damaged; }
    qint64 unknownRecords() const { return m_unknown; }

private:
    void decodeLine(QByteArrayView line);
    void decodeHeader(QByteArrayView line);
    void commit();
    void refuse(const QString &why);
    void remapTasks(const QList<qint32> &remap);
    // `\\`, `\t`, `\n` stand for backslash, tab, newline (csrecfile.cpp).
    static QByteArray unescape(QByteArrayView text);

    struct Impl;
    std::unique_ptr<Impl> d;
    TraceRecorder *m_recorder;
    QString m_error;
    bool m_headerSeen = false;
    bool m_ended = false;
    bool m_finished = false;
    qint64 m_lines = 0;
    qint64 m_damaged = 0;
    qint64 m_unknown = 0;
};

// Reads a whole .csrec file into *trace (a recording, complete). A file that is not a recording,
// cannot be read or is refused (a newer major version) returns false with *error a sentence
// ("cannot open PATH: REASON", or the refusal). Damaged lines do not fail it: they are counted in
// trace->program->damagedLines. `maxTasks` as the decoder's.
bool readRecordingFile(const QString &path, Trace *trace, QString *error,
                       qsizetype maxTasks = Retention::DefaultMaxTasks);
// The same for a recording's bytes already read; *error is the refusal alone (no file name).
bool decodeRecording(QByteArrayView data, Trace *trace, QString *error,
                     qsizetype maxTasks = Retention::DefaultMaxTasks);
// Whether the file at `path` starts with the csrec magic (whatever its name).
bool isRecordingFile(const QString &path);

} // namespace Coroscope
