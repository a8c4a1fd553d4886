#pragma once

#include "run/runspec.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Coroscope {

// Everything the command line can say. Parsing never exits; the caller decides (exit code 2).
struct CliOptions
{
    enum class Mode { Gui, Headless, Serve, Help, Version };
    Mode mode = Mode::Gui;
    RunSpec spec;
    bool urlsGiven = false; // false: the embedded server's /delay/1
    bool specGiven = false; // any run option given (the GUI then uses it instead of its settings)
    quint16 port = 8765;
    int serverCapacity = 0;
    QString csvPath;
    QString segmentsCsvPath;
    QString chromeTracePath;
    QString screenshotPath;
    QString language;
    QList<Strategy> compare;
    QString compareCsvPath;
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
