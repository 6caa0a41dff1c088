"""The Starlette app: routes, the handlers that query the store, and error answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Match, Route
from starlette.types import Receive, Scope, Send

from tracker.canonical import read_canonical
from tracker.diff import diff_letters
from tracker.health import fetch_problems
from tracker.models import Letter
from tracker.positions import compile_rules
from tracker.store import Store
from tracker.store.queries import (
    FeedItem,
    LetterInfo,
    NotFound,
    Timeline,
    feed_items,
    find_change,
    find_letter,
    letter_feed_items,
    letter_index,
    letter_threads,
    list_threads,
    thread_timeline,
    with_tails,
)
from tracker.store.state import SourceState, all_source_states
from tracker.units import generic_section, letter_units
from tracker.web import api, errors, feed_routes, pages
from tracker.web.caching import (
    NO_CACHE,
    Body,
    SecurityHeaders,
    entry_response,
    make_entry,
    send_entry,
)
from tracker.web.params import ParamError, Params, check_params, cut
from tracker.web.public import public_diff, public_letter_xml, without_paths
from tracker.web.render import SECURITY_HEADERS
from tracker.web.site import Site

HTML = "text/html; charset=utf-8"
JSON = "application/json"
XML = "application/xml; charset=utf-8"
HOME_ENTRIES = 20
MAX_LIMIT = 500
DEFAULT_LIMIT = 50
HEALTHY_WITHIN = timedelta(hours=36)  # the default of [daemon] healthy_within_hours
MAX_RESPONSE = 16 * 2**20  # bytes of one answer; a larger one is refused, never kept
Render = Callable[[Site, Params], Body]


def create_app(
    store: Store,
    base_url: str,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    healthy_within: timedelta | None = HEALTHY_WITHIN,
    scheduled: bool = True,
    max_response: int = MAX_RESPONSE,
    max_cache_bytes: int = 64 * 2**20,
) -> Starlette:
    """The web app over `store`; `base_url` makes absolute links in feeds and the API.

    `/healthz` answers 503 when a source failed in the last fetch or no fetch succeeded
    within `healthy_within` (None: no limit) by `clock`; without a schedule of its own
    (`scheduled` false: `tracker serve`) a store never fetched is not failing. Every
    route's parameters are checked (`tracker.web.params`); an answer over `max_response`
    bytes is refused, and the page cache holds at most `max_cache_bytes`.
    """
    site = Site(store, base_url, clock, max_page_bytes=max_cache_bytes)
    compile_rules()  # the first comparison does not wait for them
    failures = errors.Failures()
    routes = [
        Route(path, _endpoint(site, path, render, failures, max_response))
        for path, render in ROUTES
    ]
    routes.append(Route("/healthz", _health_endpoint(site, healthy_within, scheduled)))
    handlers: dict[Any, Any] = {
        HTTPException: errors.http_error,
        NotFound: _not_found,
        # Only what fails outside an endpoint (they catch their own); Starlette re-raises it.
        Exception: errors.server_error_handler(failures),
    }
    middleware = [Middleware(SecurityHeaders, headers=SECURITY_HEADERS)]
    app = TrackerApp(site, routes=routes, middleware=middleware, exception_handlers=handlers)
    app.router.redirect_slashes = False  # stable URLs: `/feeds/x.atom/` is a 404, not a redirect
    return app


class TrackerApp(Starlette):
    """Starlette that first looks in the page cache: a hot page or feed is a route match,
    a check of its parameters and a dict lookup."""

    def __init__(self, site: Site, **options: Any) -> None:
        super().__init__(**options)
        self.site = site
        self.pages = [
            r for r in self.router.routes if isinstance(r, Route) and r.path != "/healthz"
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            fresh, version = self.site.known_version()
            key = self.cache_key(scope) if fresh else None
            entry = self.site.pages.get(key, version) if key is not None else None
            if entry is not None:
                await send_entry(entry, scope, send)
                return
        await super().__call__(scope, receive, send)

    def cache_key(self, scope: Scope) -> Params | None:
        """The checked parameters of the route `scope` asks for; None when no route takes
        it or its parameters are refused (the router answers it then)."""
        for route in self.pages:
            match, child = route.matches(scope)
            if match is Match.FULL:
                try:
                    return check_params(route.path, child["path_params"], scope["query_string"])
                except ParamError:
                    return None
        return None


def _endpoint(
    site: Site, route: str, render: Render, failures: errors.Failures, max_response: int
) -> Callable[[Request], Awaitable[Response]]:
    """A route endpoint: checks its parameters, renders once per ingest (keyed by them),
    answers conditional requests, and turns a failure into one log line and a 500."""

    async def endpoint(request: Request) -> Response:
        try:
            params = check_params(route, request.path_params, request.scope["query_string"])
        except ParamError as exc:
            return errors.client_error(request, 400, str(exc))
        try:
            version = await site.current_version()
            entry = site.pages.get(params, version)
            if entry is None:
                body = await run_in_threadpool(render, site, params)
                if len(body.content) > max_response:
                    return errors.too_large(request, len(body.content), max_response)
                entry = make_entry(body, version, SECURITY_HEADERS)
                site.pages.put(params, entry)
            return entry_response(entry, request.scope)
        except (HTTPException, NotFound):
            raise  # a client's mistake: answered by the handlers, one line each
        except Exception as exc:  # noqa: BLE001 - a bug: one line, its traceback once
            return errors.server_error(request, exc, failures)

    return endpoint


def _health_endpoint(
    site: Site, healthy_within: timedelta | None, scheduled: bool
) -> Callable[[Request], Awaitable[Response]]:
    async def health(request: Request) -> Response:
        try:
            check_params("/healthz", {}, request.scope["query_string"])  # it takes none
        except ParamError as exc:
            return errors.client_error(request, 400, str(exc))
        version, letters, sources = await run_in_threadpool(_health, site)
        successes = [s.last_success for s in sources if s.last_success]
        problems = fetch_problems(sources, site.clock(), healthy_within, scheduled)
        body: dict[str, object] = {
            "status": "failing" if problems else "ok",
            "last_ingest": version.isoformat() if version else None,
            "last_fetch": max(successes).isoformat() if successes else None,
            "letters": letters,
            "sources": {
                s.name: {
                    "last_run": s.last_run.isoformat() if s.last_run else None,
                    "last_success": s.last_success.isoformat() if s.last_success else None,
                    "last_error": without_paths(s.last_error) if s.last_error else None,
                }
                for s in sources
            },
        }
        if problems:
            body["reason"] = without_paths("; ".join(problems))
            # Never cached: the next answer may be 200 (security headers: the middleware).
            return Response(api.json_bytes(body), 503, {"Cache-Control": NO_CACHE}, JSON)
        entry = make_entry(Body(api.json_bytes(body), JSON, NO_CACHE), version, SECURITY_HEADERS)
        return entry_response(entry, request.scope)

    return health


def _health(site: Site) -> tuple[datetime | None, int, list[SourceState]]:
    """The last ingest, the number of letters and every source's last runs."""
    version = site.refresh()
    return version, len(_letters(site)), all_source_states(site.store)


# --- pages -------------------------------------------------------------------------


def _home(site: Site, params: Params) -> Body:
    letters = _letters(site)
    newest = sorted(letters, key=lambda i: (i.date or "", i.name), reverse=True)[:HOME_ENTRIES]
    # Only stance moves: a reworded sentence that keeps its stance is no position change.
    found = feed_items(site.store, kind="position", limit=HOME_ENTRIES * 3)
    positions = [item for item in found if pages.moves(item)][:HOME_ENTRIES]
    links = feed_routes.home_links(site)
    # Names only for the letters the page shows: the newest and the compare form's choices.
    pair = pages.default_pair(letters)
    keep = [info.name for info in pair] if pair else []
    shown = {info.name for info in [*newest, *pages.compare_choices(letters, keep)]}
    return Body(pages.home_page(positions, newest, letters, links, _labels_of(site, shown)), HTML)


def _letter(site: Site, params: Params) -> Body:
    info, letter = _stored_letter(site, params["name"])
    letters = _letters(site)
    versions = [v for v in letters if v.official_id == info.official_id]
    previous = pages.previous_meeting(info, letters)
    named = {info.name, *(v.name for v in versions), *([previous.name] if previous else [])}
    context = pages.LetterContext(
        versions=versions,
        previous=previous,
        brought=letter_feed_items(site.store, info.name),
        labels=_labels_of(site, named),
    )
    return Body(pages.letter_page(info, _letter_items(site, info, letter), context), HTML)


def _letter_xml(site: Site, params: Params) -> Body:
    info, xml = _find_letter(site, params["name"])
    return Body(public_letter_xml(xml, info.name), XML)


def _thread(site: Site, params: Params) -> Body:
    key = params["key"]
    try:
        timeline = thread_timeline(site.store, key)
    except NotFound:
        raise HTTPException(404, f"Onderwerp {key!r} bestaat niet.") from None
    changes = {
        item.letter: item.guid
        for item in feed_items(site.store, kind="change", thread=key, limit=MAX_LIMIT)
    }
    feed = feed_routes.thread_link(site, key) if _agenda_dossier(site, timeline) else None
    labels = _labels_of(site, {moment.letter for moment in timeline.moments})
    return Body(pages.thread_page(timeline, changes, feed, labels), HTML)


def _agenda_dossier(site: Site, timeline: Timeline) -> bool:
    """Whether a thread is an agenda dossier, not a covering-letter sub-section
    ("Aanleiding", "Krachtenveld"): judged by its latest unit."""
    if not timeline.moments:
        return True
    latest = timeline.moments[-1]
    return latest.ref not in _sub_sections(site, latest.letter)


def _change(site: Site, params: Params) -> Body:
    item = _find_change(site, params["hex"])
    return Body(pages.change_page(item, _labels_of(site, {item.letter, item.old_letter})), HTML)


def _compare(site: Site, params: Params) -> Body:
    old, new, diff = _compared(site, params)
    return Body(pages.compare_page(diff, (old, new), _letters(site), _labels(site)), HTML)


# --- the JSON API --------------------------------------------------------------------


def _api_letters(site: Site, params: Params) -> Body:
    letters = _letters(site)
    paging = _paging(params, len(letters))
    shown = [
        api.letter_json(info, site.base_url) for info in with_tails(site.store, paging.of(letters))
    ]
    return _paged(site, "/api/letters", paging, shown, len(letters))


def _api_letter(site: Site, params: Params) -> Body:
    info, letter = _stored_letter(site, params["name"])
    return _json(api.letter_detail_json(info, _letter_items(site, info, letter), site.base_url))


def _api_threads(site: Site, params: Params) -> Body:
    threads = list_threads(site.store)
    paging = _paging(params, len(threads))
    shown = [api.thread_json(info, site.base_url) for info in paging.of(threads)]
    return _paged(site, "/api/threads", paging, shown, len(threads))


def _paging(params: Params, total: int) -> api.Paging:
    """The page `?page=…&limit=…` asks for (checked by `tracker.web.params.PAGES`); a page
    past the last is a 404."""
    limit = params.get("limit")
    paging = api.Paging(int(params.get("page") or 1), int(limit or api.PAGE_SIZE), bool(limit))
    if paging.page > paging.pages(total):
        raise HTTPException(
            404, f"Pagina {paging.page} bestaat niet; er zijn er {paging.pages(total)}."
        )
    return paging


def _paged(site: Site, route: str, paging: api.Paging, shown: list[Any], total: int) -> Body:
    headers = paging.headers(site.base_url + route, total)
    return Body(api.json_bytes(shown), JSON, headers=headers)


def _api_thread(site: Site, params: Params) -> Body:
    key = params["key"]
    try:
        return _json(api.timeline_json(thread_timeline(site.store, key), site.base_url))
    except NotFound:
        raise HTTPException(404, f"Onderwerp {key!r} bestaat niet.") from None


def _api_changes(site: Site, params: Params) -> Body:
    """Checked and normalised by `tracker.web.params.CHANGES`: a kind, a formation key."""
    items = feed_items(
        site.store,
        kind=params.get("kind"),
        thread=params.get("thread"),
        formation=params.get("formation"),
        limit=int(params.get("limit") or DEFAULT_LIMIT),
    )
    return _json([api.change_json(item, site.base_url) for item in items])


def _api_change(site: Site, params: Params) -> Body:
    return _json(api.change_json(_find_change(site, params["hex"]), site.base_url))


def _api_compare(site: Site, params: Params) -> Body:
    return _json(public_diff(_compared(site, params)[2]))


def _api_openapi(site: Site, params: Params) -> Body:
    return _json(api.openapi(site.base_url))


def _json(value: Any) -> Body:
    return Body(api.json_bytes(value), JSON)


# --- reading the store -------------------------------------------------------------


def _letters(site: Site) -> list[LetterInfo]:
    """Every stored letter version, read once per ingest; without snapshot paths and
    withdrawals (`with_tails` reads those of the letters an answer shows in full)."""
    return site.memo("letters", lambda: letter_index(site.store))


def _labels(site: Site) -> dict[str, str]:
    """Every stored letter's name for people, by its id@version."""
    return site.memo("labels", lambda: pages.letter_labels(_letters(site)))


def _labels_of(site: Site, names: set[str]) -> dict[str, str]:
    """The names for people of the letters `names` (as `_labels` has them)."""
    return pages.labels_of(_letters(site), names)


def _sub_sections(site: Site, name: str) -> frozenset[str]:
    """The refs of a stored letter's covering-letter sub-sections, read once per ingest."""

    def read() -> frozenset[str]:
        units = letter_units(_stored_letter(site, name)[1])
        return frozenset(u.ref for u in units if u.is_section and generic_section(u.title))

    return site.memo(("sub-sections", name), read)


def _find_letter(site: Site, name: str) -> tuple[LetterInfo, str]:
    try:
        return find_letter(site.store, name)
    except NotFound:
        raise HTTPException(404, f"Brief {name!r} staat niet in de opslag.") from None


def _stored_letter(site: Site, name: str) -> tuple[LetterInfo, Letter]:
    info, xml = _find_letter(site, name)
    key = (info.name, info.content_sha256)
    return info, site.letters.get(key, lambda: read_canonical(xml, info.name))


def _letter_items(site: Site, info: LetterInfo, letter: Letter) -> list[pages.LetterItem]:
    threads = site.memo(("threads", info.name), lambda: letter_threads(site.store, info.name))
    return [
        pages.LetterItem(unit.ref, unit.title, unit.kind, unit.part, threads.get(unit.ref))
        for unit in letter_units(letter)
    ]


def _find_change(site: Site, ident: str) -> FeedItem:
    try:
        return find_change(site.store, ident)
    except NotFound:
        raise HTTPException(404, f"Wijziging {ident!r} bestaat niet.") from None


def _compared(site: Site, params: Params) -> tuple[LetterInfo, LetterInfo, dict[str, Any]]:
    """The two letters `?old=…&new=…` names (both required by the route's row) and their diff."""
    old_info, old_letter = _stored_letter(site, params["old"])
    new_info, new_letter = _stored_letter(site, params["new"])
    key = (old_info.name, old_info.content_sha256, new_info.name, new_info.content_sha256)
    return old_info, new_info, site.diffs.get(key, lambda: diff_letters(old_letter, new_letter))


# --- errors ------------------------------------------------------------------------


async def _not_found(request: Request, exc: Exception) -> Response:
    return errors.client_error(request, 404, cut(str(exc), 200))


ROUTES: list[tuple[str, Render]] = [
    ("/", _home),
    ("/letters/{name}.xml", _letter_xml),
    ("/letters/{name}", _letter),
    ("/threads/{key}", _thread),
    ("/changes/{hex}", _change),
    ("/compare", _compare),
    ("/api/letters", _api_letters),
    ("/api/letters/{name}", _api_letter),
    ("/api/threads", _api_threads),
    ("/api/threads/{key}", _api_thread),
    ("/api/changes", _api_changes),
    ("/api/changes/{hex}", _api_change),
    ("/api/compare", _api_compare),
    ("/api/openapi.json", _api_openapi),
    ("/feeds.opml", feed_routes.opml),
    ("/feeds/{path:path}", feed_routes.feed),
]
