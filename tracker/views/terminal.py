"""The terminal view of a diff through rich: item by item, word-level highlights."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tracker.naming import dutch_date, stance_name
from tracker.views.reading import (
    STATUS_MARKS,
    Change,
    Diff,
    Item,
    Run,
    change_label,
    change_moves,
    counts_line,
    duplicate_line,
    has_changes,
    item_head,
    item_status,
    item_title,
    letter_reference,
    letter_title,
    listed_items,
    pair,
    position_items,
    ref_move,
    shown_duplicates,
    side_runs,
    stance_move,
    status_words,
    unchanged_items,
    unchanged_line,
    without_trailing_spaces,
)

UNWRAPPED = 10_000
STATUS_STYLES = {"changed": "yellow", "added": "green", "removed": "red", "unchanged": "dim"}
RUN_STYLES = {"delete": "red strike", "insert": "green underline", "equal": ""}


def format_text(diff: Diff, width: int | None = None, all_duplicates: bool = False) -> str:
    """The terminal view as plain text without trailing spaces; `width` wraps lines, None
    keeps one line a sentence."""
    console = Console(
        file=io.StringIO(), record=True, width=width or UNWRAPPED, no_color=True, color_system=None
    )
    print_text(diff, console, all_duplicates)
    return without_trailing_spaces(console.export_text(styles=False))


def print_text(diff: Diff, console: Console, all_duplicates: bool = False) -> None:
    """Print the terminal view of a diff to `console`."""
    for renderable in text_renderables(diff, all_duplicates):
        console.print(renderable)


def text_renderables(diff: Diff, all_duplicates: bool = False) -> Iterator[RenderableType]:
    """The blocks of the terminal view, top to bottom; near-duplicates only where their
    copies differ, unless `all_duplicates`."""
    yield _text_header(diff)
    if not has_changes(diff):
        yield Text("\nNo changes: the two letters say the same.", style="bold")
    moves = position_items(diff)
    if moves:
        yield Text("\nPosition changes", style="bold underline")
        yield Padding(_text_moves(moves), (0, 0, 0, 2))
    for item in listed_items(diff):
        yield Text("")
        yield _text_item(item)
    if unchanged_items(diff):
        yield Text("\n" + unchanged_line(diff), style="dim")
    yield from _text_duplicates(diff, all_duplicates)


def _text_header(diff: Diff) -> RenderableType:
    old, new = diff.get("old") or {}, diff.get("new") or {}
    title = Text(pair(letter_title(old), letter_title(new)), style="bold")
    grid = Table.grid(padding=(0, 2))
    grid.add_row(Text("letter"), Text(pair(letter_reference(old), letter_reference(new))))
    for key in ("date", "place"):
        if old.get(key) or new.get(key):
            values = (dutch_date(side[key]) if side.get(key) else None for side in (old, new))
            grid.add_row(Text(key), Text(pair(*values)))
    counts = Text(counts_line(diff).replace(", ", " · "), style="bold")
    return Group(title, Padding(grid, (0, 0, 0, 2)), counts)


def _text_moves(items: Sequence[Item]) -> RenderableType:
    grid = Table.grid(padding=(0, 2))
    for item in items:
        old, new = stance_move(item) or ("none", "none")
        move = Text.assemble((stance_name(old), "red"), " → ", (stance_name(new), "green bold"))
        ref = Text(str(item_head(item).get("ref")), style="bold")
        grid.add_row(ref, Text(item_title(item)), move)
    return grid


def _text_item(item: Item) -> RenderableType:
    status = item_status(item)
    style = STATUS_STYLES.get(status, "")
    heading = Table.grid(padding=(0, 2))
    heading.add_column(no_wrap=True)
    heading.add_column()
    mark = f"{STATUS_MARKS.get(status, '~')} {ref_move(item)}"
    heading.add_row(Text(mark, style=f"bold {style}"), Text(item_title(item), style="bold"))
    marks = [*status_words(item), *_similarity(item)]
    lines: list[RenderableType] = [heading, Text("  " + " · ".join(marks), style=style)]
    for change in item.get("changes") or ():
        lines.extend(_text_change(change))
    return Group(*lines)


def _similarity(item: Item) -> list[str]:
    if item_status(item) != "changed" or item.get("similarity") is None:
        return []
    return [f"similarity {float(item['similarity']):.2f}"]


def _text_change(change: Change) -> Iterator[RenderableType]:
    label = change_label(change)
    if label:
        yield Text("  " + label, style="bold magenta" if change_moves(change) else "bold")
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for side, mark, style in (("old", "-", "red"), ("new", "+", "green")):
        if change.get(side) is not None:
            grid.add_row(Text(mark, style=style), _styled_runs(side_runs(change, side)))
    yield Padding(grid, (0, 0, 0, 4))


def _styled_runs(runs: Iterable[Run]) -> Text:
    return Text.assemble(*((text, RUN_STYLES.get(op, "")) for op, text in runs))


def _text_duplicates(diff: Diff, every: bool) -> Iterator[RenderableType]:
    duplicates = shown_duplicates(diff, every)
    if duplicates:
        yield Text("\nNear-duplicate items within a letter", style="bold underline")
    for dup in duplicates:
        yield Text("= " + duplicate_line(dup))
        for change in dup.get("changes") or ():
            yield from _text_change(change)
