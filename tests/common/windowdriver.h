#pragma once

#include "mainwindow.h"
#include "runpanel.h"
#include "server/testserver.h"
#include "taskmodel.h"

#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>
#include <QUrl>

#include <memory>

// The main window driven as a user drives it, for the window tests: one copy of the steps every
// one of them takes (open a window on the embedded server, type a workload, press Run, count).
namespace CoroscopeTest {

// `path` on the embedded server, e.g. serverUrl(server, "/delay/1").
inline QString serverUrl(const Coroscope::TestServer &server, const QString &path)
{
    QUrl u = server.baseUrl();
    u.setPath(path);
    return u.toString();
}

// A shown 1280 x 800 window that leaves the user's settings alone when it closes.
inline std::unique_ptr<Coroscope::MainWindow> makeWindow(Coroscope::TestServer &server)
{
    auto window = std::make_unique<Coroscope::MainWindow>(&server);
    window->setPersistSettings(false);
    window->resize(1280, 800);
    window->show();
    return window;
}

// Types the workload into the run panel's widgets and clicks Run.
inline void typeAndRun(Coroscope::MainWindow &window, const QString &urlText, int tasks)
{
    using namespace Qt::StringLiterals;
    Coroscope::RunPanel *panel = window.runPanel();
    panel->findChild<QPlainTextEdit *>(u"urlEdit"_s)->setPlainText(urlText);
    panel->findChild<QSpinBox *>(u"tasksSpin"_s)->setValue(tasks);
    QTest::mouseClick(panel->findChild<QPushButton *>(u"runButton"_s), Qt::LeftButton);
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
