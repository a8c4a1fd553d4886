#pragma once

#include "runspec.h"

#include <QList>
#include <QString>

namespace Coroscope {

// What a start of Coroscope asks for, whatever parsed it: the window reads these, the command
// line (cli/options.h) adds what only it needs. Lives here so that ui/ never includes cli/.
struct LaunchOptions
{
    RunSpec spec;
    bool urlsGiven = false; // false: the embedded server's /delay/1
    bool specGiven = false; // any run option given (the GUI then uses it instead of its settings)
    quint16 port = 8765;
    int serverCapacity = 0;
    QString screenshotPath;
    QString language;
    // The window's timeline (for screenshots): row height in px (0 = full), a task to select,
    // a search to show.
    int rowHeight = 0;
    int selectTask = -1;
    QString find;
    QList<Strategy> compare;
};

} // namespace Coroscope
