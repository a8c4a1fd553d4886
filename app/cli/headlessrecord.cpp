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

#include <algorithm>
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
    printError(printableText(text, 4000));
}

// What only the session knows, beside the summary's "program_exit" (the trace's): whether Stop
// ended it, the signal's name, why it could not start, the recorder's connections, its output.
QByteArray sessionJson(const RecordSession &session)
{
    const SessionEnd &end = session.end();
    QJsonObject o;
    o.insert(QStringLiteral("command"), session.command().displayText());
    o.insert(QStringLiteral("stopped"), end.stopped);
    o.insert(QStringLiteral("killed"), end.killed);
    if (end.how == ProgramEnd::Signalled)
        o.insert(QStringLiteral("signal"), RecordSession::signalName(end.status));
    if (!end.error.isEmpty())
        o.insert(QStringLiteral("error"), end.error);
    o.insert(QStringLiteral("connections"), session.connections());
    o.insert(QStringLiteral("output_bytes"), double(session.output().totalBytes()));
    o.insert(QStringLiteral("output_dropped_bytes"), double(session.output().droppedBytes()));
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
    line.chop(1); // the closing brace: the session's facts go last
    line += ",\"recording\":" + sessionJson(session) + "}\n";
    std::fputs(line.constData(), stdout);
    std::fflush(stdout);

    int status = writeExports(options, {trace}, {summary});
    if (!options.savePath.isEmpty() || !options.reportPath.isEmpty()) {
        const RunRecord record = recordOfRecording(trace);
        QString error;
        if (!options.savePath.isEmpty() && !saveRunFile(options.savePath, record, &error)) {
            printNote(error);
            status = 1;
        }
        status = std::max(status, writeReportIfAsked(options, record));
    }
    if (session.end().how == ProgramEnd::FailedToStart && status == 0)
        status = 2;
    return interruptedExitStatus(status);
}

} // namespace Coroscope
