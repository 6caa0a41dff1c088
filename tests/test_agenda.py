"""Agenda layouts: each row a small agenda as blocks (what any extractor hands over) and
the outline that must come out — refs, titles, procedures, groups, sub-headings, intro."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tracker.extract.base import HEADING, KIND, LI, SIGNATURE, Block, Extracted
from tracker.models import Item, Letter, ListBlock, Para, Subheading
from tracker.normalise import NO_ITEMS, NOT_AN_AGENDA, normalise_letter

COVER = (
    Block("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"),
    Block("Den Haag, 16 januari 2026"),
    Block("Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken."),
    Block("De Minister van Buitenlandse Zaken,", SIGNATURE, name="T.M. Wolters"),
)


def _p(text: str) -> Block:
    return Block(text)


def _h(text: str, level: int = 0) -> Block:
    return Block(text, HEADING, level)


@dataclass(frozen=True)
class Row:
    """An agenda as blocks and the (ref, title, kind, parent ref) of every item it has."""

    name: str
    blocks: tuple[Block, ...]
    outline: tuple[tuple[str, str, str | None, str | None], ...]


ROWS = [
    Row(
        "un-numbered headings, a group that the intro delimits, a procedure line",
        COVER
        + (
            _h("GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN VAN 26 JANUARI 2026"),
            _p(
                "Op 26 januari vindt de Raad plaats in Brussel. Onder current affairs spreekt "
                "de Raad over Georgië en Sudan. Daarnaast staan Oekraïne en China op de agenda."
            ),
            _p("Current affairs"),
            _p("Georgië"),
            _p("Het kabinet steunt de inzet."),
            _p("Sudan"),
            _p("Nederland zal de informatie aanhoren."),
            _p("Oekraïne"),
            _p("De Raad spreekt over Oekraïne. Het kabinet steunt Oekraïne."),
            _p("China"),
            _p("Strategische discussie"),
            _p("De Raad spreekt over China."),
        ),
        (
            ("1", "Current affairs", None, None),
            ("1.a", "Georgië", None, "1"),
            ("1.b", "Sudan", None, "1"),
            ("2", "Oekraïne", None, None),
            ("3", "China", "Strategische discussie", None),
        ),
    ),
    Row(
        "heading levels from markup delimit the group",
        COVER
        + (
            _h("GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN VAN 26 JANUARI 2026"),
            _h("Current affairs", 1),
            _h("Georgië", 2),
            _p("Het kabinet steunt de inzet."),
            _h("Oekraïne", 1),
            _p("Het kabinet steunt Oekraïne."),
        ),
        (
            ("1", "Current affairs", None, None),
            ("1.a", "Georgië", None, "1"),
            ("2", "Oekraïne", None, None),
        ),
    ),
    Row(
        "procedure before the title, generic sub-headings, a contents list in the intro",
        COVER
        + (
            _h("GEANNOTEERDE AGENDA FORMELE RAAD WERKGELEGENHEID EN SOCIAAL BELEID 9 MAART 2026"),
            _p("In deze geannoteerde agenda treft u aan:"),
            Block("informatie over de Formele Raad WSB van 9 maart;", LI, 1, "bullet"),
            Block("informatie over de Verordening EU-Talentenpool.", LI, 1, "bullet"),
            _h("Kwartaalrapportage: herziening Coördinatieverordening Sociale Zekerheid"),
            Block("Achtergrond", KIND),
            _p("Sinds 2016 wordt onderhandeld."),
            _p("Stand van zaken"),
            _p("Er zijn trilogen gevoerd."),
            _p("Inzet Nederland"),
            _p("Nederland zet in op modernisering."),
            _h("Formele Raad WSB 9 maart 2026"),
            _h("Beleidsdebat: Europese strategie tegen armoede"),
            _p("Het kabinet verwelkomt de aandacht."),
            _h("Voorlopig politiek akkoord: Verordening EU-Talentenpool"),
            _p("Het kabinet kan instemmen met het akkoord."),
        ),
        (
            (
                "1",
                "Kwartaalrapportage: herziening Coördinatieverordening Sociale Zekerheid",
                None,
                None,
            ),
            ("2", "Formele Raad WSB 9 maart 2026", None, None),
            ("2.a", "Europese strategie tegen armoede", "Beleidsdebat", "2"),
            ("3", "Verordening EU-Talentenpool", "Voorlopig politiek akkoord", None),
        ),
    ),
    Row(
        "items right after the signature, the procedure after '='",
        COVER
        + (
            _p("Richtlijn betreffende preventieve herstructureringsstelsels."),
            _p("= Algemene oriëntatie"),
            _p("De Commissie heeft een voorstel gedaan."),
            _p("Verordening inzake e-evidence"),
            _p("= Stand van zaken"),
            _p("Het voorzitterschap informeert de Raad."),
        ),
        (
            (
                "1",
                "Richtlijn betreffende preventieve herstructureringsstelsels.",
                "Algemene oriëntatie",
                None,
            ),
            ("2", "Verordening inzake e-evidence", "Stand van zaken", None),
        ),
    ),
    Row(
        "numbered items keep their numbers; an un-numbered sub-heading stays in the item",
        COVER
        + (
            _h("Geannoteerde agenda Raad Algemene Zaken van 16 december 2025"),
            _p("Op 16 december vindt de Raad plaats in Brussel."),
            _p("1. Meerjarig financieel kader"),
            _p("Gedachtewisseling"),
            _p("Het voorzitterschap presenteert de onderhandelingsdoos."),
            _p("Inzet kabinet"),
            _p("Het kabinet steunt een beperkt budget."),
            _p("2. Uitbreiding"),
            _p("Het kabinet kan instemmen met de conclusies."),
        ),
        (
            ("1", "Meerjarig financieel kader", "Gedachtewisseling", None),
            ("2", "Uitbreiding", None, None),
        ),
    ),
]


def _letter(blocks: tuple[Block, ...]) -> Letter:
    return normalise_letter(Extracted("text", blocks), sha256="0" * 64, source="t.txt")


def _outline(letter: Letter) -> tuple[tuple[str, str, str | None, str | None], ...]:
    rows = []

    def walk(items: tuple[Item, ...], parent: str | None) -> None:
        for item in items:
            rows.append((item.ref, item.title, item.kind, parent))
            walk(item.items, item.ref)

    for part in letter.parts:
        walk(part.items, None)
    return tuple(rows)


@pytest.mark.parametrize("row", ROWS, ids=[r.name for r in ROWS])
def test_agenda_layout(row: Row) -> None:
    letter = _letter(row.blocks)
    assert _outline(letter) == row.outline
    assert letter.warnings == ()


def test_the_intro_holds_the_text_before_the_first_item() -> None:
    letter = _letter(ROWS[2].blocks)
    assert letter.agenda_intro[0] == Para("In deze geannoteerde agenda treft u aan:")
    assert isinstance(letter.agenda_intro[1], ListBlock)


def test_generic_headings_are_subheadings_of_their_item() -> None:
    first = next(_letter(ROWS[2].blocks).items())
    assert [b for b in first.blocks if isinstance(b, Subheading)] == [
        Subheading("Achtergrond"),
        Subheading("Stand van zaken"),
        Subheading("Inzet Nederland"),
    ]
    numbered = next(_letter(ROWS[4].blocks).items())
    assert Subheading("Inzet kabinet") in numbered.blocks


def test_an_introduction_heading_stays_in_the_introduction() -> None:
    blocks = COVER + (
        _h("GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN 15 NOVEMBER 2021"),
        _p("Introductie"),
        _p("Op 15 november vindt de Raad plaats in Brussel."),
        _p("Belarus"),
        _p("De Raad zal spreken over de situatie in Belarus."),
    )
    letter = _letter(blocks)
    assert letter.agenda_intro[0] == Subheading("Introductie")
    assert _outline(letter) == (("1", "Belarus", None, None),)


def test_a_letter_that_announces_an_agenda_without_items_says_so() -> None:
    letter = _letter(COVER)
    assert letter.warnings == (NO_ITEMS,)


def test_a_letter_that_is_no_agenda_is_not_read_as_one() -> None:
    blocks = (
        Block("Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"),
        Block("Den Haag, 16 januari 2026"),
        Block("Hierbij informeer ik u over de uitkomst van de Raad."),
        Block("De Minister van Buitenlandse Zaken,", SIGNATURE, name="T.M. Wolters"),
        _p("Bijlage"),
        _p("Het verslag volgt."),
    )
    letter = _letter(blocks)
    assert letter.warnings == (NOT_AN_AGENDA,) and letter.parts == ()


def test_text_that_finds_no_place_is_reported() -> None:
    blocks = COVER + (
        _h("Geannoteerde agenda"),
        _p("1. Migratie"),
        _p("Het kabinet steunt de inzet."),
        Block("De Staatssecretaris van Justitie en Veiligheid,", SIGNATURE, name="Ad Hoc Vijf"),
    )
    warnings = _letter(blocks).warnings
    assert len(warnings) == 1 and "words" in warnings[0] and "not placed" in warnings[0]
