"""A SPARQL endpoint in Wikidata's RDF model, for the link tests: Oxigraph's own server, loaded with the graph that
the saved answer ``../shared/data/wikidata/l16-deputes-wdqs.json`` describes; and a proxy in front of it that
answers a script of faults (429 with Retry-After, 500, a stall) before letting queries through.

Both are real HTTP servers on loopback; the proxy forwards queries to Oxigraph unchanged.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx2

WD = "http://www.wikidata.org/entity/"
WDT = "http://www.wikidata.org/prop/direct/"
P, PS, PQ = ("http://www.wikidata.org/prop/" + s for s in ("", "statement/", "qualifier/"))
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
DATETIME = "http://www.w3.org/2001/XMLSchema#dateTime"
DEPUTY = WD + "Q3044918"


def _lit(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text + (f"@{lang}" if lang else f"^^<{datatype}>" if datatype else "")


def wikidata_ntriples(answer: Path) -> str:
    """The triples, in Wikidata's RDF model, that the saved answer's rows state: ``wdt:P4123``, ``wdt:P4703``,
    ``wdt:P7040``, ``wdt:P569``, labels, and each term as a ``p:P39`` statement with ``pq:P768`` and ``pq:P580``."""
    lines = []
    for n, row in enumerate(json.loads(answer.read_bytes())["results"]["bindings"]):
        value = lambda name: row.get(name, {}).get("value") or None  # noqa: E731
        item = f"<{value('item')}>"
        for prop, name in (("P4123", "id_an"), ("P4703", "id_hatvp"), ("P7040", "id_nosdeputes")):
            if value(name):
                lines.append(f"{item} <{WDT}{prop}> {_lit(value(name))} .")
        if value("itemLabel"):
            lines.append(f"{item} <{LABEL}> {_lit(value('itemLabel'), lang='fr')} .")
        if value("dateNaissance"):
            lines.append(f"{item} <{WDT}P569> {_lit(value('dateNaissance'), datatype=DATETIME)} .")
        if value("district"):
            term = f"<{WD}statement/hemicycle-test-{n}>"
            lines += [f"{item} <{P}P39> {term} .", f"{term} <{PS}P39> <{DEPUTY}> .",
                      f"{term} <{PQ}P768> <{value('district')}> ."]
            if value("debutMandat"):
                lines.append(f"{term} <{PQ}P580> {_lit(value('debutMandat'), datatype=DATETIME)} .")
            if value("districtLabel"):
                lines.append(f"<{value('district')}> <{LABEL}> {_lit(value('districtLabel'), lang='fr')} .")
    return "\n".join(lines) + "\n"


def oxigraph_binary() -> str:
    """Oxigraph's server, installed with the test dependencies (``pip install -e '.[test]'``)."""
    found = shutil.which("oxigraph") or shutil.which("oxigraph", path=str(Path(sys.executable).parent))
    if found is None:
        raise RuntimeError("the oxigraph server is not installed: pip install -e '.[test]'")
    return found


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OxigraphServer:
    """``oxigraph serve`` on loopback over a folder loaded with N-Triples."""

    def __init__(self, folder: Path, ntriples: str):
        binary = oxigraph_binary()
        data = folder / "wikidata.nt"
        data.write_text(ntriples, encoding="utf-8")
        subprocess.run([binary, "load", "--location", str(folder / "db"), "--file", str(data)], check=True,
                       capture_output=True)
        self.port = free_port()
        self.process = subprocess.Popen([binary, "serve-read-only", "--location", str(folder / "db"),
                                         "--bind", f"127.0.0.1:{self.port}"],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.url = f"http://127.0.0.1:{self.port}/query"
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx2.get(self.url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    break
            except httpx2.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"oxigraph did not start on port {self.port}")
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class FaultProxy:
    """A proxy to ``target`` that answers the first requests from ``script`` and forwards the rest: each entry
    ``("status", code, retry_after)`` answers that status (with that ``Retry-After``), ``("stall", seconds)``
    waits that long before forwarding. ``seen`` counts the requests."""

    def __init__(self, target: str):
        self.target, self.script, self.seen = target, [], 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                proxy.seen += 1
                step = proxy.script.pop(0) if proxy.script else None
                if step and step[0] == "status":
                    self.send_response(step[1])
                    if step[2] is not None:
                        self.send_header("Retry-After", str(step[2]))
                    message = b"slow down" if step[1] == 429 else b"internal error"
                    self.send_header("Content-Length", str(len(message)))
                    self.end_headers()
                    self.wfile.write(message)
                    return
                if step and step[0] == "stall":
                    time.sleep(step[1])
                answer = httpx2.post(proxy.target, content=body, timeout=30,
                                     headers={"Content-Type": self.headers.get("Content-Type", ""),
                                              "Accept": self.headers.get("Accept", "")})
                try:
                    self.send_response(answer.status_code)
                    self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
                    self.send_header("Content-Length", str(len(answer.content)))
                    self.end_headers()
                    self.wfile.write(answer.content)
                except (BrokenPipeError, ConnectionResetError):   # the client gave up waiting
                    pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/sparql"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
