"""Reading a diff object (`tracker.diff/1`) for the views: tolerant of missing extensions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tracker import naming

Diff = Mapping[str, Any]
Item = Mapping[str, Any]
Change = Mapping[str, Any]
Run = tuple[str, str]

COUNT_KEYS = ("changed", "added", "removed", "moved", "position_changes", "unchanged")
COUNT_LABELS = {"position_changes": "position change"}
STATUS_MARKS = {"changed": "~", "added": "+", "removed": "-", "unchanged": "="}
FIELD_LABELS = {"title": "title", "kind": "procedure", "body": "text"}


def without_trailing_spaces(text: str) -> str:
    """`text` with no white space at the end of any line, ending in one newline."""
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"


def item_head(item: Item) -> Mapping[str, Any]:
    """The item's `new` head, or its `old` one when it was removed."""
    return item.get("new") or item.get("old") or {}


def item_status(item: Item) -> str:
    """The item's status; an item without one is taken as changed."""
    return str(item.get("status") or "changed")


def ref_move(item: Item) -> str:
    """The item's ref, written `old → new` when it moved."""
    old, new = item.get("old") or {}, item.get("new") or {}
    if old.get("ref") and new.get("ref") and old["ref"] != new["ref"]:
        return f"{old['ref']} → {new['ref']}"
    return str(item_head(item).get("ref") or "?")


def stance_move(item: Item) -> tuple[str, str] | None:
    """The item's headline stance move (old, new), or None when its stance held."""
    move = item.get("position_change")
    if move is None and "position_change" not in item:
        move = next((c["stance"] for c in item.get("changes") or () if change_moves(c)), None)
    if not move or move.get("old") == move.get("new"):
        return None
    return str(move.get("old") or "none"), str(move.get("new") or "none")


def change_moves(change: Change) -> bool:
    """Whether a change moves a stance from one value to another."""
    stance = change.get("stance") or {}
    return bool(stance) and stance.get("old") != stance.get("new")


def position_items(diff: Diff) -> list[Item]:
    """The items whose stance moved, in letter order."""
    return [item for item in diff.get("items") or () if stance_move(item)]


def listed_items(diff: Diff) -> list[Item]:
    """The items that are not unchanged, in letter order."""
    return [item for item in diff.get("items") or () if item_status(item) != "unchanged"]


def unchanged_items(diff: Diff) -> list[Item]:
    """The unchanged items, in letter order."""
    return [item for item in diff.get("items") or () if item_status(item) == "unchanged"]


def diff_counts(diff: Diff) -> dict[str, int]:
    """The producer's summary counts, or counts taken from the items when it gave none.

    Position changes are always the items whose stance moved, the ones a view lists: a
    position reworded with the same stance is a change, not a position change.
    """
    items = diff.get("items") or ()
    counted = {key: sum(1 for item in items if item_status(item) == key) for key in COUNT_KEYS}
    counted["moved"] = sum(1 for item in items if item.get("moved"))
    counted.update(diff.get("summary") or {})
    counted["position_changes"] = len(position_items(diff))
    return counted


def has_changes(diff: Diff) -> bool:
    """Whether anything differs between the two letters."""
    return any(diff_counts(diff)[key] for key in COUNT_KEYS if key != "unchanged")


def letters_differ(diff: Diff) -> bool:
    """Whether an item changed, was added or was removed: renumbering alone is no difference."""
    counts = diff_counts(diff)
    return any(counts[key] for key in ("changed", "added", "removed"))


def shown_duplicates(diff: Diff, every: bool = False) -> list[Mapping[str, Any]]:
    """The near-duplicate pairs whose two copies differ, or `every` pair."""
    duplicates = diff.get("duplicates") or ()
    return [dup for dup in duplicates if every or dup.get("changes") != []]


def word_runs(change: Change) -> list[Run]:
    """The change's word-level runs, or whole-sentence runs when the producer gave none."""
    if change.get("words"):
        return [(str(op), str(text)) for op, text in change["words"]]
    runs = [("delete", change.get("old")), ("insert", change.get("new"))]
    return [(op, str(text)) for op, text in runs if text]


def side_runs(change: Change, side: str) -> list[Run]:
    """The runs that make up the `old` or the `new` sentence of a change."""
    dropped = "insert" if side == "old" else "delete"
    return [(op, text) for op, text in word_runs(change) if op != dropped]


def duplicate_refs(dup: Mapping[str, Any]) -> tuple[str, str]:
    """The two refs of a duplicate pair, `?` for any the producer left out."""
    refs = [str(ref) for ref in dup.get("refs") or ()] + ["?", "?"]
    return refs[0], refs[1]


def cue_text(cue: Mapping[str, Any] | None) -> str:
    """The words that decided each stance, quoted: `"niet steunen" → "steunen"`."""
    if not cue:
        return ""
    return " → ".join(f'"{cue[side]}"' for side in ("old", "new") if cue.get(side))


def pair(old: Any, new: Any) -> str:
    """One value when both sides agree, else `old → new`; missing sides are left out."""
    if old == new or not new:
        return str(old or "")
    return f"{old} → {new}" if old else str(new)


def letter_title(letter: Mapping[str, Any]) -> str:
    """A letter as people name it: `JBZ-Raad 8 december 2025 (Tweede Kamer)`."""
    council = letter.get("formation_key") or letter.get("formation") or letter.get("council")
    if not (council or letter.get("meeting") or letter.get("date")):
        return letter_reference(letter)
    return naming.letter_name(
        council, letter.get("meeting"), letter.get("addressee"), letter.get("date")
    )


def letter_reference(letter: Mapping[str, Any]) -> str:
    """How the user named the letter: the file read or the stored id, else its id or `?`."""
    return str(letter.get("source") or letter.get("id") or "?")


def letter_line(letter: Mapping[str, Any]) -> str:
    """A letter in one line: its name, its date where the name has no meeting, the file or id.

    `JBZ-Raad 13 oktober 2025 (Eerste Kamer), brief van 29 september 2025 (oud.xml)`.
    """
    name = letter_title(letter)
    if name == letter_reference(letter):
        return name
    if letter.get("meeting") and letter.get("date"):
        name += f", brief van {naming.dutch_date(letter['date'])}"
    return f"{name} ({letter_reference(letter)})"


def counts_line(diff: Diff) -> str:
    """The summary counts in one line: `6 changed, 1 added, …`."""
    counts = diff_counts(diff)
    return ", ".join(_count(counts[key], COUNT_LABELS.get(key, key)) for key in COUNT_KEYS)


def _count(number: int, label: str) -> str:
    return f"{number} {label}s" if label.endswith("change") and number != 1 else f"{number} {label}"


def unchanged_line(diff: Diff) -> str:
    """One line for the unchanged items, naming the ones that were only renumbered."""
    items = unchanged_items(diff)
    moved = [ref_move(item) for item in items if item.get("moved")]
    line = f"{len(items)} items unchanged"
    return f"{line}; renumbered: {', '.join(moved)}" if moved else line


def item_title(item: Item) -> str:
    """The item's title on its newest side, fit to print on one line."""
    return naming.clean_title(str(item_head(item).get("title") or ""))


def title_of(diff: Diff, side: str, ref: str) -> str:
    """The title of the item with `ref` in the old or the new letter, or ''."""
    for item in diff.get("items") or ():
        head = item.get(side) or {}
        if head.get("ref") == ref:
            return naming.clean_title(str(head.get("title") or ""))
    return ""


def change_label(change: Change) -> str:
    """What a change is about, for plain text: `text`, `procedure`, `position tegen → voor`."""
    stance = change.get("stance")
    if change_moves(change) and stance:
        cue = cue_text(change.get("cue"))
        label = f"position {naming.stance_move(stance.get('old'), stance.get('new'))}"
        return f"{label} ({cue})" if cue else label
    if change.get("position"):
        kept = (stance or {}).get("new") or (stance or {}).get("old")
        return f"position {naming.stance_name(kept)}, reworded" if kept else "position, reworded"
    return FIELD_LABELS.get(str(change.get("field") or "body"), "text")


def status_words(item: Item) -> list[str]:
    """The status of an item and its marks: `changed`, `moved`, `retitled`."""
    marks = [m for m in ("moved", "retitled") if item.get(m) and item_status(item) != "removed"]
    return [item_status(item), *marks]


def duplicate_line(dup: Mapping[str, Any]) -> str:
    """A duplicate pair in one line: side, refs, similarity."""
    first, second = duplicate_refs(dup)
    same = ", same text" if dup.get("changes") == [] else ""
    head = f"{dup.get('side')} letter: {first} and {second}"
    return f"{head} (similarity {float(dup.get('similarity') or 0):.2f}{same})"
