"""Regular expressions compiled once per machine, as Python compiles a module once.

What the code knows about letters is largely patterns: the layouts' headings and
procedure lines, the stance rules, the chrome a web page wraps around a letter, dates
and places. A cold process compiles ~230 of them, some of 2,000 characters, and the
`re` module's compiler is Python code: ~70 ms of `tracker diff a.pdf b.pdf`'s ~300.

`compile` is `re.compile` whose compiled programs are kept between processes
(`tracker.kept`: `__pycache__/patterns.<cache tag>.bin`, written as bytecode is). A kept
program is used only by the Python that made it (its version and the regular expression
engine's magic number stamp the file), and only after it has been found to equal
`re.compile`'s own: a pattern object made from it compares equal (pattern, flags and
program) to the one `re.compile` makes. Anything unexpected (another Python's internals,
a damaged entry) makes `compile` plain `re.compile`.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path
from typing import Any, AnyStr

from tracker.kept import Kept, cache_path

try:  # CPython's engine: parse and code generation in Python, the matcher in C
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: plain re.compile
    _sre = None

MAX_IN_USE = 512  # patterns held in this process for callers that compile as they go, as re

Key = tuple[str | bytes, int]
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def compile(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, from the program kept from an earlier process when
    there is one."""
    return PROGRAMS.compile(pattern, flags)


class Programs:
    """Patterns from their kept programs (`kept`), and those compiled here."""

    def __init__(self, path: Path | None) -> None:
        self.kept = Kept(path if _sre is not None else None, (getattr(_sre, "MAGIC", 0),))
        self.in_use: dict[Key, re.Pattern[Any]] = {}  # as re.compile's own cache

    def compile(self, pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
        flags = int(flags)
        key: Key = (pattern, flags)
        compiled: re.Pattern[AnyStr] | None = self.in_use.get(key)
        if compiled is None:
            compiled = self.make(pattern, flags, key)
            if len(self.in_use) >= MAX_IN_USE:  # drop the oldest, as re does
                with contextlib.suppress(StopIteration, RuntimeError, KeyError):
                    del self.in_use[next(iter(self.in_use))]
            self.in_use[key] = compiled
        return compiled

    def make(self, pattern: AnyStr, flags: int, key: Key) -> re.Pattern[AnyStr]:
        """The pattern from its kept program, or compiled (and learned) when there is none."""
        program = self.kept.get(key)
        if program is not None:
            try:
                return _sre.compile(pattern, *program)  # type: ignore[no-any-return]
            except Exception:  # noqa: BLE001 - a damaged entry: compile it anew
                self.kept.forget(key)
        compiled = re.compile(pattern, flags)
        if self.kept.writable:
            self.learn(key, compiled)
        return compiled

    def learn(self, key: Key, compiled: re.Pattern[Any]) -> None:
        """Keep `compiled`'s program, if it can be made again to equal `compiled`."""
        try:
            program = make_program(*key)
            same = _sre.compile(key[0], *program) == compiled
        except Exception:  # noqa: BLE001 - not the engine this module knows
            return
        if same:
            self.kept.learn(key, program)


def make_program(pattern: str | bytes, flags: int) -> Program:
    """What CPython's `re._compiler.compile` hands the engine for `pattern`."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


PROGRAMS = Programs(cache_path("patterns"))
