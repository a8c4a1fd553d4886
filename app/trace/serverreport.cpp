#include "trace/serverreport.h"

#include <climits>
#include <type_traits>

namespace Coroscope {

std::optional<qint64> parseHeaderNumber(QByteArrayView value, qint64 max)
{
    const QByteArrayView text = value.trimmed();
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    qint64 n = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        n = n * 10 + (c - '0');
    }
    if (n > max)
        return std::nullopt;
    return n;
}

ServerReport parseServerReport(QByteArrayView value)
{
    constexpr qint64 Day = 24 * 3600 * 1000;
    constexpr qint64 Million = 1000000;
    ServerReport report;
    // A key given twice makes that figure untrustworthy: it is dropped, not guessed.
    constexpr qint64 Minute = 60LL * 1000 * 1000;
    bool seenQ = false, seenA = false, seenR = false, seenC = false, seenH = false;
    auto take = [](bool &seen, auto &field, QByteArrayView number, qint64 max) {
        using Field = std::remove_reference_t<decltype(field)>;
        if (seen) {
            field = -1;
            return;
        }
        seen = true;
        field = Field(parseHeaderNumber(number, max).value_or(-1));
    };
    qsizetype from = 0;
    while (from <= value.size()) {
        qsizetype end = value.indexOf(';', from);
        if (end < 0)
            end = value.size();
        const QByteArrayView item = value.sliced(from, end - from).trimmed();
        from = end + 1;
        if (item.size() < 2 || item.at(1) != '=')
            continue; // not ours to judge: a later version may add items
        const QByteArrayView number = item.sliced(2);
        switch (item.at(0)) {
        case 'q':
            take(seenQ, report.queuedMs, number, Day);
            break;
        case 'a':
            take(seenA, report.active, number, Million);
            break;
        case 'r':
            take(seenR, report.connectionRequest, number, INT_MAX);
            break;
        case 'c':
            take(seenC, report.capacity, number, Million);
            break;
        case 'h':
            take(seenH, report.tlsHandshakeUs, number, Minute);
            break;
        default:
            break;
        }
    }
    return report;
}

void appendServerReport(QByteArray &out, const ServerReport &report)
{
    out += "q=";
    out += QByteArray::number(report.queuedMs);
    out += ";a=";
    out += QByteArray::number(report.active);
    if (report.connectionRequest > 0) {
        out += ";r=";
        out += QByteArray::number(report.connectionRequest);
    }
    if (report.tlsHandshakeUs >= 0) {
        out += ";h=";
        out += QByteArray::number(report.tlsHandshakeUs);
    }
    if (report.capacity > 0) {
        out += ";c=";
        out += QByteArray::number(report.capacity);
    }
}

} // namespace Coroscope
