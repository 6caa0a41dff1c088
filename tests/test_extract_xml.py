"""Official publication XML: the seed against its outline, real kamerstukken, hostile files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tracker.errors import InputError
from tracker.extract.base import HEADING, KIND, LI, NOTE_RE, SIGNATURE, TITLE, Extracted, P
from tracker.extract.officialxml import extract_official_xml
from tracker.extract.safexml import DOCTYPE_REFUSED, _xml_parser, parse_xml

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed" / "jbz-2025-10-13.xml"
OUTLINE = json.loads((DATA / "seed" / "jbz-2025-10-13.outline.json").read_text("utf-8"))
KST_XML = DATA / "research" / "kst-xml"


def marked(text: str) -> str:
    """Block text with note markers written `[^n]`, as the outline writes them."""
    return NOTE_RE.sub(lambda m: f"[^{m.group(1)}]", text)


def with_notes(node: dict, title: str) -> str:
    """A title followed by the markers of its title notes."""
    return title + "".join(f"[^{n}]" for n in node.get("title_notes", []))


def outline_headings(outline: dict) -> list[tuple[int, str]]:
    """(level, text) of every heading the outline implies, in reading order."""
    found: list[tuple[int, str]] = []

    def section(node: dict, level: int) -> None:
        found.append((level, with_notes(node, node["title"])))
        for sub in node.get("sections", []):
            section(sub, level + 1)

    def item(node: dict, level: int) -> None:
        found.append((level, with_notes(node, f"{node['number']}. {node['title']}")))
        for sub in node.get("items", []):
            item(sub, level + 1)

    for node in outline["cover"]["sections"]:
        section(node, 1)
    for part in outline["agenda"]["parts"]:
        found.append((1, f"{part['ref']}. {part['title']}"))
        for node in part["items"]:
            item(node, 2)
    return found


def outline_refs(outline: dict) -> list[str]:
    """Every section, part, item and sub-item ref of the outline, in reading order."""
    refs: list[str] = []

    def walk(node: dict, key: str) -> None:
        refs.append(node["ref"])
        for sub in node.get(key, []):
            walk(sub, key)

    for node in outline["cover"]["sections"]:
        walk(node, "sections")
    for part in outline["agenda"]["parts"]:
        walk(part, "items")
    return refs


def refs_from_headings(blocks: list) -> list[str]:
    """The refs the headings imply: B1, B1.1 before the agenda title; I, I.1, I.5.a after it."""
    refs: list[str] = []
    in_agenda, counters = False, [0, 0]
    path: list[str] = []
    for block in blocks:
        if block.role == TITLE and "agenda" in block.text.lower():
            in_agenda = True
        if block.role != HEADING:
            continue
        if not in_agenda:
            counters = [counters[0] + 1, 0] if block.level == 1 else [counters[0], counters[1] + 1]
            refs.append(f"B{counters[0]}" + (f".{counters[1]}" if block.level == 2 else ""))
            continue
        number = block.text.split(".", 1)[0]
        path = path[: block.level - 1] + [number]
        refs.append(".".join(path))
    return refs


def outline_paragraphs(outline: dict) -> list[tuple[str, str, int, str, bool]]:
    """(role, marked text, level, style, cont) of every paragraph and list paragraph."""
    found: list[tuple[str, str, int, str, bool]] = []

    def blocks(items: list, level: int = 0) -> None:
        for block in items:
            if block["type"] == "p":
                found.append((P, block["marked"], 0, "", False))
                continue
            for entry in block["items"]:
                first = True
                for sub in entry["blocks"]:
                    if sub["type"] == "list":
                        blocks([sub], level + 1)
                        continue
                    found.append((LI, sub["marked"], level + 1, block["style"], not first))
                    first = False

    def node(section: dict, key: str) -> None:
        blocks(section.get("blocks", []))
        for sub in section.get(key, []):
            node(sub, key)

    blocks(outline["cover"]["intro"])
    for section in outline["cover"]["sections"]:
        node(section, "sections")
    for part in outline["agenda"]["parts"]:
        for item in part["items"]:
            node(item, "items")
    return found


def outline_kinds(outline: dict) -> list[str]:
    """The procedure lines of the agenda items, in order."""
    kinds: list[str] = []

    def item(node: dict) -> None:
        if node.get("kind"):
            kinds.append(node["kind"])
        for sub in node.get("items", []):
            item(sub)

    for part in outline["agenda"]["parts"]:
        for node in part["items"]:
            item(node)
    return kinds


def extracted_paragraphs(extracted: Extracted) -> list[tuple[str, str, int, str, bool]]:
    """(role, marked text, level, style, cont) of the P and LI blocks."""
    return [
        (b.role, marked(b.text), b.level, b.style, b.cont)
        for b in extracted.blocks
        if b.role in (P, LI)
    ]


# The two paragraphs of the letter head that the outline keeps in `meta`, not as paragraphs.
LETTER_HEAD = [
    (P, "Aan de Voorzitter van de Eerste Kamer der Staten-Generaal", 0, "", False),
    (P, "Den Haag, 29 september 2025", 0, "", False),
]
SEED_HINTS = {
    "id": "kst-32317-AT",
    "title": "JBZ-Raad; Brief regering; Geannoteerde agenda van de bijeenkomst van de Raad "
    "Justitie en Binnenlandse Zaken, 13 en 14 oktober 2025",
    "date": "2025-09-29",
    "addressee": "Eerste Kamer",
    "dossier": "32317",
}


@pytest.fixture(scope="module")
def seed() -> Extracted:
    return extract_official_xml(SEED.read_bytes(), str(SEED))


def test_seed_headings_are_the_outline_headings(seed: Extracted) -> None:
    headings = [(b.level, marked(b.text)) for b in seed.blocks if b.role == HEADING]
    assert headings == outline_headings(OUTLINE)


def test_seed_headings_imply_every_outline_ref(seed: Extracted) -> None:
    assert refs_from_headings(list(seed.blocks)) == outline_refs(OUTLINE)


def test_seed_titles(seed: Extracted) -> None:
    titles = [b.text for b in seed.blocks if b.role == TITLE]
    assert [titles[0].casefold(), titles[1]] == [
        OUTLINE["meta"]["title"].casefold(),
        OUTLINE["agenda"]["title"],
    ]
    assert len(titles) == 2


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
    assert seed.format == "xml"
    assert seed.hints == SEED_HINTS


def test_real_motie_is_a_letter_without_agenda() -> None:
    path = DATA / "research" / "kst-32317-957.xml"
    extracted = extract_official_xml(path.read_bytes(), str(path))
    texts = [b.text for b in extracted.blocks]
    assert extracted.blocks[0].role == TITLE
    assert texts[0] == "MOTIE VAN DE LEDEN BOOMSMA EN VAN ZANTEN"
    assert texts[1:3] == ["De Kamer,", "gehoord de beraadslaging,"]
    assert texts[-3:] == ["en gaat over tot de orde van de dag.", "Boomsma", "Van Zanten"]
    assert {b.role for b in extracted.blocks[1:]} == {P}
    assert extracted.notes == ()
    assert extracted.hints == {
        "id": "kst-32317-957",
        "title": "JBZ-Raad; Motie; Motie van de leden Boomsma en Van Zanten over met "
        "gelijkgestemde EU-landen optrekken voor een fundamentele herziening van het asielbeleid",
        "date": "2025-06-11",
        "addressee": "Tweede Kamer",
        "dossier": "32317",
    }


def test_motie_with_extref_keeps_its_text_and_finds_its_id() -> None:
    path = KST_XML / "kst-32317-moties" / "kst-32317-897.xml"
    extracted = extract_official_xml(path.read_bytes(), str(path))
    assert extracted.blocks[3].text.startswith(
        "constaterende dat er conform de aangenomen motie-Eerdmans/Wilders (36 410, nr. 55) in"
    )
    assert extracted.hints["id"] == "kst-32317-897"


def corpus_files() -> list[Path]:
    """Every XML file of the dev cases and of the real kamerstukken."""
    return sorted((DATA / "dev").glob("*/*.xml")) + sorted(KST_XML.rglob("*.xml"))


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_corpus_file_extracts_or_is_refused_as_metadata(path: Path) -> None:
    if "metadata" in path.name:
        with pytest.raises(InputError, match=r"metadata only"):
            extract_official_xml(path.read_bytes(), str(path))
        return
    extracted = extract_official_xml(path.read_bytes(), str(path))
    assert extracted.blocks[0].role == TITLE
    assert all(b.text or b.name for b in extracted.blocks)
    assert extracted.hints["addressee"] in ("Eerste Kamer", "Tweede Kamer")


# -- edge cases of the markup --------------------------------------------------


def letter(body: str, meta: str = "") -> bytes:
    """A minimal official publication around the text `body`."""
    return (
        '<?xml version="1.0" encoding="UTF-8"?><officiele-publicatie>'
        f"<metadata>{meta}</metadata><kamerstuk><stuk><titel>BRIEF</titel>"
        f"<algemeen><vrije-tekst><tekst>{body}</tekst></vrije-tekst></algemeen>"
        "</stuk></kamerstuk></officiele-publicatie>"
    ).encode()


def agenda(items: str) -> str:
    """An agenda-title divisie around `items`."""
    return f"<divisie><kop><titel>Geannoteerde agenda Raad X</titel></kop>{items}</divisie>"


SIGNATURE_BODY = (
    "<ondertekening><al><functie>De Minister,</functie></al><al><naam><voornaam>A."
    "</voornaam><achternaam>Jansen</achternaam></naam></al></ondertekening>"
)
NOTE_BODY = (
    "<al>Eerst.<noot id='a' type='voet'><noot.nr>1</noot.nr><noot.al>Zie "
    "<extref doc='x'>dit</extref>.</noot.al></noot> Later <nootref refid='a'/>.</al>"
)

MARKUP_CASES = [
    pytest.param(
        "<al>Een <nadruk type='vet'>vette</nadruk> en <onbekend>onbekende</onbekend> tekst.</al>",
        [(P, 0, "Een vette en onbekende tekst.")],
        id="unknown-inline-keeps-text",
    ),
    pytest.param(
        "<kader>Tekst in een onbekend blok.</kader><al>Daarna.</al>",
        [(P, 0, "Tekst in een onbekend blok."), (P, 0, "Daarna.")],
        id="unknown-block-is-a-paragraph",
    ),
    pytest.param(
        "<al>UZI-server<?xpp afbm?>certificaten\u00ad zijn\u00a0nodig\u200b.</al>",
        [(P, 0, "UZI-servercertificaten zijn nodig.")],
        id="pi-soft-hyphen-nbsp-zero-width",
    ),
    pytest.param(
        "<tussenkop><nadruk type='vet'>Kop</nadruk></tussenkop>"
        "<tussenkop><nadruk type='cur'>Sub</nadruk></tussenkop>",
        [(HEADING, 1, "Kop"), (HEADING, 2, "Sub")],
        id="tussenkop-by-nadruk",
    ),
    pytest.param(
        NOTE_BODY,
        [(P, 0, "Eerst.[^1] Later[^1].")],
        id="noot-and-nootref",
    ),
    pytest.param(
        "<table><title>Tabel 1</title><tgroup><tbody><row><entry><al>a</al></entry>"
        "<entry><al>b</al></entry></row></tbody></tgroup></table>",
        [(P, 0, "Tabel 1"), (P, 0, "a | b")],
        id="cals-table-rows",
    ),
    pytest.param(
        "<lijst type='expliciet'><li><li.nr>1.</li.nr><al>Een</al></li>"
        "<li><li.nr>–</li.nr>Twee</li></lijst>",
        [(LI, 1, "Een"), (LI, 1, "Twee")],
        id="numbered-and-dash-list",
    ),
    pytest.param(
        agenda(
            "<divisie><kop><nr>1.</nr><titel>Item</titel></kop>"
            "<al><nadruk type='cur'>Beleidsdebat</nadruk></al><al>Tekst.</al>"
            "<divisie><kop><nr>a.</nr><titel>Sub</titel></kop><al>Meer.</al></divisie></divisie>"
        ),
        [
            (TITLE, 0, "Geannoteerde agenda Raad X"),
            (HEADING, 2, "1. Item"),
            (KIND, 0, "Beleidsdebat"),
            (P, 0, "Tekst."),
            (HEADING, 3, "a. Sub"),
            (P, 0, "Meer."),
        ],
        id="agenda-without-parts",
    ),
    pytest.param(
        "<divisie><kop><nr>1.</nr><titel>Inleiding</titel></kop>"
        "<al><nadruk type='cur'>Schuin</nadruk></al>"
        "<divisie><kop><titel>Aanleiding</titel></kop><al>Tekst.</al></divisie></divisie>",
        [
            (HEADING, 1, "1. Inleiding"),
            (P, 0, "Schuin"),
            (HEADING, 2, "Aanleiding"),
            (P, 0, "Tekst."),
        ],
        id="cover-divisie-by-depth",
    ),
    pytest.param(
        SIGNATURE_BODY,
        [(SIGNATURE, 0, "De Minister,")],
        id="signature-nested",
    ),
]


@pytest.mark.parametrize(("body", "expected"), MARKUP_CASES)
def test_markup_cases(body: str, expected: list[tuple[str, int, str]]) -> None:
    extracted = extract_official_xml(letter(body), "case.xml")
    got = [(b.role, b.level, marked(b.text)) for b in extracted.blocks[1:]]
    assert got == expected


def test_signature_name_is_read_from_nested_markup() -> None:
    extracted = extract_official_xml(letter(SIGNATURE_BODY), "case.xml")
    assert extracted.blocks[-1].name == "A. Jansen"


def test_note_text_is_recorded_whole() -> None:
    assert extract_official_xml(letter(NOTE_BODY), "case.xml").notes == (("1", "Zie dit."),)


# -- hostile and broken files ---------------------------------------------------

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"""
LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<lolz>&lol4;</lolz>"""
WIN1252 = (KST_XML / "metadata_owms-kst_PLOOI-unit-test.xml").read_bytes()

REFUSED = [
    pytest.param(XXE, DOCTYPE_REFUSED, id="xxe-file-passwd"),
    pytest.param(LAUGHS, DOCTYPE_REFUSED, id="billion-laughs"),
    pytest.param(
        b"<!DOCTYPE officiele-publicatie><officiele-publicatie/>", DOCTYPE_REFUSED, id="doctype"
    ),
    pytest.param(
        b'<!DOCTYPE r SYSTEM "http://example.invalid/r.dtd"><r/>',
        DOCTYPE_REFUSED,
        id="external-dtd",
    ),
    pytest.param(XXE.decode().encode("utf-16"), DOCTYPE_REFUSED, id="xxe-in-utf-16"),
    pytest.param(
        b"<r>&x;</r>", "not well-formed XML: Entity 'x' not defined", id="undeclared-entity"
    ),
    pytest.param(
        b"<a><b></a>", "not well-formed XML: Opening and ending tag mismatch", id="malformed"
    ),
    pytest.param(b"", "not well-formed XML: the file is empty", id="empty"),
    pytest.param(b"  \n", "not well-formed XML: the file is empty", id="blank"),
    pytest.param(b"<html><p>x</p></html>", "not official publication XML", id="not-official"),
    pytest.param(WIN1252, "metadata only", id="windows-1252-metadata"),
    pytest.param(
        (KST_XML / "kst-32545-143" / "kst-32545-143.metadata.xml").read_bytes(),
        "metadata only",
        id="metadata-gegevens",
    ),
    pytest.param(
        b"<officiele-publicatie><metadata><meta name='a' content='b'/></metadata>"
        b"</officiele-publicatie>",
        "metadata only",
        id="publication-without-stuk",
    ),
]


@pytest.mark.parametrize(("data", "problem"), REFUSED)
def test_refused_files(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        extract_official_xml(data, "hostile.xml")
    assert caught.value.source == "hostile.xml"
    assert caught.value.problem.startswith(problem) or problem in caught.value.problem


def test_malformed_message_names_the_line() -> None:
    with pytest.raises(InputError, match=r"line 3"):
        parse_xml(b"<a>\n<b>\n</a>", "bad.xml")


def test_windows_1252_declaration_is_honoured() -> None:
    data = '<?xml version="1.0" encoding="windows-1252"?><r>Café “quote” – €</r>'.encode("cp1252")
    assert parse_xml(data, "w.xml").text == "Café “quote” – €"
    assert parse_xml(WIN1252, "w.xml").tag == "owms-metadata"


def test_hardened_parser_never_resolves_entities_even_when_asked_to_parse_a_dtd() -> None:
    from lxml import etree

    root = etree.fromstring(XXE, parser=_xml_parser())
    assert "root:" not in "".join(root.itertext())
