#pragma once

// The run file's binary primitives (private to io/runfile*.cpp, the one home of what encoding
// and decoding share): section tags, LEB128 varints, zigzag signed varints, little-endian fixed
// fields, a bounds-checked reader that never reads past its data and reports the first problem
// once, and the string table's writer and reader.

#include "trace/text.h"
#include "trace/traceevent.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QCoreApplication>
#include <QHash>
#include <QList>
#include <QString>

#include <algorithm>

#include <limits>

namespace Coroscope::RunFileBinary {

// The translation context of every run-file sentence, one that lupdate can see.
struct RunFileText
{
    Q_DECLARE_TR_FUNCTIONS(RunFile)
};

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

// A section of the body: its tag, its size, its payload.
inline void appendSection(QByteArray *body, quint32 tag, const QByteArray &payload)
{
    Writer w(body);
    w.u32(tag);
    w.u32(quint32(payload.size()));
    body->append(payload);
}

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

// The string table (the STRS section), both ends: every text of a record once, index 0 the empty
// text, each entry its size and bytes. Tasks, labels, URLs and headers refer to texts by index.

// Writing: every text of the record once, by index; index 0 is the empty text.
class StringTable
{
public:
    StringTable() { add(QByteArray()); }
    quint32 add(const QByteArray &bytes)
    {
        const auto it = m_index.constFind(bytes);
        if (it != m_index.cend())
            return *it;
        const auto id = quint32(m_strings.size());
        m_index.insert(bytes, id);
        m_strings.append(bytes);
        return id;
    }
    quint32 add(const QString &text) { return add(text.toUtf8()); }
    const QList<QByteArray> &strings() const { return m_strings; }
    // The STRS section's payload: the count, then each text's size and bytes.
    QByteArray encode() const
    {
        QByteArray table;
        Writer w(&table);
        w.varint(quint64(m_strings.size()));
        for (const QByteArray &s : m_strings)
            w.bytes(s);
        return table;
    }

private:
    QHash<QByteArray, quint32> m_index;
    QList<QByteArray> m_strings;
};

// Reading. How a text of the file is let in. Run files are shared: their text is network text, made
// printable and stripped of passwords as a live run's is where it enters the trace
// (run/fetchworker.cpp), so that nothing a file says reaches a terminal, a CSV or an export raw.
// For the files Coroscope writes this changes nothing: their text was made so when recorded.
enum class TextKind {
    Plain, // labels, status texts: printable
    Secret, // URLs and errors: printable, "user:***@" for a password
};

// The string table: each entry is where its bytes lie in the body (8 bytes an entry, so that a
// table of a million empty strings costs 8 MB, not the ~49 bytes each of a list of byte arrays
// and texts). A text is converted when first referenced, once per kind, and shared: 100,000
// tasks with the same error or headers share one copy, as they do in a live run's memory.
class Strings
{
public:
    bool read(Reader &r, const char *section)
    {
        m_section = section;
        const qsizetype n = r.count("strings", std::numeric_limits<qint32>::max(), 1);
        m_entries.reserve(n);
        for (qsizetype i = 0; i < n && r.ok(); ++i) {
            const QByteArrayView bytes = r.bytes("a string");
            // The writer keeps every text once: only the first one may be empty, so the others
            // take two bytes at least and a table cannot be mostly empty entries.
            if (r.ok() && i > 0 && bytes.isEmpty())
                r.fail(RunFileText::tr("string %1 is a second empty string").arg(i));
            m_entries.append(Entry{quint32(bytes.data() - section), quint32(bytes.size())});
        }
        if (r.ok() && (m_entries.isEmpty() || m_entries.constFirst().size != 0))
            r.fail(RunFileText::tr("its string table does not begin with the empty string"));
        return r.ok();
    }
    bool loaded() const { return !m_entries.isEmpty(); }
    // Reads an index; the reader fails when it is not in the table.
    quint32 index(Reader &r, const char *what) const
    {
        const quint64 i = r.varint(what);
        if (r.ok() && i >= quint64(m_entries.size())) {
            r.fail(RunFileText::tr("%1 refers to text %2, but the string table has %3")
                       .arg(QLatin1String(what))
                       .arg(i)
                       .arg(m_entries.size()));
            return 0;
        }
        return r.ok() ? quint32(i) : 0;
    }
    QString text(Reader &r, const char *what, TextKind kind = TextKind::Plain)
    {
        const quint32 i = index(r, what);
        if (i == 0)
            return {};
        const quint64 key = quint64(i) << 1 | quint64(kind == TextKind::Secret);
        auto it = m_texts.constFind(key);
        if (it == m_texts.cend()) {
            const QString raw = QString::fromUtf8(view(i));
            // Generous bounds: a live run's texts are far shorter; only a hostile one is cut.
            it = m_texts.insert(key,
                                kind == TextKind::Secret ? printableText(redactPasswords(raw), 4000)
                                                         : printableText(raw, 1000));
        }
        return *it;
    }
    // Header lines ("Name: value\n") and MIME types: each line printable, passwords redacted.
    QByteArray lines(Reader &r, const char *what)
    {
        const quint32 i = index(r, what);
        if (i == 0)
            return {};
        auto it = m_lines.constFind(i);
        if (it == m_lines.cend()) {
            const QByteArrayView raw = view(i);
            QByteArray clean;
            clean.reserve(raw.size());
            for (const QByteArrayView line :
                 QByteArray::fromRawData(raw.data(), raw.size()).split('\n')) {
                clean += printableText(redactPasswords(QString::fromUtf8(line)), 4000).toUtf8();
                clean += '\n';
            }
            clean.chop(1); // split() gave one more part than there were line breaks
            it = m_lines.insert(i, clean == raw ? raw.toByteArray() : clean);
        }
        return *it;
    }

private:
    struct Entry
    {
        quint32 offset = 0; // from the start of the STRS section
        quint32 size = 0;
    };
    QByteArrayView view(quint32 i) const
    {
        const Entry e = m_entries.at(i);
        return QByteArrayView(m_section + e.offset, e.size);
    }

    const char *m_section = nullptr; // the body outlives the decoding
    QList<Entry> m_entries;
    QHash<quint64, QString> m_texts;
    QHash<quint32, QByteArray> m_lines;
};

} // namespace Coroscope::RunFileBinary
