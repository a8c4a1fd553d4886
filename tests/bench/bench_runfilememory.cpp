// Memory that opening a run file costs, against the file's size (issue 18.8): hostile files
// built as dense as the reader accepts, and any real files given, each decoded in a child
// process whose peak RSS growth is printed beside the file's and the decoded body's sizes.
//   bench_runfilememory [FILE...]
#include "io/runfile.h"
#include "io/runfilebinary_p.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Coroscope;
using namespace Coroscope::RunFileBinary;
using namespace Qt::StringLiterals;

namespace {

QByteArray fileOf(const QJsonObject &header, const QByteArray &body)
{
    QByteArray compressed = qCompress(body, 9).mid(4);
    QJsonObject h = header;
    h.insert(u"body"_s,
             QJsonObject{{u"encoding"_s, u"zlib"_s},
                         {u"compressed"_s, double(compressed.size())},
                         {u"size"_s, double(body.size())}});
    return "COROSCOPE-RUN 1.0 0.1.0\n" + QJsonDocument(h).toJson(QJsonDocument::Compact) + '\n'
        + compressed;
}

QJsonObject specJson(int tasks)
{
    return QJsonObject{{u"tasks"_s, tasks},           {u"strategy"_s, u"async"_s},
                       {u"concurrency"_s, 0},         {u"connections_per_host"_s, 0},
                       {u"timeout_ms"_s, 0},          {u"workers"_s, 8},
                       {u"max_body_bytes"_s, 1024.0}, {u"server_capacity"_s, 0}};
}

// `strings` distinct texts; one run of `tasks` identical rows, each created once at 0 ns.
QByteArray denseFile(int strings, int tasks)
{
    QByteArray table;
    {
        Writer w(&table);
        w.varint(quint64(strings));
        w.bytes({});
        w.bytes("async");
        w.bytes("http://x/");
        for (int i = 3; i < strings; ++i)
            w.bytes(QByteArray::number(i, 36));
    }
    QByteArray run;
    {
        Writer w(&run);
        w.varint(1);
        for (int i = 0; i < 7; ++i)
            w.zigzag(0);
        w.zigzag(100);
        w.zigzag(1);
        w.zigzag(0);
        w.varint(1);
        w.varint(2);
        w.varint(1);
        w.varint(0);
        w.varint(quint64(tasks));
        for (int t = 0; t < tasks; ++t) {
            w.varint(0);
            w.u8(0);
            w.zigzag(-1);
            w.u8(0);
            w.zigzag(0);
            w.zigzag(0);
            for (int i = 0; i < 5; ++i)
                w.zigzag(-1);
            for (int i = 0; i < 5; ++i)
                w.varint(0);
        }
        w.varint(quint64(tasks));
        for (int t = 0; t < tasks; ++t)
            w.zigzag(0);
        for (int t = 0; t < tasks; ++t)
            w.u8(quint8(EventKind::Created));
        for (int t = 0; t < tasks; ++t)
            w.varint(quint64(t) + 1);
        for (int c = 0; c < 2; ++c) {
            for (int t = 0; t < tasks; ++t)
                w.varint(0);
        }
    }
    QByteArray body;
    appendSection(&body, StringsTag, table);
    appendSection(&body, RunTag, run);
    return fileOf(
        QJsonObject{{u"spec"_s, specJson(tasks)},
                    {u"runs"_s,
                     QJsonArray{QJsonObject{
                         {u"strategy"_s, u"async"_s}, {u"tasks"_s, tasks}, {u"events"_s, tasks}}}}},
        body);
}

long maxRssKb()
{
    rusage usage = {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void measure(const char *name, const QByteArray &file)
{
    std::fflush(stdout);
    const pid_t child = fork();
    if (child == 0) {
        const long before = maxRssKb();
        RunRecord record;
        QString reason;
        const RunFile::Error error = decodeRunFile(file, &record, &reason);
        const long grown = maxRssKb() - before;
        const qsizetype bodyAt = file.indexOf("\"size\":");
        const double body = bodyAt < 0
            ? 0
            : file.mid(bodyAt + 7, 12).split(',').value(0).split('}').value(0).toDouble();
        std::printf("%-34s file %9lld B  body %10.0f B  peak RSS +%7ld KB  = %6.1f x file  %s\n",
                    name, qint64(file.size()), body, grown, grown * 1024.0 / file.size(),
                    error == RunFile::Error::None ? "opened"
                                                  : qPrintable(u"refused: "_s + reason.left(70)));
        std::fflush(stdout);
        _exit(0);
    }
    int status = 0;
    waitpid(child, &status, 0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    // The densest the reader takes: below 1 MiB of body any expansion, beyond it 64 x.
    measure("100,000 distinct strings", denseFile(100000, 1));
    measure("40,000 tasks, each created", denseFile(3, 40000));
    measure("100,000 tasks, each created", denseFile(3, 100000));
    for (int i = 1; i < argc; ++i) {
        QFile f(QString::fromLocal8Bit(argv[i]));
        if (f.open(QIODevice::ReadOnly))
            measure(argv[i], f.readAll());
    }
    return 0;
}
