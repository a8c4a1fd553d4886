// The executable's headless command line, driven as a user or a script drives it: signals keep
// the run (summary and files), a file size limit is a write error with a message, and outputs
// that cannot be written or would overwrite each other or an input are refused before anything
// runs. Every run fetches from the test's own embedded server on loopback.
#include "io/runfile.h"
#include "server/testserver.h"

#include "testfiles.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {

QString exe()
{
    return QStringLiteral(COROSCOPE_EXE);
}

QByteArray lastLine(const QByteArray &out)
{
    const QList<QByteArray> lines = out.trimmed().split('\n');
    return lines.isEmpty() ? QByteArray() : lines.constLast();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_dir;

    QString url(const QString &path) const
    {
        QUrl u = m_server.baseUrl();
        u.setPath(path);
        return u.toString();
    }
    QString file(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(0), qPrintable(m_server.errorString()));
    }

    // SIGINT, SIGTERM and SIGHUP (a closed terminal) stop a headless run the same way: the tasks
    // in flight are cancelled, the summary says "stopped":true, the files asked for are written,
    // and the exit status is 128 + the signal, as a shell reports it (issue 18.13).
    void signalKeepsTheRun_data()
    {
        QTest::addColumn<int>("signal");
        QTest::newRow("SIGINT: 130") << SIGINT;
        QTest::newRow("SIGTERM: 143") << SIGTERM;
        QTest::newRow("SIGHUP: 129, the run kept too") << SIGHUP;
    }
    void signalKeepsTheRun()
    {
        QFETCH(int, signal);
        const QString csv = file(u"signal-%1.csv"_s.arg(signal));
        const QString run = file(u"signal-%1.coroscope"_s.arg(signal));
        const qint64 before = m_server.stats().requests;
        QProcess process;
        // The default actions, whatever this test inherited (an ignored signal stays ignored
        // across exec, and the app leaves an ignored SIGHUP alone, as nohup asks).
        process.setChildProcessModifier([] {
            for (const int s : {SIGINT, SIGTERM, SIGHUP})
                std::signal(s, SIG_DFL);
        });
        process.start(exe(),
                      {u"--headless"_s, u"--port"_s, u"0"_s, u"--url"_s, url(u"/delay/10"_s),
                       u"--tasks"_s, u"4"_s, u"--csv"_s, csv, u"--save"_s, run});
        QVERIFY(process.waitForStarted());
        // Signalled while every request is in flight, i.e. mid-run.
        QTRY_VERIFY_WITH_TIMEOUT(m_server.stats().requests >= before + 4, 30000);
        QCOMPARE(::kill(pid_t(process.processId()), signal), 0);
        QVERIFY(process.waitForFinished(60000));
        const QByteArray err = process.readAllStandardError();
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 128 + signal);
        const QByteArray summary = lastLine(process.readAllStandardOutput());
        QVERIFY2(summary.contains("\"stopped\":true"), summary.constData());
        QVERIFY2(summary.contains("\"cancelled\":4"), summary.constData());
        QVERIFY2(err.contains("interrupted"), err.constData());
        // The files: a CSV row per task, and a run file that opens with the stopped run.
        const QList<QByteArray> rows = readAll(csv).trimmed().split('\n');
        QCOMPARE(rows.size(), 1 + 4);
        RunRecord record;
        QString error;
        QCOMPARE(loadRunFile(run, &record, &error), RunFile::Error::None);
        QCOMPARE(record.runs.size(), 1);
        QCOMPARE(record.runs.constFirst().tasks.size(), 4);
    }

    // `nohup coroscope --headless ...`: SIGHUP ignored at start stays ignored, the run goes on.
    void nohupKeepsRunning()
    {
        const qint64 before = m_server.stats().requests;
        QProcess process;
        process.setChildProcessModifier([] { std::signal(SIGHUP, SIG_IGN); });
        process.start(exe(),
                      {u"--headless"_s, u"--port"_s, u"0"_s, u"--url"_s, url(u"/delay/1"_s),
                       u"--tasks"_s, u"2"_s});
        QVERIFY(process.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(m_server.stats().requests >= before + 2, 30000);
        QCOMPARE(::kill(pid_t(process.processId()), SIGHUP), 0);
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QByteArray summary = lastLine(process.readAllStandardOutput());
        QVERIFY2(summary.contains("\"stopped\":false") && summary.contains("\"ok\":2"),
                 summary.constData());
    }

    // Under a file size limit (ulimit -f) the write that crosses it fails with EFBIG instead of
    // SIGXFSZ killing the process without a word: a message, exit status 1, the old file kept.
    void fileSizeLimitIsAWriteError()
    {
        const QString csv = file(u"limited.csv"_s);
        {
            QFile old(csv);
            QVERIFY(old.open(QIODevice::WriteOnly));
            old.write("old content\n");
        }
        QProcess process;
        process.setChildProcessModifier([] {
            // The default action, whatever this test inherited (a harness may ignore SIGXFSZ,
            // and an ignored signal stays ignored across exec).
            std::signal(SIGXFSZ, SIG_DFL);
            const struct rlimit limit = {200, 200};
            ::setrlimit(RLIMIT_FSIZE, &limit);
        });
        process.start(exe(),
                      {u"--headless"_s, u"--port"_s, u"0"_s, u"--url"_s, url(u"/get"_s),
                       u"--tasks"_s, u"20"_s, u"--csv"_s, csv});
        QVERIFY(process.waitForFinished(60000));
        const QString err = QString::fromLocal8Bit(process.readAllStandardError());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 1);
        QVERIFY2(err.contains(u"coroscope: cannot write %1: %2"_s.arg(csv, qt_error_string(EFBIG))),
                 qPrintable(err));
        QVERIFY(lastLine(process.readAllStandardOutput()).contains("\"ok\":20"));
        QCOMPARE(readAll(csv), QByteArray("old content\n"));
        QCOMPARE(QDir(m_dir.path()).entryList({u"limited.csv*"_s}, QDir::Files | QDir::Hidden),
                 QStringList{u"limited.csv"_s});
    }

    // Outputs are checked before the run (issues 18.11, 18.12): exit status 2 with the reason,
    // no request sent, no file touched.
    void outputsRefusedBeforeTheRun_data()
    {
        QTest::addColumn<QStringList>("outputs"); // %D: the test's directory
        QTest::addColumn<QString>("message");
        QTest::newRow("--csv X --har X")
            << QStringList{u"--csv"_s, u"%D/same"_s, u"--har"_s, u"%D/./same"_s}
            << u"coroscope: --csv %D/same and --har %D/./same name the same file"_s;
        QTest::newRow("--save into a missing folder")
            << QStringList{u"--save"_s, u"%D/nodir/x.coroscope"_s}
            << u"coroscope: --save: cannot write %D/nodir/x.coroscope: %1"_s.arg(
                   qt_error_string(ENOENT));
        QTest::newRow("--urls-file overwritten by --save")
            << QStringList{u"--urls-file"_s, u"%D/urls.txt"_s, u"--save"_s, u"%D/urls.txt"_s}
            << u"coroscope: --save %D/urls.txt would overwrite the input --urls-file "
               "%D/urls.txt"_s;
    }
    void outputsRefusedBeforeTheRun()
    {
        QFETCH(QStringList, outputs);
        QFETCH(QString, message);
        QFile urls(file(u"urls.txt"_s));
        QVERIFY(urls.open(QIODevice::WriteOnly));
        urls.write((url(u"/get"_s) + u'\n').toUtf8());
        urls.close();
        const QByteArray urlsBefore = readAll(urls.fileName());
        for (QString &arg : outputs)
            arg.replace(u"%D"_s, m_dir.path());
        message.replace(u"%D"_s, m_dir.path());
        const qint64 before = m_server.stats().requests;
        QProcess process;
        process.start(exe(),
                      QStringList{u"--headless"_s, u"--port"_s, u"0"_s, u"--url"_s, url(u"/get"_s),
                                  u"--tasks"_s, u"3"_s}
                          + outputs);
        QVERIFY(process.waitForFinished(60000));
        const QString err = QString::fromLocal8Bit(process.readAllStandardError());
        QCOMPARE(process.exitCode(), 2);
        QVERIFY2(err.startsWith(message), qPrintable(err));
        QVERIFY(process.readAllStandardOutput().isEmpty()); // no summary: nothing ran
        QCOMPARE(m_server.stats().requests, before);
        QVERIFY(!QFile::exists(file(u"same"_s)));
        QCOMPARE(readAll(urls.fileName()), urlsBefore);
    }

    // An opened run file and a CSV over it: refused, the run file intact (issue 18.11).
    void runFileNotReplacedByAnExport()
    {
        const QString run = file(u"kept.coroscope"_s);
        QProcess live;
        live.start(exe(),
                   {u"--headless"_s, u"--port"_s, u"0"_s, u"--url"_s, url(u"/get"_s), u"--tasks"_s,
                    u"2"_s, u"--save"_s, run});
        QVERIFY(live.waitForFinished(60000));
        QCOMPARE(live.exitCode(), 0);
        const QByteArray saved = readAll(run);
        QProcess convert;
        convert.start(exe(), {u"--open"_s, run, u"--csv"_s, m_dir.path() + u"/./kept.coroscope"_s});
        QVERIFY(convert.waitForFinished(60000));
        QCOMPARE(convert.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(convert.readAllStandardError());
        QVERIFY2(err.contains(u"would overwrite the input --open"_s), qPrintable(err));
        QCOMPARE(readAll(run), saved);
    }

    // Every message has one format, "coroscope: ..." (issue 18.7): a run file that cannot be
    // opened too, not only argument errors.
    void openErrorHasThePrefix()
    {
        QProcess process;
        process.start(exe(), {u"--headless"_s, u"--open"_s, file(u"missing.coroscope"_s)});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(process.readAllStandardError());
        QVERIFY2(err.startsWith(u"coroscope: cannot open %1"_s.arg(file(u"missing.coroscope"_s))),
                 qPrintable(err));
    }

    // --ca-file: only our message on stderr, no Qt warning before it (issue 18.16).
    void caFileMessageAlone()
    {
        const QString notPem = file(u"not.pem"_s);
        QFile f(notPem);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("hello\n");
        f.close();
        QProcess process;
        process.start(exe(), {u"--headless"_s, u"--ca-file"_s, notPem});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(process.readAllStandardError());
        QCOMPARE(err,
                 u"coroscope: --ca-file: %1 holds no PEM certificate (expected \"-----BEGIN "
                 "CERTIFICATE-----\")\n"_s.arg(notPem));
    }

    // An existing output on a read-only file system is reported as such, not as Qt's "Existing
    // file ... is not writable" (issue 18.16). The read-only mount is made in a user and mount
    // namespace of the child's own (unshare -rm); skipped where the system does not allow one.
    void readOnlyFileSystemSaysSo()
    {
        const QString dir = file(u"ro"_s);
        QVERIFY(QDir().mkpath(dir));
        const QString csv = dir + u"/existing.csv"_s;
        QFile existing(csv);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("old\n");
        existing.close();
        const QString script
            = uR"(mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 77
shift
exec "$@")"_s;
        QProcess process;
        process.start(u"unshare"_s,
                      {u"-rm"_s, u"sh"_s, u"-c"_s, script, u"sh"_s, dir, exe(), u"--headless"_s,
                       u"--port"_s, u"0"_s, u"--url"_s, url(u"/get"_s), u"--tasks"_s, u"1"_s,
                       u"--csv"_s, csv});
        if (!process.waitForStarted())
            QSKIP("unshare is not installed");
        QVERIFY(process.waitForFinished(60000));
        const QString err = QString::fromLocal8Bit(process.readAllStandardError());
        if (process.exitCode() == 77 || err.startsWith(u"unshare:"_s))
            QSKIP(qPrintable(u"no read-only mount here: "_s + err.trimmed()));
        QCOMPARE(process.exitCode(), 2);
        QCOMPARE(err,
                 u"coroscope: --csv: cannot write %1: %2\n"_s.arg(csv, qt_error_string(EROFS)));
        QCOMPARE(readAll(csv), QByteArray("old\n"));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
