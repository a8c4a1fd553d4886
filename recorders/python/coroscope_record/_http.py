"""aiohttp requests as P/U records, from aiohttp's own tracing hooks (TraceConfig).

Every ClientSession gets one more trace config (ours) when it is made; aiohttp is patched when
the program imports it, so a program that never uses aiohttp pays nothing.
"""

import asyncio
import importlib.abc
import importlib.machinery
import sys
import time

_perf_ns = time.perf_counter_ns
_rec = None


def _task_csid():
    try:
        t = asyncio.current_task()
    except RuntimeError:
        return 0
    return _rec.task_id(t) if t is not None else 0


def _moment(ctx, moment):
    req = getattr(ctx, "cs_req", 0)
    if req:
        _rec.append("P\t%d\t%d\t%d\t%s\n" % (_perf_ns() - _rec.z, ctx.cs_task, req, moment))


async def _on_request_start(session, ctx, params):
    rec = _rec
    if rec is None:
        return
    req = rec.next_req()
    ctx.cs_req = req
    ctx.cs_task = _task_csid()
    ctx.cs_method = str(params.method)
    ctx.cs_url = str(params.url)
    ctx.cs_bytes = 0
    ctx.cs_done = False
    path = params.url.raw_path_qs if hasattr(params.url, "raw_path_qs") else str(params.url)
    if ctx.cs_task:
        rec.http_label[ctx.cs_task] = "aiohttp %s %s" % (ctx.cs_method, path)
    _moment(ctx, "queued")


async def _on_connection_create_start(session, ctx, params):
    _moment(ctx, "socket connecting")


async def _on_request_headers_sent(session, ctx, params):
    _moment(ctx, "request sent")


async def _on_response_chunk_received(session, ctx, params):
    if getattr(ctx, "cs_req", 0):
        ctx.cs_bytes += len(params.chunk)


def _finish(ctx, status, nbytes):
    if not getattr(ctx, "cs_req", 0) or ctx.cs_done:
        return
    ctx.cs_done = True
    _moment(ctx, "reply finished")
    rec = _rec
    rec.append("U\t%d\t%d\t%d\t%d\t%d\t%d\t%d\n" % (
        rec.now(), ctx.cs_task, ctx.cs_req, rec.sid(ctx.cs_method), rec.sid(ctx.cs_url), status,
        nbytes))
    if _rec.http_label.get(ctx.cs_task, "").startswith("aiohttp "):
        _rec.http_label.pop(ctx.cs_task, None)


async def _on_request_end(session, ctx, params):
    if not getattr(ctx, "cs_req", 0):
        return
    _moment(ctx, "response headers")
    resp = params.response
    # The body is read later: the response's end-of-payload finishes the request (see below).
    try:
        resp._cs_ctx = ctx
    except Exception:
        _finish(ctx, resp.status, -1)


async def _on_request_exception(session, ctx, params):
    _finish(ctx, 0, -1)


def _patch(aiohttp):
    if getattr(aiohttp, "_coroscope_patched", False):
        return
    aiohttp._coroscope_patched = True
    cfg = aiohttp.TraceConfig()
    cfg.on_request_start.append(_on_request_start)
    cfg.on_connection_create_start.append(_on_connection_create_start)
    if hasattr(cfg, "on_request_headers_sent"):
        cfg.on_request_headers_sent.append(_on_request_headers_sent)
    cfg.on_response_chunk_received.append(_on_response_chunk_received)
    cfg.on_request_end.append(_on_request_end)
    cfg.on_request_exception.append(_on_request_exception)
    cfg.freeze()

    session_init = aiohttp.ClientSession.__init__

    def __init__(self, *args, trace_configs=None, **kwargs):
        configs = list(trace_configs or [])
        configs.append(cfg)
        session_init(self, *args, trace_configs=configs, **kwargs)

    aiohttp.ClientSession.__init__ = __init__

    from aiohttp import client_reqrep

    resp_cls = client_reqrep.ClientResponse
    # ClientResponse has no __dict__ restriction in 3.8: _cs_ctx is an instance attribute.
    eof = resp_cls._response_eof

    def _response_eof(self):
        ctx = self.__dict__.pop("_cs_ctx", None) if hasattr(self, "__dict__") else None
        if ctx is not None:
            _finish(ctx, self.status, ctx.cs_bytes)
        return eof(self)

    resp_cls._response_eof = _response_eof

    release = resp_cls.release

    def _release(self):
        ctx = self.__dict__.pop("_cs_ctx", None) if hasattr(self, "__dict__") else None
        if ctx is not None:
            _finish(ctx, self.status, ctx.cs_bytes)
        return release(self)

    resp_cls.release = _release


class _Finder(importlib.abc.MetaPathFinder):
    """Patches aiohttp right after the program imports it."""

    def find_spec(self, fullname, path, target=None):
        if fullname != "aiohttp":
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        exec_module = loader.exec_module

        def exec_and_patch(module):
            exec_module(module)
            try:
                _patch(module)
            except Exception as e:  # aiohttp changed: record without HTTP phases
                sys.stderr.write("coroscope-record: aiohttp requests not recorded: %r\n" % (e,))

        loader.exec_module = exec_and_patch
        return spec


def install(rec):
    global _rec
    _rec = rec
    if "aiohttp" in sys.modules:
        _patch(sys.modules["aiohttp"])
    else:
        sys.meta_path.insert(0, _Finder())
