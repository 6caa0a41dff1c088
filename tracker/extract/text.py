"""Plain text of a letter, from a PDF (pdftotext and the like) or copied from a web page.

How its lines go together into blocks is the text's shape (`textshape`). Besides:
- a side column that shares lines with the body text (pdftotext `-layout` of a ministry
  letter) is taken out first (`textcolumn`), then a web page's chrome around the letter,
  the kamerstuk header or a ministry's letterhead, and running feet (`chrome.split_chrome`):
  reported as chrome, the header, letterhead and column as hints;
- a page after the first begins with a line that starts with one space;
- the footnotes of a page stand at its end, each starting with its number, and a
  paragraph may run on across them onto the next page;
- note numbers are glued to the word they follow (`geïnformeerd.10`);
- bullets are U+F0B7 (or •) and `o` for the level below; in spaced text a paragraph
  right under a list item continues the item, in text without blank lines it ends the list;
- what layout cannot tell is known by words (`textwords`): a signer's role line and
  name ("De Minister van …, S.A. Blok") is a signature, a dateline or an addressee line a
  paragraph however short.
"""

from __future__ import annotations

import functools
import re

from tracker import patterns
from tracker.errors import InputError
from tracker.extract.base import HEADING, LI, NOTE_RE, SIGNATURE, Block, Extracted, P, note_marker
from tracker.extract.bounds import check_lines
from tracker.extract.chrome import column_hints, names_letterhead, split_chrome
from tracker.extract.textcolumn import split_side_column
from tracker.extract.textshape import (
    BULLET_RE,
    CLOSERS,
    NUMBERED_HEADING,
    Line,
    Segment,
    ends_sentence,
    join_lines,
    measure,
    segments,
)
from tracker.extract.textwords import CLOSING, PARAGRAPH_LINES, SIGNER, SIGNER_NAME

_NOTE_START = patterns.compile(r"^(\d{1,3})\s+(\S.*)$")
_BARE_NUMBER = patterns.compile(r"\d{1,3}")
_FORM_FEED = patterns.compile(r"\f[ \t]*")
_BULLETS = {
    "\uf0b7": ("bullet", 1),
    "•": ("bullet", 1),
    "▪": ("bullet", 1),
    "●": ("bullet", 1),
    "o": ("circle", 2),
    "◦": ("circle", 2),
    "-": ("dash", 0),
    "–": ("dash", 0),
}
# Three lower-case letters, a sentence's end and a capital: a paragraph, never a heading.
_SENTENCE_BREAK = patterns.compile(r"[^\W\d_A-Z]{3}[.!?] [A-Z]")


def extract_text(data: bytes, source: str) -> Extracted:
    """Read PDF-extracted or web-copied plain text into blocks and footnotes."""
    column = split_side_column(_decode(data, source), names_letterhead)
    letter = split_chrome(_FORM_FEED.sub("\n ", column.text).splitlines())
    pages = _split_pages(list(letter.lines))
    body: list[Line] = []
    notes: list[tuple[str, str]] = []
    for page in pages:
        page_body, page_notes = _split_footnotes(page, len(notes) + 1)
        notes.extend(page_notes)
        body.extend(_page_lines(page_body, first=not body))
    shape = measure(body)
    marked = _mark_note_refs(segments(body, shape), [n for n, _ in notes])
    blocks = tuple(_classify(marked))
    hints = column_hints(column.lines) | letter.hints
    return Extracted("text", blocks, tuple(notes), hints, letter.chrome + column.lines)


def _decode(data: bytes, source: str) -> str:
    """The text, its form feeds (pdftotext's page breaks) kept: once the side column is out,
    a form feed opens a page as a leading space does."""
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-16" if encoding == "utf-16" else "UTF-8"
        raise InputError(
            source, f"text is not valid {name} (byte {exc.start}): wrong encoding?"
        ) from None
    check_lines(text, source)
    return text


def _split_pages(lines: list[str]) -> list[list[str]]:
    """Pages begin at a line that starts with exactly one space (pdftotext layout)."""
    pages: list[list[str]] = [[]]
    for line in lines:
        if line.startswith(" ") and not line.startswith("  ") and line.strip() and pages[-1]:
            pages.append([])
        pages[-1].append(line)
    return pages


def _split_footnotes(page: list[str], expected: int) -> tuple[list[str], list[tuple[str, str]]]:
    """Take the footnote band off the end of a page: notes numbered from `expected`.

    A number alone on a line below the notes is the page's number, not note text.
    """
    start = _footnote_start(page, expected)
    if start is None:
        return page, []
    notes: list[list[str]] = []
    number = expected
    for index in range(start, len(page)):
        line = page[index].strip()
        opened = _note_start(page, index)
        if opened is not None and opened[0] == number:
            notes.append([opened[1]])
            number += 1
        elif line and notes and not _BARE_NUMBER.fullmatch(line):
            notes[-1].append(line)
    numbered = [(str(expected + i), join_lines(parts)) for i, parts in enumerate(notes)]
    return page[:start], numbered


def _footnote_start(page: list[str], expected: int) -> int | None:
    """The last line that starts note `expected` and is cited in the text above it."""
    for index in range(len(page) - 1, 0, -1):
        opened = _note_start(page, index)
        if opened is not None and opened[0] == expected and not page[index].startswith(" "):
            above = "\n".join(line.rstrip() for line in page[:index])
            if _ref_pattern(str(expected), loose=True).search(above):
                return index
    return None


def _note_start(page: list[str], index: int) -> tuple[int, str] | None:
    """(number, text on its line) when the line at `index` opens a footnote: "3 Kamerstukken
    II …", or "3" alone with the note's text on the next line that is not blank."""
    line = page[index].strip()
    match = _NOTE_START.match(line)
    if match:
        return int(match.group(1)), match.group(2).strip()
    if not _BARE_NUMBER.fullmatch(line):
        return None
    below = next((other.strip() for other in page[index + 1 :] if other.strip()), "")
    return (int(line), "") if below and not _BARE_NUMBER.fullmatch(below) else None


@functools.lru_cache(maxsize=256)
def _ref_pattern(number: str, loose: bool = False) -> re.Pattern[str]:
    """A note number glued to the word before it; `loose`: also set apart at a line end.

    Not after a one-letter word: "PD A1", "G7" are names, not words with a note.
    """
    glued = rf"(?<=[^\W\d_]|[.,;:)’”\"'])(?<!\b[A-Z])({number})(?=[\s.,;:)’”]|$)"
    if not loose:
        return patterns.compile(glued, re.MULTILINE)
    return patterns.compile(rf"{glued}|(?<=\s)({number})(?=[ \t]*$)", re.MULTILINE)


def _page_lines(page: list[str], first: bool) -> list[Line]:
    """Body lines of one page; the first line after a page break keeps no blank."""
    out: list[Line] = []
    blank = False
    for line in page:
        if not line.strip():
            blank = bool(out) or first
            continue
        # Keep one trailing space after a line-end hyphen: "wet- en" is not "wet-en".
        text = line.strip() + (" " if re.search(r"-\s+$", line) else "")
        out.append(Line(text, blank_before=blank and bool(out)))
        blank = False
    return out


# --- note references ----------------------------------------------------------------


def _mark_note_refs(segments: list[Segment], numbers: list[str]) -> list[tuple[str, bool]]:
    """Replace glued note numbers by markers, in order: note n is cited after note n-1."""
    out: list[tuple[str, bool]] = []
    pending = list(numbers)
    for segment in segments:
        text = segment.text
        position = 0
        loose = bool(pending) and _looks_like_heading(text)  # markers leave it unchanged
        while pending:
            span = _find_ref(text, pending[0], position, loose)
            if span is None:
                break
            marker = note_marker(pending.pop(0))
            text = text[: span[0]] + marker + text[span[1] :]
            position = span[0] + len(marker)
        out.append((_tidy_marker_space(text), segment.gap))
    return out


def _find_ref(text: str, number: str, start: int, loose: bool) -> tuple[int, int] | None:
    """Where `_ref_pattern(number, loose)` first matches in one line of text from `start`.

    The same test, faster: find the number first, then look at what stands before it.
    """
    for match in _number_at_word_end(number).finditer(text, start):
        at = match.start()
        before = text[at - 1] if at else ""
        if _glued_to(before, text[at - 2] if at > 1 else ""):
            return match.span()
        if loose and before.isspace() and not text[match.end() :].strip(" \t"):
            return match.span()
    return None


@functools.lru_cache(maxsize=256)
def _number_at_word_end(number: str) -> re.Pattern[str]:
    return patterns.compile(re.escape(number) + r"(?=[\s.,;:)’”]|$)")


def _glued_to(before: str, two_before: str) -> bool:
    """Whether a number after `before` is glued to a word: a letter or a closing mark, but
    not a one-letter capital word ("PD A1")."""
    if before and before in ".,;:)’”\"'":
        return True
    if not before.isalpha():
        return False
    return not ("A" <= before <= "Z" and not (two_before.isalnum() or two_before == "_"))


def _tidy_marker_space(text: str) -> str:
    """A note number set apart at a heading's end belongs to the word before it."""
    return re.sub(r"\s+(" + NOTE_RE.pattern + r")\s*$", r"\1", text)


# --- roles --------------------------------------------------------------------------


def _classify(segments: list[tuple[str, bool]]) -> list[Block]:
    """Give each segment its role: list item, signature, heading or paragraph."""
    blocks: list[Block] = []
    list_level = 0
    index = 0
    while index < len(segments):
        text, gap = segments[index]
        index += 1
        bullet = BULLET_RE.match(text)
        if bullet:
            style, level = _BULLETS[bullet.group(1)]
            level = level or (list_level + 1 if list_level else 1)
            blocks.append(Block(text[bullet.end() :], LI, level, style, gap=gap))
            list_level = level
        elif list_level and not gap:
            blocks.append(Block(text, LI, list_level, blocks[-1].style, cont=True, gap=gap))
        else:
            list_level = 0
            below = segments[index][0] if index < len(segments) else None
            block, took_below = _unlisted_block(text, gap, below)
            blocks.append(block)
            index += int(took_below)
    return blocks


def _unlisted_block(text: str, gap: bool, below: str | None) -> tuple[Block, bool]:
    """A signature (taking the name below its role line, then True), heading or paragraph."""
    signer = SIGNER.match(text)
    if signer and signer["name"]:
        return Block(signer["role"], SIGNATURE, gap=gap, name=signer["name"]), False
    if signer and below is not None and SIGNER_NAME.match(below):
        return Block(signer["role"], SIGNATURE, gap=gap, name=below), True
    if CLOSING.match(text) or any(rule.match(text) for rule in PARAGRAPH_LINES):
        return Block(text, P, gap=gap), False
    return Block(text, HEADING if _looks_like_heading(text) else P, gap=gap), False


def _looks_like_heading(text: str) -> bool:
    """Short, not a sentence: no closing punctuation, no sentence ending inside."""
    plain = NOTE_RE.sub("", text).rstrip(CLOSERS + " ")
    if len(plain) > 250 or ends_sentence(text) or _SENTENCE_BREAK.search(plain):
        return False
    return not plain[:1].islower() or bool(NUMBERED_HEADING.match(plain))
