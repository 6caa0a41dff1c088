"""Alignment: the global assignment, its score, and alignment of letters never seen."""

from __future__ import annotations

import itertools
import random

import pytest

from tracker.align import (
    THRESHOLD,
    Bodies,
    align_units,
    find_duplicates,
    hungarian_max,
    names_differ,
)
from tracker.units import COVER, Sentence, Unit


def _best_total(matrix: list[list[float]]) -> float:
    rows, cols = len(matrix), len(matrix[0])
    if rows <= cols:
        return max(
            sum(matrix[r][c] for r, c in enumerate(perm))
            for perm in itertools.permutations(range(cols), rows)
        )
    return max(
        sum(matrix[r][c] for c, r in enumerate(perm))
        for perm in itertools.permutations(range(rows), cols)
    )


@pytest.mark.parametrize("shape", [(1, 1), (2, 3), (3, 2), (4, 4), (5, 3), (3, 6), (6, 6)])
def test_hungarian_finds_the_best_total(shape: tuple[int, int]) -> None:
    rng = random.Random(sum(shape))
    for _ in range(20):
        matrix = [[round(rng.random(), 3) for _ in range(shape[1])] for _ in range(shape[0])]
        pairs = hungarian_max(matrix)
        assert len(pairs) == min(shape)
        assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
        assert sum(matrix[r][c] for r, c in pairs) == pytest.approx(_best_total(matrix))


def test_hungarian_beats_greedy_first_match() -> None:
    # Greedy takes 0.9 and is left with 0.1; the global optimum takes 0.8 + 0.8.
    assert hungarian_max([[0.9, 0.8], [0.8, 0.1]]) == [(0, 1), (1, 0)]


WORDS = (
    "kabinet steunt voorstel richtlijn verordening lidstaten commissie raad onderhandelingen "
    "migratie terugkeer grenzen veiligheid energie landbouw visserij klimaat begroting "
    "mandaat akkoord triloog parlement rechtsstaat sancties handel douane subsidie markt "
    "digitale data privacy cyber water bodem natuur stikstof vaccins geneesmiddelen arbeid"
).split()


def _body(seed: int, sentences: int = 6) -> tuple[Sentence, ...]:
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        text = " ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + "."
        out.append(Sentence(text, text))
    return tuple(out)


def _unit(ref: str, title: str, body: tuple[Sentence, ...], part: str = "I") -> Unit:
    return Unit(ref, title, "Beleidsdebat", part, body)


def _edit(body: tuple[Sentence, ...], index: int, text: str) -> tuple[Sentence, ...]:
    return body[:index] + (Sentence(text, text),) + body[index + 1 :]


def test_renumbered_moved_retitled_added_and_removed() -> None:
    a, b, c, d = (_body(n) for n in range(4))
    old = [
        _unit("I.1", "Verordening visserijquota", a),
        _unit("I.2", "Natuurherstel", b),
        _unit("I.3", "Gewasbescherming", c),
    ]
    new = [
        _unit("I.1", "Herziening gewasbeschermingsmiddelen", _edit(c, 2, "Nieuw feit.")),
        _unit("II.1", "Verordening visserijquota 2026", a, part="II"),
        _unit("II.2", "Bodemmonitoring", d, part="II"),
    ]
    alignment = align_units(old, new)
    assert [(p.old.ref, p.new.ref) for p in alignment.pairs] == [("I.3", "I.1"), ("I.1", "II.1")]
    assert [u.ref for u in alignment.added] == ["II.2"]
    assert [u.ref for u in alignment.removed] == ["I.2"]


def test_a_shared_title_alone_is_not_the_same_topic() -> None:
    old = [_unit("B1.1", "Aanleiding", _body(1), part=COVER)]
    new = [_unit("B4.1", "Aanleiding", _body(2), part=COVER)]
    alignment = align_units(old, new)
    assert alignment.pairs == ()
    assert alignment.pairs == () and len(alignment.added) == len(alignment.removed) == 1


def test_a_topic_moves_from_the_covering_letter_to_the_agenda() -> None:
    body = _body(7)
    old = [_unit("B3", "Stand van zaken Schengen", body, part=COVER)]
    new = [_unit("I.2", "Schengen", body[:-1])]
    assert [(p.old.ref, p.new.ref) for p in align_units(old, new).pairs] == [("B3", "I.2")]


def test_short_boilerplate_bodies_pair_by_title_only() -> None:
    line = (
        Sentence("Nederland zal de informatie aanhoren.", "Nederland zal de informatie aanhoren."),
    )
    old = [_unit("I.5.a", "Jaarverslag agentschap", line), _unit("I.6", "Werkprogramma", line)]
    new = [_unit("II.2", "Werkprogramma", line), _unit("II.3", "Conferentie over water", line)]
    alignment = align_units(old, new)
    assert [(p.old.ref, p.new.ref) for p in alignment.pairs] == [("I.6", "II.2")]
    assert all(p.score >= THRESHOLD for p in alignment.pairs)


def test_near_copies_are_duplicates_but_a_shared_title_is_not() -> None:
    body = _body(3, sentences=8)
    units = [
        _unit("I.4", "Toegang tot data", body),
        _unit("II.8", "Toegang tot data", body + _body(9, sentences=1)),
        _unit("II.9", "Toegang tot data", _body(5, sentences=8)),
    ]
    found = [(a.ref, b.ref) for a, b, _ in find_duplicates(units)]
    assert found == [("I.4", "II.8")]


@pytest.mark.parametrize(
    ("old", "new", "differ"),
    [
        (
            "Werkprogramma van het Deense voorzitterschap",
            "Werkprogramma van het Cypriotische voorzitterschap",
            True,
        ),
        ("Sudan", "Humanitaire crisis in Sudan", False),
        ("Verwachte visie voor landbouw en voedsel", "Visie voor landbouw en voedsel", False),
        (
            "Actieplan voor het Europese elektriciteitsnet",
            "Europees netwerkpakket: uitvoering van het actieplan",
            False,
        ),
    ],
)
def test_titles_that_name_different_things(old: str, new: str, differ: bool) -> None:
    def unit(title: str) -> Unit:
        return Unit("1", title, None, "", ())

    assert names_differ(unit(old), unit(new)) is differ


def test_a_matrix_of_similarities_is_what_pairs_one_by_one_give() -> None:
    """`Bodies.similarities` meets the bodies in the order pair by pair meets them, so
    the words get the same codes (a body's sorted-sentence codes depend on them) and
    every similarity is the same, with bodies shared between the two sides too."""
    bodies = [_body(n, sentences=3 + n % 4) for n in range(9)]
    old = [_unit(f"I.{n}", f"Titel {n}", bodies[n]) for n in (0, 1, 2, 3, 4)]
    new = [_unit(f"I.{n}", f"Titel {n}", bodies[n]) for n in (5, 2, 6, 7, 0, 8)]
    new.append(_unit("I.9", "Titel 9", _edit(bodies[3], 1, "Geheel nieuwe zin hier.")))
    matrix = Bodies()
    one_by_one = Bodies()
    expected = [[one_by_one.similarity(a, b) for b in new] for a in old]
    assert matrix.similarities(old, new) == expected
    assert [matrix.codes(u) for u in old + new] == [one_by_one.codes(u) for u in old + new]
    assert matrix.similarities([], new) == [] and matrix.similarities(old, []) == [[]] * 5
