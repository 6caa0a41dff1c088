"""Every configuration of the Council of the EU as one table: names, spellings, dossiers.

Each row is one formation or sub-configuration with its canonical Dutch name (the XML's
`<council formation="…">`), a display label (the diff's `council`), a stable key (threads
and feeds), every spelling letters use, the kamerstuk dossiers its letters go to, and
example phrases that one test reads back. A new spelling or formation is a new row.

Dossiers come from the research material: `research/sources.md` §0 (dossier titles with
the DocumentNummer of a record citing them) and `research/corpus/tk-odata/
index_Brief-regering_geannoteerde-agenda_and_JBZ.csv` (which letter went to which dossier);
each row's `evidence` says which. Spellings marked "older name" are the Council's
configurations before the 2002 and 2009 reforms; they are not in the research corpus.
"""

from __future__ import annotations

import re
from dataclasses import field
from functools import cache
from typing import NamedTuple

from tracker import patterns
from tracker.records import dataclass


@dataclass(frozen=True)
class Formation:
    """One configuration (or sub-configuration) of the Council of the EU.

    `names` follow "Raad (voor de)" ("Buitenlandse Zaken"); `compounds` are written whole
    ("Milieuraad", "EU-gezondheidsraad"); `qualifiers` follow a parent's name ("Raad
    Buitenlandse Zaken Handel", "RBZ-Handel"). `dossiers`: its own first, then others its
    letters were filed in.
    """

    key: str
    name: str
    label: str
    called: str = ""
    parent: str | None = None
    names: tuple[str, ...] = ()
    compounds: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    qualifiers: tuple[str, ...] = ()
    dossiers: tuple[str, ...] = ()
    evidence: str = field(default="", repr=False)
    examples: tuple[str, ...] = field(default=(), repr=False)
    counter_examples: tuple[str, ...] = field(default=(), repr=False)
    unless_before: str = field(default="", repr=False)
    unless_after: str = field(default="", repr=False)

    @property
    def display(self) -> str:
        """The name people call the Council by in pages and feeds: "JBZ-Raad", "Raad
        Buitenlandse Zaken"."""
        return self.called or f"Raad {self.label}"

    @property
    def root(self) -> str:
        """The key of the formation this one belongs to (its own key for a formation)."""
        return self.parent or self.key

    def spellings(self) -> tuple[str, ...]:
        """Every spelling of this row alone, as a letter would write it."""
        raad = tuple(f"Raad {name}" for name in self.names)
        return raad + self.compounds + self.acronyms


@dataclass(frozen=True)
class Dossier:
    """A kamerstuk dossier that annotated agendas go to, with its title."""

    number: str
    title: str
    evidence: str


# Dossier titles: research/sources.md §0 (TK Document.Titel with a record citing the dossier).
DOSSIERS = (
    Dossier("21501-02", "Raad Algemene Zaken en Raad Buitenlandse Zaken", "2025D35764"),
    Dossier("21501-04", "Ontwikkelingsraad", "Kamerstuk 21501-04-273 cited in the data"),
    Dossier("21501-07", "Raad voor Economische en Financiële Zaken", "2025D01031"),
    Dossier("21501-08", "Milieuraad", "2024D47779"),
    Dossier("21501-28", "Defensieraad", "2025D35443"),
    Dossier("21501-30", "Raad voor Concurrentievermogen", "2025D02453"),
    Dossier(
        "21501-31",
        "Raad voor de Werkgelegenheid, Sociaal Beleid, Volksgezondheid en Consumentenzaken",
        "2025D36586",
    ),
    Dossier("21501-32", "Landbouw- en Visserijraad", "2025D36367"),
    Dossier("21501-33", "Raad voor Vervoer, Telecommunicatie en Energie", "2025D36664"),
    Dossier("21501-34", "Raad voor Onderwijs, Jeugd, Cultuur en Sport", "2024D45445"),
    Dossier("32317", "JBZ-Raad", "2024D48583"),
)

_INDEX = "tk-odata index (research corpus)"
EPSCO_NAME = "Werkgelegenheid, Sociaal Beleid, Volksgezondheid en Consumentenzaken"
TTE_NAME = "Vervoer, Telecommunicatie en Energie"

FORMATIONS = (
    Formation(
        "raz",
        "Algemene Zaken",
        "Algemene Zaken",
        names=("Algemene Zaken",),
        acronyms=("RAZ",),
        dossiers=("21501-02",),
        evidence=f"21501-02: sources.md §0; {_INDEX} 2024D43208, 2025D35687 (informal)",
        examples=(
            (
                "Hierbij bied ik u de geannoteerde agenda aan van de Raad Algemene Zaken van "
                "25 juni 2013."
            ),
            "Geannoteerde agenda Raad van Algemene Zaken 19 november 2024",
            "Geannoteerde Agenda informele Raad Algemene Zaken 17 en 18 februari 2025",
            "De RAZ zal de voortgang van de onderhandelingen bespreken.",
            "GEANNOTEERDE AGENDA RAAD ALGEMENE ZAKEN VAN 16 SEPTEMBER 2025",
        ),
        counter_examples=("de vaste commissie voor Algemene Zaken",),
    ),
    Formation(
        "raz-cohesie",
        "Algemene Zaken (Cohesie)",
        "Algemene Zaken (Cohesie)",
        parent="raz",
        qualifiers=("Cohesie", "Cohesiebeleid"),
        dossiers=("21501-08", "21501-02"),
        evidence=(
            f"letters filed in 21501-08 (Milieuraad): {_INDEX} 2024D45145, 2025D10365, "
            "2025D20851; 21501-02 as the RAZ's own dossier"
        ),
        examples=(
            (
                "Geannoteerde Agenda voor de Formele Raad Algemene Zaken (RAZ) - Cohesie d.d. 28 "
                "november in Brussel"
            ),
            "Geannoteerde Agenda formele Raad Algemene Zaken - Cohesie 28 maart 2025",
            "de informele Raad Algemene Zaken - Cohesie van 21 mei in Warschau",
            "RAZ Cohesie",
        ),
    ),
    Formation(
        "razeb",
        "Algemene Zaken en Externe Betrekkingen",
        "Algemene Zaken en Externe Betrekkingen",
        names=("Algemene Zaken en Externe Betrekkingen",),
        compounds=("Algemene Raad",),
        acronyms=("RAZEB",),
        dossiers=("21501-02",),
        evidence=(
            "the formation of 2002-2009 (the 'Algemene Raad' before it: older name); 21501-02 "
            "from the real letter kst-21501-02-911 (tests/data/real/razeb-2009-07-27.txt)"
        ),
        examples=(
            (
                "de geannoteerde agenda aan van de Raad Algemene Zaken en Externe Betrekkingen van "
                "27 en 28 juli 2009"
            ),
            (
                "Geannoteerde agenda van de Raad Algemene Zaken en Externe Betrekkingen (RAZEB) "
                "van 27 en 28 juli 2009"
            ),
            "Geannoteerde agenda voor de Algemene Raad van 22 maart 1999",
            "de RAZEB van november",
        ),
        counter_examples=(
            "de Algemene Raad van de ECB besprak de rente",
            "de Raad Algemene Zaken en de Raad Buitenlandse Zaken",
        ),
        unless_after=r"\s+van\s+(?:de\s+)?(?:ECB|Europese\s+Centrale\s+Bank)",
    ),
    Formation(
        "rbz",
        "Buitenlandse Zaken",
        "Buitenlandse Zaken",
        names=("Buitenlandse Zaken",),
        compounds=("Gymnich", "Gymnich-bijeenkomst"),
        acronyms=("RBZ",),
        dossiers=("21501-02", "21501-28"),
        evidence=(
            f"21501-02: sources.md §0; {_INDEX} 2024D43211. 21501-28: the informal RBZ "
            f"(Gymnich) of 28-29 August 2025 went there ({_INDEX} 2025D35160)"
        ),
        examples=(
            "GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN VAN 17 FEBRUARI 2020",
            "Op 15 november vindt de Raad Buitenlandse Zaken (RBZ) plaats in Brussel.",
            "Na afloop van de RBZ zal een ministeriële bijeenkomst plaatsvinden.",
            "geannoteerde agenda RBZ Gymnich van 29 en 30 augustus 2025",
            (
                "Geannoteerde agenda voor de informele Raad Buitenlandse Zaken (RBZ) 28 en 29 "
                "augustus 2025"
            ),
        ),
        counter_examples=(
            "De Minister van Buitenlandse Zaken is voornemens deel te nemen.",
            "vaste commissie voor Buitenlandse Zaken",
        ),
    ),
    Formation(
        "rbz-handel",
        "Buitenlandse Zaken (Handel)",
        "Buitenlandse Zaken (Handel)",
        parent="rbz",
        compounds=("Handelsraad",),
        qualifiers=("Handel",),
        dossiers=("21501-02", "21501-30"),
        evidence=(
            f"{_INDEX} 2024D42984 (21501-02); the combined informal RBZ Handel and "
            "Concurrentievermogen of February 2025 went to both 21501-02 and 21501-30 "
            "(2025D01868, 2025D02121)"
        ),
        examples=(
            "Geannoteerde agenda voor de Raad Buitenlandse Zaken Handel van 21 november 2024",
            (
                "Geannoteerde agenda voor de informele Raad Buitenlandse Zaken Handel van 13 en 14 "
                "oktober 2025"
            ),
            "de gecombineerde informele Raad Buitenlandse Zaken en Handel",
            "RAAD BUITENLANDSE ZAKEN (HANDEL)",
            "RBZ-Handel",
        ),
        counter_examples=("de Raad Buitenlandse Zaken en handelspartners",),
    ),
    Formation(
        "rbz-defensie",
        "Buitenlandse Zaken (Defensie)",
        "Buitenlandse Zaken (Defensie)",
        parent="rbz",
        compounds=("Defensieraad",),
        qualifiers=("Defensie",),
        dossiers=("21501-28",),
        evidence=f"21501-28 (Defensieraad): sources.md §0; {_INDEX} 2024D41984, 2025D12462",
        examples=(
            "Geannoteerde Agenda Raad Buitenlandse Zaken Defensie d.d. 19 november 2024",
            "Geannoteerde Agenda informele Raad Buitenlandse Zaken Defensie 2 en 3 april 2025",
            "RBZ Defensie",
            "de Defensieraad van 20 mei",
        ),
        counter_examples=("de Minister van Defensie",),
    ),
    Formation(
        "rbz-ontwikkeling",
        "Buitenlandse Zaken (Ontwikkeling)",
        "Buitenlandse Zaken (Ontwikkeling)",
        parent="rbz",
        compounds=("Ontwikkelingsraad",),
        qualifiers=("Ontwikkeling", "Ontwikkelingssamenwerking"),
        dossiers=("21501-04",),
        evidence=f"21501-04 (Ontwikkelingsraad): sources.md §0; {_INDEX} 2025D03163, 2025D20475",
        examples=(
            "Geannoteerde agenda voor de Raad Buitenlandse Zaken Ontwikkeling van 26 mei 2025",
            "de informele Raad Buitenlandse Zaken Ontwikkeling van 10-11 februari 2025",
            "Geannoteerde agenda Ontwikkelingsraad 15 november 1999",
        ),
    ),
    Formation(
        "ecofin",
        "Economische en Financiële Zaken",
        "Economische en Financiële Zaken",
        called="Ecofin-Raad",
        names=("Economische en Financiële Zaken",),
        compounds=("Ecofinraad", "Begrotingsraad"),
        acronyms=("ECOFIN",),
        dossiers=("21501-07",),
        evidence=(
            f"21501-07: sources.md §0; {_INDEX} 2024D46505. 'Begrotingsraad': older name "
            "(the Budget Council before 2002)"
        ),
        examples=(
            "Geannoteerde agenda Eurogroep en Ecofinraad 12-13 mei 2025",
            "Geannoteerde agenda Eurogroep en informele Ecofinraad september 2025",
            "het politieke akkoord van de ECOFIN-Raad van 14 mei jl.",
            "de Raad voor Economische en Financiële Zaken",
            "Ecofin op 20 oktober",
        ),
        counter_examples=("de Eurogroep van 11 april",),
    ),
    Formation(
        "jbz",
        "Justitie en Binnenlandse Zaken",
        "Justitie en Binnenlandse Zaken",
        called="JBZ-Raad",
        names=("Justitie en Binnenlandse Zaken",),
        acronyms=("JBZ", "iJBZ"),
        dossiers=("32317",),
        evidence=f"32317 (JBZ-Raad): sources.md §0; {_INDEX} 2024D47588, 2025D42093",
        examples=(
            (
                "de geannoteerde agenda aan van de Raad Justitie en Binnenlandse Zaken op 9 en 10 "
                "juni 2022 in Luxemburg"
            ),
            "Geannoteerde agenda JBZ-Raad 12-13 december 2024",
            "Geannoteerde agenda JBZ Raad 22 en 23 juli 2025",
            (
                "de informele Raad Justitie en Binnenlandse Zaken (iJBZ-Raad) op 22 en 23 juli "
                "2025 in Kopenhagen"
            ),
            "Geannoteerde agenda van de formele JBZ-Raad 13 14 oktober 2025",
        ),
        counter_examples=(
            "een voortgangsoverzicht van JBZ-dossiers",
            "de Minister van Justitie en Veiligheid",
        ),
    ),
    Formation(
        "epsco",
        EPSCO_NAME,
        EPSCO_NAME,
        called="EPSCO-Raad",
        names=(EPSCO_NAME,),
        acronyms=("EPSCO",),
        dossiers=("21501-31",),
        evidence=f"21501-31: sources.md §0; {_INDEX} 2025D41749, 2025D13737",
        examples=(
            (
                "21 501-31 Raad voor de Werkgelegenheid, Sociaal Beleid, Volksgezondheid en "
                "Consumentenzaken"
            ),
            (
                "de Formele Raad Werkgelegenheid, Sociaal Beleid, Volksgezondheid en "
                "Consumentenzaken (EPSCO-Raad) van 17 oktober 2025"
            ),
            "Geannoteerde agenda van de Informele EPSCO-Raad gelijkheid 16 april 2025",
        ),
    ),
    Formation(
        "epsco-wsb",
        EPSCO_NAME,
        "Werkgelegenheid en Sociaal Beleid",
        called="EPSCO-Raad",
        parent="epsco",
        names=("Werkgelegenheid en Sociaal Beleid",),
        compounds=("Sociale Raad",),
        acronyms=("WSB", "WSBVC"),
        qualifiers=("Werkgelegenheid en Sociaal Beleid", "Werkgelegenheid", "WSB"),
        dossiers=("21501-31",),
        evidence=(
            f"{_INDEX} 2024D44000, 2025D07962, 2025D14559. 'WSBVC' is the minister of SZW's "
            "name for this session (tests/data/real/epsco-wsb-2024-06-20.txt). 'Sociale Raad': "
            "older name"
        ),
        examples=(
            "Op 20 juni aanstaande vindt de Formele Raad WSBVC plaats te Luxemburg.",
            (
                "GEANNOTEERDE AGENDA FORMELE RAAD WERKGELEGENHEID EN SOCIAAL BELEID (WSBVC) "
                "20 juni 2024"
            ),
            "Geannoteerde Agenda Formele Raad WSB d.d. 10 maart 2025",
            "Geannoteerde Agenda Informele Raad Werkgelegenheid en Sociaal Beleid 14-15 april 2025",
            "de EPSCO-Raad (werkgelegenheid)",
        ),
        counter_examples=(
            "De Minister van Sociale Zaken en Werkgelegenheid",
            "de Sociaal-Economische Raad",
        ),
    ),
    Formation(
        "epsco-gezondheid",
        EPSCO_NAME,
        "Volksgezondheid",
        called="EPSCO-Raad (Volksgezondheid)",
        parent="epsco",
        compounds=("EU-gezondheidsraad", "informele gezondheidsraad", "formele gezondheidsraad"),
        qualifiers=("Volksgezondheid", "Gezondheid"),
        dossiers=("21501-31",),
        evidence=f"{_INDEX} 2024D43830, 2025D09325, 2025D36178; tests/data/real (kst-21501-31-681)",
        examples=(
            (
                "de geannoteerde agenda voor de informele EU-gezondheidsraad van 7 september a.s. "
                "in Praag"
            ),
            "Geannoteerde agenda formele EU Gezondheidsraad 20 juni 2025",
            "tijdens de formele EU gezondheidsraad van 9 december a.s.",
            "EPSCO (Gezondheid)",
        ),
        counter_examples=(
            "De Gezondheidsraad heeft geadviseerd over het vaccin.",
            "de Raad voor Volksgezondheid en Samenleving",
        ),
    ),
    Formation(
        "concurrentievermogen",
        "Concurrentievermogen",
        "Concurrentievermogen",
        names=("Concurrentievermogen",),
        compounds=("Concurrentievermogenraad", "Raad voor Toerisme"),
        dossiers=("21501-30",),
        evidence=(
            f"21501-30: sources.md §0; {_INDEX} 2024D44197. The informal tourism ministers' "
            "meeting went to 21501-30 (2025D27478)"
        ),
        examples=(
            "Geannoteerde Agenda Raad voor Concurrentievermogen 28-29 november 2024",
            "Geannoteerde Agenda informele Raad voor Concurrentievermogen 10- 11 maart te Polen",
            "en informele Raad Concurrentievermogen op 3 en 4 februari 2025",
            "Geannoteerde agenda Informele Raad voor Toerisme 23 en 24 juni 2025",
        ),
    ),
    Formation(
        "concurrentievermogen-interne-markt",
        "Concurrentievermogen",
        "Concurrentievermogen (Interne Markt en Industrie)",
        parent="concurrentievermogen",
        compounds=("Interne Marktraad", "Industrieraad"),
        qualifiers=("Interne Markt en Industrie", "Interne Markt"),
        dossiers=("21501-30",),
        evidence=(
            "TK record 2024D48332 'Raad voor Concurrentievermogen/Interne markt & Industrie "
            "(informeel)' (tk-odata, research corpus); 'Interne Marktraad', 'Industrieraad': "
            "older names"
        ),
        examples=(
            "Raad voor Concurrentievermogen/Interne markt & Industrie (informeel)",
            "de Interne Marktraad van 11 maart 1999",
        ),
    ),
    Formation(
        "concurrentievermogen-onderzoek",
        "Concurrentievermogen",
        "Concurrentievermogen (Onderzoek)",
        parent="concurrentievermogen",
        qualifiers=("Onderzoek", "Onderzoek en Ruimtevaart"),
        dossiers=("21501-30",),
        evidence="TK record 2024D48337 'Raad voor concurrentievermogen /onderzoek(informeel)'",
        examples=(
            "Raad voor concurrentievermogen /onderzoek(informeel)",
            "de Raad voor Concurrentievermogen (Onderzoek) van 23 mei",
        ),
        counter_examples=("de Onderzoeksraad voor Veiligheid",),
    ),
    Formation(
        "tte",
        TTE_NAME,
        TTE_NAME,
        called="TTE-Raad",
        names=(TTE_NAME,),
        acronyms=("TTE",),
        dossiers=("21501-33",),
        evidence=(
            f"21501-33: sources.md §0; {_INDEX}. Not the RAZ letter 2025D01574 that the data "
            "files under 21501-33 (a quirk sources.md §0 names)"
        ),
        examples=(
            "21 501-33 Raad voor Vervoer, Telecommunicatie en Energie",
            "de TTE-Raad van december",
        ),
    ),
    Formation(
        "tte-vervoer",
        TTE_NAME,
        "Vervoer",
        called="Transportraad",
        parent="tte",
        names=("Vervoer",),
        compounds=(
            "Transportraad",
            "Vervoersraad",
            "bijeenkomst van EU-transportministers",
            "bijeenkomst van transportministers",
        ),
        qualifiers=("Vervoer", "Transport"),
        dossiers=("21501-33",),
        evidence=f"{_INDEX} 2024D45200, 2025D08617, 2025D22432",
        examples=(
            "Geannoteerde Agenda Transportraad d.d. 5 december 2024 te Brussel",
            "Geannoteerde agenda bijeenkomst van EU- transportministers 5 juni 2025 te Luxemburg",
            (
                "Geannoteerde agenda informele bijeenkomst van EU-transportministers 17-18 maart "
                "2025 te Warschau"
            ),
            "de Raad Vervoer, Telecommunicatie en Energie (Vervoer)",
        ),
    ),
    Formation(
        "tte-telecom",
        TTE_NAME,
        "Telecommunicatie",
        called="Telecomraad",
        parent="tte",
        compounds=("Telecomraad", "Telecommunicatieraad"),
        qualifiers=("Telecommunicatie", "Telecom"),
        dossiers=("21501-33",),
        evidence=f"{_INDEX} 2024D45117, 2025D06421, 2025D40209",
        examples=(
            "Geannoteerde Agenda van de formele Telecomraad 6 december 2024",
            "Geannoteerde Agenda informele Telecomraad 9 - 10 oktober 2025",
            "TTE Telecom",
        ),
    ),
    Formation(
        "tte-energie",
        TTE_NAME,
        "Energie",
        called="Energieraad",
        parent="tte",
        compounds=("Energieraad",),
        qualifiers=("Energie",),
        dossiers=("21501-33",),
        evidence=f"{_INDEX} 2024D47107, 2025D07794, 2025D35227",
        examples=(
            "Geannoteerde Agenda Energieraad (formeel) van 17 maart 2025",
            "Geannoteerde Agenda Energieraad (informeel) 4-5 september 2025",
            "Geannoteerde Agenda voor de Energieraad van 16 juni 2025",
        ),
        counter_examples=("het advies van de Algemene Energieraad",),
        unless_before=r"Algemene\s+$",
    ),
    Formation(
        "lvr",
        "Landbouw en Visserij",
        "Landbouw en Visserij",
        called="Landbouw- en Visserijraad",
        names=("Landbouw en Visserij",),
        compounds=("Landbouw- en Visserijraad", "Landbouwraad", "Visserijraad"),
        acronyms=("LVR",),
        dossiers=("21501-32",),
        evidence=f"21501-32: sources.md §0; {_INDEX} 2024D45986, 2025D26190, 2025D35822",
        examples=(
            "Geannoteerde agenda Landbouw- en Visserijraad 22-23 september 2025",
            "Geannoteerde agenda Landbouw en Visserijraad van 24 maart 2025",
            "Geannoteerde agenda informele Landbouwraad te Kopenhagen, 7-9 september 2025",
            "Geannoteerde agenda informele Landbouwraad 15-17 juni (Warschau)",
            "de Raad Landbouw en Visserij",
        ),
        counter_examples=("de minister van Landbouw, Visserij, Voedselzekerheid en Natuur",),
    ),
    Formation(
        "milieu",
        "Milieu",
        "Milieu",
        called="Milieuraad",
        names=("Milieu",),
        compounds=(
            "Milieuraad",
            "bijeenkomst van milieu- en klimaatministers",
            "bijeenkomst van de milieuministers",
        ),
        dossiers=("21501-08",),
        evidence=f"21501-08: sources.md §0; {_INDEX} 2024D47109, 2025D18231, 2025D31368",
        examples=(
            "Geannoteerde agenda Milieuraad d.d. 21 oktober 2009",
            "Geannoteerde agenda Milieuraad d.d. 17 juni 2025 te Luxemburg",
            (
                "Geannoteerde Agenda informele bijeenkomst van milieu- en klimaatministers 10-11 "
                "juli 2025"
            ),
            "Geannoteerde Agenda informele Milieuraad 28-29 april",
        ),
        counter_examples=(
            "Kernpunten van de Milieuraadsconclusies zijn:",
            "de Raad voor Milieu- en Natuuronderzoek",
        ),
    ),
    Formation(
        "ojcs",
        "Onderwijs, Jeugd, Cultuur en Sport",
        "Onderwijs, Jeugd, Cultuur en Sport",
        called="OJCS-Raad",
        names=("Onderwijs, Jeugd, Cultuur en Sport",),
        compounds=(
            "informele Onderwijsraad",
            "formele Onderwijsraad",
            "EU-Onderwijsraad",
            "Cultuurraad",
        ),
        acronyms=("OJCS",),
        dossiers=("21501-34",),
        evidence=(
            f"21501-34: sources.md §0; {_INDEX} 2025D00520, 2025D17038, 2025D36260. "
            "'Cultuurraad': older name"
        ),
        examples=(
            "Geannoteerde agenda informele OJCS-Raad 21-22 januari 2025, Warschau (onderwijs)",
            "Geannoteerde Agenda OJCS-Raad 12 en 13 mei 2025, Onderdelen Jeugd en Sport",
            "Geannoteerde agenda informele Onderwijsraad 11-12 september 2025",
            "de Raad voor Onderwijs, Jeugd, Cultuur en Sport",
        ),
        counter_examples=(
            "De Onderwijsraad adviseert de regering.",
            "de Raad voor Cultuur",
        ),
    ),
)

_BY_KEY = {f.key: f for f in FORMATIONS}
_BY_DOSSIER = {d.number: d for d in DOSSIERS}
_SEP = r"[\s\-\u2010\u2011\u2013]+"
_RAAD_PREFIX = r"Raad(?:\s+(?:voor|van)(?:\s+de)?)?\s+"
_FORMAL = r"(?:(?:in)?formele\s+)?"
_ACRONYM_TAIL = r"(?:[\s\-\u2010]*raad\b)?"
_NOT_A_WORD_AFTER = r"(?![\w\-\u2010])"
_QUALIFIER_GAP = r"(?:\s*\([^()]{1,20}\))?(?:\s*[-\u2013\u2014/:,]\s*|\s*\(\s*|\s+)(?:en\s+)?"
_INFORMAL_RE = patterns.compile(r"\binforme(?:le|el)\b|\bgymnich\b", re.IGNORECASE)
_INFORMAL_ACRONYM_RE = patterns.compile(r"\bi[A-Z]{2}")  # "iJBZ-Raad"
_DOSSIER_RE = patterns.compile(r"\b(21)\s?(501)[-\s](\d{2})(?!\d)|\b(\d{2})\s?(\d{3})(?!\d)")


def formation_by_key(key: str) -> Formation:
    """The formation with this key; KeyError names the key when there is none."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"no Council formation with key {key!r}") from None


def formation_named(name: str) -> Formation | None:
    """The formation whose canonical name or label is `name` (case aside): a formation
    before its sub-configurations."""
    wanted = name.strip().casefold()
    found = [f for f in FORMATIONS if wanted in (f.name.casefold(), f.label.casefold())]
    return min(found, key=lambda f: f.parent is not None) if found else None


def formation_key(text: str) -> str:
    """The key of the formation `text` names (a key, a canonical name or a spelling in a
    phrase); `text` itself when it names none."""
    name = text.strip()
    try:
        return formation_by_key(name.lower()).key
    except KeyError:
        found = formation_named(name) or find_formation(name)
    return found.key if found else name


def formations_for_dossier(dossier: str) -> tuple[Formation, ...]:
    """The formations whose letters go to a kamerstuk dossier ("21501-02", "32 317")."""
    number = dossier_number(dossier)
    return tuple(f for f in FORMATIONS if number in f.dossiers) if number else ()


def dossier_formation(dossier: str) -> Formation | None:
    """The one formation a dossier's title names ("Milieuraad"), None where it names two."""
    number = dossier_number(dossier)
    entry = _BY_DOSSIER.get(number or "")
    if entry is None:
        return None
    named = {m.formation.key: m.formation for m in find_mentions(entry.title)}
    return next(iter(named.values())) if len(named) == 1 else None


def dossier_number(text: str) -> str | None:
    """A dossier number in its short form: "kst-21501-02-2790" → "21501-02", "32 317" → "32317"."""
    match = _DOSSIER_RE.search(text)
    if not match:
        return None
    if match[1]:
        return f"21501-{match[3]}"
    return f"{match[4]}{match[5]}"


def find_formation(text: str) -> Formation | None:
    """The formation a phrase or title names first; None when it names none."""
    mentions = find_mentions(text)
    return mentions[0].formation if mentions else None


@dataclass(frozen=True)
class Mention:
    """A span of text naming a formation; `informal` where it says "informele"."""

    start: int
    end: int
    formation: Formation
    informal: bool


def find_mentions(text: str) -> tuple[Mention, ...]:
    """Every span naming a formation, in order; a name with its "(ACRONYM)" is one span."""
    by_group = _spellings().formations
    found: list[Mention] = []
    pos = 0
    for start in _word_starts(text):
        if start < pos:
            continue
        match = _pattern_at(text, start).match(text, start)
        if not match:
            continue
        formation = by_group[match.lastgroup or ""]
        if not _excluded(formation, text, match):
            found.append(Mention(match.start(), match.end(), formation, _informal(text, match)))
            pos = match.end()
    return _merge_adjacent(text, found)


def _word_starts(text: str) -> list[int]:
    """Where a word that can start a spelling starts: spellings are tried only there.

    Looking for a few dozen words with str.find keeps a whole letter fast.
    """
    lowered = _lowered(text)
    starts = set()
    for word in _first_words():
        at = lowered.find(word)
        while at >= 0:
            if not at or not lowered[at - 1].isalpha():
                starts.add(at)
            at = lowered.find(word, at + 1)
    return sorted(starts)


@cache
def _first_words() -> frozenset[str]:
    """The lower-case words a spelling can start with."""
    words = {"formele", "informele"}
    for formation in FORMATIONS:
        for spelling in formation.spellings():
            first = re.split(r"[\s\-\u2010]+", spelling.lower())[0]
            words.add(first)
            if len(first) > 4 and first.endswith("raad"):
                words.add(first[:-4])  # "Milieu-Raad", "Ecofin Raad"
    return frozenset(words)


def _excluded(formation: Formation, text: str, match: re.Match[str]) -> bool:
    before, after = text[: match.start()], text[match.end() :]
    if formation.unless_before and re.search(formation.unless_before, before):
        return True
    return bool(formation.unless_after and re.match(formation.unless_after, after))


def _informal(text: str, match: re.Match[str]) -> bool:
    before = text[max(0, match.start() - 25) : match.start()]
    after = text[match.end() : match.end() + 14]
    return bool(
        _INFORMAL_RE.search(match.group())
        or _INFORMAL_ACRONYM_RE.search(match.group())
        or re.search(r"\binformele\s+(?:[\w-]+\s+)?$", before, re.IGNORECASE)
        or re.match(r"\s*\(informeel\)", after, re.IGNORECASE)
    )


def _merge_adjacent(text: str, mentions: list[Mention]) -> tuple[Mention, ...]:
    """Join "Raad Buitenlandse Zaken (RBZ)" and "RBZ Gymnich": one formation named twice."""
    merged: list[Mention] = []
    for mention in mentions:
        last = merged[-1] if merged else None
        gap = text[last.end : mention.start] if last else ""
        if last and last.formation.root == mention.formation.root and re.fullmatch(r"\s*\(?", gap):
            end = mention.end + (
                1 if "(" in gap and text[mention.end : mention.end + 1] == ")" else 0
            )
            specific = mention.formation if mention.formation.parent else last.formation
            merged[-1] = Mention(last.start, end, specific, last.informal or mention.informal)
        else:
            merged.append(mention)
    return tuple(merged)


class _Spellings(NamedTuple):
    """Every spelling as a group of the mention pattern, and where each can match."""

    groups: tuple[str, ...]  # "(?P<f0>...)", longest spelling first
    formations: dict[str, Formation]  # by group name
    # The lower-case text a spelling's core starts with (its lead; "" for any), the core
    # being what follows "formele" and "Raad (voor de)": leads by their first letter,
    # and the spellings of each lead.
    leads: dict[str, tuple[str, ...]]
    by_lead: dict[str, tuple[int, ...]]
    longest_lead: int


@cache
def _spellings() -> _Spellings:
    """Every spelling, longest first, each in a group naming its row.

    The alternation of all of them is one pattern, but a long one (110 spellings, 45 ms to
    compile): a match is tried with only the spellings whose core can start where the
    text's does, in the same order, so it finds what the whole alternation would.
    """
    rows: list[tuple[int, str, str, Formation]] = []
    for formation in FORMATIONS:
        rows += [(len(s), p, lead, formation) for s, p, lead in _row_patterns(formation)]
    rows.sort(key=lambda row: -row[0])
    by_lead: dict[str, list[int]] = {}
    for i, (_, _, lead, _) in enumerate(rows):
        by_lead.setdefault(lead, []).append(i)
    leads: dict[str, list[str]] = {}
    for lead in by_lead:
        leads.setdefault(lead[:1], []).append(lead)
    return _Spellings(
        tuple(f"(?P<f{i}>{pattern})" for i, (_, pattern, _, _) in enumerate(rows)),
        {f"f{i}": row[3] for i, row in enumerate(rows)},
        {initial: tuple(these) for initial, these in leads.items()},
        {lead: tuple(indexes) for lead, indexes in by_lead.items()},
        max(len(lead) for lead in by_lead),
    )


@cache
def _subpattern(indexes: tuple[int, ...]) -> re.Pattern[str]:
    """The alternation of these spellings (indexes into `_spellings().groups`)."""
    groups = _spellings().groups
    body = "|".join(groups[i] for i in indexes)
    return patterns.compile(rf"(?<![\w\-\u2010]){_FORMAL}(?:{body})", re.IGNORECASE)


_NEVER = patterns.compile(r"(?!)")
# Where a spelling's core can start: after `_FORMAL`'s "formele", and after each way
# `_RAAD_PREFIX` can end ("Raad", + "voor|van", + "de"); change them together (the test
# of the whole alternation tries every prefix).
_FORMAL_RE = patterns.compile(r"(?:in)?formele\s+", re.IGNORECASE)
_RAAD_PREFIX_RES = tuple(
    patterns.compile(p, re.IGNORECASE)
    for p in (r"Raad\s+", r"Raad\s+(?:voor|van)\s+", r"Raad\s+(?:voor|van)\s+de\s+")
)
# The characters that IGNORECASE matches to a letter whose lower case they are not.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def _pattern_at(text: str, start: int) -> re.Pattern[str]:
    """The alternation of the spellings that can match at `start`, in their order."""
    spellings = _spellings()
    heads = [start]
    formal = _FORMAL_RE.match(text, start)
    if formal:
        heads.append(formal.end())
    cores = list(heads)
    for head in heads:
        cores += [m.end() for m in (p.match(text, head) for p in _RAAD_PREFIX_RES) if m]
    chosen = set(spellings.by_lead.get("", ()))
    for core in cores:
        window = _folded(text[core : core + spellings.longest_lead])
        for lead in spellings.leads.get(window[:1], ()):
            if window.startswith(lead):
                chosen.update(spellings.by_lead[lead])
    return _subpattern(tuple(sorted(chosen))) if chosen else _NEVER


def _folded(text: str) -> str:
    """`text` in lower case, position for position, for comparing with spellings' leads."""
    return _lowered(text.translate(_FOLD))


def _lowered(text: str) -> str:
    """`text` in lower case, position for position (a character whose lower case is
    longer stays as it is)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered


def _row_patterns(formation: Formation) -> list[tuple[str, str, str]]:
    """(spelling, pattern, lead) for a row: its own spellings and parent spelling +
    qualifier."""
    own = _spelling_patterns(formation)
    rows = [
        (s, p + (_NOT_A_WORD_AFTER if not a else r"(?![\-\u2010]?\w)"), lead)
        for s, p, a, lead in own
    ]
    if formation.parent:
        parent = _spelling_patterns(_BY_KEY[formation.parent])
        for qualifier in formation.qualifiers:
            q = _spelling(qualifier)
            rows += [
                (f"{s} {qualifier}", f"{p}{_QUALIFIER_GAP}{q}\\)?{_NOT_A_WORD_AFTER}", lead)
                for s, p, _, lead in parent
            ]
    return rows


def _spelling_patterns(formation: Formation) -> list[tuple[str, str, bool, str]]:
    """(spelling, pattern without its end, is an acronym, lead of its core) for a row's
    own spellings."""
    rows = [(f"Raad {n}", _RAAD_PREFIX + _spelling(n), False, _lead(n)) for n in formation.names]
    rows += [(c, _spelling(c), False, _lead(c)) for c in formation.compounds]
    rows += [
        (a, rf"(?:Raad\s+)?{re.escape(a)}{_ACRONYM_TAIL}", True, _folded(a))
        for a in formation.acronyms
    ]
    return rows


def _lead(text: str) -> str:
    """The lower-case text every match of `_spelling(text)` starts with ("" for any)."""
    words = [w for w in re.split(r"[\s\-\u2010]+", text) if w]
    word = words[0].rstrip(",") if words else ""
    if word.lower() == "en":
        return ""
    if len(word) > 4 and word.lower().endswith("raad"):
        word = word[:-4]
    return _folded(word)


def _spelling(text: str) -> str:
    """A spelling as a pattern: any spaces or hyphens between words, commas optional.

    "Landbouw- en Visserijraad" also reads "Landbouw en Visserij-Raad"; "en" also reads "&".
    """
    words = [w for w in re.split(r"[\s\-\u2010]+", text) if w]
    parts = []
    for word in words:
        comma = word.endswith(",")
        word = word.rstrip(",")
        if word.lower() == "en":
            part = "(?:en|&)"
        elif len(word) > 4 and word.lower().endswith("raad"):
            part = re.escape(word[:-4]) + r"[\s\-\u2010]*raad"
        else:
            part = re.escape(word)
        parts.append(part + (",?" if comma else ""))
    return _SEP.join(parts)
