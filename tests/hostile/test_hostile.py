"""Every hostile input through `normalise`, `diff`, `ingest` and the inbox (issue 16).

Each input (see `inputs.CASES`) must end in a one-line error naming the file (exit 1;
`diff` exits 2 on trouble, as diff(1)) or in a safe result, within the bounds below, and
leave the store as it was when refused. Heavy inputs (bombs, FIFOs, devices) run as real
child processes whose time and peak memory are measured; the rest run in-process. The
bounds are safety limits, not speed targets.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from bounded import run_bounded
from click.testing import CliRunner
from conftest import SEED, free_port, write_config
from inputs import CASES, Hostile

from tracker.cli import main
from tracker.errors import one_line

TRACKER = str(Path(sys.executable).with_name("tracker"))
SECONDS = 20.0  # most a hostile input may take, per command
MEMORY_MB = 400.0  # most resident memory a command may reach on one
SEED_LETTER = SEED / "jbz-2025-10-13.xml"
IDS = [case.name for case in CASES]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path]]:
    """Every input, made once in a folder of its own."""
    root = tmp_path_factory.mktemp("hostile")
    paths = {}
    for case in CASES:
        folder = root / case.name
        folder.mkdir()
        paths[case.name] = case.make(folder)
    yield paths


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the seed letter, for `ingest` and `diff`."""
    folder = tmp_path_factory.mktemp("store")
    path = write_config(folder)
    result = CliRunner().invoke(main, ["--config", str(path), "ingest", str(SEED_LETTER)])
    assert result.exit_code == 0, result.output
    return path


def _tracker(case: Hostile, config: Path, *args: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of a tracker command: heavy cases as a bounded child."""
    command = ["--config", str(config), *args]
    if not case.heavy:
        result = CliRunner().invoke(main, command)
        assert not isinstance(result.exception, (AssertionError, MemoryError))
        return result.exit_code, result.stdout, result.stderr
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    run = run_bounded(
        [TRACKER, *command], seconds=SECONDS, memory_mb=MEMORY_MB, cwd=config.parent, env=env
    )
    assert not run.killed, (
        f"{case.name}: killed at the {run.killed} bound ({run.peak_mb:.0f} MB, {run.seconds:.1f} s)"
    )
    assert run.peak_mb < MEMORY_MB and run.seconds < SECONDS
    return run.returncode, run.stdout, run.stderr


def _one_error_line(stderr: str, path: Path, problem: str) -> None:
    """stderr is one line: the error, naming the file and the problem."""
    lines = [line for line in stderr.splitlines() if not line.startswith("warning: ")]
    assert len(lines) == 1, stderr
    assert lines[0].startswith(f"Error: {one_line(str(path))}: "), lines[0]
    assert problem in lines[0], lines[0]
    assert "Traceback" not in stderr


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_normalise(case: Hostile, made: dict[str, Path], config: Path) -> None:
    path = made[case.name]
    status, stdout, stderr = _tracker(case, config, "normalise", str(path))
    if case.problem:
        assert status == 1 and stdout == ""
        _one_error_line(stderr, path, case.problem)
    else:
        assert status == 0, stderr
        assert stdout.startswith("<?xml") and "Traceback" not in stderr
        if case.items is not None:
            assert stdout.count("<item ") == case.items


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_diff_against_the_seed(case: Hostile, made: dict[str, Path], config: Path) -> None:
    path = made[case.name]
    status, stdout, stderr = _tracker(case, config, "diff", str(SEED_LETTER), str(path))
    if case.problem:
        assert status == 2 and stdout == ""  # trouble, as diff(1) says it
        _one_error_line(stderr, path, case.problem)
    else:
        assert status in (0, 1) and "Traceback" not in stderr, stderr


def test_diff_of_two_letters_of_thousands_of_sections(tmp_path: Path) -> None:
    """Before: comparing two letters costs the product of their section counts: two of
    3,000 headings took 151 s and 2 GB (one of 1,000: 13.5 s). Now refused at once."""
    from inputs import headings

    old, new = tmp_path / "oud.txt", tmp_path / "nieuw.txt"
    old.write_bytes(headings(3000))
    new.write_bytes(headings(3000).replace(b"lange", b"korte"))
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    run = run_bounded(
        [TRACKER, "diff", str(old), str(new)],
        seconds=SECONDS,
        memory_mb=MEMORY_MB,
        cwd=tmp_path,
        env=env,
    )
    assert not run.killed, f"killed at the {run.killed} bound"
    assert run.returncode == 2
    _one_error_line(run.stderr, old, "3,000 sections and agenda items, more than 400")


def _store_state(config: Path) -> tuple[dict[str, int], list[str]]:
    """The row count of every table and the snapshot files: what a refusal must not change."""
    folder = config.parent
    with sqlite3.connect(folder / "t.db") as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        counts = {t: db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    snapshots = sorted(str(p) for p in (folder / "snapshots").rglob("*"))
    return counts, snapshots


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_ingest(case: Hostile, made: dict[str, Path], config: Path) -> None:
    path = made[case.name]
    before = _store_state(config)
    status, stdout, stderr = _tracker(case, config, "ingest", str(path))
    if path.is_dir() and not path.is_symlink():
        assert status == 0 and "0 files" in stdout  # a folder: every file in it (none)
    elif case.problem or not case.agenda:
        assert status == 1 and "1 failed" in stdout
        _one_error_line(stderr, path, case.problem or "no agenda")
        assert _store_state(config) == before  # nothing half-stored
    else:
        assert status == 0 and "0 failed" in stdout, stderr


# --- the inbox -------------------------------------------------------------------------


def _fill_inbox(inbox: Path) -> dict[str, Path]:
    inbox.mkdir()
    return {case.name: case.make(inbox) for case in CASES}


def _check_inbox(inbox: Path, dropped: dict[str, Path], config: Path) -> None:
    """Where each dropped file ended and why; the store holds exactly the processed ones."""
    for case in CASES:
        name = dropped[case.name].name
        failed, processed = inbox / "failed" / name, inbox / "processed" / name
        if case.inbox in ("waits", "ignored"):
            assert os.path.lexists(dropped[case.name]), case.name
            assert not os.path.lexists(failed) and not os.path.lexists(processed)
        elif case.problem or case.inbox or not case.agenda:
            assert os.path.lexists(failed), f"{case.name} not in failed/"
            reason = (inbox / "failed" / f"{name}.error").read_text("utf-8")
            assert reason.count("\n") == 1 and reason.startswith(one_line(str(dropped[case.name])))
            assert (case.inbox or case.problem or "no agenda") in reason, reason
        else:
            assert processed.is_file() and not processed.is_symlink(), case.name
    with sqlite3.connect(config.parent / "t.db") as db:
        sources = {Path(r[0]).name for r in db.execute("SELECT source FROM documents")}
    stored = {p.name for p in (inbox / "processed").iterdir()}
    assert sources == stored  # nothing of a failed file, nothing a link pointed to


def test_the_inbox_of_tracker_fetch(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    dropped = _fill_inbox(tmp_path / "inbox")
    result = CliRunner().invoke(main, ["--config", str(config), "fetch", "--source", "inbox"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    _check_inbox(tmp_path / "inbox", dropped, config)


def test_the_inbox_of_a_running_server(tmp_path: Path) -> None:
    """`tracker serve` ingests its inbox first: every input in it at once, as a real
    server process within the memory bound, still answering afterwards."""
    config = write_config(tmp_path)
    dropped = _fill_inbox(tmp_path / "inbox")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    command = [TRACKER, "--config", str(config), "serve", "--port", str(port)]
    server = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = 0.0
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and server.poll() is None:
            peak = max(peak, _peak_mb(server.pid))
            if _answers(port):
                break
            time.sleep(0.05)
        else:
            raise AssertionError("tracker serve did not come up")
        peak = max(peak, _peak_mb(server.pid))
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert peak < MEMORY_MB, f"tracker serve reached {peak:.0f} MB"
    assert "Traceback" not in output, output
    _check_inbox(tmp_path / "inbox", dropped, config)


def _peak_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    line = next((x for x in status.splitlines() if x.startswith("VmHWM:")), "VmHWM: 0 kB")
    return int(line.split()[1]) / 1024


def _answers(port: int) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
            return True
    except OSError:
        return False
