#pragma once

#include "run/launchoptions.h"

#include <QString>

namespace Coroscope {

// Opens the main window (creates the QApplication); returns the exit code.
int runGui(int &argc, char **argv, const LaunchOptions &options);

// Installs Qt's and Coroscope's translations for `language` ("" = the system's) in the running
// QCoreApplication, e.g. for the command line's --help and error messages.
void installTranslations(const QString &language);

} // namespace Coroscope
