"""The daemon: catch-up after missed nights, one run at a time, a clean stop on SIGTERM."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import free_port, load_corpus_generator, write_config

from tracker.config import load_config
from tracker.daemon import JOB_ID, ZONE, catch_up_needed, nightly_trigger, start_scheduler
from tracker.sources.fetch import RUN
from tracker.store import Store, open_store
from tracker.store.state import record_run

TRACKER = str(Path(sys.executable).with_name("tracker"))
TRIGGER = nightly_trigger(load_config())  # 02:30 Europe/Amsterdam
NIGHT = datetime(2026, 11, 28, 2, 30, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("last_success", "now", "expected"),
    [
        (None, NIGHT, True),  # never ran
        (NIGHT - timedelta(days=3), NIGHT + timedelta(hours=9), True),  # down three nights
        (NIGHT + timedelta(minutes=5), NIGHT + timedelta(hours=9), False),  # ran last night
        (NIGHT - timedelta(hours=1), NIGHT - timedelta(minutes=10), False),  # not due yet
        (NIGHT - timedelta(days=1), NIGHT + timedelta(minutes=1), True),  # due a minute ago
    ],
    ids=["never", "down-three-nights", "ran-last-night", "not-due-yet", "just-due"],
)
def test_catch_up_needed(last_success: datetime | None, now: datetime, expected: bool) -> None:
    assert catch_up_needed(last_success, now, TRIGGER) is expected


def _config(tmp_path: Path) -> Path:
    """Only the inbox as a source, everything in `tmp_path` (the store is `t.db`)."""
    (tmp_path / "inbox").mkdir(exist_ok=True)
    return write_config(
        tmp_path, "[sources.koop_sru]\nenabled = false\n[sources.tk_odata]\nenabled = false\n"
    )


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path / 't.db'}", tmp_path / "snapshots")
    yield opened
    opened.engine.dispose()


def test_down_three_nights_runs_exactly_once_at_start(
    store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    path = _config(tmp_path)
    config = load_config(path)
    # The scheduler runs on the real clock, so the catch-up must be due now, not on a
    # fixed day: a run set for a day long past counts as misfired and is skipped.
    now = datetime.now(ZONE)
    record_run(store, RUN, now - timedelta(days=3), None, None)
    caplog.set_level(logging.INFO, logger="tracker.daemon")
    scheduler = start_scheduler(store, config, str(path), url, clock=lambda: now)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and not _runs(caplog):
            time.sleep(0.05)
        time.sleep(1.0)  # room for a second run, if there were one
        job = scheduler.get_job(JOB_ID)
        assert job is not None
        assert job.next_run_time == TRIGGER.get_next_fire_time(None, datetime.now(ZONE))
    finally:
        scheduler.shutdown(wait=True)
    assert _runs(caplog) == 1


def _runs(caplog: pytest.LogCaptureFixture) -> int:
    return sum(1 for r in caplog.records if r.getMessage().startswith("inbox: "))


def test_a_restart_after_a_successful_night_does_not_run(
    store: Store, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 't.db'}"
    path = _config(tmp_path)
    record_run(store, RUN, datetime.now(UTC), None, None)
    caplog.set_level(logging.INFO, logger="tracker.daemon")
    scheduler = start_scheduler(store, load_config(path), str(path), url)
    try:
        time.sleep(1.0)
    finally:
        scheduler.shutdown(wait=True)
    assert _runs(caplog) == 0


@pytest.fixture
def full_inbox(tmp_path: Path) -> Path:
    path = _config(tmp_path)
    load_corpus_generator().generate(tmp_path / "inbox", 30)
    return path


def test_a_second_fetch_while_one_runs_exits_cleanly(full_inbox: Path, tmp_path: Path) -> None:
    from tracker.sources.fetch import process_lock

    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    command = [TRACKER, "--config", str(full_inbox), "fetch", "--source", "inbox"]
    with process_lock(tmp_path / "tracker.lock"):  # this test is the fetch that runs
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert second.returncode == 1 and "Traceback" not in second.stderr
    assert second.stderr == (
        f"Error: {tmp_path / 'tracker.lock'}: another tracker process is fetching; not starting\n"
    )
    assert not (tmp_path / "inbox" / "processed").exists()  # it touched nothing
    after = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert after.returncode == 0 and "inbox: 30 files" in after.stdout


def test_sigterm_finishes_the_letter_in_hand_and_exits(full_inbox: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    daemon = subprocess.Popen(
        [TRACKER, "--config", str(full_inbox), "run", "--no-serve"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    processed = tmp_path / "inbox" / "processed"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(processed.glob("*"))) < 3:
        time.sleep(0.05)
    daemon.send_signal(signal.SIGTERM)
    output, _ = daemon.communicate(timeout=60)
    assert daemon.returncode == 0, output
    assert "stopped" in output
    done = len(list(processed.glob("*")))
    waiting = len([p for p in (tmp_path / "inbox").iterdir() if p.is_file()])
    assert 3 <= done < 30 and done + waiting == 30  # nothing lost, nothing half-moved
    store = open_store(f"sqlite:///{tmp_path / 't.db'}", tmp_path / "snapshots")
    try:
        from sqlalchemy import func, select

        from tracker.store.models import DocumentRow

        with store.sessions() as session:
            documents = session.scalar(select(func.count()).select_from(DocumentRow))
    finally:
        store.engine.dispose()
    assert documents is not None and documents <= done


def test_without_network_run_serves_what_it_has_and_says_the_sources_are_unreachable(
    tmp_path: Path,
) -> None:
    import urllib.request

    dead, port = free_port(), free_port()  # nothing listens on `dead`: the "internet" is down
    config = write_config(
        tmp_path,
        f"[web]\nport = {port}\n"
        f'[sources.koop_sru]\nurl = "http://127.0.0.1:{dead}/sru"\n'
        f'[sources.tk_odata]\nurl = "http://127.0.0.1:{dead}/odata"\n',
    )
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    daemon = subprocess.Popen(
        [TRACKER, "--config", str(config), "run"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        health = None
        for _ in range(300):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    health = r.read()
                break
            except OSError:
                time.sleep(0.1)
        assert health is not None and b'"status": "ok"' in health
        deadline = time.monotonic() + 60  # the catch-up run gives up on both sources
        while time.monotonic() < deadline:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                health = r.read()
            if b'"tk_odata"' in health:
                break
            time.sleep(0.5)
        assert b"connection failed" in health or b"request failed" in health
    finally:
        daemon.send_signal(signal.SIGTERM)
        output, _ = daemon.communicate(timeout=60)
    assert daemon.returncode == 0
    assert "koop_sru: unreachable or broken" in output and "stopped" in output
