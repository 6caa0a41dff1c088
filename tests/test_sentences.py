"""Tests for tracker.sentences: the seed letter's gold sentences and a table of rules."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from outline import outline_nodes, outline_paragraphs

from tracker.sentences import split_sentences

OUTLINE = Path(__file__).parent / "data" / "seed" / "jbz-2025-10-13.outline.json"


def _containers() -> list[dict[str, Any]]:
    """The intro, every section and every agenda item of the seed outline."""
    outline = json.loads(OUTLINE.read_text(encoding="utf-8"))
    cover = outline["cover"]
    containers = [{"uid": "intro", "blocks": cover["intro"], "positions": []}]
    containers += outline_nodes(cover["sections"], "sections")
    for part in outline["agenda"]["parts"]:
        containers += outline_nodes(part["items"], "items")
    return containers


CONTAINERS = _containers()
PARAGRAPHS = [text for c in CONTAINERS for text in outline_paragraphs(c["blocks"])]


def _assert_lossless(text: str, sentences: list[str]) -> None:
    """The sentences, in order and separated only by white space, make up ``text``."""
    assert " ".join(sentences).split() == text.split()
    gaps = re.split("|".join(re.escape(s) for s in sentences), text) if sentences else [text]
    assert all(not gap.strip() for gap in gaps)
    assert all(sentence == sentence.strip() for sentence in sentences)


@pytest.mark.parametrize(
    "container",
    [c for c in CONTAINERS if c["positions"]],
    ids=lambda c: c["uid"].rsplit("/", 1)[-1],
)
def test_gold_sentences_come_out_whole(container: dict[str, Any]) -> None:
    sentences = [
        s for text in outline_paragraphs(container["blocks"]) for s in split_sentences(text)
    ]
    gold = [position["sentence"] for position in container["positions"]]
    assert [sentence for sentence in gold if sentence not in sentences] == []


def test_seed_has_gold_sentences() -> None:
    assert sum(len(c["positions"]) for c in CONTAINERS) == 87
    assert len(PARAGRAPHS) == 72


@pytest.mark.parametrize("text", PARAGRAPHS, ids=lambda t: t[:30])
def test_seed_paragraphs_lose_nothing(text: str) -> None:
    _assert_lossless(text, split_sentences(text))


# Each row: an id and the text with " | " where a sentence ends.
RULES = [
    # abbreviations inside a sentence
    ("jl", "Op 23 juli jl. presenteerde de Commissie een mandaat."),
    ("a.s", "De Raad van 13-14 oktober a.s. in Luxemburg. | De ministers nemen deel."),
    ("o.a", "Dit betreft o.a. Nederland en België. | Het kabinet steunt dit."),
    ("nr", "Zie Kamerstuk 32317, nr. 96 voor de motie. | De Kamer stemde in."),
    ("nrs", "Zie de stukken nrs. 95 en 96. | Beide zijn verstuurd."),
    ("d.d", "Bij brief d.d. 3 juli heeft het kabinet gereageerd."),
    ("t.a.v", "Een standpunt t.a.v. Europese samenwerking volgt."),
    ("i.v.m", "Dit is uitgesteld i.v.m. De Raad van juni."),
    ("e.d", "Wapens, munitie e.d. Zijn verboden."),
    ("m.b.t", "Afspraken m.b.t. Schengen worden herzien."),
    ("z.s.m", "De Commissie komt z.s.m. met een voorstel."),
    ("bijv", "Lidstaten zoals bijv. Duitsland steunen dit."),
    ("art", "Dit volgt uit art. 9, AMMR en uit art. 10."),
    ("resp", "Het aandeel is 10 resp. 12 procent."),
    ("incl", "De kosten zijn 1.000 euro incl. BTW. | Dat is veel."),
    ("ca", "Het gaat om ca. 30 lidstaten."),
    ("mr", "Het advies van mr. Jansen volgt."),
    ("dr-drs", "Het advies van dr. Visser en drs. De Boer volgt."),
    ("prof", "Volgens prof. Bakker is dit juist."),
    ("jr", "Ook J. Smit jr. Was aanwezig."),
    ("blz-p", "Zie blz. 4 en p. 12 van het rapport."),
    ("e.a", "Volgens Jansen e.a. Is dit onjuist."),
    ("c.q", "De minister c.q. De staatssecretaris neemt deel."),
    ("m.n", "Dit geldt m.n. Voor kleine lidstaten."),
    ("n.a.v", "Een brief n.a.v. Het verzoek van de Kamer."),
    ("i.p.v", "Een richtlijn i.p.v. Een verordening."),
    ("o.b.v", "Besluiten o.b.v. Artikel 78 VWEU."),
    ("vs", "De zaak Commissie vs. Polen loopt nog."),
    ("capitalised-abbreviation", "Nr. 4116 is verstuurd. | De Kamer heeft het."),
    ("VS-is-not-vs", "Onderhandelingen met de VS. | Op 23 juli begon het."),
    ("unknown-dotted-abbreviation", "Wapens o.i.d. Worden verboden."),
    # initials
    ("initials", "De minister, D.M. van Weel, neemt deel."),
    ("initial", "Namens F. van Oosten en A. Jansen."),
    # citations
    ("citation-ends-sentence", "Kamerstukken II 2024-2025, 22112, nr. 4116. | De Kamer weet het."),
    ("citation-whole", "Kamerstukken II, 2024–2025, 32 317, nr. 96."),
    ("citation-in-sentence", "Zie Kamerstukken II 2024-2025, 22112, nr. 4116 en verder."),
    # numbers
    ("percent", "Het gaat om 18%. | Dat is meer dan vorig jaar."),
    ("date-jl-lowercase", "Tijdens de Raad van 12-13 juni jl. heeft het kabinet ingestemd."),
    ("thousands", "Het kost 1.000 euro per aanvraag."),
    ("com-number", "Zie COM(2025) 447. | Het voorstel volgt."),
    ("decimal", "De groei is 2.5 procent. | Dat is weinig."),
    # abbreviations that often end a sentence: split only before a typical sentence start
    ("jl-then-Het", "De Raad van 22 en 23 juli jl. | Het kabinet steunt dit."),
    ("a.s-then-Nederland", "De Raad komt bijeen op 13 oktober a.s. | Nederland steunt dit."),
    ("jl-then-Ook", "Zo besloten op 3 juli jl. | Ook de Kamer stemde in."),
    ("jl-then-name", "Tijdens de Raad van juni jl. Commissaris Brunner sprak."),
    ("jl-then-bracket", "De brief van 3 juli jl. (Kamerstuk 32317, nr. 95) volgt."),
    # quotes and brackets
    ("bracket-end", "De lijst staat in de bijlage (BIJLAGE 1). | Het kabinet steunt dit."),
    ("stop-in-bracket", "Dit is zo (zie de bijlage.) | De Kamer weet het."),
    ("quote-then-lowercase", "“Dit is een succes.” zegt de minister. | Hij is blij."),
    ("quote-end", "De minister zei: “Dit is een succes.” | Hij is blij."),
    ("question", "Wat betekent dit? | Het kabinet weet het niet."),
    ("exclamation", "Dit moet anders! | De Kamer is het eens."),
    ("question-in-quote", "“Waarom?” vroeg de minister. | Niemand wist het."),
    # footnote markers belong to the sentence before them
    ("footnote-marker", "De motie is aangenomen.\ue0003\ue001 | De aangenomen motie vraagt meer."),
    ("footnote-before-stop", "Dit is gemeld\ue00012\ue001. | Het volgt."),
    # structure
    ("semicolons", "Het kabinet wil: meer controle; minder kosten; snellere procedures."),
    ("lowercase-after-stop", "Dit is art. 5 van de wet. en verder niets."),
    ("no-stop", "Een kop zonder punt"),
    ("empty", ""),
]


@pytest.mark.parametrize("marked", [row[1] for row in RULES], ids=[row[0] for row in RULES])
def test_rules(marked: str) -> None:
    text = marked.replace(" | ", " ")
    expected = marked.split(" | ") if marked else []
    assert split_sentences(text) == expected
    _assert_lossless(text, expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("  \n ", []),
        ("  Dit  is\tzo.\n\nHet  blijft\nzo.  ", ["Dit  is\tzo.", "Het  blijft\nzo."]),
        ("Dit is zo.\u00a0Het blijft zo.", ["Dit is zo.", "Het blijft zo."]),
    ],
    ids=["only-space", "inner-space-kept", "no-break-space-separates"],
)
def test_white_space(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
    _assert_lossless(text, expected)
