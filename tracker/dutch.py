"""Reading Dutch phrases of letters: dates, meeting days and place, formation, addressee."""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = {
    "januari": 1,
    "februari": 2,
    "maart": 3,
    "april": 4,
    "mei": 5,
    "juni": 6,
    "juli": 7,
    "augustus": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "december": 12,
}
_MONTH = "(?:" + "|".join(MONTHS) + ")"
_DAY = r"\d{1,2}"
_YEAR = r"(?:\d{4}|a\.s\.|aanstaande)"
_SEP = r"\s*(?:-|–|—|en|t/m|tot en met)\s*"

# "13 en 14 oktober 2025", "13-14 oktober a.s.", "30 november en 1 december 2025",
# "16 december 2025", "30 november - 1 december".
MEETING_RE = re.compile(
    rf"\b(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH}))?(?:{_SEP}(?P<d2>{_DAY}))?\s+(?P<m2>{_MONTH})"
    rf"(?:\s+(?P<y>{_YEAR}))?",
    re.IGNORECASE,
)
_PLACE_RE = re.compile(r"^\s*(?:,\s*)?(?:in|te)\s+(?P<place>[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?)")
_LETTER_DATE_RE = re.compile(
    rf"^(?:Den Haag|'s-Gravenhage|Brussel|Amsterdam)\s*,?\s*(?P<d>{_DAY})\s+(?P<m>{_MONTH})\s+"
    r"(?P<y>\d{4})\s*$",
    re.IGNORECASE,
)
_ADDRESSEE_RE = re.compile(r"\b(Eerste|Tweede)\s+Kamer\b", re.IGNORECASE)
_TO_RE = re.compile(r"^Aan\s+de\s+(?:[Vv]oorzitter\s+van\s+de\s+)?(Eerste|Tweede)\s+Kamer\b")
_FORMATION_RE = re.compile(
    r"\b(?:Raad|raad)\s+(?:voor\s+)?(?P<f>[A-Z][^,]*?)\s*(?=,|\s+(?:van|op|d\.d\.)\s+\d|\s+\d|$)"
)
_SMALL_WORDS = frozenset(
    "van de het een en of der des den voor in op aan te met tot bij over om uit door".split()
)


@dataclass(frozen=True)
class Meeting:
    """The Council meeting's days and place as a phrase states them."""

    start: str | None
    end: str | None
    place: str | None


def iso(year: int, month: int, day: int) -> str | None:
    """An ISO date, or None where the numbers make no date."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_letter_date(text: str) -> str | None:
    """The date of a dateline such as "Den Haag, 29 september 2025"."""
    match = _LETTER_DATE_RE.match(text.strip())
    if not match:
        return None
    return iso(int(match["y"]), MONTHS[match["m"].lower()], int(match["d"]))


def parse_addressee(text: str) -> str | None:
    """'Eerste Kamer' or 'Tweede Kamer' from "Aan de Voorzitter van de … Kamer …"."""
    match = _TO_RE.match(text.strip())
    return f"{match.group(1).capitalize()} Kamer" if match else None


def addressee_from_name(text: str) -> str | None:
    """'Eerste Kamer' or 'Tweede Kamer' from any mention (a creator field)."""
    match = _ADDRESSEE_RE.search(text)
    return f"{match.group(1).capitalize()} Kamer" if match else None


def parse_meeting(text: str, letter_date: str | None) -> Meeting | None:
    """The first meeting phrase in `text`: days (a.s. resolved from the letter date) and place."""
    for match in MEETING_RE.finditer(text):
        year = _meeting_year(match["y"], MONTHS[match["m2"].lower()], letter_date)
        if year is None:
            continue
        end_month = MONTHS[match["m2"].lower()]
        start_month = MONTHS[match["m1"].lower()] if match["m1"] else end_month
        start_year = year - 1 if start_month > end_month else year
        start = iso(start_year, start_month, int(match["d1"]))
        end = iso(year, end_month, int(match["d2"])) if match["d2"] else start
        place = _PLACE_RE.match(text[match.end() :])
        return Meeting(start, end, place["place"] if place else None)
    return None


def _meeting_year(stated: str | None, month: int, letter_date: str | None) -> int | None:
    """The year stated, or for "a.s." the first such month on or after the letter date."""
    if stated and stated[0].isdigit():
        return int(stated)
    if not letter_date:
        return None
    year, letter_month = int(letter_date[:4]), int(letter_date[5:7])
    return year + 1 if month < letter_month else year


_COMPOUND_FORMATION_RE = re.compile(r"\b(?P<f>(?:[A-Z][\w-]*\s+en\s+)?[A-Z][a-zé]+)raad\b(?!\s*\()")


def parse_formation(title: str) -> str | None:
    """The Council formation named in an agenda title ("… van de Raad Algemene Zaken van …").

    Also the compound form: "Landbouw- en Visserijraad" → "Landbouw en Visserij".
    """
    match = _FORMATION_RE.search(title)
    if not match:
        compound = _COMPOUND_FORMATION_RE.search(title)
        return compound["f"].replace("- en ", " en ") if compound else None
    formation = re.sub(r"\s*\((?:[^)]*Raad[^)]*|[A-Z0-9&-]+)\)", "", match["f"]).strip()
    return formation or None


def title_case(text: str) -> str:
    """A title in capitals in title style: "BRIEF VAN DE MINISTER" → "Brief van de Minister"."""
    if text.upper() != text:
        return text
    words = text.lower().split(" ")
    return " ".join(
        word if i and word in _SMALL_WORDS else word[:1].upper() + word[1:]
        for i, word in enumerate(words)
    )
