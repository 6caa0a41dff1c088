"""`tracker diff OLD NEW` as people run it: every format, whole outputs against golden
files, exit statuses as diff(1), near-duplicates, and bad input."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path

import console
import pytest
from conftest import DEV, SEED, write_config
from console import tracker
from lxml import etree

CASE = DEV / "05-position-changes"
GOLDEN = Path(__file__).parent / "golden"
GOLDEN_JSON = GOLDEN / "diff-05-position-changes.json"
GOLDEN_UNIFIED = GOLDEN / "diff-05-position-changes.unified.txt"


def test_json_is_the_whole_contract(update_golden: bool) -> None:
    # Relative paths, from the case's folder: `source` in the golden file is machine-neutral.
    ran = tracker("diff", "old.xml", "new.html", "--format", "json", cwd=CASE)
    assert (ran.code, ran.err) == (1, "")
    result = json.loads(ran.out)
    if update_golden:
        GOLDEN_JSON.write_text(ran.out, "utf-8")
    assert result == json.loads(GOLDEN_JSON.read_text("utf-8"))
    assert result["schema"] == "tracker.diff/1"
    assert result["old"]["id"] == result["new"]["id"] == "kst-32317-AT"
    assert result["summary"]["position_changes"] == 6


def test_unified_is_whole(update_golden: bool) -> None:
    """Names, Dutch dates and stances, positions first, as piped to a file or a mail."""
    ran = tracker("diff", "old.xml", "new.html", "--format", "unified", cwd=CASE)
    assert (ran.code, ran.err) == (1, "")
    if update_golden:
        GOLDEN_UNIFIED.write_text(ran.out, "utf-8")
    assert ran.out == GOLDEN_UNIFIED.read_text("utf-8")


@pytest.mark.parametrize("fmt", ["text", "unified", "html"])
def test_every_format_puts_position_changes_first(fmt: str) -> None:
    ran = tracker("diff", str(CASE / "old.xml"), str(CASE / "new.html"), "--format", fmt)
    assert ran.code == 1, ran.err
    head = ran.out[: ran.out.index("II.10.b")]  # the last position change is listed in the head
    assert "II.4" in head and "I.5.a" in head


def test_html_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "diff.html"
    ran = tracker(
        "diff", str(CASE / "old.xml"), str(CASE / "new.html"), "-f", "html", "-o", str(target)
    )
    assert (ran.code, ran.out, ran.err) == (1, "", "")
    page = target.read_text("utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<del" in page and "http" not in page.lower()


EXIT_STATUS = {
    "renditions-of-one-letter": (SEED / "jbz-2025-10-13.pdf", SEED / "jbz-2025-10-13.docx", 0),
    "only-renumbered": (DEV / "08-reordered-items/old.xml", DEV / "08-reordered-items/new.html", 0),
    "positions-changed": (CASE / "old.xml", CASE / "new.html", 1),
    "items-added-and-removed": (
        DEV / "09-item-added-and-removed/old.pdf",
        DEV / "09-item-added-and-removed/new.pdf.txt",
        1,
    ),
}


@pytest.mark.parametrize(("old", "new", "code"), EXIT_STATUS.values(), ids=EXIT_STATUS.keys())
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_exit_status_says_whether_the_letters_differ(
    old: Path, new: Path, code: int, fmt: str
) -> None:
    """As diff(1): 0 the same (nothing changed, added or removed), 1 different."""
    ran = tracker("diff", str(old), str(new), "-f", fmt)
    assert (ran.code, ran.err) == (code, "")
    if fmt == "json":
        summary = json.loads(ran.out)["summary"]
        assert bool(summary["changed"] + summary["added"] + summary["removed"]) is bool(code)


def test_the_same_letter_says_so_whole() -> None:
    ran = tracker("diff", "jbz-2025-10-13.pdf", "jbz-2025-10-13.docx", cwd=SEED)
    assert (ran.code, ran.err) == (0, "")
    head = ran.out[: ran.out.index("Near-duplicate")]
    assert head == (
        "JBZ-Raad 13 oktober 2025 (Eerste Kamer)\n"
        "  letter  jbz-2025-10-13.pdf → jbz-2025-10-13.docx\n"
        "  date    29 september 2025\n"
        "  place   Luxemburg\n"
        "0 changed · 0 added · 0 removed · 0 moved · 0 position changes · 24 unchanged\n"
        "\n"
        "No changes: the two letters say the same.\n"
        "\n"
        "24 items unchanged\n"
        "\n"
    )


@pytest.mark.parametrize("side", ["old", "new"])
def test_a_bad_file_is_one_line_and_exit_2(tmp_path: Path, side: str) -> None:
    bad = tmp_path / "kapot.xml"
    bad.write_bytes(b"<?xml version='1.0'?><kamerstuk><al>open")
    good = str(CASE / "old.xml")
    args = (str(bad), good) if side == "old" else (good, str(bad))
    ran = tracker("diff", *args)
    assert (ran.code, ran.out) == (2, "")
    assert ran.err.count("\n") == 1 and ran.err.startswith(f"Error: {bad}: ")


def test_a_missing_file_says_no_such_file(tmp_path: Path) -> None:
    """Even with a store to look ids up in, a path is a path."""
    config = write_config(tmp_path)
    assert tracker("--config", str(config), "ingest", str(CASE / "old.xml")).code == 0
    missing = tmp_path / "weg.pdf"
    for args in ((str(missing), str(CASE / "old.xml")), ("kst-32317-AT", str(missing))):
        ran = tracker("--config", str(config), "diff", *args)
        assert (ran.code, ran.out, ran.err) == (2, "", f"Error: {missing}: no such file\n")
    ran = tracker("--config", str(config), "diff", "weg.pdf", "kst-32317-AT", cwd=tmp_path)
    assert (ran.code, ran.err) == (2, "Error: weg.pdf: no such file\n")


def test_an_unknown_id_is_trouble(tmp_path: Path) -> None:
    config = str(write_config(tmp_path))
    without = (
        f"Error: kst-0-0: no such file, and no store at {tmp_path / 't.db'}: "
        "run `tracker ingest` or `tracker serve` first\n"
    )
    unknown = "Error: kst-0-0: no such file or stored letter (see `tracker letters`)\n"
    for expected in (without, unknown):  # without a store (none is made), then with one
        ran = tracker("--config", config, "diff", "kst-0-0", str(CASE / "old.xml"))
        assert (ran.code, ran.out, ran.err) == (2, "", expected)
        assert (tmp_path / "t.db").exists() == (expected == unknown)
        tracker("--config", config, "ingest", str(CASE / "old.xml"))


@pytest.mark.parametrize(
    ("args", "error"),
    [
        (("diff", "alleen-oud.xml"), "Error: Missing argument 'NEW'."),
        (("diff", "a", "b", "--format", "pdf"), "Error: Invalid value for '-f' / '--format'"),
        (("--config", "/nergens/config.toml", "diff", "a", "b"), "Error: /nergens/config.toml"),
        (
            ("diff", str(CASE / "old.xml"), str(CASE / "new.html"), "-o", "/nergens/diff.txt"),
            "Error: /nergens/diff.txt: cannot write",
        ),
    ],
    ids=["missing-argument", "unknown-format", "missing-config", "unwritable-output"],
)
def test_usage_errors_and_other_trouble_exit_2(args: tuple[str, ...], error: str) -> None:
    ran = tracker(*args)
    assert (ran.code, ran.out) == (2, "") and error in ran.err and "Traceback" not in ran.err


def test_other_commands_keep_exit_1_for_errors(tmp_path: Path) -> None:
    ran = tracker("normalise", str(tmp_path / "weg.pdf"))
    assert (ran.code, ran.err) == (1, f"Error: {tmp_path / 'weg.pdf'}: no such file\n")
    ran = tracker("--config", "/nergens/config.toml", "letters")
    assert ran.code == 1 and ran.err.startswith("Error: /nergens/config.toml")


def test_help_documents_the_exit_status() -> None:
    ran = tracker("diff", "--help")
    text = " ".join(ran.out.split())
    assert ran.code == 0
    assert "Exit status, as diff(1): 0 when the letters are the same" in text
    assert "1 when they differ, 2 on trouble" in text and "--duplicates" in text


def test_a_file_that_is_no_agenda_is_diffed_with_a_warning(tmp_path: Path) -> None:
    page = tmp_path / "nieuws.html"
    page.write_text("<html><body><p>Een nieuwsbericht.</p></body></html>", "utf-8")
    ran = tracker("diff", str(page), str(CASE / "old.xml"), "-f", "json")
    assert ran.code == 1 and json.loads(ran.out)["summary"]["added"] > 0
    assert ran.err.startswith(f"warning: {page}: no agenda found")


def _letter_with_a_copied_item(tmp_path: Path) -> Path:
    """The seed letter as a snapshot whose II.8 says word for word what I.4 says."""
    snapshot = tmp_path / "kopie.xml"
    assert tracker("normalise", str(SEED / "jbz-2025-10-13.xml"), "-o", str(snapshot)).code == 0
    tree = etree.parse(str(snapshot))
    first, second = (tree.find(f".//item[@ref='{ref}']") for ref in ("I.4", "II.8"))
    assert first is not None and second is not None
    for child in list(second):
        second.remove(child)
    second.extend(copy.deepcopy(child) for child in first)
    tree.write(str(snapshot), xml_declaration=True, encoding="utf-8")
    return snapshot


@pytest.mark.parametrize("fmt", ["text", "unified"])
def test_near_duplicates_only_where_they_differ_unless_asked(tmp_path: Path, fmt: str) -> None:
    copied = str(_letter_with_a_copied_item(tmp_path))
    ran = tracker("diff", copied, copied, "-f", fmt)
    assert (ran.code, ran.err) == (0, "") and "Near-duplicate" not in ran.out
    ran = tracker("diff", copied, copied, "-f", fmt, "--duplicates")
    assert ran.out.endswith(
        "Near-duplicate items within a letter" + (":" if fmt == "unified" else "") + "\n"
        "= old letter: I.4 and II.8 (similarity 1.00, same text)\n"
        "= new letter: I.4 and II.8 (similarity 1.00, same text)\n"
    )
    ran = tracker("diff", str(SEED / "jbz-2025-10-13.xml"), copied, "-f", fmt)
    assert ran.code == 1
    assert "= old letter: I.4 and II.8 (similarity 0.90)" in ran.out
    assert "= new letter" not in ran.out


@pytest.mark.parametrize("fmt", ["text", "unified"])
@pytest.mark.parametrize("extra", [(), ("--duplicates",)], ids=["", "duplicates"])
def test_piped_text_has_no_trailing_spaces(fmt: str, extra: tuple[str, ...]) -> None:
    for case, old, new in (
        (CASE, "old.xml", "new.html"),
        (DEV / "11-next-meeting-eerste-kamer", "old.pdf.txt", "new.pdf"),
        (DEV / "21-epsco-tweede-vs-eerste-kamer", "old.html", "new.pdf"),
    ):
        ran = tracker("diff", str(case / old), str(case / new), "-f", fmt, *extra)
        assert ran.code in (0, 1), ran.err
        assert [line for line in ran.out.splitlines() if line != line.rstrip()] == []


def _one_core() -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


@pytest.mark.skipif(len(os.sched_getaffinity(0)) < 2, reason="reads side by side on 2+ cores")
@pytest.mark.parametrize(
    "pair", ["pdfs", "bad-bad", "bad-warning", "warning-bad", "warning-warning", "good-bad"]
)
def test_two_files_read_side_by_side_say_what_one_after_the_other_says(
    tmp_path: Path, pair: str
) -> None:
    """With a second core the larger file is read in a forked copy: the same output,
    warnings in the same order, the first file's error first (on one core: no copy)."""
    bad = tmp_path / "kapot.xml"
    bad.write_bytes(b"<?xml version='1.0'?><kamerstuk><al>open" + b" " * 200_000)
    worse = tmp_path / "stuk.pdf"
    worse.write_bytes(b"%PDF-1.4 not really")
    page = tmp_path / "nieuws.html"
    page.write_text("<html><body><p>Een nieuwsbericht.</p></body></html>", "utf-8")
    other = tmp_path / "bericht.html"
    other.write_text("<html><body><p>Een ander bericht.</p>" + " " * 9000 + "</body></html>")
    files = {
        "pdfs": (SEED / "jbz-2025-10-13.pdf", DEV / "11-next-meeting-eerste-kamer" / "new.pdf"),
        "bad-bad": (worse, bad),
        "bad-warning": (bad, page),
        "warning-bad": (page, bad),
        "warning-warning": (page, other),
        "good-bad": (CASE / "old.xml", worse),
    }[pair]
    command = [console.TRACKER, "diff", *map(str, files), "--format", "json"]
    both, one = (
        subprocess.run(command, capture_output=True, check=False, preexec_fn=preexec)
        for preexec in (None, _one_core)
    )
    assert (both.returncode, both.stdout, both.stderr) == (one.returncode, one.stdout, one.stderr)
    expected = {"pdfs": 1, "warning-warning": 0}.get(pair, 2)  # two empty agendas are the same
    assert both.returncode == expected, both.stderr


# `tracker` as its console script runs it, with an exit handler that says when it runs.
WITH_EXIT_HANDLER = """
import atexit, sys
from tracker.cli import command
atexit.register(lambda: sys.stderr.write("exit handlers ran\\n"))
sys.argv = ["tracker", *sys.argv[1:]]
command()
"""


@pytest.mark.parametrize("fmt", ["json", "unified"])
def test_a_diff_of_two_files_ends_the_process_at_once(tmp_path: Path, fmt: str) -> None:
    """Two files diffed: no store opened, nothing to close, so the process ends as soon
    as the diff is written (Python's exit, which frees every object, is skipped); the
    output is whole and the exit status is diff(1)'s."""
    old, new = CASE / "old.xml", CASE / "new.html"
    args = ["diff", str(old), str(new), "--format", fmt]
    ran = subprocess.run(
        [sys.executable, "-c", WITH_EXIT_HANDLER, *args], capture_output=True, check=False
    )
    assert (ran.returncode, ran.stderr) == (1, b"")
    assert ran.stdout.decode("utf-8") == tracker(*args).out
    output = tmp_path / "diff.html"
    ran = subprocess.run(
        [sys.executable, "-c", WITH_EXIT_HANDLER, *args[:3], "-f", "html", "-o", str(output)],
        capture_output=True,
        check=False,
    )
    assert (ran.returncode, ran.stderr) == (1, b"")
    assert output.read_text("utf-8").rstrip().endswith("</html>")


def test_other_exits_run_the_exit_handlers(tmp_path: Path) -> None:
    """Trouble (exit 2), a diff of stored letters (a store was opened) and other commands
    end as Python ends: exit handlers run, the store's connections are closed."""
    config = str(write_config(tmp_path))
    old, new = str(CASE / "old.xml"), str(CASE / "new.html")
    assert tracker("--config", config, "ingest", old, new).code == 0
    names = tracker("--config", config, "letters", "--format", "json").out
    stored = [f"{letter['id']}@{letter['version']}" for letter in json.loads(names)]
    runs = {
        ("diff", old, str(tmp_path / "missing.pdf")): 2,
        ("--config", config, "diff", *stored): 1,
        ("normalise", old): 0,
    }
    for args, status in runs.items():
        ran = subprocess.run(
            [sys.executable, "-c", WITH_EXIT_HANDLER, *args], capture_output=True, check=False
        )
        assert ran.returncode == status, (args, ran.stderr)
        assert ran.stderr.decode("utf-8").endswith("exit handlers ran\n"), args


def test_in_process_a_finished_diff_is_sys_exit() -> None:
    """Called in a process that goes on (a test, a script), the diff's end is the
    `sys.exit` it always was: nothing is ended at once."""
    from click.testing import CliRunner

    from tracker.cli import Finished, main

    result = CliRunner().invoke(main, ["diff", str(CASE / "old.xml"), str(CASE / "new.html")])
    assert result.exit_code == 1
    assert isinstance(result.exception, Finished) and issubclass(Finished, SystemExit)


def test_in_process_the_collector_keeps_its_thresholds() -> None:
    """The diff collects less often while it runs; a caller that goes on keeps its own
    thresholds, whether the diff ended well or in trouble."""
    import gc

    from click.testing import CliRunner

    from tracker.cli import main

    before = gc.get_threshold()
    for args in (["diff", str(CASE / "old.xml"), str(CASE / "new.html")], ["diff", "x", "y"]):
        CliRunner().invoke(main, args)
        assert gc.get_threshold() == before
