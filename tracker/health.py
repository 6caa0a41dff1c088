"""What the operator is told: short lines for network errors, and whether fetching is healthy.

Pure: values in, values out. The daemon logs `short_error` lines; `/healthz` answers 503
with `fetch_problems` when there are any.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta

from tracker.records import dataclass
from tracker.store.state import SourceState

RUN = "run"  # the state under which a whole fetch's last run and success are kept


@dataclass(frozen=True)
class ErrorShape:
    """A kind of failure as requests/urllib3 words it, and the short line to say instead."""

    pattern: str  # searched in the error text; named groups fill `says`
    says: str
    example: str  # a real error text (from a run against a dead host or port)
    expected: str


_HOST = r"host='(?P<host>[^']+)', port=(?P<port>\d+)\)"
_SRU = "http://repository.overheid.nl/sru?operation=searchRetrieve&version=2.0"
ERROR_SHAPES = (
    ErrorShape(
        r"Failed to resolve '(?P<host>[^']+)'",
        "cannot resolve {host}",
        f"{_SRU}: connection failed: HTTPConnectionPool(host='repository.overheid.nl', "
        f"port=80): Max retries exceeded with url: /sru?operation=searchRetrieve (Caused by "
        "NameResolutionError(\"HTTPConnection(host='repository.overheid.nl', port=80): Failed "
        "to resolve 'repository.overheid.nl' ([Errno -2] Name or service not known)\"))",
        "cannot resolve repository.overheid.nl",
    ),
    ErrorShape(
        _HOST + r".*Connection refused",
        "connection refused by {host}:{port}",
        "http://127.0.0.1:9/odata/Document: request failed (HTTPConnectionPool(host='127.0.0.1',"
        " port=9): Max retries exceeded with url: /odata/Document?%24filter=Soort (Caused by "
        "NewConnectionError(\"HTTPConnection(host='127.0.0.1', port=9): Failed to establish a "
        'new connection: [Errno 111] Connection refused")))',
        "connection refused by 127.0.0.1:9",
    ),
    ErrorShape(
        _HOST + r".*(?:timed out|Timeout)",
        "no answer from {host} (timed out)",
        "http://10.255.255.1/sru?x=1: timed out: HTTPConnectionPool(host='10.255.255.1', "
        "port=80): Max retries exceeded with url: /sru?x=1 (Caused by ConnectTimeoutError("
        "<urllib3.connection.HTTPConnection object at 0x7f>, 'Connection to 10.255.255.1 timed "
        "out. (connect timeout=5)'))",
        "no answer from 10.255.255.1 (timed out)",
    ),
    ErrorShape(
        _HOST + r".*Network is unreachable",
        "network unreachable (to {host})",
        "https://repository.overheid.nl/sru?x=1: connection failed: HTTPSConnectionPool(host="
        "'repository.overheid.nl', port=443): Max retries exceeded with url: /sru?x=1 (Caused by"
        " NewConnectionError('<urllib3.connection.HTTPSConnection object at 0x7f>: Failed to "
        "establish a new connection: [Errno 101] Network is unreachable'))",
        "network unreachable (to repository.overheid.nl)",
    ),
    ErrorShape(
        _HOST + r".*(?:SSLError|CERTIFICATE_VERIFY_FAILED)",
        "TLS failure with {host}",
        "https://repository.overheid.nl/sru?x=1: connection failed: HTTPSConnectionPool(host="
        "'repository.overheid.nl', port=443): Max retries exceeded with url: /sru?x=1 (Caused by"
        " SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] certificate "
        "verify failed')))",
        "TLS failure with repository.overheid.nl",
    ),
    ErrorShape(
        _HOST + r".*too many (?P<status>\d)\d\d error responses",
        "{host} kept answering HTTP {status}xx (gave up after retries)",
        "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Document: gave up after retries:"
        " HTTPSConnectionPool(host='gegevensmagazijn.tweedekamer.nl', port=443): Max retries "
        "exceeded with url: /OData/v4/2.0/Document (Caused by ResponseError('too many 503 error"
        " responses'))",
        "gegevensmagazijn.tweedekamer.nl kept answering HTTP 5xx (gave up after retries)",
    ),
    ErrorShape(
        r"^\w+://(?P<host>[^/:?]+)[^ ]*: HTTP (?P<status>\d{3}[^\n]*)$",
        "{host} answered HTTP {status}",
        "https://repository.overheid.nl/sru?operation=searchRetrieve: HTTP 500 Internal Server "
        "Error",
        "repository.overheid.nl answered HTTP 500 Internal Server Error",
    ),
)
MAX_LINE = 300


def short_error(error: str) -> str:
    """The error in one short line: "cannot resolve repository.overheid.nl".

    An error of no known shape is kept, cut at its first line and at MAX_LINE characters.
    """
    for shape in ERROR_SHAPES:
        found = re.search(shape.pattern, error, re.DOTALL)
        if found:
            return shape.says.format(**found.groupdict())
    line = error.strip().splitlines()[0] if error.strip() else "failed"
    return line if len(line) <= MAX_LINE else line[: MAX_LINE - 1] + "…"


def fetch_problems(
    states: Sequence[SourceState],
    now: datetime,
    healthy_within: timedelta | None,
    scheduled: bool = True,
) -> list[str]:
    """Why fetching is unhealthy at `now`, or nothing when it is healthy.

    A source that failed in the last whole fetch (or in a run of its own since) is a
    problem, and so is no successful whole fetch within `healthy_within` (None: no limit).
    A fetch whose sources all answered succeeded: a letter that fails alone is tried again
    every run and reported by its source once it keeps failing, not here. A server with no
    schedule of its own (`tracker serve`, fetched by hand or by cron, or never) is not
    failing before its first fetch; once fetches are recorded they count as always.
    """
    run = next((s for s in states if s.name == RUN), None)
    if run is None or run.last_run is None:
        return ["no fetch has run yet"] if healthy_within is not None and scheduled else []
    failed = [
        s
        for s in states
        if s.name != RUN and s.last_error and s.last_run and s.last_run >= run.last_run
    ]
    problems = [f"{s.name}: {short_error(s.last_error or '')}" for s in failed]
    # A run whose sources all answered succeeded, whatever became of single letters.
    last = run.last_success if failed else run.last_run
    if healthy_within is not None:
        if last is None:
            problems.append("no fetch has succeeded yet")
        elif now - last > healthy_within:
            hours = f"{healthy_within.total_seconds() / 3600:g}"
            problems.append(f"no fetch has succeeded within {hours} h (last: {last.isoformat()})")
    return problems
