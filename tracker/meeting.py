"""The Council meeting a letter is for: formation, days and place, from the letter's text.

Each text is read for statements about a Council meeting: a formation's name or "de Raad"
(a reference), with the days and the place a phrase ties to it. Names, references and
dates become placeholders ("Op ⟦D0⟧ vindt de ⟦F1⟧ plaats in Brussel."), so the phrases
below are short patterns over them. A statement's strength says how surely it is about
the letter's own meeting: 1 the agenda's own phrase ("geannoteerde agenda van de Raad X
van …", "… vindt de Raad X plaats in …"), 2 a named meeting with days, 3 "de Raad" with
days, 4 a name alone. Days said to be past ("jl.") or before the letter's date are
another meeting's, and so is every place not tied to the meeting by a phrase.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from tracker import patterns
from tracker.dutch import DATE_RE, MONTHS, DatePhrase, parse_date_phrase, title_case
from tracker.formations import (
    Formation,
    Mention,
    dossier_formation,
    dossier_number,
    find_mentions,
)
from tracker.models import Council
from tracker.records import dataclass
from tracker.textnorm import fingerprint

_REF = r"⟦(?P<ref>[FR]\d+)⟧"
# "de Landbouw- en Visserijraad (hierna: de Raad) die op …": a definition in brackets
# says nothing of the meeting and stands between its name and its days.
_DEFINED_AS = patterns.compile(
    r"\s*\((?:hierna|verder|hierna te noemen)\b[^()]{0,60}\)", re.IGNORECASE
)
_CITY = (
    r"(?:(?i:den|la|le|las|los|san|santa|sint|saint|sankt|new) )?(?:'s-)?"
    r"[A-Z][^\W\d_]+(?:-[^\W\d_]+)*"
)
_NOT_A_CITY = frozenset("De Het Een Deze Dit Die Dat".split()) | {m.capitalize() for m in MONTHS}
# "de Raad", "deze Raad", "de informele Raad", "de bijeenkomst van 7 september"; not the
# Raad van State, Raad van Europa, Raad voor Cultuur, Raadsconclusies.
_ANAPHOR_RE = patterns.compile(
    r"(?=[dDeE])\b(?:"
    r"(?i:de|deze|een)\s+(?:(?i:in)?formele\s+)?(?:Raad|RAAD)(?![\w-])"
    r"(?!\s+(?:van\s+(?:de\s+)?[A-Z]|voor\s))"
    r"|(?i:de|deze)\s+(?i:bijeenkomst|vergadering)(?=\s+(?i:van|op|d\.d\.)\s+(?:\w+dag\s+)?\d))"
)
_AGENDA_BEFORE = patterns.compile(
    r"agenda\b(?:\s+(?:aan|toe|in|van|voor|de|het|bijeenkomst|gecombineerde|eurogroep|en"
    r"|d\.d\.))*\s*$",
    re.IGNORECASE,
)
_COORDINATED = patterns.compile(r"^\s*(?:en|&)\s+(?:de\s+)?(?:gecombineerde\s+)?⟦(?P<ref>F\d+)⟧")


@dataclass(frozen=True)
class MeetingPhrase:
    """A way letters tie days and a place to a meeting, with an example it reads."""

    name: str
    pattern: re.Pattern[str]
    states_meeting: bool
    example: str
    expected: tuple[str | None, str | None, str | None]  # formation key, start, place


def _phrase(
    name: str, pattern: str, states: bool, example: str, *expected: str | None
) -> MeetingPhrase:
    return MeetingPhrase(
        name, patterns.compile(pattern), states, example, (expected[0], expected[1], expected[2])
    )


_VINDT = r"(?i:vind(?:t|en)|kom(?:t|en)|zal|zullen|wordt)"
_PLAATS = r"(?i:plaats(?:vinden)?|bijeen(?:komen)?|gehouden)\b"
_IN = r"(?i:in|te)"
_VAN = r"(?i:van|op|d\.d\.|dd\.?|(?:die|is|staat|wordt)?\s*(?:gepland\s+)?op)"
_VERGADERT = r"(?i:vergader(?:t|en))"
_PAREN = r"\([^()⟦⟧]{1,30}\)"  # "(informeel)", "(formeel)"


def _date(n: int) -> str:
    return rf"⟦(?P<d{n}>D\d+)⟧"


def _place(n: int) -> str:
    return rf"(?P<p{n}>{_CITY})"


MEETING_PHRASES = (
    _phrase(
        "days, then 'vindt (in P) de Raad X plaats (in P)'",
        rf"{_date(1)}\s*,?\s*{_VINDT}\s+(?:{_IN}\s+{_place(1)}\s+)?(?:(?i:de|een|het)\s+)?{_REF}"
        rf"\s*(?:{_PAREN}\s*)?{_PLAATS}(?:\s+{_IN}\s+{_place(2)})?",
        True,
        "Op 7 en 8 september a.s. vindt in Kopenhagen de informele Landbouwraad plaats.",
        "lvr",
        "2025-09-07",
        "Kopenhagen",
    ),
    _phrase(
        "'de Raad X (van days) vindt (op days) plaats (op days) (in P)'",
        rf"{_REF}\s*(?:{_PAREN}\s*)?(?:{_VAN}\s+{_date(1)}\s*,?\s*)?{_VINDT}\s+"
        rf"(?:(?i:op)\s+{_date(2)}\s+)?(?:{_IN}\s+{_place(1)}\s+)?{_PLAATS}"
        rf"(?:\s+(?i:op)\s+{_date(3)})?(?:\s+{_IN}\s+{_place(2)})?",
        True,
        "De Landbouw- en Visserijraad vindt op 15 december plaats in Brussel.",
        "lvr",
        "2025-12-15",
        "Brussel",
    ),
    _phrase(
        "days, then 'vergadert (in P) de Raad X (in P)'",
        rf"{_date(1)}\s*,?\s*{_VERGADERT}\s+(?:{_IN}\s+{_place(1)}\s+)?(?:(?i:de|een|het)\s+)?"
        rf"{_REF}(?:\s+{_IN}\s+{_place(2)})?",
        True,
        "Op 16 maart vergadert de Raad Buitenlandse Zaken in Brussel.",
        "rbz",
        "2026-03-16",
        "Brussel",
    ),
    _phrase(
        "'de Raad X (van days) vergadert (op days) (in P)'",
        rf"{_REF}\s*(?:{_PAREN}\s*)?(?:{_VAN}\s+{_date(1)}\s*,?\s*)?{_VERGADERT}"
        rf"(?:\s+(?i:op)\s+{_date(2)})?(?:\s+{_IN}\s+{_place(1)})?",
        True,
        "De Transportraad vergadert op 4 december in Brussel.",
        "tte-vervoer",
        "2025-12-04",
        "Brussel",
    ),
    _phrase(
        "'de Raad X (te P) (van|op|d.d.) days (in P)'",
        rf"{_REF}\s*(?:\({_place(1)}\)\s*|{_PAREN}\s*|{_IN}\s+{_place(2)}\s*)?[,:]?\s*(?:-\s*)?"
        rf"(?:{_VAN}\s+)?{_date(1)}"
        rf"(?:\s*\({_place(3)}\)|\s*,?\s*{_IN}\s+{_place(4)}"
        rf"|\s*,\s*{_place(5)}(?=\s*(?:[,.;:(]|$)))?",
        False,
        "Geannoteerde agenda informele Landbouwraad te Kopenhagen, 7-9 september 2025",
        "lvr",
        "2025-09-07",
        "Kopenhagen",
    ),
    _phrase(
        "'agenda … de Raad X <topic> days': a topic word between name and days in a title",
        rf"(?i:agenda)\b[^⟦.]{{0,40}}{_REF}\s+[a-z]+\s+(?:{_VAN}\s+)?{_date(1)}",
        True,
        "Geannoteerde agenda van de Informele EPSCO-Raad gelijkheid 16 april 2026",
        "epsco",
        "2026-04-16",
        None,
    ),
)


@dataclass(frozen=True)
class _Statement:
    """What one phrase says of a meeting; `order` is (text, position) in reading order."""

    strength: int
    order: tuple[int, int]
    mention: Mention | None
    days: DatePhrase | None = None
    place: str | None = None
    start: str | None = None
    end: str | None = None
    informal: bool = False

    @property
    def formation(self) -> Formation | None:
        return self.mention.formation if self.mention else None


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str  # F: a formation named, R: "de Raad", D: days
    mention: Mention | None = None
    days: DatePhrase | None = None
    informal: bool = False


def read_council(
    texts: Sequence[str], letter_date: str | None, dossier: str | None = None
) -> Council:
    """The Council meeting a letter is for, from whichever of `texts` states it.

    `texts` in priority order: agenda title, agenda introduction, covering letter, letter or
    page title. Formation, days and place count only from phrases about the Council meeting;
    the dossier ("21501-31") names the formation where no text does.
    """
    texts = [_DEFINED_AS.sub("", text) for text in texts]
    found = [s for i, text in enumerate(texts) for s in _statements(fingerprint(text), i)]
    reference = letter_date or _first_year_stated(found)
    statements = [s for s in (_resolved(s, reference, letter_date) for s in found) if s]
    chosen = _choose_formation(statements, dossier)
    formation = chosen.formation if chosen else None
    related = [s for s in statements if _same_meeting_formation(s, formation)]
    dated = sorted((s for s in related if s.start), key=_rank)
    start, end = (dated[0].start, dated[0].end) if dated else (None, None)
    formation = _refined(formation, statements, start)
    if formation is None and dossier:
        formation = dossier_formation(dossier)
    placed = sorted((s for s in related if s.place and _during(s, start, end)), key=_rank)
    informal = bool(chosen and chosen.informal) or any(
        s.informal for s in related if s.strength <= 3 and s.start and s.start == start
    )
    if formation is None:
        return Council(None, start, end, placed[0].place if placed else None)
    return Council(
        formation.name,
        start,
        end,
        placed[0].place if placed else None,
        key=formation.key,
        label=formation.label,
        informal=informal,
    )


def _during(statement: _Statement, start: str | None, end: str | None) -> bool:
    """Whether a statement's days fall within the meeting's (or it states none)."""
    if statement.start is None:
        return True
    return bool(start and end and start <= statement.start <= end)


def meeting_template(text: str) -> str:
    """The text as the meeting phrases see it: "Op ⟦D0⟧ vindt de ⟦F1⟧ plaats in Brussel."."""
    folded = fingerprint(text)
    return _template(folded, _spans(folded))[0]


def _rank(statement: _Statement) -> tuple[int, tuple[int, int]]:
    return statement.strength, statement.order


def _statements(text: str, index: int) -> list[_Statement]:
    """The statements one text makes about Council meetings."""
    spans = _spans(text)
    if not spans:
        return []
    template, offsets = _template(text, spans)
    found: dict[int, _Statement] = {}
    for phrase in MEETING_PHRASES:
        for match in phrase.pattern.finditer(template):
            ref = int(match["ref"][1:])
            if ref not in found:
                found[ref] = _statement(phrase, match, spans, template, offsets, index)
    _coordinate(found, spans, template, offsets)
    roots = {s.mention.formation.root for s in spans if s.mention}
    for i, span in enumerate(spans):
        if span.mention and i not in found:
            strength = 1 if _agenda_before(template, offsets[i]) else 4
            if strength == 1 or len(roots) == 1:
                found[i] = _Statement(
                    strength, (index, span.start), span.mention, informal=span.informal
                )
    return sorted(found.values(), key=lambda s: s.order)


def _spans(text: str) -> list[_Span]:
    """Formations named, "de Raad" references and days, in order, none overlapping."""
    spans = [_Span(m.start, m.end, "F", m, informal=m.informal) for m in find_mentions(text)]
    anaphors = [
        _Span(m.start(), m.end(), "R", informal="informele" in m.group().lower())
        for m in _ANAPHOR_RE.finditer(text)
    ]
    spans = _without_overlaps(spans, anaphors)
    days = [
        _Span(m.start(), m.end(), "D", days=parse_date_phrase(m)) for m in DATE_RE.finditer(text)
    ]
    return _without_overlaps(spans, days)


def _without_overlaps(kept: list[_Span], more: list[_Span]) -> list[_Span]:
    """`kept` and those of `more` that overlap none of them, in order of their start."""
    starts = [s.start for s in kept]
    added = []
    for span in more:
        i = bisect.bisect_right(starts, span.start)
        before = kept[i - 1] if i else None
        after = kept[i] if i < len(kept) else None
        if (before is None or before.end <= span.start) and (
            after is None or span.end <= after.start
        ):
            added.append(span)
    return sorted(kept + added, key=lambda s: s.start)


def _template(text: str, spans: list[_Span]) -> tuple[str, list[int]]:
    """The text with each span replaced by ⟦F3⟧, ⟦R0⟧ or ⟦D1⟧; where each placeholder starts."""
    parts, offsets, pos, length = [], [], 0, 0
    for i, span in enumerate(spans):
        parts.append(text[pos : span.start])
        length += span.start - pos
        offsets.append(length)
        token = f"⟦{span.kind}{i}⟧"
        parts.append(token)
        length += len(token)
        pos = span.end
    parts.append(text[pos:])
    return "".join(parts), offsets


def _statement(
    phrase: MeetingPhrase,
    match: re.Match[str],
    spans: list[_Span],
    template: str,
    offsets: list[int],
    index: int,
) -> _Statement:
    ref = int(match["ref"][1:])
    span = spans[ref]
    groups = match.groupdict()
    date_id = next((v for k, v in groups.items() if k[0] == "d" and v), None)
    days = spans[int(date_id[1:])].days if date_id else None
    place = next((c for k, v in groups.items() if k[0] == "p" and v and (c := _city(v))), None)
    if phrase.states_meeting or _agenda_before(template, offsets[ref]):
        strength = 1
    else:
        strength = 2 if span.mention else 3
    return _Statement(
        strength, (index, span.start), span.mention, days, place, informal=span.informal
    )


def _coordinate(
    found: dict[int, _Statement], spans: list[_Span], template: str, offsets: list[int]
) -> None:
    """ "de Raad X en de Raad Y van 3 februari": X meets on Y's days too."""
    for i, span in enumerate(spans):
        if not span.mention or (i in found and found[i].days):
            continue
        end = offsets[i] + len(f"⟦F{i}⟧")
        match = _COORDINATED.match(template[end:])
        j = int(match["ref"][1:]) if match else -1
        other = found.get(j)
        if other and other.days:
            strength = 1 if _agenda_before(template, offsets[i]) else other.strength
            order = (other.order[0], span.start)
            found[i] = _Statement(
                strength, order, span.mention, other.days, other.place, informal=span.informal
            )
            found[j] = replace(other, strength=min(strength, other.strength))


def _agenda_before(template: str, offset: int) -> bool:
    """Whether the words before a placeholder are "(geannoteerde) agenda (aan) van de"."""
    return bool(_AGENDA_BEFORE.search(template[max(0, offset - 80) : offset]))


def _city(text: str) -> str | None:
    if text.split(" ")[0] in _NOT_A_CITY:
        return None
    return title_case(text) if text.isupper() else text


def _first_year_stated(statements: list[_Statement]) -> str | None:
    """A reference for "a.s." where the letter has no date: the first full date stated."""
    for statement in sorted(statements, key=_rank):
        days = statement.days.resolve(None) if statement.days and not statement.days.past else None
        if days:
            return days[0]
    return None


def _resolved(
    statement: _Statement, reference: str | None, letter_date: str | None
) -> _Statement | None:
    """The statement with its days as dates; None where they are another, past meeting's."""
    if statement.days is None:
        return statement
    days = None if statement.days.past else statement.days.resolve(reference)
    if days is None or (letter_date and days[0] < letter_date):
        # Another meeting's days, or none we can date: the name alone, if there is one.
        other = statement.mention and not statement.days.past and days is None
        if statement.mention is None:
            return None
        return replace(
            statement, days=None, place=None, strength=statement.strength if other else 4
        )
    return replace(statement, start=days[0], end=days[1])


def _choose_formation(statements: list[_Statement], dossier: str | None) -> _Statement | None:
    """The statement naming the letter's formation: the agenda's own phrase, or the dossier's.

    Among the agenda's own phrases (or, without one, among all), a formation whose own
    (first) dossier is the letter's wins, then one whose letters also go there, then the
    strongest and first in reading order.
    """
    named = sorted((s for s in statements if s.mention), key=_rank)
    if not named:
        return None
    # Without the agenda's own phrase, any formation of the letter's dossier beats others'.
    top = [s for s in named if s.strength == 1] or named
    number = dossier_number(dossier) if dossier else None
    own = [s for s in top if s.formation and s.formation.dossiers[:1] == (number,)]
    filed = [s for s in top if s.formation and number in s.formation.dossiers]
    return (own or filed or top)[0]


def _same_meeting_formation(statement: _Statement, formation: Formation | None) -> bool:
    """Whether a statement may be about the chosen formation's meeting ("de Raad" always is)."""
    named = statement.formation
    return named is None or formation is None or named.root == formation.root


def _refined(
    formation: Formation | None, statements: list[_Statement], start: str | None
) -> Formation | None:
    """The sub-configuration ("Werkgelegenheid en Sociaal Beleid") named for the meeting."""
    if formation is None or formation.parent:
        return formation
    children = [
        s.formation
        for s in sorted(statements, key=_rank)
        if s.formation
        and s.formation.parent == formation.key
        and s.strength <= 2
        and s.start == start
    ]
    return children[0] if children else formation
