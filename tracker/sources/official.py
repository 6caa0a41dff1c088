"""The official sources by name: how to fetch from each, given its configuration."""

from __future__ import annotations

from collections.abc import Iterator

import requests

from tracker.config import SourceConfig
from tracker.sources.base import Cursor, Fetched
from tracker.sources.http import RateLimit
from tracker.sources.koop_sru import fetch_sru
from tracker.sources.runner import Fetcher
from tracker.sources.tk_odata import fetch_odata


def fetcher(source: SourceConfig, session: requests.Session, limit: RateLimit) -> Fetcher:
    """A function from cursor to fetched documents for the configured source."""
    dossiers = list(source.dossiers)

    def koop_sru(cursor: Cursor) -> Iterator[Fetched]:
        return fetch_sru(session, source.url, dossiers, cursor, limit=limit)

    def tk_odata(cursor: Cursor) -> Iterator[Fetched]:
        limit.wait()
        return fetch_odata(session, source.url, dossiers, cursor)

    return {"koop_sru": koop_sru, "tk_odata": tk_odata}[source.name]
