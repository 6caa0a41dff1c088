"""Units as compared: which covering-letter section titles name no topic of their own."""

from __future__ import annotations

import pickle

import pytest

from tracker.prepare import _UNIT_FEATURES
from tracker.units import Unit, generic_section, letter_units

# Title -> whether it names no topic (seen in the seed's covering letter and the dev cases).
SECTION_TITLES = {
    "Aanleiding": True,
    "Essentie voorstel": True,
    "Beoordeling voorstel en inzet kabinet": True,
    "Krachtenveld": True,
    "Stand van zaken": True,
    "Inzet van het kabinet": True,
    "Verruimd kader MTV": False,
    "Migratieconferentie München 4 oktober 2025": False,
    "Informatieafspraken inzake het behandelvoorbehoud\ue0009\ue001": False,
    "Uitvoering motie Van Zanten/Boomsma over verkenning modernisering": False,
    "Externe dimensie van migratie": False,
}


@pytest.mark.parametrize(("title", "generic"), SECTION_TITLES.items())
def test_generic_section_titles(title: str, generic: bool) -> None:
    assert generic_section(title) is generic


def _seed_units() -> list[Unit]:
    from pathlib import Path

    from tracker.snapshots import normalise_file

    seed = Path(__file__).parent / "data" / "seed" / "jbz-2025-10-13.xml"
    return letter_units(normalise_file(seed, 10**8)[0])


def test_a_unit_sent_to_another_process_leaves_its_word_lists_behind() -> None:
    """A worker computes every feature (`tracker.prepare`); pickled, a unit takes them
    along but for the word lists the others are made of, which are made again, equal,
    when asked for."""
    units = _seed_units()
    for unit in units:
        for name in _UNIT_FEATURES:
            getattr(unit, name)
    back = pickle.loads(pickle.dumps(units, pickle.HIGHEST_PROTOCOL))
    assert back == units
    for unit, copy in zip(units, back, strict=True):
        kept = set(vars(copy))
        assert kept.isdisjoint({"sentence_words", "content_words"})
        assert kept >= set(_UNIT_FEATURES) - {"sentence_words", "content_words"}
        for name in _UNIT_FEATURES:
            assert getattr(copy, name) == getattr(unit, name), name
        assert copy.word_count == sum(map(len, copy.sentence_words)) == unit.word_count
