#include "comparedruns.h"

#include "trace/text.h"
#include "trace/vocabulary.h"

#include <QCoreApplication>
#include <QSet>

namespace Coroscope {

using namespace Qt::StringLiterals;

namespace {

// A translation context lupdate can see.
struct ComparedRunsText
{
    Q_DECLARE_TR_FUNCTIONS(ComparedRuns)
};

QString limitText(int value)
{
    return value == 0 ? ComparedRunsText::tr("unlimited") : QString::number(value);
}

QString timeoutText(int ms)
{
    return ms == 0 ? ComparedRunsText::tr("no timeout")
                   : Vocabulary::withUnit(QString::number(ms), Vocabulary::Unit::Milliseconds);
}

// The first URL and how many more: enough to recognise a workload in one line.
QString urlsText(const QStringList &urls)
{
    if (urls.isEmpty())
        return ComparedRunsText::tr("no URL");
    const QString first = printableText(urls.constFirst(), 80);
    return urls.size() == 1
        ? first
        : ComparedRunsText::tr("%1 and %2 more").arg(first).arg(urls.size() - 1);
}

bool sameOrigin(const QUrl &url, const QUrl &base)
{
    const int defaultPort = url.scheme() == u"https" ? 443 : 80;
    return url.scheme() == base.scheme()
        && url.host().compare(base.host(), Qt::CaseInsensitive) == 0
        && url.port(defaultPort) == base.port(defaultPort);
}

// Which of `recorded` the URL pointed at, else -1.
qsizetype embeddedOrigin(const QUrl &url, const QStringList &recorded)
{
    for (qsizetype i = 0; i < recorded.size(); ++i) {
        if (sameOrigin(url, QUrl(recorded.at(i))))
            return i;
    }
    return -1;
}

// The URLs with the embedded server's address replaced by one name: two runs of /delay/1 on
// the embedded server fetched the same thing, whichever port it had that day. The scheme stays
// (TLS costs time: http and https runs are not alike).
QStringList comparableUrls(const QStringList &urls, const QStringList &recorded)
{
    QStringList result;
    for (const QString &text : urls) {
        QUrl url(text);
        if (embeddedOrigin(url, recorded) >= 0) {
            url.setHost(u"embedded-server.invalid"_s);
            url.setPort(-1);
            result.append(url.toString());
        } else {
            result.append(text);
        }
    }
    return result;
}

} // namespace

QStringList embeddedServerAddresses(const QUrl &baseUrl, const QUrl &httpsBaseUrl)
{
    QStringList addresses;
    for (const QUrl &url : {baseUrl, httpsBaseUrl}) {
        const QString text = url.toString();
        if (!url.isEmpty() && !addresses.contains(text))
            addresses.append(text);
    }
    return addresses;
}

QUrl followEmbeddedServer(const QUrl &url, const QStringList &recorded, const QStringList &current)
{
    if (current.isEmpty() || embeddedOrigin(url, recorded) < 0)
        return url;
    QUrl target(current.constFirst());
    for (const QString &address : current) {
        if (QUrl(address).scheme() == url.scheme())
            target = QUrl(address);
    }
    QUrl moved = url;
    moved.setScheme(target.scheme());
    moved.setHost(target.host());
    moved.setPort(target.port());
    return moved;
}

QList<QUrl> followEmbeddedServer(const QList<QUrl> &urls, const QStringList &recorded,
                                 const QStringList &current)
{
    QList<QUrl> result;
    result.reserve(urls.size());
    for (const QUrl &url : urls)
        result.append(followEmbeddedServer(url, recorded, current));
    return result;
}

QList<ComparedRun> comparedRunsOf(const RunRecord &file, const QString &source)
{
    QList<ComparedRun> runs;
    for (const Trace &trace : file.runs) {
        ComparedRun run;
        run.source = source;
        run.spec = file.spec;
        strategyFromName(trace.strategy, &run.spec.strategy);
        run.serverCapacity = file.serverCapacity;
        run.environment = file.environment;
        run.embeddedServer = file.embeddedServer;
        run.trace = trace;
        runs.append(std::move(run));
    }
    return runs;
}

QString uniqueSourceName(const QString &fileName, const QList<ComparedRun> &existing)
{
    const QString base = printableText(fileName, 200);
    QSet<QString> taken;
    for (const ComparedRun &run : existing)
        taken.insert(run.source);
    QString name = base;
    for (int n = 2; taken.contains(name); ++n)
        name = u"%1 (%2)"_s.arg(base).arg(n);
    return name;
}

QStringList comparedSources(const QList<ComparedRun> &runs)
{
    QStringList sources;
    for (const ComparedRun &run : runs) {
        if (!sources.contains(run.source))
            sources.append(run.source);
    }
    return sources;
}

QStringList comparabilityNotes(const RunRecord &reference, const ComparedRun &run,
                               const QString &referenceName)
{
    QStringList notes;
    const auto differs = [&](const QString &theirs, const QString &ours) {
        notes.append(referenceName.isEmpty()
                         ? ComparedRunsText::tr("%1 vs %2 here").arg(theirs, ours)
                         : ComparedRunsText::tr("%1 vs %2 in %3").arg(theirs, ours, referenceName));
    };
    const RunSpec &a = run.spec;
    const RunSpec &b = reference.spec;
    const QStringList theirUrls = run.trace.urls;
    const QStringList ourUrls
        = reference.runs.isEmpty() ? QStringList() : reference.runs.constFirst().urls;
    if (a.tasks != b.tasks)
        differs(ComparedRunsText::tr("%1 tasks").arg(a.tasks), QString::number(b.tasks));
    if (comparableUrls(theirUrls, run.embeddedServer)
        != comparableUrls(ourUrls, reference.embeddedServer))
        differs(ComparedRunsText::tr("URLs %1").arg(urlsText(theirUrls)), urlsText(ourUrls));
    if (a.concurrency != b.concurrency)
        differs(ComparedRunsText::tr("concurrency %1").arg(limitText(a.concurrency)),
                limitText(b.concurrency));
    if (a.connectionsPerHost != b.connectionsPerHost)
        differs(
            ComparedRunsText::tr("connections per host %1").arg(limitText(a.connectionsPerHost)),
            limitText(b.connectionsPerHost));
    if (a.timeoutMs != b.timeoutMs)
        differs(ComparedRunsText::tr("timeout %1").arg(timeoutText(a.timeoutMs)),
                timeoutText(b.timeoutMs));
    // Workers only matter to the threads strategy.
    if (a.strategy == Strategy::Threads && a.workers != b.workers)
        differs(ComparedRunsText::tr("%1 workers").arg(a.workers), QString::number(b.workers));
    if (a.maxBodyBytes != b.maxBodyBytes)
        differs(ComparedRunsText::tr("max body %1 bytes").arg(a.maxBodyBytes),
                QString::number(b.maxBodyBytes));
    if (run.serverCapacity != reference.serverCapacity)
        differs(ComparedRunsText::tr("server capacity %1").arg(limitText(run.serverCapacity)),
                limitText(reference.serverCapacity));
    if (a.insecure != b.insecure)
        differs(a.insecure ? ComparedRunsText::tr("certificates not checked")
                           : ComparedRunsText::tr("certificates checked"),
                b.insecure ? ComparedRunsText::tr("not checked") : ComparedRunsText::tr("checked"));

    // Where it ran: an unknown value (an old or edited file) is no evidence of a difference.
    const RunEnvironment &e = run.environment;
    const RunEnvironment &f = reference.environment;
    const auto known
        = [](const QString &x, const QString &y) { return !x.isEmpty() && !y.isEmpty() && x != y; };
    if (known(e.coroscopeVersion, f.coroscopeVersion))
        differs(ComparedRunsText::tr("Coroscope %1").arg(e.coroscopeVersion), f.coroscopeVersion);
    if (known(e.qtVersion, f.qtVersion))
        differs(ComparedRunsText::tr("Qt %1").arg(e.qtVersion), f.qtVersion);
    if (e.cpuCount > 0 && f.cpuCount > 0 && e.cpuCount != f.cpuCount)
        differs(ComparedRunsText::tr("%1 CPUs").arg(e.cpuCount), QString::number(f.cpuCount));
    if (known(e.os, f.os))
        differs(ComparedRunsText::tr("recorded on %1").arg(e.os), f.os);
    if (known(e.cpuArchitecture, f.cpuArchitecture))
        differs(e.cpuArchitecture, f.cpuArchitecture);
    return notes;
}

QStringList comparabilityWarnings(const RunRecord &record)
{
    if (record.comparedRuns.isEmpty())
        return {};
    RunRecord reference;
    QString referenceName;
    if (!record.runs.isEmpty()) {
        reference = record;
        reference.comparedRuns.clear();
    } else {
        // Only files on screen: the first one is what the others are held against.
        const ComparedRun &first = record.comparedRuns.constFirst();
        reference.spec = first.spec;
        reference.serverCapacity = first.serverCapacity;
        reference.environment = first.environment;
        reference.embeddedServer = first.embeddedServer;
        reference.runs = {first.trace};
        referenceName = first.source;
    }
    QStringList warnings;
    for (const QString &source : comparedSources(record.comparedRuns)) {
        if (source == referenceName)
            continue;
        QStringList notes;
        for (const ComparedRun &run : record.comparedRuns) {
            if (run.source != source)
                continue;
            for (const QString &note : comparabilityNotes(reference, run, referenceName)) {
                if (!notes.contains(note))
                    notes.append(note);
            }
        }
        if (!notes.isEmpty())
            warnings.append(ComparedRunsText::tr("%1: %2").arg(source, notes.join(u"; "_s)));
    }
    return warnings;
}

QString comparedRunLabel(const QString &strategy, const QString &source)
{
    return source.isEmpty() ? strategy : ComparedRunsText::tr("%1 · %2").arg(strategy, source);
}

} // namespace Coroscope
