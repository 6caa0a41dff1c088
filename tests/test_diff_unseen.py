"""Diffs of letters the corpus does not have: another Council formation, written here.

Two consecutive Landbouw- en Visserijraad letters as plain text. Between them one item
is renumbered into the other part, a sub-item becomes an item, a stance moves from
oppose to support, a reworded position keeps its stance, a paragraph moves within an
item, one item is dropped and one is new, and the covering letter gets a new section
whose sub-section titles repeat the old one's ("Aanleiding").
"""

from __future__ import annotations

from typing import Any

import pytest

from tracker.diff import diff_letters
from tracker.normalise import read_letter

OCTOBER = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 6 oktober 2026

Hierbij ontvangt u de geannoteerde agenda van de Landbouw- en Visserijraad van 26 oktober 2026 te Luxemburg.

Kabinetsappreciatie voorstel voor een verordening over nieuwe genomische technieken

Aanleiding

De Commissie heeft op 5 juli een voorstel gepubliceerd voor de regulering van planten die met nieuwe genomische technieken zijn verkregen. Het voorstel onderscheidt twee categorieën planten met elk een eigen toelatingsprocedure en etiketteringsplicht. De onderhandelingen in de Raadswerkgroep zijn in september begonnen onder leiding van het voorzitterschap.

Krachtenveld

Een meerderheid van de lidstaten staat positief tegenover het voorstel, maar enkele lidstaten vragen om strengere regels voor de etikettering van zaaigoed. Het Europees Parlement heeft zijn positie nog niet bepaald en verwacht in het voorjaar te stemmen.

De Minister van Landbouw, Visserij, Voedselzekerheid en Natuur,

A. Jansen

Geannoteerde agenda Landbouw- en Visserijraad 26 oktober 2026

I. Landbouw

1. Vereenvoudiging van het Gemeenschappelijk Landbouwbeleid
Algemene oriëntatie

Het voorzitterschap streeft naar een algemene oriëntatie over het pakket voor de vereenvoudiging van het gemeenschappelijk landbouwbeleid. Het pakket schrapt rapportageverplichtingen voor kleine bedrijven en verruimt de termijnen voor de aanvraag van steun. De Commissie schat dat boeren jaarlijks ruim een miljard euro aan administratieve lasten besparen. Nederland kan de algemene oriëntatie niet steunen, omdat de voorgestelde uitzonderingen de milieudoelen van het landbouwbeleid ondergraven.

2. Marktsituatie na de droogte van de zomer
Gedachtewisseling

Het voorzitterschap wil de marktsituatie bespreken na de langdurige droogte in Zuid-Europa. De prijzen voor granen en olijfolie zijn sterk gestegen en de voorraden zijn laag. De Commissie overweegt de inzet van de landbouwreserve voor getroffen boeren. Het kabinet steunt een gerichte inzet van de landbouwreserve voor de zwaarst getroffen regio's.

3. Dierenwelzijn tijdens transport
Stand van zaken

De Commissie heeft in december een voorstel gepresenteerd voor strengere regels voor het vervoer van levende dieren. Het voorstel beperkt de duur van transporten en stelt eisen aan de temperatuur in de vrachtwagens. Het voorzitterschap zal de Raad informeren over de voortgang van de onderhandelingen. Nederland zal de informatie aanhoren.

II. Visserij

1. Vangstmogelijkheden in de Oostzee voor 2027
Politiek akkoord

De Raad beoogt een politiek akkoord te bereiken over de vangstmogelijkheden in de Oostzee voor 2027. Het wetenschappelijk advies wijst op een verdere achteruitgang van de kabeljauwbestanden in het westelijke deel van de Oostzee. De Commissie stelt voor de quota voor kabeljauw en haring met een kwart te verlagen. Het kabinet kan instemmen met het voorstel van de Commissie, omdat het aansluit bij het wetenschappelijk advies.

2. Overige onderwerpen
a) Handhaving van de aanlandplicht
Informatie van de Commissie

De Commissie zal de Raad informeren over de resultaten van de audits naar de handhaving van de aanlandplicht in de lidstaten. Uit de audits blijkt dat de controle op zee in veel lidstaten tekortschiet en dat ongewenste bijvangst vaak niet wordt aangeland. Het kabinet zal de informatie aanhoren en wijst op het belang van een gelijk speelveld bij de controle.

b) Internationale visserijovereenkomst met Senegal
Informatie van het voorzitterschap

Het voorzitterschap informeert de Raad over de stand van de onderhandelingen over een nieuw protocol bij de visserijovereenkomst met Senegal. Het huidige protocol loopt in november af en de onderhandelingen verlopen moeizaam. Nederland neemt kennis van de informatie.
"""

DECEMBER = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, 24 november 2026

Hierbij ontvangt u de geannoteerde agenda van de Landbouw- en Visserijraad van 14 en 15 december 2026 te Brussel.

Kabinetsappreciatie voorstel voor een verordening over bodemmonitoring

Aanleiding

De Commissie heeft op 12 november een voorstel gedaan voor een Europees kader voor de monitoring van de gezondheid van bodems. Lidstaten moeten volgens het voorstel elke vijf jaar de toestand van hun bodems meten en de resultaten openbaar maken. Het voorstel bevat geen verplichtingen voor individuele grondeigenaren.

Krachtenveld

De meeste lidstaten zijn kritisch over de administratieve lasten die het meetprogramma met zich brengt. Het Europees Parlement wil het voorstel juist uitbreiden met streefwaarden voor het gehalte aan organische stof.

De Minister van Landbouw, Visserij, Voedselzekerheid en Natuur,

A. Jansen

Geannoteerde agenda Landbouw- en Visserijraad 14 en 15 december 2026

I. Landbouw

1. Marktsituatie na de droogte van de zomer
Gedachtewisseling

Het voorzitterschap wil de marktsituatie bespreken na de langdurige droogte in Zuid-Europa. De Commissie overweegt de inzet van de landbouwreserve voor getroffen boeren. De prijzen voor granen en olijfolie zijn sterk gestegen en de voorraden zijn laag. Het kabinet steunt een gerichte inzet van de landbouwreserve voor de zwaarst getroffen regio's.

2. Vereenvoudiging van het Gemeenschappelijk Landbouwbeleid
Algemene oriëntatie

Het voorzitterschap streeft naar een algemene oriëntatie over het pakket voor de vereenvoudiging van het gemeenschappelijk landbouwbeleid. Het pakket schrapt rapportageverplichtingen voor kleine bedrijven en verruimt de termijnen voor de aanvraag van steun. De Commissie schat dat boeren jaarlijks ruim een miljard euro aan administratieve lasten besparen. Nederland kan de algemene oriëntatie steunen, nu de uitzonderingen in het compromis zijn beperkt tot bedrijven kleiner dan tien hectare.

3. Handhaving van de aanlandplicht
Informatie van de Commissie

De Commissie zal de Raad informeren over de resultaten van de audits naar de handhaving van de aanlandplicht in de lidstaten. Uit de audits blijkt dat de controle op zee in veel lidstaten tekortschiet en dat ongewenste bijvangst vaak niet wordt aangeland. Het kabinet zal de informatie aanhoren en wijst op het belang van een gelijk speelveld bij de controle.

4. Nieuwe regels voor gewasbeschermingsmiddelen
Beleidsdebat

De Commissie wil de toelating van gewasbeschermingsmiddelen versnellen en stelt voor om beoordelingen van andere lidstaten wederzijds te erkennen. Daarnaast komt er een versnelde procedure voor biologische middelen met een laag risico. Het kabinet verwelkomt de versnelde toelating van biologische middelen.

II. Visserij

1. Vangstmogelijkheden in de Oostzee voor 2027
Politiek akkoord

De Raad beoogt een politiek akkoord te bereiken over de vangstmogelijkheden in de Oostzee voor 2027. Het wetenschappelijk advies wijst op een verdere achteruitgang van de kabeljauwbestanden in het westelijke deel van de Oostzee. De Commissie stelt voor de quota voor kabeljauw en haring met een kwart te verlagen. Het kabinet kan het voorstel van de Commissie steunen, omdat het aansluit bij het wetenschappelijk advies.

2. Internationale visserijovereenkomst met Senegal
Informatie van het voorzitterschap

Het voorzitterschap informeert de Raad over de stand van de onderhandelingen over een nieuw protocol bij de visserijovereenkomst met Senegal. Het huidige protocol loopt in november af en de onderhandelingen verlopen moeizaam. Nederland neemt kennis van de informatie.
"""


@pytest.fixture(scope="module")
def result() -> dict[str, Any]:
    old = read_letter(OCTOBER.encode(), "oktober.txt")
    new = read_letter(DECEMBER.encode(), "december.txt")
    return diff_letters(old, new)


def _by_new(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["new"]["ref"]: i for i in result["items"] if i["new"]}


def test_the_letters_are_read_as_agendas(result: dict[str, Any]) -> None:
    assert result["old"]["council"] == result["new"]["council"] == "Landbouw en Visserij"
    assert (result["old"]["meeting"], result["new"]["meeting"]) == ("2026-10-26", "2026-12-14")


def test_pairs_follow_the_topics_not_the_numbers(result: dict[str, Any]) -> None:
    pairs = {(i["old"]["ref"], i["new"]["ref"]) for i in result["items"] if i["old"] and i["new"]}
    assert pairs == {
        ("I.1", "I.2"),
        ("I.2", "I.1"),
        ("II.2.a", "I.3"),  # a sub-item of the other part becomes an item
        ("II.1", "II.1"),
        ("II.2.b", "II.2"),
    }


def test_added_and_removed(result: dict[str, Any]) -> None:
    added = {i["new"]["ref"] for i in result["items"] if i["status"] == "added"}
    removed = {i["old"]["ref"] for i in result["items"] if i["status"] == "removed"}
    # The new covering section shares its sub-section titles with the old one: still new.
    assert added == {"B1.1", "B1.2", "I.4"}
    assert removed == {"B1.1", "B1.2", "I.3"}


def test_what_changed_and_what_only_moved(result: dict[str, Any]) -> None:
    items = _by_new(result)
    assert items["I.1"]["status"] == "unchanged"  # a sentence moved within the item
    assert items["I.1"]["moved"] is True
    assert items["I.3"]["status"] == items["II.2"]["status"] == "unchanged"
    assert items["I.2"]["status"] == items["II.1"]["status"] == "changed"


def test_position_changes(result: dict[str, Any]) -> None:
    moves = {
        i["new"]["ref"]: i["position_change"]
        for i in result["items"]
        if i["new"] and i["position_change"]
    }
    assert moves == {
        "I.2": {"old": "oppose", "new": "support"},
        "II.1": {"old": "support", "new": "support"},  # reworded, same stance
    }
    change = _by_new(result)["I.2"]["changes"][0]
    assert change["op"] == "replace" and change["cue"]["old"].startswith("niet steunen")
