"""Dataclasses whose generated methods are compiled once per machine, not per process.

`dataclasses.dataclass` writes each class's `__init__`, `__repr__`, `__eq__` (and, frozen,
`__setattr__`, `__delattr__`, `__hash__`) as source text and compiles it when the class
is made: about 100 µs a method. tracker defines ~130 dataclasses (letters, items,
layouts, rules, configuration), so a cold process spent ~40 ms compiling the same text
every time, a sixth of `tracker diff a.pdf b.pdf`.

`dataclass` here is `dataclasses.dataclass` whose compiled methods are kept between
processes (`tracker.kept`: `__pycache__/records.<cache tag>.bin`, written as bytecode
is), by the exact source text `dataclasses` generated: the class is made by
`dataclasses` itself, only the compiling of that text is looked up first. Code objects
are stamped with the Python version, its bytecode's magic number and the optimisation
level, as `.pyc` files are.
"""

from __future__ import annotations

import builtins
import dataclasses
import importlib.util
import sys
import threading
from collections.abc import Callable
from types import CodeType
from typing import Any, TypeVar, dataclass_transform, overload

from tracker.kept import Kept, cache_path

T = TypeVar("T")

CODE = Kept(cache_path("records"), (importlib.util.MAGIC_NUMBER, sys.flags.optimize))
_MAKING = threading.RLock()  # one class at a time: `dataclasses.exec` is shared
_NONE = object()


@overload
def dataclass(cls: type[T], /, **options: Any) -> type[T]: ...


@overload
def dataclass(cls: None = None, /, **options: Any) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(field_specifiers=(dataclasses.field, dataclasses.Field))
def dataclass(cls: type[T] | None = None, /, **options: Any) -> Any:
    """`dataclasses.dataclass(cls, **options)`, its methods' code read from the kept
    file when an earlier process compiled the same source."""

    def make(cls: type[T]) -> type[T]:
        with _MAKING:
            # `dataclasses` compiles its methods with `exec(source, globals, locals)`: a
            # module global of that name is found before the builtin.
            own = vars(dataclasses).get("exec", _NONE)
            dataclasses.exec = _exec  # type: ignore[attr-defined]
            try:
                return dataclasses.dataclass(cls, **options)
            finally:
                if own is _NONE:
                    del dataclasses.exec  # type: ignore[attr-defined]
                else:  # a module global of its own (none in Python 3.11)
                    dataclasses.exec = own  # type: ignore[attr-defined]

    return make if cls is None else make(cls)


def _exec(source: str | CodeType, globals: dict[str, Any], locals: Any = None, /) -> None:
    """`exec`, with source text compiled as `exec` compiles it in `dataclasses` (its
    file name, none of this module's `__future__` flags), or read from the kept file."""
    if isinstance(source, str):
        code = CODE.get(source)
        if not isinstance(code, CodeType):
            code = builtins.compile(source, "<string>", "exec", dont_inherit=True)
            CODE.learn(source, code)
        source = code
    builtins.exec(source, globals, locals)
