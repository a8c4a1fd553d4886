"""Reference peer for scripts/bench: N concurrent GETs from one aiohttp session, no limit.

Usage: /usr/bin/python3 scripts/aiohttp_peer.py URL N
Prints one JSON line: {"client":"aiohttp","tasks":N,"ok":..,"wall_ms":..}
"""
import asyncio
import json
import sys
import time

import aiohttp


async def fetch(session, url):
    async with session.get(url) as response:
        await response.read()
        return response.status == 200


async def main(url, n):
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        start = time.perf_counter()
        results = await asyncio.gather(*(fetch(session, url) for _ in range(n)),
                                       return_exceptions=True)
        wall = (time.perf_counter() - start) * 1000
    ok = sum(1 for r in results if r is True)
    print(json.dumps({"client": "aiohttp", "tasks": n, "ok": ok, "wall_ms": round(wall, 3)}))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
