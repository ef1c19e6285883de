"""The idle query workers, handed out to threads and to coroutines alike, first come first served.

A worker given back goes straight to the longest waiting caller: a thread blocked in :meth:`Pool.acquire` or a
coroutine awaiting :meth:`Pool.aacquire` (woken on its own event loop), so that a coroutine never needs a
thread just to wait for a free worker.
"""
from __future__ import annotations

import asyncio
import threading
from collections import deque


class _Waiter:
    """One caller waiting for a worker; ``offer`` and ``withdraw`` run under the pool's lock."""

    def __init__(self, loop: asyncio.AbstractEventLoop | None = None):
        self.item = None
        self.withdrawn = False
        self.loop = loop
        self.event = threading.Event() if loop is None else None
        self.future = loop.create_future() if loop is not None else None

    def offer(self, item) -> bool:
        if self.withdrawn:
            return False
        self.item = item
        if self.loop is None:
            self.event.set()
        else:
            self.loop.call_soon_threadsafe(lambda: self.future.done() or self.future.set_result(None))
        return True


class Pool:
    def __init__(self):
        self._lock = threading.Lock()
        self._idle: deque = deque()
        self._waiters: deque[_Waiter] = deque()

    def release(self, item) -> None:
        """Give a worker back (or add a new one): to the longest waiting caller, else to the idle ones."""
        with self._lock:
            while self._waiters:
                if self._waiters.popleft().offer(item):
                    return
            self._idle.append(item)

    def _withdraw(self, waiter: _Waiter):
        """Stop waiting; the worker offered meanwhile, if any."""
        with self._lock:
            waiter.withdrawn = True
            return waiter.item

    def acquire(self, timeout: float):
        """A worker, waiting at most ``timeout`` seconds (None when none became free)."""
        with self._lock:
            if self._idle:
                return self._idle.popleft()
            waiter = _Waiter()
            self._waiters.append(waiter)
        waiter.event.wait(timeout)
        return self._withdraw(waiter)

    async def aacquire(self, timeout: float):
        """:meth:`acquire` for coroutines."""
        with self._lock:
            if self._idle:
                return self._idle.popleft()
            waiter = _Waiter(asyncio.get_running_loop())
            self._waiters.append(waiter)
        try:
            await asyncio.wait_for(waiter.future, timeout)
        except TimeoutError:
            pass
        except BaseException:  # cancelled: hand on a worker that came meanwhile
            item = self._withdraw(waiter)
            if item is not None:
                self.release(item)
            raise
        return self._withdraw(waiter)
