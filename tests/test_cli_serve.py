"""`tracker serve` as users start it, and `tracker publish`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import feedparser
from click.testing import CliRunner
from conftest import free_port

from tracker.cli import main

ROOT = Path(__file__).resolve().parent.parent
TRACKER = str(Path(sys.executable).with_name("tracker"))


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return bytes(response.read())


def _health(url: str) -> tuple[int, bytes]:
    """/healthz's status and body, 503 included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, bytes(response.read())
    except urllib.error.HTTPError as error:
        return error.code, bytes(error.read())


def test_serve_ingests_the_bundled_snapshots_and_the_inbox(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "snapshots", tmp_path / "snapshots")
    (tmp_path / "inbox").mkdir()
    shutil.copy(ROOT / "tests/data/dev/05-position-changes/new.html", tmp_path / "inbox")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "TRACKER_DATABASE_URL"}
    server = subprocess.Popen(
        [TRACKER, "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(200):
            try:
                status, health = _health(f"{base}/healthz")
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("tracker serve did not answer")
        assert b'"letters": 3' in health
        # served without a schedule and never fetched: healthy (`tracker run` would say
        # "no fetch has run yet"), and the body says no fetch has run
        assert status == 200 and b'"last_fetch": null' in health
        feed = feedparser.parse(_get(f"{base}/feeds/positions.atom"))
        assert feed.bozo == 0 and feed.version == "atom10" and len(feed.entries) >= 6
        assert b"<opml" in _get(f"{base}/feeds.opml")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert (
        "snapshots: 2 files: 2 added" in output
        and "inbox: 1 files: 0 added, 1 new versions" in output
    )
    assert (tmp_path / "inbox" / "processed" / "new.html").is_file()
    assert f"http://127.0.0.1:{port}/feeds/positions.atom" in output
    assert (tmp_path / "tracker.db").is_file()


def test_publish_writes_the_feeds(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRACKER_DATABASE_URL", f"sqlite:///{tmp_path / 'store.db'}")
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(ROOT / "snapshots")]).exit_code == 0
    result = runner.invoke(main, ["publish", "--out", str(tmp_path / "www")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "www/feeds/positions.atom").is_file()
    assert (tmp_path / "www/feeds.opml").is_file()
    again = runner.invoke(main, ["publish", "--out", str(tmp_path / "www")])
    assert again.output.startswith("0 files written to")
