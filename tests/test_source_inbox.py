"""The inbox source: ingested files move to processed/, failed ones to failed/ with a reason."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEV, SEED, write_config

from tracker.cli import main
from tracker.ingest import Outcome


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


def test_fetch_moves_each_file_where_it_belongs(inbox: Path) -> None:
    shutil.copy(SEED / "jbz-2025-10-13.xml", inbox / "oktober.xml")
    shutil.copy(DEV / "11-next-meeting-eerste-kamer" / "new.pdf", inbox / "december.pdf")
    (inbox / "kapot.xml").write_bytes(b"<?xml version='1.0'?><kamerstuk><al>open")
    result = CliRunner().invoke(main, ["fetch", "--source", "inbox"])
    assert result.exit_code == 1  # one file failed
    assert "inbox: 3 files: 2 added" in result.stdout and "1 failed" in result.stdout
    assert sorted(p.name for p in (inbox / "processed").iterdir()) == [
        "december.pdf",
        "oktober.xml",
    ]
    assert sorted(p.name for p in (inbox / "failed").iterdir()) == ["kapot.xml", "kapot.xml.error"]
    reason = (inbox / "failed" / "kapot.xml.error").read_text("utf-8")
    assert reason.startswith("inbox/kapot.xml: ") and "well-formed" in reason
    assert [p.name for p in inbox.iterdir() if p.is_file()] == []


def test_the_same_file_again_is_processed_without_a_new_letter(inbox: Path) -> None:
    shutil.copy(SEED / "jbz-2025-10-13.xml", inbox / "oktober.xml")
    CliRunner().invoke(main, ["fetch", "--source", "inbox"])
    shutil.copy(SEED / "jbz-2025-10-13.xml", inbox / "oktober.xml")
    result = CliRunner().invoke(main, ["fetch", "--source", "inbox"])
    assert result.exit_code == 0 and "1 unchanged" in result.stdout
    assert sorted(p.name for p in (inbox / "processed").iterdir()) == [
        "oktober.2.xml",
        "oktober.xml",
    ]


def test_an_empty_or_missing_inbox_is_fine(inbox: Path) -> None:
    shutil.rmtree(inbox)
    result = CliRunner().invoke(main, ["fetch", "--source", "inbox"])
    assert result.exit_code == 0 and "inbox: 0 files" in result.stdout


# --- issue 16: a letter still being written, links, what is not a regular file ------------


def _text_letter(items: int) -> bytes:
    lines = [
        "Geannoteerde agenda van de bijeenkomst van de Raad Justitie en Binnenlandse Zaken van 13 oktober 2025",
        "",
    ]
    for n in range(1, items + 1):
        lines += [
            f"{n}. Onderwerp {n} over de rechtsstaat",
            "Gedachtewisseling",
            "",
            f"Het kabinet steunt voorstel {n}.",
            "",
        ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _letters(config_folder: Path) -> list[tuple[str, int]]:
    """(source file name, item count) of every stored letter version."""
    import sqlite3

    with sqlite3.connect(config_folder / "t.db") as db:
        rows = db.execute(
            "SELECT d.source, (SELECT count(*) FROM items i WHERE i.letter_id = d.letter_id)"
            " FROM documents d"
        ).fetchall()
    return [(Path(source).name, count) for source, count in rows]


def test_a_letter_still_being_written_waits_and_arrives_whole(tmp_path: Path) -> None:
    """Before: a letter copied in while the inbox ran was stored with 10 of its 18 items
    and moved to processed/; the whole letter never arrived."""
    from tracker.ingest import Ingestor
    from tracker.sources.inbox import process_inbox
    from tracker.store import open_store

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    whole = _text_letter(18)
    cut = whole.index(b"\n11. ")
    letter = inbox / "brief.txt"
    letter.write_bytes(whole[:cut])  # 10 items so far; the copy goes on
    store = open_store(f"sqlite:///{tmp_path / 't.db'}", tmp_path / "snapshots")
    ingestor = Ingestor(store, 50_000_000)
    now = datetime.now(UTC)

    def ingest(data: bytes, source: str) -> Outcome:
        return ingestor.ingest_document(data, source, now)

    def copy_goes_on(seconds: float) -> None:  # while the inbox waits to look again
        with letter.open("ab") as stream:
            stream.write(whole[cut:])

    first = process_inbox(inbox, ingest, 50_000_000, time.time(), 1.0, sleep=copy_goes_on)
    assert first == [] and letter.read_bytes() == whole  # it waits, untouched
    assert not (inbox / "processed").exists() and _letters(tmp_path) == []
    later = process_inbox(inbox, ingest, 50_000_000, time.time() + 5, 1.0)
    assert [o.status for o in later] == ["added"]
    assert _letters(tmp_path) == [("brief.txt", 18)]


def test_a_letter_written_by_another_process_waits_until_it_is_complete(tmp_path: Path) -> None:
    """The same with a real writer: the inbox of `tracker fetch` never takes half a letter."""
    config = write_config(tmp_path)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    whole = _text_letter(18)
    source = tmp_path / "whole.txt"
    source.write_bytes(whole)
    writer = subprocess.Popen(
        [sys.executable, "-c", _SLOW_COPY, str(source), str(inbox / "brief.txt")]
    )
    try:
        while not (inbox / "brief.txt").exists():
            time.sleep(0.01)
        while writer.poll() is None:
            result = CliRunner().invoke(
                main, ["--config", str(config), "fetch", "--source", "inbox"]
            )
            assert result.exit_code == 0, result.output
            stored = _letters(tmp_path)
            assert stored in ([], [("brief.txt", 18)]), stored  # never half a letter
    finally:
        writer.wait(timeout=30)
    CliRunner().invoke(main, ["--config", str(config), "fetch", "--source", "inbox"])
    assert _letters(tmp_path) == [("brief.txt", 18)]
    assert (inbox / "processed" / "brief.txt").read_bytes() == whole


# Copies a file 200 bytes at a time, one piece every 50 ms (a slow network copy).
_SLOW_COPY = """
import sys, time
data = open(sys.argv[1], "rb").read()
with open(sys.argv[2], "wb") as out:
    for start in range(0, len(data), 200):
        out.write(data[start:start + 200]); out.flush(); time.sleep(0.05)
"""


@pytest.mark.parametrize("name", ["brief.pdf.part", "brief.tmp", "brief.txt~", ".brief.txt"])
def test_names_of_copies_in_progress_wait(inbox: Path, name: str) -> None:
    (inbox / name).write_bytes((SEED / "jbz-2025-10-13.xml").read_bytes())
    result = CliRunner().invoke(main, ["fetch", "--source", "inbox"])
    assert result.exit_code == 0 and "inbox: 0 files" in result.stdout
    assert (inbox / name).is_file() and not (inbox / "processed").exists()


def test_a_link_is_never_followed_nor_what_it_points_to_published(
    inbox: Path, tmp_path: Path
) -> None:
    """Before: the inbox followed a link to any readable file and stored it when it was
    letter-shaped. Now the link itself moves to failed/, unread; its target stays."""
    secret = tmp_path / "elders" / "brief.xml"
    secret.parent.mkdir()
    secret.write_bytes((SEED / "jbz-2025-10-13.xml").read_bytes())
    (inbox / "buiten.xml").symlink_to(secret)
    (inbox / "binnen.xml").symlink_to(inbox / "processed-not")  # dangling
    result = CliRunner().invoke(main, ["fetch", "--source", "inbox"])
    assert result.exit_code == 1 and "2 failed" in result.stdout and "0 added" in result.stdout
    for name in ("buiten.xml", "binnen.xml"):
        moved = inbox / "failed" / name
        assert moved.is_symlink()  # the link itself, not a copy of its target
        reason = (inbox / "failed" / f"{name}.error").read_text("utf-8")
        assert reason == f"inbox/{name}: a symbolic link, not followed\n"
    assert secret.read_bytes() == (SEED / "jbz-2025-10-13.xml").read_bytes()
    listed = CliRunner().invoke(main, ["letters"])
    assert "kst-" not in listed.stdout


def test_a_fifo_or_device_in_the_inbox_fails_at_once(inbox: Path) -> None:
    """Before: a FIFO in the inbox hung the run for ever."""
    os.mkfifo(inbox / "pijp.txt")
    command = [str(Path(sys.executable).with_name("tracker")), "fetch", "--source", "inbox"]
    env = {**os.environ}
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=60, env=env, cwd=inbox.parent
    )
    assert done.returncode == 1, done.stderr
    reason = (inbox / "failed" / "pijp.txt.error").read_text("utf-8")
    assert reason == "inbox/pijp.txt: a named pipe (FIFO), not a regular file\n"


def test_a_reader_s_bug_fails_that_file_and_the_inbox_goes_on(tmp_path: Path) -> None:
    """Before: a DOCX without a body raised AttributeError in the reader, which ended the
    whole inbox run; every file after it in name order stayed untried, run after run."""
    from tracker.sources.inbox import process_inbox

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (inbox / name).write_bytes(b"x")

    def ingest(data: bytes, source: str) -> Outcome:
        if source.endswith("b.txt"):
            raise AttributeError("'NoneType' object has no attribute 'iter'")
        return Outcome(source, "added")

    outcomes = process_inbox(inbox, ingest, 1000, time.time() + 5, 1.0)
    assert [o.status for o in outcomes] == ["added", "failed", "added"]
    reason = (inbox / "failed" / "b.txt.error").read_text("utf-8")
    assert (
        reason
        == f"{inbox}/b.txt: cannot be read (AttributeError: 'NoneType' object has no attribute 'iter')\n"
    )
