"""Names people read, composed in one place."""

from __future__ import annotations

import pytest

from tracker.extract.base import note_marker
from tracker.naming import (
    clean_title,
    council_name,
    dutch_date,
    letter_name,
    meeting_name,
    stance_move,
    stance_name,
)


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (("jbz", "2025-12-08", "Tweede Kamer"), "JBZ-Raad 8 december 2025 (Tweede Kamer)"),
        (("epsco-wsb", "2026-03-09", "Eerste Kamer"), "EPSCO-Raad 9 maart 2026 (Eerste Kamer)"),
        (("rbz", "2026-02-23", None), "Raad Buitenlandse Zaken 23 februari 2026"),
        (("", None, None), "Raad van de EU"),
    ],
)
def test_letter_names(args: tuple[str, str | None, str | None], name: str) -> None:
    assert letter_name(*args) == name


def test_a_meeting_without_its_days_goes_by_its_letter() -> None:
    assert (
        meeting_name("lvr", None, "2025-01-17")
        == "Landbouw- en Visserijraad, brief van 17 januari 2025"
    )


def test_dates_and_stances_in_dutch() -> None:
    assert dutch_date("2025-09-29") == "29 september 2025" and dutch_date("later") == "later"
    assert (
        stance_name("conditional") == "onder voorwaarden" and stance_name(None) == "geen standpunt"
    )
    assert stance_move("oppose", "support") == "tegen → voor"


@pytest.mark.parametrize(
    "raw",
    [
        f"Terugkeerverordening{note_marker(7)}",
        "Terugkeer\u2028verordening",
        "Terugkeer\nverordening",
        "Terugkeer\x0bverordening\ue123",
        "Terugkeer\u200bverordening",
    ],
)
def test_titles_hold_no_markers_private_use_or_line_breaks(raw: str) -> None:
    title = clean_title(raw)
    assert title.replace(" ", "") == "Terugkeerverordening"
    assert not any(ord(c) < 32 or 0xE000 <= ord(c) <= 0xF8FF or c in "\u2028\u2029" for c in title)


def test_council_names_come_from_the_formations_table() -> None:
    assert council_name("Justitie en Binnenlandse Zaken") == council_name("jbz") == "JBZ-Raad"
    assert council_name("Visserij en Oceanen") == "Raad Visserij en Oceanen"
