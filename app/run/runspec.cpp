#include "runspec.h"

#include "trace/strategynames.h"
#include "trace/text.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Coroscope {

QString strategyName(Strategy strategy)
{
    switch (strategy) {
    case Strategy::Async:
        return StrategyNames::Async;
    case Strategy::Sequential:
        return StrategyNames::Sequential;
    case Strategy::Blocking:
        return StrategyNames::Blocking;
    case Strategy::WrappedBlocking:
        return StrategyNames::WrappedBlocking;
    case Strategy::Threads:
        return StrategyNames::Threads;
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

namespace {
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Coroscope)
};

// Characters a browser's address bar accepts and percent-encodes itself (WHATWG URL's
// path/query percent-encode sets); Qt's strict parser rejects them.
QString encodeBrowserTolerated(const QString &text, qsizetype from)
{
    QString out = text.left(from);
    for (qsizetype i = from; i < text.size(); ++i) {
        const QChar c = text.at(i);
        switch (c.unicode()) {
        case '"':
            out += QLatin1String("%22");
            break;
        case '<':
            out += QLatin1String("%3C");
            break;
        case '>':
            out += QLatin1String("%3E");
            break;
        case '`':
            out += QLatin1String("%60");
            break;
        case '{':
            out += QLatin1String("%7B");
            break;
        case '}':
            out += QLatin1String("%7D");
            break;
        case '|':
            out += QLatin1String("%7C");
            break;
        case '^':
            out += QLatin1String("%5E");
            break;
        default:
            out += c;
        }
    }
    return out;
}

// The authority's problems in words, before Qt's parser would describe them in its own terms.
QString checkAuthority(QStringView authority)
{
    if (authority.isEmpty())
        return Tr::tr("the URL has no host");
    QStringView hostPort = authority.sliced(authority.lastIndexOf(u'@') + 1);
    QStringView port;
    if (hostPort.startsWith(u'[')) {
        const qsizetype close = hostPort.indexOf(u']');
        if (close < 0)
            return Tr::tr("unterminated IPv6 address (a ']' is missing)");
        const QStringView rest = hostPort.sliced(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(u':'))
            return Tr::tr("unexpected text after the IPv6 address");
        port = rest.isEmpty() ? QStringView() : rest.sliced(1);
        if (close == 1)
            return Tr::tr("the URL has no host");
    } else {
        const qsizetype colon = hostPort.lastIndexOf(u':');
        const QStringView host = colon < 0 ? hostPort : hostPort.first(colon);
        if (host.isEmpty())
            return Tr::tr("the URL has no host");
        for (const QChar c : host) {
            const bool allowed = c.unicode() >= 128 || c.isLetterOrNumber() || c == u'-'
                || c == u'.' || c == u'_' || c == u'~' || c == u'%';
            if (!allowed)
                return Tr::tr("a host name cannot contain '%1'").arg(c);
        }
        if (colon >= 0)
            port = hostPort.sliced(colon + 1);
    }
    if (!port.isEmpty()) {
        bool digits = port.size() <= 9;
        for (const QChar c : port)
            digits = digits && c >= u'0' && c <= u'9';
        if (!digits)
            return Tr::tr("the port \"%1\" is not a number").arg(port.left(20));
        const int number = port.toInt();
        if (number < 1 || number > 65535)
            return Tr::tr("port %1 is outside 1-65535").arg(number);
    }
    return {};
}
} // namespace

QString checkUrl(const QString &text, QUrl *url)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return Tr::tr("empty URL");
    for (const QChar c : trimmed) {
        if (c.isSpace())
            return Tr::tr("a URL cannot contain spaces (write %20 for one)");
    }
    // scheme ":" as RFC 3986 spells a scheme; without one Qt would take it all for a path.
    qsizetype colon = trimmed.indexOf(u':');
    bool hasScheme = colon > 0 && trimmed.at(0).isLetter() && trimmed.at(0).unicode() < 128;
    for (qsizetype i = 1; hasScheme && i < colon; ++i) {
        const QChar c = trimmed.at(i);
        hasScheme
            = c.unicode() < 128 && (c.isLetterOrNumber() || c == u'+' || c == u'-' || c == u'.');
    }
    // "localhost:8765/x" reads as scheme "localhost" to a parser, never to a person.
    if (!hasScheme || (colon + 1 < trimmed.size() && trimmed.at(colon + 1).isDigit()))
        return Tr::tr("\"%1\" has no scheme; write http:// or https://").arg(trimmed.left(200));
    const QString scheme = trimmed.first(colon).toLower();
    // QNAM would happily read file:, qrc: and data: URLs: only the network is under study.
    if (scheme != u"http" && scheme != u"https")
        return Tr::tr("\"%1\" uses %2:, only http and https are supported")
            .arg(trimmed.left(200), scheme);
    if (!QStringView(trimmed).sliced(colon + 1).startsWith(u"//"))
        return Tr::tr("write %1:// before the host").arg(scheme);
    const qsizetype authorityStart = colon + 3;
    qsizetype authorityEnd = authorityStart;
    while (authorityEnd < trimmed.size() && trimmed.at(authorityEnd) != u'/'
           && trimmed.at(authorityEnd) != u'?' && trimmed.at(authorityEnd) != u'#')
        ++authorityEnd;
    if (const QString problem = checkAuthority(
            QStringView(trimmed).sliced(authorityStart, authorityEnd - authorityStart));
        !problem.isEmpty())
        return problem;
    const QUrl parsed(encodeBrowserTolerated(trimmed, authorityEnd), QUrl::StrictMode);
    if (!parsed.isValid() || parsed.host().isEmpty()) {
        // Qt says which character it refused ("Invalid hostname (character '_' not
        // permitted)"); the sentence names it without the rest of the parser's report.
        const QString qtError = parsed.errorString();
        static const QRegularExpression refused(QStringLiteral("character '(.+?)' not permitted"));
        const QRegularExpressionMatch m = refused.match(qtError);
        const bool inHost = qtError.contains(QLatin1String("hostname"), Qt::CaseInsensitive);
        if (m.hasMatch() && m.captured(1) == u"%"_s)
            return Tr::tr("a '%' must start a %XX escape (write %25 for a percent sign)");
        if (m.hasMatch())
            return inHost ? Tr::tr("a host name cannot contain '%1'").arg(m.captured(1))
                          : Tr::tr("a URL cannot contain '%1' there").arg(m.captured(1));
        return inHost ? Tr::tr("the host name is not valid") : Tr::tr("this is not a valid URL");
    }
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
