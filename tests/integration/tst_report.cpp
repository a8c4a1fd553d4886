// The HTML report (io/report.h) of real runs against the embedded server: one self-contained
// file (well-formed XHTML, nothing fetched from elsewhere) that holds the timeline with its
// legend, the figures, the diagnostics in words, where the time went, the settings and where it
// ran; a comparison side by side; a big run as a density image, not a rectangle per task; a
// saved run's report the same as the live one's; and the command line's --report, its checks
// before a run and its exit codes. A browser's rendering is checked by hand (README, Reports).
#include "io/report.h"
#include "io/runfile.h"
#include "run/sweep.h"
#include "server/testserver.h"
#include "trace/diagnostics.h"
#include "trace/segments.h"
#include "trace/summary.h"
#include "trace/vocabulary.h"

#include "runtoend.h"
#include "syntheticrun.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {
// The document parsed as XML: its error, if any, and each element's name with its attributes.
struct Parsed
{
    QString error;
    int elements = 0;
    QStringList svgClasses; // the class of every <svg>
    QStringList imageHrefs; // every <image>'s href
    QStringList sectionClasses;
    int hitRows = 0; // <rect class="hit">: a timeline's rows drawn one by one
    QString text; // every text node, joined by spaces (entities resolved)
};

Parsed parse(const QByteArray &html)
{
    Parsed parsed;
    QXmlStreamReader xml(html);
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            ++parsed.elements;
            const QString name = xml.name().toString();
            const QString cls = xml.attributes().value(u"class"_s).toString();
            if (name == u"svg")
                parsed.svgClasses << cls;
            else if (name == u"image")
                parsed.imageHrefs << xml.attributes().value(u"href"_s).toString();
            else if (name == u"section")
                parsed.sectionClasses << cls;
            else if (name == u"rect" && cls == u"hit")
                ++parsed.hitRows;
        } else if (xml.isCharacters() && !xml.isWhitespace()) {
            parsed.text += xml.text() + u' ';
        }
    }
    if (xml.hasError())
        parsed.error = u"line %1: %2"_s.arg(xml.lineNumber()).arg(xml.errorString());
    return parsed;
}

// Every reference to something outside the file: an attribute that loads (src, href, xlink),
// CSS url() and @import, a <link>, a <script>. Data URIs and fragments are the file's own.
QStringList externalReferences(const QByteArray &html)
{
    const QString text = QString::fromUtf8(html);
    QStringList found;
    static const QRegularExpression attribute(QStringLiteral(
        "(?:src|href|xlink:href|action|poster|srcset)\\s*=\\s*\"(?!data:|#)([^\"]*)\""));
    for (auto it = attribute.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    static const QRegularExpression css(
        QStringLiteral("url\\s*\\(|@import|<link\\b|<script\\b|<iframe\\b"));
    for (auto it = css.globalMatch(text); it.hasNext();)
        found << it.next().captured(0);
    return found;
}

RunSpec spec(const TestServer &server, const QString &path, int tasks)
{
    RunSpec s = specOn(server, path, tasks);
    s.measureAlone = true;
    return s;
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// What a report must say about one run, whatever its size.
void checkRunContent(const QByteArray &html, const Trace &trace)
{
    const Parsed p = parse(html);
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QVERIFY2(externalReferences(html).isEmpty(), qPrintable(externalReferences(html).join(u", ")));
    QVERIFY(p.svgClasses.contains(u"timeline"_s));
    // The legend's words and the figures' captions, as the window shows them (untranslated
    // here: the test installs no translator).
    for (const QString &word :
         {u"pending"_s, u"running"_s, u"suspended"_s, u"loop lag"_s, u"Wall time"_s, u"OK"_s,
          u"Failed"_s, u"Diagnostics"_s, u"Where the time went"_s, u"Settings"_s, u"Where it ran"_s,
          u"Qt"_s, u"Operating system"_s, u"Concurrency limit"_s})
        QVERIFY2(p.text.contains(word), qPrintable(word));
    const SegmentBuilder segments = buildSegments(trace);
    const RunSummary summary = summarize(trace, segments);
    QVERIFY2(p.text.contains(durationText(summary.wallMs)),
             qPrintable(durationText(summary.wallMs)));
    for (const QString &url : trace.urls)
        QVERIFY2(p.text.contains(url), qPrintable(url));
    QVERIFY(p.text.contains(QString::fromLatin1(qVersion())));
    // Every diagnostic, in words.
    const QList<Diagnostic> diagnostics = diagnose(trace, segments, summary);
    QVERIFY(!diagnostics.isEmpty());
    for (const Diagnostic &d : diagnostics)
        QVERIFY2(p.text.contains(d.text), qPrintable(d.text));
}
} // namespace

class TestReport : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start(0)); }

    void reportOfARealRun()
    {
        const RunSpec s = spec(m_server, u"/delay/0.1"_s, 10);
        const Trace trace = runToEnd(s);
        QCOMPARE(trace.tasks.size(), 10);
        const RunRecord record = recordOfRuns(s, 0, {}, {trace});
        const QByteArray html = reportHtml(record);
        QVERIFY(html.startsWith("<!DOCTYPE html>"));
        checkRunContent(html, trace);
        const Parsed p = parse(html);
        // One row per task, each with its tooltip, and the phases band's legend.
        QCOMPARE(p.hitRows, 10);
        QVERIFY(p.imageHrefs.isEmpty());
        QVERIFY(p.text.contains(u"in await reply:"_s));
        QVERIFY(p.text.contains(u"Latency of the"_s));
        QCOMPARE(p.sectionClasses.count(u"run"_s), 1);
        QVERIFY(!p.sectionClasses.contains(u"comparison"_s));
        // Prints: a print style sheet, and dark only on screen after the system's setting.
        QVERIFY(html.contains("@media print"));
        QVERIFY(html.contains("@media (prefers-color-scheme: dark)"));
        QVERIFY(html.size() < 200 * 1024);
    }

    void comparisonSideBySide()
    {
        RunSpec s = spec(m_server, u"/delay/0.05"_s, 4);
        QList<Trace> traces;
        for (Strategy strategy : {Strategy::Async, Strategy::Sequential}) {
            RunSpec one = s;
            one.strategy = strategy;
            traces << runToEnd(one);
        }
        const RunRecord record
            = recordOfRuns(s, 0, {Strategy::Async, Strategy::Sequential}, traces);
        const QByteArray html = reportHtml(record);
        const Parsed p = parse(html);
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QVERIFY(externalReferences(html).isEmpty());
        QCOMPARE(p.svgClasses.count(u"timeline"_s), 2); // one timeline each
        QCOMPARE(p.sectionClasses.count(u"run"_s), 2);
        QVERIFY(p.sectionClasses.contains(u"comparison"_s));
        QVERIFY(p.text.contains(u"Strategies compared"_s));
        QVERIFY(p.text.contains(u"sequential"_s));
        // The sequential run is the async run's baseline, as in the window's comparison.
        QList<RunSummary> summaries{summarize(traces.at(0)), summarize(traces.at(1))};
        applySequentialBaselines(&summaries);
        QVERIFY(summaries.at(0).speedup.has_value());
        QVERIFY(
            p.text.contains(u"%1×"_s.arg(QLocale().toString(*summaries.at(0).speedup, 'f', 1))));
        // Both timelines on one time axis: the same ticks.
        const QString text = QString::fromUtf8(html);
        const qsizetype first = text.indexOf(u"class=\"timeline\""_s);
        const qsizetype second = text.indexOf(u"class=\"timeline\""_s, first + 1);
        QVERIFY(second > first);
        const auto viewBox = [&text](qsizetype from) {
            const qsizetype at = text.indexOf(u"viewBox"_s, from);
            return text.mid(at, text.indexOf(u'"', at + 9) - at);
        };
        QCOMPARE(viewBox(first).section(u' ', 2, 2), viewBox(second).section(u' ', 2, 2));
    }

    void bigRunIsADensityImage()
    {
        // Above ReportVectorRowsMax tasks: one embedded PNG, not a row of rectangles per task.
        const int tasks = 2000;
        RunRecord record = syntheticRecord(tasks, false);
        const QByteArray html = reportHtml(record);
        const Parsed p = parse(html);
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QCOMPARE(p.hitRows, 0);
        QCOMPARE(p.imageHrefs.size(), 1);
        QVERIFY(p.imageHrefs.constFirst().startsWith(u"data:image/png;base64,"_s));
        const QByteArray png = QByteArray::fromBase64(
            p.imageHrefs.constFirst().mid(int(qstrlen("data:image/png;base64,"))).toLatin1());
        const QImage image = QImage::fromData(png, "PNG");
        QVERIFY(!image.isNull());
        QCOMPARE(image.height(), 480); // at most 480 pixel rows
        QVERIFY(image.width() > 500);
        int painted = 0;
        for (int y = 0; y < image.height(); ++y)
            for (int x = 0; x < image.width(); ++x)
                painted += qAlpha(image.pixel(x, y)) > 0;
        // Each of the 480 rows holds its tasks' few milliseconds, a pixel or two each.
        QVERIFY2(painted >= 480, qPrintable(QString::number(painted)));
        QVERIFY2(html.size() < 400 * 1024, qPrintable(QString::number(html.size())));
        QVERIFY(p.text.contains(u"per pixel row"_s));
    }

    void savedRunReopened()
    {
        const RunSpec s = spec(m_server, u"/delay/0.05"_s, 5);
        RunRecord record = recordOfRuns(s, 0, {}, {runToEnd(s)});
        QTemporaryDir dir;
        const QString path = dir.filePath(u"run.coroscope"_s);
        QString error;
        QVERIFY2(saveRunFile(path, record, &error), qPrintable(error));
        RunRecord loaded;
        QCOMPARE(loadRunFile(path, &loaded, &error), RunFile::Error::None);
        // The report of the opened run is the live run's, byte for byte.
        QCOMPARE(reportHtml(loaded), reportHtml(record));
        checkRunContent(reportHtml(loaded), loaded.runs.constFirst());
        ReportOptions options;
        options.sourceFile = u"run.coroscope"_s;
        QVERIFY(parse(reportHtml(loaded, options)).text.contains(u"run.coroscope"_s));
    }

    void sweepChartsAndTable()
    {
        SweepSpec sweepSpec;
        sweepSpec.base = spec(m_server, u"/delay/0.05"_s, 1);
        sweepSpec.knob = SweepKnob::Tasks;
        sweepSpec.values = {1, 3};
        sweepSpec.strategies = {Strategy::Async, Strategy::Sequential};
        Sweep sweep;
        sweep.setServer(&m_server);
        QSignalSpy finished(&sweep, &Sweep::finished);
        QCOMPARE(sweep.start(sweepSpec), QString());
        QVERIFY(finished.wait(60000));
        QCOMPARE(sweep.points().size(), 4);
        RunRecord record = recordOfRuns(sweepSpec.base, 0, {}, {});
        record.sweep = sweep.result();
        const QByteArray html = reportHtml(record);
        const Parsed p = parse(html);
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QVERIFY(externalReferences(html).isEmpty());
        QVERIFY(p.sectionClasses.contains(u"sweep"_s));
        // Wall time, speed-up, loop lag p99 and failures against the knob.
        QCOMPARE(p.svgClasses.count(u"chart"_s), 4);
        QVERIFY(p.text.contains(u"Medians"_s));
        QVERIFY(p.text.contains(u"Every run"_s));
        QVERIFY(p.text.contains(durationText(sweep.points().constLast().summary.wallMs)));
        QVERIFY(!p.text.contains(u"This record holds no run."_s));
        // The run file keeps the sweep, and its report is the same.
        QTemporaryDir dir;
        QString error;
        QVERIFY2(saveRunFile(dir.filePath(u"sweep.coroscope"_s), record, &error),
                 qPrintable(error));
        RunRecord loaded;
        QCOMPARE(loadRunFile(dir.filePath(u"sweep.coroscope"_s), &loaded, &error),
                 RunFile::Error::None);
        QCOMPARE(reportHtml(loaded), html);
    }

    void writeErrorsAreReported()
    {
        QTemporaryDir dir;
        RunRecord record = syntheticRecord(3, false);
        QString error;
        QVERIFY(!writeReport(dir.filePath(u"missing/report.html"_s), record, &error));
        QVERIFY(error.contains(u"missing/report.html"_s));
        QVERIFY(writeReport(dir.filePath(u"report.html"_s), record, &error));
        QCOMPARE(readFile(dir.filePath(u"report.html"_s)), reportHtml(record));
    }

    void commandLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("stderrHas");
        QTest::addColumn<QString>("report"); // written on success
        QTest::newRow("live run")
            << QStringList{u"--headless"_s,   u"--tasks"_s,        u"3"_s,
                           u"--url"_s,        u"URL/delay/0.05"_s, u"--report"_s,
                           u"DIR/live.html"_s}
            << 0 << QString() << u"DIR/live.html"_s;
        QTest::newRow("implies headless")
            << QStringList{u"--tasks"_s, u"2"_s,        u"--url"_s,
                           u"URL/get"_s, u"--report"_s, u"DIR/implied.html"_s}
            << 0 << QString() << u"DIR/implied.html"_s;
        QTest::newRow("comparison") << QStringList{u"--tasks"_s,   u"2"_s,
                                                   u"--url"_s,     u"URL/delay/0.05"_s,
                                                   u"--compare"_s, u"async,sequential"_s,
                                                   u"--report"_s,  u"DIR/compare.html"_s}
                                    << 0 << QString() << u"DIR/compare.html"_s;
        QTest::newRow("saved run") << QStringList{u"--headless"_s, u"--open"_s, u"SAVED"_s,
                                                  u"--report"_s, u"DIR/saved.html"_s}
                                   << 0 << QString() << u"DIR/saved.html"_s;
        QTest::newRow("same file as another output")
            << QStringList{u"--headless"_s, u"--report"_s, u"DIR/x.html"_s, u"--csv"_s,
                           u"DIR/./x.html"_s}
            << 2 << u"name the same file"_s << QString();
        QTest::newRow("over the input")
            << QStringList{u"--open"_s, u"SAVED"_s, u"--report"_s, u"SAVED"_s} << 2
            << u"would overwrite the input --open"_s << QString();
        QTest::newRow("missing folder")
            << QStringList{u"--headless"_s, u"--report"_s, u"DIR/none/x.html"_s} << 2
            << u"--report: cannot write"_s << QString();
        QTest::newRow("with a screenshot")
            << QStringList{u"--screenshot"_s, u"DIR/s.png"_s, u"--report"_s, u"DIR/y.html"_s} << 2
            << u"--report needs --headless"_s << QString();
        QTest::newRow("serve") << QStringList{u"--serve"_s, u"--report"_s, u"DIR/z.html"_s} << 2
                               << u"--report writes a run's file"_s << QString();
    }

    void commandLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, stderrHas);
        QFETCH(QString, report);
        QTemporaryDir dir;
        const QString saved = dir.filePath(u"saved.coroscope"_s);
        {
            const RunSpec s = spec(m_server, u"/delay/0.05"_s, 4);
            QString error;
            QVERIFY(saveRunFile(saved, recordOfRuns(s, 0, {}, {runToEnd(s)}), &error));
        }
        const QString url = m_server.baseUrl().toString(QUrl::StripTrailingSlash);
        for (QString &a : arguments) {
            a.replace(u"DIR"_s, dir.path());
            a.replace(u"SAVED"_s, saved);
            a.replace(u"URL"_s, url);
        }
        report.replace(u"DIR"_s, dir.path());
        QProcess process;
        process.start(QStringLiteral(COROSCOPE_EXE), arguments << u"--port"_s << u"0"_s);
        QVERIFY(process.waitForFinished(60000));
        const QString err = QString::fromLocal8Bit(process.readAllStandardError());
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == exitCode, qPrintable(err));
        QVERIFY2(err.contains(stderrHas), qPrintable(err));
        // Nothing is written when the command line is refused.
        if (report.isEmpty()) {
            QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{u"saved.coroscope"_s});
            return;
        }
        const QByteArray html = readFile(report);
        const Parsed p = parse(html);
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        QVERIFY(externalReferences(html).isEmpty());
        QVERIFY(p.svgClasses.contains(u"timeline"_s));
        if (arguments.contains(u"--compare"_s))
            QCOMPARE(p.svgClasses.count(u"timeline"_s), 2);
        if (arguments.contains(u"--open"_s))
            QVERIFY(p.text.contains(u"saved.coroscope"_s)); // the settings name the file
    }

    void commandLineLanguage()
    {
        // --language: the report is in it (the window's words with their translations).
        QTemporaryDir dir;
        const QString saved = dir.filePath(u"saved.coroscope"_s);
        QString error;
        QVERIFY(saveRunFile(saved, syntheticRecord(3, false), &error));
        QProcess process;
        process.start(QStringLiteral(COROSCOPE_EXE),
                      {u"--language"_s, u"zh_CN"_s, u"--open"_s, saved, u"--report"_s,
                       dir.filePath(u"zh.html"_s)});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 0);
        const QByteArray html = readFile(dir.filePath(u"zh.html"_s));
        QVERIFY(html.contains("lang=\"zh-CN\""));
        const Parsed p = parse(html);
        QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
        // The summary strip's "Wall time" in the window's Chinese.
        QVERIFY(!p.text.contains(u"Wall time"_s));
    }
};

QTEST_GUILESS_MAIN(TestReport)
#include "tst_report.moc"
