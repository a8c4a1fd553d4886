// The probe's cost (recorders/probe), printed with its baseline from the same run:
//  - ns (of the thread's CPU time) per traced co_await, recording and with no Coroscope listening
//  (COROSCOPE_RECORD unset),
//    against the same co_await untraced (targets: <= 100 ns recording, <= 5 ns not);
//  - a QCoro program of 100,000 traced awaits (100 tasks x 1,000 QCoro::sleepFor(0)) recorded
//    vs not: the wall ratio (target <= 1.1).
// The probe reads COROSCOPE_RECORD before main, so each measurement runs in a child process of
// this program; not recorded and recorded alternate, each repeated (default 7), and the medians
// are printed with the machine's load average. With a coroscope executable, the example is also
// recorded live by it (its reader shares the cores). Usage: bench_probe [repeats [coroscope]]
#include <coroscope/probe.h>

#include <QCoreApplication>
#include <QCoroTimer>
#include <QDir>
#include <QFile>
#include <QProcess>

#include <algorithm>
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
    // Warm up, a whole batch: the chunks a batch needs are touched once here and reused after
    // (the steady cost per await, not the first touch of its memory).
    plainAwaits(10'000), tracedAwaits(10'000);
    Coroscope::flushProbe();
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

// The example recorded live by Coroscope (`coroscope --headless --record -- self example`): the
// reader decodes on the same two cores. The example's own line arrives on coroscope's stderr.
QByteArray viaCoroscope(const char *coroscope, const char *self)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("COROSCOPE_RECORD"));
    process.setProcessEnvironment(env);
    process.start(QString::fromLocal8Bit(coroscope),
                  {QStringLiteral("--headless"), QStringLiteral("--port"), QStringLiteral("0"),
                   QStringLiteral("--record"), QStringLiteral("--"), QString::fromLocal8Bit(self),
                   QStringLiteral("example")});
    process.waitForFinished(-1);
    for (const QByteArray &line : process.readAllStandardError().split('\n')) {
        double ms, cpu;
        unsigned long long d;
        if (std::sscanf(line.constData(), "%lf %llu %lf", &ms, &d, &cpu) == 3)
            return line;
    }
    return {};
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double minimum(const std::vector<double> &v)
{
    return v.empty() ? 0 : *std::min_element(v.begin(), v.end());
}

// `uptime`'s load averages: how busy the shared machine was around the figures.
QByteArray loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QByteArrayLiteral("?");
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.size() >= 3 ? fields[0] + ' ' + fields[1] + ' ' + fields[2] : QByteArray("?");
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 2 && std::strcmp(argv[1], "micro") == 0)
        return micro();
    if (argc == 2 && std::strcmp(argv[1], "example") == 0)
        return exampleRun(argc, argv);
    const int repeats = argc > 1 ? std::max(1, std::atoi(argv[1])) : 7;
    const char *coroscope = argc > 2 ? argv[2] : nullptr; // e.g. build/app/coroscope

    // Not recorded and recorded alternate, so that both meet the same load (other programs share
    // the cores); medians, not minima, over the repetitions.
    const QByteArray loadBefore = loadAverage();
    std::vector<double> plainOff, tracedOff, plainOn, tracedOn;
    std::vector<double> wallOff, wallOn, cpuOff, cpuOn, pairRatios, wallLive, liveRatios;
    unsigned long long droppedMicro = 0, droppedExample = 0;
    for (int r = 0; r < repeats; ++r) {
        double p, t;
        unsigned long long d;
        if (std::sscanf(child(argv[0], "micro", false).constData(), "%lf %lf %llu", &p, &t, &d)
            == 3)
            plainOff.push_back(p), tracedOff.push_back(t);
        if (std::sscanf(child(argv[0], "micro", true).constData(), "%lf %lf %llu", &p, &t, &d) == 3)
            plainOn.push_back(p), tracedOn.push_back(t), droppedMicro += d;
        double msOff = 0, msOn = 0, cpu;
        if (std::sscanf(child(argv[0], "example", false).constData(), "%lf %llu %lf", &msOff, &d,
                        &cpu)
            == 3)
            wallOff.push_back(msOff), cpuOff.push_back(cpu);
        if (std::sscanf(child(argv[0], "example", true).constData(), "%lf %llu %lf", &msOn, &d,
                        &cpu)
            == 3)
            wallOn.push_back(msOn), cpuOn.push_back(cpu), droppedExample += d;
        if (msOff > 0 && msOn > 0)
            pairRatios.push_back(msOn / msOff);
        double msLive = 0;
        if (coroscope
            && std::sscanf(viaCoroscope(coroscope, argv[0]).constData(), "%lf %llu %lf", &msLive,
                           &d, &cpu)
                == 3) {
            wallLive.push_back(msLive);
            if (msOff > 0)
                liveRatios.push_back(msLive / msOff);
        }
    }
    std::printf("load average (1, 5, 15 min) before: %s, after: %s; %d repetitions, medians\n",
                loadBefore.constData(), loadAverage().constData(), repeats);
    std::printf("traced co_await, no listener: %.2f ns (untraced %.2f ns): probe cost %.2f ns "
                "(target <= 5)\n",
                median(tracedOff), median(plainOff), median(tracedOff) - median(plainOff));
    std::printf("traced co_await, recording:   %.2f ns (untraced %.2f ns): probe cost %.2f ns "
                "(target <= 100), %llu dropped\n",
                median(tracedOn), median(plainOn), median(tracedOn) - median(plainOn),
                droppedMicro);
    std::printf("100,000 traced awaits (100 tasks x 1,000 sleepFor(0)), wall: not recorded %.1f ms "
                "(min %.1f), recorded %.1f ms (min %.1f): ratio of medians %.3f, median of "
                "paired ratios %.3f (target <= 1.1), %llu dropped\n",
                median(wallOff), minimum(wallOff), median(wallOn), minimum(wallOn),
                median(wallOn) / median(wallOff), median(pairRatios), droppedExample);
    std::printf("  the same, process CPU time (writer thread included): not recorded %.1f ms, "
                "recorded %.1f ms: ratio %.3f\n",
                median(cpuOff), median(cpuOn), median(cpuOn) / median(cpuOff));
    if (coroscope)
        std::printf("  the same recorded live by %s --headless --record: %.1f ms (min %.1f): "
                    "median of paired ratios %.3f\n",
                    coroscope, median(wallLive), minimum(wallLive), median(liveRatios));
    return 0;
}
