#pragma once

#include <QString>

class QUrl;

namespace Coroscope {

// Text that came from the network (reason phrases, header values, Qt's error strings, which
// quote them) is shown in the window, written to exports and printed on terminals. Control
// characters there can rewrite a terminal's title or hide text, so they are dropped at the
// point where such text enters the trace: C0/C1 controls, DEL and bidirectional overrides go,
// tabs and line breaks become spaces. At most `maxLength` characters are kept.
QString printableText(const QString &text, qsizetype maxLength = 500);

// A URL as it may be shown or exported: a password becomes "***" (user:***@host).
QString displayUrl(const QUrl &url);
// The same for every URL with a password inside free text, e.g. a Qt error string.
QString redactPasswords(const QString &text);

} // namespace Coroscope
