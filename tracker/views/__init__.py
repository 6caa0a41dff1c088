"""Renderers of a diff object (`tracker.diff/1`): JSON, unified text, terminal text and HTML.

Each `format_*` takes the diff as a plain dict and returns a string; `print_text` prints
the terminal view to a rich Console. All are pure and deterministic. The submodules load
on first use, so a command that writes JSON never imports rich or lxml.html.
`tracker.views.listing` renders what the store holds (letters, one letter, a history).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "format_html": "tracker.views.html",
    "format_json": "tracker.views.plain",
    "format_unified": "tracker.views.plain",
    "format_text": "tracker.views.terminal",
    "print_text": "tracker.views.terminal",
}

__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'tracker.views' has no attribute {name!r}")
    return getattr(import_module(_HOMES[name]), name)
