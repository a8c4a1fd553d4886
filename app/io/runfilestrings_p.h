#pragma once

// The run file's string table (the STRS section, private to io/runfile*.cpp), both ends of it:
// every text of a record once, index 0 the empty text, each entry its size and bytes. Tasks,
// labels, URLs and headers refer to texts by index.

#include "runfilebinary_p.h"

#include "trace/text.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

#include <limits>

namespace Coroscope::RunFileBinary {

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
