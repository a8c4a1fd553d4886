#include "gui.h"

#include "cli/headless.h"

#include <QCoreApplication>

namespace Coroscope {

int runGui(int &argc, char **argv, const CliOptions &options)
{
    // Until the window exists, the default is the headless embedded workload.
    QCoreApplication app(argc, argv);
    return runHeadless(options);
}

} // namespace Coroscope
