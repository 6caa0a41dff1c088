"""What the store holds as people and scripts read it: letters without meeting, date or
title, titles with note markers and line breaks, moments without a stance."""

from __future__ import annotations

import json

from tracker.extract.base import note_marker
from tracker.store.queries import LetterInfo, Moment, Timeline
from tracker.views.listing import (
    format_history,
    format_letter,
    format_letters,
    history_records,
    json_array,
    letter_record,
    what_changed,
)

MARKED = f"Terugkeer{note_marker(3)}\u2028verordening\ue000 "


def _info(**fields: object) -> LetterInfo:
    known = {
        "official_id": "kst-21501-02-3000",
        "version": 2,
        "date": "2026-01-12",
        "formation": "lvr",
        "meeting": "2026-01-26",
        "place": "Brussel",
        "addressee": "Tweede Kamer",
        "title": MARKED,
        "items": 3,
        "formats": ("docx", "pdf"),
        "snapshot": "snapshots/lvr/2026-01-26_kst-21501-02-3000.v2.xml",
        "content_sha256": "ab" * 32,
    }
    return LetterInfo(**(known | fields))  # type: ignore[arg-type]


BARE = _info(
    official_id="sha256-0123456789ab",
    version=1,
    date=None,
    formation="Visserij en Oceanen",
    meeting=None,
    place=None,
    addressee=None,
    title=None,
    formats=("html",),
)


def test_letters_by_name_with_what_is_known() -> None:
    assert format_letters([_info(), BARE]).splitlines() == [
        "letter                                                    id                     date"
        "             items  formats",
        "Landbouw- en Visserijraad 26 januari 2026 (Tweede Kamer)  kst-21501-02-3000@2    "
        "12 januari 2026  3      docx,pdf",
        "Raad Visserij en Oceanen                                  sha256-0123456789ab@1  "
        "                 3      html",
    ]


def test_one_letter_without_meeting_date_or_title() -> None:
    assert format_letter(BARE, []) == (
        "Raad Visserij en Oceanen  sha256-0123456789ab@1\n"
        "  Visserij en Oceanen\n"
        "  formats html\n"
        f"  snapshot snapshots/lvr/2026-01-26_kst-21501-02-3000.v2.xml  content {'ab' * 8}\n"
    )


def test_a_letter_record_has_clean_titles_and_the_contracts_values() -> None:
    record = letter_record(_info())
    assert record["title"] == "Terugkeer verordening"
    assert (record["name"], record["formation"], record["formation_key"]) == (
        "Landbouw- en Visserijraad 26 januari 2026 (Tweede Kamer)",
        "Landbouw en Visserij",
        "lvr",
    )
    assert (record["date"], record["formats"]) == ("2026-01-12", ["docx", "pdf"])
    unknown = letter_record(BARE)
    assert (unknown["formation"], unknown["formation_key"], unknown["title"]) == (
        "Visserij en Oceanen",
        None,
        None,
    )


def test_json_arrays_are_one_object_a_line() -> None:
    assert json_array([]) == "[]\n"
    assert json_array([{"a": 1}, {"b": "é"}]) == '[{"a": 1},\n {"b": "é"}]\n'
    assert json.loads(json_array([{"a": 1}, {"b": 2}])) == [{"a": 1}, {"b": 2}]


CHANGE = {
    "status": "changed",
    "old": {"ref": "3", "title": MARKED, "kind": None},
    "new": {"ref": "4", "title": MARKED, "kind": "Algemene oriëntatie"},
    "position_change": {"old": "oppose", "new": "conditional"},
    "changes": [{"op": "replace"}, {"op": "insert"}],
}
TIMELINE = Timeline(
    "0123456789abcdef01234567",
    "lvr",
    MARKED,
    (
        Moment("2025-12-15", "kst-21501-02-2990@1", "3", MARKED, None, None, None),
        Moment(
            "2026-01-26",
            "kst-21501-02-3000@2",
            "4",
            MARKED,
            "Algemene oriëntatie",
            "conditional",
            CHANGE,
        ),
    ),
)


def test_history_in_dutch_without_a_stance_or_a_procedure_line() -> None:
    assert format_history([TIMELINE]) == (
        "Terugkeer verordening  [Landbouw- en Visserijraad; thread 0123456789abcdef01234567]\n"
        "  15 december 2025   3                                             geen standpunt\n"
        "  26 januari 2026    4        Algemene oriëntatie                  onder voorwaarden"
        "  2 wijzigingen; standpunt tegen → onder voorwaarden\n"
    )


def test_history_records_keep_the_contracts_values_and_clean_titles() -> None:
    (record,) = history_records([TIMELINE])
    first, second = record["moments"]
    assert (record["title"], first["title"], first["stance"]) == (
        "Terugkeer verordening",
        "Terugkeer verordening",
        "none",
    )
    assert second["stance"] == "conditional"
    assert (
        second["change"]["new"]["title"]
        == second["change"]["old"]["title"]
        == "Terugkeer verordening"
    )
    assert second["change"]["position_change"] == {"old": "oppose", "new": "conditional"}
    assert CHANGE["new"]["title"] == MARKED  # the stored change is left as it is


def test_what_changed_in_a_few_words() -> None:
    assert what_changed(None) == ""
    assert what_changed({"changes": [{}]}) == "1 wijziging"
    reworded = {"changes": [{}, {}], "position_change": {"old": "support", "new": "support"}}
    assert what_changed(reworded) == "2 wijzigingen; standpunt voor, anders verwoord"
