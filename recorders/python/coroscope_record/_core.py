"""The hooks: every asyncio task of every event loop the policy makes, as csrec records.

Hot path (one task step): Handle._run is replaced; a task's step runs Handle._run's body inline,
between two clock reads, and appends two short text lines to the writer's deque: R (the task's
id and lane preformatted in its entry) and A or D. The A line's end (label, site, awaited task)
comes from the task's own memo of its last suspension, else from a cache keyed by where the
coroutine is suspended; only a miss walks the await chain. The name is compared by identity,
so that a set_name() shows as N. Strings, sending and counting happen on the writer thread
(_writer.py). Measured alternatives that cost more in total (both threads share the GIL):
tuples formatted by the writer (``"".join(fmts) % args``), ints packed with struct in the
writer (struct's per-int conversion), tuples kept in the queue (the cyclic GC counts them).
"""

import asyncio
import asyncio.events
import asyncio.tasks
import itertools
import selectors
import sys
import threading
import time
import types
import warnings

from . import _http, _sites

# A task's entry in Recorder.tasks (a list, indexed on the hot path): its id, lane, whether a
# callback (gather, wait) wakes it, the middle of its R lines ("\t<task>\t<lane>\t"), of its A
# lines ("\t<task>"), its name as last recorded; where it was suspended last (its coroutine's
# f_lasti, the awaited library leaf's code, that A line after its time) when cacheable.
CSID, LANE, WOKEN_BY_CB, R_MID, A_MID, NAME, LASTI, LEAF, SUFFIX = range(9)

HOLD_NS = 50_000_000  # a step this long is reported as holding the loop (H)
WATCHDOG_INTERVAL_S = 0.01

_perf_ns = time.perf_counter_ns
_Handle = asyncio.events.Handle
_orig_handle_run = _Handle._run
_TaskType = asyncio.Task
_current_tasks = asyncio.tasks._current_tasks
_GatheringFuture = getattr(asyncio.tasks, "_GatheringFuture", None)


def _step_types():
    """The callables a loop runs for a task's step: the C TaskStepMethWrapper and the bound
    builtin `task_wakeup` (Python 3.11); the pure-Python Task's bound methods otherwise."""
    types_ = set()

    async def nothing():
        return None

    probe_loop = asyncio.SelectorEventLoop()
    try:
        # Named, so that asyncio's Task-N counter (the program's task names) does not move.
        t = probe_loop.create_task(nothing(), name="coroscope-probe")
        for h in list(probe_loop._ready):
            types_.add(type(h._callback))
        types_.add(type(t.cancel))  # bound builtin (wakeup) / bound method (pure Python Task)
        probe_loop.run_until_complete(t)
    finally:
        probe_loop.close()
    return tuple(types_)


# asyncio.run's own tasks at its end: not the program's.
_HIDDEN = frozenset({"BaseEventLoop.shutdown_asyncgens", "BaseEventLoop.shutdown_default_executor"})


class Lane:
    __slots__ = ("id", "name", "t0", "task", "tid", "sample")

    def __init__(self, lane_id, name):
        self.id = lane_id
        self.name = name
        self.t0 = 0  # perf_counter_ns at the start of the running step, 0 when idle
        self.task = 0
        self.tid = threading.get_ident()
        self.sample = None  # (t0, func, file, line) sampled by the watchdog for this step


class Recorder:
    def __init__(self, writer):
        self.writer = writer
        self.append = writer.append
        self.sid = writer.sid
        self.z = writer.t0
        self.tasks = {}  # id(task) -> [csid, lane, woken-by-a-callback, R mid, A mid, name]
        self.recent = {}  # id(task) -> csid of tasks that ended (their done-callbacks follow)
        self.recent_old = {}
        self.sites = {}  # (code, line) -> sid of "file:line"
        self.next_task = itertools.count(1).__next__
        self.next_lane = itertools.count(1).__next__
        self.next_req = itertools.count(1).__next__
        self.lanes = []
        self.lanes_lock = threading.Lock()
        self.http_label = {}  # csid -> "aiohttp GET /delay/1" while its request is open
        self.last_done_task = 0
        self.exit_status = None
        self.exit_how = "exit"
        self.enabled = True
        self.said_eager = False
        self.step_types = frozenset(_step_types())
        _sites.set_string_ids(self.sid)

    def site(self, filename, line):
        if not filename:
            return 0
        key = (filename, line)
        sid = self.sites.get(key)
        if sid is None:
            sid = self.sid("%s:%d" % key)
            self.sites[key] = sid
        return sid

    def now(self):
        return _perf_ns() - self.z

    # -- lanes --------------------------------------------------------------------------------
    def new_lane(self):
        with self.lanes_lock:
            lid = self.next_lane()
            base = threading.current_thread().name + " loop"
            same = sum(1 for ln in self.lanes if ln.name == base or ln.name.startswith(base + " "))
            name = base if same == 0 else "%s %d" % (base, same + 1)
            lane = Lane(lid, name)
            self.lanes.append(lane)
        self.append("L\t%d\t%d\n" % (lid, self.sid(name)))
        return lane

    def task_id(self, obj):
        key = id(obj)
        info = self.tasks.get(key)
        if info is not None:
            return info[0]
        return self.recent.get(key) or self.recent_old.get(key, 0)

    # -- creation -----------------------------------------------------------------------------
    def task_created(self, loop, task, coro, frame):
        """coro: the one given to create_task (not task.get_coro(): an eager task that ended
        at once has none, and Python 3.12.1's get_coro() then crashes)."""
        lane = loop._cs_lane
        qual = getattr(coro, "__qualname__", None) or type(coro).__name__
        if qual in _HIDDEN:
            return 0
        csid = self.next_task()
        parent_task = _current_tasks.get(loop)
        parent = 0
        if parent_task is not None:
            pinfo = self.tasks.get(id(parent_task))
            if pinfo is not None:
                parent = pinfo[0]
        fn, line = _sites.creation_site(frame)
        sid = self.sid
        name = task.get_name()
        self.tasks[id(task)] = [csid, lane, False, "\t%d\t%d\t" % (csid, lane.id), "\t%d" % csid,
                                name, -1, None, None]
        self.append("T\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n" % (
            _perf_ns() - self.z, csid, lane.id, parent, sid(name), sid(qual), self.site(fn, line)))
        if task.done() or getattr(coro, "cr_suspended", False):
            # It ran already: an eager task (Python 3.12's eager_task_factory) ran its first
            # step inside create_task, inside its creator's step.
            self.eager(task, csid)
        return csid

    def eager(self, task, csid):
        if not self.said_eager:
            self.said_eager = True
            sys.stderr.write(
                "coroscope-record: eager tasks (eager_task_factory) are recorded from their "
                "first suspension; their first step shows as part of the task that created "
                "them\n")
        if task.done():
            self.task_ended(task, self.tasks.get(id(task)), _perf_ns() - self.z)

    def renamed(self, info, name, t):
        """The program renamed the task (set_name): N."""
        info[NAME] = name
        self.append("N\t%d\t%d\t%d\n" % (t, info[CSID], self.sid(name)))

    # -- the end of a step --------------------------------------------------------------------
    def task_ended(self, task, info, t):
        key = id(task)
        self.tasks.pop(key, None)
        csid = info[CSID]
        name = task.get_name()
        if name is not info[NAME]:
            self.renamed(info, name, t)
        recent = self.recent
        recent[key] = csid
        if len(recent) > 20000:
            self.recent_old = recent
            self.recent = {}
        fn = None
        line = 0
        if task.cancelled():
            result, err = "cancelled", 0
        else:
            exc = task._exception
            if exc is None:
                result, err = "ok", 0
            else:
                result = "error"
                err = self.sid("%s: %s" % (type(exc).__name__, exc))
                tb = exc.__traceback__
                while tb is not None:
                    code = tb.tb_frame.f_code
                    if _sites.code_info(code)[0]:
                        fn, line = code.co_filename, tb.tb_lineno
                    tb = tb.tb_next
        self.append("D\t%d\t%d\t%s\t%d\t%d\n" % (t, csid, result, err, self.site(fn, line)))
        if self.http_label:
            self.http_label.pop(csid, None)

    def held(self, lane, task, t0, t1):
        s = lane.sample
        func = fn = None
        line = 0
        if s is not None and s[0] == t0:
            _, func, fn, line = s
        self.append("H\t%d\t%d\t%d\t%d\t%d\t%d\n" % (
            t1 - self.z, lane.id, task, t1 - t0, self.sid(func), self.site(fn, line)))

    # -- the watchdog ---------------------------------------------------------------------------
    def watchdog(self):
        while True:
            time.sleep(WATCHDOG_INTERVAL_S)
            if not self.enabled:
                return
            now = _perf_ns()
            for lane in list(self.lanes):
                t0 = lane.t0
                if t0 and now - t0 >= HOLD_NS and (lane.sample is None or lane.sample[0] != t0):
                    frame = sys._current_frames().get(lane.tid)
                    if frame is None or lane.t0 != t0:
                        continue
                    try:
                        func, fn, line = _sites.blocking_call(frame)
                    except Exception:
                        func, fn, line = None, None, 0
                    del frame
                    lane.sample = (t0, func, fn, line)


_rec = None  # the one Recorder of this process, set by install()


def _make_handle_run(rec):
    """The replacement of asyncio.events.Handle._run (the one place every loop calls a
    callback), with everything it needs bound in its closure: this is the hot path. A task's
    step runs the original's body inline (one Python frame less per step)."""
    tasks_get = rec.tasks.get
    tasks = rec.tasks
    append = rec.append
    z = rec.z
    step_types = rec.step_types
    task_id = rec.task_id
    task_ended = rec.task_ended
    renamed = rec.renamed
    sid = rec.sid
    fast = {}  # (id(code), f_lasti, id(awaited library code)) -> the end of the A line
    fast_get = fast.get
    coro_type = types.CoroutineType
    site_of = rec.site
    await_chain = _sites.await_chain
    http_label = rec.http_label
    orig = _orig_handle_run
    perf = _perf_ns
    gathering = _GatheringFuture
    Future = asyncio.Future
    _id = id
    _type = type

    def describe(task, info):
        """The general case of a suspension: walk the await chain, label the awaited thing."""
        fw = task._fut_waiter
        user, label, libframe = await_chain(task.get_coro())
        awaited = 0
        # Only a library leaf's label depends on nothing but where the task is suspended.
        cacheable = label is not None and label in _sites.LEAVES
        if fw is not None:
            finfo = tasks.get(id(fw))
            if finfo is not None:
                awaited = finfo[CSID]
                if label is None:
                    label = fw.get_name()
            elif label is None:
                if type(fw) is gathering:
                    label = "gather of %d" % len(fw._children)
                else:
                    label = "future"
        if label is None:
            label = "yield"
        elif label.startswith("aiohttp."):
            label = http_label.get(info[CSID], label)
        elif label == "asyncio.wait" and libframe is not None:
            try:
                label = "asyncio.wait of %d" % len(libframe.f_locals["fs"])
            except Exception:
                pass
        # gather and asyncio.wait are woken by a callback, not by a task: the task whose
        # completion ran that callback last is the waker (see below)
        info[WOKEN_BY_CB] = label.startswith("gather of") or label.startswith("asyncio.wait")
        return sid(label), user, awaited, cacheable

    def _run(self):
        cb = self._callback
        if _type(cb) in step_types:
            task = cb.__self__
            info = tasks_get(_id(task))
            if info is not None:
                waker = 0
                args = self._args
                if args:
                    fut = args[0]
                    if fut is not task:
                        waker = task_id(fut)
                        if not waker and info[WOKEN_BY_CB]:
                            waker = rec.last_done_task
                lane = info[LANE]
                t0 = perf()
                if waker:
                    append(f"R\t{t0 - z}{info[R_MID]}{waker}\n")
                else:
                    append(f"R\t{t0 - z}{info[R_MID]}0\n")
                lane.t0 = t0
                # Handle._run's body (asyncio/events.py), inline.
                try:
                    self._context.run(cb, *args)
                except (SystemExit, KeyboardInterrupt):
                    lane.t0 = 0
                    raise
                except BaseException as exc:
                    _report(self, cb, args, exc)
                lane.t0 = 0
                t1 = perf()
                if t1 - t0 >= HOLD_NS:
                    rec.held(lane, info[CSID], t0, t1)
                coro = task.get_coro()
                if _type(coro) is coro_type:
                    # A coroutine has a frame until it returns, and its task is done then.
                    fr = coro.cr_frame
                    if fr is None:
                        task_ended(task, info, t1 - z)
                        return
                    a = coro.cr_await
                elif task.done():
                    task_ended(task, info, t1 - z)
                    return
                else:
                    fr = a = None
                # A rename (task.set_name) shows at the task's next suspension: N.
                name = task.get_name()
                if name is not info[NAME]:
                    renamed(info, name, t1 - z)
                # Suspended: what it awaits, and where.
                if _type(a) is coro_type:
                    # Fast paths: the task's coroutine suspended at the same place, awaiting
                    # the same library leaf (asyncio.sleep, Queue.get...) as last time (the
                    # task's own memo), or as any task of the same code did (a cache keyed by
                    # ids: a code object's hash is not cached); the end of the A line is kept.
                    lasti = fr.f_lasti
                    leaf = a.cr_code
                    if lasti == info[LASTI] and leaf is info[LEAF]:
                        info[WOKEN_BY_CB] = False
                        append(f"A\t{t1 - z}{info[SUFFIX]}")
                        return
                    key = (_id(fr.f_code), lasti, _id(leaf))
                    suffix = fast_get(key)
                    if suffix is not None:
                        info[WOKEN_BY_CB] = False
                        info[LASTI] = lasti
                        info[LEAF] = leaf
                        info[SUFFIX] = info[A_MID] + suffix
                        append(f"A\t{t1 - z}{info[A_MID]}{suffix}")
                        return
                else:
                    key = None
                lsid, user, awaited, cacheable = describe(task, info)
                if user is not None:
                    ssid = site_of(user.f_code.co_filename, user.f_lineno)
                else:
                    ssid = 0
                suffix = "\t%d\t%d\t%d\n" % (lsid, ssid, awaited)
                if key is not None and cacheable and user is fr:
                    fast[key] = suffix
                append(f"A\t{t1 - z}{info[A_MID]}{suffix}")
                return
        # Not a task step: a done-callback, a timer, an I/O callback.
        lane = getattr(self._loop, "_cs_lane", None)
        if lane is None:
            return orig(self)
        t0 = perf()
        lane.t0 = t0
        try:
            orig(self)
        finally:
            lane.t0 = 0
        t1 = perf()
        if t1 - t0 >= HOLD_NS:
            rec.held(lane, 0, t0, t1)
        args = self._args
        if args and isinstance(args[0], Future):
            done = task_id(args[0])
            if done:
                module = getattr(cb, "__module__", None) or ""
                if module.startswith("asyncio"):
                    # gather's and wait's own callbacks: remember which task completed them, the
                    # waker of the task that awaited the gather/wait
                    rec.last_done_task = done
                else:
                    name = getattr(cb, "__qualname__", None) or type(cb).__name__
                    append(f"C\t{t0 - z}\t{done}\t{sid(name)}\t{lane.id}\t{t1 - t0}\n")

    return _run


def _report(handle, cb, args, exc):
    """What Handle._run does with an exception its callback raised (asyncio/events.py)."""
    from asyncio import format_helpers

    context = {
        "message": "Exception in callback %s" % format_helpers._format_callback_source(cb, args),
        "exception": exc,
        "handle": handle,
    }
    if handle._source_traceback:
        context["source_traceback"] = handle._source_traceback
    handle._loop.call_exception_handler(context)


class RecSelector(selectors.DefaultSelector):
    """The loop's selector: a select() that may wait is the loop's idle time (I ... B)."""

    _cs_lane = None

    def select(self, timeout=None):
        lane = self._cs_lane
        if timeout == 0 or lane is None or _rec is None:
            return super().select(timeout)
        append = _rec.append
        z = _rec.z
        append(f"I\t{_perf_ns() - z}\t{lane.id}\n")
        try:
            return super().select(timeout)
        finally:
            append(f"B\t{_perf_ns() - z}\t{lane.id}\n")


class RecordingEventLoop(asyncio.SelectorEventLoop):
    def __init__(self, selector=None):
        if selector is None:
            selector = RecSelector()
        super().__init__(selector)
        self._cs_lane = _rec.new_lane() if _rec is not None else None
        if isinstance(selector, RecSelector):
            selector._cs_lane = self._cs_lane
        _http.maybe_patch()

    def create_task(self, coro, *, name=None, context=None):
        task = super().create_task(coro, name=name, context=context)
        rec = _rec
        if rec is not None and rec.enabled and self._cs_lane is not None:
            rec.task_created(self, task, coro, sys._getframe(1))
        return task

    def run_forever(self):
        if self._cs_lane is not None:
            self._cs_lane.tid = threading.get_ident()
        return super().run_forever()

    def call_exception_handler(self, context):
        rec = _rec
        if rec is not None and rec.enabled:
            try:
                _warn_from_context(rec, context)
            except Exception:
                pass
        return super().call_exception_handler(context)


def _warn_from_context(rec, context):
    message = context.get("message") or ""
    fut = context.get("task") or context.get("future")
    task = rec.task_id(fut) if fut is not None else 0
    exc = context.get("exception")
    if "destroyed but it is pending" in message:
        kind = "destroyed-pending"
        coro = fut.get_coro() if fut is not None and hasattr(fut, "get_coro") else None
        text = message
        fn, line = None, 0
        if coro is not None:
            frame = getattr(coro, "cr_frame", None)
            if frame is not None:
                fn, line = frame.f_code.co_filename, frame.f_lineno
    elif "never retrieved" in message:
        kind = "never-retrieved"
        text = "%s: %s" % (type(exc).__name__, exc) if exc is not None else message
        fn, line = None, 0
        tb = getattr(exc, "__traceback__", None)
        while tb is not None:
            if _sites.code_info(tb.tb_frame.f_code)[0]:
                fn, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
            tb = tb.tb_next
    else:
        kind = "other"
        text = message if exc is None else "%s (%s: %s)" % (message, type(exc).__name__, exc)
        fn, line = None, 0
    rec.append("W\t%d\t%d\t%s\t%d\t%d\n" % (rec.now(), task, kind, rec.sid(text), rec.site(fn, line)))


class RecordingPolicy(asyncio.DefaultEventLoopPolicy):
    _loop_factory = RecordingEventLoop


_orig_showwarning = None


def _showwarning(message, category, filename, lineno, file=None, line=None):
    rec = _rec
    if rec is not None and rec.enabled and issubclass(category, RuntimeWarning) \
            and "was never awaited" in str(message):
        rec.append("W\t%d\t0\tnever-awaited\t%d\t%d\n" % (
            rec.now(), rec.sid(str(message)), rec.site(filename, lineno)))
    return _orig_showwarning(message, category, filename, lineno, file, line)


# Python 3.11's asyncio.create_task names the task after the loop made it (3.12 passes the name).
_orig_set_task_name = getattr(asyncio.tasks, "_set_task_name", None)


def _set_task_name(task, name):
    """asyncio.create_task names the task after the loop made it: N."""
    _orig_set_task_name(task, name)
    rec = _rec
    if name is not None and rec is not None and rec.enabled:
        info = rec.tasks.get(id(task))
        if info is not None:
            rec.renamed(info, task.get_name(), rec.now())
        else:
            # An eager task (Python 3.12) may have ended before create_task named it.
            csid = rec.task_id(task)
            if csid:
                rec.append("N\t%d\t%d\t%d\n" % (rec.now(), csid, rec.sid(task.get_name())))


def install(writer):
    """Installs the policy and the hooks; returns the Recorder."""
    global _rec, _orig_showwarning
    rec = Recorder(writer)
    _rec = rec
    _Handle._run = _make_handle_run(rec)
    if _orig_set_task_name is not None:
        asyncio.tasks._set_task_name = _set_task_name
    asyncio.set_event_loop_policy(RecordingPolicy())
    _orig_showwarning = warnings.showwarning
    warnings.showwarning = _showwarning
    threading.Thread(target=rec.watchdog, name="coroscope-record-watchdog", daemon=True).start()
    _http.install(rec)
    return rec


def disable():
    """Stops recording (a forked child): the hooks become pass-throughs."""
    global _rec
    rec = _rec
    if rec is not None:
        rec.enabled = False
        rec.writer.queue.clear()
    _Handle._run = _orig_handle_run
    if _orig_set_task_name is not None:
        asyncio.tasks._set_task_name = _orig_set_task_name
    _rec = None
    if _orig_showwarning is not None:
        warnings.showwarning = _orig_showwarning
