#include "savefile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace Coroscope {

namespace {

QString failure(const QString &path, const QString &reason)
{
    return QCoreApplication::translate("Coroscope", "cannot write %1: %2").arg(path, reason);
}

bool fail(QString *error, const QString &path, const QString &reason)
{
    if (error)
        *error = failure(path, reason);
    return false;
}

// Qt's engine stores qt_error_string(errno) at the failing system call, which is the best
// reason; but some steps fail without one (errorString() is then the generic "Unknown error"),
// and there `savedErrno`, taken right after the step, names the cause.
QString reasonOf(const QFileDevice &file, int savedErrno)
{
    const QString generic = QFile().errorString();
    const QString said = file.errorString();
    if (file.error() != QFileDevice::NoError && !said.isEmpty() && said != generic)
        return said;
    if (savedErrno != 0)
        return qt_error_string(savedErrno);
    return said;
}

#ifdef Q_OS_UNIX
// Linux's fs.protected_symlinks rule: in a sticky, world-writable directory, follow a link only
// if we or the directory's owner own it. Otherwise anyone could plant /tmp/out.csv -> /etc/passwd.
bool isForeignLinkInSharedDirectory(const QString &path)
{
    struct stat link = {};
    if (::lstat(QFile::encodeName(path).constData(), &link) != 0 || !S_ISLNK(link.st_mode))
        return false;
    struct stat dir = {};
    const QByteArray dirName = QFile::encodeName(QFileInfo(path).absolutePath());
    if (::stat(dirName.constData(), &dir) != 0)
        return false;
    const bool shared = (dir.st_mode & S_ISVTX) && (dir.st_mode & S_IWOTH);
    return shared && link.st_uid != ::geteuid() && link.st_uid != dir.st_uid;
}
#endif

// Empty when writeFileAtomically() may replace `path`, else why not.
QString refusal(const QString &path)
{
#ifdef Q_OS_UNIX
    if (isForeignLinkInSharedDirectory(path))
        return QCoreApplication::translate(
            "Coroscope", "a symbolic link owned by another user in a shared directory");
#endif
    const QFileInfo info(path); // follows links, as QSaveFile will
    if (info.exists() && !info.isFile())
        return QCoreApplication::translate("Coroscope", "not a regular file");
    return {};
}

// The file QSaveFile will replace: a symbolic link's final target, even a dangling one.
QString finalTarget(const QString &path)
{
    QFileInfo info(path);
    if (info.exists())
        return info.canonicalFilePath();
    for (int depth = 0; info.isSymLink() && depth < 40; ++depth)
        info = QFileInfo(info.symLinkTarget());
    return info.absoluteFilePath();
}

#ifdef Q_OS_UNIX
// Why the effective user cannot write `path` (errno), or 0. AT_EACCESS: plain access() checks
// the real user, and for root the permitted capabilities rather than the effective ones.
int accessError(const QString &path, int mode)
{
    errno = 0;
    return ::faccessat(AT_FDCWD, QFile::encodeName(path).constData(), mode, AT_EACCESS) == 0
        ? 0
        : errno;
}
#endif

} // namespace

bool writeAll(QFileDevice &file, const QByteArray &data, QString *error)
{
    qint64 done = 0;
    while (done < data.size()) {
        errno = 0;
        const qint64 written = file.write(data.constData() + done, data.size() - done);
        if (written <= 0)
            return fail(error, file.fileName(), reasonOf(file, errno));
        done += written;
    }
    return true;
}

QString checkWritable(const QString &path)
{
    if (path.isEmpty())
        return failure(path, QCoreApplication::translate("Coroscope", "no file name"));
    if (const QString why = refusal(path); !why.isEmpty())
        return failure(path, why);
#ifdef Q_OS_UNIX
    const QString target = finalTarget(path);
    // The temporary file is made beside the target: its folder must take a new file. "/."
    // makes a missing folder ENOENT and a file in its place ENOTDIR.
    const QString folder = QFileInfo(target).absolutePath() + QStringLiteral("/.");
    if (const int e = accessError(folder, W_OK | X_OK))
        return failure(path, qt_error_string(e));
    // QSaveFile refuses an existing file it may not write, saying "Existing file ... is not
    // writable" even when the cause is a read-only file system; the system's reason is exact.
    if (QFileInfo::exists(target)) {
        if (const int e = accessError(target, W_OK))
            return failure(path, qt_error_string(e));
    }
#endif
    return {};
}

bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error)
{
    if (const QString why = checkWritable(path); !why.isEmpty()) {
        if (error)
            *error = why;
        return false;
    }

    QSaveFile file(path);
    // Unbuffered: every write() reaches the system at once, so the call that fails reports errno.
    // Buffered, QSaveFile reports "Unknown error" and even commits a file cut short by a short
    // write (seen with Qt 6.4 under RLIMIT_FSIZE).
    errno = 0;
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return fail(error, path, reasonOf(file, errno));
    if (!writeAll(file, data, error))
        return false; // ~QSaveFile removes the temporary file; the old one is untouched
#ifdef Q_OS_UNIX
    // commit() syncs too but ignores the result; a deferred ENOSPC/EIO/EDQUOT shows up here.
    if (::fsync(file.handle()) != 0 && errno != EINVAL && errno != EROFS)
        return fail(error, path, qt_error_string(errno));
#endif
    errno = 0;
    if (!file.commit())
        return fail(error, path, reasonOf(file, errno));
    return true;
}

} // namespace Coroscope
