#include "runtoend.h"

#include "trace/loopstate.h"
#include "trace/segments.h"
#include "trace/summary.h"
#include "trace/traceinstant.h"

#include <QTest>

#include <algorithm>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

// Replay's view of a real run at one instant: what a live view showed then. Tasks finished by
// the instant show their results, the others are unfinished with nothing known of their outcome;
// the events, segments and summary are those of the run cut at that instant, however the view
// got there (forward, back, or built at once).
class TestTraceInstant : public QObject
{
    Q_OBJECT

    TestServer m_server;

    static bool sameEvents(const QList<TraceEvent> &a, const QList<TraceEvent> &b)
    {
        return a.size() == b.size()
            && std::equal(a.cbegin(), a.cend(), b.cbegin(),
                          [](const TraceEvent &x, const TraceEvent &y) {
                              return x.ns == y.ns && x.task == y.task && x.kind == y.kind
                                  && x.label == y.label && x.value == y.value;
                          });
    }

    static bool sameSegments(const SegmentBuilder &a, const SegmentBuilder &b, qint64 nowNs)
    {
        const QList<Segment> x = a.allSegments(nowNs);
        const QList<Segment> y = b.allSegments(nowNs);
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (x[i].startNs != y[i].startNs || x[i].endNs != y[i].endNs || x[i].task != y[i].task
                || x[i].state != y[i].state || x[i].label != y[i].label)
                return false;
        }
        return a.loopBusyBeforeNs(nowNs, nowNs) == b.loopBusyBeforeNs(nowNs, nowNs);
    }

    // The view at `at` against the whole run, task by task and event by event.
    static QString mismatch(const Trace &whole, const SegmentBuilder &wholeSegments,
                            const Trace &view, qint64 at)
    {
        if (view.tasks.size() != whole.tasks.size())
            return u"task count"_s;
        const qsizetype events = std::count_if(whole.events.cbegin(), whole.events.cend(),
                                               [at](const TraceEvent &e) { return e.ns <= at; });
        if (view.events.size() != events || !sameEvents(view.events, whole.events.first(events)))
            return u"events are not the run's up to the instant"_s;
        if (view.isComplete() != (at >= whole.endNs))
            return u"end"_s;
        for (quint32 t = 0; t < quint32(whole.tasks.size()); ++t) {
            const qint64 finished = wholeSegments.times(t).finishedNs;
            const TaskInfo &shown = view.tasks.at(t);
            const TaskInfo &real = whole.tasks.at(t);
            if (shown.urlIndex != real.urlIndex || shown.worker != real.worker)
                return u"task %1: url or worker"_s.arg(t);
            if (finished >= 0 && finished <= at) {
                if (shown.result != real.result || shown.error != real.error
                    || shown.httpStatus != real.httpStatus || shown.bytes != real.bytes)
                    return u"task %1: finished at %2, not shown so at %3"_s.arg(t)
                        .arg(finished)
                        .arg(at);
            } else if (shown.result != TaskResult::Unfinished || !shown.error.isEmpty()
                       || shown.httpStatus != 0 || shown.bytes != 0) {
                return u"task %1: finished at %2, shown finished at %3"_s.arg(t).arg(finished).arg(
                    at);
            }
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(0), qPrintable(m_server.errorString())); }

    void atEveryInstant_data()
    {
        QTest::addColumn<Strategy>("strategy");
        QTest::newRow("async: tasks finish at different times, one with an HTTP error")
            << Strategy::Async;
        QTest::newRow("blocking: one after another on the loop") << Strategy::Blocking;
        QTest::newRow("threads: tasks on workers, beside the loop") << Strategy::Threads;
    }

    // At every stepping time (and just before it) of a real run, the view shows exactly the
    // tasks finished by then as finished, with their results; moving forward through the run and
    // back again gives the same view as building it at once.
    void atEveryInstant()
    {
        QFETCH(Strategy, strategy);
        RunSpec spec = specOn(m_server, u"/delay/0.05"_s, 6);
        QUrl slow = m_server.baseUrl();
        slow.setPath(u"/delay/0.15"_s);
        QUrl failing = m_server.baseUrl();
        failing.setPath(u"/status/503"_s);
        spec.urls << slow << failing;
        spec.strategy = strategy;
        spec.workers = 3;
        const Trace whole = runToEnd(spec);
        QVERIFY(whole.isComplete());
        const SegmentBuilder wholeSegments = buildSegments(whole);
        bool sawError = false;
        for (const TaskInfo &info : whole.tasks) {
            QVERIFY(info.result != TaskResult::Unfinished);
            sawError = sawError || info.httpStatus == 503;
        }
        QVERIFY(sawError);

        QList<qint64> instants;
        for (const qint64 t : steppingTimes(whole))
            instants << t - 1 << t;
        instants << whole.endNs;
        TraceInstant forward;
        int partlyFinished = 0;
        for (const qint64 at : std::as_const(instants)) {
            forward.moveTo(whole, at);
            const QString why = mismatch(whole, wholeSegments, forward.trace(), at);
            QVERIFY2(why.isEmpty(), qPrintable(why));
            const Trace once = traceAt(whole, at);
            QVERIFY(sameSegments(forward.segments(), buildSegments(once), at));
            const RunSummary s = summarize(forward.trace(), forward.segments());
            const int done = int(std::count_if(
                whole.tasks.cbegin(), whole.tasks.cend(), [&, t = 0](const TaskInfo &) mutable {
                    const qint64 f = wholeSegments.times(quint32(t++)).finishedNs;
                    return f >= 0 && f <= at;
                }));
            QCOMPARE(s.ok + s.failed + s.timeouts + s.cancelled, done);
            QCOMPARE(s.unfinished, int(whole.tasks.size()) - done);
            if (done > 0 && done < whole.tasks.size())
                ++partlyFinished;
        }
        QVERIFY(partlyFinished > 0); // the run was seen half done, not only empty and complete
        // Back through the run: the same as built at once.
        TraceInstant back;
        back.moveTo(whole, whole.endNs);
        for (auto it = instants.crbegin(); it != instants.crend(); ++it) {
            back.moveTo(whole, *it);
            const QString why = mismatch(whole, wholeSegments, back.trace(), *it);
            QVERIFY2(why.isEmpty(), qPrintable(why));
            QVERIFY(sameSegments(back.segments(), buildSegments(traceAt(whole, *it)), *it));
        }
        // At the end, every figure is the whole run's.
        const Trace end = traceAt(whole, whole.endNs);
        QCOMPARE(summaryJson(summarize(end)), summaryJson(summarize(whole)));
        QCOMPARE(traceAt(whole, whole.endNs + 1'000'000'000).endNs, whole.endNs);
    }

    // A live run: the view of an instant stays put while the run goes on, and takes in events
    // synced after it was set that happened before its instant.
    void liveRunGoesOn()
    {
        const Trace whole = runToEnd(specOn(m_server, u"/delay/0.1"_s, 4));
        const qint64 middle = whole.endNs / 2;
        // What a live view saw part-way: a prefix of the events, no end yet.
        Trace early = whole;
        early.endNs = -1;
        early.events.resize(whole.events.size() / 4);
        TraceInstant view;
        view.moveTo(early, middle);
        QVERIFY(view.trace().events.size() <= early.events.size());
        view.moveTo(whole, middle); // the recorder caught up
        QVERIFY(sameEvents(view.trace().events, traceAt(whole, middle).events));
        QVERIFY(!view.trace().isComplete());
        QVERIFY(sameSegments(view.segments(), buildSegments(traceAt(whole, middle)), middle));
    }
};

QTEST_GUILESS_MAIN(TestTraceInstant)
#include "tst_traceinstant.moc"
