// A task that awaits others: `main` starts three fetches of different lengths, then awaits each
// one; it is parked on the first while all three run, and wakes as each one ends.
#include "example.h"

#include <coroscope/probe.h>

#include <QCoreApplication>
#include <QCoroNetworkReply>
#include <QCoroTask>

#include <cstdio>

QCoro::Task<int> fetch(QNetworkAccessManager *manager, const char *name, const char *path)
{
    Coroscope::TaskName task(QString::fromUtf8(name));
    QNetworkReply *reply = manager->get(QNetworkRequest(serverUrl(path)));
    co_await Coroscope::traced(reply);
    const int status = statusOf(reply);
    reply->deleteLater();
    co_return status;
}

QCoro::Task<int> gather(QNetworkAccessManager *manager)
{
    Coroscope::TaskName name("main");
    QCoro::Task<int> slow = fetch(manager, "slow", "/delay/2");
    QCoro::Task<int> quick = fetch(manager, "quick", "/delay/1");
    QCoro::Task<int> instant = fetch(manager, "instant", "/get");
    int ok = 0;
    ok += co_await Coroscope::traced(slow) == 200; // by then the other two have ended
    ok += co_await Coroscope::traced(quick) == 200;
    ok += co_await Coroscope::traced(instant) == 200;
    co_return ok;
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QNetworkAccessManager manager;
    const int ok = QCoro::waitFor(gather(&manager));
    std::printf("%d of 3 fetches answered 200\n", ok);
    return ok == 3 ? 0 : 1;
}
