#include "comparewidget.h"
#include "io/csv.h"
#include "run/comparison.h"
#include "server/testserver.h"
#include "statestyle.h"
#include "timelineview.h"
#include "trace/summary.h"

#include <QBarCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QElapsedTimer>
#include <QImage>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 Ms = 1000000;

// A finished trace built by hand: `tasks` tasks, each pending, running briefly, suspended on
// a reply, running again and ending ok; the shape of a big async run, without running one.
Trace syntheticTrace(const QString &strategy, int tasks, qint64 spreadNs)
{
    Trace trace;
    trace.strategy = strategy;
    trace.urls = {u"http://127.0.0.1:1/delay/1"_s};
    trace.labels << u"await loop"_s << u"await reply"_s;
    trace.tasks.resize(tasks);
    QList<TraceEvent> events;
    events.reserve(qsizetype(tasks) * 6);
    for (int t = 0; t < tasks; ++t) {
        const qint64 admitted = spreadNs * t / tasks;
        const qint64 resumed = admitted + spreadNs / 2 + (t % 7) * Ms;
        const auto task = quint32(t);
        events << TraceEvent{0, task, EventKind::Created, 0, 0, 0}
               << TraceEvent{admitted, task, EventKind::Admitted, 0, 1, 0}
               << TraceEvent{admitted + 20'000, task, EventKind::Suspended, 0, 2, 0}
               << TraceEvent{resumed, task, EventKind::Resumed, 0, 0, 0}
               << TraceEvent{resumed + 30'000, task, EventKind::Finished, 0, 0, 0};
        trace.tasks[t].result = t % 97 == 0 ? TaskResult::Error : TaskResult::Ok;
    }
    std::stable_sort(events.begin(), events.end(),
                     [](const TraceEvent &a, const TraceEvent &b) { return a.ns < b.ns; });
    trace.events = events;
    trace.endNs = events.constLast().ns;
    trace.events << TraceEvent{trace.endNs, LoopTask, EventKind::AllDone, 0, 0, 0};
    for (TaskInfo &info : trace.tasks) {
        info.httpStatus = info.result == TaskResult::Ok ? 200 : 500;
        info.serverQueuedMs = 0; // as the embedded server reports: a measured baseline
    }
    return trace;
}

// The same, stopped by the user at `stopNs`: what had not finished is cancelled, no AllDone.
Trace stoppedTrace(const QString &strategy, int tasks, qint64 spreadNs, qint64 stopNs)
{
    Trace trace = syntheticTrace(strategy, tasks, spreadNs);
    QList<TraceEvent> kept;
    QList<bool> finished(tasks, false);
    for (const TraceEvent &e : std::as_const(trace.events)) {
        if (e.ns > stopNs || e.kind == EventKind::AllDone)
            continue;
        kept << e;
        if (e.kind == EventKind::Finished)
            finished[e.task] = true;
    }
    kept << TraceEvent{stopNs, LoopTask, EventKind::Stopped, 0, 0, 0};
    for (int t = 0; t < tasks; ++t) {
        if (finished.at(t))
            continue;
        kept << TraceEvent{stopNs + 1000, quint32(t), EventKind::Finished, 0, 0, 0};
        trace.tasks[t].result = TaskResult::Cancelled;
        trace.tasks[t].httpStatus = 0;
    }
    trace.events = kept;
    trace.endNs = stopNs + 2000;
    return trace;
}

QStringList chartCategories(const CompareWidget &widget, const QString &chartName)
{
    auto *view = widget.findChild<QChartView *>(chartName);
    if (!view)
        return {u"no chart "_s + chartName};
    QStringList out;
    const auto axes = view->chart()->axes(Qt::Vertical);
    for (QAbstractAxis *axis : axes) {
        if (auto *category = qobject_cast<QBarCategoryAxis *>(axis))
            out << category->categories();
    }
    return out;
}
} // namespace

// A comparison runs one workload under several strategies, one at a time, on the real server.
class TestComparison : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    RunSpec spec(const QString &path, int tasks) const
    {
        RunSpec s;
        QUrl url = m_server.baseUrl();
        url.setPath(path);
        s.urls = {url};
        s.tasks = tasks;
        return s;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start(0)); }

    void asyncOverlapsWhereBlockingSerialises()
    {
        Comparison comparison;
        QSignalSpy started(&comparison, &Comparison::runStarted);
        QSignalSpy runFinished(&comparison, &Comparison::runFinished);
        QSignalSpy finished(&comparison, &Comparison::finished);
        comparison.start(spec(u"/delay/0.2"_s, 3), {Strategy::Async, Strategy::Blocking});
        QVERIFY(comparison.isRunning());
        QVERIFY(comparison.currentRun());
        QCOMPARE(comparison.currentRun()->spec().strategy, Strategy::Async);
        QVERIFY(finished.wait(30000));
        QVERIFY(!comparison.isRunning());
        QVERIFY(!comparison.currentRun());

        QCOMPARE(started.size(), 2);
        QCOMPARE(started.at(0).at(0).toInt(), 0);
        QCOMPARE(started.at(1).at(0).toInt(), 1);
        QCOMPARE(runFinished.size(), 2);

        const QList<Trace> results = comparison.results();
        QCOMPARE(results.size(), 2);
        const RunSummary async = summarize(results.at(0));
        const RunSummary blocking = summarize(results.at(1));
        QCOMPARE(async.strategy, u"async"_s);
        QCOMPARE(blocking.strategy, u"blocking"_s);
        QCOMPARE(async.ok, 3);
        QCOMPARE(blocking.ok, 3);
        QVERIFY2(blocking.wallMs >= 3 * 200, qPrintable(QString::number(blocking.wallMs)));
        // Measured against the blocking run of the same comparison (ideal: a third of it).
        QVERIFY2(
            async.wallMs < blocking.wallMs / 2,
            qPrintable(u"async %1 ms, blocking %2 ms"_s.arg(async.wallMs).arg(blocking.wallMs)));

        CompareWidget widget;
        widget.resize(900, 700);
        widget.setResults(results);
        QCOMPARE(widget.summaries().size(), 2);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"compare.csv"_s);
        QString error;
        QVERIFY2(widget.exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QStringList> rows = parseCsv(file.readAll());
        QCOMPARE(rows.size(), 3);
        QCOMPARE(
            rows.at(0).join(u','),
            u"strategy,tasks,ok,failed,wall_ms,sum_ms,max_task_ms,speedup,avg_in_flight,stopped,"
            "source,baseline"_s);
        QCOMPARE(rows.at(1).at(0), u"async"_s);
        QCOMPARE(rows.at(2).at(0), u"blocking"_s);
        QCOMPARE(rows.at(2).at(1), u"3"_s);
        QVERIFY(rows.at(2).at(4).toDouble() >= 600);
    }

    void stopEndsPromptlyAndKeepsWhatRan()
    {
        Comparison comparison;
        QSignalSpy started(&comparison, &Comparison::runStarted);
        QSignalSpy finished(&comparison, &Comparison::finished);
        // Blocking first: ten one-second fetches that hold the loop, the hardest run to stop.
        comparison.start(spec(u"/delay/1"_s, 10), {Strategy::Blocking, Strategy::Async});
        QTest::qWait(300);
        QVERIFY(comparison.isRunning());
        QElapsedTimer clock;
        clock.start();
        comparison.stop();
        // Against what finishing would cost (9.7 s of blocking fetches, then the async run),
        // not a fixed bound: a quarter of it at most.
        constexpr int RemainingMs = 10 * 1000 - 300;
        QVERIFY(finished.wait(RemainingMs));
        QVERIFY2(clock.elapsed() < RemainingMs / 4, qPrintable(QString::number(clock.elapsed())));
        QVERIFY(!comparison.isRunning());
        QCOMPARE(started.size(), 1); // the rest was skipped
        const QList<Trace> results = comparison.results();
        QCOMPARE(results.size(), 1);
        const RunSummary s = summarize(results.at(0));
        QCOMPARE(s.strategy, u"blocking"_s);
        QCOMPARE(s.tasks, 10);
        QVERIFY(s.cancelled > 0);
        QVERIFY(s.wallMs < RemainingMs / 4);
    }

    void startWhileRunningStartsOver()
    {
        Comparison comparison;
        QSignalSpy finished(&comparison, &Comparison::finished);
        comparison.start(spec(u"/delay/1"_s, 5), {Strategy::Blocking});
        QTest::qWait(100);
        comparison.start(spec(u"/delay/0.1"_s, 2), {Strategy::Async, Strategy::Threads});
        QVERIFY(finished.wait(10000));
        QCOMPARE(finished.size(), 1);
        const QList<Trace> results = comparison.results();
        QCOMPARE(results.size(), 2);
        QCOMPARE(results.at(0).strategy, u"async"_s);
        QCOMPARE(results.at(1).strategy, u"threads"_s);
    }

    // A stopped band is no result of its strategy: marked, kept out of both bar charts, and
    // without a speed-up in the table. Bands without any response have no speed-up bar either.
    void stoppedBandStaysOutOfTheCharts_data()
    {
        QTest::addColumn<int>("stoppedBand"); // -1 = none
        QTest::addColumn<qint64>("stopMs");
        QTest::addColumn<QStringList>("wallBars"); // bottom-up, as the chart lists them
        QTest::addColumn<QStringList>("speedupBars");
        QTest::newRow("nothing stopped: every strategy has its bars")
            << -1 << 0LL << QStringList{u"blocking"_s, u"async"_s}
            << QStringList{u"blocking"_s, u"async"_s};
        QTest::newRow("the last band stopped mid-run")
            << 1 << 800LL << QStringList{u"async"_s} << QStringList{u"async"_s};
        QTest::newRow("the first band stopped before any response")
            << 0 << 10LL << QStringList{u"blocking"_s} << QStringList{u"blocking"_s};
    }
    void stoppedBandStaysOutOfTheCharts()
    {
        QFETCH(int, stoppedBand);
        QFETCH(qint64, stopMs);
        QFETCH(QStringList, wallBars);
        QFETCH(QStringList, speedupBars);
        const QStringList names{u"async"_s, u"blocking"_s};
        QList<Trace> traces;
        for (int band = 0; band < 2; ++band) {
            const qint64 spread = (band + 1) * 1000 * Ms;
            traces << (band == stoppedBand ? stoppedTrace(names.at(band), 10, spread, stopMs * Ms)
                                           : syntheticTrace(names.at(band), 10, spread));
        }
        CompareWidget widget;
        widget.resize(1000, 800);
        widget.setResults(traces);
        QCOMPARE(chartCategories(widget, u"wallChart"_s), wallBars);
        QCOMPARE(chartCategories(widget, u"speedupChart"_s), speedupBars);
        auto *table = widget.findChild<QTableWidget *>(u"compareTable"_s);
        QVERIFY(table);
        bool anyStopped = false;
        for (int row = 0; row < int(traces.size()); ++row) {
            const bool stopped = widget.summaries().at(row).stopped;
            anyStopped = anyStopped || stopped;
            QCOMPARE(table->item(row, 0)->text().contains(u"(stopped)"_s), stopped);
            const QString cell = table->item(row, 7)->text();
            if (stopped)
                QCOMPARE(cell, u"–"_s);
            else
                QVERIFY2(cell != u"–"_s && !cell.isEmpty(), qPrintable(cell));
        }
        const QString title = widget.findChild<QChartView *>(u"speedupChart"_s)->chart()->title();
        QCOMPARE(title.contains(u"stopped"_s), anyStopped);

        // The stopped band is marked in the stop colour, in the band itself.
        const QImage image = widget.renderBands(QSize(1000, 400));
        int red = 0;
        for (int y = 0; y < image.height(); ++y) {
            const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
            for (int x = 0; x < image.width(); ++x)
                red += (line[x] | 0xff000000u) == StateStyle::stoppedColor().rgb();
        }
        QCOMPARE(red > 20, anyStopped);
    }

    void widgetGrowsAndClears()
    {
        CompareWidget widget;
        widget.addResult(syntheticTrace(u"async"_s, 10, 300 * Ms));
        widget.addResult(syntheticTrace(u"sequential"_s, 10, 3000 * Ms));
        QCOMPARE(widget.summaries().size(), 2);
        QCOMPARE(widget.summaries().at(1).strategy, u"sequential"_s);
        widget.clear();
        QVERIFY(widget.summaries().isEmpty());
        const QImage empty = widget.renderBands(QSize(600, 300));
        QCOMPARE(empty.size(), QSize(600, 300));
    }

    // Not a timed assertion: prints the figure, and proves every band is painted.
    void paintsTenThousandTasksTimesFive()
    {
        QList<Trace> traces;
        const QStringList names
            = {u"async"_s, u"sequential"_s, u"blocking"_s, u"wrapped-blocking"_s, u"threads"_s};
        for (int i = 0; i < names.size(); ++i)
            traces << syntheticTrace(names.at(i), 10000, (i + 1) * 1000 * Ms);
        CompareWidget widget;
        widget.resize(1200, 900);
        widget.setResults(traces);
        QElapsedTimer clock;
        clock.start();
        const QImage image = widget.renderBands(QSize(1200, 700));
        qInfo("rendered 5 x 10,000 tasks in %lld ms", qint64(clock.elapsed()));
        // The bands share the main timeline's palette.
        const QRgb suspended = StateStyle::stateColor(SegmentState::Suspended).rgb();
        int blue = 0;
        for (int y = 0; y < image.height(); ++y) {
            const auto *line = reinterpret_cast<const QRgb *>(image.constScanLine(y));
            for (int x = 0; x < image.width(); ++x)
                blue += (line[x] | 0xff000000u) == suspended;
        }
        QVERIFY(blue > 5 * 1000);
    }
};

QTEST_MAIN(TestComparison)
#include "tst_comparison.moc"
