"""Normalisation: every seed rendition whole against its gold outline, the dev corpus
refs, renditions agreeing after the fingerprint, and letters the corpus does not have."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import DEV, SEED, load_json
from lxml import etree
from outline import gold_subset, letter_outline

from tracker.canonical import render_letter
from tracker.models import Letter
from tracker.normalise import NOT_AN_AGENDA, read_letter
from tracker.textnorm import fingerprint

LETTER = [
    "jbz-2025-10-13.pdf.txt",
    "jbz-2025-10-13.rendered.pdf.txt",
    "jbz-2025-10-13.html",
    "jbz-2025-10-13.xml",
    "jbz-2025-10-13.pdf",
    "jbz-2025-10-13.docx",
]


def _read(path: Path) -> Letter:
    return read_letter(path.read_bytes(), str(path))


@pytest.mark.parametrize("name", LETTER)
def test_seed_rendition_matches_gold_outline_whole(name: str) -> None:
    gold = gold_subset(load_json(SEED / "jbz-2025-10-13.outline.json"))
    assert letter_outline(_read(SEED / name)) == gold


def test_agenda_docx_matches_its_gold_outline_whole() -> None:
    gold = gold_subset(load_json(SEED / "jbz-2025-10-13.agenda.outline.json"))
    assert letter_outline(_read(SEED / "jbz-2025-10-13.agenda.docx")) == gold


def _texts(xml: bytes, part: str) -> str:
    root = etree.fromstring(xml)
    element = root.find(part)
    assert element is not None
    return fingerprint(" ".join(element.itertext()))


@pytest.mark.parametrize("part", ["cover", "agenda", "notes"])
def test_renditions_agree_after_fingerprint(part: str) -> None:
    texts = {name: _texts(render_letter(_read(SEED / name)), part) for name in LETTER}
    assert len(set(texts.values())) == 1, sorted(texts)


def _leaf_refs(letter: Letter) -> set[str]:
    sections = {s.ref for s in letter.all_sections() if not s.sections}
    return sections | {i.ref for i in letter.items() if not i.items}


@pytest.mark.parametrize("case", sorted(p.name for p in DEV.iterdir() if p.is_dir()))
def test_dev_letters_have_the_refs_and_meta_of_the_truth(case: str) -> None:
    truth = load_json(DEV / case / "truth.json")
    old, new = _read(DEV / case / truth["old"]), _read(DEV / case / truth["new"])
    assert _leaf_refs(old) == {p[0] for p in truth["pairs"]} | set(truth["removed"])
    assert _leaf_refs(new) == {p[1] for p in truth["pairs"]} | set(truth["added"])
    for side, letter in (("old", old), ("new", new)):
        council = letter.meta.council
        ours = {
            "date": letter.meta.date,
            "council": council.label or council.formation,
            "meeting": council.start,
            "place": council.place,
            "addressee": letter.meta.addressee,
        }
        assert {k: ours[k] for k in truth["meta"][side]} == truth["meta"][side]


def test_snapshot_reads_back_as_itself() -> None:
    xml = render_letter(_read(SEED / "jbz-2025-10-13.xml"))
    again = read_letter(xml, "snapshot.xml")
    assert render_letter(again) == xml


def test_every_output_validates_and_holds_sentences() -> None:
    xml = render_letter(_read(SEED / "jbz-2025-10-13.pdf.txt"))
    root = etree.fromstring(xml)
    first = root.find("agenda/part/item/p")
    assert first is not None
    assert [s.text for s in first.findall("s")][:2] == [
        "Op dit moment zijn er nog geen achtergrondstukken beschikbaar.",
        "Het kabinet benadrukt dat respect voor de rechtsstaat en fundamentele waarden door"
        " lidstaten essentieel is voor een goed functionerende Europese Unie en voor het"
        " wederzijdse vertrouwen tussen de lidstaten.",
    ]


def test_a_motie_is_a_letter_with_an_empty_agenda_and_a_warning() -> None:
    letter = _read(Path(__file__).parent / "data" / "research" / "kst-32317-957.xml")
    assert letter.parts == ()
    assert letter.warnings == (NOT_AN_AGENDA,)
    assert b"<agenda/>" in render_letter(letter)


def test_seed_xml_snapshot_golden(update_golden: bool) -> None:
    """The whole canonical XML of the seed, compared in full (--update-golden rewrites it)."""
    golden = Path(__file__).parent / "golden" / "jbz-2025-10-13.xml"
    path = SEED / "jbz-2025-10-13.xml"
    xml = render_letter(read_letter(path.read_bytes(), "tests/data/seed/jbz-2025-10-13.xml"))
    if update_golden:
        golden.write_bytes(xml)
    assert xml == golden.read_bytes()


# --- extracted in one process, normalised in another ---------------------------------


@pytest.mark.parametrize(
    "path",
    [
        SEED / "jbz-2025-10-13.pdf",
        SEED / "jbz-2025-10-13.agenda.docx",
        DEV / "05-position-changes" / "new.html",
        DEV / "05-position-changes" / "old.xml",
        DEV / "01-noise-pdftxt-vs-html" / "old.pdf.txt",
    ],
    ids=lambda p: p.name,
)
def test_a_file_extracted_elsewhere_normalises_as_one_read_here(path: Path) -> None:
    """`tracker diff`'s forked copy only extracts (`extract_file`) and hands over the
    bytes and blocks; normalising them gives the letter and XML of reading the file."""
    import pickle

    from tracker.extract import extract_file
    from tracker.snapshots import normalise_bytes, normalise_file

    handed = pickle.loads(pickle.dumps(extract_file(path, 10**8)))
    assert handed is not None
    data, extracted = handed
    assert data == path.read_bytes()
    assert normalise_bytes(data, str(path), extracted=extracted) == normalise_file(path, 10**8)


def test_extracting_a_file_leaves_snapshots_and_bad_files_to_the_reader(tmp_path: Path) -> None:
    from tracker.errors import InputError
    from tracker.extract import extract_file
    from tracker.snapshots import normalise_file

    letter, xml = normalise_file(DEV / "05-position-changes" / "new.html", 10**8)
    snapshot = tmp_path / "letter.xml"
    snapshot.write_bytes(xml)
    assert extract_file(snapshot, 10**8) is None  # read whole, where it is normalised
    with pytest.raises(InputError, match="no such file"):
        extract_file(tmp_path / "missing.pdf", 10**8)
    big = tmp_path / "big.txt"
    big.write_text("x" * 2000)
    with pytest.raises(InputError, match="over the limit"):
        extract_file(big, 1000)


def test_extracting_a_pdf_needs_none_of_normalisings_modules() -> None:
    """What keeps the forked copy quick to start: reading and extracting a PDF imports
    neither lxml nor the normaliser, the letter model, the diff or pypdfium2's bindings."""
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path; from tracker.extract import extract_file; "
        f"extract_file(Path({str(SEED / 'jbz-2025-10-13.pdf')!r}), 10**8); "
        "print(' '.join(sorted(sys.modules)))"
    )
    loaded = set(
        subprocess.run(
            [sys.executable, "-c", script], capture_output=True, check=True, text=True
        ).stdout.split()
    )
    assert "tracker.extract.pdf" in loaded
    heavy = {
        "lxml.etree",
        "tracker.normalise",
        "tracker.snapshots",
        "tracker.models",
        "tracker.diff",
        "tracker.canonical",
        "sqlalchemy",
        "pypdfium2",  # its ~500 bindings and helpers: the reader binds the few it calls
        "pypdfium2_raw",
    }
    assert loaded & heavy == set()
