#include "trace.h"

#include <QCoreApplication>

namespace Coroscope {

qint64 Trace::lastNs() const
{
    if (endNs >= 0)
        return endNs;
    return events.isEmpty() ? 0 : events.constLast().ns;
}

QString Trace::labelText(quint16 id) const
{
    const QString text = label(id);
    if (text == u"read the reply")
        return QCoreApplication::translate("Coroscope::Trace", "read the reply");
    if (text == u"blocking fetch")
        return QCoreApplication::translate("Coroscope::Trace", "blocking fetch");
    return text;
}

bool isReplyAwait(const QString &label)
{
    return label == u"await reply" || label.startsWith(u"await reply (");
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
