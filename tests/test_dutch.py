"""Tests for tracker.dutch: datelines, days, and the Council meeting a letter is for."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import DATA, DEV, load_json

from tracker import extract
from tracker.dutch import DATE_RE, parse_date_phrase, parse_letter_date, parse_meeting
from tracker.formations import DOSSIERS
from tracker.meeting import MEETING_PHRASES, MeetingPhrase, meeting_template, read_council

REAL = DATA / "real"
EPSCO = "Werkgelegenheid, Sociaal Beleid, Volksgezondheid en Consumentenzaken"
TTE = "Vervoer, Telecommunicatie en Energie"

# A dateline | the letter's date.
LETTER_DATES = [
    ("Den Haag, 29 september 2025", "2025-09-29"),
    ("'s-Gravenhage, 16 april 1999", "1999-04-16"),
    ("’s-Gravenhage, 2 juli 2009", "2009-07-02"),
    ("Datum 16 april 1999", "1999-04-16"),
    ("Datum: 3 maart 2000", "2000-03-03"),
    ("DEN HAAG, 1 DECEMBER 2023", "2023-12-01"),
    ("Brussel, 12 maart 2025", "2025-03-12"),
    ("Den Haag, 31 februari 2025", None),
    ("Nummer: 2025D26812, datum: 2025-06-10, bijgewerkt: 2025-06-10 13:12, versie: 1", None),
    ("Datum publicatie | Organisatie | Vergaderjaar | Dossier- en ondernummer |", None),
    ("Op 20 juni aanstaande vindt de Formele Raad WSBVC plaats te Luxemburg.", None),
]


@pytest.mark.parametrize(("line", "date"), LETTER_DATES, ids=[d[0][:30] for d in LETTER_DATES])
def test_letter_dates(line: str, date: str | None) -> None:
    assert parse_letter_date(line) == date


# A phrase with days | the letter's date | start | end.
DAYS = [
    ("13 en 14 oktober 2025", None, "2025-10-13", "2025-10-14"),
    ("13-14 oktober a.s.", "2025-09-29", "2025-10-13", "2025-10-14"),
    ("13 14 oktober 2025", None, "2025-10-13", "2025-10-14"),
    ("26/27 april", "1999-04-16", "1999-04-26", "1999-04-27"),
    ("30 november - 1 december 2025", None, "2025-11-30", "2025-12-01"),
    ("31 december 2025 - 1 januari 2026", None, "2025-12-31", "2026-01-01"),
    ("30 december - 2 januari", "2025-12-10", "2025-12-30", "2026-01-02"),
    ("maandag 17 februari 2020", None, "2020-02-17", "2020-02-17"),
    ("17 t/m 20 mei", "2022-05-01", "2022-05-17", "2022-05-20"),
    ("22 tot 26 april 2025", None, "2025-04-22", "2025-04-26"),
    ("10- 11 maart", "2025-02-20", "2025-03-10", "2025-03-11"),
    ("9 - 10 oktober 2025", None, "2025-10-09", "2025-10-10"),
    ("15-17 juni", "2025-06-02", "2025-06-15", "2025-06-17"),
    ("7 september a.s.", "2022-08-26", "2022-09-07", "2022-09-07"),
    ("20 juni aanstaande", "2024-06-10", "2024-06-20", "2024-06-20"),
    ("15 januari", "2025-12-10", "2026-01-15", "2026-01-15"),
    ("26 oktober jl.", "2021-11-04", "2021-10-26", "2021-10-26"),
    ("31 februari 2025", None, None, None),
    ("11 april", None, None, None),
]


@pytest.mark.parametrize(("text", "letter_date", "start", "end"), DAYS, ids=[d[0] for d in DAYS])
def test_days(text: str, letter_date: str | None, start: str | None, end: str | None) -> None:
    match = DATE_RE.search(text)
    assert match is not None and match.group() == text
    assert parse_date_phrase(match).resolve(letter_date) == ((start, end) if start else None)


def test_days_are_not_read_from_numbers_and_codes() -> None:
    texts = ["Nr. 681 BRIEF", "2024D44000, datum: 2024-11-14", "COM(2016) 815", "juni 2025"]
    assert [DATE_RE.search(t) for t in texts] == [None] * 4


def test_parse_meeting_still_reads_the_first_meeting_phrase() -> None:
    text = "de Raad (JBZ-Raad) van 13-14 oktober a.s. in Luxemburg. Na 26 oktober jl. …"
    meeting = parse_meeting(text, "2025-09-29")
    assert meeting is not None
    assert (meeting.start, meeting.end, meeting.place) == ("2025-10-13", "2025-10-14", "Luxemburg")


@pytest.mark.parametrize("phrase", MEETING_PHRASES, ids=lambda p: p.name)
def test_every_meeting_phrase_reads_its_example(phrase: MeetingPhrase) -> None:
    assert phrase.pattern.search(meeting_template(phrase.example))
    council = read_council([phrase.example], "2025-08-25")
    assert (council.key, council.start, council.place) == phrase.expected


@dataclass(frozen=True)
class Case:
    """Texts in priority order, the letter's date and dossier, and what read_council gives."""

    id: str
    texts: tuple[str, ...]
    letter_date: str | None
    expected: str  # formation | key | start | end | place | "informeel" or ""
    dossier: str | None = None


# From the real letters (tests/data/real): each letter's meeting sentences, its gold answer.
REAL_CASES = [
    Case(
        "rbz-2020-02-17",
        (
            "GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN VAN 17 FEBRUARI 2020",
            "Op maandag 17 februari 2020 vindt de Raad Buitenlandse Zaken plaats in Brussel. De "
            "Minister van Buitenlandse Zaken is voornemens deel te nemen aan deze Raad.",
            "Daarnaast verwelkomt het kabinet het Franse initiatief «Coalition pour le Sahel» dat "
            "naar verwachting en marge van de Europese Raad van maart 2020 wordt gelanceerd.",
            "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken van 17 "
            "februari 2020.",
        ),
        "2020-02-07",
        "Buitenlandse Zaken | rbz | 2020-02-17 | 2020-02-17 | Brussel |",
    ),
    Case(
        "rbz-2021-11-15: another meeting's place (Kigali) is never the Council's",
        (
            "GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN 15 NOVEMBER 2021",
            "Introductie",
            "Op 15 november vindt de Raad Buitenlandse Zaken (RBZ) plaats in Brussel. Na afloop "
            "van de RBZ zal een ministeriële bijeenkomst van het Oostelijk Partnerschap "
            "plaatsvinden.",
            "Middels deze geannoteerde agenda wordt uw Kamer tevens geïnformeerd over de AU-EU "
            "ministeriële bijeenkomst die op 26 oktober jl. plaatsvond in Kigali, Rwanda.",
        ),
        "2021-11-04",
        "Buitenlandse Zaken | rbz | 2021-11-15 | 2021-11-15 | Brussel |",
    ),
    Case(
        "rbz-2021-11-15 without the sentence naming Brussel: no place",
        (
            "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken van 15 "
            "november 2021.",
            "Tevens wordt uw Kamer middels deze geannoteerde agenda geïnformeerd over de AU-EU "
            "ministeriële bijeenkomst die op 26 oktober jl. plaatsvond in Kigali, Rwanda.",
        ),
        "2021-11-04",
        "Buitenlandse Zaken | rbz | 2021-11-15 | 2021-11-15 | |",
    ),
    Case(
        "rbz-2022-04-11: 'een Raad', 'aanstaande', a date wrapped over two lines",
        (
            "GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN VAN 11 APRIL 2022",
            "Op 11 april aanstaande vindt een Raad Buitenlandse Zaken (RBZ) plaats in Luxemburg.",
            "Hierbij bied ik u de geannoteerde agenda aan voor de Raad Buitenlandse Zaken van 11 "
            "april\n2022.",
        ),
        "2022-04-04",
        "Buitenlandse Zaken | rbz | 2022-04-11 | 2022-04-11 | Luxemburg |",
    ),
    Case(
        "rbz-2023-12-11: 'a.s.', a breakfast after the Council",
        (
            "GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN 11 DECEMBER 2023",
            "Op maandag 11 december a.s. vindt de Raad Buitenlandse Zaken (RBZ) plaats in "
            "Brussel. Na afloop van de Raad vindt een EU ministeriële bijeenkomst met de landen "
            "van het Oostelijk Partnerschap plaats.",
        ),
        "2023-12-01",
        "Buitenlandse Zaken | rbz | 2023-12-11 | 2023-12-11 | Brussel |",
    ),
    Case(
        "razeb-2009-07-27",
        (
            "Geannoteerde agenda van de Raad Algemene Zaken en Externe Betrekkingen (RAZEB) van "
            "27 en 28 juli 2009",
            "Met het oog op het schriftelijk overleg bieden wij u hierbij de geannoteerde agenda "
            "aan van de Raad Algemene Zaken en Externe Betrekkingen van 27 en 28 juli 2009. Op "
            "het moment van schrijven van deze brief is nog geen formele agenda van de Raad "
            "bekend.",
            "Ten tweede zal het voorzitterschap blijven inzetten op een ambitieuze EU-positie voor "
            "de klimaatonderhandelingen die in het najaar in Kopenhagen zullen plaatsvinden.",
        ),
        "2009-07-02",
        "Algemene Zaken en Externe Betrekkingen | razeb | 2009-07-27 | 2009-07-28 | |",
    ),
    Case(
        "raz-2013-06-25: past meetings (jl.) of the Europese Raad and Ecofin",
        (
            "Geannoteerde agenda Raad Algemene Zaken d.d. 25 juni 2013",
            "De RAZ zal de voortgang bespreken. Nadat de Europese Raad (ER) op 7-8 februari jl. "
            "een akkoord bereikte, is goedkeuring door het Europees Parlement vereist.",
            "De onderhandelingen zijn pas medio mei jl. op gang gekomen, na het politieke akkoord "
            "van de ECOFIN-Raad van 14 mei jl. over de aanvullende begroting voor 2013.",
        ),
        "2013-06-14",
        "Algemene Zaken | raz | 2013-06-25 | 2013-06-25 | |",
    ),
    Case(
        "jbz-2018-10-11: 'de bijeenkomst van de Raad …'",
        (
            "Hierbij bieden wij u, mede namens de Minister van Binnenlandse Zaken en "
            "Koninkrijksrelaties, de geannoteerde agenda aan van de bijeenkomst van de Raad "
            "Justitie en Binnenlandse Zaken van 11 en 12 oktober 2018 in Luxemburg, alsmede een "
            "geactualiseerd voortgangsoverzicht1 van JBZ-dossiers 3e kwartaal 2018.",
        ),
        "2018-10-02",
        "Justitie en Binnenlandse Zaken | jbz | 2018-10-11 | 2018-10-12 | Luxemburg |",
    ),
    Case(
        "jbz-2022-06-09: a note number glued to the place, another day and forum",
        (
            "Hierbij bieden wij uw Kamer de geannoteerde agenda aan van de Raad Justitie en "
            "Binnenlandse Zaken op 9 en 10 juni 2022 in Luxemburg1.",
            "Met deze brief informeren wij uw Kamer tevens over het kopgroepontbijt terrorisme "
            "voorafgaand aan de JBZ-Raad op 10 juni en de bijeenkomst van het International "
            "Migration Review Forum van 17 t/m 20 mei.",
        ),
        "2022-05-30",
        "Justitie en Binnenlandse Zaken | jbz | 2022-06-09 | 2022-06-10 | Luxemburg |",
    ),
    Case(
        "epsco-wsb-2024-06-20: 'Formele Raad WSBVC … plaats te'",
        (
            "GEANNOTEERDE AGENDA FORMELE RAAD WERKGELEGENHEID EN SOCIAAL BELEID (WSBVC) 20 juni "
            "2024",
            "Informatie over de Formele Raad WSBVC van 20 juni 2024.",
            "Het onderwerp staat niet geagendeerd voor de Raad van 20 juni a.s.",
            "Op 20 juni aanstaande vindt de Formele Raad WSBVC plaats te Luxemburg.",
        ),
        "2024-06-10",
        f"{EPSCO} | epsco-wsb | 2024-06-20 | 2024-06-20 | Luxemburg |",
    ),
    Case(
        "epsco-wsb-2025-06-19: an attachment without a letter date",
        (
            "GEANNOTEERDE AGENDA FORMELE RAAD WERKGELEGENHEID EN SOCIAAL BELEID (WSB) 19 juni 2025",
            "Informatie over de Formele Raad WSB van 19 juni.",
            "Op dinsdag 3 juni jl. heeft een triloogbespreking plaatsgevonden tussen het Poolse "
            "voorzitterschap van de Raad en het Europees Parlement.",
        ),
        None,
        f"{EPSCO} | epsco-wsb | 2025-06-19 | 2025-06-19 | |",
    ),
    Case(
        "epsco-gezondheid-2022-09-07: informal, abroad; the next formal Council and Brno",
        (
            "Geannoteerde agenda van de informele EU-gezondheidsraad, 7 september 2022",
            "Het Tsjechische voorzitterschap heeft oncologie tot één van de prioritaire thema’s "
            "gekozen. Daarnaast zet Tsjechië zich in om tijdens de formele EU gezondheidsraad van "
            "9 december a.s. een herziene Raadsaanbeveling aan te nemen. Op 13 en 14 juli "
            "organiseerde Tsjechië ter voorbereiding op de informele EU gezondheidsraad een "
            "expertbijeenkomst over kanker in Brno.",
            "Hierbij bied ik u de geannoteerde agenda voor de informele EU-gezondheidsraad van 7 "
            "september a.s. in Praag aan.",
        ),
        "2022-08-26",
        f"{EPSCO} | epsco-gezondheid | 2022-09-07 | 2022-09-07 | Praag | informeel",
    ),
    Case(
        "milieuraad-2009-10-21: other Councils' days in a list",
        (
            "Geannoteerde agenda Milieuraad d.d. 21 oktober 2009",
            "In oktober wordt de voorbereiding van de klimaatconferentie in Kopenhagen in "
            "verschillende Raadsformaties besproken (Ecofin op 20 oktober, Milieuraad op 21 "
            "oktober en Europese Raad op 29 en 30 oktober).",
        ),
        None,
        "Milieu | milieu | 2009-10-21 | 2009-10-21 | |",
    ),
]

# Written for formations and phrasings the real letters do not show.
OWN_CASES = [
    Case(
        "a definition in brackets between the formation and its days",
        (
            "Hierbij zend ik u de geannoteerde agenda voor de Milieuraad (hierna: de Raad) die "
            "op 17 juni 2025 in Luxemburg plaatsvindt.",
        ),
        "2025-06-05",
        "Milieu | milieu | 2025-06-17 | 2025-06-17 | Luxemburg |",
    ),
    Case(
        "Landbouw- en Visserijraad: place before the formation",
        (
            "Geannoteerde agenda Landbouw- en Visserijraad 15-16 december 2025",
            "Op 15 en 16 december a.s. vindt in Brussel de Landbouw- en Visserijraad plaats. De "
            "Commissie zal de marktsituatie toelichten.",
        ),
        "2025-12-01",
        "Landbouw en Visserij | lvr | 2025-12-15 | 2025-12-16 | Brussel |",
    ),
    Case(
        "informal Landbouwraad abroad: 'te Kopenhagen, 7-9 september'",
        ("Geannoteerde agenda informele Landbouwraad te Kopenhagen, 7-9 september 2025",),
        "2025-08-22",
        "Landbouw en Visserij | lvr | 2025-09-07 | 2025-09-09 | Kopenhagen | informeel",
    ),
    Case(
        "Ecofin: the Eurogroep meets the day before",
        (
            "Geannoteerde agenda Ecofinraad 9 december 2025",
            "Op 9 december a.s. vindt in Brussel de Ecofinraad plaats. Voorafgaand daaraan komt "
            "de Eurogroep op 8 december bijeen.",
        ),
        "2025-11-28",
        "Economische en Financiële Zaken | ecofin | 2025-12-09 | 2025-12-09 | Brussel |",
    ),
    Case(
        "Raad voor Concurrentievermogen over two days, place in the second sentence",
        (
            "Hierbij zend ik u de geannoteerde agenda van de Raad voor Concurrentievermogen van "
            "27 en 28 november 2025.",
            "De Raad vindt plaats in Brussel. Het Deense voorzitterschap beoogt een algemene "
            "oriëntatie.",
        ),
        "2025-11-14",
        "Concurrentievermogen | concurrentievermogen | 2025-11-27 | 2025-11-28 | Brussel |",
    ),
    Case(
        "formal Energieraad: TTE with the label Energie",
        (
            "Geannoteerde Agenda formele Energieraad van 15 december 2025",
            "Op 15 december a.s. vindt de formele Energieraad plaats in Brussel.",
        ),
        "2025-12-01",
        f"{TTE} | tte-energie | 2025-12-15 | 2025-12-15 | Brussel |",
    ),
    Case(
        "informal Telecomraad: '(informeel)' after the name, a country after the city",
        (
            "Geannoteerde Agenda Telecomraad (informeel) 9 - 10 oktober 2025",
            "De informele Telecomraad vindt op 9 en 10 oktober plaats in Kopenhagen, Denemarken.",
        ),
        "2025-09-26",
        f"{TTE} | tte-telecom | 2025-10-09 | 2025-10-10 | Kopenhagen | informeel",
    ),
    Case(
        "Transportraad 'd.d. … te Brussel'",
        ("Geannoteerde Agenda Transportraad d.d. 4 december 2025 te Brussel",),
        "2025-11-20",
        f"{TTE} | tte-vervoer | 2025-12-04 | 2025-12-04 | Brussel |",
    ),
    Case(
        "Milieuraad in a covering letter",
        (
            "Hierbij bied ik u de geannoteerde agenda aan van de Milieuraad van 16 december a.s. "
            "in Brussel.",
        ),
        "2025-12-02",
        "Milieu | milieu | 2025-12-16 | 2025-12-16 | Brussel |",
    ),
    Case(
        "informal OJCS-Raad abroad: ', Warschau (onderwijs)'",
        ("Geannoteerde agenda informele OJCS-Raad 21-22 januari 2025, Warschau (onderwijs)",),
        "2025-01-10",
        "Onderwijs, Jeugd, Cultuur en Sport | ojcs | 2025-01-21 | 2025-01-22 | Warschau | "
        "informeel",
    ),
    Case(
        "the Algemene Raad of 1999: an older name, '26/27 april', 'te'",
        (
            "Datum 16 april 1999",
            "Hierbij bied ik u de geannoteerde agenda aan van de Algemene Raad van 26/27 april "
            "1999 te Luxemburg.",
        ),
        "1999-04-16",
        "Algemene Zaken en Externe Betrekkingen | razeb | 1999-04-26 | 1999-04-27 | Luxemburg |",
    ),
    Case(
        "Raad Buitenlandse Zaken Handel: a sub-configuration with its own name",
        (
            "Geannoteerde agenda voor de Raad Buitenlandse Zaken Handel van 21 november 2024",
            "Op 21 november a.s. vindt in Brussel de Raad Buitenlandse Zaken Handel plaats.",
        ),
        "2024-11-08",
        "Buitenlandse Zaken (Handel) | rbz-handel | 2024-11-21 | 2024-11-21 | Brussel |",
    ),
    Case(
        "RAZ Cohesie: '(RAZ) - Cohesie d.d. … in Brussel', no year",
        (
            "Geannoteerde Agenda voor de Formele Raad Algemene Zaken (RAZ) - Cohesie d.d. 28 "
            "november in Brussel",
        ),
        "2024-11-14",
        "Algemene Zaken (Cohesie) | raz-cohesie | 2024-11-28 | 2024-11-28 | Brussel |",
    ),
    Case(
        "informal JBZ: 'iJBZ-Raad', the formation vindt … plaats",
        (
            "Geannoteerde agenda informele JBZ-Raad 22-23 juli 2025",
            "De informele Raad Justitie en Binnenlandse Zaken (iJBZ-Raad) vindt op 22 en 23 juli "
            "plaats in Kopenhagen.",
        ),
        "2025-07-11",
        "Justitie en Binnenlandse Zaken | jbz | 2025-07-22 | 2025-07-23 | Kopenhagen | informeel",
    ),
    Case(
        "a combined meeting in the Concurrentievermogen dossier",
        (
            "Geannoteerde agenda voor de gecombineerde informele Raad Buitenlandse Zaken Handel en "
            "informele Raad Concurrentievermogen op 3 en 4 februari 2025",
        ),
        "2025-01-24",
        "Concurrentievermogen | concurrentievermogen | 2025-02-03 | 2025-02-04 | | informeel",
        dossier="21501-30",
    ),
    Case(
        "the same combined meeting without a dossier: the first formation named",
        (
            "Geannoteerde agenda voor de gecombineerde informele Raad Buitenlandse Zaken Handel en "
            "informele Raad Concurrentievermogen op 3 en 4 februari 2025",
        ),
        "2025-01-24",
        "Buitenlandse Zaken (Handel) | rbz-handel | 2025-02-03 | 2025-02-04 | | informeel",
    ),
    Case(
        "only 'de Raad' in the letter: the dossier names the formation",
        (
            "Hierbij zend ik u de geannoteerde agenda voor deze Raad toe.",
            "Op 9 maart aanstaande vindt de Raad plaats te Brussel.",
        ),
        "2026-02-23",
        f"{EPSCO} | epsco | 2026-03-09 | 2026-03-09 | Brussel |",
        dossier="21 501-31",
    ),
    Case(
        "informal from 'de informele Raad' when the title names the formation without days",
        (
            "Geannoteerde agenda EU-gezondheidsraad",
            "Op 24 en 25 maart a.s. vindt de informele Raad plaats in Warschau.",
        ),
        "2025-03-10",
        f"{EPSCO} | epsco-gezondheid | 2025-03-24 | 2025-03-25 | Warschau | informeel",
    ),
    Case(
        "no agenda phrase names a formation: the dossier's beats another meeting's",
        (
            "21 501-32 Landbouw- en Visserijraad",
            "Tijdens de Milieuraad van 17 december wordt hierover verder gesproken.",
            "Op 15 december vindt de Raad plaats in Brussel.",
        ),
        "2025-12-01",
        "Landbouw en Visserij | lvr | 2025-12-15 | 2025-12-15 | Brussel |",
        dossier="21501-32",
    ),
    Case(
        "a dossier of two formations names none",
        ("Op 9 maart aanstaande vindt de Raad plaats te Brussel.",),
        "2026-02-23",
        " | | 2026-03-09 | 2026-03-09 | Brussel |",
        dossier="21501-02",
    ),
    Case(
        "a report of the last meeting and the agenda of the next",
        (
            "Verslag van de Raad Buitenlandse Zaken van 15 december 2025 en geannoteerde agenda "
            "van de Raad Buitenlandse Zaken van 26 januari 2026",
        ),
        "2026-01-16",
        "Buitenlandse Zaken | rbz | 2026-01-26 | 2026-01-26 | |",
    ),
    Case(
        "the Europese Raad is no Council formation",
        (
            "GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN VAN 26 JANUARI 2026",
            "De Europese Raad van december 2025 heeft besloten de sancties te verlengen.",
        ),
        "2026-01-16",
        "Buitenlandse Zaken | rbz | 2026-01-26 | 2026-01-26 | |",
    ),
    Case(
        "only the Europese Raad: nothing",
        ("De Europese Raad van 18 december 2025 heeft besloten de sancties te verlengen.",),
        "2025-12-01",
        " | | | | |",
    ),
    Case(
        "'de Raad' alone names no formation",
        ("De Raad zal spreken over de situatie in Mali.", "deze Raad"),
        "2026-01-16",
        " | | | | |",
    ),
    Case(
        "a breakfast on the margins has its own place",
        (
            "GEANNOTEERDE AGENDA RAAD BUITENLANDSE ZAKEN VAN 16 MAART 2026",
            "In de marge van de Raad vindt op 16 maart een ontbijt plaats in Luxemburg.",
            "Voorafgaand aan de Raad Buitenlandse Zaken van 16 maart vindt in Brussel een "
            "bijeenkomst plaats.",
        ),
        "2026-03-06",
        "Buitenlandse Zaken | rbz | 2026-03-16 | 2026-03-16 | |",
    ),
    Case(
        "a dossier title line names two formations: the agenda's phrase decides",
        (
            "21 501-02 Raad Algemene Zaken en Raad Buitenlandse Zaken",
            "Hierbij bied ik u de geannoteerde agenda aan van de Raad Algemene Zaken van 16 "
            "december 2025.",
        ),
        "2025-12-05",
        "Algemene Zaken | raz | 2025-12-16 | 2025-12-16 | |",
    ),
    Case(
        "the Raad van State and Raad voor Cultuur are not the Council",
        (
            "Geannoteerde agenda OJCS-Raad 24 november 2025",
            "Het advies van de Raad van State van 3 december is ontvangen, evenals dat van de "
            "Raad voor Cultuur van 4 december in Amsterdam.",
        ),
        "2025-11-10",
        "Onderwijs, Jeugd, Cultuur en Sport | ojcs | 2025-11-24 | 2025-11-24 | |",
    ),
]


def _reading(case: Case) -> str:
    council = read_council(case.texts, case.letter_date, case.dossier)
    fields = (council.formation, council.key, council.start, council.end, council.place)
    informal = "informeel" if council.informal else ""
    return " | ".join(f or "" for f in (*fields, informal)).strip()


@pytest.mark.parametrize("case", REAL_CASES + OWN_CASES, ids=lambda c: c.id)
def test_read_council(case: Case) -> None:
    assert _reading(case) == " | ".join(f.strip() for f in case.expected.split("|")).strip()


def test_labels_name_the_sub_configuration() -> None:
    texts = [
        "Op 9 maart aanstaande vindt de Formele Raad Werkgelegenheid en Sociaal Beleid plaats."
    ]
    council = read_council(texts, "2026-02-23")
    assert (council.formation, council.label) == (EPSCO, "Werkgelegenheid en Sociaal Beleid")
    council = read_council(["de geannoteerde agenda van de Raad Buitenlandse Zaken"], None)
    assert (council.formation, council.label) == ("Buitenlandse Zaken", "Buitenlandse Zaken")


def test_a_parent_named_with_a_sub_configuration_for_the_same_days_gives_the_sub() -> None:
    texts = [
        "Geannoteerde agenda van de Raad voor de Werkgelegenheid, Sociaal Beleid, "
        "Volksgezondheid en Consumentenzaken (EPSCO) van 17 oktober 2025",
        "Op 17 oktober vindt de EU-gezondheidsraad plaats in Luxemburg.",
    ]
    council = read_council(texts, "2025-10-03")
    assert (council.key, council.place) == ("epsco-gezondheid", "Luxemburg")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


GOLD = sorted((REAL / "gold").glob("*.json"))


@pytest.mark.parametrize("gold_path", GOLD, ids=lambda p: p.stem)
@pytest.mark.parametrize("split", ["lines", "paragraphs", "lines backwards"])
def test_the_real_letters_meta_from_their_own_text(gold_path: object, split: str) -> None:
    """All of a letter's text, chrome and other meetings included, in any order: the gold.

    The reader gets every line (or every paragraph) of the opening, page chrome, dossier
    headers and other meetings included, so this measures the reader, not a choice of lines.
    """
    gold = load_json(gold_path)  # type: ignore[arg-type]
    text = (REAL / gold["file"]).read_text(encoding="utf-8")
    lines = _lines(text)
    texts = {"lines": lines, "paragraphs": _paragraphs(text), "lines backwards": lines[::-1]}
    date = next((d for line in lines if (d := parse_letter_date(line))), None)
    council = read_council(texts[split], date)
    ours = {
        "date": date,
        "formation": council.formation,
        "start": council.start,
        "end": council.end,
        "place": council.place,
    }
    assert ours == {k: gold["meta"][k] for k in ours}


DEV_CASES = sorted(p.name for p in DEV.iterdir() if p.is_dir())


@pytest.mark.parametrize("case", DEV_CASES)
def test_the_dev_letters_meta_from_all_their_blocks(case: str) -> None:
    """Every block of a letter, in reading order: the truth's council label, days and place."""
    truth = load_json(DEV / case / "truth.json")
    for side in ("old", "new"):
        path = DEV / case / truth[side]
        data = path.read_bytes()
        extracted = extract.extract(data, str(path), extract.detect_format(data, str(path)))
        texts = [block.text for block in extracted.blocks]
        date = next((d for t in texts if (d := parse_letter_date(t))), None)
        council = read_council(texts, date or extracted.hints.get("date"))
        ours = {"council": council.label, "meeting": council.start, "place": council.place}
        assert {k: ours[k] for k in truth["meta"][side] if k in ours} == {
            k: v for k, v in truth["meta"][side].items() if k in ours
        }


RECORDS = DATA / "research" / "tk-odata" / "Document-records_geannoteerde-agenda_and_JBZ-Raad.json"
# Real subjects the reader rightly leaves undated: DocumentNummer -> why.
UNDATED = {
    "2025D08617": "the subject says 17-18 maart 2024 in a letter of March 2025: days before the "
    "letter's date belong to another meeting",
}


def test_the_research_records_subjects_give_formation_and_days() -> None:
    """Every real agenda letter's subject with days in it: its formation and first day."""
    titles = {d.title for d in DOSSIERS}
    read, missed = 0, []
    for record in load_json(RECORDS):
        subject = record["Onderwerp"] or ""
        if (record["Titel"] or "").strip() not in titles or not DATE_RE.search(subject):
            continue
        if not subject.lower().startswith("geannoteerde agenda"):
            continue
        read += 1
        council = read_council([subject], record["Datum"][:10])
        if (council.formation is None or council.start is None) and record[
            "DocumentNummer"
        ] not in UNDATED:
            missed.append((record["DocumentNummer"], subject))
    assert read >= 100
    assert missed == []
