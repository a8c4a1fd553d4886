#include "phases.h"

#include "segments.h"
#include "summary.h"

#include <algorithm>

namespace Coroscope {

QString phaseName(PhaseKind kind)
{
    switch (kind) {
    case PhaseKind::Queued:
        return QStringLiteral("queued");
    case PhaseKind::Connect:
        return QStringLiteral("connect");
    case PhaseKind::Tls:
        return QStringLiteral("tls");
    case PhaseKind::Send:
        return QStringLiteral("send");
    case PhaseKind::ServerQueue:
        return QStringLiteral("server queue");
    case PhaseKind::Waiting:
        return QStringLiteral("waiting");
    case PhaseKind::Receiving:
        return QStringLiteral("receiving");
    case PhaseKind::Resume:
        return QStringLiteral("resume");
    }
    return {};
}

qint64 RequestPhases::ns(PhaseKind kind) const
{
    qint64 total = 0;
    for (const PhaseSpan &s : spans)
        total += s.kind == kind ? s.durationNs() : 0;
    return total;
}

namespace {
// What the server said about one hop's request (TaskInfo's or a RedirectHop's figures).
struct HopFigures
{
    qint64 queuedMs = -1;
    int connectionRequest = -1;
    qint64 tlsHandshakeUs = -1;
};

HopFigures figuresOf(const TaskInfo &info, int hop)
{
    if (hop < info.redirects.size()) {
        const RedirectHop &h = info.redirects.at(hop);
        return {h.serverQueuedMs, h.serverConnectionRequest, h.serverTlsHandshakeUs};
    }
    if (hop == info.redirects.size())
        return {info.serverQueuedMs, info.serverConnectionRequest, info.serverTlsHandshakeUs};
    return {};
}

RequestPhases phasesOf(const SegmentBuilder::RequestMarks &m, const HopFigures &figures)
{
    RequestPhases p;
    if (m.awaitStartNs < 0 || m.awaitEndNs < m.awaitStartNs)
        return p;
    // Without a single moment from Qt (a trace recorded without them) there is nothing to tell.
    if (m.connectingNs < 0 && m.encryptedNs < 0 && m.sentNs < 0 && m.headersNs < 0
        && m.finishedNs < 0)
        return p;
    p.known = true;
    p.hops = 1;
    p.awaitStartNs = m.awaitStartNs;
    p.awaitEndNs = m.awaitEndNs;

    // Each moment is clamped into the await and after the previous one: the loop learns of them
    // in order, but a moment it never learnt of (-1) simply has no phase.
    qint64 at = m.awaitStartNs;
    auto cut = [&p, &at, &m](qint64 ns, PhaseKind kind) {
        if (ns < 0)
            return;
        const qint64 end = std::clamp(ns, at, m.awaitEndNs);
        if (end > at)
            p.spans.append(PhaseSpan{at, end, kind});
        at = end;
    };
    const bool fresh = m.connectingNs >= 0;
    const int nth = figures.connectionRequest;
    p.reusedConnection = fresh ? 0 : nth == 1 ? 0 : nth > 1 ? 1 : -1;
    // The TLS handshake, when the server timed it (h= in X-Coroscope) for the
    // connection this request opened: Qt says when it ended (encrypted) only to a reply it
    // opened the connection for, and to none when it opened it ahead of any request. Then the
    // handshake is placed where it ended at the latest: right before the request went out.
    const qint64 handshakeUs = figures.tlsHandshakeUs;
    const qint64 handshakeNs = (fresh || nth == 1) && handshakeUs >= 0 ? handshakeUs * 1000 : -1;
    auto openUntil = [&cut, handshakeNs](qint64 endNs, PhaseKind before) {
        if (endNs < 0)
            return;
        if (handshakeNs >= 0)
            cut(endNs - handshakeNs, before);
        cut(endNs, handshakeNs >= 0 ? PhaseKind::Tls : before);
    };
    if (fresh) {
        // Until a connection took the request: its connecting started.
        cut(m.connectingNs, PhaseKind::Queued);
        // Qt reports no "connected": without TLS, connecting runs until the request is sent.
        if (m.encryptedNs >= 0) {
            openUntil(m.encryptedNs, PhaseKind::Connect);
            cut(m.sentNs, PhaseKind::Send);
        } else {
            openUntil(m.sentNs, PhaseKind::Connect);
        }
    } else {
        // Until the request was sent; a connection Qt opened without telling this reply hides in
        // here, all but its handshake.
        openUntil(m.sentNs, PhaseKind::Queued);
    }
    // Time to first byte, with what the server says it queued the request split out.
    const qint64 answeredNs = m.headersNs >= 0 ? m.headersNs : m.finishedNs;
    if (m.sentNs >= 0) {
        // What the server says it queued the request, clamped to this await: a request sent
        // alone would not have waited longer than it did. Compared in ms: any figure is safe.
        const qint64 awaitNs = m.awaitEndNs - m.awaitStartNs;
        const qint64 queuedNs = figures.queuedMs < 0 ? -1
            : figures.queuedMs > awaitNs / 1000000   ? awaitNs
                                                     : figures.queuedMs * 1000000;
        if (queuedNs > 0 && answeredNs >= 0)
            cut(std::min(at + queuedNs, answeredNs), PhaseKind::ServerQueue);
        cut(answeredNs, PhaseKind::Waiting);
    } else if (!fresh) {
        cut(answeredNs, PhaseKind::Queued); // failed before any request went out
    } else {
        cut(answeredNs, PhaseKind::Connect);
    }
    if (m.headersNs >= 0)
        cut(m.finishedNs, PhaseKind::Receiving);
    // From the reply's end to the coroutine running again: the loop's own latency. Whatever
    // is left (no "finished" seen) is named after the last phase reached.
    if (m.finishedNs >= 0) {
        cut(m.awaitEndNs, PhaseKind::Resume);
    } else if (at < m.awaitEndNs) {
        cut(m.awaitEndNs, p.spans.isEmpty() ? PhaseKind::Queued : p.spans.constLast().kind);
    }
    if (at < m.awaitEndNs) // a moment after the end: close the tiling
        cut(m.awaitEndNs, PhaseKind::Resume);
    return p;
}
} // namespace

RequestPhases requestHopPhases(const Trace &trace, const SegmentBuilder &segments, quint32 task,
                               int hop)
{
    if (hop < 0 || hop >= segments.hopCount(task))
        return {};
    return phasesOf(segments.hopMarks(task, hop), figuresOf(trace.tasks.at(task), hop));
}

int requestHopAt(const SegmentBuilder &segments, quint32 task, qint64 awaitStartNs)
{
    const int hops = segments.hopCount(task);
    for (int hop = hops - 1; hop >= 0; --hop) {
        if (segments.hopMarks(task, hop).awaitStartNs == awaitStartNs)
            return hop;
    }
    return -1;
}

RequestPhases requestPhases(const Trace &trace, const SegmentBuilder &segments, quint32 task)
{
    const int hops = segments.hopCount(task);
    if (hops <= 1)
        return requestHopPhases(trace, segments, task, 0);
    RequestPhases all;
    bool allReused = true;
    for (int hop = 0; hop < hops; ++hop) {
        const RequestPhases p = requestHopPhases(trace, segments, task, hop);
        if (!p.known)
            continue;
        if (!all.known)
            all.awaitStartNs = p.awaitStartNs;
        all.known = true;
        ++all.hops;
        all.awaitEndNs = p.awaitEndNs;
        all.spans.append(p.spans);
        if (p.reusedConnection == 0)
            all.reusedConnection = 0;
        allReused = allReused && p.reusedConnection == 1;
    }
    if (all.known && all.reusedConnection != 0)
        all.reusedConnection = allReused ? 1 : -1;
    return all;
}

} // namespace Coroscope
