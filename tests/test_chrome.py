"""Web-page chrome and the kamerstuk header: the rule table, pages in context, the real letters."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tracker.extract.base import strip_notes
from tracker.extract.chrome import (
    CHROME,
    FURNITURE,
    HEADER,
    LETTER,
    LETTERHEAD,
    RULES,
    Rule,
    column_hints,
    header_hints,
    match_line,
    split_chrome,
)
from tracker.extract.text import extract_text
from tracker.textnorm import fingerprint

REAL = Path(__file__).parent / "data" / "real"
GOLD = sorted((REAL / "gold").glob("*.json"))

# A letter's opening and body; a row's line is put before it or inside it.
LETTER_BODY = [
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "",
    "Den Haag, 2 maart 2026",
    "",
    "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken van "
    "16 maart 2026.",
    "",
]
LETTER_END = [
    "",
    "Het kabinet steunt de inzet van de Hoge Vertegenwoordiger en zal dat in de Raad uitdragen.",
    "",
    "De Minister van Buitenlandse Zaken,",
    "",
    "T.M. Wolters",
]
STRONG = "Preview document (🔗 origineel)"


def _rows(kinds: tuple[str, ...]) -> list[tuple[Rule, str]]:
    return [(rule, line) for rule in RULES if rule.kind in kinds for line in rule.examples]


def _counter_rows() -> list[tuple[Rule, str]]:
    return [(rule, line) for rule in RULES for line in rule.counter_examples]


def _text_lines(lines: tuple[str, ...]) -> list[str]:
    return [line for line in lines if line.strip()]


def _id(row: tuple[Rule, str]) -> str:
    return f"{row[0].name}: {row[1][:40]}"


# --- the rule table: every row's examples and counter-examples ------------------------


def test_every_row_has_examples_and_a_known_kind() -> None:
    names = [rule.name for rule in RULES]
    assert len(names) == len(set(names))
    for rule in RULES:
        assert rule.examples and rule.site, rule.name
        assert rule.kind in (CHROME, FURNITURE, HEADER, LETTER, LETTERHEAD), rule.name


@pytest.mark.parametrize("row", [(r, x) for r in RULES for x in r.examples], ids=_id)
def test_example_is_named_by_its_row(row: tuple[Rule, str]) -> None:
    rule, line = row
    hit = match_line(line)
    assert hit is not None and hit[0] is rule, f"{line!r} is named by {hit and hit[0].name}"


@pytest.mark.parametrize("row", _counter_rows(), ids=_id)
def test_counter_example_in_a_letter_is_kept(row: tuple[Rule, str]) -> None:
    rule, line = row
    if rule.strong:
        hit = match_line(line)
        assert hit is None or hit[0] is not rule, f"{line!r} is named by {rule.name}"
    page = LETTER_BODY + line.split("\n") + LETTER_END
    split = split_chrome(page)
    assert split.lines == tuple(page) and not split.dropped and not split.hints


@pytest.mark.parametrize("row", _rows((CHROME,)), ids=_id)
def test_chrome_example_before_a_letter_is_dropped(row: tuple[Rule, str]) -> None:
    _, line = row
    split = split_chrome([line, "", STRONG, "", *LETTER_BODY, *LETTER_END])
    assert _text_lines(split.lines)[0] == LETTER_BODY[0]
    assert [d.text for d in split.dropped] == [" ".join(line.split()), STRONG]


@pytest.mark.parametrize("row", _rows((HEADER,)), ids=_id)
def test_header_example_where_the_letter_begins_is_read(row: tuple[Rule, str]) -> None:
    rule, line = row
    split = split_chrome([line, *LETTER_BODY, *LETTER_END])
    hit = match_line(line)
    assert hit is not None
    kept = hit[1].group(rule.keep) if rule.keep else None
    assert split.lines[0] == (kept or LETTER_BODY[0])
    assert [d.rule for d in split.dropped] == [rule.name]
    assert split.hints


@pytest.mark.parametrize("row", _rows((FURNITURE,)), ids=_id)
def test_furniture_example_inside_a_letter_is_dropped(row: tuple[Rule, str]) -> None:
    rule, line = row
    split = split_chrome([*LETTER_BODY, line, *LETTER_END])
    assert split.lines == tuple(LETTER_BODY + LETTER_END)
    assert [d.rule for d in split.dropped] == [rule.name]


@pytest.mark.parametrize(
    "row", _rows((LETTER,)) + [(r, x) for r, x in _rows((LETTERHEAD,)) if r.opens], ids=_id
)
def test_letter_opening_ends_the_page_chrome(row: tuple[Rule, str]) -> None:
    _, line = row
    split = split_chrome([STRONG, *line.split("\n"), *LETTER_BODY])
    assert split.lines[0] == line.split("\n")[0]
    assert [d.text for d in split.dropped] == [STRONG]


RETURN_ADDRESS = "> Retouradres Postbus 20401 2500 EK Den Haag"
GREETING = "Geachte Voorzitter,"
LETTER_TEXT = [
    GREETING,
    "Hierbij stuur ik u de geannoteerde agenda voor de Raad die op 2 maart 2026 in Brussel "
    "plaatsvindt.",
    *LETTER_END,
]


def _letterhead_rows(anywhere: bool | None = None) -> list[tuple[Rule, str]]:
    return [
        (rule, line)
        for rule, line in _rows((LETTERHEAD,))
        if anywhere is None or rule.anywhere == anywhere
    ]


@pytest.mark.parametrize("row", _letterhead_rows(), ids=_id)
def test_letterhead_example_above_the_greeting_is_taken_out(row: tuple[Rule, str]) -> None:
    rule, line = row
    page = [RETURN_ADDRESS, "", *line.split("\n"), "", *LETTER_TEXT]
    split = split_chrome(page)
    assert _text_lines(split.lines) == _text_lines(tuple(LETTER_TEXT))
    assert [d.rule for d in split.dropped][1:] == [rule.name] * len(line.split("\n"))


@pytest.mark.parametrize("row", _letterhead_rows(anywhere=True), ids=_id)
def test_repeated_letterhead_example_inside_a_letter_is_furniture(row: tuple[Rule, str]) -> None:
    rule, line = row
    split = split_chrome([*LETTER_BODY, *line.split("\n"), *LETTER_END])
    assert split.lines == tuple(LETTER_BODY + LETTER_END)
    assert {d.rule for d in split.dropped} == {rule.name}


@pytest.mark.parametrize("row", _letterhead_rows(anywhere=False), ids=_id)
def test_letterhead_example_inside_a_letter_is_kept(row: tuple[Rule, str]) -> None:
    _, line = row
    page = [*LETTER_BODY, *line.split("\n"), *LETTER_END]
    split = split_chrome(page)
    assert split.lines == tuple(page) and not split.dropped


# --- pages in context: what the zones take and what they leave --------------------------

NAV = "[overzicht] [activiteiten] [besluiten] [commissies] [kamerleden]"
CONTEXT_CASES = [
    pytest.param(
        [NAV, "", "Nummer 5 op de agenda is nog niet bevestigd, schrijft de Raad.", STRONG]
        + LETTER_BODY,
        [NAV],
        id="letter-paragraph-starting-with-Nummer-stops-the-zone",
    ),
    pytest.param(
        [NAV, "", STRONG, "", "Bijlage", "", "GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN"]
        + LETTER_END,
        [NAV, STRONG],
        id="heading-Bijlage-after-the-chrome-is-kept",
    ),
    pytest.param(
        LETTER_BODY + ["Bijlage", "", "Overzicht van de Raadsconclusies"] + LETTER_END,
        [],
        id="heading-Bijlage-inside-a-letter-is-kept",
    ),
    pytest.param(
        LETTER_BODY
        + ["Zoals gemeld in de brief van 4 november (Kamerstuk", "21 501-02 Raad Algemene Zaken"]
        + LETTER_END,
        [],
        id="dossier-line-in-running-text-is-kept",
    ),
    pytest.param(
        ["Tweede Kamer der Staten-Generaal heeft gevraagd om een overzicht.", *LETTER_BODY],
        [],
        id="Tweede-Kamer-in-a-sentence-is-kept",
    ),
    pytest.param(
        [NAV, "een", "twee", "drie", "vier", STRONG, *LETTER_BODY],
        [NAV],
        id="more-unnamed-lines-than-a-zone-takes",
    ),
    pytest.param(
        [*LETTER_BODY, *LETTER_END, "", NAV, "[contact] [privacy] [over deze site]"],
        [NAV, "[contact] [privacy] [over deze site]"],
        id="navigation-after-the-letter",
    ),
    pytest.param(
        ["Bijlage", "Kamerstuk", *LETTER_BODY],
        [],
        id="weak-lines-alone-are-no-chrome",
    ),
    pytest.param(
        [NAV, LETTER_BODY[0], STRONG, *LETTER_BODY[1:]],
        [NAV],
        id="addressee-line-ends-the-page-chrome",
    ),
    pytest.param(
        [NAV, "Bijlage 1", STRONG, *LETTER_BODY],
        [NAV, "Bijlage 1", STRONG],
        id="address-like-line-in-the-page-chrome-is-taken-along",
    ),
    pytest.param(
        [*LETTER_BODY, *LETTER_END, STRONG],
        [STRONG],
        id="signature-before-tail-chrome-is-kept",
    ),
]


@pytest.mark.parametrize(("page", "dropped"), CONTEXT_CASES)
def test_page_in_context(page: list[str], dropped: list[str]) -> None:
    split = split_chrome(page)
    assert [d.text for d in split.dropped] == dropped
    assert _text_lines(split.lines) == [
        line for line in page if line.strip() and line not in dropped
    ]


# --- ministry letterheads: a letter's head and the column its pages repeat -----------------

# pdftotext without -layout: the logo, the address block and the right-hand column come out
# as short lines above the letter, and on the next page between its heading and procedure.
FINANCIEN_PDFTOTEXT = [
    "Ministerie van Financiën",
    "",
    "> Retouradres Postbus 20201 2500 EE Den Haag",
    "",
    "De Voorzitter van de Tweede Kamer",
    "der Staten-Generaal",
    "Prinses Irenestraat 6",
    "2595 BD DEN HAAG",
    "",
    "Directie Buitenlandse Financiële Betrekkingen",
    "Korte Voorhout 7",
    "2511 CW Den Haag",
    "Postbus 20201",
    "2500 EE Den Haag",
    "www.rijksoverheid.nl",
    "",
    "Datum",
    "",
    "3 november 2025",
    "",
    "Betreft",
    "",
    "Geannoteerde agenda Eurogroep en Ecofinraad van 13 en 14",
    "november 2025",
    "",
    "Ons kenmerk",
    "2025-0000312345",
    "Bijlage(n)",
    "1",
    "",
    "Geachte voorzitter,",
    "Hierbij stuur ik u de geannoteerde agenda van de Eurogroep en de Ecofinraad.",
    "Hoogachtend,",
    "de minister van Financiën,",
    "E. Heinen",
    "",
    "Pagina 1 van 2",
    " Ministerie van Financiën",
    "Kapitaalmarktunie",
    "",
    "Directie Buitenlandse Financiële Betrekkingen",
    "",
    "Beleidsdebat",
    "",
    "Datum",
    "3 november 2025",
    "",
    "De Raad spreekt over de voortgang van de kapitaalmarktunie.",
    "",
    "Ons kenmerk",
    "2025-0000312345",
    "",
    "Pagina 2 van 2",
]
# A word processor's letter: the letter data one row per line, no greeting.
IENW_WORD_PROCESSOR = [
    "Ministerie van Infrastructuur",
    "en Waterstaat",
    "Aan de Voorzitter van de Tweede Kamer",
    "der Staten-Generaal",
    "Postbus 20018",
    "2500 EA  DEN HAAG",
    "Datum 3 maart 2025",
    "Onderwerp Geannoteerde agenda Transportraad 13 maart 2025",
    "Ons kenmerk IENW/BSK-2025/51234",
    "Uw kenmerk",
    "",
    "Hierbij zend ik u de geannoteerde agenda voor de Transportraad van 13 maart 2025.",
]
# A Word file: the letter's title above the letterhead, the letter data as paragraphs.
SZW_WORD = [
    "Brief van de minister van Sociale Zaken en Werkgelegenheid",
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
    "Postbus 20018",
    "2500 EA DEN HAAG",
    "Datum 2 juni 2025",
    "Betreft Geannoteerde agenda EPSCO-Raad 19 en 20 juni 2025",
    "Geachte Voorzitter,",
    "Op 19 en 20 juni 2025 vindt in Luxemburg de EPSCO-Raad plaats.",
]
KAMERSTUK_OPENING = [
    "Tweede Kamer der Staten-Generaal",
    "Vergaderjaar 2025–2026",
    "21 501-02",
    "Raad Algemene Zaken en Raad Buitenlandse Zaken",
    "Nr. 3000",
    "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN",
    *LETTER_BODY,
    "Datum en plaats van de volgende Raad zijn nog niet bekend.",
    "Betreft: de Raad van 16 maart 2026",
    *LETTER_END,
]
LETTERHEAD_CASES = [
    pytest.param(
        FINANCIEN_PDFTOTEXT,
        [
            "Geachte voorzitter,",
            "Hierbij stuur ik u de geannoteerde agenda van de Eurogroep en de Ecofinraad.",
            "Hoogachtend,",
            "de minister van Financiën,",
            "E. Heinen",
            " Kapitaalmarktunie",
            "Beleidsdebat",
            "De Raad spreekt over de voortgang van de kapitaalmarktunie.",
        ],
        {
            "ministry": "Financiën",
            "addressee": "Tweede Kamer",
            "date": "2025-11-03",
            "title": "Geannoteerde agenda Eurogroep en Ecofinraad van 13 en 14 november 2025",
            "reference": "2025-0000312345",
        },
        id="financien-pdftotext-letterhead-and-column-on-the-next-page",
    ),
    pytest.param(
        IENW_WORD_PROCESSOR,
        [IENW_WORD_PROCESSOR[-1]],
        {
            "ministry": "Infrastructuur en Waterstaat",
            "addressee": "Tweede Kamer",
            "date": "2025-03-03",
            "title": "Geannoteerde agenda Transportraad 13 maart 2025",
            "reference": "IENW/BSK-2025/51234",
        },
        id="ienw-word-processor-letter-data-without-greeting",
    ),
    pytest.param(
        SZW_WORD,
        [SZW_WORD[0], *SZW_WORD[-2:]],
        {
            "addressee": "Tweede Kamer",
            "date": "2025-06-02",
            "title": "Geannoteerde agenda EPSCO-Raad 19 en 20 juni 2025",
        },
        id="szw-letter-title-above-the-letterhead-stays",
    ),
    pytest.param(
        [NAV, STRONG, "", "Ministerie van Buitenlandse Zaken", "Datum 2 maart 2026", *LETTER_TEXT],
        _text_lines(tuple(LETTER_TEXT)),
        {"date": "2026-03-02", "ministry": "Buitenlandse Zaken"},
        id="web-page-chrome-then-the-letterhead",
    ),
    pytest.param(
        KAMERSTUK_OPENING,
        _text_lines(tuple(KAMERSTUK_OPENING[5:])),
        {
            "addressee": "Tweede Kamer",
            "vergaderjaar": "2025-2026",
            "dossier": "21501-02",
            "dossier_title": "Raad Algemene Zaken en Raad Buitenlandse Zaken",
            "ondernummer": "3000",
            "id": "kst-21501-02-3000",
        },
        id="kamerstuk-addressee-and-letter-sentences-are-no-letterhead",
    ),
    pytest.param(
        ["Uw kenmerk", "Bijlagen", "", *LETTER_TEXT],
        _text_lines(("Uw kenmerk", "Bijlagen", *LETTER_TEXT)),
        {},
        id="weak-letterhead-lines-alone-are-no-letterhead",
    ),
]


@pytest.mark.parametrize(("page", "kept", "hints"), LETTERHEAD_CASES)
def test_letterhead_in_context(page: list[str], kept: list[str], hints: dict[str, str]) -> None:
    split = split_chrome(page)
    assert _text_lines(split.lines) == kept
    assert split.hints == hints
    assert len(split.dropped) == len(_text_lines(tuple(page))) - len(kept)


def test_column_hints_of_a_side_column() -> None:
    column = ["Directoraat-generaal Agro", "Datum", "17 januari 2025", "Kenmerk", "DGA / 94527163"]
    assert column_hints([*column, "Pagina 2 van 3"]) == {
        "date": "2025-01-17",
        "reference": "DGA / 94527163",
    }


def test_header_hints_of_a_header_on_separate_lines() -> None:
    lines = ["Eerste Kamer der Staten-Generaal", "Vergaderjaar 2025–2026", "32 317", "JBZ-Raad"]
    assert header_hints([*lines, "Nr. AT"]) == {
        "addressee": "Eerste Kamer",
        "vergaderjaar": "2025-2026",
        "dossier": "32317",
        "dossier_title": "JBZ-Raad",
        "ondernummer": "AT",
        "id": "kst-32317-AT",
    }


def test_running_foot_passes_its_page_start_on() -> None:
    page = [
        "eerste pagina.",
        " Tweede Kamer, vergaderjaar 2019–2020, 21 501-02, nr. 2113 2",
        "verder",
    ]
    assert split_chrome(page).lines == ("eerste pagina.", " verder")


def test_letter_without_chrome_is_untouched() -> None:
    page = [" BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN", "", *LETTER_BODY, *LETTER_END]
    split = split_chrome(page)
    assert split.lines == tuple(page) and split.kept == tuple(range(len(page)))
    assert not split.dropped and not split.hints


# --- the real letter openings -------------------------------------------------------------


def _folded(text: str) -> str:
    return " ".join(fingerprint(strip_notes(text)).split())


def _blocks_text(gold_path: Path) -> str:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    path = REAL / gold["file"]
    return _folded(" ".join(b.text for b in extract_text(path.read_bytes(), str(path)).blocks))


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
def test_real_letter_blocks_hold_no_chrome_and_every_kept_phrase(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    text = _blocks_text(gold_path)
    assert [c for c in gold["chrome"] if _folded(c) in text] == []
    assert [k for k in gold["keep"] if _folded(k) not in text] == []


def _stated_ids() -> dict[str, str | None]:
    """Per letter, the kamerstuk id SOURCES.md gives (None for attachments, which have none)."""
    ids: dict[str, str | None] = {}
    for line in (REAL / "SOURCES.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) > 2 and cells[1].endswith(".txt"):
            found = re.search(r"kst-[\w-]+?(?=\.html|\))", cells[2])
            ids[cells[1]] = found.group(0) if found else None
    return ids


@pytest.mark.parametrize(("name", "expected"), sorted(_stated_ids().items()))
def test_real_letter_header_gives_the_official_id(name: str, expected: str | None) -> None:
    path = REAL / name
    hints = extract_text(path.read_bytes(), str(path)).hints
    assert hints.get("id") == expected


def test_every_real_letter_has_its_id_row() -> None:
    assert sorted(_stated_ids()) == sorted(json.loads(p.read_text())["file"] for p in GOLD)
