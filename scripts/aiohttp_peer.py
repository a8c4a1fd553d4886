"""Reference peer for scripts/bench: N concurrent GETs from one aiohttp session, no limit.

Usage: /usr/bin/python3 scripts/aiohttp_peer.py URL N [timeout_ms]
Prints one JSON line: {"client":"aiohttp","tasks":N,"ok":..,"wall_ms":..[,"errors":{..}]}

Sized for 10,000 concurrent requests: the connector has no connection limit (limit=0, and no
per-host limit), each request may take timeout_ms (default 60000, like the bench's coroscope
runs), and the descriptor limit is raised to the hard limit, since every connection needs one.
"""
import asyncio
import json
import resource
import sys
import time

import aiohttp


def raise_file_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            pass


async def fetch(session, url):
    async with session.get(url) as response:
        await response.read()
        return response.status == 200


async def main(url, n, timeout_ms):
    connector = aiohttp.TCPConnector(limit=0, limit_per_host=0)
    timeout = aiohttp.ClientTimeout(total=timeout_ms / 1000)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        start = time.perf_counter()
        results = await asyncio.gather(*(fetch(session, url) for _ in range(n)),
                                       return_exceptions=True)
        wall = (time.perf_counter() - start) * 1000
    ok = sum(1 for r in results if r is True)
    out = {"client": "aiohttp", "tasks": n, "ok": ok, "wall_ms": round(wall, 3)}
    errors = {}
    for r in results:
        if r is not True:
            key = "status" if r is False else type(r).__name__
            errors[key] = errors.get(key, 0) + 1
    if errors:
        out["errors"] = errors
    print(json.dumps(out))


if __name__ == "__main__":
    raise_file_limit()
    asyncio.run(main(sys.argv[1], int(sys.argv[2]),
                     int(sys.argv[3]) if len(sys.argv) > 3 else 60000))
