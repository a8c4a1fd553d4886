// The QCoro examples recorded as a user records a program: `coroscope --headless --record --csv F
// --segments-csv S --save R -- <example>` (Coroscope starts the program, listens on its socket,
// runs its embedded server for COROSCOPE_SERVER), then the saved file opened again
// (`coroscope --headless --open R --csv F2`): what the summary, the diagnostics and the CSVs must
// show, through the real executable and the real probe.
#include "testfiles.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QJsonObject summary; // the last stdout line
};

CliRun coroscope(const QStringList &args)
{
    CliRun run;
    QProcess p;
    p.start(QStringLiteral(COROSCOPE_EXE), args);
    if (!p.waitForFinished(180000)) {
        p.kill();
        p.waitForFinished();
        run.err = "coroscope did not end";
        return run;
    }
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = p.readAllStandardOutput();
    run.err = p.readAllStandardError();
    run.summary = QJsonDocument::fromJson(run.out.trimmed().split('\n').constLast()).object();
    return run;
}

// One CSV line's cells (RFC 4180 quoting; the examples' cells hold no line breaks).
QStringList csvCells(const QString &line)
{
    QStringList cells{QString()};
    bool quoted = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (quoted && c == u'"' && i + 1 < line.size() && line.at(i + 1) == u'"')
            cells.last() += u'"', ++i;
        else if (c == u'"')
            quoted = !quoted;
        else if (c == u',' && !quoted)
            cells.append(QString());
        else
            cells.last() += c;
    }
    return cells;
}

// The tasks CSV as rows of named cells.
QList<QHash<QString, QString>> csvRows(const QByteArray &csv)
{
    QList<QHash<QString, QString>> rows;
    const QStringList lines = QString::fromUtf8(csv).trimmed().split(u'\n');
    const QStringList header = csvCells(lines.value(0).trimmed());
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QStringList cells = csvCells(lines[i].trimmed());
        QHash<QString, QString> row;
        for (qsizetype c = 0; c < header.size(); ++c)
            row.insert(header[c], cells.value(c));
        rows.append(row);
    }
    return rows;
}

// "file:line" of the first line of examples/qcoro/FILE that holds `text`.
QString siteOf(const QString &file, const QString &text)
{
    const QStringList lines = QString::fromUtf8(readAll(QStringLiteral(COROSCOPE_SOURCE_DIR)
                                                        + u"/examples/qcoro/"_s + file))
                                  .split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (lines[i].contains(text))
            return file + u':' + QString::number(i + 1);
    }
    return {};
}

} // namespace

class TestProbeCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    QString file(const QString &name) const { return m_dir.filePath(name); }

    // Records `program` through the CLI into NAME.csv, NAME-segments.csv and NAME.coroscope;
    // checks what every recorded example shows, then that the saved file reads back the same.
    CliRun record(const QString &program, const QString &name)
    {
        const CliRun run = coroscope({u"--headless"_s, u"--port"_s, u"0"_s, u"--record"_s,
                                      u"--csv"_s, file(name + u".csv"_s), u"--segments-csv"_s,
                                      file(name + u"-segments.csv"_s), u"--save"_s,
                                      file(name + u".coroscope"_s), u"--"_s, program});
        return run;
    }

    static void checkRecorded(const CliRun &run, int tasks)
    {
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QJsonObject exit = run.summary.value(u"program_exit"_s).toObject();
        QVERIFY2(!exit.isEmpty(), run.out.constData());
        QCOMPARE(exit.value(u"how"_s).toString(), u"exit"_s);
        QCOMPARE(exit.value(u"status"_s).toInt(), 0); // the example checked its own answers
        QCOMPARE(exit.value(u"recorder"_s).toString(), u"cpp"_s);
        QCOMPARE(exit.value(u"tasks"_s).toInt(), tasks);
        QCOMPARE(exit.value(u"dropped"_s).toInt(), 0);
        QCOMPARE(exit.value(u"damaged_lines"_s).toInt(), 0);
        QCOMPARE(run.summary.value(u"recording"_s).toObject().value(u"connections"_s).toInt(), 1);
        QCOMPARE(run.summary.value(u"ok"_s).toInt(), tasks);
    }

    // The saved run, opened again, exports the same tasks CSV and the same program_exit.
    void checkReopened(const QString &name, const CliRun &recorded)
    {
        const CliRun reopened
            = coroscope({u"--headless"_s, u"--open"_s, file(name + u".coroscope"_s), u"--csv"_s,
                         file(name + u"-reopened.csv"_s)});
        QVERIFY2(reopened.exitCode == 0, reopened.err.constData());
        QCOMPARE(readAll(file(name + u"-reopened.csv"_s)), readAll(file(name + u".csv"_s)));
        QCOMPARE(reopened.summary.value(u"program_exit"_s),
                 recorded.summary.value(u"program_exit"_s));
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Ten fetches with a blocking GET inside: every fetch a child of `main`, ok; each step named
    // as holding the loop after the await it followed, in the headless diagnostics; the await
    // labelled in the program's words.
    void fetchBlocking()
    {
        const CliRun run = record(QStringLiteral(QCORO_FETCH_BLOCKING), u"blocking"_s);
        checkRecorded(run, 11);
        if (QTest::currentTestFailed())
            return;
        const QList<QHash<QString, QString>> rows = csvRows(readAll(file(u"blocking.csv"_s)));
        QCOMPARE(rows.size(), 11);
        const QString taskSite = siteOf(u"fetch_blocking.cpp"_s, u"TaskName name(QString"_s);
        const QString awaitSite
            = siteOf(u"fetch_blocking.cpp"_s, u"co_await Coroscope::traced(QCoro::sleepFor"_s);
        QVERIFY(!taskSite.isEmpty() && !awaitSite.isEmpty());
        QString mainTask;
        for (const auto &row : rows) {
            if (row.value(u"name"_s) == u"main"_s)
                mainTask = row.value(u"task"_s);
        }
        QVERIFY(!mainTask.isEmpty());
        QSet<QString> fetches;
        for (const auto &row : rows) {
            QCOMPARE(row.value(u"result"_s), u"ok"_s);
            if (row.value(u"name"_s) == u"main"_s) {
                QCOMPARE(row.value(u"parent"_s), QString());
                QVERIFY(row.value(u"coroutine"_s).contains(u"fetchAll()"_s));
                continue;
            }
            fetches.insert(row.value(u"name"_s));
            QCOMPARE(row.value(u"parent"_s), mainTask);
            QVERIFY(row.value(u"coroutine"_s).contains(u"fetch(int)"_s));
            QVERIFY2(row.value(u"created_at"_s).endsWith(taskSite),
                     qPrintable(row.value(u"created_at"_s)));
        }
        QCOMPARE(fetches.size(), 10);
        for (int i = 0; i < 10; ++i)
            QVERIFY(fetches.contains(u"fetch %1"_s.arg(i)));
        // The diagnostics on stderr: a fetch held the loop, after the await at its line.
        QVERIFY2(run.err.contains("without giving the loop back"), run.err.constData());
        const QByteArray held = "after the await at ";
        const qsizetype at = run.err.indexOf(held);
        QVERIFY(at > 0);
        QVERIFY(run.err.mid(at + held.size()).split(' ').value(0).endsWith(awaitSite.toUtf8()));
        QVERIFY(run.err.contains("ran 1,0")); // "ran 1,0xx ms": the one-second blocking GET
        // The await's label is the expression in the source, not the type (`Task`).
        const QByteArray segments = readAll(file(u"blocking-segments.csv"_s));
        QVERIFY2(segments.contains(",suspended,QCoro::sleepFor(0ms) at "), segments.left(600));
        QVERIFY(!segments.contains(",suspended,Task at "));
        checkReopened(u"blocking"_s, run);
    }

    // Ten fetches that wait together: all ten were suspended at once (the last one created
    // before the first one finished), each a child of `main`; nothing held the loop.
    void fetchTogether()
    {
        const CliRun run = record(QStringLiteral(QCORO_FETCH_TOGETHER), u"together"_s);
        checkRecorded(run, 11);
        if (QTest::currentTestFailed())
            return;
        const QList<QHash<QString, QString>> rows = csvRows(readAll(file(u"together.csv"_s)));
        QCOMPARE(rows.size(), 11);
        QString mainTask;
        for (const auto &row : rows) {
            if (row.value(u"name"_s) == u"main"_s)
                mainTask = row.value(u"task"_s);
        }
        double lastCreated = 0, firstFinished = 1e18;
        int fetches = 0;
        for (const auto &row : rows) {
            QCOMPARE(row.value(u"result"_s), u"ok"_s);
            if (!row.value(u"name"_s).startsWith(u"fetch "_s))
                continue;
            ++fetches;
            QCOMPARE(row.value(u"parent"_s), mainTask);
            lastCreated = std::max(lastCreated, row.value(u"created_ms"_s).toDouble());
            firstFinished = std::min(firstFinished, row.value(u"finished_ms"_s).toDouble());
        }
        QCOMPARE(fetches, 10);
        QVERIFY(lastCreated < firstFinished);
        QVERIFY2(!run.err.contains("without giving the loop back"), run.err.constData());
        const QByteArray segments = readAll(file(u"together-segments.csv"_s));
        QVERIFY(segments.contains(",suspended,QNetworkReply at "));
        checkReopened(u"together"_s, run);
    }
};

QTEST_GUILESS_MAIN(TestProbeCli)
#include "tst_probecli.moc"
