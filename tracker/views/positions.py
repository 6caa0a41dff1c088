"""What the government says on each dossier of a letter, at a glance: `tracker positions`.

Every agenda item and covering section with its position sentences, each with its stance
and the words that decided it; the item's stance is the weightiest of its sentences'.
Text for people (Dutch stance words), JSON for scripts (the contract's stance values).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from tracker import naming
from tracker.models import Letter
from tracker.positions import read_position
from tracker.records import dataclass
from tracker.threads import STANCE_ORDER
from tracker.units import letter_units


@dataclass(frozen=True)
class PositionSentence:
    """A sentence that states the government's position, read."""

    text: str
    stance: str
    cue: str


@dataclass(frozen=True)
class ItemPositions:
    """One item or covering section and what the government says on it."""

    ref: str
    title: str
    kind: str | None
    stance: str  # the weightiest of its sentences', or "none"
    sentences: tuple[PositionSentence, ...]


def letter_positions(letter: Letter) -> list[ItemPositions]:
    """Every unit of a letter with its position sentences, in reading order."""
    out = []
    for unit in letter_units(letter):
        found = []
        for sentence in unit.sentences:
            reading = read_position(sentence.text)
            if reading.position and reading.stance:
                found.append(PositionSentence(sentence.text, reading.stance, reading.cue or ""))
        stances = {p.stance for p in found}
        weightiest = next((s for s in STANCE_ORDER if s in stances), "none")
        out.append(ItemPositions(unit.ref, unit.title, unit.kind, weightiest, tuple(found)))
    return out


def format_positions(letter: Letter, items: list[ItemPositions]) -> str:
    """The positions as text for people, one block per item, items without any last."""
    meta = letter.meta
    council = meta.council
    head = naming.letter_name(council.key or council.formation, council.start, meta.addressee)
    lines = [f"{head}  [{letter.id}]", ""]
    silent = [i for i in items if not i.sentences]
    for item in (i for i in items if i.sentences):
        lines += list(_item_lines(item))
    if silent:
        refs = ", ".join(i.ref for i in silent)
        lines.append(f"Zonder standpunt: {refs}")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def _item_lines(item: ItemPositions) -> Iterator[str]:
    kind = f" ({item.kind})" if item.kind else ""
    yield f"{item.ref}  {naming.clean_title(item.title)}{kind} — {naming.stance_name(item.stance)}"
    for sentence in item.sentences:
        stance = naming.stance_name(sentence.stance)
        yield f"    [{stance}] {sentence.text}  ← {sentence.cue}"
    yield ""


def positions_json(letter: Letter, items: list[ItemPositions]) -> str:
    """The positions as one JSON object: the letter and its items."""
    council = letter.meta.council
    record: dict[str, Any] = {
        "id": letter.id,
        "date": letter.meta.date,
        "formation": council.formation,
        "formation_key": council.key,
        "meeting": council.start,
        "addressee": letter.meta.addressee,
        "items": [
            {
                "ref": i.ref,
                "title": naming.clean_title(i.title),
                "kind": i.kind,
                "stance": i.stance,
                "positions": [
                    {"sentence": s.text, "stance": s.stance, "cue": s.cue} for s in i.sentences
                ],
            }
            for i in items
        ],
    }
    return json.dumps(record, ensure_ascii=False, indent=2) + "\n"
