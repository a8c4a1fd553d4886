# Tutorial step 4: add_done_callback.
# A callback added to a task runs after the task finished, with the task (a future) as its only
# argument: it reads the result there. On the timeline: the task finishes, then its callback
# runs (a done-callback mark after the task's end).
import asyncio
import time


async def do_some_work(x):
    print("Waiting", x)
    await asyncio.sleep(x)
    return "Done after {}s".format(x)


def callback(future):
    print("Callback:", future.result())


start = time.time()
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
task = asyncio.ensure_future(do_some_work(1), loop=loop)
task.add_done_callback(callback)
loop.run_until_complete(task)
print("Time:", round(time.time() - start, 2))
loop.close()
