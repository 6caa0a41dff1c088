"""PDF letters → text blocks, from pdfium's character positions and font sizes.

The layout is read per character (origin, font size) and per line (font name, right
edge): page headers and footers are dropped by position and repetition, a ministry
letter's side column by its place right of the body text (also where one of its lines
shares a body line's baseline), the footnote band by its smaller font at the foot of
the page, superscript note numbers become note markers, and lines are joined into
paragraphs, headings and list items by vertical space, line fill, indentation and font
style.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any, cast

from tracker import patterns
from tracker.errors import InputError
from tracker.extract import pdfium
from tracker.extract.base import HEADING, KIND, LI, NOTE_RE, TITLE, Block, Extracted, P, note_marker
from tracker.extract.bounds import check_pdf_streams
from tracker.extract.chrome import column_hints, page_furniture
from tracker.records import dataclass

# pdfium writes a line-end hyphen as U+FFFE in text ranges (U+0002 per character),
# whether it belongs to the word or not: join_text decides.
BREAK_HYPHENS = "\ufffe\x02"
SOFT_HYPHEN = "\xad"  # an optional hyphen: never part of the word
# A line's characters as its text shows them: break hyphens as "-", soft hyphens not at all.
VISIBLE = {ord(SOFT_HYPHEN): None} | {ord(h): "-" for h in BREAK_HYPHENS}
SPACES_RE = patterns.compile(r"\s+")  # \s is what str.isspace() calls white space
BULLETS = {"\uf0b7": "bullet", "•": "bullet", "▪": "bullet", "◦": "circle", "o": "circle"}
DASHES = {"-": "dash", "–": "dash"}
# Words that follow a truncated compound: "wet- en regelgeving" keeps its space.
COMPOUND_JOINERS = {"en", "of", "tot", "noch", "dan"}
PAGE_NUMBER_RE = patterns.compile(r"(pagina\s+)?[-–]?\s*\d+\s*([-–]|(van|/)\s*\d+)?", re.IGNORECASE)
ENUMERATOR_RE = patterns.compile(r"([IVX]+|\d+|[a-z])[.)]\s")
NOTE_START_RE = patterns.compile(r"(\d{1,3})\s+(?=\S)")
ERRORS = {
    pdfium.ERR_PASSWORD: "PDF is encrypted (password required)",
    pdfium.ERR_SECURITY: "PDF uses an unsupported security handler",
}
MAX_PAGES = 1000  # a letter has tens of pages
MAX_CHARS = 5_000_000  # characters of text, all pages together (a letter: ~100,000)
BAND = 0.1  # share of the page height at top and bottom where running heads live
SIDE_COLUMN_LINES = 3  # lines at one x right of the body text that make a side column
HEADING_LEADING = 1.15  # most distance, in line pitches, between two lines of one heading


def unchecked(function: Any, restype: type[Any]) -> Callable[..., Any]:
    """A pdfium function without ctypes' per-argument conversion, for the per-character
    reads: that conversion costs twice the call. Callers pass exactly the C types (a
    c_void_p handle, ints, byref pointers), which ctypes then hands over as they are."""
    address = cast(int, ctypes.cast(function, ctypes.c_void_p).value)
    return ctypes.CFUNCTYPE(restype)(address)


# FPDFText_* per character: (text page, index, ...) as in pdfium's fpdf_text.h.
CHAR_ORIGIN = unchecked(pdfium.GetCharOrigin, ctypes.c_int)
CHAR_BOX = unchecked(pdfium.GetCharBox, ctypes.c_int)
FONT_SIZE = unchecked(pdfium.GetFontSize, ctypes.c_double)
FONT_INFO = unchecked(pdfium.GetFontInfo, ctypes.c_ulong)
FONT_WEIGHT = unchecked(pdfium.GetFontWeight, ctypes.c_int)


@dataclass(slots=True)
class Line:
    """One line of a page: its text (note markers included) and its geometry."""

    page: int
    y: float  # baseline
    x0: float  # left edge of the first glyph
    x1: float  # right edge of the last glyph
    size: float  # dominant font size
    text: str
    first_word: float = 0.0  # width of the first word (would it have fit above?)
    style: str = ""  # "bold", "italic" or "" for regular or mixed
    hyphen: str = ""  # "-" when it ends in a break hyphen, SOFT_HYPHEN for a soft one
    bullet: str = ""  # list style of the line's leading marker, if any
    text_x: float = 0.0  # where the text after the marker starts
    # (before, after) at every gap wider than the font size: where a side column's line
    # on the same baseline as a body line would be cut off from it
    cuts: tuple[tuple[Line, Line], ...] = ()


@dataclass(frozen=True)
class Page:
    """The lines of one page, top to bottom, and the page's height."""

    height: float
    lines: list[Line]


@dataclass(frozen=True)
class Layout:
    """What the whole document says about its body text frame."""

    size: float  # body font size
    left: float
    right: float
    pitch: float  # normal distance between two lines of a paragraph
    bullet_levels: tuple[float, ...]  # x of list markers, outermost first
    vocabulary: frozenset[str]


@dataclass
class Draft:
    """Lines that will become one block."""

    lines: list[Line]
    gap: bool
    style: str
    bullet: str = ""
    text: str = ""


def extract_pdf(data: bytes, source: str) -> Extracted:
    """Blocks and footnotes of a PDF letter."""
    pages, furniture = drop_running_heads(read_pages(data, source))
    pages, column = split_side_column(pages)
    size = body_size(line for page in pages for line in page)
    bodies, bands = zip(*(split_footnotes(page, size) for page in pages), strict=True)
    body = [line for page in bodies for line in page]
    layout = measure_layout(body, size)
    drafts = group_lines(body, layout)
    return Extracted(
        format="pdf",
        blocks=tuple(to_blocks(drafts, layout)),
        notes=tuple(parse_notes([line for band in bands for line in band], layout)),
        hints=column_hints(column),
        chrome=furniture + column,
    )


# --- reading characters -------------------------------------------------------------


def read_pages(data: bytes, source: str) -> list[Page]:
    """The lines of every page; InputError for files pdfium cannot read."""
    doc = open_document(data, source)
    try:
        count = pdfium.GetPageCount(doc)
        if count > MAX_PAGES:
            raise InputError(source, f"PDF has {count:,} pages, more than {MAX_PAGES:,}")
        pages: list[Page] = []
        for number in range(count):
            left = MAX_CHARS - sum(len(line.text) for page in pages for line in page.lines)
            pages.append(page_lines(doc, number, left, source))
    except pdfium.PdfiumError as error:
        raise InputError(source, f"damaged PDF page: {error}") from error
    finally:
        pdfium.CloseDocument(doc)
    if not any(page.lines for page in pages):
        raise InputError(source, "PDF has no text layer (scanned?); OCR is not supported")
    return pages


def open_document(data: bytes, source: str) -> pdfium.Handle:
    """The pdfium document of `data` (which must outlive it), or an InputError that says
    why not."""
    if not data.lstrip()[:1024].count(b"%PDF"):
        raise InputError(source, "not a PDF (no %PDF header)")
    check_pdf_streams(data, source)  # before pdfium inflates them
    try:
        return pdfium.open_document(data)
    except pdfium.PdfiumError as error:
        problem = ERRORS.get(error.err_code or 0, f"truncated or damaged PDF ({error})")
        raise InputError(source, problem) from error


def page_lines(
    doc: pdfium.Handle, number: int, max_chars: int = MAX_CHARS, source: str = ""
) -> Page:
    """The lines of one page, top to bottom; InputError when the page has more than
    `max_chars` characters (what the pages before left of MAX_CHARS)."""
    page = pdfium.load_page(doc, number)
    try:
        height = pdfium.GetPageHeightF(page)
        textpage = pdfium.load_textpage(page)
        try:
            if pdfium.CountChars(textpage) > max_chars:
                raise InputError(source, f"PDF has more than {MAX_CHARS:,} characters of text")
            raw = ctypes.c_void_p(textpage)  # the handle unchecked calls take
            rows = split_rows(raw, page_text(textpage))
            lines = [make_line(raw, number, row) for row in rows]
        finally:
            pdfium.TextClosePage(textpage)
    finally:
        pdfium.ClosePage(page)
    lines = [line for line in lines if line.text.strip()]
    return Page(height, sorted(lines, key=lambda line: -line.y))


def page_text(textpage: pdfium.Handle) -> str:
    """All characters of the page, one string position per pdfium character index."""
    count = pdfium.CountChars(textpage)
    text = pdfium.text_range(textpage, count) if count > 0 else ""
    if len(text) != count:  # characters outside the BMP take two positions: go slow
        text = "".join(chr(pdfium.GetUnicode(textpage, i)) for i in range(count))
    return text


Char = tuple[int, str, float, float, float]  # index, text, x, baseline y, font size


def split_rows(raw: object, text: str) -> list[list[Char]]:
    """Characters grouped into lines by baseline; the hot loop, so kept plain.

    Position and size lookups through ctypes are its cost, so a letter inside a word
    takes the position and size of the character before it: only spaces, digits (note
    numbers rise and shrink), the first character after a space, digit or line break
    and the last one before a line break are looked up.
    """
    x, y = ctypes.c_double(), ctypes.c_double()
    px, py = ctypes.byref(x), ctypes.byref(y)
    origin, font_size = CHAR_ORIGIN, FONT_SIZE
    rows: list[list[Char]] = []
    row: list[Char] = []
    last_y, last_size, last_x = 0.0, 0.0, 0.0
    end = len(text) - 1
    previous = "\n"
    for i, ch in enumerate(text):
        if ch == "\r" or ch == "\n":  # pdfium's own line breaks: we split by position
            previous = ch
            continue
        looked_up = not (
            row and ch.isalpha() and previous.isalpha() and i < end and text[i + 1] not in "\r\n"
        )
        previous = ch
        if not looked_up:
            row.append((i, ch, last_x, last_y, last_size))
            continue
        origin(raw, i, px, py)
        if ch == " ":  # its size does not matter (generated ones carry a dummy size)
            row.append((i, ch, x.value, last_y, last_size))
            continue
        size, at = font_size(raw, i), y.value
        # A superscript rises less than half a font size: it stays on its line.
        if row and abs(at - last_y) > 0.5 * (size if size > last_size else last_size):
            rows.append(row)
            row = []
        row.append((i, ch, x.value, at, size))
        last_y, last_size, last_x = at, size, x.value
    if row:
        rows.append(row)
    return rows


def make_line(raw: object, page: int, row: list[Char]) -> Line:
    """A Line from its characters, with the lines it splits into at its wide gaps."""
    row = trimmed(row)
    line = row_line(raw, page, row)
    line.cuts = tuple(
        (make_line(raw, page, row[:at]), row_line(raw, page, row[at:]))
        for at in wide_gaps(row, line.size)
    )
    return line


def trimmed(row: list[Char]) -> list[Char]:
    """The characters without leading and trailing white space."""
    start, end = 0, len(row)
    while end > start and row[end - 1][1].isspace():
        end -= 1
    while start < end and row[start][1].isspace():
        start += 1
    return row[start:end]


def wide_gaps(row: list[Char], size: float) -> list[int]:
    """Indexes of the glyphs that follow white space wider than the font size.

    A space's origin is where the glyph before it ends, so the gap is measured from the
    first space of a run to the glyph after it.
    """
    chars = "".join([c[1] for c in row])
    return [
        run.end()
        for run in SPACES_RE.finditer(chars)
        if run.end() < len(row) and row[run.end()][2] - row[run.start()][2] > size
    ]


def row_line(raw: object, page: int, row: list[Char]) -> Line:
    """A Line from its trimmed characters: note markers, edges, style and list marker."""
    if not row:
        return Line(page, 0.0, 0.0, 0.0, 0.0, "")
    sizes = [c[4] for c in row]
    if sizes.count(sizes[0]) == len(sizes):  # one size: most lines
        size = sizes[0]
    else:
        size = Counter(sizes).most_common(1)[0][0]
    base = next(c[3] for c in row if c[4] == size)
    last = row[-1][1]
    hyphen = "-" if last in BREAK_HYPHENS else SOFT_HYPHEN if last == SOFT_HYPHEN else ""
    text = line_text(row[:-1] if hyphen else row, size, base)
    line = Line(page, base, row[0][2], char_right(raw, row[-1]), size, text, hyphen=hyphen)
    line.first_word = first_word_width(row)
    line.style = line_style(raw, row, size)
    mark_bullet(line, row)
    return line


def line_text(row: list[Char], size: float, base: float) -> str:
    """The line's text with raised digits (smaller, or clearly raised) as note markers."""
    chars = "".join([c[1] for c in row])
    if not any(map(str.isdigit, chars)):  # no note markers: most lines
        return chars.translate(VISIBLE)
    parts: list[str] = []
    digits = ""
    for _, ch, _, y, char_size in row:
        rise = y - base
        if ch.isdigit() and (rise > 0.25 * size or char_size < 0.85 * size and rise > 0.1 * size):
            digits += ch
            continue
        if digits:
            parts.append(note_marker(digits))
            digits = ""
        if ch != SOFT_HYPHEN:  # invisible unless at a line end
            parts.append("-" if ch in BREAK_HYPHENS else ch)
    if digits:
        parts.append(note_marker(digits))
    return "".join(parts)


def char_right(raw: object, char: Char) -> float:
    """The right edge of a character's glyph box."""
    left, right = ctypes.c_double(), ctypes.c_double()
    bottom, top = ctypes.c_double(), ctypes.c_double()
    CHAR_BOX(
        raw,
        char[0],
        ctypes.byref(left),
        ctypes.byref(right),
        ctypes.byref(bottom),
        ctypes.byref(top),
    )
    return max(right.value, char[2])


def first_word_width(row: list[Char]) -> float:
    """Width of the line's first word, up to the space after it."""
    for _, ch, x, _, _ in row:
        if ch.isspace():
            return x - row[0][2]
    return 0.0 if len(row) < 2 else row[-1][2] - row[0][2] + row[-1][4] * 0.6


def line_style(raw: object, row: list[Char], size: float) -> str:
    """Style of a line: "bold"/"italic" if first, middle and last glyph agree, else ""."""
    least = 0.85 * size
    glyphs = [c for c in row if c[4] >= least and not c[1].isspace()]
    if not glyphs:
        return ""
    samples = {glyph_style(raw, c[0]) for c in (glyphs[0], glyphs[len(glyphs) // 2], glyphs[-1])}
    return samples.pop() if len(samples) == 1 else ""


def glyph_style(raw: object, index: int) -> str:
    """Style of one character's font: "bold", "italic" or ""."""
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    FONT_INFO(raw, index, name, ctypes.c_ulong(len(name)), ctypes.byref(flags))
    return font_style(name.value, flags.value & 64, FONT_WEIGHT(raw, index))


@lru_cache(maxsize=256)  # a letter has a few fonts, read for every line
def font_style(name: bytes, italic: int, weight: int) -> str:
    """Style of a font by its name, PDF Italic flag (64) and weight."""
    font = name.decode("latin-1").lower()
    if any(w in font for w in ("bold", "black", "heavy", "semibold")) or weight >= 600:
        return "bold"
    if "italic" in font or "oblique" in font or italic:
        return "italic"
    return ""


def mark_bullet(line: Line, row: list[Char]) -> None:
    """Record a leading list marker ("•", U+F0B7, "o", "-") and strip it from the text."""
    marker = row[0][1]
    style = BULLETS.get(marker) or DASHES.get(marker)
    if not style or len(row) < 2 or not row[1][1].isspace():
        return
    rest = [c for c in row[1:] if not c[1].isspace()]
    if not rest:
        return
    # "o" and "-" also start ordinary lines: only a tab-like gap makes them markers.
    if marker not in "\uf0b7•▪◦" and rest[0][2] - row[0][2] < 1.2 * row[0][4]:
        return
    line.bullet, line.text_x = style, rest[0][2]
    line.text = line.text[1:].lstrip()
    line.first_word = first_word_width([c for c in row if c[2] >= rest[0][2]])


# --- page furniture: running heads and footnotes ------------------------------------


def body_size(lines: Iterable[Line]) -> float:
    """The font size most of the text is set in."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def drop_running_heads(pages: list[Page]) -> tuple[list[list[Line]], tuple[str, ...]]:
    """Pages without page numbers and lines repeated at the same place on other pages.

    Also the texts dropped, in page order: the extractor reports them as chrome.
    """
    repeats = Counter(running_key(line) for page in pages for line in page.lines)
    threshold = max(2, len(pages) // 2)
    small = 0.9 * body_size(line for page in pages for line in page.lines)

    def is_furniture(line: Line, height: float) -> bool:
        if BAND * height < line.y < (1 - BAND) * height:
            return False
        if line.size < small and note_start(line)[0]:
            return False  # footnotes of the same shape on two pages are no running foot
        text = line.text.strip()
        return (
            bool(PAGE_NUMBER_RE.fullmatch(text))
            or repeats[running_key(line)] >= threshold
            or page_furniture(text)
        )

    kept: list[list[Line]] = []
    dropped: list[str] = []
    for page in pages:
        furniture = [is_furniture(line, page.height) for line in page.lines]
        kept.append([line for line, out in zip(page.lines, furniture, strict=True) if not out])
        dropped += [
            fold(NOTE_RE.sub(r"\1", line.text))
            for line, out in zip(page.lines, furniture, strict=True)
            if out
        ]
    return kept, tuple(dropped)


def running_key(line: Line) -> tuple[str, int]:
    """A line's text with digits masked and its rounded height: equal on every page."""
    return re.sub(r"\d+", "#", line.text.strip()), round(line.y)


def split_side_column(pages: list[list[Line]]) -> tuple[list[list[Line]], tuple[str, ...]]:
    """Pages without the column of short lines right of the body text, and its texts.

    A ministry letter repeats its letter data in a column at the right of its pages
    ("Datum", "17 januari 2025", "Kenmerk", …): read in order of height, its lines would
    interleave with the body's. They start at one x beyond the body text's right edge.
    """
    x = side_column_x([line for page in pages for line in page])
    if x is None:
        return pages, ()
    kept: list[list[Line]] = []
    column: list[Line] = []
    for page in pages:
        kept.append([])
        for line in page:
            body, side = split_at(line, x)
            kept[-1] += [body] if body else []
            column += [side] if side else []
    return kept, tuple(fold(NOTE_RE.sub(r"\1", line.text)) for line in column)


def split_at(line: Line, x: float) -> tuple[Line | None, Line | None]:
    """(body part, side column part) of a line, given where the side column starts.

    A column line on the baseline of a body line is read as part of it: it is cut off
    at the gap before the column.
    """
    if abs(line.x0 - x) < 2:
        return None, line
    for before, after in line.cuts:
        if abs(after.x0 - x) < 2:
            return before, after
    return line, None


def side_column_x(lines: list[Line]) -> float | None:
    """Where a side column starts: the x where `SIDE_COLUMN_LINES` lines or more start,
    a font size or more right of the body text, short lines and fewer than the body's
    (a second column of body text is no side column)."""
    size = body_size(lines)
    body = [line for line in lines if abs(line.size - size) < 0.5]
    if not body:
        return None
    left = Counter(round(line.x0) for line in body).most_common(1)[0][0]
    right = max(text_end(line) for line in body if abs(line.x0 - left) < 3)
    starts = lines + [after for line in lines for _, after in line.cuts]
    beyond = Counter(round(line.x0) for line in starts if line.x0 > right + size)
    if not beyond:
        return None
    x, count = beyond.most_common(1)[0]
    column = [line for line in starts if abs(line.x0 - x) < 2]
    short = all(line.x1 - line.x0 < 0.5 * (right - left) for line in column)
    if count < SIDE_COLUMN_LINES or not short or len(column) >= len(body):
        return None
    return min(line.x0 for line in column)


def text_end(line: Line) -> float:
    """Where a line's run of text ends: at its first wide gap, as what follows the gap
    may be another column's line on the same baseline."""
    return line.cuts[0][0].x1 if line.cuts else line.x1


def split_footnotes(page: list[Line], size: float) -> tuple[list[Line], list[Line]]:
    """(body lines, footnote lines): the footnote band is the small print at the foot."""
    start = len(page)
    while start > 0 and page[start - 1].size < 0.9 * size and page[start - 1].text.strip():
        start -= 1
    if start == 0:  # a page all in small print is an annex, not a footnote band
        return page, []
    return page[:start], page[start:]


def parse_notes(lines: list[Line], layout: Layout) -> list[tuple[str, str]]:
    """Footnotes as (number, text); lines without a number of their own continue the last."""
    notes: list[tuple[str, list[Line]]] = []
    for line in lines:
        number, _ = note_start(line)
        if number:
            notes.append((number, [line]))
        elif notes:  # also the run-on of a note from the page before
            notes[-1][1].append(line)
    return [(number, note_text(note, layout)) for number, note in notes]


def note_text(lines: list[Line], layout: Layout) -> str:
    """The joined text of a footnote's lines, without its number."""
    text = note_start(lines[0])[1]
    for before, line in zip(lines, lines[1:], strict=False):
        text = join_text(text, line.text, before.hyphen, layout)
    text = NOTE_RE.sub(r"\1", text)  # notes hold no markers: a raised number stays a number
    return fold(text + ("-" if lines[-1].hyphen == "-" else ""))


def note_start(line: Line) -> tuple[str, str]:
    """(number, rest) when the line opens a footnote, else ("", text)."""
    text = line.text.strip()
    marker = re.match("\ue000(\\d+)\ue001\\s*", text)
    if marker:
        return marker.group(1), text[marker.end() :]
    plain = NOTE_START_RE.match(text)
    if plain:
        return plain.group(1), text[plain.end() :]
    return "", text


# --- layout of the body text --------------------------------------------------------


def measure_layout(body: list[Line], size: float) -> Layout:
    """Margins, line pitch, list indents and vocabulary of the body text."""
    regular = [line for line in body if abs(line.size - size) < 0.5] or body
    left = Counter(round(line.x0) for line in regular).most_common(1)[0][0] if regular else 0
    right = max((text_end(line) for line in regular), default=0.0)
    steps = Counter(
        round(a.y - b.y, 1)
        for a, b in zip(regular, regular[1:], strict=False)
        if a.page == b.page and a.y > b.y
    )
    pitch = steps.most_common(1)[0][0] if steps else size * 1.4
    indents = sorted({round(line.x0) for line in body if line.bullet})
    words = {w.lower() for line in body for w in re.findall(r"[\w-]+", line.text)}
    return Layout(size, left, right, pitch, tuple(indents), frozenset(words))


def group_lines(body: list[Line], layout: Layout) -> list[Draft]:
    """Lines joined into drafts of blocks."""
    drafts: list[Draft] = []
    prev: Line | None = None
    for line in body:
        gap = prev is None or line.page != prev.page or prev.y - line.y > 1.4 * layout.pitch
        if prev is None or gap or starts_block(prev, line, drafts[-1], layout):
            drafts.append(Draft([line], gap, line.style, line.bullet, line.text))
        else:
            draft = drafts[-1]
            draft.text = join_text(draft.text, line.text, draft.lines[-1].hyphen, layout)
            draft.lines.append(line)
        prev = line
    return merge_page_breaks(drafts, layout)


def starts_block(prev: Line, line: Line, draft: Draft, layout: Layout) -> bool:
    """True when `line` cannot continue the draft on the line above it."""
    if line.bullet or line.style != draft.style or abs(line.size - prev.size) > 0.5:
        return True
    if line.style and ENUMERATOR_RE.match(line.text):
        return True  # "a. Schengen barometer" under "2. Algemene toestand …"
    if line.style and prev.y - line.y > HEADING_LEADING * layout.pitch * line.size / layout.size:
        return True  # a heading wraps at the line pitch: a line set further below is its own
    return ended_short(prev, line, layout) or not aligned(line, draft)


def ended_short(prev: Line, line: Line, layout: Layout) -> bool:
    """True when the first word of `line` would have fitted on `prev`: a paragraph end."""
    if prev.hyphen:
        return False
    space = 0.3 * prev.size
    slack = 0.02 * (layout.right - layout.left)
    return prev.x1 + space + line.first_word < layout.right - slack


def aligned(line: Line, draft: Draft) -> bool:
    """True when `line` sits at the indent the draft's continuation lines use."""
    first = draft.lines[0]
    if first.bullet:
        return abs(line.x0 - first.text_x) < 3
    if len(draft.lines) > 1:
        return abs(line.x0 - draft.lines[1].x0) < 3
    return line.x0 <= first.x0 + 3  # a first-line indent is allowed


def merge_page_breaks(drafts: list[Draft], layout: Layout) -> list[Draft]:
    """Join a paragraph that runs on over a page break."""
    merged: list[Draft] = []
    for draft in drafts:
        if merged and runs_on(merged[-1], draft, layout):
            before = merged[-1]
            hyphen = before.lines[-1].hyphen
            before.text = join_text(before.text, draft.text, hyphen, layout)
            before.lines.extend(draft.lines)
        else:
            merged.append(draft)
    return merged


def runs_on(before: Draft, after: Draft, layout: Layout) -> bool:
    """True when `after` opens a page and continues `before`, cut off by the page end."""
    last, first = before.lines[-1], after.lines[0]
    if first.page == last.page or after.bullet or after.style != before.style:
        return False
    if before.style and ENUMERATOR_RE.match(first.text):
        return False
    if not aligned(first, before):
        return False
    # A sentence cut off at the page end goes on in lower case, however short its last line.
    cut_off = first.text[:1].islower() and not before.text.rstrip().endswith(tuple(".!?:;"))
    return cut_off or not ended_short(last, first, layout)


def join_text(text: str, more: str, hyphen: str, layout: Layout) -> str:
    """Two lines joined: a break hyphen kept in compounds, dropped in split words."""
    if not hyphen:
        return f"{text} {more}"
    if hyphen == SOFT_HYPHEN:
        return text + more
    head = re.search(r"[\w-]*$", text).group()  # type: ignore[union-attr]
    tail = re.match(r"[\w-]*", more).group()  # type: ignore[union-attr]
    if tail.lower() in COMPOUND_JOINERS:
        return f"{text}- {more}"  # "wet- en regelgeving"
    joined = (head + tail).lower()
    if joined in layout.vocabulary and f"{head}-{tail}".lower() not in layout.vocabulary:
        return text + more  # the word occurs unbroken elsewhere: a hyphenated word
    return f"{text}-{more}"


# --- blocks -------------------------------------------------------------------------


def to_blocks(drafts: list[Draft], layout: Layout) -> Iterator[Block]:
    """Blocks with roles: headings, procedure lines, list items and paragraphs."""
    prev: Block | None = None
    items: list[tuple[int, float]] = []  # open list items: (level, text indent)
    for index, draft in enumerate(drafts):
        spaced_below = index + 1 == len(drafts) or drafts[index + 1].gap
        block = draft_block(draft, prev, items, layout, spaced_below)
        yield block
        prev = block


def draft_block(
    draft: Draft,
    prev: Block | None,
    items: list[tuple[int, float]],
    layout: Layout,
    spaced_below: bool = True,
) -> Block:
    """The Block of one draft, given the block before it, the open list items and whether
    vertical space follows it."""
    text = fold(draft.text)
    first = draft.lines[0]
    if draft.bullet:
        level = list_level(first, layout)
        del items[level - 1 :]
        items.append((level, first.text_x))
        return Block(text, LI, level=level, style=draft.bullet, gap=draft.gap)
    if draft.style and len(draft.lines) <= 4:
        items.clear()
        return styled_block(draft, text, prev, layout, spaced_below)
    level = continued_item(first, items, layout)
    if level:
        return Block(text, LI, level=level, style="", cont=True, gap=draft.gap)
    items.clear()
    if first.size > 1.15 * layout.size:
        return Block(text, TITLE, gap=draft.gap)
    return Block(text, P, gap=draft.gap)


def styled_block(
    draft: Draft, text: str, prev: Block | None, layout: Layout, spaced_below: bool = True
) -> Block:
    """A heading, a title (larger type) or the procedure line under an item heading.

    An italic line right under a bold heading is its procedure line when space sets it
    off from the text below; set directly over its text, it is a sub-heading.
    """
    if draft.lines[0].size > 1.15 * layout.size:
        return Block(text, TITLE, gap=draft.gap)
    under_heading = prev is not None and prev.role == HEADING and prev.style == "bold"
    one_line = not draft.gap and len(draft.lines) == 1
    if draft.style == "italic" and under_heading and one_line and spaced_below:
        return Block(text, KIND, gap=False)
    return Block(text, HEADING, level=0, style=draft.style, gap=draft.gap)


def list_level(line: Line, layout: Layout) -> int:
    """List depth from the marker's indent: the outermost indent is level 1."""
    indents = layout.bullet_levels
    nearest = min(range(len(indents)), key=lambda i: abs(indents[i] - line.x0), default=0)
    return nearest + 1


def continued_item(line: Line, items: list[tuple[int, float]], layout: Layout) -> int:
    """The level of the open list item whose text indent `line` starts at, or 0."""
    if line.x0 < layout.left + 3:
        return 0
    for level, indent in reversed(items):
        if abs(line.x0 - indent) < 3:
            return level
    return 0


def fold(text: str) -> str:
    """White space folded to single spaces."""
    return " ".join(text.split())
