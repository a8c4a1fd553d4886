// coroscope --headless --record -- CMD, driven as a script drives it: the summary is the last
// stdout line (with "program_exit" and "recording"), the program's own output is on stderr and
// never on stdout, every file asked for is written, SIGTERM stops the program and still writes
// everything, and a command that cannot start is said with exit status 2.
#include "io/runfile.h"

#include "recordprograms.h"
#include "testfiles.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

#include <csignal>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {
QString exe()
{
    return QStringLiteral(COROSCOPE_EXE);
}

QJsonObject lastJson(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return QJsonDocument::fromJson(lines.constLast()).object();
}
} // namespace

class TestRecordCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString file(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void headlessRecordsAnExample()
    {
        const QString example = QStringLiteral(COROSCOPE_EXAMPLES_DIR "/02_create_task.py");
        QVERIFY(QFileInfo::exists(example));
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.start(exe(),
                {u"--headless"_s, u"--port"_s, u"0"_s, u"--record"_s, u"--csv"_s, file(u"t.csv"_s),
                 u"--segments-csv"_s, file(u"s.csv"_s), u"--chrome-trace"_s, file(u"c.json"_s),
                 u"--save"_s, file(u"r.coroscope"_s), u"--report"_s, file(u"r.html"_s), u"--"_s,
                 python(), example});
        QVERIFY(p.waitForFinished(120000));
        const QByteArray out = p.readAllStandardOutput();
        const QByteArray err = p.readAllStandardError();
        QCOMPARE(p.exitCode(), 0);
        // stdout holds the summary only: the program's prints went to stderr.
        QCOMPARE(out.trimmed().count('\n'), 0);
        const QJsonObject summary = lastJson(out);
        QVERIFY2(summary.contains(u"program_exit"_s), out.constData());
        const QJsonObject exit = summary.value(u"program_exit"_s).toObject();
        QCOMPARE(exit.value(u"how"_s).toString(), u"exit"_s);
        QCOMPARE(exit.value(u"status"_s).toInt(), 0);
        QCOMPARE(exit.value(u"tasks"_s).toInt(), 1); // the one create_task()
        const QJsonObject recording = summary.value(u"recording"_s).toObject();
        QCOMPARE(recording.value(u"connections"_s).toInt(), 1);
        QCOMPARE(recording.value(u"stopped"_s).toBool(), false);
        QVERIFY2(err.contains("exited with status 0"), err.constData());
        QVERIFY(readAll(file(u"t.csv"_s)).startsWith("task,"));
        QVERIFY(readAll(file(u"s.csv"_s)).size() > 20);
        QVERIFY(readAll(file(u"c.json"_s)).contains("traceEvents"));
        RunRecord record;
        QString error;
        QCOMPARE(loadRunFile(file(u"r.coroscope"_s), &record, &error), RunFile::Error::None);
        QVERIFY(record.runs.constFirst().isRecording());
        // --report is written for a recording as for a run (it was accepted and ignored).
        const QByteArray report = readAll(file(u"r.html"_s));
        QVERIFY2(report.startsWith("<!DOCTYPE html>"), report.left(200).constData());
        QVERIFY(report.contains("<svg"));
    }

    void programOutputGoesToStderr()
    {
        const QString prog = writeProgram(m_dir, u"prints.py"_s,
                                          "import sys\n"
                                          "print('OUT-LINE')\n"
                                          "print('ERR-LINE', file=sys.stderr)\n");
        QProcess p;
        p.start(exe(),
                {u"--headless"_s, u"--port"_s, u"0"_s, u"--record"_s, u"--"_s, python(), prog});
        QVERIFY(p.waitForFinished(120000));
        const QByteArray out = p.readAllStandardOutput();
        const QByteArray err = p.readAllStandardError();
        QVERIFY(!out.contains("OUT-LINE"));
        QVERIFY(err.contains("OUT-LINE\n"));
        QVERIFY(err.contains("ERR-LINE\n"));
        QVERIFY(lastJson(out).contains(u"program_exit"_s));
    }

    void sigtermStopsTheProgramAndWrites()
    {
        const QString prog = writeProgram(m_dir, u"forever.py"_s, runsForever(false));
        QProcess p;
        p.start(exe(),
                {u"--headless"_s, u"--port"_s, u"0"_s, u"--record"_s, u"--csv"_s,
                 file(u"stopped.csv"_s), u"--"_s, python(), prog});
        QVERIFY(p.waitForStarted());
        QByteArray err;
        QTRY_VERIFY_WITH_TIMEOUT((err += p.readAllStandardError()).contains("started"), 60000);
        ::kill(pid_t(p.processId()), SIGTERM);
        QVERIFY(p.waitForFinished(60000));
        err += p.readAllStandardError();
        QCOMPARE(p.exitCode(), 128 + SIGTERM);
        const QJsonObject summary = lastJson(p.readAllStandardOutput());
        QVERIFY(summary.value(u"recording"_s).toObject().value(u"stopped"_s).toBool());
        QVERIFY(summary.value(u"program_exit"_s).toObject().value(u"tasks"_s).toInt() >= 2);
        QVERIFY2(err.contains("SIGINT"), err.constData());
        QVERIFY(readAll(file(u"stopped.csv"_s)).startsWith("task,"));
    }

    void commandNotFound()
    {
        QProcess p;
        p.start(exe(),
                {u"--headless"_s, u"--port"_s, u"0"_s, u"--record"_s, u"--"_s,
                 u"coroscope-no-such-command-xyz"_s});
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(
            p.readAllStandardError().contains("command not found: coroscope-no-such-command-xyz"));
        const QJsonObject summary = lastJson(p.readAllStandardOutput());
        QCOMPARE(summary.value(u"program_exit"_s).toObject().value(u"how"_s).toString(),
                 u"failed to start"_s);
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("--record without a command")
            << QStringList{u"--headless"_s, u"--record"_s} << u"needs the program after"_s;
        QTest::newRow("-- without --record")
            << QStringList{u"--headless"_s, u"--"_s, u"python3"_s} << u"needs --record"_s;
        QTest::newRow("run options do not apply")
            << QStringList{u"--headless"_s, u"--record"_s, u"--tasks"_s, u"3"_s, u"--"_s, u"x"_s}
            << u"do not apply to --record"_s;
    }
    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        QProcess p;
        p.start(exe(), args);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(p.readAllStandardError());
        QVERIFY2(err.contains(message), qPrintable(err));
    }
};

QTEST_GUILESS_MAIN(TestRecordCli)
#include "tst_recordcli.moc"
