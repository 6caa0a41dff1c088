"""The web app under hostile input and hostile clients (issue 16).

Every route's path and query parameters get values no one should send (`@999…9`, `@²`,
a 60,000-character name, NUL, lone surrogates, right-to-left marks, junk parameters):
each is a 400 (malformed) or 404 (well-formed, not stored), logged as one line, never a
500 or a traceback. The page cache is keyed by a route's checked parameters and bounded
by bytes; answers are capped. Over real HTTP (uvicorn on a loopback port): headers and
request targets are bounded, a half-sent request times out while others are served, and
no answer anywhere names a path on the server.
"""

from __future__ import annotations

import logging
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SEED
from starlette.testclient import TestClient
from test_web import BASE, LETTERS, NOW, _hostile_letters

from tracker.ingest import Ingestor
from tracker.naming import dutch_date, public_source
from tracker.store import Store, open_store
from tracker.store.queries import feed_items, list_letters, list_threads
from tracker.web import api, create_app, server_config
from tracker.web.app import ROUTES
from tracker.web.caching import Body, PageCache, entry_size, make_entry
from tracker.web.params import PATH_PARAMS, QUERY_PARAMS, SHAPES, Shape
from tracker.web.serve import Limits

REPO = Path(__file__).resolve().parent.parent
LETTER = "kst-32317-AT"
LONG = "a" * 60_000
NINES = "9" * 30


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("hostile-web")


@pytest.fixture(scope="module")
def store(folder: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{folder / 'tracker.db'}", folder / "snapshots")
    october, december = _hostile_letters(folder)
    ingestor = Ingestor(opened, 10**9)
    summary = ingestor.ingest_paths([*LETTERS, october], NOW)
    assert summary.count("failed") == 0, summary.outcomes
    # a source that is an address, but no web address: its path stays private too
    outcome = ingestor.ingest_document(december.read_bytes(), december.as_uri(), NOW)
    assert outcome.status != "failed", outcome
    yield opened
    opened.engine.dispose()


@pytest.fixture
def client(store: Store) -> Iterator[TestClient]:
    """A fresh app per test (an empty cache); a server exception fails the test."""
    with TestClient(create_app(store, BASE, clock=lambda: NOW)) as test_client:
        yield test_client


# --- the parameter table ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_shape_takes_its_examples_and_refuses_its_counter_examples(name: str) -> None:
    shape: Shape = SHAPES[name]
    assert shape.examples and shape.refused
    for example in shape.examples:
        assert shape.compiled.fullmatch(example), example
    for refused in shape.refused:
        assert not shape.compiled.fullmatch(refused), refused


def test_every_path_parameter_of_every_route_has_a_shape() -> None:
    names = {n for path, _ in ROUTES for n in re.findall(r"{(\w+)(?::\w+)?}", path)}
    assert names == set(PATH_PARAMS)
    assert set(QUERY_PARAMS) <= {path for path, _ in ROUTES}


def test_the_openapi_query_parameters_are_the_table() -> None:
    for path, operation in api.PATHS.items():
        described = {
            p["name"] for p in operation["get"].get("parameters", ()) if p["in"] == "query"
        }
        assert described == set(QUERY_PARAMS.get(path, {})), path


# --- hostile requests: 400 or 404, one line, no traceback --------------------------------

# (request, status, what the message says); every route with a path or query parameter
HOSTILE = [
    (f"/letters/{LETTER}@{NINES}", 400, "name='kst-32317-AT@999"),
    (f"/letters/{LETTER}@²", 400, "name='kst-32317-AT@²'"),
    (f"/letters/{LETTER}@0", 400, "geef KENMERK of KENMERK@VERSIE"),
    (f"/letters/{LETTER}@-1", 400, "geef KENMERK"),
    (f"/letters/{LETTER}@1e3", 400, "geef KENMERK"),
    (f"/letters/{LETTER}@", 400, "geef KENMERK"),
    (f"/letters/{LONG}", 400, "(60,000 tekens)"),
    ("/letters/%00", 400, "name='\\x00'"),
    ("/letters/%ff%fe", 400, "geef KENMERK"),
    ("/letters/%ED%A0%80", 400, "geef KENMERK"),
    ("/letters/%E2%80%AEkst", 400, "geef KENMERK"),
    ("/letters/%F0%9F%92%A9", 400, "geef KENMERK"),
    (f"/letters/{LETTER}@{NINES}.xml", 400, "geef KENMERK"),
    (f"/letters/{LONG}.xml", 400, "(60,000 tekens)"),
    (f"/letters/{LETTER}@9", 404, "staat niet in de opslag"),
    (f"/letters/{LETTER}@999999999.xml", 404, "staat niet in de opslag"),
    ("/letters/kst-0-0", 404, "staat niet in de opslag"),
    (f"/api/letters/{LETTER}@²", 400, "geef KENMERK"),
    (f"/api/letters/{LONG}", 400, "(60,000 tekens)"),
    (f"/api/letters/{LETTER}@{NINES}", 400, "geef KENMERK"),
    ("/api/letters/kst-0-0@1", 404, "staat niet in de opslag"),
    (f"/threads/{LONG}", 400, "key='aaaa"),
    ("/threads/..%2F..%2Fetc", 404, "Hier is niets: /threads/../../etc"),
    ("/threads/%C3%A9", 400, "een onderwerp heet als"),
    ("/threads/onbekend", 404, "bestaat niet"),
    (f"/api/threads/{LONG}", 400, "(60,000 tekens)"),
    ("/api/threads/onbekend", 404, "bestaat niet"),
    (f"/changes/{LONG}", 400, "hex='aaaa"),
    ("/changes/onbekend", 400, "hexadecimale"),
    ("/changes/%F0%9F%92%A9", 400, "hexadecimale"),
    ("/changes/FFFF", 404, "Wijziging 'ffff' bestaat niet"),
    (f"/api/changes/{'f' * 60_000}", 400, "(60,000 tekens)"),
    ("/api/changes/tracker:change:ffff", 404, "bestaat niet"),
    (f"/feeds/{LONG}.atom", 400, "(60,005 tekens)"),
    ("/feeds/positions%00.atom", 400, "een feed heet als"),
    ("/feeds/positi%C3%ABns.atom", 400, "een feed heet als"),
    ("/feeds/positions.json", 404, "Er is geen feed"),
    (f"/compare?old={LETTER}@1&new={LETTER}@{NINES}", 400, "new='kst-32317-AT@999"),
    (f"/compare?old={LETTER}@1&new={LETTER}@²", 400, "new='kst-32317-AT@²'"),
    (f"/compare?old={LONG}&new={LETTER}", 400, "zoekvraag is 60,"),
    (f"/compare?old={'b' * 500}&new={LETTER}", 400, "(500 tekens)"),
    (f"/compare?old={LETTER}@1&new={LETTER}@2&old={LETTER}@1", 400, "twee keer"),
    (f"/compare?old={LETTER}@1&new={LETTER}@2&junk=1", 400, "Parameter 'junk' kent /compare"),
    (f"/compare?old={LETTER}@1", 400, "Kies twee brieven"),
    (f"/compare?old={LETTER}@1&new=kst-0-0", 404, "Brief 'kst-0-0' staat niet"),
    (f"/api/compare?old={LETTER}@1&new={LETTER}@²", 400, "new='kst-32317-AT@²'"),
    (f"/api/compare?old={LETTER}@1&new={LETTER}@2&x=%00", 400, "Parameter 'x'"),
    ("/api/changes?limit=²", 400, "limit='²'"),
    (f"/api/changes?limit={NINES}", 400, "limit='9999"),
    ("/api/changes?limit=050", 400, "limit='050'"),
    ("/api/changes?limit=501", 400, "limit='501'"),
    ("/api/changes?limit=1&limit=2", 400, "twee keer"),
    ("/api/changes?kind=alles", 400, "kind='alles'"),
    ("/api/changes?formation=%00", 400, "formation='\\x00'"),
    (f"/api/changes?formation={'x' * 81}", 400, "formation='xxxx"),
    ("/api/changes?formation=Raad%20van%20Niets", 400, "geen Raad die we kennen"),
    ("/api/changes?thread=%ED%A0%80", 400, "een onderwerp heet als"),
    ("/api/changes?" + "&".join(f"a{n}=1" for n in range(20)), 400, "Hooguit 8 parameters"),
    ("/api/changes?datum=2025-13-45", 400, "Parameter 'datum' kent /api/changes niet"),
    ("/api/changes?since=9999-99-99T99:99", 400, "wel: kind, formation, thread, limit"),
    ("/?junk=1", 400, "deze pagina neemt geen parameters"),
    ("/feeds/positions.atom?utm_source=x", 400, "Parameter 'utm_source'"),
    ("/feeds.opml?x", 400, "Parameter 'x'"),
    ("/api/letters?%00=%00", 400, "Parameter '\\x00'"),
    ("/api/openapi.json?" + LONG, 400, "zoekvraag is 60,"),
    ("/healthz?verbose=1", 400, "Parameter 'verbose' kent /healthz niet"),
    (f"/{LONG}", 404, "Hier is niets"),
    ("/letters/x%0A2026-12-07 ERROR forged", 400, "name='x\\n2026-12-07 ERROR forged'"),
    ("/nergens%0D%0Aforged", 404, "Hier is niets: /nergens"),
]


@pytest.mark.parametrize(("target", "status", "message"), HOSTILE, ids=[h[0][:60] for h in HOSTILE])
def test_hostile_requests_are_refused_in_one_line(
    client: TestClient, caplog: pytest.LogCaptureFixture, target: str, status: int, message: str
) -> None:
    """Before: `@999…9`, `@²` and a 60,000-character name were 500s with two tracebacks
    each; junk parameters rendered a page again (and kept it)."""
    caplog.set_level(logging.INFO, logger="tracker")
    response = client.get(target)
    assert response.status_code == status
    if target.startswith(("/api/", "/healthz")):
        shown = response.json()["error"]["message"]
    else:
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        shown = response.text.replace("&#39;", "'").replace("&amp;", "&")
    assert message in shown
    assert len(response.content) < 8_000  # a 60,000-character value is never echoed whole
    assert "Traceback" not in response.text and "etag" not in response.headers
    records = [r for r in caplog.records if r.name.startswith("tracker")]
    assert len(records) == 1 and records[0].exc_info is None
    assert len(records[0].getMessage()) < 600
    assert not re.search("[\x00-\x1f]", records[0].getMessage())  # one line, never forged


@pytest.mark.parametrize(("path", "render"), ROUTES, ids=[path for path, _ in ROUTES])
def test_every_route_refuses_a_junk_parameter(
    client: TestClient, path: str, render: Any, store: Store
) -> None:
    target = _visitable(path, store)
    assert client.get(target).status_code == 200, target
    junk = target + ("&" if "?" in target else "?") + "junk=1"
    response = client.get(junk)
    assert response.status_code == 400 and "'junk'" in response.text


def _visitable(path: str, store: Store) -> str:
    """A URL of `path` that answers 200."""
    letters, threads = list_letters(store), list_threads(store)
    change = feed_items(store, kind="change")[0]
    values = {
        "name": letters[0].name,
        "key": threads[0].key,
        "hex": change.guid.rsplit(":", 1)[1],
        "path:path": "positions.atom",
    }
    url = re.sub(r"{([\w:]+)}", lambda m: values[m.group(1)], path)
    if path.endswith("compare"):
        url += f"?old={LETTER}@1&new={LETTER}@2"
    return url


def test_a_bug_logs_its_traceback_once_and_a_line_after(
    store: Store, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure of ours: a 500 with a clear page, never re-raised to the server (which
    logged a second traceback); its traceback the first time, one line after that."""

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the store went away")

    monkeypatch.setattr("tracker.web.app.thread_timeline", broken)
    caplog.set_level(logging.INFO, logger="tracker")
    key = list_threads(store)[0].key
    with TestClient(create_app(store, BASE, clock=lambda: NOW)) as test_client:  # raises
        answers = [test_client.get(f"/threads/{key}") for _ in range(3)]
    assert [a.status_code for a in answers] == [500, 500, 500]
    assert "Er ging iets mis" in answers[0].text and "Traceback" not in answers[0].text
    records = [r for r in caplog.records if r.name.startswith("tracker")]
    assert [r.levelname for r in records] == ["ERROR"] * 3
    assert [r.exc_info is not None for r in records] == [True, False, False]
    assert "RuntimeError: 'the store went away'" in records[1].getMessage()
    assert "(traceback logged before)" in records[1].getMessage()


# --- the page cache --------------------------------------------------------------------


def test_the_cache_is_keyed_by_the_checked_parameters(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Other spellings of one question render once; junk never renders (before: 600
    requests with a junk parameter rendered 600 pages and kept 512 of them)."""
    renders = []
    real = feed_items

    def counted(*args: Any, **kwargs: Any) -> Any:
        renders.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr("tracker.web.app.feed_items", counted)
    cache = client.app.site.pages  # type: ignore[attr-defined]
    same = [
        "/api/changes?kind=change&formation=jbz&limit=5",
        "/api/changes?limit=5&formation=JBZ&kind=change",
        "/api/changes?formation=JBZ-Raad&limit=5&kind=change",
        "/api/changes?formation=Justitie+en+Binnenlandse+Zaken&kind=change&limit=5&thread=",
    ]
    answers = [client.get(target) for target in same]
    assert {a.status_code for a in answers} == {200} and len({a.content for a in answers}) == 1
    assert len(renders) == 1 and renders[0]["formation"] == "jbz"
    entries = len(cache)
    for n in range(600):
        assert client.get(f"/api/changes?kind=change&junk={n}").status_code == 400
    assert len(renders) == 1 and len(cache) == entries


def _entry(size: int) -> Any:
    return make_entry(Body(b"x" * size, "text/plain"), NOW, ())


def test_the_page_cache_is_bounded_by_bytes() -> None:
    cache = PageCache(max_bytes=100_000, max_entry_bytes=30_000)
    for n in range(50):
        assert cache.put(("page", n), _entry(20_000))
        assert cache.bytes <= 100_000
    assert len(cache) == 4 and cache.get(("page", 49), NOW) is not None
    assert cache.get(("page", 0), NOW) is None  # the least recently kept went first
    assert cache.bytes == sum(entry_size(_entry(20_000)) for _ in range(4))
    assert not cache.put(("big", 0), _entry(40_000))  # served, never kept
    assert cache.get(("big", 0), NOW) is None and len(cache) == 4
    cache.put(("page", 49), _entry(1_000))  # kept again: its old bytes are given back
    assert cache.bytes == 3 * entry_size(_entry(20_000)) + entry_size(_entry(1_000))


def test_the_app_keeps_no_more_than_its_cache_bytes(store: Store) -> None:
    app = create_app(store, BASE, clock=lambda: NOW, max_cache_bytes=60_000)
    with TestClient(app) as test_client:
        for letter in list_letters(store):
            for target in (f"/letters/{letter.name}", f"/api/letters/{letter.name}"):
                assert test_client.get(target).status_code == 200
    cache = app.site.pages  # type: ignore[attr-defined]
    assert 0 < cache.bytes <= 60_000 and len(cache) < 2 * len(list_letters(store))


def test_an_answer_over_the_limit_is_refused(
    client: TestClient, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    big, small = "/api/openapi.json", "/api/changes?limit=1"
    limit = len(client.get(small).content) + 1
    assert len(client.get(big).content) > limit
    caplog.set_level(logging.INFO, logger="tracker")
    app = create_app(store, BASE, clock=lambda: NOW, max_response=limit)
    with TestClient(app) as test_client:
        refused, served = test_client.get(big), test_client.get(small)
    assert refused.status_code == 500 and served.status_code == 200
    assert refused.json()["error"]["message"].startswith("Deze pagina is te groot")
    records = [r for r in caplog.records if r.name.startswith("tracker")]
    assert len(records) == 1 and records[0].exc_info is None
    assert "over " in records[0].getMessage()
    assert len(app.site.pages) == 1  # type: ignore[attr-defined]


# --- no server paths ---------------------------------------------------------------------


def _every_answer(client: TestClient, store: Store) -> Iterator[tuple[str, str]]:
    """Every page, API answer, feed and XML download the site has for the store."""
    letters = [info.name for info in list_letters(store)]
    targets = ["/", "/api/letters", "/api/threads", "/api/changes?limit=500", "/feeds.opml"]
    targets += [t for name in letters for t in (f"/letters/{name}", f"/letters/{name}.xml")]
    targets += [f"/api/letters/{name}" for name in letters]
    targets += [f"/threads/{t.key}" for t in list_threads(store)]
    targets += [f"/api/threads/{t.key}" for t in list_threads(store)]
    for item in feed_items(store, limit=500):
        hex_ = item.guid.rsplit(":", 1)[1]
        targets += [f"/changes/{hex_}", f"/api/changes/{hex_}"]
    for old, new in zip(letters, letters[1:], strict=False):
        targets += [f"/compare?old={old}&new={new}", f"/api/compare?old={old}&new={new}"]
    feeds = re.findall(r'xmlUrl="[^"]*?(/feeds/[^"]+)"', client.get("/feeds.opml").text)
    targets += feeds
    for target in targets:
        response = client.get(target)
        assert response.status_code == 200, target
        yield target, response.text


def test_no_answer_names_a_path_on_the_server(
    client: TestClient, store: Store, folder: Path
) -> None:
    """Before: `source="/srv/…/inbox/letter.pdf"` in every `/letters/<id>.xml` and in
    `/api/compare`; now only the file's name (or an official web address)."""
    seen = 0
    for target, text in _every_answer(client, store):
        for server_path in (str(REPO), str(folder), "/tmp/", "/work/"):
            assert server_path not in text, (target, server_path)
        seen += 1
    assert seen > 40
    xml = client.get(f"/letters/{LETTER}@1.xml").text
    assert ' source="jbz-2025-10-13.xml"' in xml
    compare = client.get(f"/compare?old={LETTER}@1&new={LETTER}@2").text
    assert "jbz-2025-10-13.xml" in compare and "new.html" in compare  # the "Bron" row
    assert str(SEED) not in compare


def test_healthz_names_no_server_path(tmp_path: Path) -> None:
    """Before: a source's last error named the inbox folder's absolute path on /healthz."""
    from tracker.store.state import record_run

    inbox = tmp_path / "srv" / "inbox"
    local = open_store(f"sqlite:///{tmp_path / 't.db'}", tmp_path / "snapshots")
    try:
        record_run(local, "inbox", NOW, None, f"{inbox / 'jbz.pdf'}: cannot read: denied")
        record_run(local, "run", NOW, None, "1 failures")
        with TestClient(create_app(local, BASE, clock=lambda: NOW)) as test_client:
            response = test_client.get("/healthz")
    finally:
        local.engine.dispose()
    assert response.status_code == 503 and str(tmp_path) not in response.text
    assert response.json()["sources"]["inbox"]["last_error"] == "jbz.pdf: cannot read: denied"


PUBLIC_SOURCES = [
    ("/srv/tracker/inbox/jbz-2025-10-13.pdf", "jbz-2025-10-13.pdf"),
    ("C:\\tracker\\inbox\\jbz.docx", "jbz.docx"),
    ("relative/dir/letter.txt", "letter.txt"),
    ("letter.txt", "letter.txt"),
    ("/srv/tracker/inbox/", "inbox"),
    ("file:///srv/tracker/inbox/jbz.pdf", "jbz.pdf"),
    ("https://zoek.officielebekendmakingen.nl/kst-32317-AT.html", None),
    ("HTTP://example.org/a/b.pdf", None),
    ("", ""),
]


@pytest.mark.parametrize(("source", "shown"), PUBLIC_SOURCES, ids=[p[0] for p in PUBLIC_SOURCES])
def test_public_source(source: str, shown: str | None) -> None:
    """A web address as it is (None here: the source itself), else a file's name only."""
    assert public_source(source) == (source if shown is None else shown or None)


@pytest.mark.parametrize("value", ["2025-²-01", "2025-10-²", "²²²²-10-01", "2025-1٣-01"])
def test_a_date_of_odd_digits_is_shown_as_it_is(value: str) -> None:
    """Before: `int("²")` raised ValueError from `dutch_date` ("²".isdigit() holds)."""
    assert dutch_date(value) == value


# --- real HTTP: hostile clients ------------------------------------------------------------

TIMEOUT = 3.0  # the request-read timeout the test server runs with (room for a slow machine)


@pytest.fixture(scope="module")
def server(store: Store) -> Iterator[tuple[str, int]]:
    """The app under uvicorn with `serve`'s protocol and limits, a short request timeout."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(store, f"http://127.0.0.1:{port}")
    limits = Limits(request_timeout=TIMEOUT, keep_alive=1)
    running = uvicorn.Server(server_config(app, "127.0.0.1", port, limits))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not running.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.05)
    yield "127.0.0.1", port
    running.should_exit = True
    thread.join(timeout=15)


def _exchange(address: tuple[str, int], data: bytes, wait: float = 10.0) -> tuple[bytes, float]:
    """Send `data` on a new connection; what comes back until the server closes it, and
    after how many seconds (the wait is a bound for a hung test, not a timing assertion)."""
    started = time.monotonic()
    with socket.create_connection(address, timeout=wait) as connection:
        connection.sendall(data)
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    return received, time.monotonic() - started


def _status(answer: bytes) -> int:
    return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/1.1 ") else 0


def _get(target: bytes, *headers: bytes) -> bytes:
    lines = [b"GET " + target + b" HTTP/1.1", b"Host: 127.0.0.1", *headers, b"Connection: close"]
    return b"\r\n".join(lines) + b"\r\n\r\n"


# (what is sent, the status answered): raw bytes no client library would send
RAW = [
    (_get(b"/letters/" + LETTER.encode() + b"@" + NINES.encode()), 400),
    (_get(b"/letters/" + LETTER.encode() + b"@%C2%B2"), 400),
    (_get(b"/letters/" + LETTER.encode() + b"@\xc2\xb2"), 400),  # raw UTF-8 in the target
    (_get(b"/letters/\xff\x00"), 400),
    (_get(b"/letters/" + b"a" * 8000), 400),
    (_get(b"/letters/" + b"a" * 60_000), 414),
    (_get(b"/?" + b"a" * 60_000), 414),
    (_get(b"/", b"X-Big: " + b"a" * 20_000), 431),
    (_get(b"/", *(b"X-%d: 1" % n for n in range(100))), 431),
    (_get(b"/", b"If-Modified-Since: Sat, 99 Foo 99999999 99:99:99 GMT"), 200),
    (_get(b"/", b"If-Modified-Since: " + "²".encode() * 100), 200),
    (_get(b"/", b"If-None-Match: " + b'"' * 5000), 200),
    (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n\r\n", 413),
    (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
    (b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc", 405),
    (b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 40, 400),  # TLS to plain HTTP
    (b"GET / HTTP/9.9\r\n\r\n", 400),
    (b"BREW /pot HTTP/1.1\r\nHost: x\r\n\r\n", 400),
]


@pytest.mark.parametrize(("data", "status"), RAW, ids=[repr(r[0][:40]) for r in RAW])
def test_hostile_bytes_over_real_http(server: tuple[str, int], data: bytes, status: int) -> None:
    """Before: no limit on headers (a 20 kB header or 100 headers were read and passed on)."""
    answer, _ = _exchange(server, data)
    assert _status(answer) == status, answer[:200]
    assert b"Traceback" not in answer


def test_a_half_sent_request_times_out_while_others_are_served(server: tuple[str, int]) -> None:
    """Before: a request whose headers never end, or a connection that sends nothing, was
    held open for ever. Now both get 408 and are closed after the request timeout, and
    meanwhile other clients are answered as usual."""
    answers: dict[str, tuple[bytes, float]] = {}

    def hold(name: str, data: bytes) -> None:
        answers[name] = _exchange(server, data, wait=30)

    holders = [
        threading.Thread(target=hold, args=(f"half-{n}", b"GET / HTTP/1.1\r\nHost: x\r\n"))
        for n in range(5)
    ]
    holders.append(threading.Thread(target=hold, args=("silent", b"")))
    holders.append(threading.Thread(target=hold, args=("slow-body", _slow_body())))
    for holder in holders:
        holder.start()
    time.sleep(0.2)
    served = [_exchange(server, _get(b"/api/letters")) for _ in range(5)]
    still_waiting = sum(holder.is_alive() for holder in holders)
    for holder in holders:
        holder.join(timeout=30)
    assert all(_status(answer) == 200 for answer, _ in served)
    assert still_waiting == len(holders)  # the others were served while these hung on
    # a body never sent: the answer needs none (405), and the connection is closed all the
    # same (by the keep-alive timeout or the request timeout, whichever comes first)
    assert _status(answers.pop("slow-body")[0]) == 405
    for name, (answer, seconds) in answers.items():
        assert _status(answer) == 408, (name, answer)
        assert answer.endswith(f"Request not received within {TIMEOUT:g} s.".encode()), name
        assert seconds >= TIMEOUT * 0.9, name  # not before the timeout
    assert len(answers) == len(holders) - 1


def _slow_body() -> bytes:
    return b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab"


def test_a_bug_over_real_http_is_one_traceback_then_one_line(
    server: tuple[str, int],
    store: Store,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Before: each request that failed logged two whole tracebacks (the app's handler,
    then uvicorn's "Exception in ASGI application" for the re-raised error)."""

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the store went away")

    monkeypatch.setattr("tracker.web.app.thread_timeline", broken)
    caplog.set_level(logging.INFO)
    target = f"/api/threads/{list_threads(store)[0].key}".encode()
    answers = [_exchange(server, _get(target))[0] for _ in range(3)]
    assert [_status(answer) for answer in answers] == [500, 500, 500]
    assert all(b"Traceback" not in answer for answer in answers)
    failed = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.name for r in failed] == ["tracker.web"] * 3  # nothing from uvicorn
    assert [r.exc_info is not None for r in failed] == [True, False, False]


def test_an_idle_keep_alive_connection_is_closed(server: tuple[str, int]) -> None:
    request = b"GET /api/threads HTTP/1.1\r\nHost: x\r\n\r\n"  # keep-alive
    answer, _ = _exchange(server, request, wait=30)  # returns when the server closes it
    assert _status(answer) == 200 and answer.count(b"HTTP/1.1 ") == 1
