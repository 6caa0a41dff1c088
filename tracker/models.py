"""The values passed between stages: a letter and its parts, as frozen dataclasses."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import field

from tracker.records import dataclass


@dataclass(frozen=True)
class Para:
    """A paragraph; `text` holds note references as `extract.base.note_marker(n)`."""

    text: str


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; each item is a tuple of blocks."""

    style: str
    items: tuple[tuple[Block, ...], ...]


@dataclass(frozen=True)
class Subheading:
    """A generic heading that structures one item's annotation ("Achtergrond", "Inzet
    Nederland") or the agenda's introduction ("Introductie"): layout, not a topic."""

    text: str


Block = Para | ListBlock | Subheading


@dataclass(frozen=True)
class Section:
    """A covering-letter section (`B1`) or sub-section (`B1.1`)."""

    ref: str
    title: str
    blocks: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Item:
    """An agenda item (`I.4`) or sub-item (`II.10.b`)."""

    ref: str
    number: str
    title: str
    kind: str | None = None
    blocks: tuple[Block, ...] = ()
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Part:
    """An agenda part (`I` Justitie); an agenda without parts has one with ref ''."""

    ref: str
    title: str
    items: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Signer:
    """One signer of the covering letter."""

    role: str
    name: str


@dataclass(frozen=True)
class Council:
    """The Council meeting the agenda is for."""

    formation: str | None = None
    start: str | None = None
    end: str | None = None
    place: str | None = None
    key: str | None = None
    label: str | None = None
    informal: bool = False


@dataclass(frozen=True)
class Meta:
    """What the letter says of itself."""

    title: str | None = None
    date: str | None = None
    addressee: str | None = None
    council: Council = field(default_factory=Council)


@dataclass(frozen=True)
class Letter:
    """One letter in canonical form."""

    id: str
    format: str
    sha256: str
    source: str
    meta: Meta
    intro: tuple[Block, ...] = ()
    sections: tuple[Section, ...] = ()
    signature: tuple[Signer, ...] = ()
    agenda_title: str | None = None
    agenda_intro: tuple[Block, ...] = ()
    parts: tuple[Part, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()
    warnings: tuple[str, ...] = ()

    def items(self) -> Iterator[Item]:
        """Every agenda item and sub-item, in reading order."""
        for part in self.parts:
            yield from _walk_items(part.items)

    def all_sections(self) -> Iterator[Section]:
        """Every covering-letter section and sub-section, in reading order."""
        yield from _walk_sections(self.sections)

    def texts(self) -> Iterator[str]:
        """Every text the letter holds, meta and notes included, in no particular order."""
        meta = self.meta
        yield from (t for t in (meta.title, meta.council.formation, meta.council.place) if t)
        yield from _block_texts(self.intro)
        for section in self.all_sections():
            yield section.title
            yield from _block_texts(section.blocks)
        for signer in self.signature:
            yield from (signer.role, signer.name)
        yield from (self.agenda_title or "", *_block_texts(self.agenda_intro))
        for part in self.parts:
            yield from (part.ref, part.title)
        for item in self.items():
            yield from (item.number, item.title, item.kind or "", *_block_texts(item.blocks))
        yield from (text for _, text in self.notes)


def _block_texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, ListBlock):
            for entry in block.items:
                yield from _block_texts(entry)
        else:
            yield block.text


def _walk_items(items: tuple[Item, ...]) -> Iterator[Item]:
    for item in items:
        yield item
        yield from _walk_items(item.items)


def _walk_sections(sections: tuple[Section, ...]) -> Iterator[Section]:
    for section in sections:
        yield section
        yield from _walk_sections(section.sections)
