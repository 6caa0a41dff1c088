"""Text clean-up shared by every format, and the fingerprint that compares renditions.

The fingerprint is what "the same text" means between two renditions of a letter:
Unicode NFC, white space folded to single spaces, one kind of quotes and dashes,
no soft hyphens, ligatures or zero-width characters. Reading text keeps the
source's quotes and dashes; only comparisons use the fingerprint.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from tracker import patterns

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
# Invisible characters, and the controls XML 1.0 forbids (C0 but tab/newline/return)
# or that are noise from PDFs (C1). Regexes, not str.translate: much faster on long text.
_DROPPED = patterns.compile(
    "[\u00ad\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
)
_SPACES = patterns.compile(r"[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_FOLDED = (
    dict.fromkeys("‘’‚‛′`´", "'") | dict.fromkeys("“”„‟″«»", '"') | dict.fromkeys("‐‑‒–—―−", "-")
)
_FOLD_RE = patterns.compile("[" + "".join(_FOLDED) + "]")
_LIGATURE_RE = patterns.compile("|".join(_LIGATURES))


# Text that none of the steps below would change: printable ASCII and Latin letters,
# single spaces inside. Most text of a normalised letter is like that. (The double space
# is looked for apart: as an alternative in the pattern, the engine would try both at
# every position, three times slower on a paragraph.)
_NOT_PLAIN = patterns.compile(r"[^\x20-\x5f\x61-\x7e\u00c0-\u017f]")
# Text that reading text keeps as it is: the above, and the typographic quotes, dashes
# and signs (and the note markers) that only the fingerprint folds; none of them
# composes in NFC.
_NOT_READING = patterns.compile(
    r"[^\x20-\x7e\u00c0-\u017f\u2013\u2014\u2018\u2019\u201c\u201d\u2022\u2026"
    r"\u20ac\ue000\ue001]"
)
# Texts are cleaned several times over (extractor, structure, units) and letters repeat
# many of them: the clean-up of a text up to this long is kept (a bounded cache).
_KEPT_LENGTH = 1024


def _is_clean(text: str) -> bool:
    return not ("  " in text or text[:1] == " " or text[-1:] == " " or _NOT_PLAIN.search(text))


def clean_text(text: str) -> str:
    """Reading text: NFC, no ligatures, invisible or control characters, folded white space."""
    if not ("  " in text or text[:1] == " " or text[-1:] == " " or _NOT_READING.search(text)):
        return text
    return _kept_clean(text) if len(text) <= _KEPT_LENGTH else _clean(text)


def _clean(text: str) -> str:
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _LIGATURE_RE.sub(lambda m: _LIGATURES[m.group(0)], text)
    return _SPACES.sub(" ", _DROPPED.sub("", text)).strip()


def fingerprint(text: str) -> str:
    """The comparison form of a text: cleaned, one kind of quotes and dashes."""
    if _is_clean(text):
        return text
    return _kept_fold(text) if len(text) <= _KEPT_LENGTH else _fold(text)


def _fold(text: str) -> str:
    return _FOLD_RE.sub(lambda m: _FOLDED[m.group(0)], clean_text(text))


_kept_clean = lru_cache(maxsize=4096)(_clean)
_kept_fold = lru_cache(maxsize=4096)(_fold)
