"""Shared test fixtures: the corpus copy under tests/data, golden-file updating."""

from __future__ import annotations

import json
import socket
from pathlib import Path
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


def load_json(path: Path) -> Any:
    return json.loads(path.read_text("utf-8"))
