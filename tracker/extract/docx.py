"""Word (.docx) letters → text blocks, from the document's styles, numbering and footnotes.

Two conventions occur in ministries' Word files: Word's own `Title` / `Heading n` styles
with the procedure line as an italic `Normal` paragraph under the item heading, or
headings set as bold (sub-sections italic) `Normal` paragraphs. Both are reported as
the markup states them; the normaliser decides what is a section, part or item.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import field

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import OpcError
from docx.oxml.ns import qn
from docx.styles.style import BaseStyle, StyleFactory
from lxml import etree

from tracker import patterns
from tracker.errors import InputError
from tracker.extract.base import (
    HEADING,
    KIND,
    LI,
    TITLE,
    Block,
    Extracted,
    note_marker,
    strip_notes,
)
from tracker.extract.bounds import MAX_ZIP_TOTAL, check_zip_members
from tracker.records import dataclass

# Refuse packages that would unpack to more than this: a zip bomb, not a letter.
# A bold or italic Normal paragraph longer than this is emphasised text, not a heading.
MAX_HEADING_CHARS = 300
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

# Deleted or moved-away text, field instructions and text boxes are not reading text.
SKIP_TAGS = frozenset(
    qn(t)
    for t in (
        "w:pPr",
        "w:rPr",
        "w:del",
        "w:moveFrom",
        "w:delText",
        "w:instrText",
        "w:txbxContent",
        "w:drawing",
        "w:pict",
        "w:object",
    )
) | {MC_FALLBACK}
BREAK_TAGS = frozenset(qn(t) for t in ("w:br", "w:cr", "w:tab", "w:ptab"))
NOTE_REF_TAGS = frozenset(qn(t) for t in ("w:footnoteReference", "w:endnoteReference"))
# Tags and attributes read for every paragraph or run, qualified once.
W_R, W_T, W_NO_BREAK_HYPHEN, W_ID = qn("w:r"), qn("w:t"), qn("w:noBreakHyphen"), qn("w:id")
W_VAL, W_RPR, W_PPR = qn("w:val"), qn("w:rPr"), qn("w:pPr")
W_VANISH_PATH = f"{W_RPR}/{qn('w:vanish')}"
W_PSTYLE_PATH = f"{W_PPR}/{qn('w:pStyle')}"
W_RSTYLE = qn("w:rStyle")
W_STYLE, W_STYLE_ID = qn("w:style"), qn("w:styleId")
W_TYPE, W_DEFAULT = qn("w:type"), qn("w:default")
STYLE_TYPES = frozenset({"paragraph", "character", "table", "numbering"})  # python-docx's
ON_OFF = frozenset({"1", "0", "true", "false", "on", "off"})
FLAG_TAGS = {"bold": qn("w:b"), "italic": qn("w:i"), "underline": qn("w:u")}
INVISIBLE_RE = patterns.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
SPACE_RE = patterns.compile(r"[\s\u00a0\u2007\u202f]+")
HEADING_NAME_RE = patterns.compile(r"Heading ([1-9])")
# The typed number of an agenda item or sub-item ("1. …", "10. …", "a. …").
ITEM_NUMBER_RE = patterns.compile(r"(\d{1,3}|[a-z])[.)]\s")
BULLET_STYLES = {"o": "circle", "-": "dash", "–": "dash", "—": "dash", "\uf02d": "dash"}
NUMBER_FORMATS = {"decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman"}
ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
BAD_INPUT = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    KeyError,
    ValueError,
    etree.LxmlError,
    OpcError,
)


@dataclass(frozen=True)
class Level:
    """One level of a Word list definition."""

    fmt: str
    text: str
    start: int
    indent: int | None


@dataclass
class Numbering:
    """Word's list definitions (numbering.xml) and the running counters of its lists."""

    nums: dict[str, str] = field(default_factory=dict)  # numId → abstractNumId
    levels: dict[tuple[str, int], Level] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)


class Styles:
    """The document's styles by id, each made into python-docx's style object when first
    asked for: making all of them (a Word template has ~160) costs more than reading the
    letter's paragraphs."""

    def __init__(
        self, elements: dict[str | None, etree._Element], made: dict[str | None, BaseStyle]
    ) -> None:
        self._elements = elements
        self._made = made

    def get(self, style_id: str | None) -> BaseStyle | None:
        """The style with id `style_id`, or None."""
        style = self._made.get(style_id)
        if style is None and style_id in self._elements:
            style = self._made[style_id] = StyleFactory(self._elements[style_id])
        return style


@dataclass
class Walk:
    """State carried from paragraph to paragraph."""

    numbering: Numbering
    styles: Styles
    default_style: str | None
    note_ids: dict[str, int] = field(default_factory=dict)  # w:id → displayed number
    chains: dict[str, list[BaseStyle]] = field(default_factory=dict)  # w:pStyle → its chain
    roles: dict[str, tuple[str, int]] = field(default_factory=dict)  # w:pStyle → outline role
    blocks: list[Block] = field(default_factory=list)
    list_abstract: str = ""


def extract_docx(data: bytes, source: str) -> Extracted:
    """Extract the text blocks and footnotes of a Word letter."""
    _check_package(data, source)
    try:
        document = docx.Document(io.BytesIO(data))
        if document.element.body is None:
            raise InputError(source, "not a readable DOCX file: word/document.xml has no body")
        return _extract(document)
    except BAD_INPUT as exc:
        raise InputError(source, f"not a readable DOCX file: {exc}") from exc


def _check_package(data: bytes, source: str) -> None:
    """Refuse what is plainly not a DOCX before python-docx reads it."""
    if not data:
        raise InputError(source, "empty file, not a DOCX")
    if data.startswith(OLE_MAGIC):
        raise InputError(
            source, "an OLE compound file (an encrypted DOCX or an old .doc), not a DOCX"
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as exc:
        raise InputError(source, f"not a DOCX: not a ZIP package ({exc})") from exc
    names = {info.filename for info in infos}
    if "word/document.xml" not in names:
        raise InputError(source, "not a DOCX: the ZIP package has no word/document.xml")
    if any(info.flag_bits & 0x1 for info in infos):
        raise InputError(source, "not a readable DOCX: the ZIP package is encrypted")
    if sum(info.file_size for info in infos) > MAX_ZIP_TOTAL:
        raise InputError(source, "not a readable DOCX: it unpacks to more than 100 MB")
    try:
        check_zip_members(archive, source)  # by their real size, not the directory's
    except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError) as exc:
        raise InputError(source, f"not a readable DOCX: damaged ZIP package ({exc})") from exc


def _extract(document: Document) -> Extracted:
    """Walk the body's paragraphs, tables included, and collect the notes they cite."""
    numbering = _read_numbering(_related_xml(document, RT.NUMBERING))
    styles, default_style = _read_styles(document)
    walk = Walk(numbering=numbering, styles=styles, default_style=default_style)
    body = document.element.body
    # Paragraphs inside another paragraph are text boxes: letterhead, not reading text.
    for p in body.iter(qn("w:p")):
        if not any(a.tag == qn("w:p") for a in p.iterancestors()):
            _add_paragraph(walk, p)
    return Extracted(format="docx", blocks=tuple(walk.blocks), notes=_notes(document, walk))


def _read_styles(document: Document) -> tuple[Styles, str | None]:
    """The document's styles and the id of its default paragraph style."""
    elements = document.styles.element.findall(W_STYLE)
    if not all(_readable_style(element) for element in elements):
        # python-docx reads (or refuses) odd styles as it always did.
        made = {style.style_id: style for style in document.styles}
        return Styles({}, made), _default_style_id(document)
    # What python-docx's `Styles` and `default()` give for these, read from the XML.
    by_id = {element.get(W_STYLE_ID): element for element in elements}
    defaults = [
        element
        for element in elements
        if element.get(W_TYPE) == "paragraph" and element.get(W_DEFAULT) in ("1", "true", "on")
    ]
    return Styles(by_id, {}), defaults[-1].get(W_STYLE_ID) if defaults else "Normal"


def _readable_style(element: etree._Element) -> bool:
    """Whether python-docx reads the style's type and default flag without an error."""
    kind = element.get(W_TYPE)
    default = element.get(W_DEFAULT)
    return kind in STYLE_TYPES and (kind != "paragraph" or default is None or default in ON_OFF)


def _default_style_id(document: Document) -> str | None:
    """The id of the paragraph style of paragraphs that name none ("Normal")."""
    style = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    return style.style_id if style is not None else "Normal"


def _related_xml(document: Document, reltype: str) -> etree._Element | None:
    """The root of the part the main document relates to by `reltype`, or None."""
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return etree.fromstring(rel.target_part.blob, PARSER)
    return None


# --- numbering -------------------------------------------------------------------


def _read_numbering(root: etree._Element | None) -> Numbering:
    """The list definitions of numbering.xml (empty when the file has none)."""
    numbering = Numbering()
    if root is None:
        return numbering
    for abstract in root.iter(qn("w:abstractNum")):
        abstract_id = abstract.get(qn("w:abstractNumId"), "")
        for lvl in abstract.iter(qn("w:lvl")):
            ilvl = _int(lvl.get(qn("w:ilvl")), 0)
            numbering.levels[(abstract_id, ilvl)] = _read_level(lvl)
    for num in root.iter(qn("w:num")):
        numbering.nums[num.get(qn("w:numId"), "")] = _val(num.find(qn("w:abstractNumId")))
    return numbering


def _read_level(lvl: etree._Element) -> Level:
    """One `w:lvl` of an abstract list definition."""
    ind = lvl.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    return Level(
        fmt=_val(lvl.find(qn("w:numFmt"))) or "decimal",
        text=_val(lvl.find(qn("w:lvlText"))),
        start=_int(_val(lvl.find(qn("w:start"))), 1),
        indent=_indent_of(ind),
    )


def _list_style(level: Level | None) -> str:
    """The Block style of a list level: bullet, circle, dash or number."""
    if level is None:
        return "bullet"
    if level.fmt in NUMBER_FORMATS:
        return "number"
    return BULLET_STYLES.get(level.text.strip(), "bullet")


def _count(numbering: Numbering, abstract_id: str, ilvl: int) -> str:
    """Advance the list's counter at `ilvl` and render the number Word shows."""
    counters = numbering.counters.setdefault(abstract_id, [0] * 9)
    ilvl = min(max(ilvl, 0), 8)
    for deeper in range(ilvl + 1, 9):
        counters[deeper] = 0
    level = numbering.levels.get((abstract_id, ilvl))
    if level is None:
        return ""
    counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else level.start
    if level.fmt not in NUMBER_FORMATS:
        return ""
    return re.sub(r"%([1-9])", lambda m: _format_counter(numbering, abstract_id, m), level.text)


def _format_counter(numbering: Numbering, abstract_id: str, match: re.Match[str]) -> str:
    """One `%n` of a level text, in the number format of level n."""
    ilvl = int(match.group(1)) - 1
    value = max(numbering.counters[abstract_id][ilvl], 1)
    level = numbering.levels.get((abstract_id, ilvl))
    fmt = level.fmt if level else "decimal"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    """`value` as a lower-case Roman numeral."""
    out = ""
    for amount, digits in ROMAN:
        while value >= amount:
            out, value = out + digits, value - amount
    return out


# --- styles ----------------------------------------------------------------------


def _style_chain(walk: Walk, style_id: str | None, default: str | None) -> Iterator[BaseStyle]:
    """The style `style_id` (or the default) and the styles it is based on."""
    style = walk.styles.get(style_id or "") or walk.styles.get(default)
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        yield style
        style = getattr(style, "base_style", None)


def _paragraph_styles(walk: Walk, style_id: str) -> list[BaseStyle]:
    """The chain of paragraph style `style_id`, most specific first (read once per style:
    python-docx's style properties are slow)."""
    chain = walk.chains.get(style_id)
    if chain is None:
        chain = walk.chains[style_id] = list(_style_chain(walk, style_id, walk.default_style))
    return chain


def _outline_role(styles: list[BaseStyle]) -> tuple[str, int]:
    """TITLE or HEADING with its level when a style of the chain says so."""
    for style in styles:
        name = style.name or ""
        if name == "Title":
            return TITLE, 0
        match = HEADING_NAME_RE.fullmatch(name)
        if match:
            level = int(match.group(1))
            return HEADING, level if level <= 3 else 0
    return "", 0


def _is_list_paragraph(styles: list[BaseStyle]) -> bool:
    """Whether the paragraph is set in a list style (List Paragraph, List Continue …)."""
    return any((s.name or "").startswith(("List Paragraph", "List Continue")) for s in styles)


def _style_flag(styles: list[BaseStyle], attr: str) -> bool:
    """The bold/italic a style chain gives its text."""
    for style in styles:
        value = getattr(getattr(style, "font", None), attr, None)
        if value is not None:
            return bool(value)
    return False


def _run_flag(walk: Walk, run: etree._Element, attr: str, para: list[BaseStyle]) -> bool:
    """Whether a run shows bold/italic/underline: direct formatting, then character, then
    paragraph style."""
    rpr = run.find(W_RPR)
    tag = FLAG_TAGS[attr]
    direct = rpr.find(tag) if rpr is not None else None
    if direct is not None:
        return direct.get(W_VAL, "true") not in ("0", "false", "off", "none")
    char_id = _val(rpr.find(W_RSTYLE)) if rpr is not None else ""
    if char_id and _style_flag(list(_style_chain(walk, char_id, "")), attr):
        return True
    return _style_flag(para, attr)


# --- paragraph text ----------------------------------------------------------------


def _pieces(
    walk: Walk, element: etree._Element, run: etree._Element | None
) -> Iterator[tuple[str, etree._Element | None]]:
    """(text, run) in reading order; note markers come with run None."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:
            continue
        if tag == W_R:
            if not _is_hidden(child):
                yield from _pieces(walk, child, child)
        elif tag == W_T:
            yield child.text or "", run
        elif tag in BREAK_TAGS:
            yield " ", run
        elif tag == W_NO_BREAK_HYPHEN:
            yield "-", run
        elif tag in NOTE_REF_TAGS:
            yield _note_marker(walk, tag, child.get(W_ID, "")), None
        else:
            yield from _pieces(walk, child, run)


def _is_hidden(run: etree._Element) -> bool:
    """Whether a run is hidden text (w:vanish), which Word does not show."""
    vanish = run.find(W_VANISH_PATH)
    return vanish is not None and vanish.get(W_VAL, "true") not in ("0", "false", "off")


def _note_marker(walk: Walk, tag: str, note_id: str) -> str:
    """The marker of a note reference, numbered by first reference as Word shows it."""
    key = f"{etree.QName(tag).localname}:{note_id}"
    if key not in walk.note_ids:
        walk.note_ids[key] = len(walk.note_ids) + 1
    return note_marker(walk.note_ids[key])


def fold(text: str) -> str:
    """Reading text: invisible characters dropped, white space folded, stripped."""
    return SPACE_RE.sub(" ", INVISIBLE_RE.sub("", text)).strip()


# --- paragraph roles ----------------------------------------------------------------


def _add_paragraph(walk: Walk, p: etree._Element) -> None:
    """Append the block of paragraph `p`, unless it is empty."""
    pieces = list(_pieces(walk, p, None))
    text = fold("".join(t for t, _ in pieces))
    if not text:
        return
    style_id = _val(p.find(W_PSTYLE_PATH))
    styles = _paragraph_styles(walk, style_id)
    role, level = walk.roles.get(style_id) or walk.roles.setdefault(style_id, _outline_role(styles))
    num = _numbering_of(p, styles)
    if role:
        walk.blocks.append(_outline_block(walk, text, role, level, num))
    elif num is not None:
        walk.blocks.append(_list_item(walk, text, num))
    elif _is_list_paragraph(styles) and _previous(walk, LI):
        walk.blocks.append(_list_continuation(walk, text, p, styles))
    else:
        walk.blocks.append(_normal_block(walk, text, pieces, styles))


def _numbering_of(p: etree._Element, styles: list[BaseStyle]) -> tuple[str, int] | None:
    """(numId, ilvl) of the paragraph's Word numbering, direct or from its style."""
    elements = [p.find(W_PPR)] + [s.element.find(W_PPR) for s in styles]
    for ppr in elements:
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if numpr is None or numpr.find(qn("w:numId")) is None:
            continue
        num_id = _val(numpr.find(qn("w:numId")))
        # numId 0 is Word's way of switching numbering off for this paragraph.
        return None if num_id in ("", "0") else (num_id, _int(_val(numpr.find(qn("w:ilvl"))), 0))
    return None


def _outline_block(
    walk: Walk, text: str, role: str, level: int, num: tuple[str, int] | None
) -> Block:
    """A TITLE or HEADING; a number Word generates for it is put before the text."""
    if num is not None:
        shown = _count(walk.numbering, walk.numbering.nums.get(num[0], ""), num[1])
        text = f"{shown} {text}" if shown else text
    return Block(text=text, role=role, level=level)


def _list_item(walk: Walk, text: str, num: tuple[str, int]) -> Block:
    """A numbered or bulleted paragraph: LI at its list depth."""
    abstract_id = walk.numbering.nums.get(num[0], "")
    _count(walk.numbering, abstract_id, num[1])
    walk.list_abstract = abstract_id
    level = walk.numbering.levels.get((abstract_id, num[1]))
    return Block(text=text, role=LI, level=num[1] + 1, style=_list_style(level))


def _list_continuation(walk: Walk, text: str, p: etree._Element, styles: list[BaseStyle]) -> Block:
    """A later paragraph of a list item: at the depth its indentation lines up with."""
    previous = walk.blocks[-1]
    indent = _paragraph_indent(p, styles)
    depth = previous.level
    if indent is not None:
        depths = [
            ilvl + 1
            for (abstract_id, ilvl), lvl in walk.numbering.levels.items()
            if abstract_id == walk.list_abstract and lvl.indent is not None and lvl.indent <= indent
        ]
        depth = max(depths, default=depth)
    level = walk.numbering.levels.get((walk.list_abstract, depth - 1))
    return Block(text=text, role=LI, level=depth, style=_list_style(level), cont=True)


def _paragraph_indent(p: etree._Element, styles: list[BaseStyle]) -> int | None:
    """The left indent in twips, direct or from the style chain."""
    elements = [p.find(qn("w:pPr"))] + [s.element.find(qn("w:pPr")) for s in styles]
    for ppr in elements:
        indent = _indent_of(ppr.find(qn("w:ind")) if ppr is not None else None)
        if indent is not None:
            return indent
    return None


def _normal_block(
    walk: Walk, text: str, pieces: list[tuple[str, etree._Element | None]], styles: list[BaseStyle]
) -> Block:
    """A paragraph of text; a short all-bold, all-italic or all-underlined one is a heading
    or procedure line."""
    runs = [run for t, run in pieces if run is not None and t.strip()]
    if not runs or len(strip_notes(text)) > MAX_HEADING_CHARS:
        return Block(text=text)
    if all(_run_flag(walk, run, "bold", styles) for run in runs):
        return Block(text=text, role=HEADING, level=1, style="bold")
    if all(_run_flag(walk, run, "italic", styles) for run in runs):
        if _follows_item_heading(walk):
            return Block(text=text, role=KIND)
        return Block(text=text, role=HEADING, level=0, style="italic")
    if all(_run_flag(walk, run, "underline", styles) for run in runs):
        return Block(text=text, role=HEADING, level=0)  # an underlined sub-heading
    return Block(text=text)


def _follows_item_heading(walk: Walk) -> bool:
    """Whether the block before is an agenda item heading: Heading 2/3 or a numbered one."""
    if not _previous(walk, HEADING):
        return False
    previous = walk.blocks[-1]
    return previous.level in (2, 3) or bool(ITEM_NUMBER_RE.match(previous.text))


def _previous(walk: Walk, role: str) -> bool:
    """Whether the last block so far has `role`."""
    return bool(walk.blocks) and walk.blocks[-1].role == role


# --- notes ---------------------------------------------------------------------------


def _notes(document: Document, walk: Walk) -> tuple[tuple[str, str], ...]:
    """(displayed number, text) of every footnote or endnote the body cites."""
    texts = {}
    for reltype, kind in ((RT.FOOTNOTES, "footnote"), (RT.ENDNOTES, "endnote")):
        root = _related_xml(document, reltype)
        if root is not None:
            texts.update(_note_texts(walk, root, kind))
    ordered = sorted(walk.note_ids.items(), key=lambda item: item[1])
    # A reference to a note the notes part lacks keeps its number with an empty text.
    return tuple((str(n), texts.get(key, "")) for key, n in ordered)


def _note_texts(walk: Walk, root: etree._Element, kind: str) -> dict[str, str]:
    """Text of each real note of a footnotes/endnotes part, keyed like `walk.note_ids`."""
    texts = {}
    for note in root.iter(qn(f"w:{kind}")):
        if note.get(qn("w:type"), "normal") != "normal":
            continue  # separator and continuation lines, not notes
        paragraphs = ["".join(t for t, _ in _pieces(walk, p, None)) for p in note.iter(qn("w:p"))]
        key = f"{kind}Reference:{note.get(qn('w:id'), '')}"
        texts[key] = fold(" ".join(paragraphs))
    return texts


# --- small helpers ---------------------------------------------------------------------


def _val(element: etree._Element | None) -> str:
    """The w:val attribute of `element`, or ''."""
    return "" if element is None else element.get(W_VAL, "")


def _int(value: str | None, default: int) -> int:
    """`value` as an int, or `default` when it is missing or not a number."""
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _indent_of(ind: etree._Element | None) -> int | None:
    """The left indent of a w:ind element in twips, or None."""
    if ind is None:
        return None
    value = ind.get(qn("w:left")) or ind.get(qn("w:start"))
    return _int(value, 0) if value is not None else None
