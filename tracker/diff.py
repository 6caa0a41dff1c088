"""What changed between two letters: the `tracker.diff/1` object.

Per aligned pair of units the bodies are compared sentence by sentence with
diff-match-patch, each distinct sentence key mapped to one character (the trick of its
line mode). A sentence deleted in one place and inserted unchanged in another of the
same unit moved, which is not a change. Deleted and inserted sentences that stand
together and share enough words become one `replace`, with word-level highlights from a
second diff-match-patch pass over word tokens (no semantic clean-up, which would merge
word edits into phrases). Every change is read for the government's position; the
item's `position_change` is the headline stance move.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any

from diff_match_patch import diff_match_patch

from tracker import patterns
from tracker.align import Alignment, Bodies, align_units, find_duplicates
from tracker.models import Letter
from tracker.positions import read_position
from tracker.records import dataclass
from tracker.textnorm import fingerprint
from tracker.units import Sentence, Unit, letter_units

SCHEMA = "tracker.diff/1"
DIFF_TIMEOUT = 0.5  # seconds; diffs here are small, this only bounds a pathological input
REPLACE_MIN_OVERLAP = 0.4  # word overlap (Dice) for a deleted and an inserted sentence to pair
STANCE_RANK = {"oppose": 4, "support": 3, "conditional": 2, "neutral": 1, "none": 0}
# A word or a punctuation mark with the white space after it: half the tokens of
# splitting out white space, and word-mode diffs are quadratic in the edit distance.
_TOKEN = patterns.compile(r"\s+|\w+\s*|[^\w\s]\s*")
_WORD = patterns.compile(r"\w+")


@dataclass(frozen=True)
class Change:
    """One changed sentence, title or procedure line."""

    op: str  # insert | delete | replace
    field: str  # title | kind | body
    old: str | None
    new: str | None
    words: tuple[tuple[str, str], ...] = ()
    position: bool = False
    stance: tuple[str, str] | None = None
    cue: tuple[str | None, str | None] | None = None

    def to_json(self) -> dict[str, Any]:
        """The change as the contract spells it."""
        return {
            "op": self.op,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "position": self.position,
            "stance": {"old": self.stance[0], "new": self.stance[1]} if self.stance else None,
            "cue": {"old": self.cue[0], "new": self.cue[1]} if self.cue else None,
            "words": [list(segment) for segment in self.words] if self.words else None,
        }


def diff_letters(old: Letter, new: Letter) -> dict[str, Any]:
    """The `tracker.diff/1` object of two letters."""
    old_units, new_units = letter_units(old), letter_units(new)
    bodies = Bodies()
    alignment = align_units(old_units, new_units, bodies)
    items = [_item_json(entry) for entry in _ordered(alignment, old_units, new_units)]
    return {
        "schema": SCHEMA,
        "old": _letter_json(old),
        "new": _letter_json(new),
        "summary": _summary(items),
        "items": items,
        "duplicates": _duplicates("old", old_units, bodies) + _duplicates("new", new_units, bodies),
    }


def _letter_json(letter: Letter) -> dict[str, Any]:
    council = letter.meta.council
    return {
        "id": letter.id,
        "date": letter.meta.date,
        "council": council.label or council.formation,
        "formation": council.formation,
        "formation_key": council.key,
        "meeting": council.start,
        "place": council.place,
        "addressee": letter.meta.addressee,
        "title": letter.meta.title or letter.agenda_title,
        "source": letter.source,
    }


def _ordered(
    alignment: Alignment, old_units: list[Unit], new_units: list[Unit]
) -> Iterator[tuple[Unit | None, Unit | None, float]]:
    """Entries in the new letter's order, each removed unit after its old predecessor."""
    partner = {id(p.new): p for p in alignment.pairs}
    new_index = {id(unit): n for n, unit in enumerate(new_units)}
    old_partner = {id(p.old): new_index[id(p.new)] for p in alignment.pairs}
    # Removed units by the new position they follow; -1: before the first new unit.
    removed_after: dict[int, list[Unit]] = {}
    anchor = -1
    for unit in old_units:
        if id(unit) in old_partner:
            anchor = old_partner[id(unit)]
        else:
            removed_after.setdefault(anchor, []).append(unit)
    for gone in removed_after.get(-1, []):
        yield gone, None, 0.0
    for n, unit in enumerate(new_units):
        pair = partner.get(id(unit))
        yield (pair.old, unit, pair.body) if pair else (None, unit, 0.0)
        for gone in removed_after.get(n, []):
            yield gone, None, 0.0


def _item_json(entry: tuple[Unit | None, Unit | None, float]) -> dict[str, Any]:
    old, new, similarity = entry
    changes = diff_units(old, new) if old and new else []
    if old and new:
        status = "changed" if changes else "unchanged"
    else:
        status = "added" if new else "removed"
    return {
        "status": status,
        "old": _unit_json(old),
        "new": _unit_json(new),
        "moved": bool(old and new and old.ref != new.ref),
        "retitled": bool(old and new and old.title_key != new.title_key),
        "similarity": round(similarity, 2) if old and new else 0.0,
        "changes": [change.to_json() for change in changes],
        "position_change": headline(changes),
    }


def _unit_json(unit: Unit | None) -> dict[str, Any] | None:
    if unit is None:
        return None
    return {"ref": unit.ref, "title": unit.title, "kind": unit.kind}


def _summary(items: list[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(item["status"] for item in items)
    return {
        "unchanged": counts["unchanged"],
        "changed": counts["changed"],
        "added": counts["added"],
        "removed": counts["removed"],
        "moved": sum(item["moved"] for item in items),
        "position_changes": sum(item["position_change"] is not None for item in items),
    }


def _duplicates(side: str, units: list[Unit], bodies: Bodies) -> list[dict[str, Any]]:
    return [
        {
            "side": side,
            "refs": [a.ref, b.ref],
            "similarity": round(similarity, 2),
            "changes": [change.to_json() for change in diff_units(a, b)],
        }
        for a, b, similarity in find_duplicates(units, bodies)
    ]


def diff_units(old: Unit, new: Unit) -> list[Change]:
    """What changed from `old` to `new`: title, procedure line, then body sentences."""
    if old.signature == new.signature:
        return []
    return list(_kept_changes(_Content(old), _Content(new)))


class _Content:
    """A unit as `diff_units` reads it: equal when title, procedure line and sentences are."""

    __slots__ = ("unit", "_key", "_hash")

    def __init__(self, unit: Unit) -> None:
        self.unit: Unit | None = unit
        self._key = (unit.title, unit.kind, unit.body_key, unit.sentence_texts)
        self._hash = hash(self._key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Content) and self._key == other._key

    def __hash__(self) -> int:
        return self._hash


# The fold diffs a thread's units again at every refold from an earlier meeting, and the
# two chambers' letters carry the same units: the changes of recent pairs are kept.
@lru_cache(maxsize=1024)
def _kept_changes(old: _Content, new: _Content) -> tuple[Change, ...]:
    first, second = old.unit, new.unit
    old.unit = new.unit = None  # a key keeps the content, not the units and their caches
    return tuple(_unit_changes(first, second)) if first and second else ()


def _unit_changes(old: Unit, new: Unit) -> list[Change]:
    changes = []
    if old.title_key != new.title_key:
        changes.append(_text_change("title", old.title, new.title))
    if old.kind_key != new.kind_key:
        changes.append(_text_change("kind", old.kind, new.kind))
    changes.extend(_read_positions(c) for c in sentence_changes(old.sentences, new.sentences))
    return changes


def _text_change(field: str, old: str | None, new: str | None) -> Change:
    if old and new:
        return Change("replace", field, old, new, word_diff(old, new))
    return Change("insert" if new else "delete", field, old or None, new or None)


def _read_positions(change: Change) -> Change:
    """The change with its position flag, stances and deciding cues."""
    old = read_position(change.old) if change.old else None
    new = read_position(change.new) if change.new else None
    if not ((old and old.position) or (new and new.position)):
        return change
    stance = (
        old.stance if old and old.position and old.stance else "none",
        new.stance if new and new.position and new.stance else "none",
    )
    cue = (old.cue if old and old.position else None, new.cue if new and new.position else None)
    return Change(change.op, change.field, change.old, change.new, change.words, True, stance, cue)


def headline(changes: list[Change]) -> dict[str, str] | None:
    """The item's stance move: the weightiest position on each side of its changes."""
    moves = [c.stance for c in changes if c.position and c.stance]
    if not moves:
        return None
    old = max((m[0] for m in moves), key=STANCE_RANK.__getitem__)
    new = max((m[1] for m in moves), key=STANCE_RANK.__getitem__)
    return {"old": old, "new": new}


def sentence_changes(old: Sequence[Sentence], new: Sequence[Sentence]) -> list[Change]:
    """Inserted, deleted and replaced sentences in reading order; moves are not changes."""
    ops = _sentence_ops([s.key for s in old], [s.key for s in new])
    ops = _drop_moves(ops, old, new)
    changes: list[Change] = []
    run: list[tuple[str, int]] = []
    for op, index in [*ops, ("equal", -1)]:
        if op == "equal":
            if run:
                changes.extend(_run_changes(run, old, new))
            run = []
        else:
            run.append((op, index))
    return changes


def _sentence_ops(old: list[str], new: list[str]) -> list[tuple[str, int]]:
    """diff-match-patch over sentences: ("equal"|"delete"|"insert", index) in order."""
    codes: dict[str, str] = {}
    for key in (*old, *new):
        codes.setdefault(key, chr(0x100 + len(codes)))
    differ = diff_match_patch()
    differ.Diff_Timeout = DIFF_TIMEOUT
    diffs = differ.diff_main("".join(codes[k] for k in old), "".join(codes[k] for k in new), False)
    ops: list[tuple[str, int]] = []
    i = j = 0
    for op, text in diffs:
        for _ in text:
            if op == differ.DIFF_EQUAL:
                ops.append(("equal", j))
                i, j = i + 1, j + 1
            elif op == differ.DIFF_DELETE:
                ops.append(("delete", i))
                i += 1
            else:
                ops.append(("insert", j))
                j += 1
    return ops


def _drop_moves(
    ops: list[tuple[str, int]], old: Sequence[Sentence], new: Sequence[Sentence]
) -> list[tuple[str, int]]:
    """Deleted and inserted copies of the same sentence cancel out: it only moved."""
    deleted = Counter(old[i].key for op, i in ops if op == "delete")
    inserted = Counter(new[j].key for op, j in ops if op == "insert")
    moved = deleted & inserted
    drop_old, drop_new = Counter(moved), Counter(moved)
    kept = []
    for op, index in ops:
        if op == "delete" and drop_old[old[index].key] > 0:
            drop_old[old[index].key] -= 1
        elif op == "insert" and drop_new[new[index].key] > 0:
            drop_new[new[index].key] -= 1
        else:
            kept.append((op, index))
    return kept


def _run_changes(
    run: list[tuple[str, int]], old: Sequence[Sentence], new: Sequence[Sentence]
) -> list[Change]:
    """Changes of one run of deletes and inserts between equal sentences."""
    deletes = [i for op, i in run if op == "delete"]
    inserts = [j for op, j in run if op == "insert"]
    pairs = _pair_sentences([old[i].text for i in deletes], [new[j].text for j in inserts])
    changes = []
    d = n = 0
    for a, b in [*pairs, (len(deletes), len(inserts))]:
        changes += [Change("delete", "body", old[i].text, None) for i in deletes[d:a]]
        changes += [Change("insert", "body", None, new[j].text) for j in inserts[n:b]]
        if a < len(deletes) and b < len(inserts):
            before, after = old[deletes[a]].text, new[inserts[b]].text
            changes.append(Change("replace", "body", before, after, word_diff(before, after)))
        d, n = a + 1, b + 1
    return changes


def _pair_sentences(deleted: list[str], inserted: list[str]) -> list[tuple[int, int]]:
    """Order-keeping pairs of deleted and inserted sentences with the most shared words."""
    if not deleted or not inserted:
        return []
    bags = [Counter(_words(t)) for t in deleted], [Counter(_words(t)) for t in inserted]
    rows, cols = len(deleted), len(inserted)
    best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for a in range(rows - 1, -1, -1):
        for b in range(cols - 1, -1, -1):
            overlap = _dice(bags[0][a], bags[1][b])
            take = best[a + 1][b + 1] + overlap if overlap >= REPLACE_MIN_OVERLAP else -1.0
            best[a][b] = max(take, best[a + 1][b], best[a][b + 1])
    pairs, a, b = [], 0, 0
    while a < rows and b < cols:
        overlap = _dice(bags[0][a], bags[1][b])
        if overlap >= REPLACE_MIN_OVERLAP and best[a][b] == best[a + 1][b + 1] + overlap:
            pairs.append((a, b))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return pairs


def _words(text: str) -> list[str]:
    return _WORD.findall(fingerprint(text).lower())


def _dice(a: Counter[str], b: Counter[str]) -> float:
    total = a.total() + b.total()
    return 2 * (a & b).total() / total if total else 1.0


@lru_cache(maxsize=2048)  # a sentence edit recurs in every diff that spans it
def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """Word-level highlights: ("equal"|"delete"|"insert", text) segments of old → new."""
    old_tokens, new_tokens = _TOKEN.findall(old), _TOKEN.findall(new)
    codes: dict[str, str] = {}
    for token in (*old_tokens, *new_tokens):
        codes.setdefault(_token_key(token), chr(0x100 + len(codes)))
    differ = diff_match_patch()
    differ.Diff_Timeout = DIFF_TIMEOUT
    diffs = differ.diff_main(
        "".join(codes[_token_key(t)] for t in old_tokens),
        "".join(codes[_token_key(t)] for t in new_tokens),
        False,
    )
    segments: list[tuple[str, str]] = []
    i = j = 0
    for op, text in diffs:
        if op == differ.DIFF_EQUAL:
            name, piece = "equal", "".join(new_tokens[j : j + len(text)])
            i, j = i + len(text), j + len(text)
        elif op == differ.DIFF_DELETE:
            name, piece = "delete", "".join(old_tokens[i : i + len(text)])
            i += len(text)
        else:
            name, piece = "insert", "".join(new_tokens[j : j + len(text)])
            j += len(text)
        if segments and segments[-1][0] == name:
            segments[-1] = (name, segments[-1][1] + piece)
        else:
            segments.append((name, piece))
    return tuple(segments)


def _token_key(token: str) -> str:
    token = token.rstrip()
    return token if token.isascii() else fingerprint(token)
