#!/usr/bin/python3
"""The Python recorder's overhead (issue 19), every figure measured in this run:

  1. 10,000 tasks x 20 `await asyncio.sleep(0)`: not recorded, recorded to a file, recorded to
     an AF_UNIX socket drained by a thread; walls and ratios (target <= 1.5)
  2. examples/python/07_aiohttp.py (10 x /delay/1 over aiohttp) against a loopback server,
     recorded vs not (target <= 1.05)

Each configuration runs in its own interpreter, BENCH_REPEAT times (default 5); the median
counts. Usage: /usr/bin/python3 tests/bench/bench_pyrecorder.py
"""

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RECORDER = os.path.join(ROOT, "recorders", "python")
PY = "/usr/bin/python3"
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
sys.path.insert(0, os.path.join(ROOT, "tests", "python"))

SLEEP0 = r"""
import asyncio, sys, time
TASKS, STEPS = int(sys.argv[1]), int(sys.argv[2])
async def worker():
    for _ in range(STEPS):
        await asyncio.sleep(0)
async def main():
    await asyncio.gather(*(worker() for _ in range(TASKS)))
t = time.perf_counter()
c = time.process_time()
asyncio.run(main())
print("WALL", time.perf_counter() - t, time.process_time() - c)
"""


def drain_socket(srv):
    conn, _ = srv.accept()
    total = 0
    while True:
        b = conn.recv(1 << 20)
        if not b:
            break
        total += len(b)
    conn.close()
    srv.close()


def run(script_args, env_extra, tmp):
    env = dict(os.environ)
    env.pop("COROSCOPE_RECORD", None)
    env["PYTHONPATH"] = RECORDER
    env.update(env_extra)
    t = time.perf_counter()
    out = subprocess.run([PY] + script_args, env=env, capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit("bench program failed: %s" % out.stderr[-2000:])
    # The program's own figure when it prints one (WALL for the sleep program, "Time:" for the
    # examples): the interpreter's start-up is measured apart (see main).
    # WALL also gives the process's CPU time (all its threads: the recorder's writer included),
    # steadier than the wall on a loaded machine.
    for ln in reversed(out.stdout.splitlines()):
        f = ln.split()
        if ln.startswith("WALL "):
            return float(f[1]), float(f[2])
        if ln.startswith("Time: "):
            return float(f[1]), None
    return wall, None


def measure(name, script_args, modes, tmp):
    walls = {m: [] for m in modes}
    cpus = {m: [] for m in modes}
    for i in range(REPEAT):
        for m in modes:  # interleaved, so that the machine's load hits every mode alike
            extra = {}
            th = None
            if m == "file":
                extra["COROSCOPE_RECORD"] = "file:" + os.path.join(tmp, "r.csrec")
            elif m == "socket":
                path = os.path.join(tmp, "s.sock")
                if os.path.exists(path):
                    os.unlink(path)
                srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                srv.bind(path)
                srv.listen(1)
                th = threading.Thread(target=drain_socket, args=(srv,), daemon=True)
                th.start()
                extra["COROSCOPE_RECORD"] = "unix:" + path
            wall, cpu = run(script_args, extra, tmp)
            walls[m].append(wall)
            if cpu is not None:
                cpus[m].append(cpu)
            if th:
                th.join(30)
    base = statistics.median(walls["off"])
    print("%s (median of %d):" % (name, REPEAT))
    for m in modes:
        med = statistics.median(walls[m])
        line = "  %-8s wall %8.3f s  (min %.3f max %.3f)  ratio %.2f" % (
            m, med, min(walls[m]), max(walls[m]), med / base)
        if cpus[m]:
            cpu = statistics.median(cpus[m])
            line += "   cpu %.3f s  ratio %.2f" % (cpu, cpu / statistics.median(cpus["off"]))
        print(line)
    return {m: statistics.median(walls[m]) / base for m in modes}


def load():
    try:
        return os.getloadavg()[0]
    except OSError:
        return float("nan")


def main():
    # The machine's load decides the walls (other processes share the cores): said with them.
    print("load average at start: %.2f" % load())
    with tempfile.TemporaryDirectory() as tmp:
        prog = os.path.join(tmp, "sleep0.py")
        with open(prog, "w") as f:
            f.write(SLEEP0)
        startup = measure("interpreter start-up and exit (python3 -c pass)", ["-c", "pass"],
                          ["off", "file", "socket"], tmp)
        print("  (no asyncio: the recorder's own start, its threads, its end)")
        r1 = measure("10,000 tasks x 20 await asyncio.sleep(0)", [prog, "10000", "20"],
                     ["off", "file", "socket"], tmp)
        ratios = {"sleep0 file": r1["file"], "sleep0 socket": r1["socket"]}
        print("  load average now: %.2f" % load())
        del startup
        try:
            import pyrec_server
        except ImportError:
            pyrec_server = None
        if pyrec_server is not None:
            with pyrec_server.Server() as srv:
                os.environ["COROSCOPE_SERVER"] = srv.url
                ex = os.path.join(ROOT, "examples", "python", "07_aiohttp.py")
                r2 = measure("examples/python/07_aiohttp.py (10 x /delay/1, its own Time:)", [ex],
                             ["off", "file", "socket"], tmp)
                ratios["aiohttp file"] = r2["file"]
                ratios["aiohttp socket"] = r2["socket"]
        print("load average at end: %.2f" % load())
        print("targets (wall ratios of the medians): sleep(0) <= 1.5, aiohttp <= 1.05")
        for k, v in ratios.items():
            target = 1.5 if k.startswith("sleep0") else 1.05
            print("  %-16s %.2f  %s" % (k, v, "ok" if v <= target else "OVER"))


if __name__ == "__main__":
    main()
