#include "trace.h"

namespace Coroscope {

qint64 Trace::lastNs() const
{
    if (endNs >= 0)
        return endNs;
    return events.isEmpty() ? 0 : events.constLast().ns;
}

QString resultName(TaskResult result)
{
    switch (result) {
    case TaskResult::Unfinished:
        return QStringLiteral("unfinished");
    case TaskResult::Ok:
        return QStringLiteral("ok");
    case TaskResult::Error:
        return QStringLiteral("error");
    case TaskResult::Timeout:
        return QStringLiteral("timeout");
    case TaskResult::Cancelled:
        return QStringLiteral("cancelled");
    }
    return {};
}

bool resultFromName(const QString &name, TaskResult *result)
{
    for (auto r : {TaskResult::Unfinished, TaskResult::Ok, TaskResult::Error, TaskResult::Timeout,
                   TaskResult::Cancelled}) {
        if (resultName(r) == name) {
            *result = r;
            return true;
        }
    }
    return false;
}

} // namespace Coroscope
