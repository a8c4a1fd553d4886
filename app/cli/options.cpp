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

// An integer option's value, or why not.
QString intValue(const QString &value, int min, int max, int *out, const char *option)
{
    QString error;
    parseInt(QString::fromLatin1(option), value, min, max, out, &error);
    return error;
}

// What an option is for the checks after parsing. A run option replaces the window's saved
// settings; a window option is refused without a window; an output is checked before a run and
// needs a headless job; an input must not be overwritten by an output.
enum OptionKind : unsigned {
    Plain = 0,
    RunOption = 1,
    WindowOption = 2,
    Output = 4,
    Input = 8,
};

// One option taking a value (--name VALUE or --name=VALUE). Every name is here once; parsing and
// the checks after it read this table, and tst_options checks it against --help and the README.
// To add an option: an entry here (--name VALUE: its kind and a setter that stores the value
// into CliOptions, a new field there if needed, or says why it is wrong; an output needs only
// its CliOptions path, checked and refused before a run), or in Flags below (--name alone: an
// entry and its case in parseArguments()'s switch). Then document it in helpText() (a new tr()
// message of its own keeps the translations of the others intact) and in the README's "Command
// line" section; a window option also in helpText()'s "Checks before anything runs". tst_options
// checks that --help and the README name every option of the tables, that every option --help
// names parses, and that the window options --help lists are this table's.
struct ValuedOption
{
    const char *name;
    unsigned kind;
    // Stores `value` into the options, or returns why it is wrong.
    QString (*set)(CliOptions &o, const QString &value);
    // Outputs: the path's place (set is then unused).
    QString CliOptions::*path = nullptr;
};

// Outputs are in the order their conflicts are reported.
const ValuedOption ValuedOptions[] = {
    {"url", RunOption,
     [](CliOptions &o, const QString &value) {
         QUrl url;
         const QString error = checkUrl(value, &url);
         if (!error.isEmpty())
             return Cli::tr("--url \"%1\": %2").arg(printableText(value, 200), error);
         o.spec.urls.append(url);
         return QString();
     }},
    {"urls-file", RunOption | Input,
     [](CliOptions &o, const QString &value) { return readUrlsFile(value, &o.spec.urls); }},
    {"tasks", RunOption,
     [](CliOptions &o, const QString &value) {
         return intValue(value, 1, RunSpec::MaxTasks, &o.spec.tasks, "tasks");
     }},
    {"strategy", RunOption,
     [](CliOptions &o, const QString &value) {
         if (strategyFromName(value.trimmed(), &o.spec.strategy))
             return QString();
         return Cli::tr("unknown strategy \"%1\": expected async, sequential, blocking, "
                        "wrapped-blocking or threads")
             .arg(value);
     }},
    {"workers", RunOption,
     [](CliOptions &o, const QString &value) {
         return intValue(value, 1, 1000, &o.spec.workers, "workers");
     }},
    {"concurrency", RunOption,
     [](CliOptions &o, const QString &value) {
         return intValue(value, 0, RunSpec::MaxTasks, &o.spec.concurrency, "concurrency");
     }},
    {"connections-per-host", RunOption,
     [](CliOptions &o, const QString &value) {
         return intValue(value, 0, RunSpec::MaxTasks, &o.spec.connectionsPerHost,
                         "connections-per-host");
     }},
    {"timeout-ms", RunOption,
     [](CliOptions &o, const QString &value) {
         return intValue(value, 0, 3600000, &o.spec.timeoutMs, "timeout-ms");
     }},
    {"max-body-bytes", RunOption,
     [](CliOptions &o, const QString &value) {
         bool ok = false;
         const qlonglong v = value.trimmed().toLongLong(&ok);
         constexpr qlonglong Max = qlonglong(1) << 50;
         if (!ok || v < 1 || v > Max)
             return Cli::tr("invalid value \"%1\" for --%2: expected an integer from %3 to %4")
                 .arg(value, QStringLiteral("max-body-bytes"))
                 .arg(1)
                 .arg(Max);
         o.spec.maxBodyBytes = v;
         return QString();
     }},
    {"server-capacity", Plain,
     [](CliOptions &o, const QString &value) {
         return intValue(value, 0, 100000, &o.serverCapacity, "server-capacity");
     }},
    {"port", Plain,
     [](CliOptions &o, const QString &value) {
         int number = 0;
         const QString error = intValue(value, 0, 65535, &number, "port");
         o.port = quint16(number);
         return error;
     }},
    {"csv", Output, nullptr, &CliOptions::csvPath},
    {"segments-csv", Output, nullptr, &CliOptions::segmentsCsvPath},
    {"chrome-trace", Output, nullptr, &CliOptions::chromeTracePath},
    {"chrome-trace-tracks", Plain,
     [](CliOptions &o, const QString &value) {
         if (value == u"auto")
             o.chromeTracks = ChromeTracks::Auto;
         else if (value == u"tasks")
             o.chromeTracks = ChromeTracks::PerTask;
         else if (value == u"lanes")
             o.chromeTracks = ChromeTracks::Lanes;
         else
             return Cli::tr("--chrome-trace-tracks is auto, tasks or lanes, not \"%1\"")
                 .arg(printableText(value, 40));
         return QString();
     }},
    {"har", Output, nullptr, &CliOptions::harPath},
    {"compare", Plain,
     [](CliOptions &o, const QString &value) {
         const QStringList names = value.split(u',', Qt::SkipEmptyParts);
         for (const QString &n : names) {
             Strategy s;
             if (!strategyFromName(n.trimmed(), &s))
                 return Cli::tr("unknown strategy \"%1\" in --compare").arg(n);
             if (!o.compare.contains(s))
                 o.compare.append(s);
         }
         if (o.compare.isEmpty())
             return Cli::tr("--compare needs at least one strategy");
         return QString();
     }},
    {"compare-csv", Output, nullptr, &CliOptions::compareCsvPath},
    {"sweep", Plain,
     [](CliOptions &o, const QString &value) {
         if (o.sweepGiven)
             return Cli::tr("--sweep is given twice: a sweep varies one knob");
         o.sweepGiven = true;
         return parseSweepArgument(value, &o.sweepKnob, &o.sweepValues);
     }},
    {"repeat", Plain,
     [](CliOptions &o, const QString &value) {
         return intValue(value, 1, SweepSpec::MaxRepeat, &o.sweepRepeat, "repeat");
     }},
    {"sweep-csv", Output, nullptr, &CliOptions::sweepCsvPath},
    {"ca-file", Input,
     [](CliOptions &o, const QString &value) { return readCaFile(value, &o.spec.caCertificates); }},
    {"save", Output, nullptr, &CliOptions::savePath},
    {"report", Output, nullptr, &CliOptions::reportPath},
    {"screenshot", WindowOption | Output, nullptr, &CliOptions::screenshotPath},
    {"window-size", WindowOption,
     [](CliOptions &o, const QString &value) {
         const QStringList parts = value.split(u'x');
         bool okW = false, okH = false;
         const int w = parts.size() == 2 ? parts.at(0).toInt(&okW) : 0;
         const int h = parts.size() == 2 ? parts.at(1).toInt(&okH) : 0;
         if (!okW || !okH)
             return Cli::tr("--window-size wants WIDTHxHEIGHT in pixels, e.g. 1024x700, "
                            "not \"%1\"")
                 .arg(printableText(value, 40));
         constexpr QSize Min(200, 150);
         constexpr QSize Max(16384, 16384);
         if (w < Min.width() || h < Min.height() || w > Max.width() || h > Max.height()) {
             const bool small = w < Min.width() || h < Min.height();
             const QSize limit = small ? Min : Max;
             return (small ? Cli::tr("--window-size %1 is too small: the smallest is %2x%3")
                           : Cli::tr("--window-size %1 is too large: the largest is %2x%3"))
                 .arg(printableText(value, 40))
                 .arg(limit.width())
                 .arg(limit.height());
         }
         o.windowSize = QSize(w, h);
         return QString();
     }},
    {"playhead-ms", WindowOption,
     [](CliOptions &o, const QString &value) {
         bool ok = false;
         o.playheadMs = value.toLongLong(&ok);
         if (!ok || o.playheadMs < 0)
             return Cli::tr("--playhead-ms wants milliseconds from the run's start, not \"%1\"")
                 .arg(printableText(value, 40));
         return QString();
     }},
    {"language", Plain,
     [](CliOptions &o, const QString &value) {
         if (!languageAvailable(value.trimmed()))
             return Cli::tr("unknown language \"%1\": available are %2")
                 .arg(printableText(value, 40), Languages.join(QStringLiteral(", ")));
         o.language = value.trimmed();
         return QString();
     }},
    {"open", Plain,
     [](CliOptions &o, const QString &value) {
         if (!o.openPath.isEmpty())
             return Cli::tr("only one run file can be opened (\"%1\" and \"%2\")")
                 .arg(o.openPath, value);
         o.openPath = value;
         return QString();
     }},
    {"compare-with", Plain,
     [](CliOptions &o, const QString &value) {
         o.compareWith.append(value);
         return QString();
     }},
    {"theme", WindowOption,
     [](CliOptions &o, const QString &value) {
         o.theme = value.trimmed().toLower();
         if (o.theme != u"system" && o.theme != u"light" && o.theme != u"dark")
             return Cli::tr("unknown theme \"%1\": expected system, light or dark").arg(value);
         return QString();
     }},
    {"row-height", WindowOption,
     [](CliOptions &o, const QString &value) {
         return intValue(value, 1, 64, &o.rowHeight, "row-height");
     }},
    {"select-task", WindowOption,
     [](CliOptions &o, const QString &value) {
         return intValue(value, 0, 100000, &o.selectTask, "select-task");
     }},
    {"find", WindowOption,
     [](CliOptions &o, const QString &value) {
         o.find = value;
         return QString();
     }},
};

// A sweep's options together: what it needs and what does not apply to it.
QString checkSweepOptions(const CliOptions &o)
{
    if (!o.sweepGiven) {
        if (o.sweepRepeat > 0)
            return Cli::tr("--repeat needs --sweep");
        if (!o.sweepCsvPath.isEmpty() && o.openPath.isEmpty())
            return Cli::tr("--sweep-csv needs --sweep (or --open of a saved sweep)");
        return {};
    }
    if (!o.openPath.isEmpty())
        return Cli::tr("--sweep runs a workload: it does not apply to a saved run (%1)")
            .arg(o.openPath);
    if (!o.compareWith.isEmpty())
        return Cli::tr("--compare-with does not apply to a sweep");
    // Per-run exports of a sweep's many runs would not say which point a row belongs to.
    const QList<QPair<QString, QString>> perRun{
        {QStringLiteral("--csv"), o.csvPath},
        {QStringLiteral("--segments-csv"), o.segmentsCsvPath},
        {QStringLiteral("--chrome-trace"), o.chromeTracePath},
        {QStringLiteral("--har"), o.harPath},
        {QStringLiteral("--compare-csv"), o.compareCsvPath}};
    for (const auto &[option, path] : perRun) {
        if (!path.isEmpty())
            return Cli::tr("%1 writes one run's file; a sweep writes --sweep-csv and --save "
                           "(its runs, each one opens in the window)")
                .arg(option);
    }
    const int points = int(o.sweepValues.size()) * int(o.compare.isEmpty() ? 1 : o.compare.size())
        * std::max(o.sweepRepeat, 1);
    if (points > SweepSpec::MaxPoints)
        return Cli::tr("a sweep of %1 runs is more than %2: fewer values, strategies or repeats")
            .arg(points)
            .arg(SweepSpec::MaxPoints);
    return {};
}

// --record -- CMD ARGS: a program to run and record, not a workload; what does not fit it is
// refused before anything runs.
QString checkRecord(const CliOptions &o, bool record, bool separator, bool serve)
{
    if (!record) {
        if (separator)
            return Cli::tr("\"--\" starts the program to record and needs --record before it, "
                           "e.g. coroscope --record -- python3 prog.py");
        return QString();
    }
    if (o.recordCommand.isEmpty() || o.recordCommand.constFirst().isEmpty())
        return Cli::tr("--record needs the program after \"--\", e.g. coroscope --record -- "
                       "python3 prog.py");
    if (serve)
        return Cli::tr("--record and --serve cannot be combined");
    if (!o.openPath.isEmpty())
        return Cli::tr("--record records a program; it does not open %1").arg(o.openPath);
    if (o.specGiven || !o.compare.isEmpty())
        return Cli::tr("run options and --compare do not apply to --record (the program is the "
                       "workload)");
    return QString();
}

const ValuedOption *findValuedOption(QStringView name)
{
    for (const ValuedOption &option : ValuedOptions) {
        if (name == QLatin1StringView(option.name))
            return &option;
    }
    return nullptr;
}

// The options without a value ("-h" is --help too).
enum class Flag { Help, Version, Headless, Serve, Tls, Insecure, NoAloneMeasurement, Record };
struct FlagOption
{
    const char *name;
    Flag flag;
};
constexpr FlagOption Flags[] = {
    {"help", Flag::Help},
    {"version", Flag::Version},
    {"headless", Flag::Headless},
    {"serve", Flag::Serve},
    {"tls", Flag::Tls},
    {"insecure", Flag::Insecure},
    {"no-alone-measurement", Flag::NoAloneMeasurement},
    {"record", Flag::Record},
};

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

QStringList optionNames()
{
    QStringList names;
    for (const FlagOption &flag : Flags)
        names.append(QStringLiteral("--") + QLatin1StringView(flag.name));
    for (const ValuedOption &option : ValuedOptions)
        names.append(QStringLiteral("--") + QLatin1StringView(option.name));
    return names;
}

QStringList windowOptionNames()
{
    QStringList names;
    for (const ValuedOption &option : ValuedOptions) {
        if (option.kind & WindowOption)
            names.append(QStringLiteral("--") + QLatin1StringView(option.name));
    }
    return names;
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

ParsedArguments parseArguments(const QStringList &arguments)
{
    ParsedArguments parsed;
    CliOptions &o = parsed.options;
    // The window and the command line measure each URL alone unless told not to (RunSpec's own
    // default is off, for runs built in code).
    o.spec.measureAlone = true;
    QString &error = parsed.error;
    bool headless = false;
    bool serve = false;
    bool record = false;
    bool separator = false; // "--" seen: the rest is the program to record
    QString windowOption; // the first option only the window reads
    QList<NamedFile> inputs;

    for (qsizetype i = 1; i < arguments.size(); ++i) {
        QString arg = arguments.at(i);
        if (arg == u"--") {
            separator = true;
            o.recordCommand = arguments.mid(i + 1);
            break;
        }
        const FlagOption *flag = nullptr;
        for (const FlagOption &f : Flags) {
            if (arg.startsWith(u"--") && QStringView(arg).sliced(2) == QLatin1StringView(f.name))
                flag = &f;
        }
        if (arg == u"-h")
            flag = &Flags[0];
        if (flag) {
            switch (flag->flag) {
            case Flag::Help:
                o.mode = CliOptions::Mode::Help;
                return parsed;
            case Flag::Version:
                o.mode = CliOptions::Mode::Version;
                return parsed;
            case Flag::Headless:
                headless = true;
                break;
            case Flag::Serve:
                serve = true;
                break;
            case Flag::Tls:
                o.tls = true;
                break;
            case Flag::Insecure:
                o.spec.insecure = true;
                break;
            case Flag::NoAloneMeasurement:
                o.spec.measureAlone = false;
                o.specGiven = true;
                break;
            case Flag::Record:
                record = true;
                break;
            }
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
        const ValuedOption *option = findValuedOption(name);
        if (!option) {
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
        const QString dashed = QStringLiteral("--") + name;
        if (option->kind & RunOption)
            o.specGiven = true;
        if ((option->kind & WindowOption) && windowOption.isEmpty())
            windowOption = dashed;
        if (option->kind & Input)
            inputs.append({dashed, value});
        if (option->path)
            o.*(option->path) = value;
        else
            error = option->set(o, value);
        if (!error.isEmpty())
            return parsed;
    }

    o.urlsGiven = !o.spec.urls.isEmpty();
    if (const QString recordError = checkRecord(o, record, separator, serve);
        !recordError.isEmpty()) {
        error = recordError;
        return parsed;
    }
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
    if (const QString sweepError = checkSweepOptions(o); !sweepError.isEmpty()) {
        error = sweepError;
        return parsed;
    }
    const bool comparingHeadless
        = (!o.compare.isEmpty() || o.sweepGiven) && !headless && o.screenshotPath.isEmpty();
    if (comparingHeadless)
        headless = true; // comparing from the command line is a headless job
    // Files are written only without a window (a screenshot saves only its image), so asking
    // for one means a headless job: converting a run file, checking against a baseline, saving.
    QList<NamedFile> outputs;
    for (const ValuedOption &option : ValuedOptions) {
        if ((option.kind & Output) && !(o.*(option.path)).isEmpty())
            outputs.append(
                {QStringLiteral("--") + QLatin1StringView(option.name), o.*(option.path)});
    }
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
