"""A junk-parameter flood against `tracker serve`: the server's CPU time and memory.

Run: .venv/bin/python benchmarks/web_flood.py [--requests 600] [--no-junk]

A store in a temp folder is filled with the test letters (dev cases, the seed, the real
and unseen letters: 64 letters); the app runs under uvicorn as `tracker serve` runs it,
in a subprocess. One keep-alive client asks in turn for the home page, the comparison of
the two largest letters, a letter page, `/api/letters` and the positions feed, each with
`?junk=<n>` (or, with --no-junk, as they are). Printed: the answers' statuses, the
server's CPU seconds and its resident memory before and after (from /proc).

Measured once (issue 16, 64 letters, 600 requests, 2 shared cores): before the
parameter table, 600 x 200 in 25 s, 16.1 CPU s, RSS 109 -> 141 MB; after, 600 x 400 in
0.7 s, 0.17 CPU s, RSS 117 -> 117 MB. Without junk (3,000 cached answers, a store opened
by a separate process) 0.37 CPU s before, 0.40 after.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SERVER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from tracker.ingest import Ingestor
from tracker.store import open_store
from tracker.web import create_app, serve

folder, port, root = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3])
store = open_store(f"sqlite:///{folder / 'tracker.db'}", folder / "snapshots")
data = root / "tests/data"
files = sorted(p for p in (data / "dev").glob("*/*") if p.stem in ("old", "new"))
files += [data / "seed/jbz-2025-10-13.xml", *sorted((data / "real").glob("*.txt"))]
suffixes = (".pdf", ".docx", ".html", ".txt", ".xml")
for letters in (data / "unseen/letters", data / "unseen2/letters"):
    files += sorted(p for p in letters.glob("*") if p.suffix in suffixes)
Ingestor(store, 10**9).ingest_paths(files, datetime(2026, 11, 28, tzinfo=UTC))
print("READY", flush=True)
serve(create_app(store, f"http://127.0.0.1:{port}"), "127.0.0.1", port)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _usage(pid: int) -> tuple[float, int]:
    """CPU seconds and resident kB of process `pid`."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").open())
    return cpu, int(status["VmRSS"].split()[0])


def _targets(connection: http.client.HTTPConnection) -> list[str]:
    connection.request("GET", "/api/letters")
    letters = json.loads(connection.getresponse().read())
    big = sorted(letters, key=lambda letter: -letter["items"])[:2]
    return [
        "/",
        f"/compare?old={big[0]['name']}&new={big[1]['name']}",
        f"/letters/{big[0]['name']}",
        "/api/letters",
        "/feeds/positions.atom",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--no-junk", action="store_true")
    options = parser.parse_args()
    port = _free_port()
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-c", SERVER, folder, str(port), str(ROOT)]
        server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        try:
            assert server.stdout is not None and "READY" in server.stdout.readline()
            time.sleep(1)
            connection = http.client.HTTPConnection("127.0.0.1", port)
            targets = _targets(connection)
            before, statuses = _usage(server.pid), {}
            started = time.monotonic()
            for n in range(options.requests):
                target = targets[n % len(targets)]
                if not options.no_junk:
                    target += ("&" if "?" in target else "?") + f"junk={n}"
                connection.request("GET", target)
                response = connection.getresponse()
                response.read()
                statuses[response.status] = statuses.get(response.status, 0) + 1
            after = _usage(server.pid)
        finally:
            server.terminate()
            server.wait()
    print(f"answers: {statuses} in {time.monotonic() - started:.1f} s")
    print(f"server CPU: {after[0] - before[0]:.2f} s")
    print(f"server RSS: {before[1] / 1024:.0f} MB -> {after[1] / 1024:.0f} MB")


if __name__ == "__main__":
    main()
