#include "savefile.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>

#ifdef Q_OS_UNIX
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

bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error)
{
    if (const QString why = refusal(path); !why.isEmpty())
        return fail(error, path, why);

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
