"""Shared test fixtures: the corpus copy under tests/data, golden-file updating."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed"
DEV = DATA / "dev"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def _no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sockets to anything but loopback fail: tests never touch the internet."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1")):
            raise OSError(f"test tried to reach {host}: the internet is off limits")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def free_port() -> int:
    """A loopback port nothing listens on (at the moment of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def write_config(folder: Path, extra: str = "") -> Path:
    """A config.toml whose store, snapshots, inbox and lock all live in `folder`.

    Every path a command could write to is set, so no test writes into the source tree.
    `extra` adds TOML tables (sources, web, ...).
    """
    config = folder / "config.toml"
    config.write_text(
        f'[store]\ndatabase = "sqlite:///{folder / "t.db"}"\n'
        f'[paths]\ninbox = "{folder / "inbox"}"\nsnapshots = "{folder / "snapshots"}"\n'
        f'lock = "{folder / "tracker.lock"}"\n' + extra,
        "utf-8",
    )
    return config


def load_corpus_generator() -> ModuleType:
    """benchmarks/corpus.py, the synthetic corpus generator, as a module."""
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.py"
    spec = importlib.util.spec_from_file_location("benchmark_corpus", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


CHROMIUM = Path("/usr/bin/chromium")


def run_chromium(profile: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Debian's chromium, headless, offline, with its own profile, on `url`."""
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
        url,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=90, check=True)


def load_json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))


# --- databases: SQLite in a temp dir, and a real PostgreSQL ----------------------------

POSTGRES_ENV = "TRACKER_TEST_POSTGRES_URL"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str | None]:
    """The URL of a PostgreSQL server: $TRACKER_TEST_POSTGRES_URL, else a temporary cluster."""
    url = os.environ.get(POSTGRES_ENV)
    if url:
        yield url
        return
    # Not under pytest's own temp folder: the postgres user must be able to reach it.
    folder = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    try:
        cluster = _temporary_cluster(folder)
    except (OSError, subprocess.CalledProcessError) as exc:
        print(f"\nNO POSTGRESQL: a temporary cluster did not start: {exc}")
        cluster = None
    if cluster is None:
        shutil.rmtree(folder, ignore_errors=True)
        yield None
        return
    url, stop = cluster
    try:
        yield url
    finally:
        stop()
        shutil.rmtree(folder, ignore_errors=True)


def _temporary_cluster(folder: Path) -> tuple[str, Callable[[], None]] | None:
    """Start a throwaway cluster from Debian's packages, if they are installed."""
    binaries = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if not binaries:
        return None
    bin_dir = binaries[-1].parent
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    data, sockets = folder / "data", folder / "run"
    sockets.mkdir()
    if as_postgres:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    port = free_port()
    subprocess.run(
        [*as_postgres, str(bin_dir / "initdb"), "-A", "trust", "-U", "postgres", "-D", str(data)],
        check=True,
        capture_output=True,
        stdin=subprocess.DEVNULL,
    )
    options = f"-p {port} -k {sockets} -c listen_addresses=''"
    pg_ctl = [*as_postgres, str(bin_dir / "pg_ctl"), "-D", str(data)]
    # The server inherits pg_ctl's output: a log file, not a pipe that would never close.
    quiet = {
        "stdin": subprocess.DEVNULL,
        "stdout": subprocess.DEVNULL,
        "stderr": subprocess.DEVNULL,
    }
    log = str(folder / "log")
    subprocess.run(
        [*pg_ctl, "-o", options, "-l", log, "-w", "start"], check=True, timeout=60, **quiet
    )

    def stop() -> None:
        subprocess.run([*pg_ctl, "-m", "fast", "stop"], check=False, timeout=60, **quiet)

    return f"postgresql+psycopg://postgres@/postgres?host={sockets}&port={port}", stop


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_server: str | None
) -> Iterator[str]:
    """A fresh, empty database: SQLite in a temp dir, or a schema of its own on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
        return
    if postgres_server is None:
        pytest.skip(
            f"NO POSTGRESQL: set {POSTGRES_ENV} (`.ci/run` does) or install Debian's postgresql"
        )
    import sqlalchemy

    schema = f"test_{uuid.uuid4().hex[:12]}"
    engine = sqlalchemy.create_engine(postgres_server)
    with engine.begin() as connection:
        connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in postgres_server else "?"
    try:
        yield f"{postgres_server}{separator}options=-csearch_path%3D{schema}"
    finally:
        with engine.begin() as connection:
            connection.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


@pytest.fixture(scope="session", autouse=True)
def _source_tree_untouched() -> Iterator[None]:
    """No test writes into the repository: the bundled snapshots stay as committed."""
    root = Path(__file__).resolve().parent.parent
    names = ("tracker.db", "tracker.lock", "inbox")
    before = {p: p.read_bytes() for p in (root / "snapshots").rglob("*") if p.is_file()}
    present = {n for n in names if (root / n).exists()}  # a developer's own service files
    yield
    after = {p: p.read_bytes() for p in (root / "snapshots").rglob("*") if p.is_file()}
    assert after == before, "a test wrote into snapshots/ of the source tree"
    strays = {n for n in names if (root / n).exists()} - present
    assert not strays, f"a test left {sorted(strays)} in the source tree"
