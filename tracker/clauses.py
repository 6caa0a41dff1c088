"""Split a lowercased sentence into clauses, and find whose view a clause states.

A careful reader asks who says a stance word: "De Commissie verwacht dat Nederland …
steunt" is the Commission's expectation, "Het kabinet vindt dat de Commissie … moet" the
cabinet's demand. The clauses here are cut with simple, general rules of Dutch: at a
comma, semicolon, colon, dash or bracket, and before a word that opens a clause (*dat*,
*die*, *omdat*, *zoals*, *waarbij*, *maar*, …). The opening word gives the kind:

- ``complement``: *dat* after a verb or an evaluation ("vindt dat", "van belang dat");
- ``relative``: *die*, *welke*, *waar…*, *wat*, or *dat* after a noun ("het akkoord dat",
  ", dat" after anything but a verb of saying);
- ``adverbial``: *omdat*, *zodat*, *zoals*, *indien*, *mits*, …;
- ``coordinate``: *maar*, *echter*, *doch*, *want*;
- ``aside``: words between brackets;
- ``main``: the rest. A sentence without a main clause has its first clause as main
  ("Zoals gemeld werkt het kabinet aan …": no comma closes the fronted clause).

`owner` answers for one clause whose view it states, walking from a clause to the clause
that governs it: a complement takes its governing clause's speaker first (the one who
"vindt dat"), any other clause its own speaker first; a fronted subordinate clause is
governed by the main clause after it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from tracker import patterns

COMPLEMENT = "complement"
RELATIVE = "relative"
ADVERBIAL = "adverbial"
COORDINATE = "coordinate"
ASIDE = "aside"
MAIN = "main"

_OPENERS = {
    "dat": COMPLEMENT,
    # An indirect question: "willen weten hoe het kabinet aankijkt tegen …".
    "hoe": COMPLEMENT,
    "die": RELATIVE,
    "welke": RELATIVE,
    "wat": RELATIVE,
    "waar": RELATIVE,
    "waarbij": RELATIVE,
    "waarin": RELATIVE,
    "waarmee": RELATIVE,
    "waardoor": RELATIVE,
    "waaraan": RELATIVE,
    "waarvoor": RELATIVE,
    "waarop": RELATIVE,
    "waarover": RELATIVE,
    "waarvan": RELATIVE,
    "omdat": ADVERBIAL,
    "doordat": ADVERBIAL,
    "aangezien": ADVERBIAL,
    "zodat": ADVERBIAL,
    "terwijl": ADVERBIAL,
    "hoewel": ADVERBIAL,
    "indien": ADVERBIAL,
    "wanneer": ADVERBIAL,
    "zoals": ADVERBIAL,
    "mits": ADVERBIAL,
    "zolang": ADVERBIAL,
    "tenzij": ADVERBIAL,
    "nadat": ADVERBIAL,
    "voordat": ADVERBIAL,
    "zodra": ADVERBIAL,
    "gezien": ADVERBIAL,
    "maar": COORDINATE,
    "echter": COORDINATE,
    "doch": COORDINATE,
    "want": COORDINATE,
}
# Openers that cut a clause without punctuation before them ("echter" mid-clause is an
# adverb: "is echter zaak dat"; "als", "of", "om" are too often no clause opener).
_INLINE = frozenset(w for w in _OPENERS if w not in ("echter", "gezien"))
_PUNCTUATION = patterns.compile(r"[,;:()]")
_DASH = patterns.compile(r"(?<= )[-–—]+(?= )")
_HAS_WORD = patterns.compile(r"\w")
_DETERMINERS = frozenset(
    "de het een deze dit die dat zijn haar hun ons onze mijn elk ieder".split()
)
# "het belangrijk dat", "het zaak dat": an evaluation takes a complement, not a relative.
_EVALUATION = patterns.compile(r"(?:lijk|ijk|ief|eel|aal|iek|zaak|belang|nodig|goed|mogelijk)$")


class Clause(NamedTuple):
    """A span of the lowercased sentence, and what kind of clause it is."""

    start: int
    end: int
    kind: str


def split_clauses(lowered: str) -> tuple[Clause, ...]:
    """The clauses of ``lowered``, in order: cut at punctuation and before opening words."""
    clauses: list[Clause] = []
    start, bracket = 0, False
    for at, mark in _cuts(lowered):
        _add(clauses, lowered, start, at, ASIDE if bracket or mark == ")" else MAIN)
        start = at + len(mark)
        bracket = mark == "(" or (bracket and mark != ")")
    _add(clauses, lowered, start, len(lowered), ASIDE if bracket else MAIN)
    clauses = [_with_kind(lowered, clause) for clause in clauses]
    if not clauses:
        return (Clause(0, len(lowered), MAIN),)
    if not any(c.kind == MAIN for c in clauses):
        clauses[0] = clauses[0]._replace(kind=MAIN)
    return tuple(clauses)


def _cuts(lowered: str) -> list[tuple[int, str]]:
    """Where clauses are cut, with the mark: punctuation, a dash, or a space before an opener."""
    cuts = [(m.start(), m[0]) for m in _PUNCTUATION.finditer(lowered)]
    if " -" in lowered or "–" in lowered or "—" in lowered:
        cuts += [(m.start(), m[0]) for m in _DASH.finditer(lowered)]
    for opener in _INLINE.intersection(lowered.split(" ")):
        at = lowered.find(f" {opener} ")
        while at >= 0:
            cuts.append((at, " "))
            at = lowered.find(f" {opener} ", at + 1)
    return sorted(cuts)


def _add(clauses: list[Clause], lowered: str, start: int, end: int, kind: str) -> None:
    """Add the clause from ``start`` to ``end``, spaces off, when it holds a word."""
    while start < end and lowered[start] == " ":
        start += 1
    while end > start and lowered[end - 1] == " ":
        end -= 1
    if end > start and _HAS_WORD.search(lowered, start, end):
        clauses.append(Clause(start, end, kind))


def _with_kind(lowered: str, clause: Clause) -> Clause:
    """The clause with the kind its opening word gives (brackets stay an aside)."""
    if clause.kind == ASIDE:
        return clause
    first = lowered[clause.start : clause.end].split(" ", 1)[0]
    kind = _OPENERS.get(first, MAIN)
    if first == "dat" and _is_relative_dat(lowered, clause.start):
        kind = RELATIVE
    if clause.start == 0 and first == "dat":
        kind = MAIN  # "Dat ben ik met hem eens": a demonstrative
    return clause._replace(kind=kind)


def _is_relative_dat(lowered: str, start: int) -> bool:
    """Whether *dat* at ``start`` opens a relative clause: after a noun, or after a comma."""
    before = lowered[max(0, start - 100) : start].rstrip()
    if before.endswith(","):
        # ", dat" after a verb of saying, also past an inserted phrase: "benadrukt, net
        # als de Commissie, dat"; after anything else it refers back to a noun.
        parts = [part.split() for part in before[:-1].split(",")[-2:]]
        return not any(words and _takes_complement(words) for words in parts)
    words = before.split()
    return len(words) > 1 and words[-2] in _DETERMINERS and not _EVALUATION.search(words[-1])


_SAYING = frozenset(
    "vindt vinden meent menen acht achten stelt stellen benadrukt benadrukken verwacht "
    "verwachten constateert constateren concludeert concluderen zegt zeggen wil willen "
    "hoopt hopen erop ervoor aan mening oordeel".split()
)


def _takes_complement(words: list[str]) -> bool:
    """Whether the words before a comma end in a verb of saying or thinking."""
    return words[-1] in _SAYING


def owner(
    clauses: tuple[Clause, ...], index: int, speaker: Callable[[int], str | None]
) -> str | None:
    """Whose view clause ``index`` states: ``speaker`` of it or of a clause governing it."""
    clause = clauses[index]
    if clause.kind == COMPLEMENT and index > 0:
        return owner(clauses, index - 1, speaker) or speaker(index)
    own = speaker(index)
    if own is not None:
        return own
    if index > 0:
        if clause.kind == MAIN:
            previous = [i for i in range(index) if clauses[i].kind == MAIN] or [index - 1]
            return owner(clauses, previous[-1], speaker)
        return owner(clauses, index - 1, speaker)
    following = [i for i in range(1, len(clauses)) if clauses[i].kind == MAIN]
    if clause.kind != MAIN and following:
        return owner(clauses, following[0], speaker)
    return None


def clause_at(clauses: tuple[Clause, ...], position: int) -> int:
    """The index of the clause that holds character ``position``."""
    for index, clause in enumerate(clauses):
        if position < clause.end:
            return index
    return len(clauses) - 1
