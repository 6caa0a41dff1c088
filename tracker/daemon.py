"""The nightly daemon: an APScheduler 3 scheduler beside (or without) the web server.

One scheduler per deployment (`tracker run`, or `tracker run --no-serve` beside web
workers of `tracker serve`); its job lives in the service's own database (APScheduler's
SQLAlchemy job store). The stored job holds only the absolute path of the configuration
file (None: the embedded defaults): no database URL, no password. The job reads that
configuration again at each run, and the database URL from TRACKER_DATABASE_URL or the
configuration, so an edited configuration takes effect; at start the job is replaced
with this start's schedule and path. It coalesces missed runs, runs one at a time, and
may start late. At start, when the last successful fetch is older than the latest time
the schedule named, one catch-up run happens first and the job's next run moves on to
the next scheduled time: a daemon that was down three nights fetches once, not three
times. The next run is logged at start and after every run.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy.exc import SQLAlchemyError

from tracker.config import Config, database_url, load_config
from tracker.errors import TrackerError
from tracker.health import short_error
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


def nightly(config_path: str | None = None) -> None:
    """The scheduled job (referenced by name, so the job store can keep it).

    Expected trouble (a configuration or database that cannot be read, a source that
    cannot be reached) is logged in one line, never as a traceback.
    """
    try:
        config = load_config(Path(config_path) if config_path else None)
        store = open_store(database_url(config, os.environ), config.snapshots)
    except TrackerError as exc:
        log.error("not fetching: %s", exc)
        return
    try:
        run_fetch(store, config, datetime.now(UTC))
    except SQLAlchemyError as exc:
        log.error("fetch broke off: database: %s", short_error(str(exc)))
    finally:
        store.engine.dispose()


def run_fetch(store: Store, config: Config, now: datetime) -> None:
    """One fetch of every source, one log line per source; a locked or failing fetch never
    raises."""
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
            log.warning("%s: %s", run.source, short_error(run.error or ""))
        for line in run.reported:
            log.error("%s: still failing: %s", run.source, line)
    if report.notified is not None:
        log.info("%s", report.notified.line)


def start_scheduler(
    store: Store,
    config: Config,
    config_path: Path | None,
    clock: Callable[[], datetime] = lambda: datetime.now(ZONE),
) -> BackgroundScheduler:
    """Catch up if a scheduled run was missed, then start the nightly schedule."""
    trigger = nightly_trigger(config)
    now = clock()
    last = source_state(store, RUN).last_success
    catch_up = catch_up_needed(last, now, trigger)
    scheduler = BackgroundScheduler(
        jobstores={"default": _job_store(store)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": MISFIRE_GRACE},
        timezone=ZONE,
    )
    # From the trigger, not the job store: a listener that asks the store while shutdown()
    # holds its lock and waits for this very job would never return.
    scheduler.add_listener(
        lambda _: log.info("next fetch: %s", _at(_next(trigger, clock()))),
        EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED,
    )
    scheduler.start(paused=True)
    _replace_job(scheduler, trigger, config_path, now if catch_up else _next(trigger, now))
    if catch_up:
        since = _at(last.astimezone(ZONE)) if last else "never"
        then = _at(_next(trigger, now))
        log.info("catching up now (last successful fetch: %s); next fetch: %s", since, then)
    else:
        log.info("next fetch: %s", _at(_next(trigger, now)))
    scheduler.resume()
    return scheduler


def _next(trigger: CronTrigger, now: datetime) -> datetime | None:
    fire: datetime | None = trigger.get_next_fire_time(None, now)
    return fire


def _at(when: datetime | None) -> str:
    return when.isoformat(timespec="seconds") if when else "none scheduled"


def _job_store(store: Store) -> Any:
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore

    return SQLAlchemyJobStore(engine=store.engine, tablename="apscheduler_jobs")


def _replace_job(
    scheduler: BackgroundScheduler,
    trigger: CronTrigger,
    config_path: Path | None,
    run_at: datetime | None,
) -> None:
    """Put this start's job in the store, replacing the one a previous start left there.

    It runs at `run_at`, now for a catch-up or else when next scheduled: whatever the
    store says of missed nights, the job runs once (a catch-up replaces them).
    """
    path = str(config_path.resolve()) if config_path else None
    scheduler.add_job(
        "tracker.daemon:nightly",
        trigger,
        id=JOB_ID,
        name="nightly fetch",
        kwargs={"config_path": path},
        next_run_time=run_at,
        replace_existing=True,
    )


def run_daemon(
    store: Store,
    config: Config,
    config_path: Path | None,
    app: Any | None,
) -> None:
    """Run the scheduler until SIGTERM/SIGINT; with an ASGI `app`, the web server too."""
    scheduler = start_scheduler(store, config, config_path)
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
