"""The nightly daemon: an APScheduler 3 scheduler beside (or without) the web server.

One scheduler per deployment (`tracker run`, or `tracker run --no-serve` beside web
workers of `tracker serve`); its jobs live in the service's own database (APScheduler's
SQLAlchemy job store). The nightly job is added only when absent, so a restart never
overwrites the stored next run time; it coalesces missed runs, runs one at a time, and
is allowed to start late. At start, when the last successful fetch is older than the
latest time the schedule named, one catch-up run happens first and the job's next run
moves on to the next scheduled time: a daemon that was down three nights fetches once,
not three times.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from tracker.config import Config, load_config
from tracker.errors import TrackerError
from tracker.sources.fetch import RUN, fetch_sources
from tracker.store import Store, open_store
from tracker.store.state import source_state

log = logging.getLogger(__name__)
JOB_ID = "nightly-fetch"
ZONE = ZoneInfo("Europe/Amsterdam")
MISFIRE_GRACE = 6 * 3600  # seconds a run may start late (APScheduler's default is 1 s)
STOP = threading.Event()  # set on SIGTERM: the run in hand finishes its letter and ends


def nightly_trigger(config: Config) -> CronTrigger:
    """The schedule from the config (crontab fields, Europe/Amsterdam)."""
    try:
        return CronTrigger.from_crontab(config.daemon.cron, timezone=ZONE)
    except ValueError as exc:
        raise TrackerError(f"daemon.cron {config.daemon.cron!r}: {exc}") from None


def catch_up_needed(last_success: datetime | None, now: datetime, trigger: CronTrigger) -> bool:
    """Whether the schedule named a time after the last successful run that has passed."""
    if last_success is None:
        return True
    due = trigger.get_next_fire_time(None, last_success)
    return due is not None and due <= now


def nightly(config_path: str | None, database_url: str) -> None:
    """The scheduled job (referenced by name, so the job store can pickle it)."""
    config = load_config(Path(config_path) if config_path else None)
    store = open_store(database_url, config.snapshots)
    try:
        run_fetch(store, config, datetime.now(UTC))
    finally:
        store.engine.dispose()


def run_fetch(store: Store, config: Config, now: datetime) -> None:
    """One fetch of every source, logged; a locked or failing fetch never raises."""
    try:
        report = fetch_sources(store, config, now, stop=STOP.is_set)
    except TrackerError as exc:
        log.warning("%s", exc)
        return
    for run in report.runs:
        stored = sum(1 for o in run.outcomes if o.status in ("added", "version"))
        if run.ok:
            log.info("%s: %d documents, %d stored", run.source, len(run.outcomes), stored)
        else:
            log.warning("%s: unreachable or broken: %s", run.source, run.error)
        for line in run.reported:
            log.error("%s: still failing: %s", run.source, line)
    if report.notified is not None:
        log.info("%s", report.notified.line)


def start_scheduler(
    store: Store,
    config: Config,
    config_path: str | None,
    database_url: str,
    clock: Callable[[], datetime] = lambda: datetime.now(ZONE),
) -> BackgroundScheduler:
    """Catch up if a scheduled run was missed, then start the nightly schedule."""
    trigger = nightly_trigger(config)
    now = clock()
    catch_up = catch_up_needed(source_state(store, RUN).last_success, now, trigger)
    if catch_up:
        log.info("catching up: the last successful fetch is older than the schedule")
    scheduler = BackgroundScheduler(
        jobstores={"default": _job_store(store, database_url)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE},
        timezone=ZONE,
    )
    scheduler.start(paused=True)
    _ensure_job(scheduler, trigger, config_path, database_url, now, catch_up)
    scheduler.resume()
    job = scheduler.get_job(JOB_ID)
    log.info("next fetch: %s", job.next_run_time if job else None)
    return scheduler


def _job_store(store: Store, database_url: str) -> Any:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

    return SQLAlchemyJobStore(engine=store.engine, tablename="apscheduler_jobs")


def _ensure_job(
    scheduler: BackgroundScheduler,
    trigger: CronTrigger,
    config_path: str | None,
    database_url: str,
    now: datetime,
    catch_up: bool,
) -> None:
    """Add the nightly job if absent, set to run now for a catch-up or else when scheduled.

    Whatever the store says of a missed night, the job runs once: a catch-up replaces
    the missed runs, and APScheduler coalesces what is left.
    """
    following = now if catch_up else trigger.get_next_fire_time(None, now)
    job = scheduler.get_job(JOB_ID)
    if job is None:
        scheduler.add_job(
            "tracker.daemon:nightly",
            trigger,
            id=JOB_ID,
            kwargs={"config_path": config_path, "database_url": database_url},
            next_run_time=following,
        )
    else:
        job.modify(trigger=trigger, next_run_time=following)


def run_daemon(
    store: Store,
    config: Config,
    config_path: str | None,
    database_url: str,
    app: Any | None,
) -> None:
    """Run the scheduler until SIGTERM/SIGINT; with an ASGI `app`, the web server too."""
    scheduler = start_scheduler(store, config, config_path, database_url)
    try:
        if app is not None:
            _serve_until_signal(app, config.web.host, config.web.port)
        else:
            _wait_for_signal()
    finally:
        STOP.set()
        scheduler.shutdown(wait=True)  # the job in hand ends after its letter
        log.info("stopped")


def _wait_for_signal() -> None:
    done = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: done.set())
    done.wait()


def _serve_until_signal(app: Any, host: str, port: int) -> None:
    """uvicorn until SIGTERM/SIGINT, which end the server and the fetch in hand alike.

    uvicorn re-raises a signal it caught once it has shut down, which would end the
    process before the scheduler stops; here the daemon handles the signals itself.
    """
    import contextlib

    import uvicorn

    from tracker.web.serve import server_config

    server = uvicorn.Server(server_config(app, host, port))

    def stop(*_: object) -> None:
        server.should_exit = True
        STOP.set()

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    server.capture_signals = contextlib.nullcontext  # type: ignore[method-assign,assignment]
    server.run()
