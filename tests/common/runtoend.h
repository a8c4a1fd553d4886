#pragma once

#include "run/run.h"
#include "server/testserver.h"

#include <QSignalSpy>
#include <QString>
#include <QUrl>

// Shared by the tests that run real workloads against the embedded server.
namespace CoroscopeTest {

// Runs `spec` on its own scheduler thread to its end (bounded) and returns its trace.
inline Coroscope::Trace runToEnd(const Coroscope::RunSpec &spec, int timeoutMs = 30000)
{
    Coroscope::Run run(spec);
    QSignalSpy finished(&run, &Coroscope::Run::finished);
    run.start();
    if (!finished.wait(timeoutMs))
        qWarning("run did not finish in time");
    return run.snapshot();
}

// `tasks` x `path` (e.g. "/delay/1") on `server`, async, `perHost` connections per host.
inline Coroscope::RunSpec specOn(const Coroscope::TestServer &server, const QString &path,
                                 int tasks, int perHost = 0)
{
    Coroscope::RunSpec spec;
    QUrl url = server.baseUrl();
    url.setPath(path);
    spec.urls = {url};
    spec.tasks = tasks;
    spec.connectionsPerHost = perHost;
    return spec;
}

} // namespace CoroscopeTest
