#pragma once

// One run's sections of a run file's body (runfiledecoderun.cpp), for the reader of the whole
// body (runfiledecode.cpp) and of a sweep's points (runfilesweep.cpp).

#include "runfile.h"
#include "runfilebinary_p.h"

#include <QJsonValue>
#include <QString>

namespace Coroscope::RunFileDecode {

// What the header says a run section holds, known before the section is read: a count that
// does not match is refused before anything is allocated for it.
struct Expected
{
    QString strategy;
    qint64 tasks = 0;
    qint64 events = 0;
    const RunSpec *spec = nullptr;
};

// The header's preview of a run ("strategy", "tasks", "events") as an expectation; a preview
// that is not one says so.
QString expectationOf(const QJsonValue &preview, const RunSpec &spec, Expected *expected);
// A RUN, CRUN or SWRN section into *trace, checked against `expected` and against what real
// runs are; on false, r.error() says what is wrong.
bool decodeRun(RunFileBinary::Reader &r, RunFileBinary::Strings &strings, const Expected &expected,
               Trace *trace);
// Format 1.2, a TSKX section after its run's: the tasks with redirects followed or an encoded
// body.
bool readTaskExtras(RunFileBinary::Reader &r, RunFileBinary::Strings &strings, Trace *trace);
// Format 1.3, an ALON section after its run's: each distinct URL measured alone before the run.
bool readProbes(RunFileBinary::Reader &r, Trace *trace);

} // namespace Coroscope::RunFileDecode
