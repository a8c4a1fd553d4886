#pragma once

#include "trace.h"

#include <QList>
#include <QString>

namespace Coroscope {

class SegmentBuilder;

// Where a request's time went *inside* its `await reply` suspension, from the moments Qt 6.4
// tells the loop about (QNetworkReply::socketStartedConnecting, encrypted, requestSent,
// metaDataChanged, finished: EventKind::Network events) and the queue time the server reports.
// Each moment is when the loop's thread was told, which is when the coroutine could have known.
enum class PhaseKind : quint8 {
    Queued, // inside Qt, before a connection took the request
    Connect, // a new connection being opened (TCP; with TLS up to the handshake's end unless
             // `tls` is split out), when Qt said so; otherwise opening it is part of `queued`
    Tls, // the TLS handshake's end of `connect`: Qt reports no moment between TCP connected and
         // TLS done, so it is split out when the server reports its handshake time (the
         // embedded server's h= in X-Coroscope); other servers' stays in `connect`
    Send, // after TLS, until the request was written
    ServerQueue, // the server reported it held the request in its queue
    Waiting, // request sent until the response headers (time to first byte)
    Receiving, // response headers until the reply finished
    Resume, // reply finished until the coroutine ran again: the loop's own latency
};
inline constexpr int PhaseKindCount = 8;

QString phaseName(PhaseKind kind); // "queued", "connect", ... as in exports

// The moment names recorded as EventKind::Network labels.
namespace NetworkMoment {
inline constexpr char Connecting[] = "socket connecting";
inline constexpr char Encrypted[] = "tls done";
inline constexpr char RequestSent[] = "request sent";
inline constexpr char Headers[] = "response headers";
inline constexpr char Finished[] = "reply finished";
} // namespace NetworkMoment

struct PhaseSpan
{
    qint64 startNs = 0;
    qint64 endNs = 0;
    PhaseKind kind = PhaseKind::Queued;
    qint64 durationNs() const { return endNs - startNs; }
};

struct RequestPhases
{
    // The task awaited a reply and resumed: the phases tile that await. For a whole task
    // (requestPhases()) that followed redirects, they tile each of its awaits in turn.
    bool known = false;
    int hops = 0; // replies awaited: 1 + the redirects followed (0 when not known)
    // Whether the request went out on a connection opened before it: Qt 6.4 signals
    // socketStartedConnecting only to the reply a channel was opened for (it pre-connects the
    // others without a reply), so without that signal only the server can tell
    // (r= in X-Coroscope). -1 = not known, 0 = new connection, 1 = reused.
    int reusedConnection = -1;
    qint64 awaitStartNs = -1; // the (first) await's start
    qint64 awaitEndNs = -1; // the (last) await's end
    QList<PhaseSpan> spans; // in time order, tiling [awaitStartNs, awaitEndNs] exactly (each
                            // await of a task with hops); zero-length phases are left out
    qint64 ns(PhaseKind kind) const; // total of one kind
};

// The phases of one task's request, derived from a builder up to date with `trace`: every hop's
// together (spans of each await, time per kind summed; reusedConnection 0 when any hop opened
// a connection, 1 when every hop is known to have reused one, else -1).
RequestPhases requestPhases(const Trace &trace, const SegmentBuilder &segments, quint32 task);
// The phases of one hop (0 = the first request; SegmentBuilder::hopCount() of them): each
// redirect is a request of its own, with the server's figures of its own answer.
RequestPhases requestHopPhases(const Trace &trace, const SegmentBuilder &segments, quint32 task,
                               int hop);
// The hop of a task whose await started at `awaitStartNs`; -1 when none did.
int requestHopAt(const SegmentBuilder &segments, quint32 task, qint64 awaitStartNs);

} // namespace Coroscope
