#include "csv.h"

#include "trace/phases.h"
#include "trace/segments.h"

#include <QCoreApplication>

namespace Coroscope {

QString csvTextCell(const QString &text)
{
    // Cells may quote a run file or a server: a terminal that shows the CSV (cat, less -r)
    // must not run an escape sequence from it, nor a viewer reverse its text. Other control
    // characters go; tabs and line breaks are data (quoted below).
    QString cell;
    cell.reserve(text.size());
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        const bool control = (c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r')
            || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e)
            || (c >= 0x2066 && c <= 0x2069) || c == 0x200e || c == 0x200f;
        if (!control)
            cell += ch;
    }
    if (!cell.isEmpty()) {
        const QChar first = cell.front();
        if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t'
            || first == u'\r')
            cell.prepend(u'\'');
    }
    const bool quote = cell.contains(u',') || cell.contains(u'"') || cell.contains(u'\n')
        || cell.contains(u'\r');
    if (!quote)
        return cell;
    cell.replace(QStringLiteral("\""), QStringLiteral("\"\""));
    return u'"' + cell + u'"';
}

namespace {
// Whole microseconds, rounded half up: the unit every printed time is a multiple of.
qint64 roundedUs(qint64 ns)
{
    return ns >= 0 ? (ns + 500) / 1000 : -((-ns + 500) / 1000);
}

QString usText(qint64 us)
{
    const qint64 whole = us / 1000;
    const qint64 frac = (us < 0 ? -us : us) % 1000;
    QString text = QString::number(whole) + u'.' + QString::number(frac).rightJustified(3, u'0');
    if (us < 0 && whole == 0)
        text.prepend(u'-');
    return text;
}

void appendTaskRows(QString &out, const Trace &trace)
{
    const SegmentBuilder builder = buildSegments(trace);
    const qint64 lastNs = trace.lastNs();
    const QString strategy = csvTextCell(trace.strategy);
    for (quint32 i = 0; i < quint32(trace.tasks.size()); ++i) {
        const TaskInfo &info = trace.tasks.at(i);
        const TaskTimes &t = builder.times(i);
        qint64 stateUs[3] = {0, 0, 0};
        auto add = [&stateUs](const Segment &s) {
            stateUs[int(s.state)] += roundedUs(s.endNs) - roundedUs(s.startNs);
        };
        for (const Segment &s : builder.row(i))
            add(s);
        Segment open;
        if (builder.openSegment(i, lastNs, &open))
            add(open);
        const qint64 endNs = t.finishedNs >= 0 ? t.finishedNs : lastNs;
        // Zero-length segments are not kept and add nothing either way; the rest tile the task.
        const qint64 totalUs = t.createdNs >= 0 ? roundedUs(endNs) - roundedUs(t.createdNs) : 0;
        const qint64 queuedNs = trustedServerQueuedNs(trace, builder, i);
        out += QString::number(i) + u',' + csvTextCell(trace.url(i)) + u',' + strategy + u','
            + resultName(info.result) + u','
            + (info.httpStatus ? QString::number(info.httpStatus) : QString()) + u','
            + QString::number(info.bytes) + u',' + csvMs(t.createdNs) + u',' + csvMs(t.admittedNs)
            + u',' + csvMs(t.finishedNs) + u',' + usText(stateUs[int(SegmentState::Pending)]) + u','
            + usText(stateUs[int(SegmentState::Running)]) + u','
            + usText(stateUs[int(SegmentState::Suspended)]) + u',' + usText(totalUs) + u','
            + csvTextCell(info.error) + u',' + csvMs(queuedNs);
        // Phases of `await reply`, as differences of printed times: they add up to the await.
        const RequestPhases phases = requestPhases(trace, builder, i);
        qint64 phaseUs[PhaseKindCount] = {};
        for (const PhaseSpan &span : phases.spans)
            phaseUs[int(span.kind)] += roundedUs(span.endNs) - roundedUs(span.startNs);
        for (const PhaseKind kind : TasksCsvPhaseColumns)
            out += u',' + (phases.known ? usText(phaseUs[int(kind)]) : QString());
        out += u','
            + (phases.known && phases.reusedConnection >= 0
                   ? QString::number(phases.reusedConnection)
                   : QString())
            + u',' + QString::number(info.redirects.size()) + u','
            + csvTextCell(QString::fromUtf8(info.contentEncoding)) + u','
            + (info.decodedBytes >= 0 ? QString::number(info.decodedBytes) : QString()) + u','
            + csvTextCell(info.name) + u',' + csvTextCell(info.coroutine) + u','
            + (info.parent >= 0 ? QString::number(info.parent) : QString()) + u','
            + csvTextCell(info.createdAt) + u"\r\n";
    }
}

void appendSegmentRows(QString &out, const Trace &trace)
{
    const QString strategy = csvTextCell(trace.strategy);
    const SegmentBuilder builder = buildSegments(trace);
    for (const Segment &s : builder.allSegments(trace.lastNs())) {
        out += QString::number(s.task) + u',' + stateName(s.state) + u','
            + csvTextCell(trace.label(s.label)) + u',' + csvMs(s.startNs) + u',' + csvMs(s.endNs)
            + u',' + usText(roundedUs(s.endNs) - roundedUs(s.startNs)) + u',' + strategy + u"\r\n";
        // The await's phases follow it, state `phase`, named in the label column.
        if (s.state != SegmentState::Suspended || !isReplyAwait(trace.label(s.label)))
            continue;
        // A redirected request awaited one reply per hop, each with its own phases.
        const RequestPhases phases
            = requestHopPhases(trace, builder, s.task, requestHopAt(builder, s.task, s.startNs));
        if (!phases.known || phases.awaitStartNs != s.startNs)
            continue;
        for (const PhaseSpan &p : phases.spans)
            out += QString::number(s.task) + u",phase," + phaseName(p.kind) + u','
                + csvMs(p.startNs) + u',' + csvMs(p.endNs) + u','
                + usText(roundedUs(p.endNs) - roundedUs(p.startNs)) + u',' + strategy + u"\r\n";
    }
}
} // namespace

QString csvMs(qint64 ns)
{
    if (ns < 0)
        return {};
    return usText(roundedUs(ns));
}

QByteArray tasksCsv(const Trace &trace)
{
    return tasksCsv(QList<Trace>{trace});
}

QByteArray tasksCsv(const QList<Trace> &traces)
{
    QString out = QLatin1String(TasksCsvHeader) + u"\r\n";
    qsizetype rows = 0;
    for (const Trace &trace : traces)
        rows += trace.tasks.size();
    out.reserve(rows * 130);
    for (const Trace &trace : traces)
        appendTaskRows(out, trace);
    return out.toUtf8();
}

QByteArray segmentsCsv(const Trace &trace)
{
    return segmentsCsv(QList<Trace>{trace});
}

QByteArray segmentsCsv(const QList<Trace> &traces)
{
    QString out = QLatin1String(SegmentsCsvHeader) + u"\r\n";
    for (const Trace &trace : traces)
        appendSegmentRows(out, trace);
    return out.toUtf8();
}

QByteArray compareCsv(const QList<RunSummary> &summaries)
{
    QString out = QLatin1String(CompareCsvHeader) + u"\r\n";
    for (const RunSummary &s : summaries) {
        out += csvTextCell(s.strategy) + u',' + QString::number(s.tasks) + u','
            + QString::number(s.ok) + u',' + QString::number(s.tasks - s.ok) + u','
            + QString::number(s.wallMs, 'f', 3) + u','
            + (s.sumMs ? QString::number(*s.sumMs, 'f', 3) : QString()) + u','
            + QString::number(s.maxTaskMs, 'f', 3) + u','
            + (s.speedup ? QString::number(*s.speedup, 'f', 3) : QString()) + u','
            + QString::number(s.avgInFlight, 'f', 3) + u','
            + (s.stopped ? QStringLiteral("true") : QStringLiteral("false")) + u','
            + csvTextCell(s.source) + u',' + baselineName(s.baseline) + u"\r\n";
    }
    return out.toUtf8();
}

QList<QStringList> parseCsv(const QByteArray &data)
{
    const QString text = QString::fromUtf8(data);
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    bool any = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        any = true;
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text.at(i + 1) == u'"') {
                    cell += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
        } else if (c == u'"') {
            quoted = true;
        } else if (c == u',') {
            row.append(cell);
            cell.clear();
        } else if (c == u'\r' || c == u'\n') {
            if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n')
                ++i;
            row.append(cell);
            cell.clear();
            rows.append(row);
            row.clear();
            any = false;
        } else {
            cell += c;
        }
    }
    if (any) {
        row.append(cell);
        rows.append(row);
    }
    return rows;
}

} // namespace Coroscope
