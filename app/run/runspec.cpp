#include "runspec.h"

#include "trace/text.h"

#include <QCoreApplication>

namespace Coroscope {

QString strategyName(Strategy strategy)
{
    switch (strategy) {
    case Strategy::Async:
        return QStringLiteral("async");
    case Strategy::Sequential:
        return QStringLiteral("sequential");
    case Strategy::Blocking:
        return QStringLiteral("blocking");
    case Strategy::WrappedBlocking:
        return QStringLiteral("wrapped-blocking");
    case Strategy::Threads:
        return QStringLiteral("threads");
    }
    return {};
}

QList<Strategy> allStrategies()
{
    return {Strategy::Async, Strategy::Sequential, Strategy::Blocking, Strategy::WrappedBlocking,
            Strategy::Threads};
}

bool strategyFromName(const QString &name, Strategy *strategy)
{
    for (Strategy s : allStrategies()) {
        if (strategyName(s) == name) {
            *strategy = s;
            return true;
        }
    }
    return false;
}

QString checkUrl(const QString &text, QUrl *url)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return QCoreApplication::translate("Coroscope", "empty URL");
    const QUrl parsed(trimmed, QUrl::StrictMode);
    if (!parsed.isValid())
        return QCoreApplication::translate("Coroscope", "\"%1\" is not a valid URL: %2")
            .arg(trimmed, parsed.errorString());
    const QString scheme = parsed.scheme().toLower();
    if (scheme.isEmpty())
        return QCoreApplication::translate("Coroscope",
                                           "\"%1\" has no scheme; write http:// or https://")
            .arg(trimmed);
    // QNAM would happily read file:, qrc: and data: URLs: only the network is under study.
    if (scheme != u"http" && scheme != u"https")
        return QCoreApplication::translate("Coroscope",
                                           "\"%1\" uses %2:, only http and https are supported")
            .arg(trimmed, scheme);
    if (parsed.host().isEmpty())
        return QCoreApplication::translate("Coroscope", "\"%1\" has no host").arg(trimmed);
    if (url)
        *url = parsed;
    return {};
}

QString RunSpec::validate() const
{
    if (urls.isEmpty())
        return QCoreApplication::translate("Coroscope", "no URL to fetch");
    for (const QUrl &url : urls) {
        const QString error = checkUrl(url.toString());
        if (!error.isEmpty())
            return error;
    }
    if (tasks < 1 || tasks > MaxTasks)
        return QCoreApplication::translate("Coroscope", "task count %1 is outside 1-%2")
            .arg(tasks)
            .arg(MaxTasks);
    if (concurrency < 0)
        return QCoreApplication::translate("Coroscope", "concurrency %1 is negative")
            .arg(concurrency);
    if (connectionsPerHost < 0)
        return QCoreApplication::translate("Coroscope", "connections per host %1 is negative")
            .arg(connectionsPerHost);
    if (timeoutMs < 0)
        return QCoreApplication::translate("Coroscope", "timeout %1 ms is negative").arg(timeoutMs);
    if (workers < 1 || workers > 1000)
        return QCoreApplication::translate("Coroscope", "worker count %1 is outside 1-1000")
            .arg(workers);
    return {};
}

QList<quint32> RunSpec::taskUrls() const
{
    QList<quint32> result;
    result.reserve(tasks);
    for (int i = 0; i < tasks; ++i)
        result.append(quint32(urls.isEmpty() ? 0 : i % urls.size()));
    return result;
}

QStringList RunSpec::urlStrings() const
{
    QStringList result;
    for (const QUrl &url : urls)
        result.append(url.toString());
    return result;
}

QStringList RunSpec::displayUrlStrings() const
{
    // As traced, shown and exported: a password in a URL never leaves the request itself.
    QStringList result;
    for (const QUrl &url : urls)
        result.append(displayUrl(url));
    return result;
}

} // namespace Coroscope
