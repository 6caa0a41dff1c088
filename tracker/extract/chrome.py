"""Web-page chrome, the kamerstuk header and a ministry's letterhead around a letter.

A letter copied from berthub.eu, officielebekendmakingen.nl or tweedekamer.nl carries
the page around it: navigation bars of bracketed links, document metadata ("Nummer:
2024D44000, datum: …"), "Directe link"/"Preview document" lines, a metadata table, a
breadcrumb, the page title repeated above the letter. Then the kamerstuk's own header:
"Tweede Kamer der Staten-Generaal", "Vergaderjaar 2019–2020", "21 501-02 Raad Algemene
Zaken en Raad Buitenlandse Zaken" (dossier number and title), "Nr. 2113 BRIEF VAN …"
(ondernummer and letter title). The header is not chrome but metadata: its numbers make
the official id `kst-21501-02-2113`. A letter printed by a ministry (Rijkshuisstijl) carries
a letterhead instead: the ministry's name (its logo, wrapped over lines), a return address,
the address block ("De Voorzitter van de Tweede Kamer", street, postcode), a table of
letter data ("Datum 17 januari 2025", "Betreft …", "Ons kenmerk …") and a column at the
right repeating some of it on every page ("Datum" over "17 januari 2025"). The letterhead
is read for hints (date, addressee, title, reference) and taken out.

What each such line looks like is one table, `RULES`; a new site is a new row. How the
rows are applied is deliberately cautious, since dropping a line of the letter is worse
than keeping a line of chrome:
- page chrome is dropped only in the page's head or tail zone: the lines from the
  start (end) up to the last *strong* chrome line before the letter's opening lines or
  its first sentence. Weak chrome lines ("Bijlage") and lines no row names (the page
  title, a blurb) are taken along only when a strong line follows them, and never more
  than `MAX_UNNAMED` unnamed lines in a row;
- the kamerstuk header is read only where the letter begins, right after the head zone;
- a letterhead is read where the letter begins too: its lines up to the first line of the
  letter (the greeting "Geachte Voorzitter,", a dateline, a sentence), unnamed lines among
  them taken along as above; it counts only with a strong letterhead line among them;
- inside the letter only page furniture is dropped: a printed kamerstuk's running foot, a
  page number, and the letterhead rows a page repeats (`anywhere`: the ministry's logo, a
  label over its value in the side column).

A row may name a line with the lines after it (`wrap`): a logo "Ministerie van Landbouw,"
over "Visserij," …, a label "Datum" over its value "17 januari 2025". Its pattern then
sees the lines joined by line breaks.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import field, replace

from tracker import patterns
from tracker.dutch import MONTHS, parse_letter_date
from tracker.extract.base import Extracted, strip_notes
from tracker.records import dataclass

CHROME = "chrome"  # site navigation and page metadata: only in the head or tail zone
FURNITURE = "furniture"  # a printed page's running head or foot: anywhere
HEADER = "header"  # the kamerstuk's own header: hints, read where the letter begins
LETTER = "letter"  # a line that opens a letter: the head zone stops before it
LETTERHEAD = "letterhead"  # a ministry letter's letterhead: hints, read where the letter begins

MAX_UNNAMED = 3  # lines no row names, in a row, that a zone may take along
_WRAP_LINES = 6  # lines a row may name together (a logo over four lines, a label and value)
_SENTENCE_WORDS = 10  # an unnamed line of this many words ending in a full stop is text
_LONG_LINE = 200  # an unnamed line this long is text

_MONTH = "(?:" + "|".join(MONTHS) + ")"
_DOSSIER = r"\d{2} ?\d{3}(?:[ -](?:\d{2}|[A-Z]{1,3}\b))?"  # "21 501-02", "32317", "21501 31"
_ONDERNUMMER = r"(?:\d{1,5}|[A-Z]{1,3})\b"  # 2113; "JI" for Eerste Kamer copies
_YEARS = r"\d{4}\s*[–-]\s*\d{4}"
_KAMER = r"(?P<kamer>Tweede|Eerste) Kamer der Staten-Generaal"
_DOCUMENT = r"\d{4}D\d{3,6}"  # a Tweede Kamer document number, 2024D44000
_TABLE_KEYS = r"(?:Datum publicatie|Organisatie|Vergaderjaar|Dossier- en ondernummer)"
_DATE = rf"\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"
_NAME_WORD = r"[A-Z][\w'’&-]*"  # a capitalised word of a ministry's or directorate's name
# A name: capitalised words, joined by commas and "en" ("Landbouw, Visserij,
# Voedselzekerheid en Natuur"); `\s` is a space or a line break.
_NAME = rf"{_NAME_WORD}(?:(?:,\s|\s(?:en|voor|van)\s|\s){_NAME_WORD})*"
# A reference: a code with a digit in it, "DGA / 94527163", "BS2025038812", "DL. 2005/1134".
_REFERENCE = r"(?=[^\n]*\d)[A-Z0-9][\w.]*(?: ?[/-] ?[\w.]+| [\w./-]+){0,4}"
_POSTCODE = r"\d{4}\s?[A-Z]{2}"
_CITY = r"(?:'s-)?[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?"  # "Den Haag", "'s-GRAVENHAGE"
# Labels of the letter-data table and of the side column, alone or with their value.
_LABELS = (
    r"(?:Datum|Betreft|Onderwerp|Ons [Kk]enmerk|Uw [Kk]enmerk|Kenmerk|Onze [Rr]eferentie"
    r"|Uw [Rr]eferentie|Uw brief(?: van| \(kenmerk\))?|Bijlage\(n\)|Bijlagen|Contactpersoon"
    r"|Behandeld door|Inlichtingen"
    r"|Doorkiesnummer|Telefoon|E-mail|Bezoekadres|Postadres|Overheidsidentificatienr\.?"
    r"|Verzonden|Kopie aan)"
)


@dataclass(frozen=True)
class Rule:
    """One kind of line around (or on the pages of) a letter, with its evidence.

    name             what the line is.
    site             where it is seen ("any" for lines of any site or printed kamerstuk).
    kind             CHROME, FURNITURE, HEADER, LETTER or LETTERHEAD.
    pattern          matched against the whole line, white space folded (the lines a
                     `wrap` takes along joined by line breaks).
    examples         lines the rule names (lines it names together joined by "\n").
    counter_examples lines of letters that look alike and that a reader must keep: the
                     pattern does not name them, or (for weak rows) the place where
                     they stand keeps them (`tests/test_chrome.py` checks both).
    strong           CHROME: one such line is enough to show the page's chrome; a weak
                     line ("Bijlage", "Kamerstuk") is chrome only beside a strong one.
                     LETTERHEAD: likewise, one such line shows a letterhead.
    keep             HEADER: the named group that stays a letter line (the letter title
                     after "Nr. 2113").
    wrap             matched against the text named so far, a line break and the next
                     line (after at most one blank line): that line goes on with it.
                     The row names the most lines its pattern matches.
    anywhere         LETTERHEAD: repeated on every page (the logo, the side column): also
                     furniture inside the letter.
    runs_on          LETTERHEAD: lines no row names right after it, in the letterhead,
                     go on with its value ("Betreft … 27 januari" over "2025").
    opens            LETTERHEAD: also the first line of a letter that has no letterhead
                     (the addressee line): a page's chrome ends before it.
    """

    name: str
    site: str
    kind: str
    pattern: re.Pattern[str]
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...] = ()
    strong: bool = True
    keep: str = ""
    wrap: re.Pattern[str] | None = None
    anywhere: bool = False
    runs_on: bool = False
    opens: bool = False


def _re(pattern: str) -> re.Pattern[str]:
    return patterns.compile(f"(?:{pattern})\\Z")  # the whole line, whatever alternatives it has


RULES: tuple[Rule, ...] = (
    # --- the letter's opening lines: page chrome ends before them ---------------------
    Rule(
        "greeting",
        "any",
        LETTER,
        _re(r"Geachte\s(?:[Vv]oorzitter|[Hh]eer|[Mm]evrouw|[Kk]amerleden|[Ll]eden)\b[^.!?]{0,60}"),
        ("Geachte Voorzitter,", "Geachte voorzitter,", "Geachte heer Van der Berg,"),
        ("Geachte leden, zoals u weet is de Raad uitgesteld.",),
    ),
    Rule(
        "dateline",
        "any",
        LETTER,
        _re(rf"(?:Den Haag|'s-Gravenhage),?\s+\d{{1,2}}\s+{_MONTH}\s+\d{{4}}"),
        ("Den Haag, 7 februari 2020", "'s-Gravenhage, 2 juli 2009"),
        ("Den Haag, de stad waar de Raad op 7 februari 2020 sprak.",),
    ),
    Rule(
        "letter title",
        "any",
        LETTER,
        _re(r"(?:BRIEF VAN|Brief van) (?:DE|de|HET|het) \S.*"),
        ("BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN",),
        ("Brief regering",),
    ),
    # --- berthub.eu (tkconv): navigation, document metadata, zaak and activities ------
    Rule(
        "navigation",
        "any (berthub.eu)",
        CHROME,
        _re(r"(?:\[[^\[\]]{1,40}\]\s*){3,}"),
        (
            "[overzicht] [activiteiten] [ongeplande activiteiten] [besluiten] [commissies]",
            "[toezeggingen] [stemmingen] [verslagen] [🔍 uitgebreid zoeken] [wat is dit?]",
        ),
        ("Zie de brieven [1] en [2] over [3] en de reactie daarop.", "[1] Kamerstuk 21 501-02"),
    ),
    Rule(
        "document number and dates",
        "berthub.eu",
        CHROME,
        _re(rf"Nummer:\s*(?P<document>{_DOCUMENT}),\s*datum:\s*(?P<date>\d{{4}}-\d\d-\d\d)\b.*"),
        ("Nummer: 2024D44000, datum: 2024-11-14, bijgewerkt: 2024-11-18 15:52, versie: 2",),
        (
            "Nummer 5 op de agenda, de datum van 2024-11-14, is nog niet bevestigd.",
            "Nummer: zie de bijlage bij deze brief.",
        ),
    ),
    Rule(
        "document links",
        "berthub.eu",
        CHROME,
        _re(r"Directe link naar (?:document|pagina)\b(?:.*\((?P<id>kst-[\w-]+)\))?.*"),
        (
            "Directe link naar document (.docx), link naar pagina op de Tweede Kamer site.",
            "Directe link naar document (.pdf), link naar pagina op de Tweede Kamer site, "
            "officiële HTML versie (kst-21501-31-775).",
        ),
        ("Een directe link naar het document staat op de site van de Tweede Kamer.",),
    ),
    Rule(
        "document preview",
        "berthub.eu",
        CHROME,
        _re(r"Preview document\b.{0,30}"),
        ("Preview document (🔗 origineel)",),
        ("Preview documenten van de Commissie zijn nog niet openbaar gemaakt.",),
    ),
    Rule(
        "part of dossier",
        "berthub.eu",
        CHROME,
        _re(
            rf"Onderdeel van kamerstukdossier (?P<dossier>{_DOSSIER})"
            rf"-(?P<ondernummer>{_ONDERNUMMER})\s*(?P<dossier_title>.*?)[\s.]*"
        ),
        (
            "Onderdeel van kamerstukdossier 21501 31-768 Raad voor de Werkgelegenheid, "
            "Sociaal Beleid, Volksgezondheid en Consumentenzaken.",
            "Onderdeel van kamerstukdossier 21501 02-2445 Raad Algemene Zaken en Raad "
            "Buitenlandse Zaken .",
        ),
        ("Onderdeel van de inzet is een akkoord over kamerstukdossier 21 501-02.",),
    ),
    Rule(
        "part of zaak or activities",
        "berthub.eu",
        CHROME,
        _re(r"Onderdeel van (?:zaak \d{4}Z\d{3,6}|activiteiten)\s*:.*"),
        ("Onderdeel van zaak 2024Z18427:", "Onderdeel van activiteiten:"),
        ("Onderdeel van de zaak is een voorstel van de Commissie.",),
    ),
    Rule(
        "attachment of",
        "berthub.eu",
        CHROME,
        _re(rf"Bijlage bij\s*:\s*.*?\s*\((?P<attachment_of>{_DOCUMENT})\)"),
        (
            "Bijlage bij: Geannoteerde agenda Milieuraad 21 oktober 2009 en overzicht "
            "Europese wetgevingsinitiatieven (2009D47517)",
        ),
        ("Bijlage bij de brief van 3 maart 2022: het verslag van de Raad.",),
    ),
    Rule(
        "related persons",
        "berthub.eu",
        CHROME,
        _re(r"Gerelateerde personen\s*:.*"),
        (
            "Gerelateerde personen: Bijlagen:",
            "Gerelateerde personen:- Eerste ondertekenaar: W.B. Hoekstra, minister van "
            "Buitenlandse Zaken (Ooit CDA kamerlid)",
        ),
        ("Gerelateerde personen en organisaties worden in de bijlage genoemd.",),
    ),
    Rule(
        "zaak roles",
        "berthub.eu",
        CHROME,
        _re(
            r"-?\s*(?:Indiener|Medeindiener|Eerste ondertekenaar|Mede ondertekenaar"
            r"|Volgcommissie|Voortouwcommissie)\s*:.*"
        ),
        (
            "- Indiener: W.B. Hoekstra, minister van Buitenlandse Zaken",
            "- Volgcommissie: vaste commissie voor Europese Zaken",
            "Voortouwcommissie: vaste commissie voor Buitenlandse Zaken",
        ),
        ("- de voortouwcommissie zal het verslag vaststellen;",),
    ),
    Rule(
        "activity",
        "berthub.eu",
        CHROME,
        _re(r"-?\s*\d{4}-\d\d-\d\d \d\d:\d\d:\s.*"),
        (
            "- 2022-01-20 12:30: Procedurevergadering (digitaal) (Procedurevergadering), "
            "vaste commissie voor Buitenlandse Zaken",
        ),
        ("- 2022-01-20: de Raad neemt een besluit over het voorstel.",),
    ),
    # --- tweedekamer.nl ---------------------------------------------------------------
    Rule(
        "page title with document kind",
        "tweedekamer.nl",
        CHROME,
        _re(r"Brief regering\s+:\s+(?P<title>\S.*)"),
        ("Brief regering : Geannoteerde agenda voor de Raad Buitenlandse Zaken van 11 april 2022",),
        ("Brief regering: het kabinet stuurt de agenda.", "Brief regering"),
    ),
    # --- officielebekendmakingen.nl ---------------------------------------------------
    Rule(
        "metadata table header",
        "officielebekendmakingen.nl",
        CHROME,
        _re(rf"\|?\s*(?:{_TABLE_KEYS}\s*\|?\s*){{2,}}"),
        (
            "Datum publicatie | Organisatie | Vergaderjaar | Dossier- en ondernummer |",
            "Datum publicatieOrganisatieVergaderjaarDossier- en ondernummer",
        ),
        ("Organisatie en vergaderjaar van de Raad staan hieronder.",),
    ),
    Rule(
        "metadata table row",
        "officielebekendmakingen.nl",
        CHROME,
        _re(
            rf"\|?\s*(?:\d{{4}}-\d\d-\d\d\s*\|?\s*)?{_KAMER}\s*\|?\s*(?P<vergaderjaar>{_YEARS})"
            rf"\s*\|?\s*(?P<dossier>{_DOSSIER})\s*nr\.\s*(?P<ondernummer>{_ONDERNUMMER})\s*\|?\s*"
        ),
        (
            "Eerste Kamer der Staten-Generaal | 2018-2019 | 32317 nr. JI |",
            "Tweede Kamer der Staten-Generaal2019-202021501-02 nr. 2113",
        ),
        ("Tweede Kamer der Staten-Generaal, vergaderjaar 2019–2020, 21 501-02, nr. 2113.",),
    ),
    Rule(
        "site footer",
        "officielebekendmakingen.nl, overheid.nl",
        CHROME,
        _re(
            r"Naar boven|Terug naar boven"
            r"|Deze (?:web)?site wordt beheerd door .{2,120}"
            r"|(?:[A-Z][\w ]{1,30}\s\|\s){2,8}[A-Z][\w ]{1,30}"
        ),
        (
            "Naar boven",
            "Deze website wordt beheerd door KOOP, het Kennis- en Exploitatiecentrum Officiële "
            "Overheidspublicaties.",
            "Over deze site | Contact | Toegankelijkheid | Privacy en cookies | Sitemap",
        ),
        ("Naar boven bijgesteld zijn de ramingen voor 2026.", "Nederland | 2025"),
    ),
    Rule(
        "breadcrumb",
        "any (officielebekendmakingen.nl)",
        CHROME,
        _re(r"(?:U bent hier|Je bent hier)\s*:.{0,200}|Home(?:\s*[>›»/]\s*[^>›»/]{1,60}){1,8}"),
        (
            "U bent hier:",
            "U bent hier: Home > Kamerstukken > Kamerstuk 21501-02",
            "Home › Kamerstukken › Brieven regering",
        ),
        ("U bent hier eerder over geïnformeerd.", "Home office / thuiswerken"),
    ),
    Rule(
        "page metadata field",
        "any (berthub.eu, tweedekamer.nl)",
        CHROME,
        _re(
            r"[A-Z][\w -]{1,30}:\s*(?:\d{4}-\d\d-\d\d(?:[ T]\d\d:\d\d(?::\d\d)?)?"
            rf"|{_DOCUMENT}|\d{{4}}Z\d{{3,6}})"
        ),
        ("Datum: 2024-11-14", "Bijgewerkt: 2024-11-18 15:52", "Zaaknummer: 2024Z18427"),
        ("Datum 16 april 1999", "Datum: 16 april 1999", "Kenmerk: 2024-0000123456"),
    ),
    Rule(
        "table rule",
        "any",
        CHROME,
        _re(r"\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?"),
        ("---|---|---|---|", "| --- | --- |"),
        ("- - - het gevolg van drie weken onderhandelen.",),
        strong=False,
    ),
    Rule(
        "document kind label",
        "berthub.eu, officielebekendmakingen.nl",
        CHROME,
        _re(r"(?:Kamerstuk|Brief regering|Bijlage)"),
        ("Kamerstuk", "Brief regering", "Bijlage"),
        ("Bijlage", "Kamerstukken", "Bijlage 1"),
        strong=False,
    ),
    # --- the kamerstuk's own header -----------------------------------------------------
    Rule(
        "chamber",
        "kamerstuk",
        HEADER,
        _re(rf"{_KAMER}(?:\s*\|?\s*\d)?\s*\|?"),
        ("Tweede Kamer der Staten-Generaal", "Tweede Kamer der Staten-Generaal | 2 |"),
        (
            "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
            "De Tweede Kamer der Staten-Generaal heeft de motie aangenomen.",
        ),
    ),
    Rule(
        "session year",
        "kamerstuk",
        HEADER,
        _re(rf"Vergaderjaar\s+(?P<vergaderjaar>{_YEARS})\s*\|?"),
        ("Vergaderjaar 2019–2020", "Vergaderjaar 2021-2022 |"),
        ("Vergaderjaar 2019–2020 was het jaar van de pandemie.",),
    ),
    Rule(
        "dossier",
        "kamerstuk",
        HEADER,
        _re(rf"(?P<dossier>{_DOSSIER})(?:\s+(?P<dossier_title>[A-Z(][^.;:!?]*))?"),
        (
            "21 501-02 Raad Algemene Zaken en Raad Buitenlandse Zaken",
            "32 317 JBZ-Raad",
            "21501-31 Raad voor de Werkgelegenheid, Sociaal Beleid, Volksgezondheid en "
            "Consumentenzaken",
            "21 501-02",
        ),
        (
            "21 501-02, nr. 2113) heeft het kabinet de inzet toegelicht.",
            "10 000 euro per jaar.",
            "2022 Verslag van de Raad",
        ),
    ),
    Rule(
        "ondernummer",
        "kamerstuk",
        HEADER,
        _re(rf"[Nn][Rr]\.\s*(?P<ondernummer>{_ONDERNUMMER})(?:\s+(?P<letter_title>[A-Z]\S*.*))?"),
        (
            "Nr. 2113 BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN",
            "nr. 911",
            "Nr. 768 Brief van de minister van Sociale Zaken en Werkgelegenheid",
            "Nr. JI",
        ),
        ("Nr. 3 van de lijst is de Raad Milieu.", "nr. 2292) werd uw Kamer geïnformeerd."),
        keep="letter_title",
    ),
    # --- pages of a printed kamerstuk -------------------------------------------------
    Rule(
        "page number",
        "any (PDF as text)",
        FURNITURE,
        _re(r"(?:Pagina|Blad)\s\d{1,3}(?:\s(?:van|/)\s\d{1,3})?"),
        ("Pagina 2 van 3", "Pagina 12 van 14", "Blad 2"),
        ("Pagina 3 van het verslag vermeldt de cijfers.",),
    ),
    Rule(
        "colophon",
        "kamerstuk (PDF and PDF as text), first page",
        FURNITURE,
        _re(
            r"kst-\d{5}(?:-[A-Z0-9]{1,4})?-[A-Z0-9]{1,5}\s+ISSN\s+\d{4}\s*[-–]\s*\d{3}[\dX]\s+['’]s-Gravenhage\s+\d{4}"
        ),
        ("kst-21501-02-3187 ISSN 0921 - 7371 ’s-Gravenhage 2025",),
        ("Zie kst-21501-02-3187 voor de brief.",),
    ),
    Rule(
        "running foot",
        "kamerstuk (PDF as text)",
        FURNITURE,
        _re(
            rf"(?:Tweede|Eerste) Kamer, vergaderjaar {_YEARS}, {_DOSSIER}, nr\. {_ONDERNUMMER}"
            r"(?:\s+\d{1,3})?"
        ),
        ("Tweede Kamer, vergaderjaar 2019–2020, 21 501-02, nr. 2113 2",),
        (
            "(Tweede Kamer, vergaderjaar 2019–2020, 21 501-02, nr. 2113) werd uw Kamer "
            "geïnformeerd.",
            "Kamerstukken II 2016–17, 22 112, nr. 2292",
        ),
    ),
    # --- a ministry's letterhead (Rijkshuisstijl) and its side column -------------------
    Rule(
        "ministry",
        "ministry letter",
        LETTERHEAD,
        _re(rf"Ministerie\svan\s(?P<ministry>{_NAME})"),
        (
            "Ministerie van Landbouw,\nVisserij,\nVoedselzekerheid\nen Natuur",
            "Ministerie van Defensie",
            "Ministerie van Buitenlandse Zaken",
            "Ministerie van Financiën",
            "Ministerie van Infrastructuur\nen Waterstaat",
            "Ministerie van Sociale Zaken en\nWerkgelegenheid",
            "Ministerie van Volksgezondheid,\nWelzijn en Sport",
        ),
        (
            "Ministerie van Defensie heeft de Kamer hierover eerder geïnformeerd.",
            "Ministerie van Landbouw,\nde provincies en de waterschappen overleggen daarover.",
            "Het Ministerie van Buitenlandse Zaken steunt het voorstel",
        ),
        wrap=_re(r"Ministerie\svan(?:\s[\s\S]*(?:,|\sen))?\n.+|Ministerie\svan\s[\s\S]*\nen\s.+"),
        anywhere=True,
    ),
    Rule(
        "directorate",
        "ministry letter",
        LETTERHEAD,
        _re(rf"(?:Directoraat-[Gg]eneraal|(?:Hoofd|Programma)?[Dd]irectie)\s{_NAME}"),
        (
            "Directoraat-generaal Agro",
            "Directie Integratie Europa",
            "Directoraat-generaal Rijksbegroting",
            "Directie Internationale Zaken",
        ),
        (
            "Directie Europese Zaken heeft het fiche opgesteld.",
            "Directoraat-generaal Agro is verantwoordelijk voor de uitvoering",
        ),
        anywhere=True,
    ),
    Rule(
        "return address",
        "ministry letter",
        LETTERHEAD,
        _re(rf">?\s?Retouradres:?\s.*(?:Postbus\s\d+|{_POSTCODE}).*"),
        (
            "> Retouradres Postbus 20401 2500 EK Den Haag",
            "> Retouradres Postbus 20061 2500 EB Den Haag",
            "Retouradres: Postbus 20701, 2500 ES Den Haag",
        ),
        ("Retouradres en antwoordnummer staan in de bijlage.",),
    ),
    Rule(
        "addressee",
        "any",
        LETTERHEAD,
        _re(
            r"Aan de [Vv]oorzitter van de (?P<kamer>Tweede|Eerste) Kamer"
            r"(?:\sder Staten-Generaal)?\b.*"
        ),
        (
            "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
            "Aan de Voorzitter van de Tweede Kamer\nder Staten-Generaal",
        ),
        ("De Voorzitter van de Tweede Kamer heeft verzocht om een brief.",),
        strong=False,
        wrap=_re(r".*\bKamer\nder Staten-Generaal"),
        opens=True,
    ),
    Rule(
        "address block addressee",
        "ministry letter",
        LETTERHEAD,
        _re(r"[Dd]e [Vv]oorzitter van de (?P<kamer>Tweede|Eerste) Kamer(?:\sder Staten-Generaal)?"),
        ("De Voorzitter van de Tweede Kamer\nder Staten-Generaal",),
        ("De Voorzitter van de Tweede Kamer heeft verzocht om een brief.",),
        strong=False,
        wrap=_re(r".*\bKamer\nder Staten-Generaal"),
        opens=True,
    ),
    Rule(
        "postal address",
        "ministry letter",
        LETTERHEAD,
        _re(rf"Postbus\s\d{{1,6}}(?:,?\s{_POSTCODE}(?:\s{_CITY})?)?|{_POSTCODE}\s{_CITY}"),
        (
            "Postbus 20018",
            "2500 EA DEN HAAG",
            "2513 AA  's-GRAVENHAGE",
            "Postbus 20401 2500 EK Den",
            "Postbus 20701, 2500 ES Den Haag",
        ),
        ("Postbus 20018 is het adres voor alle post aan het ministerie.", "2025 EU-top"),
    ),
    Rule(
        "street address",
        "ministry letter",
        LETTERHEAD,
        _re(
            r"[A-Z][\w'’.-]*(?:\s[A-Za-z][\w'’.-]*){0,3}\s\d{1,4}(?:\s?[A-Za-z]{1,2})?"
            rf"(?:\s{_POSTCODE})?"
        ),
        ("Prinses Irenestraat 6", "Kalvermarkt 32", "Bezuidenhoutseweg 73 2594 AC", "MPC 58 B"),
        ("Artikel 5 van het Verdrag",),
        strong=False,
    ),
    Rule(
        "side column date",
        "ministry letter",
        LETTERHEAD,
        _re(rf"Datum\n(?P<datum>{_DATE})"),
        ("Datum\n17 januari 2025", "Datum\n7 november 2025"),
        ("Datum\nVoor de Raad van 17 januari 2025 is nog geen agenda bekend.",),
        wrap=_re(r"Datum\n.+"),
        anywhere=True,
    ),
    Rule(
        "side column reference",
        "ministry letter",
        LETTERHEAD,
        _re(rf"(?:Ons\s[Kk]enmerk|Kenmerk|Onze\s[Rr]eferentie)\n(?P<reference>{_REFERENCE})"),
        (
            "Kenmerk\nDGA / 94527163",
            "Onze referentie\nBS2025038812",
            "Onze Referentie\nBZ2405361",
            "Ons kenmerk\nDGA / 94527163",
        ),
        ("Kenmerk\nvan het voorstel is dat de lidstaten meer ruimte krijgen.",),
        wrap=_re(r"(?:Ons [Kk]enmerk|Kenmerk|Onze [Rr]eferentie)\n.+"),
        anywhere=True,
    ),
    Rule(
        "letter date",
        "ministry letter",
        LETTERHEAD,
        _re(rf"Datum:?\s(?P<datum>{_DATE})"),
        ("Datum 17 januari 2025", "Datum: 16 april 2005"),
        ("Datum 16 april 1999 was de dag waarop de Raad besloot.",),
    ),
    Rule(
        "subject",
        "ministry letter",
        LETTERHEAD,
        _re(r"(?:Betreft|Onderwerp):?\s(?P<title>\S[\s\S]{0,200}[^.;!?\s])"),
        (
            "Betreft Geannoteerde agenda Telecomraad 5 december 2025",
            "Onderwerp Geannoteerde agenda Landbouw- en Visserijraad 26/27 april 2005",
            "Betreft\nGeannoteerde agenda Landbouw- en Visserijraad 27 januari",
        ),
        (
            "Betreft het voorstel van de Commissie, dan steunt het kabinet dat.",
            "Onderwerp van gesprek is de toekomst van het GLB.",
        ),
        wrap=_re(r"(?:Betreft|Onderwerp):?\n.+"),
        runs_on=True,
    ),
    Rule(
        "reference",
        "ministry letter",
        LETTERHEAD,
        _re(rf"(?:Ons\s[Kk]enmerk|Kenmerk|Onze\s[Rr]eferentie):?\s(?P<reference>{_REFERENCE})"),
        ("Ons kenmerk DL. 2005/1134", "Ons kenmerk DGA / 94527163", "Onze referentie BS2025038812"),
        ("Kenmerk van het voorstel is de grotere rol van de Commissie.",),
    ),
    Rule(
        "letter data",
        "ministry letter",
        LETTERHEAD,
        _re(rf"{_LABELS}(?::?\s[^\n]{{0,60}}[^.!?\s])?"),
        (
            "Uw kenmerk",
            "Bijlage(n)\n1",
            "Overheidsidentificatienr\n00000001858272854000",
            "Uw brief van\n12 december 2024",
            "Uw brief (kenmerk)",
            "Contactpersoon\nJ. de Vries",
        ),
        ("Bijlagen", "Contactpersoon voor de Commissie is de Deense delegatie."),
        strong=False,
        wrap=_re(rf"{_LABELS}:?\n.+"),
    ),
    Rule(
        "contact",
        "ministry letter",
        LETTERHEAD,
        _re(
            r"(?:T|F|M|Tel\.?)\s?\+?\d[\d ()-]{8,}"
            r"|(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:nl|eu|com|org)(?:/\S*)?|[\w.-]+@[\w-]+(?:\.[\w-]+)+"
        ),
        ("T 070 378 6868", "www.rijksoverheid.nl", "www.defensie.nl", "info@minlnv.nl"),
        ("T 070 is het netnummer van Den Haag.",),
        strong=False,
    ),
    Rule(
        "reply instruction",
        "ministry letter",
        LETTERHEAD,
        _re(r"Bij beantwoording\b[\s\S]*\bvermelden\.?"),
        (
            "Bij beantwoording datum,\nonze referentie en\nonderwerp vermelden.",
            "Bij beantwoording de datum en ons kenmerk vermelden.",
        ),
        ("Bij beantwoording van de vragen is de Commissie betrokken.",),
        strong=False,
        wrap=_re(r"Bij beantwoording[\s\S]*\n.+"),
    ),
    # --- last, so that the rows above name their own table rows first --------------------
    Rule(
        "table row",
        "any",
        CHROME,
        _re(r"\|?(?:[^|]{1,60}\|){2,}[^|]{0,60}"),
        ("Type | Brief regering | Status | Openbaar |",),
        ("Land | Standpunt",),
        strong=False,
    ),
)


# Rows that name a line inside the letter: page furniture and what every page repeats.
_INSIDE_RULES = tuple(rule for rule in RULES if rule.kind == FURNITURE or rule.anywhere)
_FURNITURE_ONLY = tuple(rule for rule in RULES if rule.kind == FURNITURE)


def page_furniture(line: str) -> bool:
    """Whether a line is a printed page's running head or foot by the rules (a page
    number, the kamerstuk's running foot or colophon)."""
    folded = _fold(line)
    return any(rule.pattern.match(folded) for rule in _FURNITURE_ONLY)


_LETTERHEAD_RULES = tuple(rule for rule in RULES if rule.kind == LETTERHEAD)


@dataclass(frozen=True)
class ChromeLine:
    """A line recognised as chrome, furniture or header, and the rule that named it."""

    text: str
    rule: str


@dataclass(frozen=True)
class ChromeSplit:
    """A page's lines split into the letter's lines, the chrome dropped, and hints.

    lines   the letter's lines in order (blank lines kept): header lines taken out, the
            letter title of "Nr. 2113 BRIEF VAN …" kept without its number.
    kept    for each of `lines`, its index in the input.
    dropped the chrome, furniture and header lines taken out, in input order.
    hints   what the header and page metadata state, keys as `Extracted.hints`: id,
            title, date, addressee, dossier, plus ondernummer, dossier_title,
            vergaderjaar, document (a Tweede Kamer document number), attachment_of.
    """

    lines: tuple[str, ...]
    kept: tuple[int, ...]
    dropped: tuple[ChromeLine, ...]
    hints: dict[str, str] = field(default_factory=dict)

    @property
    def chrome(self) -> tuple[str, ...]:
        """The texts taken out: what `Extracted.chrome` reports."""
        return tuple(line.text for line in self.dropped)


# What `_fold` changes: runs of white space, odd spaces, note markers.
_UNFOLDED = patterns.compile(r"\s\s|[^\S ]|[\ue000\ue001]")


@functools.lru_cache(maxsize=4096)  # a line is folded once for each row that may take it
def _fold(line: str) -> str:
    """The line with note markers taken out and white space folded."""
    line = line.strip()
    return " ".join(strip_notes(line).split()) if _UNFOLDED.search(line) else line


def _match_one(text: str) -> tuple[Rule, re.Match[str]] | None:
    """The first rule whose pattern matches a folded line by itself."""
    for rule in RULES:
        match = rule.pattern.match(text)
        if match:
            return rule, match
    return None


@dataclass(frozen=True)
class Span:
    """Lines `first` to `last` of a page (blank lines among them) that one row names."""

    rule: Rule
    match: re.Match[str]
    first: int
    last: int


def match_line(line: str) -> tuple[Rule, re.Match[str]] | None:
    """The first rule that names the whole line, with its match; None for other lines.

    A text of several lines ("Datum\\n17 januari 2025") is named only by a row that names
    them together.
    """
    lines = line.split("\n")
    if len(lines) == 1:
        text = _fold(line)
        return _match_one(text) if text else None
    span = match_span(lines, 0)
    return (span.rule, span.match) if span and span.last == len(lines) - 1 else None


def match_span(lines: Sequence[str], index: int, rules: Sequence[Rule] = RULES) -> Span | None:
    """The first of `rules` that names line `index`, with the lines after it that it takes."""
    text = _fold(lines[index])
    if not text:
        return None
    below: tuple[int, str] | None = None  # the line a wrap would take next: found once
    for rule in rules:
        if rule.wrap is None:  # the line by itself (what `_longest_span` does, without a call)
            match = rule.pattern.match(text)
            if match:
                return Span(rule, match, index, index)
            continue
        if below is None:
            below = _following(lines, index)
        span = _longest_span(rule, lines, index, text, below)
        if span is not None:
            return span
    return None


def _longest_span(
    rule: Rule, lines: Sequence[str], index: int, text: str, below: tuple[int, str]
) -> Span | None:
    """The most lines from `index` on that `rule` names together, as its `wrap` goes on
    (`below`: the line after `index`, as `_following` finds it)."""
    match = rule.pattern.match(text)
    best = Span(rule, match, index, index) if match else None
    last = index
    while rule.wrap is not None and last - index < _WRAP_LINES:
        after, folded = below if last == index else _following(lines, last)
        if after < 0:
            break
        joined = f"{text}\n{folded}"
        # A line that a row names by itself goes on with no other row.
        if not rule.wrap.match(joined) or _match_one(folded):
            break
        text, last = joined, after
        match = rule.pattern.match(text)
        if match:
            best = Span(rule, match, index, last)
    return best


def _following(lines: Sequence[str], index: int) -> tuple[int, str]:
    """The next line that is not blank (see `_next_line`) and its folded text; -1 if none."""
    after = _next_line(lines, index)
    return (after, _fold(lines[after])) if after is not None else (-1, "")


def _next_line(lines: Sequence[str], index: int) -> int | None:
    """The next line that is not blank, after at most one blank line."""
    for after in range(index + 1, min(index + 3, len(lines))):
        if lines[after].strip():
            return after
    return None


def _is_text(line: str) -> bool:
    """An unnamed line that is the letter's text: a long line or a full sentence."""
    text = _fold(line)
    if len(text) > _LONG_LINE:
        return True
    return len(text.split()) >= _SENTENCE_WORDS and text.endswith((".", "!", "?"))


Hit = tuple[Rule, re.Match[str]] | None


@dataclass
class _Hits:
    """The rule that names each line, matched only when asked: most lines never are."""

    lines: Sequence[str]
    cache: dict[int, Hit] = field(default_factory=dict)

    def __getitem__(self, index: int) -> Hit:
        if index not in self.cache:
            self.cache[index] = match_line(self.lines[index])
        return self.cache[index]


def _zone_length(hits: _Hits, order: Sequence[int]) -> int:
    """How many lines, in `order`, are page chrome: 0 unless a strong chrome line is among them.

    The zone ends at its last strong chrome line: weak and unnamed lines before it are
    taken along, none after it. It stops at a line of the letter.
    """
    length, unnamed = 0, 0
    for position, index in enumerate(order):
        line = hits.lines[index]
        if not line.strip():
            continue
        hit = hits[index]
        rule = hit[0] if hit else None
        if rule is not None and rule.kind == LETTERHEAD and not (rule.strong or rule.opens):
            rule = None  # an address line or a label: as likely a line of the page's chrome
        if rule is None and not _is_text(line):
            unnamed += 1
            if unnamed > MAX_UNNAMED:
                break
        elif rule is not None and rule.kind == CHROME and rule.strong:
            length, unnamed = position + 1, 0
        elif rule is None or rule.kind != CHROME:
            break  # the letter begins: its opening, its header or its text
    return length


def _group_hints(match: re.Match[str], skip: str = "") -> Iterator[tuple[str, str]]:
    for key, value in match.groupdict().items():
        if value and value.strip() and key != skip:
            yield key, " ".join(value.split())


def _dossier(text: str) -> str:
    """ "21 501-02" → "21501-02"; "21501 31" → "21501-31"; "32 317" → "32317"."""
    match = re.fullmatch(r"(\d{2}) ?(\d{3})(?:[ -](\w+))?", text.strip())
    if not match:
        return text.strip()
    number = match.group(1) + match.group(2)
    return f"{number}-{match.group(3)}" if match.group(3) else number


def _tidy(raw: dict[str, str]) -> dict[str, str]:
    """Hints from raw group values: dossier folded, chamber as addressee, id composed."""
    hints = dict(raw)
    if "dossier" in hints:
        hints["dossier"] = _dossier(hints["dossier"])
    if "kamer" in hints:
        hints["addressee"] = f"{hints.pop('kamer')} Kamer"
    if "vergaderjaar" in hints:
        hints["vergaderjaar"] = re.sub(r"\s*[–-]\s*", "-", hints["vergaderjaar"])
    # The letter's own date ("Datum 17 januari 2025"), over a web page's date of the document.
    date = parse_letter_date(f"Datum {hints.pop('datum')}") if "datum" in hints else None
    if date:
        hints["date"] = date
    if "id" not in hints and "dossier" in hints and "ondernummer" in hints:
        hints["id"] = f"kst-{hints['dossier']}-{hints['ondernummer']}"
    return hints


def _dossier_title(lines: Sequence[str], index: int) -> int | None:
    """The line after a bare dossier number that holds the dossier's title, if any."""
    for after in range(index + 1, min(index + 3, len(lines))):
        text = _fold(lines[after])
        if not text:
            continue
        if match_line(text) or _is_text(text) or text.endswith((".", ";", ":")):
            return None
        return after if len(text) <= 120 and text[:1].isupper() else None
    return None


@dataclass
class _Header:
    """The header read where the letter begins: lines taken, a line rewritten, hints."""

    taken: set[int] = field(default_factory=set)
    rewritten: dict[int, tuple[str, str]] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)
    rules: dict[int, str] = field(default_factory=dict)


_BARE_NUMBER = patterns.compile(r"\d{1,3}")


def _read_header(lines: Sequence[str], start: int, stop: int) -> _Header:
    """Kamerstuk header lines from `start` on, up to the first line that is not one."""
    header = _Header()
    index = start
    while index < stop:
        if not lines[index].strip():
            index += 1
            continue
        if _BARE_NUMBER.fullmatch(lines[index].strip()) and "dossier" not in header.hints:
            header.taken.add(index)  # a page or column number printed above the header
            header.rules[index] = "page number"
            index += 1
            continue
        hit = match_line(lines[index])
        if hit is None or hit[0].kind != HEADER:
            break
        rule, match = hit
        for key, value in _group_hints(match, skip=rule.keep):
            header.hints.setdefault(key, value)
        header.rules[index] = rule.name
        kept = match.group(rule.keep) if rule.keep else None
        if kept:
            header.rewritten[index] = (match.string[: match.start(rule.keep)].strip(), kept)
            break  # the letter title follows the ondernummer: the letter begins
        header.taken.add(index)
        if rule.name == "dossier" and not match.group("dossier_title"):
            title = _dossier_title(lines, index)
            if title is not None:
                header.hints.setdefault("dossier_title", _fold(lines[title]))
                header.taken.add(title)
                header.rules[title] = "dossier title"
                index = title
        index += 1
    return header


def _zone_hints(hits: _Hits, zone: range) -> dict[str, str]:
    """Hints stated by the chrome lines of a zone; in the head zone, the page title is the
    first line no row names, when it stands before the page's metadata."""
    hints: dict[str, str] = {}
    metadata_seen = zone.start > 0  # a tail zone has no page title
    for index in zone:
        hit = hits[index]
        if hit is None:
            if hits.lines[index].strip() and not metadata_seen:
                hints.setdefault("title", _fold(hits.lines[index]))
            continue
        rule, match = hit
        metadata_seen = metadata_seen or rule.name != "navigation"
        for key, value in _group_hints(match):
            hints.setdefault(key, value)
    return hints


def header_hints(lines: Sequence[str]) -> dict[str, str]:
    """The hints a kamerstuk header states: id, dossier, ondernummer, addressee, ….

    `lines` are the header's lines in order, as a page or an extractor shows them
    ("Tweede Kamer der Staten-Generaal", "Vergaderjaar 2019–2020", "21 501-02",
    "Raad Algemene Zaken en Raad Buitenlandse Zaken", "Nr. 2113").
    """
    return _tidy(_read_header(lines, 0, len(lines)).hints)


@dataclass
class _Taken:
    """Lines taken out of the letter (each with the row that names it) and their hints."""

    rules: dict[int, str] = field(default_factory=dict)
    hints: dict[str, str] = field(default_factory=dict)

    def take(self, span: Span, lines: Sequence[str], run_on: Sequence[int] = ()) -> None:
        """Take the span's lines and the unnamed lines that go on with its value."""
        for index in (*range(span.first, span.last + 1), *run_on):
            if lines[index].strip():
                self.rules[index] = span.rule.name
        match: re.Match[str] | None = span.match
        if run_on:
            more = "\n".join(_fold(lines[index]) for index in run_on)
            match = span.rule.pattern.match(f"{span.match.string}\n{more}") or match
        for key, value in _group_hints(match) if match is not None else ():
            if run_on:  # the value read on: it holds what the row's own lines hold
                self.hints[key] = value
            else:
                self.hints.setdefault(key, value)


def _spans(lines: Sequence[str], rules: Sequence[Rule], start: int, stop: int) -> Iterator[Span]:
    """The spans `rules` name from `start` to `stop`, in order, not overlapping."""
    index = start
    while index < stop:
        span = match_span(lines, index, rules) if lines[index].strip() else None
        if span is None or span.last >= stop:
            index += 1
            continue
        yield span
        index = span.last + 1


def _read_letterhead(lines: Sequence[str], start: int, stop: int) -> _Taken:
    """A ministry letter's letterhead from `start` on, up to the letter's first line.

    Letter lines before it (a letter title) are stepped over. Unnamed lines among its
    lines are taken along (at most `MAX_UNNAMED` in a row, not text), those right after a
    `runs_on` row as its value; nothing is taken without a strong letterhead line.
    """
    found = _Taken()
    pending: list[int] = []
    above: Span | None = None  # the row taken last: unnamed lines may go on with its value
    strong = False
    index = start
    while index < stop:
        line = lines[index]
        span = match_span(lines, index) if line.strip() else None
        kind = span.rule.kind if span is not None else None
        if not line.strip():
            index += 1
        elif span is not None and kind == LETTERHEAD:
            _take_with_pending(found, lines, above, pending)
            found.take(span, lines)
            above, pending, strong = span, [], strong or span.rule.strong
            index = span.last + 1
        elif span is not None and kind == LETTER and not found.rules and not pending:
            index = span.last + 1  # a letter title above the letterhead stays the letter's
        elif kind in (None, CHROME) and not _is_text(line) and len(pending) < MAX_UNNAMED:
            pending.append(index)
            index += 1
        else:
            if kind == LETTER:  # the letter begins: the lines above it are the letterhead's
                _take_with_pending(found, lines, above, pending)
            break
    return found if strong else _Taken()


def _take_with_pending(
    found: _Taken, lines: Sequence[str], above: Span | None, pending: list[int]
) -> None:
    """Take the unnamed lines between two letterhead lines, as the value of the row above
    them when it runs on."""
    if above is not None and above.rule.runs_on and pending:
        found.take(above, lines, run_on=pending)
        return
    for index in pending:
        found.rules[index] = "letterhead"


def _inside(lines: Sequence[str], start: int, stop: int, skip: set[int]) -> _Taken:
    """Furniture inside the letter: running feet, page numbers, what every page repeats."""
    found = _Taken()
    for span in _spans(lines, _INSIDE_RULES, start, stop):
        if not any(index in skip for index in range(span.first, span.last + 1)):
            found.take(span, lines)
    return found


def names_letterhead(lines: Sequence[str]) -> bool:
    """Whether a strong letterhead row names any of `lines` (a column of text says it is a
    letter's side column, not a table's)."""
    strong = [rule for rule in _LETTERHEAD_RULES if rule.strong]
    return any(True for _ in _spans(lines, strong, 0, len(lines)))


def column_hints(lines: Sequence[str]) -> dict[str, str]:
    """The hints a letter's side column states: date, reference, ministry, ….

    `lines` are the column's lines in order, as an extractor that sees the column apart
    from the body text finds them ("Datum", "17 januari 2025", "Kenmerk", …).
    """
    found = _Taken()
    for span in _spans(lines, _LETTERHEAD_RULES, 0, len(lines)):
        found.take(span, lines)
    return _tidy(found.hints)


def _dropped_as(
    index: int, zones: tuple[int, int], hits: _Hits, taken: dict[int, str]
) -> str | None:
    """Why line `index` is taken out of the letter (a rule's name), or None to keep it."""
    head, tail = zones
    if index < head or index >= tail:
        hit = hits[index]
        return hit[0].name if hit else "page chrome"
    return taken.get(index)


def split_chrome(lines: Sequence[str]) -> ChromeSplit:
    """Split a page's lines into the letter's lines, the chrome around them, and hints."""
    hits = _Hits(lines)
    count = len(lines)
    head = _zone_length(hits, range(count))
    tail = max(head, count - _zone_length(hits, range(count - 1, -1, -1)))
    header = _read_header(lines, head, tail)
    start = max([head - 1, *header.taken, *header.rewritten]) + 1
    letterhead = _read_letterhead(lines, start, tail)
    inside = _inside(lines, head, tail, header.taken | set(letterhead.rules))
    page = _zone_hints(hits, range(head)) | _zone_hints(hits, range(tail, count))
    hints = _tidy(inside.hints | letterhead.hints | page | header.hints)
    taken = {index: header.rules[index] for index in header.taken}
    taken |= letterhead.rules | inside.rules
    why = [_dropped_as(index, (head, tail), hits, taken) for index in range(count)]
    furniture = {i for i in range(head, tail) if why[i] is not None and i not in header.taken}
    return replace(_take_out(lines, why, header, furniture), hints=hints)


def _take_out(
    lines: Sequence[str], why: list[str | None], header: _Header, furniture: set[int]
) -> ChromeSplit:
    """The lines left when those with a reason (`why`) are taken out; the header's
    rewritten line keeps its letter title. The indent of furniture taken from inside the
    letter passes on to the next line kept: it may mark a page start."""
    kept_lines: list[str] = []
    kept: list[int] = []
    dropped: list[ChromeLine] = []
    lead = ""
    for index, line in enumerate(lines):
        if why[index] is not None:
            if line.strip():
                dropped.append(ChromeLine(_fold(line), why[index] or ""))
                indent = line[: len(line) - len(line.lstrip())]
                lead = (indent or lead) if index in furniture else ""
            continue
        if index in header.rewritten:
            prefix, line = header.rewritten[index]
            dropped.append(ChromeLine(prefix, header.rules[index]))
        if lead and line.strip() and not line[:1].isspace():
            line = lead + line
        lead = "" if line.strip() else lead
        kept_lines.append(line)
        kept.append(index)
    return ChromeSplit(tuple(kept_lines), tuple(kept), tuple(dropped))


def strip_block_chrome(extracted: Extracted) -> Extracted:
    """An extraction without the page chrome and kamerstuk header its blocks show.

    For formats whose extractor reads a page as a whole (PDF, DOCX): the header of a
    printed kamerstuk ("21 501-02 Raad …", "Nr. 3187 BRIEF VAN …", "Vergaderjaar …")
    becomes hints, and what the rules name as chrome is reported, not read.
    """
    split = split_chrome([b.text for b in extracted.blocks])
    if not split.dropped:
        return extracted
    blocks = tuple(
        replace(extracted.blocks[index], text=text)
        if text != extracted.blocks[index].text
        else extracted.blocks[index]
        for index, text in zip(split.kept, split.lines, strict=True)
    )
    hints = split.hints | extracted.hints
    return replace(extracted, blocks=blocks, hints=hints, chrome=extracted.chrome + split.chrome)
