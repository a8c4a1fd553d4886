#include "livetrace.h"
#include "run/run.h"
#include "server/testserver.h"
#include "statestyle.h"
#include "taskmodel.h"

#include "traceevents.h"

#include <QAbstractItemModelTester>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Coroscope;
using namespace Qt::StringLiterals;

// The task table model and its filter over a LiveTrace fed by real runs on the embedded server,
// checked by QAbstractItemModelTester while the run is live.
class TestTaskModel : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    // One finished mixed run shared by the filter tests: 10 x /delay/0.1, 10 x /get,
    // 10 x /status/500, round-robin, so task i fetches URL i % 3.
    LiveTrace m_mixed;
    static constexpr int MixedTasks = 30;

    QUrl url(const QString &path) const
    {
        QUrl u = m_server.baseUrl();
        u.setPath(path);
        return u;
    }

    // Runs `spec` to the end while refreshing `live` like the window does (every 16 ms).
    static bool runLive(const RunSpec &spec, LiveTrace &live, int timeoutMs = 20000)
    {
        Run run(spec);
        live.attach(run.recorder());
        QTimer refresh;
        QObject::connect(&refresh, &QTimer::timeout, &live, &LiveTrace::refresh);
        refresh.start(16);
        QSignalSpy finished(&run, &Run::finished);
        run.start();
        const bool done = finished.wait(timeoutMs);
        refresh.stop();
        live.refresh();
        return done;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLocale::setDefault(QLocale::c());
        QVERIFY2(m_server.start(0), qPrintable(m_server.errorString()));
        RunSpec spec;
        spec.urls = {url(u"/delay/0.1"_s), url(u"/get"_s), url(u"/status/500"_s)};
        spec.tasks = MixedTasks;
        QVERIFY(runLive(spec, m_mixed));
        QCOMPARE(m_mixed.taskCount(), MixedTasks);
    }

    void testersPassDuringALiveRun()
    {
        LiveTrace live;
        TaskTableModel model;
        model.setLiveTrace(&live);
        TaskFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester sourceTester(
            &model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester filterTester(
            &filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.sort(TaskTableModel::TotalColumn, Qt::DescendingOrder);
        filter.setResultFilter(int(TaskResult::Unfinished)); // rows leave as tasks finish

        RunSpec spec;
        spec.urls = {url(u"/delay/0.2"_s), url(u"/get"_s), url(u"/status/500"_s)};
        spec.tasks = 60;
        spec.concurrency = 10; // pending, then running: rows change many times
        QVERIFY(runLive(spec, live));
        QCOMPARE(model.rowCount(), 60);
        QCOMPARE(filter.rowCount(), 0);
        filter.setResultFilter(TaskFilterModel::AnyResult);
        QCOMPARE(filter.rowCount(), 60);
        for (int row = 0; row < model.rowCount(); ++row)
            QVERIFY(model.index(row, 0).data(TaskTableModel::ResultRole).toInt()
                    != int(TaskResult::Unfinished));
    }

    void refreshSignalsChangedRowsNotAReset()
    {
        // A 100,000-task recorder driven by hand: a refresh must name exactly the rows its new
        // events touched.
        constexpr int Tasks = 100000;
        QList<quint32> taskUrls(Tasks, 0);
        auto recorder
            = std::make_shared<TraceRecorder>(u"async"_s, QStringList{u"http://x/"_s}, taskUrls);
        recorder->start();
        for (quint32 t = 0; t < Tasks; ++t)
            recorder->record(t, EventKind::Created);
        LiveTrace live;
        TaskTableModel model;
        model.setLiveTrace(&live);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        live.attach(recorder);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(model.rowCount(), Tasks);
        changes.clear();

        for (quint32 t = 500; t <= 510; ++t)
            recorder->record(t, EventKind::Admitted);
        recorder->record(LoopTask, EventKind::LagSample, 0, 10);
        live.refresh();
        QCOMPARE(resets.size(), 1);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.at(0).at(0).toModelIndex().row(), 500);
        QCOMPARE(changes.at(0).at(1).toModelIndex().row(), 510);
        QCOMPARE(changes.at(0).at(1).toModelIndex().column(), TaskTableModel::ColumnCount - 1);

        changes.clear();
        live.refresh(); // nothing new: the clock moved, no row changed
        QCOMPARE(changes.size(), 0);

        // Soon after the last signal: a big table is told at most four times a second.
        {
            TaskInfo o;
            o.result = TaskResult::Ok;
            o.httpStatus = 200;
            o.bytes = 10;
            recorder->finish(99999, o);
        }
        live.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(changes.size(), 1,
                                  5000); // throttled, not lost: a loaded machine is slow
        QCOMPARE(changes.at(0).at(0).toModelIndex().row(), 99999);
        QCOMPARE(model.index(99999, TaskTableModel::ResultColumn)
                     .data(TaskTableModel::ResultRole)
                     .toInt(),
                 int(TaskResult::Ok));
        QCOMPARE(resets.size(), 1);
    }

    void numbersAreRightAlignedWithThreeDecimals()
    {
        TaskTableModel model;
        model.setLiveTrace(&m_mixed);
        for (int column : {TaskTableModel::PendingColumn, TaskTableModel::RunningColumn,
                           TaskTableModel::SuspendedColumn, TaskTableModel::TotalColumn}) {
            const QModelIndex index = model.index(0, column);
            QVERIFY2(QRegularExpression(u"^[0-9,]+\\.[0-9]{3}$"_s)
                         .match(index.data().toString())
                         .hasMatch(),
                     qPrintable(index.data().toString()));
            QCOMPARE(index.data(TaskTableModel::SortRole).typeId(), QMetaType::LongLong);
            QVERIFY(index.data(Qt::TextAlignmentRole).value<Qt::Alignment>() & Qt::AlignRight);
        }
        QVERIFY(model.index(0, TaskTableModel::UrlColumn)
                    .data(Qt::TextAlignmentRole)
                    .value<Qt::Alignment>()
                & Qt::AlignLeft);
        const QModelIndex result = model.index(0, TaskTableModel::ResultColumn);
        QCOMPARE(result.data().toString(), u"ok"_s);
        QCOMPARE(result.data(Qt::ForegroundRole).value<QColor>(),
                 StateStyle::resultInk(TaskResult::Ok));
        QVERIFY(!result.data(Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(model.index(2, TaskTableModel::StatusColumn).data().toInt(), 500);
    }

    void sortsByNumberNotText()
    {
        TaskTableModel model;
        model.setLiveTrace(&m_mixed);
        TaskFilterModel filter;
        filter.setSourceModel(&model);
        filter.sort(TaskTableModel::TotalColumn, Qt::DescendingOrder);
        qint64 previous = std::numeric_limits<qint64>::max();
        for (int row = 0; row < filter.rowCount(); ++row) {
            const qint64 total = filter.index(row, TaskTableModel::TotalColumn)
                                     .data(TaskTableModel::SortRole)
                                     .toLongLong();
            QVERIFY(total <= previous);
            previous = total;
        }
        // The slowest are the /delay/0.1 tasks.
        QVERIFY(
            filter.index(0, TaskTableModel::UrlColumn).data().toString().contains(u"/delay/"_s));
    }

    void filterByResult_data()
    {
        QTest::addColumn<int>("result");
        QTest::addColumn<int>("rows");
        QTest::newRow("all") << int(TaskFilterModel::AnyResult) << MixedTasks;
        QTest::newRow("ok: the delays and gets") << int(TaskResult::Ok) << 20;
        QTest::newRow("error: the 500s") << int(TaskResult::Error) << 10;
        QTest::newRow("timeout: none") << int(TaskResult::Timeout) << 0;
        QTest::newRow("cancelled: none") << int(TaskResult::Cancelled) << 0;
        QTest::newRow("unfinished: none") << int(TaskResult::Unfinished) << 0;
    }
    void filterByResult()
    {
        QFETCH(int, result);
        QFETCH(int, rows);
        TaskTableModel model;
        model.setLiveTrace(&m_mixed);
        TaskFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setResultFilter(result);
        QCOMPARE(filter.rowCount(), rows);
        if (result == TaskFilterModel::AnyResult)
            return;
        for (int row = 0; row < filter.rowCount(); ++row)
            QCOMPARE(filter.index(row, 0).data(TaskTableModel::ResultRole).toInt(), result);
    }

    void filterByText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("result");
        QTest::addColumn<int>("rows");
        QTest::newRow("url part") << u"status/500"_s << int(TaskFilterModel::AnyResult) << 10;
        QTest::newRow("url, any case") << u"/GET"_s << int(TaskFilterModel::AnyResult) << 10;
        QTest::newRow("task id") << u"7"_s << int(TaskFilterModel::AnyResult) << 1;
        QTest::newRow("task id with #") << u"#12"_s << int(TaskFilterModel::AnyResult) << 1;
        QTest::newRow("error text")
            << u"Internal Server Error"_s << int(TaskFilterModel::AnyResult) << 10;
        QTest::newRow("text and result together") << u"delay"_s << int(TaskResult::Error) << 0;
        QTest::newRow("nothing matches")
            << u"no-such-thing"_s << int(TaskFilterModel::AnyResult) << 0;
        QTest::newRow("blank is no filter")
            << u"  "_s << int(TaskFilterModel::AnyResult) << MixedTasks;
    }
    void filterByText()
    {
        QFETCH(QString, text);
        QFETCH(int, result);
        QFETCH(int, rows);
        TaskTableModel model;
        model.setLiveTrace(&m_mixed);
        TaskFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setResultFilter(result);
        filter.setFilterText(text);
        QCOMPARE(filter.rowCount(), rows);
        if (text == u"7")
            QCOMPARE(filter.index(0, 0).data(TaskTableModel::TaskIdRole).toInt(), 7);
    }

    // One request by hand, its moments as Qt gives them: created and admitted at 0, `await
    // reply` 10-740 ms, connecting at 20, sent at 30, headers at 530 (the server queued it
    // 200 ms), finished at 730; a second task awaits without any moment.
    void phaseColumns_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("task0");
        QTest::addColumn<qint64>("sortNs");
        QTest::addColumn<QString>("task1");
        QTest::newRow("queued inside Qt")
            << int(TaskTableModel::QueuedColumn) << u"10.000"_s << 10'000'000LL << QString();
        QTest::newRow("connect") << int(TaskTableModel::ConnectColumn) << u"10.000"_s
                                 << 10'000'000LL << QString();
        QTest::newRow("no TLS moment: zero, not empty")
            << int(TaskTableModel::TlsColumn) << u"0.000"_s << 0LL << QString();
        QTest::newRow("send") << int(TaskTableModel::SendColumn) << u"0.000"_s << 0LL << QString();
        QTest::newRow("waiting, the server's queue split out")
            << int(TaskTableModel::WaitingColumn) << u"300.000"_s << 300'000'000LL << QString();
        QTest::newRow("server queue")
            << int(TaskTableModel::ServerQueueColumn) << u"200.000"_s << 200'000'000LL << QString();
        QTest::newRow("receiving")
            << int(TaskTableModel::ReceivingColumn) << u"200.000"_s << 200'000'000LL << QString();
        QTest::newRow("resume: the loop's latency")
            << int(TaskTableModel::ResumeColumn) << u"10.000"_s << 10'000'000LL << QString();
        QTest::newRow("a new connection is not reused")
            << int(TaskTableModel::ReusedColumn) << u"no"_s << 0LL << QString();
    }
    void phaseColumns()
    {
        QFETCH(int, column);
        QFETCH(QString, task0);
        QFETCH(qint64, sortNs);
        QFETCH(QString, task1);
        constexpr qint64 Ms = 1'000'000;
        Trace t;
        t.strategy = u"async"_s;
        t.urls = {u"http://h/delay/0.5"_s};
        t.labels = {QString(),
                    u"await reply"_s,
                    QLatin1String(NetworkMoment::Connecting),
                    QLatin1String(NetworkMoment::RequestSent),
                    QLatin1String(NetworkMoment::Headers),
                    QLatin1String(NetworkMoment::Finished)};
        t.tasks.resize(2);
        using CoroscopeTest::Ev;
        CoroscopeTest::appendEvents(t,
                                    {
                                        Ev{0, 0, EventKind::Created, 0},
                                        Ev{0, 1, EventKind::Created, 0},
                                        Ev{0, 0, EventKind::Admitted, 0},
                                        Ev{0, 1, EventKind::Admitted, 0},
                                        Ev{10, 0, EventKind::Suspended, 1},
                                        Ev{10, 1, EventKind::Suspended, 1},
                                        Ev{20, 0, EventKind::Network, 2},
                                        Ev{30, 0, EventKind::Network, 3},
                                        Ev{530, 0, EventKind::Network, 4},
                                        Ev{730, 0, EventKind::Network, 5},
                                        Ev{740, 0, EventKind::Resumed, 1},
                                        Ev{750, 0, EventKind::Finished, 0},
                                        Ev{800, 1, EventKind::Resumed, 1},
                                        Ev{810, 1, EventKind::Finished, 0},
                                    });
        for (TaskInfo &info : t.tasks)
            info.result = TaskResult::Ok;
        t.tasks[0].serverQueuedMs = 200;
        t.tasks[0].serverConnectionRequest = 1;
        t.endNs = 810 * Ms;
        LiveTrace live;
        live.setTrace(t);
        TaskTableModel model;
        model.setLiveTrace(&live);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.columnCount(), int(TaskTableModel::ColumnCount));
        QVERIFY(column > TaskTableModel::ErrorColumn); // after the existing ones
        QVERIFY(!model.headerData(column, Qt::Horizontal).toString().isEmpty());
        QCOMPARE(model.index(0, column).data().toString(), task0);
        if (column != TaskTableModel::ReusedColumn) {
            QCOMPARE(model.index(0, column).data(TaskTableModel::SortRole).toLongLong(), sortNs);
            // Unknown phases sort before any known duration.
            QCOMPARE(model.index(1, column).data(TaskTableModel::SortRole).toLongLong(), -1LL);
            QVERIFY(model.index(0, column).data(Qt::TextAlignmentRole).value<Qt::Alignment>()
                    & Qt::AlignRight);
        }
        QCOMPARE(model.index(1, column).data().toString(), task1);
    }

    // Real requests on the embedded server: every finished /delay/0.1 task has phases, their
    // sum is its `await reply`, and the server's delay is (about) the time to first byte.
    void phasesOfARealRun()
    {
        TaskTableModel model;
        model.setLiveTrace(&m_mixed);
        const QList<int> phaseColumns{
            TaskTableModel::QueuedColumn,    TaskTableModel::ConnectColumn,
            TaskTableModel::TlsColumn,       TaskTableModel::SendColumn,
            TaskTableModel::WaitingColumn,   TaskTableModel::ServerQueueColumn,
            TaskTableModel::ReceivingColumn, TaskTableModel::ResumeColumn};
        for (int row = 0; row < MixedTasks; row += 3) { // the /delay/0.1 tasks
            qint64 sum = 0;
            for (int column : phaseColumns) {
                const qint64 ns
                    = model.index(row, column).data(TaskTableModel::SortRole).toLongLong();
                QVERIFY2(ns >= 0, qPrintable(u"task %1 column %2"_s.arg(row).arg(column)));
                sum += ns;
            }
            const RequestPhases phases
                = requestPhases(m_mixed.trace(), m_mixed.segments(), quint32(row));
            QCOMPARE(sum, phases.awaitEndNs - phases.awaitStartNs);
            QVERIFY(model.index(row, TaskTableModel::WaitingColumn)
                        .data(TaskTableModel::SortRole)
                        .toLongLong()
                    >= 90'000'000); // the loop hears of "sent" a little after the server does
            const QString reused = model.index(row, TaskTableModel::ReusedColumn).data().toString();
            QVERIFY2(reused == u"yes"_s || reused == u"no"_s, qPrintable(reused));
        }
    }

    void newRunResetsTheModel()
    {
        LiveTrace live;
        TaskTableModel model;
        model.setLiveTrace(&live);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        RunSpec spec;
        spec.urls = {url(u"/get"_s)};
        spec.tasks = 3;
        QVERIFY(runLive(spec, live));
        QCOMPARE(model.rowCount(), 3);
        spec.tasks = 8;
        QVERIFY(runLive(spec, live));
        QCOMPARE(model.rowCount(), 8);
        live.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestTaskModel)
#include "tst_taskmodel.moc"
