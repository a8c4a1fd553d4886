#pragma once

// Small Python programs the recording tests start for real (Debian's /usr/bin/python3, with
// Coroscope's recorder on PYTHONPATH as `coroscope --record` puts it there).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QString>
#include <QTemporaryDir>

namespace CoroscopeTest {

inline QString python()
{
    return QFileInfo::exists(QStringLiteral("/usr/bin/python3"))
        ? QStringLiteral("/usr/bin/python3")
        : QStringLiteral("python3");
}

// Writes `source` as `name` into `dir`; returns its path.
inline QString writeProgram(const QTemporaryDir &dir, const QString &name, const QByteArray &source)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return QString();
    file.write(source);
    return path;
}

// Five tasks that each sleep twice, then the program exits with `status`.
inline QByteArray tasksThenExit(int status)
{
    return "import asyncio, sys\n"
           "async def work(i):\n"
           "    await asyncio.sleep(0.05)\n"
           "    await asyncio.sleep(0.05)\n"
           "    return i\n"
           "async def main():\n"
           "    tasks = [asyncio.create_task(work(i), name=f'work-{i}') for i in range(5)]\n"
           "    await asyncio.gather(*tasks)\n"
           "    print('done', flush=True)\n"
           "asyncio.run(main())\n"
           "sys.exit("
        + QByteArray::number(status) + ")\n";
}

// Creates a task, says so on stdout, then awaits forever (until SIGINT).
inline QByteArray runsForever(bool ignoreSigint)
{
    return QByteArray("import asyncio, signal, time\n")
        + (ignoreSigint ? "signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
                          "def ignore(*a): pass\n"
                        : "")
        + "async def sleeper():\n"
          "    await asyncio.sleep(3600)\n"
          "async def main():\n"
        + (ignoreSigint
               ? "    asyncio.get_running_loop().add_signal_handler(signal.SIGINT, ignore)\n"
               : "")
        + "    t = asyncio.create_task(sleeper(), name='sleeper')\n"
          "    print('started', flush=True)\n"
          "    await t\n"
          "asyncio.run(main())\n";
}

} // namespace CoroscopeTest
