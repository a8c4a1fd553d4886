#include "resourcelimits.h"

#include <QDir>

#include <algorithm>

#include <sys/resource.h>

namespace Coroscope {

long raiseFileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return long(limit.rlim_cur);
}

long fileLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return -1;
    return limit.rlim_cur == RLIM_INFINITY ? 1L << 20 : long(limit.rlim_cur);
}

namespace {
// Descriptors still free for a run.
long freeDescriptors()
{
    const long soft = fileLimit();
    if (soft < 0)
        return 3000;
    const qsizetype open = QDir(QStringLiteral("/proc/self/fd")).count();
    constexpr long Reserve = 256; // files, X11/Wayland, pipes of the GUI and the scheduler
    return std::max<long>(0, soft - long(open) - Reserve);
}
} // namespace

int connectionBudget()
{
    // Two per loopback connection (client and embedded server), plus a thread's wake-up
    // descriptor per network manager (one per ConnectionPool::LanesPerManager * 6 = 126
    // connections): 2 + 1/126 each, rounded to 2.02.
    return int(std::max<long>(6, freeDescriptors() * 100 / 202));
}

int workerBudget()
{
    // A worker: its event loop's wake-up descriptor, its manager thread's, and a loopback
    // connection (two), with one to spare.
    constexpr long PerWorker = 5;
    return int(std::max<long>(1, freeDescriptors() / PerWorker));
}

} // namespace Coroscope
