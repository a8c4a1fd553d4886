#include "gui.h"

#include "io/csv.h"
#include "livetrace.h"
#include "mainwindow.h"
#include "record/recordsession.h"
#include "runpanel.h"
#include "server/servercertificate.h"
#include "server/testserver.h"
#include "theme.h"
#include "timelineview.h"

#include <QApplication>
#include <QBuffer>
#include <QIcon>
#include <QMessageBox>
#include <QPixmap>
#include <QStatusBar>
#include <QTimer>

#include <cstdio>

// Resources of a static library are only linked in when something names them.
static void initResources()
{
    Q_INIT_RESOURCE(coroscope);
}

namespace Coroscope {

namespace {
constexpr QSize ScreenshotSize(1400, 900);
// After the run: the final refresh, the throttled charts and summary, and a couple of repaints.
constexpr int SettleMs = 700;
// A screenshot must end even if the workload does not: stop it and show what it did.
constexpr int ScreenshotRunLimitMs = 10 * 60 * 1000;

// In the command line's one format, "coroscope: ...", as a screenshot run's errors are.
void printErr(const QString &text)
{
    std::fputs((QStringLiteral("coroscope: ") + text).toLocal8Bit().constData(), stderr);
    std::fflush(stderr);
}

bool savePng(const QPixmap &pixmap, const QString &path, QString *error)
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    if (pixmap.isNull() || !pixmap.save(&buffer, "PNG")) {
        *error = QCoreApplication::translate(
                     "Coroscope", "cannot write %1: the window could not be encoded as PNG")
                     .arg(path);
        return false;
    }
    return writeFileAtomically(path, png, error);
}

// --screenshot --sweep: the run panel's workload swept as the command line says.
SweepSpec sweepOf(MainWindow &window, const LaunchOptions &options)
{
    SweepSpec sweep;
    sweep.base = window.runPanel()->spec();
    sweep.serverCapacity = options.serverCapacity;
    sweep.knob = options.sweepKnob;
    sweep.values = options.sweepValues;
    sweep.strategies = options.compare;
    sweep.repeat = std::max(options.sweepRepeat, 1);
    const QUrl base = window.runPanel()->defaultWorkloadUrl().adjusted(QUrl::RemovePath);
    sweep.embeddedServer = {base.toString()};
    return sweep;
}

// --screenshot: run the workload in the window, then save the whole window as a PNG and quit.
// With --compare LIST it runs a comparison instead and shows the Compare tab.
// --record -- CMD ARGS, started in the current folder.
RecordCommand recordCommandOf(const LaunchOptions &options)
{
    RecordCommand command;
    command.program = options.recordCommand.value(0);
    command.arguments = options.recordCommand.mid(1);
    return command;
}

void scheduleScreenshot(MainWindow &window, const LaunchOptions &options)
{
    window.setPersistSettings(false); // a scripted run must not rewrite the user's last inputs
    RunSpec spec = options.specGiven ? options.spec : RunSpec{};
    spec.measureAlone = options.spec.measureAlone; // the command line's default (on) or its flag
    if (!options.urlsGiven)
        spec.urls = {window.runPanel()->defaultWorkloadUrl()};
    window.runPanel()->setSpec(spec);
    window.runPanel()->setServerCapacity(options.serverCapacity);
    window.resize(options.windowSize.isValid() ? options.windowSize : ScreenshotSize);

    const QString path = options.screenshotPath;
    const auto grabWhenSettled = [&window, path, options]() {
        window.timeline()->fit();
        window.applyViewOptions(options);
        if (options.playheadMs >= 0)
            window.showLoopStateAt(options.playheadMs * 1'000'000);
        QTimer::singleShot(SettleMs, &window, [&window, path]() {
            QString error;
            if (!savePng(window.grab(), path, &error)) {
                printErr(error + u'\n');
                QCoreApplication::exit(1);
                return;
            }
            QCoreApplication::exit(0);
        });
    };
    QObject::connect(&window, &MainWindow::runFinished, &window, grabWhenSettled);
    QObject::connect(&window, &MainWindow::comparisonFinished, &window, grabWhenSettled);
    QObject::connect(&window, &MainWindow::sweepFinished, &window, grabWhenSettled);
    if (!options.openPath.isEmpty()) {
        // A saved run instead of a live one: open it, let the views settle, grab.
        const QString file = options.openPath;
        const QStringList compareWith = options.compareWith;
        QTimer::singleShot(0, &window, [&window, file, compareWith, grabWhenSettled]() {
            QString error;
            if (!window.openRunFile(file, &error)
                || (!compareWith.isEmpty() && !window.compareWithFiles(compareWith, &error))) {
                printErr(error + u'\n');
                QCoreApplication::exit(2);
                return;
            }
            grabWhenSettled();
        });
        return;
    }
    if (options.record()) {
        // A recorded program instead of a run: grabbed once it has ended (Stop at the limit).
        const RecordCommand command = recordCommandOf(options);
        QTimer::singleShot(0, &window, [&window, command]() {
            QString error;
            if (!window.startRecording(command, &error)) {
                printErr(error + u'\n');
                QCoreApplication::exit(1);
            }
        });
        QTimer::singleShot(ScreenshotRunLimitMs, &window, &MainWindow::stopRun);
        return;
    }
    const QList<Strategy> compare = options.compare;
    const QStringList compareWith = options.compareWith;
    QTimer::singleShot(0, &window, [&window, compare, compareWith, options]() {
        // The baseline first: it stays through the run and is drawn beside it.
        QString error;
        if (!compareWith.isEmpty() && !window.compareWithFiles(compareWith, &error)) {
            printErr(error + u'\n');
            QCoreApplication::exit(2);
            return;
        }
        if (options.sweepGiven)
            window.startSweep(sweepOf(window, options));
        else if (compare.isEmpty())
            window.startRun();
        else
            window.startComparison(compare);
        if (!window.isRunning()) {
            printErr(QCoreApplication::translate("Coroscope",
                                                 "cannot start the run for the screenshot\n"));
            QCoreApplication::exit(1);
        }
    });
    QTimer::singleShot(ScreenshotRunLimitMs, &window, &MainWindow::stopRun);
}
} // namespace

void installTranslations(const QString &language)
{
    MainWindow::applyLanguage(language);
}

int runGui(int &argc, char **argv, const LaunchOptions &options)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Coroscope"));
    QApplication::setOrganizationName(QStringLiteral("Coroscope"));
    QApplication::setApplicationVersion(QStringLiteral(COROSCOPE_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("coroscope"));
    initResources();
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/coroscope.svg")));

    // --language wins for this session only; the View menu's choice is what persists.
    MainWindow::applyLanguage(options.language.isEmpty() ? MainWindow::savedLanguage()
                                                         : options.language);
    // Likewise --theme; the parser has checked the name.
    Theme::Choice theme = Theme::saved();
    if (!options.theme.isEmpty())
        Theme::fromKey(options.theme, &theme);
    Theme::apply(theme);

    TestServer server;
    {
        // https on the next port too, so that the run panel's TLS box can switch any time.
        QString error;
        QString warning;
        QString notice;
        const TlsCredentials credentials = loadOrCreateServerCredentials(
            defaultCredentialsDirectory(), &error, &warning, &notice);
        if (!notice.isEmpty())
            printErr(notice + u'\n');
        if (!credentials.isNull())
            server.setProtocols(TestServer::Protocols::HttpAndHttps, credentials);
        else
            printErr(QCoreApplication::translate("Coroscope",
                                                 "the embedded server serves no https: %1\n")
                         .arg(error));
        if (!warning.isEmpty())
            printErr(QCoreApplication::translate(
                         "Coroscope", "the server certificate is not kept for next time: %1\n")
                         .arg(warning));
    }
    const bool serverUp = server.start(options.port, options.serverCapacity);
    const bool screenshot = !options.screenshotPath.isEmpty();
    if (!serverUp) {
        printErr(QCoreApplication::translate("Coroscope", "cannot start the embedded server: %1\n")
                     .arg(server.errorString()));
        if (screenshot)
            return 1;
    }

    MainWindow window(&server);
    window.applyOptions(options);
    if (screenshot)
        scheduleScreenshot(window, options);
    else if (options.windowSize.isValid())
        window.resize(options.windowSize);
    window.show();
    if (const QString font = MainWindow::missingFontNote(); !font.isEmpty()) {
        printErr(font + u'\n');
        window.statusBar()->showMessage(font, 20000);
    }
    if (!screenshot && !options.openPath.isEmpty()) {
        // `coroscope FILE.coroscope`: shown once the window is up (a bad file gets a message box).
        const QString file = options.openPath;
        const QStringList compareWith = options.compareWith;
        QTimer::singleShot(0, &window, [&window, file, compareWith]() {
            if (window.openRunFile(file) && !compareWith.isEmpty())
                window.compareWithFiles(compareWith);
        });
    } else if (!screenshot && options.record()) {
        const RecordCommand command = recordCommandOf(options);
        QTimer::singleShot(0, &window, [&window, command]() {
            QString error;
            if (!window.startRecording(command, &error))
                QMessageBox::warning(&window, MainWindow::tr("Cannot record"), error);
        });
    } else if (!screenshot && !options.compareWith.isEmpty()) {
        const QStringList compareWith = options.compareWith;
        QTimer::singleShot(0, &window,
                           [&window, compareWith]() { window.compareWithFiles(compareWith); });
    }

    if (!serverUp) {
        // The window still works with other servers; say why the examples are missing.
        auto *box = new QMessageBox(
            QMessageBox::Warning,
            QCoreApplication::translate("Coroscope", "Embedded server not running"),
            QCoreApplication::translate("Coroscope", "The embedded test server could not start: %1")
                .arg(server.errorString()),
            QMessageBox::Ok, &window);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    return app.exec();
}

} // namespace Coroscope
