"""tk_odata against a loopback server that replays the real TK captures as the live service
behaves (tests/replay.py): pages of 250 with a next link, none with $top, deleted rows
with nulled fields, ApiGewijzigdOp later than GewijzigdOp."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from conftest import DEV, SEED
from replay import ODATA, TkReplay, deleted, serving, tombstone

from tracker.config import SourceConfig
from tracker.ingest import Ingestor
from tracker.sources.base import Checkpoint, Cursor, Fetched, FetchError, Unreadable, Withdrawn
from tracker.sources.http import RateLimit, make_session
from tracker.sources.official import fetcher
from tracker.sources.runner import run_source
from tracker.sources.tk_odata import build_filter, fetch_odata, koop_xml_url, withdrawn
from tracker.store import Store, open_store
from tracker.store.models import ChangeRow, FeedEntryRow
from tracker.store.queries import find_letter, history
from tracker.store.state import held_urls, record_run, source_state
from tracker.views.listing import format_history, format_letters

AGENDA_DOCX = SEED / "jbz-2025-10-13.agenda.docx"
NEXT_AGENDA_DOCX = DEV / "14-docx-agenda-next-meeting" / "new.docx"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # an old Word file's first sector
JBZ, JBZ_AGENDA = "2025D42093", "2025D42094"  # kst-32317-973 and its DOCX agenda
MILIEU = "2025D42876"  # kst-21501-08-1007: only a PDF beslisnota attached
EPSCO, EPSCO_DOC = "2024D44000", "2024D44001"  # kst-21501-31-768: its agenda is a .doc
INFORMAL, INFORMAL_AGENDA = "2025D33254", "2025D33255"  # kst-32317-967, DOCX agenda
CURSOR = "2025-09-20T00:00:00Z"
NOW = datetime(2026, 12, 7, 2, 30, tzinfo=UTC)


@pytest.fixture
def tk() -> Iterator[TkReplay]:
    replay = TkReplay()
    with serving(replay):
        yield replay


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with make_session(retries=2, backoff=0.01) as s:
        yield s


def _url(tk: TkReplay, number: str) -> str:
    return f"{tk.base}{ODATA}/Document({tk.by_number(number)['Id']})/Resource"


def _serve(tk: TkReplay, number: str, body: bytes, content_type: str = DOCX) -> None:
    tk.resources[tk.by_number(number)["Id"]] = (body, content_type)


def _queries(tk: TkReplay) -> list[dict[str, str]]:
    return [
        {k: v[0] for k, v in parse_qs(urlsplit(p).query).items()}
        for p in tk.requests
        if urlsplit(p).path == f"{ODATA}/Document"
    ]


# ---------------------------------------------------------------- the replay is the live service


def test_the_replay_pages_at_250_with_a_next_link_and_not_at_all_with_top(tk, session) -> None:
    """What TK issue #70 says of the live service, on the 613 captured rows."""
    everything = list(_all_pages(session, f"{tk.base}{ODATA}/Document?$filter=Verwijderd eq false"))
    assert [len(page) for page in everything] == [250, 250, 113]
    top = session.get(f"{tk.base}{ODATA}/Document", params={"$top": "50"}).json()
    assert len(top["value"]) == 50 and "@odata.nextLink" not in top


def test_deleted_rows_come_back_nulled_unless_filtered_out(tk, session) -> None:
    tk.add(tombstone("gone", "2025-10-03T08:00:00Z"))
    rows = session.get(
        f"{tk.base}{ODATA}/Document", params={"$filter": "ApiGewijzigdOp ge 2025-10-03T00:00:00Z"}
    ).json()["value"]
    assert [(r["Verwijderd"], r["Soort"], r["Onderwerp"]) for r in rows] == [(True, None, None)]


def _all_pages(session: requests.Session, url: str) -> Iterator[list[dict[str, Any]]]:
    next_url: str | None = url
    while next_url:
        page = session.get(next_url).json()
        yield page["value"]
        next_url = page.get("@odata.nextLink")


# ---------------------------------------------------------------- the query


def test_the_query_asks_for_live_letters_by_api_change_time_with_a_day_of_overlap() -> None:
    assert build_filter(["32317", "21501-32"], Cursor("2025-10-02T10:29:23.217+02:00")) == (
        "ApiGewijzigdOp ge 2025-10-01T08:29:23.217Z and Verwijderd eq false"
        " and Soort eq 'Brief regering' and contains(tolower(Onderwerp),'geannoteerde agenda')"
        " and Kamerstukdossier/any(d:(d/Nummer eq 32317)"
        " or (d/Nummer eq 21501 and d/Toevoeging eq '32'))"
    )


def test_fetch_sends_no_top_and_orders_by_api_change_time(tk, session) -> None:
    _serve(tk, JBZ_AGENDA, AGENDA_DOCX.read_bytes())
    list(fetch_odata(session, f"{tk.base}{ODATA}", ["32317"], Cursor(CURSOR)))
    (query,) = _queries(tk)
    assert "$top" not in query and query["$orderby"] == "ApiGewijzigdOp asc,Id asc"


def test_agenda_attachment_else_the_letter_and_a_checkpoint_per_page(tk, session) -> None:
    _serve(tk, JBZ_AGENDA, AGENDA_DOCX.read_bytes())
    _serve(tk, MILIEU, b"%PDF-1.7 the Milieuraad letter", "application/pdf")
    items = list(fetch_odata(session, f"{tk.base}{ODATA}", ["32317", "21501-08"], Cursor(CURSOR)))
    assert items == [
        Fetched(
            "tk_odata",
            "kst-32317-973",
            _url(tk, JBZ_AGENDA),
            AGENDA_DOCX.read_bytes(),
            "2025-09-29T12:08:17.6505252Z",  # ApiGewijzigdOp, not GewijzigdOp
            "Geannoteerde agenda van de formele JBZ-Raad 13 14 oktober 2025",
        ),
        Fetched(  # only a PDF beslisnota attached: the letter is the agenda
            "tk_odata",
            "kst-21501-08-1007",
            _url(tk, MILIEU),
            b"%PDF-1.7 the Milieuraad letter",
            tk.by_number(MILIEU)["ApiGewijzigdOp"],
            "Geannoteerde Agenda Milieuraad van 21 oktober 2025",
        ),
        Checkpoint(tk.by_number(MILIEU)["ApiGewijzigdOp"]),
    ]


def test_a_doc_agenda_is_replaced_by_the_koop_publication(tk, session) -> None:
    _serve(tk, EPSCO_DOC, OLE, "application/msword")
    koop = f"{tk.base}/frbr/officielepublicaties"
    official = "kst-21501-31-768"
    assert koop_xml_url(koop, official) == f"{koop}/kst/21501-31/{official}/1/xml/{official}.xml"
    with serving(KoopFiles({urlsplit(koop_xml_url(koop, official)).path: b"<xml/>"})) as root:

        def koop_url(kst: str) -> str:
            return koop_xml_url(f"{root}/frbr/officielepublicaties", kst)

        items = list(
            fetch_odata(
                session,
                f"{tk.base}{ODATA}",
                ["21501-31"],
                Cursor("2024-12-01T00:00Z"),
                koop_url=koop_url,
            )
        )
    epsco = [i for i in items if isinstance(i, Fetched) and i.official_id == official]
    assert [(i.url, i.data, i.modified) for i in epsco] == [
        (koop_url(official), b"<xml/>", tk.by_number(EPSCO)["ApiGewijzigdOp"])
    ]
    asked = {urlsplit(p).path for p in tk.requests}
    assert not {urlsplit(_url(tk, n)).path for n in (EPSCO, EPSCO_DOC)} & asked  # not the .doc,
    # and not the covering letter either


def test_a_doc_agenda_without_a_koop_publication_is_unreadable_never_the_covering_letter(
    tk, session
) -> None:
    _serve(tk, EPSCO_DOC, OLE, "application/msword")
    _serve(tk, EPSCO, b"%PDF-1.7 the covering letter", "application/pdf")
    with serving(KoopFiles({})) as root:
        items = list(
            fetch_odata(
                session,
                f"{tk.base}{ODATA}",
                ["21501-31"],
                Cursor("2024-12-01T00:00Z"),
                koop_url=lambda kst: koop_xml_url(f"{root}/frbr/officielepublicaties", kst),
            )
        )
    (unreadable,) = [i for i in items if isinstance(i, Unreadable) and i.url == _url(tk, EPSCO_DOC)]
    assert unreadable.url == _url(tk, EPSCO_DOC)
    assert unreadable.error.startswith(
        f"{_url(tk, EPSCO_DOC)}: the agenda of 2024D44000 is a .doc, which cannot be read; "
        "KOOP's kst-21501-31-768: "
    )
    assert not any(isinstance(i, Fetched) and EPSCO in (i.title or "") for i in items)
    assert urlsplit(_url(tk, EPSCO)).path not in {urlsplit(p).path for p in tk.requests}


@pytest.mark.parametrize(
    ("fault", "message"),
    [("garbage", "response is not JSON"), ("503", "gave up after retries")],
    ids=["malformed-page", "http-503"],
)
def test_a_source_fault_raises_fetch_error_naming_the_url(tk, fault, message) -> None:
    tk.faults = [fault] * 5
    with make_session(retries=1, backoff=0.01) as s, pytest.raises(FetchError, match=message):
        list(fetch_odata(s, f"{tk.base}{ODATA}", ["32317"], Cursor(CURSOR)))
    assert tk.requests[0].startswith(f"{ODATA}/Document?")


def test_bad_dossier_is_rejected() -> None:
    with pytest.raises(FetchError, match="'JBZ'"):
        build_filter(["JBZ"], Cursor())


# ---------------------------------------------------------------- into the store


@pytest.fixture
def store(database_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = open_store(database_url, tmp_path / "snapshots")
    yield opened
    opened.engine.dispose()


def _run(store: Store, tk: TkReplay, dossiers: tuple[str, ...] = ("32317",), timeout: float = 30):  # type: ignore[no-untyped-def]
    source = SourceConfig("tk_odata", True, f"{tk.base}{ODATA}", dossiers)
    with make_session(retries=1, backoff=0.01) as session:
        fetch = fetcher(source, session, RateLimit(1000), held=lambda p: held_urls(store, p))
        return run_source(store, Ingestor(store, 10**9), "tk_odata", fetch, NOW)


def _live_world(tk: TkReplay) -> None:
    """After the cursor the service holds only deleted records, and one letter among them:
    600 tombstones (more than two server pages) before it, 100 after."""
    first_letter = tk.by_number(JBZ)["ApiGewijzigdOp"]
    history_ = [
        d
        for d in tk.documents
        if d["ApiGewijzigdOp"] <= CURSOR and d["DocumentNummer"] not in (INFORMAL, INFORMAL_AGENDA)
    ]
    before = [
        tombstone(f"a{n}", f"2025-09-{21 + n // 100}T{n % 24:02d}:{n % 60:02d}:00Z")
        for n in range(600)
    ]
    after = [tombstone(f"b{n}", f"2025-10-01T{n % 24:02d}:{n % 60:02d}:00Z") for n in range(100)]
    tk.documents = history_
    for row in [*before, tk_row(tk, JBZ, first_letter), tk_row(tk, JBZ_AGENDA), *after]:
        tk.add(row)
    _serve(tk, JBZ_AGENDA, AGENDA_DOCX.read_bytes())


def tk_row(tk: TkReplay, number: str, api_changed: str | None = None) -> dict[str, Any]:
    from replay import captured_documents

    row = next(d for d in captured_documents() if d["DocumentNummer"] == number)
    return row | ({"ApiGewijzigdOp": api_changed} if api_changed else {})


def test_among_deleted_records_the_one_letter_arrives_and_the_next_run_the_next(
    store: Store, tk: TkReplay
) -> None:
    """Issue 15's test: the live service after the cursor is all deletions but one letter."""
    _live_world(tk)
    record_run(store, "tk_odata", NOW, CURSOR, None)
    first = _run(store, tk)
    assert first.ok and [(o.status, o.letter) for o in first.outcomes] == [
        ("added", "kst-32317-973")
    ]
    cursor = source_state(store, "tk_odata").cursor
    assert cursor == tk.by_number(JBZ)["ApiGewijzigdOp"]
    # The next letter: re-stamped by the API weeks after its GewijzigdOp (#127, T6).
    tk.add(tk_row(tk, INFORMAL, "2025-10-20T09:00:00.1234567Z"))
    tk.add(tk_row(tk, INFORMAL_AGENDA, "2025-10-20T09:00:00.1Z"))
    for n in range(300):
        tk.add(tombstone(f"c{n}", f"2025-10-21T{n % 24:02d}:00:00Z"))
    _serve(tk, INFORMAL_AGENDA, NEXT_AGENDA_DOCX.read_bytes())
    tk.requests.clear()
    second = _run(store, tk)
    assert [(o.status, o.letter) for o in second.outcomes] == [("added", "kst-32317-967")]
    assert source_state(store, "tk_odata").cursor == "2025-10-20T09:00:00.1234567Z"
    assert _url(tk, JBZ_AGENDA).split(tk.base)[1] not in tk.requests  # the overlap: not again
    third = _run(store, tk)
    assert third.ok and third.outcomes == []


def test_source_faults_lose_nothing_and_store_nothing_twice(store: Store, tk: TkReplay) -> None:
    _live_world(tk)
    record_run(store, "tk_odata", NOW, CURSOR, None)
    tk.faults = ["garbage"]  # the first page cut in half
    broken = _run(store, tk)
    assert not broken.ok and "response is not JSON" in (broken.error or "")
    assert source_state(store, "tk_odata").cursor == CURSOR  # not moved past what was not read
    tk.faults = ["503"]  # busy: the retrying session rides it out
    healed = _run(store, tk)
    assert [(o.status, o.letter) for o in healed.outcomes] == [("added", "kst-32317-973")]
    again = _run(store, tk)
    assert again.ok and again.outcomes == []


def test_an_unreadable_letter_holds_the_cursor_and_is_retried(store: Store, tk: TkReplay) -> None:
    _live_world(tk)
    record_run(store, "tk_odata", NOW, CURSOR, None)
    del tk.resources[tk.by_number(JBZ_AGENDA)["Id"]]  # the file is missing (404)
    first = _run(store, tk)
    assert first.ok and [o.status for o in first.outcomes] == ["failed"]
    assert source_state(store, "tk_odata").cursor == CURSOR
    _serve(tk, JBZ_AGENDA, AGENDA_DOCX.read_bytes())
    second = _run(store, tk)
    assert [(o.status, o.letter) for o in second.outcomes] == [("added", "kst-32317-973")]


# ---------------------------------------------------------------- withdrawn letters


def test_a_withdrawn_letter_is_marked_kept_and_raises_nothing(store: Store, tk: TkReplay) -> None:
    _live_world(tk)
    record_run(store, "tk_odata", NOW, CURSOR, None)
    _run(store, tk)
    with store.sessions() as s:
        before = (s.query(ChangeRow).count(), s.query(FeedEntryRow).count())
    agenda_id = tk.by_number(JBZ_AGENDA)["Id"]
    for number in (JBZ, JBZ_AGENDA):  # the Kamer deletes the letter and its agenda
        tk.add(deleted(tk.by_number(number), "2025-10-05T10:00:00Z"))
    run = _run(store, tk)
    assert run.ok and run.withdrawn == ["kst-32317-973@1"] and run.outcomes == []
    info, _ = find_letter(store, "kst-32317-973")
    assert info.withdrawn is not None
    with store.sessions() as s:
        assert (s.query(ChangeRow).count(), s.query(FeedEntryRow).count()) == before
    moments = [m for t in history(store, "") for m in t.moments]
    assert moments and all(m.withdrawn for m in moments)
    timelines = format_history(history(store, ""))
    assert all(line.endswith("  ingetrokken") for line in timelines.splitlines()[1:2])
    assert format_letters([info]).splitlines()[1].endswith("docx  ingetrokken")
    lookups = [q for q in _queries(tk) if q["$filter"].startswith("Verwijderd eq true")]
    assert lookups == [
        {
            "$filter": f"Verwijderd eq true and (Id eq {agenda_id})",
            "$select": "Id,Verwijderd,ApiGewijzigdOp",
        }
    ]
    assert _run(store, tk).withdrawn == []  # once


def test_withdrawn_asks_only_for_held_documents_in_batches(tk, session) -> None:
    rows = [tombstone(f"w{n}", "2025-10-05T10:00:00Z") for n in range(45)]
    for row in rows:
        tk.add(row)
    held = [f"{tk.base}{ODATA}/Document({r['Id']})/Resource" for r in rows]
    found = list(withdrawn(session, f"{tk.base}{ODATA}", [*held, "http://elsewhere/x.xml"]))
    assert sorted(w.url for w in found) == sorted(held)
    assert found[0] == Withdrawn(found[0].url, "2025-10-05T10:00:00Z")
    assert len(_queries(tk)) == 3  # 20 + 20 + 5 ids


class KoopFiles(TkReplay):
    """KOOP's file repository: only the files given, 404 for the rest."""

    def __init__(self, files: dict[str, bytes]) -> None:
        super().__init__(documents=[])
        self.files = files

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, bytes, str]:
        if path in self.files:
            return 200, self.files[path], "application/xml"
        return 404, json.dumps({"error": "not found"}).encode(), "application/json"


def test_a_page_that_times_out_raises_fetch_error_naming_the_url(tk) -> None:
    tk.faults = ["timeout"] * 3  # the replay answers after a second
    with make_session(retries=1, backoff=0.01) as s:
        with pytest.raises(FetchError, match=r"/OData/v4/2\.0/Document\?.*(timed out|retries)"):
            list(fetch_odata(s, f"{tk.base}{ODATA}", ["32317"], Cursor(CURSOR), timeout=(1, 0.3)))
