#include "io/chrometrace.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

class TestChromeTrace : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void spansInstantsAndCounters()
    {
        constexpr qint64 Ms = 1000000;
        Trace t;
        t.strategy = u"async"_s;
        t.urls = {u"http://127.0.0.1:1/delay/1"_s};
        t.labels = {QString(), u"await reply"_s};
        t.tasks.resize(1);
        t.tasks[0].result = TaskResult::Ok;
        t.tasks[0].httpStatus = 200;
        t.tasks[0].bytes = 314;
        using K = EventKind;
        for (const TraceEvent &e :
             {TraceEvent{0, 0, K::Created}, TraceEvent{1 * Ms, 0, K::Admitted},
              TraceEvent{2 * Ms, 0, K::Suspended, 0, 1},
              TraceEvent{5 * Ms, LoopTask, K::LagSample, 0, 0, 1500},
              TraceEvent{1002 * Ms, 0, K::Resumed, 0, 1}, TraceEvent{1003 * Ms, 0, K::Finished},
              TraceEvent{1003 * Ms, 0, K::DoneCallback},
              TraceEvent{1003 * Ms, LoopTask, K::AllDone}})
            t.events.append(e);
        t.endNs = 1003 * Ms;

        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(chromeTraceJson(t), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        const QJsonArray events = doc.object().value(u"traceEvents"_s).toArray();
        QStringList spans;
        QStringList instants;
        QStringList loopSpans;
        int counters = 0;
        for (const QJsonValue &v : events) {
            const QJsonObject e = v.toObject();
            const QString ph = e.value(u"ph"_s).toString();
            if (ph == u"X" && e.value(u"tid"_s).toInt() == 0) {
                // The loop's own track: its busy spans, what the timeline's loop row shows.
                loopSpans << QString::number(e.value(u"ts"_s).toDouble(), 'f', 0) + u'+'
                        + QString::number(e.value(u"dur"_s).toDouble(), 'f', 0);
            } else if (ph == u"X") {
                QCOMPARE(e.value(u"tid"_s).toInt(), 1); // task 0 is tid 1; the loop is tid 0
                spans << e.value(u"name"_s).toString() + u'@'
                        + QString::number(e.value(u"ts"_s).toDouble(), 'f', 0) + u'+'
                        + QString::number(e.value(u"dur"_s).toDouble(), 'f', 0);
            } else if (ph == u"i") {
                instants << e.value(u"name"_s).toString();
            } else if (ph == u"C") {
                ++counters;
                QCOMPARE(e.value(u"args"_s).toObject().value(u"lag"_s).toDouble(), 1.5);
            }
        }
        QCOMPARE(spans,
                 (QStringList{u"pending@0+1000"_s, u"running@1000+1000"_s,
                              u"await reply@2000+1000000"_s, u"running@1002000+1000"_s}));
        QCOMPARE(instants, (QStringList{u"ok"_s, u"done callback"_s, u"all done"_s}));
        QCOMPARE(counters, 1);
        QCOMPARE(loopSpans, (QStringList{u"1000+1000"_s, u"1002000+1000"_s}));
    }

    // Big runs pack tasks onto lanes: a lane takes a task only once its previous one finished,
    // every span and instant names its task, and lanes number as many as tasks were alive at
    // once (three here, for six tasks in two overlapping waves and a straggler).
    void lanesPackTasks()
    {
        constexpr qint64 Ms = 1000000;
        Trace t;
        t.strategy = u"async"_s;
        t.urls = {u"http://127.0.0.1:1/get"_s};
        t.labels = {QString(), u"await reply"_s};
        t.tasks.resize(6);
        using K = EventKind;
        // (created, finished) per task: 0-2 from 0 to 10 ms, 3-4 from 10 to 20 ms, 5 from 12 to
        // 30 ms.
        const qint64 spans[6][2] = {{0, 10}, {0, 10}, {0, 10}, {10, 20}, {10, 20}, {12, 30}};
        for (quint32 i = 0; i < 6; ++i) {
            t.tasks[i].result = TaskResult::Ok;
            t.events.append(TraceEvent{spans[i][0] * Ms, i, K::Created});
            t.events.append(TraceEvent{spans[i][0] * Ms, i, K::Admitted});
            t.events.append(TraceEvent{spans[i][0] * Ms, i, K::Suspended, 0, 1});
        }
        for (quint32 i = 0; i < 6; ++i) {
            t.events.append(TraceEvent{spans[i][1] * Ms, i, K::Resumed, 0, 1});
            t.events.append(TraceEvent{spans[i][1] * Ms, i, K::Finished});
        }
        std::stable_sort(t.events.begin(), t.events.end(),
                         [](const TraceEvent &a, const TraceEvent &b) { return a.ns < b.ns; });
        t.endNs = 30 * Ms;

        QCOMPARE(chromeTraceLanes(t), (QList<int>{0, 1, 2, 0, 1, 2}));

        QJsonParseError error;
        const QJsonDocument doc
            = QJsonDocument::fromJson(chromeTraceJson(t, ChromeTracks::Lanes), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QSet<int> tids;
        QMap<int, QSet<int>> tasksOfTid;
        int laneNames = 0;
        for (const QJsonValue &v : doc.object().value(u"traceEvents"_s).toArray()) {
            const QJsonObject e = v.toObject();
            const QString ph = e.value(u"ph"_s).toString();
            const int tid = e.value(u"tid"_s).toInt();
            if (ph == u"M" && e.value(u"name"_s).toString() == u"thread_name"_s
                && e.value(u"args"_s).toObject().value(u"name"_s).toString().startsWith(u"lane"_s))
                ++laneNames;
            if ((ph == u"X" || ph == u"i") && tid > 0) {
                const QJsonObject args = e.value(u"args"_s).toObject();
                QVERIFY2(args.contains(u"task"_s), QJsonDocument(e).toJson().constData());
                tids << tid;
                tasksOfTid[tid] << args.value(u"task"_s).toInt();
            }
        }
        QCOMPARE(laneNames, 3);
        QCOMPARE(tids, (QSet<int>{1, 2, 3}));
        QCOMPARE(tasksOfTid.value(1), (QSet<int>{0, 3}));
        QCOMPARE(tasksOfTid.value(3), (QSet<int>{2, 5}));
        // Small runs keep one track per task unless asked.
        const QJsonDocument perTask = QJsonDocument::fromJson(chromeTraceJson(t));
        int taskNames = 0;
        for (const QJsonValue &v : perTask.object().value(u"traceEvents"_s).toArray()) {
            const QJsonObject e = v.toObject();
            if (e.value(u"name"_s).toString() == u"thread_name"_s
                && e.value(u"args"_s).toObject().value(u"name"_s).toString().startsWith(u"task"_s))
                ++taskNames;
        }
        QCOMPARE(taskNames, 6);
    }
};

QTEST_GUILESS_MAIN(TestChromeTrace)
#include "tst_chrometrace.moc"
