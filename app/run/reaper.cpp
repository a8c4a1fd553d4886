#include "reaper.h"

#include <QNetworkAccessManager>
#include <QThread>

namespace Coroscope {

namespace {
QThread *reaperThread()
{
    // Never destroyed on purpose: it may still be joining a manager's thread when the process
    // exits, and destroying a running QThread aborts. The OS ends it with the process.
    static QThread *thread = []() {
        auto *t = new QThread;
        t->setObjectName(QStringLiteral("coroscope-reaper"));
        t->start(QThread::LowPriority);
        return t;
    }();
    return thread;
}
} // namespace

void retireManager(QNetworkAccessManager *manager)
{
    if (!manager)
        return;
    manager->moveToThread(reaperThread());
    manager->deleteLater(); // posted to the reaper's loop
}

} // namespace Coroscope
