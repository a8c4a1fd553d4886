#!/usr/bin/python3
"""A server that answers one request at a time and reports no queue (standard library only).

  serialserver.py [DELAY_MS]    serve on 127.0.0.1, a free port printed on stdout; every GET
                                waits DELAY_MS (default 100) and answers 200 "ok"

Python's plain HTTPServer (not ThreadingHTTPServer) handles one connection after another, so
N requests sent at once still take N x DELAY_MS: the case where running tasks together buys
nothing and a speed-up must not be claimed. Each answer closes its connection (HTTP/1.0), and
each request is logged on stderr with the time it was answered.
"""
import http.server
import sys
import time

DELAY = (int(sys.argv[1]) if len(sys.argv) > 1 else 100) / 1000.0


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        time.sleep(DELAY)
        body = b"ok"
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        sys.stderr.write("%.3f %s\n" % (time.monotonic(), format % args))


class Server(http.server.HTTPServer):
    request_queue_size = 1024  # every client connects; they queue here, one answered at a time


if __name__ == "__main__":
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
