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

int connectionBudget()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1000;
    const qsizetype open = QDir(QStringLiteral("/proc/self/fd")).count();
    const long soft = limit.rlim_cur == RLIM_INFINITY ? 1L << 20 : long(limit.rlim_cur);
    constexpr long Reserve = 256; // files, X11/Wayland, pipes of the GUI and the scheduler
    return int(std::max<long>(6, (soft - long(open) - Reserve) / 3));
}

} // namespace Coroscope
