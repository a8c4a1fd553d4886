// A recording as a whole (a file, or its bytes), and the wire format's text escapes: the parts
// of the csrec reader that are not the stream's records (csrecdecoder.cpp).
#include "csrecdecoder.h"

#include "run/runspec.h"
#include "trace/recorder.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <algorithm>

namespace Coroscope {

bool CsrecDecoder::looksLikeRecording(QByteArrayView head)
{
    return head.startsWith(QByteArrayView(Magic));
}

// `\\`, `\t`, `\n` stand for backslash, tab, newline; any other backslash stays as it is.
QByteArray CsrecDecoder::unescape(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        if (c == '\\' && i + 1 < text.size()) {
            const char next = text.at(i + 1);
            if (next == '\\' || next == 't' || next == 'n') {
                out.append(next == '\\' ? '\\' : next == 't' ? '\t' : '\n');
                ++i;
                continue;
            }
        }
        out.append(c);
    }
    return out;
}

bool isRecordingFile(const QString &path)
{
    QFile file(path);
    if (!QFileInfo(path).isFile() || !file.open(QIODevice::ReadOnly))
        return false;
    return CsrecDecoder::looksLikeRecording(file.read(qsizetype(sizeof(CsrecDecoder::Magic)) - 1));
}

bool decodeRecording(QByteArrayView data, Trace *trace, QString *error, qsizetype maxTasks)
{
    TraceRecorder recorder{strategyName(Strategy::Async)};
    CsrecDecoder decoder(&recorder, maxTasks);
    // In slices, as a socket delivers it: each commit sorts and applies one slice.
    constexpr qsizetype Slice = 1 << 20;
    for (qsizetype at = 0; at < data.size(); at += Slice) {
        if (!decoder.feed(data.sliced(at, std::min(Slice, data.size() - at)))) {
            if (error)
                *error = decoder.error();
            return false;
        }
    }
    decoder.finish();
    if (!decoder.headerSeen()) {
        if (error)
            *error = QCoreApplication::translate("Coroscope::CsrecDecoder",
                                                 "it is not a Coroscope recording (it is empty)");
        return false;
    }
    *trace = recorder.snapshot();
    return true;
}

bool readRecordingFile(const QString &path, Trace *trace, QString *error, qsizetype maxTasks)
{
    const auto fail = [&](const QString &why) {
        if (error)
            *error = QCoreApplication::translate("Coroscope::CsrecDecoder", "cannot open %1: %2")
                         .arg(path, why);
        return false;
    };
    const QFileInfo info(path);
    if (!info.exists())
        return fail(QCoreApplication::translate("Coroscope::CsrecDecoder", "no such file"));
    if (!info.isFile())
        return fail(QCoreApplication::translate("Coroscope::CsrecDecoder", "not a regular file"));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    const QByteArray data = file.readAll();
    if (file.error() != QFileDevice::NoError)
        return fail(file.errorString());
    QString why;
    if (!decodeRecording(data, trace, &why, maxTasks))
        return fail(why);
    return true;
}

} // namespace Coroscope
