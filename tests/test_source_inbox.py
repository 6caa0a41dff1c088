"""The inbox source: ingested files move to processed/, failed ones to failed/ with a reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEV, SEED

from tracker.cli import main


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
