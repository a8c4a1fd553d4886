#pragma once

#include "server/httpbinroutes.h"
#include "server/httprequestparser.h"
#include "server/serverengine.h"
#include "server/tlstransport.h"

#include <QByteArray>
#include <QString>

#include <deque>
#include <memory>

#include <netinet/in.h>

// The engine's per-request and per-connection state, shared by serverengine.cpp (HTTP) and
// servertransport.cpp (bytes in and out, plain or TLS).

namespace Coroscope {

enum class JobState { Queued, Active, Done };

// One request from receipt to its last byte handed to the kernel. Shared by its connection's
// queue, the capacity queue and the timer heap (weakly), so whichever comes last finds it.
struct ServerEngine::Job
{
    explicit Job(Httpbin::Response answer)
        : response(std::move(answer))
    {
    }

    Connection *connection = nullptr; // null once the connection is gone
    JobState state = JobState::Queued;
    qint64 receivedNs = 0;
    quint32 connectionRequest = 0; // 1 = the first request on its connection
    bool waitingForTimer = false;
    Httpbin::Response response;
    // Output produced but not yet taken by the kernel; only the connection's first job writes.
    QByteArray out;
    qsizetype outPos = 0;
};

struct ServerEngine::Connection
{
    quint64 id = 0;
    int fd = -1;
    sockaddr_in local{};
    sockaddr_in peer{};
    QString origin;
    Http::RequestParser parser;
    QByteArray pendingIn; // read but not parsed yet (the pipeline was full)
    qsizetype pendingInPos = 0;
    std::deque<JobPtr> jobs; // in request order; the first one writes
    quint32 events = 0; // registered with epoll
    bool wantWrite = false; // the kernel buffer was full
    bool readEof = false; // the client will send nothing more (FIN)
    bool stopParsing = false; // a request asked to close, or could not be parsed
    bool lingering = false; // our side is shut down; reading only to drain
    bool dirty = false; // queued for a flush
    qint64 lingerUntilMs = 0;
    qint64 lingerDiscarded = 0;
    qint64 lastProgressMs = 0; // accept, a complete request, or bytes the client took
    qint64 queuedBytes = 0; // sum of the jobs' unsent output
    quint32 requests = 0; // requests received on this connection so far
    bool sawInput = false; // any byte of a request yet
    quint64 turn = 0; // the engine's turn turnBytes counts for
    qint64 turnBytes = 0; // bytes read, produced and sent in that turn, plus a cost per request
    bool deferred = false; // waits for the next turn
    // TLS (null on plain http). Bytes move through it once the handshake is done.
    std::unique_ptr<TlsSession> tls;
    bool handshaking = false;
    bool handshakeWantsWrite = false; // else it waits for input
    qint64 acceptedNs = 0;
    qint64 handshakeUs = -1; // accept to handshake done, once done
    bool readWantsWrite = false; // a TLS read must send first (e.g. a key update's answer)
};

} // namespace Coroscope
