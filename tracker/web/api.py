"""The JSON API: the store's objects as JSON, and a hand-written OpenAPI 3.1 description."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any, TypeVar

from tracker import __version__
from tracker.feeds import entry_title
from tracker.records import dataclass
from tracker.store.queries import FeedItem, LetterInfo, ThreadInfo, Timeline
from tracker.web.pages import LetterItem
from tracker.web.render import change_href, letter_href, path, thread_href

T = TypeVar("T")
MEDIA_TYPE = "application/json"
# Escaped so that no JSON answer ever holds markup, even when sniffed or pasted into a page.
_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_bytes(value: Any) -> bytes:
    """`value` as UTF-8 JSON with `<`, `>` and `&` escaped."""
    return json.dumps(value, ensure_ascii=False, indent=1).translate(_UNSAFE).encode()


def letter_json(info: LetterInfo, base_url: str) -> dict[str, Any]:
    """A stored letter version as listed (its snapshot path stays private)."""
    fields = asdict(info)
    del fields["snapshot"]
    fields["withdrawn"] = info.withdrawn.isoformat() if info.withdrawn else None
    return {
        "name": info.name,
        **fields,
        "url": base_url + letter_href(info.name),
        "xml_url": base_url + path("letters", info.name + ".xml"),
    }


def letter_detail_json(
    info: LetterInfo, items: Sequence[LetterItem], base_url: str
) -> dict[str, Any]:
    """A stored letter with its items and covering sections, each with its thread key."""
    return {**letter_json(info, base_url), "units": [asdict(item) for item in items]}


def thread_json(info: ThreadInfo, base_url: str) -> dict[str, Any]:
    """A thread as listed."""
    return {**asdict(info), "url": base_url + thread_href(info.key)}


def timeline_json(timeline: Timeline, base_url: str) -> dict[str, Any]:
    """A thread's timeline: its moments with the change (diff item) each brought."""
    return {**asdict(timeline), "url": base_url + thread_href(timeline.key)}


def change_json(item: FeedItem, base_url: str) -> dict[str, Any]:
    """A feed entry with its change, a `tracker.diff/1` item; its source URL only when it
    is a web address."""
    return {
        "hex": item.guid.rsplit(":", 1)[-1],
        **asdict(item),
        "source_url": _web_address(item.source_url),
        "title": entry_title(item),
        "url": base_url + change_href(item.guid),
    }


def _web_address(url: str | None) -> str | None:
    """An http(s) address; any other (`file:///srv/…`) would name a path on the server."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


PAGE_SIZE = 100  # items of a list page when `limit` is not given


@dataclass(frozen=True)
class Paging:
    """Which page of a list to answer: its number, its size, and whether the size was asked."""

    page: int = 1
    limit: int = PAGE_SIZE
    asked_limit: bool = False

    def pages(self, total: int) -> int:
        """How many pages `total` items fill (an empty list has one, empty, page)."""
        return max(1, -(-total // self.limit))

    def of(self, items: Sequence[T]) -> Sequence[T]:
        """This page's part of `items`."""
        return items[(self.page - 1) * self.limit : self.page * self.limit]

    def headers(self, url: str, total: int) -> tuple[tuple[str, str], ...]:
        """`Link` (RFC 8288: first, prev, next, last) and `X-Total-Count` for a list at `url`."""
        last = self.pages(total)
        rels = [("first", 1), ("prev", self.page - 1), ("next", self.page + 1), ("last", last)]
        links = [f'<{self.href(url, n)}>; rel="{rel}"' for rel, n in rels if 1 <= n <= last]
        return (("Link", ", ".join(links)), ("X-Total-Count", str(total)))

    def href(self, url: str, page: int) -> str:
        """The address of page `page`, with the size asked for, if one was."""
        return f"{url}?page={page}" + (f"&limit={self.limit}" if self.asked_limit else "")


def error_json(status: int, message: str) -> dict[str, Any]:
    """The body of an API error."""
    return {"error": {"status": status, "message": message}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _ok(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {MEDIA_TYPE: {"schema": schema}}}


def _errors(*statuses: int) -> dict[str, Any]:
    words = {400: "Bad request parameters", 404: "Not found"}
    return {str(s): _ok(words[s], _ref("Error")) for s in statuses}


def _param(
    name: str, where: str, description: str, required: bool = False, **schema: Any
) -> dict[str, Any]:
    return {
        "name": name,
        "in": where,
        "required": required or where == "path",
        "description": description,
        "schema": {"type": "string", **schema},
    }


def _limit(description: str, default: int) -> dict[str, Any]:
    return {
        "name": "limit",
        "in": "query",
        "required": False,
        "description": description,
        "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": default},
    }


PAGE_PARAMS = (
    {
        "name": "page",
        "in": "query",
        "required": False,
        "description": "Which page of the list (from 1; past the last is a 404)",
        "schema": {"type": "integer", "minimum": 1, "default": 1},
    },
    _limit(f"Items per page (1-500, default {PAGE_SIZE})", PAGE_SIZE),
)
PAGE_HEADERS = {
    "Link": {
        "description": 'The list\'s other pages (RFC 8288): `<…?page=2>; rel="next"`, and '
        "`first`, `prev`, `last`; no `next` on the last page",
        "schema": {"type": "string"},
    },
    "X-Total-Count": {
        "description": "How many items the whole list has",
        "schema": {"type": "integer"},
    },
}


def _paged(description: str, item: str) -> dict[str, Any]:
    """A list answered in pages: an array of `item`, its other pages in the `Link` header."""
    return {**_ok(description, {"type": "array", "items": _ref(item)}), "headers": PAGE_HEADERS}


def _get(
    summary: str,
    response: dict[str, Any],
    *params: dict[str, Any],
    errors: tuple[int, ...] = (404,),
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "responses": {"200": response, **_errors(*errors)},
    }
    if params:
        operation["parameters"] = list(params)
    return {"get": operation}


LETTER_NAME = _param("name", "path", "`id@version`, `id` (newest version) or a content hash prefix")
PATHS: dict[str, Any] = {
    "/api/letters": _get(
        "The stored letter versions, a page at a time, in formation and meeting order",
        _paged("Letters", "Letter"),
        *PAGE_PARAMS,
        errors=(400, 404),
    ),
    "/api/letters/{name}": _get(
        "One letter version with its units", _ok("A letter", _ref("LetterDetail")), LETTER_NAME
    ),
    "/api/threads": _get(
        "The threads (a topic across meetings), a page at a time, by formation and title",
        _paged("Threads", "Thread"),
        *PAGE_PARAMS,
        errors=(400, 404),
    ),
    "/api/threads/{key}": _get(
        "One thread's timeline",
        _ok("A timeline", _ref("Timeline")),
        _param("key", "path", "The thread key"),
    ),
    "/api/changes": _get(
        "The newest changes and position events, newest first",
        _ok("Changes", {"type": "array", "items": _ref("Change")}),
        _param("kind", "query", "Only this kind", enum=["change", "position"]),
        _param("formation", "query", "Only this Council formation: its key or name"),
        _param("thread", "query", "Only this thread key"),
        _limit("At most this many (1-500, default 50)", 50),
        errors=(400,),
    ),
    "/api/changes/{hex}": _get(
        "One change or position event",
        _ok("A change", _ref("Change")),
        _param("hex", "path", "The hex part of the GUID, or the whole GUID"),
    ),
    "/api/compare": _get(
        "The diff of two stored letters (`tracker.diff/1`)",
        _ok("A diff", _ref("Diff")),
        _param("old", "query", "The old letter", required=True),
        _param("new", "query", "The new letter", required=True),
        errors=(400, 404),
    ),
    "/api/openapi.json": _get(
        "This description", _ok("OpenAPI 3.1", {"type": "object"}), errors=()
    ),
}
_STR = {"type": "string"}
_OPT_STR = {"type": ["string", "null"]}
_STANCE = {"enum": ["support", "oppose", "conditional", "neutral", "none", None]}
SCHEMAS: dict[str, Any] = {
    "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "message"],
                "properties": {"status": {"type": "integer"}, "message": _STR},
            }
        },
    },
    "Letter": {
        "type": "object",
        "required": ["name", "official_id", "version", "formation", "items", "url"],
        "properties": {
            "name": _STR,
            "official_id": _STR,
            "version": {"type": "integer"},
            "date": _OPT_STR,
            "formation": _STR,
            "meeting": _OPT_STR,
            "place": _OPT_STR,
            "addressee": _OPT_STR,
            "title": _OPT_STR,
            "items": {"type": "integer", "description": "How many items the letter has"},
            "formats": {"type": "array", "items": _STR},
            "content_sha256": _STR,
            "withdrawn": {
                "oneOf": [{"type": "string", "format": "date-time"}, {"type": "null"}],
                "description": "When its source withdrew the letter (it stays in the history)",
            },
            "url": {"type": "string", "format": "uri"},
            "xml_url": {"type": "string", "format": "uri"},
        },
    },
    "LetterDetail": {
        "allOf": [
            _ref("Letter"),
            {
                "type": "object",
                "required": ["units"],
                "properties": {"units": {"type": "array", "items": _ref("Unit")}},
            },
        ]
    },
    "Unit": {
        "type": "object",
        "required": ["ref", "title", "part"],
        "properties": {
            "ref": _STR,
            "title": _STR,
            "kind": _OPT_STR,
            "part": {"type": "string", "description": "Agenda part, or `cover`"},
            "thread": _OPT_STR,
        },
    },
    "Thread": {
        "type": "object",
        "required": ["key", "formation", "title", "changes"],
        "properties": {
            "key": _STR,
            "formation": _STR,
            "title": _STR,
            "changes": {"type": "integer"},
            "latest": _OPT_STR,
            "agenda": {
                "type": "boolean",
                "description": "An agenda dossier (false: a section of the covering letters)",
            },
            "url": {"type": "string", "format": "uri"},
        },
    },
    "Timeline": {
        "type": "object",
        "required": ["key", "formation", "title", "moments"],
        "properties": {
            "key": _STR,
            "formation": _STR,
            "title": _STR,
            "moments": {"type": "array", "items": _ref("Moment")},
            "url": {"type": "string", "format": "uri"},
        },
    },
    "Moment": {
        "type": "object",
        "required": ["letter", "ref", "title"],
        "properties": {
            "meeting": _OPT_STR,
            "letter": _STR,
            "ref": _STR,
            "title": _STR,
            "kind": _OPT_STR,
            "stance": _STANCE,
            "change": {"oneOf": [_ref("Item"), {"type": "null"}]},
            "withdrawn": {"type": "boolean", "description": "The letter was withdrawn"},
        },
    },
    "Change": {
        "type": "object",
        "required": ["hex", "guid", "kind", "title", "letter", "old_letter", "change"],
        "properties": {
            "hex": _STR,
            "guid": _STR,
            "kind": {"enum": ["change", "position"]},
            "title": _STR,
            "published": _OPT_STR,
            "formation": _STR,
            "thread_key": _STR,
            "thread_title": _STR,
            "letter": _STR,
            "old_letter": _STR,
            "meeting": _OPT_STR,
            "official_id": _STR,
            "source_url": _OPT_STR,
            "change": _ref("Item"),
            "undoes": _OPT_STR,
            "addressee": _OPT_STR,
            "date": _OPT_STR,
            "old_meeting": _OPT_STR,
            "old_addressee": _OPT_STR,
            "old_date": _OPT_STR,
            "url": {"type": "string", "format": "uri"},
        },
    },
    "Head": {
        "type": ["object", "null"],
        "properties": {"ref": _STR, "title": _STR, "kind": _OPT_STR},
    },
    "Item": {
        "type": "object",
        "description": "An item of `tracker.diff/1`",
        "required": ["status", "old", "new", "changes"],
        "properties": {
            "status": {"enum": ["changed", "added", "removed", "unchanged"]},
            "old": _ref("Head"),
            "new": _ref("Head"),
            "moved": {"type": "boolean"},
            "retitled": {"type": "boolean"},
            "similarity": {"type": "number"},
            "position_change": {
                "type": ["object", "null"],
                "description": "The item's headline stance move, if its stance changed",
                "properties": {"old": _STANCE, "new": _STANCE},
            },
            "changes": {"type": "array", "items": _ref("SentenceChange")},
        },
    },
    "SentenceChange": {
        "type": "object",
        "required": ["op"],
        "properties": {
            "op": {"enum": ["insert", "delete", "replace"]},
            "field": _STR,
            "old": _OPT_STR,
            "new": _OPT_STR,
            "position": {"type": "boolean"},
            "stance": {
                "type": ["object", "null"],
                "properties": {"old": _STANCE, "new": _STANCE},
            },
            "words": {
                "type": ["array", "null"],
                "items": {"type": "array", "prefixItems": [_STR, _STR]},
            },
        },
    },
    "Diff": {
        "type": "object",
        "required": ["schema", "old", "new", "items"],
        "properties": {
            "schema": {"const": "tracker.diff/1"},
            "old": {"type": "object"},
            "new": {"type": "object"},
            "summary": {
                "type": "object",
                "description": "How many items changed, were added, removed, moved, ...",
                "additionalProperties": {"type": "integer"},
            },
            "items": {"type": "array", "items": _ref("Item")},
            "duplicates": {"type": "array", "items": {"type": "object"}},
        },
    },
}


def openapi(base_url: str) -> dict[str, Any]:
    """The OpenAPI 3.1 description of the JSON API."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "tracker: geannoteerde agenda's",
            "version": __version__,
            "description": "Letters, threads and changes of the Dutch government's "
            "annotated agendas for EU Council meetings.",
        },
        "servers": [{"url": base_url or "/"}],
        "paths": PATHS,
        "components": {"schemas": SCHEMAS},
    }
