"""Split a Dutch paragraph into sentences: rules tuned to government letters.

A candidate boundary is ".", "?" or "!" (with closing quotes, brackets and a footnote
marker U+E000…U+E001 that belong to the sentence before it) followed by white space
and a capital or an opening quote or bracket. A "." does not end a sentence after an
abbreviation, an initial or a dotted lowercase token (``o.i.d.``), except that an
abbreviation that often closes a sentence (``jl.``, ``a.s.``, …) does when the next word
is a typical sentence start (``Het``, ``De``, ``Nederland``, …). Doubtful cases merge:
a merged sentence makes a slightly larger diff, a split one a noisy diff.
"""

from __future__ import annotations

import re
from functools import lru_cache

from tracker import patterns

# Lowercase, without the final ".". Unknown dotted ones (o.i.d.) are caught by _DOTTED.
ABBREVIATIONS = frozenset(
    """
    a.s afd alg art bijv blz bv ca c.q cf cfm d.d d.i d.w.z dhr dr drs e.a e.d e.e.a
    enz etc evt excl fig i.c i.e i.o i.p.v i.s.m i.v.m i.t.t jl jr ing ir incl m.a.w
    m.b.t m.b.v m.i.v m.n max min mevr mld mln mr mrd mw n.a.v n.v.t nl no nr nrs o.a
    o.b.v o.i o.m p pag par pct prof red resp sr st t.a.v t.b.v t.o.v t.w vgl vs vz
    w.o z.g z.o.z z.s.m zgn
    """.split()
)

# Abbreviations that often stand at the end of a sentence ("op 23 juli jl.").
SENTENCE_FINAL_ABBREVIATIONS = frozenset("a.s jl e.d e.a enz etc e.e.a z.s.m".split())

# Capitalised words that start sentences in these letters but rarely follow "jl." inside
# one; a name after "jl." ("juli jl. Commissaris Brunner") stays merged.
SENTENCE_STARTS = frozenset(
    """
    De Het Een Dit Deze Dat Die Daar Er Ook In Op Bij Met Voor Na Naar Om Over Tot Tijdens
    Door Uit Aan Als Indien Zoals Daarnaast Daarom Daarbij Daarmee Daarin Daarvoor Daartoe
    Hierbij Hiermee Hierin Hierover Hiervoor Hierdoor Verder Voorts Tevens Bovendien
    Tegelijkertijd Vervolgens Inmiddels Momenteel Ten Ter Vanuit Vanaf Sinds Zo Wel Niet
    Nog Wij We Ik Zij Hij U Men Nederland Gezien Gelet Naast Onder Mede Volgens Namens
    Ondanks Hoewel Omdat Wanneer Alle Veel Enkele Beide Zowel Echter Wat Welke Waar
    """.split()
)

_OPENERS = "“‘\"'«([„"
_MARKER = patterns.compile("\ue000[^\ue001]*\ue001")
# The stop run, closers, footnote markers, the gap and what follows. The word before the
# stop is found by looking back from it: a pattern that starts at every word to find it
# costs twice as much, and this runs on every paragraph of every letter.
_BOUNDARY = patterns.compile(
    r"(?P<stop>[.?!]+)(?P<close>[”’\"'»)\]]*)"
    r"(?P<marker>(?:\ue000[^\ue001]*\ue001)*)(?P<gap>\s+)(?=(?P<next>\S+))"
)
_INITIALS = patterns.compile(r"(?:[A-Z]\.)*[A-Z]")
_DOTTED = patterns.compile(r"[a-z]{1,4}(?:\.[a-z]{1,4})+")


# A paragraph is split when its letter is rendered and again for its units (and letters
# repeat paragraphs): the sentences of one up to this long are kept (a bounded cache).
_KEPT_LENGTH = 2000


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into stripped sentences; the white space between them is dropped."""
    return list(_kept_split(text)) if len(text) <= _KEPT_LENGTH else list(_split(text))


def _split(text: str) -> tuple[str, ...]:
    sentences = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if _ends_sentence(match, _word_before(text, match.start())):
            sentences.append(text[start : match.start("gap")].strip())
            start = match.end("gap")
    sentences.append(text[start:].strip())
    return tuple(sentence for sentence in sentences if sentence)


_kept_split = lru_cache(maxsize=4096)(_split)


def _word_before(text: str, end: int) -> str:
    """The run of non-space characters that ends at ``end``."""
    begin = end
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:end]


def _ends_sentence(match: re.Match[str], word: str) -> bool:
    """Whether the candidate boundary in ``match``, after ``word``, ends a sentence."""
    following = match["next"]
    if not (following[0].isupper() or following[0] in _OPENERS):
        return False
    # "?", "!" and a stop closed by a quote or bracket ("(zie bijlage.)") are never abbreviations.
    if "?" in match["stop"] or "!" in match["stop"] or match["close"]:
        return True
    word = _MARKER.sub("", word).lstrip(_OPENERS)
    if _is_abbreviation(word):
        return word.lower() in SENTENCE_FINAL_ABBREVIATIONS and _starts_sentence(following)
    return not (_INITIALS.fullmatch(word) or _DOTTED.fullmatch(word))


def _is_abbreviation(word: str) -> bool:
    """Whether ``word`` (without its ".") is a known abbreviation, capitalised or not."""
    # "Nr." at a sentence start is an abbreviation, "VS." (Verenigde Staten) is not.
    return word in ABBREVIATIONS or (
        word[:1].isupper() and word[:1].lower() + word[1:] in ABBREVIATIONS
    )


def _starts_sentence(following: str) -> bool:
    """Whether the text after a boundary starts with a typical sentence-opening word."""
    word = following.lstrip(_OPENERS).rstrip(",:;")
    return word in SENTENCE_STARTS
