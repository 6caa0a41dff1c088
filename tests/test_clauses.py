"""Tests for tracker.clauses: clauses cut by simple rules of Dutch, and whose view each states."""

from __future__ import annotations

import pytest

from tracker.clauses import clause_at, owner, split_clauses

# sentence | the clauses, "kind: words" separated by " / "
CLAUSES_TABLE = """
Het kabinet vindt dat het doel niet wordt behaald. | main: het kabinet vindt / complement: dat het doel niet wordt behaald.
De Raad bereikt een akkoord dat Nederland steunt. | main: de raad bereikt een akkoord / relative: dat nederland steunt.
Het voorzitterschap hoopt op een akkoord, dat Nederland zal steunen. | main: het voorzitterschap hoopt op een akkoord / relative: dat nederland zal steunen.
Het kabinet benadrukt, net als de Commissie, dat de regels eenvoudiger moeten. | main: het kabinet benadrukt / main: net als de commissie / complement: dat de regels eenvoudiger moeten.
Zoals gemeld werkt het kabinet aan een nieuw kader. | main: zoals gemeld werkt het kabinet aan een nieuw kader.
Omdat het voorstel te duur is, stemt Nederland tegen. | adverbial: omdat het voorstel te duur is / main: stemt nederland tegen.
Het kabinet steunt het doel, maar heeft zorgen over de kosten. | main: het kabinet steunt het doel / coordinate: maar heeft zorgen over de kosten.
Nederland (dat niet meedoet) volgt de samenwerking. | main: nederland / aside: dat niet meedoet / main: volgt de samenwerking.
Dat ben ik op zichzelf met hem eens. | main: dat ben ik op zichzelf met hem eens.
Het kabinet vindt het belangrijk dat de EU optreedt. | main: het kabinet vindt het belangrijk / complement: dat de eu optreedt.
Het kabinet verwelkomt de lijst, waarbij de Commissie de lasten schat. | main: het kabinet verwelkomt de lijst / relative: waarbij de commissie de lasten schat.
"""


def _clauses_rows() -> list[tuple[str, list[str]]]:
    rows = []
    for line in CLAUSES_TABLE.strip().splitlines():
        sentence, clauses = (cell.strip() for cell in line.split(" | "))
        rows.append((sentence, clauses.split(" / ")))
    return rows


@pytest.mark.parametrize(("sentence", "expected"), _clauses_rows(), ids=lambda v: str(v)[:40])
def test_split_clauses(sentence: str, expected: list[str]) -> None:
    lowered = sentence.lower()
    clauses = split_clauses(lowered)
    assert [f"{c.kind}: {lowered[c.start : c.end]}" for c in clauses] == expected


# sentence | a word in a clause | the speaker of the clause names ("g" government, "o" others)
OWNER_TABLE = """
Het kabinet vindt dat de Commissie beter moet onderbouwen. | onderbouwen | g
De Commissie verwacht dat Nederland de richtlijn steunt. | steunt | o
De Raad bereikt een akkoord dat Nederland steunt. | steunt | g
De Commissie is kritisch, maar het kabinet steunt het voorstel. | kritisch | o
De Commissie is kritisch, maar het kabinet steunt het voorstel. | steunt | g
Omdat het voorstel te duur is, stemt Nederland tegen. | duur | g
Ik betreur, maar respecteer de uitslag. | respecteer | g
Het is van belang dat de lasten beperkt blijven. | belang | -
"""


def _speakers(lowered: str) -> dict[int, str]:
    clauses = split_clauses(lowered)
    names = {"het kabinet": "g", "nederland": "g", "ik": "g", "de commissie": "o", "de raad": "o"}
    found: dict[int, str] = {}
    for name, speaker in names.items():
        position = lowered.find(name)
        if position >= 0:
            found.setdefault(clause_at(clauses, position), speaker)
    return found


@pytest.mark.parametrize("line", OWNER_TABLE.strip().splitlines(), ids=lambda v: v[:40])
def test_owner(line: str) -> None:
    sentence, word, speaker = (cell.strip() for cell in line.split(" | "))
    lowered = sentence.lower()
    clauses = split_clauses(lowered)
    index = clause_at(clauses, lowered.index(word))
    found = owner(clauses, index, _speakers(lowered).get)
    assert (found or "-") == speaker
