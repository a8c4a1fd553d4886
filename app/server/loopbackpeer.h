#pragma once

#include <optional>

#include <netinet/in.h>

namespace Coroscope {

// Whether the client end of a loopback TCP connection has been closed by its process (orphaned
// or gone), as opposed to only shut down for sending. Both look the same from the server's side
// (a FIN); the kernel's socket table (sock_diag netlink) tells them apart when the peer is on
// this host. std::nullopt when it cannot be told (not Linux, netlink refused).
std::optional<bool> loopbackPeerClosed(const sockaddr_in &peer, const sockaddr_in &local);

} // namespace Coroscope
