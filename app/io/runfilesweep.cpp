// A sweep in a run file: the header's "sweep" says what was swept (knob, values, strategies,
// repeats) and describes each point's SWRN section in the order the points ran.
#include "runfile_p.h"

#include "trace/text.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Coroscope::RunFilePrivate {

namespace {
struct RunFileText
{
    Q_DECLARE_TR_FUNCTIONS(RunFile)
};
} // namespace

QJsonObject sweepJson(const SweepResult &sweep)
{
    const SweepSpec &spec = sweep.spec;
    QJsonArray values;
    for (const double v : spec.values)
        values.append(v);
    QJsonArray strategies;
    for (const Strategy s : spec.effectiveStrategies())
        strategies.append(strategyName(s));
    QJsonArray points;
    for (const SweepPoint &p : sweep.points)
        points.append(QJsonObject{{u"value"_s, p.valueIndex},
                                  {u"strategy"_s, strategyName(p.strategy)},
                                  {u"repeat"_s, p.repeat},
                                  {u"tasks"_s, double(p.trace.tasks.size())},
                                  {u"events"_s, double(p.trace.events.size())}});
    return QJsonObject{{u"knob"_s, sweepKnobName(spec.knob)},
                       {u"values"_s, values},
                       {u"strategies"_s, strategies},
                       {u"repeat"_s, spec.repeat},
                       {u"stopped"_s, sweep.stopped},
                       {u"wall_ms"_s, sweep.wallMs},
                       {u"points"_s, points}};
}

QString readSweep(const QJsonObject &header, RunRecord *record, QList<qint64> *events)
{
    const QJsonValue value = header.value(u"sweep"_s);
    if (value.isUndefined())
        return {};
    const QJsonObject object = value.toObject();
    const auto bad = [](const QString &key) {
        return RunFileText::tr("its header's \"sweep.%1\" is not what a sweep writes").arg(key);
    };
    if (!value.isObject())
        return RunFileText::tr("its header's \"sweep\" is not an object");
    SweepSpec &spec = record->sweep.spec;
    spec.base = record->spec;
    spec.serverCapacity = record->serverCapacity;
    spec.embeddedServer = record->embeddedServer;
    if (!sweepKnobFromName(object.value(u"knob"_s).toString(), &spec.knob))
        return bad(u"knob"_s);
    const QJsonArray values = object.value(u"values"_s).toArray();
    if (values.isEmpty() || values.size() > SweepSpec::MaxValues)
        return bad(u"values"_s);
    for (const QJsonValue &v : values) {
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return bad(u"values"_s);
        spec.values.append(v.toDouble());
    }
    const QJsonArray strategies = object.value(u"strategies"_s).toArray();
    if (strategies.isEmpty() || strategies.size() > allStrategies().size())
        return bad(u"strategies"_s);
    for (const QJsonValue &v : strategies) {
        Strategy s;
        if (!strategyFromName(v.toString(), &s) || spec.strategies.contains(s))
            return bad(u"strategies"_s);
        spec.strategies.append(s);
    }
    qint64 repeat = 0;
    if (const QString error
        = checkInteger(object, u"sweep."_s, u"repeat"_s, 1, SweepSpec::MaxRepeat, &repeat);
        !error.isEmpty())
        return error;
    spec.repeat = int(repeat);
    // A value a run would refuse is refused here too (the points' specs derive from them).
    QStringList texts;
    for (const double v : std::as_const(spec.values))
        texts.append(sweepValueText(v));
    QList<double> parsed;
    if (const QString error = parseSweepValues(spec.knob, texts.join(u','), &parsed);
        !error.isEmpty())
        return RunFileText::tr("its sweep cannot be: %1").arg(error);
    if (parsed != spec.values)
        return bad(u"values"_s);
    record->sweep.stopped = object.value(u"stopped"_s).toBool();
    const double wallMs = object.value(u"wall_ms"_s).toDouble();
    record->sweep.wallMs = std::isfinite(wallMs) && wallMs > 0 && wallMs < 1e12 ? wallMs : 0;
    const QJsonArray points = object.value(u"points"_s).toArray();
    if (points.isEmpty() || points.size() > spec.pointCount())
        return bad(u"points"_s);
    for (qsizetype i = 0; i < points.size(); ++i) {
        const QJsonObject entry = points.at(i).toObject();
        const QString prefix = u"sweep.points[%1]."_s.arg(i);
        qint64 index = 0, rep = 0, tasks = 0, count = 0;
        QString error = checkInteger(entry, prefix, u"value"_s, 0, spec.values.size() - 1, &index);
        if (error.isEmpty())
            error = checkInteger(entry, prefix, u"repeat"_s, 0, spec.repeat - 1, &rep);
        if (error.isEmpty())
            error = checkInteger(entry, prefix, u"tasks"_s, 1, RunSpec::MaxTasks, &tasks);
        if (error.isEmpty())
            error = checkInteger(entry, prefix, u"events"_s, 0, std::numeric_limits<qint32>::max(),
                                 &count);
        if (!error.isEmpty())
            return error;
        SweepPoint point;
        point.valueIndex = int(index);
        point.value = spec.values.at(index);
        point.repeat = int(rep);
        if (!strategyFromName(entry.value(u"strategy"_s).toString(), &point.strategy)
            || !spec.strategies.contains(point.strategy))
            return bad(u"points"_s);
        // The task count is the spec's, or the knob's when the knob is tasks.
        if (tasks != spec.pointSpec(point.value, point.strategy).tasks)
            return bad(u"points"_s);
        record->sweep.points.append(point);
        events->append(count);
    }
    return {};
}

} // namespace Coroscope::RunFilePrivate
