"""The canonical letter XML (`tracker.agenda/1`): write it, read it back, validate it."""

from __future__ import annotations

from functools import cache
from importlib import resources

from lxml import etree

from tracker.errors import InputError
from tracker.extract.base import NOTE_OPEN, NOTE_RE, note_marker
from tracker.models import (
    Block,
    Council,
    Item,
    Letter,
    ListBlock,
    Meta,
    Para,
    Part,
    Section,
    Signer,
    Subheading,
)
from tracker.sentences import split_sentences

SCHEMA = "tracker.agenda/1"


def letter_to_xml(letter: Letter) -> etree._Element:
    """The canonical XML element of a letter."""
    root = etree.Element("letter", schema=SCHEMA, id=letter.id, format=letter.format)
    root.set("sha256", letter.sha256)
    root.set("source", letter.source)
    root.append(_meta(letter.meta))
    root.append(_cover(letter))
    root.append(_agenda(letter))
    notes = etree.SubElement(root, "notes")
    for number, text in letter.notes:
        _text(etree.SubElement(notes, "note", n=number), text)
    return root


def render_letter(letter: Letter) -> bytes:
    """The canonical XML document of a letter, validated against the shipped schema."""
    root = letter_to_xml(letter)
    validate(root, letter.source)
    _indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _indent(root: etree._Element) -> None:
    """Indent the structure for readable, git-friendly snapshots; never inside text."""
    etree.indent(root, space="  ")
    for paragraph in root.iter("p"):
        paragraph.text = None
        for sentence in paragraph:
            sentence.tail = " "
        if len(paragraph):
            paragraph[-1].tail = None
    for ref in root.iter("noteref"):  # a note at the end of a title or sentence: no indent
        if ref.tail is not None and not ref.tail.strip():
            ref.tail = None


def _meta(meta: Meta) -> etree._Element:
    element = etree.Element("meta")
    for name in ("title", "date", "addressee"):
        value = getattr(meta, name)
        if value:
            etree.SubElement(element, name).text = value
    council = etree.SubElement(element, "council")
    for name in ("formation", "start", "end", "place", "key", "label"):
        value = getattr(meta.council, name)
        if value:
            council.set(name, value)
    if meta.council.informal:
        council.set("informal", "true")
    return element


def _cover(letter: Letter) -> etree._Element:
    cover = etree.Element("cover")
    _blocks(cover, letter.intro)
    for section in letter.sections:
        cover.append(_section(section))
    if letter.signature:
        signature = etree.SubElement(cover, "signature")
        for signer in letter.signature:
            element = etree.SubElement(signature, "signer")
            etree.SubElement(element, "role").text = signer.role
            etree.SubElement(element, "name").text = signer.name
    return cover


def _section(section: Section) -> etree._Element:
    element = etree.Element("section", ref=section.ref)
    _text(etree.SubElement(element, "title"), section.title)
    _blocks(element, section.blocks)
    for child in section.sections:
        element.append(_section(child))
    return element


def _agenda(letter: Letter) -> etree._Element:
    agenda = etree.Element("agenda")
    if letter.agenda_title:
        _text(etree.SubElement(agenda, "title"), letter.agenda_title)
    _blocks(agenda, letter.agenda_intro)
    for part in letter.parts:
        if not part.ref:
            for item in part.items:
                agenda.append(_item(item))
            continue
        element = etree.SubElement(agenda, "part", ref=part.ref)
        _text(etree.SubElement(element, "title"), part.title)
        for item in part.items:
            element.append(_item(item))
    return agenda


def _item(item: Item) -> etree._Element:
    element = etree.Element("item", ref=item.ref)
    if item.number:
        element.set("n", item.number)
    _text(etree.SubElement(element, "title"), item.title)
    if item.kind:
        etree.SubElement(element, "kind").text = item.kind
    _blocks(element, item.blocks)
    for child in item.items:
        element.append(_item(child))
    return element


def _blocks(parent: etree._Element, blocks: tuple[Block, ...] | list[Block]) -> None:
    for block in blocks:
        if isinstance(block, Para):
            paragraph = etree.SubElement(parent, "p")
            for sentence in split_sentences(block.text):
                element = etree.SubElement(paragraph, "s")
                _text(element, sentence)
                element.tail = " "
            if len(paragraph):
                paragraph[-1].tail = None
        elif isinstance(block, Subheading):
            _text(etree.SubElement(parent, "subheading"), block.text)
        else:
            element = etree.SubElement(parent, "list", style=block.style)
            for entry in block.items:
                _blocks(etree.SubElement(element, "li"), entry)


def _text(element: etree._Element, text: str) -> None:
    """Set text with note markers as `<noteref n=…/>` children."""
    if NOTE_OPEN not in text:  # most texts: no marker to split at
        element.text = text
        return
    pieces = NOTE_RE.split(text)
    element.text = pieces[0]
    for index in range(1, len(pieces), 2):
        ref = etree.SubElement(element, "noteref", n=pieces[index])
        ref.tail = pieces[index + 1] or None


# --- reading a snapshot back -------------------------------------------------------


def is_canonical(root: etree._Element) -> bool:
    """Whether a parsed document is a canonical letter."""
    return root.tag == "letter" and root.get("schema") == SCHEMA


def read_canonical(xml: str | bytes, source: str) -> Letter:
    """A stored letter or snapshot back as a letter: the one way the package reads its
    own canonical XML (the store, the pages, the CLI and snapshots all come here)."""
    from tracker.extract.safexml import parse_xml

    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    return xml_to_letter(parse_xml(data, source), source)


def xml_to_letter(root: etree._Element, source: str) -> Letter:
    """A canonical XML document back as a letter (a snapshot reads back as itself)."""
    validate(root, source)
    meta = root.find("meta")
    cover = root.find("cover")
    agenda = root.find("agenda")
    assert meta is not None and cover is not None and agenda is not None  # the schema says so
    return Letter(
        id=root.get("id", ""),
        format=root.get("format", "xml"),
        sha256=root.get("sha256", ""),
        source=root.get("source", source),
        meta=_read_meta(meta),
        intro=tuple(_read_blocks(cover)),
        sections=tuple(_read_section(s) for s in cover.findall("section")),
        signature=tuple(
            Signer(s.findtext("role", ""), s.findtext("name", ""))
            for s in cover.findall("signature/signer")
        ),
        agenda_title=_read_text(agenda.find("title")),
        agenda_intro=tuple(_read_blocks(agenda)),
        parts=_read_parts(agenda),
        notes=tuple((n.get("n", ""), _read_text(n) or "") for n in root.findall("notes/note")),
    )


def _read_meta(meta: etree._Element) -> Meta:
    council = meta.find("council")
    attrs = dict(council.attrib) if council is not None else {}
    return Meta(
        title=meta.findtext("title"),
        date=meta.findtext("date"),
        addressee=meta.findtext("addressee"),
        council=Council(
            formation=attrs.get("formation"),
            start=attrs.get("start"),
            end=attrs.get("end"),
            place=attrs.get("place"),
            key=attrs.get("key"),
            label=attrs.get("label"),
            informal=attrs.get("informal") == "true",
        ),
    )


def _read_section(element: etree._Element) -> Section:
    return Section(
        element.get("ref", ""),
        _read_text(element.find("title")) or "",
        tuple(_read_blocks(element)),
        tuple(_read_section(s) for s in element.findall("section")),
    )


def _read_parts(agenda: etree._Element) -> tuple[Part, ...]:
    loose = tuple(_read_item(i) for i in agenda.findall("item"))
    parts = tuple(
        Part(
            p.get("ref", ""),
            _read_text(p.find("title")) or "",
            tuple(_read_item(i) for i in p.findall("item")),
        )
        for p in agenda.findall("part")
    )
    return ((Part("", "", loose),) if loose else ()) + parts


def _read_item(element: etree._Element) -> Item:
    return Item(
        ref=element.get("ref", ""),
        number=element.get("n", ""),
        title=_read_text(element.find("title")) or "",
        kind=element.findtext("kind"),
        blocks=tuple(_read_blocks(element)),
        items=tuple(_read_item(i) for i in element.findall("item")),
    )


def _read_blocks(parent: etree._Element) -> list[Block]:
    blocks: list[Block] = []
    for child in parent:
        if child.tag == "p":
            sentences = child.findall("s")
            parts = (
                [_read_text(s) or "" for s in sentences] if sentences else [_read_text(child) or ""]
            )
            blocks.append(Para(" ".join(parts)))
        elif child.tag == "list":
            items = tuple(tuple(_read_blocks(li)) for li in child.findall("li"))
            blocks.append(ListBlock(child.get("style", "bullet"), items))
        elif child.tag == "subheading":
            blocks.append(Subheading(_read_text(child) or ""))
    return blocks


def _read_text(element: etree._Element | None) -> str | None:
    """Text of an element with `<noteref>` children as note markers."""
    if element is None:
        return None
    out = [element.text or ""]
    for child in element:
        if child.tag == "noteref":
            out.append(note_marker(child.get("n", "")))
        else:
            out.append(_read_text(child) or "")
        out.append(child.tail or "")
    return "".join(out)


# --- the schema --------------------------------------------------------------------


@cache
def _schema() -> etree.RelaxNG:
    data = resources.files("tracker").joinpath("schema/agenda.rng").read_bytes()
    return etree.RelaxNG(etree.fromstring(data))


def validate(root: etree._Element, source: str) -> None:
    """Raise InputError naming `source` when `root` breaks the canonical schema."""
    schema = _schema()
    if not schema.validate(root):
        error = schema.error_log.last_error
        raise InputError(
            source, f"canonical XML does not match the schema: {error.message} (line {error.line})"
        )
