"""Running a source into the store: cursor, resuming, failures counted and reported."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import DEV, SEED, free_port, write_config

from tracker.ingest import Ingestor
from tracker.sources.base import Cursor, Fetched, FetchError
from tracker.sources.runner import run_source
from tracker.store import Store, open_store
from tracker.store.state import source_state

NOW = datetime(2026, 11, 28, 2, 30, tzinfo=UTC)
RECORDS = [  # (modified, file): what a source hands over, oldest first
    ("2025-09-29T10:00:00", SEED / "jbz-2025-10-13.xml"),
    ("2025-10-02T10:00:00", DEV / "10-meeting-moved-notes-renumbered" / "new.pdf.txt"),
    ("2025-11-24T10:00:00", DEV / "11-next-meeting-eerste-kamer" / "new.pdf"),
]


@pytest.fixture
def store(database_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = open_store(database_url, tmp_path / "snapshots")
    yield opened
    opened.engine.dispose()


def source(records: list[tuple[str, bytes]], asked: list[str | None], fail_after: int = -1):  # type: ignore[no-untyped-def]
    """A source over `records` that notes each cursor it is asked for; may break mid-way."""

    def fetch(cursor: Cursor) -> Iterator[Fetched]:
        asked.append(cursor.modified)
        for n, (modified, data) in enumerate(records):
            if n == fail_after:
                raise FetchError(f"http://127.0.0.1/sru?page={n}: 503 after 4 tries")
            if cursor.modified is None or modified >= cursor.modified:
                yield Fetched("test", f"doc-{n}", f"http://127.0.0.1/doc/{n}", data, modified)

    return fetch


def _records(broken: int | None = None) -> list[tuple[str, bytes]]:
    return [
        (
            modified,
            b"<?xml version='1.0'?><kamerstuk><al>open" if n == broken else path.read_bytes(),
        )
        for n, (modified, path) in enumerate(RECORDS)
    ]


def test_the_cursor_resumes_and_nothing_is_stored_twice(store: Store) -> None:
    asked: list[str | None] = []
    ingestor = Ingestor(store, 10**9)
    first = run_source(store, ingestor, "test", source(_records(), asked), NOW)
    assert first.ok and [o.status for o in first.outcomes] == ["added"] * 3
    second = run_source(store, ingestor, "test", source(_records(), asked), NOW)
    assert asked == [None, "2025-11-24T10:00:00"]
    assert [o.status for o in second.outcomes] == ["unchanged"]
    assert source_state(store, "test").last_success == NOW


def test_a_failing_document_holds_the_cursor_and_is_reported_after_three_tries(
    store: Store,
) -> None:
    asked: list[str | None] = []
    ingestor = Ingestor(store, 10**9)
    runs = [run_source(store, ingestor, "test", source(_records(1), asked), NOW) for _ in range(3)]
    assert [o.status for o in runs[0].outcomes] == ["added", "failed", "added"]
    assert asked == [None, "2025-09-29T10:00:00", "2025-09-29T10:00:00"]  # held before the failure
    assert runs[1].reported == [] and len(runs[2].reported) == 1
    assert runs[2].reported[0].startswith("http://127.0.0.1/doc/1: 3 tries: ")
    fixed = run_source(store, ingestor, "test", source(_records(), asked), NOW)
    assert [o.status for o in fixed.outcomes] == ["unchanged", "added", "unchanged"]
    assert source_state(store, "test").cursor == "2025-11-24T10:00:00"


def test_a_source_that_breaks_mid_way_keeps_what_it_delivered(store: Store) -> None:
    asked: list[str | None] = []
    ingestor = Ingestor(store, 10**9)
    broken = run_source(store, ingestor, "test", source(_records(), asked, fail_after=2), NOW)
    assert not broken.ok and "503" in (broken.error or "")
    state = source_state(store, "test")
    assert (state.cursor, state.last_success, state.last_error) == (None, None, broken.error)
    resumed = run_source(store, ingestor, "test", source(_records(), asked), NOW)
    assert [o.status for o in resumed.outcomes] == ["unchanged", "unchanged", "added"]


def test_healthz_shows_the_last_run_of_each_source(store: Store) -> None:
    from starlette.testclient import TestClient

    from tracker.web import create_app

    ingestor = Ingestor(store, 10**9)
    run_source(store, ingestor, "good", source(_records(), []), NOW)
    run_source(store, ingestor, "broken", source(_records(), [], fail_after=0), NOW)
    with TestClient(create_app(store, "http://127.0.0.1:8000")) as client:
        health = client.get("/healthz").json()
    assert health["last_fetch"] == NOW.isoformat()
    assert health["sources"]["good"]["last_success"] == NOW.isoformat()
    assert health["sources"]["broken"]["last_success"] is None
    assert "503" in health["sources"]["broken"]["last_error"]


def test_fetch_reports_unreachable_sources_and_still_runs_the_inbox(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from tracker.cli import main

    dead = free_port()  # a port nothing listens on
    config = write_config(
        tmp_path,
        f'[sources.koop_sru]\nurl = "http://127.0.0.1:{dead}/sru"\n'
        "[sources.tk_odata]\nenabled = false\n",
    )
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "oktober.xml").write_bytes((SEED / "jbz-2025-10-13.xml").read_bytes())
    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    result = CliRunner().invoke(main, ["--config", str(config), "fetch"])
    assert result.exit_code == 1
    assert "1 added" in result.stdout
    assert "koop_sru: 0 files" in result.stdout and "the source failed" in result.stdout
    # One short line naming what failed, not a urllib3 traceback in words.
    assert f"Error: koop_sru: connection refused by 127.0.0.1:{dead}\n" in result.stderr
    assert "tk_odata" not in result.stdout


def test_every_formations_dossiers_are_followed_by_default() -> None:
    """Issue 15: the configuration lists every formation's dossiers, all sources enabled."""
    from tracker.config import load_config
    from tracker.formations import FORMATIONS

    config = load_config(None)
    wanted = {dossier for formation in FORMATIONS for dossier in formation.dossiers}
    assert [(s.name, s.enabled, set(s.dossiers)) for s in config.sources.official] == [
        ("koop_sru", True, wanted),
        ("tk_odata", True, wanted),
    ]
