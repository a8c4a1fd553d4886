# Tutorial step 5: five requests.get() inside async def, run with asyncio.wait.
# Wrapping a blocking call in a coroutine does not make it asynchronous: requests.get() holds
# the event loop until its answer arrives, so the five tasks run one after another and the
# program takes five times one request (about 5 s for five /delay/1), not one.
# On the timeline: five tasks that never overlap, each step holding the loop for a second,
# with the blocking call named at this file's line.
import asyncio
import os
import time
import urllib.request

try:
    import requests
except ImportError:  # Debian: python3-requests; without it, the standard library's blocking GET
    requests = None

SERVER = os.environ.get("COROSCOPE_SERVER", "http://127.0.0.1:8080")
URL = SERVER + "/delay/1"


async def fetch(i):
    print("Request", i, "starts at", round(time.time() - start, 2))
    if requests is not None:
        status = requests.get(URL).status_code  # blocks the whole loop
    else:
        status = urllib.request.urlopen(URL).status  # blocks the whole loop
    print("Request", i, "answered", status, "at", round(time.time() - start, 2))
    return status


start = time.time()
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
tasks = [asyncio.ensure_future(fetch(i), loop=loop) for i in range(5)]
loop.run_until_complete(asyncio.wait(tasks))
print("Time:", round(time.time() - start, 2), "(five requests, one after another)")
loop.close()
