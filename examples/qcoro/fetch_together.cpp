// Ten fetches of /delay/1 that wait together: about one second in all, not ten. Each task is
// suspended at its `co_await` while the event loop serves the others.
#include "example.h"

#include <coroscope/probe.h>

#include <QCoreApplication>
#include <QCoroNetworkReply>
#include <QCoroTask>

#include <cstdio>
#include <memory>
#include <vector>

QCoro::Task<int> fetch(QNetworkAccessManager *manager, int i)
{
    Coroscope::TaskName name(QStringLiteral("fetch %1").arg(i));
    QNetworkReply *reply = manager->get(QNetworkRequest(serverUrl("/delay/1")));
    co_await Coroscope::traced(reply);
    const int status = statusOf(reply);
    reply->deleteLater(); // not delete: this runs inside the reply's finished() signal
    co_return status;
}

QCoro::Task<int> fetchAll(std::vector<QNetworkAccessManager *> managers)
{
    Coroscope::TaskName name("main");
    std::vector<QCoro::Task<int>> tasks;
    for (int i = 0; i < 10; ++i)
        tasks.push_back(fetch(managers[i % managers.size()], i));
    int ok = 0;
    for (auto &task : tasks) {
        if (co_await Coroscope::traced(task) == 200)
            ++ok;
    }
    co_return ok;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    // Qt 6.4 opens at most 6 connections per host for one manager: two managers for ten. They
    // outlive the tasks (a task ends inside its reply's signal; its manager must not go there).
    std::vector<std::unique_ptr<QNetworkAccessManager>> owners;
    std::vector<QNetworkAccessManager *> managers;
    for (int i = 0; i < 2; ++i)
        managers.push_back(owners.emplace_back(new QNetworkAccessManager).get());
    const int ok = QCoro::waitFor(fetchAll(managers));
    std::printf("%d of 10 fetches answered 200\n", ok);
    return ok == 10 ? 0 : 1;
}
