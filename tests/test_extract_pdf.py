"""Tests of the PDF extractor: the seed letter against its outline, the dev PDFs, made-up
layouts (footnotes over a page break, running heads, hyphens) and hostile files."""

from __future__ import annotations

import ctypes
import io
import json
import re
from pathlib import Path

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest

from tracker.errors import InputError
from tracker.extract import PDF, extract
from tracker.extract.base import HEADING, KIND, LI, NOTE_RE, Block, P, strip_notes
from tracker.extract.pdf import (
    Layout,
    drop_running_heads,
    extract_pdf,
    join_text,
    read_pages,
    split_side_column,
)

DATA = Path(__file__).parent / "data"
SEED_PDF = DATA / "seed/jbz-2025-10-13.pdf"
SEED_OUTLINE = DATA / "seed/jbz-2025-10-13.outline.json"
DEV_PDFS = sorted(DATA.glob("dev/*/*.pdf"))


def marked(text: str) -> str:
    """Block text with note markers written `[^n]`, as the outline writes them."""
    return NOTE_RE.sub(lambda m: f"[^{m.group(1)}]", text)


def outline_paragraphs(node: dict) -> list[str]:
    """Every paragraph of an outline node (sections, items, list items), `[^n]`-marked."""
    found = []
    for block in node.get("blocks", []):
        if block["type"] == "p":
            found.append(block["marked"])
        for item in block.get("items", []):
            found.extend(outline_paragraphs(item))
    for child in node.get("sections", []) + node.get("items", []) + node.get("parts", []):
        found.extend(outline_paragraphs(child))
    return found


@pytest.fixture(scope="module")
def seed():
    """The seed letter, extracted once."""
    return extract_pdf(SEED_PDF.read_bytes(), SEED_PDF.name)


@pytest.fixture(scope="module")
def outline():
    """The seed's gold outline."""
    return json.loads(SEED_OUTLINE.read_text(encoding="utf-8"))


# --- the seed against its outline ---------------------------------------------------


def test_seed_paragraphs_each_appear_as_one_block(seed, outline):
    cover = {"blocks": outline["cover"]["intro"], "sections": outline["cover"]["sections"]}
    wanted = outline_paragraphs(cover) + outline_paragraphs(outline["agenda"])
    got = [marked(b.text) for b in seed.blocks if b.role in (P, LI)]
    assert len(wanted) == 72
    assert [text for text in wanted if text not in got] == []


def test_seed_notes_equal_the_outline(seed, outline):
    assert list(seed.notes) == [(str(n["n"]), n["text"]) for n in outline["notes"]]


SEED_HEADINGS = [
    (
        HEADING,
        "bold",
        True,
        "BRIEF VAN DE MINISTER VAN JUSTITIE EN VEILIGHEID EN DE MINISTER VAN ASIEL EN MIGRATIE",
    ),
    (
        HEADING,
        "bold",
        True,
        "Kabinetsappreciatie Aanbeveling onderhandelingsmandaat voor de Europese "
        "Commissie inzake het Enhanced European Border Security Partnership",
    ),
    (HEADING, "italic", True, "Aanleiding"),
    (HEADING, "italic", True, "Essentie voorstel"),
    (HEADING, "italic", True, "Beoordeling voorstel en inzet kabinet"),
    (HEADING, "italic", True, "Krachtenveld"),
    (
        HEADING,
        "bold",
        True,
        "Uitvoering motie Van Zanten/Boomsma over verkenning modernisering/herziening verdragen",
    ),
    (HEADING, "bold", True, "Verruimd kader MTV"),
    (HEADING, "bold", True, "Migratieconferentie München 4 oktober 2025"),
    (
        HEADING,
        "bold",
        True,
        "Informatieafspraken inzake het behandelvoorbehoud van de Eerste Kamer inzake "
        "een voorstel voor terugkeerverordening[^9]",
    ),
    (
        HEADING,
        "bold",
        True,
        "Geannoteerde agenda van de bijeenkomst van de Raad Justitie en Binnenlandse "
        "Zaken, 13 en 14 oktober 2025",
    ),
    (HEADING, "bold", True, "I. Justitie"),
    (
        HEADING,
        "bold",
        True,
        "1. Ontwikkelingen op het gebied van de rechtsstaat in de justitiële sector",
    ),
    (KIND, "", False, "Gedachtewisseling"),
    (
        HEADING,
        "bold",
        True,
        "2. De Russische agressieoorlog tegen Oekraïne: strijd tegen straffeloosheid",
    ),
    (KIND, "", False, "Stand van zaken"),
    (HEADING, "bold", True, "3. De toekomst van Eurojust"),
    (KIND, "", False, "Gedachtewisseling"),
    (HEADING, "bold", True, "4. Toegang tot gegevens voor effectieve strafrechtelijke onderzoeken"),
    (KIND, "", False, "Stand van zaken"),
    (HEADING, "bold", True, "5. Overige onderwerpen"),
    (HEADING, "bold", False, "a. Jaarlijks voortgangsverslag over handhaving en implementatie"),
    (KIND, "", False, "Informatie van de Commissie"),
    (HEADING, "bold", True, "II. Binnenlandse Zaken"),
    (
        HEADING,
        "bold",
        True,
        "1. Verordening tot vaststelling van een gemeenschappelijk systeem voor de "
        "terugkeer van onderdanen van derde landen die illegaal in de EU verblijven",
    ),
    (KIND, "", False, "Beleidsdebat"),
    (HEADING, "bold", True, "2. Algemene toestand van het Schengengebied"),
    (HEADING, "bold", False, "a. Schengen barometer"),
    (HEADING, "bold", False, "b. Toekomst van Frontex"),
    (KIND, "", False, "Gedachtewisseling"),
    (HEADING, "bold", True, "3. Implementatie van interoperabiliteit"),
    (KIND, "", False, "Stand van zaken"),
    (
        HEADING,
        "bold",
        True,
        "4. Europese Verordening ter voorkoming en bestrijding van seksueel misbruik van kinderen",
    ),
    (KIND, "", False, "Gedeeltelijke algemene oriëntatie"),
    (
        HEADING,
        "bold",
        True,
        "5. Verordening betreffende de versterking van de politiële samenwerking bij de "
        "bestrijding van migrantensmokkel en mensenhandel",
    ),
    (KIND, "", False, "Politiek akkoord"),
    (HEADING, "bold", True, "6. Uniemechanisme voor Civiele Bescherming en Gezondheidsnoodhulp"),
    (KIND, "", False, "Beleidsdebat"),
    (HEADING, "bold", True, "7. Externe dimensie van migratie"),
    (KIND, "", False, "Gedachtewisseling"),
    (HEADING, "bold", True, "8. Toegang tot gegevens voor effectieve wetshandhaving"),
    (KIND, "", False, "Stand van zaken"),
    (
        HEADING,
        "bold",
        True,
        "9. De impact van de huidige geopolitieke situatie op de interne veiligheid van de EU",
    ),
    (KIND, "", False, "Gedachtewisseling"),
    (HEADING, "bold", True, "10. Overige onderwerpen"),
    (HEADING, "bold", False, "a. Jaarlijks voortgangsverslag over handhaving en uitvoering"),
    (KIND, "", False, "Informatie van de Commissie"),
    (HEADING, "bold", True, "b. Jaarlijkse solidariteitspool"),
    (KIND, "", False, "Informatie van het Voorzitterschap en de Commissie"),
]


def test_seed_headings_procedure_lines_and_titles(seed):
    got = [(b.role, b.style, b.gap, marked(b.text)) for b in seed.blocks if b.role not in (P, LI)]
    assert got == SEED_HEADINGS


def test_seed_list_of_b5(seed):
    items = [(b.level, b.style, b.cont, b.gap, b.text[:24]) for b in seed.blocks if b.role == LI]
    assert items == [
        (1, "bullet", False, True, "Verslag thematische Sche"),
        (1, "bullet", False, True, "MIrreM Conceptual Framew"),
        (1, "bullet", False, True, "De-centring the Study of"),
        (1, "bullet", False, True, "Horizon Europe Project ‘"),
        (1, "", True, False, "Hieronder vallen verschi"),
        (2, "circle", False, False, "Five Shades of Grey: Pol"),
        (2, "circle", False, False, "Framework paper on the c"),
        (2, "circle", False, False, "Legal and Policy Infrast"),
        (2, "circle", False, False, "Working papers, (BIJLAGE"),
        (1, "bullet", False, True, "Horizon Europe Project M"),
        (1, "", True, False, "Hieronder vallen verschi"),
        (2, "circle", False, False, "Policy recommendations f"),
        (2, "circle", False, False, "Development of the Retur"),
        (1, "bullet", False, True, "Horizon Europe Project F"),
        (1, "", True, False, "Hieronder vallen veel ve"),
    ]


def test_seed_signature_lines_are_paragraphs(seed):
    texts = [b.text for b in seed.blocks]
    at = texts.index("De Minister van Justitie en Veiligheid,")
    assert seed.blocks[at : at + 4] == (
        Block("De Minister van Justitie en Veiligheid,"),
        Block("Foort van Oosten"),
        Block("De Minister van Asiel en Migratie,"),
        Block("D.M. van Weel"),
    )


def test_seed_section_body_follows_its_heading_without_gap(seed):
    texts = [b.text for b in seed.blocks]
    after = seed.blocks[texts.index("Aanleiding") + 1]
    assert (after.role, after.gap) == (P, False)


# --- every PDF of the corpus extracts cleanly ---------------------------------------


@pytest.mark.parametrize("path", DEV_PDFS + [SEED_PDF], ids=lambda p: p.parent.name)
def test_corpus_pdf_extracts_cleanly(path):
    extracted = extract_pdf(path.read_bytes(), path.name)
    text = "\n".join(b.text for b in extracted.blocks)
    cited = [m.group(1) for m in NOTE_RE.finditer(text)]
    assert extracted.format == "pdf"
    assert [n for n, _ in extracted.notes] == [str(i) for i in range(1, len(cited) + 1)]
    assert cited == [n for n, _ in extracted.notes]  # cited once each, in order
    assert not re.search(r"Pagina \d+ van \d+|[\ufffe\x02]", text)
    assert all(b.text and b.text == " ".join(b.text.split()) for b in extracted.blocks)
    assert all(note and "\ue000" not in note for _, note in extracted.notes)


# --- made-up layouts ----------------------------------------------------------------

Segment = tuple[str, str, float, float]  # text, standard font, size, rise
PageSpec = list[tuple[float, float, list[Segment]]]  # x, baseline y, segments of a line


def make_pdf(pages: list[PageSpec]) -> bytes:
    """An A4 PDF with the given lines, each laid out segment after segment."""
    doc = pdfium.PdfDocument.new()
    fonts: dict[str, object] = {}
    try:
        for spec in pages:
            page = doc.new_page(595, 842)
            for x, y, segments in spec:
                for text, font, size, rise in segments:
                    if font not in fonts:
                        fonts[font] = pdfium_c.FPDFText_LoadStandardFont(doc.raw, font.encode())
                    x = place_text(page, fonts[font], text, size, x, y + rise)
            pdfium_c.FPDFPage_GenerateContent(page.raw)
            page.close()
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    finally:
        doc.close()


def place_text(page, font, text: str, size: float, x: float, y: float) -> float:
    """Put `text` at (x, y) on the page; the x where the next segment starts."""
    obj = pdfium_c.FPDFPageObj_CreateTextObj(page.pdf.raw, font, size)
    wide = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
    pdfium_c.FPDFText_SetText(obj, ctypes.cast(wide, ctypes.POINTER(pdfium_c.FPDF_WCHAR)))
    pdfium_c.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, y)
    pdfium_c.FPDFPage_InsertObject(page.raw, obj)
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
    return right.value if text.strip() else x + size * 0.28 * len(text)


def body(text: str, size: float = 10) -> list[Segment]:
    """One segment of regular body text."""
    return [(text, "Helvetica", size, 0.0)]


NOTE_1 = ("1", "Helvetica", 6.5, 3.5)  # a raised small note number


def test_footnote_continues_on_next_page_and_page_furniture_goes():
    # Lines of about the same width: a full line is one the next word did not fit on.
    line = "Dit is een regel lopende tekst die de hele breedte vult van de"
    page_one: PageSpec = [
        (72, 810, body("Geannoteerde agenda JBZ-Raad", 8)),
        (72, 750, body(line)),
        (
            72,
            736,
            [
                *body("tekstkolom tot aan de rand."),
                NOTE_1,
                *body(" Verder loopt de tekst nu in deze"),
            ],
        ),
        (72, 722, body(line)),
        (
            72,
            100,
            [("1", "Helvetica", 6, 2), *body(" Een voetnoot die op deze pagina begint en", 8)],
        ),
        (72, 40, body("Pagina 1 van 2", 8)),
    ]
    page_two: PageSpec = [
        (72, 810, body("Geannoteerde agenda JBZ-Raad", 8)),
        (72, 750, body("volgende bladzijde door, totdat de alinea daar eindigt.")),
        (72, 722, body("Een nieuwe alinea.")),
        (72, 100, body("op de volgende pagina verder loopt.", 8)),
        (72, 90, [("2", "Helvetica", 6, 2), (" Tweede noot.", "Helvetica", 8, 0)]),
        (72, 40, body("Pagina 2 van 2", 8)),
    ]
    extracted = extract_pdf(make_pdf([page_one, page_two]), "made.pdf")
    assert [marked(b.text) for b in extracted.blocks] == [
        f"{line} tekstkolom tot aan de rand.[^1] Verder loopt de tekst nu in deze {line} "
        "volgende bladzijde door, totdat de alinea daar eindigt.",
        "Een nieuwe alinea.",
    ]
    assert extracted.notes == (
        ("1", "Een voetnoot die op deze pagina begint en op de volgende pagina verder loopt."),
        ("2", "Tweede noot."),
    )


def test_sentence_cut_short_at_a_page_end_goes_on_on_the_next_page():
    line = "Dit is een regel lopende tekst die de hele breedte vult van de"
    page_one: PageSpec = [
        (72, 750, body(line)),
        (72, 736, body("tekstkolom, maar voor het einde van")),
    ]
    page_two: PageSpec = [
        (72, 750, body("de pagina breekt de zin af.")),
        (72, 722, body("Een nieuwe alinea.")),
    ]
    extracted = extract_pdf(make_pdf([page_one, page_two]), "made.pdf")
    assert [b.text for b in extracted.blocks] == [
        f"{line} tekstkolom, maar voor het einde van de pagina breekt de zin af.",
        "Een nieuwe alinea.",
    ]


def test_heading_with_procedure_line_and_bullets():
    bold, italic = "Helvetica-Bold", "Helvetica-Oblique"
    page: PageSpec = [
        (72, 750, [("1. Een agendapunt", bold, 10, 0)]),
        (72, 736, [("Stand van zaken", italic, 10, 0)]),
        (72, 708, body("Een alinea met een opsomming:")),
        (72, 680, body("\u2022")),
        (86, 680, body("eerste punt;")),
        (86, 666, body("o")),
        (100, 666, body("een punt op het tweede niveau.")),
    ]
    blocks = extract_pdf(make_pdf([page]), "made.pdf").blocks
    assert blocks == (
        Block("1. Een agendapunt", HEADING, style="bold"),
        Block("Stand van zaken", KIND, gap=False),
        Block("Een alinea met een opsomming:"),
        Block("eerste punt;", LI, level=1, style="bullet"),
        Block("een punt op het tweede niveau.", LI, level=2, style="circle", gap=False),
    )


def test_italic_line_directly_over_its_text_is_a_sub_heading_not_a_procedure_line():
    bold, italic = "Helvetica-Bold", "Helvetica-Oblique"
    page: PageSpec = [
        (72, 750, [("Kwartaalrapportage: herziening Coördinatieverordening", bold, 10, 0)]),
        (72, 736, [("Achtergrond", italic, 10, 0)]),
        (72, 722, body("Sinds 2016 wordt onderhandeld over de herziening.")),
        (72, 694, [("Stand van zaken", italic, 10, 0)]),
        (72, 680, body("Het voorzitterschap heeft een triloog gevoerd.")),
    ]
    blocks = extract_pdf(make_pdf([page]), "made.pdf").blocks
    assert blocks == (
        Block("Kwartaalrapportage: herziening Coördinatieverordening", HEADING, style="bold"),
        Block("Achtergrond", HEADING, style="italic", gap=False),
        Block("Sinds 2016 wordt onderhandeld over de herziening.", gap=False),
        Block("Stand van zaken", HEADING, style="italic"),
        Block("Het voorzitterschap heeft een triloog gevoerd.", gap=False),
    )


def test_note_number_raised_after_a_heading_word_is_a_note_reference():
    """As the text reader reads "terugkeerverordening1" with note 1 at the page foot."""
    bold = "Helvetica-Bold"
    page: PageSpec = [
        (
            72,
            750,
            [
                ("Informatieafspraken inzake een voorstel voor terugkeerverordening", bold, 10, 0),
                ("1", bold, 6.5, 3.5),
            ],
        ),
        (
            72,
            736,
            body("Conform de vastgestelde informatieafspraken deelt het kabinet de onderzoeken."),
        ),
        (
            72,
            100,
            [("1", "Helvetica", 6, 2), *body(" Kamerstukken II, 2025-2026, 36 800, nr. 24.", 8)],
        ),
    ]
    extracted = extract_pdf(make_pdf([page]), "made.pdf")
    assert marked(extracted.blocks[0].text) == (
        "Informatieafspraken inzake een voorstel voor terugkeerverordening[^1]"
    )
    assert extracted.notes == (("1", "Kamerstukken II, 2025-2026, 36 800, nr. 24."),)


def column(y: float, text: str, font: str = "Helvetica") -> tuple[float, float, list[Segment]]:
    """A line of a ministry letter's right-hand column: small type, right of the body."""
    return (460, y, [(text, font, 7, 0)])


def ministry_letter(annex: bool = False) -> bytes:
    """A two-page ministry letter: logo, address block, letter data, a column on each page.

    The column is a text box of its own, as word processors and browsers print it: its
    lines follow the body's in the content stream. With `annex`, the column's last line
    ("Bijlage(n)" over "1") is drawn right after the greeting, on its baseline, as
    Chromium prints it.
    """
    bold = "Helvetica-Bold"
    logo = (250, 800, body("Ministerie van Sociale Zaken en Werkgelegenheid", 11))
    text = "Het voorzitterschap wil met de ministers spreken over de herziening van de"
    page_one: PageSpec = [
        logo,
        (72, 700, body("> Retouradres Postbus 90801 2509 LV Den Haag", 7)),
        (72, 680, body("De Voorzitter van de Tweede Kamer")),
        (72, 666, body("der Staten-Generaal")),
        (72, 652, body("Prinses Irenestraat 6")),
        (72, 638, body("2595 BD DEN HAAG")),
        (72, 600, body("Datum 2 juni 2025")),
        (72, 586, body("Betreft Geannoteerde agenda EPSCO-Raad 19 en 20 juni 2025")),
        *([column(565, "Bijlage(n)", bold)] if annex else []),
        (72, 556, body("Geachte voorzitter,")),
        *([column(556, "1")] if annex else []),
        (72, 528, body("Hierbij stuur ik u de geannoteerde agenda van de EPSCO-Raad.")),
        (72, 500, body("De minister van Sociale Zaken en Werkgelegenheid,")),
        (72, 486, body("Y.J. van Hijum")),
        column(700, "Directie Internationale Zaken", bold),
        column(680, "Parnassusplein 5"),
        column(670, "2511 VX Den Haag"),
        column(640, "Onze referentie", bold),
        column(631, "2025-0000123456"),
        column(40, "Pagina 1 van 2"),
    ]
    page_two: PageSpec = [
        logo,
        (
            72,
            750,
            [("Herziening van de Coördinatieverordening Sociale Zekerheid voor", bold, 10, 0)],
        ),
        (72, 738, [("grenswerkers", bold, 10, 0)]),
        (72, 720, [("Beleidsdebat", bold, 10, 0)]),  # further below: the procedure line
        (72, 706, body(text)),
        (72, 692, body("coördinatieverordening en de positie van grenswerkers op de interne")),
        (72, 678, body("arbeidsmarkt.")),  # did not fit above, though that line ends short
        column(752, "Datum", bold),
        column(743, "2 juni 2025"),
        column(724, "Kenmerk", bold),
        column(715, "2025-0000123456"),
        column(40, "Pagina 2 van 2"),
    ]
    return make_pdf([page_one, page_two])


def test_side_column_of_a_ministry_letter_is_chrome_and_hints():
    extracted = extract_pdf(ministry_letter(), "made.pdf")
    texts = [b.text for b in extracted.blocks]
    assert texts[-3:] == [
        "Herziening van de Coördinatieverordening Sociale Zekerheid voor grenswerkers",
        "Beleidsdebat",
        "Het voorzitterschap wil met de ministers spreken over de herziening van de "
        "coördinatieverordening en de positie van grenswerkers op de interne arbeidsmarkt.",
    ]
    assert not any(word in " ".join(texts) for word in ("Kenmerk", "Parnassusplein", "0000123"))
    assert extracted.hints == {"date": "2025-06-02", "reference": "2025-0000123456"}
    assert {"Onze referentie", "Datum", "2 juni 2025"} <= set(extracted.chrome)


def test_column_line_on_the_baseline_of_a_body_line_is_cut_off_from_it():
    """Read with the greeting, the "1" under "Bijlage(n)" widened the body text frame: the
    column went unseen and every wrapped line ended short of the right margin."""
    plain = extract_pdf(ministry_letter(), "made.pdf")
    extracted = extract_pdf(ministry_letter(annex=True), "made.pdf")
    assert extracted.blocks == plain.blocks
    at = extracted.chrome.index("Bijlage(n)")
    assert extracted.chrome[at : at + 2] == ("Bijlage(n)", "1")


def test_ministry_letter_reads_from_its_greeting():
    extracted = extract(ministry_letter(), "made.pdf", PDF)
    assert [b.text for b in extracted.blocks][:2] == [
        "Geachte voorzitter,",
        "Hierbij stuur ik u de geannoteerde agenda van de EPSCO-Raad.",
    ]
    assert extracted.hints == {
        "addressee": "Tweede Kamer",
        "date": "2025-06-02",
        "title": "Geannoteerde agenda EPSCO-Raad 19 en 20 juni 2025",
        "reference": "2025-0000123456",
    }


def test_second_column_of_body_text_is_no_side_column():
    words = "Een regel lopende tekst in een krant met twee kolommen naast elkaar"
    page: PageSpec = [(72, 750 - 14 * i, body(words[: 40 + i % 5])) for i in range(12)]
    page += [(320, 750 - 14 * i, body(words[: 38 + i % 7])) for i in range(12)]
    pages, _ = drop_running_heads(read_pages(make_pdf([page]), "made.pdf"))
    assert split_side_column(pages) == (pages, ())


LAYOUT = Layout(
    size=10,
    left=72,
    right=523,
    pitch=13.8,
    bullet_levels=(72.0,),
    vocabulary=frozenset({"ontwikkeling", "eu-wetgeving", "informatie-uitwisseling"}),
)


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("de informatie", "uitwisseling met", "de informatie-uitwisseling met"),
        ("de JBZ", "Raad", "de JBZ-Raad"),
        ("wet", "en regelgeving", "wet- en regelgeving"),
        ("Vreemdelingen", "en Asielbeleid", "Vreemdelingen- en Asielbeleid"),
        ("de ontwik", "keling van", "de ontwikkeling van"),  # unbroken elsewhere: a split word
        ("EU", "wetgeving", "EU-wetgeving"),
        ("onbekend", "woord", "onbekend-woord"),  # no evidence: keep what was printed
    ],
    ids=["compound", "capital", "wet-en", "capital-en", "split-word", "acronym", "unknown"],
)
def test_line_end_hyphens(before, after, joined):
    assert join_text(before, after, "-", LAYOUT) == joined


def test_soft_hyphen_at_line_end_joins_the_word():
    assert join_text("de informatie", "uitwisseling", "\xad", LAYOUT) == "de informatieuitwisseling"


def test_lines_without_hyphen_join_with_a_space():
    assert join_text("returns -", "combined", "", LAYOUT) == "returns - combined"


# --- hostile files ------------------------------------------------------------------


def truncated_seed() -> bytes:
    """The first third of the seed."""
    data = SEED_PDF.read_bytes()
    return data[: len(data) // 3]


def encrypted_seed() -> bytes:
    """The seed encrypted with a user password."""
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(SEED_PDF))
    writer.encrypt("geheim", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def blank_pdf() -> bytes:
    """Two pages without any text, like a scan without OCR."""
    doc = pdfium.PdfDocument.new()
    try:
        for _ in range(2):
            doc.new_page(595, 842).close()
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
    finally:
        doc.close()


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda: b"", "not a PDF"),
        (lambda: b"<html>not a pdf</html>", "not a PDF"),
        (truncated_seed, "truncated or damaged PDF"),
        (encrypted_seed, "PDF is encrypted (password required)"),
        (blank_pdf, "PDF has no text layer (scanned?); OCR is not supported"),
    ],
    ids=["empty", "html", "truncated", "encrypted", "no-text-layer"],
)
def test_bad_input_raises_input_error(make, problem):
    with pytest.raises(InputError) as raised:
        extract_pdf(make(), "bad.pdf")
    assert raised.value.source == "bad.pdf"
    assert raised.value.problem.startswith(problem)


def test_blocks_hold_reading_text_without_markers_when_stripped(seed):
    first = next(b for b in seed.blocks if "onderhandelingen." in b.text)
    assert "onderhandelingen. Middels" in strip_notes(first.text)


# --- tracker.extract.pdfium: the reader's own pdfium calls, as pypdfium2 makes them ---


@pytest.mark.parametrize("path", [SEED_PDF, *DEV_PDFS], ids=lambda p: p.parent.name)
def test_page_text_is_pypdfium2s_text_range(path: Path) -> None:
    """Every page's text, and the page heights, as pypdfium2's helpers read them."""
    from tracker.extract import pdfium as own

    data = path.read_bytes()
    theirs = pdfium.PdfDocument(data)
    ours = own.open_document(data)
    try:
        assert own.GetPageCount(ours) == len(theirs)
        for number in range(len(theirs)):
            page = theirs[number]
            textpage = page.get_textpage()
            own_page = own.load_page(ours, number)
            own_text = own.load_textpage(own_page)
            try:
                assert own.GetPageHeightF(own_page) == page.get_height()
                count = own.CountChars(own_text)
                assert count == textpage.count_chars() > 0
                assert own.text_range(own_text, count) == textpage.get_text_range()
                assert own.text_range(own_text, 0) == ""
            finally:
                own.TextClosePage(own_text)
                own.ClosePage(own_page)
                textpage.close()
                page.close()
    finally:
        own.CloseDocument(ours)
        theirs.close()


@pytest.mark.parametrize(
    "make", [truncated_seed, encrypted_seed, lambda: b"%PDF-1.4\n%%EOF\n", lambda: b"junk"]
)
def test_a_document_that_will_not_load_fails_as_with_pypdfium2(make: object) -> None:
    from tracker.extract import pdfium as own

    data = make()  # type: ignore[operator]
    with pytest.raises(pdfium.PdfiumError) as theirs:
        pdfium.PdfDocument(data)
    with pytest.raises(own.PdfiumError) as ours:
        own.open_document(data)
    assert (str(ours.value), ours.value.err_code) == (str(theirs.value), theirs.value.err_code)
    assert ours.value.err_code in own.ERROR_NAMES
