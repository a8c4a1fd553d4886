// What the examples share: the server they fetch from and a blocking GET.
#pragma once

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QThread>
#include <QUrl>

#include <cstdlib>

// COROSCOPE_SERVER is set by Coroscope for the programs it records (its embedded test server).
inline QUrl serverUrl(const char *path)
{
    const char *server = std::getenv("COROSCOPE_SERVER");
    return QUrl(QString::fromUtf8(server && *server ? server : "http://127.0.0.1:8080")
                + QString::fromUtf8(path));
}

inline int statusOf(QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

// Python's requests.get: the calling thread waits until the response is in, doing nothing else
// (the request runs on a helper thread with its own manager and loop).
inline int blockingGet(const QUrl &url)
{
    int status = 0;
    QThread *thread = QThread::create([url, &status] {
        QNetworkAccessManager manager;
        QNetworkReply *reply = manager.get(QNetworkRequest(url));
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        status = statusOf(reply);
        delete reply;
    });
    thread->start();
    thread->wait();
    delete thread;
    return status;
}
