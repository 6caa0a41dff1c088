"""Blocks of any format → one canonical letter: covering letter, agenda, notes.

The same rules serve every format. Markup (heading levels, procedure lines) is
trusted where a format has it; plain text relies on numbering and layout. The
covering letter runs up to the agenda: its title line ("Geannoteerde agenda …"), or
where there is none, the text after the signature (or the whole document when there
is no covering letter at all). `tracker.agenda` structures the agenda itself.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import field, replace

from tracker import dutch, layouts, patterns
from tracker.agenda import Agenda, parse_agenda
from tracker.bodies import B, bodies, heading_like
from tracker.extract.base import HEADING, SIGNATURE, TITLE, Block, Extracted, P, strip_notes
from tracker.extract.bounds import check_blocks, check_items, check_units
from tracker.meeting import read_council
from tracker.models import Block as Body
from tracker.models import Council, Item, Letter, Meta, Para, Section, Signer
from tracker.records import dataclass
from tracker.textnorm import clean_text

_SIGNER_RE = patterns.compile(
    r"^(?:De|Het)\s+(?:[Mm]inister|[Ss]taatssecretaris|[Mm]inister-[Pp]resident)\b[^.]*,$"
)
# A signer's role in capitals without its comma ("DE MINISTER VAN DEFENSIE"), over a name.
_SIGNER_CAPS_RE = patterns.compile(
    r"^(?:DE|HET)\s+(?:MINISTER|STAATSSECRETARIS|MINISTER-PRESIDENT)\b[^.]*$"
)
_NAME_RE = patterns.compile(
    r"^(?:[A-Z][a-z]?\.\s?){1,5}(?:(?:van|de|der|den|ter|ten|in|'t)\s+)*"
    r"[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)*$"
)
# A signer's role and name on one line: "De Minister van Buitenlandse Zaken, S.A. Blok".
_SIGNER_LINE_RE = patterns.compile(
    r"^(?P<role>(?:De|Het)\s+(?:[Mm]inister|[Ss]taatssecretaris|[Mm]inister-[Pp]resident)"
    r"\b[^.]*?,)\s*(?P<name>(?:[A-Z][a-z]?\.\s?){1,5}(?:(?:van|de|der|den|ter|ten|in|'t)\s+)*"
    r"[A-Z][\w'’-]+(?:[ -][A-Z][\w'’-]+)*)\s*$"
)
# Sub-headings of a kabinetsappreciatie or BNC-style section: generic words, not topics.
_SUBSECTION_WORDS = frozenset(
    "aanleiding essentie inhoud beoordeling krachtenveld inzet achtergrond samenvatting "
    "appreciatie kabinetsappreciatie standpunt vervolg tijdpad proces conclusie context "
    "toelichting stand voorstel bevoegdheid subsidiariteit proportionaliteit gevolgen".split()
)
# Words a title line in capitals can go on with on the next line.
_TITLE_GOES_ON = frozenset("EN VAN VOOR DE HET OVER TOT MET OP IN".split())
_WORD_RE = patterns.compile(r"\w+")
_LOSS_WORDS = 3  # a stray stamp before the title ("PR") is no loss worth a warning
_ANNOUNCED_RE = patterns.compile(r"geannoteerde\s+agenda", re.IGNORECASE)
NOT_AN_AGENDA = (
    "no agenda found: not an annotated agenda (normalised as a letter with an empty agenda)"
)
NO_ITEMS = "no agenda items found: the letter announces an annotated agenda, but no item follows"


def normalise_letter(
    extracted: Extracted, *, sha256: str, source: str, letter_id: str | None = None
) -> Letter:
    """Structure an extractor's blocks into a canonical letter."""
    blocks = [_clean(b) for b in extracted.blocks]
    blocks = [b for b in blocks if b.text or b.role == SIGNATURE]
    announced = _announces_agenda([extracted.hints.get("title", "")] + [b.text for b in blocks])
    announced = announced or _names_its_meeting(blocks)
    start, titled = _agenda_start(blocks, announced)
    cover = _parse_cover(blocks[:start])
    agenda = parse_agenda(blocks[start:], titled, cover.intro)
    hints = extracted.hints
    date = cover.date or hints.get("date")
    council = _council(agenda, cover, hints, date)
    meta = Meta(
        title=cover.title or _hint_title(hints),
        date=date,
        addressee=cover.addressee or hints.get("addressee"),
        council=council,
    )
    notes = tuple((str(n), clean_text(t)) for n, t in extracted.notes)
    letter = Letter(
        id=letter_id or hints.get("id") or f"sha256-{sha256[:12]}",
        format=extracted.format,
        sha256=sha256,
        source=source,
        meta=meta,
        intro=tuple(cover.intro),
        sections=tuple(cover.sections),
        signature=tuple(cover.signature),
        agenda_title=agenda.title,
        agenda_intro=agenda.intro,
        parts=agenda.parts,
        notes=notes,
    )
    refusal = agenda_refusal(letter, extracted)
    loss = _text_loss(blocks, cover.meta_lines, extracted.notes, letter)
    return replace(letter, warnings=tuple(w for w in (refusal, loss) if w))


def agenda_refusal(letter: Letter, extracted: Extracted | None = None) -> str | None:
    """Why `letter` cannot be kept as an annotated agenda, or None when it can."""
    if any(True for _ in letter.items()):
        return None
    said = [letter.agenda_title or "", letter.meta.title or ""]
    said += [b.text for b in letter.intro if isinstance(b, Para)]
    said += [b.text for s in letter.all_sections() for b in s.blocks if isinstance(b, Para)]
    if extracted is not None:
        said += [extracted.hints.get("title", "")]
    if _announces_agenda(said):
        return NO_ITEMS
    return NOT_AN_AGENDA


def _text_loss(
    blocks: list[B], meta_lines: list[B], notes: tuple[tuple[str, str], ...], letter: Letter
) -> str | None:
    """A warning when words of the letter's text found no place in the canonical letter.

    Every block's words must land in the cover, the agenda, the notes or the meta (the
    dateline and addressee lines are read into the meta as values, so they count as
    placed); the extractors have already left out what they recognised as page chrome.
    """
    consumed = {id(b) for b in meta_lines}
    texts = [b.text for b in blocks if id(b) not in consumed] + [text for _, text in notes]
    placed = list(letter.texts())
    if _tokens(placed) >= _tokens(texts):
        return None  # every token has a place: the common case, without counting words
    read = _words(texts)
    lost = sum((read - _words(placed)).values())
    total = sum(read.values())
    if lost <= max(_LOSS_WORDS, total // 200):
        return None
    return f"{lost} of {total} words ({lost / total:.0%}) of the letter's text were not placed"


def _tokens(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


def _words(texts: Iterable[str]) -> Counter[str]:
    # Note markers are private-use characters: no word characters, so no words.
    return Counter(_WORD_RE.findall(" ".join(texts).casefold()))


def _clean(block: Block) -> B:
    level = block.level
    if block.role == HEADING and not level:
        level = {"bold": 1, "italic": 2}.get(block.style, 0)
    return B(
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


# --- where the agenda starts -------------------------------------------------------


def _names_its_meeting(blocks: list[B]) -> bool:
    """A document without a covering letter whose opening names a Council meeting ("Op 3
    december vindt in Brussel de Telecomraad plaats"): the agenda on its own, untitled."""
    if any(_letter_line(b) for b in blocks):
        return False
    opening = [strip_notes(b.text) for b in blocks if b.role == P][:3]
    council = read_council(opening, None)
    return bool(council.formation and council.start)


def _announces_agenda(texts: list[str]) -> bool:
    """Whether a document says it is, or brings, an annotated agenda."""
    return any(_ANNOUNCED_RE.search(text) for text in texts)


def _agenda_start(blocks: list[B], announced: bool) -> tuple[int, bool]:
    """Where the agenda begins, and whether it begins with its title line.

    The title "Geannoteerde agenda …" that items follow; else the first such title.
    In a document that speaks of an annotated agenda without such a title: the text
    after the covering letter's signature, or for a document with no covering letter at
    all (no dateline, addressee or signature), the whole of it.
    """
    candidates = [
        i
        for i, b in enumerate(blocks)
        if heading_like(b) and layouts.match(layouts.AGENDA_TITLE, b.plain)
    ]
    # An agenda follows its covering letter: a title above the dateline or the signature
    # is a page title or the letter's subject line.
    letter_lines = [i for i, b in enumerate(blocks) if _letter_line(b)]
    after = [i for i in candidates if not letter_lines or i > letter_lines[-1]]
    candidates = after or candidates
    for index in candidates:
        if any(_opens_agenda(b) for b in blocks[index + 1 : index + 5]):
            return index, True
    if candidates:
        return candidates[0], True
    if not announced:
        return len(blocks), False
    signed = _after_signature(blocks)
    if signed is not None:
        return signed, False
    if not any(_letter_line(b) for b in blocks):
        return 0, False
    return len(blocks), False


def _opens_agenda(block: B) -> bool:
    if not heading_like(block):
        return False
    return bool(
        layouts.match(layouts.PART, block.plain) or layouts.match(layouts.ITEM, block.plain)
    )


def _after_signature(blocks: list[B]) -> int | None:
    """The index after the covering letter's last signer, when text follows it."""
    last = None
    for index, block in enumerate(blocks):
        if block.role == SIGNATURE or _SIGNER_LINE_RE.match(block.plain):
            last = index
        elif _SIGNER_RE.match(block.plain) and index + 1 < len(blocks):
            last = index + 1
        elif last is not None and index > last + 1:
            break
    if last is None or last + 1 >= len(blocks):
        return None
    return last + 1


def _letter_line(block: B) -> bool:
    """A dateline, addressee line or signer: the marks of a covering letter."""
    text = block.plain
    return bool(
        block.role == SIGNATURE
        or dutch.parse_letter_date(text)
        or dutch.parse_addressee(text)
        or _SIGNER_LINE_RE.match(text)
    )


# --- the covering letter -----------------------------------------------------------


@dataclass
class _Cover:
    title: str | None = None
    date: str | None = None
    addressee: str | None = None
    intro: list[Body] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    signature: list[Signer] = field(default_factory=list)
    meta_lines: list[B] = field(default_factory=list)
    title_open: bool = False  # a title in capitals may go on over the next line


def _parse_cover(blocks: list[B]) -> _Cover:
    """Title, dateline, addressee, intro, sections and signature of the covering letter."""
    cover = _Cover()
    body: list[B] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if _take_meta_line(cover, block, seen_body=bool(body)):
            cover.meta_lines.append(block)
            continue
        if block.role == SIGNATURE:
            cover.signature.append(Signer(block.text, block.name))
        elif line := _SIGNER_LINE_RE.match(block.plain):
            cover.signature.append(Signer(line["role"], line["name"]))
        elif _signer_over_name(block, blocks[index] if index < len(blocks) else None):
            role = dutch.title_case(block.plain) if block.plain.isupper() else block.plain
            cover.signature.append(Signer(role, blocks[index].plain))
            index += 1
        else:
            body.append(block)
    intro, sections = _split_sections(body)
    cover.intro = bodies(intro)
    cover.sections = sections
    return cover


def _take_meta_line(cover: _Cover, block: B, seen_body: bool) -> bool:
    """Title, addressee line and dateline: said of the letter, not part of its text."""
    if not cover.date and (date := dutch.parse_letter_date(block.plain)):
        cover.date = date
        return True
    if not cover.addressee and (addressee := dutch.parse_addressee(block.plain)):
        cover.addressee = addressee
        return True
    if seen_body or not heading_like(block):
        return False
    capitals = block.plain.upper() == block.plain
    if cover.title:
        # "BRIEF VAN DE STAATSSECRETARIS VAN INFRASTRUCTUUR" wrapped onto "EN WATERSTAAT"
        if cover.title_open and capitals and block.plain.split(" ")[0] in _TITLE_GOES_ON:
            cover.title = _letter_title(f"{cover.title.upper()} {block.plain}")
            return True
        return False
    if block.role == TITLE or capitals or block.plain.lower().startswith("brief"):
        cover.title = _letter_title(block.plain)
        cover.title_open = capitals
        return True
    return False


def _letter_title(text: str) -> str:
    """The letter's title without stray marks before "Brief" (a PDF's stamp, say)."""
    match = re.search(r"\bBRIEF\b|\bBrief\b", text)
    if match:
        text = text[match.start() :]
    return dutch.title_case(text)


def _signer_over_name(block: B, following: B | None) -> bool:
    """A signer's role line ("De Minister van …,") with the name on the next line."""
    if following is None:
        return False
    if _SIGNER_RE.match(block.plain):
        return _is_name(following)
    return bool(_SIGNER_CAPS_RE.match(block.plain) and _NAME_RE.match(following.plain))


def _is_name(block: B) -> bool:
    return len(block.plain) <= 80 and not block.plain.endswith((",", ":", ";"))


def _split_sections(blocks: list[B]) -> tuple[list[B], list[Section]]:
    """Intro paragraphs, then sections B1… with sub-sections B1.1… from the headings."""
    first = next((i for i, b in enumerate(blocks) if _is_cover_heading(b)), len(blocks))
    groups = _heading_groups(blocks[first:])
    levels = _cover_levels(groups)
    sections: list[Section] = []
    for (heading, content), level in zip(groups, levels, strict=True):
        if level == 2 and sections:
            parent = sections[-1]
            ref = f"{parent.ref}.{len(parent.sections) + 1}"
            child = Section(ref, heading.text, tuple(bodies(content)))
            sections[-1] = replace(parent, sections=parent.sections + (child,))
        else:
            sections.append(Section(f"B{len(sections) + 1}", heading.text, tuple(bodies(content))))
    return blocks[:first], sections


def _is_cover_heading(block: B) -> bool:
    if layouts.match(layouts.LETTER_FORMULA, block.plain):
        return False  # "Geachte Voorzitter,", "Hoogachtend,": the letter's own words
    return block.role in (HEADING, TITLE) or (block.role == P and heading_like(block))


def _heading_groups(blocks: list[B]) -> list[tuple[B, list[B]]]:
    groups: list[tuple[B, list[B]]] = []
    for block in blocks:
        if _is_cover_heading(block) or not groups:
            groups.append((block, []))
        else:
            groups[-1][1].append(block)
    return groups


def _cover_levels(groups: list[tuple[B, list[B]]]) -> list[int]:
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


# --- meta --------------------------------------------------------------------------


def _council(agenda: Agenda, cover: _Cover, hints: dict[str, str], date: str | None) -> Council:
    """Formation, meeting days and place, from whichever text states them: the agenda
    title, the agenda's introduction, the covering letter, the letter or page title."""
    texts = [agenda.title or ""]
    texts += _paragraphs(agenda.intro)
    texts += _paragraphs(tuple(cover.intro))
    titles = [cover.title or "", hints.get("title", "")]
    dossier = hints.get("dossier")
    council = read_council([strip_notes(t) for t in texts + titles if t], date, dossier)
    if council.formation and council.start and council.place or not cover.sections:
        return council
    # Only where the openings leave something out: the covering letter's sections too.
    texts += [p for section in _walk(cover.sections) for p in _paragraphs(section.blocks)]
    return read_council([strip_notes(t) for t in texts + titles if t], date, dossier)


def _walk(sections: list[Section] | tuple[Section, ...]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from _walk(section.sections)


def _paragraphs(blocks: tuple[Body, ...]) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Para)]


def read_letter(
    data: bytes, source: str, letter_id: str | None = None, extracted: Extracted | None = None
) -> Letter:
    """Any published form of a letter (or a canonical snapshot) → the canonical letter.

    `extracted`: what the extractor read from `data`, when that was done already (by
    `tracker.extract.extract_file`, in another process)."""
    import hashlib

    from tracker import extract

    if extracted is None:
        extracted = extract.extract_bytes(data, source)
    if extracted is None:  # a canonical snapshot: read whole
        from tracker.canonical import read_canonical

        letter = read_canonical(data, source)
    else:
        check_blocks(len(extracted.blocks), source)
        digest = hashlib.sha256(data).hexdigest()
        letter = normalise_letter(extracted, sha256=digest, source=source, letter_id=letter_id)
    items = _count_items(item for part in letter.parts for item in part.items)
    check_items(items, source)
    check_units(items + _count_sections(letter.sections), source)
    return letter


def _count_items(items: Iterable[Item]) -> int:
    return sum(1 + _count_items(item.items) for item in items)


def _count_sections(sections: Iterable[Section]) -> int:
    return sum(1 + _count_sections(section.sections) for section in sections)
