#include "cli/options.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <future>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {
// Parses on another thread so that a --urls-file that blocks (a FIFO opened without a writer)
// fails the test after `timeout` instead of hanging it. On a timeout the FIFO (if any) is opened
// for writing, which releases the blocked reader, so the thread can still be joined.
std::optional<ParsedArguments> parseWithin(const QStringList &args, const QString &fifo,
                                           std::chrono::milliseconds timeout)
{
    auto future = std::async(std::launch::async, [args] { return parseArguments(args); });
    if (future.wait_for(timeout) == std::future_status::ready)
        return future.get();
    if (!fifo.isEmpty()) {
        const int fd = ::open(QFile::encodeName(fifo).constData(), O_WRONLY | O_NONBLOCK);
        if (fd >= 0)
            ::close(fd);
    }
    future.wait();
    return std::nullopt;
}

QString writeFile(const QDir &dir, const QString &name, const QByteArray &content)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return file.fileName();
}
} // namespace

class TestOptions : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_fifo;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_fifo = m_dir.filePath(u"fifo"_s);
        QCOMPARE(::mkfifo(QFile::encodeName(m_fifo).constData(), 0600), 0);
    }

    // Every file --urls-file must refuse, and the sentence that names why. Each row must also
    // end promptly: none may block or read without end.
    void urlsFileRefused_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        const QDir dir(m_dir.path());

        QTest::newRow("/dev/zero is endless: refused, not read")
            << u"/dev/zero"_s << u"--urls-file: /dev/zero is not a regular file"_s;
        QTest::newRow("/dev/urandom is endless: refused, not read")
            << u"/dev/urandom"_s << u"--urls-file: /dev/urandom is not a regular file"_s;
        QTest::newRow("fifo without writer: refused without blocking")
            << m_fifo << u"--urls-file: %1 is not a regular file"_s.arg(m_fifo);
        QTest::newRow("directory")
            << m_dir.path() << u"--urls-file: %1 is not a regular file"_s.arg(m_dir.path());
        const QString missing = dir.filePath(u"missing.txt"_s);
        QTest::newRow("missing file names the system's reason")
            << missing
            << u"--urls-file: cannot read %1: %2"_s.arg(missing, qt_error_string(ENOENT));

        // Sparse: the size is what is checked, so no 65 MB are written.
        const QString sparse = dir.filePath(u"sparse.txt"_s);
        {
            QFile file(sparse);
            if (file.open(QIODevice::WriteOnly))
                file.resize(65 * 1024 * 1024);
        }
        QTest::newRow("65 MiB sparse file is over the 64 MiB cap")
            << sparse << u"--urls-file: %1 is larger than 64 MiB"_s.arg(sparse);

        const QString nul = writeFile(
            dir, u"nul.txt"_s, QByteArray("# urls\nhttp://a/\nhttp://b/\0x\nhttp://c/\n", 37));
        QTest::newRow("NUL on line 3 names line 3")
            << nul << u"--urls-file: line 3 of %1 contains a control character (0x00)"_s.arg(nul);
        const QString esc = writeFile(dir, u"esc.txt"_s, "http://a/\n\x1b[31mhttp://b/\n");
        QTest::newRow("escape sequence on line 2")
            << esc << u"line 2 of %1 contains a control character (0x1b)"_s.arg(esc);
        const QString lonecr = writeFile(dir, u"lonecr.txt"_s, "http://a/\rhttp://b/\n");
        QTest::newRow("CR inside a line is not a line ending")
            << lonecr << u"line 1 of %1 contains a control character (0x0d)"_s.arg(lonecr);
        const QString del = writeFile(dir, u"del.txt"_s, "# x\x7f\nhttp://a/\n");
        QTest::newRow("DEL in a comment is still refused")
            << del << u"line 1 of %1 contains a control character (0x7f)"_s.arg(del);
        const QString c1 = writeFile(dir, u"c1.txt"_s, "http://a/\xc2\x85x\n");
        QTest::newRow("C1 control (NEL) in a URL")
            << c1 << u"line 1 of %1 contains a control character (0x85)"_s.arg(c1);
        const QString latin1 = writeFile(dir, u"latin1.txt"_s, "http://a/\nhttp://b/caf\xe9\n");
        QTest::newRow("invalid UTF-8 names the line")
            << latin1 << u"line 2 of %1 is not valid UTF-8"_s.arg(latin1);
        const QString longLine
            = writeFile(dir, u"long.txt"_s, "http://a/" + QByteArray(70 * 1024, 'x') + "\n");
        QTest::newRow("line over 64 KiB")
            << longLine << u"line 1 of %1 is longer than 64 KiB"_s.arg(longLine);
        const QString badUrl = writeFile(dir, u"badurl.txt"_s, "http://a/\n\nftp://b/\n");
        QTest::newRow("bad URL names its line")
            << badUrl << u"--urls-file: line 3 of %1: \"ftp://b/\" uses ftp:"_s.arg(badUrl);
        const QString comments = writeFile(dir, u"comments.txt"_s, "# one\n\n   # two\r\n");
        QTest::newRow("comments only")
            << comments << u"--urls-file: %1 holds no URL"_s.arg(comments);
        QByteArray many;
        for (int i = 0; i <= 100000; ++i)
            many += "http://h/" + QByteArray::number(i) + '\n';
        const QString tooMany = writeFile(dir, u"many.txt"_s, many);
        QTest::newRow("more URLs than a run has tasks")
            << tooMany << u"%1 holds more than 100000 URLs"_s.arg(tooMany);
    }
    void urlsFileRefused()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        QElapsedTimer timer;
        timer.start();
        const auto parsed = parseWithin({u"coroscope"_s, u"--headless"_s, u"--urls-file"_s, path},
                                        m_fifo, std::chrono::seconds(10));
        QVERIFY2(parsed, "parseArguments() blocked");
        QVERIFY2(parsed->error.contains(message), qPrintable(parsed->error));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
    }

    void urlsFileAccepted_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QStringList>("urls");
        QTest::newRow("CRLF line endings")
            << QByteArray("# list\r\nhttp://a/x\r\n\r\nhttp://b/y\r\n")
            << QStringList{u"http://a/x"_s, u"http://b/y"_s};
        QTest::newRow("no final newline") << QByteArray("http://a/x\nhttp://b/y")
                                          << QStringList{u"http://a/x"_s, u"http://b/y"_s};
        QTest::newRow("UTF-8 byte order mark before a comment")
            << QByteArray("\xEF\xBB\xBF# list\nhttp://a/\n") << QStringList{u"http://a/"_s};
        QTest::newRow("tabs and spaces around a URL")
            << QByteArray("\t http://a/ \t\n\t# indented comment\n") << QStringList{u"http://a/"_s};
        QTest::newRow("non-ASCII host")
            << QByteArray("http://b\xc3\xbc"
                          "cher.example/\n")
            << QStringList{u"http://xn--bcher-kva.example/"_s}; // decoded as UTF-8, then IDNA
    }
    void urlsFileAccepted()
    {
        QFETCH(QByteArray, content);
        QFETCH(QStringList, urls);
        const QString path = writeFile(QDir(m_dir.path()), u"accepted.txt"_s, content);
        QVERIFY(!path.isEmpty());
        const ParsedArguments parsed
            = parseArguments({u"coroscope"_s, u"--headless"_s, u"--urls-file"_s, path});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.options.spec.urlStrings(), urls);
        QVERIFY(parsed.options.urlsGiven);
    }

    void urlsFileThroughSymlink()
    {
        const QDir dir(m_dir.path());
        const QString target = writeFile(dir, u"target.txt"_s, "http://a/\n");
        const QString link = dir.filePath(u"link.txt"_s);
        QVERIFY(QFile::link(target, link));
        const ParsedArguments parsed
            = parseArguments({u"coroscope"_s, u"--headless"_s, u"--urls-file"_s, link});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.options.spec.urls.size(), 1);
    }

    // --url and --urls-file keep the command line's order (tasks take URLs round-robin).
    void urlsKeepOrder()
    {
        const QString path
            = writeFile(QDir(m_dir.path()), u"order.txt"_s, "http://b/\nhttp://c/\n");
        const ParsedArguments parsed
            = parseArguments({u"coroscope"_s, u"--url"_s, u"http://a/"_s, u"--urls-file"_s, path,
                              u"--url=http://d/"_s});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.options.spec.urlStrings(),
                 (QStringList{u"http://a/"_s, u"http://b/"_s, u"http://c/"_s, u"http://d/"_s}));
    }

    void errors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("messageContains");
        QTest::newRow("tasks not a number")
            << QStringList{u"--headless"_s, u"--tasks"_s, u"ten"_s} << u"ten"_s;
        QTest::newRow("tasks zero") << QStringList{u"--tasks"_s, u"0"_s} << u"--tasks"_s;
        QTest::newRow("tasks over limit") << QStringList{u"--tasks=100001"_s} << u"100001"_s;
        QTest::newRow("negative timeout") << QStringList{u"--timeout-ms"_s, u"-5"_s} << u"-5"_s;
        QTest::newRow("unknown strategy")
            << QStringList{u"--strategy"_s, u"greenlet"_s} << u"greenlet"_s;
        QTest::newRow("bad url scheme")
            << QStringList{u"--url"_s, u"file:///etc/passwd"_s} << u"file:///etc/passwd"_s;
        QTest::newRow("missing value") << QStringList{u"--tasks"_s} << u"--tasks"_s;
        QTest::newRow("unknown option") << QStringList{u"--frobnicate"_s} << u"--frobnicate"_s;
        // One argument alone is a run file to open; a second one is a mistake.
        QTest::newRow("stray argument")
            << QStringList{u"run.coroscope"_s, u"http://x/"_s} << u"http://x/"_s;
        QTest::newRow("two run files")
            << QStringList{u"a.coroscope"_s, u"--open"_s, u"b.coroscope"_s} << u"b.coroscope"_s;
        QTest::newRow("run options with a run file")
            << QStringList{u"--open"_s, u"a.coroscope"_s, u"--tasks"_s, u"5"_s}
            << u"run options and --compare do not apply"_s;
        QTest::newRow("compare with a run file")
            << QStringList{u"a.coroscope"_s, u"--compare"_s, u"async"_s} << u"a.coroscope"_s;
        QTest::newRow("save with a screenshot")
            << QStringList{u"--screenshot"_s, u"x.png"_s, u"--save"_s, u"r.coroscope"_s}
            << u"--save needs --headless"_s;
        QTest::newRow("port out of range")
            << QStringList{u"--serve"_s, u"--port"_s, u"70000"_s} << u"70000"_s;
        QTest::newRow("headless and serve")
            << QStringList{u"--headless"_s, u"--serve"_s} << u"--serve"_s;
        QTest::newRow("missing urls file")
            << QStringList{u"--urls-file"_s, u"/nonexistent/u.txt"_s} << u"/nonexistent/u.txt"_s;
        QTest::newRow("bad url names the url")
            << QStringList{u"--url"_s, u"ftp://x/"_s} << u"ftp://x/"_s;
        QTest::newRow("unknown compare strategy")
            << QStringList{u"--compare"_s, u"async,fibers"_s} << u"fibers"_s;
        QTest::newRow("bad chrome trace tracks")
            << QStringList{u"--chrome-trace-tracks"_s, u"threads"_s} << u"threads"_s;
        QTest::newRow("window size without x")
            << QStringList{u"--window-size"_s, u"1024"_s} << u"1024"_s;
        QTest::newRow("window size too small")
            << QStringList{u"--window-size"_s, u"10x10"_s} << u"10x10"_s;
        QTest::newRow("negative playhead") << QStringList{u"--playhead-ms"_s, u"-1"_s} << u"-1"_s;
        QTest::newRow("url with a space says so")
            << QStringList{u"--url"_s, u"http://a/b c"_s} << u"spaces"_s;
    }
    void errors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, messageContains);
        args.prepend(u"coroscope"_s);
        const ParsedArguments parsed = parseArguments(args);
        QVERIFY2(parsed.error.contains(messageContains), qPrintable(parsed.error));
    }

    void viewOptions()
    {
        const ParsedArguments parsed
            = parseArguments({u"coroscope"_s, u"--chrome-trace-tracks"_s, u"lanes"_s,
                              u"--window-size"_s, u"1024x700"_s, u"--playhead-ms"_s, u"500"_s});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.options.chromeTracks, ChromeTracks::Lanes);
        QCOMPARE(parsed.options.windowSize, QSize(1024, 700));
        QCOMPARE(parsed.options.playheadMs, 500);
    }

    // Options that only the window reads are refused without one, as Qt's own are (issue 18.7):
    // accepted, they would look as if they had done something.
    void windowOptionsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("--headless --screenshot writes nothing: refused")
            << QStringList{u"--headless"_s, u"--screenshot"_s, u"x.png"_s}
            << u"--screenshot is an option of the window; --headless does not take it"_s;
        QTest::newRow("--headless --theme")
            << QStringList{u"--headless"_s, u"--theme"_s, u"dark"_s}
            << u"--theme is an option of the window; --headless does not take it"_s;
        QTest::newRow("--serve --theme")
            << QStringList{u"--serve"_s, u"--theme=light"_s}
            << u"--theme is an option of the window; --serve does not take it"_s;
        QTest::newRow("--headless --window-size")
            << QStringList{u"--headless"_s, u"--window-size"_s, u"1024x700"_s}
            << u"--window-size is an option of the window; --headless does not take it"_s;
        QTest::newRow("--save (headless) --row-height")
            << QStringList{u"--save"_s, u"r.coroscope"_s, u"--row-height"_s, u"4"_s}
            << u"--row-height is an option of the window; --headless does not take it"_s;
        QTest::newRow("--compare (headless) --find")
            << QStringList{u"--compare"_s, u"async,threads"_s, u"--find"_s, u"x"_s}
            << u"--find is an option of the window; --compare does not take it"_s;
        QTest::newRow("--serve --screenshot")
            << QStringList{u"--serve"_s, u"--screenshot"_s, u"x.png"_s}
            << u"--screenshot is an option of the window; --serve does not take it"_s;
        QTest::newRow("--serve writes no file")
            << QStringList{u"--serve"_s, u"--csv"_s, u"t.csv"_s}
            << u"--csv writes a run's file; --serve runs nothing"_s;
        QTest::newRow("a screenshot writes no CSV")
            << QStringList{u"--screenshot"_s, u"x.png"_s, u"--csv"_s, u"t.csv"_s}
            << u"--csv needs --headless (a screenshot saves only its image)"_s;
        QTest::newRow("window size too small says so")
            << QStringList{u"--window-size"_s, u"10x10"_s}
            << u"--window-size 10x10 is too small: the smallest is 200x150"_s;
        QTest::newRow("window size too large says so")
            << QStringList{u"--window-size"_s, u"20000x900"_s}
            << u"--window-size 20000x900 is too large: the largest is 16384x16384"_s;
        QTest::newRow("unknown language lists the available ones")
            << QStringList{u"--language"_s, u"fr"_s}
            << u"unknown language \"fr\": available are en, zh_CN"_s;
        QTest::newRow("garbage language")
            << QStringList{u"--language=xx-yy"_s}
            << u"unknown language \"xx-yy\": available are en, zh_CN"_s;
    }
    void windowOptionsRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        args.prepend(u"coroscope"_s);
        QCOMPARE(parseArguments(args).error, message);
    }

    // A CSV asked for without --headless is written: the export implies it, as --save does.
    void exportImpliesHeadless()
    {
        const QString csv = QDir(m_dir.path()).filePath(u"implied.csv"_s);
        const ParsedArguments parsed
            = parseArguments({u"coroscope"_s, u"--tasks"_s, u"3"_s, u"--csv"_s, csv});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.options.mode, CliOptions::Mode::Headless);
    }

    // Languages QTranslator finds among ours ("en_GB" falls back to "en"), and the system's.
    void languageAccepted_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("en") << u"en"_s;
        QTest::newRow("en_GB finds en") << u"en_GB"_s;
        QTest::newRow("zh_CN") << u"zh_CN"_s;
        QTest::newRow("zh finds zh_CN") << u"zh"_s;
        QTest::newRow("empty: the system's") << QString();
    }
    void languageAccepted()
    {
        QFETCH(QString, code);
        const ParsedArguments parsed = parseArguments({u"coroscope"_s, u"--language"_s, code});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.options.language, code);
    }

    // Every output is checked before anything runs (issues 18.11, 18.12): two outputs naming one
    // file, an output naming an input, a missing folder, a directory. Exit status 2 then.
    void outputsChecked_data()
    {
        QTest::addColumn<QStringList>("args"); // %D: the test's directory
        QTest::addColumn<QString>("message");
        const QDir dir(m_dir.path());
        QVERIFY(!writeFile(dir, u"run.coroscope"_s, "not really a run").isEmpty());
        QVERIFY(!writeFile(dir, u"urls.txt"_s, "http://127.0.0.1:1/\n").isEmpty());
        QVERIFY(QFile::link(dir.filePath(u"run.coroscope"_s), dir.filePath(u"link.coroscope"_s)));
        QCOMPARE(::link(QFile::encodeName(dir.filePath(u"run.coroscope"_s)).constData(),
                        QFile::encodeName(dir.filePath(u"hard.coroscope"_s)).constData()),
                 0);
        QVERIFY(dir.mkpath(u"sub"_s));
        QVERIFY(QFile::link(dir.filePath(u"sub"_s), dir.filePath(u"sublink"_s)));

        QTest::newRow("--csv X --har X: the CSV would be lost")
            << QStringList{u"--headless"_s, u"--csv"_s, u"%D/x"_s, u"--har"_s, u"%D/x"_s}
            << u"--csv %D/x and --har %D/x name the same file: each output needs its own"_s;
        QTest::newRow("./x and x, file not there yet")
            << QStringList{u"--headless"_s, u"--csv"_s, u"%D/./new.csv"_s, u"--save"_s,
                           u"%D/sub/../new.csv"_s}
            << u"--csv %D/./new.csv and --save %D/sub/../new.csv name the same file: each "
               "output needs its own"_s;
        QTest::newRow("through a link to the folder, file not there yet")
            << QStringList{u"--headless"_s, u"--chrome-trace"_s, u"%D/sub/t.json"_s,
                           u"--segments-csv"_s, u"%D/sublink/t.json"_s}
            << u"--segments-csv %D/sublink/t.json and --chrome-trace %D/sub/t.json name the "
               "same file: each output needs its own"_s;
        QTest::newRow("--open R --csv R: the run file would be replaced")
            << QStringList{u"--open"_s, u"%D/run.coroscope"_s, u"--csv"_s, u"%D/run.coroscope"_s}
            << u"--csv %D/run.coroscope would overwrite the input --open %D/run.coroscope"_s;
        QTest::newRow("the run file opened alone, saved through a symbolic link")
            << QStringList{u"%D/run.coroscope"_s, u"--save"_s, u"%D/link.coroscope"_s}
            << u"--save %D/link.coroscope would overwrite the input --open %D/run.coroscope"_s;
        QTest::newRow("a hard link is the same file")
            << QStringList{u"--headless"_s, u"--open"_s, u"%D/hard.coroscope"_s, u"--compare-csv"_s,
                           u"%D/run.coroscope"_s}
            << u"--compare-csv %D/run.coroscope would overwrite the input --open "
               "%D/hard.coroscope"_s;
        QTest::newRow("the baseline of --compare-with")
            << QStringList{u"--tasks"_s,        u"2"_s,
                           u"--compare-with"_s, u"%D/run.coroscope"_s,
                           u"--compare-csv"_s,  u"%D/./run.coroscope"_s}
            << u"--compare-csv %D/./run.coroscope would overwrite the input --compare-with "
               "%D/run.coroscope"_s;
        QTest::newRow("the URL list")
            << QStringList{u"--urls-file"_s, u"%D/urls.txt"_s, u"--har"_s, u"%D/urls.txt"_s}
            << u"--har %D/urls.txt would overwrite the input --urls-file %D/urls.txt"_s;
        QTest::newRow("a screenshot over the run file it shows")
            << QStringList{u"%D/run.coroscope"_s, u"--screenshot"_s, u"%D/hard.coroscope"_s}
            << u"--screenshot %D/hard.coroscope would overwrite the input --open "
               "%D/run.coroscope"_s;
        QTest::newRow("--save nodir/x: missing folder found before the run")
            << QStringList{u"--save"_s, u"%D/nodir/x.coroscope"_s}
            << u"--save: cannot write %D/nodir/x.coroscope: %1"_s.arg(qt_error_string(ENOENT));
        QTest::newRow("a folder where the file goes")
            << QStringList{u"--headless"_s, u"--csv"_s, u"%D/sub"_s}
            << u"--csv: cannot write %D/sub: not a regular file"_s;
        QTest::newRow("a screenshot into a missing folder")
            << QStringList{u"--screenshot"_s, u"%D/nodir/x.png"_s}
            << u"--screenshot: cannot write %D/nodir/x.png: %1"_s.arg(qt_error_string(ENOENT));
    }
    void outputsChecked()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        for (QString &arg : args)
            arg.replace(u"%D"_s, m_dir.path());
        message.replace(u"%D"_s, m_dir.path());
        args.prepend(u"coroscope"_s);
        QCOMPARE(parseArguments(args).error, message);
    }

    // Distinct files pass, also when one output's name is a prefix of another's.
    void outputsDistinct()
    {
        const QDir dir(m_dir.path());
        const ParsedArguments parsed = parseArguments(
            {u"coroscope"_s, u"--headless"_s, u"--csv"_s, dir.filePath(u"a.csv"_s), u"--har"_s,
             dir.filePath(u"a.csv.har"_s), u"--save"_s, dir.filePath(u"sub/a.csv"_s)});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
    }

    // The option table is the one list of names: --help documents each one and nothing else,
    // and so does the README's command-line section.
    void everyOptionDocumented()
    {
        const QStringList names = optionNames();
        QVERIFY(names.contains(u"--csv"_s) && names.contains(u"--headless"_s));
        const QString help = helpText();
        QFile readme(QStringLiteral(COROSCOPE_SOURCE_DIR "/README.md"));
        QVERIFY(readme.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(readme.readAll());
        const qsizetype from = text.indexOf(u"\n## Command line"_s);
        const QString section = text.mid(from, text.indexOf(u"\n## "_s, from + 1) - from);
        QVERIFY(from >= 0);
        const QRegularExpression option(u"(?<![\\w-])--[a-z][a-z-]*[a-z]"_s);
        for (const QString &name : names) {
            const QRegularExpression exact(QRegularExpression::escape(name) + u"(?![\\w-])"_s);
            QVERIFY2(help.contains(exact), qPrintable(u"--help lacks "_s + name));
            QVERIFY2(section.contains(exact), qPrintable(u"README lacks "_s + name));
        }
        for (auto it = option.globalMatch(help); it.hasNext();) {
            const QString named = it.next().captured();
            QVERIFY2(names.contains(named) || qtOptionLength({named}, 0) > 0,
                     qPrintable(u"--help names an option the parser lacks: "_s + named));
        }
    }

    // Every option --help names is one the parser takes: alone on a command line it is never
    // "unknown" (a valued one asks for its value).
    void everyOptionInHelpParses()
    {
        const QRegularExpression option(u"(?<![\\w-])--[a-z][a-z-]*[a-z]"_s);
        int checked = 0;
        for (auto it = option.globalMatch(helpText()); it.hasNext();) {
            const QString named = it.next().captured();
            if (qtOptionLength({named}, 0) > 0)
                continue;
            const ParsedArguments parsed = parseArguments({u"coroscope"_s, named});
            QVERIFY2(!parsed.error.startsWith(u"unknown option"_s),
                     qPrintable(named + u": "_s + parsed.error));
            ++checked;
        }
        QVERIFY(checked >= optionNames().size());
    }

    // The help's list of the window's options (refused by --headless and --serve) is the
    // table's, and its list of languages is the one --language takes.
    void helpListsTheWindowOptionsAndLanguages()
    {
        const QString help = helpText();
        const qsizetype from = help.indexOf(u"Checks before anything runs"_s);
        QVERIFY(from >= 0);
        const qsizetype to = help.indexOf(u"are the window's"_s, from);
        QVERIFY(to > from);
        const QRegularExpression option(u"(?<![\\w-])--[a-z][a-z-]*[a-z]"_s);
        QStringList listed;
        for (auto it = option.globalMatch(help.mid(from, to - from)); it.hasNext();)
            listed << it.next().captured();
        QStringList table = windowOptionNames();
        QVERIFY(table.contains(u"--theme"_s));
        listed.sort();
        table.sort();
        QCOMPARE(listed, table);
        const qsizetype language = help.indexOf(u"--language takes"_s, to);
        QVERIFY(language > to);
        const QString sentence = help.mid(language, help.indexOf(u'\n', language) - language);
        for (const QString &code : availableLanguages())
            QVERIFY2(sentence.contains(code), qPrintable(sentence));
    }

    void headlessDefaults()
    {
        const ParsedArguments parsed = parseArguments({u"coroscope"_s, u"--headless"_s});
        QVERIFY(parsed.error.isEmpty());
        QCOMPARE(parsed.options.mode, CliOptions::Mode::Headless);
        QCOMPARE(parsed.options.spec.tasks, 10);
        QCOMPARE(parsed.options.spec.strategy, Strategy::Async);
        QCOMPARE(parsed.options.spec.timeoutMs, 30000);
        QCOMPARE(parsed.options.urlsGiven, false);
        QCOMPARE(parsed.options.port, quint16(8765));
    }

    void everyOption()
    {
        const ParsedArguments parsed = parseArguments({u"coroscope"_s,
                                                       u"--headless"_s,
                                                       u"--url"_s,
                                                       u"http://127.0.0.1:1/a"_s,
                                                       u"--url=http://b/"_s,
                                                       u"--tasks"_s,
                                                       u"12"_s,
                                                       u"--concurrency"_s,
                                                       u"3"_s,
                                                       u"--connections-per-host"_s,
                                                       u"6"_s,
                                                       u"--timeout-ms"_s,
                                                       u"0"_s,
                                                       u"--server-capacity"_s,
                                                       u"2"_s,
                                                       u"--csv"_s,
                                                       u"t.csv"_s,
                                                       u"--segments-csv"_s,
                                                       u"s.csv"_s,
                                                       u"--strategy"_s,
                                                       u"threads"_s,
                                                       u"--workers"_s,
                                                       u"4"_s});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        const CliOptions &o = parsed.options;
        QCOMPARE(o.spec.urls.size(), 2);
        QCOMPARE(o.spec.tasks, 12);
        QCOMPARE(o.spec.concurrency, 3);
        QCOMPARE(o.spec.connectionsPerHost, 6);
        QCOMPARE(o.spec.timeoutMs, 0);
        QCOMPARE(o.serverCapacity, 2);
        QCOMPARE(o.csvPath, u"t.csv"_s);
        QCOMPARE(o.segmentsCsvPath, u"s.csv"_s);
        QCOMPARE(o.spec.strategy, Strategy::Threads);
        QCOMPARE(o.spec.workers, 4);
    }

    void runFiles_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QString>("open");
        QTest::addColumn<QString>("save");
        using M = CliOptions::Mode;
        QTest::newRow("a file alone opens the window")
            << QStringList{u"r.coroscope"_s} << int(M::Gui) << u"r.coroscope"_s << QString();
        QTest::newRow("--open in the window") << QStringList{u"--open"_s, u"r.coroscope"_s}
                                              << int(M::Gui) << u"r.coroscope"_s << QString();
        QTest::newRow("headless open converts")
            << QStringList{u"--headless"_s, u"--open"_s, u"r.coroscope"_s} << int(M::Headless)
            << u"r.coroscope"_s << QString();
        QTest::newRow("an export implies headless")
            << QStringList{u"r.coroscope"_s, u"--har"_s, u"r.har"_s} << int(M::Headless)
            << u"r.coroscope"_s << QString();
        QTest::newRow("--save implies headless")
            << QStringList{u"--tasks"_s, u"3"_s, u"--save"_s, u"r.coroscope"_s} << int(M::Headless)
            << QString() << u"r.coroscope"_s;
        QTest::newRow("--save with --compare")
            << QStringList{u"--compare"_s, u"async,threads"_s, u"--save=c.coroscope"_s}
            << int(M::Headless) << QString() << u"c.coroscope"_s;
        QTest::newRow("a screenshot of a file")
            << QStringList{u"--screenshot"_s, u"x.png"_s, u"r.coroscope"_s} << int(M::Gui)
            << u"r.coroscope"_s << QString();
    }
    void compareWith_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QStringList>("files");
        using M = CliOptions::Mode;
        QTest::newRow("in the window, with a file opened")
            << QStringList{u"r.coroscope"_s, u"--compare-with"_s, u"b.coroscope"_s} << int(M::Gui)
            << QStringList{u"b.coroscope"_s};
        QTest::newRow("repeatable, headless")
            << QStringList{u"--headless"_s, u"--open=r.coroscope"_s, u"--compare-with"_s,
                           u"a.coroscope"_s, u"--compare-with=b.coroscope"_s}
            << int(M::Headless) << QStringList{u"a.coroscope"_s, u"b.coroscope"_s};
        QTest::newRow("--compare-csv with a live run implies headless")
            << QStringList{u"--tasks"_s,       u"3"_s,    u"--compare-with"_s, u"b.coroscope"_s,
                           u"--compare-csv"_s, u"c.csv"_s}
            << int(M::Headless) << QStringList{u"b.coroscope"_s};
    }
    void compareWith()
    {
        QFETCH(QStringList, args);
        QFETCH(int, mode);
        QFETCH(QStringList, files);
        args.prepend(u"coroscope"_s);
        const ParsedArguments parsed = parseArguments(args);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(int(parsed.options.mode), mode);
        QCOMPARE(parsed.options.compareWith, files);
    }

    void runFiles()
    {
        QFETCH(QStringList, args);
        QFETCH(int, mode);
        QFETCH(QString, open);
        QFETCH(QString, save);
        args.prepend(u"coroscope"_s);
        const ParsedArguments parsed = parseArguments(args);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(int(parsed.options.mode), mode);
        QCOMPARE(parsed.options.openPath, open);
        QCOMPARE(parsed.options.savePath, save);
    }

    // Everything after "--" is the program's, options included; a recording opens the window
    // unless asked for without one (or an output implies it).
    void recordCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("mode");
        QTest::addColumn<QStringList>("command");
        using M = CliOptions::Mode;
        QTest::newRow("in the window")
            << QStringList{u"--record"_s, u"--"_s, u"python3"_s, u"a.py"_s, u"--csv"_s, u"x"_s}
            << int(M::Gui) << QStringList{u"python3"_s, u"a.py"_s, u"--csv"_s, u"x"_s};
        QTest::newRow("headless with exports")
            << QStringList{u"--headless"_s, u"--record"_s, u"--csv"_s,
                           u"t.csv"_s,      u"--"_s,       u"prog"_s}
            << int(M::Headless) << QStringList{u"prog"_s};
        QTest::newRow("an export implies headless")
            << QStringList{u"--record"_s, u"--save=r.coroscope"_s, u"--"_s, u"prog"_s}
            << int(M::Headless) << QStringList{u"prog"_s};
    }
    void recordCommand()
    {
        QFETCH(QStringList, args);
        QFETCH(int, mode);
        QFETCH(QStringList, command);
        args.prepend(u"coroscope"_s);
        const ParsedArguments parsed = parseArguments(args);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(int(parsed.options.mode), mode);
        QCOMPARE(parsed.options.recordCommand, command);
        QVERIFY(parsed.options.record());
    }

    void urlsFileSkipsCommentsAndBlanks()
    {
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("# my urls\nhttp://127.0.0.1:1/get\n\n  http://127.0.0.1:1/delay/1  \n");
        file.close();
        const ParsedArguments parsed
            = parseArguments({u"coroscope"_s, u"--headless"_s, u"--urls-file"_s, file.fileName()});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.options.spec.urls.size(), 2);
        QCOMPARE(parsed.options.spec.urls[1].path(), u"/delay/1"_s);
    }

    // Qt's own options reach the window's QApplication untouched, whatever their spelling, and
    // our options around them still parse.
    void qtOptionsPassThrough_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QStringList>("qtArguments");
        QTest::newRow("platform, style, stylesheet, reverse")
            << QStringList{u"-platform"_s,   u"offscreen"_s, u"-style"_s,  u"fusion"_s,
                           u"-stylesheet"_s, u"dark.qss"_s,  u"-reverse"_s}
            << QStringList{u"-platform"_s,   u"offscreen"_s, u"-style"_s,  u"fusion"_s,
                           u"-stylesheet"_s, u"dark.qss"_s,  u"-reverse"_s};
        QTest::newRow("one argument with =")
            << QStringList{u"-style=fusion"_s, u"-stylesheet=a.qss"_s}
            << QStringList{u"-style=fusion"_s, u"-stylesheet=a.qss"_s};
        QTest::newRow("double dash, as Qt also accepts")
            << QStringList{u"--platform"_s, u"offscreen"_s, u"--reverse"_s}
            << QStringList{u"--platform"_s, u"offscreen"_s, u"--reverse"_s};
        QTest::newRow("between our options")
            << QStringList{u"--tasks"_s, u"3"_s, u"-style"_s, u"fusion"_s, u"--language"_s, u"en"_s}
            << QStringList{u"-style"_s, u"fusion"_s};
        QTest::newRow("with --screenshot")
            << QStringList{u"-platform"_s, u"offscreen"_s, u"--screenshot"_s, u"x.png"_s}
            << QStringList{u"-platform"_s, u"offscreen"_s};
        QTest::newRow("a value that looks like an option is still the value")
            << QStringList{u"-qwindowtitle"_s, u"--tasks"_s}
            << QStringList{u"-qwindowtitle"_s, u"--tasks"_s};
        QTest::newRow("geometry, title and display of X11")
            << QStringList{u"-display"_s, u":1"_s, u"-geometry"_s, u"800x600"_s}
            << QStringList{u"-display"_s, u":1"_s, u"-geometry"_s, u"800x600"_s};
    }
    void qtOptionsPassThrough()
    {
        QFETCH(QStringList, args);
        QFETCH(QStringList, qtArguments);
        args.prepend(u"coroscope"_s);
        const ParsedArguments parsed = parseArguments(args);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.options.mode, CliOptions::Mode::Gui);
        QCOMPARE(parsed.options.qtArguments, qtArguments);
        if (args.contains(u"--tasks"_s) && !args.contains(u"-qwindowtitle"_s))
            QCOMPARE(parsed.options.spec.tasks, 3);
    }

    // Without a window nobody would read them: a clear refusal rather than silence.
    void qtOptionsRefused_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("headless") << QStringList{
            u"--headless"_s, u"-style"_s,
            u"fusion"_s} << u"-style is an option of the window; --headless does not take it"_s;
        QTest::newRow("serve") << QStringList{
            u"-platform"_s, u"offscreen"_s,
            u"--serve"_s} << u"-platform is an option of the window; --serve does not take it"_s;
        QTest::newRow("compare without a screenshot is headless")
            << QStringList{u"--compare"_s, u"async,blocking"_s, u"-reverse"_s}
            << u"-reverse is an option of the window; --compare does not take it"_s;
        QTest::newRow("a value missing at the end")
            << QStringList{u"-style"_s} << u"option -style needs a value"_s;
        QTest::newRow("not a Qt option either")
            << QStringList{u"-frobnicate"_s}
            << u"unexpected argument \"-frobnicate\" (see --help)"_s;
        QTest::newRow("a prefix of a Qt option is not one")
            << QStringList{u"-plat"_s, u"offscreen"_s}
            << u"unexpected argument \"-plat\" (see --help)"_s;
        QTest::newRow("unknown theme")
            << QStringList{u"--theme"_s, u"sepia"_s}
            << u"unknown theme \"sepia\": expected system, light or dark"_s;
    }
    void qtOptionsRefused()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        args.prepend(u"coroscope"_s);
        QCOMPARE(parseArguments(args).error, message);
    }

    void themeOption_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("theme");
        QTest::newRow("dark") << u"dark"_s << u"dark"_s;
        QTest::newRow("case and spaces do not matter") << u" Light "_s << u"light"_s;
        QTest::newRow("system") << u"system"_s << u"system"_s;
    }
    void themeOption()
    {
        QFETCH(QString, value);
        QFETCH(QString, theme);
        const ParsedArguments parsed = parseArguments({u"coroscope"_s, u"--theme"_s, value});
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        QCOMPARE(parsed.options.theme, theme);
    }

    void languageArgument_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("language");
        QTest::newRow("none") << QStringList{u"--help"_s} << QString();
        QTest::newRow("separate value")
            << QStringList{u"--language"_s, u"zh_CN"_s, u"--help"_s} << u"zh_CN"_s;
        QTest::newRow("with =, before an error")
            << QStringList{u"--language=zh_CN"_s, u"--tasks"_s} << u"zh_CN"_s;
        QTest::newRow("the last one wins")
            << QStringList{u"--language"_s, u"en"_s, u"--language=zh_CN"_s} << u"zh_CN"_s;
    }
    void languageArgument()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, language);
        args.prepend(u"coroscope"_s);
        QCOMPARE(Coroscope::languageArgument(args), language);
    }

    void serveMode()
    {
        const ParsedArguments parsed = parseArguments(
            {u"coroscope"_s, u"--serve"_s, u"--port"_s, u"0"_s, u"--server-capacity"_s, u"4"_s});
        QVERIFY(parsed.error.isEmpty());
        QCOMPARE(parsed.options.mode, CliOptions::Mode::Serve);
        QCOMPARE(parsed.options.port, quint16(0));
        QCOMPARE(parsed.options.serverCapacity, 4);
    }
};

QTEST_GUILESS_MAIN(TestOptions)
#include "tst_options.moc"
