"""Byte comparison of `tracker normalise` output before and after a speed change.

Run: .venv/bin/python benchmarks/normalise_bytes.py [--all] --record before.json [DIR ...]
     .venv/bin/python benchmarks/normalise_bytes.py [--all] --check before.json [DIR ...]

Normalises every PDF and text file (with `--all` every HTML, XML and DOCX file too)
under the given folders (default: tests/data and ../shared/corpus when present) and
records the SHA-256 of each canonical XML and its warnings (or of the error), or checks
the current output against such a record: a change of speed must not change one byte of
any letter.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path

from tracker.errors import TrackerError
from tracker.snapshots import normalise_file

ROOT = Path(__file__).resolve().parent.parent
SHARED = next(
    (p / "shared" / "corpus" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), None
)
DEFAULT_DIRS = [ROOT / "tests" / "data"] + ([SHARED] if SHARED else [])
SUFFIXES = {".pdf", ".txt"}
ALL_SUFFIXES = SUFFIXES | {".html", ".htm", ".xml", ".docx"}


def corpus_files(dirs: list[Path], suffixes: set[str] = SUFFIXES) -> dict[str, Path]:
    """Every file with one of `suffixes` under `dirs` by a name relative to its folder,
    sorted."""
    found = {
        f"{d.parent.name}/{d.name}/{p.relative_to(d)}": p
        for d in dirs
        if d.is_dir()
        for p in d.rglob("*")
        if p.suffix in suffixes
    }
    return dict(sorted(found.items()))


def digest(path: Path) -> str:
    """SHA-256 of the normalised letter and its warnings, or of the error it raises."""
    try:
        # The letter's `source` names the file as given: read from its own folder by its
        # bare name, so that records made in one checkout compare with another.
        here = os.getcwd()
        os.chdir(path.parent)
        try:
            letter, xml = normalise_file(Path(path.name), 10**9)
        finally:
            os.chdir(here)
        body = xml + "\n".join(letter.warnings).encode()
    except TrackerError as exc:
        body = f"error: {exc}".encode()
    return hashlib.sha256(body).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser()
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--record", type=Path)
    mode.add_argument("--check", type=Path)
    parser.add_argument("--all", action="store_true", help="HTML, XML and DOCX files too")
    parser.add_argument("dirs", nargs="*", type=Path)
    args = parser.parse_args()
    dirs = [d.resolve() for d in args.dirs] or DEFAULT_DIRS
    suffixes = ALL_SUFFIXES if args.all else SUFFIXES
    hashes = {name: digest(path) for name, path in corpus_files(dirs, suffixes).items()}
    if args.record:
        args.record.write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n")
        print(f"recorded {len(hashes)} files in {args.record}")
        return
    recorded = json.loads(args.check.read_text())
    changed = sorted(k for k in recorded.keys() & hashes.keys() if recorded[k] != hashes[k])
    missing = sorted(recorded.keys() ^ hashes.keys())
    same = len(recorded.keys() & hashes.keys()) - len(changed)
    counts = f"changed: {len(changed)}; unmatched: {len(missing)}"
    print(f"byte-identical: {same} of {len(recorded)}; {counts}")
    for name in changed + missing:
        print(f"  {name}")
    sys.exit(1 if changed or missing else 0)


if __name__ == "__main__":
    main()
