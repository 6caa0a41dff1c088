"""What ingesting a letter does without the store: read, normalise, identify.

Worker processes run this (`tracker.ingest` reads ahead with them), so it imports
nothing of the store: a worker starts in a fraction of the time.
"""

from __future__ import annotations

import functools
import os
import threading
import time

from tracker import identity
from tracker.errors import InputError, TrackerError
from tracker.models import Letter
from tracker.normalise import agenda_refusal
from tracker.records import dataclass
from tracker.snapshots import normalise_bytes
from tracker.threads import unit_stance
from tracker.units import Unit, letter_units

WORKER_NICENESS = 10  # added to a worker process's niceness (lower priority)


@dataclass(frozen=True)
class Read:
    """A normalised document and what identifies it."""

    letter: Letter
    xml: bytes
    official_id: str | None
    text_key: str
    agenda_key: str
    agenda_only: bool
    units: list[Unit]  # computed once: they cost as much as normalising (issue 16)
    stances: list[str | None]  # each unit's stance, as its item is stored

    @property
    def chain(self) -> str:
        return identity.chain(self.letter.meta.addressee, self.agenda_only)

    @property
    def formation(self) -> str:
        council = self.letter.meta.council
        return council.key or council.formation or ""


def identify(letter: Letter, xml: bytes) -> Read:
    units = letter_units(letter)
    for unit in units:  # what the fold reads of each unit, computed where the letter is read
        for name in _UNIT_FEATURES:
            getattr(unit, name)
    return Read(
        letter,
        xml,
        identity.official_id(letter.id),
        identity.text_key(letter, units),
        identity.agenda_key(letter, units),
        identity.agenda_only(letter),
        units,
        [unit_stance(u) for u in units],
    )


_UNIT_FEATURES = tuple(
    name for name, value in vars(Unit).items() if isinstance(value, functools.cached_property)
)


def prepare(data: bytes, source: str, stated: str | None) -> Read:
    """Normalise one document and compute what identifies it and what the fold reads of
    it: everything of ingesting a letter that needs no store (so it may run in a worker
    process). Raises `InputError` for a file that is no annotated agenda."""
    letter, xml = normalise_bytes(data, source, stated)
    if refusal := agenda_refusal(letter):
        raise InputError(source, refusal)
    return identify(letter, xml)


def prepare_job(data: bytes, source: str, stated: str | None) -> Read | str:
    """`prepare` in a worker process: a refused file comes back as its one-line error."""
    try:
        return prepare(data, source, stated)
    except TrackerError as exc:
        return str(exc)


def start_worker(parent: int) -> None:
    """A worker's set-up: it yields the processor to the process it reads for, and ends
    with it (`watch_parent`).

    That process stores the letters one by one, and the run is as fast as it is: when
    the workers took their share of the cores beside it, or it read a letter itself
    while the next was on its way, its turn came later (1,000 letters on two cores:
    rebuild 11.6 s against 10.5 s, median of five runs, on SQLite).
    """
    if hasattr(os, "nice"):  # POSIX
        os.nice(WORKER_NICENESS)
    watch_parent(parent)


def watch_parent(parent: int) -> None:
    """In a worker: end when the process that started it is gone (killed, say), rather
    than wait for work forever as an orphan."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
