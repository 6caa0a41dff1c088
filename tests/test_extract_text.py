"""Tests of the plain-text reader: a row per layout shape (pdftotext with and without blank
lines, text copied from web pages), the word rules with their examples, note references,
and agreement with the other renditions of the same letters."""

from __future__ import annotations

import random
import textwrap
from pathlib import Path

import pytest

from tracker import extract
from tracker.extract.base import (
    HEADING,
    KIND,
    LI,
    NOTE_RE,
    SIGNATURE,
    TITLE,
    Block,
    P,
    strip_notes,
)
from tracker.extract.text import extract_text
from tracker.extract.textwords import LINE_RULES, LineRule

DATA = Path(__file__).parent / "data"
DEV = DATA / "dev"
REAL = sorted((DATA / "real").glob("*.txt"))
B = "\uf0b7"  # the bullet pdftotext writes for Word's list bullet


def read(text: str) -> list[tuple[str, str]]:
    """(role, text) of every block; a signature as (SIGNATURE, "role line | name")."""
    blocks = extract_text(text.encode(), "made.txt").blocks
    return [(b.role, f"{b.text} | {b.name}" if b.name else marked(b.text)) for b in blocks]


def marked(text: str) -> str:
    """Block text with note markers written `[^n]`."""
    return NOTE_RE.sub(lambda m: f"[^{m.group(1)}]", text)


# --- a row per layout shape ---------------------------------------------------------

SHAPES = {
    "pdftotext-no-blank-lines-bullets-then-heading": (
        "In deze geannoteerde agenda treft u aan:\n"
        f"{B} de kwartaalrapportage over de herziening van de Coördinatieverordening\n"
        "Sociale Zekerheid (COM(2016) 815);\n"
        f"{B} informatie over een Nederlands non-paper over de aanpak van arbeidsuitbuiting.\n"
        "Kwartaalrapportage: herziening Coördinatieverordening Sociale Zekerheid\n"
        "Achtergrond\n"
        "Sinds 2016 wordt onderhandeld over de herziening van Verordening 883/2004\n"
        "betreffende de coördinatie van socialezekerheidsstelsels. De onderhandelingen\n"
        "richten zich op vier onderdelen.\n"
        "Stand van zaken\n"
        "Het Deense voorzitterschap heeft op 14 oktober jl. een triloog gevoerd met het\n"
        "Europees Parlement.\n",
        [
            (P, "In deze geannoteerde agenda treft u aan:"),
            (
                LI,
                "de kwartaalrapportage over de herziening van de Coördinatieverordening "
                "Sociale Zekerheid (COM(2016) 815);",
            ),
            (LI, "informatie over een Nederlands non-paper over de aanpak van arbeidsuitbuiting."),
            (HEADING, "Kwartaalrapportage: herziening Coördinatieverordening Sociale Zekerheid"),
            (HEADING, "Achtergrond"),
            (
                P,
                "Sinds 2016 wordt onderhandeld over de herziening van Verordening 883/2004 "
                "betreffende de coördinatie van socialezekerheidsstelsels. De onderhandelingen "
                "richten zich op vier onderdelen.",
            ),
            (HEADING, "Stand van zaken"),
            (
                P,
                "Het Deense voorzitterschap heeft op 14 oktober jl. een triloog gevoerd met het "
                "Europees Parlement.",
            ),
        ],
    ),
    "pdftotext-no-blank-lines-heading-over-heading-after-a-full-line": (
        "Op maandag 16 maart a.s. vindt de Raad Buitenlandse Zaken (RBZ) plaats in\n"
        "Brussel. Onder current affairs zal de HV naar verwachting stilstaan bij Georgië.\n"
        "Current affairs\n"
        "Georgië\n"
        "De Raad zal spreken over de situatie in Georgië en over het voorstel van de\n"
        "Commissie om de visumvrijstelling op te schorten.\n"
        "Het kabinet steunt het voorstel. Nederland blijft zich uitspreken voor de\n"
        "vrijlating van gedetineerde demonstranten en journalisten in het hele land.\n"
        "Armenië en Azerbeidzjan\n"
        "De HV zal de Raad informeren over de normalisering van de betrekkingen.\n",
        [
            (
                P,
                "Op maandag 16 maart a.s. vindt de Raad Buitenlandse Zaken (RBZ) plaats in "
                "Brussel. Onder current affairs zal de HV naar verwachting stilstaan bij Georgië.",
            ),
            (HEADING, "Current affairs"),
            (HEADING, "Georgië"),
            (
                P,
                "De Raad zal spreken over de situatie in Georgië en over het voorstel van de "
                "Commissie om de visumvrijstelling op te schorten.",
            ),
            (
                P,
                "Het kabinet steunt het voorstel. Nederland blijft zich uitspreken voor de "
                "vrijlating van gedetineerde demonstranten en journalisten in het hele land.",
            ),
            (HEADING, "Armenië en Azerbeidzjan"),
            (P, "De HV zal de Raad informeren over de normalisering van de betrekkingen."),
        ],
    ),
    "pdftotext-no-blank-lines-wrapped-two-line-headings": (
        "Verordening betreffende de versterking van de politiële samenwerking bij de bestrijding van\n"
        "migrantensmokkel en mensenhandel\n"
        "Politiek akkoord\n"
        "Dit voorstel betreft de versterking van de politiële samenwerking met het oog op het\n"
        "voorkomen, opsporen en onderzoeken van migrantensmokkel.\n"
        "Kabinetsappreciatie Aanbeveling onderhandelingsmandaat voor de Europese Commissie inzake\n"
        "Enhanced European Border Security Partnership\n"
        "De Verenigde Staten van Amerika hebben een nieuwe voorwaarde gesteld.\n",
        [
            (
                HEADING,
                "Verordening betreffende de versterking van de politiële samenwerking bij de "
                "bestrijding van migrantensmokkel en mensenhandel",
            ),
            (HEADING, "Politiek akkoord"),
            (
                P,
                "Dit voorstel betreft de versterking van de politiële samenwerking met het oog op "
                "het voorkomen, opsporen en onderzoeken van migrantensmokkel.",
            ),
            (
                HEADING,
                "Kabinetsappreciatie Aanbeveling onderhandelingsmandaat voor de Europese Commissie "
                "inzake Enhanced European Border Security Partnership",
            ),
            (P, "De Verenigde Staten van Amerika hebben een nieuwe voorwaarde gesteld."),
        ],
    ),
    "pdftotext-no-blank-lines-signature-role-and-name-on-two-lines": (
        " BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID\n"
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n"
        "Den Haag, 17 november 2025\n"
        "Op 1 december aanstaande vindt de Formele Raad Werkgelegenheid en Sociaal Beleid\n"
        "plaats te Brussel. Hierbij zend ik u de geannoteerde agenda voor deze Raad\n"
        "toe.\n"
        "De Minister van Sociale Zaken en Werkgelegenheid,\n"
        "E.H. Vermeulen\n"
        "GEANNOTEERDE AGENDA FORMELE RAAD WERKGELEGENHEID EN SOCIAAL BELEID\n",
        [
            (HEADING, "BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID"),
            (P, "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"),
            (P, "Den Haag, 17 november 2025"),
            (
                P,
                "Op 1 december aanstaande vindt de Formele Raad Werkgelegenheid en Sociaal "
                "Beleid plaats te Brussel. Hierbij zend ik u de geannoteerde agenda voor deze "
                "Raad toe.",
            ),
            (SIGNATURE, "De Minister van Sociale Zaken en Werkgelegenheid, | E.H. Vermeulen"),
            (HEADING, "GEANNOTEERDE AGENDA FORMELE RAAD WERKGELEGENHEID EN SOCIAAL BELEID"),
        ],
    ),
    "pdftotext-blank-lines-heading-over-its-text-and-list-continuation": (
        "Hierbij bieden wij u de geannoteerde agenda aan van de Raad Justitie en\n"
        "Binnenlandse Zaken van 13-14 oktober a.s. in Luxemburg.\n"
        "\n"
        "De Minister van Justitie en Veiligheid,\n"
        "\n"
        "Foort van Oosten\n"
        "\n"
        "Aanleiding \n"
        "De Verenigde Staten van Amerika hebben een nieuwe voorwaarde gesteld aan de\n"
        "deelname aan het visumvrijstellingsprogramma.\n"
        "\n"
        f"{B} Verslag thematische Schengenevaluatie (BIJLAGE 1);\n"
        "\n"
        f"{B} Horizon Europe Project MIrreM (BIJLAGE 2);\n"
        "Hieronder vallen verschillende onderzoeken.\n"
        "\n"
        "Krachtenveld\n"
        "Binnen de EU is er brede steun voor een gecoördineerde aanpak.\n",
        [
            (
                P,
                "Hierbij bieden wij u de geannoteerde agenda aan van de Raad Justitie en "
                "Binnenlandse Zaken van 13-14 oktober a.s. in Luxemburg.",
            ),
            (SIGNATURE, "De Minister van Justitie en Veiligheid, | Foort van Oosten"),
            (HEADING, "Aanleiding"),
            (
                P,
                "De Verenigde Staten van Amerika hebben een nieuwe voorwaarde gesteld aan de "
                "deelname aan het visumvrijstellingsprogramma.",
            ),
            (LI, "Verslag thematische Schengenevaluatie (BIJLAGE 1);"),
            (LI, "Horizon Europe Project MIrreM (BIJLAGE 2);"),
            (LI, "Hieronder vallen verschillende onderzoeken."),
            (HEADING, "Krachtenveld"),
            (P, "Binnen de EU is er brede steun voor een gecoördineerde aanpak."),
        ],
    ),
    "pdftotext-no-blank-lines-procedure-line-under-a-long-heading": (
        "Het kabinet wacht de visie af en zal uw Kamer na publicatie van de visie een appreciatie\n"
        "sturen.\n"
        "Marktsituatie, in het bijzonder na de Russische invasie van Oekraïne en de droogte\n"
        "Informatie van de Commissie en gedachtewisseling\n"
        "De Commissie zal de Raad zoals gebruikelijk informeren over de marktsituatie in de\n"
        "verschillende landbouwsectoren.\n",
        [
            (
                P,
                "Het kabinet wacht de visie af en zal uw Kamer na publicatie van de visie een "
                "appreciatie sturen.",
            ),
            (
                HEADING,
                "Marktsituatie, in het bijzonder na de Russische invasie van Oekraïne en de droogte",
            ),
            (HEADING, "Informatie van de Commissie en gedachtewisseling"),
            (
                P,
                "De Commissie zal de Raad zoals gebruikelijk informeren over de marktsituatie in de "
                "verschillende landbouwsectoren.",
            ),
        ],
    ),
    "pdftotext-form-feed-pages-and-note-numbers-on-their-own-line": (
        "Op 2 december jl. hebben de Raad en het Europees Parlement een voorlopig akkoord\n"
        "bereikt.1 De nieuwe verordening verbiedt vanaf 2027 de invoer van\n"
        "\n"
        "1\n"
        "\n"
        "Europese Commissie, COM(2025) 828.\n"
        "\n"
        "2\n"
        "\fRussisch gas in de hele Unie.\n",
        [
            (
                P,
                "Op 2 december jl. hebben de Raad en het Europees Parlement een voorlopig akkoord "
                "bereikt.[^1] De nieuwe verordening verbiedt vanaf 2027 de invoer van Russisch gas "
                "in de hele Unie.",
            ),
        ],
    ),
    "closing-formula-then-signer-over-two-lines-then-a-date-broken-after-its-month": (
        "Ik vertrouw erop u hiermee voldoende te hebben geïnformeerd.\n"
        "Hoogachtend,\n"
        "De minister van Landbouw, Visserij, Voedselzekerheid en Natuur,\n"
        "M.C. Dijkhuizen\n"
        "Geannoteerde agenda Landbouw- en Visserijraad 27 januari\n"
        "2025\n"
        "Werkprogramma van het Poolse voorzitterschap\n",
        [
            (P, "Ik vertrouw erop u hiermee voldoende te hebben geïnformeerd."),
            (P, "Hoogachtend,"),
            (
                SIGNATURE,
                "De minister van Landbouw, Visserij, Voedselzekerheid en Natuur, | M.C. Dijkhuizen",
            ),
            (HEADING, "Geannoteerde agenda Landbouw- en Visserijraad 27 januari 2025"),
            (HEADING, "Werkprogramma van het Poolse voorzitterschap"),
        ],
    ),
    "web-copy-one-paragraph-per-line-signature-on-one-line": (
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal\n"
        "Den Haag, 7 februari 2020\n"
        "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken van "
        "17 februari 2020.\n"
        "De Minister van Buitenlandse Zaken, S.A. Blok\n"
        "GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN VAN 17 FEBRUARI 2020\n"
        "Op maandag 17 februari 2020 vindt de Raad Buitenlandse Zaken plaats in Brussel. De "
        "Minister van Buitenlandse Zaken is voornemens deel te nemen aan deze Raad.\n"
        "Current affairs\n"
        "Sahel\n"
        "De veiligheidssituatie in de Sahel verslechtert snel en dreigt in toenemende mate "
        "over te slaan naar de West-Afrikaanse kustlanden.\n"
        "Nederland steunt de inzet van de HV.\n"
        "Westelijke Balkan\n"
        "De Raad zal spreken over de Westelijke Balkan. Het kabinet steunt de inzet van de",
        [
            (P, "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal"),
            (P, "Den Haag, 7 februari 2020"),
            (
                P,
                "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken "
                "van 17 februari 2020.",
            ),
            (SIGNATURE, "De Minister van Buitenlandse Zaken, | S.A. Blok"),
            (HEADING, "GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN VAN 17 FEBRUARI 2020"),
            (
                P,
                "Op maandag 17 februari 2020 vindt de Raad Buitenlandse Zaken plaats in "
                "Brussel. De Minister van Buitenlandse Zaken is voornemens deel te nemen aan "
                "deze Raad.",
            ),
            (HEADING, "Current affairs"),
            (HEADING, "Sahel"),
            (
                P,
                "De veiligheidssituatie in de Sahel verslechtert snel en dreigt in toenemende "
                "mate over te slaan naar de West-Afrikaanse kustlanden.",
            ),
            (P, "Nederland steunt de inzet van de HV."),
            (HEADING, "Westelijke Balkan"),
            # an opening cut off mid-sentence: a paragraph all the same
            (
                P,
                "De Raad zal spreken over de Westelijke Balkan. Het kabinet steunt de inzet van de",
            ),
        ],
    ),
    "web-copy-blank-lines-bullets-and-sub-headings": (
        "In deze Geannoteerde Agenda treft u aan:\n"
        "\n"
        "  • De kwartaalrapportage t.a.v. de herziening van Coördinatieverordening Sociale "
        "Zekerheid (COM(2016) 815);\n"
        "\n"
        "  • Informatie over de Formele Raad WSBVC van 20 juni 2024.\n"
        "\n"
        "Kwartaalrapportage: herziening Coördinatieverordening Sociale Zekerheid\n"
        "\n"
        "Sinds 2016 wordt onderhandeld over de herziening van Verordening 883/2004 betreffende "
        "de coördinatie van sociale zekerheidssystemen.\n"
        "\n"
        "Achtergrond en terugblik trilogen\n"
        "\n"
        "Elke lidstaat heeft zijn eigen socialezekerheidsstelsel.\n",
        [
            (P, "In deze Geannoteerde Agenda treft u aan:"),
            (
                LI,
                "De kwartaalrapportage t.a.v. de herziening van Coördinatieverordening Sociale "
                "Zekerheid (COM(2016) 815);",
            ),
            (LI, "Informatie over de Formele Raad WSBVC van 20 juni 2024."),
            (HEADING, "Kwartaalrapportage: herziening Coördinatieverordening Sociale Zekerheid"),
            (
                P,
                "Sinds 2016 wordt onderhandeld over de herziening van Verordening 883/2004 "
                "betreffende de coördinatie van sociale zekerheidssystemen.",
            ),
            (HEADING, "Achtergrond en terugblik trilogen"),
            (P, "Elke lidstaat heeft zijn eigen socialezekerheidsstelsel."),
        ],
    ),
    "web-copy-several-signers-one-per-line": (
        "Hierbij bieden wij u de geannoteerde agenda aan.\n"
        "De Minister van Justitie en Veiligheid, F.B.J. Grapperhaus\n"
        "De minister van Onderwijs, Cultuur en Wetenschap, I.K. van Engelshoven\n"
        "Richtlijn betreffende preventieve herstructureringsstelsels\n"
        "= Algemene oriëntatie\n",
        [
            (P, "Hierbij bieden wij u de geannoteerde agenda aan."),
            (SIGNATURE, "De Minister van Justitie en Veiligheid, | F.B.J. Grapperhaus"),
            (
                SIGNATURE,
                "De minister van Onderwijs, Cultuur en Wetenschap, | I.K. van Engelshoven",
            ),
            (HEADING, "Richtlijn betreffende preventieve herstructureringsstelsels"),
            (HEADING, "= Algemene oriëntatie"),
        ],
    ),
    "glued-note-number-on-a-heading-but-not-after-a-one-letter-word": (
        "De onderhandelingen gaan over de voorafgaande kennisgeving bij detachering\n"
        "(PD A1). Het kabinet volgt de onderhandelingen nauwgezet en informeert uw\n"
        "Kamer.\n"
        "Informatieafspraken inzake een voorstel voor terugkeerverordening1\n"
        "Conform de vastgestelde informatieafspraken deelt het kabinet de onderzoeken.\n"
        "1 Kamerstukken II, 2025-2026, 36 800, nr. 24.\n",
        [
            (
                P,
                "De onderhandelingen gaan over de voorafgaande kennisgeving bij detachering "
                "(PD A1). Het kabinet volgt de onderhandelingen nauwgezet en informeert uw "
                "Kamer.",
            ),
            (HEADING, "Informatieafspraken inzake een voorstel voor terugkeerverordening[^1]"),
            (P, "Conform de vastgestelde informatieafspraken deelt het kabinet de onderzoeken."),
        ],
    ),
}


@pytest.mark.parametrize(("text", "blocks"), SHAPES.values(), ids=SHAPES.keys())
def test_layout_shapes(text: str, blocks: list[tuple[str, str]]) -> None:
    assert read(text) == blocks


@pytest.mark.parametrize(
    ("shape", "notes"),
    [
        (
            "glued-note-number-on-a-heading-but-not-after-a-one-letter-word",
            (("1", "Kamerstukken II, 2025-2026, 36 800, nr. 24."),),
        ),
        (
            "pdftotext-form-feed-pages-and-note-numbers-on-their-own-line",
            (("1", "Europese Commissie, COM(2025) 828."),),  # "2" below it is the page number
        ),
    ],
    ids=["number-and-text-on-one-line", "number-on-its-own-line"],
)
def test_footnotes(shape: str, notes: tuple[tuple[str, str], ...]) -> None:
    text, _ = SHAPES[shape]
    assert extract_text(text.encode(), "made.txt").notes == notes


@pytest.mark.parametrize(
    ("text", "cited"),
    [
        ("Het kabinet steunt het voorstel.1 Nederland", "voorstel.[^1] Nederland"),
        ("voorafgaande kennisgeving (PD A1) en Artikel1 gaat", "(PD A1) en Artikel[^1] gaat"),
        ("1. Cohesiebeleid en het voorstel van de Commissie1", "1. Cohesiebeleid"),
        ("Kamerstukken II 2021-2022, nr. 1 en de Raad", "nr. 1 en de Raad"),
    ],
    ids=["after-a-full-stop", "not-after-a-one-letter-word", "not-an-item-number", "not-apart"],
)
def test_where_a_note_number_is_a_reference(text: str, cited: str) -> None:
    letter = f"{text}\n1 Kamerstukken II 2025-2026, 36 800, nr. 24.\n"
    first = marked(extract_text(letter.encode(), "made.txt").blocks[0].text)
    assert cited in first


def test_blocks_without_blank_lines_all_stand_apart_and_lists_end() -> None:
    text, _ = SHAPES["pdftotext-no-blank-lines-bullets-then-heading"]
    blocks = extract_text(text.encode(), "made.txt").blocks
    assert all(b.gap and not b.cont for b in blocks)


# --- the word rules -----------------------------------------------------------------


@pytest.mark.parametrize("rule", LINE_RULES, ids=lambda r: r.name.split(":")[0])
def test_line_rules_match_their_examples_and_not_their_counter_examples(rule: LineRule) -> None:
    assert [e for e in rule.examples if not rule.match(e)] == []
    assert [c for c in rule.counters if rule.match(c)] == []


# --- real text: web-page copies ------------------------------------------------------


# Openings whose text was wrapped at a width before it was put on the web page.
WRAPPED_COPIES = {"milieuraad-2009-10-21", "rbz-2022-04-11"}


@pytest.mark.parametrize(
    "path", [p for p in REAL if p.stem not in WRAPPED_COPIES], ids=lambda p: p.stem
)
def test_web_copies_read_one_block_per_line(path: Path) -> None:
    """A web page's paragraphs stand one per line: every block is (the end of) one line of
    the file, a signature its role line and name on one line or two. (A list item's
    marker, a kamerstuk number before the letter's title are not part of the block.)"""
    lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").splitlines()]

    def ends_a_line(text: str) -> bool:
        return any(line == text or line.endswith(f" {text}") for line in lines)

    for block in extract_text(path.read_bytes(), path.name).blocks:
        if block.role == SIGNATURE:
            one_line = ends_a_line(f"{block.text} {block.name}")
            assert one_line or (ends_a_line(block.text) and ends_a_line(block.name))
        else:
            assert ends_a_line(block.text)


def test_wrapped_web_copy_joins_its_lines() -> None:
    path = DATA / "real/milieuraad-2009-10-21.txt"
    texts = [b.text for b in extract_text(path.read_bytes(), path.name).blocks]
    assert (
        "In oktober wordt de voorbereiding van de klimaatconferentie in Kopenhagen in "
        "verschillende Raadsformaties besproken (Ecofin op 20 oktober, Milieuraad op 21 oktober "
        "en Europese Raad op 29 en 30 oktober). Hierbij wordt voortgebouwd op de Raadsconclusies "
        "van maart 2009."
    ) in texts


# --- renditions of one letter agree -------------------------------------------------

ROLE_CLASS = {HEADING: "heading", TITLE: "heading", KIND: "heading", LI: "list"}


def agenda_blocks(path: Path) -> list[tuple[str, str]]:
    """(role class, text) from the agenda title on; a signature as its two lines."""
    data = path.read_bytes()
    blocks = extract.extract(data, path.name, extract.detect_format(data, path.name)).blocks
    out: list[tuple[str, str]] = []
    for block in blocks:
        out.append((ROLE_CLASS.get(block.role, "paragraph"), fold(block.text)))
        if block.role == SIGNATURE and block.name:
            out.append(("paragraph", fold(block.name)))
    start = next(i for i, (_, t) in enumerate(out) if t.startswith("geannoteerde agenda"))
    return out[start:]


def fold(text: str) -> str:
    """Text as renditions agree on it: no notes, case and quotes folded."""
    plain = strip_notes(text).translate(str.maketrans("‘’“”–", "''\"\"-"))
    return " ".join(plain.split()).casefold()


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("19-epsco-noise-docx-vs-pdftxt/old.docx", "19-epsco-noise-docx-vs-pdftxt/new.pdf.txt"),
        ("21-epsco-tweede-vs-eerste-kamer/old.html", "21-epsco-tweede-vs-eerste-kamer/new.pdf"),
    ],
    ids=["docx-vs-text", "html-vs-pdf"],
)
def test_renditions_give_the_same_agenda_blocks(old: str, new: str) -> None:
    assert agenda_blocks(DEV / new) == agenda_blocks(DEV / old)


def test_every_block_is_folded_text() -> None:
    for path in [*DEV.glob("*/*.pdf.txt"), *REAL]:
        blocks: tuple[Block, ...] = extract_text(path.read_bytes(), path.name).blocks
        assert all(b.text == " ".join(b.text.split()) for b in blocks), path


# --- markup renditions written out as text keep their headings ----------------------

MARKUP = [
    "seed/jbz-2025-10-13.html",
    "seed/jbz-2025-10-13.docx",
    "seed/jbz-2025-10-13.agenda.docx",
    "dev/17-epsco-chain-june-to-december/new.html",
    "dev/18-epsco-chain-december-to-march/old.xml",
    "dev/19-epsco-noise-docx-vs-pdftxt/old.docx",
    "dev/21-epsco-tweede-vs-eerste-kamer/old.html",
]


def as_text(blocks: tuple[Block, ...], shape: str) -> str:
    """The blocks written as plain text of one shape: a web page's lines (with or without
    blank lines between), or lines wrapped at 90 characters (at a fixed width, or ragged
    as proportional type wraps them) without blank lines."""
    ragged = random.Random(1)
    lines: list[str] = []
    for block in blocks:
        text = " ".join(strip_notes(block.text).split())
        if block.role == LI and not block.cont:
            text = f"{B} {text}"
        parts = [text, block.name] if block.role == SIGNATURE else [text]
        for part in filter(None, parts):
            if shape.startswith("web"):
                lines.append(part)
            else:
                width = 90 if shape == "wrapped" else ragged.randint(86, 96)
                lines.extend(textwrap.wrap(part, width, break_on_hyphens=False))
    return ("\n\n" if shape == "web-blank-lines" else "\n").join(lines)


def headings_items_and_words(blocks: tuple[Block, ...]) -> tuple[list[str], list[str], str]:
    """Heading texts, list item texts (their first paragraphs) and all words, folded."""
    headings = [fold(b.text) for b in blocks if b.role in (HEADING, TITLE, KIND)]
    items = [fold(b.text) for b in blocks if b.role == LI and not b.cont]
    words = " ".join(fold(f"{b.text} {b.name}") for b in blocks)
    return headings, items, " ".join(words.split())


@pytest.mark.parametrize("shape", ["web-lines", "web-blank-lines", "wrapped", "wrapped-ragged"])
@pytest.mark.parametrize("name", MARKUP, ids=lambda n: n.split("/")[-2][:2] + "-" + n[-4:])
def test_markup_renditions_written_as_text_keep_headings_items_and_words(
    name: str, shape: str
) -> None:
    """Headings, list items and every word survive any text shape; only paragraph
    boundaries may differ (a full last line before a new paragraph joins them)."""
    path = DATA / name
    markup = extract.extract(
        path.read_bytes(), path.name, extract.detect_format(path.read_bytes(), path.name)
    ).blocks
    text = as_text(markup, shape)
    assert headings_items_and_words(extract_text(text.encode(), "copy.txt").blocks) == (
        headings_items_and_words(markup)
    )
