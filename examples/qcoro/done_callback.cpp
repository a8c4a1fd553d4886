// A done-callback (asyncio's add_done_callback): QCoro's `.then()` calls it when the task has
// ended, with the task's result.
#include "example.h"

#include <coroscope/probe.h>

#include <QCoreApplication>
#include <QCoroNetworkReply>
#include <QCoroTask>

#include <cstdio>

QCoro::Task<int> fetch(QNetworkAccessManager *manager)
{
    Coroscope::TaskName name("fetch");
    QNetworkReply *reply = manager->get(QNetworkRequest(serverUrl("/delay/1")));
    co_await Coroscope::traced(reply);
    const int status = statusOf(reply);
    reply->deleteLater();
    co_return status;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QNetworkAccessManager manager;
    int seen = 0;
    QCoro::waitFor(fetch(&manager).then([&seen](int status) {
        Coroscope::DoneCallback callback("print status");
        std::printf("callback: the fetch answered %d\n", status);
        seen = status;
    }));
    return seen == 200 ? 0 : 1;
}
