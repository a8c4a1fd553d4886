#pragma once

// The run file's JSON header, both ends: written by runfile.cpp, read by runfileheader.cpp (with
// checkInteger) for runfiledecode.cpp (which inflates the body). The body's shared pieces are
// runfilebinary_p.h's.

#include "runfile.h"

#include <QJsonObject>

namespace Coroscope::RunFilePrivate {

QJsonObject environmentJson(const RunEnvironment &environment);
QJsonObject specJson(const RunSpec &spec, int serverCapacity);
QJsonObject headerJson(const RunRecord &record, qint64 compressed, qint64 size);
// Reads object[key] as a whole number in [min, max] into *out; else a sentence naming
// prefix + key (absent, NaN, infinite, fractional or out of range all say so).
QString checkInteger(const QJsonObject &object, const QString &prefix, const QString &key,
                     qint64 min, qint64 max, qint64 *out);
// Reads the header's body sizes, spec, "compare", environment, "embedded_server" and
// "compared" (each compared run without its trace) into *record (runfileheader.cpp); on
// failure *reason says what is wrong.
RunFile::Error readHeader(const QJsonObject &header, RunRecord *record, qint64 *compressed,
                          qint64 *size, QString *reason);
// A sweep's header entry ("sweep"), and reading it back into record->sweep (its points without
// their traces, in order) from the header (runfilesweep.cpp); `events` gets each point's event
// count as the header declares it.
QJsonObject sweepJson(const SweepResult &sweep);
QString readSweep(const QJsonObject &header, RunRecord *record, QList<qint64> *events);
// Inflates the zlib stream data[0..size) into exactly `expected` bytes, never more.
bool inflateExactly(const char *data, qint64 size, qint64 expected, QByteArray *out,
                    QString *error);

} // namespace Coroscope::RunFilePrivate
