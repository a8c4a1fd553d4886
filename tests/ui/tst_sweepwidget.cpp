// The window's sweeps against the real embedded server: Run > Sweep… offers the knob, values,
// strategies and an estimate; the Sweep page fills as the points land (charts and table); Stop
// keeps the points done; clicking a row or a chart's point opens that run on the timeline; a
// saved sweep reopens as a sweep.
#include "io/runfile.h"
#include "livetrace.h"
#include "mainwindow.h"
#include "run/sweep.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "sweepdialog.h"
#include "sweepwidget.h"

#include "windowdriver.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

class TestSweepWidget : public QObject
{
    Q_OBJECT
    TestServer m_server;
    QTemporaryDir m_dir;

    SweepSpec sweepSpec(const QString &path, QList<double> values, int repeat) const
    {
        SweepSpec spec;
        QUrl url = m_server.baseUrl();
        url.setPath(path);
        spec.base.urls = {url};
        spec.values = values;
        spec.strategies = {Strategy::Async, Strategy::Sequential};
        spec.repeat = repeat;
        return spec;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        QVERIFY(m_server.start(0));
    }

    // Run > Sweep… is in the Run menu; its dialog estimates the time and refuses bad values.
    void dialog()
    {
        auto window = makeWindow(m_server);
        QAction *action = window->findChild<QAction *>(u"actionSweep"_s);
        QVERIFY(action);
        QVERIFY(action->isEnabled());
        SweepSpec base = sweepSpec(u"/delay/1"_s, {}, 1);
        SweepDialog dialog(base);
        dialog.knobBox()->setCurrentIndex(int(allSweepKnobs().indexOf(SweepKnob::Tasks)));
        dialog.valuesEdit()->setText(u"1..1000*10"_s);
        dialog.strategyBox(Strategy::Sequential)->setChecked(true);
        QCOMPARE(dialog.problem(), QString());
        QCOMPARE(dialog.spec().values, (QList<double>{1, 10, 100, 1000}));
        // 8 runs; sequential 1000 x 1 s alone is over a quarter of an hour.
        QVERIFY2(dialog.estimateLabel()->text().startsWith(u"8 run"_s),
                 qPrintable(dialog.estimateLabel()->text()));
        QVERIFY(estimateSweepMs(dialog.spec(), {}) > 1000 * 1000.0);
        dialog.valuesEdit()->setText(u"1,x"_s);
        QVERIFY(!dialog.problem().isEmpty());
        QVERIFY(!dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled());
        dialog.knobBox()->setCurrentIndex(int(allSweepKnobs().indexOf(SweepKnob::Delay)));
        QCOMPARE(dialog.valuesEdit()->text(), SweepDialog::defaultValues(SweepKnob::Delay));
        QCOMPARE(dialog.problem(), QString());
    }

    // The page fills as the points land, Stop keeps the points done, a row opens its run.
    void fillsLiveAndOpensARun()
    {
        auto window = makeWindow(m_server);
        SweepWidget *page = window->sweepWidget();
        QVERIFY(page);
        QSignalSpy finished(window.get(), &MainWindow::sweepFinished);
        const SweepSpec spec = sweepSpec(u"/delay/0.2"_s, {1, 10, 100}, 1);
        QList<int> rowsWhileRunning;
        connect(window->sweep(), &Sweep::pointFinished, this, [&](int index) {
            // The page is fed in the same event: its rows and chart points are there.
            QTimer::singleShot(0, this, [&, index]() {
                if (window->isSweeping())
                    rowsWhileRunning.append(page->table()->model()->rowCount());
                if (index == 2)
                    window->stopRun();
            });
        });
        window->startSweep(spec);
        QVERIFY(window->isSweeping());
        QVERIFY(window->isRunning());
        QVERIFY(finished.wait(60000));
        QVERIFY(!window->isRunning());
        // Stopped during the fourth point (sequential, 10 tasks): three done and the stopped one.
        QVERIFY2(rowsWhileRunning.size() >= 2,
                 qPrintable(QString::number(rowsWhileRunning.size())));
        QCOMPARE(rowsWhileRunning.at(0), 1);
        QCOMPARE(rowsWhileRunning.at(1), 2);
        const int rows = page->table()->model()->rowCount();
        QVERIFY2(rows >= 3 && rows <= 4, qPrintable(QString::number(rows)));
        QVERIFY(window->sweep()->result().stopped);
        QCOMPARE(window->sweep()->points().size(), rows);
        QCOMPARE(page->chartCount(), 4);
        QVERIFY(page->logAxis()); // 1 to 100: two decades
        QVERIFY(qobject_cast<QLogValueAxis *>(page->chart(0)->axes(Qt::Horizontal).value(0)));
        auto *async = qobject_cast<QLineSeries *>(page->chart(0)->series().value(1));
        QVERIFY(async);
        QCOMPARE(async->count(), 2); // async at 1 and 10

        // A row opens that run in the main view: point 3 is async with 10 tasks.
        const QModelIndex third = page->table()->model()->index(2, 0);
        page->table()->scrollTo(third);
        QTest::mouseClick(page->table()->viewport(), Qt::LeftButton, {},
                          page->table()->visualRect(third).center());
        QCOMPARE(window->liveTrace()->trace().tasks.size(), 10);
        QCOMPARE(window->liveTrace()->trace().strategy, u"async"_s);
        // A chart's point does too: async's median at 1 task.
        Q_EMIT async->clicked(QPointF(1.1, 50));
        QCOMPARE(window->liveTrace()->trace().tasks.size(), 1);

        // Saved and reopened: the sweep again, not one run.
        const QString path = m_dir.filePath(u"window-sweep.coroscope"_s);
        QString error;
        QVERIFY2(window->saveRunFile(path, &error), qPrintable(error));
        auto other = makeWindow(m_server);
        QVERIFY2(other->openRunFile(path, &error), qPrintable(error));
        QCOMPARE(other->sweepWidget()->table()->model()->rowCount(), rows);
        QVERIFY(other->sweepWidget()->isVisible());
        QCOMPARE(other->sweepWidget()->spec().values, spec.values);
        QCOMPARE(other->liveTrace()->trace().events.size(),
                 window->sweep()->points().constLast().trace.events.size());
    }
};

QTEST_MAIN(TestSweepWidget)
#include "tst_sweepwidget.moc"
