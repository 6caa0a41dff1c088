"""The web app through its test client, and in a real browser: pages, API, feeds, caching.

The store holds the seed letter, its corrected version, the next meeting's letter, and
two letters of another formation written here whose agenda item carries markup, quotes,
an ampersand and a control character, so every page, feed and JSON answer is checked
for escaping.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest
from conftest import CHROMIUM, DEV, SEED, run_chromium
from lxml import etree, html
from starlette.routing import Route
from starlette.testclient import TestClient
from test_diff_unseen import DECEMBER, OCTOBER
from test_views import UNSHOWN, shown_counts, shown_titles

from tracker.canonical import xml_to_letter
from tracker.diff import diff_letters
from tracker.extract.safexml import parse_xml
from tracker.ingest import Ingestor
from tracker.publish import publish
from tracker.store import Store, open_store
from tracker.store.queries import (
    LetterInfo,
    feed_items,
    find_letter,
    letter_feed_items,
    list_letters,
    list_threads,
)
from tracker.units import generic_section
from tracker.web import create_app, server_config
from tracker.web.caching import Body as CachedBody
from tracker.web.caching import etag_matches, is_not_modified, make_entry, parse_http_date
from tracker.web.pages import compare_href, compare_page, letter_labels, previous_meeting
from tracker.web.render import SITE_CSS, item_article, official_url, text
from tracker.web.site import Recent

BASE = "https://tracker.example.org"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
REPO = Path(__file__).resolve().parent.parent
ARTIFACTS = REPO / "test-artifacts"
HOSTILE = '<script>alert(1)</script> & "aanhalingstekens"\x01'
SHOWN = '<script>alert(1)</script> & "aanhalingstekens"'  # what a reader sees of it
TITLE = "Marktsituatie na de droogte "
LETTERS = [
    SEED / "jbz-2025-10-13.xml",
    DEV / "11-next-meeting-eerste-kamer" / "new.pdf",
    DEV / "05-position-changes" / "new.html",
]


def _hostile_letters(folder: Path) -> list[Path]:
    """Two Landbouw- en Visserijraad letters whose item title and a sentence are hostile."""
    october = OCTOBER.replace(f"{TITLE}van de zomer", TITLE + HOSTILE)
    december = DECEMBER.replace(f"{TITLE}van de zomer", TITLE + HOSTILE).replace(
        "De prijzen voor granen en olijfolie", f"De prijzen voor granen {HOSTILE} en olijfolie"
    )
    paths = [folder / "landbouw-oktober.txt", folder / "landbouw-december.txt"]
    for path, letter in zip(paths, (october, december), strict=True):
        path.write_text(letter, "utf-8")
    return paths


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder = tmp_path_factory.mktemp("web")
    opened = open_store(f"sqlite:///{folder / 'tracker.db'}", folder / "snapshots")
    summary = Ingestor(opened, 10**9).ingest_paths([*LETTERS, *_hostile_letters(folder)], NOW)
    assert summary.count("failed") == 0, summary.outcomes
    yield opened
    opened.engine.dispose()


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    app = create_app(store, BASE, clock=lambda: NOW)
    with TestClient(app, follow_redirects=False) as test_client:  # the app never redirects
        yield test_client


@pytest.fixture(scope="module")
def ids(store: Store) -> dict[str, str]:
    """Names and keys to visit: a position change, its thread, the hostile ones."""
    position = feed_items(store, kind="position", formation="jbz")[0]
    hostile = next(i for i in feed_items(store, kind="change") if "Marktsituatie" in i.thread_title)
    letters = list_letters(store)
    labels = letter_labels(letters)
    return {
        "hex": position.guid.rsplit(":", 1)[1],
        "thread": position.thread_key,
        "letter": position.letter,
        "old_letter": position.old_letter,
        "label": labels[position.letter],
        "old_label": labels[position.old_letter],
        "hostile_hex": hostile.guid.rsplit(":", 1)[1],
        "hostile_thread": hostile.thread_key,
        "hostile_letter": hostile.letter,
        "first": letters[0].name,
        "last": letters[-1].name,
    }


def _url(template: str, ids: dict[str, str]) -> str:
    return template.format(**ids)


def _visible(response: Any) -> str:
    """The text a reader sees on an HTML page, white space collapsed."""
    body = html.document_fromstring(response.content).body
    return " ".join(" ".join(body.itertext()).split())


# --- pages -------------------------------------------------------------------------

PAGES = {
    "home": (
        "/",
        [
            "Laatste standpuntwijzigingen",
            "Laatste brieven",
            "Vergelijk twee brieven",
            "JBZ-Raad: wijzigingen in de geannoteerde agenda's",
            "Externe dimensie van migratie",
        ],
    ),
    "letter": (
        "/letters/kst-32317-AT@2",
        [
            "JBZ-Raad 13 oktober 2025 (Eerste Kamer), versie 2",
            "Kenmerk kst-32317-AT",
            "Versie 2",
            "29 september 2025",
            "Sinds de vorige vergadering",
            "Er is geen eerdere vergadering van deze Raad opgeslagen.",
            "Onderwerpen (20)",
            "zonder eigen onderwerp: B1.1 Aanleiding, B1.2 Essentie voorstel",
            "XML",
        ],
    ),
    "next-letter": (
        "/letters/{letter}",
        [
            "{label}",
            "Vorige vergadering: {old_label}",
            "Wat er veranderde sinds de vorige vergadering",
            "Wat deze brief veranderde: 9 onderwerpen, 3 standpuntwijzigingen.",
            "Jaarlijkse solidariteitspool : tegen → voor",
        ],
    ),
    "letter-by-id": ("/letters/kst-32317-AT", ["Versie 2", "Andere versies"]),
    "thread": ("/threads/{thread}", ["Vergadering", "standpunt", "Volg dit onderwerp: Atom"]),
    "change": (
        "/changes/{hex}",
        ["Over deze wijziging", "Oude brief {old_label}", "Nieuwe brief {label}"],
    ),
    "hostile-change": (
        "/changes/{hostile_hex}",
        [SHOWN, "Zin toegevoegd", "Landbouw- en Visserijraad"],
    ),
    "hostile-thread": ("/threads/{hostile_thread}", [SHOWN, "14 december 2026"]),
    "hostile-letter": ("/letters/{hostile_letter}", [TITLE + SHOWN, "Landbouw- en Visserijraad"]),
    "compare": (
        "/compare?old=kst-32317-AT@1&new=kst-32317-AT@2",
        [
            "Standpunten Brieven Vergelijken Feeds API",
            "JBZ-Raad 13 oktober 2025 (Eerste Kamer), versie 1 en JBZ-Raad 13 oktober 2025",
            "Standpuntwijzigingen (6)",
            "Oude brief",
            "Nieuwe brief",
            "Andere brieven vergelijken",
        ],
    ),
    "compare-meetings": (
        "/compare?old={old_letter}&new={letter}",
        ["{old_label} en {label}", "3 standpuntwijzigingen", "Standpuntwijzigingen (3)"],
    ),
}


@pytest.mark.parametrize("name", PAGES)
def test_page_shows_its_content(client: TestClient, ids: dict[str, str], name: str) -> None:
    path, expected = PAGES[name]
    response = client.get(_url(path, ids))
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    visible = _visible(response)
    for words in expected:
        assert _url(words, ids) in visible


def test_letter_items_link_to_their_threads(client: TestClient, store: Store) -> None:
    """Agenda items and covering sections that name a topic link to their threads; the
    covering letter's sub-sections ("Aanleiding") are named only, unless they changed."""
    dom = html.document_fromstring(client.get("/letters/kst-32317-AT@2").content)
    threads = {a.get("href") for a in dom.xpath("//section[@id='onderwerpen']//a")}
    assert threads and threads <= {f"/threads/{t.key}" for t in list_threads(store)}
    assert len(threads) == 20
    titles = dom.xpath("//section[@id='onderwerpen']//a/text()")
    assert not [title for title in titles if generic_section(title)]


def test_a_changed_sub_section_stays_in_the_list(client: TestClient, store: Store) -> None:
    """A sub-section the letter changed is listed with its thread like any topic."""
    for info in list_letters(store):
        brought = {item.thread_key for item in letter_feed_items(store, info.name)}
        dom = html.document_fromstring(client.get(f"/letters/{info.name}").content)
        listed = {a.get("href") for a in dom.xpath("//section[@id='onderwerpen']//a")}
        for row in dom.xpath("//section[@id='onderwerpen']//tr[td]"):
            link = row.xpath(".//a/@href")
            assert link, f"{info.name}: {row.text_content()} has no thread"
        assert {f"/threads/{key}" for key in brought} <= listed, info.name


def test_letter_page_links_what_changed_since_the_previous_meeting(
    client: TestClient, store: Store, ids: dict[str, str]
) -> None:
    letters = list_letters(store)
    for info in letters:
        dom = html.document_fromstring(client.get(f"/letters/{info.name}").content)
        since = dom.xpath("//section[@id='sinds']//a[@class='since']/@href")
        previous = previous_meeting(info, letters)
        assert since == ([compare_href(previous.name, info.name)] if previous else [])
        brought = {item.thread_key for item in letter_feed_items(store, info.name)}
        entries = dom.xpath("//section[@id='sinds']//ul[contains(@class,'brought')]/li")
        assert len(entries) == len(brought), info.name
    assert previous_meeting(_info(letters, ids["letter"]), letters) == _info(
        letters, "kst-32317-AT@2"
    )


def _info(letters: list[LetterInfo], name: str) -> LetterInfo:
    return next(info for info in letters if info.name == name)


def test_thread_feeds_only_for_agenda_dossiers(client: TestClient, store: Store) -> None:
    """A covering-letter sub-section's thread page offers no feed; an agenda item's does."""
    offered = {}
    for thread in list_threads(store, "jbz"):
        dom = html.document_fromstring(client.get(f"/threads/{thread.key}").content)
        offered[thread.title] = bool(dom.xpath("//link[@rel='alternate']"))
        assert offered[thread.title] == ("Volg dit onderwerp" in dom.text_content())
    assert offered["Aanleiding"] is False and offered["Krachtenveld"] is False
    assert offered["Externe dimensie van migratie"] is True


def test_letter_xml_is_the_stored_canonical_xml(client: TestClient, store: Store) -> None:
    """The stored XML byte for byte, but for its source: the file's name, not its path."""
    response = client.get("/letters/kst-32317-AT@1.xml")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/xml; charset=utf-8"
    stored = find_letter(store, "kst-32317-AT@1")[1]
    source = f' source="{SEED / "jbz-2025-10-13.xml"}"'
    assert source in stored  # the store keeps where it read the letter
    assert response.content == stored.replace(source, ' source="jbz-2025-10-13.xml"').encode()


def test_change_page_links_the_official_source(client: TestClient, store: Store) -> None:
    item = next(i for i in feed_items(store, limit=500) if i.letter == "kst-32317-AT@2")
    dom = html.document_fromstring(client.get(f"/changes/{item.guid.rsplit(':', 1)[1]}").content)
    assert "https://zoek.officielebekendmakingen.nl/kst-32317-AT.html" in dom.xpath("//a/@href")


def test_every_link_on_the_pages_answers(client: TestClient, ids: dict[str, str]) -> None:
    """Follow every same-site link from the pages (feeds, letters, threads, compare): all 200."""
    start = [_url(path, ids) for path, _ in PAGES.values()]
    seen: set[str] = set()
    for page in start:
        dom = html.document_fromstring(client.get(page).content)
        for href in dom.xpath("//a/@href | //link/@href"):
            target = href.split("#")[0]
            if target.startswith("/") and target not in seen:
                seen.add(target)
                assert client.get(target).status_code == 200, f"{page} links to {target}"
    assert {"/feeds/positions.atom", "/feeds/changes.rss", "/feeds.opml"} <= seen
    assert any(link.startswith("/feeds/thread/") for link in seen)
    assert any(link.startswith("/compare?") for link in seen)


def test_compare_form_offers_every_letter(client: TestClient, store: Store) -> None:
    """Every letter by name, grouped by Council; chosen: the latest letter and its
    formation's previous meeting's letter."""
    dom = html.document_fromstring(client.get("/").content)
    form = dom.xpath("//form[@action='/compare']")[0]
    assert form.get("method") == "get"
    letters = list_letters(store)
    labels = letter_labels(letters)
    for name in ("old", "new"):
        options = form.xpath(f".//select[@name='{name}']//option")
        assert [o.get("value") for o in options] == [info.name for info in letters]
        assert [o.text for o in options] == [labels[info.name] for info in letters]
        groups = form.xpath(f".//select[@name='{name}']/optgroup/@label")
        assert groups == ["JBZ-Raad", "Landbouw- en Visserijraad"]
    chosen = [
        form.xpath(f".//select[@name='{n}']//option[@selected]/@value") for n in ("old", "new")
    ]
    latest = max(letters, key=lambda info: info.meeting or "")
    previous = previous_meeting(latest, letters)
    assert previous is not None
    assert chosen == [[previous.name], [latest.name]]
    assert labels[latest.name] == "Landbouw- en Visserijraad 14 december 2026 (Tweede Kamer)"
    assert labels[previous.name] == "Landbouw- en Visserijraad 26 oktober 2026 (Tweede Kamer)"


def test_letters_go_by_their_names_on_every_page(client: TestClient, ids: dict[str, str]) -> None:
    """No page shows a content hash for a letter, and no title on a page holds a note marker,
    a private-use, control or line-break character."""
    for path, _ in PAGES.values():
        response = client.get(_url(path, ids))
        assert "sha256-" not in _visible(response), path
        dom = html.document_fromstring(response.content)
        assert not [t for t in shown_titles(dom) if UNSHOWN.search(t)], path
        cells = dom.xpath("//td//a/text() | //h1//text() | //option/text()")
        assert not [t for t in cells if UNSHOWN.search(t) or "\n" in t], path


COMPARED = [
    ("kst-32317-AT@1", "kst-32317-AT@2"),
    ("{old_letter}", "{letter}"),
    ("{first}", "{last}"),
    ("{first}", "{hostile_letter}"),
]


@pytest.mark.parametrize(("old", "new"), COMPARED)
def test_compare_page_counts_are_its_lists(
    client: TestClient, ids: dict[str, str], old: str, new: str
) -> None:
    url = "/compare?old=" + _url(old, ids) + "&new=" + _url(new, ids)
    dom = html.document_fromstring(client.get(url).content)
    counts = shown_counts(dom)
    assert len(counts) == 6 and all(n == entries for n, entries in counts.values()), counts
    assert dom.xpath("//header[@class='site']/nav/a[@href='/#vergelijken']")
    assert "/work/" not in dom.text_content()  # no server path for a source


COMPARE_CASES = [
    "11-next-meeting-eerste-kamer",
    "14-docx-agenda-next-meeting",
    "15-rbz-chain-january-to-february",
    "16-rbz-chain-february-to-march",
    "17-epsco-chain-june-to-december",
    "18-epsco-chain-december-to-march",
    "19-epsco-noise-docx-vs-pdftxt",
    "20-rbz-item-moved-out-of-group-and-retitled",
    "21-epsco-tweede-vs-eerste-kamer",
]


@pytest.mark.parametrize("case", COMPARE_CASES)
def test_compare_page_of_dev_cases(case: str) -> None:
    """The compare page of two letters of a dev case: counts are list lengths, the site's
    navigation is there, letters go by name."""
    from test_views import _dev_diff

    diff = _dev_diff(case)
    infos = [_letter_info(diff[side], n) for n, side in enumerate(("old", "new"), 1)]
    labels = letter_labels(infos)
    dom = html.document_fromstring(compare_page(diff, (infos[0], infos[1]), infos, labels))
    counts = shown_counts(dom)
    assert len(counts) == 6 and all(n == entries for n, entries in counts.values()), counts
    assert [a.text for a in dom.xpath("//header[@class='site']/nav/a")][:3] == [
        "Standpunten",
        "Brieven",
        "Vergelijken",
    ]
    visible = " ".join(dom.body.itertext())
    assert "sha256-" not in visible and labels[infos[1].name] in visible
    assert not [t for t in shown_titles(dom) if UNSHOWN.search(t)]


def _letter_info(letter: dict[str, Any], version: int) -> LetterInfo:
    """A letter of a diff as the store lists it."""
    return LetterInfo(
        str(letter["id"]),
        version,
        letter["date"],
        letter["formation_key"] or letter["council"] or "",
        letter["meeting"],
        letter["place"],
        letter["addressee"],
        letter["title"],
        0,
        (),
        "",
        "",
    )


# --- not found and other errors -------------------------------------------------------

ERRORS = [
    ("/nergens", 404, "Hier is niets"),
    ("/letters/kst-0-0@9", 404, "Brief 'kst-0-0@9' staat niet in de opslag"),
    ("/letters/kst-0-0.xml", 404, "staat niet in de opslag"),
    ("/threads/onbekend", 404, "Onderwerp 'onbekend' bestaat niet"),
    ("/changes/ffff", 404, "Wijziging 'ffff' bestaat niet"),
    ("/feeds/onbekend.atom", 404, "Er is geen feed op /feeds/onbekend.atom"),
    ("/feeds/positions.json", 404, "Er is geen feed"),
    ("/feeds/thread/onbekend.rss", 404, "Er is geen feed"),
    ("/compare?old=kst-32317-AT@1&new=onbekend", 404, "Brief 'onbekend'"),
    ("/feeds/positions.atom/", 404, "Er is geen feed op /feeds/positions.atom/"),
    ("/letters/kst-32317-AT@1/", 404, "Hier is niets"),
    ("/compare", 400, "Kies twee brieven"),
    ("/compare?old=kst-32317-AT@1", 400, "Kies twee brieven"),
]
API_ERRORS = [
    ("/api/nergens", 404, "Hier is niets"),
    ("/api/letters/onbekend", 404, "Brief 'onbekend' staat niet in de opslag"),
    ("/api/threads/onbekend", 404, "Onderwerp 'onbekend' bestaat niet"),
    ("/api/changes/ffff", 404, "Wijziging 'ffff' bestaat niet"),
    ("/api/changes/onbekend", 400, "hex='onbekend': een wijziging heet met hexadecimale"),
    ("/api/compare?old=onbekend&new=kst-32317-AT", 404, "Brief 'onbekend'"),
    ("/api/compare?new=kst-32317-AT", 400, "Kies twee brieven"),
    ("/api/changes?limit=0", 400, "limit='0'"),
    ("/api/changes?limit=veel", 400, "limit='veel'"),
    ("/api/changes?limit=501", 400, "limit='501'"),
    ("/api/changes?limit=²", 400, "limit='²'"),
    ("/api/changes?kind=alles", 400, "kind='alles'"),
]


@pytest.mark.parametrize(("path", "status", "message"), ERRORS, ids=[e[0] for e in ERRORS])
def test_page_errors_are_html_pages(
    client: TestClient, path: str, status: int, message: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert message in _visible(response)
    assert "etag" not in response.headers


@pytest.mark.parametrize(("path", "status", "message"), API_ERRORS, ids=[e[0] for e in API_ERRORS])
def test_api_errors_are_json(client: TestClient, path: str, status: int, message: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    error = response.json()["error"]
    assert error["status"] == status and message in error["message"]


def test_other_methods_are_refused(client: TestClient) -> None:
    response = client.post("/")
    assert response.status_code == 405
    assert "POST kan hier niet" in _visible(response)
    assert client.delete("/api/letters").json()["error"]["status"] == 405


def test_a_broken_store_gives_an_error_page_not_a_traceback(tmp_path: Path) -> None:
    broken = open_store(f"sqlite:///{tmp_path / 'empty.db'}", tmp_path, migrate=False)
    try:
        app = create_app(broken, BASE, clock=lambda: NOW)
        with TestClient(app, raise_server_exceptions=False) as test_client:
            page, answer = test_client.get("/"), test_client.get("/api/letters")
    finally:
        broken.engine.dispose()
    assert page.status_code == answer.status_code == 500
    assert "Er ging iets mis" in _visible(page)
    assert answer.json()["error"]["status"] == 500
    for response in (page, answer):
        assert "Traceback" not in response.text and "sqlite" not in response.text.lower()
        assert response.headers["x-content-type-options"] == "nosniff"


# --- the JSON API --------------------------------------------------------------------

STANCES = {"support", "oppose", "conditional", "neutral", "none", None}


def assert_diff_item(item: dict[str, Any]) -> None:
    """An item as /work/shared/spec/diff-json.md describes it."""
    assert item["status"] in {"changed", "added", "removed", "unchanged"}
    for side in ("old", "new"):
        assert item[side] is None or {"ref", "title", "kind"} <= set(item[side])
    assert isinstance(item["moved"], bool) and isinstance(item["retitled"], bool)
    assert 0 <= item["similarity"] <= 1
    for change in item["changes"]:
        assert change["op"] in {"insert", "delete", "replace"}
        assert (change["old"] is None) == (change["op"] == "insert")
        assert (change["new"] is None) == (change["op"] == "delete")
        assert isinstance(change["position"], bool)
        if change["stance"] is not None:
            assert {change["stance"]["old"], change["stance"]["new"]} <= STANCES


def test_api_letters(client: TestClient, store: Store) -> None:
    letters = client.get("/api/letters").json()
    assert [letter["name"] for letter in letters] == [i.name for i in list_letters(store)]
    first = letters[0]
    assert "snapshot" not in first  # a server path is nobody's business
    assert first["url"] == f"{BASE}/letters/{first['name']}"
    assert first["xml_url"] == f"{BASE}/letters/{first['name']}.xml"
    assert {"official_id", "version", "date", "formation", "meeting", "items"} <= set(first)


def test_api_letter_units_name_their_threads(client: TestClient) -> None:
    letter = client.get("/api/letters/kst-32317-AT@1").json()
    assert letter["name"] == "kst-32317-AT@1" and len(letter["units"]) == letter["items"] == 24
    assert letter["units"][0] == {
        "ref": "B1.1",
        "title": "Aanleiding",
        "kind": None,
        "part": "cover",
        "thread": letter["units"][0]["thread"],
    }
    for unit in letter["units"]:  # the meeting is the unit of history: its latest letter
        timeline = client.get(f"/api/threads/{unit['thread']}").json()
        assert "2025-10-13" in {m["meeting"] for m in timeline["moments"]}


def test_api_threads_and_a_timeline(client: TestClient, store: Store, ids: dict[str, str]) -> None:
    threads = client.get("/api/threads").json()
    assert threads == [
        {**asdict(info), "url": f"{BASE}/threads/{info.key}"} for info in list_threads(store)
    ]
    timeline = client.get(f"/api/threads/{ids['thread']}").json()
    assert [m["letter"] for m in timeline["moments"]][-1] == ids["letter"]
    changes = [m["change"] for m in timeline["moments"] if m["change"]]
    assert changes
    for change in changes:
        assert_diff_item(change)


def test_api_changes_and_filters(client: TestClient, store: Store, ids: dict[str, str]) -> None:
    everything = client.get("/api/changes?limit=500").json()
    assert len(everything) == len(feed_items(store, limit=500))
    for entry in everything:
        assert entry["guid"].endswith(":" + entry["hex"])
        assert entry["url"] == f"{BASE}/changes/{entry['hex']}"
        assert_diff_item(entry["change"])
    positions = client.get("/api/changes?kind=position&limit=3").json()
    assert len(positions) == 3 and {p["kind"] for p in positions} == {"position"}
    landbouw = client.get("/api/changes?formation=landbouw en visserij").json()
    assert landbouw and {c["formation"] for c in landbouw} == {"lvr"}
    thread = client.get(f"/api/changes?thread={ids['thread']}").json()
    assert thread and {c["thread_key"] for c in thread} == {ids["thread"]}
    one = client.get(f"/api/changes/{ids['hostile_hex']}").json()
    assert one == next(c for c in everything if c["hex"] == ids["hostile_hex"])


def test_api_compare_is_the_diff_of_the_stored_letters(client: TestClient, store: Store) -> None:
    answer = client.get("/api/compare?old=kst-32317-AT@1&new=kst-32317-AT@2").json()
    letters = []
    for name in ("kst-32317-AT@1", "kst-32317-AT@2"):
        info, xml = find_letter(store, name)
        letters.append(xml_to_letter(parse_xml(xml.encode(), info.name), info.name))
    diff = diff_letters(*letters)
    assert diff["old"]["source"].startswith("/")  # where the server read it: not published
    old, new = diff["old"] | {"source": "jbz-2025-10-13.xml"}, diff["new"] | {"source": "new.html"}
    assert answer == {**diff, "old": old, "new": new}
    assert answer["schema"] == "tracker.diff/1"
    for item in answer["items"]:
        assert_diff_item(item)


def test_a_kept_diff_answers_as_a_new_one(store: Store) -> None:
    """The page renders from the diff kept for the pair; the API then answers from the
    same diff as a fresh app would: rendering leaves it as it was."""
    pair = "old=kst-32317-AT@1&new=kst-32317-AT@2"
    with TestClient(create_app(store, BASE, clock=lambda: NOW)) as fresh:
        expected = fresh.get(f"/api/compare?{pair}").json()
    with TestClient(create_app(store, BASE, clock=lambda: NOW)) as used:
        assert used.get(f"/compare?{pair}").status_code == 200
        assert used.get(f"/api/compare?{pair}").json() == expected


def test_recent_keeps_the_last_values_computed() -> None:
    recent, computed = Recent(2), []

    def compute(key: str) -> str:
        computed.append(key)
        return key.upper()

    assert [recent.get(k, lambda k=k: compute(k)) for k in "abab"] == ["A", "B", "A", "B"]
    assert computed == ["a", "b"]
    recent.get("a", lambda: compute("a"))  # now "b" is the least recent
    assert recent.get("c", lambda: compute("c")) == "C" and len(recent) == 2
    recent.get("b", lambda: compute("b"))
    assert computed == ["a", "b", "c", "b"]


def test_openapi_describes_every_api_route_and_only_those(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.1") and spec["info"]["title"]
    assert spec["servers"] == [{"url": BASE}]
    routes = {r.path for r in client.app.routes if isinstance(r, Route)}  # type: ignore[attr-defined]
    assert set(spec["paths"]) == {path for path in routes if path.startswith("/api/")}
    for path, operations in spec["paths"].items():
        assert set(operations) == {"get"}
        operation = operations["get"]
        declared = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
        assert declared == set(re.findall(r"{(\w+)}", path)), path
        assert "application/json" in operation["responses"]["200"]["content"]
    for ref in re.findall(r'"\$ref": "([^"]+)"', json.dumps(spec)):
        assert ref.startswith("#/components/schemas/")
        assert ref.rsplit("/", 1)[1] in spec["components"]["schemas"], ref


def test_api_answers_have_what_their_schemas_require(
    client: TestClient, ids: dict[str, str]
) -> None:
    schemas = client.get("/api/openapi.json").json()["components"]["schemas"]
    samples = {
        "Letter": client.get("/api/letters").json()[0],
        "Thread": client.get("/api/threads").json()[0],
        "Timeline": client.get(f"/api/threads/{ids['thread']}").json(),
        "Change": client.get(f"/api/changes/{ids['hex']}").json(),
        "Item": client.get(f"/api/changes/{ids['hex']}").json()["change"],
        "Diff": client.get("/api/compare?old={first}&new={last}".format(**ids)).json(),
        "Error": client.get("/api/threads/onbekend").json(),
    }
    for name, sample in samples.items():
        assert set(schemas[name]["required"]) <= set(sample), name
        assert set(sample) <= set(schemas[name]["properties"]), name


# --- feeds and health ------------------------------------------------------------------

FEED_TYPES = {".atom": "application/atom+xml", ".rss": "application/rss+xml"}


def test_feeds_are_the_files_publish_writes(
    client: TestClient, store: Store, tmp_path: Path
) -> None:
    """Every feed and the OPML list: the same bytes as `tracker.publish`, right content type."""
    from tracker.publish import publish

    publish(store, tmp_path, BASE, NOW)
    files = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert len(files) > 10
    for path in files:
        url = "/" + path.relative_to(tmp_path).as_posix()
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content == path.read_bytes(), url
        kind = FEED_TYPES.get(path.suffix, "text/x-opml")
        assert response.headers["content-type"] == f"{kind}; charset=utf-8"


def test_positions_feed_reads_as_atom(client: TestClient) -> None:
    parsed = feedparser.parse(client.get("/feeds/positions.atom").content)
    assert not parsed.bozo and parsed.version == "atom10"
    assert len(parsed.entries) == len(client.get("/api/changes?kind=position").json())
    assert parsed.entries[0].link.startswith(f"{BASE}/changes/")


def test_healthz(client: TestClient) -> None:
    """A store that was filled by hand and never fetched: 503, no fetch has run yet."""
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    # the store's revision: NOW, a microsecond later for each commit after the first
    last = datetime.fromisoformat(body.pop("last_ingest"))
    assert timedelta(0) <= last - NOW < timedelta(milliseconds=1)
    assert body == {
        "status": "failing",
        "reason": "no fetch has run yet",
        "last_fetch": None,
        "letters": 5,
        "sources": {},
    }
    assert response.headers["cache-control"] == "no-cache"


REFUSED = (
    "http://127.0.0.1:9/sru?q=1: connection failed: HTTPConnectionPool(host='127.0.0.1', "
    "port=9): Max retries exceeded with url: /sru?q=1 (Caused by NewConnectionError("
    "\"HTTPConnection(host='127.0.0.1', port=9): Failed to establish a new connection: "
    '[Errno 111] Connection refused"))'
)
HOURS = timedelta(hours=1)

# (runs recorded: (source, hours before NOW, error), healthy within, status, reason)
HEALTH = [
    ([], timedelta(hours=36), 503, "no fetch has run yet"),
    ([], None, 200, None),
    ([("koop_sru", 2, None), ("run", 2, None)], timedelta(hours=36), 200, None),
    (
        [("koop_sru", 2, REFUSED), ("run", 2, "1 failures")],
        timedelta(hours=36),
        503,
        "koop_sru: connection refused by 127.0.0.1:9; no fetch has succeeded yet",
    ),
    (
        [("run", 30, None), ("koop_sru", 2, REFUSED), ("run", 2, "1 failures")],
        timedelta(hours=36),
        503,
        "koop_sru: connection refused by 127.0.0.1:9",
    ),
    (
        [("koop_sru", 40, None), ("run", 40, None)],
        timedelta(hours=36),
        503,
        f"no fetch has succeeded within 36 h (last: {(NOW - 40 * HOURS).isoformat()})",
    ),
    ([("koop_sru", 40, None), ("run", 40, None)], None, 200, None),
    # a letter that failed alone (the run's error, no source's): the fetch itself went well
    ([("koop_sru", 2, None), ("run", 2, "1 failures")], timedelta(hours=36), 200, None),
    # a source that failed before the last fetch, and was disabled since: no problem now
    ([("tk_odata", 30, REFUSED), ("run", 2, None)], timedelta(hours=36), 200, None),
]


@pytest.mark.parametrize(
    ("runs", "within", "status", "reason"),
    HEALTH,
    ids=[
        "never-fetched",
        "never-fetched-no-limit",
        "fetched-2h-ago",
        "first-fetch-failed",
        "last-fetch-failed",
        "too-old",
        "old-but-no-limit",
        "a-letter-failed",
        "old-failure",
    ],
)
def test_healthz_answers_503_with_the_reason(
    tmp_path: Path,
    runs: list[tuple[str, int, str | None]],
    within: timedelta | None,
    status: int,
    reason: str | None,
) -> None:
    response = _healthz(tmp_path, runs, healthy_within=within)
    assert (response.status_code, response.json().get("reason")) == (status, reason)
    assert response.json()["status"] == ("ok" if status == 200 else "failing")
    assert response.headers["cache-control"] == "no-cache"


# `tracker serve` has no schedule of its own: never fetched is fine, a bad fetch is not.
UNSCHEDULED = [
    ([], 200, None),
    ([("koop_sru", 2, REFUSED), ("run", 2, "1 failures")], 503, None),
    ([("koop_sru", 40, None), ("run", 40, None)], 503, None),
    ([("koop_sru", 2, None), ("run", 2, None)], 200, None),
]


@pytest.mark.parametrize(
    ("runs", "status", "reason"), UNSCHEDULED, ids=["never", "failed", "too-old", "fresh"]
)
def test_healthz_without_a_schedule(
    tmp_path: Path, runs: list[tuple[str, int, str | None]], status: int, reason: None
) -> None:
    response = _healthz(tmp_path, runs, scheduled=False)
    assert response.status_code == status
    assert ("reason" in response.json()) == (status == 503)


def _healthz(tmp_path: Path, runs: list[tuple[str, int, str | None]], **options: Any) -> Any:
    """/healthz of a store whose runs were recorded as `runs` (source, hours before NOW, error)."""
    from tracker.store.state import record_run

    local = open_store(f"sqlite:///{tmp_path / 't.db'}", tmp_path / "snapshots")
    try:
        for source, hours, error in runs:
            record_run(local, source, NOW - hours * HOURS, None, error)
        app = create_app(local, BASE, clock=lambda: NOW, **options)
        with TestClient(app) as test_client:
            return test_client.get("/healthz")
    finally:
        local.engine.dispose()


# --- caching, conditional requests, headers ------------------------------------------------

CACHED = [
    "/",
    "/letters/kst-32317-AT@2",
    "/letters/kst-32317-AT@2.xml",
    "/threads/{thread}",
    "/changes/{hex}",
    "/compare?old={first}&new={last}",
    "/feeds/positions.atom",
    "/feeds/changes.rss",
    "/feeds/thread/{thread}.atom",
    "/feeds.opml",
    "/api/letters",
    "/api/changes?kind=position",
    "/api/openapi.json",
]


@pytest.mark.parametrize("template", CACHED)
def test_conditional_requests(client: TestClient, ids: dict[str, str], template: str) -> None:
    url = _url(template, ids)
    first = client.get(url)
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert etag == '"' + hashlib.sha256(first.content).hexdigest()[:32] + '"'  # strong: no W/
    assert modified == format_datetime(NOW, usegmt=True)
    assert first.headers["cache-control"] == "public, max-age=60"
    again = client.get(url)  # from the cache this time: the same answer
    assert (again.content, again.headers["etag"]) == (first.content, etag)
    for headers, status in [
        ({"If-None-Match": etag}, 304),
        ({"If-None-Match": f'"other", W/{etag}'}, 304),
        ({"If-None-Match": "*"}, 304),
        ({"If-None-Match": '"other"'}, 200),
        ({"If-Modified-Since": modified}, 304),
        ({"If-Modified-Since": format_datetime(NOW + timedelta(days=1), usegmt=True)}, 304),
        ({"If-Modified-Since": format_datetime(NOW - timedelta(seconds=1), usegmt=True)}, 200),
        ({"If-Modified-Since": "gisteren"}, 200),
        ({"If-None-Match": '"other"', "If-Modified-Since": modified}, 200),  # INM wins
        ({"If-None-Match": etag, "If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT"}, 304),
    ]:
        response = client.get(url, headers=headers)
        assert response.status_code == status, headers
        if status == 304:
            assert response.content == b""
            assert response.headers["etag"] == etag
            assert response.headers["cache-control"] == "public, max-age=60"
            assert "content-security-policy" in response.headers


def test_head_answers_like_get_without_a_body(client: TestClient) -> None:
    got, head = client.get("/feeds/positions.atom"), client.head("/feeds/positions.atom")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == got.headers["etag"]
    assert head.headers["content-length"] == str(len(got.content))


SECURITY = [
    "/",
    "/changes/{hex}",
    "/feeds/positions.atom",
    "/api/letters",
    "/healthz",
    "/nergens",
    "/api/nergens",
    "/compare",
]


@pytest.mark.parametrize("template", SECURITY)
def test_security_headers_on_every_answer(
    client: TestClient, ids: dict[str, str], template: str
) -> None:
    url = _url(template, ids)
    for response in (client.get(url), client.get(url, headers={"If-None-Match": "*"})):
        csp = response.headers["content-security-policy"]
        for directive in (
            "default-src 'none'",
            "img-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ):
            assert directive in csp
        assert "'unsafe-inline'" not in csp and "script-src" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("template", ["/", "/compare?old={first}&new={last}", "/nergens"])
def test_csp_lets_the_inline_style_in(
    client: TestClient, ids: dict[str, str], template: str
) -> None:
    """The page's own <style> is allowed by its hash: the layout is not blocked."""
    response = client.get(_url(template, ids))
    styles = html.document_fromstring(response.content).xpath("//style/text()")
    assert len(styles) == 1
    digest = hashlib.sha256(styles[0].encode()).digest()
    assert (
        f"'sha256-{base64.b64encode(digest).decode()}'"
        in response.headers["content-security-policy"]
    )


def test_hot_answers_are_not_rendered_again(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once rendered, a feed is served from memory: the store is not asked again."""
    client.get("/feeds/changes.atom")

    def fail(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the store was queried for a cached feed")

    monkeypatch.setattr("tracker.web.feed_routes.feed_items", fail)
    monkeypatch.setattr("tracker.web.site.last_ingest", fail)
    assert client.get("/feeds/changes.atom").status_code == 200


def test_a_new_ingest_refreshes_the_answers(tmp_path: Path) -> None:
    """Answers follow the store's last ingest, looked at again at most once a second."""
    now = [NOW]
    local = open_store(f"sqlite:///{tmp_path / 'tracker.db'}", tmp_path / "snapshots")
    try:
        Ingestor(local, 10**9).ingest_paths(LETTERS[:1], NOW)
        with TestClient(create_app(local, BASE, clock=lambda: now[0])) as test_client:
            before = test_client.get("/api/letters")
            later = NOW + timedelta(hours=1)
            Ingestor(local, 10**9).ingest_paths(LETTERS[1:2], later)
            assert test_client.get("/api/letters").content == before.content  # within 1 s
            now[0] += timedelta(seconds=2)
            after = test_client.get(
                "/api/letters", headers={"If-None-Match": before.headers["etag"]}
            )
    finally:
        local.engine.dispose()
    assert after.status_code == 200 and len(after.json()) == 2
    assert after.headers["last-modified"] == format_datetime(later, usegmt=True)


# --- escaping ----------------------------------------------------------------------------


def test_nothing_hostile_gets_through(client: TestClient, ids: dict[str, str]) -> None:
    """The hostile title and sentence show as text; no answer holds them as markup."""
    urls = [_url(path, ids) for path, _ in PAGES.values()] + [
        _url(path, ids)
        for path in (
            "/letters/{hostile_letter}.xml",
            "/api/letters/{hostile_letter}",
            "/api/threads/{hostile_thread}",
            "/api/changes/{hostile_hex}",
            "/api/changes?limit=500",
            "/api/threads",
            "/compare?old={first}&new={hostile_letter}",
            "/api/compare?old={first}&new={hostile_letter}",
            "/feeds/changes.atom",
            "/feeds/changes.rss",
            "/feeds/thread/{hostile_thread}.atom",
            "/feeds.opml",
        )
    ]
    for url in urls:
        body = client.get(url).content
        assert b"<script" not in body.lower(), url
        assert b"\x01" not in body, url
    answer = client.get(_url("/api/changes/{hostile_hex}", ids))
    assert (
        "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026" in answer.text
    )  # escaped in the JSON text ...
    assert SHOWN in answer.json()["title"]  # ... intact in its data


HOSTILE_ITEMS = {
    "markup-title": {"new": {"ref": "I.1", "title": HOSTILE}, "changes": []},
    "control-in-words": {
        "new": {"ref": "I.1", "title": "t"},
        "changes": [{"op": "replace", "words": [["delete", HOSTILE], ["insert", "\x00\x1f"]]}],
    },
    "stance-as-markup": {
        "new": {"ref": "<b>", "title": "t", "kind": '"><i>'},
        "changes": [{"op": "insert", "new": "x", "stance": {"old": "<u>", "new": "support"}}],
    },
}


@pytest.mark.parametrize("name", HOSTILE_ITEMS)
def test_items_render_whatever_they_hold(name: str) -> None:
    """Items straight from a diff (not cleaned by the normaliser) render as plain text."""
    from lxml.html import tostring

    out = tostring(item_article(HOSTILE_ITEMS[name]), encoding="unicode")
    assert "<script" not in out and "<b>" not in out and "<u>" not in out and "<i>" not in out
    assert "\x01" not in out and "\x00" not in out


@pytest.mark.parametrize(
    ("value", "shown"),
    [("a\x01b", "ab"), ("noot\ue0003\ue001", "noot"), (None, ""), (3, "3"), ("\ud800x", "x")],
)
def test_text_drops_what_xml_cannot_hold(value: Any, shown: str) -> None:
    assert text(value) == shown


@pytest.mark.parametrize(
    ("official_id", "source", "expected"),
    [
        ("kst-1-2", None, "https://zoek.officielebekendmakingen.nl/kst-1-2.html"),
        ("kst-1-2", "https://www.rijksoverheid.nl/x.pdf", "https://www.rijksoverheid.nl/x.pdf"),
        ("kst-1-2", "javascript:alert(1)", "https://zoek.officielebekendmakingen.nl/kst-1-2.html"),
        ("sha256-abc", "file:///etc/passwd", None),
        ("sha256-abc", None, None),
    ],
)
def test_official_source(official_id: str, source: str | None, expected: str | None) -> None:
    assert official_url(official_id, source) == expected


# --- conditional GET as data ----------------------------------------------------------------

ENTRY = make_entry(CachedBody(b"body", "text/plain"), NOW, ())
ETAG = ENTRY.etag
STAMP = format_datetime(NOW, usegmt=True)
CONDITIONS = {
    "no validators": (None, None, False),
    "etag": (ETAG, None, True),
    "weak form of etag": (f"W/{ETAG}", None, True),
    "etag in a list": (f'"a", {ETAG} ,"b"', None, True),
    "star": ("*", None, True),
    "other etag": ('"a"', None, False),
    "unquoted etag": (ETAG.strip('"'), None, False),
    "same second": (None, STAMP, True),
    "later": (None, "Sun, 29 Nov 2026 12:00:00 GMT", True),
    "earlier": (None, "Sat, 28 Nov 2026 11:59:59 GMT", False),
    "not a date": (None, "morgen", False),
    "etag wins over date": ('"a"', STAMP, False),
    "etag wins, date old": (ETAG, "Thu, 01 Jan 1970 00:00:00 GMT", True),
}


@pytest.mark.parametrize("name", CONDITIONS)
def test_not_modified(name: str) -> None:
    if_none_match, if_modified_since, expected = CONDITIONS[name]
    assert is_not_modified(ENTRY, if_none_match, if_modified_since) is expected


def test_validator_helpers() -> None:
    assert etag_matches('"x"', ' W/"x" ')
    assert parse_http_date("Sat, 28 Nov 2026 12:00:00 GMT") == NOW
    assert parse_http_date("") is None
    assert dict(ENTRY.ok_headers)[b"last-modified"] == STAMP.encode()
    assert b"last-modified" not in dict(ENTRY.not_modified_headers)  # a 304 has the ETag


def test_site_css_is_the_diff_css_and_more() -> None:
    from tracker.views.html import CSS

    assert SITE_CSS.startswith(CSS)


# --- a real browser ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(store: Store) -> Iterator[str]:
    """The app under uvicorn (as `serve` runs it) in a thread, on a free loopback port."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    running = uvicorn.Server(server_config(create_app(store, base), "127.0.0.1", port))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield base
    running.should_exit = True
    thread.join(timeout=15)


def _chromium(profile: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run_chromium(profile, url, *args)


BROWSED: dict[str, tuple[str, Callable[[Any], Any]]] = {
    "home": (
        "/",
        lambda dom: (
            "Laatste standpuntwijzigingen" in dom.text_content()
            and dom.xpath("//section[@id='standpunten']//span[@data-stance]")
        ),
    ),
    "thread": ("/threads/{hostile_thread}", lambda dom: SHOWN in dom.text_content()),
    "change": (
        "/changes/{hex}",
        lambda dom: dom.xpath("//del") or dom.xpath("//ins"),
    ),
    "compare": (
        "/compare?old={old_letter}&new={letter}",
        lambda dom: (
            dom.xpath("//header[@class='site']/nav/a[@href='/#brieven']")
            and all(n == entries for n, entries in shown_counts(dom).values())
            and "JBZ-Raad 8 december 2025 (Eerste Kamer)" in dom.text_content()
        ),
    ),
    "letter": (
        "/letters/{letter}",
        lambda dom: (
            dom.xpath("//section[@id='sinds']//a[@class='since']")
            and "sha256-" not in dom.text_content()
        ),
    ),
}


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no browser: /usr/bin/chromium is not installed")
@pytest.mark.parametrize("name", BROWSED)
def test_pages_in_a_real_browser(
    server: str, ids: dict[str, str], tmp_path: Path, name: str
) -> None:
    """Chromium loads the page from the running server; its DOM has what a reader needs."""
    path, check = BROWSED[name]
    url = server + _url(path, ids)
    dom = html.document_fromstring(_chromium(tmp_path / "profile", url, "--dump-dom").stdout)
    assert check(dom), dom.text_content()[:500]
    assert not dom.xpath("//script")


@pytest.mark.skipif(not CHROMIUM.exists(), reason="no browser: /usr/bin/chromium is not installed")
def test_screenshots_in_a_real_browser(server: str, ids: dict[str, str], tmp_path: Path) -> None:
    """Screenshots of the home, a thread, a change, a compare and a letter page, kept under
    test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)
    for name, path in (
        ("home", "/"),
        ("thread", "/threads/{thread}"),
        ("change", "/changes/{hex}"),
        ("compare", "/compare?old={old_letter}&new={letter}"),
        ("letter", "/letters/{letter}"),
    ):
        shot = ARTIFACTS / f"web-{name}.png"
        shot.unlink(missing_ok=True)
        _chromium(
            tmp_path / "profile",
            server + _url(path, ids),
            f"--screenshot={shot}",
            "--window-size=1280,1600",
        )
        assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 30_000


def _titles(value: object) -> Iterator[str]:
    """Every string under a "title" key (or ending in "_title") of a JSON answer."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if isinstance(inner, str) and (key == "title" or key.endswith("_title")):
                yield inner
            else:
                yield from _titles(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _titles(inner)


def test_no_title_in_any_answer_holds_markers_private_use_or_line_breaks(tmp_path: Path) -> None:
    """Every title in every published file and API answer: the two chambers' letters of
    one meeting included."""
    store = open_store(f"sqlite:///{tmp_path / 't.db'}", tmp_path / "snapshots")
    case = DEV / "21-epsco-tweede-vs-eerste-kamer"
    chain = [DEV / "17-epsco-chain-june-to-december" / "old.pdf", *LETTERS[1:2]]
    Ingestor(store, 10**9).ingest_paths([*chain, case / "old.html", case / "new.pdf"], NOW)
    with TestClient(create_app(store, BASE, clock=lambda: NOW)) as client:
        answers = [client.get(p).json() for p in ("/api/letters", "/api/threads", "/api/changes")]
        answers += [client.get(f"/api/threads/{t['key']}").json() for t in answers[1]]
        answers += [client.get(f"/api/letters/{info['name']}").json() for info in answers[0]]
    store.engine.dispose()
    titles = [t for answer in answers for t in _titles(answer)]
    assert titles and not [t for t in titles if UNSHOWN.search(t)]
    publish(store, tmp_path / "site", BASE, NOW)
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file():
            root = etree.fromstring(path.read_bytes())
            texts = [e.text or "" for e in root.iter() if str(e.tag).endswith("title")]
            texts += [o.get("text", "") for o in root.iter("outline")]
            assert not [t for t in texts if UNSHOWN.search(t)], path
