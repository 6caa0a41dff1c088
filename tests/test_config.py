"""The configuration: which file is read, every section and key checked, formations' dossiers."""

from __future__ import annotations

import dataclasses
import tomllib
from importlib import resources
from pathlib import Path

import pytest
from conftest import SEED, write_config
from console import tracker

from tracker.config import (
    SYSTEM_CONFIG,
    Config,
    DaemonConfig,
    SourceConfig,
    find_config,
    formation_dossiers,
    load_config,
    read_config,
)
from tracker.errors import ConfigError
from tracker.formations import DOSSIERS, FORMATIONS

ROOT = Path(__file__).resolve().parent.parent
EMBEDDED = resources.files("tracker").joinpath("data/config.toml").read_text("utf-8")


def test_the_shipped_config_files_say_what_the_defaults_are() -> None:
    assert (ROOT / "config.toml").read_text("utf-8") == EMBEDDED
    assert load_config(None) == Config()
    assert load_config(ROOT / "config.toml") == Config()


def test_every_formation_s_dossiers_are_followed_by_default() -> None:
    table = {d for formation in FORMATIONS for d in formation.dossiers}
    assert set(formation_dossiers()) == table == {d.number for d in DOSSIERS}
    raw = tomllib.loads(EMBEDDED)
    for source in ("koop_sru", "tk_odata"):
        assert tuple(raw["sources"][source]["dossiers"]) == formation_dossiers()
        assert raw["sources"][source]["enabled"] is True
    assert all(s.dossiers == formation_dossiers() and s.enabled for s in Config().sources.official)


def test_a_source_is_configured_as_before() -> None:
    raw = tomllib.loads(
        '[sources.koop_sru]\nurl = "http://127.0.0.1:9/sru"\ndossiers = ["32317"]\n'
        "[sources.tk_odata]\nenabled = false\n[sources.inbox]\nenabled = false\n"
    )
    sources = read_config(raw, "test.toml").sources
    assert sources.official == (
        SourceConfig("koop_sru", True, "http://127.0.0.1:9/sru", ("32317",)),
        SourceConfig("tk_odata", False, "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0"),
    )
    assert sources.inbox is False


def test_values_are_read_into_their_types() -> None:
    raw = tomllib.loads(
        '[paths]\nsnapshots = "/srv/s"\n[normalise]\nmax_megabytes = 1.5\n'
        "[sources]\nrate_per_second = 1\n[daemon]\nhealthy_within_hours = 0\n"
    )
    config = read_config(raw, "test.toml")
    assert config.snapshots == Path("/srv/s") and config.inbox == Path("inbox")
    assert config.normalise.max_bytes == int(1.5 * 1024 * 1024)
    assert config.sources.rate_per_second == 1.0
    assert config.daemon == DaemonConfig(healthy_within_hours=0.0)


BAD = [
    (
        "[deamon]\ncron = '* * * * *'\n",
        "test.toml: unknown section [deamon] (known: [paths], [normalise], [store], [web], "
        "[sources], [daemon], [notifications])",
    ),
    (
        "[web]\nprot = 80\n",
        "test.toml: unknown key web.prot (known: web.host, web.port, web.base_url)",
    ),
    (
        "[paths]\nsnapshot = 's'\n",
        "test.toml: unknown key paths.snapshot (known: paths.snapshots, paths.inbox, paths.lock)",
    ),
    (
        "[sources.koop]\nenabled = true\n",
        "test.toml: unknown section [sources.koop] (known: [sources.inbox], "
        "[sources.koop_sru], [sources.tk_odata])",
    ),
    (
        "[sources.tk_odata]\ndossier = ['32317']\n",
        "test.toml: unknown key sources.tk_odata.dossier (known: sources.tk_odata.enabled, "
        "sources.tk_odata.url, sources.tk_odata.dossiers)",
    ),
    (
        "[sources.inbox]\nurl = 'x'\n",
        "test.toml: unknown key sources.inbox.url (known: sources.inbox.enabled, sources.inbox.settle_seconds)",
    ),
    (
        "[sources]\nreport_after = 3\n",
        "test.toml: unknown key sources.report_after (known: sources.report_after_tries, "
        "sources.rate_per_second)",
    ),
    ("web = 3\n", "test.toml: [web] must be a table"),
    ("[web]\nport = 70000\n", "test.toml: web.port must be a port number, not 70000"),
    ("[web]\nport = '80'\n", "test.toml: web.port must be a port number, not '80'"),
    (
        "[sources.koop_sru]\ndossiers = '32317'\n",
        "test.toml: sources.koop_sru.dossiers must be a list of strings, not '32317'",
    ),
    (
        "[sources.koop_sru]\nenabled = 'yes'\n",
        "test.toml: sources.koop_sru.enabled must be true or false, not 'yes'",
    ),
    (
        "[normalise]\nmax_megabytes = 0\n",
        "test.toml: normalise.max_megabytes must be a positive number, not 0",
    ),
    (
        "[store]\nthread_window = 2.5\n",
        "test.toml: store.thread_window must be a positive whole number, not 2.5",
    ),
    (
        "[daemon]\nhealthy_within_hours = -1\n",
        "test.toml: daemon.healthy_within_hours must be a number of hours (0: no limit), not -1",
    ),
    ("[paths]\ninbox = ''\n", "test.toml: paths.inbox must be a path, not ''"),
]


@pytest.mark.parametrize(("text", "error"), BAD, ids=[e.split(": ", 1)[1][:40] for _, e in BAD])
def test_what_cannot_be_used_is_named(text: str, error: str) -> None:
    with pytest.raises(ConfigError) as raised:
        read_config(tomllib.loads(text), "test.toml")
    assert str(raised.value) == error


def test_every_section_is_a_field_of_config() -> None:
    """The sections read are Config's fields: a new section is a new field (and row)."""
    names = [f.name for f in dataclasses.fields(Config)]
    assert names == list(tomllib.loads(EMBEDDED))


# --- which file ---------------------------------------------------------------------------

HOME = Path("/home/ann")
CWD = Path("/srv/work")
FOUND = [
    # (--config, environment, files that exist, the file read)
    (Path("my.toml"), {}, {CWD / "my.toml"}, CWD / "my.toml"),
    (Path("/etc/x.toml"), {"TRACKER_CONFIG": "/t.toml"}, {Path("/etc/x.toml")}, "/etc/x.toml"),
    (None, {"TRACKER_CONFIG": "/t.toml"}, {Path("/t.toml"), CWD / "config.toml"}, "/t.toml"),
    (None, {}, {CWD / "config.toml", HOME / ".config/tracker/config.toml"}, CWD / "config.toml"),
    (None, {}, {HOME / ".config/tracker/config.toml", SYSTEM_CONFIG}, HOME / ".config/tracker"),
    (
        None,
        {"XDG_CONFIG_HOME": "/cfg"},
        {HOME / ".config/tracker/config.toml", Path("/cfg/tracker/config.toml")},
        "/cfg/tracker/config.toml",
    ),
    (None, {"XDG_CONFIG_HOME": ""}, {SYSTEM_CONFIG}, SYSTEM_CONFIG),
    (None, {"TRACKER_CONFIG": ""}, set(), None),
]


@pytest.mark.parametrize(
    ("explicit", "environ", "files", "expected"),
    FOUND,
    ids=["option", "option-over-env", "env", "cwd", "user", "xdg", "system", "embedded"],
)
def test_which_file_is_read(
    explicit: Path | None, environ: dict[str, str], files: set[Path], expected: object
) -> None:
    def exists(path: Path) -> bool:
        return (path if path.is_absolute() else CWD / path) in files

    found = find_config(explicit, environ, CWD, HOME, exists)
    if str(expected).endswith("/tracker"):  # the user's folder: its config.toml
        expected = Path(str(expected)) / "config.toml"
    assert found == (Path(str(expected)) if expected else None)


@pytest.mark.parametrize(
    ("explicit", "environ", "error"),
    [
        (Path("weg.toml"), {}, "weg.toml: no such configuration file (named by --config)"),
        (None, {"TRACKER_CONFIG": "/weg.toml"}, "/weg.toml: no such configuration file"),
    ],
    ids=["option", "env"],
)
def test_a_named_file_that_is_missing_is_an_error(
    explicit: Path | None, environ: dict[str, str], error: str
) -> None:
    with pytest.raises(ConfigError, match=error.replace("(", r"\(").replace(")", r"\)")):
        find_config(explicit, environ, CWD, HOME, lambda path: CWD / "config.toml" == path)


def _no_store(folder: Path, name: str) -> str:
    return f"Error: no store at {folder / name}: run `tracker ingest` or `tracker serve` first\n"


def test_the_command_reads_the_file_it_finds(tmp_path: Path) -> None:
    """Real runs: TRACKER_CONFIG, else ./config.toml, else $XDG_CONFIG_HOME's; none is made."""
    work, user, named = tmp_path / "work", tmp_path / "xdg" / "tracker", tmp_path / "named"
    for folder in (work, user, named):
        folder.mkdir(parents=True)
    write_config(user)
    env = {"XDG_CONFIG_HOME": str(tmp_path / "xdg"), "TRACKER_CONFIG": ""}
    ran = tracker("letters", cwd=work, env=env)
    assert (ran.code, ran.out, ran.err) == (1, "", _no_store(user, "t.db"))
    write_config(work)
    ran = tracker("letters", cwd=work, env=env)
    assert (ran.code, ran.err) == (1, _no_store(work, "t.db"))
    write_config(named)
    ran = tracker("letters", cwd=work, env=env | {"TRACKER_CONFIG": str(named / "config.toml")})
    assert (ran.code, ran.err) == (1, _no_store(named, "t.db"))
    ran = tracker("--config", str(user / "config.toml"), "letters", cwd=work, env=env)
    assert (ran.code, ran.err) == (1, _no_store(user, "t.db"))
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["config.toml"] * 3


def test_an_unknown_key_stops_every_command(tmp_path: Path) -> None:
    config = write_config(tmp_path, "[web]\nprot = 8080\n")
    ran = tracker("--config", str(config), "normalise", str(SEED / "jbz-2025-10-13.xml"))
    assert (ran.code, ran.out) == (1, "")
    assert ran.err == (
        f"Error: {config}: unknown key web.prot (known: web.host, web.port, web.base_url)\n"
    )
