"""Pages and API after an ingest: milliseconds and SQL statements per cold page, by store size.

Run: .venv/bin/python benchmarks/pages.py [--sizes 1000 4000] [--rounds 5] [--cache DIR]

For each size N the synthetic corpus of benchmarks/corpus.py (N files) is ingested once
into a SQLite store under DIR (default /tmp/tracker-bench-pages/N: store.db and its
snapshots) and kept there for later runs; delete the folder to build it again. Then, with
what the process has loaded frozen out of the collector's scans (as `tracker serve` does
once started), per page, a fresh `Site` (no page cache, nothing kept per ingest: the
first request after an ingest) reads the store's version and renders it through the
app's own handler, `rounds` times. Printed per page and size: the median cold answer in
ms, of which reading the store's version (`last_ingest`), the SQL statements it ran and
its size.
Aims (issue 17): statements per page the same at every size; cold `/`, `/api/letters`
and a letter page under 100 ms at 4,000 letters.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
CACHE = Path("/tmp/tracker-bench-pages")


def build_store(folder: Path, letters: int) -> None:
    """The corpus of `letters` files ingested into `folder`/store.db, unless already there."""
    import corpus

    from tracker.ingest import Ingestor
    from tracker.store import open_store

    if (folder / "done").exists():
        return
    files = folder / "corpus"
    corpus.generate(files, letters)
    (folder / "store.db").unlink(missing_ok=True)
    store = open_store(f"sqlite:///{folder / 'store.db'}", folder / "snapshots")
    started = time.perf_counter()
    summary = Ingestor(store, 50 * 1024 * 1024).ingest_paths([files], datetime.now(UTC))
    print(f"built {folder}: {summary.line} in {time.perf_counter() - started:.0f} s")
    store.engine.dispose()
    (folder / "done").write_text(summary.line + "\n")


def pages_of(store: Any) -> list[tuple[str, str, dict[str, str], bytes]]:
    """The pages measured: a label, the route, its path parameters and its query string."""
    from sqlalchemy import select

    from tracker.store.models import ChangeRow, LetterRow, ThreadRow

    with store.sessions() as session:
        letter = session.execute(
            select(LetterRow.official_id, LetterRow.version).order_by(LetterRow.id.desc())
        ).first()
        key = session.scalar(
            select(ThreadRow.key)
            .join(ChangeRow, ChangeRow.thread_id == ThreadRow.id)
            .order_by(ChangeRow.id.desc())
        )
    name = f"{letter[0]}@{letter[1]}"
    return [
        ("/", "/", {}, b""),
        ("/api/letters", "/api/letters", {}, b""),
        ("/api/letters?page=2", "/api/letters", {}, b"page=2"),
        ("/letters/<newest>", "/letters/{name}", {"name": name}, b""),
        ("/api/letters/<newest>", "/api/letters/{name}", {"name": name}, b""),
        ("/threads/<changed>", "/threads/{key}", {"key": key}, b""),
        ("/api/threads", "/api/threads", {}, b""),
        ("/api/changes", "/api/changes", {}, b""),
        ("/feeds/changes.atom", "/feeds/{path:path}", {"path": "changes.atom"}, b""),
        ("/feeds/positions.rss", "/feeds/{path:path}", {"path": "positions.rss"}, b""),
    ]


def measure(store: Any, rounds: int) -> dict[str, tuple[float, float, int, int]]:
    """Per page: median cold ms (the store's version read first, as the app does before
    it looks in its cache), of which reading the version, statements, bytes."""
    from sqlalchemy import event

    from tracker.web.app import ROUTES
    from tracker.web.params import ParamError, check_params
    from tracker.web.site import Site

    renders = dict(ROUTES)
    counted = [0]

    def count(*_: Any) -> None:
        counted[0] += 1

    event.listen(store.engine, "before_cursor_execute", count)
    out = {}
    for label, route, path_params, query in pages_of(store):
        try:
            params = check_params(route, path_params, query)
        except ParamError:  # a parameter this version of the app does not take yet
            continue
        times, versions, statements, size = [], [], 0, 0
        for _ in range(rounds):
            site = Site(store, "https://example.org", lambda: datetime.now(UTC))
            counted[0] = 0
            started = time.perf_counter()
            site.version()
            read = time.perf_counter()
            body = renders[route](site, params)
            times.append((time.perf_counter() - started) * 1000)
            versions.append((read - started) * 1000)
            statements, size = counted[0], len(body.content)
        out[label] = (statistics.median(times), statistics.median(versions), statements, size)
    event.remove(store.engine, "before_cursor_execute", count)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=CACHE)
    args = parser.parse_args()
    from tracker.store import open_store

    results = {}
    for size in args.sizes:
        folder = args.cache / str(size)
        folder.mkdir(parents=True, exist_ok=True)
        build_store(folder, size)
        store = open_store(f"sqlite:///{folder / 'store.db'}", folder / "snapshots")
        # As `tracker serve` does once it has started (tracker/web/serve.py): what is
        # loaded by now (here also a store built, or the sizes before) is not scanned by
        # the collector while pages are timed.
        gc.collect()
        gc.freeze()
        results[size] = measure(store, args.rounds)
        store.engine.dispose()
    labels = list(next(iter(results.values())))
    head = "".join(f" | {size:>6} ms  (version)  stmts    KiB" for size in args.sizes)
    print(f"{'page':<26}{head}")
    for label in labels:
        cells = "".join(
            f" | {ms:9.1f}  ({v:7.1f}) {n:6d} {size / 1024:6.0f}"
            for ms, v, n, size in (results[s].get(label, (0.0, 0.0, 0, 0)) for s in args.sizes)
        )
        print(f"{label:<26}{cells}")


if __name__ == "__main__":
    main()
