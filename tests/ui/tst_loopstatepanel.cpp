#include "livetrace.h"
#include "loopstatepanel.h"
#include "mainwindow.h"
#include "runtoend.h"

#include <QAbstractTextDocumentLayout>
#include <QTest>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextLayout>
#include <QTextList>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

// The Loop state panel over a real run: stepping, the ends, playback and what it says.
class TestLoopStatePanel : public QObject
{
    Q_OBJECT

    TestServer m_server;

private Q_SLOTS:
    void initTestCase() { QVERIFY2(m_server.start(0), qPrintable(m_server.errorString())); }

    void stepsThroughARun()
    {
        const Trace trace = runToEnd(specOn(m_server, u"/delay/0.2"_s, 5));
        LiveTrace live;
        live.setTrace(trace);
        LoopStatePanel panel;
        panel.setLiveTrace(&live);
        panel.show();
        // A finished run opens at its end: everything done.
        QCOMPARE(panel.playheadNs(), trace.lastNs());
        QVERIFY2(panel.stateText().contains(u"Finished (5)"_s), qPrintable(panel.stateText()));

        panel.toStart();
        QCOMPARE(panel.playheadNs(), 0);
        const QList<qint64> times = steppingTimes(trace);
        panel.stepForward();
        QCOMPARE(panel.playheadNs(), times.first());
        panel.stepForward();
        QCOMPARE(panel.playheadNs(), times.at(1));
        panel.stepBack();
        QCOMPARE(panel.playheadNs(), times.first());

        // Half-way through the delay every task is suspended at `await reply`.
        panel.setPlayheadNs(100'000'000);
        QVERIFY2(panel.stateText().contains(u"Suspended at an await (5)"_s),
                 qPrintable(panel.stateText()));
        QVERIFY(panel.stateText().contains(u"await reply"_s));
        QVERIFY(panel.stateText().contains(u"idle"_s));

        panel.toEnd();
        QCOMPARE(panel.playheadNs(), trace.lastNs());
    }

    // In Chinese each entry ("任务 0 在 await reply 处已挂起 99.6 毫秒") stays on one line in
    // the dock's width at 1400x900 (about 280 px): Qt's 40 px list indent wrapped them.
    void chineseEntriesKeepToOneLine()
    {
        const Trace trace = runToEnd(specOn(m_server, u"/delay/0.2"_s, 5));
        MainWindow::applyLanguage(u"zh_CN"_s);
        LiveTrace live;
        live.setTrace(trace);
        LoopStatePanel panel;
        panel.setLiveTrace(&live);
        panel.resize(280, 600);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.setPlayheadNs(100'000'000);
        auto *text = panel.findChild<QTextBrowser *>();
        QVERIFY(text);
        QTextDocument *document = text->document();
        document->documentLayout()->documentSize(); // laid out
        int entries = 0;
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
            if (!block.textList())
                continue;
            ++entries;
            QVERIFY2(block.layout()->lineCount() == 1, qPrintable(block.text()));
        }
        QCOMPARE(entries, 5);
        MainWindow::applyLanguage(u"en"_s);
    }

    void playsToTheEnd()
    {
        const Trace trace = runToEnd(specOn(m_server, u"/delay/0.1"_s, 3));
        LiveTrace live;
        live.setTrace(trace);
        LoopStatePanel panel;
        panel.setLiveTrace(&live);
        panel.toStart();
        QList<qint64> seen;
        connect(&panel, &LoopStatePanel::playheadChanged, this, [&seen](qint64 ns) { seen << ns; });
        panel.togglePlay(); // at 1x: the ~0.1 s run plays in about as long
        QVERIFY(panel.isPlaying());
        QTRY_VERIFY_WITH_TIMEOUT(!panel.isPlaying(), 5000);
        QCOMPARE(panel.playheadNs(), trace.lastNs());
        QVERIFY(seen.size() >= 2); // frames in between, not a jump
        QVERIFY(std::is_sorted(seen.cbegin(), seen.cend()));
    }
};

QTEST_MAIN(TestLoopStatePanel)
#include "tst_loopstatepanel.moc"
