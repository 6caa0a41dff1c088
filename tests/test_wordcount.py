"""No silent text loss: the words of every seed rendition land in its canonical XML or its chrome."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from wordcount import chrome_words, lost_words, source_words, text_words, xml_words

from tracker import extract
from tracker.snapshots import normalise_bytes

SEED = Path(__file__).parent / "data" / "seed"

WORD_CASES = [
    pytest.param("De Raad, de RAAD.", {"de": 2, "raad": 2}, id="casefold-punctuation"),
    pytest.param("onderhandelings-\nmandaat", {"onderhandelingsmandaat": 1}, id="line-end-break"),
    pytest.param("wet-\nen regelgeving", {"wet": 1, "en": 1, "regelgeving": 1}, id="wet-en"),
    pytest.param("informatie-uitwisseling", {"informatieuitwisseling": 1}, id="compound"),
    pytest.param("gemaakt12 en Plas6.", {"gemaakt": 1, "en": 1, "plas": 1}, id="glued-notes"),
    pytest.param("o punt\n• punt", {"punt": 2}, id="list-markers"),
    pytest.param("“versterkt” – ‘thema’s’", {"versterkt": 1, "thema's": 1}, id="quotes"),
    pytest.param("13 oktober 2025, 1. a.", {"oktober": 1, "2025": 1, "a": 1}, id="small-numbers"),
    pytest.param("Cafe\u0301", {"café": 1}, id="nfc"),
]


@pytest.mark.parametrize(("text", "expected"), WORD_CASES)
def test_text_words(text: str, expected: dict[str, int]) -> None:
    assert text_words(text) == Counter(expected)


def test_lost_words_are_neither_in_the_xml_nor_in_the_chrome() -> None:
    source = text_words("Nummer 2024D44000 De Raad spreekt over Mali.")
    xml = xml_words(b"<letter><p>De Raad spreekt over <b>Mali</b>.</p></letter>")
    assert lost_words(source, xml, chrome_words(["Nummer 2024D44000"])) == Counter()
    assert lost_words(source, xml, Counter()) == Counter({"nummer": 1, "2024d44000": 1})


# Words of each seed rendition that its canonical XML and chrome do not hold, at most.
# Every rendition loses the salutation and the dateline ("Aan de Voorzitter van de Eerste
# Kamer der Staten-Generaal", "Den Haag, 29 september 2025": 11 words), which the
# normaliser reads into <meta> (addressee, date) without keeping their text; the pdf.txt
# also loses the stray "PR" before its letter title.
SEED_LOSS = {
    "jbz-2025-10-13.pdf": 11,
    "jbz-2025-10-13.pdf.txt": 12,
    "jbz-2025-10-13.rendered.pdf.txt": 11,
    "jbz-2025-10-13.html": 11,
    "jbz-2025-10-13.xml": 11,
    "jbz-2025-10-13.docx": 11,
    "jbz-2025-10-13.agenda.docx": 0,
}


@pytest.mark.parametrize(("name", "most"), sorted(SEED_LOSS.items()))
def test_seed_rendition_loses_no_text(name: str, most: int) -> None:
    path = SEED / name
    data = path.read_bytes()
    extracted = extract.extract(data, str(path), extract.detect_format(data, str(path)))
    _, xml = normalise_bytes(data, str(path))
    source = source_words(path)
    lost = lost_words(source, xml_words(xml), chrome_words(extracted.chrome))
    assert sum(source.values()) > 3000
    assert sum(lost.values()) <= most, lost.most_common(20)


def test_every_seed_rendition_is_measured() -> None:
    letters = {p.name for p in SEED.iterdir() if not p.name.endswith(".json")}
    assert letters == set(SEED_LOSS)
