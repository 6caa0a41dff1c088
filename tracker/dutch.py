"""Reading Dutch phrases of letters: dates, meeting days and place, addressee."""

from __future__ import annotations

import datetime
import re

from tracker import patterns
from tracker.records import dataclass

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
_DAY = r"(?:3[01]|[12]\d|0?[1-9])"
_WEEKDAY = r"(?:(?:maan|dins|woens|donder|vrij|zater|zon)dag,?\s+)"
_RANGE = r"(?:\s*(?:-|–|—|‐|/|&|\ben\b|t/m|tot en met|tot)\s*|\s+)"
_FUTURE = ("a.s.", "aanstaande")
_PAST = ("jl.", "jongstleden")
_RELATIVE = "(?:" + "|".join(re.escape(w) for w in _FUTURE + _PAST) + ")"

# One day or a span of days: "16 december 2025", "13 en 14 oktober a.s.", "13-14 oktober",
# "26/27 april", "13 14 oktober 2025", "30 november - 1 december", "maandag 17 februari 2020",
# "31 december 2025 - 1 januari 2026", "26 oktober jl.".
DATE_RE = patterns.compile(
    rf"(?=[\dmdwvz])(?<![\w/.\-]){_WEEKDAY}?(?P<d1>{_DAY})(?:\s+(?P<m1>{_MONTH})(?:\s+(?P<y1>\d{{4}}))?)?"
    rf"(?:{_RANGE}{_WEEKDAY}?(?P<d2>{_DAY}))?\s+(?P<m2>{_MONTH})(?:\s+(?P<y2>\d{{4}}))?"
    rf"(?:\s*(?P<rel>{_RELATIVE}))?(?!\w)",
    re.IGNORECASE,
)
_PLACE_RE = patterns.compile(
    r"^\s*(?:,\s*)?(?:in|te)\s+(?P<place>[A-Z][\w'-]+(?:[ -][A-Z][\w'-]+)?)"
)
# A dateline: "Den Haag, 29 september 2025", "'s-Gravenhage, 16 april 1999",
# "Datum 16 april 1999", "Datum: 16 april 1999".
_LETTER_DATE_RE = patterns.compile(
    rf"^(?:datum\s*:?\s*|(?:['’]s-gravenhage|den haag|[^\W\d_]+)\s*,\s*){_WEEKDAY}?"
    rf"(?P<d>{_DAY})\s+(?P<m>{_MONTH})\s+(?P<y>\d{{4}})\s*\.?$",
    re.IGNORECASE,
)
_ADDRESSEE_RE = patterns.compile(r"\b(Eerste|Tweede)\s+Kamer\b", re.IGNORECASE)
_TO_RE = patterns.compile(r"^Aan\s+de\s+(?:[Vv]oorzitter\s+van\s+de\s+)?(Eerste|Tweede)\s+Kamer\b")
_SMALL_WORDS = frozenset(
    "van de het een en of der des den voor in op aan te met tot bij over om uit door".split()
)


@dataclass(frozen=True)
class Meeting:
    """The Council meeting's days and place as a phrase states them."""

    start: str | None
    end: str | None
    place: str | None


@dataclass(frozen=True)
class DatePhrase:
    """Days as a phrase states them, before the year of "a.s." is known."""

    first_day: int
    first_month: int | None
    first_year: int | None
    last_day: int | None
    month: int
    year: int | None
    relative: str | None = None

    @property
    def past(self) -> bool:
        """Whether the phrase says the days are past ("26 oktober jl.")."""
        return self.relative in _PAST

    def resolve(self, reference: str | None) -> tuple[str, str] | None:
        """(start, end) as ISO dates; a missing year from the reference date (the letter's)."""
        year = self.year or _year_near(self.month, reference, self.past)
        if year is None:
            return None
        start_month = self.first_month or self.month
        start_year = self.first_year or (year - 1 if start_month > self.month else year)
        start = iso(start_year, start_month, self.first_day)
        end = iso(year, self.month, self.last_day) if self.last_day else start
        if start is None or end is None or end < start:
            return None
        return start, end


def iso(year: int, month: int, day: int) -> str | None:
    """An ISO date, or None where the numbers make no date."""
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date_phrase(match: re.Match[str]) -> DatePhrase:
    """The days a `DATE_RE` match states."""
    rel = match["rel"].lower() if match["rel"] else None
    return DatePhrase(
        int(match["d1"]),
        MONTHS[match["m1"].lower()] if match["m1"] else None,
        int(match["y1"]) if match["y1"] else None,
        int(match["d2"]) if match["d2"] else None,
        MONTHS[match["m2"].lower()],
        int(match["y2"]) if match["y2"] else None,
        rel,
    )


def parse_letter_date(text: str) -> str | None:
    """The date of a dateline such as "Den Haag, 29 september 2025" or "Datum 16 april 1999"."""
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
    for match in DATE_RE.finditer(text):
        phrase = parse_date_phrase(match)
        days = None if phrase.past else phrase.resolve(letter_date)
        if days is None:
            continue
        place = _PLACE_RE.match(text[match.end() :])
        return Meeting(days[0], days[1], place["place"] if place else None)
    return None


def _year_near(month: int, reference: str | None, past: bool) -> int | None:
    """The year of the first such month on or after (before, if past) the reference date."""
    if not reference:
        return None
    year, ref_month = int(reference[:4]), int(reference[5:7])
    if past:
        return year - 1 if month > ref_month else year
    return year + 1 if month < ref_month else year


def title_case(text: str) -> str:
    """A title in capitals in title style: "BRIEF VAN DE MINISTER" → "Brief van de Minister"."""
    if text.upper() != text:
        return text
    words = text.lower().split(" ")
    return " ".join(
        word if i and word in _SMALL_WORDS else word[:1].upper() + word[1:]
        for i, word in enumerate(words)
    )
