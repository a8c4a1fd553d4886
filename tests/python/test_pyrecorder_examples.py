"""The tutorial's programs (examples/python) recorded against a loopback server: each
recording says what the tutorial says happens. Run: /usr/bin/python3 -m unittest (ctest does)."""

import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RECORDER = os.path.join(ROOT, "recorders", "python")
EXAMPLES = os.path.join(ROOT, "examples", "python")
PY = os.environ.get("COROSCOPE_PYTHON3", "/usr/bin/python3")
sys.path.insert(0, HERE)

import csrec_check  # noqa: E402
import pyrec_server  # noqa: E402

MS = 1_000_000


def record(example, server, tmp):
    out = os.path.join(tmp, example + ".csrec")
    env = dict(os.environ, PYTHONPATH=RECORDER, COROSCOPE_SERVER=server.url)
    env.pop("COROSCOPE_RECORD", None)
    p = subprocess.run([PY, "-m", "coroscope_record", "-o", out, os.path.join(EXAMPLES, example)],
                       env=env, capture_output=True, text=True, timeout=120)
    with open(out, "rb") as f:
        rec = csrec_check.parse(f.read())
    return p, rec


def line_of(example, text, nth=1):
    """The number of the line of an example holding text (the tests name lines by content)."""
    with open(os.path.join(EXAMPLES, example)) as f:
        hits = [n for n, line in enumerate(f, 1) if text in line]
    return hits[nth - 1]


def site(example, text):
    return "%s:%d" % (os.path.join(EXAMPLES, example), line_of(example, text))


def tasks_of(rec, coro):
    return {tid: t for tid, t in rec.tasks.items() if t["coro"] == coro}


def steps(rec, task):
    """[(start, end)] of each step of task: R to the next A or D of it."""
    out = []
    start = None
    for k, v in rec.records:
        if k == "R" and v[1] == task:
            start = v[0]
        elif k in "AD" and v[1] == task and start is not None:
            out.append((start, v[0]))
            start = None
    return out


def end_of(rec, task):
    return [v for k, v in rec.records if k == "D" and v[1] == task][0]


class Examples(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = pyrec_server.Server().__enter__()
        cls.tmp = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls):
        cls.server.__exit__(None, None, None)
        cls.tmp.cleanup()

    def run_example(self, name):
        p, rec = record(name, self.server, self.tmp.name)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(rec.records[-1][1][1:], ["exit", 0])
        return p, rec

    def test_01_one_coroutine(self):
        p, rec = self.run_example("01_run_until_complete.py")
        self.assertIn("A coroutine object, not yet running", p.stdout)
        self.assertEqual(len(rec.tasks), 1)
        (tid, t), = rec.tasks.items()
        self.assertEqual(t["coro"], "do_some_work")
        a = csrec_check.of_kind(rec, "A")
        self.assertEqual([v[2] for v in a], ["asyncio.sleep"])
        self.assertEqual(a[0][3], site("01_run_until_complete.py", "await asyncio.sleep(x)"))
        # The loop was idle (in select) for the second the task slept.
        idle = csrec_check.of_kind(rec, "I")
        busy = csrec_check.of_kind(rec, "B")
        self.assertTrue(idle and busy)
        self.assertGreater(max(b[0] - i[0] for i, b in zip(idle, busy)), 900 * MS)
        self.assertEqual(end_of(rec, tid)[2], "ok")

    def test_02_create_task(self):
        p, rec = self.run_example("02_create_task.py")
        self.assertIn("Task pending", p.stdout)
        self.assertEqual(len(rec.tasks), 1)
        (tid, t), = rec.tasks.items()
        self.assertEqual(t["site"], site("02_create_task.py", "task = loop.create_task("))
        self.assertEqual(t["name"], "Task-1")
        self.assertEqual(end_of(rec, tid)[2], "ok")

    def test_03_ensure_future(self):
        p, rec = self.run_example("03_ensure_future.py")
        self.assertEqual(len(rec.tasks), 1)
        (tid, t), = rec.tasks.items()
        self.assertEqual(t["site"], site("03_ensure_future.py", "task = asyncio.ensure_future("))
        self.assertEqual(len(steps(rec, tid)), 2)

    def test_04_done_callback_after_its_task(self):
        p, rec = self.run_example("04_add_done_callback.py")
        self.assertIn("Callback: Done after 1s", p.stdout)
        (tid, _), = rec.tasks.items()
        (c,) = csrec_check.of_kind(rec, "C")
        self.assertEqual(c[1], tid)
        self.assertEqual(c[2], "callback")
        self.assertGreaterEqual(c[0], end_of(rec, tid)[0])

    def test_05_blocking_requests_serialised(self):
        p, rec = self.run_example("05_blocking_requests.py")
        fetches = tasks_of(rec, "fetch")
        self.assertEqual(len(fetches), 5)
        spans = sorted(s for tid in fetches for s in steps(rec, tid))
        self.assertEqual(len(spans), 5)  # one step each: the blocking call never yields
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            self.assertLessEqual(e1, s2, "two requests overlapped")
        for s, e in spans:
            self.assertGreaterEqual(e - s, 900 * MS)
        holds = csrec_check.of_kind(rec, "H")
        self.assertEqual(sorted(h[2] for h in holds), sorted(fetches))
        for h in holds:
            self.assertGreaterEqual(h[3], 900 * MS)
            self.assertIn(h[4], ("requests.get", "urllib.request.urlopen"))
            call = "requests.get(URL)" if h[4] == "requests.get" else "urlopen(URL)"
            self.assertEqual(h[5], site("05_blocking_requests.py", call))

    def test_06_await_requests_type_error(self):
        p, rec = self.run_example("06_await_requests.py")
        fetches = tasks_of(rec, "fetch")
        self.assertEqual(len(fetches), 3)
        for tid in fetches:
            d = end_of(rec, tid)
            self.assertEqual(d[2], "error")
            self.assertRegex(d[3], r"^TypeError: object \w+ can't be used in 'await' expression$")
            self.assertIn(d[4], (site("06_await_requests.py", "await requests.get(URL)"),
                                 site("06_await_requests.py", "await urllib.request.urlopen")))

    def test_07_aiohttp_overlapping(self):
        p, rec = self.run_example("07_aiohttp.py")
        fetches = tasks_of(rec, "fetch")
        self.assertEqual(len(fetches), 10)
        (main,) = tasks_of(rec, "main")
        for tid in fetches:
            self.assertEqual(rec.tasks[tid]["parent"], main)
        waits = {}
        for k, v in rec.records:
            if k == "A" and v[1] in fetches and v[2] == "aiohttp GET /delay/1":
                waits.setdefault(v[1], v[0])
                # at the request, or reading its body (the request is open until the body ends)
                self.assertIn(v[3], (site("07_aiohttp.py", "session.get(URL)"),
                                     site("07_aiohttp.py", "await response.text()")))
        self.assertEqual(len(waits), 10)
        ends = [end_of(rec, tid)[0] for tid in fetches]
        # All ten were waiting at once: every one started waiting before any finished.
        self.assertLess(max(waits.values()), min(ends))
        # ... and they finished together, well within one delay of each other.
        self.assertLess(max(ends) - min(ends), 1000 * MS)
        # aiohttp's phases for each request, and its facts at the end.
        moments = {}
        for v in csrec_check.of_kind(rec, "P"):
            moments.setdefault(v[2], []).append(v[3])
        self.assertEqual(len(moments), 10)
        for m in moments.values():
            self.assertEqual(m[0], "queued")
            self.assertEqual(m[-1], "reply finished")
            self.assertIn("request sent", m)
            self.assertIn("response headers", m)
        urls = csrec_check.of_kind(rec, "U")
        self.assertEqual(len(urls), 10)
        for u in urls:
            self.assertEqual((u[3], u[5]), ("GET", 200))
            self.assertTrue(u[4].endswith("/delay/1"))
            self.assertGreater(u[6], 0)
        # main awaited asyncio.wait of the ten; a fetch task woke it.
        labels = [v[2] for v in csrec_check.of_kind(rec, "A") if v[1] == main]
        self.assertIn("asyncio.wait of 10", labels)
        wakers = [v[3] for v in csrec_check.of_kind(rec, "R") if v[1] == main and v[3]]
        self.assertTrue(wakers and wakers[-1] in fetches, wakers)

    def test_08_time_sleep_named(self):
        p, rec = self.run_example("08_blocking_sleep.py")
        blocking = tasks_of(rec, "blocking")
        holds = csrec_check.of_kind(rec, "H")
        self.assertEqual(sorted(h[2] for h in holds), sorted(blocking))
        for h in holds:
            self.assertEqual(h[4], "time.sleep")
            self.assertEqual(h[5], site("08_blocking_sleep.py", "time.sleep(0.3)  #"))
        spans = sorted(s for tid in blocking for s in steps(rec, tid))
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            self.assertLessEqual(e1, s2)
        nb = tasks_of(rec, "nonblocking")
        waits = [v[0] for k, v in rec.records if k == "A" and v[1] in nb]
        ends = [end_of(rec, t)[0] for t in nb]
        self.assertLess(max(waits), min(ends))  # the three asyncio.sleep overlapped

    def test_index_lists_every_example(self):
        import json

        with open(os.path.join(EXAMPLES, "examples.json")) as f:
            index = json.load(f)["examples"]
        files = sorted(n for n in os.listdir(EXAMPLES) if n.endswith(".py"))
        self.assertEqual(sorted(e["file"] for e in index), files)
        for e in index:
            self.assertTrue(e["title"] and e["lesson"])


if __name__ == "__main__":
    unittest.main()
