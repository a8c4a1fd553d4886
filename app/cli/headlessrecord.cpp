// coroscope --headless --record -- CMD ARGS: a program recorded without a window. Its own output
// passes through to stderr as it comes; Coroscope's lines there start with "coroscope:"; the
// last stdout line is the summary JSON of a workload run plus "program_exit".
#include "headless.h"

#include "io/runfile.h"
#include "record/recordsession.h"
#include "server/testserver.h"
#include "trace/diagnostics.h"
#include "trace/segments.h"
#include "trace/summary.h"
#include "trace/text.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <cstdio>

namespace Coroscope {

namespace {
// A translation context lupdate can see.
struct Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

// Coroscope's own lines: printable, one per line (the program's bytes are passed as they are).
void printNote(const QString &text)
{
    const QString line = QStringLiteral("coroscope: ") + printableText(text, 4000) + u'\n';
    std::fputs(line.toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

QByteArray programExitJson(const RecordSession &session, const Trace &trace)
{
    const SessionEnd &end = session.end();
    QJsonObject o;
    o.insert(QStringLiteral("how"), programEndName(end.how));
    o.insert(QStringLiteral("status"), end.status);
    if (end.how == ProgramEnd::Signalled)
        o.insert(QStringLiteral("signal"), RecordSession::signalName(end.status));
    if (!end.error.isEmpty())
        o.insert(QStringLiteral("error"), end.error);
    o.insert(QStringLiteral("stopped"), end.stopped);
    o.insert(QStringLiteral("killed"), end.killed);
    o.insert(QStringLiteral("wall_ms"), double(qMax<qint64>(0, end.wallNs) / 1000) / 1000.0);
    o.insert(QStringLiteral("tasks"), end.tasks);
    o.insert(QStringLiteral("dropped_tasks"), double(trace.droppedTasks));
    o.insert(QStringLiteral("connections"), session.connections());
    if (trace.program) {
        o.insert(QStringLiteral("recorder"), trace.program->recorder);
        o.insert(QStringLiteral("runtime"), trace.program->runtime);
        o.insert(QStringLiteral("events_recorded"), double(trace.program->recorded));
        o.insert(QStringLiteral("events_dropped"), double(trace.program->dropped));
        o.insert(QStringLiteral("damaged_lines"), double(trace.program->damagedLines));
    }
    o.insert(QStringLiteral("output_bytes"), double(session.output().totalBytes()));
    o.insert(QStringLiteral("output_dropped_bytes"), double(session.output().droppedBytes()));
    o.insert(QStringLiteral("command"), session.command().displayText());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
} // namespace

int runHeadlessRecord(const CliOptions &options)
{
    // The examples (and any program that wants one) get the embedded server; a program that
    // needs none still records when it cannot start.
    TestServer server;
    const bool serverUp = startEmbeddedServer(server, options);

    RecordCommand command;
    command.program = options.recordCommand.constFirst();
    command.arguments = options.recordCommand.mid(1);
    if (serverUp)
        command.serverUrl = server.baseUrl();

    RecordSession session;
    QObject::connect(&session, &RecordSession::outputArrived, &session,
                     [](OutputLog::Channel, const QByteArray &bytes) {
                         // Both of the program's streams go to stderr: stdout is the summary's.
                         std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
                         std::fflush(stderr);
                     });
    QObject::connect(&session, &RecordSession::message, &session, &printNote);
    if (!session.start(command)) {
        printNote(session.errorString());
        return 1;
    }
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, &session, [&session]() {
        if (interruptedExitStatus(0) != 0 && session.isRunning() && !session.stopRequested()) {
            printNote(Cli::tr("interrupted: stopping the program"));
            session.stop();
        }
    });
    ticker.start(50);
    while (session.state() != RecordSession::State::Finished)
        session.waitForFinished(1000);
    ticker.stop();

    const Trace trace = session.recorder()->snapshot();
    const SegmentBuilder segments = buildSegments(trace);
    const RunSummary summary = summarize(trace, segments);
    printNote(Cli::tr("%1: %2").arg(command.displayText(), session.endText()));
    for (const QString &note : session.notes())
        printNote(note);
    for (const Diagnostic &d : diagnose(trace, segments, summary))
        printNote(QStringLiteral("  - ") + d.text);
    QByteArray line = summaryJson(summary);
    line.chop(1); // the closing brace: "program_exit" goes last
    line += ",\"program_exit\":" + programExitJson(session, trace) + "}\n";
    std::fputs(line.constData(), stdout);
    std::fflush(stdout);

    int status = writeExports(options, {trace}, {summary});
    if (!options.savePath.isEmpty()) {
        QString error;
        RunRecord record = recordOfRuns(RunSpec{}, 0, {}, {trace});
        if (!saveRunFile(options.savePath, record, &error)) {
            printNote(error);
            status = 1;
        }
    }
    if (session.end().how == ProgramEnd::FailedToStart && status == 0)
        status = 2;
    return interruptedExitStatus(status);
}

} // namespace Coroscope
