# Tutorial step 3: ensure_future.
# asyncio.ensure_future() does what loop.create_task() does for a coroutine (and returns a
# future unchanged). A task is a kind of future: isinstance(task, asyncio.Future) is True.
# On the timeline: one task, the same as with create_task.
import asyncio
import time


async def do_some_work(x):
    print("Waiting", x)
    await asyncio.sleep(x)
    return "Done after {}s".format(x)


start = time.time()
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
task = asyncio.ensure_future(do_some_work(1), loop=loop)
print(task, "is a Future:", isinstance(task, asyncio.Future))
loop.run_until_complete(task)
print("Result:", task.result())
print("Time:", round(time.time() - start, 2))
loop.close()
