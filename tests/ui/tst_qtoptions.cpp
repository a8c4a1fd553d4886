#include "cli/options.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <vector>

using namespace Coroscope;
using namespace Qt::StringLiterals;

// Qt's own command-line options (-platform, -style, -stylesheet, -reverse, ...): what our parser
// passes through is exactly what QApplication takes out of argv, and the installed binary runs
// with them.
class TestQtOptions : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    static QString binary() { return QStringLiteral(COROSCOPE_BINARY); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // No QApplication exists in this test (QTEST_APPLESS_MAIN): each row makes its own from an
    // argv, as main() does, and compares what is left with what our parser kept for itself.
    void qapplicationConsumesWhatWePassThrough_data()
    {
        QTest::addColumn<QStringList>("qtOptions");
        const QString qss = m_dir.filePath(u"empty.qss"_s);
        QFile file(qss);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        QTest::newRow("-style NAME") << QStringList{u"-style"_s, u"fusion"_s};
        QTest::newRow("-style=NAME") << QStringList{u"-style=fusion"_s};
        QTest::newRow("--style NAME") << QStringList{u"--style"_s, u"fusion"_s};
        QTest::newRow("-stylesheet FILE") << QStringList{u"-stylesheet"_s, qss};
        QTest::newRow("-stylesheet=FILE") << QStringList{u"-stylesheet="_s + qss};
        QTest::newRow("-reverse") << QStringList{u"-reverse"_s};
        QTest::newRow("-qwindowtitle") << QStringList{u"-qwindowtitle"_s, u"Coroscope test"_s};
        QTest::newRow("-qwindowgeometry") << QStringList{u"-qwindowgeometry"_s, u"640x480+10+10"_s};
        QTest::newRow("-qwindowicon") << QStringList{u"-qwindowicon"_s, u"coroscope"_s};
        QTest::newRow("-platformtheme") << QStringList{u"-platformtheme"_s, u"none"_s};
        QTest::newRow("-platformpluginpath") << QStringList{u"-platformpluginpath"_s, m_dir.path()};
        QTest::newRow("-session") << QStringList{u"-session"_s, u"abc_def"_s};
        QTest::newRow("-widgetcount") << QStringList{u"-widgetcount"_s};
        QTest::newRow("-qmljsdebugger=") << QStringList{u"-qmljsdebugger=port:1"_s};
    }
    void qapplicationConsumesWhatWePassThrough()
    {
        QFETCH(QStringList, qtOptions);
        const QStringList ours{u"--tasks"_s, u"3"_s, u"--language"_s, u"en"_s};
        QStringList arguments{u"coroscope"_s, u"-platform"_s, u"offscreen"_s};
        arguments << qtOptions << ours;

        const ParsedArguments parsed = parseArguments(arguments);
        QVERIFY2(parsed.error.isEmpty(), qPrintable(parsed.error));
        const QStringList passed = QStringList{u"-platform"_s, u"offscreen"_s} + qtOptions;
        QCOMPARE(parsed.options.qtArguments, passed);

        std::vector<QByteArray> storage;
        for (const QString &a : std::as_const(arguments))
            storage.push_back(a.toLocal8Bit());
        std::vector<char *> argv;
        for (QByteArray &a : storage)
            argv.push_back(a.data());
        argv.push_back(nullptr);
        int argc = int(storage.size());
        QStringList left;
        {
            QApplication app(argc, argv.data());
            left = QCoreApplication::arguments();
        }
        const QStringList expected = QStringList{u"coroscope"_s} + ours;
        QCOMPARE(left, expected);
    }

    // The executable, as a user or a desktop file starts it: Qt's options with a screenshot.
    void screenshotWithQtOptions()
    {
        const QString qss = m_dir.filePath(u"red.qss"_s);
        QFile file(qss);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("QPushButton { color: red; }\n");
        file.close();
        const QString png = m_dir.filePath(u"shot.png"_s);
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(binary(),
                      {u"-platform"_s, u"offscreen"_s, u"-style"_s, u"fusion"_s, u"-stylesheet"_s,
                       qss, u"-reverse"_s, u"--theme"_s, u"dark"_s, u"--port"_s, u"0"_s,
                       u"--tasks"_s, u"1"_s, u"--screenshot"_s, png});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 400);
    }

    void refusedWithoutWindow_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("stderrContains");
        QTest::newRow("headless") << QStringList{u"--headless"_s, u"-style"_s, u"fusion"_s}
                                  << u"-style is an option of the window"_s;
        QTest::newRow("serve") << QStringList{u"--serve"_s, u"-reverse"_s}
                               << u"-reverse is an option of the window"_s;
    }
    void refusedWithoutWindow()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, stderrContains);
        QProcess process;
        process.start(binary(), args);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(process.readAllStandardError());
        QVERIFY2(err.contains(stderrContains), qPrintable(err));
    }

    // The languages --language accepts are the translations built into the window, and a code
    // the parser accepts is one the window finds a translation for (issue 18.7: "fr" used to fall
    // back to English without a word).
    void languagesMatchTranslations()
    {
        int argc = 1;
        char name[] = "coroscope";
        char *argv[] = {name, nullptr};
        QCoreApplication app(argc, argv);
        QStringList built;
        const QStringList files = QDir(u":/i18n"_s).entryList({u"coroscope_*.qm"_s});
        for (const QString &qm : files)
            built.append(qm.sliced(10).chopped(3)); // "coroscope_" ... ".qm"
        built.sort();
        QStringList listed = availableLanguages();
        listed.sort();
        QCOMPARE(listed, built);
        for (const QString &code :
             {u"en"_s, u"en_GB"_s, u"zh"_s, u"zh_CN"_s, u"zh_TW"_s, u"fr"_s, u"de_DE"_s, u"xx"_s}) {
            const bool accepted
                = parseArguments({u"coroscope"_s, u"--language"_s, code}).error.isEmpty();
            QVERIFY2(accepted == MainWindow::applyLanguage(code), qPrintable(code));
        }
        MainWindow::applyLanguage(u"en"_s);
    }

    // A screenshot's errors have the command line's format too: "coroscope: ...".
    void screenshotErrorHasThePrefix()
    {
        const QString missing = m_dir.filePath(u"missing.coroscope"_s);
        QProcess process;
        process.start(binary(),
                      {u"-platform"_s, u"offscreen"_s, u"--port"_s, u"0"_s, u"--screenshot"_s,
                       m_dir.filePath(u"never.png"_s), missing});
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitCode(), 2);
        const QString err = QString::fromLocal8Bit(process.readAllStandardError());
        QVERIFY2(err.contains(u"coroscope: cannot open %1"_s.arg(missing)), qPrintable(err));
        QVERIFY(!QFile::exists(m_dir.filePath(u"never.png"_s)));
    }

    // An unknown language is an error that lists the available ones, in English.
    void unknownLanguageRefused()
    {
        QProcess process;
        process.start(binary(), {u"--language"_s, u"fr"_s, u"--help"_s});
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), 2);
        QCOMPARE(QString::fromLocal8Bit(process.readAllStandardError()),
                 u"coroscope: unknown language \"fr\": available are en, zh_CN\n"_s);
    }

    // --help and argument errors speak the user's language, like the window.
    void helpAndErrorsTranslated_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("contains");
        QTest::newRow("--help in Chinese")
            << QStringList{u"--help"_s, u"--language"_s, u"zh_CN"_s} << 0 << u"用法："_s;
        QTest::newRow("--help in English")
            << QStringList{u"--help"_s, u"--language"_s, u"en"_s} << 0 << u"Usage: coroscope"_s;
        QTest::newRow("an error in Chinese")
            << QStringList{u"--language=zh_CN"_s, u"--tasks"_s, u"0"_s} << 2 << u"无效"_s;
    }
    void helpAndErrorsTranslated()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, contains);
        QProcess process;
        process.start(binary(), args);
        QVERIFY(process.waitForFinished(30000));
        QCOMPARE(process.exitCode(), exitCode);
        const QString out = QString::fromLocal8Bit(exitCode == 0 ? process.readAllStandardOutput()
                                                                 : process.readAllStandardError());
        QVERIFY2(out.contains(contains), qPrintable(out.left(400)));
    }
};

QTEST_APPLESS_MAIN(TestQtOptions)
#include "tst_qtoptions.moc"
