"""`tracker sources check`: one request per assumption the fetchers make about the live
services (research/api-checks.md §6), and what each returned.

Nothing here was ever run live when the fetchers were written; this is the first thing to
run on a machine with internet. Each probe is a row: the source, the assumption (with its
number in api-checks.md), how to ask and how to read the answer. A probe that needs an
earlier answer (a Document Id, a file URL) says so when it has none.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

import requests
from lxml import etree

from tracker.config import SourceConfig
from tracker.errors import TrackerError
from tracker.records import dataclass
from tracker.sources.http import describe
from tracker.sources.koop_sru import parse_page

TIMEOUT = (5.0, 30.0)
LETTERS = (
    "Verwijderd eq false and Soort eq 'Brief regering'"
    " and contains(tolower(Onderwerp),'geannoteerde agenda')"
    " and Kamerstukdossier/any(d:{dossier})"
)
EXPAND = (
    "BijlageDocument($select=Id,Soort,Onderwerp,ContentType),"
    "HuidigeDocumentVersie($select=ExterneIdentifier)"
)
SRU_QUERY = (
    'c.product-area=="officielepublicaties" AND w.dossiernummer=="{dossier}"'
    ' AND w.publicatienaam=="Kamerstuk" AND dt.type=="Kamerstuk"'
)


class NoNetwork(TrackerError):
    """None of the configured services can be reached."""


@dataclass(frozen=True)
class Result:
    """What one probe asked and what came back."""

    source: str
    assumption: str
    url: str
    ok: bool
    returned: str


@dataclass
class _Seen:
    """Answers later probes build on."""

    document_id: str | None = None
    koop_file: str | None = None


@dataclass(frozen=True)
class _Probe:
    source: str
    assumption: str
    url: Callable[[str, str, datetime, _Seen], str | None]  # base, dossier, now, seen
    read: Callable[[requests.Response, _Seen], tuple[bool, str]]


def check_sources(
    session: requests.Session, sources: list[SourceConfig], now: datetime
) -> Iterator[Result]:
    """Run every probe of the configured sources, in order; NoNetwork when none answers."""
    reachable = {s.name: _reachable(s.url) for s in sources}
    if sources and not any(r is None for r in reachable.values()):
        hosts = ", ".join(f"{s.name}: {reachable[s.name]}" for s in sources)
        raise NoNetwork(f"no network: cannot reach any source ({hosts})")
    seen = _Seen()
    by_name = {s.name: s for s in sources}
    for probe in PROBES:
        source = by_name.get(probe.source)
        if source is None:
            continue
        if reachable[source.name] is not None:
            yield Result(
                source.name, probe.assumption, source.url, False, str(reachable[source.name])
            )
            continue
        yield _run(session, probe, source, now, seen)


def _reachable(url: str) -> str | None:
    """None when a TCP connection to the URL's host opens, else why not."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        socket.create_connection((host, port), timeout=TIMEOUT[0]).close()
    except socket.gaierror:
        return f"cannot resolve {host}"
    except OSError as exc:
        return f"cannot connect to {host}:{port} ({exc.strerror or exc})"
    return None


def _run(
    session: requests.Session, probe: _Probe, source: SourceConfig, now: datetime, seen: _Seen
) -> Result:
    base = source.url.rstrip("/")
    dossier = source.dossiers[0] if source.dossiers else "32317"
    if probe.source == "tk_odata":
        number, _, suffix = dossier.partition("-")
        dossier = f"d/Nummer eq {number}" + (f" and d/Toevoeging eq '{suffix}'" if suffix else "")
    url = probe.url(base, dossier, now, seen)
    if url is None:
        return Result(
            source.name,
            probe.assumption,
            "-",
            False,
            "not asked: an earlier probe found nothing to ask for",
        )
    try:
        response = session.get(url, timeout=TIMEOUT)
    except requests.RequestException as exc:
        return Result(source.name, probe.assumption, url, False, describe(exc))
    if response.status_code != 200:
        body = response.text[:200].replace("\n", " ")
        return Result(
            source.name, probe.assumption, url, False, f"HTTP {response.status_code}: {body}"
        )
    try:
        ok, returned = probe.read(response, seen)
    except (ValueError, KeyError, TypeError, etree.LxmlError, TrackerError) as exc:
        ok, returned = False, f"unreadable answer: {exc}"
    return Result(source.name, probe.assumption, url, ok, returned)


# ------------------------------------------------------------------ TK OData


def _odata(base: str, **params: str) -> str:
    return f"{base}/Document?{urlencode(params)}"


def _rows(response: requests.Response) -> tuple[list[dict[str, Any]], str | None]:
    page = json.loads(response.content)
    return page["value"], page.get("@odata.nextLink")


def _read_letters(response: requests.Response, seen: _Seen) -> tuple[bool, str]:
    rows, _ = _rows(response)
    if not rows:
        return False, "0 rows: no agenda letter in the dossier (or the filter is not understood)"
    newest = rows[0]
    attachments = newest.get("BijlageDocument") or []
    target = next((a for a in attachments if "agenda" in str(a.get("Onderwerp")).lower()), newest)
    seen.document_id = str(target.get("Id"))
    version = newest.get("HuidigeDocumentVersie") or {}
    types = ", ".join(str(a.get("ContentType")) for a in attachments) or "none"
    return True, (
        f"{len(rows)} rows; newest {newest.get('DocumentNummer')} "
        f"(ApiGewijzigdOp {newest.get('ApiGewijzigdOp')}, {version.get('ExterneIdentifier')}), "
        f"attachments: {types}"
    )


def _read_paging(response: requests.Response, _seen: _Seen) -> tuple[bool, str]:
    rows, following = _rows(response)
    ok = len(rows) == 250 and following is not None
    return ok, f"{len(rows)} rows, @odata.nextLink {'present' if following else 'absent'}"


def _read_top(response: requests.Response, _seen: _Seen) -> tuple[bool, str]:
    rows, following = _rows(response)
    text = f"{len(rows)} rows, @odata.nextLink {'present' if following else 'absent'}"
    return following is None, text + " (expected absent: #70)"


def _read_deleted(response: requests.Response, _seen: _Seen) -> tuple[bool, str]:
    rows, _ = _rows(response)
    if not rows:
        return False, "0 deleted rows returned"
    nulled = [k for k, v in rows[0].items() if v is None]
    return rows[0].get(
        "Soort"
    ) is None, f"deleted row {rows[0].get('Id')}: {len(nulled)} fields null"


def _read_recent(response: requests.Response, _seen: _Seen) -> tuple[bool, str]:
    rows, following = _rows(response)
    first = rows[0].get("ApiGewijzigdOp") if rows else None
    more = ", more pages" if following else ""
    return True, f"{len(rows)} rows changed in the API in the last two days{more}; oldest {first}"


def _read_resource(response: requests.Response, _seen: _Seen) -> tuple[bool, str]:
    head = response.content[:8]
    kind = (
        "DOCX (zip)"
        if head.startswith(b"PK")
        else "PDF"
        if head.startswith(b"%PDF")
        else (".doc (OLE)" if head.startswith(b"\xd0\xcf\x11\xe0") else f"unknown bytes {head!r}")
    )
    return not kind.startswith("unknown"), (
        f"{len(response.content):,} bytes, {response.headers.get('Content-Type')}: {kind}"
    )


# ------------------------------------------------------------------ KOOP SRU


def _sru(base: str, query: str, records: int) -> str:
    params = {
        "operation": "searchRetrieve",
        "version": "2.0",
        "recordSchema": "gzd",
        "maximumRecords": str(records),
        "query": query,
    }
    return f"{base}?{urlencode(params)}"


def _read_sru(response: requests.Response, seen: _Seen) -> tuple[bool, str]:
    page = parse_page(response.content, response.url)
    root = etree.fromstring(response.content)
    precision = root.findtext("{*}resultCountPrecision") or "not stated"
    agendas = [r for r in page.records if "geannoteerde agenda" in r.title.lower()]
    chambers = sorted({r.chamber for r in page.records})
    for record in page.records:
        seen.koop_file = seen.koop_file or record.urls.get("xml")
    first = page.records[0] if page.records else None
    described = (
        f"first {first.identifier}: type {first.doctype!r}, kind {first.subrubriek!r}"
        if first
        else "no records"
    )
    return bool(page.records), (
        f"{len(page.records)} records of ~{page.total} ({precision.rsplit('/', 1)[-1]}), "
        f"nextRecordPosition {page.next_position}; {len(agendas)} geannoteerde agenda's; "
        f"chambers {', '.join(chambers) or '-'}; {described}"
    )


def _read_file(response: requests.Response, _seen: _Seen) -> tuple[bool, str]:
    root = etree.fromstring(response.content)
    return True, f"{len(response.content):,} bytes of XML, root <{etree.QName(root).localname}>"


def _since(now: datetime) -> str:
    return (now - timedelta(days=2)).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


PROBES = (
    _Probe(
        "tk_odata",
        "T3-T5, T11, T15: agenda letters of a dossier, with attachments and kst- id",
        lambda b, d, n, s: _odata(
            b,
            **{
                "$filter": LETTERS.format(dossier=d),
                "$orderby": "ApiGewijzigdOp desc",
                "$expand": EXPAND,
            },
        ),
        _read_letters,
    ),
    _Probe(
        "tk_odata",
        "T9: without $top the server pages at 250 with @odata.nextLink",
        lambda b, d, n, s: _odata(b, **{"$filter": "Verwijderd eq false", "$select": "Id"}),
        _read_paging,
    ),
    _Probe(
        "tk_odata",
        "T9: with $top there is no @odata.nextLink",
        lambda b, d, n, s: _odata(
            b, **{"$filter": "Verwijderd eq false", "$select": "Id", "$top": "300"}
        ),
        _read_top,
    ),
    _Probe(
        "tk_odata",
        "T8: deleted Documents come back with their fields nulled",
        lambda b, d, n, s: _odata(b, **{"$filter": "Verwijderd eq true", "$top": "1"}),
        _read_deleted,
    ),
    _Probe(
        "tk_odata",
        "T6, T7: ApiGewijzigdOp filters and orders (UTC literal)",
        lambda b, d, n, s: _odata(
            b,
            **{
                "$filter": f"ApiGewijzigdOp ge {_since(n)} and Verwijderd eq false",
                "$orderby": "ApiGewijzigdOp asc,Id asc",
                "$select": "Id,ApiGewijzigdOp",
            },
        ),
        _read_recent,
    ),
    _Probe(
        "tk_odata",
        "T13, T14: Document(<Id>)/Resource gives the agenda's bytes",
        lambda b, d, n, s: f"{b}/Document({s.document_id})/Resource" if s.document_id else None,
        _read_resource,
    ),
    _Probe(
        "koop_sru",
        "S1-S11, S14, S19: a dossier's kamerstukken, sortBy accepted",
        lambda b, d, n, s: _sru(
            b, SRU_QUERY.format(dossier=d) + " sortBy dt.modified/sort.descending", 5
        ),
        _read_sru,
    ),
    _Probe(
        "koop_sru",
        "S4, S10, S12: 100 records a page without sortBy; the total is an estimate",
        lambda b, d, n, s: _sru(b, SRU_QUERY.format(dossier=d), 100),
        _read_sru,
    ),
    _Probe(
        "koop_sru",
        "S17: the record's XML manifestation downloads",
        lambda b, d, n, s: s.koop_file,
        _read_file,
    ),
)


def format_result(result: Result) -> str:
    """A probe's verdict, what it asked and what it got, in three lines."""
    verdict = "ok" if result.ok else "NOT AS ASSUMED"
    return (
        f"{result.source}  {result.assumption}\n  GET {result.url}\n  {verdict}: {result.returned}"
    )
