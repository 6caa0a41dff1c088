"""A reading rule: a named pattern with its stance and the sentences that show it at work.

Every table of the position reader (stances in `tracker.stances`, speakers in
`tracker.speakers`) is made of these rows. A row carries its evidence: ``examples`` that
the row decides, read as its stance (or as no position when its stance is None), and
``counter_examples`` that look alike but that the row must not decide. One test runs
every row's sentences through `tracker.positions.read_position`.

Rules match the sentence without note markers, fingerprinted and lowercased (a ``cased``
rule: as written). Each rule names stems, word beginnings of which at least one starts a
word of every match; a rule is searched only when the sentence has such a word (and, for a
rule with ``also`` stems, a word of those too), so most sentences cost a set look-up per rule
instead of a search. A rule's pattern is compiled when it is first searched: one run of
`tracker diff` meets a fraction of the rules, and compiling them all cost more than the
reading.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import cached_property

from tracker import patterns
from tracker.records import dataclass

# Words are looked up by their first letters; a shorter stem must be the whole word.
STEM_LENGTH = 5


@dataclass(frozen=True)
class Rule:
    """A named pattern, searched only in sentences with a word that starts with a stem."""

    name: str
    stance: str | None
    stems: frozenset[str]
    source: str  # the pattern, compiled on first use
    unless_source: str = ""  # the exclusion, if any
    examples: tuple[str, ...] = ()
    counter_examples: tuple[str, ...] = ()
    cased: bool = False
    also: frozenset[str] = frozenset()

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern."""
        return patterns.compile(self.source)

    @cached_property
    def unless(self) -> re.Pattern[str] | None:
        """The compiled exclusion, or None."""
        return patterns.compile(self.unless_source) if self.unless_source else None

    def compiled(self) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
        """Both patterns, compiled now if they were not yet."""
        return self.pattern, self.unless

    def matches(self, lowered: str, words: set[str], text: str = "") -> Iterator[re.Match[str]]:
        """Every match in ``lowered`` (or ``text`` for a cased rule), unless excluded."""
        if self.stems and self.stems.isdisjoint(words):
            return iter(())
        if self.also and self.also.isdisjoint(words):
            return iter(())
        found = self.pattern.finditer(text if self.cased else lowered)
        first = next(found, None)
        # The exclusion is searched only when the pattern matched: most sentences stop here.
        if first is None or (self.unless is not None and self.unless.search(lowered)):
            return iter(())
        return itertools.chain((first,), found)

    def find(self, lowered: str, words: set[str], text: str = "") -> re.Match[str] | None:
        """The rule's first match, or None."""
        return next(self.matches(lowered, words, text), None)


def rule(
    name: str,
    stance: str | None,
    stems: str,
    alternatives: tuple[str, ...],
    *,
    unless: str = "",
    examples: tuple[str, ...] = (),
    counter: tuple[str, ...] = (),
    cased: bool = False,
    also: str = "",
) -> Rule:
    """A rule from space-separated stems and lowercase alternatives with literal spaces;
    with ``also``, a sentence needs a word of each of the two sets of stems."""
    return Rule(
        name,
        stance,
        frozenset(stem[:STEM_LENGTH] for stem in stems.split()),
        "|".join(alternatives),
        unless,
        examples,
        counter,
        cased,
        frozenset(stem[:STEM_LENGTH] for stem in also.split()),
    )


def gap(n: int) -> str:
    """A pattern for a space, then up to ``n`` words and a space, within one clause."""
    return rf" (?:[^ ,.;:]+ ){{0,{n}}}?"


def word_stems(lowered: str) -> set[str]:
    """The stems (first letters) of the words of ``lowered``, punctuation around them off."""
    spaced = lowered.replace(",", " ").replace(".", " ").replace("(", " ").replace('"', " ")
    return {word[:STEM_LENGTH] for word in spaced.split()}
