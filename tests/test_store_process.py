"""`tracker ingest` as a process: killed mid-run, and read from while it runs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import load_corpus_generator
from sqlalchemy import func, select

from tracker.store import Store, open_store
from tracker.store.models import DocumentRow, ItemRow, LetterRow
from tracker.store.queries import list_letters
from tracker.units import letter_units

LETTERS = 40
TRACKER = str(Path(sys.executable).with_name("tracker"))


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of synthetic letters of several formations (benchmarks/corpus.py)."""
    folder = tmp_path_factory.mktemp("letters")
    load_corpus_generator().generate(folder, LETTERS)
    return folder


@pytest.fixture
def store(database_url: str, tmp_path: Path) -> Iterator[Store]:
    opened = open_store(database_url, tmp_path / "snapshots")
    yield opened
    opened.engine.dispose()


def _ingest(store: Store, folder: Path, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "TRACKER_DATABASE_URL": str(store.engine.url.render_as_string(False))}
    return subprocess.Popen(
        [TRACKER, "ingest", str(folder)],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _letter_count(store: Store) -> int:
    with store.sessions() as session:
        return session.scalar(select(func.count()).select_from(LetterRow)) or 0


def _consistent(store: Store, snapshots: Path, killed: bool = False) -> None:
    """Every letter whole: its items (with threads), its document and its snapshot — or,
    right after a kill between the commit and the rename, its snapshot still pending
    (`tracker.staging`: the next start puts it in place)."""
    with store.sessions() as session:
        for row in session.scalars(select(LetterRow)):
            letter_items = session.scalars(select(ItemRow).where(ItemRow.letter_id == row.id)).all()
            assert letter_items and all(i.thread_id is not None for i in letter_items), row.id
            assert session.scalar(select(DocumentRow.id).where(DocumentRow.letter_id == row.id))
            snapshot = snapshots.parent / row.snapshot
            pending = killed and any(snapshot.parent.glob(f".pending-{snapshot.name}.*"))
            assert snapshot.is_file() or pending, row.snapshot


def test_kill_9_mid_run_then_rerun(store: Store, letters: Path, tmp_path: Path) -> None:
    process = _ingest(store, letters, tmp_path)
    deadline = time.monotonic() + 120
    while _letter_count(store) < 5 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.05)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert workers, "40 files are normalised in worker processes"
    _wait_until_gone(workers)  # no orphans left waiting for work
    stored = _letter_count(store)
    assert 0 < stored < LETTERS, "the kill should land mid-run"
    _consistent(store, tmp_path / "snapshots", killed=True)
    rerun = _ingest(store, letters, tmp_path)
    assert rerun.wait(timeout=600) == 0
    _consistent(store, tmp_path / "snapshots")
    with store.sessions() as session:
        documents = session.scalar(select(func.count()).select_from(DocumentRow))
        distinct = session.scalar(select(func.count(func.distinct(DocumentRow.raw_sha256))))
    files = {p.read_bytes() for p in letters.iterdir()}
    assert documents == distinct == len(files)  # nothing twice, nothing missing


def _children(pid: int) -> list[int]:
    """The processes `pid` started (its normalising workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _wait_until_gone(pids: list[int]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        alive = [pid for pid in pids if _alive(pid)]
        if not alive:
            return
        time.sleep(0.1)
    raise AssertionError(f"worker processes {alive} outlived the killed ingest")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_readers_see_whole_letters_while_an_ingest_runs(
    store: Store, letters: Path, tmp_path: Path
) -> None:
    process = _ingest(store, letters, tmp_path)
    seen: dict[str, int] = {}
    try:
        while process.poll() is None:
            for info in list_letters(store):  # one letter, one transaction: never half of one
                seen.setdefault(info.name, info.items)
                assert info.items > 0, info.name
            time.sleep(0.02)
    finally:
        process.wait(timeout=600)
    assert process.returncode == 0
    assert len(seen) > 1
    final = {info.name: info for info in list_letters(store)}
    for name, items in seen.items():
        assert items == final[name].items, name


def test_item_rows_match_the_letters_units(store: Store, letters: Path, tmp_path: Path) -> None:
    assert _ingest(store, letters, tmp_path).wait(timeout=600) == 0
    from tracker.canonical import xml_to_letter
    from tracker.extract.safexml import parse_xml

    with store.sessions() as session:
        for row in session.scalars(select(LetterRow)):
            refs = session.scalars(
                select(ItemRow.ref).where(ItemRow.letter_id == row.id).order_by(ItemRow.position)
            ).all()
            letter = xml_to_letter(parse_xml(row.xml.encode(), row.snapshot), row.snapshot)
            assert list(refs) == [u.ref for u in letter_units(letter)]
