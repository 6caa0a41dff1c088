"""Serving speed: the web app under uvicorn against nginx serving the same feed as a file.

Run: .venv/bin/python benchmarks/serve.py [--duration 10] [--rounds 3] [--threads 2]
     [--connections 32] [--path /feeds/positions.atom] [--nginx-workers 1]

A store in a temp folder is filled with the test letters; the app (`tracker.web.serve`:
uvicorn, one worker, httptools, uvloop) runs in a subprocess, and nginx (its own config
and prefix in the temp folder, loopback only, `daemon off`) serves the bytes the app
returned for PATH as a static file. In the same run wrk measures, for each server, full
200 answers and 304 answers (`If-None-Match` with that server's own ETag), in rounds in
which the servers take turns. Printed: the median round's requests/s and latency, the
spread of the rounds, and the app's throughput as a fraction of nginx's.
Aim (issue 7): the app >= 0.25x nginx.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LETTERS = [
    ROOT / "tests/data/seed/jbz-2025-10-13.xml",
    ROOT / "tests/data/dev/11-next-meeting-eerste-kamer/new.pdf",
    ROOT / "tests/data/dev/05-position-changes/new.html",
]
APP = """
import sys
from pathlib import Path
from tracker.store import open_store
from tracker.web import create_app, serve
url, snapshots, base, port = sys.argv[1:5]
serve(create_app(open_store(url, Path(snapshots)), base), "127.0.0.1", int(port))
"""
NGINX_CONF = """
daemon off;
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    types {{ application/atom+xml atom; application/rss+xml rss; text/x-opml opml; }}
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {prefix}/www;
        add_header Cache-Control "public, max-age=60";
    }}
}}
"""


@dataclass(frozen=True)
class Result:
    """One wrk run."""

    server: str
    case: str
    requests_per_s: float
    latency_avg_ms: float
    latency_p50_ms: float
    latency_p99_ms: float
    non_2xx_3xx: int


def free_port() -> int:
    """A TCP port on loopback that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fill_store(url: str, snapshots: Path) -> None:
    """Ingest the test letters into a fresh store."""
    from datetime import UTC, datetime

    from tracker.ingest import Ingestor
    from tracker.store import open_store

    store = open_store(url, snapshots)
    try:
        summary = Ingestor(store, 10**9).ingest_paths(LETTERS, datetime.now(UTC))
        print(f"store: {summary.line}")
    finally:
        store.engine.dispose()


def get(port: int, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """One request to loopback: status, headers (lower-case names), body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read()
    finally:
        connection.close()


def wait_until_up(port: int, path: str, process: subprocess.Popen[bytes]) -> None:
    """Poll until the server answers on `path`; fail if it died."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server on port {port} exited with {process.returncode}")
        try:
            get(port, path, "HEAD")
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"server on port {port} did not answer within 30 s")


def start_app(work: Path, url: str) -> tuple[subprocess.Popen[bytes], int]:
    """The app under uvicorn (`tracker.web.serve`) in a subprocess."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-c", APP, url, str(work / "snapshots"), base, str(port)]
    process = subprocess.Popen(command, cwd=ROOT, stdin=subprocess.DEVNULL)
    wait_until_up(port, "/healthz", process)
    return process, port


def start_nginx(
    work: Path, path: str, body: bytes, workers: int
) -> tuple[subprocess.Popen[bytes], int]:
    """nginx serving `body` as a static file at `path`, with its own prefix under `work`."""
    prefix = work / "nginx"
    target = prefix / "www" / path.lstrip("/")
    target.parent.mkdir(parents=True)
    target.write_bytes(body)
    for folder in ("tmp", "logs"):
        (prefix / folder).mkdir()
    for folder in [work, *prefix.rglob("*"), prefix]:  # nginx workers run as nobody
        folder.chmod(0o755 if folder.is_dir() else 0o644)
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(NGINX_CONF.format(prefix=prefix, port=port, workers=workers))
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    command = [nginx, "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL)
    wait_until_up(port, path, process)
    return process, port


def wrk(
    server: str, case: str, url: str, args: argparse.Namespace, etag: str | None = None
) -> Result:
    """Run wrk once against `url` and read its summary."""
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}s"]
    command += ["--latency", "--timeout", "5s"]
    if etag:
        command += ["-H", f"If-None-Match: {etag}"]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True, timeout=args.duration + 60
    ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Result(
        server,
        case,
        float(_find(r"Requests/sec:\s+([\d.]+)", output)),
        _millis(_find(r"Latency\s+([\d.]+\w+)", output)),
        _millis(_find(r"\s50%\s+([\d.]+\w+)", output)),
        _millis(_find(r"\s99%\s+([\d.]+\w+)", output)),
        int(errors.group(1)) if errors else 0,
    )


def _find(pattern: str, text: str) -> str:
    match = re.search(pattern, text)
    if match is None:
        raise SystemExit(f"wrk output without {pattern!r}:\n{text}")
    return match.group(1)


def _millis(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def measure(servers: dict[str, tuple[int, str]], args: argparse.Namespace) -> list[Result]:
    """Every case on every server, `--rounds` times, the servers taking turns.

    Taking turns spreads whatever else the machine does over both servers alike.
    """
    runs = []
    for _ in range(args.rounds):
        for case in ("200", "304"):
            for server, (port, etag) in servers.items():
                target = f"http://127.0.0.1:{port}{args.path}"
                runs.append(wrk(server, case, target, args, etag if case == "304" else None))
    return runs


def median_run(runs: list[Result]) -> Result:
    """The run with the median throughput."""
    return sorted(runs, key=lambda r: r.requests_per_s)[len(runs) // 2]


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server this script started, by its own process."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def print_table(runs: list[Result], args: argparse.Namespace) -> None:
    """Median runs side by side, the spread of the rounds, the app's share of nginx's rate."""
    print(
        f"\nwrk -t{args.threads} -c{args.connections} -d{args.duration}s {args.path}, "
        f"{args.rounds} rounds taking turns, median shown (nginx: {args.nginx_workers} worker; "
        f"app: uvicorn, 1 worker; {os.cpu_count()} CPUs)"
    )
    header = f"{'server':8} {'case':5} {'req/s':>9} {'(min-max)':>15} {'avg ms':>7}"
    print(header + f" {'p50 ms':>7} {'p99 ms':>7} {'errors':>7}")
    medians = {}
    for server in ("app", "nginx"):
        for case in ("200", "304"):
            rounds = [r for r in runs if (r.server, r.case) == (server, case)]
            r = medians[(server, case)] = median_run(rounds)
            spread = f"{min(x.requests_per_s for x in rounds):.0f}-"
            spread += f"{max(x.requests_per_s for x in rounds):.0f}"
            print(
                f"{server:8} {case:5} {r.requests_per_s:9.0f} {spread:>15} "
                f"{r.latency_avg_ms:7.2f} {r.latency_p50_ms:7.2f} {r.latency_p99_ms:7.2f} "
                f"{sum(x.non_2xx_3xx for x in rounds):7d}"
            )
    for case in ("200", "304"):
        ratio = medians[("app", case)].requests_per_s / medians[("nginx", case)].requests_per_s
        verdict = "meets" if ratio >= 0.25 else "MISSES"
        print(f"app / nginx, {case}: {ratio:.2f}x ({verdict} the 0.25x aim)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per server and case")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--path", default="/feeds/positions.atom")
    parser.add_argument("--nginx-workers", type=int, default=1)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (Debian: apt-get install wrk)")
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="tracker-serve-") as tmp:
        work = Path(tmp)
        url = f"sqlite:///{work / 'tracker.db'}"
        fill_store(url, work / "snapshots")
        app, app_port = start_app(work, url)
        nginx = None
        try:
            status, headers, body = get(app_port, args.path)
            if status != 200:
                raise SystemExit(f"the app answered {status} for {args.path}")
            nginx, nginx_port = start_nginx(work, args.path, body, args.nginx_workers)
            _, nginx_headers, nginx_body = get(nginx_port, args.path)
            assert nginx_body == body, "nginx serves other bytes than the app"
            print(f"{args.path}: {len(body)} bytes, app ETag {headers['etag']}")
            servers = {
                "app": (app_port, headers["etag"]),
                "nginx": (nginx_port, nginx_headers["etag"]),
            }
            runs = measure(servers, args)
        finally:
            stop(app)
            if nginx is not None:
                stop(nginx)
    print_table(runs, args)


if __name__ == "__main__":
    main()
