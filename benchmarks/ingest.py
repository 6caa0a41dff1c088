"""Ingest speed on a synthetic corpus: letters/s on SQLite and PostgreSQL, against a floor.

Run: .venv/bin/python benchmarks/ingest.py [--sizes 1000 4000] [--backends sqlite postgresql]
     [--postgres-url URL]

For each size N the corpus of benchmarks/corpus.py (N files: HTML, official XML, PDF
text, DOCX, PDF; ten Council formations; renditions, republications and copies) is
written to a temp folder. Printed per size, side by side in one run:

- floor: merely reading the same files with the fastest bare parser for their format
  (lxml for XML and HTML, pypdfium2's plain text extraction for PDF, the DOCX body
  part with lxml, a UTF-8 decode for text), in letters/s;
- per backend, `Ingestor.ingest_paths` into a fresh database in its own process: wall
  time, letters/s, the ratio to the floor, and the process's peak RSS;
- t(largest) / t(smallest).
Aims (issue 4): ingest >= 0.25x the floor, t(4,000) <= 4.4 x t(1,000).
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


def child(url: str, folder: str) -> None:
    """Ingest `folder` into `url` in this process; print seconds, files and peak RSS."""
    from tracker.ingest import Ingestor
    from tracker.store import open_store

    store = open_store(url, Path(folder).parent / "snapshots")
    ingestor = Ingestor(store, 50 * 1024 * 1024)
    start = time.perf_counter()
    summary = ingestor.ingest_paths([Path(folder)], datetime.now(UTC))
    seconds = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    failed = summary.count("failed")
    print(
        json.dumps(
            {
                "seconds": seconds,
                "files": len(summary.outcomes),
                "rss": rss,
                "failed": failed,
                "line": summary.line,
            }
        )
    )


def run_backend(backend: str, folder: Path, work: Path, postgres_url: str) -> dict[str, float]:
    """One ingest in a fresh database, in a process of its own."""
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
        done = subprocess.run(
            [sys.executable, __file__, "--child", url, str(folder)],
            capture_output=True,
            text=True,
            check=True,
            cwd=work,
        )
        result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
        return result
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
    parser.add_argument("--child", nargs=2, metavar=("URL", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    sys.path.insert(0, str(Path(__file__).parent))
    from corpus import generate

    times: dict[str, dict[int, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            folder = Path(tmp) / f"corpus-{size}"
            files = generate(folder, size)
            floor_s = floor(files)
            floor_rate = size / floor_s
            print(f"N={size}: floor (bare parse) {floor_s:.1f} s, {floor_rate:.0f} letters/s")
            for backend in args.backends:
                work = Path(tmp) / f"work-{backend}-{size}"
                work.mkdir()
                result = run_backend(backend, folder, work, args.postgres_url)
                rate = result["files"] / result["seconds"]
                times.setdefault(backend, {})[size] = result["seconds"]
                print(
                    f"  {backend:10} {result['seconds']:7.1f} s  {rate:6.1f} letters/s  "
                    f"{rate / floor_rate:5.3f}x floor  peak RSS {result['rss']:.0f} MiB  "
                    f"failed {result['failed']:.0f}"
                )
    for backend, by_size in times.items():
        if len(by_size) > 1:
            small, large = min(by_size), max(by_size)
            print(f"{backend}: t({large}) / t({small}) = {by_size[large] / by_size[small]:.2f}")


if __name__ == "__main__":
    main()
