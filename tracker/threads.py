"""Follow each agenda topic from meeting to meeting: threads, folded over a formation's letters.

A formation's letters are folded one at a time, meeting by meeting (`tracker.identity`:
the meeting is the unit of history), each in its chamber's chain. Each letter's units
are aligned (`tracker.align`) against the latest unit of every open thread — its own
chain's where the thread has one, else any chain's — and a thread is open while its
latest unit is within `window` meetings, so a dossier may skip meetings and come back. A
unit that matches nothing starts a thread. A matched unit whose text differs from its own
chain's latest unit of the thread is a change; a unit that joins a thread from the other
chamber's chain only joins it.

Everything here is a pure function of the letters in order, so folding from any point on
gives the same threads as folding from the start. Keys are hashes of content: a thread's
key names its first unit and meeting, a change's GUID its thread, the text of the two
units and the meeting of the new one — not which letter or rendition carried them — so
the two chambers' letters carrying one change give one event, and rebuilding from the
same letters gives the same keys.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from tracker.align import Bodies, align_units
from tracker.diff import diff_units, headline
from tracker.identity import unit_signature
from tracker.positions import read_position
from tracker.records import dataclass
from tracker.units import Unit

DEFAULT_WINDOW = 8  # meetings a thread stays open without its topic on the agenda
STANCE_ORDER = ("oppose", "support", "conditional", "neutral")


@dataclass(frozen=True)
class Member:
    """A unit in one letter version of the sequence."""

    letter: str  # the letter version's key (its text key)
    chain: str  # the chamber whose chain of letters it is in
    meeting: int  # the ordinal of its meeting in the formation's history
    unit: Unit


@dataclass(frozen=True)
class Change:
    """A change between a thread's consecutive units in one chain."""

    guid: str
    thread: str
    old: Member
    new: Member
    item: dict[str, Any]  # the diff-json item entry

    @property
    def position_change(self) -> dict[str, str] | None:
        """The stance move, when a position sentence changed."""
        found: dict[str, str] | None = self.item["position_change"]
        return found


@dataclass(frozen=True)
class Step:
    """What folding one letter did: each unit's thread, new threads and changes."""

    threads: dict[str, str]  # unit ref -> thread key
    started: tuple[str, ...]
    changes: tuple[Change, ...]


# A thread's latest member in each chain that has it: thread key -> chain -> member.
Heads = dict[str, dict[str, Member]]


@dataclass(frozen=True)
class Place:
    """Where a letter stands: its version key, chain and meeting (ordinal and date)."""

    letter: str
    chain: str
    meeting: int
    meeting_date: str


def thread_key(formation: str, meeting_date: str, unit: Unit) -> str:
    """The key of the thread that starts with `unit` at a meeting."""
    return _digest("thread", formation, meeting_date, unit.ref, unit.title_key)[:24]


def change_guid(thread: str, old: Unit, new: Unit, meeting_date: str) -> str:
    """The GUID of a change: the same for the same two texts of a thread at one meeting."""
    parts = ("change", thread, unit_signature(old), unit_signature(new), meeting_date)
    return "tracker:change:" + _digest(*parts)[:32]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def advance(
    heads: Heads,
    formation: str,
    place: Place,
    units: Sequence[Unit],
    window: int = DEFAULT_WINDOW,
) -> Step:
    """Fold one letter into `heads`, which it updates."""
    latest = _latest(heads, place, window)
    keys = sorted(latest, key=lambda k: (latest[k].meeting, latest[k].unit.ref, k))
    alignment = align_units([latest[k].unit for k in keys], units, Bodies())
    thread_of_unit = {id(latest[k].unit): k for k in keys}
    assigned: dict[str, str] = {}
    changes = []
    for pair in alignment.pairs:
        key = thread_of_unit[id(pair.old)]
        new = Member(place.letter, place.chain, place.meeting, pair.new)
        own = heads[key].get(place.chain)
        assigned[pair.new.ref] = key
        heads[key][place.chain] = new
        if own is not None:
            change = _change(key, own, new, place.meeting_date, pair.body)
            if change is not None:
                changes.append(change)
    started = []
    for unit in alignment.added:
        key = thread_key(formation, place.meeting_date, unit)
        assigned[unit.ref] = key
        heads.setdefault(key, {})[place.chain] = Member(
            place.letter, place.chain, place.meeting, unit
        )
        started.append(key)
    return Step(assigned, tuple(started), tuple(changes))


def _latest(heads: Heads, place: Place, window: int) -> dict[str, Member]:
    """Each open thread's unit to align against: its own chain's, else the latest."""
    out = {}
    for key, members in heads.items():
        member = members.get(place.chain) or max(members.values(), key=lambda m: m.meeting)
        if place.meeting - member.meeting <= window:
            out[key] = member
    return out


def _change(
    key: str, old: Member, new: Member, meeting_date: str, similarity: float
) -> Change | None:
    changes = diff_units(old.unit, new.unit)
    if not changes:
        return None
    item = {
        "status": "changed",
        "old": _unit_json(old.unit),
        "new": _unit_json(new.unit),
        "moved": old.unit.ref != new.unit.ref,
        "retitled": old.unit.title_key != new.unit.title_key,
        "similarity": round(similarity, 2),
        "changes": [c.to_json() for c in changes],
        "position_change": headline(changes),
    }
    return Change(change_guid(key, old.unit, new.unit, meeting_date), key, old, new, item)


def _unit_json(unit: Unit) -> dict[str, Any]:
    return {"ref": unit.ref, "title": unit.title, "kind": unit.kind}


def unit_stance(unit: Unit) -> str | None:
    """The weightiest stance among the unit's position sentences, or None without any."""
    stances = set()
    for sentence in unit.sentences:
        reading = read_position(sentence.text)
        if reading.position and reading.stance:
            stances.add(reading.stance)
    return next((s for s in STANCE_ORDER if s in stances), None)
