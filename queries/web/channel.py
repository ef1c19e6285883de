"""Messages between the server and a query worker: a pickled object behind its length, over a socket pair.

The server waits for a worker's answer on its event loop or in a thread, and a socket that an event loop
watches is non-blocking (uvloop makes it so and leaves it so), where ``multiprocessing``'s ``Connection``
expects a blocking one: a large answer then arrives in pieces, and ``Connection.recv`` fails half-way with
``BlockingIOError``. So the server reads and writes the socket itself: :func:`send` and :func:`receive` block
up to a deadline (threads), :func:`asend` and :func:`areceive` wait on the event loop (coroutines); each call
sets the socket's mode it needs. The worker, which only ever blocks, uses :func:`send` and :func:`receive`
without a deadline. Both ends are this program, so unpickling what comes back is safe.
"""
from __future__ import annotations

import asyncio
import pickle
import socket
import struct
import time
from hemicycle.ontology.errors import ChannelClosed

_LENGTH = struct.Struct("!Q")


def _frame(message) -> bytes:
    body = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _LENGTH.pack(len(body)) + body


def _remaining(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("the deadline passed")
    return left


def send(sock: socket.socket, message, deadline: float | None = None) -> None:
    """Write one message; ``deadline`` (``time.monotonic()``) bounds the wait (``TimeoutError``)."""
    sock.settimeout(_remaining(deadline))
    sock.sendall(_frame(message))


def _read_exactly(sock: socket.socket, size: int, deadline: float | None) -> bytes:
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        sock.settimeout(_remaining(deadline))
        count = sock.recv_into(view[got:])
        if not count:
            raise ChannelClosed("the worker closed its socket")
        got += count
    return bytes(buffer)


def receive(sock: socket.socket, deadline: float | None = None):
    """Read one message, waiting at most until ``deadline`` (``TimeoutError``)."""
    (size,) = _LENGTH.unpack(_read_exactly(sock, _LENGTH.size, deadline))
    return pickle.loads(_read_exactly(sock, size, deadline))


def ready(sock: socket.socket, deadline: float | None) -> bool:
    """Whether a message starts arriving (or the other end closes) before the deadline; nothing is read."""
    try:
        sock.settimeout(_remaining(deadline))
        sock.recv(1, socket.MSG_PEEK)
    except TimeoutError:
        return False
    return True


async def asend(sock: socket.socket, message) -> None:
    """Write one message from a coroutine."""
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_sendall(sock, _frame(message))


async def _aread_exactly(sock: socket.socket, size: int) -> bytes:
    loop = asyncio.get_running_loop()
    buffer = bytearray(size)
    view, got = memoryview(buffer), 0
    while got < size:
        count = await loop.sock_recv_into(sock, view[got:])
        if not count:
            raise ChannelClosed("the worker closed its socket")
        got += count
    return bytes(buffer)


async def areceive(sock: socket.socket):
    """Read one message from a coroutine (bound it with ``asyncio.wait_for``)."""
    sock.setblocking(False)
    (size,) = _LENGTH.unpack(await _aread_exactly(sock, _LENGTH.size))
    return pickle.loads(await _aread_exactly(sock, size))
