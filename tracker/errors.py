"""The one error family of tracker: every message names the input and the problem."""

from __future__ import annotations


class TrackerError(Exception):
    """Base of every error tracker raises on purpose."""


class InputError(TrackerError):
    """A file that cannot be read as a letter: names the file and what is wrong."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class ConfigError(TrackerError):
    """A configuration file or value that is not usable."""
