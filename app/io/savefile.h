#pragma once

#include <QByteArray>
#include <QString>

namespace Coroscope {

// Writes all of `data` or nothing: a failed write keeps any old file (QSaveFile).
bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error);

} // namespace Coroscope
