"""The letter source format (`*.lt`) and its parsed model.

A source is one annotated agenda written once; `build.py` renders it to the formats a reader meets
(web-page text, PDF text, HTML, official XML, PDF, DOCX) and writes the gold from it.

    %key value              metadata (see KEYS); %keep, %not_item may repeat
    TAG text                a block; lines that follow without a tag continue it; a blank line ends it

Tags
    STUKTITEL  the document title under the kamerstuk header ("BRIEF VAN DE MINISTER VAN ...")
    AANHEF     "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"
    DATUM      the dating line as written ("Den Haag, 17 januari 2025")
    P          a paragraph; [^3] marks footnote 3 where it stands
    LI / LI2   a bullet / a bullet of a nested list
    SEC / SEC2 a covering-letter section heading / sub-section heading
    SIG        a signer: "function,|name"
    ATITLE     the agenda title
    PART       an agenda part ("I. Landbouw" or "Landbouw")
    ITEM       an agenda item or a group heading; "{id}" first names the topic across letters
    SUB        a sub-item of the last ITEM
    KIND       the procedure line of the last heading
    SH         a generic sub-heading inside an item ("Achtergrond")
    NOTE       "n text": footnote n
    BREAK      (PDF/DOCX) start the agenda on a new page
    LH         a letterhead line of a ministry letter ("Datum 16 april 2005"), on a line of its own
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

TAGS = {
    "STUKTITEL", "AANHEF", "DATUM", "P", "LI", "LI2", "SEC", "SEC2", "SIG", "ATITLE", "PART", "ITEM", "SUB",
    "KIND", "SH", "NOTE", "BREAK", "LH",
}
HEADINGS = ("PART", "ITEM", "SUB")
ENUM_RE = re.compile(r"^((?:[IVX]{1,5}|\d{1,2}|[a-z])[.)])\s+")
NOTE_RE = re.compile(r"\[\^(\d+)\]")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]


@dataclass
class Block:
    tag: str
    text: str
    id: str | None = None  # topic id of a heading
    ref: str | None = None  # positional ref of a heading
    parent: int | None = None  # index of the enclosing heading block
    kind: str | None = None  # procedure line of a heading
    area: str = "cover"  # cover | agenda


@dataclass
class Letter:
    stem: str
    meta: dict[str, str] = field(default_factory=dict)
    multi: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    notes: dict[int, str] = field(default_factory=dict)

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.meta.get(key, default)

    @property
    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.tag in HEADINGS]

    def children(self, idx: int) -> list[int]:
        return [i for i, b in enumerate(self.blocks) if b.tag in HEADINGS and b.parent == idx]


def split_enum(text: str) -> tuple[str | None, str]:
    m = ENUM_RE.match(text)
    if m:
        return m.group(1), text[m.end():]
    return None, text


def plain(text: str) -> str:
    """Text without note markers."""
    return re.sub(r"\s+", " ", NOTE_RE.sub("", text)).strip()


def parse(path: Path) -> Letter:
    letter = Letter(stem=path.stem)
    cur: Block | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if line.startswith("#"):
            continue
        if not line.strip():
            cur = None
            continue
        if line.startswith("%"):
            key, _, val = line[1:].partition(" ")
            if key in ("keep", "not_item", "chrome"):
                letter.multi.setdefault(key, []).append(val.strip())
            elif key in letter.meta:
                letter.meta[key] += " " + val.strip()
            else:
                letter.meta[key] = val.strip()
            cur = None
            continue
        tag, _, rest = line.partition(" ")
        if tag in TAGS:
            cur = Block(tag, rest.strip())
            letter.blocks.append(cur)
        elif cur is not None:
            cur.text += " " + line.strip()
        else:
            raise ValueError(f"{path}: text outside a block: {line!r}")
    _structure(letter)
    return letter


def _structure(letter: Letter) -> None:
    blocks = []
    area = "cover"
    last_part = last_item = last_heading = None
    counters: dict[int | None, int] = {}
    has_parts = any(b.tag == "PART" for b in letter.blocks)
    for b in letter.blocks:
        if b.tag == "NOTE":
            n, _, t = b.text.partition(" ")
            letter.notes[int(n)] = t.strip()
            continue
        if b.tag in ("ATITLE",) + HEADINGS:
            area = "agenda"
        b.area = area
        if b.tag in HEADINGS:
            m = re.match(r"\{([^}]+)\}\s*", b.text)
            if m:
                b.id = m.group(1)
                b.text = b.text[m.end():]
        idx = len(blocks)
        if b.tag == "PART":
            b.parent = None
            last_part, last_item = idx, None
        elif b.tag == "ITEM":
            b.parent = last_part if has_parts else None
            last_item = idx
        elif b.tag == "SUB":
            if last_item is None:
                raise ValueError(f"{letter.stem}: SUB without ITEM: {b.text}")
            b.parent = last_item
        if b.tag in HEADINGS:
            n = counters.get(b.parent, 0)
            counters[b.parent] = n + 1
            if b.tag == "PART":
                b.ref = ROMAN[n]
            elif b.tag == "ITEM":
                b.ref = f"{blocks[b.parent].ref}.{n + 1}" if b.parent is not None else str(n + 1)
            else:
                b.ref = f"{blocks[b.parent].ref}.{chr(ord('a') + n)}"
            if b.id is None:
                b.id = re.sub(r"\W+", "-", split_enum(b.text)[1].lower()).strip("-")
            last_heading = b
        if b.tag == "KIND":
            if last_heading is None:
                raise ValueError(f"{letter.stem}: KIND without heading")
            last_heading.kind = b.text
        blocks.append(b)
    letter.blocks = blocks
    used = {int(n) for b in blocks for n in NOTE_RE.findall(b.text)}
    if used != set(letter.notes):
        raise ValueError(f"{letter.stem}: note markers {sorted(used)} vs notes {sorted(letter.notes)}")
