"""koop_sru against a real loopback HTTP server serving SRU pages built from the captures.

No capture holds a geannoteerde-agenda record, so the agenda records are the real record
kst-32545-143 of the KOOP fixture with identifier, dossier, subrubriek, titles and dates
rewritten; the fixture's real Motie, Aanhangsel and Bijlage records stay in every result as
records that must be skipped. Manifestations are the real kst-32317 XML captures.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import DATA

from tracker.sources.base import Cursor, Fetched, FetchError, Unreadable
from tracker.sources.http import RETRY_AFTER_MAX, USER_AGENT, RateLimit, get, make_session
from tracker.sources.koop_sru import build_query, fetch_sru, next_cursor

CORPUS = DATA / "research"  # copies of shared/research/corpus
FIXTURE = CORPUS / "koop-sru/repository.overheid.nl_sru_searchRetrieve_gzd_KOOP-test-fixture.xml"
KST = CORPUS / "kst-xml/kst-32317-moties"
MOCK = "http://__MOCK_SERVICE__/repository.overheid.nl"
READ_TIMEOUT = 0.4
AGENDAS = {f"kst-32317-{n}": f"2025-01-0{i + 1}" for i, n in enumerate(range(940, 945))}

_RECORD_RE = re.compile(r"<sru:record>.*?</sru:record>", re.S)
_MODIFIED_RE = re.compile(r"<dcterms:modified>([^<]+)</dcterms:modified>")
_HEAD, _, _ = FIXTURE.read_text(encoding="utf-8").partition("<sru:records>")
REAL_RECORDS = _RECORD_RE.findall(FIXTURE.read_text(encoding="utf-8"))[:3]


def agenda_record(identifier: str, modified: str) -> str:
    """The real Motie record rewritten into a geannoteerde-agenda government letter."""
    record = REAL_RECORDS[0]
    title = f"Geannoteerde agenda JBZ-Raad ({identifier})"
    record = record.replace("kst-32545-143", identifier).replace("32545", "32317")
    record = re.sub(r"(<overheidwetgeving:documenttitel>)[^<]+", rf"\g<1>{title}", record)
    record = re.sub(r"(<dcterms:title>)[^<]+", rf"\g<1>JBZ-Raad; Brief regering; {title}", record)
    record = record.replace(
        ">Motie</overheidwetgeving:subrubriek>", ">Brief regering</overheidwetgeving:subrubriek>"
    )
    return _MODIFIED_RE.sub(f"<dcterms:modified>{modified}</dcterms:modified>", record)


ALL_RECORDS = sorted(
    REAL_RECORDS + [agenda_record(i, m) for i, m in AGENDAS.items()],
    key=lambda r: _MODIFIED_RE.search(r).group(1),  # type: ignore[union-attr]
)


@dataclass
class Server:
    base: str
    faults: dict[str, list[str]] = field(default_factory=dict)
    seen: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    documents: dict[str, bytes] = field(default_factory=dict)  # identifier -> bytes served

    def fault(self, key: str) -> str | None:
        queue = self.faults.get(key) or []
        if not queue:
            return None
        return queue[0].removeprefix("always:") if queue[0].startswith("always:") else queue.pop(0)


def sru_page(server: Server, query: dict[str, list[str]]) -> bytes:
    """One SRU 2.0 page of ALL_RECORDS, filtered on dt.modified>= as the query asks."""
    cql = query["query"][0]
    since = re.search(r'dt\.modified>="([^"]+)"', cql)
    records = [
        r for r in ALL_RECORDS if not since or _MODIFIED_RE.search(r).group(1) >= since.group(1)
    ]  # type: ignore[union-attr]
    start, size = int(query["startRecord"][0]), int(query["maximumRecords"][0])
    page = records[start - 1 : start - 1 + size]
    following = start + len(page)
    more = (
        f"<sru:nextRecordPosition>{following}</sru:nextRecordPosition>"
        if following <= len(records)
        else ""
    )
    head = _HEAD.replace("<sru:numberOfRecords>3<", f"<sru:numberOfRecords>{len(records)}<")
    body = f"{head}<sru:records>{''.join(page)}</sru:records>{more}</sru:searchRetrieveResponse>"
    return body.replace(MOCK, server.base).encode()


class Handler(BaseHTTPRequestHandler):
    server_state: Server

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:
        state = self.server_state
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        state.seen.append((self.path, dict(self.headers)))
        key = f"sru:{query['startRecord'][0]}" if parts.path == "/sru" else Path(parts.path).stem
        try:
            self.respond(state, key, parts.path, query)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def respond(self, state: Server, key: str, path: str, query: dict[str, list[str]]) -> None:
        if path == "/sru":
            body, etag = sru_page(state, query), None
        else:
            stem = Path(path).stem
            body = state.documents.get(stem) or (KST / f"{stem}.xml").read_bytes()
            etag = '"v1"'
        fault = state.fault(key)
        if etag and self.headers.get("If-None-Match") == etag:
            return self.send(304, b"", etag=etag)
        if fault == "timeout":
            time.sleep(READ_TIMEOUT * 2)
        elif fault in ("500", "503"):
            extra = {"Retry-After": "1"} if fault == "503" else {}
            return self.send(int(fault), b"busy", **extra)
        elif fault == "truncated":
            self.close_connection = True
            return self.send(200, body, length=len(body) + 100)
        elif fault == "malformed":
            return self.send(200, body[: len(body) // 2])
        elif fault == "redirect":
            sep = "&" if "?" in self.path else "?"
            return self.send(302, b"", Location=f"{self.path}{sep}moved=1")
        self.send(200, body, drip=fault == "drip", etag=etag)

    def send(
        self,
        status: int,
        body: bytes,
        length: int | None = None,
        drip: bool = False,
        etag: str | None = None,
        **headers: str,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", str(len(body) if length is None else length))
        if etag:
            self.send_header("ETag", etag)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        chunks = [body[i : i + 500] for i in range(0, len(body), 500)] if drip else [body]
        for chunk in chunks:
            self.wfile.write(chunk)
            self.wfile.flush()
            if drip:
                time.sleep(READ_TIMEOUT / 8)


@pytest.fixture
def server() -> Iterator[Server]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state = Server(base=f"http://127.0.0.1:{httpd.server_address[1]}")
    Handler.server_state = state
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def doc_url(server: Server, identifier: str) -> str:
    return f"{server.base}/frbr/officielepublicaties/kst/32317/{identifier}/1/xml/{identifier}.xml"


def fetch(server: Server, cursor: Cursor | None = None, retries: int = 4) -> list[Any]:
    with make_session(USER_AGENT, retries=retries, backoff=0.01) as session:
        items = fetch_sru(
            session,
            f"{server.base}/sru",
            ["32317"],
            cursor or Cursor(),
            page_size=2,
            timeout=(1, READ_TIMEOUT),
        )
        return list(items)


def test_faults_are_retried_and_each_letter_arrives_once(server: Server) -> None:
    server.faults = {
        "sru:1": ["500"],
        "sru:3": ["503"],
        "sru:5": ["redirect"],
        "kst-32317-940": ["timeout"],
        "kst-32317-941": ["truncated"],
        "kst-32317-942": ["drip"],
        "kst-32317-943": ["redirect"],
        "kst-32317-944": ["500", "502"],
    }
    fetched = fetch(server)
    assert [(f.official_id, f.modified) for f in fetched] == list(AGENDAS.items())
    for item in fetched:
        assert item.source == "koop_sru"
        assert item.data == (KST / f"{item.official_id}.xml").read_bytes()
        assert item.url == doc_url(server, item.official_id)
        assert item.title == f"Geannoteerde agenda JBZ-Raad ({item.official_id})"
    assert all(q == [] for q in server.faults.values())  # every fault was really hit
    assert {headers["User-Agent"] for _, headers in server.seen} == {USER_AGENT}
    assert re.fullmatch(r"tracker/\d+\.\d+\.\d+\S* \(.+\)", USER_AGENT)


def test_cursor_makes_the_second_run_ask_only_for_newer_records(server: Server) -> None:
    first = fetch(server)
    cursor = next_cursor(first, Cursor())
    assert cursor == Cursor("2025-01-05")
    server.seen.clear()
    second = fetch(server, cursor)
    sru_queries = [
        parse_qs(urlsplit(p).query)["query"][0] for p, _ in server.seen if p.startswith("/sru")
    ]
    assert sru_queries and all('dt.modified>="2025-01-05"' in q for q in sru_queries)
    # Day-granular cursor: only the boundary day is read again, and it is not new.
    assert [f.official_id for f in second] == ["kst-32317-944"]
    assert second[0] == first[-1]
    assert next_cursor(second, cursor) == cursor


@pytest.mark.parametrize(
    ("key", "fault", "url_part"),
    [
        ("sru:1", "always:500", "/sru?operation=searchRetrieve"),
        ("sru:3", "always:malformed", "startRecord=3"),
    ],
    ids=["sru-500", "sru-malformed"],
)
def test_persistent_search_fault_raises_fetch_error_naming_the_url(
    server: Server, key: str, fault: str, url_part: str
) -> None:
    server.faults = {key: [fault]}
    with pytest.raises(FetchError, match=re.escape(url_part)):
        fetch(server, retries=1)


@pytest.mark.parametrize(
    ("key", "fault"),
    [("kst-32317-941", "always:truncated"), ("kst-32317-942", "always:timeout")],
    ids=["document-truncated", "document-timeout"],
)
def test_persistent_document_fault_is_that_letters_failure_naming_the_url(
    server: Server, key: str, fault: str
) -> None:
    """One letter's file failing does not end the source's run: the rest arrive."""
    server.faults = {key: [fault]}
    items = fetch(server, retries=1)
    failed = [i for i in items if isinstance(i, Unreadable)]
    assert [f.url for f in failed] == [doc_url(server, key)]
    assert failed[0].error.startswith(doc_url(server, key) + ": ")
    assert len([i for i in items if isinstance(i, Fetched)]) == 4


def test_conditional_get_returns_none_when_unchanged(server: Server) -> None:
    url = doc_url(server, "kst-32317-940")
    with make_session(USER_AGENT, retries=0) as session:
        response = get(session, url, timeout=(1, 2))
        assert response is not None and response.headers["ETag"] == '"v1"'
        assert get(session, url, timeout=(1, 2), etag='"v1"') is None
        assert get(session, url, timeout=(1, 2), etag='"v0"') is not None
    assert server.seen[1][1]["If-None-Match"] == '"v1"'


def test_connection_refused_names_the_url() -> None:
    with make_session(USER_AGENT, retries=1, backoff=0.01) as session:
        with pytest.raises(FetchError, match=r"http://127\.0\.0\.1:9/x: connection failed"):
            get(session, "http://127.0.0.1:9/x", timeout=(0.5, 0.5))


def test_session_retries_with_capped_retry_after() -> None:
    adapter = make_session(USER_AGENT).get_adapter("https://repository.overheid.nl/sru")
    retry = adapter.max_retries  # type: ignore[attr-defined]
    assert retry.retry_after_max == RETRY_AFTER_MAX == 300
    assert retry.respect_retry_after_header and retry.backoff_jitter > 0
    assert set(retry.status_forcelist) == {429, 500, 502, 503, 504}


def test_rate_limit_spaces_calls() -> None:
    now = [100.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    limit = RateLimit(2.0, clock=lambda: now[0], sleep=sleep)
    limit.wait()
    limit.wait()
    now[0] += 0.2
    limit.wait()
    now[0] += 5
    limit.wait()
    assert slept == pytest.approx([0.5, 0.3])


def test_query_excludes_bijlagen_and_carries_the_cursor() -> None:
    assert build_query("21501-02", Cursor("2025-01-05")) == (
        'c.product-area=="officielepublicaties" AND w.dossiernummer=="21501-02" AND '
        'w.publicatienaam=="Kamerstuk" AND dt.type=="Kamerstuk" AND dt.modified>="2025-01-05"'
    )


def test_tracker_fetch_stores_the_letters_and_resumes(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole path: `tracker fetch` against the SRU server, into the store, twice."""
    from click.testing import CliRunner
    from conftest import DEV, SEED, write_config

    from tracker.cli import main

    server.documents = {
        "kst-32317-940": (SEED / "jbz-2025-10-13.xml").read_bytes(),
        "kst-32317-941": (DEV / "10-meeting-moved-notes-renumbered" / "new.pdf.txt").read_bytes(),
        "kst-32317-942": (DEV / "11-next-meeting-eerste-kamer" / "new.pdf").read_bytes(),
        "kst-32317-943": (DEV / "05-position-changes" / "new.html").read_bytes(),
        "kst-32317-944": (SEED / "jbz-2025-10-13.html").read_bytes(),
    }
    server.faults = {"sru:1": ["500"], "kst-32317-942": ["truncated"]}
    config = write_config(
        tmp_path,
        f'[sources.koop_sru]\nurl = "{server.base}/sru"\n'
        "[sources.tk_odata]\nenabled = false\n[sources.inbox]\nenabled = false\n",
    )
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    first = CliRunner().invoke(main, ["--config", str(config), "fetch"])
    assert first.exit_code == 0, first.output
    assert first.stdout == (
        "koop_sru: 5 files: 3 added, 1 new versions, 1 other renditions, 0 unchanged, "
        f"0 failed, {first.stdout.split(', ')[-1]}"
    )
    server.seen.clear()
    second = CliRunner().invoke(main, ["--config", str(config), "fetch"])
    assert second.exit_code == 0
    # The cursor's own day comes again, asked for conditionally: 304, nothing to ingest.
    assert second.stdout.startswith("koop_sru: 0 files: 0 added")
    documents = [(path, headers) for path, headers in server.seen if not path.startswith("/sru")]
    assert [path.rsplit("/", 1)[-1] for path, _ in documents] == ["kst-32317-944.xml"]
    assert documents[0][1].get("If-None-Match") == '"v1"'


# ------------------------------------------------ against the replay of the live service


def _koop_agendas(koop, kinds_first: bool = False) -> list[str]:  # type: ignore[no-untyped-def]
    """Five agenda records (kst-32317-940..944) among the captured ones, files served."""
    from replay import agenda_record

    identifiers = list(AGENDAS)
    for identifier, modified in AGENDAS.items():
        path = f"/frbr/officielepublicaties/kst/32317/{identifier}/1/xml/{identifier}.xml"
        title = f"Geannoteerde agenda JBZ-Raad ({identifier})"
        koop.records.append(
            agenda_record(identifier, title, modified, koop.base + path, kinds_first=kinds_first)
        )
        koop.files[path] = ((KST / f"{identifier}.xml").read_bytes(), "application/xml")
    return identifiers


@pytest.mark.parametrize("kinds_first", [False, True], ids=["one-type", "kamerstuktypen-first"])
def test_replay_every_letter_arrives_though_the_total_is_an_estimate(kinds_first: bool) -> None:
    """Paging ends where no nextRecordPosition comes (the replay's total is 3 too low), and
    the Kamerstuk type is read by its scheme, whichever dcterms:type comes first (S12, S14)."""
    from replay import KoopReplay, serving

    koop = KoopReplay()
    with serving(koop) as root:
        identifiers = _koop_agendas(koop, kinds_first)
        with make_session(USER_AGENT, retries=0) as session:
            items = list(fetch_sru(session, f"{root}/sru", ["32317"], Cursor(), page_size=2))
    assert [i.official_id for i in items] == identifiers
    searches = [parse_qs(urlsplit(p).query) for p in koop.requests if p.startswith("/sru")]
    assert [q["startRecord"][0] for q in searches] == ["1", "3", "5"]
    assert all("sortBy" not in q["query"][0] for q in searches)


def test_replay_pages_are_a_hundred_records_by_default() -> None:
    from replay import KoopReplay, serving

    koop = KoopReplay()
    with serving(koop) as root:
        _koop_agendas(koop)
        with make_session(USER_AGENT, retries=0) as session:
            items = list(fetch_sru(session, f"{root}/sru", ["32317"], Cursor()))
    assert len(items) == 5
    (search,) = [parse_qs(urlsplit(p).query) for p in koop.requests if p.startswith("/sru")]
    assert search["maximumRecords"] == ["100"]


@pytest.mark.parametrize(
    ("identifier", "creator", "chamber"),
    [
        ("kst-32317-973", "Tweede Kamer der Staten-Generaal", "Tweede Kamer"),
        ("kst-32317-AT", "Eerste Kamer der Staten-Generaal", "Eerste Kamer"),
        ("kst-32317-JI", "overige", "Eerste Kamer"),  # the letter ondernummer says it
        ("kst-21501-02-3220", "overige", "Tweede Kamer"),
    ],
)
def test_an_eerste_kamer_copy_is_that_chambers_letter(
    identifier: str, creator: str, chamber: str
) -> None:
    from replay import agenda_record

    from tracker.sources.koop_sru import parse_record

    record = agenda_record(identifier, "Geannoteerde agenda", "2025-09-30", "x", creator)
    assert parse_record(record.find(".//{*}recordData/{*}gzd")).chamber == chamber


def test_the_eerste_kamer_copy_and_the_tweede_kamer_agenda_are_two_chambers_letters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """KOOP's Eerste Kamer copy (kst-32317-AT) and the Tweede Kamer's agenda (kst-32317-973,
    from TK OData) of one meeting: one letter each in its chamber's chain, never a third."""
    from click.testing import CliRunner
    from conftest import SEED, write_config
    from replay import ODATA, KoopReplay, TkReplay, agenda_record, serving

    from tracker.cli import main

    koop, tk = KoopReplay(), TkReplay()
    with serving(koop) as koop_root, serving(tk) as tk_root:
        path = "/frbr/officielepublicaties/kst/32317/kst-32317-AT/1/xml/kst-32317-AT.xml"
        title = "Geannoteerde agenda JBZ-Raad 13 en 14 oktober 2025"
        ek = "Eerste Kamer der Staten-Generaal"
        koop.records.append(
            agenda_record("kst-32317-AT", title, "2025-09-30", koop_root + path, ek)
        )
        koop.files[path] = ((SEED / "jbz-2025-10-13.xml").read_bytes(), "application/xml")
        tk.documents = [
            d for d in tk.documents if d["DocumentNummer"] in ("2025D42093", "2025D42094")
        ]
        bijlage = next(d for d in tk.documents if d["DocumentNummer"] == "2025D42094")
        tk.resources[bijlage["Id"]] = ((SEED / "jbz-2025-10-13.agenda.docx").read_bytes(), "x")
        config = write_config(
            tmp_path,
            f'[sources.koop_sru]\nurl = "{koop_root}/sru"\n'
            f'[sources.tk_odata]\nurl = "{tk_root}{ODATA}"\n[sources.inbox]\nenabled = false\n',
        )
        monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
        run = CliRunner().invoke(main, ["--config", str(config), "fetch"])
        again = CliRunner().invoke(main, ["--config", str(config), "fetch"])
        letters = CliRunner().invoke(main, ["--config", str(config), "letters", "--format", "json"])
    assert run.exit_code == 0, run.output
    assert again.exit_code == 0 and "0 added" in again.stdout
    import json as _json

    stored = {(x["id"], x["addressee"]) for x in _json.loads(letters.stdout)}
    assert stored == {("kst-32317-AT", "Eerste Kamer"), ("kst-32317-973", None)}
