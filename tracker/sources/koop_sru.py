"""Annotated agendas from KOOP's SRU 2.0 search (repository.overheid.nl), with their XML.

Facts are marked [verified in capture] when seen in
research/corpus/koop-sru/repository.overheid.nl_sru_searchRetrieve_gzd_KOOP-test-fixture.xml
(real records in a hand-assembled envelope), and [assumed] when only documented or reported
by others; no capture holds a geannoteerde-agenda record. What real clients do
(research/api-checks.md §1): `dcterms:type` is chosen by its scheme (a record may carry a
KamerstukTypen type first, S14); paging ends where the server sends no
`nextRecordPosition` (the total is an estimate, S12); no `sortBy` (nothing needs it and a
diagnostic would fail the source, S10); 100 records a page (S4). An Eerste Kamer copy
(`kst-32317-JI`, creator Eerste Kamer) is that chamber's letter (S19): `Record.chamber`,
and the store folds it in the Eerste Kamer's chain.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from urllib.parse import urlencode

import requests
from lxml import etree

from tracker.errors import InputError
from tracker.extract.safexml import parse_xml
from tracker.records import dataclass

from .base import Cursor, Fetched, FetchError, Unreadable, Validators, no_validators
from .http import RateLimit, get

Timeout = tuple[float, float]  # (connect, read) seconds

SOURCE = "koop_sru"
BASE_URL = "https://repository.overheid.nl/sru"
# [verified in capture] letters' titles as the government writes them ("Geannoteerde agenda …",
# "Geannoteerde Agenda …") in tk-odata/Document-records_geannoteerde-agenda_and_JBZ-Raad.json;
# [assumed] SRU's dcterms:title / documenttitel carry the same words.
AGENDA_PHRASE = "geannoteerde agenda"
# [verified in capture] subrubriek has scheme OVERHEIDop.KamerstukTypen ("Motie" seen);
# [assumed] a government letter's value is "Brief regering" (sources.md §1.1).
LETTER_SUBRUBRIEK = "brief regering"
# [assumed] the manifestation order to prefer; the xml/pdf itemUrl attributes are
# [verified in capture], and a Bijlage has only pdf.
MANIFESTATIONS = ("xml", "pdf")
PAGE_SIZE = 100  # PLOOI asks 10, parlhist 1000 a page (api-checks.md S4)
# [verified in capture] the scheme of the Kamerstuk/Bijlage type; PLOOI and parlhist select
# the letter kind by the KamerstukTypen scheme (api-checks.md S14, S15).
TYPE_SCHEME = "OVERHEIDop.Parlementair"
KIND_SCHEME = "OVERHEIDop.KamerstukTypen"
TWEEDE, EERSTE = "Tweede Kamer", "Eerste Kamer"


@dataclass(frozen=True)
class Record:
    """The fields of one gzd record this source needs."""

    identifier: str
    title: str
    doctype: str
    subrubriek: str
    modified: str | None
    urls: dict[str, str]
    chamber: str = TWEEDE  # whose copy: an Eerste Kamer copy has a letter ondernummer


def build_query(dossier: str, cursor: Cursor) -> str:
    """CQL for the Kamerstukken (not Bijlagen) of `dossier`, modified on or after the cursor."""
    # [assumed] index names and syntax (3rd-party reports; sources.md §1.1). The cursor is a
    # date [verified in capture: dcterms:modified is YYYY-MM-DD], so ">=" re-reads the cursor's
    # own day rather than lose letters published later that day; the store ignores repeats.
    parts = [
        'c.product-area=="officielepublicaties"',
        f'w.dossiernummer=="{dossier}"',
        'w.publicatienaam=="Kamerstuk"',
        'dt.type=="Kamerstuk"',  # parlhist's form; no NOT needed to leave out Bijlagen
    ]
    if cursor.modified:
        parts.append(f'dt.modified>="{cursor.modified}"')
    # No sortBy: a run that breaks off keeps its cursor (runner), so order is not needed.
    return " AND ".join(parts)


def search_url(base_url: str, query: str, start: int, page_size: int) -> str:
    """The searchRetrieve URL of one page of results."""
    params = {
        "operation": "searchRetrieve",
        "version": "2.0",
        "recordSchema": "gzd",
        "query": query,
        "startRecord": str(start),
        "maximumRecords": str(page_size),
    }
    return f"{base_url}?{urlencode(params)}"


def _text(element: etree._Element, path: str) -> str:
    """Stripped text of the first match of `path` (namespace wildcards), or ""."""
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def _by_scheme(element: etree._Element, path: str, scheme: str) -> str:
    """Text of the first `path` element with this scheme, else of the first without one."""
    found = element.findall(path)
    for candidate in found:
        if candidate.get("scheme") == scheme:
            return (candidate.text or "").strip()
    plain = [c for c in found if not c.get("scheme")]
    return (plain[0].text or "").strip() if plain else ""


def chamber_of(identifier: str, creator: str) -> str:
    """Whose copy a kamerstuk is: Eerste Kamer copies have letter ondernummers (kst-32317-JI)
    or name the Eerste Kamer as creator (parlhist's split); else the Tweede Kamer's."""
    ondernummer = identifier.rsplit("-", 1)[-1]
    if "eerste kamer" in creator.lower() or (ondernummer.isalpha() and ondernummer.isupper()):
        return EERSTE
    return TWEEDE


def parse_record(gzd: etree._Element) -> Record:
    """A Record from one gzd:gzd element."""
    # [verified in capture] owmskern/identifier, title, type, modified; tpmeta/subrubriek;
    # enrichedData/itemUrl[@manifestation]. Namespaces are wildcarded: the SRU 1.2 capture
    # uses overheidop where 2.0 uses overheidwetgeving.
    urls = {
        item.get("manifestation", ""): (item.text or "").strip()
        for item in gzd.iterfind(".//{*}enrichedData/{*}itemUrl")
    }
    main_url = _text(gzd, ".//{*}enrichedData/{*}url")
    if main_url:
        urls.setdefault("main", main_url)
    identifier = _text(gzd, ".//{*}owmskern/{*}identifier")
    return Record(
        identifier=identifier,
        title=_text(gzd, ".//{*}documenttitel") or _text(gzd, ".//{*}owmskern/{*}title"),
        doctype=_by_scheme(gzd, ".//{*}owmskern/{*}type", TYPE_SCHEME),
        subrubriek=_by_scheme(gzd, ".//{*}subrubriek", KIND_SCHEME),
        modified=_text(gzd, ".//{*}owmskern/{*}modified") or None,
        urls=urls,
        chamber=chamber_of(identifier, _text(gzd, ".//{*}owmskern/{*}creator")),
    )


def is_annotated_agenda(record: Record) -> bool:
    """True for a government letter whose title names it a geannoteerde agenda."""
    if record.doctype != "Kamerstuk":  # [verified in capture] Bijlage / Aanhangsel differ
        return False
    if record.subrubriek and record.subrubriek.lower() != LETTER_SUBRUBRIEK:
        return False  # e.g. "Motie" [verified in capture]
    return AGENDA_PHRASE in record.title.lower()


def document_url(record: Record) -> str | None:
    """The XML manifestation's URL, else the PDF's, else the record's main URL."""
    for manifestation in (*MANIFESTATIONS, "main"):
        url = record.urls.get(manifestation, "")
        if url.startswith(("http://", "https://")):
            return url
    return None


@dataclass(frozen=True)
class Page:
    """One page of search results."""

    records: list[Record]
    total: int
    next_position: int | None


def parse_page(data: bytes, url: str) -> Page:
    """The records and paging of one searchRetrieve response; FetchError naming `url`."""
    try:
        root = parse_xml(data, url)
    except InputError as exc:
        raise FetchError(str(exc)) from exc
    diagnostic = root.find(".//{*}diagnostics//{*}message")
    if root.find(".//{*}diagnostics") is not None:
        message = (diagnostic.text or "") if diagnostic is not None else ""
        raise FetchError(f"{url}: SRU diagnostic: {message.strip() or 'no message'}")
    total = _text(root, "{*}numberOfRecords")
    following = _text(root, "{*}nextRecordPosition")
    if not total.isdigit():
        raise FetchError(f"{url}: SRU response without numberOfRecords")
    records = [parse_record(gzd) for gzd in root.iterfind(".//{*}recordData/{*}gzd")]
    return Page(records, int(total), int(following) if following.isdigit() else None)


def following_position(page: Page, start: int) -> int | None:
    """Where the next page starts: the server's nextRecordPosition, None when it sends none.

    `numberOfRecords` is only an estimate (resultCountPrecision .../estimate), so it does
    not end the paging; a position that does not move forward does."""
    position = page.next_position
    if position is None or position <= start or not page.records:
        return None
    return position


def search_records(
    session: requests.Session,
    base_url: str,
    query: str,
    page_size: int,
    limit: RateLimit | None,
    timeout: Timeout,
) -> Iterator[Record]:
    """Every record matching `query`, page by page."""
    start: int | None = 1
    while start is not None:
        url = search_url(base_url, query, start, page_size)
        if limit:
            limit.wait()
        response = get(session, url, timeout)
        if response is None:
            raise FetchError(f"{url}: 304 Not Modified to an unconditional search")
        page = parse_page(response.content, url)
        yield from page.records
        start = following_position(page, start)


def fetch_document(
    session: requests.Session,
    record: Record,
    limit: RateLimit | None,
    timeout: Timeout,
    validators: Validators = no_validators,
) -> Fetched | None:
    """The record's document as Fetched; None without a usable URL or when unchanged (304)."""
    url = document_url(record)
    if url is None:
        return None
    if limit:
        limit.wait()
    etag, last_modified = validators(url)
    response = get(session, url, timeout, etag, last_modified)
    if response is None:  # 304: the same document as last time
        return None
    return Fetched(
        SOURCE,
        record.identifier,
        url,
        response.content,
        record.modified,
        record.title,
        response.headers.get("ETag"),
        response.headers.get("Last-Modified"),
    )


def fetch_sru(
    session: requests.Session,
    base_url: str,
    dossiers: list[str],
    cursor: Cursor,
    page_size: int = PAGE_SIZE,
    limit: RateLimit | None = None,
    timeout: Timeout = (5, 30),
    validators: Validators = no_validators,
) -> Iterator[Fetched | Unreadable]:
    """The annotated agendas in `dossiers` changed since `cursor`, each once, with their XML."""
    seen: set[str] = set()
    for dossier in dossiers:
        query = build_query(dossier, cursor)
        for record in search_records(session, base_url, query, page_size, limit, timeout):
            # Paging over a changing result set can repeat a record on the next page.
            if record.identifier in seen or not is_annotated_agenda(record):
                continue
            seen.add(record.identifier)
            try:  # one letter's file failing is that letter's failure, not the source's
                fetched = fetch_document(session, record, limit, timeout, validators)
            except FetchError as exc:
                yield Unreadable(
                    document_url(record) or record.identifier, record.modified, str(exc)
                )
                continue
            if fetched is not None:
                yield fetched


def frbr_base(sru_url: str) -> str:
    """Where the repository keeps its files beside its SRU search (…/frbr/officielepublicaties)."""
    root = sru_url.rstrip("/").removesuffix("/sru")
    return f"{root}/frbr/officielepublicaties"


def next_cursor(fetched: Iterable[Fetched], cursor: Cursor) -> Cursor:
    """The cursor after a complete run: the highest modification time handed over."""
    times = [item.modified for item in fetched if item.modified]
    if cursor.modified:
        times.append(cursor.modified)
    return Cursor(max(times) if times else None)
