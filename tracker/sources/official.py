"""The official sources by name: how to fetch from each, given its configuration."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import requests

from tracker.config import SourceConfig
from tracker.sources.base import Cursor, Item, Validators, no_validators
from tracker.sources.http import RateLimit
from tracker.sources.koop_sru import fetch_sru, frbr_base
from tracker.sources.runner import Fetcher
from tracker.sources.tk_odata import fetch_odata, koop_xml_url, withdrawn

# The URLs of the documents a source's store holds (not withdrawn), under a prefix.
Held = Callable[[str], frozenset[str]]


def no_held(_prefix: str) -> frozenset[str]:
    """A store that holds nothing yet."""
    return frozenset()


def fetcher(
    source: SourceConfig,
    session: requests.Session,
    limit: RateLimit,
    validators: Validators = no_validators,
    held: Held = no_held,
    koop: SourceConfig | None = None,
) -> Fetcher:
    """A function from cursor to what the configured source yields.

    `koop` is the KOOP source's configuration: where the Tweede Kamer source finds the
    official XML of a letter whose own file it cannot read.
    """
    dossiers = list(source.dossiers)

    def koop_sru(cursor: Cursor) -> Iterator[Item]:
        return fetch_sru(session, source.url, dossiers, cursor, limit=limit, validators=validators)

    def tk_odata(cursor: Cursor) -> Iterator[Item]:
        limit.wait()
        base = source.url.rstrip("/")
        holding = held(f"{base}/Document(")
        koop_base = frbr_base(koop.url) if koop is not None else None
        koop_url = (lambda kst: koop_xml_url(koop_base, kst)) if koop_base else None
        yield from fetch_odata(session, base, dossiers, cursor, holding, koop_url)
        yield from withdrawn(session, base, holding)

    return {"koop_sru": koop_sru, "tk_odata": tk_odata}[source.name]
