"""Compiled patterns kept between processes (tracker.patterns): the same patterns as
`re.compile`'s, written as bytecode is written, read only by the Python that wrote them."""

from __future__ import annotations

import importlib
import marshal
import os
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pytest

import tracker
from tracker import kept, patterns
from tracker.patterns import Programs

DATA = Path(__file__).parent / "data"

SAMPLES: list[tuple[str | bytes, int]] = [
    (r"(?P<day>\d{1,2})\s+(?P<month>[a-z]+)\s+(?P<year>\d{4})", 0),
    (r"\bkan (?:de )?algemene oriëntatie (?:niet )?steunen\b", re.IGNORECASE),
    (
        r"""(?x) ^ \s* (?P<nr>\d+) [.)] \s+   # a numbered heading
         (?P<title>.+?) \s* $""",
        0,
    ),
    (r"(?<!zonder )(?<![\w-])steun\w*(?!maatregel)", 0),
    (r"⟦(?P<ref>[FR]\d+)⟧\s*(?:\((?P<p>(?i:den|la) )?[^()]{1,30}\))?", 0),
    (rb"<(?![?!])([A-Za-z_][\w.:-]*)", 0),
    (r"^(?:Postbus\s\d{1,6}|\d{4}\s?[A-Z]{2})$", re.MULTILINE | re.ASCII),
    (r"(a)|(?P<b>b)(?(1)c|d)", re.DOTALL),
]
TEXTS = [
    "Nederland kan de algemene oriëntatie niet steunen.",
    " 3. Migratie en asiel ",
    "⟦F12⟧ (den Haag) 13 oktober 2025",
    "steunmaatregel, ondersteuning, zonder steun",
    "Postbus 20011\n2500 EA",
    "bd ac",
]


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a user's machine: bytecode (and so patterns) may be written."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)


def _same(kept: re.Pattern[str] | re.Pattern[bytes], compiled: re.Pattern[object]) -> None:
    assert kept == compiled  # pattern, flags and the engine's program
    assert kept.groupindex == compiled.groupindex and kept.groups == compiled.groups
    for text in TEXTS:
        subject = text.encode() if isinstance(kept.pattern, bytes) else text
        found = [m.span() for m in kept.finditer(subject)]  # type: ignore[arg-type]
        assert found == [m.span() for m in compiled.finditer(subject)]  # type: ignore[arg-type]


def test_a_later_process_reads_what_an_earlier_one_compiled(tmp_path: Path, writes: None) -> None:
    path = tmp_path / "__pycache__" / "patterns.bin"
    first = Programs(path)
    for pattern, flags in SAMPLES:
        _same(first.compile(pattern, flags), re.compile(pattern, flags))
    assert len(first.kept.learned) == len(SAMPLES) and not first.kept.used
    first.kept.save()
    assert path.is_file() and not first.kept.learned

    later = Programs(path)
    for pattern, flags in SAMPLES:
        _same(later.compile(pattern, flags), re.compile(pattern, flags))
    assert len(later.kept.used) == len(SAMPLES) and not later.kept.learned  # none compiled anew
    mtime = path.stat().st_mtime_ns
    later.kept.save()
    assert path.stat().st_mtime_ns == mtime  # nothing new: the file is left as it was


def test_every_pattern_tracker_compiles_can_be_kept(tmp_path: Path, writes: None) -> None:
    """Each pattern object in tracker's modules, compiled through a fresh cache, is kept
    (its program made again equals re.compile's) and read back equal."""
    found: dict[tuple[str | bytes, int], re.Pattern[object]] = {}
    for module in pkgutil.walk_packages(tracker.__path__, "tracker."):
        if ".migrations" in module.name:
            continue
        for value in vars(importlib.import_module(module.name)).values():
            values = value if isinstance(value, (list, tuple)) else [value]
            for item in values:
                if isinstance(item, re.Pattern):
                    found[item.pattern, item.flags] = item
    assert len(found) > 100
    path = tmp_path / "patterns.bin"
    programs = Programs(path)
    for (pattern, flags), compiled in found.items():
        assert programs.compile(pattern, flags) == compiled
    assert len(programs.kept.learned) == len(found)
    programs.kept.save()
    later = Programs(path)
    for (pattern, flags), compiled in found.items():
        _same(later.compile(pattern, flags), compiled)
    assert not later.kept.learned


def test_another_pythons_or_a_damaged_file_is_compiled_anew(tmp_path: Path, writes: None) -> None:
    path = tmp_path / "patterns.bin"
    pattern, flags = SAMPLES[0]
    program = patterns.make_program(pattern, flags)
    stamp = (kept.FORMAT, sys.hexversion, patterns._sre.MAGIC)
    other = ((kept.FORMAT, sys.hexversion + 1, patterns._sre.MAGIC), {(pattern, flags): program})
    for content in (marshal.dumps(other), b"\x00 not marshal", marshal.dumps([1, 2])):
        path.write_bytes(content)
        programs = Programs(path)
        _same(programs.compile(pattern, flags), re.compile(pattern, flags))
        assert not programs.kept.used and len(programs.kept.learned) == 1
        programs.kept.save()
        assert Programs(path).kept.read() == {(pattern, flags): program}

    # A damaged program in a file of this Python: compiled anew, not a failure.
    broken = (stamp, {(pattern, flags): (0,)})
    path.write_bytes(marshal.dumps(broken))
    programs = Programs(path)
    _same(programs.compile(pattern, flags), re.compile(pattern, flags))
    assert len(programs.kept.learned) == 1


def test_nothing_is_written_where_bytecode_would_not_be(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    programs = Programs(tmp_path / "patterns.bin")
    programs.compile(*SAMPLES[0])
    programs.kept.save()
    assert not list(tmp_path.iterdir())

    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    blocked = tmp_path / "file"
    blocked.write_text("a file where the folder would be")
    programs = Programs(blocked / "__pycache__" / "patterns.bin")
    assert programs.compile(*SAMPLES[0]) == re.compile(*SAMPLES[0])
    programs.kept.save()  # a folder it may not make: silently not kept, as with bytecode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_old_patterns_are_dropped_when_the_file_grows_too_large(
    tmp_path: Path, writes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "patterns.bin"
    old = Programs(path)
    for n in range(6):
        old.compile(f"old{n}+", 0)
    old.kept.save()
    monkeypatch.setattr(kept, "MAX_ENTRIES", 8)
    programs = Programs(path)
    programs.compile("old1+", 0)  # in use: kept
    for n in range(4):
        programs.compile(f"new{n}+", 0)
    programs.kept.save()
    assert sorted(key[0] for key in Programs(path).kept.read()) == [
        "new0+",
        "new1+",
        "new2+",
        "new3+",
        "old1+",
    ]


def test_the_cache_sits_beside_bytecode(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    here = Path(kept.__file__).resolve().parent
    tag = sys.implementation.cache_tag
    monkeypatch.setattr(sys, "pycache_prefix", None)
    assert kept.cache_path("patterns") == here / "__pycache__" / f"patterns.{tag}.bin"
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path))
    assert kept.cache_path("patterns") == Path(tmp_path, *here.parts[1:], f"patterns.{tag}.bin")


def test_tracker_diff_keeps_its_patterns_for_the_next_run(tmp_path: Path) -> None:
    """`tracker diff` of two files ends at once (no exit handlers) and still leaves its
    patterns; the next run reads them and says the same."""
    prefix = tmp_path / "pycache"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(prefix)
    old, new = (
        DATA / "seed" / "jbz-2025-10-13.pdf",
        DATA / "dev/11-next-meeting-eerste-kamer/new.pdf",
    )
    script = "import sys; from tracker import cli; sys.argv[0] = 'tracker'; cli.command()"
    command = [sys.executable, "-c", script, "diff", str(old), str(new), "--format", "json"]
    first = subprocess.run(command, capture_output=True, env=env, cwd=tmp_path)
    files = list(prefix.rglob("patterns.*.bin"))
    assert len(files) == 1
    assert len(Programs(files[0]).kept.read()) > 100
    first_kept = Programs(files[0]).kept.read()
    second = subprocess.run(command, capture_output=True, env=env, cwd=tmp_path)
    # It may add stance rules the first compiled only when a sentence needed them (both
    # compile them while the forked copy reads, as far as they get), and keeps the rest.
    assert first_kept.items() <= Programs(files[0]).kept.read().items()
    assert first.returncode == second.returncode == 1
    assert first.stdout == second.stdout and first.stdout.startswith(b"{")
    assert first.stderr == second.stderr == b""


def test_a_pattern_compiled_as_code_goes_is_compiled_once(
    tmp_path: Path, writes: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Callers that compile as they go (a note number's pattern) get the same object
    back, as from re.compile's own cache, and that cache stays as small as re's."""
    programs = Programs(tmp_path / "patterns.bin")
    first = programs.compile(r"12(?=[\s.,;:)]|$)", re.MULTILINE)
    assert programs.compile(r"12(?=[\s.,;:)]|$)", re.MULTILINE) is first
    assert len(programs.kept.learned) == 1

    monkeypatch.setattr(patterns, "MAX_IN_USE", 3)
    for n in range(10):
        programs.compile(f"{n}+", 0)
    assert len(programs.in_use) == 3 and list(programs.in_use) == [("7+", 0), ("8+", 0), ("9+", 0)]
