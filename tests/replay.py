"""Local servers that replay the real captures and behave as the live services do.

Real HTTP on loopback. Behaviour follows what real clients and the services' own issue
trackers report (research/api-checks.md), not what the old notes assumed:

TK OData (`TkReplay`, tests/data/research/tk-odata/):
- the 613 captured Document rows; `$filter` evaluated (the subset of OData the tracker
  and `tracker sources check` send; anything else is a 400, as a real server answers a
  query it cannot parse), `$orderby`, `$select`, `$expand`, `$skip`;
- server pages of 250 with `@odata.nextLink`, but no next link at all when `$top` is
  given (TK issue #70, wontfix; MS OData "client-driven paging");
- deleted rows (`Verwijderd: true`) returned unless filtered out, every field nulled but
  Id and the change times (the captured tombstone; issue #190);
- `Document(<Id>)/Resource` serves the files a test registers.
The navigations (`Kamerstukdossier`, `HuidigeDocumentVersie`, `BijlageDocument`) are
constructed: dossier and kst- id from the captured index of the 149 letters, the bijlagen
as the Bijlage rows numbered right after their letter (as TK numbers them: 2024D44000,
its agenda 2024D44001, its beslisnota 2024D44002).

KOOP SRU (`KoopReplay`, tests/data/research/koop-sru/): searchRetrieve over gzd records,
`numberOfRecords` an estimate (resultCountPrecision .../estimate, deliberately off),
`nextRecordPosition` only while records remain; `/frbr/...` files a test registers.
"""

from __future__ import annotations

import copy
import csv
import json
import re
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from lxml import etree

DATA = Path(__file__).parent / "data" / "research"
TK = DATA / "tk-odata"
KOOP = DATA / "koop-sru"
ODATA = "/OData/v4/2.0"
SERVER_PAGE = 250
NAVIGATIONS = ("Kamerstukdossier", "HuidigeDocumentVersie", "BijlageDocument")
KEEP_WHEN_DELETED = ("Id", "GewijzigdOp", "ApiGewijzigdOp", "Verwijderd")


# ---------------------------------------------------------------- TK OData: the data


def captured_documents() -> list[dict[str, Any]]:
    """The captured Document rows with their (constructed) navigations, by DocumentNummer."""
    rows = json.loads((TK / "Document-records_geannoteerde-agenda_and_JBZ-Raad.json").read_text())
    by_number = {r["DocumentNummer"]: dict(r) for r in rows}
    index = TK / "index_Brief-regering_geannoteerde-agenda_and_JBZ.csv"
    with index.open(encoding="utf-8") as stream:
        letters = {row["DocumentNummer"]: row for row in csv.DictReader(stream)}
    for row in by_number.values():
        row.setdefault("Kamerstukdossier", [])
        row.setdefault("HuidigeDocumentVersie", None)
        row.setdefault("BijlageDocument", [])
        meta = letters.get(row["DocumentNummer"])
        if meta is None or not meta["dossier_from_title"]:
            continue
        number, _, suffix = meta["dossier_from_title"].partition("-")
        row["Kamerstukdossier"] = [{"Nummer": int(number), "Toevoeging": suffix or None}]
        row["HuidigeDocumentVersie"] = {"ExterneIdentifier": meta["kst_id_derived"] or None}
        row["BijlageDocument"] = list(_bijlagen(by_number, row["DocumentNummer"]))
    return sorted(by_number.values(), key=lambda r: (_time(r["ApiGewijzigdOp"]), r["Id"]))


def _bijlagen(by_number: dict[str, dict[str, Any]], letter: str) -> Iterator[dict[str, Any]]:
    year, n = letter.split("D")
    for following in range(int(n) + 1, int(n) + 6):
        row = by_number.get(f"{year}D{following:05d}")
        if row is None or row["Soort"] != "Bijlage":
            return
        yield {
            k: row[k]
            for k in ("Id", "Soort", "DocumentNummer", "Onderwerp", "ContentType", "Verwijderd")
        }


def tombstone(seed: str, api_changed: str) -> dict[str, Any]:
    """A deleted Document as the service returns it: the captured tombstone's shape."""
    top3 = json.loads((TK / "capture_GET_Document_top3_2025-10-02.json").read_text())
    shape = next(r for r in top3["data"]["value"] if r["Verwijderd"])
    row = dict(shape, Id=str(uuid.uuid5(uuid.NAMESPACE_URL, seed)))
    row["GewijzigdOp"] = row["ApiGewijzigdOp"] = api_changed
    row.update({n: None if n == "HuidigeDocumentVersie" else [] for n in NAVIGATIONS})
    return row


def deleted(row: dict[str, Any], api_changed: str) -> dict[str, Any]:
    """`row` deleted at `api_changed`: its fields nulled, as the service shows it (#190)."""
    gone = {k: (v if k in KEEP_WHEN_DELETED else None) for k, v in row.items()}
    gone.update(Verwijderd=True, ApiGewijzigdOp=api_changed, GewijzigdOp=api_changed)
    return gone


# ---------------------------------------------------------------- TK OData: $filter


class BadQuery(ValueError):
    """A query the replay (and so, presumably, the tracker) does not speak."""


_TOKEN = re.compile(
    r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<time>\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:\d\d))"
    r"|(?P<guid>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
    r"|(?P<num>-?\d+)|(?P<name>[A-Za-z_][A-Za-z_0-9/]*)|(?P<sym>[(),:]))"
)


def _tokens(text: str) -> list[tuple[str, Any]]:
    tokens, pos = [], 0
    while pos < len(text.rstrip()):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise BadQuery(f"syntax error at position {pos}: {text[pos : pos + 20]!r}")
        kind = m.lastgroup or ""
        value: Any = m.group(kind)
        if kind == "str":
            value = value[1:-1].replace("''", "'")
        elif kind == "time":
            value = _time(value)
        elif kind == "num":
            value = int(value)
        tokens.append((kind, value))
        pos = m.end()
    return tokens


class _Filter:
    """A recursive-descent reader of the OData $filter subset; `evaluate(row)`."""

    def __init__(self, text: str) -> None:
        self.tokens = _tokens(text)
        self.pos = 0
        self.tree = self._or()
        if self.pos != len(self.tokens):
            raise BadQuery(f"unexpected {self.tokens[self.pos][1]!r}")

    def _peek(self) -> tuple[str, Any]:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else ("end", None)

    def _take(self, value: Any = None) -> Any:
        kind, got = self._peek()
        if kind == "end" or (value is not None and got != value):
            raise BadQuery(f"expected {value!r}, got {got!r}")
        self.pos += 1
        return got

    def _or(self) -> Any:
        node = self._and()
        while self._peek() == ("name", "or"):
            self._take()
            node = ("or", node, self._and())
        return node

    def _and(self) -> Any:
        node = self._not()
        while self._peek() == ("name", "and"):
            self._take()
            node = ("and", node, self._not())
        return node

    def _not(self) -> Any:
        if self._peek() == ("name", "not"):
            self._take()
            return ("not", self._not())
        return self._comparison()

    def _comparison(self) -> Any:
        if self._peek() == ("sym", "("):
            self._take("(")
            node = self._or()
            self._take(")")
            return node
        left = self._operand()
        if left[0] in ("contains", "any"):
            return left
        op = self._take()
        if op not in ("eq", "ne", "ge", "gt", "le", "lt"):
            raise BadQuery(f"unknown operator {op!r}")
        return ("cmp", op, left, self._operand())

    def _operand(self) -> Any:
        kind, value = self._peek()
        if kind in ("str", "time", "num", "guid"):
            self._take()
            return ("lit", str(value) if kind == "guid" else value)
        if kind != "name":
            raise BadQuery(f"unexpected {value!r}")
        self._take()
        if value in ("true", "false", "null"):
            return ("lit", {"true": True, "false": False, "null": None}[value])
        if value == "contains":
            self._take("(")
            field_ = self._operand()
            self._take(",")
            needle = self._operand()
            self._take(")")
            return ("contains", field_, needle)
        if value == "tolower":
            self._take("(")
            inner = self._operand()
            self._take(")")
            return ("lower", inner)
        if value.endswith("/any"):
            self._take("(")
            var = self._take()
            self._take(":")
            body = self._or()
            self._take(")")
            return ("any", value[: -len("/any")], var, body)
        return ("field", value)


def _evaluate(node: Any, row: dict[str, Any], scope: dict[str, Any]) -> Any:
    kind = node[0]
    if kind == "lit":
        return node[1]
    if kind == "field":
        var, _, name = node[1].partition("/")
        source = scope[var] if name and var in scope else row
        value = source.get(name or node[1]) if isinstance(source, dict) else None
        return _time(value) if isinstance(value, str) and _looks_time(value) else value
    if kind == "lower":
        value = _evaluate(node[1], row, scope)
        return value.lower() if isinstance(value, str) else None
    if kind == "contains":
        hay, needle = _evaluate(node[1], row, scope), _evaluate(node[2], row, scope)
        return isinstance(hay, str) and needle in hay
    if kind == "any":
        items = row.get(node[1]) or []
        return any(_evaluate(node[3], row, scope | {node[2]: item}) for item in items)
    if kind == "not":
        return not _evaluate(node[1], row, scope)
    if kind in ("and", "or"):
        left = _evaluate(node[1], row, scope)
        if kind == "and":
            return left and _evaluate(node[2], row, scope)
        return left or _evaluate(node[2], row, scope)
    op, left, right = node[1], _evaluate(node[2], row, scope), _evaluate(node[3], row, scope)
    if op in ("eq", "ne"):
        return (left == right) == (op == "eq")
    if left is None or right is None:
        return False
    return {"ge": left >= right, "gt": left > right, "le": left <= right, "lt": left < right}[op]


def _looks_time(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}-\d\d-\d\dT[0-9:.]+(?:Z|[+-]\d\d:\d\d)", value))


def _time(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp).astimezone(UTC)


# ---------------------------------------------------------------- TK OData: the server


@dataclass
class TkReplay:
    """The TK OData service: `documents` (mutable between runs), `resources` by Id."""

    documents: list[dict[str, Any]] = field(default_factory=captured_documents)
    resources: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    faults: list[str] = field(default_factory=list)  # per request: 503, timeout, garbage
    requests: list[str] = field(default_factory=list)  # every path?query asked
    base: str = ""

    def add(self, row: dict[str, Any]) -> None:
        """A new or changed Document (kept in change order)."""
        self.documents = [d for d in self.documents if d["Id"] != row["Id"]] + [row]

    def by_number(self, number: str) -> dict[str, Any]:
        return next(d for d in self.documents if d["DocumentNummer"] == number)

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, bytes, str]:
        """Status, body and content type for one request."""
        resource = re.fullmatch(rf"{ODATA}/Document\(([0-9a-f-]+)\)/(?:Resource|resource)", path)
        if resource:
            found = self.resources.get(resource.group(1))
            return (200, *found) if found else (404, b"", "text/plain")
        if path != f"{ODATA}/Document":
            return 404, b"", "text/plain"
        try:
            body = self.page(query)
        except BadQuery as exc:
            error = {
                "error": {
                    "code": "",
                    "message": f"The query specified in the URI is not valid. {exc}",
                }
            }
            return 400, json.dumps(error).encode(), "application/json"
        return 200, json.dumps(body).encode(), "application/json; odata.metadata=minimal"

    def page(self, query: dict[str, str]) -> dict[str, Any]:
        rows = self.documents
        if "$filter" in query:
            tree = _Filter(query["$filter"]).tree
            rows = [r for r in rows if _evaluate(tree, r, {})]
        rows = _ordered(rows, query.get("$orderby", "Id asc"))
        skip = int(query.get("$skip", "0"))
        top = int(query["$top"]) if "$top" in query else None
        shown = rows[skip : skip + (top if top is not None else SERVER_PAGE)]
        body: dict[str, Any] = {
            "@odata.context": f"{self.base}{ODATA}/$metadata#Document",
            "value": [_shape(r, query) for r in shown],
        }
        if top is None and skip + SERVER_PAGE < len(rows):  # no next link with $top (#70)
            following = query | {"$skip": str(skip + SERVER_PAGE)}
            body["@odata.nextLink"] = f"{self.base}{ODATA}/Document?{urlencode(following)}"
        return body


def _ordered(rows: list[dict[str, Any]], orderby: str) -> list[dict[str, Any]]:
    for clause in reversed([c.strip() for c in orderby.split(",")]):
        name, _, direction = clause.partition(" ")

        def key(row: dict[str, Any], name: str = name) -> tuple[bool, Any]:
            value = row.get(name)
            value = _time(value) if isinstance(value, str) and _looks_time(value) else value
            return (value is None, value if value is not None else 0)

        rows = sorted(rows, key=key, reverse=direction.strip() == "desc")
    return rows


def _shape(row: dict[str, Any], query: dict[str, str]) -> dict[str, Any]:
    expanded = {n for n in NAVIGATIONS if n in query.get("$expand", "")}
    shaped = {k: copy.deepcopy(v) for k, v in row.items() if k not in NAVIGATIONS or k in expanded}
    if "$select" in query:
        keep = {f.strip() for f in query["$select"].split(",")}
        shaped = {k: v for k, v in shaped.items() if k in keep or k in expanded}
    return shaped


# ---------------------------------------------------------------- KOOP SRU


SRU = "http://docs.oasis-open.org/ns/search-ws/sruResponse"


def captured_records() -> list[etree._Element]:
    """The gzd records of the KOOP capture (real records in a hand-assembled envelope)."""
    root = etree.parse(
        str(KOOP / "repository.overheid.nl_sru_searchRetrieve_gzd_KOOP-test-fixture.xml")
    )
    return [copy.deepcopy(r) for r in root.getroot().iterfind(f".//{{{SRU}}}record")]


@dataclass
class KoopReplay:
    """KOOP's SRU 2.0 search and its file repository."""

    records: list[etree._Element] = field(default_factory=captured_records)
    files: dict[str, tuple[bytes, str]] = field(default_factory=dict)  # path -> body, type
    faults: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    base: str = ""

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, bytes, str]:
        if path in self.files:
            return (200, *self.files[path])
        if path != "/sru":
            return 404, b"", "text/plain"
        return 200, self.search(query), "text/xml; charset=utf-8"

    def search(self, query: dict[str, str]) -> bytes:
        cql = query.get("query", "")
        matching = [r for r in self.records if _matches(r, cql)]
        start = int(query.get("startRecord", "1"))
        size = int(query.get("maximumRecords", "10"))
        shown = matching[start - 1 : start - 1 + size]
        root = etree.Element(f"{{{SRU}}}searchRetrieveResponse", nsmap={"sru": SRU})
        etree.SubElement(root, f"{{{SRU}}}version").text = "2.0"
        # An estimate, as the service says it is: here deliberately too low.
        etree.SubElement(root, f"{{{SRU}}}numberOfRecords").text = str(max(len(matching) - 3, 0))
        holder = etree.SubElement(root, f"{{{SRU}}}records")
        for n, record in enumerate(shown):
            record = copy.deepcopy(record)
            for position in record.iterfind(f"{{{SRU}}}recordPosition"):
                position.text = str(start + n)
            holder.append(record)
        if start - 1 + size < len(matching):
            etree.SubElement(root, f"{{{SRU}}}nextRecordPosition").text = str(start + size)
        precision = etree.SubElement(root, f"{{{SRU}}}resultCountPrecision")
        precision.text = "info:srw/vocabulary/resultCountPrecision/1/estimate"
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def agenda_record(
    identifier: str,
    title: str,
    modified: str,
    xml_url: str,
    creator: str = "Tweede Kamer der Staten-Generaal",
    kinds_first: bool = False,
) -> etree._Element:
    """A government letter's record, built on the shape of the captured kst-32545-143
    (the capture holds no agenda record): its ids, title, kind, dates and file URL set.
    `kinds_first` puts a KamerstukTypen `dcterms:type` before the Parlementair one, as the
    real metadata_owms.xml of PLOOI's unit test has it (api-checks.md S14)."""
    record = next(r for r in captured_records() if "kst-32545-143" in etree.tostring(r).decode())
    dossier, ondernummer = identifier.removeprefix("kst-").rsplit("-", 1)
    values = {
        "owmskern/{*}identifier": identifier,
        "owmskern/{*}title": f"{title}; Brief regering; {title}",
        "owmskern/{*}modified": modified,
        "owmskern/{*}creator": creator,
        "documenttitel": title,
        "dossiernummer": dossier,
        "ondernummer": ondernummer,
        "subrubriek": "Brief regering",
    }
    for path, value in values.items():
        for element in record.iterfind(f".//{{*}}{path}"):
            element.text = value
    for item in record.iterfind(".//{*}enrichedData/{*}itemUrl"):
        item.text = xml_url if item.get("manifestation") == "xml" else item.text
    if kinds_first:
        parlementair = record.find(".//{*}owmskern/{*}type")
        kind = copy.deepcopy(parlementair)
        kind.set("scheme", "OVERHEIDop.KamerstukTypen")
        kind.text = "Brief regering"
        parlementair.addprevious(kind)
    return record


def _matches(record: etree._Element, cql: str) -> bool:
    """The CQL clauses the tracker sends, each checked on the record; sortBy ignored."""
    cql = cql.split(" sortBy ")[0]
    for clause in re.split(r"\s+AND\s+", cql):
        m = re.fullmatch(r'\s*([\w.-]+)\s*(==|>=|=)\s*"?([^"]*)"?\s*', clause)
        if m is None:
            return False
        index, op, value = m.groups()
        found = _index_value(record, index)
        if op == ">=":
            if found is None or found < value:
                return False
        elif found != value:
            return False
    return True


def _index_value(record: etree._Element, index: str) -> str | None:
    paths = {
        "c.product-area": ".//{*}product-area",
        "w.dossiernummer": ".//{*}dossiernummer",
        "w.publicatienaam": ".//{*}publicatienaam",
        "dt.modified": ".//{*}owmskern/{*}modified",
        "dt.type": ".//{*}owmskern/{*}type[@scheme='OVERHEIDop.Parlementair']",
        "dt.identifier": ".//{*}owmskern/{*}identifier",
    }
    if index not in paths:
        return None
    found = record.find(paths[index])
    return (found.text or "").strip() if found is not None else None


# ---------------------------------------------------------------- serving


def _handler(replay: TkReplay | KoopReplay) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            parts = urlsplit(self.path)
            replay.requests.append(self.path)
            fault = replay.faults.pop(0) if replay.faults else None
            if fault == "503":
                return self._send(503, b"Service Unavailable", "text/plain")
            if fault == "timeout":
                time.sleep(1.0)
            query = {k: v[0] for k, v in parse_qs(parts.query).items()}
            status, body, content_type = replay.answer(parts.path, query)
            if fault == "garbage":
                body = body[: len(body) // 2]
            self._send(status, body, content_type)

        def _send(self, status: int, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):  # a client that timed out
                pass

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


@contextmanager
def serving(replay: TkReplay | KoopReplay) -> Iterator[str]:
    """Serve `replay` on a loopback port; yields the root URL (http://127.0.0.1:port)."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(replay))
    root = f"http://127.0.0.1:{httpd.server_address[1]}"
    replay.base = root
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield root
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)
