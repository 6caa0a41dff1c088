"""The daemon: catch-up after missed nights, one run at a time, a clean stop on SIGTERM."""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED, free_port, load_corpus_generator, write_config

from tracker.config import Config, DaemonConfig, load_config
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
    path = _config(tmp_path)
    config = load_config(path)
    # The scheduler runs on the real clock, so the catch-up must be due now, not on a
    # fixed day: a run set for a day long past counts as misfired and is skipped.
    now = datetime.now(ZONE)
    record_run(store, RUN, now - timedelta(days=3), None, None)
    caplog.set_level(logging.INFO, logger="tracker.daemon")
    scheduler = start_scheduler(store, config, path, clock=lambda: now)
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
    path = _config(tmp_path)
    record_run(store, RUN, datetime.now(UTC), None, None)
    caplog.set_level(logging.INFO, logger="tracker.daemon")
    scheduler = start_scheduler(store, load_config(path), path)
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
                status, health = _health(port)
                break
            except OSError:
                time.sleep(0.1)
        assert health is not None
        deadline = time.monotonic() + 60  # the catch-up run gives up on both sources
        while time.monotonic() < deadline and "tk_odata" not in health.get("reason", ""):
            time.sleep(0.5)
            status, health = _health(port)
    finally:
        daemon.send_signal(signal.SIGTERM)
        output, _ = daemon.communicate(timeout=60)
    assert daemon.returncode == 0
    assert status == 503 and health["status"] == "failing"
    assert health["reason"] == (
        f"koop_sru: connection refused by 127.0.0.1:{dead}; "
        f"tk_odata: connection refused by 127.0.0.1:{dead}; no fetch has succeeded yet"
    )
    lines = output.splitlines()
    assert all(STAMPED.match(line) for line in lines), output
    assert "Traceback" not in output
    assert f"WARNING tracker.daemon: koop_sru: connection refused by 127.0.0.1:{dead}" in output
    assert sum("koop_sru" in line for line in lines) == 1  # one line per event
    assert lines[-1].endswith("INFO tracker.daemon: stopped")


STAMPED = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d{4} (INFO|WARNING|ERROR) [\w.]+: ")


def _health(port: int) -> tuple[int, dict[str, Any]]:
    """/healthz over HTTP: its status (503 included) and its JSON body."""
    url = f"http://127.0.0.1:{port}/healthz"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def _health_when_listening(port: int) -> tuple[int, dict[str, Any]]:
    """/healthz once the server listens: the catch-up run may end before uvicorn has bound
    its port on a busy machine (the full suite with others running lost this race)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            return _health(port)
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


# --- the job store across real restarts ----------------------------------------------------


def _start(tmp_path: Path, *args: str) -> tuple[subprocess.Popen[str], Path]:
    """`tracker ... run --no-serve` in `tmp_path`, its output (stdout and stderr) in a file."""
    log = tmp_path / f"daemon-{len(list(tmp_path.glob('daemon-*.log')))}.log"
    env = {
        k: v for k, v in os.environ.items() if k not in ("TRACKER_DATABASE_URL", "TRACKER_CONFIG")
    }
    env["TRACKER_DATABASE_URL"] = f"sqlite:///{tmp_path / 't.db'}"  # a URL the job must not keep
    with log.open("w") as out:
        daemon = subprocess.Popen(
            [TRACKER, *args, "run", "--no-serve"],
            cwd=tmp_path,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
    return daemon, log


def _wait_for(log: Path, text: str, count: int = 1) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if log.read_text().count(text) >= count:
            return
        time.sleep(0.1)
    raise AssertionError(f"{text!r} not logged:\n{log.read_text()}")


def _stop(daemon: subprocess.Popen[str], log: Path) -> list[str]:
    daemon.send_signal(signal.SIGTERM)
    assert daemon.wait(timeout=60) == 0, log.read_text()
    lines = log.read_text().splitlines()
    assert all(STAMPED.match(line) for line in lines), lines
    return lines


def _stored_job(tmp_path: Path) -> tuple[bytes, dict[str, Any]]:
    """The job as APScheduler keeps it in the store: its raw state and the state unpickled."""
    import pickle
    import sqlite3

    with sqlite3.connect(tmp_path / "t.db") as connection:
        rows = connection.execute("SELECT id, job_state FROM apscheduler_jobs").fetchall()
    connection.close()
    assert [row[0] for row in rows] == [JOB_ID]
    return rows[0][1], pickle.loads(rows[0][1])


def _fetches(lines: list[str]) -> int:
    return sum(" INFO tracker.daemon: inbox: " in line for line in lines)


def _cron(state: dict[str, Any]) -> tuple[str, str]:
    fields = {f.name: str(f) for f in state["trigger"].fields}
    return fields["hour"], fields["minute"]


def test_restarts_keep_the_job_free_of_secrets_and_take_a_new_configuration(
    tmp_path: Path,
) -> None:
    (tmp_path / "inbox").mkdir()
    sources_off = "[sources.koop_sru]\nenabled = false\n[sources.tk_odata]\nenabled = false\n"
    write_config(tmp_path, sources_off + '[daemon]\ncron = "30 2 * * *"\n')
    # First start, by a relative --config: never fetched, so it catches up once.
    daemon, log = _start(tmp_path, "--config", "config.toml")
    _wait_for(log, "next fetch: ", 2)  # at start, and after the catch-up run
    lines = _stop(daemon, log)
    assert _fetches(lines) == 1
    assert "catching up now (last successful fetch: never); next fetch: " in "\n".join(lines)
    raw, state = _stored_job(tmp_path)
    assert state["kwargs"] == {"config_path": str(tmp_path / "config.toml")}  # absolute
    assert state["args"] == () and state["func"] == "tracker.daemon:nightly"
    assert b"sqlite" not in raw and b"t.db" not in raw  # no database URL in the job store
    assert _cron(state) == ("2", "30")

    # A new schedule, read from ./config.toml this time: the stored job is replaced.
    write_config(tmp_path, sources_off + '[daemon]\ncron = "45 4 * * *"\n')
    daemon, log = _start(tmp_path)
    _wait_for(log, "next fetch: ")
    lines = _stop(daemon, log)
    assert _fetches(lines) == 0  # last night's fetch succeeded: no catch-up
    (line,) = [line for line in lines if "next fetch: " in line]
    assert line.endswith(_at(TRIGGER_0445.get_next_fire_time(None, datetime.now(ZONE))))
    raw, state = _stored_job(tmp_path)
    assert state["kwargs"] == {"config_path": str(tmp_path / "config.toml")}
    assert _cron(state) == ("4", "45")


TRIGGER_0445 = nightly_trigger(Config(daemon=DaemonConfig(cron="45 4 * * *")))


def _at(when: datetime | None) -> str:
    assert when is not None
    return when.isoformat(timespec="seconds")


def test_an_outage_of_days_loses_nothing_and_fetches_once(tmp_path: Path) -> None:
    """Down three nights, the job store's next run long past, letters waiting: one run."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    (tmp_path / "inbox").mkdir()
    config = write_config(
        tmp_path, "[sources.koop_sru]\nenabled = false\n[sources.tk_odata]\nenabled = false\n"
    )
    daemon, log = _start(tmp_path, "--config", str(config))
    _wait_for(log, "next fetch: ", 2)
    assert _fetches(_stop(daemon, log)) == 1

    # Three nights pass with the daemon down; letters arrive meanwhile.
    store = open_store(f"sqlite:///{tmp_path / 't.db'}", tmp_path / "snapshots")
    try:
        days_ago = datetime.now(ZONE) - timedelta(days=3)
        record_run(store, RUN, days_ago, None, None)
        scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=store.engine)}, timezone=ZONE
        )
        scheduler.start(paused=True)
        scheduler.modify_job(JOB_ID, next_run_time=days_ago)
        scheduler.shutdown()
    finally:
        store.engine.dispose()
    for name in ("jbz-2025-10-13.xml",):
        (tmp_path / "inbox" / name).write_bytes((SEED / name).read_bytes())

    daemon, log = _start(tmp_path, "--config", str(config))
    _wait_for(log, "next fetch: ", 2)
    time.sleep(1.0)  # room for a second run, if there were one
    lines = _stop(daemon, log)
    assert _fetches(lines) == 1
    assert "INFO tracker.daemon: inbox: 1 documents, 1 stored" in "\n".join(lines)
    assert f"catching up now (last successful fetch: {_at(days_ago)})" in "\n".join(lines)
    assert lines[-2].endswith(_at(TRIGGER.get_next_fire_time(None, datetime.now(ZONE))))
    assert (tmp_path / "inbox" / "processed" / "jbz-2025-10-13.xml").is_file()


def test_the_job_reads_its_configuration_when_it_runs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given only the file's path, the job finds the store and the inbox in the file as it
    is when the job runs: an edit since the daemon started takes effect."""
    from tracker.daemon import nightly

    monkeypatch.delenv("TRACKER_DATABASE_URL", raising=False)
    path = _config(tmp_path)
    (tmp_path / "inbox" / "oktober.xml").write_bytes((SEED / "jbz-2025-10-13.xml").read_bytes())
    caplog.set_level(logging.INFO, logger="tracker.daemon")
    path.write_text(path.read_text() + "[sources.inbox]\nenabled = false\n")
    nightly(str(path))
    assert [r.getMessage() for r in caplog.records if r.name == "tracker.daemon"] == []
    path.write_text(path.read_text().replace("[sources.inbox]\nenabled = false\n", ""))
    nightly(str(path))
    assert [r.getMessage() for r in caplog.records if r.name == "tracker.daemon"] == [
        "inbox: 1 documents, 1 stored"
    ]


def test_a_fetch_that_went_well_makes_healthz_answer_200_over_http(tmp_path: Path) -> None:
    port = free_port()
    (tmp_path / "inbox").mkdir()
    config = write_config(
        tmp_path,
        f"[web]\nport = {port}\n"
        "[sources.koop_sru]\nenabled = false\n[sources.tk_odata]\nenabled = false\n",
    )
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    log = tmp_path / "daemon.log"
    with log.open("w") as out:
        daemon = subprocess.Popen(
            [TRACKER, "--config", str(config), "run"], env=env, stdout=out, stderr=out, text=True
        )
    try:
        _wait_for(log, "next fetch: ", 2)  # at start, then after the catch-up run
        status, health = _health_when_listening(port)
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=60)
    assert (status, health["status"], "reason" in health) == (200, "ok", False)
    assert health["sources"]["run"]["last_error"] is None
    assert all(STAMPED.match(line) for line in log.read_text().splitlines())
