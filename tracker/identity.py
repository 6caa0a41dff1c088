"""What makes two documents one letter, and where a letter stands in its Council's history.

The rule, in the order it is applied (README, "Keeping the history"):

1. Two documents are renditions of one letter when they say the same after the noise
   renditions bring: the same meeting (formation, days, place), the same addressee and
   letter date, and the same items and covering sections — each compared by its ref,
   title, procedure line and sentences, with layout, hyphenation, white space,
   typography, footnote numbering and paragraph order inside an item left out (the
   keys of `tracker.units`). That is the letter's `text_key`.
2. A document that states an official id (`kst-32317-AT`) with other text than every
   stored version of that id is a new version of it: a corrected republication.
3. A document that states no official id, for the same Council meeting, addressee and
   letter date as a stored letter, is a rendition of it whose reading differs (a PDF that
   lost a word): recorded, never a letter of its own.
4. The agenda on its own (the Tweede Kamer's attachment: no covering letter, no date, no
   addressee) belongs to the letter whose agenda says the same (`agenda_key`); arriving
   first, it stands in until that letter comes and takes its place.
5. An official id is adopted from any rendition that states one in an official shape.

The meeting is the unit of history: a formation's letters are folded meeting by meeting,
each chamber's letters as a chain of their own (`chain`), so the Tweede and the Eerste
Kamer's letters for one meeting are two letters of one meeting, never two steps of one
thread, and the same change carried by both is one event.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from tracker import patterns
from tracker.models import Letter
from tracker.units import Unit, letter_units

# kst-<dossier>[-<toevoeging>]-<ondernummer>: kst-32317-907, kst-21501-02-3220,
# kst-32317-JI (an Eerste Kamer copy), kst-36625-K-4. ASCII only: `\d` would take any
# script's digits (kst-３２３１７-AT), which no official publication has.
_OFFICIAL_ID = patterns.compile(r"kst-\d{4,6}(?:-[0-9A-Z]{1,4})?-(?:\d{1,5}|[A-Z]{1,3})", re.ASCII)
TWEEDE, EERSTE = "Tweede Kamer", "Eerste Kamer"


def official_id(letter_id: str) -> str | None:
    """The id when it has the shape of an official publication's, else None."""
    return letter_id if _OFFICIAL_ID.fullmatch(letter_id) else None


def text_key(letter: Letter, units: list[Unit] | None = None) -> str:
    """What the letter says, without where it was read from: its identity (rule 1).

    `units` are the letter's `letter_units` when the caller has them already."""
    council = letter.meta.council
    meta = (
        council.key or council.formation or "",
        council.start or "",
        council.end or "",
        council.place or "",
        letter.meta.addressee or "",
        letter.meta.date or "",
    )
    return _digest(meta, letter_units(letter) if units is None else units)


def agenda_key(letter: Letter, units: list[Unit] | None = None) -> str:
    """What the letter's agenda says, for its meeting: rule 4."""
    council = letter.meta.council
    meta = (council.key or council.formation or "", council.start or "")
    units = letter_units(letter) if units is None else units
    return _digest(meta, [u for u in units if not u.is_section])


def agenda_only(letter: Letter) -> bool:
    """The agenda on its own: no covering letter, no letter date, no addressee."""
    return (
        not (letter.intro or letter.sections or letter.signature or letter.meta.date)
        and not letter.meta.addressee
    )


def chain(addressee: str | None, only_agenda: bool) -> str:
    """The chain of letters one is folded in: its chamber's (the attachment is the
    Tweede Kamer's, whose open-data API serves it)."""
    if only_agenda:
        return TWEEDE
    return addressee or ""


def unit_signature(unit: Unit) -> str:
    """A unit as compared: title, procedure line and sentences, in a stable digest."""
    return _digest((unit.ref,), [unit])[:32]


def _digest(meta: Iterable[str], units: Iterable[Unit]) -> str:
    hasher = hashlib.sha256()
    for value in meta:
        hasher.update(value.encode() + b"\x1e")
    for unit in units:
        sentences = sorted(unit.body_key)  # a paragraph moved within an item is no change
        hasher.update("\x1f".join([unit.ref, unit.title_key, unit.kind_key, *sentences]).encode())
        hasher.update(b"\x1d")
    return hasher.hexdigest()
