#pragma once

// The run file's JSON header, both ends: written by runfile.cpp, read by runfileheader.cpp for
// runfiledecode.cpp. The body's shared pieces are runfilebinary_p.h's and runfilestrings_p.h's.

#include "runfile.h"

#include <QJsonObject>

namespace Coroscope::RunFilePrivate {

QJsonObject environmentJson(const RunEnvironment &environment);
QJsonObject specJson(const RunSpec &spec, int serverCapacity);
QJsonObject headerJson(const RunRecord &record, qint64 compressed, qint64 size);
// Reads the header's body sizes, spec, "compare", environment, "embedded_server" and
// "compared" (each compared run without its trace) into *record (runfileheader.cpp); on
// failure *reason says what is wrong.
RunFile::Error readHeader(const QJsonObject &header, RunRecord *record, qint64 *compressed,
                          qint64 *size, QString *reason);

} // namespace Coroscope::RunFilePrivate
