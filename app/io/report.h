#pragma once

#include "io/runfile.h"

#include <QByteArray>
#include <QString>

namespace Coroscope {

// A run as one self-contained HTML file to share (File > Export Report…, --report FILE.html):
// the timeline as inline SVG with its legend, the figures, the diagnostics in words, where the
// time went, charts, the settings and where it ran; for a comparison every run side by side on
// one time axis and a table. No script, no network, no other file: styles and pictures are
// inline (a big run's rows are one embedded PNG, see reportsvg.cpp), so it opens offline and
// prints (light on paper; light or dark on screen after the reader's system setting).
// Written in the language the process has installed (tr(): the window's, or --language).
struct ReportOptions
{
    QString sourceFile; // the run file it was made from, named in the settings ("" = none)
};

// Timelines of more tasks than this are drawn as a density image (one PNG pixel row per group
// of tasks) instead of a vector row per task.
inline constexpr int ReportVectorRowsMax = 200;

// The document's bytes (UTF-8): the same for a given record, language and time zone.
QByteArray reportHtml(const RunRecord &record, const ReportOptions &options = {});
// Writes it atomically (io/savefile.h); *error as writeFileAtomically's.
bool writeReport(const QString &path, const RunRecord &record, QString *error,
                 const ReportOptions &options = {});

} // namespace Coroscope
