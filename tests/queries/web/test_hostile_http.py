"""``hemicycle serve`` against hostile clients, over real sockets: a request head of megabytes is refused at once
while other clients are answered, silent and slow connections are closed, a crowd of silent connections does not
keep a client out (even under a low open-file limit), busy connections beyond the limit get 503; the dataset
description is the same whatever the ``Host``, computed once; ``/id/`` paths with characters an IRI cannot hold
are 404.
"""
from __future__ import annotations

import functools
import select
import socket
import threading
import time
from urllib.parse import urlencode

import httpx2
import pytest

from hemicycle.queries.web import formats
from support import serving

PORTS = range(8200, 8300)  # the ports the test servers may take
HEADER_TIMEOUT = 2.0
BODY_TIMEOUT = 2.0
SEND_TIMEOUT = 2.0
PUBLIC_URL = "https://data.example.org/hemicycle"
ASK = b"GET /sparql?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"


serve = functools.partial(serving.serve, ports=PORTS)


@pytest.fixture(scope="module")
def server(sample_store_path, tmp_path_factory):
    """(port, log file) of a server with short header, body and send timeouts, and a public URL."""
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with serve(sample_store_path, log, "--header-timeout", str(HEADER_TIMEOUT), "--body-timeout",
               str(BODY_TIMEOUT), "--send-timeout", str(SEND_TIMEOUT), "--public-url", PUBLIC_URL) as port:
        yield port, log


def connect(port: int, timeout: float = 10) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def read_all(sock: socket.socket) -> bytes:
    """What the server sends until it closes (or resets) the connection."""
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, socket.timeout):
            return data
        if not chunk:
            return data
        data += chunk


def exchange(port: int, raw: bytes, timeout: float = 10) -> tuple[int, bytes]:
    """(status, body) of one raw request sent on a new connection."""
    with connect(port, timeout) as sock:
        sock.sendall(raw)
        answer = read_all(sock)
    assert answer, "no answer before the connection closed or timed out"
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), body


def closed_after(sock: socket.socket, limit: float) -> float | None:
    """Seconds until the server closes the connection (after answering or not), or None past ``limit``."""
    started = time.monotonic()
    sock.settimeout(limit)
    try:
        while sock.recv(65536):
            pass
    except ConnectionResetError:
        pass
    except socket.timeout:
        return None
    return time.monotonic() - started


def closed(sock: socket.socket) -> bool:
    """Whether the server has closed the connection (without waiting)."""
    sock.settimeout(0)
    try:
        return sock.recv(1, socket.MSG_DONTWAIT) == b""
    except BlockingIOError:
        return False
    except ConnectionResetError:
        return True


# --- the request head --------------------------------------------------------------------------------------------

BIG = 8 * 1024 * 1024


@pytest.mark.parametrize("where", ["accept", "headers", "url"])
def test_a_head_of_megabytes_is_refused_while_others_are_answered(server, where):
    port, _ = server
    if where == "accept":
        head = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: " + b"text/html;q=0.1," * (BIG // 16)
    elif where == "headers":
        head = b"GET /id/question/Q1 HTTP/1.1\r\nHost: x\r\n" + b"X-Filler: abcdefghijklmnopqrstuvwxyz\r\n" * (BIG // 38)
    else:
        head = b"GET /id/question/" + b"a" * BIG + b" HTTP/1.1\r\nHost: x"
    head += b"\r\n\r\n"
    sent, answer = threading.Event(), {}

    def hostile():
        started = time.monotonic()
        with connect(port) as sock:
            try:
                sock.sendall(head)
            except OSError:
                pass  # the server stopped reading: its answer is still there to read
            finally:
                sent.set()
            answer["data"] = read_all(sock)
        answer["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=hostile)
    thread.start()
    time.sleep(0.05)
    started = time.monotonic()
    status, body = exchange(port, ASK)
    elapsed = time.monotonic() - started
    sent.wait(10)
    status_after, _ = exchange(port, ASK)  # and once the hostile head is all sent
    thread.join(20)
    assert status == 200 and b"true" in body and status_after == 200
    assert elapsed < 0.5, f"a plain request took {elapsed:.2f} s beside the {where} head"
    assert answer["data"].startswith(b"HTTP/1.1 431 "), answer["data"][:100]
    assert answer["seconds"] < 5


def test_accept_reads_a_bounded_number_of_media_ranges():
    many = ", ".join(["image/png"] * formats.MAX_MEDIA_RANGES + ["text/csv"])
    assert formats.negotiate(many, formats.SOLUTION_TYPES) is None
    assert formats.negotiate("image/png, text/csv", formats.SOLUTION_TYPES) == "csv"
    assert formats.negotiate("text/csv;q=nan, application/json;q=0.5", formats.SOLUTION_TYPES) == "json"


# --- slow and silent connections -----------------------------------------------------------------------------------

def test_a_silent_connection_is_closed_after_the_header_timeout(server):
    port, _ = server
    with connect(port) as sock:
        seconds = closed_after(sock, HEADER_TIMEOUT + 5)
    assert seconds is not None, "the server kept a silent connection open"
    assert HEADER_TIMEOUT - 0.5 < seconds < HEADER_TIMEOUT + 2


@pytest.mark.parametrize("first, drip, answer", [
    (b"GET /sparql HTTP/1.1\r\nHost: x\r\nX-Slow: ", b"a", b"HTTP/1.1 408 "),  # a header, a byte a second
    (ASK.replace(b"Connection: close", b"X-Kept: alive"), b"\r\n", b""),  # line ends between requests
], ids=["header", "between-requests"])
def test_a_slowloris_client_is_closed(server, first, drip, answer):
    port, _ = server
    with connect(port) as sock:
        sock.sendall(first)
        if b"X-Kept" in first:
            assert sock.recv(65536).startswith(b"HTTP/1.1 200 ")
        started = time.monotonic()
        got = None
        for _ in range(int(HEADER_TIMEOUT) + 6):  # one drop a second
            try:
                sock.sendall(drip)
            except OSError:
                break
            if select.select([sock], [], [], 1.0)[0]:
                got = read_all(sock)
                break
        seconds = time.monotonic() - started
    assert got is not None and got.startswith(answer), got
    assert seconds < HEADER_TIMEOUT + 2


def test_a_body_that_stops_arriving_is_closed(server):
    port, _ = server
    with connect(port) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 100\r\n\r\nASK {")
        started = time.monotonic()
        sock.settimeout(BODY_TIMEOUT + 5)
        answer = read_all(sock)
        seconds = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:100]
    assert BODY_TIMEOUT - 0.5 < seconds < BODY_TIMEOUT + 2


@pytest.mark.slow
def test_an_answer_never_read_is_dropped(server):
    """A client asks for 13 MB and reads nothing: past the send timeout the server drops the connection (the
    client then finds only what the kernels held, then a reset)."""
    port, _ = server
    query = "SELECT ?s ?a ?o ?c WHERE { ?s ?p ?o . ?a ?b ?c } LIMIT 60000"
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 65536)
        sock.connect(("127.0.0.1", port))
        sock.sendall(b"GET /sparql?" + urlencode({"query": query}).encode() + b" HTTP/1.1\r\nHost: x\r\n"
                     b"Accept: text/csv\r\nConnection: close\r\n\r\n")
        time.sleep(SEND_TIMEOUT + 5)  # the query's time (a second or two), then the send timeout
        sock.settimeout(10)
        answer = read_all(sock)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200 ")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    assert length > 10_000_000
    assert len(body) < length


@pytest.mark.slow
def test_many_silent_connections_do_not_keep_a_client_out(sample_store_path, tmp_path):
    """300 silent connections against a server allowed 256 open files (the default header timeout, 10 s, is
    longer than the test): the server keeps the ones that fit and closes the oldest for newcomers."""
    with serve(sample_store_path, tmp_path / "serve.log", open_files=256) as port:
        silent = []
        try:
            for _ in range(300):
                silent.append(connect(port))
            time.sleep(0.5)
            started = time.monotonic()
            status, body = exchange(port, ASK, timeout=5)
            elapsed = time.monotonic() - started
            assert status == 200 and b"true" in body
            assert elapsed < 1
            assert sum(1 for sock in silent if closed(sock)) >= 300 - 256  # the oldest made room
        finally:
            for sock in silent:
                sock.close()


@pytest.mark.slow
def test_past_the_connection_limit(sample_store_path, tmp_path):
    """With at most 4 connections: a fifth closes the oldest silent one; when all 4 are busy (bodies still
    arriving), a fifth is answered 503; once their bodies time out, clients are answered again."""
    with serve(sample_store_path, tmp_path / "serve.log", "--max-connections", "4",
               "--body-timeout", str(BODY_TIMEOUT)) as port:
        time.sleep(0.2)  # the start-up probe's connection is gone
        silent = [connect(port) for _ in range(4)]
        try:
            time.sleep(0.2)
            assert exchange(port, ASK)[0] == 200
            assert closed_after(silent[0], 1) is not None
        finally:
            for sock in silent:
                sock.close()
        time.sleep(0.2)
        busy = [connect(port) for _ in range(4)]
        try:
            for sock in busy:
                sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                             b"Content-Length: 100\r\n\r\nASK {")
            time.sleep(0.3)
            status, body = exchange(port, ASK)
            assert status == 503 and b"too many open connections" in body
            time.sleep(BODY_TIMEOUT + 0.5)
            assert exchange(port, ASK)[0] == 200
        finally:
            for sock in busy:
                sock.close()


# --- the dataset description --------------------------------------------------------------------------------------

def test_the_dataset_description_is_the_same_for_every_host(server):
    port, log = server
    hosts = ["one.test", "two.test:8443", "evil.invalid", "localhost"]
    bodies = []
    for host in hosts[:2]:
        r = httpx2.get(f"http://127.0.0.1:{port}/.well-known/void", headers={"Host": host}, timeout=30)
        assert r.status_code == 200
        bodies.append(r.content)
    with httpx2.Client(timeout=30) as client:  # two at once
        threads = [threading.Thread(target=lambda h=h: bodies.append(
            client.get(f"http://127.0.0.1:{port}/.well-known/void", headers={"Host": h}).content)) for h in hosts[2:]]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    assert len(bodies) == 4 and len(set(bodies)) == 1
    for host in hosts:
        assert host.encode() not in bodies[0]
    assert f"<{PUBLIC_URL}/sparql>".encode() in bodies[0]
    assert open(log).read().count("dataset description computed") == 1


# --- linked-data paths --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("character", ["\\", '"', "{", "}", "|", "^", "`", "<", ">", "[", "]", "%", "%zz"])
@pytest.mark.parametrize("accept", ["text/turtle", "text/html"])
def test_id_paths_an_iri_cannot_hold_are_404(server, character, accept):
    port, _ = server
    for path in (f"/id/question/a{character}b", f"/id/question/a{character}b.ttl"):
        raw = f"GET {path} HTTP/1.1\r\nHost: x\r\nAccept: {accept}\r\nConnection: close\r\n\r\n".encode()
        status, _ = exchange(port, raw)
        assert status == 404, path


def test_doctests():
    import doctest

    from hemicycle.queries.web import app

    for module in (formats, app):
        assert doctest.testmod(module).failed == 0, module.__name__
