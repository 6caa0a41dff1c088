"""Send the position events to the configured targets through Apprise, once each.

After every fetch (and on `tracker notify`): the configured targets are registered,
the position events each target has not had yet are queued (one delivery per event and
target), and the due deliveries are sent. A target added to the configuration starts
quietly: it receives the events of letters first fetched after the run that first saw it,
not the history before.

At most once: a delivery is claimed in the store before it is sent. A process that
crashes between sending and recording leaves it claimed; it is reported as interrupted
and not sent again unless the operator says so (`tracker notify --resend-interrupted`),
since a journalist would rather miss one message, told so, than get the same one twice.
A failed send is retried at the next run after a wait that doubles (`retry_minutes`,
then twice that, up to a day), until `max_tries`.

Apprise URLs hold passwords and tokens. Only their masked form (Apprise's privacy URL)
is stored, printed or logged, and every error text is scrubbed of the secrets before it
is recorded.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import unquote

from sqlalchemy.exc import SQLAlchemyError

from tracker import patterns
from tracker.config import Config
from tracker.errors import ConfigError, TrackerError
from tracker.formations import formation_by_key, formation_key
from tracker.notify.config import NotificationsConfig
from tracker.notify.messages import Message, compose_message
from tracker.records import dataclass
from tracker.store import Store
from tracker.store import deliveries as queue
from tracker.store.queries import NotFound, find_change

log = logging.getLogger(__name__)
LONGEST_WAIT = timedelta(days=1)
# A claim older than this with no outcome recorded: the process that held it is gone.
INTERRUPTED_AFTER = timedelta(minutes=30)
_TOKEN = patterns.compile(r"[^/:@?&=#;+,\s]+")
_LOGGING = ("apprise", "urllib3", "requests")  # the loggers a send writes to


@dataclass(frozen=True)
class Target:
    """One Apprise URL, with the formations (keys, or `all`) whose events it receives."""

    key: str  # the masked URL: what the store, the logs and the terminal see
    url: str = field(repr=False)
    scopes: tuple[str, ...]
    secrets: tuple[str, ...] = field(repr=False, default=())

    @property
    def label(self) -> str:
        """The masked URL without its query (Apprise adds its defaults there): for people."""
        return self.key.split("?", 1)[0]

    def wants(self, formation: str) -> bool:
        """Whether an event of this formation (key or name) goes to this target."""
        key = formation_key(formation)
        try:
            parent = formation_by_key(key).parent
        except KeyError:
            parent = None
        return any(scope in ("all", key, parent) for scope in self.scopes)

    def scrub(self, text: str) -> str:
        """`text` with the URL's secrets masked."""
        for secret in self.secrets:
            text = re.sub(rf"(?<![\w-]){re.escape(secret)}(?![\w-])", "****", text)
        return text


@dataclass(frozen=True)
class Attempt:
    """What became of one delivery in this run."""

    target: str
    event_guid: str
    title: str
    status: str  # sent | retry | failed | gone | would send
    error: str | None = None


@dataclass
class NotifyReport:
    """What one notification run did."""

    queued: int = 0
    new_targets: list[str] = field(default_factory=list)  # labels of targets first seen now
    attempts: list[Attempt] = field(default_factory=list)
    interrupted: list[queue.Delivery] = field(default_factory=list)
    error: str | None = None

    @property
    def failures(self) -> int:
        """Sends that failed in this run, plus a run that could not start."""
        failed = sum(1 for a in self.attempts if a.status in ("retry", "failed"))
        return failed + (1 if self.error else 0)

    @property
    def line(self) -> str:
        """One summary line."""
        counts: dict[str, int] = {}
        for attempt in self.attempts:
            counts[attempt.status] = counts.get(attempt.status, 0) + 1
        parts = [f"{n} {status}" for status, n in sorted(counts.items())] or ["nothing to send"]
        if self.interrupted:
            parts.append(f"{len(self.interrupted)} interrupted")
        return f"notifications: {self.queued} queued, " + ", ".join(parts)


def configured_targets(config: NotificationsConfig) -> list[Target]:
    """The targets of the configuration, each URL once with every scope it is listed in."""
    scopes: dict[str, list[str]] = {}
    where: dict[str, str] = {}
    for route in config.routes:
        for index, url in enumerate(route.urls):
            scopes.setdefault(url, []).append(route.scope)
            where.setdefault(url, f"notifications.{route.scope}.urls[{index}]")
    targets = [_target(url, tuple(s), where[url]) for url, s in scopes.items()]
    return list({t.key: t for t in targets}.values())


def _target(url: str, scopes: tuple[str, ...], where: str) -> Target:
    apprise = _apprise()
    with _silenced("apprise"):  # Apprise logs a URL it cannot read, secrets and all
        plugin = apprise.Apprise.instantiate(url)
    if not plugin:
        scheme = url.split("://", 1)[0]
        raise ConfigError(f"{where}: Apprise cannot use this URL (scheme {scheme!r})")
    masked = plugin.url(privacy=True)
    secrets = set(_TOKEN.findall(url)) - set(_TOKEN.findall(masked))
    secrets |= {unquote(s) for s in secrets}
    return Target(masked, url, scopes, tuple(sorted(secrets, key=len, reverse=True)))


def notify(store: Store, config: Config, now: datetime, dry_run: bool = False) -> NotifyReport:
    """Queue the new position events for every target and send what is due."""
    now = now.astimezone(UTC)
    targets = configured_targets(config.notifications)
    keys = [t.key for t in targets]
    if dry_run:
        return _dry_run(store, config, targets, now)
    known = queue.known_targets(store, keys)
    firsts = queue.register_targets(store, keys, now)
    report = NotifyReport(new_targets=[t.label for t in targets if t.key not in known])
    for target in targets:
        found = queue.candidates(store, target.key, firsts[target.key])
        wanted = [c.event_guid for c in found if target.wants(c.formation)]
        report.queued += queue.enqueue(store, target.key, wanted, now)
    by_key = {t.key: t for t in targets}
    for delivery in queue.due(store, keys, now):
        attempt = _deliver(store, config, by_key[delivery.target], delivery, now)
        if attempt is not None:
            report.attempts.append(attempt)
    report.interrupted = interrupted(store, keys, now)
    return report


def interrupted(store: Store, keys: Sequence[str], now: datetime) -> list[queue.Delivery]:
    """Deliveries claimed long ago with no outcome: sent or not, nobody knows."""
    claimed = queue.deliveries(store, keys, [queue.SENDING])
    return [d for d in claimed if d.claimed_at is None or d.claimed_at <= now - INTERRUPTED_AFTER]


def resend_interrupted(store: Store, config: Config, now: datetime) -> int:
    """Queue the interrupted deliveries again (they may reach their target twice)."""
    now = now.astimezone(UTC)
    keys = [t.key for t in configured_targets(config.notifications)]
    return queue.release(store, [d.id for d in interrupted(store, keys, now)], now)


def _deliver(
    store: Store, config: Config, target: Target, delivery: queue.Delivery, now: datetime
) -> Attempt | None:
    """Compose, claim, send and record one delivery; None if another process claimed it."""
    try:
        message = compose_message(find_change(store, delivery.event_guid), config.web.public_url)
    except NotFound:
        if queue.claim(store, delivery.id, now) is not None:
            queue.record_gone(store, delivery.id)
        return Attempt(target.label, delivery.event_guid, "", "gone")
    tries = queue.claim(store, delivery.id, now)
    if tries is None:
        return None
    error = send_message(target, message)
    if error is None:
        queue.record_sent(store, delivery.id, now)
        log.info("sent to %s: %s", target.label, message.title)
        return Attempt(target.label, delivery.event_guid, message.title, "sent")
    next_try = retry_at(tries, now, config.notifications)
    queue.record_failure(store, delivery.id, error, next_try)
    status = "retry" if next_try else "failed"
    when = f"retry after {next_try:%Y-%m-%d %H:%M} UTC" if next_try else "given up"
    log.warning("%s: try %d failed: %s (%s)", target.label, tries, error, when)
    return Attempt(target.label, delivery.event_guid, message.title, status, error)


def retry_at(tries: int, now: datetime, config: NotificationsConfig) -> datetime | None:
    """When to try again after `tries` failed tries; None once `max_tries` is reached."""
    if tries >= config.max_tries:
        return None
    wait = timedelta(minutes=config.retry_minutes * 2 ** (tries - 1))
    return now + min(wait, LONGEST_WAIT)


def send_message(target: Target, message: Message) -> str | None:
    """Send through Apprise: None when the target took it, else why not (secrets masked)."""
    apprise = _apprise()
    sender = apprise.Apprise()
    sender.add(target.url)
    with (
        _scrubbed_logs(target),
        apprise.LogCapture(level=logging.WARNING, fmt="%(message)s") as captured,
    ):
        try:
            result = sender.notify(
                body=message.body, title=message.title, body_format=apprise.NotifyFormat.TEXT
            )
        except Exception as exc:  # noqa: BLE001 - a plugin's failure is this delivery's
            return target.scrub(f"{type(exc).__name__}: {exc}")
        output = captured.getvalue()
    if result:
        return None
    lines = [" ".join(line.split()) for line in output.splitlines() if line.strip()]
    return target.scrub("; ".join(lines) or "the target did not accept the message")


@contextmanager
def _scrubbed_logs(target: Target) -> Iterator[None]:
    """While sending, Apprise's and urllib3's log records lose the target's secrets."""

    def scrub(record: logging.LogRecord) -> bool:
        record.msg, record.args = target.scrub(record.getMessage()), ()
        return True

    # A logger's filters do not apply to its children's records: each is filtered itself.
    names = [n for n in list(logging.root.manager.loggerDict) if n.split(".")[0] in _LOGGING]
    loggers = [logging.getLogger(name) for name in {*_LOGGING, *names}]
    for logger in loggers:
        logger.addFilter(scrub)
    try:
        yield
    finally:
        for logger in loggers:
            logger.removeFilter(scrub)


@contextmanager
def _silenced(name: str) -> Iterator[None]:
    """No records from logger `name` for the block."""

    def drop(record: logging.LogRecord) -> bool:
        return False

    logger = logging.getLogger(name)
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


def _dry_run(
    store: Store, config: Config, targets: Sequence[Target], now: datetime
) -> NotifyReport:
    """What a run would send now, changing nothing (a new target would start quietly)."""
    firsts = queue.known_targets(store, [t.key for t in targets])
    report = NotifyReport(new_targets=[t.label for t in targets if t.key not in firsts])
    for target in targets:
        guids = [d.event_guid for d in queue.due(store, [target.key], now)]
        if target.key in firsts:
            found = queue.candidates(store, target.key, firsts[target.key])
            guids += [c.event_guid for c in found if target.wants(c.formation)]
        for guid in guids:
            report.attempts.append(
                Attempt(target.label, guid, _title(store, config, guid), "would send")
            )
    report.interrupted = interrupted(store, [t.key for t in targets], now)
    return report


def _title(store: Store, config: Config, guid: str) -> str:
    try:
        return compose_message(find_change(store, guid), config.web.public_url).title
    except NotFound:
        return "(niet meer in de opslag)"


def notify_after_run(store: Store, config: Config, now: datetime) -> NotifyReport | None:
    """The hook after a fetch: notify, logging what went wrong instead of raising."""
    if not config.notifications.routes:
        return None
    try:
        return notify(store, config, now)
    except (TrackerError, SQLAlchemyError) as exc:
        reason = " ".join(str(getattr(exc, "orig", None) or exc).split())
        log.warning("notifications: %s", reason)
        return NotifyReport(error=reason)


def _apprise() -> Any:
    """Apprise, imported when first needed (it is slow to load)."""
    import apprise

    return apprise
