"""What alignment and diffing compare: every item and covering section as a flat unit.

A unit is an agenda item or a covering-letter section with its own text; containers
that only hold sub-items or sub-sections are left out (their children are units). Its
body is a tuple of sentences, each with a comparison key in which layout, typography
and footnote numbering no longer show: the key is the fingerprint of the sentence with
every note reference replaced by the note's own text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property, lru_cache
from itertools import chain

from tracker import patterns
from tracker.extract.base import NOTE_RE, strip_notes
from tracker.layouts import SUBHEADING_WORDS
from tracker.models import Block, Item, Letter, ListBlock, Para, Section
from tracker.naming import clean_title
from tracker.records import dataclass
from tracker.sentences import split_sentences
from tracker.textnorm import fingerprint

COVER = "cover"

# Document references that identify a dossier across letters: COM/JOIN/SWD numbers,
# interinstitutional procedure numbers, Kamerstuk numbers and BNC-fiches.
# The lookahead lets the search skip quickly over the words no reference starts with.
_REFERENCES = patterns.compile(
    r"\b(?=[CJS\d])(?:"
    r"(?P<com>COM|JOIN|SWD|SEC)\s*\(\s*(?P<com_year>\d{4})\s*\)\s*(?P<com_nr>\d{1,4})"
    r"|\b(?P<proc_year>\d{4})/(?P<proc_nr>\d{3,4})\s*\((?P<proc>COD|CNS|NLE|APP)\)"
    r"|\b(?P<dossier>\d{2}\s?\d{3}|\d{2}\s?\d{4})(?:-[A-Z]{1,3})?\s*,\s*nr\.?\s*(?P<nr>\d+)"
    r"|\b(?P<fiche_dossier>22\s?112)-(?P<fiche_nr>\d{3,5})\b"
    r"|\b(?P<st>\d{4,5})/(?P<st_year>\d{2})\b"
    r")"
)
# Dutch function words: they carry no topic, and leaving them out makes bodies shorter
# to compare and their similarity more telling.
STOPWORDS = frozenset(
    """
    aan al als alle bij dan dat de deze dit die door een en er ervan had heeft hem het hier
    hij hoe hun ik in is je kan kunnen maar me meer met mij na naar niet nog nu of om on ook
    op over te ten ter tot u uit van veel voor want was wat we wel werd wie wij wil worden
    wordt zal ze zich zij zijn zo zoals zou
    """.split()
)
_WORD = patterns.compile(r"\w+(?:[-']\w+)*")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its reading text (notes taken out) and its comparison key."""

    text: str
    key: str


@dataclass(frozen=True)
class Unit:
    """An agenda item or covering section, flattened for comparison."""

    ref: str
    title: str
    kind: str | None
    part: str
    sentences: tuple[Sentence, ...]

    @property
    def is_section(self) -> bool:
        """Whether this is a covering-letter section rather than an agenda item."""
        return self.part == COVER

    @cached_property
    def title_key(self) -> str:
        """The title as compared: fingerprint without note references."""
        return fingerprint(strip_notes(self.title))

    @cached_property
    def title_lower(self) -> str:
        """The title as compared, lowercased."""
        return self.title_key.lower()

    @cached_property
    def title_words(self) -> int:
        """How many content words the title has: how specific it is."""
        return sum(w not in STOPWORDS for w in _WORD.findall(self.title_key.lower()))

    @cached_property
    def topic_words(self) -> int:
        """How many title words name a topic: neither function words nor layout words
        ("Beoordeling voorstel en inzet kabinet" names none)."""
        words = _WORD.findall(self.title_key.lower())
        return sum(w not in STOPWORDS and w not in SUBHEADING_WORDS for w in words)

    @cached_property
    def title_names(self) -> frozenset[str]:
        """The capitalised words of the title after its first (names: "Deense", "Sudan",
        "Europese" → "deens", "sudan", "europ"); a title opens with a capital anyway."""
        words = _WORD.findall(strip_notes(self.title))[1:]
        return frozenset(w[:5].lower() for w in words if w[:1].isupper() and len(w) > 2)

    @cached_property
    def kind_key(self) -> str:
        """The procedure line as compared."""
        return fingerprint(self.kind or "")

    @cached_property
    def references(self) -> frozenset[str]:
        """Document references cited in the title, body or its notes (COM/2025/447, …)."""
        text = " ".join([self.title, *(s.key for s in self.sentences)])
        return frozenset(_normal_reference(m) for m in _REFERENCES.finditer(text))

    @cached_property
    def body_key(self) -> tuple[str, ...]:
        """The body as compared: its sentence keys."""
        return tuple(s.key for s in self.sentences)

    @cached_property
    def sentence_texts(self) -> tuple[str, ...]:
        """The body's reading texts, sentence by sentence."""
        return tuple(s.text for s in self.sentences)

    @cached_property
    def signature(self) -> tuple[str, str, tuple[str, ...]]:
        """Everything compared: title, procedure line and sentence keys."""
        return self.title_key, self.kind_key, self.body_key

    @cached_property
    def sentence_words(self) -> tuple[tuple[str, ...], ...]:
        """Each sentence's words, lowercased."""
        return tuple(_words(s.key) for s in self.sentences)

    @cached_property
    def content_words(self) -> tuple[tuple[str, ...], ...]:
        """Each sentence's words without Dutch function words."""
        return tuple(_content_words(s.key) for s in self.sentences)

    @cached_property
    def distinct_content_words(self) -> tuple[str, ...]:
        """The content words of the body, each once, in order of first use."""
        return tuple(dict.fromkeys(chain.from_iterable(self.content_words)))

    @cached_property
    def local_codes(self) -> tuple[str, ...]:
        """Each sentence's content words as characters: the n-th distinct word is chr(n)."""
        index = {word: chr(n) for n, word in enumerate(self.distinct_content_words)}
        return tuple("".join(map(index.__getitem__, words)) for words in self.content_words)

    @cached_property
    def word_count(self) -> int:
        """How many words the body has."""
        return sum(map(len, self.sentence_words))

    def __getstate__(self) -> dict[str, object]:
        """What a unit sent to another process takes along: its fields and the features
        computed so far (`tracker.prepare` computes them in a worker), but not the word
        lists the others are made of, which the storing process never reads (taking a
        letter over: 0.95 → 0.77 ms). They are made again when asked for."""
        return {k: v for k, v in self.__dict__.items() if k not in _LEFT_BEHIND}


# Unit features made from the others, and only for them (`Unit.__getstate__`).
_LEFT_BEHIND = frozenset({"sentence_words", "content_words"})

# A sentence recurs in every letter of its dossier, and a stored letter's units are read
# back from its XML: the words of sentences up to this long are kept (bounded caches).
_KEPT_LENGTH = 2000


def _sentence_words(key: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(key.lower()))


def _sentence_content_words(key: str) -> tuple[str, ...]:
    return tuple([w for w in _words(key) if w not in STOPWORDS])


_kept_words = lru_cache(maxsize=4096)(_sentence_words)
_kept_content_words = lru_cache(maxsize=4096)(_sentence_content_words)


def _words(key: str) -> tuple[str, ...]:
    """A sentence key's words, lowercased."""
    return _kept_words(key) if len(key) <= _KEPT_LENGTH else _sentence_words(key)


def _content_words(key: str) -> tuple[str, ...]:
    """A sentence key's words without Dutch function words."""
    return _kept_content_words(key) if len(key) <= _KEPT_LENGTH else _sentence_content_words(key)


def generic_section(title: str) -> bool:
    """Whether a title names no topic, only a part of a text ("Aanleiding", "Krachtenveld",
    "Beoordeling voorstel en inzet kabinet"): a covering-letter section with such a title is
    a sub-section of the letter, not an agenda dossier of its own."""
    return Unit("", title, None, COVER, ()).topic_words == 0


def letter_units(letter: Letter) -> list[Unit]:
    """Every comparable unit of `letter`: covering sections first, then agenda items."""
    notes = {number: fingerprint(text) for number, text in letter.notes}
    units = [_section_unit(section, notes) for section in _leaf_sections(letter.sections)]
    for part in letter.parts:
        for item in _leaf_items(part.items):
            units.append(_item_unit(item, part.ref, notes))
    return units


def _leaf_sections(sections: tuple[Section, ...]) -> Iterator[Section]:
    for section in sections:
        if section.blocks or not section.sections:
            yield section
        yield from _leaf_sections(section.sections)


def _leaf_items(items: tuple[Item, ...]) -> Iterator[Item]:
    for item in items:
        if item.blocks or not item.items:
            yield item
        yield from _leaf_items(item.items)


def _section_unit(section: Section, notes: dict[str, str]) -> Unit:
    sentences = tuple(_sentences(section.blocks, notes))
    return Unit(section.ref, clean_title(section.title), None, COVER, sentences)


def _item_unit(item: Item, part: str, notes: dict[str, str]) -> Unit:
    sentences = tuple(_sentences(item.blocks, notes))
    kind = clean_title(item.kind) if item.kind else None
    return Unit(item.ref, clean_title(item.title), kind, part, sentences)


def _sentences(blocks: tuple[Block, ...], notes: dict[str, str]) -> Iterator[Sentence]:
    for text in _running_texts(blocks):
        for sentence in split_sentences(text):
            yield Sentence(strip_notes(sentence).strip(), sentence_key(sentence, notes))


def _running_texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    """The texts of paragraphs and list entries; a paragraph cut off mid-sentence (a
    rendition broke it at a page end) goes on in the next one that opens in lower case."""
    pending = ""
    for text in _texts(blocks):
        if pending and text[:1].islower() and not _ends_clause(pending):
            pending = f"{pending} {text}"
            continue
        if pending:
            yield pending
        pending = text
    if pending:
        yield pending


def _ends_clause(text: str) -> bool:
    return strip_notes(text).rstrip(" \"'”’)»").endswith((".", "!", "?", ":", ";", ","))


def _texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Para):
            yield block.text
        elif isinstance(block, ListBlock):
            for entry in block.items:
                yield from _texts(entry)


def sentence_key(text: str, notes: dict[str, str]) -> str:
    """The comparison key of a sentence: its fingerprint, notes cited by their text."""
    resolved = NOTE_RE.sub(lambda m: " [^" + notes.get(m.group(1), m.group(1)) + "]", text)
    return fingerprint(resolved)


def _normal_reference(match: re.Match[str]) -> str:
    """One spelling per reference: "COM/2025/447", "kst/32317/96", "st/16448/24"."""
    found = {name: value for name, value in match.groupdict().items() if value}
    if "com" in found:
        return f"{found['com']}/{found['com_year']}/{found['com_nr']}"
    if "proc" in found:
        return f"{found['proc_year']}/{found['proc_nr']}/{found['proc']}"
    if "dossier" in found:
        return f"kst/{found['dossier'].replace(' ', '')}/{found['nr']}"
    if "fiche_dossier" in found:
        return f"kst/{found['fiche_dossier'].replace(' ', '')}/{found['fiche_nr']}"
    return f"st/{found['st']}/{found['st_year']}"
