#include "csrecparse.h"

#include "server/testserver.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

// The QCoro examples (examples/qcoro), each recorded through the probe into a file while it
// fetches from the embedded server on loopback: the recording must show what the tutorial says.
class TestProbeExamples : public QObject
{
    Q_OBJECT

    TestServer m_server;
    QTemporaryDir m_dir;

    // Records one example; its exit status must be 0 (it checks its own answers).
    Csrec record(const QString &program)
    {
        const QString file = m_dir.filePath(QFileInfo(program).fileName() + u".csrec"_s);
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"COROSCOPE_RECORD"_s, u"file:"_s + file);
        env.insert(u"COROSCOPE_SERVER"_s, m_server.baseUrl().toString());
        process.setProcessEnvironment(env);
        process.start(program, {});
        if (!process.waitForFinished(60000)) {
            process.kill();
            process.waitForFinished();
            qWarning("%s did not end", qPrintable(program));
            return {};
        }
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
            qWarning("%s: exit %d: %s", qPrintable(program), process.exitCode(),
                     process.readAllStandardError().constData());
            return {};
        }
        return readCsrec(file);
    }

    // "file:line" of the first line of examples/qcoro/FILE that holds `text`.
    static QString siteOf(const QString &file, const QString &text)
    {
        QFile source(QStringLiteral(COROSCOPE_SOURCE_DIR) + u"/examples/qcoro/"_s + file);
        if (!source.open(QIODevice::ReadOnly))
            return {};
        const QStringList lines = QString::fromUtf8(source.readAll()).split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (lines[i].contains(text))
                return file + u':' + QString::number(i + 1);
        }
        return {};
    }

    static void checkWhole(const Csrec &r)
    {
        QCOMPARE(r.header.value(0), QByteArray("CSREC"));
        QCOMPARE(r.header.value(1), QByteArray("1"));
        QCOMPARE(r.header.value(3), QByteArray("cpp"));
        QCOMPARE(r.damaged, 0);
        QVERIFY(r.ended);
        QCOMPARE(r.endHow, u"exit"_s);
        QCOMPARE(r.zDropped, quint64(0));
        // The last Z counts every record up to itself (S records too): all but the E after it.
        QCOMPARE(qsizetype(r.zRecorded), r.records - 1);
        QCOMPARE(r.lanes.value(1), u"main thread"_s);
        QVERIFY(r.count('I') > 0); // the main loop's waits
        QVERIFY(r.count('B') > 0);
        for (const CsrecTask &t : r.tasks)
            QVERIFY2(t.ended, qPrintable(t.name + u" has no end"_s));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start(0), qPrintable(m_server.errorString()));
    }

    // Ten fetches, each suspended at `co_await traced(reply)`, all suspended at once: every
    // suspension begins before the first resume. `main` awaits each by name.
    void fetchTogether()
    {
        const Csrec r = record(QStringLiteral(QCORO_FETCH_TOGETHER));
        checkWhole(r);
        QCOMPARE(r.tasks.size(), 11);
        const CsrecTask *main = r.named(u"main"_s);
        QVERIFY(main);
        QCOMPARE(main->parent, quint64(0));
        QVERIFY(main->coro.contains(u"fetchAll"_s));
        const QString replySite
            = siteOf(u"fetch_together.cpp"_s, u"co_await Coroscope::traced(reply)"_s);
        quint64 lastSuspend = 0, firstResume = ~quint64(0);
        for (int i = 0; i < 10; ++i) {
            const CsrecTask *fetch = r.named(u"fetch %1"_s.arg(i));
            QVERIFY(fetch);
            QCOMPARE(fetch->parent, main->id);
            QCOMPARE(fetch->result, u"ok"_s);
            QVERIFY(fetch->site.endsWith(siteOf(u"fetch_together.cpp"_s, u"TaskName name"_s)));
            const QList<CsrecEvent> a = r.of('A', fetch->id);
            const QList<CsrecEvent> resumed = r.of('R', fetch->id);
            QCOMPARE(a.size(), 1);
            QCOMPARE(resumed.size(), 1);
            QCOMPARE(a[0].label, u"QNetworkReply"_s);
            QVERIFY2(a[0].site.endsWith(replySite), qPrintable(a[0].site));
            lastSuspend = std::max(lastSuspend, a[0].t);
            firstResume = std::min(firstResume, resumed[0].t);
        }
        QVERIFY(lastSuspend < firstResume); // overlapping: all ten waited together
        // main's awaits are named after the task they await, and that task woke it.
        const QList<CsrecEvent> mainAwaits = r.of('A', main->id);
        QCOMPARE(mainAwaits.size(), 10);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(mainAwaits[i].label, u"fetch %1"_s.arg(i));
            QCOMPARE(mainAwaits[i].other, r.named(u"fetch %1"_s.arg(i))->id);
        }
        QCOMPARE(r.count('H'), 0); // nothing held the loop
    }

    // The same ten with a blocking GET in the coroutine: serialised, each step named as holding
    // the loop after the `co_await` it followed.
    void fetchBlocking()
    {
        const Csrec r = record(QStringLiteral(QCORO_FETCH_BLOCKING));
        checkWhole(r);
        QCOMPARE(r.tasks.size(), 11);
        const QString yieldSite
            = siteOf(u"fetch_blocking.cpp"_s, u"co_await Coroscope::traced(QCoro::sleepFor"_s);
        QList<std::pair<quint64, quint64>> steps; // last resume .. end, per fetch
        for (int i = 0; i < 10; ++i) {
            const CsrecTask *fetch = r.named(u"fetch %1"_s.arg(i));
            QVERIFY(fetch);
            QCOMPARE(fetch->result, u"ok"_s);
            const QList<CsrecEvent> a = r.of('A', fetch->id);
            QCOMPARE(a.size(), 1);
            QCOMPARE(a[0].label, u"QCoro::sleepFor(0ms)"_s); // from the source, not "Task"
            const QList<CsrecEvent> resumed = r.of('R', fetch->id);
            QCOMPARE(resumed.size(), 1);
            steps.append({resumed[0].t, fetch->ended});
            // Its step held the loop: one H, the task and the await after which it ran.
            const QList<CsrecEvent> held = r.of('H', fetch->id);
            QCOMPARE(held.size(), 1);
            QVERIFY2(held[0].site.endsWith(yieldSite), qPrintable(held[0].site));
            QCOMPARE(held[0].other, fetch->ended - resumed[0].t);
            QCOMPARE(held[0].lane, quint64(1));
        }
        std::sort(steps.begin(), steps.end());
        for (qsizetype i = 1; i < steps.size(); ++i)
            QVERIFY(steps[i - 1].second <= steps[i].first); // one after another
    }

    // `.then()`'s callback runs after its task ended, on the task's lane, recorded by name.
    void doneCallback()
    {
        const Csrec r = record(QStringLiteral(QCORO_DONE_CALLBACK));
        checkWhole(r);
        const CsrecTask *fetch = r.named(u"fetch"_s);
        QVERIFY(fetch);
        QCOMPARE(r.count('C'), 1);
        const CsrecEvent callback = *std::find_if(
            r.events.cbegin(), r.events.cend(), [](const CsrecEvent &e) { return e.kind == 'C'; });
        QCOMPARE(callback.task, fetch->id);
        QCOMPARE(callback.label, u"print status"_s);
        QVERIFY(callback.t >= fetch->ended);
        QCOMPARE(callback.lane, quint64(1));
    }

    // A task that awaits three others: parked on `slow` while all three run; `instant` and
    // `quick` end first, so the later awaits do not suspend; `slow`'s end wakes it.
    void awaitOthers()
    {
        const Csrec r = record(QStringLiteral(QCORO_AWAIT_OTHERS));
        checkWhole(r);
        QCOMPARE(r.tasks.size(), 4);
        const CsrecTask *main = r.named(u"main"_s);
        const CsrecTask *slow = r.named(u"slow"_s);
        const CsrecTask *quick = r.named(u"quick"_s);
        const CsrecTask *instant = r.named(u"instant"_s);
        QVERIFY(main && slow && quick && instant);
        for (const CsrecTask *t : {slow, quick, instant})
            QCOMPARE(t->parent, main->id);
        QVERIFY(instant->ended < quick->ended);
        QVERIFY(quick->ended < slow->ended);
        const QList<CsrecEvent> a = r.of('A', main->id);
        const QList<CsrecEvent> resumed = r.of('R', main->id);
        QCOMPARE(a.size(), 3);
        QCOMPARE(resumed.size(), 3);
        QCOMPARE(a[0].label, u"slow"_s);
        QCOMPARE(a[0].other, slow->id);
        QCOMPARE(a[1].label, u"quick"_s);
        QCOMPARE(a[2].label, u"instant"_s);
        QVERIFY(a[0].t < instant->ended); // parked before any child ended
        QCOMPARE(resumed[0].other, slow->id); // woken by slow's end
        QVERIFY(resumed[0].t >= slow->ended);
        QCOMPARE(a[1].t, resumed[1].t); // quick had ended: no suspension
        QCOMPARE(main->result, u"ok"_s);
    }

    // Without COROSCOPE_RECORD nothing is written and the example runs as before.
    void unsetRecordsNothing()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"COROSCOPE_RECORD"_s);
        env.insert(u"COROSCOPE_SERVER"_s, m_server.baseUrl().toString());
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(m_dir.path());
        process.start(QStringLiteral(QCORO_DONE_CALLBACK), {});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(process.readAllStandardError(), QByteArray());
    }

    // The live transport: a QLocalServer on an absolute path, as `coroscope --record` listens;
    // the stream that arrives is the same as a file's, ended by E.
    void unixSocket()
    {
        QLocalServer server;
        server.setSocketOptions(QLocalServer::UserAccessOption);
        const QString path = m_dir.filePath(u"live.sock"_s);
        QVERIFY2(server.listen(path), qPrintable(server.errorString()));
        QByteArray stream;
        QLocalSocket *peer = nullptr;
        connect(&server, &QLocalServer::newConnection, this, [&] {
            peer = server.nextPendingConnection();
            connect(peer, &QLocalSocket::readyRead, this, [&] { stream += peer->readAll(); });
        });
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"COROSCOPE_RECORD"_s, u"unix:"_s + path);
        env.insert(u"COROSCOPE_SERVER"_s, m_server.baseUrl().toString());
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(QCORO_AWAIT_OTHERS), {});
        QTRY_VERIFY_WITH_TIMEOUT(process.state() == QProcess::NotRunning, 60000);
        QCOMPARE(process.exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(stream.endsWith('\n') && stream.contains("\nE\t"), 10000);
        const Csrec r = parseCsrec(stream);
        checkWhole(r);
        QCOMPARE(r.tasks.size(), 4);
        QVERIFY(r.named(u"slow"_s));
    }

    // A reader that accepts and never reads: the program is never blocked by it; it drops and
    // counts, and at exit gives up after 2 s, saying so.
    void stalledReader()
    {
        QLocalServer server;
        const QString path = m_dir.filePath(u"stalled.sock"_s);
        QVERIFY2(server.listen(path), qPrintable(server.errorString()));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"COROSCOPE_RECORD"_s, u"unix:"_s + path);
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(PROBE_FLOOD), {u"child-flood"_s, u"2000"_s});
        // Blocks this thread, so that nothing here reads (Qt's sockets read as data comes):
        // the kernel completes the connection from the listen backlog and nobody reads it.
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(err.contains("did not take the last"), err.constData());
        QVERIFY(err.contains("the recording is cut"));
    }

    // A socket nobody listens on: one line on stderr, the program runs unrecorded.
    void unreachableSaysSo()
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"COROSCOPE_RECORD"_s, u"unix:"_s + m_dir.filePath(u"nobody"_s));
        env.insert(u"COROSCOPE_SERVER"_s, m_server.baseUrl().toString());
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(QCORO_DONE_CALLBACK), {});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QByteArray err = process.readAllStandardError();
        QVERIFY2(err.startsWith("coroscope-record: cannot reach Coroscope at "), err.constData());
        QVERIFY(err.contains("the program runs unrecorded"));
    }
};

QTEST_GUILESS_MAIN(TestProbeExamples)
#include "tst_probeexamples.moc"
