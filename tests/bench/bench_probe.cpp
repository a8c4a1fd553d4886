// The probe's cost (recorders/probe), printed with its baseline from the same run:
//  - ns (of the thread's CPU time) per traced co_await, recording and with no Coroscope listening
//  (COROSCOPE_RECORD unset),
//    against the same co_await untraced (targets: <= 100 ns recording, <= 5 ns not);
//  - a QCoro program of 100,000 traced awaits (100 tasks x 1,000 QCoro::sleepFor(0)) recorded
//    vs not: the wall ratio (target <= 1.1).
// The probe reads COROSCOPE_RECORD before main, so each measurement runs in a child process of
// this program; each is repeated and the best time kept. Usage: bench_probe [repeats]
#include <coroscope/probe.h>

#include <QCoreApplication>
#include <QCoroTimer>
#include <QDir>
#include <QProcess>

#include <chrono>
#include <coroutine>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <sys/resource.h>
#include <vector>

using namespace std::chrono_literals;

namespace {

struct Yield
{ // a real suspension, resumed at once: the await itself costs a few ns
    bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<>) const noexcept { return false; }
    void await_resume() const noexcept { }
};

QCoro::Task<> plainAwaits(int n)
{
    Coroscope::TaskName name("plain");
    Yield yield;
    for (int i = 0; i < n; ++i)
        co_await yield;
}

QCoro::Task<> tracedAwaits(int n)
{
    Coroscope::TaskName name("traced");
    Yield yield;
    for (int i = 0; i < n; ++i)
        co_await Coroscope::traced(yield);
}

double nowNs()
{
    return double(std::chrono::steady_clock::now().time_since_epoch().count());
}

// The calling thread's CPU time: the machine may be shared, and a descheduled thread's wall
// time says nothing about what an await costs.
double threadCpuNs()
{
    timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

// Batches of 10,000 awaits (20,000 records, within one thread's ring), the writer flushed
// between batches outside the timing: the cost of recording, not of dropping.
template<typename Body> double nsPerAwait(Body body)
{
    constexpr int Batch = 10'000, Batches = 20;
    double total = 0;
    for (int b = 0; b < Batches; ++b) {
        const double t0 = threadCpuNs();
        body(Batch);
        total += threadCpuNs() - t0;
        Coroscope::flushProbe();
    }
    return total / (double(Batch) * Batches);
}

int micro()
{
    plainAwaits(1000), tracedAwaits(1000); // warm up
    const double plain = nsPerAwait([](int n) { plainAwaits(n); });
    const double traced = nsPerAwait([](int n) { tracedAwaits(n); });
    const Coroscope::ProbeFigures f = Coroscope::probeFigures();
    std::printf("%.2f %.2f %llu\n", plain, traced, (unsigned long long)f.dropped);
    return 0;
}

QCoro::Task<> sleeper(int awaits)
{
    Coroscope::TaskName name("sleeper");
    for (int i = 0; i < awaits; ++i)
        co_await Coroscope::traced(QCoro::sleepFor(0ms), "sleepFor");
}

QCoro::Task<> example()
{
    Coroscope::TaskName name("main");
    std::vector<QCoro::Task<>> tasks;
    for (int i = 0; i < 100; ++i)
        tasks.push_back(sleeper(1000));
    for (auto &task : tasks)
        co_await Coroscope::traced(task);
}

int exampleRun(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const double t0 = nowNs();
    QCoro::waitFor(example());
    const double ms = (nowNs() - t0) / 1e6;
    Coroscope::flushProbe(); // the writer's share of the work, counted in the CPU time
    rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    const double cpuMs = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
    const Coroscope::ProbeFigures f = Coroscope::probeFigures();
    std::printf("%.1f %llu %.1f\n", ms, (unsigned long long)f.dropped, cpuMs);
    return 0;
}

QByteArray child(const char *self, const char *mode, bool record)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("COROSCOPE_RECORD"));
    if (record)
        env.insert(QStringLiteral("COROSCOPE_RECORD"),
                   QStringLiteral("file:")
                       + QDir::temp().filePath(QStringLiteral("bench_probe.csrec")));
    process.setProcessEnvironment(env);
    process.start(QString::fromLocal8Bit(self), {QString::fromLatin1(mode)});
    process.waitForFinished(-1);
    return process.readAllStandardOutput().trimmed();
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 2 && std::strcmp(argv[1], "micro") == 0)
        return micro();
    if (argc == 2 && std::strcmp(argv[1], "example") == 0)
        return exampleRun(argc, argv);
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 3;

    double plainOff = 1e18, tracedOff = 1e18, plainOn = 1e18, tracedOn = 1e18;
    unsigned long long droppedMicro = 0;
    double wallOff = 1e18, wallOn = 1e18, cpuOff = 1e18, cpuOn = 1e18;
    unsigned long long droppedExample = 0;
    for (int r = 0; r < repeats; ++r) {
        double p, t;
        unsigned long long d;
        if (std::sscanf(child(argv[0], "micro", false).constData(), "%lf %lf %llu", &p, &t, &d)
            == 3)
            plainOff = std::min(plainOff, p), tracedOff = std::min(tracedOff, t);
        if (std::sscanf(child(argv[0], "micro", true).constData(), "%lf %lf %llu", &p, &t, &d) == 3)
            plainOn = std::min(plainOn, p), tracedOn = std::min(tracedOn, t), droppedMicro += d;
        double ms, cpu;
        if (std::sscanf(child(argv[0], "example", false).constData(), "%lf %llu %lf", &ms, &d, &cpu)
            == 3)
            wallOff = std::min(wallOff, ms), cpuOff = std::min(cpuOff, cpu);
        if (std::sscanf(child(argv[0], "example", true).constData(), "%lf %llu %lf", &ms, &d, &cpu)
            == 3)
            wallOn = std::min(wallOn, ms), cpuOn = std::min(cpuOn, cpu), droppedExample += d;
    }
    std::printf("traced co_await, no listener: %.2f ns (untraced %.2f ns): probe cost %.2f ns "
                "(target <= 5)\n",
                tracedOff, plainOff, tracedOff - plainOff);
    std::printf("traced co_await, recording:   %.2f ns (untraced %.2f ns): probe cost %.2f ns "
                "(target <= 100), %llu dropped\n",
                tracedOn, plainOn, tracedOn - plainOn, droppedMicro);
    std::printf("100,000 traced awaits (100 tasks x 1,000 sleepFor(0)): not recorded %.1f ms, "
                "recorded %.1f ms: ratio %.3f (target <= 1.1), %llu dropped\n",
                wallOff, wallOn, wallOn / wallOff, droppedExample);
    std::printf("  the same, process CPU time (writer thread included): not recorded %.1f ms, "
                "recorded %.1f ms: ratio %.3f\n",
                cpuOff, cpuOn, cpuOn / cpuOff);
    return 0;
}
