"""Ingest speed on a synthetic corpus: letters/s on SQLite and PostgreSQL, against a floor.

Run: .venv/bin/python benchmarks/ingest.py [--sizes 1000 4000] [--backends sqlite postgresql]
     [--postgres-url URL] [--baseline DIR] [--workers N] [--modes ingest rebuild]

For each size N the corpus of benchmarks/corpus.py (N files: HTML, official XML, PDF
text, DOCX, PDF; ten Council formations; renditions, republications and copies) is
written to a temp folder. Printed per size, side by side in one run:

- floor: merely reading the same files with the fastest bare parser for their format
  (lxml for XML and HTML, pypdfium2's plain text extraction for PDF, the DOCX body
  part with lxml, a UTF-8 decode for text), in letters/s;
- per backend, `Ingestor.ingest_paths` into a fresh database in its own process: wall
  time, letters/s, the ratio to the floor, the process's peak RSS and its normalising
  workers' (the largest); then `Ingestor.rebuild` of that store in another process;
- with `--baseline DIR` (a checkout of another commit with its own `.venv`, e.g. made by
  `git worktree add`), the same runs with that checkout's package, side by side, and
  the ratios;
- t(largest) / t(smallest).
Aims (issue 17): 3x the baseline's letters/s on both databases (at least 2x),
t(4,000) <= 4.2 x t(1,000), ingest of 4,000 letters under 250 MB RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from datetime import UTC, datetime
from pathlib import Path

POSTGRES_URL = "postgresql+psycopg://root@127.0.0.1:5432/test"


def floor(files: list[Path]) -> float:
    """Seconds to read every file with the fastest bare parser for its format."""
    import lxml.etree
    import lxml.html
    import pypdfium2

    start = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        name = path.name
        if name.endswith(".pdf"):
            document = pypdfium2.PdfDocument(data)
            for page in document:
                page.get_textpage().get_text_range()
            document.close()
        elif name.endswith(".docx"):
            with zipfile.ZipFile(path) as archive:
                lxml.etree.fromstring(archive.read("word/document.xml"))
        elif name.endswith(".xml"):
            lxml.etree.fromstring(data)
        elif name.endswith(".html"):
            lxml.html.document_fromstring(data)
        else:
            data.decode("utf-8")
    return time.perf_counter() - start


def child(url: str, folder: str, mode: str, workers: int) -> None:
    """Ingest `folder` into `url` (or rebuild that store) in this process; print seconds,
    files and peak RSS (this process's and its workers')."""
    from tracker.ingest import Ingestor
    from tracker.store import open_store

    store = open_store(url, Path(folder).parent / "snapshots")
    ingestor = Ingestor(store, 50 * 1024 * 1024)
    if workers and hasattr(ingestor, "workers"):
        ingestor.workers = workers
    start = time.perf_counter()
    if mode == "rebuild":
        summary = ingestor.rebuild(datetime.now(UTC))
    else:
        summary = ingestor.ingest_paths([Path(folder)], datetime.now(UTC))
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    failed = summary.count("failed")
    print(
        json.dumps(
            {
                "seconds": seconds,
                "files": len(summary.outcomes),
                "rss": rss,
                "workers_rss": workers_rss,
                "failed": failed,
                "line": summary.line,
            }
        )
    )


def run_backend(
    backend: str,
    folder: Path,
    work: Path,
    postgres_url: str,
    python: str,
    workers: int,
    modes: list[str],
) -> dict[str, dict[str, float]]:
    """One ingest into a fresh database, then a rebuild of it, each in a process of its
    own run by `python` (a checkout's venv: its package is the one timed)."""
    import sqlalchemy

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    if backend == "sqlite":
        url = f"sqlite:///{work / f'{schema}.db'}"
        engine = None
    else:
        engine = sqlalchemy.create_engine(postgres_url)
        with engine.begin() as connection:
            connection.execute(sqlalchemy.text(f'CREATE SCHEMA "{schema}"'))
        url = f"{postgres_url}?options=-csearch_path%3D{schema}"
    try:
        results = {}
        for mode in modes:
            done = subprocess.run(
                [python, __file__, "--child", url, str(folder), mode, str(workers)],
                capture_output=True,
                text=True,
                check=True,
                cwd=work,
            )
            results[mode] = json.loads(done.stdout.strip().splitlines()[-1])
        return results
    finally:
        if engine is not None:
            with engine.begin() as connection:
                connection.execute(sqlalchemy.text(f'DROP SCHEMA "{schema}" CASCADE'))
            engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgresql"])
    parser.add_argument(
        "--postgres-url", default=os.environ.get("TRACKER_TEST_POSTGRES_URL", POSTGRES_URL)
    )
    parser.add_argument("--baseline", type=Path, help="another checkout with its own .venv")
    parser.add_argument("--workers", type=int, default=0, help="normalising workers (0: default)")
    parser.add_argument("--modes", nargs="+", default=["ingest", "rebuild"])
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        url, folder, mode, workers = args.child
        child(url, folder, mode, int(workers))
        return
    sys.path.insert(0, str(Path(__file__).parent))
    from corpus import generate

    pythons = {"this": sys.executable}
    if args.baseline:
        pythons = {"baseline": str(args.baseline / ".venv" / "bin" / "python"), **pythons}
    times: dict[tuple[str, str, str], dict[int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"corpus-{size}"
            files = generate(folder, size)
            floor_s = floor(files)
            floor_rate = size / floor_s
            print(f"N={size}: floor (bare parse) {floor_s:.1f} s, {floor_rate:.0f} letters/s")
            for backend in args.backends:
                rates: dict[str, dict[str, float]] = {}
                for name, python in pythons.items():
                    work = Path(tmp) / f"work-{name}-{backend}-{size}"
                    work.mkdir()
                    results = run_backend(
                        backend, folder, work, args.postgres_url, python, args.workers, args.modes
                    )
                    for mode, result in results.items():
                        rate = result["files"] / result["seconds"]
                        rates.setdefault(mode, {})[name] = rate
                        times.setdefault((name, backend, mode), {})[size] = result["seconds"]
                        workers_rss = result.get("workers_rss", 0)
                        print(
                            f"  {name:8} {backend:10} {mode:7} {result['seconds']:7.1f} s  "
                            f"{rate:6.1f} letters/s  {rate / floor_rate:5.3f}x floor  "
                            f"peak RSS {result['rss']:.0f} MiB (workers {workers_rss:.0f})  "
                            f"failed {result['failed']:.0f}"
                        )
                if "baseline" in pythons:
                    for mode, by_name in rates.items():
                        ratio = by_name["this"] / by_name["baseline"]
                        print(f"  {backend} {mode}: {ratio:.2f}x the baseline's letters/s")
    for (name, backend, mode), by_size in times.items():
        if len(by_size) > 1:
            small, large = min(by_size), max(by_size)
            print(
                f"{name} {backend} {mode}: t({large}) / t({small}) = "
                f"{by_size[large] / by_size[small]:.2f}"
            )


if __name__ == "__main__":
    main()
