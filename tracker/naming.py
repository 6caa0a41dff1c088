"""Names people read: a Council, a letter, a date, a stance, a title — composed in one place.

Pages, feeds, the terminal and the CLI call these when they render, so rewording a name
needs no rebuild of the store. JSON keeps the contract's values (ISO dates, `support`).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from tracker import patterns
from tracker.extract.base import NOTE_RE
from tracker.formations import find_formation, formation_by_key, formation_named
from tracker.positions import STANCES_NL

MONTHS_NL = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()
# What no title may hold: note markers and other private-use characters, control and
# format characters, line and paragraph separators.
_UNSHOWN = patterns.compile("[\ue000-\uf8ff\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\ufeff]")
_SPACES = patterns.compile(r"\s+")
_SEPARATORS = patterns.compile(r"[\\/]")


def dutch_date(value: object) -> str:
    """An ISO date as Dutch prose (`2025-09-29` → `29 september 2025`); other text as it is."""
    parts = str(value).split("-")
    # ASCII digits only: "²".isdigit() holds, but int("²") fails.
    digits = all(p.isascii() and p.isdigit() for p in parts)
    if len(parts) != 3 or not digits or not 1 <= int(parts[1]) <= 12:
        return str(value)
    return f"{int(parts[2])} {MONTHS_NL[int(parts[1]) - 1]} {parts[0]}"


@lru_cache(maxsize=1024)  # pure, over a few dozen formations; a page names thousands
def council_name(formation: str | None) -> str:
    """The Council as people name it (`JBZ-Raad`, `Landbouw- en Visserijraad`), from a
    formation key of `tracker.formations` or a formation's name."""
    name = clean_title(formation or "")
    if not name:
        return "Raad van de EU"
    try:
        return formation_by_key(name).display
    except KeyError:
        found = formation_named(name) or find_formation(name)
    if found is not None:
        return found.display
    return name if name.lower().endswith("raad") else f"Raad {name}"


def meeting_name(formation: str | None, meeting: str | None, date: str | None = None) -> str:
    """A Council meeting: `JBZ-Raad 8 december 2025`; by its letter's date without one."""
    council = council_name(formation)
    if meeting:
        return f"{council} {dutch_date(meeting)}"
    if date:
        return f"{council}, brief van {dutch_date(date)}"
    return council


def letter_name(
    formation: str | None, meeting: str | None, addressee: str | None, date: str | None = None
) -> str:
    """A letter as people name it: `JBZ-Raad 8 december 2025 (Tweede Kamer)`."""
    name = meeting_name(formation, meeting, date)
    return f"{name} ({addressee})" if addressee else name


def stance_name(stance: str | None) -> str:
    """A stance in Dutch: voor, tegen, onder voorwaarden, neutraal, geen standpunt."""
    return STANCES_NL.get(stance or "none", STANCES_NL["none"])


def stance_move(old: str | None, new: str | None) -> str:
    """A stance move in Dutch: `tegen → voor`."""
    return f"{stance_name(old)} → {stance_name(new)}"


def clean_title(text: str) -> str:
    """A title fit for any page, feed, OPML or API answer: no note markers, private-use,
    control or line-break characters, white space folded, NFC."""
    text = unicodedata.normalize("NFC", NOTE_RE.sub("", text))
    return _SPACES.sub(" ", _UNSHOWN.sub(" ", text)).strip()


def public_source(source: str | None) -> str | None:
    """Where a letter came from, as anybody may read it: an http(s) address as it is, else
    only a file's name, never the path it was read from on the server (None for nothing).

    >>> public_source("/srv/tracker/inbox/jbz-2025-10-13.pdf")
    'jbz-2025-10-13.pdf'
    >>> public_source("https://zoek.officielebekendmakingen.nl/kst-32317-AT.html")
    'https://zoek.officielebekendmakingen.nl/kst-32317-AT.html'
    """
    if not source:
        return None
    if source.lower().startswith(("https://", "http://")):
        return source
    return _SEPARATORS.split(source.rstrip("/\\"))[-1] or None
