#include "text.h"

#include <QRegularExpression>
#include <QUrl>

namespace Coroscope {

namespace {
bool isBidiControl(char16_t c)
{
    return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x200e
        || c == 0x200f;
}
} // namespace

QString printableText(const QString &text, qsizetype maxLength)
{
    QString out;
    out.reserve(std::min(text.size(), maxLength));
    for (const QChar ch : text) {
        if (out.size() >= maxLength) {
            out += u'…';
            break;
        }
        const char16_t c = ch.unicode();
        if (c == u'\t' || c == u'\n' || c == u'\r')
            out += u' ';
        else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || isBidiControl(c))
            continue;
        else
            out += ch;
    }
    return out;
}

QString displayUrl(const QUrl &url)
{
    if (url.password().isEmpty())
        return url.toString();
    QUrl shown = url;
    shown.setPassword(QStringLiteral("***"));
    return shown.toString();
}

QString redactPasswords(const QString &text)
{
    // scheme://user:password@ -> scheme://user:***@ (the user name helps; the secret never)
    static const QRegularExpression userInfo(
        QStringLiteral("([A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@]*):[^@\\s/]*@"));
    QString out = text;
    out.replace(userInfo, QStringLiteral("\\1:***@"));
    return out;
}

} // namespace Coroscope
