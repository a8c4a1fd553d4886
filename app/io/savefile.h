#pragma once

#include <QByteArray>
#include <QString>

QT_BEGIN_NAMESPACE
class QFileDevice;
QT_END_NAMESPACE

namespace Coroscope {

// Writes all of `data` to `path` or nothing, for every export of the CLI and the GUI.
// - A new file or an existing regular file is replaced atomically (QSaveFile: a temporary file
//   beside it, renamed over it), so a failed write keeps the old content.
// - An existing target that is not a regular file (/dev/null or any device, a FIFO, a socket, a
//   directory) is refused untouched: replacing it by a regular file would destroy a device node
//   when run as root, and opening a FIFO would block.
// - A symbolic link is followed, as shells and cp do: the file it points to is replaced and the
//   link stays. The same rules apply to that file. The exception mirrors Linux's
//   protected_symlinks: a link in a sticky world-writable directory (/tmp) owned neither by us nor
//   by the directory's owner is refused, since QSaveFile resolves links itself and so would
//   bypass the kernel's check.
// On failure *error is "cannot write PATH: REASON", with the system's reason (errno) for the step
// that failed, e.g. "No space left on device", never Qt's "Unknown error".
bool writeFileAtomically(const QString &path, const QByteArray &data, QString *error);

// Empty when writeFileAtomically() may write `path` as far as can be told without writing (a
// full disk shows only then), else its message "cannot write PATH: REASON": the target is refused
// as above, its folder is missing or cannot take a new file, or the existing file cannot be
// written (e.g. "Read-only file system"). The command line checks every output with it first.
QString checkWritable(const QString &path);

// The write step of writeFileAtomically(): writes all of `data` to an open, unbuffered `file`,
// retrying short writes (a short write is how a full disk first shows), with the same message on
// failure. Public so a test can aim it at /dev/full, the only full device a test can get.
bool writeAll(QFileDevice &file, const QByteArray &data, QString *error);

} // namespace Coroscope
