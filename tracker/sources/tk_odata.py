"""Tweede Kamer OData v4 (Gegevensmagazijn): annotated-agenda letters and their DOCX bijlage.

Provenance of what this module relies on (see research/sources.md §3):
- [verified in capture] Document fields Id, Soort, DocumentNummer, Onderwerp, GewijzigdOp,
  ContentType, Verwijderd; tombstones have ``Verwijderd: true`` and every other field null
  except Id/GewijzigdOp; the body is ``{"@odata.context": ..., "value": [...]}``; the letter
  is Soort "Brief regering" and its agenda is a separate Soort "Bijlage" DOCX.
- [verified in $metadata] navigations Document/Kamerstukdossier, Document/BijlageDocument,
  Document/HuidigeDocumentVersie (with ExterneIdentifier, e.g. "kst-32317-943"); Kamerstukdossier
  has Nummer (Int32) and Toevoeging; ``Resource`` is a function bound to Document.
- [assumed] the $filter/$expand syntax (``Kamerstukdossier/any(d:...)``, ``tolower``,
  ``contains``, nested ``$select``), unquoted DateTimeOffset literals, ``@odata.nextLink``
  paging and the ``Document(<Id>)/Resource`` path form: none was seen in a live response.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import requests

from tracker.sources.base import Cursor, Fetched, FetchError

SOURCE = "tk_odata"
AGENDA_PHRASE = "geannoteerde agenda"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXPAND = (
    "Kamerstukdossier($select=Nummer,Toevoeging),"
    "HuidigeDocumentVersie($select=ExterneIdentifier),"
    "BijlageDocument($select=Id,Soort,DocumentNummer,Onderwerp,ContentType,Verwijderd)"
)


@dataclass(frozen=True)
class Tombstone:
    """A Document the API reports as deleted; only its TK Id and change time are known."""

    document_id: str
    modified: str | None


def fetch_odata(
    session: requests.Session,
    base_url: str,
    dossiers: list[str],
    cursor: Cursor,
    page_size: int = 50,
    timeout: tuple[float, float] = (5, 30),
) -> Iterator[Fetched]:
    """Yield the annotated-agenda letters of `dossiers` changed since `cursor`."""
    for item in fetch_odata_changes(session, base_url, dossiers, cursor, page_size, timeout):
        if isinstance(item, Fetched):
            yield item


def fetch_odata_changes(
    session: requests.Session,
    base_url: str,
    dossiers: list[str],
    cursor: Cursor,
    page_size: int = 50,
    timeout: tuple[float, float] = (5, 30),
) -> Iterator[Fetched | Tombstone]:
    """Yield agenda letters as Fetched and deleted Documents as Tombstone, oldest change first."""
    base = base_url.rstrip("/")
    for record in _records(session, base, dossiers, cursor, page_size, timeout):
        if _already_handed_over(record, cursor):
            continue
        if record.get("Verwijderd") is True:
            yield Tombstone(document_id=str(record.get("Id")), modified=record.get("GewijzigdOp"))
        elif _is_agenda_letter(record):
            yield _fetch_letter(session, base, record, timeout)


def next_cursor(fetched: Iterable[Fetched | Tombstone], cursor: Cursor) -> Cursor:
    """The cursor after a fully handed-over run: the latest modification time seen."""
    latest = cursor.modified
    for item in fetched:
        if item.modified and (latest is None or _when(item.modified) > _when(latest)):
            latest = item.modified
    return Cursor(modified=latest)


def build_filter(dossiers: list[str], cursor: Cursor) -> str:
    """The OData $filter: agenda letters in the dossiers, plus tombstones, changed since cursor."""
    letters = (
        "Soort eq 'Brief regering'"
        f" and contains(tolower(Onderwerp),'{AGENDA_PHRASE}')"
        f" and Kamerstukdossier/any(d:{_dossier_clause(dossiers)})"
    )
    if cursor.modified is None:
        # A first run has nothing to retract: skip the (large) history of tombstones.
        return letters
    # Tombstones have Soort/Onderwerp null [verified in capture], so they need their own branch.
    return f"GewijzigdOp ge {cursor.modified} and (Verwijderd eq true or ({letters}))"


def _dossier_clause(dossiers: list[str]) -> str:
    """`d/Nummer eq 21501 and d/Toevoeging eq '32'` per dossier, or-ed together."""
    if not dossiers:
        raise FetchError("tk_odata: no dossiers configured")
    clauses = []
    for dossier in dossiers:
        number, _, suffix = dossier.partition("-")
        if not number.isdigit():
            raise FetchError(f"tk_odata: dossier {dossier!r} is not like '32317' or '21501-32'")
        clause = f"d/Nummer eq {number}"
        if suffix:
            clause += f" and d/Toevoeging eq '{suffix}'"
        clauses.append(f"({clause})")
    return " or ".join(clauses)


def _records(
    session: requests.Session,
    base: str,
    dossiers: list[str],
    cursor: Cursor,
    page_size: int,
    timeout: tuple[float, float],
) -> Iterator[dict[str, Any]]:
    """Every Document record of the query, following @odata.nextLink."""
    params: dict[str, str] | None = {
        "$filter": build_filter(dossiers, cursor),
        "$orderby": "GewijzigdOp asc,Id asc",
        "$expand": EXPAND,
        "$top": str(page_size),
    }
    url: str | None = f"{base}/Document"
    while url is not None:
        page = _get_json(session, url, params, timeout)
        yield from page["value"]
        url, params = page.get("@odata.nextLink"), None  # the next link carries the query


def _get_json(
    session: requests.Session,
    url: str,
    params: dict[str, str] | None,
    timeout: tuple[float, float],
) -> dict[str, Any]:
    """One OData page, checked to have a `value` list of objects."""
    response = _get(session, url, params, timeout)
    try:
        page = json.loads(response.content)
    except ValueError as exc:
        raise FetchError(f"{response.url}: response is not JSON ({exc})") from exc
    values = page.get("value") if isinstance(page, dict) else None
    if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
        raise FetchError(f"{response.url}: OData response has no 'value' list of records")
    next_link = page.get("@odata.nextLink")
    if next_link is not None and not isinstance(next_link, str):
        raise FetchError(f"{response.url}: @odata.nextLink is not a string")
    return page


def _get(
    session: requests.Session,
    url: str,
    params: dict[str, str] | None,
    timeout: tuple[float, float],
) -> requests.Response:
    """GET that turns transport errors and non-200 statuses into FetchError."""
    try:
        response = session.get(url, params=params, timeout=timeout)
    except requests.RequestException as exc:
        raise FetchError(f"{url}: request failed ({exc})") from exc
    if response.status_code != 200:
        raise FetchError(f"{response.url}: HTTP {response.status_code}")
    return response


def _is_agenda_letter(record: dict[str, Any]) -> bool:
    """Re-check client-side what the server filter asked for (cheap; guards filter typos)."""
    subject = record.get("Onderwerp")
    return (
        record.get("Soort") == "Brief regering"
        and isinstance(subject, str)
        and AGENDA_PHRASE in subject.lower()
    )


def _already_handed_over(record: dict[str, Any], cursor: Cursor) -> bool:
    """Records at exactly the cursor time were handed over last run (Cursor's contract)."""
    modified = record.get("GewijzigdOp")
    if cursor.modified is None or not isinstance(modified, str):
        return False
    return _when(modified) <= _when(cursor.modified)


def _fetch_letter(
    session: requests.Session, base: str, record: dict[str, Any], timeout: tuple[float, float]
) -> Fetched:
    """Download the letter's agenda bijlage (or the letter itself) as a Fetched."""
    target = _agenda_attachment(record) or record
    url = f"{base}/Document({_require(target, 'Id')})/Resource"
    response = _get(session, url, None, timeout)
    return Fetched(
        source=SOURCE,
        official_id=_official_id(record),
        url=url,
        data=response.content,
        modified=record.get("GewijzigdOp"),
        title=record.get("Onderwerp"),
    )


def _agenda_attachment(record: dict[str, Any]) -> dict[str, Any] | None:
    """The DOCX bijlage that is the agenda itself, not the "Beslisnota bij ..." [assumed]."""
    attachments = record.get("BijlageDocument") or []
    for attachment in attachments if isinstance(attachments, list) else []:
        subject = str(attachment.get("Onderwerp") or "").lower()
        if (
            attachment.get("Verwijderd") is not True
            and attachment.get("ContentType") == DOCX
            and AGENDA_PHRASE in subject
            and not subject.startswith("beslisnota")
        ):
            return dict(attachment)
    return None


def _official_id(record: dict[str, Any]) -> str:
    """The KOOP id (kst-...) when the current version states one, else the DocumentNummer."""
    version = record.get("HuidigeDocumentVersie")
    external = version.get("ExterneIdentifier") if isinstance(version, dict) else None
    if isinstance(external, str) and external.startswith("kst-"):
        return external
    return str(_require(record, "DocumentNummer"))


def _require(record: dict[str, Any], field: str) -> Any:
    """A field that must be present, or FetchError naming the record."""
    value = record.get(field)
    if value is None:
        raise FetchError(f"tk_odata: Document {record.get('Id')!r} has no {field}")
    return value


def _when(stamp: str) -> datetime:
    """An OData DateTimeOffset as an aware datetime (offsets differ between records)."""
    try:
        return datetime.fromisoformat(stamp)
    except ValueError as exc:
        raise FetchError(f"tk_odata: {stamp!r} is not an ISO 8601 time") from exc
