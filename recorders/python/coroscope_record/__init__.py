"""Coroscope's recorder for Python asyncio programs (recorders/FORMAT.md, csrec 1.0).

    python3 -m coroscope_record -o run.csrec prog.py ARGS     record into a file
    COROSCOPE_RECORD=unix:/path or file:/path python3 ...       what sitecustomize.py reads

Standard library only, CPython 3.11 and later. What it records: every task of every loop made
by asyncio's default policy (asyncio.run, new_event_loop, get_event_loop), in every thread.
"""

import atexit
import os
import signal
import sys
import threading
import time

__all__ = ["start", "stop", "VERSION"]

from ._writer import VERSION  # noqa: E402

_active = None
_recorder = None


def _open_sink(target):
    from . import _writer as w

    if target.startswith("unix:"):
        return w.SocketSink(target[5:])
    if target.startswith("file:"):
        return w.FileSink(target[5:])
    return w.FileSink(target)


def start(target):
    """Starts recording into target (unix:/path, file:/path or a file path). Returns True when
    recording; on failure says so in one stderr line and returns False (the program runs on)."""
    global _active, _recorder
    if _active is not None:
        return True
    where = target.split(":", 1)[1] if target.startswith(("unix:", "file:")) else target
    epoch_ms = int(time.time() * 1000)
    clock_zero = time.perf_counter_ns()
    try:
        sink = _open_sink(target)
    except Exception as e:
        sys.stderr.write(
            "coroscope-record: cannot reach Coroscope at %s: %s; the program runs unrecorded\n"
            % (where, e.strerror if isinstance(e, OSError) and e.strerror else e))
        return False
    from . import _writer as w

    _active = w.Writer(sink, clock_zero, epoch_ms)
    _active.start()
    # The hooks need asyncio; a program that never imports it does not pay for its import.
    if "asyncio" in sys.modules:
        _install_hooks()
    else:
        after_import("asyncio", lambda module: _install_hooks())
    atexit.register(_at_exit)
    _hook_exit()
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_after_fork_child)
    return True


def _install_hooks():
    global _recorder
    if _recorder is not None or _active is None:
        return
    from . import _core

    _recorder = _core.install(_active)
    for how, status in _early_exit:
        set_exit(how, status)


class _AfterImport:
    """A meta path finder that runs a callback once a module's import finished (the import
    protocol needs only find_spec; importlib.abc's base class costs 40 ms to import)."""

    def __init__(self, name, callback):
        self.name = name
        self.callback = callback

    def find_spec(self, fullname, path, target=None):
        if fullname != self.name:
            return None
        import importlib.machinery

        try:
            sys.meta_path.remove(self)
        except ValueError:
            pass
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            return spec
        loader = spec.loader
        exec_module = loader.exec_module
        callback = self.callback

        def exec_and_call(module):
            exec_module(module)
            try:
                callback(module)
            except Exception as e:  # never break the program's import
                sys.stderr.write("coroscope-record: %s not recorded: %r\n" % (fullname, e))

        loader.exec_module = exec_and_call
        return spec


def after_import(name, callback):
    sys.meta_path.insert(0, _AfterImport(name, callback))


_early_exit = []


def stop(how="exit", status=0):
    """Writes the end (Z, E) and closes the stream. Idempotent."""
    global _active
    w = _active
    if w is None:
        return
    _active = None
    try:
        w.close(how, status)
    except Exception:
        pass


def _at_exit():
    rec = _recorder
    how, status = "exit", 0
    if rec is not None:
        how = rec.exit_how
        status = rec.exit_status if rec.exit_status is not None else 0
    elif _early_exit:
        how, status = _early_exit[-1]
    stop(how, status)


def set_exit(how, status):
    if _recorder is not None:
        _recorder.exit_how = how
        _recorder.exit_status = status
    else:
        _early_exit[:] = [(how, status)]


_orig_sys_exit = sys.exit


def _hook_exit():
    """The exit status the program asks for: sys.exit's code, 1 for an uncaught exception,
    SIGINT (2) for an uncaught KeyboardInterrupt (Python then dies of SIGINT itself)."""

    def exit_(code=0):
        set_exit("exit", _status_of(code))
        _orig_sys_exit(code)

    sys.exit = exit_
    prev_hook = sys.excepthook

    def excepthook(tp, value, tb):
        if issubclass(tp, KeyboardInterrupt):
            set_exit("signal", int(signal.SIGINT))
        elif issubclass(tp, SystemExit):
            set_exit("exit", _status_of(value.code))
        else:
            set_exit("exit", 1)
        prev_hook(tp, value, tb)

    sys.excepthook = excepthook
    # SIGTERM's default action kills the process without atexit: write E first, then die of it.
    if threading.current_thread() is threading.main_thread():
        try:
            if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
                signal.signal(signal.SIGTERM, _on_sigterm)
        except (ValueError, OSError):
            pass


def _on_sigterm(signum, frame):
    stop("signal", signum)
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


def _status_of(code):
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    return 1


def _after_fork_child():
    """A forked child must not write into its parent's stream: it is not recorded (a child that
    execs a new Python opens its own stream through COROSCOPE_RECORD)."""
    global _active, _recorder
    from . import _core

    _core.disable()
    w = _active
    _active = None
    _recorder = None
    if w is not None:
        w._closed = True  # the parent's socket or file stays the parent's
