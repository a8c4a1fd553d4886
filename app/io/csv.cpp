#include "csv.h"

#include "trace/segments.h"

#include <QCoreApplication>

namespace Coroscope {

QString csvTextCell(const QString &text)
{
    QString cell = text;
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

QString csvMs(qint64 ns)
{
    if (ns < 0)
        return {};
    return QString::number(double(ns) / 1e6, 'f', 3);
}

QByteArray tasksCsv(const Trace &trace)
{
    const QList<TaskTimes> times = deriveTaskTimes(trace);
    QString out = QLatin1String(TasksCsvHeader) + u"\r\n";
    out.reserve(trace.tasks.size() * 120);
    const QString strategy = csvTextCell(trace.strategy);
    for (qsizetype i = 0; i < trace.tasks.size(); ++i) {
        const TaskInfo &info = trace.tasks.at(i);
        const TaskTimes &t = times.at(i);
        out += QString::number(i) + u',' + csvTextCell(trace.url(quint32(i))) + u',' + strategy
            + u',' + resultName(info.result) + u','
            + (info.httpStatus ? QString::number(info.httpStatus) : QString()) + u','
            + QString::number(info.bytes) + u',' + csvMs(t.createdNs) + u',' + csvMs(t.admittedNs)
            + u',' + csvMs(t.finishedNs) + u',' + csvMs(t.pendingNs) + u',' + csvMs(t.runningNs)
            + u',' + csvMs(t.suspendedNs) + u',' + csvMs(t.totalNs()) + u','
            + csvTextCell(info.error) + u"\r\n";
    }
    return out.toUtf8();
}

QByteArray segmentsCsv(const Trace &trace)
{
    const QList<Segment> segments = deriveSegments(trace);
    QString out = QLatin1String(SegmentsCsvHeader) + u"\r\n";
    out.reserve(segments.size() * 60);
    for (const Segment &s : segments) {
        out += QString::number(s.task) + u',' + stateName(s.state) + u','
            + csvTextCell(trace.label(s.label)) + u',' + csvMs(s.startNs) + u',' + csvMs(s.endNs)
            + u',' + csvMs(s.durationNs()) + u"\r\n";
    }
    return out.toUtf8();
}

QByteArray compareCsv(const QList<RunSummary> &summaries)
{
    QString out = QLatin1String(CompareCsvHeader) + u"\r\n";
    for (const RunSummary &s : summaries) {
        out += csvTextCell(s.strategy) + u',' + QString::number(s.tasks) + u','
            + QString::number(s.ok) + u',' + QString::number(s.tasks - s.ok) + u','
            + QString::number(s.wallMs, 'f', 3) + u',' + QString::number(s.sumMs, 'f', 3) + u','
            + QString::number(s.maxTaskMs, 'f', 3) + u',' + QString::number(s.speedup, 'f', 3)
            + u"\r\n";
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
