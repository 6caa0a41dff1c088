"""Dataclasses whose generated methods' code is kept between processes (tracker.records):
the same classes as `dataclasses.dataclass` makes, method for method."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tracker import records
from tracker.kept import Kept

METHODS = ("__init__", "__repr__", "__eq__", "__setattr__", "__delattr__", "__hash__", "__lt__")


def _shapes(make: Any) -> list[type]:
    """Classes of every kind tracker uses, made by `make` (a dataclass decorator)."""

    @make(frozen=True, slots=True)
    class Frozen:
        name: str
        size: float = 10.0
        tags: tuple[str, ...] = ()

    @make
    class Plain:
        lines: list[int] = dataclasses.field(default_factory=list)
        text: str = ""

    @make(order=True, kw_only=True)
    class Ordered:
        year: int
        number: int = 0

    @make(frozen=True, eq=False)
    class Identity:
        value: object = None

    return [Frozen, Plain, Ordered, Identity]


def _code(cls: type) -> dict[str, Any]:
    return {
        name: getattr(cls, name).__code__
        for name in METHODS
        if hasattr(getattr(cls, name, None), "__code__")
        and getattr(cls, name).__code__.co_filename == "<string>"
    }


@pytest.fixture
def kept_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    path = tmp_path / "records.bin"
    monkeypatch.setattr(records, "CODE", Kept(path, ("test",)))
    return path


def test_a_later_process_makes_the_same_classes_from_kept_code(kept_in: Path) -> None:
    plain = _shapes(dataclasses.dataclass)
    first = _shapes(records.dataclass)  # compiled here, learned
    assert records.CODE.learned and not records.CODE.used
    records.CODE.save()
    records.CODE = Kept(kept_in, ("test",))  # a later process: reads the file
    later = _shapes(records.dataclass)
    assert records.CODE.used and not records.CODE.learned  # nothing compiled anew
    for a, b, c in zip(plain, first, later, strict=True):
        assert _code(a) == _code(b) == _code(c) and _code(a)
        assert [(f.name, f.type, f.default) for f in dataclasses.fields(a)] == [
            (f.name, f.type, f.default) for f in dataclasses.fields(c)
        ]
    frozen, made, ordered, identity = later
    letter = frozen("JBZ", tags=("a",))
    assert letter == frozen("JBZ", 10.0, ("a",)) and hash(letter) == hash(
        frozen("JBZ", tags=("a",))
    )
    assert repr(letter).endswith("Frozen(name='JBZ', size=10.0, tags=('a',))")
    with pytest.raises(dataclasses.FrozenInstanceError):
        letter.name = "AGRIFISH"  # type: ignore[misc]
    assert not hasattr(letter, "__dict__")  # slots
    assert made().lines == [] and made().lines is not made().lines
    assert ordered(year=2025) < ordered(year=2025, number=1)
    with pytest.raises(TypeError):
        ordered(2025)  # keyword only
    assert identity() != identity()


def test_a_class_that_cannot_be_made_leaves_dataclasses_as_it_was(kept_in: Path) -> None:
    with pytest.raises(TypeError, match="non-default argument"):

        @records.dataclass
        class Broken:
            first: int = 0
            second: int  # type: ignore[misc]

    assert "exec" not in vars(dataclasses)
    assert not hasattr(dataclasses, "exec")


def test_a_global_exec_of_dataclasses_own_is_given_back(
    kept_in: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = lambda *args: exec(*args)  # noqa: E731 - stands for one a later Python might have
    monkeypatch.setattr(dataclasses, "exec", own, raising=False)
    assert _shapes(records.dataclass)
    assert vars(dataclasses)["exec"] is own


def test_a_damaged_entry_is_compiled_anew(kept_in: Path) -> None:
    first = _shapes(records.dataclass)
    records.CODE.save()
    damaged = Kept(kept_in, ("test",))
    damaged.entries = {source: "not code" for source in damaged.read()}
    records.CODE = damaged
    again = _shapes(records.dataclass)
    assert [_code(c) for c in again] == [_code(c) for c in first]
    assert damaged.learned  # made anew, kept again


# Every dataclass of tracker's modules: (module.class, method, its code's parts).
DIGEST = """
import importlib, json, pkgutil, sys, dataclasses
import tracker
METHODS = sys.argv[1:]
out = []
for info in pkgutil.walk_packages(tracker.__path__, "tracker."):
    if ".migrations" in info.name:
        continue
    module = importlib.import_module(info.name)
    for name, value in sorted(vars(module).items()):
        if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == module.__name__:
            for method in METHODS:
                code = getattr(getattr(value, method, None), "__code__", None)
                if code is not None and code.co_filename == "<string>":
                    out.append([module.__name__ + "." + name, method, code.co_code.hex(),
                                repr(code.co_consts), list(code.co_names), list(code.co_varnames)])
print(json.dumps(out))
"""


def test_every_dataclass_of_tracker_is_the_same_made_from_kept_code(tmp_path: Path) -> None:
    """Three fresh processes: one that compiles (and writes), one that reads what it
    wrote, one that only compiles (nothing may be written): the same methods in all."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(prefix: Path, write: bool) -> str:
        extra = {} if write else {"PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run(
            [sys.executable, "-c", DIGEST, *METHODS],
            env={**env, **extra, "PYTHONPYCACHEPREFIX": str(prefix)},
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp_path,
        )
        return done.stdout

    writes, plain = tmp_path / "writes", tmp_path / "plain"
    compiled = run(writes, write=True)
    assert list(writes.rglob("records.*.bin"))
    read = run(writes, write=True)
    uncached = run(plain, write=False)
    assert not list(plain.rglob("*.bin"))
    assert compiled == read == uncached
    assert compiled.count("__init__") > 100
