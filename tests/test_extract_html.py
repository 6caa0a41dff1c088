"""HTML renditions: the seed's kamerstuk page against its outline, a real page, plainer pages."""

from __future__ import annotations

from pathlib import Path

import pytest

# The outline helpers live beside the XML tests: both renditions must match the same outline.
from test_extract_xml import (
    LETTER_HEAD,
    OUTLINE,
    SEED_HINTS,
    extracted_paragraphs,
    marked,
    outline_headings,
    outline_kinds,
    outline_paragraphs,
    outline_refs,
    refs_from_headings,
)

from tracker.errors import InputError
from tracker.extract.base import HEADING, KIND, LI, SIGNATURE, TITLE, Extracted, P
from tracker.extract.html import extract_html
from tracker.extract.safexml import parse_html

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed" / "jbz-2025-10-13.html"


@pytest.fixture(scope="module")
def seed() -> Extracted:
    return extract_html(SEED.read_bytes(), str(SEED))


def test_seed_headings_are_the_outline_headings(seed: Extracted) -> None:
    headings = [(b.level, marked(b.text)) for b in seed.blocks if b.role == HEADING]
    assert headings == outline_headings(OUTLINE)


def test_seed_headings_imply_every_outline_ref(seed: Extracted) -> None:
    assert refs_from_headings(list(seed.blocks)) == outline_refs(OUTLINE)


def test_seed_titles(seed: Extracted) -> None:
    titles = [b.text for b in seed.blocks if b.role == TITLE]
    assert [t.casefold() for t in titles] == [
        OUTLINE["meta"]["title"].casefold(),
        OUTLINE["agenda"]["title"].casefold(),
    ]


def test_seed_paragraphs_are_the_outline_paragraphs(seed: Extracted) -> None:
    assert extracted_paragraphs(seed) == LETTER_HEAD + outline_paragraphs(OUTLINE)


def test_seed_procedure_lines(seed: Extracted) -> None:
    assert [b.text for b in seed.blocks if b.role == KIND] == outline_kinds(OUTLINE)


def test_seed_notes_are_the_outline_notes(seed: Extracted) -> None:
    assert list(seed.notes) == [(str(n["n"]), n["text"]) for n in OUTLINE["notes"]]


def test_seed_signatures(seed: Extracted) -> None:
    signers = [(b.text, b.name) for b in seed.blocks if b.role == SIGNATURE]
    assert signers == [(s["role"], s["name"]) for s in OUTLINE["cover"]["signature"]]


def test_seed_hints(seed: Extracted) -> None:
    assert seed.format == "html"
    head = {"vergaderjaar": "2025-2026", "dossier_title": "JBZ-Raad", "ondernummer": "AT"}
    assert seed.hints == SEED_HINTS | {"addressee": "Eerste Kamer"} | head


def test_seed_chrome_is_the_kamerstuk_head_and_the_notes_heading(seed: Extracted) -> None:
    assert seed.chrome == (
        "Eerste Kamer der Staten-Generaal",
        "Vergaderjaar 2025–2026",
        "32 317",
        "JBZ-Raad",
        "Nr. AT",
        "Noten",
    )


def test_real_kamerstuk_page() -> None:
    path = DATA / "research" / "kst-xml" / "kst-32545-143" / "kst-32545-143.html"
    extracted = extract_html(path.read_bytes(), str(path))
    texts = [(b.role, b.text) for b in extracted.blocks]
    assert texts[:3] == [
        (TITLE, "MOTIE VAN DE LEDEN INGE VAN DIJK EN GRINWIS"),
        (P, "De Kamer,"),
        (P, "gehoord de beraadslaging,"),
    ]
    assert texts[4] == (
        P,
        "constaterende dat veel financiële instellingen een negatieve "
        "spaarrente hanteren vanaf € 100.000;",
    )
    assert texts[-2:] == [(P, "Inge van Dijk"), (P, "Grinwis")]
    assert extracted.hints == {
        "id": "kst-32545-143",
        "title": "Wet- en regelgeving financiële markten; Motie; Motie van de leden Inge van "
        "Dijk en Grinwis over het definiëren van een grensspaarsaldo voor negatieve spaarrente",
        "date": "2021-07-06",
        "addressee": "Tweede Kamer",
        "dossier": "32545",
        "dossier_title": "Wet- en regelgeving financiële markten",
        "ondernummer": "143",
    }
    assert extracted.chrome == (
        "32 545 Wet- en regelgeving financiële markten",
        "Nr. 143",
        "Voorgesteld 6 juli 2021",
    )


@pytest.mark.parametrize(
    "path", sorted((DATA / "dev").glob("*/*.html")), ids=lambda p: p.parent.name
)
def test_every_dev_page_extracts(path: Path) -> None:
    extracted = extract_html(path.read_bytes(), str(path))
    assert [b.role for b in extracted.blocks if b.role == TITLE] == [TITLE, TITLE]
    assert all(b.text or b.name for b in extracted.blocks)
    assert [n for n, _ in extracted.notes] == [str(i) for i in range(1, len(extracted.notes) + 1)]


# -- plainer pages of letters never seen ----------------------------------------

PLAIN_LETTER = """<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="DC.creator" content="Tweede Kamer der Staten-Generaal">
<meta name="DCTERMS.issued" content="2026-01-05T10:00:00">
<style>p {color: red}</style><script>var x = "<p>script text</p>";</script></head>
<body><nav><a href="/">Home</a></nav><header><p>Site header</p></header>
<main>
<h1>Geannoteerde agenda Raad Algemene Zaken</h1>
<p>Inleidende tekst met een noot<sup>1</sup> en nog een<a href="#fn2">2</a>.</p>
<!-- a comment that must not show -->
<h2>I. Algemene Zaken</h2>
<h3>1. Voorbereiding Europese Raad</h3>
<p><em>Gedachtewisseling</em></p>
<p>Het kabinet steunt dit.</p>
<ul><li>punt een</li><li>punt twee<ul style="list-style-type: circle"><li>sub</li></ul></li></ul>
<ol><li><p>eerste</p><p>vervolg</p></li></ol>
<div>Losse tekst in een div<br>over twee regels.</div>
<table><tr><th>Land</th><th>Standpunt</th></tr><tr><td>NL</td><td>voor</td></tr></table>
<h2>Voetnoten</h2>
<ol class="voetnoten"><li id="fn1">Kamerstuk 21501-02, nr. 1.</li>
<li id="fn2"><a href="#ref2">2</a> Zie ook de brief. <a href="#ref2">\u21a9</a></li></ol>
</main><footer><p>Footer text</p></footer></body></html>"""

PLAIN_BLOCKS = [
    (TITLE, 0, "", False, "Geannoteerde agenda Raad Algemene Zaken"),
    (P, 0, "", False, "Inleidende tekst met een noot[^1] en nog een[^2]."),
    (HEADING, 1, "", False, "I. Algemene Zaken"),
    (HEADING, 2, "", False, "1. Voorbereiding Europese Raad"),
    (KIND, 0, "", False, "Gedachtewisseling"),
    (P, 0, "", False, "Het kabinet steunt dit."),
    (LI, 1, "bullet", False, "punt een"),
    (LI, 1, "bullet", False, "punt twee"),
    (LI, 2, "circle", False, "sub"),
    (LI, 1, "number", False, "eerste"),
    (LI, 1, "number", True, "vervolg"),
    (P, 0, "", False, "Losse tekst in een div over twee regels."),
    (P, 0, "", False, "Land | Standpunt"),
    (P, 0, "", False, "NL | voor"),
]


def test_plain_page_blocks() -> None:
    extracted = extract_html(PLAIN_LETTER.encode(), "plain.html")
    got = [(b.role, b.level, b.style, b.cont, marked(b.text)) for b in extracted.blocks]
    assert got == PLAIN_BLOCKS


def test_plain_page_notes_and_hints() -> None:
    extracted = extract_html(PLAIN_LETTER.encode(), "plain.html")
    assert extracted.notes == (("1", "Kamerstuk 21501-02, nr. 1."), ("2", "Zie ook de brief."))
    assert extracted.hints == {"date": "2026-01-05", "addressee": "Tweede Kamer"}


def test_plain_page_chrome_is_what_surrounds_the_letter() -> None:
    extracted = extract_html(PLAIN_LETTER.encode(), "plain.html")
    assert extracted.chrome == ("Home", "Site header", "Footer text", "Voetnoten")


BERTHUB_PAGE = """<html><body><div class="nav"><p>[overzicht] [activiteiten] [besluiten]
[commissies] [kamerleden]</p></div>
<h2>Geannoteerde agenda Raad Buitenlandse Zaken van 9 maart 2026</h2>
<p>Brief regering</p>
<p>Nummer: 2026D01234, datum: 2026-02-27, bijgewerkt: 2026-03-01 10:00, versie: 1</p>
<p>Directe link naar document (.pdf), officiële HTML versie (kst-21501-02-3300).</p>
<p>Preview document (🔗 origineel)</p>
<p>21 501-02 Raad Algemene Zaken en Raad Buitenlandse Zaken</p>
<p>Nr. 3300 BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN</p>
<p>Aan de Voorzitter van de Tweede Kamer der Staten-Generaal</p>
<p>Den Haag, 27 februari 2026</p>
<p>Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken.</p>
</body></html>"""


def test_text_only_page_loses_its_chrome_and_header() -> None:
    extracted = extract_html(BERTHUB_PAGE.encode(), "page.html")
    assert [b.text for b in extracted.blocks] == [
        "BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN",
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        "Den Haag, 27 februari 2026",
        "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken.",
    ]
    assert extracted.hints["id"] == "kst-21501-02-3300"
    assert extracted.hints["date"] == "2026-02-27"
    assert extracted.chrome[-2:] == (
        "21 501-02 Raad Algemene Zaken en Raad Buitenlandse Zaken",
        "Nr. 3300",
    )


HTML_CASES = [
    pytest.param(
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "</head><body><p>Caf\xe9 \u201ctekst\u201d \u2013 \u20ac</p></body></html>",
        "cp1252",
        [(P, "Café “tekst” – €")],
        id="windows-1252-declared",
    ),
    pytest.param(
        "<html><body><p>Geen charset: café</p></body></html>",
        "utf-8",
        [(P, "Geen charset: café")],
        id="utf-8-undeclared",
    ),
    pytest.param(
        '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        "<html><body><p>a&x;b</p></body></html>",
        "utf-8",
        [(P, "]>"), (P, "a&x;b")],  # the HTML parser reads the subset's end as text
        id="xxe-not-resolved",
    ),
    pytest.param(
        "<html><body><p>zacht\u00adafbreek\u00a0spatie\u200b.</p><p>&nbsp;</p></body></html>",
        "utf-8",
        [(P, "zachtafbreek spatie.")],
        id="soft-hyphen-nbsp-empty",
    ),
    pytest.param(
        "<html><body><h2>Sectie</h2><h3>Sub</h3><p>x</p></body></html>",
        "utf-8",
        [(HEADING, "Sectie"), (HEADING, "Sub"), (P, "x")],
        id="headings-without-h1",
    ),
    pytest.param(
        '<html><body><p class="tussenkop"><strong>Georgië</strong></p>'
        '<p class="tussenkop"><em>Achtergrond</em></p><p>De Raad zal spreken.</p>'
        '<ul><li><p class="tussenkop">in een lijst</p></li></ul></body></html>',
        "utf-8",
        [
            (HEADING, "Georgië"),
            (HEADING, "Achtergrond"),
            (P, "De Raad zal spreken."),
            (LI, "in een lijst"),
        ],
        id="paragraph-set-as-tussenkop",
    ),
]


@pytest.mark.parametrize(("page", "encoding", "expected"), HTML_CASES)
def test_html_cases(page: str, encoding: str, expected: list[tuple[str, str]]) -> None:
    extracted = extract_html(page.encode(encoding), "case.html")
    assert [(b.role, b.text) for b in extracted.blocks] == expected


def test_heading_levels_by_rank_without_a_title() -> None:
    page = b"<html><body><h2>Sectie</h2><h3>Sub</h3><p>x</p></body></html>"
    assert [b.level for b in extract_html(page, "case.html").blocks[:2]] == [1, 2]


@pytest.mark.parametrize("data", [b"", b"   \n"], ids=["empty", "blank"])
def test_empty_page_is_refused(data: bytes) -> None:
    with pytest.raises(InputError, match=r"not an HTML page"):
        parse_html(data, "empty.html")


def test_comments_and_processing_instructions_are_removed() -> None:
    root = parse_html(b"<html><body><!-- c --><?pi x?><p>t</p></body></html>", "c.html")
    assert [el.tag for el in root.iter() if not isinstance(el.tag, str)] == []
