#include "loopbackpeer.h"

#include <cerrno>
#include <cstring>

#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <sys/socket.h>
#include <unistd.h>

namespace Coroscope {

std::optional<bool> loopbackPeerClosed(const sockaddr_in &peer, const sockaddr_in &local)
{
    if (peer.sin_family != AF_INET || local.sin_family != AF_INET)
        return std::nullopt;
    // Only asked when a client with answers pending sends EOF, which is rare: a socket per query
    // costs less than keeping a descriptor that counts against the limit the server runs into.
    const int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    if (fd < 0)
        return std::nullopt;

    struct
    {
        nlmsghdr header;
        inet_diag_req_v2 request;
    } message;
    std::memset(&message, 0, sizeof message);
    message.header.nlmsg_len = sizeof message;
    message.header.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    message.header.nlmsg_flags = NLM_F_REQUEST; // one socket by its exact addresses, no dump
    message.request.sdiag_family = AF_INET;
    message.request.sdiag_protocol = IPPROTO_TCP;
    message.request.idiag_states = ~0U;
    // The client's socket: its own address is our peer, its remote is us.
    message.request.id.idiag_sport = peer.sin_port;
    message.request.id.idiag_dport = local.sin_port;
    message.request.id.idiag_src[0] = peer.sin_addr.s_addr;
    message.request.id.idiag_dst[0] = local.sin_addr.s_addr;
    message.request.id.idiag_cookie[0] = INET_DIAG_NOCOOKIE;
    message.request.id.idiag_cookie[1] = INET_DIAG_NOCOOKIE;

    std::optional<bool> closed;
    if (::send(fd, &message, sizeof message, 0) == ssize_t(sizeof message)) {
        alignas(nlmsghdr) char reply[1024];
        const ssize_t n = ::recv(fd, reply, sizeof reply, 0);
        const auto *header = reinterpret_cast<const nlmsghdr *>(reply);
        if (n >= ssize_t(sizeof(nlmsghdr)) && NLMSG_OK(header, size_t(n))) {
            if (header->nlmsg_type == SOCK_DIAG_BY_FAMILY) {
                const auto *info = static_cast<const inet_diag_msg *>(NLMSG_DATA(header));
                // A socket no process holds any more has no inode: the client called close().
                closed = info->idiag_inode == 0;
            } else if (header->nlmsg_type == NLMSG_ERROR) {
                const auto *error = static_cast<const nlmsgerr *>(NLMSG_DATA(header));
                if (error->error == -ENOENT)
                    closed = true; // not even a time-wait entry is left
            }
        }
    }
    ::close(fd);
    return closed;
}

} // namespace Coroscope
