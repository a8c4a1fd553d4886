#include "runpanel.h"
#include "server/servercertificate.h"
#include "server/testserver.h"
#include "theme.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTest>
#include <QToolButton>

using namespace Coroscope;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 MiB = 1024 * 1024;
constexpr int MaxBodyMiB = 1024 * 1024;
} // namespace

// The run panel against the real embedded server: URL lines are checked as typed, Run says why
// it is disabled, and what the panel shows round-trips through RunSpec and QSettings.
class TestRunPanel : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

    static QPlainTextEdit *editor(RunPanel &panel)
    {
        return panel.findChild<QPlainTextEdit *>(u"urlEdit"_s);
    }
    static QPushButton *button(RunPanel &panel, const QString &name)
    {
        return panel.findChild<QPushButton *>(name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY2(m_server.start(0), qPrintable(m_server.errorString()));
    }

    void cleanup() { QSettings().clear(); }

    void badLinesAreMarkedAndRunSaysWhy_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<int>>("bad");
        QTest::addColumn<QString>("named"); // a word the reason must contain

        QTest::newRow("garbage on line 2") << u"http://127.0.0.1:1/get\nnot a url\n"_s
                                           << QList<int>{2} << u"cannot contain spaces"_s;
        QTest::newRow("unterminated IPv6 on line 4")
            << u"http://127.0.0.1:1/a\nhttp://127.0.0.1:1/b\n\nhttp://[::1"_s << QList<int>{4}
            << u"line 4: unterminated IPv6 address"_s;
        QTest::newRow("file scheme is refused")
            << u"file:///etc/passwd"_s << QList<int>{1} << u"file"_s;
        QTest::newRow("ftp and data, blank line between")
            << u"ftp://example.com/x\n\ndata:text/plain,hi"_s << QList<int>{1, 3} << u"ftp"_s;
        QTest::newRow("no host") << u"http://127.0.0.1/ok\nhttp:///nohost"_s << QList<int>{2}
                                 << u"host"_s;
        QTest::newRow("scheme missing") << u"example.com/get"_s << QList<int>{1} << u"scheme"_s;
    }
    void badLinesAreMarkedAndRunSaysWhy()
    {
        QFETCH(QString, text);
        QFETCH(QList<int>, bad);
        QFETCH(QString, named);
        RunPanel panel;
        panel.setServer(&m_server);
        panel.show();
        editor(panel)->setPlainText(text);

        QCOMPARE(panel.badLines(), bad);
        QVERIFY(!panel.canRun());
        QPushButton *run = button(panel, u"runButton"_s);
        QVERIFY(!run->isEnabled());
        for (int line : bad)
            QVERIFY2(run->toolTip().contains(QString::number(line)), qPrintable(run->toolTip()));
        // Every bad line is underlined in the editor (plus a tint across the line).
        QCOMPARE(editor(panel)->extraSelections().size(), bad.size() * 2);
        const QLabel *problems = panel.findChild<QLabel *>(u"urlProblemsLabel"_s);
        QVERIFY(problems->isVisible());
        for (int line : bad)
            QVERIFY2(problems->text().contains(u"Line %1:"_s.arg(line)),
                     qPrintable(problems->text()));
        QVERIFY2(panel.urlProblems().join(u' ').contains(named, Qt::CaseInsensitive),
                 qPrintable(panel.urlProblems().join(u' ')));
    }

    void fixingTheLastBadLineEnablesRun()
    {
        RunPanel panel;
        panel.setServer(&m_server);
        panel.show();
        editor(panel)->setPlainText(u"http://127.0.0.1:1/a\nnope"_s);
        QVERIFY(!button(panel, u"runButton"_s)->isEnabled());
        QSignalSpy runnable(&panel, &RunPanel::runnableChanged);
        editor(panel)->setPlainText(u"http://127.0.0.1:1/a\nhttps://example.com/b"_s);
        QVERIFY(button(panel, u"runButton"_s)->isEnabled());
        QVERIFY(panel.runBlockedReason().isEmpty());
        QVERIFY(editor(panel)->extraSelections().isEmpty());
        QVERIFY(!panel.findChild<QLabel *>(u"urlProblemsLabel"_s)->isVisible());
        QCOMPARE(runnable.size(), 1);
        QCOMPARE(runnable.at(0).at(0).toBool(), true);
    }

    void noUrlDisablesRun_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("only blank lines") << u"\n   \n\t\n"_s;
    }
    void noUrlDisablesRun()
    {
        QFETCH(QString, text);
        RunPanel panel;
        editor(panel)->setPlainText(text);
        QVERIFY(!panel.canRun());
        QVERIFY(panel.badLines().isEmpty());
        QVERIFY(!button(panel, u"runButton"_s)->isEnabled());
        QVERIFY(!button(panel, u"runButton"_s)->toolTip().isEmpty());
        QCOMPARE(button(panel, u"runButton"_s)->toolTip(), panel.runBlockedReason());
    }

    void blankLinesAndSpacesAreIgnored()
    {
        RunPanel panel;
        editor(panel)->setPlainText(u"\n  http://127.0.0.1:1/get  \n\nhttps://example.com/\n"_s);
        QVERIFY(panel.canRun());
        const RunSpec spec = panel.spec();
        QCOMPARE(spec.urls.size(), 2);
        QCOMPARE(spec.urls.at(0), QUrl(u"http://127.0.0.1:1/get"_s));
        QVERIFY(spec.validate().isEmpty());
    }

    void specRoundTrips_data()
    {
        QTest::addColumn<int>("strategy");
        QTest::addColumn<int>("tasks");
        QTest::addColumn<int>("concurrency");
        QTest::addColumn<int>("connections");
        QTest::addColumn<int>("timeout");
        QTest::addColumn<int>("workers");
        QTest::addColumn<qint64>("maxBody");
        for (Strategy s : allStrategies())
            QTest::newRow(qPrintable(strategyName(s)))
                << int(s) << 37 << 5 << 6 << 1500 << 3 << qint64(64) * MiB;
        QTest::newRow("limits at their maximum")
            << int(Strategy::Async) << RunSpec::MaxTasks << RunSpec::MaxTasks << 0 << 0 << 1000
            << MaxBodyMiB * MiB;
        QTest::newRow("body cap of one MiB")
            << int(Strategy::Async) << 1 << 0 << 0 << 0 << 8 << MiB;
        QTest::newRow("body cap in bytes from the command line passes through exactly")
            << int(Strategy::Async) << 1 << 0 << 0 << 0 << 8 << qint64(1000);
        QTest::newRow("body cap above the spin box's range passes through exactly")
            << int(Strategy::Async) << 1 << 0 << 0 << 0 << 8 << (qint64(1) << 50);
    }
    void specRoundTrips()
    {
        QFETCH(int, strategy);
        QFETCH(int, tasks);
        QFETCH(int, concurrency);
        QFETCH(int, connections);
        QFETCH(int, timeout);
        QFETCH(int, workers);
        QFETCH(qint64, maxBody);
        RunSpec in;
        in.urls = {QUrl(u"http://127.0.0.1:1/delay/1"_s), QUrl(u"https://example.com/a?b=c"_s)};
        in.strategy = Strategy(strategy);
        in.tasks = tasks;
        in.concurrency = concurrency;
        in.connectionsPerHost = connections;
        in.timeoutMs = timeout;
        in.workers = workers;
        in.maxBodyBytes = maxBody;
        RunPanel panel;
        panel.setSpec(in);
        const RunSpec out = panel.spec();
        QCOMPARE(out.urls, in.urls);
        QCOMPARE(out.strategy, in.strategy);
        QCOMPARE(out.tasks, in.tasks);
        QCOMPARE(out.concurrency, in.concurrency);
        QCOMPARE(out.connectionsPerHost, in.connectionsPerHost);
        QCOMPARE(out.timeoutMs, in.timeoutMs);
        QCOMPARE(out.workers, in.workers);
        QCOMPARE(out.maxBodyBytes, in.maxBodyBytes);
        QVERIFY(panel.canRun());
    }

    void maxBodySpinSetsTheCap_data()
    {
        QTest::addColumn<int>("mib");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("default is 1 GiB") << -1 << RunSpec().maxBodyBytes;
        QTest::newRow("minimum 1 MiB") << 1 << MiB;
        QTest::newRow("maximum 1 TiB") << MaxBodyMiB << MaxBodyMiB * MiB;
        QTest::newRow("below the minimum clamps") << 0 << MiB;
        QTest::newRow("above the maximum clamps") << MaxBodyMiB + 1 << MaxBodyMiB * MiB;
    }
    void maxBodySpinSetsTheCap()
    {
        QFETCH(int, mib);
        QFETCH(qint64, bytes);
        RunPanel panel;
        auto *spin = panel.findChild<QSpinBox *>(u"maxBodySpin"_s);
        QVERIFY(spin);
        QCOMPARE(spin->value(), 1024);
        QVERIFY(!spin->toolTip().isEmpty());
        if (mib >= 0)
            spin->setValue(mib);
        QCOMPARE(panel.spec().maxBodyBytes, bytes);
    }

    void editingTheSpinBoxDropsAnExactByteCap()
    {
        RunSpec in;
        in.urls = {QUrl(u"http://127.0.0.1:1/"_s)};
        in.maxBodyBytes = 1000;
        RunPanel panel;
        panel.setSpec(in);
        auto *spin = panel.findChild<QSpinBox *>(u"maxBodySpin"_s);
        QCOMPARE(spin->value(), 1); // shown rounded up to whole MiB
        spin->setValue(3);
        QCOMPARE(panel.spec().maxBodyBytes, 3 * MiB);
    }

    void workersOnlyForThreads()
    {
        RunPanel panel;
        auto *workers = panel.findChild<QSpinBox *>(u"workersSpin"_s);
        RunSpec spec = panel.spec();
        spec.urls = {QUrl(u"http://127.0.0.1:1/"_s)};
        spec.strategy = Strategy::Async;
        panel.setSpec(spec);
        QVERIFY(!workers->isEnabled());
        spec.strategy = Strategy::Threads;
        panel.setSpec(spec);
        QVERIFY(workers->isEnabled());
    }

    void firstLaunchUsesTheEmbeddedDefault()
    {
        RunPanel panel;
        panel.setServer(&m_server);
        QVERIFY(!panel.restoreSettings());
        panel.useDefaultWorkload();
        const RunSpec spec = panel.spec();
        QCOMPARE(spec.urls.size(), 1);
        QCOMPARE(spec.urls.at(0).port(), int(m_server.port()));
        QCOMPARE(spec.urls.at(0).path(), u"/delay/1"_s);
        QCOMPARE(spec.tasks, 10);
    }

    void examplesInsertServerUrls()
    {
        RunPanel panel;
        panel.setServer(&m_server);
        editor(panel)->setPlainText(u"https://example.com/"_s);
        auto *examples = panel.findChild<QToolButton *>(u"examplesButton"_s);
        QVERIFY(examples->isEnabled());
        const QList<QAction *> actions = examples->menu()->actions();
        QVERIFY(actions.size() >= 6);
        for (QAction *action : actions) {
            if (!action->isSeparator() && action->text().contains(u"/status/500"_s))
                action->trigger();
        }
        const RunSpec spec = panel.spec();
        QCOMPARE(spec.urls.size(), 2);
        QCOMPARE(spec.urls.at(1).port(), int(m_server.port()));
        QCOMPARE(spec.urls.at(1).path(), u"/status/500"_s);
        QVERIFY(panel.canRun());
    }

    // The Examples menu shows `&` (a mnemonic marker to QAction) as typed.
    void examplesShowAmpersands()
    {
        RunPanel panel;
        panel.setServer(&m_server);
        auto *examples = panel.findChild<QToolButton *>(u"examplesButton"_s);
        bool found = false;
        for (QAction *action : examples->menu()->actions()) {
            if (!action->text().contains(u"/drip"_s))
                continue;
            found = true;
            QVERIFY2(action->text().contains(u"duration=2&&numbytes=20"_s),
                     qPrintable(action->text()));
            action->trigger();
        }
        QVERIFY(found);
        QVERIFY(panel.spec().urls.constLast().query().contains(u"duration=2&numbytes=20"_s));
    }

    void urlNoteSaysWhatTheRunWillDo()
    {
        RunPanel panel;
        panel.setServer(&m_server);
        panel.show();
        const auto *note = panel.findChild<QLabel *>(u"urlNoteLabel"_s);
        editor(panel)->setPlainText(QString());
        QVERIFY(note->isVisible());
        QCOMPARE(note->text(), u"Type at least one URL."_s);
        QVERIFY(!button(panel, u"runButton"_s)->isEnabled());
        // The placeholder is a hint, not something that looks like a URL that would be run.
        QVERIFY(!editor(panel)->placeholderText().contains(u"://"_s));

        QStringList lines;
        for (int i = 0; i < 5000; ++i)
            lines << u"http://127.0.0.1:1/get?i=%1"_s.arg(i);
        editor(panel)->setPlainText(lines.join(u'\n'));
        QTRY_VERIFY(panel.canRun()); // long texts are checked after a short pause
        panel.findChild<QSpinBox *>(u"tasksSpin"_s)->setValue(10);
        QVERIFY(note->isVisible());
        // (English plurals come from the translation, which this test does not load.)
        QVERIFY2(
            note->text().contains(u"use the first 10 of %1 URLs."_s.arg(QLocale().toString(5000))),
            qPrintable(note->text()));
        panel.findChild<QSpinBox *>(u"tasksSpin"_s)->setValue(5000);
        QVERIFY(!note->isVisible());
    }

    void capacityAppliesToTheServer()
    {
        RunPanel panel;
        panel.setServer(&m_server);
        panel.setServerCapacity(3);
        QCOMPARE(m_server.capacity(), 3);
        panel.setServerCapacity(0);
        QCOMPARE(m_server.capacity(), 0);
    }

    void settingsRoundTrip()
    {
        RunSpec in;
        in.urls = {QUrl(u"https://example.com/x"_s)};
        in.tasks = 77;
        in.strategy = Strategy::WrappedBlocking;
        in.concurrency = 4;
        in.timeoutMs = 2500;
        in.maxBodyBytes = 5 * MiB;
        {
            RunPanel panel;
            panel.setServer(&m_server);
            panel.setSpec(in);
            panel.setServerCapacity(9);
            panel.saveSettings();
        }
        RunPanel restored;
        restored.setServer(&m_server);
        QVERIFY(restored.restoreSettings());
        const RunSpec out = restored.spec();
        QCOMPARE(out.urls, in.urls);
        QCOMPARE(out.tasks, 77);
        QCOMPARE(out.strategy, Strategy::WrappedBlocking);
        QCOMPARE(out.concurrency, 4);
        QCOMPARE(out.timeoutMs, 2500);
        QCOMPARE(out.maxBodyBytes, 5 * MiB);
        QCOMPARE(restored.serverCapacity(), 9);
        restored.setServerCapacity(0);
    }

    void maxBodySurvivesARestart_data()
    {
        QTest::addColumn<QVariant>("saved"); // invalid: no key (an older version's settings)
        QTest::addColumn<qint64>("restored");
        QTest::newRow("whole MiB") << QVariant(qint64(12) * MiB) << qint64(12) * MiB;
        QTest::newRow("exact bytes") << QVariant(qint64(1000)) << qint64(1000);
        QTest::newRow("missing key gives the default") << QVariant() << RunSpec().maxBodyBytes;
        QTest::newRow("garbage gives the default") << QVariant(u"lots"_s) << RunSpec().maxBodyBytes;
    }
    void maxBodySurvivesARestart()
    {
        QFETCH(QVariant, saved);
        QFETCH(qint64, restored);
        QSettings settings;
        settings.setValue(u"run/urls"_s, QStringList{u"https://example.com/"_s});
        if (saved.isValid())
            settings.setValue(u"run/maxBodyBytes"_s, saved);
        settings.sync();
        RunPanel panel;
        QVERIFY(panel.restoreSettings());
        QCOMPARE(panel.spec().maxBodyBytes, restored);
        panel.saveSettings();
        QCOMPARE(QSettings().value(u"run/maxBodyBytes"_s).toLongLong(), restored);
    }

    void maxBodyRowDoesNotWidenThePanel()
    {
        // The panel is the window's left column: the new row must not raise its minimum width.
        RunPanel panel;
        panel.show();
        auto *form = panel.findChild<QFormLayout *>(u"form"_s);
        auto *spin = panel.findChild<QSpinBox *>(u"maxBodySpin"_s);
        QVERIFY(form && spin);
        const int with = panel.minimumSizeHint().width();
        form->setRowVisible(spin, false);
        panel.layout()->activate();
        QCOMPARE(with, panel.minimumSizeHint().width());
    }

    void persistedDefaultPortFollowsTheServer()
    {
        // Last session's server had the default port; this one fell back to another.
        QVERIFY(m_server.port() != TestServer::DefaultPort);
        QSettings settings;
        settings.setValue(u"run/urls"_s,
                          QStringList{u"http://127.0.0.1:%1/delay/1"_s.arg(TestServer::DefaultPort),
                                      u"https://example.com:%1/kept"_s.arg(TestServer::DefaultPort),
                                      u"http://localhost:%1/get"_s.arg(TestServer::DefaultPort)});
        settings.setValue(u"server/port"_s, TestServer::DefaultPort);
        settings.sync();
        RunPanel panel;
        panel.setServer(&m_server);
        QVERIFY(panel.restoreSettings());
        const RunSpec spec = panel.spec();
        QCOMPARE(spec.urls.size(), 3);
        QCOMPARE(spec.urls.at(0).port(), int(m_server.port()));
        QCOMPARE(spec.urls.at(0).path(), u"/delay/1"_s);
        QCOMPARE(spec.urls.at(1).port(), int(TestServer::DefaultPort)); // not the embedded server
        QCOMPARE(spec.urls.at(2).port(), int(m_server.port()));
    }

    // With a server on both ports, the TLS box moves the lines naming the embedded server
    // between its http and https ports; runs trust its certificate, and the command line's
    // --ca-file / --insecure ride along.
    void tlsBoxSwitchesTheServerUrls()
    {
        QString error;
        const TlsCredentials credentials
            = generateSelfSigned(loopbackHosts(), -3600, 24 * 3600, &error);
        QVERIFY2(!credentials.isNull(), qPrintable(error));
        TestServer both;
        both.setProtocols(TestServer::Protocols::HttpAndHttps, credentials);
        QVERIFY(both.start(0));
        RunPanel panel;
        panel.setServer(&both);
        auto *box = panel.findChild<QCheckBox *>(u"tlsCheck"_s);
        QVERIFY(box && box->isEnabled());
        panel.useDefaultWorkload();
        editor(panel)->appendPlainText(u"http://example.com/get"_s);
        QCOMPARE(panel.spec().urls.constFirst().scheme(), u"http"_s);

        box->setChecked(true);
        RunSpec spec = panel.spec();
        QCOMPARE(spec.urls.at(0).scheme(), u"https"_s);
        QCOMPARE(spec.urls.at(0).port(), int(both.httpsPort()));
        QCOMPARE(spec.urls.at(0).path(), u"/delay/1"_s);
        QCOMPARE(spec.urls.at(1), QUrl(u"http://example.com/get"_s)); // not the embedded server
        QCOMPARE(panel.defaultWorkloadUrl().scheme(), u"https"_s);
        QVERIFY(spec.caCertificates.contains(both.certificate()));
        QVERIFY(!spec.insecure);

        panel.setTrust({}, true);
        QVERIFY(panel.spec().insecure);
        box->setChecked(false);
        QCOMPARE(panel.spec().urls.at(0).port(), int(both.port()));
        QCOMPARE(panel.spec().urls.at(0).scheme(), u"http"_s);

        // A server without https has no box to tick.
        RunPanel plain;
        plain.setServer(&m_server);
        QVERIFY(!plain.findChild<QCheckBox *>(u"tlsCheck"_s)->isEnabled());
        QVERIFY(plain.spec().caCertificates.isEmpty());
    }

    void runAndStopButtons()
    {
        RunPanel panel;
        panel.setServer(&m_server);
        panel.useDefaultWorkload();
        panel.show();
        QSignalSpy run(&panel, &RunPanel::runRequested);
        QSignalSpy stop(&panel, &RunPanel::stopRequested);
        QPushButton *runButton = button(panel, u"runButton"_s);
        QPushButton *stopButton = button(panel, u"stopButton"_s);
        QVERIFY(!stopButton->isEnabled());
        QTest::mouseClick(runButton, Qt::LeftButton);
        QCOMPARE(run.size(), 1);
        panel.setRunning(true);
        QVERIFY(!runButton->isEnabled());
        QVERIFY(!runButton->toolTip().isEmpty());
        QVERIFY(stopButton->isEnabled());
        QTest::mouseClick(stopButton, Qt::LeftButton);
        QCOMPARE(stop.size(), 1);
        panel.setRunning(false);
        QVERIFY(runButton->isEnabled());
        QVERIFY(!stopButton->isEnabled());
    }

    // In the dark theme the TLS check box had almost no border (Fusion's outline is the window
    // colour darkened: about the base colour).
    void darkCheckBoxHasAnEdge()
    {
        Theme::apply(Theme::Choice::Dark);
        RunPanel panel;
        panel.setServer(&m_server);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        auto *box = panel.findChild<QCheckBox *>(u"tlsCheck"_s);
        QStyleOptionButton option;
        option.initFrom(box);
        const QRect indicator
            = box->style()->subElementRect(QStyle::SE_CheckBoxIndicator, &option, box);
        const QImage image = box->grab().toImage();
        const qreal dpr = image.devicePixelRatio();
        const QColor base = box->palette().color(QPalette::Base);
        double edge = 0;
        const int y = int(indicator.center().y() * dpr);
        for (int x = int((indicator.left() - 1) * dpr); x <= int((indicator.left() + 2) * dpr); ++x)
            edge = std::max(edge,
                            Theme::contrastRatio(QColor(image.pixel(std::max(0, x), y)), base));
        Theme::apply(Theme::Choice::Light);
        QVERIFY2(edge >= 2.5, qPrintable(QString::number(edge)));
    }
};

QTEST_MAIN(TestRunPanel)
#include "tst_runpanel.moc"
