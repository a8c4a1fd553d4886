#pragma once

#include "io/chrometrace.h"
#include "run/launchoptions.h"

#include "run/runspec.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Coroscope {

// Everything the command line can say. Parsing never exits; the caller decides (exit code 2).
struct CliOptions : LaunchOptions
{
    enum class Mode { Gui, Headless, Serve, Help, Version };
    Mode mode = Mode::Gui;
    QString csvPath;
    QString segmentsCsvPath;
    QString chromeTracePath;
    ChromeTracks chromeTracks = ChromeTracks::Auto;
    QString harPath;
    QString compareCsvPath;
    QString savePath; // the run file (.coroscope) to write after the run, or of the opened one
};

struct ParsedArguments
{
    CliOptions options;
    QString error; // non-empty: a sentence naming the bad value
};

// `arguments` includes the program name first, like QCoreApplication::arguments().
ParsedArguments parseArguments(const QStringList &arguments);
QString helpText();

} // namespace Coroscope
