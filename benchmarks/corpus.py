"""A synthetic archive of geannoteerde agenda's, for the ingest benchmark.

Run: .venv/bin/python benchmarks/corpus.py OUT_DIR --letters N [--seed S]
Writes N letter files into OUT_DIR, named `NNNNN-<formation>-<meeting date>.<ext>` in
generation order, and prints a one-line summary. Same N and seed: byte-identical files;
the first n letters of a run are the n letters of a shorter run.

Everything is derived from the real letters in tests/data. The seed (JBZ-Raad, October
2025) and the December 2025 letter are read once from their HTML renditions into a small
model: covering-letter topics, agenda items, footnotes. Ten Council formations each hold
a chain of meetings from January 1995 on. A formation's first agenda takes items from
that pool under its own titles, with the formation's name substituted (the JBZ-Raad starts
from the seed's agenda); every next meeting carries most items over with small edits:
a reworded sentence, a position flipped, a sentence or paragraph inserted or dropped, a
paragraph moved, a new procedure line, a retitled item, items added, removed or moved.
Letters are written in the markup of the seed's renditions: official publication HTML and
XML (stating the official id), PDF text, and DOCX (the whole letter, or the agenda on its
own as the Tweede Kamer serves it); the real PDFs are reused unchanged. Some meetings
also get a letter to the Eerste Kamer (same agenda, its own id and covering letter), and
a few percent of the files are corrected republications (same official id, one small
correction), the same letter in another rendition, or byte copies of an earlier file.
"""

from __future__ import annotations

import argparse
import io
import random
import re
import time
import unicodedata
import zipfile
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache
from html import escape
from pathlib import Path

from lxml import html as lxml_html

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"
SOURCES = (
    DATA / "seed" / "jbz-2025-10-13.html",
    DATA / "dev" / "12-next-meeting-tweede-kamer" / "new.html",
)
DOCX_TEMPLATE = DATA / "seed" / "jbz-2025-10-13.docx"
# The real PDFs cannot be edited: they are reused unchanged. (file, meeting, letter date)
ARCHIVE_PDFS = (
    (DATA / "seed" / "jbz-2025-10-13.pdf", "2025-10-13", "2025-09-29"),
    (DATA / "dev" / "07-titles-and-kinds" / "new.pdf", "2025-10-13", "2025-09-29"),
    (DATA / "dev" / "11-next-meeting-eerste-kamer" / "new.pdf", "2025-12-08", "2025-11-24"),
)
FIRST_YEAR = 1995
RECENT = 25  # republications, renditions and copies pick from this many latest files
FORMATS = {"html": 40, "xml": 35, "pdf.txt": 15, "docx": 10}
EXTRAS = (("republication", 0.02), ("rendition", 0.03), ("copy", 0.01), ("archive", 0.02))

# A footnote reference in model text: the index of its text in `Letter.notes`.
OPEN, CLOSE = "\ue000", "\ue001"
NOTE_REF = re.compile(OPEN + r"(\d+)" + CLOSE)
MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
).split()


# --- the model ---------------------------------------------------------------------


@dataclass(frozen=True)
class Bullets:
    """A list; each entry holds paragraphs and nested lists."""

    style: str  # "bullet" or "circle"
    entries: tuple[tuple[str | Bullets, ...], ...]


Block = str | Bullets


@dataclass(frozen=True)
class Section:
    """A covering-letter heading (level 1 section, level 2 sub-section) and its text."""

    title: str
    level: int
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Item:
    """An agenda item; `family` groups near-copies of one body in the pool."""

    title: str
    kind: str | None
    paras: tuple[str, ...]
    subs: tuple[Item, ...] = ()
    family: int = -1


@dataclass(frozen=True)
class Part:
    """An agenda part (`I. Justitie`); title '' for an agenda without parts."""

    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Formation:
    """A Council formation: how its letters are addressed, signed and scheduled."""

    name: str
    abbr: str
    dossier: str
    dossier_title: str
    signers: tuple[tuple[str, str], ...]
    parts: tuple[str, ...]
    months: tuple[int, ...]
    weekday: int
    days: int
    senate: float  # share of meetings with a letter to the Eerste Kamer as well
    topics: tuple[str, ...]  # item titles; () for the seed's own titles

    @property
    def slug(self) -> str:
        plain = unicodedata.normalize("NFKD", self.name).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z]+", "-", plain.lower()).strip("-")


@dataclass(frozen=True)
class Letter:
    """One letter: who sends it to which chamber, for which meeting, and what it says."""

    formation: Formation
    chamber: str  # "Tweede" or "Eerste"
    number: str
    sent: date  # the letter date
    start: date
    end: date
    sections: tuple[Section, ...]
    parts: tuple[Part, ...]
    notes: tuple[str, ...]

    @property
    def official_id(self) -> str:
        return f"kst-{self.formation.dossier}-{self.number}"

    @property
    def place(self) -> str:
        return "Luxemburg" if self.start.month in (4, 6, 10) else "Brussel"

    @property
    def title(self) -> str:
        """'Brief van de Minister van …': the signers' roles."""
        return "Brief van " + " en ".join("de " + r[3:-1] for r, _ in self.formation.signers)

    @property
    def agenda_title(self) -> str:
        days = _days(self.start, self.end, " en ", str(self.end.year))
        return f"Geannoteerde agenda van de bijeenkomst van de Raad {self.formation.name}, {days}"

    def intro(self) -> tuple[str, ...]:
        f = self.formation
        lead = "Hierbij bieden wij uw Kamer" if len(f.signers) > 1 else "Hierbij bied ik uw Kamer"
        minister = f.signers[0][0][3:-1]
        first = (
            f"{lead} de geannoteerde agenda aan van de Raad {f.name} ({f.abbr}) van "
            f"{_days(self.start, self.end, '-', 'a.s.')} in {self.place}. "
            f"De {minister[0].lower()}{minister[1:]} zal hieraan deelnemen."
        )
        if not self.sections:
            return (first,)
        inform = "informeren wij" if len(f.signers) > 1 else "informeer ik"
        return first, f"Daarnaast {inform} uw Kamer over de volgende onderwerpen."


def _days(start: date, end: date, sep: str, year: str) -> str:
    """'13 en 14 oktober 2025', '13-14 oktober a.s.', '30 april en 1 mei 2025'."""
    if start == end:
        return f"{start.day} {MONTHS[start.month - 1]} {year}"
    if start.month == end.month:
        return f"{start.day}{sep}{end.day} {MONTHS[end.month - 1]} {year}"
    return f"{start.day} {MONTHS[start.month - 1]} en {end.day} {MONTHS[end.month - 1]} {year}"


def dutch_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def session(day: date) -> str:
    """The parliamentary year: from the third Tuesday of September."""
    sept15 = date(day.year, 9, 15)
    opening = sept15 + timedelta(days=(1 - sept15.weekday()) % 7)
    first = day.year if day >= opening else day.year - 1
    return f"{first}–{first + 1}"


# --- the pool: the real letters, read once -----------------------------------------


@dataclass(frozen=True)
class Pool:
    """What letters are made of: notes, covering-letter topics, agenda items."""

    notes: tuple[str, ...]
    topics: tuple[tuple[Section, ...], ...]
    seed_parts: tuple[Part, ...]
    bodies: tuple[Item, ...]  # every leaf item, `family` set
    paragraphs: tuple[str, ...]


@cache
def load_pool() -> Pool:
    """Read the source letters' HTML into the model."""
    notes: list[str] = []
    topics: list[tuple[Section, ...]] = []
    agendas: list[tuple[Part, ...]] = []
    for path in SOURCES:
        root = lxml_html.fromstring(path.read_bytes())
        keys = _read_notes(root, notes)
        topics += _read_topics(root.find_class("brief")[0], keys)
        agendas.append(_read_agenda(root.find_class("geannoteerde-agenda")[0], keys))
    families = _families([leaf for parts in agendas for leaf in _leaves(parts)])
    agendas = [_with_families(parts, families) for parts in agendas]
    bodies = tuple(leaf for parts in agendas for leaf in _leaves(parts))
    paragraphs = tuple(p for body in bodies for p in body.paras)
    return Pool(tuple(notes), tuple(topics), agendas[0], bodies, paragraphs)


def _read_notes(root: lxml_html.HtmlElement, notes: list[str]) -> dict[str, int]:
    keys = {}
    for div in root.find_class("noot"):
        text = " ".join(div.text_content().split())
        keys[div.get("id")] = len(notes)
        notes.append(re.sub(r"^\d+\s*", "", text))
    return keys


def _inline(el: lxml_html.HtmlElement, keys: dict[str, int]) -> str:
    """The text of `el`, note references as markers."""
    out = [el.text or ""]
    for child in el:
        link = child.find("a") if child.tag == "sup" else None
        if link is not None and link.get("class") == "nootnum":
            out.append(f"{OPEN}{keys[link.get('href')[1:]]}{CLOSE}")
        else:
            out.append(_inline(child, keys))
        out.append(child.tail or "")
    return " ".join("".join(out).split())


def _read_topics(brief: lxml_html.HtmlElement, keys: dict[str, int]) -> list[tuple[Section, ...]]:
    """The covering letter's sections, grouped per level-1 section with its sub-sections."""
    topics: list[list[tuple[str, int, list[Block]]]] = []
    for el in brief:
        if el.tag == "h2":
            topics.append([(_inline(el, keys), 1, [])])
        elif el.tag == "h3" and topics:
            topics[-1].append((_inline(el, keys), 2, []))
        elif el.tag == "p" and not el.get("class") and topics:
            topics[-1][-1][2].append(_inline(el, keys))
        elif el.tag == "ul" and topics:
            topics[-1][-1][2].append(_read_bullets(el, keys))
    return [tuple(Section(t, level, tuple(b)) for t, level, b in topic) for topic in topics]


def _read_bullets(ul: lxml_html.HtmlElement, keys: dict[str, int]) -> Bullets:
    style = "circle" if "opsomming-o" in (ul.get("class") or "") else "bullet"
    entries = tuple(
        tuple(_read_bullets(c, keys) if c.tag == "ul" else _inline(c, keys) for c in li)
        for li in ul
    )
    return Bullets(style, entries)


def _read_agenda(agenda: lxml_html.HtmlElement, keys: dict[str, int]) -> tuple[Part, ...]:
    parts: list[tuple[str, list[Item]]] = []
    for el in agenda:
        if el.tag == "h3":
            parts.append((_unnumbered(_inline(el, keys)), []))
        elif el.tag == "div":
            if not parts:
                parts.append(("", []))
            parts[-1][1].append(_read_item(el, keys))
    return tuple(Part(title, tuple(items)) for title, items in parts)


def _read_item(div: lxml_html.HtmlElement, keys: dict[str, int]) -> Item:
    kind, paras, subs = None, [], []
    for el in div[1:]:
        if el.tag == "p" and el.get("class") == "procedure":
            kind = _inline(el, keys)
        elif el.tag == "p":
            paras.append(_inline(el, keys))
        elif el.tag == "div":
            subs.append(_read_item(el, keys))
    return Item(_unnumbered(_inline(div[0], keys)), kind, tuple(paras), tuple(subs))


def _unnumbered(title: str) -> str:
    return re.sub(r"^(?:[IVX]+|\d+|[a-z])\.\s+", "", title)


def _leaves(parts: tuple[Part, ...]) -> Iterator[Item]:
    for part in parts:
        for item in part.items:
            yield from item.subs or (item,)


def _families(leaves: list[Item]) -> dict[tuple[str, ...], int]:
    """Near-copies (word overlap of the bodies ≥ 0.45) share a family number."""
    families: dict[tuple[str, ...], int] = {}
    heads: list[set[str]] = []
    for leaf in leaves:
        words = set(re.findall(r"\w+", " ".join(leaf.paras).lower()))
        similar = (i for i, h in enumerate(heads) if len(words & h) >= 0.45 * len(words | h))
        family = next(similar, len(heads))
        if family == len(heads):
            heads.append(words)
        families.setdefault(leaf.paras, family)
    return families


def _with_families(parts: tuple[Part, ...], families: dict[tuple[str, ...], int]) -> tuple:
    def tag(item: Item) -> Item:
        if item.subs:
            return replace(item, subs=tuple(tag(s) for s in item.subs))
        return replace(item, family=families[item.paras])

    return tuple(Part(p.title, tuple(tag(i) for i in p.items)) for p in parts)


# --- formations ----------------------------------------------------------------------

_ALL_MONTHS = (1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12)


def _formation(
    name: str, abbr: str, dossier: str, dossier_title: str, signers: str, topics: str, **kw: object
) -> Formation:
    """A formation; `signers` as 'role|name; …', `topics` as 'title; …'."""
    settings: dict[str, object] = {
        "parts": (),
        "months": _ALL_MONTHS,
        "weekday": 1,
        "days": 1,
        "senate": 0.0,
    } | kw
    return Formation(
        name,
        abbr,
        dossier,
        dossier_title,
        signers=tuple(tuple(s.split("|")) for s in signers.split("; ")),  # type: ignore[misc]
        topics=tuple(topics.split("; ")) if topics else (),
        **settings,  # type: ignore[arg-type]
    )


_RAZ_RBZ = "Raad Algemene Zaken en Raad Buitenlandse Zaken"
_BZ = "De Minister van Buitenlandse Zaken,|H.J. Verhoeven"
FORMATIONS = (
    _formation(
        "Algemene Zaken", "RAZ", "21501-02", _RAZ_RBZ,
        f"{_BZ}; De Staatssecretaris van Buitenlandse Zaken,|M.A. de Groot",
        "Voorbereiding van de Europese Raad; Meerjarig Financieel Kader 2028-2034; Uitbreiding"
        " en het stabilisatie- en associatieproces; Rechtsstaat in de Europese Unie: artikel"
        " 7-procedure; Europees Semester; Relatie EU-Verenigd Koninkrijk; Cohesiebeleid;"
        " Weerbaarheid en paraatheid van de Unie; Wetgevingsprogrammering van de Commissie;"
        " Jaarlijkse rechtsstaatdialoog; Desinformatie en buitenlandse inmenging;"
        " Vereenvoudiging van EU-regelgeving",
        senate=0.5,
    ),
    _formation(
        "Buitenlandse Zaken", "RBZ", "21501-02", _RAZ_RBZ, _BZ,
        "Russische agressie tegen Oekraïne; Midden-Oosten; Westelijke Balkan; Sahel; China;"
        " Iran; Transatlantische betrekkingen; Venezuela; Georgië; Moldavië; Hoorn van Afrika;"
        " Europese Vredesfaciliteit",
        weekday=0,
    ),
    _formation(
        "Economische en Financiële Zaken", "Ecofin-Raad", "21501-07",
        "Raad voor Economische en Financiële Zaken", "De Minister van Financiën,|A.C. Bakker",
        "Kapitaalmarktunie; Digitale euro; Europees Semester: landspecifieke aanbevelingen;"
        " Herziening van het begrotingsraamwerk; Bankenunie en crisisraamwerk; Minimumbelasting"
        " voor multinationals; Herstel- en veerkrachtfaciliteit; Financiering van steun aan"
        " Oekraïne; Jaarbegroting van de Unie; Bestrijding van witwassen; Hervorming van de"
        " douane-unie; Economische gevolgen van de oorlog in Oekraïne",
        senate=0.5,
    ),
    _formation(
        "Landbouw en Visserij", "Landbouw- en Visserijraad", "21501-32",
        "Landbouw- en Visserijraad",
        "De Minister van Landbouw, Visserij, Voedselzekerheid en Natuur,|P.J. Smit",
        "Vereenvoudiging van het Gemeenschappelijk Landbouwbeleid; Vangstmogelijkheden in de"
        " Noordzee; Marktsituatie in de landbouw; Nieuwe genomische technieken; Dierenwelzijn"
        " tijdens transport; Bosbouwstrategie; Visserijakkoorden met derde landen;"
        " Handelsaspecten van landbouw; Afrikaanse varkenspest; Gewasbeschermingsmiddelen;"
        " Toekomst van de veehouderij; Water- en bodembeheer in de landbouw",
        parts=("Landbouw", "Visserij"), months=(1, 3, 4, 5, 6, 7, 9, 10, 11, 12), weekday=0,
        days=2,
    ),
    _formation(
        "Milieu", "Milieuraad", "21501-08", "Milieuraad",
        "De Minister van Infrastructuur en Waterstaat,|R.W. Jansen",
        "Klimaatdoel 2040; Verordening verpakkingen en verpakkingsafval;"
        " Natuurherstelverordening; Bodemmonitoringswet; Voorbereiding van de"
        " klimaatconferentie; Kaderrichtlijn Water; Circulaire economie;"
        " Luchtkwaliteitsrichtlijn; Ontbossingsverordening; Richtlijn groene claims;"
        " Microplastics; Chemicaliënstrategie",
        months=(3, 6, 10, 12),
    ),
    _formation(
        "Concurrentievermogen", "RvC", "21501-30", "Raad voor Concurrentievermogen",
        "De Minister van Economische Zaken,|L.M. Visser; De Minister van Onderwijs, Cultuur en"
        " Wetenschap,|S.E. Mulder",
        "Industrieel actieplan; Noodinstrument voor de interne markt; Digitale omnibus;"
        " Ruimtevaartwet; Europese Onderzoeksruimte; Kaderprogramma voor onderzoek en"
        " innovatie; Betere regelgeving; Octrooipakket; Chipsverordening; Richtlijn late"
        " betalingen; Consumentenbescherming; Startups en scale-ups",
        parts=("Interne markt en industrie", "Onderzoek en ruimtevaart"), months=(3, 5, 9, 11),
        weekday=3, days=2,
    ),
    _formation(
        "Werkgelegenheid en Sociaal Beleid", "EPSCO", "21501-31",
        "Raad Werkgelegenheid en Sociaal Beleid",
        "De Minister van Sociale Zaken en Werkgelegenheid,|E.K. Meijer",
        "Europese pijler van sociale rechten; Richtlijn traineeships; Platformwerk;"
        " Werkgelegenheidsrichtsnoeren; Coördinatie van socialezekerheidsstelsels; Richtlijn"
        " gelijke behandeling; Arbeidsmigratie; Gezond en veilig werken; Europese"
        " Arbeidsautoriteit; Kwaliteitsbanen; Vaardigheden en omscholing; Armoedebestrijding",
        months=(3, 6, 10, 12), weekday=3,
    ),
    _formation(
        "Energie", "Energieraad", "21501-33", "Raad voor Vervoer, Telecommunicatie en Energie",
        "De Minister van Klimaat en Groene Groei,|F.G. de Boer",
        "Energiezekerheid en gasopslag; Elektriciteitsmarkt; Waterstof en decarbonisatie;"
        " Netten-actieplan; Methaanverordening; Energie-efficiëntie; Hernieuwbare energie;"
        " Uitfasering van Russische energie; Energieprijzen; Kernenergie; Interconnectie;"
        " Governance van de energie-unie",
        months=(3, 6, 10, 12), weekday=0,
    ),
    _formation(
        "Buitenlandse Zaken Handel", "RBZ Handel", "21501-02", _RAZ_RBZ,
        "De Minister voor Buitenlandse Handel en Ontwikkelingshulp,|N.T. Hendriks",
        "Handelsakkoord EU-Mercosur; Handelsrelatie met de Verenigde Staten; Hervorming van de"
        " WTO; Handelsrelatie met China; Exportcontrole; Screening van buitenlandse"
        " investeringen; Handelsakkoord EU-India; Economische veiligheid; Handelsakkoord met"
        " Indonesië; Anti-dwanginstrument; Duurzaamheid in handelsakkoorden; Ministeriële"
        " Conferentie van de WTO",
        months=(5, 11),
    ),
    # The seed's own formation: its first agenda is the seed's, its titles the pool's.
    _formation(
        "Justitie en Binnenlandse Zaken", "JBZ-Raad", "32317", "JBZ-Raad",
        "De Minister van Justitie en Veiligheid,|Foort van Oosten; De Minister van Asiel en"
        " Migratie,|D.M. van Weel",
        "",
        parts=("Justitie", "Binnenlandse Zaken"), months=(1, 3, 6, 10, 12), weekday=3, days=2,
        senate=1.0,
    ),
)  # fmt: skip


def _meeting_days(rng: random.Random, f: Formation, year: int, month: int) -> tuple[date, date]:
    """The 2nd, 3rd, 4th or last such weekday of the month; two-day meetings end a day later."""
    first = date(year, month, 1)
    day = first + timedelta(days=(f.weekday - first.weekday()) % 7)
    weeks = rng.choice((1, 2, 3, 4) if month != 12 else (1, 2))
    start = day + timedelta(weeks=weeks)
    if start.month != month:
        start -= timedelta(weeks=1)
    return start, start + timedelta(days=f.days - 1)


def _letter_date(rng: random.Random, start: date) -> date:
    day = start - timedelta(days=rng.randint(7, 16))
    return day - timedelta(days=max(0, day.weekday() - 4))  # a weekend letter goes on Friday


def _meetings(rng: random.Random) -> Iterator[tuple[Formation, date, date]]:
    """Every formation's meetings, month by month, in order of their first day."""
    year = FIRST_YEAR
    while True:
        for month in range(1, 13):
            batch = [
                (*_meeting_days(rng, f, year, month), i)
                for i, f in enumerate(FORMATIONS)
                if month in f.months
            ]
            for start, end, i in sorted(batch):
                yield FORMATIONS[i], start, end
        year += 1


# --- edits between consecutive meetings ----------------------------------------------

REWORDINGS = (
    ("Op dit moment", "Momenteel"),
    ("Naar verwachting", "Vermoedelijk"),
    ("benadrukt", "onderstreept"),
    ("Daarnaast", "Bovendien"),
    ("gepresenteerd", "gepubliceerd"),
    ("onder andere", "onder meer"),
    ("van belang", "belangrijk"),
    ("nog niet bekend", "nog onduidelijk"),
    ("de Commissie", "de Europese Commissie"),
    ("Voorzitterschap", "voorzitterschap"),
    ("Het kabinet", "Het Nederlandse kabinet"),
    ("De verwachting is dat", "Verwacht wordt dat"),
    ("heeft aangegeven", "heeft laten weten"),
    ("van gedachten wisselen", "spreken"),
    ("in kaart te brengen", "te inventariseren"),
)
# Position sentences flip both ways: (pattern, replacement) for a → b, then b → a.
FLIPS = (
    (r"\bkan ((?:\S+ ){0,6}?)steunen\b", r"kan \1niet steunen"),
    (r"\bkan ((?:\S+ ){0,6}?)niet steunen\b", r"kan \1steunen"),
    (r"\b(kabinet|Nederland) steunt\b", r"\1 verzet zich tegen"),
    (r"\b(kabinet|Nederland) verzet zich tegen\b", r"\1 steunt"),
    (r"\bverwelkomt\b", "is kritisch over"),
    (r"\bis kritisch over\b", "verwelkomt"),
    (r"\bondersteunt\b", "heeft bedenkingen bij"),
    (r"\bheeft bedenkingen bij\b", "ondersteunt"),
    (r"\bgeen bezwaar\b", "bezwaar"),
    (r"\bheeft bezwaar\b", "heeft geen bezwaar"),
    (r"\b(kan|zal) instemmen\b", r"\1 niet instemmen"),
    (r"\b(kan|zal) niet instemmen\b", r"\1 instemmen"),
)
NEW_SENTENCES = (
    "Het kabinet kan het voorstel in de huidige vorm steunen.",
    "Nederland zal zich bij de stemming onthouden.",
    "Het kabinet zal de presentatie aanhoren.",
    "Het kabinet acht het van belang dat de gevolgen voor de uitvoering in kaart worden gebracht.",
    "Nederland blijft kritisch op de financiële gevolgen van het voorstel.",
    "Het Voorzitterschap heeft hierover een discussienotitie gedeeld.",
    "De Commissie zal naar verwachting in het voorjaar een voorstel presenteren.",
)
KINDS = tuple(
    "Gedachtewisseling; Stand van zaken; Beleidsdebat; Algemene oriëntatie; Politiek akkoord;"
    " Informatie van de Commissie; Informatie van het Voorzitterschap; Presentatie door de"
    " Commissie; Aanneming; Goedkeuring".split("; ")
)
RETITLES = (": stand van zaken", " (vervolg)", ": voortgang", ": algemene oriëntatie")
EDITS = {
    "reword": 24,
    "flip": 20,
    "add_sentence": 12,
    "drop_sentence": 8,
    "insert_paragraph": 10,
    "drop_paragraph": 8,
    "move_paragraph": 5,
    "kind": 6,
    "retitle": 7,
}
OTHER_TOPICS = "Overige onderwerpen"


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", text)


class _Editor:
    """Edits of items, with the formation's context: its pool, name and last meeting."""

    def __init__(self, rng: random.Random, pool: Pool, formation: Formation, last: str):
        self.rng, self.pool, self.formation, self.last = rng, pool, formation, last
        self.counts: Counter[str] = Counter()

    def edit(self, item: Item) -> Item:
        """One edit of a leaf item, of a kind that applies to it."""
        kinds = list(EDITS)
        for _ in range(4):
            kind = self.rng.choices(kinds, weights=[EDITS[k] for k in kinds])[0]
            edited = getattr(self, "_" + kind)(item)
            if edited is not None and edited != item:
                self.counts[kind] += 1
                return edited
        return self._add_sentence(item)

    def correct(self, item: Item) -> Item:
        """A correction as in a republished letter: a sentence reworded or one added."""
        self.last = ""
        return self._reword(item) or self._add_sentence(item)

    def _paragraph(self, item: Item, pattern: str | None = None) -> int | None:
        found = [i for i, p in enumerate(item.paras) if pattern is None or re.search(pattern, p)]
        return self.rng.choice(found) if found else None

    def _replace_paragraph(self, item: Item, index: int, text: str) -> Item:
        return replace(item, paras=item.paras[:index] + (text,) + item.paras[index + 1 :])

    def _reword(self, item: Item) -> Item | None:
        options = [
            (i, old, new)
            for a, b in REWORDINGS
            for old, new in ((a, b), (b, a))
            for i, p in enumerate(item.paras)
            if re.search(rf"\b{old}\b", p)
        ]
        if not options:
            return None
        index, old, new = self.rng.choice(options)
        text = re.sub(rf"\b{old}\b", new, item.paras[index], count=1)
        return self._replace_paragraph(item, index, text)

    def _flip(self, item: Item) -> Item | None:
        options = [
            (i, pat, rep)
            for pat, rep in FLIPS
            for i, p in enumerate(item.paras)
            if re.search(pat, p)
        ]
        if not options:
            return None
        index, pattern, repl = self.rng.choice(options)
        return self._replace_paragraph(
            item, index, re.sub(pattern, repl, item.paras[index], count=1)
        )

    def _add_sentence(self, item: Item) -> Item:
        sentence = self.rng.choice(NEW_SENTENCES + (self._recall(),))
        if not item.paras:
            return replace(item, paras=(sentence,))
        index = self.rng.randrange(len(item.paras))
        return self._replace_paragraph(item, index, f"{item.paras[index]} {sentence}")

    def _recall(self) -> str:
        if not self.last:
            return NEW_SENTENCES[0]
        return f"Tijdens de {self.formation.abbr} van {self.last} is dit onderwerp besproken."

    def _drop_sentence(self, item: Item) -> Item | None:
        index = self._paragraph(item, r"[.!?]\s+[A-Z]")
        if index is None:
            return None
        sentences = _sentences(item.paras[index])
        del sentences[self.rng.randrange(len(sentences))]
        return self._replace_paragraph(item, index, " ".join(sentences))

    def _insert_paragraph(self, item: Item) -> Item:
        text = self.localise(self.rng.choice(self.pool.paragraphs))
        at = self.rng.randint(0, len(item.paras))
        return replace(item, paras=item.paras[:at] + (text,) + item.paras[at:])

    def _drop_paragraph(self, item: Item) -> Item | None:
        if len(item.paras) < 2:
            return None
        at = self.rng.randrange(len(item.paras))
        return replace(item, paras=item.paras[:at] + item.paras[at + 1 :])

    def _move_paragraph(self, item: Item) -> Item | None:
        if len(item.paras) < 3:
            return None
        paras = list(item.paras)
        paras.insert(self.rng.randrange(len(paras)), paras.pop(self.rng.randrange(len(paras))))
        return replace(item, paras=tuple(paras))

    def _kind(self, item: Item) -> Item:
        return replace(item, kind=self.rng.choice([k for k in KINDS if k != item.kind]))

    def _retitle(self, item: Item) -> Item:
        for suffix in RETITLES:
            if item.title.endswith(suffix):
                return replace(item, title=item.title[: -len(suffix)])
        return replace(item, title=item.title + self.rng.choice(RETITLES))

    def localise(self, text: str) -> str:
        return text.replace("JBZ-Raad", self.formation.abbr)

    def new_item(self, taken: list[Item]) -> Item:
        """A pool body not on the agenda yet, under a title the agenda does not hold."""
        titles = {i.title for i in taken} | {s.title for i in taken for s in i.subs}
        families = {leaf.family for leaf in _leaves((Part("", tuple(taken)),))}
        bodies = [b for b in self.pool.bodies if b.family not in families] or self.pool.bodies
        body = self.rng.choice(bodies)
        topics = self.formation.topics or tuple(b.title for b in self.pool.bodies)
        free = [t for t in topics if t not in titles]
        title = self.rng.choice(free) if free else self.rng.choice(topics) + " (vervolg)"
        self.counts["item_added"] += 1
        return Item(title, body.kind, tuple(self.localise(p) for p in body.paras), (), body.family)


def _first_agenda(rng: random.Random, editor: _Editor, formation: Formation) -> tuple[Part, ...]:
    if not formation.topics:
        return editor.pool.seed_parts
    titles = formation.parts or ("",)
    parts: list[list[Item]] = [[] for _ in titles]
    for n in range(rng.randint(6, 10)):
        part = parts[n] if n < len(parts) else rng.choice(parts)
        part.append(editor.new_item([i for p in parts for i in p]))
    if rng.random() < 0.5:
        subs = tuple(
            editor.new_item([i for p in parts for i in p]) for _ in range(rng.randint(1, 2))
        )
        parts[-1].append(Item(OTHER_TOPICS, None, (), subs))
    editor.counts.clear()
    return tuple(Part(t, tuple(items)) for t, items in zip(titles, parts, strict=True))


def _next_agenda(rng: random.Random, editor: _Editor, parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """The next meeting's agenda: most items carried over, a few edited, added, removed."""
    items = [list(p.items) for p in parts]
    _remove_items(rng, editor, items)
    for part in items:
        for i, item in enumerate(part):
            part[i] = _edit_item(rng, editor, item)
    for _ in range(rng.choice((0, 0, 1, 1, 1, 2))):
        _add_item(rng, editor, items)
    _reorder(rng, editor, items)
    new = tuple(Part(p.title, tuple(i)) for p, i in zip(parts, items, strict=True))
    if new == parts:
        return _next_agenda(rng, editor, parts)
    return new


def _remove_items(rng: random.Random, editor: _Editor, items: list[list[Item]]) -> None:
    for part in items:
        for i in reversed(range(len(part))):
            subs = tuple(s for s in part[i].subs if rng.random() > 0.2)
            if part[i].subs and subs != part[i].subs:
                editor.counts["item_removed"] += len(part[i].subs) - len(subs)
                part[i] = replace(part[i], subs=subs)
            if (not part[i].paras and not subs) or (len(part) > 1 and rng.random() < 0.1):
                editor.counts["item_removed"] += 1
                del part[i]


def _edit_item(rng: random.Random, editor: _Editor, item: Item) -> Item:
    if item.subs:
        return replace(item, subs=tuple(_edit_item(rng, editor, s) for s in item.subs))
    return editor.edit(item) if rng.random() < 0.3 else item


def _add_item(rng: random.Random, editor: _Editor, items: list[list[Item]]) -> None:
    part = rng.choice(items)
    new = editor.new_item([i for p in items for i in p])
    others = [i for i, item in enumerate(part) if item.title == OTHER_TOPICS]
    if others and rng.random() < 0.3:
        other = part[others[0]]
        part[others[0]] = replace(other, subs=other.subs + (new,))
    else:
        at = len(part) - len(others) if rng.random() < 0.7 else rng.randint(0, len(part))
        part.insert(at, new)


def _reorder(rng: random.Random, editor: _Editor, items: list[list[Item]]) -> None:
    part = rng.choice(items)
    if len(part) >= 3 and rng.random() < 0.15:
        i, j = rng.sample(range(len(part)), 2)
        part[i], part[j] = part[j], part[i]
        editor.counts["items_reordered"] += 1
    if len(items) > 1 and rng.random() < 0.05:
        source, target = rng.sample(items, 2)
        if len(source) > 1:
            target.insert(rng.randint(0, len(target)), source.pop(rng.randrange(len(source))))
            editor.counts["item_moved_to_other_part"] += 1


def _covering_topics(rng: random.Random, editor: _Editor) -> tuple[Section, ...]:
    if rng.random() < 0.45:
        return ()
    topics = rng.sample(editor.pool.topics, rng.randint(1, 3))
    return tuple(
        Section(
            editor.localise(s.title), s.level, tuple(_localise_block(editor, b) for b in s.blocks)
        )
        for topic in topics
        for s in topic
    )


def _localise_block(editor: _Editor, block: Block) -> Block:
    if isinstance(block, str):
        return editor.localise(block)
    entries = tuple(tuple(_localise_block(editor, b) for b in e) for e in block.entries)
    return Bullets(block.style, entries)


# --- rendering: footnotes ---------------------------------------------------------------


class _Cites:
    """Footnote numbers in reading order: every reference gets the next number."""

    def __init__(self, texts: tuple[str, ...]):
        self.texts = texts
        self.cited: list[tuple[int, str]] = []

    def sub(self, text: str, ref: Callable[[int, str], str]) -> str:
        def one(match: re.Match[str]) -> str:
            number, note = len(self.cited) + 1, self.texts[int(match.group(1))]
            self.cited.append((number, note))
            return ref(number, note)

        return NOTE_REF.sub(one, text)


def _esc(text: str) -> str:
    return escape(text, quote=False)


def item_titles(parts: tuple[Part, ...]) -> tuple[str, ...]:
    """The titles of every item and sub-item, in reading order."""
    return tuple(
        t for part in parts for i in part.items for t in (i.title, *(s.title for s in i.subs))
    )


def _roman(n: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI")[n - 1]


# --- rendering: HTML (officielebekendmakingen.nl) ---------------------------------------


def _html_ref(number: int, _note: str) -> str:
    return f'<sup><a class="nootnum" href="#n{number}" id="r{number}">{number}</a></sup>'


def render_html(letter: Letter) -> bytes:
    """The letter as a kamerstuk page, in the markup of the seed's HTML."""
    cites = _Cites(letter.notes)

    def text(s: str) -> str:
        return cites.sub(_esc(s), _html_ref)

    f = letter.formation
    out = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>Kamerstuk {f.dossier}, nr. {letter.number} | Officiële bekendmakingen</title>",
        f'<meta name="DC.identifier" content="{letter.official_id}">',
        f'<meta name="DC.title" content="{escape(_dc_title(letter))}">',
        f'<meta name="DCTERMS.issued" content="{letter.sent.isoformat()}">',
        f'<meta name="DC.creator" content="{letter.chamber} Kamer der Staten-Generaal">',
        "</head>",
        "<body>",
        '<div id="content">',
        '  <div class="stuk" id="broodtekst">',
        f'    <p class="kamerstukkop">{letter.chamber} Kamer der Staten-Generaal</p>',
        f'    <p class="vergaderjaar">Vergaderjaar {session(letter.sent)}</p>',
        f'    <p class="dossiernummer">{_dossier_display(f.dossier)}</p>',
        f'    <p class="dossiertitel">{_esc(f.dossier_title)}</p>',
        f'    <p class="stuknummer">Nr. {letter.number}</p>',
        f'    <h1 class="stuktitel">{_esc(letter.title.upper())}</h1>',
        '    <div class="brief">',
        f'      <p class="aanhef">Aan de Voorzitter van de {letter.chamber} Kamer der '
        "Staten-Generaal</p>",
        f'      <p class="dagtekening">Den Haag, {dutch_date(letter.sent)}</p>',
    ]
    out += [f"      <p>{text(p)}</p>" for p in letter.intro()]
    for section in letter.sections:
        tag = "h2" if section.level == 1 else "h3"
        out.append(f'      <{tag} class="tussenkop">{text(section.title)}</{tag}>')
        out += _html_blocks(section.blocks, text, "      ")
    out.append('      <div class="ondertekening">')
    for role, name in f.signers:
        out.append(f'        <p class="functie">{_esc(role)}</p>')
        out.append(f'        <p class="naam">{_esc(name)}</p>')
    out += ["      </div>", "    </div>", '    <div class="bijlage geannoteerde-agenda">']
    out.append(f'      <h2 class="agenda-titel">{_esc(letter.agenda_title)}</h2>')
    out += _html_agenda(letter.parts, text)
    out += ["    </div>", '    <div class="noten">', "      <h2>Noten</h2>"]
    for number, note in cites.cited:
        out.append(
            f'      <div class="noot" id="n{number}"><p><sup><a href="#r{number}">{number}</a>'
            f"</sup> {_esc(note)}</p></div>"
        )
    out += ["    </div>", "  </div>", "</div>", "</body>", "</html>", ""]
    return "\n".join(out).encode()


def _dc_title(letter: Letter) -> str:
    return f"{letter.formation.dossier_title}; Brief regering; {letter.agenda_title}"


def _dossier_display(dossier: str) -> str:
    """'32317' → '32 317', '21501-02' → '21 501-02'."""
    main, _, rest = dossier.partition("-")
    return f"{main[:-3]} {main[-3:]}" + (f"-{rest}" if rest else "")


def _html_blocks(blocks: tuple[Block, ...], text: Callable[[str], str], pad: str) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, str):
            out.append(f"{pad}<p>{text(block)}</p>")
            continue
        kind = "opsomming-o" if block.style == "circle" else "opsomming-bullet"
        out.append(f'{pad}<ul class="{kind}">')
        for entry in block.entries:
            out.append(f"{pad}  <li>")
            out += _html_blocks(entry, text, pad + "    ")
            out.append(f"{pad}  </li>")
        out.append(f"{pad}</ul>")
    return out


def _html_agenda(parts: tuple[Part, ...], text: Callable[[str], str]) -> list[str]:
    out: list[str] = []
    for p, part in enumerate(parts, 1):
        prefix = f"{_roman(p)}." if part.title else ""
        if part.title:
            out.append(f'      <h3 class="deel">{_roman(p)}. {_esc(part.title)}</h3>')
        for n, item in enumerate(part.items, 1):
            out += _html_item(item, f"{prefix}{n}", f"{n}.", 4, text)
    return out


def _html_item(item: Item, ref: str, number: str, rank: int, text: Callable[[str], str]) -> list:
    out = [
        f'      <div class="agendapunt" id="agendapunt-{ref}">',
        f'      <h{rank} class="agendapunt-titel">{number} {text(item.title)}</h{rank}>',
    ]
    if item.kind:
        out.append(f'      <p class="procedure"><em>{_esc(item.kind)}</em></p>')
    out += [f"      <p>{text(p)}</p>" for p in item.paras]
    for s, sub in enumerate(item.subs):
        letter = "abcdefghijklmnopqrstuvwxyz"[s]
        out += _html_item(sub, f"{ref}.{letter}", f"{letter}.", rank + 1, text)
    out.append("      </div>")
    return out


# --- rendering: official publication XML --------------------------------------------------

_XML_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<officiele-publicatie xmlns:xsi="http://www.w3.org/'
    '2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://technische-documentatie.oep.'
    "overheid.nl/repository/schemas/op-consolidated/op-consolidated_2014-05-15/xsd/"
    'op-xsd-2014-05-15.xsd">'
)


def render_xml(letter: Letter) -> bytes:
    """The letter as official publication XML, in the markup of the seed's XML."""
    cites = _Cites(letter.notes)
    note_id = letter.official_id

    def ref(number: int, note: str) -> str:
        return (
            f'<noot id="{note_id}-n{number}" type="voet"><noot.nr>{number}</noot.nr>'
            f"<noot.al>{_esc(note)}</noot.al></noot>"
        )

    def text(s: str) -> str:
        return cites.sub(_esc(s), ref)

    f, iso = letter.formation, letter.sent.isoformat()
    out = [
        _XML_HEAD,
        "  <metadata>",
        f'    <meta name="DC.identifier" scheme="OVERHEIDop.ParlID" content="{note_id}"/>',
        f'    <meta name="OVERHEIDop.dossiernummer" scheme="" content="{f.dossier}"/>',
        f'    <meta name="OVERHEIDop.ondernummer" scheme="" content="{letter.number}"/>',
        '    <meta name="DC.type" scheme="OVERHEIDop.KamerstukTypen" content="Brief regering"/>',
        f'    <meta name="DC.title" scheme="" content="{escape(_dc_title(letter))}"/>',
        f'    <meta name="DCTERMS.issued" scheme="OVERHEID.XSD_DATE" content="{iso}"/>',
        f'    <meta name="DC.creator" scheme="OVERHEID.StatenGeneraal" content="{letter.chamber}'
        ' Kamer"/>',
        "  </metadata>",
        "  <kamerstuk>",
        "    <kamerstukkop>",
        f'      <tekstregel inhoud="kameraanduiding">{letter.chamber} Kamer der Staten-Generaal'
        "</tekstregel>",
        f'      <tekstregel inhoud="vergaderjaar">Vergaderjaar {session(letter.sent)}</tekstregel>',
        "    </kamerstukkop>",
        f"    <dossier><dossiernummer><dossiernr>{_dossier_display(f.dossier)}</dossiernr>"
        f"</dossiernummer><titel>{_esc(f.dossier_title)}</titel></dossier>",
        "    <stuk>",
        f'      <stuknr>Nr. <ondernummer kamer="{1 if letter.chamber == "Eerste" else 2}">'
        f"{letter.number}</ondernummer></stuknr>",
        f"      <titel>{_esc(letter.title.upper())}</titel>",
        '      <algemeen><vrije-tekst><tekst status="goed">',
        f"        <aanhef><al>Aan de Voorzitter van de {letter.chamber} Kamer der Staten-Generaal"
        "</al></aanhef>",
        f'        <dagtekening>Den Haag, <datum isodatum="{iso}">{dutch_date(letter.sent)}</datum>'
        "</dagtekening>",
    ]
    out += [f"        <al>{text(p)}</al>" for p in letter.intro()]
    for section in letter.sections:
        style = "vet" if section.level == 1 else "cur"
        out.append(f'        <tussenkop kopopmaak="{style}">{text(section.title)}</tussenkop>')
        out += _xml_blocks(section.blocks, text, "        ")
    for role, name in f.signers:
        out.append(
            f"        <ondertekening><functie>{_esc(role)}</functie><naam>{_esc(name)}</naam>"
            "</ondertekening>"
        )
    out += ["        <divisie>", f"          <kop><titel>{_esc(letter.agenda_title)}</titel></kop>"]
    out += _xml_agenda(letter.parts, text)
    out += [
        "        </divisie>",
        "      </tekst></vrije-tekst></algemeen>",
        "    </stuk>",
        "  </kamerstuk>",
        "</officiele-publicatie>",
        "",
    ]
    return "\n".join(out).encode()


def _xml_blocks(blocks: tuple[Block, ...], text: Callable[[str], str], pad: str) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, str):
            out.append(f"{pad}<al>{text(block)}</al>")
            continue
        mark = "o" if block.style == "circle" else "•"
        out.append(f'{pad}<lijst type="ongemarkeerd">')
        for entry in block.entries:
            out.append(f"{pad}  <li><li.nr>{mark}</li.nr>")
            out += _xml_blocks(entry, text, pad + "    ")
            out.append(f"{pad}  </li>")
        out.append(f"{pad}</lijst>")
    return out


def _xml_agenda(parts: tuple[Part, ...], text: Callable[[str], str]) -> list[str]:
    out: list[str] = []
    for p, part in enumerate(parts, 1):
        pad = "          "
        if part.title:
            out += [
                f"{pad}<divisie>",
                f"{pad}  <kop><nr>{_roman(p)}.</nr><titel>{_esc(part.title)}</titel></kop>",
            ]
            pad += "  "
        for n, item in enumerate(part.items, 1):
            out += _xml_item(item, f"{n}.", text, pad)
        if part.title:
            out.append("          </divisie>")
    return out


def _xml_item(item: Item, number: str, text: Callable[[str], str], pad: str) -> list[str]:
    out = [
        f"{pad}<divisie>",
        f"{pad}  <kop><nr>{number}</nr><titel>{text(item.title)}</titel></kop>",
    ]
    if item.kind:
        out.append(f'{pad}  <al><nadruk type="cur">{_esc(item.kind)}</nadruk></al>')
    out += [f"{pad}  <al>{text(p)}</al>" for p in item.paras]
    for s, sub in enumerate(item.subs):
        out += _xml_item(sub, "abcdefghijklmnopqrstuvwxyz"[s] + ".", text, pad + "  ")
    out.append(f"{pad}</divisie>")
    return out


# --- rendering: PDF text (pdftotext layout) -------------------------------------------------

WIDTH = 95  # characters per body line
NOTE_WIDTH = 105
PAGE = 57  # lines per page, footnotes included
_BULLET_WORDS = frozenset({"–", "-", "o", "•", "\uf0b7", "▪", "●", "◦"})


@dataclass
class _Row:
    """A line of text; `runs_on` when the next line carries on the same paragraph."""

    text: str
    runs_on: bool = False
    notes: tuple[int, ...] = ()


def _wrap(text: str, width: int = WIDTH) -> list[str]:
    """Greedy wrap at spaces; a dash or bullet-like word never opens a line."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width and word not in _BULLET_WORDS:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return lines + [line]


def _kept_hyphen(line: str, last: bool) -> str:
    """pdftotext keeps the space after a hyphen that ends a line ("Veiligheids- (MTV)")."""
    return line + " " if line.endswith("-") and not last else line


def _wrap_title(text: str) -> list[str]:
    """Wrap a heading so that no continued line opens with a capital (it would read as new)."""
    lines: list[str] = []
    while len(text) > WIDTH:
        cut = max((m.start() for m in re.finditer(r" (?=[a-z])", text[: WIDTH + 1])), default=-1)
        if cut <= 0:
            break
        lines.append(text[:cut])
        text = text[cut + 1 :]
    return lines + [text]


class _TextLayout:
    """Rows of a letter as pdftotext writes a PDF: wrapped lines, blank lines between blocks."""

    def __init__(self, notes: tuple[str, ...]):
        self.cites = _Cites(notes)
        self.rows: list[_Row] = []

    def text(self, s: str) -> tuple[str, list[tuple[int, int]]]:
        """`s` with note numbers glued to the word before; (offset after, number) of each."""
        out: list[str] = []
        refs: list[tuple[int, int]] = []
        length = position = 0
        for match in NOTE_REF.finditer(s):
            number = len(self.cites.cited) + 1
            self.cites.cited.append((number, self.cites.texts[int(match.group(1))]))
            out += [s[position : match.start()], str(number)]
            length += match.start() - position + len(str(number))
            refs.append((length, number))
            position = match.end()
        out.append(s[position:])
        return "".join(out), refs

    def blank(self) -> None:
        if self.rows and self.rows[-1].text:
            self.rows.append(_Row(""))

    def paragraph(self, s: str, bullet: str = "") -> None:
        body, refs = self.text(bullet + s)
        lines = _wrap(body)
        start = 0
        for i, line in enumerate(lines):
            end = start + len(line)
            cited = tuple(n for at, n in refs if start < at <= end)
            last = i == len(lines) - 1
            self.rows.append(_Row(_kept_hyphen(line, last), not last, cited))
            start = end + 1

    def heading(self, s: str) -> None:
        body, refs = self.text(s)
        lines = _wrap_title(body)
        for i, line in enumerate(lines):
            last = i == len(lines) - 1
            self.rows.append(_Row(line, notes=tuple(n for _, n in refs) if last else ()))

    def blocks(self, blocks: tuple[Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, str):
                self.paragraph(block)
                self.blank()
            else:
                self.bullets(block)

    def bullets(self, block: Bullets) -> None:
        mark = "o " if block.style == "circle" else "\uf0b7 "
        for entry in block.entries:
            for i, part in enumerate(entry):
                if isinstance(part, str):
                    self.paragraph(part, mark if i == 0 else "")
                else:
                    self.bullets(part)
            if block.style != "circle":
                self.blank()


def render_text(letter: Letter) -> bytes:
    """The letter as text extracted from its PDF: pages, footnotes at the foot of each."""
    layout = _TextLayout(letter.notes)
    layout.rows.append(_Row(letter.title.upper()))
    layout.blank()
    layout.rows.append(_Row(f"Aan de Voorzitter van de {letter.chamber} Kamer der Staten-Generaal"))
    layout.blank()
    layout.rows.append(_Row(f"Den Haag, {dutch_date(letter.sent)}"))
    layout.blank()
    layout.blocks(letter.intro())
    for section in letter.sections:
        layout.heading(section.title)
        layout.blank()
        layout.blocks(section.blocks)
    for role, name in letter.formation.signers:
        layout.rows += [_Row(role), _Row(""), _Row(name), _Row("")]
    _text_agenda(layout, letter)
    return _paginate(layout.rows, layout.cites.cited).encode()


def _text_agenda(layout: _TextLayout, letter: Letter) -> None:
    title = letter.agenda_title
    head, _, days = title.rpartition(", ")
    first, _, second = head.partition(" van de Raad ")
    layout.rows += [_Row(first), _Row(f"van de Raad {second},"), _Row(days), _Row("")]
    for p, part in enumerate(letter.parts, 1):
        if part.title:
            layout.rows += [_Row(f"{_roman(p)}. {part.title}"), _Row("")]
        for n, item in enumerate(part.items, 1):
            _text_item(layout, item, f"{n}.")
            for s, sub in enumerate(item.subs):
                _text_item(layout, sub, "abcdefghijklmnopqrstuvwxyz"[s] + ".")


def _text_item(layout: _TextLayout, item: Item, number: str) -> None:
    title = f"{number} {item.title}"
    for line in re.split(r" (?=[a-z]\. )", title):  # sub-titles "a. …" on lines of their own
        layout.heading(line)
    if item.kind:
        layout.rows.append(_Row(item.kind))
    if item.paras:
        layout.blank()
        layout.blocks(item.paras)


def _paginate(rows: list[_Row], cited: list[tuple[int, str]]) -> str:
    """Break pages inside paragraphs; each page ends with the notes cited on it."""
    notes = dict(cited)
    out: list[str] = []
    page: list[_Row] = []
    for row in rows:
        page.append(row)
        on_page = [n for r in page for n in r.notes]
        band = sum(len(_wrap(f"{n} {notes[n]}", NOTE_WIDTH)) for n in on_page)
        if row.runs_on and len(page) + band >= PAGE:
            out += _page_lines(page, on_page, notes)
            page = []
    out += _page_lines(page, [n for r in page for n in r.notes], notes)
    return "\n".join(out) + "\n"


def _page_lines(page: list[_Row], on_page: list[int], notes: dict[int, str]) -> list[str]:
    lines = [r.text for r in page]
    if lines:
        lines[0] = " " + lines[0]  # pdftotext: a page opens with a line that starts with a space
    for n in on_page:
        wrapped = _wrap(f"{n} {notes[n]}", NOTE_WIDTH)
        lines += [_kept_hyphen(line, i == len(wrapped) - 1) for i, line in enumerate(wrapped)]
    return lines


# --- rendering: DOCX (a ministry's Word file) --------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@cache
def _docx_template() -> tuple[bytes, str, str, str]:
    """The seed's package without its text, the document's opening tag, sectPr, notes head."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(DOCX_TEMPLATE) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            if info.filename not in ("word/document.xml", "word/footnotes.xml"):
                _zip_write(target, info.filename, source.read(info))
        document = source.read("word/document.xml").decode()
        footnotes = source.read("word/footnotes.xml").decode()
    opening = document[: document.index("<w:body>") + len("<w:body>")]
    sect = document[document.rindex("<w:sectPr") : document.rindex("</w:body>")]
    notes_head = footnotes[: footnotes.index('<w:footnote w:id="1">')]
    return buffer.getvalue(), opening, sect, notes_head


def _zip_write(target: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=(2025, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    target.writestr(info, data)


def _runs(text: str, cites: _Cites) -> str:
    """Text runs, a footnote reference run where a note marker stands."""
    out = []
    for i, piece in enumerate(NOTE_REF.split(text)):
        if i % 2:
            number = cites.sub(f"{OPEN}{piece}{CLOSE}", lambda n, _note: str(n))
            out.append(
                '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                f'<w:footnoteReference w:id="{number}"/></w:r>'
            )
        elif piece:
            out.append(f'<w:r><w:t xml:space="preserve">{_esc(piece)}</w:t></w:r>')
    return "".join(out)


def _p(runs: str, ppr: str = "") -> str:
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{runs}</w:p>"


def _style(name: str) -> str:
    return f'<w:pStyle w:val="{name}"/>'


def render_docx(letter: Letter, agenda_only: bool = False) -> bytes:
    """The letter as a Word document in the seed's styles; or its agenda on its own."""
    cites = _Cites(letter.notes)
    body: list[str] = []
    if not agenda_only:
        body += _docx_cover(letter, cites)
    brk = "" if agenda_only else "<w:pageBreakBefore/>"
    body.append(_p(_runs(letter.agenda_title, cites), _style("Title") + brk))
    for p, part in enumerate(letter.parts, 1):
        if part.title:
            body.append(_p(_runs(f"{_roman(p)}. {part.title}", cites), _style("Heading1")))
        for n, item in enumerate(part.items, 1):
            body += _docx_item(item, f"{n}.", "Heading2", cites)
            for s, sub in enumerate(item.subs):
                body += _docx_item(sub, "abcdefghijklmnopqrstuvwxyz"[s] + ".", "Heading3", cites)
    template, opening, sect, notes_head = _docx_template()
    footnotes = "".join(
        f'<w:footnote w:id="{n}"><w:p><w:pPr><w:pStyle w:val="FootnoteText"/></w:pPr><w:r><w:rPr>'
        f'<w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t '
        f'xml:space="preserve"> {_esc(note)}</w:t></w:r></w:p></w:footnote>'
        for n, note in cites.cited
    )
    buffer = io.BytesIO(template)
    with zipfile.ZipFile(buffer, "a") as package:
        _zip_write(
            package,
            "word/document.xml",
            (opening + "".join(body) + sect + "</w:body></w:document>").encode(),
        )
        _zip_write(
            package, "word/footnotes.xml", (notes_head + footnotes + "</w:footnotes>").encode()
        )
    return buffer.getvalue()


def _docx_cover(letter: Letter, cites: _Cites) -> list[str]:
    body = [
        _p(_runs(letter.title, cites), _style("Title")),
        _p(_runs(f"Aan de Voorzitter van de {letter.chamber} Kamer der Staten-Generaal", cites)),
        _p(_runs(f"Den Haag, {dutch_date(letter.sent)}", cites)),
    ]
    body += [_p(_runs(p, cites)) for p in letter.intro()]
    for section in letter.sections:
        body.append(_p(_runs(section.title, cites), _style(f"Heading{section.level}")))
        body += _docx_blocks(section.blocks, cites, 0)
    for role, name in letter.formation.signers:
        body += [_p(_runs(role, cites)), _p(_runs(name, cites), '<w:spacing w:before="540"/>')]
    return body


def _docx_blocks(blocks: tuple[Block, ...], cites: _Cites, level: int) -> list[str]:
    out = []
    for block in blocks:
        if isinstance(block, str):
            out.append(_p(_runs(block, cites)))
            continue
        for entry in block.entries:
            for i, part in enumerate(entry):
                if isinstance(part, Bullets):
                    out += _docx_blocks((part,), cites, level + 1)
                elif i == 0:
                    numbering = f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="10"/></w:numPr>'
                    out.append(_p(_runs(part, cites), _style("ListParagraph") + numbering))
                else:
                    indent = f'<w:ind w:left="{720 * (level + 1)}"/>'
                    out.append(_p(_runs(part, cites), _style("ListParagraph") + indent))
    return out


def _docx_item(item: Item, number: str, style: str, cites: _Cites) -> list[str]:
    lines = re.split(r" (?=[a-z]\. )", f"{number} {item.title}")
    title = "<w:r><w:br/></w:r>".join(_runs(line, cites) for line in lines)
    out = [_p(title, _style(style))]
    if item.kind:
        out.append(
            _p(f"<w:r><w:rPr><w:i/></w:rPr><w:t>{_esc(item.kind)}</w:t></w:r>", "<w:keepNext/>")
        )
    out += [_p(_runs(p, cites)) for p in item.paras]
    return out


RENDERERS: dict[str, Callable[[Letter], bytes]] = {
    "html": render_html,
    "xml": render_xml,
    "pdf.txt": render_text,
    "docx": render_docx,
    "agenda.docx": lambda letter: render_docx(letter, agenda_only=True),
}
STATES_ID = frozenset({"html", "xml"})


# --- the archive ----------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    """One file of the corpus and what a reader should find in it."""

    name: str
    data: bytes
    fmt: str
    origin: str  # letter, senate, republication, rendition, copy, archive
    formation: str
    start: str  # first meeting day, ISO
    date: str | None  # the letter date the file states
    official_id: str | None  # the official id the file states (HTML, XML)
    titles: tuple[str, ...]  # agenda item titles in reading order


class _Archive:
    """The generation state: each formation's chain, id counters, recent files."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.pool = load_pool()
        self.meetings = _meetings(self.rng)
        self.chains: dict[str, tuple[tuple[Part, ...], str, date]] = {}
        self.numbers: Counter[str] = Counter()
        self.ready: deque[tuple[Letter, str]] = deque()
        self.recent: deque[tuple[Letter, Document]] = deque(maxlen=RECENT)
        self.files: deque[Document] = deque(maxlen=RECENT)
        self.edits: Counter[str] = Counter()
        self.archived = 0

    def next_document(self, index: int) -> Document:
        roll, threshold = self.rng.random(), 0.0
        for origin, share in EXTRAS:
            threshold += share
            if roll < threshold and (self.recent or origin == "archive"):
                return self._extra(origin, index)
        if not self.ready:
            self._meeting()
        letter, origin = self.ready.popleft()
        fmt = self.rng.choices(list(FORMATS), weights=list(FORMATS.values()))[0]
        doc = self._document(index, letter, fmt, origin, RENDERERS[fmt](letter))
        self.recent.append((letter, doc))
        return doc

    def _document(self, index: int, letter: Letter, fmt: str, origin: str, data: bytes) -> Document:
        f = letter.formation
        doc = Document(
            name=f"{index:05d}-{f.slug}-{letter.start.isoformat()}.{fmt}",
            data=data,
            fmt=fmt,
            origin=origin,
            formation=f.name,
            start=letter.start.isoformat(),
            date=None if fmt == "agenda.docx" else letter.sent.isoformat(),
            official_id=letter.official_id if fmt in STATES_ID else None,
            titles=item_titles(letter.parts),
        )
        self.files.append(doc)
        return doc

    def _meeting(self) -> None:
        """The next meeting's letter to the Tweede Kamer, and maybe one to the Eerste Kamer."""
        formation, start, end = next(self.meetings)
        parts, last, previous = self.chains.get(formation.name, ((), "", date.min))
        editor = _Editor(self.rng, self.pool, formation, last)
        if parts:
            parts = _next_agenda(self.rng, editor, parts)
        else:
            parts = _first_agenda(self.rng, editor, formation)
        self.edits.update(editor.counts)
        day = max(_letter_date(self.rng, start), previous + timedelta(days=1))
        self.chains[formation.name] = (parts, _days(start, end, " en ", "jl."), day)
        for chamber in ("Tweede", "Eerste"):
            if chamber == "Eerste" and self.rng.random() >= formation.senate:
                break
            letter = Letter(
                formation,
                chamber,
                self._number(formation, chamber),
                day,
                start,
                end,
                _covering_topics(self.rng, editor),
                parts,
                self.pool.notes,
            )
            self.ready.append((letter, "letter" if chamber == "Tweede" else "senate"))

    def _number(self, formation: Formation, chamber: str) -> str:
        """The next ondernummer: numbers in the Tweede Kamer, letters in the Eerste Kamer."""
        key = f"{chamber}-{formation.dossier}"
        self.numbers[key] += self.rng.randint(1, 4) if chamber == "Tweede" else 1
        n = self.numbers[key] + (99 if chamber == "Tweede" else 0)
        if chamber == "Tweede":
            return str(n)
        code = ""
        while n:
            n, rest = divmod(n - 1, 26)
            code = chr(65 + rest) + code
        return code

    def _extra(self, origin: str, index: int) -> Document:
        make = {"archive": self._archived, "copy": self._copy, "rendition": self._rendition}
        return make.get(origin, self._republication)(index)

    def _archived(self, index: int) -> Document:
        """A real PDF of the JBZ-Raad, unchanged."""
        path, start, sent = ARCHIVE_PDFS[self.archived % len(ARCHIVE_PDFS)]
        self.archived += 1
        jbz = FORMATIONS[-1]
        name = f"{index:05d}-{jbz.slug}-{start}.pdf"
        doc = Document(name, _read_bytes(path), "pdf", "archive", jbz.name, start, sent, None, ())
        self.files.append(doc)
        return doc

    def _copy(self, index: int) -> Document:
        """A re-fetch: the bytes of a recent file again."""
        source = self.rng.choice(list(self.files))
        doc = replace(source, name=f"{index:05d}-{source.name[6:]}", origin="copy")
        self.files.append(doc)
        return doc

    def _rendition(self, index: int) -> Document:
        """A recent letter again, in another format."""
        letter, source = self.rng.choice(list(self.recent))
        fmt = self.rng.choice([f for f in RENDERERS if f != source.fmt])
        return self._document(index, letter, fmt, "rendition", RENDERERS[fmt](letter))

    def _republication(self, index: int) -> Document:
        """A corrected letter under the same official id: one small edit of one item."""
        candidates = [(lt, d) for lt, d in self.recent if d.fmt in STATES_ID] or list(self.recent)
        letter, source = self.rng.choice(candidates)
        editor = _Editor(self.rng, self.pool, letter.formation, "")
        parts = [list(p.items) for p in letter.parts]
        part = self.rng.choice([p for p in parts if p])
        at = self.rng.randrange(len(part))
        item = part[at]
        if item.subs:
            subs = list(item.subs)
            k = self.rng.randrange(len(subs))
            subs[k] = editor.correct(subs[k])
            part[at] = replace(item, subs=tuple(subs))
        else:
            part[at] = editor.correct(item)
        fixed = replace(
            letter,
            parts=tuple(Part(p.title, tuple(i)) for p, i in zip(letter.parts, parts, strict=True)),
        )
        return self._document(
            index, fixed, source.fmt, "republication", RENDERERS[source.fmt](fixed)
        )


@cache
def _read_bytes(path: Path) -> bytes:
    return path.read_bytes()


def documents(letters: int, seed: int = 1) -> Iterator[Document]:
    """The corpus, file by file, in generation order."""
    archive = _Archive(seed)
    for index in range(1, letters + 1):
        yield archive.next_document(index)


def generate(out: Path, letters: int, seed: int = 1) -> list[Path]:
    """Write `letters` files into folder `out`; return their paths in generation order."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in documents(letters, seed):
        path = out / doc.name
        path.write_bytes(doc.data)
        paths.append(path)
    return paths


def summary(docs: list[Document]) -> str:
    """One line: files per format, per origin and per formation."""

    def counts(values: Iterator[str]) -> str:
        return ", ".join(f"{k} {v}" for k, v in Counter(values).most_common())

    return (
        f"{len(docs)} letters | formats: {counts(d.fmt for d in docs)} | origins: "
        f"{counts(d.origin for d in docs)} | formations: {counts(d.formation for d in docs)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write the letters into")
    parser.add_argument("--letters", type=int, required=True, help="how many files to write")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    docs = []
    for doc in documents(args.letters, args.seed):
        (args.out / doc.name).write_bytes(doc.data)
        docs.append(replace(doc, data=b""))
    print(f"{summary(docs)} | {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
