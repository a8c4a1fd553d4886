#include "options.h"

#include "optionfiles.h"
#include "trace/text.h"

#include <QCoreApplication>
#include <QLocale>

namespace Coroscope {

namespace {
// A translation context lupdate can see.
struct Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

bool parseInt(const QString &option, const QString &value, int min, int max, int *out,
              QString *error)
{
    bool ok = false;
    const qlonglong v = value.trimmed().toLongLong(&ok);
    if (!ok || v < min || v > max) {
        *error = Cli::tr("invalid value \"%1\" for --%2: expected an integer from %3 to %4")
                     .arg(value, option)
                     .arg(min)
                     .arg(max);
        return false;
    }
    *out = int(v);
    return true;
}

// The translations built into the window (translations/coroscope_*.ts); tst_qtoptions checks
// that this list and :/i18n agree.
const QStringList Languages{QStringLiteral("en"), QStringLiteral("zh_CN")};

// Whether `code` finds one of Languages the way QTranslator::load(QLocale, ...) looks for a file:
// each of the locale's UI languages, then shorter ("en_GB" -> "en").
bool languageAvailable(const QString &code)
{
    if (code.isEmpty())
        return true; // the system's
    const QStringList names = QLocale(code).uiLanguages();
    for (QString name : names) {
        name.replace(u'-', u'_');
        for (;;) {
            for (const QString &language : Languages) {
                if (name.compare(language, Qt::CaseInsensitive) == 0)
                    return true;
            }
            const qsizetype cut = name.lastIndexOf(u'_');
            if (cut <= 0)
                break;
            name.truncate(cut);
        }
    }
    return false;
}

// The options QGuiApplication, QApplication and the xcb platform plugin take out of argv (Qt
// 6.4's qguiapplication.cpp, qapplication.cpp, qxcbintegration.cpp). tst_options checks against
// a real QApplication that it consumes every one of them that is not xcb's.
struct QtOption
{
    QLatin1StringView name;
    bool valued;
};
constexpr QtOption QtOptions[] = {
    {QLatin1StringView("platform"), true},
    {QLatin1StringView("platformpluginpath"), true},
    {QLatin1StringView("platformtheme"), true},
    {QLatin1StringView("plugin"), true},
    {QLatin1StringView("qwindowgeometry"), true},
    {QLatin1StringView("qwindowtitle"), true},
    {QLatin1StringView("qwindowicon"), true},
    {QLatin1StringView("session"), true},
    {QLatin1StringView("style"), true},
    {QLatin1StringView("stylesheet"), true},
    {QLatin1StringView("reverse"), false},
    {QLatin1StringView("widgetcount"), false},
    {QLatin1StringView("testability"), false},
    // Only on X11 (xcb), where Qt reads them as the X toolkit options of old.
    {QLatin1StringView("display"), true},
    {QLatin1StringView("geometry"), true},
    {QLatin1StringView("title"), true},
    {QLatin1StringView("icon"), true},
    {QLatin1StringView("name"), true},
    {QLatin1StringView("nograb"), false},
    {QLatin1StringView("dograb"), false},
};
// Qt also reads these as one argument, "-style=fusion".
constexpr QLatin1StringView QtOptionsWithEquals[] = {
    QLatin1StringView("style="),
    QLatin1StringView("stylesheet="),
    QLatin1StringView("qmljsdebugger="),
};
} // namespace

qsizetype qtOptionLength(const QStringList &arguments, qsizetype index)
{
    if (index < 0 || index >= arguments.size())
        return 0;
    QStringView arg = arguments.at(index);
    if (!arg.startsWith(u'-'))
        return 0;
    arg = arg.sliced(arg.startsWith(u"--") ? 2 : 1);
    for (const QLatin1StringView prefix : QtOptionsWithEquals) {
        if (arg.startsWith(prefix))
            return 1;
    }
    for (const QtOption &option : QtOptions) {
        if (arg == option.name)
            return option.valued ? 2 : 1;
    }
    return 0;
}

QStringList availableLanguages()
{
    return Languages;
}

QString languageArgument(const QStringList &arguments)
{
    constexpr QStringView Prefix = u"--language=";
    QString language;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString &arg = arguments.at(i);
        if (arg == u"--language" && i + 1 < arguments.size())
            language = arguments.at(++i);
        else if (arg.startsWith(Prefix))
            language = arg.sliced(Prefix.size());
    }
    return language;
}

QString helpText()
{
    return Cli::tr(R"(Usage: coroscope [options]

Coroscope makes coroutine scheduling visible: it runs HTTP workloads as QCoro coroutines on a
Qt event loop and records when every task is pending, running, suspended and finished.

Modes:
  coroscope                      open the window (the embedded server's /delay/1 x 10 is ready)
  coroscope --headless [opts]    run a workload without a window; last stdout line is JSON
  coroscope --serve [--port N] [--server-capacity K] [--tls]
                                 only the embedded test server, until interrupted
  coroscope --screenshot FILE [opts]
                                 open the window, run (or open a run file), save a PNG, exit
  --window-size WxH              the window's size, e.g. 1024x700 (screenshots: 1400x900)
  --playhead-ms N                screenshot: the Loop state panel at N ms into the run

Run options:
  --url URL                  a URL to fetch (repeatable); default: embedded server /delay/1
  --urls-file FILE           URLs, one per line (# starts a comment)
  --tasks N                  number of tasks, 1-100000 (default 10)
  --strategy NAME            async (default), sequential, blocking, wrapped-blocking, threads
  --workers W                worker threads for the threads strategy (default 8)
  --concurrency N            max tasks in flight, 0 = unlimited (default 0)
  --connections-per-host N   0 = unlimited (default 0)
  --timeout-ms N             per-request timeout, 0 = none (default 30000)
  --max-body-bytes N         a longer body ends the task as an error (default 1073741824);
                             bodies are counted as transferred, never kept or inflated
  --tls                      the embedded server serves https (its certificate is made for
                             127.0.0.1, ::1 and localhost at first start and trusted by
                             runs); the default workload becomes https://127.0.0.1:PORT/delay/1
  --ca-file FILE             also trust the PEM certificate(s) in FILE for https
  --insecure                 accept any https certificate (nothing is checked; shown in the
                             summary and the diagnostics)
  --server-capacity K        embedded server handles at most K requests at once, 0 = unlimited
  --port N                   embedded server port (default 8765; a free one if busy)
  --csv FILE                 write the tasks CSV
  --segments-csv FILE        write the segments CSV
  --chrome-trace FILE        write the run as Chrome trace JSON (chrome://tracing, Perfetto)
  --chrome-trace-tracks T    auto (default: one track per task, lanes above 1000 tasks),
                             tasks, or lanes (tasks packed onto reusable tracks)
  --har FILE                 write the requests as HAR 1.2 (browser dev tools, HAR viewers)
  --compare LIST             run each strategy of a comma-separated list in turn
  --compare-csv FILE         write the comparison CSV (with --compare or --open)
  --save FILE                write the run (every strategy's with --compare) as a run file
                             (.coroscope) that the window and --open read back

Run files:
  coroscope FILE.coroscope       open a saved run in the window (also --open FILE)
  coroscope --headless --open FILE [--csv F] [--segments-csv F] [--chrome-trace F] [--har F]
                           [--compare-csv F] [--save F]
                                 convert a saved run without a window; prints its summary
  --language CODE            user interface language, e.g. en or zh_CN
  --row-height PX            window: timeline row height, 1 (density) up to the full height
  --select-task N            window: select task N (its details in the Details dock)
  --find TEXT                window: search the timeline for TEXT (URL, error, await label)
  -h, --help                 this help
  --version                  the version

Exit status: 0 when the run completed (even with failed requests), 1 when an output file could
not be written or the server could not start, 2 on bad arguments or a run file that cannot be
opened.
)")
        + u'\n'
        // A message of its own, so that adding it left the translations of the above intact.
        + Cli::tr(R"(Window options (the window and --screenshot only, not --headless or --serve):
  --theme NAME               colours: system (the desktop's), light or dark (View > Theme)
  -platform NAME             Qt's window system plugin, e.g. offscreen, xcb, wayland
  -style NAME                Qt widget style, e.g. fusion
  -stylesheet FILE           a Qt style sheet (.qss) applied to the whole window
  -reverse                   right-to-left layout
  and Qt's other options: -platformtheme, -qwindowgeometry, -qwindowtitle, ...
)")
        + u'\n'
        // Also a message of its own, for the same reason.
        + Cli::tr(R"(Comparing with saved runs:
  --compare-with FILE        compare with every run saved in FILE (repeatable), with a live
                             run or --open: drawn on the same time axis (window, --screenshot),
                             rows in the comparison CSV (last column "source": the file),
                             summary lines with "source", kept by --save; "warning: not
                             comparable: ..." on stderr when the runs differ (tasks, URLs,
                             knobs, Coroscope or Qt version, CPU count). A file that cannot be
                             read or is given twice: exit 2 before anything runs.
  --compare-csv FILE         with --compare-with: the comparison CSV (implies --headless)
  e.g. coroscope --headless --open today.coroscope --compare-with baseline.coroscope
         --compare-csv compare.csv          (a CI check against a saved baseline)
)")
        + u'\n'
        // A message of its own too: the translations above stay intact.
        + Cli::tr(R"(Checks before anything runs (exit status 2):
  --screenshot, --window-size, --playhead-ms, --row-height, --select-task, --find and --theme
  are the window's: --headless and --serve refuse them. An output option (--csv, --har, --save,
  ...) without --headless implies it. Every output is checked first: its folder must exist and
  take a file (not read-only), it must not be a directory, and no two options may name one file
  (an output over another or over an input, e.g. --open R --csv R; links count).
  --language takes en or zh_CN.
Signals: SIGINT, SIGTERM and SIGHUP stop a headless run; its summary ("stopped":true) and files
are still written, and the exit status is 128 + the signal (130, 143, 129).
)");
}

ParsedArguments parseArguments(const QStringList &arguments)
{
    ParsedArguments parsed;
    CliOptions &o = parsed.options;
    QString &error = parsed.error;
    bool headless = false;
    bool serve = false;
    QString windowOption; // the first option only the window reads
    QList<NamedFile> inputs;

    const QStringList valued{QStringLiteral("url"),
                             QStringLiteral("urls-file"),
                             QStringLiteral("tasks"),
                             QStringLiteral("strategy"),
                             QStringLiteral("workers"),
                             QStringLiteral("concurrency"),
                             QStringLiteral("connections-per-host"),
                             QStringLiteral("timeout-ms"),
                             QStringLiteral("max-body-bytes"),
                             QStringLiteral("server-capacity"),
                             QStringLiteral("port"),
                             QStringLiteral("csv"),
                             QStringLiteral("segments-csv"),
                             QStringLiteral("chrome-trace"),
                             QStringLiteral("chrome-trace-tracks"),
                             QStringLiteral("har"),
                             QStringLiteral("compare"),
                             QStringLiteral("compare-csv"),
                             QStringLiteral("ca-file"),
                             QStringLiteral("screenshot"),
                             QStringLiteral("window-size"),
                             QStringLiteral("playhead-ms"),
                             QStringLiteral("language"),
                             QStringLiteral("save"),
                             QStringLiteral("open"),
                             QStringLiteral("compare-with"),
                             QStringLiteral("theme"),
                             QStringLiteral("row-height"),
                             QStringLiteral("select-task"),
                             QStringLiteral("find")};
    const QStringList runOptions{QStringLiteral("url"),
                                 QStringLiteral("urls-file"),
                                 QStringLiteral("tasks"),
                                 QStringLiteral("strategy"),
                                 QStringLiteral("workers"),
                                 QStringLiteral("concurrency"),
                                 QStringLiteral("connections-per-host"),
                                 QStringLiteral("timeout-ms"),
                                 QStringLiteral("max-body-bytes")};

    for (qsizetype i = 1; i < arguments.size(); ++i) {
        QString arg = arguments.at(i);
        if (arg == u"-h" || arg == u"--help") {
            o.mode = CliOptions::Mode::Help;
            return parsed;
        }
        if (arg == u"--version") {
            o.mode = CliOptions::Mode::Version;
            return parsed;
        }
        if (arg == u"--headless") {
            headless = true;
            continue;
        }
        if (arg == u"--serve") {
            serve = true;
            continue;
        }
        if (arg == u"--tls") {
            o.tls = true;
            continue;
        }
        if (arg == u"--insecure") {
            o.spec.insecure = true;
            continue;
        }
        if (const qsizetype length = qtOptionLength(arguments, i); length > 0) {
            if (i + length > arguments.size()) {
                error = Cli::tr("option %1 needs a value").arg(arg);
                return parsed;
            }
            o.qtArguments.append(arguments.mid(i, length));
            i += length - 1;
            continue;
        }
        if (!arg.startsWith(u'-') && o.openPath.isEmpty()) {
            o.openPath = arg; // `coroscope FILE.coroscope`, as a file manager starts it
            continue;
        }
        if (!arg.startsWith(u"--")) {
            error = Cli::tr("unexpected argument \"%1\" (see --help)").arg(arg);
            return parsed;
        }
        QString name = arg.mid(2);
        QString value;
        const qsizetype eq = name.indexOf(u'=');
        bool hasValue = false;
        if (eq >= 0) {
            value = name.mid(eq + 1);
            name.truncate(eq);
            hasValue = true;
        }
        if (!valued.contains(name)) {
            error = Cli::tr("unknown option \"%1\" (see --help)").arg(arg);
            return parsed;
        }
        if (!hasValue) {
            if (i + 1 >= arguments.size()) {
                error = Cli::tr("option --%1 needs a value").arg(name);
                return parsed;
            }
            value = arguments.at(++i);
        }
        if (runOptions.contains(name))
            o.specGiven = true;

        if (windowOption.isEmpty()
            && (name == u"screenshot" || name == u"window-size" || name == u"playhead-ms"
                || name == u"theme" || name == u"row-height" || name == u"select-task"
                || name == u"find"))
            windowOption = QStringLiteral("--") + name;

        int number = 0;
        if (name == u"url") {
            QUrl url;
            error = checkUrl(value, &url);
            if (!error.isEmpty()) {
                error = Cli::tr("--url \"%1\": %2").arg(printableText(value, 200), error);
                return parsed;
            }
            o.spec.urls.append(url);
        } else if (name == u"urls-file") {
            inputs.append({QStringLiteral("--urls-file"), value});
            error = readUrlsFile(value, &o.spec.urls);
            if (!error.isEmpty())
                return parsed;
        } else if (name == u"tasks") {
            if (!parseInt(name, value, 1, RunSpec::MaxTasks, &o.spec.tasks, &error))
                return parsed;
        } else if (name == u"strategy") {
            if (!strategyFromName(value.trimmed(), &o.spec.strategy)) {
                error = Cli::tr("unknown strategy \"%1\": expected async, sequential, blocking, "
                                "wrapped-blocking or threads")
                            .arg(value);
                return parsed;
            }
        } else if (name == u"workers") {
            if (!parseInt(name, value, 1, 1000, &o.spec.workers, &error))
                return parsed;
        } else if (name == u"concurrency") {
            if (!parseInt(name, value, 0, RunSpec::MaxTasks, &o.spec.concurrency, &error))
                return parsed;
        } else if (name == u"connections-per-host") {
            if (!parseInt(name, value, 0, RunSpec::MaxTasks, &o.spec.connectionsPerHost, &error))
                return parsed;
        } else if (name == u"timeout-ms") {
            if (!parseInt(name, value, 0, 3600000, &o.spec.timeoutMs, &error))
                return parsed;
        } else if (name == u"max-body-bytes") {
            bool ok = false;
            const qlonglong v = value.trimmed().toLongLong(&ok);
            constexpr qlonglong Max = qlonglong(1) << 50;
            if (!ok || v < 1 || v > Max) {
                error = Cli::tr("invalid value \"%1\" for --%2: expected an integer from %3 to %4")
                            .arg(value, name)
                            .arg(1)
                            .arg(Max);
                return parsed;
            }
            o.spec.maxBodyBytes = v;
        } else if (name == u"server-capacity") {
            if (!parseInt(name, value, 0, 100000, &o.serverCapacity, &error))
                return parsed;
        } else if (name == u"port") {
            if (!parseInt(name, value, 0, 65535, &number, &error))
                return parsed;
            o.port = quint16(number);
        } else if (name == u"csv") {
            o.csvPath = value;
        } else if (name == u"segments-csv") {
            o.segmentsCsvPath = value;
        } else if (name == u"chrome-trace") {
            o.chromeTracePath = value;
        } else if (name == u"chrome-trace-tracks") {
            if (value == u"auto")
                o.chromeTracks = ChromeTracks::Auto;
            else if (value == u"tasks")
                o.chromeTracks = ChromeTracks::PerTask;
            else if (value == u"lanes")
                o.chromeTracks = ChromeTracks::Lanes;
            else {
                error = Cli::tr("--chrome-trace-tracks is auto, tasks or lanes, not \"%1\"")
                            .arg(printableText(value, 40));
                return parsed;
            }
        } else if (name == u"har") {
            o.harPath = value;
        } else if (name == u"compare") {
            const QStringList names = value.split(u',', Qt::SkipEmptyParts);
            for (const QString &n : names) {
                Strategy s;
                if (!strategyFromName(n.trimmed(), &s)) {
                    error = Cli::tr("unknown strategy \"%1\" in --compare").arg(n);
                    return parsed;
                }
                if (!o.compare.contains(s))
                    o.compare.append(s);
            }
            if (o.compare.isEmpty()) {
                error = Cli::tr("--compare needs at least one strategy");
                return parsed;
            }
        } else if (name == u"compare-csv") {
            o.compareCsvPath = value;
        } else if (name == u"ca-file") {
            inputs.append({QStringLiteral("--ca-file"), value});
            error = readCaFile(value, &o.spec.caCertificates);
            if (!error.isEmpty())
                return parsed;
        } else if (name == u"screenshot") {
            o.screenshotPath = value;
        } else if (name == u"window-size") {
            const QStringList parts = value.split(u'x');
            bool okW = false, okH = false;
            const int w = parts.size() == 2 ? parts.at(0).toInt(&okW) : 0;
            const int h = parts.size() == 2 ? parts.at(1).toInt(&okH) : 0;
            if (!okW || !okH) {
                error = Cli::tr("--window-size wants WIDTHxHEIGHT in pixels, e.g. 1024x700, "
                                "not \"%1\"")
                            .arg(printableText(value, 40));
                return parsed;
            }
            constexpr QSize Min(200, 150);
            constexpr QSize Max(16384, 16384);
            if (w < Min.width() || h < Min.height() || w > Max.width() || h > Max.height()) {
                const bool small = w < Min.width() || h < Min.height();
                const QSize limit = small ? Min : Max;
                error = (small ? Cli::tr("--window-size %1 is too small: the smallest is %2x%3")
                               : Cli::tr("--window-size %1 is too large: the largest is %2x%3"))
                            .arg(printableText(value, 40))
                            .arg(limit.width())
                            .arg(limit.height());
                return parsed;
            }
            o.windowSize = QSize(w, h);
        } else if (name == u"playhead-ms") {
            bool ok = false;
            o.playheadMs = value.toLongLong(&ok);
            if (!ok || o.playheadMs < 0) {
                error = Cli::tr("--playhead-ms wants milliseconds from the run's start, not \"%1\"")
                            .arg(printableText(value, 40));
                return parsed;
            }
        } else if (name == u"language") {
            if (!languageAvailable(value.trimmed())) {
                error = Cli::tr("unknown language \"%1\": available are %2")
                            .arg(printableText(value, 40), Languages.join(QStringLiteral(", ")));
                return parsed;
            }
            o.language = value.trimmed();
        } else if (name == u"save") {
            o.savePath = value;
        } else if (name == u"open") {
            if (!o.openPath.isEmpty()) {
                error = Cli::tr("only one run file can be opened (\"%1\" and \"%2\")")
                            .arg(o.openPath, value);
                return parsed;
            }
            o.openPath = value;
        } else if (name == u"compare-with") {
            o.compareWith.append(value);
        } else if (name == u"theme") {
            o.theme = value.trimmed().toLower();
            if (o.theme != u"system" && o.theme != u"light" && o.theme != u"dark") {
                error = Cli::tr("unknown theme \"%1\": expected system, light or dark").arg(value);
                return parsed;
            }
        } else if (name == u"row-height") {
            if (!parseInt(name, value, 1, 64, &o.rowHeight, &error))
                return parsed;
        } else if (name == u"select-task") {
            if (!parseInt(name, value, 0, 100000, &o.selectTask, &error))
                return parsed;
        } else if (name == u"find") {
            o.find = value;
        }
    }

    o.urlsGiven = !o.spec.urls.isEmpty();
    if (headless && serve) {
        error = Cli::tr("--headless and --serve cannot be combined");
        return parsed;
    }
    if (!o.openPath.isEmpty() && (o.specGiven || !o.compare.isEmpty())) {
        error = Cli::tr("%1 is a saved run: run options and --compare do not apply to it")
                    .arg(o.openPath);
        return parsed;
    }
    if (!o.compareCsvPath.isEmpty() && o.compare.isEmpty() && o.openPath.isEmpty()
        && o.compareWith.isEmpty()) {
        error = Cli::tr("--compare-csv needs --compare");
        return parsed;
    }
    const bool comparingHeadless = !o.compare.isEmpty() && !headless && o.screenshotPath.isEmpty();
    if (comparingHeadless)
        headless = true; // comparing from the command line is a headless job
    // Files are written only without a window (a screenshot saves only its image), so asking
    // for one means a headless job: converting a run file, checking against a baseline, saving.
    const QList<NamedFile> outputs = [&o] {
        QList<NamedFile> files;
        const std::pair<const char *, const QString *> named[] = {
            {"--csv", &o.csvPath},
            {"--segments-csv", &o.segmentsCsvPath},
            {"--chrome-trace", &o.chromeTracePath},
            {"--har", &o.harPath},
            {"--compare-csv", &o.compareCsvPath},
            {"--save", &o.savePath},
            {"--screenshot", &o.screenshotPath},
        };
        for (const auto &[option, path] : named) {
            if (!path->isEmpty())
                files.append({QString::fromLatin1(option), *path});
        }
        return files;
    }();
    const bool writesFiles = !outputs.isEmpty() && outputs.constFirst().option != u"--screenshot";
    if (writesFiles && !headless && !serve) {
        if (!o.screenshotPath.isEmpty()) {
            error = Cli::tr("%1 needs --headless (a screenshot saves only its image)")
                        .arg(outputs.constFirst().option);
            return parsed;
        }
        headless = true;
    }
    // Only the window reads them: ignoring one silently would let "-platform offscreen",
    // "--theme dark" or "--screenshot x.png" look as if it had done something.
    const QString windowOnly = !o.qtArguments.isEmpty() ? o.qtArguments.constFirst() : windowOption;
    if ((headless || serve) && !windowOnly.isEmpty()) {
        const QString mode = serve
            ? QStringLiteral("--serve")
            : (comparingHeadless ? QStringLiteral("--compare") : QStringLiteral("--headless"));
        error = Cli::tr("%1 is an option of the window; %2 does not take it").arg(windowOnly, mode);
        return parsed;
    }
    if (serve && !outputs.isEmpty()) {
        error = Cli::tr("%1 writes a run's file; --serve runs nothing")
                    .arg(outputs.constFirst().option);
        return parsed;
    }
    if (!o.openPath.isEmpty())
        inputs.append({QStringLiteral("--open"), o.openPath});
    for (const QString &path : std::as_const(o.compareWith))
        inputs.append({QStringLiteral("--compare-with"), path});
    error = checkFiles(inputs, outputs);
    if (!error.isEmpty())
        return parsed;
    o.mode = serve ? CliOptions::Mode::Serve
                   : (headless ? CliOptions::Mode::Headless : CliOptions::Mode::Gui);
    return parsed;
}

} // namespace Coroscope
