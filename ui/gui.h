#pragma once

#include "run/launchoptions.h"

namespace Coroscope {

// Opens the main window (creates the QApplication); returns the exit code.
int runGui(int &argc, char **argv, const LaunchOptions &options);

} // namespace Coroscope
