"""Regular expressions compiled once per machine, as Python compiles a module once.

What the code knows about letters is largely patterns: the layouts' headings and
procedure lines, the stance rules, the chrome a web page wraps around a letter, dates
and places. A cold process compiles ~230 of them, some of 2,000 characters, and the
`re` module's compiler is Python code: ~70 ms of `tracker diff a.pdf b.pdf`'s ~300.

`compile` is `re.compile` whose compiled programs are kept between processes, in
`__pycache__/patterns.<cache tag>.bin` beside this module (or under
`sys.pycache_prefix`), and written under the same rule as bytecode: not at all when
`sys.dont_write_bytecode` is set (PYTHONDONTWRITEBYTECODE), silently not where the
folder cannot be written. A kept program is used only by the Python that made it (its
version and the regular expression engine's magic number are in the file), and only
after it has been found to equal `re.compile`'s own: a pattern object from the file
compares equal (pattern, flags and program) to the one `re.compile` makes. Anything
unexpected (another Python's internals, a damaged file) makes `compile` plain
`re.compile`.
"""

from __future__ import annotations

import atexit
import contextlib
import marshal
import os
import re
import sys
import threading
from pathlib import Path
from typing import Any, AnyStr

try:  # CPython's engine: parse and code generation in Python, the matcher in C
    import _sre
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: plain re.compile
    _sre = None

FORMAT = 1  # of the file's contents
MAX_IN_USE = 512  # patterns held in this process for callers that compile as they go, as re
MAX_PROGRAMS = 4000  # kept programs beyond this are pruned to the ones in use

Key = tuple[str | bytes, int]
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


def compile(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, from the program kept from an earlier process when
    there is one."""
    return PROGRAMS.compile(pattern, flags)


def save() -> None:
    """Write the programs compiled in this process (also done at exit): for a process
    that ends without exit handlers (`os._exit`)."""
    PROGRAMS.save()


class Programs:
    """Compiled programs by (pattern, flags): those read from `path` and those made here."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.kept: dict[Key, Program] | None = None  # read on first use
        self.used: set[Key] = set()
        self.learned: dict[Key, Program] = {}
        self.in_use: dict[Key, re.Pattern[Any]] = {}  # as re.compile's own cache
        self.lock = threading.Lock()
        self.on_exit = False

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
        if self.kept is None:
            self.kept = self.read()
        program = self.kept.get(key)
        if program is not None:
            try:
                compiled: re.Pattern[AnyStr] = _sre.compile(pattern, *program)
            except Exception:  # noqa: BLE001 - a damaged entry: compile it anew
                del self.kept[key]
            else:
                self.used.add(key)
                return compiled
        compiled = re.compile(pattern, flags)
        self.learn(key, compiled)
        return compiled

    def learn(self, key: Key, compiled: re.Pattern[Any]) -> None:
        """Keep `compiled`'s program, if it can be made again to equal `compiled`."""
        if self.path is None or sys.dont_write_bytecode:
            return
        try:
            program = make_program(*key)
            same = _sre.compile(key[0], *program) == compiled
        except Exception:  # noqa: BLE001 - not the engine this module knows
            return
        if same:
            with self.lock:
                self.learned[key] = program
                if not self.on_exit:
                    self.on_exit = True
                    atexit.register(self.save)

    def read(self) -> dict[Key, Program]:
        """The programs in the file, if it is this Python's and readable; else none."""
        if self.path is None:
            return {}
        try:
            content = marshal.loads(self.path.read_bytes())
            if content[:3] == (FORMAT, sys.hexversion, _sre.MAGIC):
                return dict(content[3])
        except Exception:  # noqa: BLE001 - missing, damaged or another version's
            pass
        return {}

    def save(self) -> None:
        """Write the file anew when this process compiled programs it did not have."""
        with self.lock:
            if not self.learned or self.path is None or sys.dont_write_bytecode:
                return
            kept = dict(self.kept or {})
            if len(kept) + len(self.learned) > MAX_PROGRAMS:  # old patterns: drop them
                kept = {key: kept[key] for key in self.used if key in kept}
            kept.update(self.learned)
            self.learned = {}
        content = marshal.dumps((FORMAT, sys.hexversion, _sre.MAGIC, kept))
        partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(content)
            os.replace(partial, self.path)  # whole or not at all, also beside another run
        except OSError:  # a folder this process may not write: as with bytecode
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)


def make_program(pattern: str | bytes, flags: int) -> Program:
    """What CPython's `re._compiler.compile` hands the engine for `pattern`."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def cache_path() -> Path | None:
    """Where this Python keeps the programs: beside bytecode, as `importlib` places it."""
    tag = sys.implementation.cache_tag
    if tag is None or _sre is None:
        return None
    here = Path(__file__).resolve().parent
    if sys.pycache_prefix:
        folder = Path(sys.pycache_prefix, *here.parts[1:])
    else:
        folder = here / "__pycache__"
    return folder / f"patterns.{tag}.bin"


PROGRAMS = Programs(cache_path())
