// Fuzzes the run file reader with mutated saved files: truncations, bit flips, byte and range
// swaps, insertions, edited length fields and header numbers, and (behind a valid zlib checksum,
// by recompressing) the same damage to the decompressed body. Every case must end in a clean
// error or a record that everything downstream (segments, phases, summary, diagnostics, every
// export) digests without crashing. Deterministic seed (FUZZ_SEED=N for another); FUZZ_CASES=N
// for more cases (the normal suite runs 2000 in a few seconds; run it under
// COROSCOPE_SANITIZE=1 with 20000).
#include "io/chrometrace.h"
#include "io/comparedruns.h"
#include "io/csv.h"
#include "io/har.h"
#include "io/runfile.h"
#include "runfileparts.h"
#include "syntheticrun.h"
#include "trace/diagnostics.h"
#include "trace/phases.h"
#include "trace/segments.h"
#include "trace/summary.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

#include <random>

using namespace Coroscope;
using namespace CoroscopeTest;
using namespace Qt::StringLiterals;

namespace {

class Mutator
{
public:
    explicit Mutator(quint32 seed)
        : m_rng(seed)
    {
    }
    qsizetype below(qsizetype n) { return n <= 0 ? 0 : qsizetype(m_rng() % quint64(n)); }

    // One random kind of damage to `data` (never empty afterwards unless truncated to 0).
    QByteArray damage(QByteArray data, QString *what)
    {
        switch (below(8)) {
        case 0:
            *what = u"truncate"_s;
            data.truncate(below(data.size()));
            break;
        case 1: {
            *what = u"bit flips"_s;
            const qsizetype flips = 1 + below(8);
            for (qsizetype i = 0; i < flips && !data.isEmpty(); ++i)
                data[below(data.size())] ^= char(1 << below(8));
            break;
        }
        case 2:
            *what = u"random bytes"_s;
            for (qsizetype i = 0, n = 1 + below(4); i < n && !data.isEmpty(); ++i)
                data[below(data.size())] = char(below(256));
            break;
        case 3: {
            *what = u"swap ranges"_s;
            const qsizetype len = 1 + below(8);
            if (data.size() > 2 * len) {
                const qsizetype a = below(data.size() - len);
                const qsizetype b = below(data.size() - len);
                const QByteArray x = data.mid(a, len);
                const QByteArray y = data.mid(b, len);
                data.replace(a, len, y);
                data.replace(b, len, x);
            }
            break;
        }
        case 4:
            *what = u"insert"_s;
            data.insert(below(data.size() + 1), QByteArray(1 + below(6), char(below(256))));
            break;
        case 5:
            *what = u"delete"_s;
            data.remove(below(data.size()), 1 + below(6));
            break;
        case 6: {
            // Varints and lengths: a byte with its high bit set, or a huge one.
            *what = u"length field"_s;
            if (!data.isEmpty()) {
                const qsizetype at = below(data.size());
                data[at] = char(below(2) ? 0xff : 0x80 | below(128));
                if (below(2))
                    data.insert(at, QByteArray(1 + below(9), char(0xff)));
            }
            break;
        }
        default:
            *what = u"duplicate a range"_s;
            if (!data.isEmpty()) {
                const qsizetype at = below(data.size());
                data.insert(below(data.size()), data.mid(at, 1 + below(32)));
            }
            break;
        }
        return data;
    }

    // The header's numbers and strings, edited as JSON (NaN cannot be written: huge, negative,
    // fractional and wrong-typed values can).
    void damageHeader(QJsonObject &header, QString *what)
    {
        const QJsonValue values[] = {QJsonValue(-1),
                                     QJsonValue(0),
                                     QJsonValue(2.5),
                                     QJsonValue(1e300),
                                     QJsonValue(4294967296.0),
                                     QJsonValue(u"x"_s),
                                     QJsonValue(QJsonValue::Null),
                                     QJsonValue(true)};
        const QJsonValue value = values[below(std::size(values))];
        const QString sections[] = {u"spec"_s, u"body"_s, u"environment"_s};
        const QString section = sections[below(3)];
        QJsonObject object = header.value(section).toObject();
        const QStringList keys = object.keys();
        if (keys.isEmpty())
            return;
        const QString key = keys.at(below(keys.size()));
        *what = u"header "_s + section + u'.' + key;
        object.insert(key, value);
        header.insert(section, object);
    }

private:
    std::mt19937_64 m_rng;
};

// What a loaded record must survive: everything the window and the exports derive from it.
void digest(const RunRecord &record)
{
    for (const Trace &trace : record.runs) {
        const SegmentBuilder segments = buildSegments(trace);
        for (quint32 t = 0; t < quint32(trace.tasks.size()); ++t)
            requestPhases(trace, segments, t);
        const RunSummary summary = summarize(trace, segments);
        summaryJson(summary);
        diagnose(trace, segments);
        segments.allSegments(trace.lastNs());
    }
    QList<RunSummary> compared;
    for (const ComparedRun &run : record.comparedRuns) {
        RunSummary summary = summarize(run.trace, buildSegments(run.trace));
        summary.source = run.source;
        compared.append(summary);
    }
    compareCsv(compared);
    comparabilityWarnings(record);
    tasksCsv(record.runs);
    segmentsCsv(record.runs);
    chromeTraceJson(record.runs);
    harJson(record.runs, u"0.1.0"_s);
}

} // namespace

class TestRunFileFuzz : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fuzz()
    {
        bool ok = false;
        int cases = qEnvironmentVariableIntValue("FUZZ_CASES", &ok);
        if (!ok || cases <= 0)
            cases = 2000;
        // The third is format 1.1: a run compared with a saved comparison (CRUN sections).
        RunRecord withCompared = syntheticRecord(5, false);
        withCompared.comparedRuns
            = comparedRunsOf(syntheticRecord(4, true), u"last-week.coroscope"_s);
        const QByteArray seeds[]
            = {encodeRunFile(syntheticRecord(6, false)), encodeRunFile(syntheticRecord(4, true)),
               encodeRunFile(withCompared)};
        RunFileParts parts[3]
            = {splitRunFile(seeds[0]), splitRunFile(seeds[1]), splitRunFile(seeds[2])};
        QVERIFY(parts[0].ok && parts[1].ok && parts[2].ok);

        // FUZZ_SEED=N explores other cases; the default keeps the suite deterministic.
        const quint32 seed = quint32(qEnvironmentVariableIntValue("FUZZ_SEED", &ok));
        Mutator mutator(ok ? seed : 20261202u);
        QMap<QString, int> outcomes;
        int loaded = 0;
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < cases; ++i) {
            const int s = int(mutator.below(3));
            QString what;
            QByteArray file;
            switch (mutator.below(3)) {
            case 0: // the file's bytes: mostly caught by the layout or zlib's checksum
                file = mutator.damage(seeds[s], &what);
                break;
            case 1: { // the decompressed body, recompressed: reaches the body's own checks
                RunFileParts p = parts[s];
                p.body = mutator.damage(p.body, &what);
                what.prepend(u"body "_s);
                file = joinRunFile(p);
                break;
            }
            default: { // the header
                RunFileParts p = parts[s];
                mutator.damageHeader(p.header, &what);
                file = joinRunFile(p);
                if (mutator.below(4) == 0)
                    file = mutator.damage(file, &what);
                break;
            }
            }
            RunRecord record;
            QString reason;
            const RunFile::Error error = decodeRunFile(file, &record, &reason);
            if (error == RunFile::Error::None) {
                ++loaded;
                digest(record);
                outcomes[u"loaded"_s]++;
            } else {
                if (reason.isEmpty())
                    QFAIL(
                        qPrintable(u"case %1 (%2): an error without a message"_s.arg(i).arg(what)));
                outcomes[QString::number(int(error))]++;
            }
        }
        QStringList summary;
        const char *names[]
            = {"loaded", "unreadable", "not a run file", "newer version", "truncated", "corrupt"};
        for (auto it = outcomes.cbegin(); it != outcomes.cend(); ++it) {
            const int kind = it.key() == u"loaded" ? 0 : it.key().toInt();
            summary.append(QStringLiteral("%1 %2").arg(QLatin1String(names[kind])).arg(*it));
        }
        qInfo("fuzz: %d cases in %lld ms: %s", cases, qlonglong(clock.elapsed()),
              qPrintable(summary.join(u", "_s)));
        // Some damage is harmless (a changed time, a swapped byte in a header string): the
        // mutations must still reach the loader's deeper checks, not only the first line.
        QVERIFY(loaded > 0);
        QVERIFY(outcomes.value(QString::number(int(RunFile::Error::Corrupt))) > cases / 4);
    }
};

QTEST_GUILESS_MAIN(TestRunFileFuzz)
#include "tst_runfilefuzz.moc"
