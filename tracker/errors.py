"""The one error family of tracker: every message names the input and the problem."""

from __future__ import annotations

# Control characters (a newline in a file name, a stray escape) shown escaped, so that an
# error is always one line in a log or on a terminal.
_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)}
_CONTROLS |= {0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t"}


def one_line(text: str) -> str:
    """`text` with its control characters escaped: it prints as one line."""
    return text.translate(_CONTROLS)


class TrackerError(Exception):
    """Base of every error tracker raises on purpose."""


class InputError(TrackerError):
    """A file that cannot be read as a letter: names the file and what is wrong."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(one_line(f"{source}: {problem}"))
        self.source = source
        self.problem = problem


class ConfigError(TrackerError):
    """A configuration file or value that is not usable."""
