#include "csrecparse.h"

#include <coroscope/probe.h>

#include <QCoreApplication>
#include <QCoroFuture>
#include <QDir>
#include <QFuture>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <coroutine>
#include <cstring>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

// The probe under load and at the edges, in a child process of this test (the probe reads
// COROSCOPE_RECORD before main): several threads flooding traced awaits, and tasks that throw
// or are destroyed while suspended. Meant for the sanitizer build too (ASan/UBSan). Under
// ThreadSanitizer run the child modes directly (QProcess's clone() trips TSan's own CHECK in the
// parent): `COROSCOPE_RECORD=file:/tmp/f.csrec tst_probeflood child-flood 2000` in a tree
// configured with -DCMAKE_CXX_FLAGS=-fsanitize=thread -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread.
namespace {

constexpr int FloodThreads = 6;
constexpr int FloodAwaits = 20;
int g_floodTasks = 0; // per thread
// Per thread: the driver's T and D; per worker: T, D, an A and an R per await, and the driver's
// A and R for awaiting it.
qint64 floodEventsPerThread(int tasks)
{
    return 2 + qint64(tasks) * (2 + 2 * FloodAwaits + 2);
}

// Suspends and is resumed at once (await_suspend returning false): a real suspension for the
// probe, no event loop needed.
struct Yield
{
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<>) const noexcept { return false; }
    void await_resume() const noexcept { }
};

QCoro::Task<int> worker()
{
    Coroscope::TaskName name("worker");
    Yield yield;
    for (int i = 0; i < FloodAwaits; ++i)
        co_await Coroscope::traced(yield);
    co_return 1;
}

QCoro::Task<int> driver()
{
    Coroscope::TaskName name("driver");
    int done = 0;
    for (int i = 0; i < g_floodTasks; ++i)
        done += co_await Coroscope::traced(worker());
    co_return done;
}

int flood()
{
    std::vector<std::thread> threads;
    std::atomic<int> done{0};
    for (int i = 0; i < FloodThreads; ++i)
        threads.emplace_back([&done] { done += driver().isReady() ? 1 : 0; });
    for (std::thread &t : threads)
        t.join();
    return done == FloodThreads ? 0 : 1;
}

QCoro::Task<int> thrower()
{
    Coroscope::TaskName name("thrower");
    Yield yield;
    co_await Coroscope::traced(yield);
    throw std::runtime_error("boom");
    co_return 0;
}

QCoro::Task<> catcher()
{
    Coroscope::TaskName name("catcher");
    try {
        co_await Coroscope::traced(thrower());
    } catch (const std::exception &) {
    }
}

QCoro::Task<> lonely()
{
    Coroscope::TaskName name("lonely");
    Yield yield;
    co_await Coroscope::traced(yield);
    throw std::logic_error("nobody awaits me");
}

// A coroutine whose owner destroys it while it is suspended.
struct Bare
{
    struct promise_type
    {
        Bare get_return_object()
        {
            return {std::coroutine_handle<promise_type>::from_promise(*this)};
        }
        std::suspend_never initial_suspend() noexcept { return {}; }
        std::suspend_always final_suspend() noexcept { return {}; }
        void return_void() { }
        void unhandled_exception() { }
    };
    std::coroutine_handle<promise_type> handle;
};

Bare parked()
{
    Coroscope::TaskName name("parked");
    std::suspend_always never;
    co_await Coroscope::traced(never, "forever");
}

// Resumes the awaiting coroutine on a thread of its own, as a signal emitted there would.
struct ResumeElsewhere
{
    std::thread *thread;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> handle)
    {
        *thread = std::thread([handle] { handle.resume(); });
    }
    void await_resume() const noexcept { }
};

QCoro::Task<> hopper(std::thread *thread)
{
    Coroscope::TaskName name("hopper");
    ResumeElsewhere elsewhere{thread};
    co_await Coroscope::traced(elsewhere, "another thread");
    Yield yield;
    co_await Coroscope::traced(yield); // on the other thread now
}

// A coroutine the program did not name: awaiting it says which call, not "Task".
QCoro::Task<int> helper(int v)
{
    Yield yield;
    co_await yield;
    co_return v;
}

QCoro::Task<int> caller()
{
    Coroscope::TaskName name("caller");
    const int v = co_await Coroscope::traced(helper(
        std::max(2, int(sizeof(")"))))); // over two lines, with a comma, a string and a comment: ("
    co_return v;
}

QCoro::Task<int> future()
{
    Coroscope::TaskName name("future");
    const int v = co_await Coroscope::traced(QtFuture::makeReadyFuture(5));
    co_return v;
}

// Two awaits labelled from the source, the second at a site the writer has not seen yet when
// the program exits: the writer reads the source during exit, after the destructors of statics
// made after the probe started (ASan: the source cache must still be there).
QCoro::Task<> lateLabel()
{
    Coroscope::TaskName name("late");
    co_await Coroscope::traced(helper(1));
    Coroscope::flushProbe(); // the source file is read and cached now
    co_await Coroscope::traced(helper(3)); // written at exit
}

int edges()
{
    if (future().isReady() == false || caller().isReady() == false)
        return 1;
    {
        std::thread thread;
        auto h = hopper(&thread);
        thread.join();
    }
    {
        auto c = catcher();
    }
    {
        auto l = lonely();
    }
    Bare p = parked();
    p.handle.destroy();
    return 0;
}

} // namespace

class TestProbeFlood : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QByteArray runChild(const char *mode, const QString &file, const QString &arg = {},
                        int exitCode = 0)
    {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"COROSCOPE_RECORD"_s, u"file:"_s + file);
        process.setProcessEnvironment(env);
        QStringList args{QString::fromLatin1(mode)};
        if (!arg.isEmpty())
            args.append(arg);
        process.start(QCoreApplication::applicationFilePath(), args);
        if (!process.waitForFinished(120000)) {
            process.kill();
            process.waitForFinished();
            return "hung";
        }
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != exitCode)
            return "failed: " + process.readAllStandardError();
        QFile f(file);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("no file");
    }

private Q_SLOTS:
    // Every event the threads made is either in the file or counted as dropped; the file is
    // well formed (every line parses, every string defined before use).
    void flood_data()
    {
        QTest::addColumn<int>("tasks");
        // 200 x 44 events per thread fit its ring: nothing may be dropped. 2,000 do not.
        QTest::newRow("fits") << 200;
        QTest::newRow("overflows") << 2000;
    }

    void flood()
    {
        QFETCH(int, tasks);
        const qint64 expected = FloodThreads * floodEventsPerThread(tasks);
        const QByteArray bytes
            = runChild("child-flood", m_dir.filePath(u"flood.csrec"_s), QString::number(tasks));
        QVERIFY2(bytes.startsWith("CSREC\t"), bytes.left(200).constData());
        QHash<char, qint64> kinds;
        QSet<QByteArray> defined;
        qint64 records = 0;
        const QList<QByteArray> lines = bytes.split('\n');
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QList<QByteArray> f = lines[i].split('\t');
            if (lines[i].isEmpty())
                continue;
            ++records;
            ++kinds[f[0][0]];
            if (f[0] == "S")
                defined.insert(f[1]);
            auto mustBeDefined = [&](int field) {
                QVERIFY2(f[field] == "0" || defined.contains(f[field]), lines[i].constData());
            };
            if (f[0] == "T")
                mustBeDefined(5), mustBeDefined(6), mustBeDefined(7);
            else if (f[0] == "A")
                mustBeDefined(3), mustBeDefined(4);
        }
        const Csrec r = parseCsrec(bytes);
        QVERIFY(r.ended);
        QCOMPARE(qint64(r.zRecorded), records - 1); // all but the E after the last Z
        QCOMPARE(r.lanes.size(), FloodThreads);
        const qint64 seen = kinds['T'] + kinds['D'] + kinds['A'] + kinds['R'];
        qInfo("flood: %lld events recorded, %llu dropped, of %lld (and %lld H)", seen,
              (unsigned long long)r.zDropped, expected, kinds['H']);
        if (r.zDropped == 0) {
            QCOMPARE(seen, expected);
            return;
        }
        // Dropped records are counted whatever their kind, and a step longer than 50 ms (a
        // thread descheduled on a loaded machine, a driver that never yields) adds an H, kept
        // or dropped: what is missing must be exactly in the dropped count, H drops aside.
        QVERIFY2(seen + qint64(r.zDropped) >= expected, qPrintable(QString::number(seen)));
        QVERIFY(seen + qint64(r.zDropped) - expected <= qint64(r.zDropped));
        QVERIFY(seen < expected);
    }

    // The E record carries the status the program exited with.
    void exitStatus()
    {
        const Csrec r = parseCsrec(runChild("child-exit3", m_dir.filePath(u"exit.csrec"_s), {}, 3));
        QVERIFY(r.ended);
        QCOMPARE(r.endHow, u"exit"_s);
        QCOMPARE(r.endStatus, 3);
        QVERIFY(r.named(u"catcher"_s));
    }

    // An exception's type and what() complete the end of the task that threw when a traced
    // co_await rethrows it; nobody awaiting: "exception"; destroyed while suspended: cancelled.
    void edges()
    {
        const Csrec r = parseCsrec(runChild("child-edges", m_dir.filePath(u"edges.csrec"_s)));
        QVERIFY(r.ended);
        QCOMPARE(r.endStatus, 0);
        QCOMPARE(r.damaged, 0);
        const CsrecTask *thrower = r.named(u"thrower"_s);
        const CsrecTask *catcher = r.named(u"catcher"_s);
        const CsrecTask *lonely = r.named(u"lonely"_s);
        const CsrecTask *parked = r.named(u"parked"_s);
        QVERIFY(thrower && catcher && lonely && parked);
        QCOMPARE(thrower->parent, catcher->id);
        QCOMPARE(thrower->result, u"error"_s);
        QCOMPARE(thrower->error, u"std::runtime_error: boom"_s);
        QCOMPARE(catcher->result, u"ok"_s);
        QCOMPARE(lonely->result, u"error"_s);
        QCOMPARE(lonely->error, u"exception"_s);
        QCOMPARE(parked->result, u"cancelled"_s);
        const QList<CsrecEvent> a = r.of('A', parked->id);
        QCOMPARE(a.size(), 1);
        QCOMPARE(a[0].label, u"forever"_s);
        // A task resumed by another thread runs there: its steps are on that thread's lane.
        const CsrecTask *hopper = r.named(u"hopper"_s);
        QVERIFY(hopper);
        QCOMPARE(r.lanes.size(), 2);
        QCOMPARE(r.lanes.value(hopper->lane), u"main thread"_s);
        const QList<CsrecEvent> resumed = r.of('R', hopper->id);
        QCOMPARE(resumed.size(), 2);
        QVERIFY(resumed[0].lane != hopper->lane);
        QVERIFY(r.lanes.value(resumed[0].lane).startsWith(u"thread "_s));
        QCOMPARE(hopper->result, u"ok"_s);
        // A QFuture, labelled by its type; ready at once: a zero-length suspension.
        const CsrecTask *future = r.named(u"future"_s);
        QVERIFY(future);
        const QList<CsrecEvent> fa = r.of('A', future->id);
        const QList<CsrecEvent> fr = r.of('R', future->id);
        QCOMPARE(fa.size(), 1);
        QCOMPARE(fr.size(), 1);
        QCOMPARE(fa[0].label, u"QFuture"_s);
        QCOMPARE(fa[0].t, fr[0].t);
        // A Task the program did not name: labelled with the traced() expression, read from
        // this file at the await's line (found from the executable's folder).
        const CsrecTask *caller = r.named(u"caller"_s);
        QVERIFY(caller);
        const QList<CsrecEvent> ca = r.of('A', caller->id);
        QCOMPARE(ca.size(), 1);
        QCOMPARE(ca[0].label, u"helper(std::max(2, int(sizeof(\")\"))))"_s);
    }

    // The last await's label is read from the source while the program exits.
    void labelAtExit()
    {
        const Csrec r
            = parseCsrec(runChild("child-latelabel", m_dir.filePath(u"latelabel.csrec"_s)));
        QVERIFY(r.ended);
        const CsrecTask *late = r.named(u"late"_s);
        QVERIFY(late);
        const QList<CsrecEvent> a = r.of('A', late->id);
        QCOMPARE(a.size(), 2);
        QCOMPARE(a[0].label, u"helper(1)"_s);
        QCOMPARE(a[1].label, u"helper(3)"_s);
    }

    // Where the source file cannot be found (the executable copied elsewhere and started
    // there): the type's label stays.
    void labelWithoutSource()
    {
        // A source path compiled in whole (a build without ccache's base_dir, as CI's) is found
        // from anywhere: there is no "elsewhere" to copy the executable to.
        if (QFileInfo(QStringLiteral(__FILE__)).isAbsolute())
            QSKIP("__FILE__ is absolute in this build: the copied executable still finds it");
        const QString copy = m_dir.filePath(u"elsewhere/probeflood"_s);
        QVERIFY(QDir().mkpath(QFileInfo(copy).path()));
        QVERIFY(QFile::copy(QCoreApplication::applicationFilePath(), copy));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString file = m_dir.filePath(u"nosource.csrec"_s);
        env.insert(u"COROSCOPE_RECORD"_s, u"file:"_s + file);
        process.setProcessEnvironment(env);
        process.setWorkingDirectory(QFileInfo(copy).path());
        process.start(copy, {u"child-edges"_s});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 0);
        const Csrec r = readCsrec(file);
        const CsrecTask *caller = r.named(u"caller"_s);
        QVERIFY(caller);
        const QList<CsrecEvent> ca = r.of('A', caller->id);
        QCOMPARE(ca.size(), 1);
        QCOMPARE(ca[0].label, u"Task"_s);
    }
};

int main(int argc, char *argv[])
{
    if (argc == 3 && std::strcmp(argv[1], "child-flood") == 0) {
        g_floodTasks = std::atoi(argv[2]);
        return flood();
    }
    if (argc == 2 && std::strcmp(argv[1], "child-edges") == 0)
        return edges();
    if (argc == 2 && std::strcmp(argv[1], "child-latelabel") == 0) {
        auto t = lateLabel();
        return 0;
    }
    if (argc == 2 && std::strcmp(argv[1], "child-exit3") == 0) {
        {
            auto c = catcher();
        }
        return 3;
    }
    QCoreApplication app(argc, argv);
    TestProbeFlood test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_probeflood.moc"
