"""The shape of plain text: how wide its lines wrap, whether blank lines part its blocks,
and which lines go together into one paragraph or heading.

- wrapped: pdftotext cuts lines at a width (fixed, or varying with proportional type), so
  a line that ends short of that width ends its block; text copied from a web page holds
  one paragraph per line;
- spaced: blank lines separate blocks (and a block may still follow the one before on
  the next line, as a paragraph under its heading); or no blank lines at all;
- a new line starts a new paragraph or heading only where the line before could not
  have wrapped, or where the line is a heading of its own: short, ending no sentence,
  with a capital or a bullet (not a wrapped word) on the line after it.
"""

from __future__ import annotations

import re

from tracker import patterns
from tracker.extract.base import NOTE_CLOSE, NOTE_RE
from tracker.extract.textwords import FUNCTION_WORDS, MONTH_AT_END, SENTENCE_OPENERS, own_line
from tracker.records import dataclass

BULLET_RE = patterns.compile(r"^([\uf0b7•▪●◦o\-–])[ \t]+(?=\S)")
NUMBERED_HEADING = patterns.compile(r"^(?:\d{1,2}[.)]|[a-z][.)]|[IVX]{1,5}[.)])\s+\S")
TERMINAL = ".;:!?"
CLOSERS = "\"'”’)»]"
_GLUED_NUMBER = patterns.compile(r"(?<=[^\W\d_]|[.,;:)’”])\d{1,3}(?=[\s.,;:)’”]|$)")
# Text wrapped at a fixed width has no line longer than this; a web page's paragraphs do.
_MAX_WRAPPED_LINE = 160
# A heading runs over at most this many lines.
_HEADING_LINES = 3
# Spaced text has at least one blank line per this many lines.
_LINES_PER_BLANK = 15


@dataclass(frozen=True)
class Line:
    """A body line; `blank_before` when blank lines stood before it."""

    text: str
    blank_before: bool


@dataclass(frozen=True)
class Shape:
    """How a file lays out its text.

    typical  how wide wrapped lines run; `hard` when a text wrapper cut at a fixed column.
    wrapped  lines are wrapped at all; else every line is a paragraph (web-page copy).
    spaced   blank lines separate blocks; else blocks follow each other line by line.
    """

    typical: int
    hard: bool
    wrapped: bool = True
    spaced: bool = True

    def full(self, line: str, next_line: str) -> bool:
        """Whether `line` may have ended because `next_line`'s first word did not fit."""
        if not self.wrapped:
            return False
        if not self.hard:  # proportional type: widths in characters vary around `typical`
            return len(line) >= 0.8 * self.typical
        return self.no_room(line, next_line)

    def no_room(self, line: str, next_line: str) -> bool:
        """Whether `next_line`'s first word would have run past the typical width on `line`."""
        if not self.wrapped:
            return False
        # Slack for glued note numbers: the wrapper may have counted their markers longer.
        slack = 4 * len(_GLUED_NUMBER.findall(line))
        return len(line) + 1 + len(next_line.split(" ", 1)[0]) > self.typical - slack


def measure(lines: list[Line]) -> Shape:
    """Wrap width, whether lines wrap at all, and whether blank lines separate blocks."""
    broken = [
        (line.text, below.text)
        for line, below in zip(lines, lines[1:], strict=False)
        if not below.blank_before and _breaks_off(line.text, below.text)
    ]
    typical, hard = _line_width(lines, broken)
    blanks = sum(1 for line in lines if line.blank_before)
    spaced = blanks > 0 and blanks * _LINES_PER_BLANK >= len(lines)
    return Shape(typical, hard, _is_wrapped(lines, len(broken)), spaced)


def _is_wrapped(lines: list[Line], broken: int) -> bool:
    """Whether lines were cut at a width: some (`broken`) visibly break off mid-sentence.

    Text copied from a web page holds a paragraph per line, so no line is followed by
    the rest of its sentence.
    """
    longest = max((len(line.text) for line in lines), default=0)
    return broken >= 2 or (broken == 1 and longest <= _MAX_WRAPPED_LINE)


def _breaks_off(line: str, below: str) -> bool:
    """Whether `line` stops mid-sentence: it ends on a function word or hyphen, or the
    line below goes on in lower case or with a bracket (a list under "…zijn:" does not)."""
    if len(line) < 20 or line.rstrip().endswith((":", ";")):
        return False
    if BULLET_RE.match(below) or NUMBERED_HEADING.match(below):  # "a. Schengen barometer"
        return False
    return below[:1].islower() or below[:1] == "(" or _wraps_for_sure(line, comma=False)


def _line_width(lines: list[Line], broken: list[tuple[str, str]]) -> tuple[int, bool]:
    """The 90th percentile of line lengths; a fixed right margin if hardly any line passes
    it and every line that surely wrapped (of the `broken` ones, those going on in lower
    case) did so because its next word would have passed it."""
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 20)
    if len(lengths) < 10:
        return max(lengths, default=80), False
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    margin = lengths[int(len(lengths) * 0.98) - 1]
    beyond = sum(1 for n in lengths if n > p90 + 2)
    reached = [
        len(line) + 1 + len(below.split(" ", 1)[0]) > margin
        for line, below in broken
        if below[:1].islower() and not _wraps_for_sure(line)
    ]
    if beyond <= len(lengths) // 50 and sum(reached) >= 0.95 * len(reached):
        return margin, True
    return p90, False


# --- lines into segments ------------------------------------------------------------


@dataclass
class Segment:
    """The lines of one block as read so far; `gap` when it stands apart from the one before."""

    lines: list[str]
    gap: bool

    @property
    def text(self) -> str:
        return join_lines(self.lines)


def segments(lines: list[Line], shape: Shape) -> list[Segment]:
    """Group lines into paragraphs and headings.

    In text without blank lines the spacing is unknown, so every block counts as set
    apart (gap), as blocks of markup formats do.
    """
    out: list[Segment] = []
    for index, line in enumerate(lines):
        current = out[-1] if out else None
        if current is not None and _continues(current, lines, index, shape):
            current.lines.append(line.text)
        else:
            gap = line.blank_before or not out or not shape.spaced
            out.append(Segment([line.text], gap=gap))
    return out


def _continues(segment: Segment, lines: list[Line], index: int, shape: Shape) -> bool:
    """Whether the line at `index` carries on the paragraph or heading in `segment`."""
    line = lines[index]
    before, text = segment.lines[-1], line.text
    if BULLET_RE.match(text) or own_line(before.strip()) or own_line(text.strip()):
        return False
    if text[:4].isdigit() and MONTH_AT_END.search(before.rstrip()):
        return True  # "27 januari" / "2025"
    if line.blank_before:
        # A blank line ends a block unless the line before was cut off mid-phrase.
        # "b) Volgend onderwerp" after a full last line of a paragraph opens a sub-item.
        return _wraps_for_sure(before, comma=False) or (
            shape.full(before, text) and text[:1].islower() and not ends_sentence(before)
        )
    if _wraps_for_sure(before):
        return True
    if not shape.wrapped:
        starts_item = NUMBERED_HEADING.match(text)
        return text[:1].islower() and not ends_sentence(before) and not starts_item
    return _continues_wrapped(segment, lines, index, shape)


def _continues_wrapped(segment: Segment, lines: list[Line], index: int, shape: Shape) -> bool:
    """Whether the line at `index` carries on `segment` in wrapped text, on the next line."""
    before, text = segment.lines[-1], lines[index].text
    full = shape.full(before, text)
    if NUMBERED_HEADING.match(text) and (not full or ends_sentence(before)):
        return False
    if _starts_sentence(text) and not ends_sentence(before):
        return False  # "Op", "De" capitalised only start a sentence: the line before was a heading
    if text[:1].islower():
        return True
    if NUMBERED_HEADING.match(segment.lines[0]) and not BULLET_RE.match(segment.lines[0]):
        return False
    # A sentence ended at the wrap, and a heading follows: the heading is a block.
    return full and not (ends_sentence(before) and _stands_alone(lines, index, shape))


def _stands_alone(lines: list[Line], index: int, shape: Shape) -> bool:
    """Whether the line at `index` opens a heading of its own (wrapped over up to
    `_HEADING_LINES` lines): it ends no sentence, and a new block follows it.

    "Armenië en Azerbeidzjan" over "De HV zal …" is one; "(Kamerstuk 31793, nr. 8)",
    "in Armenië (EUMA)." and a line that ends short of a lower-case next word are not.
    A heading over more than one line must look it more: it opens with no word that
    only opens sentences ("Daarnaast"), and its last line ends well short of the width.
    """
    first = lines[index].text
    if not first[:1].isupper() and not first[:1].isdigit():
        return False
    end = _wrap_end(lines, index, shape)
    if end is None or (end > index and _starts_sentence(first)):
        return False
    last = lines[end].text
    if ends_sentence(last):
        return False
    below = lines[end + 1] if end + 1 < len(lines) else None
    if below is None or below.blank_before:
        return True
    after = below.text
    if BULLET_RE.match(after) or NUMBERED_HEADING.match(after) or own_line(after):
        return True
    if _starts_sentence(after):
        return True  # "De", "Op" open a sentence: `after` cannot carry on the heading
    if after[:1].islower():
        return False
    return not (shape.full(last, after) if end > index else shape.no_room(last, after))


def _wrap_end(lines: list[Line], index: int, shape: Shape) -> int | None:
    """The last line of the heading-sized block that opens at `index`, following the
    lines' wrap; None when the block runs longer than a heading would."""
    end = index
    while end + 1 < len(lines) and not lines[end + 1].blank_before:
        line, below = lines[end].text, lines[end + 1].text
        if BULLET_RE.match(below) or not _wraps_onto(line, below, shape):
            return end
        if end - index + 1 == _HEADING_LINES:
            return None
        end += 1
    return end


def _wraps_onto(line: str, below: str, shape: Shape) -> bool:
    """Whether `line` is cut off and goes on in `below`, as far as its shape tells."""
    if _wraps_for_sure(line) or below[:1].islower():
        return True
    return shape.full(line, below) and not ends_sentence(line)


def _starts_sentence(line: str) -> bool:
    """Whether a line opens with a word that is capitalised only at a sentence start."""
    return line.split(" ", 1)[0] in SENTENCE_OPENERS


def ends_sentence(line: str) -> bool:
    """Whether `line` ends a sentence, glued note numbers and closing quotes aside."""
    tail = line.rstrip(CLOSERS + " ")
    if tail.endswith(tuple(TERMINAL)):
        return True
    if not tail or not (tail[-1].isdigit() or tail[-1] == NOTE_CLOSE):
        return False
    plain = NOTE_RE.sub("", _GLUED_NUMBER.sub("", line))
    return plain.rstrip(CLOSERS + " ").endswith(tuple(TERMINAL))


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
    return last in FUNCTION_WORDS


def join_lines(lines: list[str]) -> str:
    """Join wrapped lines: a hyphen at a line end stays glued to the next word (not to
    "en", "of", "tot" of "wet- en regelgeving", nor to a bracket)."""
    text = ""
    for line in lines:
        if text.endswith("-") and line[:1].isalnum() and not re.match(r"(en|of|tot|en/of)\b", line):
            text += line.strip()
        else:
            text += " " + line.strip()
        text = text.lstrip()
        if line.endswith("- "):
            text += " "
    return re.sub(r"\s+", " ", text).strip()
