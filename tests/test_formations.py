"""Tests for tracker.formations: every row's examples, every spelling to one key, dossiers."""

from __future__ import annotations

import re

import pytest
from conftest import DATA, load_json

from tracker import formations
from tracker.formations import (
    DOSSIERS,
    FORMATIONS,
    Formation,
    dossier_formation,
    dossier_number,
    find_formation,
    find_mentions,
    formation_by_key,
    formations_for_dossier,
)

ROWS = {f.key: f for f in FORMATIONS}
RECORDS = DATA / "research" / "tk-odata" / "Document-records_geannoteerde-agenda_and_JBZ-Raad.json"


def _key(text: str) -> str | None:
    found = find_formation(text)
    return found.key if found else None


@pytest.mark.parametrize("row", FORMATIONS, ids=lambda f: f.key)
def test_every_row_reads_its_examples_and_not_its_counter_examples(row: Formation) -> None:
    assert row.examples, "every row carries examples"
    assert {e: _key(e) for e in row.examples} == dict.fromkeys(row.examples, row.key)
    assert [c for c in row.counter_examples if _key(c) == row.key] == []


def _variants(row: Formation) -> list[str]:
    """Every spelling of a row as letters vary it: capitals, informal, acronym in brackets."""
    spellings = list(row.spellings())
    if row.parent:
        parent = ROWS[row.parent]
        spellings += [f"{s} {q}" for s in parent.spellings() for q in row.qualifiers]
        spellings += [f"{s} ({q})" for s in parent.spellings()[:1] for q in row.qualifiers]
    spellings += [s.upper() for s in spellings] + [f"informele {s}" for s in spellings]
    spellings += [f"Formele {s}" for s in row.spellings()]
    spellings += [f"{s} ({a})" for s in row.spellings()[:1] for a in row.acronyms]
    return spellings


@pytest.mark.parametrize("row", FORMATIONS, ids=lambda f: f.key)
def test_every_spelling_maps_to_its_own_key(row: Formation) -> None:
    found = {s: _key(f"Geannoteerde agenda {s} van 3 maart 2026") for s in _variants(row)}
    assert found == dict.fromkeys(found, row.key)


def _folded(spelling: str) -> str:
    return re.sub(r"[\s\-,]+", " ", spelling.casefold()).strip()


def test_no_spelling_belongs_to_two_rows() -> None:
    owners: dict[str, list[str]] = {}
    for row in FORMATIONS:
        for spelling in row.spellings():
            owners.setdefault(_folded(spelling), []).append(row.key)
    assert {s: keys for s, keys in owners.items() if len(keys) > 1} == {}


def test_keys_labels_and_parents_make_one_thread_per_formation() -> None:
    keys = [f.key for f in FORMATIONS]
    assert len(keys) == len(set(keys))
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", k) for k in keys)
    labels = [f.label for f in FORMATIONS]
    assert len(labels) == len(set(labels)), "one display name per key"
    for row in FORMATIONS:
        assert row.name and row.label and row.dossiers and row.evidence
        if row.parent:
            assert ROWS[row.parent].parent is None, "sub-configurations hang off a formation"
            assert row.root == row.parent
        else:
            assert row.label == row.name


def test_the_names_the_gold_files_use() -> None:
    names = {
        "rbz": "Buitenlandse Zaken",
        "raz": "Algemene Zaken",
        "razeb": "Algemene Zaken en Externe Betrekkingen",
        "jbz": "Justitie en Binnenlandse Zaken",
        "epsco-wsb": "Werkgelegenheid, Sociaal Beleid, Volksgezondheid en Consumentenzaken",
        "epsco-gezondheid": "Werkgelegenheid, Sociaal Beleid, Volksgezondheid en Consumentenzaken",
        "milieu": "Milieu",
        "tte-energie": "Vervoer, Telecommunicatie en Energie",
        "concurrentievermogen": "Concurrentievermogen",
        "rbz-handel": "Buitenlandse Zaken (Handel)",
        "lvr": "Landbouw en Visserij",
        "ecofin": "Economische en Financiële Zaken",
        "ojcs": "Onderwijs, Jeugd, Cultuur en Sport",
    }
    assert {k: formation_by_key(k).name for k in names} == names
    assert formation_by_key("epsco-wsb").label == "Werkgelegenheid en Sociaal Beleid"


def test_an_unknown_key_says_which() -> None:
    with pytest.raises(KeyError, match="'coreper'"):
        formation_by_key("coreper")


# text | formation keys named, in order | informal flags
MENTIONS = [
    ("21 501-02 Raad Algemene Zaken en Raad Buitenlandse Zaken", ["raz", "rbz"], [False, False]),
    ("de Raad Buitenlandse Zaken (RBZ) van 15 november", ["rbz"], [False]),
    ("geannoteerde agenda RBZ Gymnich van 29 en 30 augustus", ["rbz"], [True]),
    ("FORMELE RAAD WERKGELEGENHEID EN SOCIAAL BELEID (WSBVC)", ["epsco-wsb"], [False]),
    ("de informele Raad Justitie en Binnenlandse Zaken (iJBZ-Raad)", ["jbz"], [True]),
    ("Energieraad (informeel) 4-5 september 2025", ["tte-energie"], [True]),
    (
        "de gecombineerde informele Raad Buitenlandse Zaken Handel en informele Raad "
        "Concurrentievermogen",
        ["rbz-handel", "concurrentievermogen"],
        [True, True],
    ),
    (
        "Ecofin op 20 oktober, Milieuraad op 21 oktober en Europese Raad op 29 oktober",
        ["ecofin", "milieu"],
        [False, False],
    ),
    ("De Raad zal spreken over de situatie in Mali.", [], []),
    ("de Europese Raad van december 2025 heeft besloten", [], []),
    ("deze Raad", [], []),
    ("de Raad van State", [], []),
]


@pytest.mark.parametrize(("text", "keys", "informal"), MENTIONS, ids=[m[0][:40] for m in MENTIONS])
def test_mentions(text: str, keys: list[str], informal: list[bool]) -> None:
    mentions = find_mentions(text)
    assert [m.formation.key for m in mentions] == keys
    assert [m.informal for m in mentions] == informal


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("21501-02", "21501-02"),
        ("21 501-31", "21501-31"),
        ("21501 02-2790", "21501-02"),
        ("kst-21501-31-681", "21501-31"),
        ("32 317", "32317"),
        ("kst-32317-760", "32317"),
        ("geen dossier", None),
    ],
)
def test_dossier_numbers(text: str, number: str | None) -> None:
    assert dossier_number(text) == number


def test_formations_for_a_dossier() -> None:
    def keys(dossier: str) -> set[str]:
        return {f.key for f in formations_for_dossier(dossier)}

    assert {"raz", "rbz"} <= keys("21501-02")
    assert keys("32 317") == {"jbz"}
    assert keys("kst-21501-31-681") == {"epsco", "epsco-wsb", "epsco-gezondheid"}
    assert keys("21501-08") == {"milieu", "raz-cohesie"}
    assert keys("99999") == set()


def test_the_one_formation_a_dossier_title_names() -> None:
    found = {d.number: dossier_formation(d.number) for d in DOSSIERS}
    assert {n: f.key if f else None for n, f in found.items()} == {
        "21501-02": None,  # Raad Algemene Zaken en Raad Buitenlandse Zaken: two
        "21501-04": "rbz-ontwikkeling",
        "21501-07": "ecofin",
        "21501-08": "milieu",
        "21501-28": "rbz-defensie",
        "21501-30": "concurrentievermogen",
        "21501-31": "epsco",
        "21501-32": "lvr",
        "21501-33": "tte",
        "21501-34": "ojcs",
        "32317": "jbz",
    }


def test_every_dossier_title_names_formations_that_go_there() -> None:
    for dossier in DOSSIERS:
        named = find_mentions(dossier.title)
        assert named, dossier.title
        assert all(dossier.number in m.formation.dossiers for m in named), dossier.title


# The data files this letter under another formation's dossier (research/sources.md §0).
MISFILED = {"2025D01574"}


def test_the_research_records_name_a_formation_of_their_dossier() -> None:
    """Every real agenda letter's subject names a formation whose dossiers hold it."""
    titles = {d.title: d.number for d in DOSSIERS}
    checked, wrong = 0, []
    for record in load_json(RECORDS):
        subject, dossier = record["Onderwerp"] or "", titles.get((record["Titel"] or "").strip())
        if not dossier or not subject.lower().startswith("geannoteerde agenda"):
            continue
        checked += 1
        named = [m.formation for m in find_mentions(subject)]
        if record["DocumentNummer"] not in MISFILED and not any(
            dossier in f.dossiers for f in named
        ):
            wrong.append((record["DocumentNummer"], dossier, subject))
    assert checked >= 100
    assert wrong == []


def test_a_mention_is_matched_as_the_whole_alternation_would() -> None:
    """Only the spellings whose core can start at a word are tried there (compiling all
    110 at once cost 45 ms of every `tracker diff`); at every word of every example, in
    every case and after every prefix, they find what the whole alternation finds."""
    whole = formations._subpattern(tuple(range(len(formations._spellings().groups))))
    texts = [t for f in FORMATIONS for t in (*f.examples, *f.counter_examples, *f.spellings())]
    texts += [d.title for d in DOSSIERS]
    prefixes = ("", "formele ", "Informele  ", "Raad ", "raad voor ", "Raad van de ", "de ")
    folds = (str, str.upper, str.lower, lambda t: t.replace("s", "\u017f").replace("i", "\u0131"))
    tried = 0
    for text in {f"{p}{fold(t)}" for t in texts for p in prefixes for fold in folds}:
        for start in formations._word_starts(text):
            expected = whole.match(text, start)
            found = formations._pattern_at(text, start).match(text, start)
            assert (found and (found.span(), found.lastgroup)) == (
                expected and (expected.span(), expected.lastgroup)
            ), (text, start)
            tried += bool(expected)
    assert tried > 1000
