"""Blocks of any format → one canonical letter: covering letter, agenda, notes.

The same rules serve every format. Markup (heading levels, procedure lines) is
trusted where a format has it; plain text relies on numbering and layout:
roman numerals open agenda parts, `1.`/`1)` items and `a.`/`a)` sub-items; the short
line under an item title is its procedure line; a heading that lists `a.`/`b.`
sub-titles directly under it, with one body after them, is one item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from tracker import dutch
from tracker.extract.base import HEADING, KIND, LI, NOTE_RE, SIGNATURE, TITLE, Block, Extracted, P
from tracker.models import (
    Block as Body,
)
from tracker.models import (
    Council,
    Item,
    Letter,
    ListBlock,
    Meta,
    Para,
    Part,
    Section,
    Signer,
)
from tracker.textnorm import clean_text

_PART_RE = re.compile(r"^(?:Deel\s+)?(?P<n>[IVXL]{1,6})[.)]?\s+(?P<t>\S.*)$")
_ITEM_RE = re.compile(r"^(?P<n>\d{1,2})\s*[.)]\s*(?P<t>\S.*)$")
_SUB_RE = re.compile(r"^(?P<n>[a-z])\s*[.)]\s+(?P<t>\S.*)$")
_AGENDA_TITLE_RE = re.compile(r"^\W*geannoteerde\s+agenda\b", re.IGNORECASE)
_SIGNER_RE = re.compile(
    r"^(?:De|Het)\s+(?:[Mm]inister|[Ss]taatssecretaris|[Mm]inister-[Pp]resident)\b[^.]*,$"
)
_TERMINAL = ".;:!?"
# Sub-headings of a kabinetsappreciatie or BNC-style section: generic words, not topics.
_SUBSECTION_WORDS = frozenset(
    "aanleiding essentie inhoud beoordeling krachtenveld inzet achtergrond samenvatting "
    "appreciatie kabinetsappreciatie standpunt vervolg tijdpad proces conclusie context "
    "toelichting stand voorstel bevoegdheid subsidiariteit proportionaliteit gevolgen".split()
)
NOT_AN_AGENDA = (
    "no agenda found: not an annotated agenda (normalised as a letter with an empty agenda)"
)


@dataclass(frozen=True)
class _B:
    """A block during structuring: cleaned text and the extractor's hints."""

    text: str
    role: str
    level: int
    style: str
    cont: bool
    gap: bool
    name: str

    @property
    def plain(self) -> str:
        return NOTE_RE.sub("", self.text).strip()


def normalise_letter(
    extracted: Extracted, *, sha256: str, source: str, letter_id: str | None = None
) -> Letter:
    """Structure an extractor's blocks into a canonical letter."""
    blocks = [_clean(b) for b in extracted.blocks]
    blocks = [b for b in blocks if b.text or b.role == SIGNATURE]
    start = _agenda_start(blocks)
    cover = _parse_cover(blocks[:start] if start is not None else blocks)
    agenda_title, parts = _parse_agenda(blocks[start:]) if start is not None else (None, ())
    hints = extracted.hints
    date = cover.date or hints.get("date")
    council = _council(agenda_title, cover.intro, hints, date)
    meta = Meta(
        title=cover.title or _hint_title(hints),
        date=date,
        addressee=cover.addressee or hints.get("addressee"),
        council=council,
    )
    warnings = () if parts else (NOT_AN_AGENDA,)
    notes = tuple((str(n), clean_text(t)) for n, t in extracted.notes)
    return Letter(
        id=letter_id or hints.get("id") or f"sha256-{sha256[:12]}",
        format=extracted.format,
        sha256=sha256,
        source=source,
        meta=meta,
        intro=tuple(cover.intro),
        sections=tuple(cover.sections),
        signature=tuple(cover.signature),
        agenda_title=agenda_title,
        parts=parts,
        notes=notes,
        warnings=warnings,
    )


def _clean(block: Block) -> _B:
    level = block.level
    if block.role == HEADING and not level:
        level = {"bold": 1, "italic": 2}.get(block.style, 0)
    return _B(
        clean_text(block.text),
        block.role,
        level,
        block.style,
        block.cont,
        block.gap,
        clean_text(block.name),
    )


def _hint_title(hints: dict[str, str]) -> str | None:
    title = hints.get("letter_title")
    return dutch.title_case(title) if title else None


def _heading_like(block: _B) -> bool:
    """A heading by markup, or a short line that is not a sentence."""
    if block.role in (HEADING, TITLE, KIND):
        return True
    if block.role != P:
        return False
    plain = block.plain.rstrip("\"'”’) ")
    return len(plain) <= 250 and not plain.endswith(tuple(_TERMINAL))


# --- where the agenda starts -------------------------------------------------------


def _agenda_start(blocks: list[_B]) -> int | None:
    """The index of the agenda title: a heading "Geannoteerde agenda …" that items follow."""
    candidates = [
        i for i, b in enumerate(blocks) if _heading_like(b) and _AGENDA_TITLE_RE.match(b.plain)
    ]
    for index in candidates:
        if any(_opens_agenda(b) for b in blocks[index + 1 : index + 5]):
            return index
    if candidates:
        return candidates[0]
    # An agenda without a title line: the first part or item heading after the cover.
    return None


def _opens_agenda(block: _B) -> bool:
    if not _heading_like(block):
        return False
    return bool(_PART_RE.match(block.plain) or _ITEM_RE.match(block.plain))


# --- the covering letter -----------------------------------------------------------


@dataclass
class _Cover:
    title: str | None = None
    date: str | None = None
    addressee: str | None = None
    intro: list[Body] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    signature: list[Signer] = field(default_factory=list)


def _parse_cover(blocks: list[_B]) -> _Cover:
    """Title, dateline, addressee, intro, sections and signature of the covering letter."""
    cover = _Cover()
    body: list[_B] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if _take_meta_line(cover, block, seen_body=bool(body)):
            continue
        if block.role == SIGNATURE:
            cover.signature.append(Signer(block.text, block.name))
        elif _SIGNER_RE.match(block.plain) and index < len(blocks) and _is_name(blocks[index]):
            cover.signature.append(Signer(block.plain, blocks[index].plain))
            index += 1
        elif not cover.signature:
            body.append(block)
    intro, sections = _split_sections(body)
    cover.intro = _bodies(intro)
    cover.sections = sections
    return cover


def _take_meta_line(cover: _Cover, block: _B, seen_body: bool) -> bool:
    """Title, addressee line and dateline: said of the letter, not part of its text."""
    if not cover.date and (date := dutch.parse_letter_date(block.plain)):
        cover.date = date
        return True
    if not cover.addressee and (addressee := dutch.parse_addressee(block.plain)):
        cover.addressee = addressee
        return True
    if seen_body or cover.title or not _heading_like(block):
        return False
    if (
        block.role == TITLE
        or block.plain.upper() == block.plain
        or block.plain.lower().startswith("brief")
    ):
        cover.title = _letter_title(block.plain)
        return True
    return False


def _letter_title(text: str) -> str:
    """The letter's title without stray marks before "Brief" (a PDF's stamp, say)."""
    match = re.search(r"\bBRIEF\b|\bBrief\b", text)
    if match:
        text = text[match.start() :]
    return dutch.title_case(text)


def _is_name(block: _B) -> bool:
    return len(block.plain) <= 80 and not block.plain.endswith((",", ":", ";"))


def _split_sections(blocks: list[_B]) -> tuple[list[_B], list[Section]]:
    """Intro paragraphs, then sections B1… with sub-sections B1.1… from the headings."""
    first = next((i for i, b in enumerate(blocks) if _is_cover_heading(b)), len(blocks))
    groups = _heading_groups(blocks[first:])
    levels = _cover_levels(groups)
    sections: list[Section] = []
    for (heading, content), level in zip(groups, levels, strict=True):
        if level == 2 and sections:
            parent = sections[-1]
            ref = f"{parent.ref}.{len(parent.sections) + 1}"
            child = Section(ref, heading.text, tuple(_bodies(content)))
            sections[-1] = replace(parent, sections=parent.sections + (child,))
        else:
            sections.append(Section(f"B{len(sections) + 1}", heading.text, tuple(_bodies(content))))
    return blocks[:first], sections


def _is_cover_heading(block: _B) -> bool:
    return block.role in (HEADING, TITLE) or (block.role == P and _heading_like(block))


def _heading_groups(blocks: list[_B]) -> list[tuple[_B, list[_B]]]:
    groups: list[tuple[_B, list[_B]]] = []
    for block in blocks:
        if _is_cover_heading(block) or not groups:
            groups.append((block, []))
        else:
            groups[-1][1].append(block)
    return groups


def _cover_levels(groups: list[tuple[_B, list[_B]]]) -> list[int]:
    """1 for a section, 2 for a sub-section: from markup, else from the layout."""
    levels: list[int] = []
    in_sub = False
    for index, (heading, content) in enumerate(groups):
        if heading.level in (1, 2):
            level = heading.level if levels or heading.level == 1 else 1
        elif not content and index + 1 < len(groups):
            level, in_sub = 1, True  # a heading straight over another opens sub-sections
        elif in_sub and _is_subsection_title(heading.plain):
            level = 2
        else:
            level, in_sub = 1, False
        levels.append(level)
    return levels


def _is_subsection_title(title: str) -> bool:
    """Generic sub-heading words ("Aanleiding", "Krachtenveld"), or a very short heading."""
    words = re.findall(r"\w+", title.lower())
    return bool(words) and (words[0] in _SUBSECTION_WORDS or len(words) <= 2)


# --- bodies: paragraphs and lists --------------------------------------------------


def _bodies(blocks: list[_B]) -> list[Body]:
    """Paragraphs and (nested) lists from a run of blocks."""
    out: list[Body] = []
    run: list[_B] = []
    for block in blocks:
        if block.role == LI:
            run.append(block)
            continue
        if run:
            out.append(_build_list(run))
            run = []
        if block.text:
            out.append(Para(block.text))
    if run:
        out.append(_build_list(run))
    return out


@dataclass
class _OpenList:
    level: int
    style: str
    items: list[list[Body]]


def _build_list(blocks: list[_B]) -> ListBlock:
    """Nest list paragraphs by level; a continued paragraph joins its item."""
    stack: list[_OpenList] = []
    for block in blocks:
        level = max(block.level, 1)
        while len(stack) > 1 and stack[-1].level > level:
            _close(stack)
        if not stack or (stack[-1].level < level and not block.cont):
            stack.append(_OpenList(level, block.style or "bullet", []))
        top = stack[-1]
        if block.cont and top.items:
            top.items[-1].append(Para(block.text))
        else:
            top.items.append([Para(block.text)])
    while len(stack) > 1:
        _close(stack)
    return _freeze(stack[0])


def _close(stack: list[_OpenList]) -> None:
    child = stack.pop()
    parent = stack[-1]
    if not parent.items:
        parent.items.append([])
    parent.items[-1].append(_freeze(child))


def _freeze(open_list: _OpenList) -> ListBlock:
    return ListBlock(open_list.style, tuple(tuple(item) for item in open_list.items))


# --- the agenda --------------------------------------------------------------------


@dataclass
class _OpenItem:
    number: str
    title: str
    level: int
    kind: str | None = None
    blocks: list[_B] = field(default_factory=list)
    subs: list[_OpenItem] = field(default_factory=list)


@dataclass
class _OpenPart:
    ref: str
    title: str
    items: list[_OpenItem] = field(default_factory=list)


def _parse_agenda(blocks: list[_B]) -> tuple[str, tuple[Part, ...]]:
    """The agenda title and its parts, items and sub-items."""
    title_end = 1
    while title_end < len(blocks) and _continues_title(blocks[title_end]):
        title_end += 1
    title = " ".join(b.text for b in blocks[:title_end])
    parts: list[_OpenPart] = []
    rest = blocks[title_end:]
    index = 0
    while index < len(rest):
        index = _agenda_step(rest, index, parts)
    return title, tuple(_close_part(p, bool(p.ref)) for p in parts)


def _continues_title(block: _B) -> bool:
    """A title line wrapped onto the next line: no gap, not a part or an item."""
    if block.gap or not _heading_like(block) or block.role == KIND:
        return False
    return not (_PART_RE.match(block.plain) or _ITEM_RE.match(block.plain))


def _agenda_step(blocks: list[_B], index: int, parts: list[_OpenPart]) -> int:
    """Consume one heading (with its procedure line) or body block; return the next index."""
    block = blocks[index]
    current = _current_item(parts)
    if _heading_like(block) and (part := _PART_RE.match(block.plain)) and block.level in (0, 1):
        parts.append(_OpenPart(part["n"], part["t"]))
        return index + 1
    if _heading_like(block) and (match := _ITEM_RE.match(block.text)) and block.level in (0, 1, 2):
        if not parts:
            parts.append(_OpenPart("", ""))
        item = _OpenItem(match["n"], match["t"], 2)
        parts[-1].items.append(item)
        return _item_head(blocks, index + 1, item)
    sub = _SUB_RE.match(block.text) if _heading_like(block) else None
    if sub and current is not None and _sub_expected(current, sub["n"]):
        child = _OpenItem(sub["n"], sub["t"], 3)
        current.subs.append(child)
        return _item_head(blocks, index + 1, child)
    target = _current_leaf(parts)
    if target is not None and block.role != SIGNATURE:
        target.blocks.append(block)
    return index + 1


def _current_item(parts: list[_OpenPart]) -> _OpenItem | None:
    return parts[-1].items[-1] if parts and parts[-1].items else None


def _current_leaf(parts: list[_OpenPart]) -> _OpenItem | None:
    item = _current_item(parts)
    return item.subs[-1] if item is not None and item.subs else item


def _sub_expected(item: _OpenItem, letter: str) -> bool:
    """Sub-items run a, b, c … under an item that has no body of its own yet."""
    expected = chr(ord(item.subs[-1].number) + 1) if item.subs else "a"
    return letter == expected and (bool(item.subs) or not item.blocks)


def _item_head(blocks: list[_B], index: int, item: _OpenItem) -> int:
    """After an item title: folded a./b. sub-titles, then the procedure line."""
    run = _subtitle_run(blocks, index)
    if len(run) >= 2:
        item.title = " ".join([item.title] + [blocks[i].text for i in run])
        index = run[-1] + 1
    if index < len(blocks) and _is_kind(blocks[index]):
        item.kind = blocks[index].text
        index += 1
    return index


def _subtitle_run(blocks: list[_B], index: int) -> list[int]:
    """Consecutive `a.`, `b.` headings with no procedure line or text between them."""
    run: list[int] = []
    expected = "a"
    while index < len(blocks) and _heading_like(blocks[index]) and blocks[index].role != KIND:
        match = _SUB_RE.match(blocks[index].text)
        if not match or match["n"] != expected:
            break
        run.append(index)
        expected = chr(ord(expected) + 1)
        index += 1
    return run


def _is_kind(block: _B) -> bool:
    """The procedure line: marked as such, or a short unnumbered line that is not a sentence."""
    if block.role == KIND:
        return True
    if not _heading_like(block) or block.role == TITLE or len(block.plain) > 80:
        return False
    text = block.plain
    return not (_PART_RE.match(text) or _ITEM_RE.match(text) or _SUB_RE.match(text))


def _close_part(part: _OpenPart, has_ref: bool) -> Part:
    prefix = f"{part.ref}." if has_ref else ""
    return Part(part.ref, part.title, tuple(_close_item(i, prefix) for i in part.items))


def _close_item(item: _OpenItem, prefix: str) -> Item:
    ref = f"{prefix}{item.number}"
    subs = tuple(_close_item(s, f"{ref}.") for s in item.subs)
    blocks = [replace(b, role=P) if b.role in (HEADING, KIND, TITLE) else b for b in item.blocks]
    return Item(ref, item.number, item.title, item.kind, tuple(_bodies(blocks)), subs)


# --- meta --------------------------------------------------------------------------


def _council(
    agenda_title: str | None, intro: list[Body], hints: dict[str, str], date: str | None
) -> Council:
    """Formation, meeting days and place: from the agenda title, then the intro."""
    texts = [NOTE_RE.sub("", agenda_title or "")]
    texts += [NOTE_RE.sub("", p.text) for p in intro if isinstance(p, Para)]
    formation = dutch.parse_formation(texts[0]) if agenda_title else None
    formation = (
        formation or _first(dutch.parse_formation(t) for t in texts[1:]) or hints.get("formation")
    )
    meetings = [m for t in texts if (m := dutch.parse_meeting(t, date)) is not None]
    start = meetings[0].start if meetings else None
    end = meetings[0].end if meetings else None
    place = _first(m.place for m in meetings if m.start == start)
    return Council(formation, start, end, place)


def _first(values: object) -> str | None:
    for value in values:  # type: ignore[attr-defined]
        if value:
            return str(value)
    return None


def read_letter(data: bytes, source: str, letter_id: str | None = None) -> Letter:
    """Any published form of a letter (or a canonical snapshot) → the canonical letter."""
    import hashlib

    from tracker import extract

    fmt = extract.detect_format(data, source)
    if fmt == extract.SNAPSHOT:
        from tracker.canonical import xml_to_letter
        from tracker.extract.safexml import parse_xml

        return xml_to_letter(parse_xml(data, source), source)
    extracted = extract.extract(data, source, fmt)
    digest = hashlib.sha256(data).hexdigest()
    return normalise_letter(extracted, sha256=digest, source=source, letter_id=letter_id)
