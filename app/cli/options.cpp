#include "options.h"

#include <QCoreApplication>
#include <QFile>

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
} // namespace

QString helpText()
{
    return Cli::tr(R"(Usage: coroscope [options]

Coroscope makes coroutine scheduling visible: it runs HTTP workloads as QCoro coroutines on a
Qt event loop and records when every task is pending, running, suspended and finished.

Modes:
  coroscope                      open the window (the embedded server's /delay/1 x 10 is ready)
  coroscope --headless [opts]    run a workload without a window; last stdout line is JSON
  coroscope --serve [--port N] [--server-capacity K]
                                 only the embedded test server, until interrupted
  coroscope --screenshot FILE [opts]
                                 open the window, run, save a PNG of it, exit

Run options:
  --url URL                  a URL to fetch (repeatable); default: embedded server /delay/1
  --urls-file FILE           URLs, one per line (# starts a comment)
  --tasks N                  number of tasks, 1-100000 (default 10)
  --strategy NAME            async (default), sequential, blocking, wrapped-blocking, threads
  --workers W                worker threads for the threads strategy (default 8)
  --concurrency N            max tasks in flight, 0 = unlimited (default 0)
  --connections-per-host N   0 = unlimited (default 0)
  --timeout-ms N             per-request timeout, 0 = none (default 30000)
  --server-capacity K        embedded server handles at most K requests at once, 0 = unlimited
  --port N                   embedded server port (default 8765; a free one if busy)
  --csv FILE                 write the tasks CSV
  --segments-csv FILE        write the segments CSV
  --chrome-trace FILE        write the run as Chrome trace JSON (chrome://tracing, Perfetto)
  --compare LIST             run each strategy of a comma-separated list in turn
  --compare-csv FILE         write the comparison CSV (with --compare)
  --language CODE            user interface language, e.g. en or zh_CN
  -h, --help                 this help
  --version                  the version

Exit status: 0 when the run completed (even with failed requests), 1 when an output file could
not be written or the server could not start, 2 on bad arguments.
)");
}

ParsedArguments parseArguments(const QStringList &arguments)
{
    ParsedArguments parsed;
    CliOptions &o = parsed.options;
    QString &error = parsed.error;
    QStringList urlTexts;
    bool headless = false;
    bool serve = false;

    const QStringList valued{QStringLiteral("url"),
                             QStringLiteral("urls-file"),
                             QStringLiteral("tasks"),
                             QStringLiteral("strategy"),
                             QStringLiteral("workers"),
                             QStringLiteral("concurrency"),
                             QStringLiteral("connections-per-host"),
                             QStringLiteral("timeout-ms"),
                             QStringLiteral("server-capacity"),
                             QStringLiteral("port"),
                             QStringLiteral("csv"),
                             QStringLiteral("segments-csv"),
                             QStringLiteral("chrome-trace"),
                             QStringLiteral("compare"),
                             QStringLiteral("compare-csv"),
                             QStringLiteral("screenshot"),
                             QStringLiteral("language")};
    const QStringList runOptions{QStringLiteral("url"),
                                 QStringLiteral("urls-file"),
                                 QStringLiteral("tasks"),
                                 QStringLiteral("strategy"),
                                 QStringLiteral("workers"),
                                 QStringLiteral("concurrency"),
                                 QStringLiteral("connections-per-host"),
                                 QStringLiteral("timeout-ms")};

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

        int number = 0;
        if (name == u"url") {
            urlTexts.append(value);
        } else if (name == u"urls-file") {
            QFile file(value);
            if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
                error
                    = Cli::tr("cannot read --urls-file \"%1\": %2").arg(value, file.errorString());
                return parsed;
            }
            const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
            for (const QString &line : lines) {
                const QString t = line.trimmed();
                if (!t.isEmpty() && !t.startsWith(u'#'))
                    urlTexts.append(t);
            }
            if (urlTexts.isEmpty()) {
                error = Cli::tr("--urls-file \"%1\" holds no URL").arg(value);
                return parsed;
            }
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
        } else if (name == u"screenshot") {
            o.screenshotPath = value;
        } else if (name == u"language") {
            o.language = value;
        }
    }

    for (const QString &text : std::as_const(urlTexts)) {
        QUrl url;
        const QString urlError = checkUrl(text, &url);
        if (!urlError.isEmpty()) {
            error = urlError;
            return parsed;
        }
        o.spec.urls.append(url);
    }
    o.urlsGiven = !urlTexts.isEmpty();
    if (headless && serve) {
        error = Cli::tr("--headless and --serve cannot be combined");
        return parsed;
    }
    if (!o.compareCsvPath.isEmpty() && o.compare.isEmpty()) {
        error = Cli::tr("--compare-csv needs --compare");
        return parsed;
    }
    if (!o.compare.isEmpty() && !headless && o.screenshotPath.isEmpty())
        headless = true; // comparing from the command line is a headless job
    o.mode = serve ? CliOptions::Mode::Serve
                   : (headless ? CliOptions::Mode::Headless : CliOptions::Mode::Gui);
    return parsed;
}

} // namespace Coroscope
