"""Diffs of two letters: sentence and word operations, and the dev corpus quality bar."""

from __future__ import annotations

import dataclasses
import functools
import json
from typing import Any

import pytest
from conftest import DEV, load_json
from scoring import Score, score_case

from tracker.diff import diff_letters, sentence_changes, word_diff
from tracker.models import Item, Letter, ListBlock, Para, Part
from tracker.snapshots import normalise_file
from tracker.units import Sentence

CASES = sorted(p.name for p in DEV.iterdir() if (p / "truth.json").is_file())


def _s(*texts: str) -> tuple[Sentence, ...]:
    return tuple(Sentence(t, t) for t in texts)


def _ops(old: tuple[Sentence, ...], new: tuple[Sentence, ...]) -> list[tuple[str, Any, Any]]:
    return [(c.op, c.old, c.new) for c in sentence_changes(old, new)]


A, B, C, D = (
    "De Commissie presenteert het voorstel in maart.",
    "Het kabinet steunt de inzet van het voorzitterschap.",
    "Nederland zal de informatie aanhoren.",
    "De Raad bespreekt de voortgang van de onderhandelingen.",
)


def test_a_sentence_moved_within_an_item_is_not_a_change() -> None:
    assert _ops(_s(A, B, C, D), _s(A, C, D, B)) == []


def test_insert_delete_and_replace_in_reading_order() -> None:
    edited = "Het kabinet steunt de inzet van het voorzitterschap niet."
    new_sentence = "Er is nog geen datum bekend voor de stemming."
    assert _ops(_s(A, B, C), _s(new_sentence, A, edited)) == [
        ("insert", None, new_sentence),
        ("replace", B, edited),
        ("delete", C, None),
    ]


def test_unrelated_sentences_are_a_delete_and_an_insert_not_a_replace() -> None:
    assert _ops(_s(A, B), _s(A, D)) == [("delete", B, None), ("insert", None, D)]


def test_word_highlights_reassemble_both_sentences() -> None:
    old = "Nederland kan de algemene oriëntatie niet steunen."
    new = "Nederland kan de algemene oriëntatie op basis van het compromis steunen."
    words = word_diff(old, new)
    assert "".join(t for op, t in words if op != "insert") == old
    assert "".join(t for op, t in words if op != "delete") == new
    assert ("delete", "niet ") in words


def test_word_highlights_ignore_typography() -> None:
    words = word_diff("Het ‘pact’ – nu", "Het 'pact' - nu")
    assert [op for op, _ in words] == ["equal"]


@functools.cache
def _letters(case: str) -> tuple[Letter, Letter, dict[str, Any]]:
    truth = load_json(DEV / case / "truth.json")
    old = normalise_file(DEV / case / truth["old"], 10**9)[0]
    new = normalise_file(DEV / case / truth["new"], 10**9)[0]
    return old, new, truth


@functools.cache
def _answers() -> tuple[Score, dict[str, dict[str, Any]]]:
    score, answers = Score(), {}
    for case in CASES:
        old, new, truth = _letters(case)
        answers[case] = diff_letters(old, new)
        score_case(score, case, answers[case], truth)
    return score, answers


def test_dev_corpus_meets_the_quality_bar() -> None:
    score, _ = _answers()
    report = score.report()
    print(report)
    assert score.f1("alignment") == 1.0, report
    assert score.f1("added") == 1.0 and score.f1("removed") == 1.0, report
    assert score.f1("changed") >= 0.98, report
    assert score.f1("position_change") >= 0.95, report
    assert score.stance_accuracy >= 0.95, report
    assert score.noise_changed == 0, report
    assert score.f1("duplicates") == 1.0, report
    assert score.meta_wrong == [], report


@pytest.mark.parametrize("case", CASES)
def test_each_case_has_its_changed_items(case: str) -> None:
    _, answers = _answers()
    truth = _letters(case)[2]
    changed = {i["new"]["ref"] for i in answers[case]["items"] if i["status"] == "changed"}
    assert changed == set(truth["changed"])


def test_diff_objects_are_json_and_deterministic() -> None:
    old, new, _ = _letters("11-next-meeting-eerste-kamer")
    first = json.dumps(diff_letters(old, new), sort_keys=True)
    assert first == json.dumps(diff_letters(old, new), sort_keys=True)


def test_items_follow_the_new_letter_with_removed_ones_where_they_stood() -> None:
    old, new, truth = _letters("09-item-added-and-removed")
    items = diff_letters(old, new)["items"]
    order = [(i["old"] or {}).get("ref", "") + ">" + (i["new"] or {}).get("ref", "") for i in items]
    assert order.index("B4>") == order.index("B3>B3") + 1
    assert order.index("I.2>") == order.index("I.1>I.1") + 1
    new_refs = [i["new"]["ref"] for i in items if i["new"]]
    assert new_refs == sorted(new_refs, key=new_refs.index)  # new letter's own order


def test_reading_the_same_letter_twice_changes_nothing() -> None:
    old, _, _ = _letters("01-noise-pdftxt-vs-html")
    result = diff_letters(old, old)
    assert {i["status"] for i in result["items"]} == {"unchanged"}
    assert result["summary"]["unchanged"] == len(result["items"]) == 24


def test_a_paragraph_broken_at_a_page_end_is_no_change() -> None:

    whole = "Het kabinet steunt de inzet van het voorzitterschap en zal dit in de Raad uitdragen."
    one = Item("1", "", "Migratie", None, (Para(whole),))
    broken = Item(
        "1",
        "",
        "Migratie",
        None,
        (
            Para("Het kabinet steunt de inzet van het voorzitterschap en"),
            Para("zal dit in de Raad uitdragen."),
        ),
    )
    listed = Item("1", "", "Migratie", None, (ListBlock("bullet", ((Para(whole),),)),))
    old, _, _ = _letters("01-noise-pdftxt-vs-html")
    letters = [
        dataclasses.replace(old, parts=(Part("", "", (item,)),)) for item in (one, broken, listed)
    ]
    for other in letters[1:]:
        assert {i["status"] for i in diff_letters(letters[0], other)["items"]} == {"unchanged"}
