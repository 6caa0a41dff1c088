"""Units as compared: which covering-letter section titles name no topic of their own."""

from __future__ import annotations

import pytest

from tracker.units import generic_section

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
