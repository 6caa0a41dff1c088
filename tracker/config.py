"""The typed configuration: `config.toml` read once into frozen dataclasses."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from tracker.errors import ConfigError
from tracker.notify.config import NotificationsConfig, notifications_config


@dataclass(frozen=True)
class NormaliseConfig:
    """Limits on what `normalise` reads."""

    max_bytes: int = 50 * 1024 * 1024


@dataclass(frozen=True)
class StoreConfig:
    """Where letters are kept and how threads are followed."""

    database: str = "sqlite:///tracker.db"
    thread_window: int = 8


@dataclass(frozen=True)
class WebConfig:
    """Where `tracker serve` listens and the public URL feeds link to."""

    host: str = "127.0.0.1"
    port: int = 8000
    base_url: str = ""  # empty: http://host:port

    @property
    def public_url(self) -> str:
        """The URL feeds and pages link to, without a trailing slash."""
        return (self.base_url or f"http://{self.host}:{self.port}").rstrip("/")


@dataclass(frozen=True)
class SourceConfig:
    """One official source: whether it runs, where it answers, which dossiers it follows."""

    name: str
    enabled: bool
    url: str
    dossiers: tuple[str, ...]


DEFAULT_SOURCES = (
    SourceConfig("koop_sru", True, "https://repository.overheid.nl/sru", ("32317",)),
    SourceConfig(
        "tk_odata", True, "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0", ("32317",)
    ),
)


@dataclass(frozen=True)
class SourcesConfig:
    """The sources and how they are run."""

    inbox: bool = True
    official: tuple[SourceConfig, ...] = DEFAULT_SOURCES
    report_after_tries: int = 3
    rate_per_second: float = 2.0


@dataclass(frozen=True)
class DaemonConfig:
    """When `tracker run` fetches: a crontab line in Europe/Amsterdam time."""

    cron: str = "30 2 * * *"


@dataclass(frozen=True)
class Config:
    """Everything the tracker is configured with."""

    snapshots: Path = Path("snapshots")
    inbox: Path = Path("inbox")
    lock: Path = Path("tracker.lock")
    normalise: NormaliseConfig = field(default_factory=NormaliseConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    web: WebConfig = field(default_factory=WebConfig)
    sources: SourcesConfig = field(default_factory=SourcesConfig)
    daemon: DaemonConfig = field(default_factory=DaemonConfig)
    notifications: NotificationsConfig = field(default_factory=NotificationsConfig)


def load_config(path: Path | None = None) -> Config:
    """Read `path`, or the defaults embedded in the package when it is None."""
    if path is None:
        data = resources.files("tracker").joinpath("data/config.toml").read_text("utf-8")
        source = "embedded config.toml"
    else:
        try:
            data = path.read_text("utf-8")
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read the configuration: {exc.strerror}") from None
        source = str(path)
    try:
        raw = tomllib.loads(data)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from None
    return _config(raw, source)


def _config(raw: dict[str, object], source: str) -> Config:
    normalise = _table(raw, "normalise", source)
    paths = _table(raw, "paths", source)
    store = _table(raw, "store", source)
    web = _table(raw, "web", source)
    max_mb = normalise.get("max_megabytes", 50)
    if not isinstance(max_mb, int | float) or max_mb <= 0:
        raise ConfigError(f"{source}: normalise.max_megabytes must be a positive number")
    window = store.get("thread_window", 8)
    if not isinstance(window, int) or window < 1:
        raise ConfigError(f"{source}: store.thread_window must be a positive whole number")
    port = web.get("port", 8000)
    if not isinstance(port, int) or not 0 < port < 65536:
        raise ConfigError(f"{source}: web.port must be a port number")
    return Config(
        snapshots=Path(str(paths.get("snapshots", "snapshots"))),
        inbox=Path(str(paths.get("inbox", "inbox"))),
        lock=Path(str(paths.get("lock", "tracker.lock"))),
        normalise=NormaliseConfig(max_bytes=int(max_mb * 1024 * 1024)),
        store=StoreConfig(str(store.get("database", "sqlite:///tracker.db")), window),
        web=WebConfig(str(web.get("host", "127.0.0.1")), port, str(web.get("base_url", ""))),
        sources=_sources(_table(raw, "sources", source), source),
        daemon=DaemonConfig(str(_table(raw, "daemon", source).get("cron", "30 2 * * *"))),
        notifications=notifications_config(_table(raw, "notifications", source), source),
    )


def _sources(raw: dict[str, object], source: str) -> SourcesConfig:
    """[sources] with its [sources.inbox], [sources.koop_sru] and [sources.tk_odata]."""
    official = []
    for default in DEFAULT_SOURCES:
        table = _table(raw, default.name, source)
        dossiers = table.get("dossiers", list(default.dossiers))
        if not isinstance(dossiers, list) or not all(isinstance(d, str) for d in dossiers):
            raise ConfigError(
                f"{source}: sources.{default.name}.dossiers must be a list of strings"
            )
        official.append(
            SourceConfig(
                default.name,
                bool(table.get("enabled", default.enabled)),
                str(table.get("url", default.url)),
                tuple(dossiers),
            )
        )
    tries = raw.get("report_after_tries", 3)
    rate = raw.get("rate_per_second", 2.0)
    if not isinstance(tries, int) or tries < 1 or not isinstance(rate, int | float) or rate <= 0:
        raise ConfigError(f"{source}: sources.report_after_tries and rate_per_second must be > 0")
    inbox = _table(raw, "inbox", source)
    return SourcesConfig(bool(inbox.get("enabled", True)), tuple(official), tries, float(rate))


def _table(raw: dict[str, object], name: str, source: str) -> dict[str, object]:
    table = raw.get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [{name}] must be a table")
    return table
