#pragma once

#include <QString>

namespace Coroscope {

// Where Coroscope finds the Python recorder (the folder holding `coroscope_record` and its
// `sitecustomize.py`) for `coroscope --record`: the environment variable COROSCOPE_PYTHON_DIR,
// else the build tree's recorders/python (a build runs with no setup), else the installed
// <prefix>/share/coroscope/python next to the executable's <prefix>/bin. Empty when none exists.
QString pythonRecorderDir();
// The tutorial's Python examples (examples/python with its index): COROSCOPE_EXAMPLES_DIR, the
// source tree's, or <prefix>/share/coroscope/examples/python. Empty when none exists.
QString pythonExamplesDir();

} // namespace Coroscope
