"""Plain text of a letter, from a PDF (pdftotext and the like) or copied from a web page.

Text comes in a few shapes; the reader measures which one a file has (`_Shape`):
- wrapped: pdftotext cuts lines at a fixed width, so a line that ends short of that
  width ends its block; text copied from a web page holds one paragraph per line;
- spaced: blank lines separate blocks (and a block may still follow the one before on
  the next line, as a paragraph under its heading); or no blank lines at all.

Within a file:
- a page after the first begins with a line that starts with one space;
- the footnotes of a page stand at its end, each starting with its number, and a
  paragraph may run on across them onto the next page;
- note numbers are glued to the word they follow (`geïnformeerd.10`);
- a new line starts a new paragraph or heading only where the line before could not
  have wrapped, or where the line is a heading of its own: short, ending no sentence,
  with a capital or a bullet (not a wrapped word) on the line after it;
- bullets are U+F0B7 (or •) and `o` for the level below; in spaced text a paragraph
  right under a list item continues the item, in text without blank lines it ends the list;
- what layout cannot tell is known by words (`LINE_RULES`): a signer's role line and
  name ("De Minister van …, S.A. Blok") is a signature, a dateline or an addressee line a
  paragraph however short, a generic sub-heading ("Achtergrond") a line of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tracker.dutch import MONTHS
from tracker.errors import InputError
from tracker.extract.base import (
    HEADING,
    LI,
    NOTE_RE,
    SIGNATURE,
    Block,
    Extracted,
    P,
    note_marker,
)

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
    "Omdat Conform Volgens Gezien Gelet Naast Binnen Onder Tegen Zonder Vanuit Vanwege Namens "
    "Middels Hiertoe Hierover Daarmee Daartoe Daarover Zo Nu Toch Wanneer Indien Nadat "
    "Voordat Terwijl Zodra Doordat".split()
)
_GLUED_NUMBER = re.compile(r"(?<=[^\W\d_]|[.,;:)’”])\d{1,3}(?=[\s.,;:)’”]|$)")
_CLOSERS = "\"'”’)»]"
# Text wrapped at a fixed width has no line longer than this; a web page's paragraphs do.
_MAX_WRAPPED_LINE = 160
# A heading runs over at most this many lines.
_HEADING_LINES = 3
# Spaced text has at least one blank line per this many lines.
_LINES_PER_BLANK = 15


# --- lines known by their words -----------------------------------------------------


@dataclass(frozen=True)
class LineRule:
    """A kind of line that layout cannot tell apart, known by its words.

    `pattern` must match a whole line (after white space is folded); `examples` are
    lines it must match and `counters` lines it must not, checked by one test.
    """

    name: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counters: tuple[str, ...] = ()

    def match(self, text: str) -> re.Match[str] | None:
        """The match of the whole `text`, or None."""
        return self.pattern.fullmatch(text)


_INITIALS = r"(?:[A-Z][a-z]?\.\s?)+"
_SURNAME = r"[A-Z][a-z][\w'’-]*"
_NAME_WORD = rf"(?:{_SURNAME}|van|de|der|den|ter|ten|te|het|'t|in|op|von|du|la|le)"
# Initials or a first name, then particles and surnames: "S.A. Blok", "Foort van Oosten".
_NAME = rf"(?:{_INITIALS}|{_SURNAME}\s)(?:{_NAME_WORD}\s)*{_SURNAME}"

SIGNER = LineRule(
    "signer: role line ending in a comma, the name after it or on the next line",
    re.compile(
        r"(?P<role>(?:De|Het)\s(?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris)\b"
        rf"[^.;:]*?,)(?:\s(?P<name>{_NAME}))?"
    ),
    (
        "De Minister van Buitenlandse Zaken, S.A. Blok",
        "De Minister van Sociale Zaken en Werkgelegenheid,",
        "De minister van Buitenlandse Zaken, M. J. M. Verhagen",
        "De Minister van Onderwijs, Cultuur en Wetenschap, I.K. van Engelshoven",
        "De Staatssecretaris van Justitie en Veiligheid, M.G.J. Harbers",
    ),
    (
        "De Minister van Buitenlandse Zaken is voornemens deel te nemen.",
        "De Minister van Buitenlandse Zaken zal, zoals gebruikelijk, deelnemen",
        "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN",
    ),
)
SIGNER_NAME = LineRule(
    "signer's name on a line of its own",
    re.compile(_NAME),
    ("E.H. Vermeulen", "Foort van Oosten", "H.G.J. Bruins Slot", "F. C. G. M. Timmermans"),
    ("GEANNOTEERDE AGENDA", "Current affairs", "Stand van zaken", "Bijlage"),
)
SUBHEADING = LineRule(
    "generic sub-heading inside an item or section: a line of its own",
    re.compile(
        r"(?:Achtergrond|Aanleiding|Stand van zaken|Inzet(?: van)?(?: Nederland| het kabinet"
        r"| kabinet)?|Nederlandse inzet|Krachtenveld|Toelichting|Essentie(?: voorstel)?"
        r"|Beoordeling(?: [a-z]+)*|Tijdpad|Vervolg(?:stappen)?|Samenvatting)"
        r"(?: en [a-z]+(?: [a-z]+)*)?"
    ),
    (
        "Achtergrond",
        "Stand van zaken",
        "Inzet Nederland",
        "Achtergrond en terugblik trilogen",
        "Beoordeling voorstel en inzet kabinet",
    ),
    ("Stand van zaken: Herziening mandaat Europese Arbeidsautoriteit (ELA)", "Achtergrondstukken"),
)
PARAGRAPH_LINES = (
    LineRule(
        "dateline",
        re.compile(
            rf"['’\w][\w'’ .-]{{1,30}},\s(?:\w+dag\s)?\d{{1,2}}\s(?:{'|'.join(MONTHS)})\s\d{{4}}"
        ),
        ("Den Haag, 11 maart 2026", "'s-Gravenhage, 2 oktober 2018"),
        ("Raad Buitenlandse Zaken 11 december 2023", "Den Haag, zoals besproken"),
    ),
    LineRule(
        "addressee",
        re.compile(r"Aan\s(?:de\s|het\s)?(?:[Vv]oorzitter|[Ll]eden|[Pp]resident)\b.*"),
        ("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",),
        ("Aanleiding", "Aan de orde is de herziening"),
    ),
)
LINE_RULES = (SIGNER, SIGNER_NAME, SUBHEADING, *PARAGRAPH_LINES)


@dataclass(frozen=True)
class _Line:
    """A body line; `blank_before` when blank lines stood before it."""

    text: str
    blank_before: bool


def extract_text(data: bytes, source: str) -> Extracted:
    """Read PDF-extracted or web-copied plain text into blocks and footnotes."""
    text = _decode(data, source)
    pages = _split_pages(text.splitlines())
    body: list[_Line] = []
    notes: list[tuple[str, str]] = []
    for page in pages:
        page_body, page_notes = _split_footnotes(page, len(notes) + 1)
        notes.extend(page_notes)
        body.extend(_page_lines(page_body, first=not body))
    shape = _measure(body)
    marked = _mark_note_refs(_segments(body, shape), [n for n, _ in notes])
    return Extracted(format="text", blocks=tuple(_classify(marked)), notes=tuple(notes))


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
    """A note number glued to the word before it; `loose`: also set apart at a line end.

    Not after a one-letter word: "PD A1", "G7" are names, not words with a note.
    """
    glued = rf"(?<=[^\W\d_]|[.,;:)’”\"'])(?<!\b[A-Z])({number})(?=[\s.,;:)’”]|$)"
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


# --- the shape of the text ----------------------------------------------------------


@dataclass(frozen=True)
class _Shape:
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
            return len(line) + 1 + len(next_line.split(" ", 1)[0]) >= 0.9 * self.typical
        return self.no_room(line, next_line)

    def no_room(self, line: str, next_line: str) -> bool:
        """Whether `next_line`'s first word would have run past the typical width on `line`."""
        if not self.wrapped:
            return False
        # Slack for glued note numbers: the wrapper may have counted their markers longer.
        slack = 4 * len(_GLUED_NUMBER.findall(line))
        return len(line) + 1 + len(next_line.split(" ", 1)[0]) > self.typical - slack


def _measure(lines: list[_Line]) -> _Shape:
    """Wrap width, whether lines wrap at all, and whether blank lines separate blocks."""
    typical, hard = _line_width(lines)
    blanks = sum(1 for line in lines if line.blank_before)
    spaced = blanks > 0 and blanks * _LINES_PER_BLANK >= len(lines)
    return _Shape(typical, hard, _is_wrapped(lines), spaced)


def _is_wrapped(lines: list[_Line]) -> bool:
    """Whether lines were cut at a width: some visibly break off mid-sentence.

    Text copied from a web page holds a paragraph per line, so no line is followed by
    the rest of its sentence.
    """
    goes_on = sum(
        1
        for line, below in zip(lines, lines[1:], strict=False)
        if not below.blank_before and _breaks_off(line.text, below.text)
    )
    longest = max((len(line.text) for line in lines), default=0)
    return goes_on >= 2 or (goes_on == 1 and longest <= _MAX_WRAPPED_LINE)


def _breaks_off(line: str, below: str) -> bool:
    """Whether `line` stops mid-sentence: it ends on a function word or hyphen, or the
    line below goes on in lower case or with a bracket (a list under "…zijn:" does not)."""
    if len(line) < 20 or line.rstrip().endswith((":", ";")):
        return False
    if _BULLET_RE.match(below) or _NUMBERED_HEADING.match(below):  # "a. Schengen barometer"
        return False
    return below[:1].islower() or below[:1] == "(" or _wraps_for_sure(line, comma=False)


def _line_width(lines: list[_Line]) -> tuple[int, bool]:
    """The 90th percentile of line lengths; a fixed right margin if hardly any line passes
    it and every line that surely wrapped did so because its next word would have passed it."""
    lengths = sorted(len(line.text) for line in lines if len(line.text) >= 20)
    if len(lengths) < 10:
        return max(lengths, default=80), False
    p90 = lengths[int(len(lengths) * 0.9) - 1]
    margin = lengths[int(len(lengths) * 0.98) - 1]
    beyond = sum(1 for n in lengths if n > p90 + 2)
    reached = [n > margin for n in _wrapped_reach(lines)]
    if beyond <= len(lengths) // 50 and sum(reached) >= 0.95 * len(reached):
        return margin, True
    return p90, False


def _wrapped_reach(lines: list[_Line]) -> list[int]:
    """For each line that goes on in lower case below: its length with the next word."""
    return [
        len(line.text) + 1 + len(below.text.split(" ", 1)[0])
        for line, below in zip(lines, lines[1:], strict=False)
        if not below.blank_before
        and _breaks_off(line.text, below.text)
        and below.text[:1].islower()
        and not _wraps_for_sure(line.text)
    ]


# --- lines into segments ------------------------------------------------------------


@dataclass
class _Segment:
    lines: list[str]
    gap: bool

    @property
    def text(self) -> str:
        return _join_lines(self.lines)


def _segments(lines: list[_Line], shape: _Shape) -> list[_Segment]:
    """Group lines into paragraphs and headings.

    In text without blank lines the spacing is unknown, so every block counts as set
    apart (gap), as blocks of markup formats do.
    """
    segments: list[_Segment] = []
    for index, line in enumerate(lines):
        current = segments[-1] if segments else None
        if current is not None and _continues(current, lines, index, shape):
            current.lines.append(line.text)
        else:
            gap = line.blank_before or not segments or not shape.spaced
            segments.append(_Segment([line.text], gap=gap))
    return segments


def _continues(segment: _Segment, lines: list[_Line], index: int, shape: _Shape) -> bool:
    """Whether the line at `index` carries on the paragraph or heading in `segment`."""
    line = lines[index]
    before, text = segment.lines[-1], line.text
    if _BULLET_RE.match(text):
        return False
    if line.blank_before:
        # A blank line ends a block unless the line before was cut off mid-phrase.
        # "b) Volgend onderwerp" after a full last line of a paragraph opens a sub-item.
        return _wraps_for_sure(before, comma=False) or (
            shape.full(before, text) and text[:1].islower() and not _ends_sentence(before)
        )
    if _wraps_for_sure(before):
        return True
    if not shape.wrapped:
        starts_item = _NUMBERED_HEADING.match(text)
        return text[:1].islower() and not _ends_sentence(before) and not starts_item
    return _continues_wrapped(segment, lines, index, shape)


def _continues_wrapped(segment: _Segment, lines: list[_Line], index: int, shape: _Shape) -> bool:
    """Whether the line at `index` carries on `segment` in wrapped text, on the next line."""
    before, text = segment.lines[-1], lines[index].text
    full = shape.full(before, text)
    if _NUMBERED_HEADING.match(text) and (not full or _ends_sentence(before)):
        return False
    if _starts_sentence(text) and not _ends_sentence(before):
        return False  # "Op", "De" capitalised only start a sentence: the line before was a heading
    if text[:1].islower():
        return True
    if _NUMBERED_HEADING.match(segment.lines[0]) and not _BULLET_RE.match(segment.lines[0]):
        return False
    if SUBHEADING.match(text) or (len(segment.lines) == 1 and SUBHEADING.match(before)):
        return False
    # A sentence ended at the wrap, and a heading follows: the heading is a block.
    return full and not (_ends_sentence(before) and _stands_alone(lines, index, shape))


def _stands_alone(lines: list[_Line], index: int, shape: _Shape) -> bool:
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
    if _ends_sentence(last):
        return False
    below = lines[end + 1] if end + 1 < len(lines) else None
    if below is None or below.blank_before:
        return True
    after = below.text
    if _BULLET_RE.match(after) or _NUMBERED_HEADING.match(after) or SUBHEADING.match(after):
        return True
    if _starts_sentence(after):
        return True  # "De", "Op" open a sentence: `after` cannot carry on the heading
    if after[:1].islower():
        return False
    return not (shape.full(last, after) if end > index else shape.no_room(last, after))


def _wrap_end(lines: list[_Line], index: int, shape: _Shape) -> int | None:
    """The last line of the heading-sized block that opens at `index`, following the
    lines' wrap; None when the block runs longer than a heading would."""
    end = index
    while end + 1 < len(lines) and not lines[end + 1].blank_before:
        line, below = lines[end].text, lines[end + 1].text
        if _BULLET_RE.match(below) or not _wraps_onto(line, below, shape):
            return end
        if end - index + 1 == _HEADING_LINES:
            return None
        end += 1
    return end


def _wraps_onto(line: str, below: str, shape: _Shape) -> bool:
    """Whether `line` is cut off and goes on in `below`, as far as its shape tells."""
    if _wraps_for_sure(line) or below[:1].islower():
        return True
    return shape.full(line, below) and not _ends_sentence(line)


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


# --- note references ----------------------------------------------------------------


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


# --- roles --------------------------------------------------------------------------


def _classify(segments: list[tuple[str, bool]]) -> list[Block]:
    """Give each segment its role: list item, signature, heading or paragraph."""
    blocks: list[Block] = []
    list_level = 0
    index = 0
    while index < len(segments):
        text, gap = segments[index]
        index += 1
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
            below = segments[index][0] if index < len(segments) else None
            block, took_below = _unlisted_block(text, gap, below)
            blocks.append(block)
            index += took_below
    return blocks


def _unlisted_block(text: str, gap: bool, below: str | None) -> tuple[Block, bool]:
    """A signature (taking the name below its role line, then True), heading or paragraph."""
    signer = SIGNER.match(text)
    if signer and signer["name"]:
        return Block(signer["role"], SIGNATURE, gap=gap, name=signer["name"]), False
    if signer and below is not None and SIGNER_NAME.match(below):
        return Block(signer["role"], SIGNATURE, gap=gap, name=below), True
    if any(rule.match(text) for rule in PARAGRAPH_LINES):
        return Block(text, P, gap=gap), False
    return Block(text, HEADING if _looks_like_heading(text) else P, gap=gap), False


def _looks_like_heading(text: str) -> bool:
    """Short, not a sentence: no closing punctuation."""
    plain = NOTE_RE.sub("", text).rstrip(_CLOSERS + " ")
    if len(plain) > 250 or plain.endswith(tuple(_TERMINAL)):
        return False
    return not plain[:1].islower() or bool(_NUMBERED_HEADING.match(plain))
