"""Where a task is, in the program's own code, and what it awaits: cheap, cached per code object.

A code object is the program's own when its file is not under the standard library or the
installed packages (site-packages, dist-packages) and not the recorder itself.
"""

import dis
import os
import sys
import sysconfig
import types

_CoroutineType = types.CoroutineType
_GeneratorType = types.GeneratorType


def _library_prefixes():
    prefixes = set()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        try:
            p = sysconfig.get_paths().get(key)
        except Exception:
            p = None
        if p:
            prefixes.add(os.path.realpath(p) + os.sep)
            prefixes.add(p + os.sep)
    for p in sys.path:
        if p and ("site-packages" in p or "dist-packages" in p):
            prefixes.add(p.rstrip(os.sep) + os.sep)
    prefixes.add(os.path.dirname(os.path.abspath(__file__)) + os.sep)
    return tuple(sorted(prefixes))


LIBRARY_PREFIXES = _library_prefixes()

# code object -> (is the program's own code, label when it is a library coroutine, leaf,
#                 the leaf label's string id)
_code_info = {}
code_info_cache = _code_info
_label_sid = lambda label: 0  # noqa: E731  set by the recorder (Writer.sid)


def set_string_ids(sid):
    global _label_sid
    _label_sid = sid

# Library coroutines that never run the program's code below them: the walk down the await
# chain stops there (the chain below, e.g. asyncio.sleep's __sleep0, adds nothing).
LEAVES = frozenset({
    "asyncio.sleep", "asyncio.Queue.get", "asyncio.Queue.put", "asyncio.Event.wait",
    "asyncio.Lock.acquire", "asyncio.Condition.wait", "asyncio.Semaphore.acquire",
    "asyncio.StreamReader.read", "asyncio.StreamReader.readline", "asyncio.StreamReader.readexactly",
    "asyncio.StreamReader.readuntil", "asyncio.StreamWriter.drain", "asyncio.open_connection",
    "asyncio.BaseEventLoop.sock_recv", "asyncio.BaseEventLoop.sock_sendall",
})


def _module_label(code, module):
    qual = code.co_qualname
    if module.startswith("asyncio"):
        return "asyncio." + qual
    top = module.split(".", 1)[0]
    if top == "requests" and module.endswith(".api"):
        return "requests." + qual
    return module + "." + qual


def code_info(code, module_hint=None):
    # Keyed on id(code): hashing a code object hashes its bytecode and constants every time.
    info = _code_info.get(id(code))
    if info is None or info[4] is not code:
        fn = code.co_filename
        own = not (fn.startswith(LIBRARY_PREFIXES) or fn.startswith("<frozen"))
        if fn.startswith("<") and not fn.startswith("<stdin") and not fn.startswith("<string"):
            own = False
        label = None
        if not own:
            module = module_hint or _module_of(fn)
            label = _module_label(code, module)
        info = (own, label, label in LEAVES, _label_sid(label) if label in LEAVES else 0, code)
        _code_info[id(code)] = info
    return info


def _module_of(filename):
    # /usr/lib/python3.11/asyncio/tasks.py -> asyncio.tasks
    for p in LIBRARY_PREFIXES:
        if filename.startswith(p):
            rel = filename[len(p):]
            if rel.endswith(".py"):
                rel = rel[:-3]
            if rel.endswith("/__init__"):
                rel = rel[: -len("/__init__")]
            return rel.replace(os.sep, ".")
    return os.path.splitext(os.path.basename(filename))[0]


def await_chain(coro):
    """Follows cr_await down from a suspended coroutine. Returns (user_frame or None,
    library label or None, the library frame the label names): the innermost frame of the program's own code and the first library
    coroutine it awaits (asyncio.sleep, asyncio.wait, aiohttp.client.ClientSession._request...)."""
    user = None
    label = None
    libframe = None
    c = coro
    ci = _code_info
    while c is not None:
        tc = type(c)
        if tc is _CoroutineType:
            f = c.cr_frame
            nxt = c.cr_await
        elif tc is _GeneratorType:
            f = c.gi_frame
            nxt = c.gi_yieldfrom
        else:
            break
        if f is None:
            break
        code = f.f_code
        info = ci.get(id(code))
        if info is None or info[4] is not code:
            info = code_info(code)
        if info[0]:
            user = f
            label = None
        elif label is None:
            label = info[1]
            libframe = f
            if info[2]:
                break
        c = nxt
    return user, label, libframe


def creation_site(frame):
    """The program's own frame nearest to where a task was created (skips asyncio's frames)."""
    f = frame
    ci = _code_info
    while f is not None:
        code = f.f_code
        info = ci.get(id(code))
        if info is None or info[4] is not code:
            info = code_info(code)
        if info[0]:
            return f.f_code.co_filename, f.f_lineno
        f = f.f_back
    return None, 0


# -- naming a blocking call from a sampled stack --------------------------------------------
_call_targets = {}
_LOADS = {"LOAD_GLOBAL", "LOAD_NAME", "LOAD_FAST", "LOAD_DEREF", "LOAD_CLASSDEREF"}
_ATTRS = {"LOAD_ATTR", "LOAD_METHOD"}


def _called_name(code, lasti):
    """The callee of the call being made at offset lasti, from the bytecode ('time.sleep')."""
    key = (code, lasti)
    if key in _call_targets:
        return _call_targets[key]
    name = None
    try:
        instrs = list(dis.get_instructions(code))
        start = 0
        for i, ins in enumerate(instrs):
            if ins.offset > lasti:
                break
            if ins.starts_line is not None:
                start = i
        stack = []
        i = start
        n = len(instrs)
        while i < n and instrs[i].offset < lasti:
            ins = instrs[i]
            op = ins.opname
            if op in _LOADS:
                chain = [str(ins.argval)]
                null = op == "LOAD_GLOBAL" and ins.argrepr.startswith("NULL + ")
                null = null or (i > 0 and instrs[i - 1].opname == "PUSH_NULL")
                j = i + 1
                method = False
                while j < n and instrs[j].opname in _ATTRS and instrs[j].offset < lasti:
                    chain.append(str(instrs[j].argval))
                    method = instrs[j].opname == "LOAD_METHOD"
                    j += 1
                if null or method:
                    stack.append(".".join(chain))
                i = j
                continue
            if op == "CALL" and stack:
                stack.pop()
            i += 1
        if stack:
            name = stack[-1]
    except Exception:
        name = None
    _call_targets[key] = name
    return name


def blocking_call(frame):
    """For a frame sampled from the loop's thread: (func, file, line) of what holds the loop.
    func is the outermost library function the program's own code called (requests.get,
    urllib.request.urlopen) or, when the program's own frame is innermost, the C function it is
    calling (time.sleep, read from the bytecode) or its own function's name (a CPU loop)."""
    frames = []
    f = frame
    while f is not None:
        frames.append(f)
        f = f.f_back
    # frames[0] is the innermost
    for idx, f in enumerate(frames):
        code = f.f_code
        own = code_info(code)[0]
        if own:
            if idx == 0:
                name = None
                if code.co_code[f.f_lasti : f.f_lasti + 1] is not None:
                    name = _called_name(code, f.f_lasti)
                return name or code.co_qualname, code.co_filename, f.f_lineno
            callee = frames[idx - 1]
            ccode = callee.f_code
            module = callee.f_globals.get("__name__", "") if callee.f_globals else ""
            return _module_label(ccode, module), code.co_filename, f.f_lineno
    if frames:
        f = frames[0]
        return f.f_code.co_qualname, f.f_code.co_filename, f.f_lineno
    return None, None, 0
