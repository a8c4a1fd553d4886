# Tutorial step 2: create_task.
# A coroutine object cannot run by itself; loop.create_task() wraps it in a Task, which the loop
# schedules. A task is pending when created and finished after run_until_complete(): print(task)
# shows both states. On the timeline: one task, created before the loop runs.
import asyncio
import time


async def do_some_work(x):
    print("Waiting", x)
    await asyncio.sleep(x)
    return "Done after {}s".format(x)


start = time.time()
loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
task = loop.create_task(do_some_work(1))
print(task)  # <Task pending ...>
loop.run_until_complete(task)
print(task)  # <Task finished ... result='Done after 1s'>
print("Result:", task.result())
print("Time:", round(time.time() - start, 2))
loop.close()
