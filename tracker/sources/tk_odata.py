"""Tweede Kamer OData v4 (Gegevensmagazijn): annotated-agenda letters and their agenda bijlage.

How the live service behaves, and so what this module sends (research/api-checks.md §2):
- No ``$top``: the server pages at 250 rows and sends ``@odata.nextLink`` only without
  ``$top`` (TK OpenDataPortaal issue #70, wontfix; tkapi pages the same way) (T9).
- ``Verwijderd eq false`` in the nightly query: deleted Documents (14.1 % of rows, #190)
  come back with every field nulled and would crowd out the letters (T8). Deletions of
  documents the store holds are asked for separately, by their Id (`withdrawn`).
- ``ApiGewijzigdOp`` for filter, order and cursor, with an overlap: ``GewijzigdOp`` lags
  the API's own change time by up to 48 days in the real capture (T6); times are compared
  as datetimes, never as strings (T16).
- After every page a `Checkpoint`: the cursor moves past rows of no interest too, so a
  run of rows that are not letters never stalls the source.
- The agenda bijlage may be DOCX, DOC or PDF (2024D44001 is ``application/msword``, T14).
  A ``.doc`` the reader cannot open is replaced by the KOOP publication of the letter
  (its ``kst-`` id); until KOOP has it, the letter is `Unreadable`, never the covering
  letter alone.
- The ``kst-`` id (``HuidigeDocumentVersie.ExterneIdentifier``) is the letter's official
  id, so the TK and KOOP copies of one letter are one letter (T15).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, timedelta
from typing import Any
from urllib.parse import urlencode

import requests

from tracker.sources.base import (
    Checkpoint,
    Cursor,
    Fetched,
    FetchError,
    Item,
    Unreadable,
    Withdrawn,
    later,
    moment,
)
from tracker.sources.http import get

SOURCE = "tk_odata"
AGENDA_PHRASE = "geannoteerde agenda"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOC = "application/msword"
PDF = "application/pdf"
# The formats an agenda comes in, in the order to prefer them; the reader opens DOCX and PDF.
AGENDA_TYPES = (DOCX, PDF, DOC)
OVERLAP = timedelta(days=1)  # re-read a day before the cursor; the store ignores repeats
WITHDRAWN_BATCH = 20  # Ids per deletion lookup, to keep the URL short
EXPAND = (
    "Kamerstukdossier($select=Nummer,Toevoeging),"
    "HuidigeDocumentVersie($select=ExterneIdentifier),"
    "BijlageDocument($select=Id,Soort,DocumentNummer,Onderwerp,ContentType,Verwijderd)"
)

Timeout = tuple[float, float]
# The URL of KOOP's XML of an official id (kst-...), for a letter whose TK file cannot be read.
KoopUrl = Callable[[str], str]


def fetch_odata(
    session: requests.Session,
    base_url: str,
    dossiers: list[str],
    cursor: Cursor,
    held: frozenset[str] = frozenset(),
    koop_url: KoopUrl | None = None,
    timeout: Timeout = (5, 30),
) -> Iterator[Item]:
    """The agenda letters of `dossiers` changed since `cursor`, a Checkpoint after each page.

    `held` are the URLs of documents the store has; within the overlap they are not
    downloaded again.
    """
    base = base_url.rstrip("/")
    for page in _pages(session, f"{base}/Document", _query(dossiers, cursor), timeout):
        for record in page:
            if record.get("Verwijderd") is True or not _is_agenda_letter(record):
                continue  # a nulled deleted row, or a filter the server did not apply
            url = f"{base}/Document({_require(_target(record), 'Id')})/Resource"
            if url in held and not later(_stamp(record), cursor.modified):
                continue  # handed over last run, re-read only because of the overlap
            yield _fetch_letter(session, base, record, koop_url, timeout)
        if page and (latest := _latest(page)) is not None:
            yield Checkpoint(latest)


def withdrawn(
    session: requests.Session, base_url: str, held: Iterable[str], timeout: Timeout = (5, 30)
) -> Iterator[Withdrawn]:
    """The held TK documents (by Resource URL) the service now reports deleted."""
    base = base_url.rstrip("/")
    by_id = {i: url for url in held if (i := document_id(base, url)) is not None}
    ids = sorted(by_id)
    for start in range(0, len(ids), WITHDRAWN_BATCH):
        batch = " or ".join(f"Id eq {i}" for i in ids[start : start + WITHDRAWN_BATCH])
        query = {
            "$filter": f"Verwijderd eq true and ({batch})",
            "$select": "Id,Verwijderd,ApiGewijzigdOp",
        }
        for page in _pages(session, f"{base}/Document", query, timeout):
            for record in page:
                if record.get("Verwijderd") is True and str(record.get("Id")) in by_id:
                    yield Withdrawn(by_id[str(record["Id"])], _stamp(record))


def document_id(base: str, url: str) -> str | None:
    """The Document Id in a Resource URL of this service, else None."""
    prefix, suffix = f"{base.rstrip('/')}/Document(", ")/Resource"
    if url.startswith(prefix) and url.endswith(suffix):
        return url[len(prefix) : -len(suffix)]
    return None


def build_filter(dossiers: list[str], cursor: Cursor, overlap: timedelta = OVERLAP) -> str:
    """The OData $filter: live agenda letters in the dossiers changed since cursor - overlap."""
    letters = (
        "Verwijderd eq false and Soort eq 'Brief regering'"
        f" and contains(tolower(Onderwerp),'{AGENDA_PHRASE}')"
        f" and Kamerstukdossier/any(d:{_dossier_clause(dossiers)})"
    )
    if cursor.modified is None:
        return letters
    since = (moment(cursor.modified) - overlap).astimezone(UTC)
    return f"ApiGewijzigdOp ge {since.isoformat(timespec='milliseconds')[:-6]}Z and {letters}"


def _query(dossiers: list[str], cursor: Cursor) -> dict[str, str]:
    return {
        "$filter": build_filter(dossiers, cursor),
        "$orderby": "ApiGewijzigdOp asc,Id asc",
        "$expand": EXPAND,
    }


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


def _pages(
    session: requests.Session, url: str, params: dict[str, str], timeout: Timeout
) -> Iterator[list[dict[str, Any]]]:
    """Every page of a query, following @odata.nextLink (the link carries the query)."""
    next_url: str | None = f"{url}?{urlencode(params)}"
    while next_url is not None:
        page = _get_json(session, next_url, timeout)
        yield page["value"]
        next_url = page.get("@odata.nextLink")


def _get_json(session: requests.Session, url: str, timeout: Timeout) -> dict[str, Any]:
    """One OData page, checked to have a `value` list of objects."""
    response = get(session, url, timeout)
    if response is None:
        raise FetchError(f"{url}: 304 Not Modified to an unconditional query")
    try:
        page = json.loads(response.content)
    except ValueError as exc:
        raise FetchError(f"{url}: response is not JSON ({exc})") from exc
    values = page.get("value") if isinstance(page, dict) else None
    if not isinstance(values, list) or not all(isinstance(v, dict) for v in values):
        raise FetchError(f"{url}: OData response has no 'value' list of records")
    next_link = page.get("@odata.nextLink")
    if next_link is not None and not isinstance(next_link, str):
        raise FetchError(f"{url}: @odata.nextLink is not a string")
    return page


def _is_agenda_letter(record: dict[str, Any]) -> bool:
    """Re-check client-side what the server filter asked for (cheap; guards filter typos)."""
    subject = record.get("Onderwerp")
    return (
        record.get("Soort") == "Brief regering"
        and isinstance(subject, str)
        and AGENDA_PHRASE in subject.lower()
    )


def _stamp(record: dict[str, Any]) -> str | None:
    """The API's change time of a record (ApiGewijzigdOp), else its GewijzigdOp."""
    value = record.get("ApiGewijzigdOp") or record.get("GewijzigdOp")
    return value if isinstance(value, str) else None


def _latest(page: list[dict[str, Any]]) -> str | None:
    """The latest change time on a page, compared as times."""
    latest: str | None = None
    for record in page:
        stamp = _stamp(record)
        if later(stamp, latest):
            latest = stamp
    return latest


def _target(record: dict[str, Any]) -> dict[str, Any]:
    """The document that holds the agenda: its bijlage when there is one, else the letter."""
    return _agenda_attachment(record) or record


def _fetch_letter(
    session: requests.Session,
    base: str,
    record: dict[str, Any],
    koop_url: KoopUrl | None,
    timeout: Timeout,
) -> Fetched | Unreadable:
    """Download the agenda (or the letter itself); a .doc is replaced by KOOP's XML."""
    target = _target(record)
    url = f"{base}/Document({_require(target, 'Id')})/Resource"
    official = _official_id(record)
    if target.get("ContentType") == DOC:
        return _from_koop(session, record, url, official, koop_url, timeout)
    try:  # one letter's file failing is that letter's failure, not the source's
        response = get(session, url, timeout)
    except FetchError as exc:
        return Unreadable(url, _stamp(record), str(exc))
    if response is None:
        return Unreadable(url, _stamp(record), f"{url}: 304 Not Modified to an unconditional GET")
    return Fetched(SOURCE, official, url, response.content, _stamp(record), record.get("Onderwerp"))


def _from_koop(
    session: requests.Session,
    record: dict[str, Any],
    url: str,
    official: str,
    koop_url: KoopUrl | None,
    timeout: Timeout,
) -> Fetched | Unreadable:
    """The KOOP publication of a letter whose TK agenda is a .doc, or why there is none yet."""
    why = f"{url}: the agenda of {record.get('DocumentNummer')} is a .doc, which cannot be read"
    if not official.startswith("kst-"):
        return Unreadable(url, _stamp(record), f"{why}, and the letter has no kst- id yet")
    if koop_url is None:
        return Unreadable(url, _stamp(record), f"{why}, and no KOOP source is configured")
    koop = koop_url(official)
    try:
        response = get(session, koop, timeout)
    except FetchError as exc:
        return Unreadable(url, _stamp(record), f"{why}; KOOP's {official}: {exc}")
    if response is None or "fout404" in response.url:  # KOOP answers a missing file so
        return Unreadable(url, _stamp(record), f"{why}; KOOP has not published {official}")
    return Fetched(
        SOURCE, official, koop, response.content, _stamp(record), record.get("Onderwerp")
    )


def _agenda_attachment(record: dict[str, Any]) -> dict[str, Any] | None:
    """The bijlage that is the agenda itself (not the "Beslisnota bij ..."), DOCX first."""
    attachments = record.get("BijlageDocument") or []
    agendas = [
        dict(a)
        for a in (attachments if isinstance(attachments, list) else [])
        if a.get("Verwijderd") is not True
        and a.get("ContentType") in AGENDA_TYPES
        and AGENDA_PHRASE in str(a.get("Onderwerp") or "").lower()
        and not str(a.get("Onderwerp") or "").lower().startswith("beslisnota")
    ]
    agendas.sort(key=lambda a: AGENDA_TYPES.index(a["ContentType"]))
    return agendas[0] if agendas else None


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


def koop_xml_url(frbr_base: str, official_id: str) -> str:
    """KOOP's XML of a kamerstuk: `<frbr>/kst/<dossier>/<id>/1/xml/<id>.xml` (S17)."""
    dossier = official_id.removeprefix("kst-").rsplit("-", 1)[0]
    return f"{frbr_base.rstrip('/')}/kst/{dossier}/{official_id}/1/xml/{official_id}.xml"
