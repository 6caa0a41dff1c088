"""Normalisation speed and peak memory per format: the seed renditions, and letters of
other formations in every format (un-numbered layouts).

Run: .venv/bin/python benchmarks/normalise.py [--repeat N]
Prints, per rendition: median and p90 ms per letter, letters/s, and the peak
Python-heap memory of one normalisation (tracemalloc), plus the process's max RSS.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
import tracemalloc
from pathlib import Path

from tracker.canonical import render_letter
from tracker.normalise import read_letter

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
FILES = [
    "seed/jbz-2025-10-13.pdf",
    "seed/jbz-2025-10-13.pdf.txt",
    "seed/jbz-2025-10-13.html",
    "seed/jbz-2025-10-13.xml",
    "seed/jbz-2025-10-13.docx",
    "seed/jbz-2025-10-13.agenda.docx",
    # Other formations' layouts: un-numbered headings, groups, procedures as prefixes.
    "dev/17-epsco-chain-june-to-december/old.pdf",
    "dev/20-rbz-item-moved-out-of-group-and-retitled/new.pdf.txt",
    "dev/15-rbz-chain-january-to-february/old.html",
    "dev/16-rbz-chain-february-to-march/new.xml",
    "dev/18-epsco-chain-december-to-march/new.docx",
    "real/epsco-wsb-2024-12-02.txt",
]


def measure(path: Path, repeat: int) -> tuple[float, float, float]:
    """Median ms, p90 ms and peak traced MiB of read + normalise + render."""
    data = path.read_bytes()
    render_letter(read_letter(data, str(path)))  # warm imports and caches
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        render_letter(read_letter(data, str(path)))
        times.append((time.perf_counter() - start) * 1000)
    tracemalloc.start()
    render_letter(read_letter(data, str(path)))
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9) - 1], peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    print(f"{'rendition':60} {'median ms':>10} {'p90 ms':>8} {'letters/s':>10} {'peak MiB':>9}")
    for name in FILES:
        median, p90, peak = measure(DATA / name, args.repeat)
        print(f"{name:60} {median:10.1f} {p90:8.1f} {1000 / median:10.1f} {peak:9.1f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process max RSS: {rss:.0f} MiB")


if __name__ == "__main__":
    main()
