"""Atom and RSS feeds of what changed, and an OPML list of them. Pure: values in, bytes out.

A feed is a kind of entry (position events, or every change), optionally of one
formation or one thread. Each entry's id is the change's stable GUID and its dates are
the letter's date, so the same store renders the same bytes: a reader sees an entry
once, and a static file only changes when something new happened.

feedgen 1.0.0 writes the XML. Its Atom entry links lose `rel` and `type`, so `_Entry`
puts them back; texts are cleaned of characters XML cannot carry before they reach it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

import lxml.html
from feedgen.entry import FeedEntry
from feedgen.feed import FeedGenerator
from lxml import etree
from lxml.html.builder import E

from tracker import patterns
from tracker.errors import TrackerError
from tracker.extract.base import NOTE_RE
from tracker.naming import clean_title, council_name, dutch_date, letter_name
from tracker.positions import STANCES_NL
from tracker.records import dataclass
from tracker.store.queries import FeedItem, ThreadInfo
from tracker.views.html import FIELDS_NL, OPS_NL
from tracker.views.reading import change_moves, word_runs

FORMATS = ("atom", "rss")
MEDIA_TYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # `updated` of a feed without entries
MAX_CHANGES = 8  # sentence changes shown in an entry; its page shows them all
AUTHOR = "tracker (geannoteerde agenda's van de Rijksoverheid)"
OFFICIAL = "https://zoek.officielebekendmakingen.nl/{}.html"
# The Council's configurations by the names letters give them (lower case), as people say them.
SUBTITLES = {
    "position": "Waar het kabinet in de geannoteerde agenda voor een EU-Raad een ander "
    "standpunt inneemt of het anders verwoordt dan in de vorige brief.",
    "change": "Wat het kabinet in de geannoteerde agenda voor een EU-Raad anders schrijft "
    "dan in de vorige brief.",
}
# XML 1.0 characters, less the C1 controls; form feeds and vertical tabs become spaces.
_ILLEGAL = patterns.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NOTE_MARKS = patterns.compile("[\ue000\ue001]")
_KEY = patterns.compile(r"[A-Za-z0-9_-]+")


class FeedError(TrackerError):
    """A feed cannot be rendered from what it was given."""


@dataclass(frozen=True)
class Feed:
    """One feed: its kind of entries, optionally of one thread or formation."""

    slug: str  # the path under /feeds/, without the format's suffix
    title: str
    kind: str | None  # position | change | None (both)
    thread: str | None
    formation: str | None

    def path(self, fmt: str = "atom") -> str:
        """The feed's URL path: `/feeds/<slug>.atom` or `.rss`."""
        return f"/feeds/{self.slug}.{_checked_format(fmt)}"


def all_feeds(formations: Sequence[str], threads: Sequence[ThreadInfo]) -> list[Feed]:
    """Positions (the headline feed), all changes, one feed per formation, and one per
    agenda dossier (the covering letters' sections "Aanleiding", "Krachtenveld" get none)."""
    feeds = [
        Feed("positions", "Standpunten van Nederland in de EU-Raden", "position", None, None),
        Feed("changes", "Wijzigingen in de geannoteerde agenda's", "change", None, None),
    ]
    feeds += [
        Feed(
            f"formation/{formation_slug(name)}",
            f"{council_name(name)}: wijzigingen in de geannoteerde agenda's",
            "change",
            None,
            name,
        )
        for name in formations
    ]
    feeds += [
        Feed(
            f"thread/{_thread_key(thread.key)}",
            f"{clean_title(thread.title)} ({council_name(thread.formation)}): wijzigingen",
            "change",
            thread.key,
            thread.formation,
        )
        for thread in threads
        if thread.agenda
    ]
    return feeds


def render_feed(
    feed: Feed, items: Iterable[FeedItem], fmt: str, base_url: str, updated: datetime
) -> bytes:
    """The feed as Atom or RSS 2.0 bytes, its entries in the order given (newest first)."""
    fmt = _checked_format(fmt)
    if updated.tzinfo is None:
        raise FeedError(f"{feed.slug}: `updated` must be an aware datetime, got {updated}")
    base = base_url.rstrip("/")
    url = base + feed.path(fmt)
    generator = FeedGenerator()
    generator.id(url)
    generator.title(clean_title(feed.title))
    generator.subtitle(SUBTITLES.get(feed.kind or "change", SUBTITLES["change"]))
    generator.link(href=url, rel="self", type=MEDIA_TYPES[fmt])
    generator.link(href=base + "/", rel="alternate", type="text/html")
    generator.language("nl")
    generator.author(name=AUTHOR)
    generator.generator("tracker")
    generator.updated(updated)
    for item in items:
        generator.add_entry(_entry(item, base), order="append")
    if fmt == "atom":
        return bytes(generator.atom_str(pretty=True))
    return bytes(generator.rss_str(pretty=True))


def feed_updated(items: Iterable[FeedItem]) -> datetime:
    """When a feed last changed: its newest entry's date, or the epoch for an empty feed."""
    return max((entry_date(item) for item in items), default=EPOCH)


class _Entry(FeedEntry):
    """A feedgen entry whose Atom links keep their rel, type and title (1.0.0 drops them)."""

    def atom_entry(self, extensions: bool = True) -> Any:
        """The Atom entry element, links repaired."""
        entry = super().atom_entry(extensions)
        for element, link in zip(entry.findall("link"), self.link() or [], strict=True):
            for key in ("rel", "type", "title"):
                if link.get(key):
                    element.set(key, link[key])
        return entry


def _entry(item: FeedItem, base: str) -> _Entry:
    entry = _Entry()
    entry.id(clean_text(item.guid))
    entry.guid(clean_text(item.guid), permalink=False)
    entry.title(entry_title(item))
    entry.published(entry_date(item))
    entry.updated(entry_date(item))
    entry.link(_links(item, base))
    entry.content(entry_html(item, base), type="html")
    return entry


def _links(item: FeedItem, base: str) -> list[dict[str, str]]:
    """The entry's page (alternate; RSS's link) and the official source (related)."""
    links = [{"href": page_url(base, item.guid), "rel": "alternate", "type": "text/html"}]
    source = official_url(item)
    if source:
        links.append({"href": source, "rel": "related", "title": "Officiële publicatie"})
    return links


def entry_title(item: FeedItem) -> str:
    """What happened in one line: `<topic> — Nederland: tegen → voor (JBZ-Raad 8 december 2025)`."""
    return f"{_subject(item)} — {_what(item)} ({occasion(item)})"


def _subject(item: FeedItem) -> str:
    head = item.change.get("new") or item.change.get("old") or {}
    return clean_title(str(head.get("title") or item.thread_title)) or "(zonder titel)"


def _what(item: FeedItem) -> str:
    move, kept = stance_move(item), kept_stance(item)
    if item.undoes:
        return f"teruggedraaid: Nederland weer {STANCES_NL[move[1]]}" if move else "teruggedraaid"
    if move:
        return f"Nederland: {STANCES_NL[move[0]]} → {STANCES_NL[move[1]]}"
    if kept:
        return f"Nederland: standpunt anders verwoord ({STANCES_NL[kept]})"
    return "gewijzigd"


def stance_move(item: FeedItem) -> tuple[str, str] | None:
    """The item's headline stance move (old, new) when the stance changed."""
    move = item.change.get("position_change") or {}
    old, new = _stance(move.get("old")), _stance(move.get("new"))
    return (old, new) if move and old != new else None


def kept_stance(item: FeedItem) -> str | None:
    """The stance of a position sentence that was reworded without changing it."""
    move = item.change.get("position_change") or {}
    old, new = _stance(move.get("old")), _stance(move.get("new"))
    return new if move and old == new else None


def _stance(value: Any) -> str:
    return str(value) if value in STANCES_NL else "none"


def occasion(item: FeedItem) -> str:
    """The Council meeting the letter is for: `JBZ-Raad 8 december 2025`."""
    council = council_name(item.formation)
    if item.meeting:
        return f"{council} {dutch_date(item.meeting)}"
    if item.published:
        return f"{council}, brief van {dutch_date(item.published)}"
    return council


def formation_slug(formation: str) -> str:
    """The formation's name as a URL path segment: lower-case ASCII words joined by hyphens."""
    ascii_name = unicodedata.normalize("NFKD", formation).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "onbekend"


def entry_date(item: FeedItem) -> datetime:
    """The letter's date at 00:00 in Amsterdam (the meeting's date if it has none)."""
    for text in (item.published, item.meeting):
        try:
            day = date.fromisoformat(text or "")
        except ValueError:
            continue
        return datetime(day.year, day.month, day.day, tzinfo=AMSTERDAM)
    return EPOCH


def page_url(base_url: str, guid: str) -> str:
    """The web page of a change: `<base>/changes/<hex>`, hex being the GUID's last part."""
    return f"{base_url.rstrip('/')}/changes/{quote(guid.rsplit(':', 1)[-1], safe='')}"


def official_url(item: FeedItem) -> str | None:
    """Where the letter is published: its source URL, else the official site for `kst-` ids."""
    source = clean_text(item.source_url or "").strip()
    if source and urlsplit(source).scheme in ("http", "https"):
        return source
    if item.official_id.startswith("kst-"):
        return OFFICIAL.format(quote(item.official_id, safe=""))
    return None


def entry_html(item: FeedItem, base_url: str) -> str:
    """The entry's content: what changed, sentence by sentence, as a small HTML fragment."""
    base = base_url.rstrip("/")
    changes = list(item.change.get("changes") or ())
    blocks = [*_lead(item, base), *(p for c in changes[:MAX_CHANGES] for p in _change_html(c))]
    if len(changes) > MAX_CHANGES:
        rest = len(changes) - MAX_CHANGES
        more = E.a({"href": page_url(base, item.guid)}, "de hele wijziging")
        blocks.append(E.p(f"En nog {rest} wijziging{'en' if rest > 1 else ''}: zie ", more, "."))
    blocks.append(_footer(item, base))
    return "\n".join(lxml.html.tostring(block, encoding="unicode") for block in blocks)


def _lead(item: FeedItem, base: str) -> list[Any]:
    """What the entry is about: a reversal, and the stance, before the sentences."""
    blocks = []
    if item.undoes:
        earlier = E.a({"href": page_url(base, item.undoes)}, "de wijziging in de vorige brief")
        blocks.append(E.p(E.strong("Teruggedraaid: "), "deze brief draait ", earlier, " terug."))
    move, kept = stance_move(item), kept_stance(item)
    if move:
        stances = f"{STANCES_NL[move[0]]} → {STANCES_NL[move[1]]}"
        blocks.append(E.p("Standpunt van Nederland: ", E.strong(stances), "."))
    elif kept:
        held = E.strong(STANCES_NL[kept])
        blocks.append(
            E.p("Standpunt van Nederland ongewijzigd (", held, "), maar anders verwoord.")
        )
    return blocks


def _change_html(change: Mapping[str, Any]) -> list[Any]:
    """One changed sentence, title or procedure line: its words marked, then the text
    before and after in plain words, so a reader that shows no markup reads it right."""
    tags = {"delete": "del", "insert": "ins"}
    runs = [(op, clean_text(text)) for op, text in word_runs(change)]
    marked = [E(tags[op], text) if op in tags else text for op, text in runs if text]
    plain: list[Any] = []
    for side, word in (("old", "Was"), ("new", "Nu")):
        if change.get(side):
            plain += [E.br()] if plain else []
            plain.append(f"{word}: {clean_text(str(change[side]))}")
    return [E.p(E.strong(f"{_label(change)}: "), *marked), E.p(*plain)]


def _label(change: Mapping[str, Any]) -> str:
    field = str(change.get("field") or "body")
    label = FIELDS_NL.get(field) or OPS_NL.get(str(change.get("op")), "Tekst")
    stance = change.get("stance") or {}
    if change_moves(change):
        old, new = _stance(stance.get("old")), _stance(stance.get("new"))
        return f"{label} (standpunt {STANCES_NL[old]} → {STANCES_NL[new]})"
    if change.get("position"):
        return f"{label} (standpunt anders verwoord)"
    return label


def _footer(item: FeedItem, base: str) -> Any:
    """Links to the change's page and the official publication, and which letters differ."""
    parts: list[Any] = [E.a({"href": page_url(base, item.guid)}, "Bekijk de wijziging")]
    source = official_url(item)
    if source:
        parts += [" · ", E.a({"href": source}, "officiële publicatie")]
    new = letter_name(item.formation, item.meeting, item.addressee, item.date)
    old = letter_name(item.formation, item.old_meeting, item.old_addressee, item.old_date)
    return E.p(*parts, f" · brief {new}, vergeleken met {old}")


def clean_text(text: str) -> str:
    """`text` without footnote markers and characters XML 1.0 cannot carry."""
    text = _NOTE_MARKS.sub("", NOTE_RE.sub("", text))
    return _ILLEGAL.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() in "\x0b\x0c" else ""


def render_opml(feeds: Sequence[Feed], base_url: str, fmt: str = "atom") -> bytes:
    """An OPML 2.0 list of the headline feeds and one per formation (a dossier's feed is
    offered on its thread's page)."""
    fmt = _checked_format(fmt)
    base = base_url.rstrip("/")
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = "Feeds van de geannoteerde agenda's"
    etree.SubElement(head, "docs").text = "http://opml.org/spec2.opml"
    body = etree.SubElement(root, "body")
    groups: dict[str, Any] = {}
    for feed in feeds:
        if feed.thread is not None:
            continue
        parent = body
        if feed.formation is not None:
            parent = groups.get(feed.formation)
            if parent is None:
                parent = _outline(body, council_name(feed.formation))
                groups[feed.formation] = parent
        title = clean_title(feed.title)
        _outline(parent, title, type="rss", title=title, xmlUrl=base + feed.path(fmt))
    return bytes(etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True))


def _outline(parent: Any, text: str, **attributes: str) -> Any:
    return etree.SubElement(parent, "outline", text=text, **attributes)


def _checked_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise FeedError(f"{fmt!r}: not a feed format (atom or rss)")
    return fmt


def _thread_key(key: str) -> str:
    """A thread key as a path segment; keys are hex digests, anything else is refused."""
    if not _KEY.fullmatch(key):
        raise FeedError(f"{key!r}: not a thread key usable in a feed URL")
    return key
