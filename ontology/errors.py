"""Every error Hemicycle raises on purpose, in one hierarchy under :class:`HemicycleError`.

The command line turns a :class:`HemicycleError` into one line on standard error and an exit status (2 for what
the user can fix by asking differently, 3 for a store that could not be written); anything else is a bug and
surfaces with its traceback. The server turns the query errors into HTTP statuses.

The hierarchy lives in the ontology package because that package is the ground floor: every wing imports it and
it imports none of them.

>>> issubclass(StoreChanged, StoreError) and issubclass(StoreError, HemicycleError)
True
>>> str(UnknownQuery("no-such-query"))
"no named query 'no-such-query' (see 'hemicycle query --list')"

Some classes also derive from a built-in error (``ValueError``, ``EOFError``) where callers of the standard
library's kind expect one, e.g. an identifier the IRI rules refuse is a ``ValueError`` too.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path


class HemicycleError(Exception):
    """Anything Hemicycle refuses or cannot do; the message says what, for whom runs it."""


# --- what the user asked ----------------------------------------------------------------------------------


class UsageError(HemicycleError):
    """A command asked in a way that cannot work (a missing argument, two options that exclude each other)."""


class SettingError(HemicycleError, ValueError):
    """A setting out of its range: a limit below its minimum, a timeout that is not positive, a bad URL."""


class InvalidIdentifier(HemicycleError, ValueError):
    """An identifier the IRI rules refuse: a base without a final '/' or '#', a uid of the wrong shape."""


# --- the sources --------------------------------------------------------------------------------------------


class SourceError(HemicycleError):
    """A path that cannot be read at all (missing, not a file the project knows)."""


class RecordError(HemicycleError, ValueError):
    """A record cannot be read: the message says which field and what is wrong with it."""


# --- the store ----------------------------------------------------------------------------------------------


class StoreError(HemicycleError):
    """The store cannot be opened or written (missing, locked by a writer, not a store)."""


# The system's messages, and RocksDB's own when its space manager refuses a file.
_FULL = tuple(os.strerror(code) for code in (errno.ENOSPC, errno.EDQUOT)) + ("Space limit reached",)


def disk_full(error: Exception) -> bool:
    """Whether an error says the disk is full. RocksDB's errors reach Python as an ``OSError`` with no errno,
    the system's message inside their text."""
    return getattr(error, "errno", None) in (errno.ENOSPC, errno.EDQUOT) or any(text in str(error) for text in _FULL)


class StoreWriteError(StoreError):
    """The store could not be written, most often because its disk is full; what was written before stays."""

    def __init__(self, path: Path | None, error: Exception):
        self.path, self.disk_full = path, disk_full(error)
        what = "the store could not be written"
        super().__init__(f"{path}: {'the disk is full: ' if self.disk_full else ''}{what} ({error})")


class NoRoomToOptimize(StoreWriteError):
    """The store's disk has too little free space to compact it; it was left as it was."""

    def __init__(self, path: Path, free: int, needed: int):
        self.path, self.disk_full = path, True
        StoreError.__init__(self, f"{path}: too little free space to compact the store ({free >> 20:,} MiB free, "
                                  f"{needed >> 20:,} MiB needed); the store was left as it was")


class SearchIndexError(StoreError):
    """The search index beside the store is missing, cannot be read, was built by another version, or could not
    be written; the message names its file and what to run."""


class AssetError(HemicycleError, RuntimeError):
    """The SPARQL editor's browser files could not be built (no npm, no lockfile, npm failed)."""


class StoreChanged(StoreError):
    """A reader found a file of the store gone: a writer in another process (an ingest, a compaction) replaced
    it after the reader opened the store. Opening the store again reads its new state."""

    def __init__(self, path: Path | None, error: Exception):
        super().__init__(f"{path}: the store changed while it was read (a writer in another process loaded or "
                         f"compacted it); run the command again ({error})")


# --- queries, exports and pictures ----------------------------------------------------------------------------


class ParameterError(HemicycleError, ValueError):
    """A parameter that is missing, unknown, or not a value of its declared type."""


class UnknownQuery(HemicycleError, LookupError):
    """No named query has this name (``args[0]``)."""

    def __str__(self) -> str:
        return f"no named query {self.args[0]!r} (see 'hemicycle query --list')"


class FormatError(HemicycleError, ValueError):
    """A format that does not exist, or that does not fit the kind of result (e.g. Turtle for a SELECT)."""


class ExportError(HemicycleError, ValueError):
    """An export that cannot be made as asked (unknown format, graph or legislature, a query that is not a CONSTRUCT)."""


class UnknownProjection(HemicycleError, ValueError):
    """A projection, view or chart name that does not exist."""


class MissingLibrary(HemicycleError):
    """An installed package does not ship a file where expected (pyvis's vis-network)."""


# --- the server ---------------------------------------------------------------------------------------------


class ProtocolError(HemicycleError):
    """A request the protocol refuses: ``status`` and a readable message."""

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


class QueryRefused(HemicycleError, ValueError):
    """A query (or update) this server will not run; ``kind`` is ``forbidden`` or ``too_complex``."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class EndpointError(HemicycleError):
    """A remote SPARQL endpoint that did not answer, or refused the query (``hemicycle link``)."""


class EndpointBusy(EndpointError):
    """An answer worth trying again: a 429 or a 5xx, with the wait its ``Retry-After`` asks for (or None)."""

    def __init__(self, status: int, wait: float | None, body: str):
        super().__init__(f"HTTP {status}" + (f", Retry-After {wait:g} s" if wait is not None else ""))
        self.status, self.wait, self.body = status, wait, body


class RunnerError(HemicycleError):
    """Any reason a query sent to the query workers got no result: the classes below."""


class QueryError(RunnerError):
    """The query cannot be run: a syntax error, a wrong kind of query, an evaluation error, too complex."""


class Forbidden(RunnerError):
    """The query uses what this server never does (``SERVICE``, ``LOAD``: calling other hosts)."""


class QueryTimeout(RunnerError):
    """The query was stopped when it reached the timeout (or waited that long for a free worker)."""


class ResultTooLarge(RunnerError):
    """The result has more rows or triples, or more bytes, than the caps."""


class MemoryLimit(RunnerError):
    """The query needed more memory than a worker may use (its worker was stopped and replaced)."""


class StoreUnavailable(RunnerError):
    """The store cannot be read now (being rewritten by another process, or gone)."""


class Busy(RunnerError):
    """The server has no room for this query now (too many waiting, or too many long queries)."""


class TooManyFromClient(RunnerError):
    """This client already has as many queries in flight as one client may have."""


class NotAcceptable(RunnerError):
    """No format the client accepts fits the kind of result the query gives (``args[0]``: that kind)."""


# --- inside a query worker (never reach a user as such) ---------------------------------------------------------


class WorkerFailure(HemicycleError):
    """A query failed inside a worker process; ``kind`` names the runner error the parent raises for it."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind


class TooMany(HemicycleError):
    """More rows or triples than the cap, met while writing a result."""


class ChannelClosed(HemicycleError, EOFError):
    """The other end of a worker's socket closed it (a worker that died)."""
