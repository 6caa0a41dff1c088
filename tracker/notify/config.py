"""`[notifications]` of config.toml: where position changes go, and how failures are retried.

    [notifications]
    max_tries = 6          # a delivery that failed this often is given up
    retry_minutes = 10     # the wait after the first failure; it doubles, up to a day

    [notifications.all]    # every formation
    urls = ["mailto://user:password@smtp.example.nl?to=redactie@example.nl"]

    [notifications.jbz]    # a formation key of tracker.formations (its sub-formations too)
    urls = ["json://hooks.example.nl/tracker"]

The URLs are Apprise URLs and may hold passwords and tokens: they are kept out of every
repr, log line and table; the store knows a target by its masked URL only.
"""

from __future__ import annotations

from dataclasses import field

from tracker.errors import ConfigError
from tracker.formations import formation_by_key
from tracker.records import dataclass

ALL = "all"
SETTINGS = {"max_tries": 6, "retry_minutes": 10.0}


@dataclass(frozen=True)
class Route:
    """The targets of one formation (by key), or of every formation (`all`)."""

    scope: str
    urls: tuple[str, ...] = field(repr=False)  # Apprise URLs, secrets and all

    def covers(self, formation_key: str, parent_key: str | None) -> bool:
        """Whether an event of this formation goes to this route's targets."""
        return self.scope in (ALL, formation_key, parent_key)


@dataclass(frozen=True)
class NotificationsConfig:
    """The routes and the retry policy; no routes, no notifications."""

    routes: tuple[Route, ...] = ()
    max_tries: int = 6
    retry_minutes: float = 10.0


def notifications_config(raw: dict[str, object], source: str) -> NotificationsConfig:
    """Read `[notifications]`: its settings and one sub-table per formation or `all`."""
    routes = []
    for name, value in raw.items():
        if name in SETTINGS:
            continue
        if not isinstance(value, dict):
            raise ConfigError(f"{source}: notifications.{name}: not a setting nor a table")
        routes.append(_route(name, value, source))
    tries, minutes = raw.get("max_tries", 6), raw.get("retry_minutes", 10.0)
    if not isinstance(tries, int) or isinstance(tries, bool) or tries < 1:
        raise ConfigError(f"{source}: notifications.max_tries must be a positive whole number")
    if not isinstance(minutes, int | float) or isinstance(minutes, bool) or minutes <= 0:
        raise ConfigError(f"{source}: notifications.retry_minutes must be a positive number")
    return NotificationsConfig(tuple(routes), tries, float(minutes))


def _route(name: str, table: dict[str, object], source: str) -> Route:
    where = f"{source}: notifications.{name}"
    if name != ALL:
        try:
            formation_by_key(name)
        except KeyError:
            raise ConfigError(
                f"{where}: not a formation key (tracker.formations) nor 'all'"
            ) from None
    unknown = sorted(set(table) - {"urls"})
    if unknown:
        raise ConfigError(f"{where}: unknown key {', '.join(unknown)} (only urls)")
    urls = table.get("urls", [])
    if not isinstance(urls, list) or not all(isinstance(u, str) and "://" in u for u in urls):
        raise ConfigError(f"{where}.urls must be a list of Apprise URLs (scheme://...)")
    return Route(name, tuple(urls))
