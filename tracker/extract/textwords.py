"""What the text reader knows of letters' words, where line shape cannot tell.

Each kind of line is a rule with the lines it must match and must not match, checked by
one test (`tests/test_extract_text.py`); a new phrasing is a new example or row.
"""

from __future__ import annotations

import re

from tracker import patterns
from tracker.dutch import MONTHS
from tracker.records import dataclass

# Words that end a line only when the sentence goes on below.
FUNCTION_WORDS = frozenset(
    "de het een en of van voor tot met op in aan te om door bij naar over als der des "
    "die dat is zijn wordt worden ter ten uit".split()
)
# Words that are written with a capital only when they open a sentence.
SENTENCE_OPENERS = frozenset(
    "De Het Een Dit Deze Dat Op In Bij Met Voor Na Naar Om Over Tot Tijdens Door Uit Aan Als "
    "Zoals Daarnaast Daarom Daarbij Hierbij Hiermee Er Ook Wij We Ik Zij Hij Verder Voorts "
    "Tevens Bovendien Tegelijkertijd Vervolgens Inmiddels Momenteel Sinds Ondanks Hoewel "
    "Omdat Conform Volgens Gezien Gelet Naast Binnen Onder Tegen Zonder Vanuit Vanwege Namens "
    "Middels Hiertoe Hierover Daarmee Daartoe Daarover Zo Nu Toch Wanneer Indien Nadat "
    "Voordat Terwijl Zodra Doordat".split()
)


@dataclass(frozen=True)
class LineRule:
    """A kind of line that layout cannot tell apart, known by its words.

    `pattern` must match a whole line (after white space is folded); `examples` are
    lines it must match and `counters` lines it must not, checked by one test.
    """

    name: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counters: tuple[str, ...] = ()

    def match(self, text: str) -> re.Match[str] | None:
        """The match of the whole `text`, or None."""
        return self.pattern.fullmatch(text)


_INITIALS = r"(?:[A-Z][a-z]?\.\s?)+"
_SURNAME = r"[A-Z][a-z][\w'’-]*"
_NAME_WORD = rf"(?:{_SURNAME}|van|de|der|den|ter|ten|te|het|'t|in|op|von|du|la|le)"
# Initials or a first name, then particles and surnames: "S.A. Blok", "Foort van Oosten".
_NAME = rf"(?:{_INITIALS}|{_SURNAME}\s)(?:{_NAME_WORD}\s)*{_SURNAME}"

SIGNER = LineRule(
    "signer: role line ending in a comma, the name after it or on the next line",
    patterns.compile(
        r"(?P<role>(?:De|Het)\s(?:[Mm]inister(?:-[Pp]resident)?|[Ss]taatssecretaris)\b"
        rf"[^.;:]*?,)(?:\s(?P<name>{_NAME}))?"
    ),
    (
        "De Minister van Buitenlandse Zaken, S.A. Blok",
        "De Minister van Sociale Zaken en Werkgelegenheid,",
        "De minister van Buitenlandse Zaken, M. J. M. Verhagen",
        "De Minister van Onderwijs, Cultuur en Wetenschap, I.K. van Engelshoven",
        "De Staatssecretaris van Justitie en Veiligheid, M.G.J. Harbers",
    ),
    (
        "De Minister van Buitenlandse Zaken is voornemens deel te nemen.",
        "De Minister van Buitenlandse Zaken zal, zoals gebruikelijk, deelnemen",
        "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN",
    ),
)
SIGNER_NAME = LineRule(
    "signer's name on a line of its own",
    patterns.compile(_NAME),
    ("E.H. Vermeulen", "Foort van Oosten", "H.G.J. Bruins Slot", "F. C. G. M. Timmermans"),
    ("GEANNOTEERDE AGENDA", "Current affairs", "Stand van zaken", "Bijlage"),
)
SUBHEADING = LineRule(
    "generic sub-heading inside an item or section: a line of its own",
    patterns.compile(
        r"(?:Achtergrond|Aanleiding|Stand van zaken|Inzet(?: van)?(?: Nederland| het kabinet"
        r"| kabinet)?|Nederlandse inzet|Krachtenveld|Toelichting|Essentie(?: voorstel)?"
        r"|Beoordeling(?: [a-z]+)*|Tijdpad|Vervolg(?:stappen)?|Samenvatting)"
        r"(?: en [a-z]+(?: [a-z]+)*)?"
    ),
    (
        "Achtergrond",
        "Stand van zaken",
        "Inzet Nederland",
        "Achtergrond en terugblik trilogen",
        "Beoordeling voorstel en inzet kabinet",
    ),
    ("Stand van zaken: Herziening mandaat Europese Arbeidsautoriteit (ELA)", "Achtergrondstukken"),
)
PROCEDURE = LineRule(
    "procedure line under an item heading: a line of its own",
    patterns.compile(
        r"(?:=\s?)?(?:(?:Gedeeltelijke )?[Aa]lgemene oriëntatie|Gedachtewisseling"
        r"|(?:Oriënterend |Openbaar )?(?:Beleids)?[Dd]ebat|Strategische discussie"
        r"|(?:Voorlopig )?[Pp]olitiek akkoord|Raadsconclusies|Hoorzitting|Besluitvorming"
        r"|(?:Informatie(?:punt)?|Presentatie)(?: (?:van|door) (?:de|het)(?: [\w-]+){1,3})?"
        r"|(?:Aanneming|Goedkeuring|Vaststelling)(?: van(?: [\w-]+){1,4})?)"
        r"(?: (?:en|/) (?:gedachtewisseling|(?:beleids)?debat|discussie|goedkeuring))?"
    ),
    (
        "Gedachtewisseling",
        "= Algemene oriëntatie",
        "Informatie van de Commissie en gedachtewisseling",
        "Presentatie door het voorzitterschap",
        "Beleidsdebat",
    ),
    (
        "Beleidsdebat: Herfstpakket Europees Semester 2026",
        "Informatie over de Formele Raad WSB van 1 december;",
        "Informatie-uitwisseling met de Verenigde Staten",
        "Informatie van de Commissie over de stand van zaken van de onderhandelingen over",
    ),
)
CLOSING = LineRule(
    "closing formula over the signature: a line of its own",
    patterns.compile(r"(?:Hoogachtend|Met (?:vriendelijke|hoogachtende) groet(?:en)?),?"),
    ("Hoogachtend,", "Met vriendelijke groet,"),
    ("Hoogachtend, De minister van Landbouw,",),
)
# Lines that are a block of their own, whatever the lines around them look like.
OWN_LINES = (SUBHEADING, PROCEDURE, CLOSING)
# A date broken after its month goes on with the year: "27 januari" / "2025".
MONTH_AT_END = patterns.compile(rf"\b\d{{1,2}} (?:{'|'.join(MONTHS)})$")
PARAGRAPH_LINES = (
    LineRule(
        "dateline",
        patterns.compile(
            rf"['’\w][\w'’ .-]{{1,30}},\s(?:\w+dag\s)?\d{{1,2}}\s(?:{'|'.join(MONTHS)})\s\d{{4}}"
        ),
        ("Den Haag, 11 maart 2026", "'s-Gravenhage, 2 oktober 2018"),
        ("Raad Buitenlandse Zaken 11 december 2023", "Den Haag, zoals besproken"),
    ),
    LineRule(
        "addressee",
        patterns.compile(r"Aan\s(?:de\s|het\s)?(?:[Vv]oorzitter|[Ll]eden|[Pp]resident)\b.*"),
        ("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",),
        ("Aanleiding", "Aan de orde is de herziening"),
    ),
)
LINE_RULES = (SIGNER, SIGNER_NAME, *OWN_LINES, *PARAGRAPH_LINES)


_OWN_LINE_RE = patterns.compile("|".join(f"(?:{rule.pattern.pattern})" for rule in OWN_LINES))
_OWN_LINE_MAX = 80  # longer than any own line: skip the pattern


def own_line(text: str) -> bool:
    """Whether `text` is a line that makes a block of its own (`OWN_LINES`)."""
    return len(text) <= _OWN_LINE_MAX and _OWN_LINE_RE.fullmatch(text) is not None
