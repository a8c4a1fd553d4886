#include "recorderpaths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace Coroscope {

namespace {
QString firstExisting(const char *variable, const QString &buildTree, const QString &installed)
{
    const QString fromEnv = qEnvironmentVariable(variable);
    if (!fromEnv.isEmpty())
        return QFileInfo(fromEnv).isDir() ? QFileInfo(fromEnv).absoluteFilePath() : QString();
    if (!buildTree.isEmpty() && QFileInfo(buildTree).isDir())
        return buildTree;
    // Without an application object (a library user, a test's early set-up) there is no
    // executable folder to look beside.
    if (QCoreApplication::instance()) {
        const QString share = QDir(QCoreApplication::applicationDirPath())
                                  .absoluteFilePath(QStringLiteral("../share/coroscope/"))
            + installed;
        if (QFileInfo(share).isDir())
            return QDir::cleanPath(share);
    }
    return QString();
}
} // namespace

QString pythonRecorderDir()
{
#ifdef COROSCOPE_PYTHON_RECORDER_DIR
    const QString buildTree = QStringLiteral(COROSCOPE_PYTHON_RECORDER_DIR);
#else
    const QString buildTree;
#endif
    return firstExisting("COROSCOPE_PYTHON_DIR", buildTree, QStringLiteral("python"));
}

QString pythonExamplesDir()
{
#ifdef COROSCOPE_PYTHON_EXAMPLES_DIR
    const QString buildTree = QStringLiteral(COROSCOPE_PYTHON_EXAMPLES_DIR);
#else
    const QString buildTree;
#endif
    return firstExisting("COROSCOPE_EXAMPLES_DIR", buildTree, QStringLiteral("examples/python"));
}

} // namespace Coroscope
