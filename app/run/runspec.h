#pragma once

#include "trace/trace.h"

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace Coroscope {

enum class Strategy { Async, Sequential, Blocking, WrappedBlocking, Threads };

QString strategyName(Strategy strategy);
bool strategyFromName(const QString &name, Strategy *strategy);
QList<Strategy> allStrategies();

// What to run. Plain data: built by the GUI's run panel or the command line.
struct RunSpec
{
    static constexpr int MaxTasks = 100000;

    QList<QUrl> urls;
    int tasks = 10;
    Strategy strategy = Strategy::Async;
    int concurrency = 0; // max tasks in flight, 0 = unlimited
    int connectionsPerHost = 0; // 0 = unlimited
    int timeoutMs = 30000; // per request, 0 = none
    int workers = 8; // threads strategy
    // Body bytes a response may have; past it the task ends `error` and the transfer stops.
    // Bodies are counted, never kept, so this bounds time and bandwidth, not memory.
    qint64 maxBodyBytes = qint64(1) << 30;
    bool lagProbe = true; // time a 10 ms timer on the scheduler loop
    // https: certificates trusted besides the system's (the embedded server's, --ca-file).
    QList<QSslCertificate> caCertificates;
    // https: accept any certificate (--insecure). Shown wherever the run's results are.
    bool insecure = false;
    // Fetch each distinct URL once, alone, before the workload: the baseline of the speed-up
    // (Trace::probes). On by default in the window (its check box) and on the command line
    // (--no-alone-measurement turns it off); off for a spec built in code unless asked for.
    bool measureAlone = false;
    // Already measured for this workload (a Compare's first run): recorded again, not refetched.
    QList<UrlProbe> knownProbes;

    // Empty when the spec can run, else a sentence naming the bad value.
    QString validate() const;
    // Which URL (index into urls) each task fetches: round-robin.
    QList<quint32> taskUrls() const;
    QStringList urlStrings() const;
    QStringList displayUrlStrings() const; // passwords shown as ***
};

// Parses one line of user input into an http(s) URL. Returns an empty string and sets *url on
// success, else a sentence naming the URL and what is wrong with it.
QString checkUrl(const QString &text, QUrl *url = nullptr);

} // namespace Coroscope
