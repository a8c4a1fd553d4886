#include "har.h"

#include "trace/phases.h"
#include "trace/segments.h"
#include "trace/text.h"

#include <QHash>
#include <QHostAddress>
#include <QUrl>
#include <QUrlQuery>

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace Coroscope {

namespace {
// Written by hand, like the Chrome trace (io/chrometrace.cpp): one pass, one buffer, no
// QJsonObject per entry, no allocation per number. A 100,000-task HAR is ~150 MB of text.

// Half-up to whole microseconds, as the CSV rounds: differences of rounded ends add up exactly.
qint64 roundedUs(qint64 ns)
{
    return ns >= 0 ? (ns + 500) / 1000 : -((-ns + 500) / 1000);
}

void appendNumber(QByteArray &out, qint64 n)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr - buf);
}

// Milliseconds from whole microseconds, exactly: 12, 12.5, 0.001.
void appendMs(QByteArray &out, qint64 us)
{
    if (us < 0) {
        out += '-';
        us = -us;
    }
    appendNumber(out, us / 1000);
    if (qint64 frac = us % 1000) {
        char digits[4]
            = {char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10), 0};
        int n = 3;
        while (digits[n - 1] == '0')
            --n;
        out += '.';
        out.append(digits, n);
    }
}

// A HAR timing: -1 (not applicable) or milliseconds.
void appendTiming(QByteArray &out, qint64 us)
{
    if (us < 0)
        out += "-1";
    else
        appendMs(out, us);
}

// A JSON string of UTF-8 text, quotes included: runs without anything to escape are copied whole.
void appendString(QByteArray &out, QByteArrayView utf8)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    const char *p = utf8.data();
    const char *const end = p + utf8.size();
    const char *run = p;
    for (; p < end; ++p) {
        const auto u = static_cast<unsigned char>(*p);
        if (u >= 0x20 && u != '"' && u != '\\')
            continue;
        out.append(run, p - run);
        if (u == '"' || u == '\\') {
            out += '\\';
            out += char(u);
        } else {
            out += "\\u00";
            out += hex[u >> 4];
            out += hex[u & 15];
        }
        run = p + 1;
    }
    out.append(run, end - run);
    out += '"';
}

void appendString(QByteArray &out, const QString &text)
{
    appendString(out, QByteArrayView(text.toUtf8()));
}

// ISO 8601 in UTC with milliseconds ("2024-05-01T09:30:00.123Z"), without QDateTime: 100,000
// of those through QDateTime cost more than the rest of an entry. Civil-from-days by Howard
// Hinnant (proleptic Gregorian, any date).
void appendIsoDate(QByteArray &out, qint64 msSinceEpoch)
{
    constexpr qint64 DayMs = 86400000;
    qint64 days = msSinceEpoch / DayMs;
    qint64 ms = msSinceEpoch % DayMs;
    if (ms < 0) {
        ms += DayMs;
        --days;
    }
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 doe = days - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const qint64 day = doy - (153 * mp + 2) / 5 + 1;
    const qint64 month = mp < 10 ? mp + 3 : mp - 9;
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    char buf[64];
    const int n = std::snprintf(
        buf, sizeof buf, "\"%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ\"",
        static_cast<long long>(year), static_cast<long long>(month), static_cast<long long>(day),
        static_cast<long long>(ms / 3600000), static_cast<long long>(ms / 60000 % 60),
        static_cast<long long>(ms / 1000 % 60), static_cast<long long>(ms % 1000));
    out.append(buf, n);
}

// TaskInfo's "Name: value\n" lines as HAR's [{"name": ..., "value": ...}].
void appendHeaders(QByteArray &out, const QByteArray &lines)
{
    out += '[';
    bool first = true;
    qsizetype at = 0;
    while (at < lines.size()) {
        qsizetype end = lines.indexOf('\n', at);
        if (end < 0)
            end = lines.size();
        const QByteArrayView line(lines.constData() + at, end - at);
        at = end + 1;
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(": ");
        out += first ? "{\"name\":" : ",{\"name\":";
        first = false;
        appendString(out, colon < 0 ? line : line.first(colon));
        out += ",\"value\":";
        appendString(out, colon < 0 ? QByteArrayView() : line.sliced(colon + 2));
        out += '}';
    }
    out += ']';
}

// What an entry says of its URL, the same for every task of that URL: built once per URL.
struct UrlParts
{
    QByteArray url; // a JSON string, passwords redacted
    QByteArray queryString; // a JSON array
    QByteArray serverIp; // a JSON string, empty when the host is a name (Qt does not say where
                         // it resolved to)
};

UrlParts urlParts(const QString &shown)
{
    UrlParts parts;
    // Trace URLs are already shown redacted; a trace from elsewhere (a run file) gets the same.
    const QString redacted = redactPasswords(shown);
    appendString(parts.url, redacted);
    const QUrl url(redacted);
    parts.queryString = "[";
    const auto items = QUrlQuery(url).queryItems(QUrl::FullyDecoded);
    for (qsizetype i = 0; i < items.size(); ++i) {
        parts.queryString += i ? ",{\"name\":" : "{\"name\":";
        appendString(parts.queryString, items.at(i).first);
        parts.queryString += ",\"value\":";
        appendString(parts.queryString, items.at(i).second);
        parts.queryString += '}';
    }
    parts.queryString += ']';
    QHostAddress address;
    if (address.setAddress(url.host()))
        appendString(parts.serverIp, address.toString());
    return parts;
}

// One request of a task (a task that followed redirects made one per hop), with its timings in
// whole microseconds.
struct Entry
{
    qint64 startNs = 0;
    quint32 task = 0;
    int hop = 0; // 0 = the task's first request; info.redirects.size() = its final one
    bool phased = false; // false: a blocking fetch, one span without Qt's moments
    bool timed = true; // false: a hop inside a blocking fetch, whose time is the final entry's
    int reused = -1; // RequestPhases::reusedConnection
    qint64 phaseUs[PhaseKindCount] = {};
    qint64 wholeUs = 0; // !phased: admitted until finished
};

QList<Entry> entriesOf(const Trace &trace, const SegmentBuilder &builder)
{
    QList<Entry> entries;
    entries.reserve(trace.tasks.size());
    const qint64 lastNs = trace.lastNs();
    for (quint32 t = 0; t < quint32(trace.tasks.size()); ++t) {
        const TaskInfo &info = trace.tasks.at(t);
        const int redirects = int(info.redirects.size());
        // Every hop followed, and the final request when one was made.
        const int requests = std::max(builder.hopCount(t), redirects + (info.httpStatus > 0));
        for (int hop = 0; hop < requests; ++hop) {
            const RequestPhases phases = requestHopPhases(trace, builder, t, hop);
            const bool answered = hop < redirects || info.httpStatus > 0;
            if (!phases.known && !answered)
                continue; // never sent a request, or nothing says it did
            Entry e;
            e.task = t;
            e.hop = hop;
            if (phases.known) {
                e.phased = true;
                e.startNs = phases.awaitStartNs;
                e.reused = phases.reusedConnection;
                for (const PhaseSpan &span : phases.spans)
                    e.phaseUs[int(span.kind)] += roundedUs(span.endNs) - roundedUs(span.startNs);
            } else {
                const TaskTimes &times = builder.times(t);
                e.startNs = times.admittedNs >= 0 ? times.admittedNs
                                                  : std::max<qint64>(0, times.createdNs);
                const qint64 endNs = times.finishedNs >= 0 ? times.finishedNs : lastNs;
                // A blocking fetch is one call: its hops' times are not known apart.
                e.timed = hop == requests - 1;
                e.wholeUs
                    = e.timed ? std::max<qint64>(0, roundedUs(endNs) - roundedUs(e.startNs)) : 0;
            }
            entries.append(e);
        }
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry &a, const Entry &b) { return a.startNs < b.startNs; });
    return entries;
}

// The response of one entry: a redirect hop's, or the task's final one.
struct Answer
{
    int status = 0;
    quint8 version = 0;
    qint64 bytes = 0;
    qint64 decodedBytes = -1;
    QByteArrayView encoding;
    const QString *statusText = nullptr;
    const QByteArray *mimeType = nullptr;
    const QByteArray *headers = nullptr;
};

Answer answerOf(const TaskInfo &info, int hop)
{
    Answer a;
    if (hop < info.redirects.size()) {
        const RedirectHop &h = info.redirects.at(hop);
        a.status = h.httpStatus;
        a.version = h.httpVersion;
        a.bytes = h.bytes;
        a.statusText = &h.statusText;
        a.mimeType = &h.mimeType;
        a.headers = &h.responseHeaders;
        return a;
    }
    a.status = info.httpStatus;
    a.version = info.httpVersion;
    a.bytes = info.bytes;
    a.decodedBytes = info.decodedBytes;
    a.encoding = info.contentEncoding;
    a.statusText = &info.statusText;
    a.mimeType = &info.mimeType;
    a.headers = &info.responseHeaders;
    return a;
}

// A header's value from TaskInfo's "Name: value\n" lines (the first one), empty when absent.
QByteArray headerValue(const QByteArray &lines, QByteArrayView name)
{
    qsizetype at = 0;
    while (at < lines.size()) {
        qsizetype end = lines.indexOf('\n', at);
        if (end < 0)
            end = lines.size();
        const QByteArrayView line(lines.constData() + at, end - at);
        at = end + 1;
        const qsizetype colon = line.indexOf(": ");
        if (colon == name.size() && line.first(colon).compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 2).toByteArray();
    }
    return {};
}

QByteArrayView responseVersionName(quint8 version)
{
    switch (version) {
    case 1:
        // Qt 6.4 does not tell HTTP/1.0 from HTTP/1.1 responses: only the major version is known.
        return "HTTP/1.x";
    case 2:
        return "HTTP/2";
    default:
        return ""; // no response: Qt did not say which it would have spoken
    }
}

QByteArrayView requestVersionName(quint8 version)
{
    switch (version) {
    case 1:
        return "HTTP/1.1"; // what Qt's HTTP/1 requests always say
    case 2:
        return "HTTP/2";
    default:
        return "";
    }
}

const char RequestComment[] = "headers: those Coroscope set; Qt adds Host, Connection, "
                              "Accept-Language and User-Agent itself and does not expose them";

void writeEntries(QByteArray &out, bool &first, const Trace &trace)
{
    const SegmentBuilder builder = buildSegments(trace);
    const QList<Entry> entries = entriesOf(trace, builder);
    const qint64 lastNs = trace.lastNs();
    QByteArray strategy;
    appendString(strategy, trace.strategy);
    QHash<quint32, UrlParts> urls;

    for (const Entry &e : entries) {
        const TaskInfo &info = trace.tasks.at(e.task);
        auto url = urls.find(info.urlIndex);
        if (url == urls.end())
            url = urls.insert(info.urlIndex, urlParts(trace.urls.value(info.urlIndex)));
        // A hop after the first requested where the one before redirected it (few: not cached).
        UrlParts hopUrl;
        if (e.hop > 0 && e.hop <= info.redirects.size())
            hopUrl = urlParts(info.redirects.at(e.hop - 1).location);
        const UrlParts &parts = e.hop > 0 ? hopUrl : *url;
        const Answer answer = answerOf(info, e.hop);
        // HAR's redirectURL is the Location header's target: a hop's resolved one, or the final
        // response's (e.g. a redirect not followed: a loop, past the limit).
        QString redirectUrl;
        if (e.hop < info.redirects.size()) {
            redirectUrl = info.redirects.at(e.hop).location;
        } else if (const QByteArray location = headerValue(*answer.headers, "Location");
                   !location.isEmpty()) {
            const QString requested = e.hop > 0 ? info.redirects.at(e.hop - 1).location
                                                : trace.urls.value(info.urlIndex);
            redirectUrl = redactPasswords(
                QUrl(requested).resolved(QUrl(QString::fromUtf8(location))).toString());
        }

        // HAR's timings from the phases; ssl is inside connect, so `time` leaves it out.
        const qint64 *us = e.phaseUs;
        qint64 blocked = -1, connect = -1, ssl = -1, send = 0, wait = e.wholeUs, receive = 0,
               resume = -1;
        if (e.phased) {
            blocked = us[int(PhaseKind::Queued)];
            const qint64 opening = us[int(PhaseKind::Connect)] + us[int(PhaseKind::Tls)];
            connect = opening > 0 ? opening : -1; // reused, or its opening hid in `queued`
            ssl = us[int(PhaseKind::Tls)] > 0 ? us[int(PhaseKind::Tls)] : -1;
            send = us[int(PhaseKind::Send)];
            wait = us[int(PhaseKind::ServerQueue)] + us[int(PhaseKind::Waiting)];
            receive = us[int(PhaseKind::Receiving)];
            resume = us[int(PhaseKind::Resume)];
        }
        const qint64 time
            = std::max<qint64>(blocked, 0) + std::max<qint64>(connect, 0) + send + wait + receive;

        out += first ? "\n{\"startedDateTime\":" : ",\n{\"startedDateTime\":";
        first = false;
        appendIsoDate(out, trace.startedMsSinceEpoch + e.startNs / 1000000);
        out += ",\"time\":";
        appendMs(out, time);

        out += ",\"request\":{\"method\":\"GET\",\"url\":";
        out += parts.url;
        out += ",\"httpVersion\":";
        appendString(out, requestVersionName(answer.version));
        out += ",\"cookies\":[],\"headers\":";
        appendHeaders(out, info.requestHeaders);
        out += ",\"queryString\":";
        out += parts.queryString;
        out += ",\"headersSize\":-1,\"bodySize\":0,\"comment\":\"";
        out += RequestComment;
        out += "\"}";

        out += ",\"response\":{\"status\":";
        appendNumber(out, answer.status);
        out += ",\"statusText\":";
        appendString(out, *answer.statusText);
        out += ",\"httpVersion\":";
        appendString(out, responseVersionName(answer.version));
        out += ",\"cookies\":[],\"headers\":";
        appendHeaders(out, *answer.headers);
        // HAR 1.2: content.size is the body decoded, compression what the encoding saved;
        // bodySize what crossed the wire.
        out += ",\"content\":{\"size\":";
        appendNumber(out, answer.decodedBytes >= 0 ? answer.decodedBytes : answer.bytes);
        if (answer.decodedBytes >= 0) {
            out += ",\"compression\":";
            appendNumber(out, answer.decodedBytes - answer.bytes);
        } else if (!answer.encoding.isEmpty()) {
            out += ",\"comment\":";
            const QByteArray comment = "encoded (" + answer.encoding.toByteArray()
                + "): its decoded size is not known, size is the encoded size";
            appendString(out, QByteArrayView(comment));
        }
        out += ",\"mimeType\":";
        appendString(out,
                     answer.mimeType->isEmpty() ? QByteArrayView("x-unknown")
                                                : QByteArrayView(*answer.mimeType));
        out += "},\"redirectURL\":";
        appendString(out, redirectUrl);
        out += ",\"headersSize\":-1,\"bodySize\":";
        appendNumber(out, answer.bytes);
        out += '}';

        out += ",\"cache\":{},\"timings\":{\"blocked\":";
        appendTiming(out, blocked);
        out += ",\"dns\":-1,\"connect\":";
        appendTiming(out, connect);
        out += ",\"ssl\":";
        appendTiming(out, ssl);
        out += ",\"send\":";
        appendMs(out, send);
        out += ",\"wait\":";
        appendMs(out, wait);
        out += ",\"receive\":";
        appendMs(out, receive);
        out += ",\"_resume\":";
        appendTiming(out, resume);
        out += '}';
        if (!parts.serverIp.isEmpty()) {
            out += ",\"serverIPAddress\":";
            out += parts.serverIp;
        }

        const TaskTimes times = builder.timesAt(e.task, lastNs);
        out += ",\"_coroscope\":{\"task\":";
        appendNumber(out, e.task);
        if (!info.redirects.isEmpty()) {
            // Which request of the task this is (0 = the first), of how many.
            out += ",\"hop\":";
            appendNumber(out, e.hop);
            out += ",\"redirects\":";
            appendNumber(out, info.redirects.size());
        }
        if (!e.timed)
            out += ",\"timings_known\":false";
        out += ",\"strategy\":";
        out += strategy;
        out += ",\"result\":";
        appendString(out, resultName(info.result));
        out += ",\"error\":";
        appendString(out, info.error);
        out += ",\"pending_ms\":";
        appendMs(out, roundedUs(times.pendingNs));
        out += ",\"running_ms\":";
        appendMs(out, roundedUs(times.runningNs));
        out += ",\"suspended_ms\":";
        appendMs(out, roundedUs(times.suspendedNs));
        out += ",\"server_queue_ms\":";
        appendTiming(out, e.phased ? us[int(PhaseKind::ServerQueue)] : -1);
        out += ",\"resume_ms\":";
        appendTiming(out, resume);
        out += ",\"reused_connection\":";
        out += e.reused < 0 ? "null" : e.reused ? "true" : "false";
        if (info.worker >= 0) {
            out += ",\"worker\":";
            appendNumber(out, info.worker);
        }
        out += "}}";
    }
}

const char LogComment[]
    = "Recorded by Coroscope: one entry per request a task sent. Timings come from the "
      "moments Qt tells the event loop about: blocked = queued inside Qt, connect = opening a "
      "new connection (-1 when reused, or when Qt opened it before the request was assigned), "
      "wait = the server's queue plus time to first byte, receive = headers until the reply "
      "finished; timings._resume is the loop's latency from the reply's end to the task running "
      "again, not part of time. Request headers are those Coroscope set: Qt adds Host, "
      "Connection, Accept-Language and User-Agent itself and does not expose them. Bodies are "
      "counted as transferred (never kept): bodySize is wire bytes, content.size the body "
      "decoded (gzip and deflate are inflated only to count them) with compression the bytes "
      "saved, no text. A redirect is an entry of its own (redirectURL), as its request was. "
      "Qt does not tell HTTP/1.0 from HTTP/1.1 responses: HTTP/1.x. "
      "Header values are made printable and cut at 512 bytes, at most 64 headers each.";
} // namespace

QByteArray harJson(const Trace &trace, const QString &creatorVersion)
{
    return harJson(QList<Trace>{trace}, creatorVersion);
}

QByteArray harJson(const QList<Trace> &traces, const QString &creatorVersion)
{
    qsizetype estimate = 4096;
    for (const Trace &trace : traces) {
        estimate += trace.tasks.size() * 1100;
        for (const TaskInfo &info : trace.tasks)
            estimate += (info.requestHeaders.size() + info.responseHeaders.size()) * 3 / 2;
    }
    QByteArray out;
    out.reserve(estimate);
    out += "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"Coroscope\",\"version\":";
    appendString(out, creatorVersion);
    out += "},\"comment\":\"";
    out += LogComment;
    out += "\",\"_runs\":[";
    for (qsizetype i = 0; i < traces.size(); ++i) {
        const Trace &trace = traces.at(i);
        out += i ? ",{\"strategy\":" : "{\"strategy\":";
        appendString(out, trace.strategy);
        out += ",\"started\":";
        appendIsoDate(out, trace.startedMsSinceEpoch);
        out += ",\"tasks\":";
        appendNumber(out, trace.tasks.size());
        out += ",\"concurrency\":";
        appendNumber(out, trace.settings.concurrency);
        out += ",\"connections_per_host\":";
        appendNumber(out, trace.settings.connectionsPerHost);
        out += ",\"timeout_ms\":";
        appendNumber(out, trace.settings.timeoutMs);
        out += ",\"complete\":";
        out += trace.isComplete() ? "true}" : "false}";
    }
    out += "],\"entries\":[";
    bool first = true;
    for (const Trace &trace : traces)
        writeEntries(out, first, trace);
    out += "\n]}}\n";
    return out;
}

} // namespace Coroscope
