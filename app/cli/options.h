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
    QString reportPath; // the HTML report (io/report.h) of the run, or of the opened one
    QString sweepCsvPath; // --sweep-csv (the sweep itself is in LaunchOptions)
    // Qt's own options (-platform offscreen, -style fusion, -reverse, ...) in their order, values
    // included: the window's QApplication consumes them from argv; other modes refuse them.
    QStringList qtArguments;
};

struct ParsedArguments
{
    CliOptions options;
    QString error; // non-empty: a sentence naming the bad value
};

// `arguments` includes the program name first, like QCoreApplication::arguments().
ParsedArguments parseArguments(const QStringList &arguments);
QString helpText();

// How many arguments starting at arguments[index] form one of Qt's own options (QGuiApplication's
// and QApplication's: "-style fusion" is 2, "-style=fusion" and "-reverse" are 1; Qt accepts
// "--style" too); 0 when arguments[index] is not one. A missing value still counts 1: Qt then
// ignores the option, and so do we.
qsizetype qtOptionLength(const QStringList &arguments, qsizetype index);
// Every option of ours ("--csv", "--headless", ...; not Qt's), for checking --help and the README.
QStringList optionNames();
// Those of them only the window reads ("--theme", "--screenshot", ...): refused by --headless and
// --serve.
QStringList windowOptionNames();
// The languages Coroscope is translated into ("en", "zh_CN"), as --language takes them.
QStringList availableLanguages();
// The `--language` value among `arguments` (the last one), without parsing anything else: the
// translator must be installed before the help or an error is printed.
QString languageArgument(const QStringList &arguments);

} // namespace Coroscope
