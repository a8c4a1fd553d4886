"""The writer thread: sends the csrec lines (recorders/FORMAT.md) the hot path queued.

The program's threads format each record as one short line (an f-string of integers: cheaper
in total than queueing a tuple and formatting it later, since both threads share the GIL) and
append it to a deque (thread-safe, no lock). This thread drains the deque every ~20 ms and
sends the batch. The sink never blocks the program: a socket is non-blocking and what it cannot
take waits in a bounded byte buffer; when that buffer is full, records are dropped and counted
(Z records) -- except string (S) and lane (L) definitions, which later records refer to.
"""

import collections
import itertools
import os
import socket
import sys
import threading
import time

FORMAT_MAJOR = 1
FORMAT_MINOR = 0
VERSION = "1.0"

# What the writer keeps for a sink that does not take it (a stalled reader), in bytes;
# COROSCOPE_RECORD_BUFFER overrides it (the tests make a small one).
try:
    PENDING_LIMIT = max(4096, int(os.environ.get("COROSCOPE_RECORD_BUFFER", "")))
except ValueError:
    PENDING_LIMIT = 8 * 1024 * 1024
BATCH_INTERVAL_S = 0.02
Z_INTERVAL_NS = 1_000_000_000
STRINGS_KEPT = 100_000  # the string table's bound (memory stays bounded)
S_TEXT_LIMIT = 4096
LINE_LIMIT = 64 * 1024


def escape(text):
    # Names are mostly short and plain ("Task-3"): say so at the cost of two C calls.
    if len(text) <= S_TEXT_LIMIT // 4 and text.isprintable() and "\\" not in text:
        return text
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
        self.strings = {}  # text -> sid, filled by the program's threads (see Recorder.sid)
        self.next_sid = itertools.count(1).__next__  # atomic under the GIL
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

    def sid(self, text):
        """The string's id; queues its S record the first time (before any record using it)."""
        if not text:
            return 0
        strings = self.strings
        sid = strings.get(text)
        if sid is None:
            sid = self.next_sid()
            self.append("S\t%d\t%s\n" % (sid, escape(text)))
            if len(strings) >= STRINGS_KEPT:
                # A program of a million tasks names a million tasks: forget the table (ids are
                # never reused, so the ids handed out stay valid; a text may get a second id).
                strings.clear()
            strings[text] = sid
        return sid

    def drain(self, final=False):
        """Takes what the hot path queued and sends what the sink takes."""
        with self._lock:
            q = self.queue
            n = len(q)
            popleft = q.popleft
            batch = [popleft() for _ in range(n)]
            if len(self._pending) > PENDING_LIMIT and batch:
                # The reader is not reading: drop (never block the program), count what was lost.
                kept = [ln for ln in batch if ln[0] == "S" or ln[0] == "L"]
                self.dropped += len(batch) - len(kept)
                batch = kept
            self.recorded += len(batch)
            now = self.now()
            if not final and now - self._last_z >= Z_INTERVAL_NS:
                self._last_z = now
                self.recorded += 1
                batch.append("Z\t%d\t%d\t%d\n" % (now, self.recorded, self.dropped))
            if batch:
                self._pending += "".join(batch).encode("utf-8", "replace")
            self._flush_some()

    def _flush_some(self):
        """Sends until the sink takes no more (a socket whose buffer is full) or all is sent."""
        if self.broken or not self._pending:
            return
        pending = self._pending
        sent = 0
        try:
            with memoryview(pending) as view:
                while sent < len(pending):
                    taken = self.sink.send(view[sent:])
                    if not taken:
                        break
                    sent += taken
        except OSError:
            # The reader went away: keep the program running, stop writing.
            self.broken = True
            pending.clear()
            return
        if sent:
            del pending[:sent]

    def _run(self):
        wait_writable = getattr(self.sink, "wait_writable", None)
        while not self._stop.is_set():
            deadline = time.monotonic() + BATCH_INTERVAL_S
            try:
                self.drain()
                # A socket that took only part of the batch: send the rest as the reader
                # takes it, until the next batch is due (waiting here releases the GIL).
                while self._pending and not self.broken and wait_writable is not None:
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    wait_writable(remaining)
                    with self._lock:
                        self._flush_some()
            except Exception as e:  # never take the program down
                self.broken = True
                sys.stderr.write("coroscope-record: the recorder failed: %r\n" % (e,))
                return
            remaining = deadline - time.monotonic()
            if remaining > 0:
                self._stop.wait(remaining)

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
            tail = "Z\t%d\t%d\t%d\nE\t%d\t%s\t%d\n" % (
                t, self.recorded + 1, self.dropped, t, how, status)
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
