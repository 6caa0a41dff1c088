"""The store's commands: ingest, letters, show, history, diff by id, rebuild, db upgrade."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEV, SEED

from tracker.cli import main

OCTOBER = str(SEED / "jbz-2025-10-13.xml")
DECEMBER = str(DEV / "11-next-meeting-eerste-kamer" / "new.pdf")


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")

    def invoke(*args: str) -> tuple[int, str, str]:
        result = CliRunner().invoke(main, list(args))
        return result.exit_code, result.stdout, result.stderr

    return invoke


def test_ingest_then_read(run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run("ingest", OCTOBER, DECEMBER)
    assert code == 0
    assert (
        out
        == "2 files: 2 added, 0 new versions, 0 other renditions, 0 unchanged, 0 failed, 9 changes\n"
    )
    code, out, _ = run("ingest", OCTOBER)
    assert (code, out) == (
        0,
        "1 files: 0 added, 0 new versions, 0 other renditions, 1 unchanged, 0 failed, 0 changes\n",
    )
    code, out, _ = run("letters")
    assert code == 0 and "kst-32317-AT@1" in out and "sha256-52dd688ef3b7@1" in out
    code, out, _ = run("show", "kst-32317-AT")
    assert code == 0 and "II.10.b" in out and "Luxemburg" in out
    code, out, _ = run("show", "kst-32317-AT", "--xml")
    assert out.startswith("<?xml") and 'id="kst-32317-AT"' in out
    code, out, _ = run("history", "solidariteitspool")
    assert code == 0 and "position conditional → support" in out


def test_diff_between_stored_letters(run) -> None:  # type: ignore[no-untyped-def]
    run("ingest", OCTOBER, DECEMBER)
    code, out, _ = run("diff", "kst-32317-AT@1", "sha256-52dd688ef3b7", "-f", "json")
    assert code == 0
    result = json.loads(out)
    assert result["summary"]["position_changes"] == 5
    assert (result["old"]["meeting"], result["new"]["meeting"]) == ("2025-10-13", "2025-12-08")


def test_unknown_ids_and_queries_are_one_line_errors(run) -> None:  # type: ignore[no-untyped-def]
    run("ingest", OCTOBER)
    code, _, err = run("show", "kst-0-0")
    assert (
        code == 1 and err == "Error: kst-0-0: no such letter in the store (see `tracker letters`)\n"
    )
    code, _, err = run("history", "geen-onderwerp")
    assert code == 1 and "geen-onderwerp" in err


def test_a_failed_file_sets_the_exit_status(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "leeg.pdf"
    empty.write_bytes(b"")
    code, out, err = run("ingest", str(empty), OCTOBER)
    assert code == 1
    assert f"Error: {empty}: empty file" in err
    assert "1 added" in out and "1 failed" in out


def test_rebuild_and_upgrade(run) -> None:  # type: ignore[no-untyped-def]
    run("ingest", OCTOBER, DECEMBER)
    code, out, _ = run("rebuild")
    assert code == 0 and out.startswith("2 files: 2 added")
    code, out, _ = run("db", "upgrade")
    assert code == 0 and out.endswith(": up to date\n")


def test_a_bad_database_url_is_one_line(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("TRACKER_DATABASE_URL", "nonsense://")
    code, _, err = run("letters")
    assert code == 1 and err.startswith("Error: nonsense://") and "Traceback" not in err
