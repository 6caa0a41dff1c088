"""The typed configuration: `config.toml` read once into frozen dataclasses.

Each field of `Config` is a TOML section, and each field of a section's dataclass is a
key of that table, named by the field (or by `option(toml=...)`), typed by its
annotation and checked by its `option(check=...)`. So a new section is a new field of
`Config` (plus a row in `READERS`, a function from the section's table and the file's
name to its value, when the section has sub-tables or keys of its own making), and a
key nobody reads is an error that names the file, the section and the key.

Which file is read: `--config`, else `TRACKER_CONFIG`, else `./config.toml`, else the
user's (`$XDG_CONFIG_HOME/tracker/config.toml`, `~/.config/tracker/config.toml`) and then
the system's (`/etc/tracker/config.toml`) configuration, else the embedded defaults.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import field
from importlib import resources
from pathlib import Path
from typing import Any

from tracker.errors import ConfigError
from tracker.formations import FORMATIONS
from tracker.notify.config import NotificationsConfig, notifications_config
from tracker.records import dataclass

MEGABYTE = 1024 * 1024
SYSTEM_CONFIG = Path("/etc/tracker/config.toml")


def option(
    default: Any,
    *,
    toml: str | None = None,
    check: Callable[[Any], bool] | None = None,
    must: str = "",
    read: Callable[[Any], Any] | None = None,
) -> Any:
    """A section field: its TOML key (`toml`, else the field's name), a `check` of the
    TOML value that, failing, says the key `must` be something, and how to `read` it."""
    meta = {"toml": toml, "check": check, "must": must, "read": read}
    return field(default=default, metadata=meta)


def _positive(value: Any) -> bool:
    return bool(value > 0)


@dataclass(frozen=True)
class PathsConfig:
    """Folders and files the tracker writes (relative paths: to the working directory)."""

    snapshots: Path = Path("snapshots")
    inbox: Path = Path("inbox")
    lock: Path = Path("tracker.lock")


@dataclass(frozen=True)
class NormaliseConfig:
    """Limits on what `normalise` reads."""

    max_bytes: int = option(
        50 * MEGABYTE,
        toml="max_megabytes",
        check=_positive,
        must="a positive number",
        read=lambda megabytes: int(megabytes * MEGABYTE),
    )
    # Processes that read and normalise letters ahead while a run stores them (from 8
    # letters on): 0, one per core this process may use.
    workers: int = option(0, check=lambda v: v >= 0, must="a whole number, 0 or more")


@dataclass(frozen=True)
class StoreConfig:
    """Where letters are kept and how threads are followed."""

    database: str = "sqlite:///tracker.db"
    thread_window: int = option(8, check=_positive, must="a positive whole number")


@dataclass(frozen=True)
class WebConfig:
    """Where `tracker serve` listens and the public URL feeds link to."""

    host: str = "127.0.0.1"
    port: int = option(8000, check=lambda p: 0 < p < 65536, must="a port number")
    base_url: str = ""  # empty: http://host:port

    @property
    def public_url(self) -> str:
        """The URL feeds and pages link to, without a trailing slash."""
        return (self.base_url or f"http://{self.host}:{self.port}").rstrip("/")


def formation_dossiers() -> tuple[str, ...]:
    """The kamerstuk dossiers of every Council formation in the formation table."""
    return tuple(sorted({d for formation in FORMATIONS for d in formation.dossiers}))


@dataclass(frozen=True)
class SourceConfig:
    """One official source: whether it runs, where it answers, which dossiers it follows."""

    name: str = option("", toml="")  # the table's name, not a key in it
    enabled: bool = True
    url: str = ""
    dossiers: tuple[str, ...] = field(default_factory=formation_dossiers)


DEFAULT_SOURCES = (
    SourceConfig("koop_sru", True, "https://repository.overheid.nl/sru"),
    SourceConfig("tk_odata", True, "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"),
)


@dataclass(frozen=True)
class InboxConfig:
    """[sources.inbox]: whether files dropped in the inbox folder are ingested, and how
    long a file must stay unchanged before it is read (one still being copied waits)."""

    enabled: bool = True
    settle_seconds: float = option(
        1.0, check=lambda s: 0 <= s <= 60, must="a number of seconds from 0 to 60"
    )


@dataclass(frozen=True)
class SourcesConfig:
    """The sources and how they are run."""

    inbox: bool = option(True, toml="")  # [sources.inbox] enabled
    inbox_settle: float = option(1.0, toml="")  # [sources.inbox] settle_seconds
    official: tuple[SourceConfig, ...] = option(DEFAULT_SOURCES, toml="")  # [sources.<name>]
    report_after_tries: int = option(3, check=_positive, must="a positive whole number")
    rate_per_second: float = option(2.0, check=_positive, must="a positive number")


@dataclass(frozen=True)
class DaemonConfig:
    """When `tracker run` fetches, and how old a fetch may be before /healthz says so."""

    cron: str = "30 2 * * *"  # crontab fields, Europe/Amsterdam time
    healthy_within_hours: float = option(
        36.0, check=lambda h: h >= 0, must="a number of hours (0: no limit)"
    )


@dataclass(frozen=True)
class Config:
    """Everything the tracker is configured with: one field per section of config.toml."""

    paths: PathsConfig = field(default_factory=PathsConfig)
    normalise: NormaliseConfig = field(default_factory=NormaliseConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    web: WebConfig = field(default_factory=WebConfig)
    sources: SourcesConfig = field(default_factory=SourcesConfig)
    daemon: DaemonConfig = field(default_factory=DaemonConfig)
    notifications: NotificationsConfig = field(default_factory=NotificationsConfig)

    @property
    def snapshots(self) -> Path:
        """[paths] snapshots."""
        return self.paths.snapshots

    @property
    def inbox(self) -> Path:
        """[paths] inbox."""
        return self.paths.inbox

    @property
    def lock(self) -> Path:
        """[paths] lock."""
        return self.paths.lock


# --- which file --------------------------------------------------------------------------


def config_candidates(environ: Mapping[str, str], cwd: Path, home: Path) -> tuple[Path, ...]:
    """Where a configuration is looked for when none is named, first found first."""
    user = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    return (cwd / "config.toml", user / "tracker" / "config.toml", SYSTEM_CONFIG)


def find_config(
    explicit: Path | None,
    environ: Mapping[str, str],
    cwd: Path,
    home: Path,
    exists: Callable[[Path], bool] = Path.is_file,
) -> Path | None:
    """The configuration file to read, absolute; None for the embedded defaults.

    A file named by `--config` or TRACKER_CONFIG must exist: it is never passed over.
    """
    named = explicit or (Path(environ["TRACKER_CONFIG"]) if environ.get("TRACKER_CONFIG") else None)
    if named is not None:
        if not exists(named):
            how = "--config" if explicit else "TRACKER_CONFIG"
            raise ConfigError(f"{named}: no such configuration file (named by {how})")
        return _absolute(named, cwd)
    return next(
        (_absolute(p, cwd) for p in config_candidates(environ, cwd, home) if exists(p)), None
    )


def _absolute(path: Path, cwd: Path) -> Path:
    return path if path.is_absolute() else cwd / path


# --- reading -----------------------------------------------------------------------------


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
    return read_config(raw, source)


Reader = Callable[[dict[str, Any], str], Any]  # (the section's table, the file) -> value


def read_config(raw: dict[str, Any], source: str) -> Config:
    """The configuration in TOML `raw` (read from `source`), every section checked."""
    defaults = Config()
    names = [f.name for f in dataclasses.fields(Config)]
    reject_unknown(raw, names, source, "section", "[{}]")
    values = {}
    for name in names:
        table = _table(raw, name, source)
        if name in READERS:
            values[name] = READERS[name](table, source)
        else:
            values[name] = read_section(getattr(defaults, name), table, source, name)
    return Config(**values)


def read_section(default: Any, table: dict[str, Any], source: str, where: str) -> Any:
    """A section dataclass from its TOML `table`: `default`'s values for keys not given."""
    keys = {_key(f): f for f in dataclasses.fields(default) if _key(f)}
    reject_unknown(table, list(keys), source, "key", f"{where}.{{}}")
    changes = {}
    for key, value in table.items():
        spec = keys[key]
        _check(spec, value, f"{source}: {where}.{key}")
        read = spec.metadata.get("read") or KINDS[_kind(spec)][2]
        changes[spec.name] = read(value)
    return dataclasses.replace(default, **changes)


def read_sources(table: dict[str, Any], source: str) -> SourcesConfig:
    """[sources]: its own keys, [sources.inbox] and a table per official source."""
    default, where = SourcesConfig(), "sources"
    names = [s.name for s in default.official]
    tables = {k: v for k, v in table.items() if isinstance(v, dict)}
    reject_unknown(tables, ["inbox", *names], source, "section", f"[{where}.{{}}]")
    scalars = {k: v for k, v in table.items() if k not in tables}
    read = read_section(default, scalars, source, where)
    inbox = read_section(InboxConfig(), tables.get("inbox", {}), source, f"{where}.inbox")
    official = tuple(
        read_section(s, tables.get(s.name, {}), source, f"{where}.{s.name}")
        for s in default.official
    )
    return dataclasses.replace(
        read, inbox=inbox.enabled, inbox_settle=inbox.settle_seconds, official=official
    )


# Sections read by a function of their own (sub-tables of their own, keys that are names);
# every other section is read by `read_section` from its dataclass's fields.
READERS: dict[str, Reader] = {"sources": read_sources, "notifications": notifications_config}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# The annotation of a field: whether a TOML value fits it, what it must be, how to read it.
KINDS: dict[str, tuple[Callable[[Any], bool], str, Callable[[Any], Any]]] = {
    "bool": (lambda v: isinstance(v, bool), "true or false", bool),
    "int": (_is_int, "a whole number", int),
    "float": (_is_number, "a number", float),
    "str": (lambda v: isinstance(v, str), "a string", str),
    "Path": (lambda v: isinstance(v, str) and v != "", "a path", Path),
    "tuple[str, ...]": (
        lambda v: isinstance(v, list) and all(isinstance(s, str) for s in v),
        "a list of strings",
        tuple,
    ),
}


def _key(spec: dataclasses.Field[Any]) -> str:
    toml = spec.metadata.get("toml")
    return spec.name if toml is None else str(toml)


def _kind(spec: dataclasses.Field[Any]) -> str:
    return spec.type if isinstance(spec.type, str) else spec.type.__name__


def _check(spec: dataclasses.Field[Any], value: Any, name: str) -> None:
    fits, must, _ = KINDS[_kind(spec)]
    check = spec.metadata.get("check")
    if spec.metadata.get("read"):  # read from another kind of value (megabytes to bytes)
        fits, must = _is_number, "a number"
    if not fits(value):
        raise ConfigError(f"{name} must be {spec.metadata.get('must') or must}, not {value!r}")
    if check is not None and not check(value):
        raise ConfigError(f"{name} must be {spec.metadata['must']}, not {value!r}")


def reject_unknown(
    table: Mapping[str, Any], known: list[str], source: str, what: str, form: str
) -> None:
    """A ConfigError naming the first key of `table` not `known` (`what`: key or section;
    `form` writes a name as the file does: "[{}]", "web.{}")."""
    unknown = [k for k in table if k not in known]
    if unknown:
        listed = ", ".join(form.format(k) for k in known)
        raise ConfigError(f"{source}: unknown {what} {form.format(unknown[0])} (known: {listed})")


def _table(raw: dict[str, Any], name: str, source: str) -> dict[str, Any]:
    table = raw.get(name, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{source}: [{name}] must be a table")
    return table


def database_url(config: Config, environ: Mapping[str, str]) -> str:
    """The store's SQLAlchemy URL: TRACKER_DATABASE_URL, else [store] database."""
    return environ.get("TRACKER_DATABASE_URL") or config.store.database
