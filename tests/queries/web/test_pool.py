"""The pool of idle query workers: threads and coroutines served first come first served, timeouts."""
from __future__ import annotations

import asyncio
import threading
import time

from hemicycle.queries.web.pool import Pool


def test_idle_items_first_then_waiters_in_order():
    pool = Pool()
    pool.release("a")
    assert pool.acquire(0.1) == "a"
    assert pool.acquire(0.05) is None  # nothing idle, nobody gives back

    got = []

    def wait(name):
        got.append((name, pool.acquire(5)))

    first = threading.Thread(target=wait, args=("first",))
    first.start()
    while not pool._waiters:
        time.sleep(0.01)
    second = threading.Thread(target=wait, args=("second",))
    second.start()
    while len(pool._waiters) < 2:
        time.sleep(0.01)
    pool.release("x")
    pool.release("y")
    first.join()
    second.join()
    assert sorted(got) == [("first", "x"), ("second", "y")]


def test_coroutines_wait_without_threads():
    pool = Pool()

    async def main():
        waiting = asyncio.ensure_future(pool.aacquire(5))
        await asyncio.sleep(0.05)
        assert not waiting.done()
        threading.Thread(target=pool.release, args=("w",)).start()  # given back from another thread
        assert await waiting == "w"
        assert await pool.aacquire(0.05) is None
        # a cancelled waiter passes on what it was offered
        cancelled = asyncio.ensure_future(pool.aacquire(5))
        await asyncio.sleep(0.01)
        cancelled.cancel()
        await asyncio.sleep(0.01)
        pool.release("v")
        assert await pool.aacquire(0.1) == "v"

    # In a thread of its own: the session's headless browser (Playwright's sync API) may hold an event loop
    # in the main thread, and asyncio.run refuses to start inside a running loop.
    failures = []
    runner = threading.Thread(target=lambda: _record(failures, lambda: asyncio.run(main())))
    runner.start()
    runner.join()
    if failures:
        raise failures[0]


def _record(failures: list, call) -> None:
    try:
        call()
    except BaseException as error:  # noqa: BLE001  (re-raised in the test's thread)
        failures.append(error)


def test_a_withdrawn_waiter_is_skipped():
    pool = Pool()
    assert pool.acquire(0.01) is None  # this waiter timed out and withdrew
    pool.release("z")
    assert pool.acquire(0) == "z"
