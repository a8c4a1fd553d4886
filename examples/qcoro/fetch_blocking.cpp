// The same ten fetches with a blocking GET inside the coroutine (Python's `requests.get` in an
// `async def`): each task holds the event loop for its whole request, so they run one after
// another, about ten seconds in all. Coroscope names each long step and the await it followed.
#include "example.h"

#include <coroscope/probe.h>

#include <QCoreApplication>
#include <QCoroTask>
#include <QCoroTimer>

#include <chrono>
#include <cstdio>
#include <vector>

using namespace std::chrono_literals;

QCoro::Task<int> fetch(int i)
{
    Coroscope::TaskName name(QStringLiteral("fetch %1").arg(i));
    // Give the loop back once, as an asyncio task starts later: all ten exist before any runs.
    co_await Coroscope::traced(QCoro::sleepFor(0ms)); // labelled `QCoro::sleepFor(0ms)`
    co_return blockingGet(serverUrl("/delay/1")); // holds the loop for a second
}

QCoro::Task<int> fetchAll()
{
    Coroscope::TaskName name("main");
    std::vector<QCoro::Task<int>> tasks;
    for (int i = 0; i < 10; ++i)
        tasks.push_back(fetch(i));
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
    const int ok = QCoro::waitFor(fetchAll());
    std::printf("%d of 10 fetches answered 200\n", ok);
    return ok == 10 ? 0 : 1;
}
