# Tutorial step 6: `await requests.get(...)` is an error.
# await needs an awaitable (a coroutine, a task, a future); requests.get() returns a Response,
# after blocking the loop for the whole request. Each task ends with
#   TypeError: object Response can't be used in 'await' expression
# On the timeline: three tasks, one after another, each ending in that error.
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
    print("Request", i)
    if requests is not None:
        response = await requests.get(URL)  # TypeError: a Response is not awaitable
    else:
        response = await urllib.request.urlopen(URL)  # TypeError: not awaitable
    return response


start = time.time()
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
tasks = [asyncio.ensure_future(fetch(i), loop=loop) for i in range(3)]
loop.run_until_complete(asyncio.wait(tasks))
for task in tasks:
    print("Task", tasks.index(task), "ended with:", repr(task.exception()))
print("Time:", round(time.time() - start, 2))
loop.close()
