"""Feeds on the web: which feeds exist, their links, and their bodies from `tracker.feeds`.

The URLs are the ones `tracker.feeds` gives each feed (`Feed.path`), so a feed is served
exactly where the OPML and the pages say it is; anything else under /feeds/ is a 404.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException

from tracker.store.queries import feed_items, formations, list_threads
from tracker.web.caching import Body
from tracker.web.pages import FeedLink
from tracker.web.params import Params
from tracker.web.site import Site

MEDIA_TYPES = {
    "atom": "application/atom+xml; charset=utf-8",
    "rss": "application/rss+xml; charset=utf-8",
}
OPML = "text/x-opml; charset=utf-8"
FEED_ENTRIES = 50  # as tracker.publish writes them


def _all_feeds(site: Site) -> list[Any]:
    from tracker.feeds import all_feeds

    return site.memo("feeds", lambda: all_feeds(formations(site.store), list_threads(site.store)))


def _by_path(site: Site) -> dict[str, tuple[Any, str]]:
    return site.memo(
        "feed-paths",
        lambda: {feed.path(fmt): (feed, fmt) for feed in _all_feeds(site) for fmt in MEDIA_TYPES},
    )


def _link(feed: Any) -> FeedLink:
    return FeedLink(feed.title, feed.path("atom"), feed.path("rss"))


def home_links(site: Site) -> list[FeedLink]:
    """The feeds the home page lists: every feed but the per-thread ones (which it need
    not read the threads for)."""
    from tracker.feeds import all_feeds

    feeds = site.memo("home-feeds", lambda: all_feeds(formations(site.store), []))
    return [_link(feed) for feed in feeds if not feed.thread]


def thread_link(site: Site, key: str) -> FeedLink | None:
    """The feed of one thread, if there is one (as `all_feeds` has it, reading one thread)."""
    from tracker.feeds import all_feeds

    feeds = all_feeds([], list_threads(site.store, key=key))
    return next((_link(f) for f in feeds if f.thread == key), None)


def feed(site: Site, params: Params) -> Body:
    """A feed's body: Atom or RSS, by its path."""
    from tracker.feeds import feed_updated, render_feed

    path = "/feeds/" + params["path"]
    found = _by_path(site).get(path)
    if found is None:
        raise HTTPException(404, f"Er is geen feed op {path}; zie /feeds.opml.")
    chosen, fmt = found
    items = feed_items(
        site.store,
        kind=chosen.kind,
        thread=chosen.thread,
        formation=chosen.formation,
        limit=FEED_ENTRIES,
    )
    # Dated by its newest entry, as `tracker.publish` does: the same bytes as the static file.
    content = render_feed(chosen, items, fmt, site.base_url, feed_updated(items))
    return Body(content, MEDIA_TYPES[fmt])


def opml(site: Site, params: Params) -> Body:
    """Every feed as an OPML subscription list."""
    from tracker.feeds import render_opml

    return Body(render_opml(_all_feeds(site), site.base_url), OPML)
