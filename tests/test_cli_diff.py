"""`tracker diff OLD NEW`: every format, whole JSON against a golden file, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import DEV, SEED

from tracker.cli import main

CASE = DEV / "05-position-changes"
GOLDEN = Path(__file__).parent / "golden" / "diff-05-position-changes.json"


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_is_the_whole_contract(monkeypatch: pytest.MonkeyPatch, update_golden: bool) -> None:
    monkeypatch.chdir(CASE)  # relative paths: `source` in the golden file is machine-neutral
    code, out, err = _run("diff", "old.xml", "new.html", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    if update_golden:
        GOLDEN.write_text(out, "utf-8")
    assert result == json.loads(GOLDEN.read_text("utf-8"))
    assert result["schema"] == "tracker.diff/1"
    assert result["old"]["id"] == result["new"]["id"] == "kst-32317-AT"
    assert result["summary"]["position_changes"] == 6


@pytest.mark.parametrize("fmt", ["text", "unified", "html"])
def test_every_format_puts_position_changes_first(fmt: str) -> None:
    code, out, err = _run("diff", str(CASE / "old.xml"), str(CASE / "new.html"), "--format", fmt)
    assert code == 0, err
    head = out[: out.index("II.10.b")]  # the last position change is listed in the head
    assert "II.4" in head and "I.5.a" in head


def test_html_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "diff.html"
    code, out, _ = _run(
        "diff", str(CASE / "old.xml"), str(CASE / "new.html"), "-f", "html", "-o", str(target)
    )
    assert code == 0 and out == ""
    page = target.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<del" in page and "http" not in page.lower()


def test_renditions_of_one_letter_have_no_changes() -> None:
    code, out, _ = _run(
        "diff", str(SEED / "jbz-2025-10-13.pdf"), str(SEED / "jbz-2025-10-13.docx"), "-f", "json"
    )
    assert code == 0
    assert json.loads(out)["summary"]["changed"] == 0


@pytest.mark.parametrize("side", ["old", "new"])
def test_a_bad_file_is_one_line_and_exit_1(tmp_path: Path, side: str) -> None:
    bad = tmp_path / "kapot.xml"
    bad.write_bytes(b"<?xml version='1.0'?><kamerstuk><al>open")
    good = str(CASE / "old.xml")
    args = (str(bad), good) if side == "old" else (good, str(bad))
    code, out, err = _run("diff", *args)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and err.startswith(f"Error: {bad}: ")


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    code, _, err = _run("diff", str(tmp_path / "weg.pdf"), str(CASE / "old.xml"))
    assert code == 1 and "weg.pdf" in err and "Traceback" not in err


def test_a_file_that_is_no_agenda_is_diffed_with_a_warning(tmp_path: Path) -> None:
    page = tmp_path / "nieuws.html"
    page.write_text("<html><body><p>Een nieuwsbericht.</p></body></html>", "utf-8")
    code, out, err = _run("diff", str(page), str(CASE / "old.xml"), "-f", "json")
    assert code == 0 and json.loads(out)["summary"]["added"] > 0
    assert err.startswith(f"warning: {page}: no agenda found")
