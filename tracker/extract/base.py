"""What every extractor hands to the normaliser: a flat stream of text blocks.

Extractors (PDF, PDF text, DOCX, HTML, official XML) only say what the layout or
markup tells them: which text is a paragraph, a heading, a list item, a procedure
line. Deciding what is a covering-letter section, an agenda part or an item is the
normaliser's job, so every format goes through the same rules.
"""

from __future__ import annotations

from dataclasses import field

from tracker import patterns
from tracker.records import dataclass

# A footnote reference inside block text: NOTE_OPEN + number + NOTE_CLOSE.
# Private-use characters never occur in letters, so they cannot clash with text.
NOTE_OPEN = "\ue000"
NOTE_CLOSE = "\ue001"
NOTE_RE = patterns.compile(NOTE_OPEN + r"([^" + NOTE_CLOSE + r"]*)" + NOTE_CLOSE)


def note_marker(n: str | int) -> str:
    """The in-text marker of footnote `n`."""
    return f"{NOTE_OPEN}{n}{NOTE_CLOSE}"


def strip_notes(text: str) -> str:
    """`text` with every footnote marker taken out."""
    return NOTE_RE.sub("", text) if NOTE_OPEN in text else text


# Roles a block can have.
P = "p"  # a paragraph of running text
HEADING = "heading"  # a heading; level 0 when the format cannot tell its level
TITLE = "title"  # the document's title (letter title or agenda title), when marked up
KIND = "kind"  # the procedure line under an agenda item title, when marked up
LI = "li"  # a paragraph of a list item
SIGNATURE = "signature"  # a signer: text is the role line, `name` the signer's name


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit of a letter, in reading order.

    text   reading text, white space folded, note references as `note_marker(n)`.
    role   one of P, HEADING, TITLE, KIND, LI, SIGNATURE.
    level  HEADING: 1 = covering-letter section or agenda part, 2 = sub-section or
           item, 3 = sub-item, 0 = unknown (plain text). LI: list depth, 1 = top.
    style  LI: "bullet", "circle", "dash" or "number". HEADING: "bold"/"italic"
           where the source says so.
    cont   LI: a later paragraph of the same list item (no marker of its own).
    gap    True when a blank line or vertical space separates it from the block
           before; False when it follows on the next line (plain text and PDF).
    name   SIGNATURE: the signer's name.
    """

    text: str
    role: str = P
    level: int = 0
    style: str = ""
    cont: bool = False
    gap: bool = True
    name: str = ""


@dataclass(frozen=True)
class Extracted:
    """An extractor's result: the blocks, the footnotes and what the source says of itself.

    notes  (number, text) in the order of the source; text may hold no markers.
    hints  metadata stated by the source's markup, keys among: id, title, date
           (ISO), addressee ("Eerste Kamer"/"Tweede Kamer"), dossier, formation;
           from a kamerstuk header or a web page's metadata also ondernummer,
           dossier_title, vergaderjaar, document (a Tweede Kamer document number,
           2024D44000) and attachment_of (the document number of the main letter);
           from a ministry's letterhead date ("Datum …"), title (its "Betreft …"),
           addressee (the address block), reference ("Ons kenmerk …") and ministry.
    chrome the texts the extractor recognised as page chrome or page furniture and
           left out of the blocks, in the order of the source: a web page's
           navigation and metadata, a kamerstuk header or a ministry's letterhead
           read as hints, a side column, running heads and page numbers (a side
           column's lines come after the rest). Text that is neither in the blocks,
           the notes nor here was lost without notice.
    """

    format: str
    blocks: tuple[Block, ...]
    notes: tuple[tuple[str, str], ...] = ()
    hints: dict[str, str] = field(default_factory=dict)
    chrome: tuple[str, ...] = ()
