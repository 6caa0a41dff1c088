"""Comparing two stored letters in the running service against the plain pipeline.

Run: .venv/bin/python benchmarks/compare.py [--rounds 3] [--repeat 5]

The two PDFs of benchmarks/diff.py are ingested into a SQLite store in a temp folder and
the app runs under uvicorn in a subprocess (as `tracker serve`). Each round starts the
app afresh and asks, over loopback HTTP: `/api/compare` once (the first comparison of
the pair: letters read from the store and diffed), then `/compare` for the same pair (a
page not yet rendered: the diff comes from the service's diff cache), then
`/api/compare?old=B&new=A` (the other direction: a new diff of letters already parsed),
then the first request again (the page cache). Beside it, in the same run, the plain
pipeline on the same files: `pdftotext a.pdf; pdftotext b.pdf; git diff --no-index
--word-diff`. Aim (issue 17): every comparison in the service faster than the pipeline.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from diff import PDF_PAIR  # noqa: E402
from serve import get, start_app, stop  # noqa: E402


def fill_store(url: str, snapshots: Path) -> list[str]:
    """Ingest the two PDFs; their names as the service knows them, old first."""
    from tracker.ingest import Ingestor
    from tracker.store import open_store
    from tracker.store.queries import list_letters

    store = open_store(url, snapshots)
    try:
        Ingestor(store, 10**9).ingest_paths(list(PDF_PAIR), datetime.now(UTC))
        names = [info.name for info in list_letters(store)]
    finally:
        store.engine.dispose()
    if len(names) != 2:
        raise SystemExit(f"expected 2 stored letters, found {names}")
    return sorted(names)


def timed_get(port: int, path: str) -> float:
    """Milliseconds for one 200 answer."""
    start = time.perf_counter()
    status, _, body = get(port, path)
    if status != 200:
        raise SystemExit(f"{path}: {status} {body[:200]!r}")
    return (time.perf_counter() - start) * 1000


def plain_ms(folder: Path) -> float:
    """Milliseconds for pdftotext twice and git's word diff."""
    start = time.perf_counter()
    for command in (
        ["pdftotext", "a.pdf"],
        ["pdftotext", "b.pdf"],
        ["git", "diff", "--no-index", "--word-diff", "a.txt", "b.txt"],
    ):
        subprocess.run(command, cwd=folder, capture_output=True, check=False)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if not (shutil.which("pdftotext") and shutil.which("git")):
        raise SystemExit("needs pdftotext (apt-get install poppler-utils) and git")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name, pdf in zip("ab", PDF_PAIR, strict=True):
            shutil.copy(pdf, work / f"{name}.pdf")
        url = f"sqlite:///{work / 'tracker.db'}"
        old, new = fill_store(url, work / "snapshots")
        pair = f"old={quote(old)}&new={quote(new)}"
        cases = {
            "/api/compare, first": f"/api/compare?{pair}",
            "/compare, same pair": f"/compare?{pair}",
            "/api/compare, other way": f"/api/compare?old={quote(new)}&new={quote(old)}",
            "/api/compare, again": f"/api/compare?{pair}",
        }
        times: dict[str, list[float]] = {case: [] for case in cases}
        plain: list[float] = []
        plain_ms(work)  # warm the page cache
        for _ in range(args.rounds):
            process, port = start_app(work, url)
            try:
                for case, path in cases.items():
                    times[case].append(timed_get(port, path))
            finally:
                stop(process)
            plain += [plain_ms(work) for _ in range(args.repeat)]
    base = statistics.median(plain)
    print(f"{'pdftotext x2 + git diff --word-diff':40} {base:8.1f} ms median")
    for case, values in times.items():
        ms = statistics.median(values)
        print(f"{case:40} {ms:8.1f} ms median {ms / base:6.2f} x the pipeline")


if __name__ == "__main__":
    main()
