"""Diff speed: in-process align + diff, and the whole `tracker diff` process.

Run: .venv/bin/python benchmarks/diff.py [--repeat N]

1. In-process: `diff_letters` on pairs of already normalised letters from the dev
   corpus (units, alignment, sentence and word diffs, positions, duplicates): median
   and p90 ms. Aim: median <= 20 ms for seed-size letters.
2. Whole process, side by side in one run on the same pair of PDFs:
   `tracker diff a.pdf b.pdf --format json` against the plain pipeline
   `pdftotext a.pdf; pdftotext b.pdf; git diff --no-index --word-diff`.
   Aim (issue 17): tracker <= 4x the plain pipeline. Needs poppler-utils (pdftotext) and
   git. The package's bytecode is compiled first, as an installed package's is: with
   PYTHONDONTWRITEBYTECODE set (as on the build machine) every run would otherwise compile
   all of tracker's sources again. For the same reason the timed processes run without it:
   a first run leaves the compiled patterns (`tracker.patterns`) later runs read. Then
   where a cold process spends its time: imports, normalising the two PDFs (rules
   compiled on first use included) and the diff (medians of their own runs). With
   `--baseline DIR` (a checkout of another commit, e.g. made by `git archive COMMIT
   tracker | tar -x -C DIR`), that commit's package is timed in the same rounds, run by
   the same interpreter with DIR first on PYTHONPATH.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tracker import positions as positions_module
from tracker.diff import diff_letters
from tracker.positions import read_position
from tracker.snapshots import normalise_file
from tracker.units import letter_units

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
PAIRS = {
    "same letter, two renditions (01)": ("dev/01-noise-pdftxt-vs-html", "old.pdf.txt", "new.html"),
    "positions edited (05)": ("dev/05-position-changes", "old.xml", "new.html"),
    "next meeting (11)": ("dev/11-next-meeting-eerste-kamer", "old.pdf.txt", "new.pdf"),
}
PDF_PAIR = (DATA / "seed" / "jbz-2025-10-13.pdf", DATA / "dev/11-next-meeting-eerste-kamer/new.pdf")


def _cold() -> None:
    """Forget cached readings: `tracker diff` reads every sentence once, in a fresh process."""
    cached = getattr(positions_module, "_read", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


def _stats(times: list[float]) -> tuple[float, float, float]:
    """Best, median and p90: this machine is shared, so the best run says most of the code."""
    times = sorted(times)
    return times[0], statistics.median(times), times[max(0, int(len(times) * 0.9) - 1)]


def in_process(repeat: int) -> None:
    """Median and p90 of diff_letters on normalised pairs."""
    header = f"{'in-process align + diff':40} {'best ms':>8} {'median ms':>10} {'p90 ms':>8}"
    print(f"{header} {'items':>6}")
    for label, (folder, old_name, new_name) in PAIRS.items():
        old = normalise_file(DATA / folder / old_name, 10**9)[0]
        new = normalise_file(DATA / folder / new_name, 10**9)[0]
        result = diff_letters(old, new)  # warm caches and imports
        times = []
        for _ in range(repeat):
            _cold()
            start = time.perf_counter()
            diff_letters(old, new)
            times.append((time.perf_counter() - start) * 1000)
        best, median, p90 = _stats(times)
        print(f"{label:40} {best:8.1f} {median:10.1f} {p90:8.1f} {len(result['items']):6}")


def positions(repeat: int) -> None:
    """read_position over the seed letter's sentences, uncached, and its share of a diff."""
    letter = normalise_file(DATA / "seed" / "jbz-2025-10-13.xml", 10**9)[0]
    units = letter_units(letter)
    sentences = list(dict.fromkeys(s.text for u in units for s in u.sentences))
    times = []
    for _ in range(repeat):
        _cold()
        start = time.perf_counter()
        for sentence in sentences:
            read_position(sentence)
        times.append((time.perf_counter() - start) * 1000)
    best, median, p90 = _stats(times)
    label = f"read_position x {len(sentences)} sentences"
    print(f"{label:40} {best:8.1f} {median:10.1f} {p90:8.1f}")
    per = 1000 / len(sentences)  # ms per run to µs per sentence
    print(f"{'  per sentence (us)':40} {best * per:8.1f} {median * per:10.1f}")


def _run(commands: list[list[str]], cwd: Path, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    for command in commands:
        done = subprocess.run(command, cwd=cwd, capture_output=True, check=False, env=env)
        # git diff and tracker diff exit 1 when the files differ (and Python on an error)
        if done.returncode not in (0, 1) or done.returncode == 1 and not done.stdout:
            raise SystemExit(f"{command[0]} failed: {done.stderr.decode(errors='replace')}")
    return (time.perf_counter() - start) * 1000


# What the `tracker` console script runs (`tracker.cli:command`; before it, `main`).
LAUNCH = (
    "import sys; from tracker import cli; sys.argv[0] = 'tracker'; "
    "sys.exit(getattr(cli, 'command', cli.main)())"
)

# What `tracker diff a.pdf b.pdf` does, timed by phase in a fresh interpreter.
PHASES = """
import json, sys, time
from pathlib import Path
start = time.perf_counter()
import tracker.cli, tracker.diff, tracker.snapshots, tracker.extract.pdf, tracker.views.reading
imported = time.perf_counter()
letters = [tracker.snapshots.normalise_file(Path(p), 10**9)[0] for p in sys.argv[1:]]
normalised = time.perf_counter()
tracker.diff.diff_letters(*letters)
done = time.perf_counter()
print(json.dumps([imported - start, normalised - imported, done - normalised]))
"""


def phases(repeat: int, files: list[str], env: dict[str, str] | None) -> list[float]:
    """Median import, normalise and diff ms of a cold process (run in a folder without a
    `tracker` package: `-c` puts the working folder first on the path)."""
    runs = []
    for _ in range(repeat):
        command = [sys.executable, "-c", PHASES, *files]
        done = subprocess.run(
            command, capture_output=True, check=True, env=env, cwd=tempfile.gettempdir()
        )
        runs.append(json.loads(done.stdout))
    return [statistics.median(column) * 1000 for column in zip(*runs, strict=True)]


def whole_process(repeat: int, baseline: Path | None) -> None:
    """`tracker diff a.pdf b.pdf` (and a baseline checkout's) against pdftotext twice +
    git word diff, interleaved."""
    if not (shutil.which("pdftotext") and shutil.which("git")):
        print("whole process: skipped, needs pdftotext (apt-get install poppler-utils) and git")
        return
    # The console script's own lines, so that a baseline without `command` runs as well.
    tracker = [sys.executable, "-c", LAUNCH]
    # As on a user's machine, the first run leaves what later runs reuse: bytecode and
    # (tracker.patterns) compiled patterns. PYTHONDONTWRITEBYTECODE (set on the build
    # machine) would have every run compile them again.
    user = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    trees = {"tracker": (Path(__file__).resolve().parent.parent, user)}
    if baseline is not None:  # its package first on the path: the same venv runs it
        trees["baseline"] = (baseline, {**user, "PYTHONPATH": str(baseline)})
    for tree, _ in trees.values():
        compileall.compile_dir(tree / "tracker", quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a, b = (shutil.copy(p, folder / f"{n}.pdf") for n, p in zip("ab", PDF_PAIR, strict=True))
        ours = [[*tracker, "diff", str(a), str(b), "--format", "json"]]
        plain = [
            ["pdftotext", str(a)],
            ["pdftotext", str(b)],
            ["git", "diff", "--no-index", "--word-diff", "a.txt", "b.txt"],
        ]
        for _, env in trees.values():  # warm the page cache, and leave what a first run does
            _run(ours, folder, env)
        _run(plain, folder)
        times: dict[str, list[float]] = {name: [] for name in [*trees, "plain"]}
        for _ in range(repeat):
            for name, (_, env) in trees.items():
                times[name].append(_run(ours, folder, env))
            times["plain"].append(_run(plain, folder))
    plain_median = statistics.median(times["plain"])
    print(f"\nwhole process on {PDF_PAIR[0].name} -> {PDF_PAIR[1].parent.name}/{PDF_PAIR[1].name}")
    columns = ("median ms", "best ms", "ratio", "imports", "normalise", "diff")
    print(f"{'':40} {columns[0]:>10} {columns[1]:>8}" + "".join(f" {c:>9}" for c in columns[2:]))
    best = min(times["plain"])
    print(f"{'pdftotext x2 + git diff --word-diff':40} {plain_median:10.1f} {best:8.1f}")
    for name, (tree, env) in trees.items():
        median = statistics.median(times[name])
        label = "tracker diff a.pdf b.pdf" + (f" ({tree})" if name == "baseline" else "")
        split = phases(repeat, [str(p) for p in PDF_PAIR], env)
        print(
            f"{label:40} {median:10.1f} {min(times[name]):8.1f} {median / plain_median:8.2f}x"
            + "".join(f" {ms:9.1f}" for ms in split)
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a checkout of another commit (its tracker/ folder is used): timed beside this one",
    )
    parser.add_argument("--whole-only", action="store_true", help="only the whole-process part")
    args = parser.parse_args()
    if not args.whole_only:
        in_process(args.repeat)
        positions(args.repeat)
    whole_process(max(5, args.repeat // 3), args.baseline and args.baseline.resolve())


if __name__ == "__main__":
    main()
