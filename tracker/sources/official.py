"""The official sources by name: how to fetch from each, given its configuration."""

from __future__ import annotations

from collections.abc import Iterator

import requests

from tracker.config import SourceConfig
from tracker.sources.base import Cursor, Fetched, Validators, no_validators
from tracker.sources.http import RateLimit
from tracker.sources.koop_sru import fetch_sru
from tracker.sources.runner import Fetcher
from tracker.sources.tk_odata import fetch_odata


def fetcher(
    source: SourceConfig,
    session: requests.Session,
    limit: RateLimit,
    validators: Validators = no_validators,
) -> Fetcher:
    """A function from cursor to fetched documents for the configured source."""
    dossiers = list(source.dossiers)

    def koop_sru(cursor: Cursor) -> Iterator[Fetched]:
        return fetch_sru(session, source.url, dossiers, cursor, limit=limit, validators=validators)

    def tk_odata(cursor: Cursor) -> Iterator[Fetched]:
        limit.wait()
        return fetch_odata(session, source.url, dossiers, cursor)

    return {"koop_sru": koop_sru, "tk_odata": tk_odata}[source.name]
