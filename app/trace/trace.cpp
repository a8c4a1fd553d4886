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
    if (id == MoreLabels && text == u"… more await sites")
        return QCoreApplication::translate("Coroscope::Trace", "… more await sites");
    return text;
}

QString Trace::taskTitle(quint32 task) const
{
    const TaskInfo &info = tasks.at(task);
    if (!info.name.isEmpty())
        return info.name;
    return urls.value(info.urlIndex);
}

QString programEndName(ProgramEnd end)
{
    switch (end) {
    case ProgramEnd::Running:
        return QStringLiteral("running");
    case ProgramEnd::Exited:
        return QStringLiteral("exit");
    case ProgramEnd::Signalled:
        return QStringLiteral("signal");
    case ProgramEnd::RecorderFailed:
        return QStringLiteral("recorder error");
    case ProgramEnd::Cut:
        return QStringLiteral("cut");
    case ProgramEnd::FailedToStart:
        return QStringLiteral("failed to start");
    }
    return {};
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
