#pragma once

#include "trace/phases.h"

#include <QTest>

namespace CoroscopeTest {

// The phases tile the await to the nanosecond: contiguous, in order, from its start to its end.
// Callers check QTest::currentTestFailed() afterwards (a QVERIFY here returns from this only).
inline void verifyTiling(const Coroscope::RequestPhases &p)
{
    QVERIFY(p.known);
    QVERIFY(!p.spans.isEmpty());
    QCOMPARE(p.spans.constFirst().startNs, p.awaitStartNs);
    QCOMPARE(p.spans.constLast().endNs, p.awaitEndNs);
    qint64 sum = 0;
    for (qsizetype i = 0; i < p.spans.size(); ++i) {
        QVERIFY(p.spans[i].endNs > p.spans[i].startNs);
        if (i > 0)
            QCOMPARE(p.spans[i].startNs, p.spans[i - 1].endNs);
        sum += p.spans[i].durationNs();
    }
    QCOMPARE(sum, p.awaitEndNs - p.awaitStartNs);
}

} // namespace CoroscopeTest
