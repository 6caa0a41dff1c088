"""The diff as JSON and as plain text in the spirit of a unified diff, for scripts and mail."""

from __future__ import annotations

import json
from collections.abc import Iterator

from tracker.naming import stance_move as stance_words
from tracker.views.reading import (
    STATUS_MARKS,
    Change,
    Diff,
    Item,
    change_label,
    counts_line,
    duplicate_line,
    has_changes,
    item_head,
    item_status,
    item_title,
    letter_line,
    listed_items,
    position_items,
    ref_move,
    shown_duplicates,
    stance_move,
    status_words,
    unchanged_items,
    unchanged_line,
    without_trailing_spaces,
)


def format_json(diff: Diff) -> str:
    """The diff object as indented JSON, non-ASCII kept."""
    return json.dumps(diff, ensure_ascii=False, indent=2) + "\n"


def format_unified(diff: Diff, all_duplicates: bool = False) -> str:
    """Plain text in the spirit of a unified diff, for scripts and mail; near-duplicates
    only where their copies differ, unless `all_duplicates`. No line ends in a space."""
    return without_trailing_spaces("\n".join(_unified_lines(diff, all_duplicates)))


def _unified_lines(diff: Diff, all_duplicates: bool) -> Iterator[str]:
    yield f"--- {letter_line(diff.get('old') or {})}"
    yield f"+++ {letter_line(diff.get('new') or {})}"
    yield f"Summary: {counts_line(diff)}"
    if not has_changes(diff):
        yield ""
        yield "No changes: the two letters say the same."
    moves = position_items(diff)
    if moves:
        yield ""
        yield "Position changes:"
        yield from (f"  {_move_line(item)}" for item in moves)
    for item in listed_items(diff):
        yield ""
        yield from _unified_item(item)
    if unchanged_items(diff):
        yield ""
        yield unchanged_line(diff) + "."
    yield from _unified_duplicates(diff, all_duplicates)


def _move_line(item: Item) -> str:
    old, new = stance_move(item) or ("none", "none")
    return f"{item_head(item).get('ref')} {item_title(item)} — {stance_words(old, new)}"


def _unified_item(item: Item) -> Iterator[str]:
    mark = STATUS_MARKS.get(item_status(item), "~")
    marks = status_words(item)
    extra = f" ({', '.join(marks[1:])})" if marks[1:] else ""
    yield f"{mark} {marks[0]} {ref_move(item)}{extra}: {item_title(item)}"
    for change in item.get("changes") or ():
        yield from _unified_change(change)


def _unified_change(change: Change) -> Iterator[str]:
    label = change_label(change)
    if label:
        yield f"  {label}:"
    if change.get("old") is not None:
        yield f"  - {change['old']}"
    if change.get("new") is not None:
        yield f"  + {change['new']}"


def _unified_duplicates(diff: Diff, every: bool) -> Iterator[str]:
    duplicates = shown_duplicates(diff, every)
    if duplicates:
        yield ""
        yield "Near-duplicate items within a letter:"
    for dup in duplicates:
        yield f"= {duplicate_line(dup)}"
        for change in dup.get("changes") or ():
            yield from _unified_change(change)
