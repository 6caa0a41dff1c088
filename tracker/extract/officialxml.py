"""Official publication XML (`officiele-publicatie`, as served by officielebekendmakingen.nl).

The letter text sits in `kamerstuk/stuk/algemeen/vrije-tekst/tekst`: `<al>` paragraphs,
`<tussenkop>` headings (`kopopmaak` vet = section, cur = sub-section), `<divisie>` with
`<kop><nr/><titel/></kop>` for the agenda (title > part > item > sub-item), footnotes
inline as `<noot>`, lists as `<lijst>/<li>`, signers as `<ondertekening>`. Elements this
module does not know keep their text: inside a paragraph as inline text, at block level
as a paragraph of their own.
"""

from __future__ import annotations

from dataclasses import field
from itertools import zip_longest

from lxml import etree

from tracker import patterns
from tracker.dutch import addressee_from_name
from tracker.errors import InputError
from tracker.records import dataclass

from .base import HEADING, KIND, LI, SIGNATURE, TITLE, Block, Extracted, P, note_marker
from .safexml import clean_text, parse_xml

# Elements that are letter metadata, not reading text.
_SKIP = frozenset(
    {"metadata", "meta", "kamerstukkop", "dossier", "stuknr", "datumtekst", "li.nr", "noot"}
)
# Elements that only group blocks.
_CONTAINERS = frozenset(
    {"algemeen", "vrije-tekst", "tekst", "al-groep", "tekst-sluiting", "aanhef", "wetgeving"}
)
# Elements that head their own numbered section, like a divisie.
_SECTIONS = frozenset(
    {"divisie", "bijlage", "artikel", "hoofdstuk", "afdeling", "paragraaf", "titeldeel"}
)
_BLOCKS = (
    _CONTAINERS
    | _SECTIONS
    | {"al", "tussenkop", "lijst", "li", "ondertekening", "dagtekening", "table", "tabel", "kop"}
)
# Inline children whose text must not glue onto the word before or after them.
_SPACED = frozenset(
    {
        "al",
        "functie",
        "naam",
        "voornaam",
        "achternaam",
        "li",
        "entry",
        "row",
        "titel",
        "nr",
        "label",
    }
)
_METADATA_ROOTS = frozenset({"metadata_gegevens", "owms-metadata", "metadata"})
_ROMAN_RE = patterns.compile(r"[IVXLC]+")
_ISO_DATE_RE = patterns.compile(r"\d{4}-\d{2}-\d{2}")
_RECORD_ID_RE = patterns.compile(
    r"/((?:kst|blg|stcrt|stb|ah-tk|ah-ek)-[A-Za-z0-9-]+)/metadata\.xml"
)
_BULLETS = {"•": "bullet", "\uf0b7": "bullet", "·": "bullet", "▪": "bullet", "■": "bullet"}
_BULLETS |= {"o": "circle", "◦": "circle", "○": "circle"}
_BULLETS |= {"–": "dash", "-": "dash", "—": "dash"}
_LIST_TYPES = {"expliciet": "number", "streepje": "dash", "bullet": "bullet"}


def _tag(el: etree._Element) -> str:
    """The local name of an element; "" for comments and processing instructions."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]  # what etree.QName(el).localname gives, without the object


def _children(el: etree._Element, tag: str) -> list[etree._Element]:
    """The element children of `el` called `tag`."""
    return [child for child in el if _tag(child) == tag]


def _has_block_child(el: etree._Element) -> bool:
    """True when `el` holds blocks rather than running text."""
    return any(_tag(child) in _BLOCKS for child in el)


@dataclass(frozen=True)
class _Ctx:
    """Where the walk is: divisie depth and the depth of the agenda-title divisie (0: none)."""

    depth: int = 0
    base: int = 0


def _nr_level(nr: str) -> int | None:
    """Heading level an agenda number implies: I. part, 1. item, a. sub-item."""
    bare = nr.strip().rstrip(".)")
    if _ROMAN_RE.fullmatch(bare):
        return 1
    if bare.isdigit():
        return 2
    if len(bare) == 1 and bare.islower():
        return 3
    return None


def _divisie_level(nr: str, depth: int, ctx: _Ctx) -> int:
    """Heading level of a divisie: its depth below the agenda title, or what its number says."""
    if ctx.base:
        by_number = _nr_level(nr)
        if by_number is not None:
            return by_number
    return max(1, depth - ctx.base)


def _is_kind_line(el: etree._Element) -> bool:
    """True for `<al><nadruk type="cur">…</nadruk></al>`: an item's procedure line."""
    parts = [child for child in el if _tag(child)]
    if _tag(el) != "al" or len(parts) != 1 or (el.text or "").strip():
        return False
    only = parts[0]
    return _tag(only) == "nadruk" and only.get("type") == "cur" and not (only.tail or "").strip()


def _list_style(li: etree._Element, lijst: etree._Element) -> str:
    """bullet, circle, dash or number, from the item's own marker or the list's type."""
    marker = clean_text("".join(li.findtext("li.nr") or ""))
    if marker in _BULLETS:
        return _BULLETS[marker]
    if marker and (marker[0].isalnum() or marker[0] == "("):
        return "number"
    return _LIST_TYPES.get(lijst.get("type", ""), "bullet")


def _tussenkop_style(el: etree._Element) -> str:
    """bold or italic, from `kopopmaak` or a sole `<nadruk>` child."""
    look = el.get("kopopmaak", "")
    emphasis = [child for child in el if _tag(child) == "nadruk"]
    if not look and len(emphasis) == 1:
        look = emphasis[0].get("type", "")
    return {"vet": "bold", "cur": "italic", "vetcur": "bold"}.get(look, "")


@dataclass
class _Reader:
    """Collects blocks and notes while walking one document."""

    blocks: list[Block] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    note_ids: dict[str, str] = field(default_factory=dict)

    # -- inline text -----------------------------------------------------------

    def text(self, el: etree._Element, skip: frozenset[str] = frozenset()) -> str:
        """The clean reading text of `el`, footnotes as markers."""
        return clean_text(self._inline(el, skip))

    def _inline(self, el: etree._Element, skip: frozenset[str]) -> str:
        """The raw text of `el` and its children, footnotes as markers."""
        parts = [el.text or ""]
        for child in el:
            parts.append(self._inline_child(child, skip))
            parts.append(child.tail or "")
        return "".join(parts)

    def _inline_child(self, child: etree._Element, skip: frozenset[str]) -> str:
        """The text one child contributes to its parent's running text."""
        tag = _tag(child)
        if not tag or tag in skip:
            return ""
        if tag == "noot":
            return self._note(child)
        if tag == "nootref":
            number = self.note_ids.get(child.get("refid", ""))
            return note_marker(number) if number else ""
        if tag == "br":
            return " "
        inner = self._inline(child, skip)
        return f" {inner} " if tag in _SPACED else inner

    def _note(self, noot: etree._Element) -> str:
        """Record a footnote and return its marker."""
        number = clean_text(noot.findtext("noot.nr") or "").rstrip(".)")
        number = number or str(len(self.notes) + 1)
        body = [
            self._inline(part, frozenset()) for part in noot if _tag(part) not in ("", "noot.nr")
        ]
        self.notes.append((number, clean_text(" ".join(body))))
        if noot.get("id"):
            self.note_ids[noot.get("id", "")] = number
        return note_marker(number)

    # -- blocks ----------------------------------------------------------------

    def add(self, text: str, role: str = P, **kwargs: object) -> None:
        """Append a block unless it has no text."""
        if text or kwargs.get("name"):
            self.blocks.append(Block(text=text, role=role, **kwargs))  # type: ignore[arg-type]

    def walk(self, el: etree._Element, ctx: _Ctx) -> None:
        """Read every child of `el` as a block."""
        for child in el:
            self.block(child, ctx)

    def block(self, el: etree._Element, ctx: _Ctx) -> None:
        """Read one block-level element."""
        tag = _tag(el)
        if not tag or tag in _SKIP:
            return
        if tag in _SECTIONS:
            self.section(el, ctx)
        elif tag == "tussenkop":
            self.tussenkop(el, ctx)
        elif tag == "lijst":
            self.lijst(el, 1)
        elif tag == "li":
            self.list_item(el, el, 1)
        elif tag == "ondertekening":
            self.signature(el)
        elif tag in ("table", "tabel"):
            self.table(el)
        elif tag == "kop":
            self.add(self.kop_text(el), HEADING, level=0)
        elif _has_block_child(el):
            self.walk(el, ctx)
        else:
            self.add(self.text(el))

    def tussenkop(self, el: etree._Element, ctx: _Ctx) -> None:
        """A heading in running text: vet = level 1, cur = level 2; unknown inside a divisie."""
        style = _tussenkop_style(el)
        level = {"bold": 1, "italic": 2}.get(style, 0) if ctx.depth == 0 else 0
        self.add(self.text(el), HEADING, level=level, style=style)

    def kop_text(self, kop: etree._Element) -> str:
        """`label nr titel` of a kop, e.g. "I. Justitie"."""
        parts = [self.text(part) for part in kop if _tag(part) in ("label", "nr", "titel")]
        return " ".join(part for part in parts if part) or self.text(kop)

    def section(self, el: etree._Element, ctx: _Ctx) -> None:
        """A divisie (or article, annex): its kop as heading, a procedure line, its blocks."""
        depth = ctx.depth + 1
        inner = _Ctx(depth, ctx.base)
        body = [child for child in el if _tag(child) and _tag(child) != "kop"]
        kop = next(iter(_children(el, "kop")), None)
        if kop is not None:
            nr = self.text(kop.find("nr")) if kop.find("nr") is not None else ""
            text = self.kop_text(kop)
            if not nr and not ctx.base and "agenda" in text.lower():
                self.add(text, TITLE)
                inner = _Ctx(depth, depth)
            else:
                level = _divisie_level(nr, depth, ctx)
                self.add(text, HEADING, level=level)
                if level >= 2 and body and _is_kind_line(body[0]):
                    self.add(self.text(body.pop(0)), KIND)
        for child in body:
            self.block(child, inner)

    def lijst(self, lijst: etree._Element, depth: int) -> None:
        """A list: each item's paragraphs as LI blocks of this depth."""
        for li in _children(lijst, "li"):
            self.list_item(li, lijst, depth)

    def list_item(self, li: etree._Element, lijst: etree._Element, depth: int) -> None:
        """One list item: first paragraph LI, later ones LI cont, nested lists one deeper."""
        style = _list_style(li, lijst)
        first = True
        if not _has_block_child(li):
            self.add(self.text(li, frozenset({"li.nr"})), LI, level=depth, style=style)
            return
        for child in li:
            tag = _tag(child)
            if tag == "lijst":
                self.lijst(child, depth + 1)
            elif tag and tag != "li.nr":
                text = self.text(child)
                self.add(text, LI, level=depth, style=style, cont=not first)
                first = first and not text

    def signature(self, el: etree._Element) -> None:
        """Signers: each `functie` with the `naam` that follows it."""
        roles = [self.text(part) for part in el.iter("functie")]
        names = [self.text(part) for part in el.iter("naam")]
        if not roles and not names:
            self.add(self.text(el), SIGNATURE)
        for role, name in zip_longest(roles, names, fillvalue=""):
            self.add(role, SIGNATURE, name=name)

    def table(self, el: etree._Element) -> None:
        """A table: its caption and each row as a paragraph, cells joined by " | "."""
        for title in _children(el, "title") + _children(el, "titel"):
            self.add(self.text(title))
        rows = [row for row in el.iter() if _tag(row) in ("row", "tr")]
        for row in rows:
            cells = [self.text(cell) for cell in row if _tag(cell)]
            self.add(" | ".join(cell for cell in cells if cell))
        if not rows:
            self.add(self.text(el))


def _meta(root: etree._Element) -> dict[str, str]:
    """The `<meta name content>` pairs of the document, first value of each name."""
    found: dict[str, str] = {}
    for meta in root.iter("meta", "metadata"):
        name, content = meta.get("name"), clean_text(meta.get("content") or "")
        if name and content:
            found.setdefault(name, content)
    return found


def _first_iso_date(root: etree._Element) -> str | None:
    """The date of the dagtekening, else of the datumtekst, as ISO."""
    for path in (".//dagtekening//datum", ".//datumtekst//datum", ".//datum"):
        for datum in root.iterfind(path):
            iso = datum.get("isodatum", "")
            if _ISO_DATE_RE.fullmatch(iso):
                return iso
    return None


def _hints(root: etree._Element) -> dict[str, str]:
    """id, title, date, addressee, dossier from the metadata and the kamerstuk head."""
    meta = _meta(root)
    issued = meta.get("DCTERMS.issued", "")[:10]
    head = " ".join(root.xpath(".//kamerstukkop//text()"))
    dossiernr = "".join((root.findtext(".//dossiernr") or "").split())
    record = _RECORD_ID_RE.search(meta.get("OVERHEIDop.externMetadataRecord", ""))
    found = {
        "id": meta.get("DC.identifier") or (record.group(1) if record else None),
        "title": meta.get("DC.title"),
        "date": issued if _ISO_DATE_RE.fullmatch(issued) else _first_iso_date(root),
        "addressee": addressee_from_name(meta.get("DC.creator") or "")
        or addressee_from_name(head or ""),
        "dossier": meta.get("OVERHEIDop.dossiernummer") or dossiernr or None,
    }
    return {key: value for key, value in found.items() if value}


def _check_letter_text(root: etree._Element, source: str) -> None:
    """Refuse metadata files and XML that is no official publication."""
    if root.find(".//stuk") is not None or root.find(".//tekst") is not None:
        return
    tag = _tag(root)
    if tag in _METADATA_ROOTS or root.find("metadata") is not None:
        raise InputError(source, "official XML without letter text (metadata only)")
    if root.find(".//al") is None:
        raise InputError(source, f"not official publication XML (root element <{tag}>)")


def _read_stuk(reader: _Reader, stuk: etree._Element) -> None:
    """A stuk: its titel as TITLE, then its text."""
    for child in stuk:
        if _tag(child) == "titel":
            reader.add(reader.text(child), TITLE)
        else:
            reader.block(child, _Ctx())


# Skipped elements that are the kamerstuk's head and dateline: reported as chrome.
_HEAD = ("kamerstukkop", "dossier", "stuknr", "datumtekst")


def _chrome(root: etree._Element) -> tuple[str, ...]:
    """The texts of the kamerstuk head the reader leaves out, in document order."""
    found = (
        el for el in root.iter(*_HEAD) if not any(_tag(a) in _HEAD for a in el.iterancestors())
    )
    texts = (clean_text(" ".join(el.itertext())) for el in found)
    return tuple(text for text in texts if text)


def extract_official_xml(data: bytes, source: str) -> Extracted:
    """Blocks, notes and hints of an official publication XML file."""
    root = parse_xml(data, source)
    _check_letter_text(root, source)
    reader = _Reader()
    stukken = list(root.iter("stuk"))
    if stukken:
        for stuk in stukken:
            _read_stuk(reader, stuk)
    else:
        reader.walk(root, _Ctx())
    return Extracted("xml", tuple(reader.blocks), tuple(reader.notes), _hints(root), _chrome(root))
