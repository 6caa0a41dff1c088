"""How letters lay out their agendas, as one table of rules with their evidence.

Every row says what a line of a letter is when it matches: an agenda title, a part, a
numbered item or sub-item, a procedure line in one of its forms, a generic sub-heading
inside an item, or the heading of the agenda's introduction. Each row carries examples
that must match and counter-examples that must not, and `tests/test_layouts.py` runs
them all, so a new layout is a new row here and a rule that swallows another's example
fails at once. What a row means for the structure (an item holds the blocks after it, a
heading directly over another heading opens a group, …) is `tracker.agenda`'s job; this
module only recognises lines.

Sources of the examples: the seed JBZ letter (numbered parts and items), the real letter
openings of RBZ, RAZ, RAZEB, EPSCO, Milieuraad and JBZ (un-numbered headings, agenda titles
in capitals, "= Algemene oriëntatie", "Beleidsdebat: …", "Achtergrond"/"Inzet Nederland"),
and the dev cases 15–21 in those layouts.
"""

from __future__ import annotations

import re

from tracker import patterns
from tracker.records import dataclass

# Kinds of line a rule recognises.
AGENDA_TITLE = "agenda-title"
PART = "part"
ITEM = "item"
SUB_ITEM = "sub-item"
PROCEDURE = "procedure"  # a procedure line on its own ("Gedachtewisseling")
PROCEDURE_MARK = "procedure-mark"  # "= Algemene oriëntatie" under an item title
PROCEDURE_PREFIX = "procedure-prefix"  # "Beleidsdebat: <title>"
SUBHEADING = "subheading"  # "Achtergrond", "Inzet Nederland": inside one item
INTRO_HEADING = "intro-heading"  # "Introductie": heads the agenda's introduction
LETTER_FORMULA = "letter-formula"  # "Geachte Voorzitter,", "Hoogachtend,": text, no heading

# Council procedures as the letters name them: the head words of a procedure line.
# "Kwartaalrapportage" and other Dutch reports are not Council procedures: a heading
# "Kwartaalrapportage: herziening …" keeps its prefix in the title.
_PROCEDURE_HEADS = (
    r"(?:gedeeltelijke\s+)?algemene\s+ori[eë]ntatie",
    r"gedachte[n]?wisseling(?:\s+(?:tijdens|bij|over)\s+de\s+(?:werk)?(?:lunch|diner|ontbijt))?",
    r"(?:ori[eë]nterend\s+|openbaar\s+)?(?:beleids)?debat",
    r"strategische\s+discussie",
    r"discussie",
    r"stand\s+van\s+zaken",
    r"(?:voorlopig\s+)?politiek\s+akkoord",
    r"politieke\s+overeenstemming",
    r"akkoord",
    r"informatie(?:punt)?(?:\s+van\s+(?:de|het)\s+[\w\s-]+?)?",
    r"presentatie(?:\s+(?:door|van)\s+(?:de|het)\s+[\w\s-]+?)?",
    r"voortgangsrapport(?:age)?",
    r"(?:aanneming|goedkeuring|vaststelling)(?:\s+van\s+(?:de\s+)?[\w\s-]+?)?",
    r"raadsconclusies",
    r"conclusies",
    r"besluit(?:vorming)?",
    r"(?:ministeri[eë]le\s+)?lunch(?:bespreking|discussie)?(?:\s+(?:met|tijdens)\s+[\w\s-]+?)?",
    r"uitwisseling\s+van\s+standpunten",
    r"hoorzitting",
    r"(?:werk)?(?:lunch|ontbijt|diner)(?:bespreking)?",
    r"(?:openbare\s+)?beraadslaging",
    r"mandaat",
    r"stemming",
)
_PROCEDURE_QUALIFIER = r"(?:(?:\(?eventueel\)?|mogelijk[e]?|mogelijke|evt\.)\s+)?"
_PROCEDURE = (
    _PROCEDURE_QUALIFIER
    + r"(?:"
    + "|".join(_PROCEDURE_HEADS)
    + r")"
    + r"(?:\s*(?:,|/|&|\ben\b|\bof\b)\s*"
    + _PROCEDURE_QUALIFIER
    + r"(?:"
    + "|".join(_PROCEDURE_HEADS)
    + r"))*"
)

# Generic words that structure one item's annotation. A heading made only of these
# words ("Inzet Nederland", "Stand van zaken", "Achtergrond en inzet") is a sub-heading.
SUBHEADING_WORDS = frozenset(
    """
    achtergrond inleiding toelichting inhoud doel aanleiding context samenvatting
    stand zaken inzet nederland nederlandse kabinet kabinets kabinetsinzet regering
    appreciatie kabinetsappreciatie standpunt positie positiebepaling krachtenveld
    beoordeling essentie voorstel voorstellen proces vervolg vervolgproces tijdpad
    planning conclusie verwachte verwachting uitkomst onderhandelingen stemverhouding
    agenda ontwikkelingen relevante relevantie belang voor van de het en
    """.split()
)
# The words a sub-heading must contain at least one of: the rest are glue.
_SUBHEADING_ANCHORS = SUBHEADING_WORDS - frozenset(
    "voor van de het en nederland nederlandse kabinet regering agenda belang "
    "ontwikkelingen relevante zaken voorstel voorstellen".split()
)


@dataclass(frozen=True)
class Rule:
    """One way letters write a line of their agenda, with the evidence for it."""

    name: str
    kind: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...] = ()
    seen_in: str = ""


def _rx(pattern: str) -> re.Pattern[str]:
    return patterns.compile(pattern, re.IGNORECASE)


RULES: tuple[Rule, ...] = (
    Rule(
        "agenda title",
        AGENDA_TITLE,
        _rx(r"^\W*(?:(?:[IVX]{1,4}|\d{1,2})[.)]\s*)?(?:de\s+)?geannoteerde\s+agenda\b"),
        (
            "Geannoteerde agenda van de bijeenkomst van de Raad Justitie en Binnenlandse Zaken",
            "GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN VAN 17 FEBRUARI 2020",
            "Geannoteerde agenda Milieuraad d.d. 21 oktober 2009",
            "I. Geannoteerde agenda",
        ),
        ("Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken",),
        "seed; rbz-2020-02-17; milieuraad-2009-10-21; agenda attachments",
    ),
    Rule(
        "agenda title, annotations",
        AGENDA_TITLE,
        _rx(r"^\W*annotaties?\s+(?:bij|van)\s+de\s+agenda\b"),
        ("Annotaties bij de agenda van de Raad Concurrentievermogen",),
        ("De annotaties bij de agenda volgen later",),
        "older letters",
    ),
    Rule(
        "part, roman numeral",
        PART,
        patterns.compile(r"^(?:Deel\s+)?(?P<n>[IVXL]{1,6})[.)]?\s+(?P<t>\S.*)$"),
        ("I. Justitie", "II Binnenlandse Zaken", "Deel III Overige onderwerpen"),
        ("Inzet Nederland", "1. Justitie"),
        "seed",
    ),
    Rule(
        "item, number",
        ITEM,
        patterns.compile(r"^(?P<n>\d{1,4})\s*[.)]\s*(?P<t>\S.*)$"),
        (
            "1. Ontwikkelingen op het gebied van de rechtsstaat",
            "12) Migratie",
            "104. Diversen",
            "1000. Past the limit of items, so refused, not folded into item 999",
        ),
        ("2025 Verordening", "I. Justitie"),
        "seed; milieuraad-2009-10-21",
    ),
    Rule(
        "sub-item, letter",
        SUB_ITEM,
        patterns.compile(r"^(?P<n>[a-z])\s*[.)]\s+(?P<t>\S.*)$"),
        ("a. Jaarlijks voortgangsverslag over handhaving", "b) Toekomst van Frontex"),
        ("Achtergrond", "A. Justitie"),
        "seed",
    ),
    Rule(
        "procedure after '='",
        PROCEDURE_MARK,
        patterns.compile(r"^\s*=\s*(?P<kind>\S.*?)\s*$"),
        ("= Algemene oriëntatie", "=Gedachtewisseling"),
        ("Algemene oriëntatie", "a = b"),
        "jbz-2018-10-11",
    ),
    Rule(
        "procedure line",
        PROCEDURE,
        _rx(r"^\s*(?P<kind>" + _PROCEDURE + r")\s*[.:]?\s*$"),
        (
            "Gedachtewisseling",
            "Stand van zaken",
            "Gedeeltelijke algemene oriëntatie",
            "Informatie van het Voorzitterschap en de Commissie",
            "Aanneming van Raadsconclusies",
            "Beleidsdebat en raadsconclusies",
            "Strategische discussie",
            "Politiek akkoord",
            "Hoorzitting",
            "Werklunch",
            "Gedachtewisseling tijdens de lunch",
        ),
        ("Midden-Oosten", "Georgië", "Kwartaalrapportage", "Stand van de rechtsstaat in Europa"),
        "seed; dev 15-16 (RBZ: the procedure on its own line under the heading)",
    ),
    Rule(
        "procedure before the title",
        PROCEDURE_PREFIX,
        _rx(r"^\s*(?P<kind>" + _PROCEDURE + r")\s*:\s*(?P<t>\S.*)$"),
        (
            "Beleidsdebat: Kanker en de implementatie van de Europese Beating Cancer Plan",
            "Algemene oriëntatie: Richtlijn verbetering arbeidsvoorwaarden van stagiairs",
            "Informatie van de Commissie: Implementatie van de Richtlijn loontransparantie",
            "Voorlopig politiek akkoord: Verordening EU-Talentenpool (COM(2023) 716)",
            "Raadsconclusies: Herfstpakket Europees Semester 2026",
            "Stand van zaken: Herziening mandaat Europese Arbeidsautoriteit (ELA)",
            "Goedkeuring: Landenspecifieke aanbevelingen 2025",
        ),
        (
            "Kwartaalrapportage: herziening Coördinatieverordening Sociale Zekerheid (883/2004)",
            "Oekraïne: stand van zaken",
            "Algemene zaken: werkprogramma Zweeds voorzitterschap",
        ),
        "epsco-gezondheid-2022-09-07; dev 17-19 (EPSCO)",
    ),
    Rule(
        "sub-heading inside an item",
        SUBHEADING,
        _rx(r"^\s*(?P<t>[\w\s'’-]{3,60}?)\s*:?\s*$"),
        (
            "Achtergrond",
            "Stand van zaken",
            "Inzet Nederland",
            "Nederlandse inzet",
            "Toelichting",
            "Inleiding",
            "Kabinetsappreciatie",
            "Achtergrond en inzet",
            "Verwachte uitkomst",
        ),
        ("Midden-Oosten", "Current affairs", "Nederland", "Meerjarig Financieel Kader (MFK)"),
        "epsco-wsb-2025-06-19; epsco-gezondheid-2022-09-07; dev 17-19",
    ),
    Rule(
        "sub-heading that opens with a generic word",
        SUBHEADING,
        _rx(
            r"^\s*(?P<t>(?:achtergrond|inleiding|toelichting|samenvatting|kabinetsappreciatie"
            r"|stand\s+van\s+zaken)\s+(?:en|van|over|bij|op|inzake|ten\s+aanzien\s+van)"
            r"\s+[\w\s'’-]{2,40}?)\s*:?\s*$"
        ),
        (
            "Achtergrond en terugblik trilogen",
            "Stand van zaken van de onderhandelingen",
            "Toelichting op het voorstel",
        ),
        (
            "Stand van de rechtsstaat in de EU",
            "Achtergrondstudie migratie",
            "Inzet van de EU in Mali",
        ),
        "epsco-wsb-2024-06-20; epsco-wsb-2025-12-01",
    ),
    Rule(
        "salutation or closing of a letter",
        LETTER_FORMULA,
        _rx(
            r"^\s*(?:geachte\s+(?:voorzitter|heer|mevrouw|leden)\b.*|hoogachtend|met\s+(?:vriendelijke|"
            r"hoogachtende)\s+groet(?:en)?|(?:met\s+)?vriendelijke\s+groet(?:en)?)\s*,?\s*$"
        ),
        ("Geachte Voorzitter,", "Hoogachtend,", "Met vriendelijke groet,", "Geachte leden"),
        ("Geachte agenda", "Hoogachtend de minister"),
        "ministry letters in tests/data/unseen (tte-telecom, lvr-2025-01-27)",
    ),
    Rule(
        "heading of the agenda's introduction",
        INTRO_HEADING,
        _rx(r"^\s*(?:introductie|inleiding|algemeen|algemene\s+inleiding)\s*:?\s*$"),
        ("Introductie", "Inleiding", "Algemeen"),
        ("Algemene zaken", "Introductie van de euro"),
        "rbz-2021-11-15",
    ),
)

_BY_KIND: dict[str, tuple[Rule, ...]] = {}
for _rule in RULES:
    _BY_KIND[_rule.kind] = _BY_KIND.get(_rule.kind, ()) + (_rule,)


def match(kind: str, text: str) -> re.Match[str] | None:
    """The first rule of `kind` that `text` (a whole line) matches, as its match."""
    for rule in _BY_KIND[kind]:
        found = rule.pattern.match(text)
        if found and _accepts(rule, found):
            return found
    return None


def _accepts(rule: Rule, found: re.Match[str]) -> bool:
    """Checks a pattern cannot say: a sub-heading is made of generic words only, or
    opens with one and stays short."""
    if rule.kind != SUBHEADING:
        return True
    if rule.name != "sub-heading inside an item":
        return len(found["t"].split()) <= 6
    words = re.findall(r"[^\W\d_]+", found["t"].lower())
    return (
        0 < len(words) <= 6
        and all(word in SUBHEADING_WORDS for word in words)
        and any(word in _SUBHEADING_ANCHORS for word in words)
    )


def matches(rule: Rule, text: str) -> bool:
    """Whether `text` is a line of `rule`'s kind by that rule."""
    found = rule.pattern.match(text)
    return bool(found) and _accepts(rule, found)  # type: ignore[arg-type]


def procedure_prefix(title: str) -> tuple[str, str] | None:
    """(procedure, title) for "Beleidsdebat: Herfstpakket …"; None for any other title."""
    found = match(PROCEDURE_PREFIX, title)
    if found is None:
        return None
    return found["kind"].strip(), found["t"].strip()
