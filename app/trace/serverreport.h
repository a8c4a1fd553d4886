#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace Coroscope {

// What the embedded server says about each answer, in ONE short response header:
//
//   X-Coroscope: q=<ms queued for capacity>;a=<requests active>[;r=<request # on its
//                connection>][;h=<TLS handshake us, on https>][;c=<capacity>]
//
// One header with one-letter keys rather than a header per figure because Qt 6.4's HTTP client
// reads the status line and headers one byte per read(2): each byte of a response head is a
// system call in the client, and at 10,000 tasks the head's length was the largest single cost
// of a run (measured: dropping 107 bytes of head took a 10k x /delay/1 run from 5.6-6.8 s to
// 4.1-5.7 s and its loop lag max from 0.8-1.3 s to 0.1-0.35 s).
inline constexpr char ServerReportHeader[] = "X-Coroscope";

struct ServerReport
{
    // -1 = not reported (absent, malformed or out of range: a server we did not write may
    // send anything under this name).
    qint64 queuedMs = -1;
    int active = -1;
    int connectionRequest = -1;
    int capacity = -1;
    qint64 tlsHandshakeUs = -1; // how long the connection's TLS handshake took, on https
};

ServerReport parseServerReport(QByteArrayView value);
// The header's value (no name, no line break), as the server writes it.
void appendServerReport(QByteArray &out, const ServerReport &report);

// Digits only, as HTTP writes numbers: no sign, no spaces inside, no hex, no overflow; surrounding
// blanks are ignored. nullopt when malformed or above `max`.
std::optional<qint64> parseHeaderNumber(QByteArrayView value, qint64 max);

} // namespace Coroscope
