"""The DOCX extractor against the Word renditions of the seed and the dev cases."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from tracker.errors import InputError
from tracker.extract import bounds
from tracker.extract.base import HEADING, KIND, LI, NOTE_RE, TITLE, Block, Extracted, P
from tracker.extract.docx import extract_docx

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed"
LETTER = SEED / "jbz-2025-10-13.docx"
AGENDA = SEED / "jbz-2025-10-13.agenda.docx"
# The lines of the covering letter the outline keeps as metadata, not as paragraphs.
LETTER_HEAD = (
    "Aan de Voorzitter van de Eerste Kamer der Staten-Generaal",
    "Den Haag, 29 september 2025",
)

Row = tuple[str, int, str, bool, str]


def extract(path: Path) -> Extracted:
    """The extractor's result for a corpus file."""
    return extract_docx(path.read_bytes(), str(path))


def marked(text: str) -> str:
    """Block text with each note marker written `[^n]`, as the outline writes it."""
    return NOTE_RE.sub(lambda m: f"[^{m.group(1)}]", text)


def rows(blocks: tuple[Block, ...]) -> list[Row]:
    """Blocks as comparable rows: role, level, style, cont, marked text."""
    return [(b.role, b.level, b.style, b.cont, marked(b.text)) for b in blocks]


# --- what the outline implies --------------------------------------------------------


def heading(role: str, level: int, text: str, notes: list[int]) -> Row:
    """A heading row; Word puts a heading's note reference at its end."""
    return (role, level, "", False, text + "".join(f"[^{n}]" for n in notes))


def outline_blocks(blocks: list[dict], depth: int = 0, style: str = "") -> list[Row]:
    """Rows of outline blocks; inside a list item the first paragraph is the item."""
    out: list[Row] = []
    for block in blocks:
        if block["type"] == "list":
            for item in block["items"]:
                out += outline_blocks(item["blocks"], depth + 1, block["style"])
        elif depth:
            out.append((LI, depth, style, bool(out), block["marked"]))
        else:
            out.append((P, 0, "", False, block["marked"]))
    return out


def outline_item(item: dict, level: int) -> list[Row]:
    """Rows of an agenda item: heading, procedure line, body, sub-items."""
    title = f"{item['number']}. {item['title']}"
    out = [heading(HEADING, level, title, item["title_notes"])]
    if item["kind"]:
        out.append((KIND, 0, "", False, item["kind"]))
    out += outline_blocks(item["blocks"])
    for sub in item["items"]:
        out += outline_item(sub, level + 1)
    return out


def outline_section(section: dict, level: int) -> list[Row]:
    """Rows of a covering-letter section and its sub-sections."""
    out = [heading(HEADING, level, section["title"], section["title_notes"])]
    out += outline_blocks(section["blocks"])
    for sub in section["sections"]:
        out += outline_section(sub, level + 1)
    return out


def outline_rows(outline: dict, head: tuple[str, ...]) -> list[Row]:
    """Every block the Word rendition of an outline must yield, in order."""
    out: list[Row] = []
    if outline["meta"]["title"]:
        out.append(heading(TITLE, 0, outline["meta"]["title"], []))
    out += [(P, 0, "", False, line) for line in head]
    cover = outline["cover"]
    out += outline_blocks(cover["intro"])
    for section in cover["sections"]:
        out += outline_section(section, 1)
    for signer in cover["signature"]:
        out += [(P, 0, "", False, signer["role"]), (P, 0, "", False, signer["name"])]
    out.append(heading(TITLE, 0, outline["agenda"]["title"], []))
    for part in outline["agenda"]["parts"]:
        out.append(heading(HEADING, 1, f"{part['ref']}. {part['title']}", []))
        for item in part["items"]:
            out += outline_item(item, 2)
    return out


def outline_notes(outline: dict) -> tuple[tuple[str, str], ...]:
    """The outline's notes as the extractor reports them."""
    return tuple((str(note["n"]), note["text"]) for note in outline["notes"])


@pytest.mark.parametrize(
    ("docx_path", "outline_name", "head"),
    [
        (LETTER, "jbz-2025-10-13.outline.json", LETTER_HEAD),
        (AGENDA, "jbz-2025-10-13.agenda.outline.json", ()),
    ],
    ids=["letter", "agenda"],
)
def test_seed_blocks_and_notes_match_outline(docx_path: Path, outline_name: str, head):
    outline = json.loads((SEED / outline_name).read_text(encoding="utf-8"))
    result = extract(docx_path)
    assert result.format == "docx"
    assert rows(result.blocks) == outline_rows(outline, head)
    assert result.notes == outline_notes(outline)
    assert result.hints == {}
    assert all(b.gap for b in result.blocks)


def test_schengen_heading_keeps_its_sub_titles_on_one_line():
    texts = [b.text for b in extract(LETTER).blocks if b.role == HEADING]
    assert "2. Algemene toestand van het Schengengebied a. Schengen barometer " in " ".join(texts)
    assert (
        "2. Algemene toestand van het Schengengebied a. Schengen barometer b. Toekomst van Frontex"
    ) in texts


def test_dev_13_old_is_the_seed_letter():
    assert extract(DATA / "dev/13-docx-noise/old.docx") == extract(LETTER)


def test_dev_14_old_is_the_seed_agenda():
    assert extract(DATA / "dev/14-docx-agenda-next-meeting/old.docx") == extract(AGENDA)


def leaf_refs(blocks: tuple[Block, ...]) -> list[str]:
    """Refs of the agenda items that hold no sub-items, read off the heading levels."""
    refs: list[str] = []
    path: list[str] = []
    for block in blocks:
        if block.role == HEADING and block.level in (1, 2, 3):
            path = path[: block.level - 1] + [block.text.split(".", 1)[0]]
            if refs and path[:-1] == refs[-1].split("."):
                refs.pop()  # a container: its sub-items are the items
            refs.append(".".join(path))
    return refs


def test_dev_14_new_has_the_items_truth_names():
    case = DATA / "dev/14-docx-agenda-next-meeting"
    truth = json.loads((case / "truth.json").read_text(encoding="utf-8"))
    result = extract(case / "new.docx")
    expected = sorted([new for _, new in truth["pairs"]] + truth["added"])
    assert sorted(leaf_refs(result.blocks)) == expected
    cited = [int(n) for b in result.blocks for n in NOTE_RE.findall(b.text)]
    assert sorted(set(cited)) == list(range(1, 10))
    assert [n for n, _ in result.notes] == [str(n) for n in range(1, 10)]
    # Every item heading but the container "8. Overige onderwerpen" has its procedure line.
    after = [
        (b.text, result.blocks[i + 1].role)
        for i, b in enumerate(result.blocks)
        if b.role == HEADING and b.level >= 2
    ]
    assert [text for text, role in after if role != KIND] == ["8. Overige onderwerpen"]


# --- footnote numbering ------------------------------------------------------------


def rewrite(data: bytes, edits: dict[str, Callable[[str], str]]) -> bytes:
    """A copy of a DOCX package with some parts' text changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name in edits:
                content = edits[name](content.decode("utf-8")).encode("utf-8")
            target.writestr(name, content)
    return out.getvalue()


def test_notes_are_numbered_by_first_reference_not_by_word_id():
    # Give the notes ids in reverse order and list them backwards in footnotes.xml:
    # what Word shows, and so the result, must not change.
    def reverse_ids(xml: str) -> str:
        return re.sub(
            r'(<w:footnote(?:Reference)? w:id=")(\d+)"', lambda m: f'{m[1]}{100 - int(m[2])}"', xml
        )

    def reverse_notes(xml: str) -> str:
        notes = re.findall(r'<w:footnote w:id=".*?</w:footnote>', xml, flags=re.S)
        head = xml[: xml.index(notes[0])]
        return head + "".join(reversed(notes)) + "</w:footnotes>"

    data = rewrite(
        AGENDA.read_bytes(),
        {
            "word/document.xml": reverse_ids,
            "word/footnotes.xml": lambda xml: reverse_notes(reverse_ids(xml)),
        },
    )
    assert extract_docx(data, "reversed.docx") == extract(AGENDA)


# --- the other convention: bold and italic Normal paragraphs --------------------------


def styled(document, text: str, *, bold: bool = False, italic: bool = False) -> None:
    """A Normal paragraph of one run, bold and/or italic."""
    run = document.add_paragraph().add_run(text)
    run.bold, run.italic = bold or None, italic or None


def build_bold_convention() -> bytes:
    """A small letter whose headings are bold Normal paragraphs, blocks separated by blanks."""
    document = docx.Document()
    styled(document, "Kabinetsappreciatie van een voorstel", bold=True)
    document.add_paragraph()
    styled(document, "Aanleiding", italic=True)
    document.add_paragraph(
        "De Commissie heeft een\u00a0voorstel gedaan voor wet\u00ad en regel\u200bgeving."
    )
    document.add_paragraph()
    mixed = document.add_paragraph("Het kabinet ")
    mixed.add_run("steunt").bold = True
    mixed.add_run(" dit voorstel.")
    styled(document, "Het kabinet steunt dit voorstel. " * 12, bold=True)
    document.add_paragraph("")
    styled(document, "I. Justitie", bold=True)
    document.add_paragraph("   ")
    styled(document, "1. Ontwikkelingen   op het gebied van de rechtsstaat", bold=True)
    document.add_paragraph()
    styled(document, "Gedachtewisseling", italic=True)
    document.add_paragraph("Nederland zal de informatie aanhoren.")
    document.add_paragraph("Eerste punt;", style="List Bullet")
    document.add_paragraph("Tweede punt.", style="List Number")
    strong = document.add_paragraph().add_run("2. Sterk gezet")
    strong.style = "Strong"
    document.add_heading("3. Met een kopstijl", level=2)
    styled(document, "Stand van zaken", italic=True)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "links", "rechts"
    document.add_paragraph("Na de tabel.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_bold_normal_paragraphs_are_headings():
    result = extract_docx(build_bold_convention(), "bold.docx")
    assert rows(result.blocks) == [
        (HEADING, 1, "bold", False, "Kabinetsappreciatie van een voorstel"),
        (HEADING, 0, "italic", False, "Aanleiding"),
        (P, 0, "", False, "De Commissie heeft een voorstel gedaan voor wet en regelgeving."),
        (P, 0, "", False, "Het kabinet steunt dit voorstel."),
        (P, 0, "", False, ("Het kabinet steunt dit voorstel. " * 12).strip()),
        (HEADING, 1, "bold", False, "I. Justitie"),
        (HEADING, 1, "bold", False, "1. Ontwikkelingen op het gebied van de rechtsstaat"),
        (KIND, 0, "", False, "Gedachtewisseling"),
        (P, 0, "", False, "Nederland zal de informatie aanhoren."),
        (LI, 1, "bullet", False, "Eerste punt;"),
        (LI, 1, "number", False, "Tweede punt."),
        (HEADING, 1, "bold", False, "2. Sterk gezet"),
        (HEADING, 2, "", False, "3. Met een kopstijl"),
        (KIND, 0, "", False, "Stand van zaken"),
        (P, 0, "", False, "links"),
        (P, 0, "", False, "rechts"),
        (P, 0, "", False, "Na de tabel."),
    ]
    assert result.notes == ()


def test_an_underlined_normal_paragraph_is_a_heading():
    document = docx.Document()
    document.add_paragraph().add_run("Achtergrond").underline = True
    document.add_paragraph("Sinds 2016 wordt onderhandeld.")
    mixed = document.add_paragraph("Een ")
    mixed.add_run("onderstreept").underline = True
    mixed.add_run(" woord.")
    out = io.BytesIO()
    document.save(out)
    assert rows(extract_docx(out.getvalue(), "underline.docx").blocks) == [
        (HEADING, 0, "", False, "Achtergrond"),
        (P, 0, "", False, "Sinds 2016 wordt onderhandeld."),
        (P, 0, "", False, "Een onderstreept woord."),
    ]


def test_a_number_word_generates_for_a_heading_is_put_before_its_text():
    document = docx.Document()
    list_number = document.styles["List Number"].element.pPr.numPr.numId.val
    for title in ("Justitie", "Binnenlandse Zaken"):
        numpr = document.add_heading(title, level=1)._p.get_or_add_pPr().get_or_add_numPr()
        numpr.get_or_add_numId().val = list_number
        numpr.get_or_add_ilvl().val = 0
    out = io.BytesIO()
    document.save(out)
    result = extract_docx(out.getvalue(), "numbered.docx")
    assert rows(result.blocks) == [
        (HEADING, 1, "", False, "1. Justitie"),
        (HEADING, 1, "", False, "2. Binnenlandse Zaken"),
    ]


# --- bad input ---------------------------------------------------------------------


def zip_of(files: dict[str, bytes | str]) -> bytes:
    """A ZIP package holding `files`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in files.items():
            target.writestr(name, content)
    return out.getvalue()


def seed_parts() -> dict[str, bytes]:
    """The parts of the seed letter's package."""
    source = zipfile.ZipFile(io.BytesIO(LETTER.read_bytes()))
    return {name: source.read(name) for name in source.namelist()}


def corrupt_member(name: str) -> bytes:
    """The seed letter with the compressed bytes of part `name` overwritten."""
    data = bytearray(zip_of(seed_parts()))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    middle = start + info.compress_size // 2
    data[middle : middle + 64] = b"\x00" * 64
    return bytes(data)


BAD_INPUTS = [
    ("empty", b"", "empty file"),
    ("random-bytes", bytes(range(256)) * 8, "not a ZIP package"),
    ("text", b"Geannoteerde agenda\n", "not a ZIP package"),
    ("ole-encrypted", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00" * 1000, "OLE compound file"),
    ("zip-without-document", zip_of({"hello.txt": "hi"}), "no word/document.xml"),
    ("truncated", LETTER.read_bytes()[:4000], "not a ZIP package"),
    (
        "no-content-types",
        zip_of({k: v for k, v in seed_parts().items() if k != "[Content_Types].xml"}),
        "not a readable DOCX",
    ),
    (
        "malformed-xml",
        zip_of(seed_parts() | {"word/document.xml": b"<w:document><w:body>"}),
        "not a readable DOCX",
    ),
    (
        "malformed-footnotes",
        zip_of(seed_parts() | {"word/footnotes.xml": b"<w:footnotes"}),
        "not a readable DOCX",
    ),
    ("corrupt-deflate", corrupt_member("word/document.xml"), "not a readable DOCX"),
]


@pytest.mark.parametrize(
    ("data", "problem"), [(d, p) for _, d, p in BAD_INPUTS], ids=[i for i, _, _ in BAD_INPUTS]
)
def test_bad_input_is_an_input_error(data: bytes, problem: str):
    with pytest.raises(InputError) as caught:
        extract_docx(data, "bad.docx")
    assert caught.value.source == "bad.docx"
    assert problem in caught.value.problem
    assert str(caught.value).startswith("bad.docx: ")


def test_a_package_that_unpacks_too_large_is_refused(monkeypatch):
    monkeypatch.setattr(bounds, "MAX_ZIP_TOTAL", 10_000)
    with pytest.raises(InputError, match="unpacks to more than"):
        extract(LETTER)


def test_entities_are_not_expanded():
    xml = LETTER_ENTITY_XML.encode("utf-8")
    data = zip_of(seed_parts() | {"word/footnotes.xml": xml})
    try:
        result = extract_docx(data, "entity.docx")
    except InputError:
        return  # refusing the file is as good as not expanding
    assert result.notes[0] == ("1", "")


LETTER_ENTITY_XML = """<?xml version="1.0"?>
<!DOCTYPE w:footnotes [<!ENTITY lol "lollollollollollollollollollol">]>
<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:footnote w:id="1"><w:p><w:r><w:t>&lol;</w:t></w:r></w:p></w:footnote>
</w:footnotes>"""
