#!/usr/bin/python3
"""A deliberately bad HTTP server, and abuse clients for a good one (standard library only).

  faultserver.py serve              serve the fault routes on 127.0.0.1, port printed on stdout
  faultserver.py abuse CASE PORT PID
                                    run one abuse case against the HTTP server on PORT (process
                                    PID, whose RSS is watched); prints "outcome<TAB>peak_rss_kb"
                                    and exits 0 when the server behaved, 1 otherwise

Each fault route sends canned bytes, then closes, resets, holds the connection or streams
forever: exactly what the scripts/stress matrix runs every coroscope strategy against.
"""
import os
import socket
import socketserver
import struct
import sys
import threading
import time
import zlib

KILO = b"x" * 1000
CHUNKED = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"


def gzip_of_zeros(size):
    z = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip wrapper
    block = bytes(1 << 20)
    out = [z.compress(block) for _ in range(size // len(block))]
    out.append(z.flush())
    return b"".join(out)


GZIP = gzip_of_zeros(64 << 20)

# path -> (bytes to send, what to do next: close | reset | hold | endless)
ROUTES = {
    "/ok": (b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", "close"),
    "/short-close": (b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + KILO, "close"),
    "/short-reset": (b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + KILO, "reset"),
    "/length-abc": (b"HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhello", "close"),
    "/length-conflict": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\nhello", "close"),
    "/length-and-chunked": (
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"5\r\nhello\r\n0\r\n\r\n", "close"),
    "/interim": (b"HTTP/1.1 102 Processing\r\n\r\n", "close"),
    "/status-999": (b"HTTP/1.1 999 Weird\r\nContent-Length: 0\r\n\r\n", "close"),
    "/reason-controls": (
        b"HTTP/1.1 500 Bad \x1b]0;pwned\x07 thing\r\nContent-Length: 0\r\n\r\n", "close"),
    "/auth-401": (
        b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\nConnection: close\r\n"
        b"Content-Length: 0\r\n\r\n", "close"),
    "/gzip-bomb": (
        b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(GZIP)
        + GZIP, "close"),
    "/endless": (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n", "endless"),
    "/silent": (b"", "hold"),
    "/chunked-no-last-chunk": (CHUNKED + b"3e8\r\n" + KILO + b"\r\n", "close"),
    "/chunked-cut-mid-chunk": (CHUNKED + b"3e8\r\n" + KILO[:500], "close"),
    "/chunk-size-zz": (CHUNKED + b"5\r\nhello\r\nzz\r\nworld\r\n0\r\n\r\n", "close"),
    "/chunk-size-overflow": (
        CHUNKED + b"5\r\nhello\r\nffffffffffffffff\r\nworld\r\n0\r\n\r\n", "close"),
}
NOT_FOUND = (b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", "close")


class FaultHandler(socketserver.BaseRequestHandler):
    def handle(self):
        sock = self.request
        data = b""
        while b"\r\n\r\n" not in data:
            part = sock.recv(65536)
            if not part or len(data) > 65536:
                return
            data += part
        path = data.split(b"\r\n", 1)[0].split(b" ")[1:2]
        path = path[0].decode("latin-1") if path else ""
        response, after = ROUTES.get(path, NOT_FOUND)
        try:
            sock.sendall(response)
            if after == "close":
                sock.shutdown(socket.SHUT_WR)
                sock.settimeout(5)
                while sock.recv(65536):  # until the client closes too
                    pass
            elif after == "reset":
                time.sleep(0.05)  # the peer has the bytes before the RST
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                sock.close()  # now: socketserver would shut down (FIN) before closing
            elif after == "hold":
                while sock.recv(65536):
                    pass
            elif after == "endless":
                block = b"x" * 65536
                while True:
                    sock.sendall(block)
        except OSError:
            pass


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def serve():
    server = Server(("127.0.0.1", 0), FaultHandler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


# ---- abuse cases against a server that should cope ----

def rss_kb(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


class RssWatch:
    """Samples a process's RSS every 20 ms in the background; peak is the largest seen."""

    def __init__(self, pid):
        self.pid, self.peak, self.start = pid, rss_kb(pid), rss_kb(pid)
        self.running = True
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_kb(self.pid))
            time.sleep(0.02)

    def stop(self):
        self.running = False
        self.thread.join()
        return self.peak


def connect(port, timeout=10):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    return s


def read_until_close(s, limit=1 << 20):
    data = b""
    try:
        while len(data) < limit:
            part = s.recv(65536)
            if not part:
                break
            data += part
    except (socket.timeout, OSError):
        pass
    return data


def status_of(data):
    line = data.split(b"\r\n", 1)[0].split(b" ")
    return int(line[1]) if len(line) > 1 and line[1].isdigit() else 0


def abuse_pipelined(port, pid):
    s = connect(port)
    s.sendall(b"GET /delay/0.3 HTTP/1.1\r\nHost: x\r\n\r\n"
              b"GET /get HTTP/1.1\r\nHost: x\r\n\r\n"
              b"GET /status/418 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    s.settimeout(5)
    data = read_until_close(s)
    statuses = [int(part[:3]) for part in data.split(b"HTTP/1.1 ")[1:] if part[:3].isdigit()]
    # The first response must be /delay's: /get's body names its URL, so order shows.
    first_get = data.find(b"/get")
    first_delay = data.find(b"/delay")
    ordered = statuses == [200, 200, 418] and 0 <= first_delay < first_get
    return ordered, "statuses %s, %s" % (statuses, "in order" if ordered else "OUT OF ORDER")


def abuse_huge_header(port, pid):
    s = connect(port)
    s.settimeout(10)
    try:
        s.sendall(b"GET /get HTTP/1.1\r\nHost: x\r\nX-Big: ")
        chunk = b"a" * 65536
        for _ in range(256):  # 16 MiB of header, unless the server answers and closes first
            s.sendall(chunk)
        s.sendall(b"\r\n\r\n")
    except OSError:
        pass
    data = read_until_close(s)
    st = status_of(data)
    return st == 431, "status %d" % st


def abuse_huge_post(port, pid):
    s = connect(port)
    s.settimeout(10)
    size = 200 << 20
    sent = 0
    try:
        s.sendall(b"POST /post HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                  b"Content-Length: %d\r\n\r\n" % size)
        chunk = b"p" * (1 << 20)
        while sent < size:
            s.sendall(chunk)
            sent += len(chunk)
    except OSError:
        pass
    data = read_until_close(s)
    st = status_of(data)
    return st == 413, "status %d after %d MiB sent" % (st, sent >> 20)


def abuse_slow_readers(port, pid):
    socks = []
    for _ in range(100):
        s = connect(port)
        # A small receive window: the server's bytes stay with the server unless it stops.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(b"GET /bytes/10485760 HTTP/1.1\r\nHost: x\r\n\r\n")
        socks.append(s)
    time.sleep(3)
    for s in socks:
        s.close()
    return True, "100 clients held /bytes/10485760 unread for 3 s"


def abuse_drip_readers(port, pid):
    socks = []
    for _ in range(200):
        s = connect(port)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.sendall(b"GET /drip?duration=2&numbytes=10485760 HTTP/1.1\r\nHost: x\r\n\r\n")
        socks.append(s)
    time.sleep(3)  # past the drips' duration: every byte is due
    for s in socks:
        s.close()
    return True, "200 clients held /drip?duration=2&numbytes=10485760 unread for 3 s"


def cpu_seconds(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def timed_get(port, timeout):
    """Milliseconds until a whole /get answer arrived on a new connection; None on timeout."""
    start = time.monotonic()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        s.settimeout(max(0.1, timeout - (time.monotonic() - start)))
        s.sendall(b"GET /get HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = read_until_close(s)
        s.close()
    except OSError:
        return None
    return (time.monotonic() - start) * 1000 if status_of(data) == 200 else None


def abuse_query_flood(port, pid):
    # Issue 18.9: 16 KB requests of 8,100 query items for /stream/100, as many as one client
    # sends in a second, each on its own connection and never read.
    request = b"GET /stream/100?" + b"&".join([b"a"] * 8100) + b" HTTP/1.1\r\nHost: x\r\n\r\n"
    cpu_before = cpu_seconds(pid)
    socks = []
    start = time.monotonic()
    while time.monotonic() - start < 1.0:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=1)
            s.setblocking(False)
            s.send(request)
            socks.append(s)
        except OSError:
            break
    latencies = [timed_get(port, 10) for _ in range(3)]
    elapsed = time.monotonic() - start
    cpu = cpu_seconds(pid) - cpu_before
    for s in socks:
        s.close()
    answered = [ms for ms in latencies if ms is not None]
    ok = len(answered) == len(latencies) and max(answered) < 2000
    shown = ", ".join("%.0f ms" % ms if ms is not None else "none in 10 s" for ms in latencies)
    return ok, "%d flood requests; /get during the flood: %s; server CPU %.1f s in %.1f s" % (
        len(socks), shown, cpu, elapsed)


def exited(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")
    except OSError:
        return True


def abuse_sigterm_after_flood(port, pid):
    # Issue 18.9: SIGTERM must end the server while a flood is still queued. Ends the server.
    ok, what = abuse_query_flood(port, pid)
    start = time.monotonic()
    os.kill(pid, 15)
    while not exited(pid) and time.monotonic() - start < 10:
        time.sleep(0.02)
    took = time.monotonic() - start
    if not exited(pid):
        return False, "still running 10 s after SIGTERM (%s)" % what
    return ok, "ended %.2f s after SIGTERM (%s)" % (took, what)


def abuse_idle(port, pid):
    s = connect(port)
    s.settimeout(60)
    start = time.monotonic()
    data = read_until_close(s)
    took = time.monotonic() - start
    closed = not data and took < 60
    return closed, "idle connection closed by the server after %.1f s" % took if closed else \
        "still open after %.1f s" % took


CASES = {
    "pipelined-order": abuse_pipelined,
    "header-16MB-431": abuse_huge_header,
    "post-200MB-413": abuse_huge_post,
    "100-slow-readers": abuse_slow_readers,
    "200-drip-readers": abuse_drip_readers,
    "stream-query-flood": abuse_query_flood,
    "sigterm-after-flood": abuse_sigterm_after_flood,
    "idle-closed": abuse_idle,
}


def abuse(case, port, pid):
    watch = RssWatch(pid)
    try:
        ok, what = CASES[case](port, pid)
    except Exception as e:  # a crash of the case is a failed case, reported as such
        ok, what = False, "client error: %r" % e
    peak = watch.stop()
    print("%s\t%d\t%d" % (what, watch.start, peak))
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "serve":
        serve()
    elif len(sys.argv) == 5 and sys.argv[1] == "abuse":
        sys.exit(abuse(sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
    else:
        sys.exit(__doc__)
