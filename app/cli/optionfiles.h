#pragma once

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QUrl>

namespace Coroscope {

// The files the command line reads (--urls-file, --ca-file) and the checks of those it writes.
// Each function returns an empty string or the sentence naming what is wrong.

// Appends the URLs of `path` to *urls: one per line, blank lines and lines starting with #
// skipped, LF or CRLF endings, UTF-8; a regular file of at most 64 MiB, never a FIFO or device.
QString readUrlsFile(const QString &path, QList<QUrl> *urls);
// --ca-file: appends the PEM certificates of `path` (at least one) to *certificates.
QString readCaFile(const QString &path, QList<QSslCertificate> *certificates);

// A file named on the command line, with the option that names it (for messages).
struct NamedFile
{
    QString option;
    QString path;
};

// Every output before anything runs: each must be writable (io/savefile.h's checkWritable), and
// none may name the same file as another output or an input (device and inode, so links and
// other spellings count).
QString checkFiles(const QList<NamedFile> &inputs, const QList<NamedFile> &outputs);

} // namespace Coroscope
