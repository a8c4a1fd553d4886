#pragma once

#include "io/csv.h"
#include "mainwindow.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "taskmodel.h"

#include <QFile>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QUrl>

#include <memory>

// The main window driven as a user drives it, for the window tests: one copy of the steps every
// one of them takes (open a window on the embedded server, type a workload, press Run, count).
namespace CoroscopeTest {

// What every window test starts with: settings of its own (QStandardPaths' test mode, emptied)
// and the embedded server on a free port. False when the server did not start.
inline bool startWindowTests(Coroscope::TestServer &server)
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    return server.start(0);
}

// `path` on the embedded server, e.g. serverUrl(server, "/delay/1").
inline QString serverUrl(const Coroscope::TestServer &server, const QString &path)
{
    QUrl u = server.baseUrl();
    u.setPath(path);
    return u.toString();
}

// Shows `window` (1280 x 800 unless said) so that it leaves the user's settings alone when it
// closes, and makes it the active window so that keys reach it; false when it did not become so.
inline bool showActive(Coroscope::MainWindow &window, QSize size = QSize(1280, 800))
{
    window.setPersistSettings(false);
    window.resize(size);
    window.show();
    window.activateWindow();
    return QTest::qWaitForWindowActive(&window);
}

// A shown window (1280 x 800 unless said) that leaves the user's settings alone when it closes.
inline std::unique_ptr<Coroscope::MainWindow> makeWindow(Coroscope::TestServer &server,
                                                         QSize size = QSize(1280, 800))
{
    auto window = std::make_unique<Coroscope::MainWindow>(&server);
    window->setPersistSettings(false);
    window->resize(size);
    window->show();
    return window;
}

// The same, made the active window (showActive()); null when it did not become active.
inline std::unique_ptr<Coroscope::MainWindow> makeActiveWindow(Coroscope::TestServer &server,
                                                               QSize size = QSize(1280, 800))
{
    auto window = std::make_unique<Coroscope::MainWindow>(&server);
    if (!showActive(*window, size))
        return nullptr;
    return window;
}

// Types the workload into the run panel's widgets, without starting it.
inline void typeWorkload(Coroscope::MainWindow &window, const QString &urlText, int tasks)
{
    using namespace Qt::StringLiterals;
    Coroscope::RunPanel *panel = window.runPanel();
    panel->findChild<QPlainTextEdit *>(u"urlEdit"_s)->setPlainText(urlText);
    panel->findChild<QSpinBox *>(u"tasksSpin"_s)->setValue(tasks);
}

// Types the workload into the run panel's widgets and clicks Run.
inline void typeAndRun(Coroscope::MainWindow &window, const QString &urlText, int tasks)
{
    using namespace Qt::StringLiterals;
    typeWorkload(window, urlText, tasks);
    QTest::mouseClick(window.runPanel()->findChild<QPushButton *>(u"runButton"_s), Qt::LeftButton);
}

// The run panel's strategy, as if chosen in its combo box.
inline void useStrategy(Coroscope::MainWindow &window, Coroscope::Strategy strategy)
{
    Coroscope::RunSpec spec = window.runPanel()->spec();
    spec.strategy = strategy;
    window.runPanel()->setSpec(spec);
}

// The run panel's "Measure each URL alone first" box unticked: the run starts at once.
inline void skipAloneMeasurement(Coroscope::MainWindow &window)
{
    Coroscope::RunSpec spec = window.runPanel()->spec();
    spec.measureAlone = false;
    window.runPanel()->setSpec(spec);
}

// With COROSCOPE_SCREENSHOT_DIR set, saves the window as <dir>/<name>.png: the stopped
// states these tests build are the ones worth looking at (scripts can't stop a run).
inline void saveScreenshot(QWidget &window, const QString &name)
{
    using namespace Qt::StringLiterals;
    const QString dir = qEnvironmentVariable("COROSCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QTest::qWait(700); // the throttled charts, strip and diagnostics settle
    const QString path = dir + u'/' + name + u".png"_s;
    QVERIFY2(window.grab().save(path), qPrintable(path));
    qInfo("saved %s", qPrintable(path));
}

// How long into a run Stop is pressed: short in tests, longer for a screenshot to show.
inline int stopAfterMs()
{
    return qEnvironmentVariableIsSet("COROSCOPE_SCREENSHOT_DIR") ? 1500 : 300;
}

// The rows of a CSV file the window exported; empty when it cannot be read.
inline QList<QStringList> readCsv(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return Coroscope::parseCsv(file.readAll());
}

// Rows of the task table with `result`.
inline int countResult(const Coroscope::MainWindow &window, Coroscope::TaskResult result)
{
    const Coroscope::TaskTableModel *model = window.taskModel();
    int n = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        n += model->index(row, 0).data(Coroscope::TaskTableModel::ResultRole).toInt()
            == int(result);
    return n;
}

} // namespace CoroscopeTest
