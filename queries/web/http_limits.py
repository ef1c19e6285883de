"""Limits on what one client may hold of the server, at the level of its connection.

uvicorn's httptools protocol reads a request's head (request line and headers) with no bound on its size and
no bound on the time it takes, and keeps every accepted connection open until the client closes it. One client
can then freeze the event loop with a head of megabytes, or hold every file descriptor with connections that
never send a byte. :class:`LimitedProtocol` is that protocol with five bounds (:class:`Limits`):

- ``max_head``: the bytes of a request's head. A longer head is answered 431 and the connection closed. The
  count is checked before each read is given to the parser, so the parser never holds much more than this (the
  head of a pipelined request that begins in the same read as the end of the previous request is counted from
  the end of that read: it may reach twice the bound).
- ``header_timeout``: the seconds a client has to send a request's head, from the accepted connection for its
  first request, from the head's first byte for the next ones on a kept-alive connection. A connection that has
  sent nothing is closed; one that has sent part of a head is answered 408 and closed. So a silent or a
  slowloris connection lasts at most that long.
- ``body_timeout``: the longest pause between two reads of a request body (not counting the time the server
  itself stops reading because the application has not yet taken what was read). A body that stops arriving
  is answered 408 (or the connection closed, when the application has begun its answer).
- ``send_timeout``: the longest time a client may take without reading anything of an answer the server has
  waiting for it (a client that asks for a large result and never reads it would otherwise hold the result in
  memory and its connection for ever); the connection is then dropped.
- ``max_connections``: the open connections. When a new one would pass it, a refused connection still
  lingering (below), else the connection that has waited longest for a request (a silent one, a slow head, or
  an idle kept-alive connection), is closed to make room;
  when every connection is busy with a request, the new one is answered 503 and closed. The default fits under
  the process's open-file limit (:func:`fitting_connections`), so accepting never fails for want of a
  descriptor: past that point new clients would be left waiting, or reset, without an answer.

The defaults: 64 KiB of head holds what browsers and scripts send (a few KiB) and a GET query of some 60 KiB
(longer ones go by POST); 10 s is ample to send that much even on a slow link (nginx allows 60 s, but a
connection held that long is what a slow client attack wants); 30 s of pause in a body and 60 s without reading
an answer (nginx's figures for the same) leave room for poor networks; 1000 connections is far more than the
worker processes can serve at once, so the bound only matters against connections that do nothing.

Refusals are written directly on the socket, then the server stops writing and reads what the client still
sends for at most :data:`LINGER` seconds before closing, so that the client reads the answer rather than a
reset connection.

What uvicorn offers, and why it is not used: ``timeout_keep_alive`` (5 s) only closes a connection idle after a
response, and is kept (``hemicycle serve --keep-alive-timeout``). ``h11_max_incomplete_event_size`` bounds the
head (16 KiB by default) but only in the pure-Python h11 protocol, not in httptools, which the server uses.
``limit_concurrency`` answers 503 once the head has arrived when the open connections or the running requests
reach the limit: silent connections count towards it but are never closed, so a few hundred of them would have
every real request answered 503, and it does not stop the file-descriptor limit from being reached first.
"""
from __future__ import annotations

import asyncio
import http
import itertools
import logging
import os
import resource
from dataclasses import dataclass
from hemicycle.ontology.errors import SettingError

DEFAULT_MAX_HEAD = 64 * 1024
DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_BODY_TIMEOUT = 30.0
DEFAULT_SEND_TIMEOUT = 60.0
DEFAULT_KEEP_ALIVE = 5.0
MOST_CONNECTIONS = 1000  # the default bound on connections when the open-file limit allows it
SPARE_FILES = 64  # descriptors kept for the server itself: logs, the worker pool's pipes, a store handle
LINGER = 2.0  # seconds a refused connection is read (and what is read dropped) before it is closed

_WAITING, _HEAD, _BODY = range(3)  # where a connection is in its current request
_turns = itertools.count()  # the order in which connections began to wait for a request
logger = logging.getLogger("uvicorn.error")


@dataclass(frozen=True)
class Limits:
    max_head: int = DEFAULT_MAX_HEAD
    header_timeout: float = DEFAULT_HEADER_TIMEOUT
    body_timeout: float = DEFAULT_BODY_TIMEOUT
    send_timeout: float = DEFAULT_SEND_TIMEOUT
    max_connections: int = MOST_CONNECTIONS

    def __post_init__(self):
        if self.max_head < 1024:
            raise SettingError(f"the request head limit must be at least 1024 bytes, not {self.max_head}")
        if not min(self.header_timeout, self.body_timeout, self.send_timeout) > 0:
            raise SettingError("the header, body and send timeouts must be positive")
        if self.max_connections < 1:
            raise SettingError(f"the connection limit must be at least 1, not {self.max_connections}")


def open_files() -> int:
    """Descriptors the process has open now (a guess of 32 where /proc is missing)."""
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return 32


def fitting_connections(reserved: int) -> int:
    """The default connection limit: :data:`MOST_CONNECTIONS`, or fewer when the open-file limit (``ulimit
    -n``) leaves less room once ``reserved`` descriptors (the server's own) and :data:`SPARE_FILES` are set
    aside."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return MOST_CONNECTIONS
    return max(1, min(MOST_CONNECTIONS, soft - reserved - SPARE_FILES))


def make_room_for(connections: int, reserved: int) -> None:
    """Raise the soft open-file limit, up to the hard one, so that ``connections`` fit beside ``reserved``
    descriptors; ValueError when the hard limit is too low."""
    needed = connections + reserved + SPARE_FILES
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY or soft >= needed:
        return
    if hard != resource.RLIM_INFINITY and hard < needed:
        raise SettingError(f"{connections} connections need about {needed} open files, and this process may open "
                         f"at most {hard} (ulimit -n); give fewer connections or raise the limit")
    resource.setrlimit(resource.RLIMIT_NOFILE, (needed, hard))


def protocol(limits: Limits) -> type:
    """The protocol class to give uvicorn (``http=``): its httptools protocol with these limits."""
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    return type("LimitedProtocol", (LimitedProtocol, HttpToolsProtocol), {"limits": limits})


class LimitedProtocol:
    """The bounds of :class:`Limits` over uvicorn's httptools protocol, which :func:`protocol` puts after this
    class (see the module's description)."""

    limits = Limits()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._phase = _WAITING
        self._head_bytes = 0
        self._completed = 0  # requests read whole on this connection
        self._waiting_since = 0  # when the connection began waiting for its current request (a turn of _turns)
        self._last_read = 0.0  # when the body last arrived
        self._head_timer: asyncio.TimerHandle | None = None
        self._body_timer: asyncio.TimerHandle | None = None
        self._linger_timer: asyncio.TimerHandle | None = None
        self._send_timer: asyncio.TimerHandle | None = None
        self._unread = 0  # bytes of answers waiting for the client when the send timer was armed
        self._refused = False

    # --- the connection --------------------------------------------------------------------------------------

    def connection_made(self, transport) -> None:
        super().connection_made(transport)
        self._waiting_since = next(_turns)
        self._head_timer = self.loop.call_later(self.limits.header_timeout, self._head_timed_out)
        if len(self.connections) > self.limits.max_connections:
            self._make_room()

    def connection_lost(self, exc) -> None:
        for timer in (self._head_timer, self._body_timer, self._linger_timer, self._send_timer):
            if timer is not None:
                timer.cancel()
        self._head_timer = self._body_timer = self._linger_timer = self._send_timer = None
        super().connection_lost(exc)

    def _idle(self) -> bool:
        """Whether the connection may be closed to make room: it was refused and its answer is written, or it
        waits for a request (nothing of it yet, or part of its head)."""
        if self.transport.is_closing():
            return False
        return self._refused or (self._phase != _BODY and (self.cycle is None or self.cycle.response_complete)
                                 and not self.pipeline)

    def _make_room(self) -> None:
        oldest = None  # a refused connection first, else the one that has waited longest
        for other in self.connections:
            if other is not self and isinstance(other, LimitedProtocol) and other._idle():
                if oldest is None or (not other._refused, other._waiting_since) < (not oldest._refused,
                                                                                   oldest._waiting_since):
                    oldest = other
        if oldest is not None:
            logger.debug("%d connections open: closing the one that waited longest for a request",
                         len(self.connections))
            oldest.transport.close()
        else:
            logger.warning("%d connections open, all busy with a request: answered 503", len(self.connections))
            self._refuse(503, "the server has too many open connections, all busy; try again shortly",
                         [(b"retry-after", b"1")])

    # --- reading -----------------------------------------------------------------------------------------------

    def data_received(self, data: bytes) -> None:
        if self._refused:
            return  # the answer is written: what still arrives is dropped
        if self._phase != _BODY and self._head_timer is None:  # the first byte of a later request
            self._head_timer = self.loop.call_later(self.limits.header_timeout, self._head_timed_out)
        while data:
            if self._phase == _BODY:  # given in parts no longer than a head, for the next request's sake
                self._last_read = self.loop.time()
                part, data = data[:self.limits.max_head], data[self.limits.max_head:]
                super().data_received(part)
                if self.transport.is_closing() or self._refused:
                    return
                continue
            room = self.limits.max_head - self._head_bytes
            part, data = data[:room], data[room:]
            self._head_bytes += len(part)
            completed = self._completed
            if part:
                super().data_received(part)
            if self.transport.is_closing() or self._refused:
                return
            if self._completed != completed:  # a request ended in this part: the next one is counted from here
                continue
            if data and self._phase != _BODY:
                logger.info("refused a request head over %d bytes (431)", self.limits.max_head)
                self._refuse(431, f"the request head (request line and headers) is over {self.limits.max_head:,} "
                                  "bytes, the most this server reads")
                return
        if self._phase == _BODY and self._body_timer is None and not self.transport.is_closing():
            self._body_timer = self.loop.call_later(self.limits.body_timeout, self._body_timed_out)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._phase = _HEAD
        if self._head_timer is None:  # a later request on a kept-alive connection: from its first byte
            self._head_timer = self.loop.call_later(self.limits.header_timeout, self._head_timed_out)

    def on_headers_complete(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None
        self._phase = _BODY
        self._last_read = self.loop.time()
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        self._phase = _WAITING
        self._head_bytes = 0
        self._completed += 1
        if self._body_timer is not None:
            self._body_timer.cancel()
            self._body_timer = None
        super().on_message_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._waiting_since = next(_turns)

    # --- timeouts ----------------------------------------------------------------------------------------------

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._phase == _BODY or self._refused or self.transport.is_closing():
            return
        if self.flow.read_paused:  # the server stopped reading, not the client: wait for it
            self._head_timer = self.loop.call_later(1.0, self._head_timed_out)
            return
        if self._phase == _WAITING:
            if self.cycle is not None and not self.cycle.response_complete:
                return  # bytes between requests while one is answered: the keep-alive timeout follows it
            logger.debug("closed a connection that sent no request in %g s", self.limits.header_timeout)
            self.transport.close()
        else:
            logger.info("closed a connection whose request head took over %g s", self.limits.header_timeout)
            self._refuse(408, f"the request head did not arrive within {self.limits.header_timeout:g} seconds")

    def _body_timed_out(self) -> None:
        self._body_timer = None
        if self._phase != _BODY or self._refused or self.transport.is_closing():
            return
        now = self.loop.time()
        if self.flow.read_paused:  # the application has not taken what was read yet
            self._last_read = now
        pause = now - self._last_read
        if pause < self.limits.body_timeout:
            self._body_timer = self.loop.call_later(self.limits.body_timeout - pause, self._body_timed_out)
            return
        logger.info("closed a connection whose request body paused over %g s", self.limits.body_timeout)
        self._refuse(408, f"the request body paused for over {self.limits.body_timeout:g} seconds")

    # --- writing -------------------------------------------------------------------------------------------------

    def pause_writing(self) -> None:
        super().pause_writing()
        if self._send_timer is None:
            self._unread = self.transport.get_write_buffer_size()
            self._send_timer = self.loop.call_later(self.limits.send_timeout, self._send_timed_out)

    def resume_writing(self) -> None:
        super().resume_writing()
        if self._send_timer is not None:
            self._send_timer.cancel()
            self._send_timer = None

    def _send_timed_out(self) -> None:
        self._send_timer = None
        unread = self.transport.get_write_buffer_size()
        if unread and unread < self._unread:  # the client read some: it has as long again
            self._unread = unread
            self._send_timer = self.loop.call_later(self.limits.send_timeout, self._send_timed_out)
        elif unread:
            logger.info("dropped a connection whose client read nothing of the answer for %g s",
                        self.limits.send_timeout)
            self.transport.abort()

    # --- refusing ------------------------------------------------------------------------------------------------

    def _refuse(self, status: int, message: str, headers: list[tuple[bytes, bytes]] = ()) -> None:
        """Answer ``status`` with a plain-text message, and close. When the application is answering a request
        of this connection, or another request waits behind it, the connection is closed without an answer (it
        would be mixed with theirs); an application still waiting for the body of this request is told the
        client is gone, and what it might answer is dropped."""
        self._refused = True
        self._unset_keepalive_if_required()
        for timer in (self._head_timer, self._body_timer):
            if timer is not None:
                timer.cancel()
        self._head_timer = self._body_timer = None
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            if self._phase != _BODY or cycle.response_started or self.pipeline:
                self.transport.close()
                return
            cycle.disconnected = True
            cycle.message_event.set()
        body = (message + "\n").encode("utf-8")
        content = [b"HTTP/1.1 %d %s\r\n" % (status, http.HTTPStatus(status).phrase.encode())]
        for name, value in [*self.server_state.default_headers, *headers]:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend([b"content-type: text/plain; charset=utf-8\r\n",
                        b"content-length: %d\r\n" % len(body), b"connection: close\r\n\r\n", body])
        self.transport.write(b"".join(content))
        if not self.transport.can_write_eof():
            self.transport.close()
            return
        self.transport.write_eof()
        self.flow.resume_reading()
        self._linger_timer = self.loop.call_later(LINGER, self.transport.close)
