#include "optionfiles.h"

#include "io/savefile.h"
#include "run/runspec.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSslCertificate>
#include <QStringDecoder>

#include <algorithm>
#include <cerrno>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace Coroscope {

namespace {
// A translation context lupdate can see (the same as options.cpp's: one context for the CLI).
struct Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)
};

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

// Equal for two paths that name one file: the same device and inode for an existing file (links,
// hard links, ./x and x), else the canonical folder and the name, links followed as writing will.
QString fileIdentity(const QString &path)
{
#ifdef Q_OS_UNIX
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) == 0)
        return QStringLiteral("inode:%1:%2").arg(quint64(st.st_dev)).arg(quint64(st.st_ino));
#endif
    QFileInfo info(path);
    for (int depth = 0; info.isSymLink() && depth < 40; ++depth)
        info = QFileInfo(info.symLinkTarget());
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return QStringLiteral("path:") + (folder.isEmpty() ? info.absolutePath() : folder) + u'/'
        + info.fileName();
}

} // namespace

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
// --ca-file: one or more PEM certificates. Read whole (they are small), never a FIFO or device.
QString readCaFile(const QString &path, QList<QSslCertificate> *certificates)
{
    constexpr qint64 MaxCaFileBytes = 16 * 1024 * 1024; // a full system bundle is ~200 KiB
    const QFileInfo info(path);
    if (!info.exists())
        return Cli::tr("--ca-file: %1 does not exist").arg(path);
    if (!info.isFile())
        return Cli::tr("--ca-file: %1 is not a regular file").arg(path);
    if (info.size() > MaxCaFileBytes)
        return Cli::tr("--ca-file: %1 is larger than %2 MiB")
            .arg(path)
            .arg(MaxCaFileBytes / (1024 * 1024));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Cli::tr("--ca-file: cannot read %1: %2").arg(path, file.errorString());
    const QByteArray data = file.read(MaxCaFileBytes + 1);
    // The command line is parsed before the application object exists (its kind depends on the
    // mode). Qt 6.4's TLS backend, loaded by the first certificate, then ties its lifetime to a
    // null application and warns "QObject::connect(QObject, Unknown): invalid nullptr
    // parameter": harmless (the backend lives until exit), but noise before our own message.
    const bool early = QCoreApplication::instance() == nullptr;
    if (early)
        QLoggingCategory::setFilterRules(QStringLiteral("qt.core.qobject.connect.warning=false"));
    const QList<QSslCertificate> found = QSslCertificate::fromData(data, QSsl::Pem);
    if (early)
        QLoggingCategory::setFilterRules(QString());
    if (found.isEmpty() || std::any_of(found.cbegin(), found.cend(), [](const QSslCertificate &c) {
            return c.isNull();
        }))
        return Cli::tr("--ca-file: %1 holds no PEM certificate (expected \"-----BEGIN "
                       "CERTIFICATE-----\")")
            .arg(path);
    certificates->append(found);
    return {};
}

// Every output before anything runs: a run must not end in a file that cannot be written, one
// output overwriting another, or an output replacing an input.
QString checkFiles(const QList<NamedFile> &inputs, const QList<NamedFile> &outputs)
{
    QStringList inputIds;
    for (const NamedFile &in : inputs)
        inputIds.append(fileIdentity(in.path));
    QStringList outputIds;
    for (const NamedFile &out : outputs) {
        const QString id = fileIdentity(out.path);
        if (const qsizetype i = inputIds.indexOf(id); i >= 0)
            return Cli::tr("%1 %2 would overwrite the input %3 %4")
                .arg(out.option, out.path, inputs.at(i).option, inputs.at(i).path);
        if (const qsizetype i = outputIds.indexOf(id); i >= 0)
            return Cli::tr("%1 %2 and %3 %4 name the same file: each output needs its own")
                .arg(outputs.at(i).option, outputs.at(i).path, out.option, out.path);
        outputIds.append(id);
        if (const QString why = checkWritable(out.path); !why.isEmpty())
            return out.option + QStringLiteral(": ") + why;
    }
    return {};
}

} // namespace Coroscope
