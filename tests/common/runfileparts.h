#pragma once

#include "io/runfile.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtEndian>

// A run file taken apart (first line, JSON header, decompressed body) and put back together with
// the header's body sizes fixed up, so that tests can damage one layer while the others stay
// valid (e.g. a bad event behind a correct zlib checksum).
namespace CoroscopeTest {

struct RunFileParts
{
    QByteArray firstLine; // without its newline
    QJsonObject header;
    QByteArray body; // decompressed
    bool ok = false;
};

inline RunFileParts splitRunFile(const QByteArray &file)
{
    RunFileParts parts;
    const qsizetype first = file.indexOf('\n');
    const qsizetype second = file.indexOf('\n', first + 1);
    if (first < 0 || second < 0)
        return parts;
    parts.firstLine = file.left(first);
    parts.header = QJsonDocument::fromJson(file.mid(first + 1, second - first - 1)).object();
    const qint64 size = qint64(parts.header.value(QStringLiteral("body"))
                                   .toObject()
                                   .value(QStringLiteral("size"))
                                   .toDouble());
    // qUncompress wants the size first, big-endian, before the zlib stream.
    QByteArray prefixed(4, '\0');
    qToBigEndian(quint32(size), prefixed.data());
    prefixed += file.mid(second + 1);
    parts.body = qUncompress(prefixed);
    parts.ok = parts.body.size() == size;
    return parts;
}

inline QByteArray joinRunFile(const RunFileParts &parts)
{
    const QByteArray compressed = qCompress(parts.body).mid(4); // without qCompress's size
    QJsonObject header = parts.header;
    QJsonObject body = header.value(QStringLiteral("body")).toObject();
    body.insert(QStringLiteral("compressed"), double(compressed.size()));
    body.insert(QStringLiteral("size"), double(parts.body.size()));
    header.insert(QStringLiteral("body"), body);
    return parts.firstLine + '\n' + QJsonDocument(header).toJson(QJsonDocument::Compact) + '\n'
        + compressed;
}

} // namespace CoroscopeTest
