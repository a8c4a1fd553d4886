"""The recorder's stream and its behaviour at the edges: every line parses (a strict reader),
strings are escaped and cut, a stalled reader never blocks the program (drop and count), the
exit status and signals end the stream with E, forks and threads, the sitecustomize entry."""

import os
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RECORDER = os.path.join(ROOT, "recorders", "python")
PY = os.environ.get("COROSCOPE_PYTHON3", "/usr/bin/python3")
sys.path.insert(0, HERE)

import csrec_check  # noqa: E402


def _newer_python():
    """A Python 3.12 or later that runs, else None."""
    import glob
    import shutil

    home = os.path.expanduser("~")
    candidates = [os.environ.get("COROSCOPE_PYTHON312"), shutil.which("python3.13"),
                  shutil.which("python3.12")]
    candidates += sorted(glob.glob(os.path.join(home, ".pyenv/versions/3.1[2-9]*/bin/python3")))
    for py in candidates:
        if not py:
            continue
        try:
            p = subprocess.run([py, "-c", "import sys; print(sys.version_info >= (3, 12))"],
                               capture_output=True, text=True, timeout=30)
        except OSError:
            continue
        if p.returncode == 0 and p.stdout.strip() == "True":
            return py
    return None


class Stream(unittest.TestCase):
    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def program(self, code):
        path = os.path.join(self.tmp, "prog.py")
        with open(path, "w") as f:
            f.write(textwrap.dedent(code))
        return path

    def env(self, **extra):
        env = dict(os.environ, PYTHONPATH=RECORDER)
        env.pop("COROSCOPE_RECORD", None)
        env.update(extra)
        return env

    def record(self, code, args=(), expect_status=0, allow_cut=False, **env):
        prog = self.program(code)
        out = os.path.join(self.tmp, "out.csrec")
        p = subprocess.run([PY, "-m", "coroscope_record", "-o", out, prog, *args],
                           env=self.env(**env), capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, expect_status, p.stderr)
        with open(out, "rb") as f:
            return p, csrec_check.parse(f.read(), allow_cut=allow_cut)

    def test_strict_parse_of_a_busy_program(self):
        p, rec = self.record("""
            import asyncio
            async def child(i):
                for _ in range(3):
                    await asyncio.sleep(0)
                q = asyncio.Queue()
                q.put_nowait(i)
                await asyncio.wait_for(q.get(), 1)
                if i % 7 == 0:
                    raise KeyError(i)
                return i
            async def main():
                tasks = [asyncio.create_task(child(i), name="child %d" % i) for i in range(50)]
                await asyncio.gather(*tasks, return_exceptions=True)
                t = asyncio.create_task(asyncio.sleep(10))
                await asyncio.sleep(0)
                t.cancel()
                await asyncio.gather(t, return_exceptions=True)
            asyncio.run(main())
            """)
        kinds = {k for k, _ in rec.records}
        self.assertTrue({"L", "T", "N", "R", "A", "D", "Z", "E"} <= kinds, kinds)
        results = [v[2] for v in csrec_check.of_kind(rec, "D")]
        self.assertEqual(results.count("error"), 8)  # 0, 7, ..., 49
        self.assertEqual(results.count("cancelled"), 1)
        names = {t["name"] for t in rec.tasks.values()}
        self.assertIn("child 7", names)  # the N record renamed it
        labels = {v[2] for v in csrec_check.of_kind(rec, "A")}
        self.assertIn("gather of 50", labels)
        self.assertIn("asyncio.wait_for", labels)
        self.assertEqual(rec.lanes, {1: "MainThread loop"})
        z = csrec_check.of_kind(rec, "Z")[-1]
        self.assertEqual(z[1], len(rec.records) + len(rec.strings) - 1)  # all but E before it
        self.assertEqual(z[2], 0)

    def test_renamed_tasks_keep_their_last_name(self):
        """task.set_name() after creation (by its creator, by itself, by another task while it
        is parked, or just before it ends) is the task's name in the recording (N)."""
        p, rec = self.record("""
            import asyncio
            async def by_creator():
                await asyncio.sleep(0)
            async def by_itself():
                asyncio.current_task().set_name("renamed by itself")
                await asyncio.sleep(0)
            async def while_parked(ev):
                await ev.wait()
                await asyncio.sleep(0)
            async def at_its_end():
                await asyncio.sleep(0)
                asyncio.current_task().set_name("renamed at its end")
            async def by_keyword():
                await asyncio.sleep(0)
            async def main():
                a = asyncio.create_task(by_creator())
                a.set_name("renamed by its creator")
                b = asyncio.create_task(by_itself())
                ev = asyncio.Event()
                c = asyncio.create_task(while_parked(ev))
                await asyncio.sleep(0)
                c.set_name("renamed while parked")
                ev.set()
                d = asyncio.create_task(at_its_end())
                e = asyncio.create_task(by_keyword(), name="named by create_task")
                await asyncio.gather(a, b, c, d, e)
            asyncio.run(main())
            """)
        names = {t["coro"]: t["name"] for t in rec.tasks.values()}
        self.assertEqual(names["by_creator"], "renamed by its creator")
        self.assertEqual(names["by_itself"], "renamed by itself")
        self.assertEqual(names["while_parked"], "renamed while parked")
        self.assertEqual(names["at_its_end"], "renamed at its end")
        self.assertEqual(names["by_keyword"], "named by create_task")
        self.assertTrue(names["main"].startswith("Task-"), names["main"])

    def test_eager_tasks_of_python_3_12(self):
        """Python 3.12's eager_task_factory runs a task's first step inside create_task: the
        recorder records such tasks anyway (a task that ended in that step as created and
        ended, with its coroutine and the name create_task gave it) and says so once. Needs a
        Python 3.12 or later (COROSCOPE_PYTHON312, python3.12/3.13 on PATH, or pyenv's)."""
        py = _newer_python()
        if py is None:
            self.skipTest("no Python 3.12 or later here")
        prog = self.program("""
            import asyncio
            async def quick():
                return 1
            async def slow():
                await asyncio.sleep(0)
                return 2
            async def main():
                asyncio.get_running_loop().set_task_factory(asyncio.eager_task_factory)
                a = asyncio.create_task(quick(), name="quick one")
                b = asyncio.create_task(slow(), name="slow one")
                print(await asyncio.gather(a, b))
            asyncio.run(main())
            """)
        out = os.path.join(self.tmp, "eager.csrec")
        p = subprocess.run([py, "-m", "coroscope_record", "-o", out, prog], env=self.env(),
                           capture_output=True, text=True, timeout=120)
        self.assertEqual(p.returncode, 0, p.stderr)  # Python 3.12.1 crashed in get_coro()
        self.assertEqual(p.stdout, "[1, 2]\n")
        said = [ln for ln in p.stderr.splitlines() if "eager tasks" in ln]
        self.assertEqual(len(said), 1, p.stderr)
        with open(out, "rb") as f:
            rec = csrec_check.parse(f.read())
        tasks = {t["coro"]: (i, t["name"]) for i, t in rec.tasks.items()}
        self.assertEqual(tasks["quick"][1], "quick one")
        self.assertEqual(tasks["slow"][1], "slow one")
        ended = {v[1]: v[2] for v in csrec_check.of_kind(rec, "D")}
        self.assertEqual(ended, {i: "ok" for i in rec.tasks})

    def test_strings_escaped_and_cut(self):
        p, rec = self.record("""
            import asyncio
            async def main():
                t = asyncio.create_task(asyncio.sleep(0), name="a\\tb\\nc\\\\d")
                await t
                u = asyncio.create_task(asyncio.sleep(0), name="x" * 10000)
                await u
                raise ValueError("line one\\nline two\\t" + "y" * 9000)
            asyncio.run(main())
            """, expect_status=1)
        names = [t["name"] for t in rec.tasks.values()]
        self.assertIn("a\tb\nc\\d", names)
        long = [n for n in names if n.startswith("xxx")][0]
        self.assertLessEqual(len(long.encode()), 4096)
        self.assertTrue(long.endswith("\u2026"))
        err = [v[3] for v in csrec_check.of_kind(rec, "D") if v[2] == "error"][0]
        self.assertTrue(err.startswith("ValueError: line one\nline two\t"))
        self.assertEqual(rec.records[-1][1][1:], ["exit", 1])

    def test_stalled_reader_drops_and_counts(self):
        """Nobody reads the socket while the program makes ~450,000 records: it must finish
        its burst anyway (the drop-and-count path), then tell what it dropped once read."""
        path = os.path.join(self.tmp, "stall.sock")
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(path)
        srv.listen(1)
        prog = self.program("""
            import asyncio, sys, time
            async def w():
                for _ in range(20):
                    await asyncio.sleep(0)
            async def main():
                await asyncio.gather(*(w() for _ in range(10000)))
                print("BURST DONE", flush=True)
                sys.stdin.readline()  # the test reads the stream now
                await asyncio.sleep(0.2)
            asyncio.run(main())
            """)
        p = subprocess.Popen([PY, prog], env=self.env(COROSCOPE_RECORD="unix:" + path,
                                                      COROSCOPE_RECORD_BUFFER="1000000"),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        # A program blocked by its recorder never ends its burst: kill it, the test fails.
        killer = threading.Timer(float(os.environ.get("PYREC_STALL_LIMIT_S", "240")), p.kill)
        killer.start()
        try:
            conn, _ = srv.accept()
            line = p.stdout.readline()  # blocks until the burst is over: the program never did
            self.assertEqual(line, "BURST DONE\n")
            p.stdin.write("go\n")
            p.stdin.flush()
            chunks = []
            while True:
                b = conn.recv(1 << 20)
                if not b:
                    break
                chunks.append(b)
            self.assertEqual(p.wait(60), 0)
            conn.close()
        finally:
            killer.cancel()
            if p.poll() is None:
                p.kill()
            p.stdin.close()
            p.stdout.close()
            srv.close()
        rec = csrec_check.parse(b"".join(chunks))
        z = csrec_check.of_kind(rec, "Z")[-1]
        self.assertGreater(z[2], 100000)  # dropped
        self.assertEqual(rec.records[-1][1][1:], ["exit", 0])

    def test_reader_gone_program_runs_on(self):
        path = os.path.join(self.tmp, "gone.sock")
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(path)
        srv.listen(1)
        prog = self.program("""
            import asyncio
            async def main():
                for _ in range(30):
                    await asyncio.sleep(0.01)
                print("still running")
            asyncio.run(main())
            """)
        p = subprocess.Popen([PY, prog], env=self.env(COROSCOPE_RECORD="unix:" + path),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        conn, _ = srv.accept()
        conn.recv(10)
        conn.close()
        srv.close()
        out, err = p.communicate(timeout=60)
        self.assertEqual(p.returncode, 0, err)
        self.assertEqual(out, "still running\n")

    def test_unreachable_socket(self):
        prog = self.program("print('ran')\n")
        missing = os.path.join(self.tmp, "nobody.sock")
        p = subprocess.run([PY, prog], env=self.env(COROSCOPE_RECORD="unix:" + missing),
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0)
        self.assertEqual(p.stdout, "ran\n")
        lines = p.stderr.splitlines()
        self.assertEqual(len(lines), 1, p.stderr)
        self.assertTrue(lines[0].startswith("coroscope-record: cannot reach Coroscope at %s: "
                                            % missing), lines[0])
        self.assertTrue(lines[0].endswith("; the program runs unrecorded"), lines[0])

    def test_sitecustomize_only_when_asked_and_chains(self):
        code = ("import sys, sitecustomize; print(sitecustomize.__file__); "
                "print('coroscope_record' in sys.modules)")
        p = subprocess.run([PY, "-c", code], env=self.env(), capture_output=True, text=True,
                           timeout=60)
        plain = subprocess.run([PY, "-c", code], env=self.env(PYTHONPATH=""),
                               capture_output=True, text=True, timeout=60)
        lines = p.stdout.splitlines()
        self.assertEqual(lines[1], "False")  # no COROSCOPE_RECORD: the recorder is not loaded
        # The system's own sitecustomize (Debian's) still ran, as without the recorder's folder.
        self.assertEqual(lines[0], plain.stdout.splitlines()[0])
        out = os.path.join(self.tmp, "site.csrec")
        p = subprocess.run([PY, "-c", code], env=self.env(COROSCOPE_RECORD="file:" + out),
                           capture_output=True, text=True, timeout=60)
        lines = p.stdout.splitlines()
        self.assertEqual(lines[1], "True")
        self.assertEqual(lines[0], plain.stdout.splitlines()[0])
        with open(out, "rb") as f:
            rec = csrec_check.parse(f.read())
        self.assertEqual(rec.records[-1][1][1:], ["exit", 0])

    def test_exit_status(self):
        p, rec = self.record("""
            import asyncio, sys
            async def main():
                await asyncio.sleep(0)
            asyncio.run(main())
            sys.exit(3)
            """, expect_status=3)
        self.assertEqual(rec.records[-1][1][1:], ["exit", 3])

    def signalled(self, sig, name):
        """Runs a program that sleeps forever, sends it `sig` once it has started and returns
        its recording, after checking that the program died of the signal and wrote E."""
        out = os.path.join(self.tmp, name + ".csrec")
        prog = self.program("""
            import asyncio
            async def main():
                print("started", flush=True)
                while True:
                    await asyncio.sleep(0.05)
            asyncio.run(main())
            """)
        p = subprocess.Popen([PY, prog], env=self.env(COROSCOPE_RECORD="file:" + out),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.assertEqual(p.stdout.readline(), "started\n")
        p.send_signal(sig)
        p.communicate(timeout=60)
        self.assertEqual(p.returncode, -sig)
        with open(out, "rb") as f:
            rec = csrec_check.parse(f.read())
        self.assertEqual(rec.records[-1][1][1:], ["signal", int(sig)])
        return rec

    def test_sigint_still_writes_the_end(self):
        rec = self.signalled(signal.SIGINT, "int")
        (main,) = rec.tasks
        self.assertEqual(csrec_check.of_kind(rec, "D")[-1][1:3], [main, "cancelled"])

    def test_sigterm_still_writes_the_end(self):
        self.signalled(signal.SIGTERM, "term")

    def test_sigkill_leaves_whole_lines(self):
        """A program killed outright (Coroscope's Stop after its grace period) leaves a stream
        of whole records up to the cut (batches are written whole) and no E: a cut stream."""
        out = os.path.join(self.tmp, "kill.csrec")
        prog = self.program("""
            import asyncio
            async def spin(i):
                while True:
                    await asyncio.sleep(0)
            async def main():
                tasks = [asyncio.create_task(spin(i)) for i in range(100)]
                print("started", flush=True)
                await asyncio.gather(*tasks)
            asyncio.run(main())
            """)
        p = subprocess.Popen([PY, prog], env=self.env(COROSCOPE_RECORD="file:" + out),
                             stdout=subprocess.PIPE, text=True)
        self.assertEqual(p.stdout.readline(), "started\n")
        deadline = time.monotonic() + 60
        while os.path.getsize(out) < 200000 and time.monotonic() < deadline:
            time.sleep(0.05)
        p.kill()
        p.communicate(timeout=60)
        with open(out, "rb") as f:
            data = f.read()
        rec = csrec_check.parse(data, allow_cut=True)
        self.assertNotIn("E", {k for k, _ in rec.records})
        self.assertEqual(len(rec.tasks), 101)
        self.assertGreater(len(csrec_check.of_kind(rec, "R")), 1000)

    def test_forked_child_is_not_recorded_into_the_parent_stream(self):
        p, rec = self.record("""
            import asyncio, os
            async def in_child():
                await asyncio.sleep(0.01)
            async def in_parent():
                await asyncio.sleep(0.01)
            pid = os.fork()
            if pid == 0:
                asyncio.run(in_child())
                raise SystemExit(0)  # atexit runs in the child too
            os.waitpid(pid, 0)
            asyncio.run(in_parent())
            """)
        coros = sorted(t["coro"] for t in rec.tasks.values())
        self.assertEqual(coros, ["in_parent"])
        self.assertEqual([k for k, _ in rec.records].count("E"), 1)

    def test_threads_with_their_own_loops_are_lanes(self):
        p, rec = self.record("""
            import asyncio, threading
            async def work(n):
                await asyncio.sleep(0.01 * n)
            def run(n):
                asyncio.run(work(n))
            threads = [threading.Thread(target=run, args=(n,), name="worker-%d" % n)
                       for n in (1, 2)]
            for t in threads: t.start()
            for t in threads: t.join()
            asyncio.run(work(0))
            """)
        self.assertEqual(sorted(rec.lanes.values()),
                         ["MainThread loop", "worker-1 loop", "worker-2 loop"])
        by_lane = sorted(rec.lanes[t["lane"]] for t in rec.tasks.values())
        self.assertEqual(by_lane, ["MainThread loop", "worker-1 loop", "worker-2 loop"])

    def test_warnings(self):
        p, rec = self.record("""
            import asyncio, gc
            async def never():
                pass
            async def fails():
                raise RuntimeError("nobody asks")
            async def forever():
                await asyncio.Event().wait()
            async def main():
                never()  # a coroutine never awaited
                gc.collect()
                asyncio.ensure_future(fails())
                await asyncio.sleep(0.01)
            loop = asyncio.new_event_loop()
            loop.run_until_complete(main())
            t = loop.create_task(forever())
            loop.run_until_complete(asyncio.sleep(0.01))
            loop.close()
            del t
            gc.collect()
            """)
        kinds = {v[2]: v for v in csrec_check.of_kind(rec, "W")}
        self.assertIn("never-awaited", kinds)
        self.assertIn("never", kinds["never-awaited"][3])
        self.assertTrue(kinds["never-awaited"][4].endswith("prog.py:10"), kinds["never-awaited"])
        self.assertIn("never-retrieved", kinds)
        self.assertEqual(kinds["never-retrieved"][3], "RuntimeError: nobody asks")
        self.assertIn("destroyed-pending", kinds)
        forever = [tid for tid, t in rec.tasks.items() if t["coro"] == "forever"][0]
        self.assertEqual(kinds["destroyed-pending"][1], forever)

    def test_aiohttp_imported_before_asyncio_is_still_traced(self):
        """aiohttp imports asyncio: the recorder starts inside that import, with aiohttp half
        imported; its sessions must get the trace hooks all the same."""
        p, rec = self.record("""
            import aiohttp
            import asyncio
            async def main():
                async with aiohttp.ClientSession() as session:
                    print(len(session.trace_configs))
            asyncio.run(main())
            """)
        self.assertEqual(p.stdout, "1\n")

    def test_program_without_asyncio(self):
        p, rec = self.record("import sys; print('asyncio' in sys.modules)\n")
        self.assertEqual(p.stdout, "False\n")  # the recorder did not import it
        self.assertEqual(rec.tasks, {})
        self.assertEqual(rec.records[-1][1][1:], ["exit", 0])

    def test_module_entry_point(self):
        pkg = os.path.join(self.tmp, "pkgdir")
        os.makedirs(pkg)
        with open(os.path.join(pkg, "mymod.py"), "w") as f:
            f.write("import asyncio, sys\nasync def m():\n    await asyncio.sleep(0)\n"
                    "print(sys.argv[1:])\nasyncio.run(m())\n")
        out = os.path.join(self.tmp, "m.csrec")
        env = self.env(PYTHONPATH=RECORDER + os.pathsep + pkg)
        p = subprocess.run([PY, "-m", "coroscope_record", "-o", out, "-m", "mymod", "a", "b"],
                           env=env, capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout, "['a', 'b']\n")
        with open(out, "rb") as f:
            rec = csrec_check.parse(f.read())
        self.assertEqual([t["coro"] for t in rec.tasks.values()], ["m"])

    def test_checker_rejects_damage(self):
        """The strict reader these tests rely on can fail."""
        good = b"CSREC\t1\t0\tpython\t1.0\tCPython-3.11.2\t1\t2\nS\t1\tx\nL\t1\t1\nE\t5\texit\t0\n"
        csrec_check.parse(good)
        for bad in (good.replace(b"S\t1\tx\n", b""),  # string used before defined
                    good.replace(b"E\t5\texit\t0\n", b""),  # no end
                    good.replace(b"L\t1\t1", b"L\t1\t1\t"),  # a stray empty field
                    good.replace(b"exit", b"quit"),
                    good + b"R\t1\t1\t1\t0\n"):  # after E, unknown task
            with self.assertRaises(csrec_check.Damaged):
                csrec_check.parse(bad)


if __name__ == "__main__":
    unittest.main()
