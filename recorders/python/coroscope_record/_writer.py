"""The writer thread: turns the hot path's tuples into csrec lines (recorders/FORMAT.md).

The program's threads only append tuples of plain values to a deque (thread-safe, no lock);
this thread drains it every ~20 ms, defines every string once (S records), formats the lines
and sends them. The sink never blocks the program: a socket is non-blocking and what it cannot
take waits in a bounded byte buffer; when that buffer is full the records are dropped and
counted (Z records). Strings are interned here, not on the hot path, so that a dropped record
never leaves a string undefined that a later record refers to.
"""

import collections
import os
import socket
import sys
import threading
import time

FORMAT_MAJOR = 1
FORMAT_MINOR = 0
VERSION = "1.0"

# What the writer keeps for a sink that does not take it (a stalled reader), in bytes.
PENDING_LIMIT = 8 * 1024 * 1024
BATCH_INTERVAL_S = 0.02
Z_INTERVAL_NS = 1_000_000_000
S_TEXT_LIMIT = 4096
LINE_LIMIT = 64 * 1024


def _escape(text):
    if len(text.encode("utf-8", "replace")) > S_TEXT_LIMIT:
        raw = text.encode("utf-8", "replace")[: S_TEXT_LIMIT - 3]
        text = raw.decode("utf-8", "ignore") + "\u2026"
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", " ")
    return text


class FileSink:
    def __init__(self, path):
        self.what = path
        self._f = open(path, "wb", buffering=0)

    def send(self, data):
        """Writes what it can; returns the bytes taken."""
        return self._f.write(data) or 0

    def close(self):
        self._f.close()


class SocketSink:
    def __init__(self, path):
        self.what = path
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.settimeout(2.0)
            s.connect(path)
        except BaseException:
            s.close()
            raise
        # Never block the writer thread either: what the reader does not take waits (bounded).
        s.setblocking(False)
        self._s = s

    def send(self, data):
        try:
            return self._s.send(data)
        except (BlockingIOError, InterruptedError):
            return 0

    def wait_writable(self, timeout):
        import select

        try:
            select.select([], [self._s], [], timeout)
        except (OSError, ValueError):
            pass

    def close(self):
        try:
            self._s.close()
        except OSError:
            pass


class Writer:
    """Owns the stream: the header, the string table, the counts, the writer thread."""

    def __init__(self, sink, clock_zero_ns, epoch_ms):
        self.sink = sink
        self.queue = collections.deque()
        self.append = self.queue.append
        self.t0 = clock_zero_ns
        self._strings = {}
        self._next_sid = 1
        self._pending = bytearray()
        self.recorded = 0
        self.dropped = 0
        self.broken = False
        self._closed = False
        self._stop = threading.Event()
        self._lock = threading.Lock()  # drain() runs from this thread and, at exit, the main one
        self._last_z = 0
        impl = sys.implementation.name
        runtime = "%s-%d.%d.%d" % ("CPython" if impl == "cpython" else impl, *sys.version_info[:3])
        header = "CSREC\t%d\t%d\tpython\t%s\t%s\t%d\t%d\n" % (
            FORMAT_MAJOR, FORMAT_MINOR, VERSION, runtime, os.getpid(), epoch_ms)
        self._pending += header.encode()
        self._thread = threading.Thread(target=self._run, name="coroscope-record-writer", daemon=True)

    def start(self):
        self._thread.start()

    def now(self):
        return time.perf_counter_ns() - self.t0

    # -- strings ---------------------------------------------------------------------------
    def _sid(self, text, out):
        if text is None or text == "":
            return 0
        sid = self._strings.get(text)
        if sid is None:
            sid = self._next_sid
            self._next_sid += 1
            self._strings[text] = sid
            out.append("S\t%d\t%s\n" % (sid, _escape(text)))
            self.recorded += 1
        return sid

    def _site(self, filename, line, out):
        if not filename:
            return 0
        return self._sid("%s:%d" % (filename, line), out)

    # -- formatting ------------------------------------------------------------------------
    def _format(self, rec, out):
        k = rec[0]
        sid = self._sid
        if k == "R":
            out.append("R\t%d\t%d\t%d\t%d\n" % rec[1:])
        elif k == "A":
            _, t, task, label, fn, line, awaited = rec
            lab = sid(label, out)
            site = self._site(fn, line, out)
            out.append("A\t%d\t%d\t%d\t%d\t%d\n" % (t, task, lab, site, awaited))
        elif k == "I" or k == "B":
            out.append("%s\t%d\t%d\n" % rec)
        elif k == "T":
            _, t, task, lane, parent, name, coro, fn, line = rec
            n = sid(name, out)
            c = sid(coro, out)
            site = self._site(fn, line, out)
            out.append("T\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n" % (t, task, lane, parent, n, c, site))
        elif k == "D":
            _, t, task, result, err, fn, line = rec
            e = sid(err, out)
            site = self._site(fn, line, out)
            out.append("D\t%d\t%d\t%s\t%d\t%d\n" % (t, task, result, e, site))
        elif k == "N":
            _, t, task, name = rec
            out.append("N\t%d\t%d\t%d\n" % (t, task, sid(name, out)))
        elif k == "C":
            _, t, task, cbname, lane, dur = rec
            out.append("C\t%d\t%d\t%d\t%d\t%d\n" % (t, task, sid(cbname, out), lane, dur))
        elif k == "H":
            _, t, lane, task, dur, func, fn, line = rec
            f = sid(func, out)
            site = self._site(fn, line, out)
            out.append("H\t%d\t%d\t%d\t%d\t%d\t%d\n" % (t, lane, task, dur, f, site))
        elif k == "P":
            out.append("P\t%d\t%d\t%d\t%s\n" % rec[1:])
        elif k == "U":
            _, t, task, req, method, url, status, nbytes = rec
            m = sid(method, out)
            u = sid(url, out)
            out.append("U\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n" % (t, task, req, m, u, status, nbytes))
        elif k == "W":
            _, t, task, kind, text, fn, line = rec
            tx = sid(text, out)
            site = self._site(fn, line, out)
            out.append("W\t%d\t%d\t%s\t%d\t%d\n" % (t, task, kind, tx, site))
        elif k == "L":
            _, lane, name = rec
            out.append("L\t%d\t%d\n" % (lane, sid(name, out)))
        else:
            return
        self.recorded += 1

    # -- the thread ------------------------------------------------------------------------
    def drain(self, final=False):
        """Formats what the hot path queued and sends what the sink takes."""
        with self._lock:
            q = self.queue
            n = len(q)
            out = []
            popleft = q.popleft
            if len(self._pending) > PENDING_LIMIT:
                # The reader is not reading: drop (never block the program), count what was lost.
                for _ in range(n):
                    rec = popleft()
                    if rec[0] == "L":  # a lane definition is tiny and needed by any later record
                        self._format(rec, out)
                    else:
                        self.dropped += 1
            else:
                fmt = self._format
                for _ in range(n):
                    fmt(popleft(), out)
            now = self.now()
            if final or now - self._last_z >= Z_INTERVAL_NS:
                self._last_z = now
                if not final:
                    self.recorded += 1
                    out.append("Z\t%d\t%d\t%d\n" % (now, self.recorded, self.dropped))
            if out:
                self._pending += "".join(out).encode("utf-8", "replace")
            self._flush_some()

    def _flush_some(self):
        if self.broken or not self._pending:
            return
        try:
            taken = self.sink.send(self._pending)
        except OSError:
            # The reader went away: keep the program running, stop writing.
            self.broken = True
            self._pending.clear()
            return
        if taken:
            del self._pending[:taken]

    def _run(self):
        while not self._stop.wait(BATCH_INTERVAL_S):
            try:
                self.drain()
            except Exception as e:  # never take the program down
                self.broken = True
                sys.stderr.write("coroscope-record: the recorder failed: %r\n" % (e,))
                return

    def close(self, how, status, timeout_s=2.0):
        """Writes Z and E, flushes for at most timeout_s, closes the sink. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout_s)
        self.drain(final=True)
        with self._lock:
            t = self.now()
            tail = "Z\t%d\t%d\t%d\nE\t%d\t%s\t%d\n" % (t, self.recorded + 2, self.dropped, t, how, status)
            self._pending += tail.encode()
            deadline = time.monotonic() + timeout_s
            while self._pending and not self.broken and time.monotonic() < deadline:
                before = len(self._pending)
                self._flush_some()
                if len(self._pending) == before:
                    w = getattr(self.sink, "wait_writable", None)
                    if w:
                        w(0.05)
                    else:
                        time.sleep(0.01)
            self.sink.close()
