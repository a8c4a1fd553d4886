// An await's label in the program's own words: the expression given to `Coroscope::traced(...)`,
// read from the source file at the await's file:line. Only for awaitables whose type says
// nothing to a reader (`QCoro::sleepFor(100ms)` and any other coroutine return a
// `QCoro::Task`; a signal awaiter is some QCoro-internal type): "Task" is no answer to "what
// is this task waiting for?". Runs in the writer thread, once per await site.
#include "probe_p.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QList>

#include <unistd.h>

namespace Coroscope::ProbeDetail {
namespace {

constexpr qint64 MaxSourceBytes = 2 * 1024 * 1024; // a larger file is not read
constexpr qsizetype MaxExpression = 80; // longer is cut with "…"
constexpr int MaxLines = 8; // an expression spread over more lines is not read

// Where the program was started: relative file names are resolved against it (read at start,
// before the program may change folder).
// Never destroyed, as the writer's other state: the writer thread runs until the program's
// on_exit handler, after the destructors of statics made later (ThreadSanitizer caught this).
QString &startFolder()
{
    static auto *folder = new QString;
    return *folder;
}

// __FILE__ is relative to the folder the compiler ran in (a build folder, `../src/x.cpp`):
// tried against the starting folder, then the executable's folder and its parents.
QString resolve(const QString &file)
{
    if (QFileInfo(file).isAbsolute())
        return QFileInfo(file).isFile() ? file : QString();
    QStringList bases{startFolder()};
    char exe[4096];
    const ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        QDir dir = QFileInfo(QString::fromLocal8Bit(exe, n)).absoluteDir();
        for (int up = 0; up < 5; ++up) {
            bases.append(dir.path());
            if (!dir.cdUp())
                break;
        }
    }
    for (const QString &base : bases) {
        const QFileInfo info(QDir(base), file);
        if (info.isFile())
            return info.absoluteFilePath();
    }
    return {};
}

// The first argument of the `traced(` call that starts on `lines[index]`: brackets balanced,
// string and character literals skipped, whitespace runs made one space.
QByteArray firstArgument(const QList<QByteArray> &lines, qsizetype index)
{
    const QByteArray &first = lines.at(index);
    qsizetype at = first.indexOf("traced(");
    if (at < 0)
        return {};
    at += 7;
    QByteArray out;
    int depth = 0;
    char quote = 0;
    for (qsizetype l = index; l < lines.size() && l < index + MaxLines; ++l, at = 0) {
        const QByteArray &text = lines.at(l);
        if (l > index) { // a continuation line's indentation is not part of the expression
            while (at < text.size() && (text.at(at) == ' ' || text.at(at) == '\t'))
                ++at;
        }
        // Lines joined by a space, except after an opening bracket.
        if (l > index && !out.isEmpty() && !out.endsWith(' ') && !out.endsWith('(')
            && !out.endsWith('[') && !out.endsWith('{'))
            out += ' ';
        for (qsizetype i = at; i < text.size(); ++i) {
            const char c = text.at(i);
            if (quote) {
                out += c;
                if (c == '\\' && i + 1 < text.size())
                    out += text.at(++i);
                else if (c == quote)
                    quote = 0;
                continue;
            }
            if (c == '/' && i + 1 < text.size() && text.at(i + 1) == '/')
                break; // a comment: the rest of the line
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '[' || c == '{') {
                ++depth;
            } else if (c == ')' || c == ']' || c == '}') {
                if (depth == 0)
                    return out.trimmed();
                --depth;
            } else if (c == ',' && depth == 0) {
                return out.trimmed();
            }
            if ((c == ' ' || c == '\t') && (out.isEmpty() || out.endsWith(' ')))
                continue;
            out += c == '\t' ? ' ' : c;
        }
    }
    return {}; // not closed within MaxLines: not trusted
}

} // namespace

void noteStartFolder()
{
    startFolder() = QDir::currentPath();
}

QByteArray awaitedExpression(const char *file, std::uint32_t line)
{
    if (!file || line == 0)
        return {};
    // Files read once each (a program's awaits are in a few files); a file not found is
    // remembered as empty.
    static auto &files = *new QHash<QByteArray, QList<QByteArray>>; // never destroyed: see above
    const QByteArray key(file);
    auto it = files.find(key);
    if (it == files.end()) {
        QList<QByteArray> lines;
        QFile source(resolve(QString::fromLocal8Bit(key)));
        if (!source.fileName().isEmpty() && source.size() <= MaxSourceBytes
            && source.open(QIODevice::ReadOnly))
            lines = source.readAll().split('\n');
        it = files.insert(key, lines);
    }
    if (qsizetype(line) > it->size())
        return {};
    QByteArray expression = firstArgument(*it, qsizetype(line) - 1);
    if (expression.size() > MaxExpression)
        expression = expression.left(MaxExpression - 1).trimmed() + "\xe2\x80\xa6";
    return expression;
}

} // namespace Coroscope::ProbeDetail
