"""Tests of the side column in text that keeps its pages' geometry (pdftotext -layout): a
ministry letter's column found by position and confirmed by its words, a table left alone."""

from __future__ import annotations

from tracker.extract.base import HEADING, P
from tracker.extract.chrome import names_letterhead
from tracker.extract.text import extract_text
from tracker.extract.textcolumn import column_start, split_side_column

COLUMN = 84  # where the made-up letters' right-hand column starts


def _row(body: str, column: str = "") -> str:
    """A -layout line: the body text, and the column's text at its place."""
    return f"{body:<{COLUMN}}{column}".rstrip() if column else body


# A Buitenlandse Zaken letter: the column holds the address and letter data on the first
# page and repeats "Datum" and "Onze referentie" beside the body text on the next.
PAGE_ONE = [
    " " * 50 + "Ministerie van Buitenlandse Zaken",
    "",
    "> Retouradres Postbus 20061 2500 EB Den Haag",
    _row("", "Directie Integratie Europa"),
    _row("Aan de Voorzitter van de Tweede Kamer", "Rijnstraat 8"),
    _row("der Staten-Generaal", "2515 XP Den Haag"),
    _row("Prinses Irenestraat 6", "Postbus 20061"),
    _row("2595 BD DEN HAAG", "www.rijksoverheid.nl"),
    "",
    _row("Datum            3 maart 2026", "Onze referentie"),
    _row("Betreft          Geannoteerde agenda Raad Buitenlandse Zaken 16 maart", "BZ2603012"),
    "                 2026",
    "",
    "Geachte Voorzitter,",
    "",
    "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken",
    "van 16 maart 2026 in Brussel. Ik ben voornemens aan deze Raad deel te nemen.",
    "",
    "De minister van Buitenlandse Zaken,",
    "D.M. van Weel",
    "",
    _row("", "Pagina 1 van 2"),
]
PAGE_TWO = [
    " " * 50 + "Ministerie van Buitenlandse Zaken",
    "",
    _row("Geannoteerde agenda Raad Buitenlandse Zaken 16 maart 2026", "Directie Integratie Europa"),
    _row("", "Datum"),
    _row("Russische agressie tegen Oekraïne", "3 maart 2026"),
    _row("", "Onze referentie"),
    _row(
        "De Raad zal spreken over de laatste ontwikkelingen in de oorlog. Het kabinet", "BZ2603012"
    ),
    "blijft zich inzetten voor politieke, financiële en militaire steun aan Oekraïne",
    "zolang als nodig is.",
    "",
    _row("", "Pagina 2 van 2"),
]
LAYOUT = "\n".join(PAGE_ONE) + "\n\f" + "\n".join(PAGE_TWO) + "\n"


def test_the_column_starts_where_its_lines_do_and_not_at_the_letter_data_table() -> None:
    assert column_start(PAGE_ONE) == COLUMN
    assert column_start(PAGE_TWO) == COLUMN


def test_the_column_leaves_the_body_lines_whole_and_in_order() -> None:
    split = split_side_column(LAYOUT, names_letterhead)
    page_two = split.text.split("\f")[1].splitlines()
    assert page_two[2:6] == [
        "Geannoteerde agenda Raad Buitenlandse Zaken 16 maart 2026",
        "Russische agressie tegen Oekraïne",
        "De Raad zal spreken over de laatste ontwikkelingen in de oorlog. Het kabinet",
        "blijft zich inzetten voor politieke, financiële en militaire steun aan Oekraïne",
    ]
    assert split.lines[:3] == ("Directie Integratie Europa", "Rijnstraat 8", "2515 XP Den Haag")
    assert split.lines[-6:] == (
        "Directie Integratie Europa",
        "Datum",
        "3 maart 2026",
        "Onze referentie",
        "BZ2603012",
        "Pagina 2 van 2",
    )


def test_a_layout_letter_reads_without_its_letterhead_and_column() -> None:
    extracted = extract_text(LAYOUT.encode(), "made.layout.txt")
    assert [b.text for b in extracted.blocks] == [
        "Geachte Voorzitter,",
        "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken "
        "van 16 maart 2026 in Brussel. Ik ben voornemens aan deze Raad deel te nemen.",
        "De minister van Buitenlandse Zaken,",
        "Geannoteerde agenda Raad Buitenlandse Zaken 16 maart 2026",
        "Russische agressie tegen Oekraïne",
        "De Raad zal spreken over de laatste ontwikkelingen in de oorlog. Het kabinet "
        "blijft zich inzetten voor politieke, financiële en militaire steun aan Oekraïne "
        "zolang als nodig is.",
    ]
    assert [b.role for b in extracted.blocks][-3:] == [HEADING, HEADING, P]
    assert extracted.hints == {
        "ministry": "Buitenlandse Zaken",
        "addressee": "Tweede Kamer",
        "date": "2026-03-03",
        "title": "Geannoteerde agenda Raad Buitenlandse Zaken 16 maart 2026",
        "reference": "BZ2603012",
    }
    assert "Pagina 2 van 2" in extracted.chrome and "Rijnstraat 8" in extracted.chrome


TABLE = [
    "De lidstaten stemden als volgt over het voorstel van de Commissie, zoals de",
    "tabel hieronder laat zien. Het kabinet heeft tegen het voorstel gestemd.",
    "",
    "Lidstaat                                                              Stem",
    "Nederland                                                             tegen",
    "Duitsland                                                             voor",
    "Frankrijk                                                             voor",
    "",
    "Het voorstel is daarmee aangenomen met een gekwalificeerde meerderheid.",
]


def test_a_table_column_that_says_nothing_of_a_letterhead_stays() -> None:
    text = "\n".join(TABLE)
    assert column_start(TABLE) == 70
    split = split_side_column(text, names_letterhead)
    assert split.text == text and split.lines == ()


def test_a_column_of_address_lines_alone_is_no_letterhead() -> None:
    assert not names_letterhead(["Rijnstraat 8", "Artikel 5", "www.rijksoverheid.nl"])
    assert names_letterhead(["Rijnstraat 8", "Directie Integratie Europa"])


def test_text_without_wide_gaps_has_no_column() -> None:
    assert column_start(TABLE[:2] + TABLE[-1:]) is None
