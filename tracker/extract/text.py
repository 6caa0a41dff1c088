"""Plain text, as extracted from a PDF (pdftotext and the like), into blocks.

What the layout of such text says, and how it is read:
- a web page's chrome around the letter, the kamerstuk header and running feet are
  taken out first (`chrome.split_chrome`): reported as chrome, the header as hints;
- a page after the first begins with a line that starts with one space;
- the footnotes of a page stand at its end, each starting with its number, and a
  paragraph may run on across them onto the next page;
- note numbers are glued to the word they follow (`geïnformeerd.10`);
- a blank line separates blocks; inside a block a new line starts a new paragraph
  or heading only where the line before could not have wrapped;
- bullets are U+F0B7 (or •) and `o` for the level below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.errors import InputError
from tracker.extract.base import HEADING, LI, NOTE_RE, Block, Extracted, P, note_marker
from tracker.extract.chrome import split_chrome

_NOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")
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
_BULLET_RE = re.compile(r"^([\uf0b7•▪●◦o\-–])[ \t]+(?=\S)")
_NUMBERED_HEADING = re.compile(r"^(?:\d{1,2}[.)]|[a-z][.)]|[IVX]{1,5}[.)])\s+\S")
_FUNCTION_WORDS = frozenset(
    "de het een en of van voor tot met op in aan te om door bij naar over als der des "
    "die dat is zijn wordt worden ter ten uit".split()
)
_TERMINAL = ".;:!?"
# Function words that are written with a capital only when they open a sentence.
_SENTENCE_OPENERS = frozenset(
    "De Het Een Dit Deze Dat Op In Bij Met Voor Na Naar Om Over Tot Tijdens Door Uit Aan Als "
    "Zoals Daarnaast Daarom Daarbij Hierbij Hiermee Er Ook Wij We Ik Zij Hij Verder Voorts "
    "Tevens Bovendien Tegelijkertijd Vervolgens Inmiddels Momenteel Sinds Ondanks Hoewel "
    "Omdat".split()
)
_GLUED_NUMBER = re.compile(r"(?<=[^\W\d_]|[.,;:)’”])\d{1,3}(?=[\s.,;:)’”]|$)")
_CLOSERS = "\"'”’)»]"


@dataclass(frozen=True)
class _Line:
    """A body line; `blank_before` when blank lines stood before it."""

    text: str
    blank_before: bool


def extract_text(data: bytes, source: str) -> Extracted:
    """Read PDF-extracted plain text into blocks and footnotes."""
    text = _decode(data, source)
    letter = split_chrome(text.splitlines())
    pages = _split_pages(list(letter.lines))
    body: list[_Line] = []
    notes: list[tuple[str, str]] = []
    for page in pages:
        page_body, page_notes = _split_footnotes(page, len(notes) + 1)
        notes.extend(page_notes)
        body.extend(_page_lines(page_body, first=not body))
    width = _line_width(body)
    marked = _mark_note_refs(_segments(body, width), [n for n, _ in notes])
    blocks = tuple(_classify(marked))
    return Extracted("text", blocks, tuple(notes), letter.hints, letter.chrome)


def _decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            source, f"text is not valid UTF-8 (byte {exc.start}): wrong encoding?"
        ) from None


def _split_pages(lines: list[str]) -> list[list[str]]:
    """Pages begin at a line that starts with exactly one space (pdftotext layout)."""
    pages: list[list[str]] = [[]]
    for line in lines:
        if line.startswith(" ") and not line.startswith("  ") and line.strip() and pages[-1]:
            pages.append([])
        pages[-1].append(line)
    return pages


def _split_footnotes(page: list[str], expected: int) -> tuple[list[str], list[tuple[str, str]]]:
    """Take the footnote band off the end of a page: notes numbered from `expected`."""
    start = _footnote_start(page, expected)
    if start is None:
        return page, []
    notes: list[list[str]] = []
    number = expected
    for line in page[start:]:
        match = _NOTE_START.match(line.strip())
        if match and int(match.group(1)) == number:
            notes.append([match.group(2).strip()])
            number += 1
        elif line.strip() and notes:
            notes[-1].append(line.strip())
    numbered = [(str(expected + i), _join_lines(parts)) for i, parts in enumerate(notes)]
    return page[:start], numbered


def _footnote_start(page: list[str], expected: int) -> int | None:
    """The last line that starts note `expected` and is cited in the text above it."""
    for index in range(len(page) - 1, 0, -1):
        match = _NOTE_START.match(page[index].strip())
        if match and int(match.group(1)) == expected and not page[index].startswith(" "):
            above = "\n".join(line.rstrip() for line in page[:index])
            if _ref_pattern(str(expected), loose=True).search(above):
                return index
    return None


def _ref_pattern(number: str, loose: bool = False) -> re.Pattern[str]:
    """A note number glued to the word before it; `loose`: also set apart at a line end."""
    glued = rf"(?<=[^\W\d_]|[.,;:)’”\"'])({number})(?=[\s.,;:)’”]|$)"
    if not loose:
        return re.compile(glued, re.MULTILINE)
    return re.compile(rf"{glued}|(?<=\s)({number})(?=[ \t]*$)", re.MULTILINE)


def _page_lines(page: list[str], first: bool) -> list[_Line]:
    """Body lines of one page; the first line after a page break keeps no blank."""
    out: list[_Line] = []
    blank = False
    for line in page:
        if not line.strip():
            blank = bool(out) or first
            continue
        # Keep one trailing space after a line-end hyphen: "wet- en" is not "wet-en".
        text = line.strip() + (" " if re.search(r"-\s+$", line) else "")
        out.append(_Line(text, blank_before=blank and bool(out)))
        blank = False
    return out


@dataclass(frozen=True)
class _Width:
    """How wide wrapped lines run: `hard` when a text wrapper cut at a fixed column."""

    typical: int
    hard: bool

    def wrapped(self, line: str, next_line: str) -> bool:
        """Whether `line` ended because `next_line`'s first word did not fit."""
        if not self.hard:
            return len(line) >= 0.8 * self.typical
        # Slack for glued note numbers: the wrapper may have counted their markers longer.
        slack = 4 * len(_GLUED_NUMBER.findall(line))
        return len(line) + 1 + len(next_line.split(" ", 1)[0]) > self.typical - slack


def _line_width(lines: list[_Line]) -> _Width:
    """The 90th percentile of line lengths; a fixed right margin if hardly any line passes it."""
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 20)
    if len(lengths) < 10:
        return _Width(max(lengths, default=80), hard=False)
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    beyond = sum(1 for n in lengths if n > p90 + 2)
    if beyond <= len(lengths) // 50:
        return _Width(lengths[int(len(lengths) * 0.98) - 1], hard=True)
    return _Width(p90, hard=False)


@dataclass
class _Segment:
    lines: list[str]
    gap: bool

    @property
    def text(self) -> str:
        return _join_lines(self.lines)


def _segments(lines: list[_Line], width: _Width) -> list[_Segment]:
    """Group lines into paragraphs and headings."""
    segments: list[_Segment] = []
    for line in lines:
        current = segments[-1] if segments else None
        if current is not None and _continues(current, line, width):
            current.lines.append(line.text)
        else:
            segments.append(_Segment([line.text], gap=line.blank_before or not segments))
    return segments


def _continues(segment: _Segment, line: _Line, width: _Width) -> bool:
    """Whether `line` carries on the paragraph or heading in `segment`."""
    before, text = segment.lines[-1], line.text
    if _BULLET_RE.match(text):
        return False
    full = width.wrapped(before, text)
    if line.blank_before:
        # A blank line ends a block unless the line before was cut off mid-phrase.
        # "b) Volgend onderwerp" after a full last line of a paragraph opens a sub-item.
        return _wraps_for_sure(before, comma=False) or (
            full and text[:1].islower() and not _ends_sentence(before)
        )
    if _wraps_for_sure(before):
        return True
    if _NUMBERED_HEADING.match(text) and not full:
        return False
    if _starts_sentence(text) and not _ends_sentence(before):
        return False  # "Op", "De" capitalised only start a sentence: the line before was a heading
    if text[:1].islower():
        return True
    if _NUMBERED_HEADING.match(segment.lines[0]) and not _BULLET_RE.match(segment.lines[0]):
        return False
    return full


def _starts_sentence(line: str) -> bool:
    """Whether a line opens with a word that is capitalised only at a sentence start."""
    return line.split(" ", 1)[0] in _SENTENCE_OPENERS


def _ends_sentence(line: str) -> bool:
    return (
        NOTE_RE.sub("", _GLUED_NUMBER.sub("", line))
        .rstrip(_CLOSERS + " ")
        .endswith(tuple(_TERMINAL))
    )


def _wraps_for_sure(line: str, comma: bool = True) -> bool:
    """A line ending in a function word, comma, hyphen or open bracket goes on."""
    stripped = line.rstrip()
    if (
        stripped.endswith(("-", "("))
        or (comma and stripped.endswith(","))
        or stripped.count("(") > stripped.count(")")
    ):
        return True
    last = stripped.rsplit(" ", 1)[-1].lower()
    return last in _FUNCTION_WORDS


def _join_lines(lines: list[str]) -> str:
    """Join wrapped lines: a hyphen at a line end stays glued to the next word."""
    text = ""
    for line in lines:
        if text.endswith("-") and not re.match(r"(en|of|tot|en/of)\b", line):
            text += line.strip()
        else:
            text += " " + line.strip()
        text = text.lstrip()
        if line.endswith("- "):
            text += " "
    return re.sub(r"\s+", " ", text).strip()


def _mark_note_refs(segments: list[_Segment], numbers: list[str]) -> list[tuple[str, bool]]:
    """Replace glued note numbers by markers, in order: note n is cited after note n-1."""
    out: list[tuple[str, bool]] = []
    pending = list(numbers)
    for segment in segments:
        text = segment.text
        position = 0
        while pending:
            loose = _looks_like_heading(text)
            match = _ref_pattern(pending[0], loose).search(text, position)
            if match is None:
                break
            marker = note_marker(pending.pop(0))
            text = text[: match.start()] + marker + text[match.end() :]
            position = match.start() + len(marker)
        out.append((_tidy_marker_space(text), segment.gap))
    return out


def _tidy_marker_space(text: str) -> str:
    """A note number set apart at a heading's end belongs to the word before it."""
    return re.sub(r"\s+(" + NOTE_RE.pattern + r")\s*$", r"\1", text)


def _classify(segments: list[tuple[str, bool]]) -> list[Block]:
    """Give each segment its role: list item, heading or paragraph."""
    blocks: list[Block] = []
    list_level = 0
    for text, gap in segments:
        bullet = _BULLET_RE.match(text)
        if bullet:
            style, level = _BULLETS[bullet.group(1)]
            level = level or (list_level + 1 if list_level else 1)
            blocks.append(Block(text[bullet.end() :], LI, level, style, gap=gap))
            list_level = level
        elif list_level and not gap:
            blocks.append(Block(text, LI, list_level, blocks[-1].style, cont=True, gap=gap))
        else:
            list_level = 0
            role = HEADING if _looks_like_heading(text) else P
            blocks.append(Block(text, role, gap=gap))
    return blocks


def _looks_like_heading(text: str) -> bool:
    """Short, not a sentence: no closing punctuation."""
    plain = NOTE_RE.sub("", text).rstrip(_CLOSERS + " ")
    if len(plain) > 250 or plain.endswith(tuple(_TERMINAL)):
        return False
    return not plain[:1].islower() or bool(_NUMBERED_HEADING.match(plain))
