"""tk_odata against a real loopback HTTP server serving records from the real TK captures."""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
import requests
from conftest import DATA

from tracker.sources.base import Cursor, Fetched, FetchError
from tracker.sources.tk_odata import (
    Tombstone,
    build_filter,
    fetch_odata,
    fetch_odata_changes,
    next_cursor,
)

CAPTURES = DATA / "research" / "tk-odata"  # copies of shared/research/corpus/tk-odata
AGENDA_DOCX = Path(__file__).parent / "data" / "seed" / "jbz-2025-10-13.agenda.docx"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
JBZ_LETTER, JBZ_BIJLAGE = "2025D42093", "2025D42094"
MILIEU_LETTER, MILIEU_BESLISNOTA = "2025D42876", "2025D42877"
NOT_AGENDA = "2025D37078"  # "Verslag van de informele Raad JBZ ...": a Brief regering, no agenda
EXPAND_FIELDS = ("Id", "Soort", "DocumentNummer", "Onderwerp", "ContentType", "Verwijderd")
START = Cursor("2025-01-01T00:00:00+01:00")


def _captured() -> dict[str, dict[str, Any]]:
    records = json.loads(
        (CAPTURES / "Document-records_geannoteerde-agenda_and_JBZ-Raad.json").read_text()
    )
    return {r["DocumentNummer"]: r for r in records if r["DocumentNummer"]}


def _tombstone() -> dict[str, Any]:
    top3 = json.loads((CAPTURES / "capture_GET_Document_top3_2025-10-02.json").read_text())
    record = dict(next(r for r in top3["data"]["value"] if r["Verwijderd"]))
    record["GewijzigdOp"] = "2025-09-30T09:00:00+02:00"  # moved into the test window
    return record


def _as_attachment(record: dict[str, Any]) -> dict[str, Any]:
    return {k: record[k] for k in EXPAND_FIELDS}


def _documents() -> list[dict[str, Any]]:
    """The Document set as the expanded query would return it, oldest change first."""
    cap = _captured()
    jbz = dict(cap[JBZ_LETTER], BijlageDocument=[_as_attachment(cap[JBZ_BIJLAGE])])
    # The KOOP id of kst 32317 nr 973 (Volgnummer 973); the expansion itself is constructed.
    jbz["HuidigeDocumentVersie"] = {"ExterneIdentifier": "kst-32317-973"}
    milieu = dict(cap[MILIEU_LETTER], BijlageDocument=[_as_attachment(cap[MILIEU_BESLISNOTA])])
    milieu["HuidigeDocumentVersie"] = None
    docs = [dict(cap[NOT_AGENDA], BijlageDocument=[]), jbz, _tombstone(), milieu]
    return sorted(docs, key=lambda d: d["GewijzigdOp"])


@dataclass
class FakeODataServer:
    """The TK OData service on loopback: /Document with paging, /Document(<Id>)/Resource."""

    base: str = ""
    page_size: int = 2
    documents: list[dict[str, Any]] = field(default_factory=_documents)
    resources: dict[str, bytes] = field(default_factory=dict)
    filters: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    faults: list[str] = field(default_factory=list)  # one per request, in order: 503, timeout

    def page(self, query: dict[str, list[str]]) -> dict[str, Any]:
        flt = query["$filter"][0]
        self.filters.append(flt)
        since = re.search(r"GewijzigdOp ge (\S+)", flt)
        docs = [d for d in self.documents if not since or d["GewijzigdOp"] >= since.group(1)]
        skip = int(query.get("$skip", ["0"])[0])
        body: dict[str, Any] = {
            "@odata.context": f"{self.base}/$metadata#Document",
            "value": docs[skip : skip + self.page_size],
        }
        if skip + self.page_size < len(docs):
            rest = {k: v[0] for k, v in query.items()} | {"$skip": str(skip + self.page_size)}
            body["@odata.nextLink"] = f"{self.base}/Document?{urlencode(rest)}"
        return body


def _handler(fake: FakeODataServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            parts = urlsplit(self.path)
            fake.paths.append(parts.path)
            fault = fake.faults.pop(0) if fake.faults else None
            if fault == "503":
                self.send_response(503)
                self.send_header("Retry-After", "1")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if fault == "timeout":
                time.sleep(1.0)
            resource = re.fullmatch(r"/odata/Document\(([^)]+)\)/Resource", parts.path)
            if parts.path == "/odata/Document":
                page = fake.page(parse_qs(parts.query))
                self._send(200, json.dumps(page).encode(), "application/json")
            elif resource and resource.group(1) in fake.resources:
                self._send(200, fake.resources[resource.group(1)], DOCX)
            elif parts.path == "/broken/Document":
                self._send(200, b'{"value": [', "application/json")
            elif parts.path == "/shape/Document":
                self._send(200, b'{"value": {"Id": 1}}', "application/json")
            elif parts.path == "/down/Document":
                self._send(500, b"Internal Server Error", "text/plain")
            else:
                self._send(404, b"not found", "text/plain")

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


@pytest.fixture
def server() -> Iterator[tuple[FakeODataServer, str]]:
    fake = FakeODataServer()
    cap = _captured()
    fake.resources = {
        cap[JBZ_BIJLAGE]["Id"]: AGENDA_DOCX.read_bytes(),
        cap[MILIEU_LETTER]["Id"]: b"stand-in for the Milieuraad letter DOCX",
    }
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    root = f"http://127.0.0.1:{httpd.server_address[1]}"
    fake.base = f"{root}/odata"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield fake, root
    httpd.shutdown()
    httpd.server_close()
    thread.join(5)


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as s:
        yield s


def test_agenda_letters_yielded_once_with_attachment_bytes(server, session) -> None:
    fake, _ = server
    fetched = list(fetch_odata(session, fake.base, ["32317", "21501-08"], START, page_size=2))
    cap = _captured()
    assert fetched == [
        Fetched(
            source="tk_odata",
            official_id="kst-32317-973",
            url=f"{fake.base}/Document({cap[JBZ_BIJLAGE]['Id']})/Resource",
            data=AGENDA_DOCX.read_bytes(),
            modified="2025-09-29T14:08:05.6+02:00",
            title="Geannoteerde agenda van de formele JBZ-Raad 13 14 oktober 2025",
        ),
        Fetched(  # only a PDF beslisnota attached: falls back to the letter's own Resource
            source="tk_odata",
            official_id=MILIEU_LETTER,
            url=f"{fake.base}/Document({cap[MILIEU_LETTER]['Id']})/Resource",
            data=b"stand-in for the Milieuraad letter DOCX",
            modified="2025-10-02T10:29:23.217+02:00",
            title="Geannoteerde Agenda Milieuraad van 21 oktober 2025",
        ),
    ]
    assert fake.paths.count("/odata/Document") == 2  # two pages, followed via nextLink


def test_tombstones_are_reported(server, session) -> None:
    fake, _ = server
    changes = list(fetch_odata_changes(session, fake.base, ["32317"], START, page_size=2))
    assert [c for c in changes if isinstance(c, Tombstone)] == [
        Tombstone("245d6d3a-bea5-4d45-a9ea-fffff5a8d2bf", "2025-09-30T09:00:00+02:00")
    ]
    assert [c.official_id for c in changes if isinstance(c, Fetched)] == [
        "kst-32317-973",
        MILIEU_LETTER,
    ]


def test_cursor_filters_by_gewijzigdop_and_yields_nothing_new(server, session) -> None:
    fake, _ = server
    first = list(fetch_odata_changes(session, fake.base, ["32317"], START))
    cursor = next_cursor(first, START)
    assert cursor == Cursor("2025-10-02T10:29:23.217+02:00")
    assert list(fetch_odata_changes(session, fake.base, ["32317"], cursor)) == []
    assert fake.filters[-1].startswith("GewijzigdOp ge 2025-10-02T10:29:23.217+02:00 and ")
    assert next_cursor([], cursor) == cursor


def test_filter_without_cursor_asks_for_letters_only() -> None:
    assert build_filter(["32317", "21501-32"], Cursor()) == (
        "Soort eq 'Brief regering' and contains(tolower(Onderwerp),'geannoteerde agenda')"
        " and Kamerstukdossier/any(d:(d/Nummer eq 32317)"
        " or (d/Nummer eq 21501 and d/Toevoeging eq '32'))"
    )


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("broken", r"/broken/Document\?.*: response is not JSON"),
        ("shape", r"/shape/Document\?.*: OData response has no 'value' list"),
        ("down", r"/down/Document\?.*: HTTP 500"),
    ],
    ids=["malformed-json", "unexpected-shape", "http-500"],
)
def test_faults_raise_fetch_error_naming_the_url(server, session, path, message) -> None:
    _, root = server
    with pytest.raises(FetchError, match=rf"^http://127\.0\.0\.1:\d+{message}"):
        list(fetch_odata(session, f"{root}/{path}", ["32317"], START))


def test_bad_dossier_is_rejected() -> None:
    with pytest.raises(FetchError, match="'JBZ'"):
        build_filter(["JBZ"], Cursor())


def test_a_retrying_session_rides_out_a_503_and_a_timeout(server) -> None:  # type: ignore[no-untyped-def]
    """With the session `tracker fetch` uses, transient faults cost time, not letters."""
    from tracker.sources.http import make_session

    fake, _ = server
    fake.faults = ["503", "timeout"]  # the first page: busy, then too slow
    with make_session(retries=3, backoff=0.01) as retrying:
        fetched = list(
            fetch_odata(retrying, fake.base, ["32317", "21501-08"], START, 2, timeout=(1, 0.5))
        )
    assert [f.official_id for f in fetched] == ["kst-32317-973", MILIEU_LETTER]
    assert fake.paths[:3] == ["/odata/Document"] * 3  # asked three times for the first page
