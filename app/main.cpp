#include "cli/headless.h"
#include "cli/options.h"
#include "gui.h"
#include "run/resourcelimits.h"

#include <QCoreApplication>

#include <csignal>
#include <cstdio>

using namespace Coroscope;

int main(int argc, char *argv[])
{
    // Before anything slow: Ctrl+C during start-up must still end in a printed summary. The
    // window handles its own quitting; it restores the default action below.
    installInterruptHandler();
    // A file size limit (ulimit -f) would end the process at the write that crosses it, with no
    // message and the run lost; ignored, that write fails with EFBIG, which the save reports
    // ("File too large"), keeping the old file.
    std::signal(SIGXFSZ, SIG_IGN);
    raiseFileLimit();
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments.append(QString::fromLocal8Bit(argv[i]));
    ParsedArguments parsed = parseArguments(arguments);
    if (!parsed.error.isEmpty() || parsed.options.mode == CliOptions::Mode::Help) {
        // In the user's language (--language, else the system's): a translator needs an
        // application object, and the sentence is composed again once it is installed.
        QCoreApplication app(argc, argv);
        installTranslations(languageArgument(arguments));
        parsed = parseArguments(arguments);
        if (!parsed.error.isEmpty()) {
            std::fprintf(stderr, "coroscope: %s\n", parsed.error.toLocal8Bit().constData());
            return 2;
        }
        std::fputs(helpText().toLocal8Bit().constData(), stdout);
        return 0;
    }
    const CliOptions &options = parsed.options;
    switch (options.mode) {
    case CliOptions::Mode::Help:
        return 0; // printed above
    case CliOptions::Mode::Version:
        std::printf("coroscope %s\n", COROSCOPE_VERSION);
        return 0;
    case CliOptions::Mode::Headless: {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("coroscope"));
        QCoreApplication::setApplicationVersion(QStringLiteral(COROSCOPE_VERSION));
        // Its messages and reports are read by people: in --language, else the system's, as
        // the window and --help are (the English file holds the plurals: "1 task", "9 tasks").
        installTranslations(options.language);
        return runHeadless(options);
    }
    case CliOptions::Mode::Serve: {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("coroscope"));
        QCoreApplication::setApplicationVersion(QStringLiteral(COROSCOPE_VERSION));
        return runServe(options);
    }
    case CliOptions::Mode::Gui:
        break;
    }
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    std::signal(SIGHUP, SIG_DFL);
    return runGui(argc, argv, options);
}
