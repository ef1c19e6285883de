"""A polite client of a remote SPARQL endpoint: the Wikidata Query Service by default, any SPARQL 1.1 endpoint
in Wikidata's RDF model otherwise.

Polite, as the Wikidata Query Service asks of its users: a User-Agent that names hemicycle, its version and a
way to reach whoever runs it; one query at a time, at least :data:`MIN_INTERVAL` seconds apart; retries with
exponential backoff and jitter (stamina) on connection errors, timeouts, 429 and 5xx answers, waiting as long
as a ``Retry-After`` header asks when there is one; connect and read timeouts; proxies from the environment
(httpx). A 4xx other than 429, or an endpoint still failing after the retries, is a :class:`EndpointError`
naming the endpoint and what it answered.
"""
from __future__ import annotations

import email.utils
import sys
import time
from datetime import datetime, timezone

import httpx2 as httpx
import stamina
from stamina.instrumentation import RetryDetails, set_on_retry_hooks

from hemicycle.ingest.pipeline import software_version
from hemicycle.ontology.errors import EndpointBusy, EndpointError

WIKIDATA_QUERY_SERVICE = "https://query.wikidata.org/sparql"
CONTACT = "https://w3id.org/hemicycle"
#: seconds between two queries to one endpoint, at least
MIN_INTERVAL = 1.0
ATTEMPTS = 5
#: the longest wait a Retry-After may impose, in seconds: a longer one fails the run rather than hang it
MAX_RETRY_AFTER = 120.0


def user_agent(contact: str = CONTACT) -> str:
    return f"hemicycle/{software_version()} ({contact}) httpx2/{httpx.__version__}"


def retry_after(value: str | None) -> float | None:
    """The seconds a ``Retry-After`` header asks to wait: a number of seconds or an HTTP date.

    >>> retry_after("3"), retry_after(None), retry_after("soon")
    (3.0, None, None)
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (moment - datetime.now(timezone.utc)).total_seconds())


def _tell(details: RetryDetails) -> None:
    """Say on standard error that a query is tried again, and why (stamina's own hook logs its event name)."""
    print(f"{details.name}: {details.caused_by}; trying again in {details.wait_for:.1f} s "
          f"(retry {details.retry_num})", file=sys.stderr)


set_on_retry_hooks([_tell])


def _backoff(error: Exception) -> bool | float:
    """stamina's hook: retry transport errors and answers worth retrying, for as long as Retry-After says."""
    if isinstance(error, EndpointBusy):
        return min(error.wait, MAX_RETRY_AFTER) if error.wait is not None else True
    return isinstance(error, httpx.TransportError)


class SparqlEndpoint:
    """One remote endpoint, queried with SELECT queries; answers are SPARQL 1.1 JSON results, as bytes."""

    def __init__(self, url: str = WIKIDATA_QUERY_SERVICE, *, contact: str = CONTACT, timeout: float = 60.0,
                 attempts: int = ATTEMPTS, min_interval: float = MIN_INTERVAL, wait_initial: float = 1.0):
        self.url, self.attempts, self.min_interval, self.wait_initial = url, attempts, min_interval, wait_initial
        self.client = httpx.Client(
            headers={"User-Agent": user_agent(contact), "Accept": "application/sparql-results+json"},
            timeout=httpx.Timeout(timeout, connect=min(10.0, timeout)), follow_redirects=True, trust_env=True)
        self._last = 0.0
        self.retries = 0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "SparqlEndpoint":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def select(self, query: str) -> bytes:
        """The JSON results of a SELECT query, after the retries it took."""
        try:
            for attempt in stamina.retry_context(on=_backoff, attempts=self.attempts, timeout=None,
                                                 wait_initial=self.wait_initial, wait_max=30.0,
                                                 name=self.url):
                with attempt:
                    if attempt.num > 1:
                        self.retries += 1
                    return self._post(query)
        except EndpointBusy as error:
            raise EndpointError(f"{self.url}: answered HTTP {error.status} {self.attempts} times "
                                f"({error.body[:200].strip() or 'no message'})") from None
        except httpx.TimeoutException:
            raise EndpointError(f"{self.url}: no answer within the timeout, {self.attempts} times") from None
        except httpx.TransportError as error:
            raise EndpointError(f"{self.url}: cannot be reached ({error})") from None
        raise AssertionError("unreachable")  # pragma: no cover

    def _post(self, query: str) -> bytes:
        wait = self._last + self.min_interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            response = self.client.post(self.url, data={"query": query})
        finally:
            self._last = time.monotonic()
        if response.status_code == 429 or response.status_code >= 500:
            raise EndpointBusy(response.status_code, retry_after(response.headers.get("Retry-After")), response.text)
        if response.status_code >= 400:
            raise EndpointError(f"{self.url}: refused the query, HTTP {response.status_code} "
                                f"({response.text[:300].strip() or 'no message'})")
        return response.content
