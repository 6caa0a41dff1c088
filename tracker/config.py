"""The typed configuration: `config.toml` read once into frozen dataclasses."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from tracker.errors import ConfigError


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
class Config:
    """Everything the tracker is configured with."""

    snapshots: Path = Path("snapshots")
    inbox: Path = Path("inbox")
    normalise: NormaliseConfig = field(default_factory=NormaliseConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    web: WebConfig = field(default_factory=WebConfig)


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
        normalise=NormaliseConfig(max_bytes=int(max_mb * 1024 * 1024)),
        store=StoreConfig(str(store.get("database", "sqlite:///tracker.db")), window),
        web=WebConfig(str(web.get("host", "127.0.0.1")), port, str(web.get("base_url", ""))),
    )


def _table(raw: dict[str, object], name: str, source: str) -> dict[str, object]:
    table = raw.get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [{name}] must be a table")
    return table
