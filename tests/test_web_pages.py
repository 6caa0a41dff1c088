"""Pages and API as the store grows: SQL statements per page, and lists in pages.

Two stores of the synthetic corpus (benchmarks/corpus.py), one three times the other,
are read through the app; every page's first (cold) answer runs the same number of SQL
statements in both. Timing is benchmarks/pages.py's business, never a test's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import load_corpus_generator
from sqlalchemy import event, select
from starlette.testclient import TestClient

from tracker.ingest import Ingestor
from tracker.store import Store, open_store
from tracker.store.models import ChangeRow, FeedEntryRow, LetterRow, ThreadRow
from tracker.store.queries import LetterInfo, list_letters, list_threads
from tracker.web import api, create_app

BASE = "https://tracker.example.org"
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
SIZES = {"small": 12, "large": 36}
# Each page, with the store's names filled in: the newest letter that brought a change,
# the thread of the newest change, that change, and its formation's feed.
PAGES = [
    "/",
    "/letters/{letter}",
    "/letters/{letter}.xml",
    "/threads/{thread}",
    "/changes/{hex}",
    "/api/letters",
    "/api/letters?page=2&limit=5",
    "/api/letters/{letter}",
    "/api/threads",
    "/api/threads?page=2&limit=5",
    "/api/threads/{thread}",
    "/api/changes",
    "/api/changes/{hex}",
    "/feeds/changes.atom",
    "/feeds/positions.rss",
    "/feeds/{formation_feed}",
    "/feeds/thread/{thread}.atom",
    "/feeds.opml",
]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Store]]:
    """The first 12 and the first 36 letters of the synthetic corpus, each in a store."""
    corpus = load_corpus_generator()
    opened = {}
    for name, size in SIZES.items():
        folder = tmp_path_factory.mktemp(name)
        paths = corpus.generate(folder / "letters", size)
        store = open_store(f"sqlite:///{folder / 'tracker.db'}", folder / "snapshots")
        summary = Ingestor(store, 10**9).ingest_paths(paths, NOW)
        assert summary.count("failed") == 0, summary.outcomes
        opened[name] = store
    yield opened
    for store in opened.values():
        store.engine.dispose()


def names(store: Store) -> dict[str, str]:
    """What the pages of `store` are about (see PAGES)."""
    with store.sessions() as session:
        guid, key, formation, official_id, version = session.execute(
            select(
                FeedEntryRow.guid,
                ThreadRow.key,
                LetterRow.formation,
                LetterRow.official_id,
                LetterRow.version,
            )
            .join(ChangeRow, FeedEntryRow.change_id == ChangeRow.id)
            .join(ThreadRow, ChangeRow.thread_id == ThreadRow.id)
            .join(LetterRow, LetterRow.formation == ThreadRow.formation)
            .where(FeedEntryRow.kind == "change")
            .order_by(FeedEntryRow.id.desc(), LetterRow.id.desc())
        ).first()
    feed = next(p for p in _feed_paths(store) if p.startswith("formation/"))
    return {
        "letter": f"{official_id}@{version}",
        "thread": key,
        "hex": guid.rsplit(":", 1)[1],
        "formation_feed": feed,
    }


def _feed_paths(store: Store) -> list[str]:
    with TestClient(create_app(store, BASE, clock=lambda: NOW)) as client:
        opml = client.get("/feeds.opml").text
    return [part.split('"')[0] for part in opml.split(f'xmlUrl="{BASE}/feeds/')[1:]]


def statements(store: Store, path: str) -> int:
    """The SQL statements a fresh app (nothing cached) runs to answer `path`."""
    counted = [0]

    def count(*_: Any) -> None:
        counted[0] += 1

    with TestClient(create_app(store, BASE, clock=lambda: NOW)) as client:
        event.listen(store.engine, "before_cursor_execute", count)
        try:
            answer = client.get(path)
        finally:
            event.remove(store.engine, "before_cursor_execute", count)
    assert answer.status_code == 200, (path, answer.text[:300])
    return counted[0]


def test_the_stores_differ_in_size(stores: dict[str, Store]) -> None:
    small, large = (len(list_letters(stores[n])) for n in SIZES)
    assert large >= 2.5 * small
    assert len(list_threads(stores["large"])) > len(list_threads(stores["small"])) > 5


@pytest.mark.parametrize("page", PAGES)
def test_a_page_runs_as_many_statements_however_large_the_store(
    stores: dict[str, Store], page: str
) -> None:
    counts = {
        name: statements(store, page.format(**names(store))) for name, store in stores.items()
    }
    assert counts["small"] == counts["large"], counts
    assert counts["large"] <= 20, counts  # a handful of grouped queries, not one per row


# --- lists in pages -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(stores: dict[str, Store]) -> Iterator[TestClient]:
    with TestClient(create_app(stores["large"], BASE, clock=lambda: NOW)) as test_client:
        yield test_client


def _follow(client: TestClient, path: str) -> tuple[list[Any], list[str]]:
    """Every item of a paged list, from `path` on by its `next` links, and the pages seen."""
    items, seen = [], []
    url: str | None = path
    while url is not None:
        answer = client.get(url.removeprefix(BASE))
        assert answer.status_code == 200, answer.text
        items += answer.json()
        seen.append(url)
        url = answer.links.get("next", {}).get("url")
    return items, seen


@pytest.mark.parametrize(
    ("route", "listing", "to_json"),
    [
        ("/api/letters", list_letters, api.letter_json),
        ("/api/threads", list_threads, api.thread_json),
    ],
)
def test_a_list_is_answered_in_pages_that_next_links_join(
    client: TestClient, stores: dict[str, Store], route: str, listing: Any, to_json: Any
) -> None:
    whole = json.loads(api.json_bytes([to_json(info, BASE) for info in listing(stores["large"])]))
    assert len(whole) > 10
    items, seen = _follow(client, f"{route}?limit=4")
    assert items == whole  # the same items, shape and order as one list
    pages = -(-len(whole) // 4)
    assert seen == [f"{route}?limit=4"] + [
        f"{BASE}{route}?page={n}&limit=4" for n in range(2, pages + 1)
    ]
    assert client.get(route).json() == whole[: api.PAGE_SIZE]


def test_a_page_says_where_the_others_are(client: TestClient, stores: dict[str, Store]) -> None:
    total = len(list_letters(stores["large"]))
    last = -(-total // 5)
    answer = client.get("/api/letters?page=2&limit=5")
    assert answer.headers["x-total-count"] == str(total)
    assert answer.headers["link"] == ", ".join(
        [
            f'<{BASE}/api/letters?page=1&limit=5>; rel="first"',
            f'<{BASE}/api/letters?page=1&limit=5>; rel="prev"',
            f'<{BASE}/api/letters?page=3&limit=5>; rel="next"',
            f'<{BASE}/api/letters?page={last}&limit=5>; rel="last"',
        ]
    )
    first = client.get("/api/threads")
    total_threads = int(first.headers["x-total-count"])
    assert total_threads == len(list_threads(stores["large"]))
    assert first.headers["link"].startswith(f'<{BASE}/api/threads?page=1>; rel="first"')
    assert ("next" in first.links) == (total_threads > api.PAGE_SIZE)
    final = client.get(f"/api/letters?page={last}&limit=5")
    assert "next" not in final.links and final.links["prev"]["url"].endswith(
        f"page={last - 1}&limit=5"
    )


@pytest.mark.parametrize(
    ("path", "status", "says"),
    [
        ("/api/letters?page=999", 404, "Pagina 999 bestaat niet; er zijn er 1."),
        ("/api/threads?page=40&limit=500", 404, "Pagina 40 bestaat niet"),
        ("/api/letters?page=0", 400, "page='0': geef een paginanummer vanaf 1."),
        ("/api/letters?page=laatste", 400, "page='laatste': geef een paginanummer"),
        ("/api/threads?limit=501", 400, "limit='501': geef een geheel getal van 1 tot 500."),
        (
            "/api/threads?offset=3",
            400,
            "Parameter 'offset' kent /api/threads niet; wel: page, limit.",
        ),
    ],
)
def test_a_page_that_is_not_there_is_named(
    client: TestClient, path: str, status: int, says: str
) -> None:
    answer = client.get(path)
    assert (answer.status_code, answer.json()["error"]["message"][: len(says)]) == (status, says)


def test_the_openapi_description_tells_of_the_pages(client: TestClient) -> None:
    described = client.get("/api/openapi.json").json()["paths"]
    for route in ("/api/letters", "/api/threads"):
        operation = described[route]["get"]
        assert [p["name"] for p in operation["parameters"]] == ["page", "limit"]
        assert set(operation["responses"]["200"]["headers"]) == {"Link", "X-Total-Count"}
        assert set(operation["responses"]) == {"200", "400", "404"}


def test_the_readme_tells_of_the_pages() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text("utf-8")
    assert "?page=2&limit=100" in readme and 'rel="next"' in readme


def _listed(number: int, formation: str) -> LetterInfo:
    month, day = divmod(number, 28)
    meeting = f"{2020 + month // 12}-{month % 12 + 1:02d}-{day + 1:02d}"
    return LetterInfo(
        f"kst-{formation}-{number}", 1, meeting, formation, meeting, "Brussel",
        "Tweede Kamer", None, 3, ("xml",), "", "",
    )  # fmt: skip


def test_the_compare_form_lists_each_councils_latest_letters_and_the_chosen_pair() -> None:
    """Issue 17: not thousands of options; the newest of each Council, and what is chosen."""
    from tracker.web.pages import COMPARE_PER_FORMATION, compare_choices

    letters = [_listed(n, "jbz") for n in range(60)] + [_listed(n, "rbz") for n in range(5)]
    shown = compare_choices(letters, ["kst-jbz-0@1"])
    jbz = [info.official_id for info in shown if info.formation == "jbz"]
    assert len(jbz) == COMPARE_PER_FORMATION + 1
    assert jbz[0] == "kst-jbz-0" and jbz[1] == f"kst-jbz-{60 - COMPARE_PER_FORMATION}"
    assert [info.official_id for info in shown if info.formation == "rbz"] == [
        f"kst-rbz-{n}" for n in range(5)
    ]
