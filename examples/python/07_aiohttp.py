# Tutorial step 7: aiohttp, truly concurrent requests.
# aiohttp's session.get() is a coroutine: while one request waits for its answer the loop runs
# the others, so ten /delay/1 requests finish together, in about one second, not ten.
# On the timeline: ten tasks suspended at the same time in their aiohttp request, waking within
# moments of each other.
import asyncio
import os
import time

import aiohttp

SERVER = os.environ.get("COROSCOPE_SERVER", "http://127.0.0.1:8080")
URL = SERVER + "/delay/1"


async def fetch(session, i):
    async with session.get(URL) as response:
        body = await response.text()
    print("Request", i, "answered", response.status, len(body), "bytes at",
          round(time.time() - start, 2))
    return response.status


async def main():
    async with aiohttp.ClientSession() as session:
        tasks = [asyncio.ensure_future(fetch(session, i)) for i in range(10)]
        await asyncio.wait(tasks)


start = time.time()
asyncio.run(main())
print("Time:", round(time.time() - start, 2), "(ten requests at once)")
