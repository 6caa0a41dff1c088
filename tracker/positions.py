"""Read one sentence: does it state the Dutch government's position, and with what stance?

The reader follows the sentence's structure, as a careful Dutch reader does:

1. **Who speaks.** The sentence is cut into clauses (`tracker.clauses`) and the
   government's mentions are found (`tracker.speakers`): "het kabinet", "Nederland", "de
   regering", "de minister", "ik"/"wij", "de Nederlandse inzet", "steun van het kabinet",
   "volgens het kabinet", "voor Nederland is van belang", "in lijn met de kabinetsinzet",
   "op Nederlands initiatief". Others are named too: the Commission, the presidency, member
   states, parliaments, parties, "zij".
2. **Letter business** ("Hierbij bied ik u … aan", "Daarnaast informeer ik uw Kamer …",
   "op uw verzoek") and courtesy to parliament are no position, whoever speaks.
3. **The stance** is that of the first stance rule (`tracker.stances.STANCE_RULES`, in
   order of precedence) with a match in a clause whose view is the government's: its own
   clause names the government, or the clause that governs it does ("Het kabinet vindt
   dat [dit doel met het voorstel niet wordt behaald]"); a complement takes the view of
   the clause it completes ("De Commissie verwacht dat [Nederland …]" is the
   Commission's). A match in someone else's clause is skipped, so "De Commissie is
   kritisch, maar het kabinet steunt het voorstel" is support; so is one in a clause that
   gives a reason ("…, omdat het behandelvoorbehoud nog niet was opgeheven").
4. **Conduct.** With no stance rule, the government acting in a main clause is support
   ("Nederland zal bijdragen"), unless it takes part or is represented ("De minister zal
   deelnemen") or a fact is told ("Nederland heeft het plan ingediend"): no position; or
   unless its clause is negated ("Nederland kan zich hier niet in vinden"): opposition.
5. **The letter's own voice.** Without the government as speaker, an evaluation in the
   letter's own words (`tracker.stances.EVALUATIVE_RULES`: "Hierbij is het van belang dat",
   "Het is nu aan het Verenigd Koninkrijk", "De EU moet een speler zijn") is a position,
   unless others' view frames it ("De Commissie acht het van belang"); a stance rule
   that says more (negation, conditions, concerns, a wish) gives its stance.

``Reading.cue`` is the words that decided, ``Reading.rule`` the name of the rule.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from tracker import patterns
from tracker.clauses import (
    ADVERBIAL,
    COMPLEMENT,
    COORDINATE,
    MAIN,
    Clause,
    clause_at,
    owner,
    split_clauses,
)
from tracker.extract.base import NOTE_OPEN, strip_notes
from tracker.records import dataclass
from tracker.rules import Rule, word_stems
from tracker.speakers import (
    GOVERNMENT,
    NO_STANCE_RULES,
    NOT_A_POSITION_RULES,
    OTHERS,
    OTHERS_VIEW,
    government_mentions,
    of_others,
    other_mentions,
)
from tracker.stances import (
    CONDITIONAL,
    EVALUATIVE_RULES,
    NEGATED_CONDUCT,
    NEUTRAL,
    OPPOSE,
    STANCE_RULES,
    STANCES,
    SUPPORT,
)
from tracker.textnorm import fingerprint

__all__ = [
    "CONDITIONAL",
    "NEUTRAL",
    "OPPOSE",
    "RULES",
    "STANCES",
    "STANCES_NL",
    "SUPPORT",
    "Reading",
    "comparable",
    "read_position",
]

# How pages, feeds and stored titles say a stance in Dutch; "none": no position sentence.
STANCES_NL = {
    SUPPORT: "voor",
    OPPOSE: "tegen",
    CONDITIONAL: "onder voorwaarden",
    NEUTRAL: "neutraal",
    "none": "geen standpunt",
}
CONDUCT = "support: conduct"
# Every table row of the reader, each with its examples and counter-examples.
RULES: tuple[Rule, ...] = (
    NOT_A_POSITION_RULES
    + STANCE_RULES
    + NO_STANCE_RULES
    + (NEGATED_CONDUCT, OTHERS_VIEW)
    + EVALUATIVE_RULES
)
# In the letter's own voice a demand is already the evaluation's; these add nothing to it.
_NOT_OVER_EVALUATIONS = frozenset(("conditional: demand", "conditional: normative modal"))
_OVER_EVALUATIONS = tuple(r for r in STANCE_RULES if r.name not in _NOT_OVER_EVALUATIONS)


@dataclass(frozen=True)
class Reading:
    """What a sentence says of the government: a position or not, its stance and cue."""

    position: bool
    stance: str | None = None
    cue: str | None = None
    rule: str | None = None


NOT_A_POSITION = Reading(False)


@dataclass(frozen=True)
class _Sentence:
    """A sentence as the rules see it: as written, lowercased, its word stems; its clauses
    and who speaks in each are worked out when first asked for."""

    text: str
    lowered: str
    words: set[str]
    government: tuple[re.Match[str], ...]

    @functools.cached_property
    def clauses(self) -> tuple[Clause, ...]:
        """The clauses of the sentence."""
        return split_clauses(self.lowered)

    @functools.cached_property
    def speakers(self) -> dict[int, str]:
        """Who speaks in each clause that names someone: the government before others."""
        clauses = self.clauses
        speakers: dict[int, str] = {}
        for start in other_mentions(self.lowered, self.words, tuple(c.start for c in clauses)):
            speakers.setdefault(clause_at(clauses, start), OTHERS)
        for match in self.government:
            speakers[clause_at(clauses, match.start())] = GOVERNMENT
        return speakers

    def owner(self, position: int) -> str | None:
        """Whose view the clause at ``position`` states; what the government expects others to
        do ("Het kabinet verwacht dat [de lidstaten … steunen]") is theirs, not its view."""
        index = clause_at(self.clauses, position)
        clause = self.clauses[index]
        if clause.kind == COMPLEMENT and index > 0:
            before = self.clauses[index - 1]
            if _EXPECTING.search(self.lowered, before.start, before.end):
                return self.speakers.get(index)
        return owner(self.clauses, index, self.speakers.get)


# A clause ending in a verb of expecting: its complement is a forecast, not a view.
_EXPECTING = patterns.compile(r"\b(?:verwacht|verwachten|voorziet|voorzien)(?: [^ ]+){0,4}$")

# Characters that fingerprint keeps as they are (ASCII but "`", Latin letters), and the
# typographic quotes and dashes that it maps one to one; single spaces are checked apart.
_KEPT = "\x20-\x5f\x61-\x7e\u00c0-\u024f"
_TYPOGRAPHIC = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u2010-\u2015\u2212"
_PLAIN = patterns.compile(f"[{_KEPT}]*")
_FOLDABLE = patterns.compile(f"[{_KEPT}{_TYPOGRAPHIC}]*")
_TYPOGRAPHIC_RE = patterns.compile(f"[{_TYPOGRAPHIC}]")


def comparable(sentence: str) -> str:
    """``fingerprint(strip_notes(sentence))``, quick for the common, already clean text."""
    text = strip_notes(sentence) if NOTE_OPEN in sentence else sentence
    if "  " in text or text[:1] == " " or text[-1:] == " ":
        return fingerprint(text)
    if _PLAIN.fullmatch(text):
        return text
    if _FOLDABLE.fullmatch(text):
        return _TYPOGRAPHIC_RE.sub(lambda m: fingerprint(m[0]), text)
    return fingerprint(text)


def compile_rules(stop: Callable[[], bool] | None = None) -> None:
    """Compile every rule's patterns now, as a server does before its first request; a
    one-off `tracker diff` leaves each to be compiled when a sentence first needs it,
    but for those it compiles while it waits for its other letter: up to when `stop()`."""
    for row in RULES:
        if stop is not None and stop():
            return
        row.compiled()


def read_position(sentence: str) -> Reading:
    """Whether ``sentence`` states the government's position, with its stance and cue."""
    return _read(comparable(sentence))


# A letter's sentences are read again in every diff, thread and feed of its meeting.
@functools.lru_cache(maxsize=8192)
def _read(text: str) -> Reading:
    """The reading of a sentence already made comparable."""
    lowered = text.lower()
    words = word_stems(lowered)
    government = government_mentions(lowered, words)
    parsed = _Sentence(text, lowered, words, tuple(government))
    if not government:
        return _read_evaluative(parsed)
    for row in NOT_A_POSITION_RULES:
        if row.find(lowered, words):
            return Reading(False, rule=row.name)
    for row in STANCE_RULES:
        for match in row.matches(lowered, words, text):
            start, end = _cue_span(match)
            if (
                parsed.owner(start) == GOVERNMENT
                and not _gives_reason(parsed, start, end)
                and not of_others(lowered, end)
            ):
                return Reading(True, row.stance, _cue(parsed, match), row.name)
    acting = [m for m in government if _acts(parsed, m.start())]
    if not acting:
        return _read_evaluative(parsed)
    for row in NO_STANCE_RULES:
        if row.find(lowered, words):
            return Reading(False, rule=row.name)
    for match in NEGATED_CONDUCT.matches(lowered, words):
        # Not a negation in a condition or reason ("…, zolang de afdracht niet stijgt").
        kind = parsed.clauses[clause_at(parsed.clauses, match.start())].kind
        if kind != ADVERBIAL and parsed.owner(match.start()) == GOVERNMENT:
            return Reading(True, OPPOSE, _cue(parsed, match), NEGATED_CONDUCT.name)
    return Reading(True, SUPPORT, _cue(parsed, acting[0]), CONDUCT)


# "…, omdat het behandelvoorbehoud nog niet was opgeheven": a reason, not the stance.
_REASONS = frozenset(("omdat", "doordat", "aangezien"))


def _gives_reason(parsed: _Sentence, start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` begin or end in a clause giving a reason."""
    for at in (start, end - 1):
        clause = parsed.clauses[clause_at(parsed.clauses, at)]
        opener = parsed.lowered[clause.start : clause.end].split(" ", 1)[0]
        if clause.kind == ADVERBIAL and opener in _REASONS:
            return True
    return False


def _acts(parsed: _Sentence, start: int) -> bool:
    """Whether the government mentioned at ``start`` acts in a main clause of its own; one
    whose view is cited ("Volgens het kabinet kan het voorstel …") does not act."""
    index = clause_at(parsed.clauses, start)
    if parsed.lowered.endswith("volgens ", 0, start):
        return False
    return parsed.clauses[index].kind in (MAIN, COORDINATE) and parsed.owner(start) == GOVERNMENT


def _read_evaluative(parsed: _Sentence) -> Reading:
    """The reading of a sentence without the government as speaker: the letter's own voice."""
    found = _first_owned(EVALUATIVE_RULES, parsed, (None, GOVERNMENT, OTHERS))
    if found is None:
        return NOT_A_POSITION
    row, match = found
    if parsed.owner(_cue_start(match)) == OTHERS or OTHERS_VIEW.find(parsed.lowered, parsed.words):
        return Reading(False, rule=OTHERS_VIEW.name)
    stronger = _first_owned(_OVER_EVALUATIONS, parsed, (None, GOVERNMENT))
    if stronger is not None and stronger[0].stance != row.stance:
        row, match = stronger
    return Reading(True, row.stance, _cue(parsed, match), row.name)


def _first_owned(
    rules: tuple[Rule, ...], parsed: _Sentence, owners: tuple[str | None, ...]
) -> tuple[Rule, re.Match[str]] | None:
    """The first rule with a match in a clause whose speaker is one of ``owners``."""
    for row in rules:
        for match in row.matches(parsed.lowered, parsed.words, parsed.text):
            if parsed.owner(_cue_start(match)) in owners:
                return row, match
    return None


def _cue_span(match: re.Match[str]) -> tuple[int, int]:
    """Where the deciding words are: a group named ``cue…`` when one took part, else the match."""
    for name in match.re.groupindex:
        if name.startswith("cue") and match[name] is not None:
            return match.span(name)
    start, end = match.span()
    return start + len(match[0]) - len(match[0].lstrip(",;: ")), end


def _cue_start(match: re.Match[str]) -> int:
    """Where the deciding words start."""
    return _cue_span(match)[0]


def _cue(parsed: _Sentence, match: re.Match[str]) -> str:
    """The deciding words as they stand in the text."""
    start, end = _cue_span(match)
    if len(parsed.text) == len(parsed.lowered):
        return parsed.text[start:end]
    return parsed.lowered[start:end]
