"""Bad luck for the store: restarts, a full or read-only disk, kill -9 mid-ingest and
mid-publish, hostile official ids, and the version the web app sees (issue 16).

Real processes and real file systems: a size-limited tmpfs mounted in a user and mount
namespace of its own (`unshare -rm`), skipped with a reason where that is not allowed.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import free_port, load_corpus_generator
from sqlalchemy import select
from starlette.testclient import TestClient

from tracker.ingest import Ingestor
from tracker.store import Store, open_store
from tracker.store.models import ChangeRow, DocumentRow, FeedEntryRow, ItemRow, LetterRow
from tracker.store.queries import last_ingest, list_letters
from tracker.store.revision import store_revision
from tracker.web import create_app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests/data/seed"
DEV = ROOT / "tests/data/dev"
TRACKER = str(Path(sys.executable).with_name("tracker"))
NOW = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve synthetic letters of several formations (benchmarks/corpus.py)."""
    folder = tmp_path_factory.mktemp("letters")
    load_corpus_generator().generate(folder, 12)
    return folder


@pytest.fixture(scope="module")
def many_letters(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty synthetic letters: a run long enough to be killed in its middle."""
    folder = tmp_path_factory.mktemp("many")
    load_corpus_generator().generate(folder, 40)
    return folder


def _tracker(cwd: Path, env: dict[str, str], *args: str) -> None:
    """Run `tracker ARGS` to completion in `cwd`; a failure raises with its output."""
    subprocess.run([TRACKER, *args], cwd=cwd, env=env, check=True, capture_output=True)


def _env(database: Path) -> dict[str, str]:
    return {**os.environ, "TRACKER_DATABASE_URL": f"sqlite:///{database}"}


def _dump(store: Store) -> dict[str, Any]:
    """Everything that identifies the store's letters and events."""
    with store.sessions() as session:
        return {
            "letters": sorted(
                session.execute(
                    select(LetterRow.official_id, LetterRow.version, LetterRow.content_sha256)
                ).all()
            ),
            "documents": sorted(session.execute(select(DocumentRow.raw_sha256)).all()),
            "items": len(session.scalars(select(ItemRow.id)).all()),
            "changes": sorted(session.scalars(select(ChangeRow.guid)).all()),
            "entries": sorted(session.scalars(select(FeedEntryRow.guid)).all()),
        }


def _consistent(store: Store, base: Path) -> None:
    """Every letter whole (items with threads, a document), and every snapshot file below
    `base`/snapshots a stored letter's: none of a letter the store does not have."""
    with store.sessions() as session:
        recorded = set()
        for row in session.scalars(select(LetterRow)):
            items = session.scalars(select(ItemRow).where(ItemRow.letter_id == row.id)).all()
            assert items and all(i.thread_id is not None for i in items), row.id
            assert session.scalar(select(DocumentRow.id).where(DocumentRow.letter_id == row.id))
            recorded.add(base / row.snapshot)
    files = {p for p in (base / "snapshots").rglob("*.xml") if p.name[0] != "."}
    assert files <= recorded, f"snapshots of letters not stored: {sorted(files - recorded)}"


# --- restarts ------------------------------------------------------------------------------


def _serve_once(cwd: Path, env: dict[str, str] | None = None) -> str:
    """Start `tracker serve`, wait until /healthz answers, stop it; its output."""
    port = free_port()
    if env is None:
        env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    server = subprocess.Popen(
        [TRACKER, "serve", "--port", str(port)],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("tracker serve did not answer")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=30)
    return output


def test_serve_restarted_three_times_leaves_the_store_unchanged(
    tmp_path: Path, letters: Path
) -> None:
    """Before: the second start recorded each letter's own snapshot as another document of
    it (34 documents became 47); before issue 13 it stored every letter again as version 2."""
    shutil.copytree(ROOT / "snapshots", tmp_path / "snapshots")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for case in ("04-sentence-edits", "05-position-changes", "08-reordered-items"):
        for path in sorted((DEV / case).iterdir()):
            if path.suffix in (".html", ".xml", ".txt", ".pdf", ".docx"):
                shutil.copy(path, inbox / f"{case}-{path.name}")
    for path in letters.iterdir():
        shutil.copy(path, inbox)
    _serve_once(tmp_path)
    store = open_store(f"sqlite:///{tmp_path / 'tracker.db'}", tmp_path / "snapshots")
    try:
        first, revision = _dump(store), store_revision(store)
        assert len(first["letters"]) > 12 and first["changes"]
        for _ in range(3):
            output = _serve_once(tmp_path)
            assert " 0 added, 0 new versions, 0 other renditions," in output, output
            assert _dump(store) == first
            assert store_revision(store) == revision
        env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
        rebuilt = subprocess.run(
            [TRACKER, "rebuild"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
        )
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert _dump(store) == first  # the same letters, versions and GUIDs from the documents
        assert _serve_once(tmp_path).count(" 0 added, 0 new versions, 0 other renditions,") == 2
        assert _dump(store) == first
    finally:
        store.engine.dispose()


# --- the version the web app sees ----------------------------------------------------------


def test_every_commit_of_a_run_moves_the_version(
    tmp_path: Path, letters: Path, database_url: str
) -> None:
    """Before: the version was max(ingested_at), stamped once per run: the second letter of
    a run, a rendition and an adopted id left it as it was, and pages stayed stale."""
    store = open_store(database_url, tmp_path / "snapshots")
    try:
        ingestor = Ingestor(store, 10**8)
        versions = [last_ingest(store)]
        generated = sorted(letters.iterdir())
        steps = [
            generated[0],  # a letter
            generated[1],  # the next one, in the same run (the same `now`)
            SEED / "jbz-2025-10-13.pdf.txt",  # a letter without an official id
            SEED / "jbz-2025-10-13.xml",  # its rendition, whose official id it adopts
        ]
        for path in steps:
            assert ingestor.ingest_file(path, NOW).status != "failed"
            versions.append(last_ingest(store))
        assert ingestor.ingest_file(steps[0], NOW).status == "unchanged"
        assert last_ingest(store) == versions[-1]  # nothing changed, nothing moved
        assert len(set(versions)) == len(versions) and versions[1:] == sorted(versions[1:])
        assert store_revision(store).number == len(steps)

        clock = [NOW]
        with TestClient(create_app(store, "http://x", clock=lambda: clock[0])) as client:
            before = client.get("/api/letters").json()
            assert ingestor.ingest_file(generated[2], NOW).status == "added"
            clock[0] += timedelta(seconds=2)
            after = client.get("/api/letters").json()
        assert len(after) == len(before) + 1
    finally:
        store.engine.dispose()


# --- hostile official ids ------------------------------------------------------------------

HOSTILE_IDS = [
    ("fullwidth digits", "kst-３２３１７-AT", None),
    ("arabic-indic digits", "kst-٣٢٣١٧-AT", None),
    ("markup", 'kst-32317-AT"><script>alert(1)</script>', None),
    ("markup alone", "<b>kst-32317-AT</b>", None),
    ("a content hash", "sha256-deadbeef0000", None),
    ("official", "kst-32317-AT", "kst-32317-AT"),
]


@pytest.mark.parametrize(
    ("stated", "adopted"), [row[1:] for row in HOSTILE_IDS], ids=[row[0] for row in HOSTILE_IDS]
)
def test_a_rendition_renames_a_letter_only_to_an_official_id(
    tmp_path: Path, stated: str, adopted: str | None
) -> None:
    """Before: `\\d` took any script's digits, so `kst-３２３１７-AT` renamed the letter."""
    store = open_store(f"sqlite:///{tmp_path / 't.db'}", tmp_path / "snapshots")
    try:
        ingestor = Ingestor(store, 10**8)
        assert ingestor.ingest_file(SEED / "jbz-2025-10-13.pdf.txt", NOW).status == "added"
        escaped = stated.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        xml = (SEED / "jbz-2025-10-13.xml").read_text("utf-8")
        rendition = tmp_path / "rendition.xml"
        rendition.write_text(xml.replace('content="kst-32317-AT"', f'content="{escaped}"'))
        assert ingestor.ingest_file(rendition, NOW).status == "rendition"
        (letter,) = list_letters(store)
    finally:
        store.engine.dispose()
    if adopted is None:
        assert letter.official_id.startswith("sha256-")
    else:
        assert letter.official_id == adopted


# --- a full or read-only disk --------------------------------------------------------------


def _in_namespace(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`script` under sh in a user and mount namespace of its own (a tmpfs may be mounted)."""
    if shutil.which("unshare") is None:
        pytest.skip("NO unshare(1): cannot mount a small file system for the test")
    probe = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip(f"NO user namespaces with mounts here: {probe.stderr.decode().strip()}")
    return subprocess.run(
        ["unshare", "-rm", "sh", "-ec", script],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


# (name, mount options of the snapshot folder, the database on it too, the errors expected)
DISKS = [
    ("snapshots disk full", "size=96k", False, ("No space left on device",)),
    ("snapshots read-only", "size=1m,ro", False, ("Read-only file system",)),
    ("database disk full", "size=512k", True, ("database or disk is full", "No space left")),
]


@pytest.mark.parametrize(
    ("options", "db_too", "expected"), [d[1:] for d in DISKS], ids=[d[0] for d in DISKS]
)
def test_a_full_or_read_only_disk_fails_one_letter_at_a_time(
    tmp_path: Path, letters: Path, options: str, db_too: bool, expected: tuple[str, ...]
) -> None:
    """Before: `tracker ingest` died at the first letter that did not fit with a traceback,
    leaving the rest untried. Now each such letter fails in one line, the others go on, and
    what was stored is whole: each letter with its snapshot, no snapshot without its letter."""
    (tmp_path / "snapshots").mkdir()
    database = tmp_path / ("snapshots" if db_too else "") / "tracker.db"
    script = f"""
        mount -t tmpfs -o {options} tmpfs snapshots
        {TRACKER} ingest {letters} > out.txt 2> err.txt || echo $? > status.txt
        mkdir -p copy && cp -r snapshots copy/
    """
    result = _in_namespace(script, tmp_path, _env(database))
    assert result.returncode == 0, result.stderr
    errors = (tmp_path / "err.txt").read_text().splitlines()
    summary = (tmp_path / "out.txt").read_text()
    assert (tmp_path / "status.txt").read_text().strip() == "1"
    assert "Traceback" not in "\n".join(errors)
    failed = [line for line in errors if line.startswith("Error: ")]
    assert failed and all(
        any(e in line for e in expected) and "not stored" in line for line in failed
    ), errors
    assert f" {len(failed)} failed" in summary and summary.startswith("12 files:"), summary
    copied = tmp_path / "copy"
    store = open_store(f"sqlite:///{copied / 'snapshots' / 'tracker.db'}", copied / "snapshots")
    if not db_too:
        store = open_store(f"sqlite:///{database}", copied / "snapshots")
    try:
        stored = len(list_letters(store))
        assert stored + len(failed) == 12
        _consistent(store, copied)
        with store.sessions() as session:
            for row in session.scalars(select(LetterRow)):
                assert (copied / row.snapshot).read_text("utf-8") == row.xml
    finally:
        store.engine.dispose()
    assert not [p for p in copied.rglob(".*") if p.is_file()]


# --- kill -9 -------------------------------------------------------------------------------


KILL_AFTER_CREATE = """
import os, signal, sys
from sqlalchemy import Engine, event

def kill(connection, cursor, statement, *args):
    if statement.lstrip().upper().startswith("CREATE TABLE") and "letters" in statement:
        os.kill(os.getpid(), signal.SIGKILL)

event.listen(Engine, "after_cursor_execute", kill)
from tracker.store import open_store
open_store(sys.argv[1], sys.argv[2])
"""


def test_kill_9_in_the_first_migration_leaves_a_store_that_opens(tmp_path: Path) -> None:
    """Before: sqlite3 committed each CREATE on its own, so a store killed while it was
    first created had tables but no migration version: every later start failed with
    'cannot open the database (table letters already exists)'."""
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AFTER_CREATE, url, str(tmp_path / "snapshots")],
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    store = open_store(url, tmp_path / "snapshots")
    try:
        assert store_revision(store).number == 0 and list_letters(store) == []
    finally:
        store.engine.dispose()


KILL_AT_COMMIT = """
import os, signal, sys
from datetime import UTC, datetime
from pathlib import Path
from sqlalchemy import event
from sqlalchemy.orm import Session

def kill(session):
    if any(True for _ in Path("snapshots").rglob(".pending-*")):
        os.kill(os.getpid(), signal.SIGKILL)

event.listen(Session, sys.argv[1], kill)
from tracker.ingest import Ingestor
from tracker.store import open_store
store = open_store(sys.argv[2], Path("snapshots"))
Ingestor(store, 10**8).ingest_file(Path(sys.argv[3]), datetime.now(UTC))
"""


@pytest.mark.parametrize(
    ("moment", "stored"), [("before_commit", 0), ("after_commit", 1)], ids=["before", "after"]
)
def test_kill_9_at_the_commit_then_serve(
    tmp_path: Path, letters: Path, moment: str, stored: int
) -> None:
    """Killed with the snapshot staged, just before or just after the commit: the next
    start writes the snapshot of the letter stored (or removes the one not stored), and
    ingests nothing of its own. Before, the snapshot was in place before the commit, and
    `serve` took it for a new letter when the commit never came."""
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    letter = sorted(letters.iterdir())[2]
    killed = subprocess.run(
        [sys.executable, "-c", KILL_AT_COMMIT, moment, url, str(letter)],
        cwd=tmp_path,
        check=False,
    )
    assert killed.returncode == -signal.SIGKILL
    pending = [p for p in (tmp_path / "snapshots").rglob(".pending-*")]
    assert len(pending) == 1 and not list((tmp_path / "snapshots").rglob("*.xml"))
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    (tmp_path / "config.toml").write_text(
        f'[store]\ndatabase = "{url}"\n[sources.inbox]\nenabled = false\n'
        "[sources.koop_sru]\nenabled = false\n[sources.tk_odata]\nenabled = false\n"
    )
    output = _serve_once(tmp_path, env)
    assert f"{stored} missing snapshots written, 1 pending files" in output
    store = open_store(url, tmp_path / "snapshots")
    try:
        assert len(list_letters(store)) == stored
        _consistent(store, tmp_path)
        with store.sessions() as session:
            documents = session.scalars(select(DocumentRow.source)).all()
        assert documents == [str(letter)] * stored  # its snapshot is no document of it
    finally:
        store.engine.dispose()
    assert not list((tmp_path / "snapshots").rglob(".pending-*"))
    assert len(list((tmp_path / "snapshots").rglob("*.xml"))) == stored


def _timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    """How long `command` takes to run to its end, in seconds."""
    start = time.monotonic()
    subprocess.run(command, cwd=cwd, env=env, capture_output=True, check=False)
    return time.monotonic() - start


def _first_and_last_letter(command: list[str], cwd: Path, database: Path) -> tuple[float, float]:
    """Seconds from the start of an ingest `command` until its first letter is stored and
    until it ends: the span in which a kill lands among the letters (start-up, including
    the normalising workers', takes a varying share of a run)."""
    process = subprocess.Popen(
        command, cwd=cwd, env=_env(database), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    start, first = time.monotonic(), None
    while process.poll() is None:
        if first is None and database.exists():
            with sqlite3.connect(database) as connection:
                try:
                    stored = connection.execute("SELECT count(*) FROM letters").fetchone()[0]
                except sqlite3.OperationalError:  # not yet created
                    stored = 0
            if stored:
                first = time.monotonic() - start
        time.sleep(0.01)
    end = time.monotonic() - start
    return (first if first is not None else 0.0), end


def _kill_at_random(
    command: list[str],
    cwd: Path,
    env: dict[str, str],
    rng: random.Random,
    within: tuple[float, float],
) -> bool:
    """Run `command`, SIGKILL it at a random moment `within` (seconds from its start);
    whether it was still running (the kill landed mid-run)."""
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(rng.uniform(*within))
    killed = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    return killed


def test_kill_9_during_ingest_ten_times(tmp_path: Path, many_letters: Path) -> None:
    """Before: a kill between the snapshot's write and the commit left a snapshot of a
    letter not stored (2 runs of 10), which the next `tracker serve` ingested as a letter."""
    rng = random.Random(16)
    database = tmp_path / "tracker.db"
    command = [TRACKER, "ingest", str(many_letters)]
    within = _first_and_last_letter(command, tmp_path, tmp_path / "calibration.db")
    mid_run = 0
    for _ in range(10):
        for old in tmp_path.glob("tracker.db*"):
            old.unlink()
        shutil.rmtree(tmp_path / "snapshots", ignore_errors=True)
        open_store(f"sqlite:///{database}", tmp_path / "snapshots").engine.dispose()
        _kill_at_random(command, tmp_path, _env(database), rng, within)
        store = open_store(f"sqlite:///{database}", tmp_path / "snapshots")
        try:
            _consistent(store, tmp_path)
            mid_run += 0 < len(list_letters(store)) < 40
        finally:
            store.engine.dispose()
    assert mid_run >= 5, "most kills should land among the letters"
    # the last store, finished: missing snapshots written, pending ones gone, all forty in
    finished = subprocess.run(
        command, cwd=tmp_path, env=_env(database), capture_output=True, check=False
    )
    assert finished.returncode == 0, finished.stderr
    store = open_store(f"sqlite:///{database}", tmp_path / "snapshots")
    try:
        _consistent(store, tmp_path)
        with store.sessions() as session:
            rows = session.execute(select(LetterRow.snapshot, LetterRow.xml)).all()
        assert rows and all((tmp_path / s).read_text("utf-8") == x for s, x in rows)
        assert not [p for p in (tmp_path / "snapshots").rglob(".*") if p.is_file()]
    finally:
        store.engine.dispose()


def _feed_set(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


def test_kill_9_during_publish_ten_times(tmp_path: Path, letters: Path) -> None:
    """Before: files were replaced one by one, so a kill (or a full disk) left a mix of the
    old and the new set. Now `out` is always the whole old set or the whole new one."""
    database = tmp_path / "tracker.db"
    env = _env(database)
    files = sorted(letters.iterdir())
    _tracker(tmp_path, env, "ingest", *map(str, files[:6]))
    out = tmp_path / "www"
    _tracker(tmp_path, env, "publish", "--out", str(out))
    old = _feed_set(out)
    _tracker(tmp_path, env, "ingest", *map(str, files[6:]))
    reference = tmp_path / "reference"
    _tracker(tmp_path, env, "publish", "--out", str(reference))
    new = _feed_set(reference)
    assert new != old
    rng = random.Random(9)
    seen = set()
    command = [TRACKER, "publish", "--out", str(out)]
    within = (0.2, _timed([TRACKER, "publish", "--out", str(tmp_path / "timed")], tmp_path, env))
    for _ in range(10):
        _kill_at_random(command, tmp_path, env, rng, within)
        now = _feed_set(out)
        assert now in (old, new), "a mix of two sets"
        seen.add("new" if now == new else "old")
        if now == new:  # publish the old set again, to be killed switching back
            out.unlink()
            shutil.rmtree(tmp_path / "old-set", ignore_errors=True)
            (tmp_path / "old-set").mkdir()
            for name, data in old.items():
                (tmp_path / "old-set" / name).parent.mkdir(parents=True, exist_ok=True)
                (tmp_path / "old-set" / name).write_bytes(data)
            out.symlink_to("old-set")
    print("sets seen after the kills:", seen)
    before = Path(os.path.realpath(out)).name
    _tracker(tmp_path, env, "publish", "--out", str(out))
    assert _feed_set(out) == new
    # Left beside `out`: the new set and the set before (kept for readers mid-way), when
    # that one is a publish's own folder; no folder or link of a killed publish.
    shown = Path(os.path.realpath(out)).name
    leftovers = {p.name for p in tmp_path.glob(".www.*")}
    assert leftovers <= {shown, before}, leftovers
    assert shown in leftovers


def test_publish_on_a_full_disk_leaves_the_old_set(tmp_path: Path, letters: Path) -> None:
    """Before: `publish` on a full disk left a mix of new and old files."""
    database = tmp_path / "tracker.db"
    files = sorted(letters.iterdir())
    env = _env(database)
    _tracker(tmp_path, env, "ingest", *map(str, files[:3]))
    script = f"""
        mount -t tmpfs -o size=2m tmpfs disk
        {TRACKER} publish --out disk/www > /dev/null
        cp -r disk/www/. old/
        {TRACKER} ingest {" ".join(map(str, files[3:]))} > /dev/null
        mount -o remount,size=$(( $(du -sk disk | cut -f1) + 24 ))k disk
        {TRACKER} publish --out disk/www > out.txt 2> err.txt || echo $? > status.txt
        cp -r disk/www/. after/
    """
    (tmp_path / "disk").mkdir()
    (tmp_path / "old").mkdir()
    (tmp_path / "after").mkdir()
    result = _in_namespace(script, tmp_path, env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "status.txt").read_text().strip() == "1"
    error = (tmp_path / "err.txt").read_text()
    assert error.count("\n") == 1 and "No space left on device" in error, error
    assert "as they were" in error
    assert _feed_set(tmp_path / "after") == _feed_set(tmp_path / "old")


@pytest.mark.parametrize("run", ["ingest", "rebuild"])
def test_a_snapshot_whose_pending_file_a_repair_removed_is_written_from_the_store(
    letters: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: str
) -> None:
    """Another process's repair removes every pending file, also those of a transaction
    still going on: once it commits, such a snapshot is written from the stored XML."""
    store = open_store(f"sqlite:///{tmp_path / 'tracker.db'}", tmp_path / "snapshots")
    if run == "rebuild":
        Ingestor(store, 10**9).ingest_paths([letters], NOW)
        for snapshot in (tmp_path / "snapshots").rglob("*.xml"):
            snapshot.unlink()
    stage = Ingestor._stage
    lost: list[Path] = []

    def stage_and_lose(self: Ingestor, xml: bytes, path: Path) -> None:
        stage(self, xml, path)
        self._staging[-1].result().pending.unlink()  # as a repair elsewhere would
        lost.append(path)

    monkeypatch.setattr(Ingestor, "_stage", stage_and_lose)
    ingestor = Ingestor(store, 10**9)
    summary = ingestor.rebuild(NOW) if run == "rebuild" else ingestor.ingest_paths([letters], NOW)
    assert summary.count("failed") == 0 and lost
    with store.sessions() as session:
        stored = {s: x for s, x in session.execute(select(LetterRow.snapshot, LetterRow.xml))}
    assert sorted(lost) == sorted(Path(p) for p in stored)
    for snapshot, xml in stored.items():
        assert Path(snapshot).read_text(encoding="utf-8") == xml
    assert not list((tmp_path / "snapshots").rglob(".pending-*"))
