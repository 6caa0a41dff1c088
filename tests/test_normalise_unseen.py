"""Letters the corpus does not have: each row a small letter and what must come out."""

from __future__ import annotations

from typing import Any

import pytest

from tracker.models import Letter
from tracker.normalise import read_letter

NO_PARTS = """BRIEF VAN DE MINISTER VAN BUITENLANDSE ZAKEN

Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 5 december 2025

Hierbij bied ik u de geannoteerde agenda aan voor de Raad Algemene Zaken van 16 december 2025.

De Minister van Buitenlandse Zaken,

D. van Dijk

Geannoteerde agenda Raad Algemene Zaken van 16 december 2025

1. Meerjarig financieel kader 2028-2034
Gedachtewisseling

Het kabinet steunt een beperkt budget. Nederland zal dit uitdragen.

2) Uitbreiding van de Europese Unie
Raadsconclusies

Het kabinet kan instemmen met de conclusies.

3. Overige onderwerpen
a) Voorbereiding Europese Raad
Gedachtewisseling

Nederland zal de voorbereiding aanhoren.

b) Rechtsstaatdialoog
Informatie van het voorzitterschap

Het kabinet neemt kennis van de informatie.
"""

WITH_PARTS_NO_SECTIONS = """Aan de Voorzitter van de Eerste Kamer der Staten-Generaal

Den Haag, 2 februari 2026

Hierbij ontvangt u de geannoteerde agenda van de Landbouw- en Visserijraad van 23 februari 2026 te Brussel.

De Minister van Landbouw, Visserij, Voedselzekerheid en Natuur,

A. Jansen

Geannoteerde agenda Landbouw- en Visserijraad 23 februari 2026

I. Landbouw

1) Marktsituatie
Gedachtewisseling

Het kabinet volgt de markt nauwlettend.

II. Visserij

1) Vangstmogelijkheden 2026
Politiek akkoord

Nederland kan het akkoord steunen.
"""

AGENDA_HTML = """<!DOCTYPE html><html lang="nl"><body>
<h1>Geannoteerde agenda van de Raad Economische en Financiële Zaken van 9 maart 2026</h1>
<h2>1. Kapitaalmarktenunie</h2><p><em>Beleidsdebat</em></p>
<p>Het kabinet steunt de voortgang.<sup><a href="#n1">1</a></sup></p>
<h2>2. Begrotingsregels</h2><p><em>Stand van zaken</em></p><p>Nederland zal de stand van zaken aanhoren.</p>
<div class="noten"><p id="n1"><sup>1</sup> Kamerstuk 21501-07, nr. 2000.</p></div>
</body></html>"""


def _summary(letter: Letter) -> dict[str, Any]:
    return {
        "addressee": letter.meta.addressee,
        "date": letter.meta.date,
        "council": letter.meta.council,
        "sections": [s.ref for s in letter.all_sections()],
        "signers": [s.name for s in letter.signature],
        "items": [(i.ref, i.title, i.kind) for i in letter.items()],
        "notes": list(letter.notes),
    }


ROWS = {
    "agenda-without-parts-tweede-kamer-numbered-1.-and-1)": (
        NO_PARTS.encode(),
        {
            "addressee": "Tweede Kamer",
            "date": "2025-12-05",
            "formation": "Algemene Zaken",
            "meeting": ("2025-12-16", "2025-12-16"),
            "sections": [],
            "signers": ["D. van Dijk"],
            "items": [
                ("1", "Meerjarig financieel kader 2028-2034", "Gedachtewisseling"),
                ("2", "Uitbreiding van de Europese Unie", "Raadsconclusies"),
                ("3", "Overige onderwerpen", None),
                ("3.a", "Voorbereiding Europese Raad", "Gedachtewisseling"),
                ("3.b", "Rechtsstaatdialoog", "Informatie van het voorzitterschap"),
            ],
        },
    ),
    "parts-without-covering-sections-another-formation": (
        WITH_PARTS_NO_SECTIONS.encode(),
        {
            "addressee": "Eerste Kamer",
            "date": "2026-02-02",
            "formation": "Landbouw en Visserij",
            "meeting": ("2026-02-23", "2026-02-23"),
            "sections": [],
            "signers": ["A. Jansen"],
            "items": [
                ("I.1", "Marktsituatie", "Gedachtewisseling"),
                ("II.1", "Vangstmogelijkheden 2026", "Politiek akkoord"),
            ],
        },
    ),
    "agenda-only-html": (
        AGENDA_HTML.encode(),
        {
            "addressee": None,
            "date": None,
            "formation": "Economische en Financiële Zaken",
            "meeting": ("2026-03-09", "2026-03-09"),
            "sections": [],
            "signers": [],
            "items": [
                ("1", "Kapitaalmarktenunie", "Beleidsdebat"),
                ("2", "Begrotingsregels", "Stand van zaken"),
            ],
        },
    ),
}


@pytest.mark.parametrize("name", sorted(ROWS))
def test_unseen_letter(name: str) -> None:
    data, expected = ROWS[name]
    summary = _summary(read_letter(data, name))
    council = summary.pop("council")
    assert summary["addressee"] == expected["addressee"]
    assert summary["date"] == expected["date"]
    assert council.formation == expected["formation"]
    assert (council.start, council.end) == expected["meeting"]
    assert summary["sections"] == expected["sections"]
    assert summary["signers"] == expected["signers"]
    assert summary["items"] == expected["items"]
