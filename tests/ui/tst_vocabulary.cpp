// The one home of the words and colours of states, results and phases (trace/vocabulary.h,
// statestyle.h) and of durations: every entry named and coloured apart, and one rounding.
#include "io/report.h"
#include "io/report_p.h"
#include "run/runspec.h"
#include "runpanel.h"
#include "statestyle.h"
#include "trace/palette.h"
#include "trace/vocabulary.h"

#include <QLocale>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <cmath>

using namespace Qt::StringLiterals;
using namespace Coroscope;

namespace {

constexpr SegmentState AllStates[]
    = {SegmentState::Pending, SegmentState::Running, SegmentState::Suspended};
constexpr TaskResult AllResults[] = {TaskResult::Unfinished, TaskResult::Ok, TaskResult::Error,
                                     TaskResult::Timeout, TaskResult::Cancelled};

// Fails with the first name or colour that is empty or repeated.
template<typename T, typename Name, typename Color>
QString firstClash(const QList<T> &items, Name name, Color color)
{
    QSet<QString> names;
    QSet<QRgb> colors;
    for (const T &item : items) {
        const QString n = name(item);
        const QColor c = color(item);
        if (n.isEmpty() || !c.isValid())
            return u"empty name or colour: '%1'"_s.arg(n);
        if (names.contains(n) || colors.contains(c.rgb()))
            return u"repeated: '%1' %2"_s.arg(n, c.name());
        names.insert(n);
        colors.insert(c.rgb());
    }
    return {};
}

} // namespace

class TestVocabulary : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void statesAreNamedAndColouredApart()
    {
        const QString clash
            = firstClash(QList<SegmentState>(std::begin(AllStates), std::end(AllStates)),
                         Vocabulary::stateText, StateStyle::stateColor);
        QVERIFY2(clash.isEmpty(), qPrintable(clash));
    }

    void resultsAreNamedAndColouredApart()
    {
        const QList<TaskResult> results(std::begin(AllResults), std::end(AllResults));
        QString clash = firstClash(results, Vocabulary::resultText, StateStyle::resultColor);
        QVERIFY2(clash.isEmpty(), qPrintable(clash));
        // As text too (the table, the summary's figures).
        clash = firstClash(results, Vocabulary::resultText, StateStyle::resultInk);
        QVERIFY2(clash.isEmpty(), qPrintable(clash));
    }

    void phasesAreNamedAndColouredApart()
    {
        QList<PhaseKind> kinds;
        for (int kind = 0; kind < PhaseKindCount; ++kind)
            kinds.append(PhaseKind(kind));
        const QString clash = firstClash(kinds, Vocabulary::phaseText, StateStyle::phaseColor);
        QVERIFY2(clash.isEmpty(), qPrintable(clash));
    }

    // Every coloured legend entry (states, results, lag, phases) stands apart from the others.
    void legendEntriesStandApart()
    {
        QList<QPair<QString, QColor>> entries;
        for (const auto &entry : StateStyle::legend(true)) {
            if (entry.second.isValid()) // the phases' heading has none
                entries.append(entry);
        }
        QCOMPARE(entries.size(), 3 + 4 + 1 + PhaseKindCount);
        const QString clash = firstClash(
            entries, [](const auto &e) { return e.first; }, [](const auto &e) { return e.second; });
        QVERIFY2(clash.isEmpty(), qPrintable(clash));
        QCOMPARE(StateStyle::legend(false).size(), 3 + 4 + 1);
    }

    // The report's style sheet and the window draw from one table (trace/palette.h): for each
    // state, result and phase the report's CSS class is filled with the window's colour.
    void reportAndWindowShareThePalette()
    {
        const QString html = QString::fromUtf8(reportHtml(RunRecord()));
        const qsizetype styleEnd = html.indexOf(u"</style>"_s);
        QVERIFY(styleEnd > 0);
        const QString css = html.left(styleEnd);
        auto expectFill = [&](const QString &cls, const QColor &window) -> QString {
            const QString rule = u".%1 { fill: %2;"_s.arg(cls, window.name());
            return css.contains(rule) ? QString() : u"missing in the report's CSS: "_s + rule;
        };
        using namespace ReportPictures;
        for (const SegmentState state : AllStates) {
            QCOMPARE(StateStyle::stateColor(state).rgb() & 0xffffff, Palette::state(state));
            const QString missing = expectFill(stateClass(state), StateStyle::stateColor(state));
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
        }
        for (const TaskResult result : AllResults) {
            QCOMPARE(StateStyle::resultColor(result).rgb() & 0xffffff, Palette::result(result));
            const QString missing
                = expectFill(resultClass(result), StateStyle::resultColor(result));
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
        }
        for (int k = 0; k < PhaseKindCount; ++k) {
            const PhaseKind kind = PhaseKind(k);
            QCOMPARE(StateStyle::phaseColor(kind).rgb() & 0xffffff, Palette::phase(kind));
            const QString missing = expectFill(phaseClass(kind), StateStyle::phaseColor(kind));
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
        }
        for (const auto &[cls, window] : {std::pair{u"lag"_s, StateStyle::lagColor()},
                                          std::pair{u"busy"_s, StateStyle::loopBusyColor()}}) {
            const QString missing = expectFill(cls, window);
            QVERIFY2(missing.isEmpty(), qPrintable(missing));
        }
        QVERIFY(css.contains(u"svg .stop { stroke: %1;"_s.arg(StateStyle::stoppedColor().name())));
    }

    // The strategies' names: the run panel offers the core's words, which the report and the
    // pictures' title lines use; a name of another program's recording passes through.
    void strategyNamesAreTheCoresWords()
    {
        QSet<QString> names;
        for (const Strategy s : {Strategy::Async, Strategy::Sequential, Strategy::Blocking,
                                 Strategy::WrappedBlocking, Strategy::Threads}) {
            const QString text = Vocabulary::strategyText(strategyName(s));
            QVERIFY(!text.isEmpty());
            QCOMPARE(RunPanel::strategyDisplayName(s), text);
            names.insert(text);
        }
        QCOMPARE(names.size(), 5);
        QCOMPARE(Vocabulary::strategyText(u"wrapped-blocking"_s), u"wrapped blocking"_s);
        QCOMPARE(Vocabulary::strategyText(u"trio"_s), u"trio"_s);
        QCOMPARE(Vocabulary::strategyText(QString()), QString());
    }

    void durationText_data()
    {
        QTest::addColumn<double>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << 0.0 << u"0.00 ms"_s;
        QTest::newRow("below 10 ms: two decimals") << 8.5 << u"8.50 ms"_s;
        QTest::newRow("9.996 ms rounds to 10.0, not 10.00") << 9.996 << u"10.0 ms"_s;
        QTest::newRow("99.96 ms rounds to 100, not 100.0") << 99.96 << u"100 ms"_s;
        QTest::newRow("850 ms") << 850.0 << u"850 ms"_s;
        QTest::newRow("999.4 ms stays in ms") << 999.4 << u"999 ms"_s;
        QTest::newRow("999.5 ms carries to seconds") << 999.5 << u"1.00 s"_s;
        QTest::newRow("999.96 ms carries to seconds, not 1,000 ms") << 999.96 << u"1.00 s"_s;
        QTest::newRow("1 s") << 1000.0 << u"1.00 s"_s;
        QTest::newRow("1.05 s") << 1050.0 << u"1.05 s"_s;
        QTest::newRow("9.996 s rounds to 10.0 s") << 9996.0 << u"10.0 s"_s;
        QTest::newRow("12.3 s") << 12345.0 << u"12.3 s"_s;
        QTest::newRow("99.96 s rounds to 100 s") << 99960.0 << u"100 s"_s;
        QTest::newRow("beyond 1000 s stays in s") << 1'234'567.0 << u"1,235 s"_s;
    }

    void durationText()
    {
        QFETCH(double, ms);
        QFETCH(QString, text);
        QCOMPARE(Coroscope::durationText(ms), text);
    }

    // Across the range: three significant digits from 1 ms on, never "1,000 ms", and the value
    // shown is the value rounded (within half its last digit).
    void durationTextRoundsConsistently()
    {
        const QLocale locale;
        for (double ms = 0.001; ms < 2'000'000; ms *= 1.0173) {
            const QString text = Coroscope::durationText(ms);
            const bool seconds = text.endsWith(u" s"_s);
            QVERIFY2(seconds || text.endsWith(u" ms"_s), qPrintable(text));
            const QString number = text.left(text.lastIndexOf(u' '));
            bool ok = false;
            const double shown = locale.toDouble(number, &ok);
            QVERIFY2(ok, qPrintable(text));
            const qsizetype point = number.indexOf(u'.');
            const int decimals = point < 0 ? 0 : int(number.size() - point - 1);
            const double halfDigit = 0.5 * std::pow(10.0, -decimals) + 1e-9;
            QVERIFY2(std::abs(shown - (seconds ? ms / 1000 : ms)) <= halfDigit,
                     qPrintable(u"%1 ms shown as %2"_s.arg(ms).arg(text)));
            if (!seconds)
                QVERIFY2(shown < 1000, qPrintable(text));
            if (shown >= 1 && shown < 1000) {
                const auto digits = number.count(QRegularExpression(u"[0-9]"_s));
                QVERIFY2(digits == 3, qPrintable(u"%1 ms shown as %2"_s.arg(ms).arg(text)));
            }
        }
    }

    void preciseDurationText()
    {
        QCOMPARE(Coroscope::preciseDurationText(130'250'000), u"130.250 ms"_s);
        QCOMPARE(Coroscope::preciseDurationText(0), u"0.000 ms"_s);
        // Always ms: one task's times line up in a column.
        QCOMPARE(Coroscope::preciseDurationText(2'500'000'000), u"2,500.000 ms"_s);
    }

    void unitWords()
    {
        QCOMPARE(Vocabulary::withUnit(u"5"_s, Vocabulary::Unit::Nanoseconds), u"5 ns"_s);
        QCOMPARE(Vocabulary::withUnit(u"5"_s, Vocabulary::Unit::Microseconds), u"5 µs"_s);
        QCOMPARE(Vocabulary::withUnit(u"5"_s, Vocabulary::Unit::Milliseconds), u"5 ms"_s);
        QCOMPARE(Vocabulary::withUnit(1.26, Vocabulary::Unit::Seconds, 1), u"1.3 s"_s);
    }
};

QTEST_GUILESS_MAIN(TestVocabulary)
#include "tst_vocabulary.moc"
