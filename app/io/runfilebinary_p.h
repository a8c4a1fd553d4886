#pragma once

// The run file's binary primitives (private to io/runfile*.cpp): LEB128 varints, zigzag signed
// varints, little-endian fixed fields, and a bounds-checked reader that never reads past its
// data and reports the first problem once.

#include "trace/traceevent.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <algorithm>

#include <limits>

namespace Coroscope::RunFileBinary {

// Section tags of the body, as little-endian FourCCs.
constexpr quint32 fourcc(char a, char b, char c, char d)
{
    return quint32(uchar(a)) | quint32(uchar(b)) << 8 | quint32(uchar(c)) << 16
        | quint32(uchar(d)) << 24;
}
inline constexpr quint32 StringsTag = fourcc('S', 'T', 'R', 'S');
inline constexpr quint32 RunTag = fourcc('R', 'U', 'N', ' ');
// Format 1.1: a run of another file compared with this one's, encoded as a RUN section; the
// header's "compared" describes each in order. Older readers skip the tag.
inline constexpr quint32 ComparedRunTag = fourcc('C', 'R', 'U', 'N');
// Format 1.2: right after a RUN or CRUN section, what that run's tasks have beyond the RUN
// section's fields (redirects followed, a body's Content-Encoding and decoded size). Only for
// runs that have any; older readers skip the tag.
inline constexpr quint32 TaskExtrasTag = fourcc('T', 'S', 'K', 'X');
// Format 1.3, after its run's RUN / CRUN (and TSKX): each URL measured alone before the run.
inline constexpr quint32 ProbesTag = fourcc('A', 'L', 'O', 'N');
// A point of a sweep, encoded as a RUN section (a TSKX and an ALON may follow); the header's
// "sweep" describes each in order (knob value, strategy, repeat, tasks, events). Older readers
// skip the tag and the key: to them a sweep's file holds no run.
inline constexpr quint32 SweepRunTag = fourcc('S', 'W', 'R', 'N');

class Writer
{
public:
    explicit Writer(QByteArray *out)
        : m_out(out)
    {
    }
    void u8(quint8 v) { m_out->append(char(v)); }
    void u32(quint32 v)
    {
        for (int i = 0; i < 4; ++i)
            m_out->append(char(v >> (8 * i)));
    }
    void varint(quint64 v)
    {
        char buffer[10];
        int n = 0;
        do {
            quint8 byte = v & 0x7f;
            v >>= 7;
            if (v)
                byte |= 0x80;
            buffer[n++] = char(byte);
        } while (v);
        m_out->append(buffer, n);
    }
    void zigzag(qint64 v) { varint((quint64(v) << 1) ^ quint64(v >> 63)); }
    void bytes(const QByteArray &b)
    {
        varint(quint64(b.size()));
        m_out->append(b);
    }

private:
    QByteArray *m_out;
};

class Reader
{
public:
    Reader(const char *data, qsizetype size)
        : m_data(data)
        , m_size(size)
    {
    }
    bool ok() const { return m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    qsizetype remaining() const { return m_size - m_pos; }
    qsizetype position() const { return m_pos; }
    // The first problem wins: later reads of a failed reader return 0 and change nothing.
    void fail(const QString &why)
    {
        if (m_error.isEmpty())
            m_error = why;
        m_pos = m_size;
    }

    quint8 u8(const char *what)
    {
        if (remaining() < 1) {
            fail(endedIn(what));
            return 0;
        }
        return quint8(m_data[m_pos++]);
    }
    quint32 u32(const char *what)
    {
        if (remaining() < 4) {
            fail(endedIn(what));
            return 0;
        }
        quint32 v = 0;
        for (int i = 0; i < 4; ++i)
            v |= quint32(uchar(m_data[m_pos + i])) << (8 * i);
        m_pos += 4;
        return v;
    }
    quint64 varint(const char *what)
    {
        quint64 v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (remaining() < 1) {
                fail(endedIn(what));
                return 0;
            }
            const quint8 byte = quint8(m_data[m_pos++]);
            if (shift == 63 && byte > 1) {
                fail(QCoreApplication::translate("RunFile", "a number (%1) does not fit in 64 bits")
                         .arg(QLatin1String(what)));
                return 0;
            }
            v |= quint64(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return v;
        }
        fail(QCoreApplication::translate("RunFile", "a number (%1) does not fit in 64 bits")
                 .arg(QLatin1String(what)));
        return 0;
    }
    qint64 zigzag(const char *what)
    {
        const quint64 v = varint(what);
        return qint64(v >> 1) ^ -qint64(v & 1);
    }
    // A signed number that must lie in [min, max]; else the reader fails naming `what`.
    qint64 ranged(const char *what, qint64 min, qint64 max)
    {
        const qint64 v = zigzag(what);
        if (ok() && (v < min || v > max)) {
            fail(QCoreApplication::translate("RunFile", "%1 is %2, outside %3 to %4")
                     .arg(QLatin1String(what))
                     .arg(v)
                     .arg(min)
                     .arg(max));
            return min;
        }
        return v;
    }
    // A count of items that take at least `minBytes` each: checked against the bytes left before
    // anyone allocates for it, so a corrupt count cannot reserve gigabytes.
    qsizetype count(const char *what, qint64 max, qint64 minBytes)
    {
        const quint64 v = varint(what);
        if (!ok())
            return 0;
        if (v > quint64(max)) {
            fail(QCoreApplication::translate("RunFile",
                                             "it claims %1 %2, more than the %3 a file may hold")
                     .arg(v)
                     .arg(QLatin1String(what))
                     .arg(max));
            return 0;
        }
        if (qint64(v) * minBytes > remaining()) {
            fail(QCoreApplication::translate(
                     "RunFile", "it claims %1 %2, more than its remaining %3 bytes can hold")
                     .arg(v)
                     .arg(QLatin1String(what))
                     .arg(remaining()));
            return 0;
        }
        return qsizetype(v);
    }
    QByteArrayView bytes(const char *what)
    {
        const quint64 n = varint(what);
        if (!ok())
            return {};
        if (n > quint64(remaining())) {
            fail(endedIn(what));
            return {};
        }
        const QByteArrayView view(m_data + m_pos, qsizetype(n));
        m_pos += qsizetype(n);
        return view;
    }
    void skip(qsizetype n) { m_pos += std::min(n, remaining()); }

private:
    static QString endedIn(const char *what)
    {
        return QCoreApplication::translate("RunFile", "the data ends inside %1")
            .arg(QLatin1String(what));
    }

    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    QString m_error;
};

// A run's events column by column (time deltas, kinds, task + 1 with 0 for the loop, labels,
// values): each column is homogeneous, which deflate compresses far better than interleaved
// records (times as deltas, mostly one or two bytes). The run file's layout, and what
// bench_runfile measures against the alternatives.
inline void writeEventColumns(Writer &w, const QList<TraceEvent> &events)
{
    qint64 previous = 0;
    for (const TraceEvent &e : events) {
        w.zigzag(e.ns - previous);
        previous = e.ns;
    }
    for (const TraceEvent &e : events)
        w.u8(quint8(e.kind));
    for (const TraceEvent &e : events)
        w.varint(e.task == LoopTask ? 0 : quint64(e.task) + 1);
    for (const TraceEvent &e : events)
        w.varint(e.label);
    for (const TraceEvent &e : events)
        w.zigzag(e.value);
}

} // namespace Coroscope::RunFileBinary
