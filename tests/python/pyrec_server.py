"""A loopback HTTP server for the recorder's tests: /delay/N answers after N seconds (as the
embedded server's httpbin-compatible /delay does), on 127.0.0.1 and a free port, in a thread of
the test process (the recorded programs are other processes)."""

import asyncio
import json
import threading

from aiohttp import web


class Server:
    def __init__(self):
        self.url = None
        self._loop = None
        self._thread = None
        self._runner = None
        self._ready = threading.Event()

    async def _delay(self, request):
        n = float(request.match_info["n"])
        await asyncio.sleep(min(n, 10))
        body = json.dumps({"url": str(request.url), "delay": n})
        return web.Response(text=body, content_type="application/json")

    async def _start(self):
        app = web.Application()
        app.router.add_get("/delay/{n}", self._delay)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = "http://127.0.0.1:%d" % port

    def _run(self):
        self._loop = asyncio.new_event_loop()
        self._loop.run_until_complete(self._start())
        self._ready.set()
        self._loop.run_forever()
        self._loop.run_until_complete(self._runner.cleanup())
        self._loop.close()

    def __enter__(self):
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        if not self._ready.wait(30):
            raise RuntimeError("the test server did not start")
        return self

    def __exit__(self, *exc):
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(30)
