"""A side column in text that keeps its pages' geometry (pdftotext `-layout`).

A ministry letter repeats its letter data in a column at the right of every page
("Datum", "17 januari 2025", "Kenmerk", "DGA / 94527163"). pdftotext `-layout` sets the
column at its place on the page, so its words share lines with the body text, set off by
a wide gap:

    Het mandaat van EUFOR Althea in Bosnië en Herzegovina loopt in november      Kenmerk
    af en wordt naar verwachting met een jaar verlengd door de VN-               BS2025038812

The column is found by position, page by page: the place where the text after a wide gap
starts, on a line at least, and where lines start in all on `COLUMN_LINES` lines or more,
right of most of the body text. What its lines say (the caller's `is_column`) confirms it:
a table's last column stands at one place too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from tracker import patterns
from tracker.records import dataclass

FORM_FEED = "\f"  # pdftotext's page break
COLUMN_LINES = 3  # lines that start at a column's place on one page, shared ones included
_WIDE_GAP = patterns.compile(r"(?<=\S) {3,}(?=\S)")  # what sets a column apart on a shared line
_BODY_SHARE = 0.6  # a column starts right of this share of the body lines' usual length
_SLACK = 1  # a column's lines start within this many characters of its place


@dataclass(frozen=True)
class SideColumn:
    """Text without its side column, and the column's lines in reading order."""

    text: str
    lines: tuple[str, ...]


def split_side_column(text: str, is_column: Callable[[list[str]], bool]) -> SideColumn:
    """`text` with the side column of each page taken out, where `is_column` confirms it.

    A line the column shares keeps its body text; a line all column goes, not even
    leaving a blank, since the body's lines run on beside it.
    """
    pages: list[str] = []
    column: list[str] = []
    for page in text.split(FORM_FEED):
        lines = page.split("\n")
        start = column_start(lines)
        if start is not None:
            body, side = _split_at(lines, start)
            if is_column(side):
                lines = body
                column += side
        pages.append("\n".join(lines))
    return SideColumn(FORM_FEED.join(pages), tuple(column))


def column_start(lines: Sequence[str]) -> int | None:
    """The character position where a page's side column starts, or None."""
    shared = Counter(gap.end() for line in lines for gap in _WIDE_GAP.finditer(line))
    if not shared:
        return None
    starts = Counter(len(line) - len(line.lstrip(" ")) for line in lines if line.strip())
    body = _usual_length(lines)
    for position, _ in shared.most_common():
        if position < _BODY_SHARE * body:
            continue  # a gap inside the body: a table of letter data, a header
        near = range(position - _SLACK, position + _SLACK + 1)
        if sum(shared[p] + starts[p] for p in near) >= COLUMN_LINES:
            return position
    return None


def _usual_length(lines: Sequence[str]) -> int:
    """The median length of the body's own lines: at the margin, no wide gap."""
    lengths = sorted(
        len(line.rstrip())
        for line in lines
        if line[:1].strip() and not _WIDE_GAP.search(line.rstrip())
    )
    return lengths[len(lengths) // 2] if lengths else 0


def _split_at(lines: Sequence[str], start: int) -> tuple[list[str], list[str]]:
    """(body lines, column lines): each line cut where the column's text starts on it."""
    body: list[str] = []
    side: list[str] = []
    for line in lines:
        cut = _cut(line, start)
        if cut is None:
            body.append(line)
            continue
        side.append(line[cut:].strip())
        if line[:cut].strip():
            body.append(line[:cut].rstrip())
    return body, side


def _cut(line: str, start: int) -> int | None:
    """Where the column's text starts on `line`: near `start`, after a wide gap or
    nothing but spaces; None when the line's text runs on there."""
    for at in range(start - _SLACK, start + _SLACK + 1):
        if 0 < at < len(line) and line[at] != " " and line[at - 1] == " ":
            before = line[:at]
            if not before.strip() or before.endswith("   "):
                return at
    return None
