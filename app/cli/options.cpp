#include "options.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QStringDecoder>

#include <cerrno>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

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

// --urls-file limits. The file is read line by line and only the URLs are kept, so memory follows
// the URLs, not the file: a file of comments costs a line buffer. A run fetches at most
// RunSpec::MaxTasks URLs (round-robin), so more are a mistake, not a workload.
constexpr qint64 MaxUrlsFileBytes = 64 * 1024 * 1024;
constexpr qint64 MaxUrlsFileLineBytes = 64 * 1024;

QString urlsFileTooLarge(const QString &path)
{
    return Cli::tr("--urls-file: %1 is larger than %2 MiB")
        .arg(path)
        .arg(MaxUrlsFileBytes / (1024 * 1024));
}

QString urlsFileNotRegular(const QString &path)
{
    return Cli::tr("--urls-file: %1 is not a regular file").arg(path);
}

// Opens `path` for reading only if it is a regular file of at most MaxUrlsFileBytes. The type is
// checked before opening: opening a FIFO without a writer blocks forever, and a device like
// /dev/zero never ends.
QString openUrlsFile(const QString &path, QFile *file)
{
    const QFileInfo info(path); // follows symbolic links, as open() will
    if (info.exists() && !info.isFile())
        return urlsFileNotRegular(path);
    if (info.exists() && info.size() > MaxUrlsFileBytes)
        return urlsFileTooLarge(path);
#ifdef Q_OS_UNIX
    // The file may be swapped for a FIFO between the check and the open: O_NONBLOCK keeps that
    // open from blocking, and fstat() checks what was actually opened.
    errno = 0;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return Cli::tr("--urls-file: cannot read %1: %2").arg(path, qt_error_string(errno));
    struct stat st = {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return urlsFileNotRegular(path);
    }
    if (st.st_size > MaxUrlsFileBytes) {
        ::close(fd);
        return urlsFileTooLarge(path);
    }
    if (!file->open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        return Cli::tr("--urls-file: cannot read %1: %2").arg(path, file->errorString());
    }
#else
    file->setFileName(path);
    if (!file->open(QIODevice::ReadOnly))
        return Cli::tr("--urls-file: cannot read %1: %2").arg(path, file->errorString());
#endif
    return {};
}

// Appends the URLs of `path` to *urls: one per line, blank lines and lines starting with #
// skipped, LF or CRLF endings, UTF-8. Returns an empty string or the error sentence.
QString readUrlsFile(const QString &path, QList<QUrl> *urls)
{
    QFile file;
    if (const QString error = openUrlsFile(path, &file); !error.isEmpty())
        return error;

    // One buffer for every line: readLine(char *, max) neither allocates nor grows, so a line
    // cannot cost more than the cap. +1 for readLine's terminating NUL, +2 for CR LF.
    QByteArray buffer(MaxUrlsFileLineBytes + 3, Qt::Uninitialized);
    qint64 total = 0;
    qsizetype found = 0;
    for (int lineNumber = 1; !file.atEnd(); ++lineNumber) {
        const qint64 read = file.readLine(buffer.data(), buffer.size());
        if (read < 0)
            return Cli::tr("--urls-file: cannot read %1: %2").arg(path, file.errorString());
        total += read;
        if (total > MaxUrlsFileBytes) // it grew since it was checked
            return urlsFileTooLarge(path);
        QByteArrayView line(buffer.constData(), read);
        if (line.endsWith('\n'))
            line.chop(1);
        else if (read == buffer.size() - 1 && !file.atEnd())
            return Cli::tr("--urls-file: line %1 of %2 is longer than %3 KiB")
                .arg(lineNumber)
                .arg(path)
                .arg(MaxUrlsFileLineBytes / 1024);
        if (line.endsWith('\r')) // CRLF, as Windows editors write it
            line.chop(1);
        if (lineNumber == 1 && line.startsWith("\xEF\xBB\xBF")) // UTF-8 byte order mark
            line = line.sliced(3);
        // NUL and friends mean a binary file or a paste gone wrong, and would be cut or kept
        // invisibly in a URL. Tab is whitespace; a CR inside a line is not a line ending.
        for (const char c : line) {
            const auto byte = uchar(c);
            if ((byte < 0x20 && byte != '\t') || byte == 0x7f)
                return Cli::tr("--urls-file: line %1 of %2 contains a control character (0x%3)")
                    .arg(lineNumber)
                    .arg(path)
                    .arg(uint(byte), 2, 16, QLatin1Char('0'));
        }
        qsizetype first = 0;
        while (first < line.size() && (line.at(first) == ' ' || line.at(first) == '\t'))
            ++first;
        if (first == line.size() || line.at(first) == '#')
            continue;

        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = decoder.decode(line);
        if (decoder.hasError())
            return Cli::tr("--urls-file: line %1 of %2 is not valid UTF-8")
                .arg(lineNumber)
                .arg(path);
        for (const QChar c : text) {
            if (c.category() == QChar::Other_Control && c != u'\t') // C1 controls
                return Cli::tr("--urls-file: line %1 of %2 contains a control character (0x%3)")
                    .arg(lineNumber)
                    .arg(path)
                    .arg(uint(c.unicode()), 2, 16, QLatin1Char('0'));
        }
        QUrl url;
        if (const QString error = checkUrl(text, &url); !error.isEmpty())
            return Cli::tr("--urls-file: line %1 of %2: %3").arg(lineNumber).arg(path, error);
        if (urls->size() >= RunSpec::MaxTasks)
            return Cli::tr("--urls-file: %1 holds more than %2 URLs, the most a run can fetch")
                .arg(path)
                .arg(RunSpec::MaxTasks);
        urls->append(url);
        ++found;
    }
    if (found == 0)
        return Cli::tr("--urls-file: %1 holds no URL").arg(path);
    return {};
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
  --max-body-bytes N         a longer body ends the task as an error (default 1073741824);
                             bodies are counted as transferred, never kept or inflated
  --server-capacity K        embedded server handles at most K requests at once, 0 = unlimited
  --port N                   embedded server port (default 8765; a free one if busy)
  --csv FILE                 write the tasks CSV
  --segments-csv FILE        write the segments CSV
  --chrome-trace FILE        write the run as Chrome trace JSON (chrome://tracing, Perfetto)
  --har FILE                 write the requests as HAR 1.2 (browser dev tools, HAR viewers)
  --compare LIST             run each strategy of a comma-separated list in turn
  --compare-csv FILE         write the comparison CSV (with --compare)
  --language CODE            user interface language, e.g. en or zh_CN
  --row-height PX            window: timeline row height, 1 (density) up to the full height
  --select-task N            window: select task N (its details in the Details dock)
  --find TEXT                window: search the timeline for TEXT (URL, error, await label)
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
                             QStringLiteral("max-body-bytes"),
                             QStringLiteral("server-capacity"),
                             QStringLiteral("port"),
                             QStringLiteral("csv"),
                             QStringLiteral("segments-csv"),
                             QStringLiteral("chrome-trace"),
                             QStringLiteral("har"),
                             QStringLiteral("compare"),
                             QStringLiteral("compare-csv"),
                             QStringLiteral("screenshot"),
                             QStringLiteral("language"),
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
            QUrl url;
            error = checkUrl(value, &url);
            if (!error.isEmpty())
                return parsed;
            o.spec.urls.append(url);
        } else if (name == u"urls-file") {
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
        } else if (name == u"screenshot") {
            o.screenshotPath = value;
        } else if (name == u"language") {
            o.language = value;
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
