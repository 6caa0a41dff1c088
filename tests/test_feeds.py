"""Feeds: Atom and RSS of the changes, the OPML list, and publishing them as static files.

Every rendered feed is read back with feedparser (well-formedness only, so versions,
ids, dates, titles and links are checked here too), the positions feed and the OPML are
compared in full with golden files, and a real feed reader (newsboat) reads the
published folder from a local web server.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import os
import re
import shutil
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import lxml.html
import pytest
from conftest import DEV, SEED
from lxml import etree

from tracker.feeds import (
    AMSTERDAM,
    EPOCH,
    Feed,
    FeedError,
    all_feeds,
    entry_html,
    entry_title,
    feed_updated,
    formation_slug,
    official_url,
    page_url,
    render_feed,
    render_opml,
)
from tracker.ingest import Ingestor
from tracker.naming import council_name
from tracker.publish import publish
from tracker.store import Store, open_store
from tracker.store.queries import FeedItem, ThreadInfo, feed_items, formations, list_threads

GOLDEN = Path(__file__).parent / "golden" / "feeds"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
BASE = "https://tracker.example.nl"
OCTOBER = SEED / "jbz-2025-10-13.xml"
DECEMBER = DEV / "11-next-meeting-eerste-kamer" / "new.pdf"
CORRECTED = DEV / "05-position-changes" / "new.html"  # the October letter, positions edited
VERSIONS = {"atom": "atom10", "rss": "rss20"}
CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


# tracker.store.queries calls Result.tuples(), deprecated in SQLAlchemy 2.1: not this module's.
def _ingest(store: Store, paths: Sequence[Path], now: datetime = NOW) -> Any:
    return Ingestor(store, 10**9).ingest_paths(paths, now)


@pytest.fixture
def new_store(tmp_path: Path) -> Iterator[Any]:
    """Opens stores in a temp dir by name; disposes of their engines at the end."""
    opened: list[Store] = []

    def make(name: str, paths: Sequence[Path] = ()) -> Store:
        folder = tmp_path / name
        folder.mkdir()
        store = open_store(f"sqlite:///{folder}/tracker.db", folder / "snapshots")
        opened.append(store)
        _ingest(store, paths)
        return store

    yield make
    for store in opened:
        store.engine.dispose()


@pytest.fixture(scope="module")
def golden_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The seed XML and the December PDF: what the golden files show."""
    folder = tmp_path_factory.mktemp("golden")
    store = open_store(f"sqlite:///{folder}/tracker.db", folder / "snapshots")
    _ingest(store, [OCTOBER, DECEMBER])
    yield store
    store.engine.dispose()


@pytest.fixture(scope="module")
def full_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """Also the corrected October letter: entries with an official (`kst-`) source."""
    folder = tmp_path_factory.mktemp("full")
    store = open_store(f"sqlite:///{folder}/tracker.db", folder / "snapshots")
    _ingest(store, [OCTOBER, DECEMBER, CORRECTED])
    yield store
    store.engine.dispose()


def _feeds_of(store: Store) -> list[Feed]:
    return all_feeds(formations(store), list_threads(store))


def _items_of(store: Store, feed: Feed) -> list[FeedItem]:
    return feed_items(store, kind=feed.kind, thread=feed.thread, formation=feed.formation)


def _render(store: Store, feed: Feed, fmt: str) -> tuple[bytes, list[FeedItem]]:
    items = _items_of(store, feed)
    return render_feed(feed, items, fmt, BASE, feed_updated(items)), items


def _render_all(store: Store) -> dict[str, bytes]:
    """Every feed in both formats and the OPML, by URL path."""
    feeds = _feeds_of(store)
    rendered = {"/feeds.opml": render_opml(feeds, BASE)}
    for feed in feeds:
        for fmt in VERSIONS:
            rendered[feed.path(fmt)] = _render(store, feed, fmt)[0]
    return rendered


# --- what a reader sees ------------------------------------------------------------------


def _published(entry: Any, fmt: str) -> datetime:
    text = entry.published
    return datetime.fromisoformat(text) if fmt == "atom" else parsedate_to_datetime(text)


def _letter_midnight(item: FeedItem) -> datetime:
    assert item.published is not None
    return datetime.fromisoformat(item.published).replace(tzinfo=AMSTERDAM)


def check_feed(data: bytes, fmt: str, feed: Feed, items: list[FeedItem]) -> Any:
    """Read a rendered feed back and check it against the items it was made of."""
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, (feed.slug, fmt, parsed.get("bozo_exception"))
    assert parsed.version == VERSIONS[fmt]
    assert parsed.feed.title == feed.title
    assert parsed.feed.language == "nl"
    ids = [entry.id for entry in parsed.entries]
    assert ids == [item.guid for item in items]
    assert len(set(ids)) == len(ids)
    assert not CONTROL.search(data)
    for entry, item in zip(parsed.entries, items, strict=True):
        assert entry.title == entry_title(item)
        published = _published(entry, fmt)
        assert published.tzinfo is not None
        assert published == _letter_midnight(item)
        assert published.utcoffset() == _letter_midnight(item).utcoffset()
        _check_links(entry, fmt, item)
    return parsed


def _content(entry: Any) -> str:
    return str(entry.content[0].value if "content" in entry else entry.description)


def _check_links(entry: Any, fmt: str, item: FeedItem) -> None:
    page, source = page_url(BASE, item.guid), official_url(item)
    assert entry.link == page
    if fmt == "rss":
        assert entry.guidislink is False
        assert (source is None) or f'href="{source}"' in entry.description
        return
    links = [{k: v for k, v in link.items() if k != "title"} for link in entry.links]
    expected = [{"href": page, "rel": "alternate", "type": "text/html"}]
    if source:
        expected.append({"href": source, "rel": "related", "type": "text/html"})
    assert links == expected


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_every_feed_reads_back(full_store: Store, fmt: str) -> None:
    """All kinds of feeds in both formats: versions, ids, dates, titles and links hold."""
    feeds = _feeds_of(full_store)
    assert [f.slug for f in feeds[:3]] == [
        "positions",
        "changes",
        "formation/jbz",
    ]
    entries = 0
    for feed in feeds:
        data, items = _render(full_store, feed, fmt)
        parsed = check_feed(data, fmt, feed, items)
        entries += len(parsed.entries)
        if feed.thread:
            assert {item.thread_key for item in items} <= {feed.thread}
    positions = _items_of(full_store, feeds[0])
    assert entries > 2 * len(positions) > 0
    assert {i.kind for i in positions} == {"position"}
    titles = {entry_title(i) for i in positions}
    assert (
        "Europese Verordening ter voorkoming en bestrijding van seksueel misbruik van kinderen"
        " — Nederland: tegen → voor (JBZ-Raad 13 oktober 2025)" in titles
    )
    assert any(official_url(i) for i in positions), "the corrected letter has a kst id"


def test_positions_feed_and_opml_match_golden(golden_store: Store, update_golden: bool) -> None:
    """The headline feed in Atom and RSS and the OPML, compared in full."""
    feeds = _feeds_of(golden_store)
    outputs = {
        "positions.atom": _render(golden_store, feeds[0], "atom")[0],
        "positions.rss": _render(golden_store, feeds[0], "rss")[0],
        "feeds.opml": render_opml(feeds, BASE),
    }
    for name, data in outputs.items():
        golden = GOLDEN / name
        if update_golden:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(data)
        assert data.decode("utf-8") == golden.read_text("utf-8"), name


def test_opml_lists_the_headline_and_formation_feeds(golden_store: Store) -> None:
    """One outline per headline and formation feed with its absolute URL, grouped by
    formation; a dossier's feed is offered on its thread's page, not here."""
    feeds = _feeds_of(golden_store)
    root = etree.fromstring(render_opml(feeds, BASE, "rss"))
    assert root.get("version") == "2.0"
    outlines = root.findall(".//outline[@xmlUrl]")
    assert [(o.get("text"), o.get("xmlUrl"), o.get("type")) for o in outlines] == [
        (f.title, BASE + f.path("rss"), "rss") for f in feeds if f.thread is None
    ]
    assert [o.get("text") for o in root.find("body")] == [
        feeds[0].title,
        feeds[1].title,
        "JBZ-Raad",
    ]


# --- titles, dates, links and content, as data -------------------------------------------

CHANGE: dict[str, Any] = {
    "status": "changed",
    "old": {"ref": "II.4", "title": "Europese Verordening CSAM", "kind": "Beleidsdebat"},
    "new": {"ref": "II.3", "title": "Europese Verordening CSAM", "kind": "Beleidsdebat"},
    "moved": True,
    "retitled": False,
    "similarity": 0.9,
    "position_change": {"old": "oppose", "new": "support"},
    "changes": [
        {
            "op": "replace",
            "field": "body",
            "old": "Nederland kan het voorstel niet steunen.",
            "new": "Nederland kan het voorstel steunen.",
            "position": True,
            "stance": {"old": "oppose", "new": "support"},
            "cue": {"old": "niet steunen", "new": "steunen"},
            "words": [
                ["equal", "Nederland kan het voorstel "],
                ["delete", "niet "],
                ["equal", "steunen."],
            ],
        },
        {
            "op": "insert",
            "field": "body",
            "old": None,
            "new": "Er is een compromis.",
            "position": False,
        },
    ],
}
ITEM = FeedItem(
    guid="tracker:position:" + "ab" * 16,
    kind="position",
    published="2025-11-24",
    formation="Justitie en Binnenlandse Zaken",
    thread_key="c" * 24,
    thread_title="Europese Verordening CSAM",
    letter="kst-32317-1012@1",
    old_letter="kst-32317-1000@1",
    meeting="2025-12-08",
    official_id="kst-32317-1012",
    source_url=None,
    change=CHANGE,
    undoes=None,
    addressee="Tweede Kamer",
    date="2025-11-24",
    old_meeting="2025-10-13",
    old_addressee="Tweede Kamer",
    old_date="2025-09-29",
)
UNDONE = "tracker:change:" + "cd" * 16


def _item(position_change: Any = CHANGE["position_change"], **fields: Any) -> FeedItem:
    return dataclasses.replace(
        ITEM, change={**CHANGE, "position_change": position_change}, **fields
    )


TITLES = {
    "stance moves": (_item(), "— Nederland: tegen → voor (JBZ-Raad 8 december 2025)"),
    "conditional": (
        _item({"old": "neutral", "new": "conditional"}),
        "— Nederland: neutraal → onder voorwaarden (JBZ-Raad 8 december 2025)",
    ),
    "stance given up": (
        _item({"old": "support", "new": "none"}),
        "— Nederland: voor → geen standpunt (JBZ-Raad 8 december 2025)",
    ),
    "same stance reworded": (
        _item({"old": "support", "new": "support"}),
        "— Nederland: standpunt anders verwoord (voor) (JBZ-Raad 8 december 2025)",
    ),
    "plain change": (_item(None, kind="change"), "— gewijzigd (JBZ-Raad 8 december 2025)"),
    "undone change": (
        _item(None, kind="change", undoes=UNDONE),
        "— teruggedraaid (JBZ-Raad 8 december 2025)",
    ),
    "undone stance": (
        _item(undoes=UNDONE),
        "— teruggedraaid: Nederland weer voor (JBZ-Raad 8 december 2025)",
    ),
    "no meeting date": (
        _item(None, meeting=None),
        "— gewijzigd (JBZ-Raad, brief van 24 november 2025)",
    ),
    "formation without a short name": (
        _item(None, formation="Visserij en Oceanen"),
        "— gewijzigd (Raad Visserij en Oceanen 8 december 2025)",
    ),
}


@pytest.mark.parametrize("name", TITLES)
def test_entry_titles(name: str) -> None:
    item, ending = TITLES[name]
    assert entry_title(item) == f"Europese Verordening CSAM {ending}"


def test_a_title_loses_footnote_markers() -> None:
    head = {
        "ref": "B3",
        "title": "Informatieafspraken terugkeerverordening\ue0007\ue001",
        "kind": None,
    }
    item = dataclasses.replace(ITEM, change={**CHANGE, "new": head, "position_change": None})
    assert entry_title(item) == (
        "Informatieafspraken terugkeerverordening — gewijzigd (JBZ-Raad 8 december 2025)"
    )


COUNCILS = [
    ("jbz", "JBZ-Raad", "jbz"),
    ("epsco-wsb", "EPSCO-Raad", "epsco-wsb"),
    ("rbz-handel", "Raad Buitenlandse Zaken (Handel)", "rbz-handel"),
    ("Justitie en Binnenlandse Zaken", "JBZ-Raad", "justitie-en-binnenlandse-zaken"),
    ("Landbouw en Visserij", "Landbouw- en Visserijraad", "landbouw-en-visserij"),
    ("Economische en Financiële Zaken", "Ecofin-Raad", "economische-en-financiele-zaken"),
    ("Algemene Zaken", "Raad Algemene Zaken", "algemene-zaken"),
    ("Milieu", "Milieuraad", "milieu"),
    ("Visserij en Oceanen", "Raad Visserij en Oceanen", "visserij-en-oceanen"),
    ("", "Raad van de EU", "onbekend"),
]


@pytest.mark.parametrize(("formation", "name", "slug"), COUNCILS, ids=[c[2] for c in COUNCILS])
def test_council_names_and_slugs(formation: str, name: str, slug: str) -> None:
    assert (council_name(formation), formation_slug(formation)) == (name, slug)


OFFICIAL = {
    "kst id": (
        None,
        "kst-32317-1012",
        "https://zoek.officielebekendmakingen.nl/kst-32317-1012.html",
    ),
    "fetched from": ("https://example.org/brief.pdf", "kst-1", "https://example.org/brief.pdf"),
    "not a web address": (
        "javascript:alert(1)",
        "kst-1",
        "https://zoek.officielebekendmakingen.nl/kst-1.html",
    ),
    "unknown id": (None, "sha256-52dd688ef3b7", None),
}


@pytest.mark.parametrize("name", OFFICIAL)
def test_official_links(name: str) -> None:
    source_url, official_id, expected = OFFICIAL[name]
    item = dataclasses.replace(ITEM, source_url=source_url, official_id=official_id)
    assert official_url(item) == expected


def test_entry_dates_are_the_letter_date_in_amsterdam() -> None:
    assert _item().published == "2025-11-24"
    assert feed_updated([_item()]).isoformat() == "2025-11-24T00:00:00+01:00"
    summer = dataclasses.replace(ITEM, published="2026-06-01")
    assert feed_updated([_item(), summer]).isoformat() == "2026-06-01T00:00:00+02:00"
    assert feed_updated([]) == EPOCH


def test_entry_content_is_a_small_html_fragment() -> None:
    """The sentences that changed, word edits marked, and links: not the letter."""
    page = f"{BASE}/changes/{'ab' * 16}"
    official = "https://zoek.officielebekendmakingen.nl/kst-32317-1012.html"
    assert entry_html(_item(), BASE + "/").split("\n") == [
        "<p>Standpunt van Nederland: <strong>tegen → voor</strong>.</p>",
        "<p><strong>Zin gewijzigd (standpunt tegen → voor): </strong>Nederland kan het voorstel "
        "<del>niet </del>steunen.</p>",
        "<p>Was: Nederland kan het voorstel niet steunen.<br>Nu: Nederland kan het voorstel "
        "steunen.</p>",
        "<p><strong>Zin toegevoegd: </strong><ins>Er is een compromis.</ins></p>",
        "<p>Nu: Er is een compromis.</p>",
        f'<p><a href="{page}">Bekijk de wijziging</a> · <a href="{official}">officiële '
        "publicatie</a> · brief JBZ-Raad 8 december 2025 (Tweede Kamer), vergeleken met "
        "JBZ-Raad 13 oktober 2025 (Tweede Kamer)</p>",
    ]


def test_a_long_change_is_cut_short() -> None:
    many = [{"op": "insert", "field": "body", "old": None, "new": f"Zin {n}."} for n in range(11)]
    item = dataclasses.replace(ITEM, change={**CHANGE, "changes": many, "position_change": None})
    html = entry_html(item, BASE)
    assert html.count("<ins>") == 8
    assert "En nog 3 wijzigingen: zie <a" in html


def test_feed_paths() -> None:
    threads = [
        ThreadInfo("0123abcd" * 3, "Landbouw en Visserij", "Bodemmonitoring", 2, "2026-11-24")
    ]
    feeds = all_feeds(["Landbouw en Visserij"], threads)
    assert [(f.path("atom"), f.path("rss"), f.kind, f.title) for f in feeds] == [
        (
            "/feeds/positions.atom",
            "/feeds/positions.rss",
            "position",
            "Standpunten van Nederland in de EU-Raden",
        ),
        (
            "/feeds/changes.atom",
            "/feeds/changes.rss",
            "change",
            "Wijzigingen in de geannoteerde agenda's",
        ),
        (
            "/feeds/formation/landbouw-en-visserij.atom",
            "/feeds/formation/landbouw-en-visserij.rss",
            "change",
            "Landbouw- en Visserijraad: wijzigingen in de geannoteerde agenda's",
        ),
        (
            "/feeds/thread/0123abcd0123abcd0123abcd.atom",
            "/feeds/thread/0123abcd0123abcd0123abcd.rss",
            "change",
            "Bodemmonitoring (Landbouw- en Visserijraad): wijzigingen",
        ),
    ]
    with pytest.raises(FeedError, match="'json': not a feed format"):
        feeds[0].path("json")
    with pytest.raises(FeedError, match="not a thread key"):
        all_feeds([], [dataclasses.replace(threads[0], key="../../etc")])
    with pytest.raises(FeedError, match="aware datetime"):
        render_feed(feeds[0], [], "atom", BASE, datetime(2026, 1, 1))


# --- hostile text ------------------------------------------------------------------------

HOSTILE = 'Verordening <script>alert(1)</script> "A&B"\x01 en\x0bverder\x7f'


def _hostile_item() -> FeedItem:
    change = {
        **CHANGE,
        "new": {"ref": "I.1", "title": HOSTILE, "kind": None},
        "changes": [
            {
                "op": "replace",
                "field": "body",
                "old": HOSTILE,
                "new": "Nieuw & <b>vet</b>\x02.",
                "position": False,
            },
            {"op": "insert", "field": "body", "old": None, "new": "<img src=x onerror=alert(1)>"},
        ],
    }
    return dataclasses.replace(
        ITEM,
        change=change,
        thread_title=HOSTILE,
        letter="kst-1@1\x01",
        source_url="javascript:alert(1)",
    )


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_hostile_text_is_escaped_and_cleaned(fmt: str) -> None:
    """Markup in letters stays text, control characters go: the feed stays well-formed."""
    feed = Feed("thread/" + "c" * 24, HOSTILE, "change", "c" * 24, None)
    item = _hostile_item()
    data = render_feed(feed, [item], fmt, BASE, NOW)
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    assert not CONTROL.search(data)
    assert b"<script" not in data and b"<img" not in data and b"javascript:" not in data
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0 and parsed.version == VERSIONS[fmt]
    clean = 'Verordening <script>alert(1)</script> "A&B" en verder'
    assert parsed.feed.title == clean
    assert (
        parsed.entries[0].title == f"{clean} — Nederland: tegen → voor (JBZ-Raad 8 december 2025)"
    )
    content = root.findtext(".//{*}entry/{*}content" if fmt == "atom" else ".//item/description")
    fragments = lxml.html.fragments_fromstring(content)
    tags = {el.tag for fragment in fragments for el in fragment.iter()}
    assert tags == {"p", "strong", "del", "ins", "a", "br"}
    text = "".join(f.text_content() for f in fragments)
    assert "<script>alert(1)</script>" in text and "<img src=x onerror=alert(1)>" in text


def test_rendering_twice_gives_the_same_bytes(golden_store: Store) -> None:
    assert _render_all(golden_store) == _render_all(golden_store)


def test_the_same_letters_again_change_no_feed(new_store: Any) -> None:
    """Ingesting the same files again, or rebuilding, adds no entry and changes no byte."""
    store = new_store("again", [OCTOBER, DECEMBER])
    before = _render_all(store)
    summary = _ingest(store, [OCTOBER, DECEMBER], NOW + timedelta(days=1))
    assert summary.count("unchanged") == 2
    assert _render_all(store) == before
    Ingestor(store, 10**9).rebuild(NOW + timedelta(days=2))
    assert _render_all(store) == before


# --- A -> B -> A -------------------------------------------------------------------------

LETTER = """Aan de Voorzitter van de Tweede Kamer der Staten-Generaal

Den Haag, {date}

Hierbij ontvangt u de geannoteerde agenda van de Milieuraad van {meeting} te Luxemburg.

De Minister van Klimaat en Groene Groei,

A. Jansen

Geannoteerde agenda Milieuraad {meeting}

I. Milieu

1. Verordening over verpakkingen en verpakkingsafval
Algemene oriëntatie

Het voorzitterschap streeft naar een algemene oriëntatie over de verordening over verpakkingen en verpakkingsafval. De verordening stelt bindende doelen voor hergebruik en recycling van verpakkingen in de hele Unie. De Commissie verwacht dat de hoeveelheid verpakkingsafval daardoor met een vijfde daalt. {position}

2. Klimaatdoel voor 2040
Gedachtewisseling

De Commissie heeft een voorstel gedaan voor een tussendoel van negentig procent minder uitstoot in 2040. De lidstaten verschillen van mening over de rol van internationale emissierechten bij het halen van dat doel. Het kabinet zal de discussie aanhoren en wijst op het belang van een haalbaar en betaalbaar pad.

3. Ontbossingsverordening
Informatie van de Commissie

De Commissie zal de Raad informeren over de invoering van de ontbossingsverordening voor grote en kleine bedrijven. Veel lidstaten vragen om een eenvoudiger systeem voor de controle van de herkomst van producten. Nederland neemt kennis van de informatie.
"""
SUPPORT = (
    "Nederland kan de algemene oriëntatie steunen, omdat de doelen voor hergebruik haalbaar zijn."
)
OPPOSE = "Nederland kan de algemene oriëntatie niet steunen, omdat de doelen voor hergebruik onhaalbaar zijn."
FLIP_FLOP = [
    ("17 februari 2026", "16 maart 2026", SUPPORT),
    ("18 mei 2026", "15 juni 2026", OPPOSE),
    ("21 september 2026", "19 oktober 2026", SUPPORT),
]


def test_a_position_put_back_is_an_undone_change(new_store: Any, tmp_path: Path) -> None:
    """A → B → A: the third letter's entries point at the change they reverse."""
    paths = []
    for n, (day, meeting, position) in enumerate(FLIP_FLOP, 1):
        path = tmp_path / f"milieuraad-{n}.txt"
        path.write_text(LETTER.format(date=day, meeting=meeting, position=position), "utf-8")
        paths.append(path)
    store = new_store("flipflop", paths)
    topic = "Verordening over verpakkingen en verpakkingsafval"
    items = feed_items(store)
    assert [(i.kind, i.published, i.undoes is not None, entry_title(i)) for i in items] == [
        (
            "change",
            "2026-09-21",
            True,
            f"{topic} — teruggedraaid: Nederland weer voor (Milieuraad 19 oktober 2026)",
        ),
        (
            "position",
            "2026-09-21",
            True,
            f"{topic} — teruggedraaid: Nederland weer voor (Milieuraad 19 oktober 2026)",
        ),
        (
            "change",
            "2026-05-18",
            False,
            f"{topic} — Nederland: voor → tegen (Milieuraad 15 juni 2026)",
        ),
        (
            "position",
            "2026-05-18",
            False,
            f"{topic} — Nederland: voor → tegen (Milieuraad 15 juni 2026)",
        ),
    ]
    assert items[0].undoes == items[1].undoes == items[2].guid
    earlier = page_url(BASE, items[2].guid)
    assert f'<strong>Teruggedraaid: </strong>deze brief draait <a href="{earlier}">' in entry_html(
        items[0], BASE
    )
    for feed in _feeds_of(store):
        for fmt in VERSIONS:
            data, feed_entries = _render(store, feed, fmt)
            parsed = check_feed(data, fmt, feed, feed_entries)
            if feed_entries and feed_entries[0].undoes:
                assert "teruggedraaid" in parsed.entries[0].title
                assert "Teruggedraaid" in _content(parsed.entries[0])


# --- publishing --------------------------------------------------------------------------


def _files(out: Path) -> dict[str, Path]:
    return {p.relative_to(out).as_posix(): p for p in sorted(out.rglob("*")) if p.is_file()}


def test_publish_writes_every_feed_and_rewrites_only_what_changed(
    new_store: Any, tmp_path: Path
) -> None:
    store = new_store("publish", [OCTOBER, DECEMBER])
    out = tmp_path / "site"
    written = publish(store, out, BASE, NOW)
    expected = {"feeds.opml"} | {
        feed.path(fmt).lstrip("/") for feed in _feeds_of(store) for fmt in VERSIONS
    }
    files = _files(out)
    assert set(files) == expected  # and no temporary files left behind
    assert sorted(written) == sorted(files.values())
    assert (
        files["feeds/positions.atom"].read_bytes() == _render(store, _feeds_of(store)[0], "atom")[0]
    )
    assert all(p.stat().st_mode & 0o777 == 0o644 for p in files.values())

    old = time.time_ns() - 3600 * 10**9
    for path in files.values():
        os.utime(path, ns=(old, old))
    before = {name: (p.read_bytes(), p.stat().st_ino) for name, p in files.items()}
    assert publish(store, out, BASE, NOW + timedelta(hours=1)) == []
    assert {name: (p.read_bytes(), p.stat().st_ino) for name, p in _files(out).items()} == before
    assert {p.stat().st_mtime_ns for p in _files(out).values()} == {old}

    _ingest(store, [CORRECTED], NOW + timedelta(days=1))
    changed = publish(store, out, BASE, NOW + timedelta(days=1))
    files = _files(out)
    assert files["feeds/positions.atom"] in changed
    assert not [name for name in files if name.endswith(".tmp") or "/." in f"/{name}"]
    for name, path in files.items():
        if path in changed:  # replaced by a rename: a new file, never a half-written one
            assert name not in before or (path.read_bytes(), path.stat().st_ino) != before[name]
        else:
            assert (path.read_bytes(), path.stat().st_ino) == before[name]
            assert path.stat().st_mtime_ns == old


# --- a real feed reader ------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No request log on stderr."""


@pytest.fixture
def served(full_store: Store, tmp_path: Path) -> Iterator[str]:
    """The published feeds, served over HTTP on loopback; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(tmp_path / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    publish(full_store, tmp_path / "site", base, NOW)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _newsboat() -> str | None:
    """newsboat, waiting a little in case it is being installed right now."""
    deadline = time.monotonic() + 5
    while (found := shutil.which("newsboat")) is None and time.monotonic() < deadline:
        time.sleep(0.5)
    return found


def _read_with_newsboat(newsboat: str, url: str, home: Path) -> tuple[str, list[tuple[str, ...]]]:
    """newsboat's `print-unread` line and its cached items (guid, title, link) for one feed."""
    home.mkdir()
    (home / "urls").write_text(url + "\n", "utf-8")
    (home / "config").write_text("download-timeout 20\nreload-threads 1\n", "utf-8")
    env = {"HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    cache, config = home / "cache.db", home / "config"
    command = [newsboat, "-u", str(home / "urls"), "-c", str(cache), "-C", str(config)]
    for action in ("reload", "print-unread"):
        run = subprocess.run(
            [*command, "-x", action], env=env, capture_output=True, text=True, timeout=120
        )
        assert run.returncode == 0, run.stderr
    with contextlib.closing(sqlite3.connect(cache)) as db:
        query = "SELECT guid, title, url FROM rss_item WHERE feedurl = ? ORDER BY guid"
        rows = db.execute(query, (url,)).fetchall()
    return run.stdout.strip(), rows


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_newsboat_reads_the_published_feeds(
    full_store: Store, served: str, tmp_path: Path, fmt: str
) -> None:
    """A real reader fetches the positions feed over HTTP and lists every entry by its title."""
    newsboat = _newsboat()
    if newsboat is None:
        pytest.skip("NO NEWSBOAT: install Debian's `newsboat` to read the feeds with a real reader")
    url = f"{served}/feeds/positions.{fmt}"
    unread, rows = _read_with_newsboat(newsboat, url, tmp_path / "home")
    items = feed_items(full_store, kind="position")
    assert unread == f"{len(items)} unread articles"
    assert rows == sorted((i.guid, entry_title(i), page_url(served, i.guid)) for i in items)


def test_a_subscriber_is_not_alerted_twice(tmp_path: Path) -> None:
    """newsboat subscribed through the OPML: another rendition, the other chamber's
    letter for the same meeting and a rebuild bring no new unread item; the headline
    feed is not empty."""
    newsboat = _newsboat()
    if newsboat is None:
        pytest.skip("NO NEWSBOAT: install Debian's `newsboat` to read the feeds with a real reader")
    store = open_store(f"sqlite:///{tmp_path / 't.db'}", tmp_path / "snapshots")
    site = tmp_path / "site"
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    reader = _Subscriber(newsboat, tmp_path / "home")
    try:
        _ingest(store, [OCTOBER, DECEMBER], NOW)
        publish(store, site, base, NOW)
        reader.subscribe(site / "feeds.opml")
        first = reader.unread()
        print("unread per feed:", first)
        assert first["positions"] > 0, first
        steps = [
            [SEED / "jbz-2025-10-13.pdf.txt", SEED / "jbz-2025-10-13.html"],  # renditions
            [SEED / "jbz-2025-10-13.agenda.docx"],  # the agenda on its own
            [DEV / "12-next-meeting-tweede-kamer" / "new.html"],  # the other chamber
        ]
        for paths in steps:
            _ingest(store, paths, NOW)
            publish(store, site, base, NOW)
            assert reader.unread() == first, paths
        Ingestor(store, 10**9).rebuild(NOW)
        publish(store, site, base, NOW)
        assert reader.unread() == first
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        store.engine.dispose()


class _Subscriber:
    """newsboat with its own home, urls imported from an OPML file."""

    def __init__(self, newsboat: str, home: Path) -> None:
        home.mkdir()
        self.home, self.newsboat = home, newsboat
        (home / "config").write_text("download-timeout 20\nreload-threads 1\n", "utf-8")
        self.env = {
            "HOME": str(home),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
        }

    def _run(self, *args: str) -> str:
        home = self.home
        command = [self.newsboat, "-u", str(home / "urls"), "-c", str(home / "cache.db")]
        command += ["-C", str(home / "config"), *args]
        run = subprocess.run(command, env=self.env, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
        return run.stdout

    def subscribe(self, opml: Path) -> None:
        (self.home / "urls").write_text("", "utf-8")
        self._run("-i", str(opml))

    def unread(self) -> dict[str, int]:
        """Unread items per feed (by the feed's last path segment), after a reload."""
        self._run("-x", "reload")
        with contextlib.closing(sqlite3.connect(self.home / "cache.db")) as db:
            rows = db.execute(
                "SELECT feedurl, COUNT(*) FROM rss_item WHERE unread = 1 GROUP BY feedurl"
            ).fetchall()
        return {url.rsplit("/", 1)[-1].split(".")[0]: count for url, count in rows}
