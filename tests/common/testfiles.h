#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

namespace CoroscopeTest {

// A file's bytes for comparing in a test; a marker no real content has when it cannot be read.
inline QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("(missing)");
}

} // namespace CoroscopeTest
