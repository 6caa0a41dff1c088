"""Building blocks of the pages: the shared frame, CSS, links, stances and redlined changes.

Everything is built with lxml's element builder, so every text and attribute is escaped;
text is first cleared of characters XML cannot hold. Items and changes are drawn in the
style of `tracker.views.html` (the same CSS classes and Dutch labels).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any
from urllib.parse import quote

import lxml.html
from lxml.html.builder import E

from tracker import patterns
from tracker.extract.base import strip_notes
from tracker.naming import clean_title, dutch_date, stance_name
from tracker.views.html import CSS as DIFF_CSS
from tracker.views.html import FIELDS_NL, OPS_NL, STATUS_NL
from tracker.views.reading import (
    change_moves,
    cue_text,
    item_head,
    item_status,
    status_words,
    word_runs,
)

SITE_NAME = "Geannoteerde agenda's"
SITE_CSS = (
    DIFF_CSS
    + """
.site { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; align-items: baseline;
  border-bottom: 1px solid var(--rule); padding-bottom: .5rem; margin-bottom: 1.25rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; }
.site .brand { font-weight: 700; text-decoration: none; }
.site nav a { margin-right: .9rem; }
.meta th[scope=row] { width: 11rem; color: var(--muted); font-weight: 600; }
.listing td, .listing th { font-size: .95rem; }
.entries { padding-left: 1.2rem; } .entries li { margin-bottom: .6rem; }
.small { font-size: .85rem; color: var(--muted); font-family: system-ui, sans-serif; }
.feeds { list-style: none; padding: 0; } .feeds li { margin-bottom: .25rem; }
form.compare { display: grid; grid-template-columns: max-content 1fr; gap: .5rem .75rem;
  align-items: center; font-family: system-ui, sans-serif; }
form.compare select { max-width: 100%; font: inherit; }
form.compare button { grid-column: 2; justify-self: start; font: inherit;
  padding: .2rem .9rem; }
.moment { border-top: 1px solid var(--rule); padding: .75rem 0 .25rem; }
.moment h2 { border: 0; margin: 0 0 .25rem; font-size: 1.15rem; }
.error { border-left: 6px solid #8a1010; padding: .25rem 1rem; background: #fdf1f1; }
"""
)
CSP_STYLE_HASHES = " ".join(
    "'sha256-" + base64.b64encode(hashlib.sha256(css.encode()).digest()).decode() + "'"
    for css in (SITE_CSS, DIFF_CSS)
)
SECURITY_HEADERS = (
    (
        b"content-security-policy",
        (
            f"default-src 'none'; style-src {CSP_STYLE_HASHES}; img-src 'self'; "
            "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        ).encode(),
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
KINDS_NL = {"position": "standpunt", "change": "wijziging"}
_NOT_XML = patterns.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def text(value: Any) -> str:
    """A value as display text: notes markers out, characters XML cannot hold dropped."""
    return _NOT_XML.sub("", strip_notes("" if value is None else str(value)))


def shown_title(value: Any) -> str:
    """A title as display text: no note markers, private-use, control or line-break
    characters (`tracker.naming.clean_title`)."""
    return clean_title(text(value))


def document(title: str, *content: Any, alternates: Sequence[tuple[str, str, str]] = ()) -> bytes:
    """A whole page in the site's frame; `alternates` are (media type, title, href) feeds."""
    links = [
        E.link(rel="alternate", type=kind, title=text(label), href=href)
        for kind, label, href in alternates
    ]
    page = E.html(
        {"lang": "nl"},
        E.head(
            E.meta(charset="utf-8"),
            E.meta(name="viewport", content="width=device-width, initial-scale=1"),
            E.title(shown_title(f"{title} · {SITE_NAME}")),
            E.style(SITE_CSS),
            *links,
        ),
        E.body(_site_header(), E.main(*content), _site_footer()),
    )
    html = lxml.html.tostring(page, doctype="<!DOCTYPE html>", encoding="unicode")
    return str(html).encode()


def _site_header() -> Any:
    nav = E.nav(
        {"aria-label": "Hoofdmenu"},
        E.a({"href": "/#standpunten"}, "Standpunten"),
        E.a({"href": "/#brieven"}, "Brieven"),
        E.a({"href": "/#vergelijken"}, "Vergelijken"),
        E.a({"href": "/#feeds"}, "Feeds"),
        E.a({"href": "/api/openapi.json"}, "API"),
    )
    return E.header({"class": "site"}, E.a({"class": "brand", "href": "/"}, SITE_NAME), nav)


def _site_footer() -> Any:
    return E.footer(
        E.p(
            "Wijzigingen in de geannoteerde agenda's van de Nederlandse regering voor de "
            "Raad van de Europese Unie, gevolgd door tracker."
        )
    )


def error_document(status: int, message: str) -> bytes:
    """The page of an error: its status and a clear message."""
    heading = {404: "Niet gevonden", 400: "Onjuist verzoek", 405: "Methode niet toegestaan"}
    title = heading.get(status, "Er ging iets mis")
    return document(
        title,
        E.h1(title),
        E.div({"class": "error"}, E.p(text(message))),
        E.p(E.a({"href": "/"}, "Naar de beginpagina")),
    )


def path(*parts: str) -> str:
    """A root-relative URL from path segments, each percent-encoded (`@` kept)."""
    return "/" + "/".join(quote(part, safe="@") for part in parts)


def letter_href(name: str) -> str:
    """The page of a stored letter."""
    return path("letters", name)


def thread_href(key: str) -> str:
    """The page of a thread."""
    return path("threads", key)


def change_href(guid: str) -> str:
    """The page of a change, by the hex part of its GUID."""
    return path("changes", guid.rsplit(":", 1)[-1])


def official_url(official_id: str, source_url: str | None) -> str | None:
    """Where the letter is published: its source URL, else the official page of a kst- id."""
    if source_url and source_url.lower().startswith(("https://", "http://")):
        return source_url
    if official_id.startswith("kst-"):
        return f"https://zoek.officielebekendmakingen.nl/{quote(official_id)}.html"
    return None


def date_element(value: str | None) -> Any:
    """An ISO date as a Dutch `<time>`, or a dash."""
    return E.time({"datetime": text(value)}, text(dutch_date(value))) if value else "—"


def stance_badge(stance: str | None) -> Any:
    """A stance as a coloured Dutch label."""
    value = stance or "none"
    attrs = {"class": f"stance stance-{text(value)}", "data-stance": text(value)}
    return E.span(attrs, stance_name(value))


def stance_move(old: str | None, new: str | None) -> Any:
    """`old → new` as two stance labels."""
    return E.span({"class": "move"}, stance_badge(old), " → ", stance_badge(new))


def meta_table(caption: str, rows: Iterable[tuple[str, Any]]) -> Any:
    """A two-column table of labelled values; empty values are left out."""
    body = [
        E.tr(E.th({"scope": "row"}, label), E.td(value))
        for label, value in rows
        if value is not None and not (isinstance(value, str) and not value)
    ]
    return E.table({"class": "meta"}, E.caption(caption), E.tbody(*body))


def item_article(item: Mapping[str, Any], heading: str = "h3") -> Any:
    """One diff item (`tracker.diff/1`): ref, title, status and its changes as redlines."""
    head = item_head(item)
    title = E(
        heading,
        E.span({"class": "ref"}, text(head.get("ref"))),
        " ",
        shown_title(head.get("title")),
    )
    status = item_status(item)
    badges = [
        E.span({"class": f"badge badge-{text(w)}"}, text(STATUS_NL.get(w, w)))
        for w in status_words(item)
    ]
    parts: list[Any] = [piece for badge in badges for piece in (badge, " ")]
    old, new = item.get("old") or {}, item.get("new") or {}
    if item.get("moved") and old.get("ref") and new.get("ref"):
        parts.append(f"{text(old['ref'])} → {text(new['ref'])} ")
    if status == "changed" and item.get("similarity") is not None:
        parts.append(f"· {round(float(item['similarity']) * 100)}% gelijk")
    changes = [change_block(change) for change in item.get("changes") or ()]
    attrs = {"class": f"item item-{text(status)}"}
    return E.article(attrs, title, E.p({"class": "status"}, *parts), *_kinds(old, new), *changes)


def _kinds(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Any]:
    if old.get("kind") != new.get("kind") and old and new:
        yield E.p(
            {"class": "small"},
            f"Procedure: {text(old.get('kind') or '—')} → ",
            text(new.get("kind") or "—"),
        )
    elif (new or old).get("kind"):
        yield E.p({"class": "small"}, "Procedure: ", text((new or old).get("kind")))


def change_block(change: Mapping[str, Any]) -> Any:
    """One sentence-level change as a redline: `<del>` and `<ins>` per word where known."""
    css = "change change-position" if change_moves(change) else "change"
    label = E.p({"class": "label"}, *_change_label(change))
    tags = {"delete": "del", "insert": "ins"}
    runs = [
        E(tags[op], text(words)) if op in tags else text(words) for op, words in word_runs(change)
    ]
    return E.div({"class": css}, label, E.p({"class": "redline"}, *runs))


def _change_label(change: Mapping[str, Any]) -> Iterator[Any]:
    field = str(change.get("field") or "body")
    yield text(FIELDS_NL.get(field) or OPS_NL.get(str(change.get("op")), "Tekst"))
    stance = change.get("stance") or {}
    if change_moves(change):
        yield " · standpunt "
        yield stance_move(stance.get("old"), stance.get("new"))
        if cue_text(change.get("cue")):
            yield " "
            yield E.span({"class": "cue"}, text(f"({cue_text(change.get('cue'))})"))
    elif change.get("position"):
        kept = stance.get("new") or stance.get("old")
        yield " · standpunt "
        yield from (stance_badge(kept), " ") if kept else ()
        yield "(anders verwoord)"
