# Tutorial step 1: a coroutine on an event loop.
# Calling a coroutine function does not run it: it only makes a coroutine object. The event loop
# runs it: run_until_complete() wraps the coroutine in a task and runs the loop until that task
# is done. On the timeline: one task that runs, is suspended in asyncio.sleep for a second
# (the loop waits, idle), then runs again and finishes.
import asyncio
import time


async def do_some_work(x):
    print("Waiting", x)
    await asyncio.sleep(x)
    return "Done after {}s".format(x)


start = time.time()
coroutine = do_some_work(1)
print("A coroutine object, not yet running:", coroutine)

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
result = loop.run_until_complete(coroutine)
print(result)
print("Time:", round(time.time() - start, 2))
loop.close()
