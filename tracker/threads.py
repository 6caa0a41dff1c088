"""Follow each agenda topic from letter to letter: threads, folded over a formation's letters.

A formation's letters, in meeting order, are folded one at a time. Each letter's units
are aligned (`tracker.align`) against the latest unit of every open thread: a thread is
open while its latest unit is in one of the last `window` letters, so a dossier may skip
a meeting and come back. A unit that matches nothing starts a thread. A matched unit
whose text differs from the thread's latest is a change.

Everything here is a pure function of the letters in order, so ingesting them out of
order and refolding from the earliest new letter gives the same threads as ingesting in
order. Keys are hashes of content: a thread's key names its first unit, a change's GUID
its old and new unit, so rebuilding from the same letters gives the same keys.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from tracker.align import Bodies, align_units
from tracker.diff import diff_units, headline
from tracker.positions import read_position
from tracker.units import Unit

DEFAULT_WINDOW = 8  # letters a thread stays open without its topic on the agenda
STANCE_ORDER = ("oppose", "support", "conditional", "neutral")


@dataclass(frozen=True)
class Member:
    """A unit in one letter version of the sequence."""

    letter: str  # the letter version's content hash
    position: int  # its place in the formation's sequence
    unit: Unit


@dataclass(frozen=True)
class Change:
    """A change between a thread's consecutive units."""

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


def thread_key(formation: str, letter: str, ref: str) -> str:
    """The key of the thread that starts with unit `ref` of letter version `letter`."""
    return _digest("thread", formation, letter, ref)[:24]


def change_guid(old: Member, new: Member) -> str:
    """The GUID of the change from `old` to `new`: the same for the same two units."""
    return "tracker:change:" + _digest(old.letter, old.unit.ref, new.letter, new.unit.ref)[:32]


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def advance(
    heads: dict[str, Member],
    formation: str,
    letter: str,
    position: int,
    units: Sequence[Unit],
    window: int = DEFAULT_WINDOW,
) -> Step:
    """Fold one letter into `heads` (thread key -> latest member), which it updates."""
    open_heads = {k: m for k, m in heads.items() if position - m.position <= window}
    keys = sorted(open_heads, key=lambda k: (open_heads[k].position, open_heads[k].unit.ref))
    alignment = align_units([open_heads[k].unit for k in keys], units, Bodies())
    thread_of_unit = {id(open_heads[k].unit): k for k in keys}
    assigned: dict[str, str] = {}
    changes = []
    for pair in alignment.pairs:
        key = thread_of_unit[id(pair.old)]
        old, new = open_heads[key], Member(letter, position, pair.new)
        assigned[pair.new.ref] = key
        heads[key] = new
        change = _change(key, old, new, pair.body)
        if change is not None:
            changes.append(change)
    started = []
    for unit in alignment.added:
        key = thread_key(formation, letter, unit.ref)
        assigned[unit.ref] = key
        heads[key] = Member(letter, position, unit)
        started.append(key)
    return Step(assigned, tuple(started), tuple(changes))


def _change(key: str, old: Member, new: Member, similarity: float) -> Change | None:
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
    return Change(change_guid(old, new), key, old, new, item)


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
