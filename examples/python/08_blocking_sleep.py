# Tutorial: blocking vs non-blocking waits.
# time.sleep() inside a coroutine blocks the event loop: the other tasks, ready to run, wait
# until it returns. asyncio.sleep() suspends only its own task. Three tasks that each
# time.sleep(0.3) take 0.9 s together; three that asyncio.sleep(0.3) take 0.3 s.
# On the timeline: the first three hold the loop one after another (time.sleep named at its
# line), the last three overlap.
import asyncio
import time


async def blocking(i):
    time.sleep(0.3)  # holds the loop
    return i


async def nonblocking(i):
    await asyncio.sleep(0.3)  # lets the loop run the others
    return i


async def main():
    t = time.time()
    await asyncio.gather(*(blocking(i) for i in range(3)))
    print("time.sleep x 3:", round(time.time() - t, 2), "s")
    t = time.time()
    await asyncio.gather(*(nonblocking(i) for i in range(3)))
    print("asyncio.sleep x 3:", round(time.time() - t, 2), "s")


asyncio.run(main())
