// A small reading of a csrec stream (recorders/FORMAT.md) for the probe's tests: enough to
// assert on what a recorder wrote, independent of Coroscope's own reader.
#pragma once

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QList>
#include <QString>

namespace CoroscopeTest {

struct CsrecTask
{
    quint64 id = 0;
    quint64 parent = 0;
    quint64 lane = 0;
    QString name;
    QString coro;
    QString site;
    quint64 created = 0;
    quint64 ended = 0; // 0: no D record
    QString result;
    QString error;
};

struct CsrecEvent
{
    char kind = 0; // A, R, H, C, I, B
    quint64 t = 0;
    quint64 task = 0;
    quint64 lane = 0;
    quint64 other = 0; // A: awaited task, R: waker, H and C: duration
    QString label; // A: label, C: callback
    QString site; // A, H
};

struct Csrec
{
    QList<QByteArray> header;
    QHash<quint64, QString> strings;
    QHash<quint64, QString> lanes;
    QList<CsrecTask> tasks; // in creation order
    QHash<quint64, qsizetype> taskIndex;
    QList<CsrecEvent> events;
    qsizetype records = 0; // lines after the header
    qsizetype damaged = 0;
    quint64 zRecorded = 0, zDropped = 0;
    bool ended = false; // an E record
    QString endHow;
    int endStatus = -1;

    const CsrecTask *task(quint64 id) const
    {
        auto it = taskIndex.constFind(id);
        return it == taskIndex.constEnd() ? nullptr : &tasks[*it];
    }
    const CsrecTask *named(const QString &name) const
    {
        for (const CsrecTask &t : tasks) {
            if (t.name == name)
                return &t;
        }
        return nullptr;
    }
    QList<CsrecEvent> of(char kind, quint64 task) const
    {
        QList<CsrecEvent> out;
        for (const CsrecEvent &e : events) {
            if (e.kind == kind && e.task == task)
                out.append(e);
        }
        return out;
    }
    qsizetype count(char kind) const
    {
        qsizetype n = 0;
        for (const CsrecEvent &e : events)
            n += e.kind == kind;
        return n;
    }
};

inline QString csrecUnescape(const QByteArray &text)
{
    QByteArray out;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            const char c = text[++i];
            out += c == 't' ? '\t' : c == 'n' ? '\n' : c;
        } else {
            out += text[i];
        }
    }
    return QString::fromUtf8(out);
}

inline Csrec parseCsrec(const QByteArray &bytes)
{
    Csrec r;
    const QList<QByteArray> lines = bytes.split('\n');
    auto str = [&r](const QByteArray &sid) { return r.strings.value(sid.toULongLong()); };
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray &line = lines[i];
        if (line.isEmpty())
            continue;
        const QList<QByteArray> f = line.split('\t');
        if (i == 0) {
            r.header = f;
            continue;
        }
        ++r.records;
        const char k = f[0].size() == 1 ? f[0][0] : 0;
        auto need = [&](int n) {
            if (f.size() >= n)
                return true;
            ++r.damaged;
            return false;
        };
        auto u = [&f](int i) { return f[i].toULongLong(); };
        switch (k) {
        case 'S':
            if (need(3))
                r.strings.insert(u(1), csrecUnescape(line.mid(f[0].size() + f[1].size() + 2)));
            break;
        case 'L':
            if (need(3))
                r.lanes.insert(u(1), str(f[2]));
            break;
        case 'T':
            if (need(8)) {
                CsrecTask t;
                t.created = u(1), t.id = u(2), t.lane = u(3), t.parent = u(4);
                t.name = str(f[5]), t.coro = str(f[6]), t.site = str(f[7]);
                r.taskIndex.insert(t.id, r.tasks.size());
                r.tasks.append(t);
            }
            break;
        case 'D':
            if (need(6)) {
                auto it = r.taskIndex.constFind(u(2));
                if (it == r.taskIndex.constEnd()) {
                    ++r.damaged;
                    break;
                }
                CsrecTask &t = r.tasks[*it];
                t.ended = u(1), t.result = QString::fromLatin1(f[3]), t.error = str(f[4]);
            }
            break;
        case 'A':
            if (need(6))
                r.events.append({'A', u(1), u(2), 0, u(5), str(f[3]), str(f[4])});
            break;
        case 'R':
            if (need(5))
                r.events.append({'R', u(1), u(2), u(3), u(4), {}, {}});
            break;
        case 'H':
            if (need(7))
                r.events.append({'H', u(1), u(3), u(2), u(4), str(f[5]), str(f[6])});
            break;
        case 'C':
            if (need(6))
                r.events.append({'C', u(1), u(2), u(4), u(5), str(f[3]), {}});
            break;
        case 'I':
        case 'B':
            if (need(3))
                r.events.append({k, u(1), 0, u(2), 0, {}, {}});
            break;
        case 'Z':
            if (need(4))
                r.zRecorded = u(2), r.zDropped = u(3);
            break;
        case 'E':
            if (need(4))
                r.ended = true, r.endHow = QString::fromLatin1(f[2]), r.endStatus = f[3].toInt();
            break;
        default:
            break;
        }
    }
    return r;
}

inline Csrec readCsrec(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return parseCsrec(file.readAll());
}

} // namespace CoroscopeTest
