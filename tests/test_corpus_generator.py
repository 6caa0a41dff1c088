"""The synthetic benchmark corpus (benchmarks/corpus.py): letters normalise as planned."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest
from conftest import load_corpus_generator

from tracker.snapshots import normalise_file

GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "corpus.py"
LETTERS = 12


@pytest.fixture(scope="module")
def corpus() -> ModuleType:
    return load_corpus_generator()


@pytest.fixture(scope="module")
def written(corpus: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> list:
    """The first letters of the default corpus: (planned document, path, letter, xml)."""
    folder = tmp_path_factory.mktemp("corpus")
    docs = list(corpus.documents(LETTERS))
    paths = corpus.generate(folder, LETTERS)
    assert [p.name for p in paths] == [d.name for d in docs]
    return [(d, p, *normalise_file(p, 50_000_000)) for d, p in zip(docs, paths, strict=True)]


def test_letters_normalise_to_what_was_planned(written: list) -> None:
    planned = [
        (d.name, d.formation, d.start, d.date, d.official_id or "sha256", d.titles, ())
        for d, *_ in written
    ]
    read = [
        (
            p.name,
            letter.meta.council.formation,
            letter.meta.council.start,
            letter.meta.date,
            letter.id if letter.id.startswith("kst-") else "sha256",
            tuple(i.title for i in letter.items()),
            letter.warnings,
        )
        for _, p, letter, _ in written
    ]
    assert read == planned


def test_consecutive_letters_of_a_formation_differ_but_share_most_items(written: list) -> None:
    chains = defaultdict(list)
    for doc, _, letter, xml in written:
        if doc.origin in ("letter", "senate"):
            chains[doc.formation].append((doc, letter, xml))
    pairs = [pair for chain in chains.values() for pair in zip(chain, chain[1:], strict=False)]
    assert len(pairs) >= 3
    for (old, old_letter, old_xml), (new, new_letter, new_xml) in pairs:
        assert old_xml != new_xml, (old.name, new.name)
        assert old.start <= new.start and old.date <= new.date
        before = {i.title for i in old_letter.items()}
        after = {i.title for i in new_letter.items()}
        assert len(before & after) >= 0.5 * len(before), (old.name, new.name)


def test_republications_and_renditions_restate_an_earlier_letter(written: list) -> None:
    found = set()
    for n, (doc, _, _, xml) in enumerate(written):
        before = [(d, x) for d, _, _, x in written[:n] if d.origin in ("letter", "senate")]
        if doc.origin == "republication":  # same official id, corrected text
            same_id = [x for d, x in before if d.official_id == doc.official_id]
            assert doc.official_id and same_id and xml not in same_id, doc.name
        elif doc.origin == "rendition":  # the same letter in another format
            assert any(
                (d.formation, d.start, d.titles) == (doc.formation, doc.start, doc.titles)
                and d.fmt != doc.fmt
                for d, _ in before
            ), doc.name
        found.add(doc.origin)
    assert {"letter", "senate", "republication", "rendition"} <= found


def test_copies_are_byte_copies_and_archive_pdfs_unchanged(corpus: ModuleType) -> None:
    docs = list(corpus.documents(200))
    copies = [d for d in docs if d.origin == "copy"]
    assert copies
    for copy in copies:
        assert any(
            d.data == copy.data and d.name[6:] == copy.name[6:] for d in docs[: docs.index(copy)]
        )
    archived = [d for d in docs if d.origin == "archive"]
    assert archived and all(d.data[:5] == b"%PDF-" for d in archived)
    assert {d.data for d in archived} <= {p.read_bytes() for p, *_ in corpus.ARCHIVE_PDFS}


def test_same_seed_same_files_and_a_shorter_run_is_a_prefix(corpus: ModuleType) -> None:
    first = [(d.name, d.data) for d in corpus.documents(LETTERS)]
    assert [(d.name, d.data) for d in corpus.documents(LETTERS)] == first
    assert [(d.name, d.data) for d in corpus.documents(5)] == first[:5]
    assert [(d.name, d.data) for d in corpus.documents(LETTERS, seed=2)] != first
