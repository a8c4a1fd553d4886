#include "io/savefile.h"

#include "testfiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <fcntl.h>
#include <future>
#include <linux/capability.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {
// st_mode without following a final symbolic link; 0 if absent.
mode_t modeOf(const QString &path)
{
    struct stat st = {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_mode : 0;
}

mode_t typeOf(const QString &path)
{
    return modeOf(path) & S_IFMT;
}
// Root ignores file permissions (CAP_DAC_OVERRIDE). Capabilities belong to a thread, so the
// calling thread alone can drop them and then meet "Permission denied" like any user.
bool dropPermissionOverrides()
{
    __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct data[2] = {};
    if (::syscall(SYS_capget, &header, data) != 0)
        return false;
    for (const int cap : {CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER})
        data[cap / 32].effective &= ~(1u << (cap % 32));
    return ::syscall(SYS_capset, &header, data) == 0;
}
} // namespace

class TestSaveFile : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    QLocalServer m_socket;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QCOMPARE(::mkfifo(QFile::encodeName(m_dir.filePath(u"fifo"_s)).constData(), 0600), 0);
        m_socket.setSocketOptions(QLocalServer::UserAccessOption);
        QVERIFY(m_socket.listen(m_dir.filePath(u"socket"_s)));
        QVERIFY(QFile::link(u"/dev/null"_s, m_dir.filePath(u"link-to-null"_s)));
        QVERIFY(QDir(m_dir.path()).mkdir(u"subdir"_s));
    }

    // Targets that exist and are not regular files: refused with a message, left as they were,
    // and promptly (a FIFO must not be opened: that blocks until a reader comes).
    void refusesNonRegularTarget_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("type"); // S_IFMT bits before and after
        QTest::newRow("/dev/null stays a character device") << u"/dev/null"_s << int(S_IFCHR);
        QTest::newRow("/dev/zero stays a character device") << u"/dev/zero"_s << int(S_IFCHR);
        QTest::newRow("fifo refused without blocking") << m_dir.filePath(u"fifo"_s) << int(S_IFIFO);
        QTest::newRow("socket") << m_dir.filePath(u"socket"_s) << int(S_IFSOCK);
        QTest::newRow("directory") << m_dir.filePath(u"subdir"_s) << int(S_IFDIR);
        QTest::newRow("symlink to /dev/null: link and device both kept")
            << m_dir.filePath(u"link-to-null"_s) << int(S_IFLNK);
    }
    void refusesNonRegularTarget()
    {
        QFETCH(QString, path);
        QFETCH(int, type);
        QCOMPARE(int(typeOf(path)), type);
        QElapsedTimer timer;
        timer.start();
        auto future = std::async(std::launch::async, [path] {
            QString error;
            const bool ok = writeFileAtomically(path, "data", &error);
            return std::make_pair(ok, error);
        });
        if (future.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
            // Release a writer blocked on the FIFO, so the thread can end, then fail.
            const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK);
            future.wait();
            if (fd >= 0)
                ::close(fd);
            QFAIL("writeFileAtomically() blocked");
        }
        const auto [ok, error] = future.get();
        QVERIFY(!ok);
        QCOMPARE(error, u"cannot write %1: not a regular file"_s.arg(path));
        QVERIFY2(timer.elapsed() < 5000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
        QCOMPARE(int(typeOf(path)), type);
        QCOMPARE(int(typeOf(u"/dev/null"_s)), int(S_IFCHR));
        // Nothing left behind: no temporary file beside the target.
        const QStringList left = QFileInfo(path).dir().entryList(
            {QFileInfo(path).fileName() + u".*"_s}, QDir::Files | QDir::Hidden | QDir::System);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u", "_s)));
    }

    // Where the directory cannot take the file, the message gives the system's reason.
    void unwritableDirectory_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<int>("errnoValue");
        const QDir dir(m_dir.path());
        QTest::newRow("missing directory: No such file or directory")
            << dir.filePath(u"missing/dir/out.csv"_s) << ENOENT;
        QFile plain(dir.filePath(u"plain"_s));
        if (plain.open(QIODevice::WriteOnly))
            plain.close();
        QTest::newRow("parent is a file: Not a directory")
            << dir.filePath(u"plain/out.csv"_s) << ENOTDIR;
        QVERIFY(dir.mkdir(u"readonly"_s));
        QCOMPARE(::chmod(QFile::encodeName(dir.filePath(u"readonly"_s)).constData(), 0555), 0);
        QTest::newRow("read-only directory: Permission denied, even as root")
            << dir.filePath(u"readonly/out.csv"_s) << EACCES;
    }
    void unwritableDirectory()
    {
        QFETCH(QString, path);
        QFETCH(int, errnoValue);
        // On a thread of its own, whose dropped capabilities cannot leak into the other tests.
        auto future = std::async(std::launch::async, [path] {
            QString error;
            const bool dropped = dropPermissionOverrides();
            const bool ok = writeFileAtomically(path, "data", &error);
            return std::make_tuple(dropped, ok, error);
        });
        const auto [dropped, ok, error] = future.get();
        QVERIFY(dropped);
        QVERIFY(!ok);
        QCOMPARE(error, u"cannot write %1: %2"_s.arg(path, qt_error_string(errnoValue)));
        QVERIFY(!error.contains(u"Unknown error"_s));
    }

    // The write step against a device that is always full: the system's reason, not Qt's
    // "Unknown error".
    void fullDeviceNamesNoSpace()
    {
        QFile full(u"/dev/full"_s);
        QVERIFY(full.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        QString error;
        QVERIFY(!writeAll(full, QByteArray(100000, 'x'), &error));
        QCOMPARE(error, u"cannot write /dev/full: No space left on device"_s);
    }

    void writesNewAndReplacesRegularFile_data()
    {
        QTest::addColumn<bool>("exists");
        QTest::addColumn<QByteArray>("data");
        QTest::newRow("new file") << false << QByteArray("a,b\r\n1,2\r\n");
        QTest::newRow("existing file replaced") << true << QByteArray("new");
        QTest::newRow("existing file emptied") << true << QByteArray();
        QTest::newRow("4 MiB in one write") << true << QByteArray(4 * 1024 * 1024, 'z');
    }
    void writesNewAndReplacesRegularFile()
    {
        QFETCH(bool, exists);
        QFETCH(QByteArray, data);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"out.csv"_s);
        QString error;
        if (exists) {
            QVERIFY2(writeFileAtomically(path, "old content", &error), qPrintable(error));
            QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0640), 0);
        }
        QVERIFY2(writeFileAtomically(path, data, &error), qPrintable(error));
        QCOMPARE(readAll(path), data);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"out.csv"_s});
        if (exists) // QSaveFile carries the old file's permissions over
            QCOMPARE(int(modeOf(path) & 07777), 0640);
    }

    // A real failure in the middle of the write (RLIMIT_FSIZE makes write() fail with EFBIG, as
    // a full disk fails with ENOSPC): the old file is kept whole, no temporary file is left, and
    // the reason is the system's. Qt's buffered QSaveFile committed a truncated file here.
    void failedWriteKeepsOldFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"out.csv"_s);
        QString error;
        QVERIFY(writeFileAtomically(path, "old content", &error));

        std::signal(SIGXFSZ, SIG_IGN); // else the kernel kills us instead of failing write()
        rlimit saved = {};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &saved), 0);
        rlimit small = saved;
        small.rlim_cur = 4096;
        // Nothing may be printed while the limit holds: a test log in a file would hit it too.
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        const bool ok = writeFileAtomically(path, QByteArray(100000, 'n'), &error);
        ::setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, SIG_DFL);

        QVERIFY(!ok);
        QCOMPARE(error, u"cannot write %1: %2"_s.arg(path, qt_error_string(EFBIG)));
        QCOMPARE(readAll(path), QByteArray("old content"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"out.csv"_s});
    }

    // A link to a regular file is written through, as shells and cp do: the file it points to is
    // replaced, the link stays a link.
    void symlinkIsWrittenThrough()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(u"target.csv"_s);
        const QString link = dir.filePath(u"link.csv"_s);
        QString error;
        QVERIFY(writeFileAtomically(target, "old", &error));
        QVERIFY(QFile::link(target, link));
        QVERIFY2(writeFileAtomically(link, "new", &error), qPrintable(error));
        QCOMPARE(int(typeOf(link)), int(S_IFLNK));
        QCOMPARE(readAll(target), QByteArray("new"));
    }

    // ... except a link planted by another user in a shared sticky directory like /tmp, which
    // the kernel itself would not follow (fs.protected_symlinks).
    void foreignSymlinkInSharedDirectoryRefused()
    {
        if (::geteuid() != 0)
            QSKIP("needs root to give the link another owner");
        QTemporaryDir dir;
        QCOMPARE(::chmod(QFile::encodeName(dir.path()).constData(), 01777), 0);
        const QString target = dir.filePath(u"victim"_s);
        const QString link = dir.filePath(u"out.csv"_s);
        QString error;
        QVERIFY(writeFileAtomically(target, "precious", &error));
        QVERIFY(QFile::link(target, link));
        QCOMPARE(::lchown(QFile::encodeName(link).constData(), 12345, 12345), 0);
        QVERIFY(!writeFileAtomically(link, "overwritten", &error));
        QCOMPARE(
            error,
            u"cannot write %1: a symbolic link owned by another user in a shared directory"_s.arg(
                link));
        QCOMPARE(readAll(target), QByteArray("precious"));
        QCOMPARE(int(typeOf(link)), int(S_IFLNK));
    }

    // An existing file that may not be written: the system's reason, not QSaveFile's "Existing
    // file ... is not writable" (issue 18.16), and the file untouched.
    void existingReadOnlyFileNamesTheReason()
    {
        const QString path = m_dir.filePath(u"readonly.csv"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("old");
        file.close();
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0444), 0);
        auto future = std::async(std::launch::async, [path] {
            QString error;
            const bool dropped = dropPermissionOverrides();
            const bool ok = writeFileAtomically(path, "new", &error);
            return std::make_tuple(dropped, ok, error);
        });
        const auto [dropped, ok, error] = future.get();
        QVERIFY(dropped);
        QVERIFY(!ok);
        QCOMPARE(error, u"cannot write %1: %2"_s.arg(path, qt_error_string(EACCES)));
        QCOMPARE(readAll(path), QByteArray("old"));
    }

    // The same on a read-only file system says so (EROFS). This test runs itself again in a
    // user and mount namespace of its own (unshare -rm) where its directory is mounted
    // read-only, and the second run writes; skipped where the system allows no such namespace.
    void readOnlyFileSystemSaysSo()
    {
        if (const QByteArray dir = qgetenv("COROSCOPE_RO_DIR"); !dir.isEmpty()) {
            // The second run, inside the namespace.
            const QString path = QString::fromLocal8Bit(dir) + u"/existing.csv"_s;
            QString error;
            QVERIFY(!writeFileAtomically(path, "new", &error));
            QCOMPARE(error, u"cannot write %1: %2"_s.arg(path, qt_error_string(EROFS)));
            QCOMPARE(checkWritable(path), error);
            const QString fresh = QString::fromLocal8Bit(dir) + u"/new.csv"_s;
            QVERIFY(!writeFileAtomically(fresh, "new", &error));
            QCOMPARE(error, u"cannot write %1: %2"_s.arg(fresh, qt_error_string(EROFS)));
            QCOMPARE(readAll(path), QByteArray("old"));
            return;
        }
        const QString dir = m_dir.filePath(u"rofs"_s);
        QVERIFY(QDir().mkpath(dir));
        QFile file(dir + u"/existing.csv"_s);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("old");
        file.close();
        QProcess process;
        process.setProcessChannelMode(QProcess::MergedChannels);
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"COROSCOPE_RO_DIR"_s, dir);
        process.setProcessEnvironment(env);
        const QString script
            = uR"(mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 77
exec "$2" readOnlyFileSystemSaysSo)"_s;
        process.start(u"unshare"_s,
                      {u"-rm"_s, u"sh"_s, u"-c"_s, script, u"sh"_s, dir,
                       QCoreApplication::applicationFilePath()});
        if (!process.waitForStarted())
            QSKIP("unshare is not installed");
        QVERIFY(process.waitForFinished(60000));
        const QString out = QString::fromLocal8Bit(process.readAll());
        if (process.exitCode() == 77 || out.startsWith(u"unshare:"_s))
            QSKIP(qPrintable(u"no read-only mount here: "_s + out.trimmed()));
        QVERIFY2(process.exitCode() == 0, qPrintable(out));
        QVERIFY2(out.contains(u"PASS   : TestSaveFile::readOnlyFileSystemSaysSo()"_s),
                 qPrintable(out));
    }
};

QTEST_GUILESS_MAIN(TestSaveFile)
#include "tst_savefile.moc"
