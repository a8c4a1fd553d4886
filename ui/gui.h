#pragma once

#include "cli/options.h"

namespace Coroscope {

// Opens the main window (creates the QApplication); returns the exit code.
int runGui(int &argc, char **argv, const CliOptions &options);

} // namespace Coroscope
